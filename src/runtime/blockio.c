/* blockio.c -- the standard streams, written and read without blocking attached
 * (blockio.h says why).
 *
 * Whether a write may block is read off glibc's stream: it will call write(2) when
 * the stream is unbuffered, when the bytes do not fit in what is left of its buffer,
 * or when it is line-buffered and the bytes hold a newline.  Otherwise fwrite only
 * copies, and the thread stays attached.
 *
 *   trylock the FILE -- busy --> detach; lock; write; unlock; attach
 *        | got it
 *   would it flush? -- yes --> detach; write; unlock; attach
 *        | no
 *   write (a copy); unlock
 */
#include "runtime/blockio.h"

#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/threadstate.h"

static GThreadState *attached_self(void)
{
    GThreadState *ts = g_tstate_current;
    return ts && atomic_load_explicit(&ts->state, memory_order_relaxed) == G_TS_ATTACHED ? ts : NULL;
}

/* Would fwrite of these bytes call write(2)?  (The stream's lock is held.) */
static bool would_flush(FILE *fp, const char *s, size_t n)
{
    size_t size = __fbufsize(fp);
    if (size <= 1)
        return true;   /* unbuffered (stderr) */
    if (__fpending(fp) + n >= size)
        return true;
    return __flbf(fp) && memchr(s, '\n', n) != NULL;
}

void g_stream_write(FILE *fp, const char *s, size_t n)
{
    GThreadState *ts = attached_self();
    if (!ts) {
        fwrite(s, 1, n, fp);
        return;
    }
    if (ftrylockfile(fp) != 0) {
        g_threadstate_detach(ts);
        flockfile(fp);
        fwrite_unlocked(s, 1, n, fp);
        funlockfile(fp);
        g_threadstate_attach(ts);
        return;
    }
    if (!would_flush(fp, s, n)) {
        fwrite_unlocked(s, 1, n, fp);
        funlockfile(fp);
        return;
    }
    g_threadstate_detach(ts);
    fwrite_unlocked(s, 1, n, fp);
    funlockfile(fp);
    g_threadstate_attach(ts);
}

void g_stream_flush(FILE *fp)
{
    GThreadState *ts = attached_self();
    if (ts)
        g_threadstate_detach(ts);
    fflush(fp);
    if (ts)
        g_threadstate_attach(ts);
}

char *g_stream_readline(FILE *fp, size_t *n)
{
    GThreadState *ts = attached_self();
    if (ts)
        g_threadstate_detach(ts);
    char *line = NULL;
    size_t cap = 0;
    ssize_t got = getline(&line, &cap, fp);
    if (ts)
        g_threadstate_attach(ts);
    if (got < 0) {
        free(line);
        return NULL;
    }
    *n = (size_t)got;
    return line;
}
