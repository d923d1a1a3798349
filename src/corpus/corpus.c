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
#include "util/util.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
            for (size_t k = 0; k < t->properties[j].n_terms; k++) {
                ct_free(t->properties[j].terms[k].overlaps);
                ct_free(t->properties[j].terms[k].cues);
            }
            ct_free(t->properties[j].cues);
            ct_free(t->properties[j].terms);
            if (t->properties[j].term_index)
                ct_namemap__dispose(t->properties[j].term_index);
            ct_free(t->properties[j].term_index);
        }
        if (i < c->alloc_subject_index)
            ct_namemap__dispose(&c->subject_index[i]);
        ct_free(t->properties);
        ct_free(t->aliases);
        for (size_t j = 0; j < t->n_rules; j++) {
            ct_free(t->rules[j].left);
            ct_free(t->rules[j].right);
        }
        ct_free(t->rules);
    }
    ct_free(c->topics);
    ct_free(c->subject_index);
    ct_namemap__dispose(&c->topic_index);
    ct_namemap__dispose(&c->source_index);
    ct_namemap__dispose(&c->claimant_index);
    ct_free(c->sources);
    for (size_t i = 0; i < c->n_claimants; i++)
        ct_free((void *)c->claimants[i].aliases);
    ct_free(c->claimants);
    ct_free(c->claims);
    ct_free(c->id_slots);
    ct_free((void *)c->files);
    ct_schema_cache__dispose(&c->own);
    ct_strtab__dispose(&c->strings);
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
    long i = ct_namemap__get(&c->source_index, id);
    return i < 0 ? NULL : &c->sources[i];
}

/* ---- growing arrays ---------------------------------------------------- */

int ct_corpus__grow(void **items, size_t *alloc, size_t count, size_t size)
{
    return ct_util__array_grow(items, alloc, count, size);
}

static const char *keep_number_text(void *ctx, const char *text, size_t len)
{
    ct_corpus *c = ctx;
    return ct_strtab__intern(&c->strings, text, len);
}

ct_decimal_store ct_corpus__decimal_store(ct_corpus *c)
{
    ct_decimal_store s = {keep_number_text, c};
    return s;
}

const char *ct_corpus__intern(ct_corpus *c, const char *s)
{
    return s ? ct_strtab__intern(&c->strings, s, strlen(s)) : NULL;
}

const char *ct_corpus__copy(ct_corpus *c, const char *s)
{
    return s ? ct_strtab__copy(&c->strings, s, strlen(s)) : NULL;
}

/* Optional string member: NULL when absent; sets *oom on failure. */
const char *ct_corpus__opt_copy(ct_corpus *c, json_t *obj, const char *key, int interned, int *oom)
{
    return ct_corpus__opt_string(c, json_object_get(obj, key), interned, oom);
}

const char *ct_corpus__opt_string(ct_corpus *c, const json_t *v, int interned, int *oom)
{
    const char *s = json_string_value(v);
    if (!s)
        return NULL;
    const char *r = interned ? ct_corpus__intern(c, s) : ct_corpus__copy(c, s);
    if (!r)
        *oom = 1;
    return r;
}

/* ---- claim id index ---------------------------------------------------- */

static uint32_t id_hash(const char *id)
{
    unsigned long long h = ct_util__hash64(id, strlen(id), CT_HASH64_INIT);
    return (uint32_t)(h ^ (h >> 32));
}

static size_t id_slot(const ct_corpus *c, const char *id, uint32_t hash)
{
    size_t mask = c->id_size - 1;
    size_t h = hash & mask;
    while (c->id_slots[h].index &&
           (c->id_slots[h].hash != hash || strcmp(c->claims[c->id_slots[h].index - 1].id, id) != 0))
        h = (h + 1) & mask;
    return h;
}

/* Index of the claim with `id`, or -1. */
long ct_corpus__id_find(const ct_corpus *c, const char *id)
{
    if (!c->id_size)
        return -1;
    size_t h = id_slot(c, id, id_hash(id));
    return c->id_slots[h].index ? (long)c->id_slots[h].index - 1 : -1;
}

int ct_corpus__id_insert(ct_corpus *c, size_t index)
{
    if (index >= UINT32_MAX)
        return CT_ENOMEM; /* claim indexes are 32 bits, as in ct_claim */
    if ((c->n_claims + 1) * 2 > c->id_size) {
        size_t n = c->id_size ? c->id_size * 2 : 1024;
        struct ct_id_slot *slots = ct_calloc(n, sizeof *slots);
        if (!slots)
            return CT_ENOMEM;
        struct ct_id_slot *old = c->id_slots;
        size_t old_size = c->id_size;
        c->id_slots = slots;
        c->id_size = n;
        for (size_t i = 0; i < old_size; i++) {
            if (!old[i].index)
                continue;
            size_t h = old[i].hash & (n - 1);
            while (slots[h].index)
                h = (h + 1) & (n - 1);
            slots[h] = old[i];
        }
        ct_free(old);
    }
    uint32_t hash = id_hash(c->claims[index].id);
    struct ct_id_slot *s = &c->id_slots[id_slot(c, c->claims[index].id, hash)];
    s->index = (uint32_t)index + 1;
    s->hash = hash;
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
    char *text;             /* a split topic file's text (topicstream.c), or NULL */
    ct_topic_stream stream; /* its claims, which doc's "claims" array stands for */
} parsed_doc;

static void parsed_doc_dispose(parsed_doc *d)
{
    json_decref(d->doc);
    d->doc = NULL;
    ct_corpus__id_lines_dispose(&d->lines);
    memset(&d->lines, 0, sizeof d->lines);
    ct_free(d->text);
    d->text = NULL;
    ct_free((void *)d->stream.at);
    memset(&d->stream, 0, sizeof d->stream);
}

/* ---- the input formats ---------------------------------------------------- */

/* One input format: its file name suffix, whether a text looks like it (for
 * standard input, which has no name), and how to read a whole document.
 * JSONL has no `read`: its lines are streamed after every document loads. */
typedef struct {
    const char *suffix;
    int (*sniff)(const char *text, size_t len);
    int (*read)(ct_load_ctx *l, const char *path, char *text, size_t len, parsed_doc *out);
} input_format;

static int read_xml(ct_load_ctx *l, const char *path, char *text, size_t len, parsed_doc *out);
static int read_json(ct_load_ctx *l, const char *path, char *text, size_t len, parsed_doc *out);

/* The first character after a byte order mark and white space. */
static int lead_char(const char *text, size_t len)
{
    size_t bom = ct_corpus__bom_length(text, len);
    size_t lead = bom + strspn(text + bom, " \t\r\n");
    return lead < len ? (unsigned char)text[lead] : -1;
}

static int sniff_xml(const char *text, size_t len) { return lead_char(text, len) == '<'; }

static const input_format formats[] = {
    {".jsonl", NULL, NULL},
    {".xml", sniff_xml, read_xml},
    {".json", NULL, read_json}, /* also what any other name, or standard input, is read as */
};
#define N_FORMATS (sizeof formats / sizeof formats[0])
#define FORMAT_JSON (&formats[N_FORMATS - 1])

/* The format of `path` by its suffix; standard input ("-") by its text. */
static const input_format *format_of(const char *path, const char *text, size_t len)
{
    int dash = strcmp(path, "-") == 0;
    for (size_t i = 0; i < N_FORMATS; i++) {
        const input_format *f = &formats[i];
        if (dash ? f->sniff && text && f->sniff(text, len) : ct_corpus__has_suffix(path, f->suffix))
            return f;
    }
    return FORMAT_JSON;
}

int ct_corpus__format_known(const char *name)
{
    for (size_t i = 0; i < N_FORMATS; i++)
        if (ct_corpus__has_suffix(name, formats[i].suffix))
            return 1;
    return 0;
}

static int is_jsonl(const char *path) { return !format_of(path, NULL, 0)->read; }

static int kind_of(const char *path, const json_t *doc)
{
    const char *b = ct_corpus__base_name(path);
    if (json_is_object(doc) && !json_object_get(doc, "topic") &&
        json_is_array(json_object_get(doc, "topics")))
        return KIND_BUNDLE;
    if (strcmp(b, "sources.json") == 0 || ct_corpus__has_suffix(b, ".sources.json") ||
        (json_is_object(doc) && json_object_get(doc, "sources") && !json_object_get(doc, "topic")))
        return KIND_SOURCES;
    return KIND_TOPIC;
}

/* An XML claim file (xml.c), as the JSON document it stands for. */
static int read_xml(ct_load_ctx *l, const char *path, char *text, size_t len, parsed_doc *out)
{
    json_t *lines = NULL;
    int rc = ct_xml__read(path, text, len, &out->doc, &lines, &l->c->cache->xsd, l->diags);
    ct_free(text);
    if (rc == 0)
        rc = ct_corpus__id_lines_from_json(l->c, lines, &out->lines);
    json_decref(lines);
    if (rc < 0)
        ct_corpus__note(l, rc);
    return rc;
}

/* A JSON document: parsed, its strings checked, its claim ids located.  A
 * topic file whose claims the reader without a DOM takes is split: only its
 * head becomes a tree, and its text is kept for the claims (topicstream.c). */
static int read_json(ct_load_ctx *l, const char *path, char *text, size_t len, parsed_doc *out)
{
    (void)path;
    json_error_t err = {0}; /* jansson leaves it unset when an allocation fails */
    size_t bom = ct_corpus__bom_length(text, len);
    int rc = ct_corpus__check_nul(l, text, len, 0);
    if (rc < 0) {
        ct_free(text);
        return rc;
    }
    char *head = NULL;
    size_t head_len = 0, *at = NULL, n_at = 0;
    if ((rc = ct_corpus__topic_split(text + bom, len - bom, &head, &head_len, &at, &n_at)) < 0) {
        ct_free(text);
        ct_corpus__note(l, rc);
        return rc;
    }
    const char *doc_text = head ? head : text + bom;
    size_t doc_len = head ? head_len : len - bom;
    int ints_as_reals;
    out->doc = ct_jnum__parse(doc_text, doc_len, CT_JSON_LOAD_FLAGS, &err, &ints_as_reals);
    if (!out->doc && head) {
        /* not JSON: the whole text says where */
        ct_free(head);
        ct_free(at);
        head = NULL;
        at = NULL;
        doc_text = text + bom;
        doc_len = len - bom;
        out->doc = ct_jnum__parse(doc_text, doc_len, CT_JSON_LOAD_FLAGS, &err, &ints_as_reals);
    }
    if (!out->doc) {
        ct_free(text);
        return ct_corpus__parse_error(l, &err, 0);
    }
    if (ct_corpus__may_hold_control(doc_text, doc_len) &&
        (rc = ct_corpus__check_document(l, out->doc, 0)) == CT_ENOMEM)
        goto fail;
    if ((rc = ct_corpus__exact_numbers(l, &out->doc, doc_text, doc_len, ints_as_reals, 0)) < 0)
        goto fail;
    rc = ct_corpus__id_lines_scan(l->c, text, len, &out->lines);
    ct_free(head);
    if (at) {
        out->text = text; /* kept for the claims */
        out->stream = (ct_topic_stream){text + bom, len - bom, at, n_at};
    } else {
        ct_free(text);
    }
    if (rc < 0)
        ct_corpus__note(l, rc);
    return rc;
fail:
    ct_free(head);
    ct_free(at);
    ct_free(text);
    json_decref(out->doc);
    out->doc = NULL;
    return rc;
}

/* Parse `text` (taken: freed here) of file `path`, in the format its name
 * (or, for standard input, its text) says. */
static int parse_text(ct_load_ctx *l, const char *path, char *text, size_t len, parsed_doc *out)
{
    memset(out, 0, sizeof *out);
    out->file = path;
    int rc = format_of(path, text, len)->read(l, path, text, len, out);
    if (rc < 0)
        return rc;
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
        if (strcmp(key, "sources") && strcmp(key, "topics") && strcmp(key, "$schema") &&
            strcmp(key, "claimtrack") && strcmp(key, "claimants")) {
            char ptr[300];
            snprintf(ptr, sizeof ptr, "/%s", key);
            if ((rc = ct_corpus__error(l, ptr, 0, "property \"%s\" is not allowed in a corpus file",
                                       key)) == CT_ENOMEM)
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
        return ct_corpus__load_topic(l, d->doc, &d->lines, "", d->text ? &d->stream : NULL);
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
        if ((rc = ct_corpus__load_topic(l, t, &d->lines, base, NULL)) == CT_ENOMEM)
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
    size_t first_diag = diags->count;
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
        parsed_doc_dispose(&d);
    }
    if (rc != CT_ENOMEM)
        rc = ct_corpus__locate_diags(&l, first_diag, l.file, text, len);
    if (rc == CT_ENOMEM || diags->oom)
        return CT_ENOMEM;
    return l.worst;
}

/* One file named twice (`check t.json .`, or through a link) is read once:
 * the later names of a file (same device and inode) are dropped. */
static int drop_repeated_files(const ct_load_ctx *l, ct_path_list *files)
{
    if (files->count < 2)
        return 0;
    struct stat *ids = ct_calloc(files->count, sizeof *ids);
    if (!ids)
        return CT_ENOMEM;
    size_t kept = 0;
    for (size_t i = 0; i < files->count; i++) {
        struct stat st;
        const char *f = files->items[i];
        int known = strcmp(f, "-") != 0 && !ct_corpus__input_find(l, f) && stat(f, &st) == 0;
        int seen = 0;
        for (size_t k = 0; known && k < kept && !seen; k++)
            seen = ids[k].st_ino == st.st_ino && ids[k].st_dev == st.st_dev && ids[k].st_nlink;
        if (seen) {
            ct_free(files->items[i]);
            continue;
        }
        if (known)
            ids[kept] = st;
        else
            memset(&ids[kept], 0, sizeof ids[kept]); /* st_nlink 0: matches nothing */
        files->items[kept++] = files->items[i];
    }
    files->count = kept;
    ct_free(ids);
    return 0;
}

/* A topic file given alone (`check claims/raid.json`) would find none of its
 * sources: when no sources file is among the inputs, the sources.json beside
 * the first file given on the command line is read too, with a note saying
 * so. */
static int add_sources_beside(ct_load_ctx *l, const char *const *paths, size_t n_paths,
                              ct_path_list *files)
{
    for (size_t i = 0; i < files->count; i++)
        if (strcmp(ct_corpus__base_name(files->items[i]), "sources.json") == 0 ||
            ct_corpus__has_suffix(files->items[i], ".sources.json"))
            return 0;
    struct stat st;
    for (size_t i = 0; i < n_paths; i++) {
        if (strcmp(paths[i], "-") == 0 || ct_corpus__input_find(l, paths[i]) ||
            stat(paths[i], &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        const char *slash = strrchr(paths[i], '/');
        size_t dir = slash ? (size_t)(slash - paths[i]) + 1 : 0;
        size_t n = dir + sizeof "sources.json";
        char *beside = ct_malloc(n);
        if (!beside)
            return CT_ENOMEM;
        snprintf(beside, n, "%.*ssources.json", (int)dir, paths[i]);
        int rc = 0;
        if (stat(beside, &st) == 0 && S_ISREG(st.st_mode)) {
            rc = ct_corpus__path_add(files, beside);
            if (rc == 0) {
                /* sources first, as a folder walk would list them */
                char *moved = files->items[files->count - 1];
                memmove(files->items + 1, files->items, (files->count - 1) * sizeof *files->items);
                files->items[0] = moved;
                rc = ct_diag_add(l->diags, CT_DIAG_WARNING, paths[i], 0, 0, NULL,
                                 "no sources file given: reading %s beside it", beside);
                rc = rc < 0 ? CT_ENOMEM : 0;
            }
        }
        ct_free(beside);
        return rc;
    }
    return 0;
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
    size_t n_docs = 0, first_diag = diags->count;
    int rc = 0;
    for (size_t i = 0; i < n_paths && rc == 0; i++)
        rc = ct_corpus__collect(&l, paths[i], &files, 1, 0, NULL);
    if (rc == 0)
        rc = drop_repeated_files(&l, &files);
    if (rc == 0)
        rc = add_sources_beside(&l, paths, n_paths, &files);
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
        if (!file || ct_corpus__grow((void **)&c->files, &c->alloc_files, c->n_files,
                                     sizeof *c->files) < 0) {
            rc = CT_ENOMEM;
            break;
        }
        c->files[c->n_files++] = file;
        if (is_jsonl(file))
            continue;
        l.file = file;
        rc = parse_file(&l, file, &docs[n_docs]);
        if (rc == 0)
            n_docs++;
        else
            parsed_doc_dispose(&docs[n_docs]);
    }
    for (int pass = 0; pass < 2 && rc != CT_ENOMEM; pass++)
        for (size_t i = 0; i < n_docs && rc != CT_ENOMEM; i++) {
            rc = load_parsed(&l, &docs[i], pass);
            if (pass == 1) /* loaded for good: its tree goes before the JSONL claims come */
                parsed_doc_dispose(&docs[i]);
        }
    for (size_t i = 0; i < files.count && rc != CT_ENOMEM; i++) {
        if (!is_jsonl(files.items[i]))
            continue;
        l.file = ct_corpus__intern(c, files.items[i]);
        rc = l.file ? ct_corpus__load_jsonl(&l, l.file) : CT_ENOMEM;
    }
    for (size_t i = 0; i < n_docs; i++)
        parsed_doc_dispose(&docs[i]);
    ct_free(docs);
    for (size_t i = 0; i < files.count; i++)
        ct_free(files.items[i]);
    ct_free(files.items);
    if (rc != CT_ENOMEM && opts && opts->archive_root)
        rc = ct_corpus__check_quotes(&l, opts->archive_root);
    if (rc != CT_ENOMEM && ct_corpus__locate_diags(&l, first_diag, NULL, NULL, 0) < 0)
        rc = CT_ENOMEM;
    if (rc == CT_ENOMEM || diags->oom)
        return CT_ENOMEM;
    return l.worst;
}
