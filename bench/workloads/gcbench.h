/*
 * gcbench.h -- the parameters and the (time-free) output of GCBench, shared
 * by its three C variants so that their stdout stays identical to
 * js/gcbench.js.
 *
 * GCBench (Hans Boehm, after John Ellis and Pete Kovac): a stretch tree, a
 * long-lived tree and array, then many short-lived trees built top-down
 * (Populate: allocate children into an existing node) and bottom-up
 * (MakeTree).  Timings are printed as "N" so the output is comparable.
 *
 *   gcbench_X [stretch long_lived array_size min_depth max_depth]
 *   defaults: 18 16 500000 4 16
 */
#ifndef GCBENCH_H
#define GCBENCH_H

#include "bench_common.h"

typedef struct gcbench_params {
    int stretch_depth, long_lived_depth, array_size, min_depth, max_depth;
} gcbench_params;

static inline gcbench_params gcbench_parse(int argc, char **argv)
{
    gcbench_params p;
    p.stretch_depth = (int)bench_arg(argc, argv, 1, 18, 1);
    p.long_lived_depth = (int)bench_arg(argc, argv, 2, 16, 1);
    p.array_size = (int)bench_arg(argc, argv, 3, 500000, 1001);
    p.min_depth = (int)bench_arg(argc, argv, 4, 4, 1);
    p.max_depth = (int)bench_arg(argc, argv, 5, 16, 1);
    return p;
}

static inline long gcbench_tree_size(int depth) { return (1L << (depth + 1)) - 1; }

static inline long gcbench_num_iters(const gcbench_params *p, int depth)
{
    return 2 * gcbench_tree_size(p->stretch_depth) / gcbench_tree_size(depth);
}

static inline void gcbench_print_header(const gcbench_params *p)
{
    printf("Garbage Collector Test\n");
    printf(" Live storage will peak at %ld bytes.\n\n",
           2 * 32 * gcbench_tree_size(p->long_lived_depth) + 8L * p->array_size);
    printf(" Stretching memory with a binary tree of depth %d\n", p->stretch_depth);
}

#endif
