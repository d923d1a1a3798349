/*
 * quantity.c - the quantity type: a number, a range, "about", an estimate; an exact
 * interval (value.c), described with its unit (singular for one).
 */
#include "value/kind.h"

#include <stdio.h>
#include <string.h>

#include "claimtrack/common.h"
#include "value/jnum.h"

/* The singular of an English plural noun [w, w + n) into out, or 0 when it
 * is not one (kept as written): "employees", "barrels", "casualties",
 * "people"; never an abbreviation in capitals ("USD") or a symbol. */
static int singular_word(const char *w, size_t n, char *out, size_t cap)
{
    static const char *const irregular[][2] = {
        {"people", "person"}, {"children", "child"}, {"men", "man"},    {"women", "woman"},
        {"feet", "foot"},     {"teeth", "tooth"},    {"mice", "mouse"}, {"geese", "goose"},
    };
    for (size_t i = 0; i < sizeof irregular / sizeof irregular[0]; i++)
        if (strlen(irregular[i][0]) == n && memcmp(w, irregular[i][0], n) == 0)
            return snprintf(out, cap, "%s", irregular[i][1]) > 0;
    for (size_t i = 0; i < n; i++)
        if (w[i] < 'a' || w[i] > 'z')
            return 0;
#define ENDS(suffix)                                                                               \
    (n > sizeof suffix && memcmp(w + n - (sizeof suffix - 1), suffix, sizeof suffix - 1) == 0)
    if (ENDS("ies"))
        return snprintf(out, cap, "%.*sy", (int)(n - 3), w) > 0;
    if (ENDS("sses") || ENDS("shes") || ENDS("ches") || ENDS("xes") || ENDS("zes"))
        return snprintf(out, cap, "%.*s", (int)(n - 2), w) > 0;
    if (n > 3 && w[n - 1] == 's' && !ENDS("ss") && !ENDS("us") && !ENDS("is"))
        return snprintf(out, cap, "%.*s", (int)(n - 1), w) > 0;
#undef ENDS
    return 0;
}

/* `unit` for a count of exactly one (not "1 million ..."): its head noun (the last word before
 * "per", "of", "a", "in", ... or the last word) in the singular ("1
 * employee", "1 barrel per day"); as written otherwise. */
static const char *unit_for_one(const char *unit, char *out, size_t cap)
{
    static const char *const after_head[] = {"per", "of", "a",    "an", "each", "in",
                                             "on",  "at", "from", "to", "for"};
    static const char *const multipliers[] = {"hundred", "thousand", "million",
                                              "billion", "trillion", "dozen"};
    for (size_t i = 0; i < sizeof multipliers / sizeof multipliers[0]; i++) {
        size_t k = strlen(multipliers[i]);
        if (strncmp(unit, multipliers[i], k) == 0 && (unit[k] == ' ' || !unit[k]))
            return unit; /* "1 million ..." counts a million */
    }
    const char *head = NULL, *end = unit + strlen(unit);
    for (const char *w = unit; *w;) {
        const char *e = strchr(w, ' ');
        size_t len = e ? (size_t)(e - w) : strlen(w);
        for (size_t i = 0; head && i < sizeof after_head / sizeof after_head[0]; i++)
            if (strlen(after_head[i]) == len && memcmp(w, after_head[i], len) == 0) {
                end = w - 1;
                goto found;
            }
        head = w;
        w = e ? e + 1 : w + len;
    }
found:;
    char word[64];
    if (!head || end <= head || (size_t)(end - head) >= sizeof word ||
        !singular_word(head, (size_t)(end - head), word, sizeof word))
        return unit;
    snprintf(out, cap, "%.*s%s%s", (int)(head - unit), unit, word, end);
    return out;
}

/* The unit after the number `v`: singular when `v` is written as 1 or -1. */
static const char *unit_after(const json_t *v, const char *unit, char *out, size_t cap)
{
    char b[48];
    const char *lit = v ? ct_jnum__literal(v, b, sizeof b) : NULL;
    if (!*unit || !lit || (strcmp(lit, "1") != 0 && strcmp(lit, "-1") != 0))
        return unit;
    return unit_for_one(unit, out, cap);
}


/* A number as written: an exact number's own text, or an integer in buf. */
static const char *num(const json_t *v, char *buf, size_t n)
{
    const char *s = v ? ct_jnum__literal(v, buf, n) : NULL;
    return s ? s : "?";
}

/* The unit after the value: singular for a count of exactly one. */
static const char *unit_of(const json_t *v, const char *u, char *one, size_t cap)
{
    if (ct_jnum__is_number(v))
        return unit_after(v, u, one, cap);
    if (json_object_get(v, "best"))
        return unit_after(json_object_get(v, "best"), u, one, cap);
    if (json_object_get(v, "about"))
        return unit_after(json_object_get(v, "about"), u, one, cap);
    if (!json_object_get(v, "low") && !!json_object_get(v, "min") != !!json_object_get(v, "max"))
        return unit_after(json_object_get(v, json_object_get(v, "min") ? "min" : "max"), u, one,
                          cap);
    return u;
}

static void quantity_write(const json_t *v, const char *unit, char *buf, size_t n)
{
    char ab[48], bb[48], cb[48], one[300];
    const char *u = unit_of(v, unit, one, sizeof one);
    const char *sp = *u ? " " : "";
    if (ct_jnum__is_number(v)) {
        snprintf(buf, n, "%s%s%s", num(v, ab, sizeof ab), sp, u);
    } else if (json_object_get(v, "low")) {
        const char *a = num(json_object_get(v, "low"), ab, sizeof ab);
        const char *b = num(json_object_get(v, "high"), bb, sizeof bb);
        if (json_object_get(v, "best"))
            snprintf(buf, n, "%s%s%s (estimate %s to %s)",
                     num(json_object_get(v, "best"), cb, sizeof cb), sp, u, a, b);
        else
            snprintf(buf, n, "%s to %s%s%s (estimate)", a, b, sp, u);
    } else if (json_object_get(v, "about")) {
        snprintf(buf, n, "about %s%s%s", num(json_object_get(v, "about"), ab, sizeof ab), sp, u);
    } else {
        json_t *mn = json_object_get(v, "min"), *mx = json_object_get(v, "max");
        if (mn && mx)
            snprintf(buf, n, "%s to %s%s%s", num(mn, ab, sizeof ab), num(mx, bb, sizeof bb), sp, u);
        else if (mn)
            snprintf(buf, n, "at least %s%s%s", num(mn, ab, sizeof ab), sp, u);
        else
            snprintf(buf, n, "at most %s%s%s", num(mx, bb, sizeof bb), sp, u);
    }
}

static int quantity_parse(const ct_property *p, const json_t *v, const ct_decimal_store *store,
                          ct_claim *cl, char *why, size_t n)
{
    char reason[200];
    int rc = ct_quantity_value_parse(&cl->interval, v, &p->tolerance, store, reason, sizeof reason);
    if (rc == 0)
        return ct_quantity_best(&cl->best, v, store);
    if (rc == CT_ENOMEM)
        return rc;
    snprintf(why, n, "%s for quantity property \"%s\"", reason, p->name);
    return CT_EINVALID;
}

const ct_value_kind ct_value__quantity_kind = {
    .type = CT_TYPE_QUANTITY,
    .name = "quantity",
    .flags = CT_VALUE_INTERVAL | CT_VALUE_NUMBER,
    .parse = quantity_parse,
    .compatible = ct_value__interval_compatible,
    .implies = ct_value__interval_implies,
    .compare = ct_value__interval_compare,
    .describe = ct_value__plain_describe,
    .write = quantity_write,
    .xml_string_element = NULL,
};
