/*
 * cmd_claims.c - `claimtrack claims`: every claim, grouped by topic, subject
 * and property, with what the sources agree on, what they only question,
 * what was revised and where they clash (claimtrack/claims.h).  A listing,
 * not a gate: exit 0 whatever it finds.
 */
#include "cli.h"
#include "claimtrack/claims.h"
#include "claimtrack/common.h"
#include "claimtrack/report.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    ct_claims_filter filter;
    const char *format, *output, *reviews;
    unsigned options;
} claims_args;

static int parse(int argc, char **argv, claims_args *a)
{
    static const struct option longopts[] = {{"topic", required_argument, NULL, 't'},
                                             {"subject", required_argument, NULL, 's'},
                                             {"source", required_argument, NULL, 'S'},
                                             {"format", required_argument, NULL, 'f'},
                                             {"output", required_argument, NULL, 'o'},
                                             {"reviews", required_argument, NULL, 'R'},
                                             {"csv-bom", no_argument, NULL, 'U'},
                                             {"help", no_argument, NULL, 'h'},
                                             {0, 0, 0, 0}};
    int ch;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":t:s:f:o:h", longopts, NULL)) != -1) {
        switch (ch) {
        case 't': a->filter.topic = optarg; break;
        case 's': a->filter.subject = optarg; break;
        case 'S': a->filter.source = optarg; break;
        case 'f': a->format = optarg; break;
        case 'o': a->output = optarg; break;
        case 'R': a->reviews = optarg; break;
        case 'U': a->options |= CT_REPORT_CSV_BOM; break;
        case 'h': return ct_cli_print_help("claims");
        default: return ct_cli_bad_option("claims", ch, argv[optind - 1]);
        }
    }
    if (strcmp(a->format, "text") != 0 && strcmp(a->format, "json") != 0 &&
        strcmp(a->format, "csv") != 0)
        return ct_cli_usage_error("claims", "--format expects text, json or csv, got '%s'",
                                  a->format);
    return -1;
}

/* Build the view and write it to -o FILE or standard output. */
static int list(const claims_args *a, const ct_report *report)
{
    ct_claims_view *view;
    if (ct_claims_view_build(&view, report->corpus, report->conflicts, &a->filter) < 0) {
        fprintf(stderr, "claimtrack: out of memory\n");
        return CT_EXIT_USAGE;
    }
    ct_cli_output out;
    int status = ct_cli_output_open(&out, a->output);
    if (status == 0) {
        /* text is for people: no control characters reach them */
        FILE *fp = strcmp(a->format, "text") == 0 ? ct_cli_term_open(out.fp, 0) : NULL;
        int rc = ct_claims_write(report, view, a->format, fp ? fp : out.fp);
        if (ct_cli_term_close(fp, out.fp) < 0 && rc == 0)
            rc = CT_EIO;
        if (rc < 0)
            fprintf(stderr, "claimtrack: cannot write the claims: %s\n",
                    rc == CT_ENOMEM ? "out of memory" : "write error");
        status = ct_cli_output_close(&out, rc == 0);
    }
    ct_claims_view_free(view);
    return status;
}

int ct_cmd_claims(int argc, char **argv)
{
    claims_args a = {.format = "text"};
    int status = parse(argc, argv, &a);
    if (status >= 0)
        return status;
    char **paths = argv + optind;
    int n_paths = argc - optind;
    ct_corpus *corpus;
    ct_conflict_set *set;
    if ((status = ct_cli_analyse(&corpus, &set, paths, n_paths, NULL)) != 0)
        return status;
    const char *what = NULL;
    ct_review_set *reviews = NULL;
    char *reviews_path = ct_cli_reviews_path(a.reviews, paths, n_paths);
    if (ct_claims_filter_check(&what, corpus, &a.filter) < 0) {
        const char *name = strcmp(what, "topic") == 0     ? a.filter.topic
                           : strcmp(what, "subject") == 0 ? a.filter.subject
                                                          : a.filter.source;
        status = ct_cli_usage_error("claims", "unknown %s '%s'", what, name);
    } else if (!reviews_path) {
        fprintf(stderr, "claimtrack: out of memory\n");
        status = CT_EXIT_USAGE;
    } else if ((status = ct_cli_load_reviews(&reviews, reviews_path, set)) == 0) {
        const char *outputs[] = {a.output}, *inputs[] = {reviews_path};
        status = ct_cli_outputs_check(outputs, 1, corpus, inputs, 1, paths, n_paths);
        ct_report report = {
            .corpus = corpus, .conflicts = set, .reviews = reviews, .options = a.options};
        if (status == 0)
            status = list(&a, &report);
    }
    ct_review_set_free(reviews);
    ct_free(reviews_path);
    ct_conflict_set_free(set);
    ct_corpus_free(corpus);
    return status;
}
