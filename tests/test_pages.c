/* test_pages.c -- pages go back to the OS: rss, read from /proc/self/statm,
 * falls when the heap shrinks. */
#include "test_util.h"

#define MB (1024.0 * 1024.0)

static void rss_falls_after_old_pages_die(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 512);
    gh_type_id t = register_rec(h);
    gh_type_id blob = gh_type_register(h, &(gh_type_info){.name = "blob", .flags = GH_TYPE_LEAF});
    gh_handle_scope s;
    gh_scope_open(h, &s);
    const size_t n = 16384; /* 16384 x 4 KiB = 64 MiB */
    gh_handle table = gh_handle_new(h, new_old_rec(h, t, 0, n));
    size_t rss0 = rss_bytes();
    for (size_t i = 0; i < n; i++) {
        void *b = gh_alloc_old(h, blob, 4096 - 8);
        memset(b, 1, 4096 - 8); /* touch every page */
        rec *tb = *table;
        gh_set_value(tb, &tb->slots[i], gh_from_ptr(b));
    }
    size_t rss1 = rss_bytes();
    print_message("rss: %.1f MB -> %.1f MB with 64 MiB of old objects\n", rss0 / MB, rss1 / MB);
    assert_true(rss1 >= rss0 + GH_MiB(60));
    *table = NULL;
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    size_t rss2 = rss_bytes();
    print_message("rss: %.1f MB after they died\n", rss2 / MB);
    assert_true(rss2 + GH_MiB(52) <= rss1); /* the heap may keep a 4 MiB page pool */
    assert_int_equal(stats_of(h).old_committed, 0);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

static void rss_falls_after_large_objects_die(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 512);
    gh_type_id blob = gh_type_register(h, &(gh_type_info){.name = "blob", .flags = GH_TYPE_LEAF});
    gh_handle_scope s;
    gh_scope_open(h, &s);
    size_t rss0 = rss_bytes();
    gh_handle big = gh_handle_new(h, gh_alloc(h, blob, GH_MiB(100)));
    memset(*big, 7, GH_MiB(100));
    size_t rss1 = rss_bytes();
    assert_true(rss1 >= rss0 + GH_MiB(95));
    *big = NULL;
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_true(rss_bytes() + GH_MiB(95) <= rss1);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rss_falls_after_old_pages_die),
        cmocka_unit_test(rss_falls_after_large_objects_die),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
