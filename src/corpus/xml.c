/*
 * xml_claims.c - reading and writing claim files in XML.
 *
 * Reading is safe by construction: XML_PARSE_NONET, never NOENT, DTDLOAD,
 * XINCLUDE or HUGE; a DOCTYPE of any kind stops the parser (through the SAX
 * internalSubset callback) before an entity can be declared; XInclude
 * elements are refused; libxml2 bounds depth and rejects bad UTF-8 and NUL
 * bytes.  The document is then validated against the embedded XSD and turned
 * into the same JSON shape the JSON loader reads, so both paths share every
 * model check.
 */
#include "value/jnum.h"
#include "corpus/xml.h"
#include "claimtrack/common.h"
#include "embedded.h"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include "util/xml_writer.h"
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define XINCLUDE_NS "http://www.w3.org/2001/XInclude"
#define XINCLUDE_NS_OLD "http://www.w3.org/2003/XInclude"

typedef struct {
    int doctype_seen;
    const char *path;
    ct_diag_list *diags;
    int oom;
} read_state;

/* SAX: any DOCTYPE declaration ends the parse. */
static void refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
    (void)name;
    (void)ext;
    (void)sys;
    xmlParserCtxtPtr ctxt = ctx;
    read_state *st = ctxt->_private;
    st->doctype_seen = 1;
    xmlStopParser(ctxt);
}

static void schema_error(void *payload, xmlErrorPtr err)
{
    read_state *st = payload;
    char msg[512];
    snprintf(msg, sizeof msg, "%s", err && err->message ? err->message : "invalid");
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
    /* libxml2 names elements as {namespace}name; the namespace is noise here */
    char *ns;
    while ((ns = strstr(msg, "{" CLAIMS_NS "}")))
        memmove(ns, ns + strlen("{" CLAIMS_NS "}"), strlen(ns + strlen("{" CLAIMS_NS "}")) + 1);
    if (ct_diag_add(st->diags, CT_DIAG_ERROR, st->path, err && err->line > 0 ? err->line : 1, 0,
                    NULL, "%s", msg) < 0)
        st->oom = 1;
}

static int is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static int has_xinclude(const xmlNode *n, int depth)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (n->ns && n->ns->href &&
            (strcmp((const char *)n->ns->href, XINCLUDE_NS) == 0 ||
             strcmp((const char *)n->ns->href, XINCLUDE_NS_OLD) == 0))
            return n->line > 0 ? (int)n->line : 1;
        if (depth < 300) {
            int line = has_xinclude(n->children, depth + 1);
            if (line)
                return line;
        }
    }
    return 0;
}

/* Attribute or element text as a new JSON string; NULL when absent. */
static json_t *attr_str(const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    if (!v)
        return NULL;
    json_t *s = json_string((const char *)v);
    xmlFree(v);
    return s;
}

static json_t *text_str(const xmlNode *n)
{
    xmlChar *v = xmlNodeGetContent(n);
    json_t *s = json_string(v ? (const char *)v : "");
    xmlFree(v);
    return s;
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n->children; c; c = c->next)
        if (is(c, name))
            return c;
    return NULL;
}

/* Numbers keep JSON's distinction and their exact text: an integer in
 * int64 range stays an integer, any other number becomes an exact number
 * (value/jnum.h) of its literal, in JSON's spelling ("+1.50" is "1.50",
 * ".5" is "0.5"). */
static json_t *number_from(const char *s)
{
    if (!s)
        return NULL;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t n = strlen(s);
    while (n && strchr(" \t\n\r", s[n - 1]))
        n--;
    char lit[96], *heap = NULL, *w = n + 4 <= sizeof lit ? lit : (heap = ct_malloc(n + 4));
    if (!w)
        return NULL;
    size_t k = 0, i = 0;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        if (s[i++] == '-')
            w[k++] = '-';
    if (i < n && s[i] == '.')
        w[k++] = '0';
    for (; i < n; i++) {
        if (s[i] == '.' && (i + 1 == n || s[i + 1] < '0' || s[i + 1] > '9'))
            continue; /* "5." */
        w[k++] = s[i];
    }
    w[k] = '\0';
    json_t *j = NULL;
    ct_decimal d;
    char *end;
    errno = 0;
    long long v = strtoll(w, &end, 10);
    if (k && *end == '\0' && errno == 0 && w[0] != '+') {
        j = json_integer(v);
    } else if (ct_decimal_parse(&d, w, k, NULL) == 0) {
        /* within JSON's range, as a JSON file's numbers are: no number
         * beyond a double's range, none that underflows to zero */
        double dv = strtod(w, NULL);
        int nonzero = strpbrk(w, "123456789") &&
                      (!strpbrk(w, "eE") || strpbrk(w, "123456789") < strpbrk(w, "eE"));
        if (isfinite(dv) && (dv != 0 || !nonzero))
            j = ct_jnum__new(w, k);
        else
            j = json_string(s);
    } else {
        /* NaN, INF or no number at all: kept as the text written, so
         * validation names it ("expected a number") instead of finding no
         * value */
        j = json_string(s);
    }
    ct_free(heap);
    return j;
}

static json_t *number_attr(const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    if (!v)
        return NULL;
    json_t *j = number_from((const char *)v);
    xmlFree(v);
    return j;
}

static json_t *number_text(const xmlNode *n)
{
    xmlChar *v = xmlNodeGetContent(n);
    json_t *j = number_from((const char *)v);
    xmlFree(v);
    return j;
}

/* set key to v (stolen) when v is not NULL; *oom on failure */
static void put(json_t *obj, const char *key, json_t *v, int *oom)
{
    if (v && json_object_set_new(obj, key, v))
        *oom = 1;
}

static json_t *value_json(const xmlNode *value)
{
    for (const xmlNode *c = value->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        int oom = 0;
        if (is(c, "number") || is(c, "about")) {
            json_t *n = number_text(c);
            if (is(c, "number"))
                return n;
            json_t *o = json_object();
            put(o, "about", n, &oom);
            return o;
        }
        if (is(c, "range") || is(c, "dates") || is(c, "estimate")) {
            json_t *o = json_object();
            if (is(c, "estimate")) {
                put(o, "low", number_attr(c, "low"), &oom);
                put(o, "best", number_attr(c, "best"), &oom);
                put(o, "high", number_attr(c, "high"), &oom);
            } else if (is(c, "range")) {
                put(o, "min", number_attr(c, "min"), &oom);
                put(o, "max", number_attr(c, "max"), &oom);
            } else {
                put(o, "from", attr_str(c, "from"), &oom);
                put(o, "to", attr_str(c, "to"), &oom);
            }
            return o;
        }
        if (is(c, "boolean")) {
            xmlChar *v = xmlNodeGetContent(c);
            int t =
                v && (strcmp((const char *)v, "true") == 0 || strcmp((const char *)v, "1") == 0);
            xmlFree(v);
            return json_boolean(t);
        }
        return text_str(c); /* date, term, text */
    }
    return json_null();
}

static json_t *claim_json(const xmlNode *n, json_t *lines, int *oom)
{
    json_t *o = json_object();
    if (!o) {
        *oom = 1;
        return NULL;
    }
    static const char *const attrs[][2] = {{"id", "id"},           {"topic", "topic"},
                                           {"subject", "subject"}, {"property", "property"},
                                           {"source", "source"},   {"claimant", "claimant"},
                                           {"hedge", "hedge"},     {"stance", "stance"},
                                           {"as-of", "as_of"},     {"locator", "locator"}};
    for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
        put(o, attrs[i][1], attr_str(n, attrs[i][0]), oom);
    json_t *from = attr_str(n, "as-of-from"), *to = attr_str(n, "as-of-to");
    if (from || to) {
        /* a time span: as_of {"from", "to"} (the XSD forbids as-of with it) */
        json_t *span = json_object();
        put(span, "from", from, oom);
        put(span, "to", to, oom);
        json_t *date = json_object_get(o, "as_of");
        if (date) /* as-of and a span: an array, which the JSON Schema refuses */
            span = json_pack("[Oo]", date, span);
        put(o, "as_of", span, oom);
    }
    const xmlNode *v = child(n, "value");
    put(o, "value", v ? value_json(v) : NULL, oom);
    const xmlNode *q = child(n, "quote");
    put(o, "quote", q ? text_str(q) : NULL, oom);
    const xmlNode *note = child(n, "note");
    put(o, "note", note ? text_str(note) : NULL, oom);
    const char *id = json_string_value(json_object_get(o, "id"));
    if (id && lines)
        put(lines, id, json_integer(n->line > 0 ? (json_int_t)n->line : 0), oom);
    return o;
}

/* <left> or <right>: operands as property names or {"subject", "property"}. */
static json_t *rule_side_json(const xmlNode *n, int *oom)
{
    json_t *side = json_array();
    if (!side) {
        *oom = 1;
        return NULL;
    }
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next) {
        if (!is(c, "operand"))
            continue;
        json_t *prop = attr_str(c, "property"), *subject = attr_str(c, "subject");
        json_t *term = prop;
        if (subject) {
            term = json_object();
            put(term, "subject", subject, oom);
            put(term, "property", prop, oom);
        }
        if (json_array_append_new(side, term))
            *oom = 1;
    }
    return side;
}

static json_t *rule_json(const xmlNode *n, int *oom)
{
    json_t *r = json_object();
    put(r, "id", attr_str(n, "id"), oom);
    put(r, "left", rule_side_json(child(n, "left"), oom), oom);
    put(r, "relation", attr_str(n, "relation"), oom);
    put(r, "right", rule_side_json(child(n, "right"), oom), oom);
    return r;
}

/* The text of every child `name` of n, as an array; NULL when none. */
static json_t *child_texts(const xmlNode *n, const char *name, int *oom)
{
    json_t *a = NULL;
    for (const xmlNode *o = n->children; o; o = o->next)
        if (is(o, name) && ((!a && !(a = json_array())) || json_array_append_new(a, text_str(o))))
            *oom = 1;
    return a;
}

/* Put element n's attribute `name` into obj as a named object member:
 * `v` under the attribute's value, or drop `v` when there is none. */
static void put_named(json_t *obj, const xmlNode *n, json_t *v, int *oom)
{
    xmlChar *name = xmlGetProp(n, BAD_CAST "name");
    if (name)
        put(obj, (const char *)name, v, oom);
    else
        json_decref(v);
    xmlFree(name);
}

/* <subject name>: its aliases, into `subjects`. */
static void subject_json(const xmlNode *c, json_t *subjects, int *oom)
{
    json_t *aliases = json_array();
    for (const xmlNode *a = c->children; aliases && a; a = a->next)
        if (is(a, "alias") && json_array_append_new(aliases, text_str(a)))
            *oom = 1;
    put_named(subjects, c, aliases, oom);
}

/* <term name broader label>: its description, overlaps and cues. */
static json_t *term_json(const xmlNode *d, int *oom)
{
    json_t *term = json_object();
    put(term, "broader", attr_str(d, "broader"), oom);
    put(term, "label", attr_str(d, "label"), oom);
    const xmlNode *desc = child(d, "description");
    put(term, "description", desc ? text_str(desc) : NULL, oom);
    put(term, "overlaps", child_texts(d, "overlaps", oom), oom);
    put(term, "cues", child_texts(d, "cue", oom), oom);
    return term;
}

/* <property name type ...>: its attributes, description, cues and terms. */
static json_t *property_json(const xmlNode *c, int *oom)
{
    json_t *p = json_object();
    put(p, "type", attr_str(c, "type"), oom);
    put(p, "unit", attr_str(c, "unit"), oom);
    put(p, "tolerance", number_attr(c, "tolerance"), oom);
    static const char *const flags[] = {"multi", "varies", "cumulative"};
    for (size_t k = 0; k < sizeof flags / sizeof flags[0]; k++) {
        xmlChar *f = xmlGetProp(c, BAD_CAST flags[k]);
        if (f)
            put(p, flags[k],
                json_boolean(strcmp((const char *)f, "true") == 0 ||
                             strcmp((const char *)f, "1") == 0),
                oom);
        xmlFree(f);
    }
    put(p, "importance", attr_str(c, "importance"), oom);
    json_t *terms = NULL, *pcues = child_texts(c, "cue", oom);
    for (const xmlNode *d = c->children; d; d = d->next) {
        if (is(d, "description")) {
            put(p, "description", text_str(d), oom);
        } else if (is(d, "term")) {
            if (!terms && !(terms = json_object()))
                *oom = 1;
            else
                put_named(terms, d, term_json(d, oom), oom);
        }
    }
    put(p, "cues", pcues, oom);
    put(p, "terms", terms, oom);
    return p;
}

/* <topic id title subjects-declared>: its description, subjects,
 * properties, rules and claims, in the shape of a JSON topic file. */
static json_t *topic_json(const xmlNode *n, json_t *lines, int *oom)
{
    json_t *t = json_object(), *props = json_object(), *claims = json_array();
    json_t *subjects = NULL, *rules = NULL;
    if (!t || !props || !claims) {
        json_decref(t);
        json_decref(props);
        json_decref(claims);
        *oom = 1;
        return NULL;
    }
    put(t, "topic", attr_str(n, "id"), oom);
    put(t, "title", attr_str(n, "title"), oom);
    xmlChar *declared = xmlGetProp(n, BAD_CAST "subjects-declared");
    if (declared &&
        (strcmp((const char *)declared, "true") == 0 || strcmp((const char *)declared, "1") == 0))
        subjects = json_object();
    xmlFree(declared);
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (is(c, "description")) {
            put(t, "description", text_str(c), oom);
        } else if (is(c, "subject")) {
            if (!subjects && !(subjects = json_object()))
                *oom = 1;
            else
                subject_json(c, subjects, oom);
        } else if (is(c, "property")) {
            put_named(props, c, property_json(c, oom), oom);
        } else if (is(c, "rule")) {
            if (!rules && !(rules = json_array()))
                *oom = 1;
            else if (json_array_append_new(rules, rule_json(c, oom)))
                *oom = 1;
        } else if (is(c, "claim")) {
            if (json_array_append_new(claims, claim_json(c, lines, oom)))
                *oom = 1;
        }
    }
    put(t, "rules", rules, oom);
    put(t, "subjects", subjects, oom);
    put(t, "properties", props, oom);
    put(t, "claims", claims, oom);
    return t;
}

static json_t *sources_json(const xmlNode *n, int *oom)
{
    json_t *all = json_object();
    if (!all) {
        *oom = 1;
        return NULL;
    }
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (!is(c, "source"))
            continue;
        json_t *s = json_object();
        static const char *const keys[] = {"title",     "author", "publisher",
                                           "published", "url",    "archive"};
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
            put(s, keys[i], attr_str(c, keys[i]), oom);
        const xmlNode *note = child(c, "note");
        put(s, "note", note ? text_str(note) : NULL, oom);
        xmlChar *id = xmlGetProp(c, BAD_CAST "id");
        if (id)
            put(all, (const char *)id, s, oom);
        else
            json_decref(s);
        xmlFree(id);
    }
    return all;
}

/* <claimant> elements of <sources>, or NULL when there are none. */
static json_t *claimants_json(const xmlNode *n, int *oom)
{
    json_t *all = NULL;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (!is(c, "claimant"))
            continue;
        if (!all && !(all = json_object())) {
            *oom = 1;
            return NULL;
        }
        json_t *k = json_object(), *aliases = NULL;
        put(k, "source", attr_str(c, "source"), oom);
        for (const xmlNode *a = c->children; a; a = a->next)
            if (is(a, "alias") && ((!aliases && !(aliases = json_array())) ||
                                   json_array_append_new(aliases, text_str(a))))
                *oom = 1;
        put(k, "aliases", aliases, oom);
        xmlChar *name = xmlGetProp(c, BAD_CAST "name");
        if (name)
            put(all, (const char *)name, k, oom);
        else
            json_decref(k);
        xmlFree(name);
    }
    return all;
}

static int validate_xsd(xmlDocPtr doc, read_state *st, void **xsd)
{
    xmlSchemaPtr schema = *xsd;
    if (!schema) {
        xmlSchemaParserCtxtPtr pctx =
            xmlSchemaNewMemParserCtxt(ct_embedded__topic_xsd, (int)ct_embedded__topic_xsd_len);
        schema = pctx ? xmlSchemaParse(pctx) : NULL;
        xmlSchemaFreeParserCtxt(pctx);
        if (!schema)
            return CT_ENOMEM; /* the embedded schema is tested; only memory fails here */
        *xsd = schema;
    }
    xmlSchemaValidCtxtPtr vctx = xmlSchemaNewValidCtxt(schema);
    int rc = CT_ENOMEM;
    if (vctx) {
        xmlSchemaSetValidStructuredErrors(vctx, schema_error, st);
        int v = xmlSchemaValidateDoc(vctx, doc);
        rc = v == 0 ? 0 : v > 0 ? CT_EINVALID : CT_ENOMEM;
        xmlSchemaFreeValidCtxt(vctx);
    }
    return st->oom ? CT_ENOMEM : rc;
}

/* Refuse NUL and other control characters: XML 1.0 cannot carry them
 * (libxml2 would say "PCDATA invalid Char value 11").  Returns 0, CT_EPARSE
 * or CT_ENOMEM. */
static int check_controls(const char *path, const char *text, size_t len, ct_diag_list *diags)
{
    const char *bad = NULL;
    for (size_t i = 0; i < len && !bad; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r')
            bad = text + i;
    }
    if (!bad)
        return 0;
    int line = 1, col = 1;
    for (const char *p = text; p < bad; p++)
        if (*p == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
    int rc = *bad == '\0'
                 ? ct_diag_add(diags, CT_DIAG_ERROR, path, line, col, NULL,
                               "unexpected NUL byte (XML text cannot hold one)")
                 : ct_diag_add(diags, CT_DIAG_ERROR, path, line, col, NULL,
                               "control character U+%04X (XML 1.0 cannot carry it; expected text: "
                               "only tab, line feed and carriage return are allowed)",
                               (unsigned)(unsigned char)*bad);
    return rc < 0 ? CT_ENOMEM : CT_EPARSE;
}

/* Parse `text` with no network and a refused DOCTYPE into *out.  Returns 0,
 * CT_EPARSE (not well-formed, or a DOCTYPE) or CT_ENOMEM. */
static int parse_xml(read_state *st, const char *text, size_t len, xmlDocPtr *out)
{
    const char *path = st->path;
    ct_diag_list *diags = st->diags;
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt)
        return CT_ENOMEM;
    ctxt->_private = st;
    ctxt->sax->internalSubset = refuse_doctype;
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, text, (int)len, path, NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    int rc = 0;
    if (st->doctype_seen) {
        rc = ct_diag_add(diags, CT_DIAG_ERROR, path, ctxt->input ? ctxt->input->line : 1, 0, NULL,
                         "a DOCTYPE is not allowed (no DTDs or entities in claim files)");
        rc = rc < 0 ? CT_ENOMEM : CT_EPARSE;
    } else if (!doc || !ctxt->wellFormed) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        char msg[400];
        if (e && e->message &&
            strncmp(e->message, "xmlParseCharRef: invalid xmlChar value", 38) == 0 &&
            e->int1 >= 0 && e->int1 < 0x20)
            snprintf(
                msg, sizeof msg,
                "character reference to control character U+%04X (XML 1.0 cannot "
                "carry it; expected text: only tab, line feed and carriage return are allowed)",
                (unsigned)e->int1);
        else
            snprintf(msg, sizeof msg, "%s", e && e->message ? e->message : "not well-formed XML");
        for (char *p = msg; *p; p++)
            if (*p == '\n')
                *p = ' ';
        size_t n = strlen(msg);
        while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
            msg[--n] = '\0';
        rc = ct_diag_add(diags, CT_DIAG_ERROR, path, e && e->line > 0 ? e->line : 1,
                         e && e->int2 > 0 ? e->int2 : 0, NULL, "%s", msg);
        rc = rc < 0 ? CT_ENOMEM : CT_EPARSE;
    }
    xmlFreeParserCtxt(ctxt);
    if (rc < 0) {
        xmlFreeDoc(doc);
        return rc;
    }
    *out = doc;
    return 0;
}

/* The JSON shape of a valid document rooted at `root`: a topic,
 * {"sources": ...} or a bundle; NULL (with *oom) when out of memory. */
static json_t *document_json(const xmlNode *root, json_t *lines, int *oom)
{
    json_t *result = NULL;
    if (is(root, "topic"))
        return topic_json(root, lines, oom);
    result = json_object();
    if (is(root, "sources")) {
        put(result, "sources", sources_json(root, oom), oom);
        put(result, "claimants", claimants_json(root, oom), oom);
        return result;
    }
    json_t *topics = json_array();
    for (const xmlNode *c = root->children; c && result && topics; c = c->next) {
        if (is(c, "sources")) {
            put(result, "sources", sources_json(c, oom), oom);
            put(result, "claimants", claimants_json(c, oom), oom);
        } else if (is(c, "topic") && json_array_append_new(topics, topic_json(c, lines, oom)))
            *oom = 1;
    }
    if (!json_object_get(result, "sources"))
        put(result, "sources", json_object(), oom);
    put(result, "topics", topics, oom);
    return result;
}

int ct_xml__read(const char *path, const char *text, size_t len, json_t **out, json_t **lines,
                 void **xsd, ct_diag_list *diags)
{
    read_state st = {0, path, diags, 0};
    xmlDocPtr doc = NULL;
    int rc;
    *out = NULL;
    *lines = NULL;
    if (len > (size_t)0x7fffffff)
        return ct_diag_add(diags, CT_DIAG_ERROR, path, 1, 1, NULL, "file too large") < 0
                   ? CT_ENOMEM
                   : CT_EPARSE;
    if ((rc = check_controls(path, text, len, diags)) < 0 ||
        (rc = parse_xml(&st, text, len, &doc)) < 0)
        return rc;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    int xi = root ? has_xinclude(root, 0) : 0;
    if (xi) {
        rc = ct_diag_add(diags, CT_DIAG_ERROR, path, xi, 0, NULL,
                         "XInclude is not allowed in claim files");
        xmlFreeDoc(doc);
        return rc < 0 ? CT_ENOMEM : CT_EPARSE;
    }
    if ((rc = validate_xsd(doc, &st, xsd)) < 0) {
        xmlFreeDoc(doc);
        return rc;
    }
    int oom = 0;
    json_t *result = NULL;
    if ((*lines = json_object()))
        result = document_json(root, *lines, &oom);
    xmlFreeDoc(doc);
    if (oom || !result) {
        json_decref(result);
        json_decref(*lines);
        *lines = NULL;
        return CT_ENOMEM;
    }
    *out = result;
    return 0;
}
