/* model.c -- folding events into the dashboard's model (model.h draws it). */
#include "tui/model.h"

#include <stdlib.h>
#include <string.h>

#include "debug.h"

bool g_dash_model_init(GDashModel *m, uint32_t nslots, bool gil_on, uint64_t switch_interval_ns)
{
    memset(m, 0, sizeof *m);
    g_stats_init(&m->stats);
    m->nslots = nslots ? nslots : 1;
    m->rates = calloc(G_DASH_RATE_SLOTS, sizeof *m->rates);
    m->rate_hi = -1;
    m->gil_on = gil_on;
    m->switch_interval_ns = switch_interval_ns;
    return m->rates != NULL;
}

void g_dash_model_free(GDashModel *m)
{
    for (size_t i = 0; i < m->nthreads; i++)
        free(m->threads[i].slots);
    free(m->threads);
    free(m->rates);
    g_stats_free(&m->stats);
    memset(m, 0, sizeof *m);
}

static GDashThread *thread_at(GDashModel *m, uint16_t no, uint64_t t)
{
    if (no >= m->nthreads) {
        size_t n = m->nthreads ? m->nthreads : 8;
        while (n <= no)
            n *= 2;
        GDashThread *p = realloc(m->threads, n * sizeof *p);
        if (!p)
            return NULL;
        memset(p + m->nthreads, 0, (n - m->nthreads) * sizeof *p);
        m->threads = p;
        m->nthreads = n;
    }
    GDashThread *th = &m->threads[no];
    if (!th->seen) {
        th->slots = calloc(m->nslots, sizeof *th->slots);
        if (!th->slots)
            return NULL;   /* out of memory: this thread is not drawn */
        th->seen = true;
        th->no = no;
        th->state = G_STATE_RUNNING;
        th->upto = th->start_t = t;
        th->filled_ms = -1;
    }
    return th;
}

/* ---- the timeline ---- */

/* Add [from, to) in `state` to the thread's slots. */
static void fill(GDashModel *m, GDashThread *th, uint64_t from, uint64_t to, int state)
{
    if (state < 0 || state >= G_DASH_STATES || to <= from)
        return;
    uint64_t n = m->nslots;
    int64_t to_ms = (int64_t)((to - 1) / G_DASH_SLOT_NS);
    /* only the last n slots can be kept */
    if (to_ms - (int64_t)(from / G_DASH_SLOT_NS) >= (int64_t)n)
        from = (uint64_t)(to_ms - (int64_t)n + 1) * G_DASH_SLOT_NS;
    while (from < to) {
        int64_t ms = (int64_t)(from / G_DASH_SLOT_NS);
        uint64_t end = (uint64_t)(ms + 1) * G_DASH_SLOT_NS;
        if (end > to)
            end = to;
        if (ms > th->filled_ms) {
            /* entering new slots: clear the ones skipped and this one (they hold
             * what was there nslots ms ago) */
            int64_t first = th->filled_ms + 1;
            if (ms - first >= (int64_t)n)
                first = ms - (int64_t)n + 1;
            for (int64_t k = first; k <= ms; k++)
                memset(th->slots[k % (int64_t)n], 0, sizeof th->slots[0]);
            th->filled_ms = ms;
        }
        if (ms > th->filled_ms - (int64_t)n) {   /* not older than the history */
            uint16_t *s = &th->slots[ms % (int64_t)n][state];
            uint32_t v = *s + (uint32_t)((end - from) / 1000);
            *s = (uint16_t)(v > 1000 ? 1000 : v);
        }
        from = end;
    }
}

/* The slot a thread's time goes to now: its state, or collecting; -1 for none
 * (exited: G_STATE_EXITED is not a slot, though it has G_DASH_COLLECTING's number). */
static int slot_of(const GDashThread *th)
{
    if (th->state < 0 || th->state >= G_STATE_EXITED)
        return -1;
    _Static_assert(G_DASH_COLLECTING == G_STATE_EXITED && G_DASH_STATES == G_DASH_COLLECTING + 1,
                   "the slots: the run states below EXITED, then collecting in EXITED's number");
    return th->collecting && th->state == G_STATE_RUNNING ? G_DASH_COLLECTING : th->state;
}

/* Fill up to t with what the thread did until now, before it changes. */
static void close_span(GDashModel *m, GDashThread *th, uint64_t t)
{
    if (t > th->upto) {
        fill(m, th, th->upto, t, slot_of(th));
        th->upto = t;
    }
}

static void enter_state(GDashModel *m, GDashThread *th, uint64_t t, int state)
{
    close_span(m, th, t);
    th->state = state;
}

bool g_dash_model_cell(const GDashModel *m, const GDashThread *th, uint64_t t0, uint64_t t1, uint64_t now,
                       uint32_t us[G_DASH_STATES])
{
    memset(us, 0, G_DASH_STATES * sizeof us[0]);
    if (!th->seen || t1 <= th->start_t || (th->exited && th->exit_t <= t0))
        return false;
    int64_t n = (int64_t)m->nslots;
    int64_t ms0 = (int64_t)(t0 / G_DASH_SLOT_NS), ms1 = (int64_t)((t1 + G_DASH_SLOT_NS - 1) / G_DASH_SLOT_NS);
    for (int64_t ms = ms0; ms < ms1; ms++) {
        if (ms > th->filled_ms || ms <= th->filled_ms - n)
            continue;
        for (int s = 0; s < G_DASH_STATES; s++)
            us[s] += th->slots[ms % n][s];
    }
    /* the state it is still in, from its last transition to now */
    if (!th->exited && slot_of(th) >= 0) {
        uint64_t a = th->upto > t0 ? th->upto : t0, b = now < t1 ? now : t1;
        if (b > a)
            us[slot_of(th)] += (uint32_t)((b - a) / 1000);
    }
    return true;
}

int g_dash_model_live_threads(const GDashModel *m)
{
    int n = 0;
    for (size_t i = 1; i < m->nthreads; i++)
        n += m->threads[i].seen && !m->threads[i].exited;
    return n;
}

/* ---- rates ---- */

static void add_rate(GDashModel *m, uint64_t t, int which, uint64_t v)
{
    int64_t s = (int64_t)(t / G_DASH_RATE_NS);
    if (s > m->rate_hi) {
        int64_t first = m->rate_hi + 1;
        if (s - first >= G_DASH_RATE_SLOTS)
            first = s - G_DASH_RATE_SLOTS + 1;
        for (int64_t k = first; k <= s; k++)
            memset(m->rates[k % G_DASH_RATE_SLOTS], 0, sizeof m->rates[0]);
        m->rate_hi = s;
    }
    if (s <= m->rate_hi - G_DASH_RATE_SLOTS)
        return;   /* older than the history kept */
    m->rates[s % G_DASH_RATE_SLOTS][which] += v;
}

uint64_t g_dash_model_rate(const GDashModel *m, int which, int64_t s0, int64_t s1)
{
    uint64_t sum = 0;
    for (int64_t s = s0 < 0 ? 0 : s0; s < s1; s++)
        if (s <= m->rate_hi && s > m->rate_hi - G_DASH_RATE_SLOTS)
            sum += m->rates[s % G_DASH_RATE_SLOTS][which];
    return sum;
}

/* ---- events ---- */

static void apply_one(GDashModel *m, const GEvent *ev)
{
    g_stats_apply(&m->stats, ev);
    if (ev->t > m->last_t)
        m->last_t = ev->t;
    add_rate(m, ev->t, G_RATE_EVENTS, 1);
    switch ((GEventKind)ev->kind) {
    case G_EV_RC_COUNTS:
        add_rate(m, ev->t, G_RATE_RC_LOCAL, ev->b);
        add_rate(m, ev->t, G_RATE_RC_SHARED, ev->c);
        return;
    case G_EV_RC_SKIP_COUNTS:
        add_rate(m, ev->t, G_RATE_RC_IMMORTAL, ev->b);
        add_rate(m, ev->t, G_RATE_RC_DEFERRED, ev->c);
        return;
    case G_EV_RC_MERGE_COUNTS: add_rate(m, ev->t, G_RATE_RC_MERGED, ev->c); return;
    case G_EV_ALLOC_COUNTS: add_rate(m, ev->t, G_RATE_ALLOCS, ev->b); return;
    case G_EV_GIL_MODE:
        m->gil_on = ev->a != 0;
        m->gil_switch_t = ev->t;
        return;
    case G_EV_SWITCH_INTERVAL: m->switch_interval_ns = ev->b; return;
    case G_EV_MARK:
        m->last_mark = ev->a;
        m->last_mark_t = ev->t;
        return;
    default: break;
    }
    if (ev->thread == 0)
        return;   /* the control ring: no thread to draw */
    GDashThread *th = thread_at(m, ev->thread, ev->t);
    if (!th)
        return;
    switch ((GEventKind)ev->kind) {
    case G_EV_THREAD_START: th->start_t = th->upto = ev->t; th->state = G_STATE_RUNNING; break;
    case G_EV_THREAD_NAME: th->name = ev->a; break;
    case G_EV_STATE: enter_state(m, th, ev->t, ev->a < G_STATE_COUNT ? (int)ev->a : G_STATE_RUNNING); break;
    case G_EV_THREAD_EXIT:
        enter_state(m, th, ev->t, G_STATE_EXITED);
        th->exited = true;
        th->exit_t = ev->t;
        break;
    case G_EV_GC_BEGIN: case G_EV_GC_END:
        close_span(m, th, ev->t);
        th->collecting = ev->kind == G_EV_GC_BEGIN;
        break;
    case G_EV_WHERE:
        th->line = ev->a;
        th->file = (uint32_t)ev->b;
        break;
    default: break;
    }
}

void g_dash_model_apply(GDashModel *m, const GEvent *ev, size_t n)
{
    for (size_t i = 0; i < n; i++)
        apply_one(m, &ev[i]);
}
