/* runtime.h -- the one Runtime: everything process-wide lives here.
 *
 * The design rule is that no mutable global state hides outside GRuntime and the
 * GThreadStates.  Static built-in objects (types, None, small ints) are immortal and
 * never change after start-up, so they are not "state".
 *
 * Start-up: g_runtime_core_init (runtime.c) brings up the runtime's own parts and the
 * main thread's state; vm/lifecycle.c builds the types and modules on top.
 */
#ifndef GILT_RUNTIME_H
#define GILT_RUNTIME_H

#include <pthread.h>
#include <stdbool.h>

#include "objects/object.h"
#include "runtime/deadlock.h"
#include "runtime/lockrank.h"
#include "runtime/sched.h"
#include "runtime/threadstate.h"
#include "trace/record.h"

/* The GIL's state (gil.c). */
typedef struct GGilState {
    GRawMutex mu;                 /* rank G_RANK_GIL */
    pthread_cond_t cond, switch_cond;
    bool locked;
    GThreadState *holder;
    uint64_t switch_number;
    int waiting;
    uint64_t takes, drop_requests, forced_switches, wait_ns;
} GGilState;

typedef enum { G_RC_BIASED, G_RC_ATOMIC } GRefcountMode;

typedef struct GRuntime {
    /* switches (-X options and environment) */
    _Atomic bool gil_enabled;     /* -X gil=1 / GILT_GIL=1; read without locks, changed only under stop-the-world */
    GRefcountMode refcount_mode;  /* -X refcount=biased|atomic */
    bool deferred_rc;             /* -X deferred=1 (default) */
    int recursion_limit;          /* sys.setrecursionlimit */
    _Atomic double switch_interval; /* sys.setswitchinterval, seconds (the dashboard sets it too) */
    bool gc_enabled;              /* gc.enable() / gc.disable() */
    int64_t gc_threshold[3];
    uint64_t gc_collections;
    _Atomic int64_t gc_live;      /* containers alive after the last collection */
    _Atomic int64_t gc_young;     /* containers made minus freed since then, as the threads
                                   * have reported them (gc.c) */
    struct GGCHead *gc_orphans;   /* containers of exited threads (threads_mu; gc.h) */
    _Atomic bool gc_running;      /* a collection is under way (one at a time) */
    bool interactive;             /* running the REPL */
    bool fork_child;              /* this process came from os.fork (runtime/fork.c): it
                                   * prints no --stats and ends no dashboard */

    /* process-wide objects */
    GObject *interned;            /* dict: str -> the interned (immortal) str */
    GObject *modules;             /* sys.modules */
    GObject *builtins;            /* the builtins module's dict */
    GObject *builtins_module;
    GObject *sys_module;
    GObject *sources;             /* dict: filename -> list of source lines, for tracebacks */
    GObject *script_dir;          /* str: where `import x` finds x.py */
    GObject *builtin_module_table;/* dict: name -> init function wrapper (lazy) */

    GThreadState *threads;        /* all thread states (guarded by threads_mu) */
    uint64_t exited_allocs, exited_frees;  /* counters of threads that have exited (threads_mu) */
    GThreadState *main_thread;
    GRawMutex threads_mu;         /* rank G_RANK_THREADS (lockrank.h) */
    GRawMutex types_mu;           /* rank G_RANK_TYPES: every class's subclass list (class.c) */

    _Atomic int other_threads;    /* threads running besides the main one (_thread) */
    _Atomic uint64_t qsbr_wr_seq; /* qsbr.c: the write sequence, starts at 1 */
    struct GQsbrItem *qsbr_orphans;  /* qsbr.c: deferred drops of exited threads (threads_mu) */
    size_t qsbr_orphans_n, qsbr_orphans_cap;

    GTraceRec rec;                /* trace/record.c: the event recorder's own state */
    struct GTrace *trace;         /* trace/trace.c: the collector's (it sits above the VM) */
    GDeadlockWatch deadlock;      /* deadlock.c: the watcher */

    GGilState gil;                /* gil.c */
    GSched sched;                 /* sched.c: the scheduling policy's state */
    _Atomic uint64_t stw_requested;  /* stw.c: a stop is in progress */
    _Atomic uint64_t stw_wakeup;     /* bumped when a thread stops, to wake the requester */
    GThreadState *_Atomic stw_holder; /* who has the world stopped (G_STW_OUTSIDE: a thread
                                       * without a thread state), NULL while it runs */
    int64_t stw_last_ns;
    int64_t stw_began_ns;          /* when the current stop was requested */
    int stw_reason;                /* for the STW event: 0 GIL switch, 1 GC, 2 other */
    uint64_t stw_count;
    _Atomic int pending_signal;   /* set by the SIGINT handler */
    _Atomic bool sigint_raised;   /* a KeyboardInterrupt came from SIGINT (vm/eval_support.c):
                                   * main.c then reports where the other threads were */
    _Atomic bool stop_requested;  /* the dashboard's q (control.h g_control_stop): set once,
                                   * never cleared; every thread but the main one raises
                                   * SystemExit in its own code from then on (eval_support.c) */
    char *_Atomic deadlock_text;  /* REPL: a deadlock report for the main thread to raise (deadlock.h) */
    void (*before_fatal_exit)(void); /* run before an _exit that skips atexit (deadlock.c); the dashboard restores the terminal */
    void (*record_where)(GThreadState *ts); /* records the thread's current line before it
                                             * blocks: the runtime knows no frames, so the
                                             * vm installs it (vm/lifecycle.c) */
    double start_time;

    /* what an exercise's goal looks at (vm/exercise.h) */
    _Atomic int critical_inside;  /* threads inside `with gilt.critical():` now (modules/gilt.c) */
    _Atomic int critical_most;    /* ... and the most there have been at once */
    _Atomic uint64_t uncaught;    /* exceptions that ended a thread or the program (sys.excepthook,
                                   * _thread, main.c) */
} GRuntime;

extern GRuntime g_runtime;

/* May another thread run Python code at the same moment as this one?  True when the
 * GIL is off and a second thread exists.  Critical sections lock, and removals from
 * lock-free-readable tables are deferred (qsbr.h), only then.  Both inputs change
 * only at points that take care of the switch: the GIL under stop-the-world, the
 * thread count before a new thread starts (its creator takes its own sections' locks
 * first). */
static inline bool g_concurrent(void)
{
    /* the thread count first: a program with one thread answers after one load
     * whether the GIL is on or off (the GIL first cost -X gil=0 a second load here,
     * 1% of bench/nbody.py) */
    return atomic_load_explicit(&g_runtime.other_threads, memory_order_relaxed) > 0 &&
           !atomic_load_explicit(&g_runtime.gil_enabled, memory_order_relaxed);
}

/* Is a controlled scheduling policy on (sched.h)?  Relaxed: it is set before any
 * other thread exists and cleared by the baton holder at the program's end. */
static inline bool g_sched_controlled(void)
{
    return atomic_load_explicit(&g_runtime.sched.controlled, memory_order_relaxed);
}

/* Start the runtime's core (runtime.c); the interpreter as a whole is started by
 * g_interp_init (vm/lifecycle.h). */
void g_runtime_core_init(void);

#endif
