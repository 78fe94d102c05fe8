/* set.c -- set and frozenset: open-addressing hash tables of keys.
 *
 *   GSet: | header | used | fill | mask | table ---> [ (hash, key) x (mask + 1) ] | hash | finger |
 *
 * A slot is unused (key NULL), deleted (key DUMMY, hash -1) or live.  Probing
 * follows CPython's set: a few linear probes, then the perturbed jump.  The table
 * keeps at most 3/5 of its slots filled (live + deleted) and grows 4x (2x when
 * large).  The algorithms -- which of two equal keys a result keeps, the order keys
 * are visited in, when a table is rebuilt -- are CPython 3.11's, so that sets print
 * in the same order.
 *
 * frozenset shares every function; it just has no mutating methods and a hash.
 *
 * This file holds the table, the copies and clones, the entry points and slots, the
 * iterator and the methods that change one set by its keys.  The algebra -- |, &, -,
 * ^, the comparisons, their in-place forms and methods -- is in set_algebra.c, built
 * from the primitives set_internal.h declares.
 *
 * Threads.  Every operation that reads or changes a set's table holds that set's
 * critical section (runtime/critsec.h); the `_locked` helpers assume it.  Python code
 * runs in two places only: a key's __hash__, always before the lock is taken, and a
 * key's __eq__, which a lookup runs with the lock of the set it probes held (as
 * CPython does: the lookup starts over if the table changed meanwhile).  No walk over
 * a set runs Python code with that set's lock held:
 *
 *   - set(s), s.copy(), frozenset(s), list(s) and repr(s) copy the keys in one step
 *     under the lock, where nothing needs hashing or comparing (the hashes are
 *     stored, and keys that were distinct stay distinct): they are atomic;
 *   - the algebra of two sets (&, -, <=, ==, isdisjoint) first clones both in one
 *     step under both locks -- the same table, so the same order -- and then works on
 *     the clones, which nobody else can see, so an __eq__ may do as it likes: the
 *     result is atomic, as in free-threaded CPython;
 *   - s | t, s.update(t), s -= t, s ^= t clone t the same way, then change the result
 *     (or s, under its lock) from the clone.
 *
 * Sets are not read without a lock: they are rarely the shared hot spot that
 * globals and attribute dicts are.
 */
#include <string.h>

#include "objects/objects.h"
#include "objects/set_internal.h"
#include "runtime/critsec.h"

#define LINEAR_PROBES 9
GObject g_set_dummy_key = G_STATIC_HEADER(&GObject_type);

GSet *set_alloc(GType *type)
{
    GSet *s = (GSet *)g_object_alloc(type, type->basicsize);
    if (!s)
        return (GSet *)g_no_memory();
    memset((char *)s + sizeof(GObject), 0, type->basicsize - sizeof(GObject));
    atomic_init(&s->hash, -1);
    s->mask = 7;
    s->table = g_mem_calloc(8, sizeof(GSetEntry));
    if (!s->table) {
        g_object_free((GObject *)s);
        return (GSet *)g_no_memory();
    }
    return s;
}

/* ====================================================================================
 * The table: lookups, inserts, deletes (lock held)
 * ==================================================================================== */

/* Put a key that is not in the table into the first unused slot of its probe
 * sequence: no comparisons. */
static void insert_clean(GSetEntry *table, uint64_t mask, GObject *key, int64_t hash)
{
    uint64_t perturb = (uint64_t)hash, i = (uint64_t)hash & mask;
    for (;;) {
        GSetEntry *e = &table[i];
        int probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        for (int probe = 0; probe <= probes; probe++, e++)
            if (!e->key) {
                e->key = key;
                e->hash = hash;
                return;
            }
        perturb >>= 5;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

/* Rebuild the table at the smallest size above minused, dropping deleted slots. */
int set_resize_locked(GSet *s, int64_t minused)
{
    G_ASSERT_CRITSEC_HELD(s);
    int64_t size = 8;
    while (size <= minused)
        size <<= 1;
    if (size == 8 && s->mask == 7 && s->fill == used_of(s))
        return 0;     /* as small as it gets, and nothing to purge */
    GSetEntry *t = g_mem_calloc((size_t)size, sizeof(GSetEntry));
    if (!t) {
        g_no_memory();
        return -1;
    }
    GSetEntry *old = s->table;
    int64_t oldmask = s->mask;
    for (int64_t i = 0; i <= oldmask; i++)
        if (is_live(&old[i]))
            insert_clean(t, (uint64_t)(size - 1), old[i].key, old[i].hash);
    s->table = t;
    s->mask = size - 1;
    s->fill = used_of(s);
    g_mem_free(old);
    return 0;
}

/* The entry holding key, or the unused entry where the probe ended; NULL on error.
 * A key's __eq__ may run, and may change the set: then the lookup starts over. */
static GSetEntry *lookup_locked(GSet *s, GObject *key, int64_t hash)
{
    G_ASSERT_CRITSEC_HELD(s);
restart:;
    uint64_t mask = (uint64_t)s->mask, perturb = (uint64_t)hash, i = (uint64_t)hash & mask;
    for (;;) {
        GSetEntry *e = &s->table[i];
        int probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        for (int probe = 0; probe <= probes; probe++, e++) {
            if (!e->key)
                return e;
            if (e->hash != hash)
                continue;
            GObject *start = e->key;
            if (start == key || (G_TYPE(start) == &GStr_type && G_TYPE(key) == &GStr_type && g_str_eq(start, key)))
                return e;
            GSetEntry *table = s->table;
            g_incref(start);
            int eq = g_eq(start, key);
            g_decref(start);
            if (eq < 0)
                return NULL;
            if (table != s->table || e->key != start)
                goto restart;     /* __eq__ changed the set */
            if (eq)
                return e;
        }
        perturb >>= 5;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

/* Add key (with its hash) unless an equal key is there: CPython's set_add_entry,
 * which reuses the last deleted slot of the probe sequence. */
int set_add_entry_locked(GSet *s, GObject *key, int64_t hash)
{
    G_ASSERT_CRITSEC_HELD(s);
restart:;
    uint64_t mask = (uint64_t)s->mask, perturb = (uint64_t)hash, i = (uint64_t)hash & mask;
    GSetEntry *freeslot = NULL;
    for (;;) {
        GSetEntry *e = &s->table[i];
        int probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        for (int probe = 0; probe <= probes; probe++, e++) {
            if (!e->key) {
                if (freeslot) {
                    e = freeslot;
                } else {
                    s->fill++;
                }
                e->key = g_newref(key);
                e->hash = hash;
                set_used(s, used_of(s) + 1);
                if (freeslot || (uint64_t)s->fill * 5 < mask * 3)
                    return 0;
                return set_resize_locked(s, grown_size(used_of(s)));
            }
            if (e->key == DUMMY) {
                freeslot = e;
                continue;
            }
            if (e->hash != hash)
                continue;
            GObject *start = e->key;
            if (start == key || (G_TYPE(start) == &GStr_type && G_TYPE(key) == &GStr_type && g_str_eq(start, key)))
                return 0;
            GSetEntry *table = s->table;
            g_incref(start);
            int eq = g_eq(start, key);
            g_decref(start);
            if (eq != 0)
                return eq < 0 ? -1 : 0;
            if (table != s->table || e->key != start)
                goto restart;
        }
        perturb >>= 5;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

/* 1 found and removed, 0 not there, -1 error.  The key's reference goes to *dead
 * (the caller drops it after the lock). */
int set_discard_entry_locked(GSet *s, GObject *key, int64_t hash, GObject **dead)
{
    G_ASSERT_CRITSEC_HELD(s);
    GSetEntry *e = lookup_locked(s, key, hash);
    if (!e)
        return -1;
    if (!e->key)
        return 0;
    *dead = e->key;
    e->key = DUMMY;
    e->hash = -1;
    set_used(s, used_of(s) - 1);
    return 1;
}

bool g_set_next(GObject *o, int64_t *pos, GObject **key)
{
    GSetEntry *e = next_entry((GSet *)o, pos);
    if (e)
        *key = e->key;
    return e != NULL;
}

/* ---- the same, each in its own section (for shared sets and private clones alike) ---- */

int set_add_entry(GSet *s, GObject *key, int64_t hash)
{
    GCritSec cs;
    g_critsec_begin(&cs, (GObject *)s);     /* full: __eq__ may run */
    int r = set_add_entry_locked(s, key, hash);
    g_critsec_end(&cs);
    return r;
}

int set_contains_entry(GSet *s, GObject *key, int64_t hash)
{
    GCritSec cs;
    g_critsec_begin(&cs, (GObject *)s);
    GSetEntry *e = lookup_locked(s, key, hash);
    int r = e ? e->key != NULL : -1;
    g_critsec_end(&cs);
    return r;
}

static int discard_entry(GSet *s, GObject *key, int64_t hash)
{
    GObject *dead = NULL;
    GCritSec cs;
    g_critsec_begin(&cs, (GObject *)s);
    int r = set_discard_entry_locked(s, key, hash, &dead);
    g_critsec_end(&cs);
    g_xdecref(dead);
    return r;
}

static int add_key(GSet *s, GObject *key)
{
    int64_t h;
    return hash_of(key, &h) < 0 ? -1 : set_add_entry(s, key, h);
}

int set_contains_key(GSet *s, GObject *key)
{
    int64_t h;
    return hash_of(key, &h) < 0 ? -1 : set_contains_entry(s, key, h);
}

int set_discard_key(GSet *s, GObject *key)
{
    int64_t h;
    return hash_of(key, &h) < 0 ? -1 : discard_entry(s, key, h);
}

/* ====================================================================================
 * Copies
 * ==================================================================================== */

/* Add other's keys to s: CPython's set_merge.  Into an unused table (fill 0) the
 * keys go without a comparison; otherwise __eq__ may run, so then other must be a
 * clone nobody else sees.  s locked, and other too unless it is such a clone. */
static int merge_locked(GSet *s, GSet *other)
{
    G_ASSERT_CRITSEC_HELD(s);
    if (s == other || other->used == 0)
        return 0;
    if ((s->fill + used_of(other)) * 5 >= s->mask * 3 && set_resize_locked(s, (used_of(s) + used_of(other)) * 2) < 0)
        return -1;
    if (s->fill == 0 && s->mask == other->mask && other->fill == used_of(other)) {
        /* the same size and no deleted slots: the same places */
        for (int64_t i = 0; i <= other->mask; i++)
            if (other->table[i].key) {
                s->table[i].key = g_newref(other->table[i].key);
                s->table[i].hash = other->table[i].hash;
            }
        s->fill = other->fill;
        set_used(s, used_of(other));
        return 0;
    }
    if (s->fill == 0) {
        for (int64_t i = 0; i <= other->mask; i++)
            if (is_live(&other->table[i]))
                insert_clean(s->table, (uint64_t)s->mask, g_newref(other->table[i].key), other->table[i].hash);
        s->fill = used_of(other);
        set_used(s, used_of(other));
        return 0;
    }
    for (int64_t i = 0; i <= other->mask; i++) {
        GSetEntry *e = &other->table[i];
        if (is_live(e) && set_add_entry_locked(s, e->key, e->hash) < 0)
            return -1;
    }
    return 0;
}

/* A new set of the given type holding the keys of the set src, made in one step. */
GSet *set_copy(GType *type, GObject *src)
{
    GSet *r = set_alloc(type);
    if (!r)
        return NULL;
    GCritSec cs;
    g_critsec_begin2_short(&cs, (GObject *)r, src);
    int rc = merge_locked(r, (GSet *)src);       /* r is unused: no Python code */
    g_critsec_end_short(&cs);
    if (rc < 0)
        G_CLEAR(r);
    return r;
}

/* A verbatim private copy of s -- the same table, deleted slots and all -- so that
 * CPython's algorithms visit its keys in the same order as s's. */
static GSet *clone_locked(GSet *s)
{
    G_ASSERT_CRITSEC_HELD(s);
    GSet *c = (GSet *)g_object_alloc(&GSet_type, sizeof(GSet));
    if (!c)
        return (GSet *)g_no_memory();
    memset((char *)c + sizeof(GObject), 0, sizeof(GSet) - sizeof(GObject));
    atomic_init(&c->hash, -1);
    c->table = g_mem_alloc((size_t)(s->mask + 1) * sizeof(GSetEntry));
    if (!c->table) {
        g_object_free((GObject *)c);
        return (GSet *)g_no_memory();
    }
    memcpy(c->table, s->table, (size_t)(s->mask + 1) * sizeof(GSetEntry));
    for (int64_t i = 0; i <= s->mask; i++)
        if (is_live(&c->table[i]))
            g_incref(c->table[i].key);
    c->mask = s->mask;
    c->fill = s->fill;
    atomic_init(&c->used, used_of(s));
    return c;
}

GSet *set_clone_of(GObject *o)
{
    GCritSec cs;
    g_critsec_begin_short(&cs, o);
    GSet *c = clone_locked((GSet *)o);
    g_critsec_end_short(&cs);
    return c;
}

/* Clones of two sets taken in one step under both locks. */
int set_clone2(GObject *a, GObject *b, GSet **ca, GSet **cb)
{
    GCritSec cs;
    g_critsec_begin2_short(&cs, a, b);
    *ca = clone_locked((GSet *)a);
    *cb = *ca ? clone_locked((GSet *)b) : NULL;
    g_critsec_end_short(&cs);
    if (*cb)
        return 0;
    G_CLEAR(*ca);
    return -1;
}

/* Add the keys of a dict snapshot (stored hashes: no __hash__), as CPython does for
 * set(d) and s.update(d). */
static int merge_dict_locked(GSet *s, GDictEntry *e, int64_t n)
{
    G_ASSERT_CRITSEC_HELD(s);
    if ((s->fill + n) * 5 >= s->mask * 3 && set_resize_locked(s, (used_of(s) + n) * 2) < 0)
        return -1;
    for (int64_t i = 0; i < n; i++)
        if (set_add_entry_locked(s, e[i].key, e[i].hash) < 0)
            return -1;
    return 0;
}

/* s.update(other) for any iterable: CPython's set_update_internal. */
int set_update_internal(GSet *s, GObject *other)
{
    if (g_is_anyset(other)) {
        if (other == (GObject *)s)
            return 0;
        GSet *c = set_clone_of(other);
        if (!c)
            return -1;
        GCritSec cs;
        g_critsec_begin(&cs, (GObject *)s);
        int r = merge_locked(s, c);
        g_critsec_end(&cs);
        g_decref((GObject *)c);
        return r;
    }
    if (G_TYPE(other) == &GDict_type) {
        GDictEntry *e;
        int64_t n;
        if (g_dict_snapshot(other, &e, &n) < 0)
            return -1;
        GCritSec cs;
        g_critsec_begin(&cs, (GObject *)s);
        int r = merge_dict_locked(s, e, n);
        g_critsec_end(&cs);
        g_dict_snapshot_free(e, n);
        return r;
    }
    GObject *it = g_iter(other);
    if (!it)
        return -1;
    GObject *k;
    while ((k = g_next(it))) {
        int r = add_key(s, k);
        g_decref(k);
        if (r < 0) {
            g_decref(it);
            return -1;
        }
    }
    g_decref(it);
    return g_err_occurred() ? -1 : 0;
}

GObject *g_set_new(GType *type, GObject *iterable)
{
    if (iterable && g_is_anyset(iterable))
        return (GObject *)set_copy(type, iterable);
    GSet *s = set_alloc(type);
    if (s && iterable && set_update_internal(s, iterable) < 0)
        G_CLEAR(s);
    return (GObject *)s;
}

/* Append the keys of the set src to list, in one step under both locks. */
static int extend_list(GObject *list, GObject *src)
{
    GCritSec cs;
    g_critsec_begin2_short(&cs, list, src);
    int64_t pos = 0;
    GObject *k;
    int r = 0;
    while (r == 0 && g_set_next(src, &pos, &k))
        r = g_list_append(list, k);
    g_critsec_end_short(&cs);
    return r;
}

int g_set_extend_list(GObject *list, GObject *src)
{
    /* (not subclasses: they may iterate differently) */
    if (G_TYPE(src) != &GSet_type && G_TYPE(src) != &GFrozenSet_type)
        return 0;
    return extend_list(list, src) < 0 ? -1 : 1;
}

/* ====================================================================================
 * Public entry points and slots
 * ==================================================================================== */

int g_set_add(GObject *o, GObject *key) { return add_key((GSet *)o, key); }

/* `key in s`; a set key is looked up as the frozenset it equals, as in CPython. */
int g_set_contains(GObject *o, GObject *key)
{
    int r = set_contains_key((GSet *)o, key);
    if (r < 0 && g_isinstance(key, &GSet_type) && g_err_matches(&GExc_TypeError)) {
        g_err_clear();
        GObject *f = g_set_new(&GFrozenSet_type, key);
        r = f ? set_contains_key((GSet *)o, f) : -1;
        g_xdecref(f);
    }
    return r;
}

/* discard(key): the same retry with a frozenset. */
static int set_discard(GSet *s, GObject *key)
{
    int r = set_discard_key(s, key);
    if (r < 0 && g_isinstance(key, &GSet_type) && g_err_matches(&GExc_TypeError)) {
        g_err_clear();
        GObject *f = g_set_new(&GFrozenSet_type, key);
        r = f ? set_discard_key(s, f) : -1;
        g_xdecref(f);
    }
    return r;
}

/* Empty the set: the old table is taken out under the lock, its keys dropped after. */
void set_clear(GSet *s)
{
    GSetEntry *fresh = g_mem_calloc(8, sizeof(GSetEntry));
    if (!fresh)
        return;      /* keep the keys rather than lose the table */
    GCritSec cs;
    g_critsec_begin_short(&cs, (GObject *)s);
    GSetEntry *old = s->table;
    int64_t n = s->mask + 1;
    s->table = fresh;
    s->mask = 7;
    s->fill = 0;
    set_used(s, 0);
    g_critsec_end_short(&cs);
    for (int64_t i = 0; i < n; i++)
        if (is_live(&old[i]))
            g_decref(old[i].key);
    g_mem_free(old);
}

static void set_dealloc(GObject *o)
{
    GSet *s = (GSet *)o;
    for (int64_t i = 0; i <= s->mask; i++)
        if (is_live(&s->table[i]))
            g_decref(s->table[i].key);
    g_mem_free(s->table);
    GObject **dp = g_instance_dict_ptr(o);
    if (dp)
        G_CLEAR(*dp);
    g_object_free(o);
}

/* The collector breaks a cycle through a set by emptying it. */
static void set_clear_slot(GObject *o) { set_clear((GSet *)o); }

static int set_traverse(GObject *o, GVisitFn visit, void *arg)
{
    int64_t pos = 0;
    GObject *k;
    while (g_set_next(o, &pos, &k))
        if (visit(k, arg))
            return 1;
    return 0;
}

/* repr: the keys are copied to a list in one step and the list's repr is used, as
 * in CPython: "{a, b}", "frozenset({a})", "Sub({a})". */
static GObject *set_repr(GObject *o)
{
    const char *tn = G_TYPE(o)->name;
    if (used_of((GSet *)o) == 0)
        return g_format("%s()", tn);
    int guard = g_repr_enter(o);
    if (guard)
        return guard < 0 ? NULL : g_format("%s(...)", tn);
    GObject *keys = g_list_new(0), *lr = NULL;
    if (keys && extend_list(keys, o) == 0)
        lr = g_repr(keys);
    g_xdecref(keys);
    g_repr_leave(o);
    if (!lr)
        return NULL;
    GBuf b;
    g_buf_init(&b);
    bool plain = G_TYPE(o) == &GSet_type;
    if (!plain)
        g_buf_printf(&b, "%s(", tn);
    g_buf_putc(&b, '{');
    g_buf_put(&b, g_str_data(lr) + 1, (size_t)g_str_nbytes(lr) - 2);   /* without the [ ] */
    g_buf_putc(&b, '}');
    if (!plain)
        g_buf_putc(&b, ')');
    g_decref(lr);
    return g_buf_finish(&b);
}

static ssize_t set_len(GObject *o) { return (ssize_t)used_of((GSet *)o); }
static int set_contains_slot(GObject *o, GObject *k) { return g_set_contains(o, k); }

static inline uint64_t shuffle_bits(uint64_t h) { return ((h ^ 89869747UL) ^ (h << 16)) * 3644798167UL; }

/* CPython's frozenset hash: independent of the order, cached.  A frozenset never
 * changes once made, so its table is read without a lock. */
static int64_t frozenset_hash(GObject *o)
{
    GSet *s = (GSet *)o;
    int64_t cached = hash_of_set(s);
    if (cached != -1)
        return cached;
    uint64_t h = 0;
    for (int64_t i = 0; i <= s->mask; i++)
        h ^= shuffle_bits((uint64_t)s->table[i].hash);
    if ((s->mask + 1 - s->fill) & 1)        /* take out an odd number of unused slots */
        h ^= shuffle_bits(0);
    if ((s->fill - used_of(s)) & 1)            /* ... and of deleted ones */
        h ^= shuffle_bits((uint64_t)-1);
    h ^= ((uint64_t)used_of(s) + 1) * 1927868237UL;
    h ^= (h >> 11) ^ (h >> 25);
    h = h * 69069U + 907133923UL;
    int64_t r = (int64_t)h;
    if (r == -1)
        r = 590923713;
    atomic_store_explicit(&s->hash, r, memory_order_relaxed);
    return r;
}

/* ---- iterator ---- */

/* pos -1: exhausted.  Like the list iterator (iter.c) it keeps its set until it is
 * freed, and its fields are relaxed atomics, so threads may share one. */
typedef struct { GObject ob; GObject *set; _Atomic int64_t pos, used; } GSetIter;
static GType GSetIter_type;

static inline int64_t load_rel(_Atomic int64_t *p) { return atomic_load_explicit(p, memory_order_relaxed); }
static inline void store_rel(_Atomic int64_t *p, int64_t v) { atomic_store_explicit(p, v, memory_order_relaxed); }

static GObject *set_iter(GObject *o)
{
    GSetIter *it = (GSetIter *)g_object_alloc(&GSetIter_type, sizeof(GSetIter));
    if (!it)
        return g_no_memory();
    it->set = g_newref(o);
    atomic_init(&it->pos, 0);
    atomic_init(&it->used, used_of((GSet *)o));
    return (GObject *)it;
}

static GObject *setiter_next(GObject *o)
{
    GSetIter *it = (GSetIter *)o;
    int64_t pos = load_rel(&it->pos);
    if (pos < 0)
        return NULL;
    if (used_of((GSet *)it->set) != load_rel(&it->used)) {
        store_rel(&it->used, -1);     /* sticky, as in CPython */
        return g_raise(&GExc_RuntimeError, "Set changed size during iteration");
    }
    GCritSec cs;
    g_critsec_begin_short(&cs, it->set);
    GSetEntry *e = next_entry((GSet *)it->set, &pos);
    GObject *k = e ? g_newref(e->key) : NULL;
    g_critsec_end_short(&cs);
    store_rel(&it->pos, k ? pos : -1);
    return k;
}

static void setiter_dealloc(GObject *o)
{
    g_decref(((GSetIter *)o)->set);
    g_object_free(o);
}

static GObject *self_iter(GObject *o) { return g_newref(o); }

static GType GSetIter_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "set_iterator",
    .basicsize = sizeof(GSetIter),
    .tp_dealloc = setiter_dealloc,
    .tp_iter = self_iter,
    .tp_iternext = setiter_next,
};


/* ---- methods ---- */

#define ARGS GObject *self, GObject *const *args, size_t nargs, GObject *kw

static GObject *add_m(ARGS)
{
    if (g_no_kwargs("add", kw) < 0 || g_check_nargs("add", nargs, 1, 1) < 0)
        return NULL;
    return g_set_add(self, args[0]) < 0 ? NULL : G_NONE;
}

static GObject *remove_m(ARGS)
{
    if (g_no_kwargs("remove", kw) < 0 || g_check_nargs("remove", nargs, 1, 1) < 0)
        return NULL;
    int r = set_discard((GSet *)self, args[0]);
    if (r < 0)
        return NULL;
    if (r == 0) {
        GObject *t = g_tuple_pack(1, args[0]);
        GObject *exc = t ? g_exc_new(&GExc_KeyError, t) : NULL;
        g_xdecref(t);
        return exc ? g_raise_obj(exc) : NULL;
    }
    return G_NONE;
}

static GObject *discard_m(ARGS)
{
    if (g_no_kwargs("discard", kw) < 0 || g_check_nargs("discard", nargs, 1, 1) < 0)
        return NULL;
    return set_discard((GSet *)self, args[0]) < 0 ? NULL : G_NONE;
}

/* pop: from the finger on, wrapping around, as CPython does. */
static GObject *pop_m(ARGS)
{
    (void)args;
    if (g_no_kwargs("pop", kw) < 0 || g_check_nargs("pop", nargs, 0, 0) < 0)
        return NULL;
    GSet *s = (GSet *)self;
    GCritSec cs;
    g_critsec_begin_short(&cs, self);
    GObject *k = NULL;
    if (used_of(s)) {
        int64_t i = s->finger & s->mask;
        while (!is_live(&s->table[i]))
            i = i == s->mask ? 0 : i + 1;
        k = s->table[i].key;
        s->table[i].key = DUMMY;
        s->table[i].hash = -1;
        set_used(s, used_of(s) - 1);
        s->finger = i + 1;
    }
    g_critsec_end_short(&cs);
    return k ? k : g_raise(&GExc_KeyError, "pop from an empty set");
}

static GObject *clear_m(ARGS)
{
    (void)args; (void)nargs; (void)kw;
    set_clear((GSet *)self);
    return G_NONE;
}

static GObject *copy_m(ARGS)
{
    (void)args; (void)nargs; (void)kw;
    if (G_TYPE(self) == &GFrozenSet_type)
        return g_newref(self);
    return (GObject *)set_copy(result_type(self), self);
}


static const GMethodDef set_methods[] = {
    { "add", add_m, 0, NULL }, { "remove", remove_m, 0, NULL }, { "discard", discard_m, 0, NULL },
    { "pop", pop_m, 0, NULL }, { "clear", clear_m, 0, NULL }, { "copy", copy_m, 0, NULL },
    { "union", set_union_m, 0, NULL }, { "intersection", set_intersection_m, 0, NULL },
    { "difference", set_difference_m, 0, NULL }, { "symmetric_difference", set_symdiff_m, 0, NULL },
    { "update", set_update_m, 0, NULL }, { "intersection_update", set_intersection_update_m, 0, NULL },
    { "difference_update", set_difference_update_m, 0, NULL },
    { "symmetric_difference_update", set_symdiff_update_m, 0, NULL },
    { "issubset", set_issubset_m, 0, NULL }, { "issuperset", set_issuperset_m, 0, NULL },
    { "isdisjoint", set_isdisjoint_m, 0, NULL },
    { NULL, NULL, 0, NULL },
};

static const GMethodDef frozenset_methods[] = {
    { "copy", copy_m, 0, NULL },
    { "union", set_union_m, 0, NULL }, { "intersection", set_intersection_m, 0, NULL },
    { "difference", set_difference_m, 0, NULL }, { "symmetric_difference", set_symdiff_m, 0, NULL },
    { "issubset", set_issubset_m, 0, NULL }, { "issuperset", set_issuperset_m, 0, NULL },
    { "isdisjoint", set_isdisjoint_m, 0, NULL },
    { NULL, NULL, 0, NULL },
};

static GObject *set_new_slot(GType *type, GObject *const *args, size_t nargs, GObject *kwnames)
{
    if (g_no_kwargs(type->name, kwnames) < 0 || g_check_nargs(type->name, nargs, 0, 1) < 0)
        return NULL;
    if (type == &GFrozenSet_type && nargs == 1 && G_TYPE(args[0]) == &GFrozenSet_type)
        return g_newref(args[0]);
    bool is_set = type == &GSet_type || g_type_is_subtype(type, &GSet_type);
    /* a set is filled by __init__; a frozenset here */
    return g_set_new(type, !is_set && nargs ? args[0] : NULL);
}

static int set_init(GObject *self, GObject *const *args, size_t nargs, GObject *kwnames)
{
    if (g_no_kwargs("set", kwnames) < 0 || g_check_nargs("set", nargs, 0, 1) < 0)
        return -1;
    if (used_of((GSet *)self))
        set_clear((GSet *)self);
    if (nargs)
        return set_update_internal((GSet *)self, args[0]);
    return 0;
}

GType GSet_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "set",
    .basicsize = sizeof(GSet),
    .flags = G_TPFLAG_BASETYPE | G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_new = set_new_slot,
    .tp_init = set_init,
    .tp_dealloc = set_dealloc,
    .tp_traverse = set_traverse,
    .tp_clear = set_clear_slot,
    .tp_repr = set_repr,
    .tp_richcompare = set_richcompare,
    .tp_iter = set_iter,
    .nb = { [NB_OR] = set_or, [NB_AND] = set_and, [NB_SUB] = set_sub, [NB_XOR] = set_xor },
    .nb_inplace = { [NB_OR] = set_ior, [NB_AND] = set_iand, [NB_SUB] = set_isub, [NB_XOR] = set_ixor },
    .sq_len = set_len,
    .sq_contains = set_contains_slot,
    .methods = set_methods,
};

GType GFrozenSet_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "frozenset",
    .basicsize = sizeof(GSet),
    .flags = G_TPFLAG_BASETYPE | G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_new = set_new_slot,
    .tp_dealloc = set_dealloc,
    .tp_traverse = set_traverse,
    .tp_clear = set_clear_slot,
    .tp_repr = set_repr,
    .tp_hash = frozenset_hash,
    .tp_richcompare = set_richcompare,
    .tp_iter = set_iter,
    .nb = { [NB_OR] = set_or, [NB_AND] = set_and, [NB_SUB] = set_sub, [NB_XOR] = set_xor },
    .sq_len = set_len,
    .sq_contains = set_contains_slot,
    .methods = frozenset_methods,
};
