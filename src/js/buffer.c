/* buffer.c - Node's Buffer on genheap external memory: a JC_BUFFER object
 * holds a gh_buffer (a small heap object owning zeroed off-heap bytes that
 * its finalizer frees), so the bytes count as `external`/`arrayBuffers`
 * and grow rss, not the heap. */
#include <unistd.h>

#include "builtins.h"

static gh_value buffer_new(size_t len)
{
    gh_buffer *gb = gh_buffer_new(R.heap, len ? len : 1);
    if (!gb)
        return js_throw_error(JE_RANGE, "Array buffer allocation failed");
    JS_SCOPE_OPEN(sc);
    gh_value *bh = js_root(gh_from_ptr(gb));
    gh_value o = js_object_new_shape(js_shape_root(R.buffer_proto, JC_BUFFER, 0));
    gh_set_value(js_obj(o), &js_obj(o)->slots[0], *bh);
    js_obj(o)->slots[1] = gh_from_int((int64_t)len);
    JS_SCOPE_CLOSE(sc);
    return o;
}

static uint8_t *bytes(gh_value b) { return ((gh_buffer *)gh_to_ptr(js_obj(b)->slots[0]))->data; }
static size_t blen(gh_value b) { return (size_t)gh_to_int(js_obj(b)->slots[1]); }

static bool size_arg(gh_value v, size_t *out)
{
    if (!js_is_number(v)) {
        js_throw_error(JE_TYPE, "The \"size\" argument must be of type number.");
        return false;
    }
    double d = js_num(v);
    if (d < 0 || d > 4294967296.0 || d != d) {
        js_throw_error(JE_RANGE, "The value of \"size\" is out of range.");
        return false;
    }
    *out = (size_t)d;
    return true;
}

static gh_value from_string(gh_value s)
{
    gh_value *sh = js_root(s);
    gh_value b = buffer_new(js_str(*sh)->len);
    if (b != JS_EXCEPTION)
        memcpy(bytes(b), js_str(*sh)->data, js_str(*sh)->len);
    return b;
}

static gh_value from_array(gh_value *a)
{
    gh_value lv = js_get(*a, A_length);
    size_t n = (size_t)js_to_length(js_to_number(lv)); /* buffer_new refuses too many */
    gh_value *b = js_root(buffer_new(n));
    if (*b == JS_EXCEPTION)
        return JS_EXCEPTION;
    for (size_t i = 0; i < n; i++) {
        gh_value v = js_get_index(*a, (int64_t)i);
        bytes(*b)[i] = (uint8_t)js_to_int32(js_to_number(v));
    }
    return *b;
}

NATIVE(buffer_ctor)
{
    UNUSED_ARGS;
    if (!R.buffer_warned) {
        R.buffer_warned = true;
        fflush(stdout);
        fprintf(stderr,
                "(node:%d) [DEP0005] DeprecationWarning: Buffer() is deprecated due to security and "
                "usability issues. Please use the Buffer.alloc(), Buffer.allocUnsafe(), or "
                "Buffer.from() methods instead.\n(Use `node --trace-deprecation ...` to show where "
                "the warning was created)\n",
                (int)getpid());
    }
    if (js_is_string(ARG(0)))
        return from_string(argv[0]);
    if (js_is_object(ARG(0)))
        return from_array(&argv[0]);
    size_t n;
    if (!size_arg(ARG(0), &n))
        return JS_EXCEPTION;
    return buffer_new(n);
}

NATIVE(buffer_alloc)
{
    UNUSED_ARGS;
    size_t n;
    if (!size_arg(ARG(0), &n))
        return JS_EXCEPTION;
    gh_value b = buffer_new(n);
    if (b != JS_EXCEPTION && js_is_number(ARG(1)))
        memset(bytes(b), js_to_int32(js_num(argv[1])) & 255, n);
    return b;
}

NATIVE(buffer_from)
{
    UNUSED_ARGS;
    if (js_is_string(ARG(0)))
        return from_string(argv[0]);
    if (js_is_object(ARG(0)))
        return from_array(&argv[0]);
    return js_throw_error(JE_TYPE, "The first argument must be of type string or an instance of "
                                   "Buffer, ArrayBuffer, or Array or an Array-like Object.");
}

NATIVE(buffer_is_buffer)
{
    UNUSED_ARGS;
    return js_bool(js_is_class(ARG(0), JC_BUFFER));
}

NATIVE(buffer_byte_length)
{
    UNUSED_ARGS;
    if (js_is_string(ARG(0)))
        return gh_from_int(js_str(argv[0])->len);
    if (js_is_class(ARG(0), JC_BUFFER))
        return gh_from_int((int64_t)blen(argv[0]));
    return js_throw_error(JE_TYPE, "The \"string\" argument must be of type string");
}

static const char hexd[] = "0123456789abcdef";

NATIVE(buffer_to_string)
{
    if (!js_is_class(*this_, JC_BUFFER))
        return js_throw_error(JE_TYPE, "argument must be a buffer");
    js_sbuf enc = {0};
    if (argc && argv[0] != JS_UNDEFINED && !js_to_cstring(argv[0], &enc))
        return JS_EXCEPTION;
    size_t n = blen(*this_);
    js_sbuf b = {0};
    const uint8_t *d = bytes(*this_);
    if (enc.len && strcmp(enc.data, "hex") == 0) {
        for (size_t i = 0; i < n; i++) {
            sb_putc(&b, hexd[d[i] >> 4]);
            sb_putc(&b, hexd[d[i] & 15]);
        }
    } else if (enc.len && (strcmp(enc.data, "latin1") == 0 || strcmp(enc.data, "binary") == 0)) {
        for (size_t i = 0; i < n; i++) {
            if (d[i] < 0x80) {
                sb_putc(&b, (char)d[i]);
            } else {
                sb_putc(&b, (char)(0xC0 | d[i] >> 6));
                sb_putc(&b, (char)(0x80 | (d[i] & 63)));
            }
        }
    } else { /* UTF-8, each invalid sequence replaced by U+FFFD */
        for (size_t i = 0; i < n;) {
            unsigned char c = d[i];
            size_t k = c < 0x80 ? 1 : (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3
                       : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
            bool ok = k && i + k <= n;
            for (size_t j = 1; ok && j < k; j++)
                ok = (d[i + j] & 0xC0) == 0x80;
            if (ok) {
                sb_put(&b, (const char *)d + i, k);
                i += k;
            } else {
                sb_puts(&b, "\xEF\xBF\xBD");
                i++;
            }
        }
    }
    sb_free(&enc);
    gh_value r = js_string_new(sb_cstr(&b), b.len);
    sb_free(&b);
    return r;
}

NATIVE(buffer_fill)
{
    UNUSED_ARGS;
    if (!js_is_class(*this_, JC_BUFFER))
        return js_throw_error(JE_TYPE, "argument must be a buffer");
    int v = js_to_int32(js_to_number(ARG(0)));
    memset(bytes(*this_), v & 255, blen(*this_));
    return *this_;
}

void js_builtins_buffer_init(void)
{
    JS_SCOPE_OPEN(sc);
    gh_value *proto = js_root(js_object_new());
    R.buffer_proto = *proto;
    gh_value *ctor = js_root(js_make_ctor("Buffer", buffer_ctor, 2, proto));
    js_make_native(ctor, "alloc", buffer_alloc, 2);
    js_make_native(ctor, "allocUnsafe", buffer_alloc, 1);
    js_make_native(ctor, "allocUnsafeSlow", buffer_alloc, 1);
    js_make_native(ctor, "from", buffer_from, 2);
    js_make_native(ctor, "isBuffer", buffer_is_buffer, 1);
    js_make_native(ctor, "byteLength", buffer_byte_length, 1);
    js_make_native(proto, "toString", buffer_to_string, 1);
    js_make_native(proto, "fill", buffer_fill, 1);
    R.buffer_proto = *proto;
    JS_SCOPE_CLOSE(sc);
}
