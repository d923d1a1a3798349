/*
 * agreement.c - how often each pair of sources agrees or clashes on the
 * groups (topic, subject, property) both speak on; see claimtrack/report.h.
 * A claim that only `questions` a value takes no stand: neither agreement
 * nor clash.  A rule conflict counts once as a clash between two sources
 * when, in one of its violations, one holds a position on the rule's left
 * side and the other one on its right side.
 */
#include "claimtrack/common.h"
#include "claimtrack/report.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* qsort has no context argument: keys are compared through these records.
 * Subjects are interned (one pointer per name), so groups are told apart by
 * address; the order groups are visited in does not change any count. */
typedef struct {
    uint32_t topic, property;
    const char *subject;
    size_t index;
} group_key;

static int cmp_key(const void *x, const void *y)
{
    const group_key *a = x, *b = y;
    if (a->topic != b->topic)
        return a->topic < b->topic ? -1 : 1;
    if (a->property != b->property)
        return a->property < b->property ? -1 : 1;
    uintptr_t sa = (uintptr_t)a->subject, sb = (uintptr_t)b->subject;
    if (sa != sb)
        return sa < sb ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

static int cmp_group(const group_key *a, const group_key *b)
{
    if (a->topic != b->topic || a->property != b->property)
        return 1;
    return a->subject != b->subject;
}

/* A claim's source is one of few strings (the corpus interns source ids):
 * the index found for each address is remembered, so most lookups compare
 * one pointer instead of searching by name. */
typedef struct {
    const char *key[256];
    long value[256];
} source_memo;

static long source_index(const char *const *ids, size_t n, const char *id);

static long source_lookup(source_memo *m, const char *const *ids, size_t n, const char *id)
{
    uintptr_t a = (uintptr_t)id;
    size_t h = (size_t)((a ^ (a >> 9)) >> 3) & 255;
    if (m->key[h] != id) {
        m->key[h] = id;
        m->value[h] = source_index(ids, n, id);
    }
    return m->value[h];
}

static long source_index(const char *const *ids, size_t n, const char *id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(ids[mid], id);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* The conflict of the group of `k`, or NULL. */
static const ct_conflict *group_conflict(const group_key *conf, size_t n_conf,
                                         const ct_conflict *conflicts, const group_key *k)
{
    size_t lo = 0, hi = n_conf;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        group_key probe = *k;
        probe.index = conf[mid].index;
        int c = cmp_key(&conf[mid], &probe);
        if (c == 0)
            return &conflicts[conf[mid].index];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* The sources (indexes into ids) of one group, each once, and for a
 * conflict the positions each holds (held[s * n_positions + p]). */
static void add_pairs(ct_agreement *cells, size_t n, const long *src, size_t k,
                      const unsigned char *held, const ct_conflict *c)
{
    for (size_t i = 0; i < k; i++)
        for (size_t j = i + 1; j < k; j++) {
            int clash = 0, any_i = !c, any_j = !c;
            for (size_t p = 0; c && p < c->n_positions; p++) {
                any_i |= held[i * c->n_positions + p];
                any_j |= held[j * c->n_positions + p];
            }
            if (!any_i || !any_j) /* only revised claims: no stand here */
                continue;
            for (size_t x = 0; c && x < c->n_clashes && !clash; x++) {
                size_t a = c->clashes[x].a, b = c->clashes[x].b;
                clash = (held[i * c->n_positions + a] && held[j * c->n_positions + b]) ||
                        (held[i * c->n_positions + b] && held[j * c->n_positions + a]);
            }
            size_t u = (size_t)src[i], v = (size_t)src[j];
            if (clash) {
                cells[u * n + v].clash++;
                cells[v * n + u].clash++;
            } else {
                cells[u * n + v].agree++;
                cells[v * n + u].agree++;
            }
        }
}

/* A rule conflict: one clash for every two sources (each pair once) on
 * opposite sides of one violation. */
static int rule_clashes(ct_agreement *cells, size_t n, const char *const *ids,
                        const ct_claim *claims, const ct_conflict *c)
{
    if (!n)
        return 0;
    /* of each position, the sources holding it (one bit per source) */
    unsigned char *pair = ct_calloc(n * n, 1), *held = ct_calloc(c->n_positions * n, 1);
    if (!pair || !held) {
        ct_free(pair);
        ct_free(held);
        return CT_ENOMEM;
    }
    for (size_t p = 0; p < c->n_positions; p++)
        for (size_t x = 0; x < c->positions[p].n_claims; x++) {
            long s = source_index(ids, n, claims[c->positions[p].claims[x]].source);
            if (s >= 0)
                held[p * n + (size_t)s] = 1;
        }
    size_t n_left = c->rule_def ? c->rule_def->n_left : 1;
    for (size_t v = 0; v < c->n_violations; v++) {
        const ct_rule_violation *vi = &c->violations[v];
        for (size_t a = 0; a < n_left && a < vi->n_positions; a++)
            for (size_t b = n_left; b < vi->n_positions; b++) {
                const unsigned char *ha = &held[vi->positions[a] * n];
                const unsigned char *hb = &held[vi->positions[b] * n];
                for (size_t u = 0; u < n; u++)
                    for (size_t w = 0; ha[u] && w < n; w++)
                        if (hb[w] && u != w)
                            pair[u * n + w] = pair[w * n + u] = 1;
            }
    }
    for (size_t u = 0; u < n; u++)
        for (size_t w = 0; w < n; w++)
            cells[u * n + w].clash += pair[u * n + w];
    ct_free(pair);
    ct_free(held);
    return 0;
}

int ct_source_agreement(ct_agreement **out, const ct_corpus *corpus, const ct_conflict_set *set,
                        const char *const *ids, size_t n)
{
    size_t n_claims;
    const ct_claim *claims = ct_corpus_claims(corpus, &n_claims);
    size_t n_cells = n ? n : 1;
    ct_agreement *cells =
        n_cells <= SIZE_MAX / n_cells ? ct_calloc(n_cells * n_cells, sizeof *cells) : NULL;
    group_key *keys = ct_calloc(n_claims ? n_claims : 1, sizeof *keys);
    group_key *conf = ct_calloc(set->n_conflicts ? set->n_conflicts : 1, sizeof *conf);
    long *src = ct_calloc(n ? n : 1, sizeof *src);
    unsigned char *held = NULL;
    size_t held_cap = 0;
    source_memo *memo = ct_calloc(1, sizeof *memo);
    *out = NULL;
    if (!cells || !keys || !conf || !src || !memo)
        goto fail;
    for (size_t i = 0; i < n_claims; i++)
        keys[i] = (group_key){claims[i].topic, claims[i].property, claims[i].subject, i};
    qsort(keys, n_claims, sizeof *keys, cmp_key);
    size_t n_conf = 0; /* the group conflicts: a rule conflict is no group's */
    for (size_t i = 0; i < set->n_conflicts; i++) {
        const ct_conflict *c = &set->conflicts[i];
        if (c->type != CT_CONFLICT_RULE)
            conf[n_conf++] = (group_key){(uint32_t)c->topic, (uint32_t)c->property, c->subject, i};
    }
    qsort(conf, n_conf, sizeof *conf, cmp_key);
    for (size_t g = 0; g < n_claims;) {
        size_t end = g + 1;
        while (end < n_claims && cmp_group(&keys[g], &keys[end]) == 0)
            end++;
        const ct_conflict *c = group_conflict(conf, n_conf, set->conflicts, &keys[g]);
        size_t k = 0;
        for (size_t i = g; i < end; i++) {
            if (claims[keys[i].index].questions)
                continue; /* no stand */
            long s = source_lookup(memo, ids, n, claims[keys[i].index].source);
            size_t j = 0;
            while (j < k && src[j] != s)
                j++;
            if (s >= 0 && j == k)
                src[k++] = s;
        }
        size_t np = c ? c->n_positions : 0, need = k * np;
        if (need > held_cap) {
            ct_free(held);
            held_cap = need;
            if (!(held = ct_calloc(held_cap, 1)))
                goto fail;
        }
        if (need)
            memset(held, 0, need);
        for (size_t p = 0; p < np; p++)
            for (size_t x = 0; !c->positions[p].questions && x < c->positions[p].n_claims; x++) {
                long s = source_lookup(memo, ids, n, claims[c->positions[p].claims[x]].source);
                for (size_t j = 0; j < k; j++)
                    if (src[j] == s)
                        held[j * np + p] = 1;
            }
        add_pairs(cells, n, src, k, held, c);
        g = end;
    }
    for (size_t i = 0; i < set->n_conflicts; i++)
        if (set->conflicts[i].type == CT_CONFLICT_RULE &&
            rule_clashes(cells, n, ids, claims, &set->conflicts[i]) < 0)
            goto fail;
    ct_free(held);
    ct_free(keys);
    ct_free(conf);
    ct_free(src);
    ct_free(memo);
    *out = cells;
    return 0;
fail:
    ct_free(memo);
    ct_free(held);
    ct_free(cells);
    ct_free(keys);
    ct_free(conf);
    ct_free(src);
    return CT_ENOMEM;
}
