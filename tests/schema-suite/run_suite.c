/*
 * run_suite.c - runs JSON-Schema-Test-Suite files through ct_schema.
 *
 * Usage: run_suite [-v] FILE...
 * Each file is a list of {description, schema, tests: [{description, data,
 * valid}]}.  Prints "N passed, N failed, N skipped" and exits 1 when any case
 * failed.  Groups whose schema needs what ct_schema does not do (say so in
 * README.md) are skipped and counted: $dynamicRef/$dynamicAnchor, a nested
 * $id (a new base URI), a $ref to another document, unevaluatedItems.
 */
#include "claimtrack/common.h"
#include "claimtrack/schema.h"

#include <stdio.h>
#include <string.h>

/* Why `schema` cannot be run, or NULL. */
static const char *unsupported(const json_t *schema, int root)
{
    if (json_is_object(schema)) {
        const char *key;
        json_t *v;
        json_object_foreach((json_t *)schema, key, v)
        {
            if (strcmp(key, "$dynamicRef") == 0 || strcmp(key, "$dynamicAnchor") == 0)
                return "$dynamicRef";
            if (strcmp(key, "unevaluatedItems") == 0)
                return "unevaluatedItems";
            if (strcmp(key, "$id") == 0 && !root)
                return "nested $id";
            if (strcmp(key, "$ref") == 0 && json_is_string(v) && json_string_value(v)[0] != '#')
                return "$ref to another document";
            /* "const", "enum" and "default" hold data, not schemas */
            if (strcmp(key, "const") == 0 || strcmp(key, "enum") == 0 ||
                strcmp(key, "default") == 0)
                continue;
            const char *why = unsupported(v, 0);
            if (why)
                return why;
        }
    } else if (json_is_array(schema)) {
        size_t i;
        json_t *v;
        json_array_foreach(schema, i, v)
        {
            const char *why = unsupported(v, 0);
            if (why)
                return why;
        }
    }
    return NULL;
}

int main(int argc, char **argv)
{
    long passed = 0, failed = 0, skipped = 0;
    int verbose = 0;
    for (int a = 1; a < argc; a++) {
        if (strcmp(argv[a], "-v") == 0) {
            verbose = 1;
            continue;
        }
        json_error_t err;
        json_t *doc = json_load_file(argv[a], JSON_ALLOW_NUL, &err);
        if (!doc) {
            fprintf(stderr, "%s:%d:%d: %s\n", argv[a], err.line, err.column, err.text);
            return 2;
        }
        size_t i;
        json_t *group;
        json_array_foreach(doc, i, group)
        {
            const char *why = unsupported(json_object_get(group, "schema"), 1);
            if (why) {
                skipped += (long)json_array_size(json_object_get(group, "tests"));
                if (verbose)
                    printf("skip %s: %s (%s)\n", argv[a],
                           json_string_value(json_object_get(group, "description")), why);
                continue;
            }
            ct_schema *s = NULL;
            ct_schema_options opts = {0}; /* format is an annotation in the core suite */
            if (strstr(argv[a], "optional/format/"))
                opts.assert_format = 1;
            if (ct_schema_new(&s, json_object_get(group, "schema"), &opts) < 0) {
                fprintf(stderr, "out of memory\n");
                return 2;
            }
            size_t j;
            json_t *test;
            json_array_foreach(json_object_get(group, "tests"), j, test)
            {
                int rc = ct_schema_validate(s, "", json_object_get(test, "data"), "data", "", NULL);
                int want = json_is_true(json_object_get(test, "valid"));
                if ((rc == 0 || rc == CT_EINVALID) && (rc == 0) == want) {
                    passed++;
                } else {
                    failed++;
                    if (verbose)
                        printf("FAIL %s: %s / %s (rc %d)\n", argv[a],
                               json_string_value(json_object_get(group, "description")),
                               json_string_value(json_object_get(test, "description")), rc);
                }
            }
            ct_schema_free(s);
        }
        json_decref(doc);
    }
    printf("%ld passed, %ld failed, %ld skipped\n", passed, failed, skipped);
    return failed ? 1 : 0;
}
