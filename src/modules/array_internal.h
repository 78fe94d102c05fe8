/* array_internal.h -- what array.c and array_items.c share: the typecodes and one
 * item's value on its way in or out.
 *
 *   array_items.c  the table of typecodes; loading and storing one raw C value;
 *                  boxing it as a Python int or float; converting a Python object,
 *                  or every item of an iterable, into values of a kind (with
 *                  CPython's range checks and messages)
 *   array.c        the array type: its storage and snapshots, its slots and methods,
 *                  and the module (see the top of array.c for how it locks)
 *
 * Nothing declared here touches an array or its lock.  array_to_value and
 * array_pack_iterable may run __index__ (Python code): call them before taking the
 * array's lock, never inside it.
 */
#ifndef GILT_ARRAY_INTERNAL_H
#define GILT_ARRAY_INTERNAL_H

#include "objects/objects.h"

typedef enum { K_SIGNED, K_UNSIGNED, K_FLOAT } Kind;

typedef struct {
    char code;
    Kind kind;
    int size;                  /* bytes per item */
    int64_t min, max;          /* K_SIGNED: the range; K_UNSIGNED: max (0 = up to 2**64-1) */
    const char *name;          /* in CPython's range messages: "signed char is less than minimum" */
} ArrayKind;

/* One item's value on its way in or out. */
typedef union { int64_t i; uint64_t u; double d; } Value;

/* The kind of typecode `code`, or NULL when there is none. */
const ArrayKind *array_kind_of(int code);

/* One raw value at p, of kind k, read or written (p holds k->size bytes). */
Value array_load(const ArrayKind *k, const char *p);
void array_store(const ArrayKind *k, char *p, Value v);

/* A value as a new Python int or float. */
GObject *array_box(const ArrayKind *k, Value v);

/* A Python object as a value of kind k: 0, or -1 with an exception (runs __index__). */
int array_to_value(const ArrayKind *k, GObject *o, Value *v);

/* Every item of an iterable as packed values of kind k: a new buffer in *bytes (for
 * g_mem_free) holding *n of them; 0, or -1 with an exception (runs __index__). */
int array_pack_iterable(const ArrayKind *k, GObject *iterable, char **bytes, int64_t *n);

#endif
