/*
 * marker.c -- marking for the full collection.
 *
 * Every object reachable from the roots -- young, old and large alike --
 * gets its bit set in its page's mark bitmap.  Marking uses an explicit
 * worklist, never recursion, so a million-deep list cannot overflow the C
 * stack.  An object is grey while it is on the worklist and black once
 * popped and scanned; with one mark bit, "marked and not on the worklist"
 * is black.
 */
#include "heap_internal.h"

typedef struct gh_marker {
    gh_tracer tracer;
    gh_heap *h;
} gh_marker;

static void visit_mark(gh_tracer *t, void *slots, size_t n)
{
    gh_heap *h = ((gh_marker *)t)->h;
    uint64_t *w = slots;
    for (size_t i = 0; i < n; i++) {
        char *target = gh_slot_target(w[i]);
        if (target && gh_mark(target)) {
            /* Leaf objects are black at once: nothing to scan. */
            const gh_type *ty = gh_type_get(h, gh_header_type(gh_header(target)));
            if (ty->layout != GH_LAYOUT_LEAF)
                gh_vec_push_gc(&h->mark_worklist, target);
        }
    }
}

static void drain(gh_marker *m)
{
    gh_heap *h = m->h;
    char *obj;
    while ((obj = gh_vec_pop(&h->mark_worklist)) != NULL)
        gh_object_visit(h, obj, gh_header(obj), &m->tracer, visit_mark);
}

void gh_mark_live(gh_heap *h)
{
    gh_marker m = {{visit_mark}, h};
    gh_roots_visit(h, &m.tracer);
    drain(&m);
}
