/* weak_table.h - ephemeron tables (HT_WEAK) for WeakMap, WeakSet, WeakRef
 * and FinalizationRegistry (weak_table.c, weak.c). */
#ifndef GHJS_WEAK_TABLE_H
#define GHJS_WEAK_TABLE_H

#include "object.h"

/* The words before `pairs` are integers, not slots (slots_offset 16). */
typedef struct js_weak {
    gh_value capacity; /* pairs (a power of two for hash tables) */
    gh_value used;     /* hash tables: pairs ever used; lists: pairs filled */
    gh_value pairs[];  /* (key, value): a value lives only while its key
                          does; a full GC empties (0, 0) a dead key's pair */
} js_weak;

/* A table of n pairs, all never used (key undefined).  MAY COLLECT. */
gh_value js_weak_new(size_t pairs);

/* Identity hash tables keyed by objects, in slot `slot` of the object in
 * *holder (a WeakMap or WeakSet).  get returns JS_HOLE when absent. */
gh_value js_weak_table_get(gh_value table, gh_value key);
bool js_weak_table_has(gh_value table, gh_value key);
bool js_weak_table_delete(gh_value table, gh_value key);
/* Insert or replace; may replace the table (grown).  All three rooted.
 * MAY COLLECT. */
void js_weak_table_set(gh_value *holder, int slot, gh_value *key, gh_value *value);
/* The live entry in pair i, if any (for inspection; no allocation). */
size_t js_weak_table_capacity(gh_value table);
bool js_weak_table_at(gh_value table, size_t i, gh_value *key, gh_value *value);

#endif
