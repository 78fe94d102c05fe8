/* eval_specialized.h -- the specialized instructions, part of the body of the eval
 * loop (eval_loop.h includes it in the ordinary copy only; the stepped copy runs
 * each as its generic form).
 *
 * vm/specialize.c explains where these come from and why they are safe while other
 * threads run and rewrite the same code.  Each handler reads its inline cache
 * (g_cache_load: stable, and filled for this opcode), checks its guard, and does the
 * rest of its generic form's work.  If the guard fails, DEOPT counts the miss and
 * jumps to the generic form's code (GENERIC(...) in eval_loop.h), which does the
 * whole job as if nothing had been cached.  Not a header to include anywhere else.
 */

    /* LOAD_GLOBAL_MODULE: a global read.
     * Guards: the module dict's table still carries the tag the cache was filled
     * under, so the name is still entry `ix` (and the entry is not empty).
     * Falls back to: LOAD_GLOBAL. */
    TARGET(LOAD_GLOBAL_MODULE) {
        uint32_t tag;
        uintptr_t ix;
        GObject *v;
        if (!g_cache_load(&co->caches[ip - 1], OP_LOAD_GLOBAL_MODULE, &tag, &ix, NULL) ||
            !(v = g_dict_versioned_value(globals, tag, (int64_t)ix)))
            DEOPT(LOAD_GLOBAL);
        PUSH(NEWREF(v));
        DISPATCH();
    }
    /* LOAD_GLOBAL_BUILTIN: a builtin (len, range, print ...) read by name.
     * Guards: the module dict's table still carries its tag (so it still has no
     * such global), and builtins' table its own (the name is still entry `ix`).
     * Falls back to: LOAD_GLOBAL. */
    TARGET(LOAD_GLOBAL_BUILTIN) {
        uint32_t gtag, btag;
        uintptr_t ix;
        GObject *v;
        if (!g_cache_load(&co->caches[ip - 1], OP_LOAD_GLOBAL_BUILTIN, &gtag, &ix, &btag) ||
            !g_dict_has_version(globals, gtag) || !(v = g_dict_versioned_value(builtins, btag, (int64_t)ix)))
            DEOPT(LOAD_GLOBAL);
        PUSH(NEWREF(v));
        DISPATCH();
    }
    /* LOAD_ATTR_INSTANCE: `o.x` where x is in o's own __dict__.
     * Guards: type(o)'s tag (no data descriptor x appeared along its MRO, and its
     * __getattribute__ is still the generic one) -- or, for another type, the same
     * answer from the type cache (g_spec_plain_attr); o's dict has x at entry `ix`
     * (instances made by one __init__ lay their dicts out alike).  A hit through
     * the type cache for the very class the cache was filled for (aux) means the
     * class changed: that counts as a miss, so the site is specialized again under
     * the class's new tag; another class (a polymorphic site) is simply served.
     * Falls back to: LOAD_ATTR. */
    TARGET(LOAD_ATTR_INSTANCE) {
        GObject *o = TOP();
        uint32_t tag;
        uintptr_t ix;
        GObject *d, *v;
        bool exact = false;
        uint32_t owner;
        if (!g_cache_load(&co->caches[ip - 1], OP_LOAD_ATTR_INSTANCE, &tag, &ix, &owner) ||
            !((exact = g_spec_type_guard(o, tag, NULL, false)) || g_spec_plain_attr(o, names[arg], false)) ||
            !(d = g_spec_instance_dict(o)) ||
            !(v = g_dict_entry_value(d, (int64_t)ix, names[arg])))
            DEOPT(LOAD_ATTR);
        if (!exact && owner == g_spec_type_id(G_TYPE(o)))
            g_specialize_missed(co, ip - 1);   /* its class changed: respecialize in time */
        TOP() = NEWREF(v);
        DECREF(o);
        DISPATCH();
    }
    /* LOAD_ATTR_CLASS: `o.LIMIT`, a class attribute that is not a descriptor.
     * Guards: type(o)'s tag (the MRO still gives this object); o's dict, if it has
     * one, does not shadow it.
     * Falls back to: LOAD_ATTR. */
    TARGET(LOAD_ATTR_CLASS) {
        GObject *o = TOP();
        uint32_t tag;
        uintptr_t attr;
        if (!g_cache_load(&co->caches[ip - 1], OP_LOAD_ATTR_CLASS, &tag, &attr, NULL) ||
            !g_spec_type_guard(o, tag, names[arg], true))
            DEOPT(LOAD_ATTR);
        TOP() = NEWREF((GObject *)attr);
        DECREF(o);
        DISPATCH();
    }
    /* LOAD_ATTR_PROPERTY: `o.norm`, a property: its getter is called on o.
     * Guards: type(o)'s tag (the MRO still gives this property, which wins over
     * the instance dict as any data descriptor does).
     * Falls back to: LOAD_ATTR. */
    TARGET(LOAD_ATTR_PROPERTY) {
        GObject *o = TOP();
        uint32_t tag;
        uintptr_t prop;
        GObject *fget;
        if (!g_cache_load(&co->caches[ip - 1], OP_LOAD_ATTR_PROPERTY, &tag, &prop, NULL) ||
            !g_spec_type_guard(o, tag, NULL, false) ||
            !(fget = ((GProperty *)prop)->fget) || fget == G_NONE)
            DEOPT(LOAD_ATTR);
        f->sp = sp;
        f->lasti = ip - 1;
        INCREF(fget);   /* the getter may take the property off the class */
        GObject *v = G_TYPE(fget) == &GFunction_type ? g_function_call(fget, &o, 1, NULL) : g_call(fget, &o, 1, NULL);
        DECREF(fget);
        if (!v)
            goto error;
        TOP() = v;
        DECREF(o);
        DISPATCH();
    }
    /* LOAD_METHOD_CACHED: `o.m(...)`'s lookup, m a function or built-in method of
     * type(o): pushes [m, o] as LOAD_METHOD does, without a bound method.
     * Guards: type(o)'s tag (the MRO still gives m); o's dict, if any, has no m.
     * Falls back to: LOAD_METHOD. */
    TARGET(LOAD_METHOD_CACHED) {
        GObject *o = TOP();
        uint32_t tag;
        uintptr_t m;
        if (!g_cache_load(&co->caches[ip - 1], OP_LOAD_METHOD_CACHED, &tag, &m, NULL) ||
            !g_spec_type_guard(o, tag, names[arg], true))
            DEOPT(LOAD_METHOD);
        TOP() = NEWREF((GObject *)m);
        PUSH(o);
        DISPATCH();
    }
    /* LOAD_METHOD_SUPER: `super().m(...)`'s lookup on a super object s: pushes
     * [m, s's object] as LOAD_METHOD_CACHED does, without a bound method, so the
     * call that follows is an inline call like any other method's.
     * Guards: s is an exact super of an instance (not a classmethod's); its object's
     * type still has the tag the cache was filled under, and its MRO s's class at
     * the place cached (g_spec_super_method).  The instance dict plays no part: a
     * super() lookup never reads it.
     * Falls back to: LOAD_METHOD. */
    TARGET(LOAD_METHOD_SUPER) {
        GObject *o = TOP();
        GObject *m;
        if (G_TYPE(o) != &GSuper_type ||
            !(m = g_spec_super_method(&co->caches[ip - 1], ((GSuper *)o)->obj, (GObject *)((GSuper *)o)->type)))
            DEOPT(LOAD_METHOD);
        TOP() = NEWREF(m);
        PUSH(NEWREF(((GSuper *)o)->obj));
        DECREF(o);   /* the super object; its object lives on in the stack's reference */
        DISPATCH();
    }
    /* LOAD_GLOBAL_SUPER: the `super` of `super().m(...)` in a method, which is the
     * builtin: does this instruction, the CALL 0 and the LOAD_METHOD m after it at
     * once, pushing [m, self] -- the super object is never made.  It is what
     * g_super_from_frame and LOAD_METHOD_SUPER would do: the class from the
     * __class__ cell (its place in the upper half of the cache's entry number), self
     * from the first local as it is now.
     * Guards: as LOAD_GLOBAL_BUILTIN's (no global `super`, builtins' entry unmoved);
     * the entry still holds the super type; self is set and the cell filled; the
     * LOAD_METHOD's own cache, filled as LOAD_METHOD_SUPER, still holds for this
     * self and class (g_spec_super_method).  If only that last part fails, it goes
     * on as LOAD_GLOBAL_BUILTIN: super is pushed, the generic CALL makes the super
     * object and the LOAD_METHOD specializes (again) -- not a miss here.
     * Falls back to: LOAD_GLOBAL. */
    TARGET(LOAD_GLOBAL_SUPER) {
        uint32_t gtag, btag;
        uintptr_t packed;
        GObject *v;
        if (!g_cache_load(&co->caches[ip - 1], OP_LOAD_GLOBAL_SUPER, &gtag, &packed, &btag) ||
            !g_dict_has_version(globals, gtag) ||
            !(v = g_dict_versioned_value(builtins, btag, (int64_t)(uint32_t)packed)))
            DEOPT(LOAD_GLOBAL);
        GObject *self = fast[0], *cls, *m;
        G_ASSERT((int64_t)(packed >> 32) < co->nfrees);
        if (v == (GObject *)&GSuper_type && self &&
            (cls = g_cell_load((GCell *)cells[co->ncells + (int)(packed >> 32)])) &&
            (m = g_spec_super_method(&co->caches[ip + 1], self, cls))) {
            PUSH(NEWREF(m));
            PUSH(NEWREF(self));
            ip += 2;   /* past the CALL 0 and the LOAD_METHOD */
            DISPATCH();
        }
        PUSH(NEWREF(v));
        DISPATCH();
    }
    /* STORE_ATTR_INSTANCE: `o.x = v` where o's dict already has x.
     * Guards: type(o)'s tag (no data descriptor x, __setattr__ still the generic
     * one) -- or, for another type, the same answer from the type cache; o's dict
     * has x at entry `ix` -- checked again under the dict's lock, where the value is
     * replaced (g_dict_store_at).
     * Falls back to: STORE_ATTR. */
    TARGET(STORE_ATTR_INSTANCE) {
        GObject *o = TOP(), *v = SECOND();
        uint32_t tag;
        uintptr_t ix;
        GObject *d;
        bool exact = false;
        uint32_t owner;
        if (!g_cache_load(&co->caches[ip - 1], OP_STORE_ATTR_INSTANCE, &tag, &ix, &owner) ||
            !((exact = g_spec_type_guard(o, tag, NULL, false)) || g_spec_plain_attr(o, names[arg], true)) ||
            !(d = g_spec_instance_dict(o)) ||
            !g_dict_store_at(d, (int64_t)ix, names[arg], v))
            DEOPT(STORE_ATTR);
        if (!exact && owner == g_spec_type_id(G_TYPE(o)))
            g_specialize_missed(co, ip - 1);   /* its class changed: respecialize in time */
        sp -= 2;
        DECREF(o);
        DECREF(v);
        DISPATCH();
    }

    /* LOAD_FAST__BINARY_FF and LOAD_FAST__BINARY_FC: the superinstructions of
     * `a op b` and `a op 1` (compile/opcodes.h), written over the LOAD_FAST a of
     *     LOAD_FAST a; LOAD_FAST b (or LOAD_CONST 1); BINARY_OP op
     * by the assembler.  The three run as one, with the operands borrowed from the
     * frame's locals and the code's constants, which hold them throughout: no
     * reference is counted for them, and no float of theirs is taken for a
     * temporary.  Then ip skips the two instructions after, so an error is the
     * BINARY_OP's, as it would be.
     * Guards: both locals are bound, and -X specialize is on.
     * Falls back to: LOAD_FAST (the three instructions one by one). */
/* the three at once, a and b borrowed */
#define SUPERINSTRUCTION_BINARY() \
    do { \
        int op_ = (int)G_ARG(g_code_load(code, ip + 1)), how_; \
        ip += 2; \
        GObject *r_; \
        if (G_TYPE(a) == &GFloat_type && G_TYPE(b) == &GFloat_type && op_ <= NB_MUL) { \
            /* two floats, + - or *: the float forms' work (below), straight away */ \
            double x_ = ((GFloat *)a)->v, y_ = ((GFloat *)b)->v; \
            r_ = g_float_new(op_ == NB_ADD ? x_ + y_ : op_ == NB_SUB ? x_ - y_ : x_ * y_); \
        } else if (!(r_ = g_eval_fast_binop(ts, a, b, op_, &how_, true)) && how_ == G_FAST_NO) \
            r_ = G_TYPE(a) == &GStr_type && G_TYPE(b) == &GStr_type && op_ == NB_ADD \
                     ? g_str_concat(a, b) : g_binary_op(a, b, (GBinOp)op_); \
        if (!r_) \
            goto error; \
        PUSH(r_); \
        DISPATCH(); \
    } while (0)
    TARGET(LOAD_FAST__BINARY_FF) {
        GObject *a = fast[arg], *b = fast[G_ARG(g_code_load(code, ip))];
        if (__builtin_expect(!a || !b || !g_specialize_enabled, 0))
            goto L_GENERIC_LOAD_FAST;
        SUPERINSTRUCTION_BINARY();
    }
    TARGET(LOAD_FAST__BINARY_FC) {
        GObject *a = fast[arg], *b = consts[G_ARG(g_code_load(code, ip))];
        if (__builtin_expect(!a || !g_specialize_enabled, 0))
            goto L_GENERIC_LOAD_FAST;
        SUPERINSTRUCTION_BINARY();
    }
#undef SUPERINSTRUCTION_BINARY

    /* BINARY_OP_FLOAT_ADD, _SUB and _MUL, and their INPLACE_OP twins: a op b for two
     * floats (a float is immutable, so `a -= b` is `a - b`).  What the generic form
     * does for them less its questions: no small-int test, no switch on the
     * operator, no conversion.  The result goes into an operand that is a temporary,
     * as there (g_eval_float_result), and BINARY_RESULT finishes alike.
     * Guards: both operands are exactly floats (a subclass may define the operator).
     * Falls back to: BINARY_OP (INPLACE_OP). */
#define FLOAT_BINARY(NAME, GENERIC_NAME, OPERATOR) \
    TARGET(NAME) { \
        GObject *b = TOP(), *a = SECOND(); \
        if (__builtin_expect(G_TYPE(a) != &GFloat_type || G_TYPE(b) != &GFloat_type, 0)) \
            DEOPT(GENERIC_NAME); \
        sp--; \
        int how; \
        GObject *r = g_eval_float_result(ts, a, b, ((GFloat *)a)->v OPERATOR ((GFloat *)b)->v, &how, false); \
        BINARY_RESULT(); \
    }
    FLOAT_BINARY(BINARY_OP_FLOAT_ADD, BINARY_OP, +)
    FLOAT_BINARY(BINARY_OP_FLOAT_SUB, BINARY_OP, -)
    FLOAT_BINARY(BINARY_OP_FLOAT_MUL, BINARY_OP, *)
    FLOAT_BINARY(INPLACE_OP_FLOAT_ADD, INPLACE_OP, +)
    FLOAT_BINARY(INPLACE_OP_FLOAT_SUB, INPLACE_OP, -)
    FLOAT_BINARY(INPLACE_OP_FLOAT_MUL, INPLACE_OP, *)
#undef FLOAT_BINARY
