// Tagged templates and String.raw, compared with node: the strings object
// (cooked, hidden raw, one per site), a member tag's this, evaluation order.
function tag(strings, ...subs) {
  return JSON.stringify({ strings, raw: strings.raw, subs, n: strings.length });
}
console.log(tag`a${1}b${'x'}c`);
console.log(tag`\n${2}\x41\u{1F600}`);
console.log(tag``);
console.log(tag`only`);
const sites = [];
function keep(s) { sites.push(s); return s; }
for (let i = 0; i < 3; i++) keep`same site ${i}`;
keep`other site`;
console.log(sites[0] === sites[1], sites[1] === sites[2], sites[2] === sites[3]);
console.log(Object.keys(sites[0]), Object.getOwnPropertyNames(sites[0]), Object.getOwnPropertyDescriptor(sites[0], 'raw').enumerable);
const o = { name: 'obj', m(s, v) { return this.name + ':' + s.join('|') + ':' + v; } };
console.log(o.m`x${42}y`);
console.log(o['m']`p${'q'}r`);
function outer() { return (s) => s; }
console.log(outer()`curried`[0]);
console.log(String.raw ? 'has String.raw' : 'no String.raw');
const html = (s, ...v) => s.reduce((acc, str, i) => acc + str + (i < v.length ? String(v[i]).toUpperCase() : ''), '');
console.log(html`<p>${'hello'} and ${'world'}</p>`);
console.log(tag`multi
line ${1} with \` backtick and \${not a sub}`);
try { undefined`x`; } catch (e) { console.log(e.constructor.name, e.message); }
let order = [];
const t2 = (s, ...v) => v;
console.log(t2`${order.push('a')}${order.push('b')}`, order);
console.log(String.raw`a\n${1}b\t${2}`, String.raw({ raw: ['x', 'y', 'z'] }, 1), String.raw({ raw: 'abc' }, '-', '+'), String.raw({ raw: [] }));
try { String.raw(); } catch (e) { console.log(e.constructor.name, e.message); }
