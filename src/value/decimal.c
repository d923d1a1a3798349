/*
 * decimal.c - exact decimal numbers: an inline fixed-point fast path, GMP
 * beyond it.
 *
 * A small number is coef x 10^exp with |coef| < 10^18, so aligning two
 * exponents or adding two coefficients is checked integer arithmetic.  When
 * a result does not fit, both operands become GMP integers with a common
 * exponent; the result comes back to the fast path when it fits, else it is
 * kept as text ("DIGITSeEXP") through the caller's store.
 *
 * GMP aborts the process when it cannot allocate (its documented contract);
 * it is only reached by numbers of more than 18 significant digits, whose
 * size the input limits bound.
 */
#include "claimtrack/decimal.h"
#include "claimtrack/common.h"

#include <gmp.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define SMALL_LIMIT 1000000000000000000LL /* 10^18: |coef| stays below */
#define SMALL_DIGITS 18
#define EXP_LIMIT 100000 /* |exponent| of a parsed number with nonzero digits */

static const int64_t pow10_table[SMALL_DIGITS + 1] = {1LL,
                                                      10LL,
                                                      100LL,
                                                      1000LL,
                                                      10000LL,
                                                      100000LL,
                                                      1000000LL,
                                                      10000000LL,
                                                      100000000LL,
                                                      1000000000LL,
                                                      10000000000LL,
                                                      100000000000LL,
                                                      1000000000000LL,
                                                      10000000000000LL,
                                                      100000000000000LL,
                                                      1000000000000000LL,
                                                      10000000000000000LL,
                                                      100000000000000000LL,
                                                      1000000000000000000LL};

/* ---- text pools --------------------------------------------------------- */

struct ct_decimal_pool_block {
    ct_decimal_pool_block *next;
    char text[];
};

static const char *pool_keep(void *ctx, const char *text, size_t len)
{
    ct_decimal_pool *pool = ctx;
    ct_decimal_pool_block *b = ct_calloc(1, sizeof *b + len + 1);
    if (!b)
        return NULL;
    memcpy(b->text, text, len);
    b->text[len] = '\0';
    b->next = pool->head;
    pool->head = b;
    return b->text;
}

ct_decimal_store ct_decimal_pool_store(ct_decimal_pool *pool)
{
    ct_decimal_store s = {pool_keep, pool};
    return s;
}

void ct_decimal_pool_dispose(ct_decimal_pool *pool)
{
    while (pool->head) {
        ct_decimal_pool_block *next = pool->head->next;
        ct_free(pool->head);
        pool->head = next;
    }
}

/* ---- construction and parsing ------------------------------------------ */

ct_decimal ct_decimal_from_int(int64_t v)
{
    ct_decimal d = {v, 0, CT_DECIMAL_SMALL, NULL};
    if (v <= -SMALL_LIMIT || v >= SMALL_LIMIT) {
        /* keep 18 digits: drop a trailing digit only when it is zero, else
         * this cannot be small (callers pass day numbers and counts) */
        int e = 0;
        while ((v <= -SMALL_LIMIT || v >= SMALL_LIMIT) && v % 10 == 0) {
            v /= 10;
            e++;
        }
        d.coef = v;
        d.exp = e;
        if (v <= -SMALL_LIMIT || v >= SMALL_LIMIT) /* cannot happen for our callers */
            d.form = CT_DECIMAL_NONE;
    }
    return d;
}

ct_decimal ct_decimal_inf(int sign)
{
    ct_decimal d = {0, 0, sign < 0 ? CT_DECIMAL_NEG_INF : CT_DECIMAL_POS_INF, NULL};
    return d;
}

ct_decimal ct_decimal_none(void)
{
    ct_decimal d = {0, 0, CT_DECIMAL_NONE, NULL};
    return d;
}

int ct_decimal_is_finite(const ct_decimal *d)
{
    return d->form == CT_DECIMAL_SMALL || d->form == CT_DECIMAL_BIG;
}

/* The parts of a number literal: sign, significant digits (leading zeros
 * dropped; `digits` points into the text and skips one '.'), and the
 * exponent of the last digit. */
typedef struct {
    int negative;
    const char *start; /* first significant digit, or NULL when zero */
    size_t n_digits;   /* significant digits, the '.' not counted */
    const char *dot;   /* the '.' inside the digits, or NULL */
    long exp;
} literal;

static int literal_scan(const char *s, size_t n, literal *out)
{
    size_t i = 0;
    memset(out, 0, sizeof *out);
    if (i < n && s[i] == '-') {
        out->negative = 1;
        i++;
    }
    size_t int_start = i;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    size_t int_len = i - int_start;
    if (!int_len || (int_len > 1 && s[int_start] == '0'))
        return -1;
    size_t frac_start = i, frac_len = 0;
    if (i < n && s[i] == '.') {
        frac_start = ++i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        frac_len = i - frac_start;
        if (!frac_len)
            return -1;
    }
    long e = 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        int eneg = 0;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            eneg = s[i++] == '-';
        size_t es = i;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            if (e < 100000000L)
                e = e * 10 + (s[i] - '0');
            i++;
        }
        if (i == es)
            return -1;
        if (eneg)
            e = -e;
    }
    if (i != n)
        return -1;
    out->exp = e - (long)frac_len;
    /* the significant digits: skip leading zeros of the integer part, then
     * of the fraction when the integer part is zero */
    const char *p = s + int_start, *end = s + int_start + int_len;
    while (p < end && *p == '0')
        p++;
    size_t count = (size_t)(end - p);
    if (count) {
        out->start = p;
        out->n_digits = count + frac_len;
        out->dot = frac_len ? s + frac_start - 1 : NULL;
        return 0;
    }
    p = s + frac_start;
    end = p + frac_len;
    while (p < end && *p == '0')
        p++;
    if (p < end) {
        out->start = p;
        out->n_digits = (size_t)(end - p);
    }
    return 0;
}

int ct_decimal_parse(ct_decimal *out, const char *s, size_t n, const ct_decimal_store *store)
{
    literal lit;
    if (literal_scan(s, n, &lit) < 0)
        return CT_EINVALID;
    if (!lit.start) { /* zero, whatever its exponent: "0e5" is 0, "0.00" keeps its places */
        long e = lit.exp < -30 ? -30 : lit.exp > 0 ? 0 : lit.exp;
        *out = (ct_decimal){0, (int32_t)e, CT_DECIMAL_SMALL, NULL};
        return 0;
    }
    long adjusted = lit.exp + (long)lit.n_digits;
    if (lit.exp < -EXP_LIMIT || adjusted > EXP_LIMIT)
        return CT_EINVALID;
    if (lit.n_digits <= SMALL_DIGITS) {
        int64_t c = 0;
        for (const char *p = lit.start; p < s + n && c < SMALL_LIMIT; p++) {
            if (*p == '.')
                continue;
            if (*p < '0' || *p > '9')
                break;
            c = c * 10 + (*p - '0');
        }
        *out = (ct_decimal){lit.negative ? -c : c, (int32_t)lit.exp, CT_DECIMAL_SMALL, NULL};
        return 0;
    }
    const char *text = s;
    if (store) {
        if (!(text = store->keep(store->ctx, s, n)))
            return CT_ENOMEM;
    }
    *out = (ct_decimal){0, 0, CT_DECIMAL_BIG, text};
    return 0;
}

/* Length of the number literal at s (a big number's text ends there). */
static size_t literal_length(const char *s)
{
    size_t i = 0;
    while (s[i] && strchr("+-0123456789.eE", s[i]))
        i++;
    return i;
}

/* ---- the slow path ------------------------------------------------------ */

static void mpz_set_int64(mpz_t z, int64_t v)
{
    uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    mpz_set_ui(z, (unsigned long)(m >> 32));
    mpz_mul_2exp(z, z, 32);
    mpz_add_ui(z, z, (unsigned long)(m & 0xffffffffu));
    if (v < 0)
        mpz_neg(z, z);
}

/* A finite number as an integer and an exponent. */
static int to_mpz(const ct_decimal *d, mpz_t z, long *exp)
{
    if (d->form == CT_DECIMAL_SMALL) {
        mpz_set_int64(z, d->coef);
        *exp = d->exp;
        return 0;
    }
    literal lit;
    size_t n = literal_length(d->text);
    if (literal_scan(d->text, n, &lit) < 0)
        return -1;
    if (!lit.start) {
        mpz_set_ui(z, 0);
        *exp = 0;
        return 0;
    }
    char *digits = ct_malloc(lit.n_digits + 2);
    if (!digits)
        return CT_ENOMEM;
    size_t k = 0;
    if (lit.negative)
        digits[k++] = '-';
    for (const char *p = lit.start; k < lit.n_digits + (size_t)lit.negative; p++)
        if (*p != '.')
            digits[k++] = *p;
    digits[k] = '\0';
    mpz_set_str(z, digits, 10);
    ct_free(digits);
    *exp = lit.exp;
    return 0;
}

/* Bring (a, ea) and (b, eb) to the smaller exponent, returned. */
static long align(mpz_t a, long ea, mpz_t b, long eb)
{
    mpz_t t;
    mpz_init(t);
    if (ea > eb) {
        mpz_ui_pow_ui(t, 10, (unsigned long)(ea - eb));
        mpz_mul(a, a, t);
    } else if (eb > ea) {
        mpz_ui_pow_ui(t, 10, (unsigned long)(eb - ea));
        mpz_mul(b, b, t);
    }
    mpz_clear(t);
    return ea < eb ? ea : eb;
}

/* The result (z, exp) as a decimal: small when it fits, else its text. */
static int from_mpz(ct_decimal *out, mpz_t z, long exp, const ct_decimal_store *store)
{
    if (mpz_sgn(z) == 0) {
        *out = (ct_decimal){0, 0, CT_DECIMAL_SMALL, NULL};
        return 0;
    }
    /* drop trailing zeros after the point, and any that keep it from
     * fitting */
    while ((exp < 0 || mpz_sizeinbase(z, 10) > SMALL_DIGITS) && mpz_divisible_ui_p(z, 10)) {
        mpz_divexact_ui(z, z, 10);
        exp++;
    }
    size_t len = mpz_sizeinbase(z, 10) + 2;
    if (len <= SMALL_DIGITS + 3) { /* sizeinbase may say one digit too many */
        char buf[32];
        mpz_get_str(buf, 10, z);
        size_t digits = strlen(buf) - (buf[0] == '-');
        if (digits <= SMALL_DIGITS && exp >= -EXP_LIMIT * 4L && exp <= EXP_LIMIT * 4L) {
            int64_t c = 0;
            for (const char *p = buf + (buf[0] == '-'); *p; p++)
                c = c * 10 + (*p - '0');
            *out = (ct_decimal){buf[0] == '-' ? -c : c, (int32_t)exp, CT_DECIMAL_SMALL, NULL};
            return 0;
        }
    }
    if (!store)
        return CT_ENOMEM;
    char *text = ct_malloc(len + 24);
    if (!text)
        return CT_ENOMEM;
    mpz_get_str(text, 10, z);
    size_t k = strlen(text);
    if (exp)
        snprintf(text + k, 24, "e%ld", exp);
    const char *kept = store->keep(store->ctx, text, strlen(text));
    ct_free(text);
    if (!kept)
        return CT_ENOMEM;
    *out = (ct_decimal){0, 0, CT_DECIMAL_BIG, kept};
    return 0;
}

enum { OP_ADD, OP_SUB, OP_MUL, OP_CMP };

/* a op b on the slow path; OP_CMP sets *cmp. */
static int slow(int op, ct_decimal *out, const ct_decimal *a, const ct_decimal *b,
                const ct_decimal_store *store, int *cmp)
{
    mpz_t x, y;
    long ex, ey;
    mpz_init(x);
    mpz_init(y);
    int rc = to_mpz(a, x, &ex);
    if (rc == 0)
        rc = to_mpz(b, y, &ey);
    if (rc == 0) {
        if (op == OP_MUL) {
            mpz_mul(x, x, y);
            rc = from_mpz(out, x, ex + ey, store);
        } else {
            long e = align(x, ex, y, ey);
            if (op == OP_CMP) {
                int c = mpz_cmp(x, y);
                *cmp = c < 0 ? -1 : c > 0;
            } else {
                if (op == OP_ADD)
                    mpz_add(x, x, y);
                else
                    mpz_sub(x, x, y);
                rc = from_mpz(out, x, e, store);
            }
        }
    }
    mpz_clear(x);
    mpz_clear(y);
    return rc < 0 && rc != CT_ENOMEM ? CT_EINVALID : rc;
}

/* ---- the fast path ------------------------------------------------------ */

/* A computed result without trailing zeros after the point: 8.4 + 5.7 is
 * 14.1, not 14.1 written with the operands' scale.  (Parsed numbers keep
 * the digits they were written with.) */
static ct_decimal normalized(int64_t coef, long exp)
{
    while (exp < 0 && coef % 10 == 0 && coef) {
        coef /= 10;
        exp++;
    }
    if (coef == 0)
        exp = 0;
    return (ct_decimal){coef, (int32_t)exp, CT_DECIMAL_SMALL, NULL};
}

static int digit_count(int64_t v)
{
    uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    int n = 1;
    while (m >= 10) {
        m /= 10;
        n++;
    }
    return n;
}

/* c x 10^k as an int64 below 10^18 in magnitude: 0, or -1 when it does not
 * fit. */
static int scale(int64_t c, long k, int64_t *out)
{
    if (k < 0 || k > SMALL_DIGITS)
        return -1;
    int64_t m = c < 0 ? -c : c;
    if (m && m > (SMALL_LIMIT - 1) / pow10_table[k])
        return -1;
    *out = c * pow10_table[k];
    return 0;
}

int ct_decimal_sign(const ct_decimal *d)
{
    if (d->form == CT_DECIMAL_SMALL)
        return d->coef < 0 ? -1 : d->coef > 0;
    if (d->form == CT_DECIMAL_NEG_INF)
        return -1;
    if (d->form == CT_DECIMAL_POS_INF)
        return 1;
    if (d->form == CT_DECIMAL_BIG) {
        literal lit;
        if (literal_scan(d->text, literal_length(d->text), &lit) < 0 || !lit.start)
            return 0;
        return lit.negative ? -1 : 1;
    }
    return 0;
}

static int rank(const ct_decimal *d)
{
    switch (d->form) {
    case CT_DECIMAL_NONE: return 0;
    case CT_DECIMAL_NEG_INF: return 1;
    case CT_DECIMAL_POS_INF: return 3;
    default: return 2;
    }
}

int ct_decimal_cmp(const ct_decimal *a, const ct_decimal *b)
{
    int ra = rank(a), rb = rank(b);
    if (ra != 2 || rb != 2)
        return ra < rb ? -1 : ra > rb;
    if (a->form == CT_DECIMAL_SMALL && b->form == CT_DECIMAL_SMALL) {
        if (a->exp == b->exp)
            return a->coef < b->coef ? -1 : a->coef > b->coef;
        int sa = a->coef < 0 ? -1 : a->coef > 0, sb = b->coef < 0 ? -1 : b->coef > 0;
        if (sa != sb || sa == 0)
            return sa < sb ? -1 : sa > sb;
        /* same sign, both nonzero: the adjusted exponents order magnitudes */
        long adj_a = (long)a->exp + digit_count(a->coef),
             adj_b = (long)b->exp + digit_count(b->coef);
        if (adj_a != adj_b)
            return (adj_a < adj_b ? -1 : 1) * sa;
        int64_t x = a->coef, y = b->coef;
        if (a->exp > b->exp ? scale(a->coef, (long)a->exp - b->exp, &x) == 0
                            : scale(b->coef, (long)b->exp - a->exp, &y) == 0)
            return x < y ? -1 : x > y;
    }
    int c = 0;
    slow(OP_CMP, NULL, a, b, NULL, &c);
    return c;
}

static int special_add(ct_decimal *out, const ct_decimal *a, const ct_decimal *b)
{
    if (a->form == CT_DECIMAL_NONE || b->form == CT_DECIMAL_NONE) {
        *out = ct_decimal_none();
        return 1;
    }
    int ia = a->form == CT_DECIMAL_NEG_INF ? -1 : a->form == CT_DECIMAL_POS_INF;
    int ib = b->form == CT_DECIMAL_NEG_INF ? -1 : b->form == CT_DECIMAL_POS_INF;
    if (!ia && !ib)
        return 0;
    if (ia && ib && ia != ib)
        *out = ct_decimal_none();
    else
        *out = ct_decimal_inf(ia ? ia : ib);
    return 1;
}

int ct_decimal_add(ct_decimal *out, const ct_decimal *a, const ct_decimal *b,
                   const ct_decimal_store *store)
{
    if (special_add(out, a, b))
        return 0;
    if (a->form == CT_DECIMAL_SMALL && b->form == CT_DECIMAL_SMALL) {
        int64_t x = a->coef, y = b->coef;
        int32_t e = a->exp < b->exp ? a->exp : b->exp;
        if (scale(a->coef, (long)a->exp - e, &x) == 0 &&
            scale(b->coef, (long)b->exp - e, &y) == 0) {
            int64_t s = x + y; /* both below 10^18: no overflow */
            if (s > -SMALL_LIMIT && s < SMALL_LIMIT) {
                *out = normalized(s, e);
                return 0;
            }
        }
    }
    return slow(OP_ADD, out, a, b, store, NULL);
}

ct_decimal ct_decimal_neg(const ct_decimal *a)
{
    switch (a->form) {
    case CT_DECIMAL_NEG_INF: return ct_decimal_inf(1);
    case CT_DECIMAL_POS_INF: return ct_decimal_inf(-1);
    case CT_DECIMAL_SMALL: return (ct_decimal){-a->coef, a->exp, CT_DECIMAL_SMALL, NULL};
    default: return *a; /* NONE; BIG is negated through subtraction */
    }
}

int ct_decimal_sub(ct_decimal *out, const ct_decimal *a, const ct_decimal *b,
                   const ct_decimal_store *store)
{
    if (b->form != CT_DECIMAL_BIG) {
        ct_decimal nb = ct_decimal_neg(b);
        return ct_decimal_add(out, a, &nb, store);
    }
    if (!ct_decimal_is_finite(a)) {
        *out = a->form == CT_DECIMAL_NONE ? ct_decimal_none() : *a;
        return 0;
    }
    return slow(OP_SUB, out, a, b, store, NULL);
}

int ct_decimal_mul(ct_decimal *out, const ct_decimal *a, const ct_decimal *b,
                   const ct_decimal_store *store)
{
    if (!ct_decimal_is_finite(a) || !ct_decimal_is_finite(b)) {
        int s = ct_decimal_sign(a) * ct_decimal_sign(b);
        if (a->form == CT_DECIMAL_NONE || b->form == CT_DECIMAL_NONE || s == 0)
            *out = ct_decimal_none();
        else
            *out = ct_decimal_inf(s);
        return 0;
    }
    if (a->form == CT_DECIMAL_SMALL && b->form == CT_DECIMAL_SMALL) {
        int64_t x = a->coef < 0 ? -a->coef : a->coef, y = b->coef < 0 ? -b->coef : b->coef;
        long e = (long)a->exp + b->exp;
        if ((x == 0 || y <= (SMALL_LIMIT - 1) / x) && e > -EXP_LIMIT * 4L && e < EXP_LIMIT * 4L) {
            *out = normalized(a->coef * b->coef, e);
            return 0;
        }
    }
    return slow(OP_MUL, out, a, b, store, NULL);
}

/* ---- text --------------------------------------------------------------- */

/* Lay out sign, digits (no leading zeros, at least one) and the exponent of
 * the last digit in plain or scientific notation. */
static size_t layout(int negative, const char *digits, size_t nd, long exp, char *buf, size_t n)
{
    size_t k = 0;
#define PUT(ch)                                                                                    \
    do {                                                                                           \
        if (k + 1 < n)                                                                             \
            buf[k] = (ch);                                                                         \
        k++;                                                                                       \
    } while (0)
    if (negative)
        PUT('-');
    long point = (long)nd + exp; /* digits before the point */
    if (exp >= 0 && exp <= 21) {
        for (size_t i = 0; i < nd; i++)
            PUT(digits[i]);
        for (long i = 0; i < exp; i++)
            PUT('0');
    } else if (exp < 0 && point > 0) {
        for (size_t i = 0; i < nd; i++) {
            if ((long)i == point)
                PUT('.');
            PUT(digits[i]);
        }
    } else if (exp < 0 && point > -21 && exp >= -(long)nd - 21) {
        PUT('0');
        PUT('.');
        for (long i = point; i < 0; i++)
            PUT('0');
        for (size_t i = 0; i < nd; i++)
            PUT(digits[i]);
    } else {
        PUT(digits[0]);
        if (nd > 1)
            PUT('.');
        for (size_t i = 1; i < nd; i++)
            PUT(digits[i]);
        char e[24];
        snprintf(e, sizeof e, "e%+ld", point - 1);
        for (const char *p = e; *p; p++)
            PUT(*p);
    }
#undef PUT
    if (n)
        buf[k < n ? k : n - 1] = '\0';
    return k;
}

size_t ct_decimal_format(const ct_decimal *d, char *buf, size_t n)
{
    const char *fixed = d->form == CT_DECIMAL_NEG_INF   ? "-inf"
                        : d->form == CT_DECIMAL_POS_INF ? "inf"
                        : d->form == CT_DECIMAL_NONE    ? "none"
                                                        : NULL;
    if (fixed)
        return (size_t)snprintf(buf, n, "%s", fixed);
    if (d->form == CT_DECIMAL_SMALL) {
        char digits[24];
        uint64_t m = d->coef < 0 ? (uint64_t)0 - (uint64_t)d->coef : (uint64_t)d->coef;
        snprintf(digits, sizeof digits, "%" PRIu64, m);
        return layout(d->coef < 0, digits, strlen(digits), d->exp, buf, n);
    }
    literal lit;
    size_t len = literal_length(d->text);
    if (literal_scan(d->text, len, &lit) < 0)
        return (size_t)snprintf(buf, n, "%.*s", (int)len, d->text);
    if (!lit.start)
        return layout(0, "0", 1, 0, buf, n);
    /* the digits without the '.', laid out from the text */
    size_t k = 0, need = lit.n_digits + 32;
    char small[96] = "", *digits = need <= sizeof small ? small : ct_malloc(need);
    if (!digits)
        return (size_t)snprintf(buf, n, "%.*s", (int)len, d->text);
    for (const char *p = lit.start; k < lit.n_digits; p++)
        if (*p != '.')
            digits[k++] = *p;
    size_t r = layout(lit.negative, digits, k, lit.exp, buf, n);
    if (digits != small)
        ct_free(digits);
    return r;
}

int ct_decimal_to_int(int64_t *out, const ct_decimal *d)
{
    if (d->form != CT_DECIMAL_SMALL)
        return CT_EINVALID;
    int64_t c = d->coef;
    long e = d->exp;
    for (; e < 0; e++) {
        if (c % 10)
            return CT_EINVALID;
        c /= 10;
    }
    if (e > 0 && scale(c, e, &c) < 0)
        return CT_EINVALID;
    *out = c;
    return 0;
}
