/*
 * jsonpos.h - the line and column of a JSON pointer's value in a JSON text
 * (internal; for diagnostics).
 */
#ifndef CT_UTIL_JSONPOS_H
#define CT_UTIL_JSONPOS_H

#include <stddef.h>

/* Where the value at `pointer` ("" is the whole document) starts in the JSON
 * text [text, text + len): 1-based line and column, the column counted in
 * characters.  0, or -1 when the text has no such value or is malformed. */
int ct_jsonpos__locate(const char *text, size_t len, const char *pointer, int *line, int *column);

#endif
