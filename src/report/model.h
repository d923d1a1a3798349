/*
 * model.h - the typed report model every writer reads (internal to the
 * report module and its unit tests).
 *
 * Built once from a ct_report (corpus, conflict set, reviews, fail-on
 * policy): positions in their final order (a resolved review's preferred
 * position first, clashes renumbered to match), each conflict's review state
 * and blocking flag, claims, revisions, sources and topics by id, and the
 * summary counts.  Reviews annotate the model; the conflict set is never
 * changed.  Strings are borrowed from the corpus, the conflict set and the
 * review set, which must outlive the model.
 */
#ifndef CT_REPORT_MODEL_H
#define CT_REPORT_MODEL_H

#include <jansson.h>

#include "claimtrack/report.h"

typedef struct {
    const char *display; /* the value for people */
    json_t *value;       /* the value as written (of the first claim); owned */
    int denies;
    int questions;           /* stance "questions": shown, never in a clash */
    const ct_claim **claims; /* by claim id; borrowed from the corpus */
    size_t n_claims;
    size_t origin; /* its index in the conflict's positions */
    /* what it is about: the conflict's subject and property, or in a rule
     * conflict its term's (term: index into the rule's left then right) */
    const char *subject;
    const ct_property *property;
    size_t term;
} ct_report_position;

/* One change to a reviewed conflict since its review (ct_review_change). */
typedef struct {
    ct_change_kind kind;
    const char *claim;         /* claim id (rule id for CT_CHANGE_RULE); borrowed */
    unsigned fields;           /* edited: 1u << ct_claim_field per changed field */
    char *was, *now;           /* edited value: before and today, for people; owned, else NULL */
    const ct_claim *now_claim; /* the claim today (added, edited), else NULL */
    /* for people: "claim x added", "x: value 6 → 5", "x: quote changed";
     * owned */
    char *text;
} ct_report_change;

typedef struct {
    ct_review_state state;
    int blocking; /* blocks the gate under the report's fail-on policy */
    /* a review's snapshot: 1 when the review kept one (changes then lists
     * what changed since, empty unless stale); 0 for reviews written before */
    int has_snapshot;
    ct_report_change *changes;
    size_t n_changes;
    char *changes_text; /* the changes' sentences joined by "; ", or NULL; owned */
    /* the review's fields, NULL when absent (always, when unreviewed) */
    const char *status, *note, *reviewer, *date, *reviewed_digest;
    const char **prefer; /* the preferred claims of a resolution */
    size_t n_prefer;
} ct_report_review;

/* A conflict against the baseline report (check --baseline). */
typedef enum {
    CT_BASELINE_NONE, /* no baseline given */
    CT_BASELINE_NEW,
    CT_BASELINE_UPDATED, /* the same id, another digest */
    CT_BASELINE_UNCHANGED,
    CT_BASELINE_ABSENT /* in the baseline only */
} ct_baseline_state;

/* "new", "updated", "unchanged", "absent"; NULL for CT_BASELINE_NONE. */
const char *ct_report__baseline_state_name(ct_baseline_state s);

/* A conflict of the baseline no longer found; strings borrowed from the
 * baseline document (NULL when absent there). */
typedef struct {
    const json_t *entry; /* the baseline's conflict object */
    const char *id, *digest, *topic, *subject, *property, *type, *severity;
    const char *title; /* absent from older reports */
} ct_report_absent;

typedef struct {
    const ct_conflict
        *conflict; /* id, digest, subject, type, severity, n_claims, clashes_truncated */
    const ct_topic *topic;
    const ct_property *property; /* a rule conflict's means nothing: see its positions */
    const ct_rule *rule;         /* the rule of a rule conflict, else NULL */
    char *title;                 /* "subject · property", or "rule <id> · subject"; owned */
    /* a rule conflict's rule as applied, e.g. "dead + survivors = aboard"
     * (a term of another subject as "subject · property"); owned, else NULL */
    char *rule_text;
    ct_report_position *positions; /* final order */
    size_t n_positions;
    ct_clash *clashes; /* indexes into `positions`, by (a, b) */
    size_t n_clashes;
    ct_report_review review;
    ct_baseline_state baseline;
    const json_t *baseline_entry; /* this conflict in the baseline report, borrowed; or NULL */
    size_t preferred; /* index of the preferred position + 1, 0 when none (resolved reviews) */
} ct_report_conflict;

typedef struct {
    const ct_topic *topic;
    size_t n_claims, n_conflicts;
} ct_report_topic;

typedef struct {
    const ct_claim *from; /* the earlier claim */
    const ct_claim *to;   /* the later claim that revises it */
    const ct_topic *topic;
    const ct_property *property;
    const char *claimant; /* the speaker: the declared claimant, else the source */
    /* when each was said, as ordered: as_of as written, else the source's
     * published date (basis "as of" / "published"), else NULL ("undated") */
    const char *from_date, *to_date;
    const char *from_basis, *to_basis;
} ct_report_revision;

/* "asserts", "denies" or "questions". */
const char *ct_report__stance(const ct_claim *c);
/* "denies: ", "questions: " or "" before a value for people. */
const char *ct_report__stance_prefix(const ct_claim *c);

typedef struct {
    size_t claims, sources, topics, groups, conflicts, revisions, blocking;
    size_t severity[3]; /* indexed by ct_severity */
    size_t review[5];   /* indexed by ct_review_state */
    size_t baseline[5]; /* indexed by ct_baseline_state */
} ct_report_summary;

typedef struct {
    int color;               /* ANSI colour in the text format */
    unsigned options;        /* ct_report.options */
    const ct_corpus *corpus; /* ct_report.corpus, borrowed */
    long long elapsed_ms;    /* ct_report.elapsed_ms */
    ct_report_summary summary;
    const ct_source **sources; /* by id */
    size_t n_sources;
    ct_report_topic *topics; /* by id */
    size_t n_topics;
    ct_report_conflict *conflicts; /* in the conflict set's order: by topic id, subject, property */
    size_t n_conflicts;
    ct_report_revision *revisions;
    size_t n_revisions;
    const char **orphans; /* ids of reviews whose conflict no longer exists */
    size_t n_orphans;
    json_t *orphans_json;     /* owns the strings of `orphans` */
    ct_agreement *agreement;  /* n_sources * n_sources, by `sources` (ct_source_agreement) */
    int has_baseline;         /* check --baseline */
    ct_report_absent *absent; /* baseline conflicts no longer found, in the baseline's order */
    size_t n_absent;
} ct_report_model;

/* Build the model of `report`.  Returns 0 or CT_ENOMEM; *out is new, free
 * with ct_report__model_free. */
int ct_report__model_build(ct_report_model **out, const ct_report *report);
void ct_report__model_free(ct_report_model *model);

/* What position `p` of `rc` is about, for labels: its property, or
 * "subject · property" when its subject is not the conflict's; borrowed
 * strings written into buf (at most n bytes: a longer label is cut before a
 * whole UTF-8 character and ends in "…"). */
const char *ct_report__position_label(const ct_report_conflict *rc, const ct_report_position *p,
                                      char *buf, size_t n);

/* The entry of conflict `c` of the report's conflict set; borrowed. */
const ct_report_conflict *ct_report__model_conflict(const ct_report_model *model,
                                                    const ct_report *report, const ct_conflict *c);

/* The model as the JSON report document (schema/report.schema.json); new
 * reference, NULL when out of memory. */
/* The changes to conflict `c` since its review into rv (has_snapshot,
 * changes); 0 or CT_ENOMEM.  ct_report__changes_free frees them. */
int ct_report__changes(ct_report_review *rv, const ct_report *r, const ct_conflict *c);
void ct_report__changes_free(ct_report_review *rv);

/* The names of the fields in `fields` (1u << ct_claim_field each) joined
 * as "quote", "quote and hedge", "stance, quote and hedge" into buf. */
void ct_report__field_list(unsigned fields, char *buf, size_t n);

/* The index in rc->positions of the conflict's position `origin`. */
size_t ct_report__position_index(const ct_report_conflict *rc, size_t origin);

json_t *ct_report__model_to_json(const ct_report_model *model);

#endif
