/* runtime.c - the heap and the runtime state: types, roots, allocation. */
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "js_diag.h"

js_runtime R;

/* Every rooted gh_value field of R, as one visitor. */
static void trace_roots(gh_tracer *t, void *data)
{
    (void)data;
    gh_trace_slot(t, &R.exception);
    gh_trace_slot(t, &R.global);
    gh_trace_slot(t, &R.object_proto);
    gh_trace_slot(t, &R.function_proto);
    gh_trace_slot(t, &R.array_proto);
    gh_trace_slot(t, &R.string_proto);
    gh_trace_slot(t, &R.number_proto);
    gh_trace_slot(t, &R.boolean_proto);
    gh_trace_slot(t, &R.error_proto);
    gh_trace_slot(t, &R.buffer_proto);
    gh_trace_slots(t, R.error_protos, sizeof R.error_protos / sizeof *R.error_protos);
    gh_trace_slot(t, &R.module_cache);
    gh_trace_slot(t, &R.builtin_modules);
    gh_trace_slot(t, &R.template_objects);
    gh_trace_slot(t, &R.main_module);
    gh_trace_slot(t, &R.empty_string);
    gh_trace_slot(t, &R.array_ctor);
    gh_trace_slot(t, &R.object_ctor);
    gh_trace_slot(t, &R.tick_queue);
    gh_trace_slot(t, &R.timer_list);
    gh_trace_slot(t, &R.immediate_list);
    gh_trace_slot(t, &R.kept);
    gh_trace_slot(t, &R.microtasks);
    gh_trace_slot(t, &R.generator_proto);
    gh_trace_slot(t, &R.unhandled);
    gh_trace_slot(t, &R.finregs);
    gh_trace_slot(t, &R.fin_pending);
    gh_trace_slot(t, &R.memwatch);
    js_vm_trace(t);
    js_atoms_trace(t);
}

static void on_gc(gh_heap *heap, gh_gc_phase phase, const gh_gc_info *info, void *data)
{
    (void)heap, (void)data;
    if (phase == GH_GC_EPILOGUE) {
        R.gc_epoch++;
        R.full_gcs += info->kind == GH_GC_FULL;
        if (js_shapes_sweep_due()) /* left over while C code held shapes */
            js_interrupt_pending = 1;
    }
}

void js_site_escaped(const void *host)
{
    R.last_alloc = 0;
    if (R.last_site && !gh_in_young(R.heap, host))
        R.last_site->escapes++;
}

void *js_alloc_failed(void)
{
    fprintf(stderr, "ghjs: allocation failed: %s\n", gh_last_error_message());
    abort();
}

void *js_alloc_old(enum js_heap_type t, size_t size)
{
    void *p = gh_alloc_old(R.heap, R.types[t], size);
    if (!p) {
        fprintf(stderr, "ghjs: allocation failed: %s\n", gh_last_error_message());
        abort();
    }
    return p;
}

bool js_heap_types_register(void);
bool js_runtime_init(const gh_config *config);
bool js_runtime_init(const gh_config *config)
{
    R.heap = gh_heap_create(config);
    if (!R.heap)
        return false;
    if (!js_heap_types_register())
        return false;
    R.exception = JS_UNDEFINED;
    /* Off by default (GHJS_PRETENURE=1 turns it on): when it was measured,
     * gh_alloc_old took an incremental-marking step on every call, which
     * cost more than the copying it saved.  Steps now wait for 32 KiB of
     * allocation; not measured again since (see README). */
    const char *pt = getenv("GHJS_PRETENURE");
    R.pretenuring = pt && *pt == '1';
    R.global = R.object_proto = R.function_proto = R.array_proto = JSV_NULL;
    R.string_proto = R.number_proto = R.boolean_proto = R.error_proto = R.buffer_proto = JSV_NULL;
    for (int i = 0; i < 8; i++)
        R.error_protos[i] = JSV_NULL;
    R.module_cache = R.main_module = R.array_ctor = R.object_ctor = JS_UNDEFINED;
    R.builtin_modules = R.template_objects = JS_UNDEFINED;
    R.tick_queue = R.timer_list = R.immediate_list = JS_UNDEFINED;
    R.kept = R.finregs = R.fin_pending = R.memwatch = JS_UNDEFINED;
    R.microtasks = R.unhandled = JS_UNDEFINED;
    R.generator_proto = JSV_NULL;
    js_vm_init();
    js_atoms_init();
    gh_root_visitor_add(R.heap, trace_roots, NULL);
    gh_gc_callback_add(R.heap, on_gc, NULL);
    R.empty_string = js_atom_string(A_empty);
    js_builtins_init();
    js_atom_gc_init();
    return true;
}

/* At exit: everything the runtime holds goes back -- the heap (whose
 * finalizers free Buffer bytes), compiled code, natives, shapes, atoms --
 * so that leak checkers find nothing unaccounted for.  Nothing may touch
 * the heap afterwards. */
void js_runtime_shutdown(void)
{
    if (!R.heap)
        return;
    js_memwatch_shutdown();
    js_snapshot_shutdown();
    js_event_loop_free();
    gh_heap_destroy(R.heap);
    R.heap = NULL;
    js_programs_free();
    js_template_sites_free();
    js_natives_free();
    js_console_labels_free();
    js_shapes_free();
    js_atoms_free();
    js_vm_free();
}
