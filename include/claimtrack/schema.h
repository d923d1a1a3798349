/*
 * claimtrack/schema.h - a JSON Schema (2020-12) validator over jansson.
 *
 * Supported keywords: type, enum, const, properties, required,
 * additionalProperties, patternProperties, propertyNames, unevaluatedProperties,
 * dependentRequired, dependentSchemas, minProperties, maxProperties, items,
 * prefixItems, contains, minContains, maxContains, minItems, maxItems,
 * uniqueItems, minLength, maxLength, pattern (PCRE2), minimum, maximum,
 * exclusiveMinimum, exclusiveMaximum, multipleOf, allOf, anyOf, oneOf, not,
 * if/then/else, $ref to "#", "#/json/pointer" and "#anchor" ($defs, $anchor),
 * format "date" (asserted when ct_schema_options.assert_format is set).
 * Unknown keywords are ignored, as the specification asks.
 */
#ifndef CLAIMTRACK_SCHEMA_H
#define CLAIMTRACK_SCHEMA_H

#include <jansson.h>

#include "claimtrack/diag.h"

typedef struct ct_schema ct_schema;

typedef struct {
    int assert_format; /* treat "format" as an assertion (only "date" is known) */
} ct_schema_options;

#define CT_SCHEMA_OPTIONS_INIT                                                                     \
    {                                                                                              \
        .assert_format = 1                                                                         \
    }

/* The text of a schema claimtrack is built with, by file name:
 * "topic.schema.json", "sources.schema.json", "reviews.schema.json" or
 * "topic.xsd"; NULL for another name.  Borrowed, static; *len its length. */
const char *ct_schema_document(const char *name, size_t *len);

/* Compile `root` (a schema document).  Takes a new reference to `root`.
 * `opts` may be NULL for the defaults.  Returns 0 or CT_ENOMEM; *out is new,
 * free with ct_schema_free. */
int ct_schema_new(ct_schema **out, json_t *root, const ct_schema_options *opts);
/* Free `schema` and drop its reference to the document; NULL is accepted. */
void ct_schema_free(ct_schema *schema);

/*
 * Validate `instance` (borrowed) against the subschema at JSON pointer `at`
 * of the document ("" for the root).  Errors are appended to `diags` (may be
 * NULL) as "file: <base_pointer><instance pointer>: message".
 * Returns 0 when valid, CT_EINVALID when invalid, CT_ENOTFOUND when `at` does
 * not exist, CT_EPARSE when the schema itself cannot be applied (malformed,
 * a pattern PCRE2 refuses, or recursing too deeply), or CT_ENOMEM.
 */
int ct_schema_validate(ct_schema *schema, const char *at, const json_t *instance, const char *file,
                       const char *base_pointer, ct_diag_list *diags);

/*
 * Compiled schemas of claim files (the topic and sources JSON Schemas and the
 * topic XSD), built on first use by ct_corpus_load and shared by corpora
 * loaded one after another in one thread (ct_corpus_options.cache).
 * Returns 0 or CT_ENOMEM; *out is new, free with ct_schema_cache_free after
 * every corpus that used it.  ct_schema_cache_free accepts NULL.
 */
typedef struct ct_schema_cache ct_schema_cache;
int ct_schema_cache_new(ct_schema_cache **out);
void ct_schema_cache_free(ct_schema_cache *cache);

/* 1 when `a` and `b` (borrowed) are equal as JSON Schema defines it (1
 * equals 1.0), else 0. */
int ct_json_equal(const json_t *a, const json_t *b);

/* Resolve JSON pointer `ptr` (RFC 6901, "" is the whole document) in `root`;
 * borrowed, or NULL. */
json_t *ct_json_pointer_get(json_t *root, const char *ptr);

#endif
