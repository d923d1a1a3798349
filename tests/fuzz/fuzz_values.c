/* fuzz_values.c - the value parsers: dates, date ranges, quantities. */
#include "fuzz.h"

#include <string.h>

#include "claimtrack/value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char text[64], why[256];
    ct_interval iv;
    size_t n = size < sizeof text - 1 ? size : sizeof text - 1;
    memcpy(text, data, n);
    text[n] = '\0';
    ct_date_parse(text, &iv, why, sizeof why);
    json_t *v = json_loadb((const char *)data, size, JSON_DECODE_ANY, NULL);
    if (v) {
        char buf[256];
        if (ct_date_value_parse(v, &iv, why, sizeof why) == 0)
            ct_value_describe(v, CT_TYPE_DATE, NULL, buf, sizeof buf);
        if (ct_quantity_value_parse(v, 0.1, &iv, why, sizeof why) == 0)
            ct_value_describe(v, CT_TYPE_QUANTITY, "u", buf, sizeof buf);
        json_decref(v);
    }
    return 0;
}
