/* modules.h -- the built-in modules and their registry.
 *
 * `import math` finds math's init function in the table in modules.c, which builds
 * the module on first import.  builtins and sys exist from start-up.
 */
#ifndef GILT_MODULES_H
#define GILT_MODULES_H

#include "objects/objects.h"

GObject *g_builtin_module(GObject *name);   /* new ref, or NULL (no error) if not built in */

/* Modules written in Python and carried in the binary (the .py files in src/modules/py,
 * turned into C strings by embed.sh at build time). */
typedef struct GPySource { const char *name, *file, *source; } GPySource;
extern const GPySource g_py_sources[];

GObject *g_builtins_init(void);
GObject *g_sys_init(void);
void g_sys_add_info(GObject *sys);           /* sys_info.c: getsizeof, implementation, float_info */
GObject *g_time_init(void);
GObject *g_math_init(void);
GObject *g_random_init(void);
GObject *g_gc_init(void);
GObject *g_os_init(void);
GObject *g_thread_init(void);
GObject *g_gilt_init(void);
GObject *g_collections_init(void);    /* _collections: deque (objects/deque.c) */
GObject *g_heapq_init(void);          /* _heapq: heapq.py's list operations in C */
GObject *g_array_init(void);
GObject *g_io_init(void);
GObject *g_mp_init(void);
GObject *g_os_raise_errno(int err);        /* OSError("[Errno 9] Bad file descriptor"), os.c */
int g_thread_running_count(void);           /* threads started by _thread, still running */
void g_help_install(GObject *builtins);     /* help.c: builtins.help, which calls pydoc.help */

/* sys.stdout / sys.stderr: text files over C stdio. */
extern GType GFile_type;
GObject *g_sys_stdout(void);                /* borrowed: the current sys.stdout */
int g_file_write(GObject *file, GObject *text);
void g_sys_set_argv(int argc, char **argv, int first);

#endif
