/* refcount.h -- the one API through which every reference is counted.
 *
 * gilt counts references the way free-threaded CPython does (PEP 703):
 *
 *  * Biased.  The thread that created an object (ob_tid) changes ob_ref_local with
 *    ordinary loads and stores.  Any other thread changes ob_ref_shared atomically.
 *    The true count is ob_ref_local + (ob_ref_shared >> 2).
 *  * Immortal.  None, True, False, small ints, interned strings, built-in types and
 *    the constants of code compiled from files have ob_ref_local == G_REFCNT_IMMORTAL:
 *    g_incref and g_decref return at once and they are never freed.
 *  * Deferred.  Modules, the code compiled from files, and the functions and classes
 *    whose `def` or `class` statement runs once per load of its file (the defined-
 *    once rule, compile/compiler_internal.h) have ob_ref_local == G_REFCNT_DEFERRED:
 *    they are not counted at all, so that many threads calling one global function do
 *    not fight over its counter.  They live until the program ends.
 *
 * THE LIFETIME POLICY.  Whatever lives forever is bounded by the program's text:
 * interned names, the constants and code of its files, what its top levels define
 * once.  Everything a program can make without end -- functions and classes made in
 * functions or loops, by type() or from exec/eval text, and that text's code and
 * constants -- is counted, freed when dropped, and collected in cycles.  (CPython
 * frees a deferred object when the collector finds it unreachable; gilt keeps the
 * bounded set until exit, which docs/architecture.md notes as a difference.)
 *
 * One compare on the fast path tells all three apart: both markers sit at the top of
 * the 32-bit range, above any real count.
 *
 * The merge state lives in the low two bits of ob_ref_shared:
 *
 *            a non-owner's decref finds the shared count at 0
 *   OK(0) ----------------------------------------------> QUEUED(2)
 *     |      (it does not subtract: the queue now holds      |  the owner merges at its
 *     |       that reference; the object goes on the         |  eval breaker: total =
 *     |       owner's merge queue)                           |  local + shared - 1
 *     |                                                      v
 *     +---- the owner's local count reaches 0 while -----> MERGED(3)
 *           the shared count is not 0                    ob_tid = 0: from now on every
 *                                                        count is shared and atomic;
 *                                                        the object dies when it hits 0
 *
 * If the owner has exited, a would-be queuer merges the object itself at once.
 *
 * MAYBE_WEAKREF(1) is OK(0) for an object that has (or had) a weak reference
 * (objects/weakref.c).  It only ever replaces OK, and nothing turns it back to 0, so
 * an object with weak references never has ob_ref_shared == 0: its owner, at local
 * zero, cannot take the short cut that frees without a compare-and-swap, and must
 * settle the count in merge_into_shared -- where it races fairly with g_try_incref.
 * Every path treats 1 like 0 (a non-owner's decref that finds count 0 queues).
 *
 * Every path bumps a per-thread counter (GThreadState.rc) so the instruments can show
 * the traffic without logging each operation.
 *
 * Switches (set once at start-up, -X refcount=atomic and -X deferred=0):
 *   refcount=atomic  new objects are created unowned (ob_tid = 0), so every count
 *                    takes the atomic shared path;
 *   deferred=0       functions, classes, modules and code are counted like any object.
 */
#ifndef GILT_REFCOUNT_H
#define GILT_REFCOUNT_H

#include <stdatomic.h>
#include <stddef.h>

#include "objects/object.h"
#include "runtime/objvec.h"
#include "runtime/threadstate.h"

#define G_REFCNT_IMMORTAL UINT32_MAX
#define G_REFCNT_DEFERRED (UINT32_MAX - 1)
#define G_REFCNT_MARKERS  (UINT32_MAX - 1) /* ob_ref_local >= this: not counted */

#define G_SHARED_SHIFT 2
#define G_SHARED_UNOWNED_OK 0
#define G_SHARED_MAYBE_WEAKREF 1
#define G_SHARED_QUEUED 2
#define G_SHARED_MERGED 3
#define G_SHARED_STATE_MASK 3

void g_dealloc(GObject *o);
void g_incref_shared(GObject *o);
void g_decref_shared(GObject *o);
void g_decref_local_zero(GObject *o);
void g_refcount_skip(GObject *o);
/* The owner merges the objects other threads queued for it (eval breaker bit MERGE),
 * freeing what dies. */
void g_refcount_merge_queue(GThreadState *ts);
/* The stopper of the world merges ts's queue on its behalf; what dies is appended to
 * `later`, to be freed (g_dealloc) once the world runs again. */
void g_refcount_merge_stopped(GThreadState *ts, GObjVec *later);
/* An exiting owner: if its queue is empty, mark it dead (others merge its objects at
 * once from now on) and return true; else return false (merge, then try again). */
bool g_refcount_thread_retire(GThreadState *ts);

/* Other threads read ob_ref_local (to spot the markers) and ob_tid (to see whether
 * they own the object) while the owner writes them, so these are relaxed atomic
 * loads and stores: plain moves on x86 and ARM, but visible to ThreadSanitizer and
 * never torn or cached by the compiler.  Relaxed is enough: what a count protects is
 * ordered by the acq_rel read-modify-writes of the shared count (refcount.c). */
static inline uint32_t g_ref_local(GObject *o) { return atomic_load_explicit(&o->ob_ref_local, memory_order_relaxed); }
static inline void g_ref_local_set(GObject *o, uint32_t v) { atomic_store_explicit(&o->ob_ref_local, v, memory_order_relaxed); }
static inline uintptr_t g_ob_tid(GObject *o) { return atomic_load_explicit(&o->ob_tid, memory_order_relaxed); }
static inline void g_ob_tid_set(GObject *o, uintptr_t tid) { atomic_store_explicit(&o->ob_tid, tid, memory_order_relaxed); }

static inline bool g_is_immortal(GObject *o) { return g_ref_local(o) == G_REFCNT_IMMORTAL; }
static inline bool g_is_deferred(GObject *o) { return g_ref_local(o) == G_REFCNT_DEFERRED; }

/* An immortal or deferred object is not counted, only the skip is (for --stats and
 * the refcount panel).  Inline: a third of the counting a call does meets small ints,
 * None, code constants or the function itself, and an out-of-line call here cost
 * more than the count it saves. */
static inline __attribute__((always_inline)) void g_refcount_skip_ts(GThreadState *ts, uint32_t local)
{
    ts->rc.skipped[local - G_REFCNT_MARKERS]++;
}
static inline __attribute__((always_inline)) void g_refcount_skip_inline(uint32_t local)
{
    g_refcount_skip_ts(g_tstate_current, local);
}
_Static_assert(G_REFCNT_DEFERRED == G_REFCNT_MARKERS && G_REFCNT_IMMORTAL == G_REFCNT_MARKERS + 1,
               "the two markers index GRefStats.skipped");
_Static_assert(offsetof(GRefStats, skipped[0]) == offsetof(GRefStats, deferred_skipped) &&
               offsetof(GRefStats, skipped[1]) == offsetof(GRefStats, immortal_skipped),
               "GRefStats.skipped is the deferred and the immortal count, in that order");

/* g_incref and g_decref by the thread ts, which must be the calling thread
 * (g_tstate_current).  The thread-local costs two instructions to read and the
 * compiler reads it again at every count, since any store might have changed it for
 * all it knows; the eval loop holds it in a variable and counts through these
 * (eval_loop.h, INCREF and DECREF), which is a fifth of what each count costs. */
static inline __attribute__((always_inline)) void g_incref_ts(GThreadState *ts, GObject *o)
{
    uint32_t local = g_ref_local(o);
    if (local >= G_REFCNT_MARKERS) {
        g_refcount_skip_ts(ts, local);
        return;
    }
    if (__builtin_expect(g_ob_tid(o) == (uintptr_t)ts, 1)) {
        g_ref_local_set(o, local + 1);
        ts->rc.local++;
    } else {
        g_incref_shared(o);
    }
}

static inline __attribute__((always_inline)) void g_decref_ts(GThreadState *ts, GObject *o)
{
    uint32_t local = g_ref_local(o);
    if (local >= G_REFCNT_MARKERS) {
        g_refcount_skip_ts(ts, local);
        return;
    }
    if (__builtin_expect(g_ob_tid(o) == (uintptr_t)ts, 1)) {
        ts->rc.local++;
        if (--local == 0)
            g_decref_local_zero(o);
        else
            g_ref_local_set(o, local);
    } else {
        g_decref_shared(o);
    }
}

static inline __attribute__((always_inline)) void g_incref(GObject *o) { g_incref_ts(g_tstate_current, o); }
static inline __attribute__((always_inline)) void g_decref(GObject *o) { g_decref_ts(g_tstate_current, o); }
static inline __attribute__((always_inline)) void g_xincref(GObject *o) { if (o) g_incref(o); }
static inline __attribute__((always_inline)) void g_xdecref(GObject *o) { if (o) g_decref(o); }

/* Return o with a new reference: `return g_newref(G_NONE);` */
static inline __attribute__((always_inline)) GObject *g_newref(GObject *o) { g_incref(o); return o; }
static inline __attribute__((always_inline)) GObject *g_newref_ts(GThreadState *ts, GObject *o)
{
    g_incref_ts(ts, o);
    return o;
}

/* Replace *slot with v, dropping the old value (which may be NULL). Steals v. */
static inline void g_setref(GObject **slot, GObject *v)
{
    GObject *old = *slot;
    *slot = v;
    if (old) g_decref(old);
}
#define G_CLEAR(p) do { GObject *_o = (GObject *)(p); (p) = NULL; if (_o) g_decref(_o); } while (0)

/* A dealloc that must run code on the dying object (closing a generator runs its
 * finally blocks) brings it back to life for the duration, with one reference owned by
 * this thread; g_resurrect_end takes that reference back and says whether the object
 * is dead again (true: go on freeing) or the code kept it (false: stop; it lives). */
void g_resurrect(GObject *o);
bool g_resurrect_end(GObject *o);

/* A new reference to o if it is still alive, else false: o's count may already have
 * reached zero in another thread, which is then freeing it (or about to).  The caller
 * must keep o's memory from being freed meanwhile by other means (weakref.c holds the
 * stripe lock that o's dealloc must take first).  A weak reference's only way in. */
bool g_try_incref(GObject *o);
/* Mark o as one that may have weak references (state MAYBE_WEAKREF); the caller holds
 * a strong reference. */
void g_set_maybe_weakref(GObject *o);

/* The true reference count (sys.getrefcount). */
int64_t g_refcount(GObject *o);
/* Make o immortal (interned strings, code constants). */
void g_set_immortal(GObject *o);
/* Mark a freshly made function/code/class/module deferred, if -X deferred is on. */
void g_set_deferred(GObject *o);

#endif
