/* slotwrap.h -- slot numbers and the wrapper_descriptor type (see slotwrap.c). */
#ifndef GILT_SLOTWRAP_H
#define GILT_SLOTWRAP_H

#include "objects/object.h"

enum {
    SLOT_INIT, SLOT_REPR, SLOT_STR, SLOT_HASH,
    SLOT_LT, SLOT_LE, SLOT_EQ, SLOT_NE, SLOT_GT, SLOT_GE,   /* same order as GCmpOp */
    SLOT_GETATTRIBUTE, SLOT_SETATTR, SLOT_DELATTR, SLOT_CALL, SLOT_ITER, SLOT_NEXT,
    SLOT_LEN, SLOT_GETITEM, SLOT_SETITEM, SLOT_DELITEM, SLOT_CONTAINS,
    SLOT_BOOL, SLOT_NEG, SLOT_POS, SLOT_ABS, SLOT_INVERT, SLOT_INT, SLOT_FLOAT, SLOT_INDEX,
    SLOT_NB = 64,                /* + GBinOp: __add__ ... */
    SLOT_RNB = SLOT_NB + 32,     /* + GBinOp: __radd__ ... */
    SLOT_INB = SLOT_RNB + 32,    /* + GBinOp: __iadd__ ... */
};

typedef struct { int slot; const char *name; } GSlotInfo;
extern const GSlotInfo g_slot_table[];

const char *g_slot_name(int slot);
int g_slot_wrapper_slot(GObject *o);       /* -1 if o is not a slot wrapper */
GType *g_slot_wrapper_type(GObject *o);
void g_add_slot_wrappers(GType *t);

#endif
