/* object.h -- the object header every gilt value starts with, and the type object.
 *
 * Every value in gilt is a heap object that begins with a GObject header.  The
 * header has the free-threaded layout of PEP 703 (CPython 3.13t) and keeps it in
 * both GIL modes, so that a lesson can show the same bytes either way:
 *
 *   byte 0               8      10     11     12                16               24               32
 *        +---------------+------+------+------+-----------------+----------------+----------------+
 *        | ob_tid        |flags |mutex |gcbits| ob_ref_local    | ob_ref_shared  | ob_type        |
 *        | owning thread |16 bit|1 byte|8 bit | 32-bit, owner   | atomic, others | -> GType       |
 *        +---------------+------+------+------+-----------------+----------------+----------------+
 *
 *   ob_tid        The thread that created the object (its GThreadState address).
 *                 Biased refcounting: this thread counts in ob_ref_local with plain
 *                 loads and stores; every other thread counts atomically in
 *                 ob_ref_shared.  0 means "owned by nobody": every count is shared.
 *   ob_flags      Bits for the object's own type (int: is-big; str: ascii, interned).
 *   ob_mutex      The object's 1-byte lock (runtime/mutex.h), taken by critical sections.
 *   ob_gc_bits    Bits for the cycle collector (tracked, dead, reachable), see runtime/gc.h.
 *   ob_ref_local  Owner's count.  Two values are reserved markers, see refcount.h:
 *                   G_REFCNT_IMMORTAL  never counted, never freed (None, small ints, ...)
 *                   G_REFCNT_DEFERRED  not counted, freed only by the GC (functions, ...)
 *   ob_ref_shared Other threads' count, shifted left by 2.  The low 2 bits are the
 *                 merge state (refcount.h draws the state machine).
 *
 * The type object (GType) is itself an object: its header's ob_type is &GType_type.
 * Its slots are plain C function pointers; classes written in Python get slots that
 * look the dunder method up and call it (objects/class.c).
 */
#ifndef GILT_OBJECT_H
#define GILT_OBJECT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "runtime/mutex.h"

typedef struct GType GType;

/* Who writes each field, and so how it is typed.  A field another thread may read
 * while its writer changes it is _Atomic, and each access says its ordering (C11
 * <stdatomic.h>, the one atomics style of the tree): refcount.h and gc.h hold the
 * accessors and the reasons. */
typedef struct GObject {
    _Atomic uintptr_t ob_tid;          /* the owner; set to 0 once, by a merge */
    uint16_t ob_flags;                 /* set before the object is shared, then read-only */
    GMutex ob_mutex;                   /* any thread: critical sections */
    _Atomic uint8_t ob_gc_bits;        /* the allocator, reference counting, the collector */
    _Atomic uint32_t ob_ref_local;     /* the owner writes; others read it for the markers */
    _Atomic intptr_t ob_ref_shared;    /* any thread: atomic read-modify-writes */
    GType *ob_type;                    /* set at allocation */
} GObject;

_Static_assert(sizeof(GObject) == 32, "the object header is 32 bytes, as in CPython 3.13t");

#define G_TYPE(o) (((GObject *)(o))->ob_type)

/* ---- slot signatures -------------------------------------------------------------- */

/* Calls use one convention everywhere (CPython calls it "vectorcall"): positional and
 * keyword argument values in one array; kwnames is NULL or a tuple naming the last
 * len(kwnames) values. */
typedef GObject *(*GCallFn)(GObject *callable, GObject *const *args, size_t nargs, GObject *kwnames);
typedef GObject *(*GUnaryFn)(GObject *);
typedef GObject *(*GBinaryFn)(GObject *, GObject *);
typedef int (*GVisitFn)(GObject *, void *);

/* Binary operators, in the order of the BINARY_OP opcode's argument. */
typedef enum {
    NB_ADD, NB_SUB, NB_MUL, NB_TRUEDIV, NB_FLOORDIV, NB_MOD, NB_POW, NB_LSHIFT,
    NB_RSHIFT, NB_AND, NB_OR, NB_XOR, NB_MATMUL,
    NB_COUNT
} GBinOp;

/* Rich comparisons, in the order of the COMPARE_OP opcode's argument. */
typedef enum { CMP_LT, CMP_LE, CMP_EQ, CMP_NE, CMP_GT, CMP_GE } GCmpOp;

/* A C function exposed as a method: self is the receiver (or the module for
 * module functions, or NULL for plain builtins). */
typedef GObject *(*GMethodFn)(GObject *self, GObject *const *args, size_t nargs, GObject *kwnames);

typedef struct GMethodDef {
    const char *name;
    GMethodFn fn;
    int flags;              /* G_METH_STATIC, G_METH_CLASS */
    const char *doc;
} GMethodDef;
#define G_METH_STATIC 1
#define G_METH_CLASS 2

/* A computed attribute of a built-in type (x.real, exc.args, f.__name__). */
typedef struct GGetSetDef {
    const char *name;
    GObject *(*get)(GObject *self);
    int (*set)(GObject *self, GObject *value); /* NULL: read-only */
} GGetSetDef;

/* Type flags. */
#define G_TPFLAG_HEAPTYPE   0x0001u /* created by a class statement */
#define G_TPFLAG_BASETYPE   0x0002u /* may be subclassed */
#define G_TPFLAG_EXC        0x0004u /* BaseException or a subclass */
#define G_TPFLAG_INT        0x0008u /* int or a subclass (bool) */
#define G_TPFLAG_STR        0x0010u
#define G_TPFLAG_TUPLE      0x0020u
#define G_TPFLAG_LIST       0x0040u
#define G_TPFLAG_DICT       0x0080u
#define G_TPFLAG_TYPE       0x0100u
#define G_TPFLAG_GC         0x0200u /* instances may hold references: the GC tracks them */
#define G_TPFLAG_LEAF       0x0400u /* instances hold no references (int, float, str): freeing
                                     * one frees nothing else, so it needs no trashcan.  Not
                                     * inherited: a subclass's instances have a __dict__ */

struct GType {
    GObject ob;
    const char *name;
    size_t basicsize;          /* instance size in bytes (variable part not included) */
    size_t itemsize;           /* size of one item of the variable part, or 0 */
    uint32_t flags;
    ssize_t dictoffset;        /* offset of the instance __dict__ pointer, or 0 */
    GType *base;               /* the layout base (__base__); heap types hold a reference */
    GObject *bases;            /* heap types: the tuple of bases (__bases__); NULL if static */
    GObject *dict;             /* the type's namespace (a dict) */
    GObject *mro;              /* tuple of types, self first */
    /* any: names the state of the namespaces along the MRO; 0 = none yet.  Handed
     * out on first use, dropped (0) by g_type_modified (typecache.c) */
    _Atomic uint32_t version_tag;
    /* heap types: the classes that name this one as a base, as plain pointers (no
     * references: a subclass leaves the list first thing in its dealloc, so every
     * entry is a whole class).  Changed under g_runtime.types_mu; walked only with
     * the world stopped (class.c, g_type_slots_changed). */
    GType **subclasses;
    int32_t nsubclasses, subclasses_cap;
    GObject *heap_name;        /* str name of a heap type (keeps ->name alive) */
    GObject *heap_qualname;    /* str __qualname__ of a heap type (not in its dict, as in CPython) */
    GObject *module_name;      /* str, for repr of heap types */

    /* lifecycle */
    GObject *(*tp_new)(GType *type, GObject *const *args, size_t nargs, GObject *kwnames);
    int (*tp_init)(GObject *self, GObject *const *args, size_t nargs, GObject *kwnames);
    void (*tp_dealloc)(GObject *);
    int (*tp_traverse)(GObject *, GVisitFn, void *);
    void (*tp_clear)(GObject *);   /* drop the references that can form cycles (the collector) */

    /* protocols */
    GUnaryFn tp_repr;
    GUnaryFn tp_str;
    int64_t (*tp_hash)(GObject *);              /* -1 with an exception set on error */
    GObject *(*tp_richcompare)(GObject *, GObject *, GCmpOp);
    GObject *(*tp_getattr)(GObject *, GObject *name);
    int (*tp_setattr)(GObject *, GObject *name, GObject *value); /* value NULL: delete */
    GCallFn tp_call;
    GUnaryFn tp_iter;
    GUnaryFn tp_iternext;                       /* NULL, no exception: exhausted */
    GObject *(*tp_descr_get)(GObject *descr, GObject *obj, GType *type);
    int (*tp_descr_set)(GObject *descr, GObject *obj, GObject *value);

    /* numbers */
    GBinaryFn nb[NB_COUNT];
    GBinaryFn nb_inplace[NB_COUNT];             /* NULL: fall back to nb[] */
    GUnaryFn nb_neg, nb_pos, nb_abs, nb_invert;
    int (*nb_bool)(GObject *);                  /* -1 on error */
    GUnaryFn nb_int, nb_float, nb_index;

    /* containers */
    ssize_t (*sq_len)(GObject *);
    GBinaryFn mp_getitem;
    int (*mp_setitem)(GObject *, GObject *key, GObject *value); /* value NULL: delete */
    int (*sq_contains)(GObject *, GObject *);                    /* -1 on error */

    const GMethodDef *methods;
    const GGetSetDef *getsets;
    const char *doc;
};

/* A static (immortal) object header. */
#define G_STATIC_HEADER(type) \
    { .ob_tid = 0, .ob_flags = 0, .ob_mutex = { 0 }, .ob_gc_bits = 0, \
      .ob_ref_local = UINT32_MAX, .ob_ref_shared = 0, .ob_type = (type) }

extern GType GType_type, GObject_type, GNone_type, GNotImpl_type, GEllipsis_type;

/* The singletons (all immortal). */
extern GObject g_None_obj, g_NotImplemented_obj, g_Ellipsis_obj;
#define G_NONE (&g_None_obj)
#define G_NOTIMPL (&g_NotImplemented_obj)
#define G_ELLIPSIS (&g_Ellipsis_obj)

/* ---- type checks -------------------------------------------------------------------- */

bool g_type_is_subtype(GType *a, GType *b);
static inline bool g_is_type(GObject *o) { return G_TYPE(o)->flags & G_TPFLAG_TYPE; }
static inline bool g_isinstance_exact(GObject *o, GType *t) { return G_TYPE(o) == t; }
static inline bool g_isinstance(GObject *o, GType *t)
{
    return G_TYPE(o) == t || g_type_is_subtype(G_TYPE(o), t);
}

#endif
