/*
 * check_fileio.c - atomic file replacement.
 */
#include "unit.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "claimtrack/common.h"
#include "claimtrack/fileio.h"

START_TEST(test_atomic_commit_replaces_whole_file)
{
    char dir[] = "/tmp/ct-fileio-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/out.txt", dir);
    FILE *fp = fopen(path, "w");
    fputs("old", fp);
    fclose(fp);
    ct_atomic_file f;
    ck_assert_int_eq(ct_atomic_open(&f, path), 0);
    fputs("new contents", f.fp);
    /* until the commit, readers still see the old file */
    char *text;
    size_t len;
    ck_assert_int_eq(ct_file_read(path, &text, &len), 0);
    ck_assert_str_eq(text, "old");
    ct_free(text);
    ck_assert_int_eq(ct_atomic_commit(&f), 0);
    ck_assert_int_eq(ct_file_read(path, &text, &len), 0);
    ck_assert_str_eq(text, "new contents");
    ck_assert_uint_eq(len, 12);
    ct_free(text);
    ck_assert_int_eq(unlink(path), 0);
    ck_assert_int_eq(rmdir(dir), 0); /* no temporary file left behind */
}
END_TEST

START_TEST(test_atomic_abort_keeps_old_file)
{
    char dir[] = "/tmp/ct-fileio-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/out.txt", dir);
    ct_atomic_file f;
    ck_assert_int_eq(ct_atomic_open(&f, path), 0);
    fputs("partial", f.fp);
    ct_atomic_abort(&f);
    struct stat st;
    ck_assert_int_eq(stat(path, &st), -1);
    ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

START_TEST(test_atomic_open_in_missing_folder_fails)
{
    ct_atomic_file f;
    ck_assert_int_eq(ct_atomic_open(&f, "/nonexistent-ct-dir/x"), CT_EIO);
}
END_TEST

Suite *suite_fileio(void)
{
    Suite *s = suite_create("fileio");
    TCase *tc = tcase_create("fileio");
    tcase_add_test(tc, test_atomic_commit_replaces_whole_file);
    tcase_add_test(tc, test_atomic_abort_keeps_old_file);
    tcase_add_test(tc, test_atomic_open_in_missing_folder_fails);
    suite_add_tcase(s, tc);
    return s;
}
