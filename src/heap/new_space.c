/*
 * new_space.c -- the young generation: two semispaces, bump allocation.
 *
 * One reservation holds two runs of max_pages pages.  Each semispace has
 * one page per index i, in one run or the other (page_role); pages are
 * used in index order, so "has this object survived a scavenge" is a
 * compare of its offset within its run with the age mark's (survivors are
 * copied to the start of to-space; new objects are allocated after them),
 * and "is this address in from-space" is a range check and a lookup in
 * page_role.
 *
 * Why not two fixed halves, as V8 has: a scavenge that keeps 5% of the
 * semispace fills a twentieth of to-space, and the allocator then writes
 * the rest of it, pages it has never touched while from-space's, touched a
 * moment ago, lie idle.  So two 16 MiB semispaces cost 32 MiB of fresh
 * memory, and the benchmark VM charges about 1.5 ms for each fresh MiB on
 * its first access.  Here a flip hands over only the pages below to-space's
 * top: past them from-space keeps its own pages, and a young generation
 * that keeps little touches one semispace and the front of the other.
 *
 * Only the first capacity_pages indices are in use; capacity grows from the
 * initial to the maximum semispace size when many objects survive.  Memory
 * the mutator must not touch -- all of to-space between scavenges -- is
 * poisoned for ASan/valgrind.
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
        gh_page *p = gh_from_page(ns, i);
        if (h->marking.state == GH_MARKING_ACTIVE) /* copies took the marks along */
            gh_page_clear_marks(p);
        char *used_end = i == ns->page_index ? h->fast.lab[0].top : p->area_end;
        if (h->config.stress & GH_STRESS_ZAP)
            gh_zap(p->area_start, (size_t)(used_end - p->area_start));
        gh_poison(p->area_start, (size_t)(p->area_end - p->area_start));
    }
}

static uint8_t *page_state(gh_new_space *ns, unsigned run, size_t i)
{
    return &ns->page_state[run * ns->max_pages + i];
}

/* Page headers are filled in when a page is first used, not when the
 * semispace grows: a header write faults its page in, and with huge pages
 * (young_huge_pages) the whole 2 MiB around it, so preparing a doubled
 * semispace up front made the scavenge that grew it fault in 16 MiB. */
static void prepare(gh_heap *h, unsigned run, size_t i)
{
    uint8_t *st = page_state(&h->new_space, run, i);
    if (*st & GH_YOUNG_PAGE_READY)
        return;
    gh_page *p = gh_young_page(&h->new_space, run, i);
    gh_page_init(p, h, GH_SPACE_NEW, GH_PAGE_SIZE);
    p->flags |= gh_marking_page_flags(h, GH_SPACE_NEW);
    gh_poison(p->area_start, GH_PAGE_AREA_SIZE);
    *st |= GH_YOUNG_PAGE_READY;
}

static void count_resident(gh_new_space *ns, unsigned run, size_t i)
{
    uint8_t *st = page_state(ns, run, i);
    if (!(*st & GH_YOUNG_PAGE_RESIDENT)) {
        *st |= GH_YOUNG_PAGE_RESIDENT;
        ns->resident_pages++;
    }
}

/* A young page is first written end to end (by the allocator, or by a
 * scavenge copying into it); faulting it in with one MADV_POPULATE_WRITE
 * instead of 64 page faults took GCBench's system time from 72 to 64 ms
 * (21 alternating runs), as old pages do (gh_chunk_map). */
static void populate(gh_new_space *ns, unsigned run, size_t i)
{
    if (*page_state(ns, run, i) & GH_YOUNG_PAGE_RESIDENT)
        return;
    count_resident(ns, run, i);
    gh_prefault(gh_young_page(ns, run, i), GH_PAGE_SIZE);
}

/* A page at its first use: resident and its header filled in. */
static gh_page *use_page(gh_heap *h, unsigned run, size_t i)
{
    populate(&h->new_space, run, i);
    prepare(h, run, i);
    return gh_young_page(&h->new_space, run, i);
}

gh_page *gh_to_space_page_use(gh_heap *h, size_t i, bool populate_it)
{
    gh_new_space *ns = &h->new_space;
    unsigned run = gh_to_run(ns, i);
    if (!populate_it)
        count_resident(ns, run, i); /* the caller's threads fault it in */
    gh_page *p = use_page(h, run, i);
    gh_unpoison(p->area_start, GH_PAGE_AREA_SIZE);
    return p;
}

static uintptr_t run_offset(const gh_new_space *ns, const char *addr)
{
    return ((uintptr_t)addr - (uintptr_t)ns->base) & (ns->run_bytes - 1);
}

static void start_page(gh_heap *h, size_t index)
{
    gh_new_space *ns = &h->new_space;
    gh_page *p = use_page(h, gh_from_run(ns, index), index);
    ns->page_index = index;
    gh_unpoison(p->area_start, (size_t)(p->area_end - p->area_start));
    gh_new_space_publish(h, p->area_start, p->area_end);
}

bool gh_new_space_init(gh_heap *h)
{
    gh_new_space *ns = &h->new_space;
    ns->max_pages = h->config.max_semi_space / GH_PAGE_SIZE;
    ns->capacity_pages = h->config.initial_semi_space / GH_PAGE_SIZE;
    /* A run is a power of two long, so an address's offset in its run is
     * a mask (gh_below_age_mark). */
    ns->run_bytes = GH_PAGE_SIZE;
    while (ns->run_bytes < ns->max_pages * GH_PAGE_SIZE)
        ns->run_bytes *= 2;
    size_t run_pages = ns->run_bytes / GH_PAGE_SIZE;
    ns->page_role = calloc(2 * run_pages + 2 * ns->max_pages, 1);
    if (!ns->page_role)
        return false;
    ns->page_state = ns->page_role + 2 * run_pages;
    for (size_t i = 0; i < ns->max_pages; i++) {
        ns->page_role[i] = GH_YOUNG_ROLE_FROM;
        ns->page_role[run_pages + i] = GH_YOUNG_ROLE_TO;
    }
    /* Reserve both runs plus slack for alignment; pages cost physical
     * memory only once touched. */
    ns->reservation_size = 2 * ns->run_bytes + GH_HUGE_PAGE_SIZE;
    void *raw = mmap(NULL, ns->reservation_size, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (raw == MAP_FAILED) {
        ns->reservation = NULL;
        free(ns->page_role);
        ns->page_role = NULL;
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
        madvise(base, 2 * ns->run_bytes, MADV_HUGEPAGE);
#endif
    ns->base = base;
    ns->used_before_page = 0;
    start_page(h, 0);
    ns->age_offset = run_offset(ns, h->fast.lab[0].top);
    /* To-space's first pages are otherwise first written by the first
     * scavenge; on huge pages that faults 2 MiB inside its pause (4-15 ms
     * on the benchmark VM), so fault it here instead.  Later scavenges
     * copy into pages the allocator has already used. */
    if (h->config.young_huge_pages)
        use_page(h, gh_to_run(ns, 0), 0);
    return true;
}

void gh_new_space_release(gh_heap *h)
{
    gh_new_space *ns = &h->new_space;
    if (!ns->reservation)
        return;
    for (unsigned run = 0; run < 2; run++)
        for (size_t i = 0; i < ns->max_pages; i++)
            if (*page_state(ns, run, i) & GH_YOUNG_PAGE_READY)
                free(gh_young_page(ns, run, i)->slot_set);
    gh_unpoison(ns->reservation, ns->reservation_size);
    gh_os_unmap(ns->reservation, ns->reservation_size);
    ns->reservation = NULL;
    free(ns->page_role);
    ns->page_role = ns->page_state = NULL;
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
 *     quarter of the semispace, and the page it may spill into).  A
 *     scavenge then never copies into fresh memory in its pause, and the
 *     young generation touches at most a semispace and a quarter;
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
    for (size_t i = 0; budget && i < to_pages; i++)
        if (!(*page_state(ns, gh_to_run(ns, i), i) & GH_YOUNG_PAGE_RESIDENT)) {
            populate(ns, gh_to_run(ns, i), i);
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
        ns->used_before_page += (size_t)(top - gh_from_page(ns, ns->page_index)->area_start);
        start_page(h, ns->page_index + 1);
        ready_next_scavenge(h);
    }
}

size_t gh_new_space_used(const gh_heap *h)
{
    const gh_new_space *ns = &h->new_space;
    return ns->used_before_page +
           (size_t)(h->fast.lab[0].top - gh_from_page(ns, ns->page_index)->area_start);
}

size_t gh_new_space_committed(const gh_heap *h)
{
    return h->new_space.resident_pages * GH_PAGE_SIZE;
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
    /* To-space's pages up to to_page hold the survivors and join
     * from-space; past them from-space keeps its own, just emptied. */
    size_t run_pages = ns->run_bytes / GH_PAGE_SIZE;
    for (size_t i = 0; i <= to_page; i++) {
        ns->page_role[i] ^= GH_YOUNG_ROLE_FROM | GH_YOUNG_ROLE_TO;
        ns->page_role[run_pages + i] ^= GH_YOUNG_ROLE_FROM | GH_YOUNG_ROLE_TO;
    }
    gh_page *p = gh_from_page(ns, to_page);
    ns->page_index = to_page;
    ns->used_before_page = survived_in_to - (size_t)(to_top - p->area_start);
    gh_new_space_publish(h, to_top, p->area_end);
    ns->age_offset = run_offset(ns, to_top);
    maybe_grow(h, survived_in_to + promoted);
}

void gh_new_space_clear_marks(gh_heap *h)
{
    gh_new_space *ns = &h->new_space;
    /* Marking sets bits only on the used from-space pages. */
    for (size_t i = 0; i <= ns->page_index; i++)
        gh_page_clear_marks(gh_from_page(ns, i));
}

void gh_new_space_set_flags(gh_heap *h, uintptr_t set, uintptr_t clear)
{
    gh_new_space *ns = &h->new_space;
    for (unsigned run = 0; run < 2; run++)
        for (size_t i = 0; i < ns->max_pages; i++)
            if (*page_state(ns, run, i) & GH_YOUNG_PAGE_READY) {
                gh_page *p = gh_young_page(ns, run, i);
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
    ns->age_offset = run_offset(ns, h->fast.lab[0].top);
}
