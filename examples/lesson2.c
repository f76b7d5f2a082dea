/*
 * lesson2.c -- the seed's memoryUsage loop, in C on genheap: fifteen
 * arrays of 15 * 1024 * 1024 elements, each filled with 0, all kept, with
 * show() before each.  Under --max-old-space-size=256 the heap limit is
 * reached and the process dies with Node's report (exit status 134).
 */
#include "node_like.h"

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    gh_heap *h = node_heap(argc, argv);
    register_array_types(h);
    gh_handle_scope scope;
    gh_scope_open(h, &scope);
    gh_handle total = gh_handle_new(h, new_array(h, 0));
    for (int j = 0; j < 15; j++) {
        show(h);
        gh_handle_scope inner;
        gh_scope_open(h, &inner);
        size_t size = 15 * 1024 * 1024;
        gh_handle arr = gh_handle_new(h, new_array(h, size));
        fixed_array *f = ((js_array *)*arr)->elements;
        for (size_t i = 0; i < size; i++)
            f->items[i] = gh_from_int(0); /* integers: no barrier needed */
        array_push(h, total, arr);
        gh_scope_close(&inner);
    }
    gh_scope_close(&scope);
    gh_heap_destroy(h);
    return 0;
}
