/* objvec.c -- growing and freeing a GObjVec (objvec.h). */
#include "runtime/objvec.h"

#include <stdio.h>
#include <stdlib.h>

void g_objvec_push(GObjVec *v, GObject *o)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 64;
        GObject **p = realloc(v->items, cap * sizeof *p);
        if (!p) {
            fputs("gilt: out of memory in the runtime's bookkeeping\n", stderr);
            abort();
        }
        v->items = p;
        v->cap = cap;
    }
    v->items[v->n++] = o;
}

void g_objvec_free(GObjVec *v)
{
    free(v->items);
    v->items = NULL;
    v->n = v->cap = 0;
}
