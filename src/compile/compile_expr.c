/* compile_expr.c -- compiling expressions, calls, comprehensions and assignment
 * targets (the expression half of compiler.c).
 *
 * Each expression leaves exactly one value on the stack.  Calls take a fast shape
 * when the arguments are fixed (CALL n, CALL_KW n with a tuple of keyword names,
 * LOAD_METHOD/CALL_METHOD for o.m(...)) and build an argument tuple and dict
 * otherwise (CALL_FUNCTION_EX).  Comprehensions compile to a nested function called
 * at once with the first iterator, as in CPython 3.11.
 */
#include "compile/compiler_internal.h"

/* ====================================================================================
 * Expressions
 * ==================================================================================== */


bool cx_compile_exprs(Compiler *c, GNodeList *l)
{
    for (int i = 0; i < l->n; i++)
        if (!cx_compile_expr(c, l->items[i]))
            return false;
    return true;
}

bool cx_has_starred(GNodeList *l)
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
        if (!cx_compile_expr(c, l->items[i++]))
            return false;
    if (!emit(c, OP_BUILD_LIST, i))
        return false;
    for (; i < l->n; i++) {
        GNode *e = l->items[i];
        if (e->kind == E_STARRED) {
            if (!cx_compile_expr(c, e->a) || !emit(c, OP_LIST_EXTEND, call ? 0x101 : 1))
                return false;
        } else {
            if (!cx_compile_expr(c, e) || !emit(c, OP_LIST_APPEND, 1))
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

/* Push one `name: annotation` pair for a def's __annotations__ (none: nothing). */
static bool annotation_pair(Compiler *c, GObject *name, GNode *ann, int *n)
{
    if (!ann)
        return true;
    (*n)++;
    return emit_const(c, name) && cx_compile_expr(c, ann);
}

/* Push the dict of a def's annotations, in CPython 3.11's order (the positional
 * parameters after the positional-only ones, then those, *args, the keyword-only
 * ones, **kwargs, the return); *n says how many. */
static bool compile_annotations(Compiler *c, GNode *args, GNode *returns, int *n)
{
    *n = 0;
    int nposonly = args->op;
    for (int k = 0; k < args->l1.n; k++) {
        int i = (k + nposonly) % args->l1.n;
        if (!annotation_pair(c, args->l1.items[i]->name, args->l1.items[i]->a, n))
            return false;
    }
    if (args->a && !annotation_pair(c, args->a->name, args->a->a, n))
        return false;
    for (int i = 0; i < args->l3.n; i++)
        if (!annotation_pair(c, args->l3.items[i]->name, args->l3.items[i]->a, n))
            return false;
    if (args->b && !annotation_pair(c, args->b->name, args->b->a, n))
        return false;
    if (!annotation_pair(c, g_str_intern("return"), returns, n))
        return false;
    return *n == 0 || emit(c, OP_BUILD_MAP, *n);
}

/* Push a function object for `scope` whose body is `owner`. */
bool cx_make_function(Compiler *c, GNode *owner, GScope *scope, GNode *args, GObject *name)
{
    int flags = 0;
    if (args) {
        if (args->l2.n > 0) {
            if (!cx_compile_exprs(c, &args->l2) || !emit(c, OP_BUILD_TUPLE, args->l2.n))
                return false;
            flags |= MF_DEFAULTS;
        }
        int nkw = 0;
        for (int i = 0; i < args->l4.n; i++) {
            if (!args->l4.items[i])
                continue;
            if (!emit_const(c, args->l3.items[i]->name) || !cx_compile_expr(c, args->l4.items[i]))
                return false;
            nkw++;
        }
        if (nkw) {
            if (!emit(c, OP_BUILD_MAP, nkw))
                return false;
            flags |= MF_KWDEFAULTS;
        }
        int nann = 0;
        if (owner->kind == S_FUNCDEF && !compile_annotations(c, args, owner->b, &nann))
            return false;
        if (nann)
            flags |= MF_ANNOTATIONS;
    }
    GObject *qualname = child_qualname(c, name);
    if (!qualname)
        return oom(c);
    GCode *co = cx_compile_code_unit(c, scope, owner, qualname);
    if (!co) {
        g_decref(qualname);
        return false;
    }
    if (G_LIST_SIZE(scope->freevars) > 0)
        flags |= MF_CLOSURE;
    /* a named def (not a lambda: those are expressions, made afresh each time) */
    if (name && g_str_data(name)[0] != '<' && cx_defines_once(c))
        flags |= MF_DEFER;
    bool ok = compile_closure(c, scope) && emit_const(c, (GObject *)co) && emit_const(c, qualname) &&
              emit(c, OP_MAKE_FUNCTION, flags);
    g_decref((GObject *)co);
    g_decref(qualname);
    return ok;
}

static bool compile_comprehension(Compiler *c, GNode *n)
{
    GScope *scope = n->scope;
    if (!cx_make_function(c, n, scope, NULL, scope->name))
        return false;
    GNode *first = n->l1.items[0];
    GLoc saved = c->u->loc;
    if (!cx_compile_expr(c, first->b))
        return false;
    c->u->loc = saved;
    if (!emit(c, first->op == 1 ? OP_GET_AITER : OP_GET_ITER, 0) || !emit(c, OP_CALL, 1))
        return false;
    /* an asynchronous list/set/dict comprehension is a coroutine: await it here */
    if (scope->coroutine && n->kind != E_GENEXP)
        return emit(c, OP_GET_AWAITABLE, 0) && cx_compile_delegation(c);
    return true;
}

/* The body of a comprehension's own code object. */
bool cx_compile_comprehension_body(Compiler *c, GNode *n, int gen_index, int depth)
{
    GNode *gen = n->l1.items[gen_index];
    bool async = gen->op == 1;
    int start = new_label(c), end = new_label(c), if_cleanup = new_label(c), done = new_label(c);
    if (gen_index == 0) {
        if (!emit(c, OP_LOAD_FAST, 0))   /* .0: the iterator passed in */
            return false;
    } else {
        if (!cx_compile_expr(c, gen->b) || !emit(c, async ? OP_GET_AITER : OP_GET_ITER, 0))
            return false;
    }
    bind_label(c, start);
    if (async) {   /* as compile_async_for (compiler.c) */
        if (!emit(c, OP_SETUP_FINALLY, done) || !emit(c, OP_GET_ANEXT, 0) || !cx_compile_delegation(c) ||
            !emit(c, OP_POP_BLOCK, 0))
            return false;
    } else if (!emit(c, OP_FOR_ITER, end)) {
        return false;
    }
    if (!cx_compile_store(c, gen->a))
        return false;
    for (int i = 0; i < gen->l1.n; i++) {
        if (!cx_compile_expr(c, gen->l1.items[i]) || !emit(c, OP_POP_JUMP_IF_FALSE, if_cleanup))
            return false;
    }
    if (gen_index + 1 < n->l1.n) {
        if (!cx_compile_comprehension_body(c, n, gen_index + 1, depth + 1))
            return false;
    } else {
        set_loc(c, n);
        switch (n->kind) {
        case E_LISTCOMP:
            if (!cx_compile_expr(c, n->a) || !emit(c, OP_LIST_APPEND, depth + 2))
                return false;
            break;
        case E_SETCOMP:
            if (!cx_compile_expr(c, n->a) || !emit(c, OP_SET_ADD, depth + 2))
                return false;
            break;
        case E_DICTCOMP:
            if (!cx_compile_expr(c, n->a) || !cx_compile_expr(c, n->b) || !emit(c, OP_MAP_ADD, depth + 2))
                return false;
            break;
        default: /* generator expression */
            if (!cx_compile_expr(c, n->a) || !emit(c, OP_YIELD_VALUE, c->u->scope->coroutine ? 2 : 0) ||
                !emit(c, OP_POP_TOP, 0))
                return false;
        }
    }
    bind_label(c, if_cleanup);
    if (!emit(c, OP_JUMP, start))
        return false;
    if (async) {
        bind_label(c, done);
        if (!emit(c, OP_END_ASYNC_FOR, 0))
            return false;
    }
    bind_label(c, end);
    return true;
}

bool cx_compile_call_args(Compiler *c, GNode *call, int extra_positional, bool method)
{
    GNodeList *args = &call->l1, *kws = &call->l2;
    bool dynamic = cx_has_starred(args);
    for (int i = 0; i < kws->n; i++)
        if (!kws->items[i]->name)
            dynamic = true;
    if (!dynamic) {
        if (!cx_compile_exprs(c, args))
            return false;
        for (int i = 0; i < kws->n; i++)
            if (!cx_compile_expr(c, kws->items[i]->a))
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
            if (!emit_const(c, kw->name) || !cx_compile_expr(c, kw->a))
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
        if (!cx_compile_expr(c, kw->a) || !emit(c, OP_DICT_MERGE, 1))
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
    bool dynamic = cx_has_starred(&n->l1);
    for (int i = 0; i < n->l2.n; i++)
        if (!n->l2.items[i]->name)
            dynamic = true;
    if (f->kind == E_ATTR && !dynamic) {
        if (!cx_compile_expr(c, f->a))
            return false;
        set_loc(c, f);
        if (!emit(c, OP_LOAD_METHOD, add_name(c, f->name)))
            return false;
        return cx_compile_call_args(c, n, 0, true);
    }
    if (!cx_compile_expr(c, f))
        return false;
    return cx_compile_call_args(c, n, 0, false);
}

static bool compile_compare(Compiler *c, GNode *n)
{
    if (!cx_compile_expr(c, n->a))
        return false;
    int count = n->l1.n;
    int cleanup = count > 1 ? new_label(c) : -1;
    for (int i = 0; i < count; i++) {
        if (!cx_compile_expr(c, n->l1.items[i]))
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
bool cx_compile_jump_if(Compiler *c, GNode *n, bool when, int label)
{
    if (n->kind == E_UNARY && n->op == U_NOT)
        return cx_compile_jump_if(c, n->a, !when, label);
    if (n->kind == E_BOOLOP) {
        bool is_or = n->op == B_OR;
        if (is_or == when) {
            for (int i = 0; i < n->l1.n; i++)
                if (!cx_compile_jump_if(c, n->l1.items[i], when, label))
                    return false;
            return true;
        }
        int skip = new_label(c);
        for (int i = 0; i < n->l1.n - 1; i++)
            if (!cx_compile_jump_if(c, n->l1.items[i], !when, skip))
                return false;
        if (!cx_compile_jump_if(c, n->l1.items[n->l1.n - 1], when, label))
            return false;
        bind_label(c, skip);
        return true;
    }
    if (!cx_compile_expr(c, n))
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
            if (!cx_compile_expr(c, part->a))
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

/* The loop of `yield from it` and `await x`, with the iterator on the stack: send
 * None first, then whatever the caller sends in, until the iterator returns; its
 * return value is the expression's value.  YIELD_VALUE 1 marks the yield as a
 * delegating one, so throw() and close() know to pass through to the iterator
 * (eval_loop.h, at the frame's entry).
 *
 *         LOAD_CONST None
 *   loop: SEND end            iter, v -> iter, yielded   |  -> returned (jump)
 *         YIELD_VALUE 1
 *         JUMP loop
 *   end:                      the return value
 */
bool cx_compile_delegation(Compiler *c)
{
    int loop = new_label(c), end = new_label(c);
    bool ok = emit_const(c, G_NONE);
    bind_label(c, loop);
    ok = ok && emit(c, OP_SEND, end) && emit(c, OP_YIELD_VALUE, 1) && emit(c, OP_JUMP, loop);
    bind_label(c, end);
    return ok;
}

bool cx_compile_expr(Compiler *c, GNode *n)
{
    GLoc saved = c->u->loc;
    set_loc(c, n);
    bool ok = true;
    switch (n->kind) {
    case E_NAME:
        ok = cx_compile_name(c, n, n->name, n->op);
        break;
    case E_CONST:
        ok = emit_const(c, n->name);
        break;
    case E_JOINEDSTR:
        ok = compile_fstring(c, n);
        break;
    case E_TUPLE:
        if (cx_has_starred(&n->l1))
            ok = compile_starred_list(c, &n->l1, false) && emit(c, OP_LIST_TO_TUPLE, 0);
        else
            ok = cx_compile_exprs(c, &n->l1) && emit(c, OP_BUILD_TUPLE, n->l1.n);
        break;
    case E_LIST:
        if (cx_has_starred(&n->l1))
            ok = compile_starred_list(c, &n->l1, false);
        else
            ok = cx_compile_exprs(c, &n->l1) && emit(c, OP_BUILD_LIST, n->l1.n);
        break;
    case E_SET:
        if (cx_has_starred(&n->l1)) {
            ok = emit(c, OP_BUILD_SET, 0);
            for (int i = 0; ok && i < n->l1.n; i++) {
                GNode *e = n->l1.items[i];
                if (e->kind == E_STARRED)
                    ok = cx_compile_expr(c, e->a) && emit(c, OP_SET_UPDATE, 1);
                else
                    ok = cx_compile_expr(c, e) && emit(c, OP_SET_ADD, 1);
            }
        } else {
            ok = cx_compile_exprs(c, &n->l1) && emit(c, OP_BUILD_SET, n->l1.n);
        }
        break;
    case E_DICT: {
        int pending = 0;
        bool built = false;
        for (int i = 0; ok && i < n->l1.n; i++) {
            if (n->l1.items[i]) {
                ok = cx_compile_expr(c, n->l1.items[i]) && cx_compile_expr(c, n->l2.items[i]);
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
            ok = ok && cx_compile_expr(c, n->l2.items[i]) && emit(c, OP_DICT_UPDATE, 1);
        }
        if (ok && (pending || !built)) {
            ok = emit(c, OP_BUILD_MAP, pending);
            if (built)
                ok = ok && emit(c, OP_DICT_UPDATE, 1);
        }
        break;
    }
    case E_BINOP:
        ok = cx_compile_expr(c, n->a) && cx_compile_expr(c, n->b);
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
        ok = cx_compile_expr(c, n->a);
        set_loc(c, n);
        ok = ok && emit(c, ops[n->op], 0);
        break;
    }
    case E_BOOLOP: {
        int end = new_label(c);
        for (int i = 0; ok && i < n->l1.n; i++) {
            ok = cx_compile_expr(c, n->l1.items[i]);
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
        ok = cx_compile_expr(c, n->a);
        set_loc(c, n);
        ok = ok && emit(c, n->op == CTX_LOAD ? OP_LOAD_ATTR : n->op == CTX_STORE ? OP_STORE_ATTR : OP_DELETE_ATTR,
                        add_name(c, n->name));
        break;
    case E_SUBSCRIPT:
        ok = cx_compile_expr(c, n->a) && cx_compile_expr(c, n->b);
        set_loc(c, n);
        ok = ok && emit(c, n->op == CTX_LOAD ? OP_BINARY_SUBSCR : n->op == CTX_STORE ? OP_STORE_SUBSCR : OP_DELETE_SUBSCR, 0);
        break;
    case E_SLICE: {
        GNode *parts[3] = { n->a, n->b, n->c };
        int count = n->c ? 3 : 2;
        for (int i = 0; ok && i < count; i++)
            ok = parts[i] ? cx_compile_expr(c, parts[i]) : emit_const(c, G_NONE);
        ok = ok && emit(c, OP_BUILD_SLICE, count);
        break;
    }
    case E_STARRED:
        ok = fail(c, n, "can't use starred expression here");
        break;
    case E_LAMBDA:
        ok = cx_make_function(c, n, n->scope, n->a, g_str_intern("<lambda>"));
        break;
    case E_IFEXP: {
        int orelse = new_label(c), end = new_label(c);
        ok = cx_compile_jump_if(c, n->a, false, orelse) && cx_compile_expr(c, n->b) && emit(c, OP_JUMP, end);
        bind_label(c, orelse);
        ok = ok && cx_compile_expr(c, n->c);
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
        /* an async generator's own yields are YIELD_VALUE 2 (coro.c tells them from
         * the yields of its awaits) */
        ok = (n->a ? cx_compile_expr(c, n->a) : emit_const(c, G_NONE)) &&
             emit(c, OP_YIELD_VALUE, c->u->scope->coroutine ? 2 : 0);
        break;
    case E_YIELDFROM:
        ok = cx_compile_expr(c, n->a) && emit(c, OP_GET_ITER, 0) && cx_compile_delegation(c);
        break;
    case E_AWAIT:
        ok = cx_compile_expr(c, n->a) && emit(c, OP_GET_AWAITABLE, 0) && cx_compile_delegation(c);
        break;
    case E_NAMEDEXPR:
        ok = cx_compile_expr(c, n->b) && emit(c, OP_DUP_TOP, 0) && cx_compile_name(c, n->a, n->a->name, CTX_STORE);
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

bool cx_compile_store(Compiler *c, GNode *t)
{
    GLoc saved = c->u->loc;
    set_loc(c, t);
    bool ok = true;
    switch (t->kind) {
    case E_NAME:
        ok = cx_compile_name(c, t, t->name, CTX_STORE);
        break;
    case E_ATTR:
        ok = cx_compile_expr(c, t->a);
        set_loc(c, t);
        ok = ok && emit(c, OP_STORE_ATTR, add_name(c, t->name));
        break;
    case E_SUBSCRIPT:
        ok = cx_compile_expr(c, t->a) && cx_compile_expr(c, t->b);
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
            ok = cx_compile_store(c, e->kind == E_STARRED ? e->a : e);
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

bool cx_compile_delete(Compiler *c, GNode *t)
{
    switch (t->kind) {
    case E_NAME:
        set_loc(c, t);
        return cx_compile_name(c, t, t->name, CTX_DEL);
    case E_ATTR:
        if (!cx_compile_expr(c, t->a))
            return false;
        set_loc(c, t);
        return emit(c, OP_DELETE_ATTR, add_name(c, t->name));
    case E_SUBSCRIPT:
        if (!cx_compile_expr(c, t->a) || !cx_compile_expr(c, t->b))
            return false;
        set_loc(c, t);
        return emit(c, OP_DELETE_SUBSCR, 0);
    case E_TUPLE:
    case E_LIST:
        for (int i = 0; i < t->l1.n; i++)
            if (!cx_compile_delete(c, t->l1.items[i]))
                return false;
        return true;
    default:
        return fail(c, t, "cannot delete expression");
    }
}

