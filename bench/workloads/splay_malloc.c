/*
 * splay with malloc/free (see splay.h, splay_tree.h): a removed node and its
 * whole payload tree are freed at once.  Linked against glibc, mimalloc and
 * jemalloc.
 */
#include "bench_common.h"

static void *xmalloc(size_t size)
{
    void *p = malloc(size);
    if (!p)
        bench_die("splay_malloc", "out of memory");
    return p;
}

#define SPLAY_NEW(size) xmalloc(size)
#define SPLAY_NEW_LEAF(size) xmalloc(size)
#define SPLAY_FREE(p) free(p)
#include "splay_tree.h"

int main(int argc, char **argv)
{
    int rc = splay_main(argc, argv, "splay_malloc");
    /* The tree that is left is not freed: the process ends here. */
    return rc;
}
