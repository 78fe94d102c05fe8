/* typecache.c -- type version tags, and each thread's cache of type lookups.
 *
 * Every attribute access asks "what does type(o).__mro__ say about this name?"
 * (object.c, g_generic_getattr: a data descriptor wins over the instance dict), and
 * so does every method call, every `+` on an instance of a class with __add__, every
 * super().  Walking the MRO costs one dict probe per class, and for a method found on
 * a base class, or for a plain instance attribute (which no class has, so every class
 * is probed), that is most of the work of `self.x`.
 *
 * The answer only changes when some class's namespace changes, so it is cached.
 *
 * Version tags.  A type's `version_tag` names the state of the namespaces of all the
 * classes in its MRO.  0 means "none yet"; a tag is handed out on first use from one
 * global counter, so no two states of any two types ever share a tag.  Whatever can
 * change what a lookup on t returns -- setting or deleting an attribute of t or of a
 * class above it, the collector emptying t, a built-in type being readied -- calls
 * g_type_modified(t), which sets t's tag and every subclass's tag back to 0:
 *
 *      version_tag:   0 ---- first cached lookup ----> v (fresh from the counter)
 *                     ^                                 |
 *                     +---- g_type_modified(t or a base) +
 *
 * A tag, once dropped, is never seen again, so anything remembered under it -- an
 * entry here, or an inline cache of the specializing eval loop (vm/specialize.c) --
 * simply stops matching.  That is the whole invalidation protocol: nobody has to
 * find the caches and clear them.
 *
 * The cache.  Each thread keeps its own table of (tag, name) -> what the MRO holds
 * (or NULL: nothing), so a hit reads only memory this thread writes, and threads
 * never contend on it.  Names must be interned strings (immortal, compared by
 * address).  The value is borrowed from a class's dict, which holds it for as long
 * as the tag is current; a thread that reads the tag just before another thread
 * replaces the attribute still holds a live object, because dicts hand a replaced
 * value to QSBR (runtime/qsbr.h) instead of dropping it while readers may hold it.
 *
 * Ordering.  A lookup first reads (or assigns) the tag, then walks the MRO, then
 * files the answer under that tag.  A writer first changes the dict, then drops the
 * tag (release).  So an answer filed under a tag saw every change made before that
 * tag was handed out (the tag's CAS reads the writer's release store), and a change
 * made while the walk ran drops the tag the answer is filed under.
 */
#include "objects/objects.h"
#include "runtime/runtime.h"

/* Global: the next tag to hand out.  Relaxed is enough for uniqueness; the CAS
 * that installs a tag in a type is what orders it against the type's writers. */
static _Atomic uint32_t next_version = 1;

/* owner only: each thread's own table (zeroed at thread start by the C runtime);
 * the entry and the slot hash are in objects.h, for g_type_lookup_interned */
_Thread_local GTypeCacheEntry g_type_cache[G_TYPE_CACHE_SIZE];

uint32_t g_type_version(GType *t)
{
    /* acquire: a tag that is current here was installed after every change its
     * holder's writers published before dropping the previous one */
    uint32_t v = atomic_load_explicit(&t->version_tag, memory_order_acquire);
    if (v)
        return v;
    /* a lookup walks every class of the MRO: all must be complete */
    if (!t->mro || !t->dict)
        return 0;
    GTuple *m = (GTuple *)t->mro;
    for (int64_t i = 0; i < m->size; i++)
        if (!((GType *)m->items[i])->dict)
            return 0;
    uint32_t fresh = atomic_fetch_add_explicit(&next_version, 1, memory_order_relaxed);
    if (fresh == 0 || fresh == UINT32_MAX) {
        /* 4 billion states used up: stop handing out tags, and caching */
        atomic_store_explicit(&next_version, UINT32_MAX, memory_order_relaxed);
        return 0;
    }
    uint32_t expected = 0;
    /* acq_rel: reads the 0 a writer released (so the walk after this sees its
     * change), and publishes the tag to the other threads' acquire loads */
    if (atomic_compare_exchange_strong_explicit(&t->version_tag, &expected, fresh, memory_order_acq_rel,
                                                memory_order_acquire))
        return fresh;
    return expected;   /* another thread installed one first: share it */
}

static void drop_versions(GType *t)
{
    /* release: the change to the namespace, made before, is visible to whoever
     * installs the next tag (see the ordering note at the top) */
    atomic_store_explicit(&t->version_tag, 0, memory_order_release);
    for (int32_t i = 0; i < t->nsubclasses; i++)
        drop_versions(t->subclasses[i]);
}

void g_type_drop_version(GType *t)
{
    atomic_store_explicit(&t->version_tag, 0, memory_order_release);   /* as drop_versions */
}

void g_type_modified(GType *t)
{
    if (!(t->flags & G_TPFLAG_HEAPTYPE)) {
        /* a built-in type changes only while it is readied: no subclass yet */
        atomic_store_explicit(&t->version_tag, 0, memory_order_release);
        return;
    }
    /* the subclass lists change under types_mu (type_new.c) */
    g_raw_lock(&g_runtime.types_mu);
    drop_versions(t);
    g_raw_unlock(&g_runtime.types_mu);
}

/* The walk itself: the first class along the MRO whose dict has the name. */
static GObject *lookup_mro(GType *type, GObject *name, bool interned)
{
    GTuple *m = (GTuple *)type->mro;
    if (!m) {
        for (GType *t = type; t; t = t->base)
            if (t->dict) {
                GObject *v = interned ? g_dict_get_interned(t->dict, name) : g_dict_get(t->dict, name);
                if (v)
                    return v;
            }
        return NULL;
    }
    for (int64_t i = 0; i < m->size; i++) {
        GType *t = (GType *)m->items[i];
        if (!t->dict)
            continue;
        GObject *v = interned ? g_dict_get_interned(t->dict, name) : g_dict_get(t->dict, name);
        if (v)
            return v;
    }
    return NULL;
}

GObject *g_type_lookup(GType *type, GObject *name)
{
    bool interned = g_is_str(name) && (name->ob_flags & G_STR_INTERNED);
    if (!interned)
        return lookup_mro(type, name, false);
    uint32_t v = g_type_version(type);   /* first: see the ordering note */
    if (!v)
        return lookup_mro(type, name, true);
    GTypeCacheEntry *e = &g_type_cache[g_type_cache_slot(v, name)];
    if (e->version == v && e->name == name)
        return e->value;
    GObject *r = lookup_mro(type, name, true);
    e->version = v;
    e->name = name;
    e->value = r;
    return r;
}
