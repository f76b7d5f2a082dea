/*
 * fragmentation on the Boehm GC (see fragmentation.h): the table from
 * GC_MALLOC, the objects from GC_MALLOC_ATOMIC; dropping is clearing the
 * slot.
 */
#include "bench_boehm.h"

static uint64_t **table;

static void frag_setup(long slots)
{
    table = bench_boehm_check(GC_MALLOC((size_t)slots * sizeof *table));
}

static void frag_alloc_into(long slot, size_t size)
{
    uint64_t *obj = bench_boehm_check(GC_MALLOC_ATOMIC(size));
    memset(obj, 0, size); /* atomic objects come uninitialised */
    obj[0] = size;
    table[slot] = obj;
}

static uint64_t *frag_get(long slot) { return table[slot]; }

static void frag_drop(long slot) { table[slot] = NULL; }

static double frag_finish(void)
{
    GC_gcollect();
    return (double)GC_get_heap_size() / 1048576.0;
}

#include "fragmentation.h"

int main(int argc, char **argv)
{
    bench_boehm_init();
    int rc = frag_main(argc, argv, "fragmentation_boehm");
    bench_boehm_report();
    return rc;
}
