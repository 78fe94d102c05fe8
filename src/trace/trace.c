/* trace.c -- thread numbers and rings, the string table, the drain and the
 * collector thread (trace.h explains the whole).
 *
 * The collector:
 *
 *     every 5 ms:  set G_BREAK_FLUSH on every attached thread (each emits its
 *                  counter increases at its next eval-breaker check), then drain
 *                  -- for each thread state, copy its unread events out of its
 *                  ring and add them to the statistics
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

#define T (&g_runtime.trace)
#define SCRATCH 4096

uint64_t g_trace_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec - T->start_ns;
}

void g_trace_init(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    T->start_ns = (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
    atomic_init(&T->next_thread_no, 1);
    g_raw_mutex_init(&T->strings_mu, G_RANK_STRINGS);
    g_raw_mutex_init(&T->drain_mu, G_RANK_DRAIN);
    g_raw_mutex_init(&T->wake_mu, G_RANK_WAKE);
    g_cond_init(&T->wake_cond);
    g_raw_mutex_init(&T->control_mu, G_RANK_CONTROL);
    g_stats_init(&T->stats);
#ifndef GILT_NO_TRACE
    T->control_ring = g_ring_new(1024);
#endif
    T->scratch = malloc(SCRATCH * sizeof(GEvent));
    if (!T->scratch)
        abort();
    g_trace_string("");   /* number 0 stays "no string"; "" is 1 */
}

void g_trace_thread_new(GThreadState *ts, GThreadState *parent)
{
    ts->trace_no = (uint16_t)atomic_fetch_add(&T->next_thread_no, 1);
#ifndef GILT_NO_TRACE
    ts->ring = g_ring_new(G_RING_CAPACITY);   /* NULL (out of memory): this thread records nothing */
#endif
    ts->run_state = G_STATE_RUNNING;
    g_trace_emit(ts, G_EV_THREAD_START, parent ? parent->trace_no : 0, 0, 0);
}

static void consume(const GEvent *ev, size_t n);

void g_trace_thread_exit(GThreadState *ts)
{
    g_trace_flush_counts(ts);
    g_trace_emit(ts, G_EV_THREAD_EXIT, 0, 0, 0);
    if (!ts->ring)
        return;
    g_raw_lock_detaching(&T->drain_mu);
    size_t n;
    while ((n = g_ring_read(ts->ring, T->scratch, SCRATCH)) > 0)
        consume(T->scratch, n);
    T->exited_dropped += atomic_load_explicit(&ts->ring->dropped, memory_order_relaxed);
    g_ring_free(ts->ring);
    ts->ring = NULL;
    g_raw_unlock(&T->drain_mu);
}

void g_trace_state(GThreadState *ts, GThreadRunState state, uint64_t lock)
{
    if (ts->run_state == (uint8_t)state && !lock)
        return;
    ts->run_state = (uint8_t)state;
    g_trace_emit(ts, G_EV_STATE, (uint32_t)state, lock, 0);
}

void g_trace_flush_counts(GThreadState *ts)
{
    GRefStats *rc = &ts->rc, *old = &ts->rc_flushed;
    if (rc->local != old->local || rc->shared != old->shared)
        g_trace_emit(ts, G_EV_RC_COUNTS, 0, rc->local - old->local, rc->shared - old->shared);
    if (rc->immortal_skipped != old->immortal_skipped || rc->deferred_skipped != old->deferred_skipped)
        g_trace_emit(ts, G_EV_RC_SKIP_COUNTS, 0, rc->immortal_skipped - old->immortal_skipped,
                     rc->deferred_skipped - old->deferred_skipped);
    if (rc->queued != old->queued || rc->merged != old->merged)
        g_trace_emit(ts, G_EV_RC_MERGE_COUNTS, 0, rc->queued - old->queued, rc->merged - old->merged);
    uint64_t allocs = atomic_load_explicit(&ts->allocs, memory_order_relaxed);
    uint64_t frees = atomic_load_explicit(&ts->frees, memory_order_relaxed);
    if (allocs != ts->allocs_flushed || frees != ts->frees_flushed)
        g_trace_emit(ts, G_EV_ALLOC_COUNTS, 0, allocs - ts->allocs_flushed, frees - ts->frees_flushed);
    *old = *rc;
    ts->allocs_flushed = allocs;
    ts->frees_flushed = frees;
}

/* ---- the string table ---- */

static uint32_t hash_str(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 16777619u;
    return h;
}

static void rehash(uint32_t cap)
{
    uint32_t *t = calloc(cap, sizeof *t);
    if (!t)
        abort();
    for (uint32_t id = 1; id < T->nstrings; id++) {
        uint32_t j = hash_str(T->strings[id]) & (cap - 1);
        while (t[j])
            j = (j + 1) & (cap - 1);
        t[j] = id;
    }
    free(T->string_hash);
    T->string_hash = t;
    T->string_hash_cap = cap;
}

uint32_t g_trace_string(const char *s)
{
    g_raw_lock(&T->strings_mu);
    if (T->nstrings == 0)
        T->nstrings = 1;   /* skip number 0 */
    if ((T->nstrings + 1) * 2 > T->string_hash_cap)
        rehash(T->string_hash_cap ? T->string_hash_cap * 2 : 256);
    uint32_t j = hash_str(s) & (T->string_hash_cap - 1);
    while (T->string_hash[j]) {
        uint32_t id = T->string_hash[j];
        if (strcmp(T->strings[id], s) == 0) {
            g_raw_unlock(&T->strings_mu);
            return id;
        }
        j = (j + 1) & (T->string_hash_cap - 1);
    }
    if (T->nstrings >= T->strings_cap) {
        uint32_t cap = T->strings_cap ? T->strings_cap * 2 : 256;
        char **p = realloc(T->strings, cap * sizeof *p);
        if (!p)
            abort();
        T->strings = p;
        T->strings_cap = cap;
    }
    uint32_t id = T->nstrings++;
    T->strings[id] = strdup(s);
    if (!T->strings[id])
        abort();
    T->string_hash[j] = id;
    g_raw_unlock(&T->strings_mu);
    return id;
}

const char *g_trace_string_fn(uint32_t id, const void *ctx)
{
    (void)ctx;
    return g_trace_string_at(id);
}

const char *g_trace_string_at(uint32_t id)
{
    g_raw_lock(&T->strings_mu);
    const char *s = id < T->nstrings ? T->strings[id] : "?";
    g_raw_unlock(&T->strings_mu);
    return s;   /* strings are never freed or moved */
}

void g_trace_lock_name(GThreadState *ts, uint64_t lock, const char *name)
{
    g_trace_emit(ts, G_EV_LOCK_NAME, g_trace_string(name), lock, 0);
}

/* ---- the drain and the collector ---- */

/* Events read from a ring go to the statistics and, with --trace, to the file --
 * after any strings they may name.  drain_mu is held. */
static void consume(const GEvent *ev, size_t n)
{
    for (size_t i = 0; i < n; i++)
        g_stats_apply(&T->stats, &ev[i]);
    if (T->listener)
        T->listener(ev, n, T->listener_ctx);
    if (!T->file)
        return;
    g_raw_lock(&T->strings_mu);
    for (; T->strings_written < T->nstrings; T->strings_written++)
        if (T->strings_written > 0)
            g_tracefile_write_string(T->file, T->strings_written, T->strings[T->strings_written]);
    g_raw_unlock(&T->strings_mu);
    g_tracefile_write_events(T->file, ev, n);
}

bool g_trace_open_file(const char *path)
{
    g_raw_lock_detaching(&T->drain_mu);
    T->file = g_tracefile_create(path, g_runtime.gil_enabled ? 1 : 0);
    g_raw_unlock(&T->drain_mu);
    return T->file != NULL;
}

void g_trace_emit_any(GThreadState *ts, GEventKind kind, uint32_t a, uint64_t b, uint64_t c)
{
    if (ts) {
        g_trace_emit(ts, kind, a, b, c);
        return;
    }
    if (!T->control_ring)
        return;
    GEvent ev = { g_trace_now(), (uint16_t)kind, 0, a, b, c };
    g_raw_lock(&T->control_mu);
    g_ring_push(T->control_ring, &ev);
    g_raw_unlock(&T->control_mu);
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
    if (T->control_ring) {
        size_t n;
        while ((n = g_ring_read(T->control_ring, T->scratch, SCRATCH)) > 0)
            consume(T->scratch, n);
    }
    g_threads_lock();
    uint64_t dropped = 0;
    for (GThreadState *t = g_runtime.threads; t; t = t->next) {
        if (!t->ring)
            continue;
        size_t n;
        while ((n = g_ring_read(t->ring, T->scratch, SCRATCH)) > 0)
            consume(T->scratch, n);
        dropped += atomic_load_explicit(&t->ring->dropped, memory_order_relaxed);
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

GStats *g_stats_live(void) { return &T->stats; }
void g_stats_lock(void) { g_raw_lock_detaching(&T->drain_mu); }
void g_stats_unlock(void) { g_raw_unlock(&T->drain_mu); }
