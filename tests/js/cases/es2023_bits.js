// ES2022-2023 library additions node 20 has: change-array-by-copy
// (toReversed, toSorted, toSpliced, with), Object.hasOwn, Error's cause.
try { [1, 2].with(5, 1); } catch (e) { console.log(e.name, e.message); }
try { [1, 2].with(-3, 1); } catch (e) { console.log(e.name, e.message); }
try { [1].toSorted(1); } catch (e) { console.log(e.name, e.message); }
console.log([, 1].toReversed(), [, 1].toSorted(), [3, , 1].toSpliced(0, 0), [1, 2, 3].toSpliced(),
            [1, 2, 3].toSpliced(1), [1, 2, 3].toSpliced(-1, 5, 'a', 'b'), [1, 2, 3, 4].toSpliced(1, 2));
console.log(Array.prototype.toSorted.call({ length: 2, 0: 'b', 1: 'a' }), [1, 2].with(-1, 9), [1, 2].with('1', 7));
const big = { length: 2 ** 32 };
try { Array.prototype.toReversed.call(big); } catch (e) { console.log(e.name, e.message); }
try { Array.prototype.with.call({ length: 2 ** 32 + 1 }, 0, 1); } catch (e) { console.log(e.name, e.message); }
console.log([5, 1, 10].toSorted(), [5, 1, 10].toSorted((a, b) => a - b), [1, 2, 3].toReversed.length,
            [].toSpliced.length, [].with.length, [].toSorted.length);
const orig = [3, 1, 2];
const sorted = orig.toSorted(), reversed = orig.toReversed(), spliced = orig.toSpliced(0, 1), replaced = orig.with(0, 0);
console.log(orig, sorted, reversed, spliced, replaced, sorted !== orig);
console.log(Array.prototype.toReversed.call('abc'), Array.prototype.with.call({ length: 3, 1: 'x' }, 0, 'y'));
console.log(Object.hasOwn({ a: 1 }, 'a'), Object.hasOwn(Object.create({ a: 1 }), 'a'), Object.hasOwn([1], 0),
            Object.hasOwn('str', 'length'));
try { Object.hasOwn(null, 'a'); } catch (e) { console.log(e.name, e.message); }
const e = new Error('top', { cause: new TypeError('root') });
console.log(e.cause instanceof TypeError, e.cause.message, Object.keys(e),
            Object.getOwnPropertyNames(e).includes('cause'), 'cause' in new Error('x', {}),
            new Error('x', { cause: undefined }).hasOwnProperty('cause'), new RangeError('r', { cause: 7 }).cause);
class WithCause extends Error { constructor(m, c) { super(m, { cause: c }); } }
console.log(new WithCause('w', 'why').cause);
