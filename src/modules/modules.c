/* modules.c -- the table of built-in modules, built lazily on first import.
 *
 * C modules come from the table below; modules written in Python (threading, queue,
 * concurrent.futures) are compiled from the source embedded in the binary and run
 * as a fresh module, whose source is registered so tracebacks show its lines.  A
 * dotted name's first part ("concurrent") is a package: an empty module that the
 * importer (vm/import.c) hangs the submodule on.
 */
#include <string.h>

#include "compile/compiler.h"
#include "modules/modules.h"
#include "objects/weakref.h"
#include "runtime/runtime.h"
#include "vm/vm.h"

static const struct { const char *name; GObject *(*init)(void); } table[] = {
    { "time", g_time_init }, { "math", g_math_init }, { "random", g_random_init },
    { "gc", g_gc_init }, { "os", g_os_init }, { "_thread", g_thread_init },
    { "gilt", g_gilt_init }, { "_io", g_io_init },
    { "_collections", g_collections_init }, { "_heapq", g_heapq_init },
    { "array", g_array_init },
    { "_gilt_mp", g_mp_init },   /* the pipes under multiprocessing (mp.c) */
    { "_weakref", g_weakref_module_init },   /* objects/weakref.c */
};

static GObject *load_python_module(GObject *name, const GPySource *py)
{
    GObject *file = g_format("<gilt>/%s", py->file);
    if (!file)
        return NULL;
    GObject *m = g_exec_module(name, file, py->source, strlen(py->source));
    g_decref(file);
    return m;
}

GObject *g_builtin_module(GObject *name)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (!g_str_eq_cstr(name, table[i].name))
            continue;
        GObject *m = table[i].init();
        if (!m)
            return NULL;
        if (g_dict_set(g_runtime.modules, name, m) < 0) {
            g_decref(m);
            return NULL;
        }
        return m;
    }
    for (const GPySource *py = g_py_sources; py->name; py++)
        if (g_str_eq_cstr(name, py->name))
            return load_python_module(name, py);
    /* a package such as "concurrent" is an empty module that holds its submodules */
    size_t n = (size_t)g_str_nbytes(name);
    for (const GPySource *py = g_py_sources; py->name; py++) {
        if (strncmp(py->name, g_str_data(name), n) != 0 || py->name[n] != '.')
            continue;
        GObject *m = g_module_new(g_str_data(name));
        if (m && g_dict_set(g_runtime.modules, name, m) < 0) {
            g_decref(m);
            return NULL;
        }
        return m;
    }
    return NULL;
}
