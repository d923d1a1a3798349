/*
 * cmd_export.c - `claimtrack export`: the whole corpus as one JSON or XML
 * document, loadable on its own.
 */
#include "cli.h"
#include "claimtrack/common.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

int ct_cmd_export(int argc, char **argv)
{
    static const struct option longopts[] = {{"format", required_argument, NULL, 'f'},
                                             {"output", required_argument, NULL, 'o'},
                                             {"help", no_argument, NULL, 'h'},
                                             {0, 0, 0, 0}};
    const char *format = "json", *output = NULL;
    int ch;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":f:o:h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'f': format = optarg; break;
        case 'o': output = optarg; break;
        case 'h': return ct_cli_print_help("export");
        default: return ct_cli_bad_option("export", ch, argv[optind - 1]);
        }
    }
    if (strcmp(format, "json") != 0 && strcmp(format, "xml") != 0)
        return ct_cli_usage_error("export", "--format expects json or xml, got '%s'", format);
    ct_corpus *corpus;
    int status = ct_cli_load(&corpus, argv + optind, argc - optind, NULL, 1);
    if (status)
        return status;
    ct_cli_output out;
    const char *outputs[] = {output};
    /* the corpus's reviews are not exported, but must survive -o */
    char *reviews = ct_cli_reviews_path(NULL, argv + optind, argc - optind);
    const char *inputs[] = {reviews};
    status = reviews
                 ? ct_cli_outputs_check(outputs, 1, corpus, inputs, 1, argv + optind, argc - optind)
                 : CT_EXIT_USAGE;
    ct_free(reviews);
    if (status == 0 && (status = ct_cli_output_open(&out, output)) == 0) {
        int rc;
        if (strcmp(format, "xml") == 0) {
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
    ct_corpus_free(corpus);
    return status;
}
