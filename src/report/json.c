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

int ct_report__claim_json(json_t *claims, const ct_claim *c)
{
    json_t *o = append_object(claims);
    if (!o)
        return -1;
    int rc = set_str(o, "id", c->id) | set_str(o, "source", c->source) |
             set_str(o, "claimant", c->claimant) | set_str(o, "hedge", c->hedge) |
             set_str(o, "stance", claim_stance(c)) | set_str(o, "quote", c->quote) |
             set_str(o, "as_of", c->as_of) | set_str(o, "locator", c->locator) |
             set_str(o, "file", c->file);
    if (c->scope_basis)
        rc |= set_str(o, "scope", c->scope_text) |
              set_str(o, "scope_basis", ct_scope_basis_name(c->scope_basis));
    if (c->line > 0)
        rc |= set_int(o, "line", (size_t)c->line);
    return rc ? -1 : 0;
}

/* What changed since the review: "changes", on a stale conflict whose
 * review kept a snapshot. */
static int changes_json(json_t *review, const ct_report_review *rv)
{
    json_t *list = set_array(review, "changes");
    if (!list)
        return -1;
    for (size_t i = 0; i < rv->n_changes; i++) {
        const ct_report_change *ch = &rv->changes[i];
        json_t *o = append_object(list), *fields = NULL;
        if (!o || set_str(o, "kind", ct_change_kind_name(ch->kind)) ||
            set_str(o, "claim", ch->claim) ||
            (ch->kind == CT_CHANGE_EDITED && !(fields = set_array(o, "fields"))))
            return -1;
        for (int f = 0; fields && f < CT_CLAIM_FIELDS; f++)
            if (((ch->fields >> f) & 1u) &&
                json_array_append_new(fields, json_string(ct_claim_field_name((ct_claim_field)f))))
                return -1;
        if (set_str(o, "value_was", ch->was) || set_str(o, "value_now", ch->now) ||
            set_str(o, "text", ch->text))
            return -1;
    }
    return 0;
}

static int review_json(json_t *conflict, const ct_report_review *rv)
{
    json_t *o = json_object();
    if (json_object_set_new(conflict, "review", o) ||
        set_str(o, "state", ct_review_state_name(rv->state)) ||
        json_object_set_new(o, "blocking", json_boolean(rv->blocking)) ||
        set_str(o, "status", rv->status) || set_str(o, "note", rv->note) ||
        set_str(o, "reviewer", rv->reviewer) || set_str(o, "date", rv->date) ||
        set_str(o, "reviewed_digest", rv->reviewed_digest))
        return -1;
    if (rv->state == CT_REVIEW_STALE && rv->has_snapshot && changes_json(o, rv) < 0)
        return -1;
    if (!rv->prefer)
        return 0;
    json_t *prefer = set_array(o, "prefer");
    if (!prefer)
        return -1;
    for (size_t i = 0; i < rv->n_prefer; i++)
        if (json_array_append_new(prefer, json_string(rv->prefer[i])))
            return -1;
    return 0;
}

static int position_json(json_t *positions, const ct_report_position *p, int rule)
{
    json_t *o = append_object(positions), *claims;
    if (!o || json_object_set(o, "value", p->value) || set_str(o, "display", p->display) ||
        set_str(o, "stance", p->questions ? "questions" : stance(p->denies)) ||
        set_str(o, "subject", p->subject) || set_str(o, "property", p->property->name) ||
        (rule && set_int(o, "term", p->term)) || !(claims = set_array(o, "claims")))
        return -1;
    for (size_t j = 0; j < p->n_claims; j++)
        if (ct_report__claim_json(claims, p->claims[j]) < 0)
            return -1;
    return 0;
}

/* A rule conflict's rule as applied: "relation", and "terms" (left, then
 * right) each with its subject, property and side. */
static int terms_json(json_t *o, const ct_report_conflict *rc)
{
    const ct_rule *r = rc->rule;
    json_t *terms;
    if (set_str(o, "relation", ct_relation_name(r->relation)) || !(terms = set_array(o, "terms")))
        return -1;
    for (size_t k = 0; k < r->n_left + r->n_right; k++) {
        const ct_rule_term *t = k < r->n_left ? &r->left[k] : &r->right[k - r->n_left];
        json_t *to = append_object(terms);
        if (!to || set_str(to, "subject", t->subject ? t->subject : rc->conflict->subject) ||
            set_str(to, "property", rc->topic->properties[t->property].name) ||
            set_str(to, "side", k < r->n_left ? "left" : "right"))
            return -1;
    }
    return 0;
}

static int conflict_json(json_t *conflicts, const ct_report_conflict *rc)
{
    const ct_conflict *c = rc->conflict;
    const ct_property *p = rc->property;
    json_t *o = append_object(conflicts), *positions, *clashes;
    if (!o)
        return -1;
    int rc_ =
        set_str(o, "id", c->id) | set_str(o, "digest", c->digest) |
        set_str(o, "topic", rc->topic->id) | set_str(o, "subject", c->subject) |
        (rc->rule ? json_object_set_new(o, "property", json_null())
                  : set_str(o, "property", p->name)) |
        set_str(o, "title", rc->title) | set_str(o, "property_type", ct_value_type_name(p->type)) |
        set_str(o, "unit", p->unit) | set_str(o, "type", ct_conflict_type_name(c->type)) |
        set_str(o, "severity", ct_severity_name(c->severity)) | set_int(o, "claims", c->n_claims);
    json_t *reasons;
    if (rc_ || !(reasons = set_array(o, "severity_reasons")))
        return -1;
    for (size_t i = 0; i < c->n_severity_reasons; i++)
        if (json_array_append_new(reasons, json_string(c->severity_reasons[i])))
            return -1;
    if (!(positions = set_array(o, "positions")))
        return -1;
    for (size_t i = 0; i < rc->n_positions; i++)
        if (position_json(positions, &rc->positions[i], rc->rule != NULL) < 0)
            return -1;
    if (!(clashes = set_array(o, "clashes")))
        return -1;
    for (size_t i = 0; i < rc->n_clashes; i++) {
        json_t *pair =
            json_pack("[ii]", (json_int_t)rc->clashes[i].a, (json_int_t)rc->clashes[i].b);
        if (json_array_append_new(clashes, pair))
            return -1;
    }
    if (c->clashes_truncated && json_object_set_new(o, "clashes_truncated", json_true()))
        return -1;
    if (set_str(o, "baseline", ct_report__baseline_state_name(rc->baseline)))
        return -1;
    if (c->rule) {
        json_t *vs;
        if (set_str(o, "rule", c->rule) || !(vs = set_array(o, "violations")))
            return -1;
        if (rc->rule && terms_json(o, rc) < 0)
            return -1;
        for (size_t i = 0; i < c->n_violations; i++) {
            const ct_rule_violation *v = &c->violations[i];
            json_t *vo = append_object(vs), *pa;
            if (!vo || set_str(vo, "arithmetic", v->arithmetic) ||
                !(pa = set_array(vo, "positions")))
                return -1;
            for (size_t k = 0; k < v->n_positions; k++)
                if (json_array_append_new(pa, json_integer((json_int_t)ct_report__position_index(
                                                  rc, v->positions[k]))))
                    return -1;
        }
    }
    return review_json(o, &rc->review);
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

static int revision_json(json_t *revisions, const ct_report_revision *v)
{
    const ct_claim *from = v->from, *to = v->to;
    json_t *o = append_object(revisions);
    return !o || set_str(o, "topic", v->topic->id) || set_str(o, "subject", from->subject) ||
                   set_str(o, "property", v->property->name) ||
                   set_str(o, "claimant", v->claimant) || set_str(o, "claim", from->id) ||
                   set_str(o, "by", to->id) || set_str(o, "from", from->display) ||
                   set_str(o, "from_stance", ct_report__stance(from)) ||
                   set_str(o, "to", to->display) ||
                   set_str(o, "to_stance", ct_report__stance(to)) ||
                   set_str(o, "from_as_of", from->as_of) || set_str(o, "to_as_of", to->as_of) ||
                   set_str(o, "from_date", v->from_date) || set_str(o, "to_date", v->to_date)
               ? -1
               : 0;
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

/* The one element an append function put into a new array, as a new
 * reference; NULL when out of memory. */
static json_t *single(json_t *array, int rc)
{
    json_t *v = rc == 0 ? json_incref(json_array_get(array, 0)) : NULL;
    json_decref(array);
    return v;
}

static json_t *make_conflict(void *payload, size_t i)
{
    const ct_report_model *m = payload;
    json_t *a = json_array();
    return a ? single(a, conflict_json(a, &m->conflicts[i])) : NULL;
}

static json_t *make_revision(void *payload, size_t i)
{
    const ct_report_model *m = payload;
    json_t *a = json_array();
    return a ? single(a, revision_json(a, &m->revisions[i])) : NULL;
}

int ct_report__write_json(const ct_report_model *m, FILE *out)
{
    json_t *conflicts, *revisions;
    json_t *doc = model_json(m, 0, &conflicts, &revisions);
    if (!doc)
        return CT_ENOMEM;
    ct_json_stream_part parts[] = {
        {conflicts, m->n_conflicts, make_conflict, (void *)m},
        {revisions, m->n_revisions, make_revision, (void *)m},
    };
    int rc = ct_report__dump_streamed(out, doc, parts, sizeof parts / sizeof *parts);
    json_decref(doc);
    return rc;
}
