/* debug.c -- what happens when an internal invariant is found broken.
 *
 * G_ASSERT (debug.h) calls g_assert_fail with the condition's text and its place.
 * The message names gilt, not the user's program: a broken invariant is a bug in the
 * interpreter.  abort() rather than exit(), so that a core dump, gdb or a sanitizer
 * shows the stack that led here.
 */
#include "debug.h"

#include <stdio.h>
#include <stdlib.h>

_Noreturn void g_assert_fail(const char *what, const char *file, int line, const char *func)
{
    fflush(stdout);
    fprintf(stderr, "gilt: internal error: assertion failed: %s\n  at %s:%d in %s()\n", what, file, line, func);
    fflush(stderr);
    abort();
}
