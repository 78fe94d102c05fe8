/* assemble.c -- turning a unit's instruction list into a code object.
 *
 * Jumps are emitted with label numbers; assembly replaces them with instruction
 * indexes.  The value stack each frame needs is found by a flow analysis: starting
 * from the first instruction with depth 0, follow every path (both arms of each
 * jump), apply each instruction's stack effect, and keep the maximum.
 *
 * The same walk checks the compiler's work.  Every instruction must be reached with
 * one stack depth whichever path leads to it, no path may pop an empty stack or run
 * off the end of the code.  Bytecode that breaks these rules would crash (or leak
 * stack slots) only when that path runs; the walk catches it when it is compiled,
 * as an internal compiler error that names the function and the instruction.
 */
#include <stdlib.h>

#include <string.h>
#include "compile/compiler_internal.h"

const char *const g_opcode_names[OP_COUNT_ALL] = {
#define G_OP_NAME(name, arg) #name,
    G_OPCODES(G_OP_NAME)
    G_SPECIALIZED_OPCODES(G_OP_NAME)
#undef G_OP_NAME
};
const uint8_t g_opcode_base[OP_COUNT_ALL] = {
#define G_OP_BASE(name, arg) [OP_##name] = OP_##name,
    G_OPCODES(G_OP_BASE)
#undef G_OP_BASE
#define G_OP_BASE(name, base) [OP_##name] = OP_##base,
    G_SPECIALIZED_OPCODES(G_OP_BASE)
#undef G_OP_BASE
};
const char *const g_opcode_argkind[OP_COUNT] = {
#define G_OP_ARG(name, arg) arg,
    G_OPCODES(G_OP_ARG)
#undef G_OP_ARG
};

/* ====================================================================================
 * Assembling a code object
 * ==================================================================================== */

/* Stack effect of an instruction; `jump`: effect when the jump is taken. */
static int stack_effect(int op, int arg, bool jump)
{
    switch (op) {
    case OP_NOP: case OP_ROT_TWO: case OP_ROT_THREE: case OP_ROT_FOUR: case OP_UNARY_NEG:
    case OP_UNARY_POS: case OP_UNARY_NOT: case OP_UNARY_INVERT: case OP_GET_ITER: case OP_LIST_TO_TUPLE:
    case OP_LOAD_ATTR: case OP_POP_BLOCK: case OP_POP_EXCEPT: case OP_DELETE_FAST: case OP_DELETE_DEREF:
    case OP_DELETE_GLOBAL: case OP_DELETE_NAME: case OP_JUMP: case OP_YIELD_VALUE:
        return 0;
    case OP_POP_TOP: case OP_STORE_FAST: case OP_STORE_DEREF: case OP_STORE_GLOBAL: case OP_STORE_NAME:
    case OP_DELETE_ATTR: case OP_BINARY_SUBSCR: case OP_BINARY_OP: case OP_INPLACE_OP: case OP_COMPARE_OP:
    case OP_IS_OP: case OP_CONTAINS_OP: case OP_POP_JUMP_IF_FALSE: case OP_POP_JUMP_IF_TRUE:
    case OP_LIST_APPEND: case OP_SET_ADD: case OP_LIST_EXTEND: case OP_SET_UPDATE: case OP_DICT_UPDATE:
    case OP_DICT_MERGE: case OP_RETURN_VALUE: case OP_RERAISE: case OP_IMPORT_STAR: case OP_PRINT_EXPR:
        return -1;
    case OP_DUP_TOP: case OP_LOAD_CONST: case OP_LOAD_FAST: case OP_LOAD_DEREF: case OP_LOAD_CLOSURE:
    case OP_LOAD_CLASSDEREF: case OP_LOAD_GLOBAL: case OP_LOAD_NAME: case OP_LOAD_METHOD:
    case OP_WITH_EXCEPT_START: case OP_LOAD_BUILD_CLASS: case OP_LOAD_ASSERTION_ERROR: case OP_IMPORT_NAME:
    case OP_IMPORT_FROM:
        return 1;
    case OP_DUP_TOP_TWO: return 2;
    case OP_STORE_ATTR: case OP_DELETE_SUBSCR: case OP_MAP_ADD: return -2;
    case OP_STORE_SUBSCR: return -3;
    case OP_BUILD_SLICE: return 1 - arg;
    case OP_JUMP_IF_FALSE_OR_POP: case OP_JUMP_IF_TRUE_OR_POP: return jump ? 0 : -1;
    case OP_FOR_ITER: return jump ? -1 : 1;
    case OP_SEND: return jump ? -1 : 0;
    case OP_GET_AWAITABLE: case OP_GET_AITER: case OP_SETUP_ASYNC_WITH: return 0;
    case OP_GET_ANEXT: case OP_BEFORE_ASYNC_WITH: return 1;
    case OP_END_ASYNC_FOR: return -2;
    case OP_BUILD_TUPLE: case OP_BUILD_LIST: case OP_BUILD_SET: case OP_BUILD_STRING: return 1 - arg;
    case OP_BUILD_MAP: return 1 - 2 * arg;
    case OP_UNPACK_SEQUENCE: return arg - 1;
    case OP_UNPACK_EX: return (arg & 0xff) + (arg >> 8);
    case OP_CALL: return -arg;
    case OP_CALL_KW: case OP_CALL_METHOD: return -arg - 1;
    case OP_CALL_METHOD_KW: return -arg - 2;
    case OP_CALL_FUNCTION_EX: return -1 - (arg & 1);
    case OP_MAKE_FUNCTION:
        return -1 - ((arg & MF_DEFAULTS) != 0) - ((arg & MF_KWDEFAULTS) != 0) - ((arg & MF_CLOSURE) != 0);
    case OP_SETUP_FINALLY: return jump ? 1 : 0;
    case OP_SETUP_WITH: return jump ? 1 : 1;
    case OP_RAISE_VARARGS: return -arg;
    case OP_JUMP_IF_NOT_EXC_MATCH: return -2;
    case OP_FORMAT_VALUE: return (arg & FVS_HAVE_SPEC) ? -1 : 0;
    }
    return 0;
}

static bool ends_flow(int op)
{
    return op == OP_JUMP || op == OP_RETURN_VALUE || op == OP_RERAISE || op == OP_RAISE_VARARGS;
}

/* The walk over a unit's instructions that finds each one's stack depth. */
typedef struct {
    const uint32_t *code;
    int n;
    const char *name, *filename;
    int *depth;            /* per instruction; -1: not reached yet */
    int *work, nwork;      /* reached instructions still to follow */
    int maxd;
} DepthWalk;

/* Bytecode that breaks the depth rules is a bug in this compiler, never in the user's
 * program: say where, and abort, so the bug is caught where it is made rather than
 * as a crash when the code runs. */
static _Noreturn void bad_bytecode(const DepthWalk *w, int i, const char *why)
{
    fflush(stdout);
    fprintf(stderr, "gilt: internal compiler error in %s (%s): instruction %d (%s) %s\n", w->name, w->filename, i,
            g_opcode_names[G_OP(w->code[i])], why);
    fflush(stderr);
    abort();
}

/* Instruction `to` is reached from instruction `from` with stack depth d. */
static void reach(DepthWalk *w, int from, int to, int d)
{
    char why[96];
    if (to < 0 || to >= w->n) {
        if (to == w->n)
            snprintf(why, sizeof why, "runs off the end of the code");
        else
            snprintf(why, sizeof why, "jumps to %d, outside the code (%d instructions)", to, w->n);
        bad_bytecode(w, from, why);
    }
    if (d < 0) {
        snprintf(why, sizeof why, "pops %d more value(s) than the stack holds", -d);
        bad_bytecode(w, from, why);
    }
    if (w->depth[to] >= 0) {
        if (w->depth[to] != d) {
            snprintf(why, sizeof why, "is reached with stack depth %d and with %d (from %d)", w->depth[to], d, from);
            bad_bytecode(w, to, why);
        }
        return;
    }
    w->depth[to] = d;
    w->work[w->nwork++] = to;
    if (d > w->maxd)
        w->maxd = d;
}

int g_code_stack_depth(const uint32_t *code, int n, const char *name, const char *filename)
{
    if (n == 0)
        return 0;
    DepthWalk w = { code, n, name, filename, NULL, NULL, 0, 0 };
    w.depth = g_mem_alloc((size_t)n * sizeof(int));
    w.work = g_mem_alloc((size_t)n * sizeof(int));
    if (!w.depth || !w.work) {
        g_mem_free(w.depth);
        g_mem_free(w.work);
        return -1;
    }
    for (int i = 0; i < n; i++)
        w.depth[i] = -1;
    w.depth[0] = 0;
    w.work[w.nwork++] = 0;
    while (w.nwork) {
        int i = w.work[--w.nwork];
        int op = G_OP(code[i]), arg = (int)G_ARG(code[i]);
        if (g_op_is_jump(op))
            reach(&w, i, arg, w.depth[i] + stack_effect(op, arg, true));
        if (!ends_flow(op))
            reach(&w, i, i + 1, w.depth[i] + stack_effect(op, arg, false));
    }
    g_mem_free(w.depth);
    g_mem_free(w.work);
    return w.maxd;
}

GCode *cx_assemble(Compiler *c, Unit *u)
{
    /* resolve labels */
    for (int i = 0; i < u->n; i++) {
        int op = G_OP(u->code[i]);
        if (g_op_is_jump(op)) {
            int target = u->labels[G_ARG(u->code[i])];
            if (target < 0) {
                fail(c, &(GNode){ .line = u->locs[i].line }, "internal error: unbound label");
                return NULL;
            }
            u->code[i] = G_INSTR(op, target);
        }
    }
    int stacksize = g_code_stack_depth(u->code, u->n, g_str_data(u->qualname), g_str_data(c->filename));
    if (stacksize < 0)
        return oom(c), NULL;
    GScope *s = u->scope;
    GCode *co = (GCode *)g_object_alloc(&GCode_type, sizeof(GCode));
    if (!co) {
        oom(c);
        return NULL;
    }
    memset((char *)co + sizeof(GObject), 0, sizeof(GCode) - sizeof(GObject));
    g_code_superinstructions(u->code, u->n);
    co->code = u->code;
    co->locs = u->locs;
    co->ncode = u->n;
    for (int i = 0; i < u->n; i++)
        if (g_op_is_specializable(G_OP(u->code[i]))) {
            /* zeroed: seq 0 and version 0, which no guard accepts (vm/specialize.c) */
            co->caches = g_mem_calloc((size_t)u->n, sizeof(GInlineCache));
            if (!co->caches) {
                g_decref((GObject *)co);
                oom(c);
                return NULL;
            }
            break;
        }
    u->code = NULL;
    u->locs = NULL;
    co->argcount = s->argcount;
    co->kwonlyargcount = s->kwonlyargcount;
    co->posonlyargcount = s->posonlyargcount;
    co->nlocals = s->kind == SC_FUNCTION ? (int32_t)G_LIST_SIZE(s->varnames) : 0;
    co->ncells = (int32_t)G_LIST_SIZE(s->cellvars);
    co->nfrees = (int32_t)G_LIST_SIZE(s->freevars);
    co->stacksize = stacksize + 1;
    bool in_function = false;     /* made inside a function (a closure, a lambda in a loop) */
    for (GScope *p = s->parent; p; p = p->parent)
        if (p->kind == SC_FUNCTION)
            in_function = true;
    co->flags = (s->varargs ? G_CO_VARARGS : 0) | (s->varkw ? G_CO_VARKW : 0) |
                (s->generator ? G_CO_GENERATOR : 0) | (s->coroutine ? G_CO_COROUTINE : 0) | (s->kind != SC_FUNCTION ? G_CO_MODULE : 0) |
                (s->kind == SC_CLASS ? G_CO_CLASS : 0) | (in_function ? G_CO_NESTED : 0) |
                (strncmp(g_str_data(c->filename), "<gilt>/", 7) == 0 ? G_CO_GILT : 0);
    co->firstlineno = u->firstlineno;
    co->consts = g_list_as_tuple(u->consts);
    co->names = g_list_as_tuple(u->names);
    co->varnames = g_list_as_tuple(s->varnames);
    co->cellvars = g_list_as_tuple(s->cellvars);
    co->freevars = g_list_as_tuple(s->freevars);
    co->name = g_newref(s->name);
    co->qualname = g_newref(u->qualname);
    co->filename = g_newref(c->filename);
    if (co->ncells) {
        co->cell2arg = g_mem_alloc((size_t)co->ncells * sizeof(int32_t));
        for (int i = 0; i < co->ncells; i++) {
            GObject *name = G_TUPLE_ITEM(co->cellvars, i);
            int idx = s->kind == SC_FUNCTION ? list_index(s->varnames, name) : -1;
            int f = g_dict_get(s->symbols, name) ? (int)g_int_small_value(g_dict_get(s->symbols, name)) : 0;
            co->cell2arg[i] = (idx >= 0 && (f & DEF_PARAM)) ? idx : -1;
        }
    }
    if (!co->consts || !co->names || !co->varnames || !co->cellvars || !co->freevars) {
        g_decref((GObject *)co);
        oom(c);
        return NULL;
    }
    /* constants are shared by every thread and never change: make them immortal --
     * unless the text was made at run time, which may happen without end */
    for (int64_t i = 0; !c->dynamic && i < G_TUPLE_SIZE(co->consts); i++) {
        GObject *k = G_TUPLE_ITEM(co->consts, i);
        if (G_TYPE(k) == &GStr_type || G_TYPE(k) == &GInt_type || G_TYPE(k) == &GFloat_type || G_TYPE(k) == &GTuple_type ||
            G_TYPE(k) == &GBytes_type)
            g_set_immortal(k);
    }
    if (!c->dynamic)
        g_set_deferred((GObject *)co);
    return co;
}



void g_code_superinstructions(uint32_t *code, int n)
{
    for (int i = 0; i + 2 < n; i++) {
        if (G_OP(code[i]) != OP_LOAD_FAST || G_OP(code[i + 2]) != OP_BINARY_OP)
            continue;
        int second = (int)G_OP(code[i + 1]);
        if (second == OP_LOAD_FAST)
            code[i] = (code[i] & ~0xffu) | OP_LOAD_FAST__BINARY_FF;
        else if (second == OP_LOAD_CONST)
            code[i] = (code[i] & ~0xffu) | OP_LOAD_FAST__BINARY_FC;
    }
}
