/* mutex.c -- the slow paths of the 1-byte mutex (mutex.h draws its states).
 *
 * Locking: spin a little (the holder is often about to let go), then mark the byte
 * HAS_PARKED and park on its address.  A parked thread wakes either to retry or,
 * when the unlocker saw it had waited longer than G_MUTEX_HANDOFF_NS, already
 * owning the lock: that handoff is what keeps a thread that relocks in a tight loop
 * from starving the others.
 */
#include "runtime/mutex.h"

#include "debug.h"

#include <sched.h>

#include "runtime/parking_lot.h"

#define SPIN_COUNT 40
#define SPIN_NS 50000   /* and at most 50 us */
#define G_MUTEX_HANDOFF_NS 1000000   /* 1 ms */

static void record(GMutexStats *stats, bool contended, int64_t waited)
{
    if (!stats)
        return;
    atomic_fetch_add_explicit(&stats->acquisitions, 1, memory_order_relaxed);
    if (!contended)
        return;
    atomic_fetch_add_explicit(&stats->contended, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&stats->wait_ns, (uint64_t)waited, memory_order_relaxed);
    uint64_t max = atomic_load_explicit(&stats->max_wait_ns, memory_order_relaxed);
    while ((uint64_t)waited > max &&
           !atomic_compare_exchange_weak_explicit(&stats->max_wait_ns, &max, (uint64_t)waited, memory_order_relaxed,
                                                  memory_order_relaxed))
        ;
}

GLockResult g_mutex_lock_slow(GMutex *m, int64_t timeout_ns, bool detach, GMutexStats *stats)
{
    int64_t start = g_monotonic_ns();
    int64_t deadline = timeout_ns >= 0 ? start + timeout_ns : -1;
    uint8_t v = atomic_load_explicit(&m->v, memory_order_relaxed);
    int spins = 0;
    for (;;) {
        if (!(v & G_MUTEX_LOCKED)) {
            if (atomic_compare_exchange_weak_explicit(&m->v, &v, (uint8_t)(v | G_MUTEX_LOCKED), memory_order_acquire,
                                                      memory_order_relaxed)) {
                record(stats, true, g_monotonic_ns() - start);
                return G_LOCK_ACQUIRED;
            }
            continue;
        }
        /* spin while the holder may be about to let go -- but not for long: on a
         * machine with more busy threads than cores each yield can hand the core
         * away for a whole time slice, and a spinning thread is still attached
         * (it holds up stop-the-world, and looks "running" on the dashboard) */
        if (!(v & G_MUTEX_HAS_PARKED) && spins < SPIN_COUNT && g_monotonic_ns() - start < SPIN_NS) {
            spins++;
            sched_yield();
            v = atomic_load_explicit(&m->v, memory_order_relaxed);
            continue;
        }
        if (!(v & G_MUTEX_HAS_PARKED)) {
            uint8_t want = (uint8_t)(v | G_MUTEX_HAS_PARKED);
            if (!atomic_compare_exchange_weak_explicit(&m->v, &v, want, memory_order_relaxed, memory_order_relaxed))
                continue;
            v = want;
        }
        int64_t left = -1;
        if (deadline >= 0) {
            left = deadline - g_monotonic_ns();
            if (left <= 0) {
                /* timed out while spinning: contended, but nothing acquired */
                if (stats)
                    atomic_fetch_add_explicit(&stats->contended, 1, memory_order_relaxed);
                return G_LOCK_TIMEOUT;
            }
        }
        uintptr_t handoff = 0;
        GParkResult r = g_park(&m->v, v, left, detach, &handoff);
        if (r == G_PARK_OK && handoff) {
            record(stats, true, g_monotonic_ns() - start);
            return G_LOCK_ACQUIRED;    /* the unlocker handed the lock to us */
        }
        if (r == G_PARK_TIMEOUT) {
            if (stats)
                atomic_fetch_add_explicit(&stats->contended, 1, memory_order_relaxed);
            return G_LOCK_TIMEOUT;
        }
        v = atomic_load_explicit(&m->v, memory_order_relaxed);
        spins = 0;
    }
}

/* Runs under the parking-lot bucket lock: decide whether the woken waiter gets the
 * lock directly, and rewrite the byte accordingly. */
static uintptr_t unlock_decide(void *arg, bool has_waiter, bool more_waiters, int64_t waited_ns)
{
    GMutex *m = arg;
    if (has_waiter && waited_ns > G_MUTEX_HANDOFF_NS) {
        /* hand over: stay LOCKED, keep HAS_PARKED only if others still wait */
        atomic_store_explicit(&m->v, (uint8_t)(G_MUTEX_LOCKED | (more_waiters ? G_MUTEX_HAS_PARKED : 0)),
                              memory_order_release);
        return 1;
    }
    atomic_store_explicit(&m->v, (uint8_t)(more_waiters ? G_MUTEX_HAS_PARKED : 0), memory_order_release);
    return 0;
}

void g_mutex_unlock_slow(GMutex *m)
{
    uint8_t v = atomic_load_explicit(&m->v, memory_order_relaxed);
    G_ASSERT(v & G_MUTEX_LOCKED);   /* unlocking a mutex that is not locked */
    for (;;) {
        if (!(v & G_MUTEX_HAS_PARKED)) {
            if (atomic_compare_exchange_weak_explicit(&m->v, &v, (uint8_t)(v & ~G_MUTEX_LOCKED), memory_order_release,
                                                      memory_order_relaxed))
                return;
            continue;
        }
        g_unpark_one(&m->v, unlock_decide, m);
        return;
    }
}
