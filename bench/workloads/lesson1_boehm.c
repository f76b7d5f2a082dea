/*
 * lesson1 on the Boehm GC (see lesson1.h): inner arrays from GC_MALLOC
 * (zeroed, scanned: they are pointer slots), the outer array grown with
 * GC_REALLOC.
 */
#include "bench_boehm.h"
#include "lesson1.h"

int main(int argc, char **argv)
{
    bench_boehm_init();
    long count = bench_arg(argc, argv, 1, 1000000, 1);
    void ***elements = NULL;
    size_t length = 0, capacity = 0;

    for (long i = 0; i < count; i++) {
        if (length == capacity) {
            capacity = lesson1_grow(capacity);
            elements = bench_boehm_check(GC_REALLOC(elements, capacity * sizeof *elements));
        }
        elements[length++] = bench_boehm_check(GC_MALLOC(LESSON1_SLOTS * sizeof(void *)));
    }

    long slots = 0, nonempty = 0;
    for (size_t i = 0; i < length; i++) {
        slots += LESSON1_SLOTS;
        nonempty += elements[i][i % LESSON1_SLOTS] != NULL;
    }
    lesson1_report((long)length, slots, nonempty);
    bench_boehm_report();
    return 0;
}
