/* import.c -- running source text, and the import statement.
 *
 * `import name` looks in sys.modules first, then in the table of built-in modules
 * (modules/modules.h), then for name.py beside the main script.  A .py module is
 * compiled, registered in sys.modules before its body runs (so circular imports see
 * the partly initialised module, as in Python), and executed with its own globals.
 * There are no packages and no sys.path search beyond the script's folder.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "compile/compiler.h"
#include "modules/modules.h"
#include "objects/objects.h"
#include "runtime/runtime.h"
#include "vm/vm.h"


/* CPython refuses source that is not UTF-8 before tokenizing, with this message. */
static GObject *check_utf8(const char *src, size_t len, const char *filename)
{
    int64_t ncp;
    size_t bad;
    if (g_utf8_valid(src, len, &ncp, &bad))
        return NULL;
    int line = 1;
    for (size_t i = 0; i < bad; i++)
        if (src[i] == '\n')
            line++;
    GObject *exc = g_raise(&GExc_SyntaxError,
                           "Non-UTF-8 code starting with '\\x%02x' in file %s on line %d, but no encoding declared; "
                           "see https://peps.python.org/pep-0263/ for details",
                           (unsigned char)src[bad], filename, line);
    return exc;
}

GObject *g_run_source(const char *src, size_t len, const char *filename, GObject *globals, int mode)
{
    GSyntaxError err;
    if (mode == G_COMPILE_FILE && filename[0] != '<' && (check_utf8(src, len, filename), g_err_occurred()))
        return NULL;
    GCode *co = g_compile(src, len, filename, mode, &err);
    if (!co) {
        if (g_err_occurred())
            return NULL;
        GObject *exc = g_syntax_error_object(&err, filename, src, len);
        return exc ? g_raise_obj(exc) : NULL;
    }
    GObject *r = g_eval_code(co, globals, globals);
    g_decref((GObject *)co);
    return r;
}

/* Read a whole file.  NULL with errno set on failure. */
char *g_read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = g_mem_alloc(cap);
    if (!buf) {
        fclose(fp);
        errno = ENOMEM;
        return NULL;
    }
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, fp)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            char *nb = g_mem_realloc(buf, cap * 2);
            if (!nb) {
                g_mem_free(buf);
                fclose(fp);
                errno = ENOMEM;
                return NULL;
            }
            buf = nb;
            cap *= 2;
        }
    }
    if (ferror(fp)) {
        int e = errno;
        g_mem_free(buf);
        fclose(fp);
        errno = e ? e : EIO;
        return NULL;
    }
    fclose(fp);
    buf[n] = 0;
    *len = n;
    return buf;
}

GObject *g_exec_module(GObject *name, GObject *file, const char *src, size_t len)
{
    GObject *m = g_module_new(g_str_data(name));
    if (!m)
        return NULL;
    GObject *d = g_module_dict(m);
    if (g_dict_set_str(d, "__file__", file) < 0 ||
        g_dict_set_str(d, "__builtins__", g_runtime.builtins_module) < 0 ||
        g_dict_set(g_runtime.modules, name, m) < 0) {   /* visible during its own import */
        g_decref(m);
        return NULL;
    }
    g_register_source(g_str_data(file), src, len);
    GObject *r = g_run_source(src, len, g_str_data(file), d, G_COMPILE_FILE);
    if (!r) {
        GObject *exc = g_err_fetch();
        g_dict_del(g_runtime.modules, name);
        g_err_clear();
        g_err_restore(exc);
        g_decref(m);
        return NULL;
    }
    g_decref(r);
    return m;
}

static GObject *import_file(GObject *name)
{
    if (!g_runtime.script_dir)
        return NULL;
    GObject *path = g_format("%U/%U.py", g_runtime.script_dir, name);
    if (!path)
        return NULL;
    size_t len;
    char *src = g_read_file(g_str_data(path), &len);
    if (!src) {
        g_decref(path);
        return NULL;   /* not found: the caller reports ModuleNotFoundError */
    }
    GObject *m = g_exec_module(name, path, src, len);
    g_mem_free(src);
    g_decref(path);
    return m;
}

static GObject *not_found(GObject *name);

/* "a.b": import the package a first, then a.b (only gilt's own modules live in
 * packages; a script's folder holds plain modules), and bind a.b as a's attribute. */
static GObject *import_submodule(GObject *name, const char *dot)
{
    const char *full = g_str_data(name);
    GObject *parent_name = g_str_new(full, (size_t)(dot - full));
    if (!parent_name)
        return NULL;
    GObject *parent = g_import_module(parent_name);
    g_decref(parent_name);
    if (!parent)
        return NULL;
    GObject *m = g_builtin_module(name);
    if (!m && !g_err_occurred())
        m = not_found(name);
    if (m) {
        GObject *child = g_str_from_cstr(dot + 1);
        if (!child || g_setattr(parent, child, m) < 0) {
            g_decref(m);
            m = NULL;
        }
        g_xdecref(child);
    }
    g_decref(parent);
    return m;
}

GObject *g_import_module(GObject *name)
{
    GObject *m = g_dict_get(g_runtime.modules, name);
    if (m)
        return g_newref(m);
    const char *dot = strrchr(g_str_data(name), '.');
    if (dot)
        return import_submodule(name, dot);
    m = g_builtin_module(name);
    if (m || g_err_occurred())
        return m;
    m = import_file(name);
    if (m || g_err_occurred())
        return m;
    return not_found(name);
}

static GObject *not_found(GObject *name)
{
    return g_raise_named(&GExc_ModuleNotFoundError, g_format("No module named '%U'", name), name, NULL);
}
