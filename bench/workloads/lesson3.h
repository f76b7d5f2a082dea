/*
 * lesson3.h -- shared by the C variants of lesson3, the C version of
 *
 *   for (j = 0; j < 15; j++) { b = new Buffer(200 MiB); for (i...) b[i] = 0; total.push(b); }
 *
 * 15 off-heap buffers of 200 MiB, each filled with zeros by a byte loop (GCC
 * turns the loop into memset at -O2, in every variant alike), all kept
 * alive to the end.  The point is the memory: every page gets touched.
 *
 *   lesson3_X [count [mib]]                (default 15 200)
 *
 * Output: the number of buffers, their bytes, and the sum of one byte per
 * 4 KiB page of every buffer (0).
 */
#ifndef LESSON3_H
#define LESSON3_H

#include "bench_common.h"

/* The empty asm hides where `bytes` came from: otherwise GCC turns
 * malloc + this loop (as memset) into calloc, which need not touch the pages
 * at all, and the malloc variants would measure nothing. */
static inline void lesson3_fill(unsigned char *bytes, size_t size)
{
    __asm__ volatile("" : "+r"(bytes));
    for (size_t i = 0; i < size; i++)
        bytes[i] = 0;
}

static inline unsigned long lesson3_sample(const unsigned char *bytes, size_t size)
{
    unsigned long sum = 0;
    for (size_t i = 0; i < size; i += 4096)
        sum += bytes[i];
    return sum;
}

static inline void lesson3_report(long count, size_t size, unsigned long sample)
{
    printf("lesson3: %ld buffers, %zu bytes, sample sum %lu\n", count, (size_t)count * size, sample);
    fprintf(stderr, "BENCHMETRIC live_mib=%.1f\n", (double)count * (double)size / 1048576.0);
}

#endif
