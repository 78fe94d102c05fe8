/* io.c -- the _io module: the C half of io (open and the file classes, file.c).
 * The io module itself is embedded Python (py/io.py): StringIO and BytesIO. */
#include "modules/modules.h"
#include "objects/file.h"

static const GMethodDef io_functions[] = {
    { "open", g_file_open, 0, NULL },
    { NULL, NULL, 0, NULL },
};

GObject *g_io_init(void)
{
    GObject *m = g_module_new("_io");
    if (!m)
        return NULL;
    g_module_add_functions(m, io_functions);
    GObject *d = g_module_dict(m);
    g_dict_set_str(d, "TextIOWrapper", (GObject *)&GTextIOWrapper_type);
    g_dict_set_str(d, "BufferedReader", (GObject *)&GBufferedReader_type);
    g_dict_set_str(d, "BufferedWriter", (GObject *)&GBufferedWriter_type);
    g_dict_set_str(d, "BufferedRandom", (GObject *)&GBufferedRandom_type);
    g_dict_set_str(d, "UnsupportedOperation", g_unsupported_operation);
    return m;
}
