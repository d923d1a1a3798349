/*
 * serve_int.h - internals shared by the files of `claimtrack serve`:
 * serve_app.c (state, API, routing), serve_corpus.c (corpus reload),
 * serve_review.c (review writes) and serve_pages.c (the HTML pages).
 */
#ifndef CT_SERVE_INT_H
#define CT_SERVE_INT_H

#include "serve/serve_app.h"

/* The workbench's stylesheet and script, generated into build/serve_assets.c
 * from src/serve/assets/ (the library archive does not carry them). */
extern const char ct_serve__css[];
extern const unsigned long ct_serve__css_len;
extern const char ct_serve__js[];
extern const unsigned long ct_serve__js_len;
/* The tab icon, served at /favicon.ico (SVG). */
extern const char ct_serve__favicon[];

#include "claimtrack/common.h"
#include "claimtrack/conflict.h"
#include "claimtrack/corpus.h"
#include "claimtrack/report.h"
#include "claimtrack/review.h"
#include "report/html.h"

#include <stdio.h>

struct ct_serve {
    char **paths;
    size_t n_paths;
    char *reviews, *token, *today;
    char *login, *session, *cookie_name;
    int login_used; /* the one-time login token was traded */
    char *hosts[3]; /* the Host values accepted */
    char *origins[3];
    ct_corpus *corpus;        /* NULL while the files do not load */
    unsigned long long stamp; /* of the claim files' names, sizes, mtimes */
    int loaded;               /* stamp is valid */
    char *load_error;         /* diagnostics of the last failed load */
};

/* What one request sees: conflicts and reviews as of now. */
typedef struct {
    ct_conflict_set *set;
    ct_review_set *reviews;
} view;

/* A memory stream for a page; its text moves into the response. */
typedef struct {
    FILE *fp;
    char *buf;
    size_t len;
} page;

typedef struct {
    const char *id, *status, *note, *by, *digest, *replaces; /* replaces: NULL or "" for none */
    const char **prefer;
    size_t n_prefer;
} review_post;

typedef struct {
    int status;        /* HTTP */
    const char *error; /* static or error_text, when status != 200 */
    char error_text[128];
    json_t *review; /* the stored review (200) or theirs (409); new */
    char fingerprint[17];
    char digest[CT_CONFLICT_DIGEST_SIZE]; /* the conflict's digest now */
    char id[CT_CONFLICT_ID_SIZE];
} review_outcome;

/* Called for each key of a form (raw, klen bytes) with value NULL: nonzero
 * asks for the value, then called again with it decoded (new: the callee
 * owns it).  A value holding %00 is dropped. */
typedef int (*ct_serve__form_fn)(const char *key, size_t klen, char *value, void *payload);
/* Returns 0 or CT_ENOMEM. */
int ct_serve__form_each(const char *body, size_t len, ct_serve__form_fn fn, void *payload);
char *ct_serve__form_get(const char *body, size_t len, const char *key, int *oom);
char *ct_serve__form_get_nth(const char *body, size_t len, const char *key, size_t nth, int *oom);
void ct_serve__suggest_page(ct_serve *s, ct_serve_response *res);
void ct_serve__suggest_post(ct_serve *s, const ct_serve_request *req, ct_serve_response *res);
void ct_serve__suggest_accept(ct_serve *s, const ct_serve_request *req, ct_serve_response *res);
/* Append claims (lines[i]: JSON objects, one a line) to the files of
 * topics[i] (indexes into the corpus's topics, ascending, each once), under
 * each file's writers' lock, when the corpus stays valid.  0 written; 1
 * invalid or unwritable, errors on errs; CT_ENOMEM. */
int ct_serve__append_claims(ct_serve *s, const size_t *topics, const char *const *lines, size_t n,
                            FILE *errs);
char *ct_serve__query_get(const char *query, const char *key, int *oom);
void ct_serve__wrap(FILE *out, const char *before, const char *text, const char *after);
void ct_serve__set_text(ct_serve_response *res, int status, const char *msg);
int ct_serve__ci_contains(const char *hay, const char *needle);
int ct_serve__view_load(ct_serve *s, view *v, const char **why);
int ct_serve__page_open(page *p);
void ct_serve__page_finish(page *p, ct_serve_response *res, int status);
void ct_serve__view_clear(view *v);
int ct_serve__review_fingerprint(const json_t *entry, char out[17]);
void ct_serve__review_apply(ct_serve *s, const review_post *in, review_outcome *o);
void ct_serve__error_page(ct_serve *s, ct_serve_response *res, int status, const char *title,
                          const char *text);
void ct_serve__review_box(FILE *f, const json_t *r, const char *cls);
void ct_serve__conflict_page(ct_serve *s, const ct_serve_request *req, const char *id,
                             ct_serve_response *res);
void ct_serve__page_head(ct_serve *s, FILE *f, const char *title);
void ct_serve__sources_page(ct_serve *s, ct_serve_response *res);
void ct_serve__list_page(ct_serve *s, const ct_serve_request *req, ct_serve_response *res);

void ct_serve__view_failed(ct_serve *s, ct_serve_response *res, int rc, const char *why);
void ct_serve__badge(FILE *f, const char *cls, const char *text);
/* A source's title, linked when its url is http(s). */
void ct_serve__source_ref(FILE *f, const ct_corpus *corpus, const char *id);
/* One claim as a list item: id, source, claimant, hedge, as_of, locator,
 * quote and place. */
void ct_serve__claim_item(FILE *f, const ct_corpus *corpus, const ct_claim *cl);

/* subjects.c: the subject pages (/subject/NAME, every group of a subject
 * named by its canonical name or an alias), links to them, and the
 * subjects a search finds by name or alias. */
void ct_serve__subject_href(FILE *f, const char *name);
void ct_serve__subject_link(FILE *f, const char *name);
/* "Every claim about NAME", linked to its page. */
void ct_serve__subject_about(FILE *f, const char *name);
void ct_serve__subject_page(ct_serve *s, const char *name, ct_serve_response *res);
void ct_serve__source_claims(FILE *f, const ct_corpus *corpus, const char *source);
int ct_serve__subject_matches(const ct_topic *t, const char *subject, const char *q);
int ct_serve__subject_search(FILE *f, const ct_corpus *corpus, const char *q);

/* Write `s` HTML-escaped. */
static inline void ct_serve__esc(FILE *out, const char *s) { ct_report__html_escape(out, s); }
/* Close a page opened with ct_serve__page_head. */
static inline void ct_serve__page_tail(FILE *f) { fputs("</main></body></html>\n", f); }

#endif
