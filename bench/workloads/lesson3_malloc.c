/*
 * lesson3 with malloc/free (see lesson3.h).  Linked against glibc, mimalloc
 * and jemalloc.
 */
#include "lesson3.h"

int main(int argc, char **argv)
{
    long count = bench_arg(argc, argv, 1, 15, 1);
    size_t size = (size_t)bench_arg(argc, argv, 2, 200, 1) * 1048576;
    unsigned char **total = calloc((size_t)count, sizeof *total);
    if (!total)
        bench_die("lesson3_malloc", "out of memory");
    for (long j = 0; j < count; j++) {
        total[j] = malloc(size);
        if (!total[j])
            bench_die("lesson3_malloc", "out of memory");
        lesson3_fill(total[j], size);
    }

    unsigned long sample = 0;
    for (long j = 0; j < count; j++)
        sample += lesson3_sample(total[j], size);
    lesson3_report(count, size, sample);
    for (long j = 0; j < count; j++)
        free(total[j]);
    free(total);
    return 0;
}
