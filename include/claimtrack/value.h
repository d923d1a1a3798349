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

#include "claimtrack/decimal.h"

typedef enum {
    CT_TYPE_QUANTITY,
    CT_TYPE_DATE,
    CT_TYPE_TERM,
    CT_TYPE_BOOLEAN,
    CT_TYPE_TEXT,
    CT_TYPE_COUNT /* the number of types, not a type */
} ct_value_type;

/* Bounds are exact decimals (see decimal.h); an open bound is an
 * infinity. */
typedef struct {
    ct_decimal lo, hi; /* inclusive */
} ct_interval;

/* Default relative tolerance of {"about": n}: 0.1 (10 %). */
#define CT_DEFAULT_TOLERANCE_TEXT "0.1"

/* Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD" (calendar-checked) into the
 * interval of days it covers.  Returns 0, or CT_EINVALID with a reason in
 * `why`. */
int ct_date_parse(ct_interval *out, const char *s, char *why, size_t why_len);

/* Parse a date value: a date string or {"from": d, "to": d} (either end may be
 * left out for an open interval). */
int ct_date_value_parse(ct_interval *out, const json_t *v, char *why, size_t why_len);

/* Parse a quantity value: n, {"min": a}, {"max": b}, {"min": a, "max": b},
 * {"about": n} (n +- tolerance * |n|) or an estimate {"low": l, "best": b,
 * "high": h} ([l, h], l <= b <= h, "best" optional).  Numbers are exact
 * (jansson integers, or exact numbers as util/jnum.h makes them); numbers
 * beyond the fast path keep their text with `store` (required).  Returns 0,
 * CT_EINVALID with a reason in `why`, or CT_ENOMEM. */
int ct_quantity_value_parse(ct_interval *out, const json_t *v, const ct_decimal *tolerance,
                            const ct_decimal_store *store, char *why, size_t why_len);

/* An estimate's "best" value, or CT_DECIMAL_NONE when `v` has none.  0 or
 * CT_ENOMEM. */
int ct_quantity_best(ct_decimal *out, const json_t *v, const ct_decimal_store *store);

/* Days since 1970-01-01 of a valid y-m-d. */
long ct_days_from_civil(int y, int m, int d);
/* The y-m-d of day `z` (days since 1970-01-01) into *y, *m, *d. */
void ct_civil_from_days(long z, int *y, int *m, int *d);

/* 1 when the intervals share at least one point (touching counts). */
int ct_interval_overlap(const ct_interval *a, const ct_interval *b);

/* 1 when `inner` lies inside `outer` (bounds included). */
int ct_interval_within(const ct_interval *inner, const ct_interval *outer);

/* Widen [*lo, *hi] to take in the finite ends of `lo_end` and `hi_end` (an
 * interval's bounds; infinite ends are left out).  Start from lo = +inf,
 * hi = -inf: lo stays infinite when no end was finite. */
void ct_interval_span_add(ct_decimal *lo, ct_decimal *hi, const ct_decimal *lo_end,
                          const ct_decimal *hi_end);

/* Order intervals by lower bound, then upper bound: -1, 0 or 1. */
int ct_interval_cmp(const ct_interval *a, const ct_interval *b);

/* Human text for a value (borrowed) of `type`, e.g. "at least 24",
 * "2025-06-20 to 2025-06-30", "about 300 (270-330)", into caller-owned `buf`
 * (at most `n` bytes). */
void ct_value_describe(const json_t *v, ct_value_type type, const char *unit, char *buf, size_t n);

/* The type's name ("quantity", "date", ...); static. */
const char *ct_value_type_name(ct_value_type t);
/* The type named `name` into *out.  Returns 0, or CT_ENOTFOUND for another
 * name or NULL. */
int ct_value_type_from_name(ct_value_type *out, const char *name);

#endif
