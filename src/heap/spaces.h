/*
 * spaces.h -- the heap's three spaces, as the rest of the collector sees
 * them: the young generation's two semispaces (new_space.c), the old
 * generation's pages, free lists and allocation buffers (old_space.c), and
 * the large objects, one chunk each (large_object_space.c).  heap_internal.h
 * includes this file; the gh_heap that holds the spaces is defined there,
 * with the helpers that need the whole heap (gh_in_from_space,
 * gh_old_gen_used).
 */
#ifndef GH_SPACES_H
#define GH_SPACES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "genheap.h"
#include "page.h"

/* ---- new_space.c: two semispaces over two runs of pages ---------------- *
 *
 * The reservation holds two runs of max_pages pages.  Semispace page i is
 * page i of one run or the other: page_role says which run holds
 * from-space's page i, and to-space's page i is the same slot in the other
 * run.  A flip hands over only the pages that hold survivors, so past them
 * the allocator goes on using pages it has already touched (new_space.c). */

/* page_role values, per page of the reservation in address order */
#define GH_YOUNG_ROLE_FROM 1u
#define GH_YOUNG_ROLE_TO 2u
/* page_state bits, per run and page */
#define GH_YOUNG_PAGE_READY 1u    /* header filled in */
#define GH_YOUNG_PAGE_RESIDENT 2u /* made resident (populated or written) */

typedef struct gh_new_space {
    char *reservation;
    size_t reservation_size;
    char *base;            /* run 0; run 1 starts at base + run_bytes */
    uintptr_t run_bytes;   /* a power of two, at least max_pages pages */
    uint8_t *page_role;    /* [2 * run_bytes / GH_PAGE_SIZE], in address order:
                            * GH_YOUNG_ROLE_*, or 0 past max_pages in a run */
    uint8_t *page_state;   /* [2 * max_pages]: run r's page i at r * max_pages + i */
    size_t resident_pages; /* pages with GH_YOUNG_PAGE_RESIDENT set */
    size_t capacity_pages; /* current semispace size, in pages */
    size_t max_pages;
    size_t page_index;     /* from-space page holding the allocation top */
    uintptr_t age_offset;  /* objects whose offset in their run is below it have
                            * survived a scavenge (they fill from-space's first pages) */
    size_t used_before_page; /* bytes allocated in from-pages before page_index */
    size_t survived_in_window; /* growth: bytes kept by the window's scavenges */
    unsigned window_scavenges;
    bool probe; /* scavenge after one page: a quick pretenuring sample */
} gh_new_space;

bool gh_new_space_init(gh_heap *h);
void gh_new_space_release(gh_heap *h);
static inline gh_page *gh_young_page(const gh_new_space *ns, unsigned run, size_t i)
{
    return (gh_page *)(ns->base + run * ns->run_bytes + i * GH_PAGE_SIZE);
}
static inline unsigned gh_from_run(const gh_new_space *ns, size_t i)
{
    return ns->page_role[i] == GH_YOUNG_ROLE_FROM ? 0u : 1u;
}
static inline unsigned gh_to_run(const gh_new_space *ns, size_t i)
{
    return gh_from_run(ns, i) ^ 1u;
}
static inline gh_page *gh_from_page(const gh_new_space *ns, size_t i)
{
    return gh_young_page(ns, gh_from_run(ns, i), i);
}
static inline gh_page *gh_to_page(const gh_new_space *ns, size_t i)
{
    return gh_young_page(ns, gh_to_run(ns, i), i);
}
/* What "is it in from-space / to-space / below the age mark" reads, as
 * plain values: the scavengers copy it into their own state for their
 * inner loops (fixed for a scavenge: roles and the mark change at the flip). */
typedef struct gh_young_layout {
    uintptr_t base, span; /* both runs */
    uintptr_t run_mask, age_offset;
    const uint8_t *roles;
} gh_young_layout;

static inline gh_young_layout gh_young_layout_of(const gh_new_space *ns)
{
    return (gh_young_layout){(uintptr_t)ns->base, 2 * ns->run_bytes, ns->run_bytes - 1,
                             ns->age_offset, ns->page_role};
}
/* Whether p lies in a page with the given role (GH_YOUNG_ROLE_*). */
static inline bool gh_young_role_is(const gh_young_layout *l, const void *p, unsigned role)
{
    uintptr_t off = (uintptr_t)p - l->base;
    return off < l->span && l->roles[off / GH_PAGE_SIZE] == role;
}
/* Rule 1 of promotion: a from-space object below the age mark (its offset
 * in its run is below the mark's: pages are used in index order). */
static inline bool gh_below_age_mark(const gh_young_layout *l, const void *obj)
{
    return (((uintptr_t)obj - l->base) & l->run_mask) < l->age_offset;
}
/* Allocate total bytes in from-space, moving to the next page if needed;
 * NULL when the semispace is full. */
char *gh_new_space_alloc(gh_heap *h, size_t total);
/* Write a filler over the unused end of the current page. */
void gh_new_space_seal(gh_heap *h);
size_t gh_new_space_used(const gh_heap *h);
size_t gh_new_space_committed(const gh_heap *h);
/* After a scavenge copied survived_in_to bytes into to-space, up to to_top
 * on page to_page, and promoted `promoted` bytes: swap the spaces, continue
 * allocating after the survivors, and grow the semispaces if warranted. */
void gh_new_space_flip(gh_heap *h, char *to_top, size_t to_page, size_t survived_in_to,
                       size_t promoted);
/* Empty the young generation (after a full GC promoted everything). */
void gh_new_space_reset(gh_heap *h);
/* Clear the mark bits of the young generation (after a full GC that left
 * young objects in place). */
void gh_new_space_clear_marks(gh_heap *h);
/* Set or clear page flags on every young page (marking barrier). */
void gh_new_space_set_flags(gh_heap *h, uintptr_t set, uintptr_t clear);
/* Ready to-space's page i for a scavenge's copies: its header filled in,
 * its area unpoisoned and, if populate, made resident with one call
 * instead of 64 faults (else the caller's threads fault it in). */
gh_page *gh_to_space_page_use(gh_heap *h, size_t i, bool populate);
/* Publish the allocation area (top/limit) to the inline fast path. */
void gh_new_space_publish(gh_heap *h, char *top, char *limit);
/* During a collection the inline path must fail (and the slow path then
 * reports GH_ERR_IN_GC): hide the area, and restore it afterwards. */
void gh_new_space_hide_area(gh_heap *h);
void gh_new_space_restore_area(gh_heap *h);

/* ---- old_space.c: pages, segregated free lists, linear allocation area --- */

#define GH_FREE_CLASSES 48

typedef struct gh_free_block {
    uint64_t header;
    struct gh_free_block *next;
} gh_free_block;

typedef struct gh_free_list {
    gh_free_block *heads[GH_FREE_CLASSES];
    uint64_t nonempty; /* bit c set iff heads[c] != NULL */
    size_t bytes;      /* total bytes in the lists */
} gh_free_list;

typedef struct gh_old_space {
    gh_page *pages;
    size_t page_count;
    gh_free_list free;
    /* Old linear allocation buffer k (1 <= k < GH__LAB_COUNT) runs from
     * h->fast.lab[k].top (shared with the inline allocator) to
     * lab_limit[k]; the inline path sees h->fast.lab[k].limit, which
     * equals the top while it must not use it.  Buffer 1 takes promotions
     * and the pretenured types without one of their own; buffer k >= 2
     * belongs to lab_type[k] while that type is pretenured. */
    char *lab_limit[GH__LAB_COUNT];
    gh_type_id lab_type[GH__LAB_COUNT];
    /* lazy sweeping (h->sweeper holds the pages still to sweep) */
    size_t unswept_pages, unswept_live;
    /* emptied pages kept mapped for reuse (at most pool_cap), linked
     * through next; pool_used: one was taken since the last scavenge */
    gh_page *pool;
    size_t pool_count, pool_cap;
    bool pool_used;
} gh_old_space;

/* Emptied old pages kept for reuse: mapping and populating a fresh page
 * costs ~0.12 ms here, which promotions would pay inside a scavenge.  At
 * least this many; after a full GC up to the old generation's headroom
 * (old_space.c: the page pool). */
#define GH_PAGE_POOL_PAGES 16

typedef enum gh_old_alloc_mode {
    GH_OLD_ALLOC_MUTATOR, /* respects max_old_space */
    GH_OLD_ALLOC_GC       /* promotion during a collection: may exceed it */
} gh_old_alloc_mode;

void gh_old_space_init(gh_heap *h);
void gh_old_space_release(gh_heap *h);
/* Allocate total bytes (header included) in old buffer `lab` (1, or a
 * pretenured type's); NULL if the limit forbids it or the OS refuses a
 * page.  gh_old_alloc: buffer 1, the collectors' promotions. */
char *gh_old_alloc_in(gh_heap *h, unsigned lab, size_t total, gh_old_alloc_mode mode);
static inline char *gh_old_alloc(gh_heap *h, size_t total, gh_old_alloc_mode mode)
{
    return gh_old_alloc_in(h, 1, total, mode);
}
/* Return the unused rest of every old allocation buffer to the free list. */
void gh_old_space_close_lab(gh_heap *h);
/* The same for buffer 1 alone (promotions, and types without their own). */
void gh_old_space_close_shared_lab(gh_heap *h);
/* The buffer a newly pretenured type allocates in: one of its own while
 * one is free (its objects then lie together, as a long-lived structure's
 * nodes do in a size-class allocator), else the shared buffer 1. */
unsigned gh_old_space_lab_for_type(gh_heap *h, gh_type_id type);
/* After a full GC (every type young again): the type buffers are freed. */
void gh_old_space_release_type_labs(gh_heap *h);
/* Bytes not yet allocated in the old allocation buffers. */
size_t gh_old_space_lab_room(const gh_heap *h);
/* Where the unused rest of the old buffer that starts at `at` ends, or NULL
 * if none starts there: linear walks of old pages skip those rests, which
 * hold no objects. */
char *gh_old_space_lab_rest_end(const gh_heap *h, const char *at);
/* A full GC moving a marked object into old space (young evacuation,
 * compaction): copy it, mark the copy, leave the forwarding address in the
 * original; returns the copy. */
char *gh_move_to_old(gh_heap *h, char *obj);
/* Show the inline allocator the buffer, or hide it (limit = top) while
 * old objects need the slow path: during a collection, an incremental
 * marking (black allocation) or an allocation-counting stress mode. */
void gh_old_space_publish(gh_heap *h);
/* Take a block for a private allocation buffer: at least `min` bytes, up to
 * a whole free block or a fresh page (a collection's promotions: the limit
 * does not apply).  False if the OS refuses a page. */
bool gh_old_take_block(gh_heap *h, size_t want, size_t min, char **start, char **end);
void gh_free_list_add(gh_heap *h, char *start, size_t bytes);
void gh_free_list_clear(gh_free_list *fl);
size_t gh_old_space_used(const gh_heap *h);
size_t gh_old_space_committed(const gh_heap *h);
void gh_old_space_release_page(gh_heap *h, gh_page *page);
/* Give the pooled pages back to the OS (memory-reducing GCs, destroy). */
void gh_old_space_drain_pool(gh_heap *h);
/* Before a full GC frees pages: keep them all until it sizes the pool. */
void gh_old_space_open_pool(gh_heap *h);
/* Size the pool after a full GC: the headroom to the next one, or the
 * minimum after an explicit or memory-reducing GC. */
void gh_old_space_size_pool(gh_heap *h, bool reduce);
/* Map a fresh page, prefaulted, into the pool (new_space.c readies pages
 * for the first scavenge's promotions); false if the pool is full or the
 * OS refused. */
bool gh_old_space_pool_fresh_page(gh_heap *h);
/* After a scavenge: an unused pool gives half its extra pages back. */
void gh_old_space_decay_pool(gh_heap *h);

/* ---- large_object_space.c ---------------------------------------------- */

typedef struct gh_large_space {
    gh_page *chunks;
    size_t chunk_count;
    size_t used;      /* object bytes (headers included) */
    size_t committed; /* chunk bytes */
} gh_large_space;

char *gh_large_alloc(gh_heap *h, size_t total, gh_old_alloc_mode mode);
/* Free the chunks whose object is unmarked; clear marks of the rest. */
void gh_large_space_sweep(gh_heap *h);
void gh_large_space_release(gh_heap *h);

#endif
