/* parser.c -- tokens to syntax tree, by recursive descent: the statement half.
 *
 *   module    -> statement*
 *   statement -> compound (if/while/for/try/with/def/class/@decorated)
 *              | simple statements separated by ';'
 *   block     -> ':' simple statements on the same line | NEWLINE INDENT statement+ DEDENT
 *
 * Expressions, f-strings and assignment targets are parsed by parse_expr.c.
 *
 * Every error fills a GSyntaxError with CPython's message and position and unwinds
 * by returning NULL.
 */
#include "compile/parser_internal.h"

void g_arena_free(GArena *arena)
{
    GNode *n = arena->nodes;
    while (n) {
        GNode *next = n->next_alloc;
        g_xdecref(n->name);
        g_xdecref(n->name2);
        g_mem_free(n->l1.items);
        g_mem_free(n->l2.items);
        g_mem_free(n->l3.items);
        g_mem_free(n->l4.items);
        g_mem_free(n->ints);
        g_mem_free(n);
        n = next;
    }
    arena->nodes = NULL;
}

/* ====================================================================================
 * Statements
 * ==================================================================================== */

static bool statement(Parser *p, GNodeList *out);

/* ':' then either a simple statement on the same line or an indented block. */
static bool block(Parser *p, GNodeList *body, const char *what, int what_line)
{
    if (!expect(p, T_COLON))
        return false;
    if (!at(p, T_NEWLINE)) {
        /* simple statements on the same line */
        return statement(p, body);
    }
    advance(p);
    if (!at(p, T_INDENT)) {
        GToken *t = peek(p);
        fail_at(p, &GExc_IndentationError, t->line, t->col, t->line, t->col + 1,
                "expected an indented block after %s on line %d", what, what_line);
        return false;
    }
    advance(p);
    while (!at(p, T_DEDENT) && !at(p, T_EOF)) {
        if (!statement(p, body))
            return false;
    }
    accept(p, T_DEDENT);
    return true;
}

static GNode *simple_stmt(Parser *p);

static GNode *parse_params(Parser *p, GToken *t, GTokKind closer, bool allow_annotations)
{
    GNode *args = node(p, N_ARGUMENTS, t);
    bool seen_default = false, seen_star = false;
    while (!at(p, closer)) {
        GToken *at_tok = peek(p);
        if (accept(p, T_SLASH)) {
            if (seen_star || args->op)
                return fail_tok(p, at_tok, "/ must be ahead of *");
            args->op = args->l1.n;
            if (args->op == 0)
                return fail_tok(p, at_tok, "at least one argument must precede /");
        } else if (accept(p, T_STAR)) {
            if (seen_star)
                return fail_tok(p, at_tok, "* argument may appear only once");
            seen_star = true;
            if (at(p, T_NAME)) {
                GToken *nt = advance(p);
                GNode *a = node(p, N_ARG, nt);
                a->name = g_newref(nt->value);
                if (allow_annotations && accept(p, T_COLON) && !(a->a = px_expression(p)))
                    return NULL;
                args->a = a;
            } else if (at(p, closer) || (at(p, T_COMMA) && peek_at(p, 1)->kind == closer)) {
                return fail_tok(p, at_tok, "named arguments must follow bare *");
            }
        } else if (accept(p, T_DOUBLESTAR)) {
            GToken *nt = peek(p);
            if (nt->kind != T_NAME)
                return invalid_syntax(p);
            advance(p);
            GNode *a = node(p, N_ARG, nt);
            a->name = g_newref(nt->value);
            if (allow_annotations && accept(p, T_COLON) && !(a->a = px_expression(p)))
                return NULL;
            args->b = a;
            accept(p, T_COMMA);
            if (!at(p, closer))
                return fail_tok(p, peek(p), "arguments cannot follow var-keyword argument");
            break;
        } else if (at(p, T_NAME)) {
            GToken *nt = advance(p);
            GNode *a = node(p, N_ARG, nt);
            a->name = g_newref(nt->value);
            if (allow_annotations && accept(p, T_COLON) && !(a->a = px_expression(p)))
                return NULL;
            /* duplicate names */
            GNodeList *lists[2] = { &args->l1, &args->l3 };
            for (int li = 0; li < 2; li++)
                for (int i = 0; i < lists[li]->n; i++)
                    if (g_str_eq(lists[li]->items[i]->name, nt->value))
                        return fail_at(p, &GExc_SyntaxError, nt->line, nt->col, nt->end_line, nt->end_col,
                                       "duplicate argument '%s' in function definition", g_str_data(nt->value));
            GNode *dflt = NULL;
            if (accept(p, T_EQUAL)) {
                dflt = px_expression(p);
                if (!dflt)
                    return NULL;
            }
            if (seen_star) {
                if (!list_push(p, &args->l3, a) || !list_push(p, &args->l4, dflt))
                    return NULL;
            } else {
                if (dflt) {
                    seen_default = true;
                    if (!list_push(p, &args->l2, dflt))
                        return NULL;
                } else if (seen_default) {
                    return fail_at(p, &GExc_SyntaxError, nt->line, nt->col, nt->end_line, nt->end_col,
                                   "non-default argument follows default argument");
                }
                if (!list_push(p, &args->l1, a))
                    return NULL;
            }
        } else {
            return invalid_syntax(p);
        }
        if (!accept(p, T_COMMA))
            break;
    }
    if (args->a && args->b && g_str_eq(args->a->name, args->b->name))
        return fail_tok(p, t, "duplicate argument in function definition");
    return args;
}

GNode *px_lambda_params(Parser *p, GToken *t, GTokKind closer)
{
    return parse_params(p, t, closer, false);
}

static GNode *funcdef(Parser *p, GNodeList *decorators)
{
    GToken *t = advance(p);  /* 'def' */
    GToken *name = peek(p);
    if (name->kind != T_NAME)
        return invalid_syntax(p);
    advance(p);
    if (!expect(p, T_LPAR))
        return NULL;
    GNode *args = parse_params(p, t, T_RPAR, true);
    if (!args || !expect(p, T_RPAR))
        return NULL;
    GNode *returns = NULL;
    if (accept(p, T_RARROW) && !(returns = px_expression(p)))
        return NULL;
    GNode *f = node(p, S_FUNCDEF, t);
    f->b = returns;
    f->name = g_newref(name->value);
    f->a = args;
    if (decorators)
        f->l2 = *decorators;
    if (!block(p, &f->l1, "function definition", t->line))
        return NULL;
    end_at_tok(f, prev(p));
    return f;
}

static GNode *classdef(Parser *p, GNodeList *decorators)
{
    GToken *t = advance(p);
    GToken *name = peek(p);
    if (name->kind != T_NAME)
        return invalid_syntax(p);
    advance(p);
    GNode *c = node(p, S_CLASSDEF, t);
    c->name = g_newref(name->value);
    if (decorators)
        c->l2 = *decorators;
    if (at(p, T_LPAR)) {
        GNode *dummy = node(p, E_NAME, name);
        GNode *call = px_call_trailer(p, dummy);
        if (!call)
            return NULL;
        c->l3 = call->l1;
        c->l4 = call->l2;
        memset(&call->l1, 0, sizeof call->l1);
        memset(&call->l2, 0, sizeof call->l2);
    }
    if (!block(p, &c->l1, "class definition", t->line))
        return NULL;
    end_at_tok(c, prev(p));
    return c;
}

static GNode *if_stmt(Parser *p)
{
    GToken *t = advance(p);  /* 'if' or 'elif' */
    GNode *n = node(p, S_IF, t);
    n->a = px_named_expression(p);
    if (!n->a)
        return NULL;
    if (!block(p, &n->l1, t->kind == T_IF ? "'if' statement" : "'elif' statement", t->line))
        return NULL;
    if (at(p, T_ELIF)) {
        GNode *e = if_stmt(p);
        if (!e || !list_push(p, &n->l2, e))
            return NULL;
    } else if (at(p, T_ELSE)) {
        GToken *et = advance(p);
        if (!block(p, &n->l2, "'else' statement", et->line))
            return NULL;
    }
    return n;
}

static GNode *while_stmt(Parser *p)
{
    GToken *t = advance(p);
    GNode *n = node(p, S_WHILE, t);
    n->a = px_named_expression(p);
    if (!n->a || !block(p, &n->l1, "'while' statement", t->line))
        return NULL;
    if (at(p, T_ELSE)) {
        GToken *et = advance(p);
        if (!block(p, &n->l2, "'else' statement", et->line))
            return NULL;
    }
    return n;
}

static GNode *for_stmt(Parser *p)
{
    GToken *t = advance(p);
    GNode *n = node(p, S_FOR, t);
    n->a = px_for_target(p);
    if (!n->a)
        return NULL;
    if (!expect(p, T_IN))
        return NULL;
    n->b = px_star_expressions(p);
    if (!n->b || !block(p, &n->l1, "'for' statement", t->line))
        return NULL;
    if (at(p, T_ELSE)) {
        GToken *et = advance(p);
        if (!block(p, &n->l2, "'else' statement", et->line))
            return NULL;
    }
    return n;
}

static GNode *try_stmt(Parser *p)
{
    GToken *t = advance(p);
    GNode *n = node(p, S_TRY, t);
    if (!block(p, &n->l1, "'try' statement", t->line))
        return NULL;
    while (at(p, T_EXCEPT)) {
        GToken *et = advance(p);
        GNode *h = node(p, N_HANDLER, et);
        if (at(p, T_STAR))
            return fail_tok(p, peek(p), "except* (exception groups) is not supported by gilt");
        if (!at(p, T_COLON)) {
            h->a = px_expression(p);
            if (!h->a)
                return NULL;
            if (at(p, T_COMMA)) {
                /* except A, B: -> needs parentheses */
                return fail_at(p, &GExc_SyntaxError, h->a->line, h->a->col, peek(p)->end_line, peek(p)->end_col,
                               "multiple exception types must be parenthesized");
            }
            if (accept(p, T_AS)) {
                GToken *nt = peek(p);
                if (nt->kind != T_NAME)
                    return invalid_syntax(p);
                advance(p);
                h->name = g_newref(nt->value);
            }
        }
        if (!block(p, &h->l1, "'except' statement", et->line) || !list_push(p, &n->l2, h))
            return NULL;
    }
    if (at(p, T_ELSE)) {
        GToken *et = advance(p);
        if (n->l2.n == 0)
            return invalid_syntax(p);
        if (!block(p, &n->l3, "'else' statement", et->line))
            return NULL;
    }
    if (at(p, T_FINALLY)) {
        GToken *ft = advance(p);
        if (!block(p, &n->l4, "'finally' statement", ft->line))
            return NULL;
    }
    if (n->l2.n == 0 && n->l4.n == 0) {
        GToken *nt = peek(p);
        return fail_at(p, &GExc_SyntaxError, nt->line, nt->col, nt->end_line, nt->end_col, "expected 'except' or 'finally' block");
    }
    return n;
}

static GNode *with_stmt(Parser *p)
{
    GToken *t = advance(p);
    GNode *n = node(p, S_WITH, t);
    bool parens = false;
    /* with (a as b, c as d): -- parenthesised items (3.10) */
    if (at(p, T_LPAR)) {
        size_t k = 1;
        int lvl = 1;
        bool has_as = false;
        while (lvl > 0 && peek_at(p, k)->kind != T_EOF) {
            GTokKind kk = peek_at(p, k)->kind;
            if (kk == T_LPAR || kk == T_LSQB || kk == T_LBRACE) lvl++;
            else if (kk == T_RPAR || kk == T_RSQB || kk == T_RBRACE) lvl--;
            else if (kk == T_AS && lvl == 1) has_as = true;
            k++;
        }
        if (has_as && peek_at(p, k)->kind == T_COLON) {
            parens = true;
            advance(p);
        }
    }
    do {
        if (parens && at(p, T_RPAR))
            break;
        GNode *item = node(p, N_WITHITEM, peek(p));
        item->a = px_expression(p);
        if (!item->a)
            return NULL;
        if (accept(p, T_AS)) {
            GNode *target = px_star_expr_or_expr(p);
            if (!target || !px_set_context(p, target, CTX_STORE, false))
                return NULL;
            item->b = target;
        }
        if (!list_push(p, &n->l1, item))
            return NULL;
    } while (accept(p, T_COMMA));
    if (parens && !expect(p, T_RPAR))
        return NULL;
    if (!block(p, &n->l2, "'with' statement", t->line))
        return NULL;
    return n;
}

static GNode *dotted_name(Parser *p, GToken **first)
{
    GToken *t = peek(p);
    if (t->kind != T_NAME)
        return invalid_syntax(p);
    *first = t;
    GBuf b;
    g_buf_init(&b);
    g_buf_put_obj(&b, advance(p)->value);
    while (at(p, T_DOT)) {
        advance(p);
        GToken *nt = peek(p);
        if (nt->kind != T_NAME) {
            g_buf_free(&b);
            return invalid_syntax(p);
        }
        advance(p);
        g_buf_putc(&b, '.');
        g_buf_put_obj(&b, nt->value);
    }
    GObject *s = g_buf_finish(&b);
    GNode *n = node(p, N_ALIAS, t);
    n->name = s ? g_str_intern_obj(s) : NULL;
    end_at_tok(n, prev(p));
    return n;
}

static GNode *import_stmt(Parser *p)
{
    GToken *t = advance(p);
    GNode *n = node(p, S_IMPORT, t);
    do {
        GToken *first;
        GNode *a = dotted_name(p, &first);
        if (!a)
            return NULL;
        if (accept(p, T_AS)) {
            GToken *nt = peek(p);
            if (nt->kind != T_NAME)
                return invalid_syntax(p);
            advance(p);
            a->name2 = g_newref(nt->value);
        }
        if (!list_push(p, &n->l1, a))
            return NULL;
    } while (accept(p, T_COMMA));
    end_at_tok(n, prev(p));
    return n;
}

static GNode *from_stmt(Parser *p)
{
    GToken *t = advance(p);
    GNode *n = node(p, S_IMPORTFROM, t);
    while (at(p, T_DOT) || at(p, T_ELLIPSIS)) {
        n->op += at(p, T_DOT) ? 1 : 3;
        advance(p);
    }
    if (!at(p, T_IMPORT)) {
        GToken *first;
        GNode *m = dotted_name(p, &first);
        if (!m)
            return NULL;
        n->name = g_newref(m->name);
    }
    if (!expect(p, T_IMPORT))
        return NULL;
    if (at(p, T_STAR)) {
        GToken *st = advance(p);
        GNode *a = node(p, N_ALIAS, st);
        a->name = g_newref(g_str_intern("*"));
        list_push(p, &n->l1, a);
        end_at_tok(n, st);
        return n;
    }
    bool parens = accept(p, T_LPAR);
    do {
        if (parens && at(p, T_RPAR))
            break;
        GToken *nt = peek(p);
        if (nt->kind != T_NAME)
            return invalid_syntax(p);
        advance(p);
        GNode *a = node(p, N_ALIAS, nt);
        a->name = g_newref(nt->value);
        if (accept(p, T_AS)) {
            GToken *as = peek(p);
            if (as->kind != T_NAME)
                return invalid_syntax(p);
            advance(p);
            a->name2 = g_newref(as->value);
        }
        if (!list_push(p, &n->l1, a))
            return NULL;
    } while (accept(p, T_COMMA));
    if (parens && !expect(p, T_RPAR))
        return NULL;
    end_at_tok(n, prev(p));
    return n;
}

static int augassign_op(GTokKind k)
{
    switch (k) {
    case T_PLUSEQUAL: return NB_ADD;
    case T_MINEQUAL: return NB_SUB;
    case T_STAREQUAL: return NB_MUL;
    case T_SLASHEQUAL: return NB_TRUEDIV;
    case T_DOUBLESLASHEQUAL: return NB_FLOORDIV;
    case T_PERCENTEQUAL: return NB_MOD;
    case T_DOUBLESTAREQUAL: return NB_POW;
    case T_LEFTSHIFTEQUAL: return NB_LSHIFT;
    case T_RIGHTSHIFTEQUAL: return NB_RSHIFT;
    case T_AMPEREQUAL: return NB_AND;
    case T_VBAREQUAL: return NB_OR;
    case T_CIRCUMFLEXEQUAL: return NB_XOR;
    case T_ATEQUAL: return NB_MATMUL;
    default: return -1;
    }
}

static GNode *expr_stmt(Parser *p)
{
    GToken *t = peek(p);
    GNode *first = at(p, T_YIELD) ? px_yield_expr(p) : px_star_expressions(p);
    if (!first)
        return NULL;
    int aug = augassign_op(kind(p));
    if (aug >= 0) {
        GToken *opt = advance(p);
        if (first->kind != E_NAME && first->kind != E_ATTR && first->kind != E_SUBSCRIPT) {
            if (first->kind == E_TUPLE || first->kind == E_LIST)
                return fail_at(p, &GExc_SyntaxError, first->line, first->col, first->end_line, first->end_col,
                               "'%s' is an illegal expression for augmented assignment", first->kind == E_TUPLE ? "tuple" : "list");
            return fail_at(p, &GExc_SyntaxError, first->line, first->col, first->end_line, first->end_col,
                           "'%s' is an illegal expression for augmented assignment", px_expr_description(first));
        }
        (void)opt;
        first->op = CTX_STORE;
        GNode *v = at(p, T_YIELD) ? px_yield_expr(p) : px_star_expressions(p);
        if (!v)
            return NULL;
        GNode *n = node(p, S_AUGASSIGN, t);
        n->a = first;
        n->b = v;
        n->op = aug;
        end_at(n, v);
        return n;
    }
    if (at(p, T_COLON) && (first->kind == E_NAME || first->kind == E_ATTR || first->kind == E_SUBSCRIPT)) {
        advance(p);
        GNode *ann = px_expression(p);
        if (!ann)
            return NULL;
        GNode *n = node(p, S_ANNASSIGN, t);
        first->op = CTX_STORE;
        n->a = first;
        n->b = ann;
        if (accept(p, T_EQUAL)) {
            n->c = at(p, T_YIELD) ? px_yield_expr(p) : px_star_expressions(p);
            if (!n->c)
                return NULL;
        }
        end_at_tok(n, prev(p));
        return n;
    }
    if (!at(p, T_EQUAL)) {
        if (first->kind == E_STARRED)
            return fail_at(p, &GExc_SyntaxError, first->line, first->col, first->end_line, first->end_col,
                           "can't use starred expression here");
        GNode *n = node(p, S_EXPR, t);
        n->a = first;
        span_from(n, first);
        end_at(n, first);
        return n;
    }
    GNode *n = node(p, S_ASSIGN, t);
    span_from(n, first);
    GNode *value = first;
    while (accept(p, T_EQUAL)) {
        if (!px_set_context(p, value, CTX_STORE, true))
            return NULL;
        if (!list_push(p, &n->l1, value))
            return NULL;
        value = at(p, T_YIELD) ? px_yield_expr(p) : px_star_expressions(p);
        if (!value)
            return NULL;
    }
    n->a = value;
    end_at(n, value);
    return n;
}

static GNode *simple_stmt(Parser *p)
{
    GToken *t = peek(p);
    switch (t->kind) {
    case T_PASS: advance(p); return node(p, S_PASS, t);
    case T_BREAK: advance(p); return node(p, S_BREAK, t);
    case T_CONTINUE: advance(p); return node(p, S_CONTINUE, t);
    case T_RETURN: {
        advance(p);
        GNode *n = node(p, S_RETURN, t);
        if (!at(p, T_NEWLINE) && !at(p, T_SEMI)) {
            n->a = px_star_expressions(p);
            if (!n->a)
                return NULL;
            end_at(n, n->a);
        }
        return n;
    }
    case T_RAISE: {
        advance(p);
        GNode *n = node(p, S_RAISE, t);
        if (!at(p, T_NEWLINE) && !at(p, T_SEMI)) {
            n->a = px_expression(p);
            if (!n->a)
                return NULL;
            end_at(n, n->a);
            if (accept(p, T_FROM)) {
                n->b = px_expression(p);
                if (!n->b)
                    return NULL;
                end_at(n, n->b);
            }
        }
        return n;
    }
    case T_GLOBAL:
    case T_NONLOCAL: {
        advance(p);
        GNode *n = node(p, t->kind == T_GLOBAL ? S_GLOBAL : S_NONLOCAL, t);
        do {
            GToken *nt = peek(p);
            if (nt->kind != T_NAME)
                return invalid_syntax(p);
            advance(p);
            GNode *name = node(p, E_NAME, nt);
            name->name = g_newref(nt->value);
            if (!list_push(p, &n->l1, name))
                return NULL;
        } while (accept(p, T_COMMA));
        end_at_tok(n, prev(p));
        return n;
    }
    case T_DEL: {
        advance(p);
        GNode *n = node(p, S_DEL, t);
        do {
            if (at(p, T_NEWLINE) || at(p, T_SEMI))
                break;
            GNode *target = px_bitor_expr(p);
            if (!target || !px_set_context(p, target, CTX_DEL, false) || !list_push(p, &n->l1, target))
                return NULL;
        } while (accept(p, T_COMMA));
        if (n->l1.n == 0)
            return invalid_syntax(p);
        end_at_tok(n, prev(p));
        return n;
    }
    case T_ASSERT: {
        advance(p);
        GNode *n = node(p, S_ASSERT, t);
        n->a = px_expression(p);
        if (!n->a)
            return NULL;
        if (accept(p, T_COMMA)) {
            n->b = px_expression(p);
            if (!n->b)
                return NULL;
        }
        end_at_tok(n, prev(p));
        return n;
    }
    case T_IMPORT: return import_stmt(p);
    case T_FROM: return from_stmt(p);
    default:
        return expr_stmt(p);
    }
}

/* async def / async for / async with: the statement itself, marked op = 1, its span
 * starting at `async` (the compiler's errors underline the whole statement). */
static GNode *async_stmt(Parser *p, GNodeList *decorators)
{
    GToken *t = advance(p);  /* 'async' */
    GNode *n;
    switch (kind(p)) {
    case T_DEF: n = funcdef(p, decorators); break;
    case T_FOR: n = for_stmt(p); break;
    case T_WITH: n = with_stmt(p); break;
    default: return invalid_syntax(p);
    }
    if (n) {
        n->op = 1;
        n->line = n->oline = t->line;
        n->col = n->ocol = t->col;
    }
    return n;
}

static bool statement(Parser *p, GNodeList *out)
{
    GToken *t = peek(p);
    GNode *n = NULL;
    GNodeList decorators = { 0 };
    switch (t->kind) {
    case T_IF: n = if_stmt(p); break;
    case T_WHILE: n = while_stmt(p); break;
    case T_FOR: n = for_stmt(p); break;
    case T_TRY: n = try_stmt(p); break;
    case T_WITH: n = with_stmt(p); break;
    case T_DEF: n = funcdef(p, NULL); break;
    case T_CLASS: n = classdef(p, NULL); break;
    case T_AT:
        while (at(p, T_AT)) {
            advance(p);
            GNode *d = px_named_expression(p);
            if (!d || !list_push(p, &decorators, d))
                return false;
            if (!at(p, T_NEWLINE)) {
                invalid_syntax(p);
                return false;
            }
            advance(p);
        }
        if (at(p, T_DEF))
            n = funcdef(p, &decorators);
        else if (at(p, T_ASYNC) && peek_at(p, 1)->kind == T_DEF)
            n = async_stmt(p, &decorators);
        else if (at(p, T_CLASS))
            n = classdef(p, &decorators);
        else {
            invalid_syntax(p);
            g_mem_free(decorators.items);
            return false;
        }
        break;
    case T_ASYNC:
        n = async_stmt(p, NULL);
        break;
    case T_ELSE: case T_ELIF: case T_EXCEPT: case T_FINALLY:
        invalid_syntax(p);
        return false;
    case T_INDENT:
        invalid_syntax(p);
        return false;
    default:
        /* simple statements, separated by ';' */
        for (;;) {
            GNode *s = simple_stmt(p);
            if (!s || !list_push(p, out, s))
                return false;
            if (!accept(p, T_SEMI))
                break;
            if (at(p, T_NEWLINE))
                break;
        }
        if (!at(p, T_NEWLINE)) {
            invalid_syntax(p);
            return false;
        }
        advance(p);
        return true;
    }
    if (!n)
        return false;
    /* a compound statement ends where its last real token ends */
    size_t k = p->pos;
    while (k > 0 && (p->t[k - 1].kind == T_NEWLINE || p->t[k - 1].kind == T_INDENT || p->t[k - 1].kind == T_DEDENT))
        k--;
    if (k > 0 && (p->t[k - 1].end_line > n->end_line ||
                  (p->t[k - 1].end_line == n->end_line && p->t[k - 1].end_col > n->end_col)))
        end_at_tok(n, &p->t[k - 1]);
    return list_push(p, out, n);
}

/* ====================================================================================
 * Entry points
 * ==================================================================================== */

GNode *g_parse_tokens(GTokens *toks, GArena *arena, GSyntaxError *err)
{
    Parser p = { .t = toks->toks, .pos = 0, .n = toks->n, .arena = arena, .err = err };
    GNode *mod = node(&p, N_MODULE, &toks->toks[0]);
    if (!mod)
        return NULL;
    while (!at(&p, T_EOF)) {
        if (at(&p, T_NEWLINE)) {
            advance(&p);
            continue;
        }
        if (!statement(&p, &mod->l1))
            return NULL;
    }
    return p.failed ? NULL : mod;
}

GNode *g_parse_expression_text(const char *text, size_t len, int line, int col, GArena *arena, GSyntaxError *err)
{
    /* parenthesise so that newlines inside the braces are allowed */
    char *buf = g_mem_alloc(len + 3);
    if (!buf)
        return NULL;
    buf[0] = '(';
    memcpy(buf + 1, text, len);
    buf[len + 1] = ')';
    buf[len + 2] = 0;
    GTokens toks;
    if (g_tokenize(buf, len + 2, &toks, err) < 0) {
        g_mem_free(buf);
        err->line += line - 1;
        err->col += col - 1;
        return NULL;
    }
    for (size_t i = 0; i < toks.n; i++) {
        GToken *t = &toks.toks[i];
        if (t->line == 1)
            t->col += col - 1;
        if (t->end_line == 1)
            t->end_col += col - 1;
        t->line += line - 1;
        t->end_line += line - 1;
        t->body_line += line - 1;
    }
    Parser p = { .t = toks.toks, .pos = 0, .n = toks.n, .arena = arena, .err = err };
    GNode *e = px_star_expressions(&p);
    if (e && !at(&p, T_NEWLINE) && !at(&p, T_EOF)) {
        invalid_syntax(&p);
        e = NULL;
    }
    if (p.failed)
        e = NULL;
    g_tokens_free(&toks);
    g_mem_free(buf);
    return e;
}

