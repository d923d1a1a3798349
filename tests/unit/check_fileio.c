/*
 * check_fileio.c - atomic file replacement.
 */
#include "unit.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "claimtrack/common.h"
#include "claimtrack/corpus.h"
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
    ck_assert_int_eq(ct_file_read(&text, &len, path), 0);
    ck_assert_str_eq(text, "old");
    ct_free(text);
    ck_assert_int_eq(ct_atomic_commit(&f), 0);
    ck_assert_int_eq(ct_file_read(&text, &len, path), 0);
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

/* prepare creates nothing; abort after it removes nothing (not even a file
 * that happens to be named like the pattern) */
START_TEST(test_atomic_prepare_creates_nothing)
{
    char dir[] = "/tmp/ct-fileio-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[128], decoy[160];
    snprintf(path, sizeof path, "%s/out.txt", dir);
    snprintf(decoy, sizeof decoy, "%s.tmpXXXXXX", path);
    FILE *fp = fopen(decoy, "w");
    ck_assert_ptr_nonnull(fp);
    fclose(fp);
    ct_atomic_file f;
    ck_assert_int_eq(ct_atomic_prepare(&f, path), 0);
    ck_assert_int_eq(f.direct, 0);
    ck_assert_ptr_null(f.fp);
    ct_atomic_abort(&f);
    ck_assert_int_eq(access(decoy, F_OK), 0);
    ck_assert_int_eq(unlink(decoy), 0);
    /* then create: the temporary file exists under f.tmp until the commit */
    ck_assert_int_eq(ct_atomic_prepare(&f, path), 0);
    ck_assert_int_eq(ct_atomic_create(&f), 0);
    ck_assert_int_eq(access(f.tmp, F_OK), 0);
    fputs("x", f.fp);
    ck_assert_int_eq(ct_atomic_commit(&f), 0);
    ck_assert_int_eq(unlink(path), 0);
    ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

START_TEST(test_resolve_and_same_file)
{
    char dir[] = "/tmp/ct-fileio-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char real[128], link1[128], link2[128], other[128], hard[128];
    snprintf(real, sizeof real, "%s/real.json", dir);
    snprintf(link1, sizeof link1, "%s/l1", dir);
    snprintf(link2, sizeof link2, "%s/l2", dir);
    snprintf(other, sizeof other, "%s/other.json", dir);
    snprintf(hard, sizeof hard, "%s/hard.json", dir);
    FILE *fp = fopen(real, "w");
    fclose(fp);
    fp = fopen(other, "w");
    fclose(fp);
    ck_assert_int_eq(symlink("real.json", link1), 0);
    ck_assert_int_eq(symlink("l1", link2), 0); /* a chain of two links */
    ck_assert_int_eq(link(real, hard), 0);
    char *r = ct_path_resolve(link2);
    char *want = realpath(real, NULL);
    ck_assert_str_eq(r, want);
    ct_free(r);
    free(want);
    r = ct_path_resolve(other); /* not a link: itself */
    ck_assert_str_eq(r, other);
    ct_free(r);
    ck_assert_int_eq(ct_path_same_file(link2, real), 1);
    ck_assert_int_eq(ct_path_same_file(hard, real), 1);
    ck_assert_int_eq(ct_path_same_file(other, real), 0);
    ck_assert_int_eq(ct_path_same_file("/nonexistent-ct-x", real), 0);
    /* names of descriptors are written in place, whatever they lead to */
    ct_atomic_file f;
    ck_assert_int_eq(ct_atomic_prepare(&f, "/dev/stdout"), 0);
    ck_assert_int_eq(f.direct, 2);
    ct_atomic_abort(&f);
    unlink(link2);
    unlink(link1);
    unlink(hard);
    unlink(other);
    unlink(real);
    ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

START_TEST(test_corpus_file_name_loaded)
{
    ck_assert_int_eq(ct_corpus_file_name_loaded("a.json"), 1);
    ck_assert_int_eq(ct_corpus_file_name_loaded("a.jsonl"), 1);
    ck_assert_int_eq(ct_corpus_file_name_loaded("a.xml"), 1);
    ck_assert_int_eq(ct_corpus_file_name_loaded("a.txt"), 0);
    ck_assert_int_eq(ct_corpus_file_name_loaded(".a.json"), 0);
    ck_assert_int_eq(ct_corpus_file_name_loaded("reviews.json"), 0);
    ck_assert_int_eq(ct_corpus_file_name_loaded("topic.schema.json"), 0);
}
END_TEST

Suite *suite_fileio(void)
{
    Suite *s = suite_create("fileio");
    TCase *tc = tcase_create("fileio");
    tcase_add_test(tc, test_atomic_commit_replaces_whole_file);
    tcase_add_test(tc, test_atomic_abort_keeps_old_file);
    tcase_add_test(tc, test_atomic_open_in_missing_folder_fails);
    tcase_add_test(tc, test_atomic_prepare_creates_nothing);
    tcase_add_test(tc, test_resolve_and_same_file);
    tcase_add_test(tc, test_corpus_file_name_loaded);
    suite_add_tcase(s, tc);
    return s;
}
