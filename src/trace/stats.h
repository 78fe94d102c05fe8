/* stats.h -- the statistics model: what the drained events add up to.
 *
 * trace.c feeds every event it reads into g_stats_apply; --stats prints the model
 * at exit (g_stats_print), gilt.stats() returns it as a dict, and the dashboard will
 * draw it.  Only the drain writes it, under the drain's lock; readers take that lock
 * too (g_stats_lock).
 */
#ifndef GILT_STATS_H
#define GILT_STATS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "trace/events.h"

typedef struct GThreadStats {
    uint16_t no;
    uint32_t name;                     /* string number, 0: none yet */
    int state;                         /* current GThreadRunState */
    uint64_t since;                    /* when it entered that state (ns) */
    uint64_t in_state[G_STATE_COUNT];  /* ns spent in each state */
    bool seen;
} GThreadStats;

typedef struct GLockStats {
    uint64_t id;                       /* 0: empty slot */
    uint32_t name;
    uint64_t acquisitions, contended, wait_ns, max_wait_ns;
    bool waits_only;                   /* only contended acquisitions are counted (a container's lock) */
} GLockStats;

typedef struct GStats {
    GThreadStats *threads;             /* indexed by thread number */
    size_t nthreads;
    GLockStats *locks;                 /* open-addressing table keyed by id */
    size_t locks_cap, nlocks;
    uint64_t gil_takes, gil_wait_ns, gil_drops, gil_forced, gil_requests;
    uint64_t rc_local, rc_shared, rc_immortal, rc_deferred, rc_queued, rc_merged;
    uint64_t allocs, frees;
    uint64_t stw_count, stw_safepoint_max_ns, stw_safepoint_total_ns;
    uint64_t gc_count, gc_safepoint_max_ns;
    uint64_t *gc_pauses_us;            /* every pause, for percentiles */
    size_t gc_npauses, gc_cap;
    uint64_t gc_examined, gc_freed;
    uint64_t marks;
    uint64_t gil_switches;             /* GIL_MODE events: switched on or off while running */
    int gil_on;                        /* the last GIL_MODE seen: 1/0, -1 none yet */
    uint64_t switch_interval_ns;       /* the last SWITCH_INTERVAL seen, 0 none yet */
    uint64_t events, dropped;
    uint64_t last_t;
} GStats;

/* A zeroed GStats is ready, except for gil_on: g_stats_init sets it to -1. */
void g_stats_init(GStats *s);
void g_stats_apply(GStats *s, const GEvent *ev);
/* The readable summary (for --stats and `gilt trace FILE`); name turns a string
 * number into its text (the live table, or a trace file's). */
typedef const char *(*GStringFn)(uint32_t id, const void *ctx);
void g_stats_print(GStats *s, FILE *f, const char *title, GStringFn name, const void *ctx);
void g_stats_free(GStats *s);
/* Percentile p (0..100) of the GC pauses, in us (0 if none). */
uint64_t g_stats_gc_percentile(GStats *s, double p);
/* The model the drain fills (take g_stats_lock around reads). */
GStats *g_stats_live(void);
void g_stats_lock(void);
/* For a thread that must not wait for ever: the collector can hold the lock while it
 * waits for a stop of the world that never ends (a deadlock's watcher keeps it). */
bool g_stats_trylock(void);
void g_stats_unlock(void);

#endif
