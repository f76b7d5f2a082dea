/*
 * sweeper.c -- turning the unmarked parts of old pages back into free
 * memory after marking, lazily.
 *
 * When marking ends, every old page becomes "unswept": its mark bits say
 * what lives, and the page's live bytes (counted while marking) stand in
 * for its used size.  The allocator sweeps pages on demand -- when its free
 * lists cannot satisfy a request it sweeps the next unswept page before
 * taking a new one -- so the pause that ends marking does not pay for
 * sweeping the whole old generation.  Anything left is swept before the
 * next marking starts, since that reuses the mark bits.
 *
 * Sweeping a page walks its mark bitmap, not its objects: each set bit is a
 * live object whose header gives its size, and the gap between one live
 * object's end and the next live object's header is free.  Dead objects are
 * never read.  Each free gap also loses its remembered-set bits (a later
 * object there must not inherit stale slots).  A page with no live object
 * goes back to the OS, at once when marking ends.  Besides allocation,
 * every scavenge sweeps a few pages, so sweeping finishes (and the free
 * memory is known) even in a program that rarely allocates old.  Large
 * objects are not lazy: dead ones are unmapped as soon as marking ends.
 *
 * With gc_threads > 0 a background thread (background_sweeper.c) does
 * the slow half -- reading bitmaps and headers -- of pages it claims while
 * the program runs; the main thread applies what it found (free lists,
 * remembered sets, marks), taking those pages before sweeping any itself.
 */
#include <stdlib.h>

#include "heap_internal.h"

/* ---- finding a page's free gaps (either thread) ------------------------- */

typedef struct gap_walk {
    void (*gap)(void *ctx, char *start, char *end);
    void *ctx;
    char *free_start; /* end of the last live object */
    size_t live;
} gap_walk;

static void gap_up_to(void *ctx, char *obj)
{
    gap_walk *gw = ctx;
    char *start = obj - GH_HEADER_SIZE;
    size_t total = gh_object_total(obj);
    if (gw->free_start < start)
        gw->gap(gw->ctx, gw->free_start, start);
    gw->free_start = start + total;
    gw->live += total;
}

size_t gh_page_each_gap(gh_page *p, void (*gap)(void *ctx, char *start, char *end), void *ctx)
{
    gap_walk gw = {gap, ctx, p->area_start, 0};
    gh_page_each_marked(p, NULL, gap_up_to, &gw);
    if (gw.live && gw.free_start < p->area_end) /* an empty page goes back whole */
        gap(ctx, gw.free_start, p->area_end);
    return gw.live;
}

/* ---- sweeping on the main thread ----------------------------------------- */

typedef struct page_sweep {
    gh_heap *h;
    gh_page *p;
} page_sweep;

static void free_gap(gh_heap *h, gh_page *p, char *start, char *end)
{
    gh_slot_set_remove_range(p, start, end);
    gh_free_list_add(h, start, (size_t)(end - start));
}

static void free_gap_of(void *ctx, char *start, char *end)
{
    page_sweep *ps = ctx;
    free_gap(ps->h, ps->p, start, end);
}

/* Returns the live bytes on the page. */
static size_t sweep_page(gh_heap *h, gh_page *p)
{
    page_sweep ps = {h, p};
    size_t live = gh_page_each_gap(p, free_gap_of, &ps);
    gh_page_clear_marks(p);
    return live;
}

/* Pages where marking found nothing need no sweeping: they go back to the
 * OS now, so that memory falls right after the collection even if the
 * program never allocates old objects again (live bytes count black
 * allocations too, so zero means empty). */
static void release_empty_pages(gh_heap *h)
{
    gh_old_space *os = &h->old_space;
    for (gh_page *p = os->pages, *next; p; p = next) {
        next = p->next;
        if (p->live_bytes == 0)
            gh_old_space_release_page(h, p);
    }
}

void gh_sweep_start(gh_heap *h)
{
    gh_old_space *os = &h->old_space;
    gh_old_space_close_lab(h);
    gh_free_list_clear(&os->free);
    release_empty_pages(h);
    gh_vec unswept = {0};
    os->unswept_pages = os->unswept_live = 0;
    for (gh_page *p = os->pages; p; p = p->next) {
        p->flags |= GH_PF_UNSWEPT;
        os->unswept_pages++;
        os->unswept_live += p->live_bytes;
        gh_vec_push_gc(&unswept, p);
    }
    gh_sweeper_publish(h, &unswept);
    gh_large_space_sweep(h);
}

/* A page is swept: it counts as used memory again, or goes back. */
static void page_swept(gh_heap *h, gh_page *p, size_t live)
{
    gh_old_space *os = &h->old_space;
    p->flags &= ~GH_PF_UNSWEPT;
    os->unswept_pages--;
    os->unswept_live -= p->live_bytes; /* marking's count, still */
    p->live_bytes = live;
    if (live == 0)
        gh_old_space_release_page(h, p);
}

/* Apply what the background thread read on a page. */
static void apply_reading(gh_heap *h, gh_page_reading *r)
{
    gh_page *p = r->page;
    if (r->failed) {
        page_swept(h, p, sweep_page(h, p));
        return;
    }
    for (size_t i = 0; i < r->ngaps; i++)
        free_gap(h, p, (char *)p + r->gaps[2 * i], (char *)p + r->gaps[2 * i + 1]);
    free(r->gaps);
    gh_page_clear_marks(p);
    page_swept(h, p, r->live);
}

bool gh_sweep_next_page(gh_heap *h)
{
    gh_page_reading r;
    switch (gh_sweeper_take(h, &r)) {
    case GH_SWEEP_READ:
        apply_reading(h, &r);
        return true;
    case GH_SWEEP_CLAIMED:
        page_swept(h, r.page, sweep_page(h, r.page));
        return true;
    case GH_SWEEP_NONE:
        break;
    }
    return false;
}

void gh_sweep_some(gh_heap *h, size_t pages)
{
    while (pages-- && gh_sweep_next_page(h))
        ;
}

void gh_sweep_finish(gh_heap *h)
{
    while (gh_sweep_next_page(h))
        ;
}

void gh_sweep(gh_heap *h)
{
    gh_sweep_start(h);
    gh_sweep_finish(h);
}
