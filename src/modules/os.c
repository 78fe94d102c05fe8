/* os.c -- the few os functions gilt offers: cpu_count, getpid, getenv, environ, and
 * remove/unlink, and the process calls multiprocessing is built on: fork, waitpid, _exit, pipe, close, dup2,
 * kill and the wait-status macros.
 *
 * os.fork() forks the running interpreter (runtime/fork.c says what becomes of the
 * other threads and the runtime's locks), then, in the child, tells the threading
 * module that only the calling thread is left (threading._after_fork), as CPython
 * does.  waitpid() detaches while it waits, like every blocking call.  os.read and
 * os.write are not here: they take and return bytes, which gilt lacks so far; the
 * multiprocessing modules move str through the internal _gilt_mp module instead.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "modules/modules.h"
#include "objects/file.h"
#include "runtime/runtime.h"
#include "vm/lifecycle.h"
#include "vm/vm.h"

extern char **environ;

#define ARGS GObject *self, GObject *const *args, size_t nargs, GObject *kw

static GObject *os_cpu_count(ARGS)
{
    (void)self; (void)args; (void)nargs; (void)kw;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? g_int_from_i64(n) : g_newref(G_NONE);
}

static GObject *os_getpid(ARGS)
{
    (void)self; (void)args; (void)nargs; (void)kw;
    return g_int_from_i64(getpid());
}

/* os.remove(path) / os.unlink(path): FileNotFoundError etc. as CPython words them */
static GObject *os_remove(ARGS)
{
    (void)self;
    if (g_no_kwargs("remove", kw) < 0 || g_check_nargs("remove", nargs, 1, 1) < 0)
        return NULL;
    if (!g_is_str(args[0]))
        return g_raise(&GExc_TypeError, "remove: path should be string, bytes or os.PathLike, not %T", args[0]);
    if (unlink(g_str_data(args[0])) != 0)
        return g_raise_errno(errno, args[0]);
    return G_NONE;
}

static GObject *os_getenv(ARGS)
{
    (void)self;
    if (g_no_kwargs("getenv", kw) < 0 || g_check_nargs("getenv", nargs, 1, 2) < 0)
        return NULL;
    if (!g_is_str(args[0]))
        return g_raise(&GExc_TypeError, "str expected, not %T", args[0]);
    const char *v = getenv(g_str_data(args[0]));
    if (!v)
        return g_newref(nargs == 2 ? args[1] : G_NONE);
    return g_str_from_cstr(v);
}

/* ---- processes ---- */

/* OSError for errno, in CPython's words: "[Errno 9] Bad file descriptor".  (CPython
 * raises the matching subclass, ChildProcessError for ECHILD...; gilt has OSError.) */
GObject *g_os_raise_errno(int err)
{
    return g_raise(&GExc_OSError, "[Errno %d] %s", err, strerror(err));
}

/* An int argument that fits a C int, or -1 with TypeError/OverflowError set. */
static int int_arg(GObject *o, int *out)
{
    int64_t v;
    if (!g_is_int(o)) {
        g_raise(&GExc_TypeError, "'%T' object cannot be interpreted as an integer", o);
        return -1;
    }
    if (!g_int_as_i64(o, &v) || v < INT32_MIN || v > INT32_MAX) {
        g_raise(&GExc_OverflowError, "signed integer is greater than maximum");
        return -1;
    }
    *out = (int)v;
    return 0;
}

static int int_args(const char *name, GObject *const *args, size_t nargs, GObject *kw, size_t n, int *out)
{
    if (g_no_kwargs(name, kw) < 0 || g_check_nargs(name, nargs, n, n) < 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (int_arg(args[i], &out[i]) < 0)
            return -1;
    return 0;
}

/* In the child: the threading module forgets the threads that did not come along. */
static int after_fork_in_child(void)
{
    GObject *threading = g_dict_get_str(g_runtime.modules, "threading");
    if (!threading)
        return 0;
    GObject *r = g_call_method(threading, "_after_fork", NULL, 0);
    if (!r)
        return -1;
    g_decref(r);
    return 0;
}

static GObject *os_fork(ARGS)
{
    (void)self;
    if (g_no_kwargs("fork", kw) < 0 || g_check_nargs("fork", nargs, 0, 0) < 0)
        return NULL;
    pid_t pid = g_interp_fork();
    if (pid < 0 && errno == ENOTSUP)
        return g_raise(&GExc_RuntimeError, "os.fork() is not available under a controlled scheduler "
                                           "(--seed, --schedule, --step, --check, --explore)");
    if (pid < 0)
        return g_os_raise_errno(errno);
    if (pid == 0 && after_fork_in_child() < 0)
        return NULL;
    return g_int_from_i64(pid);
}

/* waitpid(pid, options) -> (pid, status), detached while it blocks; Ctrl-C (EINTR)
 * raises KeyboardInterrupt in the main thread, otherwise the wait goes on. */
static GObject *os_waitpid(ARGS)
{
    (void)self;
    int a[2];
    if (int_args("waitpid", args, nargs, kw, 2, a) < 0)
        return NULL;
    GThreadState *ts = g_tstate();
    for (;;) {
        int status = 0;
        bool block = !(a[1] & WNOHANG);
        if (block)
            g_threadstate_detach(ts);
        pid_t r = waitpid(a[0], &status, a[1]);
        int err = errno;
        if (block)
            g_threadstate_attach(ts);
        if (r >= 0) {
            GObject *p = g_int_from_i64(r), *s = g_int_from_i64(status);
            GObject *t = p && s ? g_tuple_pack(2, p, s) : NULL;
            g_xdecref(p);
            g_xdecref(s);
            return t;
        }
        if (err != EINTR)
            return g_os_raise_errno(err);
        if (atomic_load(&ts->eval_breaker) && g_handle_eval_breaker_in_wait(ts) < 0)
            return NULL;
    }
}

/* _exit(n): leave at once -- no exit handlers, no flushing of buffered output (as
 * CPython's os._exit: flush first if it matters). */
static GObject *os__exit(ARGS)
{
    (void)self;
    int a[1];
    if (int_args("_exit", args, nargs, kw, 1, a) < 0)
        return NULL;
    _exit(a[0]);
}

static GObject *os_pipe(ARGS)
{
    (void)self;
    if (g_no_kwargs("pipe", kw) < 0 || g_check_nargs("pipe", nargs, 0, 0) < 0)
        return NULL;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0)   /* not inherited by exec, as CPython's */
        return g_os_raise_errno(errno);
    GObject *r = g_int_from_i64(fds[0]), *w = g_int_from_i64(fds[1]);
    GObject *t = r && w ? g_tuple_pack(2, r, w) : NULL;
    g_xdecref(r);
    g_xdecref(w);
    return t;
}

static GObject *os_close(ARGS)
{
    (void)self;
    int a[1];
    if (int_args("close", args, nargs, kw, 1, a) < 0)
        return NULL;
    if (close(a[0]) < 0 && errno != EINTR)
        return g_os_raise_errno(errno);
    return G_NONE;
}

/* os.dup2(fd, fd2): make fd2 a copy of fd (closing what fd2 was); returns fd2, as
 * CPython does since 3.7.  A test uses it to send a child's stderr elsewhere. */
static GObject *os_dup2(ARGS)
{
    (void)self;
    int a[2];
    if (int_args("dup2", args, nargs, kw, 2, a) < 0)
        return NULL;
    int r;
    do
        r = dup2(a[0], a[1]);
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return g_os_raise_errno(errno);
    return g_int_from_i64(r);
}

static GObject *os_kill(ARGS)
{
    (void)self;
    int a[2];
    if (int_args("kill", args, nargs, kw, 2, a) < 0)
        return NULL;
    if (kill(a[0], a[1]) < 0)
        return g_os_raise_errno(errno);
    return G_NONE;
}

static GObject *os_getppid(ARGS)
{
    (void)self; (void)args; (void)nargs; (void)kw;
    return g_int_from_i64(getppid());
}

/* The wait-status macros, one function each. */
#define STATUS_FN(NAME, EXPR, RESULT)                                        \
    static GObject *os_##NAME(ARGS)                                          \
    {                                                                        \
        (void)self;                                                          \
        int a[1];                                                            \
        if (int_args(#NAME, args, nargs, kw, 1, a) < 0)                      \
            return NULL;                                                     \
        int status = a[0];                                                   \
        (void)status;                                                        \
        return RESULT(EXPR);                                                 \
    }
#define AS_BOOL(x) g_bool(x)
STATUS_FN(WIFEXITED, WIFEXITED(status), AS_BOOL)
STATUS_FN(WEXITSTATUS, WEXITSTATUS(status), g_int_from_i64)
STATUS_FN(WIFSIGNALED, WIFSIGNALED(status), AS_BOOL)
STATUS_FN(WTERMSIG, WTERMSIG(status), g_int_from_i64)

static const GMethodDef os_functions[] = {
    { "cpu_count", os_cpu_count, 0, NULL }, { "getpid", os_getpid, 0, NULL }, { "getenv", os_getenv, 0, NULL },
    { "remove", os_remove, 0, NULL }, { "unlink", os_remove, 0, NULL },
    { "fork", os_fork, 0, NULL }, { "waitpid", os_waitpid, 0, NULL }, { "_exit", os__exit, 0, NULL },
    { "pipe", os_pipe, 0, NULL }, { "close", os_close, 0, NULL }, { "dup2", os_dup2, 0, NULL }, { "kill", os_kill, 0, NULL },
    { "getppid", os_getppid, 0, NULL }, { "WIFEXITED", os_WIFEXITED, 0, NULL },
    { "WEXITSTATUS", os_WEXITSTATUS, 0, NULL }, { "WIFSIGNALED", os_WIFSIGNALED, 0, NULL },
    { "WTERMSIG", os_WTERMSIG, 0, NULL },
    { NULL, NULL, 0, NULL },
};

GObject *g_os_init(void)
{
    GObject *m = g_module_new("os");
    if (!m)
        return NULL;
    g_module_add_functions(m, os_functions);
    GObject *env = g_dict_new();
    for (char **e = environ; e && *e; e++) {
        char *eq = strchr(*e, '=');
        if (!eq)
            continue;
        GObject *k = g_str_new(*e, (size_t)(eq - *e)), *v = g_str_from_cstr(eq + 1);
        if (k && v)
            g_dict_set(env, k, v);
        else
            g_err_clear();
        g_xdecref(k);
        g_xdecref(v);
    }
    g_module_add(m, "environ", env);
    g_module_add(m, "sep", g_str_from_cstr("/"));
    g_module_add(m, "name", g_str_from_cstr("posix"));
    g_module_add(m, "WNOHANG", g_int_from_i64(WNOHANG));
    return m;
}
