/* model.h -- what the dashboard knows: the event stream, folded into a timeline,
 * rates and totals that the panels can draw at any moment.
 *
 * The model is fed events (g_dash_model_apply) -- live from the trace drain's
 * listener, or from a recording -- and never looks at the interpreter.  It keeps:
 *
 *   totals     a GStats (stats.h): locks, GC pauses, GIL and refcount counts
 *   timeline   per thread, the microseconds spent in each state in every 1 ms slot
 *              of the last `nslots` ms (a ring indexed by ms % nslots):
 *
 *                 slot[ms % nslots] = { us running, us GIL wait, us lock wait,
 *                                       us blocked, us stopped }
 *
 *              A STATE event at time t fills the slots from the thread's last
 *              transition (`upto`) to t with the state it leaves.  The state it is
 *              still in is not written: a reader adds it from `upto` to "now", so
 *              a late event never has to take back what was drawn.
 *   rates      per 100 ms, for the sparklines: local and shared refcount
 *              operations, merges, immortal and deferred skips, allocations, events
 *   where      each thread's last recorded line (WHERE events)
 *
 * Live, the model is written by the drain (trace.c) under its lock and read by the
 * dashboard under the same lock (g_stats_lock), so no field needs to be atomic.
 */
#ifndef GILT_MODEL_H
#define GILT_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "trace/events.h"
#include "trace/stats.h"

#define G_DASH_SLOT_NS 1000000ull      /* the timeline's resolution: 1 ms */
#define G_DASH_LIVE_SLOTS 16384        /* live history per thread: 16 s */
#define G_DASH_RATE_NS 100000000ull    /* a sparkline column: 100 ms */
#define G_DASH_RATE_SLOTS 1024
#define G_DASH_STATES 6                /* RUNNING .. STOPPED, then collecting: the states with a colour */
#define G_DASH_COLLECTING 5            /* the slot of a thread running the collector */

enum { G_RATE_RC_LOCAL, G_RATE_RC_SHARED, G_RATE_RC_MERGED, G_RATE_RC_IMMORTAL, G_RATE_RC_DEFERRED,
       G_RATE_ALLOCS, G_RATE_EVENTS, G_RATE_COUNT };

typedef struct GDashThread {
    bool seen, exited;
    uint16_t no;
    uint32_t name;                 /* string number, 0: none yet */
    int state;                     /* the state it is in since `upto` */
    bool collecting;               /* between its GC_BEGIN and GC_END */
    uint64_t upto;                 /* slots are filled up to here (ns) */
    uint64_t start_t, exit_t;
    int64_t filled_ms;             /* the newest slot written, -1 none */
    uint16_t (*slots)[G_DASH_STATES];
    uint32_t line, file;           /* WHERE: line, string number of the file */
} GDashThread;

typedef struct GDashModel {
    GStats stats;
    GDashThread *threads;          /* by thread number; [0] is the control ring */
    size_t nthreads;
    uint32_t nslots;               /* timeline history per thread, in 1 ms slots */
    uint64_t (*rates)[G_RATE_COUNT];
    int64_t rate_hi;               /* the newest rate slot written, -1 none */
    bool gil_on;
    uint64_t switch_interval_ns;
    uint64_t gil_switch_t;         /* when the GIL was last switched (0: never) */
    uint32_t last_mark;            /* string number of the newest gilt.mark() */
    uint64_t last_mark_t;
    uint64_t last_t;               /* the newest event's time */
} GDashModel;

/* nslots: the history to keep (G_DASH_LIVE_SLOTS live; a recording's length to
 * replay or compare a whole run).  False when out of memory. */
bool g_dash_model_init(GDashModel *m, uint32_t nslots, bool gil_on, uint64_t switch_interval_ns);
void g_dash_model_free(GDashModel *m);
void g_dash_model_apply(GDashModel *m, const GEvent *ev, size_t n);

/* Microseconds thread th spent in each state during [t0, t1) ns (slot-aligned),
 * counting the state it is still in up to `now`.  Returns false when the thread
 * did not exist then (not started yet, or exited before t0). */
bool g_dash_model_cell(const GDashModel *m, const GDashThread *th, uint64_t t0, uint64_t t1, uint64_t now,
                       uint32_t us[G_DASH_STATES]);
/* The sum of rate `which` over the rate slots [s0, s1) (100 ms each). */
uint64_t g_dash_model_rate(const GDashModel *m, int which, int64_t s0, int64_t s1);
/* Threads alive now. */
int g_dash_model_live_threads(const GDashModel *m);

#endif
