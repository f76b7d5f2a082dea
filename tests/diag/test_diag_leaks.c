/*
 * test_diag_leaks.c -- the seed's leak scenarios, watched by the leak
 * watcher and measured with heap diffs.
 *
 * Every scenario runs a "server" loop: each request allocates a session
 * that stays in a ring of recent sessions for a while (so it is promoted,
 * then dies old: the old generation fills with garbage and full
 * collections come by themselves, at the 8 MiB trigger) and a few
 * temporaries.  On top of that each scenario keeps -- or fails to keep --
 * something.  The collections are the heap's own; the heap has no
 * incremental marking, so each full GC is exact and the runs repeatable.
 */
#include "diag_test_util.h"

#define RING         2000
#define MAX_REQUESTS 3000000

static diag_types T;

typedef struct watch {
    gh_heap *heap;
    int stats, leaks;
    gh_leakwatch_stats last;
    gh_leakwatch_leak leak;
    bool allocate_in_callbacks;
} watch;

static void on_stats(const gh_leakwatch_stats *s, void *data)
{
    watch *w = data;
    w->last = *s;
    w->stats++;
    if (w->allocate_in_callbacks) /* deferred delivery: allowed */
        assert_non_null(new_obj(w->heap, T.obj, "StatsEvent", NULL, 8));
}

static void on_leak(const gh_leakwatch_leak *l, void *data)
{
    watch *w = data;
    w->leak = *l;
    w->leaks++;
    printf("leak event: ");
    gh_leakwatch_leak_print(stdout, l);
}

/* The server: a global object holding the ring of sessions and whatever a
 * scenario keeps. */
static const char *const server_keys[] = {"sessions", "kept", NULL};

typedef struct server {
    gh_heap *heap;
    gh_global *g;
    uint64_t requests;
} server;

static jsobj *server_obj(server *s)
{
    return gh_global_get(s->g);
}
static jsobj *kept(server *s)
{
    return gh_to_ptr(server_obj(s)->slots[1]);
}

static void server_init(server *s, gh_heap *h, jsobj *keep)
{
    gh_handle_scope sc;
    gh_scope_open(h, &sc);
    gh_handle k = gh_handle_new(h, keep);
    s->heap = h;
    s->requests = 0;
    s->g = gh_global_new(h, new_obj(h, T.obj, "Server", server_keys, 2));
    jsobj *ring = new_obj(h, T.array, "", NULL, RING);
    set_slot(server_obj(s), &server_obj(s)->slots[0], ring);
    set_slot(server_obj(s), &server_obj(s)->slots[1], *k);
    gh_scope_close(&sc);
}

/* One request: a session replaces the oldest in the ring, temporaries die
 * at once; returns the session, valid until the next allocation. */
static jsobj *request(server *s)
{
    static const char *const session_keys[] = {"user", NULL};
    gh_handle_scope sc;
    gh_scope_open(s->heap, &sc);
    gh_handle sess = gh_handle_new(s->heap, new_obj(s->heap, T.obj, "Session", session_keys, 64));
    new_obj(s->heap, T.obj, "Temporary", NULL, 6);
    jsstr *user = new_str(s->heap, T.str, "user@example.com");
    set_slot(*sess, &((jsobj *)*sess)->slots[0], user);
    jsobj *ring = gh_to_ptr(server_obj(s)->slots[0]);
    set_slot(ring, &ring->slots[s->requests % RING], *sess);
    s->requests++;
    jsobj *result = *sess;
    gh_scope_close(&sc);
    return result;
}

static void server_free(server *s)
{
    gh_global_free(s->heap, s->g);
}

/* Fill the ring, so that what follows starts from a steady heap. */
static void warm_up(server *s)
{
    for (int i = 0; i < RING; i++)
        request(s);
}

/* ---- growable arrays: element 0 is the length --------------------------- */

static jsobj *new_list(gh_heap *h, size_t cap)
{
    jsobj *l = new_obj(h, T.array, "", NULL, cap + 1);
    l->slots[0] = gh_from_int(0);
    return l;
}

/* list.push(item) for the list in slot *where of host; the list is copied
 * to one twice as big when full (as a JavaScript array's backing store). */
static void list_push(gh_heap *h, gh_handle host, size_t where, void *item)
{
    gh_handle_scope sc;
    gh_scope_open(h, &sc);
    gh_handle it = gh_handle_new(h, item);
    jsobj *l = gh_to_ptr(((jsobj *)*host)->slots[where]);
    int64_t len = gh_to_int(l->slots[0]);
    if ((uint64_t)len + 1 == l->nslots) {
        jsobj *grown = new_list(h, 2 * l->nslots);
        l = gh_to_ptr(((jsobj *)*host)->slots[where]);
        memcpy(grown->slots + 1, l->slots + 1, (size_t)len * sizeof(gh_value));
        gh_write_barrier_range(grown, grown->slots + 1, (size_t)len);
        grown->slots[0] = gh_from_int(len);
        set_slot(*host, &((jsobj *)*host)->slots[where], grown);
        l = grown;
    }
    set_slot(l, &l->slots[len + 1], *it);
    l->slots[0] = gh_from_int(len + 1);
    gh_scope_close(&sc);
}

static int64_t list_len(jsobj *host, size_t where)
{
    return gh_to_int(((jsobj *)gh_to_ptr(host->slots[where]))->slots[0]);
}

/* ---- the scenarios ------------------------------------------------------------ */

typedef struct run {
    gh_heap *heap;
    server srv;
    watch w;
    gh_leakwatch *lw;
    uint64_t full_gcs_before; /* the heap's, when the watch started */
} run;

static void run_start(run *r, jsobj *(*make_kept)(gh_heap *h))
{
    r->heap = diag_heap(256, 16);
    T = register_diag_types(r->heap);
    server_init(&r->srv, r->heap, make_kept ? make_kept(r->heap) : NULL);
    warm_up(&r->srv);
    memset(&r->w, 0, sizeof r->w);
    r->w.heap = r->heap;
    r->lw = gh_leakwatch_start(r->heap, on_stats, on_leak, &r->w);
    assert_non_null(r->lw);
    gh_heap_stats st;
    gh_heap_stats_get(r->heap, &st);
    r->full_gcs_before = st.full_gcs;
}

static void run_end(run *r)
{
    printf("after %llu requests, %d full GCs: ", (unsigned long long)r->srv.requests, r->w.stats);
    gh_leakwatch_stats_print(stdout, &r->w.last);
    gh_leakwatch_stop(r->lw);
    server_free(&r->srv);
    gh_heap_destroy(r->heap);
}

/* cache[key] = value, never evicted */
static const char *const cache_keys[] = {"entries", NULL};
static jsobj *make_cache(gh_heap *h)
{
    gh_handle_scope sc;
    gh_scope_open(h, &sc);
    gh_handle c = gh_handle_new(h, new_obj(h, T.obj, "Cache", cache_keys, 1));
    set_slot(*c, &((jsobj *)*c)->slots[0], new_list(h, 16));
    jsobj *cache = *c;
    gh_scope_close(&sc);
    return cache;
}

static void cache_set(gh_heap *h, jsobj *cache, uint64_t key)
{
    static const char *const entry_keys[] = {"key", "value", NULL};
    gh_handle_scope sc;
    gh_scope_open(h, &sc);
    gh_handle c = gh_handle_new(h, cache);
    gh_handle e = gh_handle_new(h, new_obj(h, T.obj, "CacheEntry", entry_keys, 2));
    char text[32];
    snprintf(text, sizeof text, "k%llu", (unsigned long long)key);
    set_slot(*e, &((jsobj *)*e)->slots[0], new_str(h, T.str, text));
    ((jsobj *)*e)->slots[1] = gh_from_int((int64_t)key * 2);
    list_push(h, c, 0, *e);
    gh_scope_close(&sc);
}

static void unbounded_cache_leaks(void **state)
{
    (void)state;
    run r;
    run_start(&r, make_cache);
    while (r.w.stats < 12 && r.srv.requests < MAX_REQUESTS) {
        request(&r.srv);
        if (r.srv.requests % 4 == 0) /* a new key every 4th request */
            cache_set(r.heap, kept(&r.srv), r.srv.requests);
    }
    assert_int_equal(r.w.stats, 12);
    /* growth at every collection: a leak at the 5th and the 10th */
    assert_int_equal(r.w.leaks, 2);
    assert_true(r.w.leak.growth > 0);
    assert_non_null(strstr(r.w.leak.reason, "heap growth over 5 consecutive GCs ("));
    assert_non_null(strstr(r.w.leak.reason, "/hr"));
    assert_true(r.w.leak.end_ms >= r.w.leak.start_ms);
    assert_true(r.w.last.usage_trend > 0);
    assert_true(r.w.last.max > r.w.last.min);
    run_end(&r);
}

/* LimitableMap(10): a new key evicts the oldest. */
static const char *const limitable_keys[] = {"limit", "keys", "map", NULL};
static jsobj *make_limitable(gh_heap *h)
{
    gh_handle_scope sc;
    gh_scope_open(h, &sc);
    gh_handle m = gh_handle_new(h, new_obj(h, T.obj, "LimitableMap", limitable_keys, 3));
    ((jsobj *)*m)->slots[0] = gh_from_int(10);
    set_slot(*m, &((jsobj *)*m)->slots[1], new_obj(h, T.array, "", NULL, 10));
    set_slot(*m, &((jsobj *)*m)->slots[2], new_obj(h, T.array, "", NULL, 10));
    jsobj *map = *m;
    gh_scope_close(&sc);
    return map;
}

static void limitable_set(gh_heap *h, jsobj *map, uint64_t key)
{
    gh_handle_scope sc;
    gh_scope_open(h, &sc);
    gh_handle m = gh_handle_new(h, map);
    char text[32];
    snprintf(text, sizeof text, "k%llu", (unsigned long long)key);
    gh_handle k = gh_handle_new(h, new_str(h, T.str, text));
    jsobj *keys = gh_to_ptr(((jsobj *)*m)->slots[1]), *vals = gh_to_ptr(((jsobj *)*m)->slots[2]);
    /* keys.shift(); delete map[firstKey]; then push: the oldest goes */
    memmove(keys->slots, keys->slots + 1, 9 * sizeof(gh_value));
    memmove(vals->slots, vals->slots + 1, 9 * sizeof(gh_value));
    gh_write_barrier_range(keys, keys->slots, 9);
    gh_write_barrier_range(vals, vals->slots, 9);
    set_slot(keys, &keys->slots[9], *k);
    vals->slots[9] = gh_from_int((int64_t)key * 2);
    gh_scope_close(&sc);
}

static void bounded_cache_does_not_leak(void **state)
{
    (void)state;
    run r;
    run_start(&r, make_limitable);
    while (r.w.stats < 25 && r.srv.requests < MAX_REQUESTS) {
        request(&r.srv);
        if (r.srv.requests % 4 == 0)
            limitable_set(r.heap, kept(&r.srv), r.srv.requests);
    }
    assert_int_equal(r.w.stats, 25);
    assert_int_equal(r.w.leaks, 0);
    assert_true(r.w.last.max - r.w.last.min < 16 * 1024); /* a steady base */
    run_end(&r);
}

/* A module-scope array that only grows: requests.push(req).  The heap diff
 * over the run names the culprit. */
static const char *const module_keys[] = {"requests", NULL};
static jsobj *make_module(gh_heap *h)
{
    gh_handle_scope sc;
    gh_scope_open(h, &sc);
    gh_handle m = gh_handle_new(h, new_obj(h, T.obj, "Module", module_keys, 1));
    set_slot(*m, &((jsobj *)*m)->slots[0], new_list(h, 16));
    jsobj *mod = *m;
    gh_scope_close(&sc);
    return mod;
}

static const gh_heapdiff_detail *detail(const gh_heapdiff_result *d, const char *what)
{
    for (size_t i = 0; i < d->detail_count; i++)
        if (strcmp(d->details[i].what, what) == 0)
            return &d->details[i];
    return NULL;
}

static void global_array_leak_is_reported(void **state)
{
    (void)state;
    static const char *const req_keys[] = {"url", NULL};
    run r;
    run_start(&r, make_module);
    gh_heapdiff *hd = gh_heapdiff_begin(r.heap);
    assert_non_null(hd);
    uint64_t pushed = 0;
    while (r.w.leaks == 0 && r.srv.requests < MAX_REQUESTS) {
        gh_handle_scope sc;
        gh_scope_open(r.heap, &sc);
        request(&r.srv);
        gh_handle req = gh_handle_new(r.heap, new_obj(r.heap, T.obj, "Request", req_keys, 1));
        set_slot(*req, &((jsobj *)*req)->slots[0], new_str(r.heap, T.str, "/index.html"));
        gh_handle mod = gh_handle_new(r.heap, kept(&r.srv));
        list_push(r.heap, mod, 0, *req);
        pushed++;
        gh_scope_close(&sc);
    }
    assert_int_equal(r.w.leaks, 1);
    assert_int_equal(r.w.stats, 5);
    assert_int_equal(list_len(kept(&r.srv), 0), (int64_t)pushed);
    gh_heapdiff_result *d = gh_heapdiff_end(hd);
    assert_non_null(d);
    printf("heap diff over the leak:\n");
    gh_heapdiff_print(stdout, d);
    /* every request object is still there: all allocated, none freed */
    const gh_heapdiff_detail *req = detail(d, "Request");
    assert_non_null(req);
    assert_int_equal(req->plus, pushed);
    assert_int_equal(req->minus, 0);
    assert_int_equal(req->size_bytes, (int64_t)(pushed * (sizeof(jsobj) + 8 + 8)));
    /* the ring of sessions was replaced, all of it: as many in as out */
    const gh_heapdiff_detail *sess = detail(d, "Session");
    assert_non_null(sess);
    assert_int_equal(sess->plus, RING);
    assert_int_equal(sess->minus, RING);
    assert_int_equal(sess->size_bytes, 0);
    assert_true(d->after.size_bytes > d->before.size_bytes);
    assert_int_equal(d->size_bytes, (int64_t)d->after.size_bytes - (int64_t)d->before.size_bytes);
    /* details in byte order */
    for (size_t i = 1; i < d->detail_count; i++)
        assert_true(strcmp(d->details[i - 1].what, d->details[i].what) < 0);
    /* the diff's own collections are not the watcher's */
    gh_heap_stats st;
    gh_heap_stats_get(r.heap, &st);
    assert_int_equal(gh_leakwatch_get_stats(r.lw).num_full_gc, st.full_gcs - r.full_gcs_before - 2);
    gh_heapdiff_result_free(d);
    run_end(&r);
}

/* A producer faster than its consumer: 3 jobs in, 2 out every 4th
 * request. */
static const char *const queue_keys[] = {"jobs", "head", "capacity", NULL};
static jsobj *make_queue(gh_heap *h)
{
    gh_handle_scope sc;
    gh_scope_open(h, &sc);
    gh_handle q = gh_handle_new(h, new_obj(h, T.obj, "Queue", queue_keys, 3));
    set_slot(*q, &((jsobj *)*q)->slots[0], new_list(h, 16));
    ((jsobj *)*q)->slots[1] = gh_from_int(0);
    jsobj *queue = *q;
    gh_scope_close(&sc);
    return queue;
}

/* enqueue: false when a bounded queue is full (the producer must wait) */
static bool enqueue(gh_heap *h, jsobj *queue, int64_t bound)
{
    gh_handle_scope sc;
    gh_scope_open(h, &sc);
    gh_handle q = gh_handle_new(h, queue);
    int64_t waiting = list_len(queue, 0) - gh_to_int(queue->slots[1]);
    bool ok = bound == 0 || waiting < bound;
    if (ok)
        list_push(h, q, 0, new_obj(h, T.obj, "Job", NULL, 2));
    gh_scope_close(&sc);
    return ok;
}

static void dequeue(jsobj *queue)
{
    jsobj *jobs = gh_to_ptr(queue->slots[0]);
    int64_t head = gh_to_int(queue->slots[1]), len = gh_to_int(jobs->slots[0]);
    if (head == len)
        return;
    jobs->slots[++head] = GH_EMPTY;      /* done: the job may go */
    if (head >= 64 && 2 * head >= len) { /* shift the waiting jobs down */
        memmove(jobs->slots + 1, jobs->slots + 1 + head, (size_t)(len - head) * sizeof(gh_value));
        memset(jobs->slots + 1 + (len - head), 0, (size_t)head * sizeof(gh_value));
        gh_write_barrier_range(jobs, jobs->slots + 1, (size_t)(len - head));
        jobs->slots[0] = gh_from_int(len - head);
        head = 0;
    }
    queue->slots[1] = gh_from_int(head);
}

static uint64_t run_queue(run *r, int64_t bound, int gcs)
{
    uint64_t refused = 0;
    while (r->w.stats < gcs && r->srv.requests < MAX_REQUESTS) {
        request(&r->srv);
        if (r->srv.requests % 4)
            continue;
        for (int i = 0; i < 3; i++)
            refused += !enqueue(r->heap, kept(&r->srv), bound);
        dequeue(kept(&r->srv));
        dequeue(kept(&r->srv));
    }
    return refused;
}

static void unbounded_queue_leaks(void **state)
{
    (void)state;
    run r;
    run_start(&r, make_queue);
    assert_int_equal(run_queue(&r, 0, 6), 0);
    assert_int_equal(r.w.leaks, 1);
    jsobj *q = kept(&r.srv);
    assert_true(list_len(q, 0) - gh_to_int(q->slots[1]) > 5000); /* the backlog */
    run_end(&r);
}

static void bounded_queue_refuses_work(void **state)
{
    (void)state;
    run r;
    run_start(&r, make_queue);
    uint64_t refused = run_queue(&r, 100, 20);
    assert_true(refused > 0);
    assert_int_equal(r.w.leaks, 0);
    jsobj *q = kept(&r.srv);
    assert_true(list_len(q, 0) - gh_to_int(q->slots[1]) <= 100);
    assert_true(r.w.last.max - r.w.last.min < 16 * 1024);
    run_end(&r);
}

/* Heavy allocation, a constant live set: no leak over 30 collections.
 * Delivered deferred, the events may allocate. */
static void steady_state_no_false_leak(void **state)
{
    (void)state;
    run r;
    run_start(&r, NULL);
    gh_leakwatch_set_deferred(r.lw, true);
    r.w.allocate_in_callbacks = true;
    while (r.w.stats < 30 && r.srv.requests < MAX_REQUESTS) {
        request(&r.srv);
        if (r.srv.requests % 1000 == 0)
            gh_leakwatch_dispatch(r.lw);
    }
    assert_int_equal(r.w.stats, 30);
    assert_int_equal(r.w.leaks, 0);
    /* the base barely moves: the ring, the server, the last temporaries */
    assert_true(r.w.last.max - r.w.last.min < 16 * 1024);
    assert_true(r.w.last.usage_trend > -1 && r.w.last.usage_trend < 1);
    run_end(&r);
}

/* With incremental marking (the default), full GCs end markings in short
 * pauses that leave the young generation in place: the base is still the
 * old generation, and the events come. */
static void watch_with_incremental_marking(void **state)
{
    (void)state;
    gh_config c;
    gh_config_init(&c);
    c.initial_semi_space = c.max_semi_space = GH_KiB(256);
    c.max_old_space = GH_MiB(16);
    gh_heap *h = gh_heap_create(&c);
    assert_non_null(h);
    T = register_diag_types(h);
    server srv;
    server_init(&srv, h, make_cache(h));
    warm_up(&srv);
    watch w = {.heap = h};
    gh_leakwatch *lw = gh_leakwatch_start(h, on_stats, on_leak, &w);
    while (w.stats < 8 && srv.requests < MAX_REQUESTS) {
        request(&srv);
        if (srv.requests % 4 == 0)
            cache_set(h, kept(&srv), srv.requests);
    }
    assert_int_equal(w.stats, 8);
    gh_heap_stats st;
    gh_heap_stats_get(h, &st);
    assert_true(w.last.current_base > 0 && w.last.current_base < st.limit);
    assert_true(w.last.min <= w.last.max);
    assert_int_equal(w.last.num_full_gc, 8);
    printf("with incremental marking: ");
    gh_leakwatch_stats_print(stdout, &w.last);
    gh_leakwatch_stop(lw);
    server_free(&srv);
    gh_heap_destroy(h);
}

/* The heap diff on a known change, and its errors. */
static void heapdiff_counts_by_category(void **state)
{
    (void)state;
    gh_heap *h = diag_heap(256, 64);
    T = register_diag_types(h);
    gh_type_id hidden = gh_type_register(h, &(gh_type_info){.name = "InternalThing", .size = 16});
    gh_handle_scope sc;
    gh_scope_open(h, &sc);
    gh_handle doomed = gh_handle_new(h, new_obj(h, T.obj, "Doomed", NULL, 2));
    gh_handle_new(h, new_obj(h, T.obj, "Stays", NULL, 2));
    gh_handle_new(h, gh_alloc(h, hidden, 16));
    gh_heapdiff *hd = gh_heapdiff_begin(h);
    gh_heapdiff *hd2 = gh_heapdiff_begin_flags(h, GH_HEAPDIFF_SKIP_HIDDEN);
    *doomed = NULL;
    gh_handle list = gh_handle_new(h, new_obj(h, T.array, "", NULL, 1000));
    for (int i = 0; i < 1000; i++)
        set_slot(*list, &((jsobj *)*list)->slots[i], new_obj(h, T.obj, "LeakingClass", NULL, 1));
    gh_handle_new(h, new_str(h, T.str, "hello"));
    gh_handle_new(h, gh_alloc(h, hidden, 16));
    gh_heapdiff_result *d = gh_heapdiff_end(hd);
    gh_heapdiff_result *d2 = gh_heapdiff_end(hd2);
    assert_non_null(d);
    assert_non_null(d2);
    gh_heapdiff_print(stdout, d);
    assert_int_equal(d->freed_nodes, 1);
    assert_int_equal(d->allocated_nodes, 1003);
    assert_int_equal(d->after.nodes, d->before.nodes + 1002);
    /* Array, Doomed, InternalThing, LeakingClass, String */
    assert_int_equal(d->detail_count, 5);
    assert_string_equal(d->details[0].what, "Array");
    assert_int_equal(d->details[0].size_bytes, 8 + 24 + 8000);
    assert_string_equal(d->details[1].what, "Doomed");
    assert_int_equal(d->details[1].size_bytes, -(8 + 24 + 16));
    assert_int_equal(d->details[1].minus, 1);
    assert_string_equal(d->details[2].what, "InternalThing");
    assert_string_equal(d->details[3].what, "LeakingClass");
    assert_int_equal(d->details[3].plus, 1000);
    assert_int_equal(d->details[3].size_bytes, 1000 * (8 + 24 + 8));
    assert_string_equal(d->details[4].what, "String");
    assert_int_equal(d2->detail_count, 4); /* no hidden InternalThing */
    gh_heapdiff_result_free(d);
    gh_heapdiff_result_free(d2);
    assert_null(gh_heapdiff_begin(NULL));
    assert_null(gh_heapdiff_end(NULL));
    gh_heapdiff_cancel(gh_heapdiff_begin(h));
    gh_heapdiff_cancel(NULL);
    gh_heapdiff_result_free(NULL);
    gh_scope_close(&sc);
    gh_heap_destroy(h);
}

/* Flags the diff does not know are refused, as the heap refuses unknown
 * type flags: a caller passing, say, a future flag to an older library
 * would otherwise get a diff that silently ignores it. */
static void heapdiff_refuses_unknown_flags(void **state)
{
    (void)state;
    gh_heap *h = diag_heap(256, 16);
    assert_null(gh_heapdiff_begin_flags(h, 1u << 1));
    assert_non_null(strstr(gh_diag_last_error_message(), "unknown flags 0x2"));
    assert_null(gh_heapdiff_begin_flags(h, GH_HEAPDIFF_SKIP_HIDDEN | 1u << 31));
    gh_heapdiff *hd = gh_heapdiff_begin_flags(h, GH_HEAPDIFF_SKIP_HIDDEN);
    assert_non_null(hd);
    gh_heapdiff_cancel(hd);
    gh_heap_destroy(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(heapdiff_counts_by_category),
        cmocka_unit_test(heapdiff_refuses_unknown_flags),
        cmocka_unit_test(unbounded_cache_leaks),
        cmocka_unit_test(bounded_cache_does_not_leak),
        cmocka_unit_test(global_array_leak_is_reported),
        cmocka_unit_test(unbounded_queue_leaks),
        cmocka_unit_test(bounded_queue_refuses_work),
        cmocka_unit_test(steady_state_no_false_leak),
        cmocka_unit_test(watch_with_incremental_marking),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
