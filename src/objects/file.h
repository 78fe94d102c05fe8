/* file.h -- file objects (file.c): open(), the four io class names, and the OSError
 * that an errno stands for. */
#ifndef GILT_FILE_H
#define GILT_FILE_H

#include "objects/objects.h"

extern GType GTextIOWrapper_type, GBufferedReader_type, GBufferedWriter_type, GBufferedRandom_type;
extern GObject *g_unsupported_operation;   /* io.UnsupportedOperation (an OSError) */

/* open(file, mode='r', buffering=-1, encoding=None, ...): the builtin */
GObject *g_file_open(GObject *self, GObject *const *args, size_t nargs, GObject *kw);
/* Raise the OSError subclass for err ("[Errno 2] No such file or directory: 'x'");
 * filename may be NULL.  Returns NULL. */
GObject *g_raise_errno(int err, GObject *filename);
void g_file_init(void);   /* the types and io.UnsupportedOperation (vm/lifecycle.c) */

#endif
