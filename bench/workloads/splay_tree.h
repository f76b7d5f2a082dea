/*
 * splay_tree.h -- the splay tree and payloads of the malloc and Boehm
 * variants of splay (see splay.h), written once over three allocation
 * macros that the including file defines:
 *
 *   SPLAY_NEW(size)       a pointer-holding object
 *   SPLAY_NEW_LEAF(size)  a pointer-free object (arrays, strings)
 *   SPLAY_FREE(p)         release (a no-op under a collector)
 */
#ifndef SPLAY_TREE_H
#define SPLAY_TREE_H

#include "splay.h"

typedef struct snode {
    int64_t key;
    void *value;
    struct snode *left, *right;
} snode;

typedef struct pnode {
    void *left, *right;
} pnode;

typedef struct str {
    uint64_t length;
    char chars[];
} str;

typedef struct leaf {
    int64_t *array;
    str *string;
} leaf;

static snode *root;

/* Top-down splay (Sleator and Tarjan); see splay_genheap.c. */
static snode *splay(snode *t, int64_t key)
{
    snode header = {0};
    snode *l = &header, *r = &header;
    for (;;) {
        if (key < t->key) {
            if (!t->left)
                break;
            if (key < t->left->key) {
                snode *y = t->left;
                t->left = y->right;
                y->right = t;
                t = y;
                if (!t->left)
                    break;
            }
            r->left = t;
            r = t;
            t = t->left;
        } else if (key > t->key) {
            if (!t->right)
                break;
            if (key > t->right->key) {
                snode *y = t->right;
                t->right = y->left;
                y->left = t;
                t = y;
                if (!t->right)
                    break;
            }
            l->right = t;
            l = t;
            t = t->right;
        } else {
            break;
        }
    }
    l->right = t->left;
    r->left = t->right;
    t->left = header.right;
    t->right = header.left;
    return t;
}

static snode *find(int64_t key)
{
    if (!root)
        return NULL;
    root = splay(root, key);
    return root->key == key ? root : NULL;
}

static void *payload(int depth, const char *tag, size_t len)
{
    if (depth == 0) {
        int64_t *array = SPLAY_NEW_LEAF(SPLAY_ARRAY_LEN * sizeof(int64_t));
        for (int i = 0; i < SPLAY_ARRAY_LEN; i++)
            array[i] = i;
        str *s = SPLAY_NEW_LEAF(sizeof(str) + len);
        s->length = len;
        memcpy(s->chars, tag, len);
        leaf *lf = SPLAY_NEW(sizeof(leaf));
        lf->array = array;
        lf->string = s;
        return lf;
    }
    void *l = payload(depth - 1, tag, len);
    void *r = payload(depth - 1, tag, len);
    pnode *n = SPLAY_NEW(sizeof(pnode));
    n->left = l;
    n->right = r;
    return n;
}

static void free_payload(void *p, int depth)
{
    if (depth == 0) {
        leaf *lf = p;
        SPLAY_FREE(lf->array);
        SPLAY_FREE(lf->string);
    } else {
        pnode *n = p;
        free_payload(n->left, depth - 1);
        free_payload(n->right, depth - 1);
    }
    SPLAY_FREE(p);
}

static void insert(int64_t key, void *value)
{
    snode *n = SPLAY_NEW(sizeof(snode));
    n->key = key;
    n->value = value;
    n->left = n->right = NULL;
    if (!root) {
        root = n;
        return;
    }
    root = splay(root, key);
    if (root->key == key) /* cannot happen: callers insert new keys only */
        return;
    if (key > root->key) {
        n->left = root;
        n->right = root->right;
        root->right = NULL;
    } else {
        n->right = root;
        n->left = root->left;
        root->left = NULL;
    }
    root = n;
}

/* Unlink the node with key and return it. */
static snode *remove_key(int64_t key)
{
    snode *t = splay(root, key);
    if (t->key != key)
        bench_die("splay", "removing a key that is not in the tree");
    if (!t->left) {
        root = t->right;
    } else {
        root = splay(t->left, key);
        root->right = t->right;
    }
    return t;
}

static snode *find_greatest_less_than(int64_t key)
{
    if (!root)
        return NULL;
    root = splay(root, key);
    if (root->key < key)
        return root;
    if (!root->left)
        return NULL;
    snode *t = root->left;
    while (t->right)
        t = t->right;
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
    insert(key, payload(depth, tag, (size_t)len));
    return key;
}

static int splay_main(int argc, char **argv, const char *prog)
{
    splay_params p = splay_parse(argc, argv);
    uint32_t seed = SPLAY_SEED;
    for (long i = 0; i < p.nodes; i++)
        insert_new_node(&seed, p.payload_depth);

    double t0 = bench_now();
    for (long i = 0; i < p.modifications; i++) {
        int64_t key = insert_new_node(&seed, p.payload_depth);
        snode *greatest = find_greatest_less_than(key);
        snode *gone = remove_key(greatest ? greatest->key : key);
        free_payload(gone->value, p.payload_depth);
        SPLAY_FREE(gone);
    }
    double seconds = bench_now() - t0;

    snode **stack = malloc((size_t)(p.nodes + 2) * sizeof *stack);
    if (!stack)
        bench_die(prog, "out of memory");
    long count = 0, sp = 0;
    int64_t key_sum = 0, payload_sum = 0, last = -1;
    for (snode *t = root; t || sp;) {
        if (t) {
            stack[sp++] = t;
            t = t->left;
            continue;
        }
        t = stack[--sp];
        if (t->key <= last)
            bench_die(prog, "tree out of order");
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
    return 0;
}

#endif
