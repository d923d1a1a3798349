/*
 * conflict.c - group claims and find clashes.
 *
 * Cost: grouping is one pass over the claims with a hash table keyed by
 * (topic, interned subject, property); each group is then sorted once
 * (O(k log k)).  For interval values the clash test sorts the asserting
 * positions by lower bound: all of them overlap exactly when the greatest lower
 * bound is at most the least upper bound, and the positions that clash with
 * position i (in that order) are a suffix, found by binary search.
 */
#include "claimtrack/conflict.h"
#include "claimtrack/common.h"
#include "util/canon_hash.h"
#include "conflict/conflict_int.h"
#include "conflict/rules.h"
#include "conflict/severity.h"
#include "value/kind.h"
#include "util/util.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t topic, property;
    const char *subject;
    size_t first, count; /* range in the flat member array */
    size_t fill;
} group;

typedef struct {
    const ct_corpus *corpus;
    const ct_claim *claims;
    const ct_property *prop;
} sort_ctx;

const char *ct_conflict_type_name(ct_conflict_type t)
{
    static const char *const names[] = {"value", "denial", "self-contradiction", "rule"};
    return names[t];
}

const char *ct_severity_name(ct_severity s)
{
    static const char *const names[] = {"low", "medium", "high"};
    return names[s];
}

void ct_conflict_id(const char *topic, const char *subject, const char *property,
                    char out[CT_CONFLICT_ID_SIZE])
{
    ct_canon_hash__id3("claimtrack conflict id 2", topic, subject, property, out);
}

void ct_conflict_legacy_id(const char *topic, const char *subject, const char *property,
                           char out[CT_LEGACY_ID_SIZE])
{
    unsigned long long h = ct_util__hash64(topic, strlen(topic), CT_HASH64_INIT);
    h = ct_util__hash64("\x1f", 1, h);
    h = ct_util__hash64(subject, strlen(subject), h);
    h = ct_util__hash64("\x1f", 1, h);
    h = ct_util__hash64(property, strlen(property), h);
    snprintf(out, CT_LEGACY_ID_SIZE, "CT-%08x", (unsigned)((h >> 32) ^ (h & 0xffffffffu)));
}

/* ---- ordering ----------------------------------------------------------- */


/* asserts, denies, questions */
static int stance_rank(const ct_claim *c) { return c->questions ? 2 : c->denies; }

int ct_conflict__cmp_value(const ct_property *p, const ct_claim *a, const ct_claim *b)
{
    if (stance_rank(a) != stance_rank(b))
        return stance_rank(a) - stance_rank(b);
    return ct_value__kind_of(p->type)->compare(a, b);
}

int ct_claim_position_cmp(const ct_property *p, const ct_claim *a, const ct_claim *b)
{
    return ct_conflict__cmp_value(p, a, b);
}

/* Who speaks: the relayed claimant (by its declared name), else the source
 * itself.  A claimant is a source only when declared linked to it, never
 * because it is spelt like a source id (the loader resolves this). */


static int cmp_member_value(const void *x, const void *y)
{
    const member *a = x, *b = y;
    int c = ct_conflict__cmp_value(a->prop, a->claim, b->claim);
    if (c)
        return c;
    return a->id_rank < b->id_rank ? -1 : a->id_rank > b->id_rank;
}

/* Sorting a group by claim id: the first 8 bytes of each id, big-endian,
 * decide most comparisons without reaching the claim. */
typedef struct {
    uint64_t prefix;
    const ct_claim *claim;
    size_t at; /* place in the group's load order */
} id_key;

static int cmp_id_key(const void *x, const void *y)
{
    const id_key *a = x, *b = y;
    if (a->prefix != b->prefix)
        return a->prefix < b->prefix ? -1 : 1;
    int c = strcmp(a->claim->id, b->claim->id);
    if (c)
        return c;
    return a->at < b->at ? -1 : a->at > b->at;
}

static uint64_t id_prefix(const char *id)
{
    uint64_t v = 0;
    size_t i = 0;
    for (; i < 8 && id[i]; i++)
        v = v << 8 | (unsigned char)id[i];
    /* zero padding: a shorter id sorts first, as in strcmp */
    return i == 0 ? 0 : i == 8 ? v : v << (8 * (8 - i));
}

static int cmp_speaker(const void *x, const void *y)
{
    return speaker_cmp(*(const speaker *)x, *(const speaker *)y);
}

static int add_digest_field(unsigned long long *h, const char *s)
{
    if (s)
        *h = ct_util__hash64(s, strlen(s), *h);
    *h = ct_util__hash64("\x1f", 1, *h);
    return 0;
}

typedef struct {
    ct_conflict *items;
    size_t count, alloc;
    revision_list revs;
} results;

/* The members of group `g` in `m`, in load order, and its claims in `keys`,
 * sorted by claim id (then load order).  Each member carries its rank in
 * the id order, by which the value sorts break ties without comparing
 * strings. */
static void group_members(const ct_claim *claims, const group *g, const size_t *flat,
                          const ct_property *p, member *m, id_key *keys)
{
    for (size_t i = 0; i < g->count; i++) {
        m[i].index = flat[g->first + i];
        m[i].claim = &claims[m[i].index];
        m[i].prop = p;
        keys[i] = (id_key){id_prefix(m[i].claim->id), m[i].claim, i};
    }
    qsort(keys, g->count, sizeof *keys, cmp_id_key);
    for (size_t r = 0; r < g->count; r++)
        m[keys[r].at].id_rank = r;
}

/* Positions: the members not revised, sorted by value (`m` keeps only them,
 * in that order), one position for each run of equal stance and value, with
 * the strength of its strongest claim.  *out holds *np positions. */
static int find_positions(const ct_property *p, member *m, size_t k,
                          const unsigned char *superseded, pos_build **out, size_t *np)
{
    size_t active = 0;
    for (size_t i = 0; i < k; i++)
        if (!superseded[i])
            m[active++] = m[i];
    qsort(m, active, sizeof *m, cmp_member_value);
    pos_build *pb = ct_calloc(active ? active : 1, sizeof *pb);
    if (!pb)
        return CT_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < active;) {
        size_t j = i + 1;
        while (j < active && ct_conflict__cmp_value(p, m[i].claim, m[j].claim) == 0)
            j++;
        pb[n].first_member = i;
        pb[n].count = j - i;
        for (size_t x = i; x < j; x++) {
            int s = ct_severity__strength(m[x].claim);
            if (s > pb[n].strength)
                pb[n].strength = s;
        }
        n++;
        i = j;
    }
    *out = pb;
    *np = n;
    return 0;
}

/* A new conflict at the end of `r` for group `g`, with its ids and room for
 * np positions; once this returns 0 the results own it. */
static int new_conflict(results *r, const ct_topic *t, const group *g, const ct_property *p,
                        size_t np, ct_conflict **out)
{
    if (r->count == r->alloc) {
        size_t n = r->alloc ? r->alloc * 2 : 16;
        ct_conflict *items = ct_reallocarray(r->items, n, sizeof *items);
        if (!items)
            return CT_ENOMEM;
        r->items = items;
        r->alloc = n;
    }
    ct_conflict *c = &r->items[r->count];
    memset(c, 0, sizeof *c);
    c->topic = g->topic;
    c->subject = g->subject;
    c->property = g->property;
    c->n_claims = g->count;
    ct_conflict_id(t->id, g->subject, p->name, c->id);
    ct_conflict_legacy_id(t->id, g->subject, p->name, c->legacy_id);
    c->positions = ct_calloc(np, sizeof *c->positions);
    if (!c->positions)
        return CT_ENOMEM;
    r->count++;
    c->n_positions = np;
    *out = c;
    return 0;
}

/* Position i of conflict `c` from pb[i]: its stance, its claims, the value
 * as they write it, and (in pb[i].keys) its sorted speakers. */
static int fill_position(ct_conflict *c, size_t i, const member *m, pos_build *pb)
{
    ct_position *pos = &c->positions[i];
    const member *first = &m[pb[i].first_member];
    pos->denies = first->claim->denies;
    pos->questions = first->claim->questions;
    pos->subject = c->subject;
    pos->property = c->property;
    pos->claims = ct_calloc(pb[i].count, sizeof *pos->claims);
    pb[i].keys = ct_calloc(pb[i].count, sizeof *pb[i].keys);
    if (!pos->claims || !pb[i].keys)
        return CT_ENOMEM;
    for (size_t x = 0; x < pb[i].count; x++) {
        pos->claims[x] = first[x].index;
        pb[i].keys[x] = speaker_of(first[x].claim);
    }
    pos->n_claims = pb[i].count;
    pb[i].n_keys = pb[i].count;
    /* the value as written by the claims: the least spelling (then the
     * least id), whatever the load order */
    const ct_claim *rep = first->claim;
    for (size_t x = 1; x < pb[i].count; x++) {
        const ct_claim *o = first[x].claim;
        if (strcmp(o->value_json, rep->value_json) < 0)
            rep = o;
    }
    pos->display = rep->display;
    pos->value_json = rep->value_json;
    qsort(pb[i].keys, pb[i].n_keys, sizeof *pb[i].keys, cmp_speaker);
    return 0;
}

/* The clashes of `c` (taken from `cl`), then its type and severity: a
 * self-contradiction when one speaker holds both sides of a clash, else a
 * denial when a clash sets a denial against an assertion, else a value
 * conflict; the severity is its worst clash's, weighed by the property's
 * importance. */
static int classify_clashes(ct_conflict *c, clash_list *cl, const ct_property *p, const member *m,
                            const pos_build *pb)
{
    c->clashes = cl->items;
    c->n_clashes = cl->count;
    ct_conflict_sort_clashes(c);
    c->clashes_truncated = cl->truncated;
    cl->items = NULL;
    c->type = CT_CONFLICT_VALUE;
    c->severity = CT_SEVERITY_LOW;
    int have = 0;
    ct_severity_note chosen = {.n = 0};
    for (size_t i = 0; i < c->n_clashes; i++) {
        const pos_build *a = &pb[c->clashes[i].a], *b = &pb[c->clashes[i].b];
        int self = p->varies ? ct_conflict__positions_clash(p, m, a, b, 1)
                             : ct_conflict__keys_intersect(a, b);
        ct_severity_note note;
        int sev =
            ct_severity__clash(p, m[a->first_member].claim, m[b->first_member].claim,
                               a->strength < b->strength ? a->strength : b->strength, self, &note);
        if (sev < 0)
            return sev;
        if (self)
            c->type = CT_CONFLICT_SELF_CONTRADICTION;
        else if (c->type == CT_CONFLICT_VALUE &&
                 c->positions[c->clashes[i].a].denies != c->positions[c->clashes[i].b].denies)
            c->type = CT_CONFLICT_DENIAL;
        if (!have || (ct_severity)sev > c->severity) {
            c->severity = (ct_severity)sev;
            chosen = note;
            have = 1;
        }
    }
    ct_severity__importance(p, &c->severity, &chosen);
    return ct_severity__attach(c, &chosen);
}

/* The digest of `c`: every claim of the group (the k claims of `keys`, in
 * id order), revised ones too; with the old FNV-1a digest, kept only to
 * carry old reviews over. */
static void conflict_digest(ct_conflict *c, const id_key *keys, size_t k)
{
    unsigned long long h = CT_HASH64_INIT;
    ct_canon_hash sha;
    ct_canon_hash__init(&sha, "claimtrack conflict digest 2");
    for (size_t i = 0; i < k; i++) {
        const ct_claim *x = keys[i].claim;
        const char *fields[] = {
            x->id,         x->denies ? "denies" : x->questions ? "questions" : "asserts",
            x->value_json, x->source,
            x->claimant,   x->hedge,
            x->as_of,      x->quote};
        for (size_t f = 0; f < sizeof fields / sizeof *fields; f++) {
            add_digest_field(&h, fields[f]);
            ct_canon_hash__field(&sha, fields[f]);
        }
    }
    snprintf(c->legacy_digest, sizeof c->legacy_digest, "%016llx", h);
    ct_canon_hash__hex(&sha, 32, c->digest);
}

/* The conflict of one group, if its claims clash: revisions first (revised
 * claims take no part), then positions, their clashes, and the digest. */
static int build_group(const ct_corpus *corpus, const group *g, const size_t *flat, results *r)
{
    size_t n_topics, n_claims;
    const ct_topic *topics = ct_corpus_topics(corpus, &n_topics);
    const ct_claim *claims = ct_corpus_claims(corpus, &n_claims);
    const ct_topic *t = &topics[g->topic];
    const ct_property *p = &t->properties[g->property];
    size_t k = g->count;
    if ((ct_value__kind_of(p->type)->flags & CT_VALUE_NEVER_CLASHES) || k < 2)
        return 0;
    int rc = 0;
    member *m = ct_calloc(k, sizeof *m);
    id_key *keys = ct_calloc(k, sizeof *keys);
    unsigned char *superseded = ct_calloc(k, 1);
    pos_build *pb = NULL;
    clash_list cl = {0};
    size_t np = 0;
    ct_conflict *c;
    if (!m || !keys || !superseded) {
        rc = CT_ENOMEM;
        goto done;
    }
    group_members(claims, g, flat, p, m, keys);
    if ((rc = ct_conflict__find_revisions(corpus, p, m, k, superseded, &r->revs)) < 0 ||
        (rc = find_positions(p, m, k, superseded, &pb, &np)) < 0 || np < 2)
        goto done;
    /* positions are in canonical order already: by value (asserting first),
     * their claims by id */
    if ((rc = ct_conflict__find_clashes(p, m, pb, np, &cl)) < 0 || cl.count == 0)
        goto done;
    if ((rc = new_conflict(r, t, g, p, np, &c)) < 0)
        goto done;
    for (size_t i = 0; i < np && rc == 0; i++)
        rc = fill_position(c, i, m, pb);
    if (rc < 0 || (rc = classify_clashes(c, &cl, p, m, pb)) < 0)
        goto done;
    conflict_digest(c, keys, k); /* revised ones too */
done:
    if (pb)
        for (size_t i = 0; i < np; i++)
            ct_free(pb[i].keys);
    ct_free(pb);
    ct_free(cl.items);
    ct_free(m);
    ct_free(keys);
    ct_free(superseded);
    return rc;
}

/* ---- grouping ----------------------------------------------------------- */

static size_t group_hash(size_t topic, const char *subject, size_t property)
{
    size_t key[3] = {topic, (size_t)(uintptr_t)subject, property};
    return (size_t)ct_util__hash64(key, sizeof key, CT_HASH64_INIT);
}

/* Canonical orders, independent of load order: conflicts by (topic id,
 * subject, property), revisions by (topic id, subject, property, claim id,
 * revising claim id).  qsort has no context: sort records that carry it. */
typedef struct {
    const char *topic, *subject, *property, *claim, *by;
    size_t index;
} order_key;

static int cmp_order_key(const void *x, const void *y)
{
    const order_key *a = x, *b = y;
    int c = strcmp(a->topic, b->topic);
    if (!c)
        c = strcmp(a->subject, b->subject);
    if (!c)
        c = strcmp(a->property, b->property);
    if (!c && a->claim)
        c = strcmp(a->claim, b->claim);
    if (!c && a->by)
        c = strcmp(a->by, b->by);
    if (!c)
        c = a->index < b->index ? -1 : a->index > b->index;
    return c;
}

/* Put `base[keys[i].index]` at position i, for every i, in place: each cycle
 * of the permutation is followed once through one spare element `spare`, so
 * no second copy of the array is made.  `done` holds n zeroed bytes. */
static void permute(void *base, size_t n, size_t size, const order_key *keys, unsigned char *done,
                    void *spare)
{
    char *a = base;
    for (size_t i = 0; i < n; i++) {
        if (done[i])
            continue;
        memcpy(spare, a + i * size, size);
        size_t j = i;
        for (;;) {
            size_t from = keys[j].index;
            done[j] = 1;
            if (from == i) {
                memcpy(a + j * size, spare, size);
                break;
            }
            memcpy(a + j * size, a + from * size, size);
            j = from;
        }
    }
}

static int canonical_order(const ct_corpus *corpus, ct_conflict_set *set)
{
    size_t n_topics, n_claims;
    const ct_topic *topics = ct_corpus_topics(corpus, &n_topics);
    const ct_claim *claims = ct_corpus_claims(corpus, &n_claims);
    size_t n = set->n_conflicts > set->n_revisions ? set->n_conflicts : set->n_revisions;
    if (n < 2)
        return 0;
    order_key *keys = ct_calloc(n, sizeof *keys);
    unsigned char *done = ct_calloc(n, 1);
    ct_conflict spare_conflict;
    ct_revision spare_revision;
    if (!keys || !done) {
        ct_free(keys);
        ct_free(done);
        return CT_ENOMEM;
    }
    for (size_t i = 0; i < set->n_conflicts; i++) {
        const ct_conflict *c = &set->conflicts[i];
        const ct_topic *t = &topics[c->topic];
        order_key k = {t->id, c->subject, t->properties[c->property].name, c->rule ? c->rule : "",
                       NULL,  i};
        keys[i] = k;
    }
    qsort(keys, set->n_conflicts, sizeof *keys, cmp_order_key);
    permute(set->conflicts, set->n_conflicts, sizeof *set->conflicts, keys, done, &spare_conflict);
    memset(done, 0, n);
    for (size_t i = 0; i < set->n_revisions; i++) {
        const ct_claim *a = &claims[set->revisions[i].claim], *b = &claims[set->revisions[i].by];
        const ct_topic *t = &topics[a->topic];
        order_key k = {t->id, a->subject, t->properties[a->property].name, a->id, b->id, i};
        keys[i] = k;
    }
    qsort(keys, set->n_revisions, sizeof *keys, cmp_order_key);
    permute(set->revisions, set->n_revisions, sizeof *set->revisions, keys, done, &spare_revision);
    ct_free(keys);
    ct_free(done);
    return 0;
}

void ct_conflict_set_free(ct_conflict_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->n_conflicts; i++)
        ct_conflict__parts_free(&set->conflicts[i]);
    ct_free(set->conflicts);
    ct_free(set->revisions);
    ct_free(set);
}

/* The grouping, for rules.c. */
typedef struct {
    const group *groups;
    size_t ng;
    const size_t *slots;
    size_t size;
    const size_t *flat;
    const char **subjects; /* scratch: ng entries */
    unsigned char *superseded;
} group_index;

static size_t gi_members(void *payload, size_t topic, const char *subject, size_t property,
                         const size_t **members)
{
    const group_index *gi = payload;
    size_t h = group_hash(topic, subject, property) & (gi->size - 1);
    for (; gi->slots[h]; h = (h + 1) & (gi->size - 1)) {
        const group *g = &gi->groups[gi->slots[h] - 1];
        if (g->topic == topic && g->subject == subject && g->property == property) {
            *members = gi->flat + g->first;
            return g->count;
        }
    }
    return 0;
}

static int cmp_str_ptr(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static size_t gi_subjects(void *payload, size_t topic, size_t property,
                          const char *const **subjects)
{
    group_index *gi = payload;
    size_t n = 0;
    for (size_t g = 0; g < gi->ng; g++)
        if (gi->groups[g].topic == topic && gi->groups[g].property == property)
            gi->subjects[n++] = gi->groups[g].subject;
    qsort(gi->subjects, n, sizeof *gi->subjects, cmp_str_ptr);
    *subjects = gi->subjects;
    return n;
}

static int find_rule_conflicts(const ct_corpus *corpus, group_index *gi, results *r,
                               size_t n_claims)
{
    size_t n_topics, n_rules = 0;
    const ct_topic *topics = ct_corpus_topics(corpus, &n_topics);
    for (size_t i = 0; i < n_topics; i++)
        n_rules += topics[i].n_rules;
    if (!n_rules)
        return 0;
    gi->subjects = ct_calloc(gi->ng ? gi->ng : 1, sizeof *gi->subjects);
    gi->superseded = ct_calloc(n_claims ? n_claims : 1, 1);
    int rc = CT_ENOMEM;
    if (gi->subjects && gi->superseded) {
        for (size_t i = 0; i < r->revs.count; i++)
            gi->superseded[r->revs.items[i].claim] = 1;
        ct_rules_input in = {gi, gi_members, gi_subjects, gi->superseded};
        rc = ct_rules__find(corpus, &in, &r->items, &r->count, &r->alloc);
    }
    ct_free(gi->subjects);
    ct_free(gi->superseded);
    return rc;
}

/* Groups [from, to) built into a results list of their own, on a thread. */
typedef struct {
    const ct_corpus *corpus;
    const group *groups;
    const size_t *flat;
    size_t from, to;
    results r;
    int rc;
} group_job;

static void *build_groups(void *arg)
{
    group_job *j = arg;
    for (size_t g = j->from; g < j->to && j->rc == 0; g++)
        j->rc = build_group(j->corpus, &j->groups[g], j->flat, &j->r);
    return NULL;
}

/* Append what job `j` found to `r` (in order); 0 or CT_ENOMEM.  The job's
 * lists are emptied either way: `r` owns their conflicts, or they are
 * freed. */
static int take_results(results *r, group_job *j)
{
    int rc = 0;
    if (j->r.count) {
        size_t n = r->count + j->r.count;
        ct_conflict *items = n > r->alloc ? ct_reallocarray(r->items, n, sizeof *items) : r->items;
        if (!items) {
            for (size_t i = 0; i < j->r.count; i++)
                ct_conflict__parts_free(&j->r.items[i]);
            rc = CT_ENOMEM;
        } else {
            if (n > r->alloc)
                r->alloc = n;
            r->items = items;
            memcpy(r->items + r->count, j->r.items, j->r.count * sizeof *items);
            r->count = n;
        }
    }
    if (rc == 0 && j->r.revs.count) {
        size_t n = r->revs.count + j->r.revs.count;
        ct_revision *items =
            n > r->revs.alloc ? ct_reallocarray(r->revs.items, n, sizeof *items) : r->revs.items;
        if (!items) {
            rc = CT_ENOMEM;
        } else {
            if (n > r->revs.alloc)
                r->revs.alloc = n;
            r->revs.items = items;
            memcpy(r->revs.items + r->revs.count, j->r.revs.items, j->r.revs.count * sizeof *items);
            r->revs.count = n;
        }
    }
    ct_free(j->r.items);
    ct_free(j->r.revs.items);
    memset(&j->r, 0, sizeof j->r);
    return rc;
}

/* Build every group: on `jobs` threads for a big corpus, each taking a run
 * of groups holding about as many claims as the others; their results are
 * joined in group order, so the lists are those one thread makes. */
static int build_all_groups(const ct_corpus *corpus, const group *groups, size_t ng,
                            const size_t *flat, size_t n_claims, int jobs, results *r)
{
    enum { MAX_JOBS = 64, MIN_CLAIMS_PER_JOB = 20000 };
    if (jobs > MAX_JOBS)
        jobs = MAX_JOBS;
    if ((size_t)jobs > n_claims / MIN_CLAIMS_PER_JOB)
        jobs = (int)(n_claims / MIN_CLAIMS_PER_JOB);
    if (jobs < 2) {
        int rc = 0;
        for (size_t g = 0; g < ng && rc == 0; g++)
            rc = build_group(corpus, &groups[g], flat, r);
        return rc;
    }
    group_job job[MAX_JOBS];
    pthread_t thread[MAX_JOBS];
    int started[MAX_JOBS] = {0};
    size_t g = 0, done_claims = 0;
    for (int k = 0; k < jobs; k++) {
        job[k] = (group_job){.corpus = corpus, .groups = groups, .flat = flat, .from = g};
        size_t want = n_claims / (size_t)jobs * (size_t)(k + 1);
        while (g < ng && (k == jobs - 1 || done_claims < want))
            done_claims += groups[g++].count;
        job[k].to = g;
    }
    for (int k = 1; k < jobs; k++)
        started[k] = pthread_create(&thread[k], NULL, build_groups, &job[k]) == 0;
    build_groups(&job[0]);
    for (int k = 1; k < jobs; k++) {
        if (started[k])
            pthread_join(thread[k], NULL);
        else
            build_groups(&job[k]); /* no thread to be had: here */
    }
    int rc = 0;
    for (int k = 0; k < jobs; k++) {
        if (rc == 0)
            rc = job[k].rc;
        int taken = take_results(r, &job[k]);
        if (rc == 0)
            rc = taken;
    }
    return rc;
}

int ct_conflict_find(ct_conflict_set **out, const ct_corpus *corpus)
{
    return ct_conflict_find_jobs(out, corpus, 1);
}

int ct_conflict_find_jobs(ct_conflict_set **out, const ct_corpus *corpus, int jobs)
{
    *out = NULL; /* on failure too: callers free what they get */
    size_t n;
    const ct_claim *claims = ct_corpus_claims(corpus, &n);
    int rc = 0;
    size_t size = 16;
    while (size < n * 2)
        size *= 2;
    size_t *slots = ct_calloc(size, sizeof *slots); /* group index + 1 */
    size_t *of_claim = ct_calloc(n ? n : 1, sizeof *of_claim);
    size_t groups_alloc = 64;
    group *groups =
        ct_calloc(groups_alloc, sizeof *groups); /* grows: groups are fewer than claims */
    size_t *flat = ct_calloc(n ? n : 1, sizeof *flat);
    results r = {0};
    size_t ng = 0;
    ct_conflict_set *set = ct_calloc(1, sizeof *set);
    if (!slots || !of_claim || !groups || !flat || !set) {
        rc = CT_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        const ct_claim *c = &claims[i];
        size_t h = group_hash(c->topic, c->subject, c->property) & (size - 1);
        for (;; h = (h + 1) & (size - 1)) {
            if (!slots[h]) {
                if (ng == groups_alloc) {
                    group *more = ct_reallocarray(groups, groups_alloc * 2, sizeof *groups);
                    if (!more) {
                        rc = CT_ENOMEM;
                        goto done;
                    }
                    memset(more + groups_alloc, 0, groups_alloc * sizeof *groups);
                    groups = more;
                    groups_alloc *= 2;
                }
                group *g = &groups[ng];
                g->topic = c->topic;
                g->subject = c->subject;
                g->property = c->property;
                slots[h] = ++ng;
                break;
            }
            group *g = &groups[slots[h] - 1];
            if (g->topic == c->topic && g->subject == c->subject && g->property == c->property)
                break;
        }
        of_claim[i] = slots[h] - 1;
        groups[slots[h] - 1].count++;
    }
    size_t off = 0;
    for (size_t g = 0; g < ng; g++) {
        groups[g].first = off;
        off += groups[g].count;
    }
    for (size_t i = 0; i < n; i++) {
        group *g = &groups[of_claim[i]];
        flat[g->first + g->fill++] = i;
    }
    rc = build_all_groups(corpus, groups, ng, flat, n, jobs, &r);
    if (rc == 0) {
        group_index gi = {groups, ng, slots, size, flat, NULL, NULL};
        rc = find_rule_conflicts(corpus, &gi, &r, n);
    }
    set->conflicts = r.items;
    set->n_conflicts = r.count;
    set->revisions = r.revs.items;
    set->n_revisions = r.revs.count;
    set->n_groups = ng;
    r.items = NULL;
    r.revs.items = NULL;
    if (rc == 0)
        rc = canonical_order(corpus, set);
done:
    ct_free(slots);
    ct_free(of_claim);
    ct_free(groups);
    ct_free(flat);
    if (rc < 0) {
        /* set is NULL only when nothing was built; otherwise it owns it all */
        ct_conflict_set_free(set);
        return rc;
    }
    *out = set;
    return 0;
}
