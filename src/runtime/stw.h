/* stw.h -- stopping the world: every other thread parked at a safe point.
 *
 * g_stop_the_world marks the request, moves detached threads to SUSPENDED at once
 * and asks attached ones (eval-breaker bit STOP) to suspend themselves at their next
 * check, then waits until no other thread is attached.  The time that takes -- the
 * time to safepoint -- is recorded.  g_start_the_world lets them all go.
 * Used for toggling the GIL, and (issue 4) for the cycle collector.
 */
#ifndef GILT_STW_H
#define GILT_STW_H

#include <stdint.h>

#include "runtime/runtime.h"
#include "runtime/threadstate.h"

void g_stop_the_world(GThreadState *requester);
void g_start_the_world(GThreadState *requester);
/* The last stop's time to safepoint, in ns. */
int64_t g_stw_last_safepoint_ns(void);
/* Wake a requester waiting for threads to stop (a thread that just stopped or
 * detached calls it). */
void g_stw_notify(void);

/* The holder of a stop made by a thread that runs no Python (the dashboard's). */
#define G_STW_OUTSIDE ((GThreadState *)1)

/* Is the world stopped, by ts?  For the assertions of code that may only run with the
 * other threads parked ("world stopped"), or that must never run then (a dealloc). */
static inline bool g_world_stopped_by(GThreadState *ts)
{
    return ts && atomic_load_explicit(&g_runtime.stw_holder, memory_order_relaxed) == ts;
}

#endif
