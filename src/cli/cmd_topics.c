/*
 * cmd_topics.c - `claimtrack topics`: one line per topic.
 */
#include "cli.h"
#include "claimtrack/common.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

int ct_cmd_topics(int argc, char **argv)
{
    int done = ct_cli_no_options(argc, argv, "topics");
    if (done >= 0)
        return done;
    ct_corpus *corpus;
    ct_conflict_set *set;
    int status = ct_cli_analyse(&corpus, &set, argv + optind, argc - optind, NULL);
    if (status)
        return status;
    size_t n_topics, n_claims, n_sources;
    const ct_topic *topics = ct_corpus_topics(corpus, &n_topics);
    const ct_claim *claims = ct_corpus_claims(corpus, &n_claims);
    ct_corpus_sources(corpus, &n_sources);
    const char **seen = ct_calloc(n_sources ? n_sources : 1, sizeof *seen);
    if (!seen) {
        fprintf(stderr, "claimtrack: out of memory\n");
        status = CT_EXIT_USAGE;
        goto done;
    }
    printf("%-28s %7s %8s %10s  %s\n", "TOPIC", "CLAIMS", "SOURCES", "CONFLICTS", "TITLE");
    for (size_t t = 0; t < n_topics; t++) {
        size_t nc = 0, ns = 0, nconf = 0;
        for (size_t i = 0; i < n_claims; i++) {
            if (claims[i].topic != t)
                continue;
            nc++;
            size_t k;
            for (k = 0; k < ns && seen[k] != claims[i].source; k++)
                ;
            if (k == ns && ns < n_sources)
                seen[ns++] = claims[i].source;
        }
        for (size_t i = 0; i < set->n_conflicts; i++)
            nconf += set->conflicts[i].topic == t;
        printf("%-28s %7zu %8zu %10zu  %s\n", topics[t].id, nc, ns, nconf, topics[t].title);
    }
    status = ct_cli_stdout_done();
done:
    ct_free((void *)seen);
    ct_conflict_set_free(set);
    ct_corpus_free(corpus);
    return status;
}
