/*
 * canon_hash.c - SHA-256 over length-prefixed fields (see canon_hash.h).
 */
#include "util/canon_hash.h"

#include <stdio.h>
#include <string.h>

void ct_canon_hash__init(ct_canon_hash *h, const char *tag)
{
    sha256_init(&h->sha);
    ct_canon_hash__field(h, tag);
}

void ct_canon_hash__field(ct_canon_hash *h, const char *s)
{
    if (!s) {
        sha256_update(&h->sha, 2, (const uint8_t *)"~,");
        return;
    }
    size_t n = strlen(s);
    char len[32];
    int w = snprintf(len, sizeof len, "%zu:", n);
    sha256_update(&h->sha, (size_t)w, (const uint8_t *)len);
    sha256_update(&h->sha, n, (const uint8_t *)s);
    sha256_update(&h->sha, 1, (const uint8_t *)",");
}

void ct_canon_hash__hex(ct_canon_hash *h, size_t n_bytes, char *out)
{
    static const char hex[] = "0123456789abcdef";
    uint8_t d[SHA256_DIGEST_SIZE];
    sha256_digest(&h->sha, sizeof d, d);
    if (n_bytes > sizeof d)
        n_bytes = sizeof d;
    for (size_t i = 0; i < n_bytes; i++) {
        out[2 * i] = hex[d[i] >> 4];
        out[2 * i + 1] = hex[d[i] & 15];
    }
    out[2 * n_bytes] = '\0';
}

void ct_canon_hash__id3(const char *tag, const char *a, const char *b, const char *c, char *out)
{
    ct_canon_hash h;
    ct_canon_hash__init(&h, tag);
    ct_canon_hash__field(&h, a);
    ct_canon_hash__field(&h, b);
    ct_canon_hash__field(&h, c);
    memcpy(out, "CT-", 3);
    ct_canon_hash__hex(&h, 8, out + 3);
}
