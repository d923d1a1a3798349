/*
 * nfc_map.c - the article in Unicode NFC, with the way back to its bytes.
 *
 * Names in a vocabulary are NFC; an article may spell "Türkiye" with a
 * combining diaeresis.  The article is normalised segment by segment (a
 * starter and the marks that follow it), and each byte of the normalised
 * text remembers the bytes of the article its segment came from, so that a
 * quote is still cut from the article verbatim.
 */
#include "suggest_int.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "claimtrack/common.h"

/* A code point that continues the segment before it: a combining mark, or a
 * Hangul vowel or final consonant (they compose with the jamo before). */
static int continues(utf8proc_int32_t cp)
{
    if ((cp >= 0x1161 && cp <= 0x1175) || (cp >= 0x11A8 && cp <= 0x11C2))
        return 1;
    return utf8proc_get_property(cp)->combining_class != 0;
}

static int append(ct_sg_nfc *m, size_t *cap, const utf8proc_uint8_t *s, size_t n, size_t from,
                  size_t to)
{
    if (m->len + n + 1 > *cap) {
        size_t c = *cap ? *cap * 2 : 256;
        while (c < m->len + n + 1)
            c *= 2;
        char *t = ct_realloc(m->text, c);
        size_t *f = ct_reallocarray(m->from, c, sizeof *f);
        if (f)
            m->from = f;
        size_t *e = f ? ct_reallocarray(m->to, c, sizeof *e) : NULL;
        if (e)
            m->to = e;
        if (t)
            m->text = t;
        if (!t || !f || !e)
            return CT_ENOMEM;
        *cap = c;
    }
    for (size_t i = 0; i < n; i++) {
        m->text[m->len] = (char)s[i];
        m->from[m->len] = from;
        m->to[m->len] = to;
        m->len++;
    }
    m->text[m->len] = '\0';
    return 0;
}

int ct_sg__nfc(ct_sg_nfc *m, const char *text, size_t len)
{
    memset(m, 0, sizeof *m);
    size_t i = 0;
    while (i < len && (unsigned char)text[i] < 0x80)
        i++;
    if (i == len)
        return 0; /* ASCII is NFC */
    size_t cap = 0;
    int rc = 0, changed = 0;
    for (size_t start = 0; start < len && rc == 0;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)text + start,
                                              (utf8proc_ssize_t)(len - start), &cp);
        size_t end = start + (size_t)(k > 0 ? k : 1);
        while (k > 0 && end < len) {
            utf8proc_ssize_t k2 = utf8proc_iterate((const utf8proc_uint8_t *)text + end,
                                                   (utf8proc_ssize_t)(len - end), &cp);
            if (k2 <= 0 || !continues(cp))
                break;
            end += (size_t)k2;
        }
        utf8proc_uint8_t *nfc = NULL;
        utf8proc_ssize_t n = k > 0 ? utf8proc_map((const utf8proc_uint8_t *)text + start,
                                                  (utf8proc_ssize_t)(end - start), &nfc,
                                                  UTF8PROC_STABLE | UTF8PROC_COMPOSE)
                                   : -1;
        if (n == UTF8PROC_ERROR_NOMEM) {
            rc = CT_ENOMEM;
        } else if (n < 0) { /* not UTF-8 (refused before): as it is */
            rc = append(m, &cap, (const utf8proc_uint8_t *)text + start, end - start, start, end);
        } else {
            changed |= (size_t)n != end - start || memcmp(nfc, text + start, (size_t)n) != 0;
            rc = append(m, &cap, nfc, (size_t)n, start, end);
        }
        free(nfc);
        start = end;
    }
    if (rc || !changed) {
        ct_sg__nfc_dispose(m);
        memset(m, 0, sizeof *m);
    }
    return rc;
}

void ct_sg__nfc_dispose(ct_sg_nfc *m)
{
    ct_free(m->text);
    ct_free(m->from);
    ct_free(m->to);
}
