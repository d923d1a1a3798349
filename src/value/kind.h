/*
 * value/kind.h - one table of operations per property type (internal).
 *
 * Loading (JSON, and XML through its JSON shape), conflict finding and
 * describing a value for people all dispatch through ct_value_kind_of(), so a
 * new property type is one row of the table in kind.c plus its operations
 * (and the schemas).  Values know no output format.
 */
#ifndef CT_VALUE_KIND_H
#define CT_VALUE_KIND_H

#include <jansson.h>
#include <stddef.h>

#include "claimtrack/corpus.h"
#include "claimtrack/value.h"

enum {
    CT_VALUE_INTERVAL = 1,      /* the claim's value is its interval (sweep, charts) */
    CT_VALUE_NEVER_CLASHES = 2, /* claims of this type never conflict */
    CT_VALUE_NUMBER = 4         /* a number: gaps can be measured as factors */
};

typedef struct {
    ct_value_type type;
    const char *name; /* as in topic files: "quantity", ... */
    unsigned flags;   /* CT_VALUE_* */
    /* Check JSON value `v` of property `p` and set the claim's value fields
     * (interval, term, boolean); numbers too long for the fast path keep their
     * text with `store`.  Returns 0, CT_ENOMEM, or CT_EINVALID with the reason
     * in `why` (the property named, the claim not). */
    int (*parse)(const ct_property *p, const json_t *v, const ct_decimal_store *store, ct_claim *cl,
                 char *why, size_t n);
    /* Two assertions can both be true: 1 or 0. */
    int (*compatible)(const ct_property *p, const ct_claim *a, const ct_claim *b);
    /* Asserting `y` implies the value `x` (which a denial denies): 1 or 0. */
    int (*implies)(const ct_property *p, const ct_claim *y, const ct_claim *x);
    /* Order of two values of the same property: -1, 0 or 1. */
    int (*compare)(const ct_claim *a, const ct_claim *b);
    /* The value for people (a term's label when it has one). */
    void (*describe)(const ct_property *p, const json_t *v, const ct_claim *cl, char *buf,
                     size_t n);
} ct_value_kind;

/* The operations of property type `t`; borrowed, static. */
const ct_value_kind *ct_value_kind_of(ct_value_type t);

/* Index of term `name` in property `p`, or -1. */
long ct_value__term_find(const ct_property *p, const char *name);

#endif
