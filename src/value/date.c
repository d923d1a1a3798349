/*
 * date.c - the date type: a day, month or year, or a range of them; an exact
 * interval of days (value.c).
 */
#include "value/kind.h"

#include <stdio.h>
#include <string.h>

#include "claimtrack/common.h"

static void date_write(const json_t *v, const char *unit, char *buf, size_t n)
{
    (void)unit;
    if (json_is_string(v)) {
        snprintf(buf, n, "%s", json_string_value(v));
        return;
    }
    const char *f = json_string_value(json_object_get(v, "from"));
    const char *t = json_string_value(json_object_get(v, "to"));
    if (f && t)
        snprintf(buf, n, "%s to %s", f, t);
    else if (f)
        snprintf(buf, n, "from %s", f);
    else
        snprintf(buf, n, "until %s", t ? t : "?");
}

static int date_parse(const ct_property *p, const json_t *v, const ct_decimal_store *store,
                      ct_claim *cl, char *why, size_t n)
{
    (void)store;
    char reason[200];
    if (ct_date_value_parse(&cl->interval, v, reason, sizeof reason) == 0)
        return 0;
    snprintf(why, n, "%s for date property \"%s\"", reason, p->name);
    return CT_EINVALID;
}

const ct_value_kind ct_value__date_kind = {
    .type = CT_TYPE_DATE,
    .name = "date",
    .flags = CT_VALUE_INTERVAL,
    .parse = date_parse,
    .compatible = ct_value__interval_compatible,
    .implies = ct_value__interval_implies,
    .compare = ct_value__interval_compare,
    .describe = ct_value__plain_describe,
    .write = date_write,
    .xml_string_element = "date",
};
