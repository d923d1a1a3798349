/*
 * stream.c - dump a JSON document whose big arrays are made one element at a
 * time, so that a report of a million claims never holds its whole tree.
 *
 * The document is built with each big array holding one marker string; it
 * is dumped as usual (it is small), and where a marker stands the elements
 * are written instead, each dumped alone and indented to the marker's depth.
 * The text is exactly what json_dumpf gives for the whole tree with
 * JSON_INDENT(2) | JSON_PRESERVE_ORDER.
 */
#include "value/jnum.h"
#include "report_int.h"
#include "claimtrack/common.h"

#include <stdio.h>
#include <string.h>

#define MARKER_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER)

/* The marker of part k as the dump writes it: control characters never get
 * into a corpus, so no value of the report reads like this. */
static void marker_text(size_t k, char *buf, size_t n)
{
    snprintf(buf, n, "\"\\u0001claimtrack-stream-%zu\\u0001\"", k);
}

/* Output through a buffer of its own: an element is written in many small
 * pieces, and one fwrite per piece would cost more than the piece. */
typedef struct {
    FILE *out;
    size_t n;
    int failed;
    char buf[1 << 16];
} tree_writer;

static void put(tree_writer *w, const char *s, size_t n)
{
    if (n > sizeof w->buf - w->n) {
        if (w->n && fwrite(w->buf, 1, w->n, w->out) != w->n)
            w->failed = 1;
        w->n = 0;
        if (n > sizeof w->buf) {
            if (fwrite(s, 1, n, w->out) != n)
                w->failed = 1;
            return;
        }
    }
    memcpy(w->buf + w->n, s, n);
    w->n += n;
}

static void flush(tree_writer *w)
{
    if (w->n && fwrite(w->buf, 1, w->n, w->out) != w->n)
        w->failed = 1;
    w->n = 0;
}

/* A line break and `spaces` spaces. */
static void newline(tree_writer *w, size_t spaces)
{
    static const char blank[] =
        "\n                                                                ";
    put(w, "\n", 1);
    while (spaces) {
        size_t k = spaces < sizeof blank - 2 ? spaces : sizeof blank - 2;
        put(w, blank + 1, k);
        spaces -= k;
    }
}

/* A string as jansson writes it without flags: '"', '\\' and control
 * characters escaped, the rest (UTF-8 included) as it is. */
static void put_string(tree_writer *w, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    put(w, "\"", 1);
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        put(w, s + run, i - run);
        run = i + 1;
        char esc[6] = {'\\', 0};
        size_t k = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default:
            memcpy(esc + 1, "u00", 3);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            k = 6;
        }
        put(w, esc, k);
    }
    put(w, s + run, n - run);
    put(w, "\"", 1);
}

/* `v` as json_dumps writes it with JSON_INDENT(2) | JSON_PRESERVE_ORDER |
 * JSON_ENCODE_ANY, each line after the first indented by `spaces` more, and
 * exact numbers (value/jnum.h) as their bare literals: what ct_jnum__dumps
 * then the indenting gave, without the text in between. */
static int put_tree(tree_writer *w, const json_t *v, size_t spaces)
{
    char num[64];
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        if (json_object_size(v) == 0) {
            put(w, "{}", 2);
            break;
        }
        put(w, "{", 1);
        const char *key;
        json_t *m;
        size_t i = 0;
        json_object_foreach((json_t *)v, key, m)
        {
            if (i++)
                put(w, ",", 1);
            newline(w, spaces + 2);
            put_string(w, key, strlen(key));
            put(w, ": ", 2);
            if (put_tree(w, m, spaces + 2) < 0)
                return CT_ENOMEM;
        }
        newline(w, spaces);
        put(w, "}", 1);
        break;
    }
    case JSON_ARRAY: {
        size_t n = json_array_size(v);
        if (n == 0) {
            put(w, "[]", 2);
            break;
        }
        put(w, "[", 1);
        for (size_t i = 0; i < n; i++) {
            if (i)
                put(w, ",", 1);
            newline(w, spaces + 2);
            if (put_tree(w, json_array_get(v, i), spaces + 2) < 0)
                return CT_ENOMEM;
        }
        newline(w, spaces);
        put(w, "]", 1);
        break;
    }
    case JSON_STRING:
        if (ct_jnum__is_exact(v))
            put(w, json_string_value(v) + 1, json_string_length(v) - 1);
        else
            put_string(w, json_string_value(v), json_string_length(v));
        break;
    case JSON_INTEGER: {
        int k = snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        put(w, num, (size_t)k);
        break;
    }
    case JSON_REAL: { /* only trees a caller built hold one: jansson's own form */
        char *text = json_dumps(v, JSON_ENCODE_ANY);
        if (!text)
            return CT_ENOMEM;
        put(w, text, strlen(text));
        free(text);
        break;
    }
    case JSON_TRUE: put(w, "true", 4); break;
    case JSON_FALSE: put(w, "false", 5); break;
    default: put(w, "null", 4); break;
    }
    return 0;
}

/* ---- the direct writer (report_int.h) ---- */

struct ct_jw {
    size_t base; /* spaces before every line of the element after its first */
    size_t depth;
    int oom;
    struct {
        char close;   /* '}' or ']' */
        size_t count; /* members or elements written */
        json_t *node; /* a tree writer's container */
    } open[CT_JW_DEPTH];
    int tree;        /* builds trees instead of writing text */
    const char *key; /* a tree writer's member waiting for its value */
    tree_writer out; /* last: big */
};

/* A tree writer's new value `v` (taken) into the open container.  After a
 * failure nothing more is built. */
static void add(ct_jw *w, json_t *v)
{
    if (w->oom || !v || !w->depth) {
        json_decref(v);
        w->oom = 1;
        return;
    }
    json_t *parent = w->open[w->depth - 1].node;
    int rc = w->open[w->depth - 1].close == '}' ? json_object_set_new(parent, w->key, v)
                                                : json_array_append_new(parent, v);
    if (rc)
        w->oom = 1;
}

ct_jw *ct_jw__into(json_t *array)
{
    ct_jw *w = ct_calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->tree = 1;
    w->open[0].close = ']';
    w->open[0].node = array;
    w->depth = 1;
    return w;
}

int ct_jw__done(ct_jw *w)
{
    int rc = !w || w->oom || w->depth != 1 ? CT_ENOMEM : 0;
    ct_free(w);
    return rc;
}

/* Before a value: in an array, the separator and line break of an element
 * (a member's were written with its key). */
static void before_value(ct_jw *w)
{
    if (!w->depth || w->open[w->depth - 1].close != ']')
        return;
    if (w->open[w->depth - 1].count++)
        put(&w->out, ",", 1);
    newline(&w->out, w->base + 2 * w->depth);
}

static void open_container(ct_jw *w, char open, char close)
{
    json_t *node = NULL;
    if (w->tree) {
        node = open == '{' ? json_object() : json_array();
        add(w, json_incref(node));
        json_decref(node); /* the parent holds it now (or nothing does) */
    } else {
        before_value(w);
        put(&w->out, &open, 1);
    }
    if (w->depth == CT_JW_DEPTH) {
        w->oom = 1; /* deeper than any report goes */
        return;
    }
    w->open[w->depth].close = close;
    w->open[w->depth].count = 0;
    w->open[w->depth].node = w->oom ? NULL : node;
    w->depth++;
}

void ct_jw__object(ct_jw *w) { open_container(w, '{', '}'); }

void ct_jw__array(ct_jw *w) { open_container(w, '[', ']'); }

void ct_jw__end(ct_jw *w)
{
    if (!w->depth)
        return;
    w->depth--;
    if (w->tree)
        return;
    if (w->open[w->depth].count)
        newline(&w->out, w->base + 2 * w->depth);
    put(&w->out, &w->open[w->depth].close, 1);
}

void ct_jw__key(ct_jw *w, const char *key)
{
    if (w->tree) {
        w->key = key;
        return;
    }
    if (!w->depth)
        return;
    if (w->open[w->depth - 1].count++)
        put(&w->out, ",", 1);
    newline(&w->out, w->base + 2 * w->depth);
    put_string(&w->out, key, strlen(key));
    put(&w->out, ": ", 2);
}

void ct_jw__string(ct_jw *w, const char *s)
{
    if (w->tree)
        return add(w, json_string(s));
    before_value(w);
    put_string(&w->out, s, strlen(s));
}

void ct_jw__integer(ct_jw *w, long long v)
{
    char num[32];
    if (w->tree)
        return add(w, json_integer((json_int_t)v));
    before_value(w);
    int k = snprintf(num, sizeof num, "%lld", v);
    put(&w->out, num, (size_t)k);
}

void ct_jw__bool(ct_jw *w, int v)
{
    if (w->tree)
        return add(w, json_boolean(v));
    before_value(w);
    put(&w->out, v ? "true" : "false", v ? 4 : 5);
}

void ct_jw__null(ct_jw *w)
{
    if (w->tree)
        return add(w, json_null());
    before_value(w);
    put(&w->out, "null", 4);
}

void ct_jw__tree(ct_jw *w, const json_t *v)
{
    if (!v) {
        w->oom = 1; /* nothing to write: as if it could not be made */
        return;
    }
    if (w->tree)
        return add(w, json_incref((json_t *)v));
    before_value(w);
    if (put_tree(&w->out, v, w->base + 2 * w->depth) < 0)
        w->oom = 1;
}

void ct_jw__member(ct_jw *w, const char *key, const char *s)
{
    ct_jw__key(w, key);
    ct_jw__string(w, s);
}

void ct_jw__optional(ct_jw *w, const char *key, const char *s)
{
    if (s)
        ct_jw__member(w, key, s);
}

static int write_part(FILE *out, const ct_json_stream_part *p, size_t indent)
{
    ct_jw *w = ct_calloc(1, sizeof *w);
    if (!w)
        return CT_ENOMEM;
    w->out.out = out;
    w->base = indent;
    int rc = 0;
    for (size_t i = 0; i < p->count && rc == 0; i++) {
        if (i) {
            put(&w->out, ",", 1);
            newline(&w->out, indent);
        }
        if (p->write) {
            rc = p->write(p->payload, i, w);
            if (rc == 0 && (w->oom || w->depth))
                rc = CT_ENOMEM; /* (an unclosed container cannot happen: a writer's bug) */
            continue;
        }
        json_t *v = p->make(p->payload, i);
        if (!v) {
            rc = CT_ENOMEM;
            break;
        }
        rc = put_tree(&w->out, v, indent);
        json_decref(v);
    }
    flush(&w->out);
    if (rc == 0 && w->out.failed)
        rc = CT_EIO;
    ct_free(w);
    return rc;
}

int ct_report__dump_streamed(FILE *out, json_t *doc, const ct_json_stream_part *parts,
                             size_t n_parts)
{
    for (size_t k = 0; k < n_parts; k++) {
        char name[64];
        snprintf(name, sizeof name, "\001claimtrack-stream-%zu\001", k);
        if (parts[k].count && json_array_append_new(parts[k].array, json_string(name)) < 0)
            return CT_ENOMEM;
    }
    char *text = ct_jnum__dumps(doc, MARKER_FLAGS);
    if (!text)
        return CT_ENOMEM;
    int rc = 0;
    const char *at = text;
    for (size_t k = 0; k < n_parts && rc == 0; k++) {
        if (!parts[k].count)
            continue;
        char marker[64];
        marker_text(k, marker, sizeof marker);
        const char *hit = strstr(at, marker);
        if (!hit) { /* cannot happen: the marker was just dumped */
            rc = CT_EINVALID;
            break;
        }
        size_t indent = 0;
        while (hit - indent > text && hit[-(long)indent - 1] == ' ')
            indent++;
        if (fwrite(at, 1, (size_t)(hit - at), out) != (size_t)(hit - at))
            rc = CT_EIO;
        if (rc == 0)
            rc = write_part(out, &parts[k], indent);
        at = hit + strlen(marker);
    }
    if (rc == 0 && (fputs(at, out) == EOF || fputc('\n', out) == EOF))
        rc = CT_EIO;
    free(text);
    return rc;
}
