/* test_pages.c -- pages go back to the OS: rss, read from /proc/self/statm,
 * falls when the heap shrinks; the young generation asks for huge pages
 * only when told to. */
#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "test_util.h"

#define MB (1024.0 * 1024.0)

static void rss_falls_after_old_pages_die(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 512);
    gh_type_id t = register_rec(h);
    gh_type_id blob = register_blob(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    const size_t n = 16384; /* 16384 x 4 KiB = 64 MiB */
    gh_handle table = gh_handle_new(h, new_old_rec(h, t, 0, n));
    size_t rss0 = rss_bytes();
    for (size_t i = 0; i < n; i++) {
        void *b = gh_alloc_old(h, blob, 4096 - 8);
        memset(b, 1, 4096 - 8); /* touch every page */
        rec *tb = *table;
        gh_set_value(tb, &tb->slots[i], gh_from_ptr(b));
    }
    size_t rss1 = rss_bytes();
    print_message("rss: %.1f MB -> %.1f MB with 64 MiB of old objects\n", rss0 / MB, rss1 / MB);
    assert_true(rss1 >= rss0 + GH_MiB(60));
    *table = NULL;
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    size_t rss2 = rss_bytes();
    print_message("rss: %.1f MB after they died\n", rss2 / MB);
    assert_true(rss2 + GH_MiB(52) <= rss1); /* the heap may keep a 4 MiB page pool */
    assert_int_equal(stats_of(h).old_committed, 0);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

static void rss_falls_after_large_objects_die(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 512);
    gh_type_id blob = register_blob(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    size_t rss0 = rss_bytes();
    gh_handle big = gh_handle_new(h, gh_alloc(h, blob, GH_MiB(100)));
    memset(*big, 7, GH_MiB(100));
    size_t rss1 = rss_bytes();
    assert_true(rss1 >= rss0 + GH_MiB(95));
    *big = NULL;
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_true(rss_bytes() + GH_MiB(95) <= rss1);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* True if no 4 KiB page of [start, start + len) is mapped. */
static bool range_unmapped(const char *start, size_t len)
{
    unsigned char in_core;
    for (size_t off = 0; off < len; off += 4096)
        if (mincore((void *)((uintptr_t)(start + off) & ~(uintptr_t)4095), 1, &in_core) == 0 ||
            errno != ENOMEM)
            return false;
    return true;
}

/* A dead large object's chunk is unmapped in 2 MiB calls (page.c says
 * why); a size that is no multiple of that checks the last, shorter call. */
static void a_dead_large_object_is_unmapped_to_its_last_page(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 512);
    gh_type_id blob = register_blob(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    const size_t size = GH_MiB(5) + 12345;
    gh_handle big = gh_handle_new(h, gh_alloc(h, blob, size));
    char *start = *big;
    assert_non_null(start);
    memset(start, 7, size);
    assert_false(range_unmapped(start, size));
    *big = NULL;
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_true(range_unmapped(start - 8, size + 8)); /* header included */
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* Emptied old pages go back to the OS in batches, one munmap per run of
 * adjacent pages (page.c): an explicit GC keeps GH_PAGE_POOL_PAGES (16)
 * of them and unmaps the rest, and destroying the heap unmaps every page,
 * to the last one of each run. */
static void old_pages_go_back_in_runs_to_the_last_one(void **state)
{
    (void)state;
    enum { OBJECTS = 96, POOL = 16 };
    gh_heap *h = small_heap(256, 512);
    gh_type_id blob = register_blob(h);
    gh_type_id t = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle table = gh_handle_new(h, new_old_rec(h, t, 0, OBJECTS));
    char *pages[OBJECTS + 1];
    size_t n = 0;
    for (size_t i = 0; i < OBJECTS; i++) { /* two to a page: not large objects */
        char *b = gh_alloc_old(h, blob, GH_KiB(120));
        assert_non_null(b);
        memset(b, 1, GH_KiB(120));
        char *page = (char *)((uintptr_t)b & ~(uintptr_t)(GH_KiB(256) - 1));
        if (n == 0 || pages[n - 1] != page)
            pages[n++] = page;
        rec *tb = *table;
        gh_set_value(tb, &tb->slots[i], gh_from_ptr(b));
    }
    assert_true(n >= OBJECTS / 2);
    for (size_t i = 0; i < n; i++)
        assert_false(range_unmapped(pages[i], GH_KiB(256)));
    *table = NULL;
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    size_t unmapped = 0;
    for (size_t i = 0; i < n; i++)
        unmapped += range_unmapped(pages[i], GH_KiB(256));
    print_message("%zu pages, %zu unmapped by an explicit GC\n", n, unmapped);
    assert_int_equal(unmapped, n - POOL);
    gh_scope_close(&s);
    gh_heap_destroy(h);
    for (size_t i = 0; i < n; i++)
        assert_true(range_unmapped(pages[i], GH_KiB(256)));
}

/* Drop `mib` MiB of old objects kept in a fresh table, then let the
 * heap collect them by itself: an incremental marking finished in idle
 * time ("via task", not an explicit GC). */
static void churn_old_generation(gh_heap *h, gh_type_id t, size_t mib)
{
    gh_handle_scope s;
    gh_scope_open(h, &s);
    size_t n = mib * 128; /* objects of ~8 KiB, in old pages (not large) */
    gh_handle table = gh_handle_new(h, new_old_rec(h, t, 0, n));
    for (size_t i = 0; i < n; i++) {
        rec *r = new_old_rec(h, t, i, 1000);
        memset(r->slots, 0, 1000 * sizeof(gh_value)); /* touch it */
        rec *tb = *table;
        gh_set_value(tb, &tb->slots[i], gh_from_ptr(r));
    }
    *table = NULL;
    gh_scope_close(&s);
    assert_int_equal(gh_incremental_marking_start(h), GH_OK);
    for (int i = 0; i < 10000 && gh_incremental_marking_active(h); i++)
        assert_int_equal(gh_idle_notification(h, 10), GH_OK);
    assert_false(gh_incremental_marking_active(h));
}

/* mib MiB of old objects that stay (a chain held by a handle in the
 * current scope). */
static void keep_old_objects(gh_heap *h, gh_type_id t, size_t mib)
{
    gh_handle live = gh_handle_new(h, NULL);
    for (size_t i = 0; i < mib * 128; i++) {
        rec *r = new_old_rec(h, t, (uint64_t)i, 1000);
        gh_set_value(r, &r->slots[0], gh_from_ptr(*live));
        *live = r;
    }
}

/* Between the collections the heap makes by itself, emptied pages stay
 * mapped for the promotions to come (up to the old generation's
 * headroom), so a program that turns its old objects over does not fault
 * them in again each cycle; an explicit GC gives them back. */
static void emptied_pages_are_kept_for_reuse_until_an_explicit_gc(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 512);
    gh_type_id t = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    keep_old_objects(h, t, 32); /* headroom */
    churn_old_generation(h, t, 8); /* sizes the pool from the headroom */
    gh_heap_stats st = stats_of(h);
    print_message("live %.1f MB, next full GC at %.1f MB\n", st.old_used / MB,
                  st.next_full_gc_at / MB);
    size_t rss0 = rss_bytes(), committed0 = st.old_committed;
    churn_old_generation(h, t, 32);
    size_t rss1 = rss_bytes();
    assert_int_equal(stats_of(h).old_committed, committed0); /* the heap's pages */
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    size_t rss2 = rss_bytes();
    print_message("rss: %.1f MB before, %.1f MB with 32 MiB of emptied pages pooled, "
                  "%.1f MB after an explicit GC\n", rss0 / MB, rss1 / MB, rss2 / MB);
    assert_true(rss1 >= rss0 + GH_MiB(24));
    assert_true(rss2 + GH_MiB(24) <= rss1);
    assert_int_equal(gh_verify(h), GH_OK);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* The pool is sized after a full GC, from the next trigger; the pages that
 * GC itself empties must wait for that size, not meet the pool's minimum
 * and go back to the OS: the heap's first collection kept only 4 MiB of
 * them, and the program faulted the rest in again at once (binary-trees
 * 20 spent a tenth of its time doing so). */
static void the_first_full_gc_keeps_the_pages_it_empties(void **state)
{
    (void)state;
    gh_heap *h = small_heap(256, 512);
    gh_type_id t = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    keep_old_objects(h, t, 32); /* headroom */
    assert_int_equal(stats_of(h).full_gcs, 0);
    size_t rss0 = rss_bytes();
    churn_old_generation(h, t, 24); /* the first full GC empties 24 MiB */
    assert_int_equal(stats_of(h).full_gcs, 1);
    size_t rss1 = rss_bytes();
    churn_old_generation(h, t, 24); /* refills them */
    size_t rss2 = rss_bytes();
    print_message("rss: %.1f MB with the live data, %.1f MB after the first full GC, "
                  "%.1f MB after as much garbage again\n", rss0 / MB, rss1 / MB, rss2 / MB);
    assert_true(rss1 >= rss0 + GH_MiB(20)); /* the emptied pages stayed mapped */
    assert_true(rss2 <= rss1 + GH_MiB(4));  /* and were used again */
    assert_int_equal(gh_verify(h), GH_OK);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* Whether the mapping holding addr carries the MADV_HUGEPAGE flag ("hg" in
 * its VmFlags line of /proc/self/smaps); -1 if it cannot be found. */
static int mapping_advised_huge(const void *addr)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    if (!f)
        return -1;
    char line[512];
    bool inside = false;
    int found = -1;
    while (found < 0 && fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2) {
            inside = (uintptr_t)addr >= lo && (uintptr_t)addr < hi;
        } else if (inside && strncmp(line, "VmFlags:", 8) == 0) {
            found = strstr(line, " hg") != NULL;
        }
    }
    fclose(f);
    return found;
}

static int young_object_advised_huge(bool huge_pages)
{
    gh_config c;
    gh_config_init(&c);
    assert_false(c.young_huge_pages); /* the default */
    c.young_huge_pages = huge_pages;
    gh_heap *h = gh_heap_create(&c);
    assert_non_null(h);
    gh_type_id t = register_pair(h);
    int advised = mapping_advised_huge(new_pair(h, t));
    gh_heap_destroy(h);
    return advised;
}

static void the_young_generation_asks_for_huge_pages_only_when_told_to(void **state)
{
    (void)state;
    if (access("/sys/kernel/mm/transparent_hugepage/enabled", R_OK) != 0)
        skip(); /* a kernel without transparent huge pages */
    assert_int_equal(young_object_advised_huge(true), 1);
    assert_int_equal(young_object_advised_huge(false), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rss_falls_after_old_pages_die),
        cmocka_unit_test(rss_falls_after_large_objects_die),
        cmocka_unit_test(a_dead_large_object_is_unmapped_to_its_last_page),
        cmocka_unit_test(old_pages_go_back_in_runs_to_the_last_one),
        cmocka_unit_test(emptied_pages_are_kept_for_reuse_until_an_explicit_gc),
        cmocka_unit_test(the_first_full_gc_keeps_the_pages_it_empties),
        cmocka_unit_test(the_young_generation_asks_for_huge_pages_only_when_told_to),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
