/*
 * kind.c - the table of property types: one row per type, each defined in
 * its own file (quantity.c, date.c, term.c, boolean.c, text.c), plus the
 * operations two types share (intervals, the value as written).
 *
 * Adding a type (say a geo point): a file with its row, one entry in the
 * table below and its ct_value_type, and its shape in the schemas.
 */
#include "value/kind.h"

#include <stdio.h>
#include <string.h>

#include "claimtrack/common.h"
#include "util/util.h"

int ct_value__interval_compatible(const ct_property *p, const ct_claim *a, const ct_claim *b)
{
    (void)p;
    return ct_interval_overlap(&a->interval, &b->interval);
}

int ct_value__interval_implies(const ct_property *p, const ct_claim *y, const ct_claim *x)
{
    (void)p;
    return ct_interval_within(&y->interval, &x->interval);
}

int ct_value__interval_compare(const ct_claim *a, const ct_claim *b)
{
    return ct_interval_cmp(&a->interval, &b->interval);
}

void ct_value__plain_describe(const ct_property *p, const json_t *v, const ct_claim *cl, char *buf,
                              size_t n)
{
    (void)cl;
    ct_value__kind_of(p->type)->write(v, p->unit ? p->unit : "", buf, n);
}

void ct_value__string_write(const json_t *v, const char *unit, char *buf, size_t n)
{
    (void)unit;
    snprintf(buf, n, "%s", json_is_string(v) ? json_string_value(v) : "?");
}

/* ---- the table --------------------------------------------------------- */

/* Indexed by ct_value_type: the row of each type, defined in its file. */
static const ct_value_kind *const kinds[] = {
    [CT_TYPE_QUANTITY] = &ct_value__quantity_kind, [CT_TYPE_DATE] = &ct_value__date_kind,
    [CT_TYPE_TERM] = &ct_value__term_kind,         [CT_TYPE_BOOLEAN] = &ct_value__boolean_kind,
    [CT_TYPE_TEXT] = &ct_value__text_kind,
};
_Static_assert(sizeof kinds / sizeof kinds[0] == CT_TYPE_COUNT,
               "one row in kinds[] for each ct_value_type");

const ct_value_kind *ct_value__kind_of(ct_value_type t)
{
    size_t i = (size_t)t;
    return i < CT_TYPE_COUNT ? kinds[i] : kinds[CT_TYPE_TEXT];
}

const char *ct_value_type_name(ct_value_type t) { return ct_value__kind_of(t)->name; }

int ct_value_type_from_name(ct_value_type *out, const char *name)
{
    CT_ASSERT_ARG(out);
    if (!name)
        return CT_ENOTFOUND;
    for (size_t i = 0; i < CT_TYPE_COUNT; i++)
        if (strcmp(name, kinds[i]->name) == 0) {
            *out = kinds[i]->type;
            return 0;
        }
    return CT_ENOTFOUND;
}
