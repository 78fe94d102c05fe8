/* coro.c -- async generators: `async def` functions that also `yield`.
 *
 * An async generator is a GGen (gen.c) whose frame pauses for two reasons: at an
 * `await` inside it (YIELD_VALUE 1: the value is for the event loop) and at its
 * own `yield` (YIELD_VALUE 2: the value is the next item).  Its methods do not run
 * it; they return awaitables (GASend below) that do, one step per send():
 *
 *   agen.__anext__()  = agen.asend(None)  -> awaitable: its await's value is the item
 *   agen.asend(v)                          (the frame resumes with v)
 *   agen.athrow(exc)                       (exc is raised at the paused yield)
 *   agen.aclose()                          (GeneratorExit is; the awaitable gives None)
 *
 * Driving the awaitable resumes the frame: a YIELD_VALUE 1 value passes straight
 * out to the loop; a YIELD_VALUE 2 value ends the awaitable with StopIteration
 * carrying the item, which is how `await`'s delegation (SEND) hands a value back;
 * the frame returning ends it with StopAsyncIteration, which stops `async for`.
 *
 *   GASend state:   INIT --first send/throw--> ITER --item, end or error--> DONE
 *
 * Threads: an awaitable is driven by one task at a time; the generator's own
 * `running` flag (gen.c) keeps two threads out of the frame, and the state word
 * is atomic so a racing second driver gets an exception, not a torn state.
 */
#include "objects/objects.h"
#include "objects/gen_internal.h"

enum { AG_ASEND, AG_ATHROW, AG_ACLOSE };
enum { AG_INIT, AG_ITER, AG_DONE };

typedef struct {
    GObject ob;
    GObject *agen;          /* the async generator (set at creation) */
    GObject *value;         /* ASEND: the value sent first; ATHROW/ACLOSE: the exception */
    int mode;               /* AG_*; set at creation */
    _Atomic int state;      /* AG_INIT -> AG_ITER -> AG_DONE, by the driving thread */
} GASend;

static GObject *asend_new(GObject *agen, GObject *value, int mode)
{
    GASend *a = (GASend *)g_object_alloc(&GAsyncGenASend_type, sizeof(GASend));
    if (!a)
        return g_no_memory();
    a->agen = g_newref(agen);
    a->value = g_newref(value);
    a->mode = mode;
    atomic_init(&a->state, AG_INIT);
    return (GObject *)a;
}

/* What one resumption of the generator means for the awaitable. */
static GObject *asend_result(GASend *a, GObject *r, GObject *retval)
{
    if (r) {
        if (g_gen_last_yield(a->agen) != 2)
            return r;                           /* an await inside: out to the loop */
        atomic_store_explicit(&a->state, AG_DONE, memory_order_relaxed);
        if (a->mode == AG_ACLOSE) {
            g_decref(r);
            return g_raise(&GExc_RuntimeError, "async generator ignored GeneratorExit");
        }
        return g_stop_iteration_with(r);        /* the item: the await's value */
    }
    atomic_store_explicit(&a->state, AG_DONE, memory_order_relaxed);
    if (!g_err_occurred()) {                    /* the generator returned */
        g_xdecref(retval);
        if (a->mode == AG_ACLOSE)
            return g_stop_iteration_with(NULL);
        return g_raise(&GExc_StopAsyncIteration, "");
    }
    if (a->mode == AG_ACLOSE && (g_err_matches(&GExc_GeneratorExit) || g_err_matches(&GExc_StopAsyncIteration))) {
        g_err_clear();
        return g_stop_iteration_with(NULL);     /* closed as asked */
    }
    return NULL;
}

/* One step: send v in, or throw exc in (exc not NULL). */
static GObject *asend_step(GASend *a, GObject *v, GObject *exc)
{
    int state = atomic_load_explicit(&a->state, memory_order_relaxed);
    if (state == AG_DONE)
        return g_raise(&GExc_RuntimeError, a->mode == AG_ASEND ? "cannot reuse already awaited __anext__()/asend()"
                                                               : "cannot reuse already awaited aclose()/athrow()");
    if (state == AG_INIT) {
        atomic_store_explicit(&a->state, AG_ITER, memory_order_relaxed);
        if (!exc) {
            if (v != G_NONE && a->mode != AG_ASEND)
                return g_raise(&GExc_RuntimeError, "can't send non-None value to a just-started coroutine");
            if (a->mode == AG_ASEND)
                v = a->value;
            else
                exc = a->value;                 /* athrow/aclose: throw it in first */
        }
    }
    GObject *retval = NULL;
    GObject *r = g_gen_resume(a->agen, exc ? G_NONE : v, exc, &retval);
    return asend_result(a, r, retval);
}

static GObject *asend_iternext(GObject *o) { return asend_step((GASend *)o, G_NONE, NULL); }

static GObject *asend_send(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    if (g_no_kwargs("send", kw) < 0 || g_check_nargs("send", nargs, 1, 1) < 0)
        return NULL;
    return asend_step((GASend *)self, args[0], NULL);
}

static GObject *asend_throw(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    GObject *exc = g_gen_throw_arg("throw", args, nargs, kw);
    if (!exc)
        return NULL;
    GObject *r = asend_step((GASend *)self, G_NONE, exc);
    g_decref(exc);
    return r;
}

static GObject *asend_close(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)args; (void)nargs; (void)kw;
    atomic_store_explicit(&((GASend *)self)->state, AG_DONE, memory_order_relaxed);
    return G_NONE;
}

static void asend_dealloc(GObject *o)
{
    GASend *a = (GASend *)o;
    g_decref(a->agen);
    g_decref(a->value);
    g_object_free(o);
}

static int asend_traverse(GObject *o, GVisitFn visit, void *arg)
{
    GASend *a = (GASend *)o;
    return visit(a->agen, arg) || visit(a->value, arg);
}

static GObject *asend_await(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)args; (void)nargs; (void)kw;
    return g_newref(self);
}

static const GMethodDef asend_methods[] = {
    { "send", asend_send, 0, NULL }, { "throw", asend_throw, 0, NULL }, { "close", asend_close, 0, NULL },
    { "__await__", asend_await, 0, NULL },
    { NULL, NULL, 0, NULL },
};

GType GAsyncGenASend_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "async_generator_asend",
    .basicsize = sizeof(GASend),
    .flags = G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_dealloc = asend_dealloc,
    .tp_traverse = asend_traverse,
    .tp_iter = g_gen_self,
    .tp_iternext = asend_iternext,
    .methods = asend_methods,
};

/* ====================================================================================
 * The async generator's methods
 * ==================================================================================== */

static GObject *agen_anext(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)args;
    if (g_no_kwargs("__anext__", kw) < 0 || g_check_nargs("__anext__", nargs, 0, 0) < 0)
        return NULL;
    return asend_new(self, G_NONE, AG_ASEND);
}

static GObject *agen_asend(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    if (g_no_kwargs("asend", kw) < 0 || g_check_nargs("asend", nargs, 1, 1) < 0)
        return NULL;
    return asend_new(self, args[0], AG_ASEND);
}

static GObject *agen_athrow(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    GObject *exc = g_gen_throw_arg("athrow", args, nargs, kw);
    if (!exc)
        return NULL;
    GObject *a = asend_new(self, exc, AG_ATHROW);
    g_decref(exc);
    return a;
}

static GObject *agen_aclose(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)args;
    if (g_no_kwargs("aclose", kw) < 0 || g_check_nargs("aclose", nargs, 0, 0) < 0)
        return NULL;
    GObject *exc = g_exc_new(&GExc_GeneratorExit, NULL);
    if (!exc)
        return NULL;
    GObject *a = asend_new(self, exc, AG_ACLOSE);
    g_decref(exc);
    return a;
}

static GObject *agen_aiter(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)args; (void)nargs; (void)kw;
    return g_newref(self);
}

static const GMethodDef agen_methods[] = {
    { "__aiter__", agen_aiter, 0, NULL }, { "__anext__", agen_anext, 0, NULL },
    { "asend", agen_asend, 0, NULL }, { "athrow", agen_athrow, 0, NULL }, { "aclose", agen_aclose, 0, NULL },
    { NULL, NULL, 0, NULL },
};

static const GGetSetDef agen_getsets[] = {
    { "__name__", g_gen_get_name, NULL }, { "__qualname__", g_gen_get_qualname, NULL },
    { "ag_running", g_gen_get_running, NULL }, { "ag_await", g_gen_get_yieldfrom, NULL },
    { NULL, NULL, NULL },
};

GType GAsyncGen_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "async_generator",
    .basicsize = sizeof(GGen),
    .flags = G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_dealloc = g_gen_dealloc,
    .tp_traverse = g_gen_traverse,
    .tp_repr = g_gen_repr,
    .methods = agen_methods,
    .getsets = agen_getsets,
};
