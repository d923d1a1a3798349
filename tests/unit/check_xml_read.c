/*
 * check_xml_read.c - reading XML claim files into the JSON shape of the
 * model (src/xml_claims.c, read side): documents, values, line numbers, and
 * located refusals of broken or hostile input.
 */
#include "unit.h"
#include "value/jnum.h"

#include <string.h>

#include "claimtrack/common.h"
#include "corpus/xml.h"

#include <libxml/xmlschemas.h>

#define NS "xmlns=\"https://claimtrack.dev/schema/claims\""

typedef struct {
    json_t *doc, *lines;
    void *xsd;
    ct_diag_list diags;
    int rc;
} xread;

static void xread_text(xread *x, const char *text, size_t len)
{
    ct_diag_list empty = CT_DIAG_LIST_INIT;
    json_decref(x->doc);
    json_decref(x->lines);
    ct_diag_list_dispose(&x->diags);
    x->diags = empty;
    x->rc = ct_xml__read("t.xml", text, len, &x->doc, &x->lines, &x->xsd, &x->diags);
}

static void xread_str(xread *x, const char *text) { xread_text(x, text, strlen(text)); }

static void xread_dispose(xread *x)
{
    json_decref(x->doc);
    json_decref(x->lines);
    ct_diag_list_dispose(&x->diags);
    xmlSchemaFree(x->xsd);
    memset(x, 0, sizeof *x);
}

/* `got` equals the JSON text `want`. */
static void assert_json(const json_t *got, const char *want)
{
    json_error_t err;
    json_t *w = json_loads(want, 0, &err);
    ck_assert_msg(w != NULL, "bad expectation: %s", err.text);
    ck_assert_int_eq(ct_jnum__mark(&w, want, strlen(want), NULL), 0); /* numbers as written */
    char *g = json_dumps(got, JSON_SORT_KEYS | JSON_COMPACT | JSON_ENCODE_ANY);
    ck_assert_msg(json_equal(got, w), "got %s, want %s", g ? g : "NULL", want);
    free(g);
    json_decref(w);
}

/* The only diagnostic is an error at `line`:`column` whose message holds `part`. */
static void assert_one_error(const xread *x, int line, int column, const char *part)
{
    ck_assert_uint_eq(x->diags.count, 1);
    const ct_diag *d = &x->diags.items[0];
    ck_assert_int_eq(d->level, CT_DIAG_ERROR);
    ck_assert_str_eq(d->file, "t.xml");
    ck_assert_int_eq(d->line, line);
    ck_assert_int_eq(d->column, column);
    ck_assert_ptr_null(d->pointer);
    ck_assert_msg(strstr(d->message, part) != NULL, "message \"%s\" lacks \"%s\"", d->message,
                  part);
    ck_assert_ptr_null(x->doc);
    ck_assert_ptr_null(x->lines);
}

static const char topic_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<topic " NS " id=\"crash\" title=\"A crash\">\n"
    "  <description>What happened</description>\n"
    "  <subject name=\"flight 1\"><alias>the flight</alias><alias>FL1</alias></subject>\n"
    "  <property name=\"deaths\" type=\"quantity\" unit=\"people\" tolerance=\"0.5\"/>\n"
    "  <property name=\"cause\" type=\"term\" multi=\"true\">\n"
    "    <description>Why</description>\n"
    "    <term name=\"air-defence\" label=\"Air defence\"><description>AD</description></term>\n"
    "    <term name=\"sam\" broader=\"air-defence\"/>\n"
    "  </property>\n"
    "  <claim id=\"c1\" subject=\"flight 1\" property=\"deaths\" source=\"a\" hedge=\"reported\"\n"
    "         claimant=\"Ministry\" stance=\"denies\" as-of=\"2024-12\" locator=\"p. 2\">\n"
    "    <value><number>38</number></value><quote>38 died</quote><note>early count</note>\n"
    "  </claim>\n"
    "  <claim id=\"c2\" subject=\"the flight\" property=\"cause\" source=\"b\">"
    "<value><term>sam</term></value><quote>a missile</quote></claim>\n"
    "</topic>\n";

START_TEST(test_xml_read_topic_in_json_shape)
{
    xread x = {0};
    xread_str(&x, topic_xml);
    ck_assert_int_eq(x.rc, 0);
    ck_assert_uint_eq(x.diags.count, 0);
    assert_json(
        x.doc,
        "{\"topic\": \"crash\", \"title\": \"A crash\", \"description\": \"What happened\","
        " \"subjects\": {\"flight 1\": [\"the flight\", \"FL1\"]},"
        " \"properties\": {"
        "  \"deaths\": {\"type\": \"quantity\", \"unit\": \"people\", \"tolerance\": 0.5},"
        "  \"cause\": {\"type\": \"term\", \"multi\": true, \"description\": \"Why\","
        "   \"terms\": {\"air-defence\": {\"label\": \"Air defence\", \"description\": \"AD\"},"
        "               \"sam\": {\"broader\": \"air-defence\"}}}},"
        " \"claims\": ["
        "  {\"id\": \"c1\", \"subject\": \"flight 1\", \"property\": \"deaths\", \"source\": \"a\","
        "   \"hedge\": \"reported\", \"claimant\": \"Ministry\", \"stance\": \"denies\","
        "   \"as_of\": \"2024-12\", \"locator\": \"p. 2\", \"value\": 38,"
        "   \"quote\": \"38 died\", \"note\": \"early count\"},"
        "  {\"id\": \"c2\", \"subject\": \"the flight\", \"property\": \"cause\", \"source\": \"b\","
        "   \"value\": \"sam\", \"quote\": \"a missile\"}]}");
    /* claim ids map to the line of their element, where libxml2 has it: the
     * line that ends the start tag */
    assert_json(x.lines, "{\"c1\": 12, \"c2\": 15}");
    xread_dispose(&x);
}
END_TEST

/* One claim of a quantity/date/boolean/text topic holding `value`. */
static void read_value(xread *x, const char *type, const char *value)
{
    char buf[1024];
    snprintf(buf, sizeof buf,
             "<topic " NS " id=\"t\" title=\"T\"><property name=\"p\" type=\"%s\"/>"
             "<claim id=\"c\" subject=\"s\" property=\"p\" source=\"a\"><value>%s</value>"
             "<quote>q</quote></claim></topic>",
             type, value);
    xread_str(x, buf);
    ck_assert_msg(x->rc == 0, "%s: rc %d", value, x->rc);
}

START_TEST(test_xml_read_every_value_form)
{
    static const struct {
        const char *type, *xml, *json;
    } cases[] = {
        {"quantity", "<number>38</number>", "38"},
        {"quantity", "<number> -7 </number>", "-7"},
        {"quantity", "<number>2.5</number>", "2.5"},
        {"quantity", "<number>1e3</number>", "1e3"},
        {"quantity", "<number>+1.50</number>", "1.50"},
        {"quantity", "<number>.5</number>", "0.5"},
        {"quantity", "<number>123456789012345678</number>", "123456789012345678"},
        {"quantity", "<number>9223372036854775807</number>", "9223372036854775807"},
        {"quantity", "<number>-9223372036854775808</number>", "-9223372036854775808"},
        {"quantity", "<range min=\"24\"/>", "{\"min\": 24}"},
        {"quantity", "<range min=\"1.5\" max=\"3\"/>", "{\"min\": 1.5, \"max\": 3}"},
        {"quantity", "<about>40</about>", "{\"about\": 40}"},
        {"date", "<date>2024-12</date>", "\"2024-12\""},
        {"date", "<dates from=\"2024-12-01\"/>", "{\"from\": \"2024-12-01\"}"},
        {"date", "<dates from=\"2024\" to=\"2025-06\"/>",
         "{\"from\": \"2024\", \"to\": \"2025-06\"}"},
        {"boolean", "<boolean>true</boolean>", "true"},
        {"boolean", "<boolean>1</boolean>", "true"},
        {"boolean", "<boolean>false</boolean>", "false"},
        {"text", "<text>a &amp; b</text>", "\"a & b\""},
    };
    xread x = {0};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        read_value(&x, cases[i].type, cases[i].xml);
        json_t *v = json_object_get(json_array_get(json_object_get(x.doc, "claims"), 0), "value");
        json_error_t err;
        json_t *want = json_loads(cases[i].json, JSON_DECODE_ANY, &err);
        ck_assert_ptr_nonnull(want);
        ck_assert_int_eq(ct_jnum__mark(&want, cases[i].json, strlen(cases[i].json), NULL), 0);
        ck_assert_msg(json_equal(v, want), "%s", cases[i].xml);
        /* an integer literal stays an integer, as in JSON */
        ck_assert_int_eq(json_typeof(v), json_typeof(want));
        json_decref(want);
    }
    xread_dispose(&x);
}
END_TEST

START_TEST(test_xml_read_sources_and_corpus_roots)
{
    xread x = {0};
    xread_str(
        &x, "<sources " NS "><source id=\"a\" title=\"A\" author=\"Ann\" published=\"2024-01-02\">"
            "<note>n</note></source><source id=\"b\" title=\"B\" url=\"https://b\"/></sources>");
    ck_assert_int_eq(x.rc, 0);
    assert_json(x.doc, "{\"sources\": {\"a\": {\"title\": \"A\", \"author\": \"Ann\","
                       " \"published\": \"2024-01-02\", \"note\": \"n\"},"
                       " \"b\": {\"title\": \"B\", \"url\": \"https://b\"}}}");
    assert_json(x.lines, "{}");
    xread_str(
        &x,
        "<corpus " NS "><sources><source id=\"a\" title=\"A\"/></sources>\n"
        "<topic id=\"t1\" title=\"One\"/>\n<topic id=\"t2\" title=\"Two\" subjects-declared=\"true\"/>"
        "</corpus>");
    ck_assert_int_eq(x.rc, 0);
    assert_json(x.doc,
                "{\"sources\": {\"a\": {\"title\": \"A\"}}, \"topics\": ["
                " {\"topic\": \"t1\", \"title\": \"One\", \"properties\": {}, \"claims\": []},"
                " {\"topic\": \"t2\", \"title\": \"Two\", \"subjects\": {}, \"properties\": {},"
                "  \"claims\": []}]}");
    /* a corpus without sources still has the member */
    xread_str(&x, "<corpus " NS "/>");
    ck_assert_int_eq(x.rc, 0);
    assert_json(x.doc, "{\"sources\": {}, \"topics\": []}");
    xread_dispose(&x);
}
END_TEST

START_TEST(test_xml_read_compiles_the_xsd_once)
{
    xread x = {0};
    xread_str(&x, "<sources " NS "/>");
    ck_assert_int_eq(x.rc, 0);
    void *xsd = x.xsd;
    ck_assert_ptr_nonnull(xsd);
    xread_str(&x, "<topic " NS " id=\"t\" title=\"T\"/>");
    ck_assert_int_eq(x.rc, 0);
    ck_assert_ptr_eq(x.xsd, xsd);
    xread_dispose(&x);
}
END_TEST

START_TEST(test_xml_read_malformed_is_located)
{
    xread x = {0};
    xread_str(&x, "<topic " NS " id=\"t\" title=\"T\">\n  <claim id=\"a\" id=\"b\"/>\n</topic>\n");
    ck_assert_int_eq(x.rc, CT_EPARSE);
    assert_one_error(&x, 2, 23, "Attribute id redefined");
    ck_assert_ptr_null(strchr(x.diags.items[0].message, '\n')); /* one line */
    xread_str(&x, "<topic " NS " id=\"t\" title=\"T\">\n  <claim id=\"a\" & />\n</topic>\n");
    ck_assert_int_eq(x.rc, CT_EPARSE);
    assert_one_error(&x, 2, 18, "xmlParseEntityRef: no name");
    xread_str(&x, "");
    ck_assert_int_eq(x.rc, CT_EPARSE);
    ck_assert_uint_eq(x.diags.count, 1);
    ck_assert_int_eq(x.diags.items[0].line, 1);
    xread_dispose(&x);
}
END_TEST

START_TEST(test_xml_read_refuses_doctype)
{
    xread x = {0};
    xread_str(&x, "<?xml version=\"1.0\"?>\n"
                  "<!DOCTYPE topic [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n"
                  "<topic " NS " id=\"t\" title=\"&e;\"/>");
    ck_assert_int_eq(x.rc, CT_EPARSE);
    assert_one_error(&x, 2, 0, "a DOCTYPE is not allowed");
    xread_dispose(&x);
}
END_TEST

START_TEST(test_xml_read_refuses_nul_byte_at_its_place)
{
    static const char text[] = "<topic " NS " id=\"t\"\n title=\"a\0b\"/>";
    xread x = {0};
    xread_text(&x, text, sizeof text - 1);
    ck_assert_int_eq(x.rc, CT_EPARSE);
    assert_one_error(&x, 2, 10, "unexpected NUL byte");
    xread_dispose(&x);
}
END_TEST

START_TEST(test_xml_read_refuses_xinclude)
{
    xread x = {0};
    xread_str(&x,
              "<topic " NS " id=\"t\" title=\"T\">\n\n"
              "  <xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"/etc/passwd\"/>\n"
              "</topic>");
    ck_assert_int_eq(x.rc, CT_EPARSE);
    assert_one_error(&x, 3, 0, "XInclude is not allowed");
    xread_dispose(&x);
}
END_TEST

START_TEST(test_xml_read_schema_errors_are_located_and_all_reported)
{
    xread x = {0};
    xread_str(&x, "<topic " NS " id=\"Bad Topic\" title=\"T\">\n"
                  "  <property name=\"p\" type=\"number\"/>\n"
                  "  <claim id=\"c\" subject=\"s\" property=\"p\">\n"
                  "    <value><number>many</number></value><quote>q</quote>\n"
                  "  </claim>\n"
                  "</topic>");
    ck_assert_int_eq(x.rc, CT_EINVALID);
    ck_assert_ptr_null(x.doc);
    ck_assert_uint_eq(x.diags.count, 4);
    ck_assert_uint_eq(x.diags.errors, 4);
    static const struct {
        int line;
        const char *part;
    } want[] = {{1, "Element 'topic', attribute 'id'"},
                {2, "Element 'property', attribute 'type'"},
                {3, "The attribute 'source' is required but missing"},
                {4, "'many' is not a valid value of the atomic type 'xs:double'"}};
    for (size_t i = 0; i < 4; i++) {
        const ct_diag *d = &x.diags.items[i];
        ck_assert_str_eq(d->file, "t.xml");
        ck_assert_int_eq(d->line, want[i].line);
        ck_assert_msg(strstr(d->message, want[i].part) != NULL, "%s", d->message);
        /* libxml2's {namespace} prefix is dropped, and no newline is left */
        ck_assert_ptr_null(strstr(d->message, "claimtrack.dev"));
        ck_assert_ptr_null(strchr(d->message, '\n'));
    }
    xread_dispose(&x);
}
END_TEST

START_TEST(test_xml_read_foreign_root_is_invalid)
{
    xread x = {0};
    xread_str(&x, "<topic id=\"t\" title=\"T\"/>"); /* no namespace */
    ck_assert_int_eq(x.rc, CT_EINVALID);
    ck_assert_uint_eq(x.diags.count, 1);
    ck_assert_int_eq(x.diags.items[0].line, 1);
    ck_assert_ptr_null(x.doc);
    xread_dispose(&x);
}
END_TEST

Suite *suite_xml_read(void)
{
    Suite *s = suite_create("xml_read");
    TCase *tc = tcase_create("xml_read");
    tcase_add_test(tc, test_xml_read_topic_in_json_shape);
    tcase_add_test(tc, test_xml_read_every_value_form);
    tcase_add_test(tc, test_xml_read_sources_and_corpus_roots);
    tcase_add_test(tc, test_xml_read_compiles_the_xsd_once);
    tcase_add_test(tc, test_xml_read_malformed_is_located);
    tcase_add_test(tc, test_xml_read_refuses_doctype);
    tcase_add_test(tc, test_xml_read_refuses_nul_byte_at_its_place);
    tcase_add_test(tc, test_xml_read_refuses_xinclude);
    tcase_add_test(tc, test_xml_read_schema_errors_are_located_and_all_reported);
    tcase_add_test(tc, test_xml_read_foreign_root_is_invalid);
    suite_add_tcase(s, tc);
    return s;
}
