/* map.h - Map and Set tables, for the walkers outside map.c (for-of,
 * util.inspect). */
#ifndef JS_MAP_H
#define JS_MAP_H

#include "vm.h"

/* Whether v is a Map or a Set. */
static inline bool js_is_map_or_set(gh_value v)
{
    return js_is_class(v, JC_MAP) || js_is_class(v, JC_SET);
}

/* Whether v is a Map, a Set or an iterator of one. */
static inline bool js_is_map_walkable(gh_value v)
{
    return js_is_map_or_set(v) || js_is_class(v, JC_MAPITER);
}

/* Whether iterator it (JC_MAPITER) walks a Set (else a Map). */
bool js_map_iterator_of_set(gh_value it);

/* The next value of iterator *it (a key, a value or a new [key, value]
 * array), moving it on; false once it is done, for good.  MAY COLLECT. */
bool js_map_iterator_next(gh_value *it, gh_value *out);

/* How util.inspect shows iterator it: "[Map Iterator]", "[Set Entries]"...,
 * and its remaining entries from *pos (a copy: inspecting consumes
 * nothing) as a key and, for entries, a value; false when none is left. */
const char *js_map_iterator_tag(gh_value it);
bool js_map_iterator_peek(gh_value it, size_t *pos, gh_value *key, gh_value *value, bool *pair);
size_t js_map_iterator_position(gh_value it);

/* Array.prototype.keys(), values(), entries() (kind 0, 1, 2): an iterator
 * over *array (or an array-like) of the Map iterators' class.  MAY
 * COLLECT. */
gh_value js_array_iterator_new(gh_value *array, int kind);
bool js_map_iterator_is_array(gh_value it);

/* An entry of a Map's source or of Object.fromEntries' argument: items 0
 * and 1 of object *item, into rooted slots (all three are); V8's TypeError
 * if it is not an object.  false on an exception.  MAY COLLECT. */
bool js_entry_parts(gh_value *item, gh_value *key, gh_value *value);

/* A new [key, value] array.  MAY COLLECT. */
gh_value js_map_pair(gh_value key, gh_value value);

/* Live entries of a Map or Set. */
size_t js_map_size(gh_value coll);

/* The first live entry at or after *pos in insertion order: its key and
 * value (a Set's value is its key), and *pos moved past it; false when
 * none is left.  Reads only.  Entries added during a walk are seen and
 * deleted ones are not; positions survive everything but a compaction
 * (map.c), which forEach holds off and a for-of does not. */
bool js_map_next(gh_value coll, size_t *pos, gh_value *key, gh_value *value);

#endif
