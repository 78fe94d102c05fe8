/* eval_async.c -- the protocols behind `await`, `async for` and `async with`.
 *
 * `await x` is a delegation loop (compile_expr.c: SEND / YIELD_VALUE 1) over what
 * GET_AWAITABLE makes of x: a coroutine itself, or the iterator x.__await__()
 * returns.  Whatever that iterator yields -- a Future-like object an event loop
 * knows what to do with -- goes out of every coroutine in the chain to whoever
 * called send(); the value sent back comes all the way down again.  Nothing here
 * knows about event loops: like CPython's, gilt's coroutines are plain resumable
 * frames, and scheduling them is the caller's business (a loop written in Python).
 *
 * `async for` calls __aiter__ once and awaits __anext__() for each item;
 * `async with` awaits __aenter__() and __aexit__(...).  The messages are CPython's.
 *
 * Threads: nothing here keeps state; the objects involved lock themselves.
 */
#include "objects/objects.h"
#include "vm/eval_support.h"

/* The type's special method `name`, bound to o, or NULL (no exception) if missing. */
static GObject *special(GObject *o, const char *name)
{
    return g_lookup_special(o, g_str_intern(name));
}

static bool is_iterator(GObject *o) { return G_TYPE(o)->tp_iternext != NULL; }

GObject *g_eval_awaitable_for(GObject *o, int where)
{
    static const char *const from[] = { "", "__aenter__", "__aexit__" };
    if (G_TYPE(o) == &GCoro_type) {
        if (g_gen_last_yield(o) == 1)   /* paused in an await: someone drives it */
            return g_raise(&GExc_RuntimeError, "coroutine is being awaited already");
        return g_newref(o);
    }
    GObject *await = special(o, "__await__");
    if (!await) {
        if (g_err_occurred())
            return NULL;
        if (where)
            return g_raise(&GExc_TypeError,
                           "'async with' received an object from %s that does not implement __await__: %T",
                           from[where], o);
        return g_raise(&GExc_TypeError, "object %T can't be used in 'await' expression", o);
    }
    GObject *it = g_call0(await);
    g_decref(await);
    if (!it)
        return NULL;
    if (G_TYPE(it) == &GCoro_type) {
        g_decref(it);
        return g_raise(&GExc_TypeError, "__await__() returned a coroutine");
    }
    if (!is_iterator(it)) {
        g_raise(&GExc_TypeError, "__await__() returned non-iterator of type '%T'", it);
        g_decref(it);
        return NULL;
    }
    return it;
}

GObject *g_eval_aiter(GObject *o)
{
    GObject *aiter_m = special(o, "__aiter__");
    if (!aiter_m) {
        if (!g_err_occurred())
            g_raise(&GExc_TypeError, "'async for' requires an object with __aiter__ method, got %T", o);
        return NULL;
    }
    GObject *it = g_call0(aiter_m);
    g_decref(aiter_m);
    if (!it)
        return NULL;
    if (!g_type_lookup(G_TYPE(it), g_str_intern("__anext__"))) {
        g_raise(&GExc_TypeError, "'async for' received an object from __aiter__ that does not implement __anext__: %T",
                it);
        g_decref(it);
        return NULL;
    }
    return it;
}

GObject *g_eval_anext(GObject *aiter)
{
    GObject *anext = special(aiter, "__anext__");
    if (!anext) {
        if (!g_err_occurred())
            g_raise(&GExc_TypeError, "'async for' requires an iterator with __anext__ method, got %T", aiter);
        return NULL;
    }
    GObject *aw = g_call0(anext);
    g_decref(anext);
    if (!aw)
        return NULL;
    if (G_TYPE(aw) != &GCoro_type && !g_type_lookup(G_TYPE(aw), g_str_intern("__await__"))) {
        g_raise(&GExc_TypeError, "'async for' received an invalid object from __anext__: %T", aw);
        g_decref(aw);
        return NULL;
    }
    GObject *it = g_eval_awaitable_for(aw, 0);
    g_decref(aw);
    return it;
}

GObject *g_eval_async_with(GObject *mgr, GObject **aexit)
{
    GObject *aenter = special(mgr, "__aenter__");
    if (!aenter) {
        if (!g_err_occurred())
            g_raise(&GExc_TypeError, "'%T' object does not support the asynchronous context manager protocol", mgr);
        return NULL;
    }
    *aexit = special(mgr, "__aexit__");
    if (!*aexit) {
        g_decref(aenter);
        if (!g_err_occurred())
            g_raise(&GExc_TypeError,
                    "'%T' object does not support the asynchronous context manager protocol (missed __aexit__ method)",
                    mgr);
        return NULL;
    }
    GObject *r = g_call0(aenter);
    g_decref(aenter);
    if (!r) {
        g_decref(*aexit);
        *aexit = NULL;
        return NULL;
    }
    return r;
}
