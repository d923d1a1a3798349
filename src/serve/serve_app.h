/*
 * serve_app.h - the editors' workbench behind `claimtrack serve`, without the
 * HTTP server: one request in, one response out.
 *
 * cmd_serve.c feeds it requests from libmicrohttpd; the fuzz harness feeds it
 * bytes.  It never prints and keeps all its state in the ct_serve it is given.
 * Requests are handled one at a time (libmicrohttpd's single polling thread).
 */
#ifndef CT_SERVE_APP_H
#define CT_SERVE_APP_H

#include <stddef.h>

/* Request bodies beyond this many bytes are refused with 413. */
#define CT_SERVE_BODY_MAX 65536
/* ... but the Suggest page's posts (an article, its drafts) may hold this many. */
#define CT_SERVE_SUGGEST_BODY_MAX (1024 * 1024)

/* The body limit of a POST to `path`. */
size_t ct_serve_body_max(const char *path);

typedef struct ct_serve ct_serve;

typedef struct {
    char **paths; /* the corpus (files or folders); default "claims" */
    int n_paths;
    const char *reviews; /* the reviews file */
    const char *bind;    /* the address served, as given (127.0.0.1, ::1, ...) */
    unsigned port;       /* the port served (after binding) */
    const char *token;   /* the per-run token every POST must carry */
    const char *login;   /* the one-time login token of the printed URL */
    const char *session; /* the session cookie's secret value */
    const char *today;   /* YYYY-MM-DD for reviews, or NULL: today, UTC (tests) */
} ct_serve_config;

typedef struct {
    const char *method;       /* "GET", "POST", ... */
    const char *path;         /* the URL path, percent-decoded, no query */
    const char *query;        /* the raw query string (after '?'), or NULL */
    const char *host;         /* the Host header, or NULL */
    const char *origin;       /* the Origin header, or NULL */
    const char *token;        /* the X-Claimtrack-Token header, or NULL */
    const char *content_type; /* or NULL */
    const char *cookie;       /* the Cookie header, or NULL */
    const char *body;         /* may hold NUL bytes */
    size_t body_len;
    int body_too_big; /* the body went over CT_SERVE_BODY_MAX */
} ct_serve_request;

typedef struct {
    int status;
    const char *content_type; /* static */
    char *body;               /* owned */
    size_t len;
    char *etag;     /* owned, or NULL */
    char *location; /* owned, or NULL: a redirect */
    char *cookie;   /* owned, or NULL: a Set-Cookie value */
} ct_serve_response;

/* The session cookie: HttpOnly, SameSite=Strict, named after the port (a
 * browser sends a host's cookies to all its ports). */
#define CT_SERVE_COOKIE_PREFIX "claimtrack_session_"

/* New state for `cfg` (copied).  Returns 0 or CT_ENOMEM. */
int ct_serve_new(ct_serve **out, const ct_serve_config *cfg);
void ct_serve_free(ct_serve *s);

/* Answer `req`.  *res is filled (status 500 with a short body when out of
 * memory); release it with ct_serve_response_clear. */
void ct_serve_handle(ct_serve *s, const ct_serve_request *req, ct_serve_response *res);
void ct_serve_response_clear(ct_serve_response *res);

/* The Content-Security-Policy every answer carries. */
extern const char ct_serve_csp[];

#endif
