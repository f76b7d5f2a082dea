/*
 * lesson1 on a genheap heap (see lesson1.h).  The outer array's store is a
 * heap object held in a handle; the inner arrays are 800-byte objects of
 * pointer slots, allocated young like any other object.  Compiled with
 * -DLESSON1_PRETENURE (the "genheap-pretenure" variant, labelled as such)
 * the inner arrays are allocated with gh_alloc_old instead.
 */
#include "bench_gh.h"
#include "lesson1.h"

int main(int argc, char **argv)
{
    long count = bench_arg(argc, argv, 1, 1000000, 1);
    gh_heap *h = bench_gh_create("lesson1_genheap");
    /* variable-size arrays whose every word is a slot */
    gh_type_id slots_type = bench_gh_type(h, &(gh_type_info){.name = "FixedArray"});

    gh_handle_scope scope;
    gh_scope_open(h, &scope);
    gh_handle store = bench_gh_handle(h, NULL); /* the outer array's elements */
    size_t length = 0, capacity = 0;

    for (long i = 0; i < count; i++) {
        if (length == capacity) {
            /* grow first, so that no new inner array needs a handle */
            size_t new_capacity = lesson1_grow(capacity);
            void **bigger = bench_gh_alloc(h, slots_type, new_capacity * sizeof(void *));
            void **old = *store;
            if (length) {
                memcpy(bigger, old, length * sizeof(void *));
                gh_write_barrier_range(bigger, bigger, length);
            }
            *store = bigger;
            capacity = new_capacity;
        }
#ifdef LESSON1_PRETENURE
        /* the labelled "genheap-pretenure" variant: the program knows these
         * arrays live to the end and allocates them in the old generation */
        void *inner = gh_alloc_old(h, slots_type, LESSON1_SLOTS * sizeof(void *));
        if (!inner)
            bench_gh_oom();
#else
        void *inner = bench_gh_alloc(h, slots_type, LESSON1_SLOTS * sizeof(void *));
#endif
        void **elements = *store; /* re-read: the allocation may have moved it */
        gh_set_ptr(elements, &elements[length], inner);
        length++;
    }

    void **elements = *store;
    long slots = 0, nonempty = 0;
    for (size_t i = 0; i < length; i++) {
        void **inner = elements[i];
        slots += (long)(gh_size_of(inner) / sizeof(void *));
        nonempty += inner[i % LESSON1_SLOTS] != NULL;
    }
    lesson1_report((long)length, slots, nonempty);

    gh_scope_close(&scope);
    bench_gh_report(h);
    gh_heap_destroy(h);
    return 0;
}
