/* sched.c -- the controlled scheduler's mechanism: the baton, the threads'
 * scheduling states, blocking and waking, the virtual clock, the decision.
 *
 * sched.h draws the states; here is how the baton moves.
 *
 *   decide(me):                               (me holds the baton, attached)
 *       ready := the READY threads, and the BLOCKED ones that were woken or whose
 *                deadline has passed
 *       none ready:  a deadline ahead -> jump the clock to it, look again
 *                    else             -> deadlock (the hooks report it)
 *       budget spent -> the hooks say so
 *       next := hooks.pick(ready)         (may run Python: points are off)
 *       current := next; signal next->go
 *       next != me and me not finished -> detach, wait until current == me, attach
 *
 * THE BATON RULE: only the baton holder reads or writes the thread table, the
 * threads' scheduling states, the step count and the clock (every function below
 * that touches them asserts it holds the baton).  No lock is needed for them, and a
 * step that keeps the baton -- most of them -- takes no lock at all.  S->mu guards
 * only the hand-over: `current` changes under it and a waiter sleeps on its own
 * condition under it.  Python never runs with it held, and it is held only for a
 * few instructions: it is a leaf (lockrank.h).  The wait for the baton is done
 * detached, so a stop of the world never waits for a thread waiting for its turn.
 *
 * Why handing over is safe: the old holder sets `current` and signals under S->mu,
 * then detaches; the new holder attaches after seeing `current` under S->mu.  The
 * mutex orders everything the old holder did before the hand-over before anything
 * the new holder does after it, so the program's state passes with the baton as it
 * would with a lock.
 *
 * Who frees what: a GSchedThread outlives its thread (the stepper shows finished
 * threads); they are freed at exit, with the process.
 */
#include "runtime/sched.h"

#include <stdlib.h>
#include <string.h>

#include "debug.h"
#include "runtime/runtime.h"

#define S (&g_runtime.sched)

static int *ready_buf;      /* baton holder: scratch for the ready set */
static int ready_cap;

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p)
        abort();   /* a thread we cannot track would make the run unrepeatable */
    return p;
}

/* The baton.  Written under S->mu (so a waiter on its condition cannot miss the
 * change); atomic so that the holder's own checks need not take the mutex.  Release/acquire: the new
 * holder sees everything the old one did before handing over. */
static void set_current(GSchedThread *st)
{
    atomic_store_explicit(&S->current, st, memory_order_release);
}

static GSchedThread *current(void)
{
    return atomic_load_explicit(&S->current, memory_order_acquire);
}

/* The holder (or the main thread before control begins). */
static GSchedThread *thread_make(GThreadState *ts, GThreadState *starter)
{
    GSchedThread *st = calloc(1, sizeof *st);
    if (!st)
        abort();
    st->ts = ts;
    st->starter = starter;
    g_cond_init(&st->go);
    st->deadline = -1;
    st->ip = st->line = st->last_line = st->last_ip = -1;
    if (S->nthreads == S->cap) {
        S->cap = S->cap ? S->cap * 2 : 16;
        S->threads = xrealloc(S->threads, (size_t)S->cap * sizeof *S->threads);
    }
    st->no = S->nthreads;
    S->threads[S->nthreads++] = st;
    ts->sched = st;
    /* for good, while the policy controls: the eval loop runs user code in its
     * stepped copy (vm/eval_loop.h).  Before the thread runs, or by itself (main). */
    atomic_fetch_or(&ts->eval_breaker, G_BREAK_STEP);
    return st;
}

void g_sched_begin(const GSchedHooks *hooks, uint64_t budget)
{
    GThreadState *ts = g_tstate_current;
    G_ASSERT(ts && ts == g_runtime.main_thread);
    G_ASSERT(atomic_load(&g_runtime.other_threads) == 0);
    g_raw_mutex_init(&S->mu, G_RANK_SCHED);
    S->hooks = *hooks;
    S->budget = budget;
    atomic_init(&S->clock_ns, 0);
    GSchedThread *st = thread_make(ts, NULL);
    st->state = G_SCHED_READY;
    set_current(st);
    atomic_store(&S->controlled, true);
}

void g_sched_end(void)
{
    if (!g_sched_controlled())
        return;
    G_ASSERT(current() == g_tstate_current->sched);
    atomic_store(&S->controlled, false);
    /* the owner clears its own bit; threads still waiting for the baton never run again */
    atomic_fetch_and(&g_tstate_current->eval_breaker, ~G_BREAK_STEP);
}

GSchedThread *g_sched_thread(int no) { return no >= 0 && no < S->nthreads ? S->threads[no] : NULL; }
int g_sched_nthreads(void) { return S->nthreads; }
uint64_t g_sched_steps(void) { return S->steps; }

int64_t g_sched_now_ns(void)
{
    /* relaxed: a reader is the holder, or someone who only shows the value */
    return atomic_load_explicit(&S->clock_ns, memory_order_relaxed);
}

void g_sched_tick(void)
{
    atomic_fetch_add_explicit(&S->clock_ns, G_SCHED_TICK_NS, memory_order_relaxed);
}

/* May st be picked now?  (The holder asks.) */
static bool runnable(GSchedThread *st, int64_t now)
{
    if (st->state == G_SCHED_READY)
        return true;
    return st->state == G_SCHED_BLOCKED && (st->woken || (st->deadline >= 0 && st->deadline <= now));
}

/* Hand the baton to `to`.  The caller is detached (or leaving for good): nothing it
 * does can overlap the next holder's run -- no critical-section lock still held, no
 * QSBR state still online, no GIL. */
static void hand_to(GSchedThread *to)
{
    g_raw_lock(&S->mu);
    set_current(to);
    pthread_cond_signal(&to->go);
    g_raw_unlock(&S->mu);
}

static GSchedThread *choose(GThreadState *ts, GDecideWhy why);

/* Detach, hand the baton to `to` (if not NULL), wait until it is ours again,
 * attach.  A thread that finished hands the baton to the main thread with
 * exit_pending set, and the main thread makes that decision for it (the finished
 * thread has retired: it may run no Python, and the policy's hooks may). */
static void wait_for_baton(GThreadState *ts, GSchedThread *me, bool blocked, GSchedThread *to)
{
    for (;;) {
        /* on the dashboard, waiting for one's turn looks like waiting for the GIL */
        ts->detach_why = blocked ? G_STATE_BLOCKED : G_STATE_GIL_WAIT;
        g_threadstate_detach(ts);
        if (to)
            hand_to(to);
        /* (no spinning first: with more threads than cores the spinners would take
         * the CPU from the one thread that can run) */
        g_raw_lock(&S->mu);
        while (current() != me)
            g_raw_cond_wait(&me->go, &S->mu, NULL);
        g_raw_unlock(&S->mu);
        g_threadstate_attach(ts);
        if (!S->exit_pending)
            return;
        /* the decision a finished thread left to us: if it picks us, we go on;
         * else hand over and wait again (a loop, not a recursion: a main thread
         * joining a thousand threads takes a thousand such decisions) */
        S->exit_pending = false;
        G_ASSERT(me->no == 0);
        GSchedThread *next = choose(ts, G_DECIDE_EXIT);
        if (next == me)
            return;
        to = next;
        blocked = me->state == G_SCHED_BLOCKED;
    }
}

static void assert_holder(GSchedThread *me)
{
    G_ASSERT(me && current() == me);   /* the baton rule */
    (void)me;
}

/* A thread that has not yet reached its first point gives the baton back to the
 * thread that started it: its start-up is part of its starter's step. */
static bool give_back_if_starting(GThreadState *ts, GSchedThread *me, GSchedState now)
{
    assert_holder(me);
    if (me->state != G_SCHED_STARTING)
        return false;
    me->state = now;
    if (now == G_SCHED_FINISHED)
        hand_to(me->starter->sched);   /* leaving: thread_main detaches next */
    else
        wait_for_baton(ts, me, now == G_SCHED_BLOCKED, me->starter->sched);
    return true;
}

/* Take a decision: the thread that runs the next step (made ready if it was a
 * woken blocked one).  The holder calls it; it may run the policy's Python. */
static GSchedThread *choose(GThreadState *ts, GDecideWhy why)
{
    GSchedThread *me = ts->sched;
    assert_holder(me);
    G_ASSERT(!S->deciding);   /* the policy's own Python takes no decisions */
    S->deciding = true;
    int n;
    for (;;) {
        if (ready_cap < S->nthreads) {
            ready_cap = S->nthreads * 2;
            ready_buf = xrealloc(ready_buf, (size_t)ready_cap * sizeof *ready_buf);
        }
        int64_t now = g_sched_now_ns(), soonest = -1;
        n = 0;
        for (int i = 0; i < S->nthreads; i++) {
            GSchedThread *st = S->threads[i];
            if (runnable(st, now))
                ready_buf[n++] = i;
            else if (st->state == G_SCHED_BLOCKED && st->deadline >= 0 && (soonest < 0 || st->deadline < soonest))
                soonest = st->deadline;
        }
        if (n > 0)
            break;
        if (soonest < 0) {
            S->deciding = false;   /* the hook may serve the stepper until it quits */
            S->hooks.deadlock(S->steps + 1);
            abort();   /* the hook ends the program */
        }
        /* nobody can run before the earliest deadline: time passes at once */
        atomic_store_explicit(&S->clock_ns, soonest, memory_order_relaxed);
    }
    uint64_t step = S->steps + 1;
    if (S->budget && step > S->budget) {
        S->deciding = false;
        S->hooks.budget_spent(step);
        abort();   /* the hook ends the program */
    }
    if (S->hooks.before_pick)
        S->hooks.before_pick(step);
    int pick = S->hooks.pick(ready_buf, n, step, why);
    G_ASSERT(pick >= 0 && pick < S->nthreads && runnable(S->threads[pick], g_sched_now_ns()));
    S->steps = step;
    GSchedThread *next = S->threads[pick];
    if (next->state == G_SCHED_BLOCKED)
        next->state = G_SCHED_READY;   /* it will try again; g_sched_block reads `woken` */
    S->deciding = false;
    return next;
}

static void decide(GThreadState *ts, GDecideWhy why)
{
    GSchedThread *me = ts->sched;
    GSchedThread *next = choose(ts, why);
    if (next == me)
        return;   /* the common case: no hand-over, no lock */
    G_ASSERT(me->state != G_SCHED_FINISHED);   /* finished threads leave the decision to T0 */
    /* once handed over, our state is the next holder's to change */
    wait_for_baton(ts, me, me->state == G_SCHED_BLOCKED, next);
}

void g_sched_point(GThreadState *ts)
{
    GSchedThread *me = ts->sched;
    G_ASSERT(me && me->quiet == 0);
    if (give_back_if_starting(ts, me, G_SCHED_READY))
        return;   /* picked later, by a decision: then it executes this instruction */
    decide(ts, G_DECIDE_POINT);
}

bool g_sched_block(GThreadState *ts, const void *key, GWaitInfo *w, int64_t deadline_ns)
{
    GSchedThread *me = ts->sched;
    assert_holder(me);
    G_ASSERT(me->quiet == 0);   /* the policy's own Python never blocks (thread.c, time.c) */
    me->waits_for = key;
    me->wait = w;
    me->deadline = deadline_ns;
    me->woken = false;
    if (!give_back_if_starting(ts, me, G_SCHED_BLOCKED)) {
        me->state = G_SCHED_BLOCKED;
        decide(ts, G_DECIDE_BLOCK);
    }
    /* picked again (decide made us READY): the baton is ours */
    bool woken = me->woken;
    me->waits_for = NULL;
    me->wait = NULL;
    me->deadline = -1;
    me->woken = false;
    return woken;
}

void g_sched_wake(const void *key)
{
    if (!g_sched_controlled())
        return;
    assert_holder(g_tstate_current->sched);   /* only the holder runs Python, so only it releases */
    for (int i = 0; i < S->nthreads; i++) {
        GSchedThread *st = S->threads[i];
        if (st->state == G_SCHED_BLOCKED && st->waits_for == key)
            st->woken = true;
    }
}

void g_sched_thread_new(GThreadState *starter, GThreadState *child)
{
    assert_holder(starter->sched);
    GSchedThread *st = thread_make(child, starter);
    st->state = G_SCHED_STARTING;
}

void g_sched_thread_cancel(GThreadState *child)
{
    child->sched->state = G_SCHED_FINISHED;
    child->sched->ts = NULL;
}

void g_sched_thread_run_start(GThreadState *starter, GThreadState *child)
{
    GSchedThread *me = starter->sched, *st = child->sched;
    assert_holder(me);
    G_ASSERT(st->state == G_SCHED_STARTING);
    wait_for_baton(starter, me, false, st);
}

void g_sched_thread_enter(GThreadState *ts)
{
    GSchedThread *me = ts->sched;
    G_ASSERT(me && atomic_load(&ts->state) != G_TS_ATTACHED);
    g_raw_lock(&S->mu);
    while (current() != me)
        g_raw_cond_wait(&me->go, &S->mu, NULL);
    g_raw_unlock(&S->mu);
}

void g_sched_thread_exit(GThreadState *ts)
{
    GSchedThread *me = ts->sched;
    assert_holder(me);
    g_threads_lock();   /* ts->name is written under threads_mu */
    memcpy(me->name, ts->name, sizeof me->name);   /* the thread state goes soon */
    g_threads_unlock();
    if (me->state == G_SCHED_STARTING) {
        me->state = G_SCHED_FINISHED;
        me->leave_to = me->starter->sched;   /* its start-up was its starter's step */
    } else {
        me->state = G_SCHED_FINISHED;
        me->leave_to = S->threads[0];
        S->exit_pending = true;              /* the main thread decides who is next */
    }
    me->expand = false;
    me->frame = NULL;
}

void g_sched_thread_left(GSchedThread *me)
{
    /* the thread has detached and deleted its state: what it leaves behind (its
     * containers adopted by the GC, its counts) is in place before anyone runs */
    G_ASSERT(me->state == G_SCHED_FINISHED && current() == me);
    me->ts = NULL;
    hand_to(me->leave_to);
}
