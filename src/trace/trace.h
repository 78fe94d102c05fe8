/* trace.h -- recording events: the producers' API, and the drain that reads them.
 *
 * Every thread state owns a ring (ring.h).  The interpreter records into the
 * current thread's ring with the g_trace_* calls below; each costs a clock read and
 * a 32-byte copy, and never blocks.  One background thread, the collector, wakes
 * every 5 ms: it asks attached threads to flush their counters (eval-breaker bit
 * G_BREAK_FLUSH) and drains all rings into the statistics model
 * (stats.h) -- the one place that consumers (--stats, gilt.stats(), later the trace
 * file and the dashboard) read.
 *
 * Recording cannot be switched off at run time: it is part of the program's
 * behaviour.  ./configure --disable-trace builds an interpreter that records nothing,
 * only to measure what recording costs (bench/ring, bench/trace_cost).
 */
#ifndef GILT_TRACE_H
#define GILT_TRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "config.h"
#include "runtime/lockrank.h"
#include "runtime/threadstate.h"
#include "trace/events.h"
#include "trace/ring.h"

#define G_RING_CAPACITY 65536   /* events per thread ring: 2 MiB */

#include <pthread.h>

#include "trace/stats.h"

/* A consumer that sees every event the drain reads, in the drain's order (each
 * ring's events in time order; rings one after another), with drain_mu held. */
typedef void (*GTraceListener)(const GEvent *ev, size_t n, void *ctx);

/* The recorder's process-wide state; it lives in g_runtime.trace. */
typedef struct GTrace {
    uint64_t start_ns;                 /* CLOCK_MONOTONIC at start-up */
    _Atomic uint32_t next_thread_no;
    GRawMutex strings_mu;              /* the string table */
    char **strings;                    /* strings[0] is unused: 0 means "no string" */
    uint32_t nstrings, strings_cap;
    uint32_t *string_hash;             /* open addressing: string numbers, 0 empty */
    uint32_t string_hash_cap;
    GRawMutex drain_mu;              /* one reader of the rings at a time; guards stats */
    GStats stats;
    uint64_t exited_dropped;           /* losses of rings already retired */
    GEvent *scratch;                   /* the drain's buffer */
    FILE *file;                        /* --trace output, or NULL */
    uint32_t strings_written;          /* strings already in the file */
    pthread_t collector;
    _Atomic bool running;
    GRawMutex wake_mu;               /* the collector sleeps on wake_cond, so stopping */
    pthread_cond_t wake_cond;          /* it at exit does not wait out a period */
    GRing *control_ring;               /* events of threads without a thread state (thread 0) */
    GRawMutex control_mu;            /* ... which may be several: one producer at a time */
    GTraceListener listener;           /* another consumer of every drained event (the dashboard) */
    void *listener_ctx;
} GTrace;

/* Nanoseconds since the program started. */
uint64_t g_trace_now(void);

#ifdef GILT_NO_TRACE
static inline void g_trace_emit(GThreadState *ts, GEventKind kind, uint32_t a, uint64_t b, uint64_t c)
{
    (void)ts; (void)kind; (void)a; (void)b; (void)c;
}
#else
static inline void g_trace_emit(GThreadState *ts, GEventKind kind, uint32_t a, uint64_t b, uint64_t c)
{
    if (!ts || !ts->ring)
        return;
    GEvent ev = { g_trace_now(), (uint16_t)kind, ts->trace_no, a, b, c };
    g_ring_push(ts->ring, &ev);
}
#endif

/* Record from any thread: its own ring, or the control ring if it runs no Python
 * (ts NULL).  For rare events only (switches): the control ring takes a lock. */
void g_trace_emit_any(GThreadState *ts, GEventKind kind, uint32_t a, uint64_t b, uint64_t c);
/* Add a listener (one at a time; NULL removes it).  Events drained before this call
 * are not replayed to it. */
void g_trace_set_listener(GTraceListener fn, void *ctx);

void g_trace_init(void);
/* Give a new thread state its number and ring (parent: who started it, or NULL). */
void g_trace_thread_new(GThreadState *ts, GThreadState *parent);
/* The thread is exiting (detached): flush, record the exit, retire its ring. */
void g_trace_thread_exit(GThreadState *ts);
/* The thread enters a state; lock: what it waits for (0 if nothing). */
void g_trace_state(GThreadState *ts, GThreadRunState state, uint64_t lock);
/* Emit the thread's counter increases since its last flush. */
void g_trace_flush_counts(GThreadState *ts);
/* The number of a string in the trace's string table (added if new). */
uint32_t g_trace_string(const char *s);
const char *g_trace_string_at(uint32_t id);
/* The same, shaped for g_stats_print. */
const char *g_trace_string_fn(uint32_t id, const void *ctx);
/* Write the trace to path as it is recorded (--trace); false with errno on failure. */
bool g_trace_open_file(const char *path);
/* Name a lock (once per lock is enough; repeating is harmless). */
void g_trace_lock_name(GThreadState *ts, uint64_t lock, const char *name);

/* Start the collector thread; stop it (draining one last time). */
void g_trace_start(void);
void g_trace_stop(void);
/* Read every ring into the statistics now (any thread; serialised inside). */
void g_trace_drain(void);

#endif
