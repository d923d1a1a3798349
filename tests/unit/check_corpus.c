/*
 * check_corpus.c - loading: diagnostics of each error class, aliases, JSONL,
 * quote grounding.
 */
#include "unit.h"

#include <string.h>

#include "claimtrack/common.h"
#include "corpus/corpus_int.h"

static const ct_diag *find_diag(const ct_diag_list *l, const char *needle)
{
    for (size_t i = 0; i < l->count; i++)
        if (strstr(l->items[i].message, needle))
            return &l->items[i];
    return NULL;
}

START_TEST(test_corpus_syntax_error_has_line_and_column)
{
    fixture f = {0};
    fixture_write(&f, "topic.json", "{\n  \"topic\": \"t\",\n  \"title\": x\n}\n");
    ck_assert_int_eq(ct_corpus_new(&f.corpus), 0);
    const char *paths[] = {f.dir};
    ck_assert_int_eq(ct_corpus_load(f.corpus, paths, 1, NULL, &f.diags), CT_EPARSE);
    ck_assert_uint_eq(f.diags.count, 1);
    ck_assert_int_eq(f.diags.items[0].line, 3);
    ck_assert_int_eq(f.diags.items[0].column, 12);
    ck_assert(strstr(f.diags.items[0].file, "/topic.json") != NULL);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_corpus_model_errors_are_located)
{
    fixture f = {0};
    fixture_load(
        &f, "{\"n\": {\"type\": \"quantity\"}, \"d\": {\"type\": \"date\"}}",
        "[{\"id\": \"x1\", \"subject\": \"s\", \"property\": \"n\", \"value\": 1,"
        "  \"source\": \"a\", \"quote\": \"q\"},\n"
        " {\"id\": \"x1\", \"subject\": \"s\", \"property\": \"n\", \"value\": 2,"
        "  \"source\": \"a\", \"quote\": \"q\"},\n"
        " {\"id\": \"x2\", \"subject\": \"s\", \"property\": \"d\", \"value\": \"2025-02-30\","
        "  \"source\": \"zz\", \"quote\": \"q\"}]");
    ck_assert_int_eq(f.rc, CT_EINVALID);
    const ct_diag *d = find_diag(&f.diags, "duplicate claim id");
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(d->pointer, "/claims/1/id");
    ck_assert_int_eq(d->line, 2);
    d = find_diag(&f.diags, "unknown source");
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(d->pointer, "/claims/2/source");
    ck_assert_str_eq(d->message, "unknown source \"zz\" (claim x2)");
    d = find_diag(&f.diags, "no day 30");
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(d->pointer, "/claims/2/value");
    ck_assert_int_eq(d->line, 3);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_corpus_aliases_resolve_to_canonical_subject)
{
    fixture f = {0};
    fixture_write(&f, "sources.json", "{\"sources\": {\"a\": {\"title\": \"A\"}}}");
    fixture_write(
        &f, "topic.json",
        "{\"topic\": \"t\", \"title\": \"T\", \"subjects\": {\"AZAL 8243\": [\"the jet\"]},"
        " \"properties\": {\"n\": {\"type\": \"quantity\"}}, \"claims\": ["
        "{\"id\": \"c1\", \"subject\": \"the jet\", \"property\": \"n\", \"value\": 1,"
        " \"source\": \"a\", \"quote\": \"q\"}]}");
    ck_assert_int_eq(ct_corpus_new(&f.corpus), 0);
    const char *paths[] = {f.dir};
    ck_assert_int_eq(ct_corpus_load(f.corpus, paths, 1, NULL, &f.diags), 0);
    size_t n;
    const ct_claim *c = ct_corpus_claims(f.corpus, &n);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(c[0].subject, "AZAL 8243");
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_corpus_jsonl_errors_name_the_line)
{
    fixture f = {0};
    fixture_load(&f, "{\"n\": {\"type\": \"quantity\"}}", "[]");
    ck_assert_int_eq(f.rc, 0);
    ct_corpus_free(f.corpus);
    ct_conflict_set_free(f.set);
    f.set = NULL;
    fixture_write(&f, "more.jsonl",
                  "{\"topic\": \"t\", \"id\": \"j1\", \"subject\": \"s\", \"property\": \"n\","
                  " \"value\": 3, \"source\": \"a\", \"quote\": \"q\"}\n"
                  "\n"
                  "{\"topic\": \"nope\", \"id\": \"j2\", \"subject\": \"s\", \"property\": \"n\","
                  " \"value\": 3, \"source\": \"a\", \"quote\": \"q\"}\n");
    ck_assert_int_eq(ct_corpus_new(&f.corpus), 0);
    const char *paths[] = {f.dir};
    ck_assert_int_eq(ct_corpus_load(f.corpus, paths, 1, NULL, &f.diags), CT_EINVALID);
    ck_assert_uint_eq(f.diags.count, 1);
    ck_assert_int_eq(f.diags.items[0].line, 3);
    ck_assert_str_eq(f.diags.items[0].message, "unknown topic \"nope\" (claim j2)");
    size_t n;
    ct_corpus_claims(f.corpus, &n);
    ck_assert_uint_eq(n, 1);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_text_fold_normalises_quotes_dashes_space)
{
    const char *in = "  Baku\xe2\x80\x99s  \xe2\x80\x9c"
                     "best\xe2\x80\x9d\n\tyear \xe2\x80\x94 2025\xe2\x80\xa6"
                     " ";
    char *out = ct_corpus__text_fold(in, strlen(in));
    ck_assert_str_eq(out, "Baku\"s \"best\" year - 2025...");
    ct_free(out);
}
END_TEST

START_TEST(test_corpus_quote_grounding)
{
    fixture f = {0};
    fixture_write(&f, "article.txt",
                  "It said: \xe2\x80\x9c"
                  "thirty-eight\xe2\x80\x9d people\n died.");
    fixture_write(&f, "sources.json",
                  "{\"sources\": {\"a\": {\"title\": \"A\", \"archive\": \"article.txt\"}}}");
    fixture_write(
        &f, "topic.json",
        "{\"topic\": \"t\", \"title\": \"T\", \"properties\": {\"n\": {\"type\": \"quantity\"}},"
        " \"claims\": ["
        "{\"id\": \"ok\", \"subject\": \"s\", \"property\": \"n\", \"value\": 38, \"source\": \"a\","
        " \"quote\": \"\\\"thirty-eight\\\" people died\"},"
        "{\"id\": \"bad\", \"subject\": \"s\", \"property\": \"n\", \"value\": 39, \"source\": \"a\","
        " \"quote\": \"thirty-nine\"}]}");
    ck_assert_int_eq(ct_corpus_new(&f.corpus), 0);
    const char *paths[] = {f.dir};
    ct_corpus_options opts = CT_CORPUS_OPTIONS_INIT;
    opts.archive_root = f.dir;
    ck_assert_int_eq(ct_corpus_load(f.corpus, paths, 1, &opts, &f.diags), CT_EINVALID);
    ck_assert_uint_eq(f.diags.count, 1);
    ck_assert(strstr(f.diags.items[0].message, "claim bad: quote not found") != NULL);
    fixture_dispose(&f);
}
END_TEST

Suite *suite_corpus(void)
{
    Suite *s = suite_create("corpus");
    TCase *tc = tcase_create("corpus");
    tcase_add_test(tc, test_corpus_syntax_error_has_line_and_column);
    tcase_add_test(tc, test_corpus_model_errors_are_located);
    tcase_add_test(tc, test_corpus_aliases_resolve_to_canonical_subject);
    tcase_add_test(tc, test_corpus_jsonl_errors_name_the_line);
    tcase_add_test(tc, test_text_fold_normalises_quotes_dashes_space);
    tcase_add_test(tc, test_corpus_quote_grounding);
    suite_add_tcase(s, tc);
    return s;
}
