/* object.c -- the roots of the type system: object, type, None, NotImplemented and
 * Ellipsis, plus generic attribute access.
 *
 * Attribute lookup on an instance (g_generic_getattr) follows Python's order:
 *
 *   1. look the name up along type(o).__mro__;
 *   2. if that finds a data descriptor (has __set__: property, getset), call it;
 *   3. else if o.__dict__ has the name, return that;
 *   4. else if step 1 found something, bind it (functions become bound methods)
 *      or return it as it is;
 *   5. else AttributeError.
 *
 * Looking an attribute up on a class (type_getattr) walks the class's own MRO and
 * binds with obj = None, so C.f is the plain function and C.cm a bound classmethod.
 *
 * g_type_ready fills a built-in type's dict from its C tables (methods, getsets and
 * slot wrappers) and computes its MRO; runtime start-up calls it for every type.
 */
#include <string.h>

#include "objects/objects.h"
#include "objects/mro.h"
#include "runtime/qsbr.h"
#include "runtime/race.h"
#include "objects/slotwrap.h"
#include "runtime/runtime.h"

/* ====================================================================================
 * Type relations and lookup
 * ==================================================================================== */

bool g_type_is_subtype(GType *a, GType *b)
{
    if (a == b)
        return true;
    if (a->mro) {
        GTuple *m = (GTuple *)a->mro;
        for (int64_t i = 0; i < m->size; i++)
            if (m->items[i] == (GObject *)b)
                return true;
        return false;
    }
    for (GType *t = a; t; t = t->base)
        if (t == b)
            return true;
    return false;
}

GObject *g_instance_dict_get_or_make(GObject **dp)
{
    /* acquire: a dict another thread installed is seen whole */
    GObject *d = atomic_load_explicit((GObject *_Atomic *)dp, memory_order_acquire);
    if (d)
        return d;
    GObject *fresh = g_dict_new();
    if (!fresh)
        return NULL;
    /* two threads setting the first attribute of one object at once: one dict wins,
     * the other thread drops its own and uses the winner's (acq_rel: publishes ours,
     * or sees theirs whole) */
    if (atomic_compare_exchange_strong_explicit((GObject *_Atomic *)dp, &d, fresh, memory_order_acq_rel,
                                                memory_order_acquire))
        return fresh;
    g_decref(fresh);
    return d;
}

GObject **g_instance_dict_ptr(GObject *o)
{
    ssize_t off = G_TYPE(o)->dictoffset;
    if (off <= 0)
        return NULL;
    return (GObject **)((char *)o + off);
}

int64_t g_hash_pointer(GObject *o)
{
    uintptr_t p = (uintptr_t)o;
    int64_t h = (int64_t)((p >> 4) | (p << (8 * sizeof(p) - 4)));
    return h == -1 ? -2 : h;
}

/* ====================================================================================
 * Generic attribute access
 * ==================================================================================== */

static GObject *no_attribute(GObject *o, GObject *name)
{
    return g_raise_named(&GExc_AttributeError, g_format("'%T' object has no attribute '%U'", o, name), name, o);
}

GObject *g_generic_getattr(GObject *o, GObject *name)
{
    GType *type = G_TYPE(o);
    GObject *descr = g_type_lookup(type, name);
    if (descr) {
        g_incref(descr);
        GType *dt = G_TYPE(descr);
        if (dt->tp_descr_get && dt->tp_descr_set) {
            GObject *r = dt->tp_descr_get(descr, o, type);
            g_decref(descr);
            return r;
        }
    }
    GObject **dp = g_instance_dict_ptr(o);
    /* acquire: another thread may have just installed it (g_instance_dict_get_or_make) */
    GObject *d = dp ? atomic_load_explicit((GObject *_Atomic *)dp, memory_order_acquire) : NULL;
    if (d) {
        GObject *v = g_is_str(name) && (name->ob_flags & G_STR_INTERNED) ? g_dict_get_interned(d, name)
                                                                         : g_dict_get(d, name);
        if (v) {
            g_xdecref(descr);
            return g_newref(v);
        }
    }
    if (descr) {
        GType *dt = G_TYPE(descr);
        if (dt->tp_descr_get) {
            GObject *r = dt->tp_descr_get(descr, o, type);
            g_decref(descr);
            return r;
        }
        return descr;
    }
    return no_attribute(o, name);
}

int g_generic_setattr(GObject *o, GObject *name, GObject *value)
{
    GType *type = G_TYPE(o);
    GObject *descr = g_type_lookup(type, name);
    if (descr && G_TYPE(descr)->tp_descr_set) {
        g_incref(descr);
        int r = G_TYPE(descr)->tp_descr_set(descr, o, value);
        g_decref(descr);
        return r;
    }
    GObject **dp = g_instance_dict_ptr(o);
    if (!dp) {
        if (descr)
            g_raise(&GExc_AttributeError, "'%T' object attribute '%U' is read-only", o, name);
        else
            no_attribute(o, name);
        return -1;
    }
    GObject *d = atomic_load_explicit((GObject *_Atomic *)dp, memory_order_acquire);
    if (!d) {
        if (!value) {
            no_attribute(o, name);
            return -1;
        }
        if (!(d = g_instance_dict_get_or_make(dp)))
            return -1;
    }
    if (value)
        return g_dict_set(d, name, value);
    if (g_dict_del(d, name) < 0) {
        if (g_err_matches(&GExc_KeyError)) {
            g_err_clear();
            no_attribute(o, name);
        }
        return -1;
    }
    return 0;
}

/* ====================================================================================
 * object
 * ==================================================================================== */

static int object_init(GObject *self, GObject *const *args, size_t nargs, GObject *kwnames);

/* Extra arguments are the other method's business: object.__new__ complains only if
 * __new__ is overridden (it is being called with them by super().__new__) or
 * __init__ is not (nobody takes them); object.__init__ the other way round. */
static GObject *object_new(GType *type, GObject *const *args, size_t nargs, GObject *kwnames)
{
    (void)args;
    if (nargs || kwnames) {
        if (type->tp_new != object_new)
            return g_raise(&GExc_TypeError, "object.__new__() takes exactly one argument (the type to instantiate)");
        if (type->tp_init == object_init)
            return g_raise(&GExc_TypeError, "%s() takes no arguments", type->name);
    }
    GObject *o = g_object_alloc(type, type->basicsize);
    if (!o)
        return g_no_memory();
    memset((char *)o + sizeof(GObject), 0, type->basicsize - sizeof(GObject));
    return o;
}

static int object_init(GObject *self, GObject *const *args, size_t nargs, GObject *kwnames)
{
    (void)args;
    GType *type = G_TYPE(self);
    if (nargs || kwnames) {
        if (type->tp_init != object_init) {
            g_raise(&GExc_TypeError, "object.__init__() takes exactly one argument (the instance to initialize)");
            return -1;
        }
        if (type->tp_new == object_new) {
            g_raise(&GExc_TypeError, "%s.__init__() takes exactly one argument (the instance to initialize)",
                    type->name);
            return -1;
        }
    }
    return 0;
}

/* A plain object() dies here.  Instances of classes defined in Python go through
 * class.c's subtype_dealloc, which also drops their __dict__ and their class. */
static void object_dealloc(GObject *o) { g_object_free(o); }

GObject *g_object_repr_default(GObject *o)
{
    GType *t = G_TYPE(o);
    if (t->module_name && !g_str_eq_cstr(t->module_name, "builtins"))
        return g_format("<%U.%s object at %p>", t->module_name, t->name, (void *)o);
    return g_format("<%s object at %p>", t->name, (void *)o);
}

static GObject *object_str(GObject *o) { return g_repr(o); }

static GObject *object_richcompare(GObject *a, GObject *b, GCmpOp op)
{
    if (op == CMP_EQ)
        return a == b ? G_TRUE : g_newref(G_NOTIMPL);
    if (op == CMP_NE) {
        GType *t = G_TYPE(a);
        if (t->tp_richcompare && t->tp_richcompare != object_richcompare) {
            GObject *r = t->tp_richcompare(a, b, CMP_EQ);
            if (!r || r == G_NOTIMPL)
                return r;
            int v = g_truthy(r);
            g_decref(r);
            return v < 0 ? NULL : g_bool(!v);
        }
        return a == b ? G_FALSE : g_newref(G_NOTIMPL);
    }
    return g_newref(G_NOTIMPL);
}

static GObject *object_format(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    if (g_no_kwargs("__format__", kw) < 0 || g_check_nargs("__format__", nargs, 1, 1) < 0)
        return NULL;
    if (!g_is_str(args[0]))
        return g_raise(&GExc_TypeError, "format spec must be str");
    if (g_str_nbytes(args[0]) > 0)
        return g_raise(&GExc_TypeError, "unsupported format string passed to %T.__format__", self);
    return g_str(self);
}

static GObject *object_dir(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)args; (void)nargs; (void)kw;
    GObject *names = g_set_new(&GSet_type, NULL);
    if (!names)
        return NULL;
    GObject **dp = g_instance_dict_ptr(self);
    if (dp && *dp) {
        int64_t pos = 0;
        GObject *k;
        while (g_dict_next(*dp, &pos, &k, NULL))
            g_set_add(names, k);
    }
    GTuple *m = (GTuple *)G_TYPE(self)->mro;
    for (int64_t i = 0; m && i < m->size; i++) {
        int64_t pos = 0;
        GObject *k;
        while (g_dict_next(((GType *)m->items[i])->dict, &pos, &k, NULL))
            g_set_add(names, k);
    }
    GObject *l = g_list_from_iterable(names);
    g_decref(names);
    if (l && g_list_sort(l, NULL, false) < 0)
        G_CLEAR(l);
    return l;
}

static GObject *object_new_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)self;
    if (nargs < 1)
        return g_raise(&GExc_TypeError, "object.__new__(): not enough arguments");
    if (!g_is_type(args[0]))
        return g_raise(&GExc_TypeError, "object.__new__(X): X is not a type object (%T)", args[0]);
    GType *t = (GType *)args[0];
    if (g_solid_base(t) != &GObject_type)
        return g_raise(&GExc_TypeError, "object.__new__(%s) is not safe, use %s.__new__()", t->name,
                       g_solid_base(t)->name);
    return object_new(t, args + 1, nargs - 1, kw);
}

static GObject *object_get_class(GObject *o) { return g_newref((GObject *)G_TYPE(o)); }

static GObject *object_get_dict(GObject *o)
{
    GObject **dp = g_instance_dict_ptr(o);
    if (!dp)
        return g_raise(&GExc_AttributeError, "'%T' object has no attribute '__dict__'", o);
    GObject *d = g_instance_dict_get_or_make(dp);
    return d ? g_newref(d) : NULL;
}

/* object.__init_subclass__: the end of every cooperative chain, taking nothing */
static GObject *object_init_subclass(GObject *cls, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)args;
    if (kw && G_TUPLE_SIZE(kw) > 0)
        return g_raise(&GExc_TypeError, "%s.__init_subclass__() takes no keyword arguments", ((GType *)cls)->name);
    if (nargs)
        return g_raise(&GExc_TypeError, "%s.__init_subclass__() takes no arguments (%zu given)",
                       ((GType *)cls)->name, nargs);
    return g_newref(G_NONE);
}

static const GMethodDef object_methods[] = {
    { "__init_subclass__", object_init_subclass, G_METH_CLASS, NULL },
    { "__format__", object_format, 0, NULL },
    { "__dir__", object_dir, 0, NULL },
    { "__new__", object_new_m, G_METH_STATIC, NULL },
    { NULL, NULL, 0, NULL },
};

static int object_set_dict(GObject *o, GObject *v)
{
    GObject **dp = g_instance_dict_ptr(o);
    if (!dp) {
        g_raise(&GExc_AttributeError, "'%T' object has no attribute '__dict__'", o);
        return -1;
    }
    if (!v || !g_is_dict(v)) {
        if (v)
            g_raise(&GExc_TypeError, "__dict__ must be set to a dictionary, not a '%T'", v);
        else
            g_raise(&GExc_TypeError, "cannot delete __dict__");
        return -1;
    }
    /* another thread may be reading the old dict without a lock (attribute
     * lookups do): it is dropped only after every thread has passed a quiescent
     * point (runtime/qsbr.h) */
    /* release: a reader's acquire load sees the new dict whole */
    GObject *old = atomic_exchange_explicit((GObject *_Atomic *)dp, g_newref(v), memory_order_acq_rel);
    if (old)
        g_qsbr_decref(old);
    return 0;
}

static const GGetSetDef object_getsets[] = {
    { "__class__", object_get_class, NULL },
    { "__dict__", object_get_dict, object_set_dict },
    { NULL, NULL, NULL },
};

GType GObject_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "object",
    .basicsize = sizeof(GObject),
    .flags = G_TPFLAG_BASETYPE,
    .base = NULL,
    .tp_new = object_new,
    .tp_init = object_init,
    .tp_dealloc = object_dealloc,
    .tp_repr = g_object_repr_default,
    .tp_str = object_str,
    .tp_hash = g_hash_pointer,
    .tp_richcompare = object_richcompare,
    .tp_getattr = g_generic_getattr,
    .tp_setattr = g_generic_setattr,
    .methods = object_methods,
    .getsets = object_getsets,
    .doc = "The base class of the class hierarchy.",
};

/* ====================================================================================
 * type
 * ==================================================================================== */

GObject *g_type_repr(GObject *o)
{
    GType *t = (GType *)o;
    if (t->module_name && !g_str_eq_cstr(t->module_name, "builtins"))
        return g_format("<class '%U.%s'>", t->module_name, t->name);
    return g_format("<class '%s'>", t->name);
}

static GObject *type_call(GObject *callable, GObject *const *args, size_t nargs, GObject *kwnames)
{
    GType *type = (GType *)callable;
    if (type == &GType_type && nargs == 1 && !kwnames)
        return g_newref((GObject *)G_TYPE(args[0]));
    if (!type->tp_new)
        return g_raise(&GExc_TypeError, "cannot create '%s' instances", type->name);
    GObject *o = type->tp_new(type, args, nargs, kwnames);
    if (!o || !g_isinstance(o, type))
        return o;
    if (type->tp_init && type->tp_init(o, args, nargs, kwnames) < 0) {
        g_decref(o);
        return NULL;
    }
    return o;
}

/* type(name, bases, ns, **kw), or a metaclass's inherited __new__: make a class
 * (class.c), with meta (type or a subclass) as its type. */
static GObject *type_new(GType *meta, GObject *const *args, size_t nargs, GObject *kwnames)
{
    size_t nkw = kwnames ? (size_t)G_TUPLE_SIZE(kwnames) : 0;
    size_t npos = nargs - nkw;
    if (npos != 3) {
        if (meta == &GType_type)
            return g_raise(&GExc_TypeError, "type() takes 1 or 3 arguments");
        return g_raise(&GExc_TypeError, "type.__new__() takes exactly 3 arguments (%zu given)", npos);
    }
    if (!g_is_str(args[0]))
        return g_raise(&GExc_TypeError, "type.__new__() argument 1 must be str, not %T", args[0]);
    if (!g_is_tuple(args[1]))
        return g_raise(&GExc_TypeError, "type.__new__() argument 2 must be tuple, not %T", args[1]);
    if (!g_is_dict(args[2]))
        return g_raise(&GExc_TypeError, "type.__new__() argument 3 must be dict, not %T", args[2]);
    /* the most derived metaclass of meta and the bases' types wins */
    GType *winner = meta;
    for (int64_t i = 0; i < G_TUPLE_SIZE(args[1]); i++) {
        GType *bt = G_TYPE(G_TUPLE_ITEM(args[1], i));
        if (g_type_is_subtype(winner, bt))
            continue;
        if (!g_type_is_subtype(bt, winner))
            return g_raise(&GExc_TypeError, "metaclass conflict: the metaclass of a derived class must be a "
                                            "(non-strict) subclass of the metaclasses of all its bases");
        winner = bt;
    }
    if (winner != meta && winner->tp_new != type_new)
        return winner->tp_new(winner, args, nargs, kwnames);
    meta = winner;
    return g_type_new_full(meta, args[0], args[1], args[2], args + 3, nkw ? kwnames : NULL);
}

/* type.__new__(meta, name, bases, ns, **kw), as a metaclass's __new__ calls it */
static GObject *type_new_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)self;
    size_t npos = nargs - (kw ? (size_t)G_TUPLE_SIZE(kw) : 0);
    if (npos < 1)
        return g_raise(&GExc_TypeError, "type.__new__(): not enough arguments");
    if (!g_is_type(args[0]))
        return g_raise(&GExc_TypeError, "type.__new__(X): X is not a type object (%T)", args[0]);
    if (!g_type_is_subtype((GType *)args[0], &GType_type))
        return g_raise(&GExc_TypeError, "type.__new__(%s): %s is not a subtype of type",
                       ((GType *)args[0])->name, ((GType *)args[0])->name);
    return type_new((GType *)args[0], args + 1, nargs - 1, kw);
}

/* type.__init__ checks the count and leaves the class as __new__ made it. */
static int type_init(GObject *self, GObject *const *args, size_t nargs, GObject *kwnames)
{
    (void)self; (void)args;
    size_t npos = nargs - (kwnames ? (size_t)G_TUPLE_SIZE(kwnames) : 0);
    if (npos != 1 && npos != 3) {
        g_raise(&GExc_TypeError, "type.__init__() takes 1 or 3 arguments");
        return -1;
    }
    return 0;
}

static GObject *type_getattr(GObject *o, GObject *name)
{
    GType *t = (GType *)o;
    GType *meta = G_TYPE(o);
    GObject *meta_attr = g_type_lookup(meta, name);
    if (meta_attr && G_TYPE(meta_attr)->tp_descr_set && G_TYPE(meta_attr)->tp_descr_get)
        return G_TYPE(meta_attr)->tp_descr_get(meta_attr, o, meta);
    GObject *attr = g_type_lookup(t, name);
    if (attr) {
        GType *at = G_TYPE(attr);
        if (at->tp_descr_get)
            return at->tp_descr_get(attr, NULL, t);
        return g_newref(attr);
    }
    if (meta_attr) {
        if (G_TYPE(meta_attr)->tp_descr_get)
            return G_TYPE(meta_attr)->tp_descr_get(meta_attr, o, meta);
        return g_newref(meta_attr);
    }
    return g_raise_named(&GExc_AttributeError, g_format("type object '%s' has no attribute '%U'", t->name, name),
                         name, o);
}

static int type_setattr(GObject *o, GObject *name, GObject *value)
{
    GType *t = (GType *)o;
    if (!(t->flags & G_TPFLAG_HEAPTYPE)) {
        g_raise(&GExc_TypeError, "cannot set '%U' attribute of immutable type '%s'", name, t->name);
        return -1;
    }
    GObject *meta_attr = g_type_lookup(G_TYPE(o), name);
    if (meta_attr && G_TYPE(meta_attr)->tp_descr_set)
        return G_TYPE(meta_attr)->tp_descr_set(meta_attr, o, value);
    int r;
    /* The old value stays alive until the tag is dropped: freeing it may run Python
     * code (a weakref callback), which must not find it in a cache still filed under
     * the old tag (typecache.c, the specialized instructions). */
    GObject *old = g_dict_get(t->dict, name);
    g_xincref(old);
    if (value) {
        r = g_dict_set(t->dict, name, value);
    } else {
        r = g_dict_del(t->dict, name);
        if (r < 0 && g_err_matches(&GExc_KeyError)) {
            g_err_clear();
            g_raise(&GExc_AttributeError, "type object '%s' has no attribute '%U'", t->name, name);
        }
    }
    g_type_modified(t);   /* after the change: typecache.c */
    g_xdecref(old);
    if (r < 0)
        return r;
    const char *s = g_str_data(name);
    if (s[0] == '_' && s[1] == '_')
        g_type_slots_changed(t);
    return r;
}

/* A built-in type of a module other than builtins is named as CPython names it,
 * "collections.deque": its __name__ is the part after the last dot, its __module__
 * the part before. */
static const char *dotted_name_tail(GType *t)
{
    const char *dot = (t->flags & G_TPFLAG_HEAPTYPE) ? NULL : strrchr(t->name, '.');
    return dot ? dot + 1 : t->name;
}

static GObject *type_get_name(GObject *o) { return g_str_from_cstr(dotted_name_tail((GType *)o)); }
static GObject *type_get_qualname(GObject *o)
{
    GType *t = (GType *)o;
    GObject *q = t->heap_qualname;
    return q ? g_newref(q) : g_str_from_cstr(dotted_name_tail(t));
}
static GObject *type_get_module(GObject *o)
{
    GType *t = (GType *)o;
    GObject *m = t->dict ? g_dict_get_str(t->dict, "__module__") : NULL;
    if (m)
        return g_newref(m);
    const char *tail = dotted_name_tail(t);
    if (tail != t->name)
        return g_str_new(t->name, (size_t)(tail - 1 - t->name));
    return g_str_from_cstr("builtins");
}
static int type_set_module(GObject *o, GObject *v)
{
    GType *t = (GType *)o;
    if (!(t->flags & G_TPFLAG_HEAPTYPE)) {
        g_raise(&GExc_TypeError, "cannot set '__module__' attribute of immutable type '%s'", t->name);
        return -1;
    }
    if (!v)
        return 0;
    g_setref(&t->module_name, g_newref(v));
    GObject *old = g_dict_get_str(t->dict, "__module__");   /* alive until the tag is dropped */
    g_xincref(old);
    int r = g_dict_set_str(t->dict, "__module__", v);
    g_type_modified(t);
    g_xdecref(old);
    return r;
}
static GObject *type_get_mro(GObject *o) { return g_newref(((GType *)o)->mro); }
static GObject *type_get_base(GObject *o)
{
    GType *t = (GType *)o;
    return g_newref(t->base ? (GObject *)t->base : G_NONE);
}
static GObject *type_get_bases(GObject *o)
{
    GType *t = (GType *)o;
    if (t->bases)
        return g_newref(t->bases);
    if (!t->base)
        return g_tuple_new(0);
    return g_tuple_pack(1, (GObject *)t->base);
}
static GObject *type_get_dict(GObject *o) { return g_mappingproxy_new(((GType *)o)->dict); }
static GObject *type_get_doc(GObject *o)
{
    GType *t = (GType *)o;
    GObject *d = t->dict ? g_dict_get_str(t->dict, "__doc__") : NULL;
    if (d) {
        if (G_TYPE(d)->tp_descr_get)
            return G_TYPE(d)->tp_descr_get(d, NULL, t);
        return g_newref(d);
    }
    return t->doc ? g_str_from_cstr(t->doc) : g_newref(G_NONE);
}

/* cls.__annotations__ is the class's own (never a base's): {} made on first look,
 * kept in the class dict (setdefault, so two threads looking at once get one dict).
 * Built-in types have none, as in CPython. */
static GObject *type_get_annotations(GObject *o)
{
    GType *t = (GType *)o;
    GObject *name = g_str_intern("__annotations__");
    if (!(t->flags & G_TPFLAG_HEAPTYPE))
        return g_raise_named(&GExc_AttributeError,
                             g_format("type object '%s' has no attribute '__annotations__'", t->name), name, o);
    GObject *d = g_dict_get(t->dict, name);
    if (d)
        return g_newref(d);
    GObject *fresh = g_dict_new();
    if (!fresh)
        return NULL;
    d = g_dict_setdefault(t->dict, name, fresh);
    g_decref(fresh);
    g_type_modified(t);
    return d;
}

static int type_set_annotations(GObject *o, GObject *v)
{
    GType *t = (GType *)o;
    if (!(t->flags & G_TPFLAG_HEAPTYPE)) {
        g_raise(&GExc_TypeError, "cannot set '__annotations__' attribute of immutable type '%s'", t->name);
        return -1;
    }
    GObject *name = g_str_intern("__annotations__");
    if (!v && !g_dict_get(t->dict, name)) {
        g_raise(&GExc_AttributeError, "__annotations__");
        return -1;
    }
    GObject *old = g_dict_get(t->dict, name);   /* alive until the tag is dropped */
    g_xincref(old);
    int r = v ? g_dict_set(t->dict, name, v) : g_dict_del(t->dict, name);
    g_type_modified(t);
    g_xdecref(old);
    return r;
}

static const GGetSetDef type_getsets[] = {
    { "__annotations__", type_get_annotations, type_set_annotations },
    { "__name__", type_get_name, NULL }, { "__qualname__", type_get_qualname, NULL },
    { "__module__", type_get_module, type_set_module }, { "__mro__", type_get_mro, NULL },
    { "__base__", type_get_base, NULL }, { "__bases__", type_get_bases, NULL },
    { "__dict__", type_get_dict, NULL }, { "__doc__", type_get_doc, NULL },
    { NULL, NULL, NULL },
};

static GObject *type_mro_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)args; (void)nargs; (void)kw;
    return g_list_from_iterable(((GType *)self)->mro);
}

static GObject *type_subclasscheck(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    if (g_no_kwargs("__subclasscheck__", kw) < 0 || g_check_nargs("__subclasscheck__", nargs, 1, 1) < 0)
        return NULL;
    if (!g_is_type(args[0]))
        return g_raise(&GExc_TypeError, "issubclass() arg 1 must be a class");
    return g_bool(g_type_is_subtype((GType *)args[0], (GType *)self));
}

static const GMethodDef type_methods[] = {
    { "mro", type_mro_m, 0, NULL },
    { "__new__", type_new_m, G_METH_STATIC, NULL },
    { "__subclasscheck__", type_subclasscheck, 0, NULL },
    { NULL, NULL, 0, NULL },
};

static void type_dealloc(GObject *o)
{
    GType *t = (GType *)o;
    if (!(t->flags & G_TPFLAG_HEAPTYPE))
        return;   /* static types are immortal */
    g_type_unregister_subclass(t);   /* first: until now its bases may update its slots */
    g_xdecref(t->dict);
    g_xdecref(t->mro);
    g_xdecref(t->bases);
    g_xdecref(t->heap_name);
    g_xdecref(t->heap_qualname);
    g_xdecref(t->module_name);
    if (t->base && (t->base->flags & G_TPFLAG_HEAPTYPE))
        g_decref((GObject *)t->base);
    g_race_forget(o);   /* --race: a class's own attributes are shadowed too */
    g_object_free(o);
}

static int type_traverse(GObject *o, GVisitFn visit, void *arg)
{
    GType *t = (GType *)o;
    if (!(t->flags & G_TPFLAG_HEAPTYPE))
        return 0;
    return (t->dict && visit(t->dict, arg)) || (t->mro && visit(t->mro, arg)) ||
           (t->bases && visit(t->bases, arg)) ||
           (t->base && (t->base->flags & G_TPFLAG_HEAPTYPE) && visit((GObject *)t->base, arg));
}

/* The collector found the class in an unreachable cycle (a class always is in one:
 * its mro holds it, and its methods' __class__ cells do).  Break them: empty its
 * namespace, and let its mro start at its base, so that a lookup still made on it
 * while the garbage is freed finds the base's attributes and nothing dangling. */
static void type_clear(GObject *o)
{
    GType *t = (GType *)o;
    if (!(t->flags & G_TPFLAG_HEAPTYPE))
        return;
    /* tags first: what the clear frees may run code that looks attributes up */
    g_type_modified(t);
    if (t->dict)
        g_dict_clear(t->dict);
    GObject *mro = t->mro;
    t->mro = t->base ? g_newref(t->base->mro) : NULL;
    g_type_modified(t);
    g_xdecref(mro);
}

GType GType_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "type",
    .basicsize = sizeof(GType),
    .flags = G_TPFLAG_TYPE | G_TPFLAG_GC | G_TPFLAG_BASETYPE,
    .base = &GObject_type,
    .tp_new = type_new,
    .tp_init = type_init,
    .tp_dealloc = type_dealloc,
    .tp_traverse = type_traverse,
    .tp_clear = type_clear,
    .tp_repr = g_type_repr,
    .tp_hash = g_hash_pointer,
    .tp_call = type_call,
    .tp_getattr = type_getattr,
    .tp_setattr = type_setattr,
    .nb = { [NB_OR] = g_type_or },      /* int | None (uniontype.c) */
    .methods = type_methods,
    .getsets = type_getsets,
};

/* ====================================================================================
 * None, NotImplemented, Ellipsis
 * ==================================================================================== */

static GObject *none_repr(GObject *o) { (void)o; return g_str_intern("None"); }
static int none_bool(GObject *o) { (void)o; return 0; }
static GObject *none_new(GType *t, GObject *const *a, size_t n, GObject *k)
{
    (void)t; (void)a; (void)k;
    if (n)
        return g_raise(&GExc_TypeError, "NoneType takes no arguments");
    return G_NONE;
}

GType GNone_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "NoneType",
    .basicsize = sizeof(GObject),
    .base = &GObject_type,
    .tp_new = none_new,
    .tp_repr = none_repr,
    .tp_hash = g_hash_pointer,
    .nb_bool = none_bool,
};

static GObject *notimpl_repr(GObject *o) { (void)o; return g_str_intern("NotImplemented"); }
GType GNotImpl_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "NotImplementedType",
    .basicsize = sizeof(GObject),
    .base = &GObject_type,
    .tp_repr = notimpl_repr,
    .tp_hash = g_hash_pointer,
};

static GObject *ellipsis_repr(GObject *o) { (void)o; return g_str_intern("Ellipsis"); }
GType GEllipsis_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "ellipsis",
    .basicsize = sizeof(GObject),
    .base = &GObject_type,
    .tp_repr = ellipsis_repr,
    .tp_hash = g_hash_pointer,
};

GObject g_None_obj = G_STATIC_HEADER(&GNone_type);
GObject g_NotImplemented_obj = G_STATIC_HEADER(&GNotImpl_type);
GObject g_Ellipsis_obj = G_STATIC_HEADER(&GEllipsis_type);

/* ====================================================================================
 * Readying static types
 * ==================================================================================== */

/* Inherit the slots a static type leaves empty from its base (as CPython's
 * inherit_slots does), so every type answers every protocol its base answers. */
static void inherit_slots(GType *t)
{
    GType *b = t->base;
    if (!b)
        return;
#define INHERIT(f) if (!t->f) t->f = b->f
    INHERIT(tp_dealloc); INHERIT(tp_repr); INHERIT(tp_str); INHERIT(tp_richcompare);
    INHERIT(tp_getattr); INHERIT(tp_setattr); INHERIT(tp_init);
    if (!t->tp_hash && !(t->flags & (G_TPFLAG_LIST | G_TPFLAG_DICT)) && t != &GSet_type && t != &GByteArray_type)
        t->tp_hash = b->tp_hash;
    INHERIT(tp_traverse);
    if (!t->dictoffset)
        t->dictoffset = b->dictoffset;
#undef INHERIT
}

void g_type_add_methods(GType *t, const GMethodDef *defs)
{
    for (const GMethodDef *m = defs; m && m->name; m++) {
        GMethodDescr *d = (GMethodDescr *)g_object_alloc(
            (m->flags & G_METH_CLASS) ? &GClassMethodDescr_type : &GMethodDescr_type, sizeof(GMethodDescr));
        d->type = t;
        d->def = m;
        g_set_immortal((GObject *)d);
        g_dict_set_str(t->dict, m->name, (GObject *)d);
    }
    g_type_modified(t);
}

/* int.__new__(cls, ...) and the like: a built-in type's own constructor, made
 * callable with any subclass as cls (enum makes IntEnum members with it). */
static GObject *tp_new_wrapper(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    GType *t = (GType *)self;
    size_t npos = nargs - (kw ? (size_t)G_TUPLE_SIZE(kw) : 0);
    if (npos < 1)
        return g_raise(&GExc_TypeError, "%s.__new__(): not enough arguments", t->name);
    if (!g_is_type(args[0]))
        return g_raise(&GExc_TypeError, "%s.__new__(X): X is not a type object (%T)", t->name, args[0]);
    GType *sub = (GType *)args[0];
    if (!g_type_is_subtype(sub, t))
        return g_raise(&GExc_TypeError, "%s.__new__(%s): %s is not a subtype of %s", t->name, sub->name,
                       sub->name, t->name);
    return t->tp_new(sub, args + 1, nargs - 1, kw);
}

static const GMethodDef tp_new_def = { "__new__", tp_new_wrapper, 0, NULL };

static void add_new_wrapper(GType *t)
{
    if (t == &GObject_type || !t->tp_new || (t->base && t->tp_new == t->base->tp_new) ||
        g_dict_get_str(t->dict, "__new__"))
        return;
    GObject *f = g_cfunction_new(&tp_new_def, (GObject *)t);
    g_set_immortal(f);
    g_dict_set_str(t->dict, "__new__", f);
}

void g_type_ready(GType *t)
{
    if (t->dict)
        return;
    if (t->base)
        g_type_ready(t->base);
    inherit_slots(t);
    t->dict = g_dict_new();
    g_set_immortal(t->dict);
    g_type_add_methods(t, t->methods);
    for (const GGetSetDef *g = t->getsets; g && g->name; g++) {
        GGetSetDescr *d = (GGetSetDescr *)g_object_alloc(&GGetSetDescr_type, sizeof(GGetSetDescr));
        d->type = t;
        d->def = g;
        g_set_immortal((GObject *)d);
        g_dict_set_str(t->dict, g->name, (GObject *)d);
    }
    g_add_slot_wrappers(t);
    /* a mutable container is unhashable on purpose: list.__hash__ is None, as in
     * CPython (dataclasses and hashability checks look for exactly that) */
    if (!t->tp_hash && t->base && t->base->tp_hash && !g_dict_get_str(t->dict, "__hash__"))
        g_dict_set_str(t->dict, "__hash__", G_NONE);
    add_new_wrapper(t);
    if (t->tp_new && !g_dict_get_str(t->dict, "__new__") && t != &GObject_type) {
        /* __new__ is reached through the type's call; nothing to add */
    }
    int64_t depth = 0;
    for (GType *b = t; b; b = b->base)
        depth++;
    GObject *mro = g_tuple_new(depth);
    int64_t i = 0;
    for (GType *b = t; b; b = b->base)
        G_TUPLE_ITEM(mro, i++) = (GObject *)b;
    g_set_immortal(mro);
    t->mro = mro;
    if (!g_dict_get_str(t->dict, "__doc__")) {
        GObject *doc = t->doc ? g_str_from_cstr(t->doc) : G_NONE;
        g_set_immortal(doc);
        g_dict_set_str(t->dict, "__doc__", doc);
    }
    g_type_modified(t);   /* a lookup made while it was being filled is stale */
}
