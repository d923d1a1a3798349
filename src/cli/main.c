/*
 * main.c - read global options, find the command in the table, run it.
 */
#include "cli.h"
#include "claimtrack/common.h"
#include "claimtrack/report.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * The signal-cleanup registry: the program's one piece of global mutable
 * state, kept here in main.c on purpose.  It lists the temporary files that
 * outputs (-o, --report) are being written to; on SIGINT, SIGTERM or SIGHUP
 * the handler unlinks each of them, restores the signal's default action and
 * raises it again, so the process still dies of the signal.  The list is only
 * changed with those signals blocked (ct_cli_signals_block), so the handler
 * never sees it half-updated; the handler calls nothing but unlink, sigemptyset,
 * sigaction and raise, all async-signal-safe.  A signal that was ignored when
 * the program started (nohup) stays ignored.
 */
static struct {
    char **paths; /* NULL: a free slot */
    size_t count, alloc;
} tmp_registry;

static const int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP};

static void cleanup_handler(int sig)
{
    int saved = errno;
    for (size_t i = 0; i < tmp_registry.count; i++)
        if (tmp_registry.paths[i])
            unlink(tmp_registry.paths[i]);
    struct sigaction dfl;
    dfl.sa_handler = SIG_DFL;
    dfl.sa_flags = 0;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    raise(sig); /* delivered when the handler returns, the signal unblocked */
    errno = saved;
}

static void install_cleanup_handlers(void)
{
    for (size_t i = 0; i < sizeof cleanup_signals / sizeof *cleanup_signals; i++) {
        struct sigaction old, sa;
        if (sigaction(cleanup_signals[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = cleanup_handler;
        sigemptyset(&sa.sa_mask);
        for (size_t k = 0; k < sizeof cleanup_signals / sizeof *cleanup_signals; k++)
            sigaddset(&sa.sa_mask, cleanup_signals[k]);
        sigaction(cleanup_signals[i], &sa, NULL);
    }
}

void ct_cli_signals_block(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < sizeof cleanup_signals / sizeof *cleanup_signals; i++)
        sigaddset(&set, cleanup_signals[i]);
    pthread_sigmask(SIG_BLOCK, &set, old);
}

void ct_cli_signals_restore(const sigset_t *old) { pthread_sigmask(SIG_SETMASK, old, NULL); }

int ct_cli_tmp_register(const char *path)
{
    char *copy = ct_strdup(path);
    if (!copy)
        return CT_ENOMEM;
    sigset_t old;
    ct_cli_signals_block(&old);
    int slot = -1;
    if (tmp_registry.count == tmp_registry.alloc) {
        size_t n = tmp_registry.alloc ? tmp_registry.alloc * 2 : 8;
        char **grown = ct_realloc(tmp_registry.paths, n * sizeof *grown);
        if (grown) {
            tmp_registry.paths = grown;
            tmp_registry.alloc = n;
        }
    }
    if (tmp_registry.count < tmp_registry.alloc) {
        slot = (int)tmp_registry.count;
        tmp_registry.paths[slot] = copy;
        tmp_registry.count++;
    }
    ct_cli_signals_restore(&old);
    if (slot < 0)
        ct_free(copy);
    return slot < 0 ? CT_ENOMEM : slot;
}

void ct_cli_tmp_unregister(int slot)
{
    if (slot < 0 || (size_t)slot >= tmp_registry.count)
        return;
    sigset_t old;
    ct_cli_signals_block(&old);
    char *path = tmp_registry.paths[slot];
    tmp_registry.paths[slot] = NULL;
    while (tmp_registry.count > 0 && !tmp_registry.paths[tmp_registry.count - 1])
        tmp_registry.count--;
    ct_cli_signals_restore(&old);
    ct_free(path);
}

static void print_usage(FILE *fp)
{
    size_t n;
    const ct_cli_command *cmds = ct_cli_commands(&n);
    fprintf(fp, "usage: claimtrack [--version] [--help] COMMAND [OPTIONS] [PATH...]\n\n"
                "Track claims and find where sources contradict each other.\n\n"
                "Commands:\n");
    for (size_t i = 0; i < n; i++)
        fprintf(fp, "  %-10s %s\n", cmds[i].name, cmds[i].summary);
    fprintf(fp, "\nPATH is a claims file or folder (default: claims/).\n"
                "Exit status: 0 clean, 1 findings, 2 usage error or unreadable input.\n"
                "Run 'claimtrack help COMMAND' for a command's options.\n");
}

static int run(int argc, char **argv);

int main(int argc, char **argv)
{
    install_cleanup_handlers();
    /* every message on stderr goes through the terminal filter: arguments,
     * file names and quoted input echoed there carry no control characters */
    FILE *real_stderr = stderr, *err = ct_cli_term_open(real_stderr, 0);
    if (err) {
        setvbuf(err, NULL, _IOLBF, 0);
        stderr = err;
    }
    int status = run(argc, argv);
    if (err) {
        stderr = real_stderr;
        ct_cli_term_close(err, real_stderr);
    }
    /* every output unregistered its temporary file; the list itself goes */
    ct_free(tmp_registry.paths);
    tmp_registry.paths = NULL;
    tmp_registry.count = tmp_registry.alloc = 0;
    return status;
}

static int run(int argc, char **argv)
{
    ct_alloc_setup_jansson();
#ifdef CT_ALLOC_INJECT
    /* allocation-failure test build: fail the Nth allocation */
    const char *fail_after = getenv("CLAIMTRACK_ALLOC_FAIL_AFTER");
    if (fail_after)
        ct_alloc_fail_after(strtol(fail_after, NULL, 10));
    /* libxml2's allocations too, for runs that only write XML (libxml2 2.9.14
     * itself crashes in xmlSchemaParse when one of its allocations fails) */
    if (getenv("CLAIMTRACK_ALLOC_FAIL_LIBXML2"))
        ct_alloc_setup_libxml2();
#endif
    if (argc < 2) {
        print_usage(stderr);
        return CT_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        print_usage(stdout);
        return ct_cli_stdout_done();
    }
    if (strcmp(name, "--list-formats") == 0) { /* hidden: for the shell completion */
        for (size_t i = 0; ct_report_format_name(i); i++)
            printf("%s\n", ct_report_format_name(i));
        return ct_cli_stdout_done();
    }
    if (strcmp(name, "--version") == 0) {
        printf("claimtrack %s\n", CT_VERSION);
        return ct_cli_stdout_done();
    }
    if (name[0] == '-')
        return ct_cli_usage_error(NULL, "unknown option '%s'", name);
    const ct_cli_command *cmd = ct_cli_command_find(name);
    if (!cmd)
        return ct_cli_usage_error(NULL, "unknown command '%s'", name);
    /* sources and topics print text for people only: every line goes through
     * the terminal filter (no control characters) */
    FILE *real_stdout = stdout, *term = NULL;
    if (strcmp(name, "sources") == 0 || strcmp(name, "topics") == 0) {
        if ((term = ct_cli_term_open(real_stdout, 0)))
            stdout = term;
    }
    int status = cmd->run(argc - 1, argv + 1);
    if (term) {
        stdout = real_stdout;
        if (ct_cli_term_close(term, real_stdout) < 0 && status == 0) {
            fprintf(stderr, "claimtrack: error writing to standard output\n");
            status = CT_EXIT_USAGE;
        }
    }
    return status;
}
