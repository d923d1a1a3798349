/*
 * claims.c - every claim of a corpus grouped by topic, subject and property,
 * with each group's positions, revisions, conflict and status; see
 * claimtrack/claims.h.  The conflict set decides what clashes and what was
 * revised: this file only arranges what it found.
 */
#include "claimtrack/claims.h"
#include "claimtrack/common.h"
#include "util/util.h"

#include <stdlib.h>
#include <string.h>

const char *ct_group_status_name(ct_group_status s)
{
    static const char *const names[] = {"conflict", "agreement", "single", "open", "uncompared"};
    return (size_t)s < sizeof names / sizeof names[0] ? names[s] : "?";
}

int ct_claims_subject_is(const ct_topic *t, const char *subject, const char *name)
{
    if (strcmp(subject, name) == 0)
        return 1;
    for (size_t i = 0; i < t->n_aliases; i++)
        if (strcmp(t->aliases[i].canonical, subject) == 0 && strcmp(t->aliases[i].alias, name) == 0)
            return 1;
    return 0;
}

int ct_claims_filter_check(const char **what, const ct_corpus *corpus, const ct_claims_filter *f)
{
    size_t n_topics, n_claims;
    const ct_topic *topics = ct_corpus_topics(corpus, &n_topics);
    const ct_claim *claims = ct_corpus_claims(corpus, &n_claims);
    *what = NULL;
    if (f->topic) {
        size_t t = 0;
        while (t < n_topics && strcmp(topics[t].id, f->topic) != 0)
            t++;
        if (t == n_topics) {
            *what = "topic";
            return CT_ENOTFOUND;
        }
    }
    if (f->source && !ct_corpus_source_find(corpus, f->source)) {
        *what = "source";
        return CT_ENOTFOUND;
    }
    if (f->subject) {
        size_t i = 0;
        while (i < n_claims &&
               !ct_claims_subject_is(&topics[claims[i].topic], claims[i].subject, f->subject))
            i++;
        if (i == n_claims) {
            *what = "subject";
            return CT_ENOTFOUND;
        }
    }
    return 0;
}

/* qsort has no context argument: claims are sorted through records that
 * carry their keys. */
typedef struct {
    const char *topic, *subject, *property, *id;
    size_t index;
} claim_key;

static int cmp_group_key(const claim_key *a, const claim_key *b)
{
    int c = strcmp(a->topic, b->topic);
    if (!c)
        c = strcmp(a->subject, b->subject);
    if (!c)
        c = strcmp(a->property, b->property);
    return c;
}

static int cmp_claim_key(const void *x, const void *y)
{
    const claim_key *a = x, *b = y;
    int c = cmp_group_key(a, b);
    return c ? c : strcmp(a->id, b->id);
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Distinct strings among `s` (sorted in place). */
static size_t distinct(const char **s, size_t n)
{
    qsort((void *)s, n, sizeof *s, cmp_str);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += i == 0 || strcmp(s[i - 1], s[i]) != 0;
    return k;
}

/* What building needs besides the view. */
typedef struct {
    const ct_corpus *corpus;
    const ct_conflict_set *set;
    const ct_claim *claims;
    const ct_topic *topics;
    claim_key *keys;          /* every claim, by group then id */
    const ct_conflict **conf; /* the group conflicts, by group */
    size_t n_conf, next_conf;
    size_t *revision_of;    /* per claim: its revision's index + 1, else 0 */
    unsigned char *in_rule; /* per claim: in some rule conflict */
    const char **scratch;   /* source ids, one per claim */
} builder;

/* The group key of a group conflict. */
static claim_key conflict_key(const builder *b, const ct_conflict *c)
{
    const ct_topic *t = &b->topics[c->topic];
    claim_key k = {t->id, c->subject, t->properties[c->property].name, "", 0};
    return k;
}

/* The group conflict of the group of `k`, or NULL (conflicts come in group
 * order, as groups do). */
static const ct_conflict *next_conflict(builder *b, const claim_key *k)
{
    while (b->next_conf < b->n_conf) {
        claim_key ck = conflict_key(b, b->conf[b->next_conf]);
        int c = cmp_group_key(&ck, k);
        if (c > 0)
            return NULL;
        b->next_conf++;
        if (c == 0)
            return b->conf[b->next_conf - 1];
    }
    return NULL;
}

/* qsort has no context argument: claims sorted by position carry their
 * property. */
typedef struct {
    const ct_claim *claim;
    const ct_property *prop;
    size_t index;
} by_position;

static int cmp_by_position(const void *x, const void *y)
{
    const by_position *a = x, *b = y;
    int c = ct_claim_position_cmp(a->prop, a->claim, b->claim);
    return c ? c : strcmp(a->claim->id, b->claim->id);
}

/* Positions of a group without a conflict: its current claims by stance and
 * value, each position's claims by id. */
static int own_positions(builder *b, ct_claims_group *g, size_t *storage)
{
    const ct_property *p = &b->topics[g->topic].properties[g->property];
    by_position *sorted = ct_calloc(g->n_claims ? g->n_claims : 1, sizeof *sorted);
    if (!sorted)
        return CT_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < g->n_claims; i++)
        if (!b->revision_of[g->claims[i]])
            sorted[n++] = (by_position){&b->claims[g->claims[i]], p, g->claims[i]};
    qsort(sorted, n, sizeof *sorted, cmp_by_position);
    for (size_t i = 0; i < n; i++)
        storage[i] = sorted[i].index;
    ct_free(sorted);
    if (!(g->positions = ct_calloc(n ? n : 1, sizeof *g->positions)))
        return CT_ENOMEM;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n &&
               ct_claim_position_cmp(p, &b->claims[storage[i]], &b->claims[storage[j]]) == 0)
            j++;
        ct_claims_position *pos = &g->positions[g->n_positions++];
        const ct_claim *rep = &b->claims[storage[i]];
        for (size_t x = i + 1; x < j; x++)
            if (strcmp(b->claims[storage[x]].value_json, rep->value_json) < 0)
                rep = &b->claims[storage[x]];
        pos->display = rep->display;
        pos->value_json = rep->value_json;
        pos->denies = rep->denies;
        pos->questions = rep->questions;
        pos->claims = &storage[i];
        pos->n_claims = j - i;
        i = j;
    }
    return 0;
}

static int conflict_positions(ct_claims_group *g)
{
    const ct_conflict *c = g->conflict;
    if (!(g->positions = ct_calloc(c->n_positions ? c->n_positions : 1, sizeof *g->positions)))
        return CT_ENOMEM;
    for (size_t i = 0; i < c->n_positions; i++) {
        ct_claims_position *pos = &g->positions[i];
        pos->display = c->positions[i].display;
        pos->value_json = c->positions[i].value_json;
        pos->denies = c->positions[i].denies;
        pos->questions = c->positions[i].questions;
        pos->claims = c->positions[i].claims;
        pos->n_claims = c->positions[i].n_claims;
    }
    g->n_positions = c->n_positions;
    return 0;
}

/* The rule conflicts one of the group's claims takes part in. */
static int group_rules(builder *b, ct_claims_group *g)
{
    int any = 0;
    for (size_t i = 0; i < g->n_claims; i++)
        any |= b->in_rule[g->claims[i]];
    if (!any)
        return 0;
    for (size_t r = 0; r < b->set->n_conflicts; r++) {
        const ct_conflict *c = &b->set->conflicts[r];
        int hit = 0;
        for (size_t p = 0; c->type == CT_CONFLICT_RULE && p < c->n_positions && !hit; p++)
            for (size_t x = 0; x < c->positions[p].n_claims && !hit; x++)
                for (size_t y = 0; y < g->n_claims && !hit; y++)
                    hit = c->positions[p].claims[x] == g->claims[y];
        if (!hit)
            continue;
        if (!g->rules && !(g->rules = ct_calloc(b->set->n_conflicts, sizeof *g->rules)))
            return CT_ENOMEM;
        g->rules[g->n_rules++] = c;
    }
    return 0;
}

static void group_status(builder *b, ct_claims_group *g)
{
    for (size_t p = 0; p < g->n_positions; p++) {
        ct_claims_position *pos = &g->positions[p];
        for (size_t x = 0; x < pos->n_claims; x++)
            b->scratch[x] = b->claims[pos->claims[x]].source;
        pos->n_sources = distinct(b->scratch, pos->n_claims);
    }
    size_t n = 0; /* the sources taking a stand */
    for (size_t p = 0; p < g->n_positions; p++)
        for (size_t x = 0; !g->positions[p].questions && x < g->positions[p].n_claims; x++)
            b->scratch[n++] = b->claims[g->positions[p].claims[x]].source;
    g->n_sources = distinct(b->scratch, n);
    const ct_property *prop = &b->topics[g->topic].properties[g->property];
    if (g->conflict)
        g->status = CT_GROUP_CONFLICT;
    else if (prop->type == CT_TYPE_TEXT)
        g->status = CT_GROUP_UNCOMPARED;
    else
        g->status = g->n_sources >= 2   ? CT_GROUP_AGREEMENT
                    : g->n_sources == 1 ? CT_GROUP_SINGLE
                                        : CT_GROUP_OPEN;
}

static int selected(const builder *b, const ct_claims_filter *f, const claim_key *k, size_t n)
{
    const ct_claim *first = &b->claims[k[0].index];
    if (f && f->topic && strcmp(f->topic, k[0].topic) != 0)
        return 0;
    if (f && f->subject &&
        !ct_claims_subject_is(&b->topics[first->topic], first->subject, f->subject))
        return 0;
    if (!f || !f->source)
        return 1;
    for (size_t i = 0; i < n; i++)
        if (strcmp(b->claims[k[i].index].source, f->source) == 0)
            return 1;
    return 0;
}

/* Fill group `g` from the sorted claim keys k[0..n). */
static int build_group(builder *b, ct_claims_group *g, const claim_key *k, size_t n)
{
    const ct_claim *first = &b->claims[k[0].index];
    g->topic = first->topic;
    g->subject = first->subject;
    g->property = first->property;
    g->conflict = next_conflict(b, &k[0]);
    g->claims = ct_calloc(2 * n, sizeof *g->claims);
    g->revisions = ct_calloc(n, sizeof *g->revisions);
    if (!g->claims || !g->revisions)
        return CT_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        g->claims[i] = k[i].index;
        if (b->revision_of[k[i].index])
            g->revisions[g->n_revisions++] = b->revision_of[k[i].index] - 1;
    }
    g->n_claims = n;
    int rc = g->conflict ? conflict_positions(g) : own_positions(b, g, g->claims + n);
    if (rc == 0)
        rc = group_rules(b, g);
    if (rc == 0)
        group_status(b, g);
    return rc;
}

static int prepare(builder *b, size_t n_claims)
{
    const ct_conflict_set *set = b->set;
    size_t n = n_claims ? n_claims : 1;
    b->keys = ct_calloc(n, sizeof *b->keys);
    b->revision_of = ct_calloc(n, sizeof *b->revision_of);
    b->in_rule = ct_calloc(n, 1);
    b->scratch = ct_calloc(n, sizeof *b->scratch);
    /* the conflict set is in group order (topic id, subject, property name) */
    b->conf = ct_calloc(set->n_conflicts ? set->n_conflicts : 1, sizeof *b->conf);
    if (!b->keys || !b->revision_of || !b->in_rule || !b->scratch || !b->conf)
        return CT_ENOMEM;
    for (size_t i = 0; i < n_claims; i++) {
        const ct_claim *c = &b->claims[i];
        const ct_topic *t = &b->topics[c->topic];
        b->keys[i] = (claim_key){t->id, c->subject, t->properties[c->property].name, c->id, i};
    }
    qsort(b->keys, n_claims, sizeof *b->keys, cmp_claim_key);
    for (size_t i = 0; i < set->n_revisions; i++)
        b->revision_of[set->revisions[i].claim] = i + 1;
    for (size_t i = 0; i < set->n_conflicts; i++) {
        const ct_conflict *c = &set->conflicts[i];
        if (c->type != CT_CONFLICT_RULE) {
            b->conf[b->n_conf++] = c;
            continue;
        }
        for (size_t p = 0; p < c->n_positions; p++)
            for (size_t x = 0; x < c->positions[p].n_claims; x++)
                b->in_rule[c->positions[p].claims[x]] = 1;
    }
    return 0;
}

static void builder_free(builder *b)
{
    ct_free(b->keys);
    ct_free(b->revision_of);
    ct_free(b->in_rule);
    ct_free((void *)b->scratch);
    ct_free((void *)b->conf);
}

int ct_claims_view_build(ct_claims_view **out, const ct_corpus *corpus, const ct_conflict_set *set,
                         const ct_claims_filter *f)
{
    size_t n_claims, n_topics;
    builder b = {.corpus = corpus, .set = set};
    b.claims = ct_corpus_claims(corpus, &n_claims);
    b.topics = ct_corpus_topics(corpus, &n_topics);
    ct_claims_view *v = ct_calloc(1, sizeof *v);
    int rc = v ? prepare(&b, n_claims) : CT_ENOMEM;
    size_t alloc = 0;
    for (size_t i = 0; rc == 0 && i < n_claims;) {
        size_t j = i + 1;
        while (j < n_claims && cmp_group_key(&b.keys[i], &b.keys[j]) == 0)
            j++;
        if (selected(&b, f, &b.keys[i], j - i)) {
            if (ct_util__array_grow((void **)&v->groups, &alloc, v->n_groups, sizeof *v->groups) <
                0) {
                rc = CT_ENOMEM;
                break;
            }
            ct_claims_group *g = &v->groups[v->n_groups++];
            memset(g, 0, sizeof *g);
            rc = build_group(&b, g, &b.keys[i], j - i);
            v->n_claims += j - i;
            v->status[g->status]++;
        }
        i = j;
    }
    builder_free(&b);
    if (rc < 0) {
        ct_claims_view_free(v);
        v = NULL;
    }
    *out = v;
    return rc;
}

void ct_claims_view_free(ct_claims_view *view)
{
    if (!view)
        return;
    for (size_t i = 0; i < view->n_groups; i++) {
        ct_free(view->groups[i].positions);
        ct_free(view->groups[i].claims);
        ct_free(view->groups[i].revisions);
        ct_free((void *)view->groups[i].rules);
    }
    ct_free(view->groups);
    ct_free(view);
}
