/*
 * incremental.c -- marking the heap in small steps between the mutator's
 * work, so that a full collection of a big old generation does not stop
 * the program for the whole of its marking (the seed: pauses cut to about
 * a sixth).
 *
 * When the old generation is within an eighth of its headroom (or one
 * semispace, but at most half the headroom) of the full-GC trigger,
 * marking starts (see marking_margin for why so late): the roots are
 * greyed and the marking barrier is switched on (all pages become
 * "pointers to here are interesting", young pages also "pointers from
 * here are interesting", so every pointer store reaches the barrier's
 * slow path, which greys the stored object if the host is marked).  From
 * then on every allocation slow path marks a step, paid for by allocation:
 *
 *     step = pace x (old-generation growth) + young allocation / 2 + 64 KiB
 *
 * where pace = 1.5 x (bytes to mark) / (headroom left to the trigger), so
 * marking is expected to finish with a third of the headroom to spare; a
 * step also stops after 1 ms (4 ms if marking has fallen behind that
 * schedule).  Old-space objects the mutator allocates
 * meanwhile are allocated black.  Scavenges keep running: a copy inherits
 * its original's mark, and worklist entries follow their objects.
 *
 * When the worklist runs dry, the allocator finalises: a full GC whose
 * marking part is only a re-scan of the roots and whatever that greys
 * ("finalize incremental marking via stack guard").  If the old generation
 * runs past its trigger by half its headroom first, the full GC finishes
 * the marking in its pause.
 */
#include "heap_internal.h"

#define GH_MAX_STEP_MS 1.0
#define GH_MAX_BEHIND_STEP_MS 4.0 /* a step's limit when behind schedule */
#define GH_MIN_STEP_BYTES GH_KiB(64)
#define GH_TINY_STEP_BYTES 64 /* the incremental stress mode */
#define GH_TICK_BYTES GH_KiB(32) /* allocation between steps */

static bool tiny_steps(const gh_heap *h) { return (h->config.stress & GH_STRESS_INCREMENTAL) != 0; }

uintptr_t gh_marking_page_flags(const gh_heap *h, gh_space_kind space)
{
    if (h->marking.state != GH_MARKING_ACTIVE)
        return 0;
    return space == GH_SPACE_NEW ? GH_PF_FROM_INTERESTING : GH_PF_TO_INTERESTING;
}

static void set_barrier(gh_heap *h, bool on)
{
    for (gh_page *p = h->old_space.pages; p; p = p->next)
        p->flags = on ? p->flags | GH_PF_TO_INTERESTING : p->flags & ~GH_PF_TO_INTERESTING;
    for (gh_page *p = h->large_space.chunks; p; p = p->next)
        p->flags = on ? p->flags | GH_PF_TO_INTERESTING : p->flags & ~GH_PF_TO_INTERESTING;
    gh_new_space_set_flags(h, on ? GH_PF_FROM_INTERESTING : 0, on ? 0 : GH_PF_FROM_INTERESTING);
}

/* V8 starts marking once the old generation is within one young
 * generation of its limit, and lets the limit be overrun while marking
 * runs (its concurrent markers do most of the work).  We mark on the
 * program's thread, so we start a little earlier: an eighth of the
 * headroom before the trigger, or one semispace if that is more; and
 * allow up to half the headroom past the trigger before a full GC
 * finishes the marking in its pause (marking_overrun).  Starting late
 * marks less: objects allocated after the start are floating garbage until
 * the next cycle, and a program that stops before the trigger never pays
 * for the marking. */
static size_t marking_margin(const gh_heap *h)
{
    size_t base = h->growing.old_gen_after_last, trigger = h->growing.trigger;
    size_t headroom = trigger > base ? trigger - base : 0;
    size_t margin = headroom / 8;
    size_t semi = h->new_space.capacity_pages * GH_PAGE_AREA_SIZE;
    if (margin < semi)
        margin = semi;
    /* ...but never more than half the headroom: a small heap (the 8 MiB
     * trigger floor) under a 16 MiB semispace would otherwise start marking
     * the moment each full GC ended, and mark for ever -- every store
     * through the barrier's slow path, every scavenge carrying marks. */
    return margin < headroom / 2 ? margin : headroom / 2;
}

/* How far past the trigger a marking behind schedule may let the old
 * generation grow before a full GC finishes it in one pause: half the
 * headroom (the limit still caps it).  A slow marker (a debug build, a
 * busy machine) then still ends its marking in steps. */
static size_t marking_overrun(const gh_heap *h)
{
    size_t base = h->growing.old_gen_after_last, trigger = h->growing.trigger;
    size_t half = trigger > base ? (trigger - base) / 2 : 0, margin = marking_margin(h);
    return half > margin ? half : margin;
}

static size_t start_threshold(const gh_heap *h)
{
    if (tiny_steps(h))
        return 0;
    size_t base = h->growing.old_gen_after_last, trigger = h->growing.trigger;
    size_t margin = marking_margin(h);
    return trigger > base + margin ? trigger - margin : base;
}

void gh_marking_start(gh_heap *h)
{
    gh_marking *m = &h->marking;
    gh_mark_prepare(h);
    m->state = GH_MARKING_ACTIVE;
    m->start_ms = gh_now_ms();
    m->steps = 0;
    m->steps_ms = m->biggest_step_ms = 0;
    size_t old_gen = gh_old_gen_used(h), young = gh_new_space_used(h);
    m->work_estimate = old_gen + young;
    size_t trigger = h->growing.trigger;
    size_t headroom = trigger > old_gen + GH_MiB(1) ? trigger - old_gen : GH_MiB(1);
    m->pace = 1.5 * (double)m->work_estimate / (double)headroom;
    if (m->pace < 1)
        m->pace = 1;
    m->old_at_step = m->old_gen_at_start = old_gen;
    m->young_at_step = young;
    m->scavenges_at_step = h->stats.scavenges;
    m->overrun = marking_overrun(h);
    set_barrier(h, true);
    gh_old_space_publish(h); /* old objects are born black now: slow path */
    /* The root visitors run here outside any collection (an API call or an
     * allocation started the marking): hold the heap busy so that they
     * cannot allocate or collect under the walk, as in a collection. */
    bool busy = gh_busy_begin(h);
    gh_mark_roots(h);
    gh_busy_end(h, busy);
}

void gh_marking_stop(gh_heap *h)
{
    if (h->marking.state == GH_MARKING_OFF)
        return;
    set_barrier(h, false);
    h->marking.state = GH_MARKING_OFF;
    gh_old_space_publish(h);
}

static void clear_marks(gh_page *pages)
{
    for (gh_page *p = pages; p; p = p->next)
        gh_page_clear_marks(p);
}

void gh_marking_abort(gh_heap *h)
{
    if (h->marking.state == GH_MARKING_OFF)
        return;
    h->mark_worklist.len = 0;
    h->ephemeron_tables.len = 0;
    clear_marks(h->old_space.pages);
    clear_marks(h->large_space.chunks);
    gh_new_space_clear_marks(h);
    gh_marking_stop(h);
}

void gh_marking_finish(gh_heap *h)
{
    gh_mark_roots(h);
    gh_mark_drain_all(h);
}

/* Young bytes allocated since the last step, at least.  Young used grows
 * until a scavenge empties it; after one, what is there was all allocated
 * since.  (Comparing levels alone missed whole cycles: in a one-page
 * semispace of garbage each tick came when the page was as full as at the
 * last step, counted nothing, and the marking never went on.) */
static size_t young_allocated(const gh_heap *h, size_t young)
{
    const gh_marking *m = &h->marking;
    if (h->stats.scavenges != m->scavenges_at_step || young < m->young_at_step)
        return young;
    return young - m->young_at_step;
}

static size_t step_budget(gh_heap *h)
{
    gh_marking *m = &h->marking;
    if (tiny_steps(h))
        return GH_TINY_STEP_BYTES;
    size_t old_gen = gh_old_gen_used(h), young = gh_new_space_used(h);
    size_t grown = old_gen > m->old_at_step ? old_gen - m->old_at_step : 0;
    size_t young_alloc = young_allocated(h, young);
    m->old_at_step = old_gen;
    m->young_at_step = young;
    m->scavenges_at_step = h->stats.scavenges;
    return (size_t)(m->pace * (double)grown) + young_alloc / 2 + GH_MIN_STEP_BYTES;
}

bool gh_marking_tick(gh_heap *h)
{
    gh_marking *m = &h->marking;
    if (m->state == GH_MARKING_OFF) {
        if (h->config.incremental_marking && gh_old_gen_used(h) >= start_threshold(h))
            gh_marking_start(h);
        return false;
    }
    /* a step once enough has been allocated to pay for one: pretenured
     * objects take this path one by one */
    if (!tiny_steps(h)) {
        size_t young = gh_new_space_used(h), old_gen = gh_old_gen_used(h);
        size_t allocated = young_allocated(h, young) +
                           (old_gen > m->old_at_step ? old_gen - m->old_at_step : 0);
        if (allocated < GH_TICK_BYTES)
            return false;
    }
    double start = gh_now_ms(), elapsed = 0;
    size_t budget = step_budget(h), done = 0;
    /* Behind schedule (the old generation grew faster than marking kept up:
     * a burst of old allocation, a slow machine), a step may run four times
     * as long -- finishing before the trigger matters -- but no longer: a
     * longer step is a pause like any other. */
    size_t old_gen = gh_old_gen_used(h);
    double due = m->pace * (double)(old_gen > m->old_gen_at_start ? old_gen - m->old_gen_at_start : 0);
    bool behind = (double)m->marked_bytes < due;
    /* Trace functions run in the step, outside any collection: held busy,
     * the heap refuses what they must not do (allocate, collect) with
     * GH_ERR_IN_GC instead of re-entering the allocator mid-scan. */
    bool busy = gh_busy_begin(h);
    /* in slices, so a step can stop at its time limit */
    while (done < budget && h->mark_worklist.len) {
        size_t slice = budget - done < GH_KiB(32) ? budget - done : GH_KiB(32);
        done += gh_mark_drain(h, slice);
        elapsed = gh_now_ms() - start;
        if (elapsed > (behind ? GH_MAX_BEHIND_STEP_MS : GH_MAX_STEP_MS))
            break;
    }
    gh_busy_end(h, busy);
    m->steps++;
    m->steps_ms += elapsed;
    if (elapsed > m->biggest_step_ms)
        m->biggest_step_ms = elapsed;
    return h->mark_worklist.len == 0;
}

/* Entries of a marking list that were young follow their objects; ones
 * that died young are dropped. */
static void follow_moves(gh_heap *h, gh_vec *wl)
{
    size_t kept = 0;
    for (size_t i = 0; i < wl->len; i++) {
        char *obj = wl->items[i];
        if (gh_in_from_space(h, obj)) {
            uint64_t hdr = gh_header(obj);
            if (!gh_header_is_forwarded(hdr))
                continue; /* greyed, then died before it was scanned */
            obj = gh_header_forwardee(hdr);
        }
        wl->items[kept++] = obj;
    }
    wl->len = kept;
}

void gh_marking_after_scavenge(gh_heap *h)
{
    follow_moves(h, &h->mark_worklist);
    follow_moves(h, &h->ephemeron_tables);
}

/* ---- the embedder's view ------------------------------------------------ */

bool gh_incremental_marking_active(gh_heap *h)
{
    return h && h->marking.state == GH_MARKING_ACTIVE;
}

gh_error gh_incremental_marking_start(gh_heap *h)
{
    if (!h)
        return gh_set_error(GH_ERR_NULL_HEAP, "gh_incremental_marking_start: heap is NULL");
    if (h->in_gc)
        return gh_set_error(GH_ERR_IN_GC, "gh_incremental_marking_start: during a collection");
    if (h->marking.state == GH_MARKING_OFF)
        gh_marking_start(h);
    return GH_OK;
}

gh_error gh_idle_notification(gh_heap *h, double budget_ms)
{
    if (!h)
        return gh_set_error(GH_ERR_NULL_HEAP, "gh_idle_notification: heap is NULL");
    if (h->in_gc)
        return gh_set_error(GH_ERR_IN_GC, "gh_idle_notification: during a collection");
    if (!(budget_ms >= 0)) /* NaN too */
        return gh_set_error(GH_ERR_INVALID_ARGUMENT, "gh_idle_notification: budget %g ms", budget_ms);
    gh_marking *m = &h->marking;
    if (m->state == GH_MARKING_OFF) {
        /* with incremental marking off the heap never starts one itself */
        if (!h->config.incremental_marking || gh_old_gen_used(h) < start_threshold(h))
            return GH_OK;
        gh_marking_start(h);
    }
    double start = gh_now_ms(), elapsed = 0;
    bool busy = gh_busy_begin(h); /* trace functions run: as in gh_marking_tick */
    while (h->mark_worklist.len && elapsed < budget_ms) {
        gh_mark_drain(h, GH_KiB(32));
        elapsed = gh_now_ms() - start;
    }
    gh_busy_end(h, busy);
    m->steps++;
    m->steps_ms += elapsed;
    if (elapsed > m->biggest_step_ms)
        m->biggest_step_ms = elapsed;
    if (h->mark_worklist.len == 0)
        gh_collect_garbage(h, true, GH_REASON_FINALIZE_INCREMENTAL_TASK, "GC in old space requested");
    return GH_OK;
}
