/*
 * json.c - the JSON report (described by schema/report.schema.json): one
 * serializer of the report model.
 */
#include "report_int.h"
#include "claimtrack/common.h"

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

static const char *stance(int denies) { return denies ? "denies" : "asserts"; }

static const char *claim_stance(const ct_claim *c)
{
    return c->questions ? "questions" : stance(c->denies);
}

/* Append a new object to `array` (which owns it from then on); NULL when
 * out of memory. */
static json_t *append_object(json_t *array)
{
    json_t *o = json_object();
    return json_array_append_new(array, o) ? NULL : o;
}

/* Set `key` to a new array owned by `obj`; NULL when out of memory. */
static json_t *set_array(json_t *obj, const char *key)
{
    json_t *a = json_array();
    return json_object_set_new(obj, key, a) ? NULL : a;
}

/* The writers below serve both the streamed report (text straight out) and
 * the report as a tree (ct_report__model_to_json): one description of each
 * element, two sinks (report_int.h, ct_jw). */

static void claim_write(ct_jw *w, const ct_claim *c)
{
    ct_jw__object(w);
    ct_jw__optional(w, "id", c->id);
    ct_jw__optional(w, "source", c->source);
    ct_jw__optional(w, "claimant", c->claimant);
    ct_jw__optional(w, "hedge", c->hedge);
    ct_jw__member(w, "stance", claim_stance(c));
    ct_jw__optional(w, "quote", c->quote);
    ct_jw__optional(w, "as_of", c->as_of);
    ct_jw__optional(w, "locator", c->locator);
    ct_jw__optional(w, "file", c->file);
    if (c->scope_basis) {
        ct_jw__optional(w, "scope", c->scope_text);
        ct_jw__optional(w, "scope_basis", ct_scope_basis_name(c->scope_basis));
    }
    if (c->line > 0) {
        ct_jw__key(w, "line");
        ct_jw__integer(w, c->line);
    }
    ct_jw__end(w);
}

int ct_report__claim_json(json_t *claims, const ct_claim *c)
{
    ct_jw *w = ct_jw__into(claims);
    if (w)
        claim_write(w, c);
    return ct_jw__done(w) < 0 ? -1 : 0;
}

/* What changed since the review: "changes", on a stale conflict whose
 * review kept a snapshot. */
static void changes_write(ct_jw *w, const ct_report_review *rv)
{
    ct_jw__key(w, "changes");
    ct_jw__array(w);
    for (size_t i = 0; i < rv->n_changes; i++) {
        const ct_report_change *ch = &rv->changes[i];
        ct_jw__object(w);
        ct_jw__optional(w, "kind", ct_change_kind_name(ch->kind));
        ct_jw__optional(w, "claim", ch->claim);
        if (ch->kind == CT_CHANGE_EDITED) {
            ct_jw__key(w, "fields");
            ct_jw__array(w);
            for (int f = 0; f < CT_CLAIM_FIELDS; f++)
                if ((ch->fields >> f) & 1u)
                    ct_jw__string(w, ct_claim_field_name((ct_claim_field)f));
            ct_jw__end(w);
        }
        ct_jw__optional(w, "value_was", ch->was);
        ct_jw__optional(w, "value_now", ch->now);
        ct_jw__optional(w, "text", ch->text);
        ct_jw__end(w);
    }
    ct_jw__end(w);
}

static void review_write(ct_jw *w, const ct_report_review *rv)
{
    ct_jw__key(w, "review");
    ct_jw__object(w);
    ct_jw__optional(w, "state", ct_review_state_name(rv->state));
    ct_jw__key(w, "blocking");
    ct_jw__bool(w, rv->blocking);
    ct_jw__optional(w, "status", rv->status);
    ct_jw__optional(w, "note", rv->note);
    ct_jw__optional(w, "reviewer", rv->reviewer);
    ct_jw__optional(w, "date", rv->date);
    ct_jw__optional(w, "reviewed_digest", rv->reviewed_digest);
    if (rv->state == CT_REVIEW_STALE && rv->has_snapshot)
        changes_write(w, rv);
    if (rv->prefer) {
        ct_jw__key(w, "prefer");
        ct_jw__array(w);
        for (size_t i = 0; i < rv->n_prefer; i++)
            ct_jw__string(w, rv->prefer[i]);
        ct_jw__end(w);
    }
    ct_jw__end(w);
}

static void position_write(ct_jw *w, const ct_report_position *p, int rule)
{
    ct_jw__object(w);
    ct_jw__key(w, "value");
    ct_jw__tree(w, p->value);
    ct_jw__optional(w, "display", p->display);
    ct_jw__member(w, "stance", p->questions ? "questions" : stance(p->denies));
    ct_jw__optional(w, "subject", p->subject);
    ct_jw__optional(w, "property", p->property->name);
    if (rule) {
        ct_jw__key(w, "term");
        ct_jw__integer(w, (long long)p->term);
    }
    ct_jw__key(w, "claims");
    ct_jw__array(w);
    for (size_t j = 0; j < p->n_claims; j++)
        claim_write(w, p->claims[j]);
    ct_jw__end(w);
    ct_jw__end(w);
}

/* A rule conflict's rule as applied: "relation", and "terms" (left, then
 * right) each with its subject, property and side. */
static void terms_write(ct_jw *w, const ct_report_conflict *rc)
{
    const ct_rule *r = rc->rule;
    ct_jw__optional(w, "relation", ct_relation_name(r->relation));
    ct_jw__key(w, "terms");
    ct_jw__array(w);
    for (size_t k = 0; k < r->n_left + r->n_right; k++) {
        const ct_rule_term *t = k < r->n_left ? &r->left[k] : &r->right[k - r->n_left];
        ct_jw__object(w);
        ct_jw__optional(w, "subject", t->subject ? t->subject : rc->conflict->subject);
        ct_jw__optional(w, "property", rc->topic->properties[t->property].name);
        ct_jw__member(w, "side", k < r->n_left ? "left" : "right");
        ct_jw__end(w);
    }
    ct_jw__end(w);
}

static void conflict_write(ct_jw *w, const ct_report_conflict *rc)
{
    const ct_conflict *c = rc->conflict;
    const ct_property *p = rc->property;
    ct_jw__object(w);
    ct_jw__member(w, "id", c->id);
    ct_jw__member(w, "digest", c->digest);
    ct_jw__optional(w, "topic", rc->topic->id);
    ct_jw__optional(w, "subject", c->subject);
    ct_jw__key(w, "property");
    if (rc->rule)
        ct_jw__null(w);
    else
        ct_jw__string(w, p->name);
    ct_jw__optional(w, "title", rc->title);
    ct_jw__optional(w, "property_type", ct_value_type_name(p->type));
    ct_jw__optional(w, "unit", p->unit);
    ct_jw__optional(w, "type", ct_conflict_type_name(c->type));
    ct_jw__optional(w, "severity", ct_severity_name(c->severity));
    ct_jw__key(w, "claims");
    ct_jw__integer(w, (long long)c->n_claims);
    ct_jw__key(w, "severity_reasons");
    ct_jw__array(w);
    for (size_t i = 0; i < c->n_severity_reasons; i++)
        ct_jw__string(w, c->severity_reasons[i]);
    ct_jw__end(w);
    ct_jw__key(w, "positions");
    ct_jw__array(w);
    for (size_t i = 0; i < rc->n_positions; i++)
        position_write(w, &rc->positions[i], rc->rule != NULL);
    ct_jw__end(w);
    ct_jw__key(w, "clashes");
    ct_jw__array(w);
    for (size_t i = 0; i < rc->n_clashes; i++) {
        ct_jw__array(w);
        ct_jw__integer(w, (long long)rc->clashes[i].a);
        ct_jw__integer(w, (long long)rc->clashes[i].b);
        ct_jw__end(w);
    }
    ct_jw__end(w);
    if (c->clashes_truncated) {
        ct_jw__key(w, "clashes_truncated");
        ct_jw__bool(w, 1);
    }
    ct_jw__optional(w, "baseline", ct_report__baseline_state_name(rc->baseline));
    if (c->rule) {
        ct_jw__member(w, "rule", c->rule);
        ct_jw__key(w, "violations");
        ct_jw__array(w);
        for (size_t i = 0; i < c->n_violations; i++) {
            const ct_rule_violation *v = &c->violations[i];
            ct_jw__object(w);
            ct_jw__optional(w, "arithmetic", v->arithmetic);
            ct_jw__key(w, "positions");
            ct_jw__array(w);
            for (size_t k = 0; k < v->n_positions; k++)
                ct_jw__integer(w, (long long)ct_report__position_index(rc, v->positions[k]));
            ct_jw__end(w);
            ct_jw__end(w);
        }
        ct_jw__end(w);
        if (rc->rule)
            terms_write(w, rc);
    }
    review_write(w, &rc->review);
    ct_jw__end(w);
}

static int conflict_json(json_t *conflicts, const ct_report_conflict *rc)
{
    ct_jw *w = ct_jw__into(conflicts);
    if (w)
        conflict_write(w, rc);
    return ct_jw__done(w) < 0 ? -1 : 0;
}

static int summary_json(json_t *doc, const ct_report_summary *s, int has_baseline)
{
    json_t *o = json_object();
    const size_t *sev = s->severity, *st = s->review, *b = s->baseline;
    return json_object_set_new(doc, "summary", o) || set_int(o, "claims", s->claims) ||
                   set_int(o, "sources", s->sources) || set_int(o, "topics", s->topics) ||
                   set_int(o, "groups", s->groups) || set_int(o, "conflicts", s->conflicts) ||
                   set_int(o, "revisions", s->revisions) ||
                   json_object_set_new(o, "severity",
                                       json_pack("{sIsIsI}", "high", (json_int_t)sev[2], "medium",
                                                 (json_int_t)sev[1], "low", (json_int_t)sev[0])) ||
                   json_object_set_new(o, "review",
                                       json_pack("{sIsIsIsIsI}", "unreviewed", (json_int_t)st[0],
                                                 "stale", (json_int_t)st[1], "confirmed",
                                                 (json_int_t)st[2], "dismissed", (json_int_t)st[3],
                                                 "resolved", (json_int_t)st[4])) ||
                   set_int(o, "blocking", s->blocking) ||
                   (has_baseline &&
                    json_object_set_new(o, "baseline",
                                        json_pack("{sIsIsIsI}", "new",
                                                  (json_int_t)b[CT_BASELINE_NEW], "updated",
                                                  (json_int_t)b[CT_BASELINE_UPDATED], "unchanged",
                                                  (json_int_t)b[CT_BASELINE_UNCHANGED], "absent",
                                                  (json_int_t)b[CT_BASELINE_ABSENT])))
               ? -1
               : 0;
}

static int sources_json(json_t *doc, const ct_report_model *m)
{
    json_t *a = set_array(doc, "sources");
    if (!a)
        return -1;
    for (size_t i = 0; i < m->n_sources; i++) {
        const ct_source *s = m->sources[i];
        json_t *o = append_object(a);
        if (!o || set_str(o, "id", s->id) || set_str(o, "title", s->title) ||
            set_str(o, "author", s->author) || set_str(o, "publisher", s->publisher) ||
            set_str(o, "published", s->published) || set_str(o, "url", s->url) ||
            set_str(o, "archive", s->archive))
            return -1;
    }
    return 0;
}

static int topics_json(json_t *doc, const ct_report_model *m)
{
    json_t *a = set_array(doc, "topics");
    if (!a)
        return -1;
    for (size_t i = 0; i < m->n_topics; i++) {
        const ct_report_topic *t = &m->topics[i];
        json_t *o = append_object(a);
        if (!o || set_str(o, "id", t->topic->id) || set_str(o, "title", t->topic->title) ||
            set_str(o, "file", t->topic->file) || set_int(o, "claims", t->n_claims) ||
            set_int(o, "conflicts", t->n_conflicts))
            return -1;
    }
    return 0;
}

static void revision_write(ct_jw *w, const ct_report_revision *v)
{
    const ct_claim *from = v->from, *to = v->to;
    ct_jw__object(w);
    ct_jw__optional(w, "topic", v->topic->id);
    ct_jw__optional(w, "subject", from->subject);
    ct_jw__optional(w, "property", v->property->name);
    ct_jw__optional(w, "claimant", v->claimant);
    ct_jw__optional(w, "claim", from->id);
    ct_jw__optional(w, "by", to->id);
    ct_jw__optional(w, "from", from->display);
    ct_jw__optional(w, "from_stance", ct_report__stance(from));
    ct_jw__optional(w, "to", to->display);
    ct_jw__optional(w, "to_stance", ct_report__stance(to));
    ct_jw__optional(w, "from_as_of", from->as_of);
    ct_jw__optional(w, "to_as_of", to->as_of);
    ct_jw__optional(w, "from_date", v->from_date);
    ct_jw__optional(w, "to_date", v->to_date);
    ct_jw__end(w);
}

static int revision_json(json_t *revisions, const ct_report_revision *v)
{
    ct_jw *w = ct_jw__into(revisions);
    if (w)
        revision_write(w, v);
    return ct_jw__done(w) < 0 ? -1 : 0;
}

static int absent_json(json_t *doc, const ct_report_model *m)
{
    json_t *a;
    if (!m->has_baseline)
        return 0;
    if (!(a = set_array(doc, "absent")))
        return -1;
    for (size_t i = 0; i < m->n_absent; i++) {
        const ct_report_absent *x = &m->absent[i];
        json_t *o = append_object(a);
        if (!o || set_str(o, "id", x->id) || set_str(o, "digest", x->digest) ||
            set_str(o, "topic", x->topic) || set_str(o, "subject", x->subject) ||
            set_str(o, "property", x->property) || set_str(o, "type", x->type) ||
            set_str(o, "severity", x->severity))
            return -1;
    }
    return 0;
}

static int warnings_json(json_t *doc, const ct_report_model *m)
{
    json_t *a = set_array(doc, "warnings");
    if (!a)
        return -1;
    for (size_t i = 0; i < m->n_orphans; i++) {
        json_t *w = json_pack("{ssssss}", "type", "orphan-review", "id", m->orphans[i], "message",
                              "review of a conflict that no longer exists");
        if (json_array_append_new(a, w))
            return -1;
    }
    return 0;
}

/* The document; its conflicts and revisions only when `items` (else the two
 * arrays are left empty, at *conflicts and *revisions, for streaming). */
static json_t *model_json(const ct_report_model *m, int items, json_t **conflicts,
                          json_t **revisions)
{
    json_t *doc = json_object();
    if (!doc || set_str(doc, "claimtrack", CT_VERSION) ||
        summary_json(doc, &m->summary, m->has_baseline) || sources_json(doc, m) ||
        topics_json(doc, m) || !(*conflicts = set_array(doc, "conflicts")))
        goto fail;
    for (size_t i = 0; items && i < m->n_conflicts; i++)
        if (conflict_json(*conflicts, &m->conflicts[i]) < 0)
            goto fail;
    if (!(*revisions = set_array(doc, "revisions")))
        goto fail;
    for (size_t i = 0; items && i < m->n_revisions; i++)
        if (revision_json(*revisions, &m->revisions[i]) < 0)
            goto fail;
    if (absent_json(doc, m) < 0 || warnings_json(doc, m) < 0)
        goto fail;
    return doc;
fail:
    json_decref(doc);
    return NULL;
}

json_t *ct_report__model_to_json(const ct_report_model *m)
{
    json_t *conflicts, *revisions;
    return model_json(m, 1, &conflicts, &revisions);
}

static int write_conflict(void *payload, size_t i, ct_jw *w)
{
    const ct_report_model *m = payload;
    conflict_write(w, &m->conflicts[i]);
    return 0;
}

static int write_revision(void *payload, size_t i, ct_jw *w)
{
    const ct_report_model *m = payload;
    revision_write(w, &m->revisions[i]);
    return 0;
}

int ct_report__write_json(const ct_report_model *m, FILE *out)
{
    json_t *conflicts, *revisions;
    json_t *doc = model_json(m, 0, &conflicts, &revisions);
    if (!doc)
        return CT_ENOMEM;
    ct_json_stream_part parts[] = {
        {.array = conflicts,
         .count = m->n_conflicts,
         .write = write_conflict,
         .payload = (void *)m},
        {.array = revisions,
         .count = m->n_revisions,
         .write = write_revision,
         .payload = (void *)m},
    };
    int rc = ct_report__dump_streamed(out, doc, parts, sizeof parts / sizeof *parts);
    json_decref(doc);
    return rc;
}
