/*
 * page.h -- heap pages and chunks taken from the OS.
 *
 * A page is GH_PAGE_SIZE bytes, aligned to GH_PAGE_SIZE, and starts with a
 * gh_page header; objects live in [area_start, area_end).  A large-object
 * chunk is the same header followed by one object, possibly spanning many
 * pages' worth of bytes; since the object starts inside the first
 * GH_PAGE_SIZE bytes, masking its address still finds the header.
 *
 * The header carries what the collector needs per page, V8-style:
 *   - flags (first word: read by the inline write barrier),
 *   - the mark bitmap, one bit per 8-byte word, indexed by payload address,
 *   - the remembered set (slot set): one bit per word of the chunk, set for
 *     every slot that may hold an old->young pointer; allocated lazily.
 */
#ifndef GH_PAGE_H
#define GH_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "genheap.h"

#define GH_PF_TO_INTERESTING GH__PF_POINTERS_TO_HERE_ARE_INTERESTING
#define GH_PF_FROM_INTERESTING GH__PF_POINTERS_FROM_HERE_ARE_INTERESTING
#define GH_PF_YOUNG ((uintptr_t)1 << 2)
#define GH_PF_LARGE ((uintptr_t)1 << 3)
/* An old page not yet swept since the last marking: its mark bits say which
 * objects live; the rest is garbage the sweeper has not freed yet. */
#define GH_PF_UNSWEPT ((uintptr_t)1 << 4)
/* An old page whose live objects a compaction is moving out. */
#define GH_PF_EVACUATION_CANDIDATE ((uintptr_t)1 << 5)

#define GH_PAGE_MAGIC 0x67686570u /* "ghep" */
#define GH_MARK_WORDS (GH_PAGE_SIZE / 8 / 64)

typedef enum gh_space_kind { GH_SPACE_NEW, GH_SPACE_OLD, GH_SPACE_LARGE } gh_space_kind;

typedef struct gh_page {
    uintptr_t flags; /* must stay first: GH__PAGE_FLAGS reads it */
    uint32_t magic;
    uint32_t space; /* gh_space_kind */
    gh_heap *heap;
    struct gh_page *next, *prev;
    char *area_start, *area_end;
    size_t chunk_size; /* bytes mapped for this page or chunk */
    size_t live_bytes; /* bytes marked live (by the current or last marking) */
    size_t scan_progress; /* large arrays: slot bytes already marked through */
    uint64_t *slot_set;
    /* old pages and large chunks with a slot set: the heap's list of them
     * (remembered_set.c), so that a scavenge visits only those */
    struct gh_page *rs_next, *rs_prev;
    uint64_t mark_bits[GH_MARK_WORDS];
} gh_page;

#define GH_PAGE_HEADER_SIZE ((sizeof(gh_page) + 63) & ~(size_t)63)
#define GH_PAGE_AREA_SIZE (GH_PAGE_SIZE - GH_PAGE_HEADER_SIZE)

static inline gh_page *gh_page_of(const void *addr)
{
    return (gh_page *)((uintptr_t)addr & ~(uintptr_t)(GH_PAGE_SIZE - 1));
}

/* Map a chunk of chunk_size bytes (a multiple of the OS page size) aligned
 * to GH_PAGE_SIZE, zero-filled; populate asks the OS to back it with
 * memory at once (for pages about to be filled).  NULL when the OS
 * refuses. */
gh_page *gh_chunk_map(size_t chunk_size, bool populate);
/* Return a chunk to the OS (its slot set freed already). */
void gh_chunk_unmap(gh_page *page);
/* munmap, in pieces small enough not to cost the rest of the process
 * (page.c says why). */
void gh_os_unmap(void *start, size_t size);
/* gh_chunk_unmap for n chunks at once (their slot sets already freed):
 * one munmap per run of chunks adjacent in memory.  Sorts the array. */
void gh_chunks_unmap(gh_page **chunks, size_t n);
/* Fill in a page header at the start of memory already mapped. */
void gh_page_init(gh_page *page, gh_heap *heap, gh_space_kind space, size_t chunk_size);

/* Mark bits: one per 8-byte word of the page, indexed by payload address.
 * The bitmap word that holds obj's bit, and the bit within that word
 * (pages are aligned to their size, so the address's low bits pick it). */
static inline uint64_t *gh_mark_word(const void *obj)
{
    gh_page *p = gh_page_of(obj);
    return &p->mark_bits[((uintptr_t)obj - (uintptr_t)p) >> 9];
}
static inline uint64_t gh_mark_mask(const void *obj)
{
    return (uint64_t)1 << (((uintptr_t)obj >> 3) & 63);
}

static inline bool gh_is_marked(const void *obj)
{
    return (*gh_mark_word(obj) & gh_mark_mask(obj)) != 0;
}

/* Set obj's mark bit; true if it was clear. */
static inline bool gh_mark(const void *obj)
{
    uint64_t *word = gh_mark_word(obj), m = gh_mark_mask(obj);
    if (*word & m)
        return false;
    *word |= m;
    return true;
}
/* gh_mark for parallel phases: true for exactly one of the threads that
 * race to mark obj.  A plain read first: most referents met late in a
 * marking are marked already, and a read leaves the bitmap's line shared
 * where an atomic OR would take it over. */
static inline bool gh_mark_atomic(const void *obj)
{
    uint64_t *word = gh_mark_word(obj), m = gh_mark_mask(obj);
    if (__atomic_load_n(word, __ATOMIC_RELAXED) & m)
        return false;
    return (__atomic_fetch_or(word, m, __ATOMIC_RELAXED) & m) == 0;
}
void gh_page_clear_marks(gh_page *page);

/* Call fn(ctx, obj) on each marked object of the page, in address order,
 * stopping before `end` if it is not NULL.  The sweeper, the compactor,
 * young evacuation and the verifier all walk the bitmap, never the dead
 * objects between marks. */
static inline void gh_page_each_marked(gh_page *p, const char *end, void (*fn)(void *ctx, char *obj),
                                       void *ctx)
{
    for (size_t w = 0; w < GH_MARK_WORDS; w++) {
        uint64_t bits = p->mark_bits[w];
        while (bits) {
            unsigned b = (unsigned)__builtin_ctzll(bits);
            bits &= bits - 1;
            char *obj = (char *)p + ((w * 64 + b) << 3);
            if (end && obj >= end)
                return;
            fn(ctx, obj);
        }
    }
}

/* Make mapped memory resident and make the first access to each 4 KiB
 * page now.  On the benchmark VM that first access costs 3-5 us per page
 * even after MADV_POPULATE_WRITE (the hypervisor fills in its own page
 * tables then), about 1.3 ms per MiB: memory a pause will write is
 * prefaulted in the program's time instead (new_space.c: fresh memory
 * outside pauses). */
void gh_prefault(void *start, size_t size);

/* Tell AddressSanitizer / valgrind that memory is off limits (free) or
 * usable again.  No-ops in plain builds outside valgrind. */
void gh_poison(void *addr, size_t len);
void gh_unpoison(void *addr, size_t len);
/* Fill with GH_ZAP_PATTERN (stress mode) and poison. */
void gh_zap(void *addr, size_t len);

#endif
