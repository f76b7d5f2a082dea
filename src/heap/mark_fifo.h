/*
 * mark_fifo.h -- referents wait here, prefetched, before they are marked.
 *
 * Marking an object reads its mark word and its header: for a heap
 * scattered in memory, two cache misses, paid one after another if each
 * referent is marked the moment its slot is read.  So the markers
 * (marker.c, parallel_marker.c) ask for a referent's lines as it comes
 * in, put it in this small FIFO, and mark what falls out: by then its
 * lines have (mostly) arrived, and the misses of several objects overlap.
 * Anything in the FIFO is neither marked nor on a worklist, so a marker
 * empties it before it stops or looks for work elsewhere.
 */
#ifndef GH_MARK_FIFO_H
#define GH_MARK_FIFO_H

#include <stddef.h>

#define GH_MARK_FIFO 8 /* a power of two */

typedef struct gh_mark_fifo {
    char *items[GH_MARK_FIFO];
    unsigned head, len;
} gh_mark_fifo;

/* Put obj in; returns the oldest object if it fell out (the FIFO was
 * full), else NULL. */
static inline char *gh_mark_fifo_put(gh_mark_fifo *f, char *obj)
{
    if (f->len < GH_MARK_FIFO) {
        f->items[(f->head + f->len++) % GH_MARK_FIFO] = obj;
        return NULL;
    }
    char *oldest = f->items[f->head];
    f->items[f->head] = obj;
    f->head = (f->head + 1) % GH_MARK_FIFO;
    return oldest;
}

/* Take the oldest object out; NULL when the FIFO is empty. */
static inline char *gh_mark_fifo_take(gh_mark_fifo *f)
{
    if (f->len == 0)
        return NULL;
    char *obj = f->items[f->head];
    f->head = (f->head + 1) % GH_MARK_FIFO;
    f->len--;
    return obj;
}

#endif
