/* parse_expr.c -- the expression half of the parser.
 *
 * One function per precedence level, from the loosest-binding to the tightest:
 *
 *   lambda / ternary -> or -> and -> not -> comparison -> | -> ^ -> & -> << >>
 *   -> + - -> * / // % @ -> unary -> ** -> primary (atom with calls, subscripts,
 *   attributes)
 *
 * Binary levels loop rather than recurse, so long chains like 1 + 1 + ... + 1 cost
 * no C stack.  f-strings are split here: literal pieces become constants and each
 * {expression} is tokenized and parsed on its own, its position shifted to where it
 * sits in the file.  Assignment targets are parsed as expressions and then checked
 * by px_set_context, which is where "cannot assign to literal" comes from.
 */
#include "compile/parser_internal.h"

/* ====================================================================================
 * Expressions
 * ==================================================================================== */



/* Adjacent string literals concatenate; any f-string among them makes the whole a
 * JoinedStr. */
static GNode *strings(Parser *p)
{
    GToken *first = peek(p);
    bool any_f = false, any_bytes = false, all_bytes = true;
    size_t k = 0;
    while (peek_at(p, k)->kind == T_STRING) {
        GToken *t = peek_at(p, k);
        any_f = any_f || t->fstring;
        any_bytes = any_bytes || t->bytes;
        all_bytes = all_bytes && t->bytes;
        if (t->non_ascii)
            return fail_tok(p, t, "bytes can only contain ASCII literal characters");
        k++;
    }
    if (any_bytes && !all_bytes) {
        GToken *last = peek_at(p, k - 1);
        return fail_at(p, &GExc_SyntaxError, last->end_line, last->end_col, last->end_line, last->end_col + 1,
                       "cannot mix bytes and nonbytes literals");
    }
    if (any_bytes) {
        GBuf b;
        g_buf_init(&b);
        GToken *last = first;
        while (at(p, T_STRING)) {
            last = advance(p);
            g_buf_put(&b, g_bytes_data(last->value), (size_t)g_bytes_size(last->value));
        }
        GObject *v = b.failed ? NULL : g_bytes_new(b.data, b.len);
        g_buf_free(&b);
        if (!v)
            return fail_tok(p, first, "out of memory");
        GNode *n = make_const(p, first, v);
        g_decref(v);
        if (n)
            end_at_tok(n, last);
        return n;
    }
    if (!any_f) {
        GBuf b;
        g_buf_init(&b);
        GToken *last = first;
        while (at(p, T_STRING)) {
            last = advance(p);
            if (last->raw) {
                g_buf_put_obj(&b, last->value);
            } else {
                g_buf_put_obj(&b, last->value);
            }
        }
        GObject *s = g_buf_finish(&b);
        if (!s)
            return fail_tok(p, first, "out of memory");
        GNode *n = make_const(p, first, s);
        g_decref(s);
        if (n)
            end_at_tok(n, last);
        return n;
    }
    GNode *j = node(p, E_JOINEDSTR, first);
    if (!j)
        return NULL;
    GToken *last = first;
    while (at(p, T_STRING)) {
        last = advance(p);
        if (last->fstring) {
            GNode *part = px_parse_fstring(p, last);
            if (!part)
                return NULL;
            for (int i = 0; i < part->l1.n; i++)
                if (!list_push(p, &j->l1, part->l1.items[i]))
                    return NULL;
        } else {
            GNode *c = make_const(p, last, last->value);
            if (!c || !list_push(p, &j->l1, c))
                return NULL;
        }
    }
    end_at_tok(j, last);
    return j;
}

static GNode *comprehension_tail(Parser *p, GNode *n);

/* A comprehension's `for`, or `async for` (op 1 on its N_COMPREHENSION). */
static bool at_comp_for(Parser *p) { return at(p, T_FOR) || (at(p, T_ASYNC) && peek_at(p, 1)->kind == T_FOR); }

/* After a tuple's or list's first item: ", item" pairs (a trailing comma allowed) up
 * to the closing bracket, which ends n. */
static GNode *rest_of_display(Parser *p, GNode *n, GTokKind close)
{
    while (accept(p, T_COMMA)) {
        if (at(p, close))
            break;
        GNode *e = px_star_expr_or_expr(p);
        if (!e || !list_push(p, &n->l1, e))
            return NULL;
    }
    if (!at(p, close))
        return invalid_syntax(p);
    end_at_tok(n, advance(p));
    return n;
}

/* Inside brackets, two expressions side by side are almost always a missing comma:
 * say so, underlining both (CPython's hint). */
static GNode *check_missing_comma(Parser *p, GNode *e)
{
    if (!e || p->failed || !px_starts_expression(kind(p)) || at(p, T_STAR) || at(p, T_LAMBDA) || at(p, T_NOT) ||
        at(p, T_MINUS) || at(p, T_PLUS) || at(p, T_TILDE))
        return e;
    if (e->kind == E_NAME && at(p, T_STRING))
        return e;     /* print "x": left to the general error */
    GNode *b = px_or_expr(p);
    if (!b)
        return NULL;
    return fail_at(p, &GExc_SyntaxError, e->line, e->col, b->end_line, b->end_col, "invalid syntax. Perhaps you forgot a comma?");
}

static GNode *atom(Parser *p)
{
    GToken *t = peek(p);
    switch (t->kind) {
    case T_NAME: {
        advance(p);
        GNode *n = node(p, E_NAME, t);
        if (n)
            n->name = g_newref(t->value);
        return n;
    }
    case T_NUMBER:
        advance(p);
        return make_const(p, t, t->value);
    case T_STRING:
        return strings(p);
    case T_NONE: advance(p); return make_const(p, t, G_NONE);
    case T_TRUE: advance(p); return make_const(p, t, G_TRUE);
    case T_FALSE: advance(p); return make_const(p, t, G_FALSE);
    case T_ELLIPSIS: advance(p); return make_const(p, t, G_ELLIPSIS);
    case T_LPAR: {
        advance(p);
        if (at(p, T_RPAR)) {
            GNode *n = node(p, E_TUPLE, t);
            end_at_tok(n, advance(p));
            return n;
        }
        if (at(p, T_YIELD)) {
            GNode *y = px_yield_expr(p);
            if (!y)
                return NULL;
            if (!at(p, T_RPAR))
                return invalid_syntax(p);
            advance(p);
            return y;
        }
        GNode *first = px_star_expr_or_expr(p);
        if (!first)
            return NULL;
        if (at_comp_for(p)) {
            GNode *g = node(p, E_GENEXP, t);
            g->a = first;
            if (!comprehension_tail(p, g))
                return NULL;
            if (!at(p, T_RPAR))
                return invalid_syntax(p);
            end_at_tok(g, advance(p));
            return g;
        }
        if (accept(p, T_RPAR)) {
            /* a parenthesised expression keeps its inner span, as CPython does, but
             * its extent (what a parent's span covers) includes the parentheses */
            if (first->kind == E_STARRED)
                return fail_at(p, &GExc_SyntaxError, first->line, first->col, first->end_line, first->end_col,
                               "cannot use starred expression here");
            first->oline = t->line;
            first->ocol = t->col;
            first->oend_line = prev(p)->end_line;
            first->oend_col = prev(p)->end_col;
            return first;
        }
        GNode *tup = node(p, E_TUPLE, t);
        if (!list_push(p, &tup->l1, first))
            return NULL;
        return rest_of_display(p, tup, T_RPAR);
    }
    case T_LSQB: {
        advance(p);
        GNode *l = node(p, E_LIST, t);
        if (accept(p, T_RSQB)) {
            end_at_tok(l, prev(p));
            return l;
        }
        GNode *first = px_star_expr_or_expr(p);
        if (!first)
            return NULL;
        if (at_comp_for(p)) {
            l->kind = E_LISTCOMP;
            l->a = first;
            if (!comprehension_tail(p, l))
                return NULL;
            if (!at(p, T_RSQB))
                return invalid_syntax(p);
            end_at_tok(l, advance(p));
            return l;
        }
        if (!check_missing_comma(p, first) || !list_push(p, &l->l1, first))
            return NULL;
        return rest_of_display(p, l, T_RSQB);
    }
    case T_LBRACE: {
        advance(p);
        GNode *d = node(p, E_DICT, t);
        if (accept(p, T_RBRACE)) {
            end_at_tok(d, prev(p));
            return d;
        }
        /* dict or set? decide on the first item */
        GNode *k = NULL, *v = NULL;
        if (at(p, T_DOUBLESTAR)) {
            advance(p);
            v = px_bitor_expr(p);
            if (!v)
                return NULL;
        } else if (at(p, T_STAR)) {
            d->kind = E_SET;
        } else {
            k = px_named_expression(p);
            if (!k)
                return NULL;
            if (accept(p, T_COLON)) {
                v = px_expression(p);
                if (!v)
                    return NULL;
            } else {
                d->kind = E_SET;
            }
        }
        if (d->kind == E_DICT) {
            if (k && at_comp_for(p)) {
                d->kind = E_DICTCOMP;
                d->a = k;
                d->b = v;
                if (!comprehension_tail(p, d))
                    return NULL;
                if (!at(p, T_RBRACE))
                    return invalid_syntax(p);
                end_at_tok(d, advance(p));
                return d;
            }
            if (!list_push(p, &d->l1, k) || !list_push(p, &d->l2, v))
                return NULL;
            while (accept(p, T_COMMA)) {
                if (at(p, T_RBRACE))
                    break;
                if (accept(p, T_DOUBLESTAR)) {
                    GNode *vv = px_bitor_expr(p);
                    if (!vv || !list_push(p, &d->l1, NULL) || !list_push(p, &d->l2, vv))
                        return NULL;
                    continue;
                }
                GNode *kk = px_expression(p);
                if (!kk)
                    return NULL;
                if (!expect(p, T_COLON))
                    return NULL;
                GNode *vv = px_expression(p);
                if (!vv || !list_push(p, &d->l1, kk) || !list_push(p, &d->l2, vv))
                    return NULL;
            }
            if (!at(p, T_RBRACE))
                return invalid_syntax(p);
            end_at_tok(d, advance(p));
            return d;
        }
        /* a set */
        GNode *first = k;
        if (!first) {
            GToken *st = advance(p);
            GNode *sv = px_bitor_expr(p);
            if (!sv)
                return NULL;
            first = node(p, E_STARRED, st);
            first->a = sv;
            end_at(first, sv);
        }
        if (at_comp_for(p)) {
            d->kind = E_SETCOMP;
            d->a = first;
            if (!comprehension_tail(p, d))
                return NULL;
            if (!at(p, T_RBRACE))
                return invalid_syntax(p);
            end_at_tok(d, advance(p));
            return d;
        }
        if (!list_push(p, &d->l1, first))
            return NULL;
        while (accept(p, T_COMMA)) {
            if (at(p, T_RBRACE))
                break;
            GNode *e;
            if (at(p, T_STAR)) {
                GToken *st = advance(p);
                GNode *sv = px_bitor_expr(p);
                if (!sv)
                    return NULL;
                e = node(p, E_STARRED, st);
                e->a = sv;
                end_at(e, sv);
            } else {
                e = px_named_expression(p);
            }
            if (!e || !list_push(p, &d->l1, e))
                return NULL;
        }
        if (!at(p, T_RBRACE))
            return invalid_syntax(p);
        end_at_tok(d, advance(p));
        return d;
    }
    default:
        return invalid_syntax(p);
    }
}

/* for target in iter [if cond]* [for ...]* */
/* One item of a for-target, "x" or "*x": it stops at 'in', so the bitor level. */
static GNode *for_target_item(Parser *p)
{
    if (!at(p, T_STAR))
        return px_bitor_expr(p);
    GToken *st = advance(p);
    GNode *v = px_bitor_expr(p);
    if (!v)
        return NULL;
    GNode *e = node(p, E_STARRED, st);
    e->a = v;
    end_at(e, v);
    return e;
}

GNode *px_for_target(Parser *p)
{
    GNode *first = for_target_item(p);
    if (!first)
        return NULL;
    GNode *target = first;
    if (at(p, T_COMMA)) {
        target = node(p, E_TUPLE, peek(p));
        span_from(target, first);
        if (!list_push(p, &target->l1, first))
            return NULL;
        while (accept(p, T_COMMA)) {
            if (at(p, T_IN))
                break;
            GNode *e = for_target_item(p);
            if (!e || !list_push(p, &target->l1, e))
                return NULL;
        }
        end_at_tok(target, prev(p));
    }
    return px_set_context(p, target, CTX_STORE, false) ? target : NULL;
}

static GNode *comprehension_tail(Parser *p, GNode *n)
{
    while (at_comp_for(p)) {
        bool async = accept(p, T_ASYNC);
        GToken *ft = advance(p);
        GNode *c = node(p, N_COMPREHENSION, ft);
        c->op = async;
        c->a = px_for_target(p);
        if (!c->a)
            return NULL;
        if (!expect(p, T_IN))
            return NULL;
        c->b = px_or_expr(p);
        if (!c->b)
            return NULL;
        while (at(p, T_IF)) {
            advance(p);
            GNode *cond = px_or_expr(p);
            if (!cond || !list_push(p, &c->l1, cond))
                return NULL;
        }
        if (!list_push(p, &n->l1, c))
            return NULL;
    }
    return n;
}

static GNode *slice_item(Parser *p)
{
    GToken *t = peek(p);
    GNode *lower = NULL, *upper = NULL, *step = NULL;
    if (!at(p, T_COLON)) {
        lower = px_named_expression(p);
        if (!lower)
            return NULL;
        if (!at(p, T_COLON))
            return lower;
    }
    GNode *s = node(p, E_SLICE, t);
    advance(p);  /* ':' */
    if (!at(p, T_COLON) && !at(p, T_RSQB) && !at(p, T_COMMA)) {
        upper = px_expression(p);
        if (!upper)
            return NULL;
    }
    if (accept(p, T_COLON)) {
        if (!at(p, T_RSQB) && !at(p, T_COMMA)) {
            step = px_expression(p);
            if (!step)
                return NULL;
        }
    }
    s->a = lower;
    s->b = upper;
    s->c = step;
    end_at_tok(s, prev(p));
    return s;
}

GNode *px_call_trailer(Parser *p, GNode *func)
{
    GToken *lp = advance(p);  /* '(' */
    GNode *c = node(p, E_CALL, lp);
    span_from(c, func);
    c->a = func;
    bool seen_kw = false;
    while (!at(p, T_RPAR)) {
        GToken *t = peek(p);
        if (accept(p, T_STAR)) {
            GNode *v = px_expression(p);
            if (!v)
                return NULL;
            GNode *st = node(p, E_STARRED, t);
            st->a = v;
            end_at(st, v);
            if (!list_push(p, &c->l1, st))
                return NULL;
        } else if (accept(p, T_DOUBLESTAR)) {
            GNode *v = px_expression(p);
            if (!v)
                return NULL;
            GNode *kw = node(p, N_KEYWORD, t);
            kw->a = v;
            end_at(kw, v);
            if (!list_push(p, &c->l2, kw))
                return NULL;
            seen_kw = true;
        } else if (t->kind == T_NAME && peek_at(p, 1)->kind == T_EQUAL) {
            advance(p);
            advance(p);
            GNode *v = px_expression(p);
            if (!v)
                return NULL;
            GNode *kw = node(p, N_KEYWORD, t);
            kw->name = g_newref(t->value);
            kw->a = v;
            end_at(kw, v);
            for (int i = 0; i < c->l2.n; i++)
                if (c->l2.items[i]->name && g_str_eq(c->l2.items[i]->name, t->value))
                    return fail_at(p, &GExc_SyntaxError, t->line, t->col, v->end_line, v->end_col,
                                   "keyword argument repeated: %s", g_str_data(t->value));
            if (!list_push(p, &c->l2, kw))
                return NULL;
            seen_kw = true;
        } else {
            GNode *e = px_named_expression(p);
            if (!e)
                return NULL;
            if (at_comp_for(p)) {
                GNode *g = node(p, E_GENEXP, t);
                span_from(g, e);
                g->a = e;
                if (!comprehension_tail(p, g))
                    return NULL;
                end_at_tok(g, prev(p));
                e = g;
                if (c->l1.n > 0 || !at(p, T_RPAR))
                    return fail_at(p, &GExc_SyntaxError, g->line, g->col, g->end_line, g->end_col,
                                   "Generator expression must be parenthesized");
            }
            if (at(p, T_EQUAL))
                return fail_at(p, &GExc_SyntaxError, e->line, e->col, peek(p)->end_line, peek(p)->end_col,
                               "expression cannot contain assignment, perhaps you meant \"==\"?");
            if (!check_missing_comma(p, e))
                return NULL;
            if (seen_kw)
                return fail_at(p, &GExc_SyntaxError, e->end_line, e->end_col, e->end_line, e->end_col + 1,
                               "positional argument follows keyword argument");
            if (!list_push(p, &c->l1, e))
                return NULL;
        }
        if (!accept(p, T_COMMA))
            break;
    }
    if (!at(p, T_RPAR))
        return invalid_syntax(p);
    end_at_tok(c, advance(p));
    return c;
}

static GNode *primary(Parser *p)
{
    ENTER(p);
    GNode *n = atom(p);
    while (n) {
        if (at(p, T_LPAR)) {
            n = px_call_trailer(p, n);
        } else if (at(p, T_LSQB)) {
            GToken *lb = advance(p);
            GNode *s = node(p, E_SUBSCRIPT, lb);
            span_from(s, n);
            s->a = n;
            s->anchor = lb->col;
            GNode *first = slice_item(p);
            if (!first)
                LEAVE(p, NULL);
            if (at(p, T_COMMA)) {
                GNode *tup = node(p, E_TUPLE, peek(p));
                span_from(tup, first);
                list_push(p, &tup->l1, first);
                while (accept(p, T_COMMA)) {
                    if (at(p, T_RSQB))
                        break;
                    GNode *e = slice_item(p);
                    if (!e || !list_push(p, &tup->l1, e))
                        LEAVE(p, NULL);
                }
                end_at_tok(tup, prev(p));
                first = tup;
            }
            s->b = first;
            if (!at(p, T_RSQB))
                LEAVE(p, invalid_syntax(p));
            GToken *rb = advance(p);
            s->anchor_end = rb->end_col;
            end_at_tok(s, rb);
            n = s;
        } else if (at(p, T_DOT)) {
            advance(p);
            GToken *name = peek(p);
            if (name->kind != T_NAME)
                LEAVE(p, invalid_syntax(p));
            advance(p);
            GNode *a = node(p, E_ATTR, name);
            span_from(a, n);
            a->a = n;
            a->name = g_newref(name->value);
            n = a;
        } else {
            break;
        }
    }
    LEAVE(p, n);
}

static GNode *unary(Parser *p);

/* await_primary: 'await' primary */
static GNode *await_primary(Parser *p)
{
    if (!at(p, T_AWAIT))
        return primary(p);
    GToken *t = advance(p);
    GNode *v = primary(p);
    if (!v)
        return NULL;
    GNode *n = node(p, E_AWAIT, t);
    n->a = v;
    end_at(n, v);
    return n;
}

static GNode *power(Parser *p)
{
    GNode *base = await_primary(p);
    if (!base || !at(p, T_DOUBLESTAR))
        return base;
    GToken *op = advance(p);
    GNode *exp = unary(p);
    if (!exp)
        return NULL;
    GNode *n = node(p, E_BINOP, op);
    span_from(n, base);
    end_at(n, exp);
    n->a = base;
    n->b = exp;
    n->op = NB_POW;
    n->anchor = op->col;
    n->anchor_end = op->end_col;
    return n;
}

static GNode *unary(Parser *p)
{
    GToken *t = peek(p);
    int op;
    switch (t->kind) {
    case T_MINUS: op = U_NEG; break;
    case T_PLUS: op = U_POS; break;
    case T_TILDE: op = U_INVERT; break;
    default: return power(p);
    }
    ENTER(p);
    advance(p);
    GNode *operand = unary(p);
    if (!operand)
        LEAVE(p, NULL);
    GNode *n = node(p, E_UNARY, t);
    n->a = operand;
    n->op = op;
    end_at(n, operand);
    LEAVE(p, n);
}

typedef GNode *(*RuleFn)(Parser *);

static GNode *binary_level(Parser *p, RuleFn next, const GTokKind *toks, const int *ops, int count)
{
    GNode *left = next(p);
    while (left) {
        int i;
        for (i = 0; i < count; i++)
            if (at(p, toks[i]))
                break;
        if (i == count)
            break;
        GToken *op = advance(p);
        GNode *right = next(p);
        if (!right)
            return NULL;
        GNode *n = node(p, E_BINOP, op);
        span_from(n, left);
        end_at(n, right);
        n->a = left;
        n->b = right;
        n->op = ops[i];
        n->anchor = op->col;
        n->anchor_end = op->end_col;
        left = n;
    }
    return left;
}

static GNode *term(Parser *p)
{
    static const GTokKind t[] = { T_STAR, T_SLASH, T_DOUBLESLASH, T_PERCENT, T_AT };
    static const int o[] = { NB_MUL, NB_TRUEDIV, NB_FLOORDIV, NB_MOD, NB_MATMUL };
    return binary_level(p, unary, t, o, 5);
}
static GNode *arith(Parser *p)
{
    static const GTokKind t[] = { T_PLUS, T_MINUS };
    static const int o[] = { NB_ADD, NB_SUB };
    return binary_level(p, term, t, o, 2);
}
static GNode *shift(Parser *p)
{
    static const GTokKind t[] = { T_LEFTSHIFT, T_RIGHTSHIFT };
    static const int o[] = { NB_LSHIFT, NB_RSHIFT };
    return binary_level(p, arith, t, o, 2);
}
static GNode *bitand_expr(Parser *p)
{
    static const GTokKind t[] = { T_AMPER };
    static const int o[] = { NB_AND };
    return binary_level(p, shift, t, o, 1);
}
static GNode *bitxor_expr(Parser *p)
{
    static const GTokKind t[] = { T_CIRCUMFLEX };
    static const int o[] = { NB_XOR };
    return binary_level(p, bitand_expr, t, o, 1);
}
GNode *px_bitor_expr(Parser *p)
{
    static const GTokKind t[] = { T_VBAR };
    static const int o[] = { NB_OR };
    return binary_level(p, bitxor_expr, t, o, 1);
}

static int comp_op(Parser *p)
{
    switch (kind(p)) {
    case T_LESS: advance(p); return CMP_LT;
    case T_LESSEQUAL: advance(p); return CMP_LE;
    case T_EQEQUAL: advance(p); return CMP_EQ;
    case T_NOTEQUAL: advance(p); return CMP_NE;
    case T_GREATER: advance(p); return CMP_GT;
    case T_GREATEREQUAL: advance(p); return CMP_GE;
    case T_IN: advance(p); return C_IN;
    case T_NOT:
        if (peek_at(p, 1)->kind == T_IN) {
            advance(p);
            advance(p);
            return C_NOTIN;
        }
        return -1;
    case T_IS:
        advance(p);
        if (accept(p, T_NOT))
            return C_ISNOT;
        return C_IS;
    default:
        return -1;
    }
}

static GNode *comparison(Parser *p)
{
    GNode *left = px_bitor_expr(p);
    if (!left)
        return NULL;
    GToken *t = peek(p);
    int op = comp_op(p);
    if (op < 0)
        return left;
    GNode *n = node(p, E_COMPARE, t);
    span_from(n, left);
    n->a = left;
    int cap = 4, count = 0;
    n->ints = g_mem_alloc((size_t)cap * sizeof(int));
    while (op >= 0) {
        GNode *right = px_bitor_expr(p);
        if (!right)
            return NULL;
        if (count == cap) {
            cap *= 2;
            int *ni = g_mem_realloc(n->ints, (size_t)cap * sizeof(int));
            if (!ni)
                return fail_tok(p, t, "out of memory");
            n->ints = ni;
        }
        n->ints[count++] = op;
        if (!list_push(p, &n->l1, right))
            return NULL;
        end_at(n, right);
        op = comp_op(p);
    }
    return n;
}

static GNode *not_test(Parser *p)
{
    if (!at(p, T_NOT))
        return comparison(p);
    ENTER(p);
    GToken *t = advance(p);
    GNode *operand = not_test(p);
    if (!operand)
        LEAVE(p, NULL);
    GNode *n = node(p, E_UNARY, t);
    n->a = operand;
    n->op = U_NOT;
    end_at(n, operand);
    LEAVE(p, n);
}

static GNode *boolop(Parser *p, RuleFn next, GTokKind tok, int op)
{
    GNode *first = next(p);
    if (!first || !at(p, tok))
        return first;
    GNode *n = node(p, E_BOOLOP, peek(p));
    span_from(n, first);
    n->op = op;
    list_push(p, &n->l1, first);
    while (accept(p, tok)) {
        GNode *e = next(p);
        if (!e || !list_push(p, &n->l1, e))
            return NULL;
        end_at(n, e);
    }
    return n;
}

static GNode *and_test(Parser *p) { return boolop(p, not_test, T_AND, B_AND); }
GNode *px_or_expr(Parser *p) { return boolop(p, and_test, T_OR, B_OR); }


GNode *px_expression(Parser *p)
{
    ENTER(p);
    if (at(p, T_LAMBDA)) {
        GToken *t = advance(p);
        GNode *args = px_lambda_params(p, t, T_COLON);
        if (!args || !expect(p, T_COLON))
            LEAVE(p, NULL);
        GNode *body = px_expression(p);
        if (!body)
            LEAVE(p, NULL);
        GNode *n = node(p, E_LAMBDA, t);
        n->a = args;
        n->b = body;
        end_at(n, body);
        LEAVE(p, n);
    }
    GNode *body = px_or_expr(p);
    if (!body || !at(p, T_IF))
        LEAVE(p, body);
    advance(p);
    GNode *test = px_or_expr(p);
    if (!test)
        LEAVE(p, NULL);
    if (!at(p, T_ELSE)) {
        GToken *t = peek(p);
        LEAVE(p, fail_at(p, &GExc_SyntaxError, body->line, body->col, t->end_line, t->end_col, "expected 'else' after 'if' expression"));
    }
    advance(p);
    GNode *orelse = px_expression(p);
    if (!orelse)
        LEAVE(p, NULL);
    GNode *n = node(p, E_IFEXP, peek(p));
    span_from(n, body);
    end_at(n, orelse);
    n->a = test;
    n->b = body;
    n->c = orelse;
    LEAVE(p, n);
}

GNode *px_named_expression(Parser *p)
{
    if (at(p, T_NAME) && peek_at(p, 1)->kind == T_COLONEQUAL) {
        GToken *t = advance(p);
        advance(p);
        GNode *target = node(p, E_NAME, t);
        target->name = g_newref(t->value);
        target->op = CTX_STORE;
        GNode *v = px_expression(p);
        if (!v)
            return NULL;
        GNode *n = node(p, E_NAMEDEXPR, t);
        n->a = target;
        n->b = v;
        end_at(n, v);
        return n;
    }
    return px_expression(p);
}

GNode *px_star_expr_or_expr(Parser *p)
{
    if (at(p, T_STAR)) {
        GToken *t = advance(p);
        GNode *v = px_bitor_expr(p);
        if (!v)
            return NULL;
        GNode *n = node(p, E_STARRED, t);
        n->a = v;
        end_at(n, v);
        return n;
    }
    return px_named_expression(p);
}

bool px_starts_expression(GTokKind k)
{
    switch (k) {
    case T_NAME: case T_NUMBER: case T_STRING: case T_NONE: case T_TRUE: case T_FALSE:
    case T_ELLIPSIS: case T_LPAR: case T_LSQB: case T_LBRACE: case T_MINUS: case T_PLUS:
    case T_TILDE: case T_NOT: case T_LAMBDA: case T_STAR: case T_AWAIT:
        return true;
    default:
        return false;
    }
}

/* expr, expr, ... -> a tuple when there is a comma */
GNode *px_star_expressions(Parser *p)
{
    GNode *first = px_star_expr_or_expr(p);
    if (!first || !at(p, T_COMMA))
        return first;
    GNode *t = node(p, E_TUPLE, peek(p));
    span_from(t, first);
    list_push(p, &t->l1, first);
    end_at(t, first);
    while (accept(p, T_COMMA)) {
        if (!px_starts_expression(kind(p)))
            break;
        GNode *e = px_star_expr_or_expr(p);
        if (!e || !list_push(p, &t->l1, e))
            return NULL;
        end_at(t, e);
    }
    return t;
}

GNode *px_yield_expr(Parser *p)
{
    GToken *t = advance(p);  /* 'yield' */
    if (accept(p, T_FROM)) {
        GNode *v = px_expression(p);
        if (!v)
            return NULL;
        GNode *n = node(p, E_YIELDFROM, t);
        n->a = v;
        end_at(n, v);
        return n;
    }
    GNode *n = node(p, E_YIELD, t);
    if (px_starts_expression(kind(p))) {
        n->a = px_star_expressions(p);
        if (!n->a)
            return NULL;
        end_at(n, n->a);
    }
    return n;
}

/* ====================================================================================
 * Targets
 * ==================================================================================== */

const char *px_expr_description(GNode *n)
{
    switch (n->kind) {
    case E_CALL: return "function call";
    case E_CONST:
        if (n->name == G_NONE)
            return "None";
        if (n->name == G_TRUE)
            return "True";
        if (n->name == G_FALSE)
            return "False";
        if (n->name == G_ELLIPSIS)
            return "ellipsis";
        return "literal";
    case E_JOINEDSTR: return "f-string expression";
    case E_BINOP: case E_UNARY: return "expression";
    case E_BOOLOP: return "expression";
    case E_COMPARE: return "comparison";
    case E_LAMBDA: return "lambda";
    case E_IFEXP: return "conditional expression";
    case E_LISTCOMP: return "list comprehension";
    case E_SETCOMP: return "set comprehension";
    case E_DICTCOMP: return "dict comprehension";
    case E_GENEXP: return "generator expression";
    case E_DICT: return "dict literal";
    case E_SET: return "set display";
    case E_YIELD: case E_YIELDFROM: return "yield expression";
    case E_AWAIT: return "await expression";
    case E_NAMEDEXPR: return "named expression";
    default: return "expression";
    }
}

bool px_set_context(Parser *p, GNode *n, int ctx, bool in_assign)
{
    switch (n->kind) {
    case E_NAME:
        n->op = ctx;
        return true;
    case E_ATTR:
    case E_SUBSCRIPT:
        n->op = ctx;
        return true;
    case E_STARRED:
        if (ctx == CTX_DEL) {
            fail_at(p, &GExc_SyntaxError, n->line, n->col, n->end_line, n->end_col, "cannot delete starred");
            return false;
        }
        n->op = ctx;
        return px_set_context(p, n->a, ctx, in_assign);
    case E_TUPLE:
    case E_LIST: {
        n->op = ctx;
        int stars = 0;
        for (int i = 0; i < n->l1.n; i++) {
            if (n->l1.items[i]->kind == E_STARRED && ++stars > 1) {
                GNode *s = n->l1.items[i];
                fail_at(p, &GExc_SyntaxError, s->line, s->col, s->end_line, s->end_col, "multiple starred expressions in assignment");
                return false;
            }
            if (!px_set_context(p, n->l1.items[i], ctx, in_assign))
                return false;
        }
        return true;
    }
    default: {
        const char *what = px_expr_description(n);
        if (ctx == CTX_DEL)
            fail_at(p, &GExc_SyntaxError, n->line, n->col, n->end_line, n->end_col, "cannot delete %s", what);
        else if (in_assign)
            fail_at(p, &GExc_SyntaxError, n->line, n->col, n->end_line, n->end_col,
                    "cannot assign to %s here. Maybe you meant '==' instead of '='?", what);
        else
            fail_at(p, &GExc_SyntaxError, n->line, n->col, n->end_line, n->end_col, "cannot assign to %s", what);
        return false;
    }
    }
}

