/* time.c -- the time module: clocks, sleep, and calendar time.
 *
 * Calendar time (gmtime, localtime, mktime, strftime, asctime, ctime) goes through
 * the C library's struct tm; a struct_time (objects/structseq.c) is its Python
 * face: 9 indexable fields (month 1-12, weekday 0 = Monday, day of the year from 1)
 * plus tm_zone and tm_gmtoff as attributes.  localtime() follows the TZ variable.
 *
 * sleep() sleeps in short slices, detached (so other threads take the GIL, a stop of
 * the world does not wait for the sleeper, and it holds nothing QSBR waits for), and
 * checks the eval breaker between slices, so that Ctrl-C interrupts it at once.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
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
        if (atomic_load(&ts->eval_breaker) && g_handle_eval_breaker_in_wait(ts) < 0)
            return NULL;
    }
    return G_NONE;
}

/* ====================================================================================
 * Calendar time
 * ==================================================================================== */

static const char *const struct_time_fields[] = {
    "tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst",
    "tm_zone", "tm_gmtoff",
};

static GStructSeqType struct_time_type = {
    .type = { .ob = G_STATIC_HEADER(&GType_type), .name = "struct_time",
              .doc = "The time value as returned by gmtime(), localtime(), and strptime()" },
    .fullname = "time.struct_time",
    .fields = struct_time_fields,
    .nvisible = 9,
    .nfields = 11,
};

static GObject *struct_time_of(const struct tm *tm)
{
    long vals[9] = { tm->tm_year + 1900L, tm->tm_mon + 1L, tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec,
                     (tm->tm_wday + 6L) % 7, tm->tm_yday + 1L, tm->tm_isdst };
    GObject *v[11];
    for (int i = 0; i < 9; i++)
        v[i] = g_int_from_i64(vals[i]);
    v[9] = g_str_from_cstr(tm->tm_zone ? tm->tm_zone : "");
    v[10] = g_int_from_i64(tm->tm_gmtoff);
    return g_structseq_make(&struct_time_type, v);
}

/* The seconds argument of gmtime()/localtime()/ctime(): None is now; floats are
 * floored, as CPython's. */
static int seconds_arg(GObject *const *args, size_t nargs, time_t *out)
{
    double d;
    if (nargs == 0 || args[0] == G_NONE) {
        d = seconds_of(CLOCK_REALTIME);
    } else if (g_is_float(args[0])) {
        d = g_float_value(args[0]);
        if (isnan(d)) {
            g_raise(&GExc_ValueError, "Invalid value NaN (not a number)");
            return -1;
        }
    } else {
        int64_t i;
        GObject *iv = g_index(args[0]);
        if (!iv)
            return -1;
        bool fits = g_int_as_i64(iv, &i);
        g_decref(iv);
        if (!fits) {
            g_raise(&GExc_OverflowError, "timestamp out of range for platform time_t");
            return -1;
        }
        d = (double)i;
    }
    d = floor(d);
    /* struct tm's year is an int: stay well inside what gmtime can represent */
    if (!(d > -67768040609740800.0 && d < 67768036191676800.0)) {
        g_raise(&GExc_OverflowError, "timestamp out of range for platform time_t");
        return -1;
    }
    *out = (time_t)d;
    return 0;
}

static GObject *broken_down(const char *fname, GObject *const *args, size_t nargs, GObject *kw, bool local)
{
    if (g_no_kwargs(fname, kw) < 0)
        return NULL;
    if (nargs > 1)
        return g_raise(&GExc_TypeError, "%s() takes at most 1 argument (%zu given)", fname, nargs);
    time_t t;
    if (seconds_arg(args, nargs, &t) < 0)
        return NULL;
    struct tm tm;
    if (!(local ? localtime_r(&t, &tm) : gmtime_r(&t, &tm)))
        return g_raise(&GExc_OverflowError, "timestamp out of range for platform time_t");
    return struct_time_of(&tm);
}

static GObject *time_gmtime(ARGS) { (void)self; return broken_down("gmtime", args, nargs, kw, false); }
static GObject *time_localtime(ARGS) { (void)self; return broken_down("localtime", args, nargs, kw, true); }

/* A 9-tuple or struct_time as a struct tm (CPython's gettmarg). */
static int tm_arg(const char *fname, GObject *o, struct tm *tm)
{
    GObject *items;
    if (G_TYPE(o) == &struct_time_type.type) {
        items = g_tuple_from_iterable(o);
    } else if (g_is_tuple(o)) {
        items = g_newref(o);
    } else {
        g_raise(&GExc_TypeError, "Tuple or struct_time argument required");
        return -1;
    }
    if (!items)
        return -1;
    if (G_TUPLE_SIZE(items) != 9) {
        g_decref(items);
        g_raise(&GExc_TypeError, "%s(): illegal time tuple argument", fname);
        return -1;
    }
    long v[9];
    for (int i = 0; i < 9; i++) {
        int64_t x;
        GObject *iv = g_index(G_TUPLE_ITEM(items, i));
        bool fits = iv && g_int_as_i64(iv, &x) && x >= INT_MIN + 1900L && x <= INT_MAX;
        if (iv && !fits)
            g_raise(&GExc_OverflowError, "Python int too large to convert to C int");
        g_xdecref(iv);
        if (!fits) {
            g_decref(items);
            return -1;
        }
        v[i] = (long)x;
    }
    g_decref(items);
    memset(tm, 0, sizeof *tm);
    tm->tm_year = (int)(v[0] - 1900);
    tm->tm_mon = (int)v[1] - 1;
    tm->tm_mday = (int)v[2];
    tm->tm_hour = (int)v[3];
    tm->tm_min = (int)v[4];
    tm->tm_sec = (int)v[5];
    tm->tm_wday = (int)((v[6] + 1) % 7);
    tm->tm_yday = (int)v[7] - 1;
    tm->tm_isdst = (int)v[8];
    return 0;
}

/* strftime() and asctime() want fields in range (CPython's checktm); 0 for the
 * month or the day means the first. */
static int check_tm(struct tm *tm)
{
    const char *bad = NULL;
    if (tm->tm_mon == -1)
        tm->tm_mon = 0;
    if (tm->tm_mday == 0)
        tm->tm_mday = 1;
    if (tm->tm_yday == -1)
        tm->tm_yday = 0;
    if (tm->tm_mon < 0 || tm->tm_mon > 11)
        bad = "month out of range";
    else if (tm->tm_mday < 0 || tm->tm_mday > 31)
        bad = "day of month out of range";
    else if (tm->tm_hour < 0 || tm->tm_hour > 23)
        bad = "hour out of range";
    else if (tm->tm_min < 0 || tm->tm_min > 59)
        bad = "minute out of range";
    else if (tm->tm_sec < 0 || tm->tm_sec > 61)
        bad = "seconds out of range";
    else if (tm->tm_wday < 0)
        bad = "day of week out of range";
    else if (tm->tm_yday < 0 || tm->tm_yday > 365)
        bad = "day of year out of range";
    if (bad) {
        g_raise(&GExc_ValueError, "%s", bad);
        return -1;
    }
    return 0;
}

/* The struct tm of an optional time-tuple argument (now, local time, if absent). */
static int tm_or_now(const char *fname, GObject *const *args, size_t nargs, size_t at, struct tm *tm)
{
    if (nargs > at)
        return tm_arg(fname, args[at], tm);
    time_t t = (time_t)floor(seconds_of(CLOCK_REALTIME));
    localtime_r(&t, tm);
    return 0;
}

static GObject *time_mktime(ARGS)
{
    (void)self;
    if (g_no_kwargs("mktime", kw) < 0 || g_check_nargs("mktime", nargs, 1, 1) < 0)
        return NULL;
    struct tm tm;
    if (tm_arg("mktime", args[0], &tm) < 0)
        return NULL;
    tm.tm_wday = -1;   /* mktime sets it: if it stays -1, the time cannot be represented */
    time_t t = mktime(&tm);
    if (t == (time_t)-1 && tm.tm_wday == -1)
        return g_raise(&GExc_OverflowError, "mktime argument out of range");
    return g_float_new((double)t);
}

static GObject *asctime_of(struct tm *tm)
{
    static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
    static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    char buf[64];
    snprintf(buf, sizeof buf, "%s %s %2d %02d:%02d:%02d %d", days[tm->tm_wday % 7], months[tm->tm_mon], tm->tm_mday,
             tm->tm_hour, tm->tm_min, tm->tm_sec, tm->tm_year + 1900);
    return g_str_from_cstr(buf);
}

static GObject *time_asctime(ARGS)
{
    (void)self;
    if (g_no_kwargs("asctime", kw) < 0 || g_check_nargs("asctime", nargs, 0, 1) < 0)
        return NULL;
    struct tm tm;
    if (tm_or_now("asctime", args, nargs, 0, &tm) < 0 || check_tm(&tm) < 0)
        return NULL;
    return asctime_of(&tm);
}

static GObject *time_ctime(ARGS)
{
    (void)self;
    if (g_no_kwargs("ctime", kw) < 0 || g_check_nargs("ctime", nargs, 0, 1) < 0)
        return NULL;
    time_t t;
    struct tm tm;
    if (seconds_arg(args, nargs, &t) < 0)
        return NULL;
    if (!localtime_r(&t, &tm))
        return g_raise(&GExc_OverflowError, "timestamp out of range for platform time_t");
    return asctime_of(&tm);
}

static GObject *time_strftime(ARGS)
{
    (void)self;
    if (g_no_kwargs("strftime", kw) < 0 || g_check_nargs("strftime", nargs, 1, 2) < 0)
        return NULL;
    if (!g_is_str(args[0]))
        return g_raise(&GExc_TypeError, "strftime() argument 1 must be str, not %T", args[0]);
    struct tm tm;
    if (tm_or_now("strftime", args, nargs, 1, &tm) < 0 || check_tm(&tm) < 0)
        return NULL;
    const char *fmt = g_str_data(args[0]);
    if (strlen(fmt) != (size_t)g_str_nbytes(args[0]))
        return g_raise(&GExc_ValueError, "embedded null character");
    if (!*fmt)
        return g_str_from_cstr("");
    /* strftime returns 0 both for "too small" and for an empty result: grow the
     * buffer a few times, as CPython does, before settling for an empty string */
    for (size_t cap = 256; cap <= 256 * strlen(fmt) + 256; cap *= 4) {
        char *buf = g_mem_alloc(cap);
        if (!buf)
            return g_no_memory();
        size_t n = strftime(buf, cap, fmt, &tm);
        if (n > 0) {
            GObject *r = g_str_new(buf, n);
            g_mem_free(buf);
            return r;
        }
        g_mem_free(buf);
    }
    return g_str_from_cstr("");
}

static const GMethodDef time_functions[] = {
    { "gmtime", time_gmtime, 0, NULL }, { "localtime", time_localtime, 0, NULL },
    { "mktime", time_mktime, 0, NULL }, { "asctime", time_asctime, 0, NULL },
    { "ctime", time_ctime, 0, NULL }, { "strftime", time_strftime, 0, NULL },
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
    if (!m)
        return NULL;
    g_module_add_functions(m, time_functions);
    g_structseq_init_type(&struct_time_type);
    g_module_add(m, "struct_time", g_newref((GObject *)&struct_time_type.type));
    return m;
}
