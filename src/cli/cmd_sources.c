/*
 * cmd_sources.c - `claimtrack sources`: each source's claims, conflicts and
 * agreement with the majority.
 *
 * The majority position of a conflict is the one backed by the most distinct
 * sources (ties: none is the majority).  A source "stands with the majority"
 * in a conflict when one of its claims is in that position.  A position that
 * only questions a value takes no stand.  A rule conflict has no majority:
 * its positions are about different properties; a source in one clashes with
 * the sources chosen with it in a violation.
 */
#include "cli.h"
#include "claimtrack/common.h"
#include "claimtrack/report.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
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
    if (c->type == CT_CONFLICT_RULE)
        return -1;
    for (size_t i = 0; i < c->n_positions; i++) {
        if (c->positions[i].questions)
            continue;
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

static int holds(const ct_claim *claims, const ct_position *p, const char *id)
{
    for (size_t k = 0; k < p->n_claims; k++)
        if (claims[p->claims[k]].source == id)
            return 1;
    return 0;
}

/* The sources that rule conflict `c` sets against source `id`: those holding
 * a position on the other side of a violation that one of its positions is
 * in. */
static void print_rule_partners(const ct_corpus *corpus, const ct_conflict *c, const char *id)
{
    size_t n_sources, n_claims, shown = 0;
    int in_violation = 0;
    const ct_source *sources = ct_corpus_sources(corpus, &n_sources);
    const ct_claim *claims = ct_corpus_claims(corpus, &n_claims);
    for (size_t v = 0; v < c->n_violations && !in_violation; v++)
        for (size_t a = 0; a < c->violations[v].n_positions; a++)
            in_violation |= holds(claims, &c->positions[c->violations[v].positions[a]], id);
    if (!in_violation) {
        printf("in no violation of rule %s", c->rule);
        return;
    }
    for (size_t s = 0; s < n_sources; s++) {
        const char *other = sources[s].id;
        int clash = 0;
        size_t n_left = c->rule_def ? c->rule_def->n_left : 1;
        for (size_t v = 0; other != id && v < c->n_violations && !clash; v++) {
            const ct_rule_violation *vi = &c->violations[v];
            for (size_t a = 0; a < vi->n_positions && !clash; a++)
                for (size_t b = 0; b < vi->n_positions && !clash; b++)
                    clash = (a < n_left) != (b < n_left) &&
                            holds(claims, &c->positions[vi->positions[a]], id) &&
                            holds(claims, &c->positions[vi->positions[b]], other);
        }
        if (!clash)
            continue;
        if (!shown++)
            printf("clashes by rule %s with ", c->rule);
        else
            printf(", ");
        printf("%s", other);
    }
    if (!shown)
        printf("no other source across rule %s", c->rule);
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* sources --matrix: each pair of sources speaking on the same groups. */
static int print_matrix(const ct_corpus *corpus, const ct_conflict_set *set)
{
    size_t n;
    const ct_source *sources = ct_corpus_sources(corpus, &n);
    const char **ids = ct_calloc(n ? n : 1, sizeof *ids);
    ct_agreement *cells = NULL;
    if (!ids) {
        fprintf(stderr, "claimtrack: out of memory\n");
        return CT_EXIT_USAGE;
    }
    for (size_t i = 0; i < n; i++)
        ids[i] = sources[i].id;
    qsort(ids, n, sizeof *ids, cmp_str);
    if (ct_source_agreement(&cells, corpus, set, (const char *const *)ids, n) < 0) {
        ct_free(ids);
        fprintf(stderr, "claimtrack: out of memory\n");
        return CT_EXIT_USAGE;
    }
    size_t pairs = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            const ct_agreement *a = &cells[i * n + j];
            size_t both = a->agree + a->clash;
            if (!both)
                continue;
            if (!pairs++)
                printf("source pairs on the same groups: groups, agree, clash\n");
            printf("  %s · %s: %zu group%s, %zu agree, %zu clash (%.0f%% clash)\n", ids[i], ids[j],
                   both, both == 1 ? "" : "s", a->agree, a->clash,
                   100.0 * (double)a->clash / (double)both);
        }
    if (!pairs)
        printf("no two sources speak on the same group\n");
    ct_free(cells);
    ct_free(ids);
    return ct_cli_stdout_done();
}

/* A source's title, author, publisher, date and claim count. */
static void print_source_head(const ct_source *src, size_t n_claims)
{
    printf("%s: %s\n", src->id, src->title);
    /* a publisher is not an author: each under its own name */
    if (src->author)
        printf("  author: %s\n", src->author);
    if (src->publisher)
        printf("  publisher: %s\n", src->publisher);
    if (src->published)
        printf("  published: %s\n", src->published);
    printf("  claims: %zu\n", n_claims);
}

int ct_cmd_sources(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"matrix", no_argument, NULL, 'm'}, {"help", no_argument, NULL, 'h'}, {0, 0, 0, 0}};
    int ch, matrix = 0;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        if (ch == 'h')
            return ct_cli_print_help("sources");
        if (ch != 'm')
            return ct_cli_bad_option("sources", ch, argv[optind - 1]);
        matrix = 1;
    }
    ct_corpus *corpus;
    ct_conflict_set *set;
    int status = ct_cli_analyse(&corpus, &set, argv + optind, argc - optind, NULL);
    if (status)
        return status;
    if (matrix) {
        status = print_matrix(corpus, set);
        ct_conflict_set_free(set);
        ct_corpus_free(corpus);
        return status;
    }
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
        print_source_head(&sources[s], nc);
        for (size_t i = 0; i < set->n_conflicts; i++) {
            const ct_conflict *c = &set->conflicts[i];
            /* its stand: a position that does not only question, else one
             * that does */
            long found = -1;
            for (size_t p = 0; p < c->n_positions; p++)
                if (holds(claims, &c->positions[p], id) &&
                    (found < 0 || (c->positions[found].questions && !c->positions[p].questions)))
                    found = (long)p;
            if (found < 0)
                continue;
            if (!in)
                printf("  conflicts:\n");
            in++;
            const ct_position *fp = &c->positions[found];
            const ct_property *prop =
                &topics[c->topic]
                     .properties[c->type == CT_CONFLICT_RULE ? fp->property : c->property];
            if (c->type == CT_CONFLICT_RULE) {
                printf("    %s rule %s · %s: %s%s%s: %s (", c->id, c->rule, c->subject,
                       strcmp(fp->subject, c->subject) ? fp->subject : "",
                       strcmp(fp->subject, c->subject) ? " · " : "", prop->name, fp->display);
                print_rule_partners(corpus, c, id);
                printf(")\n");
                continue;
            }
            const char *stand = fp->questions          ? "questions it: neither agrees nor clashes"
                                : majority[i] < 0      ? "no majority"
                                : majority[i] == found ? "with the majority"
                                                       : "against the majority";
            if (majority[i] >= 0 && !fp->questions) {
                decided++;
                with += majority[i] == found;
            }
            printf("    %s %s · %s: %s%s (%s)\n", c->id, c->subject, prop->name,
                   fp->questions ? "questions: "
                   : fp->denies  ? "denies: "
                                 : "",
                   fp->display, stand);
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
