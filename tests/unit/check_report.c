/*
 * check_report.c - the report model: review states and blocking under each
 * policy, the position order under a resolved review (the conflict set left
 * as it was), summary counts, orphaned reviews, every format's writer on a
 * small model, and the format table against the bash completion and the man
 * page.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claimtrack/common.h"
#include "claimtrack/report.h"
#include "claimtrack/review.h"
#include "report/model.h"
#include "report/report_int.h"

/* Three sources disagree on "n": 38 (a1, c1), 40 (b1) and 50 (d1). */
static const char *const props = "{\"n\": {\"type\": \"quantity\"}}";
static const char *const claims =
    "[{\"id\": \"a1\", \"subject\": \"s\", \"property\": \"n\", \"value\": 38, \"source\": \"a\","
    " \"quote\": \"q <a>\"},"
    " {\"id\": \"b1\", \"subject\": \"s\", \"property\": \"n\", \"value\": 40, \"source\": \"b\","
    " \"quote\": \"q\", \"hedge\": \"reported\"},"
    " {\"id\": \"c1\", \"subject\": \"s\", \"property\": \"n\", \"value\": 38, \"source\": \"c\","
    " \"quote\": \"q\"},"
    " {\"id\": \"d1\", \"subject\": \"s\", \"property\": \"n\", \"value\": {\"min\": 39}, \"source\": \"d\","
    " \"quote\": \"q\", \"claimant\": \"Ministry\"}]";

#define REST ", \"note\": \"n\", \"reviewer\": \"r\", \"date\": \"2026-01-01\""

static const ct_conflict *one_conflict(fixture *f)
{
    fixture_load(f, props, claims);
    ck_assert_int_eq(f->rc, 0);
    ck_assert_uint_eq(f->set->n_conflicts, 1);
    return &f->set->conflicts[0];
}

/* A review set of one entry for `c`: `status`, its digest or `digest`, and
 * `extra` JSON members. */
static ct_review_set *review(const ct_conflict *c, const char *status, const char *digest,
                             const char *extra)
{
    char text[1024];
    snprintf(text, sizeof text,
             "{\"reviews\": {\"%s\": {\"digest\": \"%s\", \"status\": \"%s\"%s" REST "}}}", c->id,
             digest ? digest : c->digest, status, extra);
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    ct_review_set *s = NULL;
    ck_assert_int_eq(ct_review_set_parse(&s, "reviews.json", text, strlen(text), &diags), 0);
    ct_diag_list_dispose(&diags);
    return s;
}

static ct_report_model *build(const fixture *f, const ct_review_set *s, ct_fail_on fail_on)
{
    ct_report r = {.corpus = f->corpus, .conflicts = f->set, .reviews = s, .fail_on = fail_on};
    ct_report_model *m = NULL;
    ck_assert_int_eq(ct_report__model_build(&m, &r), 0);
    ck_assert_ptr_nonnull(m);
    ck_assert_uint_eq(m->n_conflicts, 1);
    return m;
}

static const char *first_claim(const ct_report_position *p) { return p->claims[0]->id; }

START_TEST(test_report_states_and_blocking)
{
    fixture f = {0};
    const ct_conflict *c = one_conflict(&f);
    static const struct {
        const char *status, *digest;
        ct_fail_on fail_on;
        ct_review_state state;
        int blocking;
    } cases[] = {
        {NULL, NULL, CT_FAIL_ON_UNREVIEWED, CT_REVIEW_UNREVIEWED, 1},
        {NULL, NULL, CT_FAIL_ON_STALE, CT_REVIEW_UNREVIEWED, 0},
        {NULL, NULL, CT_FAIL_ON_NONE, CT_REVIEW_UNREVIEWED, 0},
        {"confirmed", NULL, CT_FAIL_ON_UNREVIEWED, CT_REVIEW_CONFIRMED, 0},
        {"confirmed", NULL, CT_FAIL_ON_CONFLICT, CT_REVIEW_CONFIRMED, 1},
        {"dismissed", NULL, CT_FAIL_ON_CONFLICT, CT_REVIEW_DISMISSED, 0},
        {"confirmed", "0123456789abcdef", CT_FAIL_ON_UNREVIEWED, CT_REVIEW_STALE, 1},
        {"confirmed", "0123456789abcdef", CT_FAIL_ON_STALE, CT_REVIEW_STALE, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ct_review_set *s = cases[i].status ? review(c, cases[i].status, cases[i].digest, "") : NULL;
        ct_report_model *m = build(&f, s, cases[i].fail_on);
        const ct_report_review *rv = &m->conflicts[0].review;
        ck_assert_int_eq(rv->state, cases[i].state);
        ck_assert_int_eq(rv->blocking, cases[i].blocking);
        ck_assert_uint_eq(m->summary.blocking, (size_t)cases[i].blocking);
        ck_assert_uint_eq(m->summary.review[cases[i].state], 1);
        if (s) {
            ck_assert_str_eq(rv->status, cases[i].status);
            ck_assert_str_eq(rv->note, "n");
            ck_assert_str_eq(rv->reviewer, "r");
            ck_assert_str_eq(rv->date, "2026-01-01");
            ck_assert_str_eq(rv->reviewed_digest, cases[i].digest ? cases[i].digest : c->digest);
        } else {
            ck_assert_ptr_null(rv->status);
            ck_assert_ptr_null(rv->note);
        }
        ck_assert_uint_eq(rv->n_prefer, 0);
        ct_report__model_free(m);
        ct_review_set_free(s);
    }
    fixture_dispose(&f);
}
END_TEST

/* The clashes of `m`'s conflict and of `c`, as pairs of first-claim ids,
 * are the same set. */
static void same_clashes(const ct_report_conflict *rc, const ct_conflict *c, const ct_claim *cl)
{
    ck_assert_uint_eq(rc->n_clashes, c->n_clashes);
    for (size_t i = 0; i < rc->n_clashes; i++) {
        if (i)
            ck_assert(rc->clashes[i - 1].a < rc->clashes[i].a ||
                      (rc->clashes[i - 1].a == rc->clashes[i].a &&
                       rc->clashes[i - 1].b < rc->clashes[i].b));
        ck_assert_uint_lt(rc->clashes[i].a, rc->clashes[i].b);
        const char *a = first_claim(&rc->positions[rc->clashes[i].a]);
        const char *b = first_claim(&rc->positions[rc->clashes[i].b]);
        int found = 0;
        for (size_t k = 0; k < c->n_clashes; k++) {
            const char *x = cl[c->positions[c->clashes[k].a].claims[0]].id;
            const char *y = cl[c->positions[c->clashes[k].b].claims[0]].id;
            found |= (strcmp(a, x) == 0 && strcmp(b, y) == 0) ||
                     (strcmp(a, y) == 0 && strcmp(b, x) == 0);
        }
        ck_assert_msg(found, "clash %s x %s is not a clash of the conflict set", a, b);
    }
}

START_TEST(test_report_resolved_position_first)
{
    fixture f = {0};
    const ct_conflict *c = one_conflict(&f);
    size_t n;
    const ct_claim *cl = ct_corpus_claims(f.corpus, &n);
    ck_assert_uint_eq(c->n_positions, 3);
    const char *before[3];
    for (size_t i = 0; i < 3; i++)
        before[i] = cl[c->positions[i].claims[0]].id;
    ck_assert_str_eq(before[0], "a1");
    /* prefer the last position: it comes first, the others keep their order */
    const char *last = before[2];
    char extra[128];
    snprintf(extra, sizeof extra, ", \"prefer\": [\"zz\", \"%s\"]", last);
    ct_review_set *s = review(c, "resolved", NULL, extra);
    ct_report_model *m = build(&f, s, CT_FAIL_ON_UNREVIEWED);
    const ct_report_conflict *rc = &m->conflicts[0];
    ck_assert_int_eq(rc->review.state, CT_REVIEW_RESOLVED);
    ck_assert_uint_eq(rc->review.n_prefer, 2);
    ck_assert_str_eq(first_claim(&rc->positions[0]), last);
    ck_assert_str_eq(first_claim(&rc->positions[1]), before[0]);
    ck_assert_str_eq(first_claim(&rc->positions[2]), before[1]);
    same_clashes(rc, c, cl);
    /* the conflict set is as it was */
    for (size_t i = 0; i < 3; i++)
        ck_assert_str_eq(cl[c->positions[i].claims[0]].id, before[i]);
    /* the text writer shows the model's order */
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    ct_report r = {
        .corpus = f.corpus, .conflicts = f.set, .reviews = s, .fail_on = CT_FAIL_ON_UNREVIEWED};
    ck_assert_int_eq(ct_report_write_conflict_text(&r, c, out), 0);
    fclose(out);
    char want[128];
    snprintf(want, sizeof want, "  [1] %s  (preferred by the resolution)\n",
             rc->positions[0].display);
    ck_assert_ptr_nonnull(strstr(buf, want));
    free(buf);
    ct_report__model_free(m);
    ct_review_set_free(s);
    /* a stale resolution and a confirmation keep the canonical order */
    static const char *const other[][2] = {{"resolved", "0123456789abcdef"}, {"confirmed", NULL}};
    for (size_t k = 0; k < 2; k++) {
        s = review(c, other[k][0], other[k][1], k == 0 ? extra : "");
        m = build(&f, s, CT_FAIL_ON_UNREVIEWED);
        for (size_t i = 0; i < 3; i++)
            ck_assert_str_eq(first_claim(&m->conflicts[0].positions[i]), before[i]);
        same_clashes(&m->conflicts[0], c, cl);
        ct_report__model_free(m);
        ct_review_set_free(s);
    }
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_report_counts_and_lists)
{
    fixture f = {0};
    const ct_conflict *c = one_conflict(&f);
    ct_report_model *m = build(&f, NULL, CT_FAIL_ON_UNREVIEWED);
    const ct_report_summary *s = &m->summary;
    ck_assert_uint_eq(s->claims, 4);
    ck_assert_uint_eq(s->sources, 4);
    ck_assert_uint_eq(s->topics, 1);
    ck_assert_uint_eq(s->groups, 1);
    ck_assert_uint_eq(s->conflicts, 1);
    ck_assert_uint_eq(s->revisions, 0);
    ck_assert_uint_eq(s->severity[c->severity], 1);
    ck_assert_uint_eq(s->severity[0] + s->severity[1] + s->severity[2], 1);
    ck_assert_uint_eq(s->review[CT_REVIEW_UNREVIEWED], 1);
    ck_assert_uint_eq(s->blocking, 1);
    /* sources by id, topics with their counts */
    ck_assert_uint_eq(m->n_sources, 4);
    for (size_t i = 1; i < m->n_sources; i++)
        ck_assert_int_lt(strcmp(m->sources[i - 1]->id, m->sources[i]->id), 0);
    ck_assert_uint_eq(m->n_topics, 1);
    ck_assert_uint_eq(m->topics[0].n_claims, 4);
    ck_assert_uint_eq(m->topics[0].n_conflicts, 1);
    /* the conflict's claims, property and typed values */
    const ct_report_conflict *rc = &m->conflicts[0];
    ck_assert_str_eq(rc->property->name, "n");
    size_t n_topics;
    ck_assert_ptr_eq(rc->topic, &ct_corpus_topics(f.corpus, &n_topics)[0]);
    ck_assert_uint_eq(rc->positions[0].n_claims, 2);
    ck_assert_str_eq(rc->positions[0].claims[1]->id, "c1");
    ck_assert(json_is_integer(rc->positions[0].value));
    ck_assert_int_eq(json_integer_value(rc->positions[0].value), 38);
    ck_assert_uint_eq(m->n_orphans, 0);
    ct_report__model_free(m);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_report_orphans)
{
    fixture f = {0};
    const ct_conflict *c = one_conflict(&f);
    char text[512];
    snprintf(text, sizeof text,
             "{\"reviews\": {\"%s\": {\"digest\": \"%s\", \"status\": \"confirmed\"" REST "},"
             " \"CT-0badc0de\": {\"digest\": \"0123456789abcdef\", \"status\": \"dismissed\"" REST
             "}}}",
             c->id, c->digest);
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    ct_review_set *s = NULL;
    ck_assert_int_eq(ct_review_set_parse(&s, "reviews.json", text, strlen(text), &diags), 0);
    ct_report_model *m = build(&f, s, CT_FAIL_ON_UNREVIEWED);
    ck_assert_uint_eq(m->n_orphans, 1);
    ck_assert_str_eq(m->orphans[0], "CT-0badc0de");
    ct_report__model_free(m);
    ct_review_set_free(s);
    ct_diag_list_dispose(&diags);
    fixture_dispose(&f);
}
END_TEST

/* `format` written from the fixture's report with `options`, as a new string. */
static char *write_format_with(const fixture *f, const ct_review_set *s, const char *format,
                               unsigned options)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(out);
    ct_report r = {.corpus = f->corpus,
                   .conflicts = f->set,
                   .reviews = s,
                   .fail_on = CT_FAIL_ON_UNREVIEWED,
                   .options = options};
    ck_assert_int_eq(ct_report_write(&r, format, out), 0);
    fclose(out);
    return buf;
}

static char *write_format(const fixture *f, const ct_review_set *s, const char *format)
{
    return write_format_with(f, s, format, 0);
}

START_TEST(test_report_every_writer)
{
    fixture f = {0};
    const ct_conflict *c = one_conflict(&f);
    size_t n = 0;
    for (const char *name; (name = ct_report_format_name(n)); n++) {
        char *out = write_format(&f, NULL, name);
        ck_assert_msg(strstr(out, c->id) != NULL, "%s: no conflict id", name);
        ck_assert_msg(strstr(out, "d1") != NULL, "%s: no claim d1", name);
        /* the claim's quote is escaped in the markup formats */
        if (strcmp(name, "html") == 0 || strcmp(name, "xml") == 0 || strcmp(name, "junit") == 0)
            ck_assert_msg(strstr(out, "q <a>") == NULL && strstr(out, "q &lt;a&gt;") != NULL, "%s",
                          name);
        free(out);
    }
    ck_assert_uint_eq(n, 8);
    /* JSON is the model's serialization */
    char *text = write_format(&f, NULL, "json");
    json_t *doc = json_loads(text, 0, NULL);
    ct_report r = {.corpus = f.corpus, .conflicts = f.set, .fail_on = CT_FAIL_ON_UNREVIEWED};
    json_t *direct = ct_report_to_json(&r);
    ck_assert(json_equal(doc, direct));
    json_t *pos0 = json_array_get(
        json_object_get(json_array_get(json_object_get(doc, "conflicts"), 0), "positions"), 0);
    ck_assert_int_eq(json_integer_value(json_object_get(pos0, "value")), 38);
    ck_assert_int_eq(
        json_integer_value(json_object_get(json_object_get(doc, "summary"), "blocking")), 1);
    json_decref(doc);
    json_decref(direct);
    free(text);
    /* the position's value in XML, compact */
    text = write_format(&f, NULL, "xml");
    ck_assert_ptr_nonnull(strstr(text, "<value>{&quot;min&quot;:39}</value>"));
    free(text);
    /* the text summary and the gate */
    text = write_format(&f, NULL, "text");
    ck_assert_ptr_nonnull(strstr(text, "4 claims from 4 sources in 1 topic: 1 group, 1 conflict"));
    ck_assert_ptr_nonnull(strstr(text, "1 conflict blocks the build:"));
    free(text);
    /* a confirmed conflict fails no JUnit case; it is no SARIF result by
     * default, and a suppressed one with --sarif-include-reviewed */
    ct_review_set *s = review(c, "confirmed", NULL, "");
    text = write_format(&f, s, "junit");
    ck_assert_ptr_null(strstr(text, "<failure"));
    free(text);
    text = write_format(&f, s, "sarif");
    ck_assert_ptr_null(strstr(text, "\"claimtrackConflictId/v1\""));
    ck_assert_ptr_nonnull(strstr(text, "\"results\": []"));
    free(text);
    text = write_format_with(&f, s, "sarif", CT_REPORT_SARIF_INCLUDE_REVIEWED);
    ck_assert_ptr_nonnull(strstr(text, "\"claimtrackConflictId/v1\""));
    ck_assert_ptr_nonnull(strstr(text, "\"kind\": \"external\""));
    ck_assert_ptr_nonnull(strstr(text, "\"status\": \"accepted\""));
    free(text);
    text = write_format(&f, s, "junit"); /* the stock schema: no case properties */
    ck_assert_ptr_null(strstr(text, "<property name=\"review_state\""));
    free(text);
    text = write_format_with(&f, s, "junit", CT_REPORT_JUNIT_EXTENSIONS);
    ck_assert_ptr_nonnull(strstr(text, "<property name=\"review_state\" value=\"confirmed\"/>"));
    free(text);
    ct_review_set_free(s);
    /* unknown formats */
    ck_assert_int_eq(ct_report_write(&r, "pdf", stdout), CT_ENOTFOUND);
    ck_assert(!ct_report_format_known("pdf"));
    fixture_dispose(&f);
}
END_TEST

/* The format table, space-separated. */
static void table_names(char *buf, size_t n)
{
    buf[0] = '\0';
    for (size_t i = 0; ct_report_format_name(i); i++) {
        size_t len = strlen(buf);
        snprintf(buf + len, n - len, "%s%s", i ? " " : "", ct_report_format_name(i));
    }
}

static char *slurp(const char *rel)
{
    char path[512];
    fixture_path(path, sizeof path, rel);
    FILE *fp = fopen(path, "r");
    ck_assert_msg(fp != NULL, "cannot open %s", path);
    char *buf = calloc(1, 1 << 16);
    ck_assert_ptr_nonnull(buf);
    size_t n = fread(buf, 1, (1 << 16) - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

START_TEST(test_report_formats_listed_everywhere)
{
    char names[256];
    table_names(names, sizeof names);
    /* messages: "text, json, ..." */
    char list[256] = "";
    for (size_t i = 0; ct_report_format_name(i); i++) {
        size_t len = strlen(list);
        snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "", ct_report_format_name(i));
    }
    ck_assert_str_eq(ct_report_formats(), list);
    ck_assert_str_eq(ct_report_format_name(0), "text"); /* the default */
    /* bash completion: the --format and --report words come from the table
     * itself (claimtrack --list-formats prints ct_report_format_name in
     * order; tests/usability.sh checks the completion's replies) */
    char *bash = slurp("../../completions/claimtrack.bash");
    const char *p = strstr(bash, "--format | -f)");
    ck_assert_ptr_nonnull(p);
    const char *report = strstr(p, "--report)");
    ck_assert_ptr_nonnull(report);
    const char *lister = strstr(p, "--list-formats");
    ck_assert_ptr_nonnull(lister);
    ck_assert(lister < report);
    ck_assert_ptr_nonnull(strstr(report, "--list-formats"));
    ck_assert_ptr_null(strstr(bash, "markdown")); /* no hand-copied list */
    free(bash);
    char words[256];
    size_t len;
    /* man page: the ".BR" line after "Formats:", quoted text dropped */
    char *man = slurp("../../claimtrack.1");
    p = strstr(man, "\nFormats:\n.BR ");
    ck_assert_ptr_nonnull(p);
    p += strlen("\nFormats:\n.BR ");
    len = 0;
    for (int quoted = 0; *p && *p != '\n'; p++) {
        if (*p == '"')
            quoted = !quoted;
        else if (!quoted && *p != '.' && len + 1 < sizeof words &&
                 !(*p == ' ' && (len == 0 || words[len - 1] == ' ')))
            words[len++] = *p;
    }
    while (len && words[len - 1] == ' ')
        len--;
    words[len] = '\0';
    ck_assert_str_eq(words, names);
    free(man);
}
END_TEST

/* ---- the streamed dump gives exactly json_dumpf's text ----------------- */

static json_t *make_item(void *payload, size_t i)
{
    (void)payload;
    return json_pack("{sIs[s{ss}]sss{}s[]}", "n", (json_int_t)i, "list", "a\nb", "deep", "k",
                     "line\nbreak \"quoted\"", "text", "caf\u00e9", "empty", "none");
}

static char *dump_with(json_t *doc, const ct_json_stream_part *parts, size_t n)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(ct_report__dump_streamed(f, doc, parts, n), 0);
    fclose(f);
    return buf;
}

START_TEST(test_report_position_label_cut_on_a_character)
{
    /* 300 Cyrillic letters (600 bytes) do not fit 512: cut before a whole
     * character, with a visible ellipsis, and still valid UTF-8 */
    char subject[601];
    for (int i = 0; i < 300; i++)
        memcpy(subject + 2 * i, "\xd0\x96", 2);
    subject[600] = '\0';
    ct_conflict c;
    memset(&c, 0, sizeof c);
    c.subject = "other";
    ct_property prop;
    memset(&prop, 0, sizeof prop);
    prop.name = "deaths";
    ct_report_conflict rc;
    memset(&rc, 0, sizeof rc);
    rc.conflict = &c;
    ct_report_position p;
    memset(&p, 0, sizeof p);
    p.subject = subject;
    p.property = &prop;
    for (size_t n = 500; n <= 512; n++) {
        char buf[512];
        const char *label = ct_report__position_label(&rc, &p, buf, n);
        size_t len = strlen(label);
        ck_assert_uint_lt(len, n);
        ck_assert_str_eq(label + len - 3, "\xe2\x80\xa6");
        for (size_t i = 0; i + 3 < len; i += 2)
            ck_assert_mem_eq(label + i, "\xd0\x96", 2);
    }
    char big[1024];
    ck_assert_str_eq(ct_report__position_label(&rc, &p, big, sizeof big) + 600, " · deaths");
}
END_TEST

START_TEST(test_report_streamed_dump)
{
    for (size_t count = 0; count <= 3; count++) {
        /* two big arrays at different depths, one of them maybe empty */
        json_t *doc =
            json_pack("{ss s{s[] s[]} s[i]}", "head", "h", "inner", "items", "more", "tail", 1);
        json_t *items = json_object_get(json_object_get(doc, "inner"), "items");
        json_t *more = json_object_get(json_object_get(doc, "inner"), "more");
        ct_json_stream_part parts[] = {
            {.array = items, .count = count, .make = make_item},
            {.array = more, .count = count ? count - 1 : 0, .make = make_item}};
        char *streamed = dump_with(doc, parts, 2);
        /* the same document built whole */
        json_t *whole =
            json_pack("{ss s{s[] s[]} s[i]}", "head", "h", "inner", "items", "more", "tail", 1);
        json_t *wi = json_object_get(json_object_get(whole, "inner"), "items");
        json_t *wm = json_object_get(json_object_get(whole, "inner"), "more");
        for (size_t i = 0; i < count; i++)
            json_array_append_new(wi, make_item(NULL, i));
        for (size_t i = 0; i + 1 < count; i++)
            json_array_append_new(wm, make_item(NULL, i));
        char *expected = json_dumps(whole, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        ck_assert_ptr_nonnull(expected);
        size_t n = strlen(expected);
        ck_assert_uint_eq(strlen(streamed), n + 1);
        ck_assert_int_eq(memcmp(streamed, expected, n), 0);
        ck_assert_int_eq(streamed[n], '\n');
        free(streamed);
        free(expected);
        json_decref(doc);
        json_decref(whole);
    }
}
END_TEST

Suite *suite_report(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("report");
    tcase_add_test(tc, test_report_states_and_blocking);
    tcase_add_test(tc, test_report_resolved_position_first);
    tcase_add_test(tc, test_report_counts_and_lists);
    tcase_add_test(tc, test_report_orphans);
    tcase_add_test(tc, test_report_every_writer);
    tcase_add_test(tc, test_report_formats_listed_everywhere);
    tcase_add_test(tc, test_report_streamed_dump);
    tcase_add_test(tc, test_report_position_label_cut_on_a_character);
    suite_add_tcase(s, tc);
    return s;
}
