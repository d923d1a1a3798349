/*
 * jsonl.c - JSONL claim files, one claim per line, serial or in parallel.
 *
 * Big files are parsed and validated by worker threads in batches of lines;
 * claims are loaded in file order so results match the serial path.
 */
#include "claimtrack/common.h"
#include "corpus_int.h"
#include "embedded.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void report_progress(ct_load_ctx *l, FILE *f, long long total)
{
    if (l->opts && l->opts->progress)
        l->opts->progress(l->file, (long long)ftello(f), total, l->c->n_claims,
                          l->opts->progress_payload);
}

int ct_corpus__load_jsonl(ct_load_ctx *l, const char *path)
{
    FILE *f;
    char *text;
    size_t len;
    int rc = ct_corpus__read_input(l, path, &text, &len, &f);
    if (rc != 0)
        return rc == 1 ? 0 : rc;
    if (f)
        return ct_corpus__load_jsonl_stream(l, f, path);
    /* a pipe or FIFO given by name: read whole (up to the limit) */
    if (!len) {
        ct_free(text);
        return 0;
    }
    if (!(f = fmemopen(text, len, "rb"))) {
        ct_free(text);
        ct_corpus__note(l, CT_ENOMEM);
        return CT_ENOMEM;
    }
    rc = ct_corpus__load_jsonl_stream(l, f, path);
    ct_free(text);
    return rc;
}

/* A claim read without a DOM (claimline.c): its topic, then the claim. */
static int load_claim_text(ct_load_ctx *l, const ct_claim_text *ct, int lineno)
{
    size_t ti;
    int rc;
    if (!ct_corpus__topic_find(l->c, ct->topic, &ti))
        rc = ct_corpus__error(l, "/topic", lineno, "unknown topic \"%s\" (claim %s)", ct->topic,
                              ct->id);
    else
        rc = ct_corpus__load_claim_text(l, ct, ti, "", lineno);
    return rc == CT_ENOMEM ? rc : 0;
}

/* One JSONL line.  `ready`, when not NULL, is the line already parsed and
 * found valid by a worker thread, which keeps it and frees it (memory goes
 * back to the thread that allocated it); otherwise the line is parsed and
 * validated here, with every diagnostic. */
static int load_jsonl_line(ct_load_ctx *l, ct_schema *schema, const char *line, size_t k,
                           int lineno, json_t *ready, const ct_claim_text *fast)
{
    ct_corpus *c = l->c;
    int rc = 0;
    if (fast)
        return load_claim_text(l, fast, lineno);
    if (!ready) {
        /* most claims: read without a DOM; the rest below, as always */
        char small[4096], *scratch = k + 16 <= sizeof small ? small : ct_malloc(k + 16);
        ct_claim_text ct;
        if (!scratch) {
            ct_corpus__note(l, CT_ENOMEM);
            return CT_ENOMEM;
        }
        int taken = ct_corpus__claim_read(&ct, line, k, scratch, k + 16, 1, NULL);
        if (taken)
            rc = load_claim_text(l, &ct, lineno);
        if (scratch != small)
            ct_free(scratch);
        if (taken)
            return rc;
    }
    json_t *obj = ready;
    int ints_as_reals = 0;
    if (!obj) {
        json_error_t err = {0}; /* jansson leaves it unset when an allocation fails */
        if ((rc = ct_corpus__check_nul(l, line, k, lineno - 1)) < 0)
            return rc == CT_ENOMEM ? rc : 0;
        obj = ct_jnum__parse(line, k, CT_JSON_LOAD_FLAGS, &err, &ints_as_reals);
        if (!obj) {
            err.line = 0; /* one line: report the file's line */
            rc = ct_corpus__parse_error(l, &err, lineno);
            return rc == CT_ENOMEM ? rc : 0;
        }
        rc = ct_schema_validate(schema, "/$defs/jsonlClaim", obj, l->file, "", NULL);
        if (rc == CT_EINVALID)
            rc = 1; /* invalid: reported below */
    }
    if (rc >= 0 && ct_corpus__may_hold_control(line, k)) {
        /* NUL and control characters: the claim is refused */
        int bad = ct_corpus__check_document(l, obj, lineno);
        if (bad) {
            if (!ready)
                json_decref(obj);
            return bad == CT_ENOMEM ? bad : 0;
        }
    }
    if (rc > 0) {
        /* rerun with diagnostics, each one located by line */
        ct_diag_list local = CT_DIAG_LIST_INIT;
        rc = ct_schema_validate(schema, "/$defs/jsonlClaim", obj, l->file, "", &local);
        if (rc == CT_EINVALID)
            rc = 0; /* as expected: the diagnostics follow */
        for (size_t d = 0; rc >= 0 && d < local.count; d++)
            if (ct_diag_add(l->diags, CT_DIAG_ERROR, l->file, lineno, 0, local.items[d].pointer,
                            "%s", local.items[d].message) < 0)
                rc = CT_ENOMEM;
        if (local.oom)
            rc = CT_ENOMEM;
        ct_diag_list_dispose(&local);
        if (rc >= 0) {
            ct_corpus__note(l, CT_EINVALID);
            rc = 0;
        }
    } else if (rc == 0 &&
               (rc = ct_corpus__exact_numbers(l, &obj, line, k, ints_as_reals, lineno)) < 0) {
        /* (a worker's tree is still the one it keeps: marking only swaps members) */
        if (!ready)
            json_decref(obj);
        return rc == CT_ENOMEM ? rc : 0;
    } else if (rc == 0) {
        size_t ti;
        const char *topic = json_string_value(json_object_get(obj, "topic"));
        if (!ct_corpus__topic_find(c, topic, &ti))
            rc = ct_corpus__error(l, "/topic", lineno, "unknown topic \"%s\" (claim %s)", topic,
                                  json_string_value(json_object_get(obj, "id")));
        else
            rc = ct_corpus__load_claim(l, obj, ti, "", lineno);
    }
    if (!ready)
        json_decref(obj);
    return rc == CT_ENOMEM ? rc : 0;
}

static size_t trim_line(const char *line, size_t n)
{
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' ' ||
                 line[n - 1] == '\t'))
        n--;
    return n;
}

/*
 * Parallel JSONL: the reading thread cuts the file into batches of lines;
 * worker threads parse and validate whole batches, each with its own compiled
 * schema; the reading thread loads the claims of each finished batch in file
 * order, so results and diagnostics are the same as with one thread.
 * Lines a worker could not parse or validate are redone by the loader, which
 * then reports them exactly as the single-threaded path does.
 */
#ifndef BATCH_LINES
#define BATCH_LINES 512
#endif
#define RING 8

enum { SLOT_EMPTY, SLOT_FILLED, SLOT_WORKING, SLOT_DONE };

typedef struct {
    int state;
    int first_lineno;
    size_t n;   /* lines in the batch */
    char *text; /* the lines, back to back */
    size_t text_len, text_cap;
    size_t offset[BATCH_LINES + 1];
    int lineno[BATCH_LINES];
    json_t *doc[BATCH_LINES]; /* parsed and valid, or NULL */
    ct_claim_text claim[BATCH_LINES];
    unsigned char fast[BATCH_LINES]; /* claim[i] was read without a DOM */
    char *scratch;                   /* its decoded strings: line i's at offset[i] + 16 i */
    size_t scratch_cap;
} batch;

typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    batch ring[RING];
    size_t filled; /* batches filled so far */
    int jobs;
    int stop;
} pipeline;

typedef struct {
    pipeline *p;
    int index; /* this worker parses the slots with slot % jobs == index */
} worker_arg;

static void free_docs(batch *b)
{
    for (size_t i = 0; i < BATCH_LINES; i++) {
        json_decref(b->doc[i]);
        b->doc[i] = NULL;
    }
}

static void *jsonl_worker(void *arg)
{
    pipeline *p = ((worker_arg *)arg)->p;
    int index = ((worker_arg *)arg)->index;
    size_t next = (size_t)index; /* sequence numbers of this worker's batches */
    ct_schema *schema = NULL;
    json_error_t err = {0}; /* jansson leaves it unset when an allocation fails */
    json_t *doc = json_loadb(ct_embedded__topic_schema, ct_embedded__topic_schema_len, 0, &err);
    if (doc)
        ct_schema_new(&schema, doc, NULL);
    json_decref(doc);
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->stop && (next >= p->filled || p->ring[next % RING].state != SLOT_FILLED))
            pthread_cond_wait(&p->changed, &p->lock);
        if (p->stop)
            break;
        batch *b = &p->ring[next % RING];
        next += (size_t)p->jobs;
        b->state = SLOT_WORKING;
        pthread_mutex_unlock(&p->lock);
        free_docs(b); /* what this worker parsed into the slot last time round */
        for (size_t i = 0; i < b->n; i++) {
            const char *line = b->text + b->offset[i];
            size_t k = b->offset[i + 1] - b->offset[i];
            char *scratch = b->scratch + b->offset[i] + 16 * i;
            b->fast[i] = (unsigned char)(schema && ct_corpus__claim_read(&b->claim[i], line, k,
                                                                         scratch, k + 16, 1, NULL));
            if (b->fast[i]) {
                b->doc[i] = NULL;
                continue;
            }
            json_t *obj = schema && !memchr(line, '\0', k)
                              ? json_loadb(line, k, CT_JSON_LOAD_FLAGS, NULL)
                              : NULL;
            if (obj && ct_schema_validate(schema, "/$defs/jsonlClaim", obj, NULL, "", NULL) != 0) {
                json_decref(obj);
                obj = NULL;
            }
            b->doc[i] = obj;
        }
        pthread_mutex_lock(&p->lock);
        b->state = SLOT_DONE;
        pthread_cond_broadcast(&p->changed);
    }
    pthread_mutex_unlock(&p->lock);
    /* free what this worker left in its slots */
    for (size_t slot = (size_t)index; slot < RING; slot += (size_t)p->jobs)
        free_docs(&p->ring[slot]);
    ct_schema_free(schema);
    return NULL;
}

static void stop_workers(pipeline *p, pthread_t *threads, int started)
{
    pthread_mutex_lock(&p->lock);
    p->stop = 1;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
    for (int i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
}

static int batch_add(batch *b, const char *line, size_t k, int lineno)
{
    if (b->text_len + k > b->text_cap) {
        size_t cap = b->text_cap ? b->text_cap : 64 * 1024;
        while (cap < b->text_len + k)
            cap *= 2;
        char *t = ct_realloc(b->text, cap);
        if (!t)
            return CT_ENOMEM;
        b->text = t;
        b->text_cap = cap;
    }
    size_t need = b->text_cap + 16 * BATCH_LINES;
    if (b->scratch_cap < need) {
        char *t = ct_realloc(b->scratch, need);
        if (!t)
            return CT_ENOMEM;
        b->scratch = t;
        b->scratch_cap = need;
    }
    memcpy(b->text + b->text_len, line, k);
    b->offset[b->n] = b->text_len;
    b->text_len += k;
    b->offset[b->n + 1] = b->text_len;
    b->lineno[b->n++] = lineno;
    return 0;
}

static int load_jsonl_parallel(ct_load_ctx *l, ct_schema *schema, FILE *f, int jobs,
                               long long total)
{
    pipeline *p = ct_calloc(1, sizeof *p);
    if (!p)
        return CT_ENOMEM;
    pthread_t threads[RING];
    worker_arg args[RING];
    int started = 0, rc = 0;
    /* a slot belongs to one worker, so it frees what it allocated */
    p->jobs = jobs < RING ? jobs : RING;
    while (RING % p->jobs)
        p->jobs--;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->changed, NULL);
    json_decref(json_object()); /* jansson seeds its hash function on first use: do it here */
    for (; started < p->jobs; started++) {
        args[started].p = p;
        args[started].index = started;
        if (pthread_create(&threads[started], NULL, jsonl_worker, &args[started]) != 0)
            break;
    }
    if (started < p->jobs) {
        /* a worker could not start: stop the others, read on one thread */
        stop_workers(p, threads, started);
        started = 0;
        p->stop = 0;
    }
    char *line = NULL;
    size_t cap = 0, loaded = 0;
    int lineno = 0, eof = 0;
    while (rc == 0 && (!eof || loaded < p->filled)) {
        pthread_mutex_lock(&p->lock);
        /* fill free slots while the input lasts */
        while (!eof && p->filled - loaded < RING) {
            batch *b = &p->ring[p->filled % RING];
            pthread_mutex_unlock(&p->lock);
            b->n = 0;
            b->text_len = 0;
            ssize_t n;
            while (rc == 0 && b->n < BATCH_LINES && (n = getline(&line, &cap, f)) >= 0) {
                size_t k = trim_line(line, (size_t)n);
                size_t skip = ++lineno == 1 ? ct_corpus__bom_length(line, k) : 0;
                if (k > skip)
                    rc = batch_add(b, line + skip, k - skip, lineno);
            }
            if (b->n < BATCH_LINES)
                eof = 1;
            pthread_mutex_lock(&p->lock);
            if (rc < 0)
                break;
            b->state = SLOT_FILLED;
            p->filled++;
            pthread_cond_broadcast(&p->changed);
        }
        if (rc < 0 || loaded == p->filled) {
            pthread_mutex_unlock(&p->lock);
            break;
        }
        batch *b = &p->ring[loaded % RING];
        while (b->state != SLOT_DONE && started > 0)
            pthread_cond_wait(&p->changed, &p->lock);
        pthread_mutex_unlock(&p->lock);
        for (size_t i = 0; i < b->n && rc == 0; i++)
            rc = load_jsonl_line(l, schema, b->text + b->offset[i], b->offset[i + 1] - b->offset[i],
                                 b->lineno[i], b->doc[i], b->fast[i] ? &b->claim[i] : NULL);
        report_progress(l, f, total);
        pthread_mutex_lock(&p->lock);
        b->state = SLOT_EMPTY;
        loaded++;
        pthread_mutex_unlock(&p->lock);
    }
    stop_workers(p, threads, started);
    for (size_t i = 0; i < RING; i++) {
        free_docs(&p->ring[i]); /* none left unless no worker ran */
        ct_free(p->ring[i].text);
        ct_free(p->ring[i].scratch);
    }
    pthread_cond_destroy(&p->changed);
    pthread_mutex_destroy(&p->lock);
    ct_free(p);
    free(line);
    return started == 0 && rc == 0 ? 1 : rc; /* 1: no thread could start */
}

/* Read claims line by line: memory stays bounded by the longest line. */
int ct_corpus__load_jsonl_stream(ct_load_ctx *l, FILE *f, const char *path)
{
    ct_schema *schema;
    int rc = ct_corpus__schema(l->c, 0, &schema);
    if (rc < 0) {
        fclose(f);
        return rc;
    }
    int jobs = l->opts ? l->opts->jobs : 1;
    struct stat st;
    long long total = fstat(fileno(f), &st) == 0 ? (long long)st.st_size : 0;
    /* threads pay off on big inputs only */
    if (jobs > 1 && total > (4 << 20))
        rc = load_jsonl_parallel(l, schema, f, jobs, total);
    else
        rc = 1;
    if (rc == 1) {
        char *line = NULL;
        size_t cap = 0;
        ssize_t n;
        int lineno = 0;
        rc = 0;
        while (rc == 0 && (n = getline(&line, &cap, f)) >= 0) {
            size_t k = trim_line(line, (size_t)n);
            size_t skip = ++lineno == 1 ? ct_corpus__bom_length(line, k) : 0;
            if (k > skip)
                rc = load_jsonl_line(l, schema, line + skip, k - skip, lineno, NULL, NULL);
            if (lineno % 4096 == 0)
                report_progress(l, f, total);
        }
        free(line);
    }
    int err = ferror(f);
    fclose(f);
    if (rc == CT_ENOMEM) {
        ct_corpus__note(l, rc);
        return rc;
    }
    if (err) {
        rc = ct_diag_add(l->diags, CT_DIAG_ERROR, path, 0, 0, NULL, "read error");
        ct_corpus__note(l, rc < 0 ? rc : CT_EIO);
        return CT_EIO;
    }
    return 0;
}
