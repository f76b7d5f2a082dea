/*
 * page_cost -- what fresh memory costs on this machine: mapping and
 * populating 2 MiB, on 4 KiB pages or as a transparent huge page, when the
 * memory was just freed by this process and when it has lain free a while;
 * and then the program's first access to each 4 KiB of it.
 *
 *   page_cost [idle_seconds]      (default 4)
 *
 * The second cost is invisible to strace and to system time: on the
 * benchmark VM the first access to each 4 KiB page after
 * MADV_POPULATE_WRITE took 3-5 us (1,600-2,600 us per 2 MiB, counted
 * as user time), presumably the hypervisor filling in its own page tables
 * (the guest is paravirtualised: pvm_* in kernel profiles).  A huge page
 * takes one such fault, not 512.  Memory the process keeps mapped pays
 * it once.
 *
 * The second table is what one big munmap costs the rest of the process:
 * 160 MiB already touched ("the heap"), then X MiB mapped, touched and
 * unmapped in one call or in 2 MiB calls, then one access to each 4 KiB
 * page of the heap.  On the benchmark VM (2026-11-28) the first munmap of
 * more than 4 MiB in one call in a process made each of those accesses
 * take 1.5-6 us instead of ~20 ns, presumably the hypervisor dropping and
 * rebuilding its page tables for the whole process (later ones in the same
 * process did not; MADV_DONTNEED of 16 MiB did the same, MADV_FREE did
 * not).  gh_os_unmap (src/heap/page.c) unmaps in 2 MiB calls for that.
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
#include <sys/wait.h>
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

/* Map and populate RUNS runs (microseconds per run in *populate_us), touch
 * each 4 KiB of them once (*touch_us), free them again. */
static void round_us(int huge, double *populate_us, double *touch_us)
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
    double t1 = now_ms();
    for (int i = 0; i < RUNS; i++)
        for (size_t off = 0; off < RUN_SIZE; off += 4096)
            ((volatile char *)runs[i])[off] = 2;
    double t2 = now_ms();
    *populate_us = (t1 - t0) * 1e3 / RUNS;
    *touch_us = (t2 - t1) * 1e3 / RUNS;
    for (int i = 0; i < RUNS; i++)
        munmap(runs[i], RUN_SIZE);
}

/* One row of the second table, in a process of its own (in our probes only
 * a process's first big munmap had the cost): touch a 160 MiB heap, map and
 * touch `mib` MiB, read the heap again, unmap the block in calls of
 * `piece_mib` MiB, then time one read of each 4 KiB of the heap. */
static void unmap_row(size_t mib, size_t piece_mib)
{
    size_t heap_size = (size_t)160 << 20, size = mib << 20, piece = piece_mib << 20;
    char *heap = mmap(NULL, heap_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *block = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (heap == MAP_FAILED || block == MAP_FAILED) {
        fprintf(stderr, "page_cost: mmap failed\n");
        exit(1);
    }
#ifdef MADV_NOHUGEPAGE
    madvise(heap, heap_size, MADV_NOHUGEPAGE);
#endif
    for (size_t off = 0; off < heap_size; off += 4096)
        heap[off] = 1;
    for (size_t off = 0; off < size; off += 4096)
        block[off] = 1;
    for (size_t off = 0; off < heap_size; off += 4096)
        (void)((volatile char *)heap)[off];
    double t0 = now_ms();
    for (size_t off = 0; off < size; off += piece)
        munmap(block + off, piece);
    double t1 = now_ms();
    for (size_t off = 0; off < heap_size; off += 4096)
        (void)((volatile char *)heap)[off];
    double t2 = now_ms();
    printf("| %zu MiB in %s | %.2f | %.0f |\n", mib, mib == piece_mib ? "one call" : "2 MiB calls",
           t1 - t0, (t2 - t1) * 1e6 / (double)(heap_size / 4096));
}

static void unmap_table(void)
{
    static const size_t cases[][2] = {{4, 4}, {8, 8}, {16, 16}, {16, 2}};
    printf("\n| munmap of | its time, ms | then one read of each 4 KiB of a touched 160 MiB, ns |\n");
    printf("|---|---:|---:|\n");
    fflush(stdout);
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        pid_t pid = fork();
        if (pid == 0) {
            unmap_row(cases[c][0], cases[c][1]);
            fflush(stdout);
            _exit(0);
        }
        if (pid < 0 || waitpid(pid, NULL, 0) != pid) {
            fprintf(stderr, "page_cost: fork failed\n");
            exit(1);
        }
    }
}

int main(int argc, char **argv)
{
    unsigned idle = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 4;
    printf("| pages | first | freed a moment ago | after %u s idle | freed a moment ago |\n", idle);
    printf("|---|---:|---:|---:|---:|\n");
    for (int huge = 1; huge >= 0; huge--) {
        double pop[4], touch[4];
        round_us(huge, &pop[0], &touch[0]);
        round_us(huge, &pop[1], &touch[1]);
        sleep(idle);
        round_us(huge, &pop[2], &touch[2]);
        round_us(huge, &pop[3], &touch[3]);
        printf("| %s | %.0f + %.0f | %.0f + %.0f | %.0f + %.0f | %.0f + %.0f |\n",
               huge ? "2 MiB huge" : "4 KiB", pop[0], touch[0], pop[1], touch[1], pop[2], touch[2],
               pop[3], touch[3]);
    }
    printf("(microseconds per 2 MiB: map and populate + first access to each 4 KiB;\n"
           " medians need several runs)\n");
    unmap_table();
    return 0;
}
