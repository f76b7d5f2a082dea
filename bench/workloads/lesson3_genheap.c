/*
 * lesson3 on a genheap heap (see lesson3.h).
 *
 * Each buffer is a gh_buffer: a small heap object owning its bytes outside
 * the heap, as a Node Buffer does.  The heap counts them as external
 * memory, and their growth makes it collect ("external memory pressure"),
 * as V8 does for ArrayBuffers.
 */
#include "bench_gh.h"
#include "lesson3.h"

int main(int argc, char **argv)
{
    long count = bench_arg(argc, argv, 1, 15, 1);
    size_t size = (size_t)bench_arg(argc, argv, 2, 200, 1) * 1048576;
    gh_heap *h = bench_gh_create("lesson3_genheap");
    gh_type_id slots_type = bench_gh_type(h, &(gh_type_info){.name = "FixedArray"});

    gh_handle_scope scope;
    gh_scope_open(h, &scope);
    gh_handle total = bench_gh_handle(h, bench_gh_alloc(h, slots_type, (size_t)count * sizeof(void *)));
    for (long j = 0; j < count; j++) {
        gh_buffer *b = gh_buffer_new(h, size); /* MAY COLLECT */
        if (!b)
            bench_gh_oom();
        lesson3_fill(b->data, b->length);
        void **slots = *total;
        gh_set_ptr(slots, &slots[j], b);
    }

    void **slots = *total;
    unsigned long sample = 0;
    for (long j = 0; j < count; j++) {
        const gh_buffer *b = slots[j];
        sample += lesson3_sample(b->data, b->length);
    }
    lesson3_report(count, size, sample);
    gh_scope_close(&scope);
    bench_gh_report(h);
    gh_heap_destroy(h); /* frees the buffers */
    return 0;
}
