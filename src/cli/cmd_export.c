/*
 * cmd_export.c - `claimtrack export`: the whole corpus as one JSON or XML
 * document, loadable on its own, or every claim as CSV (the columns of
 * `check --format csv`, with each claim's conflict and review where it has
 * one).
 */
#include "cli.h"
#include "claimtrack/common.h"
#include "claimtrack/report.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

/* Every claim as CSV: the conflicts' claims with their conflict and review
 * (the reviews file `reviews`), then every other claim. */
static int export_csv(const ct_corpus *corpus, const char *reviews, unsigned options, FILE *out)
{
    ct_conflict_set *set = NULL;
    ct_review_set *rs = NULL;
    int rc = ct_conflict_find(&set, corpus);
    if (rc < 0)
        return rc;
    if (ct_cli_load_reviews(&rs, reviews, set) != 0) {
        ct_conflict_set_free(set);
        return CT_EINVALID;
    }
    ct_report report = {.corpus = corpus, .conflicts = set, .reviews = rs, .options = options};
    rc = ct_report_write(&report, "csv", out);
    ct_review_set_free(rs);
    ct_conflict_set_free(set);
    return rc;
}

int ct_cmd_export(int argc, char **argv)
{
    static const struct option longopts[] = {{"format", required_argument, NULL, 'f'},
                                             {"output", required_argument, NULL, 'o'},
                                             {"csv-bom", no_argument, NULL, 'U'},
                                             {"help", no_argument, NULL, 'h'},
                                             {0, 0, 0, 0}};
    const char *format = "json", *output = NULL;
    int ch;
    unsigned csv_options = CT_REPORT_CSV_ALL_CLAIMS;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":f:o:h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'f': format = optarg; break;
        case 'o': output = optarg; break;
        case 'U': csv_options |= CT_REPORT_CSV_BOM; break;
        case 'h': return ct_cli_print_help("export");
        default: return ct_cli_bad_option("export", ch, argv[optind - 1]);
        }
    }
    if (strcmp(format, "json") != 0 && strcmp(format, "xml") != 0 && strcmp(format, "csv") != 0)
        return ct_cli_usage_error("export", "--format expects json, xml or csv, got '%s'", format);
    ct_corpus *corpus;
    int status = ct_cli_load(&corpus, argv + optind, argc - optind, NULL, 1);
    if (status)
        return status;
    ct_cli_output out;
    const char *outputs[] = {output};
    /* the corpus's reviews are not exported, but must survive -o */
    char *reviews = ct_cli_reviews_path(NULL, argv + optind, argc - optind);
    const char *inputs[] = {reviews};
    if (!reviews)
        fprintf(stderr, "claimtrack: out of memory\n");
    status = reviews
                 ? ct_cli_outputs_check(outputs, 1, corpus, inputs, 1, argv + optind, argc - optind)
                 : CT_EXIT_USAGE;
    const char *reviews_path = reviews;
    if (status == 0 && (status = ct_cli_output_open(&out, output)) == 0) {
        int rc;
        if (strcmp(format, "csv") == 0) {
            rc = export_csv(corpus, reviews_path, csv_options, out.fp);
        } else if (strcmp(format, "xml") == 0) {
            rc = ct_corpus_export_xml(corpus, out.fp);
        } else {
            json_t *doc = ct_corpus_export(corpus);
            char *text = doc ? ct_corpus_export_text(doc) : NULL;
            rc = !text                                                      ? CT_ENOMEM
                 : fputs(text, out.fp) != EOF && fputc('\n', out.fp) != EOF ? 0
                                                                            : CT_EIO;
            free(text);
            json_decref(doc);
        }
        if (rc < 0)
            fprintf(stderr, "claimtrack: cannot write the export\n");
        status = ct_cli_output_close(&out, rc == 0);
    }
    ct_free(reviews);
    ct_corpus_free(corpus);
    return status;
}
