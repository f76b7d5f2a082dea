/*
 * GCBench on the Boehm GC (see gcbench.h): nodes from GC_MALLOC, the double
 * array from GC_MALLOC_ATOMIC (it holds no pointers).
 */
#include "bench_boehm.h"
#include "gcbench.h"

typedef struct node {
    struct node *left, *right;
    int32_t i, j;
} node;

static node *new_node(node *l, node *r)
{
    node *n = bench_boehm_check(GC_MALLOC(sizeof *n)); /* zeroed */
    n->left = l;
    n->right = r;
    return n;
}

static void populate(int depth, node *this_node)
{
    if (depth <= 0)
        return;
    depth--;
    this_node->left = new_node(NULL, NULL);
    this_node->right = new_node(NULL, NULL);
    populate(depth, this_node->left);
    populate(depth, this_node->right);
}

static node *make_tree(int depth)
{
    if (depth <= 0)
        return new_node(NULL, NULL);
    node *l = make_tree(depth - 1);
    return new_node(l, make_tree(depth - 1));
}

static void time_construction(const gcbench_params *p, int depth)
{
    long iters = gcbench_num_iters(p, depth);
    printf("Creating %ld trees of depth %d\n", iters, depth);
    for (long i = 0; i < iters; i++) {
        node *t = new_node(NULL, NULL);
        populate(depth, t);
    }
    printf("\tTop down construction took N msecs\n");
    for (long i = 0; i < iters; i++)
        make_tree(depth);
    printf("\tBottom up construction took N msecs\n");
}

int main(int argc, char **argv)
{
    bench_boehm_init();
    gcbench_params p = gcbench_parse(argc, argv);
    gcbench_print_header(&p);
    make_tree(p.stretch_depth);

    printf(" Creating a long-lived binary tree of depth %d\n", p.long_lived_depth);
    node *long_lived = new_node(NULL, NULL);
    populate(p.long_lived_depth, long_lived);

    printf(" Creating a long-lived array of %d doubles\n", p.array_size);
    double *array =
        bench_boehm_check(GC_MALLOC_ATOMIC((size_t)p.array_size * sizeof(double)));
    for (int i = 0; i < (p.array_size + 1) / 2; i++) /* as JS: i < size / 2 */
        array[i] = 1.0 / i;

    for (int d = p.min_depth; d <= p.max_depth; d += 2)
        time_construction(&p, d);

    if (long_lived == NULL || array[1000] != 1.0 / 1000)
        printf("Failed\n");
    printf("Completed in Nms.\n");
    bench_boehm_report();
    return 0;
}
