/* gilt.c -- the gilt module: controls that lessons call from Python.
 *
 *   gilt.set_gil(on)      turn the GIL on or off while the program runs
 *   gilt.gil_enabled()    is it on now?  (the same as sys._is_gil_enabled())
 *   gilt.mark(text)       put a mark on the trace (the dashboard and Perfetto show it)
 *   gilt.stats()          the recorder's counters so far, as a dict
 *   gilt.is_immortal(obj) is obj immortal (never counted, never freed)?
 *   gilt.refcounts(obj)   (owner thread, local count, shared count, state) -- biased
 *                         refcounting laid bare; state is "immortal", "deferred",
 *                         "owned", "queued" or "merged"
 *   gilt._peak_rss_kb()   the process's peak resident memory (for the GC's tests)
 *   gilt._live_objects()  objects allocated and not yet freed, over all threads (for
 *                         the stress tests' leak checks; exact once other threads
 *                         have been joined)
 *   gilt._word_pages()    (pages, orphans): the word pages floats and small ints
 *                         live in, and how many of them wait for adoption
 *                         (runtime/alloc.c; both 0 in AddressSanitizer builds)
 *
 * set_gil stops the world (runtime/stw.c), flips the switch and restarts it, so a
 * lesson can show the same threads running first with and then without the GIL.
 */
#include "modules/modules.h"
#include "runtime/gil.h"
#include "runtime/qsbr.h"
#include "runtime/refcount.h"
#include "trace/trace.h"
#include "runtime/runtime.h"
#include "runtime/threadstate.h"
#include "vm/specialize.h"

#define ARGS GObject *self, GObject *const *args, size_t nargs, GObject *kw

static GObject *gilt_set_gil(ARGS)
{
    (void)self;
    if (g_no_kwargs("set_gil", kw) < 0 || g_check_nargs("set_gil", nargs, 1, 1) < 0)
        return NULL;
    int on = g_truthy(args[0]);
    if (on < 0)
        return NULL;
    g_gil_set(on);
    return G_NONE;
}

static GObject *gilt_gil_enabled(ARGS)
{
    (void)self; (void)args; (void)nargs; (void)kw;
    return g_bool(atomic_load(&g_runtime.gil_enabled));
}

static GObject *gilt_live_objects(ARGS)
{
    (void)self; (void)args; (void)nargs; (void)kw;
    GThreadState *ts = g_tstate();
    g_qsbr_flush(ts);   /* a call boundary holds no unlocked pointer: drop what waits */
    g_threads_lock();
    uint64_t allocs = g_runtime.exited_allocs, frees = g_runtime.exited_frees;
    for (GThreadState *t = g_runtime.threads; t; t = t->next) {
        allocs += atomic_load_explicit(&t->allocs, memory_order_relaxed);
        frees += atomic_load_explicit(&t->frees, memory_order_relaxed);
    }
    g_threads_unlock();
    return g_int_from_i64((int64_t)(allocs - frees));
}

static GObject *gilt_word_pages(ARGS)
{
    (void)self; (void)args; (void)nargs; (void)kw;
    size_t pages, orphans;
    g_word_pages_count(&pages, &orphans);
    GObject *a = g_int_from_i64((int64_t)pages), *b = a ? g_int_from_i64((int64_t)orphans) : NULL;
    GObject *t = b ? g_tuple_pack(2, a, b) : NULL;
    g_xdecref(a);
    g_xdecref(b);
    return t;
}

static GObject *gilt_mark(ARGS)
{
    (void)self;
    if (g_no_kwargs("mark", kw) < 0 || g_check_nargs("mark", nargs, 1, 1) < 0)
        return NULL;
    if (!g_is_str(args[0]))
        return g_raise(&GExc_TypeError, "mark() argument must be str, not %T", args[0]);
    g_trace_emit(g_tstate(), G_EV_MARK, g_trace_string(g_str_data(args[0])), 0, 0);
    return G_NONE;
}

static int put_u64(GObject *d, const char *key, uint64_t v)
{
    GObject *n = g_int_from_u64(v);
    int r = n ? g_dict_set_str(d, key, n) : -1;
    g_xdecref(n);
    return r;
}

static GObject *gilt_stats(ARGS)
{
    (void)self; (void)args; (void)kw;
    if (g_check_nargs("stats", nargs, 0, 0) < 0)
        return NULL;
    g_trace_flush_counts(g_tstate());
    g_trace_drain();
    /* copy the figures under the drain's lock (taken detaching: the drain may wait
     * for a stop of the world), and make objects only after it is released -- making
     * an object may free one, and nothing is freed holding a runtime lock */
    g_stats_lock();
    GStats copy = *g_stats_live();
    g_stats_unlock();
    GStats *s = &copy;
    GObject *d = g_dict_new();
    if (!d)
        return NULL;
    struct { const char *k; uint64_t v; } items[] = {
        { "events", s->events }, { "dropped", s->dropped }, { "marks", s->marks },
        { "gil_takes", s->gil_takes }, { "gil_drops", s->gil_drops }, { "gil_forced_switches", s->gil_forced },
        { "gil_drop_requests", s->gil_requests }, { "gil_wait_ns", s->gil_wait_ns },
        { "rc_local", s->rc_local }, { "rc_shared", s->rc_shared }, { "rc_immortal_skipped", s->rc_immortal },
        { "rc_deferred_skipped", s->rc_deferred }, { "rc_queued", s->rc_queued }, { "rc_merged", s->rc_merged },
        { "allocs", s->allocs }, { "frees", s->frees }, { "stw_count", s->stw_count },
        { "gc_count", s->gc_count }, { "locks", s->nlocks }, { "gil_switches", s->gil_switches },
    };
    int r = 0;
    for (size_t i = 0; r == 0 && i < sizeof items / sizeof items[0]; i++)
        r = put_u64(d, items[i].k, items[i].v);
    if (r < 0)
        G_CLEAR(d);
    return d;
}

static GObject *gilt_is_immortal(ARGS)
{
    (void)self;
    if (g_no_kwargs("is_immortal", kw) < 0 || g_check_nargs("is_immortal", nargs, 1, 1) < 0)
        return NULL;
    return g_bool(g_is_immortal(args[0]));
}

static GObject *gilt_refcounts(ARGS)
{
    (void)self;
    if (g_no_kwargs("refcounts", kw) < 0 || g_check_nargs("refcounts", nargs, 1, 1) < 0)
        return NULL;
    GObject *o = args[0];
    uint32_t local = g_ref_local(o);
    intptr_t shared = atomic_load(&o->ob_ref_shared);
    uintptr_t tid = g_ob_tid(o);
    const char *state = local == G_REFCNT_IMMORTAL ? "immortal"
                      : local == G_REFCNT_DEFERRED ? "deferred"
                      : (shared & G_SHARED_STATE_MASK) == G_SHARED_QUEUED ? "queued"
                      : (shared & G_SHARED_STATE_MASK) == G_SHARED_MERGED || !tid ? "merged"
                      : "owned";
    /* the owner as threading.get_ident() names threads; the argument itself holds
     * one local (or shared) reference, as sys.getrefcount counts its own */
    GObject *t = g_int_from_u64((uint64_t)tid);
    GObject *l = g_int_from_i64(local >= G_REFCNT_MARKERS ? -1 : (int64_t)local);
    GObject *sh = g_int_from_i64((int64_t)(shared >> G_SHARED_SHIFT));
    GObject *st = g_str_from_cstr(state);
    GObject *r = t && l && sh && st ? g_tuple_pack(4, t, l, sh, st) : NULL;
    g_xdecref(t);
    g_xdecref(l);
    g_xdecref(sh);
    g_xdecref(st);
    return r;
}

static GObject *gilt_peak_rss_kb(ARGS)
{
    (void)self; (void)args; (void)nargs; (void)kw;
    return g_int_from_i64((int64_t)g_mem_peak_rss_kb());
}

/* gilt.critical(): `with gilt.critical():` marks a critical section for an
 * exercise's goal (vm/exercise.h): the runtime counts the threads inside it, and the
 * goal "critical" is reached when two are inside at once.  Entering and leaving are
 * one step each, like lock.acquire(). */
static GType GCritical_type;
static GObject critical_marker = G_STATIC_HEADER(&GCritical_type);

static GObject *critical_enter(ARGS)
{
    (void)args; (void)nargs; (void)kw;
    int now = atomic_fetch_add(&g_runtime.critical_inside, 1) + 1;
    int most = atomic_load(&g_runtime.critical_most);
    while (now > most && !atomic_compare_exchange_weak(&g_runtime.critical_most, &most, now))
        ;
    return g_newref(self);
}

static GObject *critical_exit(ARGS)
{
    (void)self; (void)args; (void)nargs; (void)kw;
    atomic_fetch_sub(&g_runtime.critical_inside, 1);
    return G_NONE;
}

static const GMethodDef critical_methods[] = {
    { "__enter__", critical_enter, 0, NULL }, { "__exit__", critical_exit, 0, NULL },
    { NULL, NULL, 0, NULL },
};

static GType GCritical_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "gilt.critical",
    .basicsize = sizeof(GObject),
    .base = &GObject_type,
    .methods = critical_methods,
};

static GObject *gilt_critical(ARGS)
{
    (void)self; (void)args; (void)kw;
    if (g_check_nargs("critical", nargs, 0, 0) < 0)
        return NULL;
    return &critical_marker;
}

/* gilt.specialized(f): which of f's instructions the specializing eval loop has
 * rewritten, and into what (vm/specialize.c): [(line, 'LOAD_ATTR',
 * 'LOAD_ATTR_INSTANCE'), ...].  f is a function, a method or a code object. */
static GObject *gilt_specialized(ARGS)
{
    (void)self; (void)kw;
    if (g_check_nargs("specialized", nargs, 1, 1) < 0)
        return NULL;
    GObject *o = args[0];
    if (G_TYPE(o) == &GBoundMethod_type)
        o = ((GBoundMethod *)o)->func;
    if (G_TYPE(o) == &GFunction_type)
        o = (GObject *)((GFunction *)o)->code;
    if (G_TYPE(o) != &GCode_type)
        return g_raise(&GExc_TypeError, "gilt.specialized() needs a function or a code object, not %T", args[0]);
    return g_specialized_instructions((GCode *)o);
}

static const GMethodDef gilt_functions[] = {
    { "specialized", gilt_specialized, 0, NULL },
    { "critical", gilt_critical, 0, NULL },
    { "_peak_rss_kb", gilt_peak_rss_kb, 0, NULL },
    { "mark", gilt_mark, 0, NULL }, { "stats", gilt_stats, 0, NULL },
    { "is_immortal", gilt_is_immortal, 0, NULL }, { "refcounts", gilt_refcounts, 0, NULL },
    { "_live_objects", gilt_live_objects, 0, NULL }, { "_word_pages", gilt_word_pages, 0, NULL },
    { "set_gil", gilt_set_gil, 0, NULL }, { "gil_enabled", gilt_gil_enabled, 0, NULL },
    { NULL, NULL, 0, NULL },
};

GObject *g_gilt_init(void)
{
    GObject *m = g_module_new("gilt");
    if (!m)
        return NULL;
    g_type_ready(&GCritical_type);
    g_module_add_functions(m, gilt_functions);
    return m;
}
