/*
 * value.c - dates and quantities as closed intervals.
 *
 * A date of lower precision covers its whole month or year: "2025-06" is
 * [2025-06-01, 2025-06-30].  Day numbers come from the proleptic Gregorian
 * calendar (Howard Hinnant's days_from_civil algorithm).
 */
#include "claimtrack/value.h"
#include "util/calendar.h"
#include "claimtrack/common.h"
#include "value/jnum.h"
#include "value/kind.h"

#include <stdio.h>
#include <string.h>

long ct_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void ct_civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int ct_date_parse(ct_interval *out, const char *s, char *why, size_t why_len)
{
    size_t n = strlen(s);
    int y = -1, m = 0, d = 0;
    if (n >= 4)
        y = digits(s, 4);
    if ((n != 4 && n != 7 && n != 10) || y < 0 ||
        (n >= 7 && (s[4] != '-' || (m = digits(s + 5, 2)) < 0)) ||
        (n == 10 && (s[7] != '-' || (d = digits(s + 8, 2)) < 0))) {
        snprintf(why, why_len, "expected a date YYYY, YYYY-MM or YYYY-MM-DD, got \"%.40s\"", s);
        return CT_EINVALID;
    }
    if (n >= 7 && (m < 1 || m > 12)) {
        snprintf(why, why_len, "no month %02d in date \"%s\"", m, s);
        return CT_EINVALID;
    }
    if (n == 10 && (d < 1 || d > ct_calendar__month_days(y, m))) {
        snprintf(why, why_len, "no day %02d in %04d-%02d (date \"%s\")", d, y, m, s);
        return CT_EINVALID;
    }
    long lo, hi;
    if (n == 4) {
        lo = ct_days_from_civil(y, 1, 1);
        hi = ct_days_from_civil(y, 12, 31);
    } else if (n == 7) {
        lo = ct_days_from_civil(y, m, 1);
        hi = ct_days_from_civil(y, m, ct_calendar__month_days(y, m));
    } else {
        lo = hi = ct_days_from_civil(y, m, d);
    }
    out->lo = ct_decimal_from_int(lo);
    out->hi = ct_decimal_from_int(hi);
    return 0;
}

int ct_date_value_parse(ct_interval *out, const json_t *v, char *why, size_t why_len)
{
    if (json_is_string(v))
        return ct_date_parse(out, json_string_value(v), why, why_len);
    if (!json_is_object(v)) {
        snprintf(why, why_len, "expected a date string or {\"from\", \"to\"}");
        return CT_EINVALID;
    }
    json_t *from = json_object_get(v, "from"), *to = json_object_get(v, "to");
    ct_interval a = {ct_decimal_inf(-1), ct_decimal_inf(-1)};
    ct_interval b = {ct_decimal_inf(1), ct_decimal_inf(1)};
    if (!from && !to) {
        snprintf(why, why_len, "expected \"from\" or \"to\" in a date range");
        return CT_EINVALID;
    }
    if (from &&
        (!json_is_string(from) || ct_date_parse(&a, json_string_value(from), why, why_len) < 0)) {
        if (!json_is_string(from))
            snprintf(why, why_len, "expected a date string for \"from\"");
        return CT_EINVALID;
    }
    if (to && (!json_is_string(to) || ct_date_parse(&b, json_string_value(to), why, why_len) < 0)) {
        if (!json_is_string(to))
            snprintf(why, why_len, "expected a date string for \"to\"");
        return CT_EINVALID;
    }
    if (from && to && ct_decimal_cmp(&a.lo, &b.hi) > 0) {
        snprintf(why, why_len, "date range ends (%s) before it starts (%s)", json_string_value(to),
                 json_string_value(from));
        return CT_EINVALID;
    }
    out->lo = a.lo;
    out->hi = b.hi;
    return 0;
}

/* Number v as a decimal; *bad set when it is none. */
static int number_of(const json_t *v, const ct_decimal_store *store, ct_decimal *out, int *bad)
{
    int rc = ct_jnum__decimal(v, out, store);
    if (rc == CT_EINVALID)
        *bad = 1;
    return rc == CT_ENOMEM ? rc : 0;
}

/* A number's literal for an error message. */
static const char *lit(const json_t *v, char *buf, size_t n)
{
    const char *s = ct_jnum__literal(v, buf, n);
    return s ? s : "?";
}

/* {"low": L, "best": B, "high": H}: the interval [L, H], L <= B <= H. */
static int estimate_parse(const json_t *v, const json_t *low, const json_t *best,
                          const json_t *high, const ct_decimal_store *store, ct_interval *out,
                          char *why, size_t why_len)
{
    int bad = !ct_jnum__is_number(low) || !ct_jnum__is_number(high) ||
              (best && !ct_jnum__is_number(best)) || json_object_size(v) != 2u + (best != NULL);
    ct_decimal b;
    if (!bad &&
        (number_of(low, store, &out->lo, &bad) < 0 || number_of(high, store, &out->hi, &bad) < 0 ||
         (best && number_of(best, store, &b, &bad) < 0)))
        return CT_ENOMEM;
    if (bad) {
        snprintf(why, why_len,
                 "expected an estimate {\"low\": number, \"best\": number, "
                 "\"high\": number} (best may be left out)");
        return CT_EINVALID;
    }
    if (!best)
        b = out->lo;
    char x[48], y[48];
    if (ct_decimal_cmp(&out->lo, &b) > 0) {
        snprintf(why, why_len, "estimate's low (%s) is greater than its best (%s)",
                 lit(low, x, sizeof x), lit(best, y, sizeof y));
        return CT_EINVALID;
    }
    if (ct_decimal_cmp(&out->lo, &out->hi) > 0) {
        snprintf(why, why_len, "estimate's low (%s) is greater than its high (%s)",
                 lit(low, x, sizeof x), lit(high, y, sizeof y));
        return CT_EINVALID;
    }
    if (ct_decimal_cmp(&b, &out->hi) > 0) {
        snprintf(why, why_len, "estimate's best (%s) is greater than its high (%s)",
                 lit(best, x, sizeof x), lit(high, y, sizeof y));
        return CT_EINVALID;
    }
    return 0;
}

int ct_quantity_best(ct_decimal *out, const json_t *v, const ct_decimal_store *store)
{
    const json_t *b = json_is_object(v) ? json_object_get(v, "best") : NULL;
    *out = ct_decimal_none();
    int rc = b ? ct_jnum__decimal(b, out, store) : 0;
    if (rc == CT_EINVALID)
        *out = ct_decimal_none();
    return rc == CT_ENOMEM ? rc : 0;
}

/* n +- tolerance * |n| */
static int about_interval(const ct_decimal *n, const ct_decimal *tolerance,
                          const ct_decimal_store *store, ct_interval *out)
{
    ct_decimal mag = ct_decimal_sign(n) < 0 ? ct_decimal_neg(n) : *n, d;
    if (n->form == CT_DECIMAL_BIG && ct_decimal_sign(n) < 0) {
        ct_decimal zero = ct_decimal_from_int(0);
        if (ct_decimal_sub(&mag, &zero, n, store) < 0)
            return CT_ENOMEM;
    }
    if (ct_decimal_mul(&d, &mag, tolerance, store) < 0 ||
        ct_decimal_sub(&out->lo, n, &d, store) < 0 || ct_decimal_add(&out->hi, n, &d, store) < 0)
        return CT_ENOMEM;
    return 0;
}

int ct_quantity_value_parse(ct_interval *out, const json_t *v, const ct_decimal *tolerance,
                            const ct_decimal_store *store, char *why, size_t why_len)
{
    int bad = 0;
    if (ct_jnum__is_number(v)) {
        if (number_of(v, store, &out->lo, &bad) < 0)
            return CT_ENOMEM;
        out->hi = out->lo;
        if (!bad)
            return 0;
    }
    if (json_is_string(v) || bad) { /* e.g. NaN or INF written in an XML <number> */
        snprintf(why, why_len,
                 "expected a finite number, {\"min\", \"max\"}, {\"about\"} or an estimate "
                 "{\"low\", \"best\", \"high\"}, got \"%.40s\"",
                 json_is_string(v) ? json_string_value(v) : "?");
        return CT_EINVALID;
    }
    if (!json_is_object(v)) {
        snprintf(why, why_len,
                 "expected a number, {\"min\", \"max\"}, {\"about\"} or an estimate "
                 "{\"low\", \"best\", \"high\"}");
        return CT_EINVALID;
    }
    json_t *low = json_object_get(v, "low"), *high = json_object_get(v, "high");
    json_t *best = json_object_get(v, "best");
    if (low || high || best)
        return estimate_parse(v, low, best, high, store, out, why, why_len);
    json_t *about = json_object_get(v, "about");
    json_t *min = json_object_get(v, "min"), *max = json_object_get(v, "max");
    if (about) {
        ct_decimal n;
        if (!ct_jnum__is_number(about) || min || max) {
            snprintf(why, why_len, "expected {\"about\": number} alone");
            return CT_EINVALID;
        }
        if (number_of(about, store, &n, &bad) < 0 ||
            (!bad && about_interval(&n, tolerance, store, out) < 0))
            return CT_ENOMEM;
        if (bad) {
            snprintf(why, why_len, "expected {\"about\": number} alone");
            return CT_EINVALID;
        }
        return 0;
    }
    if ((!min && !max) || (min && !ct_jnum__is_number(min)) || (max && !ct_jnum__is_number(max))) {
        snprintf(why, why_len, "expected numeric \"min\" and/or \"max\"");
        return CT_EINVALID;
    }
    out->lo = ct_decimal_inf(-1);
    out->hi = ct_decimal_inf(1);
    if ((min && number_of(min, store, &out->lo, &bad) < 0) ||
        (max && number_of(max, store, &out->hi, &bad) < 0))
        return CT_ENOMEM;
    if (bad) {
        snprintf(why, why_len, "expected numeric \"min\" and/or \"max\"");
        return CT_EINVALID;
    }
    if (ct_decimal_cmp(&out->lo, &out->hi) > 0) {
        char x[48], y[48];
        snprintf(why, why_len, "min (%s) is greater than max (%s)", lit(min, x, sizeof x),
                 lit(max, y, sizeof y));
        return CT_EINVALID;
    }
    return 0;
}

int ct_interval_overlap(const ct_interval *a, const ct_interval *b)
{
    return ct_decimal_cmp(&a->lo, &b->hi) <= 0 && ct_decimal_cmp(&b->lo, &a->hi) <= 0;
}

int ct_interval_within(const ct_interval *inner, const ct_interval *outer)
{
    return ct_decimal_cmp(&outer->lo, &inner->lo) <= 0 &&
           ct_decimal_cmp(&inner->hi, &outer->hi) <= 0;
}

void ct_interval_span_add(ct_decimal *lo, ct_decimal *hi, const ct_decimal *lo_end,
                          const ct_decimal *hi_end)
{
    const ct_decimal *ends[2] = {lo_end, hi_end};
    for (int e = 0; e < 2; e++) {
        if (!ct_decimal_is_finite(ends[e]))
            continue;
        if (ct_decimal_cmp(ends[e], lo) < 0)
            *lo = *ends[e];
        if (ct_decimal_cmp(ends[e], hi) > 0)
            *hi = *ends[e];
    }
}

int ct_interval_cmp(const ct_interval *a, const ct_interval *b)
{
    int c = ct_decimal_cmp(&a->lo, &b->lo);
    return c ? c : ct_decimal_cmp(&a->hi, &b->hi);
}

void ct_value_describe(const json_t *v, ct_value_type type, const char *unit, char *buf, size_t n)
{
    ct_value__kind_of(type)->write(v, unit && *unit ? unit : "", buf, n);
}
