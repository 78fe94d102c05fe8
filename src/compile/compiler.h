/* compiler.h -- source text to a code object (lexer -> parser -> symtable -> compiler). */
#ifndef GILT_COMPILER_H
#define GILT_COMPILER_H

#include "compile/lexer.h"
#include "objects/objects.h"

enum {
    G_COMPILE_FILE,     /* a module: statements */
    G_COMPILE_SINGLE,   /* the REPL: expression statements print their value */
    G_COMPILE_EVAL,     /* one expression, whose value is returned */
};

/* Or'ed into the mode for source made at run time (exec, eval): a program may compile
 * such text without end, so nothing it makes is immortal or deferred -- its code,
 * constants, functions and classes are counted and freed like any object (see
 * docs/architecture.md, "What lives forever"). */
#define G_COMPILE_DYNAMIC 0x100

/* Compile source.  NULL with *err describing the SyntaxError (or MemoryError /
 * RecursionError) on failure. */
GCode *g_compile(const char *src, size_t len, const char *filename, int mode, GSyntaxError *err);

/* Print a code object's bytecode, and that of every function inside it (dis.c). */
void g_disassemble(GCode *co, FILE *out);
/* One instruction as text, e.g. "STORE_ATTR balance" (the same in every run: no
 * addresses; long constants are cut). */
void g_dis_instruction(GCode *co, int ip, char *buf, size_t n);

#endif
