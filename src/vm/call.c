/* call.c -- calling a Python function: binding arguments to parameters.
 *
 * Arguments arrive as one array (positional values, then keyword values named by
 * kwnames).  bind_arguments places them in the new frame's local slots in the order
 * the code object lays parameters out:
 *
 *   [ positional-or-keyword ... | keyword-only ... | *args | **kwargs ]
 *
 * then fills missing ones from __defaults__ / __kwdefaults__, and reports what is
 * wrong with CPython's wording ("f() missing 1 required positional argument: 'b'").
 * The common case -- exactly the right number of positional arguments and nothing
 * else -- is a straight copy.
 *
 * A generator function's call stops after binding: the frame goes into a generator
 * object instead of the eval loop.
 */
#include <string.h>

#include "objects/objects.h"
#include "vm/vm.h"

static GObject *fname(GFunction *f) { return f->qualname; }

static void missing_args(GFunction *f, GFrame *frame, int from, int to, bool kwonly)
{
    GCode *co = f->code;
    int count = 0;
    for (int i = from; i < to; i++)
        if (!frame->localsplus[i])
            count++;
    GBuf b;
    g_buf_init(&b);
    int k = 0;
    for (int i = from; i < to; i++) {
        if (frame->localsplus[i])
            continue;
        if (k > 0)
            g_buf_puts(&b, count == 2 ? " and " : (k == count - 1 ? ", and " : ", "));
        g_buf_printf(&b, "'%s'", g_str_data(G_TUPLE_ITEM(co->varnames, i)));
        k++;
    }
    GObject *names = g_buf_finish(&b);
    if (!names)
        return;
    g_raise(&GExc_TypeError, "%U() missing %d required %s argument%s: %U", fname(f), count,
            kwonly ? "keyword-only" : "positional", count == 1 ? "" : "s", names);
    g_decref(names);
}

static int too_many_positional(GFunction *f, size_t given, int kwonly_given)
{
    GCode *co = f->code;
    int ndefaults = f->defaults ? (int)G_TUPLE_SIZE(f->defaults) : 0;
    int argc = co->argcount;
    char takes[64];
    if (ndefaults)
        snprintf(takes, sizeof takes, "from %d to %d positional arguments", argc - ndefaults, argc);
    else
        snprintf(takes, sizeof takes, "%d positional argument%s", argc, argc == 1 ? "" : "s");
    if (kwonly_given)
        g_raise(&GExc_TypeError, "%U() takes %s but %zd positional argument%s (and %d keyword-only argument%s) were given",
                fname(f), takes, (ssize_t)given, given == 1 ? "" : "s", kwonly_given, kwonly_given == 1 ? "" : "s");
    else
        g_raise(&GExc_TypeError, "%U() takes %s but %zd %s given", fname(f), takes, (ssize_t)given,
                given == 1 ? "was" : "were");
    return -1;
}

/* The index of the parameter in params[from, to) that keyword `name` names, or `to`.
 * Names in source code are interned, the parameter names as well as the keywords
 * of a call, so comparing pointers finds the parameter almost always; only a
 * keyword built at run time (f(**d) with a computed key) needs the string compare. */
static int find_keyword(GObject *const *params, int from, int to, GObject *name)
{
    for (int j = from; j < to; j++)
        if (params[j] == name)
            return j;
    for (int j = from; j < to; j++)
        if (g_str_eq(params[j], name))
            return j;
    return to;
}

/* Out of line (a GCC/Clang attribute): inlined into g_function_call, its many
 * locals made the common positional call save and restore registers it never uses. */
__attribute__((noinline)) static int bind_arguments(GFunction *f, GFrame *frame, GObject *const *args, size_t nargs, GObject *kwnames)
{
    GCode *co = f->code;
    GObject **slots = frame->localsplus;
    size_t nkw = kwnames ? (size_t)G_TUPLE_SIZE(kwnames) : 0;
    size_t npos = nargs - nkw;
    int argc = co->argcount, kwonly = co->kwonlyargcount;
    int total = argc + kwonly;
    GObject *kwdict = NULL;
    if (co->flags & G_CO_VARKW) {
        kwdict = g_dict_new();
        if (!kwdict)
            return -1;
        slots[total + ((co->flags & G_CO_VARARGS) ? 1 : 0)] = kwdict;
    }
    /* positional */
    size_t n = npos < (size_t)argc ? npos : (size_t)argc;
    for (size_t i = 0; i < n; i++)
        slots[i] = g_newref(args[i]);
    if (co->flags & G_CO_VARARGS) {
        GObject *rest = g_tuple_from_array(args + n, (int64_t)(npos - n));
        if (!rest)
            return -1;
        slots[total] = rest;
    } else if (npos > (size_t)argc) {
        int kwonly_given = 0;
        for (size_t k = 0; k < nkw; k++)
            for (int j = argc; j < total; j++)
                if (g_str_eq(G_TUPLE_ITEM(kwnames, k), G_TUPLE_ITEM(co->varnames, j)))
                    kwonly_given++;
        return too_many_positional(f, npos, kwonly_given);
    }
    /* keywords */
    GObject *const *params = ((GTuple *)co->varnames)->items;
    for (size_t k = 0; k < nkw; k++) {
        GObject *name = G_TUPLE_ITEM(kwnames, k);
        GObject *value = args[npos + k];
        int j = find_keyword(params, co->posonlyargcount, total, name);
        if (j == total) {
            if (kwdict) {
                if (g_dict_set(kwdict, name, value) < 0)
                    return -1;
                continue;
            }
            for (int p = 0; p < co->posonlyargcount; p++)
                if (g_str_eq(G_TUPLE_ITEM(co->varnames, p), name)) {
                    g_raise(&GExc_TypeError, "%U() got some positional-only arguments passed as keyword arguments: '%U'",
                            fname(f), name);
                    return -1;
                }
            g_raise(&GExc_TypeError, "%U() got an unexpected keyword argument '%U'", fname(f), name);
            return -1;
        }
        if (slots[j]) {
            g_raise(&GExc_TypeError, "%U() got multiple values for argument '%U'", fname(f), name);
            return -1;
        }
        slots[j] = g_newref(value);
    }
    /* defaults */
    if (npos < (size_t)argc) {
        int ndefaults = f->defaults ? (int)G_TUPLE_SIZE(f->defaults) : 0;
        int first_default = argc - ndefaults;
        for (int i = (int)npos; i < argc; i++) {
            if (slots[i])
                continue;
            if (i >= first_default)
                slots[i] = g_newref(G_TUPLE_ITEM(f->defaults, i - first_default));
        }
        for (int i = (int)npos; i < argc; i++)
            if (!slots[i]) {
                missing_args(f, frame, (int)npos, first_default < argc ? first_default : argc, false);
                return -1;
            }
    }
    for (int i = argc; i < total; i++) {
        if (slots[i])
            continue;
        GObject *d = f->kwdefaults ? g_dict_get(f->kwdefaults, G_TUPLE_ITEM(co->varnames, i)) : NULL;
        if (d)
            slots[i] = g_newref(d);
    }
    for (int i = argc; i < total; i++)
        if (!slots[i]) {
            missing_args(f, frame, argc, total, true);
            return -1;
        }
    return 0;
}

/* Cells: fresh ones for variables inner functions capture (holding the argument
 * value when the variable is a parameter), and the closure's for free variables --
 * borrowed: the frame holds the function, and a function's closure never changes
 * once MAKE_FUNCTION has made it (frame.h). */
static inline int init_cells(GFunction *f, GFrame *frame)
{
    GCode *co = f->code;
    int ncells = co->ncells, nfrees = co->nfrees;
    GObject **cells = frame->localsplus + co->nlocals;
    for (int i = 0; i < ncells; i++) {
        int arg = co->cell2arg ? co->cell2arg[i] : -1;
        GObject *c = g_cell_new(arg >= 0 ? frame->localsplus[arg] : NULL);
        if (!c)
            return -1;
        cells[i] = c;
    }
    /* a loop, not memcpy: there are one to three of them, and a call costs more */
    GObject *const *closure = nfrees ? ((GTuple *)f->closure)->items : NULL;
    for (int i = 0; i < nfrees; i++)
        cells[ncells + i] = closure[i];
    return 0;
}

int g_frame_init_cells(GFunction *f, GFrame *frame)
{
    return init_cells(f, frame);
}

/* The common call: exactly the positional arguments the function takes, no more,
 * no fewer, and no keywords. */
static inline bool positional_only_call(GCode *co, size_t nargs, GObject *kwnames)
{
    return !kwnames && nargs == (size_t)co->argcount && !(co->flags & (G_CO_VARARGS | G_CO_VARKW)) &&
           co->kwonlyargcount == 0;
}

/* The references of args[0 .. n), given up (g_function_call_steal's error paths). */
static void drop_args(GObject *const *args, size_t n)
{
    for (size_t i = 0; i < n; i++)
        g_decref(args[i]);
}

/* Both calls of a Python function: with `steal`, the frame takes over the
 * references args holds (moved, not copied, on the common path) instead of taking
 * new ones.  Always inlined (a GCC/Clang attribute), so each caller gets its own
 * copy with `steal` fixed instead of a shared one testing it. */
static inline __attribute__((always_inline)) GObject *call_function(GObject *func, GObject *const *args, size_t nargs, GObject *kwnames, bool steal)
{
    GFunction *f = (GFunction *)func;
    GCode *co = f->code;
    GThreadState *ts = g_tstate_current;
    bool heap = g_frame_wants_heap(co);
    size_t bytes = g_frame_bytes(co);
    GFrame *frame = heap ? g_mem_alloc(bytes) : g_frame_push(ts, bytes);
    if (!frame) {
        if (steal)
            drop_args(args, nargs);
        return g_no_memory();
    }
    g_frame_init(frame, co, f->globals, NULL, func, heap);
    GObject **slots = frame->localsplus;
    size_t nslots = (size_t)(co->nlocals + co->ncells);   /* the owned ones (init_cells fills the rest) */
    if (positional_only_call(co, nargs, kwnames)) {
        size_t i = 0;
        if (steal)
            for (; i < nargs; i++)
                slots[i] = args[i];
        else
            for (; i < nargs; i++)
                slots[i] = g_newref(args[i]);
        for (; i < nslots; i++)
            slots[i] = NULL;
    } else {
        memset(slots, 0, (nslots + (size_t)co->nfrees) * sizeof(GObject *));
        int bound = bind_arguments(f, frame, args, nargs, kwnames);
        if (steal)
            drop_args(args, nargs);   /* bound took references of its own */
        if (bound < 0) {
            g_frame_free(frame);
            return NULL;
        }
    }
    if ((co->ncells || co->nfrees) && init_cells(f, frame) < 0) {
        g_frame_free(frame);
        return NULL;
    }
    if (heap)
        return g_gen_new(frame);
    GObject *r = g_eval_frame(frame, NULL, NULL);
    g_frame_free_returned(ts, frame);
    return r;
}

GObject *g_function_call(GObject *func, GObject *const *args, size_t nargs, GObject *kwnames)
{
    return call_function(func, args, nargs, kwnames, false);
}

GObject *g_function_call_steal(GObject *func, GObject *const *args, size_t nargs)
{
    return call_function(func, args, nargs, NULL, true);
}

GObject *g_eval_class_body(GFunction *func, GObject *ns)
{
    GCode *co = func->code;
    GFrame *frame = g_frame_new(co, func->globals, ns, (GObject *)func);
    if (!frame)
        return g_no_memory();
    if ((co->ncells || co->nfrees) && init_cells(func, frame) < 0) {
        g_frame_free(frame);
        return NULL;
    }
    GObject *r = g_eval_frame(frame, NULL, NULL);
    g_frame_free(frame);
    return r;
}

GObject *g_eval_code(GCode *co, GObject *globals, GObject *locals)
{
    GFrame *frame = g_frame_new(co, globals, locals, NULL);
    if (!frame)
        return g_no_memory();
    GObject *r = g_eval_frame(frame, NULL, NULL);
    g_frame_free(frame);
    return r;
}
