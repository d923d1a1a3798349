/*
 * util/strbuf.h - a growing text buffer for writers (internal).
 *
 * Writers build messages from user text of any length; a fixed buffer
 * filled with snprintf would cut it, perhaps in the middle of a UTF-8
 * character, which JSON writers then refuse.  This buffer grows instead.
 * An allocation failure is remembered (`oom`) and makes every later append a
 * no-op, so a writer checks once at the end.
 */
#ifndef CT_UTIL_STRBUF_H
#define CT_UTIL_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct {
    char *text; /* NUL-terminated when not NULL */
    size_t len, cap;
    int oom;
} ct_strbuf;

#define CT_STRBUF_INIT                                                                             \
    {                                                                                              \
        .text = NULL                                                                               \
    }

/* Append printf-formatted text.  0, or CT_ENOMEM (also kept in b->oom). */
int ct_strbuf__printf(ct_strbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
int ct_strbuf__vprintf(ct_strbuf *b, const char *fmt, va_list ap);
/* The text so far ("" when empty); borrowed. */
const char *ct_strbuf__text(const ct_strbuf *b);
void ct_strbuf__dispose(ct_strbuf *b);

#endif
