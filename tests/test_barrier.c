/* test_barrier.c -- the write barrier and the remembered set: old->young
 * pointers keep their targets alive through scavenges and are updated, in
 * old pages, promoted objects and large objects; the verifier notices a
 * missing barrier. */
#include "test_util.h"

static void old_to_young_pointer_is_remembered(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 16);
    gh_type_id t = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle old = gh_handle_new(h, new_old_rec(h, t, 0, 4));
    assert_non_null(*old);
    assert_false(gh_in_young(h, *old));
    rec *young = new_rec(h, t, 77, 0); /* held only by the old object */
    rec *o = *old;
    gh_set_value(o, &o->slots[3], gh_from_ptr(young));
    assert_int_equal(gh_verify(h), GH_OK);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
        o = *old;
        rec *y = gh_to_ptr(o->slots[3]);
        assert_true(gh_is_ptr(o->slots[3])); /* the tag survived the update */
        assert_int_equal(y->id, 77);
        assert_int_equal(gh_verify(h), GH_OK);
    }
    assert_false(gh_in_young(h, gh_to_ptr(((rec *)*old)->slots[3]))); /* promoted by now */
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

static void missing_barrier_is_caught_by_the_verifier(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 16);
    gh_type_id t = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle old = gh_handle_new(h, new_old_rec(h, t, 0, 1));
    gh_handle young = gh_handle_new(h, new_rec(h, t, 5, 0));
    ((rec *)*old)->slots[0] = gh_from_ptr(*young); /* no barrier */
    assert_int_equal(gh_verify(h), GH_ERR_HEAP_CORRUPT);
    assert_non_null(strstr(gh_last_error_message(), "remembered set"));
    gh_write_barrier(*old, &((rec *)*old)->slots[0]);
    assert_int_equal(gh_verify(h), GH_OK);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

static void promoted_object_remembers_its_young_children(void **state)
{
    (void)state;
    gh_heap *h = small_heap(1024, 16);
    gh_type_id t = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle parent = gh_handle_new(h, new_rec(h, t, 1, 1));
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK); /* parent survives once */
    rec *child = new_rec(h, t, 2, 0);                      /* born after: above the age mark */
    rec *p = *parent;
    gh_set_value(p, &p->slots[0], gh_from_ptr(child));
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK); /* parent promoted, child copied */
    p = *parent;
    assert_false(gh_in_young(h, p));
    assert_true(gh_in_young(h, gh_to_ptr(p->slots[0])));
    assert_int_equal(gh_verify(h), GH_OK); /* the old->young slot is remembered */
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK); /* child kept alive by it */
    p = *parent;
    assert_int_equal(((rec *)gh_to_ptr(p->slots[0]))->id, 2);
    assert_int_equal(gh_verify(h), GH_OK);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

static void large_object_slots_far_into_the_chunk(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 64);
    gh_type_id t = register_rec(h);
    const size_t n = 100000; /* 800 KB: slots well past the first page */
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle big = gh_handle_new(h, new_rec(h, t, 9, n));
    assert_true(gh_in_large(h, *big));
    for (size_t i = n - 5; i < n; i++) {
        rec *y = new_rec(h, t, i, 0);
        rec *b = *big;
        gh_set_value(b, &b->slots[i], gh_from_ptr(y));
    }
    void *address = *big;
    for (int round = 0; round < 3; round++) {
        assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
        assert_int_equal(gh_verify(h), GH_OK);
    }
    assert_true(*big == address); /* large objects never move */
    for (size_t i = n - 5; i < n; i++)
        assert_int_equal(((rec *)gh_to_ptr(((rec *)*big)->slots[i]))->id, i);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

static void bulk_barrier_records_a_copied_range(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 16);
    gh_type_id t = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle dst = gh_handle_new(h, new_old_rec(h, t, 0, 64));
    gh_handle src = gh_handle_new(h, new_rec(h, t, 0, 64));
    for (size_t i = 0; i < 64; i++) {
        rec *y = new_rec(h, t, 1000 + i, 0);
        rec *sr = *src;
        gh_set_value(sr, &sr->slots[i], gh_from_ptr(y));
    }
    rec *d = *dst, *sr = *src;
    memcpy(d->slots, sr->slots, 64 * sizeof(gh_value));
    gh_write_barrier_range(d, d->slots, 64);
    *src = NULL; /* only the old copy holds them now */
    assert_int_equal(gh_verify(h), GH_OK);
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    for (size_t i = 0; i < 64; i++)
        assert_int_equal(((rec *)gh_to_ptr(((rec *)*dst)->slots[i]))->id, 1000 + i);
    gh_write_barrier_range(NULL, NULL, 3); /* ignored */
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/*
 * gh_move_slots against a model: a host of n slots holding young records,
 * old records and integers is shuffled by overlapping moves up and down,
 * at every offset within the set's words, with fresh young records stored
 * between them.  The verifier fails a moved old->young slot left
 * unrecorded, and the scavenges after it would leave such a slot pointing
 * into from-space (the ids would not match).
 */
static uint64_t next_random(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

/* want[i] > 0: a record with that id; <= 0: the integer -want[i] */
static void store_model_value(gh_heap *h, gh_type_id t, gh_handle host, int64_t *want, size_t i,
                              int64_t v, bool young)
{
    gh_value val = gh_from_int(-v);
    if (v > 0)
        val = gh_from_ptr(young ? new_rec(h, t, (uint64_t)v, 0) : new_old_rec(h, t, (uint64_t)v, 0));
    rec *r = *host;
    gh_set_value(r, &r->slots[i], val);
    want[i] = v;
}

static void host_matches_model(gh_handle host, const int64_t *want, size_t n)
{
    rec *r = *host;
    for (size_t i = 0; i < n; i++) {
        if (want[i] > 0)
            assert_int_equal(((rec *)gh_to_ptr(r->slots[i]))->id, want[i]);
        else
            assert_int_equal(gh_to_int(r->slots[i]), -want[i]);
    }
}

static void shuffle_with_moves(size_t n)
{
    gh_heap *h = small_heap(256, 64);
    gh_type_id t = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle host = gh_handle_new(h, new_old_rec(h, t, 0, n));
    int64_t *want = calloc(n, sizeof *want);
    assert_non_null(want);
    int64_t id = 1;
    for (size_t i = 0; i < n; i++)
        store_model_value(h, t, host, want, i, i % 3 == 1 ? -(int64_t)i : id++, i % 3 == 0);
    uint64_t x = 88172645463325252ull;
    for (int round = 1; round <= 400; round++) {
        size_t count = 1 + next_random(&x) % (n / 2);
        size_t src = next_random(&x) % (n - count + 1), dst = next_random(&x) % (n - count + 1);
        rec *r = *host;
        gh_move_slots(r, &r->slots[dst], &r->slots[src], count);
        memmove(&want[dst], &want[src], count * sizeof *want);
        for (int k = 0; k < 3; k++) /* new young referents, so some stay young */
            store_model_value(h, t, host, want, next_random(&x) % n, id++, true);
        if (round % 25 == 0) {
            assert_int_equal(gh_verify(h), GH_OK);
            assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
            host_matches_model(host, want, n);
        }
    }
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    host_matches_model(host, want, n);
    assert_int_equal(gh_verify(h), GH_OK);
    free(want);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

static void moved_slots_keep_their_records(void **state)
{
    (void)state;
    shuffle_with_moves(300);   /* on an old page */
    shuffle_with_moves(20000); /* a large object: records past its first page */
}

/* While marking, a large array is read a chunk at a time: values moved
 * from the part not yet read into the part already read must still be
 * marked.  Here the tail of a marked array is moved over its head and then
 * cleared, so the moved records are reachable only through slots the
 * marker has passed. */
static void slots_moved_during_marking_stay_alive(void **state)
{
    (void)state;
    gh_heap *h = small_heap(512, 256);
    gh_type_id t = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    const size_t n = 1u << 17, moved = 4096;
    gh_handle arr = gh_handle_new(h, new_old_rec(h, t, 0, n));
    for (size_t i = 0; i < n; i++) {
        rec *r = new_old_rec(h, t, i + 1, 0), *a = *arr;
        gh_set_value(a, &a->slots[i], gh_from_ptr(r));
    }
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(gh_incremental_marking_start(h), GH_OK);
    for (int i = 0; i < 3; i++) /* the first chunks read, the tail not */
        assert_int_equal(gh_idle_notification(h, 1e-9), GH_OK);
    assert_true(gh_incremental_marking_active(h));
    rec *a = *arr;
    gh_move_slots(a, &a->slots[0], &a->slots[n - moved], moved);
    for (size_t i = n - moved; i < n; i++)
        a->slots[i] = gh_from_int(0);
    for (int i = 0; i < 100000 && gh_incremental_marking_active(h); i++)
        assert_int_equal(gh_idle_notification(h, 1e-9), GH_OK);
    assert_false(gh_incremental_marking_active(h));
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK); /* finishes sweeping the pages */
    assert_int_equal(gh_verify(h), GH_OK);
    a = *arr;
    for (size_t i = 0; i < moved; i++)
        assert_int_equal(((rec *)gh_to_ptr(a->slots[i]))->id, n - moved + i + 1);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* A move whose source or destination is not inside the host: misuse,
 * nothing moved. */
static void move_past_its_host_child(void)
{
    gh_heap *h = small_heap(256, 16);
    gh_type_id t = register_rec(h);
    rec *d = new_old_rec(h, t, 0, 4);
    d->slots[0] = gh_from_int(7);
    gh_clear_error();
    gh_move_slots(d, &d->slots[0], &d->slots[2], 3);
    if (gh_last_error() != GH_ERR_MISUSE || gh_to_int(d->slots[0]) != 7)
        _exit(3);
    gh_move_slots(d, (char *)d->slots + 4, &d->slots[0], 1);
    if (gh_last_error() != GH_ERR_MISUSE || gh_verify(h) != GH_OK)
        _exit(4);
    fprintf(stderr, "%s\n", gh_last_error_message());
    gh_heap_destroy(h);
    _exit(0);
}

static void slot_moves_refuse_a_range_past_their_host(void **state)
{
    (void)state;
    expect_misuse_reported(move_past_its_host_child, "gh_move_slots: ");
}

/* A range past the end of its host: reported (an error in release builds,
 * an abort with the message in debug ones), never walked.  It once
 * recorded slots of the next pages, or faulted past the heap. */
static void range_past_its_host_child(void)
{
    gh_heap *h = small_heap(256, 16);
    gh_type_id t = register_rec(h);
    rec *d = new_old_rec(h, t, 0, 4);
    gh_clear_error();
    gh_write_barrier_range(d, d->slots, 1u << 20);
    if (gh_last_error() != GH_ERR_MISUSE)
        _exit(3);
    gh_write_barrier_range(d, (char *)d - 64, 1);
    if (gh_last_error() != GH_ERR_MISUSE || gh_verify(h) != GH_OK)
        _exit(4);
    fprintf(stderr, "%s\n", gh_last_error_message());
    gh_heap_destroy(h);
    _exit(0);
}

static void bulk_barrier_refuses_a_range_past_its_host(void **state)
{
    (void)state;
    expect_misuse_reported(range_past_its_host_child, "are not inside host");
}

/* A range that does not start on a slot boundary: reported like a range
 * past the host.  It was read unaligned (undefined behaviour) and the word
 * it straddles recorded as a slot. */
static void misaligned_range_child(void)
{
    gh_heap *h = small_heap(256, 16);
    gh_type_id t = register_rec(h);
    rec *d = new_old_rec(h, t, 0, 4);
    gh_clear_error();
    gh_write_barrier_range(d, (char *)d->slots + 4, 1);
    if (gh_last_error() != GH_ERR_MISUSE || gh_verify(h) != GH_OK)
        _exit(3);
    fprintf(stderr, "%s\n", gh_last_error_message());
    gh_heap_destroy(h);
    _exit(0);
}

static void bulk_barrier_refuses_a_misaligned_range(void **state)
{
    (void)state;
    expect_misuse_reported(misaligned_range_child, "not 8-byte aligned");
}

/* A store of another heap's young object into an old host: reported, and
 * not recorded (this heap's scavenges would visit the slot) nor greyed
 * (marked in the other heap's bitmap).  It passed unnoticed before. */
static void store_of_another_heaps_object_child(void)
{
    gh_heap *a = small_heap(256, 16), *b = small_heap(256, 16);
    gh_type_id ta = register_rec(a), tb = register_rec(b);
    gh_handle_scope s;
    gh_scope_open(b, &s);
    gh_handle theirs = gh_handle_new(b, new_rec(b, tb, 42, 0));
    rec *host = new_old_rec(a, ta, 1, 2);
    gh_clear_error();
    gh_set_value(host, &host->slots[0], gh_from_ptr(*theirs));
    if (gh_last_error() != GH_ERR_MISUSE)
        _exit(3);
    fprintf(stderr, "%s\n", gh_last_error_message());
    gh_clear_error();
    gh_write_barrier_range(host, host->slots, 2);
    if (gh_last_error() != GH_ERR_MISUSE)
        _exit(4);
    host->slots[0] = 0; /* the embedder mends its mistake */
    if (gh_collect(a, GH_GC_MINOR) != GH_OK || gh_verify(a) != GH_OK ||
        gh_collect(b, GH_GC_MINOR) != GH_OK || gh_verify(b) != GH_OK ||
        ((rec *)*theirs)->id != 42)
        _exit(5);
    gh_scope_close(&s);
    gh_heap_destroy(a);
    gh_heap_destroy(b);
    _exit(0);
}

static void barrier_reports_a_store_of_another_heaps_object(void **state)
{
    (void)state;
    expect_misuse_reported(store_of_another_heaps_object_child, "an object of another heap");
}

/* The heap lists the old pages and large chunks that have remembered
 * slots, so that a scavenge visits those only; gh_verify checks that the
 * list holds exactly them.  Sets appear as old hosts get young referents,
 * and go as the referents are promoted; with GENHEAP_GC_THREADS=3
 * (barrier_threads3) the scavenges that keep them are parallel. */
static void remembered_pages_come_and_go_with_their_slots(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 64);
    gh_type_id t = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    enum { HOSTS = 24 };
    gh_handle hosts[HOSTS];
    for (size_t i = 0; i < HOSTS; i++) /* about two per page; the last ones large */
        hosts[i] = gh_handle_new(h, new_old_rec(h, t, i, i < HOSTS - 4 ? 12000 : 20000));
    assert_true(gh_in_large(h, *hosts[HOSTS - 1]));
    for (int round = 0; round < 3; round++) {
        /* young referents in every other host: slot sets on those pages */
        for (size_t i = round % 2; i < HOSTS; i += 2) {
            rec *y = new_rec(h, t, 1000 + i, 120);
            rec *o = *hosts[i];
            gh_set_value(o, &o->slots[i], gh_from_ptr(y));
        }
        assert_int_equal(gh_verify(h), GH_OK);
        assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK); /* still young: kept */
        assert_int_equal(gh_verify(h), GH_OK);
        assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK); /* promoted: sets emptied */
        assert_int_equal(gh_verify(h), GH_OK);
        for (size_t i = round % 2; i < HOSTS; i += 2) {
            rec *o = *hosts[i];
            rec *y = gh_to_ptr(o->slots[i]);
            assert_false(gh_in_young(h, y));
            assert_int_equal(y->id, 1000 + i);
            o->slots[i] = GH_EMPTY;
        }
    }
    /* a host that dies takes its page's set with it */
    rec *y = new_rec(h, t, 7, 0);
    rec *o = *hosts[1];
    gh_set_value(o, &o->slots[0], gh_from_ptr(y));
    *hosts[1] = NULL;
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(gh_verify(h), GH_OK);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

static void full_gc_leaves_no_remembered_slots(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 16);
    gh_type_id t = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle holder = gh_handle_new(h, new_old_rec(h, t, 0, 100));
    for (size_t i = 0; i < 100; i++) {
        rec *y = new_rec(h, t, i, 0);
        rec *o = *holder;
        gh_set_value(o, &o->slots[i], gh_from_ptr(y));
    }
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    rec *o = *holder;
    for (size_t i = 0; i < 100; i++) {
        assert_false(gh_in_young(h, gh_to_ptr(o->slots[i])));
        assert_int_equal(((rec *)gh_to_ptr(o->slots[i]))->id, i);
    }
    assert_int_equal(stats_of(h).young_used, 0);
    assert_int_equal(gh_verify(h), GH_OK);
    /* drop half, collect, and the survivors stay right through scavenges */
    for (size_t i = 0; i < 100; i += 2)
        o->slots[i] = GH_EMPTY;
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    assert_int_equal(gh_verify(h), GH_OK);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(old_to_young_pointer_is_remembered),
        cmocka_unit_test(missing_barrier_is_caught_by_the_verifier),
        cmocka_unit_test(promoted_object_remembers_its_young_children),
        cmocka_unit_test(large_object_slots_far_into_the_chunk),
        cmocka_unit_test(bulk_barrier_records_a_copied_range),
        cmocka_unit_test(bulk_barrier_refuses_a_range_past_its_host),
        cmocka_unit_test(bulk_barrier_refuses_a_misaligned_range),
        cmocka_unit_test(moved_slots_keep_their_records),
        cmocka_unit_test(slots_moved_during_marking_stay_alive),
        cmocka_unit_test(slot_moves_refuse_a_range_past_their_host),
        cmocka_unit_test(barrier_reports_a_store_of_another_heaps_object),
        cmocka_unit_test(full_gc_leaves_no_remembered_slots),
        cmocka_unit_test(remembered_pages_come_and_go_with_their_slots),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
