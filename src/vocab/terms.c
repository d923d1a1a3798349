/*
 * terms.c - a property's vocabulary as a graph: the name index, the
 * `broader` forest (cycle check, depth-first numbering) and `overlaps`.
 */
#include "vocab/vocab.h"

#include <stdint.h>

#include "claimtrack/common.h"

int ct_vocab__index_terms(ct_property *p)
{
    if (!(p->term_index = ct_calloc(1, sizeof *p->term_index)) ||
        ct_namemap__reserve(p->term_index, p->n_terms) < 0)
        return CT_ENOMEM;
    for (size_t i = 0; i < p->n_terms; i++)
        if (ct_namemap__add(p->term_index, p->terms[i].name, i, NULL) < 0)
            return CT_ENOMEM;
    return 0;
}

/* Each term is walked once: `state` marks terms whose chain ends (SIZE_MAX)
 * and the terms on the walk from term i (i + 1). */
int ct_vocab__broader_cycle(long *term, const ct_property *p)
{
    *term = -1;
    if (!p->n_terms)
        return 0;
    size_t *state = ct_calloc(p->n_terms, sizeof *state);
    if (!state)
        return CT_ENOMEM;
    for (size_t i = 0; i < p->n_terms && *term < 0; i++) {
        long t = (long)i;
        while (t >= 0 && state[t] == 0) {
            state[t] = i + 1;
            t = p->terms[t].broader;
        }
        if (t >= 0 && state[t] != SIZE_MAX)
            *term = (long)i;
        for (t = (long)i; t >= 0 && state[t] == i + 1; t = p->terms[t].broader)
            state[t] = SIZE_MAX;
    }
    ct_free(state);
    return 0;
}

/* Without recursion: chains may be as deep as there are terms.  The children
 * of term t are kids[first[t] .. first[t + 1]). */
int ct_vocab__number_terms(ct_property *p)
{
    size_t n = p->n_terms;
    size_t *first = ct_calloc(n + 1, sizeof *first);
    size_t *kids = ct_calloc(n ? n : 1, sizeof *kids);
    size_t *stack = ct_calloc(n ? n : 1, sizeof *stack);
    size_t *next = ct_calloc(n ? n : 1, sizeof *next); /* the next child to visit */
    int rc = CT_ENOMEM;
    if (!first || !kids || !stack || !next)
        goto done;
    for (size_t i = 0; i < n; i++)
        if (p->terms[i].broader >= 0)
            first[p->terms[i].broader + 1]++;
    for (size_t i = 0; i < n; i++)
        first[i + 1] += first[i];
    for (size_t i = 0; i < n; i++)
        if (p->terms[i].broader >= 0)
            kids[first[p->terms[i].broader] + next[p->terms[i].broader]++] = i;
    size_t clock = 0;
    for (size_t root = 0; root < n; root++) {
        if (p->terms[root].broader >= 0)
            continue;
        size_t depth = 0;
        stack[depth++] = root;
        p->terms[root].enter = clock++;
        next[root] = first[root];
        while (depth) {
            size_t t = stack[depth - 1];
            if (next[t] < first[t + 1]) {
                size_t k = kids[next[t]++];
                p->terms[k].enter = clock++;
                next[k] = first[k];
                stack[depth++] = k;
            } else {
                p->terms[t].leave = clock++;
                depth--;
            }
        }
    }
    rc = 0;
done:
    ct_free(first);
    ct_free(kids);
    ct_free(stack);
    ct_free(next);
    return rc;
}

static int add_overlap(ct_term *t, long other)
{
    for (size_t i = 0; i < t->n_overlaps; i++)
        if (t->overlaps[i] == other)
            return 0;
    long *more = ct_reallocarray(t->overlaps, t->n_overlaps + 1, sizeof *more);
    if (!more)
        return CT_ENOMEM;
    t->overlaps = more;
    t->overlaps[t->n_overlaps++] = other;
    return 0;
}

int ct_vocab__link_overlap(ct_property *p, size_t a, size_t b)
{
    if (add_overlap(&p->terms[a], (long)b) < 0 || add_overlap(&p->terms[b], (long)a) < 0)
        return CT_ENOMEM;
    return 0;
}
