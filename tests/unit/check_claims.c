/*
 * check_claims.c - the grouped view of every claim (claimtrack/claims.h):
 * each status, positions and their sources, revisions, the filters.
 */
#include "unit.h"
#include "claimtrack/claims.h"
#include "claimtrack/common.h"

#include <stdio.h>
#include <string.h>

#define CLAIM(id, prop, value, source, extra)                                                      \
    "{\"id\": \"" id "\", \"subject\": \"s\", \"property\": \"" prop "\", \"value\": " value       \
    ", \"source\": \"" source "\", \"quote\": \"q\"" extra "}"

static const char *const props =
    "{\"n\": {\"type\": \"quantity\"}, \"d\": {\"type\": \"date\"}, \"b\": {\"type\": \"boolean\"},"
    " \"x\": {\"type\": \"text\"}, \"who\": {\"type\": \"term\", \"terms\": {\"police\": {},"
    " \"army\": {}}}, \"r\": {\"type\": \"quantity\"}}";

// clang-format off
static const char *const claims =
    "[" CLAIM("n1", "n", "38", "a", "") "," CLAIM("n2", "n", "38", "b", "") ","
    CLAIM("n3", "n", "{\"min\": 24}", "c", "") ","
    CLAIM("d1", "d", "\"2025\"", "a", ", \"stance\": \"questions\"") ","
    CLAIM("b1", "b", "true", "a", "") "," CLAIM("x1", "x", "\"one\"", "a", "") ","
    CLAIM("x2", "x", "\"two\"", "b", "") "," CLAIM("w1", "who", "\"police\"", "a", "") ","
    CLAIM("w2", "who", "\"army\"", "b", "") ","
    CLAIM("r1", "r", "10", "d", ", \"as_of\": \"2025-01-01\"") ","
    CLAIM("r2", "r", "20", "d", ", \"as_of\": \"2025-01-05\"") "]";
// clang-format on

static const ct_claims_group *group_of(const ct_claims_view *v, const ct_corpus *corpus,
                                       const char *property)
{
    size_t n;
    const ct_topic *t = ct_corpus_topics(corpus, &n);
    for (size_t i = 0; i < v->n_groups; i++)
        if (strcmp(t[v->groups[i].topic].properties[v->groups[i].property].name, property) == 0)
            return &v->groups[i];
    return NULL;
}

START_TEST(test_statuses)
{
    fixture f = {0};
    ct_claims_view *v;
    fixture_load(&f, props, claims);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_int_eq(ct_claims_view_build(&v, f.corpus, f.set, NULL), 0);
    ck_assert_uint_eq(v->n_groups, 6);
    ck_assert_uint_eq(v->n_claims, 11);
    const ct_claims_group *n = group_of(v, f.corpus, "n");
    ck_assert_int_eq(n->status, CT_GROUP_AGREEMENT);
    ck_assert_uint_eq(n->n_sources, 3);
    ck_assert_uint_eq(n->n_positions, 2); /* 38 (a, b) and at least 24 (c) */
    ck_assert_uint_eq(n->positions[1].n_sources + n->positions[0].n_sources, 3);
    ck_assert_int_eq(group_of(v, f.corpus, "d")->status, CT_GROUP_OPEN);
    ck_assert_int_eq(group_of(v, f.corpus, "b")->status, CT_GROUP_SINGLE);
    ck_assert_int_eq(group_of(v, f.corpus, "x")->status, CT_GROUP_UNCOMPARED);
    const ct_claims_group *who = group_of(v, f.corpus, "who");
    ck_assert_int_eq(who->status, CT_GROUP_CONFLICT);
    ck_assert_ptr_nonnull(who->conflict);
    /* a speaker's later value revises the earlier one: one position, one revision */
    const ct_claims_group *r = group_of(v, f.corpus, "r");
    ck_assert_int_eq(r->status, CT_GROUP_SINGLE);
    ck_assert_uint_eq(r->n_positions, 1);
    ck_assert_uint_eq(r->n_revisions, 1);
    ck_assert_uint_eq(r->n_claims, 2);
    ck_assert_uint_eq(v->status[CT_GROUP_SINGLE], 2);
    ck_assert_str_eq(ct_group_status_name(CT_GROUP_UNCOMPARED), "uncompared");
    ct_claims_view_free(v);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_filters)
{
    fixture f = {0};
    ct_claims_view *v;
    const char *what;
    fixture_load(&f, props, claims);
    ck_assert_int_eq(f.rc, 0);
    ct_claims_filter by_source = {.source = "c"};
    ck_assert_int_eq(ct_claims_filter_check(&what, f.corpus, &by_source), 0);
    ck_assert_int_eq(ct_claims_view_build(&v, f.corpus, f.set, &by_source), 0);
    ck_assert_uint_eq(v->n_groups, 1); /* only c's group, shown whole */
    ck_assert_uint_eq(v->groups[0].n_claims, 3);
    ct_claims_view_free(v);
    ct_claims_filter none = {.topic = "t", .subject = "s", .source = "d"};
    ck_assert_int_eq(ct_claims_view_build(&v, f.corpus, f.set, &none), 0);
    ck_assert_uint_eq(v->n_groups, 1);
    ct_claims_view_free(v);
    ct_claims_filter bad_topic = {.topic = "u"}, bad_subject = {.subject = "S"},
                     bad_source = {.source = "e"};
    ck_assert_int_eq(ct_claims_filter_check(&what, f.corpus, &bad_topic), CT_ENOTFOUND);
    ck_assert_str_eq(what, "topic");
    ck_assert_int_eq(ct_claims_filter_check(&what, f.corpus, &bad_subject), CT_ENOTFOUND);
    ck_assert_str_eq(what, "subject");
    ck_assert_int_eq(ct_claims_filter_check(&what, f.corpus, &bad_source), CT_ENOTFOUND);
    ck_assert_str_eq(what, "source");
    fixture_dispose(&f);
}
END_TEST

Suite *suite_claims(void)
{
    Suite *s = suite_create("claims");
    TCase *tc = tcase_create("view");
    tcase_add_test(tc, test_statuses);
    tcase_add_test(tc, test_filters);
    suite_add_tcase(s, tc);
    return s;
}
