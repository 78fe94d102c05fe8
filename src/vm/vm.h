/* vm.h -- the interface of the eval loop to the rest of gilt.
 *
 * Objects call into the VM only through these functions: calling a Python function,
 * running a module's code, resuming a generator, and asking for the current frame
 * (for tracebacks, super() and globals()).
 */
#ifndef GILT_VM_H
#define GILT_VM_H

#include "objects/objects.h"
#include "vm/frame.h"

/* Call a Python function object (GFunction's tp_call). */
GObject *g_function_call(GObject *func, GObject *const *args, size_t nargs, GObject *kwnames);
/* The same with positional arguments only, taking over the references args holds
 * (on every path, error or not: the caller must not drop them afterwards) -- the
 * eval loop's call of a Python function moves its arguments into the new frame
 * instead of taking a reference for the frame and dropping its own.  The caller
 * still holds func. */
/* The cells of a frame for f whose arguments are in place: fresh ones for the
 * variables inner functions capture, the closure's for its free variables (-1 with
 * MemoryError).  For the eval loop's inline calls. */
int g_frame_init_cells(GFunction *f, struct GFrame *frame);
GObject *g_function_call_steal(GObject *func, GObject *const *args, size_t nargs);
/* Run a module or exec body: names live in `locals` (a dict; may be globals). */
GObject *g_eval_code(GCode *co, GObject *globals, GObject *locals);
/* Run or resume a frame.  `sent` is pushed on resume (generators); `thrown`, if not
 * NULL, is raised at the resume point instead. */
GObject *g_eval_frame(GFrame *f, GObject *sent, GObject *thrown);
/* Run a class body (a function's code) with `ns` as its namespace. */
GObject *g_eval_class_body(GFunction *func, GObject *ns);
/* For zero-argument super(): the class (__class__ cell) and first argument of the
 * innermost Python frame. Borrowed references; RuntimeError if unavailable. */
int g_super_from_frame(GObject **cls, GObject **self);
/* The innermost Python frame's globals (borrowed), or NULL. */
GObject *g_current_globals(void);
/* Check the eval breaker and C-stack/recursion limits from C code. */
int g_handle_eval_breaker(GThreadState *ts);
/* The same, from a blocking wait: a pending Ctrl-C is raised there whatever code waits. */
int g_handle_eval_breaker_in_wait(GThreadState *ts);

/* Where the user's own code is running in this thread: the innermost frame that is
 * not gilt's embedded Python (threading, queue, ...).  *file is borrowed; NULL and 0
 * outside any frame. */
void g_user_site(GObject **file, int *line);

/* The deadlock report (deadlock_report.c), installed as the runtime watcher's printer. */
void g_deadlock_report(void);
char *g_deadlock_describe(void);     /* the same report as malloc'd text (the REPL raises it) */
/* Ctrl-C ended the program while other threads ran: each one's stack (its own code,
 * most recent call first) and what it waits for, as the deadlock report words it.
 * Stops the world to read them; call it attached, holding no critical section. */
void g_threads_report(FILE *out);
/* Run `source` (a file's text) as module __main__ or a named module. */
GObject *g_run_source(const char *source, size_t len, const char *filename, GObject *globals, int mode);
GObject *g_import_module(GObject *name);
/* Run src as the body of a new module called name, registered in sys.modules while it
 * runs (and removed again if it fails); file becomes __file__ and names the source in
 * tracebacks.  Returns the module (a new reference) or NULL with the error set. */
GObject *g_exec_module(GObject *name, GObject *file, const char *src, size_t len);
#ifdef GILT_FUZZ
/* Fuzz builds only (tests/fuzz/): how many more backward jumps and frame entries the
 * eval loop allows this thread before it raises RuntimeError; the fuzz target sets it
 * before each input (eval.c). */
extern _Thread_local int64_t g_fuzz_budget;
#endif
/* A SyntaxError exception object for a compile error (traceback.c). */
struct GSyntaxError;
/* Read a whole file into a malloc'd buffer (NUL-terminated; its length in *len), or
 * NULL with errno set. */
char *g_read_file(const char *path, size_t *len);
/* Keep a program's source lines for tracebacks and the deadlock report. */
void g_register_source(const char *filename, const char *src, size_t len);
GObject *g_syntax_error_object(const struct GSyntaxError *err, const char *filename, const char *src, size_t len);

#endif
