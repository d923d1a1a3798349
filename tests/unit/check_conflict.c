/*
 * check_conflict.c - every compatibility rule and its edge cases.
 */
#include "unit.h"
#include "claimtrack/common.h"

#include <stdio.h>
#include <string.h>

#define CLAIM(id, prop, value, source, extra)                                                      \
    "{\"id\": \"" id "\", \"subject\": \"s\", \"property\": \"" prop "\", \"value\": " value       \
    ", \"source\": \"" source "\", \"quote\": \"q\"" extra "}"

static const char *const props =
    "{\"n\": {\"type\": \"quantity\"}, \"m\": {\"type\": \"quantity\", \"tolerance\": 0.5},"
    " \"d\": {\"type\": \"date\"}, \"b\": {\"type\": \"boolean\"}, \"x\": {\"type\": \"text\"},"
    " \"tags\": {\"type\": \"term\", \"multi\": true, \"terms\": {\"p\": {}, \"q\": {}}},"
    " \"who\": {\"type\": \"term\", \"terms\": {\"forces\": {}, \"police\": {\"broader\": \"forces\"},"
    "   \"riot-police\": {\"broader\": \"police\"}, \"fsb\": {\"broader\": \"forces\"}, \"army\": {}}}}";

/* Number of conflicts found for two or more claims. */
static size_t conflicts_of(fixture *f, const char *claims)
{
    char buf[8192];
    snprintf(buf, sizeof buf, "[%s]", claims);
    fixture_load(f, props, buf);
    ck_assert_msg(f->rc == 0, "load failed: %s", f->diags.count ? f->diags.items[0].message : "?");
    return f->set->n_conflicts;
}

START_TEST(test_denial_clashes_with_what_implies_it)
{
    fixture f = {0};
    ck_assert_uint_eq(conflicts_of(&f, CLAIM("a", "b", "true", "a", "") "," CLAIM(
                                           "b", "b", "true", "b", ", \"stance\": \"denies\"")),
                      1);
    ck_assert_int_eq(f.set->conflicts[0].type, CT_CONFLICT_DENIAL);
    ck_assert_int_eq(f.set->conflicts[0].positions[1].denies, 1);
    fixture_dispose(&f);
    /* which denials clash with which assertions: compat_cases */
}
END_TEST

/* The speaker is (kind, name): source `afp` and claimant "afp" relayed by
 * bbc are two speakers, so a later claim of the claimant is no revision of the
 * source's claim.  An unrelated source id ("a" or "ab") moves every later
 * string by one byte; the result must not change. */
static void load_files(fixture *f, const char *sources, const char *topic)
{
    ct_diag_list empty = CT_DIAG_LIST_INIT;
    f->diags = empty;
    fixture_write(f, "sources.json", sources);
    fixture_write(f, "topic.json", topic);
    ck_assert_int_eq(ct_corpus_new(&f->corpus), 0);
    const char *paths[] = {f->dir};
    f->rc = ct_corpus_load(f->corpus, paths, 1, NULL, &f->diags);
    ck_assert_msg(f->rc == 0, "load failed: %s", f->diags.count ? f->diags.items[0].message : "?");
    ck_assert_int_eq(ct_conflict_find(&f->set, f->corpus), 0);
}

START_TEST(test_claimant_named_like_a_source_is_not_that_source)
{
    static const char *const unrelated[] = {"a", "ab", "abc", "abcd"};
    for (size_t i = 0; i < sizeof unrelated / sizeof unrelated[0]; i++) {
        char sources[256];
        snprintf(sources, sizeof sources,
                 "{\"sources\": {\"%s\": {\"title\": \"X\"}, \"afp\": {\"title\": \"AFP\"},"
                 " \"bbc\": {\"title\": \"BBC\"}}}",
                 unrelated[i]);
        fixture f = {0};
        load_files(
            &f, sources,
            "{\"topic\": \"t\", \"title\": \"T\", \"properties\": {\"n\": {\"type\": \"quantity\"}},"
            " \"claims\": [" CLAIM("x1", "n", "2", "afp", ", \"as_of\": \"2025-06-01\"") "," CLAIM(
                "x2", "n", "5", "bbc", ", \"claimant\": \"afp\", \"as_of\": \"2025-06-10\"") "]}");
        ck_assert_msg(f.set->n_conflicts == 1 && f.set->n_revisions == 0,
                      "with source \"%s\": %zu conflicts, %zu revisions; want 1 and 0",
                      unrelated[i], f.set->n_conflicts, f.set->n_revisions);
        ck_assert_int_eq(f.set->conflicts[0].type, CT_CONFLICT_VALUE);
        fixture_dispose(&f);
    }
}
END_TEST

START_TEST(test_later_as_of_is_a_revision)
{
    fixture f = {0};
    ck_assert_uint_eq(
        conflicts_of(
            &f,
            CLAIM("a", "n", "2", "a", ", \"claimant\": \"Ministry\", \"as_of\": \"2025-06-28\"") "," CLAIM(
                "b", "n", "3", "b", ", \"claimant\": \"Ministry\", \"as_of\": \"2025-07-02\"")),
        0);
    ck_assert_uint_eq(f.set->n_revisions, 1);
    size_t n;
    const ct_claim *c = ct_corpus_claims(f.corpus, &n);
    ck_assert_str_eq(c[f.set->revisions[0].claim].id, "a");
    ck_assert_str_eq(c[f.set->revisions[0].by].id, "b");
    fixture_dispose(&f);
    /* the revised claim takes no part, the current one can still clash: compat_cases */
}
END_TEST

START_TEST(test_same_claimant_without_as_of_is_self_contradiction)
{
    fixture f = {0};
    ck_assert_uint_eq(
        conflicts_of(&f, CLAIM("a", "n", "2", "a", ", \"claimant\": \"Ministry\"") "," CLAIM(
                             "b", "n", "5", "b", ", \"claimant\": \"Ministry\"")),
        1);
    ck_assert_int_eq(f.set->conflicts[0].type, CT_CONFLICT_SELF_CONTRADICTION);
    ck_assert_int_eq(f.set->conflicts[0].severity, CT_SEVERITY_HIGH);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_one_source_relaying_two_claimants_is_a_conflict)
{
    fixture f = {0};
    ck_assert_uint_eq(
        conflicts_of(&f, CLAIM("a", "b", "true", "a", ", \"claimant\": \"Baku\"") "," CLAIM(
                             "b", "b", "false", "a", ", \"claimant\": \"Moscow\"")),
        1);
    ck_assert_int_eq(f.set->conflicts[0].type, CT_CONFLICT_VALUE);
    ck_assert_int_eq(f.set->conflicts[0].severity, CT_SEVERITY_MEDIUM);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_severity_rules)
{
    fixture f = {0};
    conflicts_of(&f, CLAIM("a", "n", "6", "a", "") "," CLAIM("b", "n", "9", "b", ""));
    ck_assert_int_eq(f.set->conflicts[0].severity, CT_SEVERITY_HIGH);
    fixture_dispose(&f);
    conflicts_of(&f, CLAIM("a", "n", "6", "a", "") "," CLAIM("b", "n", "7", "b",
                                                             ", \"hedge\": \"reported\""));
    ck_assert_int_eq(f.set->conflicts[0].severity, CT_SEVERITY_LOW);
    fixture_dispose(&f);
    /* a large factor raises a hedged clash one level */
    conflicts_of(&f, CLAIM("a", "n", "6", "a", "") "," CLAIM("b", "n", "30", "b",
                                                             ", \"hedge\": \"reported\""));
    ck_assert_int_eq(f.set->conflicts[0].severity, CT_SEVERITY_MEDIUM);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_positions_group_equal_values)
{
    fixture f = {0};
    conflicts_of(&f, CLAIM("a", "n", "6", "a", "") "," CLAIM("b", "n", "9", "b", "") "," CLAIM(
                         "c", "n", "{\"min\": 6, \"max\": 6}", "c",
                         "") "," CLAIM("d", "n", "{\"min\": 24}", "d", ""));
    const ct_conflict *c = &f.set->conflicts[0];
    ck_assert_uint_eq(c->n_positions, 3);
    ck_assert_uint_eq(c->positions[0].n_claims, 2); /* 6 and [6, 6] */
    ck_assert_str_eq(c->positions[0].display, "6");
    ck_assert_uint_eq(c->n_clashes, 3);
    ck_assert_uint_eq(c->clashes[0].a, 0);
    ck_assert_uint_eq(c->clashes[0].b, 1);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_id_stable_digest_tracks_claims)
{
    fixture f = {0};
    conflicts_of(&f, CLAIM("a", "n", "6", "a", "") "," CLAIM("b", "n", "9", "b", ""));
    char id[CT_CONFLICT_ID_SIZE], digest[CT_CONFLICT_DIGEST_SIZE];
    memcpy(id, f.set->conflicts[0].id, sizeof id);
    memcpy(digest, f.set->conflicts[0].digest, sizeof digest);
    char want[CT_CONFLICT_ID_SIZE];
    ct_conflict_id("t", "s", "n", want);
    ck_assert_str_eq(id, want);
    ck_assert_int_eq((int)strlen(id), 19);
    ck_assert_int_eq((int)strlen(digest), 64);
    fixture_dispose(&f);
    conflicts_of(&f, CLAIM("a", "n", "6", "a", "") "," CLAIM("b", "n", "9", "b",
                                                             "") "," CLAIM("c", "n", "9", "c", ""));
    ck_assert_str_eq(f.set->conflicts[0].id, id);
    ck_assert_str_ne(f.set->conflicts[0].digest, digest);
    fixture_dispose(&f);
    /* same claims in another order: same digest */
    conflicts_of(&f, CLAIM("b", "n", "9", "b", "") "," CLAIM("a", "n", "6", "a", ""));
    ck_assert_str_eq(f.set->conflicts[0].digest, digest);
    fixture_dispose(&f);
    /* a changed hedge or claimant alone changes the digest */
    conflicts_of(&f, CLAIM("a", "n", "6", "a", ", \"hedge\": \"alleged\"") "," CLAIM("b", "n", "9",
                                                                                     "b", ""));
    ck_assert_str_ne(f.set->conflicts[0].digest, digest);
    fixture_dispose(&f);
    conflicts_of(
        &f, CLAIM("a", "n", "6", "a", ", \"claimant\": \"x\"") "," CLAIM("b", "n", "9", "b", ""));
    ck_assert_str_ne(f.set->conflicts[0].digest, digest);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_id_is_sha256_of_canonical_names)
{
    /* SHA-256("24:claimtrack conflict id 2,1:t,1:s,1:n,"), first 8 bytes, as
     * computed independently (Python's hashlib) */
    char id[CT_CONFLICT_ID_SIZE];
    ct_conflict_id("t", "s", "n", id);
    ck_assert_str_eq(id, "CT-fbc6b9980eb73777");
    /* the two groups whose 32-bit FNV ids collided now differ */
    char old_a[CT_LEGACY_ID_SIZE], old_b[CT_LEGACY_ID_SIZE], a[CT_CONFLICT_ID_SIZE],
        b[CT_CONFLICT_ID_SIZE];
    ct_conflict_legacy_id("t", "subject 10566", "n", old_a);
    ct_conflict_legacy_id("t", "subject 61992", "n", old_b);
    ck_assert_str_eq(old_a, "CT-8f908b0f");
    ck_assert_str_eq(old_b, "CT-8f908b0f");
    ct_conflict_id("t", "subject 10566", "n", a);
    ct_conflict_id("t", "subject 61992", "n", b);
    ck_assert_str_eq(a, "CT-07ac30a401983412");
    ck_assert_str_ne(a, b);
    /* names are length-prefixed: moving a character across a boundary changes the id */
    ct_conflict_id("ab", "c", "n", a);
    ct_conflict_id("a", "bc", "n", b);
    ck_assert_str_ne(a, b);
}
END_TEST

START_TEST(test_id_collision_found)
{
    ct_conflict items[3];
    memset(items, 0, sizeof items);
    strcpy(items[0].id, "CT-00000000000000aa");
    strcpy(items[1].id, "CT-00000000000000bb");
    strcpy(items[2].id, "CT-00000000000000cc");
    ct_conflict_set set = {0};
    set.conflicts = items;
    set.n_conflicts = 3;
    size_t a = 99, b = 99;
    ck_assert_int_eq(ct_conflict_set_find_id_collision(&a, &b, &set), 0);
    strcpy(items[2].id, items[0].id);
    ck_assert_int_eq(ct_conflict_set_find_id_collision(&a, &b, &set), 1);
    ck_assert_uint_eq(a, 0);
    ck_assert_uint_eq(b, 2);
    set.n_conflicts = 1;
    ck_assert_int_eq(ct_conflict_set_find_id_collision(&a, &b, &set), 0);
}
END_TEST

START_TEST(test_many_positions_clash_suffixes)
{
    /* 0..49 exact values: every pair clashes; 1225 pairs, listing capped */
    char buf[8192] = "";
    for (int i = 0; i < 50; i++) {
        char one[160];
        snprintf(one, sizeof one,
                 "%s{\"id\": \"c%d\", \"subject\": \"s\", \"property\": \"n\", \"value\": %d,"
                 " \"source\": \"a\", \"quote\": \"q\", \"claimant\": \"k%d\"}",
                 i ? "," : "", i, i, i);
        strcat(buf, one);
    }
    fixture f = {0};
    ck_assert_uint_eq(conflicts_of(&f, buf), 1);
    ck_assert_uint_eq(f.set->conflicts[0].n_positions, 50);
    ck_assert_uint_eq(f.set->conflicts[0].n_clashes, CT_CLASHES_MAX);
    ck_assert_int_eq(f.set->conflicts[0].clashes_truncated, 1);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_large_integers_clash)
{
    /* which large integers clash: compat_cases; here, their positions */
    fixture f = {0};
    conflicts_of(&f, CLAIM("a", "n", "9007199254740993", "a",
                           "") "," CLAIM("b", "n", "9007199254740992", "b", ""));
    ck_assert_uint_eq(f.set->conflicts[0].n_positions, 2);
    ck_assert_str_eq(f.set->conflicts[0].positions[0].display, "9007199254740992");
    fixture_dispose(&f);
}
END_TEST

/* Positions by value (assertions first), their claims by id, whatever the
 * load order; conflicts by subject within a topic. */
START_TEST(test_canonical_order)
{
    static const char *const orders[2] = {
        "[{\"id\": \"z\", \"subject\": \"s2\", \"property\": \"n\", \"value\": 9, \"source\": \"a\", \"quote\": \"q\"},"
        " {\"id\": \"y\", \"subject\": \"s2\", \"property\": \"n\", \"value\": 3, \"source\": \"b\", \"quote\": \"q\"},"
        " {\"id\": \"w\", \"subject\": \"s2\", \"property\": \"n\", \"value\": {\"min\": 3, \"max\": 3}, \"source\": \"d\", \"quote\": \"q\"},"
        " {\"id\": \"x\", \"subject\": \"s2\", \"property\": \"n\", \"value\": 9, \"source\": \"c\", \"quote\": \"q\", \"stance\": \"denies\"},"
        " {\"id\": \"v\", \"subject\": \"s1\", \"property\": \"n\", \"value\": 1, \"source\": \"a\", \"quote\": \"q\"},"
        " {\"id\": \"u\", \"subject\": \"s1\", \"property\": \"n\", \"value\": 2, \"source\": \"b\", \"quote\": \"q\"}]",
        "[{\"id\": \"u\", \"subject\": \"s1\", \"property\": \"n\", \"value\": 2, \"source\": \"b\", \"quote\": \"q\"},"
        " {\"id\": \"v\", \"subject\": \"s1\", \"property\": \"n\", \"value\": 1, \"source\": \"a\", \"quote\": \"q\"},"
        " {\"id\": \"x\", \"subject\": \"s2\", \"property\": \"n\", \"value\": 9, \"source\": \"c\", \"quote\": \"q\", \"stance\": \"denies\"},"
        " {\"id\": \"w\", \"subject\": \"s2\", \"property\": \"n\", \"value\": {\"min\": 3, \"max\": 3}, \"source\": \"d\", \"quote\": \"q\"},"
        " {\"id\": \"y\", \"subject\": \"s2\", \"property\": \"n\", \"value\": 3, \"source\": \"b\", \"quote\": \"q\"},"
        " {\"id\": \"z\", \"subject\": \"s2\", \"property\": \"n\", \"value\": 9, \"source\": \"a\", \"quote\": \"q\"}]"};
    for (int o = 0; o < 2; o++) {
        fixture f = {0};
        fixture_load(&f, props, orders[o]);
        ck_assert_int_eq(f.rc, 0);
        ck_assert_uint_eq(f.set->n_conflicts, 2);
        size_t n;
        const ct_claim *cl = ct_corpus_claims(f.corpus, &n);
        ck_assert_str_eq(f.set->conflicts[0].subject, "s1");
        ck_assert_str_eq(f.set->conflicts[0].positions[0].display, "1");
        const ct_conflict *c = &f.set->conflicts[1];
        ck_assert_str_eq(c->subject, "s2");
        ck_assert_uint_eq(c->n_positions, 3);
        /* 3 (w, y; written 3 is the least spelling), 9 (z), denies 9 (x) */
        ck_assert_str_eq(c->positions[0].display, "3");
        ck_assert_str_eq(c->positions[0].value_json, "3");
        ck_assert_uint_eq(c->positions[0].n_claims, 2);
        ck_assert_str_eq(cl[c->positions[0].claims[0]].id, "w");
        ck_assert_str_eq(cl[c->positions[0].claims[1]].id, "y");
        ck_assert_str_eq(cl[c->positions[1].claims[0]].id, "z");
        ck_assert_int_eq(c->positions[2].denies, 1);
        ck_assert_str_eq(cl[c->positions[2].claims[0]].id, "x");
        ck_assert_uint_eq(c->n_clashes, 2);
        ck_assert_uint_eq(c->clashes[0].a, 0);
        ck_assert_uint_eq(c->clashes[0].b, 1);
        ck_assert_uint_eq(c->clashes[1].a, 1);
        ck_assert_uint_eq(c->clashes[1].b, 2);
        fixture_dispose(&f);
    }
}
END_TEST

/* ---- claim model 2: scopes, cumulative counts, estimates, questions, severity ---- */

static const char *const sources_dated =
    "{\"sources\": {\"a\": {\"title\": \"A\", \"published\": \"2025-03-10\"},"
    " \"b\": {\"title\": \"B\", \"published\": \"2025-07-02\"},"
    " \"c\": {\"title\": \"C\"}, \"d\": {\"title\": \"D\", \"published\": \"2025-03\"}}}";

/* Load `claims` under varying properties with dated sources. */
static void load_varying(fixture *f, const char *claims)
{
    char topic[8192];
    snprintf(
        topic, sizeof topic,
        "{\"topic\": \"t\", \"title\": \"T\", \"properties\": {"
        "\"trend\": {\"type\": \"term\", \"varies\": true, \"terms\": {\"up\": {}, \"down\": {}}},"
        "\"dead\": {\"type\": \"quantity\", \"cumulative\": true},"
        "\"n\": {\"type\": \"quantity\"},"
        "\"hi\": {\"type\": \"quantity\", \"importance\": \"high\"},"
        "\"lo\": {\"type\": \"quantity\", \"importance\": \"low\"}},"
        " \"claims\": [%s]}",
        claims);
    load_files(f, sources_dated, topic);
}

START_TEST(test_varies_scope_defaults_to_published)
{
    fixture f = {0};
    /* no as_of: a is scoped to 2025-03-10, b to 2025-07-02 */
    load_varying(
        &f, CLAIM("a", "trend", "\"up\"", "a", "") "," CLAIM("b", "trend", "\"down\"", "b", ""));
    ck_assert_uint_eq(f.set->n_conflicts, 0);
    size_t n;
    const ct_claim *cl = ct_corpus_claims(f.corpus, &n);
    ck_assert_int_eq(cl[0].scope_basis, CT_SCOPE_PUBLISHED);
    ck_assert_str_eq(cl[0].scope_text, "2025-03-10");
    fixture_dispose(&f);
    /* the source has no published date: the claim overlaps everything */
    load_varying(
        &f, CLAIM("a", "trend", "\"up\"", "a", "") "," CLAIM("c", "trend", "\"down\"", "c", ""));
    ck_assert_uint_eq(f.set->n_conflicts, 1);
    cl = ct_corpus_claims(f.corpus, &n);
    ck_assert_int_eq(cl[1].scope_basis, CT_SCOPE_ALWAYS);
    ck_assert_ptr_null(cl[1].scope_text);
    fixture_dispose(&f);
    /* a published month holds the published day: compat_cases */
}
END_TEST

START_TEST(test_varies_same_speaker_is_no_revision)
{
    fixture f = {0};
    load_varying(&f, CLAIM("a", "trend", "\"up\"", "a", ", \"as_of\": \"2025-03\"") "," CLAIM(
                         "b", "trend", "\"down\"", "a", ", \"as_of\": \"2025-07\""));
    ck_assert_uint_eq(f.set->n_conflicts, 0);
    ck_assert_uint_eq(f.set->n_revisions, 0);
    fixture_dispose(&f);
    /* one speaker, one time, two values: still a self-contradiction */
    load_varying(&f, CLAIM("a", "trend", "\"up\"", "a", ", \"as_of\": \"2025-03\"") "," CLAIM(
                         "b", "trend", "\"down\"", "a",
                         ", \"as_of\": \"2025-03-02\"") "," CLAIM("c", "trend", "\"down\"", "b",
                                                                  ", \"as_of\": \"2025-09\""));
    ck_assert_uint_eq(f.set->n_conflicts, 1);
    ck_assert_int_eq(f.set->conflicts[0].type, CT_CONFLICT_SELF_CONTRADICTION);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_estimate_interval_and_best)
{
    /* [20, 40] holds 35, not 41: compat_cases; here, best and the severity */
    fixture f = {0};
    conflicts_of(&f, CLAIM("a", "n", "{\"low\": 20, \"best\": 25, \"high\": 40}", "a",
                           "") "," CLAIM("b", "n", "41", "b", ""));
    size_t n;
    const ct_claim *cl = ct_corpus_claims(f.corpus, &n);
    int64_t best = 0;
    ck_assert_int_eq(ct_decimal_to_int(&best, &cl[0].best), 0);
    ck_assert_int_eq(best, 25);
    ck_assert_str_eq(cl[0].display, "25 (estimate 20 to 40)");
    /* the gap is measured from best: 41 - 25 = 16, not 41 - 40 = 1 */
    ck_assert_int_eq(f.set->conflicts[0].severity, CT_SEVERITY_HIGH);
    fixture_dispose(&f);
    /* without best, the gap (1) is under 10% of 41 */
    conflicts_of(&f, CLAIM("a", "n", "{\"low\": 20, \"high\": 40}", "a",
                           "") "," CLAIM("b", "n", "41", "b", ""));
    ck_assert_int_eq(f.set->conflicts[0].severity, CT_SEVERITY_LOW);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_estimate_order_checked)
{
    const char *bad[] = {"{\"low\": 30, \"best\": 25, \"high\": 40}",
                         "{\"low\": 20, \"best\": 45, \"high\": 40}",
                         "{\"low\": 50, \"high\": 40}"};
    for (size_t i = 0; i < 3; i++) {
        fixture f = {0};
        char claims[512];
        snprintf(claims, sizeof claims,
                 "[{\"id\": \"a\", \"subject\": \"s\", \"property\": \"n\", \"value\": %s,"
                 " \"source\": \"a\", \"quote\": \"q\"}]",
                 bad[i]);
        fixture_load(&f, props, claims);
        ck_assert_int_eq(f.rc, CT_EINVALID);
        ck_assert_uint_ge(f.diags.count, 1);
        ck_assert_ptr_nonnull(strstr(f.diags.items[0].message, "estimate's"));
        ck_assert_ptr_nonnull(strstr(f.diags.items[0].pointer, "/value"));
        fixture_dispose(&f);
    }
}
END_TEST

START_TEST(test_questions_never_clash)
{
    /* a claim that only questions never clashes (compat_cases), but is shown
     * with its group when the group has a conflict */
    fixture f = {0};
    conflicts_of(&f, CLAIM("a", "n", "5", "a", "") "," CLAIM("b", "n", "9", "b", "") "," CLAIM(
                         "c", "n", "7", "c", ", \"stance\": \"questions\""));
    ck_assert_uint_eq(f.set->n_conflicts, 1);
    const ct_conflict *c = &f.set->conflicts[0];
    ck_assert_uint_eq(c->n_positions, 3);
    ck_assert_uint_eq(c->n_clashes, 1);
    ck_assert_int_eq(c->positions[2].questions, 1);
    ck_assert_uint_eq(c->clashes[0].a, 0);
    ck_assert_uint_eq(c->clashes[0].b, 1);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_severity_small_gap_and_importance)
{
    fixture f = {0};
    /* 29 vs 28: a gap of 1 is under 10 % of 29 */
    conflicts_of(&f, CLAIM("a", "n", "29", "a", "") "," CLAIM("b", "n", "28", "b", ""));
    const ct_conflict *c = &f.set->conflicts[0];
    ck_assert_int_eq(c->severity, CT_SEVERITY_LOW);
    ck_assert_uint_eq(c->n_severity_reasons, 2);
    ck_assert_ptr_nonnull(strstr(c->severity_reasons[1], "under 10%"));
    fixture_dispose(&f);
    /* 30 vs 27: exactly 10 % is not under it */
    conflicts_of(&f, CLAIM("a", "n", "30", "a", "") "," CLAIM("b", "n", "27", "b", ""));
    ck_assert_int_eq(f.set->conflicts[0].severity, CT_SEVERITY_HIGH);
    ck_assert_uint_eq(f.set->conflicts[0].n_severity_reasons, 1);
    fixture_dispose(&f);
    /* importance: high raises (capped), low lowers */
    load_varying(
        &f, CLAIM("a", "hi", "6", "a", ", \"hedge\": \"reported\"") "," CLAIM(
                "b", "hi", "7", "b",
                "") "," CLAIM("c", "lo", "6", "a",
                              "") "," CLAIM("d", "lo", "9", "b",
                                            "") "," CLAIM("e", "hi", "6", "a",
                                                          "") "," CLAIM("f", "hi", "9", "b",
                                                                        ", \"claimant\": \"x\""));
    ck_assert_uint_eq(f.set->n_conflicts, 2);
    for (size_t i = 0; i < 2; i++) {
        c = &f.set->conflicts[i];
        ck_assert_uint_ge(c->n_severity_reasons, 2);
        ck_assert_ptr_nonnull(strstr(c->severity_reasons[c->n_severity_reasons - 1], "importance"));
    }
    fixture_dispose(&f);
    load_varying(&f, CLAIM("a", "hi", "6", "a",
                           ", \"hedge\": \"reported\"") "," CLAIM("b", "hi", "8", "b", ""));
    ck_assert_int_eq(f.set->conflicts[0].severity, CT_SEVERITY_MEDIUM);
    fixture_dispose(&f);
    load_varying(&f, CLAIM("a", "lo", "6", "a", "") "," CLAIM("b", "lo", "8", "b", ""));
    ck_assert_int_eq(f.set->conflicts[0].severity, CT_SEVERITY_MEDIUM);
    fixture_dispose(&f);
    load_varying(&f, CLAIM("a", "lo", "6", "a",
                           ", \"hedge\": \"reported\"") "," CLAIM("b", "lo", "8", "b", ""));
    ck_assert_int_eq(f.set->conflicts[0].severity, CT_SEVERITY_LOW);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_every_conflict_has_reasons)
{
    fixture f = {0};
    conflicts_of(&f, CLAIM("a", "who", "\"police\"", "a",
                           "") "," CLAIM("b", "who", "\"army\"", "b",
                                         "") "," CLAIM("c", "b", "true", "a",
                                                       "") "," CLAIM("d", "b", "false", "b",
                                                                     ", \"hedge\": \"alleged\""));
    ck_assert_uint_eq(f.set->n_conflicts, 2);
    for (size_t i = 0; i < 2; i++)
        ck_assert_uint_ge(f.set->conflicts[i].n_severity_reasons, 1);
    fixture_dispose(&f);
}
END_TEST

/* ---- the compatibility rules, one row a case ------------------------------- */

/* The corpus a row loads: `props` with sources a-d, or the varying,
 * cumulative and weighted properties with dated sources. */
typedef enum { PLAIN, VARYING } corpus_kind;

typedef struct {
    const char *what;   /* the rule the row shows */
    corpus_kind corpus; /* which properties and sources */
    const char *claims; /* comma-separated claim objects */
    size_t want;        /* conflicts found */
} compat_case;

#define DENIES ", \"stance\": \"denies\""

static const compat_case compat_cases[] = {
    /* numbers and intervals */
    {"equal numbers agree", PLAIN,
     CLAIM("a", "n", "38", "a", "") "," CLAIM("b", "n", "38", "b", ""), 0},
    {"different numbers clash", PLAIN,
     CLAIM("a", "n", "38", "a", "") "," CLAIM("b", "n", "37", "b", ""), 1},
    {"touching intervals agree", PLAIN,
     CLAIM("a", "n", "{\"min\": 5, \"max\": 10}", "a",
           "") "," CLAIM("b", "n", "{\"min\": 10, \"max\": 20}", "b", ""),
     0},
    {"intervals with a gap between them clash", PLAIN,
     CLAIM("a", "n", "{\"max\": 9}", "a", "") "," CLAIM("b", "n", "{\"min\": 10}", "b", ""), 1},
    /* "dozens" (at least 24) against 6 and 30 */
    {"an open bound holds what lies beyond it", PLAIN,
     CLAIM("a", "n", "{\"min\": 24}", "a", "") "," CLAIM("b", "n", "30", "b", ""), 0},
    {"an open bound clashes with what lies before it", PLAIN,
     CLAIM("a", "n", "{\"min\": 24}", "a", "") "," CLAIM("b", "n", "6", "b", ""), 1},
    {"two open bounds facing each other overlap", PLAIN,
     CLAIM("a", "n", "{\"max\": 5}", "a", "") "," CLAIM("b", "n", "{\"min\": 2}", "b", ""), 0},
    {"about 500 holds 550 (10 % tolerance)", PLAIN,
     CLAIM("a", "n", "{\"about\": 500}", "a", "") "," CLAIM("b", "n", "550", "b", ""), 0},
    {"about 500 does not hold 551", PLAIN,
     CLAIM("a", "n", "{\"about\": 500}", "a", "") "," CLAIM("b", "n", "551", "b", ""), 1},
    {"a property's own tolerance (0.5) widens about", PLAIN,
     CLAIM("a", "m", "{\"about\": 500}", "a", "") "," CLAIM("b", "m", "740", "b", ""), 0},
    {"2^53 + 1 and 2^53 clash (no binary floating point)", PLAIN,
     CLAIM("a", "n", "9007199254740993", "a", "") "," CLAIM("b", "n", "9007199254740992", "b", ""),
     1},
    {"2^53 + 1 agrees with itself", PLAIN,
     CLAIM("a", "n", "9007199254740993", "a", "") "," CLAIM("b", "n", "9007199254740993", "b", ""),
     0},
    {"at least 2^53 + 1 excludes 2^53", PLAIN,
     CLAIM("a", "n", "{\"min\": 9007199254740993}", "a", "") "," CLAIM("b", "n", "9007199254740992",
                                                                       "b", ""),
     1},
    {"the largest int64 and the one below it clash", PLAIN,
     CLAIM("a", "n", "9223372036854775807", "a", "") "," CLAIM("b", "n", "9223372036854775806", "b",
                                                               ""),
     1},
    {"a denial of exactly 2^53 + 1 does not deny 2^53", PLAIN,
     CLAIM("a", "n", "9007199254740992", "a", "") "," CLAIM("b", "n", "9007199254740993", "b",
                                                            DENIES),
     0},
    {"an estimate's interval [20, 40] holds 35", PLAIN,
     CLAIM("a", "n", "{\"low\": 20, \"best\": 25, \"high\": 40}", "a", "") "," CLAIM("b", "n", "35",
                                                                                     "b", ""),
     0},
    {"an estimate's interval [20, 40] does not hold 41", PLAIN,
     CLAIM("a", "n", "{\"low\": 20, \"high\": 40}", "a", "") "," CLAIM("b", "n", "41", "b", ""), 1},
    {"a claim that only questions never clashes", PLAIN,
     CLAIM("a", "n", "5", "a", ", \"stance\": \"questions\"") "," CLAIM("b", "n", "9", "b", ""), 0},
    /* dates at their precision */
    {"a month holds its days", PLAIN,
     CLAIM("a", "d", "\"2025-06\"", "a", "") "," CLAIM("b", "d", "\"2025-06-27\"", "b", ""), 0},
    {"a year holds its last day", PLAIN,
     CLAIM("a", "d", "\"2025\"", "a", "") "," CLAIM("b", "d", "\"2025-12-31\"", "b", ""), 0},
    {"a month does not hold the next month's first day", PLAIN,
     CLAIM("a", "d", "\"2025-06\"", "a", "") "," CLAIM("b", "d", "\"2025-07-01\"", "b", ""), 1},
    {"a date range holds its last day", PLAIN,
     CLAIM("a", "d", "{\"from\": \"2025-06-20\", \"to\": \"2025-06-30\"}", "a",
           "") "," CLAIM("b", "d", "\"2025-06-30\"", "b", ""),
     0},
    {"a date range does not hold the day before it", PLAIN,
     CLAIM("a", "d", "{\"from\": \"2025-06-20\", \"to\": \"2025-06-30\"}", "a",
           "") "," CLAIM("b", "d", "\"2025-06-19\"", "b", ""),
     1},
    /* terms: a broader chain is compatible; siblings under one broader term are
     * different answers */
    {"riot-police is a kind of forces", PLAIN,
     CLAIM("a", "who", "\"riot-police\"", "a", "") "," CLAIM("b", "who", "\"forces\"", "b", ""), 0},
    {"police is broader than riot-police", PLAIN,
     CLAIM("a", "who", "\"police\"", "a", "") "," CLAIM("b", "who", "\"riot-police\"", "b", ""), 0},
    {"police and fsb, siblings under forces, clash", PLAIN,
     CLAIM("a", "who", "\"police\"", "a", "") "," CLAIM("b", "who", "\"fsb\"", "b", ""), 1},
    {"forces and army, unrelated, clash", PLAIN,
     CLAIM("a", "who", "\"forces\"", "a", "") "," CLAIM("b", "who", "\"army\"", "b", ""), 1},
    {"in a multi-valued property two terms agree", PLAIN,
     CLAIM("a", "tags", "\"p\"", "a", "") "," CLAIM("b", "tags", "\"q\"", "b", ""), 0},
    {"in a multi-valued property only a denial clashes", PLAIN,
     CLAIM("a", "tags", "\"p\"", "a", "") "," CLAIM("b", "tags", "\"p\"", "b", DENIES), 1},
    /* booleans and free text */
    {"equal booleans agree", PLAIN,
     CLAIM("a", "b", "true", "a", "") "," CLAIM("b", "b", "true", "b", ""), 0},
    {"true and false clash", PLAIN,
     CLAIM("a", "b", "true", "a", "") "," CLAIM("b", "b", "false", "b", ""), 1},
    {"free text never clashes", PLAIN,
     CLAIM("a", "x", "\"one\"", "a", "") "," CLAIM("b", "x", "\"two\"", "b", ""), 0},
    /* denials clash with what implies the denied value, and only with that */
    {"denying a different value is no clash", PLAIN,
     CLAIM("a", "n", "3", "a", "") "," CLAIM("b", "n", "4", "b", DENIES), 0},
    {"two denials never clash", PLAIN,
     CLAIM("a", "n", "3", "a", DENIES) "," CLAIM("b", "n", "4", "b", DENIES), 0},
    {"denying true agrees with false", PLAIN,
     CLAIM("a", "b", "false", "a", "") "," CLAIM("b", "b", "true", "b", DENIES), 0},
    /* quantities: the assertion's interval must lie inside the denied one */
    {"denying 100 leaves at least 24 standing", PLAIN,
     CLAIM("a", "n", "{\"min\": 24}", "a", "") "," CLAIM("b", "n", "100", "b", DENIES), 0},
    {"denying at least 24 denies 100", PLAIN,
     CLAIM("a", "n", "100", "a", "") "," CLAIM("b", "n", "{\"min\": 24}", "b", DENIES), 1},
    {"denying [30, 40] denies [30, 40]", PLAIN,
     CLAIM("a", "n", "{\"min\": 30, \"max\": 40}", "a",
           "") "," CLAIM("b", "n", "{\"min\": 30, \"max\": 40}", "b", DENIES),
     1},
    {"denying [30, 40] leaves [30, 41] standing", PLAIN,
     CLAIM("a", "n", "{\"min\": 30, \"max\": 41}", "a",
           "") "," CLAIM("b", "n", "{\"min\": 30, \"max\": 40}", "b", DENIES),
     0},
    /* dates: denying a day says nothing of a claim about the whole year */
    {"denying a day leaves its year standing", PLAIN,
     CLAIM("a", "d", "\"2025\"", "a", "") "," CLAIM("b", "d", "\"2025-06-27\"", "b", DENIES), 0},
    {"denying a year denies its days", PLAIN,
     CLAIM("a", "d", "\"2025-06-27\"", "a", "") "," CLAIM("b", "d", "\"2025\"", "b", DENIES), 1},
    /* terms: denying fsb does not deny the broader forces; denying forces
     * denies police and riot-police */
    {"denying fsb leaves the broader forces standing", PLAIN,
     CLAIM("a", "who", "\"forces\"", "a", "") "," CLAIM("b", "who", "\"fsb\"", "b", DENIES), 0},
    {"denying forces denies riot-police", PLAIN,
     CLAIM("a", "who", "\"riot-police\"", "a", "") "," CLAIM("b", "who", "\"forces\"", "b", DENIES),
     1},
    {"denying fsb denies fsb", PLAIN,
     CLAIM("a", "who", "\"fsb\"", "a", "") "," CLAIM("b", "who", "\"fsb\"", "b", DENIES), 1},
    {"denying fsb says nothing of army", PLAIN,
     CLAIM("a", "who", "\"army\"", "a", "") "," CLAIM("b", "who", "\"fsb\"", "b", DENIES), 0},
    /* time: a revised claim takes no part, but the current one can still clash */
    {"a revised claim takes no part, the current one can still clash", PLAIN,
     CLAIM("a", "n", "2", "a", ", \"as_of\": \"2025-06-28\"") "," CLAIM(
         "b", "n", "3", "a", ", \"as_of\": \"2025-07-02\"") "," CLAIM("c", "n", "2", "c", ""),
     1},
    /* a varying property: only claims whose scopes overlap can clash */
    {"varies: improving in March, deteriorating in July", VARYING,
     CLAIM("a", "trend", "\"up\"", "a", ", \"as_of\": \"2025-03\"") "," CLAIM(
         "b", "trend", "\"down\"", "b", ", \"as_of\": \"2025-07\""),
     0},
    {"varies: a day inside a month overlaps it", VARYING,
     CLAIM("a", "trend", "\"up\"", "a", ", \"as_of\": \"2025-03\"") "," CLAIM(
         "b", "trend", "\"down\"", "b", ", \"as_of\": \"2025-03-15\""),
     1},
    {"varies: a span over a day overlaps it", VARYING,
     CLAIM("a", "trend", "\"up\"", "a", ", \"as_of\": {\"from\": \"2025-02\", \"to\": \"2025-04\"}") "," CLAIM(
         "b", "trend", "\"down\"", "b", ", \"as_of\": \"2025-03-15\""),
     1},
    {"varies: a span ending before a day does not overlap it", VARYING,
     CLAIM("a", "trend", "\"up\"", "a", ", \"as_of\": {\"to\": \"2025-02\"}") "," CLAIM(
         "b", "trend", "\"down\"", "b", ", \"as_of\": \"2025-03-15\""),
     0},
    {"varies: a published month holds the published day", VARYING,
     CLAIM("a", "trend", "\"up\"", "a", "") "," CLAIM("d", "trend", "\"down\"", "d", ""), 1},
    /* a cumulative count only grows */
    {"cumulative: 10 then 25 is growth", VARYING,
     CLAIM("a", "dead", "10", "a", ", \"as_of\": \"2025-06-01\"") "," CLAIM(
         "b", "dead", "25", "b", ", \"as_of\": \"2025-06-05\""),
     0},
    {"cumulative: 25 then 10 is a fall", VARYING,
     CLAIM("a", "dead", "25", "a", ", \"as_of\": \"2025-06-01\"") "," CLAIM(
         "b", "dead", "10", "b", ", \"as_of\": \"2025-06-05\""),
     1},
    {"cumulative: a fall is a clash when one source says both", VARYING,
     CLAIM("a", "dead", "25", "a", ", \"as_of\": \"2025-06-01\"") "," CLAIM(
         "b", "dead", "10", "a", ", \"as_of\": \"2025-06-05\""),
     1},
    {"cumulative: overlapping intervals do not fall wholly below", VARYING,
     CLAIM("a", "dead", "{\"min\": 20, \"max\": 30}", "a", ", \"as_of\": \"2025-06-01\"") "," CLAIM(
         "b", "dead", "{\"min\": 10, \"max\": 20}", "b", ", \"as_of\": \"2025-06-05\""),
     0},
    {"cumulative: published dates order the claims too (March 25, July 10)", VARYING,
     CLAIM("a", "dead", "25", "a", "") "," CLAIM("b", "dead", "10", "b", ""), 1},
    {"cumulative: published dates order the claims too (March 10, July 25)", VARYING,
     CLAIM("a", "dead", "10", "a", "") "," CLAIM("b", "dead", "25", "b", ""), 0},
};

START_TEST(test_compatibility_table)
{
    const compat_case *c = &compat_cases[_i];
    fixture f = {0};
    if (c->corpus == VARYING)
        load_varying(&f, c->claims);
    else
        conflicts_of(&f, c->claims);
    size_t got = f.set->n_conflicts;
    ck_assert_msg(got == c->want, "%s: %zu conflicts, want %zu: %s", c->what, got, c->want,
                  c->claims);
    fixture_dispose(&f);
}
END_TEST

Suite *suite_conflict(void)
{
    Suite *s = suite_create("conflict");
    TCase *tc = tcase_create("compatibility");
    tcase_add_loop_test(tc, test_compatibility_table, 0,
                        (int)(sizeof compat_cases / sizeof compat_cases[0]));
    suite_add_tcase(s, tc);
    tc = tcase_create("conflict");
    tcase_add_test(tc, test_denial_clashes_with_what_implies_it);
    tcase_add_test(tc, test_claimant_named_like_a_source_is_not_that_source);
    tcase_add_test(tc, test_large_integers_clash);
    tcase_add_test(tc, test_canonical_order);
    tcase_add_test(tc, test_later_as_of_is_a_revision);
    tcase_add_test(tc, test_same_claimant_without_as_of_is_self_contradiction);
    tcase_add_test(tc, test_one_source_relaying_two_claimants_is_a_conflict);
    tcase_add_test(tc, test_severity_rules);
    tcase_add_test(tc, test_positions_group_equal_values);
    tcase_add_test(tc, test_id_stable_digest_tracks_claims);
    tcase_add_test(tc, test_id_is_sha256_of_canonical_names);
    tcase_add_test(tc, test_id_collision_found);
    tcase_add_test(tc, test_many_positions_clash_suffixes);
    tcase_add_test(tc, test_varies_scope_defaults_to_published);
    tcase_add_test(tc, test_varies_same_speaker_is_no_revision);
    tcase_add_test(tc, test_estimate_interval_and_best);
    tcase_add_test(tc, test_estimate_order_checked);
    tcase_add_test(tc, test_questions_never_clash);
    tcase_add_test(tc, test_severity_small_gap_and_importance);
    tcase_add_test(tc, test_every_conflict_has_reasons);
    suite_add_tcase(s, tc);
    return s;
}
