/*
 * value/kind.h - one table of operations per property type (internal).
 *
 * Loading (JSON, and XML through its JSON shape), conflict finding and
 * describing a value for people all dispatch through ct_value__kind_of(), so a
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
    /* The value as written, for people, followed by `unit` ("" for none);
     * needs no property (ct_value_describe). */
    void (*write)(const json_t *v, const char *unit, char *buf, size_t n);
    /* The XML element (topic.xsd) that holds a value of this type written as a
     * string ("date", "term", "text"); NULL when its values are no strings. */
    const char *xml_string_element;
} ct_value_kind;

/* The rows, one per file of src/value/. */
extern const ct_value_kind ct_value__quantity_kind, ct_value__date_kind, ct_value__term_kind,
    ct_value__boolean_kind, ct_value__text_kind;

/* Operations the interval types (quantity, date) share. */
int ct_value__interval_compatible(const ct_property *p, const ct_claim *a, const ct_claim *b);
int ct_value__interval_implies(const ct_property *p, const ct_claim *y, const ct_claim *x);
int ct_value__interval_compare(const ct_claim *a, const ct_claim *b);
/* describe through the type's write, with the property's unit. */
void ct_value__plain_describe(const ct_property *p, const json_t *v, const ct_claim *cl, char *buf,
                              size_t n);
/* A string value as written ("?" for another JSON value); the unit unused. */
void ct_value__string_write(const json_t *v, const char *unit, char *buf, size_t n);


/* The operations of property type `t`; borrowed, static. */
const ct_value_kind *ct_value__kind_of(ct_value_type t);

/* Charts: whether values of type `t` are drawn on an axis (interval types),
 * and whether that axis counts days (dates) rather than numbers. */
static inline int ct_value__charted(ct_value_type t, int *days)
{
    unsigned f = ct_value__kind_of(t)->flags;
    *days = !(f & CT_VALUE_NUMBER);
    return (f & CT_VALUE_INTERVAL) != 0;
}

/* Index of term `name` in property `p`, or -1. */
long ct_value__term_find(const ct_property *p, const char *name);

#endif
