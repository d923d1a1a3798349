/*
 * check_exact.c - numbers as written: every comparison, sum, tolerance and
 * gap exact (issue 23, part 1), and the decimal arithmetic under them.
 */
#include "unit.h"
#include "claimtrack/common.h"
#include "claimtrack/decimal.h"
#include "claimtrack/report.h"
#include "value/jnum.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CLAIM(id, prop, value, source)                                                             \
    "{\"id\": \"" id "\", \"subject\": \"s\", \"property\": \"" prop "\", \"value\": " value       \
    ", \"source\": \"" source "\", \"quote\": \"q\"}"

static const char *const props =
    "{\"n\": {\"type\": \"quantity\"}, \"a\": {\"type\": \"quantity\"},"
    " \"b\": {\"type\": \"quantity\"}, \"c\": {\"type\": \"quantity\"}}";

static ct_decimal dec(const char *s)
{
    ct_decimal d;
    ck_assert_int_eq(ct_decimal_parse(&d, s, strlen(s), NULL), 0);
    return d;
}

static void dec_text(const ct_decimal *d, const char *want)
{
    char buf[128];
    ct_decimal_format(d, buf, sizeof buf);
    ck_assert_str_eq(buf, want);
}

/* Load `claims` (a JSON array text) with `rules` (or NULL) into f. */
static void load(fixture *f, const char *rules, const char *claims)
{
    ct_diag_list empty = CT_DIAG_LIST_INIT;
    f->diags = empty;
    size_t cap = strlen(claims) + 1024;
    char *topic = malloc(cap);
    ck_assert_ptr_nonnull(topic);
    snprintf(topic, cap,
             "{\"topic\": \"t\", \"title\": \"T\", \"properties\": %s%s%s, \"claims\": %s}", props,
             rules ? ", \"rules\": " : "", rules ? rules : "", claims);
    fixture_write(f, "sources.json",
                  "{\"sources\": {\"a\": {\"title\": \"A\"}, \"b\": {\"title\": \"B\"},"
                  " \"c\": {\"title\": \"C\"}}}");
    fixture_write(f, "topic.json", topic);
    free(topic);
    ck_assert_int_eq(ct_corpus_new(&f->corpus), 0);
    const char *paths[] = {f->dir};
    f->rc = ct_corpus_load(f->corpus, paths, 1, NULL, &f->diags);
    if (f->rc == 0)
        ck_assert_int_eq(ct_conflict_find(&f->set, f->corpus), 0);
}

static size_t conflicts(const char *rules, const char *claims)
{
    fixture f = {0};
    load(&f, rules, claims);
    ck_assert_msg(f.rc == 0, "load: %s", f.diags.count ? f.diags.items[0].message : "?");
    size_t n = f.set->n_conflicts;
    fixture_dispose(&f);
    return n;
}

START_TEST(test_decimal_fast_and_slow_paths)
{
    ct_decimal_pool pool = {NULL};
    ct_decimal_store store = ct_decimal_pool_store(&pool);
    ct_decimal a = dec("8.4"), b = dec("5.7"), s, d, p;
    ck_assert_int_eq(ct_decimal_add(&s, &a, &b, &store), 0);
    dec_text(&s, "14.1");
    ct_decimal want = dec("14.10");
    ck_assert_int_eq(ct_decimal_cmp(&s, &want), 0); /* 14.1 == 14.10 */
    dec_text(&want, "14.10");                       /* as written */
    /* 0.1 + 0.2 is 0.3, not 0.30000000000000004 */
    a = dec("0.1");
    b = dec("0.2");
    ck_assert_int_eq(ct_decimal_add(&s, &a, &b, &store), 0);
    want = dec("0.3");
    ck_assert_int_eq(ct_decimal_cmp(&s, &want), 0);
    /* beyond 18 digits: GMP, kept as text, exact */
    a = dec("123456789012345678901234567890.5");
    b = dec("0.5");
    ck_assert_int_eq(a.form, CT_DECIMAL_BIG);
    ck_assert_int_eq(ct_decimal_add(&s, &a, &b, &store), 0);
    dec_text(&s, "123456789012345678901234567891");
    ck_assert_int_eq(ct_decimal_sub(&d, &s, &b, &store), 0);
    ck_assert_int_eq(ct_decimal_cmp(&d, &a), 0);
    ck_assert_int_eq(ct_decimal_mul(&p, &a, &b, &store), 0);
    dec_text(&p, "61728394506172839450617283945.25");
    /* the fast path's edge: 10^18 - 1 + 1 leaves it */
    a = dec("999999999999999999");
    b = dec("1");
    ck_assert_int_eq(a.form, CT_DECIMAL_SMALL);
    ck_assert_int_eq(ct_decimal_add(&s, &a, &b, &store), 0);
    dec_text(&s, "1000000000000000000");
    /* exponents far apart */
    a = dec("1e-300");
    b = dec("1e300");
    ck_assert_int_eq(ct_decimal_cmp(&a, &b), -1);
    ck_assert_int_eq(ct_decimal_add(&s, &a, &b, &store), 0);
    ck_assert_int_eq(ct_decimal_cmp(&s, &b), 1);
    /* infinities bound everything */
    ct_decimal lo = ct_decimal_inf(-1), hi = ct_decimal_inf(1);
    ck_assert_int_eq(ct_decimal_cmp(&lo, &a), -1);
    ck_assert_int_eq(ct_decimal_cmp(&hi, &s), 1);
    ck_assert_int_eq(ct_decimal_add(&s, &lo, &a, &store), 0);
    ck_assert_int_eq(s.form, CT_DECIMAL_NEG_INF);
    /* not numbers */
    ct_decimal bad;
    const char *refused[] = {"", "-", "01", "1.", ".5", "+1", "1e", "1e+", "0x10", "1 ", "NaN"};
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++)
        ck_assert_msg(ct_decimal_parse(&bad, refused[i], strlen(refused[i]), NULL) == CT_EINVALID,
                      "%s", refused[i]);
    ct_decimal_pool_dispose(&pool);
}
END_TEST

START_TEST(test_decimal_format_plain)
{
    dec_text((ct_decimal[]){dec("1234567.891")}, "1234567.891");
    dec_text((ct_decimal[]){dec("123456.5")}, "123456.5");
    dec_text((ct_decimal[]){dec("-0.000120")}, "-0.000120");
    dec_text((ct_decimal[]){dec("1e3")}, "1000");
    dec_text((ct_decimal[]){dec("1.5e30")}, "1.5e+30");
    dec_text((ct_decimal[]){dec("2e-30")}, "2e-30");
}
END_TEST

/* {"about": 0.6} is [0.54, 0.66] exactly: 0.66 touches it. */
START_TEST(test_about_touching_is_no_conflict)
{
    ck_assert_uint_eq(conflicts(NULL, "[" CLAIM("x", "n", "{\"about\": 0.6}",
                                                "a") "," CLAIM("y", "n", "0.66", "b") "]"),
                      0);
    ck_assert_uint_eq(conflicts(NULL, "[" CLAIM("x", "n", "{\"about\": 0.6}",
                                                "a") "," CLAIM("y", "n", "0.54", "b") "]"),
                      0);
    ck_assert_uint_eq(conflicts(NULL, "[" CLAIM("x", "n", "{\"about\": 0.6}",
                                                "a") "," CLAIM("y", "n", "0.6600001", "b") "]"),
                      1);
}
END_TEST

/* 2.0 against 1.8: the gap 0.2 is exactly 10 % of 2, not under it. */
START_TEST(test_gap_of_exactly_ten_percent_is_not_small)
{
    fixture f = {0};
    load(&f, NULL, "[" CLAIM("x", "n", "2.0", "a") "," CLAIM("y", "n", "1.8", "b") "]");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.set->n_conflicts, 1);
    ck_assert_int_eq(f.set->conflicts[0].severity, CT_SEVERITY_HIGH);
    for (size_t i = 0; i < f.set->conflicts[0].n_severity_reasons; i++)
        ck_assert_ptr_null(strstr(f.set->conflicts[0].severity_reasons[i], "under 10%"));
    fixture_dispose(&f);
    /* 2.0 against 1.81: the gap 0.19 is under it, and printed exactly */
    load(&f, NULL, "[" CLAIM("x", "n", "2.0", "a") "," CLAIM("y", "n", "1.81", "b") "]");
    ck_assert_int_eq(f.set->conflicts[0].severity, CT_SEVERITY_LOW);
    int found = 0;
    for (size_t i = 0; i < f.set->conflicts[0].n_severity_reasons; i++)
        found |= strstr(f.set->conflicts[0].severity_reasons[i],
                        "the gap (0.19) is under 10% of the larger value (2.0)") != NULL;
    ck_assert(found);
    fixture_dispose(&f);
}
END_TEST

static const char *const sum_rule =
    "[{\"id\": \"r\", \"left\": [\"a\", \"b\"], \"relation\": \"=\", \"right\": [\"c\"]}]";

/* 8.4 + 5.7 = 14.1 holds; so does 14.10. */
START_TEST(test_rule_sum_is_exact)
{
    ck_assert_uint_eq(
        conflicts(sum_rule, "[" CLAIM("x", "a", "8.4", "a") "," CLAIM(
                                "y", "b", "5.7", "b") "," CLAIM("z", "c", "14.1", "c") "]"),
        0);
    ck_assert_uint_eq(
        conflicts(sum_rule, "[" CLAIM("x", "a", "8.4", "a") "," CLAIM(
                                "y", "b", "5.7", "b") "," CLAIM("z", "c", "14.10", "c") "]"),
        0);
    /* 9007199254740993 + 0 is not 9007199254740992 */
    fixture f = {0};
    load(&f, sum_rule,
         "[" CLAIM("x", "a", "9007199254740993", "a") "," CLAIM("y", "b", "0", "b") "," CLAIM(
             "z", "c", "9007199254740992", "c") "]");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.set->n_conflicts, 1);
    ck_assert_str_eq(f.set->conflicts[0].violations[0].arithmetic,
                     "9007199254740993 + 0 = 9007199254740993, not 9007199254740992");
    fixture_dispose(&f);
    /* a sum of intervals, printed exactly */
    load(&f, sum_rule,
         "[" CLAIM("x", "a", "{\"min\": 0.1, \"max\": 0.2}",
                   "a") "," CLAIM("y", "b", "0.2", "b") "," CLAIM("z", "c", "0.5", "c") "]");
    ck_assert_uint_eq(f.set->n_conflicts, 1);
    ck_assert_str_eq(f.set->conflicts[0].violations[0].arithmetic,
                     "0.1-0.2 + 0.2 = 0.3-0.4, not 0.5");
    fixture_dispose(&f);
}
END_TEST

/* 1e-400 is refused like 1e400, located, not read as 0. */
START_TEST(test_underflow_is_an_error)
{
    const char *values[] = {"1e-400", "1e400"};
    for (int i = 0; i < 2; i++) {
        char claims[256];
        snprintf(claims, sizeof claims,
                 "[{\"id\": \"x\", \"subject\": \"s\", \"property\": \"n\", \"value\": %s, "
                 "\"source\": \"a\", \"quote\": \"q\"}]",
                 values[i]);
        fixture f = {0};
        load(&f, NULL, claims);
        ck_assert_int_eq(f.rc, CT_EPARSE);
        ck_assert_uint_ge(f.diags.count, 1);
        char want[64];
        snprintf(want, sizeof want, "real number %s near '%s'", i ? "overflow" : "underflow",
                 values[i]);
        ck_assert_msg(strstr(f.diags.items[0].message, want) != NULL, "%s",
                      f.diags.items[0].message);
        ck_assert_int_eq(f.diags.items[0].line, 1);
        ck_assert_int_gt(f.diags.items[0].column, 1);
        fixture_dispose(&f);
    }
    /* a zero written with any exponent is a zero */
    ck_assert_uint_eq(
        conflicts(NULL, "[" CLAIM("x", "n", "0e-400", "a") "," CLAIM("y", "n", "0", "b") "]"), 0);
}
END_TEST

/* The claims' numbers are kept as written: display and value_json. */
START_TEST(test_numbers_as_written)
{
    fixture f = {0};
    load(&f, NULL,
         "[" CLAIM("x", "n", "1234567.891", "a") "," CLAIM("y", "n", "123456.5", "b") "," CLAIM(
             "z", "n", "{\"low\": 1.10, \"best\": 1.25, \"high\": 12345678901234567890.5}",
             "c") "]");
    ck_assert_int_eq(f.rc, 0);
    size_t n;
    const ct_claim *cl = ct_corpus_claims(f.corpus, &n);
    ck_assert_str_eq(cl[0].display, "1234567.891");
    ck_assert_str_eq(cl[0].value_json, "1234567.891");
    ck_assert_str_eq(cl[1].display, "123456.5");
    ck_assert_str_eq(cl[2].value_json,
                     "{\"best\":1.25,\"high\":12345678901234567890.5,\"low\":1.10}");
    ck_assert_str_eq(cl[2].display, "1.25 (estimate 1.10 to 12345678901234567890.5)");
    fixture_dispose(&f);
}
END_TEST

/* Scaling every number (and no absolute tolerance here) by 10^k, or writing
 * 14.1 as 14.10, changes no conflict. */
START_TEST(test_scaling_and_trailing_zeros_change_nothing)
{
    static const char *const sets[][3] = {
        {"0.66", "{\"about\": 0.6}", "0.7"},
        {"1.8", "2.0", "1.81"},
        {"14.1", "{\"min\": 14.10}", "{\"max\": 14.099}"},
    };
    static const char *const scales[] = {"", "e3", "e-3", "e17", "e-20"};
    for (size_t i = 0; i < sizeof sets / sizeof *sets; i++) {
        size_t first = 0;
        for (size_t k = 0; k < sizeof scales / sizeof *scales; k++) {
            /* append the exponent to every number literal */
            char claims[1024], v[3][128];
            for (int j = 0; j < 3; j++) {
                const char *s = sets[i][j];
                size_t w = 0;
                for (size_t r = 0; s[r] && w + 8 < sizeof v[j]; r++) {
                    v[j][w++] = s[r];
                    int digit = s[r] >= '0' && s[r] <= '9';
                    int next = s[r + 1] >= '0' && s[r + 1] <= '9';
                    if (digit && !next && s[r + 1] != '.')
                        w += (size_t)snprintf(v[j] + w, sizeof v[j] - w, "%s", scales[k]);
                }
                v[j][w] = '\0';
            }
            snprintf(claims, sizeof claims,
                     "[{\"id\": \"x\", \"subject\": \"s\", \"property\": \"n\", \"value\": %s, "
                     "\"source\": \"a\", \"quote\": \"q\"},"
                     "{\"id\": \"y\", \"subject\": \"s\", \"property\": \"n\", \"value\": %s, "
                     "\"source\": \"b\", \"quote\": \"q\"},"
                     "{\"id\": \"z\", \"subject\": \"s\", \"property\": \"n\", \"value\": %s, "
                     "\"source\": \"c\", \"quote\": \"q\"}]",
                     v[0], v[1], v[2]);
            fixture f = {0};
            load(&f, NULL, claims);
            ck_assert_msg(f.rc == 0, "%s: %s", claims,
                          f.diags.count ? f.diags.items[0].message : "");
            size_t got = f.set->n_conflicts;
            int severity = got ? (int)f.set->conflicts[0].severity : -1;
            fixture_dispose(&f);
            if (k == 0)
                first = got * 10 + (size_t)(severity + 1);
            ck_assert_msg(got * 10 + (size_t)(severity + 1) == first, "%s changes the conflicts",
                          claims);
        }
    }
}
END_TEST

/* Long exact numbers survive an XML export and import. */
START_TEST(test_xml_round_trip_of_long_integers)
{
    fixture f = {0};
    load(&f, NULL,
         "[" CLAIM("x", "n", "123456789012345678", "a") "," CLAIM(
             "y", "n", "-9223372036854775808",
             "b") "," CLAIM("z", "n", "{\"min\": 12345678901234567890123}", "c") "]");
    ck_assert_int_eq(f.rc, 0);
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(ct_corpus_export_xml(f.corpus, fp), 0);
    ck_assert_int_eq(fclose(fp), 0);
    ck_assert_ptr_nonnull(strstr(text, ">123456789012345678<"));
    ck_assert_ptr_nonnull(strstr(text, ">-9223372036854775808<"));
    ck_assert_ptr_nonnull(strstr(text, "min=\"12345678901234567890123\""));
    fixture g = {0};
    ct_diag_list empty = CT_DIAG_LIST_INIT;
    g.diags = empty;
    fixture_write(&g, "corpus.xml", text);
    free(text);
    ck_assert_int_eq(ct_corpus_new(&g.corpus), 0);
    const char *paths[] = {g.dir};
    ck_assert_int_eq(ct_corpus_load(g.corpus, paths, 1, NULL, &g.diags), 0);
    size_t n;
    const ct_claim *cl = ct_corpus_claims(g.corpus, &n);
    ck_assert_uint_eq(n, 3);
    ck_assert_str_eq(cl[0].value_json, "123456789012345678");
    ck_assert_str_eq(cl[1].value_json, "-9223372036854775808");
    ck_assert_str_eq(cl[2].value_json, "{\"min\":12345678901234567890123}");
    fixture_dispose(&g);
    fixture_dispose(&f);
}
END_TEST

/* Text cut to a fixed buffer ends on a character boundary with a visible
 * ellipsis, and stays valid UTF-8 (issue 24). */
START_TEST(test_text_fit_cuts_on_a_character)
{
    char buf[12];
    /* "Проверено" is 9 two-byte letters: 18 bytes, cut as snprintf cuts */
    const char word[] = "\xD0\x9F\xD1\x80\xD0\xBE\xD0\xB2\xD0\xB5\xD1\x80\xD0\xB5\xD0\xBD\xD0\xBE";
    int need = (int)strlen(word);
    memcpy(buf, word, sizeof buf - 1);
    buf[sizeof buf - 1] = '\0';
    ct_text_fit(buf, sizeof buf, need);
    ck_assert_int_eq(ct_text_utf8_invalid_at(buf), -1);
    ck_assert_str_eq(buf, "\xD0\x9F\xD1\x80\xD0\xBE\xD0\xB2\xE2\x80\xA6");
    /* text that fits is left alone */
    need = snprintf(buf, sizeof buf, "%s", "short");
    ct_text_fit(buf, sizeof buf, need);
    ck_assert_str_eq(buf, "short");
}
END_TEST

Suite *suite_exact(void)
{
    Suite *s = suite_create("exact");
    TCase *tc = tcase_create("exact");
    tcase_add_test(tc, test_decimal_fast_and_slow_paths);
    tcase_add_test(tc, test_decimal_format_plain);
    tcase_add_test(tc, test_about_touching_is_no_conflict);
    tcase_add_test(tc, test_gap_of_exactly_ten_percent_is_not_small);
    tcase_add_test(tc, test_rule_sum_is_exact);
    tcase_add_test(tc, test_underflow_is_an_error);
    tcase_add_test(tc, test_numbers_as_written);
    tcase_add_test(tc, test_scaling_and_trailing_zeros_change_nothing);
    tcase_add_test(tc, test_xml_round_trip_of_long_integers);
    tcase_add_test(tc, test_text_fit_cuts_on_a_character);
    suite_add_tcase(s, tc);
    return s;
}
