/* gen_internal.h -- what gen.c shares with coro.c: the pieces every kind of
 * generator object (generator, coroutine, async generator) has in common. */
#ifndef GILT_GEN_INTERNAL_H
#define GILT_GEN_INTERNAL_H

#include "objects/objects.h"

void g_gen_dealloc(GObject *o);                 /* closes a suspended one first */
int g_gen_traverse(GObject *o, GVisitFn visit, void *arg);
GObject *g_gen_repr(GObject *o);                /* <TYPE object QUALNAME at 0x...> */
GObject *g_gen_self(GObject *o);                /* __iter__ / __aiter__ / __await__ of an iterator */
GObject *g_gen_get_name(GObject *o);
GObject *g_gen_get_qualname(GObject *o);
GObject *g_gen_get_running(GObject *o);
GObject *g_gen_get_yieldfrom(GObject *o);       /* gi_yieldfrom / cr_await / ag_await */
/* The exception throw(typ[, val[, tb]]) / athrow(...) means, as a new reference. */
GObject *g_gen_throw_arg(const char *fname, GObject *const *args, size_t nargs, GObject *kw);

#endif
