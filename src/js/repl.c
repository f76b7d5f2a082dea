/* repl.c - the read-eval-print loop: Node's prompt and echo (values shown
 * with inspect, strings quoted, errors as "Uncaught ..."); an input left
 * incomplete ("Unexpected end of input") continues on the next line. */
#include <unistd.h>

#include "vm.h"

void js_repl_setup(void);

void js_repl(void)
{
    js_repl_setup();
    printf("Welcome to Node.js v20.20.2 (ghjs on genheap %s).\nType \".help\" for more information.\n",
           GENHEAP_VERSION_STRING);
    js_sbuf input = {0};
    char line[65536];
    for (;;) {
        fputs(input.len ? "... " : "> ", stdout);
        fflush(stdout);
        if (!fgets(line, sizeof line, stdin))
            break;
        if (!input.len && (strcmp(line, ".exit\n") == 0 || strcmp(line, ".exit") == 0))
            break;
        sb_puts(&input, line);
        gh_handle_scope sc;
        gh_scope_open(R.heap, &sc);
        bool threw;
        gh_value *r = gh_handle_new_value(R.heap, js_eval_script(input.data, input.len, "REPL", &threw));
        if (threw) {
            gh_value *e = gh_handle_new_value(R.heap, R.exception);
            R.has_exception = false;
            if (js_is_class(*e, JC_ERROR)) {
                gh_value m = js_get(*e, A_message);
                if (js_is_string(m) && strstr(js_str(m)->data, "end of input") &&
                    strchr(input.data, '\n') == input.data + input.len - 1 + 0 * 0 + 0) {
                    /* fall through to report below */
                }
                if (js_is_string(m) && strstr(js_str(m)->data, "Unexpected end of input")) {
                    gh_scope_close(&sc);
                    continue;
                }
                gh_value name = js_get(*e, A_name);
                printf("Uncaught %s: %s\n", js_is_string(name) ? js_str(name)->data : "Error",
                       js_is_string(m) ? js_str(m)->data : "");
            } else {
                js_sbuf b = {0};
                js_inspect_opts o = JS_INSPECT_OPTS(2, false);
                js_inspect(*e, &o, &b);
                printf("Uncaught %s\n", sb_cstr(&b));
                sb_free(&b);
            }
        } else {
            js_sbuf b = {0};
            js_inspect_opts o = JS_INSPECT_OPTS(2, false);
            js_inspect(*r, &o, &b);
            puts(sb_cstr(&b));
            sb_free(&b);
        }
        gh_scope_close(&sc);
        input.len = 0;
        js_after_callback(); /* the input's promise jobs, as node runs them */
    }
    sb_free(&input);
    js_event_loop_run(); /* timers still due when the input ends */
}
