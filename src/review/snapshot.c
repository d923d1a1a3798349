/*
 * snapshot.c - what a review saw, and what changed since.
 *
 * A review keeps a snapshot of the claims it was made against: by claim id,
 * a digest of the claim's fields and its value as written.  The digest is
 * each field hashed alone (8 hex digits apiece, in ct_claim_field order), so
 * comparing two digests names the fields that changed without keeping the
 * fields themselves; the value is kept whole to say what it was.
 */
#include "review_int.h"
#include "util/canon_hash.h"
#include "claimtrack/common.h"

#include <stdlib.h>
#include <string.h>

static const char *const field_names[CT_CLAIM_FIELDS] = {"stance", "value", "source", "claimant",
                                                         "hedge",  "as_of", "quote"};

const char *ct_claim_field_name(ct_claim_field f)
{
    return (size_t)f < CT_CLAIM_FIELDS ? field_names[f] : "?";
}

const char *ct_change_kind_name(ct_change_kind k)
{
    static const char *const names[] = {"added", "removed", "edited", "rule"};
    return (size_t)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

void ct_claim_snapshot_digest(const ct_claim *x, char out[CT_SNAPSHOT_DIGEST_SIZE])
{
    const char *fields[CT_CLAIM_FIELDS] = {[CT_CLAIM_FIELD_STANCE] = x->denies      ? "denies"
                                                                     : x->questions ? "questions"
                                                                                    : "asserts",
                                           [CT_CLAIM_FIELD_VALUE] = x->value_json,
                                           [CT_CLAIM_FIELD_SOURCE] = x->source,
                                           [CT_CLAIM_FIELD_CLAIMANT] = x->claimant,
                                           [CT_CLAIM_FIELD_HEDGE] = x->hedge,
                                           [CT_CLAIM_FIELD_AS_OF] = x->as_of,
                                           [CT_CLAIM_FIELD_QUOTE] = x->quote};
    for (size_t f = 0; f < CT_CLAIM_FIELDS; f++) {
        ct_canon_hash h;
        ct_canon_hash__init(&h, "claimtrack claim field 1");
        ct_canon_hash__field(&h, field_names[f]);
        ct_canon_hash__field(&h, fields[f]);
        ct_canon_hash__hex(&h, CT_SNAPSHOT_FIELD_HEX / 2, out + f * CT_SNAPSHOT_FIELD_HEX);
    }
}

json_t *ct_review__snapshot(const ct_corpus *corpus, const ct_conflict_set *conflicts,
                            const ct_conflict *c)
{
    size_t *idx, n, n_all;
    if (ct_conflict_claims(&idx, &n, corpus, conflicts, c) < 0)
        return NULL;
    const ct_claim *claims = ct_corpus_claims(corpus, &n_all);
    json_t *snap = json_object();
    for (size_t i = 0; snap && i < n; i++) {
        const ct_claim *x = &claims[idx[i]];
        char digest[CT_SNAPSHOT_DIGEST_SIZE];
        ct_claim_snapshot_digest(x, digest);
        json_t *e = json_pack("{ssss}", "digest", digest, "value", x->value_json);
        if (!e || json_object_set_new(snap, x->id, e)) {
            json_decref(snap);
            snap = NULL;
        }
    }
    ct_free(idx);
    return snap;
}

/* The fields whose parts of two snapshot digests differ, as bits; every
 * field when `was` is not a digest of this form. */
static unsigned fields_differing(const char *was, const char *now)
{
    unsigned bits = 0;
    if (!was || strlen(was) != CT_SNAPSHOT_DIGEST_SIZE - 1)
        return (1u << CT_CLAIM_FIELDS) - 1;
    for (size_t f = 0; f < CT_CLAIM_FIELDS; f++)
        if (memcmp(was + f * CT_SNAPSHOT_FIELD_HEX, now + f * CT_SNAPSHOT_FIELD_HEX,
                   CT_SNAPSHOT_FIELD_HEX) != 0)
            bits |= 1u << f;
    return bits;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Append one change; `list` has room (the caller sized it). */
static void add(ct_review_change *list, size_t *n, ct_review_change c) { list[(*n)++] = c; }

/* The reviewed claims no longer in the conflict, in id order, appended. */
static int add_removed(const json_t *snap, const ct_claim *claims, const size_t *now, size_t n_now,
                       ct_review_change *list, size_t *n)
{
    size_t n_snap = json_object_size(snap), k = 0;
    const char **ids = ct_calloc(n_snap ? n_snap : 1, sizeof *ids);
    if (!ids)
        return CT_ENOMEM;
    const char *id;
    json_t *e;
    json_object_foreach((json_t *)snap, id, e) { ids[k++] = id; }
    qsort(ids, k, sizeof *ids, cmp_str);
    size_t j = 0;
    for (size_t i = 0; i < k; i++) {
        while (j < n_now && strcmp(claims[now[j]].id, ids[i]) < 0)
            j++;
        if (j == n_now || strcmp(claims[now[j]].id, ids[i]) != 0)
            add(list, n, (ct_review_change){CT_CHANGE_REMOVED, ids[i], 0, NULL, NULL});
    }
    ct_free(ids);
    return 0;
}

static int cmp_change(const void *x, const void *y)
{
    const ct_review_change *a = x, *b = y;
    int d = strcmp(a->claim, b->claim);
    return d ? d : (a->kind > b->kind) - (a->kind < b->kind);
}

int ct_review_changes(const ct_review_set *set, const ct_corpus *corpus,
                      const ct_conflict_set *conflicts, const ct_conflict *c,
                      ct_review_change **out, size_t *n)
{
    const json_t *entry = NULL;
    *out = NULL;
    *n = 0;
    ct_review_state state = ct_review_state_of(set, c, &entry);
    const json_t *snap = json_object_get(entry, "snapshot");
    if (!json_is_object(snap))
        return 0;
    size_t *now = NULL, n_now = 0, n_all;
    const ct_claim *claims = ct_corpus_claims(corpus, &n_all);
    if (state == CT_REVIEW_STALE && ct_conflict_claims(&now, &n_now, corpus, conflicts, c) < 0)
        return CT_ENOMEM;
    ct_review_change *list = ct_calloc(n_now + json_object_size(snap) + 1, sizeof *list);
    if (!list) {
        ct_free(now);
        return CT_ENOMEM;
    }
    for (size_t i = 0; i < n_now; i++) {
        const ct_claim *x = &claims[now[i]];
        const json_t *was = json_object_get(snap, x->id);
        if (!was) {
            add(list, n, (ct_review_change){CT_CHANGE_ADDED, x->id, 0, NULL, x});
            continue;
        }
        char digest[CT_SNAPSHOT_DIGEST_SIZE];
        ct_claim_snapshot_digest(x, digest);
        unsigned bits = fields_differing(json_string_value(json_object_get(was, "digest")), digest);
        if (bits)
            add(list, n,
                (ct_review_change){CT_CHANGE_EDITED, x->id, bits,
                                   json_string_value(json_object_get(was, "value")), x});
    }
    int rc = n_now ? add_removed(snap, claims, now, n_now, list, n) : 0;
    ct_free(now);
    if (rc < 0) {
        ct_free(list);
        *n = 0;
        return rc;
    }
    qsort(list, *n, sizeof *list, cmp_change);
    /* stale with every claim as reviewed: a rule conflict's rule changed */
    if (state == CT_REVIEW_STALE && *n == 0 && c->rule)
        add(list, n, (ct_review_change){CT_CHANGE_RULE, c->rule, 0, NULL, NULL});
    *out = list;
    return 1;
}
