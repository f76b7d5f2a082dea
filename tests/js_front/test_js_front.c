/* test_js_front.c - tests of the ghjs front end (lexer, parser, AST).
 *
 *   test_js_front [DIR]             run the tests; DIR is tests/js_front
 *   test_js_front --print FILE      print FILE (a case file) with the actual
 *                                   results in place of the expected ones
 *
 * Case files (cases/NAME.txt, format in cases.h) hold snippets with their
 * expected js_ast_dump output (ast_*.txt) or their expected error
 * "line:column message" (errors_*.txt; "OK" if the snippet must parse).
 * Every snippet is copied into a buffer of exactly its length, without a
 * terminating NUL, so AddressSanitizer catches any read past the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cases.h"
#include "parser.h"

static const char *data_dir = ".";

/* ---- helpers ---------------------------------------------------------------- */

static js_parse_result parse_exact(const char *src, size_t len, const js_parse_options *opt)
{
    char *copy = malloc(len ? len : 1);
    assert_non_null(copy);
    memcpy(copy, src, len);
    js_parse_result r = js_parse_ex(copy, len, "test.js", opt);
    free(copy);
    return r;
}

static js_parse_result parse_str(const char *src)
{
    return parse_exact(src, strlen(src), NULL);
}

/* The dump of a successful parse, or "line:column message" of the error. */
static char *describe(const char *src, size_t len, bool dump)
{
    js_parse_result r = parse_exact(src, len, NULL);
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    assert_non_null(f);
    if (r.ok && dump)
        js_ast_dump(f, r.program);
    else if (r.ok)
        fputs("OK", f);
    else
        fprintf(f, "%u:%u %s", r.error.line, r.error.column, r.error.message);
    fclose(f);
    js_parse_free(&r);
    while (size && text[size - 1] == '\n')
        text[--size] = '\0';
    return text;
}

static char *path_in(const char *sub, const char *name)
{
    size_t n = strlen(data_dir) + strlen(sub) + strlen(name) + 3;
    char *p = malloc(n);
    assert_non_null(p);
    snprintf(p, n, "%s/%s%s%s", data_dir, sub, *sub ? "/" : "", name);
    return p;
}

static void run_case_file(const char *name, bool dump)
{
    char *path = path_in("cases", name);
    tcases cs;
    if (load_cases(path, &cs) != 0)
        fail_msg("cannot read %s", path);
    assert_true(cs.count > 0);
    int failures = 0;
    for (size_t i = 0; i < cs.count; i++) {
        const tcase *c = &cs.items[i];
        char *actual = describe(c->source, c->source_len, dump);
        if (strcmp(actual, c->expected) != 0) {
            print_error("%s: case '%s'\n--- expected\n%s\n--- actual\n%s\n", name, c->name,
                        c->expected, actual);
            failures++;
        }
        free(actual);
    }
    free_cases(&cs);
    free(path);
    assert_int_equal(failures, 0);
}

static void test_ast_cases(void **state)
{
    (void)state;
    run_case_file("ast.txt", true);
}

static void test_error_cases(void **state)
{
    (void)state;
    run_case_file("errors.txt", false);
}

/* ---- reference scripts ------------------------------------------------------- */

/* corpus/expected.txt lists every script as "name.js: OK" or
 * "name.js: line:column message"; every .js file must be listed. */
static void test_reference_corpus(void **state)
{
    (void)state;
    char *exp_path = path_in("corpus", "expected.txt");
    size_t len;
    char *expected = read_whole_file(exp_path, &len);
    assert_non_null(expected);
    char *dir_path = path_in("corpus", "");
    DIR *dir = opendir(dir_path);
    assert_non_null(dir);
    int files = 0, failures = 0;
    for (struct dirent *e; (e = readdir(dir)) != NULL;) {
        size_t n = strlen(e->d_name);
        if (n < 4 || strcmp(e->d_name + n - 3, ".js") != 0)
            continue;
        files++;
        char *file = path_in("corpus", e->d_name);
        size_t slen;
        char *src = read_whole_file(file, &slen);
        assert_non_null(src);
        char *actual = describe(src, slen, false);
        char line[512];
        snprintf(line, sizeof line, "%s: %s\n", e->d_name, actual);
        if (!strstr(expected, line)) {
            print_error("corpus: %s", line);
            failures++;
        }
        free(actual);
        free(src);
        free(file);
    }
    closedir(dir);
    assert_true(files >= 20);
    assert_int_equal(failures, 0);
    free(dir_path);
    free(expected);
    free(exp_path);
}

/* ---- positions ------------------------------------------------------------------ */

static void assert_pos(const js_node *n, uint32_t line, uint32_t col, uint32_t offset)
{
    assert_int_equal(n->pos.line, line);
    assert_int_equal(n->pos.column, col);
    assert_int_equal(n->pos.offset, offset);
}

static void test_node_positions(void **state)
{
    (void)state;
    js_parse_result r = parse_str("var a = 1;\n  f(b +\n c.d);");
    assert_true(r.ok);
    js_function *fn = r.program->u.func;
    assert_int_equal(fn->body.count, 2);
    js_node *var = fn->body.items[0];
    assert_pos(var, 1, 1, 0);
    assert_pos(var->u.var_decl.decls.items[0]->u.declarator.id, 1, 5, 4);
    assert_pos(var->u.var_decl.decls.items[0]->u.declarator.init, 1, 9, 8);
    js_node *call = fn->body.items[1]->u.expr_stmt.expr;
    assert_int_equal(call->kind, JS_CALL);
    assert_pos(call, 2, 3, 13);
    js_node *plus = call->u.call.args.items[0];
    assert_pos(plus, 2, 5, 15);
    js_node *member = plus->u.binary.right;
    assert_int_equal(member->kind, JS_MEMBER);
    assert_pos(member, 3, 2, 20);
    assert_int_equal(member->u.member.name_pos.column, 4);
    js_parse_free(&r);
}

static void test_utf8_columns(void **state)
{
    (void)state;
    /* columns count code points: 'é' and '日' are one column each */
    js_parse_result r = parse_str("x = 'é日'; y = 1 +;\n");
    assert_false(r.ok);
    assert_int_equal(r.error.line, 1);
    assert_int_equal(r.error.column, 18);
    assert_int_equal(r.error.offset, 20);
    assert_string_equal(r.error.message, "Unexpected token ';'");
    js_parse_free(&r);
    r = parse_str("/* ü\n ü */ a = `é\né` + b c");
    assert_false(r.ok);
    assert_int_equal(r.error.line, 3);
    assert_int_equal(r.error.column, 8);
    assert_string_equal(r.error.message, "Unexpected identifier 'c'");
    js_parse_free(&r);
}

static void test_line_terminators(void **state)
{
    (void)state;
    const char *srcs[] = {"a;\r\nb;\r\n\r\nc d", "a;\rb;\r\rc d", "a;\nb;\xe2\x80\xa8\nc d",
                          "a;/*\r\n*/b;// x\rc d", "'\\\r\n';b;\nc d"};
    for (size_t i = 0; i < sizeof srcs / sizeof *srcs; i++) {
        js_parse_result r = parse_str(srcs[i]);
        assert_false(r.ok);
        assert_int_equal(r.error.line, 4 - (i >= 3));
        assert_int_equal(r.error.column, 3);
        js_parse_free(&r);
    }
}

static void test_error_fields_and_print(void **state)
{
    (void)state;
    const char *src = "var ok = 1;\nsuper.x;\n";
    char name[] = "dir/file.js";
    js_parse_result r = js_parse(src, strlen(src), name);
    name[0] = 'X'; /* the result keeps its own copy */
    assert_false(r.ok);
    assert_null(r.program);
    assert_int_equal(r.error.kind, JS_ERROR_SYNTAX);
    assert_string_equal(r.error.filename, "dir/file.js");
    assert_int_equal(r.error.line, 2);
    assert_int_equal(r.error.column, 1);
    assert_int_equal(r.error.offset, 12);
    assert_int_equal(r.error.length, 5);
    assert_string_equal(r.error.message, "'super' keyword unexpected here");
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    js_parse_error_print(f, &r.error, src, strlen(src));
    fclose(f);
    assert_string_equal(text, "dir/file.js:2\nsuper.x;\n^^^^^\n\n"
                              "SyntaxError: 'super' keyword unexpected here\n");
    free(text);
    js_parse_free(&r);
    r = js_parse("", 0, NULL);
    assert_true(r.ok);
    assert_int_equal(r.program->kind, JS_PROGRAM);
    assert_int_equal(r.program->u.func->body.count, 0);
    js_parse_free(&r);
}

/* ---- tree details ---------------------------------------------------------------- */

static void test_interned_names(void **state)
{
    (void)state;
    js_parse_result r = parse_str("abc; abc; o.abc; x = {abc: 1}; 'abc'");
    assert_true(r.ok);
    js_node_list b = r.program->u.func->body;
    const js_atom *a0 = b.items[0]->u.expr_stmt.expr->u.ident.name;
    assert_ptr_equal(a0, b.items[1]->u.expr_stmt.expr->u.ident.name);
    assert_ptr_equal(a0, b.items[2]->u.expr_stmt.expr->u.member.name);
    js_node *obj = b.items[3]->u.expr_stmt.expr->u.binary.right;
    assert_ptr_equal(a0, obj->u.list.items[0]->u.prop.key_name);
    assert_ptr_equal(a0, b.items[4]->u.expr_stmt.expr->u.string);
    assert_int_equal(a0->len, 3);
    assert_int_equal(a0->ptr[3], '\0');
    js_parse_free(&r);
}

static void test_strings_with_nul(void **state)
{
    (void)state;
    static const char src[] = "x = 'a\\0b' + 'c\0d';";
    js_parse_result r = parse_exact(src, sizeof src - 1, NULL);
    assert_true(r.ok);
    js_node *plus = r.program->u.func->body.items[0]->u.expr_stmt.expr->u.binary.right;
    assert_int_equal(plus->u.binary.left->u.string->len, 3);
    assert_memory_equal(plus->u.binary.left->u.string->ptr, "a\0b", 3);
    assert_int_equal(plus->u.binary.right->u.string->len, 3);
    js_parse_free(&r);
    r = parse_exact("a = 1;\0", 7, NULL); /* a NUL outside a string */
    assert_false(r.ok);
    assert_string_equal(r.error.message, "Invalid or unexpected token");
    js_parse_free(&r);
}

static void test_number_values(void **state)
{
    (void)state;
    static const struct { const char *src; double v; } cases[] = {
        {"0.1", 0.1}, {"1e21", 1e21}, {".5e-3", 0.5e-3}, {"0x10", 16},
        {"0o777", 511}, {"0b1111", 15}, {"1e400", INFINITY}, {"123456789012345678901234567890", 1.2345678901234568e29},
        {"0xFFFFFFFFFFFFFFFF", 18446744073709551615.0}, {"2.2250738585072014e-308", 2.2250738585072014e-308},
        {"5e-324", 5e-324}, {"9007199254740993", 9007199254740992.0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        js_parse_result r = parse_str(cases[i].src);
        assert_true(r.ok);
        js_node *n = r.program->u.func->body.items[0]->u.expr_stmt.expr;
        assert_int_equal(n->kind, JS_NUMBER);
        assert_true(n->u.number == cases[i].v);
        js_parse_free(&r);
    }
}

static void test_scopes_and_targets(void **state)
{
    (void)state;
    js_parse_result r = parse_str("function f(a) { var v; let l; const c = 1; function g() {}\n"
                                  "  for (let i = 0;;) { while (1) { break; } continue; }\n"
                                  "  try {} catch (e) { let t; } }");
    assert_true(r.ok);
    js_function *program = r.program->u.func;
    assert_int_equal(program->funcs.count, 1);
    js_function *f = program->funcs.items[0]->u.func;
    assert_string_equal(f->name->ptr, "f");
    assert_int_equal(f->params.count, 1);
    assert_int_equal(f->nvars, 1);
    assert_string_equal(f->vars[0]->ptr, "v");
    assert_int_equal(f->funcs.count, 1);
    assert_int_equal(f->scope.count, 2);
    assert_int_equal(f->scope.decls[0].kind, JS_DECL_LET);
    assert_int_equal(f->scope.decls[1].kind, JS_DECL_CONST);
    assert_int_equal(f->scope.decls[1].node->kind, JS_IDENT);
    js_node *loop = f->body.items[4];
    assert_int_equal(loop->kind, JS_FOR);
    assert_int_equal(loop->u.for_.scope.count, 1);
    js_node *body = loop->u.for_.body;
    js_node *wh = body->u.block.body.items[0];
    js_node *brk = wh->u.loop.body->u.block.body.items[0];
    assert_ptr_equal(brk->u.jump.target, wh);
    assert_ptr_equal(body->u.block.body.items[1]->u.jump.target, loop);
    js_node *try_ = f->body.items[5];
    js_scope cs = try_->u.try_.handler->u.block.scope;
    assert_int_equal(cs.count, 2);
    assert_int_equal(cs.decls[0].kind, JS_DECL_CATCH_PARAM);
    assert_ptr_equal(cs.decls[0].node, try_->u.try_.param);
    js_parse_free(&r);
}

static void test_function_source_range(void **state)
{
    (void)state;
    const char *src = "x = function f(a) { return a; }; y = (a, b) => a + b;";
    js_parse_result r = parse_str(src);
    assert_true(r.ok);
    js_node_list b = r.program->u.func->body;
    js_function *f = b.items[0]->u.expr_stmt.expr->u.binary.right->u.func;
    assert_int_equal(f->src_end - f->src_start, strlen("function f(a) { return a; }"));
    assert_memory_equal(src + f->src_start, "function", 8);
    js_function *g = b.items[1]->u.expr_stmt.expr->u.binary.right->u.func;
    assert_memory_equal(src + g->src_start, "(a, b) => a + b", g->src_end - g->src_start);
    assert_int_equal(g->src_end - g->src_start, 15);
    js_parse_free(&r);
}

static void test_dump_positions(void **state)
{
    (void)state;
    js_parse_result r = parse_str("f(a,\n  'é' + b);\nwhile (1) break;");
    assert_true(r.ok);
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    js_ast_dump_ex(f, r.program, JS_DUMP_POSITIONS);
    fclose(f);
    assert_string_equal(text, "(program@1:1\n"
                              "  (expr@1:1 (call@1:1 f@1:1 a@1:3 (+@2:3 \"é\"@2:3 b@2:9)))\n"
                              "  (while@3:1 1@3:8\n"
                              "    (break@3:11 ->while@3:1)))\n");
    free(text);
    js_parse_free(&r);
}

static void count_node(js_node *child, void *ctx)
{
    (*(int *)ctx)++;
    js_ast_for_each_child(child, count_node, ctx);
}

static void test_walk_children(void **state)
{
    (void)state;
    js_parse_result r = parse_str("var a = [1, , f(x)];\n"
                                  "try { t(); } catch (e) { for (k in o) ; }");
    assert_true(r.ok);
    int n = 0;
    count_node(r.program, &n);
    /* program var declarator a array 1 call f x | try block expr call t
       e block for-in k o empty */
    assert_int_equal(n, 1 + 8 + 11);
    js_parse_free(&r);
}

/* ---- options ---------------------------------------------------------------------- */

static void test_options(void **state)
{
    (void)state;
    js_parse_options opt = {0};
    js_parse_result r = parse_exact("return 1;", 9, &opt);
    assert_false(r.ok);
    assert_string_equal(r.error.message, "Illegal return statement");
    js_parse_free(&r);
    opt.allow_return_outside_function = true;
    r = parse_exact("return 1;", 9, &opt);
    assert_true(r.ok);
    js_parse_free(&r);
    opt.strict = true;
    r = parse_exact("delete x;", 9, &opt);
    assert_false(r.ok);
    assert_string_equal(r.error.message, "Delete of an unqualified identifier in strict mode.");
    js_parse_free(&r);
    opt.strict = false;
    static const char *const cjs[] = {"exports", "require", "module", "__filename",
                                      "__dirname", NULL};
    opt.program_params = cjs;
    r = parse_exact("let require = 1;", 16, &opt);
    assert_false(r.ok);
    assert_string_equal(r.error.message, "Identifier 'require' has already been declared");
    js_parse_free(&r);
    r = parse_exact("var module; exports.a = 1;", 26, &opt);
    assert_true(r.ok);
    assert_int_equal(r.program->u.func->params.count, 5);
    assert_string_equal(r.program->u.func->params.items[4]->u.ident.name->ptr, "__dirname");
    assert_int_equal(r.program->u.func->nvars, 0); /* module is a parameter */
    js_parse_free(&r);
    opt.program_params = NULL;
    opt.max_depth = 10;
    r = parse_exact("((((((((((1))))))))))", 21, &opt);
    assert_false(r.ok);
    assert_string_equal(r.error.message, "too deeply nested");
    js_parse_free(&r);
}

/* ---- limits ------------------------------------------------------------------------ */

static char *repeat3(const char *head, size_t n, const char *mid, const char *tail)
{
    size_t hl = strlen(head), ml = strlen(mid), tl = strlen(tail);
    char *s = malloc(n * (hl + tl) + ml + 1);
    assert_non_null(s);
    char *q = s;
    for (size_t i = 0; i < n; i++, q += hl)
        memcpy(q, head, hl);
    memcpy(q, mid, ml);
    q += ml;
    for (size_t i = 0; i < n; i++, q += tl)
        memcpy(q, tail, tl);
    *q = '\0';
    return s;
}

static void test_deep_nesting(void **state)
{
    (void)state;
    static const struct { const char *head, *mid, *tail; } shapes[] = {
        {"(", "1", ")"}, {"[", "", "]"}, {"{", "", "}"}, {"x={a:", "1", "}"},
        {"- ", "1", ""}, {"!", "x", ""}, {"new ", "X", ""}, {"a=", "1", ""},
        {"x=>", "1", ""}, {"if(1)", ";", ""}, {"while(1)", ";", ""}, {"a?b:", "c", ""},
        {"2**", "2", ""}, {"`${", "1", "}`"}, {"(function(){", "", "})"},
        {"f(", "", ")"}, {"a[", "0", "]"}, {"do ", ";", "while(1)"},
        {"1+", "1", ""}, {"a", "", ".b"}, {"f", "", "()"}, {"try{", "", "}finally{}"},
        {"for(;;)", ";", ""}, {"x=>{", "", "}"}, {"typeof ", "x", ""}, {"++", "x", ""},
    };
    for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++) {
        char *s = repeat3(shapes[i].head, 100000, shapes[i].mid, shapes[i].tail);
        js_parse_result r = parse_str(s);
        if (r.ok || strcmp(r.error.message, "too deeply nested") != 0)
            fail_msg("shape '%s': %s", shapes[i].head, r.ok ? "parsed" : r.error.message);
        js_parse_free(&r);
        free(s);
        /* moderate nesting is fine */
        s = repeat3(shapes[i].head, 90, shapes[i].mid, shapes[i].tail);
        r = parse_str(s);
        if (!r.ok && strcmp(shapes[i].head, "++") != 0)
            fail_msg("shape '%s' x90: %s", shapes[i].head, r.error.message);
        js_parse_free(&r);
        free(s);
    }
}

static double parse_seconds(const char *src)
{
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    js_parse_result r = parse_str(src);
    clock_gettime(CLOCK_MONOTONIC, &b);
    if (!r.ok)
        fail_msg("%u:%u %s", r.error.line, r.error.column, r.error.message);
    js_parse_free(&r);
    return (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) * 1e-9;
}

/* Big inputs parse.  (No wall-time assertion: the suite never asserts a
 * time; a quadratic parser shows up as this test hitting ctest's timeout.) */
static void test_linear_time(void **state)
{
    (void)state;
    static const char *const units[] = {
        "var v = a.b(c, 'str', [1, 2], {k: 1}) + `t${x}`;\n",
        "function f(a) { for (let i = 0; i < 9; i++) { if (a) { break; } } }\n",
        "x = 1 + 2, ",
        "{ let a; var b; }\n",
        "o.p = function () { return this.q; };\n",
    };
    for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
        char *s = repeat3(units[u], 80000, u == 2 ? "1" : "", "");
        parse_seconds(s);
        free(s);
    }
    /* one huge line, one huge array */
    char *s = repeat3("f('Ã©', 1);", 200000, "", "");
    parse_seconds(s);
    free(s);
    s = repeat3("1,", 500000, "", "");
    char *arr = malloc(strlen(s) + 3);
    sprintf(arr, "[%s]", s);
    parse_seconds(arr);
    free(arr);
    free(s);
}

/* ---- driver ------------------------------------------------------------------------ */

static int print_file(const char *path, bool dump)
{
    tcases cs;
    if (load_cases(path, &cs) != 0) {
        perror(path);
        return 2;
    }
    for (size_t i = 0; i < cs.count; i++) {
        char *actual = describe(cs.items[i].source, cs.items[i].source_len, dump);
        printf("### %s\n%s\n---\n%s\n\n", cs.items[i].name, cs.items[i].source, actual);
        free(actual);
    }
    free_cases(&cs);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--print") == 0)
        return print_file(argv[2], strstr(argv[2], "error") == NULL);
    if (argc > 1)
        data_dir = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ast_cases),
        cmocka_unit_test(test_error_cases),
        cmocka_unit_test(test_reference_corpus),
        cmocka_unit_test(test_node_positions),
        cmocka_unit_test(test_utf8_columns),
        cmocka_unit_test(test_line_terminators),
        cmocka_unit_test(test_error_fields_and_print),
        cmocka_unit_test(test_interned_names),
        cmocka_unit_test(test_strings_with_nul),
        cmocka_unit_test(test_number_values),
        cmocka_unit_test(test_scopes_and_targets),
        cmocka_unit_test(test_function_source_range),
        cmocka_unit_test(test_dump_positions),
        cmocka_unit_test(test_walk_children),
        cmocka_unit_test(test_options),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_linear_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
