/*
 * export.c - the whole corpus as one document, in JSON or XML.
 *
 * The export holds everything the loader keeps: sources, topics with their
 * subjects, properties and vocabularies, and every claim (JSONL claims
 * included) inside its topic.  Loading the export alone gives the same
 * corpus, and exporting that again gives the same document.
 */
#include "value/jnum.h"
#include "claimtrack/common.h"
#include "claimtrack/corpus.h"
#include "corpus/xml.h"

#include <math.h>
#include <string.h>

static int set_cues(json_t *o, const char *const *cues, size_t n)
{
    if (!n)
        return 0;
    json_t *a = json_array();
    int rc = json_object_set_new(o, "cues", a) || !a;
    for (size_t i = 0; !rc && i < n; i++)
        rc |= json_array_append_new(a, json_string(cues[i]));
    return rc;
}

static int set_opt(json_t *o, const char *key, const char *value)
{
    return value ? json_object_set_new(o, key, json_string(value)) : 0;
}

static json_t *property_json(const ct_property *p)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    int rc = set_opt(o, "type", ct_value_type_name(p->type)) |
             set_opt(o, "description", p->description) | set_opt(o, "unit", p->unit) |
             set_cues(o, p->cues, p->n_cues);
    if (p->tolerance_set) {
        char buf[64];
        size_t n = ct_decimal_format(&p->tolerance, buf, sizeof buf);
        rc |= json_object_set_new(o, "tolerance", n < sizeof buf ? ct_jnum__new(buf, n) : NULL);
    }
    if (p->multi)
        rc |= json_object_set_new(o, "multi", json_true());
    if (p->cumulative)
        rc |= json_object_set_new(o, "cumulative", json_true());
    else if (p->varies)
        rc |= json_object_set_new(o, "varies", json_true());
    if (p->importance)
        rc |= set_opt(o, "importance", p->importance > 0 ? "high" : "low");
    if (p->n_terms) {
        json_t *terms = json_object();
        rc |= json_object_set_new(o, "terms", terms);
        for (size_t i = 0; terms && i < p->n_terms; i++) {
            json_t *t = json_object();
            rc |= json_object_set_new(terms, p->terms[i].name, t);
            if (t && p->terms[i].broader >= 0)
                rc |= set_opt(t, "broader", p->terms[p->terms[i].broader].name);
            if (t && p->terms[i].n_overlaps) {
                json_t *ov = json_array();
                rc |= json_object_set_new(t, "overlaps", ov);
                for (size_t k = 0; ov && k < p->terms[i].n_overlaps; k++)
                    rc |= json_array_append_new(
                        ov, json_string(p->terms[p->terms[i].overlaps[k]].name));
            }
            if (t)
                rc |= set_opt(t, "label", p->terms[i].label) |
                      set_opt(t, "description", p->terms[i].description) |
                      set_cues(t, p->terms[i].cues, p->terms[i].n_cues);
        }
    }
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *rule_side_json(const ct_topic *t, const ct_rule_term *terms, size_t n)
{
    json_t *a = json_array();
    int rc = !a;
    for (size_t i = 0; !rc && i < n; i++) {
        const char *prop = t->properties[terms[i].property].name;
        if (!terms[i].subject) {
            rc |= json_array_append_new(a, json_string(prop));
        } else {
            json_t *o = json_object();
            rc |= json_array_append_new(a, o) || !o;
            rc |= set_opt(o, "subject", terms[i].subject) | set_opt(o, "property", prop);
        }
    }
    if (rc) {
        json_decref(a);
        return NULL;
    }
    return a;
}

static json_t *rules_json(const ct_topic *t)
{
    json_t *a = json_array();
    int rc = !a;
    for (size_t i = 0; !rc && i < t->n_rules; i++) {
        const ct_rule *r = &t->rules[i];
        json_t *o = json_object();
        rc |= json_array_append_new(a, o) || !o;
        rc |= set_opt(o, "id", r->id) |
              json_object_set_new(o, "left", rule_side_json(t, r->left, r->n_left)) |
              set_opt(o, "relation", ct_relation_name(r->relation)) |
              json_object_set_new(o, "right", rule_side_json(t, r->right, r->n_right));
    }
    if (rc) {
        json_decref(a);
        return NULL;
    }
    return a;
}

static json_t *claimants_json(const ct_corpus *corpus)
{
    size_t n;
    const ct_claimant *k = ct_corpus_claimants(corpus, &n);
    json_t *o = json_object();
    int rc = !o;
    for (size_t i = 0; !rc && i < n; i++) {
        json_t *d = json_object();
        rc |= json_object_set_new(o, k[i].name, d) || !d;
        if (!rc && k[i].n_aliases) {
            json_t *a = json_array();
            rc |= json_object_set_new(d, "aliases", a) || !a;
            for (size_t j = 0; !rc && j < k[i].n_aliases; j++)
                rc |= json_array_append_new(a, json_string(k[i].aliases[j]));
        }
        if (!rc)
            rc |= set_opt(d, "source", k[i].source);
    }
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *claim_json(const ct_corpus *corpus, const ct_claim *c)
{
    size_t nt;
    const ct_topic *t = &ct_corpus_topics(corpus, &nt)[c->topic];
    json_t *o = json_object();
    json_t *value =
        ct_jnum__loadb(c->value_json, strlen(c->value_json), JSON_DECODE_ANY | JSON_ALLOW_NUL);
    json_t *as_of = c->as_of_json ? json_loads(c->as_of_json, JSON_DECODE_ANY, NULL) : NULL;
    if (!o || !value || (c->as_of_json && !as_of)) {
        json_decref(o);
        json_decref(value);
        json_decref(as_of);
        return NULL;
    }
    int rc = set_opt(o, "id", c->id) | set_opt(o, "subject", c->subject) |
             set_opt(o, "property", t->properties[c->property].name) |
             json_object_set_new(o, "value", value) | set_opt(o, "source", c->source) |
             set_opt(o, "quote", c->quote) | set_opt(o, "claimant", c->claimant) |
             set_opt(o, "hedge", c->hedge) |
             set_opt(o, "stance",
                     c->denies      ? "denies"
                     : c->questions ? "questions"
                                    : NULL) |
             (as_of ? json_object_set_new(o, "as_of", as_of) : 0) |
             set_opt(o, "locator", c->locator) | set_opt(o, "note", c->note);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *ct_corpus_export(const ct_corpus *corpus)
{
    size_t n_sources, n_topics, n_claims;
    const ct_source *sources = ct_corpus_sources(corpus, &n_sources);
    const ct_topic *topics = ct_corpus_topics(corpus, &n_topics);
    const ct_claim *claims = ct_corpus_claims(corpus, &n_claims);
    json_t *doc = json_object(), *src = json_object(), *tops = json_array();
    int rc = !doc || !src || !tops;
    rc |= json_object_set_new(doc, "sources", src) | json_object_set_new(doc, "topics", tops);
    for (size_t i = 0; !rc && i < n_sources; i++) {
        const ct_source *s = &sources[i];
        json_t *o = json_object();
        rc |= json_object_set_new(src, s->id, o);
        if (o)
            rc |= set_opt(o, "title", s->title) | set_opt(o, "author", s->author) |
                  set_opt(o, "publisher", s->publisher) | set_opt(o, "published", s->published) |
                  set_opt(o, "url", s->url) | set_opt(o, "archive", s->archive) |
                  set_opt(o, "note", s->note);
    }
    size_t n_claimants;
    ct_corpus_claimants(corpus, &n_claimants);
    if (!rc && n_claimants)
        rc |= json_object_set_new(doc, "claimants", claimants_json(corpus));
    /* claims by topic, in load order */
    json_t **claim_lists = n_topics ? ct_calloc(n_topics, sizeof *claim_lists) : NULL;
    if (n_topics && !claim_lists)
        rc = 1;
    for (size_t i = 0; !rc && i < n_topics; i++) {
        const ct_topic *t = &topics[i];
        json_t *o = json_object(), *props = json_object();
        claim_lists[i] = json_array();
        rc |= json_array_append_new(tops, o) | !claim_lists[i];
        if (rc || !props) {
            json_decref(props);
            rc = 1;
            break;
        }
        rc |= set_opt(o, "topic", t->id) | set_opt(o, "title", t->title) |
              set_opt(o, "description", t->description);
        if (t->has_subjects) {
            json_t *subjects = json_object();
            rc |= json_object_set_new(o, "subjects", subjects);
            for (size_t k = 0; subjects && k < t->n_aliases; k++) {
                const ct_subject_alias *a = &t->aliases[k];
                if (a->alias == a->canonical || strcmp(a->alias, a->canonical) == 0) {
                    rc |= json_object_set_new(subjects, a->canonical, json_array());
                } else {
                    json_t *list = json_object_get(subjects, a->canonical);
                    rc |= json_array_append_new(list, json_string(a->alias));
                }
            }
        }
        rc |= json_object_set_new(o, "properties", props);
        for (size_t k = 0; !rc && k < t->n_properties; k++)
            rc |=
                json_object_set_new(props, t->properties[k].name, property_json(&t->properties[k]));
        if (!rc && t->n_rules)
            rc |= json_object_set_new(o, "rules", rules_json(t));
        rc |= json_object_set(o, "claims", claim_lists[i]);
    }
    for (size_t i = 0; !rc && i < n_claims; i++)
        rc |= json_array_append_new(claim_lists[claims[i].topic], claim_json(corpus, &claims[i]));
    for (size_t i = 0; claim_lists && i < n_topics; i++)
        json_decref(claim_lists[i]);
    ct_free(claim_lists);
    if (rc) {
        json_decref(doc);
        return NULL;
    }
    return doc;
}

int ct_corpus_export_xml(const ct_corpus *corpus, FILE *out)
{
    json_t *doc = ct_corpus_export(corpus);
    if (!doc)
        return CT_ENOMEM;
    int rc = ct_xml__write_corpus(doc, out);
    json_decref(doc);
    return rc;
}

char *ct_corpus_export_text(const json_t *doc)
{
    return ct_jnum__dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
}
