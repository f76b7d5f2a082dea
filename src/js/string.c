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

gh_value js_string_new(const char *s, size_t len)
{
    if (len == 0 && R.empty_string)
        return R.empty_string;
    js_string *str = js_alloc(HT_STRING, sizeof(js_string) + len + 1);
    str->len = (uint32_t)len;
    if (len)
        memcpy(str->data, s, len);
    str->data[len] = 0;
    str->wide = has_high_bytes(str->data, len);
    return gh_from_ptr(str);
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

uint16_t *js_str_units(const js_string *s, uint32_t *n)
{
    uint16_t *u = malloc(((size_t)s->len + 1) * sizeof *u);
    if (!u)
        abort();
    const unsigned char *p = (const unsigned char *)s->data, *end = p + s->len;
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
        char t[4];
        int k;
        if (c < 0x80) {
            t[0] = (char)c, k = 1;
        } else if (c < 0x800) {
            t[0] = (char)(0xC0 | c >> 6), t[1] = (char)(0x80 | (c & 63)), k = 2;
        } else if (c < 0x10000) {
            t[0] = (char)(0xE0 | c >> 12), t[1] = (char)(0x80 | ((c >> 6) & 63));
            t[2] = (char)(0x80 | (c & 63)), k = 3;
        } else {
            t[0] = (char)(0xF0 | c >> 18), t[1] = (char)(0x80 | ((c >> 12) & 63));
            t[2] = (char)(0x80 | ((c >> 6) & 63)), t[3] = (char)(0x80 | (c & 63)), k = 4;
        }
        sb_put(&b, t, (size_t)k);
    }
    gh_value r = js_string_new(b.data ? b.data : "", b.len);
    sb_free(&b);
    return r;
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
    js_string *s = js_alloc(HT_STRING, sizeof(js_string) + la + lb + 1);
    s->len = (uint32_t)(la + lb);
    memcpy(s->data, js_str(*a)->data, la);
    memcpy(s->data + la, js_str(*b)->data, lb);
    s->data[la + lb] = 0;
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

int js_string_compare(gh_value a, gh_value b)
{
    js_string *x = js_str(a), *y = js_str(b);
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->data, y->data, n);
    if (c)
        return c < 0 ? -1 : 1;
    return x->len < y->len ? -1 : x->len > y->len;
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
