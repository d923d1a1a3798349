/*
 * revision.c - revisions within one speaker: which of a speaker's claims a
 * later claim of the same speaker revises (README "Revisions").  Revised
 * claims take no part in clashes (group.c).
 */
#include "claimtrack/conflict.h"
#include "claimtrack/common.h"
#include "conflict/conflict_int.h"
#include "value/kind.h"
#include "util/util.h"

#include <stdint.h>
#include <stdlib.h>

static int cmp_member_claimant(const void *x, const void *y)
{
    const member *a = x, *b = y;
    int k = speaker_cmp(speaker_of(a->claim), speaker_of(b->claim));
    if (k)
        return k;
    int64_t da = a->claim->as_of_day, db = b->claim->as_of_day; /* CT_NO_DAY first */
    if (da != db)
        return da < db ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

static int add_revision(revision_list *l, size_t claim, size_t by)
{
    if (ct_util__array_grow((void **)&l->items, &l->alloc, l->count, sizeof *l->items) < 0)
        return CT_ENOMEM;
    l->items[l->count].claim = claim;
    l->items[l->count].by = by;
    l->count++;
    return 0;
}

/* When a claim was said, for ordering one speaker's claims: its as_of, then
 * its source's published date (either may be missing: CT_NO_DAY). */
typedef struct {
    int64_t as_of, published;
} said_when;

static said_when when_said(const ct_corpus *corpus, const ct_claim *c)
{
    said_when w = {c->as_of_day, CT_NO_DAY};
    const ct_source *src = ct_corpus_source_find(corpus, c->source);
    ct_interval iv;
    char why[160];
    int64_t day;
    if (src && src->published && ct_date_parse(&iv, src->published, why, sizeof why) == 0 &&
        ct_decimal_to_int(&day, &iv.lo) == 0)
        w.published = day;
    return w;
}

/* Order of two dates: as_of first (a claim with none is dated by its
 * source), then the published date. */
static int when_cmp(said_when a, said_when b)
{
    int64_t x = a.as_of != CT_NO_DAY ? a.as_of : a.published;
    int64_t y = b.as_of != CT_NO_DAY ? b.as_of : b.published;
    if (x != y)
        return x < y ? -1 : 1;
    return a.published < b.published ? -1 : a.published > b.published;
}

static int undated(said_when w) { return w.as_of == CT_NO_DAY && w.published == CT_NO_DAY; }

/* Same value and stance: a restatement. */
static int same_position(const ct_property *p, const ct_claim *a, const ct_claim *b)
{
    return ct_conflict__cmp_value(p, a, b) == 0;
}

/*
 * Revisions within one speaker, one group, a property that does not vary
 * (README "Revisions"):
 * - the speaker's current position is its latest claim or claims (by as_of,
 *   then the source's published date); every earlier claim that differs from
 *   all of them in value or stance is revised (a later `questions` claim
 *   included), by the first later claim that differs from it;
 * - on a `multi` property, a later claim revises only the earlier claims it
 *   clashes with or that name the same value with another stance;
 * - a restatement (same value and stance) is never a revision;
 * - claims with no date at all are neither revised nor revise.
 * Only claims not revised take part in clashes; two of one speaker with the
 * same date that clash are a self-contradiction (clash.c).
 */
int ct_conflict__find_revisions(const ct_corpus *corpus, const ct_property *p, member *m, size_t k,
                                unsigned char *superseded, revision_list *out)
{
    if (p->varies)
        return 0; /* a later value is a later state, not a revision */
    said_when *when = ct_calloc(k ? k : 1, sizeof *when);
    if (!when)
        return CT_ENOMEM;
    /* by speaker, then date (claims are in load order within a speaker) */
    qsort(m, k, sizeof *m, cmp_member_claimant);
    for (size_t i = 0; i < k; i++)
        when[i] = when_said(corpus, m[i].claim);
    int rc = 0;
    for (size_t i = 0; i < k && rc == 0;) {
        size_t j = i + 1;
        while (j < k && speaker_cmp(speaker_of(m[j].claim), speaker_of(m[i].claim)) == 0)
            j++;
        /* the speaker's run [i, j): find its latest date */
        size_t latest = SIZE_MAX;
        for (size_t a = i; a < j; a++)
            if (!undated(when[a]) && (latest == SIZE_MAX || when_cmp(when[a], when[latest]) > 0))
                latest = a;
        for (size_t a = i; latest != SIZE_MAX && a < j && rc == 0; a++) {
            const ct_claim *c = m[a].claim;
            if (undated(when[a]) || when_cmp(when[a], when[latest]) >= 0)
                continue; /* current, or undated */
            if (!p->multi) {
                /* a restatement of a current claim stands */
                int restated = 0;
                for (size_t b = i; b < j && !restated; b++)
                    restated = !undated(when[b]) && when_cmp(when[b], when[latest]) == 0 &&
                               same_position(p, c, m[b].claim);
                if (restated)
                    continue;
            }
            /* the first later claim that revises it */
            size_t by = SIZE_MAX;
            for (size_t b = i; b < j; b++) {
                const ct_claim *later = m[b].claim;
                if (undated(when[b]) || when_cmp(when[b], when[a]) <= 0 ||
                    same_position(p, c, later))
                    continue;
                if (p->multi && !ct_claims_clash(p, c, later) &&
                    ct_value__kind_of(p->type)->compare(c, later) != 0)
                    continue; /* multi: only a clash or the same value revises */
                if (by == SIZE_MAX || when_cmp(when[b], when[by]) < 0 ||
                    (when_cmp(when[b], when[by]) == 0 && m[b].index < m[by].index))
                    by = b;
            }
            if (by != SIZE_MAX) {
                superseded[a] = 1;
                rc = add_revision(out, m[a].index, m[by].index);
            }
        }
        i = j;
    }
    ct_free(when);
    return rc;
}
