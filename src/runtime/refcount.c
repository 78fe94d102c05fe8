/* refcount.c -- the slow paths of biased, immortal and deferred reference counting.
 *
 * The fast paths are inline in refcount.h.  What lands here:
 *   - a count on an immortal or deferred object: only the statistics change;
 *   - a count by a thread that does not own the object: an atomic add on
 *     ob_ref_shared;
 *   - the owner's local count reaching zero: if no other thread holds a shared
 *     count the object dies at once; otherwise the owner gives up ownership and the
 *     object lives on under the shared count alone (state MERGED);
 *   - a non-owner's decrement that would take the shared count below zero: the
 *     object still has local references, so it is queued for its owner to merge
 *     (the queue and the merge arrive with threads; until then the owner is always
 *     the only thread and this path merges at once).
 */
#include "runtime/refcount.h"

#include "objects/objects.h"
#include "runtime/runtime.h"

void g_refcount_skip(GObject *o)
{
    GThreadState *ts = g_tstate_current;
    if (o->ob_ref_local == G_REFCNT_IMMORTAL)
        ts->rc.immortal_skipped++;
    else
        ts->rc.deferred_skipped++;
}

void g_incref_shared(GObject *o)
{
    atomic_fetch_add_explicit(&o->ob_ref_shared, (intptr_t)1 << G_SHARED_SHIFT, memory_order_relaxed);
    g_tstate_current->rc.shared++;
}

/* Merge the local count into the shared one and give up ownership.  Returns the
 * merged total. */
static intptr_t merge_into_shared(GObject *o, intptr_t extra)
{
    intptr_t add = ((intptr_t)o->ob_ref_local << G_SHARED_SHIFT) + extra;
    o->ob_ref_local = 0;
    o->ob_tid = 0;
    intptr_t old = atomic_load_explicit(&o->ob_ref_shared, memory_order_relaxed);
    intptr_t new;
    do {
        new = ((old & ~(intptr_t)G_SHARED_STATE_MASK) + add) | G_SHARED_MERGED;
    } while (!atomic_compare_exchange_weak(&o->ob_ref_shared, &old, new));
    return new >> G_SHARED_SHIFT;
}

void g_decref_shared(GObject *o)
{
    GThreadState *ts = g_tstate_current;
    ts->rc.shared++;
    intptr_t old = atomic_load_explicit(&o->ob_ref_shared, memory_order_relaxed);
    for (;;) {
        intptr_t state = old & G_SHARED_STATE_MASK;
        intptr_t count = old >> G_SHARED_SHIFT;
        if (state == G_SHARED_MERGED || o->ob_tid == 0) {
            intptr_t new = old - ((intptr_t)1 << G_SHARED_SHIFT);
            if (atomic_compare_exchange_weak(&o->ob_ref_shared, &old, new)) {
                if ((new >> G_SHARED_SHIFT) == 0)
                    g_dealloc(o);
                return;
            }
            continue;
        }
        if (count > 0) {
            intptr_t new = old - ((intptr_t)1 << G_SHARED_SHIFT);
            if (atomic_compare_exchange_weak(&o->ob_ref_shared, &old, new))
                return;
            continue;
        }
        /* The shared count would go negative: the owner still has local references.
         * Mark the object queued; its owner merges it. */
        intptr_t new = (old - ((intptr_t)1 << G_SHARED_SHIFT));
        new = (new & ~(intptr_t)G_SHARED_STATE_MASK) | G_SHARED_QUEUED;
        if (atomic_compare_exchange_weak(&o->ob_ref_shared, &old, new)) {
            ts->rc.queued++;
            return;
        }
    }
}

void g_decref_local_zero(GObject *o)
{
    o->ob_ref_local = 0;
    intptr_t shared = atomic_load_explicit(&o->ob_ref_shared, memory_order_acquire);
    if (shared == 0) {
        g_dealloc(o);
        return;
    }
    /* Other threads still count the object (or owe it decrements): hand it over to
     * the shared count.  If that total is zero the object is dead. */
    if (merge_into_shared(o, 0) == 0)
        g_dealloc(o);
    else
        g_tstate_current->rc.merged++;
}

void g_dealloc(GObject *o)
{
    g_tstate_current->frees++;
    G_TYPE(o)->tp_dealloc(o);
}

int64_t g_refcount(GObject *o)
{
    uint32_t local = o->ob_ref_local;
    if (local >= G_REFCNT_MARKERS)
        return (int64_t)UINT32_MAX;
    return (int64_t)local + (atomic_load(&o->ob_ref_shared) >> G_SHARED_SHIFT);
}

void g_set_immortal(GObject *o)
{
    o->ob_ref_local = G_REFCNT_IMMORTAL;
    o->ob_tid = 0;
}

void g_set_deferred(GObject *o)
{
    if (g_runtime.deferred_rc && o->ob_ref_local != G_REFCNT_IMMORTAL)
        o->ob_ref_local = G_REFCNT_DEFERRED;
}
