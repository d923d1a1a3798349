/*
 * html.c - one self-contained HTML page for editors: inline CSS, no script,
 * no network.  Summary, then per topic each conflict with its positions,
 * sources, claimants, hedges, quotes and review state; quantity and date
 * conflicts get an inline SVG drawing each position's interval on a shared
 * axis.  Every text from the corpus is escaped.
 */
#include "report_int.h"
#include "claimtrack/common.h"
#include "value/kind.h"
#include "report/html.h"

#include <math.h>
#include <string.h>

void ct_report__html_escape(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputc(*s, out);
        }
    }
}

static void esc(FILE *out, const char *s) { ct_report__html_escape(out, s); }

static const char *const css =
    "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;background:#f6f7f9;color:#1d232b}"
    "header{background:#1d232b;color:#fff;padding:18px 32px}header h1{margin:0;font-size:22px}"
    "main{max-width:1000px;margin:0 auto;padding:16px 32px}"
    ".cards{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}"
    ".card{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:8px 14px}"
    ".card b{display:block;font-size:22px}"
    "h2{margin-top:28px;border-bottom:2px solid #dde1e6;padding-bottom:4px}"
    "article{background:#fff;border:1px solid #dde1e6;border-left:5px solid #8a94a3;border-radius:6px;margin:14px 0;padding:12px 16px}"
    "article.high{border-left-color:#c62828}article.medium{border-left-color:#ef8f00}article.low{border-left-color:#5c7cfa}"
    "article h3{margin:0 0 6px;font-size:17px}code{font-size:13px;background:#eef0f3;padding:1px 4px;border-radius:3px}"
    ".badge{display:inline-block;font-size:12px;padding:1px 8px;border-radius:10px;background:#eef0f3;margin-right:4px}"
    ".badge.high{background:#fde2e2;color:#8e1b1b}.badge.medium{background:#fff0d6;color:#7a4a00}.badge.low{background:#e3e9ff;color:#2b3f8f}"
    ".badge.unreviewed,.badge.stale{background:#c62828;color:#fff}.badge.confirmed{background:#e3f4e8;color:#1d6b34}"
    ".badge.dismissed{background:#eceff1;color:#455a64}.badge.resolved{background:#e0f2f1;color:#00695c}"
    "ol.positions{padding-left:22px}ol.positions>li{margin:8px 0}.value{font-weight:600}"
    "ul.claims{list-style:none;padding-left:0;margin:4px 0}ul.claims li{margin:4px 0}"
    "blockquote{margin:2px 0 0 0;padding:2px 10px;border-left:3px solid #dde1e6;color:#39424e;font-style:italic}"
    ".meta{color:#5f6b7a;font-size:13px}.review{background:#f6f7f9;border-radius:4px;padding:6px 10px;margin-top:8px}"
    "svg{display:block;margin:8px 0;max-width:100%}svg text{font:11px system-ui,sans-serif;fill:#39424e}"
    "table{border-collapse:collapse;width:100%;background:#fff}td,th{border:1px solid #dde1e6;padding:4px 8px;text-align:left;font-size:14px}"
    "nav.toc ol{columns:2;column-gap:3em;margin:4px 0;padding-left:0;list-style-position:inside}"
    "nav.toc li{break-inside:avoid}.legend .swatch{padding:0 5px;border-radius:3px}.preferred{background:#e0f2f1;border-radius:4px;padding:0 4px}"
    "table.heat{width:auto}table.heat td{text-align:center;min-width:44px}table.heat th.col{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}";

static const char *const palette[] = {"#1565c0", "#c62828", "#2e7d32",
                                      "#6a1b9a", "#ef6c00", "#00838f"};

void ct_report__axis_label(char *buf, size_t n, const ct_decimal *v, int is_date)
{
    int64_t day;
    if (is_date && ct_decimal_to_int(&day, v) == 0) {
        int y, m, d;
        ct_civil_from_days((long)day, &y, &m, &d);
        snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
    } else {
        ct_decimal_format(v, buf, n);
    }
}

/* One row of a chart: its prefix, then its label (escaped), then its
 * interval (exact ends, drawn as doubles). */
typedef struct {
    char prefix[48];
    const char *label;
    ct_decimal lo, hi;
    const char *colour;
    int faded;    /* a denial */
    size_t extra; /* characters of the prefix counted in the label column */
} chart_row;

/* Rows of intervals on one axis; open ends run to the edge.  Labels are
 * never cut: the label column is as wide as the longest label (and `margin`
 * characters more), the right margin holds half an axis label; an axis label
 * equal to the one before is left out. */
/* Returns 0, or CT_ENOMEM (the middle tick of numbers beyond the fast
 * path needs memory). */
static int chart_rows(FILE *out, const chart_row *rows, size_t n, int is_date, const char *aria,
                      int margin)
{
    /* the ends exactly (they are labelled), positions as doubles (drawn) */
    ct_decimal dlo = ct_decimal_inf(1), dhi = ct_decimal_inf(-1);
    size_t longest = 0;
    for (size_t i = 0; i < n; i++) {
        ct_interval_span_add(&dlo, &dhi, &rows[i].lo, &rows[i].hi);
        size_t len = rows[i].extra + strlen(rows[i].label);
        longest = len > longest ? len : longest;
    }
    if (!ct_decimal_is_finite(&dlo))
        return 0;
    double lo = ct_decimal_to_double(&dlo), hi = ct_decimal_to_double(&dhi);
    double pad = (hi - lo) * 0.08;
    if (pad <= 0)
        pad = is_date ? 15 : fmax(1, fabs(lo) * 0.1);
    double a = lo - pad, b = hi + pad;
    /* about 7 px a character at 11 px */
    const int left = 16 + 7 * (int)(longest + (size_t)margin), width = 460, right = 50, row = 22;
    int height = (int)n * row + 34;
    fprintf(
        out,
        "<svg role=\"img\" aria-label=\"%s\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n",
        aria, left + width + right, height, left + width + right, height);
    for (size_t i = 0; i < n; i++) {
        const chart_row *p = &rows[i];
        double ilo = ct_decimal_to_double(&p->lo), ihi = ct_decimal_to_double(&p->hi);
        double x0 = left + (fmax(ilo, a) - a) / (b - a) * width;
        double x1 = left + (fmin(ihi, b) - a) / (b - a) * width;
        int y = (int)i * row + 8;
        fprintf(out, "<text x=\"4\" y=\"%d\">%s", y + 12, p->prefix);
        esc(out, p->label);
        fprintf(out, "</text>\n");
        if (x1 - x0 < 4) {
            fprintf(out, "<circle cx=\"%.1f\" cy=\"%d\" r=\"5\" fill=\"%s\"%s/>\n", (x0 + x1) / 2,
                    y + 8, p->colour, p->faded ? " fill-opacity=\"0.35\"" : "");
        } else {
            fprintf(
                out,
                "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"12\" rx=\"3\" fill=\"%s\"%s/>\n",
                x0, y + 2, x1 - x0, p->colour, p->faded ? " fill-opacity=\"0.35\"" : "");
            if (!isfinite(ihi))
                fprintf(out, "<path d=\"M%.1f %d l8 6 l-8 6z\" fill=\"%s\"/>\n", x1, y + 2,
                        p->colour);
            if (!isfinite(ilo))
                fprintf(out, "<path d=\"M%.1f %d l-8 6 l8 6z\" fill=\"%s\"/>\n", x0, y + 2,
                        p->colour);
        }
    }
    int ay = (int)n * row + 12;
    fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#8a94a3\"/>\n", left, ay,
            left + width, ay);
    /* ticks at both ends and the exact middle (a whole day for dates) */
    ct_decimal_pool pool = {NULL};
    ct_decimal_store store = ct_decimal_pool_store(&pool);
    ct_decimal ticks[3] = {dlo, dlo, dhi}, sum, half;
    ct_decimal_parse(&half, "0.5", 3, NULL);
    int mid_rc = ct_decimal_add(&sum, &dlo, &dhi, &store);
    if (mid_rc == 0)
        mid_rc = ct_decimal_mul(&ticks[1], &sum, &half, &store);
    if (mid_rc < 0) {
        ct_decimal_pool_dispose(&pool);
        return CT_ENOMEM;
    }
    int64_t day;
    if (is_date && ct_decimal_to_int(&day, &dlo) == 0) {
        int64_t end;
        ct_decimal_to_int(&end, &dhi);
        ticks[1] = ct_decimal_from_int(day + (end - day) / 2);
    }
    char prev[64] = "";
    for (int t = 0; t <= 2; t++) {
        char label[64];
        ct_report__axis_label(label, sizeof label, &ticks[t], is_date);
        if (strcmp(label, prev) == 0)
            continue;
        snprintf(prev, sizeof prev, "%s", label);
        double x = left + (ct_decimal_to_double(&ticks[t]) - a) / (b - a) * width;
        fprintf(out,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#8a94a3\"/>"
                "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                x, ay, x, ay + 4, x, ay + 16, label);
    }
    ct_decimal_pool_dispose(&pool);
    fprintf(out, "</svg>\n");
    return 0;
}


#define N_PALETTE (sizeof palette / sizeof palette[0])

/* Each position's interval on one axis. */
static int chart(FILE *out, const ct_report_conflict *c, int is_date)
{
    chart_row *rows = ct_calloc(c->n_positions ? c->n_positions : 1, sizeof *rows);
    if (!rows)
        return CT_ENOMEM;
    for (size_t i = 0; i < c->n_positions; i++) {
        const ct_report_position *p = &c->positions[i];
        chart_row *r = &rows[i];
        snprintf(r->prefix, sizeof r->prefix, "[%zu] %s", i + 1, p->denies ? "denies: " : "");
        r->label = p->display;
        r->lo = p->claims[0]->interval.lo;
        r->hi = p->claims[0]->interval.hi;
        r->colour = palette[i % N_PALETTE];
        r->faded = p->denies;
        r->extra = p->denies ? 8 : 0;
    }
    /* "[n] " is counted as 5 */
    int rc = chart_rows(out, rows, c->n_positions, is_date, "intervals of the positions", 5);
    ct_free(rows);
    return rc;
}

/* Charts of a rule conflict drawn for at most this many violations. */
#define RULE_CHARTS_MAX 5

/* A rule violation: each chosen term's interval labelled with its property
 * and value, then (for sums) the left side's sum interval against the right
 * side's. */
static int rule_chart(FILE *out, const ct_report_conflict *rc, const ct_rule_violation *v,
                      int is_date)
{
    const ct_rule *r = rc->rule;
    size_t n = v->n_positions, sums = !is_date;
    chart_row *rows = ct_calloc(n + 2, sizeof *rows);
    char(*labels)[512] = ct_calloc(n + 2, sizeof *labels);
    if (!rows || !labels || n != r->n_left + r->n_right) {
        ct_free(rows);
        ct_free(labels);
        return !rows || !labels ? CT_ENOMEM : 0;
    }
    ct_decimal_pool pool = {NULL};
    ct_decimal_store store = ct_decimal_pool_store(&pool);
    ct_interval side[2] = {{ct_decimal_from_int(0), ct_decimal_from_int(0)},
                           {ct_decimal_from_int(0), ct_decimal_from_int(0)}};
    int ok = 1;
    for (size_t k = 0; k < n; k++) {
        size_t i = ct_report__position_index(rc, v->positions[k]);
        const ct_report_position *p = &rc->positions[i];
        int right = k >= r->n_left;
        chart_row *row = &rows[k];
        snprintf(row->prefix, sizeof row->prefix, "%s [%zu] ", right ? "right" : "left", i + 1);
        char what[512];
        ct_text_fit(labels[k], sizeof labels[k],
                    snprintf(labels[k], sizeof labels[k], "%s: %s",
                             ct_report__position_label(rc, p, what, sizeof what), p->display));
        row->label = labels[k];
        row->lo = p->claims[0]->interval.lo;
        row->hi = p->claims[0]->interval.hi;
        row->colour = palette[right ? 1 : 0];
        row->extra = strlen(row->prefix);
        ok = ok && ct_decimal_add(&side[right].lo, &side[right].lo, &row->lo, &store) == 0 &&
             ct_decimal_add(&side[right].hi, &side[right].hi, &row->hi, &store) == 0;
    }
    for (size_t s = 0; sums && s < 2; s++) {
        /* "left side: [1] + [2]" */
        chart_row *row = &rows[n + s];
        snprintf(row->prefix, sizeof row->prefix, "%s", s ? "right side: " : "left side: ");
        size_t len = 0;
        for (size_t k = s ? r->n_left : 0; k < (s ? n : r->n_left); k++)
            if (len < sizeof labels[n + s])
                len += (size_t)snprintf(labels[n + s] + len, sizeof labels[n + s] - len, "%s[%zu]",
                                        len ? " + " : "",
                                        ct_report__position_index(rc, v->positions[k]) + 1);
        row->label = labels[n + s];
        row->lo = side[s].lo;
        row->hi = side[s].hi;
        row->colour = palette[s ? 4 : 3];
        row->extra = strlen(row->prefix);
    }
    int drawn = ok ? chart_rows(out, rows, n + (sums ? 2 : 0), is_date,
                                sums ? "the left side's sum against the right side's"
                                     : "the left side's date against the right side's",
                                1)
                   : CT_ENOMEM; /* a sum beyond the fast path found no memory */
    ct_decimal_pool_dispose(&pool);
    ct_free(rows);
    ct_free(labels);
    return drawn;
}

static void claim_html(FILE *out, const ct_claim *cl)
{
    fputs("<li><span class=\"meta\"><code>", out);
    esc(out, cl->id);
    fputs("</code> <a href=\"#source-", out);
    esc(out, cl->source);
    fputs("\">", out);
    esc(out, cl->source);
    fputs("</a>", out);
    if (cl->as_of) {
        fputs(" · as of ", out);
        esc(out, cl->as_of);
    }
    if (cl->claimant) {
        fputs(" · claimant: ", out);
        esc(out, cl->claimant);
    }
    if (cl->hedge) {
        fputs(" · ", out);
        esc(out, cl->hedge);
    }
    fputs("</span>\n<blockquote>", out);
    esc(out, cl->quote);
    fputs("</blockquote></li>\n", out);
}

static int conflict_html(FILE *out, const ct_report_conflict *rc)
{
    int chart_rc = 0;
    const ct_conflict *c = rc->conflict;
    const ct_report_review *rv = &rc->review;
    const char *state = ct_review_state_name(rv->state);
    const char *severity = ct_severity_name(c->severity);
    fprintf(out, "<article class=\"%s\" id=\"%s\">\n<h3>", severity, c->id);
    esc(out, rc->title);
    fprintf(
        out,
        "</h3>\n<div><code>%s</code> <span class=\"badge %s\">%s</span><span class=\"badge\">%s</span>"
        "<span class=\"badge %s\">%s%s</span>",
        c->id, severity, severity, ct_conflict_type_name(c->type), state, state,
        rv->blocking ? " · blocks the build" : "");
    if (rc->baseline)
        fprintf(out, "<span class=\"badge\">%s since the baseline</span>",
                ct_report__baseline_state_name(rc->baseline));
    fputs("</div>\n", out);
    int days, charted = ct_value__charted(rc->property->type, &days); /* the type's row says */
    if (rc->rule_text) {
        fputs("<div class=\"rule\"><b>Rule:</b> <code>", out);
        esc(out, rc->rule_text);
        fputs("</code></div>\n", out);
        for (size_t j = 0; j < c->n_violations && j < RULE_CHARTS_MAX && chart_rc == 0; j++)
            if (charted)
                chart_rc = rule_chart(out, rc, &c->violations[j], days);
    } else if (charted) {
        chart_rc = chart(out, rc, days);
    }
    if (chart_rc < 0)
        return chart_rc;
    fputs("<div class=\"severity-reasons\"><b>Severity:</b> ", out);
    for (size_t j = 0; j < c->n_severity_reasons; j++) {
        fputs(j ? "; " : "", out);
        esc(out, c->severity_reasons[j]);
    }
    fputs("</div>\n<ol class=\"positions\">\n", out);
    for (size_t j = 0; j < rc->n_positions; j++) {
        const ct_report_position *p = &rc->positions[j];
        char lb[512];
        fputs("<li>", out);
        if (rc->rule) {
            fputs("<span class=\"property\">", out);
            esc(out, ct_report__position_label(rc, p, lb, sizeof lb));
            fputs(":</span> ", out);
        }
        fputs("<span class=\"value\">", out);
        if (p->denies || p->questions)
            fputs(p->questions ? "questions: " : "denies: ", out);
        esc(out, p->display);
        fputs("</span>", out);
        if (j == 0 && rc->preferred)
            fputs(" <span class=\"preferred\">✔ preferred by the resolution</span>", out);
        fputs("\n<ul class=\"claims\">\n", out);
        for (size_t k = 0; k < p->n_claims; k++)
            claim_html(out, p->claims[k]);
        fputs("</ul></li>\n", out);
    }
    fputs("</ol>\n", out);
    for (size_t j = 0; c->rule && j < c->n_violations; j++) {
        fputs("<div class=\"rule\"><b>Rule ", out);
        esc(out, c->rule);
        fputs(":</b> ", out);
        esc(out, c->violations[j].arithmetic);
        fputs("</div>\n", out);
    }
    fputs("<div class=\"review\"><b>Review:</b> ", out);
    esc(out, state);
    if (rv->reviewer) {
        fputs(" by ", out);
        esc(out, rv->reviewer);
        fputs(" on ", out);
        esc(out, rv->date);
    }
    if (rv->note) {
        fputs(": ", out);
        esc(out, rv->note);
    }
    if (rv->state == CT_REVIEW_STALE && rv->n_changes) {
        fputs("<p>Changed since the review:</p><ul class=\"changes\">", out);
        for (size_t i = 0; i < rv->n_changes; i++) {
            fputs("<li>", out);
            esc(out, rv->changes[i].text);
            fputs("</li>", out);
        }
        fputs("</ul>", out);
    }
    fputs("</div>\n</article>\n", out);
    return 0;
}

static void summary_html(FILE *out, const ct_report_summary *s)
{
    const struct {
        size_t n;
        const char *label;
    } cards[] = {{s->conflicts, "conflicts"}, {s->blocking, "blocking"},
                 {s->claims, "claims"},       {s->sources, "sources"},
                 {s->topics, "topics"},       {s->revisions, "revisions"}};
    for (size_t i = 0; i < sizeof cards / sizeof cards[0]; i++)
        fprintf(out, "<div class=\"card\"><b>%zu</b>%s</div>\n", cards[i].n, cards[i].label);
    fprintf(out, "<div class=\"card\"><b>%zu / %zu / %zu</b>high / medium / low</div>\n</div>\n",
            s->severity[CT_SEVERITY_HIGH], s->severity[CT_SEVERITY_MEDIUM],
            s->severity[CT_SEVERITY_LOW]);
}

static void revisions_html(FILE *out, const ct_report_model *m)
{
    if (!m->n_revisions)
        return;
    fputs("<h2 id=\"revisions\">Revisions</h2>\n<ul class=\"revisions\">\n", out);
    for (size_t i = 0; i < m->n_revisions; i++) {
        const ct_report_revision *v = &m->revisions[i];
        fputs("<li>", out);
        esc(out, v->from->subject);
        fputs(" · ", out);
        esc(out, v->property->name);
        fputs(": ", out);
        esc(out, v->claimant);
        static const char *const verb[] = {" revised ", " to "};
        const ct_claim *side[] = {v->from, v->to};
        const char *date[] = {v->from_date, v->to_date}, *basis[] = {v->from_basis, v->to_basis};
        for (size_t k = 0; k < 2; k++) {
            fprintf(out, "%s<span class=\"value\">%s", verb[k], ct_report__stance_prefix(side[k]));
            esc(out, side[k]->display);
            fputs("</span> (<code>", out);
            esc(out, side[k]->id);
            fprintf(out, "</code>, %s", basis[k]);
            if (date[k]) {
                fputc(' ', out);
                esc(out, date[k]);
            }
            fputc(')', out);
        }
        fputs("</li>\n", out);
    }
    fputs("</ul>\n", out);
}

/* Only http(s) URLs become links. */
static int linkable(const char *url)
{
    return url && (strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0);
}

static void sources_html(FILE *out, const ct_report_model *m)
{
    fputs("<h2 id=\"sources\">Sources</h2>\n<table>\n<tr><th>id</th><th>title</th><th>author</th>"
          "<th>publisher</th><th>published</th><th>url</th></tr>\n",
          out);
    for (size_t i = 0; i < m->n_sources; i++) {
        const ct_source *s = m->sources[i];
        fputs("<tr id=\"source-", out);
        esc(out, s->id);
        fputs("\"><td>", out);
        if (linkable(s->url)) {
            fputs("<a href=\"", out);
            esc(out, s->url);
            fputs("\" rel=\"noreferrer\">", out);
            esc(out, s->id);
            fputs("</a>", out);
        } else {
            esc(out, s->id);
        }
        const char *cells[] = {s->title, s->author, s->publisher, s->published, s->url};
        for (size_t k = 0; k < 5; k++) {
            fputs("</td><td>", out);
            esc(out, cells[k]);
        }
        fputs("</td></tr>\n", out);
    }
    fputs("</table>\n", out);
}

/* The agreement matrix as a heat map: each cell "agree / clash", its colour
 * from green (always agree) to red (always clash); empty when the two never
 * speak on the same group. */
static void heatmap_html(FILE *out, const ct_report_model *m)
{
    size_t n = m->n_sources, shown = 0;
    for (size_t i = 0; i < n * n; i++)
        shown += m->agreement[i].agree + m->agreement[i].clash > 0;
    if (!shown)
        return;
    fputs("<h2 id=\"agreement\">Source agreement</h2>\n<p class=\"meta\">Groups (topic, subject, "
          "property) both sources speak on: agree / clash.</p>\n"
          "<p class=\"legend\" id=\"heat-legend\">Each cell reads <b>agree / clash</b>: how many "
          "groups the row's and the column's source both speak on, and in how many of them they "
          "agree or clash. Its colour runs from "
          "<span class=\"swatch\" style=\"background:hsl(120,70%,82%)\">always agree</span> "
          "through <span class=\"swatch\" style=\"background:hsl(60,70%,82%)\">half and "
          "half</span> to <span class=\"swatch\" style=\"background:hsl(0,70%,82%)\">always "
          "clash</span>; an empty cell: the two never speak on the same group.</p>\n"
          "<table class=\"heat\" aria-describedby=\"heat-legend\">\n<tr><th scope=\"col\">source "
          "\\ with</th>",
          out);
    for (size_t j = 0; j < n; j++) {
        fputs("<th class=\"col\" scope=\"col\">", out);
        esc(out, m->sources[j]->id);
        fputs("</th>", out);
    }
    fputs("</tr>\n", out);
    for (size_t i = 0; i < n; i++) {
        fputs("<tr><th scope=\"row\"><a href=\"#source-", out);
        esc(out, m->sources[i]->id);
        fputs("\">", out);
        esc(out, m->sources[i]->id);
        fputs("</a></th>", out);
        for (size_t j = 0; j < n; j++) {
            const ct_agreement *a = &m->agreement[i * n + j];
            size_t both = a->agree + a->clash;
            if (!both) {
                fputs("<td></td>", out);
                continue;
            }
            int hue = (int)lround(120.0 * (double)a->agree / (double)both);
            fprintf(
                out,
                "<td style=\"background:hsl(%d,70%%,82%%)\" title=\"%zu agree, %zu clash\">%zu / %zu</td>",
                hue, a->agree, a->clash, a->agree, a->clash);
        }
        fputs("</tr>\n", out);
    }
    fputs("</table>\n", out);
}

/* The summary table and the table of contents. */
static void contents_html(FILE *out, const ct_report_model *m)
{
    fputs("<h2 id=\"summary\">Summary</h2>\n<table>\n<tr><th>Conflict</th><th>Topic</th>"
          "<th>Subject · property</th><th>Type</th><th>Severity</th><th>Review</th></tr>\n",
          out);
    for (size_t i = 0; i < m->n_conflicts; i++) {
        const ct_report_conflict *rc = &m->conflicts[i];
        const ct_conflict *c = rc->conflict;
        fprintf(out, "<tr><td><a href=\"#%s\"><code>%s</code></a></td><td>", c->id, c->id);
        esc(out, rc->topic->id);
        fputs("</td><td>", out);
        esc(out, rc->title);
        fprintf(out, "</td><td>%s</td><td>%s</td><td>%s%s%s</td></tr>\n",
                ct_conflict_type_name(c->type), ct_severity_name(c->severity),
                ct_review_state_name(rc->review.state), rc->review.blocking ? " (blocking)" : "",
                rc->preferred ? " · preferred position marked" : "");
    }
    fputs("</table>\n<nav class=\"toc\"><h2>Contents</h2>\n<ol>\n", out);
    for (size_t t = 0; t < m->n_topics; t++) {
        const ct_report_topic *topic = &m->topics[t];
        if (topic->n_conflicts == 0)
            continue;
        fputs("<li><a href=\"#topic-", out);
        esc(out, topic->topic->id);
        fputs("\">", out);
        esc(out, topic->topic->title);
        fprintf(out, "</a> (%zu)</li>\n", topic->n_conflicts);
    }
    if (m->n_revisions)
        fputs("<li><a href=\"#revisions\">Revisions</a></li>\n", out);
    fputs("<li><a href=\"#agreement\">Source agreement</a></li>\n"
          "<li><a href=\"#sources\">Sources</a></li>\n</ol></nav>\n",
          out);
}

int ct_report__write_html(const ct_report_model *m, FILE *out)
{
    fprintf(out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<link rel=\"icon\" href=\"data:,\">\n"
            "<title>claimtrack report</title>\n<style>%s</style>\n</head>\n<body>\n"
            "<header><h1>claimtrack report</h1></header>\n<main>\n<div class=\"cards\">\n",
            css);
    summary_html(out, &m->summary);
    contents_html(out, m);
    for (size_t t = 0; t < m->n_topics; t++) {
        const ct_report_topic *topic = &m->topics[t];
        if (topic->n_conflicts == 0)
            continue;
        fputs("<h2 id=\"topic-", out);
        esc(out, topic->topic->id);
        fputs("\">", out);
        esc(out, topic->topic->title);
        fputs("</h2>\n", out);
        for (size_t i = 0; i < m->n_conflicts; i++)
            if (m->conflicts[i].topic == topic->topic) {
                int rc = conflict_html(out, &m->conflicts[i]);
                if (rc < 0)
                    return rc;
            }
    }
    revisions_html(out, m);
    heatmap_html(out, m);
    sources_html(out, m);
    fprintf(out, "<p class=\"meta\">claimtrack %s</p>\n</main>\n</body>\n</html>\n", CT_VERSION);
    return ferror(out) ? CT_EIO : 0;
}
