/*
 * page.c -- pages and chunks from the OS, and telling memory checkers which
 * heap memory is free.
 */
#include "page.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GH_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define GH_ASAN 1
#endif

#ifdef GH_ASAN
#include <sanitizer/asan_interface.h>
#endif
#ifdef GH_HAVE_VALGRIND
#include <valgrind/memcheck.h>
#endif

/* Where the next page would sit right below the last one mapped (0: no
 * idea yet).  Only a hint, shared by every heap in the process. */
static _Atomic uintptr_t next_page_hint;

static char *map_at(uintptr_t hint, size_t size)
{
    char *p = mmap((void *)hint, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

static bool page_aligned(const void *p) { return ((uintptr_t)p & (GH_PAGE_SIZE - 1)) == 0; }

/* Over-map by one page and trim, so the chunk starts on a GH_PAGE_SIZE
 * boundary: three calls, and holes between the pages. */
static char *map_trimmed(size_t chunk_size)
{
    size_t span = chunk_size + GH_PAGE_SIZE;
    if (span < chunk_size)
        return NULL;
    char *raw = map_at(0, span);
    if (!raw)
        return NULL;
    uintptr_t start = ((uintptr_t)raw + GH_PAGE_SIZE - 1) & ~(uintptr_t)(GH_PAGE_SIZE - 1);
    size_t head = start - (uintptr_t)raw;
    size_t tail = span - head - chunk_size;
    if (head)
        munmap(raw, head);
    if (tail)
        munmap((char *)start + chunk_size, tail);
    return (char *)start;
}

/* A page is first asked for right below the last one (the kernel takes the
 * hint when that range is free): one call, and the pages end up adjacent,
 * one mapping the kernel merges, which a teardown unmaps in runs
 * (gh_chunks_unmap).  On the benchmark VM, mapping 3,000 pages that way
 * took 5-8 ms against 17-26 ms trimmed, and destroying lesson1's heap
 * 46-56 ms against 175-195 ms one page at a time; lesson1 ran in 0.9 x
 * the time. */
static char *map_page(void)
{
    uintptr_t hint = atomic_load_explicit(&next_page_hint, memory_order_relaxed);
    char *p = hint ? map_at(hint, GH_PAGE_SIZE) : NULL;
    if (p && !page_aligned(p)) {
        munmap(p, GH_PAGE_SIZE);
        p = NULL;
    }
    if (!p)
        p = map_trimmed(GH_PAGE_SIZE);
    if (p && (uintptr_t)p > GH_PAGE_SIZE)
        atomic_store_explicit(&next_page_hint, (uintptr_t)p - GH_PAGE_SIZE, memory_order_relaxed);
    return p;
}

gh_page *gh_chunk_map(size_t chunk_size, bool populate)
{
    char *start = chunk_size == GH_PAGE_SIZE ? map_page() : map_trimmed(chunk_size);
    if (!start)
        return NULL;
#ifdef MADV_POPULATE_WRITE
    /* One call maps every page, instead of one fault per 4 KiB page as the
     * allocator fills it.  Advisory: on older kernels it simply fails. */
    if (populate)
        madvise((void *)start, chunk_size, MADV_POPULATE_WRITE);
#else
    (void)populate;
#endif
    return (gh_page *)start;
}

/* The read below may land on poisoned memory (a semispace page whose
 * header is already filled in): it is the OS's business, not the heap's,
 * so AddressSanitizer is told to look away. */
#ifdef GH_ASAN
#define GH_NOT_CHECKED_BY_ASAN __attribute__((no_sanitize("address")))
#else
#define GH_NOT_CHECKED_BY_ASAN
#endif

GH_NOT_CHECKED_BY_ASAN void gh_prefault(void *start, size_t size)
{
#ifdef MADV_POPULATE_WRITE
    madvise(start, size, MADV_POPULATE_WRITE);
#endif
#ifdef GH_HAVE_VALGRIND
    if (RUNNING_ON_VALGRIND) /* it would report reads of poisoned pages */
        return;
#endif
    /* one read per 4 KiB page, so that later writes find it mapped */
    for (size_t off = 0; off < size; off += 4096)
        (void)((volatile const char *)start)[off];
}

/* On the benchmark VM (a paravirtualised guest) the first munmap of more
 * than 4 MiB in a process costs the whole process: afterwards the first
 * access to each of its 4 KiB pages, wherever it is, takes ~5 us (the
 * hypervisor rebuilding its own page tables, presumably; bench/page_cost
 * measures it), and the call itself takes 8-10 ms instead of 2-3 for 16
 * MiB.  A sweep unmapping a dead 6 MiB array made lesson1 with 2,000,000
 * arrays run 4.5 s instead of 3.6.  2 MiB calls stay under the threshold
 * and cost nothing elsewhere. */
#define GH_UNMAP_PIECE ((size_t)2 << 20)

void gh_os_unmap(void *start, size_t size)
{
    char *p = start;
    while (size > GH_UNMAP_PIECE) {
        munmap(p, GH_UNMAP_PIECE);
        p += GH_UNMAP_PIECE;
        size -= GH_UNMAP_PIECE;
    }
    munmap(p, size);
}

/* Its remembered set is gone already: freed by gh_slot_set_clear, which
 * keeps the heap's count of those bytes. */
static void forget_chunk(gh_page *page)
{
    page->magic = 0;
    /* Clear any poisoning before the range can be mapped again.  Large
     * chunks are never poisoned, and unpoisoning them would only make the
     * sanitizer's shadow memory resident. */
    if (page->space != GH_SPACE_LARGE)
        gh_unpoison(page, page->chunk_size);
}

void gh_chunk_unmap(gh_page *page)
{
    forget_chunk(page);
    gh_os_unmap(page, page->chunk_size);
}

static int by_address(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)*(gh_page *const *)a, y = (uintptr_t)*(gh_page *const *)b;
    return x < y ? -1 : x > y;
}

void gh_chunks_unmap(gh_page **chunks, size_t n)
{
    for (size_t i = 0; i < n; i++)
        forget_chunk(chunks[i]);
    qsort(chunks, n, sizeof *chunks, by_address);
    for (size_t i = 0; i < n;) {
        char *start = (char *)chunks[i];
        size_t len = chunks[i]->chunk_size;
        for (i++; i < n && (char *)chunks[i] == start + len; i++)
            len += chunks[i]->chunk_size;
        gh_os_unmap(start, len);
    }
}

void gh_page_init(gh_page *page, gh_heap *heap, gh_space_kind space, size_t chunk_size)
{
    memset(page, 0, GH_PAGE_HEADER_SIZE);
    page->magic = GH_PAGE_MAGIC;
    page->space = (uint32_t)space;
    page->heap = heap;
    page->chunk_size = chunk_size;
    page->area_start = (char *)page + GH_PAGE_HEADER_SIZE;
    page->area_end = (char *)page + chunk_size;
    switch (space) {
    case GH_SPACE_NEW:
        page->flags = GH_PF_YOUNG | GH_PF_TO_INTERESTING;
        break;
    case GH_SPACE_OLD:
        page->flags = GH_PF_FROM_INTERESTING;
        break;
    case GH_SPACE_LARGE:
        page->flags = GH_PF_FROM_INTERESTING | GH_PF_LARGE;
        break;
    }
}

void gh_page_clear_marks(gh_page *page)
{
    memset(page->mark_bits, 0, sizeof page->mark_bits);
}

void gh_poison(void *addr, size_t len)
{
#ifdef GH_ASAN
    ASAN_POISON_MEMORY_REGION(addr, len);
#endif
#ifdef GH_HAVE_VALGRIND
    VALGRIND_MAKE_MEM_NOACCESS(addr, len);
#endif
    (void)addr;
    (void)len;
}

void gh_unpoison(void *addr, size_t len)
{
#ifdef GH_ASAN
    ASAN_UNPOISON_MEMORY_REGION(addr, len);
#endif
#ifdef GH_HAVE_VALGRIND
    VALGRIND_MAKE_MEM_DEFINED(addr, len);
#endif
    (void)addr;
    (void)len;
}

void gh_zap(void *addr, size_t len)
{
    uint64_t *w = addr;
    gh_unpoison(addr, len); /* parts may be poisoned already */
    for (size_t i = 0; i < len / 8; i++)
        w[i] = GH_ZAP_PATTERN;
    gh_poison(addr, len);
}

