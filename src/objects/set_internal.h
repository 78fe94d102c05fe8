/* set_internal.h -- what set.c and set_algebra.c share.
 *
 *   set.c          the table (probes, inserts, deletes, rebuilds), copies and clones,
 *                  the entry points and slots, the iterator, the methods that change
 *                  one set by its keys (add, remove, discard, pop, clear, copy)
 *   set_algebra.c  union, intersection, difference, symmetric difference, the
 *                  comparisons, their operators (| & - ^ and in place) and methods
 *
 * The locks are as the top of set.c says: a `_locked` function wants the set's
 * critical section held, and asserts it; the others take it themselves, so they
 * serve shared sets and private clones alike.
 */
#ifndef GILT_SET_INTERNAL_H
#define GILT_SET_INTERNAL_H

#include "objects/objects.h"

/* The key of a deleted slot (whose hash is -1): one object, defined in set.c. */
extern GObject g_set_dummy_key;
#define DUMMY (&g_set_dummy_key)

/* used is written under the lock and read by len() (and the size checks of the
 * algebra) without it, alone: relaxed. */
static inline int64_t used_of(GSet *s) { return atomic_load_explicit(&s->used, memory_order_relaxed); }
static inline void set_used(GSet *s, int64_t n) { atomic_store_explicit(&s->used, n, memory_order_relaxed); }
/* A frozenset's hash is cached by whichever thread computes it first; any thread may
 * read it, and all compute the same value: relaxed. */
static inline int64_t hash_of_set(GSet *s) { return atomic_load_explicit(&s->hash, memory_order_relaxed); }
static inline bool is_live(GSetEntry *e) { return e->key && e->key != DUMMY; }

/* The base type of a result: set for set subclasses, frozenset for frozenset's. */
static inline GType *result_type(GObject *o) { return g_isinstance(o, &GFrozenSet_type) ? &GFrozenSet_type : &GSet_type; }

/* What a table with `used` keys grows to: 4x, or 2x when large (CPython's rule). */
static inline int64_t grown_size(int64_t used) { return used > 50000 ? used * 2 : used * 4; }

/* The next live entry at or after *pos (lock held, or a clone nobody else sees). */
static inline GSetEntry *next_entry(GSet *s, int64_t *pos)
{
    while (*pos <= s->mask) {
        GSetEntry *e = &s->table[(*pos)++];
        if (is_live(e))
            return e;
    }
    return NULL;
}

/* key's hash, computed before any lock is taken (__hash__ may be Python code). */
static inline int hash_of(GObject *key, int64_t *hash)
{
    *hash = g_hash(key);
    return *hash == -1 && g_err_occurred() ? -1 : 0;
}

/* ---- set.c: the table, with the set's lock held ---- */
int set_resize_locked(GSet *s, int64_t minused);
int set_add_entry_locked(GSet *s, GObject *key, int64_t hash);
int set_discard_entry_locked(GSet *s, GObject *key, int64_t hash, GObject **dead);

/* ---- set.c: the same, each in its own section; the _key ones hash the key first ---- */
int set_add_entry(GSet *s, GObject *key, int64_t hash);
int set_contains_entry(GSet *s, GObject *key, int64_t hash);
int set_contains_key(GSet *s, GObject *key);
int set_discard_key(GSet *s, GObject *key);

/* ---- set.c: new sets, copies and clones ---- */
GSet *set_alloc(GType *type);
GSet *set_copy(GType *type, GObject *src);            /* one step under src's lock */
GSet *set_clone_of(GObject *o);                        /* the same table, private */
int set_clone2(GObject *a, GObject *b, GSet **ca, GSet **cb);  /* both in one step */
int set_update_internal(GSet *s, GObject *other);      /* s.update(other) */
void set_clear(GSet *s);

/* ---- set_algebra.c: the slots and methods it gives set and frozenset ---- */
GObject *set_richcompare(GObject *a, GObject *b, GCmpOp op);
GObject *set_or(GObject *a, GObject *b);
GObject *set_and(GObject *a, GObject *b);
GObject *set_sub(GObject *a, GObject *b);
GObject *set_xor(GObject *a, GObject *b);
GObject *set_ior(GObject *a, GObject *b);
GObject *set_iand(GObject *a, GObject *b);
GObject *set_isub(GObject *a, GObject *b);
GObject *set_ixor(GObject *a, GObject *b);

GObject *set_union_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw);
GObject *set_intersection_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw);
GObject *set_difference_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw);
GObject *set_symdiff_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw);
GObject *set_update_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw);
GObject *set_intersection_update_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw);
GObject *set_difference_update_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw);
GObject *set_symdiff_update_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw);
GObject *set_issubset_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw);
GObject *set_issuperset_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw);
GObject *set_isdisjoint_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw);

#endif
