/*
 * schema.c - JSON Schema 2020-12: schema objects compiled once (keywords looked up,
 * $ref resolved, patterns compiled); evaluation is in eval.c.
 *
 * The validator as a whole:
 *
 * The schema document is kept as jansson values and interpreted directly;
 * regular expressions are compiled once with PCRE2 and cached by the address of
 * the schema string that holds them (the document is immutable while the
 * ct_schema lives, so addresses are stable).
 *
 * Evaluation returns 1 (valid), 0 (invalid) or a negative CT_E* code.  When
 * a subschema is tried only to learn whether it matches (anyOf, oneOf, not,
 * if, contains), it runs "quiet": no diagnostics are recorded.
 *
 * unevaluatedProperties needs the names of the properties that adjacent
 * keywords evaluated; a schema that has it, or whose parent is collecting,
 * passes a key set down through the in-place applicators.
 */
#include "schema_int.h"
#include "util/calendar.h"
#include "value/jnum.h"
#include "util/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const keyword_names[KW_COUNT] = {
    "$ref",
    "additionalProperties",
    "allOf",
    "anyOf",
    "const",
    "contains",
    "dependentRequired",
    "dependentSchemas",
    "enum",
    "exclusiveMaximum",
    "exclusiveMinimum",
    "format",
    "if",
    "items",
    "maxContains",
    "maxItems",
    "maxLength",
    "maxProperties",
    "maximum",
    "minContains",
    "minItems",
    "minLength",
    "minProperties",
    "minimum",
    "multipleOf",
    "not",
    "oneOf",
    "pattern",
    "patternProperties",
    "prefixItems",
    "properties",
    "propertyNames",
    "required",
    "title",
    "type",
    "unevaluatedProperties",
    "uniqueItems",
    "then",
    "else",
};

static void *pcre_malloc(size_t n, void *ud)
{
    (void)ud;
    return ct_malloc(n);
}
static void pcre_free(void *p, void *ud)
{
    (void)ud;
    ct_free(p);
}

int ct_schema_new(ct_schema **out, json_t *root, const ct_schema_options *opts)
{
    ct_schema *s = ct_calloc(1, sizeof *s);
    if (!s)
        return CT_ENOMEM;
    ct_schema_options def = CT_SCHEMA_OPTIONS_INIT;
    s->opts = opts ? *opts : def;
    s->gctx = pcre2_general_context_create(pcre_malloc, pcre_free, NULL);
    s->cctx = s->gctx ? pcre2_compile_context_create(s->gctx) : NULL;
    if (!s->cctx) {
        ct_schema_free(s);
        return CT_ENOMEM;
    }
    s->root = json_incref(root);
    *out = s;
    return 0;
}

void ct_schema_free(ct_schema *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->regex_size; i++) {
        if (s->regex[i].key) {
            pcre2_match_data_free(s->regex[i].match);
            pcre2_code_free(s->regex[i].code);
        }
    }
    ct_free(s->regex);
    for (size_t i = 0; i < s->nodes_size; i++)
        ct_free(s->nodes[i]);
    ct_free(s->nodes);
    pcre2_compile_context_free(s->cctx);
    pcre2_general_context_free(s->gctx);
    json_decref(s->root);
    ct_free(s);
}


int ct_json_equal(const json_t *a, const json_t *b)
{
    if ((ct_jnum__is_exact(a) || ct_jnum__is_exact(b)) && ct_jnum__is_number(a) &&
        ct_jnum__is_number(b)) {
        ct_decimal_pool pool = {NULL};
        ct_decimal_store store = ct_decimal_pool_store(&pool);
        ct_decimal x, y;
        int eq = ct_jnum__decimal(a, &x, &store) == 0 && ct_jnum__decimal(b, &y, &store) == 0 &&
                 ct_decimal_cmp(&x, &y) == 0;
        ct_decimal_pool_dispose(&pool);
        return eq;
    }
    if (json_is_number(a) && json_is_number(b)) {
        if (json_is_integer(a) && json_is_integer(b))
            return json_integer_value(a) == json_integer_value(b);
        return json_number_value(a) == json_number_value(b);
    }
    if (json_typeof(a) != json_typeof(b))
        return 0;
    switch (json_typeof(a)) {
    case JSON_STRING:
        return json_string_length(a) == json_string_length(b) &&
               memcmp(json_string_value(a), json_string_value(b), json_string_length(a)) == 0;
    case JSON_ARRAY:
        if (json_array_size(a) != json_array_size(b))
            return 0;
        for (size_t i = 0; i < json_array_size(a); i++)
            if (!ct_json_equal(json_array_get(a, i), json_array_get(b, i)))
                return 0;
        return 1;
    case JSON_OBJECT: {
        if (json_object_size(a) != json_object_size(b))
            return 0;
        const char *k;
        json_t *v;
        json_object_foreach((json_t *)a, k, v)
        {
            json_t *w = json_object_get(b, k);
            if (!w || !ct_json_equal(v, w))
                return 0;
        }
        return 1;
    }
    default: return 1; /* true, false, null */
    }
}

/* Decode one reference token of a JSON pointer (with %-decoding for URI
 * fragments) into `out`. */
static size_t decode_token(const char *s, size_t n, char *out, size_t cap, int pct)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        char ch = s[i];
        if (pct && ch == '%' && i + 2 < n) {
            char hex[3] = {s[i + 1], s[i + 2], 0};
            char *end;
            long v = strtol(hex, &end, 16);
            if (*end == '\0') {
                ch = (char)v;
                i += 2;
            }
        } else if (ch == '~' && i + 1 < n) {
            if (s[i + 1] == '0')
                ch = '~', i++;
            else if (s[i + 1] == '1')
                ch = '/', i++;
        }
        out[o++] = ch;
    }
    out[o] = '\0';
    return o;
}

json_t *ct_schema__pointer_get(json_t *root, const char *ptr, int pct)
{
    json_t *cur = root;
    if (*ptr == '\0')
        return root;
    if (*ptr != '/')
        return NULL;
    while (cur && *ptr == '/') {
        ptr++;
        size_t n = strcspn(ptr, "/");
        char tok[512];
        decode_token(ptr, n, tok, sizeof tok, pct);
        ptr += n;
        if (json_is_object(cur)) {
            cur = json_object_get(cur, tok);
        } else if (json_is_array(cur)) {
            char *end;
            if (!tok[0] || (tok[0] == '0' && tok[1]))
                return NULL;
            unsigned long idx = strtoul(tok, &end, 10);
            if (*end)
                return NULL;
            cur = json_array_get(cur, idx);
        } else {
            return NULL;
        }
    }
    return cur;
}

json_t *ct_json_pointer_get(json_t *root, const char *ptr)
{
    return ct_schema__pointer_get(root, ptr, 0);
}

static json_t *find_anchor(json_t *node, const char *name, int depth)
{
    if (depth > MAX_DEPTH)
        return NULL;
    if (json_is_object(node)) {
        json_t *a = json_object_get(node, "$anchor");
        if (json_is_string(a) && strcmp(json_string_value(a), name) == 0)
            return node;
        const char *k;
        json_t *v;
        json_object_foreach(node, k, v)
        {
            if (strcmp(k, "enum") == 0 || strcmp(k, "const") == 0)
                continue;
            json_t *r = find_anchor(v, name, depth + 1);
            if (r)
                return r;
        }
    } else if (json_is_array(node)) {
        for (size_t i = 0; i < json_array_size(node); i++) {
            json_t *r = find_anchor(json_array_get(node, i), name, depth + 1);
            if (r)
                return r;
        }
    }
    return NULL;
}

json_t *ct_schema__resolve_ref(ct_schema *s, const char *ref)
{
    if (ref[0] != '#')
        return NULL; /* only document-local references are supported */
    if (ref[1] == '\0' || ref[1] == '/')
        return ct_schema__pointer_get(s->root, ref + 1, 1);
    return find_anchor(s->root, ref + 1, 0);
}

size_t ct_schema__utf8_length(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            count++;
    return count;
}

/* ECMAScript (which JSON Schema patterns follow) spells Unicode properties by
 * long name, as in \p{Letter}; PCRE2 10.42 knows the short ones.  Rewrite
 * the long general-category names into a new string (free with ct_free). */
static char *ecma_to_pcre(const char *pattern)
{
    static const struct {
        const char *lng, *shrt;
    } names[] = {{"Letter", "L"},
                 {"Lowercase_Letter", "Ll"},
                 {"Uppercase_Letter", "Lu"},
                 {"Titlecase_Letter", "Lt"},
                 {"Modifier_Letter", "Lm"},
                 {"Other_Letter", "Lo"},
                 {"Mark", "M"},
                 {"Number", "N"},
                 {"Decimal_Number", "Nd"},
                 {"digit", "Nd"},
                 {"Letter_Number", "Nl"},
                 {"Other_Number", "No"},
                 {"Punctuation", "P"},
                 {"punct", "P"},
                 {"Symbol", "S"},
                 {"Separator", "Z"},
                 {"Space_Separator", "Zs"},
                 {"Other", "C"},
                 {"Control", "Cc"},
                 {"cntrl", "Cc"}};
    size_t n = strlen(pattern);
    char *out = ct_malloc(n + 1), *o = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n;) {
        if (pattern[i] == '\\' && (pattern[i + 1] == 'p' || pattern[i + 1] == 'P') &&
            pattern[i + 2] == '{') {
            const char *name = pattern + i + 3;
            size_t len = strcspn(name, "}");
            size_t k;
            for (k = 0; k < sizeof names / sizeof names[0]; k++)
                if (strlen(names[k].lng) == len && strncmp(names[k].lng, name, len) == 0)
                    break;
            if (k < sizeof names / sizeof names[0] && name[len] == '}') {
                o += snprintf(o, n + 1 - (size_t)(o - out), "\\%c{%s}", pattern[i + 1],
                              names[k].shrt);
                i += 3 + len + 1;
                continue;
            }
        }
        if (pattern[i] == '\\' && pattern[i + 1]) {
            *o++ = pattern[i++];
        }
        *o++ = pattern[i++];
    }
    *o = '\0';
    return out;
}

/* Returns 1 match, 0 no match, CT_EINVALID bad pattern, CT_ENOMEM. */
int ct_schema__regex_match(ct_schema *s, const void *key, const char *pattern, const char *subject,
                           size_t len)
{
    if (s->regex_used * 2 >= s->regex_size) {
        size_t n = s->regex_size ? s->regex_size * 2 : 16;
        regex_slot *slots = ct_calloc(n, sizeof *slots);
        if (!slots)
            return CT_ENOMEM;
        for (size_t i = 0; i < s->regex_size; i++) {
            if (!s->regex[i].key)
                continue;
            size_t h = (size_t)ct_util__hash64(&s->regex[i].key, sizeof(void *), CT_HASH64_INIT);
            while (slots[h & (n - 1)].key)
                h++;
            slots[h & (n - 1)] = s->regex[i];
        }
        ct_free(s->regex);
        s->regex = slots;
        s->regex_size = n;
    }
    size_t h = (size_t)ct_util__hash64(&key, sizeof(void *), CT_HASH64_INIT);
    regex_slot *slot;
    for (;; h++) {
        slot = &s->regex[h & (s->regex_size - 1)];
        if (!slot->key || slot->key == key)
            break;
    }
    if (!slot->key) {
        int err;
        PCRE2_SIZE off;
        char *translated = ecma_to_pcre(pattern);
        if (!translated)
            return CT_ENOMEM;
        pcre2_code *code = pcre2_compile((PCRE2_SPTR)translated, PCRE2_ZERO_TERMINATED,
                                         PCRE2_UTF | PCRE2_UCP, &err, &off, s->cctx);
        ct_free(translated);
        if (!code)
            return err == PCRE2_ERROR_NOMEMORY || err == PCRE2_ERROR_HEAP_FAILED ? CT_ENOMEM
                                                                                 : CT_EINVALID;
        pcre2_jit_compile(code, PCRE2_JIT_COMPLETE); /* optional: falls back to the interpreter */
        pcre2_match_data *md = pcre2_match_data_create_from_pattern(code, s->gctx);
        if (!md) {
            pcre2_code_free(code);
            return CT_ENOMEM;
        }
        slot->key = key;
        slot->code = code;
        slot->match = md;
        s->regex_used++;
    }
    int rc = pcre2_match(slot->code, (PCRE2_SPTR)subject, len, 0, 0, slot->match, NULL);
    if (rc >= 0)
        return 1;
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    if (rc == PCRE2_ERROR_NOMEMORY)
        return CT_ENOMEM;
    return 0; /* invalid UTF-8 in the subject and the like: no match */
}

int ct_schema__is_full_date(const char *s, size_t n)
{
    if (n != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int y = ((s[0] - '0') * 10 + (s[1] - '0')) * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    return d >= 1 && d <= ct_calendar__month_days(y, m);
}

static size_t node_slot(cnode **nodes, size_t size, const json_t *schema)
{
    size_t h = (size_t)ct_util__hash64(&schema, sizeof schema, CT_HASH64_INIT) & (size - 1);
    while (nodes[h] && nodes[h]->schema != schema)
        h = (h + 1) & (size - 1);
    return h;
}

/* The indexed form of schema object `schema`, built on first use; NULL when
 * out of memory. */
const cnode *ct_schema__node_of(ct_schema *s, const json_t *schema)
{
    if (s->nodes_size) {
        cnode *n = s->nodes[node_slot(s->nodes, s->nodes_size, schema)];
        if (n)
            return n;
    }
    if ((s->nodes_used + 1) * 2 > s->nodes_size) {
        size_t size = s->nodes_size ? s->nodes_size * 2 : 64;
        cnode **nodes = ct_calloc(size, sizeof *nodes);
        if (!nodes)
            return NULL;
        for (size_t i = 0; i < s->nodes_size; i++)
            if (s->nodes[i])
                nodes[node_slot(nodes, size, s->nodes[i]->schema)] = s->nodes[i];
        ct_free(s->nodes);
        s->nodes = nodes;
        s->nodes_size = size;
    }
    cnode *n = ct_calloc(1, sizeof *n);
    if (!n)
        return NULL;
    n->schema = schema;
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)schema, key, v)
    {
        for (int k = 0; k < KW_COUNT; k++)
            if (strcmp(key, keyword_names[k]) == 0) {
                n->kw[k] = v;
                break;
            }
    }
    s->nodes[node_slot(s->nodes, s->nodes_size, schema)] = n;
    s->nodes_used++;
    return n;
}
