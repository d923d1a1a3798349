/*
 * corpus.c - read sources, topic files and JSONL claims into one corpus.
 *
 * Load order is fixed so that references resolve: sources files first, then
 * topic files, then JSONL files (whose claims name a topic).  Each JSON
 * document is checked against the embedded schema; the model checks then run
 * on whatever is well-shaped, so one run reports every error it can.
 *
 * Strings live in the corpus's string table; repeated ones (subjects,
 * sources, claimants, files) are interned.
 */
#include "claimtrack/corpus.h"
#include "claimtrack/common.h"
#include "claimtrack/fileio.h"
#include "claimtrack/schema.h"
#include "embedded.h"
#include "schema_cache.h"
#include "strtab.h"
#include "xml_claims.h"

#include <dirent.h>
#include <pthread.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>

struct ct_corpus {
    ct_strtab strings;
    ct_source *sources;
    size_t n_sources, alloc_sources;
    ct_topic *topics;
    size_t n_topics, alloc_topics;
    ct_claim *claims;
    size_t n_claims, alloc_claims;
    size_t *id_slots; /* open addressing over claims, index + 1 */
    size_t id_size;
    const char **files;
    size_t n_files, alloc_files;
    ct_schema_cache own;    /* compiled here unless a shared cache is given */
    ct_schema_cache *cache; /* &own, or the caller's */
};


/* Lines of `"id": "..."` in a file's text, to locate claims for people. */
typedef struct {
    const char **ids;
    int *lines;
    size_t count, alloc;
} id_lines;

typedef struct {
    ct_corpus *c;
    ct_diag_list *diags;
    const char *file;
    int worst; /* 0, CT_EINVALID, CT_EPARSE, CT_EIO or CT_ENOMEM */
    const ct_corpus_options *opts; /* may be NULL */
    const char *const *given;      /* the paths given to ct_corpus_load */
    size_t n_given;
} load_ctx;

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

static void note_result(load_ctx *l, int rc)
{
    if (severity_rank(rc) > severity_rank(l->worst))
        l->worst = rc == CT_ENOTFOUND ? CT_EINVALID : rc;
}

static int model_error(load_ctx *l, const char *ptr, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static int model_error(load_ctx *l, const char *ptr, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = ct_diag_addv(l->diags, CT_DIAG_ERROR, l->file, line, 0, ptr, fmt, ap);
    va_end(ap);
    note_result(l, rc < 0 ? rc : CT_EINVALID);
    return rc < 0 ? rc : CT_EINVALID;
}

int ct_corpus_new(ct_corpus **out)
{
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
        for (size_t j = 0; j < c->topics[i].n_properties; j++)
            ct_free(c->topics[i].properties[j].terms);
        ct_free(c->topics[i].properties);
        ct_free(c->topics[i].aliases);
    }
    ct_free(c->topics);
    ct_free(c->sources);
    ct_free(c->claims);
    ct_free(c->id_slots);
    ct_free((void *)c->files);
    ct_schema_cache__dispose(&c->own);
    ct_strtab_dispose(&c->strings);
    ct_free(c);
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

static int is_corpus_file(const char *name);
int ct_corpus_file_name_loaded(const char *name) { return is_corpus_file(name); }

const ct_source *ct_corpus_source_find(const ct_corpus *c, const char *id)
{
    /* source ids are interned: an id never interned names no source */
    const char *key = ct_strtab_lookup(&c->strings, id, strlen(id));
    for (size_t i = 0; key && i < c->n_sources; i++)
        if (c->sources[i].id == key)
            return &c->sources[i];
    return NULL;
}

int ct_term_related(const ct_property *p, long a, long b)
{
    if (a == b)
        return 1;
    /* walk up from each; chains are acyclic (checked at load) and short */
    for (long t = p->terms[a].broader; t >= 0; t = p->terms[t].broader)
        if (t == b)
            return 1;
    for (long t = p->terms[b].broader; t >= 0; t = p->terms[t].broader)
        if (t == a)
            return 1;
    return 0;
}

/* ---- growing arrays ---------------------------------------------------- */

static int grow(void **items, size_t *alloc, size_t count, size_t size)
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

static const char *intern(ct_corpus *c, const char *s)
{
    return s ? ct_strtab_intern(&c->strings, s, strlen(s)) : NULL;
}

static const char *copy(ct_corpus *c, const char *s)
{
    return s ? ct_strtab_copy(&c->strings, s, strlen(s)) : NULL;
}

/* Optional string member: NULL when absent; sets *oom on failure. */
static const char *opt_copy(ct_corpus *c, json_t *obj, const char *key, int interned, int *oom)
{
    const char *s = json_string_value(json_object_get(obj, key));
    if (!s)
        return NULL;
    const char *r = interned ? intern(c, s) : copy(c, s);
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
static long id_find(const ct_corpus *c, const char *id)
{
    if (!c->id_size)
        return -1;
    size_t h = id_slot(c, id);
    return c->id_slots[h] ? (long)c->id_slots[h] - 1 : -1;
}

static int id_insert(ct_corpus *c, size_t index)
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

/* ---- reading files ------------------------------------------------------ */

static void id_lines_dispose(id_lines *m)
{
    ct_free((void *)m->ids);
    ct_free(m->lines);
}

/* Record the line of every `"id": "<value>"` in text.  The strings are
 * interned so the claim loader can match them by pointer or strcmp. */
static int id_lines_scan(ct_corpus *c, const char *text, size_t len, id_lines *m)
{
    int line = 1;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n') {
            line++;
            continue;
        }
        if (text[i] != '"' || len - i < 5 || memcmp(text + i, "\"id\"", 4) != 0)
            continue;
        size_t j = i + 4;
        while (j < len && (text[j] == ' ' || text[j] == '\t'))
            j++;
        if (j >= len || text[j] != ':')
            continue;
        j++;
        while (j < len && (text[j] == ' ' || text[j] == '\t'))
            j++;
        if (j >= len || text[j] != '"')
            continue;
        size_t start = ++j;
        while (j < len && text[j] != '"' && text[j] != '\\' && text[j] != '\n')
            j++;
        if (j >= len || text[j] != '"')
            continue;
        if (m->count == m->alloc) {
            size_t n = m->alloc ? m->alloc * 2 : 64;
            const char **ids = ct_reallocarray((void *)m->ids, n, sizeof *ids);
            if (!ids)
                return CT_ENOMEM;
            m->ids = ids;
            int *lines = ct_reallocarray(m->lines, n, sizeof *lines);
            if (!lines)
                return CT_ENOMEM;
            m->lines = lines;
            m->alloc = n;
        }
        const char *id = ct_strtab_intern(&c->strings, text + start, j - start);
        if (!id)
            return CT_ENOMEM;
        m->ids[m->count] = id;
        m->lines[m->count++] = line;
        i = j;
    }
    return 0;
}

/* The line of the first not yet claimed occurrence of `id`; claiming it
 * lets a repeated id find its own line. */
static int id_lines_take(id_lines *m, const char *id)
{
    for (size_t i = 0; i < m->count; i++)
        if (m->ids[i] && strcmp(m->ids[i], id) == 0) {
            m->ids[i] = NULL;
            return m->lines[i];
        }
    return 0;
}

static int get_schema(ct_corpus *c, int sources, ct_schema **out)
{
    ct_schema **slot = sources ? &c->cache->sources : &c->cache->topic;
    if (!*slot) {
        json_error_t err;
        const char *text = sources ? ct_embedded_sources_schema : ct_embedded_topic_schema;
        size_t len = sources ? ct_embedded_sources_schema_len : ct_embedded_topic_schema_len;
        json_t *doc = json_loadb(text, len, 0, &err);
        if (!doc)
            return CT_ENOMEM; /* the embedded schema is tested; only OOM fails here */
        int rc = ct_schema_new(slot, doc, NULL);
        json_decref(doc);
        if (rc < 0)
            return rc;
    }
    *out = *slot;
    return 0;
}

/* A JSON error from jansson.  Duplicate keys and NUL bytes in keys are
 * well-formed JSON that claimtrack refuses: invalid input, not unparsable. */
static int parse_error(load_ctx *l, const json_error_t *err, int line_offset)
{
    int line = err->line > 0 ? err->line + line_offset : line_offset;
    enum json_error_code code = json_error_code(err);
    int kind = code == json_error_duplicate_key || code == json_error_null_byte_in_key
                   ? CT_EINVALID
                   : CT_EPARSE;
    int bom = strstr(err->text, "\xEF\xBB\xBF") != NULL;
    int rc = ct_diag_add(l->diags, CT_DIAG_ERROR, l->file, line > 0 ? line : 1,
                         err->column > 0 ? err->column : 1, NULL, "%s",
                         bom ? "byte order mark (U+FEFF) out of place (expected JSON text; a BOM "
                               "may only start the file)"
                             : err->text);
    note_result(l, rc < 0 ? rc : kind);
    return rc < 0 ? rc : kind;
}

/* jansson stops at a NUL byte as if the text ended there; refuse one. */
static int check_nul(load_ctx *l, const char *text, size_t len, int line_offset)
{
    const char *nul = memchr(text, '\0', len);
    if (!nul)
        return 0;
    int line = 1 + line_offset, col = 1;
    for (const char *p = text; p < nul; p++) {
        if (*p == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
    }
    int rc = ct_diag_add(l->diags, CT_DIAG_ERROR, l->file, line, col, NULL,
                         "unexpected NUL byte (expected JSON text)");
    note_result(l, rc < 0 ? rc : CT_EPARSE);
    return rc < 0 ? rc : CT_EPARSE;
}

#define JSON_LOAD_FLAGS (JSON_REJECT_DUPLICATES | JSON_DECODE_ANY | JSON_ALLOW_NUL)

/* A leading UTF-8 byte order mark (what some Windows editors write) is
 * skipped; anywhere else it stays an error of the parser. */
static size_t bom_length(const char *text, size_t len)
{
    return len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/* Append `key` to the JSON pointer in `ptr` (RFC 6901: ~ and / escaped); a
 * pointer too long for the buffer is cut. */
static void pointer_push(char *ptr, size_t cap, const char *key)
{
    size_t n = strlen(ptr);
    if (n + 1 < cap)
        ptr[n++] = '/';
    for (; *key && n + 2 < cap; key++) {
        if (*key == '~' || *key == '/') {
            ptr[n++] = '~';
            ptr[n++] = *key == '~' ? '0' : '1';
        } else {
            ptr[n++] = *key;
        }
    }
    ptr[n] = '\0';
}

/* A NUL or a control character other than tab, LF and CR in `s` (of `n`
 * bytes): an error at `ptr`.  Returns 0, CT_EINVALID or CT_ENOMEM. */
static int check_text(load_ctx *l, const char *s, size_t n, const char *ptr, int line, int is_key)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 0x20 || ch == '\t' || ch == '\n' || ch == '\r')
            continue;
        const char *what = is_key ? "property name" : "string";
        int rc = ch == 0
                     ? ct_diag_add(l->diags, CT_DIAG_ERROR, l->file, line, 0, ptr,
                                   "NUL character (U+0000) in a %s: text cannot hold one", what)
                     : ct_diag_add(l->diags, CT_DIAG_ERROR, l->file, line, 0, ptr,
                                   "control character U+%04X in a %s (expected text: only tab, "
                                   "line feed and carriage return are allowed)", ch, what);
        note_result(l, rc < 0 ? rc : CT_EINVALID);
        return rc < 0 ? rc : CT_EINVALID;
    }
    return 0;
}

/* Check every string and property name of `v`, located by JSON pointer
 * (`ptr`, a buffer of `cap` bytes, holds the pointer of `v`).  jansson keeps
 * a NUL inside a string (JSON_ALLOW_NUL), which every other reader would cut
 * the string at: it is refused here, with control characters.  Returns 0,
 * CT_EINVALID (reported) or CT_ENOMEM. */
static int check_strings(load_ctx *l, json_t *v, char *ptr, size_t cap, int line)
{
    int worst = 0, rc;
    size_t mark = strlen(ptr);
    if (json_is_string(v))
        return check_text(l, json_string_value(v), json_string_length(v), ptr, line, 0);
    if (json_is_object(v)) {
        const char *key;
        json_t *m;
        json_object_foreach(v, key, m)
        {
            pointer_push(ptr, cap, key);
            rc = check_text(l, key, strlen(key), ptr, line, 1);
            if (rc == 0)
                rc = check_strings(l, m, ptr, cap, line);
            ptr[mark] = '\0';
            if (rc == CT_ENOMEM)
                return rc;
            if (rc)
                worst = rc;
        }
    } else if (json_is_array(v)) {
        size_t i;
        json_t *m;
        json_array_foreach(v, i, m)
        {
            snprintf(ptr + mark, cap - mark, "/%zu", i);
            rc = check_strings(l, m, ptr, cap, line);
            ptr[mark] = '\0';
            if (rc == CT_ENOMEM)
                return rc;
            if (rc)
                worst = rc;
        }
    }
    return worst;
}

static int check_document(load_ctx *l, json_t *doc, int line)
{
    char ptr[1024] = "";
    return check_strings(l, doc, ptr, sizeof ptr, line);
}

/* ---- sources ------------------------------------------------------------ */

static int load_sources(load_ctx *l, json_t *doc)
{
    ct_corpus *c = l->c;
    ct_schema *schema;
    int rc = get_schema(c, 1, &schema);
    if (rc < 0)
        return rc;
    rc = ct_schema_validate(schema, "", doc, l->file, "", l->diags);
    if (rc < 0)
        return rc;
    if (rc > 0)
        note_result(l, CT_EINVALID);
    const char *id;
    json_t *src;
    json_t *all = json_object_get(doc, "sources");
    if (!json_is_object(all))
        return CT_EINVALID;
    json_object_foreach(all, id, src)
    {
        char ptr[300];
        snprintf(ptr, sizeof ptr, "/sources/%s", id);
        /* a malformed source is reported above; keep the well-formed ones so
         * that claims citing them are not reported as well */
        if ((rc = ct_schema_validate(schema, "/$defs/source", src, l->file, ptr, NULL)) < 0)
            return rc;
        if (rc > 0)
            continue;
        if (ct_corpus_source_find(c, id)) {
            rc = model_error(l, ptr, 0, "source \"%s\" is declared twice", id);
            if (rc == CT_ENOMEM)
                return rc;
            continue;
        }
        const char *published = json_string_value(json_object_get(src, "published"));
        if (published) {
            ct_interval iv;
            char why[160];
            if (ct_date_parse(published, &iv, why, sizeof why) < 0) {
                snprintf(ptr, sizeof ptr, "/sources/%s/published", id);
                if ((rc = model_error(l, ptr, 0, "%s", why)) == CT_ENOMEM)
                    return rc;
            }
        }
        if ((rc = grow((void **)&c->sources, &c->alloc_sources, c->n_sources, sizeof *c->sources)) < 0)
            return rc;
        ct_source *s = &c->sources[c->n_sources];
        int oom = 0;
        s->id = intern(c, id);
        s->title = opt_copy(c, src, "title", 0, &oom);
        s->author = opt_copy(c, src, "author", 0, &oom);
        s->publisher = opt_copy(c, src, "publisher", 0, &oom);
        s->published = opt_copy(c, src, "published", 0, &oom);
        s->url = opt_copy(c, src, "url", 0, &oom);
        s->archive = opt_copy(c, src, "archive", 0, &oom);
        s->note = opt_copy(c, src, "note", 0, &oom);
        s->file = intern(c, l->file);
        if (oom || !s->id || !s->file)
            return CT_ENOMEM;
        c->n_sources++;
    }
    return 0;
}

/* ---- topics ------------------------------------------------------------- */

static const ct_topic *topic_find(const ct_corpus *c, const char *id, size_t *index)
{
    for (size_t i = 0; i < c->n_topics; i++)
        if (strcmp(c->topics[i].id, id) == 0) {
            if (index)
                *index = i;
            return &c->topics[i];
        }
    return NULL;
}

static long property_find(const ct_topic *t, const char *name)
{
    for (size_t i = 0; i < t->n_properties; i++)
        if (strcmp(t->properties[i].name, name) == 0)
            return (long)i;
    return -1;
}

static long term_find(const ct_property *p, const char *name)
{
    for (size_t i = 0; i < p->n_terms; i++)
        if (strcmp(p->terms[i].name, name) == 0)
            return (long)i;
    return -1;
}

static int load_property(load_ctx *l, ct_property *p, const char *name, json_t *def,
                         const char *topic_ptr)
{
    ct_corpus *c = l->c;
    char ptr[400];
    int rc;
    p->name = intern(c, name);
    if (!p->name)
        return CT_ENOMEM;
    if (ct_value_type_from_name(json_string_value(json_object_get(def, "type")), &p->type) < 0)
        p->type = CT_TYPE_TEXT; /* the schema has reported it */
    int oom = 0;
    p->unit = opt_copy(c, def, "unit", 1, &oom);
    if (oom)
        return CT_ENOMEM;
    json_t *tol = json_object_get(def, "tolerance");
    p->tolerance = json_is_number(tol) ? json_number_value(tol) : CT_DEFAULT_TOLERANCE;
    p->tolerance_set = json_is_number(tol);
    p->description = opt_copy(c, def, "description", 0, &oom);
    if (oom)
        return CT_ENOMEM;
    p->multi = json_is_true(json_object_get(def, "multi"));
    p->terms = NULL;
    p->n_terms = 0;
    json_t *terms = json_object_get(def, "terms");
    if (p->type != CT_TYPE_TERM || !json_is_object(terms))
        return 0;
    size_t n = json_object_size(terms);
    p->terms = ct_calloc(n, sizeof *p->terms);
    if (!p->terms)
        return CT_ENOMEM;
    const char *tname;
    json_t *tdef;
    json_object_foreach(terms, tname, tdef)
    {
        ct_term *t = &p->terms[p->n_terms++];
        t->name = intern(c, tname);
        t->label = opt_copy(c, tdef, "label", 0, &oom);
        t->description = opt_copy(c, tdef, "description", 0, &oom);
        t->broader = -1;
        if (!t->name || oom)
            return CT_ENOMEM;
    }
    size_t i = 0;
    json_object_foreach(terms, tname, tdef)
    {
        const char *broader = json_string_value(json_object_get(tdef, "broader"));
        if (broader) {
            long b = term_find(p, broader);
            if (b < 0) {
                snprintf(ptr, sizeof ptr, "%s/properties/%s/terms/%s/broader", topic_ptr, name,
                         tname);
                if ((rc = model_error(l, ptr, 0, "broader term \"%s\" is not declared", broader)) ==
                    CT_ENOMEM)
                    return rc;
            } else {
                p->terms[i].broader = b;
            }
        }
        i++;
    }
    /* a chain longer than the number of terms must loop */
    for (i = 0; i < p->n_terms; i++) {
        size_t steps = 0;
        long t = p->terms[i].broader;
        while (t >= 0 && steps <= p->n_terms) {
            t = p->terms[t].broader;
            steps++;
        }
        if (t >= 0) {
            snprintf(ptr, sizeof ptr, "%s/properties/%s/terms/%s/broader", topic_ptr, name,
                     p->terms[i].name);
            if ((rc = model_error(l, ptr, 0, "\"broader\" terms form a cycle through \"%s\"",
                                  p->terms[i].name)) == CT_ENOMEM)
                return rc;
            for (size_t k = 0; k < p->n_terms; k++)
                p->terms[k].broader = -1; /* keep later walks finite */
            break;
        }
    }
    return 0;
}

static int load_topic_head(load_ctx *l, json_t *doc, size_t *index)
{
    ct_corpus *c = l->c;
    int rc;
    const char *id = json_string_value(json_object_get(doc, "topic"));
    if (!id)
        return CT_EINVALID;
    const ct_topic *prev = topic_find(c, id, NULL);
    if (prev) {
        return model_error(l, "/topic", 0, "topic \"%s\" is already defined in %s", id, prev->file);
    }
    if ((rc = grow((void **)&c->topics, &c->alloc_topics, c->n_topics, sizeof *c->topics)) < 0)
        return rc;
    ct_topic *t = &c->topics[c->n_topics];
    memset(t, 0, sizeof *t);
    c->n_topics++;
    int oom = 0;
    t->id = intern(c, id);
    t->title = opt_copy(c, doc, "title", 0, &oom);
    if (!t->title && !oom)
        t->title = t->id;
    t->description = opt_copy(c, doc, "description", 0, &oom);
    t->file = intern(c, l->file);
    if (oom || !t->id || !t->file)
        return CT_ENOMEM;
    json_t *props = json_object_get(doc, "properties");
    if (json_is_object(props) && json_object_size(props)) {
        t->properties = ct_calloc(json_object_size(props), sizeof *t->properties);
        if (!t->properties)
            return CT_ENOMEM;
        const char *name;
        json_t *def;
        json_object_foreach(props, name, def)
        {
            if (!json_is_object(def))
                continue;
            rc = load_property(l, &t->properties[t->n_properties], name, def, "");
            t->n_properties++;
            if (rc == CT_ENOMEM)
                return rc;
        }
    }
    json_t *subjects = json_object_get(doc, "subjects");
    if (json_is_object(subjects)) {
        /* an alias list keeps its canonical name first, then the aliases in order */
        t->has_subjects = 1;
        size_t n = 0;
        const char *canon;
        json_t *aliases;
        json_object_foreach(subjects, canon, aliases) n += 1 + json_array_size(aliases);
        t->aliases = ct_calloc(n ? n : 1, sizeof *t->aliases);
        if (!t->aliases)
            return CT_ENOMEM;
        json_object_foreach(subjects, canon, aliases)
        {
            const char *cn = intern(c, canon);
            if (!cn)
                return CT_ENOMEM;
            for (size_t i = 0; i <= json_array_size(aliases); i++) {
                const char *alias = i ? json_string_value(json_array_get(aliases, i - 1)) : canon;
                if (!alias)
                    continue;
                int dup = 0;
                for (size_t k = 0; k < t->n_aliases; k++)
                    if (strcmp(t->aliases[k].alias, alias) == 0) {
                        dup = 1;
                        if (t->aliases[k].canonical != cn) {
                            char ptr[300];
                            snprintf(ptr, sizeof ptr, "/subjects/%s", canon);
                            if ((rc = model_error(l, ptr, 0,
                                                  "\"%s\" already names subject \"%s\"", alias,
                                                  t->aliases[k].canonical)) == CT_ENOMEM)
                                return rc;
                        }
                    }
                if (dup)
                    continue;
                t->aliases[t->n_aliases].alias = intern(c, alias);
                t->aliases[t->n_aliases].canonical = cn;
                if (!t->aliases[t->n_aliases].alias)
                    return CT_ENOMEM;
                t->n_aliases++;
            }
        }
    }
    *index = c->n_topics - 1;
    return 0;
}

static const char *subject_canonical(const ct_topic *t, const char *subject)
{
    for (size_t i = 0; i < t->n_aliases; i++)
        if (strcmp(t->aliases[i].alias, subject) == 0)
            return t->aliases[i].canonical;
    return NULL;
}

/* ---- claims ------------------------------------------------------------- */

static int load_value(load_ctx *l, ct_claim *cl, const ct_property *p, json_t *v, const char *ptr,
                      int line)
{
    char why[200];
    char vptr[400];
    snprintf(vptr, sizeof vptr, "%s/value", ptr);
    switch (p->type) {
    case CT_TYPE_QUANTITY:
        if (ct_quantity_value_parse(v, p->tolerance, &cl->interval, why, sizeof why) < 0)
            return model_error(l, vptr, line, "%s for quantity property \"%s\" (claim %s)", why,
                               p->name, cl->id);
        return 0;
    case CT_TYPE_DATE:
        if (ct_date_value_parse(v, &cl->interval, why, sizeof why) < 0)
            return model_error(l, vptr, line, "%s for date property \"%s\" (claim %s)", why,
                               p->name, cl->id);
        return 0;
    case CT_TYPE_TERM: {
        const char *s = json_string_value(v);
        if (!s)
            return model_error(l, vptr, line, "expected a term of property \"%s\", got %s (claim %s)",
                               p->name, json_is_object(v) ? "object" : "non-string", cl->id);
        cl->term = (int32_t)term_find(p, s);
        if (cl->term < 0) {
            char known[200] = "";
            for (size_t i = 0; i < p->n_terms; i++) {
                size_t k = strlen(known);
                snprintf(known + k, sizeof known - k, "%s%s", i ? ", " : "", p->terms[i].name);
            }
            return model_error(l, vptr, line,
                               "\"%s\" is not a term of property \"%s\" (expected one of: %s) (claim %s)",
                               s, p->name, known, cl->id);
        }
        return 0;
    }
    case CT_TYPE_BOOLEAN:
        if (!json_is_boolean(v))
            return model_error(l, vptr, line, "expected true or false for boolean property \"%s\" (claim %s)",
                               p->name, cl->id);
        cl->boolean = json_is_true(v);
        return 0;
    case CT_TYPE_TEXT:
        if (!json_is_string(v))
            return model_error(l, vptr, line, "expected a string for text property \"%s\" (claim %s)",
                               p->name, cl->id);
        return 0;
    }
    return 0;
}

/* Load one claim object (already schema-valid) of topic `ti`. */
static int load_claim(load_ctx *l, json_t *obj, size_t ti, const char *ptr, int line)
{
    ct_corpus *c = l->c;
    const ct_topic *t = &c->topics[ti];
    const char *id = json_string_value(json_object_get(obj, "id"));
    const char *subject = json_string_value(json_object_get(obj, "subject"));
    const char *prop = json_string_value(json_object_get(obj, "property"));
    const char *source = json_string_value(json_object_get(obj, "source"));
    const char *topic = json_string_value(json_object_get(obj, "topic"));
    char fptr[400];
    int rc, bad = 0;

    long prev = id_find(c, id);
    if (prev >= 0) {
        snprintf(fptr, sizeof fptr, "%s/id", ptr);
        const ct_claim *p = &c->claims[prev];
        if ((rc = model_error(l, fptr, line, "duplicate claim id \"%s\" (first in %s%s%.0d)", id,
                              p->file, p->line ? ":" : "", p->line)) == CT_ENOMEM)
            return rc;
        return CT_EINVALID;
    }
    if (topic && strcmp(topic, t->id) != 0) {
        snprintf(fptr, sizeof fptr, "%s/topic", ptr);
        if ((rc = model_error(l, fptr, line, "claim names topic \"%s\" inside topic file \"%s\" (claim %s)",
                              topic, t->id, id)) == CT_ENOMEM)
            return rc;
        bad = 1;
    }
    const char *canonical = subject;
    if (t->has_subjects && !(canonical = subject_canonical(t, subject))) {
        snprintf(fptr, sizeof fptr, "%s/subject", ptr);
        if ((rc = model_error(l, fptr, line, "unknown subject \"%s\" in topic \"%s\" (claim %s)",
                              subject, t->id, id)) == CT_ENOMEM)
            return rc;
        bad = 1;
    }
    long pi = property_find(t, prop);
    if (pi < 0) {
        snprintf(fptr, sizeof fptr, "%s/property", ptr);
        if ((rc = model_error(l, fptr, line, "property \"%s\" is not declared in topic \"%s\" (claim %s)",
                              prop, t->id, id)) == CT_ENOMEM)
            return rc;
        bad = 1;
    }
    if (!ct_corpus_source_find(c, source)) {
        snprintf(fptr, sizeof fptr, "%s/source", ptr);
        if ((rc = model_error(l, fptr, line, "unknown source \"%s\" (claim %s)", source, id)) ==
            CT_ENOMEM)
            return rc;
        bad = 1;
    }
    ct_claim cl;
    memset(&cl, 0, sizeof cl);
    cl.id = id;
    cl.term = -1;
    cl.as_of_day = NAN;
    const char *as_of = json_string_value(json_object_get(obj, "as_of"));
    if (as_of) {
        ct_interval iv;
        char why[160];
        if (ct_date_parse(as_of, &iv, why, sizeof why) < 0) {
            snprintf(fptr, sizeof fptr, "%s/as_of", ptr);
            if ((rc = model_error(l, fptr, line, "%s (claim %s)", why, id)) == CT_ENOMEM)
                return rc;
            bad = 1;
        } else {
            cl.as_of_day = iv.lo;
        }
    }
    json_t *value = json_object_get(obj, "value");
    if (pi >= 0) {
        rc = load_value(l, &cl, &t->properties[pi], value, ptr, line);
        if (rc == CT_ENOMEM)
            return rc;
        if (rc < 0)
            bad = 1;
    }
    if (bad)
        return CT_EINVALID;

    const ct_property *p = &t->properties[pi];
    char display[256];
    ct_value_describe(value, p->type, p->unit, display, sizeof display);
    if (p->type == CT_TYPE_TERM && p->terms[cl.term].label)
        snprintf(display, sizeof display, "%s", p->terms[cl.term].label);
    /* most values are short: dump into the stack, fall back to the heap */
    char vbuf[256];
    const size_t vflags = JSON_COMPACT | JSON_ENCODE_ANY | JSON_SORT_KEYS;
    size_t vlen = json_dumpb(value, vbuf, sizeof vbuf, vflags);
    char *vheap = NULL;
    if (vlen == 0 || vlen >= sizeof vbuf) {
        if (!(vheap = json_dumps(value, vflags)))
            return CT_ENOMEM;
        vlen = strlen(vheap);
    }
    const char *vjson = vheap ? vheap : vbuf;
    int oom = 0;
    cl.id = copy(c, id);
    cl.topic = (uint32_t)ti;
    cl.property = (uint32_t)pi;
    cl.subject = intern(c, canonical);
    cl.source = intern(c, source);
    cl.quote = copy(c, json_string_value(json_object_get(obj, "quote")));
    cl.claimant = opt_copy(c, obj, "claimant", 1, &oom);
    cl.hedge = opt_copy(c, obj, "hedge", 1, &oom);
    cl.locator = opt_copy(c, obj, "locator", 0, &oom);
    cl.note = opt_copy(c, obj, "note", 0, &oom);
    cl.as_of = opt_copy(c, obj, "as_of", 1, &oom);
    const char *stance = json_string_value(json_object_get(obj, "stance"));
    cl.denies = stance && strcmp(stance, "denies") == 0;
    cl.value_json = ct_strtab_intern(&c->strings, vjson, vlen);
    free(vheap);
    cl.display = intern(c, display);
    cl.file = intern(c, l->file);
    cl.line = line;
    if (oom || !cl.id || !cl.subject || !cl.source || !cl.quote || !cl.value_json || !cl.display ||
        !cl.file)
        return CT_ENOMEM;
    if ((rc = grow((void **)&c->claims, &c->alloc_claims, c->n_claims, sizeof *c->claims)) < 0)
        return rc;
    c->claims[c->n_claims] = cl;
    if ((rc = id_insert(c, c->n_claims)) < 0)
        return rc;
    c->n_claims++;
    return 0;
}

static int load_topic(load_ctx *l, json_t *doc, id_lines *lines, const char *base)
{
    ct_corpus *c = l->c;
    ct_schema *schema;
    int rc = get_schema(c, 0, &schema);
    if (rc < 0)
        return rc;
    rc = ct_schema_validate(schema, "", doc, l->file, base, l->diags);
    if (rc < 0)
        return rc;
    if (rc > 0)
        note_result(l, CT_EINVALID);
    if (!json_is_object(doc) || !json_is_string(json_object_get(doc, "topic")))
        return CT_EINVALID;
    size_t ti = 0;
    if ((rc = load_topic_head(l, doc, &ti)) < 0)
        return rc;
    size_t i;
    json_t *claim;
    json_array_foreach(json_object_get(doc, "claims"), i, claim)
    {
        char ptr[96];
        snprintf(ptr, sizeof ptr, "%s/claims/%zu", base, i);
        const char *id = json_string_value(json_object_get(claim, "id"));
        int line = id ? id_lines_take(lines, id) : 0;
        /* the schema has already reported a malformed claim; skip it here */
        rc = ct_schema_validate(schema, "/$defs/claim", claim, l->file, ptr, NULL);
        if (rc < 0)
            return rc;
        if (rc > 0)
            continue;
        rc = load_claim(l, claim, ti, ptr, line);
        if (rc == CT_ENOMEM)
            return rc;
    }
    return 0;
}

static int load_jsonl_stream(load_ctx *l, FILE *f, const char *path);
static int read_input(load_ctx *l, const char *path, char **text, size_t *len, FILE **stream);

static void report_progress(load_ctx *l, FILE *f, long long total)
{
    if (l->opts && l->opts->progress)
        l->opts->progress(l->file, (long long)ftello(f), total, l->c->n_claims, l->opts->progress_payload);
}

static int load_jsonl(load_ctx *l, const char *path)
{
    FILE *f;
    char *text;
    size_t len;
    int rc = read_input(l, path, &text, &len, &f);
    if (rc != 0)
        return rc == 1 ? 0 : rc;
    if (f)
        return load_jsonl_stream(l, f, path);
    /* a pipe or FIFO given by name: read whole (up to the limit) */
    if (!len) {
        ct_free(text);
        return 0;
    }
    if (!(f = fmemopen(text, len, "rb"))) {
        ct_free(text);
        note_result(l, CT_ENOMEM);
        return CT_ENOMEM;
    }
    rc = load_jsonl_stream(l, f, path);
    ct_free(text);
    return rc;
}

/* Read claims line by line: memory stays bounded by the longest line. */
/* One JSONL line.  `ready`, when not NULL, is the line already parsed and
 * found valid by a worker thread, which keeps it and frees it (memory goes
 * back to the thread that allocated it); otherwise the line is parsed and
 * validated here, with every diagnostic. */
static int load_jsonl_line(load_ctx *l, ct_schema *schema, const char *line, size_t k, int lineno,
                           json_t *ready)
{
    ct_corpus *c = l->c;
    int rc = 0;
    json_t *obj = ready;
    if (!obj) {
        json_error_t err;
        if ((rc = check_nul(l, line, k, lineno - 1)) < 0)
            return rc == CT_ENOMEM ? rc : 0;
        obj = json_loadb(line, k, JSON_LOAD_FLAGS, &err);
        if (!obj) {
            err.line = 0; /* one line: report the file's line */
            rc = parse_error(l, &err, lineno);
            return rc == CT_ENOMEM ? rc : 0;
        }
        rc = ct_schema_validate(schema, "/$defs/jsonlClaim", obj, l->file, "", NULL);
    }
    if (rc >= 0) {
        /* NUL and control characters: the claim is refused */
        int bad = check_document(l, obj, lineno);
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
        for (size_t d = 0; rc >= 0 && d < local.count; d++)
            if (ct_diag_add(l->diags, CT_DIAG_ERROR, l->file, lineno, 0, local.items[d].pointer, "%s",
                            local.items[d].message) < 0)
                rc = CT_ENOMEM;
        if (local.oom)
            rc = CT_ENOMEM;
        ct_diag_list_dispose(&local);
        if (rc >= 0) {
            note_result(l, CT_EINVALID);
            rc = 0;
        }
    } else if (rc == 0) {
        size_t ti;
        const char *topic = json_string_value(json_object_get(obj, "topic"));
        if (!topic_find(c, topic, &ti))
            rc = model_error(l, "/topic", lineno, "unknown topic \"%s\" (claim %s)", topic,
                             json_string_value(json_object_get(obj, "id")));
        else
            rc = load_claim(l, obj, ti, "", lineno);
    }
    if (!ready)
        json_decref(obj);
    return rc == CT_ENOMEM ? rc : 0;
}

static size_t trim_line(const char *line, size_t n)
{
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
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
#define BATCH_LINES 512
#define RING 8

enum { SLOT_EMPTY, SLOT_FILLED, SLOT_WORKING, SLOT_DONE };

typedef struct {
    int state;
    int first_lineno;
    size_t n;                  /* lines in the batch */
    char *text;                /* the lines, back to back */
    size_t text_len, text_cap;
    size_t offset[BATCH_LINES + 1];
    int lineno[BATCH_LINES];
    json_t *doc[BATCH_LINES];  /* parsed and valid, or NULL */
} batch;

typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    batch ring[RING];
    size_t filled;             /* batches filled so far */
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
    json_error_t err;
    json_t *doc = json_loadb(ct_embedded_topic_schema, ct_embedded_topic_schema_len, 0, &err);
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
            json_t *obj = schema && !memchr(line, '\0', k) ? json_loadb(line, k, JSON_LOAD_FLAGS, NULL) : NULL;
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
    memcpy(b->text + b->text_len, line, k);
    b->offset[b->n] = b->text_len;
    b->text_len += k;
    b->offset[b->n + 1] = b->text_len;
    b->lineno[b->n++] = lineno;
    return 0;
}

static int load_jsonl_parallel(load_ctx *l, ct_schema *schema, FILE *f, int jobs, long long total)
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
                size_t skip = ++lineno == 1 ? bom_length(line, k) : 0;
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
                                 b->lineno[i], b->doc[i]);
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
    }
    pthread_cond_destroy(&p->changed);
    pthread_mutex_destroy(&p->lock);
    ct_free(p);
    free(line);
    return started == 0 && rc == 0 ? 1 : rc; /* 1: no thread could start */
}

/* Read claims line by line: memory stays bounded by the longest line. */
static int load_jsonl_stream(load_ctx *l, FILE *f, const char *path)
{
    ct_schema *schema;
    int rc = get_schema(l->c, 0, &schema);
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
            size_t skip = ++lineno == 1 ? bom_length(line, k) : 0;
            if (k > skip)
                rc = load_jsonl_line(l, schema, line + skip, k - skip, lineno, NULL);
            if (lineno % 4096 == 0)
                report_progress(l, f, total);
        }
        free(line);
    }
    int err = ferror(f);
    fclose(f);
    if (rc == CT_ENOMEM) {
        note_result(l, rc);
        return rc;
    }
    if (err) {
        rc = ct_diag_add(l->diags, CT_DIAG_ERROR, path, 0, 0, NULL, "read error");
        note_result(l, rc < 0 ? rc : CT_EIO);
        return CT_EIO;
    }
    return 0;
}

/* ---- collecting files -------------------------------------------------- */

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static const char *base_name(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

typedef struct {
    char **items;
    size_t count, alloc;
} path_list;

static int path_add(path_list *pl, const char *path)
{
    int rc = grow((void **)&pl->items, &pl->alloc, pl->count, sizeof *pl->items);
    if (rc < 0)
        return rc;
    if (!(pl->items[pl->count] = ct_strdup(path)))
        return CT_ENOMEM;
    pl->count++;
    return 0;
}

static int is_corpus_file(const char *name)
{
    if (name[0] == '.')
        return 0;
    if (strcmp(name, "reviews.json") == 0 || has_suffix(name, ".schema.json"))
        return 0;
    return has_suffix(name, ".json") || has_suffix(name, ".jsonl") || has_suffix(name, ".xml");
}

static int strcmp_ptr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The folders being read, innermost first: a link back to one is a loop. */
typedef struct dir_chain {
    dev_t dev;
    ino_t ino;
    const struct dir_chain *up;
} dir_chain;

static const char *file_kind(mode_t m)
{
    return S_ISFIFO(m) ? "a FIFO" : S_ISCHR(m) ? "a character device" : S_ISBLK(m) ? "a block device"
         : S_ISSOCK(m) ? "a socket" : S_ISDIR(m) ? "a folder" : "not a regular file";
}

static int walk_warning(load_ctx *l, const char *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int walk_warning(load_ctx *l, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = ct_diag_addv(l->diags, CT_DIAG_WARNING, path, 0, 0, NULL, fmt, ap);
    va_end(ap);
    return rc < 0 ? rc : 0;
}

/* Gather the files under `path`.  A path given on the command line is read
 * whatever it is (standard input, a pipe, a FIFO: up to the size limit); in
 * folders, only regular files are taken, and links that lead nowhere or back
 * into a folder being read are skipped with one warning each. */
static int collect(load_ctx *l, const char *path, path_list *pl, int explicit_file, int depth,
                   const dir_chain *up)
{
    struct stat st;
    int rc;
    if (explicit_file && strcmp(path, "-") == 0)
        return path_add(pl, path); /* standard input */
    if (!explicit_file) {
        if (lstat(path, &st) != 0) {
            if (errno == ENOENT)
                return 0; /* listed, then gone: a temporary file of a concurrent writer */
            rc = ct_diag_add(l->diags, CT_DIAG_ERROR, path, 0, 0, NULL, "cannot read: %s", strerror(errno));
            note_result(l, rc < 0 ? rc : CT_EIO);
            return rc < 0 ? rc : 0;
        }
        if (S_ISLNK(st.st_mode) && stat(path, &st) != 0) {
            if (errno == ENOENT)
                return walk_warning(l, path, "dangling symbolic link (its target does not exist), skipped");
            if (errno == ELOOP)
                return walk_warning(l, path, "symbolic link loop, skipped");
            return walk_warning(l, path, "cannot follow symbolic link: %s, skipped", strerror(errno));
        }
    } else if (stat(path, &st) != 0) {
        rc = ct_diag_add(l->diags, CT_DIAG_ERROR, path, 0, 0, NULL, "cannot read: %s", strerror(errno));
        note_result(l, rc < 0 ? rc : CT_EIO);
        return rc < 0 ? rc : 0;
    }
    if (!S_ISDIR(st.st_mode)) {
        if (explicit_file)
            return path_add(pl, path);
        if (!is_corpus_file(base_name(path)))
            return 0;
        if (!S_ISREG(st.st_mode))
            return walk_warning(l, path, "%s, not a regular file: skipped (name it on the command line to read it)",
                                file_kind(st.st_mode));
        return path_add(pl, path);
    }
    for (const dir_chain *a = up; a; a = a->up)
        if (a->dev == st.st_dev && a->ino == st.st_ino)
            return walk_warning(l, path, "symbolic link loop (leads back to a folder being read), skipped");
    if (depth > 32)
        return walk_warning(l, path, "folders nested more than 32 deep, skipped");
    DIR *d = opendir(path);
    if (!d) {
        rc = ct_diag_add(l->diags, CT_DIAG_ERROR, path, 0, 0, NULL, "cannot read folder: %s", strerror(errno));
        note_result(l, rc < 0 ? rc : CT_EIO);
        return rc < 0 ? rc : 0;
    }
    dir_chain me = {st.st_dev, st.st_ino, up};
    path_list local = {0};
    struct dirent *e;
    rc = 0;
    while (rc == 0 && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        size_t n = strlen(path) + strlen(e->d_name) + 2;
        char *child = ct_malloc(n);
        if (!child) {
            rc = CT_ENOMEM;
            break;
        }
        snprintf(child, n, "%s%s%s", path, has_suffix(path, "/") ? "" : "/", e->d_name);
        rc = path_add(&local, child);
        ct_free(child);
    }
    closedir(d);
    if (rc == 0 && local.count) /* qsort takes no NULL array, even empty */
        qsort(local.items, local.count, sizeof *local.items, strcmp_ptr);
    for (size_t i = 0; i < local.count; i++) {
        if (rc == 0)
            rc = collect(l, local.items[i], pl, 0, depth + 1, &me);
        ct_free(local.items[i]);
    }
    ct_free(local.items);
    return rc;
}

/* ---- reading inputs ----------------------------------------------------- */

#define DEFAULT_MAX_INPUT (4ULL << 30)
#define INPUT_TOO_BIG 1

static int is_given(const load_ctx *l, const char *path)
{
    for (size_t i = 0; i < l->n_given; i++)
        if (strcmp(l->given[i], path) == 0)
            return 1;
    return 0;
}

/* Read `fd` to its end into a new NUL-terminated buffer; more than `cap`
 * bytes (0: no limit) is INPUT_TOO_BIG.  Returns 0, INPUT_TOO_BIG, CT_EIO
 * (errno set) or CT_ENOMEM. */
static int read_fd(int fd, unsigned long long cap, size_t hint, char **out, size_t *len)
{
    size_t alloc = hint + 1 > 4096 ? hint + 1 : 4096, n = 0;
    char *buf = ct_malloc(alloc);
    if (!buf)
        return CT_ENOMEM;
    for (;;) {
        if (n + 1 >= alloc) {
            char *nb = alloc > ((size_t)-1) / 4 ? NULL : ct_realloc(buf, alloc * 2);
            if (!nb) {
                ct_free(buf);
                return CT_ENOMEM;
            }
            buf = nb;
            alloc *= 2;
        }
        size_t want = alloc - n - 1;
        if (cap && want > cap + 1 - n)
            want = (size_t)(cap + 1 - n); /* one byte past the limit tells */
        ssize_t got = read(fd, buf + n, want);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int e = errno;
            ct_free(buf);
            errno = e;
            return CT_EIO;
        }
        if (got == 0)
            break;
        n += (size_t)got;
        if (cap && n > cap) {
            ct_free(buf);
            return INPUT_TOO_BIG;
        }
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}

static int input_error(load_ctx *l, const char *path, int rc)
{
    if (rc == CT_ENOMEM) {
        note_result(l, rc);
        return rc;
    }
    unsigned long long cap = l->opts && l->opts->max_input_size ? l->opts->max_input_size : DEFAULT_MAX_INPUT;
    int r = rc == INPUT_TOO_BIG
                ? ct_diag_add(l->diags, CT_DIAG_ERROR, path, 0, 0, NULL,
                              "input larger than %llu bytes, the size limit for pipes and other "
                              "non-regular inputs (raise it with --max-input-size)", cap)
                : ct_diag_add(l->diags, CT_DIAG_ERROR, path, 0, 0, NULL, "cannot read: %s", strerror(errno));
    note_result(l, r < 0 ? r : CT_EIO);
    return r < 0 ? r : CT_EIO;
}

/* Open and read one input.  A file found in a folder must still be a regular
 * file when opened: it is opened without blocking (a FIFO put there
 * meanwhile cannot hang the run) and skipped otherwise.  Standard input and
 * other non-regular inputs given by name are read up to the size limit.
 * With `stream` (JSONL), a regular file is returned as *stream instead of
 * being read.  Returns 0, 1 (skipped, warned), CT_EIO or CT_ENOMEM. */
static int read_input(load_ctx *l, const char *path, char **text, size_t *len, FILE **stream)
{
    unsigned long long cap = l->opts && l->opts->max_input_size ? l->opts->max_input_size : DEFAULT_MAX_INPUT;
    int rc;
    *text = NULL;
    *len = 0;
    if (stream)
        *stream = NULL;
    if (strcmp(path, "-") == 0) {
        struct stat in;
        int regular = fstat(STDIN_FILENO, &in) == 0 && S_ISREG(in.st_mode); /* `< file`: no limit */
        rc = read_fd(STDIN_FILENO, regular ? 0 : cap, 0, text, len);
        return rc ? input_error(l, path, rc) : 0;
    }
    int given = is_given(l, path);
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | (given ? 0 : O_NONBLOCK));
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        errno = e;
        return input_error(l, path, CT_EIO);
    }
    if (!S_ISREG(st.st_mode) && !given) {
        close(fd);
        rc = walk_warning(l, path, "%s, not a regular file: skipped", file_kind(st.st_mode));
        return rc < 0 ? rc : 1;
    }
    if (!given && fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0) {
        close(fd);
        return input_error(l, path, CT_EIO);
    }
    if (S_ISREG(st.st_mode) && stream) {
        if (!(*stream = fdopen(fd, "rb"))) {
            int e = errno;
            close(fd);
            errno = e;
            return input_error(l, path, e == ENOMEM ? CT_ENOMEM : CT_EIO);
        }
        return 0;
    }
    size_t hint = S_ISREG(st.st_mode) && (unsigned long long)st.st_size < ((size_t)-1) / 4 ? (size_t)st.st_size : 0;
    rc = read_fd(fd, S_ISREG(st.st_mode) ? 0 : cap, hint, text, len);
    int e = errno;
    close(fd);
    errno = e;
    return rc ? input_error(l, path, rc) : 0;
}

/* ---- quote grounding ---------------------------------------------------- */

/* Decode one UTF-8 sequence at s (n bytes left); returns its length (1 for an
 * invalid byte, which then stands for itself). */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
    if (s[0] < 0x80 || n < 2) {
        *cp = s[0];
        return 1;
    }
    if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
        *cp = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
        return 2;
    }
    if ((s[0] & 0xF0) == 0xE0 && n >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
        *cp = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
        return 3;
    }
    *cp = s[0];
    return 1;
}

char *ct_text_fold(const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    char *out = ct_malloc(n * 3 + 1); /* an ellipsis (3 bytes) becomes "..." */
    if (!out)
        return NULL;
    size_t o = 0;
    int space = 1; /* drop leading whitespace */
    for (size_t i = 0; i < n;) {
        unsigned cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        int is_space = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 ||
                       cp == 0x2009 || cp == 0x202F || cp == 0x200A || cp == 0x2002 || cp == 0x2003;
        if (is_space) {
            if (!space)
                out[o++] = ' ';
            space = 1;
            i += k;
            continue;
        }
        space = 0;
        if (cp == '\'' || cp == '"' || cp == 0x2018 || cp == 0x2019 || cp == 0x201A ||
            cp == 0x201B || cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x201F ||
            cp == 0xAB || cp == 0xBB || cp == 0x2032 || cp == 0x2033 || cp == 0x2039 || cp == 0x203A) {
            out[o++] = '"';
        } else if (cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212) {
            out[o++] = '-';
        } else if (cp == 0x2026) {
            memcpy(out + o, "...", 3);
            o += 3;
        } else {
            memcpy(out + o, s + i, k);
            o += k;
        }
        i += k;
    }
    while (o && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
    return out;
}

typedef struct {
    const char *source;
    char *folded; /* NULL when unreadable */
} archive_text;

/* Read the archived text of source `s`: its "archive" path, relative to the
 * archive folder `root_real` (resolved), must resolve, links included, to a
 * regular file inside that folder.  Returns 0 with *raw set, 1 when refused
 * or unreadable (reported), or CT_ENOMEM. */
static int read_archive(load_ctx *l, const ct_source *s, const char *root, const char *root_real,
                        char **raw, size_t *len)
{
    char ptr[300];
    snprintf(ptr, sizeof ptr, "/sources/%s/archive", s->id);
    size_t n = strlen(root) + strlen(s->archive) + 2;
    char *path = ct_malloc(n);
    if (!path)
        return CT_ENOMEM;
    snprintf(path, n, "%s/%s", root, s->archive);
    int rc = 0;
    char *real = realpath(path, NULL);
    size_t k = strlen(root_real);
    struct stat st;
    int fd = -1;
    if (!real && errno == ENOMEM) {
        rc = CT_ENOMEM;
    } else if (!real) {
        rc = ct_diag_add(l->diags, CT_DIAG_ERROR, s->file, 0, 0, ptr,
                         "cannot read the archived text of source \"%s\" (%s): %s", s->id, path,
                         strerror(errno));
    } else if (strncmp(real, root_real, k) != 0 ||
               (real[k] != '/' && strcmp(root_real, "/") != 0)) {
        rc = ct_diag_add(l->diags, CT_DIAG_ERROR, s->file, 0, 0, ptr,
                         "archive \"%s\" of source \"%s\" resolves to %s, outside the archive folder %s "
                         "(expected a file inside it)", s->archive, s->id, real, root);
    } else if ((fd = open(real, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)) < 0 ||
               fstat(fd, &st) != 0) {
        rc = ct_diag_add(l->diags, CT_DIAG_ERROR, s->file, 0, 0, ptr,
                         "cannot read the archived text of source \"%s\" (%s): %s", s->id, path,
                         strerror(errno));
    } else if (!S_ISREG(st.st_mode)) {
        rc = ct_diag_add(l->diags, CT_DIAG_ERROR, s->file, 0, 0, ptr,
                         "archive \"%s\" of source \"%s\" is %s (expected a regular file)", s->archive,
                         s->id, file_kind(st.st_mode));
    } else {
        int r = read_fd(fd, 0, (size_t)st.st_size, raw, len);
        if (r == CT_ENOMEM)
            rc = r;
        else if (r != 0)
            rc = ct_diag_add(l->diags, CT_DIAG_ERROR, s->file, 0, 0, ptr,
                             "cannot read the archived text of source \"%s\" (%s): %s", s->id, path,
                             strerror(errno));
        else
            rc = 2; /* read */
    }
    if (fd >= 0)
        close(fd);
    free(real);
    ct_free(path);
    if (rc == 2)
        return 0;
    if (rc == 0)
        note_result(l, CT_EIO);
    return rc < 0 ? CT_ENOMEM : 1;
}

static int check_quotes(load_ctx *l, const char *root)
{
    ct_corpus *c = l->c;
    char *root_real = realpath(root, NULL);
    if (!root_real) {
        int rc = errno == ENOMEM ? CT_ENOMEM
                                 : ct_diag_add(l->diags, CT_DIAG_ERROR, root, 0, 0, NULL,
                                               "cannot read the archive folder: %s", strerror(errno));
        note_result(l, rc < 0 ? rc : CT_EIO);
        return rc < 0 ? rc : 0;
    }
    archive_text *texts = ct_calloc(c->n_sources, sizeof *texts);
    int rc = 0;
    if (!texts) {
        free(root_real);
        return CT_ENOMEM;
    }
    for (size_t i = 0; i < c->n_sources && rc == 0; i++) {
        const ct_source *s = &c->sources[i];
        texts[i].source = s->id;
        if (!s->archive)
            continue;
        char *raw;
        size_t len;
        int r = read_archive(l, s, root, root_real, &raw, &len);
        if (r < 0) {
            rc = r;
        } else if (r == 0) {
            texts[i].folded = ct_text_fold(raw, len);
            ct_free(raw);
            if (!texts[i].folded)
                rc = CT_ENOMEM;
        }
    }
    free(root_real);
    for (size_t i = 0; i < c->n_claims && rc == 0; i++) {
        const ct_claim *cl = &c->claims[i];
        size_t si;
        for (si = 0; si < c->n_sources; si++)
            if (c->sources[si].id == cl->source)
                break;
        if (si == c->n_sources || !texts[si].folded) {
            if (si < c->n_sources && !c->sources[si].archive) {
                l->file = cl->file;
                rc = model_error(l, NULL, cl->line, "claim %s: source \"%s\" has no archive to check its quote against",
                                 cl->id, cl->source);
                rc = rc == CT_ENOMEM ? rc : 0;
            }
            continue;
        }
        char *q = ct_text_fold(cl->quote, strlen(cl->quote));
        if (!q) {
            rc = CT_ENOMEM;
            break;
        }
        if (!strstr(texts[si].folded, q)) {
            l->file = cl->file;
            rc = model_error(l, NULL, cl->line,
                             "claim %s: quote not found in the archived text of source \"%s\": \"%.60s%s\"",
                             cl->id, cl->source, cl->quote, strlen(cl->quote) > 60 ? "..." : "");
            rc = rc == CT_ENOMEM ? rc : 0;
        }
        ct_free(q);
    }
    for (size_t i = 0; i < c->n_sources; i++)
        ct_free(texts[i].folded);
    ct_free(texts);
    return rc;
}

/* ---- the loader --------------------------------------------------------- */

enum { KIND_SOURCES, KIND_TOPIC, KIND_BUNDLE };

/* A parsed JSON or XML file, waiting for its turn in the load order. */
typedef struct {
    const char *file;
    json_t *doc;
    id_lines lines;
    int kind;
} parsed_doc;

static int is_jsonl(const char *path) { return has_suffix(path, ".jsonl"); }

static int kind_of(const char *path, const json_t *doc)
{
    const char *b = base_name(path);
    if (json_is_object(doc) && !json_object_get(doc, "topic") && json_is_array(json_object_get(doc, "topics")))
        return KIND_BUNDLE;
    if (strcmp(b, "sources.json") == 0 || has_suffix(b, ".sources.json") ||
        (json_is_object(doc) && json_object_get(doc, "sources") && !json_object_get(doc, "topic")))
        return KIND_SOURCES;
    return KIND_TOPIC;
}

static int id_lines_from_json(ct_corpus *c, const json_t *map, id_lines *m)
{
    const char *id;
    json_t *line;
    size_t n = json_object_size(map);
    if (!n)
        return 0;
    m->ids = ct_calloc(n, sizeof *m->ids);
    m->lines = ct_calloc(n, sizeof *m->lines);
    if (!m->ids || !m->lines)
        return CT_ENOMEM;
    m->alloc = n;
    json_object_foreach((json_t *)map, id, line)
    {
        if (!(m->ids[m->count] = intern(c, id)))
            return CT_ENOMEM;
        m->lines[m->count++] = (int)json_integer_value(line);
    }
    return 0;
}

/* Parse `text` (taken: freed here) of file `path`. */
static int parse_text(load_ctx *l, const char *path, char *text, size_t len, parsed_doc *out)
{
    int rc;
    memset(out, 0, sizeof *out);
    out->file = path;
    size_t bom = bom_length(text, len);
    size_t lead = bom + strspn(text + bom, " \t\r\n");
    if (has_suffix(path, ".xml") || (strcmp(path, "-") == 0 && lead < len && text[lead] == '<')) {
        json_t *lines = NULL;
        rc = ct_xml__read(path, text, len, &out->doc, &lines, &l->c->cache->xsd, l->diags);
        ct_free(text);
        if (rc == 0)
            rc = id_lines_from_json(l->c, lines, &out->lines);
        json_decref(lines);
        if (rc < 0) {
            note_result(l, rc);
            return rc;
        }
    } else {
        json_error_t err;
        if ((rc = check_nul(l, text, len, 0)) < 0) {
            ct_free(text);
            return rc;
        }
        out->doc = json_loadb(text + bom, len - bom, JSON_LOAD_FLAGS, &err);
        if (!out->doc) {
            ct_free(text);
            return parse_error(l, &err, 0);
        }
        if ((rc = check_document(l, out->doc, 0)) == CT_ENOMEM) {
            ct_free(text);
            return rc;
        }
        rc = id_lines_scan(l->c, text, len, &out->lines);
        ct_free(text);
        if (rc < 0) {
            note_result(l, rc);
            return rc;
        }
    }
    out->kind = kind_of(path, out->doc);
    return 0;
}

static int parse_file(load_ctx *l, const char *path, parsed_doc *out)
{
    char *text;
    size_t len;
    memset(out, 0, sizeof *out);
    int rc = read_input(l, path, &text, &len, NULL);
    if (rc != 0)
        return rc; /* reported; 1: skipped */
    return parse_text(l, path, text, len, out);
}

/* A bundle: {"sources": {...}, "topics": [topic, ...]} as export writes. */
static int check_bundle(load_ctx *l, json_t *doc)
{
    const char *key;
    json_t *v;
    int rc = 0;
    json_object_foreach(doc, key, v)
    {
        if (strcmp(key, "sources") && strcmp(key, "topics") && strcmp(key, "$schema") && strcmp(key, "claimtrack")) {
            char ptr[300];
            snprintf(ptr, sizeof ptr, "/%s", key);
            if ((rc = model_error(l, ptr, 0, "property \"%s\" is not allowed in a corpus file", key)) == CT_ENOMEM)
                return rc;
        }
    }
    return 0;
}

static int load_parsed(load_ctx *l, parsed_doc *d, int pass)
{
    int rc = 0;
    l->file = d->file;
    if (pass == 0 && d->kind == KIND_SOURCES)
        return load_sources(l, d->doc);
    if (pass == 1 && d->kind == KIND_TOPIC)
        return load_topic(l, d->doc, &d->lines, "");
    if (d->kind != KIND_BUNDLE)
        return 0;
    if (pass == 0) {
        if ((rc = check_bundle(l, d->doc)) < 0)
            return rc;
        json_t *src = json_object_get(d->doc, "sources");
        if (!src)
            return 0;
        json_t *wrap = json_pack("{sO}", "sources", src);
        if (!wrap)
            return CT_ENOMEM;
        rc = load_sources(l, wrap);
        json_decref(wrap);
        return rc;
    }
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(d->doc, "topics"), i, t)
    {
        char base[48];
        snprintf(base, sizeof base, "/topics/%zu", i);
        if ((rc = load_topic(l, t, &d->lines, base)) == CT_ENOMEM)
            return rc;
    }
    return 0;
}

int ct_corpus_load_memory(ct_corpus *c, const char *name, const char *text, size_t len,
                          const ct_corpus_options *opts, ct_diag_list *diags)
{
    load_ctx l = {c, diags, NULL, 0, opts, NULL, 0};
    if (opts && opts->cache)
        c->cache = opts->cache;
    int rc = 0;
    l.file = intern(c, name);
    if (!l.file)
        return CT_ENOMEM;
    if (is_jsonl(name)) {
        FILE *f = len ? fmemopen((void *)text, len, "rb") : NULL;
        if (!f)
            return len ? CT_ENOMEM : 0;
        rc = load_jsonl_stream(&l, f, l.file);
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
        id_lines_dispose(&d.lines);
    }
    if (rc == CT_ENOMEM || diags->oom)
        return CT_ENOMEM;
    return l.worst;
}

int ct_corpus_load(ct_corpus *c, const char *const *paths, size_t n_paths,
                   const ct_corpus_options *opts, ct_diag_list *diags)
{
    load_ctx l = {c, diags, NULL, 0, opts, paths, n_paths};
    path_list files = {0};
    if (opts && opts->cache)
        c->cache = opts->cache;
    parsed_doc *docs = NULL;
    size_t n_docs = 0;
    int rc = 0;
    for (size_t i = 0; i < n_paths && rc == 0; i++)
        rc = collect(&l, paths[i], &files, 1, 0, NULL);
    if (rc == 0 && files.count == 0 && l.worst == 0) {
        /* nothing to check is a misconfiguration, not a clean corpus */
        char where[600] = "";
        for (size_t i = 0; i < n_paths; i++) {
            size_t k = strlen(where);
            snprintf(where + k, sizeof where - k, "%s%s", i ? ", " : "", paths[i]);
        }
        rc = ct_diag_add(diags, CT_DIAG_ERROR, NULL, 0, 0, NULL,
                         "no claim files in %s (expected *.json, *.jsonl or *.xml files)", where);
        note_result(&l, rc < 0 ? rc : CT_EIO);
    }
    if (rc == 0 && files.count && !(docs = ct_calloc(files.count, sizeof *docs)))
        rc = CT_ENOMEM;
    /* parse every file, then load in dependency order: sources, topics, JSONL */
    for (size_t i = 0; i < files.count && rc != CT_ENOMEM; i++) {
        const char *file = intern(c, files.items[i]);
        if (!file || grow((void **)&c->files, &c->alloc_files, c->n_files, sizeof *c->files) < 0) {
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
            id_lines_dispose(&docs[n_docs].lines);
        }
    }
    for (int pass = 0; pass < 2 && rc != CT_ENOMEM; pass++)
        for (size_t i = 0; i < n_docs && rc != CT_ENOMEM; i++)
            rc = load_parsed(&l, &docs[i], pass);
    for (size_t i = 0; i < files.count && rc != CT_ENOMEM; i++) {
        if (!is_jsonl(files.items[i]))
            continue;
        l.file = intern(c, files.items[i]);
        rc = l.file ? load_jsonl(&l, l.file) : CT_ENOMEM;
    }
    for (size_t i = 0; i < n_docs; i++) {
        json_decref(docs[i].doc);
        id_lines_dispose(&docs[i].lines);
    }
    ct_free(docs);
    for (size_t i = 0; i < files.count; i++)
        ct_free(files.items[i]);
    ct_free(files.items);
    if (rc != CT_ENOMEM && opts && opts->archive_root)
        rc = check_quotes(&l, opts->archive_root);
    if (rc == CT_ENOMEM || diags->oom)
        return CT_ENOMEM;
    return l.worst;
}
