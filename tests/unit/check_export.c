/*
 * check_export.c - the whole corpus as one JSON or XML document
 * (src/export.c): its shape, and that loading an export alone gives a corpus
 * that exports the same document again.
 */
#include "unit.h"
#include "value/jnum.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claimtrack/common.h"

static const char props[] =
    "{\"deaths\": {\"type\": \"quantity\", \"unit\": \"people\", \"tolerance\": 2},"
    " \"when\": {\"type\": \"date\", \"description\": \"the day\"},"
    " \"cause\": {\"type\": \"term\", \"multi\": true, \"terms\": {\"ad\": {\"label\": \"Air defence\"},"
    "   \"sam\": {\"broader\": \"ad\", \"description\": \"missile\"}}}}";

static const char claims[] =
    "[{\"id\": \"c1\", \"subject\": \"s\", \"property\": \"deaths\", \"value\": 38, \"source\": \"a\","
    "  \"quote\": \"38 died\", \"hedge\": \"reported\", \"claimant\": \"Ministry\", \"note\": \"n\"},"
    " {\"id\": \"c2\", \"subject\": \"s\", \"property\": \"deaths\", \"value\": {\"min\": 10, \"max\": 20.5},"
    "  \"source\": \"b\", \"quote\": \"dozens\", \"as_of\": \"2024-12\", \"locator\": \"p. 3\"},"
    " {\"id\": \"c3\", \"subject\": \"s\", \"property\": \"when\", \"value\": {\"from\": \"2024-12-01\"},"
    "  \"source\": \"c\", \"quote\": \"since December\", \"stance\": \"denies\"},"
    " {\"id\": \"c4\", \"subject\": \"s\", \"property\": \"cause\", \"value\": \"sam\", \"source\": \"d\","
    "  \"quote\": \"a missile\"}]";

static char *dump(const json_t *j)
{
    char *s = ct_jnum__dumps(j, JSON_SORT_KEYS | JSON_COMPACT); /* numbers as written */
    ck_assert_ptr_nonnull(s);
    return s;
}

/* The corpus's XML export as a new string. */
static char *export_xml(const ct_corpus *corpus)
{
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(ct_corpus_export_xml(corpus, fp), 0);
    ck_assert_int_eq(fclose(fp), 0);
    return text;
}

/* Load `text`, written as `name` alone in a new folder, and export it. */
static json_t *reload_export(const char *name, const char *text)
{
    fixture g = {0};
    ct_diag_list empty = CT_DIAG_LIST_INIT;
    g.diags = empty;
    fixture_write(&g, name, text);
    ck_assert_int_eq(ct_corpus_new(&g.corpus), 0);
    const char *paths[] = {g.dir};
    int rc = ct_corpus_load(g.corpus, paths, 1, NULL, &g.diags);
    ck_assert_msg(rc == 0, "reloading %s: rc %d, %zu diagnostics: %s", name, rc, g.diags.count,
                  g.diags.count ? g.diags.items[0].message : "");
    json_t *doc = ct_corpus_export(g.corpus);
    ck_assert_ptr_nonnull(doc);
    fixture_dispose(&g);
    return doc;
}

START_TEST(test_export_holds_sources_topics_and_claims)
{
    fixture f = {0};
    fixture_load(&f, props, claims);
    ck_assert_int_eq(f.rc, 0);
    json_t *doc = ct_corpus_export(f.corpus);
    ck_assert_ptr_nonnull(doc);
    ck_assert_str_eq(json_string_value(json_object_get(
                         json_object_get(json_object_get(doc, "sources"), "b"), "title")),
                     "B");
    ck_assert_uint_eq(json_object_size(json_object_get(doc, "sources")), 4);
    json_t *topics = json_object_get(doc, "topics");
    ck_assert_uint_eq(json_array_size(topics), 1);
    json_t *t = json_array_get(topics, 0);
    ck_assert_str_eq(json_string_value(json_object_get(t, "topic")), "t");
    ck_assert_str_eq(json_string_value(json_object_get(t, "title")), "T");
    ck_assert_ptr_null(json_object_get(t, "subjects")); /* none declared */
    char *p = dump(json_object_get(t, "properties"));
    ck_assert_str_eq(p,
                     "{\"cause\":{\"multi\":true,\"terms\":{\"ad\":{\"label\":\"Air defence\"},"
                     "\"sam\":{\"broader\":\"ad\",\"description\":\"missile\"}},\"type\":\"term\"},"
                     "\"deaths\":{\"tolerance\":2,\"type\":\"quantity\",\"unit\":\"people\"},"
                     "\"when\":{\"description\":\"the day\",\"type\":\"date\"}}");
    free(p);
    json_t *cl = json_object_get(t, "claims");
    ck_assert_uint_eq(json_array_size(cl), 4);
    char *c1 = dump(json_array_get(cl, 0)), *c2 = dump(json_array_get(cl, 1));
    char *c3 = dump(json_array_get(cl, 2)), *c4 = dump(json_array_get(cl, 3));
    ck_assert_str_eq(
        c1, "{\"claimant\":\"Ministry\",\"hedge\":\"reported\",\"id\":\"c1\",\"note\":\"n\","
            "\"property\":\"deaths\",\"quote\":\"38 died\",\"source\":\"a\",\"subject\":\"s\","
            "\"value\":38}");
    ck_assert_str_eq(
        c2, "{\"as_of\":\"2024-12\",\"id\":\"c2\",\"locator\":\"p. 3\",\"property\":\"deaths\","
            "\"quote\":\"dozens\",\"source\":\"b\",\"subject\":\"s\","
            "\"value\":{\"max\":20.5,\"min\":10}}");
    ck_assert_str_eq(
        c3, "{\"id\":\"c3\",\"property\":\"when\",\"quote\":\"since December\",\"source\":\"c\","
            "\"stance\":\"denies\",\"subject\":\"s\",\"value\":{\"from\":\"2024-12-01\"}}");
    ck_assert_str_eq(
        c4, "{\"id\":\"c4\",\"property\":\"cause\",\"quote\":\"a missile\",\"source\":\"d\","
            "\"subject\":\"s\",\"value\":\"sam\"}");
    free(c1);
    free(c2);
    free(c3);
    free(c4);
    json_decref(doc);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_export_keeps_declared_subjects_and_aliases)
{
    fixture f = {0};
    ct_diag_list empty = CT_DIAG_LIST_INIT;
    f.diags = empty;
    fixture_write(&f, "sources.json", "{\"sources\": {\"a\": {\"title\": \"A\"}}}");
    fixture_write(
        &f, "topic.json",
        "{\"topic\": \"t\", \"title\": \"T\", \"subjects\": {\"flight 1\": [\"the flight\"], \"x\": []},"
        " \"properties\": {\"n\": {\"type\": \"boolean\"}},"
        " \"claims\": [{\"id\": \"c1\", \"subject\": \"the flight\", \"property\": \"n\","
        "  \"value\": true, \"source\": \"a\", \"quote\": \"yes\"}]}");
    ck_assert_int_eq(ct_corpus_new(&f.corpus), 0);
    const char *paths[] = {f.dir};
    ck_assert_int_eq(ct_corpus_load(f.corpus, paths, 1, NULL, &f.diags), 0);
    json_t *doc = ct_corpus_export(f.corpus);
    json_t *t = json_array_get(json_object_get(doc, "topics"), 0);
    char *s = dump(json_object_get(t, "subjects"));
    ck_assert_str_eq(s, "{\"flight 1\":[\"the flight\"],\"x\":[]}");
    free(s);
    /* the claim names its subject by the canonical name */
    json_t *c = json_array_get(json_object_get(t, "claims"), 0);
    ck_assert_str_eq(json_string_value(json_object_get(c, "subject")), "flight 1");
    ck_assert(json_is_true(json_object_get(c, "value")));
    json_decref(doc);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_export_of_empty_corpus)
{
    ct_corpus *c;
    ck_assert_int_eq(ct_corpus_new(&c), 0);
    json_t *doc = ct_corpus_export(c);
    char *s = dump(doc);
    ck_assert_str_eq(s, "{\"sources\":{},\"topics\":[]}");
    free(s);
    json_decref(doc);
    char *xml = export_xml(c);
    ck_assert_str_eq(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<corpus xmlns=\"https://claimtrack.dev/schema/claims\">\n"
                          "  <sources/>\n"
                          "</corpus>\n");
    free(xml);
    ct_corpus_free(c);
}
END_TEST

START_TEST(test_export_json_reloads_to_the_same_document)
{
    fixture f = {0};
    fixture_load(&f, props, claims);
    ck_assert_int_eq(f.rc, 0);
    json_t *doc = ct_corpus_export(f.corpus);
    char *text = ct_corpus_export_text(doc);
    ck_assert_ptr_nonnull(text);
    json_t *again = reload_export("export.json", text);
    char *a = dump(doc), *b = dump(again);
    ck_assert_str_eq(b, a);
    free(a);
    free(b);
    free(text);
    json_decref(again);
    json_decref(doc);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_export_xml_reloads_to_the_same_document)
{
    fixture f = {0};
    fixture_load(&f, props, claims);
    ck_assert_int_eq(f.rc, 0);
    char *xml = export_xml(f.corpus);
    ck_assert_ptr_nonnull(strstr(xml,
                                 "<claim id=\"c2\" subject=\"s\" property=\"deaths\" source=\"b\""
                                 " as-of=\"2024-12\" locator=\"p. 3\">"));
    ck_assert_ptr_nonnull(strstr(xml, "<range min=\"10\" max=\"20.5\"/>"));
    ck_assert_ptr_nonnull(strstr(xml, "<property name=\"deaths\" type=\"quantity\" unit=\"people\""
                                      " tolerance=\"2\"/>"));
    json_t *doc = ct_corpus_export(f.corpus);
    json_t *again = reload_export("export.xml", xml);
    char *a = dump(doc), *b = dump(again);
    ck_assert_str_eq(b, a);
    free(a);
    free(b);
    json_decref(again);
    json_decref(doc);
    free(xml);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_export_xml_escapes_markup)
{
    fixture f = {0};
    fixture_load(
        &f, "{\"n\": {\"type\": \"text\"}}",
        "[{\"id\": \"c1\", \"subject\": \"a<b\", \"property\": \"n\", \"value\": \"x & \\\"y\\\"\","
        "  \"source\": \"a\", \"quote\": \"</quote><evil/>\"}]");
    ck_assert_int_eq(f.rc, 0);
    char *xml = export_xml(f.corpus);
    ck_assert_ptr_nonnull(strstr(xml, "subject=\"a&lt;b\""));
    ck_assert_ptr_nonnull(strstr(xml, "<text>x &amp; &quot;y&quot;</text>"));
    ck_assert_ptr_nonnull(strstr(xml, "<quote>&lt;/quote&gt;&lt;evil/&gt;</quote>"));
    ck_assert_ptr_null(strstr(xml, "<evil/>"));
    free(xml);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_export_xml_write_error_is_eio)
{
    fixture f = {0};
    fixture_load(&f, props, claims);
    ck_assert_int_eq(f.rc, 0);
    /* a stream opened for reading refuses every write */
    char path[128];
    snprintf(path, sizeof path, "%s/topic.json", f.dir);
    FILE *fp = fopen(path, "r");
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(ct_corpus_export_xml(f.corpus, fp), CT_EIO);
    ck_assert_int_eq(fclose(fp), 0);
    fixture_dispose(&f);
}
END_TEST

Suite *suite_export(void)
{
    Suite *s = suite_create("export");
    TCase *tc = tcase_create("export");
    tcase_add_test(tc, test_export_holds_sources_topics_and_claims);
    tcase_add_test(tc, test_export_keeps_declared_subjects_and_aliases);
    tcase_add_test(tc, test_export_of_empty_corpus);
    tcase_add_test(tc, test_export_json_reloads_to_the_same_document);
    tcase_add_test(tc, test_export_xml_reloads_to_the_same_document);
    tcase_add_test(tc, test_export_xml_escapes_markup);
    tcase_add_test(tc, test_export_xml_write_error_is_eio);
    suite_add_tcase(s, tc);
    return s;
}
