/* disasm.c - `ghjs --print-bytecode script.js`: each compiled function's
 * bytecode, for looking at what the compiler emits. */
#include <string.h>

#include "vm.h"

static const char *const names[] = {
#define OP(name, size) #name,
#include "opcodes.h"
#undef OP
};
static const uint8_t sizes[] = {
#define OP(name, size) size,
#include "opcodes.h"
#undef OP
};

static uint32_t rd16(const uint8_t *p) { return (uint32_t)(p[0] | p[1] << 8); }
static uint32_t rd32(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

void js_disasm(FILE *out, const js_code *c, int depth);
void js_disasm(FILE *out, const js_code *c, int depth)
{
    fprintf(out, "%*sfunction %s (params %u, locals %u, env %u, stack %u)\n", depth * 2, "",
            c->name ? js_atom_name(c->name) : "", c->nparams, c->nlocals, c->nenv, c->max_stack);
    for (uint32_t pc = 0; pc < c->len;) {
        uint8_t op = c->bc[pc];
        fprintf(out, "%*s%5u  %-16s", depth * 2, "", pc, op < OP_COUNT ? names[op] : "?");
        const uint8_t *a = &c->bc[pc + 1];
        switch (sizes[op]) {
        case 2: fprintf(out, " %u", a[0]); break;
        case 3: fprintf(out, " %u", rd16(a)); break;
        case 6: fprintf(out, " %u %u", rd32(a), a[4]); break;
        case 5:
            if (op == OP_JMP || op == OP_JMP_FALSE || op == OP_JMP_TRUE || op == OP_JMP_FALSE_KEEP ||
                op == OP_JMP_TRUE_KEEP || op == OP_JMP_NOT_NULLISH_KEEP || op == OP_TRY ||
                op == OP_FOR_IN_NEXT || op == OP_FOR_OF_NEXT)
                fprintf(out, " -> %d", (int)(pc + 5 + (int32_t)rd32(a)));
            else if (op == OP_STRING || op == OP_GET_GLOBAL || op == OP_DEF_GLOBAL ||
                     op == OP_TYPEOF_GLOBAL || op == OP_DELETE_PROP || op == OP_REQUIRE_COERCIBLE)
                fprintf(out, " %s", js_atom_name(rd32(a)));
            else
                fprintf(out, " %u", rd32(a));
            break;
        case 7: fprintf(out, " %u %u", rd16(a), rd32(a + 2)); break;
        case 9:
            if (op == OP_NEW_ARRAY || op == OP_GET_ENV_CHK || op == OP_SET_ENV_CHK)
                fprintf(out, " %u %u", rd32(a), rd32(a + 4));
            else
                fprintf(out, " %s", js_atom_name(rd32(a)));
            break;
        case 11: fprintf(out, " %u %s", rd16(a), js_atom_name(rd32(a + 2))); break;
        default: break;
        }
        fputc('\n', out);
        pc += sizes[op] ? sizes[op] : 1;
    }
    for (uint32_t i = 0; i < c->nchildren; i++)
        js_disasm(out, c->children[i], depth + 1);
}
