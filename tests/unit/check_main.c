/*
 * check_main.c - runs every Check suite of the unit tests.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "claimtrack/common.h"

const char *fixture_path(char *buf, size_t n, const char *name)
{
    const char *dir = getenv("TESTS_DIR");
    snprintf(buf, n, "%s/fixtures/%s", dir ? dir : "tests", name);
    return buf;
}

void fixture_write(fixture *f, const char *name, const char *text)
{
    if (!f->dir[0]) {
        snprintf(f->dir, sizeof f->dir, "/tmp/ct-unit-XXXXXX");
        ck_assert_ptr_nonnull(mkdtemp(f->dir));
    }
    char path[256];
    snprintf(path, sizeof path, "%s/%s", f->dir, name);
    FILE *fp = fopen(path, "w");
    ck_assert_ptr_nonnull(fp);
    fputs(text, fp);
    ck_assert_int_eq(fclose(fp), 0);
}

void fixture_load(fixture *f, const char *properties, const char *claims)
{
    char buf[16384];
    ct_diag_list empty = CT_DIAG_LIST_INIT;
    f->diags = empty;
    fixture_write(f, "sources.json",
                  "{\"sources\": {\"a\": {\"title\": \"A\"}, \"b\": {\"title\": \"B\"},"
                  " \"c\": {\"title\": \"C\"}, \"d\": {\"title\": \"D\"}}}");
    snprintf(buf, sizeof buf,
             "{\"topic\": \"t\", \"title\": \"T\", \"properties\": %s, \"claims\": %s}", properties,
             claims);
    fixture_write(f, "topic.json", buf);
    ck_assert_int_eq(ct_corpus_new(&f->corpus), 0);
    const char *paths[] = {f->dir};
    f->rc = ct_corpus_load(f->corpus, paths, 1, NULL, &f->diags);
    if (f->rc == 0)
        ck_assert_int_eq(ct_conflict_find(&f->set, f->corpus), 0);
}

void fixture_dispose(fixture *f)
{
    ct_conflict_set_free(f->set);
    ct_corpus_free(f->corpus);
    ct_diag_list_dispose(&f->diags);
    if (f->dir[0]) {
        char cmd[128];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
        ck_assert_int_eq(system(cmd), 0);
    }
    memset(f, 0, sizeof *f);
}

int main(void)
{
    ct_alloc_setup_jansson();
    SRunner *sr = srunner_create(suite_value());
    srunner_add_suite(sr, suite_schema());
    srunner_add_suite(sr, suite_corpus());
    srunner_add_suite(sr, suite_conflict());
    srunner_add_suite(sr, suite_fileio());
    srunner_add_suite(sr, suite_review());
    srunner_add_suite(sr, suite_snapshot());
    srunner_add_suite(sr, suite_diag());
    srunner_add_suite(sr, suite_strtab());
    srunner_add_suite(sr, suite_xml_read());
    srunner_add_suite(sr, suite_locate());
    srunner_add_suite(sr, suite_export());
    srunner_add_suite(sr, suite_report());
    srunner_add_suite(sr, suite_namemap());
    srunner_add_suite(sr, suite_declarations());
    srunner_add_suite(sr, suite_exact());
    srunner_add_suite(sr, suite_ruleconf());
    srunner_add_suite(sr, suite_suggest());
    srunner_add_suite(sr, suite_claims());
    srunner_add_suite(sr, suite_claimline());
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
