/* record.h -- recording events: the producers' side, the leaf the runtime includes.
 *
 * Every thread state owns a ring (ring.h).  The interpreter records into the current
 * thread's ring with the g_trace_* calls below; each costs a clock read and a 32-byte
 * copy, and never blocks.  What is recorded is read by the collector and its
 * consumers (trace.h), which sit above the VM: this file knows nothing of them.  When
 * a thread exits, its ring is retired here, onto a list the collector drains and
 * frees.
 *
 * Recording cannot be switched off at run time: it is part of the program's
 * behaviour.  ./configure --disable-trace builds an interpreter that records nothing,
 * only to measure what recording costs (bench/ring, bench/trace_cost).
 */
#ifndef GILT_RECORD_H
#define GILT_RECORD_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "runtime/lockrank.h"
#include "runtime/threadstate.h"
#include "trace/events.h"
#include "trace/ring.h"

#define G_RING_CAPACITY 65536   /* events per thread ring: 2 MiB */

/* The recorder's process-wide state; it lives in g_runtime.rec. */
typedef struct GTraceRec {
    uint64_t start_ns;                 /* CLOCK_MONOTONIC at start-up */
    _Atomic uint32_t next_thread_no;
    GRawMutex strings_mu;              /* the string table (rank G_RANK_STRINGS) */
    char **strings;                    /* strings[0] is unused: 0 means "no string" */
    uint32_t nstrings, strings_cap;
    uint32_t *string_hash;             /* open addressing: string numbers, 0 empty */
    uint32_t string_hash_cap;
    GRing *control_ring;               /* events of threads without a thread state (thread 0) */
    GRawMutex control_mu;              /* ... which may be several: one producer at a time;
                                        * also guards `retired` (rank G_RANK_CONTROL) */
    GRing **retired;                   /* rings of exited threads, not yet drained */
    size_t nretired, retired_cap;
} GTraceRec;

/* Nanoseconds since the program started. */
uint64_t g_trace_now(void);
/* runtime/fork.c: hold control_mu (strings false) or strings_mu (true) across fork(2);
 * re-made in the child.  Two calls, because the deadlock watcher's lock ranks between. */
void g_trace_rec_fork_lock(bool strings);
void g_trace_rec_fork_unlock(bool strings, bool child);

#ifdef GILT_NO_TRACE
static inline void g_trace_emit(GThreadState *ts, GEventKind kind, uint32_t a, uint64_t b, uint64_t c)
{
    (void)ts; (void)kind; (void)a; (void)b; (void)c;
}
#else
static inline void g_trace_emit(GThreadState *ts, GEventKind kind, uint32_t a, uint64_t b, uint64_t c)
{
    if (!ts)
        return;
    /* relaxed: only this thread ever stores the pointer */
    struct GRing *ring = atomic_load_explicit(&ts->ring, memory_order_relaxed);
    if (!ring)
        return;
    GEvent ev = { g_trace_now(), (uint16_t)kind, ts->trace_no, a, b, c };
    g_ring_push(ring, &ev);
}
#endif

/* Record from any thread: its own ring, or the control ring if it runs no Python
 * (ts NULL).  For rare events only (switches): the control ring takes a lock. */
void g_trace_emit_any(GThreadState *ts, GEventKind kind, uint32_t a, uint64_t b, uint64_t c);

void g_trace_rec_init(void);
/* Give a new thread state its number and ring (parent: who started it, or NULL). */
void g_trace_thread_new(GThreadState *ts, GThreadState *parent);
/* The thread is exiting (detached): flush, record the exit, retire its ring. */
void g_trace_thread_exit(GThreadState *ts);
/* Take the retired rings (the collector drains and frees them); *n gets the count. */
GRing **g_trace_take_retired(size_t *n);
/* The thread enters a state; lock: what it waits for (0 if nothing). */
void g_trace_state(GThreadState *ts, GThreadRunState state, uint64_t lock);
/* Emit the thread's counter increases since its last flush. */
void g_trace_flush_counts(GThreadState *ts);
/* The number of a string in the trace's string table (added if new). */
uint32_t g_trace_string(const char *s);
const char *g_trace_string_at(uint32_t id);
/* The same, shaped for g_stats_print. */
const char *g_trace_string_fn(uint32_t id, const void *ctx);
/* Name a lock (once per lock is enough; repeating is harmless). */
void g_trace_lock_name(GThreadState *ts, uint64_t lock, const char *name);

#endif
