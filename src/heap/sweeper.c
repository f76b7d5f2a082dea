/*
 * sweeper.c -- turning the unmarked parts of old pages back into free
 * memory after marking.
 *
 * The sweep of a page walks its mark bitmap, not its objects: each set bit
 * is a live object whose header gives its size, and the gap between one
 * live object's end and the next live object's header is free.  Dead
 * objects are never touched, except to write free-block headers over them.
 * Each free gap also loses its remembered-set bits (a later object there
 * must not inherit stale slots).  A page with no live object goes back to
 * the OS.
 */
#include "heap_internal.h"

static void free_gap(gh_heap *h, gh_page *p, char *start, char *end)
{
    if (start >= end)
        return;
    gh_slot_set_remove_range(p, start, end);
    gh_free_list_add(h, start, (size_t)(end - start));
}

/* Returns the live bytes on the page. */
static size_t sweep_page(gh_heap *h, gh_page *p)
{
    char *free_start = p->area_start;
    size_t live = 0;
    for (size_t w = 0; w < GH_MARK_WORDS; w++) {
        uint64_t bits = p->mark_bits[w];
        while (bits) {
            unsigned b = (unsigned)__builtin_ctzll(bits);
            bits &= bits - 1;
            char *obj = (char *)p + ((w * 64 + b) << 3);
            char *start = obj - GH_HEADER_SIZE;
            size_t total = gh_object_total(obj);
            free_gap(h, p, free_start, start);
            free_start = start + total;
            live += total;
        }
    }
    if (live)
        free_gap(h, p, free_start, p->area_end);
    gh_page_clear_marks(p);
    p->live_bytes = live;
    return live;
}

void gh_sweep(gh_heap *h)
{
    gh_old_space *os = &h->old_space;
    gh_old_space_close_lab(h);
    gh_free_list_clear(&os->free);
    gh_page *next;
    for (gh_page *p = os->pages; p; p = next) {
        next = p->next;
        if (sweep_page(h, p) == 0)
            gh_old_space_release_page(h, p);
    }
    gh_large_space_sweep(h);
}
