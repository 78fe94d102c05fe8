/* ast.h -- the syntax tree the parser builds and the compiler walks.
 *
 * One struct serves every node; which fields a kind uses is listed below (fields
 * not listed are NULL/0).  Nodes live in an arena that is freed in one go after
 * compilation.  Every node records its source span (line, col .. end_line, end_col;
 * columns are byte offsets), which the compiler copies into each instruction so
 * tracebacks can point at the exact expression.
 *
 *   kind            a        b          c       name     l1          l2        l3       l4      op
 *   E_NAME                                      id                                              ctx
 *   E_CONST                                     value
 *   E_JOINEDSTR                                          parts
 *   E_FORMATTED     value    spec                                                               conv char
 *   E_TUPLE/LIST/SET                                     elts                                   ctx
 *   E_DICT                                               keys(NULL=**) values
 *   E_BINOP         left     right                                                              GBinOp
 *   E_UNARY         operand                                                                     U_*
 *   E_BOOLOP                                             values                                 B_AND/B_OR
 *   E_COMPARE       left                                 comparators                            (ints: ops)
 *   E_CALL          func                                 args      keywords(N_KEYWORD)
 *   E_ATTR          value                       attr                                            ctx
 *   E_SUBSCRIPT     value    slice                                                              ctx
 *   E_SLICE         lower    upper      step
 *   E_STARRED       value                                                                       ctx
 *   E_LAMBDA        args     body
 *   E_IFEXP         test     body       orelse
 *   E_LISTCOMP/SETCOMP/GENEXP elt                        generators
 *   E_DICTCOMP      key      value                       generators
 *   E_YIELD         value?;  E_YIELDFROM value;  E_NAMEDEXPR target value;  E_AWAIT value
 *   N_KEYWORD       value                       arg (NULL for **)
 *   N_COMPREHENSION target   iter                        ifs                                    (op 1: async for)
 *   S_EXPR          value;   S_RETURN value?;  S_DEL (l1 targets);  S_PASS/BREAK/CONTINUE
 *   S_ASSIGN        value                                targets
 *   S_AUGASSIGN     target   value                                                              GBinOp
 *   S_ANNASSIGN     target   annotation value?
 *   S_IF/S_WHILE    test                                 body      orelse
 *   S_FOR           target   iter                        body      orelse            (op 1: async)
 *   S_TRY                                                body      handlers  orelse   final
 *   N_HANDLER       type?                       name?    body
 *   S_WITH                                               items(N_WITHITEM) body     (op 1: async)
 *   N_WITHITEM      expr     vars?
 *   S_RAISE         exc?     cause?;   S_ASSERT test msg?
 *   S_GLOBAL/S_NONLOCAL                                  names(E_NAME)
 *   S_IMPORT                                             aliases(N_ALIAS)
 *   S_IMPORTFROM                                module   aliases                                level
 *   N_ALIAS                                     name  (name2: asname)
 *   S_FUNCDEF       args     returns?           name     body      decorators         (op 1: async)
 *   S_CLASSDEF                                  name     body      decorators bases  keywords
 *   N_ARGUMENTS     vararg   kwarg                       args      defaults  kwonly   kwdefaults  #posonly
 *   N_ARG           annotation?                 name
 *   N_MODULE                                             body
 *
 * E_BINOP and E_SUBSCRIPT also record an anchor (the operator, or the [...] part) for
 * CPython-style ~~~^^^ markers in tracebacks.
 */
#ifndef GILT_AST_H
#define GILT_AST_H

#include "objects/objects.h"

typedef enum {
    E_NAME, E_CONST, E_JOINEDSTR, E_FORMATTED, E_TUPLE, E_LIST, E_SET, E_DICT, E_BINOP,
    E_UNARY, E_BOOLOP, E_COMPARE, E_CALL, E_ATTR, E_SUBSCRIPT, E_SLICE, E_STARRED,
    E_LAMBDA, E_IFEXP, E_LISTCOMP, E_SETCOMP, E_DICTCOMP, E_GENEXP, E_YIELD, E_YIELDFROM,
    E_NAMEDEXPR, E_AWAIT,
    S_EXPR, S_ASSIGN, S_AUGASSIGN, S_ANNASSIGN, S_RETURN, S_DEL, S_PASS, S_BREAK,
    S_CONTINUE, S_IF, S_WHILE, S_FOR, S_TRY, S_WITH, S_RAISE, S_ASSERT, S_GLOBAL,
    S_NONLOCAL, S_IMPORT, S_IMPORTFROM, S_FUNCDEF, S_CLASSDEF,
    N_KEYWORD, N_COMPREHENSION, N_HANDLER, N_WITHITEM, N_ALIAS, N_ARGUMENTS, N_ARG, N_MODULE,
} GNodeKind;

enum { CTX_LOAD, CTX_STORE, CTX_DEL };
enum { U_NOT, U_NEG, U_POS, U_INVERT };
enum { B_AND, B_OR };
/* comparison operators beyond GCmpOp's six */
enum { C_IS = 6, C_ISNOT, C_IN, C_NOTIN };

typedef struct GNode GNode;
typedef struct { GNode **items; int n, cap; } GNodeList;

struct GNode {
    GNodeKind kind;
    int line, col, end_line, end_col;
    int anchor, anchor_end;        /* E_BINOP / E_SUBSCRIPT: marker columns */
    int oline, ocol, oend_line, oend_col;  /* extent including enclosing parentheses */
    int op;
    GObject *name, *name2;
    GNode *a, *b, *c;
    GNodeList l1, l2, l3, l4;
    int *ints;                     /* E_COMPARE: operators */
    void *scope;                   /* function/class/lambda/comprehension: its symtable scope */
    GNode *next_alloc;             /* arena chain */
};

typedef struct GArena { GNode *nodes; } GArena;

void g_arena_free(GArena *arena);

#endif
