/*
 * text.c - the terminal report: per topic, each conflict with its positions,
 * the claims behind them and their quotes, then a summary line.
 */
#include "report_int.h"
#include "claimtrack/common.h"

#include <string.h>

typedef struct {
    const char *bold, *dim, *red, *yellow, *cyan, *reset;
} palette;

static palette colours(int on)
{
    palette p = {"", "", "", "", "", ""};
    if (on) {
        p.bold = "\033[1m";
        p.dim = "\033[2m";
        p.red = "\033[31m";
        p.yellow = "\033[33m";
        p.cyan = "\033[36m";
        p.reset = "\033[0m";
    }
    return p;
}

static const char *severity_colour(const palette *p, ct_severity s)
{
    return s == CT_SEVERITY_HIGH ? p->red : s == CT_SEVERITY_MEDIUM ? p->yellow : "";
}

int ct_report_write_conflict_text(const ct_report *r, const ct_conflict *c, FILE *out)
{
    palette p = colours(r->color);
    const ct_property *prop = ct_report__property(r, c);
    fprintf(out, "%s%s%s  %s%s%s  %s  %s · %s\n", p.bold, c->id, p.reset,
            severity_colour(&p, c->severity), ct_severity_name(c->severity), p.reset,
            ct_conflict_type_name(c->type), c->subject, prop->name);
    for (size_t i = 0; i < c->n_positions; i++) {
        const ct_position *pos = &c->positions[i];
        fprintf(out, "  %s[%zu]%s %s%s%s\n", p.cyan, i + 1, p.reset,
                pos->denies ? "denies: " : "", pos->display, "");
        for (size_t j = 0; j < pos->n_claims; j++) {
            const ct_claim *cl = ct_report__claim(r, pos->claims[j]);
            fprintf(out, "      %s (%s", cl->id, cl->source);
            if (cl->claimant)
                fprintf(out, ", claimant: %s", cl->claimant);
            if (cl->hedge)
                fprintf(out, ", %s", cl->hedge);
            if (cl->as_of)
                fprintf(out, ", as of %s", cl->as_of);
            fprintf(out, ")\n        %s\"%s\"%s\n", p.dim, cl->quote, p.reset);
        }
    }
    const json_t *entry;
    ct_review_state st = ct_review_state_of(r->reviews, c, &entry);
    const char *blocking = ct_review_blocks(r->fail_on, st) ? " (blocking)" : "";
    if (!entry) {
        fprintf(out, "  review: %sunreviewed%s%s\n", p.red, p.reset, blocking);
    } else {
        const char *date = json_string_value(json_object_get(entry, "date"));
        const char *by = json_string_value(json_object_get(entry, "reviewer"));
        const char *note = json_string_value(json_object_get(entry, "note"));
        if (st == CT_REVIEW_STALE)
            fprintf(out, "  review: %sstale%s%s: %s by %s on %s, and the claims changed since\n",
                    p.yellow, p.reset, blocking,
                    json_string_value(json_object_get(entry, "status")), by, date);
        else
            fprintf(out, "  review: %s by %s on %s%s\n", ct_review_state_name(st), by, date,
                    blocking);
        fprintf(out, "    %s\n", note ? note : "");
    }
    fprintf(out, "  clashes:");
    for (size_t i = 0; i < c->n_clashes; i++)
        fprintf(out, "%s [%zu]x[%zu]", i ? "," : "", c->clashes[i].a + 1, c->clashes[i].b + 1);
    if (c->clashes_truncated)
        fprintf(out, " (first %d shown)", CT_CLASHES_MAX);
    fputc('\n', out);
    return ferror(out) ? CT_EIO : 0;
}

int ct_report__write_text(const ct_report *r, const json_t *model, FILE *out)
{
    (void)model;
    palette p = colours(r->color);
    size_t n_claims, n_sources, n_topics;
    ct_corpus_claims(r->corpus, &n_claims);
    ct_corpus_sources(r->corpus, &n_sources);
    const ct_topic *topics = ct_corpus_topics(r->corpus, &n_topics);
    const ct_conflict_set *set = r->conflicts;
    size_t sev[3] = {0, 0, 0};
    /* conflicts come grouped by topic id (canonical order) */
    for (size_t i = 0; i < set->n_conflicts; i++) {
        const ct_conflict *c = &set->conflicts[i];
        size_t t = c->topic;
        if (i == 0 || set->conflicts[i - 1].topic != t)
            fprintf(out, "%s== %s (%s) ==%s\n\n", p.bold, topics[t].title, topics[t].id, p.reset);
        int rc = ct_report_write_conflict_text(r, c, out);
        if (rc < 0)
            return rc;
        fputc('\n', out);
        sev[c->severity]++;
    }
    if (set->n_revisions) {
        size_t n;
        const ct_claim *claims = ct_corpus_claims(r->corpus, &n);
        fprintf(out, "%sRevisions%s\n", p.bold, p.reset);
        for (size_t i = 0; i < set->n_revisions; i++) {
            const ct_claim *a = &claims[set->revisions[i].claim];
            const ct_claim *b = &claims[set->revisions[i].by];
            fprintf(out, "  %s · %s: %s revised %s%s (%s, as of %s) to %s%s (%s, as of %s)\n",
                    a->subject, topics[a->topic].properties[a->property].name,
                    a->claimant ? a->claimant : a->source, a->denies ? "denies: " : "",
                    a->display, a->id, a->as_of, b->denies ? "denies: " : "", b->display, b->id,
                    b->as_of);
        }
        fputc('\n', out);
    }
    fprintf(out,
            "%zu claim%s from %zu source%s in %zu topic%s: %zu group%s, %zu conflict%s "
            "(%zu high, %zu medium, %zu low), %zu revision%s\n",
            n_claims, n_claims == 1 ? "" : "s", n_sources, n_sources == 1 ? "" : "s", n_topics,
            n_topics == 1 ? "" : "s", set->n_groups, set->n_groups == 1 ? "" : "s",
            set->n_conflicts, set->n_conflicts == 1 ? "" : "s", sev[2], sev[1], sev[0],
            set->n_revisions, set->n_revisions == 1 ? "" : "s");
    size_t blocking = ct_report_blocking(r);
    if (blocking) {
        fprintf(out, "\n%s%zu conflict%s block%s the build:%s\n", p.red, blocking,
                blocking == 1 ? "" : "s", blocking == 1 ? "s" : "", p.reset);
        for (size_t i = 0; i < set->n_conflicts; i++) {
            const ct_conflict *c = &set->conflicts[i];
            ct_review_state st = ct_review_state_of(r->reviews, c, NULL);
            if (ct_review_blocks(r->fail_on, st))
                fprintf(out, "  %s (%s): claimtrack review %s --status confirmed|dismissed|resolved --note TEXT\n",
                        c->id, ct_review_state_name(st), c->id);
        }
    }
    return ferror(out) ? CT_EIO : 0;
}
