/* trace.c -- the collector: the drain, its thread, the --trace file and the
 * statistics that consumers read (trace.h explains the whole).
 *
 * The collector:
 *
 *     every 5 ms:  set G_BREAK_FLUSH on every attached thread (each emits its
 *                  counter increases at its next eval-breaker check), then drain
 *                  -- the control ring, the rings of threads that have exited
 *                  (then freed), and each live thread's unread events -- into the
 *                  statistics and the listener and file
 *
 * Why 5 ms and not 1: on a 2-core machine with two busy threads every wake-up of
 * the collector preempts one of them; at 1 ms that cost bench/threads_cpu.py about
 * 0.1 of its 2-thread speedup, at 5 ms about half that.  The dashboard draws at
 * 10 Hz, so 5 ms counters are still twenty samples per frame.
 *
 * Draining takes drain_mu, so gilt.stats() and the final --stats print can drain
 * from other threads.  The thread list is walked with g_threads_lock (an attached
 * caller waits for it detached, so it can never hold up a stop of the world).
 */
#include "trace/trace.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "runtime/runtime.h"
#include "trace/tracefile.h"

#define T (g_runtime.trace)
#define R (&g_runtime.rec)
#define SCRATCH 4096

void g_trace_init(void)
{
    g_runtime.trace = calloc(1, sizeof(GTrace));
    if (!g_runtime.trace)
        abort();
    g_raw_mutex_init(&T->drain_mu, G_RANK_DRAIN);
    g_raw_mutex_init(&T->wake_mu, G_RANK_WAKE);
    g_cond_init(&T->wake_cond);
    g_stats_init(&T->stats);
    T->scratch = malloc(SCRATCH * sizeof(GEvent));
    if (!T->scratch)
        abort();
}

static void consume(const GEvent *ev, size_t n)
{
    for (size_t i = 0; i < n; i++)
        g_stats_apply(&T->stats, &ev[i]);
    if (T->listener)
        T->listener(ev, n, T->listener_ctx);
    if (!T->file)
        return;
    g_raw_lock(&R->strings_mu);
    for (; T->strings_written < R->nstrings; T->strings_written++)
        if (T->strings_written > 0)
            g_tracefile_write_string(T->file, T->strings_written, R->strings[T->strings_written]);
    g_raw_unlock(&R->strings_mu);
    g_tracefile_write_events(T->file, ev, n);
}

bool g_trace_open_file(const char *path)
{
    g_raw_lock_detaching(&T->drain_mu);
    T->file = g_tracefile_create(path, g_runtime.gil_enabled ? 1 : 0);
    g_raw_unlock(&T->drain_mu);
    return T->file != NULL;
}

void g_trace_set_listener(GTraceListener fn, void *ctx)
{
    g_raw_lock_detaching(&T->drain_mu);
    T->listener = fn;
    T->listener_ctx = ctx;
    g_raw_unlock(&T->drain_mu);
}

void g_trace_drain(void)
{
    g_raw_lock_detaching(&T->drain_mu);
    if (R->control_ring) {
        size_t n;
        while ((n = g_ring_read(R->control_ring, T->scratch, SCRATCH)) > 0)
            consume(T->scratch, n);
    }
    /* rings of threads that have exited: what they still hold, then they go */
    size_t nretired;
    GRing **retired = g_trace_take_retired(&nretired);
    for (size_t i = 0; i < nretired; i++) {
        size_t n;
        while ((n = g_ring_read(retired[i], T->scratch, SCRATCH)) > 0)
            consume(T->scratch, n);
        T->exited_dropped += atomic_load_explicit(&retired[i]->dropped, memory_order_relaxed);
        g_ring_free(retired[i]);
    }
    free(retired);
    g_threads_lock();
    uint64_t dropped = 0;
    for (GThreadState *t = g_runtime.threads; t; t = t->next) {
        /* once: the thread may retire its ring at any moment (record.c); the ring
         * itself stays until a later drain frees it */
        GRing *ring = atomic_load_explicit(&t->ring, memory_order_acquire);
        if (!ring)
            continue;
        size_t n;
        while ((n = g_ring_read(ring, T->scratch, SCRATCH)) > 0)
            consume(T->scratch, n);
        dropped += atomic_load_explicit(&ring->dropped, memory_order_relaxed);
    }
    g_threads_unlock();
    T->stats.dropped = dropped + T->exited_dropped;
    g_raw_unlock(&T->drain_mu);
}

static void *collector_main(void *arg)
{
    (void)arg;
    g_raw_lock(&T->wake_mu);
    while (atomic_load(&T->running)) {
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_nsec += 5000000;
        if (until.tv_nsec >= 1000000000) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000;
        }
        g_raw_cond_wait(&T->wake_cond, &T->wake_mu, &until);
        if (!atomic_load(&T->running))
            break;
        g_raw_unlock(&T->wake_mu);
        g_threads_lock();
        for (GThreadState *t = g_runtime.threads; t; t = t->next)
            if (atomic_load_explicit(&t->state, memory_order_relaxed) == G_TS_ATTACHED)
                atomic_fetch_or(&t->eval_breaker, G_BREAK_FLUSH);
        g_threads_unlock();
        g_trace_drain();
        g_raw_lock(&T->wake_mu);
    }
    g_raw_unlock(&T->wake_mu);
    return NULL;
}

void g_trace_start(void)
{
#ifndef GILT_NO_TRACE
    atomic_store(&T->running, true);
    if (pthread_create(&T->collector, NULL, collector_main, NULL) != 0)
        atomic_store(&T->running, false);   /* no collector: gilt.stats() and --stats still drain */
#endif
}

void g_trace_stop(void)
{
    /* joining the collector blocks, and the collector may be waiting for threads_mu,
     * whose holder may be waiting for the GIL: never join attached (lockrank.h, the
     * attached-wait rule) */
    GThreadState *ts = g_tstate_current;
    bool attached = ts && atomic_load(&ts->state) == G_TS_ATTACHED;
    if (attached)
        g_threadstate_detach(ts);
    g_raw_lock(&T->wake_mu);
    bool was = atomic_exchange(&T->running, false);
    pthread_cond_signal(&T->wake_cond);
    g_raw_unlock(&T->wake_mu);
    if (was)
        pthread_join(T->collector, NULL);
    g_trace_drain();
    g_raw_lock_detaching(&T->drain_mu);
    if (T->file) {
        g_tracefile_write_end(T->file, T->stats.dropped, T->stats.last_t);
        fclose(T->file);
        T->file = NULL;
    }
    g_raw_unlock(&T->drain_mu);
    if (attached)
        g_threadstate_attach(ts);
}

void g_trace_fork_prepare(void) { g_raw_lock_detaching(&T->drain_mu); }

void g_trace_fork_after(bool child)
{
    if (child) {
        g_raw_mutex_reinit_held(&T->drain_mu);
        g_raw_mutex_init(&T->wake_mu, G_RANK_WAKE);
        g_cond_init(&T->wake_cond);
        atomic_store(&T->running, false);
        T->file = NULL;
        T->listener = NULL;
        T->listener_ctx = NULL;
    }
    g_raw_unlock(&T->drain_mu);
}

GStats *g_stats_live(void) { return &T->stats; }
void g_stats_lock(void) { g_raw_lock_detaching(&T->drain_mu); }
bool g_stats_trylock(void) { return g_raw_trylock(&T->drain_mu); }
void g_stats_unlock(void) { g_raw_unlock(&T->drain_mu); }
