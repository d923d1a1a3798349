/*
 * claimtrack/diag.h - located diagnostics.
 *
 * A diagnostic names a file and either a line/column (syntax errors) or a
 * JSON pointer (schema and model errors), plus a one-line message.
 */
#ifndef CLAIMTRACK_DIAG_H
#define CLAIMTRACK_DIAG_H

#include <stdarg.h>
#include <stdio.h>

typedef enum { CT_DIAG_ERROR, CT_DIAG_WARNING } ct_diag_level;

typedef struct {
    ct_diag_level level;
    char *file;    /* may be NULL */
    int line;      /* 0 when unknown */
    int column;    /* 0 when unknown */
    char *pointer; /* JSON pointer into the file, may be NULL */
    char *message;
} ct_diag;

typedef struct {
    ct_diag *items;
    size_t count;
    size_t alloc;
    size_t errors;
    int oom; /* set when a diagnostic could not be stored */
} ct_diag_list;

#define CT_DIAG_LIST_INIT                                                                          \
    {                                                                                              \
        .items = NULL                                                                              \
    }

/* Append a diagnostic to `list`; copies every string (the list owns the
 * copies).  Returns 0 or CT_ENOMEM (list->oom is then set). */
int ct_diag_add(ct_diag_list *list, ct_diag_level level, const char *file, int line, int column,
                const char *pointer, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;
/* ct_diag_add with a va_list. */
int ct_diag_addv(ct_diag_list *list, ct_diag_level level, const char *file, int line, int column,
                 const char *pointer, const char *fmt, va_list ap);

/* Print every diagnostic as "file:line:col: error: message" or
 * "file: /pointer: message". */
void ct_diag_print(const ct_diag_list *list, FILE *out);
/* Longest formatted diagnostic; longer ones are cut. */
#define CT_DIAG_FORMAT_MAX 1400
/* Format one diagnostic into caller-owned `buf` (of `n` bytes; cut to fit). */
void ct_diag_format_to(const ct_diag *d, char *buf, size_t n);
/* Format one diagnostic into a new string (NULL when out of memory); free
 * with ct_free. */
char *ct_diag_format(const ct_diag *d);
/* Free every diagnostic of `list` (which stays usable, empty). */
void ct_diag_list_dispose(ct_diag_list *list);

#endif
