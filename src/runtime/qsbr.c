/* qsbr.c -- deferred frees and decrefs, dropped once every reader has moved on
 * (qsbr.h explains why and draws the sequence).
 *
 * Each thread keeps its own list of deferred items, each with the goal sequence
 * it waits for.  Draining computes the smallest sequence any online thread has
 * reported; items whose goal is at most that are safe.  The list of threads is
 * walked under threads_mu, which is also where exited threads leave their
 * undrained items ("orphans") for whoever drains next.
 *
 * threads_mu is held by a stop-the-world for the whole stop, so an attached thread
 * must never wait for it (the stop would wait for that thread forever).  Here it is
 * only ever try-locked: if it is busy, the request or the drain is simply retried
 * at a later check point.
 */
#include "runtime/qsbr.h"

#include <stdlib.h>
#include <time.h>

#include "runtime/alloc.h"
#include "runtime/refcount.h"
#include "runtime/runtime.h"

typedef struct GQsbrItem {
    void *ptr;
    uint64_t goal;
    bool decref;           /* a reference to drop, else a buffer to free */
} GQsbrItem;

enum { DRAIN_EVERY = 256 }; /* try to drain every this many deferrals */

static void drop(GQsbrItem *it)
{
    if (it->decref)
        g_decref((GObject *)it->ptr);
    else
        g_mem_free(it->ptr);
}

static void push(GQsbrItem **items, size_t *n, size_t *cap, GQsbrItem it)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 64;
        GQsbrItem *p = realloc(*items, c * sizeof *p);
        if (!p)
            abort();   /* losing a deferred drop would corrupt counts: out of memory here is fatal */
        *items = p;
        *cap = c;
    }
    (*items)[(*n)++] = it;
}

void g_qsbr_request_all(void)
{
    if (!g_tstate_current) {
        g_threads_lock();   /* a thread that runs no Python may wait */
    } else if (!g_threads_trylock()) {
        /* busy (a stop is under way): ask ourselves to try again later */
        atomic_fetch_or(&g_tstate_current->eval_breaker, G_BREAK_QSBR);
        return;
    }
    for (GThreadState *t = g_runtime.threads; t; t = t->next)
        atomic_fetch_or(&t->eval_breaker, G_BREAK_QSBR);
    g_threads_unlock();
}

static void defer(void *p, bool decref)
{
    GThreadState *ts = g_tstate_current;
    /* the goal: a report of S+1 can only be read after S became S+1, which is after
     * our load of S, which is after the caller took p out of where readers find it */
    uint64_t goal = atomic_load(&g_runtime.qsbr_wr_seq) + 1;
    push(&ts->qsbr_items, &ts->qsbr_n, &ts->qsbr_cap, (GQsbrItem){ p, goal, decref });
    if (ts->qsbr_n % DRAIN_EVERY == 0) {
        /* move the sequence on, so the goals above become reachable, and drain at
         * our next check point (which asks the threads that lag behind to report) */
        atomic_fetch_add(&g_runtime.qsbr_wr_seq, 1);
        atomic_fetch_or(&ts->eval_breaker, G_BREAK_QSBR);
    }
}

void g_qsbr_free(void *p)
{
    if (!p)
        return;
    if (g_concurrent())
        defer(p, false);
    else
        g_mem_free(p);
}

void g_qsbr_decref(GObject *o)
{
    if (!o)
        return;
    uint32_t local = g_ref_local(o);
    if (local >= G_REFCNT_MARKERS) {
        g_refcount_skip(o);       /* immortal or deferred: nothing to drop, nothing to wait for */
        return;
    }
    if (g_concurrent())
        defer(o, true);
    else
        g_decref(o);
}

void g_qsbr_online(GThreadState *ts)
{
    atomic_store(&ts->qsbr_seq, atomic_load(&g_runtime.qsbr_wr_seq));
}

void g_qsbr_offline(GThreadState *ts) { atomic_store(&ts->qsbr_seq, 0); }

/* The smallest sequence an online thread has reported (UINT64_MAX: none online).
 * Other threads that have not reached `want` are asked to report at their next
 * check point. */
static uint64_t min_reported(GThreadState *self, uint64_t want)
{
    uint64_t min = UINT64_MAX;
    for (GThreadState *t = g_runtime.threads; t; t = t->next) {
        uint64_t s = atomic_load(&t->qsbr_seq);
        if (s && s < min)
            min = s;
        if (t != self && s && s < want)
            atomic_fetch_or(&t->eval_breaker, G_BREAK_QSBR);
    }
    return min;
}

/* Drop the items of a list that are safe at `min`, keeping the others in order. */
static size_t drain(GQsbrItem *items, size_t n, uint64_t min, GQsbrItem **out, size_t *out_n, size_t *out_cap)
{
    size_t keep = 0;
    for (size_t i = 0; i < n; i++) {
        if (items[i].goal <= min)
            push(out, out_n, out_cap, items[i]);
        else
            items[keep++] = items[i];
    }
    return keep;
}

bool g_qsbr_quiescent(GThreadState *ts)
{
    g_qsbr_online(ts);
    if (!g_threads_trylock())
        return false;    /* the bit stays set: drain at the next check point */
    atomic_fetch_and(&ts->eval_breaker, ~G_BREAK_QSBR);
    /* with the GIL on, or alone, every other thread is at a quiescent point now */
    uint64_t min;
    GQsbrItem *ready = NULL;
    size_t nready = 0, capready = 0;
    /* goals beyond the current sequence wait for the next advance (defer) */
    uint64_t want = ts->qsbr_n ? ts->qsbr_items[ts->qsbr_n - 1].goal : 0;
    uint64_t now = atomic_load(&g_runtime.qsbr_wr_seq);
    min = g_concurrent() ? min_reported(ts, want < now ? want : now) : UINT64_MAX;
    g_runtime.qsbr_orphans_n = drain(g_runtime.qsbr_orphans, g_runtime.qsbr_orphans_n, min, &ready, &nready, &capready);
    g_threads_unlock();
    ts->qsbr_n = drain(ts->qsbr_items, ts->qsbr_n, min, &ready, &nready, &capready);
    /* dropping may defer more (a dict freed here clears its entries): work on a copy */
    for (size_t i = 0; i < nready; i++)
        drop(&ready[i]);
    free(ready);
    return true;
}

bool g_qsbr_flush(GThreadState *ts)
{
    for (int i = 0; i < 200; i++) {
        atomic_fetch_add(&g_runtime.qsbr_wr_seq, 1);   /* make every goal reachable */
        g_qsbr_request_all();
        g_threadstate_detach(ts);                       /* let the others report */
        struct timespec ms = { 0, 1000000 };
        nanosleep(&ms, NULL);
        g_threadstate_attach(ts);
        if (!g_qsbr_quiescent(ts))
            continue;
        g_threads_lock();
        bool empty = ts->qsbr_n == 0 && g_runtime.qsbr_orphans_n == 0;
        g_threads_unlock();
        if (empty)
            return true;
    }
    return false;
}

void g_qsbr_thread_exit(GThreadState *ts)
{
    g_threads_lock();
    for (size_t i = 0; i < ts->qsbr_n; i++)
        push(&g_runtime.qsbr_orphans, &g_runtime.qsbr_orphans_n, &g_runtime.qsbr_orphans_cap, ts->qsbr_items[i]);
    g_threads_unlock();
    free(ts->qsbr_items);
    ts->qsbr_items = NULL;
    ts->qsbr_n = ts->qsbr_cap = 0;
    atomic_store(&ts->qsbr_seq, 0);
}
