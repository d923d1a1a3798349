/*
 * subjects.c - the workbench's subject pages: /subject/NAME shows every
 * group (topic, property) of the subject NAME (its canonical name or an
 * alias) as `claimtrack claims --subject NAME` does: positions with their
 * sources and quotes, the group's status, its conflict, its revisions.
 * Also the links to them (from the sources page and the search), and the
 * search over subject names and aliases.  Every value is HTML-escaped;
 * names in links are percent-encoded.
 */
#include "serve/serve_int.h"

#include "claimtrack/claims.h"
#include "claimtrack/common.h"

#include <stdlib.h>
#include <string.h>

void ct_serve__subject_href(FILE *f, const char *name)
{
    static const char hex[] = "0123456789ABCDEF";
    fputs("/subject/", f);
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~", *p))
            fputc(*p, f);
        else
            fprintf(f, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
    }
}

/* <a href="/subject/NAME">NAME</a> */
void ct_serve__subject_link(FILE *f, const char *name)
{
    fputs("<a class=\"subject\" href=\"", f);
    ct_serve__subject_href(f, name);
    fputs("\">", f);
    ct_serve__esc(f, name);
    fputs("</a>", f);
}

void ct_serve__subject_about(FILE *f, const char *name)
{
    fputs("<p class=\"meta\" id=\"about\">Every claim about ", f);
    ct_serve__subject_link(f, name);
    fputs("</p>\n", f);
}

static const char *stance_prefix(const ct_claim *c)
{
    return c->questions ? "questions: " : c->denies ? "denies: " : "";
}

static void revisions_list(FILE *f, const ct_corpus *corpus, const ct_conflict_set *set,
                           const ct_claims_group *g)
{
    size_t n;
    const ct_claim *claims = ct_corpus_claims(corpus, &n);
    if (!g->n_revisions)
        return;
    fputs("<h3>Revisions</h3><ul class=\"revisions\">", f);
    for (size_t i = 0; i < g->n_revisions; i++) {
        const ct_claim *a = &claims[set->revisions[g->revisions[i]].claim];
        const ct_claim *b = &claims[set->revisions[g->revisions[i]].by];
        fputs("<li>", f);
        ct_serve__esc(f, a->speaker ? a->speaker : a->source);
        fprintf(f, " revised <span class=\"value\">%s", stance_prefix(a));
        ct_serve__esc(f, a->display);
        fputs("</span> (<code>", f);
        ct_serve__esc(f, a->id);
        fprintf(f, "</code>) to <span class=\"value\">%s", stance_prefix(b));
        ct_serve__esc(f, b->display);
        fputs("</span> (<code>", f);
        ct_serve__esc(f, b->id);
        fputs("</code>)</li>", f);
    }
    fputs("</ul><h3>Revised claims</h3><ul class=\"claims revised\">", f);
    for (size_t i = 0; i < g->n_revisions; i++)
        ct_serve__claim_item(f, corpus, &claims[set->revisions[g->revisions[i]].claim]);
    fputs("</ul>\n", f);
}

/* The group's conflict, with its severity and review state, linked. */
static void group_conflict(FILE *f, const view *v, const ct_conflict *c)
{
    ct_review_state st = ct_review_state_of(v->reviews, c, NULL);
    fprintf(f, "<p class=\"conflict\">Conflict <a href=\"/conflict/%s\"><code>%s</code></a> ",
            c->id, c->id);
    ct_serve__badge(f, ct_severity_name(c->severity), ct_severity_name(c->severity));
    ct_serve__badge(f, ct_review_state_name(st), ct_review_state_name(st));
    fputs("</p>\n", f);
}

static void group_section(FILE *f, const ct_corpus *corpus, const view *v, const ct_claims_group *g,
                          size_t index)
{
    size_t n;
    const ct_claim *claims = ct_corpus_claims(corpus, &n);
    const ct_topic *t = &ct_corpus_topics(corpus, &n)[g->topic];
    const char *status = ct_group_status_name(g->status);
    fprintf(f, "<section class=\"group\" id=\"group-%zu\" data-status=\"%s\"><h2>", index + 1,
            status);
    ct_serve__esc(f, t->title);
    fputs(" &middot; ", f);
    ct_serve__esc(f, t->properties[g->property].name);
    fputs(" ", f);
    ct_serve__badge(f, status, status);
    fputs("</h2>\n", f);
    if (g->conflict)
        group_conflict(f, v, g->conflict);
    fputs("<ol class=\"positions\">", f);
    for (size_t p = 0; p < g->n_positions; p++) {
        const ct_claims_position *pos = &g->positions[p];
        fprintf(f, "<li class=\"position\"><span class=\"value\">%s",
                pos->questions ? "questions: "
                : pos->denies  ? "denies: "
                               : "");
        ct_serve__esc(f, pos->display);
        fprintf(f, "</span> <span class=\"meta\">%zu source%s</span><ul class=\"claims\">",
                pos->n_sources, pos->n_sources == 1 ? "" : "s");
        for (size_t k = 0; k < pos->n_claims; k++)
            ct_serve__claim_item(f, corpus, &claims[pos->claims[k]]);
        fputs("</ul></li>\n", f);
    }
    fputs("</ol>\n", f);
    revisions_list(f, corpus, v->set, g);
    for (size_t i = 0; i < g->n_rules; i++) {
        fprintf(f, "<p class=\"rule\">Rule conflict <a href=\"/conflict/%s\"><code>%s</code></a> (",
                g->rules[i]->id, g->rules[i]->id);
        ct_serve__esc(f, g->rules[i]->rule);
        fputs(")</p>\n", f);
    }
    fputs("</section>\n", f);
}

/* The page's heading: the name asked for, the subject's names, the counts. */
static void subject_heading(FILE *f, const ct_corpus *corpus, const char *name,
                            const ct_claims_view *cv)
{
    size_t nt;
    const ct_topic *topics = ct_corpus_topics(corpus, &nt);
    fputs("<h1>", f);
    ct_serve__esc(f, name);
    fputs("</h1><p class=\"meta\" id=\"names\">Names:", f);
    for (size_t i = 0; i < cv->n_groups; i++) {
        const ct_claims_group *g = &cv->groups[i];
        if (i && cv->groups[i - 1].topic == g->topic && cv->groups[i - 1].subject == g->subject)
            continue; /* the names of one topic's subject, once */
        const ct_topic *t = &topics[g->topic];
        fputs(" <b>", f);
        ct_serve__esc(f, g->subject);
        fputs("</b>", f);
        for (size_t a = 0; a < t->n_aliases; a++)
            if (strcmp(t->aliases[a].canonical, g->subject) == 0 &&
                strcmp(t->aliases[a].alias, g->subject) != 0)
                ct_serve__wrap(f, ", <span class=\"alias\">", t->aliases[a].alias, "</span>");
        ct_serve__wrap(f, " (in ", t->title, ")");
    }
    fputs("</p><div class=\"cards\">", f);
    for (int s = 0; s < CT_GROUP_STATUS_COUNT; s++)
        fprintf(f, "<div class=\"card\"><b id=\"count-%s\">%zu</b>%s</div>",
                ct_group_status_name((ct_group_status)s), cv->status[s],
                ct_group_status_name((ct_group_status)s));
    fputs("</div>\n", f);
}

void ct_serve__subject_page(ct_serve *s, const char *name, ct_serve_response *res)
{
    view v;
    const char *why = NULL, *what = NULL;
    int rc = ct_serve__view_load(s, &v, &why);
    if (rc < 0) {
        ct_serve__view_failed(s, res, rc, why);
        return;
    }
    ct_claims_filter filter = {.subject = name};
    ct_claims_view *cv = NULL;
    page p;
    if (ct_claims_filter_check(&what, s->corpus, &filter) < 0) {
        ct_serve__error_page(s, res, 404, "No such subject",
                             "No claim is about a subject of this name or alias.");
    } else if (ct_claims_view_build(&cv, s->corpus, v.set, &filter) < 0 ||
               ct_serve__page_open(&p) < 0) {
        ct_serve__set_text(res, 500, "out of memory\n");
    } else {
        ct_serve__page_head(s, p.fp, name);
        subject_heading(p.fp, s->corpus, name, cv);
        for (size_t i = 0; i < cv->n_groups; i++)
            group_section(p.fp, s->corpus, &v, &cv->groups[i], i);
        ct_serve__page_tail(p.fp);
        ct_serve__page_finish(&p, res, 200);
    }
    ct_claims_view_free(cv);
    ct_serve__view_clear(&v);
}

void ct_serve__source_claims(FILE *f, const ct_corpus *corpus, const char *source)
{
    size_t n, nt;
    const ct_claim *claims = ct_corpus_claims(corpus, &n);
    const ct_topic *topics = ct_corpus_topics(corpus, &nt);
    fputs("<ul class=\"source-claims\">", f);
    for (size_t i = 0; i < n; i++) {
        const ct_claim *c = &claims[i];
        if (strcmp(c->source, source) != 0)
            continue;
        fputs("<li><code>", f);
        ct_serve__esc(f, c->id);
        fputs("</code> ", f);
        ct_serve__subject_link(f, c->subject);
        fputs(" &middot; ", f);
        ct_serve__esc(f, topics[c->topic].properties[c->property].name);
        fprintf(f, ": <span class=\"value\">%s", stance_prefix(c));
        ct_serve__esc(f, c->display);
        fputs("</span>", f);
        ct_serve__wrap(f, " <span class=\"meta\">claimant ", c->claimant, "</span>");
        ct_serve__wrap(f, "<blockquote class=\"quote\">", c->quote, "</blockquote>");
        fputs("</li>", f);
    }
    fputs("</ul>\n", f);
}

int ct_serve__subject_matches(const ct_topic *t, const char *subject, const char *q)
{
    if (ct_serve__ci_contains(subject, q))
        return 1;
    for (size_t i = 0; i < t->n_aliases; i++)
        if (strcmp(t->aliases[i].canonical, subject) == 0 &&
            ct_serve__ci_contains(t->aliases[i].alias, q))
            return 1;
    return 0;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

int ct_serve__subject_search(FILE *f, const ct_corpus *corpus, const char *q)
{
    size_t n, nt, k = 0;
    const ct_claim *claims = ct_corpus_claims(corpus, &n);
    const ct_topic *topics = ct_corpus_topics(corpus, &nt);
    if (!q || !*q)
        return 0;
    const char **names = ct_calloc(n ? n : 1, sizeof *names);
    if (!names)
        return CT_ENOMEM;
    for (size_t i = 0; i < n; i++)
        if (ct_serve__subject_matches(&topics[claims[i].topic], claims[i].subject, q))
            names[k++] = claims[i].subject;
    qsort((void *)names, k, sizeof *names, cmp_str);
    fputs("<section id=\"subjects\"><h2>Subjects</h2><ul class=\"subjects\">", f);
    for (size_t i = 0; i < k; i++) {
        if (i && strcmp(names[i - 1], names[i]) == 0)
            continue;
        fputs("<li>", f);
        ct_serve__subject_link(f, names[i]);
        fputs("</li>", f);
    }
    fputs(k ? "</ul></section>\n" : "</ul><p class=\"meta\">No subject matches.</p></section>\n",
          f);
    ct_free((void *)names);
    return 0;
}
