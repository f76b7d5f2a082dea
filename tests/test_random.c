/*
 * test_random.c -- a randomized test of the whole heap against a shadow
 * model.
 *
 * It mutates a graph of heap objects (records with value/pointer slots,
 * records traced by a custom function, records with finalizers, leaf blobs,
 * pretenured and large records) held by three kinds of roots (an embedder
 * value stack reported by a root visitor, global handles, local handles),
 * and mirrors every change in a plain C model.  Collections happen when the
 * allocator needs them, at random explicit points, and constantly under the
 * stress modes (GENHEAP_STRESS is set per ctest entry).  At every check:
 *   - walking the real heap from the roots gives exactly the model's
 *     reachable graph: same ids, types, sizes, slot contents (pointer form,
 *     tagging and immediates included), blob bytes, and sharing;
 *   - no reachable object has been finalized;
 *   - gh_verify passes;
 * and after a full collection, additionally:
 *   - every unreachable finalizable object was finalized exactly once;
 *   - heap used equals the reachable bytes (up to 8-byte gaps).
 *
 * Environment: GH_RANDOM_OPS (default 1000000), GH_RANDOM_SEED.
 */
#include "test_util.h"

#define NROOTS 256
#define N_EMBEDDER_ROOTS 232
#define N_GLOBAL_ROOTS 8
#define MAX_SLOTS 8
#define N_WEAK 8
#define LARGE_SLOTS 17000 /* 136 KB: large object space */
#define CHECK_EVERY 4000

enum kind { K_NODE, K_TRACED, K_FINAL, K_BLOB, K_KINDS };

/* Model slot words: immediates are stored as themselves; a reference is
 * (1 << 48) | id << 1 | tagged -- top bits no real gh_value uses. */
#define MREF_TAG (1ull << 48)
#define MREF(id, tagged) (MREF_TAG | ((uint64_t)(id) << 1) | (uint64_t)(tagged))
#define IS_MREF(w) (((w) >> 48) == 1)
#define MREF_ID(w) (((w) & ~MREF_TAG) >> 1)
#define MREF_TAGGED(w) ((w) & 1)

typedef struct mobj {
    uint8_t kind;
    bool dead;
    uint8_t finalized;
    uint32_t nslots;
    size_t payload;  /* bytes asked for */
    uint64_t *slots; /* model words (NULL for blobs) */
} mobj;

typedef struct world {
    gh_heap *h;
    gh_type_id type[K_KINDS];
    uint64_t rng;
    /* real roots */
    uint64_t embedder[N_EMBEDDER_ROOTS];
    gh_global *globals[N_GLOBAL_ROOTS];
    gh_handle handles[NROOTS - N_EMBEDDER_ROOTS - N_GLOBAL_ROOTS];
    /* weak global handles: no roots; the model keeps the target's id */
    gh_global *weak[N_WEAK];
    int64_t mweak[N_WEAK]; /* -1: none */
    /* model */
    uint64_t mroots[NROOTS];
    mobj *objs;
    size_t nobj, cap;
    /* per-check scratch, indexed by id: reached in the model / in the heap */
    uint32_t *seen, *visited;
    void **addr;
    uint32_t epoch;
    uint64_t *stack;
    size_t stack_len, stack_cap;
    /* ids not yet known to be dead (reachable at the last check, or newer) */
    uint64_t *alive;
    size_t alive_len, alive_cap;
    /* dead finalizable ids whose finalizer has not been seen yet */
    uint64_t *pending;
    size_t pending_len, pending_cap;
    unsigned long double_finalizations;
    /* counters */
    unsigned long checks, full_checks, allocations;
    size_t reachable_sum, reachable_max;
} world;

static world W;

static uint64_t rnd(void)
{
    W.rng ^= W.rng >> 12;
    W.rng ^= W.rng << 25;
    W.rng ^= W.rng >> 27;
    return W.rng * 2685821657736338717ull;
}
static unsigned below(unsigned n) { return (unsigned)(rnd() % n); }

/* ---- object layout: [id][nslots or nbytes][slots or bytes] -------------- */

static size_t obj_size_of(const void *obj) { return 16 + ((const uint64_t *)obj)[1] * 8; }
static size_t blob_size_of(const void *obj) { return 16 + ((const uint64_t *)obj)[1]; }

static void trace_traced(void *obj, gh_tracer *t)
{
    uint64_t *p = obj;
    gh_trace_slots(t, &p[2], p[1]);
}

static void finalize_obj(void *obj, void *data)
{
    (void)data;
    uint64_t id = ((uint64_t *)obj)[0];
    if (W.objs[id].finalized++) /* no assert inside a collection */
        W.double_finalizations++;
}

static unsigned char blob_byte(uint64_t id, size_t i) { return (unsigned char)(id * 31 + i * 7); }

/* ---- roots -------------------------------------------------------------- */

static void visit_embedder_roots(gh_tracer *t, void *data)
{
    (void)data;
    gh_trace_slots(t, W.embedder, N_EMBEDDER_ROOTS);
}

static uint64_t root_get(unsigned i)
{
    if (i < N_EMBEDDER_ROOTS)
        return W.embedder[i];
    if (i < N_EMBEDDER_ROOTS + N_GLOBAL_ROOTS)
        return (uint64_t)(uintptr_t)gh_global_get(W.globals[i - N_EMBEDDER_ROOTS]);
    return (uint64_t)(uintptr_t)*W.handles[i - N_EMBEDDER_ROOTS - N_GLOBAL_ROOTS];
}

static void root_set(unsigned i, uint64_t w)
{
    if (i < N_EMBEDDER_ROOTS)
        W.embedder[i] = w;
    else if (i < N_EMBEDDER_ROOTS + N_GLOBAL_ROOTS)
        gh_global_set(W.globals[i - N_EMBEDDER_ROOTS], (void *)(uintptr_t)w);
    else
        *W.handles[i - N_EMBEDDER_ROOTS - N_GLOBAL_ROOTS] = (void *)(uintptr_t)w;
}

static uint64_t *word_obj(uint64_t w)
{
    return gh__is_ref(w) ? (uint64_t *)(uintptr_t)(w & ~(uint64_t)7) : NULL;
}

/* ---- picking values ----------------------------------------------------- */

/* A random reachable object: a root, followed down 0..3 random slots. */
static uint64_t *pick_object(void)
{
    uint64_t *obj = word_obj(root_get(below(NROOTS)));
    for (unsigned depth = below(4); obj && depth > 0; depth--) {
        mobj *m = &W.objs[obj[0]];
        if (m->kind == K_BLOB || m->nslots == 0)
            break;
        uint64_t *next = word_obj(obj[2 + below(m->nslots)]);
        if (!next)
            break;
        obj = next;
    }
    return obj;
}

static gh_value random_immediate(void)
{
    switch (below(4)) {
    case 0: return gh_from_int((int64_t)(rnd() % 2000001) - 1000000);
    case 1: return gh_from_double((double)(rnd() % 100000) / 7.0);
    case 2: return gh_special(below(10));
    default: return GH_EMPTY;
    }
}

/* A value to store: real word and model word. */
static void pick_value(uint64_t *real, uint64_t *model)
{
    if (below(10) < 4) {
        *real = *model = random_immediate();
        return;
    }
    uint64_t *obj = pick_object();
    if (!obj) {
        *real = *model = GH_EMPTY;
        return;
    }
    bool tagged = below(2);
    *real = tagged ? gh_from_ptr(obj) : (uint64_t)(uintptr_t)obj;
    *model = MREF(obj[0], tagged);
}

/* ---- operations --------------------------------------------------------- */

static mobj *new_model(enum kind k, uint32_t nslots, size_t payload)
{
    if (W.nobj == W.cap) {
        W.cap = W.cap ? W.cap * 2 : 4096;
        W.objs = realloc(W.objs, W.cap * sizeof *W.objs);
        W.seen = realloc(W.seen, W.cap * sizeof *W.seen);
        W.visited = realloc(W.visited, W.cap * sizeof *W.visited);
        assert_non_null(W.visited);
        memset(W.visited + W.nobj, 0, (W.cap - W.nobj) * sizeof *W.visited);
        W.addr = realloc(W.addr, W.cap * sizeof *W.addr);
        assert_non_null(W.objs);
        assert_non_null(W.seen);
        assert_non_null(W.addr);
        memset(W.seen + W.nobj, 0, (W.cap - W.nobj) * sizeof *W.seen);
    }
    if (W.alive_len == W.alive_cap) {
        W.alive_cap = W.alive_cap ? W.alive_cap * 2 : 4096;
        W.alive = realloc(W.alive, W.alive_cap * sizeof *W.alive);
        assert_non_null(W.alive);
    }
    W.alive[W.alive_len++] = W.nobj;
    mobj *m = &W.objs[W.nobj++];
    memset(m, 0, sizeof *m);
    m->kind = (uint8_t)k;
    m->nslots = nslots;
    m->payload = payload;
    if (k != K_BLOB && nslots) {
        m->slots = calloc(nslots, sizeof *m->slots);
        assert_non_null(m->slots);
    }
    return m;
}

/* Store (real, model) into a random root or a slot of a random object. */
static void place(uint64_t real, uint64_t model)
{
    uint64_t *holder = below(10) < 3 ? NULL : pick_object();
    if (holder && W.objs[holder[0]].kind != K_BLOB && W.objs[holder[0]].nslots) {
        uint32_t s = below(W.objs[holder[0]].nslots);
        gh_set_value(holder, &holder[2 + s], real);
        W.objs[holder[0]].slots[s] = model;
        return;
    }
    unsigned r = below(NROOTS);
    root_set(r, real);
    W.mroots[r] = model;
}

static void op_allocate(void)
{
    enum kind k = (enum kind)below(K_KINDS);
    bool large = k == K_NODE && below(4000) == 0;
    bool old = !large && below(25) == 0;
    uint32_t n = large ? LARGE_SLOTS : below(MAX_SLOTS + 1);
    size_t payload = k == K_BLOB ? 16 + below(200) : 16 + 8 * (size_t)n;
    uint64_t id = W.nobj;
    uint64_t *obj = old ? gh_alloc_old(W.h, W.type[k], payload) : gh_alloc(W.h, W.type[k], payload);
    assert_non_null(obj);
    W.allocations++;
    mobj *m = new_model(k, k == K_BLOB ? 0 : n, payload);
    obj[0] = id;
    if (k == K_BLOB) {
        obj[1] = payload - 16;
        unsigned char *bytes = (unsigned char *)&obj[2];
        for (size_t i = 0; i < payload - 16; i++)
            bytes[i] = blob_byte(id, i);
    } else {
        obj[1] = n;
        for (uint32_t s = 0; s < n && s < MAX_SLOTS; s++) { /* no allocation here */
            uint64_t real, model;
            pick_value(&real, &model);
            gh_set_value(obj, &obj[2 + s], real);
            m->slots[s] = model;
        }
    }
    place(gh_from_ptr(obj), MREF(id, 1));
}

static void op_write_slot(void)
{
    uint64_t *holder = pick_object();
    if (!holder)
        return;
    mobj *m = &W.objs[holder[0]];
    if (m->kind == K_BLOB || m->nslots == 0)
        return;
    uint32_t s = m->nslots > MAX_SLOTS && below(2) ? m->nslots - 1 - below(4) : below(m->nslots);
    uint64_t real, model;
    pick_value(&real, &model);
    if (gh_is_ptr(real) || !gh__is_ref(real))
        gh_set_value(holder, &holder[2 + s], real);
    else
        gh_set_ptr(holder, &holder[2 + s], (void *)(uintptr_t)real);
    m->slots[s] = model;
}

/* Point a weak handle at a random reachable object, or at nothing. */
static void op_weak(void)
{
    unsigned i = below(N_WEAK);
    uint64_t *obj = below(4) ? pick_object() : NULL;
    gh_global_set(W.weak[i], obj);
    if (obj)
        assert_int_equal(gh_global_set_weak(W.weak[i], NULL, NULL), GH_OK);
    W.mweak[i] = obj ? (int64_t)obj[0] : -1;
}

/* A weak handle holds its object while the model can reach it; once the
 * object is unreachable it may be cleared, and after a full GC it must
 * be. */
static void check_weak(bool after_full_gc)
{
    for (unsigned i = 0; i < N_WEAK; i++) {
        uint64_t *real = gh_global_get(W.weak[i]);
        int64_t id = W.mweak[i];
        if (id < 0) {
            assert_null(real);
            continue;
        }
        bool alive = W.seen[id] == W.epoch;
        if (!real) {
            assert_false(alive);
            W.mweak[i] = -1;
            continue;
        }
        assert_int_equal(real[0], (uint64_t)id);
        assert_false(after_full_gc && !alive);
        if (alive && W.addr[id])
            assert_true((void *)real == W.addr[id]); /* the very object the roots reach */
    }
}

static void op_root(void)
{
    unsigned r = below(NROOTS);
    switch (below(4)) {
    case 0:
        root_set(r, GH_EMPTY);
        W.mroots[r] = GH_EMPTY;
        break;
    case 1: {
        unsigned from = below(NROOTS);
        root_set(r, root_get(from));
        W.mroots[r] = W.mroots[from];
        break;
    }
    default: {
        uint64_t real, model;
        pick_value(&real, &model);
        root_set(r, real);
        W.mroots[r] = model;
    }
    }
}

/* ---- checking ----------------------------------------------------------- */

static void push(uint64_t v)
{
    if (W.stack_len == W.stack_cap) {
        W.stack_cap = W.stack_cap ? W.stack_cap * 2 : 1024;
        W.stack = realloc(W.stack, W.stack_cap * sizeof *W.stack);
        assert_non_null(W.stack);
    }
    W.stack[W.stack_len++] = v;
}

/* Mark the model's reachable objects with the current epoch; returns the
 * reachable bytes (headers included) and counts them. */
static size_t model_reachable(size_t *count)
{
    size_t bytes = 0;
    *count = 0;
    W.stack_len = 0;
    for (unsigned i = 0; i < NROOTS; i++)
        if (IS_MREF(W.mroots[i]))
            push(MREF_ID(W.mroots[i]));
    while (W.stack_len) {
        uint64_t id = W.stack[--W.stack_len];
        if (W.seen[id] == W.epoch)
            continue;
        W.seen[id] = W.epoch;
        W.addr[id] = NULL;
        mobj *m = &W.objs[id];
        assert_false(m->dead);
        bytes += ((m->payload + 7) & ~(size_t)7) + 8;
        (*count)++;
        for (uint32_t s = 0; s < m->nslots && m->slots; s++)
            if (IS_MREF(m->slots[s]))
                push(MREF_ID(m->slots[s]));
    }
    return bytes;
}

/* A real word must say what the model word says. */
static void expect_word(uint64_t real, uint64_t model, const char *where, uint64_t id, unsigned s)
{
    if (!IS_MREF(model)) {
        if (real != model)
            fail_msg("%s %llu[%u]: holds %#llx, model says %#llx", where, (unsigned long long)id, s,
                     (unsigned long long)real, (unsigned long long)model);
        return;
    }
    uint64_t *obj = word_obj(real);
    if (!obj || (gh_is_ptr(real) != (bool)MREF_TAGGED(model)) || obj[0] != MREF_ID(model))
        fail_msg("%s %llu[%u]: holds %#llx, model says object %llu (%s)", where,
                 (unsigned long long)id, s, (unsigned long long)real,
                 (unsigned long long)MREF_ID(model), MREF_TAGGED(model) ? "tagged" : "raw");
    if (W.addr[MREF_ID(model)] == NULL)
        W.addr[MREF_ID(model)] = obj;
    else if (W.addr[MREF_ID(model)] != obj)
        fail_msg("object %llu found at two addresses", (unsigned long long)MREF_ID(model));
}

static void check_object(uint64_t *obj)
{
    uint64_t id = obj[0];
    assert_true(id < W.nobj);
    mobj *m = &W.objs[id];
    assert_true(W.seen[id] == W.epoch); /* the model agrees it is reachable */
    assert_int_equal(gh_type_of(obj), W.type[m->kind]);
    assert_int_equal(gh_size_of(obj), (m->payload + 7) & ~(size_t)7);
    assert_int_equal(m->finalized, 0);
    if (m->kind == K_BLOB) {
        unsigned char *bytes = (unsigned char *)&obj[2];
        assert_int_equal(obj[1], m->payload - 16);
        for (size_t i = 0; i < m->payload - 16; i++)
            assert_int_equal(bytes[i], blob_byte(id, i));
        return;
    }
    assert_int_equal(obj[1], m->nslots);
    for (uint32_t s = 0; s < m->nslots; s++) {
        expect_word(obj[2 + s], m->slots[s], "slot of", id, s);
        if (IS_MREF(m->slots[s]))
            push((uint64_t)(uintptr_t)word_obj(obj[2 + s]));
    }
}

static void check(bool after_full_gc)
{
    W.epoch++;
    W.checks++;
    size_t count, bytes = model_reachable(&count);
    W.reachable_sum += count;
    if (count > W.reachable_max)
        W.reachable_max = count;
    /* walk the real heap from the roots, comparing as we go */
    W.stack_len = 0;
    for (unsigned i = 0; i < NROOTS; i++) {
        expect_word(root_get(i), W.mroots[i], "root", i, 0);
        if (IS_MREF(W.mroots[i]))
            push((uint64_t)(uintptr_t)word_obj(root_get(i)));
    }
    while (W.stack_len) {
        uint64_t *obj = (uint64_t *)(uintptr_t)W.stack[--W.stack_len];
        if (W.visited[obj[0]] == W.epoch)
            continue;
        W.visited[obj[0]] = W.epoch;
        check_object(obj);
    }
    /* what the model cannot reach is dead forever */
    size_t kept = 0;
    for (size_t i = 0; i < W.alive_len; i++) {
        uint64_t id = W.alive[i];
        if (W.seen[id] == W.epoch) {
            W.alive[kept++] = id;
            continue;
        }
        mobj *m = &W.objs[id];
        m->dead = true;
        free(m->slots);
        m->slots = NULL;
        if (m->kind == K_FINAL) {
            if (W.pending_len == W.pending_cap) {
                W.pending_cap = W.pending_cap ? W.pending_cap * 2 : 1024;
                W.pending = realloc(W.pending, W.pending_cap * sizeof *W.pending);
                assert_non_null(W.pending);
            }
            W.pending[W.pending_len++] = id;
        }
    }
    W.alive_len = kept;
    check_weak(after_full_gc);
    /* dead finalizable objects: finalized by now if a full GC ran */
    kept = 0;
    for (size_t i = 0; i < W.pending_len; i++) {
        uint64_t id = W.pending[i];
        if (W.objs[id].finalized == 0) {
            if (after_full_gc)
                fail_msg("dead object %llu was not finalized by a full GC", (unsigned long long)id);
            W.pending[kept++] = id;
        }
    }
    W.pending_len = kept;
    assert_int_equal(W.double_finalizations, 0);
    assert_int_equal(gh_verify(W.h), GH_OK);
    if (after_full_gc) {
        W.full_checks++;
        gh_heap_stats st = stats_of(W.h);
        assert_int_equal(st.young_used, 0);
        if (st.used < bytes || st.used - bytes > 8 * count)
            fail_msg("after a full GC heap used is %zu, reachable bytes %zu (%zu objects)", st.used,
                     bytes, count);
    }
}

/* ---- the test ----------------------------------------------------------- */

static unsigned long env_ul(const char *name, unsigned long dflt)
{
    const char *v = getenv(name);
    return v && *v ? strtoul(v, NULL, 10) : dflt;
}

static void setup_world(void)
{
    memset(&W, 0, sizeof W);
    W.rng = env_ul("GH_RANDOM_SEED", 0x9E3779B97F4A7C15ul) | 1;
    gh_config c;
    gh_config_init(&c);
    c.initial_semi_space = GH_KiB(256);
    c.max_semi_space = GH_KiB(512);
    c.max_old_space = GH_MiB(256);
    W.h = gh_heap_create(&c);
    assert_non_null(W.h);
    gh_type_info node = {.name = "node", .size_of = obj_size_of, .slots_offset = 16};
    gh_type_info traced = {.name = "traced", .size_of = obj_size_of, .trace = trace_traced};
    gh_type_info final = {.name = "final", .size_of = obj_size_of, .slots_offset = 16,
                          .finalize = finalize_obj};
    gh_type_info blob = {.name = "blob", .size_of = blob_size_of, .flags = GH_TYPE_LEAF};
    W.type[K_NODE] = gh_type_register(W.h, &node);
    W.type[K_TRACED] = gh_type_register(W.h, &traced);
    W.type[K_FINAL] = gh_type_register(W.h, &final);
    W.type[K_BLOB] = gh_type_register(W.h, &blob);
    for (int k = 0; k < K_KINDS; k++)
        assert_true(W.type[k] != 0);
    assert_int_equal(gh_root_visitor_add(W.h, visit_embedder_roots, NULL), GH_OK);
    for (int i = 0; i < N_GLOBAL_ROOTS; i++)
        W.globals[i] = gh_global_new(W.h, NULL);
    for (size_t i = 0; i < sizeof W.handles / sizeof *W.handles; i++)
        W.handles[i] = gh_handle_new(W.h, NULL);
    for (int i = 0; i < N_WEAK; i++) {
        W.weak[i] = gh_global_new(W.h, NULL);
        W.mweak[i] = -1;
    }
}

static void random_mutation_against_model(void **state)
{
    (void)state;
    setup_world();
    unsigned long ops = env_ul("GH_RANDOM_OPS", 1000000);
    for (unsigned long i = 1; i <= ops; i++) {
        unsigned r = below(1000);
        if (r < 400)
            op_allocate();
        else if (r < 700)
            op_write_slot();
        else if (r < 990) {
            op_root();
        } else if (r < 999 || below(10) > 0) {
            op_weak();
        } else if (below(5) > 0) {
            assert_int_equal(gh_collect(W.h, GH_GC_MINOR), GH_OK);
            check(false);
        } else {
            assert_int_equal(gh_collect(W.h, GH_GC_FULL), GH_OK);
            check(true);
        }
        if (i % CHECK_EVERY == 0)
            check(false);
    }
    assert_int_equal(gh_collect(W.h, GH_GC_FULL), GH_OK);
    check(true);
    gh_heap_stats st = stats_of(W.h);
    print_message("%lu ops, %lu allocations, %lu checks (%lu after full GCs), reachable "
                  "objects %zu on average, %zu at most; %llu scavenges, %llu full GCs, "
                  "%llu incremental marking steps, %llu compactions\n",
                  ops, W.allocations, W.checks, W.full_checks, W.reachable_sum / W.checks,
                  W.reachable_max, (unsigned long long)st.scavenges,
                  (unsigned long long)st.full_gcs, (unsigned long long)st.incremental_steps,
                  (unsigned long long)st.compactions);
    assert_true(st.scavenges > 0);
    assert_true(st.full_gcs > 0);
    gh_heap_destroy(W.h);
    for (size_t id = 0; id < W.nobj; id++) {
        if (W.objs[id].kind == K_FINAL)
            assert_int_equal(W.objs[id].finalized, 1); /* destroy finalized the rest */
        free(W.objs[id].slots);
    }
    free(W.objs);
    free(W.seen);
    free(W.alive);
    free(W.pending);
    free(W.visited);
    free(W.addr);
    free(W.stack);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(random_mutation_against_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
