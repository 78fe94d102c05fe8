/* repl.h -- gilt's interactive prompt (repl.c). */
#ifndef GILT_REPL_H
#define GILT_REPL_H

#include "objects/objects.h"

/* Read, compile and run statements typed at the terminal in `globals` until end of
 * input (Ctrl-D) or SystemExit; on_exception prints an uncaught exception and
 * gives the exit status it means.  Returns the session's exit status. */
int g_repl_run(GObject *globals, int (*on_exception)(void));

#endif
