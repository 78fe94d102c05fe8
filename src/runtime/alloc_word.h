/* alloc_word.h -- the hit path of the word cache (alloc.h, THE BLOCK CACHES), inline.
 *
 * A float or int operation makes one word object and, a little later, frees one.  At
 * that rate the calls themselves cost what the work does: a float's birth went
 * g_float_new -> g_word_alloc, its death g_dealloc -> float_dealloc -> g_word_free,
 * each call reloading the thread state.  So the common case -- the thread's word
 * cache has a block to give, or room for one more -- is written here, inline in the
 * two object files that make word objects (objects/float.c, objects/int.c), and
 * everything else is alloc.c's, out of line:
 *
 *   g_word_alloc   cache has a block, no failure injection armed
 *                  -> pop it here;             else g_word_alloc_slow (alloc.c)
 *   g_word_free    cache open and below GILT_BLOCK_CACHE
 *                  -> push it here;            else g_word_free_slow (alloc.c)
 *
 * Both lists are owner only (alloc.h): nothing here is atomic but the header fields,
 * which a fresh object's owner initialises before anyone else can see it.
 */
#ifndef GILT_ALLOC_WORD_H
#define GILT_ALLOC_WORD_H

#include "runtime/alloc.h"
#include "runtime/refcount.h"
#include "runtime/runtime.h"
#include "runtime/gc.h"
#include "runtime/threadstate.h"

/* Fill in a fresh object's header: owned by ts, one reference (or, with -X
 * refcount=atomic, merged from birth).  A fresh object is seen by no other thread
 * yet: relaxed initialisation; whoever it is handed to gets it through a release (a
 * store into a container under its lock, a queue, a thread start).  alloc.c's
 * allocations all end here. */
static inline __attribute__((always_inline)) void g_alloc_init_header(GThreadState *ts, GObject *o, GType *type,
                                                                      uint8_t gc_bits)
{
    uintptr_t tid = g_runtime.refcount_mode == G_RC_ATOMIC ? 0 : (uintptr_t)ts;
    atomic_init(&o->ob_tid, tid);
    o->ob_flags = 0;
    atomic_init(&o->ob_mutex.v, 0);
    atomic_init(&o->ob_gc_bits, gc_bits);
    if (tid) {
        atomic_init(&o->ob_ref_local, 1);
        atomic_init(&o->ob_ref_shared, 0);
    } else {
        atomic_init(&o->ob_ref_local, 0);
        atomic_init(&o->ob_ref_shared, ((intptr_t)1 << G_SHARED_SHIFT) | G_SHARED_MERGED);
    }
    o->ob_type = type;
}

/* The failure injection's countdown (g_alloc_fail_after): -1 when off.  Owner only. */
extern _Thread_local long g_alloc_fail_countdown;

/* The out-of-line halves (alloc.c): an empty cache or an armed injection; a full or
 * closed cache. */
GObject *g_word_alloc_slow(GThreadState *ts, GType *type);
void g_word_free_slow(GThreadState *ts, GObject *o);

/* A word object of `type` (a static leaf type), as g_object_alloc would make it;
 * NULL (no exception set) on failure. */
static inline __attribute__((always_inline)) GObject *g_word_alloc(GType *type)
{
    G_ASSERT(!(type->flags & (G_TPFLAG_GC | G_TPFLAG_HEAPTYPE)));
    GThreadState *ts = g_tstate_current;
    void *block = ts->block_cache[G_CACHE_WORD];
    if (__builtin_expect(!block || g_alloc_fail_countdown >= 0, 0))
        return g_word_alloc_slow(ts, type);
    ts->block_cache[G_CACHE_WORD] = *(void **)block;   /* the link is the first word */
    ts->block_cache_n[G_CACHE_WORD]--;
    g_owner_count(&ts->allocs, 1);
    g_alloc_init_header(ts, block, type, 0);
    return block;
}

/* The last step of a word object's dealloc (instead of g_object_free).  A closed
 * cache's count is UINT16_MAX (alloc.c, cache_link), so the one compare also sends a
 * retired thread's frees the slow way. */
static inline __attribute__((always_inline)) void g_word_free(GObject *o)
{
    G_ASSERT(!(g_gc_bits(o) & G_GC_TRACKED));
    GThreadState *ts = g_tstate_current;
    if (__builtin_expect(!ts || ts->block_cache_n[G_CACHE_WORD] >= GILT_BLOCK_CACHE, 0)) {
        g_word_free_slow(ts, o);
        return;
    }
    *(void **)o = ts->block_cache[G_CACHE_WORD];
    ts->block_cache[G_CACHE_WORD] = o;
    ts->block_cache_n[G_CACHE_WORD]++;
}

#endif
