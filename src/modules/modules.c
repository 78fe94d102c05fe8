/* modules.c -- the table of built-in modules, built lazily on first import. */
#include <string.h>

#include "modules/modules.h"
#include "runtime/runtime.h"

static const struct { const char *name; GObject *(*init)(void); } table[] = {
    { "time", g_time_init }, { "math", g_math_init }, { "random", g_random_init },
    { "gc", g_gc_init }, { "os", g_os_init },
};

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
    return NULL;
}
