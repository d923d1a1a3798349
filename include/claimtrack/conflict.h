/*
 * claimtrack/conflict.h - finding where sources disagree.
 *
 * Claims are grouped by (topic, canonical subject, property).  Within a group,
 * claims with equal stance and value form a position; two positions clash
 * when both assert incompatible values (intervals that do not overlap, terms
 * neither equal nor broader/narrower, different booleans), or when one denies
 * X and the other asserts a Y that implies X (Y's interval inside X's, Y equal
 * to X or narrower, the same boolean).  A group with at least one clash is a
 * conflict.
 * Text values never clash; in a "multi" property only denials clash.
 *
 * The speaker of a claim is its `claimant`, else its source; a claimant spelt
 * like a source id is not that source.
 * A claimant (the `claimant`, else the source) that restates a different value
 * with a later `as_of` has revised it: the earlier claim is listed as a
 * revision and takes no part in clashes.
 */
#ifndef CLAIMTRACK_CONFLICT_H
#define CLAIMTRACK_CONFLICT_H

#include "claimtrack/corpus.h"

typedef enum {
    CT_CONFLICT_VALUE,             /* sources assert incompatible values */
    CT_CONFLICT_DENIAL,            /* one denies what another asserts */
    CT_CONFLICT_SELF_CONTRADICTION /* one claimant asserts incompatible values */
} ct_conflict_type;

typedef enum { CT_SEVERITY_LOW, CT_SEVERITY_MEDIUM, CT_SEVERITY_HIGH } ct_severity;

typedef struct {
    const char *display;    /* the value for people */
    const char *value_json; /* the value as written (of the first claim) */
    int denies;
    size_t *claims;         /* indexes into the corpus's claims, by claim id */
    size_t n_claims;
} ct_position;

typedef struct {
    size_t a, b; /* position indexes, a < b */
} ct_clash;

/* At most this many clash pairs are listed for one conflict. */
#define CT_CLASHES_MAX 1000

typedef struct {
    char id[12];      /* "CT-" + 8 hex digits of hash(topic, subject, property) */
    char digest[17];  /* 16 hex digits of hash(claims and values of the group) */
    size_t topic;     /* index into the corpus's topics */
    const char *subject;
    size_t property;  /* index into the topic's properties */
    ct_conflict_type type;
    ct_severity severity;
    ct_position *positions;
    size_t n_positions;
    ct_clash *clashes;
    size_t n_clashes;
    int clashes_truncated;
    size_t n_claims;  /* claims in the group, revised ones included */
} ct_conflict;

typedef struct {
    size_t claim; /* the earlier claim */
    size_t by;    /* the later claim of the same claimant that revises it */
} ct_revision;

typedef struct {
    ct_conflict *conflicts;
    size_t n_conflicts;
    ct_revision *revisions;
    size_t n_revisions;
    size_t n_groups;
} ct_conflict_set;

/* Find every conflict of `corpus`.  Returns 0 or CT_ENOMEM; *out is new, free
 * with ct_conflict_set_free.  Every order is canonical, independent of load
 * order: conflicts by (topic id, subject, property name); in a conflict,
 * positions by value (asserting before denying), a position's claims by id;
 * clashes by (a, b); revisions by (topic id, subject, property, claim id). */
int ct_conflict_find(const ct_corpus *corpus, ct_conflict_set **out);
void ct_conflict_set_free(ct_conflict_set *set);

/* The conflict with `id` (case-insensitive), or NULL; borrowed. */
const ct_conflict *ct_conflict_set_get(const ct_conflict_set *set, const char *id);

/* The stable id of the group (topic, subject, property): "CT-" + 8 hex. */
void ct_conflict_id(const char *topic, const char *subject, const char *property, char out[12]);

/* 1 when claims `a` and `b` (same property `p`) clash by the rules above,
 * ignoring claimants and revisions. */
int ct_claims_clash(const ct_property *p, const ct_claim *a, const ct_claim *b);

/* Order a conflict's clash pairs by (a, b). */
void ct_conflict_sort_clashes(ct_conflict *c);

const char *ct_conflict_type_name(ct_conflict_type t);
const char *ct_severity_name(ct_severity s);

#endif
