/*
 * nearest.c - the known name nearest to a misspelt one: optimal string
 * alignment distance (insertions, deletions, substitutions and swaps of two
 * neighbours), ASCII letters compared without case.
 */
#include "util/nearest.h"

#include <string.h>

/* Names longer than this are not compared (the rows live on the stack). */
#define NEAREST_MAX 64

static unsigned char fold(char ch)
{
    unsigned char c = (unsigned char)ch;
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

static size_t min3(size_t a, size_t b, size_t c)
{
    size_t m = a < b ? a : b;
    return m < c ? m : c;
}

/* The distance from a to b, or limit + 1 once it is certain to exceed `limit`. */
static size_t distance(const char *a, size_t na, const char *b, size_t nb, size_t limit)
{
    size_t rows[3][NEAREST_MAX + 1];
    size_t *before = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= nb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= na; i++) {
        cur[0] = i;
        size_t row_min = cur[0];
        for (size_t j = 1; j <= nb; j++) {
            size_t cost = fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1;
            cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
            if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) &&
                fold(a[i - 2]) == fold(b[j - 1]) && before[j - 2] + 1 < cur[j])
                cur[j] = before[j - 2] + 1;
            if (cur[j] < row_min)
                row_min = cur[j];
        }
        if (row_min > limit)
            return limit + 1;
        size_t *t = before;
        before = prev;
        prev = cur;
        cur = t;
    }
    return prev[nb];
}

void ct_nearest__init(ct_nearest *n, const char *want)
{
    size_t len = strlen(want);
    n->want = want;
    n->best = NULL;
    n->limit = len <= 3 ? 1 : len <= 8 ? 2 : 3;
    n->best_distance = n->limit + 1;
}

void ct_nearest__offer(ct_nearest *n, const char *candidate)
{
    if (!candidate || strcmp(candidate, n->want) == 0)
        return;
    size_t na = strlen(n->want), nb = strlen(candidate);
    if (na > NEAREST_MAX || nb > NEAREST_MAX)
        return;
    if ((na > nb ? na - nb : nb - na) >= n->best_distance)
        return;
    size_t d = distance(n->want, na, candidate, nb, n->best_distance - 1);
    if (d < n->best_distance) {
        n->best = candidate;
        n->best_distance = d;
    }
}
