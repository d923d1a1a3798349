/*
 * xml_write.c - the corpus as one XML <corpus> document (schema/topic.xsd),
 * every number exactly as written; the reader is xml.c.
 */
#include "value/jnum.h"
#include "corpus/xml.h"
#include "claimtrack/common.h"
#include "value/kind.h"
#include "util/xml_writer.h"

#include <stdio.h>
#include <string.h>

/* ---- writing ------------------------------------------------------------ */

/* A number as written (value/jnum.h). */
static void w_num_attr(ct_xmlw *x, const char *name, const json_t *v)
{
    char buf[64];
    const char *lit = v ? ct_jnum__literal(v, buf, sizeof buf) : NULL;
    if (lit)
        ct_xmlw__attr(x, name, lit);
}

static void w_value(ct_xmlw *x, const json_t *v, const char *type)
{
    char buf[64];
    ct_xmlw__start(x, "value");
    const char *lit;
    if ((lit = ct_jnum__literal(v, buf, sizeof buf))) {
        ct_xmlw__elem(x, "number", lit);
    } else if (json_is_boolean(v)) {
        ct_xmlw__elem(x, "boolean", json_is_true(v) ? "true" : "false");
    } else if (json_is_string(v)) {
        /* the element the type's row names ("date", "term", "text") */
        ct_value_type t;
        const char *kind = type && ct_value_type_from_name(&t, type) == 0
                               ? ct_value__kind_of(t)->xml_string_element
                               : NULL;
        ct_xmlw__elem(x, kind ? kind : "text", json_string_value(v));
    } else if (json_object_get(v, "low") || json_object_get(v, "high")) {
        ct_xmlw__start(x, "estimate");
        w_num_attr(x, "low", json_object_get(v, "low"));
        w_num_attr(x, "best", json_object_get(v, "best"));
        w_num_attr(x, "high", json_object_get(v, "high"));
        ct_xmlw__end(x);
    } else if (json_object_get(v, "about")) {
        const char *about = ct_jnum__literal(json_object_get(v, "about"), buf, sizeof buf);
        ct_xmlw__elem(x, "about", about ? about : "");
    } else if (json_object_get(v, "from") || json_object_get(v, "to")) {
        ct_xmlw__start(x, "dates");
        ct_xmlw__attr(x, "from", json_string_value(json_object_get(v, "from")));
        ct_xmlw__attr(x, "to", json_string_value(json_object_get(v, "to")));
        ct_xmlw__end(x);
    } else {
        ct_xmlw__start(x, "range");
        w_num_attr(x, "min", json_object_get(v, "min"));
        w_num_attr(x, "max", json_object_get(v, "max"));
        ct_xmlw__end(x);
    }
    ct_xmlw__end(x);
}

/* <subject name>: its aliases. */
static void w_subject(ct_xmlw *x, const char *name, const json_t *aliases)
{
    ct_xmlw__start(x, "subject");
    ct_xmlw__attr(x, "name", name);
    size_t i;
    json_t *a;
    json_array_foreach(aliases, i, a) ct_xmlw__elem(x, "alias", json_string_value(a));
    ct_xmlw__end(x);
}

/* <term name broader label>: its description, overlaps and cues. */
static void w_term(ct_xmlw *x, const char *name, const json_t *tv)
{
    ct_xmlw__start(x, "term");
    ct_xmlw__attr(x, "name", name);
    ct_xmlw__attr(x, "broader", json_string_value(json_object_get(tv, "broader")));
    ct_xmlw__attr(x, "label", json_string_value(json_object_get(tv, "label")));
    ct_xmlw__elem(x, "description", json_string_value(json_object_get(tv, "description")));
    size_t oi;
    json_t *ov;
    json_array_foreach(json_object_get(tv, "overlaps"), oi, ov)
        ct_xmlw__elem(x, "overlaps", json_string_value(ov));
    json_array_foreach(json_object_get(tv, "cues"), oi, ov)
        ct_xmlw__elem(x, "cue", json_string_value(ov));
    ct_xmlw__end(x);
}

/* <property name type ...>: its description, cues and terms. */
static void w_property(ct_xmlw *x, const char *name, const json_t *v)
{
    ct_xmlw__start(x, "property");
    ct_xmlw__attr(x, "name", name);
    ct_xmlw__attr(x, "type", json_string_value(json_object_get(v, "type")));
    ct_xmlw__attr(x, "unit", json_string_value(json_object_get(v, "unit")));
    w_num_attr(x, "tolerance", json_object_get(v, "tolerance"));
    static const char *const flags[] = {"multi", "varies", "cumulative"};
    for (size_t k = 0; k < sizeof flags / sizeof flags[0]; k++)
        if (json_object_get(v, flags[k]))
            ct_xmlw__attr(x, flags[k],
                          json_is_true(json_object_get(v, flags[k])) ? "true" : "false");
    ct_xmlw__attr(x, "importance", json_string_value(json_object_get(v, "importance")));
    ct_xmlw__elem(x, "description", json_string_value(json_object_get(v, "description")));
    size_t ci;
    json_t *cv;
    json_array_foreach(json_object_get(v, "cues"), ci, cv)
        ct_xmlw__elem(x, "cue", json_string_value(cv));
    const char *tk;
    json_t *tv;
    json_object_foreach(json_object_get(v, "terms"), tk, tv) w_term(x, tk, tv);
    ct_xmlw__end(x);
}

/* <rule id relation>: its <left> and <right> operands. */
static void w_rule(ct_xmlw *x, const json_t *c)
{
    ct_xmlw__start(x, "rule");
    ct_xmlw__attr(x, "id", json_string_value(json_object_get(c, "id")));
    ct_xmlw__attr(x, "relation", json_string_value(json_object_get(c, "relation")));
    static const char *const sides[] = {"left", "right"};
    for (size_t s = 0; s < 2; s++) {
        ct_xmlw__start(x, sides[s]);
        size_t k;
        json_t *term;
        json_array_foreach(json_object_get(c, sides[s]), k, term)
        {
            ct_xmlw__start(x, "operand");
            ct_xmlw__attr(x, "property",
                          json_is_string(term)
                              ? json_string_value(term)
                              : json_string_value(json_object_get(term, "property")));
            ct_xmlw__attr(x, "subject", json_string_value(json_object_get(term, "subject")));
            ct_xmlw__end(x);
        }
        ct_xmlw__end(x);
    }
    ct_xmlw__end(x);
}

/* <claim id ...>: its value (typed by its property in `props`), quote and
 * note. */
static void w_claim(ct_xmlw *x, const json_t *c, const json_t *props)
{
    ct_xmlw__start(x, "claim");
    static const char *const attrs[][2] = {{"id", "id"},           {"topic", "topic"},
                                           {"subject", "subject"}, {"property", "property"},
                                           {"source", "source"},   {"claimant", "claimant"},
                                           {"hedge", "hedge"},     {"stance", "stance"},
                                           {"as-of", "as_of"},     {"locator", "locator"}};
    for (size_t k = 0; k < sizeof attrs / sizeof attrs[0]; k++)
        ct_xmlw__attr(x, attrs[k][0], json_string_value(json_object_get(c, attrs[k][1])));
    json_t *span = json_object_get(c, "as_of");
    if (json_is_object(span)) {
        ct_xmlw__attr(x, "as-of-from", json_string_value(json_object_get(span, "from")));
        ct_xmlw__attr(x, "as-of-to", json_string_value(json_object_get(span, "to")));
    }
    const char *prop = json_string_value(json_object_get(c, "property"));
    json_t *pdef = prop ? json_object_get(props, prop) : NULL;
    w_value(x, json_object_get(c, "value"), json_string_value(json_object_get(pdef, "type")));
    ct_xmlw__elem(x, "quote", json_string_value(json_object_get(c, "quote")));
    ct_xmlw__elem(x, "note", json_string_value(json_object_get(c, "note")));
    ct_xmlw__end(x);
}

/* <topic id title>: its description, subjects, properties, rules and
 * claims. */
static void w_topic(ct_xmlw *x, const json_t *t)
{
    ct_xmlw__start(x, "topic");
    ct_xmlw__attr(x, "id", json_string_value(json_object_get(t, "topic")));
    ct_xmlw__attr(x, "title", json_string_value(json_object_get(t, "title")));
    json_t *subjects = json_object_get(t, "subjects");
    if (subjects && json_object_size(subjects) == 0)
        ct_xmlw__attr(x, "subjects-declared", "true");
    ct_xmlw__elem(x, "description", json_string_value(json_object_get(t, "description")));
    const char *key;
    json_t *v;
    json_object_foreach(subjects, key, v) w_subject(x, key, v);
    json_t *props = json_object_get(t, "properties");
    json_object_foreach(props, key, v) w_property(x, key, v);
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(t, "rules"), i, c) w_rule(x, c);
    json_array_foreach(json_object_get(t, "claims"), i, c) w_claim(x, c, props);
    ct_xmlw__end(x);
}

int ct_xml__write_corpus(const json_t *bundle, FILE *out)
{
    ct_xmlw x;
    if (ct_xmlw__open(&x) < 0)
        return CT_ENOMEM;
    ct_xmlw__start(&x, "corpus");
    ct_xmlw__attr(&x, "xmlns", CLAIMS_NS);
    ct_xmlw__start(&x, "sources");
    const char *id;
    json_t *s;
    json_object_foreach(json_object_get(bundle, "sources"), id, s)
    {
        ct_xmlw__start(&x, "source");
        ct_xmlw__attr(&x, "id", id);
        static const char *const keys[] = {"title",     "author", "publisher",
                                           "published", "url",    "archive"};
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
            ct_xmlw__attr(&x, keys[i], json_string_value(json_object_get(s, keys[i])));
        ct_xmlw__elem(&x, "note", json_string_value(json_object_get(s, "note")));
        ct_xmlw__end(&x);
    }
    json_object_foreach(json_object_get(bundle, "claimants"), id, s)
    {
        ct_xmlw__start(&x, "claimant");
        ct_xmlw__attr(&x, "name", id);
        ct_xmlw__attr(&x, "source", json_string_value(json_object_get(s, "source")));
        size_t k;
        json_t *a;
        json_array_foreach(json_object_get(s, "aliases"), k, a)
            ct_xmlw__elem(&x, "alias", json_string_value(a));
        ct_xmlw__end(&x);
    }
    ct_xmlw__end(&x);
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(bundle, "topics"), i, t) w_topic(&x, t);
    ct_xmlw__end(&x);
    return ct_xmlw__finish(&x, out);
}
