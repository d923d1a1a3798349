/*
 * claimtrack/decimal.h - exact decimal numbers.
 *
 * Claim values are kept as written: 8.4 is 84 x 10^-1, never the binary
 * double closest to it, so every comparison, sum, tolerance and gap is exact.
 * A number whose coefficient fits 18 digits is held inline (the fast path,
 * no allocation); a longer one is held as its decimal text and computed with
 * GMP.  Bounds of open intervals are infinities.
 */
#ifndef CLAIMTRACK_DECIMAL_H
#define CLAIMTRACK_DECIMAL_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    CT_DECIMAL_SMALL = 0,   /* coef x 10^exp, |coef| < 10^18 */
    CT_DECIMAL_BIG = 1,     /* the decimal literal `text` */
    CT_DECIMAL_NEG_INF = 2, /* below every number (an open lower bound) */
    CT_DECIMAL_POS_INF = 3, /* above every number (an open upper bound) */
    CT_DECIMAL_NONE = 4     /* no number at all (an absent estimate "best") */
} ct_decimal_form;

typedef struct {
    int64_t coef;     /* CT_DECIMAL_SMALL */
    int32_t exp;      /* CT_DECIMAL_SMALL */
    int32_t form;     /* ct_decimal_form */
    const char *text; /* CT_DECIMAL_BIG: a JSON number literal, borrowed */
} ct_decimal;

/* Where results too long for the fast path keep their text: `keep` copies
 * `len` bytes of `text` somewhere that outlives the numbers using it and
 * returns the NUL-terminated copy (NULL when out of memory). */
typedef struct {
    const char *(*keep)(void *ctx, const char *text, size_t len);
    void *ctx;
} ct_decimal_store;

/* A scratch store: texts kept until ct_decimal_pool_dispose.  Zero it to
 * start. */
typedef struct ct_decimal_pool_block ct_decimal_pool_block;
typedef struct {
    ct_decimal_pool_block *head;
} ct_decimal_pool;
/* A store keeping texts in `pool` (borrowed: it must outlive the store). */
ct_decimal_store ct_decimal_pool_store(ct_decimal_pool *pool);
/* Free every text of `pool` (numbers using them die too); it can be reused. */
void ct_decimal_pool_dispose(ct_decimal_pool *pool);

/* The integer `v`, an infinity (sign < 0: -inf) or no number; by value, owning nothing. */
ct_decimal ct_decimal_from_int(int64_t v);
ct_decimal ct_decimal_inf(int sign);
ct_decimal ct_decimal_none(void);

/* Parse the JSON number literal s[0..n) (a leading '+' is refused, as JSON
 * does).  A coefficient over 18 digits makes a CT_DECIMAL_BIG pointing at
 * `s`, which must then outlive the number (or be copied with `store`; store
 * may be NULL when s lives long enough).  Returns 0, CT_EINVALID when s is
 * no number (or its exponent is beyond +-100000), or CT_ENOMEM. */
int ct_decimal_parse(ct_decimal *out, const char *s, size_t n, const ct_decimal_store *store);

/* 1 when d is a finite number (small or big). */
int ct_decimal_is_finite(const ct_decimal *d);

/* Order: -1, 0 or 1; exact (14.1 == 14.10).  NONE sorts below -inf. */
int ct_decimal_cmp(const ct_decimal *a, const ct_decimal *b);

/* -1, 0 or 1 for a finite number's sign. */
int ct_decimal_sign(const ct_decimal *d);

/* out = a + b, a - b, a * b, |a|, -a; exact.  Infinities add as in interval
 * arithmetic (-inf + x = -inf); inf - inf and operations on NONE give NONE.
 * A result beyond the fast path keeps its text with `store`.  0 or
 * CT_ENOMEM. */
int ct_decimal_add(ct_decimal *out, const ct_decimal *a, const ct_decimal *b,
                   const ct_decimal_store *store);
int ct_decimal_sub(ct_decimal *out, const ct_decimal *a, const ct_decimal *b,
                   const ct_decimal_store *store);
int ct_decimal_mul(ct_decimal *out, const ct_decimal *a, const ct_decimal *b,
                   const ct_decimal_store *store);
/* -a, by value (a big number's text is borrowed from `a`'s). */
ct_decimal ct_decimal_neg(const ct_decimal *a);

/* The number in plain decimal notation, as written for parsed numbers with a
 * small exponent ("14.10", "1234567.891"), scientific beyond 10^21 or below
 * 10^-21 ("1.5e+30").  Writes at most n bytes (n >= 32 always suffices for
 * small numbers; big ones need their text's length plus a few); returns the
 * length it needs, as snprintf does. */
size_t ct_decimal_format(const ct_decimal *d, char *buf, size_t n);

/* The nearest double: for drawing charts only, never for semantics. */
double ct_decimal_to_double(const ct_decimal *d);

/* The number into *out when it is an integer in int64 range.  Returns 0,
 * or CT_EINVALID (a fraction, too big, an infinity or none). */
int ct_decimal_to_int(int64_t *out, const ct_decimal *d);

#endif
