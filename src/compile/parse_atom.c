/* parse_atom.c -- the expression parser's atoms: what stands at the bottom of
 * every precedence level in parse_expr.c.
 *
 *   x   42   "a" "b"   f"..."   None   ...   ( )   (x)   (x, y)   (x for x in s)
 *   [x, y]   [x for x in s]   {k: v}   {k: v for ...}   {x, y}   {x for ...}
 *   f(a, *b, k=v, **d)   f(x for x in s)
 *
 * px_atom parses one of these and parse_expr.c's primary() adds what follows it
 * (calls, subscripts, attributes); the argument list of a call is parsed here too,
 * by px_call_trailer, because it shares the display rules: a bare generator
 * expression, and CPython's "Perhaps you forgot a comma?" hint for two expressions
 * side by side in brackets.  Adjacent string literals are joined here (any f-string
 * among them is handed to fstring.c).  The items inside a display are whole
 * expressions, parsed by calling back into parse_expr.c (px_expression and its
 * siblings in parser_internal.h), so this file and that one recurse into each
 * other: parentheses are where the grammar starts over.
 *
 * Comprehensions live here with the displays that contain them: comprehension_tail
 * parses the `for target in iter if cond ...` clauses, and px_for_target the target,
 * which a `for` statement (parser.c) uses as well.
 */
#include "compile/parser_internal.h"

/* ====================================================================================
 * Atoms and displays
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

GNode *px_atom(Parser *p)
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

/* ---- comprehensions, and the targets of their `for` ---- */

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

/* ---- a call's arguments ---- */

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
