/* eval_support.h -- the eval loop's slow paths (eval_support.c). */
#ifndef GILT_EVAL_SUPPORT_H
#define GILT_EVAL_SUPPORT_H

#include <math.h>

#include "objects/objects.h"
#include "runtime/runtime.h"

GObject *g_eval_name_error(GObject *name);                 /* NameError, remembering globals */
void g_eval_unbound_local(GCode *co, int i);               /* UnboundLocalError */
void g_eval_unbound_deref(GCode *co, int i);               /* unbound cell or free variable */
GObject *g_eval_do_raise(GObject *exc, GObject *cause);   /* raise exc [from cause] */
int g_eval_import_star(GObject *module, GObject *locals);
bool g_eval_exc_type_valid(GObject *t);                    /* a class or tuple of classes for except */
int g_eval_print_expr(GObject *builtins, GObject *v);      /* the REPL's echo of a value */
GObject *g_eval_import_from(GObject *m, GObject *name);    /* from m import name */
GObject *g_eval_format_value(GObject *v, int conversion, GObject *spec);   /* f-string field */
void g_eval_star_error(GObject *it, GObject *callee);      /* after `*it` failed: CPython's message */
int g_eval_unpack(GObject *seq, int before, int after, bool star, GObject **dst);   /* a, *b, c = seq */
int g_eval_set_update(GObject *s, GObject *it);            /* {*it} */
GObject *g_eval_with_methods(GObject *mgr, GObject **exit);   /* __enter__, and __exit__ in *exit */

/* ---- arithmetic fast paths (BINARY_OP and INPLACE_OP) ----
 *
 * `a op b` for exact ints that fit in 64 bits and exact floats, done in C, with the
 * result CPython gives.  *how G_FAST_NO: not a case this handles (a big int, an
 * overflow, a division by zero, another type) -- the generic protocol
 * (objects/abstract.c) does it, and raises where it must.  An int meets a float
 * only as a double: C's int64 -> double conversion rounds to nearest-even as
 * CPython's does, and true division of two ints is done in doubles only when both
 * are exact there (below 2**53). */
#define G_EXACT_DOUBLE_INT ((int64_t)1 << 53)
static inline bool g_eval_small_int(GObject *o, int64_t *v)
{
    if (G_TYPE(o) != &GInt_type || (o->ob_flags & G_INT_BIG))
        return false;
    *v = ((GInt *)o)->v;
    return true;
}
static inline bool g_eval_double(GObject *o, double *v)
{
    int64_t i;
    if (G_TYPE(o) == &GFloat_type) {
        *v = ((GFloat *)o)->v;
        return true;
    }
    if (g_eval_small_int(o, &i)) {
        *v = (double)i;
        return true;
    }
    return false;
}
/* A float the eval loop's stack holds the only reference to -- a temporary, like the
 * `dx * dx` of `dx * dx + dy * dy`: this thread owns it, counts it once, and no other
 * thread counts it at all, so nobody else can see it.  Its value may be overwritten
 * with the next result instead of freeing it and making another float (a local
 * variable or a constant is counted more than once, or immortal, and is left alone). */
static inline bool g_eval_float_temporary(GThreadState *ts, GObject *o)
{
    return G_TYPE(o) == &GFloat_type && g_ref_local(o) == 1 && g_ob_tid(o) == (uintptr_t)ts &&
           atomic_load_explicit(&o->ob_ref_shared, memory_order_relaxed) == 0;
}
/* How g_eval_fast_binop answered.  (`borrowed`: the caller holds no references of
 * its own to a and b -- a superinstruction reads them from the frame's locals and
 * constants -- so neither may be taken for a temporary.) */
enum {
    G_FAST_NO,      /* not a case it handles: NULL, the generic protocol's turn */
    G_FAST_NEW,     /* a new reference */
    G_FAST_IN_A,    /* the result is written into a, a temporary: a is the answer, */
    G_FAST_IN_B,    /* or into b -- the stack's own reference (no new one) */
};

/* The float result of a op b: written into an operand that is a temporary (the
 * caller keeps the stack's reference to it as the result's, and drops only the
 * other operand), else a new float. */
static inline __attribute__((always_inline)) GObject *g_eval_float_result(GThreadState *ts, GObject *a, GObject *b,
                                                                         double v, int *how, bool borrowed)
{
    GObject *reuse = borrowed ? NULL : g_eval_float_temporary(ts, a) ? a : g_eval_float_temporary(ts, b) ? b : NULL;
    if (!reuse) {
        *how = G_FAST_NEW;
        return g_float_new(v);
    }
    ((GFloat *)reuse)->v = v;
    *how = reuse == a ? G_FAST_IN_A : G_FAST_IN_B;
    return reuse;
}

static inline __attribute__((always_inline)) GObject *g_eval_fast_binop(GThreadState *ts, GObject *a, GObject *b,
                                                                       int op, int *how, bool borrowed)
{
    int64_t x, y, z;
    *how = G_FAST_NEW;
    if (g_eval_small_int(a, &x) && g_eval_small_int(b, &y)) {
        switch (op) {
        case NB_ADD:
            if (!__builtin_add_overflow(x, y, &z))
                return g_int_from_i64(z);
            break;
        case NB_SUB:
            if (!__builtin_sub_overflow(x, y, &z))
                return g_int_from_i64(z);
            break;
        case NB_MUL:
            if (!__builtin_mul_overflow(x, y, &z))
                return g_int_from_i64(z);
            break;
        case NB_FLOORDIV:
        case NB_MOD:
            if (y == 0 || (x == INT64_MIN && y == -1))
                break;
            if (op == NB_FLOORDIV) {   /* rounds toward minus infinity */
                z = x / y;
                return g_int_from_i64(z - ((x % y != 0) && ((x < 0) != (y < 0))));
            }
            z = x % y;                 /* takes the sign of y */
            return g_int_from_i64(z != 0 && ((z < 0) != (y < 0)) ? z + y : z);
        case NB_TRUEDIV:
            if (y != 0 && x > -G_EXACT_DOUBLE_INT && x < G_EXACT_DOUBLE_INT && y > -G_EXACT_DOUBLE_INT &&
                y < G_EXACT_DOUBLE_INT)
                return g_float_new((double)x / (double)y);
            break;
        case NB_AND:
            return g_int_from_i64(x & y);
        case NB_OR:
            return g_int_from_i64(x | y);
        case NB_XOR:
            return g_int_from_i64(x ^ y);
        case NB_RSHIFT:
            if (y >= 0)                /* arithmetic shift: floor, as Python's */
                return g_int_from_i64(y >= 64 ? (x < 0 ? -1 : 0) : x >> y);
            break;
        }
        *how = G_FAST_NO;
        return NULL;
    }
    double dx, dy, v;
    if ((op <= NB_TRUEDIV || op == NB_POW) && (G_TYPE(a) == &GFloat_type || G_TYPE(b) == &GFloat_type) &&
        g_eval_double(a, &dx) && g_eval_double(b, &dy)) {
        switch (op) {
        case NB_ADD:
            v = dx + dy;
            return g_eval_float_result(ts, a, b, v, how, borrowed);
        case NB_SUB:
            v = dx - dy;
            return g_eval_float_result(ts, a, b, v, how, borrowed);
        case NB_MUL:
            v = dx * dy;
            return g_eval_float_result(ts, a, b, v, how, borrowed);
        case NB_TRUEDIV:
            if (dy == 0.0)
                break;
            v = dx / dy;
            return g_eval_float_result(ts, a, b, v, how, borrowed);
        case NB_POW:
            /* a positive finite base and a finite exponent: C's pow, as float.__pow__
             * does.  Everything else (zero or negative bases, infinities, NaN, an
             * overflow to be raised) is the generic path's. */
            if (!(dx > 0.0 && isfinite(dx) && isfinite(dy)))
                break;
            v = pow(dx, dy);
            if (isinf(v))
                break;
            return g_eval_float_result(ts, a, b, v, how, borrowed);
        }
    }
    *how = G_FAST_NO;
    return NULL;
}

/* ---- calls between Python functions without a C call ----
 *
 * Can the eval loop run fn(args...) as an inline call (eval_loop.h, inline_call):
 * push fn's frame and go on dispatching, instead of calling g_function_call and a
 * fresh g_eval_frame?  Only the plain case: exactly argcount positional arguments
 * and no *args, **kwargs or keyword-only parameters, not a generator or coroutine; nothing pending on the eval breaker (a frame entry is
 * where a pending request is handled, so that case takes the full path, which
 * handles it); and the recursion limit not reached (the full path raises the
 * RecursionError). */
static inline bool g_eval_can_inline(GObject *fn, size_t nargs, GThreadState *ts)
{
    GCode *c = ((GFunction *)fn)->code;
    return nargs == (size_t)c->argcount &&
           !(c->flags & (G_CO_GENERATOR | G_CO_COROUTINE | G_CO_VARARGS | G_CO_VARKW)) &&
           c->kwonlyargcount == 0 &&
           !atomic_load_explicit(&ts->eval_breaker, memory_order_relaxed) &&
           ts->depth < g_runtime.recursion_limit + ts->recursion_headroom;
}

/* ---- async (eval_async.c) ---- */
/* what `await o` delegates to; where: 0 an await, 1 __aenter__'s result, 2 __aexit__'s */
GObject *g_eval_awaitable_for(GObject *o, int where);
GObject *g_eval_aiter(GObject *o);                         /* o.__aiter__(), checked */
GObject *g_eval_anext(GObject *aiter);                     /* the awaitable of aiter.__anext__() */
GObject *g_eval_async_with(GObject *mgr, GObject **aexit); /* __aenter__() (to await), __aexit__ */

#endif
