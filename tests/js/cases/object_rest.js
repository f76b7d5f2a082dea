// Object rest in destructuring declarations: the value's own enumerable
// properties less those named before, in a fresh object.
function t(name, f) { try { console.log(name, f()); } catch (e) { console.log(name, 'threw', e.name, e.message); } }
t('basic', () => { const { a, ...rest } = { a: 1, b: 2, c: 3 }; return [a, rest]; });
t('only rest', () => { var { ...all } = { x: 1, y: [2] }; return all; });
t('numbers', () => { let { 1: one, ...r } = { 1: 'a', 2: 'b', z: 'c' }; return [one, r]; });
t('string', () => { var { length, ...chars } = 'hey'; return [length, chars]; });
t('array', () => { var { 0: first, ...others } = [5, 6, 7]; return [first, others]; });
t('nested', () => { var { p: { q, ...pr }, ...r } = { p: { q: 1, w: 2 }, z: 3 }; return [q, pr, r]; });
t('defaults', () => { var { a = 10, ...r } = { b: 2 }; return [a, r]; });
t('for-of', () => { var out = []; for (const { k, ...v } of [{ k: 1, x: 2 }, { k: 3 }]) out.push(k, v); return out; });
t('not own', () => { var { ...r } = Object.create({ inherited: 1 }); return r; });
t('null', () => { var { ...r } = null; return r; });
t('undefined', () => { var u; var { a, ...r } = u; return r; });
t('fresh', () => { var src = { a: { deep: 1 } }; var { ...copy } = src; copy.b = 2; return [src, copy, copy.a === src.a]; });
t('gc', () => { var n = 0; for (var i = 0; i < 5000; i++) { var { a, ...r } = { a: i, b: { i: i }, c: [i] }; n += r.b.i; } return n; });
