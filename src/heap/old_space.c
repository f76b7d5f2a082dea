/*
 * old_space.c -- the old generation's pages and allocator.
 *
 * Free memory is kept in size-segregated free lists, rebuilt by every sweep:
 * exact classes of 8-byte steps up to 256 bytes, then one class per power of
 * two.  Allocation bumps a pointer through a linear allocation buffer (LAB)
 * cut from a free block, so promotion copies land next to each other; when
 * the LAB runs out, its rest goes back to the lists and another block, or a
 * fresh page, becomes the LAB.
 */
#include <stdlib.h>

#include "heap_internal.h"

#define GH_EXACT_CLASS_MAX 256
/* A LAB refill first looks for a block at least this big, so that the next
 * allocations stay on the fast bump path. */
#define GH_LAB_PREFERRED 512

static unsigned log2_floor(size_t n) { return 63u - (unsigned)__builtin_clzll((unsigned long long)n); }

/* The class whose blocks may hold `bytes`: exact below 256 bytes, else the
 * class of sizes in (2^k, 2^(k+1)]. */
static unsigned size_class(size_t bytes)
{
    if (bytes <= GH_EXACT_CLASS_MAX)
        return (unsigned)(bytes / 8 - 2);
    return 31 + log2_floor(bytes - 1) - 8;
}

void gh_free_list_clear(gh_free_list *fl)
{
    for (unsigned c = 0; c < GH_FREE_CLASSES; c++)
        fl->heads[c] = NULL;
    fl->nonempty = 0;
    fl->bytes = 0;
}

void gh_free_list_add(gh_heap *h, char *start, size_t bytes)
{
    if (bytes < GH_MIN_FREE_BLOCK) {
        if (bytes)
            gh_write_filler(start, bytes);
        return;
    }
    gh_free_list *fl = &h->old_space.free;
    gh_unpoison(start, GH_MIN_FREE_BLOCK);
    gh_free_block *b = (gh_free_block *)(void *)start;
    unsigned c = size_class(bytes);
    b->header = gh_make_header(GH_TYPE_FREE, bytes);
    b->next = fl->heads[c];
    fl->heads[c] = b;
    fl->nonempty |= (uint64_t)1 << c;
    fl->bytes += bytes;
    if (h->config.stress & GH_STRESS_ZAP)
        gh_zap(start + GH_MIN_FREE_BLOCK, bytes - GH_MIN_FREE_BLOCK);
    else
        gh_poison(start + GH_MIN_FREE_BLOCK, bytes - GH_MIN_FREE_BLOCK);
}

static gh_free_block *pop(gh_free_list *fl, unsigned c)
{
    gh_free_block *b = fl->heads[c];
    fl->heads[c] = b->next;
    if (!fl->heads[c])
        fl->nonempty &= ~((uint64_t)1 << c);
    fl->bytes -= gh_header_total(b->header);
    return b;
}

/* A block of at least `bytes` from a class above class c (all of whose
 * blocks are big enough), or NULL. */
static gh_free_block *take_from_above(gh_free_list *fl, unsigned c)
{
    uint64_t above = c + 1 < 64 ? fl->nonempty & (~(uint64_t)0 << (c + 1)) : 0;
    return above ? pop(fl, (unsigned)__builtin_ctzll(above)) : NULL;
}

/* First fit inside class c itself (needed for the power-of-two classes). */
static gh_free_block *take_first_fit(gh_free_list *fl, unsigned c, size_t bytes)
{
    for (gh_free_block **link = &fl->heads[c]; *link; link = &(*link)->next) {
        gh_free_block *b = *link;
        if (gh_header_total(b->header) >= bytes) {
            *link = b->next;
            if (!fl->heads[c])
                fl->nonempty &= ~((uint64_t)1 << c);
            fl->bytes -= gh_header_total(b->header);
            return b;
        }
    }
    return NULL;
}

static gh_free_block *free_list_take(gh_free_list *fl, size_t bytes)
{
    unsigned c = size_class(bytes);
    gh_free_block *b = NULL;
    if (bytes < GH_LAB_PREFERRED)
        b = take_from_above(fl, size_class(GH_LAB_PREFERRED));
    if (!b && bytes <= GH_EXACT_CLASS_MAX && fl->heads[c])
        b = pop(fl, c);
    if (!b)
        b = take_from_above(fl, c);
    if (!b && bytes > GH_EXACT_CLASS_MAX)
        b = take_first_fit(fl, c, bytes);
    return b;
}

void gh_old_space_init(gh_heap *h)
{
    gh_free_list_clear(&h->old_space.free);
    h->old_space.pool_cap = GH_PAGE_POOL_PAGES;
}

void gh_old_space_publish(gh_heap *h)
{
    bool hide = h->in_gc || h->marking.state == GH_MARKING_ACTIVE ||
                (h->config.stress & (GH_STRESS_SCAVENGE_ALWAYS | GH_STRESS_FULL_INTERVAL |
                                     GH_STRESS_INCREMENTAL));
    for (unsigned k = 1; k < GH__LAB_COUNT; k++)
        h->fast.lab[k].limit = hide ? h->fast.lab[k].top : h->old_space.lab_limit[k];
}

static void close_one_lab(gh_heap *h, unsigned k)
{
    gh_old_space *os = &h->old_space;
    char *top = h->fast.lab[k].top;
    if (top && top < os->lab_limit[k])
        gh_free_list_add(h, top, (size_t)(os->lab_limit[k] - top));
    h->fast.lab[k].top = h->fast.lab[k].limit = os->lab_limit[k] = NULL;
    h->fast.lab_zeroed[k] = 0;
}

void gh_old_space_close_lab(gh_heap *h)
{
    for (unsigned k = 1; k < GH__LAB_COUNT; k++)
        close_one_lab(h, k);
}

void gh_old_space_close_shared_lab(gh_heap *h) { close_one_lab(h, 1); }

size_t gh_old_space_lab_room(const gh_heap *h)
{
    size_t room = 0;
    for (unsigned k = 1; k < GH__LAB_COUNT; k++)
        room += (size_t)(h->old_space.lab_limit[k] - h->fast.lab[k].top);
    return room;
}

char *gh_old_space_lab_rest_end(const gh_heap *h, const char *at)
{
    for (unsigned k = 1; k < GH__LAB_COUNT; k++)
        if (h->fast.lab[k].top == at && at < h->old_space.lab_limit[k])
            return h->old_space.lab_limit[k];
    return NULL;
}

/* ---- buffers per pretenured type -------------------------------------------
 *
 * Pretenured objects of all types used to share one buffer, so a
 * long-lived structure's small nodes lay between the larger objects
 * allocated with them: splay's 8,000 tree nodes, each allocated after its
 * payload, ended up on 7,870 different 4 KiB pages, and every step of a
 * splay missed the TLB.  A type with a buffer of its own keeps its objects
 * together, as a size-class allocator does.  A type keeps its buffer until
 * the next full GC (pretenuring decisions are re-made more often, and
 * usually the same way); GH__TYPE_LABS types get one, later ones share
 * buffer 1 with the promotions.  Each buffer first asks the free lists
 * for a block bigger than GH_TYPE_LAB_BLOCK, then for any that fits.
 */
#define GH_TYPE_LAB_BLOCK GH_KiB(8)

unsigned gh_old_space_lab_for_type(gh_heap *h, gh_type_id type)
{
    gh_old_space *os = &h->old_space;
    unsigned free_slot = 0;
    for (unsigned k = 2; k < GH__LAB_COUNT; k++) {
        if (os->lab_type[k] == type)
            return k;
        if (!os->lab_type[k] && !free_slot)
            free_slot = k;
    }
    if (!free_slot)
        return 1;
    os->lab_type[free_slot] = type;
    return free_slot;
}

void gh_old_space_release_type_labs(gh_heap *h)
{
    for (unsigned k = 2; k < GH__LAB_COUNT; k++) {
        close_one_lab(h, k);
        h->old_space.lab_type[k] = 0;
    }
}

/* A page from the pool (its area unpoisoned, as a fresh page's is), or a
 * fresh one from the OS, whose area is all zero (*zeroed). */
static gh_page *take_page(gh_heap *h, bool *zeroed)
{
    gh_old_space *os = &h->old_space;
    gh_page *p = os->pool;
    *zeroed = !p;
    if (!p) {
        if (h->in_gc)
            h->stats.pages_mapped_in_gc++;
        return gh_chunk_map(GH_PAGE_SIZE, true);
    }
    os->pool = p->next;
    os->pool_count--;
    os->pool_used = true;
    gh_unpoison(p->area_start, GH_PAGE_AREA_SIZE);
    return p;
}

static gh_page *add_page(gh_heap *h, bool *zeroed)
{
    gh_page *p = take_page(h, zeroed);
    if (!p)
        return NULL;
    gh_page_init(p, h, GH_SPACE_OLD, GH_PAGE_SIZE);
    if (!gh_address_set_add(&h->chunks, p)) {
        gh_chunk_unmap(p); /* out of memory: as if the OS had refused it */
        return NULL;
    }
    p->flags |= gh_marking_page_flags(h, GH_SPACE_OLD);
    gh_old_space *os = &h->old_space;
    p->next = os->pages;
    if (os->pages)
        os->pages->prev = p;
    os->pages = p;
    os->page_count++;
    return p;
}

/* Pooled: no longer a page of this heap (magic cleared, so a stale
 * pointer into it fails the page checks), its area free memory. */
static void pool_push(gh_old_space *os, gh_page *p)
{
    p->magic = 0;
    gh_poison(p->area_start, GH_PAGE_AREA_SIZE);
    p->next = os->pool;
    os->pool = p;
    os->pool_count++;
}

void gh_old_space_release_page(gh_heap *h, gh_page *p)
{
    gh_old_space *os = &h->old_space;
    gh_slot_set_clear(p);
    gh_address_set_remove(&h->chunks, p);
    if (p->flags & GH_PF_UNSWEPT) {
        os->unswept_pages--;
        os->unswept_live -= p->live_bytes;
    }
    if (p->prev)
        p->prev->next = p->next;
    else
        os->pages = p->next;
    if (p->next)
        p->next->prev = p->prev;
    os->page_count--;
    if (os->pool_count >= os->pool_cap) {
        gh_chunk_unmap(p);
        return;
    }
    if (h->config.stress & GH_STRESS_ZAP)
        gh_zap(p->area_start, GH_PAGE_AREA_SIZE);
    pool_push(os, p);
}

/* ---- the page pool --------------------------------------------------------
 *
 * A program that promotes and drops big structures over and over (binary
 * trees, caches that turn over) would otherwise give ~the old
 * generation's headroom back to the OS at each full GC and fault as much
 * in again before the next: on binary-trees 20 that was 0.4 s of system
 * time in 4 s.  So after a full GC the pool may hold as many emptied pages
 * as the heap expects to fill before the next one.  It is a cache, not a
 * reservation: an explicit or memory-reducing GC trims it to the minimum
 * (rss falls when a program drops its data and collects), and each
 * scavenge that took no page from it gives half of its extra pages back,
 * so a program that stops promoting returns them within a few scavenges.
 * While a full GC runs the pool takes every page it empties: it is sized
 * only once the GC has set the next trigger.
 */

/* Pages leave the pool in one batch, so that runs of adjacent ones go back
 * in one call each (gh_chunks_unmap); one by one if there is no memory
 * for the batch. */
static void trim_pool(gh_old_space *os, size_t keep)
{
    if (os->pool_count <= keep)
        return;
    size_t n = os->pool_count - keep;
    gh_page **batch = malloc(n * sizeof *batch);
    for (size_t i = 0; i < n; i++) {
        gh_page *p = os->pool;
        os->pool = p->next;
        os->pool_count--;
        if (batch)
            batch[i] = p;
        else
            gh_chunk_unmap(p);
    }
    if (batch)
        gh_chunks_unmap(batch, n);
    free(batch);
}

void gh_old_space_drain_pool(gh_heap *h) { trim_pool(&h->old_space, 0); }

/* A full GC empties its pages before it knows the next trigger, and so how
 * many pages to keep: until gh_old_space_size_pool decides, the pool takes
 * them all (they were mapped before the GC, so the peak does not grow). */
void gh_old_space_open_pool(gh_heap *h) { h->old_space.pool_cap = SIZE_MAX; }

void gh_old_space_size_pool(gh_heap *h, bool reduce)
{
    gh_old_space *os = &h->old_space;
    size_t used = gh_old_gen_used(h), trigger = h->growing.trigger;
    size_t headroom = trigger > used ? (trigger - used) / GH_PAGE_SIZE : 0;
    os->pool_cap = reduce || headroom < GH_PAGE_POOL_PAGES ? GH_PAGE_POOL_PAGES : headroom;
    trim_pool(os, os->pool_cap);
    os->pool_used = true; /* the GC's own sweep may have refilled it */
}

bool gh_old_space_pool_fresh_page(gh_heap *h)
{
    gh_old_space *os = &h->old_space;
    if (os->pool_count >= os->pool_cap)
        return false;
    gh_page *p = gh_chunk_map(GH_PAGE_SIZE, false);
    if (!p)
        return false;
    gh_prefault(p, GH_PAGE_SIZE);
    gh_page_init(p, h, GH_SPACE_OLD, GH_PAGE_SIZE); /* the fields a pooled page keeps */
    pool_push(os, p);
    return true;
}

void gh_old_space_decay_pool(gh_heap *h)
{
    gh_old_space *os = &h->old_space;
    if (!os->pool_used && os->pool_count > GH_PAGE_POOL_PAGES)
        trim_pool(os, GH_PAGE_POOL_PAGES + (os->pool_count - GH_PAGE_POOL_PAGES) / 2);
    os->pool_used = false;
}

/* A free block for buffer k: a type's buffer prefers a roomy one, from a
 * class whose blocks are all big enough (one bit test: a first fit inside
 * the class would walk every smaller block in it, at each refill; with a
 * fragmented heap that was half of splay-latency's time). */
static gh_free_block *take_for_lab(gh_old_space *os, unsigned k, size_t total)
{
    gh_free_block *b = NULL;
    if (k >= 2 && total < GH_TYPE_LAB_BLOCK)
        b = take_from_above(&os->free, size_class(GH_TYPE_LAB_BLOCK));
    return b ? b : free_list_take(&os->free, total);
}

static bool refill_lab(gh_heap *h, unsigned k, size_t total, gh_old_alloc_mode mode)
{
    gh_old_space *os = &h->old_space;
    close_one_lab(h, k);
    gh_free_block *b = take_for_lab(os, k, total);
    /* lazy sweeping: sweep pages left from the last marking until one
     * yields a fitting block, before asking the OS for a new page -- but
     * not inside a collection, which may be iterating those pages' slot
     * sets (promotions then take fresh pages) */
    while (!b && mode == GH_OLD_ALLOC_MUTATOR && gh_sweep_next_page(h))
        b = take_for_lab(os, k, total);
    char *start, *end;
    bool zeroed = false;
    if (b) {
        size_t size = gh_header_total(b->header);
        gh_unpoison(b, size);
        start = (char *)b;
        end = start + size;
    } else {
        if (mode == GH_OLD_ALLOC_MUTATOR &&
            gh_old_gen_committed(h) + GH_PAGE_SIZE > h->config.max_old_space)
            return false;
        gh_page *p = add_page(h, &zeroed);
        if (!p)
            return false;
        start = p->area_start;
        end = p->area_end;
    }
    h->fast.lab[k].top = start;
    os->lab_limit[k] = end;
    /* nothing writes above a buffer's top before allocating there, so a
     * buffer on a fresh page stays zero until it is closed */
    h->fast.lab_zeroed[k] = zeroed;
    gh_old_space_publish(h);
    /* last: it may re-decide pretenuring, which leaves the buffers be */
    if (mode == GH_OLD_ALLOC_MUTATOR)
        gh_pretenuring_after_old_refill(h, (size_t)(end - start));
    return true;
}

bool gh_old_take_block(gh_heap *h, size_t want, size_t min, char **start, char **end)
{
    gh_old_space *os = &h->old_space;
    gh_free_block *b = free_list_take(&os->free, want);
    if (!b && want > min)
        b = free_list_take(&os->free, min);
    if (b) {
        size_t size = gh_header_total(b->header);
        gh_unpoison(b, size);
        *start = (char *)b;
        *end = (char *)b + size;
        return true;
    }
    bool zeroed;
    gh_page *p = add_page(h, &zeroed);
    if (!p)
        return false;
    *start = p->area_start;
    *end = p->area_end;
    return true;
}

char *gh_old_alloc_in(gh_heap *h, unsigned k, size_t total, gh_old_alloc_mode mode)
{
    gh_old_space *os = &h->old_space;
    struct gh__lab *lab = &h->fast.lab[k];
    if ((size_t)(os->lab_limit[k] - lab->top) < total && !refill_lab(h, k, total, mode))
        return NULL;
    char *obj = lab->top;
    lab->top += total;
    if (lab->limit < lab->top) /* hidden: keep limit - top from going negative */
        lab->limit = lab->top;
    return obj;
}

char *gh_move_to_old(gh_heap *h, char *obj)
{
    size_t total = gh_object_total(obj);
    char *dst = gh_old_alloc(h, total, GH_OLD_ALLOC_GC);
    if (!dst)
        gh_fatal("genheap: a full GC cannot get an old page from the OS to move an object to");
    gh_copy_words(dst, gh_header_of(obj), total);
    *gh_header_of(obj) = (uint64_t)(uintptr_t)(dst + GH_HEADER_SIZE);
    char *copy = dst + GH_HEADER_SIZE;
    gh_mark(copy);
    gh_page_of(copy)->live_bytes += total;
    return copy;
}

size_t gh_old_space_committed(const gh_heap *h) { return h->old_space.page_count * GH_PAGE_SIZE; }

size_t gh_old_space_used(const gh_heap *h)
{
    const gh_old_space *os = &h->old_space;
    size_t swept_area = (os->page_count - os->unswept_pages) * GH_PAGE_AREA_SIZE;
    return swept_area - os->free.bytes - gh_old_space_lab_room(h) + os->unswept_live;
}

void gh_old_space_release(gh_heap *h)
{
    gh_old_space *os = &h->old_space;
    /* Every page joins the pool, which goes back in one batch.  The heap's
     * set of page addresses is freed next, whole. */
    while (os->pages) {
        gh_page *p = os->pages;
        os->pages = p->next;
        gh_slot_set_clear(p);
        pool_push(os, p);
    }
    os->page_count = 0;
    gh_free_list_clear(&os->free);
    for (unsigned k = 1; k < GH__LAB_COUNT; k++) {
        h->fast.lab[k].top = h->fast.lab[k].limit = os->lab_limit[k] = NULL;
        h->fast.lab_zeroed[k] = 0;
        os->lab_type[k] = 0;
    }
    os->unswept_pages = os->unswept_live = 0;
    gh_old_space_drain_pool(h);
}
