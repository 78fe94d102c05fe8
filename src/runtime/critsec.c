/* critsec.c -- critical sections on objects' own locks (see critsec.h).
 *
 * The thread's innermost section is ts->critsec.  Everything here runs on the
 * owning thread only; the mutexes are the only thing other threads see.
 *
 * take() is the one place that locks.  It may block, and blocking detaches, which
 * releases every section's locks (including the ones take() already got for this
 * section); so it loops until it holds all it wants.  `taking` tells the attach that
 * follows a blocking wait not to re-take this section behind take()'s back.
 */
#include "runtime/critsec.h"

#include "debug.h"

#include <stddef.h>
#include <stdio.h>

#include "runtime/runtime.h"

static bool held_by_thread(GThreadState *ts, GMutex *m)
{
    for (GCritSec *c = ts->critsec->prev; c; c = c->prev)   /* the sections around the top one */
        if ((c->h1 && c->w1 == m) || (c->h2 && c->w2 == m))
            return true;
    return false;
}

/* Wait for a container's lock, recording it: the thread shows as waiting for the
 * lock, which is named by its object's type and address. */
static void lock_contended(GThreadState *ts, GMutex *m)
{
    GObject *o = (GObject *)((char *)m - offsetof(GObject, ob_mutex));
    char name[64];
    snprintf(name, sizeof name, "%s@%p", G_TYPE(o)->name, (void *)o);
    g_trace_lock_name(ts, (uint64_t)(uintptr_t)o, name);
    ts->detach_why = G_STATE_LOCK_WAIT;
    ts->detach_lock = (uint64_t)(uintptr_t)o;
    uint64_t start = g_trace_now();
    g_mutex_lock_slow(m, -1, true, NULL);
    g_trace_emit(ts, G_EV_LOCK_ACQUIRED, G_LOCK_WAITS_ONLY, (uint64_t)(uintptr_t)o, g_trace_now() - start + 1);
}

/* Take the locks cs wants that no section of this thread holds. */
static void take(GThreadState *ts, GCritSec *cs)
{
    cs->taking = true;
    for (;;) {
        bool blocked = false;
        if (!cs->h1 && !held_by_thread(ts, cs->w1)) {
            if (!g_mutex_trylock(cs->w1)) {
                lock_contended(ts, cs->w1);   /* detaches: may drop h2 */
                blocked = true;
            }
            cs->h1 = true;
        }
        if (cs->w2 && !cs->h2 && !held_by_thread(ts, cs->w2)) {
            if (!g_mutex_trylock(cs->w2)) {
                lock_contended(ts, cs->w2);   /* detaches: may drop h1 */
                blocked = true;
            }
            cs->h2 = true;
        }
        if (!blocked)
            break;
        /* a wait detached us, and detaching released what we held: check again */
    }
    cs->taking = false;
}

static void push(GThreadState *ts, GCritSec *cs, GMutex *m1, GMutex *m2)
{
    G_ASSERT(ts && atomic_load(&ts->state) == G_TS_ATTACHED);
    G_ASSERT(!m2 || m1 < m2);      /* two locks: lower address first */
    cs->w1 = m1;
    cs->w2 = m2;
    cs->h1 = cs->h2 = cs->taking = cs->fast = false;
    cs->prev = ts->critsec;
    ts->critsec = cs;
    if (g_concurrent())
        take(ts, cs);
}

void g_critsec_begin(GCritSec *cs, GObject *o)
{
    push(g_tstate_current, cs, g_object_mutex(o), NULL);
}

void g_critsec_begin2(GCritSec *cs, GObject *a, GObject *b)
{
    GMutex *ma = g_object_mutex(a), *mb = g_object_mutex(b);
    if (ma == mb)
        mb = NULL;
    else if (ma > mb) {
        GMutex *t = ma;
        ma = mb;
        mb = t;
    }
    push(g_tstate_current, cs, ma, mb);
}

static void release(GCritSec *cs)
{
    G_ASSERT(!cs->h1 || g_mutex_is_locked(cs->w1));
    G_ASSERT(!cs->h2 || g_mutex_is_locked(cs->w2));
    if (cs->h2)
        g_mutex_unlock(cs->w2);
    if (cs->h1)
        g_mutex_unlock(cs->w1);
    cs->h1 = cs->h2 = false;
}

void g_critsec_end(GCritSec *cs)
{
    GThreadState *ts = g_tstate_current;
    G_ASSERT(ts->critsec == cs);   /* sections end innermost first */
    release(cs);
    ts->critsec = cs->prev;
    /* an enclosing section may have been suspended while we ran: it takes its own
     * locks back (those it still holds, or that a further-out section holds, are
     * skipped by take()) */
    if (ts->critsec && g_concurrent())
        take(ts, ts->critsec);
}

void g_critsec_suspend_all(GThreadState *ts)
{
    for (GCritSec *c = ts->critsec; c; c = c->prev)
        release(c);
}

void g_critsec_resume_top(GThreadState *ts)
{
    GCritSec *top = ts->critsec;
    if (top && !top->taking && g_concurrent())
        take(ts, top);
}
