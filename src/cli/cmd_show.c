/*
 * cmd_show.c - `claimtrack show ID`: one conflict in full.
 */
#include "cli.h"
#include "claimtrack/report.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "claimtrack/common.h"

/* Edit distance of two short ids, to suggest the nearest ones. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), row[64];
    if (la >= 63 || lb >= 63)
        return 99;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cur = row[j];
            size_t cost = (a[i - 1] | 32) == (b[j - 1] | 32) ? 0 : 1;
            size_t best = prev + cost;
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            prev = cur;
        }
    }
    return row[lb];
}

/* Edit distance to a conflict's id, or to its old-style id if nearer. */
static size_t id_distance(const char *id, const ct_conflict *c)
{
    size_t d = distance(id, c->id), old = distance(id, c->legacy_id);
    return old < d ? old : d;
}

void ct_cli_suggest_ids(const ct_conflict_set *set, const char *id)
{
    const ct_conflict *some[8];
    size_t n = ct_conflict_set_prefix_matches(set, id, some, 8);
    if (n > 1) {
        fprintf(stderr, "'%s' starts %zu conflict ids; give more of it:\n", id, n);
        for (size_t i = 0; i < n && i < 8; i++)
            fprintf(stderr, "  %s  %s\n", some[i]->id, some[i]->subject);
        if (n > 8)
            fprintf(stderr, "  ... and %zu more\n", n - 8);
        return;
    }
    size_t best = 99;
    for (size_t i = 0; i < set->n_conflicts; i++) {
        size_t d = id_distance(id, &set->conflicts[i]);
        if (d < best)
            best = d;
    }
    if (best > 4 || set->n_conflicts == 0)
        return;
    fprintf(stderr, "Did you mean:");
    for (size_t i = 0; i < set->n_conflicts; i++)
        if (id_distance(id, &set->conflicts[i]) == best)
            fprintf(stderr, " %s", set->conflicts[i].id);
    fputc('\n', stderr);
}

/* The reviews a newer one replaced, oldest first. */
static void print_history(const ct_review_set *reviews, const ct_conflict *c, FILE *fp)
{
    const json_t *entry = NULL;
    ct_review_state_of(reviews, c, &entry);
    json_t *history = json_object_get(entry, "history");
    if (!json_array_size(history))
        return;
    fprintf(fp, "  review history:\n");
    size_t i;
    json_t *h;
    json_array_foreach(history, i, h)
    {
        const char *f[5];
        static const char *const keys[] = {"date", "status", "reviewer", "digest", "note"};
        for (int k = 0; k < 5; k++) {
            f[k] = json_string_value(json_object_get(h, keys[k]));
            f[k] = f[k] ? f[k] : "?";
        }
        fprintf(fp, "    %s %s by %s (digest %.12s): %s\n", f[0], f[1], f[2], f[3], f[4]);
    }
}

int ct_cmd_show(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"color", required_argument, NULL, 'c'}, {"help", no_argument, NULL, 'h'}, {0, 0, 0, 0}};
    const char *color = "auto";
    int ch;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'c': color = optarg; break;
        case 'h': return ct_cli_print_help("show");
        default: return ct_cli_bad_option("show", ch, argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return ct_cli_usage_error("show", "expected a conflict id");
    if (!ct_cli_is_conflict_id(argv[optind]))
        return ct_cli_not_an_id("show", argv[optind]);
    int use_color = ct_cli_color(color, stdout);
    if (use_color < 0)
        return ct_cli_usage_error("show", "--color expects auto, always or never, got '%s'", color);
    const char *id = argv[optind];
    ct_corpus *corpus;
    ct_conflict_set *set;
    int status = ct_cli_analyse(&corpus, &set, argv + optind + 1, argc - optind - 1, NULL);
    if (status)
        return status;
    const ct_conflict *c = ct_conflict_set_get(set, id);
    if (!c) {
        fprintf(stderr, "claimtrack: no conflict with id '%s'\n", id);
        ct_cli_suggest_ids(set, id);
        status = CT_EXIT_USAGE;
    } else {
        ct_review_set *reviews = NULL;
        char *path = ct_cli_reviews_path(NULL, argv + optind + 1, argc - optind - 1);
        if (path)
            ct_cli_load_reviews(&reviews, path, set);
        ct_free(path);
        ct_report report = {.corpus = corpus,
                            .conflicts = set,
                            .reviews = reviews,
                            .fail_on = CT_FAIL_ON_UNREVIEWED,
                            .color = use_color};
        const ct_topic *t;
        size_t n;
        t = &ct_corpus_topics(corpus, &n)[c->topic];
        FILE *out =
            ct_cli_term_open(stdout, use_color); /* no control characters reach a terminal */
        FILE *fp = out ? out : stdout;
        fprintf(fp, "topic: %s (%s)\n", t->title, t->id);
        /* write errors: ferror */
        int rc = ct_report_write_conflict_text(&report, c, fp);
        print_history(reviews, c, fp);
        int closed = ct_cli_term_close(out, stdout);
        if (rc == CT_ENOMEM) {
            fprintf(stderr, "claimtrack: out of memory\n");
            status = CT_EXIT_USAGE;
        } else if (closed < 0) {
            fprintf(stderr, "claimtrack: error writing to standard output\n");
            status = CT_EXIT_USAGE;
        } else {
            status = ct_cli_stdout_done();
        }
        ct_review_set_free(reviews);
    }
    ct_conflict_set_free(set);
    ct_corpus_free(corpus);
    return status;
}
