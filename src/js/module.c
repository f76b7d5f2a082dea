/* module.c - CommonJS: the module wrapper (exports, require, module,
 * __filename, __dirname as the program's parameters), require of relative
 * files and JSON with a module cache, the builtin modules, and running the
 * main script, -e code and the REPL's inputs. */
#include <libgen.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtins.h"
#include "js_diag.h"
#include "parser.h"

gh_value js_v8_module(void);
gh_value js_util_module(void);
static const char *const wrapper_params[] = {"exports", "require", "module", "__filename", "__dirname", NULL};

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    js_sbuf b = {0};
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sb_put(&b, buf, n);
    fclose(f);
    *len = b.len;
    sb_cstr(&b);
    return b.data;
}

/* Parse and compile: NULL with an exception pending (a SyntaxError, printed
 * in Node's shape for uncaught ones). */
static js_code *compile_source(const char *text, size_t len, const char *filename, bool module, bool script_mode)
{
    js_source *src = calloc(1, sizeof *src);
    src->filename = strdup(filename);
    src->text = malloc(len + 1);
    memcpy(src->text, text, len);
    src->text[len] = 0;
    src->len = len;
    js_parse_options opts = {0};
    opts.allow_return_outside_function = module;
    opts.program_params = module ? wrapper_params : NULL;
    js_parse_result r = js_parse_ex(src->text, len, filename, &opts);
    if (!r.ok) {
        js_sbuf b = {0};
        FILE *mem = open_memstream(&b.data, &b.len);
        js_parse_error_print(mem, &r.error, src->text, len);
        fclose(mem);
        /* the message without the "SyntaxError: " line, as the error's own */
        js_throw_error(JE_SYNTAX, "%s", r.error.message);
        gh_value *e = js_root(R.exception);
        gh_value *s = js_root(js_string_new(b.data, b.len));
        js_define(e, js_atom_cstr("__ghjs_report"), s, PF_HIDDEN);
        free(b.data);
        js_parse_free(&r);
        js_source_free(src);
        return NULL;
    }
    js_code *code = js_compile_program(r.program, src, script_mode);
    js_parse_free(&r);
    if (code)
        js_program_register(code);
    else
        js_source_free(src);
    if (code && R.print_bytecode) {
        extern void js_disasm(FILE *out, const js_code *c, int depth);
        js_disasm(stdout, code, 0);
    }
    return code;
}

static gh_value make_require(gh_value *module);

static gh_value new_module(const char *filename, const char *id)
{
    gh_value *m = js_root(js_object_new());
    js_put_str(m, "id", id);
    js_put_str(m, "path", filename);
    js_put(m, "exports", js_object_new());
    js_put_str(m, "filename", filename);
    js_put(m, "loaded", JSV_FALSE);
    js_put(m, "children", js_array_new(0, 0));
    return *m;
}

/* Run a module's code: the wrapper function called with this = exports. */
static bool run_module(gh_value *module, const char *filename)
{
    size_t len;
    char *text = read_file(filename, &len);
    if (!text) {
        js_throw_error(JE_ERROR, "ENOENT: no such file or directory, open '%s'", filename);
        return false;
    }
    js_code *code = compile_source(text, len, filename, true, false);
    free(text);
    if (!code)
        return false;
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", filename);
    gh_value args[5];
    gh_value *req = js_root(make_require(module));
    gh_value *exports = js_root(js_get(*module, A_exports));
    gh_value *fn = js_root(js_string_cstr(filename));
    gh_value *dn = js_root(js_string_cstr(dirname(dir)));
    args[0] = *exports, args[1] = *req, args[2] = *module, args[3] = *fn, args[4] = *dn;
    gh_value r = js_run_code(code, *exports, 5, args);
    if (r == JS_EXCEPTION)
        return false;
    js_put(module, "loaded", JSV_TRUE);
    return true;
}

static bool is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static bool resolve(const char *base_dir, const char *spec, char *out, size_t cap)
{
    char joined[PATH_MAX * 2];
    if (spec[0] == '/')
        snprintf(joined, sizeof joined, "%s", spec);
    else
        snprintf(joined, sizeof joined, "%s/%s", base_dir, spec);
    static const char *const exts[] = {"", ".js", ".json", "/index.js", "/index.json"};
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
        char cand[PATH_MAX * 2 + 16];
        snprintf(cand, sizeof cand, "%s%s", joined, exts[i]);
        if (is_file(cand) && realpath(cand, out)) {
            (void)cap;
            return true;
        }
    }
    return false;
}

static gh_value builtin_module(const char *name)
{
    if (strncmp(name, "node:", 5) == 0)
        name += 5;
    if (strcmp(name, "os") == 0)
        return js_os_module();
    if (strcmp(name, "v8") == 0)
        return js_v8_module();
    if (strcmp(name, "util") == 0)
        return js_util_module();
    if (strcmp(name, "fs") == 0)
        return js_fs_module();
    if (strcmp(name, "events") == 0)
        return js_events_module();
    if (strcmp(name, "buffer") == 0 || strcmp(name, "timers") == 0) {
        gh_value *o = js_root(js_object_new());
        const char *names[] = {"Buffer", "setTimeout", "setInterval", "setImmediate", "clearTimeout",
                               "clearInterval", "clearImmediate"};
        for (size_t i = 0; i < sizeof names / sizeof *names; i++)
            js_put(o, names[i], js_global_get(js_atom_cstr(names[i])));
        return *o;
    }
    if (strcmp(name, "process") == 0)
        return js_global_get(js_atom_cstr("process"));
    /* the leak tools the seed names, built in */
    if (strcmp(name, "heapdump") == 0)
        return js_heapdump_module();
    if (strcmp(name, "memwatch") == 0 || strcmp(name, "@airbnb/node-memwatch") == 0 ||
        strcmp(name, "node-memwatch") == 0)
        return js_memwatch_module();
    return JS_HOLE;
}

/* A built-in module, made at its first require and the same object after
 * (as node's: require('fs') === require('node:fs')); JS_HOLE if name
 * names none. */
static gh_value cached_builtin(const char *name)
{
    const char *bare = strncmp(name, "node:", 5) == 0 ? name + 5 : name;
    if (!js_is_object(R.builtin_modules))
        R.builtin_modules = js_object_new_shape(js_shape_dict(JSV_NULL, JC_OBJECT));
    js_atom_id key = js_atom_cstr(bare);
    gh_value cached = js_own_value(R.builtin_modules, key);
    if (cached != JS_HOLE)
        return cached;
    gh_value *made = js_root(builtin_module(bare));
    if (*made != JS_HOLE && *made != JS_EXCEPTION)
        js_define_value(R.builtin_modules, key, *made, PF_DEFAULT);
    return *made;
}

gh_value js_require(gh_value *from_module, gh_value spec)
{
    JS_SCOPE_OPEN(sc);
    gh_value r = JS_EXCEPTION;
    js_sbuf name = {0};
    if (!js_is_string(spec)) {
        js_throw_error(JE_TYPE, "The \"id\" argument must be of type string.");
        goto out;
    }
    sb_put(&name, js_str(spec)->data, js_str(spec)->len);
    gh_value b = cached_builtin(sb_cstr(&name));
    if (b != JS_HOLE) {
        r = b;
        goto out;
    }
    gh_value fnv = js_get(*from_module, A_filename);
    char dir[PATH_MAX] = ".";
    if (js_is_string(fnv)) {
        char tmp[PATH_MAX];
        snprintf(tmp, sizeof tmp, "%s", js_str(fnv)->data);
        snprintf(dir, sizeof dir, "%s", dirname(tmp));
    }
    char path[PATH_MAX];
    bool relative = name.data[0] == '.' || name.data[0] == '/';
    if (!relative || !resolve(dir, name.data, path, sizeof path)) {
        gh_value e = js_throw_error(JE_ERROR, "Cannot find module '%s'\nRequire stack:\n- %s", name.data,
                                    js_is_string(fnv) ? js_str(fnv)->data : "<repl>");
        (void)e;
        gh_value *eh = js_root(R.exception);
        js_put_str(eh, "code", "MODULE_NOT_FOUND");
        goto out;
    }
    js_atom_id key = js_atom_cstr(path);
    gh_value cached = js_own_value(R.module_cache, key);
    if (cached != JS_HOLE) {
        r = js_get(cached, A_exports);
        goto out;
    }
    gh_value *m = js_root(new_module(path, path));
    js_define_value(R.module_cache, key, *m, PF_DEFAULT);
    gh_value *children = js_root(js_get(*from_module, js_atom_cstr("children")));
    if (js_is_array(*children))
        js_array_push(children, m);
    size_t plen = strlen(path);
    if (plen > 5 && strcmp(path + plen - 5, ".json") == 0) {
        size_t len;
        char *text = read_file(path, &len);
        gh_value *txt = js_root(js_string_new(text ? text : "", text ? len : 0));
        free(text);
        if (*txt == JS_EXCEPTION)
            goto out;
        gh_value json = js_global_get(js_atom_cstr("JSON"));
        gh_value v = js_call_method(json, js_atom_cstr("parse"), 1, txt);
        if (v == JS_EXCEPTION)
            goto out;
        js_put(m, "exports", v);
    } else if (!run_module(m, path)) {
        js_delete(&R.module_cache, key);
        goto out;
    }
    r = js_get(*m, A_exports);
out:
    sb_free(&name);
    JS_SCOPE_CLOSE(sc);
    return r;
}

NATIVE(require_fn)
{
    UNUSED_ARGS;
    gh_value *module = js_root(js_obj(this_[-1])->slots[1]);
    return js_require(module, ARG(0));
}

NATIVE(require_resolve)
{
    UNUSED_ARGS;
    return ARG(0);
}

/* What Node's stacks show between a module's code and its require() call. */
static const char *const require_lines[] = {
    "Module._compile (node:internal/modules/cjs/loader:1521:14)",
    "Module._extensions..js (node:internal/modules/cjs/loader:1623:10)",
    "Module.load (node:internal/modules/cjs/loader:1266:32)",
    "Module._load (node:internal/modules/cjs/loader:1091:12)",
    "Module.require (node:internal/modules/cjs/loader:1289:19)",
    "require (node:internal/modules/helpers:182:18)",
};

static gh_value make_require(gh_value *module)
{
    gh_value *f = js_root(js_make_native(NULL, "require", require_fn, 1));
    js_native_info *ni = js_cptr_get(js_obj(*f)->slots[0]);
    ni->stack_lines = require_lines;
    ni->nstack_lines = 6;
    js_obj(*f)->slots[1] = *module;
    gh_write_barrier(js_obj(*f), &js_obj(*f)->slots[1]);
    js_put(f, "main", R.main_module);
    js_put(f, "cache", R.module_cache);
    js_make_native(f, "resolve", require_resolve, 1);
    return *f;
}

/* The main script threw: a syntax error is reported at once; anything
 * else goes to js_uncaught, whose listeners may let the program go on. */
static void report_uncaught_main(void)
{
    gh_value exc = R.exception;
    gh_value rep = js_is_object(exc) ? js_own_value(exc, js_atom_cstr("__ghjs_report")) : JS_HOLE;
    if (js_is_string(rep)) {
        fflush(stdout);
        fputs(js_str(rep)->data, stderr);
        fputs("    at wrapSafe (node:internal/modules/cjs/loader:1464:18)\n"
              "    at Module._compile (node:internal/modules/cjs/loader:1495:20)\n"
              "    at Module._extensions..js (node:internal/modules/cjs/loader:1623:10)\n"
              "    at Module.load (node:internal/modules/cjs/loader:1266:32)\n"
              "    at Module._load (node:internal/modules/cjs/loader:1091:12)\n"
              "    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)\n"
              "    at node:internal/main/run_main_module:28:49\n\nNode.js v20.20.2\n", stderr);
        js_exit(1);
    }
    js_uncaught(exc);
}

int js_run_main(const char *path)
{
    char abs[PATH_MAX];
    if (!realpath(path, abs)) {
        fprintf(stderr, "node:internal/modules/cjs/loader:1080\n  throw err;\n  ^\n\nError: Cannot find module '%s'\n", path);
        fprintf(stderr, "    at Module._resolveFilename (node:internal/modules/cjs/loader:1077:15)\n");
        fprintf(stderr, "    at node:internal/main/run_main_module:28:49 {\n  code: 'MODULE_NOT_FOUND',\n  requireStack: []\n}\n\nNode.js v20.20.2\n");
        return 1;
    }
    R.script_path = strdup(abs);
    JS_SCOPE_OPEN(sc);
    R.module_cache = js_object_new_shape(js_shape_dict(R.object_proto, JC_OBJECT));
    gh_value *m = js_root(new_module(abs, "."));
    R.main_module = *m;
    js_define_value(R.module_cache, js_atom_cstr(abs), *m, PF_DEFAULT);
    if (!run_module(m, abs))
        report_uncaught_main();
    JS_SCOPE_CLOSE(sc);
    js_event_loop_run();
    return js_process_exit_code();
}

/* Evaluate code as a script: top-level declarations become globals. */
gh_value js_eval_script(const char *src, size_t len, const char *filename, bool *threw)
{
    *threw = false;
    js_code *code = compile_source(src, len, filename, false, true);
    if (!code) {
        *threw = true;
        return JS_EXCEPTION;
    }
    gh_value r = js_run_code(code, R.global, 0, NULL);
    if (r == JS_EXCEPTION)
        *threw = true;
    return r;
}

static void setup_script_globals(void)
{
    if (R.module_cache == JS_UNDEFINED)
        R.module_cache = js_object_new_shape(js_shape_dict(R.object_proto, JC_OBJECT));
    JS_SCOPE_OPEN(sc);
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd))
        strcpy(cwd, ".");
    char fake[PATH_MAX + 16];
    snprintf(fake, sizeof fake, "%s/[eval]", cwd);
    gh_value *m = js_root(new_module(fake, "[eval]"));
    gh_value *req = js_root(make_require(m));
    js_set_global("require", *req);
    js_set_global("module", *m);
    js_set_global("exports", js_get(*m, A_exports));
    js_set_global("__filename", js_string_cstr("[eval]"));
    js_set_global("__dirname", js_string_cstr("."));
    JS_SCOPE_CLOSE(sc);
}

int js_run_eval(const char *code, bool print_result)
{
    setup_script_globals();
    bool threw;
    JS_SCOPE_OPEN(sc);
    gh_value *r = js_root(js_eval_script(code, strlen(code), "[eval]", &threw));
    if (threw)
        report_uncaught_main();
    if (print_result && !threw) {
        js_sbuf b = {0};
        js_format_log(1, r, &b);
        puts(sb_cstr(&b));
        sb_free(&b);
    }
    JS_SCOPE_CLOSE(sc);
    js_event_loop_run();
    return js_process_exit_code();
}

void js_repl_setup(void);
void js_repl_setup(void) { setup_script_globals(); }
