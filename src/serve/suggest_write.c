/*
 * suggest_write.c - accepted drafts into their topic files: the claims are
 * inserted as text after the last claim of the file's "claims" (every other
 * byte kept), under the writers' lock of each file (ct_review_lock, as
 * reviews), re-read under it; the whole corpus is validated from memory with
 * the new texts, and only a valid result replaces the files, atomically.
 */
#include "serve/serve_int.h"

#include "claimtrack/common.h"
#include "claimtrack/corpus.h"
#include "claimtrack/fileio.h"
#include "claimtrack/review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t skip_ws(const char *p, size_t i, size_t n)
{
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r'))
        i++;
    return i;
}

static size_t skip_string(const char *p, size_t i, size_t n)
{
    for (i++; i < n && p[i] != '"'; i++)
        if (p[i] == '\\')
            i++;
    return i < n ? i + 1 : n;
}

static size_t skip_value(const char *p, size_t i, size_t n)
{
    if (i < n && p[i] == '"')
        return skip_string(p, i, n);
    if (i < n && (p[i] == '{' || p[i] == '[')) {
        size_t depth = 0;
        for (; i < n; i++) {
            if (p[i] == '"')
                i = skip_string(p, i, n) - 1;
            else if (p[i] == '{' || p[i] == '[')
                depth++;
            else if ((p[i] == '}' || p[i] == ']') && --depth == 0)
                return i + 1;
        }
        return n;
    }
    while (i < n && !strchr(",}] \t\r\n", p[i]))
        i++;
    return i;
}

/* Where the claims go in a topic file's text: *at (after the last claim, or
 * after the last member when there is no "claims"), and how: *mode 0 after a
 * claim, 1 into an empty array (*at after its '['; *close at its ']'), 2 a
 * new "claims" member.  *indent: the last claim's.  -1 when the text is not
 * one JSON object. */
static int find_claims(const char *p, size_t n, size_t *at, size_t *close, int *mode,
                       size_t *indent)
{
    size_t i = skip_ws(p, 0, n), members = 0;
    if (i >= n || p[i] != '{')
        return -1;
    *at = ++i;
    *mode = 2;
    *indent = 4;
    while ((i = skip_ws(p, i, n)) < n && p[i] == '"') {
        size_t k = i, kend = skip_string(p, i, n);
        i = skip_ws(p, kend, n);
        if (i >= n || p[i] != ':')
            return -1;
        size_t v = skip_ws(p, i + 1, n);
        i = skip_value(p, v, n);
        *at = i;
        members++;
        if (i - v >= 2 && p[v] == '[' && kend - k == 8 && memcmp(p + k, "\"claims\"", 8) == 0) {
            *close = i - 1;
            size_t e = skip_ws(p, v + 1, n), last = e;
            if (e >= i - 1) {
                *mode = 1;
                *at = v + 1;
                return 0;
            }
            *mode = 0;
            while (e < i - 1) {
                last = e;
                *at = skip_value(p, e, n);
                e = skip_ws(p, *at, n);
                if (e >= n || p[e] != ',')
                    break;
                e = skip_ws(p, e + 1, n);
            }
            size_t b = last;
            while (b > 0 && (p[b - 1] == ' ' || p[b - 1] == '\t'))
                b--;
            *indent = b > 0 && p[b - 1] == '\n' ? last - b : 4;
            return 0;
        }
        i = skip_ws(p, i, n);
        if (i < n && p[i] == ',')
            i++;
    }
    if (i >= n || p[i] != '}')
        return -1;
    if (members == 0)
        *mode = 3; /* an empty object: no comma before "claims" */
    return 0;
}

/* The topic file's text with `lines` (claims, one a line) appended to its
 * claims; new, NULL when out of memory or *bad when it is not one object. */
static char *insert_claims(const char *p, size_t n, const char *lines, size_t *out_len, int *bad)
{
    size_t at = 0, close = 0, indent = 4;
    int mode = 0;
    if (find_claims(p, n, &at, &close, &mode, &indent) < 0) {
        *bad = 1;
        return NULL;
    }
    page o;
    if (ct_serve__page_open(&o) < 0)
        return NULL;
    fwrite(p, 1, at, o.fp);
    if (mode >= 2)
        fputs(mode == 2 ? ",\n  \"claims\": [" : "\n  \"claims\": [", o.fp);
    int first = mode != 0;
    for (const char *l = lines; *l;) {
        const char *nl = strchr(l, '\n');
        fprintf(o.fp, "%s\n%*s%.*s", first ? "" : ",", (int)(mode ? 4 : indent), "", (int)(nl - l),
                l);
        first = 0;
        l = nl + 1;
    }
    if (mode == 1) {
        fputs("\n  ", o.fp);
        at = close;
    } else if (mode >= 2) {
        fputs("\n  ]", o.fp);
        if (mode == 3)
            fputs("\n", o.fp);
    }
    fwrite(p + at, 1, n - at, o.fp);
    int failed = ferror(o.fp);
    failed |= fclose(o.fp) != 0;
    if (failed || !o.buf) {
        free(o.buf);
        return NULL;
    }
    char *out = ct_malloc(o.len + 1);
    if (out)
        memcpy(out, o.buf, o.len + 1);
    *out_len = o.len;
    free(o.buf);
    return out;
}

/* One file of the corpus to replace: its new text. */
typedef struct {
    const ct_topic *topic;
    const char *lines; /* the claims to add, one a line */
    int lock;
    char *text; /* the new text */
    size_t len;
} target;

static const target *target_of(const target *t, size_t n, const char *file)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(t[i].topic->file, file) == 0)
            return &t[i];
    return NULL;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Pass 0: files declaring sources; 1: other JSON and XML; 2: JSONL. */
static int load_pass(const ct_corpus *corpus, const char *file)
{
    if (ends_with(file, ".jsonl"))
        return 2;
    size_t ns;
    const ct_source *src = ct_corpus_sources(corpus, &ns);
    for (size_t i = 0; i < ns; i++)
        if (src[i].file && strcmp(src[i].file, file) == 0)
            return 0;
    return ends_with(file, "sources.json") ? 0 : 1;
}

/* Load every file of the served corpus, the targets' from their new texts,
 * in the loader's order (sources, topics, JSONL).  0 valid, 1 invalid (the
 * errors on errs), CT_ENOMEM. */
static int validate(const ct_corpus *corpus, const target *t, size_t n_t, FILE *errs)
{
    ct_corpus *c;
    if (ct_corpus_new(&c) < 0)
        return CT_ENOMEM;
    size_t nf;
    const char *const *files = ct_corpus_files(corpus, &nf);
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    ct_corpus_options opts = CT_CORPUS_OPTIONS_INIT;
    int worst = 0;
    for (int pass = 0; pass < 3 && worst != CT_ENOMEM; pass++)
        for (size_t i = 0; i < nf && worst != CT_ENOMEM; i++) {
            if (load_pass(corpus, files[i]) != pass)
                continue;
            const target *tg = target_of(t, n_t, files[i]);
            char *text = NULL;
            size_t len = 0;
            int rc = tg ? 0 : ct_file_read(&text, &len, files[i]);
            if (rc == 0)
                rc = ct_corpus_load_memory(c, files[i], tg ? tg->text : text, tg ? tg->len : len,
                                           &opts, &diags);
            else if (rc != CT_ENOMEM)
                fprintf(errs, "%s: cannot read\n", files[i]);
            ct_free(text);
            if (rc < 0 && (worst == 0 || rc == CT_ENOMEM))
                worst = rc;
        }
    for (size_t i = 0; i < diags.count && worst != CT_ENOMEM; i++) {
        if (diags.items[i].level != CT_DIAG_ERROR)
            continue;
        char *line = ct_diag_format(&diags.items[i]);
        if (line)
            fprintf(errs, "%s\n", line);
        ct_free(line);
    }
    ct_diag_list_dispose(&diags);
    ct_corpus_free(c);
    return worst == CT_ENOMEM ? CT_ENOMEM : worst < 0 ? 1 : 0;
}

/* Lock, re-read and build the new text of target t.  0, 1 (errs says why),
 * CT_ENOMEM. */
static int prepare(target *t, FILE *errs)
{
    const char *file = t->topic->file;
    if (!ends_with(file, ".json")) {
        fprintf(errs, "%s: topic %s is not in a JSON topic file: add its claims by hand\n", file,
                t->topic->id);
        return 1;
    }
    if ((t->lock = ct_review_lock(file)) < 0) {
        fprintf(errs, "%s: cannot lock it\n", file);
        return t->lock == CT_ENOMEM ? CT_ENOMEM : 1;
    }
    char *resolved = ct_path_resolve(file);
    if (!resolved)
        return CT_ENOMEM;
    ct_review_remove_stale_temporaries(resolved);
    ct_free(resolved);
    char *old = NULL;
    size_t len = 0;
    int rc = ct_file_read(&old, &len, file);
    if (rc < 0) {
        if (rc != CT_ENOMEM)
            fprintf(errs, "%s: cannot read it\n", file);
        return rc == CT_ENOMEM ? CT_ENOMEM : 1;
    }
    int bad = 0;
    t->text = insert_claims(old, len, t->lines, &t->len, &bad);
    ct_free(old);
    if (bad)
        fprintf(errs, "%s: not one JSON object\n", file);
    return bad ? 1 : t->text ? 0 : CT_ENOMEM;
}

static int commit(const target *t, FILE *errs)
{
    ct_atomic_file af;
    int rc = ct_atomic_open(&af, t->topic->file);
    if (rc == 0) {
        if (fwrite(t->text, 1, t->len, af.fp) != t->len) {
            ct_atomic_abort(&af);
            rc = CT_EIO;
        } else {
            rc = ct_atomic_commit(&af);
        }
    }
    if (rc < 0)
        fprintf(errs, "%s: cannot write it\n", t->topic->file);
    return rc;
}

int ct_serve__append_claims(ct_serve *s, const size_t *topics, const char *const *lines, size_t n,
                            FILE *errs)
{
    size_t nt;
    const ct_topic *tp = ct_corpus_topics(s->corpus, &nt);
    target *t = ct_calloc(n ? n : 1, sizeof *t);
    if (!t)
        return CT_ENOMEM;
    int rc = 0;
    size_t locked = 0;
    for (size_t i = 0; i < n && rc == 0; i++, locked++) { /* in topic order: no deadlock */
        t[i].topic = &tp[topics[i]];
        t[i].lines = lines[i];
        t[i].lock = -1;
        rc = prepare(&t[i], errs);
    }
    if (rc == 0)
        rc = validate(s->corpus, t, n, errs);
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = commit(&t[i], errs);
    for (size_t i = 0; i < locked; i++) {
        if (t[i].lock >= 0)
            ct_review_unlock(t[i].lock);
        ct_free(t[i].text);
    }
    ct_free(t);
    return rc;
}
