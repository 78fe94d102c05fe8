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
#include <string.h>

#include "compile/compiler.h"
#include "compile/opcodes.h"

static const char *const binop_names[NB_COUNT] = { "+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "@" };
static const char *const cmp_names[6] = { "<", "<=", "==", "!=", ">", ">=" };

/* What an instruction's argument means, into buf ("" if nothing to say).  stable:
 * the same text in every run (no addresses, long constants cut), for the notes the
 * scheduler compares when it replays a schedule (vm/step.c); else as dis shows it. */
static void describe_arg(GCode *co, int op, uint32_t arg, char *buf, size_t n, bool stable)
{
    buf[0] = 0;
    switch (op) {
    case OP_LOAD_CONST: {
        GObject *k = G_TUPLE_ITEM(co->consts, arg);
        if (stable && G_TYPE(k) == &GCode_type) {
            snprintf(buf, n, "<code %s>", g_str_data(((GCode *)k)->name));
            return;
        }
        GObject *r = g_repr(k);
        if (!r) {
            g_err_clear();
            return;
        }
        const char *t = g_str_data(r);
        if (stable && strlen(t) > 40)
            snprintf(buf, n, "%.37s...", t);
        else
            snprintf(buf, n, "%s", t);
        g_decref(r);
        return;
    }
    case OP_LOAD_FAST: case OP_STORE_FAST: case OP_DELETE_FAST:
        snprintf(buf, n, "%s", g_str_data(G_TUPLE_ITEM(co->varnames, arg)));
        return;
    case OP_LOAD_DEREF: case OP_STORE_DEREF: case OP_DELETE_DEREF: case OP_LOAD_CLOSURE: case OP_LOAD_CLASSDEREF: {
        GObject *name = (int64_t)arg < G_TUPLE_SIZE(co->cellvars) ? G_TUPLE_ITEM(co->cellvars, arg)
                                                                   : G_TUPLE_ITEM(co->freevars, arg - (uint32_t)G_TUPLE_SIZE(co->cellvars));
        snprintf(buf, n, "%s", g_str_data(name));
        return;
    }
    case OP_LOAD_GLOBAL: case OP_STORE_GLOBAL: case OP_DELETE_GLOBAL: case OP_LOAD_NAME: case OP_STORE_NAME:
    case OP_DELETE_NAME: case OP_LOAD_ATTR: case OP_STORE_ATTR: case OP_DELETE_ATTR: case OP_LOAD_METHOD:
    case OP_IMPORT_NAME: case OP_IMPORT_FROM:
        snprintf(buf, n, "%s", g_str_data(G_TUPLE_ITEM(co->names, arg)));
        return;
    case OP_BINARY_OP:
        snprintf(buf, n, "%s", arg < NB_COUNT ? binop_names[arg] : "?");
        return;
    case OP_INPLACE_OP:
        snprintf(buf, n, "%s=", arg < NB_COUNT ? binop_names[arg] : "?");
        return;
    case OP_COMPARE_OP:
        snprintf(buf, n, "%s", arg < 6 ? cmp_names[arg] : "?");
        return;
    case OP_IS_OP:
        snprintf(buf, n, "%s", arg ? "is not" : "is");
        return;
    case OP_CONTAINS_OP:
        snprintf(buf, n, "%s", arg ? "not in" : "in");
        return;
    default:
        if (g_op_is_jump(op))
            snprintf(buf, n, "to %u", arg);
        return;
    }
}

void g_dis_instruction(GCode *co, int ip, char *buf, size_t n)
{
    if (ip < 0 || ip >= co->ncode) {
        snprintf(buf, n, "?");
        return;
    }
    int op = (int)G_OP(g_code_word(co, ip));
    char a[64];
    describe_arg(co, op, G_ARG(g_code_word(co, ip)), a, sizeof a, true);
    if (a[0])
        snprintf(buf, n, "%s %s", g_opcode_names[op], a);
    else if (g_opcode_argkind[op][0])
        snprintf(buf, n, "%s %u", g_opcode_names[op], G_ARG(g_code_word(co, ip)));
    else
        snprintf(buf, n, "%s", g_opcode_names[op]);
}

void g_disassemble(GCode *co, FILE *out)
{
    fprintf(out, "Disassembly of <code object %s at %p, file \"%s\", line %d>:\n", g_str_data(co->name),
            (void *)co, g_str_data(co->filename), co->firstlineno);
    bool *target = g_mem_calloc((size_t)co->ncode + 1, sizeof(bool));
    for (int i = 0; i < co->ncode; i++) {
        int op = (int)G_OP(g_code_word(co, i));
        if (g_op_is_jump(op) && target)
            target[G_ARG(g_code_word(co, i))] = true;
    }
    int last_line = -1;
    for (int i = 0; i < co->ncode; i++) {
        int op = (int)G_OP(g_code_word(co, i));
        uint32_t arg = G_ARG(g_code_word(co, i));
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
            char a[400];
            describe_arg(co, op, arg, a, sizeof a, false);
            fprintf(out, " %4u ", arg);
            if (a[0])
                fprintf(out, "(%s)", a);
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
