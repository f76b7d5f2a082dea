/* test_introspection.c -- what heap tools see: every live object once, in
 * address order; ids that survive moves; named and numbered edges; the
 * roots by kind. */
#include "test_util.h"

typedef struct tnode {
    struct tnode *left, *right;
    gh_value payload;
} tnode;

static const char *const tnode_slots[] = {"left", "right", "payload", NULL};

typedef struct walk {
    size_t count, bytes;
    uintptr_t last;
    bool ordered;
    size_t tnodes;
} walk;

static gh_type_id tnode_type;

static bool count_object(void *obj, void *data)
{
    walk *w = data;
    w->count++;
    w->bytes += gh_size_of(obj) + 8;
    w->ordered = w->ordered && (uintptr_t)obj > w->last;
    w->last = (uintptr_t)obj;
    w->tnodes += gh_type_of(obj) == tnode_type;
    return true;
}

static tnode *build(gh_heap *h, int depth)
{
    if (depth == 0)
        return NULL;
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle l = gh_handle_new(h, build(h, depth - 1));
    gh_handle r = gh_handle_new(h, build(h, depth - 1));
    tnode *n = gh_alloc(h, tnode_type, sizeof(tnode));
    gh_set_ptr(n, &n->left, *l);
    gh_set_ptr(n, &n->right, *r);
    n->payload = gh_from_int(depth);
    gh_scope_close(&s);
    return n;
}

static void count_edge(void *data, void *target, gh_edge_kind kind, const char *name,
                       size_t index)
{
    (void)target, (void)kind, (void)name, (void)index;
    (*(int *)data)++;
}

/* Another heap's object: its type id means nothing here (reading it once
 * overran this heap's type table), and an id kept for its address would
 * outlive it.  Refused. */
static void objects_of_another_heap_are_refused(void **state)
{
    (void)state;
    gh_heap *a = small_heap(256, 8), *b = small_heap(256, 8);
    gh_type_id t = register_rec(b);
    for (int i = 0; i < 40; i++) /* type ids beyond a's table */
        gh_type_register(b, &(gh_type_info){.name = "filler", .size = 8});
    gh_type_id late = gh_type_register(b, &(gh_type_info){.name = "late"});
    rec *r = new_rec(b, t, 1, 1);
    void *o = gh_alloc(b, late, 16);
    gh_clear_error();
    assert_int_equal(gh_object_id(a, r), 0);
    assert_int_equal(gh_last_error(), GH_ERR_INVALID_ARGUMENT);
    assert_string_equal(gh_object_name(a, o, NULL, 0), "");
    assert_int_equal(gh_object_node_kind(a, o), GH_NODE_HIDDEN);
    int edges = 0;
    gh_object_edges(a, r, count_edge, &edges);
    assert_int_equal(edges, 0);
    assert_int_equal(gh_collect(a, GH_GC_FULL), GH_OK);
    assert_true(gh_object_id(b, r) != 0); /* its own heap answers */
    gh_heap_destroy(b);
    gh_heap_destroy(a);
}

static void iterate_sees_every_live_object(void **state)
{
    (void)state;
    gh_heap *h = small_heap(512, 64);
    tnode_type = gh_type_register(h, &(gh_type_info){.name = "TreeNode", .size = sizeof(tnode),
                                                     .slot_names = tnode_slots,
                                                     .node_kind = GH_NODE_OBJECT});
    gh_type_id t = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle tree = gh_handle_new(h, build(h, 12)); /* 4095 nodes */
    for (int i = 0; i < 50000; i++)
        new_rec(h, t, 0, 3); /* garbage */
    gh_handle big = gh_handle_new(h, new_rec(h, t, 1, 20000)); /* a large object */
    walk w = {.ordered = true};
    assert_int_equal(gh_heap_iterate(h, count_object, &w), GH_OK);
    assert_int_equal(w.tnodes, 4095);
    assert_int_equal(w.count, 4096);
    assert_true(w.ordered);
    assert_int_equal(w.bytes, stats_of(h).used); /* exactly the live bytes */
    assert_int_equal(gh_heap_iterate(NULL, count_object, &w), GH_ERR_NULL_HEAP);
    (void)tree;
    (void)big;
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* Weak callbacks run at the end of the collection gh_heap_iterate makes,
 * and may allocate: enough, under the incremental stress mode, to start
 * and finish a marking whose short GC sweeps lazily.  The walk then once
 * met objects that GC had found dead (their referents unmapped) on pages
 * not yet swept, and missed the young objects the callback made. */
typedef struct cb_heap {
    gh_global *tree, *keep;
    gh_type_id pair;
    int full_gcs, callbacks;
} cb_heap;

static void count_full_gc(gh_heap *h, gh_gc_phase phase, const gh_gc_info *info, void *data)
{
    (void)h;
    if (phase == GH_GC_EPILOGUE && info->kind == GH_GC_FULL)
        ((cb_heap *)data)->full_gcs++;
}

static void drop_tree_and_allocate(gh_heap *h, gh_global *g, void *data)
{
    (void)g;
    cb_heap *c = data;
    c->callbacks++;
    gh_global_set(c->tree, NULL);
    gh_global_set(c->keep, gh_alloc(h, c->pair, sizeof(pair)));
    for (int i = 0, gcs = c->full_gcs; i < 100000 && c->full_gcs == gcs; i++)
        assert_non_null(gh_alloc(h, c->pair, sizeof(pair)));
}

typedef struct dead_walk {
    cb_heap *cb;
    void *dead;
    bool saw_dead, saw_kept;
} dead_walk;

static bool look_for(void *obj, void *data)
{
    dead_walk *w = data;
    /* once the callback has run, its GC found the tree dead */
    w->saw_dead |= obj == w->dead && w->cb->callbacks > 0;
    w->saw_kept |= obj == gh_global_get(w->cb->keep);
    return true;
}

static void iterate_sees_the_heap_its_collection_left(void **state)
{
    (void)state;
    gh_config c;
    gh_config_init(&c);
    c.stress = GH_STRESS_INCREMENTAL;
    gh_heap *h = gh_heap_create(&c);
    assert_non_null(h);
    cb_heap cb = {.pair = register_pair(h)};
    gh_type_id leaf = gh_type_register(h, &(gh_type_info){.name = "leaf", .flags = GH_TYPE_LEAF});
    gh_gc_callback_add(h, count_full_gc, &cb);
    gh_global *live = gh_global_new(h, gh_alloc_old(h, cb.pair, sizeof(pair)));
    pair *dead = gh_alloc_old(h, cb.pair, sizeof(pair)); /* beside a live one */
    cb.tree = gh_global_new(h, dead);
    cb.keep = gh_global_new(h, NULL);
    void *big = gh_alloc(h, leaf, GH_LARGE_OBJECT_SIZE * 2);
    dead = gh_global_get(cb.tree);
    gh_set_ptr(dead, &dead->head, big);
    gh_global *weak = gh_global_new(h, gh_alloc(h, cb.pair, sizeof(pair)));
    assert_int_equal(gh_global_set_weak(weak, drop_tree_and_allocate, &cb), GH_OK);
    dead_walk w = {.cb = &cb, .dead = dead};
    assert_int_equal(gh_heap_iterate(h, look_for, &w), GH_OK);
    assert_int_equal(cb.callbacks, 1);
    assert_false(w.saw_dead);
    /* what the callback made is live: the next walk sees it */
    assert_non_null(gh_global_get(cb.keep));
    w.dead = NULL;
    assert_int_equal(gh_heap_iterate(h, look_for, &w), GH_OK);
    assert_true(w.saw_kept);
    assert_int_equal(gh_verify(h), GH_OK);
    (void)live;
    gh_heap_destroy(h);
}

typedef struct edge_log {
    int count;
    gh_edge_kind kinds[8];
    char names[8][16];
    size_t indexes[8];
    void *targets[8];
} edge_log;

static void log_edge(void *data, void *target, gh_edge_kind kind, const char *name, size_t index)
{
    edge_log *l = data;
    if (l->count < 8) {
        l->kinds[l->count] = kind;
        snprintf(l->names[l->count], sizeof l->names[0], "%s", name ? name : "");
        l->indexes[l->count] = index;
        l->targets[l->count] = target;
    }
    l->count++;
}

typedef struct env {
    gh_value captured, parent;
} env;

static void trace_env(void *obj, gh_tracer *t)
{
    env *e = obj;
    gh_trace_edge(t, &e->captured, GH_EDGE_CONTEXT, "x");
    gh_trace_edge(t, &e->parent, GH_EDGE_INTERNAL, "previous");
}

static const char *env_name(const void *obj, char *buf, size_t size)
{
    (void)obj;
    snprintf(buf, size, "(closure scope)");
    return buf;
}

/* An edge function (or node_name) that allocates: refused, since the
 * object is being read.  A scavenge it set off moved the object under the
 * walk, which went on reading the old copy in from-space. */
typedef struct greedy_walk {
    gh_heap *heap;
    gh_type_id type;
    int edges, refused;
} greedy_walk;

static void allocating_edge(void *data, void *target, gh_edge_kind kind, const char *name,
                            size_t index)
{
    (void)target;
    (void)kind;
    (void)name;
    (void)index;
    greedy_walk *g = data;
    g->edges++;
    for (int i = 0; i < 20000; i++) { /* a semispace's worth */
        if (!gh_alloc(g->heap, g->type, rec_size(1))) {
            g->refused += gh_last_error() == GH_ERR_IN_GC;
            return;
        }
    }
}

static greedy_walk *naming_walk;
static const char *allocating_name(const void *obj, char *buf, size_t size)
{
    (void)obj;
    naming_walk->edges++;
    if (!gh_alloc(naming_walk->heap, naming_walk->type, rec_size(1)))
        naming_walk->refused += gh_last_error() == GH_ERR_IN_GC;
    snprintf(buf, size, "named");
    return buf;
}

static void edge_functions_cannot_allocate(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 16);
    gh_type_id t = register_rec(h);
    gh_type_id named = gh_type_register(
        h, &(gh_type_info){.name = "Named", .size = 8, .flags = GH_TYPE_LEAF,
                           .node_name = allocating_name});
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle arr = gh_handle_new(h, new_rec(h, t, 0, 8));
    for (size_t i = 0; i < 8; i++) {
        rec *r = new_rec(h, t, i, 0);
        gh_set_value(*arr, &((rec *)*arr)->slots[i], gh_from_ptr(r));
    }
    greedy_walk g = {.heap = h, .type = t};
    gh_object_edges(h, *arr, allocating_edge, &g);
    assert_int_equal(g.edges, 8);
    assert_int_equal(g.refused, 8);
    naming_walk = &g;
    g.edges = g.refused = 0;
    char buf[16];
    assert_string_equal(gh_object_name(h, gh_alloc(h, named, 8), buf, sizeof buf), "named");
    assert_int_equal(g.edges, 1);
    assert_int_equal(g.refused, 1);
    assert_non_null(new_rec(h, t, 0, 1)); /* allocation works again after */
    assert_int_equal(gh_verify(h), GH_OK);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

static void edges_carry_kinds_and_names(void **state)
{
    (void)state;
    gh_heap *h = small_heap(512, 64);
    tnode_type = gh_type_register(h, &(gh_type_info){.name = "TreeNode", .size = sizeof(tnode),
                                                     .slot_names = tnode_slots});
    gh_type_id envt = gh_type_register(h, &(gh_type_info){.name = "Env", .size = sizeof(env),
                                                          .trace = trace_env,
                                                          .node_kind = GH_NODE_CLOSURE,
                                                          .node_name = env_name});
    gh_type_id t = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle n = gh_handle_new(h, build(h, 2));
    edge_log l = {0};
    gh_object_edges(h, *n, log_edge, &l);
    assert_int_equal(l.count, 2); /* the payload is an integer: no edge */
    assert_int_equal(l.kinds[0], GH_EDGE_PROPERTY);
    assert_string_equal(l.names[0], "left");
    assert_string_equal(l.names[1], "right");
    assert_true(l.targets[0] == ((tnode *)*n)->left);
    /* a trace function names its edges */
    gh_handle e = gh_handle_new(h, gh_alloc(h, envt, sizeof(env)));
    rec *captured = new_rec(h, t, 5, 0);
    gh_set_value(*e, &((env *)*e)->captured, gh_from_ptr(captured));
    memset(&l, 0, sizeof l);
    gh_object_edges(h, *e, log_edge, &l);
    assert_int_equal(l.count, 1);
    assert_int_equal(l.kinds[0], GH_EDGE_CONTEXT);
    assert_string_equal(l.names[0], "x");
    char buf[64];
    assert_string_equal(gh_object_name(h, *e, buf, sizeof buf), "(closure scope)");
    assert_int_equal(gh_object_node_kind(h, *e), GH_NODE_CLOSURE);
    assert_string_equal(gh_object_name(h, *n, buf, sizeof buf), "TreeNode");
    assert_int_equal(gh_object_node_kind(h, *n), GH_NODE_HIDDEN);
    /* no names: numbered elements */
    rec *r = new_rec(h, t, 1, 3);
    gh_set_value(r, &r->slots[2], gh_from_ptr(r));
    memset(&l, 0, sizeof l);
    gh_object_edges(h, r, log_edge, &l);
    assert_int_equal(l.count, 1);
    assert_int_equal(l.kinds[0], GH_EDGE_ELEMENT);
    assert_int_equal(l.indexes[0], 2);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* A slot layout whose edge names differ per object (a JS object's come
 * from its shape): the edges function names them for snapshots, and the
 * collectors, which scan the layout inline, never call it. */
typedef struct named_pair {
    gh_value label; /* gh_from_int(k): which names the edges get */
    void *a, *b;
} named_pair;

static int named_pair_edge_calls;

static void named_pair_edges(void *obj, gh_tracer *t)
{
    named_pair *p = obj;
    named_pair_edge_calls++;
    bool swapped = gh_to_int(p->label) == 1;
    gh_trace_edge(t, &p->a, GH_EDGE_PROPERTY, swapped ? "second" : "first");
    gh_trace_edge(t, &p->b, GH_EDGE_PROPERTY, swapped ? "first" : "second");
}

static void edges_function_names_a_layouts_slots_and_collectors_skip_it(void **state)
{
    (void)state;
    gh_heap *h = small_heap(512, 64);
    gh_type_id t = gh_type_register(
        h, &(gh_type_info){.name = "NamedPair", .size = sizeof(named_pair), .edges = named_pair_edges});
    assert_int_not_equal(t, 0);
    gh_type_id r = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle np = gh_handle_new(h, gh_alloc(h, t, sizeof(named_pair)));
    ((named_pair *)*np)->label = gh_from_int(1);
    for (int i = 0; i < 2; i++) {
        rec *x = new_rec(h, r, (uint64_t)(10 + i), 0);
        named_pair *p = *np;
        gh_set_ptr(p, i ? &p->b : &p->a, x);
    }
    named_pair_edge_calls = 0;
    gh_collect(h, GH_GC_MINOR);
    gh_collect(h, GH_GC_FULL);
    gh_collect(h, GH_GC_MINOR);
    assert_int_equal(named_pair_edge_calls, 0);
    named_pair *p = *np; /* the layout kept both referents, and updated both slots */
    assert_int_equal(((rec *)p->a)->id, 10);
    assert_int_equal(((rec *)p->b)->id, 11);
    edge_log l = {0};
    gh_object_edges(h, p, log_edge, &l);
    assert_int_equal(named_pair_edge_calls, 1);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.names[0], "second");
    assert_true(l.targets[0] == p->a);
    assert_string_equal(l.names[1], "first");
    /* only for slot layouts */
    assert_int_equal(gh_type_register(h, &(gh_type_info){.name = "X", .trace = trace_env,
                                                         .edges = named_pair_edges}),
                     0);
    assert_int_equal(gh_last_error(), GH_ERR_INVALID_ARGUMENT);
    assert_int_equal(gh_type_register(h, &(gh_type_info){.name = "Y", .flags = GH_TYPE_LEAF,
                                                         .edges = named_pair_edges}),
                     0);
    assert_int_equal(gh_type_register(h, &(gh_type_info){.name = "Z", .flags = GH_TYPE_EPHEMERON,
                                                         .edges = named_pair_edges}),
                     0);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

static void ids_survive_moves_and_are_never_reused(void **state)
{
    (void)state;
    gh_config c;
    gh_config_init(&c);
    c.initial_semi_space = c.max_semi_space = GH_KiB(512);
    c.stress = GH_STRESS_COMPACT; /* every full GC moves old objects too */
    gh_heap *h = gh_heap_create(&c);
    gh_type_id t = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    enum { N = 200 };
    gh_handle hs[N];
    uint64_t ids[N];
    for (int i = 0; i < N; i++) {
        hs[i] = gh_handle_new(h, new_rec(h, t, (uint64_t)i, 2));
        ids[i] = gh_object_id(h, *hs[i]);
        assert_true(ids[i] % 2 == 1 && ids[i] > 1000);
        for (int j = 0; j < i; j++)
            assert_true(ids[j] != ids[i]);
    }
    void *before = *hs[0];
    for (int round = 0; round < 4; round++) {
        assert_int_equal(gh_collect(h, round % 2 ? GH_GC_FULL : GH_GC_MINOR), GH_OK);
        for (int i = 0; i < N; i++)
            assert_int_equal(gh_object_id(h, *hs[i]), ids[i]);
    }
    assert_true(*hs[0] != before); /* they did move */
    /* dead objects' ids are not handed out again */
    uint64_t dead_id = ids[N - 1];
    *hs[N - 1] = NULL;
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    for (int i = 0; i < 100; i++) {
        rec *r = new_rec(h, t, 0, 0);
        assert_true(gh_object_id(h, r) != dead_id);
    }
    assert_int_equal(gh_object_id(NULL, *hs[0]), 0);
    assert_int_equal(gh_object_id(h, NULL), 0);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* A finalizer asking its (dead) object's id: refused.  The id it was
 * given stayed in the table under the freed address, and the next object
 * allocated there was reported with it. */
static gh_heap *id_heap;
static void *finalized_at;
static uint64_t finalizer_id;
static gh_error finalizer_id_error;

static void id_asking_finalizer(void *obj, void *data)
{
    (void)data;
    gh_clear_error();
    finalized_at = obj;
    finalizer_id = gh_object_id(id_heap, obj);
    finalizer_id_error = gh_last_error();
}

static void finalizers_get_no_ids(void **state)
{
    (void)state;
    gh_heap *h = id_heap = small_heap(256, 16);
    gh_type_id t = register_pair(h);
    gh_type_id fin = gh_type_register(
        h, &(gh_type_info){.name = "fin", .size = sizeof(pair), .finalize = id_asking_finalizer});
    assert_non_null(gh_alloc_old(h, fin, sizeof(pair)));
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_non_null(finalized_at);
    assert_int_equal(finalizer_id, 0);
    assert_int_equal(finalizer_id_error, GH_ERR_IN_GC);
    /* the next object at that address has an id of its own */
    gh_handle_scope s;
    gh_scope_open(h, &s);
    void *reused = NULL;
    for (int i = 0; i < 100000 && !reused; i++) {
        pair *p = gh_alloc_old(h, t, sizeof *p);
        assert_non_null(p);
        gh_handle_new(h, p);
        if ((void *)p == finalized_at)
            reused = p;
    }
    assert_non_null(reused);
    uint64_t id = gh_object_id(h, reused);
    assert_true(id != 0 && id != finalizer_id);
    assert_int_equal(gh_object_id(h, gh_alloc(h, t, sizeof(pair))), id + 2); /* the next one */
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

typedef struct root_count {
    int kinds[4];
} root_count;

static void count_root(void *data, gh_root_kind kind, void *target)
{
    (void)target;
    ((root_count *)data)->kinds[kind]++;
}

static gh_value stack_slots[3];
static void visit_stack(gh_tracer *t, void *data)
{
    (void)data;
    gh_trace_slots(t, stack_slots, 3);
}

static void roots_by_kind(void **state)
{
    (void)state;
    gh_heap *h = small_heap(512, 64);
    gh_type_id t = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle_new(h, new_rec(h, t, 0, 0));
    gh_handle_new(h, NULL);
    gh_global *g = gh_global_new(h, new_rec(h, t, 0, 0));
    gh_global *w = gh_global_new(h, new_rec(h, t, 0, 0));
    gh_global_set_weak(w, NULL, NULL);
    stack_slots[0] = gh_from_ptr(new_rec(h, t, 0, 0));
    stack_slots[1] = gh_from_int(3);
    gh_root_visitor_add(h, visit_stack, NULL);
    root_count rc = {{0}};
    gh_root_edges(h, count_root, &rc);
    assert_int_equal(rc.kinds[GH_ROOT_HANDLE_SCOPE], 1);
    assert_int_equal(rc.kinds[GH_ROOT_GLOBAL_HANDLE], 1);
    assert_int_equal(rc.kinds[GH_ROOT_WEAK_HANDLE], 1);
    assert_int_equal(rc.kinds[GH_ROOT_EMBEDDER], 1);
    gh_global_free(h, g);
    gh_global_free(h, w);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(iterate_sees_every_live_object),
        cmocka_unit_test(iterate_sees_the_heap_its_collection_left),
        cmocka_unit_test(objects_of_another_heap_are_refused),
        cmocka_unit_test(edges_carry_kinds_and_names),
        cmocka_unit_test(edges_function_names_a_layouts_slots_and_collectors_skip_it),
        cmocka_unit_test(edge_functions_cannot_allocate),
        cmocka_unit_test(ids_survive_moves_and_are_never_reused),
        cmocka_unit_test(finalizers_get_no_ids),
        cmocka_unit_test(roots_by_kind),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
