/*
 * term.c - the term type: an index into its property's vocabulary, related
 * through `broader` (numbered by src/vocab/) and `overlaps`.
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
        return ct_namemap__get(p->term_index, name);
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
        ct_value__string_write(v, NULL, buf, n);
}


const ct_value_kind ct_value__term_kind = {
    .type = CT_TYPE_TERM,
    .name = "term",
    .flags = 0,
    .parse = term_parse,
    .compatible = term_compatible,
    .implies = term_implies,
    .compare = term_compare,
    .describe = term_describe,
    .write = ct_value__string_write,
    .xml_string_element = "term",
};
