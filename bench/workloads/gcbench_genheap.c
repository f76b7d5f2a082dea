/*
 * GCBench on a genheap heap (see gcbench.h).
 *
 * Populate fills in an existing node, so the node it works on is passed as a
 * handle: every allocation may move it.
 */
#include "bench_gh.h"
#include "gcbench.h"

typedef struct node {
    int32_t i, j;              /* payload words first ...              */
    struct node *left, *right; /* ... slots last: slots_offset = 8     */
} node;

static gh_heap *heap;
static gh_type_id node_type, doubles_type;

static node *new_node(void) { return bench_gh_alloc(heap, node_type, sizeof(node)); }

/* Build a tree top-down below the node held by `this_node`. */
static void populate(int depth, gh_handle this_node)
{
    if (depth <= 0)
        return;
    depth--;
    node *l = new_node();
    node *t = *this_node;
    gh_set_ptr(t, &t->left, l);
    node *r = new_node();
    t = *this_node; /* re-read: the allocation may have moved it */
    gh_set_ptr(t, &t->right, r);

    gh_handle_scope scope;
    gh_scope_open(heap, &scope);
    gh_handle left = bench_gh_handle(heap, t->left);
    gh_handle right = bench_gh_handle(heap, t->right);
    populate(depth, left);
    populate(depth, right);
    gh_scope_close(&scope);
}

/* Build a tree bottom-up; the result is valid until the next allocation. */
static node *make_tree(int depth)
{
    if (depth <= 0)
        return new_node();
    gh_handle_scope scope;
    gh_scope_open(heap, &scope);
    gh_handle left = bench_gh_handle(heap, make_tree(depth - 1));
    gh_handle right = bench_gh_handle(heap, make_tree(depth - 1));
    node *n = new_node();
    gh_set_ptr(n, &n->left, *left);
    gh_set_ptr(n, &n->right, *right);
    gh_scope_close(&scope);
    return n;
}

static void time_construction(const gcbench_params *p, int depth)
{
    long iters = gcbench_num_iters(p, depth);
    printf("Creating %ld trees of depth %d\n", iters, depth);
    for (long i = 0; i < iters; i++) {
        gh_handle_scope scope;
        gh_scope_open(heap, &scope);
        populate(depth, bench_gh_handle(heap, new_node()));
        gh_scope_close(&scope);
    }
    printf("\tTop down construction took N msecs\n");
    for (long i = 0; i < iters; i++)
        make_tree(depth); /* dropped at once */
    printf("\tBottom up construction took N msecs\n");
}

int main(int argc, char **argv)
{
    gcbench_params p = gcbench_parse(argc, argv);
    heap = bench_gh_create("gcbench_genheap");
    node_type = bench_gh_type(heap, &(gh_type_info){
                                        .name = "Node", .size = sizeof(node), .slots_offset = 8});
    doubles_type =
        bench_gh_type(heap, &(gh_type_info){.name = "DoubleArray", .flags = GH_TYPE_LEAF});

    gcbench_print_header(&p);
    make_tree(p.stretch_depth); /* dropped at once */

    printf(" Creating a long-lived binary tree of depth %d\n", p.long_lived_depth);
    gh_handle_scope scope;
    gh_scope_open(heap, &scope);
    gh_handle long_lived = bench_gh_handle(heap, new_node());
    populate(p.long_lived_depth, long_lived);

    printf(" Creating a long-lived array of %d doubles\n", p.array_size);
    double *array = bench_gh_alloc(heap, doubles_type, (size_t)p.array_size * sizeof(double));
    gh_handle array_h = bench_gh_handle(heap, array);
    for (int i = 0; i < (p.array_size + 1) / 2; i++) /* as JS: i < size / 2 */
        array[i] = 1.0 / i;

    for (int d = p.min_depth; d <= p.max_depth; d += 2)
        time_construction(&p, d);

    array = *array_h;
    if (*long_lived == NULL || array[1000] != 1.0 / 1000)
        printf("Failed\n");
    printf("Completed in Nms.\n");
    gh_scope_close(&scope);
    bench_gh_report(heap);
    gh_heap_destroy(heap);
    return 0;
}
