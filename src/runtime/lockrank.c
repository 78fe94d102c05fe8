/* lockrank.c -- GRawMutex, and the debug builds' checks of the lock-order rules
 * (lockrank.h states them and prints the table).
 *
 * The checks keep, per OS thread, the ranks of the ranked locks it holds, in the
 * order taken.  Thread-local rather than in the GThreadState, because the threads
 * that run no Python (the trace collector, the dashboard, the deadlock watcher) take
 * ranked locks too.  In debug builds the mutexes are also made error-checking, so
 * unlocking one the thread does not hold is caught by pthread itself.
 */
#include "runtime/lockrank.h"

#include <errno.h>
#include <stdio.h>

#include "runtime/threadstate.h"

bool g_lockrank_is_leaf(GLockRank rank) { return rank > G_RANK_THREADS; }

#ifdef GILT_DEBUG

enum { MAX_HELD = 16 };
static _Thread_local GLockRank held[MAX_HELD];
static _Thread_local int nheld;

void g_lockrank_acquired(GLockRank rank)
{
    /* the lock-order rule */
    G_ASSERT(nheld == 0 || rank > held[nheld - 1]);
    G_ASSERT(nheld < MAX_HELD);
    held[nheld++] = rank;
}

void g_lockrank_released(GLockRank rank)
{
    for (int i = nheld - 1; i >= 0; i--)
        if (held[i] == rank) {
            for (int j = i; j < nheld - 1; j++)
                held[j] = held[j + 1];
            nheld--;
            return;
        }
    G_ASSERT(!"released a ranked lock this thread does not hold");
}

void g_lockrank_check_attach(void)
{
    for (int i = 0; i < nheld; i++)
        G_ASSERT(held[i] <= G_RANK_THREADS);   /* the attach rule */
}

int g_lockrank_held(void) { return nheld; }

/* The attached-wait rule: may the calling thread block on a lock of this rank? */
static void check_may_block(GLockRank rank)
{
    GThreadState *ts = g_tstate_current;
    bool attached = ts && atomic_load_explicit(&ts->state, memory_order_relaxed) == G_TS_ATTACHED;
    G_ASSERT(!attached || g_lockrank_is_leaf(rank));
}

#define CHECK(call) do { int _rc = (call); G_ASSERT(_rc == 0); } while (0)

#else
static inline void check_may_block(GLockRank rank) { (void)rank; }
#define CHECK(call) ((void)(call))
#endif

void g_raw_mutex_init(GRawMutex *m, GLockRank rank)
{
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
#ifdef GILT_DEBUG
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
#endif
    pthread_mutex_init(&m->mu, &a);
    pthread_mutexattr_destroy(&a);
    m->rank = rank;
}

void g_raw_lock(GRawMutex *m)
{
    check_may_block(m->rank);
    CHECK(pthread_mutex_lock(&m->mu));
    g_lockrank_acquired(m->rank);
}

bool g_raw_trylock(GRawMutex *m)
{
    int rc = pthread_mutex_trylock(&m->mu);
    G_ASSERT(rc == 0 || rc == EBUSY);
    if (rc != 0)
        return false;
    g_lockrank_acquired(m->rank);
    return true;
}

void g_raw_lock_detaching(GRawMutex *m)
{
    if (g_raw_trylock(m))
        return;
    GThreadState *ts = g_tstate_current;
    bool attached = ts && atomic_load(&ts->state) == G_TS_ATTACHED;
    if (attached)
        g_threadstate_detach(ts);
    CHECK(pthread_mutex_lock(&m->mu));
    g_lockrank_acquired(m->rank);
    if (attached)
        g_threadstate_attach(ts);
}

void g_raw_unlock(GRawMutex *m)
{
    g_lockrank_released(m->rank);
    CHECK(pthread_mutex_unlock(&m->mu));
}

void g_raw_mutex_reinit_held(GRawMutex *m)
{
    g_raw_mutex_init(m, m->rank);
    CHECK(pthread_mutex_lock(&m->mu));
}

void g_cond_init(pthread_cond_t *c)
{
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(c, &ca);
    pthread_condattr_destroy(&ca);
}

int g_raw_cond_wait(pthread_cond_t *c, GRawMutex *m, const struct timespec *deadline)
{
    int rc = deadline ? pthread_cond_timedwait(c, &m->mu, deadline) : pthread_cond_wait(c, &m->mu);
    G_ASSERT(rc == 0 || rc == ETIMEDOUT);
    return rc;
}
