/*
 * kind.c - the table of property types and their operations.
 *
 * Quantities and dates are intervals (see value.c); terms are indexes into
 * their property's vocabulary, related through `broader`; booleans are 0 or
 * 1; text values are kept but never compared.
 */
#include "value/kind.h"

#include <stdio.h>
#include <string.h>

#include "claimtrack/common.h"
#include "util/namemap.h"
#include "util/nearest.h"

long ct_value__term_find(const ct_property *p, const char *name)
{
    if (p->term_index)
        return ct_namemap_get(p->term_index, name);
    for (size_t i = 0; i < p->n_terms; i++)
        if (strcmp(p->terms[i].name, name) == 0)
            return (long)i;
    return -1;
}

/* 1 when term `narrow` is `wide` or (transitively) narrower than it. */
/* `wide` is `narrow` or broader than it: constant time, from the
 * depth-first numbering of the `broader` forest (ct_term.enter). */
static int term_implies_index(const ct_property *p, long narrow, long wide)
{
    if (narrow < 0 || wide < 0)
        return 0;
    const ct_term *n = &p->terms[narrow], *w = &p->terms[wide];
    return w->enter <= n->enter && n->leave <= w->leave;
}

int ct_term_related(const ct_property *p, long a, long b)
{
    return term_implies_index(p, a, b) || term_implies_index(p, b, a);
}

/* ---- quantities and dates ------------------------------------------------ */

static int quantity_parse(const ct_property *p, const json_t *v, const ct_decimal_store *store,
                          ct_claim *cl, char *why, size_t n)
{
    char reason[200];
    int rc = ct_quantity_value_parse(v, &p->tolerance, store, &cl->interval, reason, sizeof reason);
    if (rc == 0)
        return ct_quantity_best(v, store, &cl->best);
    if (rc == CT_ENOMEM)
        return rc;
    snprintf(why, n, "%s for quantity property \"%s\"", reason, p->name);
    return CT_EINVALID;
}

static int date_parse(const ct_property *p, const json_t *v, const ct_decimal_store *store,
                      ct_claim *cl, char *why, size_t n)
{
    (void)store;
    char reason[200];
    if (ct_date_value_parse(v, &cl->interval, reason, sizeof reason) == 0)
        return 0;
    snprintf(why, n, "%s for date property \"%s\"", reason, p->name);
    return CT_EINVALID;
}

static int interval_compatible(const ct_property *p, const ct_claim *a, const ct_claim *b)
{
    (void)p;
    return ct_interval_overlap(&a->interval, &b->interval);
}

static int interval_implies(const ct_property *p, const ct_claim *y, const ct_claim *x)
{
    (void)p;
    return ct_interval_within(&y->interval, &x->interval);
}

static int interval_compare(const ct_claim *a, const ct_claim *b)
{
    return ct_interval_cmp(&a->interval, &b->interval);
}

/* ---- terms ------------------------------------------------------------- */

static int term_parse(const ct_property *p, const json_t *v, const ct_decimal_store *store,
                      ct_claim *cl, char *why, size_t n)
{
    (void)store;
    const char *s = json_string_value(v);
    if (!s) {
        snprintf(why, n, "expected a term of property \"%s\", got %s", p->name,
                 json_is_object(v) ? "object" : "non-string");
        return CT_EINVALID;
    }
    cl->term = (int32_t)ct_value__term_find(p, s);
    if (cl->term >= 0)
        return 0;
    char known[200] = "";
    ct_nearest near;
    ct_nearest__init(&near, s);
    for (size_t i = 0; i < p->n_terms; i++) {
        size_t k = strlen(known);
        snprintf(known + k, sizeof known - k, "%s%s", i ? ", " : "", p->terms[i].name);
        ct_nearest__offer(&near, p->terms[i].name);
    }
    if (near.best)
        snprintf(
            why, n,
            "\"%s\" is not a term of property \"%s\"; did you mean \"%s\"? (expected one of: %s)",
            s, p->name, near.best, known);
    else
        snprintf(why, n, "\"%s\" is not a term of property \"%s\" (expected one of: %s)", s,
                 p->name, known);
    return CT_EINVALID;
}

int ct_term_overlaps(const ct_property *p, long a, long b)
{
    if (a < 0 || b < 0)
        return 0;
    for (size_t i = 0; i < p->terms[a].n_overlaps; i++)
        if (p->terms[a].overlaps[i] == b)
            return 1;
    return 0;
}

static int term_compatible(const ct_property *p, const ct_claim *a, const ct_claim *b)
{
    return ct_term_related(p, a->term, b->term) || ct_term_overlaps(p, a->term, b->term);
}

static int term_implies(const ct_property *p, const ct_claim *y, const ct_claim *x)
{
    return term_implies_index(p, y->term, x->term);
}

static int term_compare(const ct_claim *a, const ct_claim *b)
{
    return a->term < b->term ? -1 : a->term > b->term;
}

static void term_describe(const ct_property *p, const json_t *v, const ct_claim *cl, char *buf,
                          size_t n)
{
    if (p->terms[cl->term].label)
        snprintf(buf, n, "%s", p->terms[cl->term].label);
    else
        ct_value_describe(v, p->type, p->unit, buf, n);
}

/* ---- booleans ---------------------------------------------------------- */

static int boolean_parse(const ct_property *p, const json_t *v, const ct_decimal_store *store,
                         ct_claim *cl, char *why, size_t n)
{
    (void)store;
    if (!json_is_boolean(v)) {
        snprintf(why, n, "expected true or false for boolean property \"%s\"", p->name);
        return CT_EINVALID;
    }
    cl->boolean = json_is_true(v);
    return 0;
}

static int boolean_same(const ct_property *p, const ct_claim *a, const ct_claim *b)
{
    (void)p;
    return a->boolean == b->boolean;
}

static int boolean_compare(const ct_claim *a, const ct_claim *b) { return a->boolean - b->boolean; }

/* ---- text -------------------------------------------------------------- */

static int text_parse(const ct_property *p, const json_t *v, const ct_decimal_store *store,
                      ct_claim *cl, char *why, size_t n)
{
    (void)store;
    (void)cl;
    if (json_is_string(v))
        return 0;
    snprintf(why, n, "expected a string for text property \"%s\"", p->name);
    return CT_EINVALID;
}

static int text_compatible(const ct_property *p, const ct_claim *a, const ct_claim *b)
{
    (void)p, (void)a, (void)b;
    return 1;
}

static int text_implies(const ct_property *p, const ct_claim *y, const ct_claim *x)
{
    (void)p, (void)y, (void)x;
    return 0;
}

static int text_compare(const ct_claim *a, const ct_claim *b)
{
    (void)a, (void)b;
    return 0;
}

/* The value as written, through the type's describe rules in value.c. */
static void plain_describe(const ct_property *p, const json_t *v, const ct_claim *cl, char *buf,
                           size_t n)
{
    (void)cl;
    ct_value_describe(v, p->type, p->unit, buf, n);
}

/* ---- the table --------------------------------------------------------- */

static const ct_value_kind kinds[] = {
    {CT_TYPE_QUANTITY, "quantity", CT_VALUE_INTERVAL | CT_VALUE_NUMBER, quantity_parse,
     interval_compatible, interval_implies, interval_compare, plain_describe},
    {CT_TYPE_DATE, "date", CT_VALUE_INTERVAL, date_parse, interval_compatible, interval_implies,
     interval_compare, plain_describe},
    {CT_TYPE_TERM, "term", 0, term_parse, term_compatible, term_implies, term_compare,
     term_describe},
    {CT_TYPE_BOOLEAN, "boolean", 0, boolean_parse, boolean_same, boolean_same, boolean_compare,
     plain_describe},
    {CT_TYPE_TEXT, "text", CT_VALUE_NEVER_CLASHES, text_parse, text_compatible, text_implies,
     text_compare, plain_describe},
};

const ct_value_kind *ct_value_kind_of(ct_value_type t)
{
    size_t i = (size_t)t;
    return i < sizeof kinds / sizeof kinds[0] ? &kinds[i] : &kinds[CT_TYPE_TEXT];
}

const char *ct_value_type_name(ct_value_type t) { return ct_value_kind_of(t)->name; }

int ct_value_type_from_name(const char *name, ct_value_type *out)
{
    if (!name)
        return -1;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(name, kinds[i].name) == 0) {
            *out = kinds[i].type;
            return 0;
        }
    return -1;
}
