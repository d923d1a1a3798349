/*
 * util/strbuf.c - a growing text buffer for writers (see strbuf.h).
 */
#include "util/strbuf.h"
#include "claimtrack/common.h"

#include <stdio.h>

int ct_strbuf__vprintf(ct_strbuf *b, const char *fmt, va_list ap)
{
    if (b->oom)
        return CT_ENOMEM;
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(b->text ? b->text + b->len : NULL, b->text ? b->cap - b->len : 0, fmt, ap);
    if (n < 0) {
        va_end(again);
        return 0; /* an encoding error of the format: nothing appended */
    }
    if (!b->text || b->len + (size_t)n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 128;
        while (cap < b->len + (size_t)n + 1)
            cap *= 2;
        char *t = ct_realloc(b->text, cap);
        if (!t) {
            b->oom = 1;
            va_end(again);
            return CT_ENOMEM;
        }
        b->text = t;
        b->cap = cap;
        vsnprintf(b->text + b->len, b->cap - b->len, fmt, again);
    }
    va_end(again);
    b->len += (size_t)n;
    return 0;
}

int ct_strbuf__printf(ct_strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = ct_strbuf__vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

const char *ct_strbuf__text(const ct_strbuf *b) { return b->text ? b->text : ""; }

void ct_strbuf__dispose(ct_strbuf *b)
{
    ct_free(b->text);
    b->text = NULL;
    b->len = b->cap = 0;
}
