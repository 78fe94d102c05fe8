/* gen.c -- generators and coroutines: functions that pause at `yield` or `await`.
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
 *
 * A coroutine (`async def`) is the same object with another type: its frame pauses
 * only inside an `await`, whose delegation loop (compile_expr.c) passes the values a
 * Future-like object yields out to whoever drives the coroutine -- an event loop
 * calling send(None).  Coroutines are not iterators; `await` takes them directly,
 * and their __await__ gives a small iterator over them (coroutine_wrapper).  An
 * async generator (`async def` with `yield`) is a GGen of a third type; its
 * awaitables are in coro.c.
 */
#include "objects/objects.h"
#include "compile/opcodes.h"
#include "runtime/runtime.h"
#include "vm/vm.h"
#include "objects/gen_internal.h"

GObject *g_gen_new(GFrame *frame)
{
    G_ASSERT(frame->heap);   /* it outlives the call; another thread may resume it */
    int32_t flags = frame->code->flags;
    GType *type = !(flags & G_CO_COROUTINE) ? &GGen_type : (flags & G_CO_GENERATOR) ? &GAsyncGen_type : &GCoro_type;
    GGen *g = (GGen *)g_object_alloc(type, sizeof(GGen));
    if (!g) {
        g_frame_free(frame);
        return g_no_memory();
    }
    g->frame = frame;
    g->exc_info = NULL;
    frame->gen = (GObject *)g;
    g->name = g_newref(frame->code->name);
    g->qualname = g_newref(frame->func ? ((GFunction *)frame->func)->qualname : frame->code->name);
    atomic_init(&g->running, false);
    return (GObject *)g;
}

/* Does the frame sit inside an except or finally handler? */
static bool in_handler(GFrame *f)
{
    for (int i = 0; i < f->nblocks; i++)
        if (f->blocks[i].kind == BLOCK_HANDLER)
            return true;
    return false;
}

/* Run the frame with the generator's own "exception being handled": the one it was
 * handling when it yielded, or else the caller's (as CPython chains them).  When
 * it yields from inside an except block, that exception stays with it, and the
 * caller gets its own back. */
static GObject *run_frame(GGen *g, GFrame *f, GObject *value, GObject *thrown)
{
    GThreadState *ts = g_tstate();
    GObject *caller_exc = ts->exc_info;          /* ours to put back */
    if (g->exc_info)
        ts->exc_info = g->exc_info;              /* the generator's reference moves in */
    else if ((ts->exc_info = caller_exc))
        g_incref(caller_exc);
    g->exc_info = NULL;
    GObject *r = g_eval_frame(f, value, thrown);
    if (r && f->ip >= 0 && in_handler(f))
        g->exc_info = ts->exc_info;              /* yielded inside a handler: keep it */
    else
        g_xdecref(ts->exc_info);
    ts->exc_info = caller_exc;
    return r;
}

/* "generator", "coroutine" or "async generator", for the messages. */
static const char *kind_of(GGen *g)
{
    GType *t = G_TYPE(g);
    return t == &GCoro_type ? "coroutine" : t == &GAsyncGen_type ? "async generator" : "generator";
}

/* A StopIteration (or, in an async generator, StopAsyncIteration) escaping the
 * frame becomes RuntimeError, chained to it (PEP 479). */
static void stop_became_runtime_error(GGen *g)
{
    bool async_gen = G_TYPE(g) == &GAsyncGen_type;
    if (!g_err_matches(&GExc_StopIteration) && !(async_gen && g_err_matches(&GExc_StopAsyncIteration)))
        return;
    GObject *exc = g_err_fetch();
    g_raise(&GExc_RuntimeError, "%s raised %s", kind_of(g), G_TYPE(exc)->name);
    GException *e = (GException *)g_tstate()->cur_exc;
    e->cause = exc;
    e->context = g_newref(exc);
    e->suppress_context = true;
}

/* Claim the generator for running its frame: with the GIL off two threads may call
 * next() on it at the same moment, and only one may run it.  False if it is running
 * already.  (acq_rel: we see the frame as the last run left it, whichever thread
 * that was.) */
static bool claim(GGen *g) { return !atomic_exchange_explicit(&g->running, true, memory_order_acq_rel); }

/* The run is over: release, so the next thread to claim it sees the frame as we
 * left it. */
static inline void unclaim(GGen *g) { atomic_store_explicit(&g->running, false, memory_order_release); }

GObject *g_gen_resume(GObject *gen, GObject *value, GObject *thrown, GObject **retval)
{
    GGen *g = (GGen *)gen;
    if (!claim(g))
        return g_raise(&GExc_ValueError, "%s already executing", kind_of(g));
    GFrame *f = g->frame;
    if (!f) {
        unclaim(g);
        if (thrown) {
            g_incref(thrown);
            return g_raise_obj(thrown);
        }
        if (G_TYPE(g) == &GCoro_type)
            return g_raise(&GExc_RuntimeError, "cannot reuse already awaited coroutine");
        return NULL;
    }
    if (f->ip == 0 && value && value != G_NONE && !thrown) {
        unclaim(g);
        return g_raise(&GExc_TypeError, "can't send non-None value to a just-started %s", kind_of(g));
    }
    GObject *r = run_frame(g, f, f->ip == 0 ? NULL : value, thrown);
    if (r && f->ip >= 0) {
        unclaim(g);
        return r;          /* yielded */
    }
    /* finished: returned (r is the return value) or raised */
    g->frame = NULL;
    unclaim(g);
    g_frame_free(f);
    if (r) {
        if (retval)
            *retval = r;
        else
            g_decref(r);
        return NULL;
    }
    stop_became_runtime_error(g);
    return NULL;
}

static GObject *gen_resume(GGen *g, GObject *value, GObject *thrown, GObject **retval)
{
    return g_gen_resume((GObject *)g, value, thrown, retval);
}

int g_gen_last_yield(GObject *gen)
{
    GFrame *f = ((GGen *)gen)->frame;
    if (!f || f->ip <= 0 || G_OP(f->code->code[f->ip - 1]) != OP_YIELD_VALUE)
        return -1;
    return (int)G_ARG(f->code->code[f->ip - 1]);
}

GObject *g_gen_send(GObject *gen, GObject *value) { return gen_resume((GGen *)gen, value, NULL, NULL); }


/* next(gen): a finished generator's return value travels in StopIteration. */
static GObject *gen_iternext(GObject *o)
{
    GObject *retval = NULL;
    GObject *r = gen_resume((GGen *)o, G_NONE, NULL, &retval);
    if (r || g_err_occurred())
        return r;
    if (retval && retval != G_NONE)
        return g_stop_iteration_with(retval);
    g_xdecref(retval);
    return NULL;
}

GObject *g_stop_iteration_with(GObject *retval)
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

/* ====================================================================================
 * Delegation: one step of `yield from it` / `await x` (the SEND instruction)
 * ==================================================================================== */

static GObject *close_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw);

/* Generators and coroutines share GGen and are resumed directly, not through
 * their methods. */
static bool g_is_generator_like(GObject *o) { return G_TYPE(o) == &GGen_type || G_TYPE(o) == &GCoro_type; }

/* The value a StopIteration being raised carries (None if none); clears it. */
static GObject *fetch_stop_value(void)
{
    GObject *exc = g_err_fetch();
    GObject *v = g_getattr_str(exc, "value");
    g_decref(exc);
    return v;
}

/* An iterator's method `name`, or NULL with no error if it has none. */
static GObject *optional_method(GObject *it, const char *name)
{
    GObject *m = g_getattr_str(it, name);
    if (!m && g_err_matches(&GExc_AttributeError))
        g_err_clear();
    return m;
}

/* close() the delegate when GeneratorExit passes through: CPython closes the inner
 * generator before the outer one sees the exception. */
static int close_delegate(GObject *it)
{
    GObject *r;
    if (g_is_generator_like(it)) {
        r = close_m(it, NULL, 0, NULL);
    } else {
        GObject *m = optional_method(it, "close");
        if (!m)
            return g_err_occurred() ? -1 : 0;
        r = g_call0(m);
        g_decref(m);
    }
    if (!r)
        return -1;
    g_decref(r);
    return 0;
}

/* The result of resuming a delegate that is a generator, as g_gen_delegate returns it. */
static int gen_step_result(GObject *r, GObject *retval, GObject **out)
{
    if (r) {
        *out = r;
        return 0;
    }
    if (g_err_occurred())
        return -1;   /* a StopIteration inside became RuntimeError (gen_resume) */
    *out = retval ? retval : g_newref(G_NONE);
    return 1;
}

int g_gen_delegate(GObject *it, GObject *v, GObject *exc, GObject **out)
{
    GObject *retval = NULL, *r;
    if (exc) {
        if (g_exc_matches(exc, (GObject *)&GExc_GeneratorExit)) {
            if (close_delegate(it) < 0)
                return -1;
            g_incref(exc);
            g_err_restore(exc);
            return -1;
        }
        if (g_is_generator_like(it)) {
            r = gen_resume((GGen *)it, G_NONE, exc, &retval);
            return gen_step_result(r, retval, out);
        }
        GObject *m = optional_method(it, "throw");
        if (!m) {
            if (g_err_occurred())
                return -1;
            g_incref(exc);
            g_err_restore(exc);   /* no throw(): raise it at the delegating yield */
            return -1;
        }
        r = g_call1(m, exc);
        g_decref(m);
    } else if (g_is_generator_like(it)) {
        r = gen_resume((GGen *)it, v, NULL, &retval);
        return gen_step_result(r, retval, out);
    } else if (v == G_NONE) {
        /* a class's __next__ is called itself: its StopIteration carries the value */
        bool own = (G_TYPE(it)->flags & G_TPFLAG_HEAPTYPE) || !G_TYPE(it)->tp_iternext;
        r = own ? g_call_method(it, "__next__", NULL, 0) : G_TYPE(it)->tp_iternext(it);
        if (!r && !g_err_occurred()) {
            *out = g_newref(G_NONE);
            return 1;
        }
    } else {
        r = g_call_method(it, "send", &v, 1);
    }
    if (r) {
        *out = r;
        return 0;
    }
    if (!g_err_matches(&GExc_StopIteration))
        return -1;
    *out = fetch_stop_value();
    return *out ? 1 : -1;
}

static GObject *send_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    if (g_no_kwargs("send", kw) < 0 || g_check_nargs("send", nargs, 1, 1) < 0)
        return NULL;
    GObject *retval = NULL;
    GObject *r = gen_resume((GGen *)self, args[0], NULL, &retval);
    if (r || g_err_occurred())
        return r;
    return g_stop_iteration_with(retval);
}

GObject *g_gen_throw_arg(const char *fname, GObject *const *args, size_t nargs, GObject *kw)
{
    if (g_no_kwargs(fname, kw) < 0 || g_check_nargs(fname, nargs, 1, 3) < 0)
        return NULL;
    if (g_is_exc_type(args[0]))
        return nargs >= 2 && args[1] != G_NONE ? (g_is_exception(args[1]) ? g_newref(args[1]) : g_call1(args[0], args[1]))
                                               : g_call0(args[0]);
    if (g_is_exception(args[0]))
        return g_newref(args[0]);
    return g_raise(&GExc_TypeError, "exceptions must be classes or instances deriving from BaseException, not %T",
                   args[0]);
}

static GObject *throw_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    GObject *exc = g_gen_throw_arg("throw", args, nargs, kw);
    if (!exc)
        return NULL;
    GObject *retval = NULL;
    GObject *r = gen_resume((GGen *)self, G_NONE, exc, &retval);
    g_decref(exc);
    if (r || g_err_occurred())
        return r;
    return g_stop_iteration_with(retval);
}

static GObject *close_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)args; (void)nargs; (void)kw;
    GGen *g = (GGen *)self;
    /* finished, or never started (its frame is dropped unrun): the frame is looked
     * at claimed, for another thread may be running it this moment -- if one is,
     * gen_resume below says it is already executing */
    if (claim(g)) {
        GFrame *f = g->frame;
        bool unstarted = f && f->ip == 0;
        if (unstarted)
            g->frame = NULL;
        unclaim(g);
        if (unstarted)
            g_frame_free(f);
        if (!f || unstarted)
            return G_NONE;
    }
    GObject *exc = g_exc_new(&GExc_GeneratorExit, NULL);
    if (!exc)
        return NULL;
    GObject *r = gen_resume(g, G_NONE, exc, NULL);
    g_decref(exc);
    if (r) {
        g_decref(r);
        return g_raise(&GExc_RuntimeError, "%s ignored GeneratorExit", kind_of(g));
    }
    if (!g_err_occurred() || g_err_matches(&GExc_GeneratorExit) || g_err_matches(&GExc_StopIteration)) {
        g_err_clear();
        return G_NONE;
    }
    return NULL;
}

void g_gen_dealloc(GObject *o)
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
    g_xdecref(g->exc_info);
    g->exc_info = NULL;
    g_decref(g->name);
    g_decref(g->qualname);
    g_object_free(o);
}

int g_gen_traverse(GObject *o, GVisitFn visit, void *arg)
{
    GGen *g = (GGen *)o;
    if (g->exc_info && visit(g->exc_info, arg))
        return 1;
    if (!g->frame)
        return 0;
    GFrame *f = g->frame;
    int n = g_frame_owned_slots(f->code);   /* the closure's cells are the function's */
    for (int i = 0; i < n; i++)
        if (f->localsplus[i] && visit(f->localsplus[i], arg))
            return 1;
    for (GObject **p = g_frame_stack(f); p < f->sp; p++)
        if (*p && visit(*p, arg))
            return 1;
    return 0;
}

GObject *g_gen_repr(GObject *o)
{
    return g_format("<%s object %U at %p>", G_TYPE(o)->name, ((GGen *)o)->qualname, (void *)o);
}

GObject *g_gen_self(GObject *o) { return g_newref(o); }

GObject *g_gen_get_name(GObject *o) { return g_newref(((GGen *)o)->name); }
GObject *g_gen_get_qualname(GObject *o) { return g_newref(((GGen *)o)->qualname); }
/* The iterator a `yield from` or `await` is paused in, or None. */
GObject *g_gen_get_yieldfrom(GObject *o)
{
    GFrame *f = ((GGen *)o)->frame;
    if (f && f->ip > 0 && G_OP(f->code->code[f->ip - 1]) == OP_YIELD_VALUE && G_ARG(f->code->code[f->ip - 1]) == 1)
        return g_newref(f->sp[-1]);
    return g_newref(G_NONE);
}
GObject *g_gen_get_running(GObject *o) { return g_bool(atomic_load_explicit(&((GGen *)o)->running, memory_order_acquire)); }

static const GMethodDef gen_methods[] = {
    { "send", send_m, 0, NULL }, { "throw", throw_m, 0, NULL }, { "close", close_m, 0, NULL },
    { NULL, NULL, 0, NULL },
};

static const GGetSetDef gen_getsets[] = {
    { "__name__", g_gen_get_name, NULL }, { "__qualname__", g_gen_get_qualname, NULL }, { "gi_running", g_gen_get_running, NULL },
    { "gi_yieldfrom", g_gen_get_yieldfrom, NULL },
    { NULL, NULL, NULL },
};

GType GGen_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "generator",
    .basicsize = sizeof(GGen),
    .flags = G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_dealloc = g_gen_dealloc,
    .tp_traverse = g_gen_traverse,
    .tp_repr = g_gen_repr,
    .tp_iter = g_gen_self,
    .tp_iternext = gen_iternext,
    .methods = gen_methods,
    .getsets = gen_getsets,
};

/* ====================================================================================
 * Coroutines
 * ==================================================================================== */

/* coro.__await__(): an iterator whose next() is the coroutine's send(None) */
typedef struct { GObject ob; GObject *coro; } GCoroWrapper;

static GObject *wrapper_next(GObject *o) { return gen_iternext(((GCoroWrapper *)o)->coro); }

static GObject *wrapper_send(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    return send_m(((GCoroWrapper *)self)->coro, args, nargs, kw);
}
static GObject *wrapper_throw(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    return throw_m(((GCoroWrapper *)self)->coro, args, nargs, kw);
}
static GObject *wrapper_close(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    return close_m(((GCoroWrapper *)self)->coro, args, nargs, kw);
}

static void wrapper_dealloc(GObject *o)
{
    g_decref(((GCoroWrapper *)o)->coro);
    g_object_free(o);
}

static int wrapper_traverse(GObject *o, GVisitFn visit, void *arg) { return visit(((GCoroWrapper *)o)->coro, arg); }

static const GMethodDef wrapper_methods[] = {
    { "send", wrapper_send, 0, NULL }, { "throw", wrapper_throw, 0, NULL }, { "close", wrapper_close, 0, NULL },
    { NULL, NULL, 0, NULL },
};

GType GCoroWrapper_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "coroutine_wrapper",
    .basicsize = sizeof(GCoroWrapper),
    .flags = G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_dealloc = wrapper_dealloc,
    .tp_traverse = wrapper_traverse,
    .tp_iter = g_gen_self,
    .tp_iternext = wrapper_next,
    .methods = wrapper_methods,
};

static GObject *coro_await(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)args;
    if (g_no_kwargs("__await__", kw) < 0 || g_check_nargs("__await__", nargs, 0, 0) < 0)
        return NULL;
    GCoroWrapper *w = (GCoroWrapper *)g_object_alloc(&GCoroWrapper_type, sizeof(GCoroWrapper));
    if (!w)
        return g_no_memory();
    w->coro = g_newref(self);
    return (GObject *)w;
}

static const GMethodDef coro_methods[] = {
    { "send", send_m, 0, NULL }, { "throw", throw_m, 0, NULL }, { "close", close_m, 0, NULL },
    { "__await__", coro_await, 0, NULL },
    { NULL, NULL, 0, NULL },
};

static const GGetSetDef coro_getsets[] = {
    { "__name__", g_gen_get_name, NULL }, { "__qualname__", g_gen_get_qualname, NULL }, { "cr_running", g_gen_get_running, NULL },
    { "cr_await", g_gen_get_yieldfrom, NULL },
    { NULL, NULL, NULL },
};

GType GCoro_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "coroutine",
    .basicsize = sizeof(GGen),
    .flags = G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_dealloc = g_gen_dealloc,
    .tp_traverse = g_gen_traverse,
    .tp_repr = g_gen_repr,
    .methods = coro_methods,
    .getsets = coro_getsets,
};
