/*
 * clash.c - which positions of one group clash.  For interval values the
 * asserting positions are sorted by lower bound: all of them overlap exactly
 * when the greatest lower bound is at most the least upper bound, and the
 * positions that clash with position i (in that order) are a suffix, found by
 * binary search.  Denials clash only with what implies them; on a varying
 * property, claims clash only when their scopes overlap.
 */
#include "conflict/conflict_int.h"
#include "value/kind.h"
#include "util/util.h"

#include <stdlib.h>
#include <string.h>

/* A count that can only grow went down: `later`'s scope lies wholly after
 * `earlier`'s and its interval wholly below. */
static int count_fell(const ct_claim *earlier, const ct_claim *later)
{
    return ct_decimal_cmp(&earlier->scope.hi, &later->scope.lo) < 0 &&
           ct_decimal_cmp(&later->interval.hi, &earlier->interval.lo) < 0;
}

int ct_claims_clash(const ct_property *p, const ct_claim *a, const ct_claim *b)
{
    const ct_value_kind *kind = ct_value__kind_of(p->type);
    if ((kind->flags & CT_VALUE_NEVER_CLASHES) || (a->denies && b->denies) || a->questions ||
        b->questions)
        return 0;
    if (p->cumulative && (kind->flags & CT_VALUE_NUMBER) && !a->denies && !b->denies &&
        (count_fell(a, b) || count_fell(b, a)))
        return 1;
    if (p->varies && !ct_interval_overlap(&a->scope, &b->scope))
        return 0;
    if (a->denies != b->denies)
        return a->denies ? kind->implies(p, b, a) : kind->implies(p, a, b);
    return p->multi ? 0 : !kind->compatible(p, a, b);
}


int ct_conflict__keys_intersect(const pos_build *a, const pos_build *b)
{
    size_t i = 0, j = 0;
    while (i < a->n_keys && j < b->n_keys) {
        int c = speaker_cmp(a->keys[i], b->keys[j]);
        if (c == 0)
            return 1;
        if (c < 0)
            i++;
        else
            j++;
    }
    return 0;
}


int ct_conflict__clash_add(clash_list *l, size_t a, size_t b)
{
    if (l->count >= CT_CLASHES_MAX) {
        l->truncated = 1;
        return 0;
    }
    if (ct_util__array_grow((void **)&l->items, &l->alloc, l->count, sizeof *l->items) < 0)
        return CT_ENOMEM;
    l->items[l->count].a = a < b ? a : b;
    l->items[l->count].b = a < b ? b : a;
    l->count++;
    return 0;
}

static int cmp_clash(const void *x, const void *y)
{
    const ct_clash *a = x, *b = y;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return a->b < b->b ? -1 : a->b > b->b;
}

void ct_conflict_sort_clashes(ct_conflict *c)
{
    qsort(c->clashes, c->n_clashes, sizeof *c->clashes, cmp_clash);
}

typedef struct {
    size_t pos;
    ct_interval iv;
} iv_entry;

static int cmp_iv_entry(const void *x, const void *y)
{
    const iv_entry *a = x, *b = y;
    int c = ct_decimal_cmp(&a->iv.lo, &b->iv.lo);
    if (c)
        return c;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* Clashes among asserting positions of an interval property (bounds compared
 * exactly). */
static int interval_clashes(const member *m, const pos_build *pb, const size_t *asserting, size_t n,
                            clash_list *out)
{
    iv_entry *e = ct_calloc(n ? n : 1, sizeof *e);
    if (!e)
        return CT_ENOMEM;
    size_t max_lo = 0, min_hi = 0; /* entries holding them */
    for (size_t i = 0; i < n; i++) {
        const ct_claim *c = m[pb[asserting[i]].first_member].claim;
        e[i].pos = asserting[i];
        e[i].iv = c->interval;
        if (ct_decimal_cmp(&e[i].iv.lo, &e[max_lo].iv.lo) > 0)
            max_lo = i;
        if (ct_decimal_cmp(&e[i].iv.hi, &e[min_hi].iv.hi) < 0)
            min_hi = i;
    }
    int rc = 0;
    if (n && ct_decimal_cmp(&e[max_lo].iv.lo, &e[min_hi].iv.hi) > 0) {
        qsort(e, n, sizeof *e, cmp_iv_entry);
        for (size_t i = 0; i < n && rc == 0 && !out->truncated; i++) {
            /* first j > i whose lower bound lies beyond e[i]'s upper bound */
            size_t lo = i + 1, hi = n;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (ct_decimal_cmp(&e[mid].iv.lo, &e[i].iv.hi) > 0)
                    hi = mid;
                else
                    lo = mid + 1;
            }
            for (size_t j = lo; j < n && rc == 0 && !out->truncated; j++)
                rc = ct_conflict__clash_add(out, e[i].pos, e[j].pos);
        }
    }
    ct_free(e);
    return rc;
}

/* 1 when some claim of position `a` clashes with some claim of position `b`;
 * with `self`, only pairs of one speaker count. */

/* Clashes on a varying property: claim by claim, as scopes differ within a
 * position. */
static int scoped_clashes(const ct_property *p, const member *m, const pos_build *pb, size_t np,
                          clash_list *out)
{
    int rc = 0;
    for (size_t i = 0; i < np && rc == 0 && !out->truncated; i++)
        for (size_t j = i + 1; j < np && rc == 0 && !out->truncated; j++)
            if (ct_conflict__positions_clash(p, m, &pb[i], &pb[j], 0))
                rc = ct_conflict__clash_add(out, i, j);
    return rc;
}

int ct_conflict__find_clashes(const ct_property *p, const member *m, const pos_build *pb, size_t np,
                              clash_list *out)
{
    size_t *asserting = ct_calloc(np, sizeof *asserting);
    size_t *denying = ct_calloc(np, sizeof *denying);
    size_t na = 0, nd = 0;
    int rc = 0;
    if (!asserting || !denying) {
        rc = CT_ENOMEM;
        goto done;
    }
    if (p->varies) {
        rc = scoped_clashes(p, m, pb, np, out);
        goto done;
    }
    for (size_t i = 0; i < np; i++) {
        if (m[pb[i].first_member].claim->questions)
            continue;
        if (m[pb[i].first_member].claim->denies)
            denying[nd++] = i;
        else
            asserting[na++] = i;
    }
    if (!p->multi) {
        if (ct_value__kind_of(p->type)->flags & CT_VALUE_INTERVAL) {
            rc = interval_clashes(m, pb, asserting, na, out);
        } else {
            for (size_t i = 0; i < na && rc == 0; i++)
                for (size_t j = i + 1; j < na && rc == 0; j++)
                    if (ct_claims_clash(p, m[pb[asserting[i]].first_member].claim,
                                        m[pb[asserting[j]].first_member].claim))
                        rc = ct_conflict__clash_add(out, asserting[i], asserting[j]);
        }
    }
    for (size_t d = 0; d < nd && rc == 0; d++)
        for (size_t a = 0; a < na && rc == 0; a++)
            if (ct_claims_clash(p, m[pb[denying[d]].first_member].claim,
                                m[pb[asserting[a]].first_member].claim))
                rc = ct_conflict__clash_add(out, denying[d], asserting[a]);
done:
    ct_free(asserting);
    ct_free(denying);
    return rc;
}

int ct_conflict__positions_clash(const ct_property *p, const member *m, const pos_build *a,
                                 const pos_build *b, int self)
{
    for (size_t x = a->first_member; x < a->first_member + a->count; x++)
        for (size_t y = b->first_member; y < b->first_member + b->count; y++)
            if ((!self || speaker_cmp(speaker_of(m[x].claim), speaker_of(m[y].claim)) == 0) &&
                ct_claims_clash(p, m[x].claim, m[y].claim))
                return 1;
    return 0;
}
