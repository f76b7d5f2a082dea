/* json.c - JSON.stringify (toJSON, replacer function or key list, indent). */
#include <math.h>
#include <string.h>

#include "vm.h"

typedef struct jctx {
    gh_value *replacer; /* a function, or NULL */
    gh_value *keys;     /* the replacer array's property list, or NULL */
    const char *indent;
    js_sbuf *out;
    gh_value *stack; /* a js_store of the objects being serialised (rooted) */
    int depth;
} jctx;

static void quote(js_sbuf *b, const char *s, size_t n)
{
    sb_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': sb_puts(b, "\\\""); break;
        case '\\': sb_puts(b, "\\\\"); break;
        case '\n': sb_puts(b, "\\n"); break;
        case '\r': sb_puts(b, "\\r"); break;
        case '\t': sb_puts(b, "\\t"); break;
        case '\b': sb_puts(b, "\\b"); break;
        case '\f': sb_puts(b, "\\f"); break;
        default:
            if (c < 0x20) {
                sb_printf(b, "\\u%04x", c);
            } else if (js_lone_surrogate_at(s + i, n - i)) {
                sb_printf(b, "\\u%04x", js_lone_surrogate_at(s + i, n - i));
                i += 2;
            } else {
                sb_putc(b, (char)c);
            }
        }
    }
    sb_putc(b, '"');
}

static void newline(jctx *j)
{
    if (!j->indent[0])
        return;
    sb_putc(j->out, '\n');
    for (int i = 0; i < j->depth; i++)
        sb_puts(j->out, j->indent);
}

/* Serialise holder[key] (value v, rooted by the caller).  Returns 0 when
 * the value is skipped (undefined, functions), 1 when written, -1 on error. */
static int ser(jctx *j, gh_value *holder, gh_value keystr, gh_value *v);

static int ser_object(jctx *j, gh_value *v)
{
    JS_SCOPE_OPEN(sc);
    int rc = -1;
    gh_value *keys = js_root(j->keys ? *j->keys : js_own_keys(*v, true));
    sb_putc(j->out, '{');
    j->depth++;
    bool any = false;
    size_t n = js_array_length(js_obj(*keys));
    for (size_t i = 0; i < n; i++) {
        gh_value *k = js_root(js_array_get(js_obj(*keys), i));
        gh_value *val = js_root(js_get(*v, js_string_atom(*k)));
        if (*val == JS_EXCEPTION)
            goto out;
        size_t mark = j->out->len;
        if (any)
            sb_putc(j->out, ',');
        newline(j);
        quote(j->out, js_str(*k)->data, js_str(*k)->len);
        sb_putc(j->out, ':');
        if (j->indent[0])
            sb_putc(j->out, ' ');
        int r = ser(j, v, *k, val);
        if (r < 0)
            goto out;
        if (r == 0)
            j->out->len = mark, j->out->data[mark] = 0;
        else
            any = true;
    }
    j->depth--;
    if (any)
        newline(j);
    sb_putc(j->out, '}');
    rc = 1;
out:
    JS_SCOPE_CLOSE(sc);
    return rc;
}

static int ser_array(jctx *j, gh_value *v)
{
    JS_SCOPE_OPEN(sc);
    int rc = -1;
    sb_putc(j->out, '[');
    j->depth++;
    size_t n = js_array_length(js_obj(*v));
    for (size_t i = 0; i < n; i++) {
        if (i)
            sb_putc(j->out, ',');
        newline(j);
        gh_value *val = js_root(js_get_index(*v, (int64_t)i));
        if (*val == JS_EXCEPTION)
            goto out;
        int r = ser(j, v, js_number_to_string((double)i), val);
        if (r < 0)
            goto out;
        if (r == 0)
            sb_puts(j->out, "null");
    }
    j->depth--;
    if (n)
        newline(j);
    sb_putc(j->out, ']');
    rc = 1;
out:
    JS_SCOPE_CLOSE(sc);
    return rc;
}

static int ser(jctx *j, gh_value *holder, gh_value keystr, gh_value *v)
{
    JS_SCOPE_OPEN(sc);
    int rc = -1;
    gh_value *key = js_root(keystr);
    if (js_is_object(*v)) {
        gh_value tj = js_get(*v, A_toJSON);
        if (tj == JS_EXCEPTION)
            goto out;
        if (js_is_callable(tj)) {
            *v = js_call(tj, *v, 1, key);
            if (*v == JS_EXCEPTION)
                goto out;
        }
    }
    if (j->replacer) {
        gh_value args[2] = {*key, *v};
        *v = js_call(*j->replacer, *holder, 2, args);
        if (*v == JS_EXCEPTION)
            goto out;
    }
    if (js_is_class(*v, JC_BOXED))
        *v = js_obj(*v)->slots[0];
    gh_value x = *v;
    if (x == JSV_NULL) {
        sb_puts(j->out, "null");
    } else if (x == JSV_TRUE || x == JSV_FALSE) {
        sb_puts(j->out, x == JSV_TRUE ? "true" : "false");
    } else if (js_is_string(x)) {
        quote(j->out, js_str(x)->data, js_str(x)->len);
    } else if (js_is_number(x)) {
        double d = js_num(x);
        char buf[64];
        if (isfinite(d))
            js_number_format(d, buf, sizeof buf);
        else
            strcpy(buf, "null");
        sb_puts(j->out, buf);
    } else if (js_is_object(x) && !js_is_callable(x)) {
        js_store *st = gh_to_ptr(*j->stack);
        for (int i = 0; i < j->depth && i < (int)js_store_cap(st); i++)
            if (st->items[i] == x) {
                js_throw_error(JE_TYPE, "Converting circular structure to JSON");
                goto out;
            }
        if (j->depth >= 1000 || js_c_stack_low()) {
            js_throw_error(JE_RANGE, "Maximum call stack size exceeded");
            goto out;
        }
        if ((size_t)j->depth >= js_store_cap(st)) { /* grow the stack of open objects */
            size_t cap = js_store_cap(st);
            js_store *n = js_store_new(cap * 2, 0);
            st = gh_to_ptr(*j->stack);
            memcpy(n->items, st->items, cap * sizeof(gh_value));
            gh_write_barrier_range(n, n->items, cap);
            *j->stack = gh_from_ptr(n);
            st = n;
            x = *v;
        }
        gh_set_value(st, &st->items[j->depth], x);
        rc = js_is_array(x) ? ser_array(j, v) : ser_object(j, v);
        goto out;
    } else {
        rc = 0;
        goto out;
    }
    rc = 1;
out:
    JS_SCOPE_CLOSE(sc);
    return rc;
}

/* A replacer array's property list: its strings and numbers (also as
 * String and Number objects) as strings, each once, in order. */
static gh_value property_list(gh_value *arr)
{
    JS_SCOPE_OPEN(sc);
    gh_value *list = js_root(js_array_new(0, 0)), *item = js_root(0);
    gh_value r = JS_EXCEPTION;
    for (uint64_t i = 0; i < js_array_length(js_obj(*arr)); i++) {
        *item = js_get_index(*arr, (int64_t)i);
        if (*item == JS_EXCEPTION)
            goto out;
        gh_value x = js_is_class(*item, JC_BOXED) ? js_obj(*item)->slots[0] : *item;
        if (!js_is_string(x) && !js_is_number(x))
            continue;
        if (!js_is_string(*item) && (*item = js_to_string(*item)) == JS_EXCEPTION)
            goto out;
        bool seen = false;
        for (uint64_t k = 0; k < js_array_length(js_obj(*list)) && !seen; k++)
            seen = js_string_equal(js_array_get(js_obj(*list), k), *item);
        if (!seen)
            js_array_push(list, item);
    }
    r = *list;
out:
    JS_SCOPE_CLOSE(sc);
    return r;
}

bool js_json_stringify(gh_value v, gh_value replacer, const char *indent, js_sbuf *out, bool *undefined_out)
{
    JS_SCOPE_OPEN(sc);
    gh_value *vh = js_root(v);
    gh_value *rh = js_root(replacer);
    gh_value *st = js_root(gh_from_ptr(js_store_new(16, 0)));
    /* the replacer function sees the value as holder[''] */
    gh_value *holder = js_root(js_object_new());
    js_define(holder, A_empty, vh, PF_DEFAULT);
    gh_value *keys = js_is_array(*rh) ? js_root(property_list(rh)) : NULL;
    int r = -1;
    if (!keys || *keys != JS_EXCEPTION) {
        jctx j = {js_is_callable(*rh) ? rh : NULL, keys, indent, out, st, 0};
        r = ser(&j, holder, R.empty_string, vh);
    }
    *undefined_out = r == 0;
    JS_SCOPE_CLOSE(sc);
    return r >= 0;
}
