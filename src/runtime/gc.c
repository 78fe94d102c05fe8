/* gc.c -- the cycle collector (gc.h describes the lists and the bits).
 *
 * One collection:
 *
 *   with the world stopped (the pause):
 *     1. merge every thread's queue of biased refcounts, so counts are exact
 *     2. sweep: walk every thread's list; free the zombies, gather the live
 *     3. gc_refs = the reference count of each live container (kept in its head's
 *        prev field for the moment); deferred and immortal objects count as roots,
 *        since their references are not counted at all
 *     4. subtract the references containers hold to each other (tp_traverse)
 *     5. what still has gc_refs > 0 is referenced from outside the containers (a
 *        frame, a C local, a global): mark it and everything it reaches
 *     6. the unmarked rest is garbage, unreachable cycles; take a reference to each,
 *        rebuild the lists' prev links, clear the marks
 *   then, with the world running again (nobody can reach garbage):
 *     7. tp_clear each garbage object (drop its references), then drop ours: the
 *        cycles fall apart and reference counting frees them
 *
 * Step 7 after the restart is CPython's rule too: freeing may run arbitrary code.
 */
#include "runtime/gc.h"

#include <stdlib.h>

#include "objects/objects.h"
#include "runtime/alloc.h"
#include "runtime/parking_lot.h"
#include "runtime/refcount.h"
#include "runtime/runtime.h"
#include "runtime/stw.h"
#include "trace/trace.h"

typedef struct {
    GObject **items;
    size_t n, cap;
} Vec;

static void vec_push(Vec *v, GObject *o)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 1024;
        GObject **p = realloc(v->items, cap * sizeof *p);
        if (!p)
            abort();   /* the world is stopped: nothing sensible to unwind to */
        v->items = p;
        v->cap = cap;
    }
    v->items[v->n++] = o;
}

static inline bool is_live_container(GObject *o)
{
    uint8_t bits = __atomic_load_n(&o->ob_gc_bits, __ATOMIC_RELAXED);
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
    Vec *stack = arg;
    if (child && is_live_container(child) && !(child->ob_gc_bits & G_GC_REACHABLE)) {
        child->ob_gc_bits |= G_GC_REACHABLE;
        vec_push(stack, child);
    }
    return 0;
}

/* Steps 1-6; the world is stopped.  Returns the garbage (referenced) in *garbage. */
static void find_garbage(GGCResult *r, Vec *garbage)
{
    for (GThreadState *t = g_runtime.threads; t; t = t->next)
        g_refcount_merge_queue(t);
    Vec live = { 0 };
    for (GThreadState *t = g_runtime.threads;; t = t->next) {
        /* every thread's list, then (t == NULL) the exited threads' */
        GGCHead **link = t ? &t->gc_list : &g_runtime.gc_orphans;
        while (*link) {
            GGCHead *h = *link;
            GObject *o = g_gc_object(h);
            if (o->ob_gc_bits & G_GC_DEAD) {
                *link = h->next;
                g_mem_free(h);
                r->swept++;
                continue;
            }
            vec_push(&live, o);
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
    Vec stack = { 0 };
    for (size_t i = 0; i < live.n; i++) {
        GObject *o = live.items[i];
        if (*gc_refs(o) > 0 && !(o->ob_gc_bits & G_GC_REACHABLE)) {
            o->ob_gc_bits |= G_GC_REACHABLE;
            vec_push(&stack, o);
        }
    }
    while (stack.n) {
        GObject *o = stack.items[--stack.n];
        if (G_TYPE(o)->tp_traverse)
            G_TYPE(o)->tp_traverse(o, visit_mark, &stack);
    }
    free(stack.items);
    for (size_t i = 0; i < live.n; i++) {
        GObject *o = live.items[i];
        if (!(o->ob_gc_bits & G_GC_REACHABLE)) {
            g_incref(o);                 /* ours until step 7 */
            vec_push(garbage, o);
        }
        o->ob_gc_bits &= (uint8_t)~G_GC_REACHABLE;
    }
    r->unreachable = (int64_t)garbage->n;
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
    free(live.items);
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
    Vec garbage = { 0 };
    find_garbage(&r, &garbage);
    for (GThreadState *t = g_runtime.threads; t; t = t->next)
        t->gc_allocs = 0;
    g_start_the_world(ts);
    r.pause_ns = g_monotonic_ns() - t0;
    /* step 7: break the cycles, then let reference counting free them */
    for (size_t i = 0; i < garbage.n; i++) {
        GObject *o = garbage.items[i];
        if (G_TYPE(o)->tp_clear)
            G_TYPE(o)->tp_clear(o);
    }
    for (size_t i = 0; i < garbage.n; i++)
        g_decref(garbage.items[i]);
    free(garbage.items);
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

void g_gc_note_alloc(GThreadState *ts)
{
    if (++ts->gc_allocs < (uint64_t)(g_runtime.gc_threshold[0] > 0 ? g_runtime.gc_threshold[0] : 1))
        return;
    /* and at least a quarter of what survived the last collection, so a big heap is
     * not scanned over and over for a few new containers */
    int64_t live = atomic_load_explicit(&g_runtime.gc_live, memory_order_relaxed);
    if ((int64_t)ts->gc_allocs < live / 4)
        return;
    if (g_runtime.gc_enabled && g_runtime.gc_threshold[0] > 0)
        atomic_fetch_or(&ts->eval_breaker, G_BREAK_GC);
}

void g_gc_run_requested(GThreadState *ts)
{
    atomic_fetch_and(&ts->eval_breaker, ~G_BREAK_GC);
    if (g_runtime.gc_enabled)
        g_gc_collect(NULL);
}
