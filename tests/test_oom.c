/* test_oom.c -- running out of memory: Node's fatal report (in a child
 * process), the recoverable policy, the limit being honoured, the
 * near-heap-limit callback, and "ineffective mark-compacts". */
#include <regex.h>

#include "test_util.h"

static gh_heap *limited_heap(size_t old_mib, gh_oom_policy policy)
{
    gh_config c;
    gh_config_init(&c);
    c.initial_semi_space = c.max_semi_space = GH_MiB(1);
    c.max_old_space = GH_MiB(old_mib);
    c.on_oom = policy;
    gh_heap *h = gh_heap_create(&c);
    assert_non_null(h);
    return h;
}

/* Keep every allocated record in a linked chain of tables until the heap
 * refuses; returns how many were kept. */
static size_t fill(gh_heap *h, gh_type_id t, gh_handle chain, size_t nslots)
{
    size_t kept = 0;
    for (;;) {
        rec *r = gh_alloc(h, t, rec_size(nslots));
        if (!r)
            return kept;
        r->id = kept;
        r->nslots = nslots;
        gh_set_value(r, &r->slots[0], gh_from_ptr(*chain));
        *chain = r;
        kept++;
    }
}

static void fatal_child(void)
{
    gh_heap *h = limited_heap(16, GH_OOM_FATAL);
    gh_type_id t = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle chain = gh_handle_new(h, NULL);
    fill(h, t, chain, 30);
    _exit(0); /* not reached: the policy aborts */
}

static void fatal_policy_prints_nodes_report_and_aborts(void **state)
{
    (void)state;
    static char err[65536];
    int status = run_in_child(fatal_child, err, sizeof err);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGABRT); /* a shell shows exit status 134 */
    /* an empty line, then the header */
    const char *head = "\n<--- Last few GCs --->\n";
    assert_memory_equal(err, head, strlen(head));
    /* the headline is one of V8's two for a heap out of memory: filling the
     * heap with live data ends either at the limit or, when the last full
     * GCs freed nothing while starving the mutator, as ineffective */
    const char *tail = "\n\n<--- JS stacktrace --->\n\nFATAL ERROR: ";
    char *mid = strstr(err, tail);
    assert_non_null(mid);
    const char *after = mid + strlen(tail);
    const char *reached = "Reached heap limit Allocation failed - JavaScript heap out of memory\n";
    const char *ineffective = "Ineffective mark-compacts near heap limit Allocation failed - "
                              "JavaScript heap out of memory\n";
    bool is_reached = strncmp(after, reached, strlen(reached)) == 0;
    assert_true(is_reached || strncmp(after, ineffective, strlen(ineffective)) == 0);
    const char *stack = after + strlen(is_reached ? reached : ineffective);
    assert_memory_equal(stack, "----- Native stack trace -----\n\n", 32);
    /* The block is the ring's last <= 512 bytes from its first newline: GC
     * entries of at most 255 characters each (a longer line is cut and
     * loses its newline, so the next entry follows on the same line). */
    char *block = err + strlen(head);
    size_t block_len = (size_t)(mid - block); /* mid: the newline the report adds */
    assert_true(block_len <= 512);
    regex_t entry;
    assert_int_equal(regcomp(&entry, "\\[[0-9]+:0x[0-9a-f]+\\] +[0-9]+ ms: (Scavenge|Mark-Compact)",
                             REG_EXTENDED), 0);
    int entries = 0;
    regmatch_t m;
    for (char *p = block; p < mid && regexec(&entry, p, 1, &m, 0) == 0 && p + m.rm_so < mid;
         p += m.rm_eo) {
        /* an entry ends at its newline, or where the next one starts when
         * it was cut (and lost its newline) */
        char *start = p + m.rm_so, *end = strchr(start, '\n');
        regmatch_t next;
        if (regexec(&entry, start + 1, 1, &next, 0) == 0 && (!end || start + 1 + next.rm_so < end))
            end = start + 1 + next.rm_so - 1;
        if (end && end < mid)
            assert_true(end - start + 1 <= 255);
        entries++;
    }
    regfree(&entry);
    /* at least the last one (how many fit depends on the lines' lengths) */
    assert_true(entries >= 1);
    /* native frames as Node prints them: "%2d: %p %s [%s]" */
    assert_non_null(strstr(stack, " 1: 0x"));
}

static void recoverable_policy_fails_cleanly_and_recovers(void **state)
{
    (void)state;
    gh_heap *h = limited_heap(16, GH_OOM_RETURN_NULL);
    gh_type_id t = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle chain = gh_handle_new(h, NULL);
    for (int round = 0; round < 3; round++) {
        size_t kept = fill(h, t, chain, 30);
        assert_int_equal(gh_last_error(), GH_ERR_OUT_OF_MEMORY);
        assert_non_null(strstr(gh_last_error_message(), "heap out of memory"));
        assert_true(kept > 40000); /* ~16 MiB of 256-byte records */
        /* nothing was lost */
        size_t count = 0;
        for (rec *r = *chain; r; r = gh_to_ptr(r->slots[0]), count++)
            assert_int_equal(r->id, kept - 1 - count);
        assert_int_equal(count, kept);
        assert_int_equal(gh_verify(h), GH_OK);
        *chain = NULL; /* drop it all, and the heap is usable again */
        assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
        assert_true(stats_of(h).used < GH_MiB(1));
    }
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

typedef struct limit_watch {
    size_t limit, worst;
} limit_watch;

static void watch_used(gh_heap *h, gh_gc_phase phase, const gh_gc_info *info, void *data)
{
    (void)h;
    limit_watch *w = data;
    size_t used = phase == GH_GC_EPILOGUE ? info->used_after : info->used_before;
    if (used > w->worst)
        w->worst = used;
}

static void the_limit_is_honoured(void **state)
{
    (void)state;
    gh_heap *h = limited_heap(16, GH_OOM_RETURN_NULL);
    gh_type_id t = register_rec(h);
    limit_watch w = {.limit = stats_of(h).limit};
    assert_int_equal(w.limit, GH_MiB(16) + 3 * GH_MiB(1));
    gh_gc_callback_add(h, watch_used, &w);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle chain = gh_handle_new(h, NULL);
    /* small and large objects, pretenured and young */
    for (int i = 0; i < 3; i++) {
        fill(h, t, chain, 30);
        size_t used = stats_of(h).used;
        if (used > w.worst)
            w.worst = used;
        fill(h, t, chain, 20000); /* large objects, kept too */
        used = stats_of(h).used;
        if (used > w.worst)
            w.worst = used;
        *chain = NULL;
        assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    }
    print_message("heap limit %zu, most used %zu\n", w.limit, w.worst);
    assert_true(w.worst <= w.limit + GH_PAGE_SIZE);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

typedef struct raise_state {
    int calls;
    size_t initial_seen, current_seen;
} raise_state;

static size_t raise_once(void *data, size_t current, size_t initial)
{
    raise_state *r = data;
    r->calls++;
    r->initial_seen = initial;
    r->current_seen = current;
    return r->calls == 1 ? current + GH_MiB(8) : current;
}

static size_t decline(void *data, size_t current, size_t initial)
{
    (void)initial;
    ++*(int *)data;
    return current;
}

/* Removing names the callback: one that replaced it stays installed. */
static void near_heap_limit_callback_removed_only_by_its_owner(void **state)
{
    (void)state;
    gh_heap *h = limited_heap(16, GH_OOM_RETURN_NULL);
    gh_type_id t = register_rec(h);
    int first = 0, second = 0;
    assert_int_equal(gh_set_near_heap_limit_callback(h, decline, &first), GH_OK);
    assert_int_equal(gh_set_near_heap_limit_callback(h, decline, &second), GH_OK);
    assert_int_equal(gh_remove_near_heap_limit_callback(h, decline, &first),
                     GH_ERR_INVALID_ARGUMENT);
    assert_int_equal(gh_remove_near_heap_limit_callback(h, NULL, NULL), GH_ERR_INVALID_ARGUMENT);
    assert_int_equal(gh_remove_near_heap_limit_callback(NULL, decline, &second),
                     GH_ERR_NULL_HEAP);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle chain = gh_handle_new(h, NULL);
    fill(h, t, chain, 30);
    assert_int_equal(first, 0);
    assert_true(second >= 1);
    /* removed by its owner, it is called no more */
    *chain = NULL;
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(gh_remove_near_heap_limit_callback(h, decline, &second), GH_OK);
    int before = second;
    fill(h, t, chain, 30);
    assert_int_equal(second, before);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

static void near_heap_limit_callback_can_raise_the_limit(void **state)
{
    (void)state;
    gh_heap *h = limited_heap(16, GH_OOM_RETURN_NULL);
    gh_type_id t = register_rec(h);
    raise_state r = {0};
    assert_int_equal(gh_set_near_heap_limit_callback(h, raise_once, &r), GH_OK);
    size_t initial = stats_of(h).limit;
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle chain = gh_handle_new(h, NULL);
    size_t kept = fill(h, t, chain, 30);
    assert_true(r.calls >= 2); /* raised once, then declined (maybe more than once) */
    assert_int_equal(r.initial_seen, initial);
    assert_int_equal(r.current_seen, initial + GH_MiB(8));
    assert_int_equal(stats_of(h).limit, initial + GH_MiB(8));
    assert_true(kept > 60000); /* about 24 MiB worth */
    assert_int_equal(gh_set_near_heap_limit_callback(NULL, raise_once, &r), GH_ERR_NULL_HEAP);
    /* once the live data is gone, the initial limit comes back (armed once) */
    assert_int_equal(gh_restore_initial_heap_limit(h, 0.95), GH_OK);
    *chain = NULL;
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(stats_of(h).limit, initial);
    assert_int_equal(gh_restore_initial_heap_limit(h, 0), GH_ERR_INVALID_ARGUMENT);
    assert_int_equal(gh_restore_initial_heap_limit(h, 1.5), GH_ERR_INVALID_ARGUMENT);
    assert_int_equal(gh_restore_initial_heap_limit(NULL, 0.5), GH_ERR_NULL_HEAP);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* A near-heap-limit callback that allocates anyway, and fails. */
typedef struct greedy_state {
    gh_heap *heap;
    gh_type_id type;
    int depth, max_depth, calls;
    bool failed;
} greedy_state;

static size_t greedy(void *data, size_t current, size_t initial)
{
    (void)initial;
    greedy_state *g = data;
    g->calls++;
    if (++g->depth > g->max_depth)
        g->max_depth = g->depth;
    /* (a cap, so that the test ends without the fix) */
    if (g->depth <= 4 && !gh_alloc(g->heap, g->type, rec_size(GH_KiB(128))))
        g->failed = gh_last_error() == GH_ERR_OUT_OF_MEMORY;
    g->depth--;
    return current;
}

/* Its failing allocation meets the policy at once: the callback is not
 * called again from inside itself.  (It was, and again from there, each
 * time after the last-resort GCs: an endless, ever slower recursion.) */
static void near_heap_limit_callback_is_not_reentered_by_its_allocations(void **state)
{
    (void)state;
    gh_heap *h = limited_heap(16, GH_OOM_RETURN_NULL);
    gh_type_id t = register_rec(h);
    greedy_state g = {.heap = h, .type = t};
    assert_int_equal(gh_set_near_heap_limit_callback(h, greedy, &g), GH_OK);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle chain = gh_handle_new(h, NULL);
    fill(h, t, chain, 30);
    assert_int_equal(gh_last_error(), GH_ERR_OUT_OF_MEMORY);
    assert_true(g.calls >= 1);
    assert_int_equal(g.max_depth, 1);
    assert_true(g.failed);
    assert_int_equal(gh_verify(h), GH_OK);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* Live data just under the limit, then full GCs back to back with almost
 * no mutator work in between: each frees nothing and leaves the mutator no
 * time, which is what V8 calls an ineffective mark-compact.  (Explicit GCs
 * make the mutator's share of the time tiny whatever the machine's speed.) */
static void churn_near_limit(gh_heap *h)
{
    gh_type_id t = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle chain = gh_handle_new(h, NULL);
    size_t target = GH_MiB(32) * 88 / 100;
    while (stats_of(h).old_used + stats_of(h).young_used < target) {
        rec *r = gh_alloc(h, t, rec_size(30));
        if (!r)
            break;
        r->nslots = 30;
        gh_set_value(r, &r->slots[0], gh_from_ptr(*chain));
        *chain = r;
    }
    for (int i = 0; i < 20; i++) {
        rec *garbage = gh_alloc_old(h, t, rec_size(10));
        if (!garbage)
            return;
        garbage->nslots = 10;
        assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    }
    gh_scope_close(&s);
    fail_msg("the heap never gave up");
}

/* One request larger than the whole heap may hold. */
static void too_large_child(void)
{
    gh_heap *h = limited_heap(16, GH_OOM_FATAL);
    gh_type_id t = register_rec(h);
    gh_alloc(h, t, GH_MiB(17));
    _exit(0); /* not reached: the policy aborts */
}

static void fatal_policy_reports_a_request_beyond_the_limit(void **state)
{
    (void)state;
    static char err[65536];
    int status = run_in_child(too_large_child, err, sizeof err);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
    assert_non_null(strstr(err, "FATAL ERROR: Reached heap limit Allocation failed - "
                                "JavaScript heap out of memory\n"));
    /* the recoverable policy refuses it and keeps the heap usable */
    gh_heap *h = limited_heap(16, GH_OOM_RETURN_NULL);
    gh_type_id t = register_rec(h);
    assert_null(gh_alloc(h, t, GH_MiB(17)));
    assert_int_equal(gh_last_error(), GH_ERR_TOO_LARGE);
    assert_non_null(gh_alloc(h, t, rec_size(4)));
    gh_heap_destroy(h);
}

static void ineffective_child(void)
{
    gh_heap *h = limited_heap(32, GH_OOM_FATAL);
    churn_near_limit(h);
    _exit(0);
}

static void ineffective_full_gcs_near_the_limit_are_fatal(void **state)
{
    (void)state;
    static char err[65536];
    int status = run_in_child(ineffective_child, err, sizeof err);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
    assert_non_null(strstr(err, "FATAL ERROR: Ineffective mark-compacts near heap limit "
                                "Allocation failed - JavaScript heap out of memory\n"));
}

static void recoverable_ineffective_fails_one_allocation(void **state)
{
    (void)state;
    gh_heap *h = limited_heap(32, GH_OOM_RETURN_NULL);
    churn_near_limit(h);
    assert_int_equal(gh_last_error(), GH_ERR_OUT_OF_MEMORY);
    assert_non_null(strstr(gh_last_error_message(), "Ineffective mark-compacts near heap limit"));
    assert_int_equal(gh_verify(h), GH_OK);
    gh_heap_destroy(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fatal_policy_prints_nodes_report_and_aborts),
        cmocka_unit_test(fatal_policy_reports_a_request_beyond_the_limit),
        cmocka_unit_test(recoverable_policy_fails_cleanly_and_recovers),
        cmocka_unit_test(the_limit_is_honoured),
        cmocka_unit_test(near_heap_limit_callback_can_raise_the_limit),
        cmocka_unit_test(near_heap_limit_callback_removed_only_by_its_owner),
        cmocka_unit_test(near_heap_limit_callback_is_not_reentered_by_its_allocations),
        cmocka_unit_test(ineffective_full_gcs_near_the_limit_are_fatal),
        cmocka_unit_test(recoverable_ineffective_fails_one_allocation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
