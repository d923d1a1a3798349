/*
 * report.c - the format table and the JSON report model every format shares.
 */
#include "report_int.h"
#include "claimtrack/common.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *name;
    int (*write)(const ct_report *r, const json_t *model, FILE *out);
} format_entry;

static const format_entry formats[] = {
    {"text", ct_report__write_text},   {"json", ct_report__write_json},
    {"xml", ct_report__write_xml},     {"markdown", ct_report__write_markdown},
    {"junit", ct_report__write_junit}, {"sarif", ct_report__write_sarif},
    {"html", ct_report__write_html},
};

#define N_FORMATS (sizeof formats / sizeof formats[0])

int ct_report_format_known(const char *format)
{
    for (size_t i = 0; i < N_FORMATS; i++)
        if (strcmp(formats[i].name, format) == 0)
            return 1;
    return 0;
}

const char *ct_report_formats(void) { return "text, json, xml, markdown, junit, sarif, html"; }

const char *ct_report__str(const json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

long long ct_report__int(const json_t *obj, const char *key)
{
    return (long long)json_integer_value(json_object_get(obj, key));
}

int ct_report_write(const ct_report *r, const char *format, FILE *out)
{
    for (size_t i = 0; i < N_FORMATS; i++)
        if (strcmp(formats[i].name, format) == 0) {
            /* the text writer reads the conflict set directly: no model */
            json_t *model = formats[i].write == ct_report__write_text ? NULL : ct_report_to_json(r);
            if (!model && formats[i].write != ct_report__write_text)
                return CT_ENOMEM;
            int rc = formats[i].write(r, model, out);
            json_decref(model);
            if (rc == 0 && (fflush(out) != 0 || ferror(out)))
                rc = CT_EIO;
            return rc;
        }
    return CT_ENOTFOUND;
}

const ct_topic *ct_report__topic(const ct_report *r, const ct_conflict *c)
{
    size_t n;
    return &ct_corpus_topics(r->corpus, &n)[c->topic];
}

const ct_property *ct_report__property(const ct_report *r, const ct_conflict *c)
{
    return &ct_report__topic(r, c)->properties[c->property];
}

const ct_claim *ct_report__claim(const ct_report *r, size_t index)
{
    size_t n;
    return &ct_corpus_claims(r->corpus, &n)[index];
}

size_t ct_report_blocking(const ct_report *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->conflicts->n_conflicts; i++)
        n += ct_review_blocks(r->fail_on, ct_review_state_of(r->reviews, &r->conflicts->conflicts[i], NULL));
    return n;
}

/* ---- JSON model --------------------------------------------------------- */

static int set_str(json_t *obj, const char *key, const char *value)
{
    if (!value)
        return 0;
    return json_object_set_new(obj, key, json_string(value));
}

static int set_int(json_t *obj, const char *key, size_t value)
{
    return json_object_set_new(obj, key, json_integer((json_int_t)value));
}

static json_t *claim_json(const ct_claim *c)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    int rc = set_str(o, "id", c->id) | set_str(o, "source", c->source) |
             set_str(o, "claimant", c->claimant) | set_str(o, "hedge", c->hedge) |
             set_str(o, "stance", c->denies ? "denies" : "asserts") |
             set_str(o, "quote", c->quote) | set_str(o, "as_of", c->as_of) |
             set_str(o, "locator", c->locator) | set_str(o, "file", c->file);
    if (c->line > 0)
        rc |= set_int(o, "line", (size_t)c->line);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *parse_value(const char *value_json)
{
    return json_loads(value_json, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
}

static json_t *review_json(const ct_report *r, const ct_conflict *c)
{
    const json_t *entry;
    ct_review_state st = ct_review_state_of(r->reviews, c, &entry);
    json_t *o = json_object();
    if (!o || set_str(o, "state", ct_review_state_name(st)) ||
        json_object_set_new(o, "blocking", json_boolean(ct_review_blocks(r->fail_on, st)))) {
        json_decref(o);
        return NULL;
    }
    if (entry) {
        static const char *const keys[] = {"status", "note", "reviewer", "date", "digest", "prefer"};
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
            json_t *v = json_object_get(entry, keys[i]);
            const char *name = strcmp(keys[i], "digest") == 0 ? "reviewed_digest" : keys[i];
            if (v && json_object_set(o, name, v)) {
                json_decref(o);
                return NULL;
            }
        }
    }
    return o;
}

static json_t *conflict_json(const ct_report *r, const ct_conflict *c)
{
    const ct_topic *t = ct_report__topic(r, c);
    const ct_property *p = ct_report__property(r, c);
    json_t *o = json_object(), *positions = json_array(), *clashes = json_array();
    if (!o || !positions || !clashes)
        goto fail;
    int rc = set_str(o, "id", c->id) | set_str(o, "digest", c->digest) |
             set_str(o, "topic", t->id) | set_str(o, "subject", c->subject) |
             set_str(o, "property", p->name) |
             set_str(o, "property_type", ct_value_type_name(p->type)) |
             set_str(o, "unit", p->unit) | set_str(o, "type", ct_conflict_type_name(c->type)) |
             set_str(o, "severity", ct_severity_name(c->severity)) |
             set_int(o, "claims", c->n_claims);
    if (rc)
        goto fail;
    for (size_t i = 0; i < c->n_positions; i++) {
        const ct_position *pos = &c->positions[i];
        json_t *po = json_object(), *list = json_array();
        /* each new value is owned by its container before anything else can fail */
        if (json_array_append_new(positions, po)) {
            json_decref(list);
            goto fail;
        }
        int stolen = 0; /* json_object_set_new takes list even when it fails */
        if (json_object_set_new(po, "value", parse_value(pos->value_json)) ||
            set_str(po, "display", pos->display) ||
            set_str(po, "stance", pos->denies ? "denies" : "asserts") ||
            (stolen = 1, json_object_set_new(po, "claims", list))) {
            if (!stolen)
                json_decref(list);
            goto fail;
        }
        for (size_t j = 0; j < pos->n_claims; j++)
            if (json_array_append_new(list, claim_json(ct_report__claim(r, pos->claims[j]))))
                goto fail;
    }
    for (size_t i = 0; i < c->n_clashes; i++) {
        json_t *pair = json_pack("[ii]", (json_int_t)c->clashes[i].a, (json_int_t)c->clashes[i].b);
        if (json_array_append_new(clashes, pair))
            goto fail;
    }
    if (json_object_set_new(o, "positions", positions)) {
        positions = NULL;
        goto fail;
    }
    positions = NULL;
    if (json_object_set_new(o, "clashes", clashes)) {
        clashes = NULL;
        goto fail;
    }
    clashes = NULL;
    if (c->clashes_truncated && json_object_set_new(o, "clashes_truncated", json_true()))
        goto fail;
    if (json_object_set_new(o, "review", review_json(r, c)))
        goto fail;
    return o;
fail:
    json_decref(o);
    json_decref(positions);
    json_decref(clashes);
    return NULL;
}

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

static by_id *source_order(const ct_source *sources, size_t n)
{
    by_id *v = ct_calloc(n ? n : 1, sizeof *v);
    if (!v)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        v[i].id = sources[i].id;
        v[i].index = i;
    }
    qsort(v, n, sizeof *v, cmp_by_id);
    return v;
}

static by_id *topic_order(const ct_topic *topics, size_t n)
{
    by_id *v = ct_calloc(n ? n : 1, sizeof *v);
    if (!v)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        v[i].id = topics[i].id;
        v[i].index = i;
    }
    qsort(v, n, sizeof *v, cmp_by_id);
    return v;
}

json_t *ct_report_to_json(const ct_report *r)
{
    size_t n_claims, n_sources, n_topics;
    const ct_claim *claims = ct_corpus_claims(r->corpus, &n_claims);
    const ct_source *sources = ct_corpus_sources(r->corpus, &n_sources);
    const ct_topic *topics = ct_corpus_topics(r->corpus, &n_topics);
    const ct_conflict_set *set = r->conflicts;
    json_t *doc = json_object(), *summary = json_object(), *src = json_array(),
           *tops = json_array(), *confs = json_array(), *revs = json_array();
    size_t sev[3] = {0, 0, 0}, states[5] = {0, 0, 0, 0, 0};
    json_t *warnings = json_array();
    by_id *src_order = source_order(sources, n_sources);
    by_id *top_order = topic_order(topics, n_topics);
    if (!doc || !summary || !src || !tops || !confs || !revs || !warnings || !src_order ||
        !top_order)
        goto fail;
    for (size_t i = 0; i < set->n_conflicts; i++) {
        sev[set->conflicts[i].severity]++;
        states[ct_review_state_of(r->reviews, &set->conflicts[i], NULL)]++;
    }
    if (set_str(doc, "claimtrack", CT_VERSION) || json_object_set(doc, "summary", summary) ||
        set_int(summary, "claims", n_claims) || set_int(summary, "sources", n_sources) ||
        set_int(summary, "topics", n_topics) || set_int(summary, "groups", set->n_groups) ||
        set_int(summary, "conflicts", set->n_conflicts) ||
        set_int(summary, "revisions", set->n_revisions) ||
        json_object_set_new(summary, "severity",
                            json_pack("{sIsIsI}", "high", (json_int_t)sev[2], "medium",
                                      (json_int_t)sev[1], "low", (json_int_t)sev[0])) ||
        json_object_set_new(summary, "review",
                            json_pack("{sIsIsIsIsI}", "unreviewed", (json_int_t)states[0],
                                      "stale", (json_int_t)states[1], "confirmed",
                                      (json_int_t)states[2], "dismissed", (json_int_t)states[3],
                                      "resolved", (json_int_t)states[4])) ||
        set_int(summary, "blocking", ct_report_blocking(r)))
        goto fail;
    if (r->reviews) {
        json_t *orphans = ct_review_orphans(r->reviews, set);
        size_t i;
        json_t *id;
        if (!orphans)
            goto fail;
        json_array_foreach(orphans, i, id)
        {
            json_t *w = json_pack("{sssOss}", "type", "orphan-review", "id", id, "message",
                                  "review of a conflict that no longer exists");
            if (json_array_append_new(warnings, w)) {
                json_decref(orphans);
                goto fail;
            }
        }
        json_decref(orphans);
    }
    for (size_t i = 0; i < n_sources; i++) {
        const ct_source *s = &sources[src_order[i].index];
        json_t *o = json_object();
        if (json_array_append_new(src, o) || set_str(o, "id", s->id) ||
            set_str(o, "title", s->title) || set_str(o, "author", s->author) ||
            set_str(o, "publisher", s->publisher) || set_str(o, "published", s->published) ||
            set_str(o, "url", s->url) || set_str(o, "archive", s->archive))
            goto fail;
    }
    for (size_t k = 0; k < n_topics; k++) {
        size_t i = top_order[k].index, nc = 0, nconf = 0;
        for (size_t j = 0; j < n_claims; j++)
            nc += claims[j].topic == i;
        for (size_t j = 0; j < set->n_conflicts; j++)
            nconf += set->conflicts[j].topic == i;
        json_t *o = json_object();
        if (json_array_append_new(tops, o) || set_str(o, "id", topics[i].id) ||
            set_str(o, "title", topics[i].title) || set_str(o, "file", topics[i].file) ||
            set_int(o, "claims", nc) || set_int(o, "conflicts", nconf))
            goto fail;
    }
    for (size_t i = 0; i < set->n_conflicts; i++)
        if (json_array_append_new(confs, conflict_json(r, &set->conflicts[i])))
            goto fail;
    for (size_t i = 0; i < set->n_revisions; i++) {
        const ct_claim *a = &claims[set->revisions[i].claim], *b = &claims[set->revisions[i].by];
        const ct_topic *t = &topics[a->topic];
        json_t *o = json_object();
        if (json_array_append_new(revs, o) || set_str(o, "topic", t->id) ||
            set_str(o, "subject", a->subject) ||
            set_str(o, "property", t->properties[a->property].name) ||
            set_str(o, "claimant", a->claimant ? a->claimant : a->source) ||
            set_str(o, "claim", a->id) || set_str(o, "by", b->id) ||
            set_str(o, "from", a->display) ||
            set_str(o, "from_stance", a->denies ? "denies" : "asserts") ||
            set_str(o, "to", b->display) || set_str(o, "to_stance", b->denies ? "denies" : "asserts") ||
            set_str(o, "from_as_of", a->as_of) || set_str(o, "to_as_of", b->as_of))
            goto fail;
    }
    json_decref(summary);
    summary = NULL;
    if (json_object_set_new(doc, "sources", src)) {
        src = NULL;
        goto fail;
    }
    src = NULL;
    if (json_object_set_new(doc, "topics", tops)) {
        tops = NULL;
        goto fail;
    }
    tops = NULL;
    if (json_object_set_new(doc, "conflicts", confs)) {
        confs = NULL;
        goto fail;
    }
    confs = NULL;
    if (json_object_set_new(doc, "revisions", revs)) {
        revs = NULL;
        goto fail;
    }
    revs = NULL;
    if (json_object_set_new(doc, "warnings", warnings)) {
        warnings = NULL;
        goto fail;
    }
    ct_free(src_order);
    ct_free(top_order);
    return doc;
fail:
    ct_free(src_order);
    ct_free(top_order);
    json_decref(warnings);
    json_decref(doc);
    json_decref(summary);
    json_decref(src);
    json_decref(tops);
    json_decref(confs);
    json_decref(revs);
    return NULL;
}
