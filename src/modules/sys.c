/* sys.c -- the sys module, and the text file objects behind sys.stdout/stderr.
 *
 * A GFile wraps a C FILE*.  print() writes through g_file_write, which takes a fast
 * path for GFile and otherwise calls the object's write() method, so a script can
 * replace sys.stdout with its own object.  Writes that may block detach first
 * (runtime/blockio.h), as CPython releases the GIL around write().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "debug.h"
#include <unistd.h>
#include "modules/modules.h"
#include "runtime/blockio.h"
#include "runtime/runtime.h"
#include "vm/vm.h"

typedef struct { GObject ob; FILE *fp; const char *name; } GFile;

static GObject *file_write_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    if (g_no_kwargs("write", kw) < 0 || g_check_nargs("write", nargs, 1, 1) < 0)
        return NULL;
    if (!g_is_str(args[0]))
        return g_raise(&GExc_TypeError, "write() argument must be str, not %T", args[0]);
    g_stream_write(((GFile *)self)->fp, g_str_data(args[0]), (size_t)g_str_nbytes(args[0]));
    return g_int_from_i64(g_str_len(args[0]));
}

static GObject *file_flush_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)args; (void)nargs; (void)kw;
    g_stream_flush(((GFile *)self)->fp);
    return G_NONE;
}

static GObject *file_isatty_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)args; (void)nargs; (void)kw;
    return g_bool(isatty(fileno(((GFile *)self)->fp)));
}

static GObject *file_fileno_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    if (g_no_kwargs("fileno", kw) < 0 || g_check_nargs("fileno", nargs, 0, 0) < 0)
        return NULL;
    return g_int_from_i64(fileno(((GFile *)self)->fp));   /* the std streams are never closed */
}

static GObject *file_repr(GObject *o)
{
    GFile *f = (GFile *)o;
    return g_format("<_io.TextIOWrapper name='<%s>' mode='%s' encoding='utf-8'>", f->name,
                    f->fp == stdin ? "r" : "w");
}

/* sys.stdin.readline(): one line, read detached (blockio.h); '' at the end */
static GObject *file_readline_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)args;
    if (g_no_kwargs("readline", kw) < 0 || g_check_nargs("readline", nargs, 0, 1) < 0)
        return NULL;
    size_t n = 0;
    char *line = g_stream_readline(((GFile *)self)->fp, &n);
    if (!line)
        return g_str_new("", 0);
    GObject *s = g_str_new(line, n);
    free(line);
    return s;
}

/* sys.stdin.read(): the lines up to the end, joined */
static GObject *file_read_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)args;
    if (g_no_kwargs("read", kw) < 0 || g_check_nargs("read", nargs, 0, 1) < 0)
        return NULL;
    GBuf b;
    g_buf_init(&b);
    size_t n;
    char *line;
    while ((line = g_stream_readline(((GFile *)self)->fp, &n))) {
        g_buf_put(&b, line, n);
        free(line);
    }
    if (b.len == 0) {
        g_buf_free(&b);
        return g_str_new("", 0);
    }
    return g_buf_finish(&b);
}

static GObject *file_iternext(GObject *self)
{
    GObject *line = file_readline_m(self, NULL, 0, NULL);
    if (line && g_str_nbytes(line) == 0) {
        g_decref(line);
        return NULL;
    }
    return line;
}

static GObject *file_self_iter(GObject *self) { return g_newref(self); }

static const GMethodDef file_methods[] = {
    { "write", file_write_m, 0, NULL }, { "flush", file_flush_m, 0, NULL },
    { "isatty", file_isatty_m, 0, NULL }, { "fileno", file_fileno_m, 0, NULL },
    { "readline", file_readline_m, 0, NULL },
    { "read", file_read_m, 0, NULL },
    { NULL, NULL, 0, NULL },
};

GType GFile_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "TextIOWrapper",
    .basicsize = sizeof(GFile),
    .base = &GObject_type,
    .tp_repr = file_repr,
    .tp_iter = file_self_iter,
    .tp_iternext = file_iternext,
    .methods = file_methods,
};

static GFile stdout_file = { G_STATIC_HEADER(&GFile_type), NULL, "stdout" };
static GFile stderr_file = { G_STATIC_HEADER(&GFile_type), NULL, "stderr" };
static GFile stdin_file = { G_STATIC_HEADER(&GFile_type), NULL, "stdin" };

GObject *g_sys_stdout(void)
{
    GObject *o = g_runtime.sys_module ? g_dict_get_str(g_module_dict(g_runtime.sys_module), "stdout") : NULL;
    return o ? o : (GObject *)&stdout_file;
}

int g_file_write(GObject *file, GObject *text)
{
    if (G_TYPE(file) == &GFile_type) {
        g_stream_write(((GFile *)file)->fp, g_str_data(text), (size_t)g_str_nbytes(text));
        return 0;
    }
    GObject *r = g_call_method(file, "write", &text, 1);
    if (!r)
        return -1;
    g_decref(r);
    return 0;
}

/* ---- functions ---- */

#define ARGS GObject *self, GObject *const *args, size_t nargs, GObject *kw

static GObject *sys_exit(ARGS)
{
    (void)self;
    if (g_no_kwargs("exit", kw) < 0 || g_check_nargs("exit", nargs, 0, 1) < 0)
        return NULL;
    return g_raise_with_value(&GExc_SystemExit, nargs ? args[0] : NULL);
}

static GObject *sys_getrefcount(ARGS)
{
    (void)self;
    if (g_no_kwargs("getrefcount", kw) < 0 || g_check_nargs("getrefcount", nargs, 1, 1) < 0)
        return NULL;
    return g_int_from_i64(g_refcount(args[0]));
}

static GObject *sys_setrecursionlimit(ARGS)
{
    (void)self;
    if (g_no_kwargs("setrecursionlimit", kw) < 0 || g_check_nargs("setrecursionlimit", nargs, 1, 1) < 0)
        return NULL;
    if (!g_is_int(args[0]))
        return g_raise(&GExc_TypeError, "'%T' object cannot be interpreted as an integer", args[0]);
    int64_t n = g_int_as_ssize(args[0]);
    if (n == -1 && g_err_occurred())
        return NULL;
    if (n < 1)
        return g_raise(&GExc_ValueError, "recursion limit must be greater or equal than 1");
    if (n > 1000000)
        n = 1000000;  /* the C stack check still guards the real limit */
    if (n <= g_tstate()->depth)
        return g_raise(&GExc_RecursionError, "cannot set the recursion limit to %zd at the recursion depth %d: the limit is too low",
                       (ssize_t)n, g_tstate()->depth);
    g_runtime.recursion_limit = (int)n;
    return G_NONE;
}

static GObject *sys_getrecursionlimit(ARGS)
{
    (void)self; (void)args; (void)nargs; (void)kw;
    return g_int_from_i64(g_runtime.recursion_limit);
}

static GObject *sys_is_gil_enabled(ARGS)
{
    (void)self; (void)args; (void)nargs; (void)kw;
    return g_bool(g_runtime.gil_enabled);
}

static GObject *sys_exc_info(ARGS)
{
    (void)self; (void)args; (void)nargs; (void)kw;
    GObject *e = g_tstate()->exc_info;
    if (!e)
        return g_tuple_pack(3, G_NONE, G_NONE, G_NONE);
    GException *x = (GException *)e;
    return g_tuple_pack(3, (GObject *)G_TYPE(e), e, x->traceback ? x->traceback : G_NONE);
}

static GObject *sys_exception(ARGS)
{
    (void)self; (void)args; (void)nargs; (void)kw;
    GObject *e = g_tstate()->exc_info;
    return g_newref(e ? e : G_NONE);
}

static GObject *sys_getswitchinterval(ARGS)
{
    (void)self; (void)args; (void)nargs; (void)kw;
    return g_float_new(g_runtime.switch_interval);
}

static GObject *sys_setswitchinterval(ARGS)
{
    (void)self;
    if (g_no_kwargs("setswitchinterval", kw) < 0 || g_check_nargs("setswitchinterval", nargs, 1, 1) < 0)
        return NULL;
    double d;
    if (!g_as_double(args[0], &d))
        return NULL;
    if (d <= 0)
        return g_raise(&GExc_ValueError, "switch interval must be strictly positive");
    g_runtime.switch_interval = d;
    g_trace_emit(g_tstate(), G_EV_SWITCH_INTERVAL, 0, (uint64_t)(d * 1e9 + 0.5), 0);
    return G_NONE;
}

static GObject *sys_intern(ARGS)
{
    (void)self;
    if (g_no_kwargs("intern", kw) < 0 || g_check_nargs("intern", nargs, 1, 1) < 0)
        return NULL;
    if (G_TYPE(args[0]) != &GStr_type)
        return g_raise(&GExc_TypeError, "intern() argument must be str, not %T", args[0]);
    return g_str_intern_obj(g_newref(args[0]));
}

static GObject *sys_excepthook(ARGS)
{
    (void)self;
    if (g_no_kwargs("excepthook", kw) < 0 || g_check_nargs("excepthook", nargs, 3, 3) < 0)
        return NULL;
    if (!g_is_exception(args[1]))
        return g_raise(&GExc_TypeError, "excepthook expects an exception instance");
    atomic_fetch_add(&g_runtime.uncaught, 1);   /* an exercise's goal may be this (vm/exercise.h) */
    g_print_exception(args[1]);
    return G_NONE;
}

static const GMethodDef sys_functions[] = {
    { "excepthook", sys_excepthook, 0, NULL }, { "__excepthook__", sys_excepthook, 0, NULL },
    { "exit", sys_exit, 0, NULL }, { "getrefcount", sys_getrefcount, 0, NULL },
    { "setrecursionlimit", sys_setrecursionlimit, 0, NULL }, { "getrecursionlimit", sys_getrecursionlimit, 0, NULL },
    { "_is_gil_enabled", sys_is_gil_enabled, 0, NULL }, { "exc_info", sys_exc_info, 0, NULL },
    { "exception", sys_exception, 0, NULL },
    { "getswitchinterval", sys_getswitchinterval, 0, NULL }, { "setswitchinterval", sys_setswitchinterval, 0, NULL },
    { "intern", sys_intern, 0, NULL },
    { NULL, NULL, 0, NULL },
};

void g_sys_set_argv(int argc, char **argv, int first)
{
    GObject *l = g_list_new(0);
    for (int i = first; i < argc; i++) {
        GObject *s = g_str_from_cstr(argv[i]);
        if (!s) {
            g_err_clear();
            s = g_str_from_cstr("?");
        }
        g_list_append(l, s);
        g_decref(s);
    }
    if (G_LIST_SIZE(l) == 0) {
        GObject *e = g_str_from_cstr("");
        g_list_append(l, e);
        g_decref(e);
    }
    g_module_add(g_runtime.sys_module, "argv", l);
}

GObject *g_sys_init(void)
{
    stdout_file.fp = stdout;
    stderr_file.fp = stderr;
    stdin_file.fp = stdin;
    g_type_ready(&GFile_type);
    GObject *m = g_module_new("sys");
    if (!m)
        return NULL;
    g_module_add_functions(m, sys_functions);
    GObject *d = g_module_dict(m);
    g_dict_set_str(d, "stdout", (GObject *)&stdout_file);
    g_dict_set_str(d, "stderr", (GObject *)&stderr_file);
    g_dict_set_str(d, "__stdout__", (GObject *)&stdout_file);
    g_dict_set_str(d, "__stderr__", (GObject *)&stderr_file);
    g_dict_set_str(d, "stdin", (GObject *)&stdin_file);
    g_dict_set_str(d, "__stdin__", (GObject *)&stdin_file);
    g_module_add(m, "version", g_str_from_cstr("3.11.0 (gilt " PACKAGE_VERSION ", a free-threaded teaching interpreter)"));
    g_module_add(m, "version_info", g_tuple_pack(5, g_int_from_i64(3), g_int_from_i64(11), g_int_from_i64(0),
                                                 g_str_intern("final"), g_int_from_i64(0)));
    g_module_add(m, "platform", g_str_from_cstr("linux"));
    g_module_add(m, "byteorder", g_str_from_cstr("little"));
    g_module_add(m, "maxsize", g_int_from_i64(INT64_MAX));
    g_module_add(m, "executable", g_str_from_cstr("gilt"));
    g_module_add(m, "implementation_name", g_str_from_cstr("gilt"));
    GObject *path = g_list_new(0);
    if (g_runtime.script_dir)
        g_list_append(path, g_runtime.script_dir);
    g_module_add(m, "path", path);
    g_dict_set_str(d, "modules", g_runtime.modules);
    g_sys_add_info(m);
    return m;
}
