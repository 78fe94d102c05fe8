/* threadstate.c -- creating thread states, attaching and detaching them, and
 * knowing where the C stack ends.
 *
 * threadstate.h draws the DETACHED / ATTACHED / SUSPENDED state machine.  The rules
 * that keep it deadlock-free:
 *   - the GIL (when on) is taken before attaching and dropped after detaching, so a
 *     thread waiting for the GIL is never "attached" and never blocks a stop;
 *   - a thread that attaches while a stop is in progress steps back out and waits;
 *   - anything that may block (sleep, lock waits, join, I/O) detaches first.
 *
 * Each thread state owns a mimalloc heap for its objects, made on the thread's first
 * attach (a mimalloc heap may only be allocated from by the thread that made it).  The C stack limit is found
 * once per thread from pthread_getattr_np, so that deep recursion in C raises
 * RecursionError instead of overflowing the stack.
 */
#include "runtime/threadstate.h"

#include <mimalloc.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "debug.h"
#include "runtime/alloc.h"
#include "runtime/critsec.h"
#include "runtime/gc.h"
#include "runtime/gil.h"
#include "runtime/parking_lot.h"
#include "runtime/qsbr.h"
#include "runtime/refcount.h"
#include "runtime/runtime.h"
#include "runtime/stw.h"

_Thread_local GThreadState *g_tstate_current;

void g_threads_lock(void) { g_raw_lock_detaching(&g_runtime.threads_mu); }
bool g_threads_trylock(void) { return g_raw_trylock(&g_runtime.threads_mu); }
void g_threads_unlock(void) { g_raw_unlock(&g_runtime.threads_mu); }

GThreadState *g_threadstate_new(void)
{
    GThreadState *ts = calloc(1, sizeof *ts);
    if (!ts)
        abort();
    ts->id = (uintptr_t)ts;
    atomic_init(&ts->state, G_TS_DETACHED);
    atomic_init(&ts->alive, true);
    g_trace_thread_new(ts, g_tstate_current);
    g_threads_lock();
    ts->next = g_runtime.threads;
    if (ts->next)
        ts->next->prev = ts;
    g_runtime.threads = ts;
    g_threads_unlock();
    /* A thread born after q is stopped too.  g_control_stop sets the flag before it
     * walks the list under threads_mu: it either finds this thread or, having
     * unlocked after the store, lets us see the store here (the mutex orders both). */
    if (atomic_load(&g_runtime.stop_requested))
        atomic_fetch_or(&ts->eval_breaker, G_BREAK_SIGNAL);
    return ts;
}

void g_threadstate_retire(GThreadState *ts)
{
    G_ASSERT(ts == g_tstate_current && atomic_load(&ts->state) == G_TS_ATTACHED);
    /* merge (and free, attached, as every free must be) until the queue is found
     * empty under its lock, at which moment `alive` goes false and other threads
     * start merging our objects themselves: THE RETIRED-OWNER RULE says that from
     * then on this thread never touches one of its objects' local counts again */
    do
        g_refcount_merge_queue(ts);
    while (!g_refcount_thread_retire(ts));
    /* what we deferred (ours or not) is dropped by the threads still running */
    g_qsbr_thread_exit(ts);
    g_block_cache_close(ts);   /* its blocks go back to mimalloc; later frees too */
    /* the merges above may have run destructors, which push frames: only now is the
     * frame stack done with */
    g_threadstate_free_frames(ts);
}

void g_threadstate_free_frames(GThreadState *ts)
{
    G_ASSERT(ts == g_tstate_current && !ts->frame);    /* owner only, every call returned */
    G_ASSERT(!ts->frame_chunk || (!ts->frame_chunk->prev && ts->frame_top == ts->frame_chunk->data));
    for (GFrameChunk *c = ts->frame_chunk, *below; c; c = below) {
        below = c->prev;
        g_mem_free(c);
    }
    g_mem_free(ts->frame_spare);
    ts->frame_chunk = ts->frame_spare = NULL;
    ts->frame_top = ts->frame_limit = NULL;
}

/* A thread state is never freed: objects the thread created still name it as
 * their owner (ob_tid), and other threads must be able to read its `alive` flag and
 * merge queue.  Deleting takes it off the list of running threads. */
void g_threadstate_delete(GThreadState *ts)
{
    G_ASSERT(!atomic_load(&ts->alive));                 /* retired first */
    G_ASSERT(atomic_load(&ts->state) != G_TS_ATTACHED);
    g_trace_thread_exit(ts);
    g_threads_lock();
    g_runtime.exited_allocs += atomic_load(&ts->allocs);
    g_runtime.exited_frees += atomic_load(&ts->frees);
    g_gc_adopt_orphans(ts);   /* its containers outlive it: the collector must still see them */
    if (ts->prev)
        ts->prev->next = ts->next;
    else
        g_runtime.threads = ts->next;
    if (ts->next)
        ts->next->prev = ts->prev;
    g_threads_unlock();
    /* the heap's remaining blocks are still in use by other threads' objects:
     * mimalloc keeps them alive when the thread exits */
}

/* Move DETACHED -> ATTACHED, waiting out any stop of the world. */
static void attach_state(GThreadState *ts)
{
    for (;;) {
        uint64_t expected = G_TS_DETACHED;
        if (atomic_compare_exchange_strong(&ts->state, &expected, G_TS_ATTACHED)) {
            if (!atomic_load(&g_runtime.stw_requested))
                return;
            /* a stop is under way: step back out and wait for it to end */
            atomic_store(&ts->state, G_TS_DETACHED);
            g_stw_notify();
            g_park_word((const void *)&g_runtime.stw_requested, 1, 2000000, false);
            continue;
        }
        if (expected == G_TS_SUSPENDED)
            g_park_word((const void *)&ts->state, G_TS_SUSPENDED, 2000000, false);
    }
}

void g_threadstate_attach(GThreadState *ts)
{
    G_ASSERT(atomic_load(&ts->state) != G_TS_ATTACHED);
    g_lockrank_check_attach();   /* lockrank.h: the attach rule */
    g_tstate_current = ts;
    if (!ts->stack_limit)
        g_threadstate_set_stack_limit(ts);
    /* a mimalloc heap belongs to the thread that made it and only that thread may
     * allocate from it: make it here, on the thread's first attach, not in
     * g_threadstate_new (which the starting thread calls) */
    if (!ts->heap)
        ts->heap = mi_heap_new();
    for (;;) {
        bool want_gil = g_runtime.gil_enabled;
        if (want_gil && !g_gil_take(ts))
            continue;
        attach_state(ts);
        if (want_gil == g_runtime.gil_enabled) {
            ts->holds_gil = want_gil;
            g_qsbr_online(ts);
            g_trace_state(ts, G_STATE_RUNNING, 0);
            /* re-take the innermost critical section's locks (if the GIL is off and
             * others run); a wait in there detaches and attaches again, recursively */
            g_critsec_resume_top(ts);
            return;
        }
        /* the GIL was switched while we waited: undo and take the new path */
        atomic_store(&ts->state, G_TS_DETACHED);
        if (want_gil)
            g_gil_drop(ts, false);
    }
}

void g_threadstate_detach(GThreadState *ts)
{
    G_ASSERT(ts == g_tstate_current);
    G_ASSERT(atomic_load(&ts->state) == G_TS_ATTACHED);
    /* a thread about to block releases its critical sections' locks */
    g_critsec_suspend_all(ts);
    g_qsbr_offline(ts);
    /* record where and why (the caller said, just before blocking; by default "blocked") */
    if (g_runtime.record_where)
        g_runtime.record_where(ts);
    g_trace_flush_counts(ts);
    g_trace_state(ts, ts->detach_why != G_STATE_RUNNING ? (GThreadRunState)ts->detach_why : G_STATE_BLOCKED,
                  ts->detach_lock);
    ts->detach_why = G_STATE_RUNNING;
    ts->detach_lock = 0;
    atomic_store(&ts->state, G_TS_DETACHED);
    if (atomic_load(&g_runtime.stw_requested))
        g_stw_notify();
    if (ts->holds_gil) {
        ts->holds_gil = false;
        g_gil_drop(ts, false);
    }
}

void g_threadstate_suspend_self(GThreadState *ts)
{
    atomic_fetch_and(&ts->eval_breaker, ~G_BREAK_STOP);
    if (!atomic_load(&g_runtime.stw_requested))
        return;
    ts->detach_why = G_STATE_STOPPED;
    g_threadstate_detach(ts);
    g_threadstate_attach(ts);
}

/* The eval breaker asked the GIL holder to let another thread run. */
void g_threadstate_yield_gil(GThreadState *ts)
{
    if (!ts->holds_gil)
        return;
    atomic_store(&ts->state, G_TS_DETACHED);
    if (atomic_load(&g_runtime.stw_requested))
        g_stw_notify();
    ts->holds_gil = false;
    /* from here the thread waits for the GIL: first until another thread has taken
     * it (g_gil_drop), then to take it back (attach).  Recorded as running, the
     * first wait made two CPU-bound threads look as if both ran at once. */
    g_trace_state(ts, G_STATE_GIL_WAIT, 0);
    g_gil_drop(ts, true);
    g_threadstate_attach(ts);
}

void g_threadstate_set_stack_limit(GThreadState *ts)
{
    pthread_attr_t attr;
    void *addr = NULL;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        pthread_attr_getstack(&attr, &addr, &size);
        pthread_attr_destroy(&attr);
    }
    if (!addr || size == 0) {
        /* unknown: assume 1 MiB below the current frame */
        char here;
        uintptr_t top = (uintptr_t)&here;
        size = (size_t)1 << 20;
        addr = (void *)(top - size + 4096);
    }
    /* The main thread's reported stack may be the rlimit (8 MiB) even though it
     * grows on demand; keep a generous margin for C code between checks. */
    ts->stack_limit = (char *)addr + GILT_STACK_MARGIN;
}
