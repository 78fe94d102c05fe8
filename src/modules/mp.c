/* mp.c -- _gilt_mp, the pipes under multiprocessing and ProcessPoolExecutor.
 *
 * gilt's process pools (src/modules/py/multiprocessing.py) talk to their workers
 * over pipes, in messages that are str (the serialiser, _gilt_pickle.py, turns
 * values into text).  CPython sends bytes with os.read/os.write; gilt has no bytes
 * yet, so this small internal module does the framing in C:
 *
 *     send(fd, s)        one message: a 12-digit decimal byte count, then s in UTF-8
 *     recv(fd)           the next whole message as a str; None at end of file (the
 *                        writer closed the pipe or died, even in mid-message)
 *     wait(fds, t)       which of the fds are readable (or at end of file), waiting
 *                        at most t seconds (None: until one is)
 *     format_exc(e)      the traceback text gilt would print for e, as a str
 *
 * Every call that may block detaches from the runtime first, as CPython releases
 * the GIL around read(2), write(2) and poll(2): a blocked reader never holds up a
 * stop of the world or, with the GIL on, the other threads.  Waits run in 50 ms
 * slices so that Ctrl-C reaches the main thread.  Thread safety: each pipe has one
 * reader and one writer thread in gilt's pools; a message of any length is written
 * by one send (the writer loops until all of it is out), so two threads must not
 * send on one fd at once -- the pools never do.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "modules/modules.h"
#include "runtime/parking_lot.h"
#include "runtime/runtime.h"
#include "vm/vm.h"

#define ARGS GObject *self, GObject *const *args, size_t nargs, GObject *kw
enum { HEADER = 12, SLICE_MS = 50 };

static int fd_arg(GObject *o, int *fd)
{
    int64_t v;
    if (!g_is_int(o) || !g_int_as_i64(o, &v) || v < 0 || v > INT32_MAX) {
        g_raise(&GExc_TypeError, "a file descriptor (a non-negative int) is required, not %R", o);
        return -1;
    }
    *fd = (int)v;
    return 0;
}

/* write(2) all n bytes, detached; 0 or an errno. */
static int write_all(int fd, const char *p, size_t n)
{
    GThreadState *ts = g_tstate();
    g_threadstate_detach(ts);
    int err = 0;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            err = errno;
            break;
        }
        p += w;
        n -= (size_t)w;
    }
    g_threadstate_attach(ts);
    return err;
}

/* read(2) exactly n bytes, detached: 1 done, 0 end of file first, -1 with errno. */
static int read_all(int fd, char *p, size_t n)
{
    GThreadState *ts = g_tstate();
    g_threadstate_detach(ts);
    int rc = 1;
    while (n > 0) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            rc = r == 0 ? 0 : -1;
            break;
        }
        p += r;
        n -= (size_t)r;
    }
    int err = errno;
    g_threadstate_attach(ts);
    errno = err;
    return rc;
}

static GObject *mp_send(ARGS)
{
    (void)self;
    int fd;
    if (g_no_kwargs("send", kw) < 0 || g_check_nargs("send", nargs, 2, 2) < 0 || fd_arg(args[0], &fd) < 0)
        return NULL;
    if (!g_is_str(args[1]))
        return g_raise(&GExc_TypeError, "send() argument 2 must be str, not %T", args[1]);
    size_t n = (size_t)g_str_nbytes(args[1]);
    char *msg = malloc(HEADER + n);
    if (!msg)
        return g_no_memory();
    char head[HEADER + 1];
    snprintf(head, sizeof head, "%012zu", n);
    memcpy(msg, head, HEADER);
    memcpy(msg + HEADER, g_str_data(args[1]), n);
    int err = write_all(fd, msg, HEADER + n);   /* one write for small messages */
    free(msg);
    return err ? g_os_raise_errno(err) : G_NONE;
}

static GObject *mp_recv(ARGS)
{
    (void)self;
    int fd;
    if (g_no_kwargs("recv", kw) < 0 || g_check_nargs("recv", nargs, 1, 1) < 0 || fd_arg(args[0], &fd) < 0)
        return NULL;
    char head[HEADER + 1];
    int rc = read_all(fd, head, HEADER);
    if (rc < 0)
        return g_os_raise_errno(errno);
    if (rc == 0)
        return G_NONE;
    head[HEADER] = '\0';
    char *end;
    unsigned long long n = strtoull(head, &end, 10);
    if (*end != '\0')
        return g_raise(&GExc_ValueError, "_gilt_mp.recv: not a message header");
    char *buf = malloc(n ? n : 1);
    if (!buf)
        return g_no_memory();
    rc = read_all(fd, buf, n);
    GObject *s = rc > 0 ? g_str_new(buf, n) : rc == 0 ? G_NONE : g_os_raise_errno(errno);
    free(buf);
    return s;
}

/* wait(fds, timeout) -> the list of fds that are readable or closed. */
static GObject *mp_wait(ARGS)
{
    (void)self;
    if (g_no_kwargs("wait", kw) < 0 || g_check_nargs("wait", nargs, 2, 2) < 0)
        return NULL;
    if (!g_is_list(args[0]))
        return g_raise(&GExc_TypeError, "wait() argument 1 must be list, not %T", args[0]);
    double timeout = -1;
    if (args[1] != G_NONE && !g_as_double(args[1], &timeout))
        return NULL;
    GObject *fds = g_list_as_tuple(args[0]);   /* a snapshot: another thread may change the list */
    if (!fds)
        return NULL;
    int64_t n = G_TUPLE_SIZE(fds);
    struct pollfd *p = calloc((size_t)(n ? n : 1), sizeof *p);
    if (!p) {
        g_decref(fds);
        return g_no_memory();
    }
    for (int64_t i = 0; i < n; i++) {
        if (fd_arg(G_TUPLE_ITEM(fds, i), &p[i].fd) < 0) {
            free(p);
            g_decref(fds);
            return NULL;
        }
        p[i].events = POLLIN;
    }
    GThreadState *ts = g_tstate();
    int64_t deadline = timeout < 0 ? -1 : g_monotonic_ns() + (int64_t)(timeout * 1e9);
    int ready;
    for (;;) {
        int ms = SLICE_MS;
        if (deadline >= 0) {
            int64_t left = (deadline - g_monotonic_ns()) / 1000000;
            ms = left < 0 ? 0 : left < SLICE_MS ? (int)left : SLICE_MS;
        }
        g_threadstate_detach(ts);
        ready = poll(p, (nfds_t)n, ms);
        int err = errno;
        g_threadstate_attach(ts);
        if (ready < 0 && err != EINTR) {
            free(p);
            g_decref(fds);
            return g_os_raise_errno(err);
        }
        if (atomic_load(&ts->eval_breaker) && g_handle_eval_breaker_in_wait(ts) < 0) {
            free(p);
            g_decref(fds);
            return NULL;
        }
        if (ready > 0 || (deadline >= 0 && g_monotonic_ns() >= deadline))
            break;
    }
    GObject *out = g_list_new(0);
    for (int64_t i = 0; out && i < n; i++)
        if (p[i].revents && g_list_append(out, G_TUPLE_ITEM(fds, i)) < 0) {
            g_decref(out);
            out = NULL;
        }
    free(p);
    g_decref(fds);
    return out;
}

static GObject *mp_format_exc(ARGS)
{
    (void)self;
    if (g_no_kwargs("format_exc", kw) < 0 || g_check_nargs("format_exc", nargs, 1, 1) < 0)
        return NULL;
    return g_format_exception(args[0]);
}

static const GMethodDef mp_functions[] = {
    { "send", mp_send, 0, NULL }, { "recv", mp_recv, 0, NULL }, { "wait", mp_wait, 0, NULL },
    { "format_exc", mp_format_exc, 0, NULL }, { NULL, NULL, 0, NULL },
};

GObject *g_mp_init(void)
{
    GObject *m = g_module_new("_gilt_mp");
    if (m)
        g_module_add_functions(m, mp_functions);
    return m;
}
