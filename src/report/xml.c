/*
 * xml.c - the XML report (described by schema/report.xsd), written with
 * libxml2's xmlTextWriter from the report model, as the JSON report is.
 */
#include "value/jnum.h"
#include "report_int.h"
#include "util/xml_writer.h"
#include "claimtrack/common.h"

#include <stdlib.h>
#include <string.h>

#define CT_REPORT_NS "https://claimtrack.dev/schema/report"

/* Integers and booleans in XML Schema's lexical forms. */
static void attr_size(ct_xmlw *x, const char *name, size_t value)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%zu", value);
    ct_xmlw__attr(x, name, buf);
}

static void attr_bool(ct_xmlw *x, const char *name, int value)
{
    ct_xmlw__attr(x, name, value ? "true" : "false");
}

static const char *stance(int denies) { return denies ? "denies" : "asserts"; }

static void write_summary(ct_xmlw *x, const ct_report_summary *s)
{
    ct_xmlw__start(x, "summary");
    attr_size(x, "claims", s->claims);
    attr_size(x, "sources", s->sources);
    attr_size(x, "topics", s->topics);
    attr_size(x, "groups", s->groups);
    attr_size(x, "conflicts", s->conflicts);
    attr_size(x, "revisions", s->revisions);
    attr_size(x, "blocking", s->blocking);
    ct_xmlw__start(x, "severity");
    for (int i = CT_SEVERITY_HIGH; i >= CT_SEVERITY_LOW; i--)
        attr_size(x, ct_severity_name((ct_severity)i), s->severity[i]);
    ct_xmlw__end(x);
    ct_xmlw__start(x, "review");
    for (int i = CT_REVIEW_UNREVIEWED; i <= CT_REVIEW_RESOLVED; i++)
        attr_size(x, ct_review_state_name((ct_review_state)i), s->review[i]);
    ct_xmlw__end(x);
    ct_xmlw__end(x);
}

static void write_claim(ct_xmlw *x, const ct_claim *c)
{
    ct_xmlw__start(x, "claim");
    ct_xmlw__attr(x, "id", c->id);
    ct_xmlw__attr(x, "source", c->source);
    ct_xmlw__attr(x, "claimant", c->claimant);
    ct_xmlw__attr(x, "hedge", c->hedge);
    ct_xmlw__attr(x, "stance", c->questions ? "questions" : stance(c->denies));
    ct_xmlw__attr(x, "as-of", c->as_of);
    if (c->scope_basis) {
        ct_xmlw__attr(x, "scope", c->scope_text);
        ct_xmlw__attr(x, "scope-basis", ct_scope_basis_name(c->scope_basis));
    }
    ct_xmlw__attr(x, "locator", c->locator);
    ct_xmlw__attr(x, "file", c->file);
    if (c->line > 0)
        attr_size(x, "line", (size_t)c->line);
    ct_xmlw__elem(x, "quote", c->quote);
    ct_xmlw__end(x);
}

static void write_review(ct_xmlw *x, const ct_report_review *rv)
{
    ct_xmlw__start(x, "review");
    ct_xmlw__attr(x, "state", ct_review_state_name(rv->state));
    attr_bool(x, "blocking", rv->blocking);
    ct_xmlw__attr(x, "status", rv->status);
    ct_xmlw__attr(x, "reviewer", rv->reviewer);
    ct_xmlw__attr(x, "date", rv->date);
    ct_xmlw__attr(x, "reviewed-digest", rv->reviewed_digest);
    ct_xmlw__elem(x, "note", rv->note);
    for (size_t i = 0; i < rv->n_prefer; i++)
        ct_xmlw__elem(x, "prefer", rv->prefer[i]);
    for (size_t i = 0; rv->state == CT_REVIEW_STALE && i < rv->n_changes; i++) {
        const ct_report_change *ch = &rv->changes[i];
        char fields[128] = "";
        size_t used = 0;
        for (int f = 0; f < CT_CLAIM_FIELDS; f++)
            if ((ch->fields >> f) & 1u) {
                int w = snprintf(fields + used, sizeof fields - used, "%s%s", used ? " " : "",
                                 ct_claim_field_name((ct_claim_field)f));
                used += w > 0 ? (size_t)w : 0;
            }
        ct_xmlw__start(x, "change");
        ct_xmlw__attr(x, "kind", ct_change_kind_name(ch->kind));
        ct_xmlw__attr(x, "claim", ch->claim);
        ct_xmlw__attr(x, "fields", used ? fields : NULL);
        ct_xmlw__attr(x, "value-was", ch->was);
        ct_xmlw__attr(x, "value-now", ch->now);
        ct_xmlw__text(x, ch->text);
        ct_xmlw__end(x);
    }
    ct_xmlw__end(x);
}

static void write_position(ct_xmlw *x, const ct_report_position *p, int rule)
{
    ct_xmlw__start(x, "position");
    ct_xmlw__attr(x, "stance", p->questions ? "questions" : stance(p->denies));
    ct_xmlw__attr(x, "display", p->display);
    ct_xmlw__attr(x, "subject", p->subject);
    ct_xmlw__attr(x, "property", p->property->name);
    if (rule)
        attr_size(x, "term", p->term);
    char *value = ct_jnum__dumps(p->value, JSON_COMPACT | JSON_ENCODE_ANY | JSON_SORT_KEYS);
    if (!value)
        x->rc = -1;
    ct_xmlw__elem(x, "value", value);
    free(value);
    for (size_t j = 0; j < p->n_claims; j++)
        write_claim(x, p->claims[j]);
    ct_xmlw__end(x);
}

static void write_conflict(ct_xmlw *x, const ct_report_conflict *rc)
{
    const ct_conflict *c = rc->conflict;
    ct_xmlw__start(x, "conflict");
    ct_xmlw__attr(x, "id", c->id);
    ct_xmlw__attr(x, "digest", c->digest);
    ct_xmlw__attr(x, "topic", rc->topic->id);
    ct_xmlw__attr(x, "subject", c->subject);
    if (!rc->rule)
        ct_xmlw__attr(x, "property", rc->property->name);
    ct_xmlw__attr(x, "title", rc->title);
    if (rc->rule) {
        ct_xmlw__attr(x, "rule", c->rule);
        ct_xmlw__attr(x, "relation", ct_relation_name(rc->rule->relation));
    }
    ct_xmlw__attr(x, "property-type", ct_value_type_name(rc->property->type));
    ct_xmlw__attr(x, "unit", rc->property->unit);
    ct_xmlw__attr(x, "type", ct_conflict_type_name(c->type));
    ct_xmlw__attr(x, "severity", ct_severity_name(c->severity));
    attr_size(x, "claims", c->n_claims);
    if (c->clashes_truncated)
        attr_bool(x, "clashes-truncated", 1);
    write_review(x, &rc->review);
    for (size_t i = 0; i < c->n_severity_reasons; i++)
        ct_xmlw__elem(x, "severity-reason", c->severity_reasons[i]);
    const ct_rule *r = rc->rule;
    for (size_t k = 0; r && k < r->n_left + r->n_right; k++) {
        const ct_rule_term *t = k < r->n_left ? &r->left[k] : &r->right[k - r->n_left];
        ct_xmlw__start(x, "term");
        ct_xmlw__attr(x, "subject", t->subject ? t->subject : c->subject);
        ct_xmlw__attr(x, "property", rc->topic->properties[t->property].name);
        ct_xmlw__attr(x, "side", k < r->n_left ? "left" : "right");
        ct_xmlw__end(x);
    }
    for (size_t i = 0; i < rc->n_positions; i++)
        write_position(x, &rc->positions[i], r != NULL);
    for (size_t i = 0; i < rc->n_clashes; i++) {
        ct_xmlw__start(x, "clash");
        attr_size(x, "a", rc->clashes[i].a);
        attr_size(x, "b", rc->clashes[i].b);
        ct_xmlw__end(x);
    }
    for (size_t i = 0; c->rule && i < c->n_violations; i++) {
        const ct_rule_violation *v = &c->violations[i];
        ct_xmlw__start(x, "violation");
        ct_xmlw__attr(x, "rule", c->rule);
        ct_xmlw__attr(x, "arithmetic", v->arithmetic);
        for (size_t k = 0; k < v->n_positions; k++) {
            ct_xmlw__start(x, "choice");
            attr_size(x, "position", ct_report__position_index(rc, v->positions[k]));
            ct_xmlw__end(x);
        }
        ct_xmlw__end(x);
    }
    ct_xmlw__end(x);
}

static void write_sources(ct_xmlw *x, const ct_report_model *m)
{
    ct_xmlw__start(x, "sources");
    for (size_t i = 0; i < m->n_sources; i++) {
        const ct_source *s = m->sources[i];
        ct_xmlw__start(x, "source");
        ct_xmlw__attr(x, "id", s->id);
        ct_xmlw__attr(x, "title", s->title);
        ct_xmlw__attr(x, "author", s->author);
        ct_xmlw__attr(x, "publisher", s->publisher);
        ct_xmlw__attr(x, "published", s->published);
        ct_xmlw__attr(x, "url", s->url);
        ct_xmlw__attr(x, "archive", s->archive);
        ct_xmlw__end(x);
    }
    ct_xmlw__end(x);
}

static void write_topics(ct_xmlw *x, const ct_report_model *m)
{
    ct_xmlw__start(x, "topics");
    for (size_t i = 0; i < m->n_topics; i++) {
        const ct_report_topic *t = &m->topics[i];
        ct_xmlw__start(x, "topic");
        ct_xmlw__attr(x, "id", t->topic->id);
        ct_xmlw__attr(x, "title", t->topic->title);
        ct_xmlw__attr(x, "file", t->topic->file);
        attr_size(x, "claims", t->n_claims);
        attr_size(x, "conflicts", t->n_conflicts);
        ct_xmlw__end(x);
    }
    ct_xmlw__end(x);
}

static void write_revisions(ct_xmlw *x, const ct_report_model *m)
{
    ct_xmlw__start(x, "revisions");
    for (size_t i = 0; i < m->n_revisions; i++) {
        const ct_report_revision *v = &m->revisions[i];
        ct_xmlw__start(x, "revision");
        ct_xmlw__attr(x, "topic", v->topic->id);
        ct_xmlw__attr(x, "subject", v->from->subject);
        ct_xmlw__attr(x, "property", v->property->name);
        ct_xmlw__attr(x, "claimant", v->claimant);
        ct_xmlw__attr(x, "claim", v->from->id);
        ct_xmlw__attr(x, "by", v->to->id);
        ct_xmlw__attr(x, "from", v->from->display);
        ct_xmlw__attr(x, "to", v->to->display);
        ct_xmlw__attr(x, "from-stance", ct_report__stance(v->from));
        ct_xmlw__attr(x, "to-stance", ct_report__stance(v->to));
        if (v->from_date)
            ct_xmlw__attr(x, "from-date", v->from_date);
        if (v->to_date)
            ct_xmlw__attr(x, "to-date", v->to_date);
        ct_xmlw__attr(x, "from-as-of", v->from->as_of);
        ct_xmlw__attr(x, "to-as-of", v->to->as_of);
        ct_xmlw__end(x);
    }
    ct_xmlw__end(x);
}

int ct_report__write_xml(const ct_report_model *m, FILE *out)
{
    ct_xmlw x;
    if (ct_xmlw__open(&x) < 0)
        return CT_ENOMEM;
    ct_xmlw__start(&x, "report");
    ct_xmlw__attr(&x, "xmlns", CT_REPORT_NS);
    ct_xmlw__attr(&x, "version", CT_VERSION);
    write_summary(&x, &m->summary);
    write_sources(&x, m);
    write_topics(&x, m);
    ct_xmlw__start(&x, "conflicts");
    for (size_t i = 0; i < m->n_conflicts; i++)
        write_conflict(&x, &m->conflicts[i]);
    ct_xmlw__end(&x);
    write_revisions(&x, m);
    ct_xmlw__start(&x, "warnings");
    for (size_t i = 0; i < m->n_orphans; i++) {
        ct_xmlw__start(&x, "warning");
        ct_xmlw__attr(&x, "type", "orphan-review");
        ct_xmlw__attr(&x, "id", m->orphans[i]);
        ct_xmlw__text(&x, "review of a conflict that no longer exists");
        ct_xmlw__end(&x);
    }
    ct_xmlw__end(&x);
    ct_xmlw__end(&x);
    return ct_xmlw__finish(&x, out);
}
