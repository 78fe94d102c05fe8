/* blockio.h -- reading and writing streams without holding up the world.
 *
 * A write to a full pipe or a slow terminal, or a read of input, may block for as
 * long as the other end likes.  A thread that blocks attached holds up every stop of
 * the world and, with the GIL on, every other thread (under --dash, the thread that
 * drains the script's output pipe may be the one stopping the world: it would wait
 * forever for a writer stuck on that very pipe).  So these calls detach around
 * anything that may block, as CPython releases the GIL around read() and write() --
 * and only then: a write that fits in the stream's buffer costs no detach.
 *
 * They never attach while holding the stream's lock (a FILE's internal lock): an
 * attach may wait for a stop of the world, whose stopper might want the stream.
 */
#ifndef GILT_BLOCKIO_H
#define GILT_BLOCKIO_H

#include <stddef.h>
#include <stdio.h>

/* fwrite all n bytes (errors are the stream's, as with fwrite). */
void g_stream_write(FILE *fp, const char *s, size_t n);
void g_stream_flush(FILE *fp);
/* Read one line, newline included if there was one; NULL at end of input or on an
 * error (ferror tells which).  Returns a buffer to free() and its length in *n.  The
 * reading thread is detached the whole time: it runs no Python and makes no object. */
char *g_stream_readline(FILE *fp, size_t *n);

#endif
