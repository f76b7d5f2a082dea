/*
 * lesson1.c -- the seed's first script, in C on genheap:
 *
 *     var i = 0, len = 1000000, ary = [];
 *     for (; i < len; i++) { ary.push(new Array(100)) }
 *
 * Run it as the seed runs node:  lesson1 --trace-gc  (also
 * --max-old-space-size=MB, --max-semi-space-size=MB, --trace-gc-nvp,
 * --trace-gc-verbose).  Every array survives, so the young generation
 * fills with survivors: watch the scavenges promote them, the old
 * generation grow, and -- under a small --max-old-space-size -- Node's
 * out-of-memory report.
 */
#include "node_like.h"

int main(int argc, char **argv)
{
    gh_heap *h = node_heap(argc, argv);
    register_array_types(h);
    gh_handle_scope scope;
    gh_scope_open(h, &scope);
    gh_handle ary = gh_handle_new(h, new_array(h, 0));
    for (int i = 0; i < 1000000; i++) {
        gh_handle_scope inner;
        gh_scope_open(h, &inner);
        gh_handle element = gh_handle_new(h, new_array(h, 100));
        array_push(h, ary, element);
        gh_scope_close(&inner);
    }
    gh_scope_close(&scope);
    gh_heap_destroy(h);
    return 0;
}
