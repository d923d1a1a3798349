/*
 * claimtrack/report.h - one report model, one writer per format.
 *
 * Writers live in src/report/<format>.c and are listed in one table
 * (CT_REPORT_FORMAT_TABLE in src/report/report_int.h); adding a format is one
 * row and one file.  Each write builds the typed report model once
 * (src/report/model.h): positions in their final order, a resolved review's
 * preferred position first.  Reports never change the conflict set.
 */
#ifndef CLAIMTRACK_REPORT_H
#define CLAIMTRACK_REPORT_H

#include <jansson.h>
#include <stdio.h>

#include "claimtrack/conflict.h"
#include "claimtrack/corpus.h"
#include "claimtrack/review.h"

typedef struct {
    const ct_corpus *corpus;
    const ct_conflict_set *conflicts;
    const ct_review_set *reviews; /* may be NULL: every conflict unreviewed */
    ct_fail_on fail_on;           /* which conflicts block the gate */
    int color;                    /* ANSI colour in the text format */
    /* The JSON report of a base branch (check --baseline), or NULL: each
     * conflict is then new, updated (digest changed) or unchanged, and the
     * baseline's conflicts no longer found are absent.  With CT_FAIL_ON_NEW
     * only new or updated conflicts that are not reviewed block the gate. */
    const json_t *baseline;
    unsigned options; /* CT_REPORT_* flags below; 0: the formats as consumers read them */
    /* Wall time of the run so far in milliseconds (the JUnit report's
     * time), or 0 when unknown. */
    long long elapsed_ms;
} ct_report;

enum {
    /* JUnit: claimtrack's two extensions beyond the stock junit-4.xsd (each
     * case's review as <properties>, and its claim file as `file`) */
    CT_REPORT_JUNIT_EXTENSIONS = 1,
    /* SARIF: every conflict, reviewed ones with an accepted suppression, and
     * with a baseline the absent ones (default: only the blocking conflicts,
     * as GitHub code scanning reads it) */
    CT_REPORT_SARIF_INCLUDE_REVIEWED = 2,
    /* CSV: a UTF-8 byte order mark first (Excel then reads UTF-8) */
    CT_REPORT_CSV_BOM = 4,
    /* CSV: after the conflicts' claims, every other claim of the corpus
     * (export --format csv: agreements and questions too) */
    CT_REPORT_CSV_ALL_CLAIMS = 8,
    /* every format: only the conflicts that block the gate (the summary still
     * counts all; absent baseline conflicts left out) */
    CT_REPORT_ONLY_BLOCKING = 16
};

/* The number of conflicts that block the gate into *n.  Returns 0 or
 * CT_ENOMEM (a baseline needs an index). */
int ct_report_count_blocking(size_t *n, const ct_report *report);

/* 0 when `doc` (borrowed) looks like a JSON report of claimtrack (an object
 * whose "conflicts" is an array of objects with string "id" and "digest"),
 * else CT_EINVALID. */
int ct_report_baseline_check(const json_t *doc);

/* Write `report` (borrowed) as `format` (one of ct_report_formats()) to `out`.
 * Returns 0, CT_ENOTFOUND for an unknown format, CT_ENOMEM or CT_EIO. */
int ct_report_write(const ct_report *report, const char *format, FILE *out);

/* 1 when `format` names a known writer, else 0. */
int ct_report_format_known(const char *format);
/* The known formats, comma-separated, for messages; static. */
const char *ct_report_formats(void);
/* The name of the i-th format of the table (the first is the default), or
 * NULL past the end; static. */
const char *ct_report_format_name(size_t i);

/* How often two sources agree and clash: over the groups (topic, subject,
 * property) both make claims on, a group counts as a clash when a position
 * of one clashes with a position of the other, else as an agreement.  A
 * claim that only questions a value takes no stand (neither).  Each rule
 * conflict counts one clash more for two sources when, in one of its
 * violations, one holds a position of the left side and the other one of
 * the right side. */
typedef struct {
    size_t agree, clash;
} ct_agreement;

/* The agreement of every pair of the `n` sources `ids` (sorted by strcmp):
 * *cells is new (ct_free), n * n entries, cells[i * n + j] for ids[i] and
 * ids[j], symmetric, the diagonal zero.  Returns 0 or CT_ENOMEM. */
int ct_source_agreement(ct_agreement **cells, const ct_corpus *corpus, const ct_conflict_set *set,
                        const char *const *ids, size_t n);

/* The report as a JSON document (the "json" format's content); new
 * reference, NULL when out of memory. */
json_t *ct_report_to_json(const ct_report *report);

/* A conflict's title: "subject · property", or for a rule conflict "rule
 * <rule id> · subject".  New string (ct_free), NULL when out of memory. */
char *ct_report_conflict_title(const ct_topic *topic, const ct_conflict *c);

/* A rule conflict's rule as applied to its subject, e.g. "dead + survivors =
 * aboard" (a term of another subject as "subject · property").  New string
 * (ct_free); NULL for other conflicts or when out of memory. */
char *ct_report_rule_text(const ct_topic *topic, const ct_conflict *c);

/* What changed in conflict `c` since its review (report->reviews), one
 * sentence per change: "claim x added", "x: value 6 → 5", "x: quote
 * changed".  A new JSON array of strings: empty when the conflict is not
 * stale or its review kept no snapshot (reviews written before snapshots);
 * NULL when out of memory. */
json_t *ct_report_change_texts(const ct_report *report, const ct_conflict *c);

/* Print one conflict (borrowed) of the report's conflict set in full to
 * `out`, as the text format does.  Returns 0, CT_ENOTFOUND (not in the set),
 * CT_ENOMEM or CT_EIO. */
int ct_report_write_conflict_text(const ct_report *report, const ct_conflict *c, FILE *out);

#endif
