/* refcount.c -- the slow paths of biased, immortal and deferred reference counting.
 *
 * The fast paths are inline in refcount.h.  What lands here:
 *   - a count on an immortal or deferred object: only the statistics change;
 *   - a count by a thread that does not own the object: an atomic add on
 *     ob_ref_shared;
 *   - the owner's local count reaching zero: if no other thread holds a shared
 *     count the object dies at once; otherwise the owner gives up ownership and the
 *     object lives on under the shared count alone (state MERGED);
 *   - a non-owner's decrement that finds the shared count at zero: the object still
 *     has local references, so it is queued for its owner, who merges the two counts
 *     at its next eval-breaker check (refcount.h draws the states).
 */
#include "runtime/refcount.h"

#include <stdlib.h>

#include "objects/objects.h"
#include "runtime/mutex.h"
#include "runtime/runtime.h"

void g_refcount_skip(GObject *o)
{
    GThreadState *ts = g_tstate_current;
    if (g_ref_local(o) == G_REFCNT_IMMORTAL)
        ts->rc.immortal_skipped++;
    else
        ts->rc.deferred_skipped++;
}

void g_incref_shared(GObject *o)
{
    atomic_fetch_add_explicit(&o->ob_ref_shared, (intptr_t)1 << G_SHARED_SHIFT, memory_order_relaxed);
    g_tstate_current->rc.shared++;
}

/* Give up ownership: fold the local count (plus `extra`) into the shared count and
 * mark the object MERGED.  Returns the merged total. */
static intptr_t merge_into_shared(GObject *o, intptr_t extra)
{
    intptr_t local = (intptr_t)g_ref_local(o);
    g_ref_local_set(o, 0);
    atomic_store_explicit((_Atomic uintptr_t *)&o->ob_tid, 0, memory_order_relaxed);
    intptr_t old = atomic_load_explicit(&o->ob_ref_shared, memory_order_relaxed);
    intptr_t new;
    do {
        intptr_t count = (old >> G_SHARED_SHIFT) + local + extra;
        new = (intptr_t)((uintptr_t)count << G_SHARED_SHIFT) | G_SHARED_MERGED;
    } while (!atomic_compare_exchange_weak(&o->ob_ref_shared, &old, new));
    return new >> G_SHARED_SHIFT;
}

/* Put o on its owner's merge queue, or merge it here if the owner is gone.
 * The queue holds the reference the caller gave up. */
static void queue_for_owner(GObject *o, GThreadState *owner)
{
    GMutex *lock = (GMutex *)&owner->merge_lock;
    g_mutex_lock(lock);
    if (!atomic_load(&owner->alive)) {
        g_mutex_unlock(lock);
        /* nobody will drain the queue: merge here (the owner cannot touch its local
         * count any more) and settle the reference we gave up */
        if (merge_into_shared(o, -1) == 0)
            g_dealloc(o);
        return;
    }
    if (owner->merge_n == owner->merge_cap) {
        size_t cap = owner->merge_cap ? owner->merge_cap * 2 : 64;
        GObject **q = realloc(owner->merge_queue, cap * sizeof(GObject *));
        if (!q)
            abort();   /* cannot lose a reference; out of memory here is fatal */
        owner->merge_queue = q;
        owner->merge_cap = cap;
    }
    owner->merge_queue[owner->merge_n++] = o;
    g_mutex_unlock(lock);
    atomic_fetch_or(&owner->eval_breaker, G_BREAK_MERGE);
}

void g_decref_shared(GObject *o)
{
    GThreadState *ts = g_tstate_current;
    if (ts)
        ts->rc.shared++;
    intptr_t old = atomic_load_explicit(&o->ob_ref_shared, memory_order_relaxed);
    for (;;) {
        intptr_t state = old & G_SHARED_STATE_MASK;
        intptr_t count = old >> G_SHARED_SHIFT;
        uintptr_t tid = atomic_load_explicit((_Atomic uintptr_t *)&o->ob_tid, memory_order_relaxed);
        if (count == 0 && state != G_SHARED_MERGED && state != G_SHARED_QUEUED && tid != 0) {
            /* the owner still counts locally: queue the object instead of going below 0 */
            intptr_t new = G_SHARED_QUEUED;
            if (!atomic_compare_exchange_weak(&o->ob_ref_shared, &old, new))
                continue;
            if (ts)
                ts->rc.queued++;
            queue_for_owner(o, (GThreadState *)tid);
            return;
        }
        intptr_t new = old - ((intptr_t)1 << G_SHARED_SHIFT);
        if (!atomic_compare_exchange_weak(&o->ob_ref_shared, &old, new))
            continue;
        if ((new >> G_SHARED_SHIFT) == 0 && (state == G_SHARED_MERGED || tid == 0))
            g_dealloc(o);
        return;
    }
}

void g_decref_local_zero(GObject *o)
{
    g_ref_local_set(o, 0);
    intptr_t shared = atomic_load_explicit(&o->ob_ref_shared, memory_order_acquire);
    if (shared == 0) {
        g_dealloc(o);
        return;
    }
    /* Other threads still count the object, or it sits in our merge queue (which
     * holds a reference of its own): hand it over to the shared count. */
    intptr_t queued = (shared & G_SHARED_STATE_MASK) == G_SHARED_QUEUED ? 1 : 0;
    if (merge_into_shared(o, queued) == 0)
        g_dealloc(o);
    else if (g_tstate_current)
        g_tstate_current->rc.merged++;
}

/* Merge one queued object: its queue reference is settled by the -1. */
static void merge_queued(GObject *o)
{
    if (atomic_load_explicit((_Atomic uintptr_t *)&o->ob_tid, memory_order_relaxed) == 0) {
        /* already merged when our local count hit zero: drop the queue's reference */
        g_decref_shared(o);
        return;
    }
    if (merge_into_shared(o, -1) == 0)
        g_dealloc(o);
}

void g_refcount_merge_queue(GThreadState *ts)
{
    GMutex *lock = (GMutex *)&ts->merge_lock;
    for (;;) {
        g_mutex_lock(lock);
        size_t n = ts->merge_n;
        GObject **q = ts->merge_queue;
        ts->merge_queue = NULL;
        ts->merge_n = ts->merge_cap = 0;
        g_mutex_unlock(lock);
        if (n == 0) {
            free(q);
            return;
        }
        for (size_t i = 0; i < n; i++) {
            merge_queued(q[i]);
            ts->rc.merged++;
        }
        free(q);
    }
}

void g_refcount_thread_exit(GThreadState *ts)
{
    GMutex *lock = (GMutex *)&ts->merge_lock;
    g_mutex_lock(lock);
    atomic_store(&ts->alive, false);
    g_mutex_unlock(lock);
    g_refcount_merge_queue(ts);
}

void g_dealloc(GObject *o)
{
    g_tstate_current->frees++;
    G_TYPE(o)->tp_dealloc(o);
}

int64_t g_refcount(GObject *o)
{
    uint32_t local = g_ref_local(o);
    if (local >= G_REFCNT_MARKERS)
        return (int64_t)UINT32_MAX;
    return (int64_t)local + (atomic_load(&o->ob_ref_shared) >> G_SHARED_SHIFT);
}

void g_set_immortal(GObject *o)
{
    g_ref_local_set(o, G_REFCNT_IMMORTAL);
    __atomic_store_n(&o->ob_tid, 0, __ATOMIC_RELAXED);
}

void g_set_deferred(GObject *o)
{
    if (g_runtime.deferred_rc && g_ref_local(o) != G_REFCNT_IMMORTAL)
        g_ref_local_set(o, G_REFCNT_DEFERRED);
}
