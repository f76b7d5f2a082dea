/*
 * compactor.c -- Mark-Compact: moving live objects off sparse old pages.
 *
 * Mark-Sweep leaves holes; when enough of the old generation is holes
 * (GH_FRAGMENTATION_THRESHOLD of its page area, and at least two pages'
 * worth), a full GC also compacts.  It picks evacuation candidates -- the
 * pages with the lowest live ratio, below GH_CANDIDATE_LIVE_RATIO (70%), sparsest
 * first, up to GH_MAX_EVACUATED_BYTES of live data so the pause stays
 * bounded -- copies their marked objects into fresh pages (leaving a
 * forwarding address in each old header), then updates every reference:
 * roots, the slots of every marked object in the heap, the finalizable
 * lists, and the moved objects' own old->young slots, which are recorded
 * again on their new pages.  The candidates are then unmapped, so the
 * memory goes back to the OS.
 *
 * Updating references walks the whole live heap: simple, and correct
 * without the slot recording V8 does during marking, at the cost of a
 * pause proportional to the heap, paid only when the heap is fragmented,
 * and as the last resort before running out of memory (then every page
 * below 90% live is a candidate and there is no cap).
 */
#include <stdlib.h>

#include "heap_internal.h"

#define GH_FRAGMENTATION_THRESHOLD 0.30
#define GH_CANDIDATE_LIVE_RATIO 0.70
#define GH_FORCED_CANDIDATE_LIVE_RATIO 0.90
#define GH_MAX_EVACUATED_BYTES GH_MiB(64)

static int by_live_bytes(const void *a, const void *b)
{
    size_t x = (*(gh_page *const *)a)->live_bytes, y = (*(gh_page *const *)b)->live_bytes;
    return x < y ? -1 : x > y;
}

static bool fragmented(const gh_heap *h)
{
    size_t area = 0, live = 0;
    for (const gh_page *p = h->old_space.pages; p; p = p->next) {
        area += GH_PAGE_AREA_SIZE;
        live += p->live_bytes;
    }
    size_t holes = area - live;
    return holes >= 2 * GH_PAGE_AREA_SIZE && (double)holes >= GH_FRAGMENTATION_THRESHOLD * (double)area;
}

/* Flag the candidates; returns them (caller frees) and their count. */
static gh_page **pick_candidates(gh_heap *h, bool force, size_t *count)
{
    /* the compaction stress mode moves everything, every time */
    bool stress = (h->config.stress & GH_STRESS_COMPACT) != 0;
    gh_old_space *os = &h->old_space;
    gh_page **pages = malloc(os->page_count * sizeof *pages);
    if (!pages)
        return NULL;
    size_t n = 0;
    double ratio = force ? GH_FORCED_CANDIDATE_LIVE_RATIO : GH_CANDIDATE_LIVE_RATIO;
    for (gh_page *p = os->pages; p; p = p->next)
        if ((double)p->live_bytes < ratio * (double)GH_PAGE_AREA_SIZE || stress)
            pages[n++] = p;
    qsort(pages, n, sizeof *pages, by_live_bytes);
    size_t moved = 0, taken = 0;
    for (; taken < n; taken++) {
        if (!force && moved + pages[taken]->live_bytes > GH_MAX_EVACUATED_BYTES)
            break;
        moved += pages[taken]->live_bytes;
        pages[taken]->flags |= GH_PF_EVACUATION_CANDIDATE;
    }
    /* worth it only if the survivors can need fewer pages than they leave */
    if (taken < 2 && !stress) {
        for (size_t i = 0; i < taken; i++)
            pages[i]->flags &= ~GH_PF_EVACUATION_CANDIDATE;
        taken = 0;
    }
    *count = taken;
    return pages;
}

static void evacuate_object(void *ctx, char *obj) { gh_move_to_old(ctx, obj); }

/* ---- updating references ----------------------------------------------- */

typedef struct gh_updater {
    gh_tracer tracer;
    bool remember; /* also record old->young slots (for moved objects) */
} gh_updater;

static inline bool on_candidate(const void *p)
{
    return (gh_page_of(p)->flags & GH_PF_EVACUATION_CANDIDATE) != 0;
}

static void visit_update(gh_tracer *t, void *slots, size_t n)
{
    gh_updater *u = (gh_updater *)t;
    uint64_t *w = slots;
    for (size_t i = 0; i < n; i++) {
        char *target = gh_slot_target(w[i]);
        if (!target)
            continue;
        if (on_candidate(target)) {
            uint64_t hdr = gh_header(target);
            if (!gh_header_is_forwarded(hdr))
                gh_fatal("genheap: a live slot refers to a dead object on an evacuated page");
            target = gh_header_forwardee(hdr);
            w[i] = gh_slot_retarget(w[i], target);
        }
        if (u->remember && (gh_page_of(target)->flags & GH_PF_YOUNG))
            gh_slot_set_insert(gh_page_of(&w[i]), &w[i]);
    }
}

typedef struct update_ctx {
    gh_heap *h;
    gh_updater *u;
} update_ctx;

static void update_object(void *ctx, char *obj)
{
    update_ctx *c = ctx;
    gh_object_visit(c->h, obj, gh_header(obj), &c->u->tracer, visit_update);
}

static void update_marked_objects(gh_heap *h, gh_page *p, char *end, gh_updater *u)
{
    update_ctx c = {h, u};
    gh_page_each_marked(p, end, update_object, &c);
}

static void update_list(gh_vec *list)
{
    for (size_t i = 0; i < list->len; i++)
        if (on_candidate(list->items[i]))
            list->items[i] = gh_header_forwardee(gh_header(list->items[i]));
}

static void update_references(gh_heap *h)
{
    gh_updater u = {{visit_update, NULL}, false};
    gh_roots_visit(h, &u.tracer);
    gh_weak_globals_visit(h, &u.tracer);
    /* the candidates' remembered sets go with them: old objects (moved ones
     * among them) record their old->young slots again -- setting a bit that
     * is set already costs nothing */
    u.remember = true;
    for (gh_page *p = h->old_space.pages; p; p = p->next)
        if (!on_candidate(p))
            update_marked_objects(h, p, NULL, &u);
    u.remember = false;
    for (gh_page *p = h->large_space.chunks; p; p = p->next)
        update_marked_objects(h, p, NULL, &u);
    gh_new_space *ns = &h->new_space;
    for (size_t i = 0; i <= ns->page_index; i++)
        update_marked_objects(h, gh_from_page(ns, i),
                              i == ns->page_index ? h->fast.lab[0].top : NULL, &u);
    update_list(&h->old_finalizable);
}

size_t gh_compact(gh_heap *h, bool force)
{
    if (h->old_space.page_count == 0 || (!force && !fragmented(h)))
        return 0;
    size_t count = 0;
    gh_page **candidates = pick_candidates(h, force, &count);
    if (!candidates || count == 0) {
        free(candidates);
        return 0;
    }
    /* evacuate into fresh pages only: the free lists (rebuilt by the sweep
     * that follows anyway) may point into candidates */
    gh_old_space_close_lab(h);
    gh_free_list_clear(&h->old_space.free);
    for (size_t i = 0; i < count; i++)
        gh_page_each_marked(candidates[i], NULL, evacuate_object, h);
    update_references(h);
    gh_ids_after_moves(h);
    for (size_t i = 0; i < count; i++) {
        gh_page *p = candidates[i];
        if (h->config.stress & GH_STRESS_ZAP)
            gh_zap(p->area_start, GH_PAGE_AREA_SIZE);
        gh_old_space_release_page(h, p);
    }
    free(candidates);
    return count;
}
