// encodeURIComponent, encodeURI, decodeURIComponent, decodeURI and their
// URIErrors, compared with node.
const samples = ['a b&c=d/e?f#g', 'héllo wörld', '😀 grin', "-_.!~*'()", ';/?:@&=+$,#', '', '100%', 'tab\there\nnl'];
for (const s of samples) {
  const c = encodeURIComponent(s), u = encodeURI(s);
  console.log(JSON.stringify(s), c, u, decodeURIComponent(c) === s, decodeURI(u) === s);
}
console.log(decodeURI('%3B%2F%41%20'), decodeURIComponent('%3B%2F%41%20'), decodeURIComponent('%e2%82%ac'), decodeURIComponent('%F0%9F%98%80'));
for (const bad of ['%', '%2', '%zz', '%C0%80', '%ED%A0%80', '%F5%80%80%80', '%E2%82', '%80', '%F4%90%80%80']) {
  try { console.log(decodeURIComponent(bad)); } catch (e) { console.log(bad, e.name, e.message); }
}
try { encodeURIComponent('\uD800'); } catch (e) { console.log(e.name, e.message); }
try { encodeURI('a\uDC00b'); } catch (e) { console.log(e.name, e.message); }
console.log(encodeURIComponent(123), encodeURIComponent({ toString() { return 'x y'; } }), encodeURIComponent(), decodeURI(undefined));
console.log(typeof encodeURIComponent, encodeURIComponent.length, encodeURIComponent.name);
