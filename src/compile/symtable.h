/* symtable.h -- which scope every name belongs to.
 *
 * Before generating code, the compiler walks the tree once to build a scope for the
 * module, every class body, function, lambda and comprehension, and to record how
 * each name is used there.  Then it resolves each name, as Python does:
 *
 *   declared global            -> GLOBAL_EXPLICIT
 *   declared nonlocal          -> FREE (must be bound in an enclosing function)
 *   bound here (assigned, a parameter, def/class/import/for/except/with target)
 *                              -> LOCAL, or CELL if an inner function uses it
 *   bound in an enclosing function
 *                              -> FREE
 *   otherwise                  -> GLOBAL_IMPLICIT (globals, then builtins)
 *
 * Class bodies are skipped when resolving names for functions nested in them; a
 * method that says `super` gets the implicit __class__ cell of its class.
 */
#ifndef GILT_SYMTABLE_H
#define GILT_SYMTABLE_H

#include "compile/ast.h"
#include "compile/lexer.h"

enum { SC_MODULE, SC_CLASS, SC_FUNCTION };

/* usage flags */
#define DEF_LOCAL    0x01
#define DEF_PARAM    0x02
#define DEF_GLOBAL   0x04
#define DEF_NONLOCAL 0x08
#define USE          0x10
/* resolved scope, in bits 8.. */
#define SCOPE_SHIFT 8
enum { SCOPE_NONE, SCOPE_LOCAL, SCOPE_GLOBAL_EXPLICIT, SCOPE_GLOBAL_IMPLICIT, SCOPE_FREE, SCOPE_CELL };

typedef struct GScope GScope;
struct GScope {
    int kind;
    GObject *name;            /* str */
    GObject *symbols;         /* dict: name -> int (flags | scope << SCOPE_SHIFT) */
    GObject *varnames;        /* list: parameters first, then other locals */
    GObject *cellvars;        /* list */
    GObject *freevars;        /* list */
    GScope *parent;
    GScope **children;
    int nchildren, cap;
    bool generator, comprehension, varargs, varkw, needs_class_cell, uses_super;
    bool coroutine;           /* async def (with generator: an async generator) */
    int argcount, kwonlyargcount, posonlyargcount;
    int lineno;
    GNode **nonlocals;        /* the nonlocal statements, for error positions */
    GNode *comprehension_node;  /* a comprehension's own node, for error positions */
    int nnonlocals;
};

/* Build and resolve the scopes for a module.  Returns the module scope, or NULL
 * with *err filled in.  g_symtable_free releases every scope. */
GScope *g_symtable_build(GNode *module, GSyntaxError *err);
void g_symtable_free(GScope *s);
int g_scope_of(GScope *s, GObject *name);   /* SCOPE_* */

#endif
