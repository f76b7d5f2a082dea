/* memwatch.c - require('memwatch') (also '@airbnb/node-memwatch' and
 * 'node-memwatch'): node-memwatch's API on libgenheap_diag.
 *
 *   memwatch.on('stats', fn)   after every full GC: { num_full_gc,
 *                              num_inc_gc, heap_compactions, usage_trend,
 *                              estimated_base, current_base, min, max }
 *   memwatch.on('leak', fn)    the heap grew over 5 consecutive full GCs:
 *                              { start: Date, end: Date, growth, reason }
 *   memwatch.gc()              a full collection
 *   new memwatch.HeapDiff()    .end() -> { before, after, change }
 *
 * The module is an event emitter (on, once, addListener, removeListener,
 * off, removeAllListeners, emit, listeners, listenerCount).  The leak
 * watch runs in deferred mode: the collector only queues its events, and
 * the event loop's poll phase delivers them (as memwatch does through
 * libuv), so listeners never run inside a collection. */
#include "builtins.h"
#include "genheap_diag.h"
#include "js_diag.h"

static gh_leakwatch *watch;

/* Events copied out of the watch's dispatch, delivered after it. */
typedef struct mw_event {
    bool leak;
    gh_leakwatch_stats stats;
    gh_leakwatch_leak info;
} mw_event;
static mw_event *events;
static size_t nevents, capevents;

/* HeapDiffs begun and not ended (freed at exit). */
static gh_heapdiff **diffs;
static size_t ndiffs, capdiffs;

static void queue(const mw_event *e)
{
    if (nevents == capevents) {
        capevents = capevents ? capevents * 2 : 16;
        events = realloc(events, capevents * sizeof *events);
        if (!events)
            abort();
    }
    events[nevents++] = *e;
}

static void on_stats(const gh_leakwatch_stats *stats, void *data)
{
    (void)data;
    queue(&(mw_event){.leak = false, .stats = *stats});
}

static void on_leak(const gh_leakwatch_leak *leak, void *data)
{
    (void)data;
    queue(&(mw_event){.leak = true, .info = *leak});
}

/* ---- events ---- */

static gh_value stats_object(const gh_leakwatch_stats *s)
{
    gh_value *o = js_root(js_object_new());
    js_put_num(o, "num_full_gc", (double)s->num_full_gc);
    js_put_num(o, "num_inc_gc", (double)s->num_inc_gc);
    js_put_num(o, "heap_compactions", (double)s->heap_compactions);
    js_put_num(o, "usage_trend", s->usage_trend);
    js_put_num(o, "estimated_base", (double)s->estimated_base);
    js_put_num(o, "current_base", (double)s->current_base);
    js_put_num(o, "min", (double)s->min);
    js_put_num(o, "max", (double)s->max);
    return *o;
}

static gh_value date(double ms)
{
    gh_value t = js_number(ms);
    return js_construct(js_global_get(js_atom_cstr("Date")), 1, &t);
}

static gh_value leak_object(const gh_leakwatch_leak *l)
{
    gh_value *o = js_root(js_object_new());
    js_put(o, "start", date(l->start_ms));
    js_put(o, "end", date(l->end_ms));
    js_put_num(o, "growth", (double)l->growth);
    js_put_str(o, "reason", l->reason);
    return *o;
}

bool js_memwatch_dispatch(void)
{
    if (!watch)
        return false;
    gh_leakwatch_dispatch(watch);
    if (!nevents)
        return false;
    /* take the batch: listeners may cause collections that queue more */
    mw_event *batch = events;
    size_t n = nevents;
    events = NULL;
    nevents = capevents = 0;
    bool any = false;
    JS_SCOPE_OPEN(sc);
    gh_value *em = js_root(R.memwatch);
    for (size_t i = 0; i < n; i++) {
        gh_value *payload = js_root(batch[i].leak ? leak_object(&batch[i].info) : stats_object(&batch[i].stats));
        any |= js_emit(em, batch[i].leak ? "leak" : "stats", 1, payload, true);
    }
    JS_SCOPE_CLOSE(sc);
    free(batch);
    return any;
}

/* ---- gc and HeapDiff ---- */

NATIVE(mw_gc)
{
    UNUSED_ARGS;
    gh_collect(R.heap, GH_GC_FULL);
    return JS_UNDEFINED;
}

static js_shape *heapdiff_shape;

NATIVE(heapdiff_ctor)
{
    UNUSED_ARGS;
    if (!IS_NEW)
        return js_throw_error(JE_TYPE, "Use the new operator to create instances of this object.");
    gh_value *o = js_root(js_object_new_shape(heapdiff_shape));
    gh_heapdiff *hd = gh_heapdiff_begin_flags(R.heap, GH_HEAPDIFF_SKIP_HIDDEN);
    if (!hd)
        return js_throw_error(JE_ERROR, "HeapDiff: %s", gh_diag_last_error_message());
    if (ndiffs == capdiffs) {
        capdiffs = capdiffs ? capdiffs * 2 : 8;
        diffs = realloc(diffs, capdiffs * sizeof *diffs);
        if (!diffs)
            abort();
    }
    diffs[ndiffs++] = hd;
    js_obj(*o)->slots[0] = js_cptr(hd);
    return *o;
}

static gh_value summary(const gh_heapdiff_summary *s)
{
    char buf[64];
    gh_value *o = js_root(js_object_new());
    js_put_num(o, "nodes", (double)s->nodes);
    js_put_num(o, "size_bytes", (double)s->size_bytes);
    js_put_str(o, "size", gh_diag_nice_size((int64_t)s->size_bytes, buf, sizeof buf));
    return *o;
}

static gh_value result_object(const gh_heapdiff_result *r)
{
    char buf[64];
    gh_value *o = js_root(js_object_new());
    js_put(o, "before", summary(&r->before));
    js_put(o, "after", summary(&r->after));
    gh_value *c = js_root(js_object_new());
    js_put_num(c, "size_bytes", (double)r->size_bytes);
    js_put_str(c, "size", gh_diag_nice_size(r->size_bytes, buf, sizeof buf));
    js_put_num(c, "freed_nodes", (double)r->freed_nodes);
    js_put_num(c, "allocated_nodes", (double)r->allocated_nodes);
    gh_value *details = js_root(js_array_new(0, r->detail_count));
    for (size_t i = 0; i < r->detail_count; i++) {
        const gh_heapdiff_detail *d = &r->details[i];
        gh_value *e = js_root(js_object_new());
        js_put_str(e, "what", d->what);
        js_put_num(e, "size_bytes", (double)d->size_bytes);
        js_put_str(e, "size", gh_diag_nice_size(d->size_bytes, buf, sizeof buf));
        js_put_num(e, "+", (double)d->plus);
        js_put_num(e, "-", (double)d->minus);
        js_array_push(details, e);
    }
    js_put(c, "details", *details);
    js_put(o, "change", *c);
    return *o;
}

NATIVE(heapdiff_end)
{
    UNUSED_ARGS;
    if (!js_is_class(*this_, JC_HEAPDIFF))
        return js_throw_error(JE_TYPE, "Illegal invocation");
    gh_value slot = js_obj(*this_)->slots[0];
    if (!gh_is_special(slot) || slot == JS_UNDEFINED || slot == 0)
        return js_throw_error(JE_ERROR, "attempt to end() a HeapDiff that was already ended");
    gh_heapdiff *hd = js_cptr_get(slot);
    js_obj(*this_)->slots[0] = JS_UNDEFINED;
    for (size_t i = 0; i < ndiffs; i++)
        if (diffs[i] == hd) {
            diffs[i] = diffs[--ndiffs];
            break;
        }
    gh_heapdiff_result *r = gh_heapdiff_end(hd); /* frees hd */
    if (!r)
        return js_throw_error(JE_ERROR, "HeapDiff: %s", gh_diag_last_error_message());
    gh_value v = result_object(r);
    gh_heapdiff_result_free(r);
    return v;
}

/* ---- the module ---- */

gh_value js_memwatch_module(void)
{
    if (js_is_object(R.memwatch))
        return R.memwatch;
    gh_value *proto = js_root(js_object_new());
    js_emitter_methods(proto, true);
    gh_value *m = js_root(js_object_new_proto(*proto));
    gh_value *gc = js_root(js_make_native(NULL, "gc", mw_gc, 0));
    gh_value *hproto = js_root(js_object_new());
    gh_value *hd = js_root(js_make_native(NULL, "HeapDiff", heapdiff_ctor, 0));
    ((js_native_info *)js_cptr_get(js_obj(*hd)->slots[0]))->ctor = true;
    js_define(hd, A_prototype, hproto, 0);
    js_define(hproto, A_constructor, hd, PF_HIDDEN);
    js_make_native(hproto, "end", heapdiff_end, 0);
    heapdiff_shape = js_shape_root(*hproto, JC_HEAPDIFF, 0);
    js_shape_keep(heapdiff_shape); /* a static */
    /* memwatch's exports are enumerable */
    js_define(m, js_atom_cstr("gc"), gc, PF_DEFAULT);
    js_define(m, js_atom_cstr("HeapDiff"), hd, PF_DEFAULT);
    R.memwatch = *m;
    watch = gh_leakwatch_start(R.heap, on_stats, on_leak, NULL);
    /* the JS listeners allocate: never inside a collection */
    if (watch && gh_leakwatch_set_deferred(watch, true) != GH_OK) {
        gh_leakwatch_stop(watch);
        watch = NULL;
    }
    return *m;
}

void js_memwatch_shutdown(void)
{
    gh_leakwatch_stop(watch);
    watch = NULL;
    for (size_t i = 0; i < ndiffs; i++)
        gh_heapdiff_cancel(diffs[i]);
    free(diffs);
    diffs = NULL;
    ndiffs = capdiffs = 0;
    free(events);
    events = NULL;
    nevents = capevents = 0;
}
