/*
 * new_space.c -- the young generation: two semispaces, bump allocation.
 *
 * Both semispaces live in one reservation of 2 x max_semi_space bytes, each
 * a run of contiguous pages, so "is this address in from-space" is one
 * subtraction and compare, and "has this object survived a scavenge" is a
 * compare with the age mark (survivors are copied to the start of to-space;
 * new objects are allocated after them).
 *
 * Only the first capacity_pages of each semispace are in use; capacity grows
 * from the initial to the maximum semispace size when many objects survive.
 * Memory the mutator must not touch -- the whole of to-space between
 * scavenges -- is poisoned for ASan/valgrind.
 */
#include <stdlib.h>
#include <sys/mman.h>

#include "heap_internal.h"

/* The size of a transparent huge page on x86-64 and arm64 (4 KiB base). */
#define GH_HUGE_PAGE_SIZE ((size_t)2 << 20)

static bool hides_limit(const gh_heap *h)
{
    return (h->config.stress &
            (GH_STRESS_SCAVENGE_ALWAYS | GH_STRESS_FULL_INTERVAL | GH_STRESS_INCREMENTAL)) != 0;
}

void gh_new_space_publish(gh_heap *h, char *top, char *limit)
{
    h->fast.lab[0].top = top;
    h->real_limit = limit;
    /* Stress modes count allocations in the slow path: an empty area sends
     * every inline allocation there without slowing the fast path. */
    h->fast.lab[0].limit = hides_limit(h) ? top : limit;
}

void gh_new_space_hide_area(gh_heap *h)
{
    h->fast.lab[0].limit = h->fast.lab[0].top;
    gh_old_space_publish(h); /* hidden too, while in_gc */
}

void gh_new_space_restore_area(gh_heap *h)
{
    gh_new_space_publish(h, h->fast.lab[0].top, h->real_limit);
    gh_old_space_publish(h);
}

bool gh_busy_begin(gh_heap *h)
{
    bool was = h->in_gc;
    if (!was) {
        h->in_gc = true;
        gh_new_space_hide_area(h);
    }
    return was;
}

void gh_busy_end(gh_heap *h, bool was_busy)
{
    if (!was_busy) {
        h->in_gc = false;
        gh_new_space_restore_area(h);
    }
}

/* After from-space has been emptied: zap (stress mode) the part that was
 * used -- pages up to the allocation page, that one up to the top -- and
 * poison all of it.  Pages beyond were never unpoisoned. */
static void retire_from_space(gh_heap *h)
{
    gh_new_space *ns = &h->new_space;
    for (size_t i = 0; i <= ns->page_index; i++) {
        gh_page *p = gh_semi_page(ns->from, i);
        if (h->marking.state == GH_MARKING_ACTIVE) /* copies took the marks along */
            gh_page_clear_marks(p);
        char *used_end = i == ns->page_index ? h->fast.lab[0].top : p->area_end;
        if (h->config.stress & GH_STRESS_ZAP)
            gh_zap(p->area_start, (size_t)(used_end - p->area_start));
        gh_poison(p->area_start, (size_t)(p->area_end - p->area_start));
    }
}

/* Page headers are filled in when a page is first used, not when the
 * semispace grows: a header write faults its page in, and with huge pages
 * (young_huge_pages) the whole 2 MiB around it, so preparing a doubled
 * semispace up front made the scavenge that grew it fault in 16 MiB.
 * Pages are used in index order, so the ready ones are a prefix. */
void gh_semispace_prepare(gh_heap *h, gh_semispace *s, size_t index)
{
    for (size_t i = s->ready_pages; i <= index; i++) {
        gh_page *p = gh_semi_page(s, i);
        gh_page_init(p, h, GH_SPACE_NEW, GH_PAGE_SIZE);
        p->flags |= gh_marking_page_flags(h, GH_SPACE_NEW);
        gh_poison(p->area_start, GH_PAGE_AREA_SIZE);
    }
    if (s->ready_pages <= index)
        s->ready_pages = index + 1;
}

/* A semispace page is first written end to end (by the allocator, or by a
 * scavenge copying into it); faulting it in with one MADV_POPULATE_WRITE
 * instead of 64 page faults took GCBench's system time from 72 to 64 ms
 * (21 alternating runs), as old pages do (gh_chunk_map).  Pages are used
 * in index order, so a high-water mark says which are resident. */
static void populate(gh_semispace *s, size_t index)
{
    if (index < s->populated_pages)
        return;
    s->populated_pages = index + 1;
    gh_prefault(gh_semi_page(s, index), GH_PAGE_SIZE);
}

void gh_semispace_use(gh_heap *h, gh_semispace *s, size_t index)
{
    populate(s, index);
    gh_semispace_prepare(h, s, index);
}

static void start_page(gh_heap *h, size_t index)
{
    gh_new_space *ns = &h->new_space;
    gh_semispace_use(h, ns->from, index);
    gh_page *p = gh_semi_page(ns->from, index);
    ns->page_index = index;
    gh_unpoison(p->area_start, (size_t)(p->area_end - p->area_start));
    gh_new_space_publish(h, p->area_start, p->area_end);
}

bool gh_new_space_init(gh_heap *h)
{
    gh_new_space *ns = &h->new_space;
    ns->max_pages = h->config.max_semi_space / GH_PAGE_SIZE;
    ns->capacity_pages = h->config.initial_semi_space / GH_PAGE_SIZE;
    size_t semi_bytes = ns->max_pages * GH_PAGE_SIZE;
    /* Reserve both semispaces plus slack for alignment; pages cost physical
     * memory only once touched. */
    ns->reservation_size = 2 * semi_bytes + GH_HUGE_PAGE_SIZE;
    void *raw = mmap(NULL, ns->reservation_size, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (raw == MAP_FAILED) {
        ns->reservation = NULL;
        return false;
    }
    ns->reservation = raw;
    char *base =
        (char *)(((uintptr_t)raw + GH_HUGE_PAGE_SIZE - 1) & ~(uintptr_t)(GH_HUGE_PAGE_SIZE - 1));
#ifdef MADV_HUGEPAGE
    /* On request (see young_huge_pages): the young generation is written
     * end to end between scavenges, and 2 MiB pages (where the kernel
     * grants them) take one fault where 4 KiB pages take 512, and cover a
     * 16 MiB semispace with 8 TLB entries instead of 4096.  Advisory:
     * without transparent huge pages it changes nothing. */
    if (h->config.young_huge_pages)
        madvise(base, 2 * semi_bytes, MADV_HUGEPAGE);
#endif
    ns->semi[0].base = base;
    ns->semi[1].base = base + semi_bytes;
    ns->from = &ns->semi[0];
    ns->to = &ns->semi[1];
    ns->used_before_page = 0;
    start_page(h, 0);
    ns->age_mark = h->fast.lab[0].top;
    /* To-space's first pages are otherwise first written by the first
     * scavenge; on huge pages that faults 2 MiB inside its pause (4-15 ms
     * on the benchmark VM), so fault it here instead.  Later scavenges
     * copy into pages the allocator has already used. */
    if (h->config.young_huge_pages)
        gh_semispace_use(h, ns->to, 0);
    return true;
}

void gh_new_space_release(gh_heap *h)
{
    gh_new_space *ns = &h->new_space;
    if (!ns->reservation)
        return;
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; i < ns->semi[s].ready_pages; i++) {
            gh_page *p = gh_semi_page(&ns->semi[s], i);
            free(p->slot_set);
        }
    gh_unpoison(ns->reservation, ns->reservation_size);
    munmap(ns->reservation, ns->reservation_size);
    ns->reservation = NULL;
}

void gh_new_space_seal(gh_heap *h)
{
    char *top = h->fast.lab[0].top;
    if (top < h->real_limit)
        gh_write_filler(top, (size_t)(h->real_limit - top));
}

/* ---- fresh memory outside pauses -------------------------------------------
 *
 * A scavenge that copies or promotes into memory never touched before pays
 * for the first access to each of its 4 KiB pages inside the pause: on the
 * benchmark VM 3-5 us a page.  ghjs's replace.js took 3.5-6.9 ms (with
 * other work on the machine) over its first scavenge, where later ones
 * take 1-3: it copies into a to-space the allocator has never used and
 * promotes into old pages mapped for it.  So each time the allocator moves to its
 * next young page, in the program's time, it readies a little of what the
 * next scavenge will write:
 *   - to-space's pages up to what rule 2 lets a scavenge copy there (a
 *     quarter of the semispace, and the page it may spill into).  Only
 *     the first scavenge needs this: later ones copy into pages the
 *     allocator has used.  Nothing is wasted: after the flip these pages
 *     are the allocation space;
 *   - before the first scavenge, old pages in the pool for what it may
 *     promote (three quarters of the semispace).
 * The work is the same, it only moves out of the pause; at most
 * GH_READY_PAGES_PER_STEP pages per step keep each step short.  Readying
 * pool pages before every scavenge, for the share of the semispace the
 * last one kept, was tried: pages readied for promotions that never came
 * (a phase that kept much, then one that keeps little) were pure cost,
 * binary-trees 16 and GCBench 1.09x and 1.04x the time with 4 MB more
 * rss (7 alternating runs), where readying for the first scavenge only
 * ran 0.99x and 1.01x.
 */
#define GH_READY_PAGES_PER_STEP 2

static void ready_next_scavenge(gh_heap *h)
{
    gh_new_space *ns = &h->new_space;
    size_t budget = GH_READY_PAGES_PER_STEP;
    size_t to_pages = ns->capacity_pages / 4 + 1;
    if (to_pages > ns->capacity_pages)
        to_pages = ns->capacity_pages;
    while (budget && ns->to->populated_pages < to_pages) {
        populate(ns->to, ns->to->populated_pages);
        budget--;
    }
    if (h->stats.scavenges)
        return;
    size_t want = (ns->capacity_pages * 3 + 3) / 4;
    if (want > GH_PAGE_POOL_PAGES)
        want = GH_PAGE_POOL_PAGES;
    while (budget && h->old_space.pool_count < want && gh_old_space_pool_fresh_page(h))
        budget--;
}

char *gh_new_space_alloc(gh_heap *h, size_t total)
{
    gh_new_space *ns = &h->new_space;
    for (;;) {
        char *top = h->fast.lab[0].top;
        if ((size_t)(h->real_limit - top) >= total) {
            gh_new_space_publish(h, top + total, h->real_limit);
            return top;
        }
        if (ns->page_index + 1 >= (ns->probe ? 1 : ns->capacity_pages))
            return NULL;
        gh_new_space_seal(h);
        ns->used_before_page += (size_t)(top - gh_semi_page(ns->from, ns->page_index)->area_start);
        start_page(h, ns->page_index + 1);
        ready_next_scavenge(h);
    }
}

size_t gh_new_space_used(const gh_heap *h)
{
    const gh_new_space *ns = &h->new_space;
    return ns->used_before_page +
           (size_t)(h->fast.lab[0].top - gh_semi_page(ns->from, ns->page_index)->area_start);
}

size_t gh_new_space_committed(const gh_heap *h)
{
    return 2 * h->new_space.capacity_pages * GH_PAGE_SIZE;
}

/* Scavenges over which a semispace's worth of survivors must add up for
 * the semispace to grow: growth pays only when, on average, at least a
 * tenth of it survives. */
#define GH_GROWTH_WINDOW 10

/* V8's rule -- double the semispace once as many bytes have survived
 * scavenges as it holds -- but counted over windows of GH_GROWTH_WINDOW
 * scavenges, where V8 counts since the last growth.  Counted V8's way, a
 * program whose scavenges keep 1% of the semispace doubles it after a
 * hundred of them, though halving a copying cost that small saves next to
 * nothing and the doubled pair of semispaces is fresh memory to fault in
 * (binary-trees 16 kept 0.1-5% per scavenge and grew to 16 MiB: peak rss
 * 46 MB; windowed it stays at 8 MiB, 31 MB, and runs 0.86x the time). */
static void maybe_grow(gh_heap *h, size_t survived)
{
    gh_new_space *ns = &h->new_space;
    ns->survived_in_window += survived;
    ns->window_scavenges++;
    bool grow = ns->survived_in_window >= ns->capacity_pages * GH_PAGE_AREA_SIZE &&
                ns->capacity_pages < ns->max_pages;
    if (grow) {
        size_t doubled = ns->capacity_pages * 2;
        ns->capacity_pages = doubled < ns->max_pages ? doubled : ns->max_pages;
    }
    if (grow || ns->window_scavenges >= GH_GROWTH_WINDOW) {
        ns->survived_in_window = 0;
        ns->window_scavenges = 0;
    }
}

void gh_new_space_flip(gh_heap *h, char *to_top, size_t to_page, size_t survived_in_to,
                       size_t promoted)
{
    gh_new_space *ns = &h->new_space;
    retire_from_space(h);
    ns->probe = false;
    gh_semispace *old_from = ns->from;
    ns->from = ns->to;
    ns->to = old_from;
    gh_page *p = gh_semi_page(ns->from, to_page);
    ns->page_index = to_page;
    ns->used_before_page = survived_in_to - (size_t)(to_top - p->area_start);
    gh_new_space_publish(h, to_top, p->area_end);
    ns->age_mark = to_top;
    maybe_grow(h, survived_in_to + promoted);
}

void gh_new_space_clear_marks(gh_heap *h)
{
    gh_new_space *ns = &h->new_space;
    /* Marking sets bits only on the used from-space pages. */
    for (size_t i = 0; i <= ns->page_index; i++)
        gh_page_clear_marks(gh_semi_page(ns->from, i));
}

void gh_new_space_set_flags(gh_heap *h, uintptr_t set, uintptr_t clear)
{
    gh_new_space *ns = &h->new_space;
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; i < ns->semi[s].ready_pages; i++) {
            gh_page *p = gh_semi_page(&ns->semi[s], i);
            p->flags = (p->flags & ~clear) | set;
        }
}

void gh_new_space_reset(gh_heap *h)
{
    gh_new_space *ns = &h->new_space;
    gh_new_space_clear_marks(h);
    retire_from_space(h);
    ns->used_before_page = 0;
    start_page(h, 0);
    ns->age_mark = h->fast.lab[0].top;
}
