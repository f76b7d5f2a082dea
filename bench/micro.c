/*
 * micro.c -- micro-benchmarks of genheap's two hottest paths, each against
 * the cheapest thing that could do the same job on this machine.
 *
 *   micro [--runs N] [--quick]
 *
 * 1. Allocation fast path: ns per object of gh_alloc with a 16, 32 or 64
 *    byte payload in a tight loop, each object dropped at once (its address
 *    kept "used" so the loop cannot be optimised away), on a default heap.
 *    Each loop is its own function with a constant size, as at a real
 *    allocation site (inlined into main(), which GCC optimises as code run
 *    once, the payload zeroing became a slow `rep stos` in both allocators).
 *    The figure includes the scavenges the loop causes (empty ones: nothing
 *    survives) and the slow path taken at the end of every 256 KiB page of
 *    the young generation.  The baseline is a bare bump allocator in this
 *    file that does what gh_alloc's fast path does -- bump, limit check,
 *    header word, zero the payload -- over a region as large as genheap's
 *    young generation was (on the same kind of pages), which it simply
 *    resets when full.
 *
 * 2. Scavenge throughput: 8 MiB of young objects (a linked list of 40-byte
 *    objects held by one handle) survive one gh_collect(h, GH_GC_MINOR);
 *    survivor MiB per second of that pause, against memcpy of the same
 *    number of bytes between two already-touched buffers on the kind of
 *    pages the young generation uses by default (and, for comparison, on
 *    the other kind: 4 KiB or transparent huge pages).  Two heap
 *    configurations: the default maximum semispace (16 MiB, set as the
 *    initial size too so the 8 MiB fit; once to-space is 25% full the rest
 *    is promoted, so half of the bytes go to old space) and a 64 MiB
 *    semispace (everything is copied within the young generation).  Both
 *    semispaces have been used once before the timed scavenge.  The 4 MiB
 *    that the 16 MiB configuration promotes fill 17 old-space pages; the
 *    explicit full GC before the timed scavenge keeps 16 of the pages it
 *    empties mapped for reuse (an explicit GC trims the pool to its
 *    minimum), so the scavenge maps and faults in one fresh page, as a
 *    program's would after such a GC.
 *
 * Trials alternate genheap and baseline; the table shows medians.
 */
#include <genheap.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
    fprintf(stderr, "micro: %s: %s\n", what, gh_last_error_message());
    exit(1);
}

/* Make the compiler believe p is used, without forcing memory reloads. */
#define KEEP(p) __asm__ volatile("" : : "r"(p))

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* ---- 1. allocation fast path ------------------------------------------ */

/* The baselines' memory is the kind genheap's young generation gets by
 * default: 2 MiB-aligned, and advised for transparent huge pages only if
 * gh_config's young_huge_pages is on by default.  memcpy moves 2-3 times
 * as much per second on huge pages here as on 4 KiB pages, so a baseline
 * on other pages than the heap's would flatter one side. */
#define HUGE_PAGE ((size_t)2 << 20)

static bool young_huge_by_default(void)
{
    gh_config c;
    gh_config_init(&c);
    return c.young_huge_pages;
}

static char *baseline_buffer(size_t bytes, bool huge, void **mapping)
{
    char *raw = mmap(NULL, bytes + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                     -1, 0);
    if (raw == MAP_FAILED)
        die("mmap");
    *mapping = raw;
    char *start = (char *)(((uintptr_t)raw + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
#ifdef MADV_HUGEPAGE
    if (huge)
        madvise(start, bytes, MADV_HUGEPAGE);
#endif
    return start;
}

/* Inlined into one function per size (below), so that the size is a
 * constant, as it is at a real allocation site. */
#define ALWAYS_INLINE inline __attribute__((always_inline))
#define NOINLINE __attribute__((noinline))

static ALWAYS_INLINE double gh_alloc_ns(size_t size, long count, size_t *young_capacity)
{
    gh_heap *h = gh_heap_create(NULL);
    if (!h)
        die("gh_heap_create");
    gh_type_id t = gh_type_register(h, &(gh_type_info){.name = "Bytes", .flags = GH_TYPE_LEAF});
    if (!t)
        die("gh_type_register");
    for (long i = 0; i < count / 10; i++) { /* warm up: touch the young generation */
        uint64_t *p = gh_alloc(h, t, size);
        KEEP(p);
    }
    double t0 = now_s();
    for (long i = 0; i < count; i++) {
        uint64_t *p = gh_alloc(h, t, size);
        if (GH_UNLIKELY(!p))
            die("gh_alloc");
        KEEP(p);
    }
    double ns = (now_s() - t0) * 1e9 / (double)count;
    gh_heap_stats st;
    gh_heap_stats_get(h, &st);
    *young_capacity = st.young_capacity;
    gh_heap_destroy(h);
    return ns;
}

typedef struct bump {
    char *top, *limit, *start;
} bump;

/* The region is full: start again at its beginning (everything in it is
 * dead).  Out of line, like genheap's slow path. */
__attribute__((noinline)) static void *bump_refill(bump *b, size_t total)
{
    b->top = b->start;
    char *obj = b->top;
    b->top += total;
    *(uint64_t *)(void *)obj = ((uint64_t)total << 29) | 1;
    memset(obj + 8, 0, total - 8);
    return obj + 8;
}

static ALWAYS_INLINE void *bump_alloc(bump *b, uint32_t type, size_t size)
{
    size_t total = ((size + 7) & ~(size_t)7) + 8;
    char *obj = b->top;
    if (GH_LIKELY((size_t)(b->limit - obj) >= total)) {
        b->top = obj + total;
        *(uint64_t *)(void *)obj = ((uint64_t)total << 29) | ((uint64_t)type << 8) | 1;
        memset(obj + 8, 0, total - 8);
        return obj + 8;
    }
    return bump_refill(b, total);
}

static ALWAYS_INLINE double bump_alloc_ns(size_t size, long count, size_t region)
{
    bump b;
    void *mapping;
    b.start = baseline_buffer(region, young_huge_by_default(), &mapping);
    memset(b.start, 0, region); /* touched, like genheap's warm young generation */
    b.top = b.start;
    b.limit = b.start + region;
    for (long i = 0; i < count / 10; i++) {
        uint64_t *p = bump_alloc(&b, 1, size);
        KEEP(p);
    }
    double t0 = now_s();
    for (long i = 0; i < count; i++) {
        uint64_t *p = bump_alloc(&b, 1, size);
        KEEP(p);
    }
    double ns = (now_s() - t0) * 1e9 / (double)count;
    munmap(mapping, region + HUGE_PAGE);
    return ns;
}

#define SIZED(n)                                                                   \
    static NOINLINE double gh_alloc_ns_##n(long count, size_t *young)              \
    {                                                                              \
        return gh_alloc_ns(n, count, young);                                       \
    }                                                                              \
    static NOINLINE double bump_alloc_ns_##n(long count, size_t region)            \
    {                                                                              \
        return bump_alloc_ns(n, count, region);                                    \
    }
SIZED(16)
SIZED(32)
SIZED(64)

/* ---- 2. scavenge throughput ------------------------------------------- */

typedef struct cell {
    int64_t a, b, c;   /* data words (not slots) ... */
    struct cell *next; /* ... then the one slot: slots_offset 24 */
} cell;

/* Prepend cells to the list in *head until `bytes` bytes are allocated. */
static void build_list(gh_heap *h, gh_type_id t, gh_handle head, size_t bytes)
{
    size_t per = sizeof(cell) + 8; /* payload + header */
    for (size_t done = 0; done < bytes; done += per) {
        cell *c = gh_alloc(h, t, sizeof(cell));
        if (!c)
            die("gh_alloc");
        c->a = (int64_t)done;
        gh_set_ptr(c, &c->next, *head);
        *head = c;
    }
}

/* Returns survivor MiB/s of one scavenge of `bytes` of live young data. */
static double scavenge_mib_s(size_t semi, size_t bytes, double *survived_mib)
{
    gh_config config;
    gh_config_init(&config);
    config.initial_semi_space = semi;
    /* this measures copying: a list that always survives would otherwise be
     * pretenured after the warm-up and never reach the scavenger */
    config.pretenuring = false;
    if (config.max_semi_space < semi)
        config.max_semi_space = semi;
    gh_heap *h = gh_heap_create(&config);
    if (!h)
        die("gh_heap_create");
    gh_type_id t = gh_type_register(
        h, &(gh_type_info){.name = "Cell", .size = sizeof(cell), .slots_offset = 24});
    if (!t)
        die("gh_type_register");
    gh_handle_scope scope;
    gh_scope_open(h, &scope);
    gh_handle head = gh_handle_new(h, NULL);

    /* warm-up: both semispaces get used once */
    build_list(h, t, head, bytes);
    gh_collect(h, GH_GC_MINOR);
    *head = NULL;
    gh_collect(h, GH_GC_FULL);

    build_list(h, t, head, bytes);
    gh_heap_stats before, after;
    gh_heap_stats_get(h, &before);
    if (before.scavenges != 1 || before.full_gcs != 1)
        die("the list did not fit in the young generation");
    double t0 = now_s();
    gh_collect(h, GH_GC_MINOR);
    double s = now_s() - t0;
    gh_heap_stats_get(h, &after);
    double survived = (double)(after.young_used + (after.promoted_bytes - before.promoted_bytes));
    *survived_mib = survived / 1048576.0;
    gh_scope_close(&scope);
    gh_heap_destroy(h);
    return survived / 1048576.0 / s;
}

/* memcpy between two touched buffers, on huge pages or not. */
static double memcpy_mib_s(size_t bytes, bool huge)
{
    void *src_map, *dst_map;
    char *src = baseline_buffer(bytes, huge, &src_map);
    char *dst = baseline_buffer(bytes, huge, &dst_map);
    memset(src, 1, bytes);
    memset(dst, 0, bytes);
    memcpy(dst, src, bytes); /* warm */
    double t0 = now_s();
    memcpy(dst, src, bytes);
    double s = now_s() - t0;
    KEEP(dst);
    volatile char sink = dst[bytes / 2];
    (void)sink;
    munmap(src_map, bytes + HUGE_PAGE);
    munmap(dst_map, bytes + HUGE_PAGE);
    return (double)bytes / 1048576.0 / s;
}

int main(int argc, char **argv)
{
    int runs = 5;
    long count = 20000000;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (strcmp(argv[i], "--quick") == 0)
            count = 5000000;
        else {
            fprintf(stderr, "usage: micro [--runs N] [--quick]\n");
            return 2;
        }
    }
    if (runs < 1)
        runs = 1;
    if (runs > 99)
        runs = 99;

    printf("| micro-benchmark | genheap | baseline | genheap / baseline | goal |\n");
    printf("|---|---|---|---|---|\n");
    static const size_t sizes[] = {16, 32, 64};
    for (int s = 0; s < 3; s++) {
        double g[99], b[99];
        for (int r = 0; r < runs; r++) {
            size_t young = 0;
            g[r] = s == 0 ? gh_alloc_ns_16(count, &young)
                   : s == 1 ? gh_alloc_ns_32(count, &young)
                            : gh_alloc_ns_64(count, &young);
            b[r] = s == 0 ? bump_alloc_ns_16(count, young)
                   : s == 1 ? bump_alloc_ns_32(count, young)
                            : bump_alloc_ns_64(count, young);
        }
        double gm = median(g, runs), bm = median(b, runs);
        printf("| gh_alloc %zu-byte objects, ns/object | %.2f | %.2f (bare bump) | %.2fx | <= 2x %s |\n",
               sizes[s], gm, bm, gm / bm, gm <= 2 * bm ? "(met)" : "(MISSED)");
    }

    static const size_t semis[] = {GH_MiB(16), GH_MiB(64)};
    size_t bytes = GH_MiB(8);
    for (int s = 0; s < 2; s++) {
        double g[99], m[99], other[99], survived = 0;
        bool huge = young_huge_by_default();
        for (int r = 0; r < runs; r++) {
            g[r] = scavenge_mib_s(semis[s], bytes, &survived);
            m[r] = memcpy_mib_s(bytes, huge);
            other[r] = memcpy_mib_s(bytes, !huge);
        }
        double gm = median(g, runs), mm = median(m, runs), om = median(other, runs);
        printf("| scavenge of %.1f MiB survivors, %zu MiB semispace, MiB/s | %.0f | %.0f (memcpy, %s) | %.0f%% | >= 50%% %s |\n",
               survived, semis[s] / GH_MiB(1), gm, mm, huge ? "huge pages" : "4 KiB pages",
               100 * gm / mm, gm >= mm / 2 ? "(met)" : "(MISSED)");
        printf("| the same, against memcpy on %s | %.0f | %.0f (memcpy) | %.0f%% | - |\n",
               huge ? "4 KiB pages" : "huge pages", gm, om, 100 * gm / om);
    }
    return 0;
}
