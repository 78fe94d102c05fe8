/* func.c -- callables: Python functions, built-in functions, method descriptors,
 * attribute descriptors of built-in types, and bound methods.
 *
 *   function        def/lambda: code + globals + defaults + closure.  Calling it runs
 *                   the eval loop (vm/call.c).  As a class attribute it binds: f.__get__
 *                   makes a bound method.
 *   builtin_function_or_method
 *                   a C function (GMethodDef) with an optional self (module functions,
 *                   and built-in methods already bound to their object).
 *   method_descriptor
 *                   a C method in a built-in type's dict (list.append).  Looking it up
 *                   on an instance binds it; calling it unbound takes self first.
 *   getset_descriptor
 *                   a computed attribute of a built-in type (exc.args, f.__name__).
 *   method          a function bound to its object: calling it prepends self.
 */
#include <string.h>

#include "objects/objects.h"
#include "runtime/race.h"
#include "vm/vm.h"

/* ====================================================================================
 * function
 * ==================================================================================== */

GObject *g_function_new(GCode *code, GObject *globals, GObject *qualname)
{
    GFunction *f = (GFunction *)g_object_alloc(&GFunction_type, sizeof(GFunction));
    if (!f)
        return g_no_memory();
    f->code = (GCode *)g_newref((GObject *)code);
    f->globals = g_newref(globals);
    f->builtins = NULL;
    f->name = g_newref(code->name);
    f->qualname = g_newref(qualname ? qualname : code->name);
    GObject *doc = NULL;
    if (G_TUPLE_SIZE(code->consts) > 0 && g_is_str(G_TUPLE_ITEM(code->consts, 0)) &&
        !(code->flags & G_CO_MODULE))
        doc = G_TUPLE_ITEM(code->consts, 0);
    f->doc = g_newref(doc ? doc : G_NONE);
    GObject *mod = g_dict_get_str(globals, "__name__");
    f->module = g_newref(mod ? mod : G_NONE);
    f->defaults = NULL;
    f->kwdefaults = NULL;
    f->closure = NULL;
    f->dict = NULL;
    /* Counted like any object.  MAKE_FUNCTION makes it deferred when its `def` runs
     * once per load of its file (the defined-once rule, compile/compiler_internal.h):
     * every thread may call it, and it lives as long as the program anyway. */
    return (GObject *)f;
}

static void function_dealloc(GObject *o)
{
    GFunction *f = (GFunction *)o;
    g_decref((GObject *)f->code);
    g_decref(f->globals);
    g_xdecref(f->builtins);
    g_decref(f->name);
    g_decref(f->qualname);
    g_decref(f->doc);
    g_decref(f->module);
    g_xdecref(f->defaults);
    g_xdecref(f->kwdefaults);
    g_xdecref(f->closure);
    g_xdecref(f->dict);
    g_race_forget(o);   /* --race: a function's __dict__ attributes are shadowed too */
    g_object_free(o);
}

static int function_traverse(GObject *o, GVisitFn visit, void *arg)
{
    GFunction *f = (GFunction *)o;
    return visit((GObject *)f->code, arg) || visit(f->globals, arg) ||
           (f->defaults && visit(f->defaults, arg)) || (f->kwdefaults && visit(f->kwdefaults, arg)) ||
           (f->closure && visit(f->closure, arg)) || (f->dict && visit(f->dict, arg));
}

static GObject *function_repr(GObject *o)
{
    return g_format("<function %U at %p>", ((GFunction *)o)->qualname, (void *)o);
}

static GObject *function_descr_get(GObject *f, GObject *obj, GType *type)
{
    (void)type;
    if (!obj)
        return g_newref(f);
    return g_bound_method_new(f, obj);
}

#define FN(o) ((GFunction *)(o))
static GObject *fget_name(GObject *o) { return g_newref(FN(o)->name); }
static int fset_name(GObject *o, GObject *v)
{
    if (!v || !g_is_str(v)) {
        g_raise(&GExc_TypeError, "__name__ must be set to a string object");
        return -1;
    }
    g_setref(&FN(o)->name, g_newref(v));
    return 0;
}
static GObject *fget_qualname(GObject *o) { return g_newref(FN(o)->qualname); }
static int fset_qualname(GObject *o, GObject *v)
{
    if (!v || !g_is_str(v)) {
        g_raise(&GExc_TypeError, "__qualname__ must be set to a string object");
        return -1;
    }
    g_setref(&FN(o)->qualname, g_newref(v));
    return 0;
}
static GObject *fget_doc(GObject *o) { return g_newref(FN(o)->doc); }
static int fset_doc(GObject *o, GObject *v) { g_setref(&FN(o)->doc, g_newref(v ? v : G_NONE)); return 0; }
static GObject *fget_module(GObject *o) { return g_newref(FN(o)->module); }
static int fset_module(GObject *o, GObject *v) { g_setref(&FN(o)->module, g_newref(v ? v : G_NONE)); return 0; }
static GObject *fget_code(GObject *o) { return g_newref((GObject *)FN(o)->code); }
static GObject *fget_globals(GObject *o) { return g_newref(FN(o)->globals); }
static GObject *fget_defaults(GObject *o) { return g_newref(FN(o)->defaults ? FN(o)->defaults : G_NONE); }
static int fset_defaults(GObject *o, GObject *v)
{
    if (v == G_NONE)
        v = NULL;
    if (v && !g_is_tuple(v)) {
        g_raise(&GExc_TypeError, "__defaults__ must be set to a tuple object");
        return -1;
    }
    g_setref(&FN(o)->defaults, v ? g_newref(v) : NULL);
    return 0;
}
static GObject *fget_kwdefaults(GObject *o) { return g_newref(FN(o)->kwdefaults ? FN(o)->kwdefaults : G_NONE); }
static GObject *fget_closure(GObject *o) { return g_newref(FN(o)->closure ? FN(o)->closure : G_NONE); }

/* __annotations__ lives in the function's __dict__, as a def's MAKE_FUNCTION put it
 * there (g_function_set_annotations); a function without annotations gets an empty
 * dict on first look, as in CPython. */
int g_function_set_annotations(GObject *o, GObject *annotations)
{
    GFunction *f = FN(o);
    if (!f->dict && !(f->dict = g_dict_new()))
        return -1;
    return g_dict_set_str(f->dict, "__annotations__", annotations);
}
static GObject *fget_annotations(GObject *o)
{
    GObject *d = FN(o)->dict ? g_dict_get_str(FN(o)->dict, "__annotations__") : NULL;
    if (d)
        return g_newref(d);
    d = g_dict_new();
    if (d && g_function_set_annotations(o, d) < 0)
        G_CLEAR(d);
    return d;
}
static int fset_annotations(GObject *o, GObject *v)
{
    if (v && !g_is_dict(v)) {
        g_raise(&GExc_TypeError, "__annotations__ must be set to a dict object");
        return -1;
    }
    if (v)
        return g_function_set_annotations(o, v);
    if (FN(o)->dict && g_dict_get_str(FN(o)->dict, "__annotations__"))
        return g_dict_del(FN(o)->dict, g_str_intern("__annotations__"));
    return 0;
}

static const GGetSetDef function_getsets[] = {
    { "__annotations__", fget_annotations, fset_annotations },
    { "__name__", fget_name, fset_name }, { "__qualname__", fget_qualname, fset_qualname },
    { "__doc__", fget_doc, fset_doc }, { "__module__", fget_module, fset_module },
    { "__code__", fget_code, NULL }, { "__globals__", fget_globals, NULL },
    { "__defaults__", fget_defaults, fset_defaults }, { "__kwdefaults__", fget_kwdefaults, NULL },
    { "__closure__", fget_closure, NULL },
    { NULL, NULL, NULL },
};

GType GFunction_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "function",
    .basicsize = sizeof(GFunction),
    .flags = G_TPFLAG_GC,
    .dictoffset = offsetof(GFunction, dict),
    .base = &GObject_type,
    .tp_dealloc = function_dealloc,
    .tp_traverse = function_traverse,
    .tp_repr = function_repr,
    .tp_call = g_function_call,
    .tp_descr_get = function_descr_get,
    .tp_getattr = g_generic_getattr,
    .tp_setattr = g_generic_setattr,
    .getsets = function_getsets,
};

/* ====================================================================================
 * builtin_function_or_method
 * ==================================================================================== */

GObject *g_cfunction_new(const GMethodDef *def, GObject *self)
{
    GCFunction *f = (GCFunction *)g_object_alloc(&GCFunction_type, sizeof(GCFunction));
    if (!f)
        return g_no_memory();
    f->def = def;
    f->self = self ? g_newref(self) : NULL;
    f->module = NULL;
    return (GObject *)f;
}

static void cfunction_dealloc(GObject *o)
{
    GCFunction *f = (GCFunction *)o;
    g_xdecref(f->self);
    g_xdecref(f->module);
    g_object_free(o);
}

static int cfunction_traverse(GObject *o, GVisitFn visit, void *arg)
{
    GCFunction *f = (GCFunction *)o;
    return f->self ? visit(f->self, arg) : 0;
}

static GObject *cfunction_call(GObject *o, GObject *const *args, size_t nargs, GObject *kwnames)
{
    GCFunction *f = (GCFunction *)o;
    return f->def->fn(f->self, args, nargs, kwnames);
}

static GObject *cfunction_repr(GObject *o)
{
    GCFunction *f = (GCFunction *)o;
    if (!f->self || G_TYPE(f->self) == &GModule_type)
        return g_format("<built-in function %s>", f->def->name);
    return g_format("<built-in method %s of %s object at %p>", f->def->name, g_type_name(f->self), (void *)f->self);
}

static GObject *cf_name(GObject *o) { return g_str_from_cstr(((GCFunction *)o)->def->name); }
static GObject *cf_doc(GObject *o)
{
    const char *d = ((GCFunction *)o)->def->doc;
    return d ? g_str_from_cstr(d) : g_newref(G_NONE);
}
static GObject *cf_self(GObject *o)
{
    GCFunction *f = (GCFunction *)o;
    return g_newref(f->self ? f->self : G_NONE);
}

static const GGetSetDef cfunction_getsets[] = {
    { "__name__", cf_name, NULL }, { "__qualname__", cf_name, NULL }, { "__doc__", cf_doc, NULL },
    { "__self__", cf_self, NULL },
    { NULL, NULL, NULL },
};

static int64_t cfunction_hash(GObject *o)
{
    GCFunction *f = (GCFunction *)o;
    return (int64_t)(((uintptr_t)f->def >> 4) ^ ((uintptr_t)f->self >> 4));
}

static GObject *cfunction_richcompare(GObject *a, GObject *b, GCmpOp op)
{
    if (G_TYPE(b) != &GCFunction_type || (op != CMP_EQ && op != CMP_NE))
        return g_newref(G_NOTIMPL);
    GCFunction *x = (GCFunction *)a, *y = (GCFunction *)b;
    bool eq = x->def == y->def && x->self == y->self;
    return g_bool(op == CMP_EQ ? eq : !eq);
}

GType GCFunction_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "builtin_function_or_method",
    .basicsize = sizeof(GCFunction),
    .flags = G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_dealloc = cfunction_dealloc,
    .tp_traverse = cfunction_traverse,
    .tp_repr = cfunction_repr,
    .tp_hash = cfunction_hash,
    .tp_richcompare = cfunction_richcompare,
    .tp_call = cfunction_call,
    .getsets = cfunction_getsets,
};

/* ====================================================================================
 * method_descriptor and classmethod_descriptor (C methods of built-in types)
 * ==================================================================================== */

static void descr_dealloc(GObject *o) { g_object_free(o); }

static GObject *methoddescr_get(GObject *d, GObject *obj, GType *type)
{
    GMethodDescr *m = (GMethodDescr *)d;
    if (G_TYPE(d) == &GClassMethodDescr_type)
        return g_cfunction_new(m->def, type ? (GObject *)type : (GObject *)G_TYPE(obj));
    if (m->def->flags & G_METH_STATIC)
        return g_cfunction_new(m->def, NULL);
    if (!obj)
        return g_newref(d);
    return g_cfunction_new(m->def, obj);
}

static GObject *methoddescr_call(GObject *d, GObject *const *args, size_t nargs, GObject *kwnames)
{
    GMethodDescr *m = (GMethodDescr *)d;
    if (G_TYPE(d) == &GClassMethodDescr_type)
        return m->def->fn((GObject *)m->type, args, nargs, kwnames);
    size_t npos = nargs - (kwnames ? (size_t)G_TUPLE_SIZE(kwnames) : 0);
    if (npos < 1)
        return g_raise(&GExc_TypeError, "unbound method %s.%s() needs an argument", m->type->name, m->def->name);
    if (!g_isinstance(args[0], m->type))
        return g_raise(&GExc_TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%T' object",
                       m->def->name, m->type->name, args[0]);
    return m->def->fn(args[0], args + 1, nargs - 1, kwnames);
}

static GObject *methoddescr_repr(GObject *d)
{
    GMethodDescr *m = (GMethodDescr *)d;
    return g_format("<method '%s' of '%s' objects>", m->def->name, m->type->name);
}

static GObject *md_name(GObject *o) { return g_str_from_cstr(((GMethodDescr *)o)->def->name); }
static const GGetSetDef methoddescr_getsets[] = {
    { "__name__", md_name, NULL },
    { NULL, NULL, NULL },
};

GType GMethodDescr_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "method_descriptor",
    .basicsize = sizeof(GMethodDescr),
    .base = &GObject_type,
    .tp_dealloc = descr_dealloc,
    .tp_repr = methoddescr_repr,
    .tp_call = methoddescr_call,
    .tp_descr_get = methoddescr_get,
    .getsets = methoddescr_getsets,
};

GType GClassMethodDescr_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "classmethod_descriptor",
    .basicsize = sizeof(GMethodDescr),
    .base = &GObject_type,
    .tp_dealloc = descr_dealloc,
    .tp_repr = methoddescr_repr,
    .tp_call = methoddescr_call,
    .tp_descr_get = methoddescr_get,
    .getsets = methoddescr_getsets,
};

/* ====================================================================================
 * getset_descriptor
 * ==================================================================================== */

static GObject *getset_get(GObject *d, GObject *obj, GType *type)
{
    (void)type;
    GGetSetDescr *g = (GGetSetDescr *)d;
    if (!obj)
        return g_newref(d);
    return g->def->get(obj);
}

static int getset_set(GObject *d, GObject *obj, GObject *value)
{
    GGetSetDescr *g = (GGetSetDescr *)d;
    if (!g->def->set) {
        g_raise(&GExc_AttributeError, "attribute '%s' of '%s' objects is not writable", g->def->name, g->type->name);
        return -1;
    }
    return g->def->set(obj, value);
}

static GObject *getset_repr(GObject *d)
{
    GGetSetDescr *g = (GGetSetDescr *)d;
    return g_format("<attribute '%s' of '%s' objects>", g->def->name, g->type->name);
}

GType GGetSetDescr_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "getset_descriptor",
    .basicsize = sizeof(GGetSetDescr),
    .base = &GObject_type,
    .tp_dealloc = descr_dealloc,
    .tp_repr = getset_repr,
    .tp_descr_get = getset_get,
    .tp_descr_set = getset_set,
};

/* ====================================================================================
 * method (bound)
 * ==================================================================================== */

GObject *g_bound_method_new(GObject *func, GObject *self)
{
    GBoundMethod *m = (GBoundMethod *)g_object_alloc(&GBoundMethod_type, sizeof(GBoundMethod));
    if (!m)
        return g_no_memory();
    m->func = g_newref(func);
    m->self = g_newref(self);
    return (GObject *)m;
}

static void method_dealloc(GObject *o)
{
    GBoundMethod *m = (GBoundMethod *)o;
    g_decref(m->func);
    g_decref(m->self);
    g_object_free(o);
}

static int method_traverse(GObject *o, GVisitFn visit, void *arg)
{
    GBoundMethod *m = (GBoundMethod *)o;
    return visit(m->func, arg) || visit(m->self, arg);
}

static GObject *method_call(GObject *o, GObject *const *args, size_t nargs, GObject *kwnames)
{
    GBoundMethod *m = (GBoundMethod *)o;
    GObject *small[8];
    GObject **full = nargs + 1 <= 8 ? small : g_mem_alloc((nargs + 1) * sizeof(GObject *));
    if (!full)
        return g_no_memory();
    full[0] = m->self;
    if (nargs)
        memcpy(full + 1, args, nargs * sizeof(GObject *));
    GObject *r = g_call(m->func, full, nargs + 1, kwnames);
    if (full != small)
        g_mem_free(full);
    return r;
}

static GObject *method_repr(GObject *o)
{
    GBoundMethod *m = (GBoundMethod *)o;
    GObject *name = g_getattr_opt(m->func, g_str_intern("__qualname__"));
    if (!name) {
        if (g_err_occurred())
            return NULL;
        name = g_str_from_cstr("?");
    }
    GObject *sr = g_repr(m->self);
    GObject *r = sr ? g_format("<bound method %U of %U>", name, sr) : NULL;
    g_decref(name);
    g_xdecref(sr);
    return r;
}

static GObject *method_getattr(GObject *o, GObject *name)
{
    GObject *r = g_generic_getattr(o, name);
    if (r || !g_err_matches(&GExc_AttributeError))
        return r;
    g_err_clear();
    return g_getattr(((GBoundMethod *)o)->func, name);
}

static GObject *bm_func(GObject *o) { return g_newref(((GBoundMethod *)o)->func); }
static GObject *bm_self(GObject *o) { return g_newref(((GBoundMethod *)o)->self); }

static const GGetSetDef method_getsets[] = {
    { "__func__", bm_func, NULL }, { "__self__", bm_self, NULL },
    { NULL, NULL, NULL },
};

static GObject *method_richcompare(GObject *a, GObject *b, GCmpOp op)
{
    if (G_TYPE(b) != &GBoundMethod_type || (op != CMP_EQ && op != CMP_NE))
        return g_newref(G_NOTIMPL);
    GBoundMethod *x = (GBoundMethod *)a, *y = (GBoundMethod *)b;
    bool eq = x->func == y->func && x->self == y->self;
    return g_bool(op == CMP_EQ ? eq : !eq);
}

static int64_t method_hash(GObject *o)
{
    GBoundMethod *m = (GBoundMethod *)o;
    return (int64_t)(((uintptr_t)m->func >> 4) ^ ((uintptr_t)m->self >> 4));
}

GType GBoundMethod_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "method",
    .basicsize = sizeof(GBoundMethod),
    .flags = G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_dealloc = method_dealloc,
    .tp_traverse = method_traverse,
    .tp_repr = method_repr,
    .tp_hash = method_hash,
    .tp_richcompare = method_richcompare,
    .tp_call = method_call,
    .tp_getattr = method_getattr,
    .getsets = method_getsets,
};
