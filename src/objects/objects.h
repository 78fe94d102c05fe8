/* objects.h -- the public face of every built-in type.
 *
 * One .c file per type lives beside this header (int.c, str.c, list.c, ...).  Each
 * section below is that file's interface: its struct, its type object and the
 * functions other layers may call.  Generic operations that work on any object
 * (repr, hash, compare, getattr, call, iterate) are in abstract.c.
 *
 * Reference conventions, as in CPython: a function returning GObject* returns a NEW
 * reference (or NULL with an exception set) unless its comment says "borrowed".
 * Arguments are borrowed unless the comment says "steals".
 */
#ifndef GILT_OBJECTS_H
#define GILT_OBJECTS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "objects/object.h"
#include "runtime/alloc.h"
#include "runtime/refcount.h"
#include "vm/errors.h"

/* ======================= object.c: object, type, None, NotImplemented ============ */

GObject *g_generic_getattr(GObject *o, GObject *name);
int g_generic_setattr(GObject *o, GObject *name, GObject *value);

/* ======================= typecache.c: version tags and the type lookup cache ====== */
/* What type.__mro__ holds under name (borrowed; NULL, no exception: nothing). */
GObject *g_type_lookup(GType *type, GObject *name);
/* type's version tag, handed out now if it has none; 0: cannot be cached. */
uint32_t g_type_version(GType *type);
/* A namespace along type's MRO changed (call after the change): type and every
 * subclass drop their tags, so every cache filed under them stops matching. */
void g_type_modified(GType *type);
/* Drop type's own tag only (the world is stopped, or type has no subclasses). */
void g_type_drop_version(GType *type);

/* Each thread's table of (tag, interned name) -> what the MRO holds (typecache.c
 * explains it); in the header for g_type_lookup_interned's hit. */
#define G_TYPE_CACHE_BITS 10
#define G_TYPE_CACHE_SIZE (1u << G_TYPE_CACHE_BITS)
typedef struct GTypeCacheEntry {
    uint32_t version;          /* 0: empty */
    GObject *name;             /* an interned str */
    GObject *value;            /* borrowed from a class's dict, or NULL: not found */
} GTypeCacheEntry;
extern _Thread_local GTypeCacheEntry g_type_cache[G_TYPE_CACHE_SIZE];   /* owner only */

static inline uint32_t g_type_cache_slot(uint32_t version, GObject *name)
{
    uintptr_t p = (uintptr_t)name >> 4;
    return (uint32_t)((version * 2654435761u) ^ (uint32_t)p ^ (uint32_t)(p >> G_TYPE_CACHE_BITS)) &
           (G_TYPE_CACHE_SIZE - 1);
}

/* g_type_lookup with its hit inline, for a name that is nearly always interned (an
 * instruction's): a probe of this thread's table, the hot path of the specialized
 * forms' second chance.  The tag is loaded with acquire, as g_type_version loads it;
 * an untagged type or a miss takes the out-of-line path, which walks and files the
 * answer.  A name not interned never hits (entries are filed under interned names,
 * which are immortal, so no other string ever has one's address) and is looked up
 * out of line as before. */
static inline GObject *g_type_lookup_interned(GType *type, GObject *name)
{
    uint32_t v = atomic_load_explicit(&type->version_tag, memory_order_acquire);
    GTypeCacheEntry *e = &g_type_cache[g_type_cache_slot(v, name)];
    if (v && e->version == v && e->name == name)
        return e->value;
    return g_type_lookup(type, name);
}

GObject *g_object_repr_default(GObject *o);
GObject **g_instance_dict_ptr(GObject *o);           /* NULL if the type has no __dict__ */
/* *dp (an instance's __dict__ slot), made now if it is empty -- atomically, so two
 * threads setting an object's first attribute at once share one dict (borrowed;
 * NULL: out of memory). */
GObject *g_instance_dict_get_or_make(GObject **dp);
void g_type_ready(GType *t);                          /* fill dict and mro of a static type */
void g_type_add_methods(GType *t, const GMethodDef *defs); /* more methods, after g_type_ready */
GObject *g_type_repr(GObject *t);
int64_t g_hash_pointer(GObject *o);

/* ======================= int.c: arbitrary-precision integers ======================== */
/* Small ints keep their value in `v`.  Big ints (flag G_INT_BIG) keep a magnitude in
 * base 2**32 in d[0..|v|-1], least significant first, and the sign in the sign of v. */
typedef struct GInt { GObject ob; int64_t v; uint32_t d[]; } GInt;
#define G_INT_BIG 0x1
extern GType GInt_type, GBool_type;
#define G_SMALLINT_MIN (-5)
#define G_SMALLINT_MAX 1024
extern GInt g_small_ints[G_SMALLINT_MAX - G_SMALLINT_MIN + 1];
extern GInt g_True_obj, g_False_obj;
#define G_TRUE ((GObject *)&g_True_obj)
#define G_FALSE ((GObject *)&g_False_obj)
static inline GObject *g_bool(bool b) { return b ? G_TRUE : G_FALSE; }  /* immortal */
static inline bool g_is_int(GObject *o) { return G_TYPE(o)->flags & G_TPFLAG_INT; }
static inline bool g_int_is_small(GObject *o) { return !(o->ob_flags & G_INT_BIG); }
static inline int64_t g_int_small_value(GObject *o) { return ((GInt *)o)->v; }
GObject *g_int_from_i64_slow(int64_t v);
static inline GObject *g_int_from_i64(int64_t v)
{
    if (v >= G_SMALLINT_MIN && v <= G_SMALLINT_MAX)
        return (GObject *)&g_small_ints[v - G_SMALLINT_MIN];
    return g_int_from_i64_slow(v);
}
GObject *g_int_from_u64(uint64_t v);
GObject *g_int_from_double(double d);                 /* truncates; OverflowError on inf */
GObject *g_int_from_string(const char *s, size_t n, int base); /* ValueError on junk */
bool g_int_as_i64(GObject *o, int64_t *out);          /* false: does not fit (no exception) */
int64_t g_int_as_ssize(GObject *o);                   /* -1 + OverflowError if too big */
double g_int_as_double(GObject *o);                   /* sets OverflowError if too big */
GObject *g_int_to_str(GObject *o, int base);          /* repr; base 2/8/10/16 with prefix */
/* Write m's digits in base 2..16 (lower case, no prefix) so that they end just before
 * `end`; return where they start.  The buffer needs G_I64_DIGITS_MAX bytes. */
#define G_I64_DIGITS_MAX 64
char *g_u64_digits(uint64_t m, int base, char *end);
int g_int_sign(GObject *o);
int g_int_compare(GObject *a, GObject *b);            /* -1, 0, 1 */
GObject *g_int_binop(GObject *a, GObject *b, GBinOp op);
int64_t g_int_hash(GObject *o);
size_t g_int_bit_length(GObject *o);
GObject *g_index(GObject *o);                          /* __index__ -> int, or TypeError */
int64_t g_as_ssize(GObject *o);                        /* index -> int64, -1 + error */

/* ======================= float.c =================================================== */
typedef struct GFloat { GObject ob; double v; } GFloat;
extern GType GFloat_type;
static inline bool g_is_float(GObject *o) { return G_TYPE(o) == &GFloat_type || g_isinstance(o, &GFloat_type); }
static inline double g_float_value(GObject *o) { return ((GFloat *)o)->v; }
GObject *g_float_new(double v);
GObject *g_float_repr_str(double v);                   /* shortest round-trip, like Python */
int g_float_to_buf(double v, char *buf, size_t n);    /* same, into a buffer */
int64_t g_float_hash(double v);
bool g_as_double(GObject *o, double *out);            /* int or float; false+TypeError */
GObject *g_float_binop(double a, double b, GBinOp op);
GObject *g_float_from_string(GObject *s);

/* ======================= str.c: Unicode strings ==================================== */
/* UTF-8 bytes, NUL-terminated.  `len` counts code points.  Flag G_STR_ASCII means every
 * byte is one code point, so indexing is O(1); other strings are scanned. */
typedef struct GStr { GObject ob; int64_t hash; int64_t len; int64_t nbytes; char data[]; } GStr;
#define G_STR_ASCII 0x1
#define G_STR_INTERNED 0x2
extern GType GStr_type;
static inline bool g_is_str(GObject *o) { return G_TYPE(o)->flags & G_TPFLAG_STR; }
static inline const char *g_str_data(GObject *o) { return ((GStr *)o)->data; }
static inline int64_t g_str_nbytes(GObject *o) { return ((GStr *)o)->nbytes; }
static inline int64_t g_str_len(GObject *o) { return ((GStr *)o)->len; }
GObject *g_str_new(const char *utf8, size_t nbytes);   /* UnicodeDecodeError on bad UTF-8 */
bool g_ascii_only(const char *p, size_t n);            /* no byte >= 0x80 */
GObject *g_str_from_cstr(const char *s);
GObject *g_str_new_uninit(size_t nbytes, int64_t len, bool ascii);
GObject *g_str_intern(const char *s);                  /* immortal, borrowed-safe */
GObject *g_str_intern_obj(GObject *s);                 /* steals s; returns interned */
GObject *g_str_concat(GObject *a, GObject *b);
bool g_str_eq(GObject *a, GObject *b);
bool g_str_eq_cstr(GObject *a, const char *s);
int g_str_compare(GObject *a, GObject *b);
int64_t g_str_hash(GObject *o);
GObject *g_str_from_codepoint(uint32_t cp);
uint32_t g_str_codepoint_at(GObject *s, int64_t i);
GObject *g_str_join(GObject *sep, GObject *iterable);
GObject *g_str_repr(GObject *s);
GObject *g_str_format_method(GObject *self, GObject *const *args, size_t nargs, GObject *kwnames);
GObject *g_str_format_map(GObject *self, GObject *mapping);     /* str.format_map */
GObject *g_str_percent_format(GObject *fmt, GObject *args);
#include "objects/utf8.h"
bool g_utf8_valid(const char *s, size_t n, int64_t *ncodepoints, size_t *bad_at);

/* A growable byte buffer used to build strings; data is NUL-terminated (or NULL
 * while empty). */
typedef struct GBuf { char *data; size_t len, cap; bool failed; } GBuf;
void g_buf_init(GBuf *b);
void g_buf_putc(GBuf *b, char c);
void g_buf_put(GBuf *b, const char *s, size_t n);
void g_buf_puts(GBuf *b, const char *s);
void g_buf_printf(GBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void g_buf_put_obj(GBuf *b, GObject *str);
GObject *g_buf_finish(GBuf *b);                        /* -> str, frees buffer */
void g_buf_free(GBuf *b);

/* format.c: the format mini-language shared by format(), f-strings and str.format */
GObject *g_format_obj(GObject *value, GObject *spec);  /* format(value, spec) */

/* ======================= bytes.c, bytearray.c: byte strings ========================= */
/* bytes: immutable, the bytes inline (NUL-terminated, like str).  bytearray: mutable,
 * its bytes in a separate buffer that grows; size is _Atomic because len() reads it
 * without the object's lock (bytearray.c).  The methods both share are in
 * bytes_methods.c. */
typedef struct GBytes { GObject ob; int64_t hash; int64_t size; char data[]; } GBytes;
typedef struct GByteArray { GObject ob; _Atomic int64_t size; int64_t cap; char *data; } GByteArray;
extern GType GBytes_type, GByteArray_type;
static inline bool g_is_bytes(GObject *o) { return G_TYPE(o) == &GBytes_type; }
static inline bool g_is_bytearray(GObject *o) { return G_TYPE(o) == &GByteArray_type; }
static inline const char *g_bytes_data(GObject *o) { return ((GBytes *)o)->data; }
static inline int64_t g_bytes_size(GObject *o) { return ((GBytes *)o)->size; }
GObject *g_bytes_new(const char *p, size_t n);         /* p may be NULL: zeroed */
GObject *g_bytearray_new(const char *p, size_t n);     /* p may be NULL: zeroed */
GObject *g_bytes_decode(const char *p, size_t n, const char *encoding, const char *errors); /* -> str */
GObject *g_str_encode(GObject *s, const char *encoding, const char *errors);               /* -> bytes */
void g_bytearray_ready(void);                          /* the type, with its mutators */

/* ======================= tuple.c ==================================================== */
typedef struct GTuple { GObject ob; int64_t size; GObject *items[]; } GTuple;
extern GType GTuple_type;
static inline bool g_is_tuple(GObject *o) { return G_TYPE(o)->flags & G_TPFLAG_TUPLE; }
#define G_TUPLE_SIZE(o) (((GTuple *)(o))->size)
#define G_TUPLE_ITEM(o, i) (((GTuple *)(o))->items[i])
GObject *g_tuple_new(int64_t n);                        /* items NULL: fill them */
GObject *g_tuple_pack(int64_t n, ...);                  /* borrowed items, increfs */
GObject *g_tuple_from_array(GObject *const *items, int64_t n);
GObject *g_tuple_from_iterable(GObject *it);
GObject *g_tuple_empty(void);
/* repr of a list or tuple (list.c shares it): "[a, b]", "(a,)" with one_comma */
GObject *g_seq_repr(GObject *seq, char open, char close, bool one_comma);
/* The answer of comparing two sequences whose first min(na, nb) items are equal:
 * the shorter is the smaller. */
static inline GObject *g_compare_lengths(int64_t na, int64_t nb, GCmpOp op)
{
    switch (op) {
    case CMP_LT: return g_bool(na < nb);
    case CMP_LE: return g_bool(na <= nb);
    case CMP_EQ: return g_bool(na == nb);
    case CMP_NE: return g_bool(na != nb);
    case CMP_GT: return g_bool(na > nb);
    default: return g_bool(na >= nb);
    }
}

/* ======================= list.c ===================================================== */
/* size is _Atomic because len() reads it without the list's lock (list.c). */
typedef struct GList { GObject ob; _Atomic int64_t size; int64_t cap; GObject **items; } GList;
extern GType GList_type;
static inline bool g_is_list(GObject *o) { return G_TYPE(o)->flags & G_TPFLAG_LIST; }
#define G_LIST_SIZE(o) atomic_load_explicit(&((GList *)(o))->size, memory_order_relaxed)
#define G_LIST_ITEM(o, i) (((GList *)(o))->items[i])
GObject *g_list_new(int64_t n);                          /* n NULL items */
int g_list_append(GObject *list, GObject *v);            /* borrowed v */
int g_list_extend(GObject *list, GObject *iterable);
GObject *g_list_from_iterable(GObject *it);
int g_list_sort(GObject *list, GObject *key, bool reverse);
GObject *g_list_as_tuple(GObject *list);
GObject *g_list_get_ref(GObject *list, int64_t i);      /* new reference, under the lock; NULL (no error) if out of range */
bool g_list_set_item(GObject *list, int64_t i, GObject *v); /* steals v if true; false: out of range (0 <= i) */

/* ======================= dict.c: insertion-ordered hash table ======================= */
/* One entry as the readers get it (g_dict_next_entry, g_dict_snapshot).  The table
 * itself (GDictKeys) is dict.c's; used and keys are _Atomic because readers load them
 * without the dict's lock. */
typedef struct GDictEntry { int64_t hash; GObject *key; GObject *value; } GDictEntry;
typedef struct GDictKeys GDictKeys;
typedef struct GDict { GObject ob; _Atomic int64_t used; GDictKeys *_Atomic keys; } GDict;
extern GType GDict_type, GDictKeys_type, GDictValues_type, GDictItems_type;
static inline bool g_is_dict(GObject *o) { return G_TYPE(o)->flags & G_TPFLAG_DICT; }
GObject *g_dict_new(void);
GObject *g_dict_get(GObject *d, GObject *key);          /* borrowed; NULL: missing or error */
/* For the inline caches of the specializing eval loop (dict.c explains the tags).
 * name is an interned str.  g_dict_lookup_versioned: d's table's tag (handed out now
 * if it has none; 0: cannot be cached) and name's entry number in that table (-1:
 * absent).  g_dict_versioned_value: entry ix's value if d's table still carries the
 * tag (borrowed; NULL: it does not, or the entry is empty).  g_dict_has_version: the
 * table still carries it.  g_dict_entry_of / g_dict_entry_value: entry numbers
 * without tags, checked against the key itself (an instance dict: each instance has
 * its own table, laid out alike by __init__).  g_dict_store_at: replace the value of
 * entry ix if it holds name (false: it does not; nothing done). */
uint32_t g_dict_lookup_versioned(GObject *d, GObject *name, int64_t *ix);
GObject *g_dict_versioned_value(GObject *d, uint32_t version, int64_t ix);
bool g_dict_has_version(GObject *d, uint32_t version);
int64_t g_dict_entry_of(GObject *d, GObject *name);
GObject *g_dict_entry_value(GObject *d, int64_t ix, GObject *name);
bool g_dict_store_at(GObject *d, int64_t ix, GObject *name, GObject *value);
GObject *g_dict_get_str(GObject *d, const char *key);   /* borrowed */
GObject *g_dict_get_interned(GObject *d, GObject *key); /* borrowed; fast path for names */
int g_dict_set(GObject *d, GObject *key, GObject *value);
int g_dict_set_str(GObject *d, const char *key, GObject *value);
GObject *g_dict_setdefault(GObject *d, GObject *key, GObject *dflt); /* atomic; new reference */
int g_dict_del(GObject *d, GObject *key);               /* KeyError if missing */
/* Remove key only if its value is `expected` (identity), atomically; returns the value
 * removed (new reference) or NULL (not there, another value, or an error). */
GObject *g_dict_pop_if_is(GObject *d, GObject *key, GObject *expected);
int64_t g_dict_size(GObject *d);
bool g_dict_next(GObject *d, int64_t *pos, GObject **key, GObject **value); /* borrowed */
bool g_dict_next_entry(GObject *d, int64_t *pos, GDictEntry *e);      /* borrowed, with the hash */
/* The live entries, copied in one step under the dict's lock, each key and value
 * with a reference of its own (*out: g_dict_snapshot_free it). */
int g_dict_snapshot(GObject *d, GDictEntry **out, int64_t *n);
void g_dict_snapshot_free(GDictEntry *e, int64_t n);
int g_dict_update(GObject *d, GObject *other);
int g_dict_merge_kwargs(GObject *d, GObject *other, GObject *funcname);
GObject *g_dict_copy(GObject *d);
void g_dict_clear(GObject *d);
int g_dict_contains(GObject *d, GObject *key);          /* 1, 0, or -1 on error */
int g_dict_contains_hashed(GObject *d, GObject *key, int64_t hash); /* the same, the hash known */
/* dict_view.c: iterators and views */
GObject *g_dict_iter(GObject *d);
GObject *g_dict_view_new(GObject *d, GType *view_type);
int g_dict_extend_list(GObject *list, GObject *src);    /* 1 done, 0 not a dict/view, -1 error */

/* ======================= set.c: set and frozenset =================================== */
typedef struct GSetEntry { int64_t hash; GObject *key; } GSetEntry;
/* used (len()) and a frozenset's cached hash are read without the set's lock. */
typedef struct GSet {
    GObject ob;
    _Atomic int64_t used;
    int64_t fill, mask;
    GSetEntry *table;
    _Atomic int64_t hash;
    int64_t finger;
} GSet;
extern GType GSet_type, GFrozenSet_type;
static inline bool g_is_anyset(GObject *o) { return g_isinstance(o, &GSet_type) || g_isinstance(o, &GFrozenSet_type); }
GObject *g_set_new(GType *type, GObject *iterable);
int g_set_add(GObject *s, GObject *key);
int g_set_contains(GObject *s, GObject *key);
/* The next key at or after *pos (borrowed): the caller holds the set's lock, or the
 * set is one nobody else can see. */
bool g_set_next(GObject *s, int64_t *pos, GObject **key);
/* list.extend(a set or frozenset) in one step under its lock: 1 done, 0 not a set, -1 error */
int g_set_extend_list(GObject *list, GObject *src);

/* ======================= range.c, slice.c =========================================== */
typedef struct GRange { GObject ob; int64_t start, stop, step, len; } GRange;
extern GType GRange_type;
typedef struct GSlice { GObject ob; GObject *start, *stop, *step; } GSlice;
extern GType GSlice_type;
GObject *g_slice_new(GObject *start, GObject *stop, GObject *step);
/* Resolve a slice against a sequence length (Python's slice.indices). */
int g_slice_indices(GObject *slice, int64_t len, int64_t *start, int64_t *stop, int64_t *step, int64_t *count);
/* list[int], dict[str, int]: a types.GenericAlias for the built-in containers (and
 * type); NULL without an error for any other class. */
extern GType GGenericAlias_type;
GObject *g_generic_alias_new(GObject *origin, GObject *args);
GObject *g_type_annotation_repr(GObject *type);   /* int, __main__.Foo */
/* int | None: a types.UnionType (uniontype.c); type's nb_or.  g_union_args: a
 * union's tuple of members (borrowed), NULL if o is not a union. */
extern GType GUnion_type;
GObject *g_type_or(GObject *a, GObject *b);
GObject *g_union_args(GObject *o);
GObject *g_slice_plain(GObject *slice);   /* bounds made ints (their __index__ runs), so resolving runs no Python (list.c) */

/* ======================= code.c, func.c, cell.c ===================================== */
/* A source span; anchor..anchor_end (0xffff: none) marks the operator or [...] part
 * that tracebacks underline with ^ while the rest of the span gets ~. */
typedef struct GLoc { int32_t line, end_line; uint16_t col, end_col, anchor, anchor_end; } GLoc;
/* One instruction's inline cache: what the specializing eval loop learnt about it
 * (vm/specialize.c says what each specialized instruction keeps here).  Any thread
 * may rewrite it while others read it, so it is a seqlock: a writer makes `seq` odd,
 * writes, makes it even again; a reader that saw an odd or changed `seq` ignores
 * what it read. */
typedef struct GInlineCache {
    _Atomic uint32_t seq;        /* any: even when stable; bumped by 2 per write */
    _Atomic uint32_t version;    /* any, under seq: the tag the instruction guards on */
    _Atomic uintptr_t data;      /* any, under seq: an entry number or a borrowed pointer */
    _Atomic uint32_t aux;        /* any, under seq: a second tag (LOAD_GLOBAL_BUILTIN) */
    _Atomic uint8_t op;          /* any, under seq: the specialized opcode it was filled for */
    _Atomic uint8_t count;       /* any, relaxed: specialized, the guard failures left before
                                  * going generic; generic, the tries that found nothing */
    _Atomic uint16_t backoff;    /* any, relaxed: generic executions left before a try */
} GInlineCache;

typedef struct GCode {
    GObject ob;
    uint32_t *code;              /* instructions: opcode in the low 8 bits, argument above;
                                  * the eval loop rewrites opcodes in place (g_code_word) */
    GInlineCache *caches;        /* one per instruction, or NULL: nothing to specialize */
    GLoc *locs;                  /* one source location per instruction */
    int32_t ncode;
    int32_t argcount, kwonlyargcount, posonlyargcount;
    int32_t nlocals;             /* local variable slots (arguments first) */
    int32_t ncells, nfrees;      /* cell slots follow locals, then free (closure) slots */
    int32_t stacksize;
    int32_t flags;               /* G_CO_* */
    int32_t firstlineno;
    int32_t *cell2arg;           /* for each cell: the argument it starts from, or -1 */
    GObject *consts, *names, *varnames, *cellvars, *freevars; /* tuples */
    GObject *name, *qualname, *filename;
} GCode;
#define G_CO_VARARGS   0x01
#define G_CO_VARKW     0x02
#define G_CO_GENERATOR 0x04
#define G_CO_MODULE    0x08   /* module or class body: names live in a dict */
#define G_CO_CLASS     0x10
#define G_CO_NESTED    0x20   /* defined inside a function: not deferred (func.c) */
#define G_CO_GILT      0x40   /* gilt's own embedded Python ("<gilt>/..."): never stepped (vm/step.c) */
#define G_CO_COROUTINE 0x80   /* async def (with G_CO_GENERATOR: an async generator) */
extern GType GCode_type;
int g_code_line_at(GCode *co, int ip);
/* Instruction i as the compiler wrote it: the eval loop may have turned its opcode
 * into a specialized form (vm/specialize.c), which this maps back to the generic
 * one.  Every reader of code words but the eval loop goes through here. */
uint32_t g_code_word(const GCode *co, int i);
/* Load / rewrite a code word that other threads may be executing (relaxed: the word
 * alone says which handler runs; whatever a handler needs is in its inline cache,
 * under that cache's own seqlock). */
static inline uint32_t g_code_load(const uint32_t *code, int i)
{
    return atomic_load_explicit((_Atomic uint32_t *)&code[i], memory_order_relaxed);
}
static inline void g_code_store(uint32_t *code, int i, uint32_t word)
{
    atomic_store_explicit((_Atomic uint32_t *)&code[i], word, memory_order_relaxed);
}

typedef struct GFunction {
    GObject ob;
    GCode *code;
    GObject *globals, *builtins;
    GObject *name, *qualname, *doc, *module;
    GObject *defaults;           /* tuple or NULL */
    GObject *kwdefaults;         /* dict or NULL */
    GObject *closure;            /* tuple of cells or NULL */
    GObject *dict;
} GFunction;
extern GType GFunction_type;
GObject *g_function_new(GCode *code, GObject *globals, GObject *qualname);
int g_function_set_annotations(GObject *f, GObject *annotations);   /* f.__annotations__ = d */

typedef struct GCFunction { GObject ob; const GMethodDef *def; GObject *self; GObject *module; } GCFunction;
extern GType GCFunction_type;
GObject *g_cfunction_new(const GMethodDef *def, GObject *self);

typedef struct GMethodDescr { GObject ob; GType *type; const GMethodDef *def; } GMethodDescr;
extern GType GMethodDescr_type, GClassMethodDescr_type;

typedef struct GGetSetDescr { GObject ob; GType *type; const GGetSetDef *def; } GGetSetDescr;
extern GType GGetSetDescr_type;

typedef struct GBoundMethod { GObject ob; GObject *func; GObject *self; } GBoundMethod;
extern GType GBoundMethod_type;
GObject *g_bound_method_new(GObject *func, GObject *self);

typedef struct GCell { GObject ob; GObject *_Atomic ref; } GCell;
/* A closure's cell is read without a lock (borrowed until the next quiescent point);
 * a store defers dropping the old value (runtime/qsbr.h).  Acquire: the reader sees the
 * value's contents as the storing thread made them (its release in g_cell_store). */
static inline GObject *g_cell_load(GCell *c) { return atomic_load_explicit(&c->ref, memory_order_acquire); }
void g_cell_store(GCell *c, GObject *v);   /* steals v (may be NULL) */
extern GType GCell_type;
GObject *g_cell_new(GObject *v);

/* descr.c: property, staticmethod, classmethod, slot wrappers */
typedef struct GProperty { GObject ob; GObject *fget, *fset, *fdel, *doc; } GProperty;
extern GType GProperty_type, GStaticMethod_type, GClassMethod_type, GSlotWrapper_type;
typedef struct GWrapped { GObject ob; GObject *func; } GWrapped;  /* static/classmethod */

/* ======================= class.c: classes, instances, super ========================= */
/* super.c: super(type, obj).  Never changed after it is made.  obj_type is type(obj),
 * or obj itself when obj is a subclass of type (super() in a classmethod).  Public
 * for the specialized super() forms (vm/specialize.c), which read it without a lock. */
typedef struct GSuper { GObject ob; GType *type; GObject *obj; GType *obj_type; } GSuper;
extern GType GSuper_type;
GObject *g_build_class(GObject *func, GObject *name, GObject *const *bases, size_t nbases, GObject *kwnames);
GObject *g_type_new_heap(GType *meta, GObject *name, GObject *bases, GObject *ns);
/* type.__new__'s whole work: g_type_new_heap, then __set_name__ and __init_subclass__(**kw) */
GObject *g_type_new_full(GType *meta, GObject *name, GObject *bases, GObject *ns,
                         GObject *const *kwvalues, GObject *kwnames);
void g_type_update_slots(GType *t);
void g_type_slots_changed(GType *t);        /* a dunder of t changed: t and its subclasses, world stopped */
void g_type_unregister_subclass(GType *t);  /* t is dying: it leaves its bases' subclass lists */
/* mappingproxy.c: C.__dict__ (genericalias.c, list[int], is declared above) */
extern GType GMappingProxy_type;
GObject *g_mappingproxy_new(GObject *dict);
GObject *g_lookup_special(GObject *o, GObject *name);  /* bound method/attr from type, new ref or NULL */
GObject *g_call_special(GObject *o, GObject *name, GObject *const *args, size_t nargs); /* NULL+AttributeError if missing */

/* ======================= module.c =================================================== */
typedef struct GModule { GObject ob; GObject *dict; GObject *name; } GModule;
extern GType GModule_type;
GObject *g_module_new(const char *name);
GObject *g_module_dict(GObject *m);      /* borrowed */
int g_module_add_functions(GObject *m, const GMethodDef *defs);
int g_module_add(GObject *m, const char *name, GObject *value); /* steals value */

/* ======================= exc.c: exceptions and tracebacks =========================== */
typedef struct GException {
    GObject ob;
    GObject *dict;
    GObject *args;               /* tuple */
    GObject *traceback;          /* GTraceback or NULL */
    GObject *cause, *context;
    bool suppress_context;
    GObject *value;              /* StopIteration.value, SystemExit.code */
    GObject *name;               /* AttributeError/NameError.name */
} GException;
typedef struct GTraceback { GObject ob; GObject *next; GCode *code; int ip; } GTraceback;
extern GType GTraceback_type;
#define G_EXC_TYPES(X) \
    X(BaseException, Object) X(Exception, BaseException) X(SystemExit, BaseException) \
    X(KeyboardInterrupt, BaseException) X(GeneratorExit, BaseException) \
    X(ArithmeticError, Exception) X(ZeroDivisionError, ArithmeticError) \
    X(OverflowError, ArithmeticError) X(AssertionError, Exception) \
    X(AttributeError, Exception) X(LookupError, Exception) X(IndexError, LookupError) \
    X(KeyError, LookupError) X(NameError, Exception) X(UnboundLocalError, NameError) \
    X(TypeError, Exception) X(ValueError, Exception) X(UnicodeError, ValueError) \
    X(UnicodeDecodeError, UnicodeError) X(UnicodeEncodeError, UnicodeError) X(RuntimeError, Exception) \
    X(RecursionError, RuntimeError) X(NotImplementedError, RuntimeError) \
    X(StopIteration, Exception) X(StopAsyncIteration, Exception) X(MemoryError, Exception) X(ImportError, Exception) \
    X(ModuleNotFoundError, ImportError) X(OSError, Exception) \
    X(FileNotFoundError, OSError) X(FileExistsError, OSError) X(PermissionError, OSError) \
    X(IsADirectoryError, OSError) X(NotADirectoryError, OSError) X(SyntaxError, Exception) \
    X(IndentationError, SyntaxError) X(TabError, IndentationError) \
    X(EOFError, Exception) X(BufferError, Exception) X(TimeoutError, OSError) \
    X(Warning, Exception) X(UserWarning, Warning) X(DeprecationWarning, Warning) \
    X(RuntimeWarning, Warning) X(SystemError, Exception)
#define G_DECLARE_EXC(name, base) extern GType GExc_##name;
G_EXC_TYPES(G_DECLARE_EXC)
#undef G_DECLARE_EXC
static inline bool g_is_exception(GObject *o) { return G_TYPE(o)->flags & G_TPFLAG_EXC; }
static inline bool g_is_exc_type(GObject *o) { return g_is_type(o) && (((GType *)o)->flags & G_TPFLAG_EXC); }
GObject *g_exc_new(GType *type, GObject *args);       /* args: tuple (borrowed) */
/* Raise type(msg) carrying .name and, if not NULL, .value (NameError's globals,
 * AttributeError.obj: what "Did you mean" searches).  Steals msg; returns NULL. */
GObject *g_raise_named(GType *type, GObject *msg, GObject *name, GObject *value);
void g_exc_add_traceback(GObject *exc, GCode *code, int ip);
GObject *g_exc_str(GObject *exc);
void g_exc_types_init(void);

/* ======================= iter.c: built-in iterators ================================= */
extern GType GSeqIter_type, GEnumerate_type, GZip_type, GMap_type, GFilter_type,
    GReversed_type, GCallIter_type;
GObject *g_seqiter_new(GObject *seq);                   /* iterates by index */
GObject *g_calliter_new(GObject *func, GObject *sentinel); /* iter(func, sentinel) */

/* ======================= deque.c: collections.deque ================================= */
extern GType GDeque_type, GDequeIter_type, GDequeRevIter_type;
bool g_is_deque(GObject *o);
int g_deque_extend(GObject *deque, GObject *iterable, bool left);   /* left: extendleft */
/* list.extend(a deque) in one step under its lock: 1 done, 0 not a deque, -1 error */
int g_deque_extend_list(GObject *list, GObject *src);

/* ======================= gen.c: generators ========================================== */
struct GFrame;
/* exc_info: the exception its frame was handling when it last yielded (sys.exc_info
 * inside it), kept apart from the caller's; written only by the thread running it. */
typedef struct GGen { GObject ob; struct GFrame *frame; GObject *name, *qualname, *exc_info; _Atomic bool running; } GGen;
extern GType GGen_type, GCoro_type, GCoroWrapper_type, GAsyncGen_type, GAsyncGenASend_type;
/* A generator, coroutine or async generator, by the code's flags, owning frame. */
GObject *g_gen_new(struct GFrame *frame);
/* Resume gen with value (or throw `thrown` in): the yielded value; NULL with no
 * exception when it returned (the value in *retval if given); NULL on error. */
GObject *g_gen_resume(GObject *gen, GObject *value, GObject *thrown, GObject **retval);
/* The argument of the YIELD_VALUE gen is paused after (1: inside an await or
 * yield from; 2: an async generator's own yield), or -1. */
int g_gen_last_yield(GObject *gen);
/* Raise StopIteration carrying retval (stolen; plain StopIteration for None/NULL). */
GObject *g_stop_iteration_with(GObject *retval);
GObject *g_gen_send(GObject *gen, GObject *value);     /* NULL no error: returned (value in *) */
/* One step of `yield from it` / `await` (the SEND instruction): send v into it, or
 * throw exc into it when exc is not NULL.  0: it yielded *out; 1: it returned *out
 * (new references); -1: an exception is set. */
int g_gen_delegate(GObject *it, GObject *v, GObject *exc, GObject **out);

/* ======================= structseq.c: named tuples made in C ======================= */
/* time.struct_time, sys.float_info: the first nvisible fields are the tuple, the
 * rest are attributes only.  Set .type.ob, .type.name and the fields statically;
 * g_structseq_init_type fills in the rest. */
typedef struct GStructSeqType {
    GType type;
    const char *fullname;             /* "time.struct_time": repr and messages (type.name is the short one) */
    const char *const *fields;
    int nvisible, nfields;            /* nfields <= 32 */
} GStructSeqType;
void g_structseq_init_type(GStructSeqType *st);
GObject *g_structseq_new(GStructSeqType *type, GObject *const *values);   /* nfields values, borrowed */
GObject *g_structseq_make(GStructSeqType *type, GObject **values);        /* stolen; NULLs: MemoryError */

/* ======================= abstract.c: operations on any object ======================= */
GObject *g_repr(GObject *o);
GObject *g_str(GObject *o);
GObject *g_ascii(GObject *o);
int64_t g_hash(GObject *o);
int g_truthy(GObject *o);                  /* 1, 0, or -1 on error */
/* Two exact ints that fit in a word, two exact strs or two exact floats compare here
 * directly: no slot call, and no recursion guard (their comparisons cannot recurse).
 * Sorting, min/max, tuple comparison and the eval loop's COMPARE_OP meet them most
 * (abstract.c).  1 or 0, or -1: not such a pair, take the general way. */
static inline int g_compare_leaves(GObject *a, GObject *b, GCmpOp op)
{
    GType *t = G_TYPE(a);
    if (t != G_TYPE(b))
        return -1;
    int c;
    if (t == &GInt_type) {
        if (!g_int_is_small(a) || !g_int_is_small(b))
            return -1;
        int64_t x = g_int_small_value(a), y = g_int_small_value(b);
        c = (x > y) - (x < y);
    } else if (t == &GStr_type) {
        if (op == CMP_EQ || op == CMP_NE)
            return g_str_eq(a, b) == (op == CMP_EQ);
        c = g_str_compare(a, b);
    } else if (t == &GFloat_type) {
        double x = g_float_value(a), y = g_float_value(b);   /* NaN: only != holds */
        switch (op) {
        case CMP_LT: return x < y;
        case CMP_LE: return x <= y;
        case CMP_EQ: return x == y;
        case CMP_NE: return x != y;
        case CMP_GT: return x > y;
        default: return x >= y;
        }
    } else {
        return -1;
    }
    switch (op) {
    case CMP_LT: return c < 0;
    case CMP_LE: return c <= 0;
    case CMP_EQ: return c == 0;
    case CMP_NE: return c != 0;
    case CMP_GT: return c > 0;
    default: return c >= 0;
    }
}

GObject *g_richcompare(GObject *a, GObject *b, GCmpOp op);
int g_richcompare_bool(GObject *a, GObject *b, GCmpOp op);  /* 1, 0, -1 */
int g_eq(GObject *a, GObject *b);          /* identity shortcut, then == */
/* Does a == b run no Python code?  True when both are exactly str, int or float. */
static inline bool g_eq_is_pure(GObject *a, GObject *b)
{
    GType *t = G_TYPE(a);
    return t == G_TYPE(b) && (t == &GStr_type || t == &GInt_type || t == &GFloat_type);
}
GObject *g_binary_op(GObject *a, GObject *b, GBinOp op);
GObject *g_inplace_op(GObject *a, GObject *b, GBinOp op);
GObject *g_unary_neg(GObject *o);
GObject *g_unary_pos(GObject *o);
GObject *g_unary_invert(GObject *o);
GObject *g_abs(GObject *o);
GObject *g_getattr(GObject *o, GObject *name);
GObject *g_getattr_str(GObject *o, const char *name);
GObject *g_getattr_opt(GObject *o, GObject *name);     /* NULL, no error, if missing */
int g_setattr(GObject *o, GObject *name, GObject *value);
int g_delattr(GObject *o, GObject *name);
GObject *g_getitem(GObject *o, GObject *key);
int g_setitem(GObject *o, GObject *key, GObject *value);
int g_delitem(GObject *o, GObject *key);
int g_contains(GObject *container, GObject *item);     /* 1, 0, -1 */
int64_t g_len(GObject *o);                              /* -1 on error */
GObject *g_iter(GObject *o);
GObject *g_next(GObject *it);                           /* NULL no error: exhausted */
GObject *g_call(GObject *f, GObject *const *args, size_t nargs, GObject *kwnames);
GObject *g_call0(GObject *f);
GObject *g_call1(GObject *f, GObject *a);
GObject *g_call2(GObject *f, GObject *a, GObject *b);
GObject *g_call_tuple_dict(GObject *f, GObject *args, GObject *kwargs);
GObject *g_call_method(GObject *o, const char *name, GObject *const *args, size_t nargs);
bool g_callable(GObject *o);
GObject *g_function_str(GObject *f);                   /* "mod.name()" for error messages */
GObject *g_type_name_obj(GObject *o);
const char *g_type_name(GObject *o);
int g_unpack_iterable(GObject *it, int64_t before, int64_t after, bool starred, GObject **out);
GObject *g_number_to_int(GObject *o);                  /* int(x) */
GObject *g_number_to_float(GObject *o);                /* float(x) */

/* Argument parsing helpers for C functions. */
int g_check_nargs(const char *fname, size_t nargs, size_t min, size_t max);
int g_no_kwargs(const char *fname, GObject *kwnames);
/* Split args into positional values and keyword values by parameter names.
 * names: NULL-terminated list.  out receives borrowed references (NULL = not given). */
int g_parse_args(const char *fname, GObject *const *args, size_t nargs, GObject *kwnames,
                 const char *const *names, size_t min_pos, GObject **out);

/* Start-up of the types that own immortal instances (vm/lifecycle.c calls them). */
void g_int_init(void);     /* the small ints */
void g_str_init(void);     /* the one-character strings */
void g_tuple_init(void);   /* the empty tuple */

#endif
