/*
 * oom.h -- the out-of-memory policy.
 */
#ifndef GH_OOM_H
#define GH_OOM_H

#include "heap_internal.h"

/* An allocation of `total` bytes failed after every collection.  Under
 * GH_OOM_FATAL prints V8's report and aborts; otherwise returns, and the
 * caller reports GH_ERR_OUT_OF_MEMORY. */
void gh_oom(gh_heap *h, size_t total);

#endif
