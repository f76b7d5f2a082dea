/*
 * bench_common.h -- helpers shared by every benchmark program, whatever
 * its allocator.
 *
 * Conventions of the workload programs (bench/run relies on them):
 *   - stdout carries only the workload's result (its "checksum"); it must be
 *     byte-identical across variants;
 *   - stderr carries machine-readable lines: GHSTATS (genheap), BOEHMSTATS
 *     (Boehm GC), BENCHMETRIC name=value ... (workload-specific figures);
 *   - with BENCH_TRACE_GC=1 in the environment, GC'd programs also print one
 *     line per collection on stderr (genheap: its --trace-gc line, which has
 *     Node's format; Boehm: "GCPAUSE full <ms>").
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static inline double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline void bench_die(const char *prog, const char *what)
{
    fprintf(stderr, "%s: %s\n", prog, what);
    exit(1);
}

static inline bool bench_trace_gc(void)
{
    const char *s = getenv("BENCH_TRACE_GC");
    return s && *s && strcmp(s, "0") != 0;
}

/* The resident set size of this process now, in MiB. */
static inline double bench_rss_mib(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long pages = 0, resident = 0;
    if (f) {
        if (fscanf(f, "%lu %lu", &pages, &resident) != 2)
            resident = 0;
        fclose(f);
    }
    return (double)resident * (double)sysconf(_SC_PAGESIZE) / 1048576.0;
}

/* An integer argument with a default and a lower bound. */
static inline long bench_arg(int argc, char **argv, int index, long def, long min)
{
    long v = index < argc ? strtol(argv[index], NULL, 10) : def;
    return v < min ? min : v;
}

/* xorshift32: tiny, deterministic, and easy to reproduce bit for bit in
 * JavaScript (see js/splay.js), so that C and JS variants agree. */
static inline uint32_t bench_xorshift32(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

#endif
