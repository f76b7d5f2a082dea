// JSON.stringify with a replacer array: a property list made once, of its
// strings and numbers (and String/Number objects), without duplicates,
// other items ignored; a replacer function sees the value as this[''].
console.log(JSON.stringify({ a: 1, b: 2, c: { a: 3, d: 4 } }, ['a', 'c', 'a', 'c']));
console.log(JSON.stringify({ true: 1, a: 2, 1: 3, null: 4, x: 5 }, [true, 'a', 1, null, {}, new String('null'), new Number(1), 'x']));
console.log(JSON.stringify([{ a: 1, b: 2 }, { b: 3, a: 4 }], ['b', 'a'], 1));
console.log(JSON.stringify(1, function (k, v) {
    return typeof v === 'number' ? Object.keys(this).join() + '|' + JSON.stringify(k) + '|' + this[k] : v;
}));
console.log(JSON.stringify({ a: 1 }, 7), JSON.stringify({ a: 1 }, 'a'), JSON.stringify({ a: 1 }, []));
