/* gc.c -- the cycle collector (gc.h describes the lists and the bits).
 *
 * One collection:
 *
 *   with the world stopped (the pause):
 *     1. merge every thread's queue of biased refcounts, so counts are exact; what
 *        dies there is only put aside, since freeing runs code
 *     2. sweep: walk every thread's list; free the zombies, gather the live
 *     3. gc_refs = the reference count of each live container (kept in its head's
 *        prev field for the moment); deferred and immortal objects count as roots,
 *        since their references are not counted at all
 *     4. subtract the references containers hold to each other (tp_traverse)
 *     5. what still has gc_refs > 0 is referenced from outside the containers (a
 *        frame, a C local, a global): mark it and everything it reaches
 *     6. the unmarked rest is garbage, unreachable cycles; take a reference to each,
 *        rebuild the lists' prev links, clear the marks
 *     6b. clear the weak references to garbage (and unlink the weakrefs that are
 *        garbage), so that no thread can call one and revive a half-collected
 *        object; their callbacks are only gathered (objects/weakref.c)
 *   then, with the world running again (nobody can reach garbage):
 *     7. free what step 1 put aside, then run the weakref callbacks of 6b (before
 *        anything is torn down, as CPython does)
 *     8. tp_clear each garbage object (drop its references), then drop ours: the
 *        cycles fall apart and reference counting frees them
 *
 * Steps 7 and 8 after the restart are CPython's rule too: freeing may run arbitrary
 * code (closing a generator runs its finally blocks), which must never happen with
 * the world stopped -- it could wait for a lock a parked thread holds, or stop at a
 * safepoint that nobody will release.  g_dealloc asserts it.
 *
 * Objects whose count is 0 are skipped by every step (gc.h, the dying rule):
 * reference counting is already freeing them.
 */
#include "runtime/gc.h"

#include <stdlib.h>

#include "objects/objects.h"
#include "objects/weakref.h"
#include "debug.h"
#include "runtime/alloc.h"
#include "runtime/objvec.h"
#include "runtime/parking_lot.h"
#include "runtime/refcount.h"
#include "runtime/runtime.h"
#include "runtime/stw.h"
#include "trace/record.h"

static inline bool is_live_container(GObject *o)
{
    uint8_t bits = g_gc_bits(o);
    return (bits & G_GC_TRACKED) && !(bits & G_GC_DEAD);
}

/* gc_refs lives in the head's prev field during a collection. */
static inline intptr_t *gc_refs(GObject *o) { return (intptr_t *)&g_gc_head(o)->prev; }

static int visit_decref(GObject *child, void *arg)
{
    (void)arg;
    if (child && is_live_container(child) && g_ref_local(child) < G_REFCNT_MARKERS)
        (*gc_refs(child))--;
    return 0;
}

static int visit_mark(GObject *child, void *arg)
{
    GObjVec *stack = arg;
    if (child && is_live_container(child) && !(g_gc_bits(child) & G_GC_REACHABLE)) {
        g_gc_bits_set(child, G_GC_REACHABLE);
        g_objvec_push(stack, child);
    }
    return 0;
}

/* Steps 1-6; the world is stopped.  Returns the garbage (referenced) in *garbage and
 * what died in the merges in *dead. */
static void find_garbage(GGCResult *r, GObjVec *garbage, GObjVec *dead, GObjVec *calls)
{
    G_ASSERT(g_world_stopped_by(g_tstate_current));
    for (GThreadState *t = g_runtime.threads; t; t = t->next)
        g_refcount_merge_stopped(t, dead);
    GObjVec live = { 0 };
    for (GThreadState *t = g_runtime.threads;; t = t->next) {
        /* every thread's list, then (t == NULL) the exited threads' */
        GGCHead **link = t ? &t->gc_list : &g_runtime.gc_orphans;
        while (*link) {
            GGCHead *h = *link;
            GObject *o = g_gc_object(h);
            if (g_gc_bits(o) & G_GC_DEAD) {
                *link = h->next;
                g_mem_free(h);
                r->swept++;
                continue;
            }
            if (g_refcount(o) != 0)   /* the dying rule (gc.h) */
                g_objvec_push(&live, o);
            link = &h->next;
        }
        if (!t)
            break;
    }
    r->examined = (int64_t)live.n;
    for (size_t i = 0; i < live.n; i++) {
        GObject *o = live.items[i];
        uint32_t local = g_ref_local(o);
        *gc_refs(o) = local >= G_REFCNT_MARKERS ? INTPTR_MAX / 2 : (intptr_t)g_refcount(o);
    }
    for (size_t i = 0; i < live.n; i++) {
        GObject *o = live.items[i];
        if (G_TYPE(o)->tp_traverse)
            G_TYPE(o)->tp_traverse(o, visit_decref, NULL);
    }
    GObjVec stack = { 0 };
    for (size_t i = 0; i < live.n; i++) {
        GObject *o = live.items[i];
        if (*gc_refs(o) > 0 && !(g_gc_bits(o) & G_GC_REACHABLE)) {
            g_gc_bits_set(o, G_GC_REACHABLE);
            g_objvec_push(&stack, o);
        }
    }
    while (stack.n) {
        GObject *o = stack.items[--stack.n];
        if (G_TYPE(o)->tp_traverse)
            G_TYPE(o)->tp_traverse(o, visit_mark, &stack);
    }
    g_objvec_free(&stack);
    for (size_t i = 0; i < live.n; i++) {
        GObject *o = live.items[i];
        if (!(g_gc_bits(o) & G_GC_REACHABLE)) {
            g_incref(o);                 /* ours until step 7 */
            g_objvec_push(garbage, o);
        }
        g_gc_bits_clear(o, G_GC_REACHABLE);
    }
    r->unreachable = (int64_t)garbage->n;
    g_weakref_gc_clear(garbage, calls);   /* step 6b */
    /* rebuild the prev links we borrowed */
    for (GThreadState *t = g_runtime.threads;; t = t->next) {
        GGCHead *prev = NULL;
        for (GGCHead *h = t ? t->gc_list : g_runtime.gc_orphans; h; h = h->next) {
            h->prev = prev;
            prev = h;
        }
        if (!t)
            break;
    }
    atomic_store(&g_runtime.gc_live, (int64_t)live.n - (int64_t)garbage->n);
    g_objvec_free(&live);
}

int64_t g_gc_collect(GGCResult *out)
{
    GGCResult r = { 0 };
    GThreadState *ts = g_tstate();
    if (atomic_exchange(&g_runtime.gc_running, true))
        return 0;   /* another thread is collecting: its collection serves us too */
    g_trace_emit(ts, G_EV_GC_BEGIN, 0, 0, 0);
    int64_t t0 = g_monotonic_ns();
    g_stop_the_world(ts);
    g_runtime.stw_reason = 1;   /* set while holding the stop (another may be queued) */
    r.safepoint_ns = g_runtime.stw_last_ns;
    g_trace_emit(ts, G_EV_GC_SAFEPOINT, 0, (uint64_t)r.safepoint_ns, 0);
    GObjVec garbage = { 0 }, dead = { 0 }, calls = { 0 };
    find_garbage(&r, &garbage, &dead, &calls);
    for (GThreadState *t = g_runtime.threads; t; t = t->next)
        t->gc_net = 0;
    atomic_store(&g_runtime.gc_young, 0);
    g_start_the_world(ts);
    r.pause_ns = g_monotonic_ns() - t0;
    /* step 7: free what died in the merges */
    for (size_t i = 0; i < dead.n; i++)
        g_dealloc(dead.items[i]);
    g_objvec_free(&dead);
    g_weakref_run_callbacks(&calls);
    /* step 8: break the cycles, then let reference counting free them */
    for (size_t i = 0; i < garbage.n; i++) {
        GObject *o = garbage.items[i];
        if (G_TYPE(o)->tp_clear)
            G_TYPE(o)->tp_clear(o);
    }
    for (size_t i = 0; i < garbage.n; i++)
        g_decref(garbage.items[i]);
    g_objvec_free(&garbage);
    g_runtime.gc_collections++;
    g_trace_emit(ts, G_EV_GC_END, (uint32_t)(r.pause_ns / 1000), (uint64_t)r.examined, (uint64_t)(r.unreachable + r.swept));
    atomic_store(&g_runtime.gc_running, false);
    if (out)
        *out = r;
    return r.unreachable;
}

void g_gc_adopt_orphans(GThreadState *ts)
{
    GGCHead *h = ts->gc_list;
    if (!h)
        return;
    GGCHead *tail = h;
    while (tail->next)
        tail = tail->next;
    tail->next = g_runtime.gc_orphans;
    if (tail->next)
        tail->next->prev = tail;
    g_runtime.gc_orphans = h;
    ts->gc_list = NULL;
}

void g_gc_fold(GThreadState *ts)
{
    int64_t net = ts->gc_net;
    ts->gc_net = 0;
    /* the count never goes below zero (as in CPython): freeing what older code made,
     * or the garbage a collection just broke up, must not bank credit that delays
     * the next collection by as many containers */
    int64_t old = atomic_load_explicit(&g_runtime.gc_young, memory_order_relaxed), young;
    do
        young = old + net < 0 ? 0 : old + net;
    while (!atomic_compare_exchange_weak_explicit(&g_runtime.gc_young, &old, young, memory_order_relaxed,
                                                  memory_order_relaxed));
    bool grew = net > 0;
    int64_t threshold = g_runtime.gc_threshold[0];
    if (!grew || !g_runtime.gc_enabled || threshold <= 0 || young < threshold)
        return;
    /* and at least a quarter of what survived the last collection, so a big heap is
     * not scanned over and over for a few new containers */
    if (young < atomic_load_explicit(&g_runtime.gc_live, memory_order_relaxed) / 4)
        return;
    atomic_fetch_or(&ts->eval_breaker, G_BREAK_GC);
}

int64_t g_gc_young_count(void)
{
    int64_t own = g_tstate_current ? g_tstate_current->gc_net : 0;
    return atomic_load_explicit(&g_runtime.gc_young, memory_order_relaxed) + own;
}

void g_gc_run_requested(GThreadState *ts)
{
    atomic_fetch_and(&ts->eval_breaker, ~G_BREAK_GC);
    if (g_runtime.gc_enabled)
        g_gc_collect(NULL);
}
