/* thread.c -- the _thread module: OS threads and the basic lock.
 *
 * start_new_thread makes a pthread with its own GThreadState; the new thread
 * attaches (taking the GIL when it is on), calls the function, reports an uncaught
 * exception the way CPython's _thread does, and detaches.  threading, queue and
 * concurrent.futures are written in Python on top of this (src/modules/py/).
 *
 * The lock is gilt's 1-byte mutex (runtime/mutex.h).  acquire() detaches while it
 * waits, so the GIL is free for others; in the main thread it waits in slices so that
 * Ctrl-C gets through.  Each lock keeps a GWaitInfo (runtime/deadlock.h), so that
 * when every thread waits forever gilt can say who waits for whom, and exit.
 *
 * Under gilt --race (vm/race.h) this file makes the detector's edges: a release of
 * a lock happens before the acquire it lets in; a thread's start happens after what
 * its starter did before it.  Both come before the operation itself is visible to
 * the other side (the release edge before the unlock, the start edge before
 * pthread_create), so the other thread cannot run ahead of its clock.
 *
 * g_runtime.other_threads counts the threads besides the main one.  It is raised
 * before the new thread exists, because with the GIL off a count above zero is what
 * makes the program concurrent (runtime.h, g_concurrent): containers start locking
 * from that moment.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "modules/modules.h"
#include "runtime/critsec.h"
#include "runtime/deadlock.h"
#include "runtime/mutex.h"
#include "runtime/parking_lot.h"
#include "runtime/qsbr.h"
#include "runtime/runtime.h"
#include "vm/race.h"
#include "vm/step.h"
#include "vm/vm.h"

#define ARGS GObject *self, GObject *const *args, size_t nargs, GObject *kw

/* ---- the lock ---- */

/* trace_id: the lock's identity in the trace.  Not its address: a freed lock's
 * address is soon another lock's, and the two would add up in one row of the
 * statistics.  Numbered from 2^63 up, so they never meet a container's address. */
/* race_exempt: --race ignores this lock's edges (gilt's own bookkeeping locks, and
 * locks whose edges are made precisely by hand: a queue's mutex); set once by
 * lock._gilt_race_exempt() right after the lock is made, before it is shared. */
typedef struct { GObject ob; GMutex mu; GMutexStats stats; GWaitInfo wait; GObject *_Atomic named_as; uint64_t trace_id; _Atomic bool race_exempt; } GLock;
static GType GLock_type;
static _Atomic uint64_t next_lock_id = 1ull << 63;

static GObject *lock_new_obj(void)
{
    GLock *l = (GLock *)g_object_alloc(&GLock_type, sizeof(GLock));
    if (!l)
        return g_no_memory();
    atomic_init(&l->mu.v, 0);
    atomic_init(&l->named_as, NULL);
    atomic_init(&l->race_exempt, false);
    l->trace_id = atomic_fetch_add_explicit(&next_lock_id, 1, memory_order_relaxed);
    memset(&l->stats, 0, sizeof l->stats);
    GObject *file;
    int line;
    g_user_site(&file, &line);
    g_waitinfo_init(&l->wait, &l->mu, file, line);
    return (GObject *)l;
}

/* The lock's name in the trace: its label ("Thread-1 to finish", "the Event to be
 * set") if threading gave it one, else where it was made ("lock@bank.py:12").
 * Recorded at the first acquisition and again if the label changes. */
static void lock_trace_name(GThreadState *ts, GLock *l)
{
    GObject *label = atomic_load(&l->wait.label);
    GObject *marker = label ? label : (GObject *)l;    /* what the name was made from */
    if (atomic_exchange(&l->named_as, marker) == marker)
        return;
    char name[160];
    if (label) {
        snprintf(name, sizeof name, "%s", g_str_data(label));
    } else if (l->wait.made_file) {
        const char *file = g_str_data(l->wait.made_file), *slash = strrchr(file, '/');
        snprintf(name, sizeof name, "lock@%s:%d", slash ? slash + 1 : file, l->wait.made_line);
    } else {
        snprintf(name, sizeof name, "lock@%p", (void *)l);
    }
    g_trace_lock_name(ts, l->trace_id, name);
}

/* One wait slice: take the lock within ns nanoseconds, recording the new holder.
 * While it waits the thread shows as blocked (a labelled lock: a join, an Event, a
 * Queue...) or as waiting for a lock. */
static bool lock_try(GLock *l, int64_t ns)
{
    if (ns) {
        GThreadState *ts = g_tstate();
        ts->detach_why = atomic_load(&l->wait.label) ? G_STATE_BLOCKED : G_STATE_LOCK_WAIT;
        ts->detach_lock = l->trace_id;
    }
    if (g_mutex_lock_timed(&l->mu, ns, &l->stats) != G_LOCK_ACQUIRED)
        return false;
    if (g_race_on() && !atomic_load_explicit(&l->race_exempt, memory_order_relaxed))
        g_race_acquire(l);   /* after the release that let us in */
    GObject *file;
    int line;
    g_user_site(&file, &line);
    g_waitinfo_acquired(&l->wait, file, line);
    return true;
}

static void lock_trace_acquired(GLock *l, uint64_t waited)
{
    GThreadState *ts = g_tstate();
    lock_trace_name(ts, l);
    g_trace_emit(ts, G_EV_LOCK_ACQUIRED, 0, l->trace_id, waited);
}

/* Acquire.  The main thread waits in slices of WAIT_SLICE_NS, so that Ctrl-C (which
 * only it handles) gets through; other threads simply sleep until the lock is theirs
 * or the timeout passes -- waking them to look around would cost every thread a
 * wake-up (and, with the GIL on, a GIL hand-off) per slice, which starves a program
 * with thousands of waiting threads.  An untimed wait is published for the deadlock
 * watcher (runtime/deadlock.c). */
#define WAIT_SLICE_NS (50 * 1000000LL)

/* Under a controlled scheduler (runtime/sched.h) nobody else runs while we would
 * wait, so a lock we cannot take is a scheduling decision: block in the scheduler
 * until someone releases it (or the virtual deadline passes), then try again. */
static GObject *lock_acquire_controlled(GLock *l, bool blocking, double timeout)
{
    GThreadState *ts = g_tstate();
    /* (a timeout beyond ~100 years is as good as none, and would overflow) */
    int64_t deadline = timeout >= 0 && timeout < 3e9 ? g_sched_now_ns() + (int64_t)(timeout * 1e9) : -1;
    bool waited = false;
    for (;;) {
        if (lock_try(l, 0)) {
            if (waited && deadline < 0)
                g_wait_end();
            lock_trace_acquired(l, waited);
            return G_TRUE;
        }
        if (!blocking || (deadline >= 0 && g_sched_now_ns() >= deadline))
            return G_FALSE;
        if (ts->sched && ts->sched->quiet)   /* an exercise's goal or a watched value */
            return g_raise(&GExc_RuntimeError, "an exercise's goal or watched expression would wait for a lock");
        if (!waited && deadline < 0) {
            GObject *file;
            int line;
            g_user_site(&file, &line);
            g_wait_begin(&l->wait, file, line);   /* for the deadlock report */
        }
        waited = true;
        g_step_where(ts);
        g_sched_block(ts, &l->mu, &l->wait, deadline);
    }
}

static GObject *lock_acquire_impl(GLock *l, bool blocking, double timeout)
{
    if (g_sched_controlled())
        return lock_acquire_controlled(l, blocking, timeout);
    if (lock_try(l, 0)) {
        lock_trace_acquired(l, 0);
        return G_TRUE;
    }
    if (!blocking)
        return G_FALSE;
    uint64_t wait_start = g_trace_now();
    int64_t deadline = timeout >= 0 ? g_monotonic_ns() + (int64_t)(timeout * 1e9) : -1;
    GThreadState *ts = g_tstate();
    bool sliced = ts == g_runtime.main_thread;
    if (deadline < 0) {
        GObject *file;
        int line;
        g_user_site(&file, &line);
        g_wait_begin(&l->wait, file, line);
    }
    for (;;) {
        int64_t wait = sliced ? WAIT_SLICE_NS : -1;
        if (deadline >= 0) {
            int64_t left = deadline - g_monotonic_ns();
            if (left <= 0)
                return G_FALSE;
            if (wait < 0 || left < wait)
                wait = left;
        }
        if (lock_try(l, wait))
            break;
        if (atomic_load(&ts->eval_breaker) && g_handle_eval_breaker_in_wait(ts) < 0) {
            if (deadline < 0)
                g_wait_end();
            return NULL;
        }
    }
    if (deadline < 0)
        g_wait_end();
    lock_trace_acquired(l, g_trace_now() - wait_start + 1);
    return G_TRUE;
}

static GObject *lock_acquire(ARGS)
{
    static const char *const names[] = { "blocking", "timeout", NULL };
    GObject *a[2];
    if (g_parse_args("acquire", args, nargs, kw, names, 0, a) < 0)
        return NULL;
    int blocking = a[0] ? g_truthy(a[0]) : 1;
    if (blocking < 0)
        return NULL;
    double timeout = -1;
    if (a[1] && !g_as_double(a[1], &timeout))
        return NULL;
    if (!blocking && timeout != -1)
        return g_raise(&GExc_ValueError, "can't specify a timeout for a non-blocking call");
    if (timeout < 0 && timeout != -1)
        return g_raise(&GExc_ValueError, "timeout value must be a non-negative number");
    return lock_acquire_impl((GLock *)self, blocking, timeout);
}

static GObject *lock_release(ARGS)
{
    (void)args; (void)nargs; (void)kw;
    GLock *l = (GLock *)self;
    if (!g_mutex_is_locked(&l->mu))
        return g_raise(&GExc_RuntimeError, "release unlocked lock");
    if (g_race_on() && !atomic_load_explicit(&l->race_exempt, memory_order_relaxed))
        g_race_release(l);   /* before the unlock: the next holder must find our clock */
    g_mutex_unlock(&l->mu);
    g_sched_wake(&l->mu);   /* controlled scheduling: its waiters may try again */
    g_trace_emit(g_tstate(), G_EV_LOCK_RELEASED, 0, l->trace_id, 0);
    return G_NONE;
}

static GObject *lock_locked(ARGS)
{
    (void)args; (void)nargs; (void)kw;
    return g_bool(g_mutex_is_locked(&((GLock *)self)->mu));
}

static GObject *lock_enter(ARGS)
{
    (void)args; (void)nargs; (void)kw;
    return lock_acquire_impl((GLock *)self, true, -1);
}

static GObject *lock_exit(ARGS)
{
    return lock_release(self, args, nargs, kw);
}

static GObject *lock_repr(GObject *o)
{
    return g_format("<%s _thread.lock object at %p>", g_mutex_is_locked(&((GLock *)o)->mu) ? "locked" : "unlocked",
                    (void *)o);
}

static void lock_dealloc(GObject *o)
{
    g_waitinfo_clear(&((GLock *)o)->wait);
    g_race_forget(o);   /* --race: its clock goes with it; its address may be reused */
    /* Nobody else can be reading its wait record: the deadlock watcher reads only the
     * records of locks being waited on, with the world stopped, and a waiter holds a
     * reference to its lock (runtime/deadlock.c). */
    g_object_free(o);
}

/* lock._gilt_label(text): what waiting on this lock means, for the deadlock report
 * (threading labels a thread's end-of-run lock "Thread-1 to finish"). */
static GObject *lock_label(ARGS)
{
    if (g_no_kwargs("_gilt_label", kw) < 0 || g_check_nargs("_gilt_label", nargs, 1, 1) < 0)
        return NULL;
    if (!g_is_str(args[0]))
        return g_raise(&GExc_TypeError, "label must be str, not %T", args[0]);
    GObject *old = atomic_exchange(&((GLock *)self)->wait.label, g_newref(args[0]));
    g_xdecref(old);
    return G_NONE;
}

/* lock._gilt_race_exempt(): no --race edges from this lock (relaxed: it is set before
 * the lock is shared, and whoever shares it publishes it by other means). */
static GObject *lock_race_exempt(ARGS)
{
    (void)args; (void)kw;
    if (g_check_nargs("_gilt_race_exempt", nargs, 0, 0) < 0)
        return NULL;
    atomic_store_explicit(&((GLock *)self)->race_exempt, true, memory_order_relaxed);
    return G_NONE;
}

static GObject *lock_new_slot(GType *t, GObject *const *a, size_t n, GObject *k)
{
    (void)t; (void)a;
    if (g_no_kwargs("lock", k) < 0 || g_check_nargs("lock", n, 0, 0) < 0)
        return NULL;
    return lock_new_obj();
}

static const GMethodDef lock_methods[] = {
    { "acquire", lock_acquire, 0, NULL }, { "release", lock_release, 0, NULL },
    { "locked", lock_locked, 0, NULL }, { "__enter__", lock_enter, 0, NULL },
    { "__exit__", lock_exit, 0, NULL }, { "acquire_lock", lock_acquire, 0, NULL },
    { "release_lock", lock_release, 0, NULL }, { "_gilt_label", lock_label, 0, NULL },
    { "_gilt_race_exempt", lock_race_exempt, 0, NULL },
    { NULL, NULL, 0, NULL },
};

static GType GLock_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "lock",
    .basicsize = sizeof(GLock),
    .base = &GObject_type,
    .tp_new = lock_new_slot,
    .tp_dealloc = lock_dealloc,
    .tp_repr = lock_repr,
    .methods = lock_methods,
};

/* ---- threads ---- */

/* A thread's ident: its state's address, or under a controlled scheduler its number
 * plus one, so that a replayed run prints the same idents. */
static uint64_t thread_ident(GThreadState *ts)
{
    return ts->sched ? (uint64_t)ts->sched->no + 1 : (uint64_t)(uintptr_t)ts;
}

typedef struct {
    GObject *func, *args, *kwargs;
    GThreadState *ts;
    struct GRaceThread *race;   /* --race: the detector's record of the thread, or NULL */
} Bootstrap;

static void *thread_main(void *arg)
{
    Bootstrap *b = arg;
    GThreadState *ts = b->ts;
    if (ts->sched)
        g_sched_thread_enter(ts);   /* controlled: not before our turn */
    g_threadstate_attach(ts);
    g_race_thread_enter(b->race);
    GObject *r = g_call_tuple_dict(b->func, b->args, b->kwargs);
    if (r) {
        g_decref(r);
    } else if (g_err_matches(&GExc_SystemExit)) {
        g_err_clear();
    } else {
        GObject *exc = g_err_fetch();
        atomic_fetch_add(&g_runtime.uncaught, 1);
        GObject *fr = g_repr(b->func);
        fflush(stdout);
        fprintf(stderr, "Unhandled exception in thread started by %s\n", fr ? g_str_data(fr) : "?");
        g_xdecref(fr);
        g_err_clear();
        g_print_exception(exc);
        g_decref(exc);
    }
    g_decref(b->func);
    g_decref(b->args);
    g_xdecref(b->kwargs);
    g_mem_free(b);
    g_race_thread_exit();
    g_threadstate_retire(ts);   /* attached: it may still free what others queued for it */
    /* Under a controlled scheduler the baton is handed on only after everything the
     * program could see has happened: the count of threads, the thread state gone
     * and its containers adopted by the GC (sched.h). */
    GSchedThread *st = ts->sched && g_sched_controlled() ? ts->sched : NULL;
    if (st)
        g_sched_thread_exit(ts);
    atomic_fetch_sub(&g_runtime.other_threads, 1);
    g_threadstate_detach(ts);
    g_threadstate_delete(ts);
    if (st)
        g_sched_thread_left(st);
    return NULL;
}

static GObject *start_new_thread(ARGS)
{
    (void)self;
    if (g_no_kwargs("start_new_thread", kw) < 0 || g_check_nargs("start_new_thread", nargs, 2, 3) < 0)
        return NULL;
    if (!g_callable(args[0]))
        return g_raise(&GExc_TypeError, "first arg must be callable");
    if (!g_is_tuple(args[1]))
        return g_raise(&GExc_TypeError, "2nd arg must be a tuple");
    if (nargs == 3 && !g_is_dict(args[2]))
        return g_raise(&GExc_TypeError, "optional 3rd arg must be a dictionary");
    Bootstrap *b = g_mem_alloc(sizeof *b);
    if (!b)
        return g_no_memory();
    b->func = g_newref(args[0]);
    b->args = g_newref(args[1]);
    b->kwargs = nargs == 3 ? g_newref(args[2]) : NULL;
    GThreadState *ts = b->ts = g_threadstate_new();
    b->race = NULL;
    if (g_race_on()) {
        b->race = g_race_thread_new(ts);   /* the start edge */
        g_race_thread_prepare(ts);
    }
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 16u << 20);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t th;
    /* From here on the program may be concurrent: take the locks of the critical
     * sections we are inside before the new thread can touch what they guard. */
    atomic_fetch_add(&g_runtime.other_threads, 1);
    g_critsec_resume_top(g_tstate());
    bool controlled = g_sched_controlled();
    if (controlled)
        g_sched_thread_new(g_tstate(), ts);
    int rc = pthread_create(&th, &attr, thread_main, b);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        if (controlled)
            g_sched_thread_cancel(ts);
        atomic_fetch_sub(&g_runtime.other_threads, 1);
        g_decref(b->func);
        g_decref(b->args);
        g_xdecref(b->kwargs);
        atomic_store(&ts->alive, false);   /* never ran: nothing to merge */
        g_threadstate_delete(ts);
        g_mem_free(b);
        return g_raise(&GExc_RuntimeError, "can't start new thread");
    }
    /* not b->ts: from pthread_create on, b belongs to the new thread, which frees it */
    uint64_t ident = thread_ident(ts);
    if (controlled)
        g_sched_thread_run_start(g_tstate(), ts);   /* it runs up to its first step now */
    return g_int_from_u64(ident);
}

/* Copy a name into a thread state's C copy, cut at a character boundary (threads_mu
 * held: the deadlock report reads it). */
static void copy_name(GThreadState *t, const char *name)
{
    size_t n = strlen(name), cap = sizeof t->name - 1;
    if (n > cap) {
        n = cap;
        while (n > 0 && ((unsigned char)name[n] & 0xC0) == 0x80)
            n--;   /* do not cut a UTF-8 sequence */
    }
    memcpy(t->name, name, n);
    t->name[n] = 0;
}

/* _thread._set_name(name[, ident]): threading tells gilt what a thread is called --
 * the recorder (for the current thread) and the deadlock report (any thread). */
static GObject *set_name(ARGS)
{
    (void)self;
    if (g_no_kwargs("_set_name", kw) < 0 || g_check_nargs("_set_name", nargs, 1, 2) < 0)
        return NULL;
    if (!g_is_str(args[0]))
        return g_raise(&GExc_TypeError, "_set_name() argument must be str, not %T", args[0]);
    GThreadState *me = g_tstate();
    uint64_t ident = thread_ident(me);
    if (nargs == 2 && args[1] != G_NONE) {
        int64_t v;
        if (!g_is_int(args[1]) || !g_int_as_i64(args[1], &v))
            return g_raise(&GExc_TypeError, "_set_name() ident must be a thread identifier");
        ident = (uint64_t)v;
    }
    g_threads_lock();
    if (ident == thread_ident(me)) {
        copy_name(me, g_str_data(args[0]));
        g_race_thread_named(me, me->name);
    } else {
        for (GThreadState *t = g_runtime.threads; t; t = t->next)
            if (thread_ident(t) == ident) {
                copy_name(t, g_str_data(args[0]));
                g_race_thread_named(t, t->name);
            }
    }
    g_threads_unlock();
    if (ident == thread_ident(me))
        g_trace_emit(me, G_EV_THREAD_NAME, g_trace_string(g_str_data(args[0])), 0, 0);
    return G_NONE;
}

static GObject *get_ident(ARGS)
{
    (void)self; (void)args; (void)nargs; (void)kw;
    return g_int_from_u64(thread_ident(g_tstate()));
}

static GObject *get_native_id(ARGS)
{
    (void)self; (void)args; (void)nargs; (void)kw;
    GThreadState *ts = g_tstate();
    if (ts->sched)
        return g_int_from_i64(100000 + ts->sched->no);   /* controlled: the same in every run */
    return g_int_from_i64((int64_t)syscall(SYS_gettid));
}

static GObject *allocate_lock(ARGS)
{
    (void)self; (void)args; (void)kw;
    if (g_check_nargs("allocate_lock", nargs, 0, 0) < 0)
        return NULL;
    return lock_new_obj();
}

/* _thread._race_release(obj) / _race_acquire(obj): an edge that no lock makes, for
 * threading's own fast paths (join of a finished thread, Event.is_set); nothing
 * unless --race is on. */
static GObject *race_release(ARGS)
{
    (void)self; (void)kw;
    if (g_check_nargs("_race_release", nargs, 1, 1) < 0)
        return NULL;
    if (g_race_on())
        g_race_release(args[0]);
    return G_NONE;
}

static GObject *race_acquire(ARGS)
{
    (void)self; (void)kw;
    if (g_check_nargs("_race_acquire", nargs, 1, 1) < 0)
        return NULL;
    if (g_race_on())
        g_race_acquire(args[0]);
    return G_NONE;
}

/* _thread._flush_counts(): hand the calling thread's counters (refcounts,
 * allocations) to the recorder now.  threading calls it as a thread finishes, just
 * before it lets joiners in, so that gilt.stats() after join() includes all of the
 * joined thread's work (its own flush at exit comes after the join returns). */
static GObject *flush_counts(ARGS)
{
    (void)self; (void)args; (void)kw;
    if (g_check_nargs("_flush_counts", nargs, 0, 0) < 0)
        return NULL;
    g_trace_flush_counts(g_tstate());
    return G_NONE;
}

int g_thread_running_count(void) { return atomic_load(&g_runtime.other_threads); }

static GObject *thread_count(ARGS)
{
    (void)self; (void)args; (void)nargs; (void)kw;
    return g_int_from_i64(atomic_load(&g_runtime.other_threads));
}

static GObject *thread_exit(ARGS)
{
    (void)self; (void)args; (void)nargs; (void)kw;
    return g_raise_with_value(&GExc_SystemExit, NULL);
}

static const GMethodDef thread_functions[] = {
    { "start_new_thread", start_new_thread, 0, NULL }, { "start_new", start_new_thread, 0, NULL },
    { "get_ident", get_ident, 0, NULL }, { "get_native_id", get_native_id, 0, NULL },
    { "_set_name", set_name, 0, NULL }, { "_flush_counts", flush_counts, 0, NULL },
    { "allocate_lock", allocate_lock, 0, NULL }, { "allocate", allocate_lock, 0, NULL },
    { "_count", thread_count, 0, NULL }, { "exit", thread_exit, 0, NULL },
    { "_race_release", race_release, 0, NULL }, { "_race_acquire", race_acquire, 0, NULL },
    { NULL, NULL, 0, NULL },
};

GObject *g_thread_init(void)
{
    g_type_ready(&GLock_type);
    GObject *m = g_module_new("_thread");
    if (!m)
        return NULL;
    g_module_add_functions(m, thread_functions);
    g_dict_set_str(g_module_dict(m), "LockType", (GObject *)&GLock_type);
    g_dict_set_str(g_module_dict(m), "lock", (GObject *)&GLock_type);
    g_dict_set_str(g_module_dict(m), "error", (GObject *)&GExc_RuntimeError);
    g_module_add(m, "TIMEOUT_MAX", g_float_new(4294967.0));
    return m;
}
