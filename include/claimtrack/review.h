/*
 * claimtrack/review.h - editors' reviews of conflicts, and the CI gate.
 *
 * The reviews file maps conflict ids to the digest the conflict had when it
 * was reviewed, a status (confirmed, dismissed, resolved), the preferred
 * claims of a resolution, a note, the reviewer and the date.  A conflict whose
 * digest no longer matches its review is stale.  The file is rewritten whole,
 * atomically, with sorted keys and two-space indentation, and every field the
 * tool does not know is kept.
 */
#ifndef CLAIMTRACK_REVIEW_H
#define CLAIMTRACK_REVIEW_H

#include <jansson.h>

#include "claimtrack/conflict.h"
#include "claimtrack/diag.h"

typedef enum {
    CT_REVIEW_UNREVIEWED,
    CT_REVIEW_STALE,
    CT_REVIEW_CONFIRMED,
    CT_REVIEW_DISMISSED,
    CT_REVIEW_RESOLVED
} ct_review_state;

/* Which conflicts block the gate (claimtrack check --fail-on). */
typedef enum {
    CT_FAIL_ON_UNREVIEWED, /* unreviewed or stale (the default) */
    CT_FAIL_ON_STALE,      /* stale only */
    CT_FAIL_ON_CONFLICT,   /* every conflict not dismissed */
    CT_FAIL_ON_NONE,
    CT_FAIL_ON_NEW /* unreviewed or stale, and new or updated since the baseline */
} ct_fail_on;

typedef struct ct_review_set ct_review_set;

/* Load reviews from `path`; a missing file is an empty set.  Returns 0,
 * CT_EPARSE (malformed JSON), CT_EINVALID (breaks the schema), CT_EIO or
 * CT_ENOMEM, with diagnostics in `diags`.  *out is new, free with
 * ct_review_set_free. */
int ct_review_set_load(ct_review_set **out, const char *path, ct_diag_list *diags);
/* Free `set` and everything it owns; NULL is accepted. */
void ct_review_set_free(ct_review_set *set);

/* The same from the file's content in memory (borrowed; `path` names it in
 * messages); *out is new. */
int ct_review_set_parse(ct_review_set **out, const char *path, const char *text, size_t len,
                        ct_diag_list *diags);

/* The state of conflict `c`; *entry (may be NULL) receives the review
 * object, borrowed, or NULL when unreviewed. */
ct_review_state ct_review_state_of(const ct_review_set *set, const ct_conflict *c,
                                   const json_t **entry);
/* The state's name ("unreviewed", "stale", ...); static. */
const char *ct_review_state_name(ct_review_state s);
/* The policy named `name` ("unreviewed", "stale", "conflict", "none", "new")
 * into *out.  Returns 0, or CT_ENOTFOUND for another name or NULL. */
int ct_fail_on_from_name(ct_fail_on *out, const char *name);
/* 1 when a conflict in state `s` blocks the gate under `policy`, else 0. */
int ct_review_blocks(ct_fail_on policy, ct_review_state s);

typedef struct {
    const char *status;        /* "confirmed", "dismissed" or "resolved" */
    const char *const *prefer; /* claim ids, resolved only */
    size_t n_prefer;
    const char *note;
    const char *reviewer;
    const char *date; /* YYYY-MM-DD */
    /* where the conflict was found: its claims (ct_conflict_claims) are
     * kept as the review's snapshot; NULL: the entry keeps none */
    const ct_corpus *corpus;
    const ct_conflict_set *conflicts;
} ct_review_input;

/* Record a review of the current state of `c` (borrowed; `in`'s strings are
 * copied) in `set` (topic, subject, property
 * given for people reading the file; for a rule conflict its rule instead of
 * the property).  Unknown fields of an existing entry are
 * kept; the review it replaces (reviewer, date, status, note, digest, prefer)
 * is appended to the entry's "history" list, oldest first.  Returns 0 or
 * CT_ENOMEM. */
int ct_review_set_put(ct_review_set *set, const ct_conflict *c, const char *topic,
                      const char *property, const ct_review_input *in);

/* The fields of a claim a snapshot tells apart, in the order of its digest. */
typedef enum {
    CT_CLAIM_FIELD_STANCE,
    CT_CLAIM_FIELD_VALUE,
    CT_CLAIM_FIELD_SOURCE,
    CT_CLAIM_FIELD_CLAIMANT,
    CT_CLAIM_FIELD_HEDGE,
    CT_CLAIM_FIELD_AS_OF,
    CT_CLAIM_FIELD_QUOTE,
    CT_CLAIM_FIELDS /* how many */
} ct_claim_field;

/* "stance", "value", "source", "claimant", "hedge", "as_of", "quote". */
const char *ct_claim_field_name(ct_claim_field f);

/* Hex digits of one field in a snapshot digest, and of the whole digest. */
#define CT_SNAPSHOT_FIELD_HEX 8
#define CT_SNAPSHOT_DIGEST_SIZE (CT_CLAIM_FIELDS * CT_SNAPSHOT_FIELD_HEX + 1)

/* A claim's snapshot digest: each field in ct_claim_field order hashed
 * alone (SHA-256 of its name and value, canonically encoded), 8 hex digits
 * each, so two digests tell which fields differ. */
void ct_claim_snapshot_digest(const ct_claim *claim, char out[CT_SNAPSHOT_DIGEST_SIZE]);

/* What changed in a reviewed conflict since its review. */
typedef enum {
    CT_CHANGE_ADDED,   /* a claim the review did not see */
    CT_CHANGE_REMOVED, /* a claim gone from the conflict */
    CT_CHANGE_EDITED,  /* a claim whose fields changed */
    CT_CHANGE_RULE     /* the claims are as reviewed: the rule's definition changed */
} ct_change_kind;

typedef struct {
    ct_change_kind kind;
    const char *claim; /* the claim id (the rule id for CT_CHANGE_RULE); borrowed */
    unsigned fields;   /* edited: 1u << ct_claim_field for each field that changed */
    /* edited: the value as written at review time (compact JSON text),
     * borrowed from the review set; else NULL */
    const char *was;
    const ct_claim *now; /* the claim today (added, edited), from the corpus; else NULL */
} ct_review_change;

/* "added", "removed", "edited", "rule". */
const char *ct_change_kind_name(ct_change_kind k);

/* The changes to conflict `c` (of `conflicts`, from `corpus`) since its
 * review, by claim id: compared with the snapshot the review kept.  Returns
 * 1 with the list in *out (new, free with ct_free; may be empty when the
 * conflict is not stale) and its length in *n, 0 when there is nothing to
 * compare with (unreviewed, or reviewed before snapshots were kept: *out
 * NULL), or CT_ENOMEM. */
int ct_review_changes(const ct_review_set *set, const ct_corpus *corpus,
                      const ct_conflict_set *conflicts, const ct_conflict *c,
                      ct_review_change **out, size_t *n);

/* Drop reviews of conflicts not in `conflicts`; their ids are appended to
 * `removed` (a borrowed JSON array).  Returns the number dropped (>= 0), or
 * CT_ENOMEM. */
int ct_review_set_prune(ct_review_set *set, const ct_conflict_set *conflicts, json_t *removed);

/* The same, dropping only reviews of topics `corpus` loaded: given part of a
 * corpus (one topic file), the reviews of the other topics are kept, and
 * *kept (may be NULL) counts them.  Returns the number dropped, or
 * CT_ENOMEM. */
int ct_review_set_prune_loaded(ct_review_set *set, const ct_conflict_set *conflicts,
                               const ct_corpus *corpus, json_t *removed, size_t *kept);

/* Carry reviews written with the old ids (8 hex digits, FNV-1a digests) over
 * to the current ids.  An old entry moves to the one conflict whose old id it
 * equals; when no conflict or several have that old id it stays (an orphan).
 * It keeps its review only if its old digest still matches the conflict's
 * claims today (its digest becomes the conflict's new digest); otherwise it
 * keeps the old digest and is stale.  "upgraded_from" records the old id.  A
 * review under the new id wins over an old one for the same conflict.
 * Returns the number of entries carried over, or CT_ENOMEM. */
int ct_review_set_upgrade(ct_review_set *set, const ct_conflict_set *conflicts);

/* Give each review of a conflict of `conflicts` that keeps no snapshot one
 * of the conflict's claims, when the review is current (its digest is the
 * conflict's: the claims are those reviewed).  A stale review gets none:
 * what it saw is unknown.  Returns how many got one, or CT_ENOMEM. */
int ct_review_set_add_snapshots(ct_review_set *set, const ct_corpus *corpus,
                                const ct_conflict_set *conflicts);

/* Ids of reviews whose conflict no longer exists, as a new JSON array
 * (json_decref); NULL when out of memory. */
json_t *ct_review_orphans(const ct_review_set *set, const ct_conflict_set *conflicts);

/* The set as the text of a reviews file (2-space indent, sorted keys), no
 * final newline.  New string, free with free(); NULL when out of memory. */
char *ct_review_set_text(const ct_review_set *set);

/* Remove the temporary files writers killed mid-write left beside `path`
 * (the resolved reviews file): exactly the names "BASE.tmpXXXXXX" the
 * atomic writer makes, nothing else ("reviews.json.tmpl" stays).  Call with
 * the lock held. */
void ct_review_remove_stale_temporaries(const char *path);
/* 1 when `name` is such a temporary of a file named `base`, else 0. */
int ct_review_is_own_temporary(const char *name, const char *base);

/* Write the set to its file atomically (temporary file, fsync, rename, fsync
 * of the folder).  Call with the lock held: temporary files that killed
 * writers left beside the file are removed first.  `checkpoint`, when not NULL, is called at each step with
 * its name (tests use it to kill the process there).  Returns 0 or CT_EIO. */
int ct_review_set_save(const ct_review_set *set, const char *path,
                       void (*checkpoint)(const char *step, void *payload), void *payload);

/* Take the exclusive lock that serialises writers of `path` (flock on
 * "<target>.lock", where <target> is `path` with symbolic links resolved, so
 * writers through different names of one file serialise; waits for other
 * writers).  Returns a descriptor to pass to ct_review_unlock, CT_EIO or
 * CT_ENOMEM. */
int ct_review_lock(const char *path);
/* ct_review_lock that, when another process holds the lock, first calls
 * waiting (if not NULL) once with the holder's pid (0: unknown), then waits.
 * The holder's pid is recorded in the lock file. */
typedef void (*ct_review_lock_waiting)(long holder_pid, void *payload);
/* Returns as ct_review_lock (a new descriptor, or a negative CT_E* code). */
int ct_review_lock_wait(const char *path, ct_review_lock_waiting waiting, void *payload);
/* Release the lock of ct_review_lock (steals `fd`: it is closed). */
void ct_review_unlock(int fd);

#endif
