/* code.c -- code objects: the compiler's output, the eval loop's input.
 *
 * A GCode holds one function body (or module, or class body) as an array of 32-bit
 * instructions:
 *
 *    31                              8 7         0
 *   +---------------------------------+-----------+
 *   |           argument (24 bits)    |  opcode   |
 *   +---------------------------------+-----------+
 *
 * plus the tables the arguments index: consts, names (globals and attributes),
 * varnames (locals, arguments first), cellvars and freevars.  locs[] gives every
 * instruction's source span, which tracebacks use for the line and the ^^^ marks.
 * Code objects are immutable after the compiler builds them -- but for the opcodes
 * the specializing eval loop rewrites, and the inline caches it fills (caches[], one
 * per instruction; vm/specialize.c) -- and are deferred (refcount.h): threads share
 * them without counting.
 */
#include <string.h>

#include "compile/opcodes.h"
#include "objects/objects.h"

uint32_t g_code_word(const GCode *co, int i)
{
    uint32_t w = g_code_load(co->code, i);
    return G_INSTR(g_opcode_base[G_OP(w)], G_ARG(w));
}

int g_code_line_at(GCode *co, int ip)
{
    if (ip < 0)
        ip = 0;
    if (ip >= co->ncode)
        ip = co->ncode - 1;
    return ip >= 0 ? co->locs[ip].line : co->firstlineno;
}

static void code_dealloc(GObject *o)
{
    GCode *co = (GCode *)o;
    g_mem_free(co->code);
    g_mem_free(co->caches);
    g_mem_free(co->locs);
    g_mem_free(co->cell2arg);
    g_xdecref(co->consts);
    g_xdecref(co->names);
    g_xdecref(co->varnames);
    g_xdecref(co->cellvars);
    g_xdecref(co->freevars);
    g_xdecref(co->name);
    g_xdecref(co->qualname);
    g_xdecref(co->filename);
    g_object_free(o);
}

static int code_traverse(GObject *o, GVisitFn visit, void *arg)
{
    GCode *co = (GCode *)o;
    return (co->consts && visit(co->consts, arg));
}

static GObject *code_repr(GObject *o)
{
    GCode *co = (GCode *)o;
    return g_format("<code object %U at %p, file \"%U\", line %d>", co->name, (void *)o, co->filename, co->firstlineno);
}

static GObject *get_name(GObject *o) { return g_newref(((GCode *)o)->name); }
static GObject *get_filename(GObject *o) { return g_newref(((GCode *)o)->filename); }
static GObject *get_varnames(GObject *o) { return g_newref(((GCode *)o)->varnames); }
static GObject *get_consts(GObject *o) { return g_newref(((GCode *)o)->consts); }
static GObject *get_names(GObject *o) { return g_newref(((GCode *)o)->names); }
static GObject *get_argcount(GObject *o) { return g_int_from_i64(((GCode *)o)->argcount); }
static GObject *get_firstlineno(GObject *o) { return g_int_from_i64(((GCode *)o)->firstlineno); }
static GObject *get_kwonlyargcount(GObject *o) { return g_int_from_i64(((GCode *)o)->kwonlyargcount); }
static GObject *get_posonlyargcount(GObject *o) { return g_int_from_i64(((GCode *)o)->posonlyargcount); }

/* co_flags in CPython's numbering (gilt's G_CO_* bits are its own), so that code
 * reading a signature off a code object (pydoc.py, help()) works as with CPython:
 * VARARGS 0x04, VARKEYWORDS 0x08, NESTED 0x10, GENERATOR 0x20, COROUTINE 0x80,
 * ASYNC_GENERATOR 0x200. */
static GObject *get_flags(GObject *o)
{
    int32_t f = ((GCode *)o)->flags, out = 0;
    if (f & G_CO_VARARGS)
        out |= 0x04;
    if (f & G_CO_VARKW)
        out |= 0x08;
    if (f & G_CO_NESTED)
        out |= 0x10;
    if ((f & G_CO_COROUTINE) && (f & G_CO_GENERATOR))
        out |= 0x200;
    else if (f & G_CO_COROUTINE)
        out |= 0x80;
    else if (f & G_CO_GENERATOR)
        out |= 0x20;
    return g_int_from_i64(out);
}

static const GGetSetDef code_getsets[] = {
    { "co_name", get_name, NULL }, { "co_filename", get_filename, NULL },
    { "co_varnames", get_varnames, NULL }, { "co_consts", get_consts, NULL },
    { "co_names", get_names, NULL }, { "co_argcount", get_argcount, NULL },
    { "co_firstlineno", get_firstlineno, NULL }, { "co_kwonlyargcount", get_kwonlyargcount, NULL },
    { "co_posonlyargcount", get_posonlyargcount, NULL }, { "co_flags", get_flags, NULL },
    { NULL, NULL, NULL },
};

GType GCode_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "code",
    .basicsize = sizeof(GCode),
    .flags = G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_dealloc = code_dealloc,
    .tp_traverse = code_traverse,
    .tp_repr = code_repr,
    .getsets = code_getsets,
};
