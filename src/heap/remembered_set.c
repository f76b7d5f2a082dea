/*
 * remembered_set.c -- the write barrier's slow path and the per-page slot
 * sets it fills.
 *
 * The inline barrier (genheap.h) only reaches here when a reference to an
 * object on a page whose pointers-to-here are interesting (a young page; any
 * page while marking) is stored into an object on a page whose
 * pointers-from-here are interesting (an old or large page; any page while
 * marking).  The slot's address is then recorded in the host
 * page's slot set: one bit per 8-byte word of the chunk, allocated on first
 * use.  A scavenge treats the recorded slots as roots, and drops each one
 * that no longer points into the young generation.
 *
 * Recorded slots must always be slots of live objects: the sweeper clears
 * the bits of every range it frees, and a full GC (which empties the young
 * generation) clears them all.
 *
 * The old pages and large chunks that have a set are on a list of their
 * own (heap->remembered_pages), linked when the set is created and
 * unlinked when it is freed: a scavenge visits those pages only.  Walking
 * every page to find them (a cache and TLB miss per page header) took
 * about 0.15 ms of each of lesson1's 0.7 ms scavenges at 800 MB, where
 * no page has a set.
 */
#include <stdlib.h>
#include <string.h>

#include "heap_internal.h"

static size_t slot_words(const gh_page *p) { return p->chunk_size / 8 / 64; }

static size_t slot_index(const gh_page *p, const void *slot)
{
    return ((uintptr_t)slot - (uintptr_t)p) >> 3;
}

size_t gh_slot_set_bytes(const gh_page *p)
{
    return p->slot_set ? slot_words(p) * sizeof(uint64_t) : 0;
}

/* The heap's total of remembered-set bytes (for malloced_memory), counted
 * while p's set exists.  Sets are made and freed on the main thread only;
 * the counter stays atomic for the statistics' atomic reads. */
static void count_slot_set(gh_page *p, bool added)
{
    size_t bytes = gh_slot_set_bytes(p);
    if (added)
        __atomic_fetch_add(&p->heap->slot_set_bytes, bytes, __ATOMIC_RELAXED);
    else
        __atomic_fetch_sub(&p->heap->slot_set_bytes, bytes, __ATOMIC_RELAXED);
}

/* Young pages never hold recorded slots of their own (the barrier records
 * old hosts only); if one ever did, it stays off the list, as it always
 * has been outside the scavenger's walk. */
static bool listed(const gh_page *p) { return !(p->flags & GH_PF_YOUNG); }

static void link_page(gh_page *p)
{
    gh_heap *h = p->heap;
    p->rs_prev = NULL;
    p->rs_next = h->remembered_pages;
    if (h->remembered_pages)
        h->remembered_pages->rs_prev = p;
    h->remembered_pages = p;
}

static void unlink_page(gh_page *p)
{
    if (p->rs_prev)
        p->rs_prev->rs_next = p->rs_next;
    else
        p->heap->remembered_pages = p->rs_next;
    if (p->rs_next)
        p->rs_next->rs_prev = p->rs_prev;
    p->rs_next = p->rs_prev = NULL;
}

void gh_slot_set_insert(gh_page *p, const void *slot)
{
    if (!p->slot_set) {
        p->slot_set = calloc(slot_words(p), sizeof(uint64_t));
        if (!p->slot_set)
            gh_fatal("genheap: out of memory allocating a remembered set");
        count_slot_set(p, true);
        if (listed(p))
            link_page(p);
    }
    size_t i = slot_index(p, slot);
    p->slot_set[i >> 6] |= (uint64_t)1 << (i & 63);
}

bool gh_slot_set_contains(const gh_page *p, const void *slot)
{
    if (!p->slot_set)
        return false;
    size_t i = slot_index(p, slot);
    return (p->slot_set[i >> 6] >> (i & 63)) & 1;
}

void gh_slot_set_remove_range(gh_page *p, const void *start, const void *end)
{
    if (!p->slot_set || start >= end)
        return;
    size_t i = slot_index(p, start), j = slot_index(p, end); /* [i, j) */
    while (i < j && (i & 63)) {
        p->slot_set[i >> 6] &= ~((uint64_t)1 << (i & 63));
        i++;
    }
    for (; i + 64 <= j; i += 64)
        p->slot_set[i >> 6] = 0;
    for (; i < j; i++)
        p->slot_set[i >> 6] &= ~((uint64_t)1 << (i & 63));
}

void gh_slot_set_clear(gh_page *p)
{
    if (!p->slot_set)
        return;
    count_slot_set(p, false);
    free(p->slot_set);
    p->slot_set = NULL;
    if (listed(p))
        unlink_page(p);
}

bool gh_slot_set_iterate(gh_page *p, bool (*fn)(gh_heap *h, uint64_t *slot, void *ctx), void *ctx)
{
    if (!p->slot_set)
        return false;
    size_t words = slot_words(p);
    bool any = false;
    for (size_t w = 0; w < words; w++) {
        uint64_t bits = p->slot_set[w];
        while (bits) {
            unsigned b = (unsigned)__builtin_ctzll(bits);
            bits &= bits - 1;
            uint64_t *slot = (uint64_t *)(void *)((char *)p + ((w * 64 + b) << 3));
            if (!fn(p->heap, slot, ctx))
                p->slot_set[w] &= ~((uint64_t)1 << b);
        }
        any |= p->slot_set[w] != 0;
    }
    return any;
}

void gh_remembered_set_iterate(gh_heap *h, bool (*fn)(gh_heap *h, uint64_t *slot, void *ctx),
                               void *ctx)
{
    gh_page *next;
    for (gh_page *p = h->remembered_pages; p; p = next) {
        next = p->rs_next; /* clearing p unlinks it */
        if (!gh_slot_set_iterate(p, fn, ctx))
            gh_slot_set_clear(p);
    }
}

void gh_remembered_set_clear_all(gh_heap *h)
{
    while (h->remembered_pages)
        gh_slot_set_clear(h->remembered_pages);
}

/* Record slot if it now holds an old->young reference. */
static inline void record_if_old_to_young(gh_page *host_page, void *slot)
{
    char *target = gh_slot_target(*(uint64_t *)slot);
    if (target && (gh_page_of(target)->flags & GH_PF_YOUNG) && !(host_page->flags & GH_PF_YOUNG))
        gh_slot_set_insert(host_page, slot);
}

/* While marking, grey what is stored into a marked host (the Dijkstra
 * barrier): a black host must never be left pointing to a white object.
 * A white host needs nothing: if it is reachable, the marker has yet to
 * scan it and will see the new value then (objects reachable only from
 * roots are found by the final re-scan of the roots).  Skipping white
 * hosts matters: most stores go into young objects born during the
 * marking, which are white, and many store objects promoted during it
 * (white too).  Greying those made the marker trace, as live, structures
 * the program built and dropped: binary-trees' marking then chased its
 * trees for most of the run and ended in a long pause. */
static inline void grey_if_marking(gh_page *host_page, const void *host, void *slot)
{
    gh_heap *h = host_page->heap;
    if (h->marking.state == GH_MARKING_ACTIVE && gh_is_marked(host)) {
        char *target = gh_slot_target(*(uint64_t *)slot);
        if (target)
            gh_mark_object(h, target);
    }
}

/* A slot of this heap's host that now holds another heap's object: misuse,
 * reported, and neither recorded (this heap's scavenge would copy the
 * other's object) nor greyed (marked in the other heap's bitmap).  Only
 * stores that reach the slow path are checked -- into old hosts, and all of
 * them while marking; gh_verify finds the rest. */
static bool holds_foreign_object(const gh_page *host_page, const void *host, const void *slot)
{
    char *target = gh_slot_target(*(const uint64_t *)slot);
    if (!target || gh_heap_owns(host_page->heap, target))
        return false;
    gh_misuse("write barrier: slot %p of %p now holds %p, an object of another heap", slot, host,
              (void *)target);
    return true;
}

void gh__write_barrier_slow(void *host, void *slot)
{
    gh_page *hp = gh_page_of(host);
#ifdef GH_DEBUG
    if ((char *)slot < (char *)host || (char *)slot >= (char *)host + gh_size_of(host))
        gh_misuse("write barrier: slot %p is not inside its host object %p (%zu bytes)", slot,
                  host, gh_size_of(host));
#endif
    if (holds_foreign_object(hp, host, slot))
        return;
    record_if_old_to_young(hp, slot);
    grey_if_marking(hp, host, slot);
}

/* Whether n slots from first lie inside host, on slot boundaries; if not,
 * reported as misuse of fn.  Checked in every build, once per call: a
 * count too large would walk past the host's page and into other pages'
 * remembered sets, and a misaligned start would be read unaligned and
 * recorded as the word it straddles (not a slot, maybe raw data). */
static bool range_inside_host(const char *fn, const void *host, const void *first, size_t n)
{
    const char *end = (const char *)host + gh_size_of(host);
    if ((const char *)first < (const char *)host || (const char *)first > end ||
        n > (size_t)(end - (const char *)first) / 8) {
        gh_misuse("%s: %zu slots from %p are not inside host %p (%zu bytes)", fn, n, first, host,
                  gh_size_of(host));
        return false;
    }
    if (((uintptr_t)first - (uintptr_t)host) % 8) {
        gh_misuse("%s: %p is not a slot of host %p (not 8-byte aligned)", fn, first, host);
        return false;
    }
    return true;
}

/* The slow path's work for each of n slots of a host on page hp. */
static void barrier_each(gh_page *hp, void *host, uint64_t *slots, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (holds_foreign_object(hp, host, &slots[i]))
            continue;
        record_if_old_to_young(hp, &slots[i]);
        grey_if_marking(hp, host, &slots[i]);
    }
}

void gh_write_barrier_range(void *host, void *first_slot, size_t n)
{
    if (!host || !first_slot || !range_inside_host("gh_write_barrier_range", host, first_slot, n))
        return;
    gh_page *hp = gh_page_of(host);
    if (hp->flags & GH_PF_FROM_INTERESTING)
        barrier_each(hp, host, first_slot, n);
}

/* ---- moving slots with their records ---------------------------------------- */

/* k (1..64) bits of a slot set from bit i, and the same written back. */
static uint64_t bits_get(const uint64_t *set, size_t i, unsigned k)
{
    unsigned o = (unsigned)(i & 63);
    uint64_t v = set[i >> 6] >> o;
    if (o + k > 64)
        v |= set[(i >> 6) + 1] << (64 - o);
    return k == 64 ? v : v & (((uint64_t)1 << k) - 1);
}

static void bits_put(uint64_t *set, size_t i, unsigned k, uint64_t v)
{
    unsigned o = (unsigned)(i & 63);
    uint64_t mask = k == 64 ? ~(uint64_t)0 : ((uint64_t)1 << k) - 1;
    set[i >> 6] = (set[i >> 6] & ~(mask << o)) | (v << o);
    if (o + k > 64) {
        unsigned low = 64 - o; /* bits that went into the first word */
        set[(i >> 6) + 1] = (set[(i >> 6) + 1] & ~(mask >> low)) | (v >> low);
    }
}

/* The records of n slots from bit src copied to bit dst, 64 at a time, in
 * memmove's order so that overlapping ranges read each word before it is
 * overwritten. */
static void slot_set_move(uint64_t *set, size_t dst, size_t src, size_t n)
{
    if (dst < src) {
        for (size_t done = 0; done < n;) {
            unsigned k = n - done < 64 ? (unsigned)(n - done) : 64;
            bits_put(set, dst + done, k, bits_get(set, src + done, k));
            done += k;
        }
    } else {
        for (size_t left = n; left;) {
            unsigned k = left < 64 ? (unsigned)left : 64;
            left -= k;
            bits_put(set, dst + left, k, bits_get(set, src + left, k));
        }
    }
}

/*
 * Every old->young slot of an old host is recorded, so after a memmove the
 * destination's records are exactly the source's records before it: copy
 * the bits.  Slots left outside the destination keep their values and
 * their bits.  A page without a set has no young referent to move.
 * While marking, a moved value could pass from a part of a large array
 * the marker has yet to read into a part it has read (arrays are marked a
 * chunk at a time), so every moved slot takes the barrier then.
 */
void gh_move_slots(void *host, void *dst, const void *src, size_t n)
{
    if (!host || !dst || !src || !range_inside_host("gh_move_slots", host, dst, n) ||
        !range_inside_host("gh_move_slots", host, src, n))
        return;
    memmove(dst, src, n * 8);
    gh_page *hp = gh_page_of(host);
    if (!(hp->flags & GH_PF_FROM_INTERESTING))
        return;
    if (hp->heap->marking.state == GH_MARKING_ACTIVE) {
        barrier_each(hp, host, dst, n);
        return;
    }
    if (hp->slot_set && n && dst != src)
        slot_set_move(hp->slot_set, slot_index(hp, dst), slot_index(hp, src), n);
}
