/*
 * strtab.h - an arena of strings with interning (internal).
 *
 * Strings live in large chunks freed all at once.  ct_strtab__intern returns
 * one shared copy per distinct string, so the many repeats of a source id,
 * subject or claimant in a big corpus cost one copy.
 */
#ifndef CT_STRTAB_H
#define CT_STRTAB_H

#include <stddef.h>

typedef struct ct_strtab_chunk ct_strtab_chunk;
typedef struct ct_strtab_slot ct_strtab_slot;

typedef struct {
    ct_strtab_chunk *chunks;
    ct_strtab_slot *slots; /* open-addressing table of interned strings */
    size_t size, used;
} ct_strtab;

#define CT_STRTAB_INIT                                                                             \
    {                                                                                              \
        .chunks = NULL                                                                             \
    }

/* Copy n bytes (plus NUL) into the arena; NULL when out of memory. */
const char *ct_strtab__copy(ct_strtab *t, const char *s, size_t n);
/* The one shared copy of s[0..n); NULL when out of memory. */
const char *ct_strtab__intern(ct_strtab *t, const char *s, size_t n);
/* Find an interned string without adding it; NULL when absent. */
const char *ct_strtab__lookup(const ct_strtab *t, const char *s, size_t n);
void ct_strtab__dispose(ct_strtab *t);

#endif
