/* lifecycle.h -- bringing the whole interpreter up and down.
 *
 * The runtime (runtime/) knows threads, locks and memory but nothing of types or
 * modules; it is started by g_runtime_core_init.  g_interp_init, here above it,
 * starts the runtime and then builds the object world on it: the small ints and
 * interned strings, every built-in type, the exceptions, and the builtins and sys
 * modules.  main.c and the unit tests call these two and nothing lower.
 */
#ifndef GILT_LIFECYCLE_H
#define GILT_LIFECYCLE_H

#include <sys/types.h>

void g_interp_init(void);
void g_interp_fini(void);
/* os.fork(): the collector's lock, then the runtime's fork (runtime/fork.h), which
 * stops the world and takes the other locks.  -1 with errno on failure. */
pid_t g_interp_fork(void);
/* SIGINT becomes KeyboardInterrupt in the main thread; SIGPIPE is ignored. */
void g_install_signal_handlers(void);

#endif
