// Optional chaining: members, indexes and calls, short-circuiting to
// undefined, this kept, V8's messages for what is not a function.
function t(name, f) { try { console.log(name, f()); } catch (e) { console.log(name, 'threw', e.name, e.message); } }
var o = { a: { b: 1, f() { return this.b; }, arr: [10, 20] }, n: null, g: null };
t('members', () => [o?.a?.b, o.x?.y, o.n?.z.w.v, o?.['a']?.b, o.a?.arr?.[1], o.x?.[0]]);
t('calls', () => [o.a.f?.(), o.g?.(), o.x?.f(), o.a?.f(), o.a?.['f']()]);
t('this kept', () => { var r = o.a?.f(); return r; });
t('short circuit', () => { var n = 0; var u; var r = u?.[n++]; var r2 = u?.x(n++); return [r, r2, n]; });
t('not function', () => o.a?.b());
t('not function 2', () => o.a.zz?.());
t('deep undefined', () => o.x?.y.z);
t('paren breaks', () => (o.x?.y).z);
t('nested args', () => { function f(x) { return x; } return f(o?.a?.b, o.n?.q) });
t('with nullish', () => (o.x?.y ?? 'dflt'));
t('typeof', () => typeof o.x?.y);
t('in expressions', () => [o.a?.b + 1, !o.n?.x, `${o?.a?.b}`]);
t('loop', () => { var list = [{ v: { w: 1 } }, {}, null, { v: null }]; return list.map((e) => e?.v?.w); });
t('gc', () => { var s = 0; for (var i = 0; i < 30000; i++) { var x = i % 3 ? { y: { z: i } } : null; s += x?.y?.z ?? 0; } return s; });
t('call result', () => { var mk = () => ({ k: 5 }); return [mk?.().k, mk()?.k]; });
t('array methods', () => { var a = null; return [a?.map((x) => x), [1, 2]?.map((x) => x * 2)]; });
t('optional paren call', () => { var obj = { m() { return this === obj; } }; return [(obj?.m)(), obj?.m()]; });
