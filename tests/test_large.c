/* test_large.c -- the large object space: placement by size, no moves,
 * unmapping when dead, limits. */
#include "test_util.h"

static void placement_by_size(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 64);
    gh_type_id blob = register_blob(h);
    void *below = gh_alloc(h, blob, GH_LARGE_OBJECT_SIZE - 8);
    assert_non_null(below);
    assert_false(gh_in_large(h, below));
    assert_true(gh_in_young(h, below));
    void *at = gh_alloc(h, blob, GH_LARGE_OBJECT_SIZE);
    assert_non_null(at);
    assert_true(gh_in_large(h, at));
    assert_false(gh_in_young(h, at));
    void *old_large = gh_alloc_old(h, blob, GH_MiB(1));
    assert_true(gh_in_large(h, old_large));
    gh_heap_destroy(h);
}

static void large_objects_do_not_move_and_are_unmapped_when_dead(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 256);
    gh_type_id blob = register_blob(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle keep = gh_handle_new(h, gh_alloc(h, blob, GH_MiB(3)));
    memset(*keep, 0x5A, GH_MiB(3));
    void *address = *keep;
    for (int i = 0; i < 20; i++)
        assert_non_null(gh_alloc(h, blob, GH_MiB(2))); /* garbage */
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    gh_heap_stats st = stats_of(h);
    assert_true(*keep == address);
    assert_int_equal(st.large_used, GH_MiB(3) + 8);
    assert_true(st.large_committed < GH_MiB(3) + 2 * GH_PAGE_SIZE);
    unsigned char *bytes = *keep;
    for (size_t i = 0; i < GH_MiB(3); i += 4096)
        assert_int_equal(bytes[i], 0x5A);
    *keep = NULL;
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    st = stats_of(h);
    assert_int_equal(st.large_used, 0);
    assert_int_equal(st.large_committed, 0);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* The heap keeps its chunks in a hash set by address (for the API calls
 * that must not read memory outside the heap); chunks that come and go in
 * every order must leave each live one findable. */
static void every_live_large_object_stays_known_as_chunks_come_and_go(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 512);
    gh_type_id blob = register_blob(h);
    gh_type_id t = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    const size_t n = 600;
    gh_handle table = gh_handle_new(h, new_old_rec(h, t, 0, n));
    for (int round = 0; round < 4; round++) {
        for (size_t i = 0; i < n; i++) /* replace a changing subset */
            if ((i * 7 + (size_t)round) % 3 == 0 || round == 0) {
                void *b = gh_alloc(h, blob, GH_LARGE_OBJECT_SIZE);
                assert_non_null(b);
                rec *tb = *table;
                gh_set_value(tb, &tb->slots[i], gh_from_ptr(b));
            }
        assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
        assert_int_equal(stats_of(h).large_used, n * (GH_LARGE_OBJECT_SIZE + 8));
        rec *tb = *table;
        for (size_t i = 0; i < n; i++) {
            void *b = gh_to_ptr(tb->slots[i]);
            assert_true(gh_in_large(h, b));
            assert_true(gh_object_id(h, b) != 0);
        }
        assert_true(gh_object_id(h, tb) != 0); /* an old page's object */
    }
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

static void the_limit_applies_to_large_objects(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 4);
    gh_type_id blob = register_blob(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    int got = 0;
    for (int i = 0; i < 8; i++) {
        void *b = gh_alloc(h, blob, GH_MiB(1));
        if (!b) {
            assert_int_equal(gh_last_error(), GH_ERR_OUT_OF_MEMORY);
            break;
        }
        gh_handle_new(h, b);
        got++;
    }
    assert_true(got >= 2 && got < 4); /* 4 MiB hold fewer than four 1 MiB chunks */
    gh_scope_close(&s);
    /* dropped: the heap recovers */
    assert_non_null(gh_alloc(h, blob, GH_MiB(1)));
    assert_int_equal(gh_verify(h), GH_OK);
    gh_heap_destroy(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(placement_by_size),
        cmocka_unit_test(large_objects_do_not_move_and_are_unmapped_when_dead),
        cmocka_unit_test(the_limit_applies_to_large_objects),
        cmocka_unit_test(every_live_large_object_stays_known_as_chunks_come_and_go),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
