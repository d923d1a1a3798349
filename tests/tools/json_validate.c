/*
 * json_validate.c - validate JSON files against a JSON Schema with
 * claimtrack's own validator.  Usage: json_validate SCHEMA FILE...
 * Exit 0 when every file is valid, 1 when one is not, 2 on unreadable input.
 */
#include "claimtrack/common.h"
#include "claimtrack/schema.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: json_validate SCHEMA FILE...\n");
        return 2;
    }
    json_error_t err;
    json_t *schema_doc = json_load_file(argv[1], 0, &err);
    if (!schema_doc) {
        fprintf(stderr, "%s:%d:%d: %s\n", argv[1], err.line, err.column, err.text);
        return 2;
    }
    ct_schema *schema;
    if (ct_schema_new(&schema, schema_doc, NULL) < 0)
        return 2;
    int status = 0;
    for (int i = 2; i < argc; i++) {
        json_t *doc = json_load_file(argv[i], 0, &err);
        if (!doc) {
            fprintf(stderr, "%s:%d:%d: %s\n", argv[i], err.line, err.column, err.text);
            status = 2;
            continue;
        }
        ct_diag_list diags = CT_DIAG_LIST_INIT;
        int rc = ct_schema_validate(schema, "", doc, argv[i], "", &diags);
        ct_diag_print(&diags, stderr);
        ct_diag_list_dispose(&diags);
        if (rc < 0 && rc != CT_EINVALID) {
            fprintf(stderr, "%s: the schema could not be applied (%d)\n", argv[i], rc);
            status = 2;
        } else if (rc == CT_EINVALID && status == 0) {
            status = 1;
        } else if (rc == 0) {
            printf("%s: valid\n", argv[i]);
        }
        json_decref(doc);
    }
    ct_schema_free(schema);
    json_decref(schema_doc);
    return status;
}
