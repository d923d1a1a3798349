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

void ct_report__review_commands(FILE *out, const ct_report_conflict *rc, const char *indent)
{
    const char *id = rc->conflict->id;
    const char *claim =
        rc->n_positions && rc->positions[0].n_claims ? rc->positions[0].claims[0]->id : "CLAIM-ID";
    fprintf(out, "%sclaimtrack review %s --status confirmed --note 'why'\n", indent, id);
    fprintf(out, "%sclaimtrack review %s --status dismissed --note 'why'\n", indent, id);
    fprintf(out, "%sclaimtrack review %s --status resolved --prefer %s --note 'why'\n", indent, id,
            claim);
}

static void write_review(FILE *out, const palette *p, const ct_report_review *rv)
{
    const char *blocking = rv->blocking ? " (blocking)" : "";
    if (rv->state == CT_REVIEW_UNREVIEWED) {
        fprintf(out, "  review: %sunreviewed%s%s\n", p->red, p->reset, blocking);
        return;
    }
    if (rv->state == CT_REVIEW_STALE) {
        fprintf(out, "  review: %sstale%s%s: %s by %s on %s, and the claims changed since%s\n",
                p->yellow, p->reset, blocking, rv->status, rv->reviewer, rv->date,
                rv->n_changes ? ":" : "");
        for (size_t i = 0; i < rv->n_changes; i++)
            fprintf(out, "    - %s\n", rv->changes[i].text);
    } else
        fprintf(out, "  review: %s by %s on %s%s\n", ct_review_state_name(rv->state), rv->reviewer,
                rv->date, blocking);
    fprintf(out, "    %s\n", rv->note ? rv->note : "");
}

int ct_report__write_conflict_text(const ct_report_model *m, const ct_report_conflict *rc,
                                   FILE *out)
{
    palette p = colours(m->color);
    const ct_conflict *c = rc->conflict;
    fprintf(out, "%s%s%s  %s%s%s  %s  %s\n", p.bold, c->id, p.reset,
            severity_colour(&p, c->severity), ct_severity_name(c->severity), p.reset,
            ct_conflict_type_name(c->type), rc->title);
    if (rc->rule_text)
        fprintf(out, "  rule: %s\n", rc->rule_text);
    for (size_t i = 0; i < rc->n_positions; i++) {
        const ct_report_position *pos = &rc->positions[i];
        char lb[512];
        fprintf(out, "  %s[%zu]%s %s%s%s%s%s\n", p.cyan, i + 1, p.reset,
                rc->rule ? ct_report__position_label(rc, pos, lb, sizeof lb) : "",
                rc->rule ? ": " : "",
                pos->questions ? "questions: "
                : pos->denies  ? "denies: "
                               : "",
                pos->display, i == 0 && rc->preferred ? "  (preferred by the resolution)" : "");
        for (size_t j = 0; j < pos->n_claims; j++) {
            const ct_claim *cl = pos->claims[j];
            fprintf(out, "      %s (%s", cl->id, cl->source);
            if (cl->claimant)
                fprintf(out, ", claimant: %s", cl->claimant);
            if (cl->hedge)
                fprintf(out, ", %s", cl->hedge);
            if (cl->scope_basis == CT_SCOPE_PUBLISHED)
                fprintf(out, ", as of %s (published)", cl->scope_text);
            else if (cl->scope_basis == CT_SCOPE_ALWAYS)
                fprintf(out, ", undated (any time)");
            else if (cl->as_of) /* "as of 2025-06", "from 2025-06-27", "until 2025" */
                fprintf(out, ", %s%s", cl->as_of[0] >= '0' && cl->as_of[0] <= '9' ? "as of " : "",
                        cl->as_of);
            fprintf(out, ")\n        %s\"%s\"%s\n", p.dim, cl->quote, p.reset);
        }
    }
    fputs("  severity:", out);
    for (size_t i = 0; i < c->n_severity_reasons; i++)
        fprintf(out, "%s %s", i ? ";" : "", c->severity_reasons[i]);
    fputc('\n', out);
    write_review(out, &p, &rc->review);
    if (rc->baseline != CT_BASELINE_NONE)
        fprintf(out, "  baseline: %s\n", ct_report__baseline_state_name(rc->baseline));
    for (size_t i = 0; c->rule && i < c->n_violations; i++) {
        const ct_rule_violation *v = &c->violations[i];
        fprintf(out, "  rule %s:", c->rule);
        for (size_t k = 0; k < v->n_positions; k++)
            fprintf(out, " [%zu]", ct_report__position_index(rc, v->positions[k]) + 1);
        fprintf(out, ": %s\n", v->arithmetic);
    }
    if (c->rule) {
        if (c->clashes_truncated)
            fprintf(out, "  (first %d shown)\n", CT_CLASHES_MAX);
        return ferror(out) ? CT_EIO : 0;
    }
    fprintf(out, "  clashes:");
    for (size_t i = 0; i < rc->n_clashes; i++)
        fprintf(out, "%s [%zu]x[%zu]", i ? "," : "", rc->clashes[i].a + 1, rc->clashes[i].b + 1);
    if (c->clashes_truncated)
        fprintf(out, " (first %d shown)", CT_CLASHES_MAX);
    fputc('\n', out);
    return ferror(out) ? CT_EIO : 0;
}

static void write_revisions(FILE *out, const palette *p, const ct_report_model *m)
{
    if (!m->n_revisions)
        return;
    fprintf(out, "%sRevisions%s\n", p->bold, p->reset);
    for (size_t i = 0; i < m->n_revisions; i++) {
        const ct_report_revision *v = &m->revisions[i];
        const ct_claim *a = v->from, *b = v->to;
        fprintf(out, "  %s · %s: %s revised %s%s (%s, %s%s%s) to %s%s (%s, %s%s%s)\n", a->subject,
                v->property->name, v->claimant, ct_report__stance_prefix(a), a->display, a->id,
                v->from_basis, v->from_date ? " " : "", v->from_date ? v->from_date : "",
                ct_report__stance_prefix(b), b->display, b->id, v->to_basis, v->to_date ? " " : "",
                v->to_date ? v->to_date : "");
    }
    fputc('\n', out);
}

static const char *plural(size_t n) { return n == 1 ? "" : "s"; }

int ct_report__write_text(const ct_report_model *m, FILE *out)
{
    palette p = colours(m->color);
    const ct_report_summary *s = &m->summary;
    /* conflicts come grouped by topic id (canonical order) */
    for (size_t i = 0; i < m->n_conflicts; i++) {
        const ct_report_conflict *c = &m->conflicts[i];
        const ct_topic *t = c->topic;
        if (i == 0 || m->conflicts[i - 1].topic != t)
            fprintf(out, "%s== %s (%s) ==%s\n\n", p.bold, t->title, t->id, p.reset);
        int rc = ct_report__write_conflict_text(m, c, out);
        if (rc < 0)
            return rc;
        fputc('\n', out);
    }
    write_revisions(out, &p, m);
    fprintf(out,
            "%zu claim%s from %zu source%s in %zu topic%s: %zu group%s, %zu conflict%s "
            "(%zu high, %zu medium, %zu low), %zu revision%s\n",
            s->claims, plural(s->claims), s->sources, plural(s->sources), s->topics,
            plural(s->topics), s->groups, plural(s->groups), s->conflicts, plural(s->conflicts),
            s->severity[CT_SEVERITY_HIGH], s->severity[CT_SEVERITY_MEDIUM],
            s->severity[CT_SEVERITY_LOW], s->revisions, plural(s->revisions));
    if (m->has_baseline) {
        const size_t *b = s->baseline;
        fprintf(out, "against the baseline: %zu new, %zu updated, %zu unchanged, %zu absent\n",
                b[CT_BASELINE_NEW], b[CT_BASELINE_UPDATED], b[CT_BASELINE_UNCHANGED],
                b[CT_BASELINE_ABSENT]);
        for (size_t i = 0; i < m->n_absent; i++) {
            const ct_report_absent *x = &m->absent[i];
            fprintf(out, "  absent: %s", x->id);
            if (x->title)
                fprintf(out, " (%s)", x->title);
            else if (x->subject && x->property)
                fprintf(out, " (%s · %s)", x->subject, x->property);
            fputc('\n', out);
        }
    }
    if (s->blocking) {
        fprintf(out, "\n%s%zu conflict%s block%s the build:%s\n", p.red, s->blocking,
                plural(s->blocking), s->blocking == 1 ? "s" : "", p.reset);
        for (size_t i = 0; i < m->n_conflicts; i++) {
            const ct_report_conflict *c = &m->conflicts[i];
            if (!c->review.blocking)
                continue;
            fprintf(out, "  %s (%s%s%s): review with one of\n", c->conflict->id,
                    ct_review_state_name(c->review.state), c->baseline ? ", " : "",
                    c->baseline ? ct_report__baseline_state_name(c->baseline) : "");
            ct_report__review_commands(out, c, "    ");
        }
    }
    return ferror(out) ? CT_EIO : 0;
}
