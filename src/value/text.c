/*
 * text.c - the free-text type: kept and shown, never compared.
 */
#include "value/kind.h"

#include <stdio.h>
#include <string.h>

#include "claimtrack/common.h"

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

const ct_value_kind ct_value__text_kind = {
    .type = CT_TYPE_TEXT,
    .name = "text",
    .flags = CT_VALUE_NEVER_CLASHES,
    .parse = text_parse,
    .compatible = text_compatible,
    .implies = text_implies,
    .compare = text_compare,
    .describe = ct_value__plain_describe,
    .write = ct_value__string_write,
    .xml_string_element = "text",
};
