/*
 * nearest.h - "did you mean": the known name nearest to a misspelt one, by
 * edit distance (internal).
 */
#ifndef CT_UTIL_NEAREST_H
#define CT_UTIL_NEAREST_H

#include <stddef.h>

/* The search for the name nearest to `want`: offer each known name in turn;
 * `best` is then the nearest within a few edits (fewer for short names), or
 * NULL.  Ties keep the first offered. */
typedef struct {
    const char *want;
    const char *best; /* borrowed from the offers */
    size_t best_distance;
    size_t limit; /* most edits that still count as a near miss */
} ct_nearest;

void ct_nearest__init(ct_nearest *n, const char *want);
void ct_nearest__offer(ct_nearest *n, const char *candidate);

#endif
