/* module.c -- module objects: a name and a namespace dict.
 *
 * Attribute access on a module reads and writes its dict directly.  Modules are
 * deferred (refcount.h): every thread's `math.sqrt` lookups would otherwise count on
 * one shared object.
 */
#include "objects/objects.h"

GObject *g_module_new(const char *name)
{
    GModule *m = (GModule *)g_object_alloc(&GModule_type, sizeof(GModule));
    if (!m)
        return g_no_memory();
    m->dict = g_dict_new();
    m->name = g_str_from_cstr(name);
    if (!m->dict || !m->name) {
        g_decref((GObject *)m);
        return NULL;
    }
    g_dict_set_str(m->dict, "__name__", m->name);
    g_dict_set_str(m->dict, "__doc__", G_NONE);
    g_set_deferred((GObject *)m);
    return (GObject *)m;
}

GObject *g_module_dict(GObject *m) { return ((GModule *)m)->dict; }

int g_module_add_functions(GObject *m, const GMethodDef *defs)
{
    for (const GMethodDef *d = defs; d->name; d++) {
        GObject *f = g_cfunction_new(d, m);
        /* Built-in functions live as long as the program, and every thread calls
         * them (len, range, print...): immortal, so their counts are never fought over. */
        if (f)
            g_set_immortal(f);
        if (!f || g_dict_set_str(((GModule *)m)->dict, d->name, f) < 0) {
            g_xdecref(f);
            return -1;
        }
        g_decref(f);
    }
    return 0;
}

int g_module_add(GObject *m, const char *name, GObject *value)
{
    if (!value)
        return -1;
    int r = g_dict_set_str(((GModule *)m)->dict, name, value);
    g_decref(value);
    return r;
}

static void module_dealloc(GObject *o)
{
    GModule *m = (GModule *)o;
    g_xdecref(m->dict);
    g_xdecref(m->name);
    g_object_free(o);
}

static int module_traverse(GObject *o, GVisitFn visit, void *arg)
{
    return ((GModule *)o)->dict ? visit(((GModule *)o)->dict, arg) : 0;
}

static GObject *module_repr(GObject *o)
{
    GModule *m = (GModule *)o;
    GObject *file = g_dict_get_str(m->dict, "__file__");
    if (file)
        return g_format("<module %R from %R>", m->name, file);
    return g_format("<module %R (built-in)>", m->name);
}

static GObject *module_getattr(GObject *o, GObject *name)
{
    GModule *m = (GModule *)o;
    GObject *v = g_dict_get(m->dict, name);
    if (v)
        return g_newref(v);
    if (g_err_occurred())
        return NULL;
    GObject *r = g_generic_getattr(o, name);
    if (!r && g_err_matches(&GExc_AttributeError)) {
        g_err_clear();
        g_raise(&GExc_AttributeError, "module '%U' has no attribute '%U'", m->name, name);
        GException *e = (GException *)g_tstate()->cur_exc;
        e->name = g_newref(name);
        e->value = g_newref(o);
        return NULL;
    }
    return r;
}

static int module_setattr(GObject *o, GObject *name, GObject *value)
{
    GModule *m = (GModule *)o;
    if (value)
        return g_dict_set(m->dict, name, value);
    if (g_dict_del(m->dict, name) < 0) {
        if (g_err_matches(&GExc_KeyError)) {
            g_err_clear();
            g_raise(&GExc_AttributeError, "module '%U' has no attribute '%U'", m->name, name);
        }
        return -1;
    }
    return 0;
}

static GObject *module_get_dict(GObject *o) { return g_newref(((GModule *)o)->dict); }

static GObject *module_dir(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)args; (void)nargs; (void)kw;
    GObject *l = g_list_new(0);
    int64_t pos = 0;
    GObject *k;
    while (l && g_dict_next(((GModule *)self)->dict, &pos, &k, NULL))
        g_list_append(l, k);
    return l;
}

static const GMethodDef module_methods[] = {
    { "__dir__", module_dir, 0, NULL },
    { NULL, NULL, 0, NULL },
};

static const GGetSetDef module_getsets[] = {
    { "__dict__", module_get_dict, NULL },
    { NULL, NULL, NULL },
};

GType GModule_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "module",
    .basicsize = sizeof(GModule),
    .flags = G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_dealloc = module_dealloc,
    .tp_traverse = module_traverse,
    .tp_repr = module_repr,
    .tp_getattr = module_getattr,
    .tp_setattr = module_setattr,
    .methods = module_methods,
    .getsets = module_getsets,
};
