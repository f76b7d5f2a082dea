/* inspect.c - console.log's formatting: Node 20's util.inspect (depth 2,
 * breakLength 80, compact 3, arrays of more than 6 entries grouped in
 * columns, at most 100 elements) and util.format's %-directives.
 *
 * How entries are laid out (columns, one line or several) is in
 * inspect_layout.c.
 *
 * Formatting does not allocate in the heap (it reads properties through
 * own slots and atoms), so raw values may be held in C arrays meanwhile. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "inspect_int.h"
#include "map.h"
#include "vm.h"
#include "weak_table.h"

static void format_value(ictx *c, gh_value v, int recurse, bool top, js_sbuf *out);

static void str_escape(const char *s, size_t len, js_sbuf *out)
{
    char q = '\'';
    if (memchr(s, '\'', len)) {
        if (!memchr(s, '"', len))
            q = '"';
        else if (!memchr(s, '`', len) && !memchr(s, '$', len))
            q = '`';
    }
    sb_putc(out, q);
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        switch (ch) {
        case '\n': sb_puts(out, "\\n"); break;
        case '\t': sb_puts(out, "\\t"); break;
        case '\r': sb_puts(out, "\\r"); break;
        case '\b': sb_puts(out, "\\b"); break;
        case '\f': sb_puts(out, "\\f"); break;
        case '\\': sb_puts(out, "\\\\"); break;
        default:
            if (ch == (unsigned char)q) {
                sb_putc(out, '\\');
                sb_putc(out, (char)ch);
            } else if (ch < 0x20 || ch == 0x7f) {
                sb_printf(out, "\\x%02X", ch);
            } else if (js_lone_surrogate_at(s + i, len - i)) {
                sb_printf(out, "\\u%04x", js_lone_surrogate_at(s + i, len - i));
                i += 2;
            } else {
                sb_putc(out, (char)ch);
            }
        }
    }
    sb_putc(out, q);
}

static bool is_identifier(const char *s)
{
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_'))
        return false;
    for (s++; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_' || (*s >= '0' && *s <= '9')))
            return false;
    return true;
}

static void format_string(ictx *c, js_string *s, js_sbuf *out)
{
    uint32_t ulen = js_str_length(s);
    if (ulen > 16 && (double)ulen > (double)c->break_length - c->indent - 4 &&
        memchr(s->data, '\n', s->len)) {
        size_t start = 0;
        bool first = true;
        for (size_t i = 0; i <= s->len; i++) {
            if (i == s->len || s->data[i] == '\n') {
                size_t end = i < s->len ? i + 1 : i;
                if (end > start) {
                    if (!first) {
                        sb_puts(out, " +\n");
                        for (int k = 0; k < c->indent + 2; k++)
                            sb_putc(out, ' ');
                    }
                    str_escape(s->data + start, end - start, out);
                    first = false;
                }
                start = end;
            }
        }
        return;
    }
    str_escape(s->data, s->len, out);
}

static void format_number(double d, js_sbuf *out)
{
    if (d == 0 && signbit(d)) {
        sb_puts(out, "-0");
        return;
    }
    char buf[64];
    js_number_format(d, buf, sizeof buf);
    sb_puts(out, buf);
}

static bool format_primitive(ictx *c, gh_value v, js_sbuf *out)
{
    if (js_is_number(v))
        format_number(js_num(v), out);
    else if (js_is_string(v))
        format_string(c, js_str(v), out);
    else if (v == JS_UNDEFINED || v == JS_HOLE)
        sb_puts(out, "undefined");
    else if (v == JSV_NULL)
        sb_puts(out, "null");
    else if (v == JSV_TRUE)
        sb_puts(out, "true");
    else if (v == JSV_FALSE)
        sb_puts(out, "false");
    else
        return false;
    return true;
}

/* The name of the constructor found on the prototype chain, or NULL for a
 * null prototype. */
static const char *constructor_name(gh_value v, char *buf, size_t cap)
{
    for (gh_value p = js_get_proto(v); js_is_object(p); p = js_get_proto(p)) {
        gh_value *ctor = js_own_slot(js_obj(p), A_constructor, NULL);
        if (ctor && js_is_callable(*ctor)) {
            const char *n = js_atom_name(js_function_name_atom(*ctor));
            if (n[0]) {
                snprintf(buf, cap, "%s", n);
                return buf;
            }
        }
    }
    return NULL;
}

static void format_key(js_atom_id key, js_sbuf *out)
{
    const char *k = js_atom_name(key);
    if (strcmp(k, "__proto__") == 0)
        sb_puts(out, "['__proto__']");
    else if (is_identifier(k))
        sb_puts(out, k);
    else
        str_escape(k, js_atom_len(key), out);
}

static char *format_property(ictx *c, gh_value obj, js_atom_id key, int recurse, bool array_entry)
{
    js_sbuf b = {0};
    if (!array_entry) {
        format_key(key, &b);
        sb_puts(&b, ": ");
    }
    uint32_t flags = 0;
    gh_value *slot = js_is_object(obj) ? js_own_slot(js_obj(obj), key, &flags) : NULL;
    if (slot && (flags & PF_ACCESSOR)) { /* node does not call getters */
        bool get = js_is_callable(js_accessor_getter(*slot));
        bool set = js_is_callable(js_accessor_setter(*slot));
        sb_puts(&b, get && set ? "[Getter/Setter]" : get ? "[Getter]" : set ? "[Setter]" : "undefined");
        return inspect_take(&b);
    }
    c->indent += 2;
    gh_value v = js_own_value(obj, key);
    format_value(c, v == JS_HOLE ? JS_UNDEFINED : v, recurse, false, &b);
    c->indent -= 2;
    return inspect_take(&b);
}

static void push_empty(strlist *out, uint64_t n)
{
    js_sbuf b = {0};
    sb_printf(&b, "<%llu empty item%s>", (unsigned long long)n, n > 1 ? "s" : "");
    inspect_list_push(out, inspect_take(&b));
}

/* node's remainingText: the entries past maxArrayLength. */
static void push_more(strlist *out, uint64_t remaining)
{
    js_sbuf b = {0};
    sb_printf(&b, "... %llu more item%s", (unsigned long long)remaining, remaining > 1 ? "s" : "");
    inspect_list_push(out, inspect_take(&b));
}

static void format_array_elements(ictx *c, gh_value arr, int recurse, strlist *out)
{
    js_object *o = js_obj(arr);
    uint64_t len = js_array_length(o);
    uint64_t max = len < (uint64_t)c->max_array ? len : (uint64_t)c->max_array;
    uint64_t index = 0;
    while (index < len && out->n < max) {
        if (js_array_get(o, index) == JS_HOLE) {
            uint64_t j = index;
            while (j < len && js_array_get(o, j) == JS_HOLE)
                j++;
            if (j == len)
                break;
            push_empty(out, j - index);
            index = j;
            if (out->n == max)
                break;
        }
        inspect_list_push(out, format_property(c, arr, js_atom_from_index(index), recurse, true));
        index++;
    }
    uint64_t remaining = len - index;
    if (out->n != max || (len > 0 && out->n == max && index < len && max == len)) {
        if (remaining > 0)
            push_empty(out, remaining);
    } else if (remaining > 0) {
        push_more(out, remaining);
    }
}

static long seen_index(gh_value *list, size_t n, gh_value v)
{
    for (size_t i = 0; i < n; i++)
        if (list[i] == v)
            return (long)i;
    return -1;
}

static void format_buffer(gh_value v, js_sbuf *out)
{
    js_object *o = js_obj(v);
    gh_buffer *b = gh_to_ptr(o->slots[0]);
    int64_t len = gh_to_int(o->slots[1]);
    sb_puts(out, "<Buffer");
    for (int64_t i = 0; i < len && i < 50; i++)
        sb_printf(out, " %02x", b->data[i]);
    if (len > 50)
        sb_printf(out, " ... %lld more byte%s", (long long)(len - 50), len - 50 > 1 ? "s" : "");
    sb_puts(out, len ? ">" : " >"); /* <Buffer > */
}

/* The error's stack, indented to the current level. */
static bool is_class_ctor(gh_value v)
{
    return js_is_class(v, JC_FUNCTION) &&
           (((js_code *)js_cptr_get(js_obj(v)->slots[0]))->flags & CODE_CLASS);
}

/* `[class A]`, `[class B extends A]`, `[class (anonymous)]`: node names the
 * parent by its name, when the class's [[Prototype]] has one. */
static void format_class(gh_value v, js_sbuf *base)
{
    const char *name = js_atom_name(js_function_name_atom(v));
    sb_printf(base, "[class %s", name[0] ? name : "(anonymous)");
    gh_value parent = js_get_proto(v);
    if (js_is_callable(parent)) {
        const char *pname = js_atom_name(js_function_name_atom(parent));
        if (pname[0])
            sb_printf(base, " extends %s", pname);
    }
    sb_puts(base, "]");
}

/* An error's own `cause`: node shows it as `[cause]` (JS_HOLE: none). */
static gh_value error_cause(gh_value v)
{
    uint32_t flags;
    gh_value *slot = js_own_slot(js_obj(v), A_cause, &flags);
    return slot && !(flags & (PF_ENUMERABLE | PF_ACCESSOR)) ? *slot : JS_HOLE;
}

static void format_error(ictx *c, gh_value v, js_sbuf *base)
{
    gh_value stack = js_own_value(v, A_stack);
    const char *s;
    js_sbuf tmp = {0};
    gh_value cause = error_cause(v);
    gh_value cause_stack = js_is_class(cause, JC_ERROR) ? js_own_value(cause, A_stack) : JS_HOLE;
    if (js_is_string(stack) && js_is_string(cause_stack)) {
        js_stack_less_cause(js_str(stack)->data, js_str(stack)->len, js_str(cause_stack)->data,
                            js_str(cause_stack)->len, &tmp);
        s = sb_cstr(&tmp);
    } else if (js_is_string(stack)) {
        s = js_str(stack)->data;
    } else {
        gh_value name = js_get(v, A_name), msg = js_get(v, A_message);
        sb_puts(&tmp, "[");
        sb_puts(&tmp, js_is_string(name) ? js_str(name)->data : "Error");
        if (js_is_string(msg) && js_str(msg)->len)
            sb_printf(&tmp, ": %s", js_str(msg)->data);
        sb_puts(&tmp, "]");
        s = tmp.data;
    }
    for (; *s; s++) {
        sb_putc(base, *s);
        if (*s == '\n')
            for (int i = 0; i < c->indent; i++)
                sb_putc(base, ' ');
    }
    sb_free(&tmp);
}

/* showHidden: a WeakMap's or WeakSet's live entries, in table order (the
 * first maxArrayLength of them). */
static void format_weak_entries(ictx *c, gh_value v, bool map, int recurse, strlist *out)
{
    gh_value table = js_obj(v)->slots[0], key, value;
    uint64_t shown = 0, more = 0;
    for (size_t i = 0; i < js_weak_table_capacity(table); i++) {
        if (!js_weak_table_at(table, i, &key, &value))
            continue;
        if (shown == (uint64_t)c->max_array) {
            more++;
            continue;
        }
        shown++;
        js_sbuf b = {0};
        c->indent += 2;
        format_value(c, key, recurse, false, &b);
        if (map) {
            sb_puts(&b, " => ");
            format_value(c, value, recurse, false, &b);
        }
        c->indent -= 2;
        inspect_list_push(out, inspect_take(&b));
    }
    if (more)
        push_more(out, more);
}

/* A Map's entries as "key => value", a Set's as its values, the first
 * maxArrayLength of them.  Formatting may run code (a toJSON, an
 * inspect), so the walk re-reads the table. */
static void format_map_entries(ictx *c, gh_value v, bool map, int recurse, strlist *out)
{
    gh_value *coll = js_root(v), key, value;
    uint64_t shown = 0, more = 0;
    for (size_t pos = 0; js_map_next(*coll, &pos, &key, &value);) {
        if (shown == (uint64_t)c->max_array) {
            more++;
            continue;
        }
        shown++;
        js_sbuf b = {0};
        gh_value *vh = js_root(value);
        c->indent += 2;
        format_value(c, key, recurse, false, &b);
        if (map) {
            sb_puts(&b, " => ");
            format_value(c, *vh, recurse, false, &b);
        }
        c->indent -= 2;
        inspect_list_push(out, inspect_take(&b));
    }
    if (more)
        push_more(out, more);
}

/* What a Map / Set iterator has left, as node shows it (consuming nothing):
 * the keys or values, or "[ key, value ]" pairs. */
static void format_iterator_entries(ictx *c, gh_value v, int recurse, strlist *out)
{
    gh_value *it = js_root(v), first, second;
    bool pair;
    uint64_t shown = 0, more = 0;
    for (size_t pos = js_map_iterator_position(*it);
         js_map_iterator_peek(*it, &pos, &first, &second, &pair);) {
        if (shown == (uint64_t)c->max_array) {
            more++;
            continue;
        }
        shown++;
        js_sbuf b = {0};
        gh_value *sh = js_root(second);
        c->indent += 2;
        if (pair)
            sb_puts(&b, "[ ");
        format_value(c, first, recurse, false, &b);
        if (pair) {
            sb_puts(&b, ", ");
            format_value(c, *sh, recurse, false, &b);
            sb_puts(&b, " ]");
        }
        c->indent -= 2;
        inspect_list_push(out, inspect_take(&b));
    }
    if (more)
        push_more(out, more);
}

/* A promise's state: <pending>, its value, or <rejected> and its reason. */
static void format_promise_state(ictx *c, gh_value v, int recurse, strlist *out)
{
    gh_value result;
    bool rejected;
    js_sbuf b = {0};
    if (!js_promise_details(v, &result, &rejected)) {
        sb_puts(&b, "<pending>");
    } else {
        if (rejected)
            sb_puts(&b, "<rejected> ");
        c->indent += 2;
        format_value(c, result, recurse, false, &b);
        c->indent -= 2;
    }
    inspect_list_push(out, inspect_take(&b));
}

static void format_raw(ictx *c, gh_value v, int recurse, js_sbuf *out)
{
    js_class k = js_class_of(v);
    char cbuf[256];
    const char *ctor = constructor_name(v, cbuf, sizeof cbuf);
    js_atom_id *keys;
    size_t nkeys = js_own_key_atoms(v, !c->show_hidden, &keys);
    /* arrays, arguments, buffers and strings list their index keys apart */
    bool indexed = k == JC_ARRAY || k == JC_ARGUMENTS || k == JC_BUFFER || k == JC_BOXED;
    size_t nk = 0;
    for (size_t i = 0; i < nkeys; i++)
        if (!(indexed && js_atom_index(keys[i]) >= 0 && k != JC_ARGUMENTS))
            keys[nk++] = keys[i];
    if (k == JC_ERROR) { /* stack and message are not shown as keys */
        size_t m = 0;
        for (size_t i = 0; i < nk; i++)
            if (keys[i] != A_stack && keys[i] != A_message)
                keys[m++] = keys[i];
        nk = m;
    }
    js_sbuf base = {0};
    char brace0[300], brace1[4] = "}";
    bool is_array = false;
    snprintf(brace0, sizeof brace0, "{");
    if (k == JC_ARRAY) {
        is_array = true;
        strcpy(brace1, "]");
        if (ctor && strcmp(ctor, "Array") != 0)
            snprintf(brace0, sizeof brace0, "%s(%llu) [", ctor,
                     (unsigned long long)js_array_length(js_obj(v)));
        else
            snprintf(brace0, sizeof brace0, "[");
        if (js_array_length(js_obj(v)) == 0 && nk == 0) {
            sb_printf(out, "%s]", brace0);
            goto done;
        }
    } else if (is_class_ctor(v)) {
        format_class(v, &base);
        if (nk == 0) {
            sb_puts(out, base.data);
            goto done;
        }
    } else if (k == JC_FUNCTION || k == JC_NATIVE || k == JC_BOUND) {
        const char *name = js_atom_name(js_function_name_atom(v));
        sb_printf(&base, "[%s%s%s]", js_function_tag(v), name[0] ? ": " : " (anonymous)", name);
        if (!ctor)
            sb_puts(&base, " [null prototype]");
        if (nk == 0) {
            sb_puts(out, base.data);
            goto done;
        }
    } else if (k == JC_ERROR) {
        format_error(c, v, &base);
        if (nk == 0 && error_cause(v) == JS_HOLE) {
            sb_puts(out, base.data);
            goto done;
        }
    } else if (k == JC_BUFFER) {
        format_buffer(v, out);
        goto done;
    } else if (k == JC_DATE) {
        extern void js_date_iso(double t, js_sbuf *out);
        js_date_iso(js_num(js_obj(v)->slots[0]), out);
        goto done;
    } else if (k == JC_BOXED) {
        gh_value p = js_obj(v)->slots[0];
        js_sbuf pb = {0};
        format_primitive(c, p, &pb);
        sb_printf(&base, "[%s: %s]", js_is_string(p) ? "String" : js_is_number(p) ? "Number" : "Boolean",
                  pb.data);
        sb_free(&pb);
        if (nk == 0) {
            sb_puts(out, base.data);
            goto done;
        }
    } else if (k == JC_ARGUMENTS) {
        snprintf(brace0, sizeof brace0, "[Arguments] {");
    } else if (k == JC_WEAKMAP || k == JC_WEAKSET || k == JC_PROMISE) {
        /* weak collections: node cannot list them either (without showHidden) */
        const char *type = k == JC_WEAKMAP ? "WeakMap" : k == JC_WEAKSET ? "WeakSet" : "Promise";
        if (ctor && strcmp(ctor, type) != 0) /* a subclass: node adds the type */
            snprintf(brace0, sizeof brace0, "%.200s [%s] {", ctor, type);
        else
            snprintf(brace0, sizeof brace0, "%s {", type);
    } else if (k == JC_GENERATOR) {
        snprintf(brace0, sizeof brace0, "%.200s [Generator] {", ctor ? ctor : "Object");
        if (nk == 0) {
            sb_printf(out, "%s}", brace0);
            goto done;
        }
    } else if (k == JC_MAPITER) {
        snprintf(brace0, sizeof brace0, "%s {", js_map_iterator_tag(v));
        if (js_map_iterator_is_array(v) && nk == 0) { /* node lists nothing: `{}` */
            sb_printf(out, "%s}", brace0);
            goto done;
        }
    } else if (k == JC_MAP || k == JC_SET) {
        size_t n = js_map_size(v);
        const char *type = k == JC_MAP ? "Map" : "Set";
        if (ctor && strcmp(ctor, type) != 0)
            snprintf(brace0, sizeof brace0, "%.200s(%zu) [%s] {", ctor, n, type);
        else
            snprintf(brace0, sizeof brace0, "%s(%zu) {", type, n);
        if (n == 0 && nk == 0) {
            sb_printf(out, "%s}", brace0);
            goto done;
        }
    } else {
        if (!ctor)
            snprintf(brace0, sizeof brace0, "[Object: null prototype] {");
        else if (strcmp(ctor, "Object") != 0)
            snprintf(brace0, sizeof brace0, "%s {", ctor);
        if (nk == 0) {
            sb_printf(out, "%s}", brace0);
            goto done;
        }
    }
    /* beyond the depth asked for (or, with depth: Infinity, beyond what the
     * C stack should hold) the object is only named */
    if (recurse > c->depth || recurse > 2000 || js_c_stack_low()) {
        if (k == JC_ARRAY)
            sb_puts(out, "[Array]");
        else
            sb_printf(out, "[%s]", ctor ? ctor : "Object: null prototype");
        goto done;
    }
    recurse++;
    if (c->nseen == c->capseen) {
        c->capseen = c->capseen ? c->capseen * 2 : 16;
        c->seen = realloc(c->seen, c->capseen * sizeof *c->seen);
    }
    c->seen[c->nseen++] = v;
    c->current_depth = recurse;
    strlist output = {0};
    if (is_array)
        format_array_elements(c, v, recurse, &output);
    if ((k == JC_WEAKMAP || k == JC_WEAKSET) && !c->show_hidden)
        inspect_list_push(&output, strdup("<items unknown>"));
    else if (k == JC_WEAKMAP || k == JC_WEAKSET)
        format_weak_entries(c, v, k == JC_WEAKMAP, recurse, &output);
    else if (k == JC_MAP || k == JC_SET)
        format_map_entries(c, v, k == JC_MAP, recurse, &output);
    else if (k == JC_MAPITER)
        format_iterator_entries(c, v, recurse, &output);
    else if (k == JC_PROMISE)
        format_promise_state(c, v, recurse, &output);
    for (size_t i = 0; i < nk; i++)
        inspect_list_push(&output, format_property(c, v, keys[i], recurse, false));
    if (k == JC_ERROR && error_cause(v) != JS_HOLE) {
        js_sbuf cb = {0};
        sb_puts(&cb, "[cause]: ");
        c->indent += 2;
        format_value(c, error_cause(v), recurse, false, &cb);
        c->indent -= 2;
        inspect_list_push(&output, inspect_take(&cb));
    }
    if (is_array && c->show_hidden) {
        js_sbuf lb = {0};
        sb_printf(&lb, "[length]: %llu", (unsigned long long)js_array_length(js_obj(v)));
        inspect_list_push(&output, inspect_take(&lb));
    }
    c->nseen--;
    long ci = seen_index(c->circular, c->ncirc, v);
    if (ci >= 0) {
        js_sbuf nb = {0};
        sb_printf(&nb, "<ref *%ld>", ci + 1);
        if (base.len)
            sb_printf(&nb, " %s", base.data);
        sb_free(&base);
        base = nb;
    }
    inspect_reduce_to_single_string(c, &output, sb_cstr(&base), brace0, brace1, is_array, recurse, v, out);
    inspect_list_free(&output);
done:
    free(keys);
    sb_free(&base);
}

static void format_value(ictx *c, gh_value v, int recurse, bool top, js_sbuf *out)
{
    (void)top;
    if (format_primitive(c, v, out))
        return;
    if (!js_is_object(v)) {
        sb_puts(out, "[unknown]");
        return;
    }
    if (seen_index(c->seen, c->nseen, v) >= 0) {
        long i = seen_index(c->circular, c->ncirc, v);
        if (i < 0) {
            if (c->ncirc == c->capcirc) {
                c->capcirc = c->capcirc ? c->capcirc * 2 : 4;
                c->circular = realloc(c->circular, c->capcirc * sizeof *c->circular);
            }
            c->circular[c->ncirc++] = v;
            i = (long)c->ncirc - 1;
        }
        sb_printf(out, "[Circular *%ld]", i + 1);
        return;
    }
    format_raw(c, v, recurse, out);
}

void js_inspect(gh_value v, const js_inspect_opts *o, js_sbuf *out)
{
    js_inspect_opts d = JS_INSPECT_OPTS(2, false);
    if (!o)
        o = &d;
    ictx c = {0};
    c.depth = o->depth;
    c.show_hidden = o->show_hidden;
    c.break_length = o->break_length;
    c.max_array = o->max_array_length < 0 ? 0 : o->max_array_length;
    format_value(&c, v, 0, true, out);
    free(c.seen);
    free(c.circular);
}

void js_inspect_error_for_uncaught(gh_value exc, js_sbuf *out);
void js_inspect_error_for_uncaught(gh_value exc, js_sbuf *out)
{
    js_inspect_opts o = JS_INSPECT_OPTS(2, false);
    js_inspect(exc, &o, out);
    if (!js_is_object(exc))
        sb_puts(out, "\n(Use `node --trace-uncaught ...` to show where the exception was thrown)");
}
