/* parser.c -- tokens to syntax tree, by recursive descent.
 *
 * One function per grammar rule, from the loosest-binding to the tightest:
 *
 *   statement -> compound (if/while/for/try/with/def/class/@) | simple (; separated)
 *   expression ladder:  lambda / ternary -> or -> and -> not -> comparison -> | -> ^ -> &
 *                       -> << >> -> + - -> * / // % @ -> unary -> ** -> await-less primary
 *                       -> atom with trailers (calls, subscripts, attributes)
 *
 * Assignment targets are parsed as expressions first and then checked and turned
 * into store/delete contexts (set_context), which is also where "cannot assign to
 * literal" comes from.  f-strings are split here: literal pieces become constants
 * and each {expression} is tokenized and parsed on its own, with its position
 * shifted to where it sits in the file.
 *
 * Every error fills a GSyntaxError with CPython's message and position and unwinds
 * by returning NULL.
 */
#include "compile/parser.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "debug.h"

typedef struct {
    GToken *t;
    size_t pos, n;
    GArena *arena;
    GSyntaxError *err;
    int depth;
    bool failed;
} Parser;

/* ====================================================================================
 * Helpers
 * ==================================================================================== */

static GToken *peek(Parser *p) { return &p->t[p->pos]; }
static GToken *peek_at(Parser *p, size_t k) { return &p->t[p->pos + k < p->n ? p->pos + k : p->n - 1]; }
static GTokKind kind(Parser *p) { return p->t[p->pos].kind; }
static GToken *advance(Parser *p)
{
    GToken *t = &p->t[p->pos];
    if (p->pos + 1 < p->n)
        p->pos++;
    return t;
}
static bool at(Parser *p, GTokKind k) { return kind(p) == k; }
static bool accept(Parser *p, GTokKind k)
{
    if (kind(p) == k) {
        advance(p);
        return true;
    }
    return false;
}
static GToken *prev(Parser *p) { return &p->t[p->pos > 0 ? p->pos - 1 : 0]; }

static void *fail_at(Parser *p, GType *type, int line, int col, int end_line, int end_col, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

static void *fail_at(Parser *p, GType *type, int line, int col, int end_line, int end_col, const char *fmt, ...)
{
    if (p->failed)
        return NULL;
    p->failed = true;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err->msg, sizeof p->err->msg, fmt, ap);
    va_end(ap);
    p->err->kind = type;
    p->err->line = line;
    p->err->col = col;
    p->err->end_line = end_line;
    p->err->end_col = end_col;
    return NULL;
}

static void *fail_tok(Parser *p, GToken *t, const char *msg)
{
    return fail_at(p, &GExc_SyntaxError, t->line, t->col, t->end_line, t->end_col, "%s", msg);
}

static void *invalid_syntax(Parser *p)
{
    GToken *t = peek(p);
    if (t->kind == T_INDENT)
        return fail_at(p, &GExc_IndentationError, t->line, -1, t->line, -1, "unexpected indent");
    if (t->kind == T_EOF || (t->kind == T_NEWLINE && t->len == 0))
        return fail_at(p, &GExc_SyntaxError, t->line, t->col, t->line, t->col + 1, "invalid syntax");
    return fail_tok(p, t, "invalid syntax");
}

static bool expect(Parser *p, GTokKind k)
{
    if (accept(p, k))
        return true;
    if (k == T_COLON) {
        GToken *t = prev(p);
        fail_at(p, &GExc_SyntaxError, t->end_line, t->end_col, t->end_line, t->end_col + 1, "expected ':'");
        return false;
    }
    invalid_syntax(p);
    return false;
}

static GNode *node(Parser *p, GNodeKind k, GToken *start)
{
    GNode *n = g_mem_calloc(1, sizeof(GNode));
    if (!n) {
        fail_at(p, &GExc_MemoryError, start->line, start->col, start->line, start->col, "out of memory");
        return NULL;
    }
    n->kind = k;
    n->line = start->line;
    n->col = start->col;
    n->end_line = start->end_line;
    n->end_col = start->end_col;
    n->oline = n->line;
    n->ocol = n->col;
    n->oend_line = n->end_line;
    n->oend_col = n->end_col;
    n->next_alloc = p->arena->nodes;
    p->arena->nodes = n;
    return n;
}

/* A node's span runs from its first child's extent to its last child's extent;
 * the extent of a parenthesised child includes its parentheses, as in CPython. */
static void span_from(GNode *n, GNode *first)
{
    n->line = n->oline = first->oline;
    n->col = n->ocol = first->ocol;
}

static void end_at_tok(GNode *n, GToken *t)
{
    n->end_line = n->oend_line = t->end_line;
    n->end_col = n->oend_col = t->end_col;
}

static void end_at(GNode *n, GNode *last)
{
    n->end_line = n->oend_line = last->oend_line;
    n->end_col = n->oend_col = last->oend_col;
}

static bool list_push(Parser *p, GNodeList *l, GNode *n)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 4;
        GNode **items = g_mem_realloc(l->items, (size_t)cap * sizeof(GNode *));
        if (!items) {
            fail_at(p, &GExc_MemoryError, 0, 0, 0, 0, "out of memory");
            return false;
        }
        l->items = items;
        l->cap = cap;
    }
    l->items[l->n++] = n;
    return true;
}

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

static bool enter(Parser *p)
{
    if (++p->depth > GILT_MAX_PARSE_DEPTH * 3) {
        GToken *t = peek(p);
        fail_at(p, &GExc_RecursionError, t->line, t->col, t->line, t->col, "maximum recursion depth exceeded during compilation");
        return false;
    }
    return true;
}
#define ENTER(p) do { if (!enter(p)) return NULL; } while (0)
#define LEAVE(p, r) do { (p)->depth--; return (r); } while (0)

/* ====================================================================================
 * Expressions
 * ==================================================================================== */

static GNode *expression(Parser *p);            /* test: ternary or lambda */
static GNode *star_expressions(Parser *p);      /* a, *b, c as a tuple */
static GNode *named_expression(Parser *p);
static GNode *or_expr(Parser *p);
static GNode *bitor_expr(Parser *p);
static GNode *parse_fstring(Parser *p, GToken *t);
static bool set_context(Parser *p, GNode *n, int ctx, bool in_assign);

static GNode *make_const(Parser *p, GToken *t, GObject *v)
{
    GNode *n = node(p, E_CONST, t);
    if (n)
        n->name = g_newref(v);
    return n;
}

/* Adjacent string literals concatenate; any f-string among them makes the whole a
 * JoinedStr. */
static GNode *strings(Parser *p)
{
    GToken *first = peek(p);
    bool any_f = false;
    size_t k = 0;
    while (peek_at(p, k)->kind == T_STRING) {
        any_f = any_f || peek_at(p, k)->fstring;
        k++;
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
            GNode *part = parse_fstring(p, last);
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
static GNode *yield_expr(Parser *p);
static GNode *star_expr_or_expr(Parser *p);
static bool starts_expression(GTokKind k);

/* Inside brackets, two expressions side by side are almost always a missing comma:
 * say so, underlining both (CPython's hint). */
static GNode *check_missing_comma(Parser *p, GNode *e)
{
    if (!e || p->failed || !starts_expression(kind(p)) || at(p, T_STAR) || at(p, T_LAMBDA) || at(p, T_NOT) ||
        at(p, T_MINUS) || at(p, T_PLUS) || at(p, T_TILDE))
        return e;
    if (e->kind == E_NAME && at(p, T_STRING))
        return e;     /* print "x": left to the general error */
    GNode *b = or_expr(p);
    if (!b)
        return NULL;
    return fail_at(p, &GExc_SyntaxError, e->line, e->col, b->end_line, b->end_col, "invalid syntax. Perhaps you forgot a comma?");
}
static GNode *call_trailer(Parser *p, GNode *func);

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
            GNode *y = yield_expr(p);
            if (!y)
                return NULL;
            if (!at(p, T_RPAR))
                return invalid_syntax(p);
            advance(p);
            return y;
        }
        GNode *first = star_expr_or_expr(p);
        if (!first)
            return NULL;
        if (at(p, T_FOR)) {
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
        while (accept(p, T_COMMA)) {
            if (at(p, T_RPAR))
                break;
            GNode *e = star_expr_or_expr(p);
            if (!e || !list_push(p, &tup->l1, e))
                return NULL;
        }
        if (!at(p, T_RPAR))
            return invalid_syntax(p);
        end_at_tok(tup, advance(p));
        return tup;
    }
    case T_LSQB: {
        advance(p);
        GNode *l = node(p, E_LIST, t);
        if (accept(p, T_RSQB)) {
            end_at_tok(l, prev(p));
            return l;
        }
        GNode *first = star_expr_or_expr(p);
        if (!first)
            return NULL;
        if (at(p, T_FOR)) {
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
        while (accept(p, T_COMMA)) {
            if (at(p, T_RSQB))
                break;
            GNode *e = star_expr_or_expr(p);
            if (!e || !list_push(p, &l->l1, e))
                return NULL;
        }
        if (!at(p, T_RSQB))
            return invalid_syntax(p);
        end_at_tok(l, advance(p));
        return l;
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
            v = bitor_expr(p);
            if (!v)
                return NULL;
        } else if (at(p, T_STAR)) {
            d->kind = E_SET;
        } else {
            k = named_expression(p);
            if (!k)
                return NULL;
            if (accept(p, T_COLON)) {
                v = expression(p);
                if (!v)
                    return NULL;
            } else {
                d->kind = E_SET;
            }
        }
        if (d->kind == E_DICT) {
            if (k && at(p, T_FOR)) {
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
                    GNode *vv = bitor_expr(p);
                    if (!vv || !list_push(p, &d->l1, NULL) || !list_push(p, &d->l2, vv))
                        return NULL;
                    continue;
                }
                GNode *kk = expression(p);
                if (!kk)
                    return NULL;
                if (!expect(p, T_COLON))
                    return NULL;
                GNode *vv = expression(p);
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
            GNode *sv = bitor_expr(p);
            if (!sv)
                return NULL;
            first = node(p, E_STARRED, st);
            first->a = sv;
            end_at(first, sv);
        }
        if (at(p, T_FOR)) {
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
                GNode *sv = bitor_expr(p);
                if (!sv)
                    return NULL;
                e = node(p, E_STARRED, st);
                e->a = sv;
                end_at(e, sv);
            } else {
                e = named_expression(p);
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
static GNode *comprehension_tail(Parser *p, GNode *n)
{
    while (at(p, T_FOR)) {
        GToken *ft = advance(p);
        GNode *c = node(p, N_COMPREHENSION, ft);
        /* the target: a comma-separated list of bitor expressions */
        GNode *first = bitor_expr(p);
        if (!first)
            return NULL;
        GNode *target = first;
        if (at(p, T_COMMA)) {
            target = node(p, E_TUPLE, ft);
            span_from(target, first);
            list_push(p, &target->l1, first);
            while (accept(p, T_COMMA)) {
                if (at(p, T_IN))
                    break;
                GNode *e = bitor_expr(p);
                if (!e || !list_push(p, &target->l1, e))
                    return NULL;
            }
            end_at_tok(target, prev(p));
        }
        if (!set_context(p, target, CTX_STORE, false))
            return NULL;
        c->a = target;
        if (!expect(p, T_IN))
            return NULL;
        c->b = or_expr(p);
        if (!c->b)
            return NULL;
        while (at(p, T_IF)) {
            advance(p);
            GNode *cond = or_expr(p);
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
        lower = named_expression(p);
        if (!lower)
            return NULL;
        if (!at(p, T_COLON))
            return lower;
    }
    GNode *s = node(p, E_SLICE, t);
    advance(p);  /* ':' */
    if (!at(p, T_COLON) && !at(p, T_RSQB) && !at(p, T_COMMA)) {
        upper = expression(p);
        if (!upper)
            return NULL;
    }
    if (accept(p, T_COLON)) {
        if (!at(p, T_RSQB) && !at(p, T_COMMA)) {
            step = expression(p);
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

static GNode *call_trailer(Parser *p, GNode *func)
{
    GToken *lp = advance(p);  /* '(' */
    GNode *c = node(p, E_CALL, lp);
    span_from(c, func);
    c->a = func;
    bool seen_kw = false;
    while (!at(p, T_RPAR)) {
        GToken *t = peek(p);
        if (accept(p, T_STAR)) {
            GNode *v = expression(p);
            if (!v)
                return NULL;
            GNode *st = node(p, E_STARRED, t);
            st->a = v;
            end_at(st, v);
            if (!list_push(p, &c->l1, st))
                return NULL;
        } else if (accept(p, T_DOUBLESTAR)) {
            GNode *v = expression(p);
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
            GNode *v = expression(p);
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
            GNode *e = named_expression(p);
            if (!e)
                return NULL;
            if (at(p, T_FOR)) {
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
            n = call_trailer(p, n);
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

static GNode *power(Parser *p)
{
    GNode *base = primary(p);
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
static GNode *bitor_expr(Parser *p)
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
    GNode *left = bitor_expr(p);
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
        GNode *right = bitor_expr(p);
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
static GNode *or_expr(Parser *p) { return boolop(p, and_test, T_OR, B_OR); }

static GNode *lambda_params(Parser *p, GToken *t, GTokKind closer);

static GNode *expression(Parser *p)
{
    ENTER(p);
    if (at(p, T_LAMBDA)) {
        GToken *t = advance(p);
        GNode *args = lambda_params(p, t, T_COLON);
        if (!args || !expect(p, T_COLON))
            LEAVE(p, NULL);
        GNode *body = expression(p);
        if (!body)
            LEAVE(p, NULL);
        GNode *n = node(p, E_LAMBDA, t);
        n->a = args;
        n->b = body;
        end_at(n, body);
        LEAVE(p, n);
    }
    GNode *body = or_expr(p);
    if (!body || !at(p, T_IF))
        LEAVE(p, body);
    advance(p);
    GNode *test = or_expr(p);
    if (!test)
        LEAVE(p, NULL);
    if (!at(p, T_ELSE)) {
        GToken *t = peek(p);
        LEAVE(p, fail_at(p, &GExc_SyntaxError, body->line, body->col, t->end_line, t->end_col, "expected 'else' after 'if' expression"));
    }
    advance(p);
    GNode *orelse = expression(p);
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

static GNode *named_expression(Parser *p)
{
    if (at(p, T_NAME) && peek_at(p, 1)->kind == T_COLONEQUAL) {
        GToken *t = advance(p);
        advance(p);
        GNode *target = node(p, E_NAME, t);
        target->name = g_newref(t->value);
        target->op = CTX_STORE;
        GNode *v = expression(p);
        if (!v)
            return NULL;
        GNode *n = node(p, E_NAMEDEXPR, t);
        n->a = target;
        n->b = v;
        end_at(n, v);
        return n;
    }
    return expression(p);
}

static GNode *star_expr_or_expr(Parser *p)
{
    if (at(p, T_STAR)) {
        GToken *t = advance(p);
        GNode *v = bitor_expr(p);
        if (!v)
            return NULL;
        GNode *n = node(p, E_STARRED, t);
        n->a = v;
        end_at(n, v);
        return n;
    }
    return named_expression(p);
}

static bool starts_expression(GTokKind k)
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
static GNode *star_expressions(Parser *p)
{
    GNode *first = star_expr_or_expr(p);
    if (!first || !at(p, T_COMMA))
        return first;
    GNode *t = node(p, E_TUPLE, peek(p));
    span_from(t, first);
    list_push(p, &t->l1, first);
    end_at(t, first);
    while (accept(p, T_COMMA)) {
        if (!starts_expression(kind(p)))
            break;
        GNode *e = star_expr_or_expr(p);
        if (!e || !list_push(p, &t->l1, e))
            return NULL;
        end_at(t, e);
    }
    return t;
}

static GNode *yield_expr(Parser *p)
{
    GToken *t = advance(p);  /* 'yield' */
    if (accept(p, T_FROM)) {
        GNode *v = expression(p);
        if (!v)
            return NULL;
        GNode *n = node(p, E_YIELDFROM, t);
        n->a = v;
        end_at(n, v);
        return n;
    }
    GNode *n = node(p, E_YIELD, t);
    if (starts_expression(kind(p))) {
        n->a = star_expressions(p);
        if (!n->a)
            return NULL;
        end_at(n, n->a);
    }
    return n;
}

/* ====================================================================================
 * f-strings
 * ==================================================================================== */

GNode *g_parse_expression_text(const char *text, size_t len, int line, int col, GArena *arena,
                               GSyntaxError *err);

/* Split an f-string body into constants and formatted values. */
static GNode *fstring_body(Parser *p, GToken *t, const char *s, size_t n, int line, int col, int depth)
{
    GNode *j = node(p, E_JOINEDSTR, t);
    if (!j)
        return NULL;
    GBuf lit;
    g_buf_init(&lit);
    size_t i = 0;
    int cur_line = line, cur_col = col;
#define FLUSH_LITERAL() do { \
        if (lit.len) { \
            GObject *raw = g_buf_finish(&lit); \
            g_buf_init(&lit); \
            if (!raw) return fail_tok(p, t, "out of memory"); \
            GObject *val = raw; \
            if (!t->raw) { \
                GBuf d; g_buf_init(&d); char m[200]; \
                if (g_decode_escapes(g_str_data(raw), (size_t)g_str_nbytes(raw), &d, m, sizeof m) < 0) { \
                    g_buf_free(&d); g_decref(raw); return fail_tok(p, t, m); } \
                val = g_buf_finish(&d); g_decref(raw); \
                if (!val) return fail_tok(p, t, "out of memory"); \
            } \
            GNode *c = make_const(p, t, val); g_decref(val); \
            if (!c || !list_push(p, &j->l1, c)) return NULL; \
        } \
    } while (0)
    while (i < n) {
        char c = s[i];
        if (c == '\n') {
            cur_line++;
            cur_col = -1;
        }
        if (c == '{') {
            if (i + 1 < n && s[i + 1] == '{') {
                g_buf_putc(&lit, '{');
                i += 2;
                cur_col += 2;
                continue;
            }
            FLUSH_LITERAL();
            /* find the end of the expression: a top-level '}', '!' or ':' */
            size_t e = i + 1;
            int nest = 0;
            char quote = 0;
            for (; e < n; e++) {
                char d = s[e];
                if (quote) {
                    if (d == quote)
                        quote = 0;
                    continue;
                }
                if (d == '\'' || d == '"') {
                    quote = d;
                    continue;
                }
                if (d == '(' || d == '[' || d == '{')
                    nest++;
                else if ((d == ')' || d == ']' || d == '}') && nest > 0)
                    nest--;
                else if (nest == 0 && (d == '}' || d == ':' ||
                                       (d == '!' && e + 1 < n && s[e + 1] != '=')))
                    break;
                else if (nest == 0 && d == '=' && e + 1 < n && s[e + 1] != '=' && e > i + 1 &&
                         !strchr("=!<>", s[e - 1])) {
                    size_t w = e + 1;
                    while (w < n && (s[w] == ' ' || s[w] == '\t'))
                        w++;
                    if (w < n && (s[w] == '}' || s[w] == '!' || s[w] == ':'))
                        break;
                }
            }
            if (e >= n) {
                g_buf_free(&lit);
                return fail_at(p, &GExc_SyntaxError, t->end_line, t->end_col, t->end_line, t->end_col + 1, "f-string: expecting '}'");
            }
            size_t expr_start = i + 1, expr_end = e;
            bool debug = false;
            size_t debug_end = e;
            if (s[e] == '=') {
                debug = true;
                e++;
                while (e < n && (s[e] == ' ' || s[e] == '\t'))
                    e++;
                debug_end = e;
            }
            /* the expression must not be empty */
            bool blank = true;
            for (size_t k = expr_start; k < expr_end; k++)
                if (s[k] != ' ' && s[k] != '\t' && s[k] != '\n')
                    blank = false;
            if (blank) {
                g_buf_free(&lit);
                return fail_at(p, &GExc_SyntaxError, t->end_line, t->end_col, t->end_line, t->end_col + 1, "f-string: empty expression not allowed");
            }
            GNode *value = g_parse_expression_text(s + expr_start, expr_end - expr_start, cur_line,
                                                   cur_col + 1, p->arena, p->err);
            if (!value) {
                p->failed = true;
                g_buf_free(&lit);
                return NULL;
            }
            int conv = 0;
            if (e < n && s[e] == '!') {
                if (e + 1 >= n || !strchr("rsa", s[e + 1])) {
                    g_buf_free(&lit);
                    return fail_at(p, &GExc_SyntaxError, t->line, t->col, t->end_line, t->end_col,
                                   "f-string: invalid conversion character: expected 's', 'r', or 'a'");
                }
                conv = s[e + 1];
                e += 2;
            }
            GNode *spec = NULL;
            if (e < n && s[e] == ':') {
                size_t ss = ++e;
                int lvl = 0;
                for (; e < n; e++) {
                    if (s[e] == '{')
                        lvl++;
                    else if (s[e] == '}') {
                        if (lvl == 0)
                            break;
                        lvl--;
                    }
                }
                if (depth >= 2) {
                    g_buf_free(&lit);
                    return fail_tok(p, t, "f-string: expressions nested too deeply");
                }
                spec = fstring_body(p, t, s + ss, e - ss, cur_line, cur_col, depth + 1);
                if (!spec) {
                    g_buf_free(&lit);
                    return NULL;
                }
            }
            if (e >= n || s[e] != '}') {
                g_buf_free(&lit);
                return fail_at(p, &GExc_SyntaxError, t->end_line, t->end_col, t->end_line, t->end_col + 1, "f-string: expecting '}'");
            }
            if (debug) {
                /* the text shown is the expression, the '=' and the spaces around it */
                GObject *dt = g_str_new(s + expr_start, debug_end - expr_start);
                if (!dt)
                    return fail_tok(p, t, "out of memory");
                GNode *c2 = make_const(p, t, dt);
                g_decref(dt);
                if (!c2 || !list_push(p, &j->l1, c2))
                    return NULL;
                if (!conv && !spec)
                    conv = 'r';
            }
            GNode *f = node(p, E_FORMATTED, t);
            f->a = value;
            f->b = spec;
            f->op = conv;
            if (!list_push(p, &j->l1, f))
                return NULL;
            cur_col += (int)(e + 1 - i);
            i = e + 1;
            continue;
        }
        if (c == '}') {
            if (i + 1 < n && s[i + 1] == '}') {
                g_buf_putc(&lit, '}');
                i += 2;
                cur_col += 2;
                continue;
            }
            g_buf_free(&lit);
            return fail_at(p, &GExc_SyntaxError, t->end_line, t->end_col, t->end_line, t->end_col + 1, "f-string: single '}' is not allowed");
        }
        g_buf_putc(&lit, c);
        i++;
        cur_col++;
    }
    FLUSH_LITERAL();
#undef FLUSH_LITERAL
    return j;
}

static GNode *parse_fstring(Parser *p, GToken *t)
{
    return fstring_body(p, t, g_str_data(t->value), (size_t)g_str_nbytes(t->value), t->body_line, t->body_col, 0);
}

/* ====================================================================================
 * Targets
 * ==================================================================================== */

static const char *expr_description(GNode *n)
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
    case E_NAMEDEXPR: return "named expression";
    default: return "expression";
    }
}

static bool set_context(Parser *p, GNode *n, int ctx, bool in_assign)
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
        return set_context(p, n->a, ctx, in_assign);
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
            if (!set_context(p, n->l1.items[i], ctx, in_assign))
                return false;
        }
        return true;
    }
    default: {
        const char *what = expr_description(n);
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
                if (allow_annotations && accept(p, T_COLON) && !expression(p))
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
            if (allow_annotations && accept(p, T_COLON) && !expression(p))
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
            if (allow_annotations && accept(p, T_COLON) && !expression(p))
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
                dflt = expression(p);
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

static GNode *lambda_params(Parser *p, GToken *t, GTokKind closer)
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
    if (accept(p, T_RARROW) && !expression(p))
        return NULL;
    GNode *f = node(p, S_FUNCDEF, t);
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
        GNode *call = call_trailer(p, dummy);
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
    n->a = named_expression(p);
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
    n->a = named_expression(p);
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
    /* the target stops at 'in': parse it at the bitor level */
    GNode *first;
    if (at(p, T_STAR)) {
        GToken *st = advance(p);
        GNode *v = bitor_expr(p);
        if (!v)
            return NULL;
        first = node(p, E_STARRED, st);
        first->a = v;
        end_at(first, v);
    } else {
        first = bitor_expr(p);
    }
    if (!first)
        return NULL;
    GNode *target = first;
    if (at(p, T_COMMA)) {
        target = node(p, E_TUPLE, peek(p));
        span_from(target, first);
        list_push(p, &target->l1, first);
        while (accept(p, T_COMMA)) {
            if (at(p, T_IN))
                break;
            GNode *e = bitor_expr(p);
            if (!e || !list_push(p, &target->l1, e))
                return NULL;
        }
        end_at_tok(target, prev(p));
    }
    if (!set_context(p, target, CTX_STORE, false))
        return NULL;
    n->a = target;
    if (!expect(p, T_IN))
        return NULL;
    n->b = star_expressions(p);
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
            h->a = expression(p);
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
        item->a = expression(p);
        if (!item->a)
            return NULL;
        if (accept(p, T_AS)) {
            GNode *target = star_expr_or_expr(p);
            if (!target || !set_context(p, target, CTX_STORE, false))
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
    GNode *first = at(p, T_YIELD) ? yield_expr(p) : star_expressions(p);
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
                           "'%s' is an illegal expression for augmented assignment", expr_description(first));
        }
        (void)opt;
        first->op = CTX_STORE;
        GNode *v = at(p, T_YIELD) ? yield_expr(p) : star_expressions(p);
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
        GNode *ann = expression(p);
        if (!ann)
            return NULL;
        GNode *n = node(p, S_ANNASSIGN, t);
        first->op = CTX_STORE;
        n->a = first;
        n->b = ann;
        if (accept(p, T_EQUAL)) {
            n->c = at(p, T_YIELD) ? yield_expr(p) : star_expressions(p);
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
        if (!set_context(p, value, CTX_STORE, true))
            return NULL;
        if (!list_push(p, &n->l1, value))
            return NULL;
        value = at(p, T_YIELD) ? yield_expr(p) : star_expressions(p);
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
            n->a = star_expressions(p);
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
            n->a = expression(p);
            if (!n->a)
                return NULL;
            end_at(n, n->a);
            if (accept(p, T_FROM)) {
                n->b = expression(p);
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
            GNode *target = bitor_expr(p);
            if (!target || !set_context(p, target, CTX_DEL, false) || !list_push(p, &n->l1, target))
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
        n->a = expression(p);
        if (!n->a)
            return NULL;
        if (accept(p, T_COMMA)) {
            n->b = expression(p);
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
            GNode *d = named_expression(p);
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
        else if (at(p, T_CLASS))
            n = classdef(p, &decorators);
        else {
            invalid_syntax(p);
            g_mem_free(decorators.items);
            return false;
        }
        break;
    case T_ASYNC: case T_AWAIT:
        fail_tok(p, t, "async and await are not supported by gilt");
        return false;
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
    GNode *e = star_expressions(&p);
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
