/* dict.c -- dict: an insertion-ordered hash table (the "compact dict" layout).
 *
 *   GDict: | header | used | keys ----> GDictKeys
 *
 *   GDictKeys:
 *   +------+--------+----------+-------------------------+----------------------------+
 *   | size | usable | nentries | indices[size] (int32)   | entries[usable]            |
 *   +------+--------+----------+-------------------------+----------------------------+
 *                                 -1 empty, -2 deleted,      (hash, key, value) in
 *                                 else an entry number       insertion order
 *
 * A lookup hashes the key, probes `indices` (CPython's perturbation sequence:
 * i = 5*i + perturb + 1) and compares the entry's key: identity first, then the
 * hash, then ==.  Iteration walks `entries` in order, skipping deleted ones, which is
 * why dicts keep insertion order for free.  When the entries fill up, the table is
 * rebuilt at a size fitting the live items (deleted entries are dropped then).
 *
 * Threads.  Dicts hold globals, builtins and attributes, so every thread reads them
 * all the time; gilt reads them without a lock and writes them under the dict's
 * critical section (runtime/critsec.h):
 *
 *   writer (holds the dict's lock)              reader (no lock)
 *   ---------------------------------------     ------------------------------------------
 *   fill entry (hash, key, value),              k = d->keys            (acquire)
 *   then publish its number in indices[]  -->   ix = k->indices[i]     (acquire)
 *   (release)                                   key, value of entry ix (acquire)
 *   replace a value: store the new one,         -- uses them, takes its own reference
 *   defer dropping the old one (qsbr.h)
 *   resize: build a new table, publish it,      -- a reader still in the old table sees
 *   defer freeing the old one                      a consistent old snapshot
 *
 * Nothing a reader can have loaded is freed until the reader passes a quiescent
 * point, so a borrowed result of g_dict_get stays valid until this thread next
 * checks its eval breaker or blocks.  Entries are never reused, so a reader never
 * sees a key paired with another key's value.  A lookup that would have to run
 * Python code (__eq__ of a key that is not a str, int or float) takes the lock
 * instead, and restarts if the table changed under it, as CPython's does.
 *
 * Walks.  A walk that runs Python code on the entries (repr, ==) takes each entry
 * without a lock, as a reader, and a reference to its key and value before the
 * code runs.  A copy (d.copy(), dict(d), {**d}, d | e) fills an empty dict from the
 * source under both locks and runs no Python code: keys are distinct and their
 * hashes stored, so nothing needs comparing or hashing -- it is atomic, as in
 * free-threaded CPython.  d.update(e) into a non-empty d copies e's entries in one
 * step (g_dict_snapshot) and inserts them under d's lock, where a key's __eq__ may
 * run as it may for any d[k] = v.
 *
 * This file holds the table and the C API (objects.h).  The slots, the methods and
 * the type object are in dict_type.c, made of that API and the few table operations
 * dict_internal.h declares; the iterators and the keys/values/items views are in
 * dict_view.c.
 */
#include "objects/dict_internal.h"
#include "objects/objects.h"
#include "runtime/critsec.h"
#include "runtime/qsbr.h"
#include "runtime/race.h"
#include "runtime/runtime.h"

#define IX_EMPTY (-1)
#define IX_DUMMY (-2)
#define LOOKUP_ERROR (-2)
#define LOOKUP_RESTART (-3)

/* An entry of the table.  The hash is written before the key is published and never
 * changes; key and value are loaded by readers without the lock. */
typedef struct Entry { int64_t hash; GObject *_Atomic key; GObject *_Atomic value; } Entry;

struct GDictKeys {
    /* any: names this table's set of keys and their entry numbers, for the inline
     * caches of the specializing eval loop; 0 = none yet.  Handed out on first use
     * (g_dict_lookup_versioned), dropped back to 0 by the lock holder once it has
     * added or removed an entry (a new table starts at 0).  Replacing a value keeps
     * it: the caches hold entry numbers, not values. */
    _Atomic uint32_t version;
    int64_t size;                /* slots in indices: a power of two */
    int64_t usable;              /* entries that fit before a resize */
    _Atomic int64_t nentries;    /* entries used, including deleted ones */
    _Atomic int32_t *indices;
    Entry *entries;
};

/* ---- the fields readers load without the lock ----
 *
 * The lock holder publishes with release stores and reads with relaxed loads (the
 * *_relaxed accessors: nothing changes the fields under it).  A reader without the lock loads with acquire, so that what
 * a published pointer or index leads to was filled in before it was published.  A
 * table being built is filled with atomic_init and published whole by store_keys. */

static inline GDictKeys *load_keys(GDict *d) { return atomic_load_explicit(&d->keys, memory_order_acquire); }
static inline GDictKeys *keys_relaxed(GDict *d) { return atomic_load_explicit(&d->keys, memory_order_relaxed); }
static inline void store_keys(GDict *d, GDictKeys *k) { atomic_store_explicit(&d->keys, k, memory_order_release); }
static inline int32_t load_ix(GDictKeys *k, uint64_t i) { return atomic_load_explicit(&k->indices[i], memory_order_acquire); }
static inline int32_t ix_relaxed(GDictKeys *k, uint64_t i) { return atomic_load_explicit(&k->indices[i], memory_order_relaxed); }
static inline void store_ix(GDictKeys *k, uint64_t i, int32_t ix) { atomic_store_explicit(&k->indices[i], ix, memory_order_release); }
static inline GObject *load_key(Entry *e) { return atomic_load_explicit(&e->key, memory_order_acquire); }
static inline GObject *key_relaxed(Entry *e) { return atomic_load_explicit(&e->key, memory_order_relaxed); }
static inline void store_key(Entry *e, GObject *v) { atomic_store_explicit(&e->key, v, memory_order_release); }
static inline GObject *load_value(Entry *e) { return atomic_load_explicit(&e->value, memory_order_acquire); }
static inline GObject *value_relaxed(Entry *e) { return atomic_load_explicit(&e->value, memory_order_relaxed); }
static inline void store_value(Entry *e, GObject *v) { atomic_store_explicit(&e->value, v, memory_order_release); }
static inline int64_t load_nentries(GDictKeys *k) { return atomic_load_explicit(&k->nentries, memory_order_acquire); }
static inline int64_t nentries_relaxed(GDictKeys *k) { return atomic_load_explicit(&k->nentries, memory_order_relaxed); }
static inline void store_nentries(GDictKeys *k, int64_t n) { atomic_store_explicit(&k->nentries, n, memory_order_release); }
/* used: len() reads it alone, so relaxed both ways */
static inline int64_t used_of(GDict *d) { return atomic_load_explicit(&d->used, memory_order_relaxed); }
static inline void set_used(GDict *d, int64_t n) { atomic_store_explicit(&d->used, n, memory_order_relaxed); }

/* After adding or removing an entry (so after publishing it): every cache filed under
 * the table's tag stops matching.  Release: whoever hands out the next tag (an
 * acquire CAS on this 0) then sees the change. */
static inline void drop_version(GDictKeys *k) { atomic_store_explicit(&k->version, 0, memory_order_release); }

/* The entry whose number sits in indices[slot]. */
static inline Entry *entry_at_slot(GDictKeys *k, int64_t slot) { return &k->entries[ix_relaxed(k, (uint64_t)slot)]; }

static GDictKeys *keys_new(int64_t size)
{
    int64_t usable = (size * 2) / 3;
    size_t bytes = sizeof(GDictKeys) + (size_t)size * sizeof(int32_t) + (size_t)usable * sizeof(Entry);
    if (size > ((int64_t)1 << 31))
        return NULL;
    GDictKeys *k = g_mem_alloc(bytes);
    if (!k)
        return NULL;
    k->size = size;
    k->usable = usable;
    atomic_init(&k->version, 0);
    atomic_init(&k->nentries, 0);
    k->indices = (_Atomic int32_t *)(k + 1);
    k->entries = (Entry *)(k->indices + size);
    for (int64_t i = 0; i < size; i++)
        atomic_init(&k->indices[i], IX_EMPTY);
    return k;
}

GObject *g_dict_new(void)
{
    GDict *d = (GDict *)g_object_alloc(&GDict_type, sizeof(GDict));
    if (!d)
        return g_no_memory();
    atomic_init(&d->used, 0);
    atomic_init(&d->keys, NULL);
    return (GObject *)d;
}

static inline int64_t key_hash(GObject *key)
{
    if (G_TYPE(key) == &GStr_type) {
        int64_t h = ((GStr *)key)->hash;
        return h != -1 ? h : g_str_hash(key);
    }
    return g_hash(key);
}

/* Find key, without a lock: 1 found (*value borrowed), 0 missing, -1 "ask under the
 * lock" (an == that could run Python code), -2 error (from a pure ==: none today). */
static int lookup_unlocked(GDictKeys *k, GObject *key, int64_t hash, GObject **value)
{
    if (!k)
        return 0;
    uint64_t mask = (uint64_t)k->size - 1;
    uint64_t perturb = (uint64_t)hash;
    uint64_t i = (uint64_t)hash & mask;
    for (;;) {
        int32_t ix = load_ix(k, i);
        if (ix == IX_EMPTY)
            return 0;
        if (ix >= 0) {
            Entry *e = &k->entries[ix];
            GObject *ek = load_key(e);
            if (ek == key || (ek && e->hash == hash && ek != key && g_eq_is_pure(ek, key) && g_eq(ek, key) == 1)) {
                *value = load_value(e);
                return *value ? 1 : 0;    /* NULL: deleted while we looked */
            }
            if (ek && e->hash == hash && !g_eq_is_pure(ek, key))
                return -1;
        }
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & mask;
    }
}

/* Find key with the dict's lock held: returns the slot in indices holding it, -1
 * if it is not there, LOOKUP_ERROR on error, LOOKUP_RESTART if an __eq__ changed
 * the table (or emptied the dict). */
static int64_t lookup_locked(GDict *d, GObject *key, int64_t hash)
{
    G_ASSERT_CRITSEC_HELD(d);
    GDictKeys *k = keys_relaxed(d);
    if (!k)
        return -1;
    uint64_t mask = (uint64_t)k->size - 1;
    uint64_t perturb = (uint64_t)hash;
    uint64_t i = (uint64_t)hash & mask;
    for (;;) {
        int32_t ix = ix_relaxed(k, i);
        if (ix == IX_EMPTY)
            return -1;
        if (ix >= 0) {
            Entry *e = &k->entries[ix];
            GObject *ek = key_relaxed(e);
            if (ek == key)
                return (int64_t)i;
            if (e->hash == hash) {
                int eq;
                if (G_TYPE(ek) == &GStr_type && G_TYPE(key) == &GStr_type) {
                    eq = g_str_eq(ek, key);
                } else {
                    g_incref(ek);
                    eq = g_eq(ek, key);
                    g_decref(ek);
                    if (eq >= 0 && (keys_relaxed(d) != k || key_relaxed(e) != ek))
                        return LOOKUP_RESTART;   /* __eq__ changed the dict */
                }
                if (eq < 0)
                    return LOOKUP_ERROR;
                if (eq)
                    return (int64_t)i;
            }
        }
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & mask;
    }
}

static int64_t lookup_retry(GDict *d, GObject *key, int64_t hash)
{
    int64_t slot;
    while ((slot = lookup_locked(d, key, hash)) == LOOKUP_RESTART)
        ;
    return slot;
}

/* The first slot of hash's probe sequence that holds no entry (empty or deleted):
 * where a key known to be absent goes.  Runs no Python code. */
static uint64_t free_slot(GDictKeys *k, int64_t hash)
{
    uint64_t mask = (uint64_t)k->size - 1, perturb = (uint64_t)hash;
    uint64_t i = (uint64_t)hash & mask;
    while (ix_relaxed(k, i) >= 0) {
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}

/* The slot whose index is entry ix, found by probing for its hash: no __eq__. */
static uint64_t slot_of_entry(GDictKeys *k, int64_t hash, int32_t ix)
{
    uint64_t mask = (uint64_t)k->size - 1, perturb = (uint64_t)hash;
    uint64_t i = (uint64_t)hash & mask;
    while (ix_relaxed(k, i) != ix) {
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}

/* The smallest table for minused + 1 entries. */
static int64_t size_for(int64_t minused)
{
    int64_t size = 8;
    while (size * 2 / 3 < minused + 1)
        size *= 2;
    return size;
}

/* Append an entry to a table that has room and does not hold the key. */
static void append_entry(GDictKeys *k, int64_t hash, GObject *key, GObject *value)
{
    int64_t n = nentries_relaxed(k);
    Entry *e = &k->entries[n];
    e->hash = hash;
    store_key(e, key);
    store_value(e, value);
    store_nentries(k, n + 1);
    store_ix(k, free_slot(k, hash), (int32_t)n);   /* publish: readers can find it now */
    drop_version(k);
}

/* Rebuild the table with room for minused + 1 entries.  Lock held. */
static int resize_locked(GDict *d, int64_t minused)
{
    G_ASSERT_CRITSEC_HELD(d);
    GDictKeys *nk = keys_new(size_for(minused));
    if (!nk) {
        g_no_memory();
        return -1;
    }
    GDictKeys *ok = keys_relaxed(d);
    int64_t n = 0;
    for (int64_t j = 0; ok && j < nentries_relaxed(ok); j++) {
        Entry *e = &ok->entries[j], *ne = &nk->entries[n];
        GObject *key = key_relaxed(e);
        if (!key)
            continue;
        ne->hash = e->hash;
        atomic_init(&ne->key, key);
        atomic_init(&ne->value, value_relaxed(e));
        atomic_init(&nk->indices[free_slot(nk, e->hash)], (int32_t)n);
        n++;
    }
    atomic_init(&nk->nentries, n);
    store_keys(d, nk);
    g_qsbr_free(ok);   /* readers may still be in the old table */
    return 0;
}

/* The locked lookup, for keys whose == may run Python code.  Borrowed result. */
static GObject *get_with_lock(GDict *d, GObject *key, int64_t h)
{
    GCritSec cs;
    g_critsec_begin(&cs, (GObject *)d);
    GObject *v = NULL;
    int64_t slot = lookup_retry(d, key, h);
    if (slot >= 0)
        v = value_relaxed(entry_at_slot(keys_relaxed(d), slot));
    g_critsec_end(&cs);
    return v;
}

/* The value under key, whose hash is h (borrowed; NULL: missing or error). */
GObject *dict_get_hashed(GDict *d, GObject *key, int64_t h)
{
    GObject *v;
    int r = lookup_unlocked(load_keys(d), key, h, &v);
    if (r > 0)
        return v;
    if (r == 0)
        return NULL;
    return get_with_lock(d, key, h);
}

GObject *g_dict_get(GObject *o, GObject *key)
{
    int64_t h = key_hash(key);
    if (h == -1 && g_err_occurred())
        return NULL;
    return dict_get_hashed((GDict *)o, key, h);
}

/* name's entry number in table k (-1: absent), without a lock; name is a str.
 * *same: the key there is name itself (false: an equal str, not the interned one,
 * which an entry number checked by identity -- the inline caches' -- never matches). */
static inline int64_t probe_entry(GDictKeys *k, GObject *name, bool *same)
{
    int64_t h = ((GStr *)name)->hash;
    if (h == -1)
        h = g_str_hash(name);
    uint64_t mask = (uint64_t)k->size - 1, perturb = (uint64_t)h, i = (uint64_t)h & mask;
    for (;;) {
        int32_t ix = load_ix(k, i);
        if (ix == IX_EMPTY)
            return -1;
        if (ix >= 0) {
            Entry *e = &k->entries[ix];
            GObject *ek = load_key(e);
            if (ek == name || (ek && e->hash == h && G_TYPE(ek) == &GStr_type && g_str_eq(ek, name))) {
                *same = ek == name;
                return ix;
            }
        }
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & mask;
    }
}

GObject *g_dict_get_interned(GObject *o, GObject *key)
{
    GDictKeys *k = load_keys((GDict *)o);
    bool same;
    int64_t ix = k ? probe_entry(k, key, &same) : -1;
    return ix >= 0 ? load_value(&k->entries[ix]) : NULL;
}

/* ---- version tags and entry numbers: what the inline caches of the specializing
 * eval loop (vm/specialize.c) remember about a dict ----
 *
 * A cache remembers "name is entry ix of the table tagged v" (or "the table tagged v
 * has no entry for name").  While d's table still carries v that stays true: a tag
 * is dropped as soon as an entry is added or removed, and a rebuilt table starts
 * untagged.  Tags come from one counter, so a tag never names two tables, and a
 * table freed and its memory reused carries no old tag.  The value itself is read
 * fresh from the entry, so replacing a value (the common write: `count += 1` on a
 * global) leaves every cache valid. */

static _Atomic uint32_t next_version = 1;   /* relaxed: uniqueness is all it gives */

uint32_t g_dict_lookup_versioned(GObject *o, GObject *name, int64_t *ix)
{
    GDictKeys *k = load_keys((GDict *)o);
    *ix = -1;
    if (!k)
        return 0;
    /* acquire: a current tag was handed out after the last entry added or removed */
    uint32_t v = atomic_load_explicit(&k->version, memory_order_acquire);
    if (!v) {
        uint32_t fresh = atomic_fetch_add_explicit(&next_version, 1, memory_order_relaxed);
        if (fresh == 0 || fresh == UINT32_MAX) {   /* used up: no more caching */
            atomic_store_explicit(&next_version, UINT32_MAX, memory_order_relaxed);
            return 0;
        }
        /* acq_rel: reads the 0 that drop_version released after its change, so the
         * probe below sees that change; publishes the tag */
        if (atomic_compare_exchange_strong_explicit(&k->version, &v, fresh, memory_order_acq_rel,
                                                    memory_order_acquire))
            v = fresh;
        if (!v)
            return 0;
    }
    /* probe this table (not d->keys again: the tag is this table's) */
    bool same;
    int64_t e = probe_entry(k, name, &same);
    if (e >= 0 && !same)
        return 0;   /* found by equality only: leave it to ordinary lookups */
    *ix = e;
    return v;
}

GObject *g_dict_versioned_value(GObject *o, uint32_t version, int64_t ix)
{
    GDictKeys *k = load_keys((GDict *)o);
    /* acquire: pairs with the tag's CAS, so entry ix is the one filed under it */
    if (!k || !version || atomic_load_explicit(&k->version, memory_order_acquire) != version)
        return NULL;
    return load_value(&k->entries[ix]);
}

bool g_dict_has_version(GObject *o, uint32_t version)
{
    GDictKeys *k = load_keys((GDict *)o);
    return k && version && atomic_load_explicit(&k->version, memory_order_acquire) == version;
}

int64_t g_dict_entry_of(GObject *o, GObject *name)
{
    GDictKeys *k = load_keys((GDict *)o);
    bool same;
    int64_t ix = k ? probe_entry(k, name, &same) : -1;
    return ix >= 0 && same ? ix : -1;
}

GObject *g_dict_entry_value(GObject *o, int64_t ix, GObject *name)
{
    GDictKeys *k = load_keys((GDict *)o);
    /* acquire on nentries: entry ix was filled before it was counted */
    if (!k || ix < 0 || ix >= load_nentries(k))
        return NULL;
    Entry *e = &k->entries[ix];
    return load_key(e) == name ? load_value(e) : NULL;
}

bool g_dict_store_at(GObject *o, int64_t ix, GObject *name, GObject *value)
{
    GDict *d = (GDict *)o;
    GCritSec cs;
    GObject *old = NULL;
    /* a short section (critsec.h): nothing inside runs Python code or blocks -- the
     * old value is dropped after it, and it is the one hot write of `self.n += 1` */
    g_critsec_begin_short(&cs, o);
    GDictKeys *k = keys_relaxed(d);
    if (k && ix >= 0 && ix < nentries_relaxed(k)) {
        Entry *e = &k->entries[ix];
        GObject *v = value_relaxed(e);
        if (key_relaxed(e) == name && v) {
            store_value(e, g_newref(value));
            old = v;
        }
    }
    g_critsec_end_short(&cs);
    if (!old)
        return false;
    g_qsbr_decref(old);   /* a reader may hold it: as insert_locked does */
    return true;
}

GObject *g_dict_get_str(GObject *d, const char *key)
{
    GObject *k = g_str_from_cstr(key);
    if (!k)
        return NULL;
    GObject *v = g_dict_get(d, k);
    g_decref(k);
    return v;
}

int g_dict_contains_hashed(GObject *o, GObject *key, int64_t hash)
{
    if (dict_get_hashed((GDict *)o, key, hash))
        return 1;
    return g_err_occurred() ? -1 : 0;
}

int g_dict_contains(GObject *o, GObject *key)
{
    if (g_dict_get(o, key))
        return 1;
    return g_err_occurred() ? -1 : 0;
}

/* Insert or replace, lock held.  If found is not NULL and the key is present, the
 * present value is left alone and returned there (borrowed): setdefault. */
static int insert_locked(GDict *d, GObject *key, int64_t h, GObject *value, GObject **found)
{
    G_ASSERT_CRITSEC_HELD(d);
    int64_t slot;
    do {
        if (!keys_relaxed(d) && resize_locked(d, 0) < 0)     /* (an __eq__ may have emptied the dict) */
            return -1;
        slot = lookup_locked(d, key, h);
    } while (slot == LOOKUP_RESTART);
    if (slot == LOOKUP_ERROR)
        return -1;
    if (slot >= 0) {
        Entry *e = entry_at_slot(keys_relaxed(d), slot);
        if (found) {
            *found = value_relaxed(e);
            return 0;
        }
        GObject *old = value_relaxed(e);
        store_value(e, g_newref(value));
        g_qsbr_decref(old);
        return 0;
    }
    /* absent: from here on no Python code runs */
    GDictKeys *k = keys_relaxed(d);
    int64_t used = used_of(d);
    if (nentries_relaxed(k) >= k->usable && resize_locked(d, used * 2 > 8 ? used * 2 : 8) < 0)
        return -1;
    append_entry(keys_relaxed(d), h, g_newref(key), g_newref(value));
    set_used(d, used + 1);
    if (found)
        *found = value;
    return 0;
}

int g_dict_set(GObject *o, GObject *key, GObject *value)
{
    int64_t h = key_hash(key);
    if (h == -1 && g_err_occurred())
        return -1;
    GCritSec cs;
    g_critsec_begin(&cs, o);
    int r = insert_locked((GDict *)o, key, h, value, NULL);
    g_critsec_end(&cs);
    return r;
}

int g_dict_set_str(GObject *d, const char *key, GObject *value)
{
    GObject *k = g_str_intern(key);
    if (!k)
        return -1;
    return g_dict_set(d, k, value);
}

/* d.setdefault(key, dflt) as one atomic step: the value now under key (new reference). */
GObject *g_dict_setdefault(GObject *o, GObject *key, GObject *dflt)
{
    int64_t h = key_hash(key);
    if (h == -1 && g_err_occurred())
        return NULL;
    GCritSec cs;
    g_critsec_begin(&cs, o);
    GObject *v = NULL;
    if (insert_locked((GDict *)o, key, h, dflt, &v) == 0)
        g_incref(v);
    g_critsec_end(&cs);
    return v;
}

GObject *dict_missing_key(GObject *key)
{
    GObject *args = g_tuple_pack(1, key);
    if (!args)
        return NULL;
    GObject *exc = g_exc_new(&GExc_KeyError, args);
    g_decref(args);
    if (!exc)
        return NULL;
    return g_raise_obj(exc);
}

/* Remove the entry at indices[slot], lock held; returns the value (new reference).
 * A reader may have loaded the value a moment ago: the dict's own reference is
 * dropped only once readers have moved on, and the caller gets a fresh one. */
static GObject *remove_slot_locked(GDict *d, int64_t slot)
{
    G_ASSERT_CRITSEC_HELD(d);
    GDictKeys *k = keys_relaxed(d);
    Entry *e = entry_at_slot(k, slot);
    GObject *key = key_relaxed(e), *value = value_relaxed(e);
    store_ix(k, (uint64_t)slot, IX_DUMMY);
    store_key(e, NULL);
    store_value(e, NULL);
    drop_version(k);
    set_used(d, used_of(d) - 1);
    g_qsbr_decref(key);
    if (g_concurrent()) {
        g_incref(value);
        g_qsbr_decref(value);
    }
    return value;
}

/* Remove key if its value is `expected` (NULL: whatever it is); the compare and the
 * removal under one lock, so a store in between cannot be lost. */
static GObject *pop_key_if(GObject *o, GObject *key, GObject *expected)
{
    GDict *d = (GDict *)o;
    int64_t h = key_hash(key);
    if (h == -1 && g_err_occurred())
        return NULL;
    GCritSec cs;
    g_critsec_begin(&cs, o);
    GObject *v = NULL;
    int64_t slot = lookup_retry(d, key, h);
    if (slot >= 0 && (!expected || value_relaxed(entry_at_slot(keys_relaxed(d), slot)) == expected))
        v = remove_slot_locked(d, slot);
    g_critsec_end(&cs);
    return v;
}

GObject *dict_pop_key(GObject *o, GObject *key) { return pop_key_if(o, key, NULL); }

GObject *g_dict_pop_if_is(GObject *o, GObject *key, GObject *expected) { return pop_key_if(o, key, expected); }

int g_dict_del(GObject *o, GObject *key)
{
    GObject *v = dict_pop_key(o, key);
    if (!v) {
        if (!g_err_occurred())
            dict_missing_key(key);
        return -1;
    }
    g_decref(v);
    return 0;
}

int64_t g_dict_size(GObject *d) { return used_of((GDict *)d); }

/* The next live entry at or after *pos, read as a reader without a lock: its key and
 * value are borrowed, valid until this thread's next quiescent point (see the top of
 * the file); a caller that runs Python code in between must take references. */
bool g_dict_next_entry(GObject *o, int64_t *pos, GDictEntry *out)
{
    GDictKeys *k = load_keys((GDict *)o);
    if (!k)
        return false;
    int64_t n = load_nentries(k);
    while (*pos < n) {
        Entry *e = &k->entries[(*pos)++];
        GObject *ek = load_key(e), *ev = load_value(e);
        if (ek && ev) {
            out->hash = e->hash;     /* written before the key was published */
            out->key = ek;
            out->value = ev;
            return true;
        }
    }
    return false;
}

bool g_dict_next(GObject *o, int64_t *pos, GObject **key, GObject **value)
{
    GDictEntry e;
    if (!g_dict_next_entry(o, pos, &e))
        return false;
    if (key)
        *key = e.key;
    if (value)
        *value = e.value;
    return true;
}

int g_dict_snapshot(GObject *o, GDictEntry **out, int64_t *n)
{
    GDict *d = (GDict *)o;
    GCritSec cs;
    g_critsec_begin_short(&cs, o);
    int64_t used = used_of(d), i = 0, pos = 0;
    GDictEntry *e = g_mem_alloc((size_t)(used ? used : 1) * sizeof(GDictEntry));
    if (e)
        for (; i < used && g_dict_next_entry(o, &pos, &e[i]); i++) {
            g_incref(e[i].key);
            g_incref(e[i].value);
        }
    g_critsec_end_short(&cs);
    *out = e;
    *n = i;
    if (!e) {
        g_no_memory();
        return -1;
    }
    return 0;
}

void g_dict_snapshot_free(GDictEntry *e, int64_t n)
{
    for (int64_t i = 0; i < n; i++) {
        g_decref(e[i].key);
        g_decref(e[i].value);
    }
    g_mem_free(e);
}

/* Drop every entry and the table; `now` when nobody else can see the dict (dealloc). */
static void clear_entries(GDictKeys *k, bool now)
{
    if (!k)
        return;
    for (int64_t i = 0; i < nentries_relaxed(k); i++) {
        GObject *key = key_relaxed(&k->entries[i]), *value = value_relaxed(&k->entries[i]);
        if (!key)
            continue;
        if (now) {
            g_decref(key);
            g_decref(value);
        } else {
            g_qsbr_decref(key);
            g_qsbr_decref(value);
        }
    }
    if (now)
        g_mem_free(k);
    else
        g_qsbr_free(k);
}

void g_dict_clear(GObject *o)
{
    GDict *d = (GDict *)o;
    GCritSec cs;
    g_critsec_begin_short(&cs, o);
    GDictKeys *k = keys_relaxed(d);
    store_keys(d, NULL);
    set_used(d, 0);
    g_critsec_end_short(&cs);
    clear_entries(k, false);   /* readers may still be in the old table: deferred drops */
}

/* tp_dealloc: here, beside the table it frees. */
void dict_dealloc(GObject *o)
{
    clear_entries(keys_relaxed((GDict *)o), true);
    GObject **dp = g_instance_dict_ptr(o);
    if (dp && G_TYPE(o) != &GDict_type)
        G_CLEAR(*dp);
    g_race_forget(o);   /* --race: its address may be the next dict's */
    g_object_free(o);
}

/* popitem: remove and return the last entry, lock held (NULL, no error: empty). */
GObject *dict_pop_last_locked(GDict *d)
{
    G_ASSERT_CRITSEC_HELD(d);
    if (used_of(d) == 0)
        return NULL;
    GDictKeys *k = keys_relaxed(d);
    int64_t j = nentries_relaxed(k) - 1;
    while (!key_relaxed(&k->entries[j]))
        j--;
    GObject *key = g_newref(key_relaxed(&k->entries[j]));
    GObject *v = remove_slot_locked(d, (int64_t)slot_of_entry(k, k->entries[j].hash, (int32_t)j));
    /* CPython lets the next insert reuse the entry; a reader without a lock could
     * then pair this key with that value, so gilt does it only when single */
    if (!g_concurrent())
        store_nentries(k, j);
    GObject *r = g_tuple_pack(2, key, v);
    g_decref(key);
    g_decref(v);
    return r;
}

/* Fill the empty dict d with src's entries, both locked: keys that were distinct in
 * src stay distinct, and their hashes are stored, so no Python code runs. */
static int copy_into_empty_locked(GDict *d, GDict *src)
{
    G_ASSERT_CRITSEC_HELD(d);
    G_ASSERT_CRITSEC_HELD(src);
    GDictKeys *nk = keys_new(size_for(used_of(src)));
    if (!nk) {
        g_no_memory();
        return -1;
    }
    int64_t pos = 0;
    GDictEntry e;
    while (g_dict_next_entry((GObject *)src, &pos, &e))
        append_entry(nk, e.hash, g_newref(e.key), g_newref(e.value));
    GDictKeys *old = keys_relaxed(d);       /* (empty: only deleted entries, if any) */
    store_keys(d, nk);
    set_used(d, used_of(src));
    g_qsbr_free(old);
    return 0;
}

/* d.update(other dict): see "Walks" at the top of the file. */
static int update_from_dict(GObject *d, GObject *other)
{
    if (d == other || g_dict_size(other) == 0)
        return 0;
    GCritSec cs;
    g_critsec_begin2_short(&cs, d, other);
    int r = 1;
    if (used_of((GDict *)d) == 0)
        r = copy_into_empty_locked((GDict *)d, (GDict *)other);
    g_critsec_end_short(&cs);
    if (r <= 0)
        return r;
    GDictEntry *e;
    int64_t n;
    if (g_dict_snapshot(other, &e, &n) < 0)
        return -1;
    g_critsec_begin(&cs, d);
    r = 0;
    for (int64_t i = 0; i < n && r == 0; i++)
        r = insert_locked((GDict *)d, e[i].key, e[i].hash, e[i].value, NULL);
    g_critsec_end(&cs);
    g_dict_snapshot_free(e, n);
    return r;
}

int g_dict_update(GObject *d, GObject *other)
{
    if (g_is_dict(other))
        return update_from_dict(d, other);
    GObject *keys_fn = g_getattr_opt(other, g_str_intern("keys"));
    if (keys_fn) {
        GObject *keys = g_call0(keys_fn);
        g_decref(keys_fn);
        if (!keys)
            return -1;
        GObject *it = g_iter(keys);
        g_decref(keys);
        if (!it)
            return -1;
        GObject *k;
        while ((k = g_next(it))) {
            GObject *v = g_getitem(other, k);
            int r = v ? g_dict_set(d, k, v) : -1;
            g_xdecref(v);
            g_decref(k);
            if (r < 0) {
                g_decref(it);
                return -1;
            }
        }
        g_decref(it);
        return g_err_occurred() ? -1 : 0;
    }
    if (g_err_occurred())
        return -1;
    /* an iterable of pairs */
    GObject *it = g_iter(other);
    if (!it)
        return -1;
    GObject *item;
    int64_t n = 0;
    while ((item = g_next(it))) {
        GObject *pair[2];
        GObject *seq = g_list_from_iterable(item);
        if (!seq) {
            if (g_err_matches(&GExc_TypeError)) {
                g_err_clear();
                g_raise(&GExc_TypeError, "cannot convert dictionary update sequence element #%zd to a sequence", (ssize_t)n);
            }
            g_decref(item);
            g_decref(it);
            return -1;
        }
        g_decref(item);
        if (G_LIST_SIZE(seq) != 2) {
            g_raise(&GExc_ValueError, "dictionary update sequence element #%zd has length %zd; 2 is required",
                    (ssize_t)n, (ssize_t)G_LIST_SIZE(seq));
            g_decref(seq);
            g_decref(it);
            return -1;
        }
        pair[0] = G_LIST_ITEM(seq, 0);
        pair[1] = G_LIST_ITEM(seq, 1);
        int r = g_dict_set(d, pair[0], pair[1]);
        g_decref(seq);
        if (r < 0) {
            g_decref(it);
            return -1;
        }
        n++;
    }
    g_decref(it);
    return g_err_occurred() ? -1 : 0;
}

int g_dict_merge_kwargs(GObject *d, GObject *other, GObject *funcname)
{
    if (!g_is_dict(other)) {
        GObject *keys_fn = g_getattr_opt(other, g_str_intern("keys"));
        if (!keys_fn) {
            if (!g_err_occurred())
                g_raise(&GExc_TypeError, "%U argument after ** must be a mapping, not %T", funcname, other);
            return -1;
        }
        g_decref(keys_fn);
    }
    GObject *tmp = g_dict_new();
    if (!tmp || g_dict_update(tmp, other) < 0) {
        g_xdecref(tmp);
        return -1;
    }
    int64_t pos = 0;
    GObject *k, *v;
    while (g_dict_next(tmp, &pos, &k, &v)) {
        if (!g_is_str(k)) {
            g_raise(&GExc_TypeError, "keywords must be strings");
            g_decref(tmp);
            return -1;
        }
        if (g_dict_get(d, k)) {
            g_raise(&GExc_TypeError, "%U got multiple values for keyword argument '%U'", funcname, k);
            g_decref(tmp);
            return -1;
        }
        if (g_dict_set(d, k, v) < 0) {
            g_decref(tmp);
            return -1;
        }
    }
    g_decref(tmp);
    return 0;
}

GObject *g_dict_copy(GObject *o)
{
    GObject *d = g_dict_new();
    if (d && g_dict_update(d, o) < 0)
        G_CLEAR(d);
    return d;
}
