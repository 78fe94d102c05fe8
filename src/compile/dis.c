/* dis.c -- the disassembler behind `gilt --dis file.py`.
 *
 * Prints each code object as a table, one instruction per line, in the spirit of
 * Python's dis module:
 *
 *   line  offset  OPNAME               arg  (what the arg means)
 *
 * Jump targets are marked with >>, and nested code objects (functions, classes,
 * comprehensions) follow their parent.  Looking at `count += 1` here shows the four
 * separate steps a thread switch can fall between.
 */
#include "compile/compiler.h"
#include "compile/opcodes.h"

static const char *const binop_names[NB_COUNT] = { "+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "@" };
static const char *const cmp_names[6] = { "<", "<=", "==", "!=", ">", ">=" };

static void describe(GCode *co, int op, uint32_t arg, FILE *out)
{
    GObject *r = NULL;
    switch (op) {
    case OP_LOAD_CONST:
        r = g_repr(G_TUPLE_ITEM(co->consts, arg));
        break;
    case OP_LOAD_FAST: case OP_STORE_FAST: case OP_DELETE_FAST:
        fprintf(out, "(%s)", g_str_data(G_TUPLE_ITEM(co->varnames, arg)));
        return;
    case OP_LOAD_DEREF: case OP_STORE_DEREF: case OP_DELETE_DEREF: case OP_LOAD_CLOSURE: case OP_LOAD_CLASSDEREF: {
        GObject *name = (int64_t)arg < G_TUPLE_SIZE(co->cellvars) ? G_TUPLE_ITEM(co->cellvars, arg)
                                                                   : G_TUPLE_ITEM(co->freevars, arg - (uint32_t)G_TUPLE_SIZE(co->cellvars));
        fprintf(out, "(%s)", g_str_data(name));
        return;
    }
    case OP_LOAD_GLOBAL: case OP_STORE_GLOBAL: case OP_DELETE_GLOBAL: case OP_LOAD_NAME: case OP_STORE_NAME:
    case OP_DELETE_NAME: case OP_LOAD_ATTR: case OP_STORE_ATTR: case OP_DELETE_ATTR: case OP_LOAD_METHOD:
    case OP_IMPORT_NAME: case OP_IMPORT_FROM:
        fprintf(out, "(%s)", g_str_data(G_TUPLE_ITEM(co->names, arg)));
        return;
    case OP_BINARY_OP:
        fprintf(out, "(%s)", arg < NB_COUNT ? binop_names[arg] : "?");
        return;
    case OP_INPLACE_OP:
        fprintf(out, "(%s=)", arg < NB_COUNT ? binop_names[arg] : "?");
        return;
    case OP_COMPARE_OP:
        fprintf(out, "(%s)", arg < 6 ? cmp_names[arg] : "?");
        return;
    case OP_IS_OP:
        fprintf(out, "(%s)", arg ? "is not" : "is");
        return;
    case OP_CONTAINS_OP:
        fprintf(out, "(%s)", arg ? "not in" : "in");
        return;
    default:
        if (g_op_is_jump(op))
            fprintf(out, "(to %u)", arg);
        return;
    }
    if (r) {
        fprintf(out, "(%s)", g_str_data(r));
        g_decref(r);
    } else {
        g_err_clear();
    }
}

void g_disassemble(GCode *co, FILE *out)
{
    fprintf(out, "Disassembly of <code object %s at %p, file \"%s\", line %d>:\n", g_str_data(co->name),
            (void *)co, g_str_data(co->filename), co->firstlineno);
    bool *target = g_mem_calloc((size_t)co->ncode + 1, sizeof(bool));
    for (int i = 0; i < co->ncode; i++) {
        int op = (int)G_OP(co->code[i]);
        if (g_op_is_jump(op) && target)
            target[G_ARG(co->code[i])] = true;
    }
    int last_line = -1;
    for (int i = 0; i < co->ncode; i++) {
        int op = (int)G_OP(co->code[i]);
        uint32_t arg = G_ARG(co->code[i]);
        int line = co->locs[i].line;
        if (line != last_line) {
            if (i > 0)
                fputc('\n', out);
            fprintf(out, "%4d ", line);
            last_line = line;
        } else {
            fprintf(out, "     ");
        }
        fprintf(out, "%s %5d %-22s", target && target[i] ? ">>" : "  ", i, g_opcode_names[op]);
        if (g_opcode_argkind[op][0]) {
            fprintf(out, " %4u ", arg);
            describe(co, op, arg, out);
        }
        fputc('\n', out);
    }
    g_mem_free(target);
    for (int64_t i = 0; i < G_TUPLE_SIZE(co->consts); i++) {
        GObject *k = G_TUPLE_ITEM(co->consts, i);
        if (G_TYPE(k) == &GCode_type) {
            fputc('\n', out);
            g_disassemble((GCode *)k, out);
        }
    }
}
