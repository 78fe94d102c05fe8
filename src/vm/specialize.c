/* specialize.c -- the specializing eval loop: rewriting an instruction into a form
 * for what it has seen, and keeping that safe with free threading.
 *
 * Most of an instruction's cost is finding out what to do.  `self.x` asks the type
 * for a data descriptor named x along its MRO, then probes the instance dict; a
 * global read probes the module dict, then builtins; a method call looks the name
 * up along the MRO again.  Yet at one place in a program the answer is nearly
 * always the same as last time.  So, as CPython 3.11 does (PEP 659), each such
 * instruction remembers its last answer in an inline cache -- one GInlineCache per
 * instruction, in its code object -- and is rewritten into a specialized form that
 * checks a cheap guard ("is this still the situation I cached?") and then does only
 * the rest.  The forms, what they keep and what they guard on:
 *
 *   form                 cache: version / data / aux            guard
 *   LOAD_GLOBAL_MODULE   module table's tag / entry number      globals' table has the tag
 *   LOAD_GLOBAL_BUILTIN  module table's tag / entry / builtins'  both tables have their tags
 *   LOAD_ATTR_INSTANCE   type's tag / entry / the type's id     type tag; entry holds the name
 *   LOAD_ATTR_CLASS      type's tag / the class attribute       type tag; not in instance dict
 *   LOAD_ATTR_PROPERTY   type's tag / the property              type tag
 *   LOAD_METHOD_CACHED   type's tag / the function              type tag; not in instance dict
 *   LOAD_METHOD_SUPER    type(self)'s tag / the function / where  tag; cls still at `where`
 *                        cls is in type(self).__mro__               in the MRO
 *   LOAD_GLOBAL_SUPER    as LOAD_GLOBAL_BUILTIN, the __class__     as LOAD_GLOBAL_BUILTIN, and
 *                        cell's place packed into the entry's       the next LOAD_METHOD's
 *                        upper half                                 cache (LOAD_METHOD_SUPER)
 *   STORE_ATTR_INSTANCE  type's tag / entry / the type's id     type tag; entry holds the name
 *   BINARY_OP_FLOAT_ADD  nothing (also _SUB, _MUL, and the       both operands exactly floats
 *                        INPLACE_OP_FLOAT_ forms)
 *
 * A type's tag (objects/typecache.c) names the state of every namespace along its
 * MRO; a dict table's tag (objects/dict.c) names its set of keys.  Any change that
 * could alter a cached answer drops the tag, and tags are never reused, so a stale
 * cache just stops matching: no change ever has to find the caches that depend on
 * it.  When a guard fails the generic code runs, and after G_SPEC_MISSES failures
 * the instruction goes back to its generic form (specialize.h draws the states).
 *
 * What a specialized form may rely on, and why:
 *   - A type tag that still matches means the lookup along the MRO would return
 *     the same object, the type's tp_getattr/tp_setattr are unchanged (a dunder
 *     change drops the tag), and its dictoffset is what it was (it never changes).
 *   - A cached object (a function, a property, a class attribute) is borrowed from
 *     a class's dict.  If another thread replaces it just after our guard passed,
 *     the dict hands the old value to QSBR (runtime/qsbr.h) instead of dropping it,
 *     so it stays alive until this thread's next quiescent point -- after this
 *     instruction.  Only objects of built-in types are cached: an instance of a
 *     class could become a data descriptor later (its class gains __set__) without
 *     the owner's tag changing.
 *   - An entry number is always checked against the entry's key, or the table's
 *     tag, before its value is used, and values are read fresh: replacing a value
 *     (`count += 1` on a global) does not disturb any cache.
 *
 * Threads.  Caches and opcodes are shared by every thread running the code, and any
 * of them may specialize an instruction while others execute it.  So:
 *   - The opcode is rewritten with one relaxed atomic store of the whole word (the
 *     argument is kept).  It only chooses the handler; every handler is correct
 *     whatever the cache holds, so no ordering with the cache is needed.
 *   - The cache is a seqlock (GInlineCache): a writer makes seq odd, writes, makes
 *     it even; a reader accepts what it read only if seq was even and unchanged, and
 *     if the cache was filled for its own opcode (two threads may specialize one
 *     instruction two ways at once; the opcode may end up naming the other way).
 *     A writer that finds another writer in the cache leaves it to that one.
 *   - A hit writes nothing shared: two threads running the same specialized loop
 *     never bounce a cache line between cores, which is what keeps two threads at
 *     twice one thread's speed with the GIL off.  Only tries and misses write (the
 *     counters, relaxed: they are estimates).
 *   - The stepped copy of the loop (a controlled scheduler, --race) never
 *     specializes and runs every specialized opcode as its generic form, so
 *     stepping, race detection and schedule search see the compiler's instructions.
 *
 * -X specialize=0 turns the tries off: every instruction stays generic, so a lesson
 * can show what specialization is worth.
 */
#include "vm/specialize.h"

#include "compile/opcodes.h"

bool g_specialize_enabled = true;

/* The writer side of the seqlock; false: another writer is in it (nothing done). */
static bool cache_store(GInlineCache *c, int op, uint32_t version, uintptr_t data, uint32_t aux)
{
    uint32_t s = atomic_load_explicit(&c->seq, memory_order_relaxed);
    if ((s & 1) ||
        !atomic_compare_exchange_strong_explicit(&c->seq, &s, s + 1, memory_order_relaxed, memory_order_relaxed))
        return false;
    /* release fence: a reader that sees any field written below also sees the odd
     * seq when it loads seq again after its acquire fence (specialize.h) */
    atomic_thread_fence(memory_order_release);
    atomic_store_explicit(&c->op, (uint8_t)op, memory_order_relaxed);
    atomic_store_explicit(&c->version, version, memory_order_relaxed);
    atomic_store_explicit(&c->data, data, memory_order_relaxed);
    atomic_store_explicit(&c->aux, aux, memory_order_relaxed);
    /* release: a reader whose acquire load finds s + 2 sees every field */
    atomic_store_explicit(&c->seq, s + 2, memory_order_release);
    return true;
}

static void set_opcode(GCode *co, int i, int op)
{
    uint32_t w = g_code_load(co->code, i);
    g_code_store(co->code, i, G_INSTR(op, G_ARG(w)));
}

/* Instruction i becomes `op`, with this cache. */
static void specialize(GCode *co, int i, int op, uint32_t version, uintptr_t data, uint32_t aux)
{
    G_ASSERT(g_opcode_base[op] == g_opcode_base[G_OP(g_code_load(co->code, i))]);
    GInlineCache *c = &co->caches[i];
    if (!cache_store(c, op, version, data, aux))
        return;
    atomic_store_explicit(&c->count, G_SPEC_MISSES, memory_order_relaxed);
    set_opcode(co, i, op);
}

/* A try found nothing to specialize: wait twice as long as last time before the
 * next, and after 12 tries (about 32,000 executions) give up on this site. */
static void back_off(GCode *co, int i)
{
    GInlineCache *c = &co->caches[i];
    unsigned tries = atomic_load_explicit(&c->count, memory_order_relaxed);
    uint16_t b = tries >= 12 ? G_SPEC_NEVER : (uint16_t)(G_SPEC_FIRST_BACKOFF << tries);
    atomic_store_explicit(&c->count, (uint8_t)(tries + 1), memory_order_relaxed);
    atomic_store_explicit(&c->backoff, b, memory_order_relaxed);
}

void g_specialize_missed(GCode *co, int i)
{
    GInlineCache *c = &co->caches[i];
    unsigned left = atomic_load_explicit(&c->count, memory_order_relaxed);
    if (left > 1) {
        atomic_store_explicit(&c->count, (uint8_t)(left - 1), memory_order_relaxed);
        return;
    }
    /* the situation changed for good, it seems: generic again, and a new try soon */
    atomic_store_explicit(&c->count, 0, memory_order_relaxed);
    atomic_store_explicit(&c->backoff, G_SPEC_DEOPT_BACKOFF, memory_order_relaxed);
    set_opcode(co, i, g_opcode_base[G_OP(g_code_load(co->code, i))]);
}

static GObject *name_of(GCode *co, int i)
{
    return G_TUPLE_ITEM(co->names, G_ARG(g_code_load(co->code, i)));
}

/* Is instruction i (a LOAD_GLOBAL of the builtin super) the start of `super().m(...)`
 * in a method, which LOAD_GLOBAL_SUPER can do without a super object?  That is:
 * CALL 0 and a LOAD_METHOD follow; the function has a first argument, kept in its
 * own slot (not moved into a cell, which g_super_from_frame would read instead);
 * and a free variable __class__, the cell the class statement fills.  Returns the
 * free variable's number, or -1.  The two instructions after i keep their generic
 * forms' opcodes (specialization never changes what an instruction is), so what is
 * checked here holds for the life of the code. */
static int super_call_site(GCode *co, int i)
{
    if (i + 2 >= co->ncode || co->argcount < 1)
        return -1;
    uint32_t call = g_code_load(co->code, i + 1), load = g_code_load(co->code, i + 2);
    if (g_opcode_base[G_OP(call)] != OP_CALL || G_ARG(call) != 0 || g_opcode_base[G_OP(load)] != OP_LOAD_METHOD)
        return -1;
    for (int c = 0; c < co->ncells; c++)
        if (co->cell2arg && co->cell2arg[c] == 0)
            return -1;
    for (int v = 0; v < co->nfrees; v++)
        if (g_str_eq_cstr(G_TUPLE_ITEM(co->freevars, v), "__class__"))
            return v;
    return -1;
}

void g_specialize_load_global(GCode *co, int i, GObject *globals, GObject *builtins)
{
    GObject *name = name_of(co, i);
    int64_t gix, bix;
    uint32_t gv = G_TYPE(globals) == &GDict_type ? g_dict_lookup_versioned(globals, name, &gix) : 0;
    if (!gv) {
        back_off(co, i);
        return;
    }
    if (gix >= 0) {
        specialize(co, i, OP_LOAD_GLOBAL_MODULE, gv, (uintptr_t)gix, 0);
        return;
    }
    uint32_t bv = G_TYPE(builtins) == &GDict_type ? g_dict_lookup_versioned(builtins, name, &bix) : 0;
    if (!bv || bix < 0 || bix > INT32_MAX) {
        back_off(co, i);   /* a NameError: nothing worth remembering */
        return;
    }
    int cell = g_dict_versioned_value(builtins, bv, bix) == (GObject *)&GSuper_type ? super_call_site(co, i) : -1;
    if (cell >= 0)
        specialize(co, i, OP_LOAD_GLOBAL_SUPER, gv, (uintptr_t)bix | ((uintptr_t)cell << 32), bv);
    else
        specialize(co, i, OP_LOAD_GLOBAL_BUILTIN, gv, (uintptr_t)bix, bv);
}

/* What the MRO holds under name, if a specialized form may keep it: NULL (nothing)
 * is fine; so is an object of a built-in type (see the note at the top). */
static bool cacheable_descr(GObject *descr)
{
    return !descr || !(G_TYPE(descr)->flags & G_TPFLAG_HEAPTYPE);
}

/* type(owner)'s tag, and what its MRO holds under name in *descr, if the type's
 * attribute access is the generic one (0: it is not, or the type cannot be tagged). */
static uint32_t tag_and_lookup(GObject *owner, GObject *name, bool store, GObject **descr)
{
    GType *t = G_TYPE(owner);
    bool generic = store ? t->tp_setattr == g_generic_setattr : t->tp_getattr == g_generic_getattr;
    uint32_t tv = generic ? g_type_version(t) : 0;
    *descr = tv ? g_type_lookup(t, name) : NULL;
    return tv;
}

void g_specialize_load_attr(GCode *co, int i, GObject *owner)
{
    GObject *name = name_of(co, i), *descr;
    uint32_t tv = tag_and_lookup(owner, name, false, &descr);
    if (!tv || !cacheable_descr(descr)) {
        back_off(co, i);
        return;
    }
    GType *dt = descr ? G_TYPE(descr) : NULL;
    if (dt == &GProperty_type) {
        /* a data descriptor: it wins over the instance dict (object.c) */
        specialize(co, i, OP_LOAD_ATTR_PROPERTY, tv, (uintptr_t)descr, 0);
        return;
    }
    if (dt && dt->tp_descr_get && dt->tp_descr_set) {
        back_off(co, i);   /* a getset of a built-in type: left to g_getattr */
        return;
    }
    GObject *d = g_spec_instance_dict(owner);
    int64_t ix = d ? g_dict_entry_of(d, name) : -1;
    if (ix >= 0) {
        specialize(co, i, OP_LOAD_ATTR_INSTANCE, tv, (uintptr_t)ix, g_spec_type_id(G_TYPE(owner)));
        return;
    }
    if (descr && !dt->tp_descr_get) {
        specialize(co, i, OP_LOAD_ATTR_CLASS, tv, (uintptr_t)descr, 0);
        return;
    }
    back_off(co, i);   /* a method read as a value (a bound method is made), or missing */
}

/* `super().m` (or super(C, self).m): the function the MRO of type(self) has after C.
 * The tag is read before the walk (typecache.c's ordering): a change made while it
 * runs drops the tag the cache is filled under. */
static void specialize_super_method(GCode *co, int i, GSuper *s, GObject *name)
{
    GType *t = s->obj_type;
    uint32_t tv = g_is_type(s->obj) || g_str_eq_cstr(name, "__class__") ? 0 : g_type_version(t);
    GTuple *mro = (GTuple *)t->mro;
    int64_t k = 0;
    while (tv && mro && k < mro->size && mro->items[k] != (GObject *)s->type)
        k++;
    GObject *m = NULL;
    for (int64_t j = k + 1; tv && mro && j < mro->size && !m; j++) {
        GType *b = (GType *)mro->items[j];
        m = b->dict ? g_dict_get_interned(b->dict, name) : NULL;
    }
    if (!m || (G_TYPE(m) != &GFunction_type && G_TYPE(m) != &GMethodDescr_type) || k > UINT32_MAX) {
        back_off(co, i);   /* a classmethod's super, a property, a class attribute... */
        return;
    }
    specialize(co, i, OP_LOAD_METHOD_SUPER, tv, (uintptr_t)m, (uint32_t)k);
}

void g_specialize_load_method(GCode *co, int i, GObject *owner)
{
    GObject *name = name_of(co, i), *m;
    if (G_TYPE(owner) == &GSuper_type) {
        specialize_super_method(co, i, (GSuper *)owner, name);
        return;
    }
    uint32_t tv = tag_and_lookup(owner, name, false, &m);
    GObject *d = g_spec_instance_dict(owner);
    if (!m || (G_TYPE(m) != &GFunction_type && G_TYPE(m) != &GMethodDescr_type) ||
        (d && g_dict_get_interned(d, name))) {
        back_off(co, i);
        return;
    }
    specialize(co, i, OP_LOAD_METHOD_CACHED, tv, (uintptr_t)m, 0);
}

void g_specialize_store_attr(GCode *co, int i, GObject *owner)
{
    GObject *name = name_of(co, i), *descr;
    uint32_t tv = tag_and_lookup(owner, name, true, &descr);
    GObject *d = g_spec_instance_dict(owner);
    int64_t ix = d ? g_dict_entry_of(d, name) : -1;
    if (!tv || !cacheable_descr(descr) || (descr && G_TYPE(descr)->tp_descr_set) || ix < 0) {
        back_off(co, i);   /* a setter runs, or the attribute is new (__init__) */
        return;
    }
    specialize(co, i, OP_STORE_ATTR_INSTANCE, tv, (uintptr_t)ix, g_spec_type_id(G_TYPE(owner)));
}

void g_specialize_binary_op(GCode *co, int i, GObject *a, GObject *b)
{
    /* the forms by generic opcode and operator; they keep nothing in the cache:
     * their guard is the operands' types, and an operator is the instruction's
     * argument, fixed for the life of the code */
    static const uint8_t floats[2][NB_MUL + 1] = {
        {OP_BINARY_OP_FLOAT_ADD, OP_BINARY_OP_FLOAT_SUB, OP_BINARY_OP_FLOAT_MUL},
        {OP_INPLACE_OP_FLOAT_ADD, OP_INPLACE_OP_FLOAT_SUB, OP_INPLACE_OP_FLOAT_MUL},
    };
    uint32_t w = g_code_load(co->code, i);
    bool inplace = g_opcode_base[G_OP(w)] == OP_INPLACE_OP;
    G_ASSERT(inplace || g_opcode_base[G_OP(w)] == OP_BINARY_OP);
    if (G_TYPE(a) == &GFloat_type && G_TYPE(b) == &GFloat_type && G_ARG(w) <= NB_MUL) {
        specialize(co, i, floats[inplace][G_ARG(w)], 0, 0, 0);
        return;
    }
    back_off(co, i);   /* division, powers: the generic path's tests are the work */
}

GObject *g_specialized_instructions(GCode *co)
{
    GObject *l = g_list_new(0);
    for (int i = 0; l && i < co->ncode; i++) {
        int op = (int)G_OP(g_code_load(co->code, i));
        if (op < OP_COUNT || g_op_is_superinstruction(op))
            continue;
        GObject *line = g_int_from_i64(g_code_line_at(co, i));
        GObject *generic = g_str_from_cstr(g_opcode_names[g_opcode_base[op]]);
        GObject *special = g_str_from_cstr(g_opcode_names[op]);
        GObject *t = line && generic && special ? g_tuple_pack(3, line, generic, special) : NULL;
        g_xdecref(line);
        g_xdecref(generic);
        g_xdecref(special);
        if (!t || g_list_append(l, t) < 0) {
            g_xdecref(t);
            g_decref(l);
            return NULL;
        }
        g_decref(t);
    }
    return l;
}
