/*
 * splay on the Boehm GC (see splay.h, splay_tree.h): nodes from GC_MALLOC,
 * number arrays and strings from GC_MALLOC_ATOMIC, nothing freed.
 */
#include "bench_boehm.h"

#define SPLAY_NEW(size) bench_boehm_check(GC_MALLOC(size))
#define SPLAY_NEW_LEAF(size) bench_boehm_check(GC_MALLOC_ATOMIC(size))
#define SPLAY_FREE(p) ((void)(p))
#include "splay_tree.h"

int main(int argc, char **argv)
{
    bench_boehm_init();
    int rc = splay_main(argc, argv, "splay_boehm");
    bench_boehm_report();
    return rc;
}
