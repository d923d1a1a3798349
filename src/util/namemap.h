/*
 * namemap.h - a hash map from names to indexes (internal).
 *
 * Open addressing with linear probing over borrowed NUL-terminated keys: the
 * caller keeps every key alive (corpus names live in its string table) for
 * as long as the map.  Lookups of topics, sources, subject aliases and terms
 * go through one of these instead of a scan.
 */
#ifndef CT_NAMEMAP_H
#define CT_NAMEMAP_H

#include <stddef.h>

typedef struct ct_namemap_slot ct_namemap_slot;

typedef struct ct_namemap {
    ct_namemap_slot *slots;
    size_t size, used;
} ct_namemap;

#define CT_NAMEMAP_INIT                                                                            \
    {                                                                                              \
        .slots = NULL                                                                              \
    }

/* Map `key` to `value` unless it is mapped already.  Returns 0 (added),
 * 1 (present: *existing, when given, is its value; the map is unchanged)
 * or CT_ENOMEM. */
int ct_namemap__add(ct_namemap *m, const char *key, size_t value, size_t *existing);
/* Map `key` to `value`, replacing any value.  0 or CT_ENOMEM. */
int ct_namemap__put(ct_namemap *m, const char *key, size_t value);
/* The value of `key`, or -1 when absent. */
long ct_namemap__get(const ct_namemap *m, const char *key);
/* The value of `key`, to read or change in place; NULL when absent. */
size_t *ct_namemap__find(const ct_namemap *m, const char *key);
/* Make room for `n` keys in all without growing again.  0 or CT_ENOMEM. */
int ct_namemap__reserve(ct_namemap *m, size_t n);
void ct_namemap__dispose(ct_namemap *m);

#endif
