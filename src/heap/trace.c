/*
 * trace.c -- what a collection reports: counters, mutator utilisation, and
 * the --trace-gc line in Node 20's exact format:
 *
 * [pid:heap]  <ms> ms: Scavenge 3.9 (4.0) -> 3.9 (5.0) MB, 1.17 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure; 
 *
 * (live MiB before, committed before, after, committed after; pause; time
 * in embedder callbacks; mutator utilisation; reason; collector reason).
 * Every line also goes, cut at 255 characters like V8's 256-byte buffer,
 * into a 512-byte ring that the out-of-memory report prints.
 */
#include <unistd.h>

#include "heap_internal.h"

#define MiB 1048576.0

size_t gh_heap_used(const gh_heap *h)
{
    return gh_new_space_used(h) + gh_old_space_used(h) + h->large_space.used;
}

size_t gh_heap_committed(const gh_heap *h)
{
    return gh_new_space_committed(h) + gh_old_space_committed(h) + h->large_space.committed;
}

/* V8's GCTracer::RecordMutatorUtilization: the first full GC only sets the
 * starting point; from the second on, "current" is the mutator's share of
 * the time since the previous full GC ended, and "average" halves the
 * history each time. */
static void record_mutator_utilization(gh_gc_stats *s, double end_ms, double gc_ms)
{
    if (s->prev_full_end_ms == 0) {
        s->prev_full_end_ms = end_ms;
        return;
    }
    double total = end_ms - s->prev_full_end_ms;
    double mutator = total - gc_ms;
    if (mutator < 0)
        mutator = 0;
    if (!s->mu_averaged) {
        s->avg_mutator_ms = mutator;
        s->avg_full_ms = gc_ms;
        s->mu_averaged = true;
    } else {
        s->avg_mutator_ms = (s->avg_mutator_ms + mutator) / 2;
        s->avg_full_ms = (s->avg_full_ms + gc_ms) / 2;
    }
    s->current_mu = total > 0 ? mutator / total : 0;
    double avg_total = s->avg_mutator_ms + s->avg_full_ms;
    s->average_mu = avg_total > 0 ? s->avg_mutator_ms / avg_total : 0;
    s->prev_full_end_ms = end_ms;
}

void gh_stats_record(gh_heap *h, const gh_gc_event *ev)
{
    gh_gc_stats *s = &h->stats;
    double pause = ev->end_ms - ev->start_ms;
    if (ev->full) {
        s->full_gcs++;
        s->full_gc_ms += pause;
        /* the clock starts at heap creation, as V8's isolate time does */
        record_mutator_utilization(s, ev->end_ms - h->start_ms, pause);
    } else {
        s->scavenges++;
        s->scavenge_ms += pause;
    }
    if (pause > s->max_pause_ms)
        s->max_pause_ms = pause;
}

static const char *reason_text(gh_gc_reason r)
{
    switch (r) {
    case GH_REASON_ALLOCATION_FAILURE: return "allocation failure";
    case GH_REASON_TESTING: return "testing";
    case GH_REASON_STRESS: return "testing";
    case GH_REASON_LAST_RESORT: return "last resort";
    }
    return "unknown";
}

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

void gh_trace_gc_event(gh_heap *h, const gh_gc_event *ev)
{
    const gh_gc_stats *s = &h->stats;
    char line[1024];
    int n = snprintf(line, sizeof line,
                     "[%d:%p] %8.0f ms: %s%s %.1f (%.1f) -> %.1f (%.1f) MB, %.2f / %.2f ms %s "
                     "(average mu = %.3f, current mu = %.3f) %s; %s\n",
                     (int)getpid(), (void *)h, ev->end_ms - h->start_ms,
                     ev->full ? "Mark-Compact" : "Scavenge", "", ev->used_before / MiB,
                     ev->committed_before / MiB, ev->used_after / MiB, ev->committed_after / MiB,
                     ev->end_ms - ev->start_ms, 0.0, "", s->mu_averaged ? s->average_mu : 1.0,
                     s->mu_averaged ? s->current_mu : 1.0, reason_text(ev->reason),
                     ev->collector_reason);
    if (n < 0)
        return;
    size_t len = (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
    if (h->config.trace_gc)
        fwrite(line, 1, len, h->config.trace_gc);
    ring_append(&h->ring, line, len < 255 ? len : 255);
}
