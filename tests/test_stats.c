/* test_stats.c -- statistics with V8's names hold together, GC callbacks
 * see every collection, and heap growth stays within its bounds. */
#include "test_util.h"

static void check_consistency(gh_heap *h)
{
    gh_heap_statistics hs;
    gh_space_statistics sp[GH_SPACE_COUNT + 1];
    gh_memory_usage u;
    gh_heap_stats st = stats_of(h);
    assert_int_equal(gh_heap_statistics_get(h, &hs), GH_OK);
    assert_int_equal(gh_heap_space_statistics_get(h, sp, GH_SPACE_COUNT + 1), GH_SPACE_COUNT);
    assert_int_equal(gh_memory_usage_get(h, &u), GH_OK);
    assert_string_equal(sp[0].space_name, "new_space");
    assert_string_equal(sp[1].space_name, "old_space");
    assert_string_equal(sp[2].space_name, "large_object_space");
    size_t size = 0, used = 0, physical = 0;
    for (int i = 0; i < GH_SPACE_COUNT; i++) {
        assert_true(sp[i].space_used_size <= sp[i].space_size);
        assert_true(sp[i].space_used_size + sp[i].space_available_size <= sp[i].space_size);
        size += sp[i].space_size;
        used += sp[i].space_used_size;
        physical += sp[i].physical_space_size;
    }
    /* the spaces add up to the totals */
    assert_int_equal(hs.total_heap_size, size);
    assert_int_equal(hs.used_heap_size, used);
    assert_int_equal(hs.total_physical_size, physical);
    assert_true(hs.used_heap_size <= hs.total_heap_size);
    assert_int_equal(hs.total_available_size, hs.heap_size_limit - hs.used_heap_size);
    assert_int_equal(hs.heap_size_limit, st.limit);
    assert_int_equal(hs.total_heap_size_executable, 0);
    assert_true(hs.malloced_memory > 0 && hs.malloced_memory <= hs.peak_malloced_memory);
    assert_true(hs.used_global_handles_size <= hs.total_global_handles_size);
    assert_int_equal(hs.external_memory, st.external);
    /* process.memoryUsage() agrees with the heap statistics */
    assert_int_equal(u.heap_total, hs.total_heap_size);
    assert_int_equal(u.heap_used, hs.used_heap_size);
    assert_int_equal(u.external, hs.external_memory);
    assert_true(u.array_buffers <= u.external);
    assert_true(u.rss > 0);
    /* and the counters with both */
    assert_int_equal(st.used, hs.used_heap_size);
    assert_int_equal(st.used, st.young_used + st.old_used + st.large_used);
    assert_int_equal(st.committed, st.young_committed + st.old_committed + st.large_committed);
}

static void statistics_add_up_at_every_stage(void **state)
{
    (void)state;
    gh_heap *h = small_heap(512, 64);
    gh_type_id t = register_rec(h);
    check_consistency(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_global *g = gh_global_new(h, new_rec(h, t, 1, 1));
    gh_handle keep = gh_handle_new(h, new_old_rec(h, t, 0, 50000)); /* large */
    gh_handle_new(h, gh_buffer_new(h, 12345));
    check_consistency(h);
    for (int i = 0; i < 100000; i++) {
        rec *r = new_rec(h, t, (uint64_t)i, 2);
        if (i % 7 == 0) {
            rec *k = *keep;
            gh_set_value(k, &k->slots[i % 50000], gh_from_ptr(r));
        }
        if (i % 25000 == 0)
            check_consistency(h);
    }
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    check_consistency(h);
    gh_heap_statistics hs;
    gh_heap_statistics_get(h, &hs);
    assert_true(hs.used_global_handles_size > 0);
    assert_int_equal(hs.does_zap_garbage, 0);
    gh_global_free(h, g);
    gh_heap_statistics_get(h, &hs);
    assert_int_equal(hs.used_global_handles_size, 0);
    gh_scope_close(&s);
    gh_heap_destroy(h);
    assert_int_equal(gh_heap_space_statistics_get(NULL, NULL, 0), 0);
    assert_int_equal(gh_heap_statistics_get(NULL, &hs), GH_ERR_NULL_HEAP);
    assert_true(gh_rss() > 0);
}

typedef struct seen {
    int prologues, epilogues, minor, full;
    bool paired, sane;
    gh_gc_info last;
    gh_heap *heap;
    gh_error alloc_in_callback;
} seen;

static void on_gc(gh_heap *h, gh_gc_phase phase, const gh_gc_info *info, void *data)
{
    seen *s = data;
    if (phase == GH_GC_PROLOGUE) {
        s->paired = s->paired && s->prologues == s->epilogues;
        s->prologues++;
        s->alloc_in_callback = gh_alloc(h, 1, 16) ? GH_OK : gh_last_error();
        return;
    }
    s->epilogues++;
    s->paired = s->paired && s->prologues == s->epilogues;
    if (info->kind == GH_GC_FULL)
        s->full++;
    else
        s->minor++;
    s->sane = s->sane && info->pause_ms >= 0 && info->used_after <= info->committed_after &&
              info->used_before <= info->committed_before && info->reason && info->collector_reason &&
              (info->kind == GH_GC_FULL || info->collector_reason[0] == '\0');
    /* phase times: a full GC's add up to no more than its pause; a
     * scavenge has none */
    double phases = info->mark_ms + info->evacuate_ms + info->sweep_ms;
    s->sane = s->sane && info->mark_ms >= 0 && info->evacuate_ms >= 0 && info->sweep_ms >= 0 &&
              (info->kind == GH_GC_FULL ? phases <= info->pause_ms : phases == 0);
    s->last = *info;
}

static void callbacks_see_every_collection(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 64);
    gh_type_id t = register_rec(h);
    seen s = {.paired = true, .sane = true, .heap = h};
    assert_int_equal(gh_gc_callback_add(h, on_gc, &s), GH_OK);
    for (int i = 0; i < 200000; i++)
        new_rec(h, t, 0, 2);
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    gh_heap_stats st = stats_of(h);
    assert_true(s.paired && s.sane);
    assert_int_equal((uint64_t)s.minor, st.scavenges);
    assert_int_equal((uint64_t)s.full, st.full_gcs);
    assert_string_equal(s.last.reason, "testing");
    assert_true(s.last.mark_ms > 0); /* timed, however short */
    assert_string_equal(s.last.collector_reason, "GC in old space requested");
    assert_int_equal(s.alloc_in_callback, GH_ERR_IN_GC);
    assert_true(st.scavenge_ms + st.full_gc_ms >= st.max_pause_ms);
    assert_int_equal(gh_gc_callback_remove(h, on_gc, &s), GH_OK);
    assert_int_equal(gh_gc_callback_remove(h, on_gc, &s), GH_ERR_INVALID_ARGUMENT);
    assert_int_equal(gh_gc_callback_add(h, NULL, NULL), GH_ERR_INVALID_ARGUMENT);
    assert_int_equal(gh_gc_callback_add(NULL, on_gc, NULL), GH_ERR_NULL_HEAP);
    int before = s.epilogues;
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    assert_int_equal(s.epilogues, before);
    gh_heap_destroy(h);
}

/* A callback that removes itself while the callbacks run, and adds
 * another, which runs from the next round of callbacks on. */
typedef struct self_removing {
    int calls, late_calls, profiler_gcs;
    size_t old_used_after;
} self_removing;

static void late(gh_heap *h, gh_gc_phase phase, const gh_gc_info *info, void *data)
{
    (void)h, (void)phase, (void)info;
    ((self_removing *)data)->late_calls++;
}

static void once(gh_heap *h, gh_gc_phase phase, const gh_gc_info *info, void *data)
{
    (void)info;
    self_removing *r = data;
    if (phase != GH_GC_PROLOGUE)
        return;
    r->calls++;
    assert_int_equal(gh_gc_callback_remove(h, once, data), GH_OK);
    /* its entry is only blanked while the callbacks run: removing "NULL"
     * matched it, and reported a callback removed that never was */
    assert_int_equal(gh_gc_callback_remove(h, NULL, data), GH_ERR_INVALID_ARGUMENT);
    assert_int_equal(gh_gc_callback_add(h, late, data), GH_OK);
}

static void watch_profiler(gh_heap *h, gh_gc_phase phase, const gh_gc_info *info, void *data)
{
    (void)h;
    self_removing *r = data;
    if (phase != GH_GC_EPILOGUE)
        return;
    r->profiler_gcs += info->heap_profiler;
    r->old_used_after = info->old_used_after;
}

static bool count_object(void *obj, void *data)
{
    (void)obj;
    ++*(size_t *)data;
    return true;
}

static void callbacks_may_add_and_remove_callbacks(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 64);
    gh_type_id t = register_rec(h);
    self_removing r = {0};
    assert_int_equal(gh_gc_callback_add(h, once, &r), GH_OK);
    assert_int_equal(gh_gc_callback_add(h, watch_profiler, &r), GH_OK);
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    assert_int_equal(r.calls, 1);
    assert_int_equal(r.late_calls, 1); /* added in the prologue: runs from the epilogue */
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    assert_int_equal(r.calls, 1);
    assert_int_equal(r.late_calls, 3); /* then at prologue and epilogue */
    assert_int_equal(r.profiler_gcs, 0);
    /* the collection that gh_heap_iterate runs says so, with the old
     * generation's size after it */
    gh_global *g = gh_global_new(h, new_old_rec(h, t, 1, 100));
    size_t objects = 0;
    assert_int_equal(gh_heap_iterate(h, count_object, &objects), GH_OK);
    assert_int_equal(objects, 1);
    assert_int_equal(r.profiler_gcs, 1);
    assert_int_equal(r.old_used_after, stats_of(h).old_used + stats_of(h).large_used);
    assert_true(r.old_used_after >= rec_size(100));
    gh_global_free(h, g);
    gh_heap_destroy(h);
}

/* malloced_memory counts a page's remembered set from the barrier that
 * creates it to the scavenge that finds it empty (a counter, not a walk
 * over the pages at every collection). */
static void malloced_memory_follows_remembered_sets(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 64);
    gh_type_id t = register_rec(h);
    gh_heap_statistics before, with_set, after;
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle old = gh_handle_new(h, new_old_rec(h, t, 1, 2));
    assert_int_equal(gh_heap_statistics_get(h, &before), GH_OK);
    rec *young = new_rec(h, t, 2, 2);
    rec *host = *old;
    gh_set_value(host, &host->slots[0], gh_from_ptr(young));
    assert_int_equal(gh_heap_statistics_get(h, &with_set), GH_OK);
    assert_int_equal(with_set.malloced_memory - before.malloced_memory, GH_PAGE_SIZE / 64);
    assert_int_equal(gh_verify(h), GH_OK);
    host = *old;
    host->slots[0] = 0; /* no young referent left */
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    assert_int_equal(gh_heap_statistics_get(h, &after), GH_OK);
    assert_int_equal(after.malloced_memory, before.malloced_memory);
    assert_true(after.peak_malloced_memory >= with_set.malloced_memory);
    assert_int_equal(gh_verify(h), GH_OK);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

static void heap_growth_stays_within_its_bounds(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 128);
    gh_type_id t = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle chain = gh_handle_new(h, NULL);
    /* a growing live set with garbage around it */
    for (int i = 0; i < 400000; i++) {
        rec *r = gh_alloc_old(h, t, rec_size(30));
        assert_non_null(r);
        r->nslots = 30;
        if (i % 3 == 0) {
            gh_set_value(r, &r->slots[0], gh_from_ptr(*chain));
            *chain = r;
        }
        if (i % 50000 == 0) {
            gh_heap_stats st = stats_of(h);
            if (st.full_gcs > 0) {
                assert_true(st.growing_factor >= 1.1 && st.growing_factor <= 4.0);
                double expect = (double)st.live_after_last_full_gc * st.growing_factor;
                assert_true(st.next_full_gc_at <= GH_MiB(128));
                assert_true((double)st.next_full_gc_at <= expect + 1 ||
                            st.next_full_gc_at == GH_MiB(8)); /* the floor */
            }
        }
    }
    gh_heap_stats st = stats_of(h);
    print_message("%llu full GCs, factor %.2f, next at %.1f MB\n", (unsigned long long)st.full_gcs,
                  st.growing_factor, st.next_full_gc_at / 1048576.0);
    assert_true(st.full_gcs >= 2);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* ---- teardown callbacks ---------------------------------------------------- */

typedef struct teardown_log {
    gh_heap *heap;
    char order[8];
    int n;
    gh_error add_during, remove_during, remove_null_during;
} teardown_log;

static void teardown_a(gh_heap *h, void *data);
static void teardown_b(gh_heap *h, void *data);

static void teardown_a(gh_heap *h, void *data)
{
    teardown_log *log = data;
    assert_ptr_equal(h, log->heap);
    log->order[log->n++] = 'a';
}

static void teardown_b(gh_heap *h, void *data)
{
    teardown_log *log = data;
    log->order[log->n++] = 'b';
    log->add_during = gh_teardown_callback_add(h, teardown_a, log);
    gh_heap_destroy(h); /* ignored: the heap is being destroyed already */
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
}

/* c, the newest, runs first: it removes a, which then never runs */
static void teardown_c(gh_heap *h, void *data)
{
    teardown_log *log = data;
    log->order[log->n++] = 'c';
    log->remove_during = gh_teardown_callback_remove(h, teardown_a, log);
    /* a's entry is only blanked meanwhile: a NULL function must not match it */
    log->remove_null_during = gh_teardown_callback_remove(h, NULL, log);
}

static void teardown_callbacks_run_once_newest_first(void **state)
{
    (void)state;
    teardown_log log = {0}, other = {0};
    gh_heap *h = small_heap(256, 16);
    log.heap = other.heap = h;
    assert_int_equal(gh_teardown_callback_add(h, teardown_a, &other), GH_OK);
    assert_int_equal(gh_teardown_callback_add(h, teardown_a, &log), GH_OK);
    assert_int_equal(gh_teardown_callback_add(h, teardown_b, &log), GH_OK);
    assert_int_equal(gh_teardown_callback_add(h, teardown_c, &log), GH_OK);
    assert_int_equal(gh_teardown_callback_add(h, teardown_c, &other), GH_OK);
    assert_int_equal(gh_teardown_callback_remove(h, teardown_c, &other), GH_OK);
    assert_int_equal(gh_teardown_callback_remove(h, teardown_c, &other),
                     GH_ERR_INVALID_ARGUMENT);
    assert_int_equal(gh_teardown_callback_add(h, NULL, NULL), GH_ERR_INVALID_ARGUMENT);
    assert_int_equal(gh_teardown_callback_add(NULL, teardown_a, &log), GH_ERR_NULL_HEAP);
    assert_int_equal(gh_teardown_callback_remove(NULL, teardown_a, &log), GH_ERR_NULL_HEAP);
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(log.n, 0); /* not before the heap goes */
    gh_heap_destroy(h);
    assert_string_equal(log.order, "cb");
    assert_string_equal(other.order, "a");
    assert_int_equal(log.remove_during, GH_OK);
    assert_int_equal(log.remove_null_during, GH_ERR_INVALID_ARGUMENT);
    assert_int_equal(log.add_during, GH_ERR_MISUSE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(statistics_add_up_at_every_stage),
        cmocka_unit_test(callbacks_see_every_collection),
        cmocka_unit_test(callbacks_may_add_and_remove_callbacks),
        cmocka_unit_test(teardown_callbacks_run_once_newest_first),
        cmocka_unit_test(heap_growth_stays_within_its_bounds),
        cmocka_unit_test(malloced_memory_follows_remembered_sets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
