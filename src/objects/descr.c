/* descr.c -- descriptors made in Python code (property, staticmethod, classmethod)
 * and slot wrappers, which expose a built-in type's C slots as dunder methods.
 *
 * The descriptor protocol: when attribute lookup finds an object in a class whose
 * type has tp_descr_get, it calls that instead of returning the object.  A "data"
 * descriptor (one with tp_descr_set, like property) wins over the instance __dict__.
 *
 * Slot wrappers are why `object.__init__(self)`, `super().__repr__()` and
 * `int.__add__(1, 2)` work: each built-in type's dict holds a wrapper per slot it
 * defines, and calling the wrapper calls the C slot.  A class statement that
 * inherits a slot wrapper unchanged inherits the C slot itself (class.c), so
 * subclasses of built-in types stay fast.
 */
#include <string.h>

#include "objects/objects.h"

/* ====================================================================================
 * property
 * ==================================================================================== */

static GObject *property_new(GType *type, GObject *const *args, size_t nargs, GObject *kwnames)
{
    static const char *const names[] = { "fget", "fset", "fdel", "doc", NULL };
    GObject *a[4];
    if (g_parse_args("property", args, nargs, kwnames, names, 0, a) < 0)
        return NULL;
    GProperty *p = (GProperty *)g_object_alloc(type, sizeof(GProperty));
    if (!p)
        return g_no_memory();
    p->fget = a[0] && a[0] != G_NONE ? g_newref(a[0]) : NULL;
    p->fset = a[1] && a[1] != G_NONE ? g_newref(a[1]) : NULL;
    p->fdel = a[2] && a[2] != G_NONE ? g_newref(a[2]) : NULL;
    p->doc = a[3] ? g_newref(a[3]) : NULL;
    if (!p->doc && p->fget)
        p->doc = g_getattr_opt(p->fget, g_str_intern("__doc__"));
    if (g_err_occurred()) {
        g_decref((GObject *)p);
        return NULL;
    }
    return (GObject *)p;
}

static void property_dealloc(GObject *o)
{
    GProperty *p = (GProperty *)o;
    g_xdecref(p->fget);
    g_xdecref(p->fset);
    g_xdecref(p->fdel);
    g_xdecref(p->doc);
    g_object_free(o);
}

static int property_traverse(GObject *o, GVisitFn visit, void *arg)
{
    GProperty *p = (GProperty *)o;
    return (p->fget && visit(p->fget, arg)) || (p->fset && visit(p->fset, arg)) ||
           (p->fdel && visit(p->fdel, arg));
}

static GObject *property_name(GProperty *p)
{
    if (p->fget) {
        GObject *n = g_getattr_opt(p->fget, g_str_intern("__name__"));
        if (n)
            return n;
        g_err_clear();
    }
    return g_str_from_cstr("?");
}

static GObject *property_get(GObject *d, GObject *obj, GType *type)
{
    (void)type;
    GProperty *p = (GProperty *)d;
    if (!obj)
        return g_newref(d);
    if (!p->fget) {
        GObject *n = property_name(p);
        g_raise(&GExc_AttributeError, "property '%U' of '%T' object has no getter", n, obj);
        g_decref(n);
        return NULL;
    }
    return g_call1(p->fget, obj);
}

static int property_set(GObject *d, GObject *obj, GObject *value)
{
    GProperty *p = (GProperty *)d;
    GObject *fn = value ? p->fset : p->fdel;
    if (!fn) {
        GObject *n = property_name(p);
        g_raise(&GExc_AttributeError, value ? "property '%U' of '%T' object has no setter"
                                            : "property '%U' of '%T' object has no deleter", n, obj);
        g_decref(n);
        return -1;
    }
    GObject *r = value ? g_call2(fn, obj, value) : g_call1(fn, obj);
    if (!r)
        return -1;
    g_decref(r);
    return 0;
}

static GObject *property_copy(GObject *self, GObject *fget, GObject *fset, GObject *fdel)
{
    GProperty *p = (GProperty *)self;
    GObject *args[4] = { fget ? fget : (p->fget ? p->fget : G_NONE),
                         fset ? fset : (p->fset ? p->fset : G_NONE),
                         fdel ? fdel : (p->fdel ? p->fdel : G_NONE),
                         p->doc ? p->doc : G_NONE };
    return g_call((GObject *)G_TYPE(self), args, 4, NULL);
}

static GObject *getter_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    if (g_no_kwargs("getter", kw) < 0 || g_check_nargs("getter", nargs, 1, 1) < 0)
        return NULL;
    return property_copy(self, args[0], NULL, NULL);
}
static GObject *setter_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    if (g_no_kwargs("setter", kw) < 0 || g_check_nargs("setter", nargs, 1, 1) < 0)
        return NULL;
    return property_copy(self, NULL, args[0], NULL);
}
static GObject *deleter_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    if (g_no_kwargs("deleter", kw) < 0 || g_check_nargs("deleter", nargs, 1, 1) < 0)
        return NULL;
    return property_copy(self, NULL, NULL, args[0]);
}

static const GMethodDef property_methods[] = {
    { "getter", getter_m, 0, NULL }, { "setter", setter_m, 0, NULL }, { "deleter", deleter_m, 0, NULL },
    { NULL, NULL, 0, NULL },
};

static GObject *p_fget(GObject *o) { GProperty *p = (GProperty *)o; return g_newref(p->fget ? p->fget : G_NONE); }
static GObject *p_fset(GObject *o) { GProperty *p = (GProperty *)o; return g_newref(p->fset ? p->fset : G_NONE); }
static GObject *p_doc(GObject *o) { GProperty *p = (GProperty *)o; return g_newref(p->doc ? p->doc : G_NONE); }

static const GGetSetDef property_getsets[] = {
    { "fget", p_fget, NULL }, { "fset", p_fset, NULL }, { "__doc__", p_doc, NULL },
    { NULL, NULL, NULL },
};

GType GProperty_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "property",
    .basicsize = sizeof(GProperty),
    .flags = G_TPFLAG_BASETYPE | G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_new = property_new,
    .tp_dealloc = property_dealloc,
    .tp_traverse = property_traverse,
    .tp_descr_get = property_get,
    .tp_descr_set = property_set,
    .methods = property_methods,
    .getsets = property_getsets,
};

/* ====================================================================================
 * staticmethod and classmethod
 * ==================================================================================== */

static GObject *wrapped_new(GType *type, GObject *const *args, size_t nargs, GObject *kwnames)
{
    if (g_no_kwargs(type->name, kwnames) < 0 || g_check_nargs(type->name, nargs, 1, 1) < 0)
        return NULL;
    GWrapped *w = (GWrapped *)g_object_alloc(type, sizeof(GWrapped));
    if (!w)
        return g_no_memory();
    w->func = g_newref(args[0]);
    return (GObject *)w;
}

static void wrapped_dealloc(GObject *o)
{
    g_decref(((GWrapped *)o)->func);
    g_object_free(o);
}

static int wrapped_traverse(GObject *o, GVisitFn visit, void *arg) { return visit(((GWrapped *)o)->func, arg); }

static GObject *staticmethod_get(GObject *d, GObject *obj, GType *type)
{
    (void)obj; (void)type;
    return g_newref(((GWrapped *)d)->func);
}

static GObject *staticmethod_call(GObject *d, GObject *const *args, size_t nargs, GObject *kwnames)
{
    return g_call(((GWrapped *)d)->func, args, nargs, kwnames);
}

static GObject *classmethod_get(GObject *d, GObject *obj, GType *type)
{
    if (!type)
        type = G_TYPE(obj);
    return g_bound_method_new(((GWrapped *)d)->func, (GObject *)type);
}

static GObject *w_func(GObject *o) { return g_newref(((GWrapped *)o)->func); }
static const GGetSetDef wrapped_getsets[] = {
    { "__func__", w_func, NULL }, { "__wrapped__", w_func, NULL },
    { NULL, NULL, NULL },
};

GType GStaticMethod_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "staticmethod",
    .basicsize = sizeof(GWrapped),
    .flags = G_TPFLAG_BASETYPE | G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_new = wrapped_new,
    .tp_dealloc = wrapped_dealloc,
    .tp_traverse = wrapped_traverse,
    .tp_descr_get = staticmethod_get,
    .tp_call = staticmethod_call,
    .getsets = wrapped_getsets,
};

GType GClassMethod_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "classmethod",
    .basicsize = sizeof(GWrapped),
    .flags = G_TPFLAG_BASETYPE | G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_new = wrapped_new,
    .tp_dealloc = wrapped_dealloc,
    .tp_traverse = wrapped_traverse,
    .tp_descr_get = classmethod_get,
    .getsets = wrapped_getsets,
};
