/*
 * oom.h -- running out of memory: the near-heap-limit callback, detecting
 * collections that no longer free memory, and the fatal report.
 */
#ifndef GH_OOM_H
#define GH_OOM_H

#include "heap_internal.h"

#define GH_OOM_REACHED_LIMIT "Reached heap limit"
#define GH_OOM_INEFFECTIVE "Ineffective mark-compacts near heap limit"

/* Ask the embedder's near-heap-limit callback for more room; true if the
 * limit was raised (the caller retries). */
bool gh_oom_raise_limit(gh_heap *h);

/* After each full GC: count consecutive full GCs that left the old
 * generation near its limit while the mutator got little time.  At four,
 * the fatal policy dies with GH_OOM_INEFFECTIVE; the recoverable one fails
 * the next allocation. */
void gh_oom_after_full_gc(gh_heap *h);

/* An allocation failed for good: under GH_OOM_FATAL print Node's report
 * with `location` as its headline and abort; otherwise record
 * GH_ERR_OUT_OF_MEMORY and return. */
void gh_oom(gh_heap *h, const char *location, size_t bytes);

#endif
