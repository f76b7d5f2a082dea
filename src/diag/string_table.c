/*
 * string_table.c -- the interned strings of a snapshot.
 *
 * A snapshot names nodes and edges by index into its "strings" array, and
 * the same few names (type names, property names) recur for millions of
 * objects, so each distinct string is stored once: the bytes in one
 * growing buffer, an open-addressing hash of indexes over them.  The
 * table is written out after the nodes and edges.
 */
#include <stdlib.h>
#include <string.h>

#include "diag_internal.h"

void gh_strtab_init(gh_strtab *t)
{
    memset(t, 0, sizeof *t);
}

void gh_strtab_free(gh_strtab *t)
{
    free(t->bytes);
    free(t->offsets);
    free(t->lens);
    free(t->slots);
    memset(t, 0, sizeof *t);
}

/* FNV-1a: short strings, good enough spread. */
static uint64_t hash_bytes(const char *text, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)text[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

static bool rehash(gh_strtab *t, size_t cap)
{
    uint32_t *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < t->count; i++) {
        size_t j = (size_t)hash_bytes(gh_strtab_get(t, i), t->lens[i]) & (cap - 1);
        while (slots[j])
            j = (j + 1) & (cap - 1);
        slots[j] = (uint32_t)i + 1;
    }
    free(t->slots);
    t->slots = slots;
    t->slot_cap = cap;
    return true;
}

static bool grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    void *q = realloc(*p, n * elem);
    if (!q)
        return false;
    *p = q;
    *cap = n;
    return true;
}

size_t gh_strtab_intern(gh_strtab *t, const char *text, size_t n)
{
    if (n > UINT32_MAX || t->count >= UINT32_MAX - 1)
        return SIZE_MAX;
    if ((t->count + 1) * 2 > t->slot_cap && !rehash(t, t->slot_cap ? t->slot_cap * 2 : 256))
        return SIZE_MAX;
    size_t mask = t->slot_cap - 1;
    size_t j = (size_t)hash_bytes(text, n) & mask;
    for (; t->slots[j]; j = (j + 1) & mask) {
        size_t i = t->slots[j] - 1;
        if (t->lens[i] == n && memcmp(gh_strtab_get(t, i), text, n) == 0)
            return i;
    }
    size_t offsets_cap = t->offsets_cap, lens_cap = t->offsets_cap;
    bool ok = grow((void **)&t->offsets, &offsets_cap, t->count + 1, sizeof *t->offsets) &&
              grow((void **)&t->lens, &lens_cap, t->count + 1, sizeof *t->lens);
    if (ok) /* both arrays now have at least the smaller of the two sizes */
        t->offsets_cap = offsets_cap < lens_cap ? offsets_cap : lens_cap;
    if (!ok || !grow((void **)&t->bytes, &t->bytes_cap, t->bytes_len + n + 1, 1))
        return SIZE_MAX;
    memcpy(t->bytes + t->bytes_len, text, n);
    t->bytes[t->bytes_len + n] = '\0';
    t->offsets[t->count] = t->bytes_len;
    t->lens[t->count] = (uint32_t)n;
    t->bytes_len += n + 1;
    t->slots[j] = (uint32_t)t->count + 1;
    return t->count++;
}
