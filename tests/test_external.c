/* test_external.c -- off-heap buffers: accounting, freeing with their
 * owner, the external-memory-pressure GC, and the seed's lesson 3 (rss
 * grows past the heap limit, the heap does not). */
#include "test_util.h"

static void buffers_are_counted_and_freed_with_their_owner(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 16);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_buffer *b = gh_buffer_new(h, 1000000);
    assert_non_null(b);
    assert_int_equal(gh_type_of(b), gh_buffer_type(h));
    assert_int_equal(b->length, 1000000);
    for (size_t i = 0; i < b->length; i += 4096)
        assert_int_equal(b->data[i], 0);
    memset(b->data, 0x42, b->length);
    gh_handle keep = gh_handle_new(h, b);
    gh_buffer *small = gh_buffer_new(h, 10); /* garbage */
    assert_non_null(small);
    gh_memory_usage u;
    assert_int_equal(gh_memory_usage_get(h, &u), GH_OK);
    assert_int_equal(u.external, 1000010);
    assert_int_equal(u.array_buffers, 1000010);
    assert_int_equal(gh_external_adjust(h, 500), 1000510);
    assert_int_equal(gh_memory_usage_get(h, &u), GH_OK);
    assert_int_equal(u.external, 1000510);
    assert_int_equal(u.array_buffers, 1000010); /* adjustments are not array buffers */
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK); /* the small one dies young */
    assert_int_equal(stats_of(h).external, 1000500);
    gh_buffer *moved = *keep; /* the object moved, its bytes did not */
    assert_true(moved->data[123] == 0x42);
    *keep = NULL;
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(stats_of(h).external, 500);
    assert_int_equal(stats_of(h).array_buffers, 0);
    assert_int_equal(gh_external_adjust(h, -500), 0);
    assert_int_equal(gh_external_adjust(h, -500), 0); /* never negative */
    /* zero-length buffers are fine */
    gh_buffer *empty = gh_buffer_new(h, 0);
    assert_non_null(empty);
    assert_int_equal(empty->length, 0);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

static void bad_buffer_requests(void **state)
{
    (void)state;
    assert_null(gh_buffer_new(NULL, 10));
    assert_int_equal(gh_last_error(), GH_ERR_NULL_HEAP);
    assert_int_equal(gh_buffer_type(NULL), 0);
    assert_int_equal(gh_external_adjust(NULL, 5), 0);
    gh_heap *h = small_heap(256, 16);
    assert_null(gh_buffer_new(h, SIZE_MAX));
    assert_int_equal(gh_last_error(), GH_ERR_TOO_LARGE);
    assert_int_equal(stats_of(h).external, 0);
    /* absurd deltas saturate instead of overflowing the total (UBSan
     * caught the signed overflow): at INT64_MAX / 2, then back to 0 */
    assert_int_equal(gh_external_adjust(h, INT64_MAX), INT64_MAX / 2);
    assert_int_equal(gh_external_adjust(h, INT64_MAX), INT64_MAX / 2);
    assert_int_equal(gh_external_adjust(h, INT64_MIN), 0);
    assert_int_equal(gh_external_adjust(h, 100), 100);
    /* releasing more than was reported leaves the buffers counted: the
     * total fell to 0 with a live buffer's bytes still in array_buffers */
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle keep = gh_handle_new(h, gh_buffer_new(h, 1000));
    assert_non_null(*keep);
    assert_int_equal(gh_external_adjust(h, 0), 1100);
    assert_int_equal(gh_external_adjust(h, INT64_MIN), 1000);
    assert_int_equal(gh_external_adjust(h, -1), 1000);
    assert_int_equal(stats_of(h).external, 1000);
    assert_int_equal(stats_of(h).array_buffers, 1000);
    gh_scope_close(&s);
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(stats_of(h).external, 0);
    assert_int_equal(stats_of(h).array_buffers, 0);
    assert_int_equal(gh_verify(h), GH_OK);
    gh_heap_destroy(h);
}

typedef struct reasons {
    int external_pressure, total;
} reasons;

static void count_reasons(gh_heap *h, gh_gc_phase phase, const gh_gc_info *info, void *data)
{
    (void)h;
    reasons *r = data;
    if (phase != GH_GC_EPILOGUE)
        return;
    r->total++;
    if (strcmp(info->reason, "external memory pressure") == 0)
        r->external_pressure++;
}

static void external_growth_triggers_a_collection(void **state)
{
    (void)state;
    gh_heap *h = small_heap(1024, 16);
    reasons r = {0};
    gh_gc_callback_add(h, count_reasons, &r);
    size_t peak = 0;
    /* 40 untouched 50 MB buffers, all garbage at once: without the pressure
     * GC they would pile up to 2 GB, since the heap itself stays tiny */
    for (int i = 0; i < 40; i++) {
        assert_non_null(gh_buffer_new(h, GH_MiB(50)));
        size_t ext = stats_of(h).external;
        if (ext > peak)
            peak = ext;
    }
    assert_true(r.external_pressure >= 10);
    assert_true(peak <= GH_MiB(64) + GH_MiB(50) + GH_MiB(50));
    gh_heap_destroy(h);
}

static void lesson3_rss_grows_while_the_heap_stays_flat(void **state)
{
    (void)state;
    gh_heap *h = small_heap(1024, 4); /* a 4 MiB old space */
    gh_handle_scope s;
    gh_scope_open(h, &s);
    size_t rss0 = rss_bytes();
    gh_memory_usage first;
    gh_memory_usage_get(h, &first);
    for (int i = 0; i < 6; i++) {
        gh_buffer *b = gh_buffer_new(h, GH_MiB(100));
        assert_non_null(b);
        memset(b->data, 0, b->length); /* touch every page, as lesson 3 does */
        gh_handle_new(h, b);
    }
    gh_memory_usage u;
    gh_memory_usage_get(h, &u);
    size_t rss1 = rss_bytes();
    print_message("rss %.0f -> %.0f MB, heapTotal %.2f -> %.2f MB, external %.0f MB\n",
                  rss0 / 1048576.0, rss1 / 1048576.0, first.heap_total / 1048576.0,
                  u.heap_total / 1048576.0, u.external / 1048576.0);
    assert_true(rss1 >= rss0 + GH_MiB(580));
    assert_true(u.heap_total <= first.heap_total + GH_MiB(1));
    assert_int_equal(u.external, 6 * GH_MiB(100));
    assert_true(u.rss > stats_of(h).limit); /* far past the heap limit, no OOM */
    gh_scope_close(&s);
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(stats_of(h).external, 0);
#if !defined(__SANITIZE_ADDRESS__)
    /* the bytes went back to the OS (AddressSanitizer's allocator keeps
     * freed memory in quarantine, so this holds in plain builds only) */
    assert_true(rss_bytes() + GH_MiB(500) <= rss1);
#endif
    gh_heap_destroy(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(buffers_are_counted_and_freed_with_their_owner),
        cmocka_unit_test(bad_buffer_requests),
        cmocka_unit_test(external_growth_triggers_a_collection),
        cmocka_unit_test(lesson3_rss_grows_while_the_heap_stays_flat),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
