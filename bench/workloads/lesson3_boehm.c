/*
 * lesson3 on the Boehm GC (see lesson3.h): each buffer is GC_MALLOC_ATOMIC
 * (pointer-free, never scanned); the holder array is GC_MALLOC.
 */
#include "bench_boehm.h"
#include "lesson3.h"

int main(int argc, char **argv)
{
    bench_boehm_init();
    long count = bench_arg(argc, argv, 1, 15, 1);
    size_t size = (size_t)bench_arg(argc, argv, 2, 200, 1) * 1048576;
    unsigned char **total = bench_boehm_check(GC_MALLOC((size_t)count * sizeof *total));
    for (long j = 0; j < count; j++) {
        total[j] = bench_boehm_check(GC_MALLOC_ATOMIC(size));
        lesson3_fill(total[j], size);
    }

    unsigned long sample = 0;
    for (long j = 0; j < count; j++)
        sample += lesson3_sample(total[j], size);
    lesson3_report(count, size, sample);
    bench_boehm_report();
    return 0;
}
