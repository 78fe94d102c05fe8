/* gil.h -- the global interpreter lock, built the way CPython builds it.
 *
 *   flag `locked` + a mutex + a condition variable; a waiter sleeps on the condition
 *   for at most the switch interval, and if the holder has not changed meanwhile it
 *   sets GIL_DROP in the holder's eval breaker.  The holder notices at its next check,
 *   drops the GIL and -- a forced switch -- waits until another thread has taken it,
 *   so it cannot simply grab it back.
 *
 * With the GIL off (-X gil=0, the default) none of this runs: attach and detach skip
 * it.  g_gil_set switches it on or off while threads run, under stop-the-world.
 */
#ifndef GILT_GIL_H
#define GILT_GIL_H

#include <stdbool.h>
#include <stdint.h>

#include "runtime/threadstate.h"

void g_gil_init(void);
/* Wait for the GIL and take it; false if it was switched off meanwhile (not taken). */
bool g_gil_take(GThreadState *ts);
/* forced: the holder was asked to drop (eval breaker); wait for a switch */
void g_gil_drop(GThreadState *ts, bool forced);
/* Turn the GIL on or off while the program runs (stop-the-world inside). */
void g_gil_set(bool enabled);

typedef struct GGilStats {
    uint64_t takes, drop_requests, forced_switches;
    uint64_t wait_ns;
} GGilStats;
void g_gil_stats(GGilStats *out);

/* fork.c: hold the GIL's mu across fork(2); in the child, re-make it and its
 * conditions, with no waiters (the holder, if any, is the forking thread). */
void g_gil_fork_lock(void);
void g_gil_fork_unlock(bool child);

#endif
