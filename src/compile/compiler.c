/* compiler.c -- syntax tree to bytecode.
 *
 * compile_* functions walk the tree and emit instructions into a "unit", one per code
 * object being built (the module, each function, class body, lambda and
 * comprehension).  Jumps name labels; assemble() resolves them to instruction
 * indexes, computes the deepest the value stack can get (a flow analysis over the
 * stack effect of every instruction), and packs everything into a GCode.
 *
 * Leaving a block early (return, break, continue) must undo what the enclosing
 * blocks set up.  The unit keeps a stack of "frame blocks" (loops, try bodies,
 * except handlers, with bodies, finally bodies) and unwind_fblocks emits, for each,
 * the clean-up it needs: pop a loop's iterator, run a finally body inline, call a
 * context manager's __exit__(None, None, None), leave an except handler.
 *
 * Every instruction carries the source span of the node being compiled, so a
 * traceback can show the line and underline the exact sub-expression.
 */
#include "compile/compiler.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "compile/opcodes.h"
#include "compile/parser.h"
#include "compile/symtable.h"
#include "debug.h"

const char *const g_opcode_names[OP_COUNT] = {
#define G_OP_NAME(name, arg) #name,
    G_OPCODES(G_OP_NAME)
#undef G_OP_NAME
};
const char *const g_opcode_argkind[OP_COUNT] = {
#define G_OP_ARG(name, arg) arg,
    G_OPCODES(G_OP_ARG)
#undef G_OP_ARG
};

typedef enum { FB_WHILE, FB_FOR, FB_TRY_EXCEPT, FB_FINALLY_TRY, FB_FINALLY_END, FB_HANDLER, FB_WITH } FBKind;

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
} Compiler;

static bool fail(Compiler *c, GNode *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static bool fail(Compiler *c, GNode *n, const char *fmt, ...)
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

static bool oom(Compiler *c)
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

static bool emit(Compiler *c, int op, int arg)
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

static int new_label(Compiler *c)
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

static void bind_label(Compiler *c, int label) { c->u->labels[label] = c->u->n; }

static void set_loc(Compiler *c, GNode *n)
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

static int add_const(Compiler *c, GObject *v)
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

static int add_name(Compiler *c, GObject *name)
{
    GObject *names = c->u->names;
    for (int64_t i = 0; i < G_LIST_SIZE(names); i++)
        if (G_LIST_ITEM(names, i) == name || g_str_eq(G_LIST_ITEM(names, i), name))
            return (int)i;
    if (g_list_append(names, name) < 0)
        return oom(c), 0;
    return (int)G_LIST_SIZE(names) - 1;
}

static bool emit_const(Compiler *c, GObject *v) { return emit(c, OP_LOAD_CONST, add_const(c, v)); }

static int list_index(GObject *list, GObject *name)
{
    for (int64_t i = 0; i < G_LIST_SIZE(list); i++)
        if (g_str_eq(G_LIST_ITEM(list, i), name))
            return (int)i;
    return -1;
}

/* Index of a cell or free variable among the frame's cell slots. */
static int deref_index(Unit *u, GObject *name)
{
    int i = list_index(u->scope->cellvars, name);
    if (i >= 0)
        return i;
    i = list_index(u->scope->freevars, name);
    return i >= 0 ? (int)G_LIST_SIZE(u->scope->cellvars) + i : -1;
}

/* ====================================================================================
 * Names
 * ==================================================================================== */

static bool compile_name(Compiler *c, GNode *at, GObject *name, int ctx)
{
    Unit *u = c->u;
    GScope *s = u->scope;
    int sc = g_scope_of(s, name);
    if (s->kind == SC_MODULE) {
        int ops[] = { OP_LOAD_GLOBAL, OP_STORE_GLOBAL, OP_DELETE_GLOBAL };
        return emit(c, ops[ctx], add_name(c, name));
    }
    if (sc == SCOPE_FREE || sc == SCOPE_CELL) {
        int i = deref_index(u, name);
        if (i < 0)
            return fail(c, at, "internal error: no cell for '%s'", g_str_data(name));
        if (s->kind == SC_CLASS && ctx == CTX_LOAD)
            return emit(c, OP_LOAD_CLASSDEREF, i);
        int ops[] = { OP_LOAD_DEREF, OP_STORE_DEREF, OP_DELETE_DEREF };
        return emit(c, ops[ctx], i);
    }
    if (s->kind == SC_CLASS) {
        if (sc == SCOPE_GLOBAL_EXPLICIT) {
            int ops[] = { OP_LOAD_GLOBAL, OP_STORE_GLOBAL, OP_DELETE_GLOBAL };
            return emit(c, ops[ctx], add_name(c, name));
        }
        int ops[] = { OP_LOAD_NAME, OP_STORE_NAME, OP_DELETE_NAME };
        return emit(c, ops[ctx], add_name(c, name));
    }
    if (sc == SCOPE_LOCAL) {
        int i = list_index(s->varnames, name);
        if (i < 0)
            return fail(c, at, "internal error: no slot for '%s'", g_str_data(name));
        int ops[] = { OP_LOAD_FAST, OP_STORE_FAST, OP_DELETE_FAST };
        return emit(c, ops[ctx], i);
    }
    int ops[] = { OP_LOAD_GLOBAL, OP_STORE_GLOBAL, OP_DELETE_GLOBAL };
    return emit(c, ops[ctx], add_name(c, name));
}

/* ====================================================================================
 * Expressions
 * ==================================================================================== */

static bool compile_expr(Compiler *c, GNode *n);
static bool compile_stmts(Compiler *c, GNodeList *l);
static bool compile_store(Compiler *c, GNode *target);
static GCode *compile_code_unit(Compiler *c, GScope *scope, GNode *body_owner, GObject *qualname);

static bool compile_exprs(Compiler *c, GNodeList *l)
{
    for (int i = 0; i < l->n; i++)
        if (!compile_expr(c, l->items[i]))
            return false;
    return true;
}

static bool has_starred(GNodeList *l)
{
    for (int i = 0; i < l->n; i++)
        if (l->items[i]->kind == E_STARRED)
            return true;
    return false;
}

/* Build a list from elements, some of which may be *starred: BUILD_LIST then
 * LIST_APPEND / LIST_EXTEND. */
static bool compile_starred_list(Compiler *c, GNodeList *l, bool call)
{
    int i = 0;
    while (i < l->n && l->items[i]->kind != E_STARRED)
        if (!compile_expr(c, l->items[i++]))
            return false;
    if (!emit(c, OP_BUILD_LIST, i))
        return false;
    for (; i < l->n; i++) {
        GNode *e = l->items[i];
        if (e->kind == E_STARRED) {
            if (!compile_expr(c, e->a) || !emit(c, OP_LIST_EXTEND, call ? 0x101 : 1))
                return false;
        } else {
            if (!compile_expr(c, e) || !emit(c, OP_LIST_APPEND, 1))
                return false;
        }
    }
    return true;
}

static bool compile_closure(Compiler *c, GScope *child)
{
    int64_t nfree = G_LIST_SIZE(child->freevars);
    if (nfree == 0)
        return true;
    for (int64_t i = 0; i < nfree; i++) {
        GObject *name = G_LIST_ITEM(child->freevars, i);
        int idx = deref_index(c->u, name);
        if (idx < 0)
            return fail(c, &(GNode){ .line = c->u->loc.line }, "internal error: free variable '%s' not found", g_str_data(name));
        if (!emit(c, OP_LOAD_CLOSURE, idx))
            return false;
    }
    return emit(c, OP_BUILD_TUPLE, (int)nfree);
}

static GObject *child_qualname(Compiler *c, GObject *name)
{
    Unit *u = c->u;
    if (u->scope->kind == SC_MODULE)
        return g_newref(name);
    if (u->scope->kind == SC_FUNCTION)
        return g_format("%U.<locals>.%U", u->qualname, name);
    return g_format("%U.%U", u->qualname, name);
}

/* Push a function object for `scope` whose body is `owner`. */
static bool make_function(Compiler *c, GNode *owner, GScope *scope, GNode *args, GObject *name)
{
    int flags = 0;
    if (args) {
        if (args->l2.n > 0) {
            if (!compile_exprs(c, &args->l2) || !emit(c, OP_BUILD_TUPLE, args->l2.n))
                return false;
            flags |= MF_DEFAULTS;
        }
        int nkw = 0;
        for (int i = 0; i < args->l4.n; i++) {
            if (!args->l4.items[i])
                continue;
            if (!emit_const(c, args->l3.items[i]->name) || !compile_expr(c, args->l4.items[i]))
                return false;
            nkw++;
        }
        if (nkw) {
            if (!emit(c, OP_BUILD_MAP, nkw))
                return false;
            flags |= MF_KWDEFAULTS;
        }
    }
    GObject *qualname = child_qualname(c, name);
    if (!qualname)
        return oom(c);
    GCode *co = compile_code_unit(c, scope, owner, qualname);
    if (!co) {
        g_decref(qualname);
        return false;
    }
    if (G_LIST_SIZE(scope->freevars) > 0)
        flags |= MF_CLOSURE;
    bool ok = compile_closure(c, scope) && emit_const(c, (GObject *)co) && emit_const(c, qualname) &&
              emit(c, OP_MAKE_FUNCTION, flags);
    g_decref((GObject *)co);
    g_decref(qualname);
    return ok;
}

static bool compile_comprehension(Compiler *c, GNode *n)
{
    GScope *scope = n->scope;
    if (!make_function(c, n, scope, NULL, scope->name))
        return false;
    GNode *first = n->l1.items[0];
    GLoc saved = c->u->loc;
    if (!compile_expr(c, first->b))
        return false;
    c->u->loc = saved;
    return emit(c, OP_GET_ITER, 0) && emit(c, OP_CALL, 1);
}

/* The body of a comprehension's own code object. */
static bool compile_comprehension_body(Compiler *c, GNode *n, int gen_index, int depth)
{
    GNode *gen = n->l1.items[gen_index];
    int start = new_label(c), end = new_label(c), if_cleanup = new_label(c);
    if (gen_index == 0) {
        if (!emit(c, OP_LOAD_FAST, 0))   /* .0: the iterator passed in */
            return false;
    } else {
        if (!compile_expr(c, gen->b) || !emit(c, OP_GET_ITER, 0))
            return false;
    }
    bind_label(c, start);
    if (!emit(c, OP_FOR_ITER, end) || !compile_store(c, gen->a))
        return false;
    for (int i = 0; i < gen->l1.n; i++) {
        if (!compile_expr(c, gen->l1.items[i]) || !emit(c, OP_POP_JUMP_IF_FALSE, if_cleanup))
            return false;
    }
    if (gen_index + 1 < n->l1.n) {
        if (!compile_comprehension_body(c, n, gen_index + 1, depth + 1))
            return false;
    } else {
        set_loc(c, n);
        switch (n->kind) {
        case E_LISTCOMP:
            if (!compile_expr(c, n->a) || !emit(c, OP_LIST_APPEND, depth + 2))
                return false;
            break;
        case E_SETCOMP:
            if (!compile_expr(c, n->a) || !emit(c, OP_SET_ADD, depth + 2))
                return false;
            break;
        case E_DICTCOMP:
            if (!compile_expr(c, n->a) || !compile_expr(c, n->b) || !emit(c, OP_MAP_ADD, depth + 2))
                return false;
            break;
        default: /* generator expression */
            if (!compile_expr(c, n->a) || !emit(c, OP_YIELD_VALUE, 0) || !emit(c, OP_POP_TOP, 0))
                return false;
        }
    }
    bind_label(c, if_cleanup);
    if (!emit(c, OP_JUMP, start))
        return false;
    bind_label(c, end);
    return true;
}

static bool compile_call_args(Compiler *c, GNode *call, int extra_positional, bool method)
{
    GNodeList *args = &call->l1, *kws = &call->l2;
    bool dynamic = has_starred(args);
    for (int i = 0; i < kws->n; i++)
        if (!kws->items[i]->name)
            dynamic = true;
    if (!dynamic) {
        if (!compile_exprs(c, args))
            return false;
        for (int i = 0; i < kws->n; i++)
            if (!compile_expr(c, kws->items[i]->a))
                return false;
        set_loc(c, call);
        int argc = args->n + kws->n + extra_positional;
        if (kws->n) {
            GObject *names = g_tuple_new(kws->n);
            if (!names)
                return oom(c);
            for (int i = 0; i < kws->n; i++)
                G_TUPLE_ITEM(names, i) = g_newref(kws->items[i]->name);
            bool ok = emit_const(c, names);
            g_decref(names);
            return ok && emit(c, method ? OP_CALL_METHOD_KW : OP_CALL_KW, argc);
        }
        return emit(c, method ? OP_CALL_METHOD : OP_CALL, argc);
    }
    /* f(*a, **k): positional args as one tuple, keywords as one dict */
    if (method)
        return fail(c, call, "internal error: dynamic method call");
    if (!compile_starred_list(c, args, true) || !emit(c, OP_LIST_TO_TUPLE, 0))
        return false;
    bool have_kw = false;
    int pending = 0;
    for (int i = 0; i < kws->n; i++) {
        GNode *kw = kws->items[i];
        if (kw->name) {
            if (!emit_const(c, kw->name) || !compile_expr(c, kw->a))
                return false;
            pending++;
            continue;
        }
        if (pending || !have_kw) {
            if (!emit(c, OP_BUILD_MAP, pending))
                return false;
            if (have_kw && !emit(c, OP_DICT_MERGE, 1))
                return false;
            have_kw = true;
            pending = 0;
        }
        if (!compile_expr(c, kw->a) || !emit(c, OP_DICT_MERGE, 1))
            return false;
    }
    if (pending) {
        if (!emit(c, OP_BUILD_MAP, pending))
            return false;
        if (have_kw && !emit(c, OP_DICT_MERGE, 1))
            return false;
        have_kw = true;
    }
    set_loc(c, call);
    return emit(c, OP_CALL_FUNCTION_EX, have_kw ? 1 : 0);
}

static bool compile_call(Compiler *c, GNode *n)
{
    GNode *f = n->a;
    bool dynamic = has_starred(&n->l1);
    for (int i = 0; i < n->l2.n; i++)
        if (!n->l2.items[i]->name)
            dynamic = true;
    if (f->kind == E_ATTR && !dynamic) {
        if (!compile_expr(c, f->a))
            return false;
        set_loc(c, f);
        if (!emit(c, OP_LOAD_METHOD, add_name(c, f->name)))
            return false;
        return compile_call_args(c, n, 0, true);
    }
    if (!compile_expr(c, f))
        return false;
    return compile_call_args(c, n, 0, false);
}

static bool compile_compare(Compiler *c, GNode *n)
{
    if (!compile_expr(c, n->a))
        return false;
    int count = n->l1.n;
    int cleanup = count > 1 ? new_label(c) : -1;
    for (int i = 0; i < count; i++) {
        if (!compile_expr(c, n->l1.items[i]))
            return false;
        set_loc(c, n);
        if (i < count - 1 && (!emit(c, OP_DUP_TOP, 0) || !emit(c, OP_ROT_THREE, 0)))
            return false;
        int op = n->ints[i];
        bool ok;
        if (op < 6)
            ok = emit(c, OP_COMPARE_OP, op);
        else if (op == C_IS || op == C_ISNOT)
            ok = emit(c, OP_IS_OP, op == C_ISNOT);
        else
            ok = emit(c, OP_CONTAINS_OP, op == C_NOTIN);
        if (!ok)
            return false;
        if (i < count - 1 && !emit(c, OP_JUMP_IF_FALSE_OR_POP, cleanup))
            return false;
    }
    if (count > 1) {
        int end = new_label(c);
        if (!emit(c, OP_JUMP, end))
            return false;
        bind_label(c, cleanup);
        if (!emit(c, OP_ROT_TWO, 0) || !emit(c, OP_POP_TOP, 0))
            return false;
        bind_label(c, end);
    }
    return true;
}

/* Compile a condition and jump to `label` if it is `when`.  Short-circuits and/or
 * and `not` without building intermediate bools. */
static bool compile_jump_if(Compiler *c, GNode *n, bool when, int label)
{
    if (n->kind == E_UNARY && n->op == U_NOT)
        return compile_jump_if(c, n->a, !when, label);
    if (n->kind == E_BOOLOP) {
        bool is_or = n->op == B_OR;
        if (is_or == when) {
            for (int i = 0; i < n->l1.n; i++)
                if (!compile_jump_if(c, n->l1.items[i], when, label))
                    return false;
            return true;
        }
        int skip = new_label(c);
        for (int i = 0; i < n->l1.n - 1; i++)
            if (!compile_jump_if(c, n->l1.items[i], !when, skip))
                return false;
        if (!compile_jump_if(c, n->l1.items[n->l1.n - 1], when, label))
            return false;
        bind_label(c, skip);
        return true;
    }
    if (!compile_expr(c, n))
        return false;
    return emit(c, when ? OP_POP_JUMP_IF_TRUE : OP_POP_JUMP_IF_FALSE, label);
}

static bool compile_fstring(Compiler *c, GNode *n)
{
    int count = 0;
    for (int i = 0; i < n->l1.n; i++) {
        GNode *part = n->l1.items[i];
        if (part->kind == E_CONST) {
            if (g_str_nbytes(part->name) == 0)
                continue;
            if (!emit_const(c, part->name))
                return false;
        } else {
            if (!compile_expr(c, part->a))
                return false;
            int flags = part->op == 'r' ? FVC_REPR : part->op == 's' ? FVC_STR : part->op == 'a' ? FVC_ASCII : FVC_NONE;
            if (part->b) {
                if (!compile_fstring(c, part->b))
                    return false;
                flags |= FVS_HAVE_SPEC;
            }
            set_loc(c, n);
            if (!emit(c, OP_FORMAT_VALUE, flags))
                return false;
        }
        count++;
    }
    if (count == 0)
        return emit_const(c, g_str_intern(""));
    if (count == 1 && n->l1.n == 1 && n->l1.items[0]->kind == E_FORMATTED)
        return true;
    if (count == 1 && n->l1.items[0]->kind == E_CONST)
        return true;
    return emit(c, OP_BUILD_STRING, count);
}

static bool compile_expr(Compiler *c, GNode *n)
{
    GLoc saved = c->u->loc;
    set_loc(c, n);
    bool ok = true;
    switch (n->kind) {
    case E_NAME:
        ok = compile_name(c, n, n->name, n->op);
        break;
    case E_CONST:
        ok = emit_const(c, n->name);
        break;
    case E_JOINEDSTR:
        ok = compile_fstring(c, n);
        break;
    case E_TUPLE:
        if (has_starred(&n->l1))
            ok = compile_starred_list(c, &n->l1, false) && emit(c, OP_LIST_TO_TUPLE, 0);
        else
            ok = compile_exprs(c, &n->l1) && emit(c, OP_BUILD_TUPLE, n->l1.n);
        break;
    case E_LIST:
        if (has_starred(&n->l1))
            ok = compile_starred_list(c, &n->l1, false);
        else
            ok = compile_exprs(c, &n->l1) && emit(c, OP_BUILD_LIST, n->l1.n);
        break;
    case E_SET:
        if (has_starred(&n->l1)) {
            ok = emit(c, OP_BUILD_SET, 0);
            for (int i = 0; ok && i < n->l1.n; i++) {
                GNode *e = n->l1.items[i];
                if (e->kind == E_STARRED)
                    ok = compile_expr(c, e->a) && emit(c, OP_SET_UPDATE, 1);
                else
                    ok = compile_expr(c, e) && emit(c, OP_SET_ADD, 1);
            }
        } else {
            ok = compile_exprs(c, &n->l1) && emit(c, OP_BUILD_SET, n->l1.n);
        }
        break;
    case E_DICT: {
        int pending = 0;
        bool built = false;
        for (int i = 0; ok && i < n->l1.n; i++) {
            if (n->l1.items[i]) {
                ok = compile_expr(c, n->l1.items[i]) && compile_expr(c, n->l2.items[i]);
                pending++;
                continue;
            }
            if (pending || !built) {
                ok = ok && emit(c, OP_BUILD_MAP, pending);
                if (built)
                    ok = ok && emit(c, OP_DICT_UPDATE, 1);
                built = true;
                pending = 0;
            }
            ok = ok && compile_expr(c, n->l2.items[i]) && emit(c, OP_DICT_UPDATE, 1);
        }
        if (ok && (pending || !built)) {
            ok = emit(c, OP_BUILD_MAP, pending);
            if (built)
                ok = ok && emit(c, OP_DICT_UPDATE, 1);
        }
        break;
    }
    case E_BINOP:
        ok = compile_expr(c, n->a) && compile_expr(c, n->b);
        set_loc(c, n);
        ok = ok && emit(c, OP_BINARY_OP, n->op);
        break;
    case E_UNARY: {
        static const int ops[] = { OP_UNARY_NOT, OP_UNARY_NEG, OP_UNARY_POS, OP_UNARY_INVERT };
        /* fold -<number> so that -5 is a constant, as CPython does */
        if (n->op == U_NEG && n->a->kind == E_CONST && (g_is_int(n->a->name) || g_is_float(n->a->name)) &&
            G_TYPE(n->a->name) != &GBool_type) {
            GObject *v = g_unary_neg(n->a->name);
            if (!v)
                return oom(c);
            ok = emit_const(c, v);
            g_decref(v);
            break;
        }
        ok = compile_expr(c, n->a);
        set_loc(c, n);
        ok = ok && emit(c, ops[n->op], 0);
        break;
    }
    case E_BOOLOP: {
        int end = new_label(c);
        for (int i = 0; ok && i < n->l1.n; i++) {
            ok = compile_expr(c, n->l1.items[i]);
            if (ok && i < n->l1.n - 1)
                ok = emit(c, n->op == B_AND ? OP_JUMP_IF_FALSE_OR_POP : OP_JUMP_IF_TRUE_OR_POP, end);
        }
        bind_label(c, end);
        break;
    }
    case E_COMPARE:
        ok = compile_compare(c, n);
        break;
    case E_CALL:
        ok = compile_call(c, n);
        break;
    case E_ATTR:
        ok = compile_expr(c, n->a);
        set_loc(c, n);
        ok = ok && emit(c, n->op == CTX_LOAD ? OP_LOAD_ATTR : n->op == CTX_STORE ? OP_STORE_ATTR : OP_DELETE_ATTR,
                        add_name(c, n->name));
        break;
    case E_SUBSCRIPT:
        ok = compile_expr(c, n->a) && compile_expr(c, n->b);
        set_loc(c, n);
        ok = ok && emit(c, n->op == CTX_LOAD ? OP_BINARY_SUBSCR : n->op == CTX_STORE ? OP_STORE_SUBSCR : OP_DELETE_SUBSCR, 0);
        break;
    case E_SLICE: {
        GNode *parts[3] = { n->a, n->b, n->c };
        int count = n->c ? 3 : 2;
        for (int i = 0; ok && i < count; i++)
            ok = parts[i] ? compile_expr(c, parts[i]) : emit_const(c, G_NONE);
        ok = ok && emit(c, OP_BUILD_SLICE, count);
        break;
    }
    case E_STARRED:
        ok = fail(c, n, "can't use starred expression here");
        break;
    case E_LAMBDA:
        ok = make_function(c, n, n->scope, n->a, g_str_intern("<lambda>"));
        break;
    case E_IFEXP: {
        int orelse = new_label(c), end = new_label(c);
        ok = compile_jump_if(c, n->a, false, orelse) && compile_expr(c, n->b) && emit(c, OP_JUMP, end);
        bind_label(c, orelse);
        ok = ok && compile_expr(c, n->c);
        bind_label(c, end);
        break;
    }
    case E_LISTCOMP:
    case E_SETCOMP:
    case E_DICTCOMP:
    case E_GENEXP:
        ok = compile_comprehension(c, n);
        break;
    case E_YIELD:
        if (c->u->scope->kind != SC_FUNCTION)
            return fail(c, n, "'yield' outside function");
        ok = (n->a ? compile_expr(c, n->a) : emit_const(c, G_NONE)) && emit(c, OP_YIELD_VALUE, 0);
        break;
    case E_YIELDFROM: {
        /* gilt delegates with a plain loop: yield each item; the expression is None */
        int top = new_label(c), end = new_label(c);
        ok = compile_expr(c, n->a) && emit(c, OP_GET_ITER, 0);
        bind_label(c, top);
        ok = ok && emit(c, OP_FOR_ITER, end) && emit(c, OP_YIELD_VALUE, 0) && emit(c, OP_POP_TOP, 0) &&
             emit(c, OP_JUMP, top);
        bind_label(c, end);
        ok = ok && emit_const(c, G_NONE);
        break;
    }
    case E_NAMEDEXPR:
        ok = compile_expr(c, n->b) && emit(c, OP_DUP_TOP, 0) && compile_name(c, n->a, n->a->name, CTX_STORE);
        break;
    default:
        ok = fail(c, n, "internal error: unexpected node in expression");
    }
    c->u->loc = saved;
    return ok;
}

/* ====================================================================================
 * Assignment targets
 * ==================================================================================== */

static bool compile_store(Compiler *c, GNode *t)
{
    GLoc saved = c->u->loc;
    set_loc(c, t);
    bool ok = true;
    switch (t->kind) {
    case E_NAME:
        ok = compile_name(c, t, t->name, CTX_STORE);
        break;
    case E_ATTR:
        ok = compile_expr(c, t->a);
        set_loc(c, t);
        ok = ok && emit(c, OP_STORE_ATTR, add_name(c, t->name));
        break;
    case E_SUBSCRIPT:
        ok = compile_expr(c, t->a) && compile_expr(c, t->b);
        set_loc(c, t);
        ok = ok && emit(c, OP_STORE_SUBSCR, 0);
        break;
    case E_TUPLE:
    case E_LIST: {
        int star = -1;
        for (int i = 0; i < t->l1.n; i++)
            if (t->l1.items[i]->kind == E_STARRED)
                star = i;
        if (star >= 0) {
            int after = t->l1.n - star - 1;
            if (star > 255 || after > 0xffff)
                return fail(c, t, "too many expressions in star-unpacking assignment");
            ok = emit(c, OP_UNPACK_EX, star | (after << 8));
        } else {
            ok = emit(c, OP_UNPACK_SEQUENCE, t->l1.n);
        }
        for (int i = 0; ok && i < t->l1.n; i++) {
            GNode *e = t->l1.items[i];
            ok = compile_store(c, e->kind == E_STARRED ? e->a : e);
        }
        break;
    }
    case E_STARRED:
        ok = fail(c, t, "starred assignment target must be in a list or tuple");
        break;
    default:
        ok = fail(c, t, "cannot assign to expression");
    }
    c->u->loc = saved;
    return ok;
}

static bool compile_delete(Compiler *c, GNode *t)
{
    switch (t->kind) {
    case E_NAME:
        set_loc(c, t);
        return compile_name(c, t, t->name, CTX_DEL);
    case E_ATTR:
        if (!compile_expr(c, t->a))
            return false;
        set_loc(c, t);
        return emit(c, OP_DELETE_ATTR, add_name(c, t->name));
    case E_SUBSCRIPT:
        if (!compile_expr(c, t->a) || !compile_expr(c, t->b))
            return false;
        set_loc(c, t);
        return emit(c, OP_DELETE_SUBSCR, 0);
    case E_TUPLE:
    case E_LIST:
        for (int i = 0; i < t->l1.n; i++)
            if (!compile_delete(c, t->l1.items[i]))
                return false;
        return true;
    default:
        return fail(c, t, "cannot delete expression");
    }
}

/* ====================================================================================
 * Frame blocks and early exits
 * ==================================================================================== */

static bool push_fblock(Compiler *c, GNode *at, FBKind kind, int start, int exit, GNode *node)
{
    Unit *u = c->u;
    if (u->nfblocks >= GILT_MAX_BLOCKS)
        return fail(c, at, "too many statically nested blocks");
    u->fblocks[u->nfblocks++] = (FBlock){ kind, start, exit, node };
    return true;
}

static void pop_fblock(Compiler *c) { c->u->nfblocks--; }

/* Emit the clean-up for leaving block b early.  `preserve_tos`: a return value sits
 * on top of the stack and must survive. */
static bool unwind_fblock(Compiler *c, FBlock *b, bool preserve_tos)
{
    switch (b->kind) {
    case FB_WHILE:
        return true;
    case FB_FOR:
        if (preserve_tos && !emit(c, OP_ROT_TWO, 0))
            return false;
        return emit(c, OP_POP_TOP, 0);
    case FB_TRY_EXCEPT:
        return emit(c, OP_POP_BLOCK, 0);
    case FB_FINALLY_TRY: {
        if (!emit(c, OP_POP_BLOCK, 0))
            return false;
        /* run the finally body with this block popped, so a return inside it does
         * not run it again */
        Unit *u = c->u;
        FBlock saved = *b;
        int saved_n = u->nfblocks;
        u->nfblocks = (int)(b - u->fblocks);
        bool ok = compile_stmts(c, &saved.node->l4);
        u->nfblocks = saved_n;
        return ok;
    }
    case FB_FINALLY_END:
        /* inside the exceptional copy of a finally body: [exc] is on the stack */
        if (preserve_tos && !emit(c, OP_ROT_TWO, 0))
            return false;
        return emit(c, OP_POP_TOP, 0) && emit(c, OP_POP_EXCEPT, 0);
    case FB_HANDLER: {
        GNode *h = b->node;
        if (h && h->name) {
            if (!emit(c, OP_POP_BLOCK, 0))
                return false;
        }
        if (!emit(c, OP_POP_EXCEPT, 0))
            return false;
        if (h && h->name)
            return emit_const(c, G_NONE) && compile_name(c, h, h->name, CTX_STORE) &&
                   compile_name(c, h, h->name, CTX_DEL);
        return true;
    }
    case FB_WITH:
        if (!emit(c, OP_POP_BLOCK, 0))
            return false;
        if (preserve_tos && !emit(c, OP_ROT_TWO, 0))
            return false;
        return emit_const(c, G_NONE) && emit(c, OP_DUP_TOP, 0) && emit(c, OP_DUP_TOP, 0) &&
               emit(c, OP_CALL, 3) && emit(c, OP_POP_TOP, 0);
    }
    return true;
}

/* Unwind blocks from the top down to (not including) the loop for break/continue,
 * or all of them for return.  Returns the loop block, or NULL. */
static bool unwind_to_loop(Compiler *c, GNode *at, FBlock **loop, bool for_break)
{
    Unit *u = c->u;
    for (int i = u->nfblocks - 1; i >= 0; i--) {
        FBlock *b = &u->fblocks[i];
        if (b->kind == FB_WHILE || b->kind == FB_FOR) {
            *loop = b;
            if (for_break)
                return unwind_fblock(c, b, false);
            return true;
        }
        if (!unwind_fblock(c, b, false))
            return false;
    }
    *loop = NULL;
    return fail(c, at, for_break ? "'break' outside loop" : "'continue' not properly in loop");
}

/* ====================================================================================
 * Statements
 * ==================================================================================== */

static bool compile_function_def(Compiler *c, GNode *n)
{
    if (!compile_exprs(c, &n->l2))
        return false;
    if (!make_function(c, n, n->scope, n->a, n->name))
        return false;
    set_loc(c, n);
    for (int i = 0; i < n->l2.n; i++)
        if (!emit(c, OP_CALL, 1))
            return false;
    return compile_name(c, n, n->name, CTX_STORE);
}

static bool compile_class_def(Compiler *c, GNode *n)
{
    if (!compile_exprs(c, &n->l2))
        return false;
    set_loc(c, n);
    if (!emit(c, OP_LOAD_BUILD_CLASS, 0))
        return false;
    if (!make_function(c, n, n->scope, NULL, n->name))
        return false;
    if (!emit_const(c, n->name))
        return false;
    GNode call = { .kind = E_CALL, .line = n->line, .col = n->col, .end_line = n->line, .end_col = n->col,
                   .l1 = n->l3, .l2 = n->l4 };
    /* the class body function and the name are the first two arguments */
    if (has_starred(&n->l3))
        return fail(c, n, "gilt does not support *args in a class's bases");
    if (!compile_call_args(c, &call, 2, false))
        return false;
    set_loc(c, n);
    for (int i = 0; i < n->l2.n; i++)
        if (!emit(c, OP_CALL, 1))
            return false;
    return compile_name(c, n, n->name, CTX_STORE);
}

static bool compile_if(Compiler *c, GNode *n)
{
    int orelse = new_label(c), end = new_label(c);
    if (!compile_jump_if(c, n->a, false, orelse) || !compile_stmts(c, &n->l1))
        return false;
    if (n->l2.n) {
        if (!emit(c, OP_JUMP, end))
            return false;
        bind_label(c, orelse);
        if (!compile_stmts(c, &n->l2))
            return false;
    } else {
        bind_label(c, orelse);
    }
    bind_label(c, end);
    return true;
}

static bool compile_while(Compiler *c, GNode *n)
{
    int top = new_label(c), orelse = new_label(c), end = new_label(c);
    bind_label(c, top);
    if (!compile_jump_if(c, n->a, false, orelse))
        return false;
    if (!push_fblock(c, n, FB_WHILE, top, end, NULL) || !compile_stmts(c, &n->l1))
        return false;
    pop_fblock(c);
    set_loc(c, n);
    if (!emit(c, OP_JUMP, top))
        return false;
    bind_label(c, orelse);
    if (!compile_stmts(c, &n->l2))
        return false;
    bind_label(c, end);
    return true;
}

static bool compile_for(Compiler *c, GNode *n)
{
    int top = new_label(c), cleanup = new_label(c), end = new_label(c);
    if (!compile_expr(c, n->b))
        return false;
    set_loc(c, n->b);
    if (!emit(c, OP_GET_ITER, 0))
        return false;
    bind_label(c, top);
    set_loc(c, n);
    if (!emit(c, OP_FOR_ITER, cleanup) || !compile_store(c, n->a))
        return false;
    if (!push_fblock(c, n, FB_FOR, top, end, NULL) || !compile_stmts(c, &n->l1))
        return false;
    pop_fblock(c);
    set_loc(c, n);
    if (!emit(c, OP_JUMP, top))
        return false;
    bind_label(c, cleanup);
    if (!compile_stmts(c, &n->l2))
        return false;
    bind_label(c, end);
    return true;
}

static bool compile_try_except(Compiler *c, GNode *n)
{
    int handler = new_label(c), orelse = new_label(c), end = new_label(c);
    set_loc(c, n);
    if (!emit(c, OP_SETUP_FINALLY, handler))
        return false;
    if (!push_fblock(c, n, FB_TRY_EXCEPT, -1, -1, NULL) || !compile_stmts(c, &n->l1))
        return false;
    pop_fblock(c);
    if (!emit(c, OP_POP_BLOCK, 0) || !emit(c, OP_JUMP, orelse))
        return false;
    bind_label(c, handler);
    /* stack: [exc]; a BLOCK_HANDLER is active */
    for (int i = 0; i < n->l2.n; i++) {
        GNode *h = n->l2.items[i];
        set_loc(c, h);
        int next = new_label(c);
        if (!h->a && i != n->l2.n - 1)
            return fail(c, h, "default 'except:' must be last");
        if (h->a) {
            if (!emit(c, OP_DUP_TOP, 0) || !compile_expr(c, h->a))
                return false;
            set_loc(c, h);
            if (!emit(c, OP_JUMP_IF_NOT_EXC_MATCH, next))
                return false;
        }
        if (h->name) {
            /* except E as name: bind, and make sure the name is deleted afterwards
             * even if the handler raises */
            int cleanup = new_label(c);
            if (!compile_name(c, h, h->name, CTX_STORE) || !emit(c, OP_SETUP_FINALLY, cleanup))
                return false;
            if (!push_fblock(c, h, FB_HANDLER, -1, -1, h) || !compile_stmts(c, &h->l1))
                return false;
            pop_fblock(c);
            set_loc(c, h);
            if (!emit(c, OP_POP_BLOCK, 0) || !emit(c, OP_POP_EXCEPT, 0) || !emit_const(c, G_NONE) ||
                !compile_name(c, h, h->name, CTX_STORE) || !compile_name(c, h, h->name, CTX_DEL) ||
                !emit(c, OP_JUMP, end))
                return false;
            bind_label(c, cleanup);
            /* the handler raised: [exc2] on the stack, inner BLOCK_HANDLER active */
            if (!emit_const(c, G_NONE) || !compile_name(c, h, h->name, CTX_STORE) ||
                !compile_name(c, h, h->name, CTX_DEL) || !emit(c, OP_RERAISE, 0))
                return false;
        } else {
            if (!emit(c, OP_POP_TOP, 0))
                return false;
            if (!push_fblock(c, h, FB_HANDLER, -1, -1, NULL) || !compile_stmts(c, &h->l1))
                return false;
            pop_fblock(c);
            set_loc(c, h);
            if (!emit(c, OP_POP_EXCEPT, 0) || !emit(c, OP_JUMP, end))
                return false;
        }
        bind_label(c, next);
    }
    /* no handler matched: re-raise (the exc is still on the stack) */
    if (!emit(c, OP_RERAISE, 0))
        return false;
    bind_label(c, orelse);
    if (!compile_stmts(c, &n->l3))
        return false;
    bind_label(c, end);
    return true;
}

static bool compile_try(Compiler *c, GNode *n)
{
    if (n->l4.n == 0)
        return compile_try_except(c, n);
    int handler = new_label(c), end = new_label(c);
    set_loc(c, n);
    if (!emit(c, OP_SETUP_FINALLY, handler))
        return false;
    if (!push_fblock(c, n, FB_FINALLY_TRY, -1, -1, n))
        return false;
    bool ok = n->l2.n ? compile_try_except(c, n) : compile_stmts(c, &n->l1);
    if (!ok)
        return false;
    pop_fblock(c);
    if (!emit(c, OP_POP_BLOCK, 0) || !compile_stmts(c, &n->l4) || !emit(c, OP_JUMP, end))
        return false;
    bind_label(c, handler);
    /* exceptional path: [exc], BLOCK_HANDLER active */
    if (!push_fblock(c, n, FB_FINALLY_END, -1, -1, NULL) || !compile_stmts(c, &n->l4))
        return false;
    pop_fblock(c);
    if (!emit(c, OP_RERAISE, 0))
        return false;
    bind_label(c, end);
    return true;
}

static bool compile_with_items(Compiler *c, GNode *n, int item)
{
    GNode *it = n->l1.items[item];
    int handler = new_label(c), end = new_label(c), suppress = new_label(c);
    if (!compile_expr(c, it->a))
        return false;
    set_loc(c, n);
    if (!emit(c, OP_SETUP_WITH, handler))
        return false;
    if (it->b) {
        if (!compile_store(c, it->b))
            return false;
    } else if (!emit(c, OP_POP_TOP, 0)) {
        return false;
    }
    if (!push_fblock(c, n, FB_WITH, -1, -1, NULL))
        return false;
    bool ok = item + 1 < n->l1.n ? compile_with_items(c, n, item + 1) : compile_stmts(c, &n->l2);
    if (!ok)
        return false;
    pop_fblock(c);
    set_loc(c, n);
    /* normal exit: __exit__(None, None, None) */
    if (!emit(c, OP_POP_BLOCK, 0) || !emit_const(c, G_NONE) || !emit(c, OP_DUP_TOP, 0) ||
        !emit(c, OP_DUP_TOP, 0) || !emit(c, OP_CALL, 3) || !emit(c, OP_POP_TOP, 0) || !emit(c, OP_JUMP, end))
        return false;
    bind_label(c, handler);
    /* [exit, exc], BLOCK_HANDLER: ask __exit__ whether to swallow the exception */
    if (!emit(c, OP_WITH_EXCEPT_START, 0) || !emit(c, OP_POP_JUMP_IF_TRUE, suppress) || !emit(c, OP_RERAISE, 0))
        return false;
    bind_label(c, suppress);
    if (!emit(c, OP_POP_TOP, 0) || !emit(c, OP_POP_EXCEPT, 0) || !emit(c, OP_POP_TOP, 0))
        return false;
    bind_label(c, end);
    return true;
}

static bool compile_import(Compiler *c, GNode *n)
{
    for (int i = 0; i < n->l1.n; i++) {
        GNode *a = n->l1.items[i];
        if (strchr(g_str_data(a->name), '.'))
            return fail(c, a, "gilt has no packages: cannot import '%s'", g_str_data(a->name));
        if (!emit(c, OP_IMPORT_NAME, add_name(c, a->name)))
            return false;
        if (!compile_name(c, a, a->name2 ? a->name2 : a->name, CTX_STORE))
            return false;
    }
    return true;
}

static bool compile_import_from(Compiler *c, GNode *n)
{
    if (n->op > 0)
        return fail(c, n, "relative imports are not supported by gilt");
    if (!emit(c, OP_IMPORT_NAME, add_name(c, n->name)))
        return false;
    for (int i = 0; i < n->l1.n; i++) {
        GNode *a = n->l1.items[i];
        if (g_str_eq_cstr(a->name, "*"))
            return emit(c, OP_IMPORT_STAR, 0);
        if (!emit(c, OP_IMPORT_FROM, add_name(c, a->name)) ||
            !compile_name(c, a, a->name2 ? a->name2 : a->name, CTX_STORE))
            return false;
    }
    return emit(c, OP_POP_TOP, 0);
}

static bool compile_augassign(Compiler *c, GNode *n)
{
    GNode *t = n->a;
    switch (t->kind) {
    case E_NAME:
        set_loc(c, t);
        if (!compile_name(c, t, t->name, CTX_LOAD) || !compile_expr(c, n->b))
            return false;
        set_loc(c, n);
        return emit(c, OP_INPLACE_OP, n->op) && (set_loc(c, t), compile_name(c, t, t->name, CTX_STORE));
    case E_ATTR:
        if (!compile_expr(c, t->a))
            return false;
        set_loc(c, t);
        if (!emit(c, OP_DUP_TOP, 0) || !emit(c, OP_LOAD_ATTR, add_name(c, t->name)) || !compile_expr(c, n->b))
            return false;
        set_loc(c, n);
        return emit(c, OP_INPLACE_OP, n->op) && emit(c, OP_ROT_TWO, 0) &&
               (set_loc(c, t), emit(c, OP_STORE_ATTR, add_name(c, t->name)));
    case E_SUBSCRIPT:
        if (!compile_expr(c, t->a) || !compile_expr(c, t->b))
            return false;
        set_loc(c, t);
        if (!emit(c, OP_DUP_TOP_TWO, 0) || !emit(c, OP_BINARY_SUBSCR, 0) || !compile_expr(c, n->b))
            return false;
        set_loc(c, n);
        return emit(c, OP_INPLACE_OP, n->op) && emit(c, OP_ROT_THREE, 0) && (set_loc(c, t), emit(c, OP_STORE_SUBSCR, 0));
    default:
        return fail(c, t, "illegal expression for augmented assignment");
    }
}

static bool compile_stmt(Compiler *c, GNode *n)
{
    set_loc(c, n);
    Unit *u = c->u;
    switch (n->kind) {
    case S_EXPR:
        if (u->interactive && n->a->kind != E_YIELD) {
            return compile_expr(c, n->a) && emit(c, OP_PRINT_EXPR, 0);
        }
        if (n->a->kind == E_CONST)
            return true;  /* docstrings and bare constants do nothing */
        return compile_expr(c, n->a) && emit(c, OP_POP_TOP, 0);
    case S_ASSIGN:
        if (!compile_expr(c, n->a))
            return false;
        for (int i = 0; i < n->l1.n; i++) {
            if (i < n->l1.n - 1 && !emit(c, OP_DUP_TOP, 0))
                return false;
            if (!compile_store(c, n->l1.items[i]))
                return false;
        }
        return true;
    case S_AUGASSIGN:
        return compile_augassign(c, n);
    case S_ANNASSIGN:
        if (!n->c)
            return true;
        return compile_expr(c, n->c) && compile_store(c, n->a);
    case S_RETURN: {
        if (u->scope->kind != SC_FUNCTION)
            return fail(c, n, "'return' outside function");
        if (n->a && u->scope->generator && false)
            return true;
        if (!(n->a ? compile_expr(c, n->a) : emit_const(c, G_NONE)))
            return false;
        for (int i = u->nfblocks - 1; i >= 0; i--)
            if (!unwind_fblock(c, &u->fblocks[i], true))
                return false;
        set_loc(c, n);
        return emit(c, OP_RETURN_VALUE, 0);
    }
    case S_DEL:
        for (int i = 0; i < n->l1.n; i++)
            if (!compile_delete(c, n->l1.items[i]))
                return false;
        return true;
    case S_PASS:
        return emit(c, OP_NOP, 0);
    case S_BREAK: {
        FBlock *loop;
        if (!unwind_to_loop(c, n, &loop, true))
            return false;
        set_loc(c, n);
        return emit(c, OP_JUMP, loop->exit_label);
    }
    case S_CONTINUE: {
        FBlock *loop;
        if (!unwind_to_loop(c, n, &loop, false))
            return false;
        set_loc(c, n);
        return emit(c, OP_JUMP, loop->start_label);
    }
    case S_IF: return compile_if(c, n);
    case S_WHILE: return compile_while(c, n);
    case S_FOR: return compile_for(c, n);
    case S_TRY: return compile_try(c, n);
    case S_WITH: return compile_with_items(c, n, 0);
    case S_RAISE: {
        int count = 0;
        if (n->a) {
            if (!compile_expr(c, n->a))
                return false;
            count = 1;
            if (n->b) {
                if (!compile_expr(c, n->b))
                    return false;
                count = 2;
            }
        }
        set_loc(c, n);
        return emit(c, OP_RAISE_VARARGS, count);
    }
    case S_ASSERT: {
        int end = new_label(c);
        if (!compile_jump_if(c, n->a, true, end))
            return false;
        set_loc(c, n->a);   /* CPython reports an assert at its test */
        if (!emit(c, OP_LOAD_ASSERTION_ERROR, 0))
            return false;
        if (n->b) {
            if (!compile_expr(c, n->b) || !emit(c, OP_CALL, 1))
                return false;
        }
        set_loc(c, n->a);
        if (!emit(c, OP_RAISE_VARARGS, 1))
            return false;
        bind_label(c, end);
        return true;
    }
    case S_GLOBAL:
    case S_NONLOCAL:
        return true;
    case S_IMPORT: return compile_import(c, n);
    case S_IMPORTFROM: return compile_import_from(c, n);
    case S_FUNCDEF: return compile_function_def(c, n);
    case S_CLASSDEF: return compile_class_def(c, n);
    default:
        return fail(c, n, "internal error: unexpected statement");
    }
}

static bool compile_stmts(Compiler *c, GNodeList *l)
{
    for (int i = 0; i < l->n; i++)
        if (!compile_stmt(c, l->items[i]))
            return false;
    return true;
}

/* ====================================================================================
 * Assembling a code object
 * ==================================================================================== */

/* Stack effect of an instruction; `jump`: effect when the jump is taken. */
static int stack_effect(int op, int arg, bool jump)
{
    switch (op) {
    case OP_NOP: case OP_ROT_TWO: case OP_ROT_THREE: case OP_ROT_FOUR: case OP_UNARY_NEG:
    case OP_UNARY_POS: case OP_UNARY_NOT: case OP_UNARY_INVERT: case OP_GET_ITER: case OP_LIST_TO_TUPLE:
    case OP_LOAD_ATTR: case OP_POP_BLOCK: case OP_POP_EXCEPT: case OP_DELETE_FAST: case OP_DELETE_DEREF:
    case OP_DELETE_GLOBAL: case OP_DELETE_NAME: case OP_JUMP: case OP_YIELD_VALUE:
        return 0;
    case OP_POP_TOP: case OP_STORE_FAST: case OP_STORE_DEREF: case OP_STORE_GLOBAL: case OP_STORE_NAME:
    case OP_DELETE_ATTR: case OP_BINARY_SUBSCR: case OP_BINARY_OP: case OP_INPLACE_OP: case OP_COMPARE_OP:
    case OP_IS_OP: case OP_CONTAINS_OP: case OP_POP_JUMP_IF_FALSE: case OP_POP_JUMP_IF_TRUE:
    case OP_LIST_APPEND: case OP_SET_ADD: case OP_LIST_EXTEND: case OP_SET_UPDATE: case OP_DICT_UPDATE:
    case OP_DICT_MERGE: case OP_RETURN_VALUE: case OP_RERAISE: case OP_IMPORT_STAR: case OP_PRINT_EXPR:
        return -1;
    case OP_DUP_TOP: case OP_LOAD_CONST: case OP_LOAD_FAST: case OP_LOAD_DEREF: case OP_LOAD_CLOSURE:
    case OP_LOAD_CLASSDEREF: case OP_LOAD_GLOBAL: case OP_LOAD_NAME: case OP_LOAD_METHOD:
    case OP_WITH_EXCEPT_START: case OP_LOAD_BUILD_CLASS: case OP_LOAD_ASSERTION_ERROR: case OP_IMPORT_NAME:
    case OP_IMPORT_FROM:
        return 1;
    case OP_DUP_TOP_TWO: return 2;
    case OP_STORE_ATTR: case OP_DELETE_SUBSCR: case OP_MAP_ADD: return -2;
    case OP_STORE_SUBSCR: return -3;
    case OP_BUILD_SLICE: return 1 - arg;
    case OP_JUMP_IF_FALSE_OR_POP: case OP_JUMP_IF_TRUE_OR_POP: return jump ? 0 : -1;
    case OP_FOR_ITER: return jump ? -1 : 1;
    case OP_BUILD_TUPLE: case OP_BUILD_LIST: case OP_BUILD_SET: case OP_BUILD_STRING: return 1 - arg;
    case OP_BUILD_MAP: return 1 - 2 * arg;
    case OP_UNPACK_SEQUENCE: return arg - 1;
    case OP_UNPACK_EX: return (arg & 0xff) + (arg >> 8);
    case OP_CALL: return -arg;
    case OP_CALL_KW: case OP_CALL_METHOD: return -arg - 1;
    case OP_CALL_METHOD_KW: return -arg - 2;
    case OP_CALL_FUNCTION_EX: return -1 - (arg & 1);
    case OP_MAKE_FUNCTION:
        return -1 - ((arg & MF_DEFAULTS) != 0) - ((arg & MF_KWDEFAULTS) != 0) - ((arg & MF_CLOSURE) != 0);
    case OP_SETUP_FINALLY: return jump ? 1 : 0;
    case OP_SETUP_WITH: return jump ? 1 : 1;
    case OP_RAISE_VARARGS: return -arg;
    case OP_JUMP_IF_NOT_EXC_MATCH: return -2;
    case OP_FORMAT_VALUE: return (arg & FVS_HAVE_SPEC) ? -1 : 0;
    }
    return 0;
}

static bool ends_flow(int op)
{
    return op == OP_JUMP || op == OP_RETURN_VALUE || op == OP_RERAISE || op == OP_RAISE_VARARGS;
}

static int max_stack_depth(Compiler *c, uint32_t *code, int n)
{
    int *depth = g_mem_alloc((size_t)(n + 1) * sizeof(int));
    int *work = g_mem_alloc((size_t)(n + 1) * sizeof(int));
    if (!depth || !work) {
        g_mem_free(depth);
        g_mem_free(work);
        oom(c);
        return -1;
    }
    for (int i = 0; i <= n; i++)
        depth[i] = -1;
    int nwork = 0, maxd = 0;
    depth[0] = 0;
    work[nwork++] = 0;
    while (nwork) {
        int i = work[--nwork];
        int d = depth[i];
        for (; i < n; i++) {
            int op = G_OP(code[i]), arg = (int)G_ARG(code[i]);
            if (g_op_is_jump(op)) {
                int td = d + stack_effect(op, arg, true);
                if (td > maxd)
                    maxd = td;
                if (depth[arg] < 0) {
                    depth[arg] = td;
                    work[nwork++] = arg;
                }
            }
            d += stack_effect(op, arg, false);
            if (d > maxd)
                maxd = d;
            if (ends_flow(op))
                break;
            if (i + 1 < n) {
                if (depth[i + 1] >= 0)
                    break;
                depth[i + 1] = d;
            }
        }
    }
    g_mem_free(depth);
    g_mem_free(work);
    return maxd;
}

static GCode *assemble(Compiler *c, Unit *u)
{
    /* resolve labels */
    for (int i = 0; i < u->n; i++) {
        int op = G_OP(u->code[i]);
        if (g_op_is_jump(op)) {
            int target = u->labels[G_ARG(u->code[i])];
            if (target < 0) {
                fail(c, &(GNode){ .line = u->locs[i].line }, "internal error: unbound label");
                return NULL;
            }
            u->code[i] = G_INSTR(op, target);
        }
    }
    int stacksize = max_stack_depth(c, u->code, u->n);
    if (stacksize < 0)
        return NULL;
    GScope *s = u->scope;
    GCode *co = (GCode *)g_object_alloc(&GCode_type, sizeof(GCode));
    if (!co) {
        oom(c);
        return NULL;
    }
    memset((char *)co + sizeof(GObject), 0, sizeof(GCode) - sizeof(GObject));
    co->code = u->code;
    co->locs = u->locs;
    co->ncode = u->n;
    u->code = NULL;
    u->locs = NULL;
    co->argcount = s->argcount;
    co->kwonlyargcount = s->kwonlyargcount;
    co->posonlyargcount = s->posonlyargcount;
    co->nlocals = s->kind == SC_FUNCTION ? (int32_t)G_LIST_SIZE(s->varnames) : 0;
    co->ncells = (int32_t)G_LIST_SIZE(s->cellvars);
    co->nfrees = (int32_t)G_LIST_SIZE(s->freevars);
    co->stacksize = stacksize + 1;
    co->flags = (s->varargs ? G_CO_VARARGS : 0) | (s->varkw ? G_CO_VARKW : 0) |
                (s->generator ? G_CO_GENERATOR : 0) | (s->kind != SC_FUNCTION ? G_CO_MODULE : 0) |
                (s->kind == SC_CLASS ? G_CO_CLASS : 0) | (s->parent && s->parent->kind != SC_MODULE ? G_CO_NESTED : 0);
    co->firstlineno = u->firstlineno;
    co->consts = g_list_as_tuple(u->consts);
    co->names = g_list_as_tuple(u->names);
    co->varnames = g_list_as_tuple(s->varnames);
    co->cellvars = g_list_as_tuple(s->cellvars);
    co->freevars = g_list_as_tuple(s->freevars);
    co->name = g_newref(s->name);
    co->qualname = g_newref(u->qualname);
    co->filename = g_newref(c->filename);
    if (co->ncells) {
        co->cell2arg = g_mem_alloc((size_t)co->ncells * sizeof(int32_t));
        for (int i = 0; i < co->ncells; i++) {
            GObject *name = G_TUPLE_ITEM(co->cellvars, i);
            int idx = s->kind == SC_FUNCTION ? list_index(s->varnames, name) : -1;
            int f = g_dict_get(s->symbols, name) ? (int)g_int_small_value(g_dict_get(s->symbols, name)) : 0;
            co->cell2arg[i] = (idx >= 0 && (f & DEF_PARAM)) ? idx : -1;
        }
    }
    if (!co->consts || !co->names || !co->varnames || !co->cellvars || !co->freevars) {
        g_decref((GObject *)co);
        oom(c);
        return NULL;
    }
    /* constants are shared by every thread and never change: make them immortal */
    for (int64_t i = 0; i < G_TUPLE_SIZE(co->consts); i++) {
        GObject *k = G_TUPLE_ITEM(co->consts, i);
        if (G_TYPE(k) == &GStr_type || G_TYPE(k) == &GInt_type || G_TYPE(k) == &GFloat_type || G_TYPE(k) == &GTuple_type)
            g_set_immortal(k);
    }
    g_set_deferred((GObject *)co);
    return co;
}

static bool unit_init(Compiler *c, Unit *u, GScope *scope, GObject *qualname, int firstlineno)
{
    memset(u, 0, sizeof *u);
    u->scope = scope;
    u->parent = c->u;
    u->consts = g_list_new(0);
    u->const_index = g_dict_new();
    u->names = g_list_new(0);
    u->qualname = g_newref(qualname);
    u->firstlineno = firstlineno;
    u->loc = (GLoc){ firstlineno, firstlineno, 0, 0, 0xffff, 0xffff };
    if (!u->consts || !u->const_index || !u->names)
        return oom(c);
    c->u = u;
    return true;
}

static void unit_fini(Compiler *c, Unit *u)
{
    g_mem_free(u->code);
    g_mem_free(u->locs);
    g_mem_free(u->labels);
    g_xdecref(u->consts);
    g_xdecref(u->const_index);
    g_xdecref(u->names);
    g_xdecref(u->qualname);
    c->u = u->parent;
}

static GObject *docstring(GNodeList *body)
{
    if (body->n > 0 && body->items[0]->kind == S_EXPR && body->items[0]->a->kind == E_CONST &&
        g_is_str(body->items[0]->a->name))
        return body->items[0]->a->name;
    return NULL;
}

/* Compile the body of a function, lambda, comprehension or class into a code object. */
static GCode *compile_code_unit(Compiler *c, GScope *scope, GNode *owner, GObject *qualname)
{
    Unit u;
    if (!unit_init(c, &u, scope, qualname, owner->line)) {
        c->u = u.parent;
        return NULL;
    }
    bool ok = true;
    switch (owner->kind) {
    case S_FUNCDEF: {
        GObject *doc = docstring(&owner->l1);
        add_const(c, doc ? doc : G_NONE);   /* consts[0] is the docstring */
        ok = compile_stmts(c, &owner->l1);
        break;
    }
    case E_LAMBDA:
        add_const(c, G_NONE);
        if (scope->generator) {
            ok = compile_expr(c, owner->b) && emit(c, OP_POP_TOP, 0);
        } else {
            ok = compile_expr(c, owner->b) && emit(c, OP_RETURN_VALUE, 0);
        }
        break;
    case S_CLASSDEF: {
        set_loc(c, owner);
        ok = emit(c, OP_LOAD_NAME, add_name(c, g_str_intern("__name__"))) &&
             emit(c, OP_STORE_NAME, add_name(c, g_str_intern("__module__"))) && emit_const(c, qualname) &&
             emit(c, OP_STORE_NAME, add_name(c, g_str_intern("__qualname__")));
        GObject *doc = docstring(&owner->l1);
        if (ok && doc)
            ok = emit_const(c, doc) && emit(c, OP_STORE_NAME, add_name(c, g_str_intern("__doc__")));
        ok = ok && compile_stmts(c, &owner->l1);
        if (ok && scope->needs_class_cell) {
            int i = deref_index(c->u, g_str_intern("__class__"));
            ok = emit(c, OP_LOAD_CLOSURE, i) && emit(c, OP_STORE_NAME, add_name(c, g_str_intern("__classcell__")));
        }
        break;
    }
    case E_LISTCOMP:
    case E_SETCOMP:
    case E_DICTCOMP:
    case E_GENEXP:
        set_loc(c, owner);
        if (owner->kind == E_LISTCOMP)
            ok = emit(c, OP_BUILD_LIST, 0);
        else if (owner->kind == E_SETCOMP)
            ok = emit(c, OP_BUILD_SET, 0);
        else if (owner->kind == E_DICTCOMP)
            ok = emit(c, OP_BUILD_MAP, 0);
        ok = ok && compile_comprehension_body(c, owner, 0, 0);
        if (ok && owner->kind != E_GENEXP) {
            ok = emit(c, OP_RETURN_VALUE, 0);
            break;
        }
        break;
    default:
        ok = fail(c, owner, "internal error: bad code owner");
    }
    if (ok && !(owner->kind == E_LAMBDA && !scope->generator) &&
        !(owner->kind == E_LISTCOMP || owner->kind == E_SETCOMP || owner->kind == E_DICTCOMP)) {
        /* fall off the end: return None */
        if (owner->kind == S_FUNCDEF && owner->l1.n > 0) {
            GNode *last = owner->l1.items[owner->l1.n - 1];
            c->u->loc.line = c->u->loc.end_line = last->end_line;
        }
        ok = emit_const(c, G_NONE) && emit(c, OP_RETURN_VALUE, 0);
    }
    GCode *co = ok ? assemble(c, &u) : NULL;
    unit_fini(c, &u);
    return co;
}

/* ====================================================================================
 * Entry point
 * ==================================================================================== */

GCode *g_compile(const char *src, size_t len, const char *filename, int mode, GSyntaxError *err)
{
    memset(err, 0, sizeof *err);
    GTokens toks;
    if (g_tokenize(src, len, &toks, err) < 0)
        return NULL;
    GArena arena = { NULL };
    GNode *mod = g_parse_tokens(&toks, &arena, err);
    GCode *co = NULL;
    GScope *top = NULL;
    if (!mod)
        goto done;
    top = g_symtable_build(mod, err);
    if (!top)
        goto done;
    Compiler c = { .u = NULL, .err = err, .filename = g_str_from_cstr(filename), .mode = mode };
    Unit u;
    if (unit_init(&c, &u, top, g_str_intern("<module>"), 1)) {
        u.interactive = mode == G_COMPILE_SINGLE;
        bool ok = true;
        GObject *doc = docstring(&mod->l1);
        if (doc && mode == G_COMPILE_FILE)
            ok = emit_const(&c, doc) && emit(&c, OP_STORE_GLOBAL, add_name(&c, g_str_intern("__doc__")));
        if (mode == G_COMPILE_EVAL) {
            if (mod->l1.n != 1 || mod->l1.items[0]->kind != S_EXPR) {
                ok = fail(&c, mod->l1.n ? mod->l1.items[0] : mod, "invalid syntax");
            } else {
                ok = compile_expr(&c, mod->l1.items[0]->a) && emit(&c, OP_RETURN_VALUE, 0);
            }
        } else {
            ok = ok && compile_stmts(&c, &mod->l1);
            if (ok) {
                if (mod->l1.n > 0) {
                    GNode *last = mod->l1.items[mod->l1.n - 1];
                    c.u->loc.line = c.u->loc.end_line = last->end_line;
                }
                ok = emit_const(&c, G_NONE) && emit(&c, OP_RETURN_VALUE, 0);
            }
        }
        if (ok)
            co = assemble(&c, &u);
        unit_fini(&c, &u);
    }
    g_xdecref(c.filename);
done:
    g_symtable_free(top);
    g_arena_free(&arena);
    g_tokens_free(&toks);
    return co;
}
