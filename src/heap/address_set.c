/*
 * address_set.c -- a set of aligned addresses: the heap's old pages and
 * large chunks, and (process-wide, in handles.c) every heap's
 * global-handle blocks.
 *
 * The collector finds an object's page by masking its address and reading
 * the page header there (and a global's block likewise).  That is safe for
 * what the heap handed out only: an address the embedder made up (a
 * malloc'd block, a stack variable, a stale pointer) may mask to memory
 * that is not mapped.  The API calls that accept such addresses ask these
 * sets first (gh_heap_contains, and the calls taking a global).
 *
 * Open addressing, linear probing, deletion by shifting the following
 * entries back (no tombstones).  Entries come and go on allocation slow
 * paths and in sweeps, never in a fast path.
 */
#include <stdlib.h>

#include "heap_internal.h"

static size_t home(const gh_address_set *s, uintptr_t addr)
{
    /* the addresses are aligned to 4 KiB or more: the low bits carry nothing */
    uint64_t k = (uint64_t)(addr >> 12) * 0x9E3779B97F4A7C15ull;
    return (size_t)(k >> 32) & (s->cap - 1);
}

static void put(gh_address_set *s, uintptr_t addr)
{
    size_t i = home(s, addr);
    while (s->slots[i])
        i = (i + 1) & (s->cap - 1);
    s->slots[i] = addr;
    s->count++;
}

static bool grow(gh_address_set *s)
{
    size_t cap = s->cap ? s->cap * 2 : 64;
    uintptr_t *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    gh_address_set bigger = {slots, cap, 0};
    for (size_t i = 0; i < s->cap; i++)
        if (s->slots[i])
            put(&bigger, s->slots[i]);
    free(s->slots);
    *s = bigger;
    return true;
}

bool gh_address_set_add(gh_address_set *s, const void *addr)
{
    if ((s->count + 1) * 2 > s->cap && !grow(s)) /* at most half full */
        return false;
    put(s, (uintptr_t)addr);
    return true;
}

static size_t find(const gh_address_set *s, uintptr_t addr)
{
    if (!s->cap || !addr)
        return SIZE_MAX;
    for (size_t i = home(s, addr); s->slots[i]; i = (i + 1) & (s->cap - 1))
        if (s->slots[i] == addr)
            return i;
    return SIZE_MAX;
}

bool gh_address_set_has(const gh_address_set *s, const void *addr)
{
    return find(s, (uintptr_t)addr) != SIZE_MAX;
}

void gh_address_set_remove(gh_address_set *s, const void *addr)
{
    size_t hole = find(s, (uintptr_t)addr);
    if (hole == SIZE_MAX)
        return;
    s->slots[hole] = 0;
    s->count--;
    /* Move back each following entry of the run that the hole now cuts
     * off from its home slot. */
    for (size_t i = (hole + 1) & (s->cap - 1); s->slots[i]; i = (i + 1) & (s->cap - 1)) {
        size_t h = home(s, s->slots[i]);
        bool reachable = hole <= i ? (h > hole && h <= i) : (h > hole || h <= i);
        if (reachable)
            continue;
        s->slots[hole] = s->slots[i];
        s->slots[i] = 0;
        hole = i;
    }
}

void gh_address_set_free(gh_address_set *s)
{
    free(s->slots);
    *s = (gh_address_set){0};
}
