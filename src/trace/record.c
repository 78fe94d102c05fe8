/* record.c -- thread numbers and rings, the string table, the control ring and the
 * retired rings: the recording half of the instruments (record.h).
 *
 * Everything here runs on the producing thread, holds at most one leaf lock for a
 * few instructions, and never waits for a consumer.
 */
#include "trace/record.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "runtime/runtime.h"

#define R (&g_runtime.rec)

uint64_t g_trace_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec - R->start_ns;
}

void g_trace_rec_init(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    R->start_ns = (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
    atomic_init(&R->next_thread_no, 1);
    g_raw_mutex_init(&R->strings_mu, G_RANK_STRINGS);
    g_raw_mutex_init(&R->control_mu, G_RANK_CONTROL);
#ifndef GILT_NO_TRACE
    R->control_ring = g_ring_new(1024);
#endif
    g_trace_string("");   /* number 0 stays "no string"; "" is 1 */
}

void g_trace_thread_new(GThreadState *ts, GThreadState *parent)
{
    ts->trace_no = (uint16_t)atomic_fetch_add(&R->next_thread_no, 1);
#ifndef GILT_NO_TRACE
    /* NULL (out of memory): this thread records nothing.  Relaxed: the state is
     * published to the collector by the thread list's lock. */
    atomic_store_explicit(&ts->ring, g_ring_new(G_RING_CAPACITY), memory_order_relaxed);
#endif
    ts->run_state = G_STATE_RUNNING;
    g_trace_emit(ts, G_EV_THREAD_START, parent ? parent->trace_no : 0, 0, 0);
}

void g_trace_thread_exit(GThreadState *ts)
{
    g_trace_flush_counts(ts);
    g_trace_emit(ts, G_EV_THREAD_EXIT, 0, 0, 0);
    GRing *ring = atomic_load_explicit(&ts->ring, memory_order_relaxed);   /* our own */
    if (!ring)
        return;
    /* The collector drains what is left and frees it (trace.c).  A drain that
     * loaded the pointer before the store below may still be reading the ring;
     * that is safe because only a later drain frees it, and drains take drain_mu
     * one at a time. */
    g_raw_lock(&R->control_mu);
    if (R->nretired == R->retired_cap) {
        size_t cap = R->retired_cap ? R->retired_cap * 2 : 16;
        GRing **p = realloc(R->retired, cap * sizeof *p);
        if (!p)
            abort();   /* losing the ring would lose its events uncounted */
        R->retired = p;
        R->retired_cap = cap;
    }
    R->retired[R->nretired++] = ring;
    /* release: pairs with the drain's acquire, though the ring's own indices
     * carry its contents; this orders only the pointer's disappearance */
    atomic_store_explicit(&ts->ring, NULL, memory_order_release);
    g_raw_unlock(&R->control_mu);
}

void g_trace_rec_fork_lock(bool strings) { g_raw_lock(strings ? &R->strings_mu : &R->control_mu); }

void g_trace_rec_fork_unlock(bool strings, bool child)
{
    GRawMutex *m = strings ? &R->strings_mu : &R->control_mu;
    if (child)
        g_raw_mutex_reinit_held(m);
    g_raw_unlock(m);
}

GRing **g_trace_take_retired(size_t *n)
{
    g_raw_lock(&R->control_mu);
    GRing **r = R->retired;
    *n = R->nretired;
    R->retired = NULL;
    R->nretired = R->retired_cap = 0;
    g_raw_unlock(&R->control_mu);
    return r;
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
    for (uint32_t id = 1; id < R->nstrings; id++) {
        uint32_t j = hash_str(R->strings[id]) & (cap - 1);
        while (t[j])
            j = (j + 1) & (cap - 1);
        t[j] = id;
    }
    free(R->string_hash);
    R->string_hash = t;
    R->string_hash_cap = cap;
}

uint32_t g_trace_string(const char *s)
{
    g_raw_lock(&R->strings_mu);
    if (R->nstrings == 0)
        R->nstrings = 1;   /* skip number 0 */
    if ((R->nstrings + 1) * 2 > R->string_hash_cap)
        rehash(R->string_hash_cap ? R->string_hash_cap * 2 : 256);
    uint32_t j = hash_str(s) & (R->string_hash_cap - 1);
    while (R->string_hash[j]) {
        uint32_t id = R->string_hash[j];
        if (strcmp(R->strings[id], s) == 0) {
            g_raw_unlock(&R->strings_mu);
            return id;
        }
        j = (j + 1) & (R->string_hash_cap - 1);
    }
    if (R->nstrings >= R->strings_cap) {
        uint32_t cap = R->strings_cap ? R->strings_cap * 2 : 256;
        char **p = realloc(R->strings, cap * sizeof *p);
        if (!p)
            abort();
        R->strings = p;
        R->strings_cap = cap;
    }
    uint32_t id = R->nstrings++;
    R->strings[id] = strdup(s);
    if (!R->strings[id])
        abort();
    R->string_hash[j] = id;
    g_raw_unlock(&R->strings_mu);
    return id;
}

const char *g_trace_string_fn(uint32_t id, const void *ctx)
{
    (void)ctx;
    return g_trace_string_at(id);
}

const char *g_trace_string_at(uint32_t id)
{
    g_raw_lock(&R->strings_mu);
    const char *s = id < R->nstrings ? R->strings[id] : "?";
    g_raw_unlock(&R->strings_mu);
    return s;   /* strings are never freed or moved */
}

void g_trace_lock_name(GThreadState *ts, uint64_t lock, const char *name)
{
    g_trace_emit(ts, G_EV_LOCK_NAME, g_trace_string(name), lock, 0);
}

void g_trace_emit_any(GThreadState *ts, GEventKind kind, uint32_t a, uint64_t b, uint64_t c)
{
    if (ts) {
        g_trace_emit(ts, kind, a, b, c);
        return;
    }
    if (!R->control_ring)
        return;
    GEvent ev = { g_trace_now(), (uint16_t)kind, 0, a, b, c };
    g_raw_lock(&R->control_mu);
    g_ring_push(R->control_ring, &ev);
    g_raw_unlock(&R->control_mu);
}

