/*
 * worklist.h -- a work-stealing worklist for parallel collection.
 *
 * Work items (object pointers) are kept in fixed-size segments.  Each
 * worker pushes into and pops from its own segments without locking; a
 * full segment is published to the shared pool, from which idle workers
 * take whole segments.  Workers publish early when others are idle and
 * nothing is published, so that a burst of work is spread out.  The
 * parallel phase ends when every worker is idle and the pool is empty.
 */
#ifndef GH_WORKLIST_H
#define GH_WORKLIST_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#define GH_SEGMENT_ITEMS 256

typedef struct gh_segment {
    struct gh_segment *next;
    size_t len;
    void *items[GH_SEGMENT_ITEMS];
} gh_segment;

/* The lock's line changes hands at every publish and steal; the two
 * counters are read at every push and by every idle worker, so each has a
 * line of its own. */
typedef struct gh_worklist {
    pthread_mutex_t lock;
    gh_segment *full;     /* published, waiting for a worker */
    gh_segment *spare;    /* empty segments for reuse */
    unsigned workers;     /* taking part in the current phase */
    _Alignas(64) size_t full_count; /* atomic: read without the lock */
    _Alignas(64) unsigned idle;     /* atomic */
} gh_worklist;

typedef struct gh_local_worklist {
    gh_worklist *shared;
    gh_segment *push, *pop;
} gh_local_worklist;

void gh_worklist_init(gh_worklist *wl);
void gh_worklist_destroy(gh_worklist *wl);
/* Before a parallel phase with `workers` threads. */
void gh_worklist_begin(gh_worklist *wl, unsigned workers);

void gh_local_init(gh_local_worklist *l, gh_worklist *shared);
/* Give back the local segments (they must be empty). */
void gh_local_release(gh_local_worklist *l);
void gh_local_push(gh_local_worklist *l, void *item);
/* The next item: local first, then stolen; NULL when there is no work
 * anywhere and every worker is idle (the phase is over). */
void *gh_local_pop(gh_local_worklist *l);
/* Whether this worker has nothing of its own left to pop. */
static inline bool gh_local_is_empty(const gh_local_worklist *l)
{
    return l->pop->len == 0 && l->push->len == 0;
}
/* The item the next pop of the local segment returns, or NULL (a hint for
 * prefetching: stealing or swapping segments may give another). */
static inline void *gh_local_peek(const gh_local_worklist *l)
{
    return l->pop->len ? l->pop->items[l->pop->len - 1] : NULL;
}
/* Publish whatever the local push segment holds. */
void gh_local_publish(gh_local_worklist *l);

#endif
