/* builtins_uri.c - encodeURIComponent, encodeURI, decodeURIComponent and
 * decodeURI: a string's UTF-8 bytes as %XX escapes and back, with V8's
 * URIError "URI malformed" for a lone surrogate to encode or escapes that
 * are not UTF-8 to decode.  (ghjs strings are UTF-8 inside, lone
 * surrogates as their 3-byte WTF-8 form.) */
#include "builtins.h"

/* Characters encodeURIComponent leaves as they are; encodeURI also keeps
 * these reserved ones, and decodeURI does not decode them. */
static const char unreserved[] = "-_.!~*'()";
static const char reserved[] = ";/?:@&=+$,#";

static bool is_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static gh_value uri_malformed(js_sbuf *b)
{
    sb_free(b);
    return js_throw_error(JE_URI, "URI malformed");
}

/* ToString(v)'s bytes (valid until the next allocation); false on a throw. */
static bool string_bytes(gh_value v, const unsigned char **p, size_t *n)
{
    gh_value s = js_to_string(v);
    if (s == JS_EXCEPTION)
        return false;
    *p = (const unsigned char *)js_str(s)->data;
    *n = js_str(s)->len;
    return true;
}

static gh_value encode(gh_value v, bool component)
{
    const unsigned char *p;
    size_t n;
    if (!string_bytes(v, &p, &n))
        return JS_EXCEPTION;
    js_sbuf b = {0};
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = p[i];
        if (c < 0x80 && (is_alnum(c) || strchr(unreserved, c) || (!component && strchr(reserved, c)))) {
            sb_putc(&b, (char)c);
            continue;
        }
        /* a lone surrogate (ED A0-BF xx) cannot be UTF-8 */
        if (c == 0xED && i + 1 < n && p[i + 1] >= 0xA0)
            return uri_malformed(&b);
        sb_putc(&b, '%');
        sb_putc(&b, hex[c >> 4]);
        sb_putc(&b, hex[c & 15]);
    }
    gh_value r = js_string_new(b.data ? b.data : "", b.len);
    sb_free(&b);
    return r;
}

static int hex_value(unsigned char c)
{
    return c >= '0' && c <= '9' ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* The byte of the escape %XX at s[i] (-1 if it is none). */
static int escape_at(const unsigned char *s, size_t n, size_t i)
{
    if (i + 2 >= n)
        return -1;
    if (s[i] != '%' || hex_value(s[i + 1]) < 0 || hex_value(s[i + 2]) < 0)
        return -1;
    return hex_value(s[i + 1]) << 4 | hex_value(s[i + 2]);
}

/* The length (2-4) of the UTF-8 sequence lead byte b0 starts, or 0 if it
 * starts none. */
static int sequence_length(int b0)
{
    return b0 >= 0xC2 && b0 <= 0xDF ? 2 : b0 >= 0xE0 && b0 <= 0xEF ? 3 : b0 >= 0xF0 && b0 <= 0xF4 ? 4 : 0;
}

static gh_value decode(gh_value v, bool component)
{
    const unsigned char *p;
    size_t n;
    if (!string_bytes(v, &p, &n))
        return JS_EXCEPTION;
    js_sbuf b = {0};
    for (size_t i = 0; i < n;) {
        if (p[i] != '%') {
            sb_putc(&b, (char)p[i++]);
            continue;
        }
        int b0 = escape_at(p, n, i);
        if (b0 < 0)
            return uri_malformed(&b);
        if (b0 < 0x80) {
            if (!component && strchr(reserved, b0))
                sb_put(&b, (const char *)p + i, 3); /* decodeURI keeps these escaped */
            else
                sb_putc(&b, (char)b0);
            i += 3;
            continue;
        }
        int len = sequence_length(b0);
        if (!len)
            return uri_malformed(&b);
        unsigned char seq[4] = {(unsigned char)b0};
        uint32_t cp = (uint32_t)b0 & (0xFF >> (len + 1));
        for (int k = 1; k < len; k++) {
            int bk = escape_at(p, n, i + 3 * (size_t)k);
            if (bk < 0 || (bk & 0xC0) != 0x80)
                return uri_malformed(&b);
            seq[k] = (unsigned char)bk;
            cp = cp << 6 | ((uint32_t)bk & 0x3F);
        }
        /* overlong forms, surrogates and code points past U+10FFFF */
        uint32_t min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
        if (cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            return uri_malformed(&b);
        sb_put(&b, (const char *)seq, (size_t)len);
        i += 3 * (size_t)len;
    }
    gh_value r = js_string_new(b.data ? b.data : "", b.len);
    sb_free(&b);
    return r;
}

NATIVE(g_encode_uri_component) { (void)this_; return encode(js_arg(argc, argv, 0), true); }
NATIVE(g_encode_uri) { (void)this_; return encode(js_arg(argc, argv, 0), false); }
NATIVE(g_decode_uri_component) { (void)this_; return decode(js_arg(argc, argv, 0), true); }
NATIVE(g_decode_uri) { (void)this_; return decode(js_arg(argc, argv, 0), false); }

void js_builtins_uri_init(gh_value *global)
{
    js_make_native(global, "encodeURIComponent", g_encode_uri_component, 1);
    js_make_native(global, "encodeURI", g_encode_uri, 1);
    js_make_native(global, "decodeURIComponent", g_decode_uri_component, 1);
    js_make_native(global, "decodeURI", g_decode_uri, 1);
}
