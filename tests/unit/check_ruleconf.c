/*
 * check_ruleconf.c - issue 23 part 3: rule conflicts are first-class.  Each
 * position names its own subject and property, reports title a rule
 * conflict by its rule and subject, its digest covers the rule's definition,
 * a rule never compares a claim with itself, sources on opposite sides of a
 * violation clash, and a claim that only questions takes no stand.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claimtrack/common.h"
#include "claimtrack/report.h"
#include "claimtrack/review.h"

#define CLAIM(id, subj, prop, value, source, extra)                                                \
    "{\"id\": \"" id "\", \"subject\": \"" subj "\", \"property\": \"" prop                        \
    "\", \"value\": " value ", \"source\": \"" source "\", \"quote\": \"q\"" extra "}"

#define SOURCES                                                                                    \
    "{\"sources\": {\"a\": {\"title\": \"A\"}, \"b\": {\"title\": \"B\"}, \"c\": {\"title\": \"C\"}}}"

static const char *const props =
    "{\"dead\": {\"type\": \"quantity\"}, \"survivors\": {\"type\": \"quantity\"},"
    " \"aboard\": {\"type\": \"quantity\"}}";

/* a says 38 dead, b 32 survivors, c 67 aboard; c only questions 40 dead */
static const char *const headcount = CLAIM("dead-a", "flight", "dead", "38", "a", "") "," CLAIM(
    "survivors-b", "flight", "survivors", "32", "b",
    "") "," CLAIM("aboard-c", "flight", "aboard", "67", "c",
                  "") "," CLAIM("dead-c", "flight", "dead", "40", "c",
                                ", \"stance\": \"questions\"");

static void load(fixture *f, const char *sources, const char *rules, const char *claims)
{
    ct_diag_list empty = CT_DIAG_LIST_INIT;
    f->diags = empty;
    size_t n = strlen(props) + strlen(claims) + strlen(rules) + 256;
    char *topic = malloc(n);
    ck_assert_ptr_nonnull(topic);
    snprintf(topic, n,
             "{\"topic\": \"t\", \"title\": \"T\", \"properties\": %s, \"rules\": %s, "
             "\"claims\": [%s]}",
             props, rules, claims);
    fixture_write(f, "sources.json", sources);
    fixture_write(f, "topic.json", topic);
    free(topic);
    ck_assert_int_eq(ct_corpus_new(&f->corpus), 0);
    const char *paths[] = {f->dir};
    f->rc = ct_corpus_load(f->corpus, paths, 1, NULL, &f->diags);
    if (f->rc == 0)
        ck_assert_int_eq(ct_conflict_find(&f->set, f->corpus), 0);
}

static int has_error(const fixture *f, const char *pointer, const char *words)
{
    for (size_t i = 0; i < f->diags.count; i++) {
        const ct_diag *d = &f->diags.items[i];
        if (d->level == CT_DIAG_ERROR && d->pointer && strcmp(d->pointer, pointer) == 0 &&
            strstr(d->message, words))
            return 1;
    }
    return 0;
}

static const ct_conflict *rule_conflict(const fixture *f, const char *subject)
{
    for (size_t i = 0; i < f->set->n_conflicts; i++) {
        const ct_conflict *c = &f->set->conflicts[i];
        if (c->type == CT_CONFLICT_RULE && strcmp(c->subject, subject) == 0)
            return c;
    }
    return NULL;
}

static const char *const sum_rule =
    "[{\"id\": \"dead-plus-survivors-is-aboard\", \"left\": [\"dead\", \"survivors\"], "
    "\"relation\": \"=\", \"right\": [\"aboard\"]}]";

START_TEST(test_positions_name_their_term)
{
    fixture f = {0};
    load(&f, SOURCES, sum_rule, headcount);
    ck_assert_int_eq(f.rc, 0);
    const ct_conflict *c = rule_conflict(&f, "flight");
    ck_assert_ptr_nonnull(c);
    ck_assert_ptr_nonnull(c->rule_def);
    ck_assert_uint_eq(c->n_positions, 3);
    size_t n;
    const ct_topic *t = &ct_corpus_topics(f.corpus, &n)[c->topic];
    static const char *const want[] = {"dead", "survivors", "aboard"};
    for (size_t i = 0; i < 3; i++) {
        ck_assert_str_eq(c->positions[i].subject, "flight");
        ck_assert_str_eq(t->properties[c->positions[i].property].name, want[i]);
        ck_assert_uint_eq(c->positions[i].term, i);
    }
    char *title = ct_report_conflict_title(t, c);
    ck_assert_str_eq(title, "rule dead-plus-survivors-is-aboard · flight");
    ct_free(title);
    char *text = ct_report_rule_text(t, c);
    ck_assert_str_eq(text, "dead + survivors = aboard");
    ct_free(text);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_json_report_of_a_rule_conflict)
{
    fixture f = {0};
    load(&f, SOURCES, sum_rule, headcount);
    ck_assert_int_eq(f.rc, 0);
    ct_report r = {.corpus = f.corpus, .conflicts = f.set, .fail_on = CT_FAIL_ON_UNREVIEWED};
    json_t *doc = ct_report_to_json(&r);
    ck_assert_ptr_nonnull(doc);
    json_t *c = json_array_get(json_object_get(doc, "conflicts"), 0);
    ck_assert_str_eq(json_string_value(json_object_get(c, "type")), "rule");
    ck_assert(json_is_null(json_object_get(c, "property")));
    ck_assert_str_eq(json_string_value(json_object_get(c, "title")),
                     "rule dead-plus-survivors-is-aboard · flight");
    ck_assert_str_eq(json_string_value(json_object_get(c, "rule")),
                     "dead-plus-survivors-is-aboard");
    json_t *terms = json_object_get(c, "terms");
    ck_assert_uint_eq(json_array_size(terms), 3);
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(terms, 1), "property")),
                     "survivors");
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(terms, 2), "side")), "right");
    json_t *positions = json_object_get(c, "positions");
    static const char *const want[] = {"dead", "survivors", "aboard"};
    for (size_t i = 0; i < 3; i++) {
        json_t *p = json_array_get(positions, i);
        ck_assert_str_eq(json_string_value(json_object_get(p, "property")), want[i]);
        ck_assert_str_eq(json_string_value(json_object_get(p, "subject")), "flight");
    }
    json_decref(doc);
    fixture_dispose(&f);
}
END_TEST

/* The same claims under "=" and under "<=" break both rules, with one id:
 * the digests differ, so a review of one is stale for the other. */
START_TEST(test_digest_covers_the_rule)
{
    static const char *const rels[] = {"=", "<=", "="};
    static const char *const rights[] = {"[\"aboard\"]", "[\"aboard\"]",
                                         "[{\"subject\": \"flight\", \"property\": \"aboard\"}]"};
    char id[3][CT_CONFLICT_ID_SIZE], digest[3][CT_CONFLICT_DIGEST_SIZE];
    for (size_t k = 0; k < 3; k++) {
        char rules[512];
        snprintf(rules, sizeof rules,
                 "[{\"id\": \"r\", \"left\": [\"dead\", \"survivors\"], \"relation\": \"%s\", "
                 "\"right\": %s}]",
                 rels[k], rights[k]);
        fixture f = {0};
        load(&f, SOURCES, rules, headcount);
        ck_assert_int_eq(f.rc, 0);
        const ct_conflict *c = rule_conflict(&f, "flight");
        ck_assert_ptr_nonnull(c);
        memcpy(id[k], c->id, sizeof id[k]);
        memcpy(digest[k], c->digest, sizeof digest[k]);
        fixture_dispose(&f);
    }
    ck_assert_str_eq(id[0], id[1]);
    ck_assert_str_ne(digest[0], digest[1]);
    /* naming the subject the rule is applied to anyway is the same rule */
    ck_assert_str_eq(digest[0], digest[2]);
}
END_TEST

START_TEST(test_shared_terms_are_located_errors)
{
    fixture f = {0};
    load(&f, SOURCES,
         "[{\"id\": \"r1\", \"left\": [\"dead\"], \"relation\": \"<\", \"right\": [\"dead\"]},"
         " {\"id\": \"r2\", \"left\": [\"dead\", \"dead\"], \"relation\": \"=\", \"right\": "
         "[\"aboard\"]},"
         " {\"id\": \"r3\", \"left\": [{\"subject\": \"flight\", \"property\": \"dead\"}], "
         "\"relation\": \"<=\", \"right\": [\"aboard\", {\"subject\": \"flight\", \"property\": "
         "\"dead\"}]},"
         " {\"id\": \"fine\", \"left\": [\"dead\"], \"relation\": \"<=\", \"right\": "
         "[{\"subject\": \"flight\", \"property\": \"dead\"}]}]",
         headcount);
    ck_assert_int_ne(f.rc, 0);
    ck_assert(has_error(&f, "/rules/0/right/0", "twice"));
    ck_assert(has_error(&f, "/rules/1/left/1", "twice"));
    ck_assert(has_error(&f, "/rules/2/right/1", "twice"));
    ck_assert(!has_error(&f, "/rules/3/right/0", "twice"));
    fixture_dispose(&f);
}
END_TEST

/* "dead <= flight's dead" applied to flight itself compares each claim with
 * itself: never a conflict; applied to another subject it is a real rule. */
START_TEST(test_claim_never_conflicts_with_itself)
{
    fixture f = {0};
    load(&f, SOURCES,
         "[{\"id\": \"below-flight\", \"left\": [\"dead\"], \"relation\": \"<\", \"right\": "
         "[{\"subject\": \"flight\", \"property\": \"dead\"}]}]",
         CLAIM("f1", "flight", "dead", "38", "a", "") "," CLAIM("f2", "flight", "dead", "50", "b",
                                                                "") "," CLAIM("o1", "other", "dead",
                                                                              "60", "c", ""));
    ck_assert_int_eq(f.rc, 0);
    const ct_conflict *c = rule_conflict(&f, "flight");
    /* flight: 38 against 50 and 50 against 38 are two claims; 38 < 38 is one */
    ck_assert_ptr_nonnull(c);
    /* positions: the left term's 38 and 50, then the right term's 38 and 50 */
    ck_assert_uint_eq(c->n_positions, 4);
    ck_assert_uint_eq(c->n_violations, 1); /* 50 < 38 only */
    ck_assert_uint_eq(c->violations[0].positions[0], 1);
    ck_assert_uint_eq(c->violations[0].positions[1], 2);
    ck_assert_ptr_nonnull(rule_conflict(&f, "other"));
    fixture_dispose(&f);
    /* one claim alone never breaks it */
    load(&f, SOURCES,
         "[{\"id\": \"below-flight\", \"left\": [\"dead\"], \"relation\": \"<\", \"right\": "
         "[{\"subject\": \"flight\", \"property\": \"dead\"}]}]",
         CLAIM("f1", "flight", "dead", "38", "a", ""));
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.set->n_conflicts, 0);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_alias_equal_to_source_id_is_an_error)
{
    fixture f = {0};
    load(&f,
         "{\"sources\": {\"a\": {\"title\": \"A\"}, \"b\": {\"title\": \"B\"}, \"c\": "
         "{\"title\": \"C\"}}, \"claimants\": {\"The Ministry\": {\"aliases\": [\"ministry\", "
         "\"b\"]}}}",
         sum_rule, headcount);
    ck_assert_int_ne(f.rc, 0);
    ck_assert(has_error(&f, "/claimants/The Ministry/aliases/1", "source"));
    ck_assert(!has_error(&f, "/claimants/The Ministry/aliases/0", "source"));
    fixture_dispose(&f);
}
END_TEST

static const ct_agreement *cell(const ct_agreement *cells, size_t i, size_t j)
{
    return &cells[i * 3 + j];
}

START_TEST(test_agreement_counts_rule_conflicts_and_not_questions)
{
    fixture f = {0};
    /* and b agrees with a on 38 dead */
    load(&f, SOURCES, sum_rule,
         CLAIM("dead-b", "flight", "dead", "38", "b", "") "," CLAIM(
             "dead-a", "flight", "dead", "38", "a",
             "") "," CLAIM("survivors-b", "flight", "survivors", "32", "b",
                           "") "," CLAIM("aboard-c", "flight", "aboard", "67", "c",
                                         "") "," CLAIM("dead-c", "flight", "dead", "40", "c",
                                                       ", \"stance\": \"questions\""));
    ck_assert_int_eq(f.rc, 0);
    const char *ids[] = {"a", "b", "c"};
    ct_agreement *cells = NULL;
    ck_assert_int_eq(ct_source_agreement(&cells, f.corpus, f.set, ids, 3), 0);
    /* a and b: agree on dead, both on the left side of the rule */
    ck_assert_uint_eq(cell(cells, 0, 1)->agree, 1);
    ck_assert_uint_eq(cell(cells, 0, 1)->clash, 0);
    /* c only questions dead (no stand there) and is on the right side */
    ck_assert_uint_eq(cell(cells, 0, 2)->agree, 0);
    ck_assert_uint_eq(cell(cells, 0, 2)->clash, 1);
    ck_assert_uint_eq(cell(cells, 1, 2)->agree, 0);
    ck_assert_uint_eq(cell(cells, 1, 2)->clash, 1);
    ck_assert_uint_eq(cell(cells, 2, 1)->clash, 1);
    ct_free(cells);
    fixture_dispose(&f);
}
END_TEST

/* A review of a rule conflict names its rule, not its first term's property. */
START_TEST(test_review_entry_names_the_rule)
{
    fixture f = {0};
    load(&f, SOURCES, sum_rule, headcount);
    ck_assert_int_eq(f.rc, 0);
    const ct_conflict *c = rule_conflict(&f, "flight");
    ck_assert_ptr_nonnull(c);
    ct_review_set *rs = NULL;
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    static const char empty[] = "{\"reviews\": {}}";
    ck_assert_int_eq(ct_review_set_parse(&rs, "reviews.json", empty, sizeof empty - 1, &diags), 0);
    ct_review_input in = {
        .status = "confirmed", .note = "n", .reviewer = "ed", .date = "2026-01-01"};
    ck_assert_int_eq(ct_review_set_put(rs, c, "t", "dead", &in), 0);
    const json_t *entry = NULL;
    ck_assert_int_eq(ct_review_state_of(rs, c, &entry), CT_REVIEW_CONFIRMED);
    ck_assert_str_eq(json_string_value(json_object_get(entry, "rule")),
                     "dead-plus-survivors-is-aboard");
    ck_assert_ptr_null(json_object_get(entry, "property"));
    ct_review_set_free(rs);
    ct_diag_list_dispose(&diags);
    fixture_dispose(&f);
}
END_TEST

Suite *suite_ruleconf(void)
{
    Suite *s = suite_create("ruleconf");
    TCase *tc = tcase_create("rule conflicts");
    tcase_add_test(tc, test_positions_name_their_term);
    tcase_add_test(tc, test_json_report_of_a_rule_conflict);
    tcase_add_test(tc, test_digest_covers_the_rule);
    tcase_add_test(tc, test_shared_terms_are_located_errors);
    tcase_add_test(tc, test_claim_never_conflicts_with_itself);
    tcase_add_test(tc, test_alias_equal_to_source_id_is_an_error);
    tcase_add_test(tc, test_agreement_counts_rule_conflicts_and_not_questions);
    tcase_add_test(tc, test_review_entry_names_the_rule);
    suite_add_tcase(s, tc);
    return s;
}
