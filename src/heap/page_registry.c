/*
 * page_registry.c -- the heap's old pages and large chunks, by address.
 *
 * The collector finds an object's page by masking its address, and reads
 * the page header there.  That is safe for the heap's own objects only: an
 * address the embedder made up (a malloc'd block, a stack variable, a
 * freed object of a destroyed heap) may mask to memory that is not mapped.
 * The API calls that accept any object from the embedder -- globals,
 * object ids, heap introspection -- ask this set first.
 *
 * An open-addressing hash set of page addresses, linear probing, deletion
 * by shifting the following entries back (no tombstones).  Pages come and
 * go on the allocation slow path and in sweeps, never in a fast path.
 */
#include <stdlib.h>

#include "heap_internal.h"

static size_t home(const gh_page_registry *r, uintptr_t page)
{
    /* page addresses are GH_PAGE_SIZE-aligned: the low bits carry nothing */
    uint64_t k = (uint64_t)(page / GH_PAGE_SIZE) * 0x9E3779B97F4A7C15ull;
    return (size_t)(k >> 32) & (r->cap - 1);
}

static void put(gh_page_registry *r, uintptr_t page)
{
    size_t i = home(r, page);
    while (r->slots[i])
        i = (i + 1) & (r->cap - 1);
    r->slots[i] = page;
    r->count++;
}

static bool grow(gh_page_registry *r)
{
    size_t cap = r->cap ? r->cap * 2 : 64;
    uintptr_t *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    gh_page_registry bigger = {slots, cap, 0};
    for (size_t i = 0; i < r->cap; i++)
        if (r->slots[i])
            put(&bigger, r->slots[i]);
    free(r->slots);
    *r = bigger;
    return true;
}

bool gh_registry_add(gh_page_registry *r, const gh_page *page)
{
    if ((r->count + 1) * 2 > r->cap && !grow(r)) /* at most half full */
        return false;
    put(r, (uintptr_t)page);
    return true;
}

static size_t find(const gh_page_registry *r, uintptr_t page)
{
    if (!r->cap)
        return SIZE_MAX;
    for (size_t i = home(r, page); r->slots[i]; i = (i + 1) & (r->cap - 1))
        if (r->slots[i] == page)
            return i;
    return SIZE_MAX;
}

bool gh_registry_has(const gh_page_registry *r, const void *page)
{
    return find(r, (uintptr_t)page) != SIZE_MAX;
}

void gh_registry_remove(gh_page_registry *r, const gh_page *page)
{
    size_t hole = find(r, (uintptr_t)page);
    if (hole == SIZE_MAX)
        return;
    r->slots[hole] = 0;
    r->count--;
    /* Move back each following entry of the run that the hole now cuts
     * off from its home slot. */
    for (size_t i = (hole + 1) & (r->cap - 1); r->slots[i]; i = (i + 1) & (r->cap - 1)) {
        size_t h = home(r, r->slots[i]);
        bool reachable = hole <= i ? (h > hole && h <= i) : (h > hole || h <= i);
        if (reachable)
            continue;
        r->slots[hole] = r->slots[i];
        r->slots[i] = 0;
        hole = i;
    }
}

void gh_registry_free(gh_page_registry *r)
{
    free(r->slots);
    *r = (gh_page_registry){0};
}

bool gh_heap_contains(const gh_heap *h, const void *p)
{
    const gh_new_space *ns = &h->new_space;
    if ((uintptr_t)p - (uintptr_t)ns->reservation < ns->reservation_size)
        return gh_page_of(p)->heap == h; /* the whole reservation is mapped */
    return gh_registry_has(&h->chunks, gh_page_of(p));
}
