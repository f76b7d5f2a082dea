/*
 * large_object_space.c -- objects of GH_LARGE_OBJECT_SIZE bytes and more.
 *
 * Each lives alone in a chunk mapped for it (header page + object, aligned
 * to GH_PAGE_SIZE so masking still finds the header).  Large objects are
 * born old, never move, and their chunk is unmapped as soon as a full GC
 * finds them dead -- so freeing one gives its memory straight back to the
 * OS.
 */
#include <unistd.h>

#include "heap_internal.h"

static size_t chunk_size_for(size_t total)
{
    size_t os_page = (size_t)sysconf(_SC_PAGESIZE);
    size_t bytes = GH_PAGE_HEADER_SIZE + total;
    return (bytes + os_page - 1) / os_page * os_page;
}

char *gh_large_alloc(gh_heap *h, size_t total, gh_old_alloc_mode mode)
{
    gh_large_space *ls = &h->large_space;
    size_t chunk = chunk_size_for(total);
    if (chunk < total)
        return NULL;
    if (mode == GH_OLD_ALLOC_MUTATOR &&
        (chunk > h->config.max_old_space ||
         gh_old_gen_committed(h) > h->config.max_old_space - chunk))
        return NULL;
    gh_page *p = gh_chunk_map(chunk, false);
    if (!p)
        return NULL;
    gh_page_init(p, h, GH_SPACE_LARGE, chunk);
    if (!gh_address_set_add(&h->chunks, p)) {
        gh_chunk_unmap(p); /* out of memory: as if the OS had refused it */
        return NULL;
    }
    p->flags |= gh_marking_page_flags(h, GH_SPACE_LARGE);
    p->next = ls->chunks;
    if (ls->chunks)
        ls->chunks->prev = p;
    ls->chunks = p;
    ls->chunk_count++;
    ls->used += total;
    ls->committed += chunk;
    return p->area_start;
}

static void unlink_chunk(gh_heap *h, gh_page *p)
{
    gh_large_space *ls = &h->large_space;
    gh_address_set_remove(&h->chunks, p);
    gh_slot_set_clear(p);
    if (p->prev)
        p->prev->next = p->next;
    else
        ls->chunks = p->next;
    if (p->next)
        p->next->prev = p->prev;
    ls->chunk_count--;
    ls->used -= gh_object_total(p->area_start + GH_HEADER_SIZE);
    ls->committed -= p->chunk_size;
}

void gh_large_space_sweep(gh_heap *h)
{
    gh_large_space *ls = &h->large_space;
    gh_page *next;
    for (gh_page *p = ls->chunks; p; p = next) {
        next = p->next;
        char *obj = p->area_start + GH_HEADER_SIZE;
        if (gh_is_marked(obj)) {
            gh_page_clear_marks(p);
            continue;
        }
        unlink_chunk(h, p);
        gh_chunk_unmap(p);
    }
}

void gh_large_space_release(gh_heap *h)
{
    gh_large_space *ls = &h->large_space;
    while (ls->chunks) {
        gh_page *p = ls->chunks;
        unlink_chunk(h, p);
        gh_chunk_unmap(p);
    }
}
