/*
 * conflict_lookup.c - finding a conflict of a set by id, and ids that two
 * conflicts share.
 */
#include "claimtrack/conflict.h"
#include "claimtrack/common.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Shortest prefix taken: "CT-" and one hex digit. */
#define PREFIX_MIN 4

size_t ct_conflict_set_prefix_matches(const ct_conflict_set *set, const char *prefix,
                                      const ct_conflict **out, size_t max)
{
    size_t n = 0, len = strlen(prefix);
    for (size_t i = 0; i < set->n_conflicts; i++)
        if (strncasecmp(set->conflicts[i].id, prefix, len) == 0) {
            if (n < max)
                out[n] = &set->conflicts[i];
            n++;
        }
    return n;
}

const ct_conflict *ct_conflict_set_get(const ct_conflict_set *set, const char *id)
{
    const ct_conflict *legacy = NULL;
    size_t n_legacy = 0;
    for (size_t i = 0; i < set->n_conflicts; i++) {
        if (strcasecmp(set->conflicts[i].id, id) == 0)
            return &set->conflicts[i];
        if (strcasecmp(set->conflicts[i].legacy_id, id) == 0) {
            legacy = &set->conflicts[i];
            n_legacy++;
        }
    }
    if (n_legacy == 1)
        return legacy;
    const ct_conflict *one = NULL;
    if (!n_legacy && strlen(id) >= PREFIX_MIN &&
        ct_conflict_set_prefix_matches(set, id, &one, 1) == 1)
        return one;
    return NULL;
}

static int cmp_conflict_ptr_id(const void *x, const void *y)
{
    const ct_conflict *a = *(const ct_conflict *const *)x, *b = *(const ct_conflict *const *)y;
    int d = strcmp(a->id, b->id);
    return d ? d : (a < b ? -1 : a > b);
}

int ct_conflict_set_find_id_collision(size_t *a, size_t *b, const ct_conflict_set *set)
{
    size_t n = set->n_conflicts;
    if (n < 2)
        return 0;
    const ct_conflict **v = ct_reallocarray(NULL, n, sizeof *v);
    if (!v)
        return CT_ENOMEM;
    for (size_t i = 0; i < n; i++)
        v[i] = &set->conflicts[i];
    qsort(v, n, sizeof *v, cmp_conflict_ptr_id);
    int found = 0;
    for (size_t i = 1; i < n && !found; i++)
        if (strcmp(v[i - 1]->id, v[i]->id) == 0) {
            *a = (size_t)(v[i - 1] - set->conflicts);
            *b = (size_t)(v[i] - set->conflicts);
            found = 1;
        }
    ct_free(v);
    return found;
}

typedef struct {
    const char *id;
    size_t index;
} claim_ref;

static int cmp_claim_ref(const void *x, const void *y)
{
    const claim_ref *a = x, *b = y;
    int d = strcmp(a->id, b->id);
    return d ? d : (a->index > b->index) - (a->index < b->index);
}

/* Claim `x`'s group (topic id, subject, property name) against conflict
 * `c`'s, in the order revisions are sorted in (group.c). */
static int cmp_group(const ct_topic *topics, const ct_claim *x, const ct_conflict *c)
{
    const ct_topic *tx = &topics[x->topic], *tc = &topics[c->topic];
    int d = strcmp(tx->id, tc->id);
    if (!d)
        d = strcmp(x->subject, c->subject);
    if (!d)
        d = strcmp(tx->properties[x->property].name, tc->properties[c->property].name);
    return d;
}

/* The revisions of conflict `c`'s group: [*first, *first + n), found by
 * binary search in the set's canonical order. */
static size_t group_revisions(const ct_corpus *corpus, const ct_conflict_set *set,
                              const ct_conflict *c, size_t *first)
{
    size_t n_topics, n_claims;
    const ct_topic *topics = ct_corpus_topics(corpus, &n_topics);
    const ct_claim *claims = ct_corpus_claims(corpus, &n_claims);
    size_t lo = 0, hi = set->n_revisions;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cmp_group(topics, &claims[set->revisions[mid].claim], c) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < set->n_revisions && cmp_group(topics, &claims[set->revisions[end].claim], c) == 0)
        end++;
    *first = lo;
    return end - lo;
}

int ct_conflict_claims(size_t **out, size_t *n, const ct_corpus *corpus, const ct_conflict_set *set,
                       const ct_conflict *c)
{
    size_t n_all;
    const ct_claim *claims = ct_corpus_claims(corpus, &n_all);
    size_t cap = 0, k = 0;
    for (size_t i = 0; i < c->n_positions; i++)
        cap += c->positions[i].n_claims;
    /* a value conflict's digest covers the group's revised claims too */
    size_t first = 0;
    size_t n_revised = c->type != CT_CONFLICT_RULE ? group_revisions(corpus, set, c, &first) : 0;
    cap += n_revised;
    claim_ref *r = ct_reallocarray(NULL, cap ? cap : 1, sizeof *r);
    size_t *v = ct_reallocarray(NULL, cap ? cap : 1, sizeof *v);
    *out = NULL;
    *n = 0;
    if (!v || !r) {
        ct_free(r);
        ct_free(v);
        return CT_ENOMEM;
    }
    for (size_t i = 0; i < c->n_positions; i++)
        for (size_t j = 0; j < c->positions[i].n_claims; j++)
            r[k++] = (claim_ref){claims[c->positions[i].claims[j]].id, c->positions[i].claims[j]};
    for (size_t i = first; i < first + n_revised; i++)
        r[k++] = (claim_ref){claims[set->revisions[i].claim].id, set->revisions[i].claim};
    qsort(r, k, sizeof *r, cmp_claim_ref);
    size_t u = 0;
    for (size_t i = 0; i < k; i++)
        if (u == 0 || v[u - 1] != r[i].index)
            v[u++] = r[i].index;
    ct_free(r);
    *out = v;
    *n = u;
    return 0;
}
