// Object.defineProperty on a non-configurable property: redefining it as it
// is is allowed, as is (while writable) a new value or making it read-only;
// anything else throws "Cannot redefine property".
var o = {};
Object.defineProperty(o, 'ro', { value: 3, enumerable: true });
Object.defineProperty(o, 'w', { value: 1, writable: true });
Object.defineProperty(o, 'nan', { value: NaN });
Object.defineProperty(o, 'z', { value: -0 });
var tries = [
    ['ro', { value: 3 }], ['ro', { value: 4 }], ['ro', { enumerable: false }], ['ro', { enumerable: true }],
    ['ro', { configurable: true }], ['ro', { writable: true }], ['ro', {}], ['w', { value: 2 }],
    ['w', { writable: false }], ['w', { value: 5 }], ['nan', { value: NaN }], ['z', { value: 0 }], ['z', { value: -0 }],
];
tries.forEach(function (t) {
    try {
        Object.defineProperty(o, t[0], t[1]);
        console.log(t[0], JSON.stringify(t[1]), 'ok', o[t[0]]);
    } catch (e) {
        console.log(t[0], JSON.stringify(t[1]), e.name, e.message);
    }
});
var c = {};
Object.defineProperty(c, 'x', { value: 1, configurable: true });
Object.defineProperty(c, 'x', { value: 2, enumerable: true, writable: true });
console.log(c, Object.getOwnPropertyDescriptor(c, 'x'));
// a function's length and name start out configurable (not writable)
function f(a) {}
Object.defineProperty(f, 'length', { value: 5 });
console.log(Object.getOwnPropertyDescriptor(f, 'length'));
Object.defineProperty(f, 'length', { value: 6 });
console.log(f.length);
