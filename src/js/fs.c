/* fs.c - require('fs'): node's synchronous file calls that scripts use to
 * write out what they measured and read it back -- readFileSync,
 * writeFileSync, appendFileSync, existsSync, mkdirSync, readdirSync,
 * unlinkSync and rmdirSync -- with node 20's argument checks and its libuv errors:
 *
 *     ENOENT: no such file or directory, open 'x'
 *
 * an Error with errno (negative), code, syscall and, where node gives one,
 * path.  A path is a string or a Buffer (not a URL); a number is a file
 * descriptor for the read and write calls, as in node.  Data is a string
 * (in an encoding Buffer knows) or a Buffer. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtins.h"

/* libuv's code and text for an errno (EIO's code for one not listed). */
const char *js_uv_error(int err, const char **message)
{
    static const struct {
        int err;
        const char *code, *message;
    } table[] = {
        {ENOENT, "ENOENT", "no such file or directory"},
        {EACCES, "EACCES", "permission denied"},
        {EEXIST, "EEXIST", "file already exists"},
        {EISDIR, "EISDIR", "illegal operation on a directory"},
        {ENOTDIR, "ENOTDIR", "not a directory"},
        {ENOTEMPTY, "ENOTEMPTY", "directory not empty"},
        {EBADF, "EBADF", "bad file descriptor"},
        {EROFS, "EROFS", "read-only file system"},
        {ENOSPC, "ENOSPC", "no space left on device"},
        {EMFILE, "EMFILE", "too many open files"},
        {EPERM, "EPERM", "operation not permitted"},
        {ENAMETOOLONG, "ENAMETOOLONG", "name too long"},
        {ELOOP, "ELOOP", "too many symbolic links encountered"},
        {EINVAL, "EINVAL", "invalid argument"},
        {EBUSY, "EBUSY", "resource busy or locked"},
    };
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        if (table[i].err == err) {
            *message = table[i].message;
            return table[i].code;
        }
    *message = strerror(err);
    return "EIO";
}

gh_value js_throw_fs_error(int err, const char *syscall, const char *path)
{
    const char *message, *code = js_uv_error(err, &message);
    if (path)
        js_throw_error(JE_ERROR, "%s: %s, %s '%s'", code, message, syscall, path);
    else
        js_throw_error(JE_ERROR, "%s: %s, %s", code, message, syscall);
    gh_value *e = js_root(R.exception);
    js_put_num(e, "errno", -err);
    js_put_str(e, "code", code);
    js_put_str(e, "syscall", syscall);
    if (path)
        js_put_str(e, "path", path);
    R.exception = *e;
    return JS_EXCEPTION;
}

/* ---- arguments ---- */

/* A path argument (a string or a Buffer) into out; or, when fd is not
 * NULL, a file descriptor (a non-negative integer: *fd, out left empty).
 * False with node's TypeError thrown. */
static bool path_arg(gh_value v, js_sbuf *out, int *fd)
{
    if (fd) {
        *fd = -1;
        if (js_is_number(v) && js_num(v) >= 0 && js_num(v) <= INT32_MAX &&
            js_num(v) == (double)(int)js_num(v)) {
            *fd = (int)js_num(v);
            return true;
        }
    }
    const uint8_t *bytes;
    size_t n;
    if (js_is_string(v))
        sb_put(out, js_str(v)->data, js_str(v)->len);
    else if (js_buffer_view(v, &bytes, &n))
        sb_put(out, (const char *)bytes, n);
    else {
        js_throw_arg_type("The \"path\" argument must be of type string or an instance of Buffer or URL",
                          v);
        return false;
    }
    if (memchr(sb_cstr(out), 0, out->len)) {
        js_sbuf shown = {0};
        js_inspect_opts o = JS_INSPECT_OPTS(2, false);
        js_inspect(v, &o, &shown);
        js_throw_coded(JE_TYPE, "ERR_INVALID_ARG_VALUE",
                       "The argument 'path' must be a string, Uint8Array, or URL without null "
                       "bytes. Received %s",
                       sb_cstr(&shown));
        sb_free(&shown);
        return false;
    }
    return true;
}

/* The encoding and flag of an options argument (a string is the
 * encoding): undefined encoding when none; false with node's error for an
 * encoding Buffer does not know. */
static bool file_options(gh_value options, gh_value *encoding, js_sbuf *flag)
{
    *encoding = JS_UNDEFINED;
    if (js_is_string(options)) {
        *encoding = options;
    } else if (js_is_object(options) && !js_is_callable(options)) {
        gh_value *o = js_root(options);
        gh_value e = js_get(*o, js_atom_cstr("encoding"));
        gh_value f = e == JS_EXCEPTION ? JS_EXCEPTION : js_get(*o, js_atom_cstr("flag"));
        if (f == JS_EXCEPTION)
            return false;
        if (js_is_string(f) && !js_to_cstring(f, flag))
            return false;
        *encoding = e;
    }
    if (*encoding == JSV_NULL)
        *encoding = JS_UNDEFINED;
    if (*encoding != JS_UNDEFINED &&
        (!js_is_string(*encoding) || !js_encoding_known(js_str(*encoding)->data))) {
        js_sbuf shown = {0};
        js_inspect_opts o = JS_INSPECT_OPTS(2, false);
        js_inspect(*encoding, &o, &shown);
        js_throw_coded(JE_TYPE, "ERR_INVALID_ARG_VALUE",
                       "The argument 'encoding' is invalid encoding. Received %s", sb_cstr(&shown));
        sb_free(&shown);
        return false;
    }
    return true;
}

/* open(2) flags for node's flag strings ('w', 'a', 'wx', 'r+' ...);
 * -1 with node's error for another. */
static int open_flags(const char *flag, int fallback)
{
    static const struct {
        const char *name;
        int flags;
    } table[] = {
        {"r", O_RDONLY},
        {"r+", O_RDWR},
        {"w", O_WRONLY | O_CREAT | O_TRUNC},
        {"wx", O_WRONLY | O_CREAT | O_TRUNC | O_EXCL},
        {"w+", O_RDWR | O_CREAT | O_TRUNC},
        {"wx+", O_RDWR | O_CREAT | O_TRUNC | O_EXCL},
        {"a", O_WRONLY | O_CREAT | O_APPEND},
        {"ax", O_WRONLY | O_CREAT | O_APPEND | O_EXCL},
        {"a+", O_RDWR | O_CREAT | O_APPEND},
        {"ax+", O_RDWR | O_CREAT | O_APPEND | O_EXCL},
    };
    if (!*flag)
        return fallback;
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        if (strcmp(flag, table[i].name) == 0)
            return table[i].flags;
    js_throw_coded(JE_TYPE, "ERR_INVALID_ARG_VALUE", "The argument 'flags' is invalid. Received '%s'",
                   flag);
    return -1;
}

/* ---- reading and writing ---- */

/* All of fd's bytes into out; 0, or the errno of a failed read. */
static int read_all(int fd, js_sbuf *out)
{
    char chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errno;
        if (n == 0)
            return 0;
        sb_put(out, chunk, (size_t)n);
    }
}

NATIVE(fs_read_file_sync)
{
    (void)this_;
    js_sbuf path = {0}, flag = {0}, data = {0};
    gh_value r = JS_EXCEPTION, encoding;
    int fd;
    if (!path_arg(ARG(0), &path, &fd) || !file_options(ARG(1), &encoding, &flag))
        goto out;
    gh_value *enc = js_root(encoding);
    int flags = open_flags(sb_cstr(&flag), O_RDONLY);
    if (flags < 0)
        goto out;
    bool own = fd < 0;
    if (own && (fd = open(path.data, flags | O_CLOEXEC, 0666)) < 0) {
        js_throw_fs_error(errno, "open", path.data);
        goto out;
    }
    struct stat st; /* node looks at the file before it reads */
    int err = fstat(fd, &st) != 0 ? errno : 0;
    const char *syscall = err ? "fstat" : "read";
    if (!err)
        err = read_all(fd, &data);
    if (own)
        close(fd);
    if (err) {
        js_throw_fs_error(err, syscall, NULL);
        goto out;
    }
    gh_value *buf = js_root(js_buffer_from_bytes(data.data, data.len));
    if (*buf == JS_EXCEPTION || *enc == JS_UNDEFINED)
        r = *buf;
    else
        r = js_call_method(*buf, A_toString, 1, enc);
out:
    sb_free(&path);
    sb_free(&flag);
    sb_free(&data);
    return r;
}

/* The bytes to write: a Buffer's, or a string's in the encoding; false
 * with node's TypeError for anything else.  MAY COLLECT. */
static bool data_bytes(gh_value *data, gh_value *encoding, js_sbuf *out)
{
    const uint8_t *bytes;
    size_t n;
    if (js_is_string(*data)) {
        gh_value *b = js_root(js_buffer_from_string(*data, *encoding));
        if (*b == JS_EXCEPTION || !js_buffer_view(*b, &bytes, &n))
            return false;
    } else if (!js_buffer_view(*data, &bytes, &n)) {
        js_throw_arg_type("The \"data\" argument must be of type string or an instance of Buffer, "
                          "TypedArray, or DataView",
                          *data);
        return false;
    }
    sb_put(out, (const char *)bytes, n);
    return true;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return errno;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static gh_value write_file(int argc, gh_value *argv, int default_flags)
{
    js_sbuf path = {0}, flag = {0}, bytes = {0};
    gh_value r = JS_EXCEPTION, encoding;
    int fd;
    if (!path_arg(ARG(0), &path, &fd) || !file_options(ARG(2), &encoding, &flag))
        goto out;
    gh_value *enc = js_root(encoding), *data = js_root(ARG(1));
    int flags = open_flags(sb_cstr(&flag), default_flags);
    if (flags < 0 || !data_bytes(data, enc, &bytes))
        goto out;
    if (js_is_number(ARG(0))) {
        fflush(stdout); /* fd 1 and 2 are console's too */
        fflush(stderr);
    }
    bool own = fd < 0;
    if (own && (fd = open(path.data, flags | O_CLOEXEC, 0666)) < 0) {
        js_throw_fs_error(errno, "open", path.data);
        goto out;
    }
    int err = write_all(fd, bytes.data ? bytes.data : "", bytes.len);
    if (own)
        close(fd);
    r = err ? js_throw_fs_error(err, "write", NULL) : JS_UNDEFINED;
out:
    sb_free(&path);
    sb_free(&flag);
    sb_free(&bytes);
    return r;
}

NATIVE(fs_write_file_sync)
{
    (void)this_;
    return write_file(argc, argv, O_WRONLY | O_CREAT | O_TRUNC);
}

NATIVE(fs_append_file_sync)
{
    (void)this_;
    return write_file(argc, argv, O_WRONLY | O_CREAT | O_APPEND);
}

/* ---- the file system's tree ---- */

NATIVE(fs_exists_sync)
{
    (void)this_;
    js_sbuf path = {0};
    bool ok = path_arg(ARG(0), &path, NULL);
    if (!ok) /* node: a bad path is simply not there */
        R.has_exception = false;
    bool exists = ok && access(path.data, F_OK) == 0;
    sb_free(&path);
    return js_bool(exists);
}

/* mkdir -p: each missing directory of path made in turn; the first one
 * made (as path spells it) into first, empty when none was. */
static int make_parents(char *path, int mode, js_sbuf *first)
{
    for (char *p = path + 1;; p++) {
        if (*p != '/' && *p)
            continue;
        char saved = *p;
        *p = 0;
        struct stat st;
        if (mkdir(path, (mode_t)mode) == 0) {
            if (!first->len)
                sb_puts(first, path);
        } else if (errno != EEXIST || stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
            int err = errno == EEXIST ? ENOTDIR : errno;
            *p = saved;
            return err;
        }
        *p = saved;
        if (!saved)
            return 0;
    }
}

NATIVE(fs_mkdir_sync)
{
    (void)this_;
    js_sbuf path = {0}, first = {0};
    gh_value r = JS_EXCEPTION, options = ARG(1);
    bool recursive = false;
    int mode = 0777;
    if (!path_arg(ARG(0), &path, NULL))
        goto out;
    if (js_is_number(options)) {
        mode = (int)js_num(options);
    } else if (js_is_object(options)) {
        gh_value *o = js_root(options);
        gh_value rec = js_get(*o, js_atom_cstr("recursive"));
        gh_value m = rec == JS_EXCEPTION ? JS_EXCEPTION : js_get(*o, js_atom_cstr("mode"));
        if (m == JS_EXCEPTION)
            goto out;
        recursive = js_truthy(rec);
        if (js_is_number(m))
            mode = (int)js_num(m);
    }
    if (recursive) {
        int err = make_parents(path.data, mode, &first);
        r = err ? js_throw_fs_error(err, "mkdir", path.data)
            : first.len ? js_string_new(first.data, first.len)
                        : JS_UNDEFINED;
    } else {
        r = mkdir(path.data, (mode_t)mode) == 0 ? JS_UNDEFINED
                                                 : js_throw_fs_error(errno, "mkdir", path.data);
    }
out:
    sb_free(&path);
    sb_free(&first);
    return r;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in a directory, sorted as libuv's scandir sorts them. */
NATIVE(fs_readdir_sync)
{
    (void)this_;
    js_sbuf path = {0};
    gh_value r = JS_EXCEPTION;
    if (!path_arg(ARG(0), &path, NULL))
        goto out;
    DIR *d = opendir(path.data);
    if (!d) {
        js_throw_fs_error(errno, "scandir", path.data);
        goto out;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (n == cap && !(names = realloc(names, (cap = cap ? cap * 2 : 16) * sizeof *names)))
            abort();
        if (!(names[n++] = strdup(e->d_name)))
            abort();
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    gh_value *list = js_root(js_array_new(0, n));
    for (size_t i = 0; i < n; i++) {
        gh_value *s = js_root(js_string_cstr(names[i]));
        js_array_push(list, s);
        free(names[i]);
    }
    free(names);
    r = *list;
out:
    sb_free(&path);
    return r;
}

/* rmdirSync and unlinkSync: one call on the path, node's error if it fails. */
static gh_value on_path(gh_value arg, int (*call)(const char *), const char *syscall)
{
    js_sbuf path = {0};
    gh_value r = JS_EXCEPTION;
    if (path_arg(arg, &path, NULL))
        r = call(path.data) == 0 ? JS_UNDEFINED : js_throw_fs_error(errno, syscall, path.data);
    sb_free(&path);
    return r;
}

NATIVE(fs_rmdir_sync) { (void)this_; return on_path(ARG(0), rmdir, "rmdir"); }
NATIVE(fs_unlink_sync) { (void)this_; return on_path(ARG(0), unlink, "unlink"); }

gh_value js_fs_module(void)
{
    gh_value *fs = js_root(js_object_new());
    js_make_native(fs, "readFileSync", fs_read_file_sync, 2);
    js_make_native(fs, "writeFileSync", fs_write_file_sync, 3);
    js_make_native(fs, "appendFileSync", fs_append_file_sync, 3);
    js_make_native(fs, "existsSync", fs_exists_sync, 1);
    js_make_native(fs, "mkdirSync", fs_mkdir_sync, 2);
    js_make_native(fs, "readdirSync", fs_readdir_sync, 2);
    js_make_native(fs, "unlinkSync", fs_unlink_sync, 1);
    js_make_native(fs, "rmdirSync", fs_rmdir_sync, 2);
    return *fs;
}
