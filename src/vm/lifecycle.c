/* lifecycle.c -- bringing the interpreter up and down (lifecycle.h).
 *
 * g_interp_init builds, in dependency order: the runtime core (locks, the GIL, the
 * recorder, the deadlock watcher, the main thread's state: every allocation needs an
 * owner), the intern table (type dicts are keyed by interned names), the immortal
 * small ints and one-character strings, every built-in type's dict, the exceptions,
 * and the builtins and sys modules.  main.c then fills sys.argv and runs the program.
 */
#include "vm/lifecycle.h"

#include <locale.h>
#include <signal.h>
#include <string.h>

#include "modules/modules.h"
#include "objects/file.h"
#include "objects/objects.h"
#include "objects/slotwrap.h"
#include "runtime/deadlock.h"
#include "runtime/fork.h"
#include "runtime/runtime.h"
#include "trace/trace.h"
#include "vm/frame.h"
#include "vm/vm.h"

static void on_sigint(int sig)
{
    (void)sig;
    atomic_store(&g_runtime.pending_signal, 1);
    if (g_runtime.main_thread)
        atomic_fetch_or(&g_runtime.main_thread->eval_breaker, G_BREAK_SIGNAL);
}

void g_install_signal_handlers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
}

void g_interp_init(void)
{
    setlocale(LC_CTYPE, "C.UTF-8");
    g_runtime_core_init();
    g_trace_init();
    g_deadlock_set_reporter(g_deadlock_report);
    g_deadlock_set_describer(g_deadlock_describe);
    g_runtime.record_where = g_frame_record_where;
    GThreadState *main_ts = g_runtime.main_thread;

    g_int_init();
    g_runtime.interned = g_dict_new();
    g_set_immortal(g_runtime.interned);
    g_tuple_init();
    g_str_init();

    static GType *const types[] = {
        &GObject_type, &GType_type, &GNone_type, &GNotImpl_type, &GEllipsis_type, &GInt_type, &GBool_type,
        &GFloat_type, &GStr_type, &GTuple_type, &GList_type, &GDict_type, &GDictKeys_type, &GDictValues_type,
        &GDictItems_type, &GSet_type, &GFrozenSet_type, &GRange_type, &GSlice_type, &GCode_type,
        &GFunction_type, &GCFunction_type, &GMethodDescr_type, &GClassMethodDescr_type, &GGetSetDescr_type,
        &GBoundMethod_type, &GCell_type, &GProperty_type, &GStaticMethod_type, &GClassMethod_type,
        &GSlotWrapper_type, &GSuper_type, &GMappingProxy_type, &GModule_type, &GTraceback_type, &GSeqIter_type, &GEnumerate_type,
        &GGenericAlias_type, &GUnion_type,
        &GCoro_type, &GCoroWrapper_type, &GAsyncGen_type, &GAsyncGenASend_type,
        &GZip_type, &GMap_type, &GFilter_type, &GReversed_type, &GCallIter_type, &GGen_type, &GBytes_type,
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        g_type_ready(types[i]);
    g_bytearray_ready();
    g_exc_types_init();

    g_runtime.modules = g_dict_new();
    g_runtime.sources = g_dict_new();
    g_runtime.builtins_module = g_builtins_init();
    g_runtime.builtins = g_module_dict(g_runtime.builtins_module);
    g_file_init();
    g_set_immortal(g_runtime.builtins);
    g_dict_set_str(g_runtime.modules, "builtins", g_runtime.builtins_module);
    g_runtime.sys_module = g_sys_init();
    g_dict_set_str(g_runtime.modules, "sys", g_runtime.sys_module);

    g_trace_emit(main_ts, G_EV_THREAD_NAME, g_trace_string("MainThread"), 0, 0);
    g_trace_start();
}

pid_t g_interp_fork(void)
{
    g_trace_fork_prepare();   /* rank 10: before the stop of the world (20) */
    pid_t pid = g_runtime_fork();
    g_trace_fork_after(pid == 0);
    if (pid == 0)
        g_runtime.fork_child = true;
    return pid;
}

void g_interp_fini(void)
{
    fflush(stdout);
    fflush(stderr);
}
