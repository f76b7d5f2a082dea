/*
 * background_sweeper.c -- lazy sweeping's slow half on a helper thread
 * (heaps with gc_threads > 0), while the program runs.
 *
 * Sweeping a page is reading, then writing.  Reading walks the mark
 * bitmap and the headers of the live objects to find the free gaps and
 * the live bytes; it is where the time goes (a cache miss per live
 * object).  Writing puts the gaps on the free lists, drops their
 * remembered slots and clears the marks -- structures the allocator, the
 * write barrier and scavenges use all the time.  So the thread only
 * reads, and hands the main thread a list of gaps to apply.
 *
 * Why reading needs no pause: while a page is unswept nothing writes what
 * the reader reads.  Its mark bits change only when marking starts, and
 * marking starts only after gh_sweep_finish (gh_mark_prepare), which waits
 * for the thread.  A live object's header changes only when it moves, and
 * old objects move only in a full GC, after that same wait.  The program
 * and scavenges do write into unswept pages -- payload slots of live
 * objects, remembered slots of dead ones -- but never a live header or a
 * mark bit, and they never allocate there (the free lists hold swept
 * pages only).
 *
 * Claims go through one mutex: the thread and the main thread take pages
 * from the same list, in order, so each page is swept once.
 */
#include <stdlib.h>

#include "heap_internal.h"

/* ---- reading a page -------------------------------------------------------- */

typedef struct page_reader {
    gh_page *p;
    gh_page_reading *r;
    size_t cap;
} page_reader;

static void add_gap(void *ctx, char *start, char *end)
{
    page_reader *pr = ctx;
    gh_page_reading *r = pr->r;
    if (r->failed)
        return;
    if (r->ngaps == pr->cap) {
        size_t cap = pr->cap ? 2 * pr->cap : 64;
        uint32_t *gaps = realloc(r->gaps, cap * 2 * sizeof *gaps);
        if (!gaps) {
            r->failed = true;
            return;
        }
        r->gaps = gaps;
        pr->cap = cap;
    }
    r->gaps[2 * r->ngaps] = (uint32_t)(start - (char *)pr->p);
    r->gaps[2 * r->ngaps + 1] = (uint32_t)(end - (char *)pr->p);
    r->ngaps++;
}

void gh_sweeper_read_page(gh_page *p, gh_page_reading *r)
{
    *r = (gh_page_reading){.page = p};
    page_reader pr = {p, r, 0};
    r->live = gh_page_each_gap(p, add_gap, &pr);
    if (r->failed) {
        free(r->gaps);
        r->gaps = NULL;
        r->ngaps = 0;
    }
}

/* ---- the thread ---------------------------------------------------------- */

/* Room for one more reading, made before a page is claimed so that the
 * reading can always be handed back. */
static bool reserve_done(gh_sweeper *sw)
{
    if (sw->done_len < sw->done_cap)
        return true;
    size_t cap = sw->done_cap ? 2 * sw->done_cap : 64;
    gh_page_reading *done = realloc(sw->done, cap * sizeof *done);
    if (!done)
        return false;
    sw->done = done;
    sw->done_cap = cap;
    return true;
}

static void *sweeper_main(void *arg)
{
    gh_sweeper *sw = arg;
    pthread_mutex_lock(&sw->lock);
    while (!sw->shutdown) {
        /* out of memory: the main thread sweeps the rest itself */
        if (sw->next == sw->pages.len || !reserve_done(sw)) {
            pthread_cond_wait(&sw->wake, &sw->lock);
            continue;
        }
        gh_page *p = sw->pages.items[sw->next++];
        sw->reading = true;
        pthread_mutex_unlock(&sw->lock);
        gh_page_reading r;
        gh_sweeper_read_page(p, &r);
        pthread_mutex_lock(&sw->lock);
        sw->done[sw->done_len++] = r;
        sw->pages_read++;
        sw->reading = false;
        pthread_cond_broadcast(&sw->read_done);
    }
    pthread_mutex_unlock(&sw->lock);
    return NULL;
}

bool gh_sweeper_start_thread(gh_heap *h)
{
    gh_sweeper *sw = &h->sweeper;
    if (pthread_mutex_init(&sw->lock, NULL) != 0)
        return false;
    if (pthread_cond_init(&sw->wake, NULL) != 0) {
        pthread_mutex_destroy(&sw->lock);
        return false;
    }
    if (pthread_cond_init(&sw->read_done, NULL) != 0) {
        pthread_cond_destroy(&sw->wake);
        pthread_mutex_destroy(&sw->lock);
        return false;
    }
    if (pthread_create(&sw->thread, NULL, sweeper_main, sw) != 0) {
        pthread_cond_destroy(&sw->read_done);
        pthread_cond_destroy(&sw->wake);
        pthread_mutex_destroy(&sw->lock);
        return false;
    }
    sw->thread_running = true;
    return true;
}

void gh_sweeper_stop(gh_heap *h)
{
    gh_sweeper *sw = &h->sweeper;
    if (sw->thread_running) {
        pthread_mutex_lock(&sw->lock);
        sw->shutdown = true;
        pthread_cond_signal(&sw->wake);
        pthread_mutex_unlock(&sw->lock);
        pthread_join(sw->thread, NULL);
        pthread_cond_destroy(&sw->read_done);
        pthread_cond_destroy(&sw->wake);
        pthread_mutex_destroy(&sw->lock);
        sw->thread_running = false;
    }
    for (size_t i = 0; i < sw->done_len; i++)
        free(sw->done[i].gaps);
    free(sw->done);
    sw->done = NULL;
    sw->done_len = sw->done_cap = 0;
    gh_vec_free(&sw->pages);
    sw->next = 0;
}

/* ---- the main thread's side ---------------------------------------------- */

uint64_t gh_sweeper_pages_read(gh_heap *h)
{
    gh_sweeper *sw = &h->sweeper;
    if (!sw->thread_running)
        return sw->pages_read;
    pthread_mutex_lock(&sw->lock);
    uint64_t n = sw->pages_read;
    pthread_mutex_unlock(&sw->lock);
    return n;
}

void gh_sweeper_publish(gh_heap *h, gh_vec *pages)
{
    gh_sweeper *sw = &h->sweeper;
    if (sw->thread_running)
        pthread_mutex_lock(&sw->lock);
    /* the previous cycle's pages are all swept: gh_mark_prepare finished
     * them before this marking began */
    gh_vec_free(&sw->pages);
    sw->pages = *pages;
    sw->next = 0;
    if (sw->thread_running) {
        pthread_cond_signal(&sw->wake);
        pthread_mutex_unlock(&sw->lock);
    }
}

static gh_sweep_take take_locked(gh_sweeper *sw, gh_page_reading *r)
{
    for (;;) {
        if (sw->done_len) {
            *r = sw->done[--sw->done_len];
            return GH_SWEEP_READ;
        }
        if (sw->next < sw->pages.len) {
            *r = (gh_page_reading){.page = sw->pages.items[sw->next++]};
            return GH_SWEEP_CLAIMED;
        }
        if (!sw->reading)
            return GH_SWEEP_NONE;
        pthread_cond_wait(&sw->read_done, &sw->lock); /* its page is the last */
    }
}

gh_sweep_take gh_sweeper_take(gh_heap *h, gh_page_reading *r)
{
    gh_sweeper *sw = &h->sweeper;
    if (!sw->thread_running) {
        if (sw->next == sw->pages.len)
            return GH_SWEEP_NONE;
        *r = (gh_page_reading){.page = sw->pages.items[sw->next++]};
        return GH_SWEEP_CLAIMED;
    }
    pthread_mutex_lock(&sw->lock);
    gh_sweep_take t = take_locked(sw, r);
    pthread_mutex_unlock(&sw->lock);
    return t;
}
