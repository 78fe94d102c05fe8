/* exc.c -- the exception hierarchy and traceback objects.
 *
 * Every built-in exception type is a static GType whose instances are GException:
 * args (a tuple), __traceback__, __cause__, __context__, __suppress_context__ and an
 * instance __dict__, so user exception classes can carry their own attributes.
 *
 *   BaseException
 *    +-- SystemExit, KeyboardInterrupt, GeneratorExit
 *    +-- Exception
 *         +-- ArithmeticError (ZeroDivisionError, OverflowError)
 *         +-- LookupError (IndexError, KeyError)
 *         +-- NameError (UnboundLocalError), RuntimeError (RecursionError, ...)
 *         +-- TypeError, ValueError (UnicodeError ...), AttributeError, ...
 *
 * A traceback is a chain of (code, instruction) records, outermost first: each frame
 * the exception passes through on its way out prepends its record (vm/eval.c), the
 * way CPython's tb_next chain reads.  vm/traceback.c prints them.
 */
#include <string.h>

#include "objects/objects.h"

/* ---- traceback objects ---- */

static void tb_dealloc(GObject *o)
{
    GTraceback *tb = (GTraceback *)o;
    g_xdecref(tb->next);
    g_decref((GObject *)tb->code);
    g_object_free(o);
}

static int tb_traverse(GObject *o, GVisitFn visit, void *arg)
{
    GTraceback *tb = (GTraceback *)o;
    return (tb->next && visit(tb->next, arg)) || visit((GObject *)tb->code, arg);
}

static GObject *tb_get_next(GObject *o) { GTraceback *tb = (GTraceback *)o; return g_newref(tb->next ? tb->next : G_NONE); }
static GObject *tb_get_lineno(GObject *o) { GTraceback *tb = (GTraceback *)o; return g_int_from_i64(g_code_line_at(tb->code, tb->ip)); }
static GObject *tb_get_code(GObject *o) { return g_newref((GObject *)((GTraceback *)o)->code); }

static const GGetSetDef tb_getsets[] = {
    { "tb_next", tb_get_next, NULL }, { "tb_lineno", tb_get_lineno, NULL }, { "tb_code", tb_get_code, NULL },
    { NULL, NULL, NULL },
};

GType GTraceback_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "traceback",
    .basicsize = sizeof(GTraceback),
    .flags = G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_dealloc = tb_dealloc,
    .tp_traverse = tb_traverse,
    .getsets = tb_getsets,
};

void g_exc_add_traceback(GObject *exc, GCode *code, int ip)
{
    GException *e = (GException *)exc;
    GTraceback *tb = (GTraceback *)g_object_alloc(&GTraceback_type, sizeof(GTraceback));
    if (!tb)
        return;     /* out of memory: the traceback is merely shorter */
    tb->next = e->traceback;
    tb->code = (GCode *)g_newref((GObject *)code);
    tb->ip = ip;
    e->traceback = (GObject *)tb;
}

/* ---- exceptions ---- */

GObject *g_exc_new(GType *type, GObject *args)
{
    GException *e = (GException *)g_object_alloc(type, type->basicsize);
    if (!e)
        return g_no_memory();
    memset((char *)e + sizeof(GObject), 0, type->basicsize - sizeof(GObject));
    e->args = g_newref(args ? args : g_tuple_empty());
    return (GObject *)e;
}

GObject *g_raise_named(GType *type, GObject *msg, GObject *name, GObject *value)
{
    if (!msg)
        return NULL;
    GObject *args = g_tuple_pack(1, msg);
    g_decref(msg);
    GObject *exc = args ? g_exc_new(type, args) : NULL;
    g_xdecref(args);
    if (!exc)
        return NULL;
    GException *e = (GException *)exc;
    e->name = g_newref(name);
    e->value = value ? g_newref(value) : NULL;
    return g_raise_obj(exc);
}

static GObject *exc_new(GType *type, GObject *const *args, size_t nargs, GObject *kwnames)
{
    size_t npos = nargs - (kwnames ? (size_t)G_TUPLE_SIZE(kwnames) : 0);
    GObject *t = g_tuple_from_array(args, (int64_t)npos);
    if (!t)
        return NULL;
    GObject *e = g_exc_new(type, t);
    g_decref(t);
    return e;
}

static int exc_init(GObject *self, GObject *const *args, size_t nargs, GObject *kwnames)
{
    if (kwnames && G_TUPLE_SIZE(kwnames)) {
        g_raise(&GExc_TypeError, "%s() takes no keyword arguments", G_TYPE(self)->name);
        return -1;
    }
    GObject *t = g_tuple_from_array(args, (int64_t)nargs);
    if (!t)
        return -1;
    g_setref(&((GException *)self)->args, t);
    return 0;
}

static void exc_dealloc(GObject *o)
{
    GException *e = (GException *)o;
    g_xdecref(e->dict);
    g_xdecref(e->args);
    g_xdecref(e->traceback);
    g_xdecref(e->cause);
    g_xdecref(e->context);
    g_xdecref(e->value);
    g_xdecref(e->name);
    g_object_free(o);
}

static int exc_traverse(GObject *o, GVisitFn visit, void *arg)
{
    GException *e = (GException *)o;
    return (e->dict && visit(e->dict, arg)) || (e->args && visit(e->args, arg)) ||
           (e->traceback && visit(e->traceback, arg)) || (e->cause && visit(e->cause, arg)) ||
           (e->context && visit(e->context, arg)) || (e->value && visit(e->value, arg));
}

GObject *g_exc_str(GObject *o)
{
    GException *e = (GException *)o;
    int64_t n = e->args ? G_TUPLE_SIZE(e->args) : 0;
    if (n == 0)
        return g_str_new("", 0);
    if (n == 1)
        return g_str(G_TUPLE_ITEM(e->args, 0));
    return g_str(e->args);
}

static GObject *keyerror_str(GObject *o)
{
    GException *e = (GException *)o;
    if (e->args && G_TUPLE_SIZE(e->args) == 1)
        return g_repr(G_TUPLE_ITEM(e->args, 0));
    return g_exc_str(o);
}

static GObject *exc_repr(GObject *o)
{
    GException *e = (GException *)o;
    int64_t n = e->args ? G_TUPLE_SIZE(e->args) : 0;
    if (n == 1) {
        GObject *r = g_repr(G_TUPLE_ITEM(e->args, 0));
        if (!r)
            return NULL;
        GObject *s = g_format("%s(%U)", G_TYPE(o)->name, r);
        g_decref(r);
        return s;
    }
    GObject *r = g_repr(e->args ? e->args : g_tuple_empty());
    if (!r)
        return NULL;
    GObject *s = g_format("%s%U", G_TYPE(o)->name, r);
    g_decref(r);
    return s;
}

#define EXC(o) ((GException *)(o))
static GObject *get_args(GObject *o) { return g_newref(EXC(o)->args); }
static int set_args(GObject *o, GObject *v)
{
    if (!v) {
        g_raise(&GExc_TypeError, "args may not be deleted");
        return -1;
    }
    GObject *t = g_tuple_from_iterable(v);
    if (!t)
        return -1;
    g_setref(&EXC(o)->args, t);
    return 0;
}
static GObject *get_tb(GObject *o) { return g_newref(EXC(o)->traceback ? EXC(o)->traceback : G_NONE); }
static int set_tb(GObject *o, GObject *v)
{
    if (v && v != G_NONE && G_TYPE(v) != &GTraceback_type) {
        g_raise(&GExc_TypeError, "__traceback__ must be a traceback or None");
        return -1;
    }
    g_setref(&EXC(o)->traceback, v && v != G_NONE ? g_newref(v) : NULL);
    return 0;
}
static GObject *get_cause(GObject *o) { return g_newref(EXC(o)->cause ? EXC(o)->cause : G_NONE); }
static int set_cause(GObject *o, GObject *v)
{
    if (v && v != G_NONE && !g_is_exception(v)) {
        g_raise(&GExc_TypeError, "exception cause must be None or derive from BaseException");
        return -1;
    }
    g_setref(&EXC(o)->cause, v && v != G_NONE ? g_newref(v) : NULL);
    EXC(o)->suppress_context = true;
    return 0;
}
static GObject *get_context(GObject *o) { return g_newref(EXC(o)->context ? EXC(o)->context : G_NONE); }
static int set_context(GObject *o, GObject *v)
{
    g_setref(&EXC(o)->context, v && v != G_NONE ? g_newref(v) : NULL);
    return 0;
}
static GObject *get_suppress(GObject *o) { return g_bool(EXC(o)->suppress_context); }
static int set_suppress(GObject *o, GObject *v)
{
    int t = v ? g_truthy(v) : 0;
    if (t < 0)
        return -1;
    EXC(o)->suppress_context = t;
    return 0;
}

static const GGetSetDef exc_getsets[] = {
    { "args", get_args, set_args }, { "__traceback__", get_tb, set_tb },
    { "__cause__", get_cause, set_cause }, { "__context__", get_context, set_context },
    { "__suppress_context__", get_suppress, set_suppress },
    { NULL, NULL, NULL },
};

static GObject *first_arg_or_none(GObject *o)
{
    GException *e = EXC(o);
    if (e->value)
        return g_newref(e->value);
    if (e->args && G_TUPLE_SIZE(e->args) > 0)
        return g_newref(G_TUPLE_ITEM(e->args, 0));
    return g_newref(G_NONE);
}
static int set_value(GObject *o, GObject *v)
{
    g_setref(&EXC(o)->value, v ? g_newref(v) : NULL);
    return 0;
}
static const GGetSetDef stopiter_getsets[] = {
    { "value", first_arg_or_none, set_value },
    { NULL, NULL, NULL },
};
static const GGetSetDef sysexit_getsets[] = {
    { "code", first_arg_or_none, set_value },
    { NULL, NULL, NULL },
};
/* OSError(errno, strerror[, filename]): the attributes come from args, except a
 * filename that C code raising the error keeps in `value` (so args stays
 * (errno, strerror), as in CPython). */
static GObject *os_arg(GObject *o, int64_t i)
{
    GException *e = EXC(o);
    int64_t n = e->args ? G_TUPLE_SIZE(e->args) : 0;
    if (i == 2 && e->value)
        return g_newref(e->value);
    return g_newref(n >= 2 && n <= 3 && i < n ? G_TUPLE_ITEM(e->args, i) : G_NONE);
}
static GObject *os_errno(GObject *o) { return os_arg(o, 0); }
static GObject *os_strerror(GObject *o) { return os_arg(o, 1); }
static GObject *os_filename(GObject *o) { return os_arg(o, 2); }
static const GGetSetDef oserror_getsets[] = {
    { "errno", os_errno, NULL }, { "strerror", os_strerror, NULL }, { "filename", os_filename, NULL },
    { NULL, NULL, NULL },
};

static GObject *oserror_str(GObject *o)
{
    GException *e = EXC(o);
    int64_t n = e->args ? G_TUPLE_SIZE(e->args) : 0;
    if (n < 2 || n > 3)
        return g_exc_str(o);
    GObject *fn = os_arg(o, 2);
    GObject *r = fn == G_NONE ? g_format("[Errno %S] %S", G_TUPLE_ITEM(e->args, 0), G_TUPLE_ITEM(e->args, 1))
                              : g_format("[Errno %S] %S: %R", G_TUPLE_ITEM(e->args, 0), G_TUPLE_ITEM(e->args, 1), fn);
    g_decref(fn);
    return r;
}

static GObject *get_name(GObject *o) { return g_newref(EXC(o)->name ? EXC(o)->name : G_NONE); }
static int set_name(GObject *o, GObject *v)
{
    g_setref(&EXC(o)->name, v ? g_newref(v) : NULL);
    return 0;
}
static const GGetSetDef name_getsets[] = {
    { "name", get_name, set_name },
    { NULL, NULL, NULL },
};

static GObject *with_traceback_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    if (g_no_kwargs("with_traceback", kw) < 0 || g_check_nargs("with_traceback", nargs, 1, 1) < 0)
        return NULL;
    if (set_tb(self, args[0]) < 0)
        return NULL;
    return g_newref(self);
}

static const GMethodDef exc_methods[] = {
    { "with_traceback", with_traceback_m, 0, NULL },
    { NULL, NULL, 0, NULL },
};

#define EXC_TYPE_FIELDS(NAME, BASE) \
    .ob = G_STATIC_HEADER(&GType_type), \
    .name = #NAME, \
    .basicsize = sizeof(GException), \
    .flags = G_TPFLAG_BASETYPE | G_TPFLAG_EXC | G_TPFLAG_GC, \
    .dictoffset = offsetof(GException, dict), \
    .base = &BASE, \
    .tp_new = exc_new, \
    .tp_init = exc_init, \
    .tp_dealloc = exc_dealloc, \
    .tp_traverse = exc_traverse, \
    .tp_repr = exc_repr, \
    .tp_str = g_exc_str, \
    .tp_getattr = g_generic_getattr, \
    .tp_setattr = g_generic_setattr

GType GExc_BaseException = { EXC_TYPE_FIELDS(BaseException, GObject_type), .methods = exc_methods,
                             .getsets = exc_getsets, .doc = "Common base class for all exceptions" };
#define DEFINE_EXC(NAME, BASE) GType GExc_##NAME = { EXC_TYPE_FIELDS(NAME, GExc_##BASE) };
#define DEFINE_EXC_GS(NAME, BASE, GS) GType GExc_##NAME = { EXC_TYPE_FIELDS(NAME, GExc_##BASE), .getsets = GS };
#define DEFINE_OSEXC(NAME) GType GExc_##NAME = { EXC_TYPE_FIELDS(NAME, GExc_OSError), .tp_str = oserror_str };
DEFINE_EXC(Exception, BaseException)
DEFINE_EXC_GS(SystemExit, BaseException, sysexit_getsets)
DEFINE_EXC(KeyboardInterrupt, BaseException)
DEFINE_EXC(GeneratorExit, BaseException)
DEFINE_EXC(ArithmeticError, Exception)
DEFINE_EXC(ZeroDivisionError, ArithmeticError)
DEFINE_EXC(OverflowError, ArithmeticError)
DEFINE_EXC(AssertionError, Exception)
DEFINE_EXC_GS(AttributeError, Exception, name_getsets)
DEFINE_EXC(LookupError, Exception)
DEFINE_EXC(IndexError, LookupError)
GType GExc_KeyError = { EXC_TYPE_FIELDS(KeyError, GExc_LookupError), .tp_str = keyerror_str };
DEFINE_EXC_GS(NameError, Exception, name_getsets)
DEFINE_EXC(UnboundLocalError, NameError)
DEFINE_EXC(TypeError, Exception)
DEFINE_EXC(ValueError, Exception)
DEFINE_EXC(UnicodeError, ValueError)
DEFINE_EXC(UnicodeDecodeError, UnicodeError)
DEFINE_EXC(UnicodeEncodeError, UnicodeError)
DEFINE_EXC(RuntimeError, Exception)
DEFINE_EXC(RecursionError, RuntimeError)
DEFINE_EXC(NotImplementedError, RuntimeError)
DEFINE_EXC_GS(StopIteration, Exception, stopiter_getsets)
DEFINE_EXC(StopAsyncIteration, Exception)
DEFINE_EXC(MemoryError, Exception)
DEFINE_EXC_GS(ImportError, Exception, name_getsets)
DEFINE_EXC(ModuleNotFoundError, ImportError)
GType GExc_OSError = { EXC_TYPE_FIELDS(OSError, GExc_Exception), .tp_str = oserror_str, .getsets = oserror_getsets };
DEFINE_OSEXC(FileNotFoundError)
DEFINE_OSEXC(FileExistsError)
DEFINE_OSEXC(PermissionError)
DEFINE_OSEXC(IsADirectoryError)
DEFINE_OSEXC(NotADirectoryError)
DEFINE_EXC(SyntaxError, Exception)
DEFINE_EXC(IndentationError, SyntaxError)
DEFINE_EXC(TabError, IndentationError)
DEFINE_EXC(EOFError, Exception)
DEFINE_EXC(BufferError, Exception)
DEFINE_OSEXC(TimeoutError)
DEFINE_EXC(Warning, Exception)
DEFINE_EXC(UserWarning, Warning)
DEFINE_EXC(DeprecationWarning, Warning)
DEFINE_EXC(RuntimeWarning, Warning)
DEFINE_EXC(SystemError, Exception)

void g_exc_types_init(void)
{
#define READY(NAME, BASE) g_type_ready(&GExc_##NAME);
    G_EXC_TYPES(READY)
#undef READY
}
