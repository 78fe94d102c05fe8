/* fuzz_common.h -- what both libFuzzer targets share: starting gilt once per
 * process, and turning the fuzzer's bytes into source text the way gilt reads a file.
 *
 * A target is a function LLVMFuzzerTestOneInput(data, size) that libFuzzer calls
 * with one input at a time, millions of times in one process; LLVMFuzzerInitialize
 * runs once before the first.  Anything a target leaves behind (an exception still
 * set, a changed builtin) is seen by the next input, so each target clears what it
 * can after every input.
 */
#ifndef GILT_FUZZ_COMMON_H
#define GILT_FUZZ_COMMON_H

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "compile/compiler.h"
#include "objects/objects.h"
#include "runtime/runtime.h"
#include "vm/lifecycle.h"
#include "vm/vm.h"

/* Start the runtime with gilt's defaults, as main.c does. */
static inline void fuzz_runtime_up(void)
{
    g_runtime.deferred_rc = true;
    g_interp_init();
}

/* Point fd at /dev/null (stdin: input() sees end of file; stdout: print() is quiet). */
static inline void fuzz_silence(int fd)
{
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
        dup2(null, fd);
        close(null);
    }
}

/* The input as gilt's file reader returns it: a copy with a NUL after the last byte.
 * Free it with g_mem_free; NULL if gilt refuses the allocation. */
static inline char *fuzz_source(const uint8_t *data, size_t size)
{
    char *src = g_mem_alloc(size + 1);
    if (src) {
        memcpy(src, data, size);
        src[size] = 0;
    }
    return src;
}

#endif
