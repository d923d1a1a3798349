/* fuzz_schema.c - the JSON Schema validator, schema and instance both
 * fuzzed: the input is a JSON array [schema, instance]. */
#include "fuzz.h"

#include "claimtrack/schema.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_t *doc = json_loadb((const char *)data, size, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
    if (!doc)
        return 0;
    json_t *schema = json_is_array(doc) ? json_array_get(doc, 0) : doc;
    json_t *instance = json_is_array(doc) ? json_array_get(doc, 1) : doc;
    ct_schema *s;
    if (schema && instance && ct_schema_new(&s, schema, NULL) == 0) {
        ct_diag_list diags = CT_DIAG_LIST_INIT;
        ct_schema_validate(s, "", instance, "f", "", &diags);
        ct_diag_list_dispose(&diags);
        ct_schema_free(s);
    }
    json_decref(doc);
    return 0;
}
