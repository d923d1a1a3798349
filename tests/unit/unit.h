/*
 * unit.h - shared helpers of the Check unit tests.
 */
#ifndef CT_UNIT_H
#define CT_UNIT_H

#include <check.h>

#include "claimtrack/conflict.h"
#include "claimtrack/corpus.h"
#include "claimtrack/diag.h"

Suite *suite_value(void);
Suite *suite_schema(void);
Suite *suite_corpus(void);
Suite *suite_conflict(void);
Suite *suite_fileio(void);
Suite *suite_review(void);
Suite *suite_diag(void);
Suite *suite_strtab(void);
Suite *suite_xml_read(void);
Suite *suite_export(void);
Suite *suite_report(void);
Suite *suite_namemap(void);
Suite *suite_declarations(void);
Suite *suite_exact(void);
Suite *suite_ruleconf(void);
Suite *suite_suggest(void);
Suite *suite_locate(void);
Suite *suite_snapshot(void);
Suite *suite_claims(void);
Suite *suite_claimline(void);

/* A scratch folder holding sources.json (sources "a", "b", "c", "d") and
 * topic.json built from `properties` and `claims` (JSON text). */
typedef struct {
    char dir[64];
    ct_corpus *corpus;
    ct_conflict_set *set;
    ct_diag_list diags;
    int rc;
} fixture;

/* Write the files, load them and find conflicts (when loading succeeds). */
void fixture_load(fixture *f, const char *properties, const char *claims);
/* Write `text` to `name` inside the fixture folder (created on first use). */
void fixture_write(fixture *f, const char *name, const char *text);
void fixture_dispose(fixture *f);

/* Path of a file in tests/fixtures/ (TESTS_DIR, default "tests"). */
const char *fixture_path(char *buf, size_t n, const char *name);

#endif
