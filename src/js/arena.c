/* arena.c - bump allocator and string interning (see arena.h). */
#include "arena.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_FIRST_CHUNK (16u * 1024u)
#define ARENA_MAX_CHUNK (1024u * 1024u)
/* AST data holds pointers, integers and doubles: 8-byte alignment suffices
 * and wastes less than max_align_t's 16. */
#define ARENA_ALIGN ((size_t)8)

typedef struct chunk {
    struct chunk *next;
    size_t size;
    alignas(max_align_t) unsigned char data[];
} chunk;

struct js_arena {
    chunk *chunks;
    unsigned char *cur; /* next free byte in chunks */
    unsigned char *end;
    size_t next_size;   /* size of the next regular chunk; grows geometrically */
    size_t footprint;
};

js_arena *js_arena_new(void)
{
    js_arena *a = calloc(1, sizeof *a);
    if (a)
        a->next_size = ARENA_FIRST_CHUNK;
    return a;
}

void js_arena_free(js_arena *a)
{
    if (!a)
        return;
    chunk *c = a->chunks;
    while (c) {
        chunk *next = c->next;
        free(c);
        c = next;
    }
    free(a);
}

size_t js_arena_footprint(const js_arena *a)
{
    return a->footprint;
}

static chunk *new_chunk(js_arena *a, size_t size)
{
    chunk *c = malloc(sizeof *c + size);
    if (!c)
        return NULL;
    c->size = size;
    a->footprint += sizeof *c + size;
    return c;
}

/* Oversized requests get a chunk of their own, linked behind the current one
 * so that the free space of the current chunk is not wasted. */
static void *alloc_large(js_arena *a, size_t size)
{
    chunk *c = new_chunk(a, size);
    if (!c)
        return NULL;
    if (a->chunks) {
        c->next = a->chunks->next;
        a->chunks->next = c;
    } else {
        c->next = NULL;
        a->chunks = c;
    }
    memset(c->data, 0, size);
    return c->data;
}

void *js_arena_alloc(js_arena *a, size_t size)
{
    if (size == 0)
        size = 1;
    if (size > SIZE_MAX / 2)
        return NULL;
    size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (!a->cur || (size_t)(a->end - a->cur) < size) {
        if (size > a->next_size / 4)
            return alloc_large(a, size);
        chunk *c = new_chunk(a, a->next_size);
        if (!c)
            return NULL;
        c->next = a->chunks;
        a->chunks = c;
        a->cur = c->data;
        a->end = c->data + c->size;
        if (a->next_size < ARENA_MAX_CHUNK)
            a->next_size *= 2;
    }
    void *p = a->cur;
    a->cur += size;
    memset(p, 0, size);
    return p;
}

/* ---- interning ---------------------------------------------------------- */

static uint32_t hash_bytes(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

int js_intern_init(js_intern_table *t, js_arena *arena)
{
    t->arena = arena;
    t->cap = 256;
    t->count = 0;
    t->slots = calloc(t->cap, sizeof *t->slots);
    return t->slots ? 0 : -1;
}

void js_intern_fini(js_intern_table *t)
{
    free(t->slots);
    t->slots = NULL;
    t->cap = t->count = 0;
}

static int grow(js_intern_table *t)
{
    uint32_t ncap = t->cap * 2;
    js_atom **ns = calloc(ncap, sizeof *ns);
    if (!ns)
        return -1;
    for (uint32_t i = 0; i < t->cap; i++) {
        js_atom *a = t->slots[i];
        if (!a)
            continue;
        uint32_t j = a->hash & (ncap - 1);
        while (ns[j])
            j = (j + 1) & (ncap - 1);
        ns[j] = a;
    }
    free(t->slots);
    t->slots = ns;
    t->cap = ncap;
    return 0;
}

const js_atom *js_intern(js_intern_table *t, const char *s, size_t len)
{
    if (len > UINT32_MAX - 1)
        return NULL;
    if (len == 0)
        s = ""; /* callers may pass NULL for the empty string */
    uint32_t h = hash_bytes(s, len);
    uint32_t i = h & (t->cap - 1);
    for (js_atom *a; (a = t->slots[i]) != NULL; i = (i + 1) & (t->cap - 1)) {
        if (a->hash == h && a->len == len && memcmp(a->ptr, s, len) == 0)
            return a;
    }
    js_atom *a = js_arena_alloc(t->arena, sizeof *a);
    char *copy = js_arena_alloc(t->arena, len + 1);
    if (!a || !copy)
        return NULL;
    if (len)
        memcpy(copy, s, len);
    copy[len] = '\0';
    a->ptr = copy;
    a->len = (uint32_t)len;
    a->hash = h;
    t->slots[i] = a;
    t->count++;
    if (t->count * 2 > t->cap && grow(t) != 0)
        return NULL;
    return a;
}
