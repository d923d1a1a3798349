/*
 * check_suggest.c - the recognisers of claimtrack suggest, table-driven:
 * numbers, dates, terms, attribution, hedges, denials, sentences.
 */
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "claimtrack/common.h"
#include "claimtrack/corpus.h"
#include "claimtrack/suggest.h"
#include "suggest/suggest_int.h"

static ct_sg_span whole(const char *s) { return (ct_sg_span){0, strlen(s)}; }

/* The one value of `kind` recognised in `text`: its JSON and its span text. */
typedef struct {
    const char *text;
    const char *json; /* NULL: nothing recognised */
    const char *span;
} value_case;

static const value_case quantities[] = {
    {"killing 38 people", "38", "38"},
    {"a crowd of 1,500 gathered", "1500", "1,500"},
    {"worth 3.621 billion", "3621000000", "3.621 billion"},
    {"USD 2.5 million", "2500000", "2.5 million"},
    {"thirty-eight died", "38", "thirty-eight"},
    {"six others", "6", "six"},
    {"two hundred people", "200", "two hundred"},
    {"dozens were arrested", "{\"min\": 24}", "dozens"},
    {"hundreds fled", "{\"min\": 200}", "hundreds"},
    {"more than 100,000 fled", "{\"min\": 100001}", "more than 100,000"},
    {"more than 99 fled", "{\"min\": 100}", "more than 99"},
    {"at least 12 died", "{\"min\": 12}", "at least 12"},
    {"about 500 remained", "{\"about\": 500}", "about 500"},
    {"around 40 stayed", "{\"about\": 40}", "around 40"},
    {"nearly 70 stayed", "{\"about\": 70}", "nearly 70"},
    {"approximately USD 500 million", "{\"about\": 500000000}", "approximately USD 500 million"},
    {"between 30 and 40 died", "{\"min\": 30, \"max\": 40}", "between 30 and 40"},
    {"30 to 40 died", "{\"min\": 30, \"max\": 40}", "30 to 40"},
    {"up to 60 hurt", "{\"max\": 60}", "up to 60"},
    {"for three decades", "{\"about\": 30}", "three decades"},
    {"4.4% of exports", "4.4", "4.4"},
    {"on 25 December 2024", NULL, NULL},
    {"in 2024 alone", NULL, NULL},
    {"the 3rd time", NULL, NULL},
    {"code [024 here", "24", "024"},
    {"a 9999999999999999 digits", NULL, NULL},
    {"no numbers here", NULL, NULL},
};

START_TEST(test_quantities)
{
    const value_case *c = &quantities[_i];
    ct_sg_value v[8];
    size_t n = ct_sg__quantities(c->text, whole(c->text), v, 8);
    if (!c->json) {
        ck_assert_msg(n == 0, "%s: %zu values, first %s", c->text, n, n ? v[0].json : "");
        return;
    }
    ck_assert_msg(n == 1, "%s: %zu values", c->text, n);
    ck_assert_str_eq(v[0].json, c->json);
    ck_assert_int_eq((int)(v[0].end - v[0].start), (int)strlen(c->span));
    ck_assert_msg(strncmp(c->text + v[0].start, c->span, strlen(c->span)) == 0, "%s: span %.*s",
                  c->text, (int)(v[0].end - v[0].start), c->text + v[0].start);
}
END_TEST

START_TEST(test_two_numbers_of_the)
{
    const char *t = "killing 38 of the 67 people on board";
    ct_sg_value v[8];
    ck_assert_uint_eq(ct_sg__quantities(t, whole(t), v, 8), 2);
    ck_assert_str_eq(v[0].json, "38");
    ck_assert_str_eq(v[1].json, "67");
}
END_TEST

static const value_case dates[] = {
    {"on 25 December 2024, a jet", "\"2024-12-25\"", "25 December 2024"},
    {"on December 25, 2024 a jet", "\"2024-12-25\"", "December 25, 2024"},
    {"since the December 2024 downing", "\"2024-12\"", "December 2024"},
    {"in 2023 alone", "\"2023\"", "2023"},
    {"late 2024 when", "{\"from\": \"2024-09\", \"to\": \"2024-12\"}", "late 2024"},
    {"early 2024 when", "{\"from\": \"2024-01\", \"to\": \"2024-04\"}", "early 2024"},
    {"mid-2024 when", "{\"from\": \"2024-05\", \"to\": \"2024-08\"}", "mid-2024"},
    {"at the end of June police", "{\"from\": \"2025-06-20\", \"to\": \"2025-06-30\"}",
     "the end of June"},
    {"in late February 2022", "{\"from\": \"2022-02-20\", \"to\": \"2022-02-28\"}",
     "late February 2022"},
    {"early June", "{\"from\": \"2025-06-01\", \"to\": \"2025-06-10\"}", "early June"},
    {"the June raid", "\"2025-06\"", "June"},
    {"on June 30 police", "\"2025-06-30\"", "June 30"},
    {"last October 24", "\"2024-10-24\"", "October 24"},
    {"In January, they", "\"2025-01\"", "January"},
    {"war (1992\xe2\x80\x93"
     "1994)",
     "{\"from\": \"1992\", \"to\": \"1994\"}",
     "1992\xe2\x80\x93"
     "1994"},
    {"the early 1990s", "{\"from\": \"1990\", \"to\": \"1993\"}", "early 1990s"},
    {"last Wednesday", "\"2025-07-09\"", "last Wednesday"},
    {"yesterday", "\"2025-07-15\"", "yesterday"},
    {"this year", "\"2025\"", "this year"},
    {"last month", "\"2025-06\"", "last month"},
    {"on 31 February 2024", NULL, NULL},
    {"nothing dated", NULL, NULL},
};

START_TEST(test_dates)
{
    const value_case *c = &dates[_i];
    ct_sg_anchor a = {1, 2025, 7, 16}; /* a Wednesday */
    ct_sg_value v[8];
    size_t n = ct_sg__dates(c->text, whole(c->text), &a, v, 8);
    if (!c->json) {
        ck_assert_msg(n == 0, "%s: %zu dates, first %s", c->text, n, n ? v[0].json : "");
        return;
    }
    ck_assert_msg(n == 1, "%s: %zu dates", c->text, n);
    ck_assert_str_eq(v[0].json, c->json);
    ck_assert_msg(v[0].end - v[0].start == strlen(c->span) &&
                      strncmp(c->text + v[0].start, c->span, strlen(c->span)) == 0,
                  "%s: span %.*s", c->text, (int)(v[0].end - v[0].start), c->text + v[0].start);
}
END_TEST

START_TEST(test_dates_need_an_anchor)
{
    const char *t = "the June raid and the end of June";
    ct_sg_anchor none = {0, 0, 0, 0};
    ct_sg_value v[8];
    ck_assert_uint_eq(ct_sg__dates(t, whole(t), &none, v, 8), 0);
}
END_TEST

typedef struct {
    const char *text;
    const char *hedge; /* NULL: none */
    int denial, negated;
} stance_case;

static const stance_case stances[] = {
    {"the plane was reportedly shot down", "reported", 0, 0},
    {"the men allegedly smuggled drugs", "alleged", 0, 0},
    {"it is widely believed to be Ukraine", "believed", 0, 0},
    {"Aliyev denied the accusations", NULL, 1, 0},
    {"Moscow rejected the demands", NULL, 1, 0},
    {"officials dismissed claims of torture", NULL, 1, 0},
    {"Azerbaijan is not a member", NULL, 0, 1},
    {"Putin stopped short of admitting fault", NULL, 0, 1},
    {"Russia refrained from assuming responsibility", NULL, 0, 1},
    {"it wasn't offered", NULL, 0, 1},
    {"the pipeline is operational", NULL, 0, 0},
};

START_TEST(test_hedges_denials_negations)
{
    const stance_case *c = &stances[_i];
    const ct_sg_lang *en = ct_sg__english();
    const char *h = ct_sg__hedge(en, c->text, whole(c->text));
    if (c->hedge)
        ck_assert_msg(h && strcmp(h, c->hedge) == 0, "%s: hedge %s", c->text, h ? h : "none");
    else
        ck_assert_msg(!h, "%s: hedge %s", c->text, h);
    ck_assert_int_eq(ct_sg__denial(en, c->text, whole(c->text)), c->denial);
    ck_assert_int_eq(ct_sg__negated(en, c->text, whole(c->text)), c->negated);
}
END_TEST

typedef struct {
    const char *text;
    const char *name;
    int attributed;
} attribution_case;

static const attribution_case attributions[] = {
    {"Baku said the jet was hit", "Baku", 1},
    {"according to Moscow, the jet was hit", "Moscow", 1},
    {"the jet was hit, according to Moscow", "Moscow", 1},
    {"Baku claimed the jet was hit", "Baku", 1},
    {"Baku accused Moscow of lying", "Baku", 1},
    {"Baku alleged a cover-up", "Baku", 1},
    {"Azerbaijan\xe2\x80\x99s assertion that the aircraft was struck", "Azerbaijan", 1},
    {"Baku, the capital, said no more", "Baku", 1},
    {"the jet flew from Baku to Grozny", "Baku", 0},
    {"Moscow is far away", "Moscow", 0},
};

START_TEST(test_attribution)
{
    const attribution_case *c = &attributions[_i];
    const char *p = strstr(c->text, c->name);
    ck_assert_ptr_nonnull(p);
    ck_assert_msg(ct_sg__attributed(ct_sg__english(), c->text, whole(c->text),
                                    (size_t)(p - c->text), strlen(c->name)) == c->attributed,
                  "%s", c->text);
}
END_TEST

typedef struct {
    const char *text;
    const char *name; /* NULL: nobody named */
} speaker_case;

static const speaker_case speakers[] = {
    {"The jet was hit, according to Maria Zakharova, by a missile.", "Maria Zakharova"},
    {"According to Russian Foreign Ministry spokeswoman Maria Zakharova, it was a bird.",
     "Maria Zakharova"},
    {"Ilham Aliyev said the jet was hit.", "Ilham Aliyev"},
    {"Aliyev, the president, said the jet was hit.", "Aliyev"},
    {"The jet was hit, said Dmitry Peskov.", "Dmitry Peskov"},
    {"Mohammed bin Salman said little.", "Mohammed bin Salman"},
    {"\xc3\x96zg\xc3\xbcr \xc3\x96zel claimed a cover-up.", "\xc3\x96zg\xc3\xbcr \xc3\x96zel"},
    {"Officials said the jet was hit.", NULL},
    {"They said the jet was hit.", NULL},
    {"The jet flew from Baku to Grozny.", NULL},
    {"In Moscow, the jet was discussed.", NULL},
};

START_TEST(test_named_speakers)
{
    const speaker_case *c = &speakers[_i];
    ct_sg_span name;
    int found = ct_sg__named_speaker(ct_sg__english(), c->text, whole(c->text), &name);
    if (!c->name) {
        ck_assert_msg(!found, "%s: named %.*s", c->text, (int)(name.end - name.start),
                      c->text + name.start);
        return;
    }
    ck_assert_msg(found, "%s: nobody named", c->text);
    ck_assert_msg(name.end - name.start == strlen(c->name) &&
                      strncmp(c->text + name.start, c->name, strlen(c->name)) == 0,
                  "%s: named %.*s", c->text, (int)(name.end - name.start), c->text + name.start);
}
END_TEST

START_TEST(test_unicode_case_and_nfc)
{
    /* letters beyond ASCII compare without case, whole words */
    const char *t = "T\xc3\x9cRK\xc4\xb0YE and \xc3\x9cMIT spoke";
    ck_assert_uint_eq(ct_sg__find(t, strlen(t), 0, "\xc3\xbcmit"),
                      strlen("T\xc3\x9cRK\xc4\xb0YE and "));
    ck_assert_uint_eq(ct_sg__find(t, strlen(t), 0, "\xc3\xbc"), (size_t)-1);
    /* a decomposed article is read in NFC, each byte mapped back */
    const char *d = "Tu\xcc\x88rkiye said";
    ct_sg_nfc m;
    ck_assert_int_eq(ct_sg__nfc(&m, d, strlen(d)), 0);
    ck_assert_ptr_nonnull(m.text);
    ck_assert_str_eq(m.text, "T\xc3\xbcrkiye said");
    ck_assert_uint_eq(m.from[1], 1); /* the composed u-umlaut came from "u" + U+0308 */
    ck_assert_uint_eq(m.to[2], 4);
    ck_assert_uint_eq(m.from[m.len - 1], strlen(d) - 1);
    ct_sg__nfc_dispose(&m);
    ck_assert_int_eq(ct_sg__nfc(&m, "T\xc3\xbcrkiye", 8), 0);
    ck_assert_ptr_null(m.text); /* NFC already: nothing to map */
}
END_TEST

START_TEST(test_sentences_and_clauses)
{
    const char *t = "Mr. Smith left on Jan. 5. He said 3.5 million people were hit! Two more.\n"
                    "A new paragraph: with a clause, and 1,500 others.";
    ct_sg_span s[8];
    unsigned char para[8];
    size_t n = ct_sg__sentences(ct_sg__english(), t, strlen(t), s, para, 8);
    ck_assert_uint_eq(n, 4);
    ck_assert_int_eq(strncmp(t + s[0].start, "Mr. Smith left on Jan. 5.", s[0].end - s[0].start),
                     0);
    ck_assert_uint_eq(s[0].end - s[0].start, strlen("Mr. Smith left on Jan. 5."));
    ck_assert_int_eq(para[0], 1);
    ck_assert_int_eq(para[1], 0);
    ck_assert_int_eq(para[2], 0);
    ck_assert_int_eq(para[3], 1);
    size_t pos = (size_t)(strstr(t, "1,500") - t);
    ct_sg_span c = ct_sg__clause(t, s[3], pos);
    ck_assert_int_eq(strncmp(t + c.start, "and 1,500 others", c.end - c.start), 0);
    ck_assert_uint_eq(c.end - c.start, strlen("and 1,500 others"));
}
END_TEST

START_TEST(test_whole_words_case_insensitive)
{
    const char *t = "The AZAL Flight crashed; azalflight did not";
    ck_assert_uint_eq(ct_sg__find(t, strlen(t), 0, "azal flight"), 4);
    ck_assert_uint_eq(ct_sg__find(t, strlen(t), 5, "azal"), (size_t)-1);
    ck_assert_uint_eq(ct_sg__find(t, strlen(t), 0, "crash"), (size_t)-1);
}
END_TEST

static const char corpus_text[] =
    "{\"sources\": {\"wire\": {\"title\": \"W\", \"published\": \"2025-07-16\"}},"
    " \"claimants\": {\"Ministry\": {\"aliases\": [\"the ministry\"]}},"
    " \"topics\": [{\"topic\": \"crash\", \"title\": \"C\","
    " \"subjects\": {\"ferry\": [\"the vessel\"]},"
    " \"properties\": {"
    "  \"deaths\": {\"type\": \"quantity\", \"cues\": [\"killing\"]},"
    "  \"people-on-board\": {\"type\": \"quantity\", \"cues\": [\"on board\"]},"
    "  \"cause\": {\"type\": \"term\", \"cues\": [\"caused by\"], \"terms\": {"
    "   \"engine\": {\"label\": \"engine failure\"},"
    "   \"engine-fire\": {\"broader\": \"engine\", \"label\": \"engine failure and fire\","
    "                     \"cues\": [\"engine fire\"]}}}},"
    " \"claims\": [{\"id\": \"k\", \"subject\": \"ferry\", \"property\": \"deaths\","
    " \"value\": 12, \"source\": \"wire\", \"quote\": \"killing 12\"}]}]}";

START_TEST(test_suggest_drafts)
{
    ct_corpus *c;
    ck_assert_int_eq(ct_corpus_new(&c), 0);
    ct_corpus_options o = CT_CORPUS_OPTIONS_INIT;
    ct_diag_list d = CT_DIAG_LIST_INIT;
    ck_assert_int_eq(
        ct_corpus_load_memory(c, "export.json", corpus_text, strlen(corpus_text), &o, &d), 0);
    if (d.count)
        ct_diag_print(&d, stderr);
    ck_assert_uint_eq(d.count, 0);
    ct_diag_list_dispose(&d);
    const char *art = "The vessel sank, killing 12 of the 140 on board.\n"
                      "It was caused by engine failure and fire, the ministry said.";
    ct_suggest_options so = {"wire", NULL, 0, NULL};
    char *out, why[200];
    size_t n;
    ck_assert_int_eq(ct_suggest(&out, &n, c, art, strlen(art), &so, why, sizeof why), 0);
    ck_assert_uint_eq(n, 2); /* the second paragraph names no subject */
    ck_assert_ptr_nonnull(strstr(out, "\"property\": \"deaths\", \"value\": 12,"));
    ck_assert_ptr_nonnull(strstr(out, "\"known\": \"k\""));
    ck_assert_ptr_nonnull(strstr(out, "\"property\": \"people-on-board\", \"value\": 140,"));
    ct_free(out);
    const char *art2 = "The vessel sank. It was caused by engine failure and fire, the ministry "
                       "said.";
    ck_assert_int_eq(ct_suggest(&out, &n, c, art2, strlen(art2), &so, why, sizeof why), 0);
    ck_assert_uint_eq(n, 1);
    /* the longest match wins: the narrower term */
    ck_assert_ptr_nonnull(strstr(out, "\"value\": \"engine-fire\""));
    ck_assert_ptr_nonnull(strstr(out, "\"claimant\": \"Ministry\""));
    ct_free(out);
    /* the article decomposed, the subject in capitals: found, the quote cut verbatim */
    const char *art3 = "THE VESSEL sank, killing 13. Nobody on board was from Tu\xcc\x88rkiye, "
                       "said Ayse Yilmaz.";
    ck_assert_int_eq(ct_suggest(&out, &n, c, art3, strlen(art3), &so, why, sizeof why), 0);
    ck_assert_ptr_nonnull(strstr(out, "\"value\": 13,"));
    ct_free(out);
    so.source = "nobody";
    ck_assert_int_eq(ct_suggest(&out, &n, c, art, strlen(art), &so, why, sizeof why), CT_EINVALID);
    so.source = "wire";
    so.published = "2025-13";
    ck_assert_int_eq(ct_suggest(&out, &n, c, art, strlen(art), &so, why, sizeof why), CT_EINVALID);
    ct_corpus_free(c);
}
END_TEST

Suite *suite_suggest(void)
{
    Suite *s = suite_create("suggest");
    TCase *tc = tcase_create("recognisers");
    tcase_add_loop_test(tc, test_quantities, 0, (int)(sizeof quantities / sizeof *quantities));
    tcase_add_test(tc, test_two_numbers_of_the);
    tcase_add_loop_test(tc, test_dates, 0, (int)(sizeof dates / sizeof *dates));
    tcase_add_test(tc, test_dates_need_an_anchor);
    tcase_add_loop_test(tc, test_hedges_denials_negations, 0,
                        (int)(sizeof stances / sizeof *stances));
    tcase_add_loop_test(tc, test_attribution, 0, (int)(sizeof attributions / sizeof *attributions));
    tcase_add_loop_test(tc, test_named_speakers, 0, (int)(sizeof speakers / sizeof *speakers));
    tcase_add_test(tc, test_unicode_case_and_nfc);
    tcase_add_test(tc, test_sentences_and_clauses);
    tcase_add_test(tc, test_whole_words_case_insensitive);
    tcase_add_test(tc, test_suggest_drafts);
    suite_add_tcase(s, tc);
    return s;
}
