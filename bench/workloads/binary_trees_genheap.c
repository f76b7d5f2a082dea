/*
 * binary-trees (Benchmarks Game rules and output) on a genheap heap.
 *
 *   binary_trees_genheap [max_depth]      (default 10, at least 6)
 *
 * Embedding pattern: a child tree is returned as a raw pointer and held in a
 * handle before the next allocation, since any allocation may move it.
 */
#include "bench_gh.h"

typedef struct node {
    struct node *left, *right; /* every word is a slot: no trace function */
} node;

static gh_heap *heap;
static gh_type_id node_type;

/* The raw pointer returned is valid until the caller's next allocation. */
static node *bottom_up_tree(int depth)
{
    if (depth <= 0)
        return bench_gh_alloc(heap, node_type, sizeof(node));
    gh_handle_scope scope;
    gh_scope_open(heap, &scope);
    gh_handle left = bench_gh_handle(heap, bottom_up_tree(depth - 1));
    gh_handle right = bench_gh_handle(heap, bottom_up_tree(depth - 1));
    node *n = bench_gh_alloc(heap, node_type, sizeof(node)); /* may move both */
    gh_set_ptr(n, &n->left, *left);
    gh_set_ptr(n, &n->right, *right);
    gh_scope_close(&scope);
    return n;
}

/* Allocates nothing, so raw pointers are safe here. */
static long item_check(const node *n)
{
    return n->left ? 1 + item_check(n->left) + item_check(n->right) : 1;
}

int main(int argc, char **argv)
{
    int max_depth = (int)bench_arg(argc, argv, 1, 10, 6);
    heap = bench_gh_create("binary_trees_genheap");
    node_type = bench_gh_type(heap, &(gh_type_info){.name = "TreeNode", .size = sizeof(node)});

    int stretch = max_depth + 1;
    printf("stretch tree of depth %d\t check: %ld\n", stretch, item_check(bottom_up_tree(stretch)));

    gh_global *long_lived = gh_global_new(heap, bottom_up_tree(max_depth));
    if (!long_lived)
        bench_gh_oom();
    for (int depth = 4; depth <= max_depth; depth += 2) {
        long iterations = 1L << (max_depth - depth + 4), check = 0;
        for (long i = 0; i < iterations; i++)
            check += item_check(bottom_up_tree(depth));
        printf("%ld\t trees of depth %d\t check: %ld\n", iterations, depth, check);
    }
    printf("long lived tree of depth %d\t check: %ld\n", max_depth,
           item_check(gh_global_get(long_lived)));

    bench_gh_report(heap);
    gh_global_free(heap, long_lived);
    gh_heap_destroy(heap);
    return 0;
}
