/*
 * json.c - JSON corpus documents: parse errors, text checks, claim id lines.
 *
 * Each JSON document is checked for text claimtrack refuses (NUL bytes,
 * control characters) before the schema and model checks; the line of every
 * claim id is found in the raw text to locate diagnostics.
 */
#include "claimtrack/common.h"
#include "embedded.h"
#include "corpus_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>

/* ---- reading files ------------------------------------------------------ */

void ct_corpus__id_lines_dispose(ct_id_lines *m)
{
    ct_free((void *)m->ids);
    ct_free(m->lines);
    ct_free(m->next);
    ct_free(m->names);
    ct_namemap__dispose(&m->first);
}

/* Index the ids not yet taken (taken ones are NULL): each id maps to its
 * first occurrence, and each occurrence links to the next one of the same
 * id. */
static int id_lines_index(ct_id_lines *m)
{
    if (!m->count)
        return 0;
    if (!(m->next = ct_calloc(m->count, sizeof *m->next)) ||
        ct_namemap__reserve(&m->first, m->count) < 0)
        return CT_ENOMEM;
    for (size_t i = m->count; i-- > 0;) {
        if (!m->ids[i])
            continue;
        size_t *after = ct_namemap__find(&m->first, m->ids[i]);
        m->next[i] = after ? *after : SIZE_MAX;
        if (after)
            *after = i;
        else if (ct_namemap__add(&m->first, m->ids[i], i, NULL) < 0)
            return CT_ENOMEM;
    }
    return 0;
}

/* Record the line of every `"id": "<value>"` in text.  The ids are copied
 * back to back into one buffer (a file of a million claims would otherwise
 * intern a million strings it needs only while it loads). */
int ct_corpus__id_lines_scan(ct_corpus *c, const char *text, size_t len, ct_id_lines *m)
{
    (void)c;
    int line = 1;
    size_t *at = NULL; /* offsets into m->names until it stops moving */
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
            size_t *grown_at = ct_reallocarray(at, n, sizeof *at);
            if (!grown_at)
                goto oom;
            at = grown_at;
            int *lines = ct_reallocarray(m->lines, n, sizeof *lines);
            if (!lines)
                goto oom;
            m->lines = lines;
            m->alloc = n;
        }
        size_t k = j - start;
        if (m->names_len + k + 1 > m->names_cap) {
            size_t cap = m->names_cap ? m->names_cap * 2 : 4096;
            while (cap < m->names_len + k + 1)
                cap *= 2;
            char *grown = ct_realloc(m->names, cap);
            if (!grown)
                goto oom;
            m->names = grown;
            m->names_cap = cap;
        }
        memcpy(m->names + m->names_len, text + start, k);
        m->names[m->names_len + k] = '\0';
        at[m->count] = m->names_len;
        m->names_len += k + 1;
        m->lines[m->count++] = line;
        i = j;
    }
    if (m->count && !(m->ids = ct_calloc(m->count, sizeof *m->ids)))
        goto oom;
    for (size_t i = 0; i < m->count; i++)
        m->ids[i] = m->names + at[i];
    ct_free(at);
    return 0; /* indexed when the ids are not taken in their order (take) */
oom:
    ct_free(at);
    m->count = 0; /* m->ids is not filled */
    return CT_ENOMEM;
}

/* The line of the first not yet claimed occurrence of `id`; claiming it
 * lets a repeated id find its own line.  Claims mostly ask in the order
 * their ids were written: a cursor follows them, and the occurrences it
 * passes by (rule ids, say) wait in a short list; when that list fills, the
 * ids left are indexed by name. */
int ct_corpus__id_lines_take(ct_id_lines *m, const char *id)
{
    if (!m->next) {
        for (size_t k = 0; k < m->n_passed; k++) {
            size_t i = m->passed[k];
            if (strcmp(m->ids[i], id) == 0) {
                memmove(m->passed + k, m->passed + k + 1,
                        (m->n_passed - k - 1) * sizeof *m->passed);
                m->n_passed--;
                m->ids[i] = NULL;
                return m->lines[i];
            }
        }
        while (m->cursor < m->count) {
            size_t i = m->cursor++;
            if (strcmp(m->ids[i], id) == 0) {
                m->ids[i] = NULL;
                return m->lines[i];
            }
            if (m->n_passed == sizeof m->passed / sizeof *m->passed) {
                m->cursor--; /* not passed: indexed with the rest */
                if (id_lines_index(m) < 0) {
                    m->oom = 1;
                    return 0;
                }
                break;
            }
            m->passed[m->n_passed++] = i;
        }
        if (!m->next)
            return 0;
    }
    size_t *head = ct_namemap__find(&m->first, id);
    if (!head || *head == SIZE_MAX)
        return 0;
    size_t i = *head;
    *head = m->next[i];
    return m->lines[i];
}

int ct_corpus__schema(ct_corpus *c, int sources, ct_schema **out)
{
    ct_schema **slot = sources ? &c->cache->sources : &c->cache->topic;
    if (!*slot) {
        json_error_t err = {0}; /* jansson leaves it unset when an allocation fails */
        const char *text = sources ? ct_embedded__sources_schema : ct_embedded__topic_schema;
        size_t len = sources ? ct_embedded__sources_schema_len : ct_embedded__topic_schema_len;
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
int ct_corpus__parse_error(ct_load_ctx *l, const json_error_t *err, int line_offset)
{
    int line = err->line > 0 ? err->line + line_offset : line_offset;
    enum json_error_code code = json_error_code(err);
    int kind = code == json_error_duplicate_key || code == json_error_null_byte_in_key ? CT_EINVALID
                                                                                       : CT_EPARSE;
    int bom = strstr(err->text, "\xEF\xBB\xBF") != NULL;
    int rc = ct_diag_add(l->diags, CT_DIAG_ERROR, l->file, line > 0 ? line : 1,
                         err->column > 0 ? err->column : 1, NULL, "%s",
                         bom ? "byte order mark (U+FEFF) out of place (expected JSON text; a BOM "
                               "may only start the file)"
                             : err->text);
    ct_corpus__note(l, rc < 0 ? rc : kind);
    return rc < 0 ? rc : kind;
}

int ct_corpus__exact_numbers(ct_load_ctx *l, json_t **doc, const char *text, size_t len,
                             int ints_as_reals, int line_offset)
{
    size_t bad = 0;
    int rc = ct_jnum__mark_as(doc, text, len, ints_as_reals, &bad);
    if (rc != CT_EPARSE)
        return rc;
    /* the same words and place as jansson's "real number overflow" */
    json_error_t err;
    memset(&err, 0, sizeof err);
    err.line = 1;
    err.column = 1;
    for (size_t i = 0; i < bad; i++) {
        if (text[i] == '\n') {
            err.line++;
            err.column = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            err.column++;
        }
    }
    size_t end = bad;
    while (end < len && end - bad < 60 && strchr("+-0123456789.eE", text[end]) && text[end])
        end++;
    snprintf(err.text, sizeof err.text, "real number underflow near '%.*s'", (int)(end - bad),
             text + bad);
    if (line_offset)
        err.line = 0; /* one JSONL line: its file line */
    int r = ct_corpus__parse_error(l, &err, line_offset);
    return r == CT_ENOMEM ? r : CT_EPARSE;
}

/* jansson stops at a NUL byte as if the text ended there; refuse one. */
int ct_corpus__check_nul(ct_load_ctx *l, const char *text, size_t len, int line_offset)
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
    ct_corpus__note(l, rc < 0 ? rc : CT_EPARSE);
    return rc < 0 ? rc : CT_EPARSE;
}


/* A leading UTF-8 byte order mark (what some Windows editors write) is
 * skipped; anywhere else it stays an error of the parser. */
size_t ct_corpus__bom_length(const char *text, size_t len)
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

void ct_corpus__pointer(char *out, size_t cap, const char *base, ...)
{
    snprintf(out, cap, "%s", base ? base : "");
    va_list ap;
    va_start(ap, base);
    for (const char *seg; (seg = va_arg(ap, const char *));)
        pointer_push(out, cap, seg);
    va_end(ap);
}

/* A NUL or a control character other than tab, LF and CR in `s` (of `n`
 * bytes): an error at `ptr`.  Returns 0, CT_EINVALID or CT_ENOMEM. */
static int check_text(ct_load_ctx *l, const char *s, size_t n, const char *ptr, int line,
                      int is_key)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 0x20 || ch == '\t' || ch == '\n' || ch == '\r')
            continue;
        const char *what = is_key ? "property name" : "string";
        int rc = ch == 0 ? ct_diag_add(l->diags, CT_DIAG_ERROR, l->file, line, 0, ptr,
                                       "NUL character (U+0000) in a %s: text cannot hold one", what)
                         : ct_diag_add(l->diags, CT_DIAG_ERROR, l->file, line, 0, ptr,
                                       "control character U+%04X in a %s (expected text: only tab, "
                                       "line feed and carriage return are allowed)",
                                       ch, what);
        ct_corpus__note(l, rc < 0 ? rc : CT_EINVALID);
        return rc < 0 ? rc : CT_EINVALID;
    }
    return 0;
}

/* Check every string and property name of `v`, located by JSON pointer
 * (`ptr`, a buffer of `cap` bytes, holds the pointer of `v`).  jansson keeps
 * a NUL inside a string (JSON_ALLOW_NUL), which every other reader would cut
 * the string at: it is refused here, with control characters.  Returns 0,
 * CT_EINVALID (reported) or CT_ENOMEM. */
static int check_strings(ct_load_ctx *l, json_t *v, char *ptr, size_t cap, int line)
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

/* jansson refuses raw control characters in strings, so a parsed string
 * holds one only through an escape: \b, \f or \u0000 to \u001F.  Text
 * without such an escape needs no check of its strings. */
int ct_corpus__may_hold_control(const char *text, size_t len)
{
    const char *end = text + len, *p = text;
    while ((p = memchr(p, '\\', (size_t)(end - p))) && end - p >= 2) {
        char e = p[1];
        if (e == 'b' || e == 'f')
            return 1;
        if (e == 'u' && end - p >= 5 && p[2] == '0' && p[3] == '0' && (p[4] == '0' || p[4] == '1'))
            return 1;
        p += 2; /* past the escape: "\\" is one escaped backslash */
    }
    return 0;
}

int ct_corpus__check_document(ct_load_ctx *l, json_t *doc, int line)
{
    char ptr[1024] = "";
    return check_strings(l, doc, ptr, sizeof ptr, line);
}

int ct_corpus__id_lines_from_json(ct_corpus *c, const json_t *map, ct_id_lines *m)
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
        if (!(m->ids[m->count] = ct_corpus__intern(c, id)))
            return CT_ENOMEM;
        m->lines[m->count++] = (int)json_integer_value(line);
    }
    return id_lines_index(m);
}
