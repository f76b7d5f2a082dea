/*
 * splay on a genheap heap (see splay.h).
 *
 * The tree root lives in a handle.  Splaying allocates nothing, so it works
 * on raw pointers; every pointer store into a heap node goes through the
 * write barrier (rotations constantly store young nodes into old ones).
 */
#include "bench_gh.h"
#include "splay.h"

typedef struct snode {
    int64_t key;                /* not a slot ...                          */
    void *value;                /* ... value, left, right are: offset 8    */
    struct snode *left, *right;
} snode;

typedef struct pnode {
    void *left, *right;
} pnode;

typedef struct leaf {
    int64_t *array;
    struct str *string;
} leaf;

typedef struct str {
    uint64_t length; /* the characters follow */
    char chars[];
} str;

static gh_heap *heap;
static gh_type_id snode_type, pnode_type, leaf_type, array_type, str_type;
static gh_handle root; /* the tree */

/* Store into a node that may be the splay's stack-allocated header, which
 * is not a heap object and needs no barrier. */
static inline void store(snode *host, snode **slot, snode *value, const snode *header)
{
    *slot = value;
    if (host != header)
        gh_write_barrier(host, slot);
}

/* Top-down splay (Sleator and Tarjan): returns the new root, the node with
 * key or the last one on its search path.  Allocates nothing. */
static snode *splay(snode *t, int64_t key)
{
    snode header = {0};
    snode *l = &header, *r = &header;
    for (;;) {
        if (key < t->key) {
            if (!t->left)
                break;
            if (key < t->left->key) { /* rotate right */
                snode *y = t->left;
                store(t, &t->left, y->right, &header);
                store(y, &y->right, t, &header);
                t = y;
                if (!t->left)
                    break;
            }
            store(r, &r->left, t, &header); /* link right */
            r = t;
            t = t->left;
        } else if (key > t->key) {
            if (!t->right)
                break;
            if (key > t->right->key) { /* rotate left */
                snode *y = t->right;
                store(t, &t->right, y->left, &header);
                store(y, &y->left, t, &header);
                t = y;
                if (!t->right)
                    break;
            }
            store(l, &l->right, t, &header); /* link left */
            l = t;
            t = t->right;
        } else {
            break;
        }
    }
    store(l, &l->right, t->left, &header);
    store(r, &r->left, t->right, &header);
    store(t, &t->left, header.right, &header);
    store(t, &t->right, header.left, &header);
    return t;
}

static snode *find(int64_t key)
{
    snode *t = *root;
    if (!t)
        return NULL;
    t = splay(t, key);
    *root = t;
    return t->key == key ? t : NULL;
}

/* A payload tree; the raw result is valid until the next allocation. */
static void *payload(int depth, const char *tag, size_t len)
{
    gh_handle_scope scope;
    gh_scope_open(heap, &scope);
    void *result;
    if (depth == 0) {
        int64_t *array = bench_gh_alloc(heap, array_type, SPLAY_ARRAY_LEN * sizeof(int64_t));
        for (int i = 0; i < SPLAY_ARRAY_LEN; i++)
            array[i] = i;
        gh_handle ha = bench_gh_handle(heap, array);
        str *s = bench_gh_alloc(heap, str_type, sizeof(str) + len);
        s->length = len;
        memcpy(s->chars, tag, len);
        gh_handle hs = bench_gh_handle(heap, s);
        leaf *lf = bench_gh_alloc(heap, leaf_type, sizeof(leaf));
        gh_set_ptr(lf, &lf->array, *ha);
        gh_set_ptr(lf, &lf->string, *hs);
        result = lf;
    } else {
        gh_handle hl = bench_gh_handle(heap, payload(depth - 1, tag, len));
        gh_handle hr = bench_gh_handle(heap, payload(depth - 1, tag, len));
        pnode *n = bench_gh_alloc(heap, pnode_type, sizeof(pnode));
        gh_set_ptr(n, &n->left, *hl);
        gh_set_ptr(n, &n->right, *hr);
        result = n;
    }
    gh_scope_close(&scope);
    return result;
}

static void insert(int64_t key, gh_handle value)
{
    snode *n = bench_gh_alloc(heap, snode_type, sizeof(snode)); /* may move the tree */
    n->key = key;
    gh_set_ptr(n, &n->value, *value);
    snode *t = *root;
    if (!t) {
        *root = n;
        return;
    }
    t = splay(t, key);
    if (t->key == key) { /* cannot happen: callers insert new keys only */
        *root = t;
        return;
    }
    if (key > t->key) {
        gh_set_ptr(n, &n->left, t);
        gh_set_ptr(n, &n->right, t->right);
        gh_set_ptr(t, &t->right, NULL);
    } else {
        gh_set_ptr(n, &n->right, t);
        gh_set_ptr(n, &n->left, t->left);
        gh_set_ptr(t, &t->left, NULL);
    }
    *root = n;
}

static void remove_key(int64_t key)
{
    snode *t = splay(*root, key);
    if (t->key != key)
        bench_die("splay_genheap", "removing a key that is not in the tree");
    if (!t->left) {
        t = t->right;
    } else {
        snode *right = t->right;
        t = splay(t->left, key); /* brings the greatest key below to the top */
        gh_set_ptr(t, &t->right, right);
    }
    *root = t;
}

static snode *find_greatest_less_than(int64_t key)
{
    snode *t = *root;
    if (!t)
        return NULL;
    t = splay(t, key);
    *root = t;
    if (t->key < key)
        return t;
    if (!t->left)
        return NULL;
    for (t = t->left; t->right; t = t->right)
        ;
    return t;
}

static int64_t insert_new_node(uint32_t *seed, int depth)
{
    int64_t key;
    do
        key = splay_next_key(seed);
    while (find(key));
    char tag[64];
    int len = splay_tag(tag, sizeof tag, key);
    gh_handle_scope scope;
    gh_scope_open(heap, &scope);
    gh_handle value = bench_gh_handle(heap, payload(depth, tag, (size_t)len));
    insert(key, value);
    gh_scope_close(&scope);
    return key;
}

int main(int argc, char **argv)
{
    splay_params p = splay_parse(argc, argv);
    heap = bench_gh_create("splay_genheap");
    snode_type = bench_gh_type(heap, &(gh_type_info){.name = "SplayNode", .size = sizeof(snode),
                                                     .slots_offset = 8});
    pnode_type = bench_gh_type(heap, &(gh_type_info){.name = "PayloadNode", .size = sizeof(pnode)});
    leaf_type = bench_gh_type(heap, &(gh_type_info){.name = "PayloadLeaf", .size = sizeof(leaf)});
    array_type = bench_gh_type(heap, &(gh_type_info){.name = "NumberArray", .flags = GH_TYPE_LEAF,
                                                     .size = SPLAY_ARRAY_LEN * sizeof(int64_t)});
    str_type = bench_gh_type(heap, &(gh_type_info){.name = "String", .flags = GH_TYPE_LEAF});

    gh_handle_scope scope;
    gh_scope_open(heap, &scope);
    root = bench_gh_handle(heap, NULL);
    uint32_t seed = SPLAY_SEED;
    for (long i = 0; i < p.nodes; i++)
        insert_new_node(&seed, p.payload_depth);

    double t0 = bench_now();
    for (long i = 0; i < p.modifications; i++) {
        int64_t key = insert_new_node(&seed, p.payload_depth);
        snode *greatest = find_greatest_less_than(key);
        remove_key(greatest ? greatest->key : key);
    }
    double seconds = bench_now() - t0;

    /* In-order walk with an explicit stack; allocates nothing on the heap. */
    snode **stack = malloc((size_t)(p.nodes + 2) * sizeof *stack);
    if (!stack)
        bench_die("splay_genheap", "out of memory");
    long count = 0, sp = 0;
    int64_t key_sum = 0, payload_sum = 0, last = -1;
    for (snode *t = *root; t || sp;) {
        if (t) {
            stack[sp++] = t;
            t = t->left;
            continue;
        }
        t = stack[--sp];
        if (t->key <= last)
            bench_die("splay_genheap", "tree out of order");
        last = t->key;
        count++;
        key_sum += t->key;
        void *v = t->value;
        for (int d = 0; d < p.payload_depth; d++)
            v = ((pnode *)v)->left;
        payload_sum += (int64_t)((leaf *)v)->string->length + ((leaf *)v)->array[9];
        t = t->right;
    }
    free(stack);
    splay_report(count, key_sum, payload_sum, p.modifications, seconds);
    gh_scope_close(&scope);
    bench_gh_report(heap);
    gh_heap_destroy(heap);
    return 0;
}
