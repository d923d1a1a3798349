/*
 * corpus.c - the corpus container and the load order.
 *
 * A corpus holds sources, topics and claims, its strings in one string table
 * (repeated ones interned) and an index of claim ids.  Loading parses every
 * JSON and XML file first, then loads them in dependency order: sources, then
 * topics, then JSONL claims (which name their topic).  Input formats are one
 * table of {suffix, sniff, read} entries.
 */
#include "claimtrack/common.h"
#include "embedded.h"
#include "corpus_int.h"
#include "corpus/xml.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Keep the worst outcome: out of memory, then unreadable, then unparsable,
 * then invalid. */
static int severity_rank(int rc)
{
    switch (rc) {
    case CT_ENOMEM: return 4;
    case CT_EIO: return 3;
    case CT_EPARSE: return 2;
    case CT_EINVALID:
    case CT_ENOTFOUND: return 1;
    default: return 0;
    }
}

void ct_corpus__note(ct_load_ctx *l, int rc)
{
    if (severity_rank(rc) > severity_rank(l->worst))
        l->worst = rc == CT_ENOTFOUND ? CT_EINVALID : rc;
}

int ct_corpus__error(ct_load_ctx *l, const char *ptr, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = ct_diag_addv(l->diags, CT_DIAG_ERROR, l->file, line, 0, ptr, fmt, ap);
    va_end(ap);
    ct_corpus__note(l, rc < 0 ? rc : CT_EINVALID);
    return rc < 0 ? rc : CT_EINVALID;
}

int ct_corpus_new(ct_corpus **out)
{
    CT_ASSERT_ARG(out);
    ct_corpus *c = ct_calloc(1, sizeof *c);
    if (!c)
        return CT_ENOMEM;
    c->cache = &c->own;
    *out = c;
    return 0;
}

void ct_corpus_free(ct_corpus *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n_topics; i++) {
        ct_topic *t = &c->topics[i];
        for (size_t j = 0; j < t->n_properties; j++) {
            for (size_t k = 0; k < t->properties[j].n_terms; k++)
                ct_free(t->properties[j].terms[k].overlaps);
            ct_free(t->properties[j].terms);
        }
        ct_free(t->properties);
        ct_free(t->aliases);
        for (size_t j = 0; j < t->n_rules; j++) {
            ct_free(t->rules[j].left);
            ct_free(t->rules[j].right);
        }
        ct_free(t->rules);
    }
    ct_free(c->topics);
    ct_free(c->sources);
    for (size_t i = 0; i < c->n_claimants; i++)
        ct_free((void *)c->claimants[i].aliases);
    ct_free(c->claimants);
    ct_free(c->claims);
    ct_free(c->id_slots);
    ct_free((void *)c->files);
    ct_schema_cache__dispose(&c->own);
    ct_strtab_dispose(&c->strings);
    ct_free(c);
}

const ct_claimant *ct_corpus_claimants(const ct_corpus *c, size_t *count)
{
    *count = c->n_claimants;
    return c->claimants;
}

const ct_claim *ct_corpus_claims(const ct_corpus *c, size_t *count)
{
    *count = c->n_claims;
    return c->claims;
}
const ct_topic *ct_corpus_topics(const ct_corpus *c, size_t *count)
{
    *count = c->n_topics;
    return c->topics;
}
const ct_source *ct_corpus_sources(const ct_corpus *c, size_t *count)
{
    *count = c->n_sources;
    return c->sources;
}
const char *const *ct_corpus_files(const ct_corpus *c, size_t *count)
{
    *count = c->n_files;
    return c->files;
}


const ct_source *ct_corpus_source_find(const ct_corpus *c, const char *id)
{
    /* source ids are interned: an id never interned names no source */
    const char *key = ct_strtab_lookup(&c->strings, id, strlen(id));
    for (size_t i = 0; key && i < c->n_sources; i++)
        if (c->sources[i].id == key)
            return &c->sources[i];
    return NULL;
}

/* ---- growing arrays ---------------------------------------------------- */

int ct_corpus__grow(void **items, size_t *alloc, size_t count, size_t size)
{
    if (count < *alloc)
        return 0;
    size_t n = *alloc ? *alloc * 2 : 16;
    void *p = ct_reallocarray(*items, n, size);
    if (!p)
        return CT_ENOMEM;
    *items = p;
    *alloc = n;
    return 0;
}

const char *ct_corpus__intern(ct_corpus *c, const char *s)
{
    return s ? ct_strtab_intern(&c->strings, s, strlen(s)) : NULL;
}

const char *ct_corpus__copy(ct_corpus *c, const char *s)
{
    return s ? ct_strtab_copy(&c->strings, s, strlen(s)) : NULL;
}

/* Optional string member: NULL when absent; sets *oom on failure. */
const char *ct_corpus__opt_copy(ct_corpus *c, json_t *obj, const char *key, int interned, int *oom)
{
    const char *s = json_string_value(json_object_get(obj, key));
    if (!s)
        return NULL;
    const char *r = interned ? ct_corpus__intern(c, s) : ct_corpus__copy(c, s);
    if (!r)
        *oom = 1;
    return r;
}

/* ---- claim id index ---------------------------------------------------- */

static size_t id_slot(const ct_corpus *c, const char *id)
{
    size_t mask = c->id_size - 1;
    size_t h = (size_t)ct_hash64(id, strlen(id), CT_HASH64_INIT) & mask;
    while (c->id_slots[h] && strcmp(c->claims[c->id_slots[h] - 1].id, id) != 0)
        h = (h + 1) & mask;
    return h;
}

/* Index of the claim with `id`, or -1. */
long ct_corpus__id_find(const ct_corpus *c, const char *id)
{
    if (!c->id_size)
        return -1;
    size_t h = id_slot(c, id);
    return c->id_slots[h] ? (long)c->id_slots[h] - 1 : -1;
}

int ct_corpus__id_insert(ct_corpus *c, size_t index)
{
    if ((c->n_claims + 1) * 2 > c->id_size) {
        size_t n = c->id_size ? c->id_size * 2 : 1024;
        size_t *slots = ct_calloc(n, sizeof *slots);
        if (!slots)
            return CT_ENOMEM;
        size_t *old = c->id_slots, old_size = c->id_size;
        c->id_slots = slots;
        c->id_size = n;
        for (size_t i = 0; i < old_size; i++)
            if (old[i])
                c->id_slots[id_slot(c, c->claims[old[i] - 1].id)] = old[i];
        ct_free(old);
    }
    c->id_slots[id_slot(c, c->claims[index].id)] = index + 1;
    return 0;
}
/* ---- the loader --------------------------------------------------------- */

enum { KIND_SOURCES, KIND_TOPIC, KIND_BUNDLE };

/* A parsed JSON or XML file, waiting for its turn in the load order. */
typedef struct {
    const char *file;
    json_t *doc;
    ct_id_lines lines;
    int kind;
} parsed_doc;

static int is_jsonl(const char *path) { return ct_corpus__has_suffix(path, ".jsonl"); }

static int kind_of(const char *path, const json_t *doc)
{
    const char *b = ct_corpus__base_name(path);
    if (json_is_object(doc) && !json_object_get(doc, "topic") && json_is_array(json_object_get(doc, "topics")))
        return KIND_BUNDLE;
    if (strcmp(b, "sources.json") == 0 || ct_corpus__has_suffix(b, ".sources.json") ||
        (json_is_object(doc) && json_object_get(doc, "sources") && !json_object_get(doc, "topic")))
        return KIND_SOURCES;
    return KIND_TOPIC;
}

/* Parse `text` (taken: freed here) of file `path`. */
static int parse_text(ct_load_ctx *l, const char *path, char *text, size_t len, parsed_doc *out)
{
    int rc;
    memset(out, 0, sizeof *out);
    out->file = path;
    size_t bom = ct_corpus__bom_length(text, len);
    size_t lead = bom + strspn(text + bom, " \t\r\n");
    if (ct_corpus__has_suffix(path, ".xml") || (strcmp(path, "-") == 0 && lead < len && text[lead] == '<')) {
        json_t *lines = NULL;
        rc = ct_xml__read(path, text, len, &out->doc, &lines, &l->c->cache->xsd, l->diags);
        ct_free(text);
        if (rc == 0)
            rc = ct_corpus__id_lines_from_json(l->c, lines, &out->lines);
        json_decref(lines);
        if (rc < 0) {
            ct_corpus__note(l, rc);
            return rc;
        }
    } else {
        json_error_t err;
        if ((rc = ct_corpus__check_nul(l, text, len, 0)) < 0) {
            ct_free(text);
            return rc;
        }
        out->doc = json_loadb(text + bom, len - bom, CT_JSON_LOAD_FLAGS, &err);
        if (!out->doc) {
            ct_free(text);
            return ct_corpus__parse_error(l, &err, 0);
        }
        if ((rc = ct_corpus__check_document(l, out->doc, 0)) == CT_ENOMEM) {
            ct_free(text);
            return rc;
        }
        rc = ct_corpus__id_lines_scan(l->c, text, len, &out->lines);
        ct_free(text);
        if (rc < 0) {
            ct_corpus__note(l, rc);
            return rc;
        }
    }
    out->kind = kind_of(path, out->doc);
    return 0;
}

static int parse_file(ct_load_ctx *l, const char *path, parsed_doc *out)
{
    char *text;
    size_t len;
    memset(out, 0, sizeof *out);
    int rc = ct_corpus__read_input(l, path, &text, &len, NULL);
    if (rc != 0)
        return rc; /* reported; 1: skipped */
    return parse_text(l, path, text, len, out);
}

/* A bundle: {"sources": {...}, "topics": [topic, ...]} as export writes. */
static int check_bundle(ct_load_ctx *l, json_t *doc)
{
    const char *key;
    json_t *v;
    int rc = 0;
    json_object_foreach(doc, key, v)
    {
        if (strcmp(key, "sources") && strcmp(key, "topics") && strcmp(key, "$schema") && strcmp(key, "claimtrack") &&
            strcmp(key, "claimants")) {
            char ptr[300];
            snprintf(ptr, sizeof ptr, "/%s", key);
            if ((rc = ct_corpus__error(l, ptr, 0, "property \"%s\" is not allowed in a corpus file", key)) == CT_ENOMEM)
                return rc;
        }
    }
    return 0;
}

static int load_parsed(ct_load_ctx *l, parsed_doc *d, int pass)
{
    int rc = 0;
    l->file = d->file;
    if (pass == 0 && d->kind == KIND_SOURCES)
        return ct_corpus__load_sources(l, d->doc);
    if (pass == 1 && d->kind == KIND_TOPIC)
        return ct_corpus__load_topic(l, d->doc, &d->lines, "");
    if (d->kind != KIND_BUNDLE)
        return 0;
    if (pass == 0) {
        if ((rc = check_bundle(l, d->doc)) < 0)
            return rc;
        json_t *src = json_object_get(d->doc, "sources");
        if (!src)
            return 0;
        json_t *wrap = json_pack("{sO}", "sources", src);
        json_t *claimants = json_object_get(d->doc, "claimants");
        if (!wrap || (claimants && json_object_set(wrap, "claimants", claimants) < 0)) {
            json_decref(wrap);
            return CT_ENOMEM;
        }
        rc = ct_corpus__load_sources(l, wrap);
        json_decref(wrap);
        return rc;
    }
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(d->doc, "topics"), i, t)
    {
        char base[48];
        snprintf(base, sizeof base, "/topics/%zu", i);
        if ((rc = ct_corpus__load_topic(l, t, &d->lines, base)) == CT_ENOMEM)
            return rc;
    }
    return 0;
}

int ct_corpus_load_memory(ct_corpus *c, const char *name, const char *text, size_t len,
                          const ct_corpus_options *opts, ct_diag_list *diags)
{
    CT_ASSERT_ARG(c && name && (text || !len) && diags);
    ct_load_ctx l = {c, diags, NULL, 0, opts, NULL, 0};
    if (opts && opts->cache)
        c->cache = opts->cache;
    int rc = 0;
    l.file = ct_corpus__intern(c, name);
    if (!l.file)
        return CT_ENOMEM;
    if (is_jsonl(name)) {
        FILE *f = len ? fmemopen((void *)text, len, "rb") : NULL;
        if (!f)
            return len ? CT_ENOMEM : 0;
        rc = ct_corpus__load_jsonl_stream(&l, f, l.file);
    } else {
        char *copy = ct_malloc(len + 1);
        parsed_doc d;
        if (!copy)
            return CT_ENOMEM;
        memcpy(copy, text, len);
        copy[len] = '\0';
        rc = parse_text(&l, l.file, copy, len, &d);
        for (int pass = 0; rc == 0 && pass < 2; pass++)
            rc = load_parsed(&l, &d, pass);
        json_decref(d.doc);
        ct_corpus__id_lines_dispose(&d.lines);
    }
    if (rc == CT_ENOMEM || diags->oom)
        return CT_ENOMEM;
    return l.worst;
}

int ct_corpus_load(ct_corpus *c, const char *const *paths, size_t n_paths,
                   const ct_corpus_options *opts, ct_diag_list *diags)
{
    CT_ASSERT_ARG(c && (paths || !n_paths) && diags);
    ct_load_ctx l = {c, diags, NULL, 0, opts, paths, n_paths};
    ct_path_list files = {0};
    if (opts && opts->cache)
        c->cache = opts->cache;
    parsed_doc *docs = NULL;
    size_t n_docs = 0;
    int rc = 0;
    for (size_t i = 0; i < n_paths && rc == 0; i++)
        rc = ct_corpus__collect(&l, paths[i], &files, 1, 0, NULL);
    if (rc == 0 && files.count == 0 && l.worst == 0) {
        /* nothing to check is a misconfiguration, not a clean corpus */
        char where[600] = "";
        for (size_t i = 0; i < n_paths; i++) {
            size_t k = strlen(where);
            snprintf(where + k, sizeof where - k, "%s%s", i ? ", " : "", paths[i]);
        }
        rc = ct_diag_add(diags, CT_DIAG_ERROR, NULL, 0, 0, NULL,
                         "no claim files in %s (expected *.json, *.jsonl or *.xml files)", where);
        ct_corpus__note(&l, rc < 0 ? rc : CT_EIO);
    }
    if (rc == 0 && files.count && !(docs = ct_calloc(files.count, sizeof *docs)))
        rc = CT_ENOMEM;
    /* parse every file, then load in dependency order: sources, topics, JSONL */
    for (size_t i = 0; i < files.count && rc != CT_ENOMEM; i++) {
        const char *file = ct_corpus__intern(c, files.items[i]);
        if (!file || ct_corpus__grow((void **)&c->files, &c->alloc_files, c->n_files, sizeof *c->files) < 0) {
            rc = CT_ENOMEM;
            break;
        }
        c->files[c->n_files++] = file;
        if (is_jsonl(file))
            continue;
        l.file = file;
        rc = parse_file(&l, file, &docs[n_docs]);
        if (rc == 0) {
            n_docs++;
        } else {
            json_decref(docs[n_docs].doc);
            ct_corpus__id_lines_dispose(&docs[n_docs].lines);
        }
    }
    for (int pass = 0; pass < 2 && rc != CT_ENOMEM; pass++)
        for (size_t i = 0; i < n_docs && rc != CT_ENOMEM; i++)
            rc = load_parsed(&l, &docs[i], pass);
    for (size_t i = 0; i < files.count && rc != CT_ENOMEM; i++) {
        if (!is_jsonl(files.items[i]))
            continue;
        l.file = ct_corpus__intern(c, files.items[i]);
        rc = l.file ? ct_corpus__load_jsonl(&l, l.file) : CT_ENOMEM;
    }
    for (size_t i = 0; i < n_docs; i++) {
        json_decref(docs[i].doc);
        ct_corpus__id_lines_dispose(&docs[i].lines);
    }
    ct_free(docs);
    for (size_t i = 0; i < files.count; i++)
        ct_free(files.items[i]);
    ct_free(files.items);
    if (rc != CT_ENOMEM && opts && opts->archive_root)
        rc = ct_corpus__check_quotes(&l, opts->archive_root);
    if (rc == CT_ENOMEM || diags->oom)
        return CT_ENOMEM;
    return l.worst;
}
