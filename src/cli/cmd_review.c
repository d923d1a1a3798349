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
    return strlen(s) == 10 && ct_date_parse(&iv, s, why, sizeof why) == 0;
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

/* What the command line asks for. */
typedef struct {
    const char *status_name, *note, *by, *date, *reviews;
    char **prefer; /* n_prefer claim ids, owned */
    size_t n_prefer;
    int prune, upgrade, help;
    const char *id; /* the conflict reviewed; NULL with --prune or --upgrade */
    char **paths;   /* the corpus */
    int n_paths;
    char day[11]; /* today, when --date is not given */
} review_opts;

static int parse_review_options(int argc, char **argv, review_opts *o)
{
    static const struct option longopts[] = {
        {"status", required_argument, NULL, 's'}, {"prefer", required_argument, NULL, 'p'},
        {"note", required_argument, NULL, 'n'},   {"by", required_argument, NULL, 'b'},
        {"date", required_argument, NULL, 'd'},   {"reviews", required_argument, NULL, 'r'},
        {"prune", no_argument, NULL, 'P'},        {"upgrade", no_argument, NULL, 'U'},
        {"help", no_argument, NULL, 'h'},         {0, 0, 0, 0}};
    int ch, status = 0;
    o->prefer = ct_calloc((size_t)argc + 1, sizeof *o->prefer);
    if (!o->prefer) {
        fprintf(stderr, "claimtrack: out of memory\n");
        return CT_EXIT_USAGE;
    }
    opterr = 0;
    while (status == 0 && !o->help && (ch = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (ch) {
        case 's': o->status_name = optarg; break;
        case 'p': o->prefer[o->n_prefer++] = optarg; break;
        case 'n': o->note = optarg; break;
        case 'b': o->by = optarg; break;
        case 'd': o->date = optarg; break;
        case 'r': o->reviews = optarg; break;
        case 'P': o->prune = 1; break;
        case 'U': o->upgrade = 1; break;
        case 'h': o->help = 1; break;
        default: status = ct_cli_bad_option("review", ch, argv[optind - 1]);
        }
    }
    o->paths = argv + optind;
    o->n_paths = argc - optind;
    return status;
}

/* A review of one conflict: its id first among the paths, a status, a note,
 * and what goes with them; on success `id` is set and the paths follow. */
static int check_review_options(review_opts *o)
{
    const char *status_name = o->status_name, *note = o->note, *by = o->by;
    if (o->n_paths < 1)
        return ct_cli_usage_error("review", "expected a conflict id");
    if (!ct_cli_is_conflict_id(o->paths[0]))
        return ct_cli_not_an_id("review", o->paths[0]);
    if (!status_name ||
        (strcmp(status_name, "confirmed") != 0 && strcmp(status_name, "dismissed") != 0 &&
         strcmp(status_name, "resolved") != 0))
        return ct_cli_usage_error("review", "--status expects confirmed, dismissed or resolved");
    if (!note || !*note)
        return ct_cli_usage_error("review",
                                  "--note TEXT is required (for a dismissal, the reason)");
    if (ct_text_utf8_invalid_at(note) >= 0)
        return ct_cli_usage_error("review",
                                  "--note: invalid UTF-8 at byte %ld (expected UTF-8 text)",
                                  ct_text_utf8_invalid_at(note) + 1);
    if (by && ct_text_utf8_invalid_at(by) >= 0)
        return ct_cli_usage_error("review", "--by: invalid UTF-8 at byte %ld (expected UTF-8 text)",
                                  ct_text_utf8_invalid_at(by) + 1);
    if (ct_text_has_control(note) || (by && ct_text_has_control(by)))
        return ct_cli_usage_error("review", "--note and --by take text: no control characters "
                                            "other than tab and line breaks");
    if (strcmp(status_name, "resolved") == 0 && o->n_prefer == 0)
        return ct_cli_usage_error("review", "--status resolved needs --prefer CLAIM-ID");
    if (strcmp(status_name, "resolved") != 0 && o->n_prefer > 0)
        return ct_cli_usage_error("review", "--prefer goes with --status resolved only");
    if (o->date && !valid_date(o->date))
        return ct_cli_usage_error("review", "--date expects YYYY-MM-DD, got '%s'", o->date);
    o->id = o->paths[0];
    o->paths++;
    o->n_paths--;
    return 0;
}

/* The review's date (today) and reviewer ($CLAIMTRACK_REVIEWER, $USER) when
 * the command line does not give them. */
static void review_defaults(review_opts *o)
{
    if (!o->date) {
        today(o->day);
        o->date = o->day;
    }
    if (!o->by)
        o->by = getenv("CLAIMTRACK_REVIEWER");
    if (!o->by || !*o->by)
        o->by = getenv("USER");
    if (!o->by || !*o->by)
        o->by = "unknown";
}

/* The exclusive lock on the reviews file at `path`, or -1 (said). */
static int lock_reviews(const char *path)
{
    int lock = ct_review_lock_wait(path, say_waiting, (void *)path);
    if (lock < 0) {
        int e = errno;
        if (e == ELOOP || e == EPERM)
            fprintf(stderr,
                    "claimtrack: %s: cannot lock for writing: the lock file (%s.lock) is a "
                    "link or not a regular file; remove it\n",
                    path, path);
        else
            fprintf(stderr, "claimtrack: %s: cannot lock for writing: %s\n", path, strerror(e));
    }
    return lock;
}

/* The change to the loaded reviews: none for --upgrade (loading carried the
 * old entries over), the pruned ids into *removed for --prune, else the
 * review of conflict `c`. */
static int change_reviews(const review_opts *o, ct_review_set *reviews, const ct_conflict_set *set,
                          const ct_corpus *corpus, const ct_conflict *c, json_t **removed,
                          size_t *kept)
{
    if (o->upgrade) {
        /* loading carried the old entries over; current reviews without a
         * snapshot get one (*kept counts them) */
        int n = ct_review_set_add_snapshots(reviews, corpus, set);
        if (n < 0) {
            fprintf(stderr, "claimtrack: out of memory\n");
            return CT_EXIT_USAGE;
        }
        *kept = (size_t)n;
        return 0;
    }
    if (o->prune) {
        *removed = json_array();
        int n =
            *removed ? ct_review_set_prune_loaded(reviews, set, corpus, *removed, kept) : CT_ENOMEM;
        if (n < 0) {
            fprintf(stderr, "claimtrack: out of memory\n");
            json_decref(*removed);
            *removed = NULL;
            return CT_EXIT_USAGE;
        }
        return 0;
    }
    size_t nt;
    const ct_topic *t = &ct_corpus_topics(corpus, &nt)[c->topic];
    ct_review_input in = {.status = o->status_name,
                          .prefer = (const char *const *)o->prefer,
                          .n_prefer = o->n_prefer,
                          .note = o->note,
                          .reviewer = o->by,
                          .date = o->date,
                          .corpus = corpus,
                          .conflicts = set};
    if (ct_review_set_put(reviews, c, t->id, t->properties[c->property].name, &in) < 0) {
        fprintf(stderr, "claimtrack: out of memory\n");
        return CT_EXIT_USAGE;
    }
    return 0;
}

/* What was written. */
static void say_written(const review_opts *o, const ct_conflict *c, const char *path,
                        const json_t *removed, size_t kept)
{
    if (o->upgrade) {
        printf("reviews in %s use the current conflict ids and digests\n", path);
        if (kept)
            printf("%zu current review%s now keep%s a snapshot of the claims reviewed\n", kept,
                   kept == 1 ? "" : "s", kept == 1 ? "s" : "");
    } else if (o->prune) {
        size_t n = json_array_size(removed);
        for (size_t i = 0; i < n; i++)
            printf("pruned %s\n", json_string_value(json_array_get(removed, i)));
        printf("%zu review%s pruned\n", n, n == 1 ? "" : "s");
        if (kept)
            printf("%zu review%s of topics not loaded kept (give the whole corpus to prune "
                   "them)\n",
                   kept, kept == 1 ? "" : "s");
    } else {
        printf("%s: %s (%s)\n", c->id, o->status_name, path);
    }
}

int ct_cmd_review(int argc, char **argv)
{
    review_opts o = {0};
    int status = parse_review_options(argc, argv, &o);
    if (status == 0 && o.help) {
        ct_free(o.prefer);
        return ct_cli_print_help("review");
    }
    if (status == 0 && o.prune && o.upgrade)
        status = ct_cli_usage_error("review", "--prune and --upgrade go separately");
    if (status == 0 && !o.prune && !o.upgrade)
        status = check_review_options(&o);
    if (status) {
        ct_free(o.prefer);
        return status;
    }
    review_defaults(&o);

    ct_corpus *corpus = NULL;
    ct_conflict_set *set = NULL;
    ct_review_set *reviews = NULL;
    const char *crash_at = getenv("CLAIMTRACK_CRASH_AT");
    char *path = NULL;
    int lock = -1;
    json_t *removed = NULL;
    size_t kept = 0;
    status = ct_cli_analyse(&corpus, &set, o.paths, o.n_paths, NULL);
    if (status)
        goto done;
    const ct_conflict *c = NULL;
    if (o.id && !(c = ct_conflict_set_get(set, o.id))) {
        fprintf(stderr, "claimtrack: no conflict with id '%s'\n", o.id);
        ct_cli_suggest_ids(set, o.id);
        status = CT_EXIT_USAGE;
        goto done;
    }
    if (c && (status = check_prefer(corpus, c, o.prefer, o.n_prefer)))
        goto done;
    if (!(path = ct_cli_reviews_path(o.reviews, o.paths, o.n_paths))) {
        status = CT_EXIT_USAGE;
        goto done;
    }
    if ((lock = lock_reviews(path)) < 0) {
        status = CT_EXIT_USAGE;
        goto done;
    }
    crash_checkpoint("locked", (void *)crash_at);
    /* read under the lock: another writer may have just added its review */
    if ((status = ct_cli_load_reviews(&reviews, path, set)) ||
        (status = change_reviews(&o, reviews, set, corpus, c, &removed, &kept)) ||
        (status = save_reviews(reviews, path, crash_at)))
        goto done;
    say_written(&o, c, path, removed, kept);
    status = ct_cli_stdout_done();
done:
    json_decref(removed);
    ct_review_unlock(lock);
    ct_free(path);
    ct_free(o.prefer);
    ct_review_set_free(reviews);
    ct_conflict_set_free(set);
    ct_corpus_free(corpus);
    return status;
}
