/*
 * cmd_check.c - `claimtrack check`: find conflicts and report them.
 */
#include "cli.h"
#include "claimtrack/common.h"
#include "claimtrack/report.h"

#include <getopt.h>
#include <stdio.h>

int ct_cmd_check(int argc, char **argv)
{
    static const struct option longopts[] = {{"format", required_argument, NULL, 'f'},
                                             {"output", required_argument, NULL, 'o'},
                                             {"color", required_argument, NULL, 'c'},
                                             {"archive", required_argument, NULL, 'a'},
                                             {"fail-on", required_argument, NULL, 'F'},
                                             {"reviews", required_argument, NULL, 'r'},
                                             {"help", no_argument, NULL, 'h'},
                                             {0, 0, 0, 0}};
    const char *format = "text", *output = NULL, *color = "auto", *archive = NULL;
    const char *fail_on_name = "unreviewed", *reviews_opt = NULL;
    int ch;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":f:o:h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'f': format = optarg; break;
        case 'o': output = optarg; break;
        case 'c': color = optarg; break;
        case 'a': archive = optarg; break;
        case 'F': fail_on_name = optarg; break;
        case 'r': reviews_opt = optarg; break;
        case 'h': return ct_cli_print_help("check", stdout);
        default: return ct_cli_bad_option("check", ch, argv[optind - 1]);
        }
    }
    if (!ct_report_format_known(format))
        return ct_cli_usage_error("check", "unknown format '%s' (expected one of: %s)", format,
                                  ct_report_formats());
    ct_fail_on fail_on;
    if (ct_fail_on_from_name(fail_on_name, &fail_on) < 0)
        return ct_cli_usage_error("check", "--fail-on expects unreviewed, stale, conflict or none, got '%s'",
                                  fail_on_name);
    ct_cli_output out;
    int use_color = ct_cli_color(color, stdout);
    if (use_color < 0)
        return ct_cli_usage_error("check", "--color expects auto, always or never, got '%s'", color);
    ct_corpus *corpus;
    ct_conflict_set *set;
    int status = ct_cli_analyse(&corpus, &set, argv + optind, argc - optind, archive);
    if (status)
        return status;
    ct_review_set *reviews = NULL;
    char *reviews_path = ct_cli_reviews_path(reviews_opt, argv + optind, argc - optind);
    if (!reviews_path)
        status = CT_EXIT_USAGE;
    if (status == 0)
        status = ct_cli_load_reviews(&reviews, reviews_path);
    if (status == 0) {
        ct_review_order_positions(reviews, set, corpus);
        json_t *orphans = ct_review_orphans(reviews, set);
        for (size_t i = 0; orphans && i < json_array_size(orphans); i++)
            fprintf(stderr, "%s: warning: review of %s: no such conflict any more (claimtrack review --prune drops it)\n",
                    reviews_path, json_string_value(json_array_get(orphans, i)));
        json_decref(orphans);
    }
    if (status == 0 && (status = ct_cli_output_open(&out, output)) == 0) {
        ct_report report = {corpus, set, reviews, fail_on, output ? 0 : use_color};
        int rc = ct_report_write(&report, format, out.fp);
        if (rc < 0)
            fprintf(stderr, "claimtrack: cannot write the report\n");
        status = ct_cli_output_close(&out, rc == 0);
        if (status == 0)
            status = ct_report_blocking(&report) ? CT_EXIT_FINDINGS : CT_EXIT_OK;
    }
    ct_free(reviews_path);
    ct_review_set_free(reviews);
    ct_conflict_set_free(set);
    ct_corpus_free(corpus);
    return status;
}
