/* perfetto.c -- a trace file as Chrome Trace Event JSON, which ui.perfetto.dev (and
 * chrome://tracing) open.
 *
 *   what                          JSON                          where
 *   thread names                  "M" thread_name, one each     one track per thread
 *   thread states                 "B"/"E" slices                 the thread's track
 *   waits for a lock              "b"/"e" async, id = the lock   a track per lock
 *   refcounts, allocations        "C" counters (running totals)  process counters
 *   GC pauses, stops of the world "X" slices                     track "gc" (tid 0)
 *   forced GIL switches, marks    "i" instants                   thread / global
 *
 * Times are microseconds since the program started.  Every string goes through
 * put_str, which escapes what JSON requires, so the output is well-formed whatever
 * names the program used.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "trace/tracefile.h"

static const char *const state_names[G_STATE_COUNT] = {
    "running", "waiting for the GIL", "waiting for a lock", "blocked", "stopped (world stopped)", "exited",
};

static void put_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

static double us(uint64_t ns) { return (double)ns / 1000.0; }

typedef struct { uint64_t id; uint32_t name; size_t order; } LockName;

static int cmp_names(const void *a, const void *b)
{
    const LockName *x = a, *y = b;
    if (x->id != y->id)
        return x->id < y->id ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* lock id -> name string number, from the LOCK_NAME events (a name may come after
 * the first wait, so they are gathered first and sorted; the latest name wins) */
static uint32_t lock_name(const LockName *names, size_t n, uint64_t id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {   /* the first entry with an id > id */
        size_t mid = (lo + hi) / 2;
        if (names[mid].id <= id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && names[lo - 1].id == id ? names[lo - 1].name : 0;
}

/* One end of an async slice for a wait on `lock` (ph "b" begins it, "e" ends it). */
static void put_lock_wait(FILE *f, char ph, unsigned tid, uint64_t lock, uint64_t t, const LockName *names,
                          size_t nnames, const GTraceData *d)
{
    fprintf(f, "{\"ph\": \"%c\", \"cat\": \"lock\", \"pid\": 1, \"tid\": %u, \"id\": \"0x%" PRIx64
               "\", \"ts\": %.3f, \"name\": ", ph, tid, lock, us(t));
    uint32_t nm = lock_name(names, nnames, lock);
    put_str(f, nm ? g_tracedata_string(d, nm) : "lock");
    fputc('}', f);
}

typedef struct {
    uint32_t name;          /* its last THREAD_NAME's string, 0 if none */
    bool seen, open;        /* an open state slice */
    uint64_t lock;          /* an open async lock wait, 0 if none */
    int state;
} ThreadTrack;

int g_trace_write_perfetto(const GTraceData *d, FILE *f)
{
    LockName *names = NULL;
    size_t nnames = 0, cap = 0;
    uint16_t maxthread = 0;
    for (size_t i = 0; i < d->nevents; i++) {
        const GEvent *e = &d->events[i];
        if (e->thread > maxthread)
            maxthread = e->thread;
        if (e->kind == G_EV_LOCK_NAME) {
            if (nnames == cap) {
                cap = cap ? cap * 2 : 64;
                LockName *p = realloc(names, cap * sizeof *p);
                if (!p) {
                    free(names);
                    return -1;
                }
                names = p;
            }
            names[nnames] = (LockName){ e->b, e->a, nnames };
            nnames++;
        }
    }
    if (nnames)
        qsort(names, nnames, sizeof *names, cmp_names);
    ThreadTrack *tr = calloc((size_t)maxthread + 1, sizeof *tr);
    if (!tr) {
        free(names);
        return -1;
    }
    /* One thread_name per track: a thread may be named several times (at its start,
     * again when joined, renamed by the program), and the last name is its name. */
    for (size_t i = 0; i < d->nevents; i++)
        if (d->events[i].kind == G_EV_THREAD_NAME)
            tr[d->events[i].thread].name = (uint32_t)d->events[i].a;
    bool first = true;
#define SEP() do { fputs(first ? "\n" : ",\n", f); first = false; } while (0)
    fputs("{\"displayTimeUnit\": \"ms\", \"traceEvents\": [", f);
    SEP();
    fputs("{\"ph\": \"M\", \"pid\": 1, \"name\": \"process_name\", \"args\": {\"name\": \"gilt\"}}", f);
    SEP();
    fputs("{\"ph\": \"M\", \"pid\": 1, \"tid\": 0, \"name\": \"thread_name\", \"args\": {\"name\": \"gc\"}}", f);
    uint64_t rc_local = 0, rc_shared = 0, rc_imm = 0, rc_def = 0, allocs = 0, frees = 0, last = 0;
    for (size_t i = 0; i < d->nevents; i++) {
        const GEvent *e = &d->events[i];
        ThreadTrack *t = &tr[e->thread];
        if (e->t > last)
            last = e->t;
        if (!t->seen) {
            t->seen = true;
            SEP();
            fprintf(f, "{\"ph\": \"M\", \"pid\": 1, \"tid\": %u, \"name\": \"thread_name\", \"args\": {\"name\": ",
                    e->thread);
            char dflt[32];
            snprintf(dflt, sizeof dflt, e->thread == 1 ? "MainThread" : "thread %u", e->thread);
            put_str(f, t->name ? g_tracedata_string(d, t->name) : dflt);
            fputs("}}", f);
        }
        switch ((GEventKind)e->kind) {
        case G_EV_THREAD_START:
        case G_EV_STATE:
        case G_EV_THREAD_EXIT: {
            int st = e->kind == G_EV_STATE ? (int)e->a : e->kind == G_EV_THREAD_START ? G_STATE_RUNNING : G_STATE_EXITED;
            if (st < 0 || st >= G_STATE_COUNT)
                break;
            if (t->open) {
                SEP();
                fprintf(f, "{\"ph\": \"E\", \"pid\": 1, \"tid\": %u, \"ts\": %.3f}", e->thread, us(e->t));
                t->open = false;
            }
            if (t->lock) {
                SEP();
                put_lock_wait(f, 'e', e->thread, t->lock, e->t, names, nnames, d);
                t->lock = 0;
            }
            if (st == G_STATE_EXITED)
                break;
            SEP();
            fprintf(f, "{\"ph\": \"B\", \"pid\": 1, \"tid\": %u, \"ts\": %.3f, \"name\": \"%s\"}", e->thread, us(e->t),
                    state_names[st]);
            t->open = true;
            t->state = st;
            if (e->kind == G_EV_STATE && e->b && (st == G_STATE_LOCK_WAIT || st == G_STATE_BLOCKED)) {
                t->lock = e->b;
                SEP();
                put_lock_wait(f, 'b', e->thread, t->lock, e->t, names, nnames, d);
            }
            break;
        }
        case G_EV_GIL_DROP:
            if (e->a) {
                SEP();
                fprintf(f, "{\"ph\": \"i\", \"s\": \"t\", \"pid\": 1, \"tid\": %u, \"ts\": %.3f, "
                           "\"name\": \"GIL forced switch\"}", e->thread, us(e->t));
            }
            break;
        case G_EV_RC_COUNTS:
        case G_EV_RC_SKIP_COUNTS:
        case G_EV_ALLOC_COUNTS:
            if (e->kind == G_EV_RC_COUNTS) {
                rc_local += e->b;
                rc_shared += e->c;
                SEP();
                fprintf(f, "{\"ph\": \"C\", \"pid\": 1, \"ts\": %.3f, \"name\": \"refcounts\", \"args\": "
                           "{\"local\": %" PRIu64 ", \"shared\": %" PRIu64 "}}", us(e->t), rc_local, rc_shared);
            } else if (e->kind == G_EV_RC_SKIP_COUNTS) {
                rc_imm += e->b;
                rc_def += e->c;
                SEP();
                fprintf(f, "{\"ph\": \"C\", \"pid\": 1, \"ts\": %.3f, \"name\": \"refcount skips\", \"args\": "
                           "{\"immortal\": %" PRIu64 ", \"deferred\": %" PRIu64 "}}", us(e->t), rc_imm, rc_def);
            } else {
                allocs += e->b;
                frees += e->c;
                SEP();
                fprintf(f, "{\"ph\": \"C\", \"pid\": 1, \"ts\": %.3f, \"name\": \"objects\", \"args\": "
                           "{\"allocated\": %" PRIu64 ", \"freed\": %" PRIu64 "}}", us(e->t), allocs, frees);
            }
            break;
        case G_EV_STW:
            SEP();
            fprintf(f, "{\"ph\": \"X\", \"pid\": 1, \"tid\": 0, \"ts\": %.3f, \"dur\": %.3f, "
                       "\"name\": \"stop-the-world\", \"args\": {\"to safepoint us\": %.3f}}",
                    us(e->t > e->c ? e->t - e->c : 0), us(e->c), us(e->b));
            break;
        case G_EV_GC_SAFEPOINT:
            SEP();
            fprintf(f, "{\"ph\": \"i\", \"s\": \"t\", \"pid\": 1, \"tid\": 0, \"ts\": %.3f, \"name\": \"safepoint\", "
                       "\"args\": {\"us\": %.3f}}", us(e->t), us(e->b));
            break;
        case G_EV_GC_END: {
            uint64_t pause_ns = (uint64_t)e->a * 1000;
            SEP();
            fprintf(f, "{\"ph\": \"X\", \"pid\": 1, \"tid\": 0, \"ts\": %.3f, \"dur\": %.3f, \"name\": \"GC pause\", "
                       "\"args\": {\"examined\": %" PRIu64 ", \"freed\": %" PRIu64 "}}",
                    us(e->t > pause_ns ? e->t - pause_ns : 0), us(pause_ns), e->b, e->c);
            break;
        }
        case G_EV_MARK:
            SEP();
            fprintf(f, "{\"ph\": \"i\", \"s\": \"g\", \"pid\": 1, \"tid\": %u, \"ts\": %.3f, \"name\": ", e->thread,
                    us(e->t));
            put_str(f, g_tracedata_string(d, e->a));
            fputc('}', f);
            break;
        default:
            break;
        }
    }
    /* close what is still open at the end of the recording */
    for (uint16_t i = 0; i <= maxthread; i++) {
        if (tr[i].open) {
            SEP();
            fprintf(f, "{\"ph\": \"E\", \"pid\": 1, \"tid\": %u, \"ts\": %.3f}", i, us(last));
        }
        if (tr[i].lock) {
            SEP();
            put_lock_wait(f, 'e', i, tr[i].lock, last, names, nnames, d);
        }
    }
    fputs("\n]}\n", f);
#undef SEP
    free(tr);
    free(names);
    return ferror(f) ? -1 : 0;
}
