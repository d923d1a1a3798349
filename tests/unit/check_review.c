/*
 * check_review.c - the reviews file: states, policies, parsing, saving,
 * pruning (the order of resolved positions is the report model's:
 * check_report.c).
 */
#include "unit.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "claimtrack/common.h"
#include "claimtrack/review.h"

/* Two sources disagree on "n"; "c" sides with "a". */
static const char *const props = "{\"n\": {\"type\": \"quantity\"}}";
static const char *const claims =
    "[{\"id\": \"a1\", \"subject\": \"s\", \"property\": \"n\", \"value\": 38, \"source\": \"a\","
    " \"quote\": \"q\"},"
    " {\"id\": \"b1\", \"subject\": \"s\", \"property\": \"n\", \"value\": 40, \"source\": \"b\","
    " \"quote\": \"q\"},"
    " {\"id\": \"c1\", \"subject\": \"s\", \"property\": \"n\", \"value\": 38, \"source\": \"c\","
    " \"quote\": \"q\"}]";

/* The fields every review needs besides digest and status. */
#define REST ", \"note\": \"n\", \"reviewer\": \"r\", \"date\": \"2026-01-01\""

static const ct_conflict *one_conflict(fixture *f)
{
    fixture_load(f, props, claims);
    ck_assert_int_eq(f->rc, 0);
    ck_assert_uint_eq(f->set->n_conflicts, 1);
    return &f->set->conflicts[0];
}

static ct_review_set *parse(const char *text, ct_diag_list *diags, int want_rc)
{
    ct_review_set *s = NULL;
    ck_assert_int_eq(ct_review_set_parse(&s, "reviews.json", text, strlen(text), diags), want_rc);
    return s;
}

/* A reviews document with one entry for `id` with `digest` and `status`. */
static ct_review_set *one_review(const char *id, const char *digest, const char *status)
{
    char text[512];
    snprintf(text, sizeof text,
             "{\"reviews\": {\"%s\": {\"digest\": \"%s\", \"status\": \"%s\"%s" REST "}}}", id,
             digest, status, strcmp(status, "resolved") == 0 ? ", \"prefer\": [\"a1\"]" : "");
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    ct_review_set *s = parse(text, &diags, 0);
    ck_assert_uint_eq(diags.count, 0);
    ct_diag_list_dispose(&diags);
    return s;
}

START_TEST(test_review_upgrade_from_old_ids)
{
    fixture f = {0};
    const ct_conflict *c = one_conflict(&f);
    ck_assert_int_eq((int)strlen(c->legacy_id), 11);
    /* an old review whose old digest still matches: kept, under the new id */
    ct_review_set *s = one_review(c->legacy_id, c->legacy_digest, "confirmed");
    ck_assert_int_eq(ct_review_state_of(s, c, NULL), CT_REVIEW_UNREVIEWED);
    ck_assert_int_eq(ct_review_set_upgrade(s, f.set), 1);
    const json_t *entry = NULL;
    ck_assert_int_eq(ct_review_state_of(s, c, &entry), CT_REVIEW_CONFIRMED);
    ck_assert_str_eq(json_string_value(json_object_get(entry, "upgraded_from")), c->legacy_id);
    ck_assert_str_eq(json_string_value(json_object_get(entry, "digest")), c->digest);
    ck_assert_int_eq(ct_review_set_upgrade(s, f.set), 0); /* nothing left to carry */
    ct_review_set_free(s);
    /* claims changed since: carried over, but stale */
    s = one_review(c->legacy_id, "0123456789abcdef", "dismissed");
    ck_assert_int_eq(ct_review_set_upgrade(s, f.set), 1);
    ck_assert_int_eq(ct_review_state_of(s, c, NULL), CT_REVIEW_STALE);
    ct_review_set_free(s);
    /* an old id no conflict had: stays, an orphan */
    s = one_review("CT-0badc0de", "0123456789abcdef", "confirmed");
    ck_assert_int_eq(ct_review_set_upgrade(s, f.set), 0);
    json_t *orphans = ct_review_orphans(s, f.set);
    ck_assert_uint_eq(json_array_size(orphans), 1);
    json_decref(orphans);
    ct_review_set_free(s);
    /* both forms for one conflict: the review under the new id wins */
    char text[1024];
    snprintf(text, sizeof text,
             "{\"reviews\": {\"%s\": {\"digest\": \"%s\", \"status\": \"dismissed\"" REST "},"
             " \"%s\": {\"digest\": \"%s\", \"status\": \"confirmed\"" REST "}}}",
             c->legacy_id, c->legacy_digest, c->id, c->digest);
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    s = parse(text, &diags, 0);
    ck_assert_uint_eq(diags.count, 0);
    ck_assert_int_eq(ct_review_set_upgrade(s, f.set), 1);
    ck_assert_int_eq(ct_review_state_of(s, c, NULL), CT_REVIEW_CONFIRMED);
    orphans = ct_review_orphans(s, f.set);
    ck_assert_uint_eq(json_array_size(orphans), 0);
    json_decref(orphans);
    ct_review_set_free(s);
    ct_diag_list_dispose(&diags);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_review_states)
{
    fixture f = {0};
    const ct_conflict *c = one_conflict(&f);
    ck_assert_int_eq(ct_review_state_of(NULL, c, NULL), CT_REVIEW_UNREVIEWED);
    static const struct {
        const char *status;
        ct_review_state want;
    } cases[] = {{"confirmed", CT_REVIEW_CONFIRMED},
                 {"dismissed", CT_REVIEW_DISMISSED},
                 {"resolved", CT_REVIEW_RESOLVED}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ct_review_set *s = one_review(c->id, c->digest, cases[i].status);
        const json_t *entry = NULL;
        ck_assert_int_eq(ct_review_state_of(s, c, &entry), cases[i].want);
        ck_assert_ptr_nonnull(entry);
        ct_review_set_free(s);
        /* the same review of other claims (another digest) is stale */
        s = one_review(c->id, "0000000000000000", cases[i].status);
        ck_assert_int_eq(ct_review_state_of(s, c, NULL), CT_REVIEW_STALE);
        ct_review_set_free(s);
    }
    ct_review_set *s = one_review("CT-00000000", c->digest, "confirmed");
    ck_assert_int_eq(ct_review_state_of(s, c, NULL), CT_REVIEW_UNREVIEWED);
    ct_review_set_free(s);
    ck_assert_str_eq(ct_review_state_name(CT_REVIEW_STALE), "stale");
    ck_assert_str_eq(ct_review_state_name(CT_REVIEW_RESOLVED), "resolved");
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_fail_on_policies)
{
    ct_fail_on p;
    ck_assert_int_eq(ct_fail_on_from_name(&p, "sometimes"), CT_ENOTFOUND);
    /* rows: unreviewed, stale, conflict, none; columns: the five states */
    static const char *const names[] = {"unreviewed", "stale", "conflict", "none"};
    static const int blocks[4][5] = {
        {1, 1, 0, 0, 0}, {0, 1, 0, 0, 0}, {1, 1, 1, 0, 1}, {0, 0, 0, 0, 0}};
    for (int i = 0; i < 4; i++) {
        ck_assert_int_eq(ct_fail_on_from_name(&p, names[i]), 0);
        for (int st = 0; st < 5; st++)
            ck_assert_msg(ct_review_blocks(p, (ct_review_state)st) == blocks[i][st],
                          "--fail-on %s, state %s", names[i],
                          ct_review_state_name((ct_review_state)st));
    }
}
END_TEST

START_TEST(test_review_parse_errors)
{
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    ck_assert_ptr_null(parse("{\"reviews\": {", &diags, CT_EPARSE));
    ck_assert_uint_eq(diags.count, 1);
    ck_assert_int_eq(diags.items[0].line, 1);
    ct_diag_list_dispose(&diags);

    ct_review_set *s = NULL;
    ck_assert_int_eq(ct_review_set_parse(&s, "r.json", "{}\0{}", 5, &diags), CT_EPARSE);
    ck_assert_str_eq(diags.items[0].message, "unexpected NUL byte");
    ct_diag_list_dispose(&diags);

    ck_assert_ptr_null(parse("{\"reviews\": {\"a\": 1}, \"reviews\": {}}", &diags, CT_EPARSE));
    ct_diag_list_dispose(&diags);

    ck_assert_ptr_null(
        parse("{\"reviews\": {\"CT-1\": {\"status\": \"maybe\"}}}", &diags, CT_EINVALID));
    ck_assert_uint_ge(diags.count, 1);
    ck_assert_ptr_nonnull(strstr(diags.items[0].pointer, "/reviews/CT-1"));
    ct_diag_list_dispose(&diags);
}
END_TEST

START_TEST(test_review_load_missing_and_unreadable)
{
    fixture f = {0};
    fixture_write(&f, "x", "");
    char path[256];
    snprintf(path, sizeof path, "%s/none.json", f.dir);
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    ct_review_set *s = NULL;
    ck_assert_int_eq(ct_review_set_load(&s, path, &diags), 0); /* absent: no reviews yet */
    ck_assert_uint_eq(diags.count, 0);
    json_t *removed = json_array();
    ct_conflict_set none = {0};
    ck_assert_int_eq(ct_review_set_prune(s, &none, removed), 0);
    ct_review_set_free(s);
    /* a folder where the file should be cannot be read */
    ck_assert_int_lt(ct_review_set_load(&s, f.dir, &diags), 0);
    ck_assert_uint_eq(diags.count, 1);
    ck_assert_ptr_nonnull(strstr(diags.items[0].message, "cannot read"));
    ct_diag_list_dispose(&diags);
    json_decref(removed);
    fixture_dispose(&f);
}
END_TEST

static int count_temporaries(const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += ct_review_is_own_temporary(e->d_name, "reviews.json");
    closedir(d);
    return n;
}

static void record_step(const char *step, void *payload)
{
    char *steps = payload;
    strcat(steps, step);
    strcat(steps, ";");
}

START_TEST(test_review_put_save_reload)
{
    fixture f = {0};
    const ct_conflict *c = one_conflict(&f);
    char path[256];
    snprintf(path, sizeof path, "%s/reviews.json", f.dir);
    /* an unknown field and a stale temporary file left by a killed writer */
    fixture_write(&f, "reviews.json", "{\"reviews\": {}, \"x-team\": {\"desk\": \"foreign\"}}");
    fixture_write(&f, "reviews.json.tmpQ1w2E3", "{\"half");
    /* and two files of the user's that only look like temporaries */
    fixture_write(&f, "reviews.json.tmpl", "keep");
    fixture_write(&f, "reviews.json.tmp-backup", "keep");
    ck_assert(ct_review_is_own_temporary("reviews.json.tmpQ1w2E3", "reviews.json"));
    ck_assert(!ct_review_is_own_temporary("reviews.json.tmpl", "reviews.json"));
    ck_assert(!ct_review_is_own_temporary("reviews.json.tmp-backup", "reviews.json"));
    ck_assert(!ct_review_is_own_temporary("reviews.json.tmpQ1w2E3x", "reviews.json"));
    ck_assert(!ct_review_is_own_temporary("other.json.tmpQ1w2E3", "reviews.json"));
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    ct_review_set *s = NULL;
    ck_assert_int_eq(ct_review_set_load(&s, path, &diags), 0);

    const char *prefer[] = {"a1"};
    ct_review_input in = {"resolved", prefer,       1,    "the count in the report",
                          "ed",       "2026-01-02", NULL, NULL};
    ck_assert_int_eq(ct_review_set_put(s, c, "t", "n", &in), 0);
    ck_assert_int_eq(ct_review_state_of(s, c, NULL), CT_REVIEW_RESOLVED);
    int fd = ct_review_lock(path);
    ck_assert_int_ge(fd, 0);
    char steps[128] = "";
    ck_assert_int_eq(ct_review_set_save(s, path, record_step, steps), 0);
    ct_review_unlock(fd);
    ck_assert_str_eq(steps, "opened;half-written;written;");
    ck_assert_int_eq(count_temporaries(f.dir), 0);
    char kept[300];
    snprintf(kept, sizeof kept, "%s/reviews.json.tmpl", f.dir);
    ck_assert_int_eq(access(kept, F_OK), 0);
    snprintf(kept, sizeof kept, "%s/reviews.json.tmp-backup", f.dir);
    ck_assert_int_eq(access(kept, F_OK), 0);
    ct_review_set_free(s);

    ck_assert_int_eq(ct_review_set_load(&s, path, &diags), 0);
    ck_assert_uint_eq(diags.count, 0);
    const json_t *entry;
    ck_assert_int_eq(ct_review_state_of(s, c, &entry), CT_REVIEW_RESOLVED);
    ck_assert_str_eq(json_string_value(json_object_get(entry, "note")), "the count in the report");
    ck_assert_str_eq(json_string_value(json_object_get(entry, "subject")), "s");
    ck_assert_str_eq(json_string_value(json_array_get(json_object_get(entry, "prefer"), 0)), "a1");

    /* re-reviewing as confirmed drops "prefer" and keeps other entries' fields */
    ct_review_input again = {"confirmed", NULL, 0, "n2", "ed", "2026-01-03", NULL, NULL};
    ck_assert_int_eq(ct_review_set_put(s, c, "t", "n", &again), 0);
    ck_assert_ptr_null(json_object_get(entry, "prefer"));
    ck_assert_int_eq(ct_review_set_save(s, path, NULL, NULL), 0);
    ct_review_set_free(s);

    char *text;
    size_t len;
    FILE *fp = fopen(path, "r");
    ck_assert_ptr_nonnull(fp);
    text = calloc(1, 4096);
    len = fread(text, 1, 4095, fp);
    fclose(fp);
    ck_assert_uint_gt(len, 0);
    ck_assert_ptr_nonnull(strstr(text, "\"x-team\"")); /* unknown field kept */
    ck_assert_int_eq(text[len - 1], '\n');
    const char *date = strstr(text, "\"date\""), *status = strstr(text, "\"status\"");
    ck_assert(date && status && date < status); /* sorted keys */
    free(text);
    ct_diag_list_dispose(&diags);
    fixture_dispose(&f);
}
END_TEST

START_TEST(test_review_orphans_and_prune)
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
    ct_review_set *s = parse(text, &diags, 0);
    json_t *orphans = ct_review_orphans(s, f.set);
    ck_assert_uint_eq(json_array_size(orphans), 1);
    ck_assert_str_eq(json_string_value(json_array_get(orphans, 0)), "CT-0badc0de");
    json_decref(orphans);
    json_t *removed = json_array();
    ck_assert_int_eq(ct_review_set_prune(s, f.set, removed), 1);
    ck_assert_uint_eq(json_array_size(removed), 1);
    ck_assert_int_eq(ct_review_set_prune(s, f.set, removed), 0); /* nothing left to prune */
    ck_assert_int_eq(ct_review_state_of(s, c, NULL), CT_REVIEW_CONFIRMED);
    json_decref(removed);
    ct_review_set_free(s);
    ct_diag_list_dispose(&diags);
    fixture_dispose(&f);
}
END_TEST

Suite *suite_review(void)
{
    Suite *s = suite_create("review");
    TCase *tc = tcase_create("review");
    tcase_add_test(tc, test_review_states);
    tcase_add_test(tc, test_review_upgrade_from_old_ids);
    tcase_add_test(tc, test_fail_on_policies);
    tcase_add_test(tc, test_review_parse_errors);
    tcase_add_test(tc, test_review_load_missing_and_unreadable);
    tcase_add_test(tc, test_review_put_save_reload);
    tcase_add_test(tc, test_review_orphans_and_prune);
    suite_add_tcase(s, tc);
    return s;
}
