/*
 * worklist.c -- segments, publishing, stealing and termination.
 */
#include "worklist.h"

#include <sched.h>
#include <stdlib.h>
#include <time.h>

#include "vec.h"

void gh_worklist_init(gh_worklist *wl)
{
    pthread_mutex_init(&wl->lock, NULL);
    wl->full = wl->spare = NULL;
    wl->full_count = 0;
    wl->workers = wl->idle = 0;
}

static void free_chain(gh_segment *s)
{
    while (s) {
        gh_segment *next = s->next;
        free(s);
        s = next;
    }
}

void gh_worklist_destroy(gh_worklist *wl)
{
    free_chain(wl->full);
    free_chain(wl->spare);
    wl->full = wl->spare = NULL;
    pthread_mutex_destroy(&wl->lock);
}

void gh_worklist_begin(gh_worklist *wl, unsigned workers)
{
    wl->workers = workers;
    __atomic_store_n(&wl->idle, 0, __ATOMIC_RELAXED);
}

/* A spare segment, or NULL; the caller holds the lock. */
static gh_segment *spare_segment_locked(gh_worklist *wl)
{
    gh_segment *s = wl->spare;
    if (s)
        wl->spare = s->next;
    return s;
}

/* s (a spare, or NULL for a new one), emptied. */
static gh_segment *fresh_segment(gh_segment *s)
{
    if (!s) {
        s = malloc(sizeof *s);
        if (!s)
            gh_fatal("genheap: out of memory for a marking worklist segment");
    }
    s->next = NULL;
    s->len = 0;
    return s;
}

static gh_segment *new_segment(gh_worklist *wl)
{
    pthread_mutex_lock(&wl->lock);
    gh_segment *s = spare_segment_locked(wl);
    pthread_mutex_unlock(&wl->lock);
    return fresh_segment(s);
}

void gh_local_init(gh_local_worklist *l, gh_worklist *shared)
{
    l->shared = shared;
    l->push = new_segment(shared);
    l->pop = new_segment(shared);
}

void gh_local_release(gh_local_worklist *l)
{
    gh_worklist *wl = l->shared;
    pthread_mutex_lock(&wl->lock);
    l->push->next = l->pop;
    l->pop->next = wl->spare;
    wl->spare = l->push;
    pthread_mutex_unlock(&wl->lock);
    l->push = l->pop = NULL;
}

/* One trip through the lock: the full segment in, a spare one out. */
void gh_local_publish(gh_local_worklist *l)
{
    if (l->push->len == 0)
        return;
    gh_worklist *wl = l->shared;
    pthread_mutex_lock(&wl->lock);
    l->push->next = wl->full;
    wl->full = l->push;
    __atomic_add_fetch(&wl->full_count, 1, __ATOMIC_RELEASE);
    gh_segment *spare = spare_segment_locked(wl);
    pthread_mutex_unlock(&wl->lock);
    l->push = fresh_segment(spare);
}

void gh_local_push(gh_local_worklist *l, void *item)
{
    gh_segment *s = l->push;
    s->items[s->len++] = item;
    /* Full, or a partner is starving and there is nothing for it to take.
     * Not just whenever someone is idle: with many threads someone nearly
     * always is, and everyone would trade in tiny segments, each costing
     * a trip through the lock. */
    if (s->len == GH_SEGMENT_ITEMS ||
        (s->len >= 16 && __atomic_load_n(&l->shared->idle, __ATOMIC_RELAXED) > 0 &&
         __atomic_load_n(&l->shared->full_count, __ATOMIC_RELAXED) == 0))
        gh_local_publish(l);
}

/* One trip through the lock: a published segment out, our empty pop
 * segment in as a spare. */
static bool steal(gh_local_worklist *l)
{
    gh_worklist *wl = l->shared;
    if (__atomic_load_n(&wl->full_count, __ATOMIC_ACQUIRE) == 0)
        return false;
    pthread_mutex_lock(&wl->lock);
    gh_segment *s = wl->full;
    if (s) {
        wl->full = s->next;
        __atomic_sub_fetch(&wl->full_count, 1, __ATOMIC_RELEASE);
        l->pop->next = wl->spare;
        wl->spare = l->pop;
        l->pop = s;
    }
    pthread_mutex_unlock(&wl->lock);
    return s != NULL;
}

void *gh_local_pop(gh_local_worklist *l)
{
    for (;;) {
        if (l->pop->len)
            return l->pop->items[--l->pop->len];
        if (l->push->len) { /* swap: our own pushes become work */
            gh_segment *t = l->pop;
            l->pop = l->push;
            l->push = t;
            continue;
        }
        if (steal(l))
            continue;
        /* idle: wait for someone to publish, or for everyone to be idle */
        gh_worklist *wl = l->shared;
        unsigned idle = __atomic_add_fetch(&wl->idle, 1, __ATOMIC_ACQ_REL);
        for (unsigned spins = 0;; spins++) {
            if (__atomic_load_n(&wl->full_count, __ATOMIC_ACQUIRE) > 0) {
                __atomic_sub_fetch(&wl->idle, 1, __ATOMIC_ACQ_REL);
                break;
            }
            if (idle == wl->workers || __atomic_load_n(&wl->idle, __ATOMIC_ACQUIRE) == wl->workers)
                return NULL;
            /* Yield a while, then sleep: on a loaded machine a spinning idle
             * thread takes the CPU from the one that has the work. */
            if (spins < 64) {
                sched_yield();
            } else {
                struct timespec nap = {0, 20000};
                nanosleep(&nap, NULL);
            }
        }
    }
}
