// JSON.parse(text, reviver): members are revived before their holder, in
// key order, `this` is the holder, undefined deletes (a hole in arrays),
// and the top-level call gets the key '' on a wrapper object.
console.log(JSON.parse('{"a":[1,{"b":2}],"c":3}', function (k, v) {
    console.log('revive', JSON.stringify(k), JSON.stringify(v), Array.isArray(this));
    return typeof v === 'number' ? v + 1 : v;
}));
console.log(JSON.parse('[1,2,3]', function (k, v) { return k === '1' ? undefined : v; }));
console.log(JSON.parse('{"a":1,"b":2,"2":0}', function (k, v) { return k === 'a' ? undefined : v; }));
console.log(JSON.parse('5', function (k, v) { return [k, v, Object.keys(this)]; }));
console.log(JSON.parse('{"d":"2020-01-02","n":{"m":[]}}', function (k, v) {
    return k === 'd' ? v.split('-').map(Number) : k === 'm' ? v.length : v;
}));
// the reviver may change members it has not visited yet
console.log(JSON.parse('{"a":1,"b":2}', function (k, v) {
    if (k === 'a') this.b = 'changed';
    return v;
}));
// a non-function reviver is ignored; a throwing one propagates
console.log(JSON.parse('[1]', 7), JSON.parse('{"x":1}', null));
try {
    JSON.parse('[1,2]', function (k, v) { if (k === '1') throw new Error('no 2'); return v; });
} catch (e) {
    console.log(e.message);
}
