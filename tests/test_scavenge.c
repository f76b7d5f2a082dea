/* test_scavenge.c -- the young generation: copying, both promotion rules,
 * semispace growth, cycles and deep structures.  Most tests here check when
 * things happen, and skip themselves under the stress modes that add
 * collections (skip_if_stress_adds_collections); tests/CMakeLists.txt runs
 * the file under the others too. */
#include "test_util.h"

static void survivor_of_one_scavenge_stays_young_then_is_promoted(void **state)
{
    (void)state;
    skip_if_stress_adds_collections();
    gh_heap *h = small_heap(1024, 16);
    gh_type_id t = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle x = gh_handle_new(h, new_rec(h, t, 1, 2));
    assert_true(gh_in_young(h, *x));
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    /* survived once: copied within the young generation (rule 1 not yet) */
    assert_true(gh_in_young(h, *x));
    gh_handle y = gh_handle_new(h, new_rec(h, t, 2, 2)); /* born after it */
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    /* x was below the age mark: promoted; y survived its first */
    assert_false(gh_in_young(h, *x));
    assert_true(gh_in_young(h, *y));
    assert_int_equal(((rec *)*x)->id, 1);
    assert_int_equal(((rec *)*y)->id, 2);
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    assert_false(gh_in_young(h, *y));
    assert_int_equal(gh_verify(h), GH_OK);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

static void to_space_over_a_quarter_full_promotes(void **state)
{
    (void)state;
    skip_if_stress_adds_collections();
    gh_heap *h = small_heap(1024, 16);
    gh_type_id t = register_rec(h);
    gh_heap_stats st = stats_of(h);
    size_t capacity = st.young_capacity; /* 1 MiB: four pages */
    gh_handle_scope s;
    gh_scope_open(h, &s);
    /* about 60% of the semispace, all live, none older than this cycle */
    size_t each = rec_size(30) + 8, n = capacity * 6 / 10 / each;
    gh_handle *hs = calloc(n, sizeof *hs);
    for (size_t i = 0; i < n; i++)
        hs[i] = gh_handle_new(h, new_rec(h, t, i, 30));
    assert_int_equal(stats_of(h).scavenges, 0);
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    size_t young = 0, old = 0;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(((rec *)*hs[i])->id, i);
        if (gh_in_young(h, *hs[i]))
            young += each;
        else
            old += each;
    }
    /* a quarter of the to-space stayed young, the rest was promoted */
    assert_true(young <= capacity / 4 + each);
    assert_true(young >= capacity / 4 - 2 * each - GH_PAGE_SIZE / 64);
    assert_true(old > 0);
    st = stats_of(h);
    assert_int_equal(st.promoted_bytes, old);
    assert_int_equal(gh_verify(h), GH_OK);
    free(hs);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* A heap with only the young generation's sizes set, and no pretenuring
 * (else survivors are soon allocated old). */
static gh_heap *young_heap(size_t initial_semi, size_t max_semi)
{
    gh_config c;
    gh_config_init(&c);
    c.initial_semi_space = initial_semi;
    c.max_semi_space = max_semi;
    c.pretenuring = false;
    gh_heap *h = gh_heap_create(&c);
    assert_non_null(h);
    return h;
}

static void semispace_grows_when_survival_is_high(void **state)
{
    (void)state;
    skip_if_stress_adds_collections();
    gh_heap *h = young_heap(GH_KiB(256), GH_MiB(2));
    gh_type_id t = register_rec(h);
    assert_int_equal(stats_of(h).young_capacity, GH_KiB(256));
    assert_int_equal(stats_of(h).young_max_capacity, GH_MiB(2));
    /* garbage only: no growth */
    for (int i = 0; i < 200000; i++)
        new_rec(h, t, 0, 4);
    assert_true(stats_of(h).scavenges > 10);
    assert_int_equal(stats_of(h).young_capacity, GH_KiB(256));
    /* everything survives: the semispace doubles up to its maximum */
    gh_handle_scope s;
    gh_scope_open(h, &s);
    for (int i = 0; i < 200000; i++)
        gh_handle_new(h, new_rec(h, t, (uint64_t)i, 4));
    assert_int_equal(stats_of(h).young_capacity, GH_MiB(2));
    assert_int_equal(gh_verify(h), GH_OK);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* Keep a ring of about ring_bytes of records alive, replacing them one by
 * one until the heap has made `scavenges` scavenges, so each scavenge keeps
 * about ring_bytes; then check that every slot holds its own record. */
static void turn_over_ring(gh_heap *h, gh_type_id t, size_t ring_bytes, uint64_t scavenges)
{
    gh_handle_scope s;
    gh_scope_open(h, &s);
    size_t ring = ring_bytes / (rec_size(4) + 8);
    gh_handle *live = calloc(ring, sizeof *live);
    assert_non_null(live);
    for (size_t i = 0; i < ring; i++)
        live[i] = gh_handle_new(h, NULL);
    for (size_t i = 0; stats_of(h).scavenges < scavenges; i++)
        *live[i % ring] = new_rec(h, t, i, 4);
    for (size_t i = 0; i < ring; i++)
        assert_true(((rec *)*live[i])->id % ring == i);
    assert_int_equal(gh_verify(h), GH_OK);
    free(live);
    gh_scope_close(&s);
}

/* A flip hands over only the pages that hold survivors (new_space.c), so
 * a young generation that keeps little goes on allocating in pages it has
 * already touched: it makes a semispace and a quarter resident, not two
 * semispaces. */
static void young_generation_that_keeps_little_touches_one_semispace_and_a_quarter(void **state)
{
    (void)state;
    skip_if_stress_adds_collections();
    gh_heap *h = young_heap(GH_MiB(4), GH_MiB(4));
    turn_over_ring(h, register_rec(h), GH_MiB(4) / 20, 40);
    gh_heap_stats st = stats_of(h);
    assert_int_equal(st.young_capacity, GH_MiB(4));
    assert_true(st.young_committed >= GH_MiB(4));
    assert_true(st.young_committed <= GH_MiB(5) + GH_PAGE_SIZE);
    gh_heap_destroy(h);
}

/* Semispaces whose size is not a power of two: each run of pages is
 * rounded up to one (new_space.c), and the lookups must ignore the slack. */
static void semispace_of_three_pages_growing_to_twelve(void **state)
{
    (void)state;
    skip_if_stress_adds_collections();
    gh_heap *h = young_heap(3 * GH_PAGE_SIZE, 12 * GH_PAGE_SIZE);
    turn_over_ring(h, register_rec(h), GH_MiB(2), 30);
    assert_int_equal(stats_of(h).young_capacity, 12 * GH_PAGE_SIZE);
    /* a semispace, and to-space up to a quarter of it and a page: two
     * fixed halves would make 24 pages resident */
    assert_true(stats_of(h).young_committed <= (12 + 12 / 4 + 1) * GH_PAGE_SIZE);
    gh_heap_destroy(h);
}

/* V8 grows the semispace once a semispace's worth has survived since the
 * last growth, however many scavenges that takes; genheap wants it within
 * ten (a tenth surviving on average), else growth would buy little. */
static void semispace_stays_small_when_few_objects_survive(void **state)
{
    (void)state;
    skip_if_stress_adds_collections();
    gh_heap *h = young_heap(GH_KiB(256), GH_MiB(2));
    /* each scavenge keeps about 5% of the semispace */
    turn_over_ring(h, register_rec(h), GH_KiB(256) / 20, 100);
    /* V8's count would have doubled it after about 20 scavenges */
    assert_int_equal(stats_of(h).young_capacity, GH_KiB(256));
    gh_heap_destroy(h);
}

/* Survivors kept in a linked list: rec slot 0 holds the next one. */
static void push_survivor(gh_heap *h, gh_type_id t, gh_handle list, uint64_t id)
{
    rec *r = new_rec(h, t, id, 1);
    gh_set_value(r, &r->slots[0], gh_from_ptr(*list));
    *list = r;
}

/* The allocator readies what the first scavenge writes (new_space.c:
 * fresh memory outside pauses): one that keeps everything it finds copies
 * into to-space pages and promotes into pool pages readied before it,
 * and maps none inside its pause. */
static void first_scavenge_finds_its_pages_ready(void **state)
{
    (void)state;
    skip_if_stress_adds_collections();
    gh_config c;
    gh_config_init(&c);
    c.initial_semi_space = GH_MiB(1);
    c.pretenuring = false;
    gh_heap *h = gh_heap_create(&c);
    gh_type_id t = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle list = gh_handle_new(h, NULL);
    uint64_t n = 0;
    while (stats_of(h).scavenges < 1)
        push_survivor(h, t, list, n++);
    gh_heap_stats st = stats_of(h);
    print_message("%llu survivors, %.2f MiB promoted, %llu pages mapped in the scavenge\n",
                  (unsigned long long)n, st.promoted_bytes / 1048576.0,
                  (unsigned long long)st.pages_mapped_in_gc);
    assert_true(st.promoted_bytes > GH_KiB(512)); /* it needed old pages */
    assert_int_equal(st.pages_mapped_in_gc, 0);
    uint64_t id = n;
    for (rec *r = *list; r; r = gh_to_ptr(r->slots[0]))
        assert_int_equal(r->id, --id);
    assert_int_equal(id, 0);
    assert_int_equal(gh_verify(h), GH_OK);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

static void cycles_and_sharing_survive_moves(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 16);
    gh_type_id t = register_pair(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle a = gh_handle_new(h, new_pair(h, t));
    gh_handle b = gh_handle_new(h, new_pair(h, t));
    pair *pa = *a, *pb = *b;
    gh_set_ptr(pa, &pa->head, pb);
    gh_set_ptr(pa, &pa->tail, pa); /* self cycle */
    gh_set_ptr(pb, &pb->head, pa); /* two-cycle */
    gh_set_ptr(pb, &pb->tail, pb);
    for (int round = 0; round < 4; round++) {
        assert_int_equal(gh_collect(h, round == 2 ? GH_GC_FULL : GH_GC_MINOR), GH_OK);
        pa = *a;
        pb = *b;
        assert_true(pa->head == pb && pa->tail == pa);
        assert_true(pb->head == pa && pb->tail == pb);
    }
    assert_int_equal(gh_verify(h), GH_OK);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

static void long_young_list_is_copied_without_recursion(void **state)
{
    (void)state;
    skip_if_stress_adds_collections();
    gh_config c;
    gh_config_init(&c);
    c.initial_semi_space = c.max_semi_space = GH_MiB(16);
    gh_heap *h = gh_heap_create(&c);
    gh_type_id t = register_pair(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle list = gh_handle_new(h, NULL);
    const int n = 400000; /* ~9.6 MB: more than a quarter of to-space */
    for (int i = 0; i < n; i++) {
        pair *p = new_pair(h, t);
        gh_set_ptr(p, &p->head, (void *)(uintptr_t)gh_special((uint64_t)i));
        gh_set_ptr(p, &p->tail, *list);
        *list = p;
    }
    assert_int_equal(stats_of(h).scavenges, 0);
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    int count = 0;
    for (pair *p = *list; p; p = p->tail, count++)
        assert_int_equal(gh_special_index((gh_value)(uintptr_t)p->head), (uint64_t)(n - 1 - count));
    assert_int_equal(count, n);
    assert_int_equal(gh_verify(h), GH_OK);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* Survivors of assorted sizes fill several to-space pages, most of which
 * end in a filler where the next copy did not fit: the Cheney scan must
 * cross each page boundary (and stop at the copy pointer on the last page)
 * without skipping or misreading an object. */
static bool chain_intact(gh_handle chain, uint64_t n)
{
    uint64_t expect = n;
    for (rec *r = *chain; r; r = gh_to_ptr(r->slots[0])) {
        expect--;
        if (r->id != expect || r->nslots != 1 + expect % 500)
            return false;
        for (uint64_t k = 1; k < r->nslots; k++)
            if (gh_to_int(r->slots[k]) != (int64_t)(expect * 1000 + k))
                return false;
    }
    return expect == 0;
}

static void survivors_of_mixed_sizes_span_to_space_pages(void **state)
{
    (void)state;
    skip_if_stress_adds_collections();
    gh_heap *h = young_heap(GH_MiB(16), GH_MiB(16));
    gh_type_id t = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle chain = gh_handle_new(h, NULL);
    uint64_t n = 0;
    size_t bytes = 0;
    /* about 2 MiB, well under the quarter of to-space that stays young */
    while (bytes < GH_MiB(2)) {
        size_t nslots = 1 + n % 500;
        rec *r = new_rec(h, t, n, nslots);
        gh_set_value(r, &r->slots[0], gh_from_ptr(*chain));
        for (size_t k = 1; k < nslots; k++)
            r->slots[k] = gh_from_int((int64_t)(n * 1000 + k));
        *chain = r;
        bytes += rec_size(nslots) + 8;
        n++;
    }
    assert_int_equal(stats_of(h).scavenges, 0);
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    gh_heap_stats st = stats_of(h);
    assert_int_equal(st.promoted_bytes, 0); /* all of it copied within the young generation */
    /* each page's unused end is smaller than the largest record */
    size_t pages = bytes / GH_PAGE_SIZE + 1;
    assert_true(st.young_used >= bytes && st.young_used <= bytes + pages * (rec_size(500) + 8));
    assert_true(gh_in_young(h, *chain));
    assert_true(chain_intact(chain, n));
    assert_int_equal(gh_verify(h), GH_OK);
    /* and once more: now below the age mark, every object is promoted */
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    assert_int_equal(stats_of(h).promoted_bytes, bytes);
    assert_true(chain_intact(chain, n));
    assert_int_equal(gh_verify(h), GH_OK);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

static void long_lived_types_are_pretenured(void **state)
{
    (void)state;
    skip_if_stress_adds_collections();
    gh_heap *h = small_heap(1024, 64);
    gh_type_id keep = register_rec(h);
    gh_type_id temp = gh_type_register(h, &(gh_type_info){.name = "temp", .size = 32});
    assert_false(gh_pretenured(h, keep));
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle chain = gh_handle_new(h, NULL);
    /* every "keep" record survives; every "temp" dies at once */
    for (int i = 0; i < 60000 && !gh_pretenured(h, keep); i++) {
        rec *r = new_rec(h, keep, (uint64_t)i, 2);
        gh_set_value(r, &r->slots[0], gh_from_ptr(*chain));
        *chain = r;
        for (int k = 0; k < 3; k++)
            assert_non_null(gh_alloc(h, temp, 32));
    }
    assert_true(stats_of(h).scavenges > 0);
    assert_true(gh_pretenured(h, keep));
    assert_false(gh_pretenured(h, temp));
    /* now born old, and still linked up right through collections */
    rec *r = new_rec(h, keep, 999999, 2);
    assert_false(gh_in_young(h, r));
    gh_set_value(r, &r->slots[0], gh_from_ptr(*chain));
    *chain = r;
    assert_true(gh_in_young(h, gh_alloc(h, temp, 32)));
    assert_int_equal(gh_collect(h, GH_GC_MINOR), GH_OK);
    assert_int_equal(((rec *)*chain)->id, 999999);
    assert_int_equal(gh_verify(h), GH_OK);
    /* a full GC forgets the decision */
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_false(gh_pretenured(h, keep));
    assert_false(gh_pretenured(NULL, keep));
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* A decision to pretenure is checked again as the program allocates old,
 * long before the next full GC: a type whose objects stop surviving goes
 * back to the young generation instead of filling the old one with
 * garbage. */
/* Pretenured types allocate in old buffers of their own (old_space.c), so
 * a long-lived structure's nodes lie together even when each is allocated
 * beside a bigger object of another type, as splay's tree nodes are beside
 * their payloads. */
static bool pretenure_pairs(gh_heap *h, gh_type_id node, gh_type_id blob, gh_handle chain, int n,
                            char **addrs)
{
    bool all_old = true;
    for (int i = 0; i < n; i++) {
        gh_handle_scope one;
        gh_scope_open(h, &one);
        gh_handle payload = gh_handle_new(h, new_rec(h, blob, (uint64_t)i, 30)); /* first */
        rec *r = new_rec(h, node, (uint64_t)i, 2);
        gh_set_value(r, &r->slots[0], gh_from_ptr(*chain));
        gh_set_value(r, &r->slots[1], gh_from_ptr(*payload));
        *chain = r;
        if (addrs)
            addrs[i] = (char *)r;
        all_old &= !gh_in_young(h, r);
        gh_scope_close(&one);
    }
    return all_old; /* false if a pretenuring re-check intervened */
}

static void pretenured_types_keep_their_objects_together(void **state)
{
    (void)state;
    skip_if_stress_adds_collections();
    gh_heap *h = small_heap(1024, 64);
    gh_type_id node = register_rec(h);
    gh_type_id blob = gh_type_register(
        h, &(gh_type_info){.name = "blob", .size_of = rec_size_of, .slots_offset = offsetof(rec, slots)});
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle chain = gh_handle_new(h, NULL);
    for (int i = 0; i < 200 && !(gh_pretenured(h, node) && gh_pretenured(h, blob)); i++)
        pretenure_pairs(h, node, blob, chain, 100, NULL);
    assert_true(gh_pretenured(h, node) && gh_pretenured(h, blob));
    enum { N = 200 };
    char *addrs[N];
    bool all_old = false;
    for (int attempt = 0; attempt < 50 && !all_old; attempt++)
        all_old = pretenure_pairs(h, node, blob, chain, N, addrs);
    assert_true(all_old);
    int adjacent = 0;
    for (int i = 1; i < N; i++)
        adjacent += addrs[i] == addrs[i - 1] + rec_size(2) + 8;
    print_message("%d of %d consecutive nodes adjacent\n", adjacent, N - 1);
    assert_true(adjacent >= N - 1 - 4); /* a buffer refill may break a run */
    /* the heap walk steps over the buffers' unused rests */
    assert_int_equal(gh_verify(h), GH_OK);
    uint64_t expect = N; /* the records of the last attempt */
    for (rec *r = *chain; r && expect > 0; r = gh_to_ptr(r->slots[0])) {
        assert_int_equal(r->id, --expect);
        assert_int_equal(((rec *)gh_to_ptr(r->slots[1]))->id, expect);
    }
    assert_int_equal(expect, 0);
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(gh_verify(h), GH_OK);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

static bool count_by_type(void *obj, void *data)
{
    size_t *counts = data;
    counts[gh_type_of(obj)]++;
    return true;
}

/* More pretenured types than old buffers: the later ones share buffer 1
 * with the promotions, and every object stays intact and walkable. */
static void more_pretenured_types_than_buffers(void **state)
{
    (void)state;
    skip_if_stress_adds_collections();
    gh_heap *h = small_heap(1024, 64);
    enum { TYPES = GH__TYPE_LABS + 3, ROUND = 50 };
    gh_type_id types[TYPES];
    char name[TYPES][16];
    for (int t = 0; t < TYPES; t++) {
        snprintf(name[t], sizeof name[t], "kept%d", t);
        types[t] = gh_type_register(h, &(gh_type_info){.name = name[t], .size_of = rec_size_of,
                                                         .slots_offset = offsetof(rec, slots)});
        assert_true(types[t] != 0);
    }
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle chain = gh_handle_new(h, NULL);
    uint64_t made = 0;
    /* rounds of interleaved records, until one in which every record was
     * born old (pretenuring is re-checked now and then, and a type is
     * young again until the next decision) */
    bool all_old = false;
    for (int round = 0; round < 400 && !all_old; round++) {
        all_old = true;
        for (int i = 0; i < ROUND; i++)
            for (int t = 0; t < TYPES; t++) {
                rec *r = new_rec(h, types[t], made++, 1 + (size_t)t);
                all_old &= !gh_in_young(h, r);
                gh_set_value(r, &r->slots[0], gh_from_ptr(*chain));
                *chain = r;
            }
    }
    assert_true(all_old);
    assert_int_equal(gh_verify(h), GH_OK);
    uint64_t expect = made;
    for (rec *r = *chain; r; r = gh_to_ptr(r->slots[0])) {
        expect--;
        assert_int_equal(r->id, expect);
        assert_int_equal(r->nslots, 1 + expect % TYPES);
    }
    assert_int_equal(expect, 0);
    size_t counts[64] = {0};
    assert_int_equal(gh_heap_iterate(h, count_by_type, counts), GH_OK);
    for (int t = 0; t < TYPES; t++)
        assert_int_equal(counts[types[t]], made / TYPES);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

static void pretenuring_is_rechecked_without_a_full_gc(void **state)
{
    (void)state;
    skip_if_stress_adds_collections();
    const char *stress = getenv("GENHEAP_STRESS");
    if (stress && strstr(stress, "incremental")) /* marks all the time: full GCs */
        skip();
    gh_heap *h = small_heap(1024, 512);
    gh_type_id keep = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle chain = gh_handle_new(h, NULL);
    for (int i = 0; i < 60000 && !gh_pretenured(h, keep); i++) {
        rec *r = new_rec(h, keep, (uint64_t)i, 2);
        gh_set_value(r, &r->slots[0], gh_from_ptr(*chain));
        *chain = r;
    }
    assert_true(gh_pretenured(h, keep));
    /* from now on every record dies at once */
    int n = 0;
    for (; n < 400000 && gh_pretenured(h, keep); n++)
        assert_non_null(new_rec(h, keep, (uint64_t)n, 30)); /* 264 bytes */
    gh_heap_stats st = stats_of(h);
    print_message("young again after %d records (%zu KiB), %llu full GCs\n", n,
                  (size_t)n * 264 >> 10, (unsigned long long)st.full_gcs);
    assert_false(gh_pretenured(h, keep));
    assert_int_equal(st.full_gcs, 0);
    /* the old generation holds little but this garbage, so the re-check
     * comes after the 1 MiB minimum (plus the probe's page), not 16 MiB */
    assert_true((size_t)n * 264 <= GH_MiB(2));
    /* and it stays young: the next scavenges see the records die */
    for (int i = 0; i < 100000; i++)
        assert_non_null(new_rec(h, keep, (uint64_t)i, 30));
    assert_false(gh_pretenured(h, keep));
    assert_int_equal(gh_verify(h), GH_OK);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(survivor_of_one_scavenge_stays_young_then_is_promoted),
        cmocka_unit_test(to_space_over_a_quarter_full_promotes),
        cmocka_unit_test(semispace_grows_when_survival_is_high),
        cmocka_unit_test(semispace_stays_small_when_few_objects_survive),
        cmocka_unit_test(young_generation_that_keeps_little_touches_one_semispace_and_a_quarter),
        cmocka_unit_test(semispace_of_three_pages_growing_to_twelve),
        cmocka_unit_test(first_scavenge_finds_its_pages_ready),
        cmocka_unit_test(survivors_of_mixed_sizes_span_to_space_pages),
        cmocka_unit_test(pretenured_types_keep_their_objects_together),
        cmocka_unit_test(more_pretenured_types_than_buffers),
        cmocka_unit_test(cycles_and_sharing_survive_moves),
        cmocka_unit_test(long_young_list_is_copied_without_recursion),
        cmocka_unit_test(long_lived_types_are_pretenured),
        cmocka_unit_test(pretenuring_is_rechecked_without_a_full_gc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
