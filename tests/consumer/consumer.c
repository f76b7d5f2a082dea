/* A program outside the project, built against the installed genheap. */
#include <genheap.h>
#include <stdio.h>

typedef struct cell { struct cell *next; long n; } cell;

int main(void)
{
    gh_heap *h = gh_heap_create(NULL);
    if (!h)
        return 1;
    /* With no trace function every word is a slot, so n is kept as a tagged
     * integer, which the collector knows is not a pointer. */
    gh_type_id t = gh_type_register(h, &(gh_type_info){.name = "cell", .size = sizeof(cell)});
    gh_handle_scope scope;
    gh_scope_open(h, &scope);
    gh_handle list = gh_handle_new(h, NULL);
    for (long i = 0; i < 100000; i++) {
        cell *c = gh_alloc(h, t, sizeof(cell));
        if (!c)
            return 1;
        c->n = (long)gh_from_int(i);
        gh_set_ptr(c, &c->next, *list);
        *list = c;
    }
    gh_collect(h, GH_GC_FULL);
    long sum = 0;
    for (cell *c = *list; c; c = c->next)
        sum += (long)gh_to_int((gh_value)c->n);
    gh_scope_close(&scope);
    gh_heap_destroy(h);
    printf("consumer sum %ld\n", sum);
    return sum == 4999950000L ? 0 : 1;
}
