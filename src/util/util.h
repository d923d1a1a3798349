/*
 * util/util.h - small helpers every module of the library shares (internal).
 *
 * Nothing here is public: embedders see only include/.  Allocation wrappers
 * and text checks an embedder may use stay in claimtrack/common.h.
 */
#ifndef CT_UTIL_UTIL_H
#define CT_UTIL_UTIL_H

#include <assert.h>
#include <stddef.h>

#include "claimtrack/common.h"

/* Guard a public entry point against a caller bug (a NULL where an object is
 * required, say): aborts in debug builds, returns CT_EINVALID from the
 * calling function when NDEBUG is defined. */
#define CT_ASSERT_ARG(expr)                                                                        \
    do {                                                                                           \
        if (!(expr)) {                                                                             \
            assert(!"claimtrack: invalid argument: " #expr);                                       \
            return CT_EINVALID;                                                                    \
        }                                                                                          \
    } while (0)

/* The seed of a fresh ct_util__hash64 chain (the FNV-1a offset basis). */
#define CT_HASH64_INIT 14695981039346656037ULL

/* 64-bit FNV-1a of `len` bytes of `data`, continuing from `seed`, used for
 * hashing and stable identifiers. */
unsigned long long ct_util__hash64(const void *data, size_t len, unsigned long long seed);

/* Make room for one more item in the array *items of *alloc slots holding
 * `count` items of `size` bytes (doubling; at least 8).  0 or CT_ENOMEM. */
int ct_util__array_grow(void **items, size_t *alloc, size_t count, size_t size);

#endif
