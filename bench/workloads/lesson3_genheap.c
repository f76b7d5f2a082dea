/*
 * lesson3 on a genheap heap (see lesson3.h).
 *
 * genheap has no external-memory API yet (nothing like V8's
 * AdjustAmountOfExternalAllocatedMemory), so each buffer is malloc'd bytes
 * owned by a small heap object whose finalizer frees them.  The heap never
 * learns that 3 GB hang off 15 small objects.
 */
#include "bench_gh.h"
#include "lesson3.h"

typedef struct ext_buffer {
    unsigned char *bytes;
    size_t size;
} ext_buffer;

static void free_ext_buffer(void *obj, void *data)
{
    (void)data;
    free(((ext_buffer *)obj)->bytes);
}

int main(int argc, char **argv)
{
    long count = bench_arg(argc, argv, 1, 15, 1);
    size_t size = (size_t)bench_arg(argc, argv, 2, 200, 1) * 1048576;
    gh_heap *h = bench_gh_create("lesson3_genheap");
    gh_type_id buffer_type = bench_gh_type(
        h, &(gh_type_info){.name = "Buffer", .size = sizeof(ext_buffer), .flags = GH_TYPE_LEAF,
                           .finalize = free_ext_buffer});
    gh_type_id slots_type = bench_gh_type(h, &(gh_type_info){.name = "FixedArray"});

    gh_handle_scope scope;
    gh_scope_open(h, &scope);
    gh_handle total = bench_gh_handle(h, bench_gh_alloc(h, slots_type, (size_t)count * sizeof(void *)));
    for (long j = 0; j < count; j++) {
        ext_buffer *b = bench_gh_alloc(h, buffer_type, sizeof(ext_buffer));
        b->bytes = malloc(size); /* the finalizer owns it from here on */
        if (!b->bytes)
            bench_die("lesson3_genheap", "out of memory");
        b->size = size;
        lesson3_fill(b->bytes, size);
        void **slots = *total;
        gh_set_ptr(slots, &slots[j], b);
    }

    void **slots = *total;
    unsigned long sample = 0;
    for (long j = 0; j < count; j++) {
        const ext_buffer *b = slots[j];
        sample += lesson3_sample(b->bytes, b->size);
    }
    lesson3_report(count, size, sample);
    gh_scope_close(&scope);
    bench_gh_report(h);
    gh_heap_destroy(h); /* runs the finalizers */
    return 0;
}
