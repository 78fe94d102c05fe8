/* fuzz_run.c -- libFuzzer target 2: compile the input and run it.
 *
 * Bad bytecode that the assembler's checks let through shows up only when it runs,
 * so this target runs what compiles -- in a sandbox the fuzz build (-DGILT_FUZZ,
 * src/debug.h) provides:
 *   - a budget of GILT_FUZZ_BUDGET backward jumps and frame entries per input, after
 *     which every further one raises RuntimeError, so endless loops end;
 *   - allocations above GILT_MAX_ALLOC (256 KB there) raise MemoryError;
 *   - the modules that start threads, sleep or act on the process are None in
 *     sys.modules (re-set before each input), and stdin and stdout are /dev/null.
 * Each input gets fresh module globals; an uncaught exception is printed to stderr
 * (run.sh closes it) and cleared.  Every 64 inputs the cycle collector reclaims what
 * the inputs left in cycles, so memory stays flat over a long run.
 */
#include <stdio.h>

#include "fuzz_common.h"
#include "runtime/gc.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const blocked_modules[] = {
    "_thread", "threading", "queue", "concurrent", "concurrent.futures", "os", "time", "gilt",
};

static void block_modules(void)
{
    for (size_t i = 0; i < sizeof blocked_modules / sizeof blocked_modules[0]; i++)
        g_dict_set_str(g_runtime.modules, blocked_modules[i], G_NONE);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz_runtime_up();
    fuzz_silence(0);
    fuzz_silence(1);
    return 0;
}

static GObject *fresh_globals(void)
{
    GObject *globals = g_dict_new();
    GObject *name = g_str_from_cstr("__main__");
    if (globals && name) {
        g_dict_set_str(globals, "__builtins__", g_runtime.builtins_module);
        g_dict_set_str(globals, "__name__", name);
    }
    g_xdecref(name);
    return globals;
}

static void run_one(const char *src, size_t size)
{
    GObject *globals = fresh_globals();
    if (!globals)
        return;
    g_fuzz_budget = GILT_FUZZ_BUDGET;
    /* a file name, not "<fuzz>": files get the UTF-8 check first, as scripts do */
    GObject *r = g_run_source(src, size, "fuzz.py", globals, G_COMPILE_FILE);
    g_fuzz_budget = INT64_MAX;
    if (r) {
        g_decref(r);
    } else {
        GObject *exc = g_err_fetch();
        if (exc) {
            g_print_exception(exc);
            g_decref(exc);
        }
    }
    g_err_clear();
    g_dict_clear(globals);
    g_decref(globals);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static unsigned runs;
    char *src = fuzz_source(data, size);
    if (!src)
        return 0;
    block_modules();
    run_one(src, size);
    g_mem_free(src);
    if (++runs % 64 == 0)
        g_gc_collect(NULL);
    g_err_clear();
    return 0;
}
