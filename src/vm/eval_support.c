/* eval_support.c -- the eval loop's slow paths: the eval breaker, raising, name
 * errors, zero-argument super(), imports from modules, except-clause checks, the
 * REPL's echo, f-string conversions and the error for `*` over a non-iterable.
 *
 * These run rarely (on errors and requests), so they live outside the loop to keep
 * eval.c about dispatch and fast paths.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "objects/objects.h"
#include "runtime/runtime.h"
#include "runtime/qsbr.h"
#include "runtime/gc.h"
#include "compile/opcodes.h"
#include "vm/eval_support.h"
#include "vm/vm.h"

/* ====================================================================================
 * Eval breaker
 * ==================================================================================== */

/* The run is being stopped (runtime/control.h g_control_stop): a thread other than
 * the main one raises SystemExit -- which ends a thread silently -- when it stands in
 * the program's own code, and keeps the request for its next check otherwise, so
 * that gilt's modules (a pool worker's loop, Condition.wait) finish what they were
 * doing.  The request stays for good: an `except BaseException:` that carries on
 * meets it again at its next backward jump or call. */
static int stop_this_thread(GThreadState *ts)
{
    atomic_fetch_or(&ts->eval_breaker, G_BREAK_SIGNAL);
    if (!ts->frame || (ts->frame->code->flags & G_CO_GILT))
        return 0;
    g_raise_with_value(&GExc_SystemExit, NULL);
    return -1;
}

/* in_wait: called from a blocking wait (a lock, sleep, a pipe), which must be
 * interruptible wherever it is; otherwise from the eval loop, between instructions. */
static int handle_breaker(GThreadState *ts, bool in_wait)
{
    uint32_t bits = atomic_load_explicit(&ts->eval_breaker, memory_order_acquire);
    if (bits & G_BREAK_STOP)
        g_threadstate_suspend_self(ts);
    if (bits & G_BREAK_MERGE) {
        atomic_fetch_and(&ts->eval_breaker, ~G_BREAK_MERGE);
        g_refcount_merge_queue(ts);
    }
    if (bits & G_BREAK_GIL_DROP) {
        atomic_fetch_and(&ts->eval_breaker, ~G_BREAK_GIL_DROP);
        g_threadstate_yield_gil(ts);
    }
    if (bits & G_BREAK_QSBR)
        g_qsbr_quiescent(ts);
    if (bits & G_BREAK_GC)
        g_gc_run_requested(ts);
    if (bits & G_BREAK_FLUSH) {
        atomic_fetch_and(&ts->eval_breaker, ~G_BREAK_FLUSH);
        g_frame_record_where(ts);
        g_trace_flush_counts(ts);
    }
    if (bits & G_BREAK_SIGNAL) {
        atomic_fetch_and(&ts->eval_breaker, ~G_BREAK_SIGNAL);
        /* The KeyboardInterrupt is raised in the script's own code, or in a blocking
         * wait -- not between two instructions of gilt's embedded modules, which would
         * leave their bookkeeping half done: raised at the entry of
         * Condition._acquire_restore, after the wait but before the lock is taken
         * back, it made the `with` around the wait fail with "cannot release
         * un-acquired lock" (q pressed as a Future completed).  There it stays
         * pending, and the bit set, for the next check in the script's code. */
        bool in_gilt_code = ts->frame && (ts->frame->code->flags & G_CO_GILT);
        if (ts == g_runtime.main_thread && !in_wait && in_gilt_code && atomic_load(&g_runtime.pending_signal)) {
            atomic_fetch_or(&ts->eval_breaker, G_BREAK_SIGNAL);
        } else if (ts == g_runtime.main_thread && atomic_exchange(&g_runtime.pending_signal, 0)) {
            atomic_store(&g_runtime.sigint_raised, true);
            g_raise(&GExc_KeyboardInterrupt, "");
            return -1;
        }
        if (ts != g_runtime.main_thread && atomic_load(&g_runtime.stop_requested))
            return stop_this_thread(ts);
        /* acquire: pairs with the watcher's release (runtime/deadlock.c) */
        char *deadlock = ts == g_runtime.main_thread
                             ? atomic_exchange_explicit(&g_runtime.deadlock_text, NULL, memory_order_acquire)
                             : NULL;
        if (deadlock) {
            g_raise(&GExc_RuntimeError, "%s", deadlock);
            free(deadlock);
            return -1;
        }
    }
    return 0;
}

int g_handle_eval_breaker(GThreadState *ts) { return handle_breaker(ts, false); }

int g_handle_eval_breaker_in_wait(GThreadState *ts) { return handle_breaker(ts, true); }

/* ====================================================================================
 * Helpers for the opcodes
 * ==================================================================================== */

GObject *g_current_globals(void)
{
    GFrame *f = g_tstate()->frame;
    return f ? f->globals : NULL;
}

int g_super_from_frame(GObject **cls, GObject **self)
{
    GFrame *f = g_tstate()->frame;
    if (!f) {
        g_raise(&GExc_RuntimeError, "super(): no current frame");
        return -1;
    }
    GCode *co = f->code;
    if (co->argcount == 0 && !(co->flags & G_CO_VARARGS)) {
        g_raise(&GExc_RuntimeError, "super(): no arguments");
        return -1;
    }
    GObject *first = f->localsplus[0];
    /* the first argument may have moved into a cell */
    for (int i = 0; i < co->ncells; i++)
        if (co->cell2arg && co->cell2arg[i] == 0)
            first = g_cell_load((GCell *)f->localsplus[co->nlocals + i]);
    if (!first) {
        g_raise(&GExc_RuntimeError, "super(): arg[0] deleted");
        return -1;
    }
    for (int i = 0; i < co->nfrees; i++) {
        GObject *name = G_TUPLE_ITEM(co->freevars, i);
        if (g_str_eq_cstr(name, "__class__")) {
            GObject *cell = f->localsplus[co->nlocals + co->ncells + i];
            GObject *c = g_cell_load((GCell *)cell);
            if (!c) {
                g_raise(&GExc_RuntimeError, "super(): empty __class__ cell");
                return -1;
            }
            if (!g_is_type(c)) {
                g_raise(&GExc_RuntimeError, "super(): __class__ is not a type (%T)", c);
                return -1;
            }
            *cls = c;
            *self = first;
            return 0;
        }
    }
    g_raise(&GExc_RuntimeError, "super(): __class__ cell not found");
    return -1;
}

GObject *g_eval_name_error(GObject *name)
{
    GFrame *f = g_tstate()->frame;
    return g_raise_named(&GExc_NameError, g_format("name '%U' is not defined", name), name, f ? f->globals : NULL);
}

void g_eval_unbound_local(GCode *co, int i)
{
    GObject *name = G_TUPLE_ITEM(co->varnames, i);
    g_raise(&GExc_UnboundLocalError, "cannot access local variable '%U' where it is not associated with a value", name);
}

void g_eval_unbound_deref(GCode *co, int i)
{
    if (i < co->ncells) {
        g_raise(&GExc_UnboundLocalError, "cannot access local variable '%U' where it is not associated with a value",
                G_TUPLE_ITEM(co->cellvars, i));
    } else {
        g_raise(&GExc_NameError, "cannot access free variable '%U' where it is not associated with a value in enclosing scope",
                G_TUPLE_ITEM(co->freevars, i - co->ncells));
    }
}

GObject *g_eval_do_raise(GObject *exc, GObject *cause)
{
    GObject *value;
    if (g_is_exc_type(exc)) {
        value = g_call0(exc);
        if (!value)
            return NULL;
        if (!g_is_exception(value)) {
            g_raise(&GExc_TypeError, "calling %R should have returned an instance of BaseException, not %T", exc, value);
            g_decref(value);
            return NULL;
        }
    } else if (g_is_exception(exc)) {
        value = g_newref(exc);
    } else {
        return g_raise(&GExc_TypeError, "exceptions must derive from BaseException");
    }
    if (cause) {
        GObject *c;
        if (cause == G_NONE) {
            c = NULL;
        } else if (g_is_exc_type(cause)) {
            c = g_call0(cause);
            if (!c) {
                g_decref(value);
                return NULL;
            }
        } else if (g_is_exception(cause)) {
            c = g_newref(cause);
        } else {
            g_decref(value);
            return g_raise(&GExc_TypeError, "exception causes must derive from BaseException");
        }
        GException *e = (GException *)value;
        g_setref(&e->cause, c);
        e->suppress_context = true;
    }
    return g_raise_obj(value);
}

int g_eval_import_star(GObject *module, GObject *locals)
{
    GObject *dict = g_getattr_str(module, "__dict__");
    if (!dict)
        return -1;
    GObject *all = g_dict_get_str(dict, "__all__");
    int r = 0;
    if (all) {
        GObject *it = g_iter(all);
        GObject *name;
        while (it && (name = g_next(it))) {
            GObject *v = g_getattr(module, name);
            if (!v || g_dict_set(locals, name, v) < 0)
                r = -1;
            g_xdecref(v);
            g_decref(name);
            if (r < 0)
                break;
        }
        g_xdecref(it);
        if (!it || g_err_occurred())
            r = -1;
    } else {
        int64_t pos = 0;
        GObject *k, *v;
        while (g_dict_next(dict, &pos, &k, &v)) {
            if (g_is_str(k) && g_str_data(k)[0] == '_')
                continue;
            if (g_dict_set(locals, k, v) < 0) {
                r = -1;
                break;
            }
        }
    }
    g_decref(dict);
    return r;
}

bool g_eval_exc_type_valid(GObject *t)
{
    if (g_is_tuple(t)) {
        for (int64_t i = 0; i < G_TUPLE_SIZE(t); i++)
            if (!g_eval_exc_type_valid(G_TUPLE_ITEM(t, i)))
                return false;
        return true;
    }
    return g_is_exc_type(t);
}


/* ====================================================================================
 * Less common opcodes, kept out of the loop
 * ==================================================================================== */

/* PRINT_EXPR (the REPL): echo repr(v) unless it is None, and bind it to _. */
int g_eval_print_expr(GObject *builtins, GObject *v)
{
    if (v == G_NONE)
        return 0;
    g_dict_set_str(builtins, "_", v);
    GObject *r = g_repr(v);
    if (!r)
        return -1;
    fwrite(g_str_data(r), 1, (size_t)g_str_nbytes(r), stdout);
    fputc('\n', stdout);
    fflush(stdout);
    g_decref(r);
    return 0;
}

/* IMPORT_FROM: `from m import name`, with CPython's ImportError when m lacks it. */
GObject *g_eval_import_from(GObject *m, GObject *name)
{
    GObject *v = g_getattr(m, name);
    if (v || !g_err_matches(&GExc_AttributeError))
        return v;
    g_err_clear();
    GObject *mname = g_getattr_opt(m, g_str_intern("__name__"));
    GObject *file = g_getattr_opt(m, g_str_intern("__file__"));
    g_err_clear();
    if (file)
        g_raise(&GExc_ImportError, "cannot import name '%U' from '%S' (%S)", name, mname ? mname : G_NONE, file);
    else
        g_raise(&GExc_ImportError, "cannot import name '%U' from '%S' (unknown location)", name,
                mname ? mname : G_NONE);
    g_xdecref(mname);
    g_xdecref(file);
    return NULL;
}

/* FORMAT_VALUE: f"{v!conv:spec}" -> a new str. */
GObject *g_eval_format_value(GObject *v, int conversion, GObject *spec)
{
    GObject *conv;
    if (conversion == FVC_STR)
        conv = g_str(v);
    else if (conversion == FVC_REPR)
        conv = g_repr(v);
    else if (conversion == FVC_ASCII)
        conv = g_ascii(v);
    else
        conv = g_newref(v);
    if (!conv)
        return NULL;
    GObject *r;
    if (!spec && G_TYPE(conv) == &GStr_type)
        r = g_newref(conv);
    else
        r = g_format_obj(conv, spec ? spec : g_str_intern(""));
    g_decref(conv);
    return r;
}

/* After `*it` failed to extend a list: replace the TypeError of a non-iterable with
 * CPython's wording (naming the function when building a call's arguments). */
void g_eval_star_error(GObject *it, GObject *callee)
{
    if (!g_err_matches(&GExc_TypeError) || G_TYPE(it)->tp_iter || G_TYPE(it)->mp_getitem)
        return;
    g_err_clear();
    if (!callee) {
        g_raise(&GExc_TypeError, "Value after * must be an iterable, not %T", it);
        return;
    }
    GObject *fs = g_function_str(callee);
    if (fs) {
        g_raise(&GExc_TypeError, "%U argument after * must be an iterable, not %T", fs, it);
        g_decref(fs);
    }
}

/* UNPACK_SEQUENCE and UNPACK_EX: unpack seq into before (+ a starred list + after)
 * values and store them at dst in stack order, the first value on top. */
int g_eval_unpack(GObject *seq, int before, int after, bool star, GObject **dst)
{
    int total = before + after + (star ? 1 : 0);
    GObject *tmp[8];
    GObject **out = total <= 8 ? tmp : g_mem_alloc((size_t)total * sizeof(GObject *));
    if (!out) {
        g_no_memory();
        return -1;
    }
    int r = g_unpack_iterable(seq, before, after, star, out);
    if (r == 0)
        for (int i = 0; i < total; i++)
            dst[i] = out[total - 1 - i];
    if (out != tmp)
        g_mem_free(out);
    return r;
}

/* SET_UPDATE ({*a, *b}): add every item of the iterable it to the set s. */
int g_eval_set_update(GObject *s, GObject *it)
{
    GObject *tmp = g_set_new(&GSet_type, it);
    if (!tmp)
        return -1;
    int r = 0;
    int64_t pos = 0;
    GObject *k;
    while (r == 0 && g_set_next(tmp, &pos, &k))
        r = g_set_add(s, k);
    g_decref(tmp);
    return r;
}

/* SETUP_WITH: look up mgr's __enter__ (returned) and __exit__ (*exit), both new
 * references, with CPython's TypeErrors for an object that is no context manager. */
GObject *g_eval_with_methods(GObject *mgr, GObject **exit)
{
    GObject *enter = g_lookup_special(mgr, g_str_intern("__enter__"));
    if (!enter) {
        if (!g_err_occurred())
            g_raise(&GExc_TypeError, "'%T' object does not support the context manager protocol", mgr);
        return NULL;
    }
    *exit = g_lookup_special(mgr, g_str_intern("__exit__"));
    if (!*exit) {
        g_decref(enter);
        if (!g_err_occurred())
            g_raise(&GExc_TypeError,
                    "'%T' object does not support the context manager protocol (missed __exit__ method)", mgr);
        return NULL;
    }
    return enter;
}
