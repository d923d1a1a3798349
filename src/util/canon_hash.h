/*
 * canon_hash.h - SHA-256 over an unambiguous encoding of strings (internal).
 *
 * Conflict ids and digests are SHA-256 (GNU Nettle) of a canonical encoding:
 * a domain tag, then each field as "<decimal length>:<bytes>," or "~," for an
 * absent field.  No field can run into the next, so two different field lists
 * never encode to the same bytes.
 */
#ifndef CLAIMTRACK_CANON_HASH_H
#define CLAIMTRACK_CANON_HASH_H

#include <nettle/sha2.h>
#include <stddef.h>

typedef struct {
    struct sha256_ctx sha;
} ct_canon_hash;

/* Start a hash for the domain `tag` (e.g. "claimtrack conflict id 2"). */
void ct_canon_hash__init(ct_canon_hash *h, const char *tag);
/* Add one field; NULL is "absent", distinct from "". */
void ct_canon_hash__field(ct_canon_hash *h, const char *s);
/* Write the first `n_bytes` of the hash as 2 * n_bytes lowercase hex digits
 * plus a NUL to `out` (n_bytes <= 32). */
void ct_canon_hash__hex(ct_canon_hash *h, size_t n_bytes, char *out);

/* "CT-" + the first 16 hex digits of the hash of the domain `tag` and three
 * fields: a conflict id (out holds 20 bytes). */
void ct_canon_hash__id3(const char *tag, const char *a, const char *b, const char *c, char *out);

#endif
