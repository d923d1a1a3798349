/* fuzz_values.c - the value parsers (dates, date ranges, quantities) and the
 * exact decimal arithmetic under them. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "claimtrack/decimal.h"
#include "claimtrack/value.h"
#include "value/jnum.h"

/* Exact arithmetic must hold its own laws: a + b - b == a, a - a == 0,
 * cmp antisymmetric, format then parse gives the same number. */
static void check_laws(const char *x, size_t nx, const char *y, size_t ny)
{
    ct_decimal_pool pool = {NULL};
    ct_decimal_store store = ct_decimal_pool_store(&pool);
    ct_decimal a, b, s, back, zero = ct_decimal_from_int(0), d, p;
    if (ct_decimal_parse(&a, x, nx, &store) != 0 || ct_decimal_parse(&b, y, ny, &store) != 0) {
        ct_decimal_pool_dispose(&pool);
        return;
    }
    if (ct_decimal_cmp(&a, &b) != -ct_decimal_cmp(&b, &a))
        abort();
    if (ct_decimal_add(&s, &a, &b, &store) == 0 && ct_decimal_sub(&back, &s, &b, &store) == 0 &&
        ct_decimal_cmp(&back, &a) != 0)
        abort();
    if (ct_decimal_sub(&d, &a, &a, &store) == 0 && ct_decimal_cmp(&d, &zero) != 0)
        abort();
    if (ct_decimal_mul(&p, &a, &zero, &store) == 0 && ct_decimal_cmp(&p, &zero) != 0)
        abort();
    size_t need = ct_decimal_format(&a, NULL, 0);
    char *text = malloc(need + 1);
    if (text) {
        ct_decimal_format(&a, text, need + 1);
        ct_decimal again;
        if (ct_decimal_parse(&again, text, strlen(text), &store) != 0 ||
            ct_decimal_cmp(&again, &a) != 0)
            abort();
        free(text);
    }
    ct_decimal_pool_dispose(&pool);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char text[64], why[256];
    ct_interval iv;
    size_t n = size < sizeof text - 1 ? size : sizeof text - 1;
    memcpy(text, data, n);
    text[n] = '\0';
    ct_date_parse(&iv, text, why, sizeof why);
    const char *bar = memchr(data, '|', size);
    if (bar)
        check_laws((const char *)data, (size_t)(bar - (const char *)data), bar + 1,
                   size - (size_t)(bar - (const char *)data) - 1);
    json_t *v = ct_jnum__loadb((const char *)data, size, JSON_DECODE_ANY);
    if (v) {
        char buf[256];
        ct_decimal_pool pool = {NULL};
        ct_decimal_store store = ct_decimal_pool_store(&pool);
        ct_decimal tolerance;
        ct_decimal_parse(&tolerance, "0.1", 3, NULL);
        if (ct_date_value_parse(&iv, v, why, sizeof why) == 0)
            ct_value_describe(v, CT_TYPE_DATE, NULL, buf, sizeof buf);
        if (ct_quantity_value_parse(&iv, v, &tolerance, &store, why, sizeof why) == 0) {
            ct_value_describe(v, CT_TYPE_QUANTITY, "u", buf, sizeof buf);
            if (ct_decimal_cmp(&iv.lo, &iv.hi) > 0)
                abort();
        }
        ct_decimal_pool_dispose(&pool);
        json_decref(v);
    }
    return 0;
}
