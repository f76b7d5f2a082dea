/*
 * test_util.h -- shared pieces of the C test suite: cmocka, a few object
 * types, small-heap configs, reading rss, and running a misuse case in a
 * child process.
 */
#ifndef GH_TEST_UTIL_H
#define GH_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
/* cmocka.h needs the three above first */
#include <cmocka.h>

#include <genheap.h>

#include "child_process.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* A cons cell: two slots, no trace function (layout-described). */
typedef struct pair {
    void *head, *tail;
} pair;

/* A record with an id and a variable number of value slots. */
typedef struct rec {
    uint64_t id;
    uint64_t nslots;
    gh_value slots[];
} rec;

static inline size_t rec_size(size_t nslots) { return sizeof(rec) + nslots * sizeof(gh_value); }

static inline size_t rec_size_of(const void *obj) { return rec_size(((const rec *)obj)->nslots); }

/* Tests of the collector's own scheduling (when a scavenge comes, what it
 * promotes, how far a space grows) cannot hold when GENHEAP_STRESS adds
 * collections of its own (scavenge, full=N): they skip themselves there,
 * and still run under the other modes. */
static inline void skip_if_stress_adds_collections(void)
{
    const char *stress = getenv("GENHEAP_STRESS");
    if (stress && (strstr(stress, "scavenge") || strstr(stress, "full")))
        skip();
}

/* A heap with a small young generation, so tests reach collections fast. */
static inline gh_heap *small_heap(size_t semi_kib, size_t old_mib)
{
    gh_config c;
    gh_config_init(&c);
    c.initial_semi_space = GH_KiB(semi_kib);
    c.max_semi_space = GH_KiB(semi_kib);
    c.max_old_space = GH_MiB(old_mib);
    gh_heap *h = gh_heap_create(&c);
    assert_non_null(h);
    return h;
}

static inline gh_type_id register_pair(gh_heap *h)
{
    gh_type_info info = {.name = "pair", .size = sizeof(pair)};
    gh_type_id t = gh_type_register(h, &info);
    assert_true(t != 0);
    return t;
}

/* Pointer-free objects of any size ("blob"). */
static inline gh_type_id register_blob(gh_heap *h)
{
    gh_type_id t = gh_type_register(h, &(gh_type_info){.name = "blob", .flags = GH_TYPE_LEAF});
    assert_true(t != 0);
    return t;
}

static inline gh_type_id register_rec(gh_heap *h)
{
    gh_type_info info = {.name = "rec", .size_of = rec_size_of, .slots_offset = offsetof(rec, slots)};
    gh_type_id t = gh_type_register(h, &info);
    assert_true(t != 0);
    return t;
}

static inline pair *new_pair(gh_heap *h, gh_type_id t)
{
    pair *p = gh_alloc(h, t, sizeof(pair));
    assert_non_null(p);
    return p;
}

static inline rec *new_rec(gh_heap *h, gh_type_id t, uint64_t id, size_t nslots)
{
    rec *r = gh_alloc(h, t, rec_size(nslots));
    assert_non_null(r);
    r->id = id;
    r->nslots = nslots;
    return r;
}

static inline rec *new_old_rec(gh_heap *h, gh_type_id t, uint64_t id, size_t nslots)
{
    rec *r = gh_alloc_old(h, t, rec_size(nslots));
    assert_non_null(r);
    r->id = id;
    r->nslots = nslots;
    return r;
}

/* Resident set size of this process, in bytes. */
static inline size_t rss_bytes(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long size = 0, resident = 0;
    if (f) {
        if (fscanf(f, "%lu %lu", &size, &resident) != 2)
            resident = 0;
        fclose(f);
    }
    return resident * (size_t)sysconf(_SC_PAGESIZE);
}

static inline gh_heap_stats stats_of(gh_heap *h)
{
    gh_heap_stats st;
    assert_int_equal(gh_heap_stats_get(h, &st), GH_OK);
    return st;
}

#endif
