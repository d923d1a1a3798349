/*
 * serve_app.c - pages, API and review writes of `claimtrack serve`.
 *
 * Security: every request's Host must name the served address (DNS
 * rebinding); every request but the login needs the session cookie, which
 * the browser gets once for the one-time login token of the printed URL
 * (HttpOnly, SameSite=Strict); every POST needs the per-run token (header X-Claimtrack-Token,
 * or the form's hidden field) and, when the browser sends one, a matching
 * Origin; bodies are JSON or form-encoded and at most CT_SERVE_BODY_MAX
 * bytes; nothing is read from disk for a URL: the only files served are the
 * built-in assets.  Every value in a page is HTML-escaped.
 *
 * The corpus is reloaded when a claim file's name, size or mtime changes
 * (serve_corpus.c, checked on each request); conflicts and reviews are
 * recomputed per request, so the API's report is exactly what
 * `check --format json` prints.
 */
#include "serve/serve_int.h"

#include "claimtrack/common.h"
#include "claimtrack/conflict.h"
#include "claimtrack/corpus.h"
#include "claimtrack/report.h"
#include "claimtrack/review.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

const char ct_serve_csp[] =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/* The tab icon: a scale out of balance, in the header's colours. */
const char ct_serve__favicon[] =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\">"
    "<rect width=\"16\" height=\"16\" rx=\"3\" fill=\"#263238\"/>"
    "<path d=\"M8 3v10M3 5l10 -2M3 5l-1.5 4h3zM13 3l-1.5 4h3zM5 13h6\" stroke=\"#fff\" "
    "stroke-width=\"1.2\" fill=\"none\"/></svg>";

/* ---- small helpers -------------------------------------------------------- */


/* BEFORE, then TEXT escaped, then AFTER; nothing when TEXT is NULL. */
void ct_serve__wrap(FILE *out, const char *before, const char *text, const char *after)
{
    if (!text)
        return;
    fputs(before, out);
    ct_serve__esc(out, text);
    fputs(after, out);
}

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* ASCII case-insensitive substring search. */
int ct_serve__ci_contains(const char *hay, const char *needle)
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
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* [v, stop) of a form decoded ('+' a space, %XX a byte), new; NULL when out
 * of memory (*oom set) or when it holds %00 (not text). */
static char *form_decode(const char *v, const char *stop, int *oom)
{
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
    if (memchr(out, '\0', (size_t)(o - out))) {
        ct_free(out);
        return NULL;
    }
    return out;
}

int ct_serve__form_each(const char *qs, size_t len, ct_serve__form_fn fn, void *payload)
{
    int oom = 0;
    const char *p = qs, *end = qs ? qs + len : NULL;
    while (p && p < end && !oom) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        const char *stop = amp ? amp : end;
        const char *eq = memchr(p, '=', (size_t)(stop - p));
        const char *kend = eq ? eq : stop;
        if (fn(p, (size_t)(kend - p), NULL, payload)) {
            char *v = form_decode(eq ? eq + 1 : stop, stop, &oom);
            if (v)
                fn(p, (size_t)(kend - p), v, payload);
        }
        p = amp ? amp + 1 : end;
    }
    return oom ? CT_ENOMEM : 0;
}

/* The decoded value of the nth (from 0) `key` in a form-encoded string, new;
 * NULL when absent (or out of memory: *oom set). */
char *ct_serve__form_get_nth(const char *qs, size_t len, const char *key, size_t nth, int *oom)
{
    size_t klen = strlen(key);
    const char *p = qs, *end = qs ? qs + len : NULL;
    while (p && p < end) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        const char *stop = amp ? amp : end;
        const char *eq = memchr(p, '=', (size_t)(stop - p));
        const char *kend = eq ? eq : stop;
        if ((size_t)(kend - p) == klen && memcmp(p, key, klen) == 0 && nth-- == 0)
            return form_decode(eq ? eq + 1 : stop, stop, oom);
        p = amp ? amp + 1 : end;
    }
    return NULL;
}

static char *form_get(const char *qs, size_t len, const char *key, int *oom)
{
    return ct_serve__form_get_nth(qs, len, key, 0, oom);
}

char *ct_serve__form_get(const char *qs, size_t len, const char *key, int *oom)
{
    return form_get(qs, len, key, oom);
}

size_t ct_serve_body_max(const char *path)
{
    return path && (strcmp(path, "/suggest") == 0 || strcmp(path, "/suggest/accept") == 0)
               ? CT_SERVE_SUGGEST_BODY_MAX
               : CT_SERVE_BODY_MAX;
}

char *ct_serve__query_get(const char *query, const char *key, int *oom)
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

void ct_serve__set_text(ct_serve_response *res, int status, const char *msg)
{
    char *b = ct_strdup(msg);
    set_body(res, b ? status : 500, "text/plain; charset=utf-8", b, b ? strlen(b) : 0);
}

static void set_json(ct_serve_response *res, int status, json_t *doc)
{
    char *text = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_SORT_KEYS) : NULL;
    json_decref(doc);
    if (!text) {
        ct_serve__set_text(res, 500, "out of memory\n");
        return;
    }
    char *b = ct_strdup(text);
    free(text);
    if (!b) {
        ct_serve__set_text(res, 500, "out of memory\n");
        return;
    }
    set_body(res, status, "application/json", b, strlen(b));
}

static void set_error_json(ct_serve_response *res, int status, const char *msg)
{
    set_json(res, status, json_pack("{ss}", "error", msg));
}


int ct_serve__page_open(page *p)
{
    p->buf = NULL;
    p->len = 0;
    p->fp = open_memstream(&p->buf, &p->len);
    return p->fp ? 0 : CT_ENOMEM;
}

void ct_serve__page_finish(page *p, ct_serve_response *res, int status)
{
    int bad = ferror(p->fp);
    if (fclose(p->fp) != 0)
        bad = 1;
    if (bad || !p->buf) {
        free(p->buf);
        ct_serve__set_text(res, 500, "out of memory\n");
        return;
    }
    char *b = ct_malloc(p->len + 1);
    if (b) {
        memcpy(b, p->buf, p->len + 1);
        set_body(res, status, "text/html; charset=utf-8", b, p->len);
    } else {
        ct_serve__set_text(res, 500, "out of memory\n");
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
    ct_free(s->login);
    ct_free(s->session);
    ct_free(s->cookie_name);
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
        s->login = ct_strdup(cfg->login ? cfg->login : "");
        s->session = ct_strdup(cfg->session ? cfg->session : "");
        s->cookie_name = format_new("%s%u", CT_SERVE_COOKIE_PREFIX, cfg->port);
        s->today = cfg->today ? ct_strdup(cfg->today) : NULL;
        s->hosts[0] = format_new(v6 ? "[%s]:%u" : "%s:%u", bind, cfg->port);
        s->hosts[1] = format_new("%s:%u", "localhost", cfg->port);
        s->origins[0] = format_new(v6 ? "http://[%s]:%u" : "http://%s:%u", bind, cfg->port);
        s->origins[1] = format_new("http://%s:%u", "localhost", cfg->port);
        bad = !s->reviews || !s->token || !s->login || !s->session || !s->cookie_name ||
              (cfg->today && !s->today) || !s->hosts[0] || !s->hosts[1] || !s->origins[0] ||
              !s->origins[1];
    }
    if (bad) {
        ct_serve_free(s);
        return CT_ENOMEM;
    }
    *out = s;
    return 0;
}


/* ---- API ------------------------------------------------------------------------ */

static void api_conflicts(ct_serve *s, ct_serve_response *res)
{
    view v;
    const char *why = NULL;
    int rc = ct_serve__view_load(s, &v, &why);
    if (rc < 0) {
        if (rc == CT_ENOMEM)
            set_error_json(res, 500, "out of memory");
        else
            set_error_json(res, 503, why ? why : "the corpus does not load");
        return;
    }
    ct_report report = {.corpus = s->corpus,
                        .conflicts = v.set,
                        .reviews = v.reviews,
                        .fail_on = CT_FAIL_ON_UNREVIEWED};
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
    ct_serve__view_clear(&v);
}

static void api_review_get(ct_serve *s, const char *id, ct_serve_response *res)
{
    view v;
    const char *why = NULL;
    int rc = ct_serve__view_load(s, &v, &why);
    if (rc < 0) {
        set_error_json(res, rc == CT_ENOMEM ? 500 : 503,
                       rc == CT_ENOMEM ? "out of memory" : "the corpus does not load");
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
            ct_serve__review_fingerprint(entry, fp);
        set_json(res, 200,
                 json_pack("{sssssssOss*}", "id", c->id, "digest", c->digest, "state",
                           ct_review_state_name((ct_review_state)st), "review",
                           entry ? (json_t *)entry : json_null(), "fingerprint",
                           fp[0] ? fp : NULL));
    }
    ct_serve__view_clear(&v);
}

static json_t *outcome_json(const review_outcome *o)
{
    if (o->status == 200)
        return json_incref(o->review);
    return json_pack("{sssOssssss*}", "error", o->error ? o->error : "error", "review",
                     o->review ? o->review : json_null(), "id", o->id, "digest", o->digest,
                     "fingerprint", o->fingerprint[0] ? o->fingerprint : NULL);
}

static void api_review_post(ct_serve *s, const ct_serve_request *req, ct_serve_response *res)
{
    json_error_t err = {0}; /* jansson leaves it unset when an allocation fails */
    json_t *doc =
        json_loadb(req->body ? req->body : "", req->body_len, JSON_REJECT_DUPLICATES, &err);
    if (!doc) { /* invalid UTF-8 included: jansson says where */
        char msg[JSON_ERROR_TEXT_LENGTH + 64];
        snprintf(msg, sizeof msg, "the body is not JSON: %s at byte %d", err.text, err.position);
        set_error_json(res, 400, msg);
        return;
    }
    if (!json_is_object(doc)) {
        json_decref(doc);
        set_error_json(res, 400, "the body must be a JSON object");
        return;
    }
    static const char *const known[] = {"id", "status", "note",    "prefer",
                                        "by", "digest", "replaces"};
    const char *key;
    json_t *val;
    json_object_foreach(doc, key, val)
    {
        int ok = 0;
        for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
            ok |= strcmp(key, known[i]) == 0;
        int want_string = strcmp(key, "prefer") != 0;
        if (!ok ||
            (want_string && !json_is_string(val) &&
             !(strcmp(key, "replaces") == 0 && json_is_null(val))) ||
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
    ct_serve__review_apply(s, &in, &o);
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
    static const char *const keys[] = {"id",     "status",   "note",  "by",
                                       "digest", "replaces", "prefer"};
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
        ct_serve__set_text(res, 500, "out of memory\n");
    } else if (too_many) {
        ct_serve__error_page(s, res, 400, "Not saved", "too many preferred claims");
    } else {
        review_post in = {v[0], v[1], v[2], v[3], v[4], v[5], ids, n_prefer};
        review_outcome o;
        ct_serve__review_apply(s, &in, &o);
        if (o.status == 200) {
            size_t n = strlen(o.id) + 16;
            res->location = ct_malloc(n);
            if (res->location) {
                snprintf(res->location, n, "/conflict/%s", o.id);
                ct_serve__set_text(res, 303, "saved\n");
            } else {
                ct_serve__set_text(res, 500, "out of memory\n");
            }
        } else if (o.status == 409) {
            page p;
            if (ct_serve__page_open(&p) < 0) {
                ct_serve__set_text(res, 500, "out of memory\n");
            } else {
                ct_serve__page_head(s, p.fp, "Not saved");
                fputs(
                    "<h1>Not saved</h1><div id=\"review-result\" class=\"notice error\" data-status=\"409\"><p>",
                    p.fp);
                ct_serve__esc(p.fp, o.error);
                fputs("</p>", p.fp);
                if (o.review)
                    ct_serve__review_box(p.fp, o.review, "their");
                fprintf(p.fp,
                        "<a href=\"/conflict/%s\">Reload the conflict to review it again</a></div>",
                        o.id);
                ct_serve__page_tail(p.fp);
                ct_serve__page_finish(&p, res, 409);
            }
        } else {
            ct_serve__error_page(s, res, o.status, "Not saved", o.error ? o.error : "error");
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
        ct_serve__set_text(res, 500, "out of memory\n");
        return;
    }
    memcpy(b, data, len + 1);
    set_body(res, 200, type, b, len);
}

/* The value of cookie `name` in a Cookie header, new; NULL when absent (or out
 * of memory: *oom set). */
static char *cookie_get(const char *header, const char *name, int *oom)
{
    size_t n = strlen(name);
    for (const char *p = header; p && *p;) {
        while (*p == ' ' || *p == '\t' || *p == ';')
            p++;
        const char *end = strchr(p, ';');
        if (!end)
            end = p + strlen(p);
        if ((size_t)(end - p) > n && strncmp(p, name, n) == 0 && p[n] == '=') {
            char *v = ct_strndup(p + n + 1, (size_t)(end - p) - n - 1);
            if (!v)
                *oom = 1;
            return v;
        }
        p = end;
    }
    return NULL;
}

/* GET /login?token=T: the one-time login token traded for the session
 * cookie, then to the list.  A used or wrong token is refused (403), unless
 * the browser already holds the cookie. */
static void login(ct_serve *s, const ct_serve_request *req, int session_ok, ct_serve_response *res)
{
    int oom = 0;
    char *t = ct_serve__query_get(req->query, "token", &oom);
    if (oom) {
        ct_serve__set_text(res, 500, "out of memory\n");
    } else if (!s->login_used && same_token(t, s->login)) {
        size_t n = strlen(s->cookie_name) + strlen(s->session) + 64;
        res->cookie = ct_malloc(n);
        res->location = ct_strdup("/");
        if (res->cookie && res->location) {
            snprintf(res->cookie, n, "%s=%s; Path=/; HttpOnly; SameSite=Strict", s->cookie_name,
                     s->session);
            s->login_used = 1;
            ct_serve__set_text(res, 303, "logged in\n");
        } else {
            ct_serve__set_text(res, 500, "out of memory\n");
        }
    } else if (session_ok) {
        res->location = ct_strdup("/");
        ct_serve__set_text(res, res->location ? 303 : 500,
                           res->location ? "logged in already\n" : "out of memory\n");
    } else {
        ct_serve__set_text(res, 403,
                           "forbidden: this login link is wrong or was used already (it works "
                           "once); restart claimtrack serve for a new one\n");
    }
    ct_free(t);
}

/* A POST, from a session: its path, size, type, Origin and token checked. */
static void post_request(ct_serve *s, const ct_serve_request *req, const char *path,
                         ct_serve_response *res)
{
    int oom = 0;
    int api = strcmp(path, "/api/reviews") == 0, form = strcmp(path, "/review") == 0;
    int suggest = strcmp(path, "/suggest") == 0, accept = strcmp(path, "/suggest/accept") == 0;
    if (!api && !form && !suggest && !accept) {
        ct_serve__set_text(res, strcmp(path, "/") == 0 ? 405 : 404, "not found\n");
        return;
    }
    if (req->body_too_big || req->body_len > ct_serve_body_max(path)) {
        set_error_json(res, 413, "the body is too large");
        return;
    }
    int is_json = media_type_is(req->content_type, "application/json");
    int is_form = media_type_is(req->content_type, "application/x-www-form-urlencoded");
    if (!is_form && (suggest || accept)) {
        set_error_json(res, 415, "the body must be application/x-www-form-urlencoded");
        return;
    }
    if (!is_json && !is_form) {
        set_error_json(res, 415,
                       "the body must be application/json or application/x-www-form-urlencoded");
        return;
    }
    if (req->origin && !one_of(req->origin, s->origins, 3)) {
        set_error_json(res, 403, "forbidden: the Origin is not this server");
        return;
    }
    int token_ok = same_token(req->token, s->token);
    if (!token_ok && is_form) {
        char *t = form_get(req->body, req->body_len, "token", &oom);
        token_ok = same_token(t, s->token);
        ct_free(t);
    }
    if (!token_ok) {
        set_error_json(res, 403, "forbidden: the X-Claimtrack-Token header is missing or wrong");
        return;
    }
    if (suggest)
        ct_serve__suggest_post(s, req, res);
    else if (accept)
        ct_serve__suggest_accept(s, req, res);
    else if (is_json)
        api_review_post(s, req, res);
    else
        form_review_post(s, req, res);
}

void ct_serve_handle(ct_serve *s, const ct_serve_request *req, ct_serve_response *res)
{
    memset(res, 0, sizeof *res);
    const char *path = req->path ? req->path : "";
    const char *m = req->method ? req->method : "";
    int get = strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0, post = strcmp(m, "POST") == 0;
    if (!one_of(req->host, s->hosts, 3)) {
        ct_serve__set_text(res, 403, "forbidden: the Host header does not name this server\n");
        return;
    }
    if (!get && !post) {
        ct_serve__set_text(res, 405, "method not allowed\n");
        return;
    }
    int oom = 0;
    char *cookie = cookie_get(req->cookie, s->cookie_name, &oom);
    int session_ok = same_token(cookie, s->session);
    ct_free(cookie);
    if (oom) {
        ct_serve__set_text(res, 500, "out of memory\n");
        return;
    }
    if (get && strcmp(path, "/login") == 0) {
        login(s, req, session_ok, res);
        return;
    }
    if (get && strcmp(path, "/favicon.ico") == 0) { /* public, like a logo: no 404 in a tab */
        asset(res, "image/svg+xml", ct_serve__favicon, sizeof ct_serve__favicon - 1);
        return;
    }
    if (!session_ok) {
        ct_serve__set_text(res, 401,
                           "log in first: open the login link that claimtrack serve printed "
                           "when it started\n");
        return;
    }
    if (get) {
        if (strcmp(path, "/") == 0)
            ct_serve__list_page(s, req, res);
        else if (strcmp(path, "/sources") == 0)
            ct_serve__sources_page(s, res);
        else if (strcmp(path, "/suggest") == 0)
            ct_serve__suggest_page(s, res);
        else if (strncmp(path, "/subject/", 9) == 0 && path[9])
            ct_serve__subject_page(s, path + 9, res);
        else if (strncmp(path, "/conflict/", 10) == 0 && conflict_id_ok(path + 10))
            ct_serve__conflict_page(s, req, path + 10, res);
        else if (strcmp(path, "/static/serve.css") == 0)
            asset(res, "text/css; charset=utf-8", ct_serve__css, ct_serve__css_len);
        else if (strcmp(path, "/static/serve.js") == 0)
            asset(res, "text/javascript; charset=utf-8", ct_serve__js, ct_serve__js_len);
        else if (strcmp(path, "/api/conflicts") == 0)
            api_conflicts(s, res);
        else if (strncmp(path, "/api/reviews/", 13) == 0 && conflict_id_ok(path + 13))
            api_review_get(s, path + 13, res);
        else if (strcmp(path, "/api/reviews") == 0 || strcmp(path, "/review") == 0 ||
                 strcmp(path, "/suggest/accept") == 0)
            ct_serve__set_text(res, 405, "method not allowed\n");
        else
            ct_serve__set_text(res, 404, "not found\n");
        return;
    }
    post_request(s, req, path, res);
}

void ct_serve_response_clear(ct_serve_response *res)
{
    ct_free(res->body);
    ct_free(res->etag);
    ct_free(res->location);
    ct_free(res->cookie);
    memset(res, 0, sizeof *res);
}
