/*
 * binary_trees.c -- the Benchmarks Game's binary-trees, with every tree
 * node in a genheap heap.  It shows the embedding pattern: register a type,
 * allocate, keep objects that must survive the next allocation in handles,
 * store with the write barrier.
 *
 *   binary_trees [--trace-gc] [depth]        (depth defaults to 16)
 *
 * With --trace-gc every collection prints a line in Node's --trace-gc
 * format; the closing line sums up the heap's statistics.
 */
#include <genheap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct node {
    struct node *left, *right; /* both slots: no trace function needed */
} node;

static gh_type_id node_type;

static node *new_node(gh_heap *h)
{
    node *n = gh_alloc(h, node_type, sizeof(node));
    if (!n) {
        fprintf(stderr, "binary_trees: %s\n", gh_last_error_message());
        exit(1);
    }
    return n;
}

/* Returns a raw pointer: valid until the caller's next allocation. */
static node *bottom_up_tree(gh_heap *h, int depth)
{
    if (depth <= 0)
        return new_node(h);
    gh_handle_scope scope;
    gh_scope_open(h, &scope);
    gh_handle left = gh_handle_new(h, bottom_up_tree(h, depth - 1));
    gh_handle right = gh_handle_new(h, bottom_up_tree(h, depth - 1));
    node *n = new_node(h); /* may move *left and *right */
    gh_set_ptr(n, &n->left, *left);
    gh_set_ptr(n, &n->right, *right);
    gh_scope_close(&scope);
    return n;
}

static long item_check(const node *n)
{
    return n->left ? 1 + item_check(n->left) + item_check(n->right) : 1;
}

int main(int argc, char **argv)
{
    int max_depth = 16;
    gh_config config;
    gh_config_init(&config);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--trace-gc") == 0)
            config.trace_gc = stdout;
        else
            max_depth = atoi(argv[i]);
    }
    if (max_depth < 6)
        max_depth = 6;
    gh_heap *h = gh_heap_create(&config);
    if (!h) {
        fprintf(stderr, "binary_trees: %s\n", gh_last_error_message());
        return 1;
    }
    node_type = gh_type_register(h, &(gh_type_info){.name = "TreeNode", .size = sizeof(node)});

    int stretch = max_depth + 1;
    printf("stretch tree of depth %d\t check: %ld\n", stretch, item_check(bottom_up_tree(h, stretch)));

    gh_global *long_lived = gh_global_new(h, bottom_up_tree(h, max_depth));
    for (int depth = 4; depth <= max_depth; depth += 2) {
        long iterations = 1L << (max_depth - depth + 4), check = 0;
        for (long i = 0; i < iterations; i++)
            check += item_check(bottom_up_tree(h, depth));
        printf("%ld\t trees of depth %d\t check: %ld\n", iterations, depth, check);
    }
    printf("long lived tree of depth %d\t check: %ld\n", max_depth,
           item_check(gh_global_get(long_lived)));

    gh_heap_stats st;
    gh_heap_stats_get(h, &st);
    fprintf(stderr, "genheap: %llu scavenges (%.1f ms), %llu full GCs (%.1f ms), max pause %.2f ms\n",
            (unsigned long long)st.scavenges, st.scavenge_ms, (unsigned long long)st.full_gcs,
            st.full_gc_ms, st.max_pause_ms);
    gh_global_free(h, long_lived);
    gh_heap_destroy(h);
    return 0;
}
