/*
 * namemap.c - a hash map from names to indexes.
 */
#include "util/namemap.h"
#include "claimtrack/common.h"
#include "util/util.h"

#include <string.h>

struct ct_namemap_slot {
    const char *key; /* NULL: empty */
    size_t hash;
    size_t value;
};

static size_t hash_of(const char *key)
{
    return (size_t)ct_util__hash64(key, strlen(key), CT_HASH64_INIT);
}

/* The slot holding `key`, or the empty slot where it belongs. */
static ct_namemap_slot *slot_of(const ct_namemap *m, const char *key, size_t h)
{
    size_t mask = m->size - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        ct_namemap_slot *s = &m->slots[i];
        if (!s->key || (s->hash == h && (s->key == key || strcmp(s->key, key) == 0)))
            return s;
    }
}

/* Grow to a power of two at least twice `n`: the table stays at most half full. */
int ct_namemap__reserve(ct_namemap *m, size_t n)
{
    size_t size = m->size ? m->size : 16;
    while (size / 2 < n)
        size *= 2;
    if (size == m->size)
        return 0;
    ct_namemap_slot *slots = ct_calloc(size, sizeof *slots);
    if (!slots)
        return CT_ENOMEM;
    ct_namemap old = *m;
    m->slots = slots;
    m->size = size;
    for (size_t i = 0; i < old.size; i++)
        if (old.slots[i].key)
            *slot_of(m, old.slots[i].key, old.slots[i].hash) = old.slots[i];
    ct_free(old.slots);
    return 0;
}

static int insert(ct_namemap *m, const char *key, size_t value, int replace, size_t *existing)
{
    if (ct_namemap__reserve(m, m->used + 1) < 0)
        return CT_ENOMEM;
    size_t h = hash_of(key);
    ct_namemap_slot *s = slot_of(m, key, h);
    if (s->key) {
        if (existing)
            *existing = s->value;
        if (replace)
            s->value = value;
        return 1;
    }
    s->key = key;
    s->hash = h;
    s->value = value;
    m->used++;
    return 0;
}

int ct_namemap__add(ct_namemap *m, const char *key, size_t value, size_t *existing)
{
    return insert(m, key, value, 0, existing);
}

int ct_namemap__put(ct_namemap *m, const char *key, size_t value)
{
    int rc = insert(m, key, value, 1, NULL);
    return rc < 0 ? rc : 0;
}

size_t *ct_namemap__find(const ct_namemap *m, const char *key)
{
    if (!m || !m->used)
        return NULL;
    ct_namemap_slot *s = slot_of(m, key, hash_of(key));
    return s->key ? &s->value : NULL;
}

long ct_namemap__get(const ct_namemap *m, const char *key)
{
    const size_t *v = ct_namemap__find(m, key);
    return v ? (long)*v : -1;
}

void ct_namemap__dispose(ct_namemap *m)
{
    ct_free(m->slots);
    memset(m, 0, sizeof *m);
}
