/* main.c -- the gilt command: options, then run a file, a string or the REPL.
 *
 *   gilt script.py [args]     run a script (its folder is where `import` looks)
 *   gilt -c 'code' [args]     run a string
 *   gilt                      a REPL on a terminal; otherwise read the program from stdin
 *   gilt --dis script.py      print the bytecode instead of running it (--dis -c 'code')
 *   gilt --seed N / --schedule S / --check EX / --step FILE
 *                             the controlled scheduler (sched_cli.h, tui/stepper.h)
 *   gilt -X gil=0|1           GIL off (default) or on; also GILT_GIL=0|1
 *   gilt -X refcount=biased|atomic, -X deferred=0|1, -X specialize=0|1
 *
 * Exit status follows CPython: 0, 1 after an uncaught exception, 2 for a usage error
 * or a missing script, SystemExit's code, 130 after Ctrl-C.
 */
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "compile/compiler.h"
#include "modules/modules.h"
#include "objects/objects.h"
#include "runtime/blockio.h"
#include "runtime/runtime.h"
#include "trace/trace.h"
#include "trace/tracefile.h"
#include "explore_cli.h"
#include "repl.h"
#include "sched_cli.h"
#include "tui/dash.h"
#include "tui/stepper.h"
#include "vm/lifecycle.h"
#include "vm/race.h"
#include "vm/specialize.h"
#include "vm/vm.h"


static const char usage_text[] =
    "usage: gilt [option] ... [-c cmd | file | -] [arg] ...\n"
    "Options:\n"
    "  -c cmd        run the program passed in as a string\n"
    "  --dis file    print the bytecode of a file instead of running it (--dis -c cmd:\n"
    "                of a string)\n"
    "  --stats       at exit, print what the threads did (run, GIL and lock waits, locks,\n"
    "                refcount traffic, stops of the world, events) to stderr\n"
    "  --trace FILE  record the events to FILE (mode 0600); read it with\n"
    "                gilt trace FILE [--perfetto OUT.json]\n"
    "  --dash        run the script with the live dashboard (a terminal of 80x24 or more)\n"
    "  --dash-exit   with --dash: close the dashboard when the script ends\n"
    "  --dash --replay FILE\n"
    "                play a --trace recording on the dashboard, at its recorded speed\n"
    "  --compare     run the script with the GIL on, then off, and compare the runs\n"
    "                (on a terminal: both timelines; otherwise a table)\n"
    "  --step file   the stepper: you pick which thread runs each step (a terminal of\n"
    "                80x24 or more); with --schedule S it opens at the end of S\n"
    "  --seed N      run under the seeded scheduler: one thread at a time, repeatably\n"
    "  --schedule S  follow a schedule: a file, or inline steps like 0*4,1*4,0*3\n"
    "                (thread 0 is the main thread, then threads in start order)\n"
    "  --save-schedule OUT\n"
    "                with --seed, --schedule or --step: write the schedule taken\n"
    "  --grain op|line\n"
    "                a step is one bytecode instruction (op) or one line\n"
    "  --check EXERCISE\n"
    "                grade an exercise under --schedule (or --seed): exit 0 if its goal\n"
    "                is reached, 1 if not, 2 on bad input; a fix-it exercise (goal: fix)\n"
    "                is graded by --explore and --race: 0 when neither finds anything\n"
    "  --explore     search the schedules for one that fails (a failed assert, an\n"
    "                exception in a thread, a deadlock, an exercise's goal); save it\n"
    "                as FILE.fail.sched and explain it; exit 1 if found, 0 if not\n"
    "  --strategy dfs|pct|random\n"
    "                with --explore: every schedule up to --preemptions K (default 2),\n"
    "                PCT with --depth D (default 3), or random walks; the default is\n"
    "                dfs, then PCT and random runs; --runs N, --time S stop it sooner\n"
    "  --race        report data races in the script's own code (happens-before: locks,\n"
    "                joins, queues... order accesses, the GIL does not); exit 66 if any\n"
    "  -X gil=0|1    run without (0, the default) or with (1) the GIL; env GILT_GIL\n"
    "  -X refcount=biased|atomic\n"
    "                biased reference counting (default) or atomic everywhere\n"
    "  -X deferred=0|1\n"
    "                deferred reference counting for functions, classes, modules (default 1)\n"
    "  -X specialize=0|1\n"
    "                the specializing interpreter: inline caches for globals, attributes\n"
    "                and methods (default 1)\n"
    "  -u            unbuffered output (accepted for compatibility)\n"
    "  -h, --help    print this help and exit\n"
    "  -V, --version print the version and exit\n"
    "  file          program read from a script file\n"
    "  -             program read from stdin (the default when stdin is not a terminal)\n"
    "  arg ...       arguments passed to the program in sys.argv[1:]\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "usage: gilt [option] ... [-c cmd | file | -] [arg] ...\nTry `gilt -h' for more information.\n");
    return 2;
}

static int set_x_option(const char *opt)
{
    if (strcmp(opt, "gil=0") == 0)
        g_runtime.gil_enabled = false;
    else if (strcmp(opt, "gil=1") == 0)
        g_runtime.gil_enabled = true;
    else if (strcmp(opt, "refcount=biased") == 0)
        g_runtime.refcount_mode = G_RC_BIASED;
    else if (strcmp(opt, "refcount=atomic") == 0)
        g_runtime.refcount_mode = G_RC_ATOMIC;
    else if (strcmp(opt, "deferred=0") == 0)
        g_runtime.deferred_rc = false;
    else if (strcmp(opt, "deferred=1") == 0)
        g_runtime.deferred_rc = true;
    else if (strcmp(opt, "specialize=0") == 0)
        g_specialize_enabled = false;
    else if (strcmp(opt, "specialize=1") == 0)
        g_specialize_enabled = true;
    else if (strncmp(opt, "gil=", 4) == 0) {
        fprintf(stderr, "Fatal Python error: config_read_gil: PYTHON_GIL / -X gil must be \"0\" or \"1\"\n");
        return -1;
    } else
        return 1;   /* unknown -X options are ignored, as CPython does */
    return 0;
}

/* Exit status for an uncaught exception (printing it unless it is SystemExit). */
/* Ctrl-C ended a program whose other threads still ran (a hang short of a full
 * deadlock, which the watcher would have reported): say where each one was and what
 * it waits for, before the traceback.  Not after q (the dashboard is stopping them
 * all), nor for a KeyboardInterrupt the program raised itself, nor in the REPL. */
static void report_interrupted_threads(void)
{
    if (!atomic_load(&g_runtime.sigint_raised) || atomic_load(&g_runtime.stop_requested) || g_runtime.interactive ||
        g_thread_running_count() == 0)
        return;
    g_threads_report(stderr);
}

static int handle_exception(void)
{
    GObject *exc = g_err_fetch();
    if (!exc)
        return 1;
    int status = 1;
    if (g_isinstance(exc, &GExc_SystemExit)) {
        GException *e = (GException *)exc;
        GObject *code = e->value ? e->value : (e->args && G_TUPLE_SIZE(e->args) > 0 ? G_TUPLE_ITEM(e->args, 0) : G_NONE);
        if (code == G_NONE) {
            status = 0;
        } else if (g_is_int(code)) {
            int64_t v;
            status = g_int_as_i64(code, &v) ? (int)(v & 0xff) : 1;
        } else {
            fflush(stdout);
            GObject *s = g_str(code);
            if (s) {
                fprintf(stderr, "%s\n", g_str_data(s));
                g_decref(s);
            } else {
                g_err_clear();
            }
            status = 1;
        }
    } else {
        if (g_isinstance(exc, &GExc_KeyboardInterrupt)) {
            report_interrupted_threads();
            status = 130;
        }
        g_print_exception(exc);
    }
    g_decref(exc);
    return status;
}

static GObject *main_globals(const char *file)
{
    GObject *m = g_module_new("__main__");
    g_dict_set_str(g_runtime.modules, "__main__", m);
    GObject *d = g_module_dict(m);
    g_dict_set_str(d, "__builtins__", g_runtime.builtins_module);
    if (file)
        g_module_add(m, "__file__", g_str_from_cstr(file));
    g_decref(m);
    return d;
}

/* As CPython does at exit: if threading was used, wait for non-daemon threads. */
static int wait_for_threads(int status)
{
    GObject *threading = g_dict_get_str(g_runtime.modules, "threading");
    if (!threading)
        return status;
    GObject *r = g_call_method(threading, "_shutdown", NULL, 0);
    if (r) {
        g_decref(r);
        return status;
    }
    bool interrupted = g_err_matches(&GExc_KeyboardInterrupt);
    if (interrupted) {   /* Ctrl-C while waiting for the threads at exit: which ones, where */
        GObject *exc = g_err_fetch();
        report_interrupted_threads();
        g_err_restore(exc);
    }
    g_err_print();
    if (interrupted)
        return 130;   /* Ctrl-C while waiting: stop, leaving the threads behind */
    return status ? status : 1;
}

/* As CPython's atexit does for weakref.finalize: call the live finalizers marked
 * atexit, once the threads are done. */
static int run_exit_finalizers(int status)
{
    GObject *weakref = g_dict_get_str(g_runtime.modules, "weakref");
    if (!weakref)
        return status;
    GObject *r = g_call_method(weakref, "_exit_finalizers", NULL, 0);
    if (r)
        g_decref(r);
    else
        g_err_print();
    return status;
}

/* Seconds since the runtime started (g_runtime.start_time's clock). */
static double run_seconds(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec * 1e-9 - g_runtime.start_time;
}

/* --stats: the recorder's summary, on stderr, after the program's own output.  wall:
 * how long the program ran -- taken when it ended, not now: the dashboard's final
 * screen may have waited minutes for q since. */
static void print_stats(const char *what, double wall)
{
    char title[512];
    snprintf(title, sizeof title, "%s, GIL %s, %.3fs", what, g_runtime.gil_enabled ? "on" : "off", wall);
    fflush(stdout);
    g_stats_lock();
    g_stats_print(g_stats_live(), stderr, title, g_trace_string_fn, NULL);
    g_stats_unlock();
}

/* The status a run of the main module ends with (r: its result, or NULL). */
static int run_status(GObject *r)
{
    int status = 0;
    if (!r)
        status = handle_exception();
    else
        g_decref(r);
    /* After Ctrl-C, CPython would still wait here for busy threads, and a class would
     * need a second Ctrl-C; gilt stops at once (docs/language.md). */
    if (status == 130)
        return status;
    return run_exit_finalizers(wait_for_threads(status));
}

static int run_text(const char *src, size_t len, const char *filename, bool register_src)
{
    if (register_src)
        g_register_source(filename, src, len);
    GObject *globals = main_globals(register_src ? filename : NULL);
    return run_status(g_run_source(src, len, filename, globals, G_COMPILE_FILE));
}

/* One run of the program, compiled once by the schedule search, in one of its children. */
static int run_program(const char *src, size_t len, const char *path, GCode *co)
{
    g_register_source(path, src, len);
    GObject *globals = main_globals(path);
    return run_status(g_eval_code(co, globals, globals));
}

/* --dis FILE, or --dis -c CODE: print the bytecode; 2 if the file cannot be read,
 * 1 for a syntax error (as running it would say). */
static int disassemble(const char *file, const char *command)
{
    size_t len;
    char *src;
    const char *name = file;
    if (command) {
        len = strlen(command);
        src = g_mem_alloc(len + 1);
        memcpy(src, command, len + 1);
        name = "<string>";
    } else if (!(src = g_read_file(file, &len))) {
        fprintf(stderr, "gilt: can't open file '%s': [Errno %d] %s\n", file, errno, strerror(errno));
        return 2;
    }
    g_register_source(name, src, len);
    GSyntaxError err;
    GCode *co = g_compile(src, len, name, G_COMPILE_FILE, &err);
    if (!co) {
        GObject *exc = g_syntax_error_object(&err, name, src, len);
        if (exc)
            g_print_exception(exc);
        g_mem_free(src);
        return 1;
    }
    g_disassemble(co, stdout);
    g_mem_free(src);
    return 0;
}

/* The goal of an exercise's header (G_GOAL_NONE if it has none, or a bad one). */
static GGoalKind exercise_goal(const char *src, size_t len)
{
    GExercise ex;
    char err[200];
    return g_exercise_parse(src, len, &ex, err, sizeof err) == 1 ? ex.goal : G_GOAL_NONE;
}

/* os.path.abspath: join with the working directory and fold ".", ".." and "//". */
static void absolute_path(const char *path, char *out, size_t n)
{
    char joined[PATH_MAX * 2];
    if (path[0] == '/' || !getcwd(joined, PATH_MAX))
        snprintf(joined, sizeof joined, "%s", path);
    else
        snprintf(joined + strlen(joined), sizeof joined - strlen(joined), "/%s", path);
    size_t len = 0;
    out[0] = 0;
    for (char *seg = strtok(joined, "/"); seg; seg = strtok(NULL, "/")) {
        if (strcmp(seg, ".") == 0)
            continue;
        if (strcmp(seg, "..") == 0) {
            char *slash = strrchr(out, '/');
            len = slash ? (size_t)(slash - out) : 0;
            out[len] = 0;
            continue;
        }
        if (len + strlen(seg) + 2 >= n)
            break;
        out[len++] = '/';
        strcpy(out + len, seg);
        len += strlen(seg);
    }
    if (len == 0)
        snprintf(out, n, "/");
}

static void set_script_dir(const char *path)
{
    char buf[PATH_MAX];
    const char *slash = strrchr(path, '/');
    if (!slash) {
        if (getcwd(buf, sizeof buf))
            g_runtime.script_dir = g_str_from_cstr(buf);
        return;
    }
    size_t n = (size_t)(slash - path);
    g_runtime.script_dir = g_str_new(path, n ? n : 1);
}

int main(int argc, char **argv)
{
    /* Once, before any path that draws a screen (--dash --replay and --compare
     * return before the runtime starts): ncurses shows block and box characters
     * only under a UTF-8 locale.  The runtime sets the same one for itself. */
    setlocale(LC_CTYPE, "C.UTF-8");
    const char *env = getenv("GILT_GIL");
    g_runtime.deferred_rc = true;
    if (env && strcmp(env, "1") == 0)
        g_runtime.gil_enabled = true;
    else if (env && *env && strcmp(env, "0") != 0) {
        fprintf(stderr, "Fatal Python error: config_read_gil: PYTHON_GIL / -X gil must be \"0\" or \"1\"\n");
        return 1;
    }
    const char *command = NULL, *dis_file = NULL, *dis_command = NULL, *trace_file = NULL, *replay_file = NULL;
    bool stats = false, dash = false, compare = false;
    bool race = false;   /* --race (vm/race.h) */
    GDashOptions dash_opt = { .hz = 10 };
    GSchedCli sched;
    g_sched_cli_defaults(&sched);
    if (argc >= 2 && strcmp(argv[1], "trace") == 0)
        return g_trace_command(argc - 2, argv + 2);   /* gilt trace FILE [--perfetto OUT] */
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || strcmp(a, "-") == 0)
            break;
        if (strcmp(a, "-c") == 0) {
            if (i + 1 >= argc)
                return usage_error("Argument expected for the %s option\n", "-c");
            command = argv[++i];
            i++;
            break;
        } else if (strncmp(a, "-c", 2) == 0) {
            command = a + 2;
            i++;
            break;
        } else if (strcmp(a, "-X") == 0 || strncmp(a, "-X", 2) == 0) {
            const char *opt = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : NULL);
            if (!opt)
                return usage_error("Argument expected for the %s option\n", "-X");
            if (set_x_option(opt) < 0)
                return 1;
        } else if (strcmp(a, "--dis") == 0) {
            if (i + 1 >= argc)
                return usage_error("Argument expected for the %s option\n", "--dis");
            dis_file = argv[++i];
            if (strcmp(dis_file, "-c") == 0) {   /* --dis -c 'code': the string's bytecode */
                if (i + 1 >= argc)
                    return usage_error("Argument expected for the %s option\n", "-c");
                dis_command = argv[++i];
            }
        } else if (strcmp(a, "--stats") == 0) {
            stats = true;
        } else if (strcmp(a, "--dash") == 0) {
            dash = true;
        } else if (strcmp(a, "--dash-exit") == 0) {
            dash = true;
            dash_opt.exit_at_end = true;
        } else if (strcmp(a, "--replay") == 0) {
            if (i + 1 >= argc)
                return usage_error("Argument expected for the %s option\n", "--replay");
            replay_file = argv[++i];
        } else if (strcmp(a, "--compare") == 0) {
            compare = true;
        } else if (strcmp(a, "--race") == 0) {
            race = true;
        } else if (strcmp(a, "--trace") == 0) {
            if (i + 1 >= argc)
                return usage_error("Argument expected for the %s option\n", "--trace");
            trace_file = argv[++i];
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0 || strcmp(a, "-?") == 0) {
            fputs(usage_text, stdout);
            return 0;
        } else if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
            printf("gilt %s\n", PACKAGE_VERSION);
            return 0;
        } else if (strcmp(a, "-u") == 0 || strcmp(a, "-B") == 0 || strcmp(a, "-E") == 0 || strcmp(a, "-s") == 0) {
            /* accepted and ignored */
        } else if (strcmp(a, "--") == 0) {
            i++;
            break;
        } else {
            int r = g_sched_cli_option(&sched, argc, argv, &i);
            if (r < 0)
                return 2;
            if (r == 0)
                return usage_error("unknown option %s\n", a);
        }
    }
    bool controlled = g_sched_cli_wanted(&sched);
    if (controlled && (command || dis_file || dash || compare || replay_file ||
                       (!sched.check && (i >= argc || strcmp(argv[i], "-") == 0))))
        return usage_error("%s needs a script file, and does not go with -c, --dis, --dash or --compare\n",
                           sched.check ? "--check" : sched.step ? "--step" : "the scheduler's options");
    if (sched.check && sched.step)
        return usage_error("%s\n", "--check grades a run under --schedule or --seed; --step is the stepper");
    if (sched.explore && (sched.step || sched.check || sched.schedule))
        return usage_error("%s\n", "--explore searches the schedules itself: it does not go with --step, --check or "
                                   "--schedule");
    if (sched.explore && (race || stats || trace_file))
        return usage_error("%s\n", "--explore runs the program thousands of times: it does not go with --race, "
                                   "--stats or --trace (run the schedule it saves with them)");
    if (sched.explore && sched.grain >= 0)
        return usage_error("%s\n", "--explore takes a step to be one bytecode instruction: it does not go with --grain");
    if (sched.explore_set && !sched.explore && !sched.check)
        return usage_error("%s\n", "--strategy, --preemptions, --depth, --runs and --time go with --explore");
    if (sched.step) {
        /* the stepper runs no Python itself: it drives a child gilt (tui/stepper.h) */
        GStepperOptions so = { .self = argv[0], .script = argv[i], .nargs = argc - i - 1, .args = argv + i + 1,
                               .grain = sched.grain < 0 ? NULL : sched.grain == 1 ? "line" : "op",
                               .schedule = sched.schedule, .save = sched.save, .trace = trace_file,
                               .gil = g_runtime.gil_enabled ? 1 : 0 };
        return g_stepper_run(&so);
    }
    if (replay_file) {
        dash_opt.script = replay_file;
        return g_dash_replay(replay_file, &dash_opt);
    }
    if (compare)
        return g_dash_compare(argv[0], argc, argv, &dash_opt);
    if (dash && (dis_file || (!command && (i >= argc || strcmp(argv[i], "-") == 0))))
        return usage_error("%s needs a script (or -c): the dashboard cannot share the terminal with a REPL or stdin\n",
                           "--dash");
    g_interp_init();
    g_install_signal_handlers();
    if (trace_file && !g_trace_open_file(trace_file)) {
        fprintf(stderr, "gilt: can't write trace file '%s': [Errno %d] %s\n", trace_file, errno, strerror(errno));
        return 2;
    }
    if (race && !dis_file)
        g_race_start(command ? NULL : sched.check ? sched.check : i < argc ? argv[i] : NULL);
    int status;
    if (dis_file)
        return disassemble(dis_file, dis_command);
    if (command) {
        char *argv0 = "-c";
        g_runtime.script_dir = g_str_from_cstr(".");
        g_sys_set_argv(argc, argv, i - 1);
        GObject *l = g_dict_get_str(g_module_dict(g_runtime.sys_module), "argv");
        if (l && G_LIST_SIZE(l) > 0)
            g_setref(&G_LIST_ITEM(l, 0), g_str_from_cstr(argv0));
        dash_opt.script = "-c";
        if (dash && g_dash_live_begin(&dash_opt) != 0)
            return 2;
        status = run_text(command, strlen(command), "<string>", false);
    } else if (sched.check || (i < argc && strcmp(argv[i], "-") != 0)) {
        const char *path = sched.check ? sched.check : argv[i];
        size_t len;
        char abs[PATH_MAX];
        absolute_path(path, abs, sizeof abs);
        char *src = g_read_file(path, &len);
        if (!src) {
            int e = errno;
            fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n", "gilt", abs, e, strerror(e));
            return 2;
        }
        set_script_dir(abs);
        if (sched.check) {
            /* sys.argv: the exercise, then what follows the options */
            argv[i - 1] = (char *)sched.check;
            g_sys_set_argv(argc, argv, i - 1);
        } else {
            g_sys_set_argv(argc, argv, i);
        }
        dash_opt.script = path;
        if (dash && g_dash_live_begin(&dash_opt) != 0)
            return 2;
        if (sched.explore || (sched.check && exercise_goal(src, len) == G_GOAL_FIX)) {
            /* the search forks a run of the program per schedule (explore_cli.h) */
            sched.explore = path;
            sched.args = sched.check ? argv + i : argv + i + 1;
            sched.nargs = sched.check ? argc - i : argc - i - 1;
            status = sched.check ? g_explore_check_fix(&sched, abs, src, len, run_program)
                                 : g_explore_main(&sched, abs, src, len, run_program);
            g_mem_free(src);
            fflush(stdout);
            _exit(status);   /* no Python ran here: nothing to tear down */
        }
        if (controlled && (status = g_sched_cli_begin(&sched, abs, src, len)) != 0)
            return status;
        status = run_text(src, len, abs, true);
        if (controlled)
            status = g_sched_cli_end(&sched, status);
        g_mem_free(src);
    } else if (i >= argc && isatty(0)) {
        g_runtime.script_dir = g_str_from_cstr(".");
        g_sys_set_argv(argc, argv, argc);
        status = g_repl_run(main_globals(NULL), handle_exception);
    } else {
        g_runtime.script_dir = g_str_from_cstr(".");
        g_sys_set_argv(argc, argv, i < argc ? i : argc);
        GBuf b;
        g_buf_init(&b);
        char chunk[8192];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
            g_buf_put(&b, chunk, n);
        status = run_text(b.data ? b.data : "", b.len, "<stdin>", false);
        g_buf_free(&b);
    }
    if (race)
        status = g_race_finish(status);   /* the summary; 66 if it found races */
    if (fflush(stdout) != 0 && status == 0)
        status = 120;
    g_trace_flush_counts(g_tstate());
    g_trace_stop();
    double wall = run_seconds();   /* the run is over: what follows is the final screen */
    if (dash && !g_runtime.fork_child)
        status = g_dash_live_end(status);
    if ((stats || dash) && !g_runtime.fork_child)
        print_stats(command ? "-c" : i < argc ? argv[i] : "<stdin>", wall);
    g_interp_fini();
    /* Daemon threads (or threads left behind by Ctrl-C) may still be running: leave
     * without the C library's exit handlers, which could pull memory from under them. */
    if (g_thread_running_count() > 0)
        _exit(status);
    return status;
}
