/*
 * export.c - the whole corpus as one document, in JSON or XML.
 *
 * The export holds everything the loader keeps: sources, topics with their
 * subjects, properties and vocabularies, and every claim (JSONL claims
 * included) inside its topic.  Loading the export alone gives the same
 * corpus, and exporting that again gives the same document.
 */
#include "claimtrack/common.h"
#include "claimtrack/corpus.h"
#include "corpus/xml.h"

#include <math.h>
#include <string.h>

static int set_opt(json_t *o, const char *key, const char *value)
{
    return value ? json_object_set_new(o, key, json_string(value)) : 0;
}

static json_t *property_json(const ct_property *p)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    int rc = set_opt(o, "type", ct_value_type_name(p->type)) | set_opt(o, "description", p->description) |
             set_opt(o, "unit", p->unit);
    if (p->tolerance_set)
        rc |= json_object_set_new(o, "tolerance", json_real(p->tolerance));
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
            if (t)
                rc |= set_opt(t, "label", p->terms[i].label) | set_opt(t, "description", p->terms[i].description);
        }
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
    json_t *value = json_loads(c->value_json, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
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
             set_opt(o, "stance", c->denies ? "denies" : c->questions ? "questions" : NULL) |
             (as_of ? json_object_set_new(o, "as_of", as_of) : 0) | set_opt(o, "locator", c->locator) |
             set_opt(o, "note", c->note);
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
                  set_opt(o, "url", s->url) | set_opt(o, "archive", s->archive) | set_opt(o, "note", s->note);
    }
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
            rc |= json_object_set_new(props, t->properties[k].name, property_json(&t->properties[k]));
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
