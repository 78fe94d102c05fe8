/* mro.h -- a new class's layout base and its C3 method resolution order (mro.c). */
#ifndef GILT_MRO_H
#define GILT_MRO_H

#include "objects/object.h"

GType *g_solid_base(GType *t);                      /* the type whose struct t's instances use */
GType *g_best_base(GObject *bases);                 /* the layout base, or NULL + TypeError */
GObject *g_mro_compute(GType *t, GObject *bases);   /* new tuple (t, ...), or NULL + TypeError */

#endif
