/* fuzz_compile.c -- libFuzzer target 1: the front end.
 *
 * Each input is compiled as a module (lexer, parser, symbol table, compiler and
 * assembler, whose stack-depth check aborts on inconsistent bytecode) and never run.
 * A program that compiles is disassembled into /dev/null, so dis.c reads every
 * instruction; one that does not has its SyntaxError built and printed as gilt would
 * print it (run.sh closes the target's stderr), so the caret-line code sees every
 * odd position the fuzzer can make.
 */
#include <stdio.h>

#include "fuzz_common.h"

static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz_runtime_up();
    devnull = fopen("/dev/null", "w");
    return 0;
}

static void report_syntax_error(const GSyntaxError *err, const char *src, size_t len)
{
    GObject *exc = g_syntax_error_object(err, "<fuzz>", src, len);
    if (exc) {
        g_print_exception(exc);
        g_decref(exc);
    }
    g_err_clear();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *src = fuzz_source(data, size);
    if (!src)
        return 0;
    GSyntaxError err;
    GCode *co = g_compile(src, size, "<fuzz>", G_COMPILE_FILE, &err);
    if (co) {
        g_disassemble(co, devnull);
        g_decref((GObject *)co);
    } else {
        report_syntax_error(&err, src, size);
    }
    g_err_clear();
    g_mem_free(src);
    return 0;
}
