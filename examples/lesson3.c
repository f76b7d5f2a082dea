/*
 * lesson3.c -- the seed's Buffer loop, in C on genheap: fifteen buffers of
 * 200 MB, each filled with 0 byte by byte, all kept, with show() before
 * each.  The bytes live outside the heap (gh_buffer), so rss climbs by
 * about 200 MB a step while heapTotal stays flat, and there is no
 * out-of-memory even under a small --max-old-space-size.
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
        size_t size = 200 * 1024 * 1024;
        gh_handle buf = gh_handle_new(h, must(gh_buffer_new(h, size)));
        unsigned char *bytes = ((gh_buffer *)*buf)->data;
        for (size_t i = 0; i < size; i++)
            ((volatile unsigned char *)bytes)[i] = 0; /* touch every page, as the JS loop does */
        array_push(h, total, buf);
        gh_scope_close(&inner);
    }
    show(h);
    gh_scope_close(&scope);
    gh_heap_destroy(h);
    return 0;
}
