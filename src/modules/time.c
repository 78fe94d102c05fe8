/* time.c -- the time module: clocks and sleep.
 *
 * sleep() sleeps in short slices, detached (so other threads take the GIL, a stop of
 * the world does not wait for the sleeper, and it holds nothing QSBR waits for), and
 * checks the eval breaker between slices, so that Ctrl-C interrupts it at once.
 */
#include <errno.h>
#include <math.h>
#include <time.h>

#include "modules/modules.h"
#include "runtime/runtime.h"
#include "vm/step.h"
#include "vm/vm.h"

#define ARGS GObject *self, GObject *const *args, size_t nargs, GObject *kw

static double clock_seconds(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int64_t clock_ns(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Under a controlled scheduler every clock reads the scheduler's virtual time
 * (runtime/sched.h), so that a replayed run sees the same times: the wall clock
 * starts at a fixed date (2026-01-01 00:00 UTC), the others at zero. */
#define VIRTUAL_EPOCH_NS 1767225600000000000LL

static int64_t virtual_ns(clockid_t id)
{
    return g_sched_now_ns() + (id == CLOCK_REALTIME ? VIRTUAL_EPOCH_NS : 0);
}

static double seconds_of(clockid_t id)
{
    return g_sched_controlled() ? (double)virtual_ns(id) * 1e-9 : clock_seconds(id);
}

static int64_t ns_of(clockid_t id)
{
    return g_sched_controlled() ? virtual_ns(id) : clock_ns(id);
}

#define CLOCK_FN(NAME, ID) \
    static GObject *NAME(ARGS) { (void)self; (void)args; (void)nargs; (void)kw; return g_float_new(seconds_of(ID)); }
#define CLOCK_NS_FN(NAME, ID) \
    static GObject *NAME(ARGS) { (void)self; (void)args; (void)nargs; (void)kw; return g_int_from_i64(ns_of(ID)); }
CLOCK_FN(time_time, CLOCK_REALTIME)
CLOCK_FN(time_perf_counter, CLOCK_MONOTONIC)
CLOCK_FN(time_monotonic, CLOCK_MONOTONIC)
CLOCK_FN(time_process_time, CLOCK_PROCESS_CPUTIME_ID)
CLOCK_FN(time_thread_time, CLOCK_THREAD_CPUTIME_ID)
CLOCK_NS_FN(time_time_ns, CLOCK_REALTIME)
CLOCK_NS_FN(time_perf_counter_ns, CLOCK_MONOTONIC)
CLOCK_NS_FN(time_monotonic_ns, CLOCK_MONOTONIC)

static GObject *time_sleep(ARGS)
{
    (void)self;
    if (g_no_kwargs("sleep", kw) < 0 || g_check_nargs("sleep", nargs, 1, 1) < 0)
        return NULL;
    double secs;
    if (!g_is_int(args[0]) && !g_is_float(args[0]))
        return g_raise(&GExc_TypeError, "'%T' object cannot be interpreted as an integer or float", args[0]);
    if (!g_as_double(args[0], &secs))
        return NULL;
    if (isnan(secs))
        return g_raise(&GExc_ValueError, "Invalid value NaN (not a number)");
    if (secs < 0)
        return g_raise(&GExc_ValueError, "sleep length must be non-negative");
    GThreadState *ts = g_tstate();
    if (g_sched_controlled()) {
        /* virtual time: the scheduler wakes us when its clock gets there (even
         * sleep(0) is a step: the others may go first, as a real sleep lets them) */
        if (ts->sched && ts->sched->quiet)   /* an exercise's goal or a watched value */
            return g_raise(&GExc_RuntimeError, "an exercise's goal or watched expression would sleep");
        /* (beyond ~100 years the clock would overflow: that long is forever) */
        int64_t until = secs < 3e9 ? g_sched_now_ns() + (int64_t)(secs * 1e9) : INT64_MAX / 2;
        do {
            g_step_where(ts);
            g_sched_block(ts, NULL, NULL, until);
        } while (g_sched_now_ns() < until);
        return G_NONE;
    }
    double deadline = clock_seconds(CLOCK_MONOTONIC) + secs;
    for (;;) {
        double left = deadline - clock_seconds(CLOCK_MONOTONIC);
        if (left <= 0)
            break;
        double slice = left < 0.05 ? left : 0.05;
        struct timespec req = { (time_t)slice, (long)((slice - floor(slice)) * 1e9) };
        g_threadstate_detach(ts);      /* others run (and the world can stop) meanwhile */
        nanosleep(&req, NULL);
        g_threadstate_attach(ts);
        if (atomic_load(&ts->eval_breaker) && g_handle_eval_breaker(ts) < 0)
            return NULL;
    }
    return G_NONE;
}

static const GMethodDef time_functions[] = {
    { "time", time_time, 0, NULL }, { "perf_counter", time_perf_counter, 0, NULL },
    { "monotonic", time_monotonic, 0, NULL }, { "process_time", time_process_time, 0, NULL },
    { "thread_time", time_thread_time, 0, NULL }, { "time_ns", time_time_ns, 0, NULL },
    { "perf_counter_ns", time_perf_counter_ns, 0, NULL }, { "monotonic_ns", time_monotonic_ns, 0, NULL },
    { "sleep", time_sleep, 0, NULL },
    { NULL, NULL, 0, NULL },
};

GObject *g_time_init(void)
{
    GObject *m = g_module_new("time");
    if (m)
        g_module_add_functions(m, time_functions);
    return m;
}
