/*
 * xml.c - the XML report (described by schema/report.xsd), written with
 * libxml2's xmlTextWriter from the same model as the JSON report.
 */
#include "report_int.h"
#include "xml_writer.h"
#include "claimtrack/common.h"

#include <string.h>

#define CT_REPORT_NS "https://claimtrack.dev/schema/report"

/* An attribute from a model member, when present: strings as they are,
 * integers and booleans in XML Schema's lexical forms. */
static void attr(ct_xmlw *x, const char *name, const json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    if (!v || x->rc)
        return;
    char buf[64];
    const char *text = buf;
    if (json_is_string(v))
        text = json_string_value(v);
    else if (json_is_integer(v))
        snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
    else if (json_is_boolean(v))
        text = json_is_true(v) ? "true" : "false";
    else
        return;
    ct_xmlw__attr(x, name, text);
}

static void counts(ct_xmlw *x, const char *name, const json_t *obj)
{
    const char *k;
    json_t *v;
    ct_xmlw__start(x, name);
    json_object_foreach((json_t *)obj, k, v) attr(x, k, obj, k);
    ct_xmlw__end(x);
}

static void write_claim(ct_xmlw *x, const json_t *c)
{
    ct_xmlw__start(x, "claim");
    attr(x, "id", c, "id");
    attr(x, "source", c, "source");
    attr(x, "claimant", c, "claimant");
    attr(x, "hedge", c, "hedge");
    attr(x, "stance", c, "stance");
    attr(x, "as-of", c, "as_of");
    attr(x, "locator", c, "locator");
    attr(x, "file", c, "file");
    attr(x, "line", c, "line");
    ct_xmlw__elem(x, "quote", ct_report__str(c, "quote"));
    ct_xmlw__end(x);
}

static void write_conflict(ct_xmlw *x, const json_t *c)
{
    ct_xmlw__start(x, "conflict");
    attr(x, "id", c, "id");
    attr(x, "digest", c, "digest");
    attr(x, "topic", c, "topic");
    attr(x, "subject", c, "subject");
    attr(x, "property", c, "property");
    attr(x, "property-type", c, "property_type");
    attr(x, "unit", c, "unit");
    attr(x, "type", c, "type");
    attr(x, "severity", c, "severity");
    attr(x, "claims", c, "claims");
    attr(x, "clashes-truncated", c, "clashes_truncated");
    json_t *rv = json_object_get(c, "review");
    ct_xmlw__start(x, "review");
    attr(x, "state", rv, "state");
    attr(x, "blocking", rv, "blocking");
    attr(x, "status", rv, "status");
    attr(x, "reviewer", rv, "reviewer");
    attr(x, "date", rv, "date");
    attr(x, "reviewed-digest", rv, "reviewed_digest");
    ct_xmlw__elem(x, "note", ct_report__str(rv, "note"));
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(rv, "prefer"), i, v) ct_xmlw__elem(x, "prefer", json_string_value(v));
    ct_xmlw__end(x);
    json_array_foreach(json_object_get(c, "positions"), i, v)
    {
        ct_xmlw__start(x, "position");
        attr(x, "stance", v, "stance");
        attr(x, "display", v, "display");
        char *value = json_dumps(json_object_get(v, "value"), JSON_COMPACT | JSON_ENCODE_ANY | JSON_SORT_KEYS);
        if (!value)
            x->rc = -1;
        ct_xmlw__elem(x, "value", value);
        free(value);
        size_t j;
        json_t *claim;
        json_array_foreach(json_object_get(v, "claims"), j, claim) write_claim(x, claim);
        ct_xmlw__end(x);
    }
    json_array_foreach(json_object_get(c, "clashes"), i, v)
    {
        char a[32], b[32];
        snprintf(a, sizeof a, "%lld", (long long)json_integer_value(json_array_get(v, 0)));
        snprintf(b, sizeof b, "%lld", (long long)json_integer_value(json_array_get(v, 1)));
        ct_xmlw__start(x, "clash");
        ct_xmlw__attr(x, "a", a);
        ct_xmlw__attr(x, "b", b);
        ct_xmlw__end(x);
    }
    ct_xmlw__end(x);
}

int ct_report__write_xml(const ct_report *r, const json_t *m, FILE *out)
{
    (void)r;
    ct_xmlw x;
    if (ct_xmlw__open(&x) < 0)
        return CT_ENOMEM;
    ct_xmlw__start(&x, "report");
    ct_xmlw__attr(&x, "xmlns", CT_REPORT_NS);
    attr(&x, "version", m, "claimtrack");
    const json_t *summary = json_object_get(m, "summary");
    ct_xmlw__start(&x, "summary");
    static const char *const keys[] = {"claims", "sources", "topics", "groups", "conflicts",
                                       "revisions", "blocking"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        attr(&x, keys[i], summary, keys[i]);
    counts(&x, "severity", json_object_get(summary, "severity"));
    counts(&x, "review", json_object_get(summary, "review"));
    ct_xmlw__end(&x);
    size_t i;
    json_t *v;
    ct_xmlw__start(&x, "sources");
    json_array_foreach(json_object_get(m, "sources"), i, v)
    {
        ct_xmlw__start(&x, "source");
        static const char *const sk[] = {"id", "title", "author", "publisher", "published", "url", "archive"};
        for (size_t k = 0; k < sizeof sk / sizeof sk[0]; k++)
            attr(&x, sk[k], v, sk[k]);
        ct_xmlw__end(&x);
    }
    ct_xmlw__end(&x);
    ct_xmlw__start(&x, "topics");
    json_array_foreach(json_object_get(m, "topics"), i, v)
    {
        ct_xmlw__start(&x, "topic");
        static const char *const tk[] = {"id", "title", "file", "claims", "conflicts"};
        for (size_t k = 0; k < sizeof tk / sizeof tk[0]; k++)
            attr(&x, tk[k], v, tk[k]);
        ct_xmlw__end(&x);
    }
    ct_xmlw__end(&x);
    ct_xmlw__start(&x, "conflicts");
    json_array_foreach(json_object_get(m, "conflicts"), i, v) write_conflict(&x, v);
    ct_xmlw__end(&x);
    ct_xmlw__start(&x, "revisions");
    json_array_foreach(json_object_get(m, "revisions"), i, v)
    {
        ct_xmlw__start(&x, "revision");
        static const char *const rk[][2] = {{"topic", "topic"}, {"subject", "subject"}, {"property", "property"},
                                            {"claimant", "claimant"}, {"claim", "claim"}, {"by", "by"},
                                            {"from", "from"}, {"to", "to"},
                                            {"from-stance", "from_stance"}, {"to-stance", "to_stance"},
                                            {"from-as-of", "from_as_of"},
                                            {"to-as-of", "to_as_of"}};
        for (size_t k = 0; k < sizeof rk / sizeof rk[0]; k++)
            attr(&x, rk[k][0], v, rk[k][1]);
        ct_xmlw__end(&x);
    }
    ct_xmlw__end(&x);
    ct_xmlw__start(&x, "warnings");
    json_array_foreach(json_object_get(m, "warnings"), i, v)
    {
        ct_xmlw__start(&x, "warning");
        attr(&x, "type", v, "type");
        attr(&x, "id", v, "id");
        ct_xmlw__text(&x, ct_report__str(v, "message"));
        ct_xmlw__end(&x);
    }
    ct_xmlw__end(&x);
    ct_xmlw__end(&x);
    return ct_xmlw__finish(&x, out);
}
