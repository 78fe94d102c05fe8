/* eval_support.h -- the eval loop's slow paths (eval_support.c). */
#ifndef GILT_EVAL_SUPPORT_H
#define GILT_EVAL_SUPPORT_H

#include "objects/objects.h"

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

/* ---- async (eval_async.c) ---- */
/* what `await o` delegates to; where: 0 an await, 1 __aenter__'s result, 2 __aexit__'s */
GObject *g_eval_awaitable_for(GObject *o, int where);
GObject *g_eval_aiter(GObject *o);                         /* o.__aiter__(), checked */
GObject *g_eval_anext(GObject *aiter);                     /* the awaitable of aiter.__anext__() */
GObject *g_eval_async_with(GObject *mgr, GObject **aexit); /* __aenter__() (to await), __aexit__ */

#endif
