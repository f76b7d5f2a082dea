/*
 * json_stream.c -- buffered JSON output to a file descriptor.
 *
 * A snapshot is written in one go, piece by piece, and may be large: the
 * writer keeps a 64 KiB buffer, writes it out with write(2) (retrying
 * short writes and EINTR), and remembers the first errno so that the
 * caller checks for failure once, at the end, and can say why.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diag_internal.h"

#define GH_JS_BUFFER (64 * 1024)

void gh_sigpipe_block(gh_sigpipe_guard *g)
{
    sigset_t pipe_set, pending;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    g->blocked = pthread_sigmask(SIG_BLOCK, &pipe_set, &g->old_mask) == 0;
    g->was_pending = g->blocked && sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE);
}

void gh_sigpipe_restore(gh_sigpipe_guard *g, bool epipe)
{
    if (!g->blocked)
        return;
    if (epipe && !g->was_pending) { /* ours: take it back */
        sigset_t pipe_set;
        sigemptyset(&pipe_set);
        sigaddset(&pipe_set, SIGPIPE);
        struct timespec zero = {0, 0};
        int saved = errno;
        while (sigtimedwait(&pipe_set, NULL, &zero) < 0 && errno == EINTR)
            ;
        errno = saved;
    }
    pthread_sigmask(SIG_SETMASK, &g->old_mask, NULL);
    g->blocked = false;
}

bool gh_js_open(gh_jstream *s, int fd)
{
    s->fd = fd;
    s->err = 0;
    s->len = 0;
    s->cap = GH_JS_BUFFER;
    s->buf = malloc(s->cap);
    if (s->buf)
        gh_sigpipe_block(&s->sigpipe);
    return s->buf != NULL;
}

static void flush(gh_jstream *s)
{
    size_t done = 0;
    while (done < s->len && !s->err) {
        ssize_t n = write(s->fd, s->buf + done, s->len - done);
        if (n > 0)
            done += (size_t)n;
        else if (n < 0 && errno == EINTR)
            continue;
        else
            s->err = n < 0 ? errno : EIO;
    }
    s->len = 0;
}

void gh_js_raw(gh_jstream *s, const char *text, size_t n)
{
    if (s->err)
        return;
    while (n) {
        if (s->len == s->cap)
            flush(s);
        if (s->err)
            return;
        size_t k = s->cap - s->len < n ? s->cap - s->len : n;
        memcpy(s->buf + s->len, text, k);
        s->len += k;
        text += k;
        n -= k;
    }
}

void gh_js_text(gh_jstream *s, const char *text)
{
    gh_js_raw(s, text, strlen(text));
}

void gh_js_char(gh_jstream *s, char c)
{
    if (s->len == s->cap)
        flush(s);
    if (!s->err)
        s->buf[s->len++] = c;
}

void gh_js_uint(gh_jstream *s, uint64_t v)
{
    char digits[24];
    size_t i = sizeof digits;
    do {
        digits[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    gh_js_raw(s, digits + i, sizeof digits - i);
}

/* Decode one UTF-8 sequence at p (n bytes left): the code point, or -1 for
 * an invalid or overlong sequence; *used is the bytes consumed. */
static long utf8_next(const unsigned char *p, size_t n, size_t *used)
{
    unsigned c = p[0];
    size_t len = c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
    *used = 1;
    if (len == 0 || len > n)
        return -1;
    unsigned long cp = c & (0x7Fu >> len);
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return -1;
        cp = cp << 6 | (p[i] & 0x3Fu);
    }
    static const unsigned long min[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return -1;
    *used = len;
    return (long)cp;
}

bool gh_utf8_valid(const char *text, size_t n)
{
    const unsigned char *p = (const unsigned char *)text;
    for (size_t i = 0, used; i < n; i += used) {
        used = 1;
        if (p[i] >= 0x80 && utf8_next(p + i, n - i, &used) < 0)
            return false;
    }
    return true;
}

size_t gh_utf8_replace_invalid(const char *text, size_t n, char *out)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t k = 0;
    for (size_t i = 0, used; i < n; i += used) {
        used = 1;
        if (p[i] >= 0x80 && utf8_next(p + i, n - i, &used) < 0) {
            memcpy(out + k, "\xEF\xBF\xBD", 3);
            k += 3;
        } else {
            memcpy(out + k, p + i, used);
            k += used;
        }
    }
    return k;
}

/* Escape text[0..n) for a JSON string, handing the pieces to put:
 * non-ASCII characters as \u escapes (ascii) or as they are (valid UTF-8
 * only: a bad sequence becomes U+FFFD either way). */
typedef void (*put_fn)(void *ctx, const char *text, size_t n);

static void escape(const char *text, size_t n, bool ascii, put_fn put, void *ctx)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)text;
    size_t run = 0; /* bytes copied as they are, pending */
    for (size_t i = 0; i < n;) {
        unsigned c = p[i];
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
            run++;
            i++;
            continue;
        }
        if (run)
            put(ctx, (const char *)p + i - run, run);
        run = 0;
        char esc[13];
        size_t k = 0;
        const char *simple = c == '"'    ? "\\\""
                             : c == '\\' ? "\\\\"
                             : c == '\n' ? "\\n"
                             : c == '\r' ? "\\r"
                             : c == '\t' ? "\\t"
                             : c == '\b' ? "\\b"
                             : c == '\f' ? "\\f"
                                         : NULL;
        if (simple) {
            put(ctx, simple, 2);
            i++;
            continue;
        }
        size_t used;
        long cp = c < 0x80 ? (long)c : utf8_next(p + i, n - i, &used);
        if (c < 0x80)
            used = 1;
        if (!ascii && (cp < 0 || cp >= 0x80)) {
            put(ctx, cp < 0 ? "\xEF\xBF\xBD" : (const char *)p + i, cp < 0 ? 3 : used);
            i += used;
            continue;
        }
        if (cp < 0)
            cp = 0xFFFD;
        unsigned units[2] = {(unsigned)cp, 0};
        int count = 1;
        if (cp > 0xFFFF) { /* a surrogate pair */
            units[0] = 0xD800 + (((unsigned)cp - 0x10000) >> 10);
            units[1] = 0xDC00 + (((unsigned)cp - 0x10000) & 0x3FF);
            count = 2;
        }
        for (int u = 0; u < count; u++) {
            esc[k++] = '\\';
            esc[k++] = 'u';
            for (int shift = 12; shift >= 0; shift -= 4)
                esc[k++] = hex[(units[u] >> shift) & 0xF];
        }
        put(ctx, esc, k);
        i += used;
    }
    if (run)
        put(ctx, (const char *)p + n - run, run);
}

static void put_stream(void *ctx, const char *text, size_t n)
{
    gh_js_raw(ctx, text, n);
}

void gh_js_string(gh_jstream *s, const char *text, size_t n)
{
    gh_js_char(s, '"');
    escape(text, n, true, put_stream, s);
    gh_js_char(s, '"');
}

int gh_js_close(gh_jstream *s)
{
    if (s->buf && !s->err)
        flush(s);
    if (s->buf)
        gh_sigpipe_restore(&s->sigpipe, s->err == EPIPE);
    free(s->buf);
    s->buf = NULL;
    return s->err;
}

static void put_file(void *ctx, const char *text, size_t n)
{
    fwrite(text, 1, n, ctx);
}

void gh_json_fputs(FILE *out, const char *text)
{
    fputc('"', out);
    escape(text, strlen(text), false, put_file, out);
    fputc('"', out);
}
