/* file.c -- file objects: what open() returns, in text and in binary mode.
 *
 *   GFileObj: | header | mu | fp | closed | name | mode | encoding | flags |
 *
 * A file object wraps a C stdio stream (FILE *), which does the buffering.  Text
 * mode decodes what it reads and encodes what it writes with the file's encoding
 * (UTF-8, ASCII or Latin-1: bytes_codec.c); binary mode reads and writes bytes.
 * CPython has four classes for what gilt does with one layout; they differ only in
 * their names (TextIOWrapper, BufferedReader, BufferedWriter, BufferedRandom),
 * which repr and type() show, so there are four GTypes sharing every slot.
 *
 * Threads.  A file may be shared: several threads write lines to one log.  Every
 * operation on the stream runs *detached* and under the file's own lock `mu`:
 *
 *     convert the argument (str -> bytes: may run no Python, but allocates)
 *     detach; lock mu; if open: fread/fwrite/fclose...; unlock mu; attach
 *     make the result object (str or bytes) from what was read
 *
 * So one write() is one fwrite under the lock: writes of several threads never
 * interleave within a call, and a read never sees half of a write.  Blocking I/O
 * never holds the GIL or stops a stop of the world (the thread is detached, as
 * CPython releases the GIL around read and write).  mu is taken and held only by
 * detached threads, never while holding any other ranked lock, and nothing is
 * allocated or freed under it: rank G_RANK_FILE in the lock table, and no attached
 * thread ever blocks on it.  close() sets fp to NULL under mu, so an operation that
 * waited for the lock finds the file closed instead of a freed stream.
 *
 * The finalizer: a file that is freed while still open is closed (flushed) by its
 * dealloc, with no lock held (nobody else can reach it any more).
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "objects/bytes_internal.h"
#include "objects/file.h"
#include "objects/objects.h"
#include "runtime/lockrank.h"
#include "runtime/threadstate.h"

typedef enum { FENC_UTF8, FENC_ASCII, FENC_LATIN1 } FileEnc;

typedef struct GFileObj {
    GObject ob;
    GRawMutex mu;          /* the stream's lock: taken only detached (see above) */
    FILE *fp;              /* NULL once closed; written under mu */
    _Atomic bool closed;   /* set by close(); read without mu for the quick checks */
    GObject *name;         /* str or int, as given to open(); never changes */
    GObject *mode;         /* str, as given */
    GObject *encoding;     /* str, text mode only (NULL in binary mode) */
    bool binary, readable, writable;
} GFileObj;

GObject *g_unsupported_operation;   /* io.UnsupportedOperation, made by g_file_init */

/* ====================================================================================
 * Running an operation on the stream: detached, under mu
 * ==================================================================================== */

typedef int (*StreamOp)(FILE *fp, void *ctx);   /* 0 ok, -1 with errno set */

/* 1 done, 0 the file was closed, -1 the operation failed (errno). */
static int run_on_stream(GFileObj *f, StreamOp op, void *ctx)
{
    GThreadState *ts = g_tstate_current;
    bool attached = ts && atomic_load_explicit(&ts->state, memory_order_relaxed) == G_TS_ATTACHED;
    if (attached)
        g_threadstate_detach(ts);
    g_raw_lock(&f->mu);
    int r = f->fp ? (op(f->fp, ctx) < 0 ? -1 : 1) : 0;
    int saved = errno;
    g_raw_unlock(&f->mu);
    if (attached)
        g_threadstate_attach(ts);
    errno = saved;
    return r;
}

static GObject *closed_error(void) { return g_raise(&GExc_ValueError, "I/O operation on closed file."); }

/* An OSError subclass for errno, as CPython picks it: "[Errno 2] No such file or
 * directory: 'x'". */
GObject *g_raise_errno(int err, GObject *filename)
{
    GType *t = &GExc_OSError;
    switch (err) {
    case ENOENT: t = &GExc_FileNotFoundError; break;
    case EEXIST: t = &GExc_FileExistsError; break;
    case EACCES: case EPERM: t = &GExc_PermissionError; break;
    case EISDIR: t = &GExc_IsADirectoryError; break;
    case ENOTDIR: t = &GExc_NotADirectoryError; break;
    default: break;
    }
    GObject *no = g_int_from_i64(err), *msg = g_str_from_cstr(strerror(err));
    GObject *args = no && msg ? g_tuple_pack(2, no, msg) : NULL;
    g_xdecref(no);
    g_xdecref(msg);
    GObject *e = args ? g_exc_new(t, args) : NULL;
    g_xdecref(args);
    if (!e)
        return NULL;
    if (filename)
        ((GException *)e)->value = g_newref(filename);
    return g_raise_obj(e);
}

static bool check_open(GFileObj *f)
{
    if (atomic_load_explicit(&f->closed, memory_order_acquire)) {
        closed_error();
        return false;
    }
    return true;
}

static bool check_can(GFileObj *f, bool write)
{
    if (!check_open(f))
        return false;
    if (write ? f->writable : f->readable)
        return true;
    /* the text layer says "not readable"; the binary one names the method */
    g_raise((GType *)g_unsupported_operation, "%s", f->binary ? (write ? "write" : "read") : write ? "not writable" : "not readable");
    return false;
}

/* ====================================================================================
 * Reading
 * ==================================================================================== */

/* What a read asks for.  Text reads count code points (`utf8`: continuation bytes
 * are not new ones) and translate newlines as CPython's universal newlines do:
 * "\r\n" and a lone "\r" arrive as "\n". */
typedef struct { GBuf buf; int64_t limit; bool line; bool text; bool utf8; } ReadCtx;

/* Translate "\r\n" and "\r" to "\n" in place (a whole read of a text file). */
static void translate_newlines(GBuf *b)
{
    size_t w = 0;
    for (size_t i = 0; i < b->len; i++) {
        if (b->data[i] == '\r') {
            b->data[w++] = '\n';
            if (i + 1 < b->len && b->data[i + 1] == '\n')
                i++;
        } else {
            b->data[w++] = b->data[i];
        }
    }
    b->len = w;
}

/* Read up to limit bytes (or code points, for text), stopping after a newline when
 * `line`; limit < 0: no limit. */
static int read_op(FILE *fp, void *vctx)
{
    ReadCtx *c = vctx;
    if (!c->line && (!c->text || c->limit < 0)) {
        char chunk[8192];
        while (c->limit < 0 || (int64_t)c->buf.len < c->limit) {
            size_t want = sizeof chunk;
            if (c->limit >= 0 && (size_t)(c->limit - (int64_t)c->buf.len) < want)
                want = (size_t)(c->limit - (int64_t)c->buf.len);
            size_t got = fread(chunk, 1, want, fp);
            g_buf_put(&c->buf, chunk, got);
            if (got < want)
                break;
        }
        if (c->text && c->buf.data)
            translate_newlines(&c->buf);
        return ferror(fp) ? -1 : 0;
    }
    int64_t units = 0;
    int ch;
    while ((c->limit < 0 || units < c->limit) && (ch = getc(fp)) != EOF) {
        if (c->text && ch == '\r') {
            int next = getc(fp);
            if (next != '\n' && next != EOF)
                ungetc(next, fp);
            ch = '\n';
        }
        g_buf_putc(&c->buf, (char)ch);
        /* a UTF-8 continuation byte is not a new code point */
        if (!c->utf8 || (ch & 0xC0) != 0x80)
            units++;
        if (c->line && ch == '\n')
            break;
    }
    if (c->utf8 && c->limit >= 0) {
        /* finish the last code point's continuation bytes */
        while ((ch = getc(fp)) != EOF) {
            if ((ch & 0xC0) != 0x80) {
                ungetc(ch, fp);
                break;
            }
            g_buf_putc(&c->buf, (char)ch);
        }
    }
    return ferror(fp) ? -1 : 0;
}

static const char *const enc_names[] = { "utf-8", "ascii", "latin-1" };

static FileEnc enc_of(GFileObj *f)
{
    const char *e = g_str_data(f->encoding);
    GObject *probe = g_bytes_decode("", 0, e, "strict");   /* the codec's own lookup */
    g_xdecref(probe);
    g_err_clear();
    if (!strcasecmp(e, "ascii") || !strcasecmp(e, "us-ascii"))
        return FENC_ASCII;
    if (!strncasecmp(e, "latin", 5) || !strncasecmp(e, "iso-8859-1", 10) || !strncasecmp(e, "iso8859-1", 9))
        return FENC_LATIN1;
    return FENC_UTF8;
}

/* The result of a read: bytes, or the text decoded. */
static GObject *read_result(GFileObj *f, ReadCtx *c)
{
    if (c->buf.failed) {
        g_buf_free(&c->buf);
        return g_no_memory();
    }
    GObject *r = f->binary ? g_bytes_new(c->buf.data, c->buf.len)
                           : g_bytes_decode(c->buf.data ? c->buf.data : "", c->buf.len, enc_names[enc_of(f)], "strict");
    g_buf_free(&c->buf);
    return r;
}

static GObject *do_read(GFileObj *f, int64_t limit, bool line)
{
    if (!check_can(f, false))
        return NULL;
    ReadCtx c = { .limit = limit, .line = line, .text = !f->binary, .utf8 = !f->binary && enc_of(f) == FENC_UTF8 };
    g_buf_init(&c.buf);
    int r = run_on_stream(f, read_op, &c);
    if (r <= 0) {
        g_buf_free(&c.buf);
        return r == 0 ? closed_error() : g_raise_errno(errno, NULL);
    }
    return read_result(f, &c);
}

/* The size argument of read/readline: None or absent is -1. */
static int size_arg(GObject *const *args, size_t nargs, int64_t *out)
{
    *out = -1;
    if (nargs && args[0] != G_NONE) {
        if (!g_is_int(args[0])) {
            g_raise(&GExc_TypeError, "argument should be integer or None, not '%T'", args[0]);
            return -1;
        }
        *out = g_as_ssize(args[0]);
        if (*out == -1 && g_err_occurred())
            return -1;
    }
    return 0;
}

#define ARGS GObject *self, GObject *const *args, size_t nargs, GObject *kw
#define NOKW(name) if (g_no_kwargs(name, kw) < 0) return NULL
#define F ((GFileObj *)self)

static GObject *m_read(ARGS)
{
    NOKW("read");
    int64_t n;
    if (g_check_nargs("read", nargs, 0, 1) < 0 || size_arg(args, nargs, &n) < 0)
        return NULL;
    return do_read(F, n, false);
}

static GObject *m_readline(ARGS)
{
    NOKW("readline");
    int64_t n;
    if (g_check_nargs("readline", nargs, 0, 1) < 0 || size_arg(args, nargs, &n) < 0)
        return NULL;
    return do_read(F, n, true);
}

static GObject *file_iternext(GObject *self)
{
    GObject *line = do_read(F, -1, true);
    if (line && g_len(line) == 0) {
        g_decref(line);
        return NULL;
    }
    return line;
}

static GObject *m_readlines(ARGS)
{
    (void)args; NOKW("readlines");
    if (g_check_nargs("readlines", nargs, 0, 1) < 0)
        return NULL;
    GObject *l = g_list_new(0), *line;
    while (l && (line = file_iternext(self))) {
        int r = g_list_append(l, line);
        g_decref(line);
        if (r < 0)
            G_CLEAR(l);
    }
    if (l && g_err_occurred())
        G_CLEAR(l);
    return l;
}

/* ====================================================================================
 * Writing, flushing, seeking, closing
 * ==================================================================================== */

typedef struct { const char *p; size_t n; } WriteCtx;

static int write_op(FILE *fp, void *vctx)
{
    WriteCtx *c = vctx;
    return fwrite(c->p, 1, c->n, fp) == c->n ? 0 : -1;
}

/* Write one str (text) or bytes-like (binary) object; its length, or -1. */
static int64_t write_one(GFileObj *f, GObject *data)
{
    if (!check_can(f, true))
        return -1;
    GObject *enc = NULL;
    GBView v = { NULL, 0, NULL };
    int64_t count;
    if (f->binary) {
        if (g_bview_get(data, &v, NULL) < 0)
            return -1;
        count = v.n;
    } else {
        if (!g_is_str(data)) {
            g_raise(&GExc_TypeError, "write() argument must be str, not %T", data);
            return -1;
        }
        enc = g_str_encode(data, enc_names[enc_of(f)], "strict");
        if (!enc)
            return -1;
        v.p = g_bytes_data(enc);
        v.n = g_bytes_size(enc);
        count = g_str_len(data);
    }
    WriteCtx c = { v.p, (size_t)v.n };
    int r = run_on_stream(f, write_op, &c);
    int err = errno;
    g_bview_release(&v);
    g_xdecref(enc);
    if (r <= 0) {
        if (r == 0)
            closed_error();
        else
            g_raise_errno(err, NULL);
        return -1;
    }
    return count;
}

static GObject *m_write(ARGS)
{
    NOKW("write");
    if (g_check_nargs("write", nargs, 1, 1) < 0)
        return NULL;
    int64_t n = write_one(F, args[0]);
    return n < 0 ? NULL : g_int_from_i64(n);
}

static GObject *m_writelines(ARGS)
{
    NOKW("writelines");
    if (g_check_nargs("writelines", nargs, 1, 1) < 0)
        return NULL;
    GObject *it = g_iter(args[0]), *x;
    if (!it)
        return NULL;
    while ((x = g_next(it))) {
        int64_t n = write_one(F, x);
        g_decref(x);
        if (n < 0) {
            g_decref(it);
            return NULL;
        }
    }
    g_decref(it);
    return g_err_occurred() ? NULL : G_NONE;
}

static int flush_op(FILE *fp, void *ctx) { (void)ctx; return fflush(fp) == 0 ? 0 : -1; }

static GObject *m_flush(ARGS)
{
    (void)args; (void)nargs; NOKW("flush");
    if (!check_open(F))
        return NULL;
    int r = run_on_stream(F, flush_op, NULL);
    return r == 1 ? G_NONE : r == 0 ? closed_error() : g_raise_errno(errno, NULL);
}

/* fileno(): the descriptor, read under mu like every use of fp (a close may be
 * running in another thread). */
static int fileno_op(FILE *fp, void *ctx) { *(int *)ctx = fileno(fp); return 0; }

static GObject *m_fileno(ARGS)
{
    (void)args; NOKW("fileno");
    if (g_check_nargs("TextIOWrapper.fileno", nargs, 0, 0) < 0)
        return NULL;
    int fd = -1;
    int r = run_on_stream(F, fileno_op, &fd);
    /* (CPython's message here, from the raw file, has no full stop) */
    return r == 1 ? g_int_from_i64(fd) : r == 0 ? g_raise(&GExc_ValueError, "I/O operation on closed file")
                                                : g_raise_errno(errno, NULL);
}

typedef struct { int64_t off; int whence; int64_t pos; } SeekCtx;

static int seek_op(FILE *fp, void *vctx)
{
    SeekCtx *c = vctx;
    if (c->whence >= 0 && fseeko(fp, (off_t)c->off, c->whence) != 0)
        return -1;
    c->pos = (int64_t)ftello(fp);
    return c->pos < 0 ? -1 : 0;
}

static GObject *seek_tell(GFileObj *f, int64_t off, int whence)
{
    if (!check_open(f))
        return NULL;
    SeekCtx c = { off, whence, 0 };
    int r = run_on_stream(f, seek_op, &c);
    if (r <= 0)
        return r == 0 ? closed_error() : g_raise_errno(errno, NULL);
    return g_int_from_i64(c.pos);
}

static GObject *m_seek(ARGS)
{
    NOKW("seek");
    if (g_check_nargs("seek", nargs, 1, 2) < 0)
        return NULL;
    int64_t off = g_as_ssize(args[0]), whence = 0;
    if (off == -1 && g_err_occurred())
        return NULL;
    if (nargs == 2 && (whence = g_as_ssize(args[1])) == -1 && g_err_occurred())
        return NULL;
    if (whence < 0 || whence > 2)
        return g_raise(&GExc_ValueError, "invalid whence (%zd, should be 0, 1 or 2)", (ssize_t)whence);
    return seek_tell(F, off, (int)whence);
}

static GObject *m_tell(ARGS)
{
    (void)args; (void)nargs; NOKW("tell");
    return seek_tell(F, 0, -1);
}

static int close_op(FILE *fp, void *vctx)
{
    GFileObj *f = vctx;
    f->fp = NULL;          /* under mu: whoever waits for it next finds the file closed */
    return fclose(fp) == 0 ? 0 : -1;
}

static GObject *m_close(ARGS)
{
    (void)args; (void)nargs; NOKW("close");
    atomic_store_explicit(&F->closed, true, memory_order_release);
    int r = run_on_stream(F, close_op, F);
    return r < 0 ? g_raise_errno(errno, NULL) : G_NONE;   /* closing twice is fine */
}

static GObject *m_enter(ARGS)
{
    (void)args; (void)nargs; (void)kw;
    return check_open(F) ? g_newref(self) : NULL;
}

static GObject *m_exit(ARGS)
{
    (void)args; (void)nargs;
    GObject *r = m_close(self, NULL, 0, kw);
    return r ? G_FALSE : NULL;
}

static GObject *m_readable(ARGS) { (void)args; (void)nargs; (void)kw; return check_open(F) ? g_bool(F->readable) : NULL; }
static GObject *m_writable(ARGS) { (void)args; (void)nargs; (void)kw; return check_open(F) ? g_bool(F->writable) : NULL; }
static GObject *m_seekable(ARGS) { (void)args; (void)nargs; (void)kw; return check_open(F) ? G_TRUE : NULL; }

static const GMethodDef file_methods[] = {
    { "read", m_read, 0, NULL }, { "readline", m_readline, 0, NULL }, { "readlines", m_readlines, 0, NULL },
    { "write", m_write, 0, NULL }, { "writelines", m_writelines, 0, NULL }, { "flush", m_flush, 0, NULL }, { "fileno", m_fileno, 0, NULL },
    { "seek", m_seek, 0, NULL }, { "tell", m_tell, 0, NULL }, { "close", m_close, 0, NULL },
    { "__enter__", m_enter, 0, NULL }, { "__exit__", m_exit, 0, NULL },
    { "readable", m_readable, 0, NULL }, { "writable", m_writable, 0, NULL }, { "seekable", m_seekable, 0, NULL },
    { NULL, NULL, 0, NULL },
};

static GObject *get_name(GObject *o) { return g_newref(((GFileObj *)o)->name); }
static GObject *get_mode(GObject *o) { return g_newref(((GFileObj *)o)->mode); }
static GObject *get_closed(GObject *o) { return g_bool(atomic_load_explicit(&((GFileObj *)o)->closed, memory_order_acquire)); }
static GObject *get_encoding(GObject *o)
{
    GFileObj *f = (GFileObj *)o;
    if (!f->encoding)
        return g_raise(&GExc_AttributeError, "'%T' object has no attribute 'encoding'", o);
    return g_newref(f->encoding);
}

static const GGetSetDef file_getsets[] = {
    { "name", get_name, NULL }, { "mode", get_mode, NULL }, { "closed", get_closed, NULL },
    { "encoding", get_encoding, NULL }, { NULL, NULL, NULL },
};

static GObject *file_repr(GObject *o)
{
    GFileObj *f = (GFileObj *)o;
    if (f->binary)
        return g_format("<_io.%s name=%R>", G_TYPE(o)->name, f->name);
    return g_format("<_io.TextIOWrapper name=%R mode=%R encoding=%R>", f->name, f->mode, f->encoding);
}

static GObject *file_iter(GObject *o) { return check_open((GFileObj *)o) ? g_newref(o) : NULL; }

static void file_dealloc(GObject *o)
{
    GFileObj *f = (GFileObj *)o;
    if (f->fp) {
        /* the finalizer: nobody else can reach f, so no lock; but fclose flushes,
         * which may block (a full pipe, a slow disk), so it runs detached like every
         * other stream operation: the GIL and a stop of the world need not wait */
        GThreadState *ts = g_tstate_current;
        bool attached = ts && atomic_load_explicit(&ts->state, memory_order_relaxed) == G_TS_ATTACHED;
        if (attached)
            g_threadstate_detach(ts);
        fclose(f->fp);
        if (attached)
            g_threadstate_attach(ts);
    }
    g_xdecref(f->name);
    g_xdecref(f->mode);
    g_xdecref(f->encoding);
    g_object_free(o);
}

#define FILE_TYPE(VAR, NAME) \
    GType VAR = { \
        .ob = G_STATIC_HEADER(&GType_type), .name = NAME, .basicsize = sizeof(GFileObj), \
        .flags = G_TPFLAG_LEAF, .base = &GObject_type, .tp_dealloc = file_dealloc, .tp_repr = file_repr, \
        .tp_iter = file_iter, .tp_iternext = file_iternext, .methods = file_methods, .getsets = file_getsets, \
    };
FILE_TYPE(GTextIOWrapper_type, "TextIOWrapper")
FILE_TYPE(GBufferedReader_type, "BufferedReader")
FILE_TYPE(GBufferedWriter_type, "BufferedWriter")
FILE_TYPE(GBufferedRandom_type, "BufferedRandom")

/* ====================================================================================
 * open()
 * ==================================================================================== */

typedef struct { const char *path; const char *cmode; FILE *fp; int err; } OpenCtx;

/* fopen (which may block: a slow disk, a FIFO) runs detached. */
static void open_detached(OpenCtx *c)
{
    GThreadState *ts = g_tstate_current;
    bool attached = ts && atomic_load_explicit(&ts->state, memory_order_relaxed) == G_TS_ATTACHED;
    if (attached)
        g_threadstate_detach(ts);
    c->fp = fopen(c->path, c->cmode);
    c->err = errno;
    struct stat st;
    if (c->fp && fstat(fileno(c->fp), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(c->fp);
        c->fp = NULL;
        c->err = EISDIR;
    }
    if (attached)
        g_threadstate_attach(ts);
}

GObject *g_file_open(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)self;
    static const char *const names[] = { "file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener", NULL };
    GObject *a[8];
    if (g_parse_args("open", args, nargs, kw, names, 1, a) < 0)
        return NULL;
    if (!g_is_str(a[0]))
        return g_raise(&GExc_TypeError, "expected str, bytes or os.PathLike object, not %T", a[0]);
    GObject *mode = a[1] ? a[1] : g_str_intern("r");
    if (!g_is_str(mode))
        return g_raise(&GExc_TypeError, "open() argument 'mode' must be str, not %T", mode);
    const char *m = g_str_data(mode);
    int rw = 0, plus = 0, bin = 0, text = 0;
    char kind = 0;
    for (const char *p = m; *p; p++) {
        if (strchr("rwax", *p))
            kind = kind ? kind : *p;
        else if (*p == '+' && !plus)
            plus = 1;
        else if (*p == 'b' && !bin)
            bin = 1;
        else if (*p == 't' && !text)
            text = 1;
        else
            return g_raise(&GExc_ValueError, "invalid mode: '%s'", m);
        rw += strchr("rwax", *p) != NULL;
    }
    if (!kind || rw != 1 || (bin && text))
        return g_raise(&GExc_ValueError, kind && rw > 1 ? "must have exactly one of create/read/write/append mode"
                                                      : bin && text ? "can't have text and binary mode at once"
                                                                    : "Must have exactly one of create/read/write/append mode and at most one plus");
    if (bin && a[3] && a[3] != G_NONE)
        return g_raise(&GExc_ValueError, "binary mode doesn't take an encoding argument");
    GObject *encoding = NULL;
    if (!bin) {
        encoding = a[3] && a[3] != G_NONE ? a[3] : g_str_intern("UTF-8");
        if (!g_is_str(encoding))
            return g_raise(&GExc_TypeError, "open() argument 'encoding' must be str or None, not %T", encoding);
        GObject *probe = g_bytes_decode("", 0, g_str_data(encoding), "strict");   /* LookupError if unknown */
        if (!probe)
            return NULL;
        g_decref(probe);
    }
    char cmode[8];
    snprintf(cmode, sizeof cmode, "%s%s%s", kind == 'x' ? "w" : (char[]){ kind, 0 }, plus ? "+" : "", kind == 'x' ? "x" : "");
    OpenCtx c = { g_str_data(a[0]), cmode, NULL, 0 };
    open_detached(&c);
    if (!c.fp)
        return g_raise_errno(c.err, a[0]);
    GType *t = !bin ? &GTextIOWrapper_type : plus ? &GBufferedRandom_type : kind == 'r' ? &GBufferedReader_type
                                                                          : &GBufferedWriter_type;
    GFileObj *f = (GFileObj *)g_object_alloc(t, sizeof(GFileObj));
    if (!f) {
        fclose(c.fp);
        return g_no_memory();
    }
    g_raw_mutex_init(&f->mu, G_RANK_FILE);
    f->fp = c.fp;
    atomic_init(&f->closed, false);
    f->name = g_newref(a[0]);
    f->mode = g_newref(mode);
    f->encoding = encoding ? g_newref(encoding) : NULL;
    f->binary = bin;
    f->readable = kind == 'r' || plus;
    f->writable = kind != 'r' || plus;
    return (GObject *)f;
}

void g_file_init(void)
{
    GType *types[] = { &GTextIOWrapper_type, &GBufferedReader_type, &GBufferedWriter_type, &GBufferedRandom_type };
    for (int i = 0; i < 4; i++) {
        g_type_ready(types[i]);
        types[i]->module_name = g_str_intern("_io");
    }
    GObject *name = g_str_intern("UnsupportedOperation");
    GObject *bases = g_tuple_pack(2, (GObject *)&GExc_OSError, (GObject *)&GExc_ValueError);   /* as CPython */
    GObject *ns = g_dict_new();
    g_dict_set_str(ns, "__module__", g_str_intern("io"));
    g_unsupported_operation = g_type_new_heap(&GType_type, name, bases, ns);
    g_set_immortal(g_unsupported_operation);
    g_decref(bases);
    g_decref(ns);
}
