/*
 * u64_map.c -- a fixed-size open-addressing map from non-zero 64-bit keys
 * (object addresses, object ids) to 32-bit values (node numbers).  Sized
 * once for the number of objects, at most half full.
 */
#include <stdlib.h>

#include "diag_internal.h"

static size_t slot_of(uint64_t key, size_t mask)
{
    return (size_t)((key >> 3) * 0x9E3779B97F4A7C15ull >> 16) & mask;
}

bool gh_u64_map_init(gh_u64_map *m, size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    m->keys = calloc(cap, sizeof *m->keys);
    m->values = malloc(cap * sizeof *m->values);
    m->count = 0;
    m->cap = cap;
    if (m->keys && m->values)
        return true;
    gh_u64_map_free(m);
    return false;
}

void gh_u64_map_free(gh_u64_map *m)
{
    free(m->keys);
    free(m->values);
    m->keys = NULL;
    m->values = NULL;
    m->count = m->cap = 0;
}

void gh_u64_map_put(gh_u64_map *m, uint64_t key, uint32_t value)
{
    size_t mask = m->cap - 1, j = slot_of(key, mask);
    while (m->keys[j] && m->keys[j] != key)
        j = (j + 1) & mask;
    if (!m->keys[j])
        m->count++;
    m->keys[j] = key;
    m->values[j] = value;
}

uint32_t gh_u64_map_get(const gh_u64_map *m, uint64_t key)
{
    if (!m->cap || !key)
        return UINT32_MAX;
    size_t mask = m->cap - 1;
    for (size_t j = slot_of(key, mask); m->keys[j]; j = (j + 1) & mask)
        if (m->keys[j] == key)
            return m->values[j];
    return UINT32_MAX;
}
