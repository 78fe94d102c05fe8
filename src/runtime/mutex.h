/* mutex.h -- gilt's one lock: a single byte, parked on the parking lot.
 *
 *   bit 0  LOCKED       someone holds the lock
 *   bit 1  HAS_PARKED   someone may be asleep in the parking lot waiting for it
 *
 *          lock (CAS 0 -> LOCKED)                      unlock, no sleepers (CAS LOCKED -> 0)
 *   0 ---------------------------------> LOCKED ------------------------------------> 0
 *                                         |  ^
 *        contender spins briefly, then    |  |  unlock wakes one sleeper: it either
 *        sets HAS_PARKED and parks        v  |  retries, or -- if it waited > 1 ms --
 *                              LOCKED|HAS_PARKED   receives the lock directly (handoff,
 *                                                  so a busy thread cannot starve it)
 *
 * The uncontended paths are one compare-and-swap each, inline below.  threading.Lock,
 * the per-object locks of containers and the GIL's waiters are all this mutex, so
 * contention is measured in one place (GMutexStats, filled by the slow path).
 */
#ifndef GILT_MUTEX_H
#define GILT_MUTEX_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define G_MUTEX_LOCKED 1u
#define G_MUTEX_HAS_PARKED 2u

typedef struct GMutex { _Atomic uint8_t v; } GMutex;

/* Contention counters a lock may carry (Python Locks do; per-object locks use the
 * thread's counters). */
typedef struct GMutexStats {
    _Atomic uint64_t acquisitions, contended, wait_ns, max_wait_ns;
} GMutexStats;

typedef enum { G_LOCK_ACQUIRED, G_LOCK_TIMEOUT, G_LOCK_INTERRUPTED } GLockResult;

GLockResult g_mutex_lock_slow(GMutex *m, int64_t timeout_ns, bool detach, GMutexStats *stats);
void g_mutex_unlock_slow(GMutex *m);

static inline bool g_mutex_trylock(GMutex *m)
{
    uint8_t expected = 0;
    return atomic_compare_exchange_strong_explicit(&m->v, &expected, G_MUTEX_LOCKED, memory_order_acquire,
                                                   memory_order_relaxed);
}

/* Lock, waiting as long as needed.  The thread detaches while it sleeps. */
static inline void g_mutex_lock(GMutex *m)
{
    if (!g_mutex_trylock(m))
        g_mutex_lock_slow(m, -1, true, NULL);
}

/* Lock a leaf lock: one held only for a few instructions that never block, detach or
 * reach a safepoint (a merge queue's lock).  The waiter stays attached: if it
 * detached, an unlock could hand the lock to it while it is parked and a stop of the
 * world then suspends it holding the lock, which the stopper itself may need. */
static inline void g_mutex_lock_leaf(GMutex *m)
{
    if (!g_mutex_trylock(m))
        g_mutex_lock_slow(m, -1, false, NULL);
}

/* Lock with a timeout in nanoseconds (< 0: forever), counting into stats. */
static inline GLockResult g_mutex_lock_timed(GMutex *m, int64_t timeout_ns, GMutexStats *stats)
{
    if (g_mutex_trylock(m)) {
        if (stats)
            atomic_fetch_add_explicit(&stats->acquisitions, 1, memory_order_relaxed);
        return G_LOCK_ACQUIRED;
    }
    if (timeout_ns == 0)
        return G_LOCK_TIMEOUT;
    return g_mutex_lock_slow(m, timeout_ns, true, stats);
}

static inline void g_mutex_unlock(GMutex *m)
{
    uint8_t expected = G_MUTEX_LOCKED;
    if (!atomic_compare_exchange_strong_explicit(&m->v, &expected, 0, memory_order_release, memory_order_relaxed))
        g_mutex_unlock_slow(m);
}

static inline bool g_mutex_is_locked(GMutex *m)
{
    return atomic_load_explicit(&m->v, memory_order_relaxed) & G_MUTEX_LOCKED;
}

#endif
