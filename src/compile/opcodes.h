/* opcodes.h -- gilt's instruction set.
 *
 * A stack machine in the style of CPython 3.9-3.11.  Each instruction is one 32-bit
 * word: the opcode in the low byte, the argument in the upper 24 bits (code.c draws
 * it).  The table below lists every opcode with its argument's meaning; the stack
 * effects the compiler uses to size (and check) each frame's value stack are in
 * assemble.c (stack_effect).
 *
 * Why `count += 1` is not atomic shows up plainly here: it is LOAD, LOAD_CONST,
 * INPLACE_OP, STORE -- four instructions, and another thread can run between any
 * two of them.
 */
#ifndef GILT_OPCODES_H
#define GILT_OPCODES_H

#include <stdbool.h>
#include <stdint.h>

#define G_OPCODES(X) \
    X(NOP,                  "")                                                      \
    X(POP_TOP,              "")                                                      \
    X(ROT_TWO,              "")                                                      \
    X(ROT_THREE,            "")                                                      \
    X(ROT_FOUR,             "")                                                      \
    X(DUP_TOP,              "")                                                      \
    X(DUP_TOP_TWO,          "")                                                      \
    X(LOAD_CONST,           "const")       /* push consts[arg] */                    \
    X(LOAD_FAST,            "local")       /* push a local variable */               \
    X(STORE_FAST,           "local")                                                 \
    X(DELETE_FAST,          "local")                                                 \
    X(LOAD_DEREF,           "cell")        /* push a cell's content */               \
    X(STORE_DEREF,          "cell")                                                  \
    X(DELETE_DEREF,         "cell")                                                  \
    X(LOAD_CLOSURE,         "cell")        /* push the cell itself */                \
    X(LOAD_CLASSDEREF,      "cell")        /* class body: namespace, then cell */    \
    X(LOAD_GLOBAL,          "name")        /* globals, then builtins */              \
    X(STORE_GLOBAL,         "name")                                                  \
    X(DELETE_GLOBAL,        "name")                                                  \
    X(LOAD_NAME,            "name")        /* locals dict, globals, builtins */      \
    X(STORE_NAME,           "name")                                                  \
    X(DELETE_NAME,          "name")                                                  \
    X(LOAD_ATTR,            "name")                                                  \
    X(STORE_ATTR,           "name")        /* TOS.name = TOS1 */                     \
    X(DELETE_ATTR,          "name")                                                  \
    X(LOAD_METHOD,          "name")        /* push (method, self) or (NULL, attr) */ \
    X(BINARY_SUBSCR,        "")                                                      \
    X(STORE_SUBSCR,         "")            /* TOS1[TOS] = TOS2 */                    \
    X(DELETE_SUBSCR,        "")                                                      \
    X(BUILD_SLICE,          "count")                                                 \
    X(BINARY_OP,            "binop")       /* TOS1 op TOS */                         \
    X(INPLACE_OP,           "binop")       /* TOS1 op= TOS */                        \
    X(UNARY_NEG,            "")                                                      \
    X(UNARY_POS,            "")                                                      \
    X(UNARY_NOT,            "")                                                      \
    X(UNARY_INVERT,         "")                                                      \
    X(COMPARE_OP,           "cmp")                                                   \
    X(IS_OP,                "invert")                                                \
    X(CONTAINS_OP,          "invert")                                                \
    X(JUMP,                 "target")                                                \
    X(POP_JUMP_IF_FALSE,    "target")                                                \
    X(POP_JUMP_IF_TRUE,     "target")                                                \
    X(JUMP_IF_FALSE_OR_POP, "target")                                                \
    X(JUMP_IF_TRUE_OR_POP,  "target")                                                \
    X(GET_ITER,             "")                                                      \
    X(FOR_ITER,             "target")      /* push next item, or pop and jump */     \
    X(BUILD_TUPLE,          "count")                                                 \
    X(BUILD_LIST,           "count")                                                 \
    X(BUILD_SET,            "count")                                                 \
    X(BUILD_MAP,            "count")       /* count key/value pairs */               \
    X(LIST_APPEND,          "depth")                                                 \
    X(SET_ADD,              "depth")                                                 \
    X(MAP_ADD,              "depth")                                                 \
    X(LIST_EXTEND,          "depth")                                                 \
    X(SET_UPDATE,           "depth")                                                 \
    X(DICT_UPDATE,          "depth")                                                 \
    X(DICT_MERGE,           "depth")       /* like DICT_UPDATE, rejects duplicates */ \
    X(LIST_TO_TUPLE,        "")                                                      \
    X(UNPACK_SEQUENCE,      "count")                                                 \
    X(UNPACK_EX,            "before|after<<8")                                       \
    X(CALL,                 "argc")        /* f, args... */                          \
    X(CALL_KW,              "argc")        /* f, args..., kwnames tuple */           \
    X(CALL_METHOD,          "argc")        /* method, self, args... */               \
    X(CALL_METHOD_KW,       "argc")                                                  \
    X(CALL_FUNCTION_EX,     "flags")       /* f, args tuple[, kwargs dict] */        \
    X(MAKE_FUNCTION,        "flags")       /* [defaults][kwdefaults][closure] code qualname */ \
    X(RETURN_VALUE,         "")                                                      \
    X(YIELD_VALUE,          "delegating")  /* 1: the yield of a `yield from`/`await` loop */ \
    X(SEND,                 "target")      /* iter, v: delegate one step (gen.c), or pop and jump */ \
    X(GET_AWAITABLE,        "where")       /* x -> what `await x` iterates (eval_async.c) */ \
    X(GET_AITER,            "")            /* x -> x.__aiter__() */                  \
    X(GET_ANEXT,            "")            /* aiter -> aiter, awaitable of __anext__() */ \
    X(END_ASYNC_FOR,        "")            /* aiter, exc: StopAsyncIteration ends the loop */ \
    X(BEFORE_ASYNC_WITH,    "")            /* mgr -> __aexit__, awaitable of __aenter__() */ \
    X(SETUP_ASYNC_WITH,     "target")      /* aexit, res: push the handler block under res */ \
    X(SETUP_FINALLY,        "target")      /* push a handler block */                \
    X(SETUP_WITH,           "target")      /* __enter__, push __exit__ and a block */ \
    X(POP_BLOCK,            "")                                                      \
    X(POP_EXCEPT,           "")            /* leave an except handler */             \
    X(RERAISE,              "")                                                      \
    X(RAISE_VARARGS,        "count")                                                 \
    X(JUMP_IF_NOT_EXC_MATCH, "target")                                               \
    X(WITH_EXCEPT_START,    "")                                                      \
    X(LOAD_BUILD_CLASS,     "")                                                      \
    X(LOAD_ASSERTION_ERROR, "")                                                      \
    X(FORMAT_VALUE,         "flags")       /* conversion | 4 if a spec is on the stack */ \
    X(BUILD_STRING,         "count")                                                 \
    X(IMPORT_NAME,          "name")                                                  \
    X(IMPORT_FROM,          "name")                                                  \
    X(IMPORT_STAR,          "")                                                      \
    X(PRINT_EXPR,           "")            /* REPL: print repr of TOS if not None */

/* The specialized forms (vm/specialize.c).  The compiler never emits them: the eval
 * loop rewrites an instruction into one once it has seen what the instruction works
 * on, and back into the generic form when that stops holding.  A specialized form
 * keeps its generic form's argument; the rest lives in the instruction's inline
 * cache (GInlineCache, objects.h).  The second column is the generic form, which is
 * what dis, the stepper, the race detector and schedule search see (g_code_word). */
#define G_SPECIALIZED_OPCODES(X) \
    X(LOAD_GLOBAL_MODULE,   LOAD_GLOBAL)   /* the global's entry in the module dict */  \
    X(LOAD_GLOBAL_BUILTIN,  LOAD_GLOBAL)   /* not a global: the builtin's entry */       \
    X(LOAD_ATTR_INSTANCE,   LOAD_ATTR)     /* self.x from the instance dict */           \
    X(LOAD_ATTR_CLASS,      LOAD_ATTR)     /* a class attribute no descriptor wraps */   \
    X(LOAD_ATTR_PROPERTY,   LOAD_ATTR)     /* a property: call its getter */             \
    X(LOAD_METHOD_CACHED,   LOAD_METHOD)   /* a method found on the class */             \
    X(LOAD_METHOD_SUPER,    LOAD_METHOD)   /* super().m: m found after the class */      \
    X(LOAD_GLOBAL_SUPER,    LOAD_GLOBAL)   /* super().m(...): no super object at all */  \
    X(STORE_ATTR_INSTANCE,  STORE_ATTR)    /* self.x = v into the instance dict */  \
    X(LOAD_FAST__BINARY_FF, LOAD_FAST)     /* a op b, two locals: one instruction */     \
    X(LOAD_FAST__BINARY_FC, LOAD_FAST)     /* a op 1, a local and a constant */          \
    X(BINARY_OP_FLOAT_ADD,  BINARY_OP)     /* a + b, two floats */                       \
    X(BINARY_OP_FLOAT_SUB,  BINARY_OP)     /* a - b */                                   \
    X(BINARY_OP_FLOAT_MUL,  BINARY_OP)     /* a * b */                                   \
    X(INPLACE_OP_FLOAT_ADD, INPLACE_OP)    /* a += b, two floats: a + b (immutable) */   \
    X(INPLACE_OP_FLOAT_SUB, INPLACE_OP)    /* a -= b */                                  \
    X(INPLACE_OP_FLOAT_MUL, INPLACE_OP)    /* a *= b */

typedef enum {
#define G_OP_ENUM(name, arg) OP_##name,
    G_OPCODES(G_OP_ENUM)
#undef G_OP_ENUM
    OP_COUNT,                              /* the compiler's instructions: 0 .. OP_COUNT-1 */
    OP_SPECIALIZED_BEFORE = OP_COUNT - 1,
#define G_OP_ENUM(name, base) OP_##name,
    G_SPECIALIZED_OPCODES(G_OP_ENUM)
#undef G_OP_ENUM
    OP_COUNT_ALL                           /* and the eval loop's own, up to here */
} GOpcode;

extern const char *const g_opcode_names[OP_COUNT_ALL];
extern const char *const g_opcode_argkind[OP_COUNT];
/* The generic form of every opcode (itself for the compiler's). */
extern const uint8_t g_opcode_base[OP_COUNT_ALL];

/* The deepest the value stack gets in resolved bytecode (jump arguments are
 * instruction indexes); -1 when out of memory (assemble.c).  Aborts with an internal
 * compiler error naming `name` and `filename` if two paths reach an instruction with
 * different depths, a path pops an empty stack, or one runs off the end of the code. */
int g_code_stack_depth(const uint32_t *code, int n, const char *name, const char *filename);

#define G_INSTR(op, arg) ((uint32_t)(op) | ((uint32_t)(arg) << 8))
#define G_OP(w) ((w) & 0xffu)
#define G_ARG(w) ((w) >> 8)
#define G_MAX_ARG 0xffffffu

/* FORMAT_VALUE flags */
#define FVC_NONE 0
#define FVC_STR 1
#define FVC_REPR 2
#define FVC_ASCII 3
#define FVS_HAVE_SPEC 4

/* MAKE_FUNCTION flags */
#define MF_DEFAULTS 1
#define MF_KWDEFAULTS 2
#define MF_ANNOTATIONS 4  /* a dict {parameter name or 'return': annotation} */
#define MF_CLOSURE 8
#define MF_DEFER 16       /* defined once (compiler_internal.h): make it deferred */

/* The instructions the eval loop may specialize: a code object with any of them gets
 * an inline cache per instruction (assemble.c). */
static inline bool g_op_is_specializable(int op)
{
    return op == OP_LOAD_GLOBAL || op == OP_LOAD_ATTR || op == OP_LOAD_METHOD || op == OP_STORE_ATTR ||
           op == OP_BINARY_OP || op == OP_INPLACE_OP;
}

/* The superinstructions: the assembler writes one over the first of the three
 * instructions LOAD_FAST a; LOAD_FAST b (or LOAD_CONST k); BINARY_OP op, and leaves
 * the other two as they are -- a jump to one of them runs it as usual, and the
 * stepped loop, dis and the race detector see the three (g_opcode_base).  The eval
 * loop runs the three at once, without counting the two operands' references
 * (vm/eval_specialized.h).  Not "specialized": nothing runtime decides them, and
 * gilt.specialized() leaves them out. */
static inline bool g_op_is_superinstruction(int op)
{
    return op == OP_LOAD_FAST__BINARY_FF || op == OP_LOAD_FAST__BINARY_FC;
}
/* Write the superinstructions into a finished code array (assemble.c). */
void g_code_superinstructions(uint32_t *code, int n);

static inline bool g_op_is_jump(int op)
{
    return op == OP_JUMP || op == OP_POP_JUMP_IF_FALSE || op == OP_POP_JUMP_IF_TRUE ||
           op == OP_JUMP_IF_FALSE_OR_POP || op == OP_JUMP_IF_TRUE_OR_POP || op == OP_FOR_ITER ||
           op == OP_SETUP_FINALLY || op == OP_SETUP_WITH || op == OP_JUMP_IF_NOT_EXC_MATCH || op == OP_SEND ||
           op == OP_SETUP_ASYNC_WITH;
}

#endif
