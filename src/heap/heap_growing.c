/*
 * heap_growing.c -- when the next full collection runs.
 *
 * After each full GC the old generation may grow to live x factor before
 * the next one.  The factor comes from the same reasoning as V8's heap
 * growing: if a full GC processes gc_speed bytes per ms and the program
 * fills the old generation at mutator_speed bytes per ms, then letting the
 * old generation grow by (factor - 1) x live between GCs spends
 *
 *     GC time / total time = 1 / (1 + (factor - 1) x gc_speed / mutator_speed)
 *
 * collecting.  Asking for a target mutator utilisation of 97% (at most 3%
 * of the time in full GCs) and solving for the factor gives
 *
 *     factor = r (1 - mu) / (r (1 - mu) - mu),   r = gc_speed / mutator_speed
 *
 * clamped to [1.1, max_factor].  A GC that is slow relative to allocation
 * (small r, or a negative denominator) gets the largest factor: memory is
 * traded for time.  max_factor is 4 for heaps whose limit is 1 GiB or more
 * and shrinks towards 2 for small heaps, which cannot afford to double.
 * The trigger never exceeds the old-generation limit.
 */
#include "heap_internal.h"

#define GH_TARGET_MUTATOR_UTILIZATION 0.97
#define GH_MIN_GROWING_FACTOR 1.1
#define GH_MAX_GROWING_FACTOR 4.0
/* The trigger never falls below this: tiny heaps would collect constantly. */
#define GH_MIN_OLD_GEN_TRIGGER GH_MiB(8)
/* The first full GC: V8 lets a fresh old generation reach a few hundred MiB
 * before its first mark-compact (lesson1 shows one at 260 MB). */
#define GH_INITIAL_OLD_GEN_TRIGGER GH_MiB(256)

static size_t clamp_trigger(const gh_heap *h, double bytes)
{
    double max = (double)h->config.max_old_space;
    size_t t = bytes >= max ? h->config.max_old_space : (size_t)bytes;
    size_t floor = GH_MIN_OLD_GEN_TRIGGER < h->config.max_old_space ? GH_MIN_OLD_GEN_TRIGGER
                                                                    : h->config.max_old_space;
    return t < floor ? floor : t;
}

void gh_growing_init(gh_heap *h)
{
    gh_growing *g = &h->growing;
    g->trigger = clamp_trigger(h, (double)(h->config.max_old_space / 2 < GH_INITIAL_OLD_GEN_TRIGGER
                                               ? h->config.max_old_space / 2
                                               : GH_INITIAL_OLD_GEN_TRIGGER));
    g->last_full_end_ms = h->start_ms;
    g->factor = GH_MAX_GROWING_FACTOR;
}

static double max_factor(const gh_heap *h)
{
    double max_old = (double)h->config.max_old_space, small = (double)GH_MiB(128),
           big = (double)GH_MiB(1024);
    if (max_old >= big)
        return GH_MAX_GROWING_FACTOR;
    if (max_old <= small)
        return 2.0;
    return 2.0 + (GH_MAX_GROWING_FACTOR - 2.0) * (max_old - small) / (big - small);
}

static double growing_factor(double gc_speed, double mutator_speed, double max)
{
    if (gc_speed <= 0 || mutator_speed <= 0)
        return max;
    double mu = GH_TARGET_MUTATOR_UTILIZATION;
    double r = gc_speed / mutator_speed;
    double a = r * (1 - mu), b = r * (1 - mu) - mu;
    double factor = (b > 0 && a < b * max) ? a / b : max;
    if (factor < GH_MIN_GROWING_FACTOR)
        factor = GH_MIN_GROWING_FACTOR;
    return factor > max ? max : factor;
}

/* Exponential average, so one odd GC does not swing the factor. */
static double blend(double old, double sample) { return old > 0 ? (old + sample) / 2 : sample; }

void gh_growing_after_scavenge(gh_heap *h, double pause_ms) { h->growing.young_pause_ms += pause_ms; }

void gh_growing_after_full_gc(gh_heap *h, const gh_gc_event *ev)
{
    gh_growing *g = &h->growing;
    size_t live = gh_old_gen_used(h);
    /* the whole cost of the cycle: the pause and the incremental steps */
    double gc_ms = ev->mark_ms + ev->evacuate_ms + ev->sweep_ms + ev->inc_ms;
    if (gc_ms > 0)
        g->gc_speed = blend(g->gc_speed, (double)live / gc_ms);
    /* how fast the old generation filled since the previous full GC */
    double mutator_ms = ev->start_ms - g->last_full_end_ms - g->young_pause_ms;
    size_t grown = ev->old_gen_before > g->old_gen_after_last
                       ? ev->old_gen_before - g->old_gen_after_last
                       : 0;
    if (mutator_ms > 1 && grown > 0)
        g->mutator_speed = blend(g->mutator_speed, (double)grown / mutator_ms);
    g->factor = growing_factor(g->gc_speed, g->mutator_speed, max_factor(h));
    g->trigger = clamp_trigger(h, (double)live * g->factor);
    g->last_full_end_ms = ev->end_ms;
    g->young_pause_ms = 0;
    g->old_gen_after_last = live;
}
