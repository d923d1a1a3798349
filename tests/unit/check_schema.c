/*
 * check_schema.c - the JSON Schema validator: results and diagnostics.
 */
#include "unit.h"

#include <string.h>

#include "claimtrack/common.h"
#include "claimtrack/schema.h"

/* Validate `data` against `schema` (JSON texts); returns the result and
 * leaves diagnostics in `diags`. */
static int validate(const char *schema, const char *data, ct_diag_list *diags)
{
    json_error_t err;
    json_t *s = json_loads(schema, 0, &err);
    json_t *d = json_loads(data, JSON_DECODE_ANY, &err);
    ck_assert_ptr_nonnull(s);
    ck_assert_ptr_nonnull(d);
    ct_schema *compiled;
    ck_assert_int_eq(ct_schema_new(&compiled, s, NULL), 0);
    int rc = ct_schema_validate(compiled, "", d, "f.json", "", diags);
    ct_schema_free(compiled);
    json_decref(s);
    json_decref(d);
    return rc;
}

START_TEST(test_schema_reports_pointer_and_message)
{
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    int rc = validate("{\"properties\": {\"a\": {\"items\": {\"type\": \"string\"}}}}",
                      "{\"a\": [\"x\", 3]}", &diags);
    ck_assert_int_eq(rc, CT_EINVALID);
    ck_assert_uint_eq(diags.count, 1);
    ck_assert_str_eq(diags.items[0].file, "f.json");
    ck_assert_str_eq(diags.items[0].pointer, "/a/1");
    ck_assert_str_eq(diags.items[0].message, "expected string, got integer");
    ct_diag_list_dispose(&diags);
}
END_TEST

START_TEST(test_schema_reports_every_error)
{
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    int rc = validate("{\"required\": [\"x\", \"y\"], \"additionalProperties\": false,"
                      " \"properties\": {\"x\": true, \"y\": true}}",
                      "{\"z/~\": 1}", &diags);
    ck_assert_int_eq(rc, CT_EINVALID);
    ck_assert_uint_eq(diags.count, 3);
    ck_assert_str_eq(diags.items[0].message, "missing required property \"x\"");
    ck_assert_str_eq(diags.items[1].message, "missing required property \"y\"");
    ck_assert_str_eq(diags.items[2].message,
                     "property \"z/~\" is not allowed here; allowed: x or y");
    ck_assert_str_eq(diags.items[2].pointer, ""); /* the root, as RFC 6901 spells it */
    ct_diag_list_dispose(&diags);
}
END_TEST

START_TEST(test_schema_pointer_escapes_segments)
{
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    ck_assert_int_eq(
        validate("{\"additionalProperties\": {\"type\": \"null\"}}", "{\"a/b~c\": 1}", &diags),
        CT_EINVALID);
    ck_assert_str_eq(diags.items[0].pointer, "/a~1b~0c");
    ct_diag_list_dispose(&diags);
}
END_TEST

START_TEST(test_schema_local_ref_and_anchor)
{
    const char *schema =
        "{\"$defs\": {\"n\": {\"type\": \"integer\"}, \"s\": {\"$anchor\": \"str\","
        " \"type\": \"string\"}}, \"prefixItems\": [{\"$ref\": \"#/$defs/n\"},"
        " {\"$ref\": \"#str\"}]}";
    ck_assert_int_eq(validate(schema, "[1, \"a\"]", NULL), 0);
    ck_assert_int_eq(validate(schema, "[1.5, \"a\"]", NULL), CT_EINVALID);
    ck_assert_int_eq(validate(schema, "[1, 2]", NULL), CT_EINVALID);
    ck_assert_int_eq(validate(schema, "[1.0, \"a\"]", NULL), 0); /* 1.0 is an integer */
}
END_TEST

START_TEST(test_schema_infinite_ref_is_an_error_not_a_crash)
{
    ck_assert_int_eq(validate("{\"$ref\": \"#\"}", "1", NULL), CT_EPARSE);
    ck_assert_int_eq(validate("{\"$ref\": \"#/nowhere\"}", "1", NULL), CT_EPARSE);
}
END_TEST

START_TEST(test_schema_pattern_uses_pcre2)
{
    ck_assert_int_eq(validate("{\"pattern\": \"^\\\\p{Letter}+$\"}", "\"\\u00e9t\\u00e9\"", NULL),
                     0);
    ck_assert_int_eq(validate("{\"pattern\": \"^\\\\p{Letter}+$\"}", "\"a1\"", NULL), CT_EINVALID);
    ck_assert_int_eq(validate("{\"pattern\": \"^[0-9]{4}$\"}", "\"2025\"", NULL), 0);
    ck_assert_int_eq(validate("{\"pattern\": \"(\"}", "\"x\"", NULL), CT_EPARSE);
}
END_TEST

START_TEST(test_schema_format_date_asserted)
{
    ck_assert_int_eq(validate("{\"format\": \"date\"}", "\"2024-02-29\"", NULL), 0);
    ck_assert_int_eq(validate("{\"format\": \"date\"}", "\"2025-02-29\"", NULL), CT_EINVALID);
    ck_assert_int_eq(validate("{\"format\": \"date\"}", "\"2025-02\"", NULL), CT_EINVALID);
}
END_TEST

START_TEST(test_schema_equality_is_numeric)
{
    ck_assert_int_eq(validate("{\"const\": 1}", "1.0", NULL), 0);
    ck_assert_int_eq(validate("{\"uniqueItems\": true}", "[1, 1.0]", NULL), CT_EINVALID);
    ck_assert_int_eq(validate("{\"uniqueItems\": true}", "[{\"a\": 1}, {\"a\": 2}]", NULL), 0);
    ck_assert_int_eq(validate("{\"enum\": [false]}", "0", NULL), CT_EINVALID);
}
END_TEST

START_TEST(test_schema_unevaluated_properties_sees_applicators)
{
    const char *schema = "{\"allOf\": [{\"properties\": {\"a\": true}}],"
                         " \"unevaluatedProperties\": false}";
    ck_assert_int_eq(validate(schema, "{\"a\": 1}", NULL), 0);
    ck_assert_int_eq(validate(schema, "{\"a\": 1, \"b\": 2}", NULL), CT_EINVALID);
}
END_TEST

START_TEST(test_schema_title_names_expected_alternatives)
{
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    validate("{\"title\": \"a number or a word\", \"anyOf\": [{\"type\": \"number\"},"
             " {\"type\": \"string\"}]}",
             "[]", &diags);
    ck_assert_uint_eq(diags.count, 1);
    ck_assert_str_eq(diags.items[0].message, "expected a number or a word");
    ct_diag_list_dispose(&diags);
}
END_TEST

/* One failing keyword per row: the message and where it points. */
static const struct {
    const char *schema, *data, *pointer, *message;
} keyword_messages[] = {
    {"{\"minimum\": 5}", "3", "", "expected a number >= 5, got 3"},
    {"{\"maximum\": 5}", "7.5", "", "expected a number <= 5, got 7.5"},
    {"{\"exclusiveMinimum\": 5}", "5", "", "expected a number > 5, got 5"},
    {"{\"exclusiveMaximum\": 5}", "5", "", "expected a number < 5, got 5"},
    {"{\"multipleOf\": 3}", "10", "", "expected a multiple of 3, got 10"},
    {"{\"multipleOf\": 0.5}", "0.75", "", "expected a multiple of 0.5, got 0.75"},
    {"{\"minLength\": 3}", "\"\\u00e9t\"", "", "expected at least 3 character(s), got 2"},
    {"{\"maxLength\": 1}", "\"ab\"", "", "expected at most 1 character(s), got 2"},
    {"{\"pattern\": \"^a+$\"}", "\"b\"", "", "\"b\" does not match pattern ^a+$"},
    {"{\"minItems\": 2}", "[1]", "", "expected at least 2 items, got 1"},
    {"{\"maxItems\": 1}", "[1, 2]", "", "expected at most 1 items, got 2"},
    {"{\"uniqueItems\": true}", "[1, 2, 1.0]", "",
     "expected unique items, but items 0 and 2 are equal"},
    {"{\"contains\": {\"type\": \"string\"}}", "[1]", "",
     "expected at least 1 matching items, got 0"},
    {"{\"contains\": {\"type\": \"string\"}, \"maxContains\": 1}", "[\"a\", \"b\"]", "",
     "expected at most 1 matching items, got 2"},
    {"{\"minProperties\": 1}", "{}", "", "expected at least 1 properties, got 0"},
    {"{\"maxProperties\": 0}", "{\"a\": 1}", "", "expected at most 0 properties, got 1"},
    {"{\"dependentRequired\": {\"a\": [\"b\"]}}", "{\"a\": 1}", "",
     "property \"a\" requires property \"b\""},
    {"{\"dependentSchemas\": {\"a\": {\"required\": [\"c\"]}}}", "{\"a\": 1}", "",
     "missing required property \"c\""},
    {"{\"propertyNames\": {\"maxLength\": 2}}", "{\"abc\": 1}", "/abc",
     "expected at most 2 character(s), got 3"},
    {"{\"patternProperties\": {\"^x\": {\"type\": \"string\"}}}", "{\"xy\": 1}", "/xy",
     "expected string, got integer"},
    {"{\"prefixItems\": [{\"type\": \"string\"}], \"items\": false}", "[\"a\", 2]", "/1",
     "no value is allowed here"},
    {"{\"type\": [\"string\", \"null\"]}", "1", "", "expected string or null, got integer"},
    {"{\"type\": \"integer\"}", "1.5", "", "expected integer, got number"},
    {"{\"const\": \"x\"}", "\"y\"", "", "expected \"x\""},
    {"{\"enum\": [1, \"a\"]}", "true", "", "expected one of [1,\"a\"], got true"},
    {"{\"not\": {\"type\": \"string\"}}", "\"s\"", "",
     "value matches a form that is not allowed here"},
    {"{\"oneOf\": [{\"type\": \"integer\"}, {\"minimum\": 0}]}", "1", "",
     "expected a value matching exactly one of 2 forms, matched 2"},
    {"{\"anyOf\": [{\"type\": \"integer\"}, {\"type\": \"string\"}]}", "null", "",
     "expected a value matching at least one of 2 allowed forms"},
    {"{\"if\": {\"type\": \"string\"}, \"then\": {\"minLength\": 2}, \"else\": {\"minimum\": 0}}",
     "-1", "", "expected a number >= 0, got -1"},
    {"{\"unevaluatedProperties\": false, \"properties\": {\"a\": true}}", "{\"a\": 1, \"b\": 2}",
     "", "property \"b\" is not allowed here"},
    /* additionalProperties false: the names that are allowed, in schema order */
    {"{\"additionalProperties\": false, \"properties\": {\"title\": true, \"url\": true, \"note\": true}}",
     "{\"date\": 1}", "", "property \"date\" is not allowed here; allowed: title, url or note"},
    {"{\"additionalProperties\": false, \"properties\": {\"a\": true}, \"patternProperties\": {\"^x-\": true}}",
     "{\"b\": 1}", "", "property \"b\" is not allowed here; allowed: a or names matching \"^x-\""},
    {"{\"additionalProperties\": false}", "{\"b\": 1}", "", "property \"b\" is not allowed here"},
};

START_TEST(test_schema_keyword_messages)
{
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    const char *schema = keyword_messages[_i].schema, *data = keyword_messages[_i].data;
    ck_assert_msg(validate(schema, data, &diags) == CT_EINVALID, "%s accepted %s", schema, data);
    ck_assert_msg(diags.count >= 1, "%s: no diagnostic", schema);
    ck_assert_msg(strcmp(diags.items[0].message, keyword_messages[_i].message) == 0,
                  "%s / %s: message \"%s\"", schema, data, diags.items[0].message);
    ck_assert_msg(strcmp(diags.items[0].pointer, keyword_messages[_i].pointer) == 0,
                  "%s / %s: pointer \"%s\"", schema, data, diags.items[0].pointer);
    ct_diag_list_dispose(&diags);
    /* the quiet form (no diagnostics wanted) gives the same verdict */
    ck_assert_int_eq(validate(schema, data, NULL), CT_EINVALID);
}
END_TEST

Suite *suite_schema(void)
{
    Suite *s = suite_create("schema");
    TCase *tc = tcase_create("schema");
    tcase_add_test(tc, test_schema_reports_pointer_and_message);
    tcase_add_test(tc, test_schema_reports_every_error);
    tcase_add_test(tc, test_schema_pointer_escapes_segments);
    tcase_add_test(tc, test_schema_local_ref_and_anchor);
    tcase_add_test(tc, test_schema_infinite_ref_is_an_error_not_a_crash);
    tcase_add_test(tc, test_schema_pattern_uses_pcre2);
    tcase_add_test(tc, test_schema_format_date_asserted);
    tcase_add_test(tc, test_schema_equality_is_numeric);
    tcase_add_test(tc, test_schema_unevaluated_properties_sees_applicators);
    tcase_add_test(tc, test_schema_title_names_expected_alternatives);
    tcase_add_loop_test(tc, test_schema_keyword_messages, 0,
                        (int)(sizeof keyword_messages / sizeof keyword_messages[0]));
    suite_add_tcase(s, tc);
    return s;
}
