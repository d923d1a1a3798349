/*
 * strtab.c - string arena and intern table.
 */
#include "util/strtab.h"
#include "claimtrack/common.h"
#include "util/util.h"

#include <stdint.h>
#include <string.h>

#define CHUNK_SIZE (64 * 1024)

struct ct_strtab_chunk {
    ct_strtab_chunk *next;
    size_t used, cap;
    char data[];
};

const char *ct_strtab__copy(ct_strtab *t, const char *s, size_t n)
{
    ct_strtab_chunk *c = t->chunks;
    if (!c || c->cap - c->used < n + 1) {
        size_t cap = n + 1 > CHUNK_SIZE / 4 ? n + 1 : CHUNK_SIZE;
        ct_strtab_chunk *nc = ct_calloc(1, sizeof *nc + cap); /* zeroed, as every struct */
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

/* A slot keeps its string's hash and length (UINT32_MAX: that or longer):
 * a probe compares bytes only when both match, and growing never hashes
 * again.  The table's size is below 2^32, so 32 bits of hash place a slot. */
struct ct_strtab_slot {
    const char *s; /* NULL: empty */
    uint32_t hash;
    uint32_t len;
};

static uint32_t len32(size_t n) { return n < UINT32_MAX ? (uint32_t)n : UINT32_MAX; }

static size_t slot_of(const ct_strtab *t, const char *s, size_t n, uint32_t hash)
{
    size_t mask = t->size - 1;
    size_t h = hash & mask;
    uint32_t len = len32(n);
    for (const ct_strtab_slot *e = &t->slots[h]; e->s; e = &t->slots[h]) {
        if (e->hash == hash && e->len == len && (len < UINT32_MAX || strlen(e->s) == n) &&
            memcmp(e->s, s, n) == 0)
            break;
        h = (h + 1) & mask;
    }
    return h;
}

static uint32_t hash_of(const char *s, size_t n)
{
    unsigned long long h = ct_util__hash64(s, n, CT_HASH64_INIT);
    return (uint32_t)(h ^ (h >> 32));
}

const char *ct_strtab__lookup(const ct_strtab *t, const char *s, size_t n)
{
    if (!t->size)
        return NULL;
    return t->slots[slot_of(t, s, n, hash_of(s, n))].s;
}

const char *ct_strtab__intern(ct_strtab *t, const char *s, size_t n)
{
    if ((t->used + 1) * 2 > t->size) {
        size_t size = t->size ? t->size * 2 : 256;
        ct_strtab_slot *slots = ct_calloc(size, sizeof *slots);
        if (!slots)
            return NULL;
        ct_strtab old = *t;
        t->slots = slots;
        t->size = size;
        for (size_t i = 0; i < old.size; i++) {
            const ct_strtab_slot *e = &old.slots[i];
            if (!e->s)
                continue;
            size_t h = e->hash & (size - 1);
            while (t->slots[h].s)
                h = (h + 1) & (size - 1);
            t->slots[h] = *e;
        }
        ct_free(old.slots);
    }
    uint32_t hash = hash_of(s, n);
    size_t h = slot_of(t, s, n, hash);
    if (t->slots[h].s)
        return t->slots[h].s;
    const char *p = ct_strtab__copy(t, s, n);
    if (!p)
        return NULL;
    t->slots[h].s = p;
    t->slots[h].hash = hash;
    t->slots[h].len = len32(n);
    t->used++;
    return p;
}

void ct_strtab__dispose(ct_strtab *t)
{
    ct_strtab_chunk *c = t->chunks;
    while (c) {
        ct_strtab_chunk *next = c->next;
        ct_free(c);
        c = next;
    }
    ct_free(t->slots);
    memset(t, 0, sizeof *t);
}
