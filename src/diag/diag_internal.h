/*
 * diag_internal.h -- pieces shared by the files of libgenheap_diag: the
 * error slot, a buffered JSON writer, an interning string table, an
 * integer hash map and number formatting.
 */
#ifndef GH_DIAG_INTERNAL_H
#define GH_DIAG_INTERNAL_H

#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "genheap_diag.h"

#if defined(__GNUC__) || defined(__clang__)
#define GH_DIAG_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define GH_DIAG_PRINTF(f, a)
#endif

/* ---- errors (diag_error.c) ----------------------------------------------- */

/* Record err with a formatted message; returns err. */
gh_error gh_diag_fail(gh_error err, const char *fmt, ...) GH_DIAG_PRINTF(2, 3);
/* Record a failure of the library call underneath: its code and message,
 * after "what: ". */
gh_error gh_diag_fail_lib(gh_error err, const char *what);

/* ---- SIGPIPE (json_stream.c) ---------------------------------------------- */

/* Writing to a pipe or socket whose reader has gone raises SIGPIPE, which
 * kills the process by default; the writers block it in the calling
 * thread meanwhile, so that the write fails with EPIPE instead, and the
 * SIGPIPE they caused is taken back before the old mask returns. */
typedef struct gh_sigpipe_guard {
    sigset_t old_mask;
    bool blocked, was_pending;
} gh_sigpipe_guard;

void gh_sigpipe_block(gh_sigpipe_guard *g);
/* epipe: whether a write failed with EPIPE (so a SIGPIPE of ours is
 * pending). */
void gh_sigpipe_restore(gh_sigpipe_guard *g, bool epipe);

/* ---- JSON output (json_stream.c) ------------------------------------------ */

/* A buffered writer on a file descriptor.  The first failing write is
 * remembered (errno in err) and later output is dropped, so callers check
 * once at the end. */
typedef struct gh_jstream {
    int fd;
    int err; /* 0, or the errno of the first failure */
    char *buf;
    size_t len, cap;
    gh_sigpipe_guard sigpipe;
} gh_jstream;

bool gh_js_open(gh_jstream *s, int fd);
void gh_js_raw(gh_jstream *s, const char *text, size_t n);
void gh_js_text(gh_jstream *s, const char *text);
void gh_js_char(gh_jstream *s, char c);
void gh_js_uint(gh_jstream *s, uint64_t v);
/* A JSON string, quoted; non-ASCII as \u escapes (V8 writes them so),
 * invalid UTF-8 as U+FFFD. */
void gh_js_string(gh_jstream *s, const char *text, size_t n);
/* Whether text[0..n) is valid UTF-8 (gh_js_string writes each invalid
 * sequence as U+FFFD). */
bool gh_utf8_valid(const char *text, size_t n);
/* text[0..n) with each invalid sequence replaced by U+FFFD's bytes, as
 * gh_js_string writes it, into out (room for 3 * n bytes); returns the
 * length. */
size_t gh_utf8_replace_invalid(const char *text, size_t n, char *out);
/* Flush and free the buffer; returns 0 or the errno of the first
 * failure. */
int gh_js_close(gh_jstream *s);

/* Quote text for JSON into out (stdio), for the small printers. */
void gh_json_fputs(FILE *out, const char *text);

/* ---- interned strings (string_table.c) ------------------------------------ */

/* Distinct strings, numbered 0, 1, 2 ... in the order first seen. */
typedef struct gh_strtab {
    char *bytes; /* the strings, each NUL-terminated */
    size_t bytes_len, bytes_cap;
    uint64_t *offsets; /* string i starts at bytes + offsets[i] */
    uint32_t *lens;
    size_t count, offsets_cap;
    uint32_t *slots; /* hash slots: string index + 1, 0 = empty */
    size_t slot_cap;
} gh_strtab;

void gh_strtab_init(gh_strtab *t);
void gh_strtab_free(gh_strtab *t);
/* The index of text[0..n), added if new; SIZE_MAX when out of memory. */
size_t gh_strtab_intern(gh_strtab *t, const char *text, size_t n);
static inline const char *gh_strtab_get(const gh_strtab *t, size_t i)
{
    return t->bytes + t->offsets[i];
}
static inline size_t gh_strtab_len(const gh_strtab *t, size_t i)
{
    return t->lens[i];
}

/* ---- integer map (u64_map.c) ---------------------------------------------- */

/* Non-zero 64-bit keys (addresses, object ids) to 32-bit values. */
typedef struct gh_u64_map {
    uint64_t *keys;
    uint32_t *values;
    size_t count, cap;
} gh_u64_map;

/* A map sized for n keys; false when out of memory. */
bool gh_u64_map_init(gh_u64_map *m, size_t n);
void gh_u64_map_free(gh_u64_map *m);
/* Add key (not yet present, non-zero); the map never grows past the n of
 * init. */
void gh_u64_map_put(gh_u64_map *m, uint64_t key, uint32_t value);
/* The value of key, or UINT32_MAX. */
uint32_t gh_u64_map_get(const gh_u64_map *m, uint64_t key);

/* ---- numbers as text (nice_format.c) -------------------------------------- */

/* A double as JavaScript's String(x) writes it (shortest round trip). */
void gh_diag_js_number(double x, char *buf, size_t size);
/* Wall-clock milliseconds as Date.prototype.toISOString. */
void gh_diag_iso_date(double ms, char *buf, size_t size);

#endif
