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

/* Live entries of a Map or Set. */
size_t js_map_size(gh_value coll);

/* The first live entry at or after *pos in insertion order: its key and
 * value (a Set's value is its key), and *pos moved past it; false when
 * none is left.  Reads only.  Entries added during a walk are seen and
 * deleted ones are not; positions survive everything but a compaction
 * (map.c), which forEach holds off and a for-of does not. */
bool js_map_next(gh_value coll, size_t *pos, gh_value *key, gh_value *value);

#endif
