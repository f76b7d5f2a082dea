/*
 * binary-trees (Benchmarks Game rules and output) on the Boehm GC: nodes
 * from GC_MALLOC, never freed explicitly.
 *
 *   binary_trees_boehm [max_depth]        (default 10, at least 6)
 */
#include "bench_boehm.h"

typedef struct node {
    struct node *left, *right;
} node;

static node *new_node(node *left, node *right)
{
    node *n = bench_boehm_check(GC_MALLOC(sizeof *n));
    n->left = left;
    n->right = right;
    return n;
}

static node *bottom_up_tree(int depth)
{
    if (depth <= 0)
        return new_node(NULL, NULL);
    node *left = bottom_up_tree(depth - 1);
    return new_node(left, bottom_up_tree(depth - 1));
}

static long item_check(const node *n)
{
    return n->left ? 1 + item_check(n->left) + item_check(n->right) : 1;
}

int main(int argc, char **argv)
{
    bench_boehm_init();
    int max_depth = (int)bench_arg(argc, argv, 1, 10, 6);

    int stretch = max_depth + 1;
    printf("stretch tree of depth %d\t check: %ld\n", stretch, item_check(bottom_up_tree(stretch)));

    node *long_lived = bottom_up_tree(max_depth);
    for (int depth = 4; depth <= max_depth; depth += 2) {
        long iterations = 1L << (max_depth - depth + 4), check = 0;
        for (long i = 0; i < iterations; i++)
            check += item_check(bottom_up_tree(depth));
        printf("%ld\t trees of depth %d\t check: %ld\n", iterations, depth, check);
    }
    printf("long lived tree of depth %d\t check: %ld\n", max_depth, item_check(long_lived));
    bench_boehm_report();
    return 0;
}
