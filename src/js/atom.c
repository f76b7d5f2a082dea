/* atom.c - interned names.  An atom is an index into a C table of byte
 * strings; property keys, variable names and string literals are atoms, so
 * shapes and compiled code hold no heap references for them.  Each atom
 * caches its heap string (rooted through js_atoms_trace).
 *
 * Atoms named from C memory that lives for good -- compiled code, the
 * runtime's own names -- are pinned.  The others (shapes' properties,
 * dictionary keys, for-in keys, strings used as keys) are freed by
 * atom_gc.c once nothing names them, and their ids are reused. */
#include <stdlib.h>
#include <string.h>

#include "js_diag.h"
#include "object.h"

typedef struct atom_entry {
    char *s;       /* NULL while the id is free */
    uint32_t len, hash;
    int64_t index; /* array index it spells, or -1; the next free id while free */
    bool pinned;   /* named from C memory: never freed */
} atom_entry;

/* The cached strings live in one old-space store indexed by atom, so a
 * scavenge visits a single root slot (and the few remembered young
 * strings) instead of every atom. */
static gh_value strings; /* js_store, or 0 */

static atom_entry *atoms;
static uint32_t natoms, capatoms; /* ids in use or free, and room */
static uint32_t nlive;            /* ids in use */
static int64_t free_list = -1;    /* a free id, or -1 */
/* nlive at which the next sweep is due (atom_gc.c sets it) */
static uint32_t sweep_at = UINT32_MAX;
static uint32_t *table; /* atom id + 1, 0 = empty */
static uint32_t tablecap;

js_atom_id A_length, A_prototype, A_constructor, A_name, A_message, A_stack, A_this,
    A_arguments, A_toString, A_valueOf, A_callee, A_exports, A_value, A_enumerable, A_writable,
    A_configurable, A_empty, A_undefined, A_main, A_id, A_filename, A_loaded, A_get, A_set,
    A_code, A_toJSON, A_type, A_size, A_class_self, A_class_fields, A_cause;

uint32_t js_hash_bytes(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static int64_t spells_index(const char *s, size_t len)
{
    if (len == 0 || len > 10 || (len > 1 && s[0] == '0'))
        return -1;
    int64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v < 4294967295LL ? v : -1;
}

/* Rebuild the hash table with room for ncap entries (a power of two). */
static void rehash(uint32_t ncap)
{
    uint32_t *nt = calloc(ncap, sizeof *nt);
    if (!nt)
        abort();
    for (uint32_t i = 0; i < natoms; i++) {
        if (!atoms[i].s)
            continue;
        uint32_t j = atoms[i].hash & (ncap - 1);
        while (nt[j])
            j = (j + 1) & (ncap - 1);
        nt[j] = i + 1;
    }
    free(table);
    table = nt;
    tablecap = ncap;
}

/* The atom spelled s[0..len) with hash h, or -1 if none was interned. */
static int64_t find(const char *s, size_t len, uint32_t h)
{
    if (!tablecap)
        return -1;
    for (uint32_t j = h & (tablecap - 1);; j = (j + 1) & (tablecap - 1)) {
        uint32_t e = table[j];
        if (!e)
            return -1;
        atom_entry *a = &atoms[e - 1];
        if (a->hash == h && a->len == len && memcmp(a->s, s, len) == 0)
            return e - 1;
    }
}

/* A fresh id: a freed one if any, else the next. */
static js_atom_id new_id(void)
{
    if (free_list >= 0) {
        js_atom_id a = (js_atom_id)free_list;
        free_list = atoms[a].index;
        return a;
    }
    if (natoms == capatoms) {
        capatoms = capatoms ? capatoms * 2 : 1024;
        atoms = realloc(atoms, capatoms * sizeof *atoms);
        if (!atoms)
            abort();
    }
    return natoms++;
}

js_atom_id js_atom_intern(const char *s, size_t len)
{
    uint32_t h = js_hash_bytes(s, len);
    int64_t found = find(s, len, h);
    if (found >= 0)
        return (js_atom_id)found;
    if ((nlive + 1) * 2 > tablecap)
        rehash(tablecap ? tablecap * 2 : 1024);
    char *copy = malloc(len + 1);
    if (!copy)
        abort();
    memcpy(copy, s, len);
    copy[len] = 0;
    js_atom_id id = new_id();
    atom_entry *a = &atoms[id];
    a->s = copy;
    a->len = (uint32_t)len;
    a->hash = h;
    a->index = spells_index(s, len);
    a->pinned = false;
    uint32_t j = h & (tablecap - 1);
    while (table[j])
        j = (j + 1) & (tablecap - 1);
    table[j] = id + 1;
    if (++nlive >= sweep_at)
        js_interrupt_pending = 1; /* atom_gc.c sweeps at the next safe point */
    return id;
}

js_atom_id js_atom_pinned(const char *s, size_t len)
{
    js_atom_id a = js_atom_intern(s, len);
    atoms[a].pinned = true;
    return a;
}


js_atom_id js_atom_cstr(const char *s) { return js_atom_pinned(s, strlen(s)); }
const char *js_atom_name(js_atom_id a) { return atoms[a].s; }
size_t js_atom_len(js_atom_id a) { return atoms[a].len; }
int64_t js_atom_index(js_atom_id a) { return atoms[a].index; }

/* i in decimal, ending at end (no terminator); returns where it starts.
 * (snprintf was most of the time of walking a million holes.) */
static char *decimal(uint64_t i, char *end)
{
    char *p = end;
    do
        *--p = (char)('0' + i % 10);
    while (i /= 10);
    return p;
}

js_atom_id js_atom_from_index(uint64_t i)
{
    char buf[24], *p = decimal(i, buf + sizeof buf);
    return js_atom_intern(p, (size_t)(buf + sizeof buf - p));
}

bool js_atom_find_index(uint64_t i, js_atom_id *out)
{
    char buf[24], *p = decimal(i, buf + sizeof buf);
    size_t n = (size_t)(buf + sizeof buf - p);
    int64_t a = find(p, n, js_hash_bytes(p, n));
    if (a >= 0)
        *out = (js_atom_id)a;
    return a >= 0;
}

static void grow_strings(js_atom_id a)
{
    js_store *st = strings ? gh_to_ptr(strings) : NULL;
    size_t cap = st ? js_store_cap(st) : 0;
    if (a < cap)
        return;
    size_t ncap = cap ? cap * 2 : 4096;
    while (ncap <= a)
        ncap *= 2;
    js_store *n = js_alloc_old(HT_STORE, sizeof(js_store) + ncap * sizeof(gh_value));
    n->capacity = gh_from_int((int64_t)ncap);
    st = strings ? gh_to_ptr(strings) : NULL;
    if (st) {
        memcpy(n->items, st->items, cap * sizeof(gh_value));
        gh_write_barrier_range(n, n->items, cap);
    }
    strings = gh_from_ptr(n);
}

gh_value js_atom_string(js_atom_id a)
{
    js_store *st = strings ? gh_to_ptr(strings) : NULL;
    if (st && a < js_store_cap(st) && st->items[a])
        return st->items[a];
    gh_value s = js_string_new(atoms[a].s, atoms[a].len);
    js_str(s)->atom = a + 1;
    gh_value *h = js_tmp_push(s);
    grow_strings(a);
    st = gh_to_ptr(strings);
    gh_set_value(st, &st->items[a], *h);
    js_tmp_pop(1);
    return st->items[a];
}

js_atom_id js_string_atom(gh_value str)
{
    js_string *s = js_str(str);
    if (s->atom)
        return s->atom - 1;
    js_atom_id a = js_atom_intern(s->data, s->len);
    s->atom = a + 1;
    return a;
}

/* The string store is a root. */
void js_atoms_trace(gh_tracer *t)
{
    gh_trace_slot(t, &strings);
}

/* ---- freeing: atom_gc.c decides when, and marks what is named ---- */

uint32_t js_atoms_ids(void) { return natoms; }
uint32_t js_atoms_live(void) { return nlive; }
void js_atoms_sweep_at(uint32_t live) { sweep_at = live; }
bool js_atoms_sweep_due(void) { return nlive >= sweep_at; }

bool js_atom_caches(js_atom_id a, const void *str)
{
    js_store *st = strings ? gh_to_ptr(strings) : NULL;
    return st && a < js_store_cap(st) && st->items[a] == gh_from_ptr(str);
}

/* Atom a's id goes back to the free list.  The string it cached stays a
 * valid string, but no longer names a: the next lookup interns anew. */
static void free_atom(js_atom_id a, js_store *st)
{
    free(atoms[a].s);
    atoms[a].s = NULL;
    if (st && a < js_store_cap(st) && st->items[a]) {
        js_str(st->items[a])->atom = 0;
        gh_set_value(st, &st->items[a], 0);
    }
    atoms[a].index = free_list;
    free_list = a;
    nlive--;
}

void js_atoms_sweep(const uint64_t *named)
{
    js_store *st = strings ? gh_to_ptr(strings) : NULL;
    size_t freed = 0;
    for (uint32_t a = 0; a < natoms; a++)
        if (atoms[a].s && !atoms[a].pinned && !(named[a / 64] >> (a % 64) & 1)) {
            free_atom(a, st);
            freed++;
        }
    if (freed) {
        uint32_t cap = 1024;
        while (cap < nlive * 4)
            cap *= 2;
        rehash(cap < tablecap ? cap : tablecap);
    }
}

void js_atoms_init(void)
{
    A_length = js_atom_cstr("length");
    A_prototype = js_atom_cstr("prototype");
    A_constructor = js_atom_cstr("constructor");
    A_name = js_atom_cstr("name");
    A_message = js_atom_cstr("message");
    A_stack = js_atom_cstr("stack");
    A_this = js_atom_cstr("this");
    A_arguments = js_atom_cstr("arguments");
    A_toString = js_atom_cstr("toString");
    A_valueOf = js_atom_cstr("valueOf");
    A_callee = js_atom_cstr("callee");
    A_exports = js_atom_cstr("exports");
    A_value = js_atom_cstr("value");
    A_enumerable = js_atom_cstr("enumerable");
    A_writable = js_atom_cstr("writable");
    A_configurable = js_atom_cstr("configurable");
    A_empty = js_atom_cstr("");
    A_undefined = js_atom_cstr("undefined");
    A_main = js_atom_cstr("main");
    A_id = js_atom_cstr("id");
    A_filename = js_atom_cstr("filename");
    A_loaded = js_atom_cstr("loaded");
    A_get = js_atom_cstr("get");
    A_set = js_atom_cstr("set");
    A_code = js_atom_cstr("code");
    A_toJSON = js_atom_cstr("toJSON");
    A_type = js_atom_cstr("type");
    A_size = js_atom_cstr("size");
    /* a class's hidden bindings (parser_class.c names them the same way) */
    A_class_self = js_atom_cstr("%self");
    A_class_fields = js_atom_cstr("%fields");
    A_cause = js_atom_cstr("cause");
}

void js_atoms_free(void)
{
    for (uint32_t i = 0; i < natoms; i++)
        free(atoms[i].s);
    free(atoms);
    free(table);
    atoms = NULL;
    table = NULL;
    natoms = capatoms = tablecap = 0;
    strings = 0;
}
