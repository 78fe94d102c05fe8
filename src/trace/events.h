/* events.h -- every event gilt records, with its fields and what it means.
 *
 * An event is 32 bytes, timestamped in nanoseconds since the program started:
 *
 *   byte 0        8        10       12       16                24               32
 *        +--------+--------+--------+--------+-----------------+----------------+
 *        | t (ns)          | kind   | thread | a (32 bit)      | b (64 bit)     | c (64 bit)
 *        +--------+--------+--------+--------+-----------------+----------------+
 *
 *   thread   the recording thread's small number (1 is the main thread; 0 is the
 *            control ring: switches made by a thread that runs no Python, the dashboard)
 *   a, b, c  depend on the kind, as listed below
 *
 * Strings (thread names, lock names, user marks) are not stored in events: they go
 * into one table (trace.h, g_trace_string) and events carry their number.
 *
 * Counted, not logged: refcount operations and allocations happen tens of millions of
 * times a second, so each thread counts them (GThreadState.rc, allocs, frees) and
 * the counts are flushed as *_COUNTS events carrying the increase since the last
 * flush -- about every 5 ms while the thread runs, at every change of thread
 * state, and at thread exit.
 */
#ifndef GILT_EVENTS_H
#define GILT_EVENTS_H

#include <stdint.h>

typedef struct GEvent {
    uint64_t t;
    uint16_t kind;
    uint16_t thread;
    uint32_t a;
    uint64_t b, c;
} GEvent;

_Static_assert(sizeof(GEvent) == 32, "an event is 32 bytes");

/* What a thread is doing: the timeline's colours. */
/* G_EV_LOCK_ACQUIRED's a: this lock's uncontended acquisitions are not recorded (a
 * container's lock: a trylock that succeeds costs a few instructions, and an event
 * there would cost more than the lock), so its count is of waits only. */
#define G_LOCK_WAITS_ONLY 1u

typedef enum {
    G_STATE_RUNNING,     /* attached, running Python code */
    G_STATE_GIL_WAIT,    /* waiting to take the GIL */
    G_STATE_LOCK_WAIT,   /* waiting for a Lock or a container's lock */
    G_STATE_BLOCKED,     /* sleeping, joining, waiting on an Event/Condition/Queue, I/O */
    G_STATE_STOPPED,     /* parked while the world is stopped (GC, GIL switch) */
    G_STATE_EXITED,      /* the thread has finished */
    G_STATE_COUNT
} GThreadRunState;

typedef enum {
    /* ---- threads ---- */
    G_EV_THREAD_START = 1,  /* a: the starting thread's number */
    G_EV_THREAD_EXIT,       /* (no fields) */
    G_EV_THREAD_NAME,       /* a: string number of the thread's name ("MainThread", "Thread-1 (worker)") */
    G_EV_STATE,             /* a: GThreadRunState entered; b: the lock waited for (LOCK_WAIT, BLOCKED), else 0 */

    /* ---- the GIL ---- */
    G_EV_GIL_TAKE,          /* b: ns spent waiting for it */
    G_EV_GIL_DROP,          /* a: 1 if forced (another thread asked), 0 if the thread blocked or left */
    G_EV_GIL_DROP_REQUEST,  /* a waiter timed out after the switch interval and asked the holder to drop */

    /* ---- locks (b: the lock's identity, its address) ---- */
    G_EV_LOCK_NAME,         /* a: string number naming lock b ("lock@bank.py:12", "list@0x7f..") */
    G_EV_LOCK_ACQUIRED,     /* c: ns waited (0 when it was free); Python Locks always, container locks when contended;
                             * a: G_LOCK_WAITS_ONLY for a container's lock (its free acquisitions are not recorded) */
    G_EV_LOCK_RELEASED,     /* Python Locks */

    /* ---- counters (increases since the thread's previous flush) ---- */
    G_EV_RC_COUNTS,         /* b: owner (local) operations, c: atomic (shared) operations */
    G_EV_RC_SKIP_COUNTS,    /* b: immortal skips, c: deferred skips */
    G_EV_RC_MERGE_COUNTS,   /* b: objects queued to their owner, c: queued objects merged */
    G_EV_ALLOC_COUNTS,      /* b: objects allocated, c: objects freed */

    /* ---- stop-the-world and the collector ---- */
    G_EV_STW,               /* the world was stopped: a: why (0 GIL switch, 1 GC, 2 other), b: ns to reach the safepoint, c: ns stopped */
    G_EV_GC_BEGIN,          /* a collection was requested */
    G_EV_GC_SAFEPOINT,      /* b: ns until every thread stopped */
    G_EV_GC_END,            /* a: pause in us, b: objects examined, c: objects freed */

    /* ---- lessons ---- */
    G_EV_MARK,              /* a: string number of gilt.mark(text) */

    /* ---- where threads are, and switches (added in format 1; older readers skip them) ---- */
    G_EV_WHERE,             /* the thread's current line changed: a: line, b: string number of the file.
                               Recorded at counter flushes (~5 ms) and before blocking, not per line */
    G_EV_GIL_MODE,          /* the GIL was switched: a: 1 on, 0 off (thread 0: done by the dashboard) */
    G_EV_SWITCH_INTERVAL,   /* the switch interval was set: b: ns */
    G_EV_KIND_COUNT
} GEventKind;

#endif
