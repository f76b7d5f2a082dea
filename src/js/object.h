/* object.h - shapes (hidden classes), objects, properties, arrays.
 *
 * A shape describes the layout of the objects that share it: the class, the
 * prototype, how many in-object property slots they have, and the ordered
 * list of named properties (atom + attributes); property i lives in
 * in-object slot i when i < ninobj, else in the overflow store (obj->props).
 * Adding a property moves the object along a transition to a child shape,
 * so objects built the same way share one shape and property sites can
 * cache (shape -> slot).  Shapes live in C memory.  Each object holds its
 * prototype in a slot of its own; a shape holds it weakly, and the shapes
 * of a prototype that has died are freed at the next safe point (shape.c).
 *
 * An object that gets many properties, or loses one by delete, goes to
 * dictionary mode: an ordered hash table in obj->props (dict.c) and a shape
 * with dict set, shared by all dictionary objects of the same prototype.
 */
#ifndef GHJS_OBJECT_H
#define GHJS_OBJECT_H

#include "value.h"

enum { PF_ENUMERABLE = 1, PF_WRITABLE = 2, PF_CONFIGURABLE = 4, PF_DEFAULT = 7, PF_HIDDEN = 6,
       PF_ACCESSOR = 8, /* the slot holds a JC_ACCESSOR pair (accessor.c) */
       PF_PRIVATE = 16  /* a class's #name: no key lists it (vm_loop.h's *_PRIVATE) */ };

typedef struct js_prop {
    js_atom_id atom;
    uint32_t flags;
} js_prop;

typedef struct js_shape {
    /* the prototype, through a weak global shared by the whole tree of
     * shapes grown from one root (NULL for a null prototype): objects keep
     * their prototype alive (js_object.proto), shapes do not (shape.c) */
    gh_global *proto_ref;
    uint8_t klass;
    uint8_t nint;     /* internal slots before the in-object properties */
    uint16_t ninobj;  /* in-object property capacity */
    uint32_t count;   /* named properties */
    bool dict;
    bool dead;        /* its prototype died: to be freed (js_shapes_sweep) */
    struct js_shape *parent;
    js_prop *props;   /* count entries */
    struct js_shape **kids; /* transitions, at most JS_MAX_TRANSITIONS */
    uint32_t nkids, capkids;
    uint32_t *kidhash; /* kid index + 1 by (atom, flags), once nkids > 8 */
    uint32_t kidhashcap;
    int32_t *hash;    /* lookup table (count > 8), lazily built */
    uint32_t hashcap;
    uint32_t root_index; /* roots only: where in shape.c's list of roots */
} js_shape;

/* The prototype a shape was made for (null once it has died). */
static inline gh_value js_shape_proto(const js_shape *s)
{
    void *p = s->proto_ref ? gh_global_get(s->proto_ref) : NULL;
    return p ? gh_from_ptr(p) : JSV_NULL;
}

static inline js_shape *js_shape_of(js_object *o) { return (js_shape *)js_cptr_get(o->shape); }
static inline js_class js_class_of(gh_value v)
{
    return (js_class)js_shape_of(js_obj(v))->klass;
}
static inline bool js_is_class(gh_value v, js_class c)
{
    return js_is_object(v) && js_shape_of(js_obj(v))->klass == c;
}
static inline bool js_is_array(gh_value v) { return js_is_class(v, JC_ARRAY); }
bool js_is_callable(gh_value v);
bool js_is_constructor(gh_value v); /* what `new` accepts */

/* Store into a property slot of o (in-object, or in its overflow store or
 * dictionary, which is then the object the barrier must name). */
static inline void js_slot_write(js_object *o, gh_value *slot, gh_value v)
{
    char *p = (char *)slot;
    void *host = (p > (char *)o && p < (char *)o + gh_size_of(o)) ? (void *)o : gh_to_ptr(o->props);
    gh_set_value(host, slot, v);
    js_note_store(host, v);
}

/* ---- shapes (shape.c) ---- */
js_shape *js_shape_root(gh_value proto, js_class klass, unsigned ninobj);
js_shape *js_shape_dict(gh_value proto, js_class klass);
/* The transition adding (atom, flags), made if new; NULL if s already has
 * JS_MAX_TRANSITIONS others (the object then goes to dictionary mode, as
 * in V8: a script that gives fresh objects ever-new keys would otherwise
 * grow a shape per key, each kept for good). */
#define JS_MAX_TRANSITIONS 1024
js_shape *js_shape_add(js_shape *s, js_atom_id atom, uint32_t flags);
int js_shape_find(js_shape *s, js_atom_id atom);                      /* index or -1 */
js_shape *js_shape_with_proto(js_shape *s, gh_value proto); /* NULL as js_shape_add */
/* For shapes that C code keeps in a static: their prototype stays alive. */
void js_shape_keep(js_shape *s);
/* Free the shapes of prototypes that have died, once every inline cache
 * has forgotten them (code.c).  At a safe point only (js_interrupt_run),
 * and not while a native that may hold a shape runs. */
bool js_shapes_sweep_due(void);
void js_shapes_sweep(void);
/* Each property name that a live shape holds (atom_gc.c). */
void js_shapes_each_atom(void (*fn)(js_atom_id atom, void *data), void *data);
void js_shapes_free(void); /* at exit */

/* ---- objects (object.c) ---- */
/* A new object of the shape's class with its internal slots zeroed.
 * MAY COLLECT (the shape is C memory, so it is safe across that). */
gh_value js_object_new_shape(js_shape *s);
gh_value js_object_new(void); /* {} with Object.prototype */
gh_value js_object_new_proto(gh_value proto);

/* Own property lookup: the slot holding the value, or NULL; *flags set.
 * The pointer is valid until the next allocation. */
gh_value *js_own_slot(js_object *o, js_atom_id atom, uint32_t *flags);
/* [[Get]] on any value (primitives use their prototype).  MAY COLLECT (lazy
 * function prototypes, string chars).  JS_EXCEPTION on error. */
gh_value js_get(gh_value obj, js_atom_id atom);
gh_value js_get_value(gh_value obj, gh_value key);     /* obj[key] */
/* [[Get]] starting at the object obj, getters called on receiver
 * (`super.x`: the home object's prototype, and `this`). */
gh_value js_get_from(gh_value obj, js_atom_id atom, gh_value receiver);
gh_value js_get_index(gh_value obj, int64_t index);
/* [[Set]]: returns false with a pending exception on error.  `obj` and `v`
 * may move: pass them in rooted slots. */
bool js_set(gh_value *obj, js_atom_id atom, gh_value *v);
bool js_set_value(gh_value *obj, gh_value *key, gh_value *v);
bool js_set_index(gh_value *obj, int64_t index, gh_value *v);
/* Define an own data property with flags (replacing any). */
bool js_define(gh_value *obj, js_atom_id atom, gh_value *v, uint32_t flags);
/* Convenience for natives: define from a plain value (roots it). */
void js_define_value(gh_value obj, js_atom_id atom, gh_value v, uint32_t flags);
bool js_has_own(gh_value obj, js_atom_id atom);
bool js_has_property(gh_value obj, js_atom_id atom);
bool js_has_index(gh_value obj, uint64_t i); /* HasProperty(obj, i), interning no atom */
int js_delete(gh_value *obj, js_atom_id atom); /* 1 ok, 0 not deletable, -1 throw */
js_atom_id js_key_atom(gh_value key);          /* ToPropertyKey; (js_atom_id)-1 on exception */
gh_value js_get_proto(gh_value obj);
bool js_set_proto(gh_value *obj, gh_value proto);
/* Own enumerable (or all) string keys in JS order: integer keys ascending,
 * then names in insertion order.  Returns a new array.  MAY COLLECT. */
gh_value js_own_keys(gh_value obj, bool only_enumerable);
/* The same as a malloc'd array of atoms (free it); does not allocate in the heap. */
size_t js_own_key_atoms(gh_value obj, bool only_enumerable, js_atom_id **out);
/* Own property value without allocating (JS_HOLE if absent, or if it
 * is an accessor). */
gh_value js_own_value(gh_value obj, js_atom_id atom);

/* ---- accessor properties (accessor.c) ----
 * An accessor property's slot holds a JC_ACCESSOR pair (getter, setter)
 * and has PF_ACCESSOR among its flags (never PF_WRITABLE).  [[Get]] and
 * [[Set]] call them with the object they started from as `this`; the
 * inline caches never cache them. */
/* Define or update an accessor: getter or setter JS_HOLE keeps the half
 * the property has (`get x` and `set x` are defined one at a time).
 * false with an exception pending.  MAY COLLECT. */
bool js_define_accessor(gh_value *obj, js_atom_id atom, gh_value *getter, gh_value *setter,
                        uint32_t flags);
gh_value js_accessor_get(gh_value pair, gh_value receiver); /* MAY COLLECT */
bool js_accessor_set(gh_value pair, gh_value *receiver, gh_value *v); /* MAY COLLECT */
static inline gh_value js_accessor_getter(gh_value pair) { return js_obj(pair)->slots[0]; }
static inline gh_value js_accessor_setter(gh_value pair) { return js_obj(pair)->slots[1]; }
/* Convert to dictionary mode. */
void js_object_to_dict(gh_value *obj);
bool js_instance_of(gh_value v, gh_value ctor, bool *error);

/* ---- stores and dictionaries (store.c) ---- */
js_store *js_store_new(size_t capacity, gh_value fill); /* MAY COLLECT */
static inline size_t js_store_cap(const js_store *s) { return (size_t)gh_to_int(s->capacity); }
gh_value js_dict_new(size_t capacity);
/* index of the entry or -1 */
long js_dict_find(js_store *d, js_atom_id atom);
gh_value *js_dict_value(js_store *d, long entry);
uint32_t js_dict_flags(js_store *d, long entry);
js_atom_id js_dict_key(js_store *d, long entry);
long js_dict_used(js_store *d);
void js_dict_put(gh_value *obj, js_atom_id atom, gh_value *v, uint32_t flags);
bool js_dict_remove(js_store *d, js_atom_id atom);
/* insert a new key; the dictionary must have room (does not allocate) */
void js_dict_insert_raw(js_store *d, js_atom_id atom, gh_value v, uint32_t flags);
gh_value js_for_in_keys(gh_value obj);

/* ---- arrays (array.c) ---- */
#define ARR_ELEMENTS 0
#define ARR_LENGTH 1
gh_value js_array_new(size_t length, size_t capacity); /* holes; MAY COLLECT */
gh_value js_array_new_with_length(uint32_t length);   /* new Array(n); MAY COLLECT */
static inline uint64_t js_array_length(js_object *a) { return (uint64_t)gh_to_int(a->slots[ARR_LENGTH]); }
static inline js_store *js_array_store(js_object *a)
{
    return a->slots[ARR_ELEMENTS] ? (js_store *)gh_to_ptr(a->slots[ARR_ELEMENTS]) : NULL;
}
/* Element i or JS_HOLE. */
gh_value js_array_get(js_object *a, uint64_t i);
bool js_array_set(gh_value *arr, uint64_t i, gh_value *v); /* grows */
bool js_array_push(gh_value *arr, gh_value *v);
bool js_array_set_length(gh_value *arr, uint64_t len);
void js_array_reserve(gh_value *arr, uint64_t cap);

#endif
