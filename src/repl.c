/* repl.c -- the interactive prompt: read a statement, run it, print its value.
 *
 * Lines are read with libedit when gilt is built with it (HAVE_LIBEDIT: the BSD
 * licensed line editor): arrow keys, Ctrl-A/Ctrl-E, Ctrl-R reverse search, and a
 * history kept in ~/.gilt_history (as CPython keeps ~/.python_history), plus Tab
 * completion of names -- globals, builtins and keywords, and the attributes of a
 * global after a dot.  Without libedit the prompt is printed and a plain line read.
 *
 * A statement is complete when it compiles; one that opens a block (a line ending
 * in ':') goes on until a blank line, with the "... " prompt meanwhile, and one
 * that fails with "was never closed" or the like waits for more lines.
 *
 * While a line is being read the main thread is detached, so other threads run on
 * (and stop-the-world does not wait for the typist).  Tab completion runs Python
 * (dir() of an object), so the completer attaches around its work.
 *
 * Ctrl-C at the prompt drops the line being typed and says KeyboardInterrupt; a
 * deadlock of the statement being run raises RuntimeError with the watcher's report
 * (runtime/deadlock.h) instead of ending the session, as it ends a script.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef HAVE_LIBEDIT
#include <editline/readline.h>
#endif

#include "compile/compiler.h"
#include "repl.h"
#include "runtime/blockio.h"
#include "runtime/runtime.h"
#include "vm/vm.h"

/* ====================================================================================
 * Reading a line
 * ==================================================================================== */

#ifdef HAVE_LIBEDIT

static char history_path[4096];
static GObject *completion_globals;     /* the session's globals (the main thread's) */

static void history_open(void)
{
    const char *home = getenv("HOME");
    if (!home || !*home)
        return;
    snprintf(history_path, sizeof history_path, "%s/.gilt_history", home);
    using_history();
    read_history(history_path);
}

/* ---- Tab completion ---- */

static const char *const keywords[] = {
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", NULL,
};

static GObject *candidates;             /* list of str: this completion's matches */

/* Collect the names starting with `prefix` (after `head`, the "obj." before it)
 * into candidates.  Runs Python; the caller is attached. */
static void add_matches(GObject *names, const char *head, const char *prefix)
{
    GObject *it = g_iter(names), *k;
    size_t n = strlen(prefix);
    while (it && (k = G_TYPE(it)->tp_iternext(it))) {
        if (g_is_str(k) && strncmp(g_str_data(k), prefix, n) == 0 && (n > 0 || g_str_data(k)[0] != '_')) {
            GObject *full = g_format("%s%U", head, k);
            if (full) {
                g_list_append(candidates, full);
                g_decref(full);
            }
        }
        g_decref(k);
    }
    g_xdecref(it);
    g_err_clear();
}

static void collect(const char *text)
{
    const char *dot = strrchr(text, '.');
    if (dot) {
        /* name.attr: the attributes of a global (nothing is evaluated but a lookup) */
        GObject *name = g_str_new(text, (size_t)(dot - text));
        GObject *obj = name ? g_dict_get(completion_globals, name) : NULL;
        if (!obj && name)
            obj = g_dict_get(g_runtime.builtins, name);
        g_xdecref(name);
        if (!obj)
            return;
        GObject *dir = g_dict_get_str(g_runtime.builtins, "dir");
        GObject *names = dir ? g_call1(dir, obj) : NULL;
        if (!names) {
            g_err_clear();
            return;
        }
        char head[512];
        snprintf(head, sizeof head, "%.*s", (int)(dot - text + 1), text);
        add_matches(names, head, dot + 1);
        g_decref(names);
        return;
    }
    add_matches(completion_globals, "", text);
    add_matches(g_runtime.builtins, "", text);
    for (int i = 0; keywords[i]; i++)
        if (strncmp(keywords[i], text, strlen(text)) == 0) {
            GObject *k = g_str_from_cstr(keywords[i]);
            if (k) {
                g_list_append(candidates, k);
                g_decref(k);
            }
        }
}

/* libedit's generator: state 0 starts a completion, then one match per call. */
static char *complete_name(const char *text, int state)
{
    static int64_t next;
    GThreadState *ts = g_runtime.main_thread;
    g_threadstate_attach(ts);
    if (state == 0) {
        g_xdecref(candidates);
        candidates = g_list_new(0);
        next = 0;
        if (candidates)
            collect(text);
    }
    char *r = NULL;
    if (candidates && next < G_LIST_SIZE(candidates))
        r = strdup(g_str_data(((GList *)candidates)->items[next++]));
    g_threadstate_detach(ts);
    return r;
}

static char **complete(const char *text, int start, int end)
{
    (void)start;
    (void)end;
    rl_attempted_completion_over = 1;   /* never fall back to file names */
    rl_completion_append_character = 0;
    return rl_completion_matches(text, complete_name);
}

static void editor_init(GObject *globals)
{
    completion_globals = globals;
    rl_readline_name = "gilt";
    rl_attempted_completion_function = complete;
    /* a dot is part of a word, so that "obj.at<Tab>" completes as a whole */
    rl_basic_word_break_characters = " \t\n\"'`@$><=;|&{([,+-*/%^~!:";
    history_open();
}

/* One line with the editor (detached: the caller's threads run on meanwhile).
 * NULL at end of input; *interrupted says Ctrl-C ended the line. */
static char *read_line(const char *prompt, size_t *n, bool *interrupted)
{
    GThreadState *ts = g_tstate();
    g_threadstate_detach(ts);
    char *line = readline(prompt);
    g_threadstate_attach(ts);
    *interrupted = atomic_exchange(&g_runtime.pending_signal, 0) != 0;
    if (*interrupted) {
        free(line);
        return NULL;
    }
    if (!line)
        return NULL;
    if (line[strspn(line, " \t")]) {
        add_history(line);
        if (history_path[0])
            write_history(history_path);
    }
    size_t len = strlen(line);
    char *r = realloc(line, len + 2);
    if (!r) {
        free(line);
        return NULL;
    }
    r[len] = '\n';
    r[len + 1] = 0;
    *n = len + 1;
    return r;
}

#else /* !HAVE_LIBEDIT */

static void editor_init(GObject *globals) { (void)globals; }

static char *read_line(const char *prompt, size_t *n, bool *interrupted)
{
    fputs(prompt, stdout);
    g_stream_flush(stdout);
    char *line = g_stream_readline(stdin, n);   /* detached: threads run on meanwhile */
    *interrupted = false;
    if (!line && (atomic_exchange(&g_runtime.pending_signal, 0) || ferror(stdin))) {
        clearerr(stdin);
        *interrupted = true;
    }
    return line;
}

#endif

/* ====================================================================================
 * The loop
 * ==================================================================================== */

/* Does the buffer need more lines before it can be compiled? */
static bool incomplete(const GSyntaxError *err)
{
    return strstr(err->msg, "was never closed") || strstr(err->msg, "unterminated triple-quoted") ||
           strstr(err->msg, "expected an indented block") || strstr(err->msg, "unexpected EOF");
}

/* Run one complete statement (co, or the SyntaxError err when it is NULL).  Returns
 * -1 to go on, else the session's exit status (SystemExit). */
static int run_statement(GBuf *b, GCode *co, const GSyntaxError *err, GObject *globals, int (*on_exception)(void))
{
    if (!co) {
        GObject *exc = g_syntax_error_object(err, "<stdin>", b->data ? b->data : "", b->len);
        if (exc) {
            g_print_exception(exc);
            g_decref(exc);
        }
        return -1;
    }
    GObject *r = g_eval_code(co, globals, globals);
    g_decref((GObject *)co);
    if (r) {
        g_decref(r);
        return -1;
    }
    if (g_err_matches(&GExc_SystemExit))
        return on_exception();
    on_exception();
    return -1;
}

int g_repl_run(GObject *globals, int (*on_exception)(void))
{
    printf("gilt %s (a free-threaded teaching interpreter; GIL %s)\n"
           "Type Ctrl-D to exit.\n", PACKAGE_VERSION, g_runtime.gil_enabled ? "on" : "off");
    editor_init(globals);
    GBuf b;
    g_buf_init(&b);
    g_runtime.interactive = true;
    int status = 0;
    for (;;) {
        size_t n = 0;
        bool interrupted;
        char *line = read_line(b.len ? "... " : ">>> ", &n, &interrupted);
        if (!line) {
            if (interrupted) {
                /* Ctrl-C at the prompt: only its own request bit goes; merges, QSBR
                 * and collections that other threads asked for stay pending */
                atomic_fetch_and(&g_runtime.main_thread->eval_breaker, ~G_BREAK_SIGNAL);
                fputs("\nKeyboardInterrupt\n", stdout);
                g_buf_free(&b);
                continue;
            }
            fputc('\n', stdout);
            break;
        }
        bool blank = line[strspn(line, " \t\r\n")] == 0;
        g_buf_put(&b, line, n);
        free(line);
        bool block = b.len && (strchr(b.data, '\n') != strrchr(b.data, '\n') || strstr(b.data, ":\n"));
        if (block && !blank)
            continue;
        GSyntaxError err;
        GCode *co = g_compile(b.data ? b.data : "", b.len, "<stdin>", G_COMPILE_SINGLE, &err);
        if (!co && !blank && incomplete(&err))
            continue;
        int r = run_statement(&b, co, &err, globals, on_exception);
        g_buf_free(&b);
        atomic_store(&g_runtime.pending_signal, 0);
        if (r >= 0) {
            status = r;
            break;
        }
    }
    g_buf_free(&b);
    return status;
}
