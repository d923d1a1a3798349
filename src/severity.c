/*
 * severity.c - how serious a conflict is, and why: the evidence (hedges,
 * attribution, one speaker against itself, a factor of two), the gap (a
 * quantity clash under 10 % of the larger value is at most low; an estimate's
 * best value measures it) and the stakes (a property's importance).
 */
#include "severity.h"
#include "claimtrack/common.h"
#include "value/kind.h"

#include <math.h>
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
    if (!(ct_value_kind_of(p->type)->flags & CT_VALUE_NUMBER))
        return 0;
    const ct_claim *low = a->interval.hi < b->interval.lo ? a : b;
    const ct_claim *high = low == a ? b : a;
    double l = low->interval.hi, h = high->interval.lo;
    if (!isfinite(l) || !isfinite(h) || l >= h)
        return 0;
    if (l <= 0)
        return h > 0;
    return h / l >= 2.0;
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
static void gap_point(const ct_claim *c, double *lo, double *hi, int64_t *ilo, int64_t *ihi)
{
    *lo = isnan(c->best) ? c->interval.lo : c->best;
    *hi = isnan(c->best) ? c->interval.hi : c->best;
    *ilo = isnan(c->best) ? c->interval.ilo : ct_bound_exact(c->best);
    *ihi = isnan(c->best) ? c->interval.ihi : ct_bound_exact(c->best);
}

/* 1 when the gap between two clashing quantities is under 10 % of the larger
 * value; *gap and *larger are set. */
static int small_gap(const ct_claim *a, const ct_claim *b, double *gap, double *larger)
{
    double alo, ahi, blo, bhi;
    int64_t ialo, iahi, iblo, ibhi;
    gap_point(a, &alo, &ahi, &ialo, &iahi);
    gap_point(b, &blo, &bhi, &iblo, &ibhi);
    if (ct_bound_cmp(blo, iblo, alo, ialo) < 0) { /* a is the lower one */
        double t = alo;
        alo = blo, blo = t;
        t = ahi;
        ahi = bhi, bhi = t;
        int64_t it = iahi;
        iahi = ibhi, ibhi = it;
        it = ialo;
        ialo = iblo, iblo = it;
    }
    *gap = blo - ahi;
    /* exact integers beyond 2^53: their difference, not the doubles' */
    if ((double)iblo == blo && (double)iahi == ahi && iblo >= iahi && iahi >= 0)
        *gap = (double)(iblo - iahi);
    *larger = fabs(blo) > fabs(ahi) ? fabs(blo) : fabs(ahi);
    return isfinite(*gap) && isfinite(*larger) && *gap >= 0 && *larger > 0 && *gap < 0.1 * *larger;
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
    double gap, larger;
    if (p->type == CT_TYPE_QUANTITY && !a->denies && !b->denies && small_gap(a, b, &gap, &larger)) {
        reason(note->reasons, &note->n,
               "the gap (%.15g) is under 10%% of the larger value (%.15g): at most low", gap,
               larger);
        sev = 0;
    }
    return sev;
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
