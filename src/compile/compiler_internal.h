/* compiler_internal.h -- what the parts of the compiler share.
 *
 *   compiler.c       units (one per code object), names, statements, early exits
 *   compile_expr.c   expressions, calls, comprehensions, assignment targets
 *   assemble.c       labels to offsets, stack depth, packing a GCode
 *
 * A unit collects instructions, each with the source span of the node being compiled
 * (set_loc), and a stack of frame blocks for unwinding early exits.
 */
#ifndef GILT_COMPILER_INTERNAL_H
#define GILT_COMPILER_INTERNAL_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "compile/compiler.h"
#include "compile/opcodes.h"
#include "compile/parser.h"
#include "compile/symtable.h"
#include "debug.h"

/* FB_POP_VALUE: a pending return value under an inlined finally body. */
typedef enum {
    FB_WHILE, FB_FOR, FB_TRY_EXCEPT, FB_FINALLY_TRY, FB_FINALLY_END, FB_HANDLER, FB_WITH, FB_POP_VALUE,
    FB_ASYNC_WITH
} FBKind;

typedef struct {
    FBKind kind;
    int start_label, exit_label;   /* loops: continue / break targets */
    GNode *node;                   /* FB_FINALLY_TRY: the try statement; FB_HANDLER: the handler */
} FBlock;

typedef struct Unit {
    GScope *scope;
    struct Unit *parent;
    uint32_t *code;
    GLoc *locs;
    int n, cap;
    int *labels;                   /* label -> instruction index (-1: unbound) */
    int nlabels, labcap;
    GObject *consts, *const_index; /* list; dict (type, value) -> index */
    GObject *names;                /* list of str */
    GObject *qualname;
    FBlock fblocks[GILT_MAX_BLOCKS + 1];
    int nfblocks;
    GLoc loc;
    int firstlineno;
    int child;                     /* next child scope to use */
    bool interactive;
} Unit;

typedef struct {
    Unit *u;
    GSyntaxError *err;
    bool failed;
    GObject *filename;
    int mode;
    bool dynamic;                  /* G_COMPILE_DYNAMIC: exec/eval text, nothing lives forever */
} Compiler;

/* THE DEFINED-ONCE RULE.  A `def` or `class` statement is deferred (never counted,
 * freed only at exit; runtime/refcount.h) only when it runs at most once per load of
 * its file: in the top level of a module, or of a class body that itself runs once,
 * and not inside a loop.  Such objects are bounded by the program's text.  Anything
 * made in a function, a loop, a comprehension, or from exec/eval text is counted, so
 * it is freed when dropped and its cycles are collected. */
static inline bool cx_defines_once(const Compiler *c)
{
    if (c->dynamic)
        return false;
    for (const struct Unit *u = c->u; u; u = u->parent) {
        if (u->scope->kind == SC_FUNCTION)
            return false;
        for (int i = 0; i < u->nfblocks; i++)
            if (u->fblocks[i].kind == FB_WHILE || u->fblocks[i].kind == FB_FOR)
                return false;
    }
    return true;
}

static inline bool fail(Compiler *c, GNode *n, const char *fmt, ...)
{
    if (c->failed)
        return false;
    c->failed = true;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err->msg, sizeof c->err->msg, fmt, ap);
    va_end(ap);
    c->err->kind = &GExc_SyntaxError;
    c->err->line = n->line;
    c->err->col = n->col;
    c->err->end_line = n->end_line;
    c->err->end_col = n->end_col;
    return false;
}

static inline bool oom(Compiler *c)
{
    if (!c->failed) {
        c->failed = true;
        c->err->kind = &GExc_MemoryError;
        snprintf(c->err->msg, sizeof c->err->msg, "out of memory");
        c->err->line = c->u ? c->u->loc.line : 0;
        c->err->col = -1;
    }
    g_err_clear();
    return false;
}

/* ====================================================================================
 * Emitting
 * ==================================================================================== */

static inline bool emit(Compiler *c, int op, int arg)
{
    Unit *u = c->u;
    if (arg < 0 || (unsigned)arg > G_MAX_ARG)
        return fail(c, &(GNode){ .line = u->loc.line, .col = u->loc.col }, "too many constants or names in one function");
    if (u->n == u->cap) {
        int cap = u->cap ? u->cap * 2 : 64;
        uint32_t *code = g_mem_realloc(u->code, (size_t)cap * sizeof(uint32_t));
        if (!code)
            return oom(c);
        u->code = code;
        GLoc *locs = g_mem_realloc(u->locs, (size_t)cap * sizeof(GLoc));
        if (!locs)
            return oom(c);
        u->locs = locs;
        u->cap = cap;
    }
    u->code[u->n] = G_INSTR(op, arg);
    u->locs[u->n] = u->loc;
    u->n++;
    return true;
}

static inline int new_label(Compiler *c)
{
    Unit *u = c->u;
    if (u->nlabels == u->labcap) {
        int cap = u->labcap ? u->labcap * 2 : 16;
        int *l = g_mem_realloc(u->labels, (size_t)cap * sizeof(int));
        if (!l) {
            oom(c);
            return 0;
        }
        u->labels = l;
        u->labcap = cap;
    }
    u->labels[u->nlabels] = -1;
    return u->nlabels++;
}

static inline void bind_label(Compiler *c, int label) { c->u->labels[label] = c->u->n; }

static inline void set_loc(Compiler *c, GNode *n)
{
    GLoc *l = &c->u->loc;
    l->line = n->line;
    l->end_line = n->end_line;
    l->col = (uint16_t)(n->col < 0xffff ? n->col : 0xfffe);
    l->end_col = (uint16_t)(n->end_col < 0xffff ? n->end_col : 0xfffe);
    if ((n->kind == E_BINOP || n->kind == E_SUBSCRIPT) && n->anchor_end > n->anchor) {
        l->anchor = (uint16_t)n->anchor;
        l->anchor_end = (uint16_t)n->anchor_end;
    } else {
        l->anchor = l->anchor_end = 0xffff;
    }
}

static inline int add_const(Compiler *c, GObject *v)
{
    Unit *u = c->u;
    GType *t = G_TYPE(v);
    bool keyable = t == &GStr_type || t == &GInt_type || t == &GBool_type || v == G_NONE || v == G_ELLIPSIS;
    GObject *key = NULL;
    if (keyable) {
        key = g_tuple_pack(2, (GObject *)t, v);
        if (!key)
            return oom(c), 0;
        GObject *idx = g_dict_get(u->const_index, key);
        if (idx) {
            g_decref(key);
            return (int)g_int_small_value(idx);
        }
    }
    int i = (int)G_LIST_SIZE(u->consts);
    if (g_list_append(u->consts, v) < 0) {
        g_xdecref(key);
        return oom(c), 0;
    }
    if (key) {
        GObject *iv = g_int_from_i64(i);
        g_dict_set(u->const_index, key, iv);
        g_decref(iv);
        g_decref(key);
    }
    return i;
}

static inline int add_name(Compiler *c, GObject *name)
{
    GObject *names = c->u->names;
    for (int64_t i = 0; i < G_LIST_SIZE(names); i++)
        if (G_LIST_ITEM(names, i) == name || g_str_eq(G_LIST_ITEM(names, i), name))
            return (int)i;
    if (g_list_append(names, name) < 0)
        return oom(c), 0;
    return (int)G_LIST_SIZE(names) - 1;
}

static inline bool emit_const(Compiler *c, GObject *v) { return emit(c, OP_LOAD_CONST, add_const(c, v)); }

static inline int list_index(GObject *list, GObject *name)
{
    for (int64_t i = 0; i < G_LIST_SIZE(list); i++)
        if (g_str_eq(G_LIST_ITEM(list, i), name))
            return (int)i;
    return -1;
}

/* Index of a cell or free variable among the frame's cell slots. */
static inline int deref_index(Unit *u, GObject *name)
{
    int i = list_index(u->scope->cellvars, name);
    if (i >= 0)
        return i;
    i = list_index(u->scope->freevars, name);
    return i >= 0 ? (int)G_LIST_SIZE(u->scope->cellvars) + i : -1;
}

/* ---- shared between compiler.c, compile_expr.c and assemble.c ---- */
bool cx_compile_expr(Compiler *c, GNode *n);
bool cx_compile_exprs(Compiler *c, GNodeList *l);
bool cx_compile_store(Compiler *c, GNode *target);
bool cx_compile_delete(Compiler *c, GNode *t);
bool cx_compile_jump_if(Compiler *c, GNode *n, bool when, int label);
bool cx_compile_name(Compiler *c, GNode *at, GObject *name, int ctx);
bool cx_compile_call_args(Compiler *c, GNode *call, int extra_positional, bool method);
bool cx_make_function(Compiler *c, GNode *owner, GScope *scope, GNode *args, GObject *name);
bool cx_has_starred(GNodeList *l);
bool cx_compile_stmts(Compiler *c, GNodeList *l);
bool cx_compile_comprehension_body(Compiler *c, GNode *n, int gen_index, int depth);
bool cx_compile_delegation(Compiler *c);
GCode *cx_compile_code_unit(Compiler *c, GScope *scope, GNode *body_owner, GObject *qualname);
GCode *cx_assemble(Compiler *c, Unit *u);

#endif
