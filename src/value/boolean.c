/*
 * boolean.c - the yes/no type: claims agree or clash by polarity.
 */
#include "value/kind.h"

#include <stdio.h>
#include <string.h>

#include "claimtrack/common.h"

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


static void boolean_write(const json_t *v, const char *unit, char *buf, size_t n)
{
    (void)unit;
    snprintf(buf, n, "%s", json_is_true(v) ? "yes" : "no");
}

const ct_value_kind ct_value__boolean_kind = {
    .type = CT_TYPE_BOOLEAN,
    .name = "boolean",
    .flags = 0,
    .parse = boolean_parse,
    .compatible = boolean_same,
    .implies = boolean_same,
    .compare = boolean_compare,
    .describe = ct_value__plain_describe,
    .write = boolean_write,
    .xml_string_element = NULL,
};
