/*
 * fuzz_claimline.c - the claim reader without a DOM (src/corpus/claimline.c)
 * against jansson and the generic schema validator, line by line.
 *
 * Whenever the reader takes a claim, jansson must parse the same text, the
 * generic validator must accept it (as /$defs/jsonlClaim, or /$defs/claim for
 * a claim of a topic file), no string may hold a control character the
 * loader refuses, and every member must be the same: each string byte for
 * byte, the value and as_of as the same kind of tree with the same dump.
 * Where the reader declines, the generic path decides, so it cannot differ.
 *
 * The whole input is also tried as a topic file (src/corpus/topicstream.c):
 * when it is split, jansson must parse the whole text, its "claims" must be
 * the claims found, each the same as the reader gives at its offset, and
 * the head must be the rest of the document.
 */
#include "fuzz.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "claimtrack/schema.h"
#include "corpus/corpus_int.h"
#include "value/jnum.h"

static ct_schema *claim_schema(void)
{
    static ct_schema *schema; /* compiled once per process */
    if (!schema) {
        size_t n;
        const char *text = ct_schema_document("topic.schema.json", &n);
        json_t *doc = text ? json_loadb(text, n, 0, NULL) : NULL;
        if (!doc || ct_schema_new(&schema, doc, NULL) < 0)
            abort();
        json_decref(doc);
    }
    return schema;
}

/* A string of `doc` holding a control character other than tab, LF, CR. */
static int has_control(const json_t *v)
{
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        for (size_t i = 0; i < json_string_length(v); i++)
            if ((unsigned char)s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
                return 1;
    }
    const char *key;
    json_t *m;
    if (json_is_object(v))
        json_object_foreach((json_t *)v, key, m)
        {
            if (has_control(m))
                return 1;
        }
    return 0;
}

static void same_string(const char *s, const json_t *j)
{
    if (!s) {
        if (j)
            abort();
        return;
    }
    if (!json_is_string(j) || strlen(s) != json_string_length(j) ||
        memcmp(s, json_string_value(j), json_string_length(j)) != 0)
        abort();
}

static void same_tree(json_t *fast, const json_t *j)
{
    if (!fast && !j)
        return;
    if (!fast || !j || json_typeof(fast) != json_typeof(j) ||
        ct_jnum__is_exact(fast) != ct_jnum__is_exact(j))
        abort();
    const size_t flags = JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY;
    char *a = ct_jnum__dumps(fast, flags), *b = ct_jnum__dumps(j, flags);
    if (!a || !b || strcmp(a, b) != 0)
        abort();
    free(a);
    free(b);
    json_decref(fast);
}

/* The reader on text[0..n); when it takes the claim, jansson and the
 * validator on the text it read must agree. */
static void check_claim(const char *text, size_t n, int need_topic, int prefix)
{
    char *scratch = malloc(n + 16);
    if (!scratch)
        return;
    ct_claim_text ct;
    size_t used = n;
    if (!ct_corpus__claim_read(&ct, text, n, scratch, n + 16, need_topic, prefix ? &used : NULL)) {
        free(scratch);
        return;
    }
    int ints_as_reals = 0;
    size_t bad;
    json_error_t err;
    json_t *doc = ct_jnum__parse(text, used, CT_JSON_LOAD_FLAGS, &err, &ints_as_reals);
    /* control characters are refused before numbers become exact (U+0002) */
    if (!doc || has_control(doc) || ct_jnum__mark_as(&doc, text, used, ints_as_reals, &bad) != 0 ||
        !json_is_object(doc))
        abort();
    if (ct_schema_validate(claim_schema(), need_topic ? "/$defs/jsonlClaim" : "/$defs/claim", doc,
                           NULL, "", NULL) != 0)
        abort();
    const char *const names[] = {"id",       "topic", "subject", "property", "source", "quote",
                                 "claimant", "hedge", "stance",  "locator",  "note"};
    const char *const values[] = {ct.id,     ct.topic,   ct.subject,  ct.property,
                                  ct.source, ct.quote,   ct.claimant, ct.hedge,
                                  ct.stance, ct.locator, ct.note};
    size_t members = 1 + (ct.as_of != NULL);
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        same_string(values[i], json_object_get(doc, names[i]));
        members += values[i] != NULL;
    }
    if (members != json_object_size(doc))
        abort();
    same_tree(ct_corpus__claim_value(&ct), json_object_get(doc, "value"));
    same_tree(ct_corpus__claim_as_of(&ct), json_object_get(doc, "as_of"));
    json_decref(doc);
    free(scratch);
}

/* The claim the reader reads at `text` is `tree`: each string the same,
 * and the value and as_of dumping the same. */
static void same_claim(const char *text, size_t len, const json_t *tree)
{
    char *scratch = malloc(len + 16);
    ct_claim_text ct;
    size_t used;
    if (!scratch || !ct_corpus__claim_read(&ct, text, len, scratch, len + 16, 0, &used))
        abort(); /* the split took this claim: reading it again must too */
    const char *const names[] = {"id",       "topic", "subject", "property", "source", "quote",
                                 "claimant", "hedge", "stance",  "locator",  "note"};
    const char *const values[] = {ct.id,     ct.topic,   ct.subject,  ct.property,
                                  ct.source, ct.quote,   ct.claimant, ct.hedge,
                                  ct.stance, ct.locator, ct.note};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        same_string(values[i], json_object_get(tree, names[i]));
    same_tree(ct_corpus__claim_value(&ct), json_object_get(tree, "value"));
    same_tree(ct_corpus__claim_as_of(&ct), json_object_get(tree, "as_of"));
    free(scratch);
}

static void check_topic_split(const char *text, size_t len)
{
    char *head = NULL;
    size_t head_len = 0, *at = NULL, n = 0;
    int rc = ct_corpus__topic_split(text, len, &head, &head_len, &at, &n);
    if (rc != 1)
        return;
    int whole_reals = 0, rest_reals = 0;
    size_t bad;
    json_error_t err;
    json_t *whole = ct_jnum__parse(text, len, CT_JSON_LOAD_FLAGS, &err, &whole_reals);
    json_t *rest = ct_jnum__parse(head, head_len, CT_JSON_LOAD_FLAGS, &err, &rest_reals);
    /* the head parses exactly when the whole does */
    if (!whole != !rest)
        abort();
    if (whole) {
        if (ct_jnum__mark_as(&whole, text, len, whole_reals, &bad) != 0 ||
            ct_jnum__mark_as(&rest, head, head_len, rest_reals, &bad) != 0)
            abort();
        json_t *claims = json_object_get(whole, "claims");
        if (!json_is_array(claims) || json_array_size(claims) != n)
            abort();
        for (size_t i = 0; i < n; i++)
            same_claim(text + at[i], len - at[i], json_array_get(claims, i));
        /* the head is the document with an empty claims array */
        json_t *emptied = json_copy(whole);
        if (!emptied || json_object_set_new(emptied, "claims", json_array()) ||
            !json_equal(emptied, rest))
            abort();
        json_decref(emptied);
    }
    json_decref(whole);
    json_decref(rest);
    ct_free(head);
    ct_free(at);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_topic_split((const char *)data, size);
    const char *text = (const char *)data, *end = text + size;
    while (text < end) {
        const char *nl = memchr(text, '\n', (size_t)(end - text));
        size_t n = nl ? (size_t)(nl - text) : (size_t)(end - text);
        check_claim(text, n, 1, 0);
        check_claim(text, n, 0, 0);
        check_claim(text, n, 0, 1); /* a claim among others, as in a topic file */
        text += n + (nl != NULL);
    }
    return 0;
}
