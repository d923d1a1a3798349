/*
 * check_strtab.c - the string arena and its intern table.
 */
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "util/strtab.h"

START_TEST(test_strtab_copy_adds_nul_and_keeps_each_copy)
{
    ct_strtab t = CT_STRTAB_INIT;
    const char *a = ct_strtab__copy(&t, "hello world", 5);
    const char *b = ct_strtab__copy(&t, "hello", 5);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_str_eq(a, "hello");
    ck_assert_str_eq(b, "hello");
    ck_assert_ptr_ne(a, b); /* copies are never shared */
    const char *e = ct_strtab__copy(&t, "", 0);
    ck_assert_ptr_nonnull(e);
    ck_assert_str_eq(e, "");
    ct_strtab__dispose(&t);
}
END_TEST

START_TEST(test_strtab_intern_returns_one_shared_copy)
{
    ct_strtab t = CT_STRTAB_INIT;
    char buf[] = "source-a";
    const char *a = ct_strtab__intern(&t, buf, strlen(buf));
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_ne(a, buf);
    buf[0] = 'X'; /* the table holds its own copy */
    ck_assert_str_eq(a, "source-a");
    ck_assert_ptr_eq(ct_strtab__intern(&t, "source-a", 8), a);
    /* a prefix or a longer string is a different string */
    const char *p = ct_strtab__intern(&t, "source-a-long", 6);
    ck_assert_str_eq(p, "source");
    ck_assert_ptr_ne(p, a);
    ck_assert_ptr_ne(ct_strtab__intern(&t, "source-ab", 9), a);
    ct_strtab__dispose(&t);
}
END_TEST

START_TEST(test_strtab_lookup_finds_only_interned_strings)
{
    ct_strtab t = CT_STRTAB_INIT;
    ck_assert_ptr_null(ct_strtab__lookup(&t, "x", 1)); /* empty table */
    const char *x = ct_strtab__intern(&t, "x", 1);
    ck_assert_ptr_eq(ct_strtab__lookup(&t, "xyz", 1), x);
    ck_assert_ptr_null(ct_strtab__lookup(&t, "xyz", 3));
    ck_assert_ptr_null(ct_strtab__lookup(&t, "", 0));
    /* a copy is not interned */
    ck_assert_ptr_nonnull(ct_strtab__copy(&t, "only-copied", 11));
    ck_assert_ptr_null(ct_strtab__lookup(&t, "only-copied", 11));
    ct_strtab__dispose(&t);
}
END_TEST

START_TEST(test_strtab_intern_survives_table_growth)
{
    ct_strtab t = CT_STRTAB_INIT;
    enum { N = 5000 };
    static const char *first[N];
    char buf[32];
    for (int i = 0; i < N; i++) {
        snprintf(buf, sizeof buf, "subject-%d", i);
        first[i] = ct_strtab__intern(&t, buf, strlen(buf));
        ck_assert_ptr_nonnull(first[i]);
    }
    ck_assert_uint_eq(t.used, N);
    ck_assert_uint_ge(t.size, 2 * N); /* at most half full */
    for (int i = 0; i < N; i++) {
        snprintf(buf, sizeof buf, "subject-%d", i);
        ck_assert_ptr_eq(ct_strtab__intern(&t, buf, strlen(buf)), first[i]);
        ck_assert_ptr_eq(ct_strtab__lookup(&t, buf, strlen(buf)), first[i]);
        ck_assert_str_eq(first[i], buf);
    }
    ck_assert_uint_eq(t.used, N);
    ct_strtab__dispose(&t);
}
END_TEST

START_TEST(test_strtab_big_strings_and_many_chunks_stay_valid)
{
    ct_strtab t = CT_STRTAB_INIT;
    static char big[200000];
    memset(big, 'b', sizeof big);
    const char *small1 = ct_strtab__copy(&t, "before", 6);
    const char *huge = ct_strtab__copy(&t, big, sizeof big); /* its own chunk */
    const char *small2 = ct_strtab__copy(&t, "after", 5);
    ck_assert_ptr_nonnull(huge);
    ck_assert_uint_eq(strlen(huge), sizeof big);
    ck_assert_str_eq(small1, "before");
    ck_assert_str_eq(small2, "after");
    /* more than one ordinary chunk's worth of small strings */
    const char *kept[4000];
    char buf[64];
    for (int i = 0; i < 4000; i++) {
        snprintf(buf, sizeof buf, "%04d-abcdefghijklmnopqrstuvwxyz", i);
        kept[i] = ct_strtab__copy(&t, buf, strlen(buf));
        ck_assert_ptr_nonnull(kept[i]);
    }
    for (int i = 0; i < 4000; i++) {
        snprintf(buf, sizeof buf, "%04d-abcdefghijklmnopqrstuvwxyz", i);
        ck_assert_str_eq(kept[i], buf);
    }
    ck_assert_uint_eq(strspn(huge, "b"), sizeof big);
    ct_strtab__dispose(&t);
    ck_assert_ptr_null(t.chunks);
    ck_assert_ptr_null(t.slots);
    ck_assert_uint_eq(t.size, 0);
}
END_TEST

START_TEST(test_strtab_dispose_of_empty_table_is_harmless)
{
    ct_strtab t = CT_STRTAB_INIT;
    ct_strtab__dispose(&t);
    ct_strtab__dispose(&t);
    ck_assert_ptr_nonnull(ct_strtab__intern(&t, "reused", 6));
    ct_strtab__dispose(&t);
}
END_TEST

Suite *suite_strtab(void)
{
    Suite *s = suite_create("strtab");
    TCase *tc = tcase_create("strtab");
    tcase_add_test(tc, test_strtab_copy_adds_nul_and_keeps_each_copy);
    tcase_add_test(tc, test_strtab_intern_returns_one_shared_copy);
    tcase_add_test(tc, test_strtab_lookup_finds_only_interned_strings);
    tcase_add_test(tc, test_strtab_intern_survives_table_growth);
    tcase_add_test(tc, test_strtab_big_strings_and_many_chunks_stay_valid);
    tcase_add_test(tc, test_strtab_dispose_of_empty_table_is_harmless);
    suite_add_tcase(s, tc);
    return s;
}
