/* string.c - heap strings (flat byte strings, UTF-8) and the C string
 * builder used for formatting. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "value.h"

gh_value js_string_new(const char *s, size_t len)
{
    if (len == 0 && R.empty_string)
        return R.empty_string;
    js_string *str = js_alloc(HT_STRING, sizeof(js_string) + len + 1);
    str->len = (uint32_t)len;
    if (len)
        memcpy(str->data, s, len);
    str->data[len] = 0;
    return gh_from_ptr(str);
}

gh_value js_string_slice(gh_value *str, size_t start, size_t len)
{
    if (len == 0)
        return R.empty_string;
    js_string *s = js_alloc(HT_STRING, sizeof(js_string) + len + 1);
    s->len = (uint32_t)len;
    memcpy(s->data, js_str(*str)->data + start, len); /* re-read: it may have moved */
    s->data[len] = 0;
    return gh_from_ptr(s);
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
    js_string *s = js_alloc(HT_STRING, sizeof(js_string) + la + lb + 1);
    s->len = (uint32_t)(la + lb);
    memcpy(s->data, js_str(*a)->data, la);
    memcpy(s->data + la, js_str(*b)->data, lb);
    s->data[la + lb] = 0;
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
