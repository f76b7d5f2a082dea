/* atom_gc.c - freeing the atoms that nothing names any more.
 *
 * A script that keys an object by ever-new strings ('session:' + i, the
 * seed's leaking cache) interns an atom per key.  Kept forever, they would
 * grow the process by some 64 bytes a key outside the heap, after the
 * script had let go of the keys.
 *
 * What can name an atom that is not pinned (atom.c):
 *   - a shape's property (shape.c; shapes are freed with their prototype,
 *     so they do not pin what they name);
 *   - the keys of a dictionary-mode object (store.c);
 *   - the key store of a for-in iterator;
 *   - a string's cached atom (js_string.atom), except the string that the
 *     atom itself caches, which it lets go of when it goes;
 *   - C code holding an id while it runs.
 * Shapes are walked in C memory; the next three are found by walking the
 * heap (gh_heap_iterate, after its full GC).  The last is why a sweep runs
 * only at a safe point (a
 * function entry or backward jump in the interpreter, or a turn of the
 * event loop) with at most the outermost call into JS in progress
 * (R.c_calls <= 1): no native, and no C helper that called back into JS
 * (a valueOf, a comparator), is then on the stack to hold an id.  Natives
 * that hold none across their callbacks (forEach, map, sort, call...:
 * js_native_info.atom_clean) and the bound-function trampoline do not
 * count, so a loop in their callbacks is swept as well.
 *
 * When: once the atoms in use have doubled since the last sweep, and grown
 * by at least 65,536 and by one per 128 bytes of heap in use.  Each sweep
 * costs a full GC and a heap walk, so that its cost per atom stays bounded
 * (as with a hash table's growth), and a big heap is not walked for a few
 * atoms: with one per KiB, a loop churning keys beside 70 MB of live
 * objects spent half its time sweeping; with one per 128 bytes, 7-9%, and
 * the names waiting for a sweep take at most about half as much memory
 * as the heap.  The environment variable GHJS_ATOM_SWEEP_EVERY=N sweeps
 * instead every N new atoms, so that tests can free atoms all the time. */
#include <genheap_observe.h>
#include <stdlib.h>

#include "object.h"

#define MIN_GROWTH 65536u
#define HEAP_BYTES_PER_ATOM 128u

static uint32_t every; /* GHJS_ATOM_SWEEP_EVERY, or 0 */
static uint64_t *named; /* a bit per atom id, during a sweep */

static uint64_t max3(uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t m = a > b ? a : b;
    return m > c ? m : c;
}

static void schedule(void)
{
    uint64_t live = js_atoms_live(), growth = every;
    if (!every) {
        gh_heap_statistics st = {0};
        gh_heap_statistics_get(R.heap, &st);
        growth = max3(live, MIN_GROWTH, st.used_heap_size / HEAP_BYTES_PER_ATOM);
    }
    js_atoms_sweep_at(live + growth > UINT32_MAX ? UINT32_MAX : (uint32_t)(live + growth));
}

void js_atom_gc_init(void)
{
    const char *env = getenv("GHJS_ATOM_SWEEP_EVERY");
    long n = env ? strtol(env, NULL, 10) : 0;
    every = n > 0 && n < (long)UINT32_MAX ? (uint32_t)n : 0;
    schedule();
}

static void name(js_atom_id a)
{
    if (a < js_atoms_ids())
        named[a / 64] |= 1ull << (a % 64);
}

static void name_dictionary_keys(js_object *o)
{
    if (!gh_is_ptr(o->props))
        return;
    js_store *d = gh_to_ptr(o->props);
    for (long e = 0, used = js_dict_used(d); e < used; e++) {
        js_atom_id key = js_dict_key(d, e);
        if (key != (js_atom_id)-1) /* a deleted entry */
            name(key);
    }
}

static void name_for_in_keys(js_object *o)
{
    if (!gh_is_ptr(o->slots[0]))
        return;
    js_store *keys = gh_to_ptr(o->slots[0]);
    for (size_t i = 0; i < js_store_cap(keys); i++)
        if (gh_is_int(keys->items[i]))
            name((js_atom_id)gh_to_int(keys->items[i]));
}

static void name_shape_atom(js_atom_id a, void *data)
{
    (void)data;
    name(a);
}

static bool visit(void *obj, void *data)
{
    (void)data;
    gh_type_id t = gh_type_of(obj);
    if (t == js_type(HT_STRING)) {
        js_string *s = obj;
        if (s->atom && !js_atom_caches(s->atom - 1, s))
            name(s->atom - 1);
    } else if (t == js_type(HT_OBJECT) || t == js_type(HT_FUNCTION)) {
        js_object *o = obj;
        js_shape *shape = js_shape_of(o);
        if (shape->dict)
            name_dictionary_keys(o);
        if (shape->klass == JC_FORIN)
            name_for_in_keys(o);
    }
    return true;
}

void js_atom_gc_run(void)
{
    if (!js_atoms_sweep_due() || R.c_calls > 1)
        return;
    named = calloc((js_atoms_ids() + 63) / 64, sizeof *named);
    if (named && gh_heap_iterate(R.heap, visit, NULL) == GH_OK) {
        js_shapes_each_atom(name_shape_atom, NULL); /* after: shapes may die in it */
        js_atoms_sweep(named);
    }
    free(named);
    named = NULL;
    schedule();
}
