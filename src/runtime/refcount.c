/* refcount.c -- the slow paths of biased, immortal and deferred reference counting.
 *
 * The fast paths are inline in refcount.h, which also draws the merge states.  What
 * lands here:
 *   - a count on an immortal or deferred object: only the statistics change;
 *   - a count by a thread that does not own the object: an atomic add on
 *     ob_ref_shared;
 *   - the owner's local count reaching zero: if no other thread holds a shared
 *     count the object dies at once; otherwise the owner gives up ownership and the
 *     object lives on under the shared count alone (state MERGED);
 *   - a non-owner's decrement that finds the shared word at zero: the object still
 *     has local references, so it is queued for its owner, who merges the two counts
 *     at its next eval-breaker check.
 *
 * Who frees.  Exactly one thread may free an object, and the rule that makes it so is
 * THE MERGED-ZERO RULE: an object is freed by the thread whose own atomic update
 * leaves ob_ref_shared == MERGED with a count of zero (or, before any merge, by the
 * owner that finds its local count at zero and the shared word at zero).  A thread
 * that merely *sees* ob_tid == 0 has proved nothing: the owner clears ob_tid just
 * before its compare-and-swap publishes MERGED, so a non-owner may see the cleared
 * ob_tid while the state is still OK or QUEUED.  Its decrement then only lowers the
 * shared count (perhaps below zero), and the owner's merge, which reads that count in
 * its compare-and-swap, settles the total and frees if it is zero.
 *
 * Freeing runs code (a dealloc decrefs what the object held, and closing a generator
 * runs Python).  So nothing here frees while the world is stopped: the collector
 * merges queues with g_refcount_merge_stopped, which hands back what died, to be
 * freed once the world runs again.  And a chain of objects, each holding the next
 * (a million linked nodes, a list nested a million deep), must not overflow the C
 * stack: g_dealloc counts its nesting and, past GILT_DEALLOC_DEPTH, puts the object
 * on the thread's trash list, to be freed when the outermost g_dealloc unwinds
 * (CPython's "trashcan").
 */
#include "runtime/refcount.h"

#include "debug.h"
#include "objects/objects.h"
#include "objects/weakref.h"
#include "runtime/gc.h"
#include "runtime/mutex.h"
#include "runtime/runtime.h"
#include "runtime/stw.h"

/* ====================================================================================
 * Counting on the shared word
 * ==================================================================================== */

void g_refcount_skip(GObject *o)
{
    g_refcount_skip_inline(g_ref_local(o));
}

void g_incref_shared(GObject *o)
{
    /* relaxed: an increment orders nothing; the reference being copied keeps the
     * object alive meanwhile */
    atomic_fetch_add_explicit(&o->ob_ref_shared, (intptr_t)1 << G_SHARED_SHIFT, memory_order_relaxed);
    g_tstate_current->rc.shared++;
}

/* How many references a merge adds besides the two counts. */
typedef enum {
    MERGE_OWNER_AT_ZERO,   /* the owner's local count reached 0: a queue entry, if the
                            * object is QUEUED, still holds one reference (+1) */
    MERGE_SETTLE_QUEUED,   /* merging a queue entry: the reference it held goes (-1) */
} MergeKind;

/* Give up ownership: fold the local count into the shared count and mark the object
 * MERGED.  Only the owner (or, the owner gone or the world stopped, whoever merges on
 * its behalf) writes ob_ref_local and ob_tid.  Returns the merged total. */
static intptr_t merge_into_shared(GObject *o, MergeKind kind)
{
    intptr_t local = (intptr_t)g_ref_local(o);
    g_ref_local_set(o, 0);
    /* relaxed: readers of ob_tid only use it to choose a path, and every path below
     * is settled by the compare-and-swap on ob_ref_shared (the merged-zero rule) */
    g_ob_tid_set(o, 0);
    intptr_t old = atomic_load_explicit(&o->ob_ref_shared, memory_order_relaxed);
    intptr_t new;
    do {
        /* the extra reference is decided from the state this CAS replaces: a
         * non-owner may queue the object between our first load and here */
        intptr_t extra = kind == MERGE_SETTLE_QUEUED ? -1
                         : (old & G_SHARED_STATE_MASK) == G_SHARED_QUEUED ? 1 : 0;
        intptr_t count = (old >> G_SHARED_SHIFT) + local + extra;
        G_ASSERT(count >= 0);
        new = (intptr_t)((uintptr_t)count << G_SHARED_SHIFT) | G_SHARED_MERGED;
        /* acq_rel: the thread that frees must see every write made through the
         * references given up before (the release half of everyone's decrement) */
    } while (!atomic_compare_exchange_weak_explicit(&o->ob_ref_shared, &old, new, memory_order_acq_rel,
                                                    memory_order_relaxed));
    return new >> G_SHARED_SHIFT;
}

/* An object found dead: free it now, or -- the world being stopped -- put it on
 * `later` (its count of 0 keeps the collector off it meanwhile: gc.h, the dying rule). */
static void free_or_put_off(GObject *o, GObjVec *later)
{
    if (!later) {
        g_dealloc(o);
        return;
    }
    g_objvec_push(later, o);
}

/* A merge queue's lock: a leaf (lockrank.h), held for a few instructions. */
static void merge_lock(GThreadState *owner)
{
    g_mutex_lock_leaf(&owner->merge_lock);
    g_lockrank_acquired(G_RANK_MERGE);
}

static void merge_unlock(GThreadState *owner)
{
    g_lockrank_released(G_RANK_MERGE);
    g_mutex_unlock(&owner->merge_lock);
}

/* Put o on its owner's merge queue, or merge it here if the owner is gone.  The
 * queue holds the reference the caller gave up.  A dead object goes to `later` when
 * that is given (the world is stopped), else it is freed now. */
static void queue_for_owner(GObject *o, GThreadState *owner, GObjVec *later)
{
    merge_lock(owner);
    if (!atomic_load_explicit(&owner->alive, memory_order_relaxed)) {
        merge_unlock(owner);
        /* nobody will drain the queue: merge here (the owner has stopped touching
         * its objects' local counts for good; threadstate.c, thread exit) */
        if (merge_into_shared(o, MERGE_SETTLE_QUEUED) == 0) {
            free_or_put_off(o, later);
        }
        return;
    }
    g_objvec_push(&owner->merge_queue, o);
    merge_unlock(owner);
    atomic_fetch_or(&owner->eval_breaker, G_BREAK_MERGE);
}

static void decref_shared(GObject *o, GObjVec *later)
{
    /* relaxed load: the compare-and-swap below re-checks it */
    intptr_t old = atomic_load_explicit(&o->ob_ref_shared, memory_order_relaxed);
    for (;;) {
        if (old == G_SHARED_UNOWNED_OK || old == G_SHARED_MAYBE_WEAKREF) {
            /* count 0, never queued or merged: the owner still counts locally.  Do not
             * go below zero: mark it QUEUED; the owner's queue now holds our reference */
            uintptr_t tid = g_ob_tid(o);
            if (tid != 0) {
                if (!atomic_compare_exchange_weak_explicit(&o->ob_ref_shared, &old, G_SHARED_QUEUED,
                                                           memory_order_relaxed, memory_order_relaxed))
                    continue;
                if (g_tstate_current)
                    g_tstate_current->rc.queued++;
                queue_for_owner(o, (GThreadState *)tid, later);
                return;
            }
            /* ob_tid is 0 but the state is not MERGED yet: the owner is merging right
             * now.  Subtract below zero; its compare-and-swap will count it. */
        }
        intptr_t new = old - ((intptr_t)1 << G_SHARED_SHIFT);
        /* release: what we wrote through our reference happens before the free;
         * acquire: if we free, we see what the others wrote through theirs */
        if (!atomic_compare_exchange_weak_explicit(&o->ob_ref_shared, &old, new, memory_order_acq_rel,
                                                   memory_order_relaxed))
            continue;
        if (new == G_SHARED_MERGED) {          /* the merged-zero rule */
            free_or_put_off(o, later);
        }
        return;
    }
}

void g_decref_shared(GObject *o)
{
    if (g_tstate_current)
        g_tstate_current->rc.shared++;
    decref_shared(o, NULL);
}

void g_decref_local_zero(GObject *o)
{
    g_ref_local_set(o, 0);
    /* acquire: if no other thread counts it, we free it, after their last writes */
    intptr_t shared = atomic_load_explicit(&o->ob_ref_shared, memory_order_acquire);
    if (shared == 0) {   /* never MAYBE_WEAKREF: a weakref's g_try_incref needs the CAS below */
        g_dealloc(o);
        return;
    }
    /* Other threads still count the object, or it sits in our merge queue (which
     * holds a reference of its own): hand it over to the shared count. */
    if (merge_into_shared(o, MERGE_OWNER_AT_ZERO) == 0)
        g_dealloc(o);
    else if (g_tstate_current)
        g_tstate_current->rc.merged++;
}

/* ====================================================================================
 * Merge queues
 * ==================================================================================== */

/* Merge one queued object: its queue reference is settled by the -1. */
static void merge_queued(GObject *o, GObjVec *later)
{
    if (g_ob_tid(o) == 0) {
        /* already merged when our local count hit zero (which kept one reference for
         * the queue): drop that reference */
        decref_shared(o, later);
        return;
    }
    if (merge_into_shared(o, MERGE_SETTLE_QUEUED) == 0) {
        free_or_put_off(o, later);
    }
}

/* Take the whole queue out from under its lock. */
static GObjVec take_queue(GThreadState *ts)
{
    merge_lock(ts);
    GObjVec q = ts->merge_queue;
    ts->merge_queue = (GObjVec){ 0 };
    merge_unlock(ts);
    return q;
}

void g_refcount_merge_queue(GThreadState *ts)
{
    /* merging writes the owner's local counts: only the owner does it while the world
     * runs */
    G_ASSERT(ts == g_tstate_current);
    G_ASSERT(atomic_load(&ts->state) == G_TS_ATTACHED);
    for (;;) {
        GObjVec q = take_queue(ts);
        if (q.n == 0) {
            g_objvec_free(&q);
            return;
        }
        for (size_t i = 0; i < q.n; i++) {
            merge_queued(q.items[i], NULL);   /* may free, and freeing may queue more */
            ts->rc.merged++;
        }
        g_objvec_free(&q);
    }
}

void g_refcount_merge_stopped(GThreadState *ts, GObjVec *later)
{
    /* on the owner's behalf: only safe while the owner cannot run */
    G_ASSERT(g_world_stopped_by(g_tstate_current));
    GObjVec q = take_queue(ts);
    for (size_t i = 0; i < q.n; i++)
        merge_queued(q.items[i], later);
    if (g_tstate_current)
        g_tstate_current->rc.merged += q.n;
    g_objvec_free(&q);
}

bool g_refcount_thread_retire(GThreadState *ts)
{
    G_ASSERT(ts == g_tstate_current);
    merge_lock(ts);
    bool empty = ts->merge_queue.n == 0;
    if (empty)
        atomic_store_explicit(&ts->alive, false, memory_order_relaxed);   /* the lock orders it */
    merge_unlock(ts);
    return empty;
}

/* ====================================================================================
 * Freeing, with the depth bounded
 * ==================================================================================== */

static void free_trash(GThreadState *ts)
{
    while (ts->trash.n) {
        GObject *o = g_objvec_pop(&ts->trash);
        ts->dealloc_depth++;
        G_TYPE(o)->tp_dealloc(o);   /* may put more on the trash */
        ts->dealloc_depth--;
    }
}

void g_dealloc(GObject *o)
{
    GThreadState *ts = g_tstate_current;
    /* a dealloc may run Python code: never on a thread that is not attached, and never
     * while this thread holds the world stopped */
    G_ASSERT(ts && atomic_load(&ts->state) == G_TS_ATTACHED);
    G_ASSERT(!g_world_stopped_by(ts));
    G_ASSERT(g_lockrank_held() == 0);   /* nor while holding one of the runtime's locks */
    g_owner_count(&ts->frees, 1);
    /* The one place every object type's weak references die (weakref.c): before its
     * dealloc takes it apart, and with its count at zero so no ref can revive it.
     * Relaxed: the bit was set before the reference that set it was given up, and
     * the decrement that brought us here acquired that. */
    if (__builtin_expect(g_gc_bits(o) & G_GC_WEAKREFS, 0))
        g_weakref_clear_dying(o);
    if (G_TYPE(o)->flags & G_TPFLAG_LEAF) {
        G_TYPE(o)->tp_dealloc(o);       /* frees nothing else: no nesting to bound */
        return;
    }
    if (__builtin_expect(ts->dealloc_depth >= GILT_DEALLOC_DEPTH, 0)) {
        g_objvec_push(&ts->trash, o);   /* freed when the outermost g_dealloc unwinds */
        return;
    }
    ts->dealloc_depth++;
    G_TYPE(o)->tp_dealloc(o);
    if (--ts->dealloc_depth == 0 && __builtin_expect(ts->trash.n != 0, 0))
        free_trash(ts);
}

/* ====================================================================================
 * Running code on a dying object
 * ==================================================================================== */

void g_resurrect(GObject *o)
{
    /* nobody else holds a reference: the fields are ours to reset (g_dealloc has
     * cleared its weak references, so the state starts at OK again) */
    if ((g_gc_bits(o) & G_GC_TRACKED) && g_ob_tid(o) != (uintptr_t)g_tstate_current) {
        /* a container on another thread's list (or a merged one, whose list may be
         * anyone's): ob_tid must not name us, or g_object_free would unlink it from
         * a list that is not ours.  It lives again in the merged state, counted
         * shared, with our one reference. */
        g_ob_tid_set(o, 0);
        g_ref_local_set(o, 0);
        atomic_store_explicit(&o->ob_ref_shared, ((intptr_t)1 << G_SHARED_SHIFT) | G_SHARED_MERGED,
                              memory_order_relaxed);
        return;
    }
    g_ob_tid_set(o, (uintptr_t)g_tstate_current);
    g_ref_local_set(o, 1);
    atomic_store_explicit(&o->ob_ref_shared, 0, memory_order_relaxed);
}

bool g_resurrect_end(GObject *o)
{
    if (g_ob_tid(o) == (uintptr_t)g_tstate_current && g_ref_local(o) == 1 &&
        (atomic_load_explicit(&o->ob_ref_shared, memory_order_acquire) & ~(intptr_t)G_SHARED_MAYBE_WEAKREF) == 0) {
        g_ref_local_set(o, 0);   /* dead again: the dealloc goes on */
        /* a weak reference made while it ran: clear it now (its count is 0 again) */
        if (g_gc_bits(o) & G_GC_WEAKREFS)
            g_weakref_clear_dying(o);
        return true;
    }
    if (g_ob_tid(o) == 0 && g_ref_local(o) == 0 &&
        atomic_load_explicit(&o->ob_ref_shared, memory_order_acquire) == (((intptr_t)1 << G_SHARED_SHIFT) | G_SHARED_MERGED)) {
        /* resurrected merged (g_resurrect): ours was the only reference */
        atomic_store_explicit(&o->ob_ref_shared, G_SHARED_MERGED, memory_order_relaxed);
        if (g_gc_bits(o) & G_GC_WEAKREFS)
            g_weakref_clear_dying(o);
        return true;
    }
    /* the code kept a reference somewhere: the object lives on, and our reference
     * goes (it cannot be the last: someone else holds one) */
    g_decref(o);
    return false;
}

/* ====================================================================================
 * Weak references' way in
 * ==================================================================================== */

bool g_try_incref(GObject *o)
{
    uint32_t local = g_ref_local(o);
    if (local >= G_REFCNT_MARKERS) {
        g_refcount_skip(o);            /* immortal or deferred: alive for good */
        return true;
    }
    GThreadState *ts = g_tstate_current;
    if (g_ob_tid(o) == (uintptr_t)ts) {
        /* we own it: nobody else writes the local count.  Zero means this very thread
         * is freeing it (a weakref callback or a dealloc asked) */
        if (local == 0)
            return false;
        g_ref_local_set(o, local + 1);
        ts->rc.local++;
        return true;
    }
    /* relaxed: the compare-and-swap re-checks it */
    intptr_t old = atomic_load_explicit(&o->ob_ref_shared, memory_order_relaxed);
    for (;;) {
        /* MERGED with count 0: the merged-zero rule has chosen a thread to free it.
         * Plain 0 cannot happen for an object with weak references (refcount.h), but
         * if it did the owner could free it without a CAS, so refuse that too.  OK,
         * MAYBE_WEAKREF or QUEUED with count 0 are alive: the owner (or its queue)
         * still holds a reference, and the owner's merge will count ours because it
         * settles the total with a CAS on this same word. */
        if (old == G_SHARED_MERGED || old == G_SHARED_UNOWNED_OK)
            return false;
        /* relaxed on success, as any increment: the stripe lock the caller holds
         * orders its read of the pointer; the count's lifetime guarantee comes from
         * the single modification order of this word alone */
        if (atomic_compare_exchange_weak_explicit(&o->ob_ref_shared, &old, old + ((intptr_t)1 << G_SHARED_SHIFT),
                                                  memory_order_relaxed, memory_order_relaxed)) {
            ts->rc.shared++;
            return true;
        }
    }
}

void g_set_maybe_weakref(GObject *o)
{
    if (g_ref_local(o) >= G_REFCNT_MARKERS)
        return;
    intptr_t old = atomic_load_explicit(&o->ob_ref_shared, memory_order_relaxed);
    /* only OK becomes MAYBE_WEAKREF (with any count); QUEUED and MERGED already force
     * every free through a CAS.  relaxed: it orders nothing, the caller's strong
     * reference keeps o alive */
    while ((old & G_SHARED_STATE_MASK) == G_SHARED_UNOWNED_OK &&
           !atomic_compare_exchange_weak_explicit(&o->ob_ref_shared, &old, old | G_SHARED_MAYBE_WEAKREF,
                                                  memory_order_relaxed, memory_order_relaxed)) {
    }
}

/* ====================================================================================
 * Queries and markers
 * ==================================================================================== */

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
    g_ob_tid_set(o, 0);
}

void g_set_deferred(GObject *o)
{
    if (g_runtime.deferred_rc && g_ref_local(o) != G_REFCNT_IMMORTAL)
        g_ref_local_set(o, G_REFCNT_DEFERRED);
}
