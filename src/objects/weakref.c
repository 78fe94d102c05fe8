/* weakref.c -- weak references: weakref.ref, getweakrefcount, getweakrefs (_weakref).
 *
 * A weak reference names an object without keeping it alive.  Calling it gives the
 * object while some strong reference still holds it, and None from the moment its
 * count reaches zero; an optional callback runs once, with the ref, after it died.
 *
 * WHERE THE REFS LIVE.  CPython keeps a pointer to an object's list of weakrefs inside
 * the object (tp_weaklistoffset).  gilt keeps every list in a side table instead,
 * keyed by the object's address, so no object layout changes and the one hook that
 * clears them sits in g_dealloc, the path every type dies by.  The table is split in
 * STRIPES stripes, each a small open-addressing hash map (object -> first ref of its
 * list) with its own lock, chosen by the address.  A bit in the object's header,
 * G_GC_WEAKREFS (gc.h), says "the table may hold a list for me", so an object that
 * never had a weakref dies without a look at the table.  A ref remembers its stripe:
 * its referent pointer is cleared at the referent's death, the stripe is not.
 *
 * THE HARD CASE: thread A calls r() while thread B drops the last strong reference.
 * B's decrement reaches zero and B goes on to free the object; A must either get a
 * strong reference *before* that zero, or None -- never a pointer into freed memory.
 * Two things make it so:
 *
 *   1. The stripe lock.  A reads r->object only under its stripe's lock, and B's
 *      g_dealloc clears r->object under the same lock before it frees a byte.  So
 *      while A holds the lock the memory is still there (count zero or not).
 *   2. g_try_incref (refcount.c): under the lock A takes a strong reference only if
 *      the count is not already zero.  The count is zero-and-final only in states
 *      that a compare-and-swap on ob_ref_shared produced (MERGED with count 0), so
 *      A's own compare-and-swap on that word either comes first -- then B's CAS sees
 *      A's reference and the object lives -- or comes second and fails.  One case
 *      skips the CAS in plain biased counting: the owner whose local count reaches 0
 *      while ob_ref_shared == 0 frees at once.  Making a weakref therefore moves the
 *      shared word from state OK (0) to MAYBE_WEAKREF (1) (refcount.h), which is never
 *      0, so that owner takes the merging path and its CAS races fairly with A's.
 *
 * The same try-incref protects the refs themselves: a dying object's g_dealloc walks
 * its list and wants a strong reference to each ref whose callback it will call, but a
 * ref may be dying too (its own dealloc waits for the stripe lock to unlink it).  A
 * ref that refuses is only unlinked; its dealloc then drops its callback.  So every
 * ref is made in state MAYBE_WEAKREF as well.
 *
 * NO CODE RUNS UNDER THE LOCK.  The stripe locks are leaves (rank G_RANK_WEAKREF,
 * lockrank.h): held for a few instructions, never across a decref, an allocation of
 * an object or a safepoint.  Clearing collects (ref, callback) pairs under the lock
 * and calls them after unlocking; every decref happens after unlocking too.
 *
 * THE COLLECTOR.  Garbage is unreachable except through weak references, so the
 * collector clears refs to garbage while the world is still stopped (g_weakref_gc_clear
 * from gc.c): nobody can call such a ref and revive a half-collected object.  It first
 * unlinks the refs that are garbage themselves -- their callbacks never run, as in
 * CPython -- then clears the refs to each garbage object, and runs the callbacks once
 * the world runs again, before any tp_clear breaks the cycles.  With the world
 * stopped no thread holds a stripe lock (leaves are never held across a safepoint),
 * so taking them there cannot wait.
 *
 * Each stripe's lock guards: its map, every list in it (prev/next), and, for the refs
 * on those lists, `object` and `callback`.  A ref's `stripe`, `basic` are written
 * before it is shared; `hash` is written once by any thread (the same value).
 */
#include <stdio.h>

#include "objects/class_internal.h"
#include "objects/objects.h"
#include "objects/weakref.h"
#include "runtime/alloc.h"
#include "runtime/gc.h"
#include "runtime/lockrank.h"
#include "runtime/refcount.h"
#include "runtime/stw.h"
#include "vm/errors.h"

typedef struct GWeakRef {
    GObject ob;
    GObject *object;           /* the referent, borrowed; NULL once it died (stripe lock) */
    GObject *callback;         /* owned, or NULL; stripe lock while linked */
    struct GWeakRef *prev, *next;   /* its referent's list (stripe lock) */
    _Atomic int64_t hash;      /* -1 until first hashed */
    uint32_t stripe;           /* set at creation */
    bool basic;                /* made without a callback: shared by ref(o) calls */
} GWeakRef;

/* ---- the side table ------------------------------------------------------------------ */

#define STRIPES 64u

typedef struct Slot {
    GObject *key;              /* NULL: empty */
    GWeakRef *head;
} Slot;

typedef struct Stripe {
    GMutex mu;
    uint32_t used, cap;        /* cap is 0 or a power of two */
    Slot *slots;
} Stripe;

static Stripe stripes[STRIPES];

static uint64_t addr_hash(GObject *o)
{
    return ((uint64_t)(uintptr_t)o >> 4) * 0x9E3779B97F4A7C15ull;
}

static uint32_t stripe_of(GObject *o) { return (uint32_t)(addr_hash(o) >> 58); }   /* top 6 bits */

static void stripe_lock(uint32_t i)
{
    g_mutex_lock_leaf(&stripes[i].mu);
    g_lockrank_acquired(G_RANK_WEAKREF);
}

static void stripe_unlock(uint32_t i)
{
    g_lockrank_released(G_RANK_WEAKREF);
    g_mutex_unlock(&stripes[i].mu);
}

/* The slot holding o, or the empty slot where it would go; cap must be > 0. */
static Slot *slot_probe(Stripe *s, GObject *o)
{
    uint32_t mask = s->cap - 1;
    for (uint32_t i = (uint32_t)addr_hash(o) & mask;; i = (i + 1) & mask)
        if (s->slots[i].key == o || s->slots[i].key == NULL)
            return &s->slots[i];
}

static GWeakRef *list_head(Stripe *s, GObject *o)
{
    if (s->cap == 0)
        return NULL;
    Slot *sl = slot_probe(s, o);
    return sl->key ? sl->head : NULL;
}

/* Grow so that one more key fits at most half full; false if out of memory. */
static bool stripe_reserve(Stripe *s)
{
    if ((s->used + 1) * 2 <= s->cap)
        return true;
    uint32_t ncap = s->cap ? s->cap * 2 : 8;
    Slot *old = s->slots;
    uint32_t ocap = s->cap;
    Slot *fresh = g_mem_calloc(ncap, sizeof(Slot));   /* raw memory: no object, no lock */
    if (!fresh)
        return false;
    s->slots = fresh;
    s->cap = ncap;
    for (uint32_t i = 0; i < ocap; i++)
        if (old[i].key)
            *slot_probe(s, old[i].key) = old[i];
    g_mem_free(old);
    return true;
}

/* Set o's first ref (NULL: o has none any more; its slot goes). */
static void set_head(Stripe *s, GObject *o, GWeakRef *head)
{
    Slot *sl = slot_probe(s, o);
    if (head) {
        G_ASSERT(sl->key);   /* stripe_reserve made room when the list began */
        sl->head = head;
        return;
    }
    if (!sl->key)
        return;
    /* delete by shifting back the entries after it (linear probing, no tombstones) */
    uint32_t mask = s->cap - 1, hole = (uint32_t)(sl - s->slots);
    for (uint32_t j = (hole + 1) & mask; s->slots[j].key; j = (j + 1) & mask) {
        uint32_t home = (uint32_t)addr_hash(s->slots[j].key) & mask;
        /* move j into the hole unless its home lies cyclically in (hole, j] */
        if (((j - home) & mask) >= ((j - hole) & mask)) {
            s->slots[hole] = s->slots[j];
            hole = j;
        }
    }
    s->slots[hole] = (Slot){ NULL, NULL };
    s->used--;
}

static void unlink_ref(Stripe *s, GWeakRef *r)
{
    G_ASSERT(r->object);
    if (r->next)
        r->next->prev = r->prev;
    if (r->prev)
        r->prev->next = r->next;
    else
        set_head(s, r->object, r->next);
    r->prev = r->next = NULL;
    r->object = NULL;
}

/* Clear every ref to o (the stripe lock held): each is unlinked and answers None from
 * now on; the callbacks of those that are not dying themselves go to `calls`. */
static void clear_refs_locked(Stripe *s, GObject *o, GObjVec *calls)
{
    GWeakRef *r = list_head(s, o);
    if (r)
        set_head(s, o, NULL);
    while (r) {
        GWeakRef *next = r->next;
        r->prev = r->next = NULL;
        r->object = NULL;
        if (r->callback && g_try_incref((GObject *)r)) {
            g_objvec_push(calls, (GObject *)r);         /* both references are now the */
            g_objvec_push(calls, r->callback);          /* caller's to drop */
            r->callback = NULL;
        }
        r = next;
    }
    g_gc_bits_clear(o, G_GC_WEAKREFS);
}

/* ---- the hooks: death and the collector ------------------------------------------------ */

void g_weakref_run_callbacks(GObjVec *calls)
{
    if (calls->n == 0)
        return;
    /* a dealloc may run while an exception is being raised: keep it */
    GObject *saved = g_err_occurred() ? g_err_fetch() : NULL;
    for (size_t i = 0; i + 1 < calls->n; i += 2) {
        GObject *ref = calls->items[i], *cb = calls->items[i + 1];
        GObject *res = g_call(cb, &ref, 1, NULL);
        if (res) {
            g_decref(res);
        } else {
            GObject *exc = g_err_fetch();
            GObject *cr = g_repr(cb);
            if (!cr)
                g_err_clear();
            fflush(stdout);
            fprintf(stderr, "Exception ignored in: %s\n", cr ? g_str_data(cr) : "?");
            g_xdecref(cr);
            if (exc) {
                g_print_exception(exc);
                g_decref(exc);
            }
        }
        g_decref(cb);
        g_decref(ref);
    }
    g_objvec_free(calls);
    *calls = (GObjVec){ 0 };
    if (saved)
        g_err_restore(saved);
}

void g_weakref_clear_dying(GObject *o)
{
    GObjVec calls = { 0 };
    uint32_t si = stripe_of(o);
    stripe_lock(si);
    clear_refs_locked(&stripes[si], o, &calls);
    stripe_unlock(si);
    g_weakref_run_callbacks(&calls);
}

void g_weakref_gc_clear(GObjVec *garbage, GObjVec *calls)
{
    G_ASSERT(g_world_stopped_by(g_tstate_current));
    for (size_t i = 0; i < garbage->n; i++) {
        GObject *o = garbage->items[i];
        if (G_TYPE(o) != &GWeakRef_type)
            continue;
        GWeakRef *r = (GWeakRef *)o;
        stripe_lock(r->stripe);   /* free: no leaf is held across a safepoint */
        if (r->object)
            unlink_ref(&stripes[r->stripe], r);   /* its callback goes with tp_clear */
        stripe_unlock(r->stripe);
    }
    for (size_t i = 0; i < garbage->n; i++) {
        GObject *o = garbage->items[i];
        if (!(g_gc_bits(o) & G_GC_WEAKREFS))
            continue;
        uint32_t si = stripe_of(o);
        stripe_lock(si);
        clear_refs_locked(&stripes[si], o, calls);
        stripe_unlock(si);
    }
}

/* ---- which objects ---------------------------------------------------------------------- */

bool g_weakref_supported(GObject *o)
{
    GType *t = G_TYPE(o);
    if (t->flags & G_TPFLAG_HEAPTYPE) {
        /* a class statement's instances get a weakref slot, unless the layout has a
         * variable-size part (CPython: int, tuple, bytes) */
        GType *sb = g_first_static_base(t);
        return sb != &GInt_type && sb != &GTuple_type && sb != &GBytes_type;
    }
    return g_is_type(o) || t == &GFunction_type || t == &GCFunction_type || t == &GBoundMethod_type ||
           t == &GSet_type || t == &GFrozenSet_type || t == &GGen_type || t == &GCoro_type ||
           t == &GModule_type;
}

/* ---- the ref object --------------------------------------------------------------------- */

/* A strong reference to r's referent, or NULL if it died. */
static GObject *ref_get(GWeakRef *r)
{
    stripe_lock(r->stripe);
    GObject *o = r->object;
    if (o && !g_try_incref(o))
        o = NULL;       /* its count reached zero: its dealloc waits for our lock */
    stripe_unlock(r->stripe);
    return o;
}

static GObject *ref_new(GType *type, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)type;
    if (g_no_kwargs("ref", kw) < 0)
        return NULL;
    if (nargs < 1)
        return g_raise(&GExc_TypeError, "__new__ expected at least 1 argument, got 0");
    if (nargs > 2)
        return g_raise(&GExc_TypeError, "__new__ expected at most 2 arguments, got %d", (int)nargs);
    GObject *o = args[0];
    GObject *cb = nargs == 2 && args[1] != G_NONE ? args[1] : NULL;
    if (!g_weakref_supported(o))
        return g_raise(&GExc_TypeError, "cannot create weak reference to '%s' object", g_type_name(o));
    uint32_t si = stripe_of(o);
    Stripe *s = &stripes[si];
    GWeakRef *r = (GWeakRef *)g_object_alloc(&GWeakRef_type, sizeof(GWeakRef));
    if (!r)
        return g_no_memory();
    r->object = NULL;   /* not linked yet: its dealloc unlinks nothing */
    r->callback = cb ? g_newref(cb) : NULL;
    r->prev = r->next = NULL;
    atomic_init(&r->hash, -1);
    r->stripe = si;
    r->basic = cb == NULL;
    /* refs are reached through the lists too (a dying referent calls their callbacks,
     * getweakrefs returns them), by g_try_incref: the same rule as for referents */
    g_set_maybe_weakref((GObject *)r);
    GWeakRef *reuse = NULL;
    bool nomem = false;
    stripe_lock(si);
    GWeakRef *head = list_head(s, o);
    if (!cb && head && head->basic && g_try_incref((GObject *)head)) {
        reuse = head;   /* ref(o) without a callback is one shared object, as in CPython */
    } else if (!head && !stripe_reserve(s)) {
        nomem = true;
    } else {
        if (!head) {
            Slot *sl = slot_probe(s, o);
            sl->key = o;
            sl->head = NULL;
            s->used++;
        }
        /* before the ref is visible: from now on o's owner never frees it without a
         * CAS (refcount.h, MAYBE_WEAKREF), and g_dealloc looks in the table */
        g_set_maybe_weakref(o);
        g_gc_bits_set(o, G_GC_WEAKREFS);
        r->object = o;
        if (r->basic || !head || !head->basic) {
            r->next = head;           /* the basic ref first, then the newest callback */
            if (head)
                head->prev = r;
            set_head(s, o, r);
        } else {
            r->prev = head;
            r->next = head->next;
            if (head->next)
                head->next->prev = r;
            head->next = r;
        }
    }
    stripe_unlock(si);
    if (reuse || nomem) {
        g_decref((GObject *)r);   /* never linked: freeing it touches no list */
        return reuse ? (GObject *)reuse : g_no_memory();
    }
    return (GObject *)r;
}

/* Unlink r from its referent's list (if still there) and drop its callback unrun. */
static void ref_clear(GObject *o)
{
    GWeakRef *r = (GWeakRef *)o;
    stripe_lock(r->stripe);
    if (r->object)
        unlink_ref(&stripes[r->stripe], r);
    GObject *cb = r->callback;
    r->callback = NULL;
    stripe_unlock(r->stripe);
    g_xdecref(cb);   /* after unlocking: it may be the last reference */
}

static void ref_dealloc(GObject *o)
{
    ref_clear(o);
    g_object_free(o);
}

static int ref_traverse(GObject *o, GVisitFn visit, void *arg)
{
    GObject *cb = ((GWeakRef *)o)->callback;   /* the world is stopped */
    return cb ? visit(cb, arg) : 0;
}

static GObject *ref_call(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)args;
    if (g_no_kwargs("weakref", kw) < 0)
        return NULL;
    if (nargs != 0)
        return g_raise(&GExc_TypeError, "weakref expected 0 arguments, got %d", (int)nargs);
    GObject *o = ref_get((GWeakRef *)self);
    return o ? o : G_NONE;
}

static GObject *ref_repr(GObject *self)
{
    GObject *o = ref_get((GWeakRef *)self);
    if (!o)
        return g_format("<weakref at %p; dead>", (void *)self);
    GObject *name = g_getattr_str(o, "__name__");
    if (!name)
        g_err_clear();
    GObject *r = name && g_is_str(name)
                     ? g_format("<weakref at %p; to '%s' at %p (%U)>", (void *)self, g_type_name(o), (void *)o, name)
                     : g_format("<weakref at %p; to '%s' at %p>", (void *)self, g_type_name(o), (void *)o);
    g_xdecref(name);
    g_decref(o);
    return r;
}

static int64_t ref_hash(GObject *self)
{
    GWeakRef *r = (GWeakRef *)self;
    /* relaxed: the value is the same whoever computes it */
    int64_t h = atomic_load_explicit(&r->hash, memory_order_relaxed);
    if (h != -1)
        return h;
    GObject *o = ref_get(r);
    if (!o) {
        g_raise(&GExc_TypeError, "weak object has gone away");
        return -1;
    }
    h = g_hash(o);
    g_decref(o);
    if (h != -1)
        atomic_store_explicit(&r->hash, h, memory_order_relaxed);
    return h;
}

static GObject *ref_richcompare(GObject *a, GObject *b, GCmpOp op)
{
    if ((op != CMP_EQ && op != CMP_NE) || G_TYPE(a) != &GWeakRef_type || G_TYPE(b) != &GWeakRef_type)
        return g_newref(G_NOTIMPL);
    GObject *x = ref_get((GWeakRef *)a), *y = ref_get((GWeakRef *)b);
    GObject *res;
    if (!x || !y)   /* one died: equal only if they are the same ref */
        res = g_newref(g_bool((a == b) == (op == CMP_EQ)));
    else
        res = g_richcompare(x, y, op);
    g_xdecref(x);
    g_xdecref(y);
    return res;
}

static GObject *ref_get_callback(GObject *self)
{
    GWeakRef *r = (GWeakRef *)self;
    stripe_lock(r->stripe);
    GObject *cb = r->callback;
    if (cb)
        g_incref(cb);   /* the ref holds it: alive while we hold the lock */
    stripe_unlock(r->stripe);
    return cb ? cb : G_NONE;
}

static const GGetSetDef ref_getsets[] = {
    { "__callback__", ref_get_callback, NULL },
    { NULL, NULL, NULL },
};

GType GWeakRef_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "weakref.ReferenceType",   /* __name__ 'ReferenceType', as CPython's */
    .basicsize = sizeof(GWeakRef),
    .flags = G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_new = ref_new,
    .tp_dealloc = ref_dealloc,
    .tp_traverse = ref_traverse,
    .tp_clear = ref_clear,
    .tp_repr = ref_repr,
    .tp_hash = ref_hash,
    .tp_richcompare = ref_richcompare,
    .tp_call = ref_call,
    .getsets = ref_getsets,
};

/* ---- the _weakref module ----------------------------------------------------------------- */

#define ARGS GObject *self, GObject *const *args, size_t nargs, GObject *kw

static GObject *getweakrefcount(ARGS)
{
    (void)self;
    if (g_no_kwargs("getweakrefcount", kw) < 0)
        return NULL;
    if (nargs != 1)
        return g_raise(&GExc_TypeError, "_weakref.getweakrefcount() takes exactly one argument (%d given)", (int)nargs);
    int64_t n = 0;
    if (g_gc_bits(args[0]) & G_GC_WEAKREFS) {
        uint32_t si = stripe_of(args[0]);
        stripe_lock(si);
        for (GWeakRef *r = list_head(&stripes[si], args[0]); r; r = r->next)
            n++;
        stripe_unlock(si);
    }
    return g_int_from_i64(n);
}

static GObject *getweakrefs(ARGS)
{
    (void)self;
    if (g_no_kwargs("getweakrefs", kw) < 0)
        return NULL;
    if (nargs != 1)
        return g_raise(&GExc_TypeError, "_weakref.getweakrefs() takes exactly one argument (%d given)", (int)nargs);
    GObjVec refs = { 0 };
    if (g_gc_bits(args[0]) & G_GC_WEAKREFS) {
        uint32_t si = stripe_of(args[0]);
        stripe_lock(si);
        for (GWeakRef *r = list_head(&stripes[si], args[0]); r; r = r->next)
            if (g_try_incref((GObject *)r))   /* skip a ref that is dying */
                g_objvec_push(&refs, (GObject *)r);
        stripe_unlock(si);
    }
    GObject *list = g_list_new(0);
    for (size_t i = 0; i < refs.n; i++) {
        if (list && g_list_append(list, refs.items[i]) < 0)
            G_CLEAR(list);
        g_decref(refs.items[i]);
    }
    g_objvec_free(&refs);
    return list;
}

/* _remove_if_is(d, key, value): del d[key] if d[key] is value, in one step -- how a
 * WeakValueDictionary's callback removes its entry without losing a newer one a
 * concurrent store put under the same key.  True if it removed. */
static GObject *remove_if_is(ARGS)
{
    (void)self;
    if (g_no_kwargs("_remove_if_is", kw) < 0 || g_check_nargs("_remove_if_is", nargs, 3, 3) < 0)
        return NULL;
    if (!g_isinstance(args[0], &GDict_type))
        return g_raise(&GExc_TypeError, "_remove_if_is() argument 1 must be dict, not %T", args[0]);
    GObject *v = g_dict_pop_if_is(args[0], args[1], args[2]);
    if (!v && g_err_occurred())
        return NULL;
    g_xdecref(v);   /* no lock held: freeing it may run code */
    return g_newref(g_bool(v != NULL));
}

static const GMethodDef weakref_functions[] = {
    { "_remove_if_is", remove_if_is, 0, "Delete d[key] if it is value; True if it did." },
    { "getweakrefcount", getweakrefcount, 0, "Return the number of weak references to 'object'." },
    { "getweakrefs", getweakrefs, 0, "Return a list of all weak reference objects pointing to 'object'." },
    { NULL, NULL, 0, NULL },
};

GObject *g_weakref_module_init(void)
{
    g_type_ready(&GWeakRef_type);
    GObject *m = g_module_new("_weakref");
    if (m && (g_module_add_functions(m, weakref_functions) < 0 ||
              g_module_add(m, "ref", g_newref((GObject *)&GWeakRef_type)) < 0 ||
              g_module_add(m, "ReferenceType", g_newref((GObject *)&GWeakRef_type)) < 0))
        G_CLEAR(m);
    return m;
}
