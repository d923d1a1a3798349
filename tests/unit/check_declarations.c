/*
 * check_declarations.c - what a corpus declares besides its claims (issue 17,
 * items 4-6): speakers (claimants, their aliases, the source each one is) and
 * names compared in NFC, terms that overlap, rules between properties, and the
 * model checks that refuse declarations which do not hold together.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claimtrack/common.h"

#define CLAIM(id, subj, prop, value, source, extra)                                                \
    "{\"id\": \"" id "\", \"subject\": \"" subj "\", \"property\": \"" prop                        \
    "\", \"value\": " value ", \"source\": \"" source "\", \"quote\": \"q\"" extra "}"

/* "Café": precomposed (U+00E9) and with a combining acute (e + U+0301). */
#define CAFE_NFC "Caf\xc3\xa9"
#define CAFE_NFD "Cafe\xcc\x81"

#define PLAIN_SOURCES_OPEN                                                                            \
    "{\"sources\": {\"a\": {\"title\": \"A\"}, \"b\": {\"title\": \"B\"}, \"c\": {\"title\": \"C\"}," \
    " \"d\": {\"title\": \"D\"}}"

/* Load a sources.json text and a topic built from `properties`, `rules`
 * (JSON array text, or NULL) and `claims` (comma-separated claim objects).
 * Conflicts are found when loading succeeds. */
static void load2(fixture *f, const char *sources, const char *properties, const char *rules,
                  const char *claims)
{
    ct_diag_list empty = CT_DIAG_LIST_INIT;
    f->diags = empty;
    size_t n = strlen(properties) + strlen(claims) + (rules ? strlen(rules) : 0) + 256;
    char *topic = malloc(n);
    ck_assert_ptr_nonnull(topic);
    snprintf(topic, n,
             "{\"topic\": \"t\", \"title\": \"T\", \"properties\": %s%s%s, \"claims\": [%s]}",
             properties, rules ? ", \"rules\": " : "", rules ? rules : "", claims);
    fixture_write(f, "sources.json", sources);
    fixture_write(f, "topic.json", topic);
    free(topic);
    ck_assert_int_eq(ct_corpus_new(&f->corpus), 0);
    const char *paths[] = {f->dir};
    f->rc = ct_corpus_load(f->corpus, paths, 1, NULL, &f->diags);
    if (f->rc == 0)
        ck_assert_int_eq(ct_conflict_find(&f->set, f->corpus), 0);
}

static void load_ok(fixture *f, const char *sources, const char *properties, const char *rules,
                    const char *claims)
{
    load2(f, sources, properties, rules, claims);
    ck_assert_msg(f->rc == 0, "load failed: %s", f->diags.count ? f->diags.items[0].message : "?");
}

static size_t count_type(const fixture *f, ct_conflict_type type)
{
    size_t n = 0;
    for (size_t i = 0; i < f->set->n_conflicts; i++)
        n += f->set->conflicts[i].type == type;
    return n;
}

static const ct_conflict *first_of(const fixture *f, ct_conflict_type type)
{
    for (size_t i = 0; i < f->set->n_conflicts; i++)
        if (f->set->conflicts[i].type == type)
            return &f->set->conflicts[i];
    return NULL;
}

/* ---- speakers ------------------------------------------------------------- */

static const char *const qprop = "{\"n\": {\"type\": \"quantity\"}}";

START_TEST(test_alias_resolves_to_declared_name)
{
    static const char *const sources =
        "{\"sources\": {\"a\": {\"title\": \"A\"}, \"b\": {\"title\": \"B\"}},"
        " \"claimants\": {\"AZAL\": {\"aliases\": [\"Azerbaijan Airlines\"]}}}";
    const char *claims =
        CLAIM("x1", "s", "n", "2", "a", ", \"claimant\": \"AZAL\", \"as_of\": \"2025-06-01\"") "," CLAIM(
            "x2", "s", "n", "5", "b",
            ", \"claimant\": \"Azerbaijan Airlines\", \"as_of\": \"2025-06-10\"");
    fixture f = {0};
    load_ok(&f, sources, qprop, NULL, claims);
    ck_assert_uint_eq(f.set->n_conflicts, 0);
    ck_assert_uint_eq(f.set->n_revisions, 1);
    size_t n;
    const ct_claim *c = ct_corpus_claims(f.corpus, &n);
    ck_assert_str_eq(c[f.set->revisions[0].claim].id, "x1");
    ck_assert_str_eq(c[f.set->revisions[0].by].id, "x2");
    for (size_t i = 0; i < n; i++)
        ck_assert_str_eq(c[i].speaker, "AZAL");
    fixture_dispose(&f);
    /* without the declaration they are two speakers: a conflict */
    load_ok(&f, PLAIN_SOURCES_OPEN "}", qprop, NULL, claims);
    ck_assert_uint_eq(f.set->n_conflicts, 1);
    ck_assert_uint_eq(f.set->n_revisions, 0);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_claimant_linked_to_source_is_its_speaker)
{
    static const char *const sources =
        "{\"sources\": {\"afp\": {\"title\": \"AFP\"}, \"bbc\": {\"title\": \"BBC\"}},"
        " \"claimants\": {\"AFP\": {\"aliases\": [\"Agence France-Presse\"], \"source\": \"afp\"}}}";
    /* the agency's own report, then the agency relayed by bbc (by name and by alias) */
    const char *by_name[] = {
        CLAIM("x1", "s", "n", "2", "afp", ", \"as_of\": \"2025-06-01\"") "," CLAIM(
            "x2", "s", "n", "5", "bbc", ", \"claimant\": \"AFP\", \"as_of\": \"2025-06-10\""),
        CLAIM("x1", "s", "n", "2", "afp", ", \"as_of\": \"2025-06-01\"") "," CLAIM(
            "x2", "s", "n", "5", "bbc",
            ", \"claimant\": \"Agence France-Presse\", \"as_of\": \"2025-06-10\"")};
    for (size_t k = 0; k < 2; k++) {
        fixture f = {0};
        load_ok(&f, sources, qprop, NULL, by_name[k]);
        ck_assert_msg(f.set->n_conflicts == 0 && f.set->n_revisions == 1,
                      "case %zu: %zu conflicts, %zu revisions", k, f.set->n_conflicts,
                      f.set->n_revisions);
        size_t n;
        const ct_claim *c = ct_corpus_claims(f.corpus, &n);
        ck_assert_str_eq(c[f.set->revisions[0].claim].id, "x1");
        for (size_t i = 0; i < n; i++) {
            ck_assert_str_eq(c[i].speaker, "afp");
            ck_assert_int_eq(c[i].speaker_source, 1);
        }
        fixture_dispose(&f);
    }
}
END_TEST

START_TEST(test_undeclared_claimant_named_like_source_is_not_it)
{
    /* claimants are declared, but not "afp": the claimant "afp" is a speaker of its own */
    static const char *const sources =
        "{\"sources\": {\"afp\": {\"title\": \"AFP\"}, \"bbc\": {\"title\": \"BBC\"}},"
        " \"claimants\": {\"Other\": {\"source\": \"bbc\"}}}";
    fixture f = {0};
    load_ok(&f, sources, qprop, NULL,
            CLAIM("x1", "s", "n", "2", "afp", ", \"as_of\": \"2025-06-01\"") "," CLAIM(
                "x2", "s", "n", "5", "bbc", ", \"claimant\": \"afp\", \"as_of\": \"2025-06-10\""));
    ck_assert_uint_eq(f.set->n_conflicts, 1);
    ck_assert_uint_eq(f.set->n_revisions, 0);
    ck_assert_int_eq(f.set->conflicts[0].type, CT_CONFLICT_VALUE);
    size_t n;
    const ct_claim *c = ct_corpus_claims(f.corpus, &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(c[i].id, "x2") == 0)
            ck_assert_int_eq(c[i].speaker_source, 0);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_nfc_subjects_are_one_group)
{
    fixture f = {0};
    load_ok(&f, PLAIN_SOURCES_OPEN "}", qprop, NULL,
            CLAIM("x1", CAFE_NFC, "n", "1", "a", "") "," CLAIM("x2", CAFE_NFD, "n", "2", "b", ""));
    ck_assert_uint_eq(f.set->n_conflicts, 1);
    ck_assert_str_eq(f.set->conflicts[0].subject, CAFE_NFC);
    ck_assert_uint_eq(f.set->conflicts[0].n_claims, 2);
    fixture_dispose(&f);
    /* the same through JSON escapes */
    load_ok(&f, PLAIN_SOURCES_OPEN "}", qprop, NULL,
            CLAIM("x1", "Caf\\u00e9", "n", "1", "a", "") "," CLAIM("x2", "Cafe\\u0301", "n", "2",
                                                                   "b", ""));
    ck_assert_uint_eq(f.set->n_conflicts, 1);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_nfc_term_values)
{
    /* the term declared in NFD, written in claims in NFC and NFD */
    static const char *const props =
        "{\"place\": {\"type\": \"term\", \"terms\": {\"" CAFE_NFD "\": {}, \"bar\": {}}}}";
    fixture f = {0};
    load_ok(&f, PLAIN_SOURCES_OPEN "}", props, NULL,
            CLAIM("x1", "s", "place", "\"" CAFE_NFC "\"", "a",
                  "") "," CLAIM("x2", "s", "place", "\"" CAFE_NFD "\"", "b", ""));
    ck_assert_uint_eq(f.set->n_conflicts, 0);
    fixture_dispose(&f);
    load_ok(&f, PLAIN_SOURCES_OPEN "}", props, NULL,
            CLAIM("x1", "s", "place", "\"" CAFE_NFC "\"", "a", "") "," CLAIM("x2", "s", "place",
                                                                             "\"bar\"", "b", ""));
    ck_assert_uint_eq(f.set->n_conflicts, 1);
    fixture_dispose(&f);
    /* a denial of the NFD spelling denies the NFC one */
    load_ok(&f, PLAIN_SOURCES_OPEN "}", props, NULL,
            CLAIM("x1", "s", "place", "\"" CAFE_NFC "\"", "a", "") "," CLAIM(
                "x2", "s", "place", "\"" CAFE_NFD "\"", "b", ", \"stance\": \"denies\""));
    ck_assert_uint_eq(f.set->n_conflicts, 1);
    ck_assert_int_eq(f.set->conflicts[0].type, CT_CONFLICT_DENIAL);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_nfc_claimant_names)
{
    /* undeclared: NFC and NFD spellings are one speaker (a revision) */
    fixture f = {0};
    load_ok(&f, PLAIN_SOURCES_OPEN "}", qprop, NULL,
            CLAIM("x1", "s", "n", "1", "a",
                  ", \"claimant\": \"" CAFE_NFC
                  "\", \"as_of\": \"2025-06-01\"") "," CLAIM("x2", "s", "n", "2", "b",
                                                             ", \"claimant\": \"" CAFE_NFD
                                                             "\", \"as_of\": \"2025-06-10\""));
    ck_assert_uint_eq(f.set->n_conflicts, 0);
    ck_assert_uint_eq(f.set->n_revisions, 1);
    fixture_dispose(&f);
    /* declared with an NFD alias, named in NFC by a claim */
    load_ok(
        &f,
        "{\"sources\": {\"a\": {\"title\": \"A\"}, \"b\": {\"title\": \"B\"}},"
        " \"claimants\": {\"Ministry\": {\"aliases\": [\"" CAFE_NFD " Ministry\"]}}}",
        qprop, NULL,
        CLAIM("x1", "s", "n", "1", "a", ", \"claimant\": \"Ministry\", \"as_of\": \"2025-06-01\"") "," CLAIM(
            "x2", "s", "n", "2", "b",
            ", \"claimant\": \"" CAFE_NFC " Ministry\", \"as_of\": \"2025-06-10\""));
    ck_assert_uint_eq(f.set->n_conflicts, 0);
    ck_assert_uint_eq(f.set->n_revisions, 1);
    fixture_dispose(&f);
}
END_TEST

/* ---- overlapping terms ------------------------------------------------------ */

/* `police` overlaps `fsb` (declared on the police side, which sorts after) */
static const char *const who_police =
    "{\"who\": {\"type\": \"term\", \"terms\": {\"forces\": {}, \"police\": {\"broader\": \"forces\","
    " \"overlaps\": [\"fsb\"]}, \"riot-police\": {\"broader\": \"police\"}, \"fsb\": {\"broader\": \"forces\"},"
    " \"army\": {}}}}";
/* the same relation declared on the fsb side only */
static const char *const who_fsb =
    "{\"who\": {\"type\": \"term\", \"terms\": {\"forces\": {}, \"police\": {\"broader\": \"forces\"},"
    " \"riot-police\": {\"broader\": \"police\"}, \"fsb\": {\"broader\": \"forces\", \"overlaps\": [\"police\"]},"
    " \"army\": {}}}}";
static const char *const who_none =
    "{\"who\": {\"type\": \"term\", \"terms\": {\"forces\": {}, \"police\": {\"broader\": \"forces\"},"
    " \"riot-police\": {\"broader\": \"police\"}, \"fsb\": {\"broader\": \"forces\"}, \"army\": {}}}}";

static size_t who_conflicts(const char *props, const char *va, const char *vb, const char *extra_b)
{
    char claims[1024];
    snprintf(
        claims, sizeof claims,
        "{\"id\": \"x1\", \"subject\": \"raid\", \"property\": \"who\", \"value\": \"%s\", \"source\": \"a\", \"quote\": \"q\"},"
        "{\"id\": \"x2\", \"subject\": \"raid\", \"property\": \"who\", \"value\": \"%s\", \"source\": \"b\", \"quote\": \"q\"%s}",
        va, vb, extra_b);
    fixture f = {0};
    load_ok(&f, PLAIN_SOURCES_OPEN "}", props, NULL, claims);
    size_t n = f.set->n_conflicts;
    fixture_dispose(&f);
    return n;
}

START_TEST(test_overlapping_terms_never_clash)
{
    ck_assert_uint_eq(who_conflicts(who_none, "police", "fsb", ""), 1); /* siblings clash */
    ck_assert_uint_eq(who_conflicts(who_police, "police", "fsb", ""), 0);
    ck_assert_uint_eq(who_conflicts(who_police, "fsb", "police", ""), 0);
    /* other pairs still clash */
    ck_assert_uint_eq(who_conflicts(who_police, "police", "army", ""), 1);
    ck_assert_uint_eq(who_conflicts(who_police, "fsb", "army", ""), 1);
}
END_TEST

START_TEST(test_overlap_is_symmetric)
{
    ck_assert_uint_eq(who_conflicts(who_fsb, "police", "fsb", ""), 0);
    ck_assert_uint_eq(who_conflicts(who_fsb, "fsb", "police", ""), 0);
}
END_TEST

START_TEST(test_denial_respects_overlap)
{
    static const char *const den = ", \"stance\": \"denies\"";
    ck_assert_uint_eq(who_conflicts(who_police, "police", "fsb", den), 0);
    ck_assert_uint_eq(who_conflicts(who_police, "fsb", "police", den), 0);
    ck_assert_uint_eq(who_conflicts(who_fsb, "police", "fsb", den), 0);
    /* denying the same term still clashes */
    ck_assert_uint_eq(who_conflicts(who_police, "police", "police", den), 1);
    ck_assert_uint_eq(who_conflicts(who_police, "fsb", "fsb", den), 1);
}
END_TEST

START_TEST(test_narrower_of_overlapping_term_does_not_overlap)
{
    /* riot-police is narrower than police, which overlaps fsb; riot-police and fsb clash */
    ck_assert_uint_eq(who_conflicts(who_police, "riot-police", "fsb", ""), 1);
    ck_assert_uint_eq(who_conflicts(who_fsb, "fsb", "riot-police", ""), 1);
    /* while riot-police and police stay compatible */
    ck_assert_uint_eq(who_conflicts(who_police, "riot-police", "police", ""), 0);
}
END_TEST

/* ---- rules ------------------------------------------------------------------ */

static const char *const crash_props =
    "{\"deaths\": {\"type\": \"quantity\"}, \"survivors\": {\"type\": \"quantity\"},"
    " \"aboard\": {\"type\": \"quantity\"}, \"d1\": {\"type\": \"date\"}, \"d2\": {\"type\": \"date\"}}";

static void rule_of(fixture *f, const char *rel, const char *left, const char *right,
                    const char *claims)
{
    char rules[512];
    snprintf(rules, sizeof rules,
             "[{\"id\": \"r\", \"left\": %s, \"relation\": \"%s\", \"right\": %s}]", left, rel,
             right);
    load_ok(f, PLAIN_SOURCES_OPEN "}", crash_props, rules, claims);
}

/* Rule conflicts for "deaths REL aboard" with the two values; the arithmetic
 * of the first violation into `text` when there is one. */
static size_t rel2(const char *rel, const char *l, const char *r, char *text, size_t n)
{
    char claims[1024];
    snprintf(
        claims, sizeof claims,
        "{\"id\": \"x1\", \"subject\": \"s\", \"property\": \"deaths\", \"value\": %s, \"source\": \"a\", \"quote\": \"q\"},"
        "{\"id\": \"x2\", \"subject\": \"s\", \"property\": \"aboard\", \"value\": %s, \"source\": \"b\", \"quote\": \"q\"}",
        l, r);
    fixture f = {0};
    rule_of(&f, rel, "[\"deaths\"]", "[\"aboard\"]", claims);
    size_t got = count_type(&f, CT_CONFLICT_RULE);
    if (text) {
        const ct_conflict *c = first_of(&f, CT_CONFLICT_RULE);
        snprintf(text, n, "%s", c && c->n_violations ? c->violations[0].arithmetic : "");
        if (c) {
            ck_assert_str_eq(c->rule, "r");
            ck_assert_uint_eq(c->n_violations, 1);
        }
    }
    fixture_dispose(&f);
    return got;
}

START_TEST(test_rule_relations_on_quantities)
{
    static const struct {
        const char *rel, *l, *r;
        size_t want;
        const char *text;
    } cases[] = {
        {"=", "5", "5", 0, ""},
        {"=", "5", "6", 1, "5, not 6"},
        {"<", "5", "6", 0, ""},
        {"<", "6", "6", 1, "6, not < 6"},
        {"<", "7", "6", 1, "7, not < 6"},
        {"<=", "6", "6", 0, ""},
        {"<=", "7", "6", 1, "7, not <= 6"},
        {">", "7", "6", 0, ""},
        {">", "6", "6", 1, "6, not > 6"},
        {">=", "6", "6", 0, ""},
        {">=", "5", "6", 1, "5, not >= 6"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[256];
        size_t got = rel2(cases[i].rel, cases[i].l, cases[i].r, text, sizeof text);
        ck_assert_msg(got == cases[i].want, "%s %s %s: %zu rule conflicts, want %zu", cases[i].l,
                      cases[i].rel, cases[i].r, got, cases[i].want);
        ck_assert_msg(strcmp(text, cases[i].text) == 0, "%s %s %s: \"%s\", want \"%s\"", cases[i].l,
                      cases[i].rel, cases[i].r, text, cases[i].text);
    }
}
END_TEST

static const char *const headcount_claims =
    CLAIM("x1", "flight", "deaths", "38", "a", "") "," CLAIM("x2", "flight", "survivors", "32", "b",
                                                             "") "," CLAIM("x3", "flight", "aboard",
                                                                           "67", "c", "");

START_TEST(test_rule_sum_arithmetic)
{
    fixture f = {0};
    rule_of(&f, "=", "[\"deaths\", \"survivors\"]", "[\"aboard\"]", headcount_claims);
    ck_assert_uint_eq(f.set->n_conflicts, 1);
    const ct_conflict *c = &f.set->conflicts[0];
    ck_assert_int_eq(c->type, CT_CONFLICT_RULE);
    ck_assert_str_eq(c->rule, "r");
    ck_assert_str_eq(c->subject, "flight");
    ck_assert_uint_eq(c->n_positions, 3);
    ck_assert_uint_eq(c->n_violations, 1);
    ck_assert_uint_eq(c->violations[0].n_positions, 3);
    ck_assert_str_eq(c->violations[0].arithmetic, "38 + 32 = 70, not 67");
    fixture_dispose(&f);
    /* 35 + 32 = 67 holds */
    rule_of(&f, "=", "[\"deaths\", \"survivors\"]", "[\"aboard\"]",
            CLAIM("x1", "flight", "deaths", "35", "a",
                  "") "," CLAIM("x2", "flight", "survivors", "32", "b",
                                "") "," CLAIM("x3", "flight", "aboard", "67", "c", ""));
    ck_assert_uint_eq(f.set->n_conflicts, 0);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_rule_interval_arithmetic)
{
    fixture f = {0};
    /* [30, 40] + 32 = [62, 72] contains 67: satisfiable */
    rule_of(&f, "=", "[\"deaths\", \"survivors\"]", "[\"aboard\"]",
            CLAIM("x1", "flight", "deaths", "{\"min\": 30, \"max\": 40}", "a",
                  "") "," CLAIM("x2", "flight", "survivors", "32", "b",
                                "") "," CLAIM("x3", "flight", "aboard", "67", "c", ""));
    ck_assert_uint_eq(f.set->n_conflicts, 0);
    fixture_dispose(&f);
    /* [30, 34] + 32 = [62, 66]: no choice within reaches 67 */
    rule_of(&f, "=", "[\"deaths\", \"survivors\"]", "[\"aboard\"]",
            CLAIM("x1", "flight", "deaths", "{\"min\": 30, \"max\": 34}", "a",
                  "") "," CLAIM("x2", "flight", "survivors", "32", "b",
                                "") "," CLAIM("x3", "flight", "aboard", "67", "c", ""));
    ck_assert_uint_eq(count_type(&f, CT_CONFLICT_RULE), 1);
    ck_assert_str_eq(f.set->conflicts[0].violations[0].arithmetic, "30-34 + 32 = 62-66, not 67");
    fixture_dispose(&f);
    /* "<": some choice within the intervals is enough */
    ck_assert_uint_eq(rel2("<", "{\"min\": 5, \"max\": 10}", "{\"min\": 6, \"max\": 8}", NULL, 0),
                      0);
    ck_assert_uint_eq(rel2("<", "{\"min\": 8, \"max\": 10}", "{\"min\": 6, \"max\": 8}", NULL, 0),
                      1);
    ck_assert_uint_eq(rel2("<=", "{\"min\": 8, \"max\": 10}", "{\"min\": 6, \"max\": 8}", NULL, 0),
                      0);
}
END_TEST

START_TEST(test_rule_dates_before)
{
    static const struct {
        const char *rel, *l, *r;
        size_t want;
    } cases[] = {
        {"<", "\"2025-06-01\"", "\"2025-06-10\"", 0},
        {"<", "\"2025-06-10\"", "\"2025-06-01\"", 1},
        {"<", "\"2025-06-10\"", "\"2025-06-10\"", 1},
        {"<=", "\"2025-06-10\"", "\"2025-06-10\"", 0},
        {">", "\"2025-06-10\"", "\"2025-06-01\"", 0},
        {">", "\"2025-06-01\"", "\"2025-06-10\"", 1},
        {"=", "\"2025-06\"", "\"2025-06-10\"", 0},
        {"=", "\"2025-05\"", "\"2025-06-10\"", 1},
        /* a month is before a day within it for some day of the month */
        {"<", "\"2025-06\"", "\"2025-06-10\"", 0},
        {"<", "\"2025-07\"", "\"2025-06-10\"", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char claims[1024];
        snprintf(
            claims, sizeof claims,
            "{\"id\": \"x1\", \"subject\": \"s\", \"property\": \"d1\", \"value\": %s, \"source\": \"a\", \"quote\": \"q\"},"
            "{\"id\": \"x2\", \"subject\": \"s\", \"property\": \"d2\", \"value\": %s, \"source\": \"b\", \"quote\": \"q\"}",
            cases[i].l, cases[i].r);
        fixture f = {0};
        rule_of(&f, cases[i].rel, "[\"d1\"]", "[\"d2\"]", claims);
        size_t got = count_type(&f, CT_CONFLICT_RULE);
        ck_assert_msg(got == cases[i].want, "%s %s %s: %zu, want %zu", cases[i].l, cases[i].rel,
                      cases[i].r, got, cases[i].want);
        if (i == 1)
            ck_assert_str_eq(f.set->conflicts[0].violations[0].arithmetic,
                             "2025-06-10, not before 2025-06-01");
        fixture_dispose(&f);
    }
}
END_TEST

START_TEST(test_rule_with_subject_terms)
{
    /* survivors of one flight + deaths of another against "aboard" of a third */
    static const char *const claims = CLAIM("x1", "f1", "deaths", "38", "a", "") "," CLAIM(
        "x2", "f2", "survivors", "32", "b",
        "") "," CLAIM("x3", "f3", "aboard", "67", "c",
                      "") "," CLAIM("x4", "f1", "survivors", "29", "c",
                                    "") "," CLAIM("x5", "f1", "aboard", "67", "d", "");
    fixture f = {0};
    rule_of(
        &f, "=",
        "[{\"subject\": \"f1\", \"property\": \"deaths\"}, {\"subject\": \"f2\", \"property\": \"survivors\"}]",
        "[{\"subject\": \"f3\", \"property\": \"aboard\"}]", claims);
    ck_assert_uint_eq(count_type(&f, CT_CONFLICT_RULE), 1);
    const ct_conflict *c = first_of(&f, CT_CONFLICT_RULE);
    ck_assert_str_eq(c->violations[0].arithmetic, "38 + 32 = 70, not 67");
    fixture_dispose(&f);
    /* by property names, per subject: f1 has 38 + 29 = 67, f2 and f3 lack terms */
    rule_of(&f, "=", "[\"deaths\", \"survivors\"]", "[\"aboard\"]", claims);
    ck_assert_uint_eq(count_type(&f, CT_CONFLICT_RULE), 0);
    fixture_dispose(&f);
    /* mixed: f1's deaths + each subject's survivors = that subject's aboard */
    rule_of(&f, "=", "[{\"subject\": \"f1\", \"property\": \"deaths\"}, \"survivors\"]",
            "[\"aboard\"]", claims);
    ck_assert_uint_eq(count_type(&f, CT_CONFLICT_RULE), 0); /* f1: 38 + 29 = 67; f2 has no aboard */
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_rule_leaves_out_revised_and_denials)
{
    fixture f = {0};
    /* source a revises 38 to 35: 35 + 32 = 67 holds */
    rule_of(&f, "=", "[\"deaths\", \"survivors\"]", "[\"aboard\"]",
            CLAIM("x1", "flight", "deaths", "38", "a", ", \"as_of\": \"2025-06-01\"") "," CLAIM(
                "x0", "flight", "deaths", "35", "a",
                ", \"as_of\": \"2025-06-10\"") "," CLAIM("x2", "flight", "survivors", "32", "b",
                                                         "") "," CLAIM("x3", "flight", "aboard",
                                                                       "67", "c", ""));
    ck_assert_uint_eq(f.set->n_revisions, 1);
    ck_assert_uint_eq(f.set->n_conflicts, 0);
    fixture_dispose(&f);
    /* a denial of 38 is no position of the rule */
    rule_of(&f, "=", "[\"deaths\", \"survivors\"]", "[\"aboard\"]",
            CLAIM("x1", "flight", "deaths", "38", "a", ", \"stance\": \"denies\"") "," CLAIM(
                "x0", "flight", "deaths", "35", "b",
                "") "," CLAIM("x2", "flight", "survivors", "32", "b",
                              "") "," CLAIM("x3", "flight", "aboard", "67", "c", ""));
    ck_assert_uint_eq(f.set->n_conflicts, 0);
    fixture_dispose(&f);
    /* only a denial for a term: the rule does not apply */
    rule_of(&f, "=", "[\"deaths\", \"survivors\"]", "[\"aboard\"]",
            CLAIM("x1", "flight", "deaths", "99", "a", ", \"stance\": \"denies\"") "," CLAIM(
                "x2", "flight", "survivors", "32", "b", "") "," CLAIM("x3", "flight", "aboard",
                                                                      "67", "c", ""));
    ck_assert_uint_eq(f.set->n_conflicts, 0);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_rule_ids_stable)
{
    static const char *const reordered = CLAIM("x3", "flight", "aboard", "67", "c", "") "," CLAIM(
        "x2", "flight", "survivors", "32", "b", "") "," CLAIM("x1", "flight", "deaths", "38", "a",
                                                              "");
    char want[CT_CONFLICT_ID_SIZE], value_id[CT_CONFLICT_ID_SIZE], other[CT_CONFLICT_ID_SIZE];
    ct_conflict_rule_id("t", "r", "flight", want);
    ct_conflict_id("t", "flight", "deaths", value_id);
    ct_conflict_rule_id("t", "r2", "flight", other);
    ck_assert_str_ne(want, value_id);
    ck_assert_str_ne(want, other);
    ck_assert_int_eq((int)strlen(want), 19);
    ck_assert_int_eq(strncmp(want, "CT-", 3), 0);
    char digest[CT_CONFLICT_DIGEST_SIZE];
    fixture f = {0};
    rule_of(&f, "=", "[\"deaths\", \"survivors\"]", "[\"aboard\"]", headcount_claims);
    ck_assert_uint_eq(f.set->n_conflicts, 1);
    ck_assert_str_eq(f.set->conflicts[0].id, want);
    memcpy(digest, f.set->conflicts[0].digest, sizeof digest);
    ck_assert_int_eq((int)strlen(digest), 64);
    fixture_dispose(&f);
    rule_of(&f, "=", "[\"deaths\", \"survivors\"]", "[\"aboard\"]", reordered);
    ck_assert_uint_eq(f.set->n_conflicts, 1);
    ck_assert_str_eq(f.set->conflicts[0].id, want);
    ck_assert_str_eq(f.set->conflicts[0].digest, digest);
    fixture_dispose(&f);
    /* a value conflict on the same subject alongside: a different id */
    rule_of(&f, "=", "[\"deaths\", \"survivors\"]", "[\"aboard\"]",
            CLAIM("x1", "flight", "deaths", "38", "a", "") "," CLAIM(
                "x4", "flight", "deaths", "40", "d",
                "") "," CLAIM("x2", "flight", "survivors", "32", "b",
                              "") "," CLAIM("x3", "flight", "aboard", "67", "c", ""));
    ck_assert_uint_eq(count_type(&f, CT_CONFLICT_RULE), 1);
    ck_assert_uint_eq(count_type(&f, CT_CONFLICT_VALUE), 1);
    ck_assert_str_eq(first_of(&f, CT_CONFLICT_RULE)->id, want);
    ck_assert_str_eq(first_of(&f, CT_CONFLICT_VALUE)->id, value_id);
    /* both choices (38 and 40) break it */
    ck_assert_uint_eq(first_of(&f, CT_CONFLICT_RULE)->n_violations, 2);
    /* a changed claim changes the digest, not the id */
    ck_assert_str_ne(first_of(&f, CT_CONFLICT_RULE)->digest, digest);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_rule_combinations_capped)
{
    /* deaths 0..39 and aboard 100..139: 1600 choices, every one breaks "=" */
    size_t cap = 64 * 200;
    char *claims = malloc(cap);
    ck_assert_ptr_nonnull(claims);
    size_t k = 0;
    for (int i = 0; i < 40; i++)
        for (int p = 0; p < 2; p++)
            k += (size_t)snprintf(
                claims + k, cap - k,
                "%s{\"id\": \"%c%d\", \"subject\": \"s\", \"property\": \"%s\", \"value\": %d,"
                " \"source\": \"a\", \"quote\": \"q\", \"claimant\": \"k%c%d\"}",
                k ? "," : "", p ? 'b' : 'd', i, p ? "aboard" : "deaths", p ? 100 + i : i,
                p ? 'b' : 'd', i);
    ck_assert_uint_lt(k, cap);
    fixture f = {0};
    rule_of(&f, "=", "[\"deaths\"]", "[\"aboard\"]", claims);
    free(claims);
    ck_assert_uint_eq(count_type(&f, CT_CONFLICT_RULE), 1);
    const ct_conflict *c = first_of(&f, CT_CONFLICT_RULE);
    ck_assert_uint_eq(c->n_positions, 80);
    ck_assert_uint_eq(c->n_violations, CT_CLASHES_MAX);
    ck_assert_int_eq(c->clashes_truncated, 1);
    /* listed once each, in order, the last term fastest */
    ck_assert_uint_eq(c->violations[0].positions[0], 0);
    ck_assert_uint_eq(c->violations[0].positions[1], 40);
    ck_assert_uint_eq(c->violations[1].positions[0], 0);
    ck_assert_uint_eq(c->violations[1].positions[1], 41);
    ck_assert_uint_eq(c->violations[40].positions[0], 1);
    ck_assert_uint_eq(c->violations[40].positions[1], 40);
    fixture_dispose(&f);
}
END_TEST

/* ---- model checks ------------------------------------------------------------ */

/* 1 when some error of the load names `file` (its last path part) at `pointer`. */
static int has_error(const fixture *f, const char *file, const char *pointer)
{
    for (size_t i = 0; i < f->diags.count; i++) {
        const ct_diag *d = &f->diags.items[i];
        if (d->level != CT_DIAG_ERROR || !d->file || !d->pointer)
            continue;
        const char *base = strrchr(d->file, '/');
        base = base ? base + 1 : d->file;
        if (strcmp(base, file) == 0 && strcmp(d->pointer, pointer) == 0)
            return 1;
    }
    return 0;
}

static void dump_diags(const fixture *f)
{
    for (size_t i = 0; i < f->diags.count; i++) {
        char buf[512];
        ct_diag_format_to(&f->diags.items[i], buf, sizeof buf);
        fprintf(stderr, "  %s [%s]\n", buf,
                f->diags.items[i].pointer ? f->diags.items[i].pointer : "-");
    }
}

#define EXPECT_ERROR(f, file, ptr)                                                                 \
    do {                                                                                           \
        ck_assert_int_ne((f)->rc, 0);                                                              \
        if (!has_error((f), (file), (ptr)))                                                        \
            dump_diags(f);                                                                         \
        ck_assert_msg(has_error((f), (file), (ptr)), "no error at %s#%s", (file), (ptr));          \
    } while (0)

static const char *const one_claim = CLAIM("x1", "s", "n", "1", "a", "");

START_TEST(test_model_overlap_names_undeclared_term)
{
    fixture f = {0};
    load2(
        &f, PLAIN_SOURCES_OPEN "}",
        "{\"n\": {\"type\": \"quantity\"}, \"k\": {\"type\": \"term\", \"terms\": {\"x\": {}, \"y\": {\"overlaps\": [\"x\", \"nope\"]}}}}",
        NULL, one_claim);
    EXPECT_ERROR(&f, "topic.json", "/properties/k/terms/y/overlaps/1");
    ck_assert(!has_error(&f, "topic.json", "/properties/k/terms/y/overlaps/0"));
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_model_claimant_unknown_source)
{
    fixture f = {0};
    load2(
        &f,
        "{\"sources\": {\"a\": {\"title\": \"A\"}}, \"claimants\": {\"K\": {\"source\": \"nope\"}, \"L\": {\"source\": \"a\"}}}",
        qprop, NULL, one_claim);
    EXPECT_ERROR(&f, "sources.json", "/claimants/K/source");
    ck_assert(!has_error(&f, "sources.json", "/claimants/L/source"));
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_model_alias_collision)
{
    fixture f = {0};
    /* an alias equal to another claimant's name, and one equal (after NFC) to another's alias */
    load2(
        &f,
        "{\"sources\": {\"a\": {\"title\": \"A\"}}, \"claimants\": {\"AZAL\": {\"aliases\": [\"" CAFE_NFC
        "\"]},"
        " \"Other\": {\"aliases\": [\"fine\", \"AZAL\"]}, \"Third\": {\"aliases\": [\"" CAFE_NFD
        "\"]}}}",
        qprop, NULL, one_claim);
    EXPECT_ERROR(&f, "sources.json", "/claimants/Other/aliases/1");
    EXPECT_ERROR(&f, "sources.json", "/claimants/Third/aliases/0");
    ck_assert(!has_error(&f, "sources.json", "/claimants/Other/aliases/0"));
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_model_rule_undeclared_property)
{
    fixture f = {0};
    load2(&f, PLAIN_SOURCES_OPEN "}", crash_props,
          "[{\"id\": \"r\", \"left\": [\"deaths\", \"missing\"], \"relation\": \"=\","
          " \"right\": [{\"subject\": \"s\", \"property\": \"gone\"}]}]",
          one_claim);
    EXPECT_ERROR(&f, "topic.json", "/rules/0/left/1");
    EXPECT_ERROR(&f, "topic.json", "/rules/0/right/0/property");
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_model_rule_mixing_dates_and_quantities)
{
    fixture f = {0};
    load2(&f, PLAIN_SOURCES_OPEN "}", crash_props,
          "[{\"id\": \"ok\", \"left\": [\"deaths\"], \"relation\": \"<\", \"right\": [\"aboard\"]},"
          " {\"id\": \"mix\", \"left\": [\"deaths\"], \"relation\": \"<\", \"right\": [\"d1\"]}]",
          CLAIM("x1", "s", "deaths", "1", "a", ""));
    EXPECT_ERROR(&f, "topic.json", "/rules/1");
    ck_assert(!has_error(&f, "topic.json", "/rules/0"));
    int said = 0;
    for (size_t i = 0; i < f.diags.count; i++)
        said |= strstr(f.diags.items[i].message, "mix quantities and dates") != NULL;
    ck_assert(said);
    fixture_dispose(&f);
}
END_TEST

Suite *suite_declarations(void)
{
    Suite *s = suite_create("declarations");
    TCase *tc = tcase_create("speakers");
    tcase_add_test(tc, test_alias_resolves_to_declared_name);
    tcase_add_test(tc, test_claimant_linked_to_source_is_its_speaker);
    tcase_add_test(tc, test_undeclared_claimant_named_like_source_is_not_it);
    tcase_add_test(tc, test_nfc_subjects_are_one_group);
    tcase_add_test(tc, test_nfc_term_values);
    tcase_add_test(tc, test_nfc_claimant_names);
    suite_add_tcase(s, tc);
    tc = tcase_create("overlaps");
    tcase_add_test(tc, test_overlapping_terms_never_clash);
    tcase_add_test(tc, test_overlap_is_symmetric);
    tcase_add_test(tc, test_denial_respects_overlap);
    tcase_add_test(tc, test_narrower_of_overlapping_term_does_not_overlap);
    suite_add_tcase(s, tc);
    tc = tcase_create("rules");
    tcase_add_test(tc, test_rule_relations_on_quantities);
    tcase_add_test(tc, test_rule_sum_arithmetic);
    tcase_add_test(tc, test_rule_interval_arithmetic);
    tcase_add_test(tc, test_rule_dates_before);
    tcase_add_test(tc, test_rule_with_subject_terms);
    tcase_add_test(tc, test_rule_leaves_out_revised_and_denials);
    tcase_add_test(tc, test_rule_ids_stable);
    tcase_add_test(tc, test_rule_combinations_capped);
    suite_add_tcase(s, tc);
    tc = tcase_create("model checks");
    tcase_add_test(tc, test_model_overlap_names_undeclared_term);
    tcase_add_test(tc, test_model_claimant_unknown_source);
    tcase_add_test(tc, test_model_alias_collision);
    tcase_add_test(tc, test_model_rule_undeclared_property);
    tcase_add_test(tc, test_model_rule_mixing_dates_and_quantities);
    suite_add_tcase(s, tc);
    return s;
}
