/*
 * diag.c - a growable list of located diagnostics.
 */
#include "claimtrack/diag.h"
#include "claimtrack/common.h"

#include <stdio.h>
#include <string.h>

int ct_diag_addv(ct_diag_list *list, ct_diag_level level, const char *file, int line, int column,
                 const char *pointer, const char *fmt, va_list ap)
{
    char buf[1024];
    vsnprintf(buf, sizeof buf, fmt, ap);
    if (list->count == list->alloc) {
        size_t n = list->alloc ? list->alloc * 2 : 8;
        ct_diag *items = ct_reallocarray(list->items, n, sizeof *items);
        if (!items) {
            list->oom = 1;
            return CT_ENOMEM;
        }
        list->items = items;
        list->alloc = n;
    }
    ct_diag *d = &list->items[list->count];
    memset(d, 0, sizeof *d);
    d->level = level;
    d->line = line;
    d->column = column;
    d->message = ct_strdup(buf);
    d->file = file ? ct_strdup(file) : NULL;
    d->pointer = pointer ? ct_strdup(pointer) : NULL;
    if (!d->message || (file && !d->file) || (pointer && !d->pointer)) {
        ct_free(d->message);
        ct_free(d->file);
        ct_free(d->pointer);
        list->oom = 1;
        return CT_ENOMEM;
    }
    list->count++;
    if (level == CT_DIAG_ERROR)
        list->errors++;
    return 0;
}

int ct_diag_add(ct_diag_list *list, ct_diag_level level, const char *file, int line, int column,
                const char *pointer, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = ct_diag_addv(list, level, file, line, column, pointer, fmt, ap);
    va_end(ap);
    return rc;
}

void ct_diag_format_to(const ct_diag *d, char *buf, size_t n)
{
    const char *lvl = d->level == CT_DIAG_ERROR ? "" : "warning: ";
    const char *file = d->file ? d->file : "claimtrack";
    if (d->line > 0 && d->column > 0 && d->pointer)
        snprintf(buf, n, "%s:%d:%d: %s: %s%s", file, d->line, d->column,
                 d->pointer[0] ? d->pointer : "/", lvl, d->message);
    else if (d->line > 0 && d->pointer && d->pointer[0])
        snprintf(buf, n, "%s:%d: %s: %s%s", file, d->line, d->pointer, lvl, d->message);
    else if (d->line > 0 && d->column > 0)
        snprintf(buf, n, "%s:%d:%d: %s%s", file, d->line, d->column, lvl, d->message);
    else if (d->line > 0)
        snprintf(buf, n, "%s:%d: %s%s", file, d->line, lvl, d->message);
    else if (d->pointer)
        snprintf(buf, n, "%s: %s: %s%s", file, d->pointer[0] ? d->pointer : "/", lvl, d->message);
    else
        snprintf(buf, n, "%s: %s%s", file, lvl, d->message);
}

char *ct_diag_format(const ct_diag *d)
{
    char buf[CT_DIAG_FORMAT_MAX];
    ct_diag_format_to(d, buf, sizeof buf);
    return ct_strdup(buf);
}

void ct_diag_print(const ct_diag_list *list, FILE *out)
{
    char buf[CT_DIAG_FORMAT_MAX]; /* printing allocates nothing: it works out of memory too */
    for (size_t i = 0; i < list->count; i++) {
        ct_diag_format_to(&list->items[i], buf, sizeof buf);
        fprintf(out, "%s\n", buf);
    }
    if (list->oom)
        fprintf(out, "claimtrack: error: out of memory while recording diagnostics\n");
}

void ct_diag_list_dispose(ct_diag_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        ct_free(list->items[i].file);
        ct_free(list->items[i].pointer);
        ct_free(list->items[i].message);
    }
    ct_free(list->items);
    memset(list, 0, sizeof *list);
}
