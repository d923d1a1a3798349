/* fuzz_suggest.c - claimtrack suggest over article text: no crash, every
 * offset inside the text, every quote exactly the text's bytes there. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "claimtrack/suggest.h"

static const char vocabulary[] =
    "{\"sources\": {\"w\": {\"title\": \"W\", \"published\": \"2025-07-16\"}},"
    " \"claimants\": {\"Baku\": {\"aliases\": [\"the ministry\", \"Caf\\u00e9\"]}},"
    " \"topics\": [{\"topic\": \"t\", \"title\": \"T\", \"subjects\": {\"jet\": [\"the plane\", "
    "\"AZAL flight\"], \"raid\": []},"
    " \"properties\": {"
    "  \"deaths\": {\"type\": \"quantity\", \"cues\": [\"killed\", \"died\", \"lives\"]},"
    "  \"on-board\": {\"type\": \"quantity\", \"unit\": \"million people\", \"cues\": [\"on "
    "board\"]},"
    "  \"when\": {\"type\": \"date\", \"cues\": [\"crashed\", \"raid\"]},"
    "  \"shot\": {\"type\": \"boolean\", \"cues\": [\"shot down\"]},"
    "  \"by\": {\"type\": \"term\", \"cues\": [\"by\"], \"terms\": {"
    "   \"r\": {\"label\": \"Russia\"}, \"rs\": {\"broader\": \"r\", \"label\": \"a Russian "
    "missile\", \"cues\": [\"missile\", \"Caf\\u00e9\"]}}}},"
    " \"claims\": []}]}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static ct_corpus *c;
    if (!c) {
        ct_corpus_options opts = CT_CORPUS_OPTIONS_INIT;
        ct_diag_list diags = CT_DIAG_LIST_INIT;
        if (ct_corpus_new(&c) < 0 ||
            ct_corpus_load_memory(c, "v.json", vocabulary, sizeof vocabulary - 1, &opts, &diags) <
                0 ||
            diags.count)
            abort();
        ct_diag_list_dispose(&diags);
    }
    const char *text = (const char *)data;
    for (int pass = 0; pass < 2; pass++) {
        ct_suggest_options o = {"w", NULL, 0, pass ? NULL : "2024-02-29"};
        char *out = NULL, why[200];
        size_t n = 0;
        int rc = ct_suggest(&out, &n, c, text, size, &o, why, sizeof why);
        if (rc == CT_EINVALID || rc == CT_ENOMEM)
            continue;
        if (rc != 0)
            abort();
        size_t lines = 0;
        for (char *p = out; p && *p;) {
            char *nl = strchr(p, '\n');
            if (!nl)
                abort();
            json_t *d = json_loadb(p, (size_t)(nl - p), 0, NULL);
            if (!d)
                abort();
            json_int_t s = json_integer_value(json_array_get(json_object_get(d, "offset"), 0));
            json_int_t e = json_integer_value(json_array_get(json_object_get(d, "offset"), 1));
            json_t *q = json_object_get(json_object_get(d, "claim"), "quote");
            if (s < 0 || e <= s || (size_t)e > size || !json_is_string(q) ||
                json_string_length(q) != (size_t)(e - s) ||
                memcmp(json_string_value(q), text + s, (size_t)(e - s)) != 0)
                abort();
            json_decref(d);
            lines++;
            p = nl + 1;
        }
        if (lines != n)
            abort();
        ct_free(out);
    }
    return 0;
}
