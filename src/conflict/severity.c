/*
 * severity.c - how serious a conflict is, and why: the evidence (hedges,
 * attribution, one speaker against itself, a factor of two), the gap (a
 * quantity clash under 10 % of the larger value is at most low; an estimate's
 * best value measures it) and the stakes (a property's importance).
 */
#include "conflict/severity.h"
#include "claimtrack/common.h"
#include "value/kind.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int ct_severity__strength(const ct_claim *c)
{
    if (c->hedge)
        return 0;
    return c->claimant ? 1 : 2;
}

/* Numbers that differ by a factor of two or more across the gap. */
static int large_factor(const ct_property *p, const ct_claim *a, const ct_claim *b)
{
    if (!(ct_value__kind_of(p->type)->flags & CT_VALUE_NUMBER))
        return 0;
    const ct_claim *low = ct_decimal_cmp(&a->interval.hi, &b->interval.lo) < 0 ? a : b;
    const ct_claim *high = low == a ? b : a;
    const ct_decimal *l = &low->interval.hi, *h = &high->interval.lo;
    if (!ct_decimal_is_finite(l) || !ct_decimal_is_finite(h) || ct_decimal_cmp(l, h) >= 0)
        return 0;
    if (ct_decimal_sign(l) <= 0)
        return ct_decimal_sign(h) > 0;
    /* h / l >= 2, exactly: h >= l + l */
    ct_decimal_pool pool = {NULL};
    ct_decimal_store store = ct_decimal_pool_store(&pool);
    ct_decimal twice;
    int r = ct_decimal_add(&twice, l, l, &store) == 0 && ct_decimal_cmp(h, &twice) >= 0;
    ct_decimal_pool_dispose(&pool);
    return r;
}


static void reason(char (*reasons)[CT_SEVERITY_REASON_SIZE], size_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void reason(char (*reasons)[CT_SEVERITY_REASON_SIZE], size_t *n, const char *fmt, ...)
{
    if (*n >= CT_SEVERITY_REASONS_MAX)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reasons[*n], CT_SEVERITY_REASON_SIZE, fmt, ap);
    va_end(ap);
    (*n)++;
}

static const char *const evidence[] = {
    "evidence: a hedged claim on at least one side (low)",
    "evidence: at least one side is relayed from a claimant, unhedged (medium)",
    "evidence: first-hand, unhedged claims on both sides (high)"};

/* The point of a quantity that measures a gap: an estimate's best value, else
 * its interval. */
static ct_interval gap_point(const ct_claim *c)
{
    if (c->best.form == CT_DECIMAL_NONE)
        return c->interval;
    ct_interval iv = {c->best, c->best};
    return iv;
}

static ct_decimal magnitude(const ct_decimal *d, const ct_decimal_store *store, int *rc)
{
    if (ct_decimal_sign(d) >= 0)
        return *d;
    ct_decimal zero = ct_decimal_from_int(0), m = zero;
    if (ct_decimal_sub(&m, &zero, d, store) < 0)
        *rc = CT_ENOMEM;
    return m;
}

/* 1 when the gap between two clashing quantities is under 10 % of the larger
 * value, exactly (10 x gap < larger); *gap and *larger are set.  CT_ENOMEM. */
static int small_gap(const ct_claim *a, const ct_claim *b, const ct_decimal_store *store,
                     ct_decimal *gap, ct_decimal *larger)
{
    ct_interval x = gap_point(a), y = gap_point(b);
    if (ct_decimal_cmp(&y.lo, &x.lo) < 0) { /* x is the lower one */
        ct_interval t = x;
        x = y;
        y = t;
    }
    if (!ct_decimal_is_finite(&y.lo) || !ct_decimal_is_finite(&x.hi))
        return 0;
    int rc = 0;
    if (ct_decimal_sub(gap, &y.lo, &x.hi, store) < 0)
        return CT_ENOMEM;
    ct_decimal my = magnitude(&y.lo, store, &rc), mx = magnitude(&x.hi, store, &rc);
    if (rc < 0)
        return rc;
    *larger = ct_decimal_cmp(&my, &mx) > 0 ? my : mx;
    ct_decimal ten = ct_decimal_from_int(10), tenfold;
    if (ct_decimal_mul(&tenfold, gap, &ten, store) < 0)
        return CT_ENOMEM;
    return ct_decimal_sign(gap) >= 0 && ct_decimal_sign(larger) > 0 &&
           ct_decimal_cmp(&tenfold, larger) < 0;
}

/* The severity of one clash between `a` and `b` (representatives of their
 * positions) and why. */
void ct_severity__evidence(ct_severity_note *note, int strength)
{
    reason(note->reasons, &note->n, "%s", evidence[strength < 0 ? 0 : strength > 2 ? 2 : strength]);
}

int ct_severity__clash(const ct_property *p, const ct_claim *a, const ct_claim *b, int strength,
                       int self, ct_severity_note *note)
{
    note->n = 0;
    int sev = strength;
    if (self) {
        reason(note->reasons, &note->n, "one speaker contradicts itself (high)");
        sev = 2;
    } else {
        reason(note->reasons, &note->n, "%s", evidence[strength]);
        if (large_factor(p, a, b) && sev < 2) {
            sev++;
            reason(note->reasons, &note->n,
                   "the values differ by a factor of two or more (raised one level)");
        }
    }
    ct_decimal_pool pool = {NULL};
    ct_decimal_store store = ct_decimal_pool_store(&pool);
    ct_decimal gap, larger;
    int small = (ct_value__kind_of(p->type)->flags & CT_VALUE_NUMBER) && !a->denies && !b->denies
                    ? small_gap(a, b, &store, &gap, &larger)
                    : 0;
    if (small > 0) {
        char g[64], l[64];
        ct_decimal_format(&gap, g, sizeof g);
        ct_decimal_format(&larger, l, sizeof l);
        reason(note->reasons, &note->n,
               "the gap (%s) is under 10%% of the larger value (%s): at most low", g, l);
        sev = 0;
    }
    ct_decimal_pool_dispose(&pool);
    return small < 0 ? small : sev;
}

/* A property's importance moves the severity one level. */
void ct_severity__importance(const ct_property *p, ct_severity *severity, ct_severity_note *note)
{
    if (p->importance > 0) {
        if (*severity < CT_SEVERITY_HIGH)
            (*severity)++;
        reason(note->reasons, &note->n, "property \"%s\" is of high importance (raised one level)",
               p->name);
    } else if (p->importance < 0) {
        if (*severity > CT_SEVERITY_LOW)
            (*severity)--;
        reason(note->reasons, &note->n, "property \"%s\" is of low importance (lowered one level)",
               p->name);
    }
}

int ct_severity__attach(ct_conflict *c, const ct_severity_note *note)
{
    size_t total = 0, len[CT_SEVERITY_REASONS_MAX];
    for (size_t i = 0; i < note->n; i++)
        total += (len[i] = strlen(note->reasons[i])) + 1;
    if (!note->n)
        return 0;
    char *text = ct_malloc(total);
    if (!text)
        return CT_ENOMEM;
    char *at = text;
    for (size_t i = 0; i < note->n; i++) {
        memcpy(at, note->reasons[i], len[i] + 1);
        c->severity_reasons[i] = at;
        at += len[i] + 1;
    }
    ct_free(c->severity_text);
    c->severity_text = text;
    c->n_severity_reasons = note->n;
    return 0;
}
