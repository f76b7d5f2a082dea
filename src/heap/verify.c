/*
 * verify.c -- the heap verifier (GH_STRESS_VERIFY runs it after every GC).
 *
 * It walks every space object by object, recording where objects start,
 * then, for everything reachable from the roots, checks:
 *   - every header is a header (no stray forwarding words), of a registered
 *     type, with a size that stays inside its page, and that agrees with
 *     the type's fixed size or size function;
 *   - every slot of every reachable object, and every root, refers to
 *     nothing or to the start of an object of this heap -- never into
 *     to-space, free space, an evacuated page or the middle of an object;
 *   - every old->young slot is in its page's remembered set, and every
 *     remembered slot lies inside a live object;
 *   - no mark bit is set between collections;
 *   - the finalizable lists hold object starts of the right generation.
 * The first failure is reported with addresses and type names.
 */
#include <stdlib.h>

#include "heap_internal.h"

typedef struct vpage {
    gh_page *page;
    uint64_t *starts; /* one bit per word: an object's payload starts here */
    uint64_t *seen;   /* reached from the roots */
} vpage;

typedef struct verifier {
    gh_tracer tracer;
    gh_heap *h;
    vpage *pages;
    size_t count, cap;
    bool failed;
    const char *what; /* "root", or the host object's type name */
    char *host;
    gh_vec stack;     /* reached, not yet checked */
} verifier;

static bool fail(verifier *v, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#include <stdarg.h>
static bool fail(verifier *v, const char *fmt, ...)
{
    if (v->failed)
        return false;
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    gh_set_error(GH_ERR_HEAP_CORRUPT, "verify: %s", msg);
    v->failed = true;
    return false;
}

static bool add_page(verifier *v, gh_page *p)
{
    if (v->count == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 64;
        vpage *a = realloc(v->pages, cap * sizeof *a);
        if (!a)
            return fail(v, "out of memory");
        v->pages = a;
        v->cap = cap;
    }
    uint64_t *starts = calloc(2 * GH_MARK_WORDS, sizeof *starts);
    if (!starts)
        return fail(v, "out of memory");
    v->pages[v->count++] = (vpage){p, starts, starts + GH_MARK_WORDS};
    return true;
}

static int cmp_vpage(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const vpage *)a)->page, y = (uintptr_t)((const vpage *)b)->page;
    return x < y ? -1 : x > y;
}

static vpage *find_page(verifier *v, const void *addr)
{
    gh_page *p = gh_page_of(addr);
    size_t lo = 0, hi = v->count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (v->pages[mid].page == p)
            return &v->pages[mid];
        if ((uintptr_t)v->pages[mid].page < (uintptr_t)p)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static size_t word_index(const vpage *vp, const void *addr)
{
    return ((uintptr_t)addr - (uintptr_t)vp->page) >> 3;
}

static bool is_start(const vpage *vp, const void *obj)
{
    size_t i = word_index(vp, obj);
    return i < GH_MARK_WORDS * 64 && ((vp->starts[i >> 6] >> (i & 63)) & 1);
}

static bool check_object_header(verifier *v, char *obj, uint64_t hdr, char *end)
{
    gh_type_id type = gh_header_type(hdr);
    size_t total = gh_header_total(hdr);
    if (gh_header_is_forwarded(hdr))
        return fail(v, "forwarding word %#llx outside a collection at %p",
                    (unsigned long long)hdr, (void *)obj);
    if (total < GH_HEADER_SIZE || total > (size_t)(end - (obj - GH_HEADER_SIZE)))
        return fail(v, "object %p has size %zu, beyond its page", (void *)obj, total);
    if (type == GH_TYPE_FREE)
        return true;
    if (!gh_type_valid(v->h, type))
        return fail(v, "object %p has unregistered type %u", (void *)obj, (unsigned)type);
    const gh_type_info *info = &gh_type_get(v->h, type)->info;
    size_t payload = total - GH_HEADER_SIZE;
    size_t expected = info->size ? info->size : info->size_of ? info->size_of(obj) : payload;
    if (GH__ALIGN8(expected) != payload)
        return fail(v, "object %p of type %s has %zu bytes, its type says %zu", (void *)obj,
                    info->name, payload, expected);
    return true;
}

/* Record the objects of [start, end), skipping the unused rests of the
 * old allocation buffers on an old page.  On an unswept page only marked
 * objects are alive. */
static bool walk_range(verifier *v, vpage *vp, char *start, char *end)
{
    bool unswept = (vp->page->flags & GH_PF_UNSWEPT) != 0;
    bool old = vp->page->space == GH_SPACE_OLD;
    for (char *p = start; p < end;) {
        char *rest_end = old ? gh_old_space_lab_rest_end(v->h, p) : NULL;
        if (rest_end) {
            p = rest_end;
            continue;
        }
        uint64_t hdr = *(uint64_t *)(void *)p;
        char *obj = p + GH_HEADER_SIZE;
        if (!check_object_header(v, obj, hdr, end))
            return false;
        if (gh_header_type(hdr) != GH_TYPE_FREE && (!unswept || gh_is_marked(obj))) {
            size_t i = word_index(vp, obj);
            vp->starts[i >> 6] |= (uint64_t)1 << (i & 63);
        }
        p += gh_header_total(hdr);
    }
    return true;
}

static bool check_no_marks(verifier *v, gh_page *p)
{
    if (v->h->marking.state == GH_MARKING_ACTIVE || (p->flags & GH_PF_UNSWEPT))
        return true; /* marks are meaningful there */
    for (size_t w = 0; w < GH_MARK_WORDS; w++)
        if (p->mark_bits[w])
            return fail(v, "page %p has mark bits set outside a collection", (void *)p);
    return true;
}

static bool collect_pages(verifier *v)
{
    gh_heap *h = v->h;
    gh_new_space *ns = &h->new_space;
    for (size_t i = 0; i <= ns->page_index; i++)
        if (!add_page(v, gh_from_page(ns, i)))
            return false;
    for (gh_page *p = h->old_space.pages; p; p = p->next)
        if (!add_page(v, p))
            return false;
    for (gh_page *p = h->large_space.chunks; p; p = p->next)
        if (!add_page(v, p))
            return false;
    qsort(v->pages, v->count, sizeof *v->pages, cmp_vpage);
    return true;
}

static bool record_starts(verifier *v)
{
    gh_heap *h = v->h;
    for (size_t i = 0; i < v->count; i++) {
        vpage *vp = &v->pages[i];
        gh_page *p = vp->page;
        if (p->magic != GH_PAGE_MAGIC || p->heap != h)
            return fail(v, "page %p has a bad header", (void *)p);
        if (!check_no_marks(v, p))
            return false;
        char *end = p->area_end;
        if (p->space == GH_SPACE_NEW) {
            if (gh_from_page(&h->new_space, h->new_space.page_index) == p)
                end = h->fast.lab[0].top;
        } else if (p->space == GH_SPACE_LARGE) {
            end = p->area_start + gh_header_total(*(uint64_t *)(void *)p->area_start);
        }
        if (!walk_range(v, vp, p->area_start, end))
            return false;
    }
    return true;
}

static void check_slot(verifier *v, uint64_t *slot)
{
    char *target = gh_slot_target(*slot);
    if (!target || v->failed)
        return;
    vpage *vp = find_page(v, target);
    if (!vp) {
        fail(v, "%s %p: slot %p refers to %p, which is not in the heap's live pages", v->what,
             (void *)v->host, (void *)slot, (void *)target);
        return;
    }
    if (!is_start(vp, target)) {
        fail(v, "%s %p: slot %p refers to %p, which is not the start of a live object", v->what,
             (void *)v->host, (void *)slot, (void *)target);
        return;
    }
    if (v->host && (vp->page->flags & GH_PF_YOUNG) &&
        !(gh_page_of(v->host)->flags & GH_PF_YOUNG) &&
        !gh_slot_set_contains(gh_page_of(v->host), slot)) {
        fail(v, "%s %p: old->young slot %p (to %p) is missing from the remembered set", v->what,
             (void *)v->host, (void *)slot, (void *)target);
        return;
    }
    size_t i = word_index(vp, target);
    if (!((vp->seen[i >> 6] >> (i & 63)) & 1)) {
        vp->seen[i >> 6] |= (uint64_t)1 << (i & 63);
        if (!gh_vec_push(&v->stack, target))
            fail(v, "out of memory");
    }
}

static void visit_verify(gh_tracer *t, void *slots, size_t n)
{
    verifier *v = (verifier *)t;
    uint64_t *w = slots;
    for (size_t i = 0; i < n; i++)
        check_slot(v, &w[i]);
}

/* Check every object reachable from the roots.  Unreachable objects are
 * not checked: dead young objects left in place by an incremental full GC
 * may legitimately point into memory the sweeper has freed. */
static void check_reachable(verifier *v)
{
    v->what = "root";
    v->host = NULL;
    gh_roots_visit_all(v->h, &v->tracer);
    v->what = "weak global";
    gh_weak_globals_visit(v->h, &v->tracer); /* what survives must be whole */
    if (!v->failed && !gh_young_globals_listed(v->h))
        fail(v, "a global handle holds a young object but is not on the young list");
    char *obj;
    while (!v->failed && (obj = gh_vec_pop(&v->stack)) != NULL) {
        uint64_t hdr = gh_header(obj);
        v->host = obj;
        v->what = gh_type_get(v->h, gh_header_type(hdr))->info.name;
        gh_object_visit(v->h, obj, hdr, &v->tracer, visit_verify);
    }
}

/* A remembered slot must lie inside a live object (the one whose start is
 * the nearest at or below it). */
static bool check_remembered_slot(gh_heap *h, uint64_t *slot, void *ctx)
{
    (void)h;
    verifier *v = ctx;
    vpage *vp = find_page(v, slot);
    if (!vp || v->failed)
        return true;
    if (vp->page->space == GH_SPACE_LARGE) {
        char *obj = vp->page->area_start + GH_HEADER_SIZE;
        if ((char *)slot >= obj && (char *)slot < obj - GH_HEADER_SIZE + gh_object_total(obj))
            return true;
        fail(v, "remembered slot %p is outside its large object", (void *)slot);
        return true;
    }
    for (char *p = (char *)slot; p >= vp->page->area_start; p -= 8) {
        if (is_start(vp, p)) {
            if ((char *)slot >= p && (char *)slot < p - GH_HEADER_SIZE + gh_object_total(p))
                return true;
            break;
        }
    }
    fail(v, "remembered slot %p is not inside a live object", (void *)slot);
    return true;
}

/* The remembered sets' byte count, kept for the heap statistics, is what
 * the pages hold. */
static void check_slot_set_bytes(verifier *v)
{
    size_t sum = 0;
    for (size_t i = 0; i < v->count; i++)
        sum += gh_slot_set_bytes(v->pages[i].page);
    size_t counted = __atomic_load_n(&v->h->slot_set_bytes, __ATOMIC_RELAXED);
    if (sum != counted)
        fail(v, "the remembered sets hold %zu bytes, the heap counts %zu", sum, counted);
}

/* The list of remembered pages holds exactly the old pages and large
 * chunks that have a slot set. */
static void check_remembered_pages(verifier *v)
{
    size_t with_set = 0, listed = 0;
    for (int space = 0; space < 2; space++)
        for (gh_page *p = space ? v->h->large_space.chunks : v->h->old_space.pages; p; p = p->next)
            with_set += p->slot_set != NULL;
    for (gh_page *p = v->h->remembered_pages; p && !v->failed; p = p->rs_next) {
        listed++;
        if (!p->slot_set || (p->flags & GH_PF_YOUNG) || (p->rs_next && p->rs_next->rs_prev != p))
            fail(v, "page %p is on the remembered list without a slot set, or mislinked", (void *)p);
    }
    if (!v->failed && listed != with_set)
        fail(v, "%zu pages have a slot set but %zu are on the remembered list", with_set, listed);
}

static void check_finalizable(verifier *v, gh_vec *list, bool young)
{
    for (size_t i = 0; i < list->len && !v->failed; i++) {
        char *obj = list->items[i];
        vpage *vp = find_page(v, obj);
        if (!vp || !is_start(vp, obj) || ((vp->page->flags & GH_PF_YOUNG) != 0) != young)
            fail(v, "finalizable object %p is not a live %s object", (void *)obj,
                 young ? "young" : "old");
    }
}

gh_error gh_verify_heap(gh_heap *h)
{
    verifier v = {.tracer = {visit_verify, NULL}, .h = h, .what = "root"};
    if (collect_pages(&v) && record_starts(&v)) {
        check_reachable(&v);
        /* unswept pages may still hold slots of objects that just died */
        for (size_t i = 0; i < v.count && !v.failed; i++)
            if (!(v.pages[i].page->flags & (GH_PF_YOUNG | GH_PF_UNSWEPT)))
                gh_slot_set_iterate(v.pages[i].page, check_remembered_slot, &v);
        if (!v.failed)
            check_slot_set_bytes(&v);
        if (!v.failed)
            check_remembered_pages(&v);
        check_finalizable(&v, &h->young_finalizable, true);
        check_finalizable(&v, &h->old_finalizable, false);
    }
    for (size_t i = 0; i < v.count; i++)
        free(v.pages[i].starts);
    free(v.pages);
    gh_vec_free(&v.stack);
    return v.failed ? GH_ERR_HEAP_CORRUPT : GH_OK;
}
