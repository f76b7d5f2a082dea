/* code.c - the lifetime of compiled code.  A js_code lives in C memory
 * and is referred to from function objects (as a tagged C pointer the
 * collector skips), so nothing tells when it becomes garbage: compiled
 * programs live until the process ends.  They are listed here, with their
 * sources, and freed at exit (js_programs_free), so that leak checkers
 * see every block accounted for. */
#include <stdlib.h>

#include "vm.h"

static js_code **programs;
static size_t nprograms, capprograms;

void js_program_register(js_code *program)
{
    if (nprograms == capprograms) {
        capprograms = capprograms ? capprograms * 2 : 16;
        programs = realloc(programs, capprograms * sizeof *programs);
        if (!programs)
            abort();
    }
    programs[nprograms++] = program;
}

/* A function's code and everything it owns, nested functions included
 * (not its source, which the whole program shares). */
void js_code_free(js_code *c)
{
    if (!c)
        return;
    for (uint32_t i = 0; i < c->nchildren; i++)
        js_code_free(c->children[i]);
    for (uint32_t i = 0; i < c->nenvs; i++)
        free(c->envs[i]);
    free(c->envs);
    free(c->fenv);
    free(c->children);
    free(c->bc);
    free(c->ics);
    free(c->sites);
    free(c->numbers);
    free(c->pos);
    free(c->calls);
    free(c);
}

/* ---- forgetting dead shapes ---- */

static bool is_dead(const js_shape *s) { return s && s != JS_GLOBAL_IC && s->dead; }

static void forget_in(js_code *c)
{
    for (uint32_t i = 0; i < c->nics; i++) {
        js_ic *ic = &c->ics[i];
        if (is_dead(ic->shape) || is_dead(ic->holder_shape))
            *ic = (js_ic){0};
    }
    for (uint32_t i = 0; i < c->nsites; i++) {
        js_site *site = &c->sites[i];
        if (is_dead(site->shape) || is_dead(site->fn_shape)) {
            site->shape = site->fn_shape = NULL;
            site->proto_index = 0;
        }
    }
    for (uint32_t i = 0; i < c->nchildren; i++)
        forget_in(c->children[i]);
}

void js_codes_forget_dead_shapes(void)
{
    for (size_t i = 0; i < nprograms; i++)
        forget_in(programs[i]);
}

void js_source_free(js_source *src)
{
    if (!src)
        return;
    free(src->filename);
    free(src->text);
    free(src);
}

void js_programs_free(void)
{
    for (size_t i = 0; i < nprograms; i++) {
        js_source *src = programs[i]->source;
        js_code_free(programs[i]);
        js_source_free(src);
    }
    free(programs);
    programs = NULL;
    nprograms = capprograms = 0;
}
