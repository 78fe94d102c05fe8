/* debug.h -- every debug switch and tunable limit, in one place.
 *
 * Change a value here and rebuild; nothing else in the tree hard-codes these.
 */
#ifndef GILT_DEBUG_H
#define GILT_DEBUG_H

/* The largest single allocation gilt will ask for (bytes).  Bigger requests raise
 * MemoryError at once.  The fuzz build lowers it (below). */
#ifndef GILT_FUZZ
#define GILT_MAX_ALLOC ((size_t)1 << 36)
#endif

/* Bytes of C stack kept free below the deepest check point.  A check that finds the
 * stack pointer inside this margin raises RecursionError. */
#define GILT_STACK_MARGIN (256 * 1024)

/* Default sys.getrecursionlimit(), as in CPython. */
#define GILT_DEFAULT_RECURSION_LIMIT 1000

/* Deepest nesting of brackets and blocks the parser accepts (CPython: 200). */
#define GILT_MAX_PARSE_DEPTH 200

/* How deep g_dealloc may nest before it puts objects off (the trashcan, refcount.c):
 * freeing a chain of a million linked objects must not overflow the C stack.  Each
 * level costs a few hundred bytes of stack, so 1000 levels stay far inside the
 * GILT_STACK_MARGIN. */
#define GILT_DEALLOC_DEPTH 1000

/* How many freed blocks of each cache class (floats and small ints; tuples of 1 to
 * GILT_TUPLE_CACHE_MAX items) each thread keeps for reuse (runtime/alloc.h, the block
 * caches).  0 turns the caches off. */
#define GILT_BLOCK_CACHE 256
#define GILT_TUPLE_CACHE_MAX 8

/* Word objects (floats and small ints) come from pages of their own, carved into
 * 40-byte blocks (runtime/alloc.c, THE WORD PAGES), instead of from mimalloc, whose
 * size classes round 40 bytes up to 48.  Off under AddressSanitizer, which must see
 * every object's allocation and free to catch a use after free. */
#if defined(__SANITIZE_ADDRESS__)
#define GILT_WORD_PAGES 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GILT_WORD_PAGES 0
#endif
#endif
#ifndef GILT_WORD_PAGES
#define GILT_WORD_PAGES 1
#endif
/* The size of a word page, which is also its alignment: a block's page is found by
 * masking the block's address. */
#define GILT_WORD_PAGE_SIZE 65536

/* A SyntaxError's source line longer than this many characters is echoed cut to a
 * window of this width around the error, with "..." marks (CPython: the whole line). */
#define GILT_ERROR_LINE_WIDTH 100

/* Statically nested blocks per function (CPython: 20). */
#define GILT_MAX_BLOCKS 20

/* ---- the fuzz build ----------------------------------------------------------------
 *
 * tests/fuzz/ compiles gilt's sources a second time, with clang, the sanitizers and
 * -DGILT_FUZZ.  GILT_FUZZ does three things and nothing else:
 *   - the eval loop spends one unit of g_fuzz_budget (vm.h) at each backward jump and
 *     frame entry, and raises RuntimeError once the budget is spent, so an input with
 *     an endless loop or an exponential recursion ends;
 *   - GILT_MAX_ALLOC is 256 KB, so '*' * 10**10 raises MemoryError, and the quadratic
 *     big-int and str algorithms stay quick;
 *   - (in tests/fuzz/fuzz_run.c) the modules that start threads, sleep or touch the
 *     process (_thread, threading, queue, concurrent.futures, os, time, gilt) are
 *     None in sys.modules, and stdin and stdout are /dev/null.
 * GILT_FUZZ_BUDGET is the budget each input starts with. */
#ifdef GILT_FUZZ
#define GILT_MAX_ALLOC ((size_t)1 << 18)
#define GILT_FUZZ_BUDGET 20000
#endif

/* ---- assertions ---------------------------------------------------------------------
 *
 * GILT_DEBUG (./configure --enable-debug; on by default in the sanitizer builds) turns
 * on G_ASSERT and the run-time lock-order checks of runtime/lockrank.h.  A comment that
 * says "lock held", "owner only" or "world stopped" should have a G_ASSERT saying it
 * too.  A failed assertion is an internal error of gilt, never the user's: it prints
 * what failed and where, and aborts (so a sanitizer or gdb shows the stack).
 *
 * Without GILT_DEBUG the condition is not evaluated (it may be costly, or read a field
 * that exists only in debug builds' spirit), but it is still compiled, so it cannot rot.
 */
#include "config.h"

_Noreturn void g_assert_fail(const char *what, const char *file, int line, const char *func);

#ifdef GILT_DEBUG
#define G_ASSERT(cond) \
    (__builtin_expect(!!(cond), 1) ? (void)0 : g_assert_fail(#cond, __FILE__, __LINE__, __func__))
#else
#define G_ASSERT(cond) ((void)sizeof(!(cond)))
#endif

/* GILT_DEBUG_REFCOUNT: poison freed objects' headers to catch use-after-free. */
#ifndef GILT_DEBUG_REFCOUNT
#define GILT_DEBUG_REFCOUNT 0
#endif

#endif
