/*
 * markdown.c - the Markdown report, for a pull-request comment or a CI job
 * summary: a table of conflicts, then each conflict in detail.
 */
#include "report_int.h"
#include "claimtrack/common.h"

#include <string.h>

/* Text inside a table cell or a line: no line breaks, '|' and '<' escaped. */
static void md_text(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '|': fputs("\\|", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '\n':
        case '\r': fputc(' ', out); break;
        case '*':
        case '_':
        case '`':
        case '[':
        case ']':
        case '\\':
            fputc('\\', out);
            fputc(*s, out);
            break;
        default: fputc(*s, out);
        }
    }
}

static const char *state_mark(const ct_report_review *rv)
{
    if (rv->blocking)
        return rv->state == CT_REVIEW_STALE ? "⚠️ stale" : "❌ unreviewed";
    return ct_review_state_name(rv->state);
}

static void summary_line(FILE *out, const ct_report_summary *s)
{
    fprintf(out, "# claimtrack report\n\n");
    fprintf(out,
            "**%zu conflict%s** (%zu high, %zu medium, %zu low) in %zu claims from %zu sources, "
            "%zu topics; **%zu blocking**; %zu revision%s.\n\n",
            s->conflicts, s->conflicts == 1 ? "" : "s", s->severity[CT_SEVERITY_HIGH],
            s->severity[CT_SEVERITY_MEDIUM], s->severity[CT_SEVERITY_LOW], s->claims, s->sources,
            s->topics, s->blocking, s->revisions, s->revisions == 1 ? "" : "s");
}

static void baseline_md(FILE *out, const ct_report_model *m)
{
    if (!m->has_baseline)
        return;
    const size_t *b = m->summary.baseline;
    fprintf(out, "Against the baseline: **%zu new**, %zu updated, %zu unchanged, %zu absent.\n\n",
            b[CT_BASELINE_NEW], b[CT_BASELINE_UPDATED], b[CT_BASELINE_UNCHANGED],
            b[CT_BASELINE_ABSENT]);
    for (size_t i = 0; i < m->n_absent; i++) {
        fprintf(out, "- absent: `%s`", m->absent[i].id);
        if (m->absent[i].title) {
            fputs(" (", out);
            md_text(out, m->absent[i].title);
            fputc(')', out);
        } else if (m->absent[i].subject && m->absent[i].property) {
            fputs(" (", out);
            md_text(out, m->absent[i].subject);
            fputs(" · ", out);
            md_text(out, m->absent[i].property);
            fputc(')', out);
        }
        fputc('\n', out);
    }
    if (m->n_absent)
        fputc('\n', out);
}

static void conflict_table(FILE *out, const ct_report_model *m)
{
    if (!m->n_conflicts)
        return;
    fprintf(out,
            "| Conflict | Topic | Subject · property | Type | Severity | Positions | Review |\n");
    fprintf(out, "|---|---|---|---|---|---|---|\n");
    for (size_t i = 0; i < m->n_conflicts; i++) {
        const ct_report_conflict *rc = &m->conflicts[i];
        const ct_conflict *c = rc->conflict;
        fprintf(out, "| [`%s`](#%s) | ", c->id, c->id);
        md_text(out, rc->topic->id);
        fputs(" | ", out);
        md_text(out, rc->title);
        fprintf(out, " | %s | %s | ", ct_conflict_type_name(c->type),
                ct_severity_name(c->severity));
        for (size_t j = 0; j < rc->n_positions; j++) {
            if (j)
                fputs(" / ", out);
            if (rc->positions[j].denies)
                fputs("denies ", out);
            md_text(out, rc->positions[j].display);
        }
        fprintf(out, " | %s%s%s |\n", state_mark(&rc->review), rc->baseline ? ", " : "",
                rc->baseline ? ct_report__baseline_state_name(rc->baseline) : "");
    }
    fprintf(out, "\n## Details\n");
}

static void conflict_details(FILE *out, const ct_report_conflict *rc)
{
    const ct_conflict *c = rc->conflict;
    const ct_report_review *rv = &rc->review;
    fprintf(out, "\n### <a id=\"%s\"></a>%s: ", c->id, c->id);
    md_text(out, rc->title);
    fprintf(out, "\n\n%s %s conflict in topic `%s`", ct_severity_name(c->severity),
            ct_conflict_type_name(c->type), rc->topic->id);
    if (rc->baseline != CT_BASELINE_NONE)
        fprintf(out, "; **%s** against the baseline", ct_report__baseline_state_name(rc->baseline));
    fputs(".\n\n", out);
    if (rc->rule_text) {
        fputs("Rule: ", out);
        md_text(out, rc->rule_text);
        fputs("\n\n", out);
    }
    for (size_t j = 0; j < rc->n_positions; j++) {
        const ct_report_position *p = &rc->positions[j];
        char lb[512];
        fprintf(out, "%zu. ", j + 1);
        if (rc->rule) {
            md_text(out, ct_report__position_label(rc, p, lb, sizeof lb));
            fputs(": ", out);
        }
        fprintf(out, "**%s", p->denies ? "denies: " : "");
        md_text(out, p->display);
        fputs(j == 0 && rc->preferred ? "** ✅ preferred by the resolution\n" : "**\n", out);
        for (size_t k = 0; k < p->n_claims; k++) {
            const ct_claim *cl = p->claims[k];
            fprintf(out, "   - `%s` (", cl->id);
            md_text(out, cl->source);
            if (cl->claimant) {
                fputs("; claimant: ", out);
                md_text(out, cl->claimant);
            }
            if (cl->hedge)
                fprintf(out, "; %s", cl->hedge);
            if (cl->as_of) {
                fputs("; as of ", out);
                md_text(out, cl->as_of);
            }
            fputs("): “", out);
            md_text(out, cl->quote);
            fputs("”\n", out);
        }
    }
    if (c->rule && c->n_violations) {
        /* the arithmetic of each choice of positions that breaks the rule */
        fputs("\nBreaks the rule:\n\n", out);
        for (size_t i = 0; i < c->n_violations; i++) {
            const ct_rule_violation *v = &c->violations[i];
            fputs("- ", out);
            for (size_t k = 0; k < v->n_positions; k++)
                fprintf(out, "%s%zu", k ? ", " : "positions ",
                        ct_report__position_index(rc, v->positions[k]) + 1);
            fputs(": ", out);
            md_text(out, v->arithmetic);
            fputc('\n', out);
        }
        if (c->clashes_truncated)
            fprintf(out, "- (first %d shown)\n", CT_CLASHES_MAX);
    }
    fprintf(out, "\nReview: **%s**", ct_review_state_name(rv->state));
    if (rv->reviewer) {
        fputs(" by ", out);
        md_text(out, rv->reviewer);
        fputs(" on ", out);
        md_text(out, rv->date ? rv->date : "");
    }
    if (rv->note) {
        fputs(": ", out);
        md_text(out, rv->note);
    }
    fputc('\n', out);
    if (rv->state == CT_REVIEW_STALE && rv->n_changes) {
        fputs("\nChanged since the review:\n\n", out);
        for (size_t i = 0; i < rv->n_changes; i++) {
            fputs("- ", out);
            md_text(out, rv->changes[i].text);
            fputc('\n', out);
        }
    }
    if (rv->blocking) {
        fputs("\nReview with one of:\n\n```sh\n", out);
        ct_report__review_commands(out, rc, "");
        fputs("```\n", out);
    }
}

static void revisions(FILE *out, const ct_report_model *m)
{
    if (m->n_revisions)
        fprintf(out, "\n## Revisions\n\n");
    for (size_t i = 0; i < m->n_revisions; i++) {
        const ct_report_revision *v = &m->revisions[i];
        fputs("- ", out);
        md_text(out, v->from->subject);
        fputs(" · ", out);
        md_text(out, v->property->name);
        fputs(": ", out);
        md_text(out, v->claimant);
        static const char *const verb[] = {" revised ", " to "};
        const ct_claim *side[] = {v->from, v->to};
        const char *date[] = {v->from_date, v->to_date}, *basis[] = {v->from_basis, v->to_basis};
        for (size_t k = 0; k < 2; k++) {
            fprintf(out, "%s**%s", verb[k], ct_report__stance_prefix(side[k]));
            md_text(out, side[k]->display);
            fprintf(out, "** (`%s`, %s", side[k]->id, basis[k]);
            if (date[k]) {
                fputc(' ', out);
                md_text(out, date[k]);
            }
            fputc(')', out);
        }
        fputc('\n', out);
    }
}

int ct_report__write_markdown(const ct_report_model *m, FILE *out)
{
    summary_line(out, &m->summary);
    baseline_md(out, m);
    conflict_table(out, m);
    for (size_t i = 0; i < m->n_conflicts; i++)
        conflict_details(out, &m->conflicts[i]);
    revisions(out, m);
    return ferror(out) ? CT_EIO : 0;
}
