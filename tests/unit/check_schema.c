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
    ck_assert_int_eq(rc, 1);
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
    ck_assert_int_eq(rc, 1);
    ck_assert_uint_eq(diags.count, 3);
    ck_assert_str_eq(diags.items[0].message, "missing required property \"x\"");
    ck_assert_str_eq(diags.items[1].message, "missing required property \"y\"");
    ck_assert_str_eq(diags.items[2].message, "property \"z/~\" is not allowed here");
    ck_assert_str_eq(diags.items[2].pointer, ""); /* the root, as RFC 6901 spells it */
    ct_diag_list_dispose(&diags);
}
END_TEST

START_TEST(test_schema_pointer_escapes_segments)
{
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    ck_assert_int_eq(validate("{\"additionalProperties\": {\"type\": \"null\"}}",
                              "{\"a/b~c\": 1}", &diags),
                     1);
    ck_assert_str_eq(diags.items[0].pointer, "/a~1b~0c");
    ct_diag_list_dispose(&diags);
}
END_TEST

START_TEST(test_schema_local_ref_and_anchor)
{
    const char *schema = "{\"$defs\": {\"n\": {\"type\": \"integer\"}, \"s\": {\"$anchor\": \"str\","
                         " \"type\": \"string\"}}, \"prefixItems\": [{\"$ref\": \"#/$defs/n\"},"
                         " {\"$ref\": \"#str\"}]}";
    ck_assert_int_eq(validate(schema, "[1, \"a\"]", NULL), 0);
    ck_assert_int_eq(validate(schema, "[1.5, \"a\"]", NULL), 1);
    ck_assert_int_eq(validate(schema, "[1, 2]", NULL), 1);
    ck_assert_int_eq(validate(schema, "[1.0, \"a\"]", NULL), 0); /* 1.0 is an integer */
}
END_TEST

START_TEST(test_schema_infinite_ref_is_an_error_not_a_crash)
{
    ck_assert_int_eq(validate("{\"$ref\": \"#\"}", "1", NULL), CT_EINVALID);
    ck_assert_int_eq(validate("{\"$ref\": \"#/nowhere\"}", "1", NULL), CT_EINVALID);
}
END_TEST

START_TEST(test_schema_pattern_uses_pcre2)
{
    ck_assert_int_eq(validate("{\"pattern\": \"^\\\\p{Letter}+$\"}", "\"\\u00e9t\\u00e9\"", NULL), 0);
    ck_assert_int_eq(validate("{\"pattern\": \"^\\\\p{Letter}+$\"}", "\"a1\"", NULL), 1);
    ck_assert_int_eq(validate("{\"pattern\": \"^[0-9]{4}$\"}", "\"2025\"", NULL), 0);
    ck_assert_int_eq(validate("{\"pattern\": \"(\"}", "\"x\"", NULL), CT_EINVALID);
}
END_TEST

START_TEST(test_schema_format_date_asserted)
{
    ck_assert_int_eq(validate("{\"format\": \"date\"}", "\"2024-02-29\"", NULL), 0);
    ck_assert_int_eq(validate("{\"format\": \"date\"}", "\"2025-02-29\"", NULL), 1);
    ck_assert_int_eq(validate("{\"format\": \"date\"}", "\"2025-02\"", NULL), 1);
}
END_TEST

START_TEST(test_schema_equality_is_numeric)
{
    ck_assert_int_eq(validate("{\"const\": 1}", "1.0", NULL), 0);
    ck_assert_int_eq(validate("{\"uniqueItems\": true}", "[1, 1.0]", NULL), 1);
    ck_assert_int_eq(validate("{\"uniqueItems\": true}", "[{\"a\": 1}, {\"a\": 2}]", NULL), 0);
    ck_assert_int_eq(validate("{\"enum\": [false]}", "0", NULL), 1);
}
END_TEST

START_TEST(test_schema_unevaluated_properties_sees_applicators)
{
    const char *schema = "{\"allOf\": [{\"properties\": {\"a\": true}}],"
                         " \"unevaluatedProperties\": false}";
    ck_assert_int_eq(validate(schema, "{\"a\": 1}", NULL), 0);
    ck_assert_int_eq(validate(schema, "{\"a\": 1, \"b\": 2}", NULL), 1);
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
    suite_add_tcase(s, tc);
    return s;
}
