/*
 * serve_pages.c - the HTML pages of `claimtrack serve`: the conflict list,
 * one conflict with its chart, review box and form, the sources.  Every value
 * is HTML-escaped.
 */
#include "serve/serve_int.h"

#include "claimtrack/common.h"
#include "value/kind.h"
#include "claimtrack/conflict.h"
#include "claimtrack/corpus.h"
#include "claimtrack/report.h"
#include "claimtrack/review.h"
#include "report/html.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

/* ---- pages ------------------------------------------------------------------- */

void ct_serve__page_head(ct_serve *s, FILE *f, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
          "<meta name=\"claimtrack-token\" content=\"",
          f);
    ct_serve__esc(f, s->token);
    fputs("\"><title>", f);
    ct_serve__esc(f, title);
    fputs(
        " - claimtrack</title><link rel=\"icon\" type=\"image/svg+xml\" href=\"/favicon.ico\">"
        "<link rel=\"stylesheet\" href=\"/static/serve.css\">"
        "<script src=\"/static/serve.js\" defer></script></head><body>"
        "<header><a class=\"brand\" href=\"/\">claimtrack</a><nav><a href=\"/\">Conflicts</a> &middot; "
        "<a href=\"/sources\">Sources</a> &middot; <a href=\"/suggest\">Suggest</a> &middot; <a href=\"/api/conflicts\">JSON</a></nav></header><main>\n",
        f);
}


void ct_serve__error_page(ct_serve *s, ct_serve_response *res, int status, const char *title,
                          const char *text)
{
    page p;
    if (ct_serve__page_open(&p) < 0) {
        ct_serve__set_text(res, 500, "out of memory\n");
        return;
    }
    ct_serve__page_head(s, p.fp, title);
    fputs("<h1>", p.fp);
    ct_serve__esc(p.fp, title);
    fputs("</h1><pre class=\"notice error\">", p.fp);
    ct_serve__esc(p.fp, text);
    fputs("</pre>", p.fp);
    ct_serve__page_tail(p.fp);
    ct_serve__page_finish(&p, res, status);
}

void ct_serve__view_failed(ct_serve *s, ct_serve_response *res, int rc, const char *why)
{
    if (rc == CT_ENOMEM)
        ct_serve__set_text(res, 500, "out of memory\n");
    else
        ct_serve__error_page(s, res, 503, "The corpus does not load", why ? why : "");
}

void ct_serve__badge(FILE *f, const char *cls, const char *text)
{
    fputs("<span class=\"badge ", f);
    ct_serve__esc(f, cls);
    fputs("\">", f);
    ct_serve__esc(f, text);
    fputs("</span>", f);
}

static const char *const severity_names[] = {"low", "medium", "high"};

static int conflict_matches(const ct_serve *s, const ct_conflict *c, const char *q)
{
    if (!q || !*q)
        return 1;
    size_t n;
    const ct_topic *t = &ct_corpus_topics(s->corpus, &n)[c->topic];
    if (ct_serve__subject_matches(t, c->subject, q) || ct_serve__ci_contains(c->id, q))
        return 1;
    const ct_claim *claims = ct_corpus_claims(s->corpus, &n);
    for (size_t p = 0; p < c->n_positions; p++)
        for (size_t k = 0; k < c->positions[p].n_claims; k++) {
            const ct_claim *cl = &claims[c->positions[p].claims[k]];
            if (ct_serve__ci_contains(cl->id, q) || ct_serve__ci_contains(cl->quote, q))
                return 1;
        }
    return 0;
}

static void option(FILE *f, const char *value, const char *label, const char *chosen)
{
    fputs("<option value=\"", f);
    ct_serve__esc(f, value);
    fputs(chosen && strcmp(chosen, value) == 0 ? "\" selected>" : "\">", f);
    ct_serve__esc(f, label);
    fputs("</option>", f);
}

/* The list page's filters, from the query string (owned; NULL when not
 * given). */
typedef struct {
    char *topic, *state, *severity, *q;
} list_filter;

/* The cards above the table: conflicts, blocking ones, by review state and
 * by severity. */
static void list_cards(FILE *f, const view *v)
{
    size_t counts[5] = {0}, sev[3] = {0}, blocking = 0;
    for (size_t i = 0; i < v->set->n_conflicts; i++) {
        ct_review_state st = ct_review_state_of(v->reviews, &v->set->conflicts[i], NULL);
        counts[st]++;
        sev[v->set->conflicts[i].severity]++;
        blocking += (size_t)ct_review_blocks(CT_FAIL_ON_UNREVIEWED, st);
    }
    fprintf(
        f,
        "<h1>Conflicts</h1><div class=\"cards\"><div class=\"card\"><b id=\"count-all\">%zu</b>conflicts</div>"
        "<div class=\"card\"><b id=\"count-blocking\">%zu</b>blocking</div>",
        v->set->n_conflicts, blocking);
    for (int i = 0; i < 5; i++)
        fprintf(f, "<div class=\"card\"><b id=\"count-%s\">%zu</b>%s</div>",
                ct_review_state_name((ct_review_state)i), counts[i],
                ct_review_state_name((ct_review_state)i));
    for (int i = 2; i >= 0; i--)
        fprintf(f, "<div class=\"card\"><b>%zu</b>%s severity</div>", sev[i], severity_names[i]);
    fputs("</div>\n", f);
}

/* The filter form, showing the filters chosen. */
static void list_filters(FILE *f, const ct_topic *topics, size_t nt, const list_filter *lf)
{
    fputs("<form class=\"filters\" method=\"get\" action=\"/\"><label>Topic<select name=\"topic\">",
          f);
    option(f, "", "all topics", lf->topic);
    for (size_t i = 0; i < nt; i++)
        option(f, topics[i].id, topics[i].title, lf->topic);
    fputs("</select></label><label>Review<select name=\"state\">", f);
    option(f, "", "any state", lf->state);
    for (int i = 0; i < 5; i++)
        option(f, ct_review_state_name((ct_review_state)i),
               ct_review_state_name((ct_review_state)i), lf->state);
    fputs("</select></label><label>Severity<select name=\"severity\">", f);
    option(f, "", "any severity", lf->severity);
    for (int i = 2; i >= 0; i--)
        option(f, severity_names[i], severity_names[i], lf->severity);
    fputs("</select></label><label>Search<input type=\"search\" name=\"q\" value=\"", f);
    ct_serve__esc(f, lf->q);
    fputs(
        "\" placeholder=\"subject or alias, claim id, quote\"></label><button type=\"submit\">Filter</button></form>\n",
        f);
}

/* Whether conflict `c` (of topic `t`, in review state `st`) passes the
 * filters. */
static int filter_keeps(const ct_serve *s, const list_filter *lf, const ct_topic *t,
                        const ct_conflict *c, ct_review_state st)
{
    if ((lf->topic && *lf->topic && strcmp(lf->topic, t->id) != 0) ||
        (lf->state && *lf->state &&
         strcmp(lf->state, ct_review_state_name((ct_review_state)st)) != 0) ||
        (lf->severity && *lf->severity && strcmp(lf->severity, severity_names[c->severity]) != 0))
        return 0;
    return conflict_matches(s, c, lf->q);
}

/* One row of the table. */
static void list_row(FILE *f, const ct_topic *t, const ct_conflict *c, ct_review_state st)
{
    fprintf(
        f,
        "<tr class=\"row\" data-id=\"%s\" data-state=\"%s\"><td><a href=\"/conflict/%s\"><code>%s</code></a></td><td>",
        c->id, ct_review_state_name((ct_review_state)st), c->id, c->id);
    ct_serve__esc(f, t->title);
    fputs("</td><td>", f);
    ct_serve__esc(f, c->subject);
    fputs("</td><td>", f);
    if (c->rule) /* a rule conflict is about the rule's terms */
        ct_serve__wrap(f, "rule ", c->rule, "");
    else
        ct_serve__esc(f, t->properties[c->property].name);
    fputs("</td><td>", f);
    ct_serve__badge(f, severity_names[c->severity], severity_names[c->severity]);
    fputs("</td><td>", f);
    ct_serve__badge(f, ct_review_state_name((ct_review_state)st),
                    ct_review_state_name((ct_review_state)st));
    fputs("</td><td>", f);
    for (size_t k = 0; k < c->n_positions; k++) {
        fputs(k ? " &middot; " : "", f);
        /* as every report writes a stance: "denies: yes" */
        if (c->positions[k].denies)
            fputs("denies: ", f);
        else if (c->positions[k].questions)
            fputs("questions: ", f);
        ct_serve__esc(f, c->positions[k].display);
    }
    fputs("</td></tr>\n", f);
}

/* The table of the conflicts the filters keep, and how many it shows. */
static void list_table(const ct_serve *s, FILE *f, const ct_topic *topics, const view *v,
                       const list_filter *lf)
{
    size_t shown = 0;
    fputs(
        "<table id=\"conflicts\"><thead><tr><th>Conflict</th><th>Topic</th><th>Subject</th><th>Property</th>"
        "<th>Severity</th><th>Review</th><th>Positions</th></tr></thead><tbody>\n",
        f);
    for (size_t i = 0; i < v->set->n_conflicts; i++) {
        const ct_conflict *c = &v->set->conflicts[i];
        const ct_topic *t = &topics[c->topic];
        ct_review_state st = ct_review_state_of(v->reviews, c, NULL);
        if (!filter_keeps(s, lf, t, c, st))
            continue;
        shown++;
        list_row(f, t, c, st);
    }
    fprintf(
        f,
        "</tbody></table><p class=\"meta\" id=\"shown\">%zu of %zu conflicts shown. Keys: j/k move, Enter opens.</p>",
        shown, v->set->n_conflicts);
}

void ct_serve__list_page(ct_serve *s, const ct_serve_request *req, ct_serve_response *res)
{
    int oom = 0;
    list_filter lf = {ct_serve__query_get(req->query, "topic", &oom),
                      ct_serve__query_get(req->query, "state", &oom),
                      ct_serve__query_get(req->query, "severity", &oom),
                      ct_serve__query_get(req->query, "q", &oom)};
    view v;
    const char *why = NULL;
    page p = {NULL, NULL, 0};
    int rc = oom ? CT_ENOMEM : ct_serve__view_load(s, &v, &why);
    if (rc < 0) {
        ct_serve__view_failed(s, res, rc, why);
    } else if (ct_serve__page_open(&p) < 0) {
        ct_serve__set_text(res, 500, "out of memory\n");
        ct_serve__view_clear(&v);
    } else {
        size_t nt;
        const ct_topic *topics = ct_corpus_topics(s->corpus, &nt);
        ct_serve__page_head(s, p.fp, "Conflicts");
        list_cards(p.fp, &v);
        list_filters(p.fp, topics, nt, &lf);
        if (ct_serve__subject_search(p.fp, s->corpus, lf.q) < 0)
            fputs("<p class=\"notice error\">out of memory</p>", p.fp);
        list_table(s, p.fp, topics, &v, &lf);
        ct_serve__page_tail(p.fp);
        ct_serve__page_finish(&p, res, 200);
        ct_serve__view_clear(&v);
    }
    ct_free(lf.topic);
    ct_free(lf.state);
    ct_free(lf.severity);
    ct_free(lf.q);
}

static int is_web_url(const char *u)
{
    return u && (strncmp(u, "https://", 8) == 0 || strncmp(u, "http://", 7) == 0);
}

void ct_serve__source_ref(FILE *f, const ct_corpus *corpus, const char *id)
{
    const ct_source *src = ct_corpus_source_find(corpus, id);
    if (src && is_web_url(src->url)) {
        fputs("<a rel=\"noreferrer noopener\" href=\"", f);
        ct_serve__esc(f, src->url);
        fputs("\">", f);
        ct_serve__esc(f, src->title);
        fputs("</a>", f);
    } else {
        ct_serve__esc(f, src ? src->title : id);
    }
}

/* Each claim's interval on a shared axis (quantity and date properties). */
static void interval_chart(FILE *f, const ct_corpus *corpus, const ct_conflict *c,
                           const ct_property *prop)
{
    static const char *const palette[] = {"#1565c0", "#c62828", "#2e7d32",
                                          "#6a1b9a", "#ef6c00", "#00838f"};
    size_t n;
    const ct_claim *claims = ct_corpus_claims(corpus, &n);
    ct_decimal dlo = ct_decimal_inf(1), dhi = ct_decimal_inf(-1);
    size_t rows = 0;
    for (size_t p = 0; p < c->n_positions; p++)
        for (size_t k = 0; k < c->positions[p].n_claims; k++) {
            const ct_interval *iv = &claims[c->positions[p].claims[k]].interval;
            ct_interval_span_add(&dlo, &dhi, &iv->lo, &iv->hi);
            rows++;
        }
    if (!ct_decimal_is_finite(&dlo) || rows == 0 || rows > 200)
        return;
    double lo = ct_decimal_to_double(&dlo), hi = ct_decimal_to_double(&dhi);
    if (hi - lo < 1e-9) {
        lo -= 1;
        hi += 1;
    }
    double pad = (hi - lo) * 0.08;
    lo -= pad;
    hi += pad;
    int is_date;
    ct_value__charted(prop->type, &is_date);
    const double x0 = 170, width = 520;
    fprintf(
        f,
        "<svg id=\"chart\" width=\"720\" height=\"%zu\" viewBox=\"0 0 720 %zu\" role=\"img\" aria-label=\"intervals\">",
        rows * 22 + 34, rows * 22 + 34);
    size_t row = 0;
    for (size_t p = 0; p < c->n_positions; p++)
        for (size_t k = 0; k < c->positions[p].n_claims; k++, row++) {
            const ct_claim *cl = &claims[c->positions[p].claims[k]];
            double a = ct_decimal_is_finite(&cl->interval.lo)
                           ? ct_decimal_to_double(&cl->interval.lo)
                           : lo;
            double b = ct_decimal_is_finite(&cl->interval.hi)
                           ? ct_decimal_to_double(&cl->interval.hi)
                           : hi;
            double xa = x0 + (a - lo) / (hi - lo) * width, xb = x0 + (b - lo) / (hi - lo) * width;
            double y = 10 + (double)row * 22;
            fprintf(f, "<text x=\"4\" y=\"%.0f\">", y + 12);
            ct_serve__esc(f, cl->id);
            fprintf(
                f,
                "</text><rect x=\"%.1f\" y=\"%.0f\" width=\"%.1f\" height=\"14\" rx=\"3\" fill=\"%s\"%s/>",
                xa, y, xb - xa < 3 ? 3 : xb - xa, palette[p % 6],
                cl->denies ? " fill-opacity=\"0.35\"" : "");
        }
    char la[64], lb[64];
    ct_report__axis_label(la, sizeof la, &dlo, is_date);
    ct_report__axis_label(lb, sizeof lb, &dhi, is_date);
    double yb = 10 + (double)rows * 22 + 14;
    fprintf(f, "<line x1=\"%.0f\" x2=\"%.0f\" y1=\"%.0f\" y2=\"%.0f\" stroke=\"#8a94a3\"/>", x0,
            x0 + width, yb - 10, yb - 10);
    fprintf(
        f,
        "<text x=\"%.1f\" y=\"%.0f\">%s</text><text x=\"%.1f\" y=\"%.0f\" text-anchor=\"end\">%s</text></svg>\n",
        x0 + pad / (hi - lo) * width, yb + 4, la, x0 + width - pad / (hi - lo) * width, yb + 4, lb);
}

void ct_serve__review_box(FILE *f, const json_t *r, const char *cls)
{
    fprintf(f, "<div class=\"review %s\"><b>", cls);
    ct_serve__esc(f, json_string_value(json_object_get(r, "status")));
    fputs("</b> by ", f);
    ct_serve__esc(f, json_string_value(json_object_get(r, "reviewer")));
    fputs(" on ", f);
    ct_serve__esc(f, json_string_value(json_object_get(r, "date")));
    json_t *prefer = json_object_get(r, "prefer");
    if (json_array_size(prefer)) {
        fputs(", preferring ", f);
        size_t i;
        json_t *id;
        json_array_foreach(prefer, i, id)
        {
            fputs(i ? ", " : "", f);
            ct_serve__esc(f, json_string_value(id));
        }
    }
    fputs(" <span class=\"meta\">digest <code>", f);
    const char *d = json_string_value(json_object_get(r, "digest"));
    if (d)
        fprintf(f, "%.12s", d);
    fputs("</code></span><blockquote>", f);
    ct_serve__esc(f, json_string_value(json_object_get(r, "note")));
    fputs("</blockquote></div>\n", f);
}

/* The positions of `c`, each with a radio button for "resolved" and its
 * claims: source, claimant, hedge, as-of, locator, quote and file line. */
void ct_serve__claim_item(FILE *f, const ct_corpus *corpus, const ct_claim *cl)
{
    fputs("<li><code>", f);
    ct_serve__esc(f, cl->id);
    fputs("</code> ", f);
    ct_serve__source_ref(f, corpus, cl->source);
    ct_serve__wrap(f, ", claimant <b class=\"claimant\">", cl->claimant, "</b>");
    ct_serve__wrap(f, " <span class=\"badge hedge\">", cl->hedge, "</span>");
    ct_serve__wrap(f, " <span class=\"meta\">as of ", cl->as_of, "</span>");
    ct_serve__wrap(f, " <span class=\"meta\">", cl->locator, "</span>");
    fputs("<blockquote class=\"quote\">", f);
    ct_serve__esc(f, cl->quote);
    fputs("</blockquote><span class=\"meta\">", f);
    ct_serve__esc(f, cl->file);
    if (cl->line > 0)
        fprintf(f, ":%d", (int)cl->line);
    fputs("</span></li>", f);
}

static void positions_list(FILE *f, const ct_corpus *corpus, const ct_conflict *c)
{
    size_t n;
    const ct_claim *claims = ct_corpus_claims(corpus, &n);
    const ct_topic *t = &ct_corpus_topics(corpus, &n)[c->topic];
    fputs("<h2>Positions</h2><ol class=\"positions\">\n", f);
    for (size_t p = 0; p < c->n_positions; p++) {
        const ct_position *pos = &c->positions[p];
        fputs(
            "<li class=\"position\"><label><input type=\"radio\" form=\"review-form\" name=\"prefer\" value=\"",
            f);
        for (size_t k = 0; k < pos->n_claims; k++) {
            fputs(k ? "," : "", f);
            ct_serve__esc(f, claims[pos->claims[k]].id);
        }
        fputs("\"> ", f);
        if (c->rule) { /* each position of a rule conflict is about its term */
            fputs("<span class=\"property\">", f);
            if (pos->subject && strcmp(pos->subject, c->subject) != 0) {
                ct_serve__esc(f, pos->subject);
                fputs(" &middot; ", f);
            }
            ct_serve__esc(f, t->properties[pos->subject ? pos->property : c->property].name);
            fputs(":</span> ", f);
        }
        fputs("<span class=\"value\">", f);
        if (pos->denies)
            fputs("denies: ", f);
        ct_serve__esc(f, pos->display);
        fprintf(f, "</span></label> <span class=\"meta\">%zu claim%s</span><ul class=\"claims\">",
                pos->n_claims, pos->n_claims == 1 ? "" : "s");
        for (size_t k = 0; k < pos->n_claims; k++)
            ct_serve__claim_item(f, corpus, &claims[pos->claims[k]]);
        fputs("</ul></li>\n", f);
    }
    fputs("</ol>\n", f);
}

/* A stale review: the claims changed since, and what changed when the
 * review kept a snapshot of them. */
static void stale_notice(ct_serve *s, FILE *f, const view *v, const ct_conflict *c)
{
    ct_report r = {.corpus = s->corpus, .conflicts = v->set, .reviews = v->reviews};
    json_t *texts = ct_report_change_texts(&r, c);
    fputs("<p class=\"notice error\">The claims changed since this review: it is stale.", f);
    if (json_array_size(texts)) {
        fputs(" Changed since:</p><ul class=\"changes\">", f);
        size_t i;
        json_t *t;
        json_array_foreach(texts, i, t)
        {
            ct_serve__wrap(f, "<li>", json_string_value(t), "</li>");
        }
        fputs("</ul>", f);
    } else {
        fputs("</p>", f);
    }
    json_decref(texts);
}

static void conflict_body(ct_serve *s, FILE *f, const view *v, const ct_conflict *c,
                          const char *preset)
{
    size_t nt;
    const ct_topic *t = &ct_corpus_topics(s->corpus, &nt)[c->topic];
    const ct_property *prop = &t->properties[c->property];
    const json_t *entry = NULL;
    ct_review_state st = ct_review_state_of(v->reviews, c, &entry);
    fputs("<h1>", f);
    if (c->rule) {
        fputs("rule ", f);
        ct_serve__esc(f, c->rule);
    } else {
        ct_serve__esc(f, c->subject);
    }
    fputs(" &middot; ", f);
    ct_serve__esc(f, c->rule ? c->subject : prop->name);
    fprintf(f, "</h1><p><code>%s</code> ", c->id);
    ct_serve__badge(f, severity_names[c->severity], severity_names[c->severity]);
    ct_serve__badge(f, "type", ct_conflict_type_name(c->type));
    fprintf(f, "<span id=\"state\" class=\"badge %s\">%s</span> topic ",
            ct_review_state_name((ct_review_state)st), ct_review_state_name((ct_review_state)st));
    ct_serve__esc(f, t->title);
    ct_serve__wrap(f, " &middot; unit ", prop->unit, "");
    fputs("</p>\n", f);
    ct_serve__subject_about(f, c->subject);
    positions_list(f, s->corpus, c);
    if (c->n_clashes) {
        fputs("<p class=\"meta\">Clashes: ", f);
        for (size_t k = 0; k < c->n_clashes; k++)
            fprintf(f, "%s[%zu] &times; [%zu]", k ? ", " : "", c->clashes[k].a + 1,
                    c->clashes[k].b + 1);
        fputs(c->clashes_truncated ? " (more not listed)</p>\n" : "</p>\n", f);
    }
    if (c->rule && c->n_violations) {
        char *def = ct_report_rule_text(t, c);
        ct_serve__wrap(f, "<h2>Rule</h2><p class=\"rule\">rule <code>", c->rule, "</code>: ");
        ct_serve__wrap(f, "<code>", def, "</code></p>");
        ct_free(def);
        fputs("<ul class=\"rule\">", f);
        for (size_t k = 0; k < c->n_violations; k++) {
            const ct_rule_violation *vio = &c->violations[k];
            ct_serve__wrap(f, "<li>rule <code>", c->rule, "</code>:");
            for (size_t x = 0; x < vio->n_positions; x++)
                fprintf(f, " [%zu]", vio->positions[x] + 1);
            ct_serve__wrap(f, ": <span class=\"arithmetic\">", vio->arithmetic, "</span></li>");
        }
        fputs(c->clashes_truncated ? "</ul><p class=\"meta\">(more not listed)</p>\n" : "</ul>\n",
              f);
    }
    int days;
    if (!c->rule && ct_value__charted(prop->type, &days))
        interval_chart(f, s->corpus, c, prop);
    fputs("<h2>Review</h2>\n", f);
    char fp[17] = "";
    if (entry && json_object_get(entry, "status")) {
        if (st == CT_REVIEW_STALE)
            stale_notice(s, f, v, c);
        ct_serve__review_box(f, entry, "current");
        ct_serve__review_fingerprint(entry, fp);
    } else {
        fputs("<p class=\"meta\">Not reviewed yet.</p>", f);
    }
    json_t *history = json_object_get(entry, "history");
    if (json_array_size(history)) {
        fputs("<h3>History</h3><ol id=\"history\" reversed>", f);
        for (size_t i = json_array_size(history); i-- > 0;) {
            fputs("<li>", f);
            ct_serve__review_box(f, json_array_get(history, i), "past");
            fputs("</li>", f);
        }
        fputs("</ol>\n", f);
    }
    fputs("<form id=\"review-form\" class=\"review\" method=\"post\" action=\"/review\">"
          "<input type=\"hidden\" name=\"token\" value=\"",
          f);
    ct_serve__esc(f, s->token);
    fprintf(
        f,
        "\"><input type=\"hidden\" name=\"id\" value=\"%s\"><input type=\"hidden\" name=\"digest\" value=\"%s\">"
        "<input type=\"hidden\" name=\"replaces\" value=\"%s\">",
        c->id, c->digest, fp);
    static const char *const statuses[] = {"confirmed", "dismissed", "resolved"};
    static const char *const labels[] = {"Confirm (c): a real disagreement",
                                         "Dismiss (d): not a real disagreement",
                                         "Resolve (r): the chosen position is right"};
    for (int i = 0; i < 3; i++)
        fprintf(
            f, "<label><input type=\"radio\" name=\"status\" value=\"%s\"%s required> %s</label>",
            statuses[i], preset && strcmp(preset, statuses[i]) == 0 ? " checked" : "", labels[i]);
    fputs("<label>Note (required)<textarea name=\"note\" required></textarea></label>"
          "<label>Reviewer <input name=\"by\" required autocomplete=\"name\"></label>"
          "<button type=\"submit\">Save review</button></form>"
          "<div id=\"review-result\" hidden></div>\n",
          f);
}

void ct_serve__conflict_page(ct_serve *s, const ct_serve_request *req, const char *id,
                             ct_serve_response *res)
{
    view v;
    const char *why = NULL;
    int rc = ct_serve__view_load(s, &v, &why);
    if (rc < 0) {
        ct_serve__view_failed(s, res, rc, why);
        return;
    }
    const ct_conflict *c = ct_conflict_set_get(v.set, id);
    int oom = 0;
    char *preset = ct_serve__query_get(req->query, "status", &oom);
    page p;
    if (!c) {
        ct_serve__error_page(s, res, 404, "No such conflict",
                             "No conflict has this id (any more).");
    } else if (oom || ct_serve__page_open(&p) < 0) {
        ct_serve__set_text(res, 500, "out of memory\n");
    } else {
        size_t nt;
        char *title = ct_report_conflict_title(&ct_corpus_topics(s->corpus, &nt)[c->topic], c);
        ct_serve__page_head(s, p.fp, title ? title : c->subject);
        ct_free(title);
        conflict_body(s, p.fp, &v, c, preset);
        ct_serve__page_tail(p.fp);
        ct_serve__page_finish(&p, res, 200);
    }
    ct_free(preset);
    ct_serve__view_clear(&v);
}

void ct_serve__sources_page(ct_serve *s, ct_serve_response *res)
{
    view v;
    const char *why = NULL;
    int rc = ct_serve__view_load(s, &v, &why);
    if (rc < 0) {
        ct_serve__view_failed(s, res, rc, why);
        return;
    }
    size_t ns, nc;
    const ct_source *src = ct_corpus_sources(s->corpus, &ns);
    const ct_claim *claims = ct_corpus_claims(s->corpus, &nc);
    page p;
    if (ct_serve__page_open(&p) < 0) {
        ct_serve__set_text(res, 500, "out of memory\n");
        ct_serve__view_clear(&v);
        return;
    }
    FILE *f = p.fp;
    ct_serve__page_head(s, f, "Sources");
    fputs(
        "<h1>Sources</h1><table id=\"sources\"><thead><tr><th>Id</th><th>Title</th><th>Author</th><th>Publisher</th>"
        "<th>Published</th><th>Claims</th><th>Conflicts</th></tr></thead><tbody>\n",
        f);
    for (size_t i = 0; i < ns; i++) {
        size_t n_claims = 0, n_conflicts = 0;
        for (size_t k = 0; k < nc; k++)
            n_claims += strcmp(claims[k].source, src[i].id) == 0;
        for (size_t k = 0; k < v.set->n_conflicts; k++) {
            const ct_conflict *c = &v.set->conflicts[k];
            int in = 0;
            for (size_t p2 = 0; p2 < c->n_positions && !in; p2++)
                for (size_t j = 0; j < c->positions[p2].n_claims && !in; j++)
                    in = strcmp(claims[c->positions[p2].claims[j]].source, src[i].id) == 0;
            n_conflicts += (size_t)in;
        }
        fputs("<tr><td><code>", f);
        ct_serve__esc(f, src[i].id);
        fputs("</code></td><td>", f);
        ct_serve__source_ref(f, s->corpus, src[i].id);
        fputs("</td><td>", f);
        ct_serve__esc(f, src[i].author);
        fputs("</td><td>", f);
        ct_serve__esc(f, src[i].publisher);
        fputs("</td><td>", f);
        ct_serve__esc(f, src[i].published);
        fprintf(f, "</td><td>%zu</td><td>%zu</td></tr>\n", n_claims, n_conflicts);
    }
    fputs("</tbody></table>\n<h2>Claims by source</h2>\n", f);
    for (size_t i = 0; i < ns; i++) {
        fputs("<section class=\"source\" id=\"source-", f);
        ct_serve__esc(f, src[i].id);
        fputs("\"><h3><code>", f);
        ct_serve__esc(f, src[i].id);
        fputs("</code> ", f);
        ct_serve__esc(f, src[i].title);
        fputs("</h3>", f);
        ct_serve__source_claims(f, s->corpus, src[i].id);
        fputs("</section>\n", f);
    }
    ct_serve__page_tail(f);
    ct_serve__page_finish(&p, res, 200);
    ct_serve__view_clear(&v);
}
