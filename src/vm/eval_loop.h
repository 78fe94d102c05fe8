/* eval_loop.h -- the body of the eval loop, included twice by eval.c.
 *
 * Once as g_eval_frame (EVAL_STEPPED 0), the loop everything runs in; once as
 * eval_frame_stepped (EVAL_STEPPED 1), the copy a controlled scheduler runs the
 * user's code in: the same handlers, but every instruction is fetched through the
 * scheduling point.  One source, two compiled loops -- the way CPython keeps its
 * monitoring off the ordinary path.  Not a header to include anywhere else.
 *
 * Four parts of the body are files of their own, included where they stand among
 * the instructions: eval_build.h (building and unpacking containers), eval_calls.h
 * (the calls, and calls between Python functions without a C call), eval_blocks.h
 * (try, with and raise) and eval_specialized.h (the specialized instructions, in the
 * ordinary copy only).
 */
EVAL_LINKAGE GObject *EVAL_FN(GFrame *f, GObject *sent, GObject *thrown)
{
    GThreadState *ts = g_tstate_current;
    GCode *co = f->code;
    if (++ts->depth > g_runtime.recursion_limit + ts->recursion_headroom || g_c_stack_low()) {
        ts->depth--;
        if (f->gen)
            f->ip = -1;
        return g_raise(&GExc_RecursionError, "maximum recursion depth exceeded");
    }
    f->back = ts->frame;
    ts->frame = f;

    const uint32_t *code = co->code;
    GObject **fast = f->localsplus;
    GObject **cells = f->localsplus + co->nlocals;
    GObject **stack_base = g_frame_stack(f);
    GObject **sp = f->sp;
    GObject *const *consts = ((GTuple *)co->consts)->items;
    GObject *const *names = ((GTuple *)co->names)->items;
    GObject *globals = f->globals, *builtins = f->builtins;
    int ip = f->ip;
    uint32_t word, arg;
    GObject *retval = NULL;
    bool reraise = false;
    GObject *delegated_exc = NULL;   /* borrowed: thrown in while in a `yield from` */
#if !EVAL_STEPPED
    GObject **call_args = NULL;      /* inline_call: the arguments on the stack, */
    uint32_t call_n = 0;             /* how many, */
    GObject **call_base = NULL;      /* and the slot of the function (popped to there) */
#endif

    static void *const targets[OP_COUNT_ALL] = {
#define G_OP_TARGET(name, argk) [OP_##name] = &&L_##name,
        G_OPCODES(G_OP_TARGET)
#if EVAL_STEPPED
#undef G_OP_TARGET
        /* the stepped copy runs a specialized opcode as its generic form */
#define G_OP_TARGET(name, base) [OP_##name] = &&L_##base,
#endif
        G_SPECIALIZED_OPCODES(G_OP_TARGET)
#undef G_OP_TARGET
    };

    if (atomic_load_explicit(&ts->eval_breaker, memory_order_relaxed)) {
#if !EVAL_STEPPED
        /* Under a controlled scheduler (runtime/sched.h) every thread's breaker has
         * G_BREAK_STEP set for good, and the user's own code runs in the stepped copy
         * of this loop, which stops at a scheduling point before every instruction;
         * gilt's embedded modules, and everything in free mode, run here.  Free mode
         * pays nothing for it: this is the breaker test every frame makes anyway. */
        if ((atomic_load_explicit(&ts->eval_breaker, memory_order_relaxed) & G_BREAK_STEP) &&
            !(co->flags & G_CO_GILT)) {
            ts->frame = f->back;
            ts->depth--;
            return eval_frame_stepped(f, sent, thrown);
        }
#endif
        if (g_handle_eval_breaker(ts) < 0)
            goto error;
    }
    if (sent)
        PUSH(NEWREF(sent));
    if (thrown && ip > 0 && G_OP(code[ip - 1]) == OP_YIELD_VALUE && G_ARG(code[ip - 1]) == 1) {
        /* paused in a `yield from`/`await` loop (compile_expr.c): the delegate gets
         * the exception first; the loop's SEND, which the next JUMP goes back to,
         * throws it in */
        delegated_exc = thrown;
        ip = (int)G_ARG(code[ip]);
    } else if (thrown) {
        INCREF(thrown);
        g_err_restore(thrown);
        goto error;   /* raised at the yield the generator is paused on */
    }
    SPEND_BUDGET();

/* (g_code_load: another thread may be rewriting the opcode -- vm/specialize.c) */
#if EVAL_STEPPED
#define DISPATCH() do { word = g_code_load(code, ip++); arg = G_ARG(word); goto L_STEP_POINT; } while (0)
#else
#define DISPATCH() do { word = g_code_load(code, ip++); arg = G_ARG(word); goto *targets[G_OP(word)]; } while (0)
#endif
/* The generic form of a specializable instruction: first, now and then, a try at
 * specializing it (vm/specialize.c); then GENERIC(name), where its specialized forms
 * come back to when their guard fails.  The stepped copy never specializes. */
#if EVAL_STEPPED
#define SPECIALIZE(call) ((void)0)
#else
#define SPECIALIZE(call) \
    do { \
        G_ASSERT(co->caches); \
        if (g_specialize_due(&co->caches[ip - 1])) \
            call; \
    } while (0)
#endif
#define GENERIC(name) L_GENERIC_##name: __attribute__((unused));
/* A specialized form's guard failed: count it, and run the generic form. */
#define DEOPT(name) do { g_specialize_missed(co, ip - 1); goto L_GENERIC_##name; } while (0)
#define TARGET(name) L_##name:
/* Switch the loop's registers to frame f (an inline call or its return). */
#define LOAD_FRAME() \
    do { \
        co = f->code; \
        code = co->code; \
        fast = f->localsplus; \
        cells = f->localsplus + co->nlocals; \
        stack_base = g_frame_stack(f); \
        sp = f->sp; \
        consts = ((GTuple *)co->consts)->items; \
        names = ((GTuple *)co->names)->items; \
        globals = f->globals; \
        builtins = f->builtins; \
        ip = f->ip; \
    } while (0)
#define CHECK_BREAKER() \
    do { \
        if (atomic_load_explicit(&ts->eval_breaker, memory_order_relaxed)) { \
            f->sp = sp; \
            f->lasti = ip - 1;   /* where a stop of the world finds it (g_threads_report) */ \
            if (g_handle_eval_breaker(ts) < 0) \
                goto error; \
        } \
    } while (0)

/* gilt --race (vm/race.h): the hooks, in the stepped copy only; the ordinary loop
 * compiles them to nothing.  One relaxed load when the detector is off. */
#if EVAL_STEPPED
#define RACE(hook) do { if (g_race_on()) hook; } while (0)
#else
#define RACE(hook) ((void)0)
#endif

    DISPATCH();

#if EVAL_STEPPED
    /* The scheduling point before an instruction of the user's code (vm/step.c):
     * the thread may wait here for its turn; then the instruction runs. */
L_STEP_POINT:
    f->sp = sp;
    f->lasti = ip - 1;
    /* ts->sched is NULL in a free run (--race alone): no point to stop at */
    if (ts->sched && g_step_point(ts, f, ip - 1) < 0)
        goto error;
    goto *targets[G_OP(word)];
#endif

    TARGET(NOP) DISPATCH();

    TARGET(POP_TOP) {
        GObject *v = POP();
        DECREF(v);
        DISPATCH();
    }
    TARGET(ROT_TWO) {
        GObject *a = TOP();
        TOP() = SECOND();
        SECOND() = a;
        DISPATCH();
    }
    TARGET(ROT_THREE) {
        GObject *a = TOP(), *b = SECOND(), *c = PEEK(3);
        TOP() = b;
        SECOND() = c;
        PEEK(3) = a;
        DISPATCH();
    }
    TARGET(ROT_FOUR) {
        GObject *a = TOP();
        TOP() = SECOND();
        SECOND() = PEEK(3);
        PEEK(3) = PEEK(4);
        PEEK(4) = a;
        DISPATCH();
    }
    TARGET(DUP_TOP) {
        GObject *v = TOP();
        PUSH(NEWREF(v));
        DISPATCH();
    }
    TARGET(DUP_TOP_TWO) {
        GObject *a = SECOND(), *b = TOP();
        PUSH(NEWREF(a));
        PUSH(NEWREF(b));
        DISPATCH();
    }
    TARGET(LOAD_CONST) {
        GObject *v = consts[arg];
        INCREF(v);
        PUSH(v);
        DISPATCH();
    }
    TARGET(LOAD_FAST) GENERIC(LOAD_FAST) {
        GObject *v = fast[arg];
        if (__builtin_expect(!v, 0)) {
            g_eval_unbound_local(co, (int)arg);
            goto error;
        }
        INCREF(v);
        PUSH(v);
        DISPATCH();
    }
    TARGET(STORE_FAST) {
        GObject *v = POP();
        GObject *old = fast[arg];
        fast[arg] = v;
        if (old)
            DECREF(old);
        DISPATCH();
    }
    TARGET(DELETE_FAST) {
        GObject *old = fast[arg];
        if (!old) {
            g_eval_unbound_local(co, (int)arg);
            goto error;
        }
        fast[arg] = NULL;
        DECREF(old);
        DISPATCH();
    }
    TARGET(LOAD_DEREF) {
        RACE(g_race_cell(cells[arg], co, (int)arg, false));
        GObject *v = g_cell_load((GCell *)cells[arg]);
        if (!v) {
            g_eval_unbound_deref(co, (int)arg);
            goto error;
        }
        INCREF(v);
        PUSH(v);
        DISPATCH();
    }
    TARGET(STORE_DEREF) {
        RACE(g_race_cell(cells[arg], co, (int)arg, true));
        g_cell_store((GCell *)cells[arg], POP());
        DISPATCH();
    }
    TARGET(DELETE_DEREF) {
        GCell *c = (GCell *)cells[arg];
        RACE(g_race_cell(cells[arg], co, (int)arg, true));
        if (!g_cell_load(c)) {
            g_eval_unbound_deref(co, (int)arg);
            goto error;
        }
        g_cell_store(c, NULL);
        DISPATCH();
    }
    TARGET(LOAD_CLOSURE) {
        GObject *c = cells[arg];
        PUSH(NEWREF(c));
        DISPATCH();
    }
    TARGET(LOAD_CLASSDEREF) {
        GObject *name = (int)arg < co->ncells ? G_TUPLE_ITEM(co->cellvars, arg)
                                              : G_TUPLE_ITEM(co->freevars, (int)arg - co->ncells);
        GObject *v = f->locals ? g_dict_get(f->locals, name) : NULL;
        if (!v) {
            v = g_cell_load((GCell *)cells[arg]);
            if (!v) {
                g_eval_unbound_deref(co, (int)arg);
                goto error;
            }
        }
        PUSH(NEWREF(v));
        DISPATCH();
    }
    TARGET(LOAD_GLOBAL) {
        SPECIALIZE(g_specialize_load_global(co, ip - 1, globals, builtins));
        GENERIC(LOAD_GLOBAL)
        GObject *name = names[arg];
        GObject *v = g_dict_get_interned(globals, name);
        if (!v) {
            v = g_dict_get_interned(builtins, name);
            if (!v) {
                g_eval_name_error(name);
                goto error;
            }
        } else {
            RACE(g_race_name(globals, name, false));
        }
        INCREF(v);
        PUSH(v);
        DISPATCH();
    }
    TARGET(STORE_GLOBAL) {
        RACE(g_race_name(globals, names[arg], true));
        GObject *v = POP();
        int r = g_dict_set(globals, names[arg], v);
        DECREF(v);
        if (r < 0)
            goto error;
        DISPATCH();
    }
    TARGET(DELETE_GLOBAL) {
        RACE(g_race_name(globals, names[arg], true));
        if (g_dict_del(globals, names[arg]) < 0) {
            if (g_err_matches(&GExc_KeyError)) {
                g_err_clear();
                g_eval_name_error(names[arg]);
            }
            goto error;
        }
        DISPATCH();
    }
    TARGET(LOAD_NAME) {
        GObject *name = names[arg];
        GObject *v = f->locals ? g_dict_get(f->locals, name) : NULL;
        if (v)
            RACE(g_race_name(f->locals, name, false));
        if (!v && (v = g_dict_get_interned(globals, name)))
            RACE(g_race_name(globals, name, false));
        if (!v)
            v = g_dict_get_interned(builtins, name);
        if (!v) {
            g_eval_name_error(name);
            goto error;
        }
        PUSH(NEWREF(v));
        DISPATCH();
    }
    TARGET(STORE_NAME) {
        RACE(g_race_name(f->locals ? f->locals : globals, names[arg], true));
        GObject *v = POP();
        int r = g_dict_set(f->locals ? f->locals : globals, names[arg], v);
        DECREF(v);
        if (r < 0)
            goto error;
        DISPATCH();
    }
    TARGET(DELETE_NAME) {
        RACE(g_race_name(f->locals ? f->locals : globals, names[arg], true));
        if (g_dict_del(f->locals ? f->locals : globals, names[arg]) < 0) {
            if (g_err_matches(&GExc_KeyError)) {
                g_err_clear();
                g_eval_name_error(names[arg]);
            }
            goto error;
        }
        DISPATCH();
    }
    TARGET(LOAD_ATTR) {
        SPECIALIZE(g_specialize_load_attr(co, ip - 1, TOP()));
        GENERIC(LOAD_ATTR)
        GObject *o = TOP();
        RACE(g_race_attr_load(o, names[arg]));
        GObject *v = g_getattr(o, names[arg]);
        if (!v)
            goto error;
        TOP() = v;
        DECREF(o);
        DISPATCH();
    }
    TARGET(STORE_ATTR) {
        SPECIALIZE(g_specialize_store_attr(co, ip - 1, TOP()));
        GENERIC(STORE_ATTR)
        GObject *o = POP(), *v = POP();
        RACE(g_race_attr_store(o, names[arg]));
        int r = g_setattr(o, names[arg], v);
        DECREF(o);
        DECREF(v);
        if (r < 0)
            goto error;
        DISPATCH();
    }
    TARGET(DELETE_ATTR) {
        GObject *o = POP();
        RACE(g_race_attr_store(o, names[arg]));
        int r = g_delattr(o, names[arg]);
        DECREF(o);
        if (r < 0)
            goto error;
        DISPATCH();
    }
    TARGET(LOAD_METHOD) {
        SPECIALIZE(g_specialize_load_method(co, ip - 1, TOP()));
        GENERIC(LOAD_METHOD)
        GObject *o = TOP();
        GObject *name = names[arg];
        GType *t = G_TYPE(o);
        if (t->tp_getattr == g_generic_getattr) {
            GObject *m = g_type_lookup_interned(t, name);
            if (m && (G_TYPE(m) == &GFunction_type || G_TYPE(m) == &GMethodDescr_type)) {
                GObject *d = g_spec_instance_dict(o);   /* (acquire: it may be being installed) */
                if (!d || !g_dict_get_interned(d, name)) {
                    /* [method, self]: the call passes self without a bound method */
                    TOP() = NEWREF(m);
                    PUSH(o);
                    DISPATCH();
                }
            }
        }
        GObject *v = g_getattr(o, name);
        if (!v)
            goto error;
        TOP() = NULL;
        PUSH(v);
        DECREF(o);
        DISPATCH();
    }
    TARGET(BINARY_SUBSCR) {
        GObject *key = POP(), *o = TOP();
        GObject *v;
        RACE(g_race_item(o, key, false));
        if (G_TYPE(o) == &GList_type && G_TYPE(key) == &GInt_type && g_int_is_small(key)) {
            int64_t i = g_int_small_value(key);
            if (!g_concurrent()) {
                if (i < 0)
                    i += G_LIST_SIZE(o);
                if (i >= 0 && i < G_LIST_SIZE(o)) {
                    v = NEWREF(G_LIST_ITEM(o, i));
                    goto subscr_done;
                }
            } else if (i >= 0 && (v = g_list_get_ref(o, i))) {
                goto subscr_done;    /* under the list's lock */
            }
        } else if (G_TYPE(o) == &GTuple_type && G_TYPE(key) == &GInt_type && g_int_is_small(key)) {
            int64_t i = g_int_small_value(key);   /* a tuple never changes: no lock */
            if (i < 0)
                i += G_TUPLE_SIZE(o);
            if (i >= 0 && i < G_TUPLE_SIZE(o)) {
                v = NEWREF(G_TUPLE_ITEM(o, i));
                goto subscr_done;
            }
        }
        v = g_getitem(o, key);
    subscr_done:
        DECREF(key);
        if (!v)
            goto error;
        TOP() = v;
        DECREF(o);
        DISPATCH();
    }
    TARGET(STORE_SUBSCR) {
        GObject *key = POP(), *o = POP(), *v = POP();
        int r;
        RACE(g_race_item(o, key, true));
        GObject *old = NULL;
        if (G_TYPE(o) == &GList_type && G_TYPE(key) == &GInt_type && g_int_is_small(key)) {
            int64_t i = g_int_small_value(key);
            if (!g_concurrent()) {   /* nobody else runs: no lock (as BINARY_SUBSCR) */
                if (i < 0)
                    i += G_LIST_SIZE(o);
                if (i >= 0 && i < G_LIST_SIZE(o)) {
                    old = G_LIST_ITEM(o, i);
                    G_LIST_ITEM(o, i) = v;
                    v = NULL;      /* stolen; the old item is dropped below */
                    r = 0;
                    goto stored;
                }
            } else if (g_list_set_item(o, i, v)) {   /* under the list's lock */
                v = NULL;
                r = 0;
                goto stored;
            }
        }
        r = g_setitem(o, key, v);
    stored:
        DECREF(key);
        DECREF(o);
        XDECREF(v);
        XDECREF(old);
        if (r < 0)
            goto error;
        DISPATCH();
    }
    TARGET(DELETE_SUBSCR) {
        GObject *key = POP(), *o = POP();
        RACE(g_race_del_item(o, key));
        int r = g_delitem(o, key);
        DECREF(key);
        DECREF(o);
        if (r < 0)
            goto error;
        DISPATCH();
    }
    TARGET(BUILD_SLICE) {
        GObject *step = arg == 3 ? POP() : NULL;
        GObject *stop = POP(), *start = TOP();
        GObject *s = g_slice_new(start, stop, step);
        XDECREF(step);
        DECREF(stop);
        if (!s)
            goto error;
        TOP() = s;
        DECREF(start);
        DISPATCH();
    }
/* The end of BINARY_OP and INPLACE_OP: r is a op b as g_eval_fast_binop's `how`
 * says.  A float that was a temporary and holds the result now keeps the stack's
 * reference to it as the result's. */
#define BINARY_RESULT() \
    do { \
        if (how == G_FAST_IN_A) { \
            DECREF(b); \
            DISPATCH(); \
        } \
        if (how == G_FAST_IN_B) { \
            TOP() = b; \
            DECREF(a); \
            DISPATCH(); \
        } \
        DECREF(b); \
        if (!r) \
            goto error; \
        TOP() = r; \
        DECREF(a); \
        DISPATCH(); \
    } while (0)
    TARGET(BINARY_OP) GENERIC(BINARY_OP) {
        GObject *b = POP(), *a = TOP();
        int how;
        GObject *r = g_eval_fast_binop(ts, a, b, (int)arg, &how, false);   /* ints and floats */
        if (G_TYPE(b) == &GFloat_type && G_TYPE(a) == &GFloat_type)   /* only floats pay for tries */
            SPECIALIZE(g_specialize_binary_op(co, ip - 1, a, b));
        if (how == G_FAST_NO)
            r = G_TYPE(a) == &GStr_type && G_TYPE(b) == &GStr_type && arg == NB_ADD ? g_str_concat(a, b)
                                                                                  : g_binary_op(a, b, (GBinOp)arg);
        BINARY_RESULT();
    }
    TARGET(INPLACE_OP) GENERIC(INPLACE_OP) {
        GObject *b = POP(), *a = TOP();
        int how;
        GObject *r = g_eval_fast_binop(ts, a, b, (int)arg, &how, false);   /* immutable: as a op b */
        if (G_TYPE(b) == &GFloat_type && G_TYPE(a) == &GFloat_type)
            SPECIALIZE(g_specialize_binary_op(co, ip - 1, a, b));
        if (how == G_FAST_NO)
            r = g_inplace_op(a, b, (GBinOp)arg);
        BINARY_RESULT();
    }
    TARGET(UNARY_NEG) {
        GObject *v = TOP();
        GObject *r = g_unary_neg(v);
        if (!r)
            goto error;
        TOP() = r;
        DECREF(v);
        DISPATCH();
    }
    TARGET(UNARY_POS) {
        GObject *v = TOP();
        GObject *r = g_unary_pos(v);
        if (!r)
            goto error;
        TOP() = r;
        DECREF(v);
        DISPATCH();
    }
    TARGET(UNARY_INVERT) {
        GObject *v = TOP();
        GObject *r = g_unary_invert(v);
        if (!r)
            goto error;
        TOP() = r;
        DECREF(v);
        DISPATCH();
    }
    TARGET(UNARY_NOT) {
        GObject *v = TOP();
        int t = g_truthy(v);
        if (t < 0)
            goto error;
        TOP() = g_bool(!t);
        DECREF(v);
        DISPATCH();
    }
    TARGET(COMPARE_OP) {
        GObject *b = POP(), *a = TOP();
        int c = g_compare_leaves(a, b, (GCmpOp)arg);   /* small ints, strs, floats */
        GObject *r = c >= 0 ? g_bool(c) : g_richcompare(a, b, (GCmpOp)arg);
        DECREF(b);
        if (!r)
            goto error;
        TOP() = r;
        DECREF(a);
        DISPATCH();
    }
    TARGET(IS_OP) {
        GObject *b = POP(), *a = TOP();
        bool r = (a == b) != (arg != 0);
        TOP() = g_bool(r);
        DECREF(a);
        DECREF(b);
        DISPATCH();
    }
    TARGET(CONTAINS_OP) {
        GObject *container = POP(), *item = TOP();
        RACE(g_race_contains(container, item));
        int r = g_contains(container, item);
        DECREF(container);
        if (r < 0)
            goto error;
        TOP() = g_bool((r != 0) != (arg != 0));
        DECREF(item);
        DISPATCH();
    }
    TARGET(JUMP) {
        if ((int)arg < ip) {
            CHECK_BREAKER();
            SPEND_BUDGET();
        }
        ip = (int)arg;
        DISPATCH();
    }
    TARGET(POP_JUMP_IF_FALSE) {
        GObject *v = POP();
        if (v == G_FALSE || v == G_NONE) {
            ip = (int)arg;
        } else if (v != G_TRUE) {
            int t = g_truthy(v);
            DECREF(v);
            if (t < 0)
                goto error;
            if (!t)
                ip = (int)arg;
            DISPATCH();
        }
        DECREF(v);
        DISPATCH();
    }
    TARGET(POP_JUMP_IF_TRUE) {
        GObject *v = POP();
        if (v == G_TRUE) {
            ip = (int)arg;
        } else if (v != G_FALSE && v != G_NONE) {
            int t = g_truthy(v);
            DECREF(v);
            if (t < 0)
                goto error;
            if (t)
                ip = (int)arg;
            DISPATCH();
        }
        DECREF(v);
        DISPATCH();
    }
    TARGET(JUMP_IF_FALSE_OR_POP) {
        GObject *v = TOP();
        int t = g_truthy(v);
        if (t < 0)
            goto error;
        if (!t) {
            ip = (int)arg;
        } else {
            (void)POP();
            DECREF(v);
        }
        DISPATCH();
    }
    TARGET(JUMP_IF_TRUE_OR_POP) {
        GObject *v = TOP();
        int t = g_truthy(v);
        if (t < 0)
            goto error;
        if (t) {
            ip = (int)arg;
        } else {
            (void)POP();
            DECREF(v);
        }
        DISPATCH();
    }
    TARGET(GET_ITER) {
        GObject *v = TOP();
        RACE(g_race_whole(v, false));
        GObject *it = g_iter(v);
        if (!it)
            goto error;
        TOP() = it;
        DECREF(v);
        DISPATCH();
    }
    TARGET(FOR_ITER) {
        GObject *it = TOP();
        GObject *v = G_TYPE(it)->tp_iternext(it);
        if (v) {
            PUSH(v);
            DISPATCH();
        }
        if (g_err_occurred()) {
            if (!g_err_matches(&GExc_StopIteration))
                goto error;
            g_err_clear();
        }
        (void)POP();
        DECREF(it);
        ip = (int)arg;
        DISPATCH();
    }
#include "vm/eval_build.h"
    TARGET(MAKE_FUNCTION) {
        GObject *qualname = POP();
        GCode *fco = (GCode *)POP();
        GObject *closure = (arg & MF_CLOSURE) ? POP() : NULL;
        GObject *annotations = (arg & MF_ANNOTATIONS) ? POP() : NULL;
        GObject *kwdefaults = (arg & MF_KWDEFAULTS) ? POP() : NULL;
        GObject *defaults = (arg & MF_DEFAULTS) ? POP() : NULL;
        GFunction *fn = (GFunction *)g_function_new(fco, globals, qualname);
        DECREF(qualname);
        DECREF((GObject *)fco);
        if (fn && annotations && g_function_set_annotations((GObject *)fn, annotations) < 0) {
            DECREF((GObject *)fn);
            fn = NULL;
        }
        XDECREF(annotations);
        if (!fn) {
            XDECREF(closure);
            XDECREF(kwdefaults);
            XDECREF(defaults);
            goto error;
        }
        fn->closure = closure;
        fn->kwdefaults = kwdefaults;
        fn->defaults = defaults;
        if (arg & MF_DEFER)
            g_set_deferred((GObject *)fn);   /* defined once (compiler_internal.h) */
        PUSH((GObject *)fn);
        DISPATCH();
    }
    TARGET(RETURN_VALUE) {
        retval = POP();
        G_ASSERT(sp == stack_base);   /* the compiler unwound every block's values */
#if !EVAL_STEPPED
        if (f->inlined)
            goto return_inline;
#endif
        goto exit_frame;
    }
    TARGET(YIELD_VALUE) {
        retval = POP();
        f->sp = sp;
        f->ip = ip;
        ts->frame = f->back;
        ts->depth--;
        return retval;
    }
    TARGET(SEND) {
        GObject *v = TOP(), *it = SECOND(), *out;
        GObject *exc = delegated_exc;
        delegated_exc = NULL;
        f->sp = sp;
        f->lasti = ip - 1;
        int st = g_gen_delegate(it, v, exc, &out);
        if (st < 0)
            goto error;
        DECREF(v);
        if (st == 0) {          /* it yielded: pass the value out (YIELD_VALUE 1) */
            TOP() = out;
            DISPATCH();
        }
        (void)POP();            /* it returned: that is the expression's value */
        TOP() = out;
        DECREF(it);
        ip = (int)arg;
        DISPATCH();
    }
    TARGET(GET_AWAITABLE) {
        GObject *v = TOP();
        GObject *it = g_eval_awaitable_for(v, (int)arg);
        if (!it)
            goto error;
        TOP() = it;
        DECREF(v);
        DISPATCH();
    }
    TARGET(GET_AITER) {
        GObject *v = TOP();
        GObject *it = g_eval_aiter(v);
        if (!it)
            goto error;
        TOP() = it;
        DECREF(v);
        DISPATCH();
    }
    TARGET(GET_ANEXT) {
        f->sp = sp;
        f->lasti = ip - 1;
        GObject *aw = g_eval_anext(TOP());
        if (!aw)
            goto error;
        PUSH(aw);
        DISPATCH();
    }
    TARGET(END_ASYNC_FOR) {
        GObject *exc = POP();
        if (!g_exc_matches(exc, (GObject *)&GExc_StopAsyncIteration)) {
            g_err_restore(exc);
            reraise = true;
            goto error;
        }
        DECREF(exc);
        GBlock *b = &f->blocks[--f->nblocks];   /* the handler block: the loop is over */
        g_setref(&ts->exc_info, b->saved_exc);
        DECREF(POP());                        /* the async iterator */
        DISPATCH();
    }
    TARGET(BEFORE_ASYNC_WITH) {
        GObject *mgr = TOP(), *aexit;
        f->sp = sp;
        f->lasti = ip - 1;
        GObject *aw = g_eval_async_with(mgr, &aexit);
        if (!aw)
            goto error;
        TOP() = aexit;
        DECREF(mgr);
        PUSH(aw);
        DISPATCH();
    }
    TARGET(SETUP_ASYNC_WITH) {
        GObject *res = POP();
        GBlock *b = &f->blocks[f->nblocks++];
        b->kind = BLOCK_EXCEPT;
        b->handler = (int)arg;
        b->level = (int)(sp - stack_base);
        b->saved_exc = NULL;
        PUSH(res);
        DISPATCH();
    }
#include "vm/eval_blocks.h"
    TARGET(LOAD_BUILD_CLASS) {
        GObject *bc = g_dict_get_str(builtins, "__build_class__");
        if (!bc) {
            g_raise(&GExc_NameError, "__build_class__ not found");
            goto error;
        }
        PUSH(NEWREF(bc));
        DISPATCH();
    }
    TARGET(LOAD_ASSERTION_ERROR) {
        PUSH(NEWREF((GObject *)&GExc_AssertionError));
        DISPATCH();
    }
    TARGET(FORMAT_VALUE) {
        GObject *spec = (arg & FVS_HAVE_SPEC) ? POP() : NULL;
        GObject *v = TOP();
        GObject *r = g_eval_format_value(v, (int)(arg & 3), spec);
        XDECREF(spec);
        if (!r)
            goto error;
        TOP() = r;
        DECREF(v);
        DISPATCH();
    }
    TARGET(BUILD_STRING) {
        GBuf b;
        g_buf_init(&b);
        for (int i = (int)arg; i >= 1; i--)
            g_buf_put_obj(&b, PEEK(i));
        for (int i = 0; i < (int)arg; i++)
            DECREF(POP());
        GObject *s = g_buf_finish(&b);
        if (!s)
            goto error;
        PUSH(s);
        DISPATCH();
    }
    TARGET(IMPORT_NAME) {
        f->sp = sp;
        f->lasti = ip - 1;
        GObject *m = g_import_module(names[arg]);
        if (!m)
            goto error;
        PUSH(m);
        DISPATCH();
    }
    TARGET(IMPORT_FROM) {
        GObject *m = TOP();
        GObject *v = g_eval_import_from(m, names[arg]);
        if (!v)
            goto error;
        PUSH(v);
        DISPATCH();
    }
    TARGET(IMPORT_STAR) {
        GObject *m = POP();
        int r = g_eval_import_star(m, f->locals ? f->locals : globals);
        DECREF(m);
        if (r < 0)
            goto error;
        DISPATCH();
    }
#if !EVAL_STEPPED
#include "vm/eval_specialized.h"
#endif
#undef BINARY_RESULT

    TARGET(PRINT_EXPR) {
        GObject *v = POP();
        int r = g_eval_print_expr(builtins, v);
        DECREF(v);
        if (r < 0)
            goto error;
        DISPATCH();
    }

error:
    f->lasti = ip - 1;
    if (!g_err_occurred())
        g_raise(&GExc_SystemError, "error return without exception set");
    if (!reraise && ts->cur_exc)
        g_exc_add_traceback(ts->cur_exc, co, f->lasti);
    reraise = false;
    while (f->nblocks > 0) {
        GBlock *b = &f->blocks[--f->nblocks];
        GObject **level = stack_base + b->level;
        while (sp > level)
            XDECREF(POP());
        if (b->kind == BLOCK_HANDLER) {
            g_setref(&ts->exc_info, b->saved_exc);
            continue;
        }
        /* b's slot becomes the handler block: read it before overwriting */
        int handler = b->handler, blevel = b->level;
        GObject *exc = g_err_fetch();
        GBlock *h = &f->blocks[f->nblocks++];
        h->kind = BLOCK_HANDLER;
        h->level = blevel;
        h->handler = -1;
        h->saved_exc = ts->exc_info;
        ts->exc_info = NEWREF(exc);
        PUSH(exc);
        ip = handler;
        DISPATCH();
    }
    while (sp > stack_base)
        XDECREF(POP());
    retval = NULL;
#if !EVAL_STEPPED
    if (f->inlined)
        goto return_inline;   /* the caller, in this same loop, sees the error */
#endif

exit_frame:
    /* a returning frame leaves no handler blocks behind */
    while (f->nblocks > 0) {
        GBlock *b = &f->blocks[--f->nblocks];
        if (b->kind == BLOCK_HANDLER)
            g_setref(&ts->exc_info, b->saved_exc);
    }
    f->sp = sp;
    f->ip = -1;           /* finished: a generator's frame cannot resume */
    ts->frame = f->back;
    ts->depth--;
    return retval;

}

#undef CHECK_BREAKER
#undef LOAD_FRAME
#undef SPECIALIZE
#undef GENERIC
#undef DEOPT
#undef RACE
#undef DISPATCH
#undef G_OP_TARGET
#undef TARGET
