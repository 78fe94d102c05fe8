/* super.c -- super(): attribute lookup that starts after a class in an MRO.
 *
 * super(C, obj) remembers three things: C, obj, and obj's type (or obj itself
 * when obj is a class, as in a classmethod).  Looking an attribute up on it walks
 * type(obj).__mro__ from the entry *after* C, so in a diamond
 *
 *     class A; class B(A); class C(A); class D(B, C)      D.__mro__ = D B C A object
 *
 * super(B, d).f finds C.f, not A.f: each class's super() call hands over to the
 * next class of the *instance's* MRO, which is what makes cooperative
 * __init__(**kw) chains and mixins work.  What it finds is bound to obj (a
 * function becomes a method of obj; a classmethod binds obj's class).
 *
 * super() without arguments finds C in the __class__ cell the compiler creates
 * for a method that mentions super, and obj in the method's first argument
 * (vm/eval_support.c's g_super_from_frame).
 *
 * A super object never changes after it is made and the MROs it walks are
 * immutable tuples: nothing here needs a lock.
 */
#include "objects/objects.h"
#include "vm/vm.h"

static GObject *super_make(GType *type, GObject *obj)
{
    GType *obj_type;
    if (g_is_type(obj) && g_type_is_subtype((GType *)obj, type))
        obj_type = (GType *)obj;
    else if (g_isinstance(obj, type))
        obj_type = G_TYPE(obj);
    else
        return g_raise(&GExc_TypeError, "super(type, obj): obj must be an instance or subtype of type");
    GSuper *s = (GSuper *)g_object_alloc(&GSuper_type, sizeof(GSuper));
    if (!s)
        return g_no_memory();
    s->type = (GType *)g_newref((GObject *)type);
    s->obj = g_newref(obj);
    s->obj_type = (GType *)g_newref((GObject *)obj_type);
    return (GObject *)s;
}

static GObject *super_new(GType *t, GObject *const *args, size_t nargs, GObject *kwnames)
{
    (void)t;
    if (g_no_kwargs("super", kwnames) < 0 || g_check_nargs("super", nargs, 0, 2) < 0)
        return NULL;
    if (nargs == 2) {
        if (!g_is_type(args[0]))
            return g_raise(&GExc_TypeError, "super() argument 1 must be a type, not %T", args[0]);
        return super_make((GType *)args[0], args[1]);
    }
    if (nargs == 1)
        return g_raise(&GExc_TypeError, "gilt supports super() and super(type, obj) only");
    GObject *cls = NULL, *self = NULL;
    if (g_super_from_frame(&cls, &self) < 0)
        return NULL;
    return super_make((GType *)cls, self);
}

static GObject *super_getattr(GObject *o, GObject *name)
{
    GSuper *s = (GSuper *)o;
    if (g_str_eq_cstr(name, "__class__"))
        return g_generic_getattr(o, name);   /* the super object's own class */
    GTuple *m = (GTuple *)s->obj_type->mro;
    int64_t i = 0;
    while (i < m->size && m->items[i] != (GObject *)s->type)
        i++;
    for (i++; i < m->size; i++) {
        GType *b = (GType *)m->items[i];
        GObject *v = g_dict_get(b->dict, name);
        if (v) {
            GType *vt = G_TYPE(v);
            if (vt->tp_descr_get)
                return vt->tp_descr_get(v, s->obj == (GObject *)s->obj_type ? NULL : s->obj, s->obj_type);
            return g_newref(v);
        }
    }
    return g_generic_getattr(o, name);
}

static GObject *super_self(GObject *o) { return g_newref(((GSuper *)o)->obj); }
static GObject *super_thisclass(GObject *o) { return g_newref((GObject *)((GSuper *)o)->type); }
static GObject *super_self_class(GObject *o) { return g_newref((GObject *)((GSuper *)o)->obj_type); }

static const GGetSetDef super_getsets[] = {
    { "__self__", super_self, NULL },
    { "__thisclass__", super_thisclass, NULL },
    { "__self_class__", super_self_class, NULL },
    { NULL, NULL, NULL },
};

static void super_dealloc(GObject *o)
{
    GSuper *s = (GSuper *)o;
    g_decref((GObject *)s->type);
    g_decref(s->obj);
    g_decref((GObject *)s->obj_type);
    g_object_free(o);
}

static int super_traverse(GObject *o, GVisitFn visit, void *arg)
{
    GSuper *s = (GSuper *)o;
    return visit(s->obj, arg);
}

static GObject *super_repr(GObject *o)
{
    GSuper *s = (GSuper *)o;
    return g_format("<super: <class '%s'>, <%s object>>", s->type->name, s->obj_type->name);
}

GType GSuper_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "super",
    .basicsize = sizeof(GSuper),
    .flags = G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_new = super_new,
    .tp_dealloc = super_dealloc,
    .tp_traverse = super_traverse,
    .tp_repr = super_repr,
    .tp_getattr = super_getattr,
    .getsets = super_getsets,
};
