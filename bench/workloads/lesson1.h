/*
 * lesson1.h -- shared by the C variants of lesson1, the C version of
 *
 *   var ary = []; for (var i = 0; i < 1000000; i++) ary.push(new Array(100));
 *
 * one million arrays of 100 empty pointer slots, all kept alive in one
 * growing array.  The growing array grows like V8's (new capacity =
 * old + old/2 + 16) by allocating a bigger store and copying.
 *
 *   lesson1_X [count]                      (default 1000000)
 *
 * Output: the number of arrays and slots, and how many of the sampled slots
 * (slot i % 100 of array i) are not empty -- 0.  stderr gets
 * "BENCHMETRIC live_mib=..." -- the bytes the program needs: count x 800
 * plus count x 8 for the outer array.
 */
#ifndef LESSON1_H
#define LESSON1_H

#include "bench_common.h"

#define LESSON1_SLOTS 100

static inline size_t lesson1_grow(size_t capacity) { return capacity + capacity / 2 + 16; }

static inline void lesson1_report(long count, long slots, long nonempty)
{
    printf("lesson1: %ld arrays, %ld slots, %ld sampled slots not empty\n", count, slots, nonempty);
    fprintf(stderr, "BENCHMETRIC live_mib=%.1f\n",
            (double)count * (LESSON1_SLOTS + 1) * sizeof(void *) / 1048576.0);
}

#endif
