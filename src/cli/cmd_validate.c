/*
 * cmd_validate.c - `claimtrack validate`: schema and model checks only.
 */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>

int ct_cmd_validate(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"archive", required_argument, NULL, 'a'}, {"require-archive", no_argument, NULL, 'r'},
        {"jobs", required_argument, NULL, 'j'},    {"max-input-size", required_argument, NULL, 'M'},
        {"help", no_argument, NULL, 'h'},          {0, 0, 0, 0}};
    ct_cli_load_options lo = {.archive = NULL};
    int ch;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":j:h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'a': lo.archive = optarg; break;
        case 'r': lo.require_archive = 1; break;
        case 'j':
            if ((lo.jobs = ct_cli_jobs(optarg)) < 0)
                return ct_cli_usage_error("validate",
                                          "--jobs expects a number from 1 to 64, got '%s'", optarg);
            break;
        case 'M':
            if (ct_cli_size(optarg, &lo.max_input) < 0)
                return ct_cli_usage_error(
                    "validate",
                    "--max-input-size expects a size in bytes like 65536, 10M or 4G, got '%s'",
                    optarg);
            break;
        case 'h': return ct_cli_print_help("validate");
        default: return ct_cli_bad_option("validate", ch, argv[optind - 1]);
        }
    }
    ct_corpus *corpus;
    int status = ct_cli_load(&corpus, argv + optind, argc - optind, &lo, 0);
    if (status)
        return status;
    size_t n_claims, n_topics, n_sources;
    ct_corpus_claims(corpus, &n_claims);
    ct_corpus_topics(corpus, &n_topics);
    ct_corpus_sources(corpus, &n_sources);
    fprintf(stderr, "valid: %zu claim%s, %zu topic%s, %zu source%s%s\n", n_claims,
            n_claims == 1 ? "" : "s", n_topics, n_topics == 1 ? "" : "s", n_sources,
            n_sources == 1 ? "" : "s",
            !lo.archive          ? ""
            : lo.require_archive ? "; every quote found in its archived source"
                                 : "; every quote of an archived source found in it");
    ct_corpus_free(corpus);
    return CT_EXIT_OK;
}
