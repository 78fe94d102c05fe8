/* compiler.c -- syntax tree to bytecode.
 *
 * compile_* functions walk the tree and emit instructions into a "unit", one per code
 * object being built (the module, each function, class body, lambda and
 * comprehension).  Jumps name labels; cx_assemble() resolves them to instruction
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
#include "compile/compiler_internal.h"

/* ====================================================================================
 * Names
 * ==================================================================================== */

bool cx_compile_name(Compiler *c, GNode *at, GObject *name, int ctx)
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

/* An await of the value on the stack (the result of __aenter__/__aexit__: where
 * 1/2, for GET_AWAITABLE's messages). */
static bool await_if(Compiler *c, bool async, int where)
{
    return !async || (emit(c, OP_GET_AWAITABLE, where) && cx_compile_delegation(c));
}

/* The copy of a finally body that an early exit from its try body runs.  While a
 * return is pending, its value sits on the stack under the finally body; an
 * FB_POP_VALUE block says so, so that a break or continue in the finally body (which
 * cancels the return) pops the value, and a return in it replaces the value. */
static bool compile_inline_finally(Compiler *c, GNode *try_stmt, bool preserve_tos)
{
    if (preserve_tos && !push_fblock(c, try_stmt, FB_POP_VALUE, -1, -1, NULL))
        return false;
    if (!cx_compile_stmts(c, &try_stmt->l4))
        return false;
    if (preserve_tos)
        pop_fblock(c);
    return true;
}

/* Emit the clean-up for leaving block b early.  `preserve_tos`: a return value sits
 * on top of the stack and must survive.  The caller has already taken b off the
 * block stack, so a break, continue or return inside an inlined finally body sees
 * only the blocks outside b. */
static bool unwind_fblock(Compiler *c, FBlock *b, bool preserve_tos)
{
    switch (b->kind) {
    case FB_WHILE:
        return true;
    case FB_FOR:
    case FB_POP_VALUE:
        if (preserve_tos && !emit(c, OP_ROT_TWO, 0))
            return false;
        return emit(c, OP_POP_TOP, 0);
    case FB_TRY_EXCEPT:
        return emit(c, OP_POP_BLOCK, 0);
    case FB_FINALLY_TRY:
        return emit(c, OP_POP_BLOCK, 0) && compile_inline_finally(c, b->node, preserve_tos);
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
            return emit_const(c, G_NONE) && cx_compile_name(c, h, h->name, CTX_STORE) &&
                   cx_compile_name(c, h, h->name, CTX_DEL);
        return true;
    }
    case FB_WITH:
    case FB_ASYNC_WITH:
        if (!emit(c, OP_POP_BLOCK, 0))
            return false;
        if (preserve_tos && !emit(c, OP_ROT_TWO, 0))
            return false;
        return emit_const(c, G_NONE) && emit(c, OP_DUP_TOP, 0) && emit(c, OP_DUP_TOP, 0) &&
               emit(c, OP_CALL, 3) && await_if(c, b->kind == FB_ASYNC_WITH, 2) && emit(c, OP_POP_TOP, 0);
    }
    return true;
}

/* Unwind the block stack from the top: all of it for a return (loop == NULL), or
 * down to the innermost loop for break/continue (*loop is set to it, not unwound).
 * Each block is taken off the stack while its clean-up is compiled, since that
 * clean-up may contain a whole finally body with blocks of its own, and put back
 * afterwards: the statements after the early exit still run inside it. */
static bool unwind_fblock_stack(Compiler *c, GNode *at, bool preserve_tos, FBlock **loop)
{
    Unit *u = c->u;
    if (u->nfblocks == 0) {
        if (!loop)
            return true;
        bool is_break = at->kind == S_BREAK;
        return fail(c, at, is_break ? "'break' outside loop" : "'continue' not properly in loop");
    }
    FBlock *top = &u->fblocks[u->nfblocks - 1];
    if (loop && (top->kind == FB_WHILE || top->kind == FB_FOR)) {
        *loop = top;
        return true;
    }
    FBlock copy = *top;
    u->nfblocks--;
    bool ok = unwind_fblock(c, &copy, preserve_tos) && unwind_fblock_stack(c, at, preserve_tos, loop);
    u->fblocks[u->nfblocks++] = copy;
    return ok;
}

/* ====================================================================================
 * Statements
 * ==================================================================================== */

static bool compile_function_def(Compiler *c, GNode *n)
{
    if (!cx_compile_exprs(c, &n->l2))
        return false;
    if (!cx_make_function(c, n, n->scope, n->a, n->name))
        return false;
    set_loc(c, n);
    for (int i = 0; i < n->l2.n; i++)
        if (!emit(c, OP_CALL, 1))
            return false;
    return cx_compile_name(c, n, n->name, CTX_STORE);
}

static bool compile_class_def(Compiler *c, GNode *n)
{
    if (!cx_compile_exprs(c, &n->l2))
        return false;
    set_loc(c, n);
    if (!emit(c, OP_LOAD_BUILD_CLASS, 0))
        return false;
    if (!cx_make_function(c, n, n->scope, NULL, n->name))
        return false;
    if (!emit_const(c, n->name))
        return false;
    GNode call = { .kind = E_CALL, .line = n->line, .col = n->col, .end_line = n->line, .end_col = n->col,
                   .l1 = n->l3, .l2 = n->l4 };
    /* the class body function and the name are the first two arguments */
    if (cx_has_starred(&n->l3))
        return fail(c, n, "gilt does not support *args in a class's bases");
    if (!cx_compile_call_args(c, &call, 2, false))
        return false;
    set_loc(c, n);
    for (int i = 0; i < n->l2.n; i++)
        if (!emit(c, OP_CALL, 1))
            return false;
    return cx_compile_name(c, n, n->name, CTX_STORE);
}

static bool compile_if(Compiler *c, GNode *n)
{
    int orelse = new_label(c), end = new_label(c);
    if (!cx_compile_jump_if(c, n->a, false, orelse) || !cx_compile_stmts(c, &n->l1))
        return false;
    if (n->l2.n) {
        if (!emit(c, OP_JUMP, end))
            return false;
        bind_label(c, orelse);
        if (!cx_compile_stmts(c, &n->l2))
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
    if (!cx_compile_jump_if(c, n->a, false, orelse))
        return false;
    if (!push_fblock(c, n, FB_WHILE, top, end, NULL) || !cx_compile_stmts(c, &n->l1))
        return false;
    pop_fblock(c);
    /* the jump back keeps the body's last location, as CPython's does: a line-grain
     * step (vm/step.c) then ends with the body, and the test starts the next one */
    if (!emit(c, OP_JUMP, top))
        return false;
    bind_label(c, orelse);
    if (!cx_compile_stmts(c, &n->l2))
        return false;
    bind_label(c, end);
    return true;
}

static bool compile_for(Compiler *c, GNode *n)
{
    int top = new_label(c), cleanup = new_label(c), end = new_label(c);
    if (!cx_compile_expr(c, n->b))
        return false;
    set_loc(c, n->b);
    if (!emit(c, OP_GET_ITER, 0))
        return false;
    bind_label(c, top);
    set_loc(c, n);
    if (!emit(c, OP_FOR_ITER, cleanup) || !cx_compile_store(c, n->a))
        return false;
    if (!push_fblock(c, n, FB_FOR, top, end, NULL) || !cx_compile_stmts(c, &n->l1))
        return false;
    pop_fblock(c);
    /* (the jump back keeps the body's last location: compile_while says why) */
    if (!emit(c, OP_JUMP, top))
        return false;
    bind_label(c, cleanup);
    if (!cx_compile_stmts(c, &n->l2))
        return false;
    bind_label(c, end);
    return true;
}

/* async for: like for, but each item is awaited from __anext__(), and the loop ends
 * when that raises StopAsyncIteration:
 *
 *          <iterable> GET_AITER
 *   top:   SETUP_FINALLY done; GET_ANEXT; <await>; POP_BLOCK
 *          <store target> <body> JUMP top
 *   done:  END_ASYNC_FOR         [aiter, exc]: StopAsyncIteration -> pop both, go on
 *          <else body>
 */
static bool compile_async_for(Compiler *c, GNode *n)
{
    int top = new_label(c), done = new_label(c), end = new_label(c);
    if (!cx_compile_expr(c, n->b))
        return false;
    set_loc(c, n->b);
    if (!emit(c, OP_GET_AITER, 0))
        return false;
    bind_label(c, top);
    set_loc(c, n);
    if (!emit(c, OP_SETUP_FINALLY, done) || !emit(c, OP_GET_ANEXT, 0) ||
        !cx_compile_delegation(c) || !emit(c, OP_POP_BLOCK, 0) || !cx_compile_store(c, n->a))
        return false;
    if (!push_fblock(c, n, FB_FOR, top, end, NULL) || !cx_compile_stmts(c, &n->l1))
        return false;
    pop_fblock(c);
    if (!emit(c, OP_JUMP, top))
        return false;
    bind_label(c, done);
    set_loc(c, n);
    if (!emit(c, OP_END_ASYNC_FOR, 0) || !cx_compile_stmts(c, &n->l2))
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
    if (!push_fblock(c, n, FB_TRY_EXCEPT, -1, -1, NULL) || !cx_compile_stmts(c, &n->l1))
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
            if (!emit(c, OP_DUP_TOP, 0) || !cx_compile_expr(c, h->a))
                return false;
            set_loc(c, h);
            if (!emit(c, OP_JUMP_IF_NOT_EXC_MATCH, next))
                return false;
        }
        if (h->name) {
            /* except E as name: bind, and make sure the name is deleted afterwards
             * even if the handler raises */
            int cleanup = new_label(c);
            if (!cx_compile_name(c, h, h->name, CTX_STORE) || !emit(c, OP_SETUP_FINALLY, cleanup))
                return false;
            if (!push_fblock(c, h, FB_HANDLER, -1, -1, h) || !cx_compile_stmts(c, &h->l1))
                return false;
            pop_fblock(c);
            set_loc(c, h);
            if (!emit(c, OP_POP_BLOCK, 0) || !emit(c, OP_POP_EXCEPT, 0) || !emit_const(c, G_NONE) ||
                !cx_compile_name(c, h, h->name, CTX_STORE) || !cx_compile_name(c, h, h->name, CTX_DEL) ||
                !emit(c, OP_JUMP, end))
                return false;
            bind_label(c, cleanup);
            /* the handler raised: [exc2] on the stack, inner BLOCK_HANDLER active */
            if (!emit_const(c, G_NONE) || !cx_compile_name(c, h, h->name, CTX_STORE) ||
                !cx_compile_name(c, h, h->name, CTX_DEL) || !emit(c, OP_RERAISE, 0))
                return false;
        } else {
            if (!emit(c, OP_POP_TOP, 0))
                return false;
            if (!push_fblock(c, h, FB_HANDLER, -1, -1, NULL) || !cx_compile_stmts(c, &h->l1))
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
    if (!cx_compile_stmts(c, &n->l3))
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
    bool ok = n->l2.n ? compile_try_except(c, n) : cx_compile_stmts(c, &n->l1);
    if (!ok)
        return false;
    pop_fblock(c);
    if (!emit(c, OP_POP_BLOCK, 0) || !cx_compile_stmts(c, &n->l4) || !emit(c, OP_JUMP, end))
        return false;
    bind_label(c, handler);
    /* exceptional path: [exc], BLOCK_HANDLER active */
    if (!push_fblock(c, n, FB_FINALLY_END, -1, -1, NULL) || !cx_compile_stmts(c, &n->l4))
        return false;
    pop_fblock(c);
    if (!emit(c, OP_RERAISE, 0))
        return false;
    bind_label(c, end);
    return true;
}

/* with and async with (n->op == 1).  async with awaits __aenter__() before the
 * body and __aexit__(...) after it, on every way out:
 *
 *          <mgr> BEFORE_ASYNC_WITH <await> SETUP_ASYNC_WITH handler
 *          <body> POP_BLOCK; __aexit__(None, None, None) <await> POP_TOP; JUMP end
 *   handler: WITH_EXCEPT_START <await> POP_JUMP_IF_TRUE suppress; RERAISE
 */
static bool compile_with_items(Compiler *c, GNode *n, int item)
{
    GNode *it = n->l1.items[item];
    bool async = n->op == 1;
    int handler = new_label(c), end = new_label(c), suppress = new_label(c);
    if (!cx_compile_expr(c, it->a))
        return false;
    set_loc(c, n);
    if (async) {
        if (!emit(c, OP_BEFORE_ASYNC_WITH, 0) || !await_if(c, true, 1) || !emit(c, OP_SETUP_ASYNC_WITH, handler))
            return false;
    } else if (!emit(c, OP_SETUP_WITH, handler)) {
        return false;
    }
    if (it->b) {
        if (!cx_compile_store(c, it->b))
            return false;
    } else if (!emit(c, OP_POP_TOP, 0)) {
        return false;
    }
    if (!push_fblock(c, n, async ? FB_ASYNC_WITH : FB_WITH, -1, -1, NULL))
        return false;
    bool ok = item + 1 < n->l1.n ? compile_with_items(c, n, item + 1) : cx_compile_stmts(c, &n->l2);
    if (!ok)
        return false;
    pop_fblock(c);
    set_loc(c, n);
    /* normal exit: __exit__(None, None, None) */
    if (!emit(c, OP_POP_BLOCK, 0) || !emit_const(c, G_NONE) || !emit(c, OP_DUP_TOP, 0) ||
        !emit(c, OP_DUP_TOP, 0) || !emit(c, OP_CALL, 3) || !await_if(c, async, 2) || !emit(c, OP_POP_TOP, 0) ||
        !emit(c, OP_JUMP, end))
        return false;
    bind_label(c, handler);
    /* [exit, exc], BLOCK_HANDLER: ask __exit__ whether to swallow the exception */
    if (!emit(c, OP_WITH_EXCEPT_START, 0) || !await_if(c, async, 2) || !emit(c, OP_POP_JUMP_IF_TRUE, suppress) ||
        !emit(c, OP_RERAISE, 0))
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
        if (!emit(c, OP_IMPORT_NAME, add_name(c, a->name)))
            return false;
        const char *dot = strchr(g_str_data(a->name), '.');
        if (dot && !a->name2) {
            /* "import a.b" imports a.b and binds the top package a, like CPython */
            GObject *top = g_str_new(g_str_data(a->name), (size_t)(dot - g_str_data(a->name)));
            if (!top || !(top = g_str_intern_obj(top)))
                return oom(c);
            if (!emit(c, OP_POP_TOP, 0) || !emit(c, OP_IMPORT_NAME, add_name(c, top)) ||
                !cx_compile_name(c, a, top, CTX_STORE))
                return false;
            continue;
        }
        if (!cx_compile_name(c, a, a->name2 ? a->name2 : a->name, CTX_STORE))
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
            !cx_compile_name(c, a, a->name2 ? a->name2 : a->name, CTX_STORE))
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
        if (!cx_compile_name(c, t, t->name, CTX_LOAD) || !cx_compile_expr(c, n->b))
            return false;
        set_loc(c, n);
        return emit(c, OP_INPLACE_OP, n->op) && (set_loc(c, t), cx_compile_name(c, t, t->name, CTX_STORE));
    case E_ATTR:
        if (!cx_compile_expr(c, t->a))
            return false;
        set_loc(c, t);
        if (!emit(c, OP_DUP_TOP, 0) || !emit(c, OP_LOAD_ATTR, add_name(c, t->name)) || !cx_compile_expr(c, n->b))
            return false;
        set_loc(c, n);
        return emit(c, OP_INPLACE_OP, n->op) && emit(c, OP_ROT_TWO, 0) &&
               (set_loc(c, t), emit(c, OP_STORE_ATTR, add_name(c, t->name)));
    case E_SUBSCRIPT:
        if (!cx_compile_expr(c, t->a) || !cx_compile_expr(c, t->b))
            return false;
        set_loc(c, t);
        if (!emit(c, OP_DUP_TOP_TWO, 0) || !emit(c, OP_BINARY_SUBSCR, 0) || !cx_compile_expr(c, n->b))
            return false;
        set_loc(c, n);
        return emit(c, OP_INPLACE_OP, n->op) && emit(c, OP_ROT_THREE, 0) && (set_loc(c, t), emit(c, OP_STORE_SUBSCR, 0));
    default:
        return fail(c, t, "illegal expression for augmented assignment");
    }
}

/* ====================================================================================
 * Annotations (`x: int = 0`)
 *
 * In a module or class body a simple name's annotation is recorded, in order, into
 * the body's `__annotations__` dict (made empty at the body's start when the body
 * has any), as CPython does; elsewhere (a function body, `(x): int`, `a.b: int`)
 * only the value is assigned.
 * ==================================================================================== */

static bool is_simple_annotation(GNode *n)
{
    GNode *t = n->a;
    return n->kind == S_ANNASSIGN && t->kind == E_NAME && t->oline == t->line && t->ocol == t->col;
}

/* Does this body hold a simple annotation (looking into compound statements, not defs)? */
static bool has_simple_annotations(GNodeList *body)
{
    for (int i = 0; i < body->n; i++) {
        GNode *n = body->items[i];
        if (is_simple_annotation(n))
            return true;
        switch (n->kind) {
        case S_IF: case S_WHILE: case S_FOR:
            if (has_simple_annotations(&n->l1) || has_simple_annotations(&n->l2))
                return true;
            break;
        case S_WITH:
            if (has_simple_annotations(&n->l2))
                return true;
            break;
        case S_TRY:
            if (has_simple_annotations(&n->l1) || has_simple_annotations(&n->l3) || has_simple_annotations(&n->l4))
                return true;
            for (int h = 0; h < n->l2.n; h++)
                if (has_simple_annotations(&n->l2.items[h]->l1))
                    return true;
            break;
        default:
            break;
        }
    }
    return false;
}

/* At the start of a module or class body: `__annotations__ = {}` if it annotates. */
static bool setup_annotations(Compiler *c, GNodeList *body)
{
    if (c->mode == G_COMPILE_SINGLE || !has_simple_annotations(body))
        return true;
    return emit(c, OP_BUILD_MAP, 0) && emit(c, OP_STORE_NAME, add_name(c, g_str_intern("__annotations__")));
}

static bool compile_annassign(Compiler *c, GNode *n)
{
    if (n->c && !(cx_compile_expr(c, n->c) && cx_compile_store(c, n->a)))
        return false;
    int kind = c->u->scope->kind;
    if (!is_simple_annotation(n) || kind == SC_FUNCTION || c->mode == G_COMPILE_SINGLE)
        return true;
    /* __annotations__[name] = annotation */
    return cx_compile_expr(c, n->b) && emit(c, OP_LOAD_NAME, add_name(c, g_str_intern("__annotations__"))) &&
           emit_const(c, n->a->name) && emit(c, OP_STORE_SUBSCR, 0);
}

static bool compile_stmt(Compiler *c, GNode *n)
{
    set_loc(c, n);
    Unit *u = c->u;
    switch (n->kind) {
    case S_EXPR:
        if (u->interactive && n->a->kind != E_YIELD) {
            return cx_compile_expr(c, n->a) && emit(c, OP_PRINT_EXPR, 0);
        }
        if (n->a->kind == E_CONST)
            return true;  /* docstrings and bare constants do nothing */
        return cx_compile_expr(c, n->a) && emit(c, OP_POP_TOP, 0);
    case S_ASSIGN:
        if (!cx_compile_expr(c, n->a))
            return false;
        for (int i = 0; i < n->l1.n; i++) {
            if (i < n->l1.n - 1 && !emit(c, OP_DUP_TOP, 0))
                return false;
            if (!cx_compile_store(c, n->l1.items[i]))
                return false;
        }
        return true;
    case S_AUGASSIGN:
        return compile_augassign(c, n);
    case S_ANNASSIGN:
        return compile_annassign(c, n);
    case S_RETURN:
        if (u->scope->kind != SC_FUNCTION)
            return fail(c, n, "'return' outside function");
        if (n->a && u->scope->coroutine && u->scope->generator)
            return fail(c, n, "'return' with value in async generator");
        if (!(n->a ? cx_compile_expr(c, n->a) : emit_const(c, G_NONE)))
            return false;
        if (!unwind_fblock_stack(c, n, true, NULL))
            return false;
        set_loc(c, n);
        return emit(c, OP_RETURN_VALUE, 0);
    case S_DEL:
        for (int i = 0; i < n->l1.n; i++)
            if (!cx_compile_delete(c, n->l1.items[i]))
                return false;
        return true;
    case S_PASS:
        return emit(c, OP_NOP, 0);
    case S_BREAK: {
        FBlock *loop;
        if (!unwind_fblock_stack(c, n, false, &loop) || !unwind_fblock(c, loop, false))
            return false;
        set_loc(c, n);
        return emit(c, OP_JUMP, loop->exit_label);
    }
    case S_CONTINUE: {
        FBlock *loop;
        if (!unwind_fblock_stack(c, n, false, &loop))
            return false;
        set_loc(c, n);
        return emit(c, OP_JUMP, loop->start_label);
    }
    case S_IF: return compile_if(c, n);
    case S_WHILE: return compile_while(c, n);
    case S_FOR: return n->op == 1 ? compile_async_for(c, n) : compile_for(c, n);
    case S_TRY: return compile_try(c, n);
    case S_WITH: return compile_with_items(c, n, 0);
    case S_RAISE: {
        int count = 0;
        if (n->a) {
            if (!cx_compile_expr(c, n->a))
                return false;
            count = 1;
            if (n->b) {
                if (!cx_compile_expr(c, n->b))
                    return false;
                count = 2;
            }
        }
        set_loc(c, n);
        return emit(c, OP_RAISE_VARARGS, count);
    }
    case S_ASSERT: {
        int end = new_label(c);
        if (!cx_compile_jump_if(c, n->a, true, end))
            return false;
        set_loc(c, n->a);   /* CPython reports an assert at its test */
        if (!emit(c, OP_LOAD_ASSERTION_ERROR, 0))
            return false;
        if (n->b) {
            if (!cx_compile_expr(c, n->b) || !emit(c, OP_CALL, 1))
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

bool cx_compile_stmts(Compiler *c, GNodeList *l)
{
    for (int i = 0; i < l->n; i++)
        if (!compile_stmt(c, l->items[i]))
            return false;
    return true;
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
GCode *cx_compile_code_unit(Compiler *c, GScope *scope, GNode *owner, GObject *qualname)
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
        ok = cx_compile_stmts(c, &owner->l1);
        break;
    }
    case E_LAMBDA:
        add_const(c, G_NONE);
        if (scope->generator) {
            ok = cx_compile_expr(c, owner->b) && emit(c, OP_POP_TOP, 0);
        } else {
            ok = cx_compile_expr(c, owner->b) && emit(c, OP_RETURN_VALUE, 0);
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
        ok = ok && setup_annotations(c, &owner->l1) && cx_compile_stmts(c, &owner->l1);
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
        ok = ok && cx_compile_comprehension_body(c, owner, 0, 0);
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
            c->u->loc.line = c->u->loc.end_line = last->line;   /* CPython: where the last statement starts */
        }
        ok = emit_const(c, G_NONE) && emit(c, OP_RETURN_VALUE, 0);
    }
    GCode *co = ok ? cx_assemble(c, &u) : NULL;
    unit_fini(c, &u);
    return co;
}

/* ====================================================================================
 * Entry point
 * ==================================================================================== */

/* The lexer stops at the first line holding a NUL byte, and its error beats every
 * parser error, as CPython's does -- except "unexpected indent" and "unexpected
 * unindent", which CPython's parser reports without reading further lines.  So
 * parse the lines before the NUL's, and let such an error there win. */
static void prefer_indent_error_before_nul(const char *src, size_t len, GSyntaxError *err)
{
    const char *line = memchr(src, 0, len);
    while (line > src && line[-1] != '\n')
        line--;
    GSyntaxError before;
    GTokens toks;
    if (g_tokenize(src, (size_t)(line - src), &toks, &before) < 0)
        return;
    GArena arena = { NULL };
    if (!g_parse_tokens(&toks, &arena, &before) && before.kind == &GExc_IndentationError &&
        before.line < err->line && strncmp(before.msg, "unexpected ", 11) == 0)
        *err = before;
    g_arena_free(&arena);
    g_tokens_free(&toks);
}

GCode *g_compile(const char *src, size_t len, const char *filename, int mode, GSyntaxError *err)
{
    memset(err, 0, sizeof *err);
    GTokens toks;
    if (g_tokenize(src, len, &toks, err) < 0) {
        if (err->kind == &GExc_SyntaxError && strcmp(err->msg, G_NUL_BYTES_MSG) == 0)
            prefer_indent_error_before_nul(src, len, err);
        return NULL;
    }
    GArena arena = { NULL };
    GNode *mod = g_parse_tokens(&toks, &arena, err);
    GCode *co = NULL;
    GScope *top = NULL;
    if (!mod)
        goto done;
    top = g_symtable_build(mod, err);
    if (!top)
        goto done;
    /* interned, so immortal: the deadlock report keeps filenames of lock sites, and
     * taking a reference to an immortal str costs nothing on the Lock hot path */
    bool dynamic = (mode & G_COMPILE_DYNAMIC) != 0;
    mode &= ~G_COMPILE_DYNAMIC;
    Compiler c = { .u = NULL, .err = err, .filename = g_str_intern(filename), .mode = mode, .dynamic = dynamic };
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
                ok = cx_compile_expr(&c, mod->l1.items[0]->a) && emit(&c, OP_RETURN_VALUE, 0);
            }
        } else {
            ok = ok && setup_annotations(&c, &mod->l1) && cx_compile_stmts(&c, &mod->l1);
            if (ok) {
                if (mod->l1.n > 0) {
                    GNode *last = mod->l1.items[mod->l1.n - 1];
                    c.u->loc.line = c.u->loc.end_line = last->line;   /* as for a function */
                }
                ok = emit_const(&c, G_NONE) && emit(&c, OP_RETURN_VALUE, 0);
            }
        }
        if (ok)
            co = cx_assemble(&c, &u);
        unit_fini(&c, &u);
    }
    g_xdecref(c.filename);
done:
    g_symtable_free(top);
    g_arena_free(&arena);
    g_tokens_free(&toks);
    return co;
}

