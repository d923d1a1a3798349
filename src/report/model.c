/*
 * model.c - build the typed report model from the corpus, the conflict set,
 * the reviews and the fail-on policy; see model.h.
 */
#include "value/jnum.h"
#include "model.h"
#include "claimtrack/common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Sources and topics are listed by id, whatever the load order. */
typedef struct {
    const char *id;
    size_t index;
} by_id;

static int cmp_by_id(const void *x, const void *y)
{
    const by_id *a = x, *b = y;
    int c = strcmp(a->id, b->id);
    return c ? c : (a->index < b->index ? -1 : a->index > b->index);
}

static int cmp_clash(const void *x, const void *y)
{
    const ct_clash *a = x, *b = y;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return a->b < b->b ? -1 : a->b > b->b;
}

static const char *entry_str(const json_t *entry, const char *key)
{
    return json_string_value(json_object_get(entry, key));
}

/* The review's state, blocking flag and fields. */
static int build_review(ct_report_review *rv, const ct_report *r, const ct_conflict *c)
{
    const json_t *entry;
    rv->state = ct_review_state_of(r->reviews, c, &entry);
    rv->blocking = ct_review_blocks(r->fail_on, rv->state);
    if (!entry)
        return 0;
    rv->status = entry_str(entry, "status");
    rv->note = entry_str(entry, "note");
    rv->reviewer = entry_str(entry, "reviewer");
    rv->date = entry_str(entry, "date");
    rv->reviewed_digest = entry_str(entry, "digest");
    const json_t *prefer = json_object_get(entry, "prefer");
    size_t n = json_array_size(prefer);
    if (!n)
        return 0;
    if (!(rv->prefer = ct_calloc(n, sizeof *rv->prefer)))
        return CT_ENOMEM;
    for (size_t i = 0; i < n; i++)
        if ((rv->prefer[rv->n_prefer] = json_string_value(json_array_get(prefer, i))))
            rv->n_prefer++;
    return 0;
}

/* Index of the first position holding a preferred claim of a resolved
 * review, or 0. */
static size_t preferred_position(const ct_report_conflict *rc)
{
    if (rc->review.state != CT_REVIEW_RESOLVED)
        return 0;
    for (size_t p = 0; p < rc->n_positions; p++)
        for (size_t k = 0; k < rc->positions[p].n_claims; k++)
            for (size_t j = 0; j < rc->review.n_prefer; j++)
                if (strcmp(rc->review.prefer[j], rc->positions[p].claims[k]->id) == 0)
                    return p;
    return 0;
}

/* Move position `best` to the front, shifting 0..best-1 down by one, and
 * renumber the clashes to match. */
static void move_to_front(ct_report_conflict *rc, size_t best)
{
    ct_report_position moved = rc->positions[best];
    memmove(&rc->positions[1], &rc->positions[0], best * sizeof *rc->positions);
    rc->positions[0] = moved;
    for (size_t k = 0; k < rc->n_clashes; k++) {
        size_t *ends[2] = {&rc->clashes[k].a, &rc->clashes[k].b};
        for (int e = 0; e < 2; e++)
            *ends[e] = *ends[e] == best ? 0 : *ends[e] < best ? *ends[e] + 1 : *ends[e];
        if (rc->clashes[k].a > rc->clashes[k].b) {
            size_t t = rc->clashes[k].a;
            rc->clashes[k].a = rc->clashes[k].b;
            rc->clashes[k].b = t;
        }
    }
    qsort(rc->clashes, rc->n_clashes, sizeof *rc->clashes, cmp_clash);
}

static int build_position(ct_report_position *mp, const ct_position *pos, const ct_claim *claims,
                          const ct_report_conflict *rc)
{
    mp->display = pos->display;
    mp->subject = pos->subject ? pos->subject : rc->conflict->subject;
    mp->property = pos->subject ? &rc->topic->properties[pos->property] : rc->property;
    mp->term = pos->term;
    mp->denies = pos->denies;
    mp->questions = pos->questions;
    /* the one parse of the value's text: writers read the typed value */
    if (!(mp->value = ct_jnum__loadb(pos->value_json, strlen(pos->value_json),
                                     JSON_DECODE_ANY | JSON_ALLOW_NUL)))
        return CT_ENOMEM;
    if (!(mp->claims = ct_calloc(pos->n_claims ? pos->n_claims : 1, sizeof *mp->claims)))
        return CT_ENOMEM;
    for (size_t j = 0; j < pos->n_claims; j++)
        mp->claims[j] = &claims[pos->claims[j]];
    mp->n_claims = pos->n_claims;
    return 0;
}

const char *ct_report__baseline_state_name(ct_baseline_state s)
{
    static const char *const names[] = {NULL, "new", "updated", "unchanged", "absent"};
    return (size_t)s < sizeof names / sizeof names[0] ? names[s] : NULL;
}

int ct_report_baseline_check(const json_t *doc)
{
    const json_t *conflicts = json_object_get(doc, "conflicts");
    if (!json_is_object(doc) || !json_is_array(conflicts))
        return CT_EINVALID;
    for (size_t i = 0; i < json_array_size(conflicts); i++) {
        const json_t *c = json_array_get(conflicts, i);
        if (!json_is_string(json_object_get(c, "id")) ||
            !json_is_string(json_object_get(c, "digest")))
            return CT_EINVALID;
    }
    return 0;
}

/* The baseline's conflicts by id (borrowed entries); NULL when out of memory. */
static json_t *baseline_index(const json_t *baseline)
{
    json_t *index = json_object();
    const json_t *conflicts = json_object_get(baseline, "conflicts");
    for (size_t i = 0; index && i < json_array_size(conflicts); i++) {
        json_t *c = json_array_get(conflicts, i);
        if (json_object_set(index, json_string_value(json_object_get(c, "id")), c)) {
            json_decref(index);
            return NULL;
        }
    }
    return index;
}

static ct_baseline_state baseline_state(const json_t *index, const ct_conflict *c)
{
    if (!index)
        return CT_BASELINE_NONE;
    const json_t *old = json_object_get(index, c->id);
    if (!old)
        return CT_BASELINE_NEW;
    return strcmp(json_string_value(json_object_get(old, "digest")), c->digest) == 0
               ? CT_BASELINE_UNCHANGED
               : CT_BASELINE_UPDATED;
}

/* Under --fail-on new, only new or updated conflicts block (no baseline:
 * every conflict is new). */
static int blocks(const ct_report *r, ct_review_state state, ct_baseline_state b)
{
    if (!ct_review_blocks(r->fail_on, state))
        return 0;
    return r->fail_on != CT_FAIL_ON_NEW || b == CT_BASELINE_NONE || b == CT_BASELINE_NEW ||
           b == CT_BASELINE_UPDATED;
}

int ct_report_count_blocking(size_t *n, const ct_report *r)
{
    json_t *index = NULL;
    *n = 0;
    if (r->baseline && !(index = baseline_index(r->baseline)))
        return CT_ENOMEM;
    for (size_t i = 0; i < r->conflicts->n_conflicts; i++) {
        const ct_conflict *c = &r->conflicts->conflicts[i];
        *n += (size_t)blocks(r, ct_review_state_of(r->reviews, c, NULL), baseline_state(index, c));
    }
    json_decref(index);
    return 0;
}

size_t ct_report__position_index(const ct_report_conflict *rc, size_t origin)
{
    for (size_t i = 0; i < rc->n_positions; i++)
        if (rc->positions[i].origin == origin)
            return i;
    return origin;
}

char *ct_report_conflict_title(const ct_topic *t, const ct_conflict *c)
{
    const char *a = c->rule ? c->rule : c->subject;
    const char *b = c->rule ? c->subject : t->properties[c->property].name;
    size_t n = strlen(a) + strlen(b) + 16;
    char *s = ct_malloc(n);
    if (s)
        snprintf(s, n, "%s%s · %s", c->rule ? "rule " : "", a, b);
    return s;
}

const char *ct_report__position_label(const ct_report_conflict *rc, const ct_report_position *p,
                                      char *buf, size_t n)
{
    if (strcmp(p->subject, rc->conflict->subject) == 0)
        return p->property->name;
    ct_text_fit(buf, n, snprintf(buf, n, "%s · %s", p->subject, p->property->name));
    return buf;
}

char *ct_report_rule_text(const ct_topic *topic, const ct_conflict *c)
{
    const ct_rule *r = c->rule_def;
    if (!r)
        return NULL;
    size_t len = 8;
    for (int pass = 0; pass < 2; pass++) {
        char *s = pass ? ct_malloc(len) : NULL;
        if (pass && !s)
            return NULL;
        size_t k = 0;
        for (size_t i = 0; i < r->n_left + r->n_right; i++) {
            const ct_rule_term *t = i < r->n_left ? &r->left[i] : &r->right[i - r->n_left];
            const char *sep = i == 0 ? "" : i == r->n_left ? "" : " + ";
            const char *rel = i == r->n_left ? ct_relation_name(r->relation) : "";
            const char *subj =
                t->subject && strcmp(t->subject, c->subject) != 0 ? t->subject : NULL;
            const char *name = topic->properties[t->property].name;
            int w = snprintf(pass ? s + k : NULL, pass ? len - k : 0, "%s%s%s%s%s%s%s", sep,
                             *rel ? " " : "", rel, *rel ? " " : "", subj ? subj : "",
                             subj ? " · " : "", name);
            if (w < 0) {
                ct_free(s);
                return NULL;
            }
            k += (size_t)w;
        }
        if (!pass)
            len = k + 1;
        else
            return s;
    }
    return NULL;
}

static int build_conflict(ct_report_conflict *rc, const ct_report *r, const ct_conflict *c,
                          const json_t *index)
{
    size_t n;
    const ct_claim *claims = ct_corpus_claims(r->corpus, &n);
    rc->conflict = c;
    rc->topic = &ct_corpus_topics(r->corpus, &n)[c->topic];
    rc->property = &rc->topic->properties[c->property];
    rc->rule = c->type == CT_CONFLICT_RULE ? c->rule_def : NULL;
    if (!(rc->title = ct_report_conflict_title(rc->topic, c)) ||
        (rc->rule && !(rc->rule_text = ct_report_rule_text(rc->topic, c))))
        return CT_ENOMEM;
    if (build_review(&rc->review, r, c) < 0 || ct_report__changes(&rc->review, r, c) < 0)
        return CT_ENOMEM;
    rc->baseline = baseline_state(index, c);
    rc->baseline_entry = index ? json_object_get(index, c->id) : NULL;
    rc->review.blocking = blocks(r, rc->review.state, rc->baseline);
    rc->positions = ct_calloc(c->n_positions ? c->n_positions : 1, sizeof *rc->positions);
    rc->clashes = ct_calloc(c->n_clashes ? c->n_clashes : 1, sizeof *rc->clashes);
    if (!rc->positions || !rc->clashes)
        return CT_ENOMEM;
    for (size_t i = 0; i < c->n_positions; i++, rc->n_positions++)
        if ((rc->positions[i].origin = i,
             build_position(&rc->positions[i], &c->positions[i], claims, rc)) < 0) {
            rc->n_positions++; /* freed with the others */
            return CT_ENOMEM;
        }
    if (c->n_clashes)
        memcpy(rc->clashes, c->clashes, c->n_clashes * sizeof *rc->clashes);
    rc->n_clashes = c->n_clashes;
    size_t best = preferred_position(rc);
    if (best)
        move_to_front(rc, best);
    /* the preferred position, when there is one, comes first now */
    for (size_t k = 0;
         rc->review.state == CT_REVIEW_RESOLVED && rc->n_positions && k < rc->positions[0].n_claims;
         k++)
        for (size_t j = 0; j < rc->review.n_prefer; j++)
            if (strcmp(rc->review.prefer[j], rc->positions[0].claims[k]->id) == 0)
                rc->preferred = 1;
    return 0;
}

static void only_blocking(ct_report_model *m);

static void free_conflict(ct_report_conflict *rc)
{
    for (size_t i = 0; i < rc->n_positions; i++) {
        json_decref(rc->positions[i].value);
        ct_free(rc->positions[i].claims);
    }
    ct_free(rc->positions);
    ct_free(rc->clashes);
    ct_free(rc->review.prefer);
    ct_report__changes_free(&rc->review);
    ct_free(rc->title);
    ct_free(rc->rule_text);
}

static int build_sources(ct_report_model *m, const ct_report *r)
{
    size_t n;
    const ct_source *sources = ct_corpus_sources(r->corpus, &n);
    by_id *order = ct_calloc(n ? n : 1, sizeof *order);
    m->sources = ct_calloc(n ? n : 1, sizeof *m->sources);
    if (!order || !m->sources) {
        ct_free(order);
        return CT_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        order[i] = (by_id){sources[i].id, i};
    qsort(order, n, sizeof *order, cmp_by_id);
    for (size_t i = 0; i < n; i++)
        m->sources[i] = &sources[order[i].index];
    m->n_sources = n;
    ct_free(order);
    return 0;
}

static int build_topics(ct_report_model *m, const ct_report *r)
{
    size_t n, n_claims;
    const ct_topic *topics = ct_corpus_topics(r->corpus, &n);
    const ct_claim *claims = ct_corpus_claims(r->corpus, &n_claims);
    const ct_conflict_set *set = r->conflicts;
    by_id *order = ct_calloc(n ? n : 1, sizeof *order);
    m->topics = ct_calloc(n ? n : 1, sizeof *m->topics);
    if (!order || !m->topics) {
        ct_free(order);
        return CT_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        order[i] = (by_id){topics[i].id, i};
    qsort(order, n, sizeof *order, cmp_by_id);
    /* counts by topic index in one pass each, then placed in id order */
    size_t *counts = ct_calloc(n ? 2 * n : 1, sizeof *counts);
    if (!counts) {
        ct_free(order);
        return CT_ENOMEM;
    }
    for (size_t j = 0; j < n_claims; j++)
        counts[claims[j].topic]++;
    for (size_t j = 0; j < set->n_conflicts; j++)
        counts[n + set->conflicts[j].topic]++;
    for (size_t k = 0; k < n; k++) {
        size_t i = order[k].index;
        ct_report_topic *t = &m->topics[k];
        t->topic = &topics[i];
        t->n_claims = counts[i];
        t->n_conflicts = counts[n + i];
    }
    ct_free(counts);
    m->n_topics = n;
    ct_free(order);
    return 0;
}

const char *ct_report__stance(const ct_claim *c)
{
    return c->questions ? "questions" : c->denies ? "denies" : "asserts";
}

const char *ct_report__stance_prefix(const ct_claim *c)
{
    return c->questions ? "questions: " : c->denies ? "denies: " : "";
}

/* The date a revision orders a claim by (conflict.c): as_of, else its
 * source's published date. */
static void revision_date(const ct_corpus *corpus, const ct_claim *c, const char **date,
                          const char **basis)
{
    const ct_source *src = ct_corpus_source_find(corpus, c->source);
    *date = c->as_of ? c->as_of : src ? src->published : NULL;
    *basis = c->as_of ? "as of" : *date ? "published" : "undated";
}

static int build_revisions(ct_report_model *m, const ct_report *r)
{
    size_t n;
    const ct_claim *claims = ct_corpus_claims(r->corpus, &n);
    const ct_topic *topics = ct_corpus_topics(r->corpus, &n);
    const ct_conflict_set *set = r->conflicts;
    m->revisions = ct_calloc(set->n_revisions ? set->n_revisions : 1, sizeof *m->revisions);
    if (!m->revisions)
        return CT_ENOMEM;
    for (size_t i = 0; i < set->n_revisions; i++) {
        ct_report_revision *v = &m->revisions[i];
        v->from = &claims[set->revisions[i].claim];
        v->to = &claims[set->revisions[i].by];
        v->topic = &topics[v->from->topic];
        v->property = &v->topic->properties[v->from->property];
        v->claimant = v->from->speaker ? v->from->speaker : v->from->source;
        revision_date(r->corpus, v->from, &v->from_date, &v->from_basis);
        revision_date(r->corpus, v->to, &v->to_date, &v->to_basis);
    }
    m->n_revisions = set->n_revisions;
    return 0;
}

static int build_orphans(ct_report_model *m, const ct_report *r)
{
    if (!r->reviews)
        return 0;
    if (!(m->orphans_json = ct_review_orphans(r->reviews, r->conflicts)))
        return CT_ENOMEM;
    size_t n = json_array_size(m->orphans_json);
    if (!(m->orphans = ct_calloc(n ? n : 1, sizeof *m->orphans)))
        return CT_ENOMEM;
    for (size_t i = 0; i < n; i++)
        if ((m->orphans[m->n_orphans] = json_string_value(json_array_get(m->orphans_json, i))))
            m->n_orphans++;
    return 0;
}

/* The baseline's conflicts whose id is not in the conflict set. */
static int build_absent(ct_report_model *m, const ct_report *r)
{
    if (!r->baseline)
        return 0;
    m->has_baseline = 1;
    const json_t *old = json_object_get(r->baseline, "conflicts");
    const ct_conflict_set *set = r->conflicts;
    json_t *now = json_object();
    if (!now)
        return CT_ENOMEM;
    for (size_t i = 0; i < set->n_conflicts; i++)
        if (json_object_set_new(now, set->conflicts[i].id, json_null())) {
            json_decref(now);
            return CT_ENOMEM;
        }
    size_t n = json_array_size(old);
    if (!(m->absent = ct_calloc(n ? n : 1, sizeof *m->absent))) {
        json_decref(now);
        return CT_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const json_t *e = json_array_get(old, i);
        const char *id = entry_str(e, "id");
        if (!id || json_object_get(now, id))
            continue;
        m->absent[m->n_absent++] = (ct_report_absent){e,
                                                      id,
                                                      entry_str(e, "digest"),
                                                      entry_str(e, "topic"),
                                                      entry_str(e, "subject"),
                                                      entry_str(e, "property"),
                                                      entry_str(e, "type"),
                                                      entry_str(e, "severity"),
                                                      entry_str(e, "title")};
    }
    json_decref(now);
    return 0;
}

static int build_agreement(ct_report_model *m, const ct_report *r)
{
    const char **ids = ct_calloc(m->n_sources ? m->n_sources : 1, sizeof *ids);
    if (!ids)
        return CT_ENOMEM;
    for (size_t i = 0; i < m->n_sources; i++)
        ids[i] = m->sources[i]->id;
    int rc = ct_source_agreement(&m->agreement, r->corpus, r->conflicts, (const char *const *)ids,
                                 m->n_sources);
    ct_free(ids);
    return rc;
}

static void count(ct_report_model *m, const ct_report *r)
{
    ct_report_summary *s = &m->summary;
    ct_corpus_claims(r->corpus, &s->claims);
    s->sources = m->n_sources;
    s->topics = m->n_topics;
    s->groups = r->conflicts->n_groups;
    s->conflicts = m->n_conflicts;
    s->revisions = m->n_revisions;
    for (size_t i = 0; i < m->n_conflicts; i++) {
        const ct_report_conflict *c = &m->conflicts[i];
        s->severity[c->conflict->severity]++;
        s->review[c->review.state]++;
        s->blocking += (size_t)c->review.blocking;
        s->baseline[c->baseline]++;
    }
    s->baseline[CT_BASELINE_ABSENT] = m->n_absent;
}

int ct_report__model_build(ct_report_model **out, const ct_report *r)
{
    const ct_conflict_set *set = r->conflicts;
    ct_report_model *m = ct_calloc(1, sizeof *m);
    *out = NULL;
    if (!m)
        return CT_ENOMEM;
    m->color = r->color;
    m->options = r->options;
    m->corpus = r->corpus;
    m->elapsed_ms = r->elapsed_ms;
    json_t *index = NULL;
    m->conflicts = ct_calloc(set->n_conflicts ? set->n_conflicts : 1, sizeof *m->conflicts);
    if (!m->conflicts || (r->baseline && !(index = baseline_index(r->baseline))))
        goto fail;
    for (size_t i = 0; i < set->n_conflicts; i++) {
        m->n_conflicts++; /* a half-built entry is freed with the others */
        if (build_conflict(&m->conflicts[i], r, &set->conflicts[i], index) < 0)
            goto fail;
    }
    json_decref(index);
    index = NULL;
    if (build_sources(m, r) < 0 || build_topics(m, r) < 0 || build_revisions(m, r) < 0 ||
        build_orphans(m, r) < 0 || build_absent(m, r) < 0 || build_agreement(m, r) < 0)
        goto fail;
    count(m, r);
    if (r->options & CT_REPORT_ONLY_BLOCKING)
        only_blocking(m);
    *out = m;
    return 0;
fail:
    json_decref(index);
    ct_report__model_free(m);
    return CT_ENOMEM;
}

/* Keep the conflicts that block the gate (the summary still counts all). */
static void only_blocking(ct_report_model *m)
{
    size_t kept = 0;
    for (size_t i = 0; i < m->n_conflicts; i++) {
        if (m->conflicts[i].review.blocking)
            m->conflicts[kept++] = m->conflicts[i];
        else
            free_conflict(&m->conflicts[i]);
    }
    m->n_conflicts = kept;
    m->n_absent = 0;
}

void ct_report__model_free(ct_report_model *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n_conflicts; i++)
        free_conflict(&m->conflicts[i]);
    ct_free(m->conflicts);
    ct_free(m->sources);
    ct_free(m->topics);
    ct_free(m->revisions);
    ct_free(m->orphans);
    json_decref(m->orphans_json);
    ct_free(m->absent);
    ct_free(m->agreement);
    ct_free(m);
}

const ct_report_conflict *ct_report__model_conflict(const ct_report_model *m, const ct_report *r,
                                                    const ct_conflict *c)
{
    size_t i = (size_t)(c - r->conflicts->conflicts);
    if (m->options & CT_REPORT_ONLY_BLOCKING) { /* filtered: search */
        for (i = 0; i < m->n_conflicts; i++)
            if (m->conflicts[i].conflict == c)
                return &m->conflicts[i];
        return NULL;
    }
    return i < m->n_conflicts ? &m->conflicts[i] : NULL;
}
