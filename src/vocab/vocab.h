/*
 * vocab.h - a property's vocabulary (terms, broader and overlaps) and a
 * topic's subjects with their aliases, as data: built and queried here,
 * loaded and reported on by src/corpus/ (internal).
 *
 * The vocabulary folder depends on src/util/ and the public types only.
 */
#ifndef CT_VOCAB_H
#define CT_VOCAB_H

#include "claimtrack/corpus.h"
#include "util/namemap.h"

/* Index the terms of `p` by name (p->term_index, new); the first of a
 * repeated name wins.  0 or CT_ENOMEM. */
int ct_vocab__index_terms(ct_property *p);

/* The first term of `p` whose `broader` chain loops: 0 and *term >= 0, or
 * *term = -1 when there is none; CT_ENOMEM. */
int ct_vocab__broader_cycle(long *term, const ct_property *p);

/* Number the `broader` forest depth first (ct_term.enter and .leave), so
 * that "is narrower than" is two comparisons.  0 or CT_ENOMEM. */
int ct_vocab__number_terms(ct_property *p);

/* Record that terms `a` and `b` of `p` overlap, both ways, once.  0 or CT_ENOMEM. */
int ct_vocab__link_overlap(ct_property *p, size_t a, size_t b);

/* What ct_vocab__subject_add found. */
typedef enum {
    CT_VOCAB_ADDED = 0,    /* the name is new: it now names the subject */
    CT_VOCAB_SAME_SUBJECT, /* the name already names this subject */
    CT_VOCAB_OTHER_SUBJECT /* the name already names another subject */
} ct_vocab_outcome;

/* Add `name` (interned, NFC) as a name of subject `canonical` (interned) of
 * topic `t`, indexed in `index`; t->aliases has room.  *outcome says what
 * happened; for CT_VOCAB_OTHER_SUBJECT *other is that subject (borrowed).
 * 0 or CT_ENOMEM. */
int ct_vocab__subject_add(ct_vocab_outcome *outcome, const char **other, ct_topic *t,
                          ct_namemap *index, const char *name, const char *canonical);

/* The canonical name of `subject` (interned, NFC) in topic `t` indexed by
 * `index`, or NULL (borrowed). */
const char *ct_vocab__subject_canonical(const ct_namemap *index, const ct_topic *t,
                                        const char *subject);

#endif
