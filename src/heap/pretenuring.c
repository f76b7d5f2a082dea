/*
 * pretenuring.c -- allocating long-lived objects old from the start.
 *
 * A generational collector pays twice for objects that live long: a copy
 * into to-space and another into old space (or one promotion copy, and the
 * scavenge pause that makes it).  V8 watches allocation sites and, where
 * almost everything survives, allocates in old space directly.  Our
 * allocation sites are types: after a scavenge that kept at least a fifth
 * of the young generation, the collector walks a few pages of from-space
 * (before it is discarded) and counts, per type, the bytes allocated and
 * the bytes that survived (a forwarded header marks a survivor).  A type with at least
 * 8 KiB allocated and 85% of it surviving is pretenured: the inline
 * allocator then bumps it in an old buffer of its own (or, past the first
 * few such types, the shared one; old_space.c).  Every full GC
 * forgets the decisions, so a type whose objects start dying young is
 * allocated young again -- and makes the next scavenge come after a single
 * page of allocation, so that re-deciding copies little.  So does old-space
 * allocation by the program of a quarter of the old generation's size (at
 * least 1 MiB, at most 16 MiB): a full GC may be far off, and until it
 * comes, a type that stopped surviving (a program past its start-up) would
 * fill the old generation with garbage.  Tying the interval to the old
 * generation bounds that garbage to a fraction of it, where a fixed 16 MiB
 * let a small heap's first phase leave more garbage than data.
 */
#include <stdlib.h>

#include "heap_internal.h"

#define GH_SAMPLE_SURVIVAL 0.2       /* scavenges this good trigger a walk */
#define GH_PRETENURE_SURVIVAL 0.85
#define GH_PRETENURE_MIN_BYTES GH_KiB(8)
#define GH_SAMPLE_PAGES 4               /* from-space pages walked at most */
#define GH_RECHECK_MIN GH_MiB(1)  /* old-space allocation between re-checks */
#define GH_RECHECK_MAX GH_MiB(16)

typedef struct type_sample {
    size_t allocated, survived;
} type_sample;

static void count_page(gh_heap *h, char *p, char *end, type_sample *per_type)
{
    while (p < end) {
        uint64_t hdr = *(uint64_t *)(void *)p;
        bool survived = gh_header_is_forwarded(hdr);
        if (survived)
            hdr = gh_header(gh_header_forwardee(hdr));
        gh_type_id type = gh_header_type(hdr);
        size_t total = gh_header_total(hdr);
        if (type != GH_TYPE_FREE && type < GH_SLOW_TYPE_BASE && type <= h->fast.fast_type_count) {
            per_type[type].allocated += total;
            if (survived)
                per_type[type].survived += total;
        }
        p += total;
    }
}

void gh_pretenuring_after_copy(gh_heap *h, size_t young_before, size_t survived)
{
    /* the probe after a full GC always samples (it is one page) */
    if (!h->config.pretenuring || young_before == 0 ||
        (!h->new_space.probe && (double)survived < GH_SAMPLE_SURVIVAL * (double)young_before))
        return;
    uint32_t types = h->fast.fast_type_count + 1;
    type_sample *per_type = calloc(types, sizeof *per_type);
    if (!per_type)
        return; /* only an optimisation */
    /* a sample of a few pages spread over from-space is as telling as the
     * whole of it, and keeps the walk's cost flat as the semispace grows */
    gh_new_space *ns = &h->new_space;
    size_t pages = ns->page_index + 1;
    size_t stride = (pages + GH_SAMPLE_PAGES - 1) / GH_SAMPLE_PAGES;
    for (size_t i = pages - 1;; i -= stride) {
        gh_page *p = gh_from_page(ns, i);
        count_page(h, p->area_start, i == ns->page_index ? h->fast.lab[0].top : p->area_end,
                   per_type);
        if (i < stride)
            break;
    }
    for (uint32_t t = 1; t < types; t++) {
        type_sample *s = &per_type[t];
        bool survives = (double)s->survived >= GH_PRETENURE_SURVIVAL * (double)s->allocated;
        /* A type pretenured before the last full GC keeps that unless the
         * sample shows its objects dying: the one-page sample after a full
         * GC sees too little of a rare type to judge it by volume. */
        if ((s->allocated >= GH_PRETENURE_MIN_BYTES && survives) ||
            (h->was_pretenured[t] && (s->allocated == 0 || survives)))
            h->generation[t] = (uint8_t)gh_old_space_lab_for_type(h, (gh_type_id)t);
        h->was_pretenured[t] = 0;
    }
    free(per_type);
}

void gh_pretenuring_reset(gh_heap *h)
{
    h->old_allocated_since_reset = 0;
    bool any = false;
    for (uint32_t t = 0; t < h->generation_cap; t++)
        any |= h->generation[t] != 0;
    memcpy(h->was_pretenured, h->generation, h->generation_cap);
    memset(h->generation, 0, h->generation_cap);
    /* Re-decide soon: the next scavenge comes after one page of young
     * allocation, not a whole semispace of would-be survivors. */
    if (any)
        h->new_space.probe = true;
}

void gh_pretenuring_after_old_refill(gh_heap *h, size_t bytes)
{
    h->old_allocated_since_reset += bytes;
    size_t interval = gh_old_gen_used(h) / 4;
    if (interval < GH_RECHECK_MIN)
        interval = GH_RECHECK_MIN;
    else if (interval > GH_RECHECK_MAX)
        interval = GH_RECHECK_MAX;
    if (h->old_allocated_since_reset >= interval)
        gh_pretenuring_reset(h);
}

bool gh_pretenured(gh_heap *h, gh_type_id type)
{
    return h && type >= 1 && type <= h->fast.fast_type_count && h->generation[type];
}
