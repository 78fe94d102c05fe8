/* errors.h -- raising, testing and clearing the current exception.
 *
 * The convention is CPython's: a C function that fails sets the thread's current
 * exception and returns NULL (or -1).  g_raise is the one way to raise in C: it
 * formats a message, makes the exception object and sets it.  It returns NULL so
 * that `return g_raise(...)` reads naturally.
 *
 * Format directives understood by g_raise/g_format (a small printf):
 *   %s  C string          %d %ld %lld %zd  integers       %c  a character (int)
 *   %R  repr(obj)          %S  str(obj)      %T  type name of obj   %U  a str object
 */
#ifndef GILT_ERRORS_H
#define GILT_ERRORS_H

#include <stdarg.h>

#include "objects/object.h"

GObject *g_raise(GType *type, const char *fmt, ...);
GObject *g_raise_obj(GObject *exc);              /* steals exc; sets __context__ */
GObject *g_raise_with_value(GType *type, GObject *arg); /* type(arg) */
GObject *g_no_memory(void);
GObject *g_format(const char *fmt, ...);          /* -> new str */
GObject *g_vformat(const char *fmt, va_list ap);

bool g_err_occurred(void);
bool g_err_matches(GType *type);                  /* current exception is a `type` */
void g_err_clear(void);
GObject *g_err_fetch(void);                       /* take the exception (new ref), clear */
void g_err_restore(GObject *exc);                 /* set it back (steals) */
bool g_exc_matches(GObject *exc, GObject *type_or_tuple);

/* Guard a C recursion (repr of nested containers, comparisons, the parser):
 * raises RecursionError "maximum recursion depth exceeded<where>" when the depth
 * passes sys.getrecursionlimit() or the C stack runs low.  Pair with g_leave_recursion. */
int g_enter_recursion(const char *where);
void g_leave_recursion(void);
/* Repr cycle guard: 1 if o is already being repr'd on this thread (print "[...]"),
 * 0 if not (and o is now marked), -1 on error.  Pair a 0 with g_repr_leave. */
int g_repr_enter(GObject *o);
void g_repr_leave(GObject *o);

/* Print exc with its traceback and its chain to stderr, as CPython does. */
void g_print_exception(GObject *exc);
GObject *g_format_exception(GObject *exc);   /* the same text, as a str */
/* Borrowed line `lineno` (1-based) of a file whose source was registered, or NULL. */
GObject *g_source_line(GObject *filename, int lineno);
/* Print and clear the current exception (for errors nobody can catch). */
void g_err_print(void);

#endif
