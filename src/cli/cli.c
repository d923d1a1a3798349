/*
 * cli.c - loading, colour and output helpers for the commands.
 */
#include "cli.h"
#include "claimtrack/common.h"

#include <errno.h>
#include <time.h>
#include <getopt.h>
#include <sys/stat.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

int ct_cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "claimtrack: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (command)
        fprintf(stderr, "\nTry 'claimtrack %s --help'.\n", command);
    else
        fprintf(stderr, "\nTry 'claimtrack --help'.\n");
    return CT_EXIT_USAGE;
}

int ct_cli_no_options(int argc, char **argv, const char *command)
{
    static const struct option longopts[] = {{"help", no_argument, NULL, 'h'}, {0, 0, 0, 0}};
    int ch;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        if (ch == 'h')
            return ct_cli_print_help(command);
        return ct_cli_bad_option(command, ch, argv[optind - 1]);
    }
    return -1;
}

int ct_cli_bad_option(const char *command, int ch, const char *arg)
{
    if (ch == ':')
        return ct_cli_usage_error(command, "option '%s' needs a value", arg);
    return ct_cli_usage_error(command, "unknown option '%s'", arg);
}

int ct_cli_is_conflict_id(const char *arg) { return strncasecmp(arg, "CT-", 3) == 0; }

int ct_cli_not_an_id(const char *command, const char *arg)
{
    return ct_cli_usage_error(
        command, "expected a conflict id like CT-1a2b3c4d5e6f7a8b before the paths, got '%s'", arg);
}

int ct_cli_size(const char *text, unsigned long long *out)
{
    if (!text || *text < '0' || *text > '9')
        return -1;
    errno = 0;
    char *end;
    unsigned long long n = strtoull(text, &end, 10);
    if (errno)
        return -1;
    int shift = 0;
    switch (*end) {
    case 'k':
    case 'K':
        shift = 10;
        end++;
        break;
    case 'm':
    case 'M':
        shift = 20;
        end++;
        break;
    case 'g':
    case 'G':
        shift = 30;
        end++;
        break;
    case 't':
    case 'T':
        shift = 40;
        end++;
        break;
    default: break;
    }
    if (shift && *end == 'i')
        end++;
    if (*end == 'b' || *end == 'B')
        end++;
    if (*end || n == 0 || n > (~0ULL >> shift))
        return -1;
    *out = n << shift;
    return 0;
}

int ct_cli_jobs(const char *text)
{
    if (text) {
        char *end;
        long n = strtol(text, &end, 10);
        return *end || n < 1 || n > 64 ? -1 : (int)n;
    }
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return cpus < 1 ? 1 : cpus > 8 ? 8 : (int)cpus;
}

/* --jobs, else $CLAIMTRACK_JOBS (checked like --jobs: a bad value is an
 * error, reported here), else the online CPUs; -1 after an error. */
static int threads_to_use(const ct_cli_load_options *o)
{
    if (o && o->jobs > 0)
        return o->jobs;
    const char *env = getenv("CLAIMTRACK_JOBS");
    if (env && !*env)
        env = NULL;
    int jobs = ct_cli_jobs(env);
    if (jobs < 0) {
        ct_cli_usage_error(NULL, "CLAIMTRACK_JOBS expects a number from 1 to 64, got '%s'", env);
        return -1;
    }
    return jobs;
}

/* Progress on a terminal, once a load has taken more than a second. */
typedef struct {
    struct timespec start;
    int shown;
} progress_state;

static double seconds_since(const struct timespec *t0)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

static void show_progress(const char *file, long long done, long long total, size_t claims,
                          void *payload)
{
    progress_state *p = payload;
    double t = seconds_since(&p->start);
    if (t < 1.0)
        return;
    fprintf(stderr, "\r%s: %3.0f%%, %zu claims, %.0f claims/s ", file,
            total > 0 ? 100.0 * (double)done / (double)total : 0.0, claims, (double)claims / t);
    p->shown = 1;
}

/* Standard input named "-" among the paths: read it whole for the loader
 * (a pipe or device up to the input size limit; `< file` has none) into
 * *in, the one in-memory input of the options.  Its text goes to *text; a
 * failure to read goes to in->status, reported by the loader in its place.
 * Returns 0 or CT_ENOMEM. */
static int read_stdin(char **paths, int n_paths, ct_corpus_options *opts, ct_corpus_input *in,
                      char **text)
{
    int named = 0;
    for (int i = 0; i < n_paths && !named; i++)
        named = strcmp(paths[i], "-") == 0;
    if (!named)
        return 0;
    struct stat st;
    int regular = fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode);
    unsigned long long cap = opts->max_input_size ? opts->max_input_size : CT_DEFAULT_MAX_INPUT;
    size_t len = 0;
    int rc = ct_corpus_read_fd(text, &len, STDIN_FILENO, regular ? 0 : cap);
    if (rc == CT_ENOMEM)
        return rc;
    in->name = "-";
    in->status = rc;
    in->errno_value = errno;
    in->text = rc == 0 ? *text : NULL;
    in->len = len;
    opts->inputs = in;
    opts->n_inputs = 1;
    return 0;
}

int ct_cli_load(ct_corpus **out, char **paths, int n_paths, const ct_cli_load_options *o,
                int strict)
{
    static const char *const default_paths[] = {"claims"};
    ct_corpus *corpus;
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    ct_corpus_options opts = CT_CORPUS_OPTIONS_INIT;
    opts.archive_root = o ? o->archive : NULL;
    opts.archive_required = o ? o->require_archive : 0;
    opts.max_input_size = o ? o->max_input : 0;
    if ((opts.jobs = threads_to_use(o)) < 0)
        return CT_EXIT_USAGE;
    progress_state progress = {{0, 0}, 0};
    if (isatty(fileno(stderr))) {
        clock_gettime(CLOCK_MONOTONIC, &progress.start);
        opts.progress = show_progress;
        opts.progress_payload = &progress;
    }
    char *in = NULL;
    ct_corpus_input stdin_input = {0};
    if (read_stdin(paths, n_paths, &opts, &stdin_input, &in) < 0 || ct_corpus_new(&corpus) < 0) {
        ct_free(in);
        fprintf(stderr, "claimtrack: out of memory\n");
        return CT_EXIT_USAGE;
    }
    int rc = n_paths > 0 ? ct_corpus_load(corpus, (const char *const *)paths, (size_t)n_paths,
                                          &opts, &diags)
                         : ct_corpus_load(corpus, default_paths, 1, &opts, &diags);
    ct_free(in);
    if (progress.shown)
        fprintf(stderr, "\r\033[K"); /* clear the progress line */
    FILE *err =
        ct_cli_term_open(stderr, 0); /* file names and quoted input: no control characters */
    ct_diag_print(&diags, err ? err : stderr);
    ct_cli_term_close(err, stderr);
    ct_diag_list_dispose(&diags);
    if (rc == 0) {
        *out = corpus;
        return 0;
    }
    ct_corpus_free(corpus);
    if (rc == CT_ENOMEM)
        fprintf(stderr, "claimtrack: out of memory\n");
    if (rc == CT_EINVALID && !strict)
        return CT_EXIT_FINDINGS;
    return CT_EXIT_USAGE;
}

int ct_cli_analyse(ct_corpus **corpus, ct_conflict_set **set, char **paths, int n_paths,
                   const ct_cli_load_options *o)
{
    *set = NULL;
    int status = ct_cli_load(corpus, paths, n_paths, o, 1);
    if (status)
        return status;
    size_t a, b;
    int rc = ct_conflict_find_jobs(set, *corpus, threads_to_use(o));
    if (rc == 0 && (rc = ct_conflict_set_find_id_collision(&a, &b, *set)) > 0) {
        size_t nt;
        const ct_topic *topics = ct_corpus_topics(*corpus, &nt);
        const ct_conflict *x = &(*set)->conflicts[a], *y = &(*set)->conflicts[b];
        fprintf(
            stderr,
            "claimtrack: two conflicts share the id %s: topic '%s', subject '%s', property '%s' "
            "and topic '%s', subject '%s', property '%s'; rename one subject\n",
            x->id, topics[x->topic].id, x->subject, topics[x->topic].properties[x->property].name,
            topics[y->topic].id, y->subject, topics[y->topic].properties[y->property].name);
        ct_conflict_set_free(*set);
        *set = NULL;
        ct_corpus_free(*corpus);
        *corpus = NULL;
        return CT_EXIT_USAGE;
    }
    if (rc < 0) {
        fprintf(stderr, "claimtrack: out of memory\n");
        ct_conflict_set_free(*set);
        *set = NULL;
        ct_corpus_free(*corpus);
        *corpus = NULL;
        return CT_EXIT_USAGE;
    }
    return 0;
}

int ct_cli_color(const char *when, FILE *fp)
{
    if (!when || strcmp(when, "auto") == 0) {
        const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
        if (no && *no)
            return 0;
        if (term && strcmp(term, "dumb") == 0) /* a terminal without escape sequences */
            return 0;
        return isatty(fileno(fp));
    }
    if (strcmp(when, "always") == 0)
        return 1;
    if (strcmp(when, "never") == 0)
        return 0;
    return -1;
}

int ct_cli_output_open(ct_cli_output *o, const char *path)
{
    memset(o, 0, sizeof *o);
    o->tmp_slot = -1;
    if (!path || strcmp(path, "-") == 0) {
        o->fp = stdout;
        return 0;
    }
    int rc = ct_atomic_prepare(&o->file, path);
    if (rc == 0 && o->file.direct) {
        rc = ct_atomic_create(&o->file); /* may wait (a FIFO): signals stay deliverable */
    } else if (rc == 0) {
        /* the temporary file is registered for removal on a signal the moment it exists */
        sigset_t old;
        ct_cli_signals_block(&old);
        rc = ct_atomic_create(&o->file);
        if (rc == 0 && (o->tmp_slot = ct_cli_tmp_register(o->file.tmp)) < 0) {
            ct_atomic_abort(&o->file);
            o->tmp_slot = -1;
            rc = CT_ENOMEM;
        }
        ct_cli_signals_restore(&old);
    }
    if (rc < 0) {
        fprintf(stderr, "claimtrack: %s: cannot write: %s\n", path,
                rc == CT_ENOMEM ? "out of memory" : strerror(errno));
        return CT_EXIT_USAGE;
    }
    o->fp = o->file.fp;
    o->is_file = 1;
    return 0;
}

int ct_cli_stdout_done(void)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "claimtrack: error writing to standard output\n");
        return CT_EXIT_USAGE;
    }
    return 0;
}

int ct_cli_output_close(ct_cli_output *o, int ok)
{
    if (!o->is_file)
        return ok ? ct_cli_stdout_done() : CT_EXIT_USAGE;
    if (!ok) {
        ct_atomic_abort(&o->file);
        ct_cli_tmp_unregister(o->tmp_slot);
        return CT_EXIT_USAGE;
    }
    char *path = ct_strdup(o->file.path);
    int rc = ct_atomic_commit(&o->file);
    int e = errno;
    ct_cli_tmp_unregister(o->tmp_slot);
    if (rc < 0) {
        fprintf(stderr, "claimtrack: %s: cannot write: %s\n", path ? path : "output", strerror(e));
        ct_free(path);
        return CT_EXIT_USAGE;
    }
    ct_free(path);
    return 0;
}


/* 1 when the folder walk of `folder` (a real path) reaches `loc` (from
 * walk_location) and loads it: below the folder, through no hidden folder, with
 * a name the loader reads. */
static int walk_loads(const char *folder, const char *loc)
{
    size_t n = strlen(folder);
    if (strcmp(folder, "/") == 0)
        n = 0;
    else if (strncmp(loc, folder, n) != 0 || loc[n] != '/')
        return 0;
    const char *rel = loc + n + 1;
    for (const char *p = rel; *p; p++)
        if ((p == rel || p[-1] == '/') && *p == '.')
            return 0;
    const char *base = strrchr(loc, '/') + 1;
    return ct_corpus_file_name_loaded(base);
}

/* The input file of this run that `output` is, or NULL. */
/* Where the folder walk would meet `path`: the real path of its folder and its
 * name.  New string, or NULL (out of memory, or the folder does not exist). */
static char *walk_location(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    char *dir =
        slash ? ct_strndup(path, slash == path ? 1 : (size_t)(slash - path)) : ct_strdup(".");
    if (!dir)
        return NULL;
    char *real = realpath(dir, NULL);
    ct_free(dir);
    if (!real)
        return NULL;
    size_t n = strlen(real) + strlen(base) + 2;
    char *out = ct_malloc(n);
    if (out)
        snprintf(out, n, "%s%s%s", real, strcmp(real, "/") == 0 ? "" : "/", base);
    free(real);
    return out;
}

/* 1 when `a` and `b` name one place: the same file, or (either may not
 * exist yet) the same name in the same real folder. */
static int same_place(const char *a, const char *b)
{
    if (strcmp(a, b) == 0 || ct_path_same_file(a, b))
        return 1;
    char *la = walk_location(a), *lb = walk_location(b);
    int same = la && lb && strcmp(la, lb) == 0;
    ct_free(la);
    ct_free(lb);
    return same;
}

/* 1 when `output` lies inside the folder `dir` (at any depth). */
static int inside_folder(const char *output, const char *dir)
{
    char *real = realpath(dir, NULL), *loc = walk_location(output);
    size_t n = real ? strlen(real) : 0;
    int inside = real && loc && strncmp(loc, real, n) == 0 && (loc[n] == '/' || n == 1);
    free(real);
    ct_free(loc);
    return inside;
}

static const char *input_at(const char *output, const ct_corpus *corpus, const char *const *inputs,
                            size_t n_inputs)
{
    size_t n;
    const char *const *files = ct_corpus_files(corpus, &n);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(files[i], "-") == 0) {
            struct stat in, out;
            if (fstat(STDIN_FILENO, &in) == 0 && S_ISREG(in.st_mode) && stat(output, &out) == 0 &&
                in.st_dev == out.st_dev && in.st_ino == out.st_ino)
                return "standard input";
        } else if (ct_path_same_file(output, files[i])) {
            return files[i];
        }
    }
    for (size_t i = 0; i < n_inputs; i++) {
        struct stat st;
        if (!inputs[i] || strcmp(inputs[i], "-") == 0)
            continue;
        if (stat(inputs[i], &st) == 0 && S_ISDIR(st.st_mode) ? inside_folder(output, inputs[i])
                                                             : same_place(output, inputs[i]))
            return inputs[i];
    }
    return NULL;
}

int ct_cli_outputs_check(const char *const *outputs, size_t n_outputs, const ct_corpus *corpus,
                         const char *const *inputs, size_t n_inputs, char **paths, int n_paths)
{
    static char default_path[] = "claims";
    static char *const default_paths[] = {default_path};
    if (n_paths <= 0) {
        paths = (char **)default_paths;
        n_paths = 1;
    }
    for (size_t i = 0; i < n_outputs; i++) {
        const char *out = outputs[i];
        if (!out || strcmp(out, "-") == 0)
            continue;
        for (size_t j = 0; j < i; j++) {
            if (!outputs[j] || strcmp(outputs[j], "-") == 0)
                continue;
            int same = same_place(out, outputs[j]);
            if (same) {
                fprintf(stderr,
                        "claimtrack: refusing to write %s twice (also given as %s): "
                        "expected one output path per report\n",
                        out, outputs[j]);
                return CT_EXIT_USAGE;
            }
        }
        const char *input = input_at(out, corpus, inputs, n_inputs);
        if (input) {
            fprintf(stderr,
                    "claimtrack: refusing to write %s: it is %s, which this run reads "
                    "(expected an output path that is not an input)\n",
                    out, input);
            return CT_EXIT_USAGE;
        }
    }
    for (size_t i = 0; i < n_outputs; i++) {
        const char *out = outputs[i];
        struct stat st;
        if (!out || strcmp(out, "-") == 0 || (stat(out, &st) == 0 && !S_ISREG(st.st_mode)))
            continue;
        char *loc = walk_location(out);
        for (int k = 0; loc && k < n_paths; k++) {
            if (stat(paths[k], &st) != 0 || !S_ISDIR(st.st_mode))
                continue;
            char *folder = realpath(paths[k], NULL);
            int hit = folder && walk_loads(folder, loc);
            free(folder);
            if (hit) {
                fprintf(stderr,
                        "claimtrack: warning: %s is inside the input folder %s: the next run "
                        "will load it as a claim file (write it outside %s)\n",
                        out, paths[k], paths[k]);
                break;
            }
        }
        ct_free(loc);
    }
    return 0;
}

char *ct_cli_reviews_path(const char *option, char **paths, int n_paths)
{
    if (option)
        return ct_strdup(option);
    const char *first = n_paths > 0 ? paths[0] : "claims";
    struct stat st;
    size_t n = strlen(first) + 16;
    char *out = ct_malloc(n);
    if (!out)
        return NULL;
    if (stat(first, &st) == 0 && !S_ISDIR(st.st_mode)) {
        const char *slash = strrchr(first, '/');
        if (slash)
            snprintf(out, n, "%.*s/reviews.json", (int)(slash - first), first);
        else
            snprintf(out, n, "reviews.json");
    } else {
        size_t len = strlen(first);
        snprintf(out, n, "%s%sreviews.json", first, len && first[len - 1] == '/' ? "" : "/");
    }
    return out;
}

int ct_cli_load_reviews(ct_review_set **out, const char *path, const ct_conflict_set *set)
{
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    int rc = ct_review_set_load(out, path, &diags);
    FILE *err =
        ct_cli_term_open(stderr, 0); /* file names and quoted input: no control characters */
    ct_diag_print(&diags, err ? err : stderr);
    ct_cli_term_close(err, stderr);
    ct_diag_list_dispose(&diags);
    if (rc == 0 && set && (rc = ct_review_set_upgrade(*out, set)) > 0)
        rc = 0;
    if (rc < 0 && *out) {
        ct_review_set_free(*out);
        *out = NULL;
    }
    if (rc == CT_ENOMEM)
        fprintf(stderr, "claimtrack: out of memory\n");
    return rc < 0 ? CT_EXIT_USAGE : 0;
}
