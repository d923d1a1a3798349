/*
 * cmd_serve.c - `claimtrack serve`: the editors' workbench over HTTP.
 *
 * libmicrohttpd runs one polling thread that hands each complete request to
 * serve_app.c; this file only moves bytes.  The main thread waits for SIGINT,
 * SIGTERM or SIGHUP (blocked everywhere, taken with sigwait), then stops
 * taking connections, lets the requests in progress - a review being written -
 * finish and send their answers, for one second at most, and stops the server.
 */
#include "cli.h"
#include "claimtrack/common.h"
#include "serve/serve_app.h"

#include <errno.h>
#include <getopt.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* Each connection's limits: a slow or idle client is dropped after
 * SERVE_IDLE_SECONDS without a byte; one address holds at most
 * SERVE_PER_IP connections of the SERVE_CONNECTIONS served at once. */
#define SERVE_IDLE_SECONDS 10u
#define SERVE_PER_IP 16u
#define SERVE_CONNECTIONS 256u

/* The requests begun and not yet answered, and whether the handler runs now:
 * what a stop waits for. */
typedef struct {
    ct_serve *app;
    pthread_mutex_t lock;
    pthread_cond_t idle;
    unsigned in_flight;
    int handling;
    int closing; /* the grace period is over: no request is begun any more */
} server;

/* One request's body, gathered as it arrives. */
typedef struct {
    char *data;
    size_t len, cap;
    int too_big;
} upload;

/* The query string again, from libmicrohttpd's parsed arguments. */
typedef struct {
    char *buf;
    size_t len, cap;
    int oom;
} query_buf;

static void qb_put(query_buf *q, const char *s, int encode)
{
    for (; s && *s && !q->oom; s++) {
        if (q->len + 4 >= q->cap) {
            size_t cap = q->cap ? q->cap * 2 : 128;
            char *b = ct_realloc(q->buf, cap);
            if (!b) {
                q->oom = 1;
                return;
            }
            q->buf = b;
            q->cap = cap;
        }
        unsigned char c = (unsigned char)*s;
        if (encode && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) {
            snprintf(q->buf + q->len, 4, "%%%02X", c);
            q->len += 3;
        } else {
            q->buf[q->len++] = (char)c;
        }
        q->buf[q->len] = '\0';
    }
}

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *value)
{
    (void)kind;
    query_buf *q = cls;
    if (q->len)
        qb_put(q, "&", 0);
    qb_put(q, key, 1);
    qb_put(q, "=", 0);
    qb_put(q, value, 1);
    return MHD_YES;
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *conn, const char *url,
                              const char *method, const char *version, const char *data,
                              size_t *data_size, void **con_cls)
{
    (void)version;
    server *sv = cls;
    ct_serve *s = sv->app;
    upload *u = *con_cls;
    if (!u) {
        if (!(u = ct_calloc(1, sizeof *u)))
            return MHD_NO;
        *con_cls = u;
        pthread_mutex_lock(&sv->lock);
        sv->in_flight++;
        pthread_mutex_unlock(&sv->lock);
        return MHD_YES;
    }
    if (*data_size) {
        size_t n = *data_size;
        *data_size = 0;
        if (u->too_big || u->len + n > ct_serve_body_max(url)) {
            u->too_big = 1; /* the rest is read and dropped */
            return MHD_YES;
        }
        if (u->len + n + 1 > u->cap) {
            size_t cap = u->cap ? u->cap : 1024;
            while (cap < u->len + n + 1)
                cap *= 2;
            char *b = ct_realloc(u->data, cap);
            if (!b)
                return MHD_NO;
            u->data = b;
            u->cap = cap;
        }
        memcpy(u->data + u->len, data, n);
        u->len += n;
        u->data[u->len] = '\0';
        return MHD_YES;
    }
    query_buf q = {NULL, 0, 0, 0};
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, add_arg, &q);
    if (q.oom) {
        ct_free(q.buf);
        return MHD_NO;
    }
    ct_serve_request req = {
        method,
        url,
        q.buf,
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST),
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Origin"),
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Claimtrack-Token"),
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE),
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_COOKIE),
        u->data,
        u->len,
        u->too_big};
    ct_serve_response res;
    pthread_mutex_lock(&sv->lock);
    int closing = sv->closing;
    sv->handling = !closing;
    pthread_mutex_unlock(&sv->lock);
    if (closing) {
        ct_free(q.buf);
        return MHD_NO; /* the server is stopping: the connection is closed */
    }
    ct_serve_handle(s, &req, &res);
    pthread_mutex_lock(&sv->lock);
    sv->handling = 0;
    pthread_mutex_unlock(&sv->lock);
    ct_free(q.buf);
    struct MHD_Response *r = MHD_create_response_from_buffer(
        res.len, res.body ? res.body : (char *)"", MHD_RESPMEM_MUST_COPY);
    enum MHD_Result ok = MHD_NO;
    if (r) {
        int bad =
            MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, res.content_type) != MHD_YES;
        bad |= MHD_add_response_header(r, "Content-Security-Policy", ct_serve_csp) != MHD_YES;
        bad |= MHD_add_response_header(r, "X-Content-Type-Options", "nosniff") != MHD_YES;
        bad |= MHD_add_response_header(r, "X-Frame-Options", "DENY") != MHD_YES;
        bad |= MHD_add_response_header(r, "Referrer-Policy", "same-origin") != MHD_YES;
        bad |= MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store") != MHD_YES;
        if (res.etag) {
            char tag[24];
            snprintf(tag, sizeof tag, "\"%s\"", res.etag);
            bad |= MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, tag) != MHD_YES;
        }
        if (res.location)
            bad |= MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, res.location) != MHD_YES;
        if (res.cookie)
            bad |= MHD_add_response_header(r, MHD_HTTP_HEADER_SET_COOKIE, res.cookie) != MHD_YES;
        if (!bad)
            ok = MHD_queue_response(conn, (unsigned)res.status, r);
        MHD_destroy_response(r);
    }
    ct_serve_response_clear(&res);
    return ok;
}

static void completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                      enum MHD_RequestTerminationCode why)
{
    (void)conn;
    (void)why;
    server *sv = cls;
    upload *u = *con_cls;
    if (u) {
        ct_free(u->data);
        ct_free(u);
        *con_cls = NULL;
        pthread_mutex_lock(&sv->lock);
        sv->in_flight--;
        pthread_cond_broadcast(&sv->idle);
        pthread_mutex_unlock(&sv->lock);
    }
}

/* A listening socket on bind:port; the port actually bound in *bound. */
static int listen_on(const char *bind_addr, const char *port, unsigned *bound)
{
    struct addrinfo hints, *ai = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV;
    int rc = getaddrinfo(bind_addr, port, &hints, &ai);
    if (rc != 0) {
        fprintf(stderr, "claimtrack: serve: --bind %s: %s (give a numeric address)\n", bind_addr,
                gai_strerror(rc));
        return -1;
    }
    int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
    int one = 1;
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(fd, 64) != 0) {
        fprintf(stderr, "claimtrack: serve: cannot listen on %s port %s: %s\n", bind_addr, port,
                strerror(errno));
        if (fd >= 0)
            close(fd);
        freeaddrinfo(ai);
        return -1;
    }
    freeaddrinfo(ai);
    struct sockaddr_storage sa;
    socklen_t len = sizeof sa;
    if (getsockname(fd, (struct sockaddr *)&sa, &len) != 0) {
        close(fd);
        return -1;
    }
    *bound = sa.ss_family == AF_INET6 ? ntohs(((struct sockaddr_in6 *)&sa)->sin6_port)
                                      : ntohs(((struct sockaddr_in *)&sa)->sin_port);
    return fd;
}

static int make_token(char out[33])
{
    unsigned char raw[16];
    size_t got = 0;
    while (got < sizeof raw) {
        ssize_t n = getrandom(raw + got, sizeof raw - got, 0);
        if (n < 0 && errno != EINTR)
            return -1;
        if (n > 0)
            got += (size_t)n;
    }
    for (size_t i = 0; i < sizeof raw; i++)
        snprintf(out + 2 * i, 3, "%02x", raw[i]);
    return 0;
}

static int valid_port(const char *s)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    return *s && !*end && errno == 0 && v >= 0 && v <= 65535;
}

/* After signal `sig`: take no new connection, let the requests in progress
 * finish and send their answers within the grace period (1 s), then stop the
 * server.  Returns the signal's name; a request still computing after the
 * grace period is abandoned with the process (exit 2). */
static const char *stop_server(server *sv, struct MHD_Daemon *d, int sig)
{
    const char *name = sig == SIGINT ? "SIGINT" : sig == SIGHUP ? "SIGHUP" : "SIGTERM";
    /* no new connections; the requests in progress get one second to finish
     * and send their answers */
    MHD_socket listen_fd = MHD_quiesce_daemon(d);
    pthread_mutex_lock(&sv->lock);
    unsigned waiting = sv->in_flight;
    if (waiting)
        fprintf(stderr, "claimtrack: serve: %s: finishing %u request%s in progress\n", name,
                waiting, waiting == 1 ? "" : "s");
    /* CLAIMTRACK_SERVE_STOP_SECONDS (1 to 60): a longer grace for slow test
     * runs under valgrind */
    const char *grace_env = getenv("CLAIMTRACK_SERVE_STOP_SECONDS");
    long grace = grace_env ? strtol(grace_env, NULL, 10) : 1;
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += grace >= 1 && grace <= 60 ? grace : 1;
    while (sv->in_flight && pthread_cond_timedwait(&sv->idle, &sv->lock, &until) == 0)
        ;
    int abandoned = sv->handling;
    sv->closing = 1;
    pthread_mutex_unlock(&sv->lock);
    if (abandoned) {
        /* a request still computing after a second: leave it, and everything
         * it holds, to the end of the process (a review write is atomic) */
        fprintf(stderr,
                "claimtrack: serve: stopped (%s); a request still running after the grace "
                "period was abandoned\n",
                name);
        fflush(stderr);
        _exit(CT_EXIT_USAGE);
    }
    MHD_stop_daemon(d); /* closes the connections still open: idle or slow */
    if (listen_fd != MHD_INVALID_SOCKET)
        close(listen_fd);
    return name;
}

int ct_cmd_serve(int argc, char **argv)
{
    static const struct option longopts[] = {{"port", required_argument, NULL, 'p'},
                                             {"bind", required_argument, NULL, 'b'},
                                             {"reviews", required_argument, NULL, 'r'},
                                             {"help", no_argument, NULL, 'h'},
                                             {0, 0, 0, 0}};
    const char *port = "8765", *bind_addr = "127.0.0.1", *reviews = NULL;
    int ch;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":p:h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'p': port = optarg; break;
        case 'b': bind_addr = optarg; break;
        case 'r': reviews = optarg; break;
        case 'h': return ct_cli_print_help("serve");
        default: return ct_cli_bad_option("serve", ch, argv[optind - 1]);
        }
    }
    if (!valid_port(port))
        return ct_cli_usage_error("serve", "--port expects a number from 0 to 65535, got '%s'",
                                  port);
    char **paths = argv + optind;
    int n_paths = argc - optind;
    /* the corpus must load once before serving: its errors go to stderr now */
    ct_corpus *corpus;
    ct_conflict_set *set;
    int status = ct_cli_analyse(&corpus, &set, paths, n_paths, NULL);
    if (status)
        return status;
    ct_conflict_set_free(set);
    ct_corpus_free(corpus);
    char *reviews_path = ct_cli_reviews_path(reviews, paths, n_paths);
    char token[33], login[33], session[33];
    if (!reviews_path || make_token(token) < 0 || make_token(login) < 0 ||
        make_token(session) < 0) {
        fprintf(stderr, "claimtrack: serve: %s\n",
                reviews_path ? "no random bytes for the token" : "out of memory");
        ct_free(reviews_path);
        return CT_EXIT_USAGE;
    }
    unsigned bound = 0;
    int fd = listen_on(bind_addr, port, &bound);
    if (fd < 0) {
        ct_free(reviews_path);
        return CT_EXIT_USAGE;
    }
    /* SIGINT, SIGTERM and SIGHUP are taken by sigwait below, never delivered
     * to the server thread (which inherits this mask) in the middle of a write */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    ct_serve_config cfg = {paths,     n_paths, reviews_path,
                           bind_addr, bound,   token,
                           login,     session, getenv("CLAIMTRACK_SERVE_DATE")};
    server sv = {NULL, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0};
    struct MHD_Daemon *d = NULL;
    if (ct_serve_new(&sv.app, &cfg) == 0)
        d = MHD_start_daemon(
            MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_ITC, 0, NULL, NULL, answer,
            &sv, MHD_OPTION_LISTEN_SOCKET, fd, MHD_OPTION_NOTIFY_COMPLETED, completed, &sv,
            MHD_OPTION_CONNECTION_TIMEOUT, SERVE_IDLE_SECONDS, MHD_OPTION_CONNECTION_LIMIT,
            SERVE_CONNECTIONS, MHD_OPTION_PER_IP_CONNECTION_LIMIT, SERVE_PER_IP, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "claimtrack: serve: cannot start the HTTP server\n");
        close(fd);
        ct_serve_free(sv.app);
        ct_free(reviews_path);
        return CT_EXIT_USAGE;
    }
    int v6 = strchr(bind_addr, ':') != NULL;
    fprintf(stderr, "claimtrack: serving at http://%s%s%s:%u/ (Ctrl-C stops)\n", v6 ? "[" : "",
            bind_addr, v6 ? "]" : "", bound);
    fprintf(stderr,
            "claimtrack: log in with http://%s%s%s:%u/login?token=%s (the link works once)\n",
            v6 ? "[" : "", bind_addr, v6 ? "]" : "", bound, login);
    int sig = 0;
    while (sigwait(&stop, &sig) != 0)
        ;
    const char *name = stop_server(&sv, d, sig);
    fprintf(stderr, "claimtrack: serve: stopped (%s)\n", name);
    ct_serve_free(sv.app);
    ct_free(reviews_path);
    return CT_EXIT_OK;
}
