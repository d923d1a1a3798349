/*
 * check_namemap.c - the name -> index hash map and the lookups built on it:
 * claim id lines, subject aliases and `broader` chains.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claimtrack/common.h"
#include "corpus/corpus_int.h"
#include "util/namemap.h"
#include "util/util.h"

START_TEST(test_namemap_add_get_put)
{
    ct_namemap m = CT_NAMEMAP_INIT;
    ck_assert_int_eq(ct_namemap__get(&m, "a"), -1); /* empty map */
    ck_assert_ptr_null(ct_namemap__find(&m, "a"));
    ck_assert_int_eq(ct_namemap__add(&m, "alpha", 1, NULL), 0);
    size_t old = 99;
    ck_assert_int_eq(ct_namemap__add(&m, "alpha", 2, &old), 1); /* present: unchanged */
    ck_assert_uint_eq(old, 1);
    ck_assert_int_eq(ct_namemap__get(&m, "alpha"), 1);
    char copy[] = "alpha"; /* keys compare by content, not by pointer */
    ck_assert_int_eq(ct_namemap__get(&m, copy), 1);
    ck_assert_int_eq(ct_namemap__put(&m, "alpha", 7), 0);
    ck_assert_int_eq(ct_namemap__get(&m, "alpha"), 7);
    *ct_namemap__find(&m, "alpha") = 8;
    ck_assert_int_eq(ct_namemap__get(&m, "alpha"), 8);
    /* prefixes and extensions are other names */
    ck_assert_int_eq(ct_namemap__get(&m, "alph"), -1);
    ck_assert_int_eq(ct_namemap__get(&m, "alphab"), -1);
    ck_assert_int_eq(ct_namemap__get(&m, ""), -1);
    ck_assert_int_eq(ct_namemap__add(&m, "", 3, NULL), 0);
    ck_assert_int_eq(ct_namemap__get(&m, ""), 3);
    ck_assert_uint_eq(m.used, 2);
    ct_namemap__dispose(&m);
    ck_assert_int_eq(ct_namemap__get(&m, "alpha"), -1);
}
END_TEST

/* Keys whose hashes share a home slot probe past each other. */
START_TEST(test_namemap_collisions)
{
    static char keys[400][16];
    size_t n = 0;
    unsigned long long home = 0;
    for (int i = 0; i < 400 && n < 6; i++) {
        char k[16];
        snprintf(k, sizeof k, "k%d", i);
        unsigned long long h = ct_util__hash64(k, strlen(k), CT_HASH64_INIT) & 15;
        if (n == 0)
            home = h;
        if (h == home)
            memcpy(keys[n++], k, sizeof k);
    }
    ck_assert_uint_eq(n, 6);
    ct_namemap m = CT_NAMEMAP_INIT;
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(ct_namemap__add(&m, keys[i], i, NULL), 0);
    ck_assert_uint_eq(m.size, 16); /* still the first table: they all collided in it */
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(ct_namemap__get(&m, keys[i]), (long)i);
    ck_assert_int_eq(ct_namemap__get(&m, "not-there"), -1);
    ct_namemap__dispose(&m);
}
END_TEST

START_TEST(test_namemap_grows)
{
    enum { N = 20000 };
    char(*keys)[16] = malloc(N * sizeof *keys);
    ck_assert_ptr_nonnull(keys);
    ct_namemap m = CT_NAMEMAP_INIT;
    for (size_t i = 0; i < N; i++) {
        snprintf(keys[i], sizeof keys[i], "term-%zu", i);
        ck_assert_int_eq(ct_namemap__add(&m, keys[i], i * 3, NULL), 0);
        ck_assert_uint_le(m.used * 2, m.size); /* at most half full */
    }
    for (size_t i = 0; i < N; i++)
        ck_assert_int_eq(ct_namemap__get(&m, keys[i]), (long)(i * 3));
    size_t size = m.size;
    ck_assert_int_eq(ct_namemap__reserve(&m, N), 0); /* room already */
    ck_assert_uint_eq(m.size, size);
    ct_namemap__dispose(&m);
    ct_namemap r = CT_NAMEMAP_INIT;
    ck_assert_int_eq(ct_namemap__reserve(&r, 1000), 0);
    size = r.size;
    for (size_t i = 0; i < 1000; i++)
        ck_assert_int_eq(ct_namemap__add(&r, keys[i], i, NULL), 0);
    ck_assert_uint_eq(r.size, size); /* reserved: no growth */
    ct_namemap__dispose(&r);
    free(keys);
}
END_TEST

/* A repeated id takes its lines in file order, then 0. */
START_TEST(test_id_lines_take_in_order)
{
    ct_corpus *c;
    ck_assert_int_eq(ct_corpus_new(&c), 0);
    const char *text = "{\"claims\": [\n{\"id\": \"a\"},\n{\"id\": \"b\"},\n{\"id\":\"a\"},\n"
                       "{\"id\" : \"c\"}, {\"id\": \"a\"}]}\n";
    ct_id_lines m = {0};
    ck_assert_int_eq(ct_corpus__id_lines_scan(c, text, strlen(text), &m), 0);
    ck_assert_uint_eq(m.count, 5);
    ck_assert_int_eq(ct_corpus__id_lines_take(&m, "b"), 3);
    ck_assert_int_eq(ct_corpus__id_lines_take(&m, "a"), 2);
    ck_assert_int_eq(ct_corpus__id_lines_take(&m, "a"), 4);
    ck_assert_int_eq(ct_corpus__id_lines_take(&m, "c"), 5);
    ck_assert_int_eq(ct_corpus__id_lines_take(&m, "a"), 5);
    ck_assert_int_eq(ct_corpus__id_lines_take(&m, "a"), 0); /* all taken */
    ck_assert_int_eq(ct_corpus__id_lines_take(&m, "b"), 0);
    ck_assert_int_eq(ct_corpus__id_lines_take(&m, "zz"), 0);
    ct_corpus__id_lines_dispose(&m);
    ct_id_lines none = {0};
    ck_assert_int_eq(ct_corpus__id_lines_scan(c, "{}", 2, &none), 0);
    ck_assert_int_eq(ct_corpus__id_lines_take(&none, "a"), 0);
    ct_corpus__id_lines_dispose(&none);
    ct_corpus_free(c);
}
END_TEST

static int has_diag(const ct_diag_list *l, const char *needle)
{
    for (size_t i = 0; i < l->count; i++)
        if (strstr(l->items[i].message, needle))
            return 1;
    return 0;
}

/* fixture_load for documents too big for its buffer. */
static void load_big(fixture *f, const char *properties, const char *claims)
{
    size_t n = strlen(properties) + strlen(claims) + 100;
    char *doc = malloc(n);
    ck_assert_ptr_nonnull(doc);
    snprintf(doc, n, "{\"topic\": \"t\", \"title\": \"T\", \"properties\": %s, \"claims\": %s}",
             properties, claims);
    fixture_write(f, "sources.json",
                  "{\"sources\": {\"a\": {\"title\": \"A\"}, \"b\": {\"title\": \"B\"}}}");
    fixture_write(f, "topic.json", doc);
    free(doc);
    ck_assert_int_eq(ct_corpus_new(&f->corpus), 0);
    const char *paths[] = {f->dir};
    f->rc = ct_corpus_load(f->corpus, paths, 1, NULL, &f->diags);
    if (f->rc == 0)
        ck_assert_int_eq(ct_conflict_find(&f->set, f->corpus), 0);
}

/* A long chain into a loop: the first term whose chain loops is named. */
START_TEST(test_broader_cycle_found_through_long_chain)
{
    enum { N = 3000 };
    size_t cap = (size_t)N * 64 + 256;
    char *props = malloc(cap);
    ck_assert_ptr_nonnull(props);
    size_t k = (size_t)snprintf(props, cap, "{\"who\": {\"type\": \"term\", \"terms\": {");
    /* t0 <- t1 <- ... <- t(N-1): a chain; then x -> y -> z -> y loops */
    k += (size_t)snprintf(props + k, cap - k, "\"t0\": {}, ");
    for (int i = 1; i < N; i++)
        k += (size_t)snprintf(props + k, cap - k, "\"t%d\": {\"broader\": \"t%d\"}, ", i, i - 1);
    snprintf(
        props + k, cap - k,
        "\"x\": {\"broader\": \"y\"}, \"y\": {\"broader\": \"z\"}, \"z\": {\"broader\": \"y\"}}}}");
    fixture f = {0};
    load_big(&f, props, "[]");
    ck_assert_int_eq(f.rc, CT_EINVALID);
    ck_assert(has_diag(&f.diags, "form a cycle through \"x\""));
    fixture_dispose(&f);
    /* the same chain without the loop is valid, and its ends are related */
    snprintf(props + k, cap - k, "\"x\": {\"broader\": \"t%d\"}}}}", N - 1);
    fixture g = {0};
    load_big(&g, props,
             "[{\"id\": \"c1\", \"subject\": \"s\", \"property\": \"who\", \"value\": \"x\","
             " \"source\": \"a\", \"quote\": \"q\"},"
             " {\"id\": \"c2\", \"subject\": \"s\", \"property\": \"who\", \"value\": \"t0\","
             " \"source\": \"b\", \"quote\": \"q\"}]");
    ck_assert_int_eq(g.rc, 0);
    size_t nt;
    const ct_topic *t = ct_corpus_topics(g.corpus, &nt);
    const ct_property *p = &t[0].properties[0];
    ck_assert_uint_eq(p->n_terms, N + 1);
    ck_assert(ct_term_related(p, (long)N, 0));
    ck_assert_uint_eq(g.set->n_conflicts, 0); /* x is narrower than t0: no conflict */
    fixture_dispose(&g);
    free(props);
}
END_TEST

START_TEST(test_subject_aliases_resolve)
{
    fixture f = {0};
    fixture_write(&f, "sources.json", "{\"sources\": {\"a\": {\"title\": \"A\"}}}");
    fixture_write(
        &f, "t.json",
        "{\"topic\": \"t\", \"title\": \"T\", \"properties\": {\"n\": {\"type\": \"quantity\"}},"
        " \"subjects\": {\"Paris\": [\"paris\", \"Lutetia\"], \"Rome\": [\"Lutetia\"]},"
        " \"claims\": [{\"id\": \"c1\", \"subject\": \"Lutetia\", \"property\": \"n\","
        " \"value\": 1, \"source\": \"a\", \"quote\": \"q\"},"
        " {\"id\": \"c2\", \"subject\": \"Berlin\", \"property\": \"n\","
        " \"value\": 1, \"source\": \"a\", \"quote\": \"q\"}]}");
    ck_assert_int_eq(ct_corpus_new(&f.corpus), 0);
    const char *paths[] = {f.dir};
    ck_assert_int_eq(ct_corpus_load(f.corpus, paths, 1, NULL, &f.diags), CT_EINVALID);
    ck_assert(has_diag(&f.diags, "\"Lutetia\" already names subject \"Paris\""));
    ck_assert(has_diag(&f.diags, "unknown subject \"Berlin\""));
    size_t n;
    const ct_claim *cl = ct_corpus_claims(f.corpus, &n);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(cl[0].subject, "Paris");
    ck_assert_int_eq(cl[0].line, 1);
    fixture_dispose(&f);
}
END_TEST

/* Only an escape can put a control character into a parsed string. */
START_TEST(test_may_hold_control)
{
#define MAY(s) ct_corpus__may_hold_control(s, strlen(s))
    ck_assert_int_eq(MAY("{\"a\": \"plain text\"}"), 0);
    ck_assert_int_eq(MAY("{\"a\": \"tab\\tnl\\ncr\\r \\\" \\/\"}"), 0);
    ck_assert_int_eq(MAY("\"\\u00e9 \\u0020 \\u2028 \\ud83d\\ude00\""), 0);
    ck_assert_int_eq(MAY("\"C:\\\\users\\\\u0001\""), 0); /* escaped backslashes, then text */
    ck_assert_int_eq(MAY("\"\\b\""), 1);
    ck_assert_int_eq(MAY("\"\\f\""), 1);
    ck_assert_int_eq(MAY("\"\\u0000\""), 1);
    ck_assert_int_eq(MAY("\"\\u001F\""), 1);
    ck_assert_int_eq(MAY("\"\\\\\\u0001\""), 1); /* an escaped backslash, then an escape */
    ck_assert_int_eq(MAY("\\"), 0);              /* a lone backslash at the end */
    ck_assert_int_eq(MAY("\\u00"), 0);           /* cut short */
#undef MAY
}
END_TEST

/* Standard input comes as a buffer from the caller; the library reads no stream. */
START_TEST(test_stdin_from_buffer)
{
    const char *paths[] = {"-"};
    const char *text = "{\"sources\": {\"a\": {\"title\": \"A\"}}}";
    ct_corpus_input in = {.name = "-", .text = text, .len = strlen(text)};
    ct_corpus_options o = CT_CORPUS_OPTIONS_INIT;
    o.inputs = &in;
    o.n_inputs = 1;
    ct_corpus *c;
    ct_diag_list d = CT_DIAG_LIST_INIT;
    ck_assert_int_eq(ct_corpus_new(&c), 0);
    ck_assert_int_eq(ct_corpus_load(c, paths, 1, &o, &d), 0);
    ck_assert_ptr_nonnull(ct_corpus_source_find(c, "a"));
    ct_corpus_free(c);
    ct_diag_list_dispose(&d);
    ct_corpus_input failed = {.name = "-", .status = CT_ETOOBIG};
    ct_corpus_options big = CT_CORPUS_OPTIONS_INIT;
    big.max_input_size = 10;
    big.inputs = &failed;
    big.n_inputs = 1;
    ck_assert_int_eq(ct_corpus_new(&c), 0);
    ct_diag_list e = CT_DIAG_LIST_INIT;
    ck_assert_int_eq(ct_corpus_load(c, paths, 1, &big, &e), CT_EIO);
    ck_assert(has_diag(&e, "input larger than 10 bytes"));
    ct_corpus_free(c);
    ct_diag_list_dispose(&e);
}
END_TEST

/* Any path can be an input in memory: its suffix picks the format, and the
 * file system is never asked for it (these paths do not exist). */
START_TEST(test_named_inputs_in_memory)
{
    const char *sources = "{\"sources\": {\"s\": {\"title\": \"S\"}}}";
    const char *claims = "{\"id\": \"c1\", \"topic\": \"t\", \"subject\": \"x\", "
                         "\"property\": \"n\", \"value\": 3, \"source\": \"s\", "
                         "\"quote\": \"three\"}\n";
    const char *topic = "{\"topic\": \"t\", \"title\": \"T\", \"properties\": "
                        "{\"n\": {\"type\": \"quantity\"}}, \"claims\": []}";
    ct_corpus_input in[] = {
        {.name = "/nonexistent/m/sources.json", .text = sources, .len = strlen(sources)},
        {.name = "/nonexistent/m/t.json", .text = topic, .len = strlen(topic)},
        {.name = "/nonexistent/m/more.jsonl", .text = claims, .len = strlen(claims)},
    };
    const char *paths[] = {in[0].name, in[1].name, in[2].name};
    ct_corpus_options o = CT_CORPUS_OPTIONS_INIT;
    o.inputs = in;
    o.n_inputs = 3;
    ct_corpus *c;
    ct_diag_list d = CT_DIAG_LIST_INIT;
    ck_assert_int_eq(ct_corpus_new(&c), 0);
    int rc = ct_corpus_load(c, paths, 3, &o, &d);
    if (rc != 0)
        ct_diag_print(&d, stderr);
    ck_assert_int_eq(rc, 0);
    size_t n;
    const ct_claim *cl = ct_corpus_claims(c, &n);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(cl[0].id, "c1");
    ck_assert_str_eq(cl[0].file, "/nonexistent/m/more.jsonl");
    ct_corpus_free(c);
    ct_diag_list_dispose(&d);
}
END_TEST

Suite *suite_namemap(void)
{
    Suite *s = suite_create("namemap");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_namemap_add_get_put);
    tcase_add_test(tc, test_namemap_collisions);
    tcase_add_test(tc, test_namemap_grows);
    tcase_add_test(tc, test_id_lines_take_in_order);
    tcase_add_test(tc, test_broader_cycle_found_through_long_chain);
    tcase_add_test(tc, test_subject_aliases_resolve);
    tcase_add_test(tc, test_may_hold_control);
    tcase_add_test(tc, test_stdin_from_buffer);
    tcase_add_test(tc, test_named_inputs_in_memory);
    suite_add_tcase(s, tc);
    return s;
}
