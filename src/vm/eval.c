/* eval.c -- the eval loop: executing one frame's bytecode.
 *
 * The loop keeps the hot state in C locals (ip, sp, the code and locals arrays) and
 * dispatches with computed gotos: each handler ends by jumping straight to the next
 * instruction's handler.  Fast paths cover the common cases inline (small-int and
 * float arithmetic, list indexing, global lookups by interned name, calls of Python
 * and C functions); everything else goes through the generic protocols in
 * objects/abstract.c.
 *
 * The eval breaker (threadstate.h) is polled at backward jumps and on entry to every
 * frame, so a requested GIL drop, stop-the-world, refcount merge or Ctrl-C is
 * noticed within one loop iteration of a busy thread.  The fuzz build (GILT_FUZZ,
 * tests/fuzz/) spends its instruction budget at the same two places.
 *
 * The loop's body is in eval_loop.h, compiled twice: g_eval_frame, and a stepped
 * copy for the user's code under a controlled scheduler (runtime/sched.h), whose
 * every instruction passes a scheduling point first.
 *
 * Exceptions: a failing instruction jumps to `error`, which records this frame in
 * the traceback and then unwinds the frame's block stack:
 *
 *   block on top         what unwinding does
 *   BLOCK_HANDLER        we were in an except/finally handler: restore the exception
 *                        being handled before it (sys.exc_info), drop its stack
 *   BLOCK_EXCEPT         a try body: drop the stack to the block's level, push a
 *                        BLOCK_HANDLER, push the exception, continue at the handler
 *   (none left)          return NULL: the caller's frame sees the error
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "compile/opcodes.h"
#include "objects/objects.h"
#include "runtime/runtime.h"
#include "vm/eval_support.h"
#include "vm/race.h"
#include "vm/specialize.h"
#include "vm/step.h"
#include "vm/vm.h"


/* ====================================================================================
 * The loop
 * ==================================================================================== */

#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define SECOND() (sp[-2])
#define PEEK(n) (sp[-(ptrdiff_t)(n)])
/* The loop counts references through the thread state it holds in `ts` rather than
 * through the thread-local g_tstate_current, which costs two instructions to read
 * and is read again at every count (refcount.h, g_incref_ts). */
#define INCREF(o) g_incref_ts(ts, (o))
#define DECREF(o) g_decref_ts(ts, (o))
#define XDECREF(o) do { GObject *xdecref_ = (o); if (xdecref_) DECREF(xdecref_); } while (0)
#define NEWREF(o) g_newref_ts(ts, (o))

#ifdef GILT_FUZZ
_Thread_local int64_t g_fuzz_budget = INT64_MAX;
/* Once the budget is spent every backward jump and call raises again, so no handler
 * can keep a fuzz input running. */
#define SPEND_BUDGET() \
    do { \
        if (--g_fuzz_budget < 0) { \
            g_raise(&GExc_RuntimeError, "fuzz: instruction budget exhausted"); \
            goto error; \
        } \
    } while (0)
#else
#define SPEND_BUDGET() ((void)0)
#endif


/* The loop, twice (eval_loop.h explains why). */
static GObject *eval_frame_stepped(GFrame *f, GObject *sent, GObject *thrown);

#define EVAL_FN g_eval_frame
#define EVAL_LINKAGE
#define EVAL_STEPPED 0
#include "vm/eval_loop.h"
#undef EVAL_FN
#undef EVAL_LINKAGE
#undef EVAL_STEPPED

#define EVAL_FN eval_frame_stepped
#define EVAL_LINKAGE static
#define EVAL_STEPPED 1
#include "vm/eval_loop.h"
#undef EVAL_FN
#undef EVAL_LINKAGE
#undef EVAL_STEPPED
