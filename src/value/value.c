/*
 * value.c - dates and quantities as closed intervals.
 *
 * A date of lower precision covers its whole month or year: "2025-06" is
 * [2025-06-01, 2025-06-30].  Day numbers come from the proleptic Gregorian
 * calendar (Howard Hinnant's days_from_civil algorithm).
 */
#include "claimtrack/value.h"
#include "calendar.h"

#include <math.h>
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

int64_t ct_bound_exact(double d)
{
    /* 2^63 is exact as a double; integers in [-2^63, 2^63) convert back */
    if (d == floor(d) && d >= -9223372036854775808.0 && d < 9223372036854775808.0)
        return (int64_t)d;
    return 0; /* 0.0 is not d here (d is no integer, or out of range) */
}

int ct_bound_cmp(double d1, int64_t i1, double d2, int64_t i2)
{
    /* rounding to double is monotone: different doubles order the exact
     * values the same way */
    if (d1 != d2)
        return d1 < d2 ? -1 : 1;
    int e1 = (double)i1 == d1, e2 = (double)i2 == d2;
    if (e1 && e2)
        return i1 < i2 ? -1 : i1 > i2;
    if (!e1 && !e2)
        return 0;
    /* one exact integer i against a double d equal to its rounding: d is an
     * integer, possibly 2^63 */
    int64_t i = e1 ? i1 : i2;
    double d = e1 ? d2 : d1;
    int c;
    if (d >= 9223372036854775808.0)
        c = -1;
    else {
        int64_t di = (int64_t)d;
        c = i < di ? -1 : i > di;
    }
    return e1 ? c : -c;
}

static void set_exact(ct_interval *iv)
{
    iv->ilo = ct_bound_exact(iv->lo);
    iv->ihi = ct_bound_exact(iv->hi);
}

/* A JSON number as a bound: integers exactly. */
static void number_bound(const json_t *v, double *d, int64_t *i)
{
    if (json_is_integer(v)) {
        *i = (int64_t)json_integer_value(v);
        *d = (double)*i;
    } else {
        *d = json_number_value(v);
        *i = ct_bound_exact(*d);
    }
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

int ct_date_parse(const char *s, ct_interval *out, char *why, size_t why_len)
{
    size_t n = strlen(s);
    int y = -1, m = 0, d = 0;
    if (n >= 4)
        y = digits(s, 4);
    if ((n != 4 && n != 7 && n != 10) || y < 0 ||
        (n >= 7 && (s[4] != '-' || (m = digits(s + 5, 2)) < 0)) ||
        (n == 10 && (s[7] != '-' || (d = digits(s + 8, 2)) < 0))) {
        snprintf(why, why_len, "expected a date YYYY, YYYY-MM or YYYY-MM-DD, got \"%.40s\"", s);
        return -1;
    }
    if (n >= 7 && (m < 1 || m > 12)) {
        snprintf(why, why_len, "no month %02d in date \"%s\"", m, s);
        return -1;
    }
    if (n == 10 && (d < 1 || d > ct_calendar__month_days(y, m))) {
        snprintf(why, why_len, "no day %02d in %04d-%02d (date \"%s\")", d, y, m, s);
        return -1;
    }
    if (n == 4) {
        out->lo = (double)ct_days_from_civil(y, 1, 1);
        out->hi = (double)ct_days_from_civil(y, 12, 31);
    } else if (n == 7) {
        out->lo = (double)ct_days_from_civil(y, m, 1);
        out->hi = (double)ct_days_from_civil(y, m, ct_calendar__month_days(y, m));
    } else {
        out->lo = out->hi = (double)ct_days_from_civil(y, m, d);
    }
    set_exact(out);
    return 0;
}

int ct_date_value_parse(const json_t *v, ct_interval *out, char *why, size_t why_len)
{
    if (json_is_string(v))
        return ct_date_parse(json_string_value(v), out, why, why_len);
    if (!json_is_object(v)) {
        snprintf(why, why_len, "expected a date string or {\"from\", \"to\"}");
        return -1;
    }
    json_t *from = json_object_get(v, "from"), *to = json_object_get(v, "to");
    ct_interval a = {-INFINITY, -INFINITY, 0, 0}, b = {INFINITY, INFINITY, 0, 0};
    if (!from && !to) {
        snprintf(why, why_len, "expected \"from\" or \"to\" in a date range");
        return -1;
    }
    if (from &&
        (!json_is_string(from) || ct_date_parse(json_string_value(from), &a, why, why_len) < 0)) {
        if (!json_is_string(from))
            snprintf(why, why_len, "expected a date string for \"from\"");
        return -1;
    }
    if (to && (!json_is_string(to) || ct_date_parse(json_string_value(to), &b, why, why_len) < 0)) {
        if (!json_is_string(to))
            snprintf(why, why_len, "expected a date string for \"to\"");
        return -1;
    }
    if (from && to && a.lo > b.hi) {
        snprintf(why, why_len, "date range ends (%s) before it starts (%s)", json_string_value(to),
                 json_string_value(from));
        return -1;
    }
    out->lo = a.lo;
    out->hi = b.hi;
    set_exact(out);
    return 0;
}

/* {"low": L, "best": B, "high": H}: the interval [L, H], L <= B <= H. */
static int estimate_parse(const json_t *v, const json_t *low, const json_t *best,
                          const json_t *high, ct_interval *out, char *why, size_t why_len)
{
    if (!json_is_number(low) || !json_is_number(high) || (best && !json_is_number(best)) ||
        json_object_size(v) != 2u + (best != NULL)) {
        snprintf(why, why_len,
                 "expected an estimate {\"low\": number, \"best\": number, "
                 "\"high\": number} (best may be left out)");
        return -1;
    }
    number_bound(low, &out->lo, &out->ilo);
    number_bound(high, &out->hi, &out->ihi);
    double b = best ? json_number_value(best) : out->lo;
    int64_t ib = best ? 0 : out->ilo;
    if (best)
        number_bound(best, &b, &ib);
    if (ct_bound_cmp(out->lo, out->ilo, b, ib) > 0) {
        snprintf(why, why_len, "estimate's low (%g) is greater than its best (%g)", out->lo, b);
        return -1;
    }
    if (ct_bound_cmp(out->lo, out->ilo, out->hi, out->ihi) > 0) {
        snprintf(why, why_len, "estimate's low (%g) is greater than its high (%g)", out->lo,
                 out->hi);
        return -1;
    }
    if (ct_bound_cmp(b, ib, out->hi, out->ihi) > 0) {
        snprintf(why, why_len, "estimate's best (%g) is greater than its high (%g)", b, out->hi);
        return -1;
    }
    return 0;
}

double ct_quantity_best(const json_t *v)
{
    const json_t *b = json_is_object(v) ? json_object_get(v, "best") : NULL;
    return json_is_number(b) ? json_number_value(b) : NAN;
}

int ct_quantity_value_parse(const json_t *v, double tolerance, ct_interval *out, char *why,
                            size_t why_len)
{
    if (json_is_number(v)) {
        number_bound(v, &out->lo, &out->ilo);
        out->hi = out->lo;
        out->ihi = out->ilo;
        return 0;
    }
    if (json_is_string(v)) { /* e.g. NaN or INF written in an XML <number> */
        snprintf(why, why_len,
                 "expected a finite number, {\"min\", \"max\"} or {\"about\"}, got \"%.40s\"",
                 json_string_value(v));
        return -1;
    }
    if (!json_is_object(v)) {
        snprintf(why, why_len, "expected a number, {\"min\", \"max\"} or {\"about\"}");
        return -1;
    }
    json_t *low = json_object_get(v, "low"), *high = json_object_get(v, "high");
    json_t *best = json_object_get(v, "best");
    if (low || high || best)
        return estimate_parse(v, low, best, high, out, why, why_len);
    json_t *about = json_object_get(v, "about");
    json_t *min = json_object_get(v, "min"), *max = json_object_get(v, "max");
    if (about) {
        if (!json_is_number(about) || min || max) {
            snprintf(why, why_len, "expected {\"about\": number} alone");
            return -1;
        }
        double n = json_number_value(about), d = fabs(n) * tolerance;
        out->lo = n - d;
        out->hi = n + d;
        set_exact(out);
        return 0;
    }
    if ((!min && !max) || (min && !json_is_number(min)) || (max && !json_is_number(max))) {
        snprintf(why, why_len, "expected numeric \"min\" and/or \"max\"");
        return -1;
    }
    out->lo = -INFINITY;
    out->hi = INFINITY;
    set_exact(out);
    if (min)
        number_bound(min, &out->lo, &out->ilo);
    if (max)
        number_bound(max, &out->hi, &out->ihi);
    if (ct_bound_cmp(out->lo, out->ilo, out->hi, out->ihi) > 0) {
        snprintf(why, why_len, "min (%g) is greater than max (%g)", out->lo, out->hi);
        return -1;
    }
    return 0;
}

int ct_interval_overlap(ct_interval a, ct_interval b)
{
    return ct_bound_cmp(a.lo, a.ilo, b.hi, b.ihi) <= 0 &&
           ct_bound_cmp(b.lo, b.ilo, a.hi, a.ihi) <= 0;
}

int ct_interval_within(ct_interval inner, ct_interval outer)
{
    return ct_bound_cmp(outer.lo, outer.ilo, inner.lo, inner.ilo) <= 0 &&
           ct_bound_cmp(inner.hi, inner.ihi, outer.hi, outer.ihi) <= 0;
}

int ct_interval_cmp(ct_interval a, ct_interval b)
{
    int c = ct_bound_cmp(a.lo, a.ilo, b.lo, b.ilo);
    return c ? c : ct_bound_cmp(a.hi, a.ihi, b.hi, b.ihi);
}

static void fmt_num(const json_t *v, char *buf, size_t n)
{
    if (json_is_integer(v)) {
        snprintf(buf, n, "%lld", (long long)json_integer_value(v));
        return;
    }
    double x = json_number_value(v);
    if (fabs(x) < 1e15 && x == floor(x))
        snprintf(buf, n, "%.0f", x);
    else
        snprintf(buf, n, "%g", x);
}

void ct_value_describe(const json_t *v, ct_value_type type, const char *unit, char *buf, size_t n)
{
    char a[64], b[64];
    const char *u = unit && *unit ? unit : "";
    const char *sp = *u ? " " : "";
    switch (type) {
    case CT_TYPE_QUANTITY:
        if (json_is_number(v)) {
            fmt_num(v, a, sizeof a);
            snprintf(buf, n, "%s%s%s", a, sp, u);
        } else if (json_object_get(v, "low")) {
            fmt_num(json_object_get(v, "low"), a, sizeof a);
            fmt_num(json_object_get(v, "high"), b, sizeof b);
            if (json_object_get(v, "best")) {
                char c[64];
                fmt_num(json_object_get(v, "best"), c, sizeof c);
                snprintf(buf, n, "%s%s%s (estimate %s to %s)", c, sp, u, a, b);
            } else {
                snprintf(buf, n, "%s to %s%s%s (estimate)", a, b, sp, u);
            }
        } else if (json_object_get(v, "about")) {
            fmt_num(json_object_get(v, "about"), a, sizeof a);
            snprintf(buf, n, "about %s%s%s", a, sp, u);
        } else {
            json_t *mn = json_object_get(v, "min"), *mx = json_object_get(v, "max");
            if (mn)
                fmt_num(mn, a, sizeof a);
            if (mx)
                fmt_num(mx, b, sizeof b);
            if (mn && mx)
                snprintf(buf, n, "%s to %s%s%s", a, b, sp, u);
            else if (mn)
                snprintf(buf, n, "at least %s%s%s", a, sp, u);
            else
                snprintf(buf, n, "at most %s%s%s", mx ? b : "?", sp, u);
        }
        break;
    case CT_TYPE_DATE:
        if (json_is_string(v)) {
            snprintf(buf, n, "%s", json_string_value(v));
        } else {
            const char *f = json_string_value(json_object_get(v, "from"));
            const char *t = json_string_value(json_object_get(v, "to"));
            if (f && t)
                snprintf(buf, n, "%s to %s", f, t);
            else if (f)
                snprintf(buf, n, "from %s", f);
            else
                snprintf(buf, n, "until %s", t ? t : "?");
        }
        break;
    case CT_TYPE_BOOLEAN: snprintf(buf, n, "%s", json_is_true(v) ? "yes" : "no"); break;
    case CT_TYPE_TERM:
    case CT_TYPE_TEXT:
        snprintf(buf, n, "%s", json_is_string(v) ? json_string_value(v) : "?");
        break;
    }
}
