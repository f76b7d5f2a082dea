/* opcodes.h - the bytecode (X-macro: OP(name, size in bytes)).
 * Operands follow the opcode: u8 (b), u16 (h), u32 (w), i32 jump offsets
 * relative to the end of the instruction.  Stack effects in comments. */
OP(NOP, 1)
OP(UNDEF, 1)            /* -> undefined */
OP(NULL, 1)
OP(TRUE, 1)
OP(FALSE, 1)
OP(HOLE, 1)             /* -> the hole (array literal holes) */
OP(INT, 5)              /* w: int32 -> number */
OP(NUMBER, 5)           /* w: index into code->numbers */
OP(STRING, 5)           /* w: atom -> its string */
OP(POP, 1)
OP(DUP, 1)              /* a -> a a */
OP(DUP2, 1)             /* a b -> a b a b */
OP(SWAP, 1)             /* a b -> b a */
OP(ROT3, 1)             /* a b c -> c a b */
OP(ROT4, 1)             /* a b c d -> d a b c */
OP(GET_ARG, 3)          /* h */
OP(SET_ARG, 3)          /* h: value stays */
OP(GET_LOC, 3)          /* h */
OP(SET_LOC, 3)          /* h: value stays */
OP(PUT_LOC, 3)          /* h: pops */
OP(GET_LOC_CHK, 7)      /* h slot, w atom: TDZ check */
OP(SET_LOC_CHK, 7)      /* h slot, w atom */
OP(GET_ENV, 5)          /* h depth, h slot */
OP(SET_ENV, 5)
OP(GET_ENV_CHK, 9)      /* h depth, h slot, w atom */
OP(SET_ENV_CHK, 9)
OP(INIT_ENV, 5)         /* like SET_ENV, pops (declarations) */
OP(GET_GLOBAL, 9)       /* w atom, w ic */
OP(SET_GLOBAL, 9)       /* w atom, w ic: strict -> ReferenceError if missing */
OP(TYPEOF_GLOBAL, 5)    /* w atom */
OP(DEF_GLOBAL, 5)       /* w atom: value -> (defines a global var), pops */
OP(THIS, 1)
OP(CALLEE, 1)
OP(ARGUMENTS, 1)        /* -> a new arguments object */
OP(REST_ARGS, 3)        /* h first: -> array of the arguments from index first on */
OP(PUSH_ENV, 3)         /* h env info index: new env whose parent is the current */
OP(POP_ENV, 1)
OP(COPY_ENV, 1)         /* replace the current env by a copy (per-iteration let) */
OP(SAVE_ENV, 3)         /* h reg: reg = current env */
OP(RESTORE_ENV, 3)      /* h reg */
OP(GET_PROP, 9)         /* w atom, w ic: obj -> value */
OP(SET_PROP, 9)         /* w atom, w ic: obj value -> value */
OP(GET_METHOD, 9)       /* w atom, w ic: obj -> fn obj */
OP(GET_ELEM, 1)         /* obj key -> value */
OP(GET_ELEM_KEEP, 1)    /* obj key -> obj key value */
OP(SET_ELEM, 1)         /* obj key value -> value */
OP(GET_ELEM_METHOD, 1)  /* obj key -> fn obj */
OP(DELETE_PROP, 5)      /* w atom: obj -> bool */
OP(DELETE_ELEM, 1)      /* obj key -> bool */
OP(INIT_PROP, 9)        /* w atom, w ic: obj value -> obj */
OP(INIT_ELEM, 1)        /* obj key value -> obj */
OP(INIT_ELEM_NAMED, 1)  /* obj key fn -> obj: INIT_ELEM, and fn's name is the key */
OP(SET_PROTO, 1)        /* obj proto -> obj (__proto__: in literals) */
OP(NEW_OBJECT, 7)       /* h in-object slots hint, w site -> {} */
OP(NEW_ARRAY, 9)        /* w n, w site: v1..vn -> array */
OP(CLOSURE, 5)          /* w child index -> function */
OP(TEMPLATE_OBJECT, 5)  /* w site -> a tagged template's strings object */
OP(CALL, 3)             /* h argc: fn this args -> result */
OP(NEW, 7)              /* h argc, w site: fn args -> object */
OP(RETURN, 1)
OP(RETURN_UNDEF, 1)
OP(JMP, 5)
OP(JMP_FALSE, 5)        /* pops */
OP(JMP_TRUE, 5)
OP(JMP_FALSE_KEEP, 5)   /* keeps the value when jumping, else pops */
OP(JMP_TRUE_KEEP, 5)
OP(JMP_NOT_NULLISH_KEEP, 5)
OP(THROW, 1)
OP(TRY, 5)              /* offset of the catch code */
OP(ASYNC_START, 3)      /* u16 reg: an async function's coroutine and promise */
OP(AWAIT, 1)            /* [value] -> [result]: suspends the frame */
OP(ASYNC_RETURN, 1)     /* [value]: resolve the promise, return it */
OP(ASYNC_THROW, 1)      /* [exception]: reject the promise, return it */
OP(GEN_START, 3)        /* u16 reg: make the generator object, suspend, return it */
OP(YIELD, 1)            /* [value] -> [sent]: suspends the frame */
OP(GEN_RETHROW, 1)      /* [exc]: a catch's entry: rethrow return()'s marker */
OP(END_TRY, 1)
OP(FOR_IN, 1)           /* obj -> iterator */
OP(FOR_IN_NEXT, 5)      /* iterator -> iterator key, or jumps (popping nothing) when done */
OP(FOR_OF, 1)           /* iterable -> iterable, or throws "x is not iterable" */
OP(FOR_OF_NEXT, 5)      /* iterable index -> value next-index, or pops both and jumps when done */
OP(REQUIRE_COERCIBLE, 5) /* w atom (a pattern's first key): null/undefined -> TypeError */
OP(APPEND, 1)           /* array value -> array (value pushed) */
OP(APPEND_SPREAD, 3)    /* h in a call: array iterable -> array (its values pushed) */
OP(COLLECT_REST, 1)     /* iterable index -> array of the values left (a rest element) */
OP(CALL_SPREAD, 1)      /* fn this args-array -> result */
OP(NEW_SPREAD, 1)       /* fn args-array -> object */
OP(CLASS, 6)            /* w ctor child, b has extends: [parent] -> ctor prototype */
OP(DEFINE_METHOD, 2)    /* b named: obj key fn -> (fn defined, not enumerable; named:
                           fn.name set from the computed key) */
OP(DEFINE_ACCESSOR, 2)  /* b (1 setter, 2 enumerable, 4 named): obj key fn -> (defined) */
OP(GET_SUPER, 1)        /* home -> its [[Prototype]] */
OP(SUPER_GET, 1)        /* this object key -> object[key], a getter called on this */
OP(GET_PRIVATE, 5)      /* w atom: obj -> obj.#x (own only; TypeError when absent) */
OP(SET_PRIVATE, 5)      /* w atom: obj value -> value */
OP(DEFINE_PRIVATE, 5)   /* w atom: obj value -> obj (a field or private method) */
OP(HAS_PRIVATE, 5)      /* w atom: obj -> `#x in obj` */
OP(THIS_CHK, 1)         /* `this` in a derived constructor: ReferenceError before super() */
OP(SUPER_CALL, 1)       /* new.target class args-array -> the parent's instance */
OP(SET_THIS, 1)         /* obj -> obj (binds this; ReferenceError if bound) */
OP(COPY_PROPS, 1)       /* obj source -> obj (`{...source}`: its own enumerable properties defined) */
OP(TO_NUMBER, 1)
OP(TO_STRING, 1)
OP(ADD, 1) OP(SUB, 1) OP(MUL, 1) OP(DIV, 1) OP(MOD, 1) OP(EXP, 1)
OP(SHL, 1) OP(SAR, 1) OP(SHR, 1)
OP(BITAND, 1) OP(BITOR, 1) OP(BITXOR, 1)
OP(LT, 1) OP(GT, 1) OP(LE, 1) OP(GE, 1)
OP(EQ, 1) OP(NE, 1) OP(SEQ, 1) OP(SNE, 1)
OP(INSTANCEOF, 1) OP(IN, 1)
OP(NEG, 1) OP(POS, 1) OP(NOT, 1) OP(BITNOT, 1) OP(TYPEOF, 1)
OP(INC, 1) OP(DEC, 1)
OP(THROW_CONST, 5)      /* w atom of the variable: TypeError assignment to constant */
OP(THROW_REF, 5)        /* w atom: ReferenceError x is not defined */
OP(DEBUGGER, 1)
OP(LINE, 1)             /* no-op position marker */
/* superinstructions made by the compiler's peephole (see emit()) */
OP(PUT_ARG, 3)          /* SET_ARG + POP */
OP(SET_PROP_POP, 9)     /* SET_PROP + POP */
OP(SET_ELEM_POP, 1)     /* SET_ELEM + POP */
OP(GET_LOC_PROP, 11)    /* GET_LOC h + GET_PROP w atom w ic */
OP(GET_THIS_PROP, 9)    /* THIS + GET_PROP */
OP(JCMP_LL, 10)         /* b cmp (| 0x80: jump when true), h local, h local, w offset */
OP(JCMP_LI, 12)         /* b cmp (| 0x80), h local, w int32, w offset */
OP(GET_MAPPED, 5)       /* h param, h register of the arguments object */
OP(SET_MAPPED, 5)
OP(INC_LOC, 7)          /* h slot, w atom (TDZ check) or ~0: local++ as a statement */
OP(DEC_LOC, 7)
