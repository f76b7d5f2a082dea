/*
 * gc_threads.c -- how the collector's pauses scale with helper threads.
 *
 *   gc_threads [--runs N] [--quick] [--load] [--counts a,b,c]
 *              [--young-depth D] [max_threads]
 *
 * For each helper count 0..max_threads (default: CPUs - 1, at least 2), or
 * each count of --counts (e.g. 0,1,3,7,15 on a 16-CPU machine), on
 * the same heap contents:
 *   - a full GC (stop-the-world marking of ~200 MB in its default size: a
 *     binary tree of 2^22 nodes holding 32-byte leaf buffers), and
 *   - a scavenge with 12 MB of young survivors (a tree of 2^18 small nodes;
 *     --young-depth 20 makes it 2^20, more than a quarter of To-space, so
 *     part of it is promoted),
 * each timed N times (default 5); the table shows medians and the speed-up
 * against 0 helpers.  --load runs a busy loop on another thread meanwhile,
 * so one core is taken: the setting of "a 2-core machine under load".
 * The default thread count (GH_DEFAULT_GC_THREADS) is picked from this.
 */
#include <genheap.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct node {
    struct node *left, *right;
    void *leaf;
} node;

static gh_type_id node_type, leaf_type;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void die(const char *what)
{
    fprintf(stderr, "gc_threads: %s: %s\n", what, gh_last_error_message());
    exit(1);
}

/* A tree of 2^depth - 1 nodes, each with a leaf; returns it (raw: valid
 * until the caller's next allocation). */
static node *tree(gh_heap *h, int depth, int leaves)
{
    if (depth == 0)
        return NULL;
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle l = gh_handle_new(h, tree(h, depth - 1, leaves));
    gh_handle r = gh_handle_new(h, tree(h, depth - 1, leaves));
    gh_handle leaf = gh_handle_new(h, leaves ? gh_alloc(h, leaf_type, 32) : NULL);
    node *n = gh_alloc(h, node_type, sizeof(node));
    if (!n)
        die("gh_alloc");
    gh_set_ptr(n, &n->left, *l);
    gh_set_ptr(n, &n->right, *r);
    gh_set_ptr(n, &n->leaf, *leaf);
    gh_scope_close(&s);
    return n;
}

static volatile int stop_load;

static void *busy(void *arg)
{
    (void)arg;
    volatile unsigned long x = 0;
    while (!stop_load)
        x++;
    return NULL;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Parses "0,1,3,7" into counts[]; returns how many, or 0 if malformed. */
static int parse_counts(const char *arg, unsigned *counts, int max)
{
    int n = 0;
    for (const char *p = arg; *p && n < max;) {
        char *end;
        long v = strtol(p, &end, 10);
        if (end == p || v < 0 || v > 256 || (*end && *end != ','))
            return 0;
        counts[n++] = (unsigned)v;
        p = *end ? end + 1 : end;
    }
    return n;
}

/* The marking phase of the last full GC, from its epilogue. */
static void on_gc(gh_heap *h, gh_gc_phase phase, const gh_gc_info *info, void *data)
{
    (void)h;
    if (phase == GH_GC_EPILOGUE && info->kind == GH_GC_FULL)
        *(double *)data = info->mark_ms;
}

/* A young tree that the next scavenge copies; the scavenge's ms. */
static double scavenge_young_tree(gh_heap *h, int young_depth)
{
    gh_handle young = gh_handle_new(h, tree(h, young_depth, 0));
    double t0 = now_ms();
    gh_collect(h, GH_GC_MINOR);
    double ms = now_ms() - t0;
    *young = NULL;
    gh_collect(h, GH_GC_FULL);
    return ms;
}

static void measure(unsigned helpers, int runs, int depth, int young_depth, double *full_ms,
                    double *mark_ms, double *scav_ms, uint64_t *shared)
{
    gh_config c;
    gh_config_init(&c);
    c.gc_threads = helpers;
    c.max_semi_space = c.initial_semi_space = GH_MiB(64);
    c.pretenuring = false;
    gh_heap *h = gh_heap_create(&c);
    if (!h)
        die("gh_heap_create");
    node_type = gh_type_register(h, &(gh_type_info){.name = "node", .size = sizeof(node)});
    leaf_type = gh_type_register(h, &(gh_type_info){.name = "leaf", .flags = GH_TYPE_LEAF});
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle old = gh_handle_new(h, tree(h, depth, 1));
    gh_collect(h, GH_GC_FULL); /* all of it old now */
    double f[64], mk[64], sc[64], last_mark = 0;
    gh_gc_callback_add(h, on_gc, &last_mark);
    /* With three helpers or more the heap times its first four scavenges
     * shared and not, in turn, and goes on with the faster: these four are
     * untimed. */
    for (int i = 0; i < 4; i++)
        scavenge_young_tree(h, young_depth);
    gh_heap_stats before, after;
    gh_heap_stats_get(h, &before);
    for (int i = 0; i < runs; i++) {
        double t0 = now_ms();
        gh_collect(h, GH_GC_FULL);
        f[i] = now_ms() - t0;
        mk[i] = last_mark;
        sc[i] = scavenge_young_tree(h, young_depth);
    }
    gh_heap_stats_get(h, &after);
    *shared = after.shared_scavenges - before.shared_scavenges;
    (void)old;
    gh_scope_close(&s);
    gh_heap_destroy(h);
    *full_ms = median(f, runs);
    *mark_ms = median(mk, runs);
    *scav_ms = median(sc, runs);
}

int main(int argc, char **argv)
{
    int runs = 5, depth = 22, young_depth = 18, load = 0;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned max_threads = cpus > 3 ? (unsigned)cpus - 1 : 2;
    unsigned counts[64];
    int ncounts = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (strcmp(argv[i], "--quick") == 0)
            depth = 16, runs = 2;
        else if (strcmp(argv[i], "--load") == 0)
            load = 1;
        else if (strcmp(argv[i], "--young-depth") == 0 && i + 1 < argc)
            young_depth = atoi(argv[++i]);
        else if (strcmp(argv[i], "--counts") == 0 && i + 1 < argc) {
            ncounts = parse_counts(argv[++i], counts, 64);
            if (ncounts == 0) {
                fprintf(stderr, "gc_threads: --counts wants numbers like 0,1,3,7\n");
                return 2;
            }
        } else
            max_threads = (unsigned)atoi(argv[i]);
    }
    if (ncounts == 0)
        for (unsigned t = 0; t <= max_threads && ncounts < 64; t++)
            counts[ncounts++] = t;
    if (runs < 1 || runs > 64)
        runs = 5;
    if (young_depth < 1 || young_depth > 21)
        young_depth = 18;
    pthread_t hog;
    if (load)
        pthread_create(&hog, NULL, busy, NULL);
    printf("| GC helper threads | full GC ms (median of %d) | speed-up | of which marking ms | "
           "speed-up | scavenge ms | speed-up | scavenges shared |\n",
           runs);
    printf("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    double base_full = 0, base_mark = 0, base_scav = 0;
    for (int k = 0; k < ncounts; k++) {
        unsigned t = counts[k];
        double full, mark, scav;
        uint64_t shared;
        measure(t, runs, depth, young_depth, &full, &mark, &scav, &shared);
        if (k == 0)
            base_full = full, base_mark = mark, base_scav = scav;
        printf("| %u | %.1f | %.2fx | %.1f | %.2fx | %.2f | %.2fx | %llu of %d |\n", t, full,
               base_full / full, mark, base_mark / mark, scav, base_scav / scav,
               (unsigned long long)shared, runs);
        fflush(stdout);
    }
    if (load) {
        stop_load = 1;
        pthread_join(hog, NULL);
    }
    printf("\n(%ld CPUs%s; a full GC marks a tree of 2^%d nodes with leaves, the scavenge copies "
           "2^%d small nodes)\n",
           cpus, load ? ", one kept busy by another thread" : "", depth, young_depth);
    return 0;
}
