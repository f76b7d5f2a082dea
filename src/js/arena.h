/* arena.h - bump allocator and per-parse string interning for the ghjs front end.
 *
 * Everything the parser produces (AST nodes, lists, strings) lives in one
 * js_arena and is released at once by js_arena_free().  Strings are interned
 * in a js_intern table: within one table, two atoms have equal contents if
 * and only if they are the same pointer.
 */
#ifndef GHJS_ARENA_H
#define GHJS_ARENA_H

#include <stddef.h>
#include <stdint.h>

typedef struct js_arena js_arena;

js_arena *js_arena_new(void);
void js_arena_free(js_arena *a);
/* Returns zeroed memory aligned to 8 bytes (enough for pointers, integers and
 * doubles), or NULL when out of memory. */
void *js_arena_alloc(js_arena *a, size_t size);
/* Total bytes obtained from malloc (for statistics and tests). */
size_t js_arena_footprint(const js_arena *a);

/* An interned string.  ptr is NUL-terminated but may also contain NULs, so
 * always use len.  Compare atoms from the same parse by pointer. */
typedef struct js_atom {
    const char *ptr;
    uint32_t len;
    uint32_t hash;    /* FNV-1a of the bytes; free for later passes' own hash tables */
    int32_t keyword;  /* lexer token type if the string is a reserved word, else 0 */
} js_atom;

typedef struct js_intern_table {
    js_arena *arena;
    js_atom **slots;  /* open addressing, capacity is a power of two */
    uint32_t cap;
    uint32_t count;
} js_intern_table;

int js_intern_init(js_intern_table *t, js_arena *arena);   /* 0 on success */
void js_intern_fini(js_intern_table *t);
/* Returns the unique atom for the bytes [s, s+len), or NULL when out of memory. */
const js_atom *js_intern(js_intern_table *t, const char *s, size_t len);

#endif
