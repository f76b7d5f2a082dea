/* builtins_array_copy.c - ES2023's "change array by copy" methods:
 * toReversed, toSorted, toSpliced and with.
 *
 * Each returns a new array and leaves the receiver (an array or any
 * array-like) as it was; a hole reads as undefined.  The copy grows as
 * it is filled, so an array-like that claims a length of 2^32 - 1 costs
 * what it holds until the length check or the walk ends it. */
#include "builtins.h"

/* The result array, rooted, with room for up to 1024 items to start. */
static gh_value *new_copy(uint64_t n)
{
    return js_root(js_array_new(0, n < 1024 ? (size_t)n : 1024));
}

/* Append o[from, to) to *out, holes as undefined.  false on an exception. */
static bool copy_range(gh_value *out, gh_value *o, uint64_t from, uint64_t to)
{
    gh_value *v = js_root(JS_UNDEFINED);
    for (uint64_t i = from; i < to; i++) {
        *v = js_elem_at(*o, i);
        if (*v == JS_EXCEPTION)
            return false;
        if (*v == JS_HOLE)
            *v = JS_UNDEFINED;
        if (!js_array_push(out, v))
            return false;
    }
    return true;
}

NATIVE(array_to_reversed)
{
    UNUSED_ARGS;
    uint64_t len;
    if (!js_this_and_length(this_, &len) || !js_length_fits(len))
        return JS_EXCEPTION;
    gh_value *out = new_copy(len), *v = js_root(JS_UNDEFINED);
    for (uint64_t i = len; i-- > 0;) {
        *v = js_elem_at(*this_, i);
        if (*v == JS_EXCEPTION)
            return JS_EXCEPTION;
        if (*v == JS_HOLE)
            *v = JS_UNDEFINED;
        if (!js_array_push(out, v))
            return JS_EXCEPTION;
    }
    return *out;
}

NATIVE(array_to_sorted)
{
    if (ARG(0) != JS_UNDEFINED && !js_is_callable(ARG(0)))
        return js_throw_error(JE_TYPE, "The comparison function must be either a function or undefined");
    uint64_t len;
    if (!js_this_and_length(this_, &len) || !js_length_fits(len))
        return JS_EXCEPTION;
    gh_value *out = new_copy(len);
    if (!copy_range(out, this_, 0, len))
        return JS_EXCEPTION;
    return js_array_sort(out, argc, argv);
}

/* ToIntegerOrInfinity of an argument; false on an exception. */
static bool integer_arg(gh_value v, double *out)
{
    double d = js_to_number(v);
    if (R.has_exception)
        return false;
    *out = js_to_integer(d);
    return true;
}

NATIVE(array_to_spliced)
{
    uint64_t len;
    if (!js_this_and_length(this_, &len))
        return JS_EXCEPTION;
    double start = 0, skip = 0;
    if (!integer_arg(ARG(0), &start))
        return JS_EXCEPTION;
    uint64_t from = js_relative_index(start, len), skipped = 0;
    if (argc == 1) {
        skipped = len - from;
    } else if (argc > 1) {
        if (!integer_arg(argv[1], &skip))
            return JS_EXCEPTION;
        skipped = skip <= 0 ? 0 : skip >= (double)(len - from) ? len - from : (uint64_t)skip;
    }
    uint64_t inserted = argc > 2 ? (uint64_t)argc - 2 : 0;
    if (!js_length_fits(len - skipped + inserted))
        return JS_EXCEPTION;
    gh_value *out = new_copy(len - skipped + inserted);
    if (!copy_range(out, this_, 0, from))
        return JS_EXCEPTION;
    for (uint64_t i = 0; i < inserted; i++)
        if (!js_array_push(out, &argv[2 + i]))
            return JS_EXCEPTION;
    if (!copy_range(out, this_, from + skipped, len))
        return JS_EXCEPTION;
    return *out;
}

NATIVE(array_with)
{
    uint64_t len;
    if (!js_this_and_length(this_, &len))
        return JS_EXCEPTION;
    double rel;
    if (!integer_arg(ARG(0), &rel))
        return JS_EXCEPTION;
    double at = rel >= 0 ? rel : (double)len + rel;
    if (at < 0 || at >= (double)len) {
        char buf[64];
        js_number_format(rel, buf, sizeof buf);
        return js_throw_error(JE_RANGE, "Invalid index : %s", buf);
    }
    if (!js_length_fits(len))
        return JS_EXCEPTION;
    gh_value *out = new_copy(len), *value = js_root(ARG(1));
    if (!copy_range(out, this_, 0, (uint64_t)at) || !js_array_push(out, value) ||
        !copy_range(out, this_, (uint64_t)at + 1, len))
        return JS_EXCEPTION;
    return *out;
}

void js_builtins_array_copy_init(gh_value *proto)
{
    js_make_native(proto, "toReversed", array_to_reversed, 0);
    js_make_native(proto, "toSorted", array_to_sorted, 1);
    js_make_native(proto, "toSpliced", array_to_spliced, 2);
    js_make_native(proto, "with", array_with, 2);
}
