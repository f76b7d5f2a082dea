/* test_alloc.c -- allocation, types and configuration, including every
 * kind of bad input. */
#include "test_util.h"

static void allocation_is_zeroed_and_aligned(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 16);
    gh_type_id t = register_rec(h);
    for (size_t n = 0; n < 200; n++) {
        rec *r = gh_alloc(h, t, rec_size(n));
        assert_non_null(r);
        assert_int_equal((uintptr_t)r % 8, 0);
        assert_int_equal(gh_type_of(r), t);
        assert_int_equal(gh_size_of(r), rec_size(n));
        for (size_t i = 0; i < n; i++)
            assert_true(r->slots[i] == GH_EMPTY);
        memset(r, 0xAB, rec_size(n)); /* dirty it; the next one must be clean */
        r->nslots = 0;
    }
    /* odd sizes round up to words */
    gh_type_id blob = register_blob(h);
    unsigned char *b = gh_alloc(h, blob, 13);
    assert_non_null(b);
    assert_int_equal(gh_size_of(b), 16);
    assert_string_equal(gh_type_name(h, blob), "blob");
    gh_heap_destroy(h);
}

/* The seven sizes just below GH_LARGE_OBJECT_SIZE round up to it; the
 * inline path once zeroed them with a length masked to 0, leaving whatever
 * the young generation held there -- garbage the scavenger then followed.
 * (They come right after the dirtying: earlier allocations would move the
 * allocation area on to memory never written.) */
static void objects_just_below_the_large_size_are_zeroed(void **state)
{
    (void)state;
    gh_heap *h = gh_heap_create(NULL);
    gh_type_id leaf = gh_type_register(h, &(gh_type_info){.name = "bytes", .flags = GH_TYPE_LEAF});
    gh_type_id slots = gh_type_register(h, &(gh_type_info){.name = "slots"});
    for (int round = 0; round < 3; round++) { /* leave the young generation dirty */
        for (int i = 0; i < 6; i++) {
            unsigned char *d = gh_alloc(h, leaf, GH_LARGE_OBJECT_SIZE - 64);
            assert_non_null(d);
            memset(d, 0x41, GH_LARGE_OBJECT_SIZE - 64);
        }
        assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    }
    gh_handle_scope s;
    gh_scope_open(h, &s);
    for (size_t size = GH_LARGE_OBJECT_SIZE - 7; size < GH_LARGE_OBJECT_SIZE; size++) {
        unsigned char *o = gh_alloc(h, slots, size);
        assert_non_null(o);
        assert_false(gh_in_large(h, o));
        size_t dirty = 0;
        for (size_t k = 0; k < gh_size_of(o); k++)
            dirty += o[k] != 0;
        assert_int_equal(dirty, 0);
        gh_handle_new(h, o);
    }
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    assert_int_equal(gh_verify(h), GH_OK);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

static void bad_requests_fail_cleanly(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 4);
    gh_type_id t = register_pair(h);

    gh_clear_error();
    assert_null(gh_alloc(NULL, t, 16));
    assert_int_equal(gh_last_error(), GH_ERR_NULL_HEAP);

    assert_null(gh_alloc(h, t, 0));
    assert_int_equal(gh_last_error(), GH_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(gh_last_error_message(), "0 bytes"));

    assert_null(gh_alloc(h, 999, 16));
    assert_int_equal(gh_last_error(), GH_ERR_BAD_TYPE);
    assert_null(gh_alloc(h, 0, 16)); /* the collector's own free-space type */
    assert_int_equal(gh_last_error(), GH_ERR_BAD_TYPE);
    assert_null(gh_alloc(h, 0x8000 + 50, 16)); /* slow-range id never registered */
    assert_int_equal(gh_last_error(), GH_ERR_BAD_TYPE);

    assert_null(gh_alloc(h, t, SIZE_MAX));
    assert_int_equal(gh_last_error(), GH_ERR_TOO_LARGE);
    assert_null(gh_alloc(h, t, (size_t)-8));
    assert_int_equal(gh_last_error(), GH_ERR_TOO_LARGE);
    assert_null(gh_alloc(h, t, GH_MiB(5))); /* larger than the 4 MiB old space */
    assert_int_equal(gh_last_error(), GH_ERR_TOO_LARGE);
    assert_null(gh_alloc_old(h, t, 0));
    assert_int_equal(gh_last_error(), GH_ERR_INVALID_ARGUMENT);
    /* a fixed-size type at another size (a trace function would read past
     * a smaller one); the slow path checks, gh_new takes the right size */
    gh_type_id fixed = gh_type_register(h, &(gh_type_info){.name = "fixed16", .size = 16});
    assert_null(gh_alloc_old(h, fixed, 8));
    assert_int_equal(gh_last_error(), GH_ERR_INVALID_ARGUMENT);
    assert_null(gh_alloc_old(h, fixed, 4096));
    assert_int_equal(gh_last_error(), GH_ERR_INVALID_ARGUMENT);
    assert_non_null(gh_alloc_old(h, fixed, 13)); /* 13 rounds to 16: the same size */
    assert_non_null(gh_new(h, fixed));
    assert_null(gh_new(h, 0x8000 + 50));
    assert_int_equal(gh_last_error(), GH_ERR_BAD_TYPE);

    /* nothing was lost: the heap still works and verifies */
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle keep = gh_handle_new(h, new_pair(h, t));
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_non_null(*keep);
    assert_int_equal(gh_verify(h), GH_OK);
    gh_scope_close(&s);

    assert_int_equal(gh_collect(NULL, GH_GC_FULL), GH_ERR_NULL_HEAP);
    assert_int_equal(gh_collect(h, (gh_gc_kind)7), GH_ERR_INVALID_ARGUMENT);
    assert_int_equal(gh_verify(NULL), GH_ERR_NULL_HEAP);
    gh_heap_stats st;
    assert_int_equal(gh_heap_stats_get(NULL, &st), GH_ERR_NULL_HEAP);
    assert_int_equal(gh_heap_stats_get(h, NULL), GH_ERR_INVALID_ARGUMENT);
    assert_null(gh_handle_new(NULL, NULL));
    assert_null(gh_global_new(NULL, NULL));
    gh_global_free(NULL, NULL);
    gh_global_free(h, NULL);
    gh_heap_destroy(NULL);
    gh_heap_destroy(h);
}

static void new_uses_the_registered_size(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 4);
    gh_type_id t = register_pair(h);
    pair *p = gh_new(h, t);
    assert_non_null(p);
    assert_int_equal(gh_size_of(p), sizeof(pair));
    gh_type_id var = register_rec(h);
    assert_null(gh_new(h, var));
    assert_int_equal(gh_last_error(), GH_ERR_INVALID_ARGUMENT);
    assert_null(gh_new(NULL, t));
    gh_heap_destroy(h);
}

static void bad_type_registrations(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 4);
    assert_int_equal(gh_type_register(NULL, &(gh_type_info){.name = "x"}), 0);
    assert_int_equal(gh_last_error(), GH_ERR_NULL_HEAP);
    assert_int_equal(gh_type_register(h, NULL), 0);
    assert_int_equal(gh_last_error(), GH_ERR_INVALID_ARGUMENT);
    assert_int_equal(gh_type_register(h, &(gh_type_info){.name = "x", .slots_offset = 4}), 0);
    assert_int_equal(gh_last_error(), GH_ERR_INVALID_ARGUMENT);
    assert_int_equal(gh_type_register(h, &(gh_type_info){.name = "x", .flags = 0x80}), 0);
    assert_int_equal(gh_last_error(), GH_ERR_INVALID_ARGUMENT);
    assert_null(gh_type_name(h, 12345));
    assert_null(gh_type_name(NULL, 1));
    gh_heap_destroy(h);
}

static void absurd_configs_are_rejected(void **state)
{
    (void)state;
    gh_config c;
    struct {
        size_t init, max, old;
        const char *needle;
    } cases[] = {
        {0, GH_MiB(1), GH_MiB(64), "positive"},
        {GH_MiB(1), 0, GH_MiB(64), "positive"},
        {GH_MiB(8), GH_MiB(1), GH_MiB(64), "larger than max_semi_space"},
        {GH_MiB(1), GH_MiB(4096), GH_MiB(64), "1 GiB"},
        {GH_MiB(1), GH_MiB(1), 0, "below one page"},
        {GH_MiB(1), GH_MiB(1), (size_t)-1, "address space"},
        {GH_MiB(1), GH_MiB(1), (size_t)(long)-64, "address space"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        gh_config_init(&c);
        c.initial_semi_space = cases[i].init;
        c.max_semi_space = cases[i].max;
        c.max_old_space = cases[i].old;
        assert_null(gh_heap_create(&c));
        assert_int_equal(gh_last_error(), GH_ERR_INVALID_ARGUMENT);
        assert_non_null(strstr(gh_last_error_message(), cases[i].needle));
    }
    gh_config_init(&c);
    c.on_oom = (gh_oom_policy)9;
    assert_null(gh_heap_create(&c));
    gh_config_init(&c);
    c.stress = 1u << 20;
    assert_null(gh_heap_create(&c));
    gh_config_init(&c);
    c.trace_flags = 1u << 7; /* no such flag: refused, not ignored */
    assert_null(gh_heap_create(&c));
    assert_int_equal(gh_last_error(), GH_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(gh_last_error_message(), "trace flags"));
    gh_config_init(&c);
    c.stress = GH_STRESS_FULL_INTERVAL;
    c.stress_interval = 0;
    assert_null(gh_heap_create(&c));
    /* defaults work, with and without a config */
    gh_heap *h = gh_heap_create(NULL);
    assert_non_null(h);
    gh_heap_stats st = stats_of(h);
    assert_int_equal(st.limit, GH_MiB(4096) + 3 * GH_MiB(16));
    gh_heap_destroy(h);
    gh_config_init(NULL);
}

static void stress_environment_is_parsed(void **state)
{
    (void)state;
    setenv("GENHEAP_STRESS", "scavenge,bogus", 1);
    assert_null(gh_heap_create(NULL));
    assert_int_equal(gh_last_error(), GH_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(gh_last_error_message(), "bogus"));
    setenv("GENHEAP_STRESS", "full=0", 1);
    assert_null(gh_heap_create(NULL));
    setenv("GENHEAP_STRESS", "full=3,verify", 1);
    gh_heap *h = gh_heap_create(NULL);
    assert_non_null(h);
    gh_type_id t = register_pair(h);
    for (int i = 0; i < 9; i++)
        new_pair(h, t);
    assert_int_equal(stats_of(h).full_gcs, 3);
    gh_heap_destroy(h);
    unsetenv("GENHEAP_STRESS");
}

static gh_heap *finalizer_heap;
static int finalizer_calls;
static gh_error finalizer_alloc_error, finalizer_alloc_only;

static void allocating_finalizer(void *obj, void *data)
{
    (void)obj;
    finalizer_calls++;
    gh_type_id t = (gh_type_id)(uintptr_t)data;
    finalizer_alloc_only = gh_alloc(finalizer_heap, t, 16) ? GH_OK : gh_last_error();
    finalizer_alloc_error = finalizer_alloc_only ? finalizer_alloc_only
                                                 : gh_collect(finalizer_heap, GH_GC_MINOR);
}

static void finalizers_cannot_allocate(void **state)
{
    (void)state;
    gh_heap *h = finalizer_heap = small_heap(256, 4);
    gh_type_id plain = register_pair(h);
    gh_type_id fin = gh_type_register(
        h, &(gh_type_info){.name = "fin", .size = 16, .finalize = allocating_finalizer,
                           .finalize_data = (void *)(uintptr_t)plain});
    assert_true(fin >= 0x8000); /* finalizable ids take the slow path */
    finalizer_calls = 0;
    assert_non_null(gh_alloc(h, fin, 16));
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    assert_int_equal(finalizer_calls, 1);
    assert_int_equal(finalizer_alloc_error, GH_ERR_IN_GC);
    assert_int_equal(gh_verify(h), GH_OK);
    /* nor when gh_heap_destroy runs the finalizers of what is left (the
     * inline allocation area was still open then) */
    assert_non_null(gh_alloc(h, fin, 16));
    finalizer_calls = 0;
    finalizer_alloc_error = GH_OK;
    gh_heap_destroy(h);
    assert_int_equal(finalizer_calls, 1);
    assert_int_equal(finalizer_alloc_only, GH_ERR_IN_GC);
}

/* gh_heap_destroy from inside a callback the heap runs: the heap's own
 * frames below the callback still use it, so it is refused and nothing is
 * freed.  (It freed the heap under them: a use after free on return.) */
static gh_error destroy_error;
static int destroy_attempts;

static void try_destroy(gh_heap *h)
{
    gh_clear_error();
    gh_heap_destroy(h);
    destroy_error = gh_last_error();
    destroy_attempts++;
}

static void destroying_gc_callback(gh_heap *h, gh_gc_phase phase, const gh_gc_info *info, void *data)
{
    (void)phase;
    (void)info;
    (void)data;
    try_destroy(h);
}
static void destroying_finalizer(void *obj, void *data)
{
    (void)obj;
    try_destroy(data);
}
static void destroying_root_visitor(gh_tracer *t, void *data)
{
    (void)t;
    try_destroy(data);
}
static void destroying_weak_callback(gh_heap *h, gh_global *g, void *data)
{
    (void)g;
    (void)data;
    try_destroy(h);
}
static size_t destroying_near_limit(void *data, size_t current, size_t initial)
{
    (void)initial;
    try_destroy(data);
    return current;
}
static bool destroying_walk(void *obj, void *data)
{
    (void)obj;
    try_destroy(data);
    return false;
}
static void destroying_root_edge(void *data, gh_root_kind kind, void *target)
{
    (void)kind;
    (void)target;
    try_destroy(data);
}

static void expect_destroy_refused(gh_error err)
{
    assert_true(destroy_attempts > 0);
    assert_int_equal(destroy_error, err);
    destroy_attempts = 0;
    destroy_error = GH_OK;
}

static void destroy_from_a_callback_is_refused(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 4);
    gh_type_id t = register_pair(h);
    assert_int_equal(gh_gc_callback_add(h, destroying_gc_callback, NULL), GH_OK);
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    expect_destroy_refused(GH_ERR_IN_GC);
    assert_int_equal(gh_gc_callback_remove(h, destroying_gc_callback, NULL), GH_OK);

    gh_type_id fin = gh_type_register(
        h, &(gh_type_info){.name = "fin", .size = 16, .finalize = destroying_finalizer,
                           .finalize_data = h});
    assert_non_null(gh_alloc(h, fin, 16));
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    expect_destroy_refused(GH_ERR_IN_GC);

    assert_int_equal(gh_root_visitor_add(h, destroying_root_visitor, h), GH_OK);
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    expect_destroy_refused(GH_ERR_IN_GC);
    assert_int_equal(gh_root_visitor_remove(h, destroying_root_visitor, h), GH_OK);

    gh_global *weak = gh_global_new(h, new_pair(h, t));
    assert_int_equal(gh_global_set_weak(weak, destroying_weak_callback, NULL), GH_OK);
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    expect_destroy_refused(GH_ERR_MISUSE);
    gh_global_free(h, weak);

    gh_global *kept = gh_global_new(h, new_pair(h, t));
    assert_int_equal(gh_heap_iterate(h, destroying_walk, h), GH_OK);
    expect_destroy_refused(GH_ERR_IN_GC);
    gh_root_edges(h, destroying_root_edge, h);
    expect_destroy_refused(GH_ERR_IN_GC);

    assert_int_equal(gh_set_near_heap_limit_callback(h, destroying_near_limit, h), GH_OK);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle chain = gh_handle_new(h, NULL);
    for (pair *p; (p = gh_alloc(h, t, sizeof *p)) != NULL; *chain = p)
        gh_set_ptr(p, &p->tail, *chain);
    assert_int_equal(gh_last_error(), GH_ERR_OUT_OF_MEMORY);
    expect_destroy_refused(GH_ERR_MISUSE);
    gh_scope_close(&s);

    /* the heap is whole and still works */
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(gh_verify(h), GH_OK);
    assert_int_equal(gh_type_of(gh_global_get(kept)), t);
    assert_non_null(new_pair(h, t));
    gh_heap_destroy(h);
}

static void error_names(void **state)
{
    (void)state;
    assert_string_equal(gh_error_name(GH_OK), "GH_OK");
    assert_string_equal(gh_error_name(GH_ERR_OUT_OF_MEMORY), "GH_ERR_OUT_OF_MEMORY");
    assert_string_equal(gh_error_name(GH_ERR_HEAP_CORRUPT), "GH_ERR_HEAP_CORRUPT");
    assert_string_equal(gh_error_name((gh_error)77), "GH_ERR_UNKNOWN");
    gh_clear_error();
    assert_int_equal(gh_last_error(), GH_OK);
    assert_string_equal(gh_last_error_message(), "no error");
}

static void heaps_are_independent(void **state)
{
    (void)state;
    gh_heap *a = small_heap(256, 8), *b = small_heap(512, 8);
    gh_type_id ta = register_pair(a), tb = register_rec(b);
    gh_global *ga = gh_global_new(a, new_pair(a, ta));
    gh_global *gb = gh_global_new(b, new_rec(b, tb, 7, 3));
    for (int i = 0; i < 50000; i++) {
        new_pair(a, ta);
        new_rec(b, tb, (uint64_t)i, 2);
    }
    assert_true(stats_of(a).scavenges > 0);
    assert_true(stats_of(b).scavenges > 0);
    assert_int_equal(((rec *)gh_global_get(gb))->id, 7);
    assert_int_equal(gh_type_of(gh_global_get(ga)), ta);
    assert_int_equal(gh_verify(a), GH_OK);
    assert_int_equal(gh_verify(b), GH_OK);
    gh_global_free(a, ga);
    gh_global_free(b, gb);
    gh_heap_destroy(a);
    gh_heap_destroy(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(allocation_is_zeroed_and_aligned),
        cmocka_unit_test(objects_just_below_the_large_size_are_zeroed),
        cmocka_unit_test(bad_requests_fail_cleanly),
        cmocka_unit_test(new_uses_the_registered_size),
        cmocka_unit_test(bad_type_registrations),
        cmocka_unit_test(absurd_configs_are_rejected),
        cmocka_unit_test(stress_environment_is_parsed),
        cmocka_unit_test(finalizers_cannot_allocate),
        cmocka_unit_test(destroy_from_a_callback_is_refused),
        cmocka_unit_test(error_names),
        cmocka_unit_test(heaps_are_independent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
