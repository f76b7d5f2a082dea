/* buffer.c - Node's Buffer on genheap external memory: a JC_BUFFER object
 * holds a gh_buffer (a small heap object owning zeroed off-heap bytes that
 * its finalizer frees), so the bytes count as `external`/`arrayBuffers`
 * and grow rss, not the heap. */
#include <ctype.h>
#include <strings.h>
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
        js_throw_arg_type("The \"size\" argument must be of type number", v);
        return false;
    }
    double d = js_num(v);
    if (d < 0 || d > 4294967296.0 || d != d) {
        js_throw_out_of_range("size", ">= 0 && <= 4294967296", d);
        return false;
    }
    *out = (size_t)d;
    return true;
}

/* The encodings Node knows, by their lower-case names. */
typedef enum { ENC_UTF8, ENC_HEX, ENC_LATIN1, ENC_ASCII, ENC_BASE64, ENC_BASE64URL, ENC_UTF16LE, ENC_BAD } encoding;

/* The encoding argument v (undefined: UTF-8); ENC_BAD with the TypeError
 * thrown. */
static encoding get_encoding(gh_value v)
{
    if (v == JS_UNDEFINED)
        return ENC_UTF8;
    js_sbuf e = {0};
    if (!js_to_cstring(v, &e))
        return ENC_BAD;
    static const struct { const char *name; encoding enc; } names[] = {
        {"utf8", ENC_UTF8}, {"utf-8", ENC_UTF8}, {"hex", ENC_HEX}, {"latin1", ENC_LATIN1},
        {"binary", ENC_LATIN1}, {"ascii", ENC_ASCII}, {"base64", ENC_BASE64}, {"base64url", ENC_BASE64URL},
        {"utf16le", ENC_UTF16LE}, {"utf-16le", ENC_UTF16LE}, {"ucs2", ENC_UTF16LE}, {"ucs-2", ENC_UTF16LE}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (e.len && strcasecmp(e.data, names[i].name) == 0) {
            sb_free(&e);
            return names[i].enc;
        }
    js_throw_error(JE_TYPE, "Unknown encoding: %s", sb_cstr(&e));
    sb_free(&e);
    gh_value *x = js_root(R.exception);
    js_put_str(x, "code", "ERR_UNKNOWN_ENCODING");
    R.exception = *x;
    return ENC_BAD;
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Node's base64 decoder: both alphabets, stops at '=', skips the rest. */
static void base64_decode(const char *s, size_t n, js_sbuf *out)
{
    uint32_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n && s[i] != '='; i++) {
        char c = s[i];
        const char *p = c == '-' ? b64 + 62 : c == '_' ? b64 + 63 : c ? strchr(b64, c) : NULL;
        if (!p)
            continue;
        acc = acc << 6 | (uint32_t)(p - b64);
        if ((bits += 6) >= 8) {
            bits -= 8;
            sb_putc(out, (char)(acc >> bits & 255));
        }
    }
}

/* The bytes of str in encoding e (Buffer.from's, and fill's pattern). */
static void encode_string(const js_string *str, encoding e, js_sbuf *d)
{
    if (e == ENC_HEX) { /* pairs of hex digits, up to the first bad one */
        for (uint32_t i = 0; i + 1 < str->len; i += 2) {
            char h[3] = {str->data[i], str->data[i + 1], 0};
            if (!isxdigit((unsigned char)h[0]) || !isxdigit((unsigned char)h[1]))
                break;
            sb_putc(d, (char)strtol(h, NULL, 16));
        }
    } else if (e == ENC_BASE64 || e == ENC_BASE64URL) {
        base64_decode(str->data, str->len, d);
    } else if (e == ENC_LATIN1 || e == ENC_ASCII || e == ENC_UTF16LE) { /* by UTF-16 units */
        uint32_t n;
        uint16_t *u = js_str_units(str, &n);
        for (uint32_t i = 0; i < n; i++) {
            sb_putc(d, (char)(u[i] & 255));
            if (e == ENC_UTF16LE)
                sb_putc(d, (char)(u[i] >> 8));
        }
        free(u);
    } else { /* UTF-8: lone surrogates become U+FFFD */
        for (uint32_t i = 0; i < str->len; i++) {
            if ((unsigned char)str->data[i] == 0xED && i + 2 < str->len && (unsigned char)str->data[i + 1] >= 0xA0) {
                sb_puts(d, "\xEF\xBF\xBD");
                i += 2;
            } else {
                sb_putc(d, str->data[i]);
            }
        }
    }
}

static gh_value from_string(gh_value s, gh_value enc)
{
    gh_value *sh = js_root(s);
    encoding e = get_encoding(enc);
    if (e == ENC_BAD)
        return JS_EXCEPTION;
    js_sbuf d = {0};
    encode_string(js_str(*sh), e, &d);
    gh_value b = buffer_new(d.len);
    if (b != JS_EXCEPTION && d.len)
        memcpy(bytes(b), d.data, d.len);
    sb_free(&d);
    return b;
}

static gh_value from_array(gh_value *a)
{
    gh_value lv = js_get(*a, A_length);
    if (lv == JS_EXCEPTION)
        return JS_EXCEPTION;
    /* as Node: a length that is not a number (not converted) makes an empty buffer */
    size_t n = js_is_number(lv) ? (size_t)js_to_length(js_num(lv)) : 0;
    if (n > 4294967296u) /* Node's kMaxLength: larger ones are not even tried */
        return js_throw_error(JE_RANGE, "Invalid typed array length: %llu", (unsigned long long)n);
    gh_value *b = js_root(buffer_new(n));
    if (*b == JS_EXCEPTION)
        return JS_EXCEPTION;
    for (size_t i = 0; i < n; i++) {
        gh_value v = js_get_index(*a, (int64_t)i);
        if (v == JS_EXCEPTION)
            return JS_EXCEPTION;
        double d = js_to_number(v);
        if (R.has_exception)
            return JS_EXCEPTION;
        bytes(*b)[i] = (uint8_t)js_to_int32(d);
    }
    return *b;
}

/* Node's ERR_INVALID_ARG_TYPE for what Buffer.from cannot take. */
static gh_value not_bufferable(gh_value v)
{
    return js_throw_arg_type("The first argument must be of type string or an instance of Buffer, "
                             "ArrayBuffer, or Array or an Array-like Object",
                             v);
}

/* Buffer.from(object), as Node's: a valueOf that gives a string or another
 * object is followed (depth bounds a chain of ever-new objects, which
 * node ends with a stack overflow); then anything with a length is
 * array-like, and {type: 'Buffer', data: [...]} (Buffer's toJSON) is its
 * data; anything else is refused. */
static gh_value from_object(gh_value *v, gh_value enc, int depth)
{
    if (depth > 64)
        return js_throw_error(JE_RANGE, "Maximum call stack size exceeded");
    gh_value *vo = js_root(js_get(*v, A_valueOf));
    if (*vo == JS_EXCEPTION)
        return JS_EXCEPTION;
    if (js_is_callable(*vo)) {
        gh_value *p = js_root(js_call(*vo, *v, 0, NULL));
        if (*p == JS_EXCEPTION)
            return JS_EXCEPTION;
        if (js_is_string(*p))
            return from_string(*p, enc);
        if (js_is_object(*p) && *p != *v)
            return js_is_callable(*p) ? not_bufferable(*p) : from_object(p, enc, depth + 1);
    }
    gh_value lv = js_get(*v, A_length);
    if (lv == JS_EXCEPTION)
        return JS_EXCEPTION;
    if (lv != JS_UNDEFINED)
        return from_array(v);
    gh_value type = js_get(*v, A_type);
    if (type == JS_EXCEPTION)
        return JS_EXCEPTION;
    if (js_is_string(type) && strcmp(js_str(type)->data, "Buffer") == 0) {
        gh_value *data = js_root(js_get(*v, js_atom_cstr("data")));
        if (*data == JS_EXCEPTION)
            return JS_EXCEPTION;
        if (js_is_array(*data))
            return from_array(data);
    }
    return not_bufferable(*v);
}

NATIVE(buffer_ctor)
{
    UNUSED_ARGS;
    if (!R.buffer_warned) {
        R.buffer_warned = true;
        js_warn_deprecated("DEP0005", "Buffer() is deprecated due to security and usability "
                                      "issues. Please use the Buffer.alloc(), Buffer.allocUnsafe(), "
                                      "or Buffer.from() methods instead.");
    }
    if (js_is_string(ARG(0)))
        return from_string(argv[0], ARG(1));
    if (js_is_object(ARG(0)))
        return js_is_callable(argv[0]) ? not_bufferable(argv[0]) : from_object(&argv[0], ARG(1), 0);
    size_t n;
    if (!size_arg(ARG(0), &n))
        return JS_EXCEPTION;
    return buffer_new(n);
}

/* Node's ERR_INVALID_ARG_VALUE: a fill value that encodes to no bytes. */
static bool invalid_fill_value(gh_value v)
{
    js_sbuf s = {0};
    js_inspect_opts o = JS_INSPECT_OPTS(2, false);
    js_inspect(v, &o, &s);
    js_throw_coded(JE_TYPE, "ERR_INVALID_ARG_VALUE", "The argument 'value' is invalid. Received %s",
                   sb_cstr(&s));
    sb_free(&s);
    return false;
}

/* Fill [from, to) of the buffer *b with *value: a string's bytes in
 * encoding e ('' fills with zeros), a buffer's bytes, or anything else's
 * ToNumber, modulo 256.  May run valueOf, hence the handles. */
static bool fill_bytes(gh_value *b, size_t from, size_t to, gh_value *value, encoding e)
{
    js_sbuf pattern = {0};
    if (js_is_string(*value) && js_str(*value)->len)
        encode_string(js_str(*value), e, &pattern);
    else if (js_is_class(*value, JC_BUFFER))
        sb_put(&pattern, (const char *)bytes(*value), blen(*value));
    else {
        double d = js_is_string(*value) ? 0 : js_to_number(*value);
        if (R.has_exception)
            return false;
        memset(bytes(*b) + from, js_to_int32(d) & 255, to - from);
        return true;
    }
    if (pattern.len == 0) {
        sb_free(&pattern);
        return invalid_fill_value(*value);
    }
    uint8_t *d = bytes(*b);
    for (size_t i = from; i < to; i++)
        d[i] = (uint8_t)pattern.data[(i - from) % pattern.len];
    sb_free(&pattern);
    return true;
}

/* Node's validateOffset: an integer number in [0, max]. */
static bool offset_arg(gh_value v, const char *name, double max, size_t *out)
{
    if (!js_is_number(v)) {
        char expected[64];
        snprintf(expected, sizeof expected, "The \"%s\" argument must be of type number", name);
        js_throw_arg_type(expected, v);
        return false;
    }
    double d = js_num(v);
    if (d != trunc(d) || !isfinite(d)) {
        js_throw_out_of_range(name, "an integer", d);
        return false;
    }
    if (d < 0 || d > max) {
        char range[64];
        snprintf(range, sizeof range, ">= 0 && <= %.0f", max);
        js_throw_out_of_range(name, range, d);
        return false;
    }
    *out = (size_t)d;
    return true;
}

/* buf.fill(value[, offset[, end]][, encoding]), as Node's _fill: a
 * string value may take the encoding in place of offset or end; an offset
 * at or past the end fills nothing. */
static gh_value fill(gh_value *b, gh_value *value, gh_value offset, gh_value end, gh_value enc)
{
    if (js_is_string(*value)) {
        if (offset == JS_UNDEFINED || js_is_string(offset))
            enc = offset, offset = end = JS_UNDEFINED;
        else if (js_is_string(end))
            enc = end, end = JS_UNDEFINED;
    } else {
        enc = JS_UNDEFINED;
    }
    encoding e = get_encoding(enc);
    if (e == ENC_BAD)
        return JS_EXCEPTION;
    size_t from = 0, to = blen(*b);
    if (offset != JS_UNDEFINED) {
        if (!offset_arg(offset, "offset", 4294967296.0, &from) ||
            (end != JS_UNDEFINED && !offset_arg(end, "end", (double)blen(*b), &to)))
            return JS_EXCEPTION;
        if (from >= to)
            return *b;
    }
    return fill_bytes(b, from, to, value, e) ? *b : JS_EXCEPTION;
}

NATIVE(buffer_alloc)
{
    UNUSED_ARGS;
    size_t n;
    if (!size_arg(ARG(0), &n))
        return JS_EXCEPTION;
    gh_value *b = js_root(buffer_new(n));
    /* Node fills with _fill(buf, fill, 0, length, encoding) */
    if (*b == JS_EXCEPTION || ARG(1) == JS_UNDEFINED || n == 0)
        return *b;
    return fill(b, js_root(argv[1]), gh_from_int(0), gh_from_int((int64_t)n), ARG(2));
}

/* Buffer.allocUnsafe(size): node takes no fill argument */
NATIVE(buffer_alloc_unsafe)
{
    UNUSED_ARGS;
    size_t n;
    return size_arg(ARG(0), &n) ? buffer_new(n) : JS_EXCEPTION;
}

NATIVE(buffer_from)
{
    UNUSED_ARGS;
    if (js_is_string(ARG(0)))
        return from_string(argv[0], ARG(1));
    if (js_is_object(ARG(0)) && !js_is_callable(argv[0]))
        return from_object(&argv[0], ARG(1), 0);
    return not_bufferable(ARG(0));
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


/* Bytes as UTF-8 the WHATWG way (as Node decodes): a bad sequence's
 * longest valid prefix becomes one U+FFFD, surrogates and overlong forms
 * are bad. */
static void utf8_decode(const uint8_t *d, size_t n, js_sbuf *b)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = d[i];
        int need = c < 0x80 ? 0 : c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xF0 && c <= 0xF4 ? 3 : -1;
        unsigned lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80, hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
        size_t j = i + 1;
        int k = 0;
        for (; k < need && j < n && d[j] >= lo && d[j] <= hi; k++, j++)
            lo = 0x80, hi = 0xBF;
        if (k == need && need >= 0)
            sb_put(b, (const char *)d + i, j - i);
        else
            sb_puts(b, "\xEF\xBF\xBD");
        i = j;
    }
}

/* Node's own error for a string past V8's limit (not the RangeError of
 * joining strings). */
static gh_value string_too_long(void)
{
    return js_throw_coded(JE_ERROR, "ERR_STRING_TOO_LONG",
                          "Cannot create a string longer than 0x%x characters", JS_MAX_STRING_LENGTH);
}

NATIVE(buffer_to_string)
{
    if (!js_is_class(*this_, JC_BUFFER))
        return js_throw_error(JE_TYPE, "argument must be a buffer");
    encoding e = get_encoding(ARG(0));
    if (e == ENC_BAD)
        return JS_EXCEPTION;
    double len = (double)blen(*this_);
    double from = ARG(1) == JS_UNDEFINED ? 0 : js_to_integer(js_to_number(argv[1]));
    if (R.has_exception)
        return JS_EXCEPTION;
    double to = ARG(2) == JS_UNDEFINED ? len : js_to_integer(js_to_number(argv[2]));
    if (R.has_exception)
        return JS_EXCEPTION;
    from = from < 0 ? 0 : from > len ? len : from;
    to = to > len ? len : to < from ? from : to;
    size_t n = (size_t)(to - from);
    /* hex and base64 know their length before they are made */
    size_t chars = e == ENC_HEX ? 2 * n : e == ENC_BASE64 || e == ENC_BASE64URL ? (n + 2) / 3 * 4 : 0;
    if (chars > JS_MAX_STRING_LENGTH)
        return string_too_long();
    js_sbuf b = {0};
    const uint8_t *d = bytes(*this_) + (size_t)from;
    if (e == ENC_HEX) {
        for (size_t i = 0; i < n; i++) {
            sb_putc(&b, hexd[d[i] >> 4]);
            sb_putc(&b, hexd[d[i] & 15]);
        }
    } else if (e == ENC_LATIN1 || e == ENC_ASCII || e == ENC_UTF16LE) {
        uint16_t *u = malloc((n + 1) * sizeof *u);
        if (!u)
            abort();
        uint32_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (e != ENC_UTF16LE)
                u[m++] = e == ENC_ASCII ? d[i] & 0x7F : d[i];
            else if (i + 1 < n)
                u[m++] = (uint16_t)(d[i] | d[i + 1] << 8), i++;
        gh_value r = m > JS_MAX_STRING_LENGTH ? string_too_long() : js_string_from_units(u, m);
        free(u);
        return r;
    } else if (e == ENC_BASE64 || e == ENC_BASE64URL) {
        const char *alpha = e == ENC_BASE64 ? b64 : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (size_t i = 0; i < n; i += 3) {
            uint32_t v = (uint32_t)d[i] << 16 | (i + 1 < n ? (uint32_t)d[i + 1] << 8 : 0) | (i + 2 < n ? d[i + 2] : 0);
            for (size_t k = 0; k < 4; k++)
                if (k <= n - i)
                    sb_putc(&b, alpha[v >> (18 - 6 * k) & 63]);
                else if (e == ENC_BASE64)
                    sb_putc(&b, '=');
        }
    } else {
        utf8_decode(d, n, &b);
    }
    if (b.len > JS_MAX_STRING_LENGTH) {
        sb_free(&b);
        return string_too_long();
    }
    gh_value r = js_string_new(sb_cstr(&b), b.len);
    sb_free(&b);
    return r;
}

/* JSON.stringify's view of a Buffer: { type: 'Buffer', data: [bytes] } */
NATIVE(buffer_to_json)
{
    UNUSED_ARGS;
    if (!js_is_class(*this_, JC_BUFFER))
        return js_throw_error(JE_TYPE, "argument must be a buffer");
    gh_value *data = js_root(js_array_new(0, blen(*this_))), *o = js_root(js_object_new()), *v = js_root(0);
    for (size_t i = 0; i < blen(*this_); i++) {
        *v = gh_from_int(bytes(*this_)[i]);
        js_array_push(data, v);
    }
    js_put_str(o, "type", "Buffer");
    js_define(o, js_atom_cstr("data"), data, PF_DEFAULT);
    return *o;
}

NATIVE(buffer_fill)
{
    if (!js_is_class(*this_, JC_BUFFER))
        return js_throw_error(JE_TYPE, "argument must be a buffer");
    return fill(this_, js_root(ARG(0)), ARG(1), ARG(2), ARG(3));
}

/* ---- for fs.c ---- */

gh_value js_buffer_from_bytes(const void *data, size_t n)
{
    gh_value b = buffer_new(n);
    if (b != JS_EXCEPTION && n)
        memcpy(bytes(b), data, n);
    return b;
}

gh_value js_buffer_from_string(gh_value s, gh_value enc) { return from_string(s, enc); }

bool js_buffer_view(gh_value v, const uint8_t **data, size_t *n)
{
    if (!js_is_class(v, JC_BUFFER))
        return false;
    *data = bytes(v);
    *n = blen(v);
    return true;
}

bool js_encoding_known(const char *name)
{
    gh_value *s = js_root(js_string_cstr(name));
    encoding e = get_encoding(*s);
    if (e == ENC_BAD)
        R.has_exception = false;
    return e != ENC_BAD;
}

void js_builtins_buffer_init(void)
{
    JS_SCOPE_OPEN(sc);
    gh_value *proto = js_root(js_object_new());
    R.buffer_proto = *proto;
    gh_value *ctor = js_root(js_make_ctor("Buffer", buffer_ctor, 2, proto));
    js_make_native(ctor, "alloc", buffer_alloc, 2);
    js_make_native(ctor, "allocUnsafe", buffer_alloc_unsafe, 1);
    js_make_native(ctor, "allocUnsafeSlow", buffer_alloc_unsafe, 1);
    js_make_native(ctor, "from", buffer_from, 2);
    js_make_native(ctor, "isBuffer", buffer_is_buffer, 1);
    js_make_native(ctor, "byteLength", buffer_byte_length, 1);
    js_make_native(proto, "toString", buffer_to_string, 1);
    js_make_native(proto, "fill", buffer_fill, 1);
    js_make_native(proto, "toJSON", buffer_to_json, 0);
    R.buffer_proto = *proto;
    JS_SCOPE_CLOSE(sc);
}
