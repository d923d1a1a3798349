/* fuzz_http.c - request parsing and routing of `claimtrack serve`: the
 * query and form decoders, the JSON review body, the Host/Origin/token checks
 * and every page (the Suggest page's drafts and accepts included), against a
 * small corpus in a temporary folder.
 *
 * Input: "METHOD PATH[?QUERY]\n", header lines "Name: value\n" (Host, Origin,
 * X-Claimtrack-Token, Content-Type, Cookie), an empty line, then the body.
 * The server's token is "t0ken", its login token "l0gin", its session cookie
 * claimtrack_session_8765=s3ssion, its address 127.0.0.1:8765. */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "serve/serve_app.h"

static char fuzz_dir[] = "/tmp/ct-fuzz-http-XXXXXX";
static ct_serve *fuzz_server;

static void fuzz_cleanup(void)
{
    static const char *const names[] = {"sources.json", "t.json", "reviews.json",
                                        "reviews.json.lock", "t.json.lock"};
    char path[256];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", fuzz_dir, names[i]);
        unlink(path);
    }
    rmdir(fuzz_dir);
    ct_serve_free(fuzz_server);
}

static void put_file(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", fuzz_dir, name);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static ct_serve *server(void)
{
    if (fuzz_server || !mkdtemp(fuzz_dir))
        return fuzz_server;
    put_file("sources.json",
             "{\"sources\": {\"a\": {\"title\": \"A\", \"url\": \"https://a.example\"}, "
             "\"b\": {\"title\": \"B <b>\"}}}");
    put_file(
        "t.json",
        "{\"topic\": \"t\", \"title\": \"T\", \"subjects\": {\"s\": [\"the s\"]}, "
        "\"properties\": {\"n\": {\"type\": \"quantity\", \"cues\": [\"died\"]}, "
        "\"d\": {\"type\": \"date\"}, \"w\": {\"type\": \"term\", \"terms\": {\"x\": {}, \"y\": {}}}}, "
        "\"claims\": ["
        "{\"id\": \"c1\", \"subject\": \"s\", \"property\": \"n\", \"value\": 3, \"source\": \"a\", \"quote\": \"three\"},"
        "{\"id\": \"c2\", \"subject\": \"s\", \"property\": \"n\", \"value\": {\"min\": 5}, \"source\": \"b\", \"quote\": \"<script>\"},"
        "{\"id\": \"c3\", \"subject\": \"s\", \"property\": \"d\", \"value\": \"2020\", \"source\": \"a\", \"quote\": \"q\"},"
        "{\"id\": \"c4\", \"subject\": \"s\", \"property\": \"d\", \"value\": \"2021-02\", \"source\": \"b\", \"quote\": \"q\"},"
        "{\"id\": \"c5\", \"subject\": \"s\", \"property\": \"w\", \"value\": \"x\", \"source\": \"a\", \"quote\": \"q\", \"claimant\": \"C\"},"
        "{\"id\": \"c6\", \"subject\": \"s\", \"property\": \"w\", \"value\": \"y\", \"source\": \"b\", \"quote\": \"q\", \"hedge\": \"h\"}]}");
    char reviews[256];
    snprintf(reviews, sizeof reviews, "%s/reviews.json", fuzz_dir);
    char *paths[] = {fuzz_dir};
    ct_serve_config cfg = {paths,   1,       reviews,   "127.0.0.1", 8765,
                           "t0ken", "l0gin", "s3ssion", "2026-01-01"};
    if (ct_serve_new(&fuzz_server, &cfg) == 0)
        atexit(fuzz_cleanup);
    return fuzz_server;
}

/* The next line of [*p, end) as a new string (without "\r\n"). */
static char *next_line(const char **p, const char *end)
{
    const char *nl = memchr(*p, '\n', (size_t)(end - *p));
    const char *stop = nl ? nl : end;
    size_t n = (size_t)(stop - *p);
    if (n && (*p)[n - 1] == '\r')
        n--;
    char *line = ct_strndup(*p, n);
    *p = nl ? nl + 1 : end;
    return line;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ct_alloc_setup_jansson();
    ct_serve *s = server();
    if (!s)
        return 0;
    const char *p = (const char *)data, *end = p + size;
    char *first = next_line(&p, end);
    if (!first)
        return 0;
    char *sp = strchr(first, ' ');
    char *path = sp ? sp + 1 : first + strlen(first);
    if (sp)
        *sp = '\0';
    char *q = strchr(path, '?');
    if (q)
        *q++ = '\0';
    char *headers[5] = {NULL, NULL, NULL, NULL, NULL};
    static const char *const names[5] = {
        "host: ", "origin: ", "x-claimtrack-token: ", "content-type: ", "cookie: "};
    for (;;) {
        if (p >= end)
            break;
        char *line = next_line(&p, end);
        if (!line || !*line) {
            ct_free(line);
            break;
        }
        int kept = 0;
        for (int i = 0; i < 5 && !kept; i++)
            if (strncasecmp(line, names[i], strlen(names[i])) == 0 && !headers[i]) {
                headers[i] = ct_strdup(line + strlen(names[i]));
                kept = 1;
            }
        ct_free(line);
    }
    size_t body_len = (size_t)(end - p), max = ct_serve_body_max(path);
    ct_serve_request req = {
        first,         path,       q,          headers[0], headers[1],
        headers[2],    headers[3], headers[4], p,          body_len > max ? max : body_len,
        body_len > max};
    ct_serve_response res;
    ct_serve_handle(s, &req, &res);
    if (res.status < 200 || res.status > 599 || (res.len && !res.body))
        abort();
    ct_serve_response_clear(&res);
    for (int i = 0; i < 5; i++)
        ct_free(headers[i]);
    ct_free(first);
    return 0;
}
