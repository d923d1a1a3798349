/*
 * schema_int.h - internals shared by the JSON Schema compiler (schema.c) and
 * evaluator (eval.c).
 */
#ifndef CLAIMTRACK_SCHEMA_INT_H
#define CLAIMTRACK_SCHEMA_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include "claimtrack/schema.h"
#include "claimtrack/common.h"

#include <pcre2.h>
#include <stddef.h>

#define MAX_DEPTH 200

/* Keywords the validator reads; each schema object is indexed once. */
enum {
    KW_REF,
    KW_ADDITIONALPROPERTIES,
    KW_ALLOF,
    KW_ANYOF,
    KW_CONST,
    KW_CONTAINS,
    KW_DEPENDENTREQUIRED,
    KW_DEPENDENTSCHEMAS,
    KW_ENUM,
    KW_EXCLUSIVEMAXIMUM,
    KW_EXCLUSIVEMINIMUM,
    KW_FORMAT,
    KW_IF,
    KW_ITEMS,
    KW_MAXCONTAINS,
    KW_MAXITEMS,
    KW_MAXLENGTH,
    KW_MAXPROPERTIES,
    KW_MAXIMUM,
    KW_MINCONTAINS,
    KW_MINITEMS,
    KW_MINLENGTH,
    KW_MINPROPERTIES,
    KW_MINIMUM,
    KW_MULTIPLEOF,
    KW_NOT,
    KW_ONEOF,
    KW_PATTERN,
    KW_PATTERNPROPERTIES,
    KW_PREFIXITEMS,
    KW_PROPERTIES,
    KW_PROPERTYNAMES,
    KW_REQUIRED,
    KW_TITLE,
    KW_TYPE,
    KW_UNEVALUATEDPROPERTIES,
    KW_UNIQUEITEMS,
    KW_THEN,
    KW_ELSE,
    KW_COUNT
};


/* A schema object with its keywords looked up once: evaluation reads an
 * array instead of hashing keyword names again for every instance. */
typedef struct {
    const json_t *schema;
    json_t *kw[KW_COUNT];
    json_t *ref_target; /* $ref resolved once */
} cnode;

typedef struct {
    const void *key;
    pcre2_code *code;
    pcre2_match_data *match;
} regex_slot;

struct ct_schema {
    json_t *root;
    ct_schema_options opts;
    regex_slot *regex; /* open addressing, power-of-two size */
    size_t regex_size, regex_used;
    pcre2_general_context *gctx;
    pcre2_compile_context *cctx;
    cnode **nodes; /* open addressing by schema object address */
    size_t nodes_size, nodes_used;
};

/* A growable JSON pointer into the instance, for messages. */
typedef struct {
    char *s;
    size_t len, alloc;
    int off; /* not built: the validation reports nothing */
} ptrbuf;

typedef struct {
    const char **keys;
    size_t count, alloc;
} keyset;

typedef struct {
    ct_schema *s;
    const char *file;
    const char *base;
    ct_diag_list *diags; /* NULL when quiet */
    int depth;
} vctx;

int ct_schema__regex_match(ct_schema *s, const void *key, const char *pattern, const char *subject,
                           size_t len);
size_t ct_schema__utf8_length(const char *s, size_t n);
int ct_schema__is_full_date(const char *s, size_t n);
const cnode *ct_schema__node_of(ct_schema *s, const json_t *schema);
json_t *ct_schema__resolve_ref(ct_schema *s, const char *ref);

json_t *ct_schema__pointer_get(json_t *root, const char *ptr, int pct);

#endif
