/* threadstate.c -- creating thread states and knowing where the C stack ends.
 *
 * A thread state is created for the main thread at start-up.  Each one owns a
 * mimalloc heap for its objects.  The C stack limit is found once per thread from
 * pthread_getattr_np, so that deep recursion in C (repr of a deeply nested list, the
 * parser on ((((...))))) raises RecursionError instead of overflowing the stack.
 */
#include "runtime/threadstate.h"

#include <mimalloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "debug.h"
#include "runtime/runtime.h"

_Thread_local GThreadState *g_tstate_current;

GThreadState *g_threadstate_new(void)
{
    GThreadState *ts = calloc(1, sizeof *ts);
    if (!ts)
        abort();
    ts->id = (uintptr_t)ts;
    ts->heap = mi_heap_new();
    ts->next = g_runtime.threads;
    g_runtime.threads = ts;
    return ts;
}

void g_threadstate_attach(GThreadState *ts)
{
    g_tstate_current = ts;
    g_threadstate_set_stack_limit(ts);
}

void g_threadstate_set_stack_limit(GThreadState *ts)
{
    pthread_attr_t attr;
    void *addr = NULL;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        pthread_attr_getstack(&attr, &addr, &size);
        pthread_attr_destroy(&attr);
    }
    if (!addr || size == 0) {
        /* unknown: assume 1 MiB below the current frame */
        char here;
        uintptr_t top = (uintptr_t)&here;
        size = (size_t)1 << 20;
        addr = (void *)(top - size + 4096);
    }
    /* The main thread's reported stack may be the rlimit (8 MiB) even though it
     * grows on demand; keep a generous margin for C code between checks. */
    ts->stack_limit = (char *)addr + GILT_STACK_MARGIN;
}
