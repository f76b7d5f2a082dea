/*
 * lesson1 with malloc (see lesson1.h): calloc'd inner arrays, a realloc'd
 * outer array, everything freed at the end.  Linked against glibc, mimalloc
 * and jemalloc.
 */
#include "lesson1.h"

int main(int argc, char **argv)
{
    long count = bench_arg(argc, argv, 1, 1000000, 1);
    void ***elements = NULL;
    size_t length = 0, capacity = 0;

    for (long i = 0; i < count; i++) {
        if (length == capacity) {
            capacity = lesson1_grow(capacity);
            elements = realloc(elements, capacity * sizeof *elements);
            if (!elements)
                bench_die("lesson1_malloc", "out of memory");
        }
        void **inner = calloc(LESSON1_SLOTS, sizeof(void *));
        if (!inner)
            bench_die("lesson1_malloc", "out of memory");
        elements[length++] = inner;
    }

    long slots = 0, nonempty = 0;
    for (size_t i = 0; i < length; i++) {
        slots += LESSON1_SLOTS;
        nonempty += elements[i][i % LESSON1_SLOTS] != NULL;
    }
    lesson1_report((long)length, slots, nonempty);

    for (size_t i = 0; i < length; i++)
        free(elements[i]);
    free(elements);
    return 0;
}
