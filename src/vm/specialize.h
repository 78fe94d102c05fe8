/* specialize.h -- the specializing eval loop's inline caches (specialize.c explains
 * the design; eval_loop.h has the specialized instructions).
 *
 * The life of one instruction, e.g. `self.x` (LOAD_ATTR):
 *
 *            backoff counts down              guard holds: fast path
 *            to 0, then a try                 +-------------+
 *   LOAD_ATTR ----------------------> LOAD_ATTR_INSTANCE <--+
 *       ^   (cache filled, opcode            |
 *       |    rewritten)                      | guard fails: the generic code runs;
 *       |                                    | after G_SPEC_MISSES failures
 *       +------------------------------------+ the opcode goes back, with a backoff
 *
 * A try that finds nothing to specialize doubles the backoff, up to "never": a site
 * that is polymorphic or unusual stops paying for tries.
 */
#ifndef GILT_SPECIALIZE_H
#define GILT_SPECIALIZE_H

#include <stdbool.h>
#include <stdint.h>

#include "compile/opcodes.h"
#include "objects/objects.h"
#include "runtime/runtime.h"

#define G_SPEC_MISSES 16          /* guard failures before a specialized form goes generic */
#define G_SPEC_DEOPT_BACKOFF 64   /* generic executions before the next try after that */
#define G_SPEC_FIRST_BACKOFF 8    /* after a try that found nothing; doubles each time */
#define G_SPEC_NEVER UINT16_MAX   /* the backoff of a site that gave up */

/* -X specialize=0|1, set before any code runs */
extern bool g_specialize_enabled;

/* The generic form of a specializable instruction asks this before its own work:
 * time for a try?  Counts the backoff down (relaxed: an approximate count is all a
 * backoff needs, and two threads losing a decrement costs one execution). */
static inline bool g_specialize_due(GInlineCache *c)
{
    if (!g_specialize_enabled)
        return false;
    uint16_t b = atomic_load_explicit(&c->backoff, memory_order_relaxed);
    if (b == 0)
        return true;
    if (b != G_SPEC_NEVER)
        atomic_store_explicit(&c->backoff, (uint16_t)(b - 1), memory_order_relaxed);
    return false;
}

/* A specialized instruction reads its cache: true if it is stable (no writer was in
 * it) and was filled for `op`.  The reader side of the seqlock: the first load of
 * seq is acquire, so the fields read after it are at least as new as the write that
 * made seq even; the acquire fence keeps those reads before the second load of seq,
 * which must find seq unchanged. */
static inline bool g_cache_load(GInlineCache *c, int op, uint32_t *version, uintptr_t *data, uint32_t *aux)
{
    uint32_t s = atomic_load_explicit(&c->seq, memory_order_acquire);
    int cop = atomic_load_explicit(&c->op, memory_order_relaxed);
    *version = atomic_load_explicit(&c->version, memory_order_relaxed);
    *data = atomic_load_explicit(&c->data, memory_order_relaxed);
    if (aux)
        *aux = atomic_load_explicit(&c->aux, memory_order_relaxed);
    atomic_thread_fence(memory_order_acquire);
    return !(s & 1) && cop == op && atomic_load_explicit(&c->seq, memory_order_relaxed) == s;
}

/* o's own __dict__, or NULL (none yet, or its type has none). */
static inline GObject *g_spec_instance_dict(GObject *o)
{
    ssize_t off = G_TYPE(o)->dictoffset;
    /* acquire: another thread may have just installed it (g_instance_dict_get_or_make) */
    return off > 0 ? atomic_load_explicit((GObject *_Atomic *)((char *)o + off), memory_order_acquire) : NULL;
}

/* The guard of the forms that keep something found along type(o)'s MRO: the type's
 * tag is still `tag`, and (if `shadow_free`) o's dict has no entry for name. */
static inline bool g_spec_type_guard(GObject *o, uint32_t tag, GObject *name, bool shadow_free)
{
    if (tag != atomic_load_explicit(&G_TYPE(o)->version_tag, memory_order_acquire))
        return false;
    GObject *d = shadow_free ? g_spec_instance_dict(o) : NULL;
    return !d || !g_dict_get_interned(d, name);
}

/* What LOAD_ATTR_INSTANCE and STORE_ATTR_INSTANCE keep in aux: which class they were
 * filled for, as a 32-bit hash of its address (a collision only costs a respecialization). */
static inline uint32_t g_spec_type_id(GType *t)
{
    uintptr_t p = (uintptr_t)t >> 4;
    return (uint32_t)(p ^ (p >> 32));
}

/* The second chance of LOAD_ATTR_INSTANCE and STORE_ATTR_INSTANCE when o's type is
 * not the one cached (one site often sees a class and its subclass, or two classes
 * laid out alike): would the generic code also go to o's dict?  It asks the
 * per-thread type cache (objects/typecache.c), so it costs a hash probe, not a walk. */
static inline bool g_spec_plain_attr(GObject *o, GObject *name, bool store)
{
    GType *t = G_TYPE(o);
    if (store ? t->tp_setattr != g_generic_setattr : t->tp_getattr != g_generic_getattr)
        return false;
    GObject *descr = g_type_lookup_interned(t, name);
    return !descr || !(store || G_TYPE(descr)->tp_descr_get) || !G_TYPE(descr)->tp_descr_set;
}

/* The guard of the two super() forms: what a lookup of the method on super(cls, self)
 * gives, if c (a LOAD_METHOD's cache, filled for LOAD_METHOD_SUPER) still knows it;
 * NULL: it does not.  c keeps the tag of type(self), the function (borrowed from a
 * class dict, as LOAD_METHOD_CACHED's) and the place k of cls in type(self).__mro__;
 * the lookup started after k.  A tag names one state of one type (tags are never
 * reused), and a class's __mro__ never changes (gilt's __bases__ is read-only), so
 * "type(self) still has the tag and its MRO has cls at k" means the walk from k + 1
 * would find the same function.  Only the plain form is served: self not a class
 * (a classmethod's super binds to the class, which a [function, self] pair cannot
 * say). */
static inline GObject *g_spec_super_method(GInlineCache *c, GObject *self, GObject *cls)
{
    uint32_t tag, k;
    uintptr_t m;
    if (!g_cache_load(c, OP_LOAD_METHOD_SUPER, &tag, &m, &k) || g_is_type(self))
        return NULL;
    GType *t = G_TYPE(self);
    /* acquire, as g_spec_type_guard: a current tag shows every change made before it */
    if (tag != atomic_load_explicit(&t->version_tag, memory_order_acquire))
        return NULL;
    GTuple *mro = (GTuple *)t->mro;
    if (!mro || k >= (uint32_t)mro->size || mro->items[k] != cls)
        return NULL;
    G_ASSERT(m && (G_TYPE((GObject *)m) == &GFunction_type || G_TYPE((GObject *)m) == &GMethodDescr_type));
    return (GObject *)m;
}

/* A specialized instruction's guard failed (the generic code runs next). */
void g_specialize_missed(GCode *co, int i);

/* The specializers, called by the generic forms when g_specialize_due says so: look
 * at the operands, fill the cache of instruction i and rewrite its opcode, or back
 * off.  They never raise and never run Python code. */
void g_specialize_load_global(GCode *co, int i, GObject *globals, GObject *builtins);
void g_specialize_load_attr(GCode *co, int i, GObject *owner);
void g_specialize_load_method(GCode *co, int i, GObject *owner);
void g_specialize_store_attr(GCode *co, int i, GObject *owner);
/* BINARY_OP or INPLACE_OP with operands a and b (the eval loop asks only for two
 * floats) */
void g_specialize_binary_op(GCode *co, int i, GObject *a, GObject *b);

/* gilt.specialized(f): a list of (line, generic name, specialized name), one for
 * each instruction of co now in a specialized form, in code order. */
GObject *g_specialized_instructions(GCode *co);

#endif
