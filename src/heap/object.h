/*
 * object.h -- the one-word object header and slot decoding.
 *
 * Every object is [header word][payload ...]; pointers (and slots) hold the
 * payload address, so the header sits 8 bytes below it.
 *
 *   bit 0        1 for a header; 0 when the word is a forwarding address
 *                (a moved object's new payload address, 8-aligned)
 *   bits 8..23   type id (0 = free space / filler)
 *   bits 32..63  total size in 8-byte words, header included
 *
 * Age is not in the header: as in V8, an object in the young generation has
 * survived a scavenge iff it lies below the new space's age mark.
 */
#ifndef GH_OBJECT_H
#define GH_OBJECT_H

#include <string.h>

#include "genheap.h"

#define GH_HEADER_SIZE ((size_t)8)
#define GH_TYPE_FREE 0u
/* The smallest block the free list can hold: a header and a next pointer. */
#define GH_MIN_FREE_BLOCK ((size_t)16)

static inline uint64_t *gh_header_of(const void *obj) { return (uint64_t *)obj - 1; }
static inline uint64_t gh_header(const void *obj) { return *gh_header_of(obj); }

static inline bool gh_header_is_forwarded(uint64_t hdr) { return (hdr & 1) == 0; }
static inline char *gh_header_forwardee(uint64_t hdr) { return (char *)(uintptr_t)hdr; }
static inline gh_type_id gh_header_type(uint64_t hdr) { return (gh_type_id)((hdr >> 8) & 0xFFFF); }
static inline size_t gh_header_total(uint64_t hdr) { return (size_t)(hdr >> 32) * 8; }
static inline uint64_t gh_make_header(gh_type_id type, size_t total) { return GH__HEADER(type, total); }

/* Total bytes (header included) of the object at payload address obj. */
static inline size_t gh_object_total(const void *obj) { return gh_header_total(gh_header(obj)); }

/* Markers prefetch the object they will scan next while scanning this one:
 * its header and first GH_SCAN_PREFETCH_LINES cache lines, whatever its
 * size (reading the size would be the miss we are hiding).  An array of
 * 100 slots taken from the worklist costs a miss per line otherwise, as
 * the hardware prefetcher never sees a stream: lesson1's 240 MB of arrays
 * were marked at 1.4 GB/s, where a plain scan reads them at 5 GB/s. */
#ifndef GH_SCAN_PREFETCH_LINES
#define GH_SCAN_PREFETCH_LINES 8
#endif
static inline void gh_prefetch_for_scan(const void *obj)
{
    const char *p = (const char *)obj - GH_HEADER_SIZE;
    for (int k = 0; k < GH_SCAN_PREFETCH_LINES; k++)
        __builtin_prefetch(p + 64 * k);
}

/* The object a slot word refers to, or NULL when it holds no reference. */
static inline char *gh_slot_target(uint64_t w)
{
    return gh__is_ref(w) ? (char *)(uintptr_t)(w & ~(uint64_t)7) : NULL;
}

/* Re-point a slot word at new_obj, keeping its form (raw or tagged). */
static inline uint64_t gh_slot_retarget(uint64_t w, const void *new_obj)
{
    return (uint64_t)(uintptr_t)new_obj | (w & 1);
}

/* Copy `bytes` (a multiple of 8) of an object that a collector moves.
 * Most survivors are a few words: a switch on the word count beats both a
 * call to memcpy and a counted loop. */
static inline void gh_copy_words(char *dst, const void *src, size_t bytes)
{
    uint64_t *d = (uint64_t *)(void *)dst;
    const uint64_t *w = (const uint64_t *)src;
    switch (bytes / 8) {
    case 8: d[7] = w[7]; /* fall through */
    case 7: d[6] = w[6]; /* fall through */
    case 6: d[5] = w[5]; /* fall through */
    case 5: d[4] = w[4]; /* fall through */
    case 4: d[3] = w[3]; /* fall through */
    case 3: d[2] = w[2]; /* fall through */
    case 2: d[1] = w[1]; /* fall through */
    case 1: d[0] = w[0]; break;
    default: memcpy(dst, src, bytes); break;
    }
}

/* Write a free block / filler header over [start, start + bytes). */
static inline void gh_write_filler(char *start, size_t bytes)
{
    *(uint64_t *)(void *)start = gh_make_header(GH_TYPE_FREE, bytes);
}

#endif
