/* fork.h -- forking a running interpreter (fork.c explains what happens to the
 * other threads and to every lock). */
#ifndef GILT_FORK_H
#define GILT_FORK_H

#include <sys/types.h>

/* fork(2) with every runtime lock held and the world stopped; in the child, the
 * runtime repaired to describe the calling thread alone.  Called attached.  -1 with
 * errno (ENOTSUP under a controlled scheduler).  The trace collector's part is done
 * by the caller (vm/lifecycle.h, g_interp_fork). */
pid_t g_runtime_fork(void);

#endif
