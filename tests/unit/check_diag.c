/*
 * check_diag.c - located diagnostics: recording, formatting, printing.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claimtrack/common.h"
#include "claimtrack/diag.h"

static const char *formatted(const ct_diag *d, char *buf, size_t n)
{
    ct_diag_format_to(d, buf, n);
    return buf;
}

START_TEST(test_diag_add_copies_every_string)
{
    ct_diag_list list = CT_DIAG_LIST_INIT;
    char file[] = "claims/a.json", ptr[] = "/claims/0/value", word[] = "number";
    ck_assert_int_eq(ct_diag_add(&list, CT_DIAG_ERROR, file, 14, 9, ptr, "expected %s", word), 0);
    /* the caller's buffers may change or go away afterwards */
    memset(file, 'x', sizeof file - 1);
    memset(ptr, 'x', sizeof ptr - 1);
    memset(word, 'x', sizeof word - 1);
    ck_assert_uint_eq(list.count, 1);
    ck_assert_uint_eq(list.errors, 1);
    ck_assert_int_eq(list.oom, 0);
    const ct_diag *d = &list.items[0];
    ck_assert_int_eq(d->level, CT_DIAG_ERROR);
    ck_assert_str_eq(d->file, "claims/a.json");
    ck_assert_int_eq(d->line, 14);
    ck_assert_int_eq(d->column, 9);
    ck_assert_str_eq(d->pointer, "/claims/0/value");
    ck_assert_str_eq(d->message, "expected number");
    ct_diag_list_dispose(&list);
}
END_TEST

START_TEST(test_diag_warnings_are_not_counted_as_errors)
{
    ct_diag_list list = CT_DIAG_LIST_INIT;
    ck_assert_int_eq(ct_diag_add(&list, CT_DIAG_WARNING, "f", 0, 0, NULL, "w1"), 0);
    ck_assert_int_eq(ct_diag_add(&list, CT_DIAG_ERROR, "f", 0, 0, NULL, "e1"), 0);
    ck_assert_int_eq(ct_diag_add(&list, CT_DIAG_WARNING, NULL, 0, 0, NULL, "w2"), 0);
    ck_assert_uint_eq(list.count, 3);
    ck_assert_uint_eq(list.errors, 1);
    ck_assert_ptr_null(list.items[2].file);
    ck_assert_ptr_null(list.items[2].pointer);
    ct_diag_list_dispose(&list);
}
END_TEST

START_TEST(test_diag_list_grows_and_keeps_order)
{
    ct_diag_list list = CT_DIAG_LIST_INIT;
    for (int i = 0; i < 100; i++)
        ck_assert_int_eq(ct_diag_add(&list, CT_DIAG_ERROR, "f", i + 1, 0, NULL, "n%d", i), 0);
    ck_assert_uint_eq(list.count, 100);
    ck_assert_uint_eq(list.errors, 100);
    ck_assert_uint_ge(list.alloc, 100);
    char want[16];
    for (int i = 0; i < 100; i++) {
        snprintf(want, sizeof want, "n%d", i);
        ck_assert_str_eq(list.items[i].message, want);
        ck_assert_int_eq(list.items[i].line, i + 1);
    }
    ct_diag_list_dispose(&list);
}
END_TEST

START_TEST(test_diag_dispose_resets_the_list)
{
    ct_diag_list list = CT_DIAG_LIST_INIT;
    ck_assert_int_eq(ct_diag_add(&list, CT_DIAG_ERROR, "f", 1, 1, "/a", "m"), 0);
    ct_diag_list_dispose(&list);
    ck_assert_ptr_null(list.items);
    ck_assert_uint_eq(list.count, 0);
    ck_assert_uint_eq(list.alloc, 0);
    ck_assert_uint_eq(list.errors, 0);
    /* disposing an empty list, and twice, is harmless; the list is reusable */
    ct_diag_list_dispose(&list);
    ck_assert_int_eq(ct_diag_add(&list, CT_DIAG_ERROR, "g", 2, 0, NULL, "again"), 0);
    ck_assert_str_eq(list.items[0].file, "g");
    ct_diag_list_dispose(&list);
}
END_TEST

START_TEST(test_diag_message_is_cut_at_1023_bytes)
{
    ct_diag_list list = CT_DIAG_LIST_INIT;
    char big[3000];
    memset(big, 'm', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    ck_assert_int_eq(ct_diag_add(&list, CT_DIAG_ERROR, "f", 0, 0, NULL, "%s", big), 0);
    ck_assert_uint_eq(strlen(list.items[0].message), 1023);
    ct_diag_list_dispose(&list);
}
END_TEST

/* Each combination of line, column and pointer, as people read it. */
START_TEST(test_diag_format_locates_by_line_column_or_pointer)
{
    char buf[CT_DIAG_FORMAT_MAX];
    ct_diag d = {CT_DIAG_ERROR, "a.json", 14, 9, NULL, "expected number"};
    ck_assert_str_eq(formatted(&d, buf, sizeof buf), "a.json:14:9: expected number");
    d.column = 0;
    ck_assert_str_eq(formatted(&d, buf, sizeof buf), "a.json:14: expected number");
    d.pointer = "/value/low";
    ck_assert_str_eq(formatted(&d, buf, sizeof buf), "a.json:14: /value/low: expected number");
    d.column = 3; /* line, column and pointer: all three */
    ck_assert_str_eq(formatted(&d, buf, sizeof buf), "a.json:14:3: /value/low: expected number");
    d.pointer = "";
    ck_assert_str_eq(formatted(&d, buf, sizeof buf), "a.json:14:3: /: expected number");
    d.pointer = "/value/low";
    d.line = 0;
    d.column = 0;
    ck_assert_str_eq(formatted(&d, buf, sizeof buf), "a.json: /value/low: expected number");
    d.pointer = ""; /* the whole document */
    ck_assert_str_eq(formatted(&d, buf, sizeof buf), "a.json: /: expected number");
    d.pointer = NULL;
    ck_assert_str_eq(formatted(&d, buf, sizeof buf), "a.json: expected number");
    d.file = NULL;
    ck_assert_str_eq(formatted(&d, buf, sizeof buf), "claimtrack: expected number");
}
END_TEST

START_TEST(test_diag_format_marks_warnings)
{
    char buf[CT_DIAG_FORMAT_MAX];
    ct_diag d = {CT_DIAG_WARNING, "t.json", 0, 0, "/claims/2", "quote not found"};
    ck_assert_str_eq(formatted(&d, buf, sizeof buf), "t.json: /claims/2: warning: quote not found");
    d.line = 7;
    d.column = 2;
    d.pointer = NULL;
    ck_assert_str_eq(formatted(&d, buf, sizeof buf), "t.json:7:2: warning: quote not found");
}
END_TEST

START_TEST(test_diag_format_cuts_to_the_buffer)
{
    char buf[12];
    ct_diag d = {CT_DIAG_ERROR, "file.json", 3, 4, NULL, "a long message"};
    ct_diag_format_to(&d, buf, sizeof buf);
    ck_assert_str_eq(buf, "file.json:3");
    char *s = ct_diag_format(&d);
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s, "file.json:3:4: a long message");
    ct_free(s);
}
END_TEST

static char *print_to_string(const ct_diag_list *list)
{
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(fp);
    ct_diag_print(list, fp);
    ck_assert_int_eq(fclose(fp), 0);
    return text;
}

START_TEST(test_diag_print_writes_one_line_each)
{
    ct_diag_list list = CT_DIAG_LIST_INIT;
    ck_assert_int_eq(ct_diag_add(&list, CT_DIAG_ERROR, "a.xml", 3, 5, NULL, "bad tag"), 0);
    ck_assert_int_eq(ct_diag_add(&list, CT_DIAG_WARNING, "b.json", 0, 0, "/x", "odd"), 0);
    char *text = print_to_string(&list);
    ck_assert_str_eq(text, "a.xml:3:5: bad tag\nb.json: /x: warning: odd\n");
    free(text);
    ct_diag_list empty = CT_DIAG_LIST_INIT;
    text = print_to_string(&empty);
    ck_assert_str_eq(text, "");
    free(text);
    ct_diag_list_dispose(&list);
}
END_TEST

START_TEST(test_diag_print_reports_lost_diagnostics)
{
    /* a list that could not store a diagnostic says so after the rest */
    ct_diag_list list = CT_DIAG_LIST_INIT;
    ck_assert_int_eq(ct_diag_add(&list, CT_DIAG_ERROR, "a.json", 1, 2, NULL, "first"), 0);
    list.oom = 1;
    char *text = print_to_string(&list);
    ck_assert_str_eq(text, "a.json:1:2: first\n"
                           "claimtrack: error: out of memory while recording diagnostics\n");
    free(text);
    ct_diag_list_dispose(&list);
    ck_assert_int_eq(list.oom, 0);
}
END_TEST

Suite *suite_diag(void)
{
    Suite *s = suite_create("diag");
    TCase *tc = tcase_create("diag");
    tcase_add_test(tc, test_diag_add_copies_every_string);
    tcase_add_test(tc, test_diag_warnings_are_not_counted_as_errors);
    tcase_add_test(tc, test_diag_list_grows_and_keeps_order);
    tcase_add_test(tc, test_diag_dispose_resets_the_list);
    tcase_add_test(tc, test_diag_message_is_cut_at_1023_bytes);
    tcase_add_test(tc, test_diag_format_locates_by_line_column_or_pointer);
    tcase_add_test(tc, test_diag_format_marks_warnings);
    tcase_add_test(tc, test_diag_format_cuts_to_the_buffer);
    tcase_add_test(tc, test_diag_print_writes_one_line_each);
    tcase_add_test(tc, test_diag_print_reports_lost_diagnostics);
    suite_add_tcase(s, tc);
    return s;
}
