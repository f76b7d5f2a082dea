/* test_gc_threads.c -- helper threads really share the pauses.
 *
 * A heap whose live data hangs off a single root (one tree) is the case
 * where parallel collection is easiest to lose: the roots give one grey
 * object, and unless the work is split as it unfolds, the main thread does
 * it all.  The helpers' share is read from gh_heap_stats; each test gives
 * them many collections to be scheduled in, and checks nothing by time.
 * Run once more under GENHEAP_STRESS=verify, where every full GC checks
 * each page's live-byte count against its marks.  Named so that CI's
 * ThreadSanitizer run (-R threads) includes it. */
#include <pthread.h>

#include "test_util.h"

static gh_heap *threaded_stress_heap(unsigned threads, size_t semi_mib, unsigned stress)
{
    gh_config c;
    gh_config_init(&c);
    c.initial_semi_space = c.max_semi_space = GH_MiB(semi_mib);
    c.max_old_space = GH_MiB(256);
    c.pretenuring = false;
    c.gc_threads = threads;
    c.stress = stress;
    gh_heap *h = gh_heap_create(&c);
    assert_non_null(h);
    return h;
}

static gh_heap *threaded_heap(unsigned threads, size_t semi_mib)
{
    return threaded_stress_heap(threads, semi_mib, 0);
}

/* threaded_heap with exactly `threads` helpers: GENHEAP_GC_THREADS (which
 * CI sets for a whole run of the suite) would override the config. */
static gh_heap *threaded_heap_ignoring_env(unsigned threads, size_t semi_mib)
{
    const char *env = getenv("GENHEAP_GC_THREADS");
    char *saved = env ? strdup(env) : NULL;
    unsetenv("GENHEAP_GC_THREADS");
    gh_heap *h = threaded_heap(threads, semi_mib);
    if (saved) {
        setenv("GENHEAP_GC_THREADS", saved, 1);
        free(saved);
    }
    return h;
}

/* A complete binary tree of pairs (head = left, tail = right). */
static pair *tree(gh_heap *h, gh_type_id t, int depth)
{
    if (depth == 0)
        return NULL;
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle l = gh_handle_new(h, tree(h, t, depth - 1));
    gh_handle r = gh_handle_new(h, tree(h, t, depth - 1));
    pair *p = new_pair(h, t);
    gh_set_ptr(p, &p->head, *l);
    gh_set_ptr(p, &p->tail, *r);
    gh_scope_close(&s);
    return p;
}

/* Nodes in the tree, and whether it is complete to the given depth. */
static size_t count_nodes(const pair *p, int depth, bool *complete)
{
    if (!p) {
        *complete = *complete && depth == 0;
        return 0;
    }
    return 1 + count_nodes(p->head, depth - 1, complete) + count_nodes(p->tail, depth - 1, complete);
}

static void assert_whole_tree(const pair *root, int depth)
{
    bool complete = true;
    assert_int_equal(count_nodes(root, depth, &complete), ((size_t)1 << depth) - 1);
    assert_true(complete);
}

/* A new young tree in *root, and a scavenge that must keep all of it. */
static void scavenge_a_young_tree(gh_heap *h, gh_type_id t, gh_handle root, int depth)
{
    *root = tree(h, t, depth);
    assert_true(gh_in_young(h, *root));
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    assert_whole_tree(*root, depth);
}

static void helpers_mark_part_of_a_tree_behind_one_root(void **state)
{
    (void)state;
    gh_heap *h = threaded_heap(2, 1);
    gh_type_id t = register_pair(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle root = gh_handle_new(h, tree(h, t, 17));
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK); /* all old now */
    uint64_t before = stats_of(h).helper_marked_bytes;
    for (int i = 0; i < 100 && stats_of(h).helper_marked_bytes == before; i++)
        assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    gh_heap_stats st = stats_of(h);
    print_message("helpers marked %llu bytes\n", (unsigned long long)(st.helper_marked_bytes - before));
    assert_true(st.helper_marked_bytes > before);
    assert_whole_tree(*root, 17);
    assert_int_equal(gh_verify(h), GH_OK);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

static void helpers_copy_part_of_a_young_tree(void **state)
{
    (void)state;
    gh_heap *h = threaded_heap_ignoring_env(3, 8); /* scavenges are shared from 3 helpers on */
    gh_type_id t = register_pair(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle root = gh_handle_new(h, NULL);
    /* Whether the helper gets a CPU before the main thread has copied
     * everything is up to the scheduler: with both CPUs busy (ctest -j 2,
     * a spinning process) 100 tries came up empty 2 times in 40. */
    for (int i = 0; i < 2000 && stats_of(h).helper_scavenged_bytes == 0; i++)
        scavenge_a_young_tree(h, t, root, 15); /* ~1 MB */
    gh_heap_stats st = stats_of(h);
    print_message("helpers copied %llu bytes\n", (unsigned long long)st.helper_scavenged_bytes);
    assert_true(st.helper_scavenged_bytes > 0);
    assert_int_equal(gh_verify(h), GH_OK);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* Whether sharing a scavenge pays depends on the machine and its load, so
 * the heap times scavenges both ways and keeps to the faster: of those that
 * could be shared, the first four alternate, and then one in 16 goes the
 * other way, whichever way is faster here.  (Stress modes share
 * every scavenge.) */
static void scavenges_are_tried_both_ways(void **state)
{
    (void)state;
    gh_heap *h = threaded_heap_ignoring_env(3, 8);
    gh_type_id t = register_pair(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle root = gh_handle_new(h, NULL);
    scavenge_a_young_tree(h, t, root, 15); /* now the last scavenge kept ~1 MB */
    gh_heap_stats before = stats_of(h);
    for (int i = 0; i < 40; i++)
        scavenge_a_young_tree(h, t, root, 15);
    gh_heap_stats after = stats_of(h);
    uint64_t all = after.scavenges - before.scavenges;
    uint64_t shared = after.shared_scavenges - before.shared_scavenges;
    print_message("%llu of %llu scavenges shared\n", (unsigned long long)shared,
                  (unsigned long long)all);
    assert_true(all >= 40);
    const char *stress = getenv("GENHEAP_STRESS");
    if (stress && *stress) {
        assert_int_equal(shared, all);
    } else {
        assert_true(shared >= 2);
        assert_true(all - shared >= 2);
    }
    assert_whole_tree(*root, 15);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* Waking helpers for a scavenge that keeps a few objects costs more than
 * it saves, so such scavenges stay on the main thread.  (Stress modes
 * share every scavenge, for coverage: there the check does not apply.) */
static void scavenges_that_keep_little_stay_on_the_main_thread(void **state)
{
    (void)state;
    gh_heap *h = threaded_heap(2, 2); /* shares scavenges keeping >= 64 KiB */
    gh_type_id t = register_pair(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle keep = gh_handle_new(h, tree(h, t, 6)); /* 63 nodes */
    for (int i = 0; i < 2000; i++)
        tree(h, t, 10); /* garbage, 24 KiB a tree: ~50 MB in all */
    gh_heap_stats st = stats_of(h);
    assert_true(st.scavenges >= 10);
    const char *stress = getenv("GENHEAP_STRESS");
    if (!stress || !*stress)
        assert_int_equal(st.helper_scavenged_bytes, 0);
    assert_whole_tree(*keep, 6);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* A new pair at the head of the list held by chain. */
static pair *push(gh_heap *h, gh_type_id t, gh_handle chain)
{
    pair *p = new_pair(h, t);
    gh_set_ptr(p, &p->tail, *chain);
    *chain = p;
    return p;
}

/* Parallel scavenges bring a promotion buffer per thread, but leave a
 * pretenured type's own old buffer open, so that its objects allocated
 * either side of one still lie side by side.  (GH_STRESS_VERIFY makes every
 * scavenge parallel, and checks the heap after each.) */
static void parallel_scavenges_keep_the_type_buffers(void **state)
{
    (void)state;
    gh_config c;
    gh_config_init(&c);
    c.initial_semi_space = c.max_semi_space = GH_MiB(1);
    c.max_old_space = GH_MiB(64);
    c.gc_threads = 2;
    c.stress = GH_STRESS_VERIFY;
    gh_heap *h = gh_heap_create(&c);
    assert_non_null(h);
    gh_type_id t = register_pair(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle chain = gh_handle_new(h, NULL); /* every pair is kept */
    for (int i = 0; i < 1000000 && !gh_pretenured(h, t); i++)
        push(h, t, chain);
    assert_true(gh_pretenured(h, t));
    int both_old = 0, adjacent = 0;
    for (int i = 0; i < 100; i++) {
        push(h, t, chain);
        assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
        pair *a = *chain; /* moved, if it was young */
        pair *b = push(h, t, chain);
        if (!gh_in_young(h, a) && !gh_in_young(h, b)) { /* no re-check between */
            both_old++;
            adjacent += (char *)b == (char *)a + sizeof(pair) + 8;
        }
    }
    print_message("%d of %d pairs adjacent across a scavenge\n", adjacent, both_old);
    assert_true(both_old >= 50);
    assert_true(adjacent >= both_old - 2); /* a buffer refill may part a pair */
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* With fewer than three helpers a parallel scavenge loses to the
 * sequential one (scavenger.c), so scavenges stay on the main thread even
 * when they keep a lot, while a full GC's marking is still shared. */
static void one_helper_marks_but_does_not_scavenge(void **state)
{
    (void)state;
    gh_heap *h = threaded_heap_ignoring_env(1, 8);
    gh_type_id t = register_pair(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle root = gh_handle_new(h, NULL);
    for (int i = 0; i < 20; i++)
        scavenge_a_young_tree(h, t, root, 15); /* ~1 MB: over the sharing threshold */
    const char *stress = getenv("GENHEAP_STRESS");
    if (!stress || !*stress)
        assert_int_equal(stats_of(h).helper_scavenged_bytes, 0);
    for (int i = 0; i < 200 && stats_of(h).helper_marked_bytes == 0; i++)
        assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_true(stats_of(h).helper_marked_bytes > 0);
    assert_whole_tree(*root, 15);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* The most helpers with the smallest semispace.  Every thread copies into
 * a to-space chunk of its own and promotion rule 2 reads a count that
 * lags, so to-space can fill before the rule says so; survivors that do
 * not fit are then promoted.  Whether this run gets there depends on how
 * many of the 65 threads the scheduler lets copy (on 2 CPUs, few): what
 * it checks for sure is that such a heap keeps every survivor.  (Verify
 * stress keeps every scavenge shared, however slow sharing is here, and
 * checks the heap after each.) */
static void many_threads_and_a_small_semispace(void **state)
{
    (void)state;
    gh_heap *h = threaded_stress_heap(GH_MAX_GC_THREADS, 1, GH_STRESS_VERIFY);
    gh_type_id t = register_pair(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle root = gh_handle_new(h, NULL);
    for (int i = 0; i < 20; i++) {
        *root = tree(h, t, 14); /* ~400 KB kept of a 1 MB semispace */
        assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
        assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
        assert_whole_tree(*root, 14);
    }
    assert_int_equal(gh_verify(h), GH_OK);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* Live bytes are summed per thread before they reach the pages: what the
 * full GC keeps must come out the same with and without helpers. */
static size_t old_used_after_full_gc(unsigned threads)
{
    gh_heap *h = threaded_heap(threads, 1);
    gh_type_id t = register_pair(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle keep = gh_handle_new(h, tree(h, t, 16));
    for (int i = 0; i < 20; i++)
        tree(h, t, 12); /* garbage between the live nodes */
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_whole_tree(*keep, 16);
    size_t used = stats_of(h).old_used;
    gh_scope_close(&s);
    gh_heap_destroy(h);
    return used;
}

static void helpers_keep_exactly_what_one_thread_keeps(void **state)
{
    (void)state;
    size_t alone = old_used_after_full_gc(0);
    assert_true(alone >= ((size_t)1 << 16) * sizeof(pair));
    assert_int_equal(old_used_after_full_gc(3), alone);
}

/* GH_GC_THREADS_AUTO (or GENHEAP_GC_THREADS=auto): a helper per other
 * CPU, at most 7 -- so on any machine with two CPUs or more the helpers
 * take part.  Counts past the maximum, and words other than "auto" in the
 * variable, are refused. */
static void auto_thread_count_follows_the_cpus(void **state)
{
    (void)state;
    gh_config c;
    gh_config_init(&c);
    c.gc_threads = GH_MAX_GC_THREADS + 1;
    assert_null(gh_heap_create(&c));
    assert_int_equal(gh_last_error(), GH_ERR_INVALID_ARGUMENT);
    setenv("GENHEAP_GC_THREADS", "many", 1);
    gh_config_init(&c);
    assert_null(gh_heap_create(&c));
    assert_int_equal(gh_last_error(), GH_ERR_INVALID_ARGUMENT);
    setenv("GENHEAP_GC_THREADS", "auto", 1);
    gh_config_init(&c);
    gh_heap *h = gh_heap_create(&c);
    unsetenv("GENHEAP_GC_THREADS");
    assert_non_null(h);
    gh_type_id t = register_pair(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle root = gh_handle_new(h, tree(h, t, 17));
    for (int i = 0; i < 100 && stats_of(h).helper_marked_bytes == 0; i++)
        assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    bool helpers = stats_of(h).helper_marked_bytes > 0;
    assert_true(helpers == (sysconf(_SC_NPROCESSORS_ONLN) > 1));
    assert_whole_tree(*root, 17);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* Global-handle blocks are registered process-wide (gh_global_set finds a
 * global's heap without being given it): heaps on several threads adding
 * and dropping blocks at once must neither race on the registry (this
 * runs under ThreadSanitizer) nor see each other's globals. */
static void *make_and_drop_globals(void *arg)
{
    gh_global **mine = arg;
    for (int round = 0; round < 4; round++) {
        gh_heap *h = small_heap(256, 8);
        gh_type_id t = register_rec(h);
        for (size_t i = 0; i < 1000; i++) /* four blocks' worth */
            mine[i] = gh_global_new(h, new_rec(h, t, i, 0));
        for (size_t i = 0; i < 1000; i++) {
            gh_global_set(mine[i], new_rec(h, t, i + 1, 0));
            if (gh_last_error() != GH_OK || ((rec *)gh_global_get(mine[i]))->id != i + 1)
                return (void *)1;
        }
        for (size_t i = 0; i < 1000; i += 2)
            gh_global_free(h, mine[i]);
        gh_heap_destroy(h);
    }
    return NULL;
}

static void heaps_on_several_threads_share_the_global_registry(void **state)
{
    (void)state;
    enum { THREADS = 4 };
    static gh_global *globals[THREADS][1000];
    pthread_t tid[THREADS];
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(pthread_create(&tid[i], NULL, make_and_drop_globals, globals[i]), 0);
    for (int i = 0; i < THREADS; i++) {
        void *failed = (void *)1;
        assert_int_equal(pthread_join(tid[i], &failed), 0);
        assert_null(failed);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(helpers_mark_part_of_a_tree_behind_one_root),
        cmocka_unit_test(helpers_copy_part_of_a_young_tree),
        cmocka_unit_test(scavenges_that_keep_little_stay_on_the_main_thread),
        cmocka_unit_test(one_helper_marks_but_does_not_scavenge),
        cmocka_unit_test(scavenges_are_tried_both_ways),
        cmocka_unit_test(parallel_scavenges_keep_the_type_buffers),
        cmocka_unit_test(many_threads_and_a_small_semispace),
        cmocka_unit_test(helpers_keep_exactly_what_one_thread_keeps),
        cmocka_unit_test(auto_thread_count_follows_the_cpus),
        cmocka_unit_test(heaps_on_several_threads_share_the_global_registry),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
