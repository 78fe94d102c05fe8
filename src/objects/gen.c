/* gen.c -- generators: functions that pause at `yield`.
 *
 * Calling a generator function makes a GGen that owns the function's frame
 * (vm/call.c).  next() and send() resume the frame in the eval loop, which runs until
 * the next YIELD_VALUE (the value comes back here) or the end of the body (the
 * generator is finished: StopIteration carries the return value).  throw() and
 * close() resume it with an exception raised at the yield.
 *
 *   created --next/send(None)--> running --yield--> suspended --next/send--> running
 *      |                            |                                          |
 *      +--------close()------------>+-------return / exception / close()----> finished
 */
#include "objects/objects.h"
#include "vm/vm.h"

GObject *g_gen_new(GFrame *frame)
{
    GGen *g = (GGen *)g_object_alloc(&GGen_type, sizeof(GGen));
    if (!g) {
        g_frame_free(frame);
        return g_no_memory();
    }
    g->frame = frame;
    frame->gen = (GObject *)g;
    g->name = g_newref(frame->code->name);
    g->qualname = g_newref(frame->func ? ((GFunction *)frame->func)->qualname : frame->code->name);
    atomic_init(&g->running, false);
    return (GObject *)g;
}

/* Resume with `value` (or raise `thrown` at the yield).  Returns the yielded value;
 * NULL with no exception when the generator returned (its return value is stored
 * in *retval if given), NULL with an exception on error. */
static GObject *gen_resume(GGen *g, GObject *value, GObject *thrown, GObject **retval)
{
    /* claim the generator: with the GIL off two threads may call next() on it at
     * the same moment, and only one may run its frame */
    if (atomic_exchange_explicit(&g->running, true, memory_order_acq_rel))
        return g_raise(&GExc_ValueError, "generator already executing");
    if (!g->frame) {
        atomic_store_explicit(&g->running, false, memory_order_release);
        if (thrown) {
            g_incref(thrown);
            return g_raise_obj(thrown);
        }
        return NULL;
    }
    if (g->frame->ip == 0 && value && value != G_NONE && !thrown) {
        atomic_store_explicit(&g->running, false, memory_order_release);
        return g_raise(&GExc_TypeError, "can't send non-None value to a just-started generator");
    }
    GFrame *f = g->frame;
    GObject *r = g_eval_frame(f, f->ip == 0 ? NULL : value, thrown);
    if (r && f->ip >= 0) {
        atomic_store_explicit(&g->running, false, memory_order_release);
        return r;          /* yielded */
    }
    /* finished: returned (r is the return value) or raised */
    g->frame = NULL;
    atomic_store_explicit(&g->running, false, memory_order_release);
    g_frame_free(f);
    if (r) {
        if (retval)
            *retval = r;
        else
            g_decref(r);
        return NULL;
    }
    if (g_err_matches(&GExc_StopIteration)) {
        GObject *exc = g_err_fetch();
        g_raise(&GExc_RuntimeError, "generator raised StopIteration");
        GException *e = (GException *)g_tstate()->cur_exc;
        e->cause = exc;
        e->context = g_newref(exc);
        e->suppress_context = true;
    }
    return NULL;
}

GObject *g_gen_send(GObject *gen, GObject *value) { return gen_resume((GGen *)gen, value, NULL, NULL); }

static GObject *stop_iteration_with(GObject *retval);

/* next(gen): a finished generator's return value travels in StopIteration. */
static GObject *gen_iternext(GObject *o)
{
    GObject *retval = NULL;
    GObject *r = gen_resume((GGen *)o, G_NONE, NULL, &retval);
    if (r || g_err_occurred())
        return r;
    if (retval && retval != G_NONE)
        return stop_iteration_with(retval);
    g_xdecref(retval);
    return NULL;
}

static GObject *stop_iteration_with(GObject *retval)
{
    if (!retval || retval == G_NONE) {
        g_xdecref(retval);
        return g_raise(&GExc_StopIteration, "");
    }
    GObject *args = g_tuple_pack(1, retval);
    g_decref(retval);
    if (!args)
        return NULL;
    GObject *exc = g_exc_new(&GExc_StopIteration, args);
    g_decref(args);
    return exc ? g_raise_obj(exc) : NULL;
}

static GObject *send_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    if (g_no_kwargs("send", kw) < 0 || g_check_nargs("send", nargs, 1, 1) < 0)
        return NULL;
    GObject *retval = NULL;
    GObject *r = gen_resume((GGen *)self, args[0], NULL, &retval);
    if (r || g_err_occurred())
        return r;
    return stop_iteration_with(retval);
}

static GObject *throw_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    if (g_no_kwargs("throw", kw) < 0 || g_check_nargs("throw", nargs, 1, 3) < 0)
        return NULL;
    GObject *exc;
    if (g_is_exc_type(args[0])) {
        exc = nargs >= 2 && args[1] != G_NONE ? (g_is_exception(args[1]) ? g_newref(args[1]) : g_call1(args[0], args[1]))
                                               : g_call0(args[0]);
    } else if (g_is_exception(args[0])) {
        exc = g_newref(args[0]);
    } else {
        return g_raise(&GExc_TypeError, "exceptions must be classes or instances deriving from BaseException, not %T", args[0]);
    }
    if (!exc)
        return NULL;
    GObject *retval = NULL;
    GObject *r = gen_resume((GGen *)self, G_NONE, exc, &retval);
    g_decref(exc);
    if (r || g_err_occurred())
        return r;
    return stop_iteration_with(retval);
}

static GObject *close_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)args; (void)nargs; (void)kw;
    GGen *g = (GGen *)self;
    if (!g->frame)
        return G_NONE;
    if (g->frame->ip == 0) {
        GFrame *f = g->frame;
        g->frame = NULL;
        g_frame_free(f);
        return G_NONE;
    }
    GObject *exc = g_exc_new(&GExc_GeneratorExit, NULL);
    if (!exc)
        return NULL;
    GObject *r = gen_resume(g, G_NONE, exc, NULL);
    g_decref(exc);
    if (r) {
        g_decref(r);
        return g_raise(&GExc_RuntimeError, "generator ignored GeneratorExit");
    }
    if (!g_err_occurred() || g_err_matches(&GExc_GeneratorExit) || g_err_matches(&GExc_StopIteration)) {
        g_err_clear();
        return G_NONE;
    }
    return NULL;
}

static void gen_dealloc(GObject *o)
{
    GGen *g = (GGen *)o;
    if (g->frame) {
        /* A suspended generator being dropped: give its finally blocks a chance, as
         * CPython does, by closing it. */
        if (g->frame->ip > 0 && g->frame->nblocks > 0) {
            GObject *saved = g_err_fetch();
            g_resurrect(o);             /* alive for the duration of close() */
            GObject *r = close_m(o, NULL, 0, NULL);
            if (!r)
                g_err_clear();
            g_err_restore(saved);
            if (!g_resurrect_end(o))
                return;                 /* its finally block kept it: it lives on */
        }
        if (g->frame) {
            g_frame_free(g->frame);
            g->frame = NULL;
        }
    }
    g_decref(g->name);
    g_decref(g->qualname);
    g_object_free(o);
}

static int gen_traverse(GObject *o, GVisitFn visit, void *arg)
{
    GGen *g = (GGen *)o;
    if (!g->frame)
        return 0;
    GFrame *f = g->frame;
    GCode *co = f->code;
    int n = co->nlocals + co->ncells + co->nfrees;
    for (int i = 0; i < n; i++)
        if (f->localsplus[i] && visit(f->localsplus[i], arg))
            return 1;
    for (GObject **p = g_frame_stack(f); p < f->sp; p++)
        if (*p && visit(*p, arg))
            return 1;
    return 0;
}

static GObject *gen_repr(GObject *o)
{
    return g_format("<generator object %U at %p>", ((GGen *)o)->qualname, (void *)o);
}

static GObject *self_iter(GObject *o) { return g_newref(o); }

static GObject *get_name(GObject *o) { return g_newref(((GGen *)o)->name); }
static GObject *get_running(GObject *o) { return g_bool(atomic_load_explicit(&((GGen *)o)->running, memory_order_acquire)); }

static const GMethodDef gen_methods[] = {
    { "send", send_m, 0, NULL }, { "throw", throw_m, 0, NULL }, { "close", close_m, 0, NULL },
    { NULL, NULL, 0, NULL },
};

static const GGetSetDef gen_getsets[] = {
    { "__name__", get_name, NULL }, { "gi_running", get_running, NULL },
    { NULL, NULL, NULL },
};

GType GGen_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "generator",
    .basicsize = sizeof(GGen),
    .flags = G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_dealloc = gen_dealloc,
    .tp_traverse = gen_traverse,
    .tp_repr = gen_repr,
    .tp_iter = self_iter,
    .tp_iternext = gen_iternext,
    .methods = gen_methods,
    .getsets = gen_getsets,
};
