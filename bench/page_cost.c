/*
 * page_cost -- what fresh memory costs on this machine: mapping and
 * populating 2 MiB, on 4 KiB pages or as a transparent huge page, when the
 * memory was just freed by this process and when it has lain free a while.
 *
 *   page_cost [idle_seconds]      (default 4)
 *
 * Why it exists: on the benchmark VM a huge page sometimes took ten times
 * as long as the next one, which made transparent huge pages for the old
 * generation lengthen pauses (bench/README.md).  The guest kernel reports
 * free memory to the host ("Free page reporting enabled" in its log), so
 * a block that lay free for a few seconds has lost its backing and must be
 * faulted in again by the host; memory this process freed a moment ago
 * has not.  Huge pages come from big free blocks, the kind reported first.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define RUN_SIZE ((size_t)2 << 20)
#define RUNS 64

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* 2 MiB aligned to 2 MiB (over-map and trim), or NULL. */
static char *map_run(void)
{
    char *raw = mmap(NULL, 2 * RUN_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED)
        return NULL;
    uintptr_t start = ((uintptr_t)raw + RUN_SIZE - 1) & ~(uintptr_t)(RUN_SIZE - 1);
    size_t head = start - (uintptr_t)raw;
    if (head)
        munmap(raw, head);
    munmap((char *)start + RUN_SIZE, RUN_SIZE - head);
    return (char *)start;
}

/* Map and populate RUNS runs, free them again; microseconds per run. */
static double round_us(int huge)
{
    char *runs[RUNS];
    double t0 = now_ms();
    for (int i = 0; i < RUNS; i++) {
        runs[i] = map_run();
        if (!runs[i]) {
            fprintf(stderr, "page_cost: mmap failed\n");
            exit(1);
        }
#ifdef MADV_HUGEPAGE
        if (huge)
            madvise(runs[i], RUN_SIZE, MADV_HUGEPAGE);
#endif
#ifdef MADV_POPULATE_WRITE
        madvise(runs[i], RUN_SIZE, MADV_POPULATE_WRITE);
#else
        for (size_t off = 0; off < RUN_SIZE; off += 4096)
            runs[i][off] = 1;
#endif
    }
    double us = (now_ms() - t0) * 1e3 / RUNS;
    for (int i = 0; i < RUNS; i++)
        munmap(runs[i], RUN_SIZE);
    return us;
}

int main(int argc, char **argv)
{
    unsigned idle = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 4;
    printf("| pages | first | freed a moment ago | after %u s idle | freed a moment ago |\n", idle);
    printf("|---|---:|---:|---:|---:|\n");
    for (int huge = 1; huge >= 0; huge--) {
        double first = round_us(huge), again = round_us(huge);
        sleep(idle);
        double idle_us = round_us(huge), again2 = round_us(huge);
        printf("| %s | %.0f | %.0f | %.0f | %.0f |\n", huge ? "2 MiB huge" : "4 KiB", first, again,
               idle_us, again2);
    }
    printf("(microseconds to map and populate 2 MiB; medians need several runs)\n");
    return 0;
}
