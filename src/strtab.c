/*
 * strtab.c - string arena and intern table.
 */
#include "strtab.h"
#include "claimtrack/common.h"

#include <string.h>

#define CHUNK_SIZE (64 * 1024)

struct ct_strtab_chunk {
    ct_strtab_chunk *next;
    size_t used, cap;
    char data[];
};

const char *ct_strtab_copy(ct_strtab *t, const char *s, size_t n)
{
    ct_strtab_chunk *c = t->chunks;
    if (!c || c->cap - c->used < n + 1) {
        size_t cap = n + 1 > CHUNK_SIZE / 4 ? n + 1 : CHUNK_SIZE;
        ct_strtab_chunk *nc = ct_malloc(sizeof *nc + cap);
        if (!nc)
            return NULL;
        nc->used = 0;
        nc->cap = cap;
        if (c && cap != CHUNK_SIZE) {
            /* a big string gets its own chunk behind the current one */
            nc->next = c->next;
            c->next = nc;
        } else {
            nc->next = c;
            t->chunks = nc;
        }
        c = nc;
    }
    char *p = c->data + c->used;
    memcpy(p, s, n);
    p[n] = '\0';
    c->used += n + 1;
    return p;
}

static size_t slot_of(const ct_strtab *t, const char *s, size_t n)
{
    size_t mask = t->size - 1;
    size_t h = (size_t)ct_hash64(s, n, CT_HASH64_INIT) & mask;
    while (t->slots[h] && (strncmp(t->slots[h], s, n) != 0 || t->slots[h][n] != '\0'))
        h = (h + 1) & mask;
    return h;
}

const char *ct_strtab_lookup(const ct_strtab *t, const char *s, size_t n)
{
    if (!t->size)
        return NULL;
    return t->slots[slot_of(t, s, n)];
}

const char *ct_strtab_intern(ct_strtab *t, const char *s, size_t n)
{
    if ((t->used + 1) * 2 > t->size) {
        size_t size = t->size ? t->size * 2 : 256;
        const char **slots = ct_calloc(size, sizeof *slots);
        if (!slots)
            return NULL;
        ct_strtab old = *t;
        t->slots = slots;
        t->size = size;
        for (size_t i = 0; i < old.size; i++)
            if (old.slots[i])
                t->slots[slot_of(t, old.slots[i], strlen(old.slots[i]))] = old.slots[i];
        ct_free((void *)old.slots);
    }
    size_t h = slot_of(t, s, n);
    if (t->slots[h])
        return t->slots[h];
    const char *p = ct_strtab_copy(t, s, n);
    if (!p)
        return NULL;
    t->slots[h] = p;
    t->used++;
    return p;
}

void ct_strtab_dispose(ct_strtab *t)
{
    ct_strtab_chunk *c = t->chunks;
    while (c) {
        ct_strtab_chunk *next = c->next;
        ct_free(c);
        c = next;
    }
    ct_free((void *)t->slots);
    memset(t, 0, sizeof *t);
}
