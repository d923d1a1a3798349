/*
 * rules.h - rule conflicts (internal): see rules.c.
 */
#ifndef CT_RULES_H
#define CT_RULES_H

#include "claimtrack/conflict.h"

/* What rule finding needs from the grouping of ct_conflict_find. */
typedef struct {
    void *payload;
    /* claims of group (topic, subject, property); 0 when there is none */
    size_t (*group_members)(void *payload, size_t topic, const char *subject, size_t property,
                            const size_t **members);
    /* the subjects (sorted by name) with claims for (topic, property) */
    size_t (*subjects_of)(void *payload, size_t topic, size_t property,
                          const char *const **subjects);
    const unsigned char *superseded; /* per claim: revised by a later one */
} ct_rules_input;

/* Append the rule conflicts of `corpus` to items[*count], growing it. */
int ct_rules__find(const ct_corpus *corpus, const ct_rules_input *in, ct_conflict **items,
                   size_t *count, size_t *alloc);

/* Free what a conflict owns, and clear it. */
void ct_conflict__parts_free(ct_conflict *c);

#endif
