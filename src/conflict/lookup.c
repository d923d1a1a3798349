/*
 * conflict_lookup.c - finding a conflict of a set by id, and ids that two
 * conflicts share.
 */
#include "claimtrack/conflict.h"
#include "claimtrack/common.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Shortest prefix taken: "CT-" and one hex digit. */
#define PREFIX_MIN 4

size_t ct_conflict_set_prefix_matches(const ct_conflict_set *set, const char *prefix,
                                      const ct_conflict **out, size_t max)
{
    size_t n = 0, len = strlen(prefix);
    for (size_t i = 0; i < set->n_conflicts; i++)
        if (strncasecmp(set->conflicts[i].id, prefix, len) == 0) {
            if (n < max)
                out[n] = &set->conflicts[i];
            n++;
        }
    return n;
}

const ct_conflict *ct_conflict_set_get(const ct_conflict_set *set, const char *id)
{
    const ct_conflict *legacy = NULL;
    size_t n_legacy = 0;
    for (size_t i = 0; i < set->n_conflicts; i++) {
        if (strcasecmp(set->conflicts[i].id, id) == 0)
            return &set->conflicts[i];
        if (strcasecmp(set->conflicts[i].legacy_id, id) == 0) {
            legacy = &set->conflicts[i];
            n_legacy++;
        }
    }
    if (n_legacy == 1)
        return legacy;
    const ct_conflict *one = NULL;
    if (!n_legacy && strlen(id) >= PREFIX_MIN &&
        ct_conflict_set_prefix_matches(set, id, &one, 1) == 1)
        return one;
    return NULL;
}

static int cmp_conflict_ptr_id(const void *x, const void *y)
{
    const ct_conflict *a = *(const ct_conflict *const *)x, *b = *(const ct_conflict *const *)y;
    int d = strcmp(a->id, b->id);
    return d ? d : (a < b ? -1 : a > b);
}

int ct_conflict_set_find_id_collision(size_t *a, size_t *b, const ct_conflict_set *set)
{
    size_t n = set->n_conflicts;
    if (n < 2)
        return 0;
    const ct_conflict **v = ct_reallocarray(NULL, n, sizeof *v);
    if (!v)
        return CT_ENOMEM;
    for (size_t i = 0; i < n; i++)
        v[i] = &set->conflicts[i];
    qsort(v, n, sizeof *v, cmp_conflict_ptr_id);
    int found = 0;
    for (size_t i = 1; i < n && !found; i++)
        if (strcmp(v[i - 1]->id, v[i]->id) == 0) {
            *a = (size_t)(v[i - 1] - set->conflicts);
            *b = (size_t)(v[i] - set->conflicts);
            found = 1;
        }
    ct_free(v);
    return found;
}
