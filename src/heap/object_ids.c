/*
 * object_ids.c -- stable object ids across moving collections.
 *
 * A heap snapshot names each object by an id that must stay the same when
 * the object moves, so that two snapshots can be compared (V8's
 * HeapObjectsMap).  Ids are handed out on demand (odd numbers, as V8's;
 * ids below GH_FIRST_OBJECT_ID are left to tools for synthetic nodes) and
 * kept in two address -> id hash tables, one per generation:
 *
 *   - after a scavenge, the young table is rebuilt: forwarded entries
 *     follow their object (into the old table if it was promoted), the
 *     rest died;
 *   - after a full GC's marking, both tables drop unmarked objects; the
 *     young objects a full GC promotes, and the old objects a compaction
 *     moves, follow their forwarding addresses.
 *
 * A heap that never asks for an id pays nothing: every pass starts with
 * "is the table empty".
 */
#include <stdlib.h>

#include "heap_internal.h"

#define GH_FIRST_OBJECT_ID 1001

static size_t hash_addr(uintptr_t a, size_t mask) { return (size_t)((a >> 3) * 0x9E3779B97F4A7C15ull) & mask; }

static bool table_reserve(gh_id_table *t, size_t need)
{
    if (need * 2 <= t->cap)
        return true;
    size_t cap = t->cap ? t->cap : 1024;
    while (need * 2 > cap)
        cap *= 2;
    gh_id_entry *e = calloc(cap, sizeof *e);
    if (!e)
        return false;
    gh_id_entry *old = t->entries;
    size_t old_cap = t->cap;
    t->entries = e;
    t->cap = cap;
    t->count = 0;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].addr) {
            size_t j = hash_addr(old[i].addr, cap - 1);
            while (e[j].addr)
                j = (j + 1) & (cap - 1);
            e[j] = old[i];
            t->count++;
        }
    free(old);
    return true;
}

static gh_id_entry *table_find(const gh_id_table *t, uintptr_t addr)
{
    if (!t->cap)
        return NULL;
    for (size_t j = hash_addr(addr, t->cap - 1);; j = (j + 1) & (t->cap - 1)) {
        if (t->entries[j].addr == addr)
            return &t->entries[j];
        if (!t->entries[j].addr)
            return NULL;
    }
}

static void table_put(gh_id_table *t, uintptr_t addr, uint64_t id)
{
    if (!table_reserve(t, t->count + 1))
        gh_fatal("genheap: out of memory for object ids");
    size_t j = hash_addr(addr, t->cap - 1);
    while (t->entries[j].addr && t->entries[j].addr != addr)
        j = (j + 1) & (t->cap - 1);
    if (!t->entries[j].addr)
        t->count++;
    t->entries[j] = (gh_id_entry){addr, id};
}

/* Rebuild a table, asking `fate` where each entry's object is now (NULL:
 * dead) and into which table it goes. */
static void rebuild(gh_heap *h, gh_id_table *t,
                    char *(*fate)(gh_heap *h, char *obj, gh_id_table **into))
{
    if (!t->count)
        return;
    gh_id_entry *old = t->entries;
    size_t old_cap = t->cap;
    t->entries = NULL;
    t->cap = t->count = 0;
    for (size_t i = 0; i < old_cap; i++) {
        if (!old[i].addr)
            continue;
        gh_id_table *into = t;
        char *now = fate(h, (char *)old[i].addr, &into);
        if (now)
            table_put(into, (uintptr_t)now, old[i].id);
    }
    free(old);
}

uint64_t gh_object_id(gh_heap *h, const void *obj)
{
    if (!h || !obj)
        return 0;
    if (gh_refuse_foreign(h, obj, "gh_object_id")) /* its address would outlive it here */
        return 0;
    /* A finalizer's object is dead and the tables have dropped it: an id
     * handed out now would stay under its address, for the next object
     * allocated there to inherit. */
    if (h->finalizing) {
        gh_set_error(GH_ERR_IN_GC, "gh_object_id: called from a finalizer");
        return 0;
    }
    gh_id_table *t = gh_in_from_space(h, obj) ? &h->ids.young : &h->ids.old;
    gh_id_entry *e = table_find(t, (uintptr_t)obj);
    if (e)
        return e->id;
    if (!h->ids.next)
        h->ids.next = GH_FIRST_OBJECT_ID;
    uint64_t id = h->ids.next;
    h->ids.next += 2;
    table_put(t, (uintptr_t)obj, id);
    return id;
}

static char *after_scavenge(gh_heap *h, char *obj, gh_id_table **into)
{
    uint64_t hdr = gh_header(obj);
    if (!gh_header_is_forwarded(hdr))
        return NULL;
    char *moved = gh_header_forwardee(hdr);
    if (!gh_in_to_space(h, moved))
        *into = &h->ids.old;
    return moved;
}

void gh_ids_after_scavenge(gh_heap *h) { rebuild(h, &h->ids.young, after_scavenge); }

static char *after_marking(gh_heap *h, char *obj, gh_id_table **into)
{
    (void)h;
    (void)into;
    return gh_is_marked(obj) ? obj : NULL;
}

void gh_ids_after_marking(gh_heap *h)
{
    rebuild(h, &h->ids.old, after_marking);
    rebuild(h, &h->ids.young, after_marking);
}

static char *after_move(gh_heap *h, char *obj, gh_id_table **into)
{
    uint64_t hdr = gh_header(obj);
    if (!gh_header_is_forwarded(hdr))
        return obj;
    char *moved = gh_header_forwardee(hdr);
    if (!gh_in_from_space(h, moved))
        *into = &h->ids.old;
    return moved;
}

void gh_ids_after_moves(gh_heap *h)
{
    rebuild(h, &h->ids.old, after_move);
    rebuild(h, &h->ids.young, after_move);
}

void gh_ids_release(gh_heap *h)
{
    free(h->ids.old.entries);
    free(h->ids.young.entries);
    memset(&h->ids, 0, sizeof h->ids);
}
