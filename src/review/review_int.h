/*
 * review_int.h - internals of the review module.
 */
#ifndef CT_REVIEW_INT_H
#define CT_REVIEW_INT_H

#include "claimtrack/review.h"

/* The snapshot of conflict `c`'s claims (a review's "snapshot" member): by
 * claim id, its snapshot digest and value as written.  New reference, NULL
 * when out of memory. */
json_t *ct_review__snapshot(const ct_corpus *corpus, const ct_conflict_set *conflicts,
                            const ct_conflict *c);

#endif
