/*
 * check_locate.c - where a JSON pointer's value is in the text (util/jsonpos)
 * and the nearest known name to a misspelt one (util/nearest).
 */
#include "unit.h"
#include "util/jsonpos.h"
#include "util/nearest.h"

#include <string.h>

static const char doc[] = "{\n"
                          "  \"a\": [1, {\"b\": \"x,]}\"}, 3],\n"
                          "  \"c/d\": {\"e~f\": true},\n"
                          "  \"\\u00e9t\\u00e9\": \"h\xc3\xa9\",   \"z\": null\n"
                          "}\n";

static int at(const char *text, const char *ptr, int *line, int *col)
{
    return ct_jsonpos__locate(text, strlen(text), ptr, line, col);
}

START_TEST(test_locate_finds_values)
{
    int line, col;
    ck_assert_int_eq(at(doc, "", &line, &col), 0);
    ck_assert_int_eq(line, 1);
    ck_assert_int_eq(col, 1);
    ck_assert_int_eq(at(doc, "/a", &line, &col), 0);
    ck_assert_int_eq(line, 2);
    ck_assert_int_eq(col, 8);
    ck_assert_int_eq(at(doc, "/a/2", &line, &col), 0); /* past a string holding ",]}" */
    ck_assert_int_eq(line, 2);
    ck_assert_int_eq(col, 27);
    ck_assert_int_eq(at(doc, "/a/1/b", &line, &col), 0);
    ck_assert_int_eq(col, 18);
    ck_assert_int_eq(at(doc, "/c~1d/e~0f", &line, &col), 0); /* escaped pointer tokens */
    ck_assert_int_eq(line, 3);
    ck_assert_int_eq(col, 18);
    /* a key written with \u escapes; columns count characters, not bytes */
    ck_assert_int_eq(at(doc, "/\xc3\xa9t\xc3\xa9", &line, &col), 0);
    ck_assert_int_eq(line, 4);
    ck_assert_int_eq(col, 20);
    ck_assert_int_eq(at(doc, "/z", &line, &col), 0); /* past "h\u00e9" written as two bytes */
    ck_assert_int_eq(col, 33);
}
END_TEST

START_TEST(test_locate_refuses_what_is_not_there)
{
    int line = 0, col = 0;
    ck_assert_int_eq(at(doc, "/nope", &line, &col), -1);
    ck_assert_int_eq(at(doc, "/a/3", &line, &col), -1);
    ck_assert_int_eq(at(doc, "/a/01", &line, &col), -1);
    ck_assert_int_eq(at(doc, "/a/x", &line, &col), -1);
    ck_assert_int_eq(at(doc, "/z/0", &line, &col), -1);
    ck_assert_int_eq(at("{\"a\": [1, 2", "/a/5", &line, &col), -1); /* cut short */
    ck_assert_int_eq(at("{\"a\": \"open", "/b", &line, &col), -1);
    ck_assert_int_eq(line, 0);
    ck_assert_int_eq(at("\xEF\xBB\xBF[0, 1]", "/1", &line, &col), 0); /* a BOM is no column */
    ck_assert_int_eq(col, 5);
}
END_TEST

static const char *nearest(const char *want, const char *const *names)
{
    ct_nearest n;
    ct_nearest__init(&n, want);
    for (; *names; names++)
        ct_nearest__offer(&n, *names);
    return n.best;
}

START_TEST(test_nearest_suggests_near_misses_only)
{
    static const char *const terms[] = {"police", "forces", "fsb", "border guards", NULL};
    ck_assert_str_eq(nearest("polise", terms), "police");
    ck_assert_str_eq(nearest("Police", terms), "police"); /* case alone */
    ck_assert_str_eq(nearest("fbs", terms), "fsb");       /* two letters swapped */
    ck_assert_str_eq(nearest("border-guard", terms), "border guards");
    ck_assert_ptr_null(nearest("army", terms));
    ck_assert_ptr_null(nearest("police", terms)); /* known: nothing to suggest */
    static const char *const ties[] = {"raid", "rail", NULL};
    ck_assert_str_eq(nearest("rain", ties), "raid"); /* ties keep the first */
}
END_TEST

Suite *suite_locate(void)
{
    Suite *s = suite_create("locate");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_locate_finds_values);
    tcase_add_test(tc, test_locate_refuses_what_is_not_there);
    tcase_add_test(tc, test_nearest_suggests_near_misses_only);
    suite_add_tcase(s, tc);
    return s;
}
