/* test_handles.c -- handle scopes, escape, globals and root visitors: the
 * roots keep objects alive and are updated when objects move. */
#include <sys/mman.h>

#include "test_util.h"

static void handles_keep_objects_and_follow_moves(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 8);
    gh_type_id t = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle a = gh_handle_new(h, new_rec(h, t, 1, 0));
    gh_handle b = gh_handle_new(h, *a); /* two handles, one object */
    void *before = *a;
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    assert_true(*a != before); /* it moved */
    assert_true(*a == *b);     /* and both handles agree */
    assert_int_equal(((rec *)gh_deref(a))->id, 1);
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_false(gh_in_young(h, *a)); /* a full GC empties the young generation */
    assert_int_equal(((rec *)*a)->id, 1);
    assert_int_equal(gh_scope_close(&s), GH_OK);
    gh_heap_destroy(h);
}

static void closing_a_scope_releases_its_handles(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 8);
    gh_type_id t = register_rec(h);
    gh_handle_scope outer, inner;
    gh_scope_open(h, &outer);
    gh_handle kept = gh_handle_new(h, new_rec(h, t, 1, 0));
    gh_scope_open(h, &inner);
    for (int i = 0; i < 5000; i++) /* several handle blocks */
        gh_handle_new(h, new_rec(h, t, 100 + (uint64_t)i, 16));
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    size_t used_with_inner = stats_of(h).used;
    assert_int_equal(gh_scope_close(&inner), GH_OK);
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    size_t used_after = stats_of(h).used;
    assert_true(used_after < used_with_inner / 10);
    assert_int_equal(((rec *)*kept)->id, 1);
    /* handles made after the inner scope closed belong to the outer one */
    gh_handle later = gh_handle_new(h, new_rec(h, t, 2, 0));
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(((rec *)*later)->id, 2);
    assert_int_equal(gh_scope_close(&outer), GH_OK);
    gh_heap_destroy(h);
}

static rec *make_escaping(gh_heap *h, gh_type_id t, gh_handle *out)
{
    gh_handle_scope s;
    gh_scope_open_escapable(h, &s);
    gh_handle tmp = NULL;
    for (int i = 0; i < 100; i++)
        tmp = gh_handle_new(h, new_rec(h, t, 500 + (uint64_t)i, 1));
    *out = gh_scope_escape(&s, tmp);
    gh_scope_close(&s);
    return **out;
}

static void escapable_scope(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 8);
    gh_type_id t = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle escaped;
    make_escaping(h, t, &escaped);
    for (int i = 0; i < 20000; i++)
        new_rec(h, t, 0, 4);
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(((rec *)*escaped)->id, 599);
    assert_null(gh_scope_escape(NULL, escaped));
    assert_int_equal(gh_last_error(), GH_ERR_INVALID_ARGUMENT);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

static void escape_misuse_child(void)
{
    gh_heap *h = small_heap(256, 8);
    gh_handle_scope esc, plain;
    gh_scope_open_escapable(h, &esc);
    gh_handle x = gh_handle_new(h, NULL);
    if (!gh_scope_escape(&esc, x))
        _exit(3);
    if (gh_scope_escape(&esc, x) != NULL) /* only once */
        _exit(4);
    gh_scope_open(h, &plain);
    if (gh_scope_escape(&plain, x) != NULL) /* not escapable */
        _exit(5);
    fprintf(stderr, "%s\n", gh_last_error_message());
    _exit(0);
}

static void escaping_twice_or_from_a_plain_scope_is_misuse(void **state)
{
    (void)state;
    expect_misuse_reported(escape_misuse_child, "not escapable or already escaped");
}

static void close_out_of_order_child(void)
{
    gh_heap *h = small_heap(256, 8);
    gh_handle_scope a, b;
    gh_scope_open(h, &a);
    gh_scope_open(h, &b);
    gh_error err = gh_scope_close(&a); /* b is still open */
    /* release builds report and release nothing; debug builds abort */
    if (err != GH_ERR_MISUSE || h == NULL)
        _exit(3);
    assert_int_equal(gh_scope_close(&b), GH_OK);
    assert_int_equal(gh_scope_close(&a), GH_OK);
    gh_heap_destroy(h);
    fprintf(stderr, "%s\n", gh_last_error_message());
    _exit(0);
}

static void scopes_closed_out_of_order_are_reported(void **state)
{
    (void)state;
    expect_misuse_reported(close_out_of_order_child, "closed while an inner scope");
}

/* Checked under the zap stress mode (and in debug builds of the library):
 * without the check the scope chain would become a cycle, and the misuse
 * surface only at a later close, if at all. */
static void reopen_child(void)
{
    gh_config c;
    gh_config_init(&c);
    c.stress = GH_STRESS_ZAP;
    gh_heap *h = gh_heap_create(&c);
    gh_handle_scope a, b;
    gh_scope_open(h, &a);
    gh_scope_open(h, &b);
    gh_scope_open(h, &a); /* a is still open */
    /* release builds report it and leave both scopes as they were */
    if (gh_last_error() != GH_ERR_MISUSE)
        _exit(3);
    if (gh_scope_close(&b) != GH_OK || gh_scope_close(&a) != GH_OK)
        _exit(4);
    fprintf(stderr, "%s\n", gh_last_error_message());
    gh_heap_destroy(h);
    _exit(0);
}

static void reopening_an_open_scope_is_reported(void **state)
{
    (void)state;
    expect_misuse_reported(reopen_child, "is already open");
}

static void use_after_close_child(void)
{
    gh_config c;
    gh_config_init(&c);
    c.stress = GH_STRESS_ZAP;
    gh_heap *h = gh_heap_create(&c);
    gh_type_id t = register_pair(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle stale = gh_handle_new(h, new_pair(h, t));
    /* ten blocks of handles: the last one's block must stay readable after
     * the close (it was freed, and checking the zap read freed memory) */
    gh_handle last = stale;
    for (int i = 0; i < 10 * 1024; i++)
        last = gh_handle_new(h, *stale);
    gh_scope_close(&s);
    /* zapped: the slots now hold GH_HANDLE_ZAP, not the object */
    if (*stale != GH_HANDLE_ZAP || *last != GH_HANDLE_ZAP)
        _exit(4);
    gh__handle_use_after_close(stale); /* what gh_deref calls under GH_DEBUG */
    _exit(0);
}

static void stale_handles_are_caught(void **state)
{
    (void)state;
    char err[1024];
    int status = run_in_child(use_after_close_child, err, sizeof err);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
    assert_non_null(strstr(err, "closed handle scope"));
}

static void globals_are_roots(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 8);
    gh_type_id t = register_rec(h);
    gh_global *g[600];
    for (int i = 0; i < 600; i++) /* more than one block of globals */
        g[i] = gh_global_new(h, new_rec(h, t, (uint64_t)i, 2));
    for (int i = 0; i < 600; i += 2)
        gh_global_free(h, g[i]);
    for (int i = 0; i < 100000; i++)
        new_rec(h, t, 0, 3);
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    for (int i = 1; i < 600; i += 2)
        assert_int_equal(((rec *)gh_global_get(g[i]))->id, (uint64_t)i);
    gh_global_set(g[1], NULL);
    assert_null(gh_global_get(g[1]));
    /* freed nodes are reused */
    gh_global *again = gh_global_new(h, NULL);
    assert_non_null(again);
    gh_global_free(h, again);
    for (int i = 1; i < 600; i += 2)
        gh_global_free(h, g[i]);
    gh_heap_destroy(h);
}

/* A global of one heap holding another heap's object: refused.  Heap a's
 * full GC marked b's object in b's bitmap, b's verifier found mark bits
 * outside a collection, and b's next full GC freed the object while b's
 * own handle still held it. */
static void globals_refuse_objects_of_another_heap(void **state)
{
    (void)state;
    gh_heap *a = small_heap(256, 8), *b = small_heap(256, 8);
    register_rec(a);
    gh_type_id tb = register_rec(b);
    gh_handle_scope s;
    gh_scope_open(b, &s);
    gh_handle hb = gh_handle_new(b, gh_alloc_old(b, tb, rec_size(0)));
    ((rec *)*hb)->id = 42;
    gh_clear_error();
    assert_null(gh_global_new(a, *hb));
    assert_int_equal(gh_last_error(), GH_ERR_INVALID_ARGUMENT);
    gh_clear_error();
    assert_null(gh_global_new(a, (void *)(uintptr_t)gh_from_ptr(*hb))); /* tagged, too */
    assert_int_equal(gh_last_error(), GH_ERR_INVALID_ARGUMENT);
    gh_global *g = gh_global_new(a, NULL);
    assert_non_null(g);
    gh_clear_error();
    gh_global_set(g, *hb);
    assert_int_equal(gh_last_error(), GH_ERR_INVALID_ARGUMENT);
    assert_null(gh_global_get(g));
    gh_global_set(g, (void *)(uintptr_t)gh_from_int(7)); /* not an object: fine */
    assert_int_equal(gh_collect(a, GH_GC_FULL), GH_OK);
    assert_int_equal(gh_verify(a), GH_OK);
    assert_int_equal(gh_verify(b), GH_OK);
    assert_int_equal(gh_collect(b, GH_GC_FULL), GH_OK);
    assert_int_equal(((rec *)*hb)->id, 42);
    assert_int_equal(gh_verify(b), GH_OK);
    gh_global_free(a, g);
    gh_scope_close(&s);
    gh_heap_destroy(a);
    gh_heap_destroy(b);
}

/* A local handle of heap a holding heap b's object (nothing checks a
 * handle when it is made): a's collections pass over it and report it.
 * a's full GC used to mark the object in b's bitmap, which b's verifier
 * then found outside any collection. */
static void foreign_local_handle_child(void)
{
    gh_heap *a = small_heap(256, 8), *b = small_heap(256, 8);
    register_rec(a);
    gh_type_id tb = register_rec(b);
    gh_handle_scope sa, sb;
    gh_scope_open(a, &sa);
    gh_scope_open(b, &sb);
    gh_handle theirs = gh_handle_new(b, new_old_rec(b, tb, 42, 0));
    gh_handle mistaken = gh_handle_new(a, *theirs);
    gh_clear_error();
    if (gh_collect(a, GH_GC_FULL) != GH_OK || gh_last_error() != GH_ERR_MISUSE)
        _exit(3);
    fprintf(stderr, "%s\n", gh_last_error_message());
    if (gh_verify(b) != GH_OK) /* no mark bit left in b's pages */
        _exit(4);
    gh_clear_error();
    if (gh_collect(a, GH_GC_MINOR) != GH_OK || gh_last_error() != GH_ERR_MISUSE)
        _exit(5);
    if (*mistaken != *theirs || gh_verify(a) == GH_OK) /* untouched; verify names it */
        _exit(6);
    if (gh_collect(b, GH_GC_FULL) != GH_OK || gh_verify(b) != GH_OK ||
        ((rec *)*theirs)->id != 42)
        _exit(7);
    gh_scope_close(&sb);
    gh_scope_close(&sa);
    gh_heap_destroy(a);
    gh_heap_destroy(b);
    _exit(0);
}

static void collectors_pass_over_handles_to_another_heaps_objects(void **state)
{
    (void)state;
    expect_misuse_reported(foreign_local_handle_child, "an object of another heap");
}

static void count_edge(void *data, void *target, gh_edge_kind kind, const char *name,
                       size_t index)
{
    (void)target, (void)kind, (void)name, (void)index;
    ++*(int *)data;
}

/* An address whose page, and so its would-be page header or global block,
 * is not mapped: 64 bytes into a GH_PAGE_SIZE-aligned page of a range
 * mapped and unmapped again. */
static char *unmapped_address(void)
{
    size_t span = 4 * (size_t)GH_PAGE_SIZE;
    char *map = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(map != MAP_FAILED);
    munmap(map, span);
    return (char *)(((uintptr_t)map + GH_PAGE_SIZE - 1) & ~(uintptr_t)(GH_PAGE_SIZE - 1)) + 64;
}

/* Addresses that are no heap's objects at all -- a malloc'd block, a
 * local variable, and one whose page is not even mapped -- are refused
 * with an error by every call that accepts an object from the embedder,
 * and by gh_global_free as globals.  They used to be checked by reading
 * the page header (or global block) their address masks to, which faulted
 * for the unmapped one. */
static void calls_taking_objects_refuse_addresses_outside_the_heap(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 8);
    gh_type_id t = register_rec(h);
    char *unmapped = unmapped_address();
    uint64_t local[4] = {0};
    uint64_t *block = calloc(4, sizeof *block);
    assert_non_null(block);
    void *outside[] = {unmapped, block + 1, &local[1]};
    gh_global *g = gh_global_new(h, new_rec(h, t, 1, 0));
    assert_non_null(g);
    for (size_t i = 0; i < sizeof outside / sizeof outside[0]; i++) {
        void *p = outside[i];
        gh_clear_error();
        assert_null(gh_global_new(h, p));
        assert_int_equal(gh_last_error(), GH_ERR_INVALID_ARGUMENT);
        gh_clear_error();
        gh_global_set(g, p);
        assert_int_equal(gh_last_error(), GH_ERR_INVALID_ARGUMENT);
        assert_int_equal(gh_object_id(h, p), 0);
        int edges = 0;
        gh_object_edges(h, p, count_edge, &edges);
        assert_int_equal(edges, 0);
        assert_int_equal(gh_object_node_kind(h, p), GH_NODE_HIDDEN);
        char buf[32];
        assert_string_equal(gh_object_name(h, p, buf, sizeof buf), "");
        assert_false(gh_in_large(h, p));
        assert_false(gh_in_young(h, p));
    }
    assert_int_equal(((rec *)gh_global_get(g))->id, 1); /* the refused sets changed nothing */
    /* nor is any of them, or a pointer into a global, a global to free */
    void *not_globals[] = {unmapped, block + 1, &local[1], (char *)g + 8};
    for (size_t i = 0; i < sizeof not_globals / sizeof not_globals[0]; i++) {
        gh_clear_error();
        gh_global_free(h, not_globals[i]);
        assert_int_equal(gh_last_error(), GH_ERR_INVALID_ARGUMENT);
    }
    assert_true(gh_global_get(g) != NULL);
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(gh_verify(h), GH_OK);
    free(block);
    gh_global_free(h, g);
    gh_heap_destroy(h);
}

/* The calls that take a global but no heap find the heap through the
 * global's block; for what is no global they must say so, not read
 * memory that may not be mapped (the old code segfaulted on the
 * unmapped address). */
static void calls_taking_a_global_refuse_what_is_not_one(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 8);
    gh_type_id t = register_rec(h);
    char *unmapped = unmapped_address();
    uint64_t local[8] = {0};
    uint64_t *block = calloc(8, sizeof *block);
    assert_non_null(block);
    gh_global *g = gh_global_new(h, new_rec(h, t, 1, 0));
    assert_non_null(g);
    void *not_globals[] = {unmapped, block + 1, &local[1], (char *)g + 8};
    for (size_t i = 0; i < sizeof not_globals / sizeof not_globals[0]; i++) {
        gh_global *p = not_globals[i];
        gh_clear_error();
        gh_global_set(p, NULL);
        assert_int_equal(gh_last_error(), GH_ERR_INVALID_ARGUMENT);
        assert_int_equal(gh_global_set_weak(p, NULL, NULL), GH_ERR_INVALID_ARGUMENT);
        assert_int_equal(gh_global_clear_weak(p), GH_ERR_INVALID_ARGUMENT);
        gh_clear_error();
        assert_false(gh_global_is_weak(p));
        assert_int_equal(gh_last_error(), GH_ERR_INVALID_ARGUMENT);
    }
    /* nothing was written: the local and the block still hold zeros, the
     * global its object, and it is still strong */
    for (size_t i = 0; i < 8; i++)
        assert_true(local[i] == 0 && block[i] == 0);
    assert_int_equal(((rec *)gh_global_get(g))->id, 1);
    assert_false(gh_global_is_weak(g));
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(((rec *)gh_global_get(g))->id, 1);
    free(block);
    gh_global_free(h, g);
    gh_heap_destroy(h);
}

static void global_used_after_free_child(void)
{
    gh_heap *h = small_heap(256, 8);
    gh_type_id t = register_rec(h);
    gh_global *g = gh_global_new(h, new_rec(h, t, 1, 0));
    gh_global_free(h, g);
    gh_clear_error();
    gh_global_set(g, new_rec(h, t, 2, 0));
    if (gh_last_error() != GH_ERR_MISUSE)
        _exit(3);
    if (gh_global_set_weak(g, NULL, NULL) != GH_ERR_MISUSE || gh_global_is_weak(g))
        _exit(4);
    /* the freed node was left alone: the next global reuses it, empty */
    gh_global *again = gh_global_new(h, NULL);
    if (again != g || gh_global_get(again) != NULL || gh_global_is_weak(again))
        _exit(5);
    fprintf(stderr, "%s\n", gh_last_error_message());
    gh_heap_destroy(h);
    _exit(0);
}

static void global_used_after_free_is_misuse(void **state)
{
    (void)state;
    expect_misuse_reported(global_used_after_free_child, "was freed");
}

typedef struct value_stack {
    gh_value slots[64];
    size_t depth;
} value_stack;

static void visit_stack(gh_tracer *t, void *data)
{
    value_stack *vs = data;
    gh_trace_slots(t, vs->slots, vs->depth);
}

/* A visitor that tries to change the heap while it is walked: remove
 * itself, collect, allocate, register a type (which may move the type
 * table that helper threads read).  Each must fail with GH_ERR_IN_GC, whether a
 * collection, gh_verify or gh_root_edges runs it (removing itself once
 * swapped the last visitor into its place, which the walk then skipped). */
typedef struct meddler {
    gh_heap *h;
    gh_type_id t;
    value_stack *stack; /* a second visitor's roots, which must be updated */
    int calls;
    gh_error remove, collect, alloc, reg;
} meddler;

static void meddling_visitor(gh_tracer *t, void *data)
{
    (void)t;
    meddler *m = data;
    m->calls++;
    m->remove = gh_root_visitor_remove(m->h, meddling_visitor, m);
    m->collect = gh_collect(m->h, GH_GC_MINOR);
    m->alloc = gh_alloc(m->h, m->t, rec_size(0)) ? GH_OK : gh_last_error();
    m->reg = gh_type_register(m->h, &(gh_type_info){.name = "Late"}) ? GH_OK : gh_last_error();
}

static void note_root(void *data, gh_root_kind kind, void *target)
{
    (void)kind;
    (void)target;
    (*(int *)data)++;
}

static void root_visitors_cannot_change_the_heap(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 8);
    gh_type_id t = register_rec(h);
    value_stack vs = {.depth = 0};
    meddler m = {.h = h, .t = t, .stack = &vs};
    assert_int_equal(gh_root_visitor_add(h, meddling_visitor, &m), GH_OK);
    assert_int_equal(gh_root_visitor_add(h, visit_stack, &vs), GH_OK);
    vs.slots[vs.depth++] = gh_from_ptr(new_rec(h, t, 7, 0));
    for (int round = 0; round < 3; round++) {
        m.remove = m.collect = m.alloc = m.reg = GH_OK;
        if (round == 0)
            assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
        else if (round == 1)
            assert_int_equal(gh_verify(h), GH_OK);
        else {
            int roots = 0;
            gh_root_edges(h, note_root, &roots);
            assert_int_equal(roots, 1);
        }
        assert_int_equal(m.remove, GH_ERR_IN_GC);
        assert_int_equal(m.collect, GH_ERR_IN_GC);
        assert_int_equal(m.alloc, GH_ERR_IN_GC);
        assert_int_equal(m.reg, GH_ERR_IN_GC);
        assert_int_equal(((rec *)gh_to_ptr(vs.slots[0]))->id, 7); /* still visited, updated */
    }
    assert_int_equal(m.calls, 3);
    assert_int_equal(gh_verify(h), GH_OK);
    gh_heap_destroy(h);
}

/* The verify stress mode checks the heap after each collection, outside
 * it, running the root visitors (and trace functions) again: they met a
 * heap that let them allocate and collect, and a visitor that did so
 * recursed through collection after collection until the stack ran out. */
typedef struct verify_meddler {
    gh_heap *h;
    gh_type_id t;
    int depth, calls, allowed; /* calls that could allocate or collect */
} verify_meddler;

static void meddling_under_verify(gh_tracer *t, void *data)
{
    (void)t;
    verify_meddler *m = data;
    if (m->depth++ == 0) { /* no deeper: the test must end without the fix */
        m->calls++;
        gh_clear_error();
        if (gh_alloc(m->h, m->t, rec_size(0)) || gh_last_error() != GH_ERR_IN_GC)
            m->allowed++;
        if (gh_collect(m->h, GH_GC_MINOR) != GH_ERR_IN_GC)
            m->allowed++;
    }
    m->depth--;
}

static void root_visitors_cannot_change_the_heap_under_verify_stress(void **state)
{
    (void)state;
    gh_config c;
    gh_config_init(&c);
    c.initial_semi_space = c.max_semi_space = GH_KiB(256);
    c.stress = GH_STRESS_VERIFY;
    gh_heap *h = gh_heap_create(&c);
    assert_non_null(h);
    verify_meddler m = {.h = h, .t = register_rec(h)};
    assert_int_equal(gh_root_visitor_add(h, meddling_under_verify, &m), GH_OK);
    for (int kind = GH_GC_MINOR; kind <= GH_GC_FULL; kind++) {
        m.calls = 0;
        assert_int_equal(gh_collect(h, (gh_gc_kind)kind), GH_OK);
        assert_true(m.calls >= 2); /* the collection, then its verification */
        assert_int_equal(m.allowed, 0);
    }
    assert_int_equal(gh_root_visitor_remove(h, meddling_under_verify, &m), GH_OK);
    gh_heap_destroy(h);
}

/* Root visitors run once the walk has visited the global handles: a
 * global made, set or made strong there holds an object the walk never
 * saw.  A weak global made strong in a scavenge's visitor was left
 * pointing into from-space (gh_verify: not in the heap's live pages). */
typedef struct global_meddler {
    gh_heap *h;
    gh_global *weak, *strong;
    void *other;
    int calls;
    gh_error made, set, weakened, strengthened;
} global_meddler;

static void meddling_with_globals(gh_tracer *t, void *data)
{
    (void)t;
    global_meddler *m = data;
    m->calls++;
    gh_clear_error();
    m->made = gh_global_new(m->h, m->other) ? GH_OK : gh_last_error();
    gh_clear_error();
    gh_global_set(m->strong, m->other);
    m->set = gh_last_error();
    m->weakened = gh_global_set_weak(m->strong, NULL, NULL);
    m->strengthened = gh_global_clear_weak(m->weak);
}

static void root_visitors_cannot_change_the_globals(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 8);
    gh_type_id t = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle held = gh_handle_new(h, new_rec(h, t, 1, 0)); /* keeps the weak one's object */
    global_meddler m = {.h = h, .weak = gh_global_new(h, *held),
                        .strong = gh_global_new(h, new_rec(h, t, 2, 0))};
    assert_int_equal(gh_global_set_weak(m.weak, NULL, NULL), GH_OK);
    assert_int_equal(gh_root_visitor_add(h, meddling_with_globals, &m), GH_OK);
    for (int round = 0; round < 4; round++) {
        m.calls = 0;
        m.made = m.set = m.weakened = m.strengthened = GH_OK;
        m.other = new_rec(h, t, 3, 0); /* young, held by nothing */
        if (round < 2) {
            assert_int_equal(gh_collect(h, round == 0 ? GH_GC_MINOR : GH_GC_FULL), GH_OK);
        } else if (round == 2) {
            assert_int_equal(gh_verify(h), GH_OK);
        } else {
            int roots = 0;
            gh_root_edges(h, note_root, &roots);
        }
        assert_true(m.calls >= 1);
        assert_int_equal(m.made, GH_ERR_IN_GC);
        assert_int_equal(m.set, GH_ERR_IN_GC);
        assert_int_equal(m.weakened, GH_ERR_IN_GC);
        assert_int_equal(m.strengthened, GH_ERR_IN_GC);
        assert_true(gh_global_is_weak(m.weak));
        assert_false(gh_global_is_weak(m.strong));
        assert_true(gh_global_get(m.weak) == *held);
        assert_int_equal(((rec *)gh_global_get(m.strong))->id, 2);
        assert_int_equal(gh_verify(h), GH_OK);
    }
    assert_int_equal(gh_root_visitor_remove(h, meddling_with_globals, &m), GH_OK);
    /* outside a visitor, all of it works */
    assert_int_equal(gh_global_clear_weak(m.weak), GH_OK);
    gh_global_set(m.strong, NULL);
    assert_null(gh_global_get(m.strong));
    gh_global_free(h, m.weak);
    gh_global_free(h, m.strong);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* Starting an incremental marking greys the roots too, outside any
 * collection: a visitor's collect there once moved the objects another
 * visitor had just greyed, and the marker then read them in from-space. */
static void root_visitors_cannot_change_the_heap_when_marking_starts(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 8);
    gh_type_id t = register_rec(h);
    value_stack vs = {.depth = 0};
    meddler m = {.h = h, .t = t, .stack = &vs};
    assert_int_equal(gh_root_visitor_add(h, visit_stack, &vs), GH_OK);
    assert_int_equal(gh_root_visitor_add(h, meddling_visitor, &m), GH_OK);
    vs.slots[vs.depth++] = gh_from_ptr(new_rec(h, t, 7, 0));
    m.remove = m.collect = m.alloc = m.reg = GH_OK;
    assert_int_equal(gh_incremental_marking_start(h), GH_OK);
    assert_int_equal(m.calls, 1);
    assert_int_equal(m.remove, GH_ERR_IN_GC);
    assert_int_equal(m.collect, GH_ERR_IN_GC);
    assert_int_equal(m.alloc, GH_ERR_IN_GC);
    assert_int_equal(m.reg, GH_ERR_IN_GC);
    assert_int_equal(gh_verify(h), GH_OK);
    assert_int_equal(gh_idle_notification(h, 1000), GH_OK); /* finishes the marking */
    assert_int_equal(((rec *)gh_to_ptr(vs.slots[0]))->id, 7);
    assert_int_equal(gh_verify(h), GH_OK);
    gh_heap_destroy(h);
}

static void root_visitor_updates_embedder_slots(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 8);
    gh_type_id t = register_rec(h);
    value_stack vs = {.depth = 0};
    assert_int_equal(gh_root_visitor_add(h, visit_stack, &vs), GH_OK);
    for (int i = 0; i < 64; i++) {
        rec *r = new_rec(h, t, (uint64_t)i, 0);
        vs.slots[vs.depth++] = i % 3 == 0 ? gh_from_int(i) : gh_from_ptr(r);
    }
    for (int i = 0; i < 100000; i++)
        new_rec(h, t, 0, 2);
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    for (int i = 0; i < 64; i++) {
        if (i % 3 == 0) {
            assert_int_equal(gh_to_int(vs.slots[i]), i);
        } else {
            assert_true(gh_is_ptr(vs.slots[i]));
            assert_int_equal(((rec *)gh_to_ptr(vs.slots[i]))->id, (uint64_t)i);
        }
    }
    assert_int_equal(gh_root_visitor_remove(h, visit_stack, &vs), GH_OK);
    assert_int_equal(gh_root_visitor_remove(h, visit_stack, &vs), GH_ERR_INVALID_ARGUMENT);
    assert_int_equal(gh_root_visitor_add(h, NULL, NULL), GH_ERR_INVALID_ARGUMENT);
    assert_int_equal(gh_root_visitor_add(NULL, visit_stack, NULL), GH_ERR_NULL_HEAP);
    /* with the visitor gone, the objects are garbage */
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(stats_of(h).used, 0);
    gh_heap_destroy(h);
}

static void handles_without_a_scope_live_until_destroy(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 8);
    gh_type_id t = register_rec(h);
    gh_handle base = gh_handle_new(h, new_rec(h, t, 42, 0));
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(((rec *)*base)->id, 42);
    gh_value *v = gh_handle_new_value(h, gh_from_double(2.5));
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    assert_true(gh_to_double(*v) == 2.5);
    gh_heap_destroy(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(handles_keep_objects_and_follow_moves),
        cmocka_unit_test(closing_a_scope_releases_its_handles),
        cmocka_unit_test(escapable_scope),
        cmocka_unit_test(escaping_twice_or_from_a_plain_scope_is_misuse),
        cmocka_unit_test(scopes_closed_out_of_order_are_reported),
        cmocka_unit_test(reopening_an_open_scope_is_reported),
        cmocka_unit_test(stale_handles_are_caught),
        cmocka_unit_test(globals_are_roots),
        cmocka_unit_test(globals_refuse_objects_of_another_heap),
        cmocka_unit_test(root_visitor_updates_embedder_slots),
        cmocka_unit_test(root_visitors_cannot_change_the_heap),
        cmocka_unit_test(root_visitors_cannot_change_the_heap_when_marking_starts),
        cmocka_unit_test(root_visitors_cannot_change_the_heap_under_verify_stress),
        cmocka_unit_test(root_visitors_cannot_change_the_globals),
        cmocka_unit_test(handles_without_a_scope_live_until_destroy),
        cmocka_unit_test(collectors_pass_over_handles_to_another_heaps_objects),
        cmocka_unit_test(calls_taking_objects_refuse_addresses_outside_the_heap),
        cmocka_unit_test(calls_taking_a_global_refuse_what_is_not_one),
        cmocka_unit_test(global_used_after_free_is_misuse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
