/*
 * claimtrack/common.h - error codes, allocation and small shared types.
 *
 * Library calls return 0 on success or a negative CT_E* code.  Detail for
 * people goes into a caller-owned ct_diag_list (see diag.h), never a global.
 */
#ifndef CLAIMTRACK_COMMON_H
#define CLAIMTRACK_COMMON_H

#include <stddef.h>

#define CT_VERSION "0.1.0"

enum {
    CT_OK = 0,
    CT_ENOMEM = -1,    /* an allocation failed */
    CT_EIO = -2,       /* a file could not be read or written */
    CT_EPARSE = -3,    /* input is not well-formed JSON or XML */
    CT_EINVALID = -4,  /* input is well-formed but breaks the schema or model */
    CT_ENOTFOUND = -5, /* a named thing does not exist */
    CT_ETOOBIG = -6    /* an input is over its size limit */
};

/* Allocation wrappers: every allocation of the library goes through these, so a
 * test build can make the Nth one fail (see ct_alloc_fail_after). */
/* New memory of `size` bytes (free with ct_free), or NULL. */
void *ct_malloc(size_t size);
/* New zeroed memory for `n` items of `size` bytes (ct_free), or NULL on overflow or OOM. */
void *ct_calloc(size_t n, size_t size);
/* Resize `ptr` (steals it; new result, ct_free), or NULL with `ptr` unchanged. */
void *ct_realloc(void *ptr, size_t size);
/* ct_realloc of `ptr` to `n_new` items of `size` bytes; overflow-checked. */
void *ct_reallocarray(void *ptr, size_t n_new, size_t size);
/* A new copy of `s` (ct_free), or NULL. */
char *ct_strdup(const char *s);
/* A new copy of at most `n` bytes of `s`, NUL-terminated (ct_free), or NULL. */
char *ct_strndup(const char *s, size_t n);
/* Free memory of the wrappers above; NULL is accepted. */
void ct_free(void *ptr);

/* Test hook: make the allocation after `n` more succeed fail (n < 0: never).
 * Only active in builds with -DCT_ALLOC_INJECT; a no-op otherwise. */
void ct_alloc_fail_after(long n);
/* Route jansson's allocations through ct_malloc/ct_free. */
void ct_alloc_setup_jansson(void);
/* In the failure-injection build, route libxml2's allocations through the
 * same wrappers (call before any other libxml2 call); a no-op otherwise. */
void ct_alloc_setup_libxml2(void);

/* 1 when `s` holds a control character other than tab, LF and CR (text that
 * the reviews file and reports refuse), else 0. */
int ct_text_has_control(const char *s);
/* The offset (from 0) of the first byte of `s` (borrowed) that does not begin
 * a valid UTF-8 sequence (overlong forms, surrogates and code points past
 * U+10FFFF included), or -1 when all of `s` is UTF-8 (an offset, not a
 * CT_E* code). */
long ct_text_utf8_invalid_at(const char *s);
/* After `needed = snprintf(buf, n, ...)`: when the text did not fit, cut it
 * on a UTF-8 character boundary and end it with a visible "…" (n >= 8). */
void ct_text_fit(char *buf, size_t n, int needed);

#endif
