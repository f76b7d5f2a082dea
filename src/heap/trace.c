/*
 * trace.c -- the --trace-gc output, in Node 20's exact format:
 *
 * [pid:heap]       41 ms: Scavenge 3.9 (4.0) -> 3.9 (5.0) MB, 1.17 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure; 
 *
 * that is "[%d:%p] %8.0f ms: %s%s %.1f (%.1f) -> %.1f (%.1f) MB, %.2f / %.2f
 * ms %s (average mu = %.3f, current mu = %.3f) %s; %s\n": collector, " (reduce)"
 * or nothing, live MiB and committed MiB before and after, the pause and
 * the part of it spent in embedder callbacks, the incremental-marking
 * summary (empty: two spaces), mutator utilisation, reason and collector
 * reason (empty for scavenges, so the line ends in "; ").
 *
 * GH_TRACE_NVP prints V8's name=value form instead, GH_TRACE_VERBOSE adds
 * the per-space table, GH_TRACE_IGNORE_SCAVENGER drops scavenges.  Every
 * normal line also goes, cut at 255 characters as V8's 256-byte buffer
 * cuts it, into a 512-byte ring that the out-of-memory report prints --
 * whether or not tracing is on.
 */
#include <unistd.h>

#include "heap_internal.h"

#define MiB 1048576.0
#define KB(x) ((size_t)(x) / 1024)

static void ring_append(gh_trace_ring *r, const char *s, size_t n)
{
    size_t first = n < GH_TRACE_RING_SIZE - r->end ? n : GH_TRACE_RING_SIZE - r->end;
    memcpy(r->bytes + r->end, s, first);
    r->end += first;
    if (first < n) {
        r->full = true;
        memcpy(r->bytes, s + first, n - first);
        r->end = n - first;
    }
}

void gh_trace_ring_read(const gh_heap *h, char *out)
{
    const gh_trace_ring *r = &h->ring;
    size_t copied = 0;
    if (r->full) {
        copied = GH_TRACE_RING_SIZE - r->end;
        memcpy(out, r->bytes + r->end, copied);
    }
    memcpy(out + copied, r->bytes, r->end);
    out[copied + r->end] = '\0';
}

static int format_line(const gh_heap *h, const gh_gc_event *ev, char *line, size_t size)
{
    const gh_gc_stats *s = &h->stats;
    char incremental[160] = "";
    if (ev->incremental)
        snprintf(incremental, sizeof incremental,
                 " (+ %.1f ms in %d steps since start of marking, biggest step %.1f ms, "
                 "walltime since start of marking %.f ms)",
                 ev->inc_ms, (int)ev->inc_steps, ev->inc_biggest_ms, ev->inc_wall_ms);
    return snprintf(line, size,
                    "[%d:%p] %8.0f ms: %s%s %.1f (%.1f) -> %.1f (%.1f) MB, %.2f / %.2f ms %s "
                    "(average mu = %.3f, current mu = %.3f) %s; %s\n",
                    (int)getpid(), (const void *)h, ev->end_ms - h->start_ms,
                    ev->full ? "Mark-Compact" : "Scavenge", ev->reduce_memory ? " (reduce)" : "",
                    ev->used_before / MiB, ev->committed_before / MiB, ev->used_after / MiB,
                    ev->committed_after / MiB, ev->end_ms - ev->start_ms,
                    ev->prologue_ms + ev->epilogue_ms, incremental,
                    s->mu_averaged ? s->average_mu : 1.0,
                    s->mu_averaged ? s->current_mu : 1.0, gh_gc_reason_text(ev->reason),
                    ev->collector_reason);
}

static double percent(size_t part, size_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

static void print_nvp(const gh_heap *h, const gh_gc_event *ev, double mutator_ms, FILE *out)
{
    double pause = ev->end_ms - ev->start_ms;
    fprintf(out, "[%d:%p] %8.0f ms: pause=%.1f mutator=%.1f gc=%s reduce_memory=%d "
                 "heap.external.prologue=%.2f heap.external.epilogue=%.2f ",
            (int)getpid(), (const void *)h, ev->end_ms - h->start_ms, pause, mutator_ms,
            ev->full ? "mc" : "s", ev->reduce_memory ? 1 : 0, ev->prologue_ms, ev->epilogue_ms);
    if (ev->full)
        fprintf(out, "mark=%.1f evacuate=%.1f sweep=%.1f incremental=%.1f incremental_steps_count=%d "
                     "incremental_longest_step=%.1f compacted_pages=%zu ",
                ev->mark_ms, ev->evacuate_ms, ev->sweep_ms, ev->inc_ms, (int)ev->inc_steps,
                ev->inc_biggest_ms, ev->compacted_pages);
    else
        fprintf(out, "scavenge=%.2f incremental.steps_count=0 incremental.steps_took=0.0 "
                     "scavenge_throughput=%.0f ",
                pause - ev->prologue_ms - ev->epilogue_ms,
                pause > 0 ? (double)(ev->survived + ev->promoted) / pause : 0.0);
    const gh_gc_stats *s = &h->stats;
    fprintf(out,
            "total_size_before=%zu total_size_after=%zu holes_size_before=%zu holes_size_after=%zu "
            "allocated=%zu promoted=%zu new_space_survived=%zu promotion_ratio=%.1f%% "
            "average_survival_ratio=%.1f%% new_space_survive_rate=%.1f%%\n",
            ev->used_before, ev->used_after, ev->holes_before, ev->holes_after, ev->allocated,
            ev->promoted, ev->survived, percent(ev->promoted, ev->young_before),
            s->survival_samples ? s->survival_ratio_sum / (double)s->survival_samples : 0.0,
            percent(ev->survived, ev->young_before));
}

static void print_verbose(gh_heap *h, FILE *out)
{
    int pid = (int)getpid();
    size_t limit = gh_heap_size_limit(h), committed = gh_heap_committed(h), used = gh_heap_used(h);
    gh_space_statistics sp[GH_SPACE_COUNT];
    gh_heap_space_statistics_get(h, sp, GH_SPACE_COUNT);
    static const char *names[GH_SPACE_COUNT] = {"New space,", "Old space,", "Large object space,"};
    size_t commits[GH_SPACE_COUNT] = {gh_new_space_committed(h), gh_old_space_committed(h),
                                      h->large_space.committed};
    fprintf(out, "[%d:%p] %-23s used: %6zu KB, available: %6zu KB\n", pid, (void *)h,
            "Memory allocator,", KB(committed), KB(limit > committed ? limit - committed : 0));
    for (int i = 0; i < GH_SPACE_COUNT; i++)
        fprintf(out, "[%d:%p] %-23s used: %6zu KB, available: %6zu KB, committed: %6zu KB\n", pid,
                (void *)h, names[i], KB(sp[i].space_used_size), KB(sp[i].space_available_size),
                KB(commits[i]));
    fprintf(out, "[%d:%p] %-23s used: %6zu KB, available: %6zu KB, committed: %6zu KB\n", pid,
            (void *)h, "All spaces,", KB(used), KB(limit > used ? limit - used : 0), KB(committed));
    fprintf(out, "[%d:%p] External memory reported: %6ld KB\n", pid, (void *)h,
            (long)(h->external.bytes / 1024));
    fprintf(out, "[%d:%p] Backing store memory: %6lu KB\n", pid, (void *)h,
            (unsigned long)(h->external.array_buffers / 1024));
    fprintf(out, "[%d:%p] Total time spent in GC  : %.1f ms\n", pid, (void *)h,
            h->stats.scavenge_ms + h->stats.full_gc_ms);
}

void gh_trace_gc_event(gh_heap *h, const gh_gc_event *ev)
{
    char line[1024];
    int n = format_line(h, ev, line, sizeof line);
    if (n < 0)
        return;
    size_t len = (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
    ring_append(&h->ring, line, len < 255 ? len : 255);
    FILE *out = h->config.trace_gc;
    unsigned flags = h->config.trace_flags;
    if (!out || (!ev->full && (flags & GH_TRACE_IGNORE_SCAVENGER)))
        return;
    if (flags & GH_TRACE_NVP)
        print_nvp(h, ev, ev->start_ms - h->stats.last_gc_end_ms, out);
    else
        fwrite(line, 1, len, out);
    if (flags & GH_TRACE_VERBOSE)
        print_verbose(h, out);
}
