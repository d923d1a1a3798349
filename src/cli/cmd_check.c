/*
 * cmd_check.c - `claimtrack check`: find conflicts and report them.
 */
#include "cli.h"
#include "claimtrack/report.h"

#include <getopt.h>
#include <stdio.h>

int ct_cmd_check(int argc, char **argv)
{
    static const struct option longopts[] = {{"format", required_argument, NULL, 'f'},
                                             {"output", required_argument, NULL, 'o'},
                                             {"color", required_argument, NULL, 'c'},
                                             {"archive", required_argument, NULL, 'a'},
                                             {"help", no_argument, NULL, 'h'},
                                             {0, 0, 0, 0}};
    const char *format = "text", *output = NULL, *color = "auto", *archive = NULL;
    int ch;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":f:o:h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'f': format = optarg; break;
        case 'o': output = optarg; break;
        case 'c': color = optarg; break;
        case 'a': archive = optarg; break;
        case 'h': return ct_cli_print_help("check", stdout);
        default: return ct_cli_bad_option("check", ch, argv[optind - 1]);
        }
    }
    if (!ct_report_format_known(format))
        return ct_cli_usage_error("check", "unknown format '%s' (expected one of: %s)", format,
                                  ct_report_formats());
    ct_cli_output out;
    int use_color = ct_cli_color(color, stdout);
    if (use_color < 0)
        return ct_cli_usage_error("check", "--color expects auto, always or never, got '%s'", color);
    ct_corpus *corpus;
    ct_conflict_set *set;
    int status = ct_cli_analyse(&corpus, &set, argv + optind, argc - optind, archive);
    if (status)
        return status;
    if ((status = ct_cli_output_open(&out, output)) == 0) {
        ct_report report = {corpus, set, output ? 0 : use_color};
        int rc = ct_report_write(&report, format, out.fp);
        if (rc < 0)
            fprintf(stderr, "claimtrack: cannot write the report\n");
        status = ct_cli_output_close(&out, rc == 0);
        if (status == 0)
            status = set->n_conflicts ? CT_EXIT_FINDINGS : CT_EXIT_OK;
    }
    ct_conflict_set_free(set);
    ct_corpus_free(corpus);
    return status;
}
