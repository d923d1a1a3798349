/*
 * report/html.h - HTML helpers the HTML report and the workbench share
 * (internal).
 */
#ifndef CT_REPORT_HTML_H
#define CT_REPORT_HTML_H

#include <stddef.h>
#include <stdio.h>

#include "claimtrack/decimal.h"

/* Write `s` to `out` with &, <, >, " and ' as HTML character references
 * (NULL writes nothing). */
void ct_report__html_escape(FILE *out, const char *s);

/* A chart axis label for `v` into buf (n bytes): a day number as YYYY-MM-DD
 * when `is_date`, else the exact number in plain notation
 * (ct_decimal_format). */
void ct_report__axis_label(char *buf, size_t n, const ct_decimal *v, int is_date);

#endif
