/*
 * conflict_int.h - internals shared by conflict finding (group.c), revisions
 * (revision.c) and the clash tests between positions (clash.c).
 */
#ifndef CLAIMTRACK_CONFLICT_INT_H
#define CLAIMTRACK_CONFLICT_INT_H

#include "claimtrack/conflict.h"
#include "claimtrack/common.h"

#include <string.h>

typedef struct {
    int kind;         /* SPEAKER_SOURCE or SPEAKER_CLAIMANT */
    const char *name; /* interned */
} speaker;

enum { SPEAKER_SOURCE, SPEAKER_CLAIMANT };

static inline speaker speaker_of(const ct_claim *c)
{
    speaker s = {c->speaker_source ? SPEAKER_SOURCE : SPEAKER_CLAIMANT, c->speaker};
    return s;
}

/* By kind, then name: an order that depends on no address. */
static inline int speaker_cmp(speaker a, speaker b)
{
    if (a.kind != b.kind)
        return a.kind < b.kind ? -1 : 1;
    return a.name == b.name ? 0 : strcmp(a.name, b.name);
}

/* qsort has no context argument in C11; sort an array of records that carry
 * what the comparison needs instead. */
typedef struct {
    const ct_claim *claim;
    const ct_property *prop;
    size_t index;
    size_t id_rank; /* place in the group by (claim id, index): ties of value sorts */
} member;

typedef struct {
    size_t first_member; /* range in the value-sorted member array */
    size_t count;
    speaker *keys; /* sorted speakers */
    size_t n_keys;
    int strength; /* 2 first-hand unhedged, 1 attributed unhedged, 0 hedged */
} pos_build;

typedef struct {
    ct_clash *items;
    size_t count, alloc;
    int truncated;
} clash_list;

/* Revisions found so far, a growable array. */
typedef struct {
    ct_revision *items;
    size_t count, alloc;
} revision_list;

/* Order of two claims of one property by stance (asserts, denies,
 * questions), then value (group.c). */
int ct_conflict__cmp_value(const ct_property *p, const ct_claim *a, const ct_claim *b);

/* Mark in `superseded` the members (k of them, of one group) that a later
 * claim of their speaker revises, and add each revision to `out`; reorders
 * `m` (revision.c). */
int ct_conflict__find_revisions(const ct_corpus *corpus, const ct_property *p, member *m, size_t k,
                                unsigned char *superseded, revision_list *out);

int ct_conflict__keys_intersect(const pos_build *a, const pos_build *b);
int ct_conflict__clash_add(clash_list *l, size_t a, size_t b);
int ct_conflict__find_clashes(const ct_property *p, const member *m, const pos_build *pb, size_t np,
                              clash_list *out);
int ct_conflict__positions_clash(const ct_property *p, const member *m, const pos_build *a,
                                 const pos_build *b, int self);

#endif
