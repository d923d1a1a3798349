/*
 * claimtrack/claims.h - every claim of a corpus, grouped: what the sources
 * agree on, what they only question, what a speaker revised, and where they
 * clash (`claimtrack claims`, the workbench's subject pages).
 *
 * A group is (topic, canonical subject, property), as in conflict finding.
 * Its positions are its current claims (revised ones left out) with equal
 * stance and value, in the order of a conflict's positions; a group with a
 * conflict takes that conflict's positions.  Each group has one status:
 *
 *   conflict    the group is a conflict (its positions clash)
 *   agreement   two or more sources take a stand (assert or deny) and no
 *               positions clash
 *   single      one source takes a stand
 *   open        no current claim takes a stand: only questions
 *   uncompared  a text property: values are never compared
 */
#ifndef CLAIMTRACK_CLAIMS_H
#define CLAIMTRACK_CLAIMS_H

#include <stdio.h>

#include "claimtrack/conflict.h"
#include "claimtrack/corpus.h"
#include "claimtrack/report.h"

typedef enum {
    CT_GROUP_CONFLICT,
    CT_GROUP_AGREEMENT,
    CT_GROUP_SINGLE,
    CT_GROUP_OPEN,
    CT_GROUP_UNCOMPARED
} ct_group_status;
#define CT_GROUP_STATUS_COUNT 5

/* "conflict", "agreement", "single", "open", "uncompared". */
const char *ct_group_status_name(ct_group_status s);

/* Which groups to list; NULL fields select everything.  A group is listed
 * when it is of `topic` (an id), its subject is `subject` (the canonical name
 * or any of its aliases in the group's topic) and `source` (an id) makes one
 * of its claims.  The filters combine; a listed group is shown whole. */
typedef struct {
    const char *topic, *subject, *source;
} ct_claims_filter;

typedef struct {
    const char *display;    /* the value for people */
    const char *value_json; /* the value as written */
    int denies, questions;
    const size_t *claims; /* indexes into the corpus's claims, by claim id */
    size_t n_claims;
    size_t n_sources; /* distinct sources among its claims */
} ct_claims_position;

typedef struct {
    size_t topic; /* index into the corpus's topics */
    const char *subject;
    size_t property; /* index into the topic's properties */
    ct_group_status status;
    const ct_conflict *conflict; /* the group's conflict, or NULL */
    ct_claims_position *positions;
    size_t n_positions;
    size_t *claims; /* every claim of the group, revised ones too, by claim id */
    size_t n_claims;
    size_t *revisions; /* indexes into the conflict set's revisions */
    size_t n_revisions;
    const ct_conflict **rules; /* rule conflicts a claim of the group takes part in */
    size_t n_rules;
    size_t n_sources; /* distinct sources taking a stand now */
} ct_claims_group;

typedef struct {
    ct_claims_group *groups; /* by topic id, subject, property name */
    size_t n_groups;
    size_t n_claims;                      /* claims in the listed groups */
    size_t status[CT_GROUP_STATUS_COUNT]; /* groups per status */
} ct_claims_view;

/* Check the filter's names against `corpus`: 0 when each given one exists,
 * else CT_ENOTFOUND with *what set to "topic", "subject" or "source". */
int ct_claims_filter_check(const char **what, const ct_corpus *corpus, const ct_claims_filter *f);

/* 1 when `name` is subject `subject` (canonical) of topic `t` or one of its
 * aliases, compared exactly; 0 otherwise. */
int ct_claims_subject_is(const ct_topic *t, const char *subject, const char *name);

/* Group the claims of `corpus` selected by `f` (NULL: all) with what `set`
 * found in it.  Returns 0 or CT_ENOMEM; *out is new, free with
 * ct_claims_view_free. */
int ct_claims_view_build(ct_claims_view **out, const ct_corpus *corpus, const ct_conflict_set *set,
                         const ct_claims_filter *f);
void ct_claims_view_free(ct_claims_view *view);

/* Write `view` (built from report->corpus and report->conflicts) as "text",
 * "json" (schema/claims.schema.json) or "csv" (the columns of check --format
 * csv, one row per claim).  Conflicts carry their review state from
 * report->reviews.  Returns 0, CT_ENOTFOUND (format), CT_ENOMEM or CT_EIO. */
int ct_claims_write(const ct_report *report, const ct_claims_view *view, const char *format,
                    FILE *out);

/* The view as the JSON document of ct_claims_write; new reference, NULL
 * when out of memory. */
json_t *ct_claims_to_json(const ct_report *report, const ct_claims_view *view);

#endif
