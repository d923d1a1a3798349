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
 * A claim with stance "questions" is listed with its group but never clashes.
 * On a property that varies, claims clash only when their scopes overlap (see
 * ct_claim.scope); on a cumulative one, a value wholly below that of a claim
 * with an earlier scope clashes too, whoever says it.  Claims of a varying
 * property are never revisions: a later value is a later state.
 *
 * Severity weighs the evidence (hedges, attribution, one claimant against
 * itself, a factor of two or more), the gap (a quantity clash whose gap is
 * under 10 % of the larger value is at most low; an estimate's best value
 * measures the gap) and the stakes (a property's importance raises or lowers
 * it one level).  Every conflict lists its reasons.
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
    CT_CONFLICT_VALUE,              /* sources assert incompatible values */
    CT_CONFLICT_DENIAL,             /* one denies what another asserts */
    CT_CONFLICT_SELF_CONTRADICTION, /* one claimant asserts incompatible values */
    CT_CONFLICT_RULE                /* a choice of claims breaks a topic's rule */
} ct_conflict_type;

typedef enum { CT_SEVERITY_LOW, CT_SEVERITY_MEDIUM, CT_SEVERITY_HIGH } ct_severity;

typedef struct {
    const char *display;    /* the value for people */
    const char *value_json; /* the value as written (of the first claim) */
    int denies;
    int questions;  /* stance "questions": listed, never in a clash */
    size_t *claims; /* indexes into the corpus's claims, by claim id */
    size_t n_claims;
    /* what its claims are about: the conflict's subject and property, or in
     * a rule conflict the term's (each term its own subject and property) */
    const char *subject;
    size_t property; /* index into the topic's properties */
    size_t term;     /* rule conflicts: the rule term (left, then right), else 0 */
} ct_position;

typedef struct {
    size_t a, b; /* position indexes, a < b */
} ct_clash;

/* One choice of a position per rule term that cannot satisfy the rule. */
typedef struct {
    size_t *positions; /* per rule term (left, then right): index into the conflict's positions */
    size_t n_positions;
    char arithmetic[256]; /* "38 + 32 = 70, not 67" */
} ct_rule_violation;

/* At most this many clash pairs (or rule violations) are listed for one conflict. */
#define CT_CLASHES_MAX 1000

/* "CT-" + 16 hex digits (64 bits of SHA-256 of topic, subject, property) */
#define CT_CONFLICT_ID_SIZE 20
/* 64 hex digits: SHA-256 of the group's claims, canonically encoded */
#define CT_CONFLICT_DIGEST_SIZE 65
/* the scheme before SHA-256, kept to carry old reviews over: FNV-1a */
#define CT_LEGACY_ID_SIZE 12
#define CT_LEGACY_DIGEST_SIZE 17

/* Reasons given for a conflict's severity, one sentence each. */
#define CT_SEVERITY_REASONS_MAX 4
#define CT_SEVERITY_REASON_SIZE 160

typedef struct {
    char id[CT_CONFLICT_ID_SIZE];
    char digest[CT_CONFLICT_DIGEST_SIZE];
    char legacy_id[CT_LEGACY_ID_SIZE];         /* "CT-" + 8 hex, the old id */
    char legacy_digest[CT_LEGACY_DIGEST_SIZE]; /* 16 hex, the old digest */
    size_t topic;                              /* index into the corpus's topics */
    const char *subject;
    size_t property; /* index into the topic's properties */
    ct_conflict_type type;
    ct_severity severity;
    const char *severity_reasons[CT_SEVERITY_REASONS_MAX]; /* sentences in severity_text */
    size_t n_severity_reasons;
    char *severity_text; /* owns the reasons' text */
    ct_position *positions;
    size_t n_positions;
    ct_clash *clashes;
    size_t n_clashes;
    int clashes_truncated;
    size_t n_claims; /* claims in the group, revised ones included */
    /* rule conflicts (type CT_CONFLICT_RULE) only: `subject` is the subject
     * the rule is applied to; `property` means nothing (the first term's, kept
     * for callers that index with it): each position has its own */
    const char *rule;              /* rule id, NULL for others */
    const ct_rule *rule_def;       /* the rule (borrowed from the corpus), NULL for others */
    ct_rule_violation *violations; /* by position indexes */
    size_t n_violations;
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
 * with ct_conflict_set_free (NULL after a failure).  Every order is canonical, independent of load
 * order: conflicts by (topic id, subject, property name); in a conflict,
 * positions by value (asserting before denying), a position's claims by id;
 * clashes by (a, b); revisions by (topic id, subject, property, claim id). */
int ct_conflict_find(ct_conflict_set **out, const ct_corpus *corpus);

/* ct_conflict_find on up to `jobs` threads (a big corpus's groups are
 * shared out among them; 1 or less: none).  The set is the same for every
 * `jobs`. */
int ct_conflict_find_jobs(ct_conflict_set **out, const ct_corpus *corpus, int jobs);
/* Free `set` and everything it owns; NULL is accepted. */
void ct_conflict_set_free(ct_conflict_set *set);

/* The conflict with `id` (case-insensitive), or NULL; borrowed.  An old-style
 * id (8 hex digits) finds the one conflict that had it, if only one did; a
 * unique prefix of an id ("CT-" and at least one hex digit) finds its
 * conflict, as git takes abbreviated commit ids. */
const ct_conflict *ct_conflict_set_get(const ct_conflict_set *set, const char *id);

/* How many conflicts' ids start with `prefix` (case-insensitive), the
 * first `max` of them (in set order) into out[]; borrowed. */
size_t ct_conflict_set_prefix_matches(const ct_conflict_set *set, const char *prefix,
                                      const ct_conflict **out, size_t max);

/* The claims the digest of conflict `c` (of `set`, found in `corpus`)
 * covers: its positions' claims and, in a value conflict, the group's
 * revised claims; by claim id, each once.  *out is new (free with ct_free),
 * indexes into the corpus's claims, *n how many.  0 or CT_ENOMEM. */
int ct_conflict_claims(size_t **out, size_t *n, const ct_corpus *corpus, const ct_conflict_set *set,
                       const ct_conflict *c);

/* The stable id of the group (topic, subject, property) into caller-owned
 * `out`: "CT-" + the first 16 hex digits of SHA-256 over the canonical
 * encoding of the three names. */
void ct_conflict_id(const char *topic, const char *subject, const char *property,
                    char out[CT_CONFLICT_ID_SIZE]);
/* The stable id of rule `rule` applied to `subject` in `topic` into
 * caller-owned `out`: "CT-" + 16 hex digits of SHA-256 over a canonical key
 * that includes the rule id. */
void ct_conflict_rule_id(const char *topic, const char *rule, const char *subject,
                         char out[CT_CONFLICT_ID_SIZE]);
/* The id the same group had before SHA-256 ids (FNV-1a, "CT-" + 8 hex) into
 * caller-owned `out`: only to carry reviews written then over to the new ids. */
void ct_conflict_legacy_id(const char *topic, const char *subject, const char *property,
                           char out[CT_LEGACY_ID_SIZE]);

/* Two conflicts of `set` with one id would share a review.  Returns 1 and
 * their indexes in *a < *b when that happens (the caller must stop), else 0;
 * CT_ENOMEM when out of memory. */
int ct_conflict_set_find_id_collision(size_t *a, size_t *b, const ct_conflict_set *set);

/* 1 when claims `a` and `b` (same property `p`) clash by the rules above
 * (stances, scopes, cumulative counts), ignoring claimants and revisions. */
int ct_claims_clash(const ct_property *p, const ct_claim *a, const ct_claim *b);

/* The order of positions within a group: by stance (asserts, denies,
 * questions), then by value; 0 when `a` and `b` (same property `p`) would
 * stand in one position. */
int ct_claim_position_cmp(const ct_property *p, const ct_claim *a, const ct_claim *b);

/* Order the clash pairs of `c` (borrowed, changed in place) by (a, b). */
void ct_conflict_sort_clashes(ct_conflict *c);

/* The type's name ("value", "denial", ...); static. */
const char *ct_conflict_type_name(ct_conflict_type t);
/* The severity's name ("low", "medium", "high"); static. */
const char *ct_severity_name(ct_severity s);

#endif
