/* test_weak.c -- weak global handles and weak tables (ephemerons): they do
 * not keep objects alive, follow objects that move, and get cleared --
 * with their callbacks run once, after the collection -- when the objects
 * die, in scavenges, full GCs, incremental markings and compactions. */
#include "test_util.h"

static gh_heap *weak_heap(unsigned stress, unsigned threads)
{
    gh_config c;
    gh_config_init(&c);
    c.initial_semi_space = c.max_semi_space = GH_KiB(512);
    c.max_old_space = GH_MiB(64);
    c.stress = stress;
    c.gc_threads = threads;
    gh_heap *h = gh_heap_create(&c);
    assert_non_null(h);
    return h;
}

typedef struct callback_log {
    int calls;
    gh_global *last;
    void *data;
    gh_heap *heap;
    bool allocated;
} callback_log;

static gh_type_id rec_type;

static void on_dead(gh_heap *h, gh_global *g, void *data)
{
    callback_log *log = data;
    log->calls++;
    log->last = g;
    /* called after the collection: allocating is allowed */
    rec *r = gh_alloc(h, rec_type, rec_size(1));
    if (r)
        r->nslots = 1;
    log->allocated = r != NULL;
}

static void weak_globals_with(unsigned stress, unsigned threads)
{
    gh_heap *h = weak_heap(stress, threads);
    gh_type_id t = rec_type = register_rec(h);
    callback_log log = {0};
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle strong = gh_handle_new(h, new_rec(h, t, 1, 0));
    gh_global *follows = gh_global_new(h, *strong);
    gh_global *dies = gh_global_new(h, new_rec(h, t, 2, 0));
    assert_int_equal(gh_global_set_weak(follows, on_dead, &log), GH_OK);
    assert_int_equal(gh_global_set_weak(dies, on_dead, &log), GH_OK);
    assert_true(gh_global_is_weak(dies));
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    assert_null(gh_global_get(dies)); /* only the weak handle held it */
    assert_int_equal(log.calls, 1);
    assert_true(log.last == dies);
    assert_true(log.allocated);
    assert_true(gh_global_get(follows) == *strong); /* it moved, the handle followed */
    for (int round = 0; round < 3; round++) {
        assert_int_equal(gh_collect(h, round == 1 ? GH_GC_FULL : GH_GC_MINOR), GH_OK);
        assert_true(gh_global_get(follows) == *strong);
        assert_int_equal(((rec *)gh_global_get(follows))->id, 1);
    }
    assert_int_equal(gh_verify(h), GH_OK);
    *strong = NULL; /* now old and unreachable: a full GC clears it */
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    assert_non_null(gh_global_get(follows)); /* scavenges do not look at old objects */
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_null(gh_global_get(follows));
    assert_int_equal(log.calls, 2);
    /* strong again: survives */
    gh_global *kept = gh_global_new(h, new_rec(h, t, 3, 0));
    gh_global_set_weak(kept, on_dead, &log);
    assert_int_equal(gh_global_clear_weak(kept), GH_OK);
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(((rec *)gh_global_get(kept))->id, 3);
    assert_int_equal(log.calls, 2);
    gh_global_free(h, kept);
    gh_global_free(h, follows);
    gh_global_free(h, dies);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

static void weak_globals(void **state)
{
    (void)state;
    weak_globals_with(0, 0);
}

static void weak_globals_under_stress(void **state)
{
    (void)state;
    weak_globals_with(GH_STRESS_COMPACT | GH_STRESS_VERIFY | GH_STRESS_ZAP, 0);
    weak_globals_with(GH_STRESS_INCREMENTAL | GH_STRESS_VERIFY, 0);
    weak_globals_with(GH_STRESS_VERIFY, 2);
}

static void weak_global_misuse(void **state)
{
    (void)state;
    gh_heap *h = weak_heap(0, 0);
    gh_global *empty = gh_global_new(h, NULL);
    assert_int_equal(gh_global_set_weak(empty, NULL, NULL), GH_ERR_INVALID_ARGUMENT);
    assert_int_equal(gh_global_set_weak(NULL, NULL, NULL), GH_ERR_INVALID_ARGUMENT);
    assert_int_equal(gh_global_clear_weak(NULL), GH_ERR_INVALID_ARGUMENT);
    assert_false(gh_global_is_weak(NULL));
    gh_global_free(h, empty);
    /* a global freed through another heap is refused, and the weak global
     * of the right heap stays counted: it still follows its object */
    gh_heap *other = weak_heap(0, 0);
    gh_type_id t = register_rec(h), ot = register_rec(other);
    gh_global *keep = gh_global_new(h, new_rec(h, t, 5, 0));
    gh_global *weak = gh_global_new(h, gh_global_get(keep));
    assert_int_equal(gh_global_set_weak(weak, NULL, NULL), GH_OK);
    gh_global *foreign = gh_global_new(other, new_rec(other, ot, 6, 0));
    assert_int_equal(gh_global_set_weak(foreign, NULL, NULL), GH_OK);
    gh_clear_error();
    gh_global_free(h, foreign);
    assert_int_equal(gh_last_error(), GH_ERR_INVALID_ARGUMENT);
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    assert_ptr_equal(gh_global_get(weak), gh_global_get(keep));
    assert_int_equal(gh_verify(h), GH_OK);
    gh_global_free(other, foreign);
    gh_heap_destroy(other);
    gh_heap_destroy(h);
}

/* A weak callback that frees another dead weak global, whose callback is
 * queued too, and makes a new global that reuses its node: the queued
 * callback must not run for the new one. */
static gh_global *stale_first, *stale_second, *stale_fresh;
static int stale_calls[2];

static void stale_cb_first(gh_heap *h, gh_global *g, void *data)
{
    stale_calls[0]++;
    gh_global_free(h, g);
    gh_global_free(h, stale_second);
    stale_fresh = gh_global_new(h, new_rec(h, (gh_type_id)(uintptr_t)data, 1, 0));
}

static void stale_cb_second(gh_heap *h, gh_global *g, void *data)
{
    (void)h;
    (void)g;
    (void)data;
    stale_calls[1]++;
}

static void freed_weak_globals_lose_their_callbacks(void **state)
{
    (void)state;
    gh_heap *h = weak_heap(0, 0);
    gh_type_id t = register_rec(h);
    stale_first = gh_global_new(h, new_rec(h, t, 1, 0));
    stale_second = gh_global_new(h, new_rec(h, t, 2, 0));
    assert_int_equal(gh_global_set_weak(stale_first, stale_cb_first, (void *)(uintptr_t)t), GH_OK);
    assert_int_equal(gh_global_set_weak(stale_second, stale_cb_second, NULL), GH_OK);
    stale_calls[0] = stale_calls[1] = 0;
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK); /* both die; the first runs first */
    /* the first global's node comes first in the walk, so its callback runs
     * first; the free cancelled the second's, which once ran for the fresh,
     * strong global that reused the node */
    assert_int_equal(stale_calls[0], 1);
    assert_int_equal(stale_calls[1], 0);
    assert_non_null(stale_fresh);
    assert_false(gh_global_is_weak(stale_fresh));
    assert_int_equal(((rec *)gh_global_get(stale_fresh))->id, 1);
    gh_global_free(h, stale_fresh);
    gh_heap_destroy(h);
}

/* The same, but the new global is made weak, with a callback of its own:
 * the queued entry for the old node once ran that callback while the new
 * global's object was alive (kept by another global), and so cleared it
 * before the object died. */
static gh_global *requeue_keep;
static int requeue_fresh_calls;
static void *requeue_fresh_obj_at_call;

static void requeue_cb_fresh(gh_heap *h, gh_global *g, void *data)
{
    (void)h;
    (void)data;
    requeue_fresh_calls++;
    requeue_fresh_obj_at_call = gh_global_get(g);
}

/* Two weak globals whose objects die at a scavenge, made and collected:
 * the first's callback (data: the type) meddles with the second, whose own
 * callback is queued behind it and must not run -- nor the new one the
 * meddling arms, while its object lives. */
static void two_dying_weak_globals(gh_heap *h, gh_type_id t, gh_weak_callback first_cb)
{
    requeue_keep = gh_global_new(h, NULL);
    stale_first = gh_global_new(h, new_rec(h, t, 1, 0));
    stale_second = gh_global_new(h, new_rec(h, t, 2, 0));
    assert_int_equal(gh_global_set_weak(stale_first, first_cb, (void *)(uintptr_t)t), GH_OK);
    assert_int_equal(gh_global_set_weak(stale_second, stale_cb_second, NULL), GH_OK);
    stale_calls[0] = stale_calls[1] = requeue_fresh_calls = 0;
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    assert_int_equal(stale_calls[0], 1);
    assert_int_equal(stale_calls[1], 0);
    assert_int_equal(requeue_fresh_calls, 0);
}

static void requeue_cb_first(gh_heap *h, gh_global *g, void *data)
{
    stale_calls[0]++;
    gh_global_free(h, g);
    gh_global_free(h, stale_second);
    rec *r = new_rec(h, (gh_type_id)(uintptr_t)data, 3, 0);
    gh_global_set(requeue_keep, r);
    stale_fresh = gh_global_new(h, r);
    assert_int_equal(gh_global_set_weak(stale_fresh, requeue_cb_fresh, NULL), GH_OK);
}

static void a_reused_node_made_weak_keeps_its_own_callback(void **state)
{
    (void)state;
    gh_heap *h = weak_heap(0, 0);
    gh_type_id t = register_rec(h);
    two_dying_weak_globals(h, t, requeue_cb_first);
    assert_true(gh_global_is_weak(stale_fresh));
    assert_int_equal(((rec *)gh_global_get(stale_fresh))->id, 3);
    gh_global_set(requeue_keep, NULL);
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(requeue_fresh_calls, 1); /* now it died */
    assert_null(requeue_fresh_obj_at_call);
    assert_null(gh_global_get(stale_fresh));
    gh_global_free(h, stale_fresh);
    gh_global_free(h, requeue_keep);
    gh_heap_destroy(h);
}

/* Re-arming, in a callback, another dead weak global whose callback is
 * still queued: the queued entry stood for the new object's callback. */
static void rearm_cb_first(gh_heap *h, gh_global *g, void *data)
{
    (void)g;
    stale_calls[0]++;
    rec *r = new_rec(h, (gh_type_id)(uintptr_t)data, 4, 0);
    gh_global_set(requeue_keep, r);
    gh_global_set(stale_second, r);
    assert_int_equal(gh_global_set_weak(stale_second, requeue_cb_fresh, NULL), GH_OK);
}

static void a_dead_weak_global_rearmed_in_a_callback(void **state)
{
    (void)state;
    gh_heap *h = weak_heap(0, 0);
    gh_type_id t = register_rec(h);
    two_dying_weak_globals(h, t, rearm_cb_first);
    assert_int_equal(((rec *)gh_global_get(stale_second))->id, 4);
    gh_global_set(requeue_keep, NULL);
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(requeue_fresh_calls, 1);
    assert_null(gh_global_get(stale_second));
    gh_global_free(h, stale_first);
    gh_global_free(h, stale_second);
    gh_global_free(h, requeue_keep);
    gh_heap_destroy(h);
}

/* ---- weak tables ------------------------------------------------------- */

typedef struct table {
    uint64_t pairs;
    gh_value slots[]; /* key, value, key, value ... */
} table;

static size_t table_size_of(const void *obj) { return 8 + ((const table *)obj)->pairs * 16; }

static int finalized_values;
static void count_value(void *obj, void *data)
{
    (void)obj;
    (void)data;
    finalized_values++;
}

static void weak_tables_with(unsigned stress, unsigned threads)
{
    gh_heap *h = weak_heap(stress, threads);
    gh_type_id t = register_rec(h);
    gh_type_id tab = gh_type_register(h, &(gh_type_info){.name = "WeakMap", .size_of = table_size_of,
                                                         .slots_offset = 8,
                                                         .flags = GH_TYPE_EPHEMERON});
    gh_type_id val = gh_type_register(h, &(gh_type_info){.name = "value", .size_of = rec_size_of,
                                                         .slots_offset = 16,
                                                         .finalize = count_value});
    assert_true(tab != 0 && val != 0);
    finalized_values = 0;
    gh_handle_scope s;
    gh_scope_open(h, &s);
    const size_t n = 8;
    gh_handle a = gh_handle_new(h, gh_alloc(h, tab, 8 + n * 16));
    ((table *)*a)->pairs = n; /* before the next allocation: the verifier checks it */
    gh_handle b = gh_handle_new(h, gh_alloc(h, tab, 8 + n * 16));
    ((table *)*b)->pairs = n;
    gh_handle keys = gh_handle_new(h, new_rec(h, t, 0, n)); /* keeps the even keys */
    for (size_t i = 0; i < n; i++) {
        gh_handle_scope pair_scope; /* the key's handle must not outlive the loop */
        gh_scope_open(h, &pair_scope);
        rec *key = new_rec(h, t, 100 + i, 0);
        gh_handle kh = gh_handle_new(h, key);
        rec *value = gh_alloc(h, val, rec_size(1));
        value->id = 200 + i;
        value->nslots = 1;
        table *ta = *a;
        gh_set_value(ta, &ta->slots[2 * i], gh_from_ptr(*kh));
        gh_set_value(ta, &ta->slots[2 * i + 1], gh_from_ptr(value));
        if (i % 2 == 0) {
            rec *k = *keys;
            gh_set_value(k, &k->slots[i], gh_from_ptr(*kh));
        }
        /* table b: pair 0's key is table a's value 1 (a chain); the rest
         * hold their own value as key, which keeps nothing alive */
        if (i == 0) {
            table *tb = *b;
            gh_set_value(tb, &tb->slots[0], gh_from_ptr(value)); /* key: value of a[0] */
            rec *chained = new_rec(h, t, 300, 0);
            tb = *b;
            gh_set_value(tb, &tb->slots[1], gh_from_ptr(chained));
        }
        gh_scope_close(&pair_scope);
    }
    for (int round = 0; round < 2; round++)
        assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    if (stats_of(h).full_gcs == 0) /* scavenges keep every pair */
        assert_int_equal(finalized_values, 0);
    assert_true(finalized_values <= (int)n / 2);
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    table *ta = *a, *tb = *b;
    for (size_t i = 0; i < n; i++) {
        if (i % 2 == 0) { /* live key: the pair stays, the value lives */
            assert_int_equal(((rec *)gh_to_ptr(ta->slots[2 * i]))->id, 100 + i);
            assert_int_equal(((rec *)gh_to_ptr(ta->slots[2 * i + 1]))->id, 200 + i);
        } else { /* dead key: the pair is emptied */
            assert_true(ta->slots[2 * i] == GH_EMPTY && ta->slots[2 * i + 1] == GH_EMPTY);
        }
    }
    assert_int_equal(finalized_values, (int)n / 2);
    /* the chain: a[0]'s value is live, so b[0]'s value lives too */
    assert_int_equal(((rec *)gh_to_ptr(tb->slots[1]))->id, 300);
    /* drop the keys: everything goes */
    *keys = NULL;
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(finalized_values, (int)n);
    ta = *a;
    tb = *b;
    assert_true(ta->slots[0] == GH_EMPTY && tb->slots[0] == GH_EMPTY && tb->slots[1] == GH_EMPTY);
    assert_int_equal(gh_verify(h), GH_OK);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

static void weak_tables(void **state)
{
    (void)state;
    weak_tables_with(0, 0);
}

static void weak_tables_under_stress(void **state)
{
    (void)state;
    weak_tables_with(GH_STRESS_COMPACT | GH_STRESS_VERIFY, 0);
    weak_tables_with(GH_STRESS_INCREMENTAL | GH_STRESS_VERIFY, 0);
    weak_tables_with(GH_STRESS_VERIFY, 2);
}

static void bad_weak_table_types(void **state)
{
    (void)state;
    gh_heap *h = weak_heap(0, 0);
    assert_int_equal(gh_type_register(h, &(gh_type_info){.name = "x", .flags = GH_TYPE_EPHEMERON,
                                                         .trace = (void (*)(void *, gh_tracer *))1}),
                     0);
    assert_int_equal(gh_type_register(h, &(gh_type_info){.name = "x",
                                                         .flags = GH_TYPE_EPHEMERON | GH_TYPE_LEAF}),
                     0);
    gh_heap_destroy(h);
}

typedef struct edge_seen {
    gh_edge_kind kind[4];
    int n;
} edge_seen;

static void note_edge(void *data, void *target, gh_edge_kind kind, const char *name, size_t index)
{
    (void)target, (void)name, (void)index;
    edge_seen *e = data;
    if (e->n < 4)
        e->kind[e->n] = kind;
    e->n++;
}

/* A value under a heap key is weak (it lives only as long as the key); one
 * under an integer key is held strongly, and the edges say so. */
static void weak_table_edges_say_how_values_are_held(void **state)
{
    (void)state;
    gh_heap *h = weak_heap(0, 0);
    gh_type_id t = register_rec(h);
    gh_type_id tab = gh_type_register(h, &(gh_type_info){.name = "WeakMap", .size_of = table_size_of,
                                                         .slots_offset = 8,
                                                         .flags = GH_TYPE_EPHEMERON});
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle a = gh_handle_new(h, gh_alloc(h, tab, 8 + 2 * 16));
    ((table *)*a)->pairs = 2;
    gh_handle key = gh_handle_new(h, new_rec(h, t, 1, 0));
    gh_handle v1 = gh_handle_new(h, new_rec(h, t, 2, 0));
    rec *v2 = new_rec(h, t, 3, 0);
    table *ta = *a;
    gh_set_value(ta, &ta->slots[0], gh_from_ptr(*key));
    gh_set_value(ta, &ta->slots[1], gh_from_ptr(*v1));
    gh_set_value(ta, &ta->slots[2], gh_from_int(42));
    gh_set_value(ta, &ta->slots[3], gh_from_ptr(v2));
    edge_seen e = {0};
    gh_object_edges(h, *a, note_edge, &e);
    assert_int_equal(e.n, 3); /* the integer key is no edge */
    assert_int_equal(e.kind[0], GH_EDGE_WEAK);     /* key */
    assert_int_equal(e.kind[1], GH_EDGE_WEAK);     /* its value */
    assert_int_equal(e.kind[2], GH_EDGE_INTERNAL); /* the integer key's value */
    /* and the collector agrees: with no other reference, v2 survives */
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    ta = *a;
    assert_int_equal(((rec *)gh_to_ptr(ta->slots[3]))->id, 3);
    /* a dead key empties its pair even when the value is no reference */
    ta = *a;
    gh_set_value(ta, &ta->slots[1], gh_from_int(7));
    *key = NULL;
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    ta = *a;
    assert_true(ta->slots[0] == GH_EMPTY && ta->slots[1] == GH_EMPTY);
    assert_int_equal(gh_verify(h), GH_OK);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* A weak table of an odd number of slots: the last has no partner and is
 * held strongly by every collector (a full GC once freed its referent,
 * which the scavenger and the verifier treat as held). */
static void an_unpaired_last_slot_is_held_strongly(void **state)
{
    (void)state;
    gh_heap *h = weak_heap(0, 0);
    gh_type_id t = register_rec(h);
    gh_type_id tab = gh_type_register(h, &(gh_type_info){.name = "OddTable",
                                                         .flags = GH_TYPE_EPHEMERON});
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle a = gh_handle_new(h, gh_alloc(h, tab, 3 * 8)); /* a pair and one more */
    rec *held = new_rec(h, t, 9, 0);
    uint64_t *w = *a;
    gh_set_value(w, (gh_value *)&w[2], gh_from_ptr(held));
    edge_seen e = {0};
    gh_object_edges(h, *a, note_edge, &e);
    assert_int_equal(e.n, 1);
    assert_int_equal(e.kind[0], GH_EDGE_INTERNAL);
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(gh_verify(h), GH_OK);
    w = *a;
    assert_int_equal(((rec *)gh_to_ptr(w[2]))->id, 9);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* Scavenges visit only the globals that may hold a young object (handles.c):
 * among many globals of old objects, those of young objects -- made so,
 * set to one later (after the list was pruned of them), or reusing a
 * freed node -- are still followed or cleared, strong and weak alike, and
 * gh_verify finds every one of them listed. */
static void globals_of_young_objects_among_many_old_ones(void **state)
{
    (void)state;
    gh_heap *h = weak_heap(0, 0);
    gh_type_id t = rec_type = register_rec(h);
    callback_log log = {0};
    enum { OLD = 600 }; /* a few blocks of nodes */
    gh_global *old[OLD];
    for (int i = 0; i < OLD; i++) {
        old[i] = gh_global_new(h, new_old_rec(h, t, (uint64_t)i, 0));
        if (i % 2)
            assert_int_equal(gh_global_set_weak(old[i], on_dead, &log), GH_OK);
    }
    gh_global *young = gh_global_new(h, new_rec(h, t, 1000, 0));
    gh_global *young_weak = gh_global_new(h, new_rec(h, t, 1001, 0));
    assert_int_equal(gh_global_set_weak(young_weak, on_dead, &log), GH_OK);
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    assert_int_equal(((rec *)gh_global_get(young))->id, 1000);
    assert_null(gh_global_get(young_weak));
    assert_int_equal(log.calls, 1);
    /* an old global set to a young object; a freed node reused for one */
    gh_global_set(old[0], new_rec(h, t, 2000, 0));
    gh_global_free(h, old[2]);
    gh_global *reused = gh_global_new(h, new_rec(h, t, 2002, 0));
    assert_int_equal(gh_verify(h), GH_OK);
    for (int round = 0; round < 4; round++) { /* copied, then promoted */
        assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
        assert_int_equal(((rec *)gh_global_get(old[0]))->id, 2000);
        assert_int_equal(((rec *)gh_global_get(reused))->id, 2002);
        assert_int_equal(((rec *)gh_global_get(young))->id, 1000);
    }
    for (int i = 1; i < OLD; i++)
        if (i != 2)
            assert_int_equal(((rec *)gh_global_get(old[i]))->id, (uint64_t)i);
    assert_int_equal(log.calls, 1);
    assert_int_equal(gh_verify(h), GH_OK);
    /* a full GC still sees them all: the weak old ones die */
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(log.calls, 1 + OLD / 2);
    assert_null(gh_global_get(old[1]));
    assert_int_equal(((rec *)gh_global_get(old[4]))->id, 4);
    gh_heap_destroy(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(weak_globals),
        cmocka_unit_test(weak_globals_under_stress),
        cmocka_unit_test(weak_global_misuse),
        cmocka_unit_test(freed_weak_globals_lose_their_callbacks),
        cmocka_unit_test(a_reused_node_made_weak_keeps_its_own_callback),
        cmocka_unit_test(a_dead_weak_global_rearmed_in_a_callback),
        cmocka_unit_test(globals_of_young_objects_among_many_old_ones),
        cmocka_unit_test(weak_tables),
        cmocka_unit_test(weak_tables_under_stress),
        cmocka_unit_test(bad_weak_table_types),
        cmocka_unit_test(weak_table_edges_say_how_values_are_held),
        cmocka_unit_test(an_unpaired_last_slot_is_held_strongly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
