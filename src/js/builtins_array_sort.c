/* builtins_array_sort.c - Array.prototype.sort.
 *
 * Stable, and in the order node gives even for inconsistent comparators:
 * arrays under 64 elements go as V8's TimSort takes them (one run, then a
 * binary insertion sort), longer ones through a merge sort.  Undefineds
 * go last without meeting the comparator, holes after them. */
#include "builtins.h"

/* sort: a stable merge sort over a rooted store; the comparator may
 * allocate and collect, so everything is re-read through handles. */
static int sort_compare(gh_value *cmp, gh_value a, gh_value b, bool *err)
{
    if (a == JS_UNDEFINED)
        return b == JS_UNDEFINED ? 0 : 1;
    if (b == JS_UNDEFINED)
        return -1;
    if (js_is_callable(*cmp)) {
        gh_value args[2] = {a, b};
        gh_value r = js_call(*cmp, JS_UNDEFINED, 2, args);
        if (r == JS_EXCEPTION) {
            *err = true;
            return 0;
        }
        double d = js_to_number(r); /* a valueOf may throw */
        if (R.has_exception) {
            *err = true;
            return 0;
        }
        return d < 0 ? -1 : d > 0 ? 1 : 0;
    }
    JS_SCOPE_OPEN(sc);
    gh_value *bh = js_root(b);
    gh_value *sa = js_root(js_to_string(a));
    gh_value sb = *sa == JS_EXCEPTION ? JS_EXCEPTION : js_to_string(*bh);
    int r = 0;
    if (*sa == JS_EXCEPTION || sb == JS_EXCEPTION)
        *err = true;
    else
        r = js_string_compare(*sa, sb);
    JS_SCOPE_CLOSE(sc);
    return r;
}

#define SORT_AT(st, i) (((js_store *)gh_to_ptr(*(st)))->items[i])

/* V8's TimSort takes arrays under 64 elements as one run: the leading
 * ascending (or strictly descending, then reversed) run, then a binary
 * insertion sort of the rest.  Doing the same, comparator calls included,
 * gives node's order even for inconsistent comparators ((a, b) => a > b). */
static bool sort_short(gh_value *cmp, gh_value *st, uint64_t n)
{
    bool err = false;
    uint64_t run = 1;
    if (n >= 2) {
        bool desc = sort_compare(cmp, SORT_AT(st, 1), SORT_AT(st, 0), &err) < 0;
        for (run = 2; run < n && !err; run++) {
            int c = sort_compare(cmp, SORT_AT(st, run), SORT_AT(st, run - 1), &err);
            if (desc ? c >= 0 : c < 0)
                break;
        }
        js_store *s = gh_to_ptr(*st);
        for (uint64_t i = 0; desc && i < run / 2; i++) {
            gh_value t = s->items[i];
            s->items[i] = s->items[run - 1 - i];
            s->items[run - 1 - i] = t;
        }
        if (desc)
            gh_write_barrier_range(s, s->items, run);
    }
    gh_value *pivot = js_root(0);
    for (uint64_t start = run; start < n && !err; start++) {
        *pivot = SORT_AT(st, start);
        uint64_t left = 0, right = start;
        while (left < right && !err) {
            uint64_t mid = left + ((right - left) >> 1);
            if (sort_compare(cmp, *pivot, SORT_AT(st, mid), &err) < 0)
                right = mid;
            else
                left = mid + 1;
        }
        js_store *s = gh_to_ptr(*st);
        gh_move_slots(s, &s->items[left + 1], &s->items[left], start - left);
        gh_set_value(s, &s->items[left], *pivot);
    }
    return !err;
}

gh_value js_array_sort(gh_value *this_, int argc, gh_value *argv)
{
    gh_value *cmp = js_root(ARG(0));
    if (*cmp != JS_UNDEFINED && !js_is_callable(*cmp))
        return js_throw_error(JE_TYPE, "The comparison function must be either a function or undefined");
    uint64_t len;
    if (!js_this_and_length(this_, &len))
        return JS_EXCEPTION;
    /* gathered into an array that grows with what is found: an array-like
     * of length 2^32 - 1 with two elements must not get a 2^32-slot store */
    uint64_t end = js_array_present_end(*this_, len);
    gh_value *found = js_root(js_array_new(0, end < 1024 ? end : 1024)), *item = js_root(0);
    for (uint64_t i = 0; i < end; i++) {
        *item = js_elem_at(*this_, i);
        if (*item == JS_EXCEPTION)
            return JS_EXCEPTION;
        if (*item != JS_HOLE && !js_array_push(found, item))
            return JS_EXCEPTION;
    }
    uint64_t n = js_array_length(js_obj(*found));
    js_store *fs = js_array_store(js_obj(*found));
    gh_value *src = js_root(fs ? gh_from_ptr(fs) : gh_from_ptr(js_store_new(1, 0)));
    /* undefineds go last without meeting the comparator, as in V8 */
    uint64_t nundef = 0;
    for (uint64_t i = 0; i < n; i++) {
        js_store *s = gh_to_ptr(*src);
        if (s->items[i] == JS_UNDEFINED)
            nundef++;
        else
            s->items[i - nundef] = s->items[i];
    }
    for (uint64_t i = n - nundef; i < n; i++)
        SORT_AT(src, i) = JS_UNDEFINED;
    gh_write_barrier_range(gh_to_ptr(*src), ((js_store *)gh_to_ptr(*src))->items, n);
    n -= nundef;
    gh_value *tmp = js_root(gh_from_ptr(js_store_new(n ? n : 1, 0)));
    bool err = n < 64 && !sort_short(cmp, src, n);
    for (uint64_t width = n < 64 ? n : 1; width < n && !err; width *= 2) {
        for (uint64_t lo = 0; lo < n && !err; lo += 2 * width) {
            uint64_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
            uint64_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi && !err) {
                gh_value a = ((js_store *)gh_to_ptr(*src))->items[i];
                gh_value b = ((js_store *)gh_to_ptr(*src))->items[j];
                int c = sort_compare(cmp, a, b, &err);
                js_store *s = gh_to_ptr(*src), *t = gh_to_ptr(*tmp);
                gh_set_value(t, &t->items[k++], c <= 0 ? s->items[i++] : s->items[j++]);
            }
            js_store *s = gh_to_ptr(*src), *t = gh_to_ptr(*tmp);
            while (i < mid)
                gh_set_value(t, &t->items[k++], s->items[i++]);
            while (j < hi)
                gh_set_value(t, &t->items[k++], s->items[j++]);
        }
        gh_value sw = *src;
        *src = *tmp;
        *tmp = sw;
    }
    if (err)
        return JS_EXCEPTION;
    n += nundef;
    for (uint64_t i = 0; i < n; i++) {
        gh_value *v = js_root(((js_store *)gh_to_ptr(*src))->items[i]);
        if (!js_set_index(this_, (int64_t)i, v))
            return JS_EXCEPTION;
    }
    for (uint64_t i = n, end_ = js_array_own_end(*this_, len); i < end_; i++) /* the holes go last */
        js_delete_index(this_, i);
    return *this_;
}

void js_builtins_array_sort_init(gh_value *proto)
{
    gh_value f = js_make_native(proto, "sort", js_array_sort, 1);
    js_native_info_of(f)->atom_clean = true; /* its comparator calls come after its last atom */
}
