/* parser_internal.h -- what the parts of the parser share.
 *
 * parser.c parses statements and holds the entry points; parse_expr.c parses
 * expressions, one precedence level at a time, and assignment targets; parse_atom.c
 * the atoms at the bottom of those levels (literals, displays, comprehensions) and
 * a call's arguments; fstring.c splits f-strings.  All use the token cursor and the
 * node constructors below.
 */
#ifndef GILT_PARSER_INTERNAL_H
#define GILT_PARSER_INTERNAL_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "compile/parser.h"
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

static inline GToken *peek(Parser *p) { return &p->t[p->pos]; }
static inline GToken *peek_at(Parser *p, size_t k) { return &p->t[p->pos + k < p->n ? p->pos + k : p->n - 1]; }
static inline GTokKind kind(Parser *p) { return p->t[p->pos].kind; }
static inline GToken *advance(Parser *p)
{
    GToken *t = &p->t[p->pos];
    if (p->pos + 1 < p->n)
        p->pos++;
    return t;
}
static inline bool at(Parser *p, GTokKind k) { return kind(p) == k; }
static inline bool accept(Parser *p, GTokKind k)
{
    if (kind(p) == k) {
        advance(p);
        return true;
    }
    return false;
}
static inline GToken *prev(Parser *p) { return &p->t[p->pos > 0 ? p->pos - 1 : 0]; }

static inline void *fail_at(Parser *p, GType *type, int line, int col, int end_line, int end_col, const char *fmt, ...)
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

static inline void *fail_tok(Parser *p, GToken *t, const char *msg)
{
    return fail_at(p, &GExc_SyntaxError, t->line, t->col, t->end_line, t->end_col, "%s", msg);
}

static inline void *invalid_syntax(Parser *p)
{
    GToken *t = peek(p);
    if (t->kind == T_INDENT)
        return fail_at(p, &GExc_IndentationError, t->line, -1, t->line, -1, "unexpected indent");
    if (t->kind == T_EOF || (t->kind == T_NEWLINE && t->len == 0))
        return fail_at(p, &GExc_SyntaxError, t->line, t->col, t->line, t->col + 1, "invalid syntax");
    return fail_tok(p, t, "invalid syntax");
}

static inline bool expect(Parser *p, GTokKind k)
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

static inline GNode *node(Parser *p, GNodeKind k, GToken *start)
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
static inline void span_from(GNode *n, GNode *first)
{
    n->line = n->oline = first->oline;
    n->col = n->ocol = first->ocol;
}

static inline void end_at_tok(GNode *n, GToken *t)
{
    n->end_line = n->oend_line = t->end_line;
    n->end_col = n->oend_col = t->end_col;
}

static inline void end_at(GNode *n, GNode *last)
{
    n->end_line = n->oend_line = last->oend_line;
    n->end_col = n->oend_col = last->oend_col;
}

static inline bool list_push(Parser *p, GNodeList *l, GNode *n)
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


static inline bool enter(Parser *p)
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

static inline GNode *make_const(Parser *p, GToken *t, GObject *v)
{
    GNode *n = node(p, E_CONST, t);
    if (n)
        n->name = g_newref(v);
    return n;
}

/* ---- rules shared between the expression and statement halves ---- */
GNode *px_expression(Parser *p);            /* a test: ternary or lambda */
GNode *px_star_expressions(Parser *p);      /* a, *b, c as a tuple */
GNode *px_named_expression(Parser *p);
GNode *px_star_expr_or_expr(Parser *p);
GNode *px_or_expr(Parser *p);
GNode *px_bitor_expr(Parser *p);
/* The target of `for` (statement or comprehension): names, tuples, one *star. */
GNode *px_for_target(Parser *p);
GNode *px_yield_expr(Parser *p);
GNode *px_call_trailer(Parser *p, GNode *func);
GNode *px_atom(Parser *p);                  /* a name, literal, display or comprehension */
GNode *px_parse_fstring(Parser *p, GToken *t);
GNode *px_lambda_params(Parser *p, GToken *t, GTokKind closer);
bool px_set_context(Parser *p, GNode *n, int ctx, bool in_assign);
bool px_starts_expression(GTokKind k);
const char *px_expr_description(GNode *n);

#endif
