/*
 * fragmentation with malloc/free (see fragmentation.h): dropped objects are
 * freed at once.  Linked against glibc, mimalloc and jemalloc.
 */
#include "bench_common.h"

static uint64_t **table;

static void frag_setup(long slots)
{
    table = calloc((size_t)slots, sizeof *table);
    if (!table)
        bench_die("fragmentation_malloc", "out of memory");
}

static void frag_alloc_into(long slot, size_t size)
{
    uint64_t *obj = calloc(1, size); /* zeroed, like the GC'd variants' objects */
    if (!obj)
        bench_die("fragmentation_malloc", "out of memory");
    obj[0] = size;
    table[slot] = obj;
}

static uint64_t *frag_get(long slot) { return table[slot]; }

static void frag_drop(long slot)
{
    free(table[slot]);
    table[slot] = NULL;
}

static double frag_finish(void) { return -1; }

#include "fragmentation.h"

int main(int argc, char **argv) { return frag_main(argc, argv, "fragmentation_malloc"); }
