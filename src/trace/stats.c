/* stats.c -- adding events up (stats.h), and the --stats table.
 *
 * Time in a state is counted from the STATE event that entered it to the next one
 * (or to the last event seen, for the state a thread is still in).  Locks live in a
 * small open-addressing table keyed by their identity.  GC pauses are all kept, so
 * p50 and p99 are exact.
 */
#include "trace/stats.h"

#include <stdlib.h>
#include <string.h>


static GThreadStats *thread_at(GStats *s, uint16_t no)
{
    if (no >= s->nthreads) {
        size_t n = s->nthreads ? s->nthreads : 8;
        while (n <= no)
            n *= 2;
        GThreadStats *t = realloc(s->threads, n * sizeof *t);
        if (!t)
            abort();
        memset(t + s->nthreads, 0, (n - s->nthreads) * sizeof *t);
        s->threads = t;
        s->nthreads = n;
    }
    GThreadStats *t = &s->threads[no];
    if (!t->seen) {
        t->seen = true;
        t->no = no;
        t->state = G_STATE_RUNNING;
        t->since = s->last_t;
    }
    return t;
}

/* Lock ids are addresses (16-byte aligned) or consecutive numbers: mix them. */
static size_t lock_hash(uint64_t id, size_t cap) { return (size_t)((id * 0x9E3779B97F4A7C15ull) >> 32) & (cap - 1); }

static GLockStats *lock_at(GStats *s, uint64_t id)
{
    if ((s->nlocks + 1) * 2 > s->locks_cap) {
        size_t cap = s->locks_cap ? s->locks_cap * 2 : 64;
        GLockStats *t = calloc(cap, sizeof *t);
        if (!t)
            abort();
        for (size_t i = 0; i < s->locks_cap; i++) {
            if (!s->locks[i].id)
                continue;
            size_t j = lock_hash(s->locks[i].id, cap);
            while (t[j].id)
                j = (j + 1) & (cap - 1);
            t[j] = s->locks[i];
        }
        free(s->locks);
        s->locks = t;
        s->locks_cap = cap;
    }
    size_t j = lock_hash(id, s->locks_cap);
    while (s->locks[j].id && s->locks[j].id != id)
        j = (j + 1) & (s->locks_cap - 1);
    if (!s->locks[j].id) {
        s->locks[j].id = id;
        s->nlocks++;
    }
    return &s->locks[j];
}

void g_stats_init(GStats *s)
{
    memset(s, 0, sizeof *s);
    s->gil_on = -1;
}

void g_stats_apply(GStats *s, const GEvent *ev)
{
    s->events++;
    if (ev->t > s->last_t)
        s->last_t = ev->t;
    GThreadStats *t = thread_at(s, ev->thread);
    switch ((GEventKind)ev->kind) {
    case G_EV_THREAD_START:
        t->state = G_STATE_RUNNING;
        t->since = ev->t;
        break;
    case G_EV_THREAD_EXIT:
    case G_EV_STATE: {
        int to = ev->kind == G_EV_THREAD_EXIT ? G_STATE_EXITED : (int)ev->a;
        if (ev->t > t->since)
            t->in_state[t->state] += ev->t - t->since;
        t->state = to < G_STATE_COUNT ? to : G_STATE_RUNNING;
        t->since = ev->t;
        break;
    }
    case G_EV_THREAD_NAME: t->name = ev->a; break;
    case G_EV_GIL_TAKE:
        s->gil_takes++;
        s->gil_wait_ns += ev->b;
        break;
    case G_EV_GIL_DROP:
        s->gil_drops++;
        s->gil_forced += ev->a != 0;
        break;
    case G_EV_GIL_DROP_REQUEST: s->gil_requests++; break;
    case G_EV_LOCK_NAME: lock_at(s, ev->b)->name = ev->a; break;
    case G_EV_LOCK_ACQUIRED: {
        GLockStats *l = lock_at(s, ev->b);
        l->acquisitions++;
        l->waits_only |= (ev->a & G_LOCK_WAITS_ONLY) != 0;
        if (ev->c) {
            l->contended++;
            l->wait_ns += ev->c;
            if (ev->c > l->max_wait_ns)
                l->max_wait_ns = ev->c;
        }
        break;
    }
    case G_EV_LOCK_RELEASED: break;
    case G_EV_RC_COUNTS: s->rc_local += ev->b; s->rc_shared += ev->c; break;
    case G_EV_RC_SKIP_COUNTS: s->rc_immortal += ev->b; s->rc_deferred += ev->c; break;
    case G_EV_RC_MERGE_COUNTS: s->rc_queued += ev->b; s->rc_merged += ev->c; break;
    case G_EV_ALLOC_COUNTS: s->allocs += ev->b; s->frees += ev->c; break;
    case G_EV_STW:
        s->stw_count++;
        s->stw_safepoint_total_ns += ev->b;
        if (ev->b > s->stw_safepoint_max_ns)
            s->stw_safepoint_max_ns = ev->b;
        break;
    case G_EV_GC_BEGIN: break;
    case G_EV_GC_SAFEPOINT:
        if (ev->b > s->gc_safepoint_max_ns)
            s->gc_safepoint_max_ns = ev->b;
        break;
    case G_EV_GC_END:
        s->gc_count++;
        s->gc_examined += ev->b;
        s->gc_freed += ev->c;
        if (s->gc_npauses == s->gc_cap) {
            size_t cap = s->gc_cap ? s->gc_cap * 2 : 64;
            uint64_t *p = realloc(s->gc_pauses_us, cap * sizeof *p);
            if (!p)
                abort();
            s->gc_pauses_us = p;
            s->gc_cap = cap;
        }
        s->gc_pauses_us[s->gc_npauses++] = ev->a;
        break;
    case G_EV_MARK: s->marks++; break;
    case G_EV_WHERE: break;
    case G_EV_GIL_MODE:
        s->gil_switches++;
        s->gil_on = ev->a != 0;
        break;
    case G_EV_SWITCH_INTERVAL: s->switch_interval_ns = ev->b; break;
    default: break;
    }
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

uint64_t g_stats_gc_percentile(GStats *s, double p)
{
    if (!s->gc_npauses)
        return 0;
    uint64_t *v = malloc(s->gc_npauses * sizeof *v);
    if (!v)
        return 0;
    memcpy(v, s->gc_pauses_us, s->gc_npauses * sizeof *v);
    qsort(v, s->gc_npauses, sizeof *v, cmp_u64);
    size_t i = (size_t)((p / 100.0) * (double)(s->gc_npauses - 1) + 0.5);
    uint64_t r = v[i];
    free(v);
    return r;
}

static int cmp_lock_wait(const void *a, const void *b)
{
    const GLockStats *x = a, *y = b;
    if (x->wait_ns != y->wait_ns)
        return x->wait_ns < y->wait_ns ? 1 : -1;
    return x->acquisitions < y->acquisitions ? 1 : x->acquisitions > y->acquisitions ? -1 : 0;
}

static double secs(uint64_t ns) { return (double)ns / 1e9; }

void g_stats_free(GStats *s)
{
    free(s->threads);
    free(s->locks);
    free(s->gc_pauses_us);
    memset(s, 0, sizeof *s);
}

void g_stats_print(GStats *s, FILE *f, const char *title, GStringFn str, const void *ctx)
{
    fprintf(f, "\n== gilt stats: %s ==\n", title);
    fprintf(f, "%-24s %9s %9s %9s %9s %9s\n", "thread", "running", "GIL wait", "lock wait", "blocked", "stopped");
    for (size_t i = 0; i < s->nthreads; i++) {
        GThreadStats *t = &s->threads[i];
        if (!t->seen || t->no == 0)   /* 0: the control ring, not a thread */
            continue;
        uint64_t in[G_STATE_COUNT];
        memcpy(in, t->in_state, sizeof in);
        if (s->last_t > t->since)
            in[t->state] += s->last_t - t->since;    /* the state it is still in */
        char name[64];
        if (t->name)
            snprintf(name, sizeof name, "%s", str(t->name, ctx));
        else
            snprintf(name, sizeof name, t->no == 1 ? "MainThread" : "thread %u", (unsigned)t->no);
        fprintf(f, "%-24.24s %8.3fs %8.3fs %8.3fs %8.3fs %8.3fs\n", name, secs(in[G_STATE_RUNNING]),
                secs(in[G_STATE_GIL_WAIT]), secs(in[G_STATE_LOCK_WAIT]), secs(in[G_STATE_BLOCKED]),
                secs(in[G_STATE_STOPPED]));
    }
    fprintf(f, "GIL: %llu takes, %llu drops (%llu forced switches), %llu drop requests, %.3fs total wait\n",
            (unsigned long long)s->gil_takes, (unsigned long long)s->gil_drops, (unsigned long long)s->gil_forced,
            (unsigned long long)s->gil_requests, secs(s->gil_wait_ns));
    if (s->gil_switches)
        fprintf(f, "GIL switched on or off %llu times while running (last: %s)\n",
                (unsigned long long)s->gil_switches, s->gil_on ? "on" : "off");
    /* the ten locks threads waited longest for */
    GLockStats *ls = malloc((s->nlocks ? s->nlocks : 1) * sizeof *ls);
    size_t n = 0;
    for (size_t i = 0; ls && i < s->locks_cap; i++)
        if (s->locks[i].id)
            ls[n++] = s->locks[i];
    if (ls)
        qsort(ls, n, sizeof *ls, cmp_lock_wait);
    fprintf(f, "locks (top %zu of %zu by total wait):\n", n < 10 ? n : (size_t)10, n);
    if (n)
        fprintf(f, "  %-30s %12s %10s %11s %10s\n", "lock", "acquisitions", "contended", "total wait", "max wait");
    for (size_t i = 0; i < n && i < 10; i++) {
        GLockStats *l = &ls[i];
        double pct = l->acquisitions ? 100.0 * (double)l->contended / (double)l->acquisitions : 0.0;
        char name[64];
        if (l->name)
            snprintf(name, sizeof name, "%s", str(l->name, ctx));
        else
            snprintf(name, sizeof name, "lock@%#llx", (unsigned long long)l->id);
        if (l->waits_only)   /* its free acquisitions are not recorded: no share to give */
            fprintf(f, "  %-30.30s %12s %10s %10.3fs %8.3fms   (%llu waits)\n", name, "-", "-", secs(l->wait_ns),
                    (double)l->max_wait_ns / 1e6, (unsigned long long)l->contended);
        else
            fprintf(f, "  %-30.30s %12llu %9.1f%% %10.3fs %8.3fms\n", name, (unsigned long long)l->acquisitions, pct,
                    secs(l->wait_ns), (double)l->max_wait_ns / 1e6);
    }
    free(ls);
    uint64_t counted = s->rc_local + s->rc_shared;
    fprintf(f, "refcounts: %llu local (%.1f%%), %llu shared, %llu immortal skipped, %llu deferred skipped, "
               "%llu queued, %llu merged\n",
            (unsigned long long)s->rc_local, counted ? 100.0 * (double)s->rc_local / (double)counted : 0.0,
            (unsigned long long)s->rc_shared, (unsigned long long)s->rc_immortal, (unsigned long long)s->rc_deferred,
            (unsigned long long)s->rc_queued, (unsigned long long)s->rc_merged);
    fprintf(f, "allocations: %llu objects, %llu freed\n", (unsigned long long)s->allocs,
            (unsigned long long)s->frees);
    if (s->gc_count) {
        uint64_t total = 0, max = 0;
        for (size_t i = 0; i < s->gc_npauses; i++) {
            total += s->gc_pauses_us[i];
            if (s->gc_pauses_us[i] > max)
                max = s->gc_pauses_us[i];
        }
        fprintf(f, "GC: %llu collections, %.3fms total, p50 %.3fms, p99 %.3fms, max %.3fms; "
                   "time to safepoint max %.3fms; %llu examined, %llu freed\n",
                (unsigned long long)s->gc_count, (double)total / 1e3, (double)g_stats_gc_percentile(s, 50) / 1e3,
                (double)g_stats_gc_percentile(s, 99) / 1e3, (double)max / 1e3, (double)s->gc_safepoint_max_ns / 1e6,
                (unsigned long long)s->gc_examined, (unsigned long long)s->gc_freed);
    } else {
        fprintf(f, "GC: no collections\n");
    }
    fprintf(f, "stop-the-world: %llu stops, time to safepoint max %.3fms\n", (unsigned long long)s->stw_count,
            (double)s->stw_safepoint_max_ns / 1e6);
    fprintf(f, "events: %llu recorded, %llu dropped, %llu marks\n", (unsigned long long)s->events,
            (unsigned long long)s->dropped, (unsigned long long)s->marks);
}
