/* string.c - heap strings (flat byte strings, UTF-8) and the C string
 * builder used for formatting. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "value.h"
#include "vm.h"

static bool has_high_bytes(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] & 0x80)
            return true;
    return false;
}

/* WTF-8 keeps a lone surrogate as its 3-byte form ED A0..BF xx.  A high
 * one (ED A0..AF) followed by a low one (ED B0..BF) is a pair, which must
 * be stored as its 4-byte code point: strings are compared byte-wise, so
 * 'a\uD83D' + '\uDE00' must come out with the bytes of 'a😀'. */
static bool is_high_sur(const char *p) { return (unsigned char)p[0] == 0xED && ((unsigned char)p[1] & 0xF0) == 0xA0; }
static bool is_low_sur(const char *p) { return (unsigned char)p[0] == 0xED && ((unsigned char)p[1] & 0xF0) == 0xB0; }

/* The pair at h (6 bytes) as 4 bytes at out. */
static void join_pair(const char *h, char *out)
{
    uint32_t hi = ((unsigned char)h[1] & 0x0F) << 6 | ((unsigned char)h[2] & 0x3F);
    uint32_t lo = ((unsigned char)h[4] & 0x0F) << 6 | ((unsigned char)h[5] & 0x3F);
    uint32_t c = 0x10000 + (hi << 10) + lo;
    out[0] = (char)(0xF0 | c >> 18), out[1] = (char)(0x80 | ((c >> 12) & 63));
    out[2] = (char)(0x80 | ((c >> 6) & 63)), out[3] = (char)(0x80 | (c & 63));
}

static bool has_split_pair(const char *s, size_t len)
{
    for (size_t i = 0; i + 6 <= len; i++)
        if (is_high_sur(s + i) && is_low_sur(s + i + 3))
            return true;
    return false;
}

/* s with each split pair joined into its 4-byte code point. */
static gh_value string_with_pairs_joined(const char *s, size_t len)
{
    char *t = malloc(len);
    if (!t)
        abort();
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        if (i + 6 <= len && is_high_sur(s + i) && is_low_sur(s + i + 3)) {
            join_pair(s + i, t + n);
            n += 4, i += 6;
        } else {
            t[n++] = s[i++];
        }
    }
    gh_value r = js_string_new(t, n);
    free(t);
    return r;
}

gh_value js_string_new(const char *s, size_t len)
{
    if (len == 0 && R.empty_string)
        return R.empty_string;
    if (len > JS_MAX_STRING_LENGTH) /* join, concat, JSON.stringify... */
        return js_throw_error(JE_RANGE, "Invalid string length");
    bool wide = has_high_bytes(s, len);
    if (wide && len >= 6 && has_split_pair(s, len))
        return string_with_pairs_joined(s, len);
    js_string *str = js_alloc(HT_STRING, sizeof(js_string) + len + 1);
    str->len = (uint32_t)len;
    if (len)
        memcpy(str->data, s, len);
    str->data[len] = 0;
    str->wide = wide;
    return gh_from_ptr(str);
}

unsigned js_lone_surrogate_at(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    if (n < 3 || p[0] != 0xED || p[1] < 0xA0)
        return 0;
    return 0xD000u | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu);
}

/* ---- UTF-16 units over UTF-8 bytes ---- */

/* The code point at *p (advancing it) and how many units it makes. */
static uint32_t decode(const unsigned char **p, const unsigned char *end, int *units)
{
    const unsigned char *q = *p;
    uint32_t c = *q++;
    int extra = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
    if (extra)
        c &= 0x3F >> extra;
    for (int i = 0; i < extra && q < end; i++)
        c = c << 6 | (*q++ & 0x3F);
    *p = q;
    *units = c >= 0x10000 ? 2 : 1;
    return c;
}

uint32_t js_str_length(const js_string *s)
{
    if (!s->wide)
        return s->len;
    const unsigned char *p = (const unsigned char *)s->data, *end = p + s->len;
    uint32_t n = 0;
    while (p < end) {
        int u;
        decode(&p, end, &u);
        n += (uint32_t)u;
    }
    return n;
}

uint16_t *js_str_units(const js_string *s, uint32_t *n) { return js_utf8_units(s->data, s->len, n); }

uint16_t *js_utf8_units(const char *s, size_t len, uint32_t *n)
{
    uint16_t *u = malloc((len + 1) * sizeof *u);
    if (!u)
        abort();
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    uint32_t k = 0;
    while (p < end) {
        int cnt;
        uint32_t c = decode(&p, end, &cnt);
        if (cnt == 2) {
            c -= 0x10000;
            u[k++] = (uint16_t)(0xD800 + (c >> 10));
            u[k++] = (uint16_t)(0xDC00 + (c & 0x3FF));
        } else {
            u[k++] = (uint16_t)c;
        }
    }
    *n = k;
    return u;
}

int32_t js_str_unit_at(const js_string *s, uint32_t i)
{
    if (!s->wide)
        return i < s->len ? (unsigned char)s->data[i] : -1;
    uint32_t n;
    uint16_t *u = js_str_units(s, &n);
    int32_t r = i < n ? u[i] : -1;
    free(u);
    return r;
}

uint32_t js_str_unit_index(const js_string *s, uint32_t byte_offset)
{
    if (!s->wide)
        return byte_offset;
    const unsigned char *p = (const unsigned char *)s->data, *end = p + byte_offset;
    uint32_t n = 0;
    while (p < end) {
        int u;
        decode(&p, (const unsigned char *)s->data + s->len, &u);
        n += (uint32_t)u;
    }
    return n;
}

/* Units back to UTF-8: pairs become 4-byte sequences, lone surrogates
 * their 3-byte (WTF-8) form. */
gh_value js_string_from_units(const uint16_t *u, uint32_t n)
{
    js_sbuf b = {0};
    for (uint32_t i = 0; i < n; i++) {
        uint32_t c = u[i];
        if (c >= 0xD800 && c < 0xDC00 && i + 1 < n && u[i + 1] >= 0xDC00 && u[i + 1] < 0xE000)
            c = 0x10000 + ((c - 0xD800) << 10) + (u[++i] - 0xDC00);
        sb_put_utf8(&b, c);
    }
    gh_value r = js_string_new(b.data ? b.data : "", b.len);
    sb_free(&b);
    return r;
}

/* The bytes of the JS white space or line terminator (what trim and
 * Number() skip) at the start of s[0..n), or 0. */
size_t js_space_at(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    if (n && (p[0] == ' ' || (p[0] >= 9 && p[0] <= 13)))
        return 1;
    if (n >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
        return 2;
    if (n < 3)
        return 0;
    uint32_t c = (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
    if ((p[0] & 0xF0) != 0xE0 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
        return 0;
    return c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
                   c == 0x205F || c == 0x3000 || c == 0xFEFF
               ? 3
               : 0;
}

/* The same for the white space that ends s[0..n). */
size_t js_space_before(const char *s, size_t n)
{
    if (n && js_space_at(s + n - 1, 1))
        return 1;
    if (n >= 2 && js_space_at(s + n - 2, 2) == 2)
        return 2;
    if (n >= 3 && js_space_at(s + n - 3, 3) == 3)
        return 3;
    return 0;
}

/* Writes WTF-8 text to f as UTF-8: each lone surrogate as U+FFFD, as Node
 * encodes strings for its streams. */
void js_fwrite_text(FILE *f, const char *s, size_t n)
{
    size_t from = 0;
    for (size_t i = 0; i + 3 <= n; i++)
        if (js_lone_surrogate_at(s + i, n - i)) {
            fwrite(s + from, 1, i - from, f);
            fputs("\xEF\xBF\xBD", f);
            from = i + 3;
            i += 2;
        }
    fwrite(s + from, 1, n - from, f);
}

gh_value js_string_slice(gh_value *str, size_t start, size_t len)
{
    if (len == 0)
        return R.empty_string;
    js_string *s = js_alloc(HT_STRING, sizeof(js_string) + len + 1);
    s->len = (uint32_t)len;
    memcpy(s->data, js_str(*str)->data + start, len); /* re-read: it may have moved */
    s->data[len] = 0;
    s->wide = js_str(*str)->wide && has_high_bytes(s->data, len);
    return gh_from_ptr(s);
}

/* A one-unit string (single characters of ASCII strings are atoms). */
gh_value js_unit_string(uint32_t u)
{
    if (u < 0x80) {
        char c = (char)u;
        return js_atom_string(js_atom_intern(&c, 1));
    }
    uint16_t x = (uint16_t)u;
    return js_string_from_units(&x, 1);
}

gh_value js_string_cstr(const char *s) { return js_string_new(s, strlen(s)); }

/* a and b are rooted: the allocation may move them. */
gh_value js_string_concat(gh_value *a, gh_value *b)
{
    size_t la = js_str(*a)->len, lb = js_str(*b)->len;
    if (la == 0)
        return *b;
    if (lb == 0)
        return *a;
    if (la + lb > JS_MAX_STRING_LENGTH)
        return js_throw_error(JE_RANGE, "Invalid string length");
    /* a high surrogate at the end of a and a low one at the start of b */
    size_t j = la >= 3 && lb >= 3 && is_high_sur(js_str(*a)->data + la - 3) && is_low_sur(js_str(*b)->data) ? 3 : 0;
    size_t n = la + lb - (j ? 2 : 0);
    js_string *s = js_alloc(HT_STRING, sizeof(js_string) + n + 1);
    s->len = (uint32_t)n;
    memcpy(s->data, js_str(*a)->data, la - j);
    if (j) {
        char pair[6];
        memcpy(pair, js_str(*a)->data + la - 3, 3);
        memcpy(pair + 3, js_str(*b)->data, 3);
        join_pair(pair, s->data + la - 3);
    }
    memcpy(s->data + n - (lb - j), js_str(*b)->data + j, lb - j);
    s->data[n] = 0;
    s->wide = js_str(*a)->wide | js_str(*b)->wide;
    return gh_from_ptr(s);
}

gh_value js_string_printf(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < (int)sizeof buf)
        return js_string_new(buf, (size_t)n);
    char *big = malloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    gh_value v = js_string_new(big, (size_t)n);
    free(big);
    return v;
}

bool js_string_equal(gh_value a, gh_value b)
{
    if (a == b)
        return true;
    js_string *x = js_str(a), *y = js_str(b);
    if (x->atom && y->atom)
        return x->atom == y->atom;
    return x->len == y->len && memcmp(x->data, y->data, x->len) == 0;
}

/* The first UTF-16 unit of code point c. */
static uint32_t first_unit(uint32_t c) { return c >= 0x10000 ? 0xD800 + ((c - 0x10000) >> 10) : c; }

/* By UTF-16 units, as JS compares.  UTF-8 bytes sort by code point, which
 * is the same order except that U+E000..U+FFFF come before the code points
 * past U+FFFF in bytes and after them (their high surrogates) in units. */
int js_string_compare(gh_value a, gh_value b)
{
    js_string *x = js_str(a), *y = js_str(b);
    size_t n = x->len < y->len ? x->len : y->len, i = 0;
    while (i < n && x->data[i] == y->data[i])
        i++;
    if (i == n)
        return x->len < y->len ? -1 : x->len > y->len;
    unsigned char bx = (unsigned char)x->data[i], by = (unsigned char)y->data[i];
    if (bx >= 0x80 && by >= 0x80) { /* compare the characters that differ */
        while (i > 0 && ((unsigned char)x->data[i] & 0xC0) == 0x80)
            i--;
        const unsigned char *px = (const unsigned char *)x->data + i, *py = (const unsigned char *)y->data + i;
        int ux, uy;
        uint32_t cx = decode(&px, (const unsigned char *)x->data + x->len, &ux);
        uint32_t cy = decode(&py, (const unsigned char *)y->data + y->len, &uy);
        if (first_unit(cx) != first_unit(cy))
            return first_unit(cx) < first_unit(cy) ? -1 : 1;
        return cx < cy ? -1 : 1;
    }
    return bx < by ? -1 : 1;
}

/* ---- js_sbuf ---- */

static void sb_grow(js_sbuf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t ncap = b->cap ? b->cap * 2 : 64;
    while (ncap < b->len + extra + 1)
        ncap *= 2;
    b->data = realloc(b->data, ncap);
    if (!b->data)
        abort();
    b->cap = ncap;
}

void sb_put(js_sbuf *b, const char *s, size_t n)
{
    if (!n) {
        sb_grow(b, 0);
        b->data[b->len] = 0;
        return;
    }
    sb_grow(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
}

void sb_puts(js_sbuf *b, const char *s) { sb_put(b, s, strlen(s)); }

void sb_putc(js_sbuf *b, char c) { sb_put(b, &c, 1); }

void sb_printf(js_sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    sb_grow(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void sb_put_utf8(js_sbuf *b, uint32_t c)
{
    char u[4];
    size_t n;
    if (c < 0x80) {
        u[0] = (char)c, n = 1;
    } else if (c < 0x800) {
        u[0] = (char)(0xC0 | c >> 6), u[1] = (char)(0x80 | (c & 63)), n = 2;
    } else if (c < 0x10000) {
        u[0] = (char)(0xE0 | c >> 12), u[1] = (char)(0x80 | ((c >> 6) & 63));
        u[2] = (char)(0x80 | (c & 63)), n = 3;
    } else {
        u[0] = (char)(0xF0 | c >> 18), u[1] = (char)(0x80 | ((c >> 12) & 63));
        u[2] = (char)(0x80 | ((c >> 6) & 63)), u[3] = (char)(0x80 | (c & 63)), n = 4;
    }
    sb_put(b, u, n);
}

void sb_free(js_sbuf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

const char *sb_cstr(js_sbuf *b)
{
    if (!b->data)
        sb_grow(b, 0), b->data[0] = 0;
    return b->data;
}
