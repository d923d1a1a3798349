/*
 * claimtrack/value.h - claim values as intervals, and their comparison.
 *
 * Quantities and dates become closed intervals [lo, hi] on the real line
 * (dates as day numbers, 1970-01-01 = 0; open bounds as -inf/+inf), so
 * "dozens", "about 300", "2025-06" and "end of June" all compare the same way:
 * two values are compatible when their intervals overlap.
 */
#ifndef CLAIMTRACK_VALUE_H
#define CLAIMTRACK_VALUE_H

#include <jansson.h>
#include <stdint.h>

typedef enum {
    CT_TYPE_QUANTITY,
    CT_TYPE_DATE,
    CT_TYPE_TERM,
    CT_TYPE_BOOLEAN,
    CT_TYPE_TEXT
} ct_value_type;

/* Bounds are doubles, and each also carries an exact integer: `ilo` is the
 * exact lower bound whenever (double)ilo == lo (likewise `ihi`), so integers
 * beyond 2^53 compare exactly; every comparison below uses both. */
typedef struct {
    double lo, hi;    /* inclusive; -INFINITY / INFINITY when open */
    int64_t ilo, ihi; /* exact integer bounds (see above) */
} ct_interval;

/* The exact-integer companion of a double bound: d itself when d is an
 * integer in int64 range, else a value that does not convert back to d. */
int64_t ct_bound_exact(double d);

/* Compare bound (d1, i1) with (d2, i2) exactly: -1, 0 or 1. */
int ct_bound_cmp(double d1, int64_t i1, double d2, int64_t i2);

/* Default relative tolerance of {"about": n}. */
#define CT_DEFAULT_TOLERANCE 0.1

/* Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD" (calendar-checked) into the
 * interval of days it covers.  Returns 0, or -1 with a reason in `why`. */
int ct_date_parse(const char *s, ct_interval *out, char *why, size_t why_len);

/* Parse a date value: a date string or {"from": d, "to": d} (either end may be
 * left out for an open interval). */
int ct_date_value_parse(const json_t *v, ct_interval *out, char *why, size_t why_len);

/* Parse a quantity value: n, {"min": a}, {"max": b}, {"min": a, "max": b},
 * {"about": n} (n +- tolerance * |n|) or an estimate {"low": l, "best": b,
 * "high": h} ([l, h], l <= b <= h, "best" optional). */
int ct_quantity_value_parse(const json_t *v, double tolerance, ct_interval *out, char *why,
                            size_t why_len);

/* An estimate's "best" value, or NAN when `v` has none. */
double ct_quantity_best(const json_t *v);

/* Days since 1970-01-01 of a valid y-m-d, and back. */
long ct_days_from_civil(int y, int m, int d);
void ct_civil_from_days(long z, int *y, int *m, int *d);

/* 1 when the intervals share at least one point (touching counts). */
int ct_interval_overlap(ct_interval a, ct_interval b);

/* 1 when `inner` lies inside `outer` (bounds included). */
int ct_interval_within(ct_interval inner, ct_interval outer);

/* Order intervals by lower bound, then upper bound: -1, 0 or 1. */
int ct_interval_cmp(ct_interval a, ct_interval b);

/* Human text for a value of `type`, e.g. "at least 24", "2025-06-20 to
 * 2025-06-30", "about 300 (270-330)".  Writes at most `n` bytes. */
void ct_value_describe(const json_t *v, ct_value_type type, const char *unit, char *buf, size_t n);

const char *ct_value_type_name(ct_value_type t);
int ct_value_type_from_name(const char *name, ct_value_type *out);

#endif
