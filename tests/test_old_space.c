/* test_old_space.c -- mark-sweep of the old generation: unreachable objects
 * go, free lists are reused, finalizers run exactly once, deep structures
 * mark without recursion, and the old generation triggers its own GCs. */
#include "test_util.h"

static void full_gc_keeps_exactly_the_reachable(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 64);
    gh_type_id t = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle keep = gh_handle_new(h, new_old_rec(h, t, 0, 1000));
    size_t reachable = rec_size(1000) + 8;
    for (size_t i = 0; i < 3000; i++) {
        rec *r = i % 2 ? new_old_rec(h, t, 0, i % 17) : new_rec(h, t, i, i % 17);
        assert_non_null(r);
        r->id = i;
        r->nslots = i % 17;
        if (i % 3 == 0) {
            rec *k = *keep;
            gh_set_value(k, &k->slots[i / 3], gh_from_ptr(r));
            reachable += rec_size(i % 17) + 8;
        }
    }
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    gh_heap_stats st = stats_of(h);
    assert_int_equal(st.young_used, 0);
    /* used counts headers and any sub-16-byte gaps (fillers) */
    assert_true(st.used >= reachable);
    assert_true(st.used - reachable <= 8 * 1001);
    for (size_t i = 0; i < 3000; i += 3)
        assert_int_equal(((rec *)gh_to_ptr(((rec *)*keep)->slots[i / 3]))->id, i);
    assert_int_equal(gh_verify(h), GH_OK);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

static void freed_memory_is_reused(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 64);
    gh_type_id t = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    const size_t n = 20000;
    gh_handle table = gh_handle_new(h, new_old_rec(h, t, 0, n));
    for (size_t i = 0; i < n; i++) {
        rec *r = new_old_rec(h, t, 0, 6);
        rec *tb = *table;
        gh_set_value(tb, &tb->slots[i], gh_from_ptr(r));
    }
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    size_t committed = stats_of(h).old_committed;
    for (size_t i = 0; i < n; i += 2)
        ((rec *)*table)->slots[i] = GH_EMPTY;
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    for (size_t i = 0; i < n; i += 2) {
        rec *r = new_old_rec(h, t, 0, 6);
        rec *tb = *table;
        gh_set_value(tb, &tb->slots[i], gh_from_ptr(r));
    }
    /* the new objects filled the holes: no page was added */
    assert_true(stats_of(h).old_committed <= committed);
    assert_int_equal(gh_verify(h), GH_OK);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* Objects of 1 KiB (above GH__ZEROED_SKIP_MIN), every word a slot: the
 * first links a chain, the rest get dirtied with small integers. */
#define BIG_WORDS 128

static size_t nonzero_words(const gh_value *o)
{
    size_t n = 0;
    for (size_t i = 0; i < BIG_WORDS; i++)
        n += o[i] != 0;
    return n;
}

/* Allocate and dirty `count` big objects, alternately onto two chains;
 * returns how many were zero when allocated, and counts those gh_alloc
 * placed in the old generation (pretenured). */
static size_t fill_and_dirty(gh_heap *h, gh_type_id t, gh_handle chains[2], size_t count,
                             size_t *pretenured)
{
    size_t clean = 0;
    for (size_t i = 0; i < count; i++) {
        bool asked_old = i % 3 == 0;
        gh_value *o = asked_old ? gh_alloc_old(h, t, BIG_WORDS * 8) : gh_alloc(h, t, BIG_WORDS * 8);
        assert_non_null(o);
        clean += nonzero_words(o) == 0;
        *pretenured += !asked_old && !gh_in_young(h, o);
        gh_handle chain = chains[i % 2];
        gh_set_value(o, &o[0], gh_from_ptr(*chain));
        for (size_t k = 1; k < BIG_WORDS; k++)
            o[k] = gh_from_int((int64_t)(i + k));
        *chain = o;
    }
    return clean;
}

/* Buffers on pages fresh from the OS skip the zeroing of big payloads;
 * memory a full GC freed -- whole pages back from the pool, holes between
 * survivors -- is dirty and must still be zeroed, on the inline path of a
 * pretenured type and on gh_alloc_old's alike. */
static void big_old_objects_are_zeroed_on_fresh_and_reused_memory(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 64);
    gh_type_id t = gh_type_register(h, &(gh_type_info){.name = "big"});
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle chains[2] = {gh_handle_new(h, NULL), gh_handle_new(h, NULL)};
    size_t pretenured = 0, count = 6000;
    for (int round = 0; round < 4; round++) {
        assert_int_equal(fill_and_dirty(h, t, chains, count, &pretenured), count);
        *chains[round % 2] = NULL; /* whole pages die, or every other object */
        assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    }
    print_message("%zu of %zu gh_alloc calls pretenured\n", pretenured, 4 * count * 2 / 3);
    assert_true(pretenured > count);
    assert_int_equal(gh_verify(h), GH_OK);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

static int finalized[64];

static void count_finalize(void *obj, void *data)
{
    (void)data;
    finalized[((rec *)obj)->id]++;
}

static void finalizers_run_once_for_dead_objects_only(void **state)
{
    (void)state;
    memset(finalized, 0, sizeof finalized);
    gh_heap *h = small_heap(256, 16);
    gh_type_id ft = gh_type_register(
        h, &(gh_type_info){.name = "fin", .size_of = rec_size_of, .slots_offset = 16,
                           .finalize = count_finalize});
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle live[64] = {0};
    for (uint64_t i = 0; i < 64; i++) {
        rec *r = i % 4 == 0 ? gh_alloc_old(h, ft, rec_size(1)) : gh_alloc(h, ft, rec_size(1));
        assert_non_null(r);
        r->id = i;
        r->nslots = 1;
        if (i % 2 == 0)
            live[i] = gh_handle_new(h, r);
    }
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    /* dead young ones (odd, not multiple of 4) are finalized by the scavenge */
    for (int i = 0; i < 64; i++)
        assert_int_equal(finalized[i], (i % 2 == 1) ? 1 : 0);
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    for (int i = 0; i < 64; i++)
        assert_int_equal(finalized[i], (i % 2 == 1) ? 1 : 0);
    for (int i = 0; i < 64; i += 4)
        *live[i] = NULL;
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    for (int i = 0; i < 64; i++)
        assert_int_equal(finalized[i], (i % 2 == 1 || i % 4 == 0) ? 1 : 0);
    assert_int_equal(gh_verify(h), GH_OK);
    gh_scope_close(&s);
    gh_heap_destroy(h); /* the rest now */
    for (int i = 0; i < 64; i++)
        assert_int_equal(finalized[i], 1);
}

static void million_long_list_marks_without_recursion(void **state)
{
    (void)state;
    gh_heap *h = small_heap(1024, 256);
    gh_type_id t = register_pair(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle list = gh_handle_new(h, NULL);
    for (int i = 0; i < 1000000; i++) {
        pair *p = new_pair(h, t);
        gh_set_ptr(p, &p->tail, *list);
        *list = p;
    }
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    int count = 0;
    for (pair *p = *list; p; p = p->tail)
        count++;
    assert_int_equal(count, 1000000);
    assert_int_equal(stats_of(h).used, 1000000 * (sizeof(pair) + 8));
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

static void old_generation_growth_triggers_full_gcs(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 64);
    gh_type_id t = register_rec(h);
    for (int i = 0; i < 200000; i++) /* 200k x 520 B = 100 MB of old garbage */
        assert_non_null(new_old_rec(h, t, 0, 63));
    gh_heap_stats st = stats_of(h);
    assert_true(st.full_gcs >= 2);
    assert_true(st.old_committed <= GH_MiB(64));
    assert_int_equal(gh_verify(h), GH_OK);
    gh_heap_destroy(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(full_gc_keeps_exactly_the_reachable),
        cmocka_unit_test(freed_memory_is_reused),
        cmocka_unit_test(big_old_objects_are_zeroed_on_fresh_and_reused_memory),
        cmocka_unit_test(finalizers_run_once_for_dead_objects_only),
        cmocka_unit_test(million_long_list_marks_without_recursion),
        cmocka_unit_test(old_generation_growth_triggers_full_gcs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
