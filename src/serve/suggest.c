/*
 * suggest.c - the workbench's Suggest page: an article pasted (or loaded
 * from a file by the script) is drafted into claims by the suggest library;
 * the editor accepts (after editing), rejects or skips each draft.
 *
 * Accepted drafts are appended to their topic's JSON file as text (every
 * other byte of the file kept), each file under the writers' lock of
 * ct_review_lock and re-read under it; the whole corpus is then validated
 * from memory with the new texts, and only when it is valid are the files
 * replaced atomically.  Rejected drafts are dropped from the form, skipped
 * ones stay in it for later.
 */
#include "serve/serve_int.h"

#include "claimtrack/common.h"
#include "claimtrack/corpus.h"
#include "claimtrack/fileio.h"
#include "claimtrack/review.h"
#include "claimtrack/suggest.h"
#include "util/namemap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DRAFTS 500
#define MAX_TOPICS 64

enum {
    F_ID,
    F_TOPIC,
    F_SUBJECT,
    F_PROPERTY,
    F_VALUE,
    F_SOURCE,
    F_QUOTE,
    F_CLAIMANT,
    F_HEDGE,
    F_STANCE,
    F_DECISION,
    F_KNOWN,
    NF
};
static const char *const field_names[NF] = {"id",    "topic",  "subject",  "property",
                                            "value", "source", "quote",    "claimant",
                                            "hedge", "stance", "decision", "known"};

typedef struct {
    char *f[NF];
    size_t start, end; /* the quote's bytes in the article, when located */
    int located;
} draft;

typedef struct {
    draft *d;
    size_t n;
} draft_list;

static void drafts_clear(draft_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        for (int k = 0; k < NF; k++)
            ct_free(l->d[i].f[k]);
    ct_free(l->d);
    l->d = NULL;
    l->n = 0;
}

static int is_(const char *a, const char *b) { return a && strcmp(a, b) == 0; }

/* ---- escaping --------------------------------------------------------------- */

/* `n` bytes of `s` HTML-escaped. */
static void esc_n(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(s[i], f);
        }
    }
}

static void esc(FILE *f, const char *s)
{
    if (s)
        ct_serve__esc(f, s);
}

/* ---- drafts from the library, and from the form ------------------------------ */

static int dup_field(draft *d, int k, const char *v)
{
    if (!v)
        return 0;
    d->f[k] = ct_strdup(v);
    return d->f[k] ? 0 : CT_ENOMEM;
}

/* One line of ct_suggest's output into *d.  The value is kept as written:
 * the text between its key and the source's (neither can occur inside a
 * JSON string, whose quotes are escaped). */
static int draft_from_line(const char *line, draft *d)
{
    static const int keys[] = {F_TOPIC, F_SUBJECT,  F_PROPERTY, F_SOURCE,
                               F_QUOTE, F_CLAIMANT, F_HEDGE,    F_STANCE};
    memset(d, 0, sizeof *d);
    json_t *doc = json_loads(line, 0, NULL);
    const char *v = strstr(line, "\"value\": ");
    const char *e = v ? strstr(v, ", \"source\": ") : NULL;
    if (!doc || !e) {
        json_decref(doc);
        return CT_ENOMEM;
    }
    json_t *c = json_object_get(doc, "claim");
    int rc = 0;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0] && rc == 0; i++)
        rc = dup_field(d, keys[i], json_string_value(json_object_get(c, field_names[keys[i]])));
    if (rc == 0)
        rc = dup_field(d, F_KNOWN, json_string_value(json_object_get(doc, "known")));
    if (rc == 0)
        rc = dup_field(d, F_DECISION, "skip");
    if (rc == 0 && !(d->f[F_VALUE] = ct_strndup(v + 9, (size_t)(e - v - 9))))
        rc = CT_ENOMEM;
    json_t *off = json_object_get(doc, "offset");
    d->start = (size_t)json_integer_value(json_array_get(off, 0));
    d->end = (size_t)json_integer_value(json_array_get(off, 1));
    d->located = json_array_size(off) == 2 && d->start <= d->end;
    json_decref(doc);
    return rc;
}

/* A free id for draft i: PROPERTY-SOURCE, then PROPERTY-SOURCE-2, ...; the
 * ids taken are in `ids` (the corpus's and the drafts' before), and so is the
 * new one. */
static int assign_id(ct_namemap *ids, draft *d)
{
    char base[160], id[180];
    snprintf(base, sizeof base, "%.70s-%.70s", d->f[F_PROPERTY], d->f[F_SOURCE]);
    snprintf(id, sizeof id, "%s", base);
    for (unsigned k = 2; ct_namemap__get(ids, id) >= 0 && k < 100000; k++)
        snprintf(id, sizeof id, "%s-%u", base, k);
    if (dup_field(d, F_ID, id) < 0)
        return CT_ENOMEM;
    return ct_namemap__put(ids, d->f[F_ID], 0);
}

/* The drafts of ct_suggest's output, with ids. */
static int drafts_from_output(const ct_corpus *corpus, char *out, size_t count, draft_list *l)
{
    l->n = 0;
    l->d = ct_calloc(count ? count : 1, sizeof *l->d);
    if (!l->d)
        return CT_ENOMEM;
    size_t nc;
    const ct_claim *claims = ct_corpus_claims(corpus, &nc);
    ct_namemap ids = CT_NAMEMAP_INIT;
    int rc = ct_namemap__reserve(&ids, nc + (count < MAX_DRAFTS ? count : MAX_DRAFTS));
    for (size_t i = 0; i < nc && rc == 0; i++)
        rc = ct_namemap__put(&ids, claims[i].id, 0);
    for (char *p = out; p && *p && rc == 0 && l->n < count && l->n < MAX_DRAFTS;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        rc = draft_from_line(p, &l->d[l->n]);
        l->n++;
        if (rc == 0)
            rc = assign_id(&ids, &l->d[l->n - 1]);
        p = nl ? nl + 1 : p + strlen(p);
    }
    ct_namemap__dispose(&ids);
    return rc;
}

/* A field "d<N>-<name>" of draft N < l->n: its slot, or NULL. */
static char **form_slot(draft_list *l, const char *key, size_t klen)
{
    if (klen < 3 || key[0] != 'd' || key[1] < '0' || key[1] > '9')
        return NULL;
    size_t i = 0, k = 1;
    for (; k < klen && key[k] >= '0' && key[k] <= '9' && i < MAX_DRAFTS; k++)
        i = i * 10 + (size_t)(key[k] - '0');
    if (i >= l->n || k >= klen || key[k] != '-')
        return NULL;
    for (int f = 0; f < NF; f++)
        if (strlen(field_names[f]) == klen - k - 1 &&
            memcmp(key + k + 1, field_names[f], klen - k - 1) == 0)
            return l->d[i].f[f] ? NULL : &l->d[i].f[f]; /* the first one counts */
    return NULL;
}

static int form_field(const char *key, size_t klen, char *value, void *payload)
{
    char **slot = form_slot(payload, key, klen);
    if (value && slot)
        *slot = value;
    else
        ct_free(value);
    return slot != NULL;
}

/* The drafts the form posted back (fields "d<N>-<name>", "n" of them),
 * read in one pass over the body. */
static int drafts_from_form(const ct_serve_request *req, draft_list *l)
{
    int oom = 0;
    char *count = ct_serve__form_get(req->body, req->body_len, "n", &oom);
    size_t n = count ? strtoul(count, NULL, 10) : 0;
    ct_free(count);
    if (n > MAX_DRAFTS)
        n = MAX_DRAFTS;
    l->n = 0;
    l->d = ct_calloc(n ? n : 1, sizeof *l->d);
    if (!l->d || oom)
        return CT_ENOMEM;
    l->n = n;
    return ct_serve__form_each(req->body, req->body_len, form_field, l);
}

/* ---- rendering ------------------------------------------------------------------ */

/* The quote in its sentence (at most 300 bytes either side), marked. */
static void context(FILE *f, const char *text, size_t len, const draft *d)
{
    if (!text || !d->located || d->end > len) {
        fputs("<blockquote class=\"quote\">", f);
        esc(f, d->f[F_QUOTE]);
        fputs("</blockquote>", f);
        return;
    }
    size_t a = d->start, b = d->end;
    while (a > 0 && d->start - a < 300 && !strchr(".!?\n", text[a - 1]))
        a--;
    while (a < d->start && (((unsigned char)text[a] & 0xC0) == 0x80 || text[a] == ' '))
        a++;
    while (b < len && b - d->end < 300 && !strchr(".!?\n", text[b]))
        b++;
    if (b < len && text[b] != '\n')
        b++;
    while (b > d->end && b < len && ((unsigned char)text[b] & 0xC0) == 0x80)
        b--;
    fputs("<p class=\"context\">", f);
    esc_n(f, text + a, d->start - a);
    fputs("<mark>", f);
    esc_n(f, text + d->start, d->end - d->start);
    fputs("</mark>", f);
    esc_n(f, text + d->end, b - d->end);
    fputs("</p>", f);
}

static void input(FILE *f, size_t i, int k, const char *label, const draft *d)
{
    fprintf(f, "<label>%s <input name=\"d%zu-%s\" value=\"", label, i, field_names[k]);
    esc(f, d->f[k]);
    fputs("\"></label>", f);
}

static void hidden(FILE *f, size_t i, int k, const draft *d)
{
    fprintf(f, "<input type=\"hidden\" name=\"d%zu-%s\" value=\"", i, field_names[k]);
    esc(f, d->f[k]);
    fputs("\">", f);
}

static void draft_fieldset(FILE *f, size_t i, const draft *d, const char *text, size_t len)
{
    static const char *const decisions[] = {"accept", "reject", "skip"};
    static const char *const stances[] = {"asserts", "denies", "questions"};
    fprintf(f, "<fieldset class=\"draft\" id=\"draft-%zu\"><legend>", i);
    esc(f, d->f[F_TOPIC]);
    fputs(" &middot; ", f);
    esc(f, d->f[F_PROPERTY]);
    fputs("</legend>", f);
    context(f, text, len, d);
    if (d->f[F_KNOWN] && *d->f[F_KNOWN]) {
        fputs("<p class=\"meta known\">known already: <code>", f);
        esc(f, d->f[F_KNOWN]);
        fputs("</code></p>", f);
    }
    fputs("<p class=\"decision\">", f);
    const char *chosen = d->f[F_DECISION] ? d->f[F_DECISION] : "skip";
    for (int k = 0; k < 3; k++)
        fprintf(f, "<label><input type=\"radio\" name=\"d%zu-decision\" value=\"%s\"%s> %s</label>",
                i, decisions[k], strcmp(chosen, decisions[k]) == 0 ? " checked" : "", decisions[k]);
    fputs("</p><div class=\"fields\">", f);
    input(f, i, F_ID, "Id", d);
    input(f, i, F_SUBJECT, "Subject", d);
    input(f, i, F_PROPERTY, "Property", d);
    input(f, i, F_VALUE, "Value (JSON)", d);
    input(f, i, F_CLAIMANT, "Claimant", d);
    input(f, i, F_HEDGE, "Hedge", d);
    fprintf(f, "<label>Stance <select name=\"d%zu-stance\">", i);
    for (int k = 0; k < 3; k++)
        fprintf(f, "<option%s>%s</option>",
                is_(d->f[F_STANCE], stances[k]) || (k == 0 && !d->f[F_STANCE]) ? " selected" : "",
                stances[k]);
    fputs("</select></label></div>", f);
    hidden(f, i, F_TOPIC, d);
    hidden(f, i, F_SOURCE, d);
    hidden(f, i, F_QUOTE, d);
    hidden(f, i, F_KNOWN, d);
    fputs("</fieldset>\n", f);
}

static void drafts_form(ct_serve *s, FILE *f, const draft_list *l, const char *text, size_t len)
{
    fputs("<form id=\"drafts-form\" method=\"post\" action=\"/suggest/accept\">"
          "<input type=\"hidden\" name=\"token\" value=\"",
          f);
    esc(f, s->token);
    fprintf(f, "\"><input type=\"hidden\" name=\"n\" value=\"%zu\">\n", l->n);
    for (size_t i = 0; i < l->n; i++)
        draft_fieldset(f, i, &l->d[i], text, len);
    fputs("<button type=\"submit\">Save the accepted drafts</button></form>\n", f);
}

static int chosen_topic(char *const *topics, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (is_(topics[i], id))
            return 1;
    return 0;
}

/* The article form, filled with what was posted (or empty). */
static void article_form(ct_serve *s, FILE *f, const char *text, const char *source,
                         char *const *topics, size_t n_topics, const char *published)
{
    size_t ns, nt;
    const ct_source *src = ct_corpus_sources(s->corpus, &ns);
    const ct_topic *tp = ct_corpus_topics(s->corpus, &nt);
    fputs("<form id=\"suggest-form\" class=\"suggest\" method=\"post\" action=\"/suggest\">"
          "<input type=\"hidden\" name=\"token\" value=\"",
          f);
    esc(f, s->token);
    fputs("\"><label>Source <select name=\"source\" required>", f);
    for (size_t i = 0; i < ns; i++) {
        fputs("<option value=\"", f);
        esc(f, src[i].id);
        fputs(is_(source, src[i].id) ? "\" selected>" : "\">", f);
        esc(f, src[i].id);
        fputs(": ", f);
        esc(f, src[i].title);
        fputs("</option>", f);
    }
    fputs("</select></label><fieldset class=\"topics\"><legend>Topics (none ticked: all)</legend>",
          f);
    for (size_t i = 0; i < nt; i++) {
        fputs("<label><input type=\"checkbox\" name=\"topic\" value=\"", f);
        esc(f, tp[i].id);
        fputs(chosen_topic(topics, n_topics, tp[i].id) ? "\" checked> " : "\"> ", f);
        esc(f, tp[i].title);
        fputs("</label>", f);
    }
    fputs("</fieldset><label>Published (anchors dates without a year; default: the source's) "
          "<input name=\"published\" placeholder=\"YYYY-MM-DD\" value=\"",
          f);
    esc(f, published);
    fputs("\"></label><label>Article <textarea name=\"text\" rows=\"14\" required>\n", f);
    esc(f, text);
    fputs("</textarea></label><label id=\"article-file-label\" hidden>Or load a text file "
          "<input type=\"file\" id=\"article-file\" accept=\".txt,text/plain\"></label>"
          "<button type=\"submit\">Suggest claims</button></form>\n",
          f);
}

/* ---- pages ------------------------------------------------------------------------- */

/* The corpus as of now, else an error page (503 or 500). */
static int need_corpus(ct_serve *s, ct_serve_response *res)
{
    view v;
    const char *why = NULL;
    int rc = ct_serve__view_load(s, &v, &why);
    if (rc == 0) {
        ct_serve__view_clear(&v);
        return 0;
    }
    if (rc == CT_ENOMEM)
        ct_serve__set_text(res, 500, "out of memory\n");
    else
        ct_serve__error_page(s, res, 503, "The corpus does not load", why ? why : "");
    return -1;
}

void ct_serve__suggest_page(ct_serve *s, ct_serve_response *res)
{
    page p;
    if (need_corpus(s, res) < 0)
        return;
    if (ct_serve__page_open(&p) < 0) {
        ct_serve__set_text(res, 500, "out of memory\n");
        return;
    }
    ct_serve__page_head(s, p.fp, "Suggest");
    fputs("<h1>Suggest claims</h1><p class=\"meta\">Paste an article and pick its source: "
          "claimtrack drafts the claims it makes from the topics' vocabulary, for you to "
          "accept (after editing), reject or skip.</p>\n",
          p.fp);
    article_form(s, p.fp, NULL, NULL, NULL, 0, NULL);
    ct_serve__page_tail(p.fp);
    ct_serve__page_finish(&p, res, 200);
}

typedef struct {
    char *text, *source, *published;
    char *topics[MAX_TOPICS];
    size_t n_topics;
} article_post;

static void article_clear(article_post *a)
{
    ct_free(a->text);
    ct_free(a->source);
    ct_free(a->published);
    for (size_t i = 0; i < a->n_topics; i++)
        ct_free(a->topics[i]);
}

/* What is wrong with the posted article, or NULL. */
static const char *article_error(ct_serve *s, const article_post *a)
{
    if (!a->text || !*a->text)
        return "paste the article's text";
    if (!a->source || !ct_corpus_source_find(s->corpus, a->source))
        return "choose one of the corpus's sources";
    size_t nt;
    const ct_topic *tp = ct_corpus_topics(s->corpus, &nt);
    for (size_t i = 0; i < a->n_topics; i++) {
        int found = 0;
        for (size_t k = 0; k < nt && !found; k++)
            found = strcmp(tp[k].id, a->topics[i]) == 0;
        if (!found)
            return "a chosen topic is not one of the corpus's";
    }
    return NULL;
}

static void drafts_page(ct_serve *s, ct_serve_response *res, const article_post *a,
                        const draft_list *l, size_t count)
{
    page p;
    if (ct_serve__page_open(&p) < 0) {
        ct_serve__set_text(res, 500, "out of memory\n");
        return;
    }
    ct_serve__page_head(s, p.fp, "Suggested claims");
    fprintf(p.fp,
            "<h1>Suggested claims</h1><p class=\"meta\" id=\"draft-count\">%zu draft%s%s</p>\n",
            count, count == 1 ? "" : "s", count > l->n ? " (the first shown)" : "");
    if (l->n)
        drafts_form(s, p.fp, l, a->text, strlen(a->text));
    fputs("<h2>The article</h2>\n", p.fp);
    article_form(s, p.fp, a->text, a->source, a->topics, a->n_topics, a->published);
    ct_serve__page_tail(p.fp);
    ct_serve__page_finish(&p, res, 200);
}

void ct_serve__suggest_post(ct_serve *s, const ct_serve_request *req, ct_serve_response *res)
{
    if (need_corpus(s, res) < 0)
        return;
    article_post a = {0};
    int oom = 0;
    a.text = ct_serve__form_get(req->body, req->body_len, "text", &oom);
    a.source = ct_serve__form_get(req->body, req->body_len, "source", &oom);
    a.published = ct_serve__form_get(req->body, req->body_len, "published", &oom);
    while (a.n_topics < MAX_TOPICS && (a.topics[a.n_topics] = ct_serve__form_get_nth(
                                           req->body, req->body_len, "topic", a.n_topics, &oom)))
        a.n_topics++;
    const char *bad = oom ? NULL : article_error(s, &a);
    char why[300] = "", msg[320], *out = NULL;
    size_t count = 0;
    draft_list l = {NULL, 0};
    int rc = oom ? CT_ENOMEM : 0;
    if (rc == 0 && !bad) {
        ct_suggest_options o = {a.source, (const char *const *)a.topics, a.n_topics,
                                a.published && *a.published ? a.published : NULL};
        rc = ct_suggest(&out, &count, s->corpus, a.text, strlen(a.text), &o, why, sizeof why);
        if (rc == CT_EINVALID && strncmp(why, "byte ", 5) == 0) {
            snprintf(msg, sizeof msg, "the article: %s", why);
            bad = msg;
        } else if (rc == CT_EINVALID) {
            bad = why;
        } else if (rc == 0)
            rc = drafts_from_output(s->corpus, out, count, &l);
    }
    if (bad)
        ct_serve__error_page(s, res, 400, "No drafts", bad);
    else if (rc < 0)
        ct_serve__set_text(res, 500, "out of memory\n");
    else
        drafts_page(s, res, &a, &l, count);
    drafts_clear(&l);
    ct_free(out);
    article_clear(&a);
}

/* ---- accepting: claim text, insertion into the topic file, validation ------------- */

static int put_string(FILE *f, const char *key, const char *v)
{
    json_t *j = json_string(v);
    char *text = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
    json_decref(j);
    if (!text)
        return CT_ENOMEM;
    fprintf(f, "%s\"%s\": %s", strcmp(key, "id") ? ", " : "{", key, text);
    free(text);
    return 0;
}

/* Draft i as one line of claim JSON on `out`; a located error on `errs` (1)
 * when a field is missing, not UTF-8 or the value is not JSON. */
static int claim_text(const draft *d, size_t i, FILE *out, FILE *errs)
{
    static const int required[] = {F_ID,    F_TOPIC,  F_SUBJECT, F_PROPERTY,
                                   F_VALUE, F_SOURCE, F_QUOTE};
    for (size_t k = 0; k < sizeof required / sizeof required[0]; k++)
        if (!d->f[required[k]] || !*d->f[required[k]]) {
            fprintf(errs, "draft %zu: %s: required\n", i + 1, field_names[required[k]]);
            return 1;
        }
    for (int k = 0; k < NF; k++) {
        long at = d->f[k] ? ct_text_utf8_invalid_at(d->f[k]) : -1;
        if (at >= 0) {
            fprintf(errs, "draft %zu: %s: invalid UTF-8 at byte %ld (expected UTF-8 text)\n", i + 1,
                    field_names[k], at + 1);
            return 1;
        }
    }
    json_error_t err = {0};
    json_t *v = json_loads(d->f[F_VALUE], JSON_DECODE_ANY, &err);
    if (!v) {
        fprintf(errs,
                "draft %zu: value: not JSON: %s (expected a number, an object, a string or "
                "true/false)\n",
                i + 1, err.text);
        return 1;
    }
    json_decref(v);
    for (char *p = d->f[F_VALUE]; *p; p++) /* whitespace outside strings: one line */
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    int rc = put_string(out, "id", d->f[F_ID]);
    static const int strings[] = {F_SUBJECT, F_PROPERTY};
    for (size_t k = 0; k < 2 && rc == 0; k++)
        rc = put_string(out, field_names[strings[k]], d->f[strings[k]]);
    fprintf(out, ", \"value\": %s", d->f[F_VALUE]);
    static const int rest[] = {F_SOURCE, F_QUOTE, F_CLAIMANT, F_HEDGE, F_STANCE};
    for (size_t k = 0; k < sizeof rest / sizeof rest[0] && rc == 0; k++) {
        const char *val = d->f[rest[k]];
        if (val && *val && !(rest[k] == F_STANCE && strcmp(val, "asserts") == 0))
            rc = put_string(out, field_names[rest[k]], val);
    }
    fputs("}\n", out);
    return rc;
}


/* The page after an accept: what was added or why nothing was, and the
 * drafts left (the skipped ones; all of them when nothing was written). */
static void accept_page(ct_serve *s, ct_serve_response *res, int status, const draft_list *l,
                        const char *errors, size_t added)
{
    page p;
    draft_list left = {ct_calloc(l->n ? l->n : 1, sizeof *l->d), 0};
    if (!left.d || ct_serve__page_open(&p) < 0) {
        ct_free(left.d);
        ct_serve__set_text(res, 500, "out of memory\n");
        return;
    }
    for (size_t i = 0; i < l->n; i++)
        if (status != 200 ||
            !(is_(l->d[i].f[F_DECISION], "accept") || is_(l->d[i].f[F_DECISION], "reject")))
            left.d[left.n++] = l->d[i];
    ct_serve__page_head(s, p.fp, status == 200 ? "Drafts saved" : "Not saved");
    if (status == 200) {
        fprintf(p.fp,
                "<h1>Drafts saved</h1><div id=\"accept-result\" class=\"notice\" "
                "data-added=\"%zu\"><p>%zu claim%s added",
                added, added, added == 1 ? "" : "s");
        for (size_t i = 0, k = 0; i < l->n; i++)
            if (is_(l->d[i].f[F_DECISION], "accept")) {
                fputs(k++ ? ", " : ": ", p.fp);
                fputs("<code>", p.fp);
                esc(p.fp, l->d[i].f[F_ID]);
                fputs("</code>", p.fp);
            }
        fputs(".</p><p><a href=\"/\">The conflicts</a> &middot; <a href=\"/suggest\">Another "
              "article</a></p></div>\n",
              p.fp);
    } else {
        fprintf(p.fp,
                "<h1>Not saved</h1><div id=\"accept-result\" class=\"notice error\" "
                "data-status=\"%d\"><p>Nothing was written.</p><pre>",
                status);
        esc(p.fp, errors);
        fputs("</pre></div>\n", p.fp);
    }
    if (left.n) {
        fprintf(p.fp, "<h2>Drafts left</h2><p class=\"meta\">%zu draft%s.</p>", left.n,
                left.n == 1 ? "" : "s");
        drafts_form(s, p.fp, &left, NULL, 0);
    }
    ct_free(left.d);
    ct_serve__page_tail(p.fp);
    ct_serve__page_finish(&p, res, status);
}

static long topic_index(const ct_corpus *corpus, const char *id)
{
    size_t nt;
    const ct_topic *tp = ct_corpus_topics(corpus, &nt);
    for (size_t i = 0; id && i < nt; i++)
        if (strcmp(tp[i].id, id) == 0)
            return (long)i;
    return -1;
}

/* The accepted drafts' claim lines per topic, in topic order: topics[k] and
 * lines[k] for k < *n.  0, 1 (a draft is wrong: errs says why), CT_ENOMEM. */
static int claim_lines(const ct_corpus *corpus, const draft_list *l, size_t *topics, char **lines,
                       size_t *n, FILE *errs)
{
    size_t nt;
    ct_corpus_topics(corpus, &nt);
    int bad = 0;
    *n = 0;
    for (size_t i = 0; i < l->n; i++)
        if (is_(l->d[i].f[F_DECISION], "accept") && topic_index(corpus, l->d[i].f[F_TOPIC]) < 0) {
            fprintf(errs, "draft %zu: topic: no topic '%s' in the corpus\n", i + 1,
                    l->d[i].f[F_TOPIC] ? l->d[i].f[F_TOPIC] : "");
            bad = 1;
        }
    for (size_t t = 0; t < nt && !bad; t++) {
        page p;
        if (ct_serve__page_open(&p) < 0)
            return CT_ENOMEM;
        int rc = 0, any = 0;
        for (size_t i = 0; i < l->n && rc == 0; i++)
            if (is_(l->d[i].f[F_DECISION], "accept") &&
                topic_index(corpus, l->d[i].f[F_TOPIC]) == (long)t) {
                any = 1;
                rc = claim_text(&l->d[i], i, p.fp, errs);
                bad |= rc == 1;
            }
        int failed = ferror(p.fp) | (fclose(p.fp) != 0);
        if (rc == CT_ENOMEM || failed || !p.buf) {
            free(p.buf);
            return CT_ENOMEM;
        }
        if (any && !bad) {
            topics[*n] = t;
            lines[(*n)++] = p.buf;
        } else {
            free(p.buf);
        }
    }
    return bad;
}

static void accept_finish(ct_serve *s, ct_serve_response *res, const draft_list *l, int rc,
                          page *errs, size_t added)
{
    int failed = ferror(errs->fp) | (fclose(errs->fp) != 0);
    if (rc == CT_ENOMEM || failed || !errs->buf)
        ct_serve__set_text(res, 500, "out of memory\n");
    else
        accept_page(s, res, rc == 0 ? 200 : rc == 1 ? 422 : 500, l, errs->buf, added);
    free(errs->buf);
}

void ct_serve__suggest_accept(ct_serve *s, const ct_serve_request *req, ct_serve_response *res)
{
    if (need_corpus(s, res) < 0)
        return;
    draft_list l = {NULL, 0};
    page errs;
    size_t nt;
    ct_corpus_topics(s->corpus, &nt);
    size_t *topics = ct_calloc(nt ? nt : 1, sizeof *topics), n = 0, added = 0;
    char **lines = ct_calloc(nt ? nt : 1, sizeof *lines);
    int rc = !topics || !lines ? CT_ENOMEM : drafts_from_form(req, &l);
    if (rc == 0 && ct_serve__page_open(&errs) < 0)
        rc = CT_ENOMEM;
    if (rc < 0) {
        ct_serve__set_text(res, 500, "out of memory\n");
    } else {
        for (size_t i = 0; i < l.n; i++)
            added += is_(l.d[i].f[F_DECISION], "accept");
        rc = added ? claim_lines(s->corpus, &l, topics, lines, &n, errs.fp) : 0;
        if (rc == 0 && n)
            rc = ct_serve__append_claims(s, topics, (const char *const *)lines, n, errs.fp);
        accept_finish(s, res, &l, rc, &errs, added);
    }
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    ct_free(lines);
    ct_free(topics);
    drafts_clear(&l);
}
