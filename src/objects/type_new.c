/* type_new.c -- making a class: class statements, type(name, bases, ns), metaclasses.
 *
 * Making a class (g_build_class, for a class statement): choose the metaclass
 * (the metaclass= keyword or the most derived of the bases' types), let it
 * __prepare__ the namespace, run the body into it, then call the metaclass with
 * (name, bases, namespace, **keywords).  For plain classes that call is
 * g_type_new_full: the type itself (g_type_new_heap: the layout base and the MRO
 * from mro.c, the C slots from class.c), then __set_name__ on the attributes, then
 * __init_subclass__(**keywords) of the first base that has one.  A class is
 * complete before it is returned, so no other thread ever sees it half made.
 *
 * Changing a dunder later (C.__len__ = f): the C slots of C and of every class
 * below it are chosen again, with the world stopped (g_type_slots_changed), because
 * every thread reads the slot pointers without a lock.  Each heap class keeps a
 * list of its subclasses for this, as plain pointers guarded by types_mu: a class
 * leaves its bases' lists at the start of its dealloc, so the lists only ever hold
 * whole classes.
 */
#include <string.h>

#include "debug.h"
#include "objects/class_internal.h"
#include "objects/objects.h"
#include "objects/mro.h"
#include "runtime/race.h"
#include "runtime/runtime.h"
#include "runtime/stw.h"
#include "runtime/threadstate.h"
#include "vm/vm.h"

/* ====================================================================================
 * Subclass lists, and slots that change after a class is made
 * ==================================================================================== */

/* Under types_mu.  -1 (no exception) if out of memory. */
static int add_subclass(GType *base, GType *sub)
{
    if (base->nsubclasses == base->subclasses_cap) {
        int32_t cap = base->subclasses_cap ? 2 * base->subclasses_cap : 4;
        GType **grown = g_mem_realloc(base->subclasses, (size_t)cap * sizeof(GType *));
        if (!grown)
            return -1;
        base->subclasses = grown;
        base->subclasses_cap = cap;
    }
    base->subclasses[base->nsubclasses++] = sub;
    return 0;
}

/* A new class joins the lists of its bases written in Python (a built-in type's
 * attributes never change, so its subclasses need no telling). */
static int register_subclass(GType *t)
{
    int r = 0;
    g_raw_lock(&g_runtime.types_mu);
    for (int64_t i = 0; i < G_TUPLE_SIZE(t->bases) && r == 0; i++) {
        GType *b = (GType *)G_TUPLE_ITEM(t->bases, i);
        if (b->flags & G_TPFLAG_HEAPTYPE)
            r = add_subclass(b, t);
    }
    g_raw_unlock(&g_runtime.types_mu);
    if (r < 0)
        g_no_memory();
    return r;
}

void g_type_unregister_subclass(GType *t)
{
    if (!t->bases)
        return;
    g_raw_lock(&g_runtime.types_mu);
    for (int64_t i = 0; i < G_TUPLE_SIZE(t->bases); i++) {
        GType *b = (GType *)G_TUPLE_ITEM(t->bases, i);
        for (int32_t j = 0; j < b->nsubclasses; j++)
            if (b->subclasses[j] == t) {
                b->subclasses[j] = b->subclasses[--b->nsubclasses];
                break;
            }
    }
    /* its own subclasses held references to it: they are all gone */
    G_ASSERT(t->nsubclasses == 0);
    g_raw_unlock(&g_runtime.types_mu);
    g_mem_free(t->subclasses);
    t->subclasses = NULL;
}

static void update_tree(GType *t)
{
    g_type_update_slots(t);
    /* again, now the slots are the new ones: a thread that tagged t between the
     * dict change and this stop saw the old __getattribute__/__setattr__ and may
     * have specialized on it (typecache.c) */
    g_type_drop_version(t);
    for (int32_t i = 0; i < t->nsubclasses; i++)
        update_tree(t->subclasses[i]);
}

/* A dunder of t was set or deleted: t and every class below it choose their C
 * slots again.  Other threads read those function pointers without any lock (each
 * call of len(), +, repr ... does), so they are rewritten with the world stopped;
 * that also makes the subclass lists safe to walk (nobody adds or removes while
 * every other thread is parked).  Setting a dunder on a class after it is made is
 * rare, so the stop's cost (a safepoint) is paid rarely. */
void g_type_slots_changed(GType *t)
{
    GThreadState *ts = g_tstate();
    g_stop_the_world(ts);
    g_runtime.stw_reason = 2;   /* set while holding the stop */
    update_tree(t);
    g_start_the_world(ts);
}

/* ====================================================================================
 * Creating classes
 * ==================================================================================== */

static void subtype_dealloc(GObject *o)
{
    GType *t = G_TYPE(o);
    GObject **dp = g_instance_dict_ptr(o);
    if (dp)
        G_CLEAR(*dp);
    GType *sb = g_first_static_base(t);
    g_race_forget(o);   /* --race: its address may be the next instance's */
    sb->tp_dealloc(o);
    g_decref((GObject *)t);
}

static int subtype_traverse(GObject *o, GVisitFn visit, void *arg)
{
    GObject **dp = g_instance_dict_ptr(o);
    if (dp && *dp && visit(*dp, arg))
        return 1;
    if (visit((GObject *)G_TYPE(o), arg))
        return 1;
    GType *sb = g_first_static_base(G_TYPE(o));
    return sb->tp_traverse ? sb->tp_traverse(o, visit, arg) : 0;
}

/* The collector breaks a cycle through an instance by dropping its __dict__ (and
 * the contents of a list, dict or set it extends). */
static void subtype_clear(GObject *o)
{
    GObject **dp = g_instance_dict_ptr(o);
    if (dp && *dp) {
        GObject *d = *dp;
        *dp = NULL;
        g_decref(d);
    }
    GType *sb = g_first_static_base(G_TYPE(o));
    if (sb->tp_clear)
        sb->tp_clear(o);
}

/* Names that Python makes implicit staticmethods or classmethods when a class
 * body defines them as plain functions. */
static int wrap_implicit(GObject *dict, const char *name, GType *wrapper)
{
    GObject *f = g_dict_get_str(dict, name);
    if (!f || G_TYPE(f) != &GFunction_type)
        return 0;
    GObject *w = g_call1((GObject *)wrapper, f);
    int r = w ? g_dict_set_str(dict, name, w) : -1;
    g_xdecref(w);
    return r;
}

/* The class body left a __classcell__ in the namespace when a method uses super()
 * or __class__: take it out (it is no attribute) and hand it back, new ref. */
static GObject *take_classcell(GObject *dict)
{
    GObject *cell = g_dict_get_str(dict, "__classcell__");
    if (!cell)
        return NULL;
    g_incref(cell);
    if (g_dict_del(dict, g_str_intern("__classcell__")) < 0) {
        g_err_clear();
    }
    return cell;
}

/* The fields that differ from the layout base's (which memcpy copied). */
static int init_heap_type(GType *t, GType *base, GObject *name, GObject *bases, GObject *ns)
{
    t->heap_name = g_newref(name);
    t->heap_qualname = NULL;
    t->name = g_str_data(name);
    t->flags = G_TPFLAG_HEAPTYPE | G_TPFLAG_BASETYPE | G_TPFLAG_GC |
               (base->flags & (G_TPFLAG_EXC | G_TPFLAG_INT | G_TPFLAG_STR | G_TPFLAG_TUPLE |
                               G_TPFLAG_LIST | G_TPFLAG_DICT | G_TPFLAG_TYPE));
    t->base = base;
    if (base->flags & G_TPFLAG_HEAPTYPE)
        g_incref((GObject *)base);
    t->bases = g_newref(bases);
    t->subclasses = NULL;
    t->nsubclasses = t->subclasses_cap = 0;
    atomic_init(&t->version_tag, 0);   /* memcpy copied the base's */
    t->methods = NULL;
    t->getsets = NULL;
    t->doc = NULL;
    t->dict = NULL;
    t->mro = NULL;
    t->module_name = NULL;
    /* a __dict__ for the instances, unless the base has one, is variable-sized
     * (int, str, tuple) or is type (a class's namespace is its own dict) */
    if (!base->dictoffset && base->itemsize == 0 && !(base->flags & G_TPFLAG_TYPE)) {
        t->dictoffset = (ssize_t)base->basicsize;
        t->basicsize = base->basicsize + sizeof(GObject *);
    }
    t->tp_dealloc = subtype_dealloc;
    t->tp_traverse = subtype_traverse;
    t->tp_clear = subtype_clear;
    t->dict = g_dict_copy(ns);
    if (!t->dict)
        return -1;
    if (wrap_implicit(t->dict, "__new__", &GStaticMethod_type) < 0 ||
        wrap_implicit(t->dict, "__init_subclass__", &GClassMethod_type) < 0 ||
        wrap_implicit(t->dict, "__class_getitem__", &GClassMethod_type) < 0)
        return -1;
    /* defining __eq__ without __hash__ makes instances unhashable, as in Python */
    if (g_dict_get_str(t->dict, "__eq__") && !g_dict_get_str(t->dict, "__hash__") &&
        g_dict_set_str(t->dict, "__hash__", G_NONE) < 0)
        return -1;
    GObject *mod = g_dict_get_str(t->dict, "__module__");
    if (!mod) {
        GObject *globals = g_current_globals();
        mod = globals ? g_dict_get_str(globals, "__name__") : NULL;
        if (mod && g_dict_set_str(t->dict, "__module__", mod) < 0)
            return -1;
    }
    t->module_name = mod ? g_newref(mod) : NULL;
    GObject *qn = g_dict_get_str(t->dict, "__qualname__");
    if (qn && !g_is_str(qn)) {
        g_raise(&GExc_TypeError, "type __qualname__ must be a str, not %T", qn);
        return -1;
    }
    t->heap_qualname = g_newref(qn ? qn : name);
    if (qn && g_dict_del(t->dict, g_str_intern("__qualname__")) < 0)
        return -1;
    if (!g_dict_get_str(t->dict, "__doc__") && g_dict_set_str(t->dict, "__doc__", G_NONE) < 0)
        return -1;
    t->mro = g_mro_compute(t, bases);
    return t->mro ? 0 : -1;
}

/* type.__new__(meta, name, bases, ns): a class whose type is meta.  The layout base
 * and the MRO come from mro.c; the slots from g_type_update_slots. */
GObject *g_type_new_heap(GType *meta, GObject *name, GObject *bases, GObject *ns)
{
    GObject *own_bases = G_TUPLE_SIZE(bases) ? g_newref(bases) : g_tuple_pack(1, (GObject *)&GObject_type);
    if (!own_bases)
        return NULL;
    GType *base = g_best_base(own_bases);
    if (!base) {
        g_decref(own_bases);
        return NULL;
    }
    G_ASSERT(meta->basicsize >= sizeof(GType));
    GType *t = (GType *)g_object_alloc(meta, meta->basicsize);
    if (!t) {
        g_decref(own_bases);
        return g_no_memory();
    }
    memcpy((char *)t + sizeof(GObject), (char *)base + sizeof(GObject), sizeof(GType) - sizeof(GObject));
    memset((char *)t + sizeof(GType), 0, meta->basicsize - sizeof(GType));
    int r = init_heap_type(t, base, name, own_bases, ns);
    g_decref(own_bases);
    if (r < 0) {
        g_decref((GObject *)t);
        return NULL;
    }
    GObject *cell = take_classcell(t->dict);
    g_type_update_slots(t);
    if (register_subclass(t) < 0) {
        g_xdecref(cell);
        g_decref((GObject *)t);
        return NULL;
    }
    if (cell && G_TYPE(cell) == &GCell_type)
        g_cell_store((GCell *)cell, g_newref((GObject *)t));
    g_xdecref(cell);
    g_type_modified(t);   /* lookups made while it was built saw a namespace in the making */
    return (GObject *)t;
}

/* Each attribute value whose type has __set_name__ learns its owner and name. */
static int call_set_names(GType *t)
{
    GDictEntry *e;
    int64_t n;
    if (g_dict_snapshot(t->dict, &e, &n) < 0)
        return -1;
    int r = 0;
    GObject *set_name = g_str_intern("__set_name__");
    for (int64_t i = 0; i < n && r == 0; i++) {
        if (!(G_TYPE(e[i].value)->flags & G_TPFLAG_HEAPTYPE))
            continue;   /* no built-in value has __set_name__ */
        GObject *f = g_lookup_special(e[i].value, set_name);
        if (!f) {
            r = g_err_occurred() ? -1 : 0;
            continue;
        }
        GObject *args[2] = { (GObject *)t, e[i].key };
        GObject *res = g_call(f, args, 2, NULL);
        g_decref(f);
        if (!res) {
            r = -1;
        } else {
            g_decref(res);
        }
    }
    g_dict_snapshot_free(e, n);
    return r;
}

/* super(t, t).__init_subclass__(**kw): the first base class that defines it;
 * object's takes no keywords. */
static int call_init_subclass(GType *t, GObject *const *kwvalues, GObject *kwnames)
{
    GTuple *m = (GTuple *)t->mro;
    GObject *name = g_str_intern("__init_subclass__");
    for (int64_t i = 1; i < m->size; i++) {
        GType *b = (GType *)m->items[i];
        GObject *v = g_dict_get_interned(b->dict, name);
        if (!v)
            continue;
        GObject *bound = G_TYPE(v)->tp_descr_get ? G_TYPE(v)->tp_descr_get(v, NULL, t) : g_newref(v);
        if (!bound)
            return -1;
        size_t nkw = kwnames ? (size_t)G_TUPLE_SIZE(kwnames) : 0;
        GObject *r = g_call(bound, kwvalues, nkw, nkw ? kwnames : NULL);
        g_decref(bound);
        if (!r)
            return -1;
        g_decref(r);
        return 0;
    }
    return 0;
}

GObject *g_type_new_full(GType *meta, GObject *name, GObject *bases, GObject *ns,
                         GObject *const *kwvalues, GObject *kwnames)
{
    GObject *t = g_type_new_heap(meta, name, bases, ns);
    if (!t)
        return NULL;
    if (call_set_names((GType *)t) < 0 || call_init_subclass((GType *)t, kwvalues, kwnames) < 0) {
        g_decref(t);
        return NULL;
    }
    return t;
}

/* The metaclass of a class with these bases: the most derived of `meta` (the
 * metaclass= keyword, or type) and the bases' types.  Each must be a subclass of
 * the winner, or the metaclasses conflict. */
static GType *calculate_meta(GType *meta, GObject *bases)
{
    GType *winner = meta;
    for (int64_t i = 0; i < G_TUPLE_SIZE(bases); i++) {
        GType *bt = G_TYPE(G_TUPLE_ITEM(bases, i));
        if (g_type_is_subtype(winner, bt))
            continue;
        if (g_type_is_subtype(bt, winner)) {
            winner = bt;
            continue;
        }
        g_raise(&GExc_TypeError, "metaclass conflict: the metaclass of a derived class must be a "
                                 "(non-strict) subclass of the metaclasses of all its bases");
        return NULL;
    }
    return winner;
}

/* The keywords of a class statement, apart from metaclass=. */
typedef struct {
    GObject *meta;           /* borrowed, or NULL */
    GObject *kwnames;        /* new ref, or NULL when none are left */
    GObject **values;        /* g_mem_alloc'ed, or NULL */
} ClassKw;

static int split_class_kw(GObject *const *kwvalues, GObject *kwnames, ClassKw *out)
{
    *out = (ClassKw){ NULL, NULL, NULL };
    int64_t n = kwnames ? G_TUPLE_SIZE(kwnames) : 0;
    int64_t rest = 0;
    for (int64_t i = 0; i < n; i++) {
        if (g_str_eq_cstr(G_TUPLE_ITEM(kwnames, i), "metaclass"))
            out->meta = kwvalues[i];
        else
            rest++;
    }
    if (rest == 0)
        return 0;
    out->kwnames = g_tuple_new(rest);
    out->values = g_mem_alloc((size_t)rest * sizeof(GObject *));
    if (!out->kwnames || !out->values) {
        g_xdecref(out->kwnames);
        g_mem_free(out->values);
        g_no_memory();
        return -1;
    }
    int64_t j = 0;
    for (int64_t i = 0; i < n; i++) {
        if (g_str_eq_cstr(G_TUPLE_ITEM(kwnames, i), "metaclass"))
            continue;
        G_TUPLE_ITEM(out->kwnames, j) = g_newref(G_TUPLE_ITEM(kwnames, i));
        out->values[j++] = kwvalues[i];
    }
    return 0;
}

static void class_kw_free(ClassKw *k)
{
    g_xdecref(k->kwnames);
    g_mem_free(k->values);
}

/* f(*pos, **kw), the keywords being a class statement's. */
static GObject *call_with_class_kw(GObject *f, GObject *const *pos, size_t npos, const ClassKw *kw)
{
    size_t nkw = kw->kwnames ? (size_t)G_TUPLE_SIZE(kw->kwnames) : 0;
    GObject *small[10];
    GObject **args = npos + nkw <= 10 ? small : g_mem_alloc((npos + nkw) * sizeof(GObject *));
    if (!args)
        return g_no_memory();
    memcpy(args, pos, npos * sizeof(GObject *));
    if (nkw)
        memcpy(args + npos, kw->values, nkw * sizeof(GObject *));
    GObject *r = g_call(f, args, npos + nkw, kw->kwnames);
    if (args != small)
        g_mem_free(args);
    return r;
}

/* metaclass.__prepare__(name, bases, **kw) if a metaclass written in Python has
 * one; a new dict otherwise.  New reference. */
static GObject *prepare_namespace(GObject *meta, GObject *name, GObject *bases, const ClassKw *kw)
{
    GObject *prep = g_is_type(meta) ? g_heap_defines((GType *)meta, "__prepare__") : NULL;
    if (!prep)
        return g_dict_new();
    GObject *f = g_getattr(meta, g_str_intern("__prepare__"));
    if (!f)
        return NULL;
    GObject *pos[2] = { name, bases };
    GObject *ns = call_with_class_kw(f, pos, 2, kw);
    g_decref(f);
    if (ns && !g_is_dict(ns)) {
        g_raise(&GExc_TypeError, "gilt: %s.__prepare__() must return a dict, not %T",
                ((GType *)meta)->name, ns);
        G_CLEAR(ns);
    }
    return ns;
}

/* __build_class__(func, name, *bases, **kw): pick the metaclass, prepare the
 * namespace, run the class body into it, then call the metaclass. */
GObject *g_build_class(GObject *func, GObject *name, GObject *const *bases, size_t nbases, GObject *kwnames)
{
    ClassKw kw;
    if (split_class_kw(bases + nbases, kwnames, &kw) < 0)
        return NULL;
    GObject *cls = NULL, *ns = NULL;
    GObject *bt = g_tuple_from_array(bases, (int64_t)nbases);
    if (!bt)
        goto done;
    GObject *meta = kw.meta;
    if (!meta)
        meta = nbases ? (GObject *)G_TYPE(bases[0]) : (GObject *)&GType_type;
    if (g_is_type(meta)) {
        GType *m = calculate_meta((GType *)meta, bt);
        if (!m)
            goto done;
        meta = (GObject *)m;
    }
    ns = prepare_namespace(meta, name, bt, &kw);
    if (!ns)
        goto done;
    GObject *r = g_eval_class_body((GFunction *)func, ns);
    if (!r)
        goto done;
    g_decref(r);
    GObject *pos[3] = { name, bt, ns };
    if (meta == (GObject *)&GType_type)
        cls = g_type_new_full(&GType_type, name, bt, ns, kw.values, kw.kwnames);
    else
        cls = call_with_class_kw(meta, pos, 3, &kw);
    /* a class statement that runs once per load of its file is deferred like its
     * body's function (the defined-once rule, compile/compiler_internal.h); a class
     * made in a function, a loop, by exec or by type() is counted and collected */
    if (cls && g_is_type(cls) && g_is_deferred(func))
        g_set_deferred(cls);
done:
    g_xdecref(bt);
    g_xdecref(ns);
    class_kw_free(&kw);
    return cls;
}
