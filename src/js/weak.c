/* weak.c - WeakMap, WeakSet, WeakRef and FinalizationRegistry, on
 * genheap's ephemeron tables (weak_table.c), with Node's semantics:
 *
 *   - WeakMap / WeakSet entries go when a full collection finds their key
 *     otherwise unreachable (scavenges keep them: ephemerons are strong
 *     to a scavenge), under moving scavenges, compaction and incremental
 *     marking alike -- the collector updates and empties the pairs;
 *   - a WeakRef is a one-pair table (target, target); like V8, the target
 *     of a new WeakRef or of a deref() is kept alive until the current job
 *     (a macrotask and its nextTick queue) ends (R.kept);
 *   - a FinalizationRegistry keeps its cells in three parallel columns:
 *     the targets (weak pairs), the held values (strong) and the
 *     unregister tokens (weak pairs).  Live registries are listed in a
 *     weak list (R.finregs).  After a full GC, the event loop's poll phase
 *     finds the cells whose target pair was emptied and calls the cleanup
 *     callback with their held values -- never inside a collection, and
 *     newest registration first, as V8 orders them. */
#include "builtins.h"
#include "js_diag.h"
#include "weak_table.h"

#define FR_CLEANUP 0
#define FR_CELLS 1
#define FR_HELD 2
#define FR_TOKENS 3
#define FR_COUNT 4

static js_shape *weakmap_shape, *weakset_shape, *weakref_shape, *finreg_shape;
static uint64_t scanned_full_gcs; /* R.full_gcs when registries were last scanned */

static js_weak *wk(gh_value v) { return (js_weak *)gh_to_ptr(v); }

static gh_value new_with_table(js_shape *shape, size_t pairs)
{
    gh_value *t = js_root(js_weak_new(pairs));
    gh_value o = js_object_new_shape(shape);
    gh_set_value(js_obj(o), &js_obj(o)->slots[0], *t);
    return o;
}

/* ---- WeakMap and WeakSet ---- */

/* Fill a new WeakMap / WeakSet from an array or a string. */
static bool fill_from(gh_value *coll, gh_value *iterable, bool map)
{
    gh_value it = *iterable;
    if (js_is_nullish(it))
        return true;
    gh_value adder = js_get(*coll, js_atom_cstr(map ? "set" : "add"));
    if (adder == JS_EXCEPTION)
        return false;
    gh_value *add = js_root(adder);
    if (!js_is_array(it) && !js_is_string(it)) {
        js_throw_not_iterable(it);
        return false;
    }
    bool str = js_is_string(it);
    uint64_t n = str ? js_str_length(js_str(it)) : js_array_length(js_obj(it));
    for (uint64_t i = 0; i < n; i++) {
        gh_value *e = js_root(js_get_index(*iterable, (int64_t)i));
        if (*e == JS_EXCEPTION)
            return false;
        gh_value args[2] = {*e, JS_UNDEFINED};
        if (map) {
            if (!js_is_object(*e)) {
                js_throw_not_entry(*e);
                return false;
            }
            gh_value *k = js_root(js_get_index(*e, 0));
            if (*k == JS_EXCEPTION)
                return false;
            gh_value v = js_get_index(*e, 1);
            if (v == JS_EXCEPTION)
                return false;
            args[0] = *k, args[1] = v;
        }
        if (js_call(*add, *coll, map ? 2 : 1, args) == JS_EXCEPTION)
            return false;
    }
    return true;
}

static gh_value make_collection(gh_value *this_, gh_value *iterable, bool map)
{
    if (!IS_NEW)
        return js_throw_error(JE_TYPE, "Constructor %s requires 'new'", map ? "WeakMap" : "WeakSet");
    gh_value *c = js_root(new_with_table(map ? weakmap_shape : weakset_shape, 8));
    return fill_from(c, iterable, map) ? *c : JS_EXCEPTION;
}

NATIVE(weakmap_ctor)
{
    gh_value *it = js_root(ARG(0));
    return make_collection(this_, it, true);
}

NATIVE(weakset_ctor)
{
    gh_value *it = js_root(ARG(0));
    return make_collection(this_, it, false);
}

#define CHECK_RECEIVER(klass, method)          \
    if (!js_is_class(*this_, klass))           \
        return js_throw_incompatible(method, *this_);

NATIVE(weakmap_get)
{
    CHECK_RECEIVER(JC_WEAKMAP, "WeakMap.prototype.get");
    if (!js_is_object(ARG(0)))
        return JS_UNDEFINED;
    gh_value v = js_weak_table_get(js_obj(*this_)->slots[0], argv[0]);
    return v == JS_HOLE ? JS_UNDEFINED : v;
}

NATIVE(weakmap_set)
{
    CHECK_RECEIVER(JC_WEAKMAP, "WeakMap.prototype.set");
    if (!js_is_object(ARG(0)))
        return js_throw_error(JE_TYPE, "Invalid value used as weak map key");
    gh_value *v = js_root(ARG(1));
    js_weak_table_set(this_, 0, &argv[0], v);
    return *this_;
}

NATIVE(weakmap_has)
{
    CHECK_RECEIVER(JC_WEAKMAP, "WeakMap.prototype.has");
    return js_bool(js_is_object(ARG(0)) && js_weak_table_has(js_obj(*this_)->slots[0], argv[0]));
}

NATIVE(weakmap_delete)
{
    CHECK_RECEIVER(JC_WEAKMAP, "WeakMap.prototype.delete");
    return js_bool(js_is_object(ARG(0)) && js_weak_table_delete(js_obj(*this_)->slots[0], argv[0]));
}

NATIVE(weakset_add)
{
    CHECK_RECEIVER(JC_WEAKSET, "WeakSet.prototype.add");
    if (!js_is_object(ARG(0)))
        return js_throw_error(JE_TYPE, "Invalid value used in weak set");
    js_weak_table_set(this_, 0, &argv[0], &argv[0]);
    return *this_;
}

NATIVE(weakset_has)
{
    CHECK_RECEIVER(JC_WEAKSET, "WeakSet.prototype.has");
    return js_bool(js_is_object(ARG(0)) && js_weak_table_has(js_obj(*this_)->slots[0], argv[0]));
}

NATIVE(weakset_delete)
{
    CHECK_RECEIVER(JC_WEAKSET, "WeakSet.prototype.delete");
    return js_bool(js_is_object(ARG(0)) && js_weak_table_delete(js_obj(*this_)->slots[0], argv[0]));
}

/* ---- WeakRef ---- */

void js_weak_keep(gh_value target)
{
    gh_value *t = js_root(target);
    if (!js_is_array(R.kept))
        R.kept = js_array_new(0, 8);
    js_object *k = js_obj(R.kept);
    uint64_t n = js_array_length(k);
    for (uint64_t i = n > 8 ? n - 8 : 0; i < n; i++) /* a deref() loop adds one */
        if (js_array_get(k, i) == *t)
            return;
    js_array_push(&R.kept, t);
}

void js_weak_job_end(void) { R.kept = JS_UNDEFINED; }

NATIVE(weakref_ctor)
{
    if (!IS_NEW)
        return js_throw_error(JE_TYPE, "Constructor WeakRef requires 'new'");
    if (!js_is_object(ARG(0)))
        return js_throw_error(JE_TYPE, "WeakRef: invalid target");
    gh_value *r = js_root(new_with_table(weakref_shape, 1));
    js_weak *cell = wk(js_obj(*r)->slots[0]);
    gh_set_value(cell, &cell->pairs[0], argv[0]);
    gh_set_value(cell, &cell->pairs[1], argv[0]);
    js_weak_keep(argv[0]);
    return *r;
}

NATIVE(weakref_deref)
{
    UNUSED_ARGS;
    CHECK_RECEIVER(JC_WEAKREF, "WeakRef.prototype.deref");
    gh_value t = wk(js_obj(*this_)->slots[0])->pairs[0];
    if (!gh_is_ptr(t))
        return JS_UNDEFINED; /* emptied by a full GC */
    js_weak_keep(t);
    return wk(js_obj(*this_)->slots[0])->pairs[0];
}

/* ---- FinalizationRegistry ---- */

/* Add a live registry to the weak list R.finregs (compacted when full). */
static void list_registry(gh_value *reg)
{
    js_weak *l = js_is_ptr(R.finregs) ? wk(R.finregs) : NULL;
    if (!l || gh_to_int(l->used) == gh_to_int(l->capacity)) {
        size_t live = 0;
        for (int64_t i = 0; l && i < gh_to_int(l->used); i++)
            live += gh_is_ptr(l->pairs[2 * i]);
        gh_value fresh = js_weak_new(live * 2 + 8);
        js_weak *n = wk(fresh), *o = js_is_ptr(R.finregs) ? wk(R.finregs) : NULL;
        int64_t m = 0;
        for (int64_t i = 0; o && i < gh_to_int(o->used); i++)
            if (gh_is_ptr(o->pairs[2 * i])) {
                gh_set_value(n, &n->pairs[2 * m], o->pairs[2 * i]);
                gh_set_value(n, &n->pairs[2 * m + 1], o->pairs[2 * i]);
                m++;
            }
        n->used = gh_from_int(m);
        R.finregs = fresh;
        l = n;
    }
    int64_t u = gh_to_int(l->used);
    gh_set_value(l, &l->pairs[2 * u], *reg);
    gh_set_value(l, &l->pairs[2 * u + 1], *reg);
    l->used = gh_from_int(u + 1);
}

NATIVE(finreg_ctor)
{
    if (!IS_NEW)
        return js_throw_error(JE_TYPE, "Constructor FinalizationRegistry requires 'new'");
    if (!js_is_callable(ARG(0)))
        return js_throw_error(JE_TYPE, "FinalizationRegistry: cleanup must be callable");
    gh_value *cells = js_root(js_weak_new(4));
    gh_value *tokens = js_root(js_weak_new(4));
    gh_value *held = js_root(gh_from_ptr(js_store_new(4, 0)));
    gh_value *r = js_root(js_object_new_shape(finreg_shape));
    js_object *o = js_obj(*r);
    gh_set_value(o, &o->slots[FR_CLEANUP], argv[0]);
    gh_set_value(o, &o->slots[FR_CELLS], *cells);
    gh_set_value(o, &o->slots[FR_HELD], *held);
    gh_set_value(o, &o->slots[FR_TOKENS], *tokens);
    o->slots[FR_COUNT] = gh_from_int(0);
    list_registry(r);
    return *r;
}

/* Make room for one more cell: drop the finished ones, then grow. */
static void reserve_cell(gh_value *reg)
{
    js_object *o = js_obj(*reg);
    int64_t n = gh_to_int(o->slots[FR_COUNT]);
    size_t cap = js_store_cap(gh_to_ptr(o->slots[FR_HELD]));
    if ((size_t)n < cap)
        return;
    int64_t live = 0;
    js_store *held = gh_to_ptr(o->slots[FR_HELD]);
    for (int64_t i = 0; i < n; i++)
        live += held->items[i] != JS_HOLE;
    size_t ncap = (size_t)live * 2 + 4 > cap ? (size_t)live * 2 + 4 : cap;
    gh_value *cells = js_root(js_weak_new(ncap));
    gh_value *tokens = js_root(js_weak_new(ncap));
    gh_value *nheld = js_root(gh_from_ptr(js_store_new(ncap, 0)));
    o = js_obj(*reg);
    js_weak *oc = wk(o->slots[FR_CELLS]), *ot = wk(o->slots[FR_TOKENS]);
    js_weak *nc = wk(*cells), *nt = wk(*tokens);
    js_store *oh = gh_to_ptr(o->slots[FR_HELD]), *nh = gh_to_ptr(*nheld);
    int64_t m = 0;
    for (int64_t i = 0; i < n; i++) {
        if (oh->items[i] == JS_HOLE)
            continue;
        for (int k = 0; k < 2; k++) {
            gh_set_value(nc, &nc->pairs[2 * m + k], oc->pairs[2 * i + k]);
            gh_set_value(nt, &nt->pairs[2 * m + k], ot->pairs[2 * i + k]);
        }
        gh_set_value(nh, &nh->items[m], oh->items[i]);
        m++;
    }
    gh_set_value(o, &o->slots[FR_CELLS], *cells);
    gh_set_value(o, &o->slots[FR_TOKENS], *tokens);
    gh_set_value(o, &o->slots[FR_HELD], *nheld);
    o->slots[FR_COUNT] = gh_from_int(m);
}

NATIVE(finreg_register)
{
    CHECK_RECEIVER(JC_FINREG, "FinalizationRegistry.prototype.register");
    gh_value target = ARG(0), held = ARG(1), token = ARG(2);
    if (!js_is_object(target))
        return js_throw_error(JE_TYPE, "FinalizationRegistry.prototype.register: invalid target");
    if (target == held)
        return js_throw_error(JE_TYPE,
                              "FinalizationRegistry.prototype.register: target and holdings must not be same");
    if (!js_is_object(token) && token != JS_UNDEFINED) {
        js_sbuf d = {0};
        js_describe(token, &d);
        js_throw_error(JE_TYPE, "Invalid unregisterToken ('%s')", sb_cstr(&d));
        sb_free(&d);
        return JS_EXCEPTION;
    }
    reserve_cell(this_); /* may collect: argv is re-read below */
    js_object *o = js_obj(*this_);
    int64_t i = gh_to_int(o->slots[FR_COUNT]);
    js_weak *cells = wk(o->slots[FR_CELLS]), *tokens = wk(o->slots[FR_TOKENS]);
    gh_set_value(cells, &cells->pairs[2 * i], argv[0]);
    gh_set_value(cells, &cells->pairs[2 * i + 1], argv[0]);
    if (js_is_object(ARG(2))) {
        gh_set_value(tokens, &tokens->pairs[2 * i], argv[2]);
        gh_set_value(tokens, &tokens->pairs[2 * i + 1], argv[2]);
    }
    js_store *h = gh_to_ptr(o->slots[FR_HELD]);
    gh_set_value(h, &h->items[i], ARG(1));
    o->slots[FR_COUNT] = gh_from_int(i + 1);
    return JS_UNDEFINED;
}

NATIVE(finreg_unregister)
{
    CHECK_RECEIVER(JC_FINREG, "FinalizationRegistry.prototype.unregister");
    gh_value token = ARG(0);
    if (!js_is_object(token)) {
        js_sbuf d = {0};
        js_describe(token, &d);
        js_throw_error(JE_TYPE, "Invalid unregisterToken ('%s')", sb_cstr(&d));
        sb_free(&d);
        return JS_EXCEPTION;
    }
    js_object *o = js_obj(*this_);
    js_weak *cells = wk(o->slots[FR_CELLS]), *tokens = wk(o->slots[FR_TOKENS]);
    js_store *held = gh_to_ptr(o->slots[FR_HELD]);
    bool found = false;
    for (int64_t i = 0; i < gh_to_int(o->slots[FR_COUNT]); i++)
        if (tokens->pairs[2 * i] == token && held->items[i] != JS_HOLE) {
            held->items[i] = JS_HOLE;
            cells->pairs[2 * i] = cells->pairs[2 * i + 1] = 0;
            tokens->pairs[2 * i] = tokens->pairs[2 * i + 1] = 0;
            found = true;
        }
    return js_bool(found);
}

/* Move the cells whose targets died into R.fin_pending as
 * [registry, held] pairs, newest first within each registry. */
static void collect_cleared(void)
{
    if (!js_is_ptr(R.finregs))
        return;
    JS_SCOPE_OPEN(sc);
    gh_value *reg = js_root(JS_UNDEFINED), *held = js_root(JS_UNDEFINED);
    for (int64_t r = 0; r < gh_to_int(wk(R.finregs)->used); r++) {
        *reg = wk(R.finregs)->pairs[2 * r];
        if (!gh_is_ptr(*reg))
            continue;
        for (int64_t i = gh_to_int(js_obj(*reg)->slots[FR_COUNT]) - 1; i >= 0; i--) {
            js_object *o = js_obj(*reg);
            js_store *h = gh_to_ptr(o->slots[FR_HELD]);
            if (h->items[i] == JS_HOLE || gh_is_ptr(wk(o->slots[FR_CELLS])->pairs[2 * i]))
                continue;
            *held = h->items[i];
            h->items[i] = JS_HOLE;
            js_weak *t = wk(o->slots[FR_TOKENS]);
            t->pairs[2 * i] = t->pairs[2 * i + 1] = 0;
            if (!js_is_array(R.fin_pending))
                R.fin_pending = js_array_new(0, 8);
            js_array_push(&R.fin_pending, reg);
            js_array_push(&R.fin_pending, held);
        }
    }
    JS_SCOPE_CLOSE(sc);
}

bool js_finalization_run(void)
{
    if (R.full_gcs != scanned_full_gcs) {
        scanned_full_gcs = R.full_gcs;
        collect_cleared();
    }
    if (!js_is_array(R.fin_pending))
        return false;
    JS_SCOPE_OPEN(sc);
    gh_value *pending = js_root(R.fin_pending);
    R.fin_pending = JS_UNDEFINED; /* cells found by GCs the callbacks cause wait for the next turn */
    uint64_t n = js_array_length(js_obj(*pending));
    for (uint64_t i = 0; i + 1 < n; i += 2) {
        gh_value reg = js_array_get(js_obj(*pending), i);
        gh_value held = js_array_get(js_obj(*pending), i + 1);
        js_call_from_loop(js_obj(reg)->slots[FR_CLEANUP], 1, &held);
    }
    JS_SCOPE_CLOSE(sc);
    return n > 0;
}

/* ---- setup ---- */

void js_builtins_weak_init(void)
{
    static const char *const wm[] = {"delete", "get", "set", "has", NULL};
    static const js_native_fn wmf[] = {weakmap_delete, weakmap_get, weakmap_set, weakmap_has};
    static const int wml[] = {1, 1, 2, 1};
    weakmap_shape = js_make_class("WeakMap", weakmap_ctor, 0, JC_WEAKMAP, wm, wmf, wml);
    static const char *const ws[] = {"delete", "has", "add", NULL};
    static const js_native_fn wsf[] = {weakset_delete, weakset_has, weakset_add};
    static const int wsl[] = {1, 1, 1};
    weakset_shape = js_make_class("WeakSet", weakset_ctor, 0, JC_WEAKSET, ws, wsf, wsl);
    static const char *const wr[] = {"deref", NULL};
    static const js_native_fn wrf[] = {weakref_deref};
    static const int wrl[] = {0};
    weakref_shape = js_make_class("WeakRef", weakref_ctor, 1, JC_WEAKREF, wr, wrf, wrl);
    static const char *const fr[] = {"register", "unregister", NULL};
    static const js_native_fn frf[] = {finreg_register, finreg_unregister};
    static const int frl[] = {2, 1};
    finreg_shape = js_make_class("FinalizationRegistry", finreg_ctor, 1, JC_FINREG, fr, frf, frl);
}
