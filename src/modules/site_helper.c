/* site_helper.c -- the built-in help: an object, not a function, as in CPython.
 *
 * CPython's site module puts an instance of _sitebuiltins._Helper into builtins: its
 * repr is the one line a person typing `help` at the prompt needs, and calling it
 * imports pydoc and asks pydoc.help.  gilt does the same with a static object of a
 * small C type, so that nothing is imported or compiled until someone asks: the
 * pages themselves are written by the embedded src/modules/py/pydoc.py.
 *
 *     >>> help                      tp_repr: "Type help() for interactive help, ..."
 *     >>> help(len)                 tp_call: import pydoc; pydoc.help(len)
 *     >>> help()                    pydoc.help(): the help> prompt, read from stdin
 *
 * The object is immortal and holds nothing, so it needs no lock: every thread may
 * call it at once, and pydoc's import is made safe by the importer.
 */
#include "modules/modules.h"
#include "objects/objects.h"
#include "vm/vm.h"

static GObject *helper_repr(GObject *o)
{
    (void)o;
    return g_str_from_cstr("Type help() for interactive help, or help(object) for help about object.");
}

static GObject *helper_call(GObject *o, GObject *const *args, size_t nargs, GObject *kwnames)
{
    (void)o;
    GObject *name = g_str_from_cstr("pydoc");
    if (!name)
        return NULL;
    GObject *pydoc = g_import_module(name);
    g_decref(name);
    if (!pydoc)
        return NULL;
    GObject *fn = g_getattr_str(pydoc, "help");
    g_decref(pydoc);
    if (!fn)
        return NULL;
    GObject *r = g_call(fn, args, nargs, kwnames);
    g_decref(fn);
    return r;
}

static GType GHelper_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "_Helper",
    .basicsize = sizeof(GObject),
    .base = &GObject_type,
    .tp_repr = helper_repr,
    .tp_call = helper_call,
    .tp_hash = g_hash_pointer,
    .doc = "Define the builtin 'help'.\n\nCalling help() starts the help utility; help(thing) prints the help "
           "on that object (its signature, its docstring; for a class or module, what it defines).",
};

static GObject g_helper_obj = G_STATIC_HEADER(&GHelper_type);

void g_help_install(GObject *builtins)
{
    g_type_ready(&GHelper_type);
    g_dict_set_str(g_module_dict(builtins), "help", &g_helper_obj);
}
