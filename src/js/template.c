/* template.c - tagged templates' strings objects.  tag`a${x}b` calls tag
 * with an array of the cooked strings ('a', 'b') whose hidden `raw`
 * property holds the strings as written, then the substitutions.  Each
 * site in the source has one such object, made at its first evaluation and
 * the same one after, so a tag may cache by it.
 *
 * The compiler registers a site's strings here (pinned atoms, in C memory
 * until exit); the objects live in R.template_objects, indexed by site.
 * Left out: freezing them (ghjs's Object.freeze does not enforce), and
 * invalid escapes (\u{...} out of range, \1...) are a SyntaxError in a
 * tagged template too, where the spec makes their cooked string
 * undefined. */
#include "builtins.h"

typedef struct template_site {
    uint32_t n;
    js_atom_id *cooked, *raw; /* n each */
} template_site;

static template_site *sites;
static uint32_t nsites, capsites;

uint32_t js_template_site_new(uint32_t n, const js_atom_id *cooked, const js_atom_id *raw)
{
    if (nsites == capsites) {
        capsites = capsites ? capsites * 2 : 16;
        sites = realloc(sites, capsites * sizeof *sites);
        if (!sites)
            abort();
    }
    template_site *s = &sites[nsites];
    s->n = n;
    s->cooked = malloc(n * sizeof *s->cooked);
    s->raw = malloc(n * sizeof *s->raw);
    if (!s->cooked || !s->raw)
        abort();
    memcpy(s->cooked, cooked, n * sizeof *cooked);
    memcpy(s->raw, raw, n * sizeof *raw);
    return nsites++;
}

/* An array of the site's strings (cooked or raw).  MAY COLLECT. */
static gh_value strings_array(const js_atom_id *atoms, uint32_t n)
{
    gh_value *a = js_root(js_array_new(0, n));
    for (uint32_t i = 0; i < n; i++) {
        gh_value *s = js_root(js_atom_string(atoms[i]));
        js_array_push(a, s);
    }
    return *a;
}

gh_value js_template_object(uint32_t site)
{
    JS_SCOPE_OPEN(sc);
    if (!js_is_object(R.template_objects))
        R.template_objects = js_array_new(0, 16);
    gh_value r = js_array_length(js_obj(R.template_objects)) > site
                     ? js_array_get(js_obj(R.template_objects), site)
                     : JS_HOLE;
    if (r == JS_HOLE) {
        const template_site *s = &sites[site];
        gh_value *strings = js_root(strings_array(s->cooked, s->n));
        gh_value *raw = js_root(strings_array(s->raw, s->n));
        js_define(strings, js_atom_cstr("raw"), raw, 0); /* as the spec: fixed, hidden */
        js_set_index(&R.template_objects, site, strings);
        r = *strings;
    }
    JS_SCOPE_CLOSE(sc);
    return r;
}

void js_template_sites_free(void)
{
    for (uint32_t i = 0; i < nsites; i++) {
        free(sites[i].cooked);
        free(sites[i].raw);
    }
    free(sites);
    sites = NULL;
    nsites = capsites = 0;
}
