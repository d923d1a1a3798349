/*
 * html.c - one self-contained HTML page for editors: inline CSS, no script,
 * no network.  Summary, then per topic each conflict with its positions,
 * sources, claimants, hedges, quotes and review state; quantity and date
 * conflicts get an inline SVG drawing each position's interval on a shared
 * axis.  Every text from the corpus is escaped.
 */
#include "report_int.h"
#include "claimtrack/common.h"

#include <math.h>
#include <string.h>

static void esc(FILE *out, const char *s)
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
    "table{border-collapse:collapse;width:100%;background:#fff}td,th{border:1px solid #dde1e6;padding:4px 8px;text-align:left;font-size:14px}";

static const char *const palette[] = {"#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f"};

static void axis_label(char *buf, size_t n, double v, int is_date)
{
    if (is_date) {
        int y, m, d;
        ct_civil_from_days((long)v, &y, &m, &d);
        snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
    } else {
        snprintf(buf, n, "%g", v);
    }
}

/* Each position's interval on one axis; open ends run to the edge. */
static void chart(FILE *out, const ct_report *r, const ct_conflict *c, int is_date)
{
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < c->n_positions; i++) {
        const ct_interval iv = ct_report__claim(r, c->positions[i].claims[0])->interval;
        if (isfinite(iv.lo)) {
            lo = fmin(lo, iv.lo);
            hi = fmax(hi, iv.lo);
        }
        if (isfinite(iv.hi)) {
            lo = fmin(lo, iv.hi);
            hi = fmax(hi, iv.hi);
        }
    }
    if (!isfinite(lo))
        return;
    double pad = (hi - lo) * 0.08;
    if (pad <= 0)
        pad = is_date ? 15 : fmax(1, fabs(lo) * 0.1);
    double a = lo - pad, b = hi + pad;
    const int left = 150, width = 460, row = 22;
    int height = (int)c->n_positions * row + 34;
    fprintf(out, "<svg role=\"img\" aria-label=\"intervals of the positions\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n",
            left + width + 20, height, left + width + 20, height);
    for (size_t i = 0; i < c->n_positions; i++) {
        const ct_position *p = &c->positions[i];
        const ct_interval iv = ct_report__claim(r, p->claims[0])->interval;
        double x0 = left + (fmax(iv.lo, a) - a) / (b - a) * width;
        double x1 = left + (fmin(iv.hi, b) - a) / (b - a) * width;
        int y = (int)i * row + 8;
        const char *colour = palette[i % (sizeof palette / sizeof palette[0])];
        fprintf(out, "<text x=\"%d\" y=\"%d\">[%zu] ", left - 8 - 120, y + 12, i + 1);
        char label[40];
        snprintf(label, sizeof label, "%.22s%s", p->display, strlen(p->display) > 22 ? "…" : "");
        esc(out, label);
        fprintf(out, "</text>\n");
        if (x1 - x0 < 4) {
            fprintf(out, "<circle cx=\"%.1f\" cy=\"%d\" r=\"5\" fill=\"%s\"%s/>\n", (x0 + x1) / 2, y + 8,
                    colour, p->denies ? " fill-opacity=\"0.35\"" : "");
        } else {
            fprintf(out, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"12\" rx=\"3\" fill=\"%s\"%s/>\n", x0,
                    y + 2, x1 - x0, colour, p->denies ? " fill-opacity=\"0.35\"" : "");
            if (!isfinite(iv.hi))
                fprintf(out, "<path d=\"M%.1f %d l8 6 l-8 6z\" fill=\"%s\"/>\n", x1, y + 2, colour);
            if (!isfinite(iv.lo))
                fprintf(out, "<path d=\"M%.1f %d l-8 6 l8 6z\" fill=\"%s\"/>\n", x0, y + 2, colour);
        }
    }
    int ay = (int)c->n_positions * row + 12;
    fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#8a94a3\"/>\n", left, ay, left + width, ay);
    for (int t = 0; t <= 2; t++) {
        double v = lo + (hi - lo) * t / 2.0;
        double x = left + (v - a) / (b - a) * width;
        char label[32];
        axis_label(label, sizeof label, is_date ? floor(v) : v, is_date);
        fprintf(out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#8a94a3\"/>"
                     "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                x, ay, x, ay + 4, x, ay + 16, label);
        if (hi == lo)
            break;
    }
    fprintf(out, "</svg>\n");
}

static void conflict_html(FILE *out, const ct_report *r, const ct_conflict *cs, const json_t *c)
{
    const json_t *rv = json_object_get(c, "review");
    const char *state = ct_report__str(rv, "state");
    fprintf(out, "<article class=\"%s\" id=\"%s\">\n<h3>", ct_report__str(c, "severity"), ct_report__str(c, "id"));
    esc(out, ct_report__str(c, "subject"));
    fputs(" · ", out);
    esc(out, ct_report__str(c, "property"));
    fprintf(out, "</h3>\n<div><code>%s</code> <span class=\"badge %s\">%s</span><span class=\"badge\">%s</span>"
                 "<span class=\"badge %s\">%s%s</span></div>\n",
            ct_report__str(c, "id"), ct_report__str(c, "severity"), ct_report__str(c, "severity"),
            ct_report__str(c, "type"), state, state,
            json_is_true(json_object_get(rv, "blocking")) ? " · blocks the build" : "");
    const char *type = ct_report__str(c, "property_type");
    if (strcmp(type, "quantity") == 0 || strcmp(type, "date") == 0)
        chart(out, r, cs, strcmp(type, "date") == 0);
    fputs("<ol class=\"positions\">\n", out);
    size_t j;
    json_t *p;
    json_array_foreach(json_object_get(c, "positions"), j, p)
    {
        fputs("<li><span class=\"value\">", out);
        if (strcmp(ct_report__str(p, "stance"), "denies") == 0)
            fputs("denies: ", out);
        esc(out, ct_report__str(p, "display"));
        fputs("</span>\n<ul class=\"claims\">\n", out);
        size_t k;
        json_t *cl;
        json_array_foreach(json_object_get(p, "claims"), k, cl)
        {
            fputs("<li><span class=\"meta\"><code>", out);
            esc(out, ct_report__str(cl, "id"));
            fputs("</code> ", out);
            esc(out, ct_report__str(cl, "source"));
            if (ct_report__str(cl, "claimant")) {
                fputs(" · claimant: ", out);
                esc(out, ct_report__str(cl, "claimant"));
            }
            if (ct_report__str(cl, "hedge")) {
                fputs(" · ", out);
                esc(out, ct_report__str(cl, "hedge"));
            }
            fputs("</span>\n<blockquote>", out);
            esc(out, ct_report__str(cl, "quote"));
            fputs("</blockquote></li>\n", out);
        }
        fputs("</ul></li>\n", out);
    }
    fputs("</ol>\n<div class=\"review\"><b>Review:</b> ", out);
    esc(out, state);
    if (ct_report__str(rv, "reviewer")) {
        fputs(" by ", out);
        esc(out, ct_report__str(rv, "reviewer"));
        fputs(" on ", out);
        esc(out, ct_report__str(rv, "date"));
    }
    if (ct_report__str(rv, "note")) {
        fputs(": ", out);
        esc(out, ct_report__str(rv, "note"));
    }
    fputs("</div>\n</article>\n", out);
}

int ct_report__write_html(const ct_report *r, const json_t *m, FILE *out)
{
    const json_t *s = json_object_get(m, "summary");
    const json_t *sev = json_object_get(s, "severity");
    fprintf(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 "<title>claimtrack report</title>\n<style>%s</style>\n</head>\n<body>\n"
                 "<header><h1>claimtrack report</h1></header>\n<main>\n<div class=\"cards\">\n",
            css);
    static const char *const keys[][2] = {{"conflicts", "conflicts"}, {"blocking", "blocking"},
                                          {"claims", "claims"}, {"sources", "sources"},
                                          {"topics", "topics"}, {"revisions", "revisions"}};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        fprintf(out, "<div class=\"card\"><b>%lld</b>%s</div>\n", ct_report__int(s, keys[i][0]), keys[i][1]);
    fprintf(out, "<div class=\"card\"><b>%lld / %lld / %lld</b>high / medium / low</div>\n</div>\n",
            ct_report__int(sev, "high"), ct_report__int(sev, "medium"), ct_report__int(sev, "low"));
    const json_t *conflicts = json_object_get(m, "conflicts");
    size_t t;
    json_t *topic;
    json_array_foreach(json_object_get(m, "topics"), t, topic)
    {
        if (ct_report__int(topic, "conflicts") == 0)
            continue;
        fputs("<h2>", out);
        esc(out, ct_report__str(topic, "title"));
        fputs("</h2>\n", out);
        size_t i;
        json_t *c;
        json_array_foreach(conflicts, i, c)
        {
            if (strcmp(ct_report__str(c, "topic"), ct_report__str(topic, "id")) == 0 &&
                i < r->conflicts->n_conflicts)
                conflict_html(out, r, &r->conflicts->conflicts[i], c);
        }
    }
    const json_t *revisions = json_object_get(m, "revisions");
    if (json_array_size(revisions))
        fputs("<h2>Revisions</h2>\n<ul class=\"revisions\">\n", out);
    json_t *rev;
    json_array_foreach(revisions, t, rev)
    {
        fputs("<li>", out);
        esc(out, ct_report__str(rev, "subject"));
        fputs(" · ", out);
        esc(out, ct_report__str(rev, "property"));
        fputs(": ", out);
        esc(out, ct_report__str(rev, "claimant"));
        static const char *const side[][4] = {{" revised ", "from_stance", "from", "claim"},
                                              {" to ", "to_stance", "to", "by"}};
        for (size_t k = 0; k < 2; k++) {
            fprintf(out, "%s<span class=\"value\">%s", side[k][0],
                    strcmp(ct_report__str(rev, side[k][1]), "denies") == 0 ? "denies: " : "");
            esc(out, ct_report__str(rev, side[k][2]));
            fputs("</span> (<code>", out);
            esc(out, ct_report__str(rev, side[k][3]));
            fputs("</code>", out);
            const char *as_of = ct_report__str(rev, k ? "to_as_of" : "from_as_of");
            if (as_of) {
                fputs(", as of ", out);
                esc(out, as_of);
            }
            fputc(')', out);
        }
        fputs("</li>\n", out);
    }
    if (json_array_size(revisions))
        fputs("</ul>\n", out);
    fputs("<h2>Sources</h2>\n<table>\n<tr><th>id</th><th>title</th><th>author</th><th>publisher</th></tr>\n", out);
    json_t *src;
    json_array_foreach(json_object_get(m, "sources"), t, src)
    {
        static const char *const sk[] = {"id", "title", "author", "publisher"};
        fputs("<tr>", out);
        for (size_t k = 0; k < 4; k++) {
            fputs("<td>", out);
            esc(out, ct_report__str(src, sk[k]));
            fputs("</td>", out);
        }
        fputs("</tr>\n", out);
    }
    fprintf(out, "</table>\n<p class=\"meta\">claimtrack %s</p>\n</main>\n</body>\n</html>\n", CT_VERSION);
    return ferror(out) ? CT_EIO : 0;
}
