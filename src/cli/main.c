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
    ct_cli_signals_install();
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
    ct_cli_signals_release();
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
