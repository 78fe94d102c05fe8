/* parse_expr.c -- the expression half of the parser.
 *
 * One function per precedence level, from the loosest-binding to the tightest:
 *
 *   lambda / ternary -> or -> and -> not -> comparison -> | -> ^ -> & -> << >>
 *   -> + - -> * / // % @ -> unary -> ** -> primary (atom with calls, subscripts,
 *   attributes)
 *
 * Binary levels loop rather than recurse, so long chains like 1 + 1 + ... + 1 cost
 * no C stack.  The atoms at the bottom -- names, literals and strings, parenthesised
 * forms, displays and comprehensions -- and the argument list of a call are parsed
 * by parse_atom.c (px_atom, px_call_trailer); primary() here adds the subscripts,
 * slices, attributes and calls that follow an atom.  (f-strings are split by
 * fstring.c.)  Assignment targets are parsed as expressions and then checked by
 * px_set_context, which is where "cannot assign to literal" comes from.
 */
#include "compile/parser_internal.h"

/* ====================================================================================
 * Expressions
 * ==================================================================================== */

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

static GNode *primary(Parser *p)
{
    ENTER(p);
    GNode *n = px_atom(p);
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

