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

#endif
