/*
 * binary-trees (Benchmarks Game rules and output) with malloc/free: every
 * node is malloc'd and every tree freed explicitly once checked.  The same
 * source is linked against glibc, mimalloc and jemalloc.
 *
 *   binary_trees_malloc [max_depth]       (default 10, at least 6)
 */
#include "bench_common.h"

typedef struct node {
    struct node *left, *right;
} node;

static node *new_node(node *left, node *right)
{
    node *n = malloc(sizeof *n);
    if (!n)
        bench_die("binary_trees_malloc", "out of memory");
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

static void free_tree(node *n)
{
    if (n->left) {
        free_tree(n->left);
        free_tree(n->right);
    }
    free(n);
}

/* Check a fresh tree, then free it. */
static long check_and_free(node *n)
{
    long c = item_check(n);
    free_tree(n);
    return c;
}

int main(int argc, char **argv)
{
    int max_depth = (int)bench_arg(argc, argv, 1, 10, 6);

    int stretch = max_depth + 1;
    printf("stretch tree of depth %d\t check: %ld\n", stretch,
           check_and_free(bottom_up_tree(stretch)));

    node *long_lived = bottom_up_tree(max_depth);
    for (int depth = 4; depth <= max_depth; depth += 2) {
        long iterations = 1L << (max_depth - depth + 4), check = 0;
        for (long i = 0; i < iterations; i++)
            check += check_and_free(bottom_up_tree(depth));
        printf("%ld\t trees of depth %d\t check: %ld\n", iterations, depth, check);
    }
    printf("long lived tree of depth %d\t check: %ld\n", max_depth, check_and_free(long_lived));
    return 0;
}
