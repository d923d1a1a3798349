/*
 * check_snapshot.c - a review's snapshot of its claims, and what changed
 * since: the review module's change list and the report model's sentences.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claimtrack/common.h"
#include "claimtrack/review.h"
#include "report/model.h"

static const char *const props = "{\"n\": {\"type\": \"quantity\"}}";

/* The claims reviewed: a1 (38) against b1 (40), c1 (38) beside a1. */
#define A1                                                                                         \
    "{\"id\": \"a1\", \"subject\": \"s\", \"property\": \"n\", \"value\": 38, \"source\": \"a\", \"quote\": \"38 died\"}"
#define B1                                                                                         \
    "{\"id\": \"b1\", \"subject\": \"s\", \"property\": \"n\", \"value\": 40, \"source\": \"b\", \"quote\": \"40 died\"}"
#define C1                                                                                         \
    "{\"id\": \"c1\", \"subject\": \"s\", \"property\": \"n\", \"value\": 38, \"source\": \"c\", \"quote\": \"38 dead\"}"

/* A review of the one conflict of `claims`, with its snapshot, as the text
 * of a reviews file (new string). */
static char *reviewed(const char *claims)
{
    fixture f = {0};
    fixture_load(&f, props, claims);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.set->n_conflicts, 1);
    ct_review_set *s = NULL;
    static const char empty[] = "{\"reviews\": {}}";
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    ck_assert_int_eq(ct_review_set_parse(&s, "reviews.json", empty, sizeof empty - 1, &diags), 0);
    ct_review_input in = {.status = "confirmed",
                          .note = "n",
                          .reviewer = "ed",
                          .date = "2026-01-01",
                          .corpus = f.corpus,
                          .conflicts = f.set};
    ck_assert_int_eq(ct_review_set_put(s, &f.set->conflicts[0], "t", "n", &in), 0);
    char *text = ct_review_set_text(s);
    ck_assert_ptr_nonnull(text);
    ct_review_set_free(s);
    ct_diag_list_dispose(&diags);
    fixture_dispose(&f);
    return text;
}

/* The changes of the one conflict of `claims` since the review `text`;
 * returns ct_review_changes' result, the list in *out (free with ct_free). */
static int changes(fixture *f, const char *text, const char *claims, ct_review_change **out,
                   size_t *n, ct_review_set **set)
{
    fixture_load(f, props, claims);
    ck_assert_int_eq(f->rc, 0);
    ck_assert_uint_eq(f->set->n_conflicts, 1);
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    ck_assert_int_eq(ct_review_set_parse(set, "reviews.json", text, strlen(text), &diags), 0);
    ck_assert_uint_eq(diags.count, 0); /* the snapshot is valid in the schema */
    ct_diag_list_dispose(&diags);
    return ct_review_changes(*set, f->corpus, f->set, &f->set->conflicts[0], out, n);
}

START_TEST(test_snapshot_value_added_removed_quote)
{
    char *text = reviewed("[" A1 ", " B1 ", " C1 "]");
    ck_assert_ptr_nonnull(strstr(text, "\"snapshot\""));
    ck_assert_ptr_nonnull(strstr(text, "\"value\": \"38\""));
    /* a1's value 38 -> 37; b1's quote edited; c1 removed; d1 added */
    static const char *const now =
        "[{\"id\": \"a1\", \"subject\": \"s\", \"property\": \"n\", \"value\": 37, \"source\": "
        "\"a\", \"quote\": \"38 died\"},"
        " {\"id\": \"b1\", \"subject\": \"s\", \"property\": \"n\", \"value\": 40, \"source\": "
        "\"b\", \"quote\": \"forty died\"},"
        " {\"id\": \"d1\", \"subject\": \"s\", \"property\": \"n\", \"value\": 12, \"source\": "
        "\"d\", \"quote\": \"12 died\", \"hedge\": \"reported\"}]";
    fixture f = {0};
    ct_review_set *s = NULL;
    ct_review_change *list = NULL;
    size_t n = 0;
    ck_assert_int_eq(changes(&f, text, now, &list, &n, &s), 1);
    ck_assert_int_eq(ct_review_state_of(s, &f.set->conflicts[0], NULL), CT_REVIEW_STALE);
    ck_assert_uint_eq(n, 4);
    ck_assert_str_eq(list[0].claim, "a1");
    ck_assert_int_eq(list[0].kind, CT_CHANGE_EDITED);
    ck_assert_uint_eq(list[0].fields, 1u << CT_CLAIM_FIELD_VALUE);
    ck_assert_str_eq(list[0].was, "38");
    ck_assert_str_eq(list[0].now->id, "a1");
    ck_assert_str_eq(list[1].claim, "b1");
    ck_assert_int_eq(list[1].kind, CT_CHANGE_EDITED);
    ck_assert_uint_eq(list[1].fields, 1u << CT_CLAIM_FIELD_QUOTE);
    ck_assert_str_eq(list[2].claim, "c1");
    ck_assert_int_eq(list[2].kind, CT_CHANGE_REMOVED);
    ck_assert_ptr_null(list[2].now);
    ck_assert_str_eq(list[3].claim, "d1");
    ck_assert_int_eq(list[3].kind, CT_CHANGE_ADDED);

    /* the report model says it in words */
    ct_report r = {.corpus = f.corpus, .conflicts = f.set, .reviews = s};
    ct_report_model *m = NULL;
    ck_assert_int_eq(ct_report__model_build(&m, &r), 0);
    const ct_report_review *rv = &m->conflicts[0].review;
    ck_assert(rv->has_snapshot);
    ck_assert_uint_eq(rv->n_changes, 4);
    ck_assert_str_eq(rv->changes[0].text, "a1: value 38 \u2192 37");
    ck_assert_str_eq(rv->changes[1].text, "b1: quote changed");
    ck_assert_str_eq(rv->changes[2].text, "claim c1 removed");
    ck_assert_str_eq(rv->changes[3].text, "claim d1 added");
    ck_assert_str_eq(rv->changes_text, "a1: value 38 \u2192 37; b1: quote changed; "
                                       "claim c1 removed; claim d1 added");
    ct_report__model_free(m);
    ct_free(list);
    ct_review_set_free(s);
    fixture_dispose(&f);
    free(text);
}
END_TEST

START_TEST(test_snapshot_fields_named)
{
    char *text = reviewed("[" A1 ", " B1 "]");
    /* a1: value, source, hedge and quote changed at once */
    static const char *const now =
        "[{\"id\": \"a1\", \"subject\": \"s\", \"property\": \"n\", \"value\": {\"min\": 50}, "
        "\"source\": \"c\", \"quote\": \"at least 50\", \"hedge\": \"reported\"}, " B1 "]";
    fixture f = {0};
    ct_review_set *s = NULL;
    ct_review_change *list = NULL;
    size_t n = 0;
    ck_assert_int_eq(changes(&f, text, now, &list, &n, &s), 1);
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(list[0].fields, (1u << CT_CLAIM_FIELD_VALUE) | (1u << CT_CLAIM_FIELD_SOURCE) |
                                          (1u << CT_CLAIM_FIELD_HEDGE) |
                                          (1u << CT_CLAIM_FIELD_QUOTE));
    ct_report r = {.corpus = f.corpus, .conflicts = f.set, .reviews = s};
    ct_report_model *m = NULL;
    ck_assert_int_eq(ct_report__model_build(&m, &r), 0);
    ck_assert_str_eq(m->conflicts[0].review.changes[0].text,
                     "a1: value 38 \u2192 at least 50, source, hedge and quote changed");
    ct_report__model_free(m);
    char buf[64];
    ct_report__field_list(1u << CT_CLAIM_FIELD_QUOTE, buf, sizeof buf);
    ck_assert_str_eq(buf, "quote");
    ct_report__field_list((1u << CT_CLAIM_FIELD_STANCE) | (1u << CT_CLAIM_FIELD_AS_OF), buf,
                          sizeof buf);
    ck_assert_str_eq(buf, "stance and as_of");
    ct_free(list);
    ct_review_set_free(s);
    fixture_dispose(&f);
    free(text);
}
END_TEST

START_TEST(test_snapshot_unchanged_and_old_reviews)
{
    char *text = reviewed("[" A1 ", " B1 "]");
    fixture f = {0};
    ct_review_set *s = NULL;
    ct_review_change *list = NULL;
    size_t n = 9;
    /* the same claims: a snapshot, nothing changed */
    ck_assert_int_eq(changes(&f, text, "[" A1 ", " B1 "]", &list, &n, &s), 1);
    ck_assert_uint_eq(n, 0);
    ck_assert_int_eq(ct_review_state_of(s, &f.set->conflicts[0], NULL), CT_REVIEW_CONFIRMED);
    ct_free(list);
    ct_review_set_free(s);

    /* a review written before snapshots: nothing to compare with */
    char old[512];
    snprintf(old, sizeof old,
             "{\"reviews\": {\"%s\": {\"digest\": \"%064d\", \"status\": \"confirmed\", "
             "\"note\": \"n\", \"reviewer\": \"r\", \"date\": \"2026-01-01\"}}}",
             f.set->conflicts[0].id, 0);
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    ck_assert_int_eq(ct_review_set_parse(&s, "reviews.json", old, strlen(old), &diags), 0);
    list = (ct_review_change *)1;
    ck_assert_int_eq(ct_review_changes(s, f.corpus, f.set, &f.set->conflicts[0], &list, &n), 0);
    ck_assert_ptr_null(list);
    ck_assert_uint_eq(n, 0);
    ct_report r = {.corpus = f.corpus, .conflicts = f.set, .reviews = s};
    ct_report_model *m = NULL;
    ck_assert_int_eq(ct_report__model_build(&m, &r), 0);
    ck_assert_int_eq(m->conflicts[0].review.state, CT_REVIEW_STALE);
    ck_assert(!m->conflicts[0].review.has_snapshot);
    ck_assert_uint_eq(m->conflicts[0].review.n_changes, 0);
    ck_assert_ptr_null(m->conflicts[0].review.changes_text);
    ct_report__model_free(m);
    ct_review_set_free(s);
    ct_diag_list_dispose(&diags);
    fixture_dispose(&f);
    free(text);
}
END_TEST

/* review --upgrade: a current review without a snapshot gets one; a stale
 * one does not (what it saw is unknown). */
START_TEST(test_snapshot_added_to_current_reviews)
{
    fixture f = {0};
    fixture_load(&f, props, "[" A1 ", " B1 "]");
    ck_assert_int_eq(f.rc, 0);
    const ct_conflict *c = &f.set->conflicts[0];
    char text[512];
    for (int stale = 0; stale < 2; stale++) {
        snprintf(text, sizeof text,
                 "{\"reviews\": {\"%s\": {\"digest\": \"%s\", \"status\": \"confirmed\", "
                 "\"note\": \"n\", \"reviewer\": \"r\", \"date\": \"2026-01-01\"}}}",
                 c->id,
                 stale ? "0000000000000000000000000000000000000000000000000000000000000000"
                       : c->digest);
        ct_review_set *s = NULL;
        ct_diag_list diags = CT_DIAG_LIST_INIT;
        ck_assert_int_eq(ct_review_set_parse(&s, "reviews.json", text, strlen(text), &diags), 0);
        ck_assert_int_eq(ct_review_set_add_snapshots(s, f.corpus, f.set), stale ? 0 : 1);
        ck_assert_int_eq(ct_review_set_add_snapshots(s, f.corpus, f.set), 0); /* once */
        const json_t *entry = NULL;
        ct_review_state_of(s, c, &entry);
        const json_t *snap = json_object_get(entry, "snapshot");
        if (stale) {
            ck_assert_ptr_null(snap);
        } else {
            ck_assert_uint_eq(json_object_size(snap), 2);
            ck_assert_str_eq(
                json_string_value(json_object_get(json_object_get(snap, "b1"), "value")), "40");
        }
        ct_review_set_free(s);
        ct_diag_list_dispose(&diags);
    }
    fixture_dispose(&f);
}
END_TEST

/* A re-review without a corpus drops the snapshot it would contradict. */
START_TEST(test_snapshot_dropped_without_claims)
{
    fixture f = {0};
    fixture_load(&f, props, "[" A1 ", " B1 "]");
    ck_assert_int_eq(f.rc, 0);
    char *text = reviewed("[" A1 ", " B1 "]");
    ct_review_set *s = NULL;
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    ck_assert_int_eq(ct_review_set_parse(&s, "reviews.json", text, strlen(text), &diags), 0);
    ct_review_input in = {
        .status = "dismissed", .note = "n2", .reviewer = "ed", .date = "2026-01-02"};
    ck_assert_int_eq(ct_review_set_put(s, &f.set->conflicts[0], "t", "n", &in), 0);
    const json_t *entry = NULL;
    ct_review_state_of(s, &f.set->conflicts[0], &entry);
    ck_assert_ptr_null(json_object_get(entry, "snapshot"));
    /* the history keeps the replaced review, not its snapshot */
    const json_t *past = json_array_get(json_object_get(entry, "history"), 0);
    ck_assert_ptr_nonnull(past);
    ck_assert_ptr_null(json_object_get(past, "snapshot"));
    ct_review_set_free(s);
    ct_diag_list_dispose(&diags);
    fixture_dispose(&f);
    free(text);
}
END_TEST

/* Per-field digests: one field changed changes only its part. */
START_TEST(test_snapshot_digest_parts)
{
    fixture f = {0};
    fixture_load(&f, props, "[" A1 ", " C1 "]");
    ck_assert_int_eq(f.rc, 0);
    size_t n;
    const ct_claim *claims = ct_corpus_claims(f.corpus, &n);
    ck_assert_uint_eq(n, 2);
    char a[CT_SNAPSHOT_DIGEST_SIZE], c[CT_SNAPSHOT_DIGEST_SIZE];
    ct_claim_snapshot_digest(&claims[0], a);
    ct_claim_snapshot_digest(&claims[1], c);
    ck_assert_uint_eq(strlen(a), 56);
    /* a1 and c1 differ in source and quote only (same stance, value, no
     * claimant, hedge or as_of) */
    for (int k = 0; k < CT_CLAIM_FIELDS; k++) {
        int same = memcmp(a + k * CT_SNAPSHOT_FIELD_HEX, c + k * CT_SNAPSHOT_FIELD_HEX,
                          CT_SNAPSHOT_FIELD_HEX) == 0;
        int expect_same = k != CT_CLAIM_FIELD_SOURCE && k != CT_CLAIM_FIELD_QUOTE;
        ck_assert_msg(same == expect_same, "field %s", ct_claim_field_name((ct_claim_field)k));
    }
    fixture_dispose(&f);
}
END_TEST

/* The claims a conflict's digest covers include the group's revised ones. */
START_TEST(test_conflict_claims_with_revisions)
{
    fixture f = {0};
    /* a says 38 then, later, 37: a1 is revised by a2 */
    fixture_load(&f, props,
                 "[{\"id\": \"a1\", \"subject\": \"s\", \"property\": \"n\", \"value\": 38, "
                 "\"source\": \"a\", \"quote\": \"q\", \"as_of\": \"2025-01\"},"
                 " {\"id\": \"a2\", \"subject\": \"s\", \"property\": \"n\", \"value\": 37, "
                 "\"source\": \"a\", \"quote\": \"q\", \"as_of\": \"2025-03\"}, " B1 "]");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.set->n_conflicts, 1);
    ck_assert_uint_eq(f.set->n_revisions, 1);
    size_t *idx = NULL, n = 0, n_all;
    const ct_claim *claims = ct_corpus_claims(f.corpus, &n_all);
    ck_assert_int_eq(ct_conflict_claims(&idx, &n, f.corpus, f.set, &f.set->conflicts[0]), 0);
    ck_assert_uint_eq(n, 3);
    ck_assert_uint_eq(n, f.set->conflicts[0].n_claims);
    ck_assert_str_eq(claims[idx[0]].id, "a1");
    ck_assert_str_eq(claims[idx[1]].id, "a2");
    ck_assert_str_eq(claims[idx[2]].id, "b1");
    ct_free(idx);
    fixture_dispose(&f);
}
END_TEST

Suite *suite_snapshot(void)
{
    Suite *s = suite_create("snapshot");
    TCase *tc = tcase_create("snapshot");
    tcase_add_test(tc, test_snapshot_value_added_removed_quote);
    tcase_add_test(tc, test_snapshot_fields_named);
    tcase_add_test(tc, test_snapshot_unchanged_and_old_reviews);
    tcase_add_test(tc, test_snapshot_added_to_current_reviews);
    tcase_add_test(tc, test_snapshot_dropped_without_claims);
    tcase_add_test(tc, test_snapshot_digest_parts);
    tcase_add_test(tc, test_conflict_claims_with_revisions);
    suite_add_tcase(s, tc);
    return s;
}
