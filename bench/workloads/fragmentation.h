/*
 * fragmentation.h -- the driver of the fragmentation workload, shared by its
 * C variants.  It measures how much memory an allocator keeps committed for
 * a given amount of live data after a churn that leaves holes too small for
 * what comes next:
 *
 *   1. fill a table of N slots with pointer-free objects of 16..128 bytes
 *      (sizes random, multiples of 8);
 *   2. three rounds of: drop every other live object (in slot order), then
 *      allocate as many bytes again in bigger objects -- 128..512, then
 *      512..2048, then 2048..8192 bytes -- into the emptied slots.  A new
 *      object never fits a hole left by one object dropped this round; an
 *      allocator that cannot move objects (or coalesce holes) must grow.
 *   3. collect (the GC'd variants run a full collection, so that the figure
 *      counts fragmentation rather than garbage not yet found) and report.
 *
 *   fragmentation_X [slots]                (default 2000000, about 150 MiB live)
 *
 * Output: the number of live objects, their bytes, and how many do not carry
 * a plausible size (16..8192, multiple of 8) in their first word (0).  stderr gets "BENCHMETRIC
 * live_mib=.. rss_end_mib=.. heap_mib=.." (heap_mib: what the allocator
 * says it has committed, GC'd variants only).
 *
 * The including file defines, before including this header:
 *   static void frag_setup(long slots);
 *   static void frag_alloc_into(long slot, size_t size);  // object with
 *           size bytes, its first word set to size, stored in slot
 *   static uint64_t *frag_get(long slot);                 // NULL if empty
 *   static void frag_drop(long slot);                     // empty the slot
 *   static double frag_finish(void);  // full GC if any; committed heap MiB or -1
 */
#ifndef FRAGMENTATION_H
#define FRAGMENTATION_H

#include "bench_common.h"

static size_t frag_random_size(uint32_t *seed, size_t lo, size_t hi)
{
    return lo + 8 * (bench_xorshift32(seed) % ((hi - lo) / 8 + 1));
}

static int frag_main(int argc, char **argv, const char *prog)
{
    long n = bench_arg(argc, argv, 1, 2000000, 16);
    uint32_t seed = 2463534242u;
    frag_setup(n);

    for (long i = 0; i < n; i++)
        frag_alloc_into(i, frag_random_size(&seed, 16, 128));

    long *emptied = malloc((size_t)n * sizeof *emptied);
    if (!emptied)
        bench_die(prog, "out of memory");
    size_t lo = 128, hi = 512;
    for (int round = 0; round < 3; round++, lo *= 4, hi *= 4) {
        long count = 0;
        size_t dropped = 0;
        bool drop = false;
        for (long i = 0; i < n; i++) {
            uint64_t *obj = frag_get(i);
            if (!obj)
                continue;
            if (drop) {
                dropped += (size_t)obj[0];
                frag_drop(i);
                emptied[count++] = i;
            }
            drop = !drop;
        }
        size_t allocated = 0;
        for (long k = 0; k < count && allocated < dropped; k++) {
            size_t size = frag_random_size(&seed, lo, hi);
            frag_alloc_into(emptied[k], size);
            allocated += size;
        }
    }
    free(emptied);

    double heap_mib = frag_finish();
    long live = 0, bad = 0;
    size_t bytes = 0;
    for (long i = 0; i < n; i++) {
        uint64_t *obj = frag_get(i);
        if (!obj)
            continue;
        live++;
        bytes += (size_t)obj[0];
        /* every object's payload is its first word plus zeros */
        bad += obj[0] < 16 || obj[0] > 8192 || obj[0] % 8 != 0;
    }
    printf("fragmentation: %ld objects, %zu bytes, %ld bad\n", live, bytes, bad);
    double live_mib = (double)(bytes + (size_t)n * sizeof(void *)) / 1048576.0;
    fprintf(stderr, "BENCHMETRIC live_mib=%.1f rss_end_mib=%.1f", live_mib, bench_rss_mib());
    if (heap_mib >= 0)
        fprintf(stderr, " heap_mib=%.1f", heap_mib);
    fprintf(stderr, "\n");
    return 0;
}

#endif
