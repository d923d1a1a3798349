/*
 * cmd_sources.c - `claimtrack sources`: each source's claims, conflicts and
 * agreement with the majority.
 *
 * The majority position of a conflict is the one backed by the most distinct
 * sources (ties: none is the majority).  A source "stands with the majority"
 * in a conflict when one of its claims is in that position.
 */
#include "cli.h"
#include "claimtrack/common.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static size_t distinct_sources(const ct_claim *claims, const ct_position *p)
{
    size_t n = 0;
    for (size_t i = 0; i < p->n_claims; i++) {
        size_t j;
        for (j = 0; j < i; j++)
            if (claims[p->claims[j]].source == claims[p->claims[i]].source)
                break;
        n += j == i;
    }
    return n;
}

static long majority_position(const ct_claim *claims, const ct_conflict *c)
{
    long best = -1;
    size_t best_n = 0;
    int tie = 0;
    for (size_t i = 0; i < c->n_positions; i++) {
        size_t n = distinct_sources(claims, &c->positions[i]);
        if (n > best_n) {
            best = (long)i;
            best_n = n;
            tie = 0;
        } else if (n == best_n) {
            tie = 1;
        }
    }
    return tie ? -1 : best;
}

int ct_cmd_sources(int argc, char **argv)
{
    int done = ct_cli_no_options(argc, argv, "sources");
    if (done >= 0)
        return done;
    ct_corpus *corpus;
    ct_conflict_set *set;
    int status = ct_cli_analyse(&corpus, &set, argv + optind, argc - optind, NULL);
    if (status)
        return status;
    size_t n_sources, n_claims, n_topics;
    const ct_source *sources = ct_corpus_sources(corpus, &n_sources);
    const ct_topic *topics = ct_corpus_topics(corpus, &n_topics);
    const ct_claim *claims = ct_corpus_claims(corpus, &n_claims);
    long *majority = ct_calloc(set->n_conflicts ? set->n_conflicts : 1, sizeof *majority);
    if (!majority) {
        fprintf(stderr, "claimtrack: out of memory\n");
        status = CT_EXIT_USAGE;
        goto done;
    }
    for (size_t i = 0; i < set->n_conflicts; i++)
        majority[i] = majority_position(claims, &set->conflicts[i]);
    for (size_t s = 0; s < n_sources; s++) {
        const char *id = sources[s].id;
        size_t nc = 0, in = 0, decided = 0, with = 0;
        for (size_t i = 0; i < n_claims; i++)
            nc += claims[i].source == id;
        printf("%s: %s\n", id, sources[s].title);
        if (sources[s].author || sources[s].publisher)
            printf("  by %s%s%s\n", sources[s].author ? sources[s].author : "",
                   sources[s].author && sources[s].publisher ? ", " : "",
                   sources[s].publisher ? sources[s].publisher : "");
        printf("  claims: %zu\n", nc);
        for (size_t i = 0; i < set->n_conflicts; i++) {
            const ct_conflict *c = &set->conflicts[i];
            long found = -1;
            for (size_t p = 0; p < c->n_positions && found < 0; p++)
                for (size_t k = 0; k < c->positions[p].n_claims; k++)
                    if (claims[c->positions[p].claims[k]].source == id) {
                        found = (long)p;
                        break;
                    }
            if (found < 0)
                continue;
            if (!in)
                printf("  conflicts:\n");
            in++;
            const char *stand = majority[i] < 0 ? "no majority"
                                : majority[i] == found ? "with the majority"
                                                       : "against the majority";
            if (majority[i] >= 0) {
                decided++;
                with += majority[i] == found;
            }
            printf("    %s %s · %s: %s%s (%s)\n", c->id, c->subject,
                   topics[c->topic].properties[c->property].name,
                   c->positions[found].denies ? "denies: " : "", c->positions[found].display,
                   stand);
        }
        if (decided)
            printf("  with the majority in %zu of %zu conflicts with a majority (%.0f%%)\n", with,
                   decided, 100.0 * (double)with / (double)decided);
        else
            printf("  in %zu conflict%s, none with a clear majority\n", in, in == 1 ? "" : "s");
    }
    status = ct_cli_stdout_done();
done:
    ct_free(majority);
    ct_conflict_set_free(set);
    ct_corpus_free(corpus);
    return status;
}
