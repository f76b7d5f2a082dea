/* js_diag.h - ghjs's leak tooling on libgenheap_diag and genheap's weak
 * references: heap snapshots (heapsnapshot.c), the memwatch module
 * (memwatch.c), WeakMap / WeakSet / WeakRef / FinalizationRegistry
 * (weak.c, weak_table.c), and the event loop's "poll" phase that delivers
 * what the collector left for JS (finalization callbacks, memwatch
 * events, snapshot signals). */
#ifndef GHJS_DIAG_H
#define GHJS_DIAG_H

#include <signal.h>

#include "value.h"

/* ---- safe points (vm.c) ---- */
/* Set by the snapshot signal's handler, and by atom.c when a sweep of
 * atoms is due; checked at safe points (function entries and backward
 * jumps in the VM, turns of the event loop). */
extern volatile sig_atomic_t js_interrupt_pending;
/* At a safe point: sweep atoms, write the snapshot a signal asked for.
 * MAY COLLECT. */
void js_interrupt_run(void);

/* ---- heap snapshots (heapsnapshot.c) ---- */
/* Write the snapshot a signal asked for, if any.  MAY COLLECT. */
void js_snapshot_run_requested(void);
/* --heapsnapshot-signal=NAME: false (after Node's message) on a bad name. */
bool js_snapshot_signal_flag(const char *name);
/* --heapsnapshot-near-heap-limit=N, after the heap exists. */
bool js_snapshot_near_limit_flag(unsigned max_snapshots);
void js_snapshot_shutdown(void);
/* v8.writeHeapSnapshot on the v8 module object. */
void js_v8_snapshot_init(gh_value *v8);
gh_value js_heapdump_module(void);

/* ---- memwatch (memwatch.c) ---- */
gh_value js_memwatch_module(void);
/* Deliver queued 'stats' / 'leak' events; true if any listener ran. */
bool js_memwatch_dispatch(void);
void js_memwatch_shutdown(void);

/* ---- weak references (weak.c) ---- */
void js_builtins_weak_init(void);
void js_builtins_map_init(void);
/* Keep a WeakRef's target alive until the current job ends (V8's
 * KeepDuringJob), and the end of the job. */
void js_weak_keep(gh_value target);
void js_weak_job_end(void);
/* Run the cleanup callbacks of FinalizationRegistry cells whose targets
 * a collection found dead; true if any ran. */
bool js_finalization_run(void);

/* ---- the event loop's poll phase (event_loop.c) ---- */
/* Snapshot signals, finalization callbacks, memwatch events; true if any
 * JS ran. */
bool js_poll_phase(void);

#endif
