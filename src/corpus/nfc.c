/*
 * nfc.c - Unicode NFC normalization of names (utf8proc).
 *
 * Subjects, subject aliases, terms, claimant names and their aliases are
 * compared after NFC normalization, so "Café" typed precomposed and with a
 * combining accent name one thing.  ASCII text is already in NFC and is
 * interned as it is, without calling the library.
 */
#include "claimtrack/common.h"
#include "corpus_int.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

const char *ct_corpus__intern_nfc(ct_corpus *c, const char *s)
{
    if (!s)
        return NULL;
    const unsigned char *p = (const unsigned char *)s;
    while (*p && *p < 0x80)
        p++;
    if (!*p)
        return ct_corpus__intern(c, s);
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &nfc,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (n < 0) {
        /* not valid UTF-8 (the loader has refused such text already): as is */
        free(nfc);
        return n == UTF8PROC_ERROR_NOMEM ? NULL : ct_corpus__intern(c, s);
    }
    const char *r = ct_strtab__intern(&c->strings, (const char *)nfc, (size_t)n);
    free(nfc);
    return r;
}
