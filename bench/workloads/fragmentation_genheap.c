/*
 * fragmentation on a genheap heap (see fragmentation.h).  The table is one
 * large slot array held in a handle; the objects are pointer-free (leaf)
 * objects allocated young like any others, so the survivors reach the old
 * generation through promotion.
 */
#include "bench_gh.h"

static gh_heap *heap;
static gh_type_id table_type, bytes_type;
static gh_handle table;

static void frag_setup(long slots)
{
    table_type = bench_gh_type(heap, &(gh_type_info){.name = "FixedArray"});
    bytes_type = bench_gh_type(heap, &(gh_type_info){.name = "ByteArray", .flags = GH_TYPE_LEAF});
    table = bench_gh_handle(heap, bench_gh_alloc(heap, table_type, (size_t)slots * sizeof(void *)));
}

static void frag_alloc_into(long slot, size_t size)
{
    uint64_t *obj = bench_gh_alloc(heap, bytes_type, size);
    obj[0] = size;
    void **t = *table; /* re-read after the allocation */
    gh_set_ptr(t, &t[slot], obj);
}

static uint64_t *frag_get(long slot) { return ((void **)*table)[slot]; }

static void frag_drop(long slot)
{
    void **t = *table;
    gh_set_ptr(t, &t[slot], NULL);
}

static double frag_finish(void)
{
    if (gh_collect(heap, GH_GC_FULL) != GH_OK)
        bench_gh_oom();
    gh_heap_stats st;
    gh_heap_stats_get(heap, &st);
    return (double)st.committed / 1048576.0;
}

#include "fragmentation.h"

int main(int argc, char **argv)
{
    heap = bench_gh_create("fragmentation_genheap");
    gh_handle_scope scope;
    gh_scope_open(heap, &scope);
    int rc = frag_main(argc, argv, "fragmentation_genheap");
    gh_scope_close(&scope);
    bench_gh_report(heap);
    gh_heap_destroy(heap);
    return rc;
}
