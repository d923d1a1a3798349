/*
 * chart_number.c - exact decimals to doubles, for drawing only.
 *
 * Charts place bars on a pixel axis, where the nearest double is plenty.
 * This is the one place a claim's number becomes binary floating point; the
 * semantics (value/, conflict, clash, rules, severity) never call it.
 */
#include "claimtrack/decimal.h"

#include <math.h>
#include <stdlib.h>

double ct_decimal_to_double(const ct_decimal *d)
{
    switch (d->form) {
    case CT_DECIMAL_NEG_INF: return -INFINITY;
    case CT_DECIMAL_POS_INF: return INFINITY;
    case CT_DECIMAL_NONE: return NAN;
    default: break;
    }
    char buf[64];
    size_t need = ct_decimal_format(d, buf, sizeof buf);
    if (need < sizeof buf)
        return strtod(buf, NULL);
    char *big = malloc(need + 1);
    if (!big)
        return NAN;
    ct_decimal_format(d, big, need + 1);
    double v = strtod(big, NULL);
    free(big);
    return v;
}
