/*
 * cli.h - what the command implementations share.
 *
 * Exit statuses: 0 clean, 1 findings (invalid claims, blocking conflicts),
 * 2 usage errors or input that cannot be read or parsed.
 */
#ifndef CT_CLI_H
#define CT_CLI_H

#include "claimtrack/conflict.h"
#include "claimtrack/corpus.h"
#include "claimtrack/fileio.h"
#include "claimtrack/review.h"

#include <signal.h>

enum { CT_EXIT_OK = 0, CT_EXIT_FINDINGS = 1, CT_EXIT_USAGE = 2 };

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
    const char *help; /* full usage text */
} ct_cli_command;

const ct_cli_command *ct_cli_commands(size_t *count);
const ct_cli_command *ct_cli_command_find(const char *name);

int ct_cmd_validate(int argc, char **argv);
int ct_cmd_check(int argc, char **argv);
int ct_cmd_topics(int argc, char **argv);
int ct_cmd_show(int argc, char **argv);
int ct_cmd_sources(int argc, char **argv);
int ct_cmd_help(int argc, char **argv);
int ct_cmd_review(int argc, char **argv);
int ct_cmd_export(int argc, char **argv);
int ct_cmd_init(int argc, char **argv);
int ct_cmd_serve(int argc, char **argv);
int ct_cmd_suggest(int argc, char **argv);
int ct_cmd_claims(int argc, char **argv);

/* The reviews file: `option` when given, else reviews.json in the first PATH
 * (a folder) or beside it (a file), default claims/.  New, free with ct_free. */
char *ct_cli_reviews_path(const char *option, char **paths, int n_paths);

/* Load the reviews, printing diagnostics, and carry entries under old-style
 * ids over to the ids of `set` (when not NULL); 0 or an exit status. */
int ct_cli_load_reviews(ct_review_set **out, const char *path, const ct_conflict_set *set);

/* Suggest the conflict ids nearest to `id` on stderr. */
void ct_cli_suggest_ids(const ct_conflict_set *set, const char *id);

/* Print "claimtrack: <msg>" plus a hint; returns CT_EXIT_USAGE. */
int ct_cli_usage_error(const char *command, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Threads for parsing big inputs: a number 1-64, or (NULL) the online CPUs
 * up to 8; -1 when `text` is not a valid number. */
int ct_cli_jobs(const char *text);

/* Parse the options of a command that has only --help: -1 to go on (optind
 * points at the operands), or the exit status to end with. */
int ct_cli_no_options(int argc, char **argv, const char *command);

/* Report a getopt failure (':' missing value, '?' unknown option). */
int ct_cli_bad_option(const char *command, int ch, const char *arg);

/*
 * Load the corpus from `paths` (default "claims"), printing diagnostics to
 * stderr.  Returns 0 with *out set, or the exit status to end with (the
 * corpus is freed then).  With `strict`, invalid claims are status 2 (bad
 * input for commands that analyse); without, status 1 (validate's finding).
 */
typedef struct {
    const char *archive;          /* --archive DIR, or NULL */
    int require_archive;          /* --require-archive: every source needs one */
    int jobs;                     /* --jobs N, or 0: $CLAIMTRACK_JOBS, else the online CPUs */
    unsigned long long max_input; /* --max-input-size, or 0: the default (4 GiB) */
} ct_cli_load_options;

/* A byte count with an optional suffix K, M, G or T (powers of 1024; "B",
 * "iB" and lower case accepted): 0, or -1 when malformed, zero or too big. */
int ct_cli_size(const char *text, unsigned long long *out);

int ct_cli_load(ct_corpus **out, char **paths, int n_paths, const ct_cli_load_options *o,
                int strict);

/* Load and analyse: corpus and conflicts, or an exit status. */
int ct_cli_analyse(ct_corpus **corpus, ct_conflict_set **set, char **paths, int n_paths,
                   const ct_cli_load_options *o);

/* Whether to colour output on `fp`: `when` is "auto", "always" or "never";
 * auto means a terminal and no NO_COLOR.  -1 for an unknown word. */
int ct_cli_color(const char *when, FILE *fp);

/* Output to -o FILE (atomically) or stdout.  ct_cli_output_close returns 0 or
 * CT_EXIT_USAGE after printing why. */
typedef struct {
    ct_atomic_file file;
    FILE *fp;
    int is_file;
    int tmp_slot; /* the temporary file's entry in the cleanup registry, or -1 */
} ct_cli_output;
int ct_cli_output_open(ct_cli_output *o, const char *path);
int ct_cli_output_close(ct_cli_output *o, int ok);

/* Refuse outputs that are files this run reads: each of `outputs` (NULL or
 * "-" for stdout are skipped) is compared (device and inode, links followed;
 * else the same name in the same real folder, for files not made yet) with
 * every file of `corpus`, with every other output and with each of `inputs`
 * (the reviews file, a baseline, an archive folder: an output anywhere
 * inside a folder input is refused; NULL entries are skipped).  Prints why
 * and returns CT_EXIT_USAGE, or returns 0 after warning on stderr about each
 * output the folder walk of `paths` (default claims/) would load next time. */
int ct_cli_outputs_check(const char *const *outputs, size_t n_outputs, const ct_corpus *corpus,
                         const char *const *inputs, size_t n_inputs, char **paths, int n_paths);

/* Install the cleanup handlers (once, first thing in main).  A signal ignored
 * when the program started stays ignored. */
void ct_cli_signals_install(void);

/* Free the registry at exit (every output has unregistered its file). */
void ct_cli_signals_release(void);

/* The signal-cleanup registry (signals.c): temporary files removed when SIGINT,
 * SIGTERM or SIGHUP ends the process.  ct_cli_tmp_register returns the slot
 * to pass to ct_cli_tmp_unregister, or CT_ENOMEM.  Blocking the signals
 * around creating a file and registering it leaves no moment where a signal
 * could leave it behind. */
void ct_cli_signals_block(sigset_t *old);
void ct_cli_signals_restore(const sigset_t *old);
int ct_cli_tmp_register(const char *path);
void ct_cli_tmp_unregister(int slot);

/* Whether `arg` has the form of a conflict id ("CT-", any case); when not,
 * ct_cli_not_an_id says so (a path given where the id belongs) and returns
 * CT_EXIT_USAGE. */
int ct_cli_is_conflict_id(const char *arg);
int ct_cli_not_an_id(const char *command, const char *arg);

/* A stream for text meant for people (a terminal): it writes to `under`
 * with every control character escaped (\x1b, \u009b; tab and line feed
 * pass, and with `colour` the colour sequences of the text report).  Close it with
 * ct_cli_term_close, which flushes it into `under` and leaves `under` open:
 * 0, or -1 when writing failed.  NULL when out of memory (then write to
 * `under` itself: ct_cli_term_close accepts fp == under and NULL). */
FILE *ct_cli_term_open(FILE *under, int colour);
int ct_cli_term_close(FILE *fp, FILE *under);

/* Print the `help` text of command `name` on standard output. */
int ct_cli_print_help(const char *name);

/* Flush standard output: 0, or CT_EXIT_USAGE after saying that writing
 * failed (a full disk, a closed pipe). */
int ct_cli_stdout_done(void);

#endif
