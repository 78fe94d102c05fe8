/* symtable.c -- building and resolving scopes (see symtable.h for the rules).
 *
 * Pass 1 (visit_*) walks the tree, creating a child scope for each def, lambda,
 * class and comprehension and recording DEF_ and USE flags per name.  Pass 2 (analyze)
 * resolves names top-down, passing the set of names bound by enclosing functions, and
 * bottom-up turns locals that children capture into cells.
 */
#include "compile/symtable.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "runtime/runtime.h"

typedef struct {
    GScope *cur;
    GSyntaxError *err;
    bool failed;
    int depth, max_depth;   /* expression nesting, capped as CPython caps it */
} Builder;

static bool fail(Builder *b, GNode *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static bool fail(Builder *b, GNode *n, const char *fmt, ...)
{
    if (b->failed)
        return false;
    b->failed = true;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(b->err->msg, sizeof b->err->msg, fmt, ap);
    va_end(ap);
    b->err->kind = &GExc_SyntaxError;
    b->err->line = n->line;
    b->err->col = n->col;
    b->err->end_line = n->end_line;
    b->err->end_col = n->end_col;
    return false;
}

static GScope *scope_new(Builder *b, int kind, GObject *name, int lineno)
{
    GScope *s = g_mem_calloc(1, sizeof(GScope));
    if (!s)
        return NULL;
    s->kind = kind;
    s->name = g_newref(name);
    s->symbols = g_dict_new();
    s->varnames = g_list_new(0);
    s->cellvars = g_list_new(0);
    s->freevars = g_list_new(0);
    s->lineno = lineno;
    s->parent = b->cur;
    if (b->cur) {
        GScope *p = b->cur;
        if (p->nchildren == p->cap) {
            p->cap = p->cap ? p->cap * 2 : 4;
            p->children = g_mem_realloc(p->children, (size_t)p->cap * sizeof(GScope *));
        }
        p->children[p->nchildren++] = s;
    }
    return s;
}

void g_symtable_free(GScope *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->nchildren; i++)
        g_symtable_free(s->children[i]);
    g_mem_free(s->children);
    g_mem_free(s->nonlocals);
    g_xdecref(s->name);
    g_xdecref(s->symbols);
    g_xdecref(s->varnames);
    g_xdecref(s->cellvars);
    g_xdecref(s->freevars);
    g_mem_free(s);
}

static int flags_of(GScope *s, GObject *name)
{
    GObject *v = g_dict_get(s->symbols, name);
    return v ? (int)g_int_small_value(v) : 0;
}

static void set_flags(GScope *s, GObject *name, int flags)
{
    GObject *v = g_int_from_i64(flags);
    g_dict_set(s->symbols, name, v);
    g_decref(v);
}

int g_scope_of(GScope *s, GObject *name) { return flags_of(s, name) >> SCOPE_SHIFT; }

static bool add_def(Builder *b, GNode *at, GObject *name, int flag)
{
    GScope *s = b->cur;
    int old = flags_of(s, name);
    if ((flag & DEF_PARAM) && (old & DEF_PARAM))
        return fail(b, at, "duplicate argument '%s' in function definition", g_str_data(name));
    if (flag == DEF_GLOBAL || flag == DEF_NONLOCAL) {
        const char *kw = flag == DEF_GLOBAL ? "global" : "nonlocal";
        if (old & DEF_PARAM)
            return fail(b, at, "name '%s' is parameter and %s", g_str_data(name), kw);
        if ((flag == DEF_GLOBAL && (old & DEF_NONLOCAL)) || (flag == DEF_NONLOCAL && (old & DEF_GLOBAL)))
            return fail(b, at, "name '%s' is nonlocal and global", g_str_data(name));
        if (old & USE)
            return fail(b, at, "name '%s' is used prior to %s declaration", g_str_data(name), kw);
        if (old & DEF_LOCAL)
            return fail(b, at, "name '%s' is assigned to before %s declaration", g_str_data(name), kw);
    }
    set_flags(s, name, old | flag);
    if ((flag & DEF_PARAM) && g_list_append(s->varnames, name) < 0)
        return false;
    return true;
}

/* ---- pass 1 ---- */

static bool visit_expr(Builder *b, GNode *n);
static bool visit_stmts(Builder *b, GNodeList *l);

static bool visit_exprs(Builder *b, GNodeList *l)
{
    for (int i = 0; i < l->n; i++)
        if (l->items[i] && !visit_expr(b, l->items[i]))
            return false;
    return true;
}

static bool visit_params(Builder *b, GNode *args)
{
    GScope *s = b->cur;
    for (int i = 0; i < args->l1.n; i++)
        if (!add_def(b, args->l1.items[i], args->l1.items[i]->name, DEF_PARAM))
            return false;
    s->argcount = args->l1.n;
    s->posonlyargcount = args->op;
    for (int i = 0; i < args->l3.n; i++)
        if (!add_def(b, args->l3.items[i], args->l3.items[i]->name, DEF_PARAM))
            return false;
    s->kwonlyargcount = args->l3.n;
    if (args->a) {
        s->varargs = true;
        if (!add_def(b, args->a, args->a->name, DEF_PARAM))
            return false;
    }
    if (args->b) {
        s->varkw = true;
        if (!add_def(b, args->b, args->b->name, DEF_PARAM))
            return false;
    }
    return true;
}

/* May code in scope s await: an async function, or comprehensions inside one? */
static bool awaits_allowed(GScope *s)
{
    while (s && s->comprehension && !s->coroutine)
        s = s->parent;
    return s && s->kind == SC_FUNCTION && s->coroutine;
}

static bool visit_comprehension(Builder *b, GNode *n, const char *name)
{
    /* the first iterable is evaluated in the enclosing scope */
    GNode *first = n->l1.items[0];
    if (!visit_expr(b, first->b))
        return false;
    GScope *s = scope_new(b, SC_FUNCTION, g_str_intern(name), n->line);
    if (!s)
        return false;
    s->comprehension = true;
    s->comprehension_node = n;
    s->generator = n->kind == E_GENEXP;
    /* `async for` in it: an asynchronous comprehension, a coroutine (an async
     * generator for a generator expression) that the enclosing code awaits */
    for (int i = 0; i < n->l1.n; i++)
        if (n->l1.items[i]->op == 1) {
            if (n->kind != E_GENEXP && !awaits_allowed(b->cur))
                return fail(b, n, "asynchronous comprehension outside of an asynchronous function");
            s->coroutine = true;
        }
    n->scope = s;
    GScope *saved = b->cur;
    b->cur = s;
    bool ok = add_def(b, n, g_str_intern(".0"), DEF_PARAM);
    s->argcount = 1;
    for (int i = 0; ok && i < n->l1.n; i++) {
        GNode *c = n->l1.items[i];
        if (i > 0)
            ok = visit_expr(b, c->b);
        ok = ok && visit_expr(b, c->a) && visit_exprs(b, &c->l1);
    }
    if (ok) {
        if (n->kind == E_DICTCOMP)
            ok = visit_expr(b, n->a) && visit_expr(b, n->b);
        else
            ok = visit_expr(b, n->a);
    }
    b->cur = saved;
    return ok;
}

static bool visit_expr_inner(Builder *b, GNode *n);

/* CPython stops compiling at 3 x the recursion limit of nesting; so does gilt,
 * which also keeps the C stack of the compiler bounded. */
static bool visit_expr(Builder *b, GNode *n)
{
    if (!n)
        return true;
    if (++b->depth > b->max_depth) {
        if (!b->failed) {
            b->failed = true;
            b->err->kind = &GExc_RecursionError;
            snprintf(b->err->msg, sizeof b->err->msg, "maximum recursion depth exceeded during compilation");
            b->err->line = n->line;
            b->err->col = -1;
        }
        return false;
    }
    bool ok = visit_expr_inner(b, n);
    b->depth--;
    return ok;
}

static bool visit_expr_inner(Builder *b, GNode *n)
{
    switch (n->kind) {
    case E_NAME:
        if (n->op == CTX_LOAD) {
            int f = flags_of(b->cur, n->name);
            set_flags(b->cur, n->name, f | USE);
            if (b->cur->kind == SC_FUNCTION && g_str_eq_cstr(n->name, "super"))
                b->cur->uses_super = true;
            return true;
        }
        return add_def(b, n, n->name, DEF_LOCAL);
    case E_CONST:
        return true;
    case E_NAMEDEXPR: {
        /* the target binds in the nearest scope that is not a comprehension */
        GScope *s = b->cur;
        if (s->comprehension) {
            GScope *t = s;
            while (t->comprehension)
                t = t->parent;
            if (t->kind == SC_CLASS)
                return fail(b, n, "assignment expression within a comprehension cannot be used in a class body");
            int f = flags_of(t, n->a->name);
            set_flags(t, n->a->name, f | DEF_LOCAL);
            int g = flags_of(s, n->a->name);
            set_flags(s, n->a->name, g | (t->kind == SC_MODULE ? DEF_GLOBAL : DEF_NONLOCAL));
            return visit_expr(b, n->b);
        }
        return visit_expr(b, n->b) && visit_expr(b, n->a);
    }
    case E_LAMBDA: {
        GNode *args = n->a;
        if (!visit_exprs(b, &args->l2) || !visit_exprs(b, &args->l4))
            return false;
        GScope *s = scope_new(b, SC_FUNCTION, g_str_intern("<lambda>"), n->line);
        if (!s)
            return false;
        n->scope = s;
        GScope *saved = b->cur;
        b->cur = s;
        bool ok = visit_params(b, args) && visit_expr(b, n->b);
        b->cur = saved;
        return ok;
    }
    case E_LISTCOMP: return visit_comprehension(b, n, "<listcomp>");
    case E_SETCOMP: return visit_comprehension(b, n, "<setcomp>");
    case E_DICTCOMP: return visit_comprehension(b, n, "<dictcomp>");
    case E_GENEXP: return visit_comprehension(b, n, "<genexpr>");
    case E_YIELD:
    case E_YIELDFROM:
        if (b->cur->kind != SC_FUNCTION)
            return fail(b, n, "'yield' outside function");
        if (b->cur->comprehension)
            return fail(b, n, "'yield' inside %s", g_str_data(b->cur->name) + 1);
        if (n->kind == E_YIELDFROM && b->cur->coroutine)
            return fail(b, n, "'yield from' inside async function");
        b->cur->generator = true;
        return visit_expr(b, n->a);
    case E_AWAIT:
        if (b->cur->comprehension) {
            /* an await in a comprehension makes it (and any comprehension around it,
             * which awaits this one) a coroutine; a generator expression may be one
             * anywhere (an async generator), the others only in an async function */
            bool genexp = b->cur->generator;
            if (!genexp && !awaits_allowed(b->cur))
                return fail(b, b->cur->comprehension_node, "asynchronous comprehension outside of an asynchronous function");
            for (GScope *s = b->cur; s && s->comprehension; s = s->parent)
                s->coroutine = true;
        }
        if (b->cur->kind != SC_FUNCTION)
            return fail(b, n, "'await' outside function");
        if (!b->cur->coroutine)
            return fail(b, n, "'await' outside async function");
        return visit_expr(b, n->a);
    default:
        break;
    }
    /* generic: children */
    return visit_expr(b, n->a) && visit_expr(b, n->b) && visit_expr(b, n->c) && visit_exprs(b, &n->l1) &&
           visit_exprs(b, &n->l2);
}

/* A def's annotations are evaluated where the def runs (the enclosing scope), like its
 * defaults: `def f(x: T) -> R` reads T and R there. */
static bool visit_annotations(Builder *b, GNode *args, GNode *returns)
{
    GNodeList *lists[2] = { &args->l1, &args->l3 };
    for (int li = 0; li < 2; li++)
        for (int i = 0; i < lists[li]->n; i++)
            if (!visit_expr(b, lists[li]->items[i]->a))
                return false;
    return (!args->a || visit_expr(b, args->a->a)) && (!args->b || visit_expr(b, args->b->a)) &&
           visit_expr(b, returns);
}

static bool visit_stmt(Builder *b, GNode *n)
{
    switch (n->kind) {
    case S_FUNCDEF: {
        GNode *args = n->a;
        if (!visit_exprs(b, &n->l2) || !visit_exprs(b, &args->l2) || !visit_exprs(b, &args->l4) ||
            !visit_annotations(b, args, n->b))
            return false;
        if (!add_def(b, n, n->name, DEF_LOCAL))
            return false;
        GScope *s = scope_new(b, SC_FUNCTION, n->name, n->line);
        if (!s)
            return false;
        n->scope = s;
        s->coroutine = n->op == 1;
        GScope *saved = b->cur;
        b->cur = s;
        bool ok = visit_params(b, args) && visit_stmts(b, &n->l1);
        b->cur = saved;
        return ok;
    }
    case S_CLASSDEF: {
        if (!visit_exprs(b, &n->l2) || !visit_exprs(b, &n->l3))
            return false;
        for (int i = 0; i < n->l4.n; i++)
            if (!visit_expr(b, n->l4.items[i]->a))
                return false;
        if (!add_def(b, n, n->name, DEF_LOCAL))
            return false;
        GScope *s = scope_new(b, SC_CLASS, n->name, n->line);
        if (!s)
            return false;
        n->scope = s;
        GScope *saved = b->cur;
        b->cur = s;
        bool ok = visit_stmts(b, &n->l1);
        b->cur = saved;
        return ok;
    }
    case S_GLOBAL:
    case S_NONLOCAL:
        if (n->kind == S_NONLOCAL) {
            GScope *s = b->cur;
            GNode **nn = g_mem_realloc(s->nonlocals, (size_t)(s->nnonlocals + 1) * sizeof(GNode *));
            if (nn) {
                nn[s->nnonlocals++] = n;
                s->nonlocals = nn;
            }
        }
        for (int i = 0; i < n->l1.n; i++) {
            GNode *nm = n->l1.items[i];
            if (n->kind == S_NONLOCAL && b->cur->kind == SC_MODULE)
                return fail(b, n, "nonlocal declaration not allowed at module level");
            if (!add_def(b, nm, nm->name, n->kind == S_GLOBAL ? DEF_GLOBAL : DEF_NONLOCAL))
                return false;
        }
        return true;
    case S_IMPORT:
        for (int i = 0; i < n->l1.n; i++) {
            GNode *a = n->l1.items[i];
            GObject *bound = a->name2;
            if (!bound) {
                const char *full = g_str_data(a->name);
                const char *dot = strchr(full, '.');
                GObject *first = dot ? g_str_new(full, (size_t)(dot - full)) : g_newref(a->name);
                bool ok = first && add_def(b, a, g_str_intern_obj(first), DEF_LOCAL);
                if (!ok)
                    return false;
                continue;
            }
            if (!add_def(b, a, bound, DEF_LOCAL))
                return false;
        }
        return true;
    case S_IMPORTFROM:
        for (int i = 0; i < n->l1.n; i++) {
            GNode *a = n->l1.items[i];
            if (g_str_eq_cstr(a->name, "*")) {
                if (b->cur->kind != SC_MODULE)
                    return fail(b, n, "import * only allowed at module level");
                continue;
            }
            if (!add_def(b, a, a->name2 ? a->name2 : a->name, DEF_LOCAL))
                return false;
        }
        return true;
    case S_TRY:
        if (!visit_stmts(b, &n->l1))
            return false;
        for (int i = 0; i < n->l2.n; i++) {
            GNode *h = n->l2.items[i];
            if (!visit_expr(b, h->a))
                return false;
            if (h->name && !add_def(b, h, h->name, DEF_LOCAL))
                return false;
            if (!visit_stmts(b, &h->l1))
                return false;
        }
        return visit_stmts(b, &n->l3) && visit_stmts(b, &n->l4);
    case S_WITH:
        if (n->op == 1 && !b->cur->coroutine)
            return fail(b, n, "'async with' outside async function");
        for (int i = 0; i < n->l1.n; i++) {
            GNode *item = n->l1.items[i];
            if (!visit_expr(b, item->a) || !visit_expr(b, item->b))
                return false;
        }
        return visit_stmts(b, &n->l2);
    case S_IF:
    case S_WHILE:
        return visit_expr(b, n->a) && visit_stmts(b, &n->l1) && visit_stmts(b, &n->l2);
    case S_FOR:
        if (n->op == 1 && !b->cur->coroutine)
            return fail(b, n, "'async for' outside async function");
        return visit_expr(b, n->b) && visit_expr(b, n->a) && visit_stmts(b, &n->l1) && visit_stmts(b, &n->l2);
    case S_ASSIGN:
        return visit_expr(b, n->a) && visit_exprs(b, &n->l1);
    case S_AUGASSIGN: {
        /* x += 1 both reads and binds x */
        if (n->a->kind == E_NAME) {
            int f = flags_of(b->cur, n->a->name);
            set_flags(b->cur, n->a->name, f | USE);
        }
        return visit_expr(b, n->b) && visit_expr(b, n->a);
    }
    case S_ANNASSIGN:
        return visit_expr(b, n->c) && visit_expr(b, n->a) && visit_expr(b, n->b);
    default:
        return visit_expr(b, n->a) && visit_expr(b, n->b) && visit_exprs(b, &n->l1);
    }
}

static bool visit_stmts(Builder *b, GNodeList *l)
{
    for (int i = 0; i < l->n; i++)
        if (!visit_stmt(b, l->items[i]))
            return false;
    return true;
}

/* ---- pass 2 ---- */

static bool bound_here(int flags) { return (flags & (DEF_LOCAL | DEF_PARAM)) && !(flags & (DEF_GLOBAL | DEF_NONLOCAL)); }

/* bound: dict of names bound in enclosing functions (values unused).
 * Returns a new dict of names free in s (that s needs from outside), or NULL. */
static GObject *analyze(Builder *b, GScope *s, GObject *bound, GNode *where)
{
    int64_t pos = 0;
    GObject *name, *v;
    GObject *free = g_dict_new();
    GObject *implicit_cells = NULL;
    /* a method using super() needs __class__ */
    if (s->kind == SC_FUNCTION && s->uses_super) {
        GObject *cls = g_str_intern("__class__");
        set_flags(s, cls, flags_of(s, cls) | USE);
    }
    pos = 0;
    while (g_dict_next(s->symbols, &pos, &name, &v)) {
        int f = (int)g_int_small_value(v);
        int sc;
        if (f & DEF_GLOBAL)
            sc = SCOPE_GLOBAL_EXPLICIT;
        else if (f & DEF_NONLOCAL) {
            if (!g_dict_get(bound, name)) {
                GNode *at = where;
                for (int k = 0; k < s->nnonlocals; k++)
                    for (int j = 0; j < s->nonlocals[k]->l1.n; j++)
                        if (g_str_eq(s->nonlocals[k]->l1.items[j]->name, name))
                            at = s->nonlocals[k];
                fail(b, at, "no binding for nonlocal '%s' found", g_str_data(name));
                g_decref(free);
                return NULL;
            }
            sc = SCOPE_FREE;
        } else if (bound_here(f))
            sc = SCOPE_LOCAL;
        else if (g_dict_get(bound, name))
            sc = SCOPE_FREE;
        else
            sc = SCOPE_GLOBAL_IMPLICIT;
        if (s->kind == SC_MODULE && sc == SCOPE_LOCAL)
            sc = SCOPE_GLOBAL_IMPLICIT;
        set_flags(s, name, (f & 0xff) | (sc << SCOPE_SHIFT));
        if (sc == SCOPE_FREE)
            g_dict_set(free, name, G_NONE);
    }
    /* what the children may see */
    GObject *child_bound = g_dict_copy(bound);
    if (s->kind == SC_MODULE)
        g_dict_clear(child_bound);
    if (s->kind == SC_FUNCTION) {
        pos = 0;
        while (g_dict_next(s->symbols, &pos, &name, &v)) {
            int sc = (int)g_int_small_value(v) >> SCOPE_SHIFT;
            if (sc == SCOPE_LOCAL)
                g_dict_set(child_bound, name, G_NONE);
            else if (sc == SCOPE_GLOBAL_EXPLICIT && g_dict_get(child_bound, name))
                g_dict_del(child_bound, name);
        }
    }
    if (s->kind == SC_CLASS) {
        implicit_cells = g_dict_new();
        g_dict_set(child_bound, g_str_intern("__class__"), G_NONE);
    }
    for (int i = 0; i < s->nchildren; i++) {
        GObject *cf = analyze(b, s->children[i], child_bound, where);
        if (!cf) {
            g_decref(child_bound);
            g_decref(free);
            g_xdecref(implicit_cells);
            return NULL;
        }
        int64_t p2 = 0;
        while (g_dict_next(cf, &p2, &name, NULL)) {
            int f = flags_of(s, name);
            int sc = f >> SCOPE_SHIFT;
            if (s->kind == SC_FUNCTION && (sc == SCOPE_LOCAL || sc == SCOPE_CELL)) {
                set_flags(s, name, (f & 0xff) | (SCOPE_CELL << SCOPE_SHIFT));
            } else if (s->kind == SC_CLASS && g_str_eq_cstr(name, "__class__")) {
                s->needs_class_cell = true;
            } else if (sc != SCOPE_FREE) {
                /* passes through this scope on its way to the child */
                set_flags(s, name, (f & 0xff) | (SCOPE_FREE << SCOPE_SHIFT));
                g_dict_set(free, name, G_NONE);
            }
        }
        g_decref(cf);
    }
    g_decref(child_bound);
    g_xdecref(implicit_cells);
    /* lay out the slots */
    pos = 0;
    while (g_dict_next(s->symbols, &pos, &name, &v)) {
        int f = (int)g_int_small_value(v);
        int sc = f >> SCOPE_SHIFT;
        if (s->kind == SC_FUNCTION && (sc == SCOPE_LOCAL || (sc == SCOPE_CELL && (f & DEF_PARAM)))) {
            if (!(f & DEF_PARAM))
                g_list_append(s->varnames, name);
        }
        if (sc == SCOPE_CELL)
            g_list_append(s->cellvars, name);
        if (sc == SCOPE_FREE)
            g_list_append(s->freevars, name);
    }
    if (s->needs_class_cell)
        g_list_append(s->cellvars, g_str_intern("__class__"));
    return free;
}

GScope *g_symtable_build(GNode *module, GSyntaxError *err)
{
    Builder b = { .cur = NULL, .err = err, .max_depth = g_runtime.recursion_limit * 3 };
    GScope *top = scope_new(&b, SC_MODULE, g_str_intern("<module>"), 1);
    if (!top)
        return NULL;
    b.cur = top;
    module->scope = top;
    if (!visit_stmts(&b, &module->l1)) {
        g_symtable_free(top);
        return NULL;
    }
    GObject *bound = g_dict_new();
    GObject *free = analyze(&b, top, bound, module);
    g_decref(bound);
    if (!free) {
        g_symtable_free(top);
        return NULL;
    }
    g_decref(free);
    return top;
}
