/*
 * cmd_review.c - `claimtrack review`: record an editor's judgement of a
 * conflict, or prune reviews of conflicts that are gone.
 *
 * The read-modify-write of the reviews file happens under an exclusive flock,
 * so concurrent reviewers never lose each other's entries; the file is
 * replaced atomically, so a killed process leaves the old file or the new.
 */
#include "cli.h"
#include "claimtrack/common.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Test hook: CLAIMTRACK_CRASH_AT=<step> kills the process at that step of the
 * write ("locked", "opened", "half-written", "written"), to prove that a crash
 * anywhere leaves a readable file. */
/* Tests stop the process at a named step: SIGKILL, or the signal
 * CLAIMTRACK_CRASH_SIGNAL names (TERM, INT), whose cleanup then runs. */
static void crash_checkpoint(const char *step, void *payload)
{
    const char *at = payload;
    if (at && strcmp(at, step) == 0) {
        const char *sig = getenv("CLAIMTRACK_CRASH_SIGNAL");
        raise(sig && strcmp(sig, "TERM") == 0  ? SIGTERM
              : sig && strcmp(sig, "INT") == 0 ? SIGINT
                                               : SIGKILL);
    }
}

/* Write the reviews file atomically, its temporary file registered with the
 * signal cleanup (SIGINT or SIGTERM mid-write leaves nothing behind), in two
 * halves so that a test can stop the process between them. */
static int save_reviews(const ct_review_set *reviews, const char *path, const char *crash_at)
{
    char *target = ct_path_resolve(path);
    if (target)
        ct_review_remove_stale_temporaries(target);
    ct_free(target);
    char *text = ct_review_set_text(reviews);
    if (!text) {
        fprintf(stderr, "claimtrack: out of memory\n");
        return CT_EXIT_USAGE;
    }
    ct_cli_output out;
    int status = ct_cli_output_open(&out, path);
    if (status == 0) {
        crash_checkpoint("opened", (void *)crash_at);
        size_t len = strlen(text), half = len / 2;
        int ok = fwrite(text, 1, half, out.fp) == half && fflush(out.fp) == 0;
        if (ok)
            crash_checkpoint("half-written", (void *)crash_at);
        ok = ok && fwrite(text + half, 1, len - half, out.fp) == len - half &&
             fputc('\n', out.fp) != EOF;
        if (ok)
            crash_checkpoint("written", (void *)crash_at);
        status = ct_cli_output_close(&out, ok);
        if (!ok && status == CT_EXIT_USAGE)
            fprintf(stderr, "claimtrack: %s: cannot write the reviews\n", path);
    }
    free(text);
    return status;
}

static void today(char out[11])
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

static int valid_date(const char *s)
{
    ct_interval iv;
    char why[64];
    return strlen(s) == 10 && ct_date_parse(s, &iv, why, sizeof why) == 0;
}

/* Every preferred claim must belong to the conflict, and all of them to one
 * position: a resolution prefers one answer. */
static int check_prefer(const ct_corpus *corpus, const ct_conflict *c, char **prefer, size_t n)
{
    size_t n_claims;
    const ct_claim *claims = ct_corpus_claims(corpus, &n_claims);
    size_t first_pos = 0;
    for (size_t i = 0; i < n; i++) {
        size_t at = 0;
        int found = 0;
        for (size_t p = 0; p < c->n_positions && !found; p++)
            for (size_t k = 0; k < c->positions[p].n_claims && !found; k++)
                if (strcmp(claims[c->positions[p].claims[k]].id, prefer[i]) == 0) {
                    found = 1;
                    at = p;
                }
        if (!found) {
            fprintf(stderr, "claimtrack: claim '%s' is not part of conflict %s\n", prefer[i],
                    c->id);
            return CT_EXIT_USAGE;
        }
        if (i == 0) {
            first_pos = at;
        } else if (at != first_pos) {
            const ct_position *a = &c->positions[first_pos], *b = &c->positions[at];
            fprintf(stderr,
                    "claimtrack: --prefer: claims '%s' (%s%s) and '%s' (%s%s) hold different "
                    "positions of conflict %s; prefer claims of one position only\n",
                    prefer[0], a->denies ? "denies: " : "", a->display, prefer[i],
                    b->denies ? "denies: " : "", b->display, c->id);
            return CT_EXIT_USAGE;
        }
    }
    return 0;
}

/* Another writer holds the lock: say once whom we wait for. */
static void say_waiting(long holder, void *payload)
{
    if (holder > 0)
        fprintf(stderr, "claimtrack: waiting for the lock on %s held by pid %ld\n",
                (const char *)payload, holder);
    else
        fprintf(stderr, "claimtrack: waiting for the lock on %s held by another process\n",
                (const char *)payload);
}

int ct_cmd_review(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"status", required_argument, NULL, 's'}, {"prefer", required_argument, NULL, 'p'},
        {"note", required_argument, NULL, 'n'},   {"by", required_argument, NULL, 'b'},
        {"date", required_argument, NULL, 'd'},   {"reviews", required_argument, NULL, 'r'},
        {"prune", no_argument, NULL, 'P'},        {"upgrade", no_argument, NULL, 'U'},
        {"help", no_argument, NULL, 'h'},         {0, 0, 0, 0}};
    const char *status_name = NULL, *note = NULL, *by = NULL, *date = NULL, *reviews_opt = NULL;
    char **prefer = ct_calloc((size_t)argc + 1, sizeof *prefer);
    size_t n_prefer = 0;
    int prune = 0, upgrade = 0, ch;
    if (!prefer) {
        fprintf(stderr, "claimtrack: out of memory\n");
        return CT_EXIT_USAGE;
    }
    opterr = 0;
    int status = 0;
    while (status == 0 && (ch = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (ch) {
        case 's': status_name = optarg; break;
        case 'p': prefer[n_prefer++] = optarg; break;
        case 'n': note = optarg; break;
        case 'b': by = optarg; break;
        case 'd': date = optarg; break;
        case 'r': reviews_opt = optarg; break;
        case 'P': prune = 1; break;
        case 'U': upgrade = 1; break;
        case 'h': ct_free(prefer); return ct_cli_print_help("review");
        default: status = ct_cli_bad_option("review", ch, argv[optind - 1]);
        }
    }
    const char *id = NULL;
    char **paths = argv + optind;
    int n_paths = argc - optind;
    if (status == 0 && prune && upgrade)
        status = ct_cli_usage_error("review", "--prune and --upgrade go separately");
    if (status == 0 && !prune && !upgrade) {
        if (n_paths < 1)
            status = ct_cli_usage_error("review", "expected a conflict id");
        else if (!ct_cli_is_conflict_id(paths[0]))
            status = ct_cli_not_an_id("review", paths[0]);
        else if (!status_name ||
                 (strcmp(status_name, "confirmed") != 0 && strcmp(status_name, "dismissed") != 0 &&
                  strcmp(status_name, "resolved") != 0))
            status =
                ct_cli_usage_error("review", "--status expects confirmed, dismissed or resolved");
        else if (!note || !*note)
            status = ct_cli_usage_error("review",
                                        "--note TEXT is required (for a dismissal, the reason)");
        else if (ct_text_utf8_invalid_at(note) >= 0)
            status = ct_cli_usage_error("review",
                                        "--note: invalid UTF-8 at byte %ld (expected UTF-8 text)",
                                        ct_text_utf8_invalid_at(note) + 1);
        else if (by && ct_text_utf8_invalid_at(by) >= 0)
            status = ct_cli_usage_error("review",
                                        "--by: invalid UTF-8 at byte %ld (expected UTF-8 text)",
                                        ct_text_utf8_invalid_at(by) + 1);
        else if (ct_text_has_control(note) || (by && ct_text_has_control(by)))
            status =
                ct_cli_usage_error("review", "--note and --by take text: no control characters "
                                             "other than tab and line breaks");
        else if (strcmp(status_name, "resolved") == 0 && n_prefer == 0)
            status = ct_cli_usage_error("review", "--status resolved needs --prefer CLAIM-ID");
        else if (strcmp(status_name, "resolved") != 0 && n_prefer > 0)
            status = ct_cli_usage_error("review", "--prefer goes with --status resolved only");
        else if (date && !valid_date(date))
            status = ct_cli_usage_error("review", "--date expects YYYY-MM-DD, got '%s'", date);
        else {
            id = paths[0];
            paths++;
            n_paths--;
        }
    }
    if (status) {
        ct_free(prefer);
        return status;
    }
    char day[11];
    if (!date) {
        today(day);
        date = day;
    }
    if (!by)
        by = getenv("CLAIMTRACK_REVIEWER");
    if (!by || !*by)
        by = getenv("USER");
    if (!by || !*by)
        by = "unknown";

    ct_corpus *corpus = NULL;
    ct_conflict_set *set = NULL;
    ct_review_set *reviews = NULL;
    const char *crash_at = getenv("CLAIMTRACK_CRASH_AT");
    char *path = NULL;
    int lock = -1;
    status = ct_cli_analyse(&corpus, &set, paths, n_paths, NULL);
    if (status)
        goto done;
    const ct_conflict *c = NULL;
    if (id && !(c = ct_conflict_set_get(set, id))) {
        fprintf(stderr, "claimtrack: no conflict with id '%s'\n", id);
        ct_cli_suggest_ids(set, id);
        status = CT_EXIT_USAGE;
        goto done;
    }
    if (c && (status = check_prefer(corpus, c, prefer, n_prefer)))
        goto done;
    if (!(path = ct_cli_reviews_path(reviews_opt, paths, n_paths))) {
        status = CT_EXIT_USAGE;
        goto done;
    }
    if ((lock = ct_review_lock_wait(path, say_waiting, (void *)path)) < 0) {
        int e = errno;
        if (e == ELOOP || e == EPERM)
            fprintf(stderr,
                    "claimtrack: %s: cannot lock for writing: the lock file (%s.lock) is a "
                    "link or not a regular file; remove it\n",
                    path, path);
        else
            fprintf(stderr, "claimtrack: %s: cannot lock for writing: %s\n", path, strerror(e));
        status = CT_EXIT_USAGE;
        goto done;
    }
    crash_checkpoint("locked", (void *)crash_at);
    /* read under the lock: another writer may have just added its review */
    if ((status = ct_cli_load_reviews(&reviews, path, set)))
        goto done;
    json_t *removed = NULL;
    size_t kept = 0;
    if (upgrade) {
        /* ct_cli_load_reviews carried the old entries over; save says so;
         * current reviews without a snapshot get one (kept counts them) */
        int n = ct_review_set_add_snapshots(reviews, corpus, set);
        if (n < 0) {
            fprintf(stderr, "claimtrack: out of memory\n");
            status = CT_EXIT_USAGE;
            goto done;
        }
        kept = (size_t)n;
    } else if (prune) {
        removed = json_array();
        int n =
            removed ? ct_review_set_prune_loaded(reviews, set, corpus, removed, &kept) : CT_ENOMEM;
        if (n < 0) {
            fprintf(stderr, "claimtrack: out of memory\n");
            status = CT_EXIT_USAGE;
            json_decref(removed);
            goto done;
        }
    } else {
        size_t nt;
        const ct_topic *t = &ct_corpus_topics(corpus, &nt)[c->topic];
        ct_review_input in = {
            status_name, (const char *const *)prefer, n_prefer, note, by, date, corpus, set};
        if (ct_review_set_put(reviews, c, t->id, t->properties[c->property].name, &in) < 0) {
            fprintf(stderr, "claimtrack: out of memory\n");
            status = CT_EXIT_USAGE;
            goto done;
        }
    }
    if ((status = save_reviews(reviews, path, crash_at))) {
        json_decref(removed);
        goto done;
    }
    if (upgrade) {
        printf("reviews in %s use the current conflict ids and digests\n", path);
        if (kept)
            printf("%zu current review%s now keep%s a snapshot of the claims reviewed\n", kept,
                   kept == 1 ? "" : "s", kept == 1 ? "s" : "");
    } else if (prune) {
        size_t n = json_array_size(removed);
        for (size_t i = 0; i < n; i++)
            printf("pruned %s\n", json_string_value(json_array_get(removed, i)));
        printf("%zu review%s pruned\n", n, n == 1 ? "" : "s");
        if (kept)
            printf("%zu review%s of topics not loaded kept (give the whole corpus to prune "
                   "them)\n",
                   kept, kept == 1 ? "" : "s");
        json_decref(removed);
    } else {
        printf("%s: %s (%s)\n", c->id, status_name, path);
    }
    status = ct_cli_stdout_done();
done:
    ct_review_unlock(lock);
    ct_free(path);
    ct_free(prefer);
    ct_review_set_free(reviews);
    ct_conflict_set_free(set);
    ct_corpus_free(corpus);
    return status;
}
