/*
 * topicstream.c - a topic file's claims read without holding its tree.
 *
 * A topic file is mostly its "claims" array.  When every element of that
 * array is a claim the reader without a DOM takes (claimline.c), only the
 * rest of the file (the head: topic, properties, subjects, rules) is parsed
 * by jansson, with "claims": [] in place of the array, and the claims are
 * read one at a time from the text when the topic loads.  Replacing one
 * valid JSON array by another leaves a valid document valid, so the head
 * parses exactly when the whole file would; any other file is parsed whole,
 * as before.
 */
#include "claimtrack/common.h"
#include "corpus_int.h"

#include <stdio.h>
#include <string.h>

/* Most bytes of decoded strings one claim may have here; a bigger claim
 * sends its file the generic way. */
#define SCRATCH_MAX (1u << 20)

static const char *skip_space(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

/* Past the string starting at p (its quote); NULL when it does not end. */
static const char *skip_string(const char *p, const char *end)
{
    for (p++; p < end; p++) {
        if (*p == '\\')
            p++;
        else if (*p == '"')
            return p + 1;
    }
    return NULL;
}

/* Past the value starting at p, brackets matched; NULL when they are not
 * (jansson decides what else is wrong with it, on the head). */
static const char *skip_value(const char *p, const char *end)
{
    char stack[256];
    size_t depth = 0;
    do {
        p = skip_space(p, end);
        if (p >= end)
            return NULL;
        char c = *p;
        if (c == '"') {
            if (!(p = skip_string(p, end)))
                return NULL;
        } else if (c == '{' || c == '[') {
            if (depth == sizeof stack)
                return NULL;
            stack[depth++] = c == '{' ? '}' : ']';
            p++;
        } else if (c == '}' || c == ']') {
            if (!depth || stack[depth - 1] != c)
                return NULL;
            depth--;
            p++;
        } else {
            p++; /* numbers, literals, commas and colons */
        }
    } while (depth);
    return p;
}

static int add_offset(size_t **at, size_t *n, size_t *cap, size_t off)
{
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 256;
        size_t *grown = ct_realloc(*at, ncap * sizeof **at);
        if (!grown)
            return CT_ENOMEM;
        *at = grown;
        *cap = ncap;
    }
    (*at)[(*n)++] = off;
    return 0;
}

/* The claims array starting at p (its '['): the offset of each element in
 * *at; past the array, or NULL when an element is not one the reader takes. */
static const char *read_claims(const char *text, const char *p, const char *end, char *scratch,
                               size_t scratch_len, size_t **at, size_t *n, size_t *cap, int *oom)
{
    p = skip_space(p + 1, end);
    if (p < end && *p == ']')
        return p + 1;
    for (;;) {
        ct_claim_text ct;
        size_t used;
        p = skip_space(p, end);
        if (!ct_corpus__claim_read(&ct, p, (size_t)(end - p), scratch, scratch_len, 0, &used))
            return NULL;
        if (add_offset(at, n, cap, (size_t)(p - text)) < 0) {
            *oom = 1;
            return NULL;
        }
        p = skip_space(p + used, end);
        if (p < end && *p == ']')
            return p + 1;
        if (p >= end || *p != ',')
            return NULL;
        p++;
    }
}

int ct_corpus__topic_split(const char *text, size_t len, char **head, size_t *head_len, size_t **at,
                           size_t *n)
{
    const char *p = skip_space(text, text + len), *end = text + len;
    const char *array = NULL, *after = NULL;
    size_t cap = 0;
    *head = NULL;
    *at = NULL;
    *n = 0;
    if (p >= end || *p != '{')
        return 0;
    size_t scratch_len = len + 16 < SCRATCH_MAX ? len + 16 : SCRATCH_MAX;
    char *scratch = ct_malloc(scratch_len);
    if (!scratch)
        return CT_ENOMEM;
    int oom = 0;
    p++;
    for (;;) {
        p = skip_space(p, end);
        if (p >= end || *p != '"')
            break;
        const char *key = p;
        if (!(p = skip_string(p, end)))
            break;
        int is_claims = p - key == 8 && memcmp(key, "\"claims\"", 8) == 0;
        p = skip_space(p, end);
        if (p >= end || *p != ':')
            break;
        p = skip_space(p + 1, end);
        if (is_claims && !array && p < end && *p == '[') {
            array = p;
            if (!(after = read_claims(text, p, end, scratch, scratch_len, at, n, &cap, &oom))) {
                array = NULL;
                break;
            }
            p = after;
        } else if (!(p = skip_value(p, end))) {
            break;
        }
        p = skip_space(p, end);
        if (p >= end || *p != ',')
            break;
        p++;
    }
    ct_free(scratch);
    if (array && !oom) {
        /* the head: the text with "[]" for the array */
        size_t before = (size_t)(array - text), rest = (size_t)(end - after);
        if (!(*head = ct_malloc(before + 2 + rest + 1))) {
            oom = 1;
        } else {
            memcpy(*head, text, before);
            memcpy(*head + before, "[]", 2);
            memcpy(*head + before + 2, after, rest);
            *head_len = before + 2 + rest;
            (*head)[*head_len] = '\0';
            return 1;
        }
    }
    ct_free(*at);
    *at = NULL;
    *n = 0;
    return oom ? CT_ENOMEM : 0;
}

int ct_corpus__topic_stream_claims(ct_load_ctx *l, const ct_topic_stream *s, size_t ti,
                                   ct_id_lines *lines, const char *base)
{
    size_t scratch_len = s->len + 16 < SCRATCH_MAX ? s->len + 16 : SCRATCH_MAX;
    char *scratch = s->n ? ct_malloc(scratch_len) : NULL;
    int rc = 0;
    if (s->n && !scratch)
        return CT_ENOMEM;
    for (size_t i = 0; i < s->n && rc != CT_ENOMEM; i++) {
        ct_claim_text ct;
        size_t used;
        char ptr[96];
        const char *at = s->text + s->at[i];
        /* taken when the file was split: the same bytes read the same way */
        if (!ct_corpus__claim_read(&ct, at, s->len - s->at[i], scratch, scratch_len, 0, &used))
            continue;
        snprintf(ptr, sizeof ptr, "%s/claims/%zu", base, i);
        int line = ct_corpus__id_lines_take(lines, ct.id);
        rc = lines->oom ? CT_ENOMEM : ct_corpus__load_claim_text(l, &ct, ti, ptr, line);
    }
    ct_free(scratch);
    return rc == CT_ENOMEM ? rc : 0;
}
