/*
 * serve_app.c - pages, API and review writes of `claimtrack serve`.
 *
 * Security: every request's Host must name the served address (DNS
 * rebinding); every POST needs the per-run token (header X-Claimtrack-Token,
 * or the form's hidden field) and, when the browser sends one, a matching
 * Origin; bodies are JSON or form-encoded and at most CT_SERVE_BODY_MAX
 * bytes; nothing is read from disk for a URL: the only files served are the
 * built-in assets.  Every value in a page is HTML-escaped.
 *
 * The corpus is reloaded when a claim file's name, size or mtime changes
 * (checked on each request); conflicts and reviews are recomputed per request,
 * so the API's report is exactly what `check --format json` prints.
 */
#include "serve_app.h"

#include "claimtrack/common.h"
#include "claimtrack/conflict.h"
#include "claimtrack/corpus.h"
#include "claimtrack/report.h"
#include "claimtrack/review.h"
#include "embedded.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

const char ct_serve_csp[] = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                            "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

struct ct_serve {
    char **paths;
    size_t n_paths;
    char *reviews, *token, *today;
    char *hosts[3]; /* the Host values accepted */
    char *origins[3];
    ct_corpus *corpus;             /* NULL while the files do not load */
    unsigned long long stamp;      /* of the claim files' names, sizes, mtimes */
    int loaded;                    /* stamp is valid */
    char *load_error;              /* diagnostics of the last failed load */
};

/* What one request sees: conflicts and reviews as of now. */
typedef struct {
    ct_conflict_set *set;
    ct_review_set *reviews;
} view;

/* ---- small helpers -------------------------------------------------------- */

static void esc(FILE *out, const char *s) { ct_html_escape(out, s); }

/* BEFORE, then TEXT escaped, then AFTER; nothing when TEXT is NULL. */
static void wrap(FILE *out, const char *before, const char *text, const char *after)
{
    if (!text)
        return;
    fputs(before, out);
    esc(out, text);
    fputs(after, out);
}

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* ASCII case-insensitive substring search. */
static int ci_contains(const char *hay, const char *needle)
{
    if (!hay)
        return 0;
    size_t n = strlen(needle);
    for (; *hay; hay++) {
        size_t i = 0;
        while (i < n && hay[i] && lower((unsigned char)hay[i]) == lower((unsigned char)needle[i]))
            i++;
        if (i == n)
            return 1;
    }
    return n == 0;
}

static int hexval(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The decoded value of `key` in a form-encoded string, new; NULL when absent
 * (or out of memory: *oom set). */
static char *form_get(const char *qs, size_t len, const char *key, int *oom)
{
    size_t klen = strlen(key);
    const char *p = qs, *end = qs ? qs + len : NULL;
    while (p && p < end) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        const char *stop = amp ? amp : end;
        const char *eq = memchr(p, '=', (size_t)(stop - p));
        const char *kend = eq ? eq : stop;
        if ((size_t)(kend - p) == klen && memcmp(p, key, klen) == 0) {
            const char *v = eq ? eq + 1 : stop;
            char *out = ct_malloc((size_t)(stop - v) + 1), *o = out;
            if (!out) {
                *oom = 1;
                return NULL;
            }
            for (; v < stop; v++) {
                if (*v == '+') {
                    *o++ = ' ';
                } else if (*v == '%' && stop - v >= 3 && hexval(v[1]) >= 0 && hexval(v[2]) >= 0) {
                    *o++ = (char)(hexval(v[1]) * 16 + hexval(v[2]));
                    v += 2;
                } else {
                    *o++ = *v;
                }
            }
            *o = '\0';
            if (memchr(out, '\0', (size_t)(o - out))) { /* %00: not text */
                ct_free(out);
                return NULL;
            }
            return out;
        }
        p = amp ? amp + 1 : end;
    }
    return NULL;
}

static char *query_get(const char *query, const char *key, int *oom)
{
    return query ? form_get(query, strlen(query), key, oom) : NULL;
}

static void set_body(ct_serve_response *res, int status, const char *type, char *body, size_t len)
{
    res->status = status;
    res->content_type = type;
    res->body = body;
    res->len = len;
}

static void set_text(ct_serve_response *res, int status, const char *msg)
{
    char *b = ct_strdup(msg);
    set_body(res, b ? status : 500, "text/plain; charset=utf-8", b, b ? strlen(b) : 0);
}

static void set_json(ct_serve_response *res, int status, json_t *doc)
{
    char *text = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_SORT_KEYS) : NULL;
    json_decref(doc);
    if (!text) {
        set_text(res, 500, "out of memory\n");
        return;
    }
    char *b = ct_strdup(text);
    free(text);
    if (!b) {
        set_text(res, 500, "out of memory\n");
        return;
    }
    set_body(res, status, "application/json", b, strlen(b));
}

static void set_error_json(ct_serve_response *res, int status, const char *msg)
{
    set_json(res, status, json_pack("{ss}", "error", msg));
}

/* A memory stream for a page; its text moves into the response. */
typedef struct {
    FILE *fp;
    char *buf;
    size_t len;
} page;

static int page_open(page *p)
{
    p->buf = NULL;
    p->len = 0;
    p->fp = open_memstream(&p->buf, &p->len);
    return p->fp ? 0 : CT_ENOMEM;
}

static void page_finish(page *p, ct_serve_response *res, int status)
{
    int bad = ferror(p->fp);
    if (fclose(p->fp) != 0)
        bad = 1;
    if (bad || !p->buf) {
        free(p->buf);
        set_text(res, 500, "out of memory\n");
        return;
    }
    char *b = ct_malloc(p->len + 1);
    if (b) {
        memcpy(b, p->buf, p->len + 1);
        set_body(res, status, "text/html; charset=utf-8", b, p->len);
    } else {
        set_text(res, 500, "out of memory\n");
    }
    free(p->buf);
}

/* ---- state ------------------------------------------------------------------ */

void ct_serve_free(ct_serve *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_paths; i++)
        ct_free(s->paths[i]);
    ct_free(s->paths);
    ct_free(s->reviews);
    ct_free(s->token);
    ct_free(s->today);
    for (int i = 0; i < 3; i++) {
        ct_free(s->hosts[i]);
        ct_free(s->origins[i]);
    }
    ct_corpus_free(s->corpus);
    ct_free(s->load_error);
    ct_free(s);
}

static char *format_new(const char *fmt, const char *a, unsigned port)
{
    size_t n = strlen(fmt) + strlen(a) + 16;
    char *out = ct_malloc(n);
    if (out)
        snprintf(out, n, fmt, a, port);
    return out;
}

int ct_serve_new(ct_serve **out, const ct_serve_config *cfg)
{
    ct_serve *s = ct_calloc(1, sizeof *s);
    if (!s)
        return CT_ENOMEM;
    static char default_path[] = "claims";
    char *one[] = {default_path};
    char **paths = cfg->n_paths > 0 ? cfg->paths : one;
    size_t n = cfg->n_paths > 0 ? (size_t)cfg->n_paths : 1;
    int bad = !(s->paths = ct_calloc(n, sizeof *s->paths));
    for (size_t i = 0; !bad && i < n; i++)
        bad = !(s->paths[s->n_paths++] = ct_strdup(paths[i]));
    const char *bind = cfg->bind ? cfg->bind : "127.0.0.1";
    int v6 = strchr(bind, ':') != NULL;
    if (!bad) {
        s->reviews = ct_strdup(cfg->reviews);
        s->token = ct_strdup(cfg->token);
        s->today = cfg->today ? ct_strdup(cfg->today) : NULL;
        s->hosts[0] = format_new(v6 ? "[%s]:%u" : "%s:%u", bind, cfg->port);
        s->hosts[1] = format_new("%s:%u", "localhost", cfg->port);
        s->origins[0] = format_new(v6 ? "http://[%s]:%u" : "http://%s:%u", bind, cfg->port);
        s->origins[1] = format_new("http://%s:%u", "localhost", cfg->port);
        bad = !s->reviews || !s->token || (cfg->today && !s->today) || !s->hosts[0] || !s->hosts[1] ||
              !s->origins[0] || !s->origins[1];
    }
    if (bad) {
        ct_serve_free(s);
        return CT_ENOMEM;
    }
    *out = s;
    return 0;
}

/* ---- the corpus, reloaded when its files change ---------------------------- */

static int claim_file_name(const char *name)
{
    size_t n = strlen(name);
    if (strcmp(name, "reviews.json") == 0 || name[0] == '.')
        return 0;
    return (n > 5 && strcmp(name + n - 5, ".json") == 0) || (n > 6 && strcmp(name + n - 6, ".jsonl") == 0) ||
           (n > 4 && strcmp(name + n - 4, ".xml") == 0);
}

static unsigned long long stamp_add(unsigned long long h, const char *path, const struct stat *st)
{
    long long f[3] = {(long long)st->st_size, (long long)st->st_mtim.tv_sec, (long long)st->st_mtim.tv_nsec};
    h = ct_hash64(path, strlen(path) + 1, h);
    return ct_hash64(f, sizeof f, h);
}

static unsigned long long stamp_tree(unsigned long long h, const char *path, int depth)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return ct_hash64("?", 1, ct_hash64(path, strlen(path), h));
    if (!S_ISDIR(st.st_mode))
        return stamp_add(h, path, &st);
    if (depth > 32)
        return h;
    DIR *d = opendir(path);
    if (!d)
        return ct_hash64("!", 1, h);
    struct dirent *e;
    /* readdir's order may change between calls: combine the entries' hashes
     * with an order-independent sum */
    unsigned long long sum = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        size_t n = strlen(path) + strlen(e->d_name) + 2;
        char *child = ct_malloc(n);
        if (!child)
            continue;
        snprintf(child, n, "%s/%s", path, e->d_name);
        struct stat cs;
        if (stat(child, &cs) == 0 && (S_ISDIR(cs.st_mode) || claim_file_name(e->d_name)))
            sum += stamp_tree(CT_HASH64_INIT, child, depth + 1);
        ct_free(child);
    }
    closedir(d);
    return ct_hash64(&sum, sizeof sum, h);
}

static unsigned long long corpus_stamp(const ct_serve *s)
{
    unsigned long long h = CT_HASH64_INIT;
    for (size_t i = 0; i < s->n_paths; i++)
        h = stamp_tree(h, s->paths[i], 0);
    return h;
}

/* Diagnostics as text, new; NULL when out of memory. */
static char *diags_text(const ct_diag_list *diags, const char *fallback)
{
    page p;
    if (page_open(&p) < 0)
        return NULL;
    for (size_t i = 0; i < diags->count; i++) {
        char *line = ct_diag_format(&diags->items[i]);
        if (line) {
            fprintf(p.fp, "%s\n", line);
            ct_free(line);
        }
    }
    if (diags->count == 0)
        fputs(fallback, p.fp);
    int bad = fclose(p.fp) != 0;
    char *out = bad || !p.buf ? NULL : ct_strdup(p.buf);
    free(p.buf);
    return out;
}

/* Reload when the files changed.  0 with s->corpus set, CT_EINVALID when the
 * files do not load (s->load_error says why), or CT_ENOMEM. */
static int ensure_corpus(ct_serve *s)
{
    unsigned long long stamp = corpus_stamp(s);
    if (s->loaded && stamp == s->stamp)
        return s->corpus ? 0 : CT_EINVALID;
    ct_corpus_free(s->corpus);
    s->corpus = NULL;
    ct_free(s->load_error);
    s->load_error = NULL;
    s->loaded = 0;
    ct_corpus *c;
    if (ct_corpus_new(&c) < 0)
        return CT_ENOMEM;
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    ct_corpus_options opts = CT_CORPUS_OPTIONS_INIT;
    int rc = ct_corpus_load(c, (const char *const *)s->paths, s->n_paths, &opts, &diags);
    if (rc == CT_ENOMEM) {
        ct_diag_list_dispose(&diags);
        ct_corpus_free(c);
        return CT_ENOMEM;
    }
    if (rc < 0) {
        s->load_error = diags_text(&diags, "the claim files do not load\n");
        ct_corpus_free(c);
    } else {
        s->corpus = c;
    }
    ct_diag_list_dispose(&diags);
    if (rc < 0 && !s->load_error)
        return CT_ENOMEM;
    s->stamp = stamp;
    s->loaded = 1;
    return rc < 0 ? CT_EINVALID : 0;
}

static void view_clear(view *v)
{
    ct_review_set_free(v->reviews);
    ct_conflict_set_free(v->set);
    v->reviews = NULL;
    v->set = NULL;
}

/* Conflicts and reviews as `check` computes them.  0, CT_EINVALID (reason in
 * *why, static or s->load_error) or CT_ENOMEM. */
static int view_load(ct_serve *s, view *v, const char **why)
{
    v->set = NULL;
    v->reviews = NULL;
    int rc = ensure_corpus(s);
    if (rc == CT_EINVALID)
        *why = s->load_error;
    if (rc < 0)
        return rc;
    size_t a, b;
    rc = ct_conflict_find(s->corpus, &v->set);
    if (rc == 0 && ct_conflict_set_find_id_collision(v->set, &a, &b) > 0) {
        *why = "two conflicts share one id; rename one subject (claimtrack check says which)\n";
        rc = CT_EINVALID;
    }
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    if (rc == 0) {
        rc = ct_review_set_load(&v->reviews, s->reviews, &diags);
        if (rc == CT_EPARSE || rc == CT_EINVALID || rc == CT_EIO) {
            *why = "the reviews file does not load (claimtrack check says why)\n";
            rc = CT_EINVALID;
        }
    }
    ct_diag_list_dispose(&diags);
    if (rc == 0 && (rc = ct_review_set_upgrade(v->reviews, v->set)) > 0)
        rc = 0;
    if (rc < 0)
        view_clear(v);
    return rc;
}

/* ---- reviews ------------------------------------------------------------------ */

/* The fingerprint of a stored review (its own fields, not its history): what
 * a new review says it replaces.  16 hex digits into out. */
static int review_fingerprint(const json_t *entry, char out[17])
{
    static const char *const keys[] = {"digest", "status", "note", "reviewer", "date", "prefer"};
    json_t *o = json_object();
    for (size_t i = 0; o && i < sizeof keys / sizeof keys[0]; i++) {
        json_t *v = json_object_get(entry, keys[i]);
        if (v && json_object_set(o, keys[i], v)) {
            json_decref(o);
            o = NULL;
        }
    }
    char *text = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(o);
    if (!text)
        return CT_ENOMEM;
    snprintf(out, 17, "%016llx", ct_hash64(text, strlen(text), CT_HASH64_INIT));
    free(text);
    return 0;
}

typedef struct {
    const char *id, *status, *note, *by, *digest, *replaces; /* replaces: NULL or "" for none */
    const char **prefer;
    size_t n_prefer;
} review_post;

typedef struct {
    int status;       /* HTTP */
    const char *error; /* static, when status != 200 */
    json_t *review;   /* the stored review (200) or theirs (409); new */
    char fingerprint[17];
    char digest[CT_CONFLICT_DIGEST_SIZE]; /* the conflict's digest now */
    char id[CT_CONFLICT_ID_SIZE];
} review_outcome;

static const char *check_prefer(const ct_corpus *corpus, const ct_conflict *c, const review_post *in)
{
    size_t n_claims, first = 0;
    const ct_claim *claims = ct_corpus_claims(corpus, &n_claims);
    for (size_t i = 0; i < in->n_prefer; i++) {
        int found = 0;
        size_t at = 0;
        for (size_t p = 0; p < c->n_positions && !found; p++)
            for (size_t k = 0; k < c->positions[p].n_claims && !found; k++)
                if (strcmp(claims[c->positions[p].claims[k]].id, in->prefer[i]) == 0) {
                    found = 1;
                    at = p;
                }
        if (!found)
            return "a preferred claim is not part of the conflict";
        if (i == 0)
            first = at;
        else if (at != first)
            return "preferred claims hold different positions; prefer one position";
        for (size_t j = 0; j < i; j++)
            if (strcmp(in->prefer[j], in->prefer[i]) == 0)
                return "a preferred claim is named twice";
    }
    return NULL;
}

static void today_utc(char out[11])
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Validate, then under the writers' lock: check that the conflict is the one
 * the form showed and that its review is the one the form replaces, record
 * the review and save the file.  Fills *o. */
static void review_apply(ct_serve *s, const review_post *in, review_outcome *o)
{
    memset(o, 0, sizeof *o);
    o->status = 400;
    if (!in->id || !in->status || !in->note || !in->by || !in->digest) {
        o->error = "id, status, note, by and digest are required";
        return;
    }
    int resolved = strcmp(in->status, "resolved") == 0;
    if (!resolved && strcmp(in->status, "confirmed") != 0 && strcmp(in->status, "dismissed") != 0) {
        o->error = "status must be confirmed, dismissed or resolved";
        return;
    }
    if (!*in->note || !*in->by) {
        o->error = "a note and a reviewer are required";
        return;
    }
    if (strlen(in->by) > 200) {
        o->error = "the reviewer's name is too long";
        return;
    }
    if (resolved != (in->n_prefer > 0)) {
        o->error = resolved ? "resolved needs the preferred claims (choose a position)"
                            : "preferred claims go with resolved only";
        return;
    }
    view v;
    const char *why = NULL;
    int rc = view_load(s, &v, &why);
    if (rc < 0) {
        o->status = rc == CT_ENOMEM ? 500 : 503;
        o->error = rc == CT_ENOMEM ? "out of memory" : "the corpus or the reviews file does not load";
        return;
    }
    const ct_conflict *c = ct_conflict_set_get(v.set, in->id);
    if (!c) {
        o->status = 404;
        o->error = "no such conflict";
        view_clear(&v);
        return;
    }
    snprintf(o->id, sizeof o->id, "%s", c->id);
    snprintf(o->digest, sizeof o->digest, "%s", c->digest);
    if ((o->error = check_prefer(s->corpus, c, in))) {
        view_clear(&v);
        return;
    }
    int lock = ct_review_lock(s->reviews);
    if (lock < 0) {
        o->status = 500;
        o->error = "cannot lock the reviews file";
        view_clear(&v);
        return;
    }
    /* read again under the lock: another writer may have just saved */
    ct_review_set_free(v.reviews);
    v.reviews = NULL;
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    rc = ct_review_set_load(&v.reviews, s->reviews, &diags);
    ct_diag_list_dispose(&diags);
    if (rc == 0 && (rc = ct_review_set_upgrade(v.reviews, v.set)) > 0)
        rc = 0;
    const json_t *entry = NULL;
    char current[17] = "";
    if (rc == 0) {
        ct_review_state_of(v.reviews, c, &entry);
        if (entry && json_object_get(entry, "status") && review_fingerprint(entry, current) < 0)
            rc = CT_ENOMEM;
    }
    const char *replaces = in->replaces ? in->replaces : "";
    if (rc < 0) {
        o->status = rc == CT_ENOMEM ? 500 : 503;
        o->error = rc == CT_ENOMEM ? "out of memory" : "the reviews file does not load";
    } else if (strcmp(in->digest, c->digest) != 0 || strcmp(replaces, current) != 0) {
        o->status = 409;
        o->error = strcmp(in->digest, c->digest) != 0
                       ? "the conflict's claims changed since the form was made"
                       : "someone else reviewed this conflict in between";
        o->review = entry ? json_deep_copy(entry) : NULL;
        memcpy(o->fingerprint, current, sizeof current);
    } else {
        char day[11];
        if (s->today)
            snprintf(day, sizeof day, "%s", s->today);
        else
            today_utc(day);
        size_t nt;
        const ct_topic *t = &ct_corpus_topics(s->corpus, &nt)[c->topic];
        ct_review_input ri = {in->status, in->prefer, in->n_prefer, in->note, in->by, day};
        if (ct_review_set_put(v.reviews, c, t->id, t->properties[c->property].name, &ri) < 0) {
            o->status = 500;
            o->error = "out of memory";
        } else if (ct_review_set_save(v.reviews, s->reviews, NULL, NULL) < 0) {
            o->status = 500;
            o->error = "cannot write the reviews file";
        } else {
            ct_review_state_of(v.reviews, c, &entry);
            o->review = json_deep_copy(entry);
            if (!o->review || review_fingerprint(o->review, o->fingerprint) < 0) {
                o->status = 500;
                o->error = "out of memory";
            } else {
                o->status = 200;
            }
        }
    }
    ct_review_unlock(lock);
    view_clear(&v);
}

/* ---- pages ------------------------------------------------------------------- */

static void page_head(ct_serve *s, FILE *f, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
          "<meta name=\"claimtrack-token\" content=\"",
          f);
    esc(f, s->token);
    fputs("\"><title>", f);
    esc(f, title);
    fputs(" - claimtrack</title><link rel=\"stylesheet\" href=\"/static/serve.css\">"
          "<script src=\"/static/serve.js\" defer></script></head><body>"
          "<header><a class=\"brand\" href=\"/\">claimtrack</a><nav><a href=\"/\">Conflicts</a> &middot; "
          "<a href=\"/sources\">Sources</a> &middot; <a href=\"/api/conflicts\">JSON</a></nav></header><main>\n",
          f);
}

static void page_tail(FILE *f) { fputs("</main></body></html>\n", f); }

static void error_page(ct_serve *s, ct_serve_response *res, int status, const char *title, const char *text)
{
    page p;
    if (page_open(&p) < 0) {
        set_text(res, 500, "out of memory\n");
        return;
    }
    page_head(s, p.fp, title);
    fputs("<h1>", p.fp);
    esc(p.fp, title);
    fputs("</h1><pre class=\"notice error\">", p.fp);
    esc(p.fp, text);
    fputs("</pre>", p.fp);
    page_tail(p.fp);
    page_finish(&p, res, status);
}

static void view_failed(ct_serve *s, ct_serve_response *res, int rc, const char *why)
{
    if (rc == CT_ENOMEM)
        set_text(res, 500, "out of memory\n");
    else
        error_page(s, res, 503, "The corpus does not load", why ? why : "");
}

static void badge(FILE *f, const char *cls, const char *text)
{
    fputs("<span class=\"badge ", f);
    esc(f, cls);
    fputs("\">", f);
    esc(f, text);
    fputs("</span>", f);
}

static const char *const state_names[] = {"unreviewed", "stale", "confirmed", "dismissed", "resolved"};
static const char *const severity_names[] = {"low", "medium", "high"};

static int conflict_matches(const ct_serve *s, const ct_conflict *c, const char *q)
{
    if (!q || !*q)
        return 1;
    if (ci_contains(c->subject, q) || ci_contains(c->id, q))
        return 1;
    size_t n;
    const ct_claim *claims = ct_corpus_claims(s->corpus, &n);
    for (size_t p = 0; p < c->n_positions; p++)
        for (size_t k = 0; k < c->positions[p].n_claims; k++) {
            const ct_claim *cl = &claims[c->positions[p].claims[k]];
            if (ci_contains(cl->id, q) || ci_contains(cl->quote, q))
                return 1;
        }
    return 0;
}

static void option(FILE *f, const char *value, const char *label, const char *chosen)
{
    fputs("<option value=\"", f);
    esc(f, value);
    fputs(chosen && strcmp(chosen, value) == 0 ? "\" selected>" : "\">", f);
    esc(f, label);
    fputs("</option>", f);
}

static void list_page(ct_serve *s, const ct_serve_request *req, ct_serve_response *res)
{
    int oom = 0;
    char *topic = query_get(req->query, "topic", &oom), *state = query_get(req->query, "state", &oom),
         *severity = query_get(req->query, "severity", &oom), *q = query_get(req->query, "q", &oom);
    view v;
    const char *why = NULL;
    page p = {NULL, NULL, 0};
    int rc = oom ? CT_ENOMEM : view_load(s, &v, &why);
    if (rc < 0) {
        view_failed(s, res, rc, why);
    } else if (page_open(&p) < 0) {
        set_text(res, 500, "out of memory\n");
        view_clear(&v);
    } else {
        FILE *f = p.fp;
        size_t nt, counts[5] = {0}, sev[3] = {0}, shown = 0, blocking = 0;
        const ct_topic *topics = ct_corpus_topics(s->corpus, &nt);
        for (size_t i = 0; i < v.set->n_conflicts; i++) {
            ct_review_state st = ct_review_state_of(v.reviews, &v.set->conflicts[i], NULL);
            counts[st]++;
            sev[v.set->conflicts[i].severity]++;
            blocking += (size_t)ct_review_blocks(CT_FAIL_ON_UNREVIEWED, st);
        }
        page_head(s, f, "Conflicts");
        fprintf(f, "<h1>Conflicts</h1><div class=\"cards\"><div class=\"card\"><b id=\"count-all\">%zu</b>conflicts</div>"
                   "<div class=\"card\"><b id=\"count-blocking\">%zu</b>blocking</div>",
                v.set->n_conflicts, blocking);
        for (int i = 0; i < 5; i++)
            fprintf(f, "<div class=\"card\"><b id=\"count-%s\">%zu</b>%s</div>", state_names[i], counts[i], state_names[i]);
        for (int i = 2; i >= 0; i--)
            fprintf(f, "<div class=\"card\"><b>%zu</b>%s severity</div>", sev[i], severity_names[i]);
        fputs("</div>\n<form class=\"filters\" method=\"get\" action=\"/\"><label>Topic<select name=\"topic\">", f);
        option(f, "", "all topics", topic);
        for (size_t i = 0; i < nt; i++)
            option(f, topics[i].id, topics[i].title, topic);
        fputs("</select></label><label>Review<select name=\"state\">", f);
        option(f, "", "any state", state);
        for (int i = 0; i < 5; i++)
            option(f, state_names[i], state_names[i], state);
        fputs("</select></label><label>Severity<select name=\"severity\">", f);
        option(f, "", "any severity", severity);
        for (int i = 2; i >= 0; i--)
            option(f, severity_names[i], severity_names[i], severity);
        fputs("</select></label><label>Search<input type=\"search\" name=\"q\" value=\"", f);
        esc(f, q);
        fputs("\" placeholder=\"subject, claim id, quote\"></label><button type=\"submit\">Filter</button></form>\n"
              "<table id=\"conflicts\"><thead><tr><th>Conflict</th><th>Topic</th><th>Subject</th><th>Property</th>"
              "<th>Severity</th><th>Review</th><th>Positions</th></tr></thead><tbody>\n",
              f);
        for (size_t i = 0; i < v.set->n_conflicts; i++) {
            const ct_conflict *c = &v.set->conflicts[i];
            const ct_topic *t = &topics[c->topic];
            ct_review_state st = ct_review_state_of(v.reviews, c, NULL);
            if ((topic && *topic && strcmp(topic, t->id) != 0) ||
                (state && *state && strcmp(state, state_names[st]) != 0) ||
                (severity && *severity && strcmp(severity, severity_names[c->severity]) != 0) ||
                !conflict_matches(s, c, q))
                continue;
            shown++;
            fprintf(f, "<tr class=\"row\" data-id=\"%s\" data-state=\"%s\"><td><a href=\"/conflict/%s\"><code>%s</code></a></td><td>",
                    c->id, state_names[st], c->id, c->id);
            esc(f, t->title);
            fputs("</td><td>", f);
            esc(f, c->subject);
            fputs("</td><td>", f);
            esc(f, t->properties[c->property].name);
            fputs("</td><td>", f);
            badge(f, severity_names[c->severity], severity_names[c->severity]);
            fputs("</td><td>", f);
            badge(f, state_names[st], state_names[st]);
            fputs("</td><td>", f);
            for (size_t k = 0; k < c->n_positions; k++) {
                fputs(k ? " &middot; " : "", f);
                if (c->positions[k].denies)
                    fputs("not ", f);
                esc(f, c->positions[k].display);
            }
            fputs("</td></tr>\n", f);
        }
        fprintf(f, "</tbody></table><p class=\"meta\" id=\"shown\">%zu of %zu conflicts shown. Keys: j/k move, Enter opens.</p>",
                shown, v.set->n_conflicts);
        page_tail(f);
        page_finish(&p, res, 200);
        view_clear(&v);
    }
    ct_free(topic);
    ct_free(state);
    ct_free(severity);
    ct_free(q);
}

static int is_web_url(const char *u)
{
    return u && (strncmp(u, "https://", 8) == 0 || strncmp(u, "http://", 7) == 0);
}

static void source_ref(FILE *f, const ct_corpus *corpus, const char *id)
{
    const ct_source *src = ct_corpus_source_find(corpus, id);
    if (src && is_web_url(src->url)) {
        fputs("<a rel=\"noreferrer noopener\" href=\"", f);
        esc(f, src->url);
        fputs("\">", f);
        esc(f, src->title);
        fputs("</a>", f);
    } else {
        esc(f, src ? src->title : id);
    }
}

static void bound_label(char *buf, size_t n, double v, int is_date)
{
    if (is_date) {
        int y, m, d;
        ct_civil_from_days((long)v, &y, &m, &d);
        snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
    } else {
        snprintf(buf, n, "%g", v);
    }
}

/* Each claim's interval on a shared axis (quantity and date properties). */
static void interval_chart(FILE *f, const ct_corpus *corpus, const ct_conflict *c, const ct_property *prop)
{
    static const char *const palette[] = {"#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f"};
    size_t n;
    const ct_claim *claims = ct_corpus_claims(corpus, &n);
    double lo = INFINITY, hi = -INFINITY;
    size_t rows = 0;
    for (size_t p = 0; p < c->n_positions; p++)
        for (size_t k = 0; k < c->positions[p].n_claims; k++) {
            const ct_interval *iv = &claims[c->positions[p].claims[k]].interval;
            if (isfinite(iv->lo) && iv->lo < lo)
                lo = iv->lo;
            if (isfinite(iv->hi) && iv->hi < lo)
                lo = iv->hi;
            if (isfinite(iv->hi) && iv->hi > hi)
                hi = iv->hi;
            if (isfinite(iv->lo) && iv->lo > hi)
                hi = iv->lo;
            rows++;
        }
    if (!isfinite(lo) || !isfinite(hi) || rows == 0 || rows > 200)
        return;
    if (hi - lo < 1e-9) {
        lo -= 1;
        hi += 1;
    }
    double pad = (hi - lo) * 0.08;
    lo -= pad;
    hi += pad;
    int is_date = prop->type == CT_TYPE_DATE;
    const double x0 = 170, width = 520;
    fprintf(f, "<svg id=\"chart\" width=\"720\" height=\"%zu\" viewBox=\"0 0 720 %zu\" role=\"img\" aria-label=\"intervals\">",
            rows * 22 + 34, rows * 22 + 34);
    size_t row = 0;
    for (size_t p = 0; p < c->n_positions; p++)
        for (size_t k = 0; k < c->positions[p].n_claims; k++, row++) {
            const ct_claim *cl = &claims[c->positions[p].claims[k]];
            double a = isfinite(cl->interval.lo) ? cl->interval.lo : lo;
            double b = isfinite(cl->interval.hi) ? cl->interval.hi : hi;
            double xa = x0 + (a - lo) / (hi - lo) * width, xb = x0 + (b - lo) / (hi - lo) * width;
            double y = 10 + (double)row * 22;
            fprintf(f, "<text x=\"4\" y=\"%.0f\">", y + 12);
            esc(f, cl->id);
            fprintf(f, "</text><rect x=\"%.1f\" y=\"%.0f\" width=\"%.1f\" height=\"14\" rx=\"3\" fill=\"%s\"%s/>", xa, y,
                    xb - xa < 3 ? 3 : xb - xa, palette[p % 6], cl->denies ? " fill-opacity=\"0.35\"" : "");
        }
    char la[32], lb[32];
    bound_label(la, sizeof la, lo + pad, is_date);
    bound_label(lb, sizeof lb, hi - pad, is_date);
    double yb = 10 + (double)rows * 22 + 14;
    fprintf(f, "<line x1=\"%.0f\" x2=\"%.0f\" y1=\"%.0f\" y2=\"%.0f\" stroke=\"#8a94a3\"/>", x0, x0 + width, yb - 10, yb - 10);
    fprintf(f, "<text x=\"%.1f\" y=\"%.0f\">%s</text><text x=\"%.1f\" y=\"%.0f\" text-anchor=\"end\">%s</text></svg>\n",
            x0 + pad / (hi - lo) * width, yb + 4, la, x0 + width - pad / (hi - lo) * width, yb + 4, lb);
}

static void review_box(FILE *f, const json_t *r, const char *cls)
{
    fprintf(f, "<div class=\"review %s\"><b>", cls);
    esc(f, json_string_value(json_object_get(r, "status")));
    fputs("</b> by ", f);
    esc(f, json_string_value(json_object_get(r, "reviewer")));
    fputs(" on ", f);
    esc(f, json_string_value(json_object_get(r, "date")));
    json_t *prefer = json_object_get(r, "prefer");
    if (json_array_size(prefer)) {
        fputs(", preferring ", f);
        size_t i;
        json_t *id;
        json_array_foreach(prefer, i, id)
        {
            fputs(i ? ", " : "", f);
            esc(f, json_string_value(id));
        }
    }
    fputs(" <span class=\"meta\">digest <code>", f);
    const char *d = json_string_value(json_object_get(r, "digest"));
    if (d)
        fprintf(f, "%.12s", d);
    fputs("</code></span><blockquote>", f);
    esc(f, json_string_value(json_object_get(r, "note")));
    fputs("</blockquote></div>\n", f);
}

static void conflict_body(ct_serve *s, FILE *f, const view *v, const ct_conflict *c, const char *preset)
{
    size_t nt, n;
    const ct_topic *t = &ct_corpus_topics(s->corpus, &nt)[c->topic];
    const ct_property *prop = &t->properties[c->property];
    const ct_claim *claims = ct_corpus_claims(s->corpus, &n);
    const json_t *entry = NULL;
    ct_review_state st = ct_review_state_of(v->reviews, c, &entry);
    fputs("<h1>", f);
    esc(f, c->subject);
    fputs(" &middot; ", f);
    esc(f, prop->name);
    fprintf(f, "</h1><p><code>%s</code> ", c->id);
    badge(f, severity_names[c->severity], severity_names[c->severity]);
    badge(f, "type", ct_conflict_type_name(c->type));
    fprintf(f, "<span id=\"state\" class=\"badge %s\">%s</span> topic ", state_names[st], state_names[st]);
    esc(f, t->title);
    if (prop->unit) {
        fputs(" &middot; unit ", f);
        esc(f, prop->unit);
    }
    fputs("</p>\n<h2>Positions</h2><ol class=\"positions\">\n", f);
    for (size_t p = 0; p < c->n_positions; p++) {
        const ct_position *pos = &c->positions[p];
        fputs("<li class=\"position\"><label><input type=\"radio\" form=\"review-form\" name=\"prefer\" value=\"", f);
        for (size_t k = 0; k < pos->n_claims; k++) {
            fputs(k ? "," : "", f);
            esc(f, claims[pos->claims[k]].id);
        }
        fputs("\"> <span class=\"value\">", f);
        if (pos->denies)
            fputs("denies: ", f);
        esc(f, pos->display);
        fprintf(f, "</span></label> <span class=\"meta\">%zu claim%s</span><ul class=\"claims\">", pos->n_claims,
                pos->n_claims == 1 ? "" : "s");
        for (size_t k = 0; k < pos->n_claims; k++) {
            const ct_claim *cl = &claims[pos->claims[k]];
            fputs("<li><code>", f);
            esc(f, cl->id);
            fputs("</code> ", f);
            source_ref(f, s->corpus, cl->source);
            wrap(f, ", claimant <b class=\"claimant\">", cl->claimant, "</b>");
            wrap(f, " <span class=\"badge hedge\">", cl->hedge, "</span>");
            wrap(f, " <span class=\"meta\">as of ", cl->as_of, "</span>");
            wrap(f, " <span class=\"meta\">", cl->locator, "</span>");
            fputs("<blockquote class=\"quote\">", f);
            esc(f, cl->quote);
            fputs("</blockquote><span class=\"meta\">", f);
            esc(f, cl->file);
            if (cl->line > 0)
                fprintf(f, ":%d", (int)cl->line);
            fputs("</span></li>", f);
        }
        fputs("</ul></li>\n", f);
    }
    fputs("</ol>\n", f);
    if (c->n_clashes) {
        fputs("<p class=\"meta\">Clashes: ", f);
        for (size_t k = 0; k < c->n_clashes; k++)
            fprintf(f, "%s[%zu] &times; [%zu]", k ? ", " : "", c->clashes[k].a + 1, c->clashes[k].b + 1);
        fputs(c->clashes_truncated ? " (more not listed)</p>\n" : "</p>\n", f);
    }
    if (prop->type == CT_TYPE_QUANTITY || prop->type == CT_TYPE_DATE)
        interval_chart(f, s->corpus, c, prop);
    fputs("<h2>Review</h2>\n", f);
    char fp[17] = "";
    if (entry && json_object_get(entry, "status")) {
        if (st == CT_REVIEW_STALE)
            fputs("<p class=\"notice error\">The claims changed since this review: it is stale.</p>", f);
        review_box(f, entry, "current");
        review_fingerprint(entry, fp);
    } else {
        fputs("<p class=\"meta\">Not reviewed yet.</p>", f);
    }
    json_t *history = json_object_get(entry, "history");
    if (json_array_size(history)) {
        fputs("<h3>History</h3><ol id=\"history\" reversed>", f);
        for (size_t i = json_array_size(history); i-- > 0;) {
            fputs("<li>", f);
            review_box(f, json_array_get(history, i), "past");
            fputs("</li>", f);
        }
        fputs("</ol>\n", f);
    }
    fputs("<form id=\"review-form\" class=\"review\" method=\"post\" action=\"/review\">"
          "<input type=\"hidden\" name=\"token\" value=\"",
          f);
    esc(f, s->token);
    fprintf(f, "\"><input type=\"hidden\" name=\"id\" value=\"%s\"><input type=\"hidden\" name=\"digest\" value=\"%s\">"
               "<input type=\"hidden\" name=\"replaces\" value=\"%s\">",
            c->id, c->digest, fp);
    static const char *const statuses[] = {"confirmed", "dismissed", "resolved"};
    static const char *const labels[] = {"Confirm (c): a real disagreement", "Dismiss (d): not a real disagreement",
                                         "Resolve (r): the chosen position is right"};
    for (int i = 0; i < 3; i++)
        fprintf(f, "<label><input type=\"radio\" name=\"status\" value=\"%s\"%s required> %s</label>", statuses[i],
                preset && strcmp(preset, statuses[i]) == 0 ? " checked" : "", labels[i]);
    fputs("<label>Note (required)<textarea name=\"note\" required></textarea></label>"
          "<label>Reviewer <input name=\"by\" required autocomplete=\"name\"></label>"
          "<button type=\"submit\">Save review</button></form>"
          "<div id=\"review-result\" hidden></div>\n",
          f);
}

static void conflict_page(ct_serve *s, const ct_serve_request *req, const char *id, ct_serve_response *res)
{
    view v;
    const char *why = NULL;
    int rc = view_load(s, &v, &why);
    if (rc < 0) {
        view_failed(s, res, rc, why);
        return;
    }
    const ct_conflict *c = ct_conflict_set_get(v.set, id);
    int oom = 0;
    char *preset = query_get(req->query, "status", &oom);
    page p;
    if (!c) {
        error_page(s, res, 404, "No such conflict", "No conflict has this id (any more).");
    } else if (oom || page_open(&p) < 0) {
        set_text(res, 500, "out of memory\n");
    } else {
        page_head(s, p.fp, c->subject);
        conflict_body(s, p.fp, &v, c, preset);
        page_tail(p.fp);
        page_finish(&p, res, 200);
    }
    ct_free(preset);
    view_clear(&v);
}

static void sources_page(ct_serve *s, ct_serve_response *res)
{
    view v;
    const char *why = NULL;
    int rc = view_load(s, &v, &why);
    if (rc < 0) {
        view_failed(s, res, rc, why);
        return;
    }
    size_t ns, nc;
    const ct_source *src = ct_corpus_sources(s->corpus, &ns);
    const ct_claim *claims = ct_corpus_claims(s->corpus, &nc);
    page p;
    if (page_open(&p) < 0) {
        set_text(res, 500, "out of memory\n");
        view_clear(&v);
        return;
    }
    FILE *f = p.fp;
    page_head(s, f, "Sources");
    fputs("<h1>Sources</h1><table id=\"sources\"><thead><tr><th>Id</th><th>Title</th><th>Author</th><th>Publisher</th>"
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
        esc(f, src[i].id);
        fputs("</code></td><td>", f);
        source_ref(f, s->corpus, src[i].id);
        fputs("</td><td>", f);
        esc(f, src[i].author);
        fputs("</td><td>", f);
        esc(f, src[i].publisher);
        fputs("</td><td>", f);
        esc(f, src[i].published);
        fprintf(f, "</td><td>%zu</td><td>%zu</td></tr>\n", n_claims, n_conflicts);
    }
    fputs("</tbody></table>", f);
    page_tail(f);
    page_finish(&p, res, 200);
    view_clear(&v);
}

/* ---- API ------------------------------------------------------------------------ */

static void api_conflicts(ct_serve *s, ct_serve_response *res)
{
    view v;
    const char *why = NULL;
    int rc = view_load(s, &v, &why);
    if (rc < 0) {
        if (rc == CT_ENOMEM)
            set_error_json(res, 500, "out of memory");
        else
            set_error_json(res, 503, why ? why : "the corpus does not load");
        return;
    }
    ct_report report = {s->corpus, v.set, v.reviews, CT_FAIL_ON_UNREVIEWED, 0};
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    rc = f ? ct_report_write(&report, "json", f) : CT_ENOMEM;
    if (f && fclose(f) != 0 && rc == 0)
        rc = CT_EIO;
    char *b = rc == 0 && buf ? ct_malloc(len + 1) : NULL;
    if (b) {
        memcpy(b, buf, len + 1);
        set_body(res, 200, "application/json", b, len);
    } else {
        set_error_json(res, 500, "cannot write the report");
    }
    free(buf);
    view_clear(&v);
}

static void api_review_get(ct_serve *s, const char *id, ct_serve_response *res)
{
    view v;
    const char *why = NULL;
    int rc = view_load(s, &v, &why);
    if (rc < 0) {
        set_error_json(res, rc == CT_ENOMEM ? 500 : 503, rc == CT_ENOMEM ? "out of memory" : "the corpus does not load");
        return;
    }
    const ct_conflict *c = ct_conflict_set_get(v.set, id);
    if (!c) {
        set_error_json(res, 404, "no such conflict");
    } else {
        const json_t *entry = NULL;
        ct_review_state st = ct_review_state_of(v.reviews, c, &entry);
        char fp[17] = "";
        if (entry && json_object_get(entry, "status"))
            review_fingerprint(entry, fp);
        set_json(res, 200,
                 json_pack("{sssssssOss*}", "id", c->id, "digest", c->digest, "state", state_names[st], "review",
                           entry ? (json_t *)entry : json_null(), "fingerprint", fp[0] ? fp : NULL));
    }
    view_clear(&v);
}

static json_t *outcome_json(const review_outcome *o)
{
    if (o->status == 200)
        return json_incref(o->review);
    return json_pack("{sssOssssss*}", "error", o->error ? o->error : "error", "review",
                     o->review ? o->review : json_null(), "id", o->id, "digest", o->digest, "fingerprint",
                     o->fingerprint[0] ? o->fingerprint : NULL);
}

static void api_review_post(ct_serve *s, const ct_serve_request *req, ct_serve_response *res)
{
    json_error_t err;
    json_t *doc = json_loadb(req->body ? req->body : "", req->body_len, JSON_REJECT_DUPLICATES, &err);
    if (!json_is_object(doc)) {
        json_decref(doc);
        set_error_json(res, 400, "the body must be a JSON object");
        return;
    }
    static const char *const known[] = {"id", "status", "note", "prefer", "by", "digest", "replaces"};
    const char *key;
    json_t *val;
    json_object_foreach(doc, key, val)
    {
        int ok = 0;
        for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
            ok |= strcmp(key, known[i]) == 0;
        int want_string = strcmp(key, "prefer") != 0;
        if (!ok || (want_string && !json_is_string(val) && !(strcmp(key, "replaces") == 0 && json_is_null(val))) ||
            (!want_string && !json_is_array(val))) {
            json_decref(doc);
            set_error_json(res, 400, "unknown field, or a field of the wrong type");
            return;
        }
    }
    json_t *prefer = json_object_get(doc, "prefer");
    size_t n_prefer = json_array_size(prefer);
    const char **ids = ct_calloc(n_prefer + 1, sizeof *ids);
    if (!ids) {
        json_decref(doc);
        set_error_json(res, 500, "out of memory");
        return;
    }
    for (size_t i = 0; i < n_prefer; i++)
        if (!(ids[i] = json_string_value(json_array_get(prefer, i))) || !*ids[i]) {
            ct_free(ids);
            json_decref(doc);
            set_error_json(res, 400, "prefer must list claim ids");
            return;
        }
    review_post in = {json_string_value(json_object_get(doc, "id")),
                      json_string_value(json_object_get(doc, "status")),
                      json_string_value(json_object_get(doc, "note")),
                      json_string_value(json_object_get(doc, "by")),
                      json_string_value(json_object_get(doc, "digest")),
                      json_string_value(json_object_get(doc, "replaces")),
                      ids,
                      n_prefer};
    review_outcome o;
    review_apply(s, &in, &o);
    set_json(res, o.status, outcome_json(&o));
    if (o.status == 200 || o.status == 409)
        res->etag = o.fingerprint[0] ? ct_strdup(o.fingerprint) : NULL;
    json_decref(o.review);
    ct_free(ids);
    json_decref(doc);
}

/* The plain HTML form (JavaScript off): 303 back to the conflict, or a page. */
static void form_review_post(ct_serve *s, const ct_serve_request *req, ct_serve_response *res)
{
    static const char *const keys[] = {"id", "status", "note", "by", "digest", "replaces", "prefer"};
    char *v[7];
    int oom = 0;
    for (int i = 0; i < 7; i++)
        v[i] = form_get(req->body, req->body_len, keys[i], &oom);
    const char *ids[64];
    size_t n_prefer = 0;
    int too_many = 0;
    if (v[6] && v[1] && strcmp(v[1], "resolved") == 0)
        for (char *p = v[6], *save = NULL, *tok; (tok = strtok_r(p, ",", &save)); p = NULL) {
            if (n_prefer == 64) {
                too_many = 1;
                break;
            }
            ids[n_prefer++] = tok;
        }
    if (oom) {
        set_text(res, 500, "out of memory\n");
    } else if (too_many) {
        error_page(s, res, 400, "Not saved", "too many preferred claims");
    } else {
        review_post in = {v[0], v[1], v[2], v[3], v[4], v[5], ids, n_prefer};
        review_outcome o;
        review_apply(s, &in, &o);
        if (o.status == 200) {
            size_t n = strlen(o.id) + 16;
            res->location = ct_malloc(n);
            if (res->location) {
                snprintf(res->location, n, "/conflict/%s", o.id);
                set_text(res, 303, "saved\n");
            } else {
                set_text(res, 500, "out of memory\n");
            }
        } else if (o.status == 409) {
            page p;
            if (page_open(&p) < 0) {
                set_text(res, 500, "out of memory\n");
            } else {
                page_head(s, p.fp, "Not saved");
                fputs("<h1>Not saved</h1><div id=\"review-result\" class=\"notice error\" data-status=\"409\"><p>", p.fp);
                esc(p.fp, o.error);
                fputs("</p>", p.fp);
                if (o.review)
                    review_box(p.fp, o.review, "their");
                fprintf(p.fp, "<a href=\"/conflict/%s\">Reload the conflict to review it again</a></div>", o.id);
                page_tail(p.fp);
                page_finish(&p, res, 409);
            }
        } else {
            error_page(s, res, o.status, "Not saved", o.error ? o.error : "error");
        }
        json_decref(o.review);
    }
    for (int i = 0; i < 7; i++)
        ct_free(v[i]);
}

/* ---- routing ------------------------------------------------------------------------ */

static int one_of(const char *value, char *const *allowed, size_t n)
{
    for (size_t i = 0; value && i < n; i++)
        if (allowed[i] && strcmp(value, allowed[i]) == 0)
            return 1;
    return 0;
}

static int same_token(const char *a, const char *b)
{
    if (!a || !b)
        return 0;
    size_t la = strlen(a), lb = strlen(b);
    unsigned diff = (unsigned)(la ^ lb);
    for (size_t i = 0; i < la && i < lb; i++)
        diff |= (unsigned)(a[i] ^ b[i]);
    return diff == 0 && la > 0;
}

static int media_type_is(const char *ct, const char *want)
{
    size_t n = strlen(want);
    if (!ct || strncasecmp(ct, want, n) != 0)
        return 0;
    return ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ';
}

static int conflict_id_ok(const char *id)
{
    size_t n = strlen(id);
    if (n < 4 || n > 32 || (strncmp(id, "CT-", 3) != 0 && strncmp(id, "ct-", 3) != 0))
        return 0;
    for (size_t i = 3; i < n; i++)
        if (hexval(id[i]) < 0)
            return 0;
    return 1;
}

static void asset(ct_serve_response *res, const char *type, const char *data, unsigned long len)
{
    char *b = ct_malloc(len + 1);
    if (!b) {
        set_text(res, 500, "out of memory\n");
        return;
    }
    memcpy(b, data, len + 1);
    set_body(res, 200, type, b, len);
}

void ct_serve_handle(ct_serve *s, const ct_serve_request *req, ct_serve_response *res)
{
    memset(res, 0, sizeof *res);
    const char *path = req->path ? req->path : "";
    const char *m = req->method ? req->method : "";
    int get = strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0, post = strcmp(m, "POST") == 0;
    if (!one_of(req->host, s->hosts, 3)) {
        set_text(res, 403, "forbidden: the Host header does not name this server\n");
        return;
    }
    if (!get && !post) {
        set_text(res, 405, "method not allowed\n");
        return;
    }
    if (get) {
        if (strcmp(path, "/") == 0)
            list_page(s, req, res);
        else if (strcmp(path, "/sources") == 0)
            sources_page(s, res);
        else if (strncmp(path, "/conflict/", 10) == 0 && conflict_id_ok(path + 10))
            conflict_page(s, req, path + 10, res);
        else if (strcmp(path, "/static/serve.css") == 0)
            asset(res, "text/css; charset=utf-8", ct_embedded_serve_css, ct_embedded_serve_css_len);
        else if (strcmp(path, "/static/serve.js") == 0)
            asset(res, "text/javascript; charset=utf-8", ct_embedded_serve_js, ct_embedded_serve_js_len);
        else if (strcmp(path, "/api/conflicts") == 0)
            api_conflicts(s, res);
        else if (strncmp(path, "/api/reviews/", 13) == 0 && conflict_id_ok(path + 13))
            api_review_get(s, path + 13, res);
        else if (strcmp(path, "/api/reviews") == 0 || strcmp(path, "/review") == 0)
            set_text(res, 405, "method not allowed\n");
        else
            set_text(res, 404, "not found\n");
        return;
    }
    int api = strcmp(path, "/api/reviews") == 0, form = strcmp(path, "/review") == 0;
    if (!api && !form) {
        set_text(res, strcmp(path, "/") == 0 ? 405 : 404, "not found\n");
        return;
    }
    if (req->body_too_big || req->body_len > CT_SERVE_BODY_MAX) {
        set_error_json(res, 413, "the body is too large");
        return;
    }
    int is_json = media_type_is(req->content_type, "application/json");
    int is_form = media_type_is(req->content_type, "application/x-www-form-urlencoded");
    if (!is_json && !is_form) {
        set_error_json(res, 415, "the body must be application/json or application/x-www-form-urlencoded");
        return;
    }
    if (req->origin && !one_of(req->origin, s->origins, 3)) {
        set_error_json(res, 403, "forbidden: the Origin is not this server");
        return;
    }
    int token_ok = same_token(req->token, s->token);
    if (!token_ok && is_form) {
        int oom = 0;
        char *t = form_get(req->body, req->body_len, "token", &oom);
        token_ok = same_token(t, s->token);
        ct_free(t);
    }
    if (!token_ok) {
        set_error_json(res, 403, "forbidden: the X-Claimtrack-Token header is missing or wrong");
        return;
    }
    if (is_json)
        api_review_post(s, req, res);
    else
        form_review_post(s, req, res);
}

void ct_serve_response_clear(ct_serve_response *res)
{
    ct_free(res->body);
    ct_free(res->etag);
    ct_free(res->location);
    memset(res, 0, sizeof *res);
}
