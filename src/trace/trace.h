/* trace.h -- the collector and the consumers' side of the instruments.
 *
 * The producers record with record.h, which is all the runtime sees.  One background
 * thread, the collector, wakes every 5 ms: it asks attached threads to flush their
 * counters (eval-breaker bit G_BREAK_FLUSH) and drains every ring into the
 * statistics (stats.h) -- the one place that consumers (--stats, gilt.stats(), the
 * trace file and the dashboard's listener) read.  It sits above the VM: the runtime
 * never calls it.
 */
#ifndef GILT_TRACE_H
#define GILT_TRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <pthread.h>

#include "runtime/lockrank.h"
#include "trace/record.h"
#include "trace/stats.h"

/* A consumer that sees every event the drain reads, in the drain's order (each
 * ring's events in time order; rings one after another), with drain_mu held. */
typedef void (*GTraceListener)(const GEvent *ev, size_t n, void *ctx);

/* The collector's state (g_runtime.trace points to it: made by g_trace_init). */
typedef struct GTrace {
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
    GTraceListener listener;           /* another consumer of every drained event (the dashboard) */
    void *listener_ctx;
} GTrace;

/* Add a listener (one at a time; NULL removes it).  Events drained before this call
 * are not replayed to it. */
void g_trace_set_listener(GTraceListener fn, void *ctx);

/* os.fork (vm/lifecycle.c, g_interp_fork): hold drain_mu across the fork, so the
 * collector is not half-way through a drain.  In the child the collector thread is
 * gone: it is marked stopped, and the parent's --trace file and dashboard listener
 * are forgotten (the FILE is not closed: that would write the parent's buffered
 * data a second time). */
void g_trace_fork_prepare(void);
void g_trace_fork_after(bool child);

/* Make the collector's state (before anything drains; the vm's start-up calls it). */
void g_trace_init(void);
/* Write the trace to path as it is recorded (--trace); false with errno on failure. */
bool g_trace_open_file(const char *path);

/* Start the collector thread; stop it (draining one last time). */
void g_trace_start(void);
void g_trace_stop(void);
/* Read every ring into the statistics now (any thread; serialised inside). */
void g_trace_drain(void);

#endif
