/*
 * check_claimline.c - the claim reader without a DOM: what it takes, what
 * it leaves to the generic path, and the members it reads.
 */
#include <stdlib.h>
#include <string.h>

#include "corpus/corpus_int.h"
#include "unit.h"
#include "value/jnum.h"

#define HEAD "{\"topic\": \"t\", \"id\": \"c1\", \"subject\": \"s\", \"property\": \"n\", "
#define TAIL ", \"source\": \"a\", \"quote\": \"q\"}"

static int reads(const char *line, int need_topic)
{
    size_t n = strlen(line);
    char *scratch = malloc(n + 16);
    ck_assert_ptr_nonnull(scratch);
    ct_claim_text ct;
    int taken = ct_corpus__claim_read(&ct, line, n, scratch, n + 16, need_topic, NULL);
    free(scratch);
    return taken;
}

START_TEST(test_claimline_takes_or_declines)
{
    static const struct {
        const char *line;
        int need_topic, taken;
    } cases[] = {
        {HEAD "\"value\": 38" TAIL, 1, 1},
        {HEAD "\"value\": -0.50" TAIL, 1, 1},
        {HEAD "\"value\": \"2025-06\"" TAIL, 1, 1},
        {HEAD "\"value\": true" TAIL, 1, 1},
        {HEAD "\"value\": {\"min\": 3}" TAIL, 1, 1},
        {HEAD "\"value\": {\"about\": 500}" TAIL, 1, 1},
        {HEAD "\"value\": {\"low\": 1, \"high\": 2}" TAIL, 1, 1},
        {HEAD "\"value\": {\"from\": \"2025\", \"to\": \"2025-12-31\"}" TAIL, 1, 1},
        {HEAD "\"value\": 1, \"as_of\": {\"from\": \"2025-02\"}" TAIL, 1, 1},
        {HEAD "\"value\": 1, \"hedge\": \"reported\", \"stance\": \"questions\"" TAIL, 1, 1},
        {HEAD "\"value\": \"Caf\xc3\xa9 \\\"x\\\" \\n\"" TAIL, 1, 1},
        /* left to the generic path: it decides, and reports */
        {HEAD "\"value\": null" TAIL, 1, 0},
        {HEAD "\"value\": 1e3" TAIL, 1, 0},                 /* exponent */
        {HEAD "\"value\": 1234567890123456789" TAIL, 1, 0}, /* 19 digits */
        {HEAD "\"value\": 01" TAIL, 1, 0},                  /* not JSON */
        {HEAD "\"value\": \"a\\u00e9\"" TAIL, 1, 0},        /* \u escape */
        {HEAD "\"value\": \"a\\bb\"" TAIL, 1, 0},           /* control character */
        {HEAD "\"value\": \"\xc3\"" TAIL, 1, 0},            /* invalid UTF-8 */
        {HEAD "\"value\": \"\xed\xa0\x80\"" TAIL, 1, 0},    /* a surrogate */
        {HEAD "\"value\": {\"min\": 1, \"about\": 2}" TAIL, 1, 0},
        {HEAD "\"value\": {\"low\": 1}" TAIL, 1, 0},
        {HEAD "\"value\": {\"from\": \"2025-13\"}" TAIL, 1, 0},
        {HEAD "\"value\": 1, \"as_of\": \"2025-02-30x\"" TAIL, 1, 0},
        {HEAD "\"value\": 1, \"hedge\": \"bogus\"" TAIL, 1, 0},
        {HEAD "\"value\": 1, \"extra\": 1" TAIL, 1, 0},                   /* unknown member */
        {HEAD "\"value\": 1, \"id\": \"c2\"" TAIL, 1, 0},                 /* duplicate member */
        {HEAD "\"value\": 1" TAIL " x", 1, 0},                            /* trailing text */
        {HEAD "\"value\": 1, \"hedge\": \"reported\\u0000\"" TAIL, 1, 0}, /* a hidden NUL */
        {HEAD "\"value\": 1, \"hedge\": \"report\"" TAIL, 1, 0},          /* a prefix of one */
        {HEAD "\"value\": 1, \"stance\": \"assertsx\"" TAIL, 1, 0},       /* longer than one */
        {HEAD "\"valu\\u0065\": 1" TAIL, 1, 0},            /* an escaped member name */
        {HEAD "\"value\": 1, \"Note\": \"x\"" TAIL, 1, 0}, /* names are case-sensitive */
        {HEAD "\"value\": {\"mi\": 1}" TAIL, 1, 0},        /* a prefix of a value member */
        {HEAD "\"note\": \"no value\"" TAIL, 1, 0},        /* value missing */
        {HEAD "\"value\": 1, \"value\": 2" TAIL, 1, 0},    /* duplicate value */
        {"{\"quote\": \"q\", \"source\": \"a\", \"value\": 1, \"property\": \"n\", "
         "\"subject\": \"s\", \"id\": \"c1\", \"topic\": \"t\"}",
         1, 1}, /* any order */
        {"{\"id\": \"c1\", \"subject\": \"s\", \"property\": \"n\", \"value\": 1" TAIL, 1, 0},
        {"{\"id\": \"c1\", \"subject\": \"s\", \"property\": \"n\", \"value\": 1" TAIL, 0, 1},
        {"{\"topic\": \"T\", \"id\": \"c1\", \"subject\": \"s\", \"property\": \"n\", \"value\": 1" TAIL,
         0, 0},
        {"{\"topic\": \"t\", \"id\": \":c\", \"subject\": \"s\", \"property\": \"n\", \"value\": 1" TAIL,
         1, 0},
        {"{\"topic\": \"t\", \"id\": \"c\", \"subject\": \"\", \"property\": \"n\", \"value\": 1" TAIL,
         1, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        ck_assert_msg(reads(cases[i].line, cases[i].need_topic) == cases[i].taken, "case %zu: %s",
                      i, cases[i].line);
}
END_TEST

START_TEST(test_claimline_reads_members)
{
    const char *text =
        "  {\"topic\": \"t\", \"id\": \"c1\", \"subject\": \"S \\\"q\\\"\", \"property\": "
        "\"n\", \"value\": {\"max\": 2.50, \"min\": 1}, \"source\": \"a\", \"quote\": "
        "\"q\\tx\", \"as_of\": \"2025-06\", \"note\": \"\"} , {\"next\": 1}";
    size_t n = strlen(text), used = 0;
    char scratch[512];
    ct_claim_text ct;
    ck_assert_int_eq(ct_corpus__claim_read(&ct, text, n, scratch, sizeof scratch, 0, &used), 1);
    ck_assert_str_eq(ct.subject, "S \"q\"");
    ck_assert_str_eq(ct.quote, "q\tx");
    ck_assert_str_eq(ct.note, "");
    ck_assert_ptr_null(ct.claimant);
    ck_assert_int_eq(text[used - 1], '}');
    ck_assert_int_eq(text[used + 1], ',');
    json_t *v = ct_corpus__claim_value(&ct), *a = ct_corpus__claim_as_of(&ct);
    char *dump = ct_jnum__dumps(v, JSON_COMPACT | JSON_SORT_KEYS);
    ck_assert_str_eq(dump, "{\"max\":2.50,\"min\":1}"); /* the literal as written */
    ck_assert_str_eq(json_string_value(a), "2025-06");
    free(dump);
    json_decref(v);
    json_decref(a);
    /* with used NULL, text after the object is refused */
    ck_assert_int_eq(ct_corpus__claim_read(&ct, text, n, scratch, sizeof scratch, 0, NULL), 0);
}
END_TEST

Suite *suite_claimline(void)
{
    Suite *s = suite_create("claimline");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_claimline_takes_or_declines);
    tcase_add_test(tc, test_claimline_reads_members);
    suite_add_tcase(s, tc);
    return s;
}
