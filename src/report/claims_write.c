/*
 * claims_write.c - the grouped claims (claimtrack/claims.h) as text for
 * people and as JSON for programs (schema/claims.schema.json); the CSV rows
 * are csv.c's.  Review states come from the report model.
 */
#include "report_int.h"
#include "claimtrack/common.h"
#include "value/jnum.h"

#include <string.h>

static const char *plural(size_t n) { return n == 1 ? "" : "s"; }

static const char *position_stance(const ct_claims_position *p)
{
    return p->questions ? "questions" : p->denies ? "denies" : "asserts";
}

static void text_claim(FILE *out, const ct_claim *c, const char *indent)
{
    fprintf(out, "%s%s  %s%s%s%s%s", indent, c->id, c->source, c->claimant ? ", claimant " : "",
            c->claimant ? c->claimant : "", c->hedge ? ", " : "", c->hedge ? c->hedge : "");
    if (c->as_of)
        fprintf(out, ", as of %s", c->as_of);
    fprintf(out, ": \"%s\"\n", c->quote);
}

static void text_revision(FILE *out, const ct_report_revision *v)
{
    const ct_claim *a = v->from, *b = v->to;
    fprintf(out, "  revised: %s revised %s%s (%s, %s%s%s) to %s%s (%s, %s%s%s)\n", v->claimant,
            ct_report__stance_prefix(a), a->display, a->id, v->from_basis, v->from_date ? " " : "",
            v->from_date ? v->from_date : "", ct_report__stance_prefix(b), b->display, b->id,
            v->to_basis, v->to_date ? " " : "", v->to_date ? v->to_date : "");
}

static void text_group(FILE *out, const ct_report_model *m, const ct_report *r,
                       const ct_claims_group *g, const ct_claim *claims, const ct_topic *topics)
{
    const ct_topic *t = &topics[g->topic];
    const ct_property *p = &t->properties[g->property];
    fprintf(out, "%s · %s · %s: %s", t->id, g->subject, p->name, ct_group_status_name(g->status));
    if (g->conflict) {
        const ct_report_conflict *rc = ct_report__model_conflict(m, r, g->conflict);
        fprintf(out, " %s (%s, %s, %s)", g->conflict->id, ct_conflict_type_name(g->conflict->type),
                ct_severity_name(g->conflict->severity),
                rc ? ct_review_state_name(rc->review.state) : "unreviewed");
    }
    size_t questions = 0;
    for (size_t i = 0; i < g->n_positions; i++)
        questions += g->positions[i].questions ? g->positions[i].n_claims : 0;
    fprintf(out, ", %zu source%s taking a stand", g->n_sources, plural(g->n_sources));
    if (questions)
        fprintf(out, ", %zu open question%s", questions, plural(questions));
    fputc('\n', out);
    for (size_t i = 0; i < g->n_positions; i++) {
        const ct_claims_position *pos = &g->positions[i];
        fprintf(out, "  [%zu] %s%s (%zu source%s)\n", i + 1,
                pos->questions ? "questions: "
                : pos->denies  ? "denies: "
                               : "",
                pos->display, pos->n_sources, plural(pos->n_sources));
        for (size_t x = 0; x < pos->n_claims; x++)
            text_claim(out, &claims[pos->claims[x]], "      ");
    }
    if (g->conflict && g->conflict->n_clashes) {
        fprintf(out, "  clashes:");
        for (size_t i = 0; i < g->conflict->n_clashes; i++)
            fprintf(out, "%s [%zu]x[%zu]", i ? "," : "", g->conflict->clashes[i].a + 1,
                    g->conflict->clashes[i].b + 1);
        fputc('\n', out);
    }
    for (size_t i = 0; i < g->n_revisions; i++)
        text_revision(out, &m->revisions[g->revisions[i]]);
    /* the revised claims: in no position */
    for (size_t i = 0; i < g->n_revisions; i++)
        text_claim(out, &claims[r->conflicts->revisions[g->revisions[i]].claim],
                   "  revised claim ");
    for (size_t i = 0; i < g->n_rules; i++)
        fprintf(out, "  rule conflict: %s (rule %s)\n", g->rules[i]->id, g->rules[i]->rule);
    fputc('\n', out);
}

static int write_text(const ct_report_model *m, const ct_report *r, const ct_claims_view *v,
                      FILE *out)
{
    size_t n;
    const ct_claim *claims = ct_corpus_claims(r->corpus, &n);
    const ct_topic *topics = ct_corpus_topics(r->corpus, &n);
    size_t revisions = 0;
    for (size_t i = 0; i < v->n_groups; i++) {
        text_group(out, m, r, &v->groups[i], claims, topics);
        revisions += v->groups[i].n_revisions;
    }
    const size_t *s = v->status;
    fprintf(out,
            "%zu claim%s in %zu group%s: %zu agreement%s, %zu single, %zu open, %zu "
            "conflict%s, %zu uncompared; %zu revision%s\n",
            v->n_claims, plural(v->n_claims), v->n_groups, plural(v->n_groups),
            s[CT_GROUP_AGREEMENT], plural(s[CT_GROUP_AGREEMENT]), s[CT_GROUP_SINGLE],
            s[CT_GROUP_OPEN], s[CT_GROUP_CONFLICT], plural(s[CT_GROUP_CONFLICT]),
            s[CT_GROUP_UNCOMPARED], revisions, plural(revisions));
    return ferror(out) ? CT_EIO : 0;
}

/* ---- JSON --------------------------------------------------------------- */

static int set_str(json_t *o, const char *key, const char *value)
{
    return json_object_set_new(o, key, value ? json_string(value) : json_null());
}

static int set_int(json_t *o, const char *key, size_t value)
{
    return json_object_set_new(o, key, json_integer((json_int_t)value));
}

static json_t *new_array_in(json_t *o, const char *key)
{
    json_t *a = json_array();
    return json_object_set_new(o, key, a) ? NULL : a;
}

static json_t *position_json(const ct_claims_position *pos, const ct_claim *claims)
{
    json_t *o = json_object(), *cl = NULL;
    if (!o ||
        json_object_set_new(o, "value",
                            ct_jnum__loadb(pos->value_json, strlen(pos->value_json),
                                           JSON_DECODE_ANY | JSON_ALLOW_NUL)) ||
        set_str(o, "display", pos->display) || set_str(o, "stance", position_stance(pos)) ||
        set_int(o, "sources", pos->n_sources) || !(cl = new_array_in(o, "claims"))) {
        json_decref(o);
        return NULL;
    }
    for (size_t x = 0; x < pos->n_claims; x++)
        if (ct_report__claim_json(cl, &claims[pos->claims[x]]) < 0) {
            json_decref(o);
            return NULL;
        }
    return o;
}

static json_t *revision_json(const ct_report_revision *v)
{
    json_t *o = json_object();
    if (!o || set_str(o, "claim", v->from->id) || set_str(o, "by", v->to->id) ||
        set_str(o, "claimant", v->claimant) || set_str(o, "from", v->from->display) ||
        set_str(o, "from_stance", ct_report__stance(v->from)) || set_str(o, "to", v->to->display) ||
        set_str(o, "to_stance", ct_report__stance(v->to)) ||
        set_str(o, "from_date", v->from_date) || set_str(o, "to_date", v->to_date)) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *conflict_json(const ct_report_model *m, const ct_report *r, const ct_conflict *c)
{
    const ct_report_conflict *rc = ct_report__model_conflict(m, r, c);
    json_t *o = json_object(), *clashes = NULL;
    if (!o || set_str(o, "id", c->id) || set_str(o, "type", ct_conflict_type_name(c->type)) ||
        set_str(o, "severity", ct_severity_name(c->severity)) ||
        set_str(o, "review_state",
                ct_review_state_name(rc ? rc->review.state : CT_REVIEW_UNREVIEWED)) ||
        !(clashes = new_array_in(o, "clashes"))) {
        json_decref(o);
        return NULL;
    }
    for (size_t i = 0; i < c->n_clashes; i++)
        if (json_array_append_new(clashes, json_pack("[II]", (json_int_t)c->clashes[i].a + 1,
                                                     (json_int_t)c->clashes[i].b + 1))) {
            json_decref(o);
            return NULL;
        }
    return o;
}

/* The group's arrays: positions, revisions, revised claims, rule conflicts. */
static int group_lists(json_t *o, const ct_report_model *m, const ct_claims_group *g,
                       const ct_claim *claims, const ct_conflict_set *set)
{
    json_t *pos = new_array_in(o, "positions"), *revs = new_array_in(o, "revisions");
    json_t *revised = new_array_in(o, "revised"), *rules = new_array_in(o, "rule_conflicts");
    if (!pos || !revs || !revised || !rules)
        return -1;
    for (size_t i = 0; i < g->n_positions; i++)
        if (json_array_append_new(pos, position_json(&g->positions[i], claims)))
            return -1;
    for (size_t i = 0; i < g->n_revisions; i++)
        if (json_array_append_new(revs, revision_json(&m->revisions[g->revisions[i]])))
            return -1;
    for (size_t i = 0; i < g->n_revisions; i++)
        if (ct_report__claim_json(revised, &claims[set->revisions[g->revisions[i]].claim]) < 0)
            return -1;
    for (size_t i = 0; i < g->n_rules; i++)
        if (json_array_append_new(rules, json_string(g->rules[i]->id)))
            return -1;
    return 0;
}

static json_t *group_json(const ct_report_model *m, const ct_report *r, const ct_claims_group *g,
                          const ct_claim *claims, const ct_topic *topics)
{
    const ct_topic *t = &topics[g->topic];
    const ct_property *p = &t->properties[g->property];
    json_t *o = json_object(), *aliases = NULL;
    if (!o || set_str(o, "topic", t->id) || set_str(o, "subject", g->subject) ||
        !(aliases = new_array_in(o, "aliases")) || set_str(o, "property", p->name) ||
        set_str(o, "type", ct_value_type_name(p->type)) || set_str(o, "unit", p->unit) ||
        set_str(o, "status", ct_group_status_name(g->status)) ||
        set_int(o, "sources", g->n_sources) ||
        json_object_set_new(o, "conflict",
                            g->conflict ? conflict_json(m, r, g->conflict) : json_null()) ||
        group_lists(o, m, g, claims, r->conflicts) < 0)
        goto fail;
    for (size_t i = 0; i < t->n_aliases; i++)
        if (strcmp(t->aliases[i].canonical, g->subject) == 0 &&
            strcmp(t->aliases[i].alias, g->subject) != 0 &&
            json_array_append_new(aliases, json_string(t->aliases[i].alias)))
            goto fail;
    return o;
fail:
    json_decref(o);
    return NULL;
}

static json_t *summary_json(const ct_claims_view *v)
{
    json_t *o = json_object();
    size_t revisions = 0;
    for (size_t i = 0; i < v->n_groups; i++)
        revisions += v->groups[i].n_revisions;
    if (!o || set_int(o, "claims", v->n_claims) || set_int(o, "groups", v->n_groups) ||
        set_int(o, "revisions", revisions)) {
        json_decref(o);
        return NULL;
    }
    for (int s = 0; s < CT_GROUP_STATUS_COUNT; s++)
        if (set_int(o, ct_group_status_name((ct_group_status)s), v->status[s])) {
            json_decref(o);
            return NULL;
        }
    return o;
}

typedef struct {
    const ct_report_model *m;
    const ct_report *r;
    const ct_claims_view *v;
    const ct_claim *claims;
    const ct_topic *topics;
} json_payload;

static json_t *make_group(void *payload, size_t i)
{
    const json_payload *p = payload;
    return group_json(p->m, p->r, &p->v->groups[i], p->claims, p->topics);
}

/* The document with an empty "groups" array (*groups) to fill. */
static json_t *claims_doc(const ct_claims_view *v, json_t **groups)
{
    json_t *doc = json_object();
    if (!doc || set_int(doc, "version", 1) ||
        json_object_set_new(doc, "summary", summary_json(v)) ||
        !(*groups = new_array_in(doc, "groups"))) {
        json_decref(doc);
        return NULL;
    }
    return doc;
}

static json_t *model_claims_json(const ct_report_model *m, const ct_report *r,
                                 const ct_claims_view *v)
{
    size_t n;
    json_payload p = {m, r, v, ct_corpus_claims(r->corpus, &n), ct_corpus_topics(r->corpus, &n)};
    json_t *groups, *doc = claims_doc(v, &groups);
    for (size_t i = 0; doc && i < v->n_groups; i++)
        if (json_array_append_new(groups, make_group(&p, i))) {
            json_decref(doc);
            return NULL;
        }
    return doc;
}

static int write_json(const ct_report_model *m, const ct_report *r, const ct_claims_view *v,
                      FILE *out)
{
    size_t n;
    json_payload p = {m, r, v, ct_corpus_claims(r->corpus, &n), ct_corpus_topics(r->corpus, &n)};
    json_t *groups, *doc = claims_doc(v, &groups);
    if (!doc)
        return CT_ENOMEM;
    ct_json_stream_part part = {
        .array = groups, .count = v->n_groups, .make = make_group, .payload = &p};
    int rc = ct_report__dump_streamed(out, doc, &part, 1);
    json_decref(doc);
    return rc;
}

json_t *ct_claims_to_json(const ct_report *report, const ct_claims_view *view)
{
    ct_report_model *m;
    if (ct_report__model_build(&m, report) < 0)
        return NULL;
    json_t *doc = model_claims_json(m, report, view);
    ct_report__model_free(m);
    return doc;
}

int ct_claims_write(const ct_report *report, const ct_claims_view *view, const char *format,
                    FILE *out)
{
    int text = strcmp(format, "text") == 0, json = strcmp(format, "json") == 0;
    if (!text && !json && strcmp(format, "csv") != 0)
        return CT_ENOTFOUND;
    ct_report_model *m;
    int rc = ct_report__model_build(&m, report);
    if (rc < 0)
        return rc;
    if (text) {
        rc = write_text(m, report, view, out);
    } else if (json) {
        rc = write_json(m, report, view, out);
    } else {
        rc = ct_report__write_claims_csv(m, report, view, out);
    }
    ct_report__model_free(m);
    return rc;
}
