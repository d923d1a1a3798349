/*
 * run_suite.c - runs JSON-Schema-Test-Suite files through ct_schema.
 *
 * Usage: run_suite [-v] FILE...
 * Each file is a list of {description, schema, tests: [{description, data,
 * valid}]}.  Prints "N passed, N failed" and exits 1 when any case failed.
 */
#include "claimtrack/common.h"
#include "claimtrack/schema.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    long passed = 0, failed = 0;
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
                int rc = ct_schema_validate(s, "", json_object_get(test, "data"), "data", "",
                                            NULL);
                int want = json_is_true(json_object_get(test, "valid"));
                if (rc >= 0 && (rc == 0) == want) {
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
    printf("%ld passed, %ld failed\n", passed, failed);
    return failed ? 1 : 0;
}
