// Object.fromEntries, Object.is, String.fromCodePoint,
// Array.prototype.findLast/findLastIndex and numeric separators.
function t(name, f) { try { console.log(name, f()); } catch (e) { console.log(name, 'threw', e.name, e.message); } }
t('fromEntries', () => [Object.fromEntries([['a', 1], ['b', [2]], [3, 'three']]), Object.fromEntries(new Map([['x', 1]])), Object.fromEntries([])]);
t('fromEntries round trip', () => { var o = { a: 1, b: 2 }; return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v * 10])); });
t('fromEntries bad', () => Object.fromEntries([1]));
t('fromEntries undefined', () => Object.fromEntries());
t('fromEntries null', () => Object.fromEntries(null));
t('fromEntries short', () => Object.fromEntries([['k']]));
t('findLast', () => { var a = [1, 2, 3, 4, 5]; return [a.findLast((x) => x % 2 === 0), a.findLastIndex((x) => x % 2 === 0), a.findLast((x) => x > 9), a.findLastIndex((x) => x > 9)]; });
t('findLast holes', () => { var seen = []; [1, , 3].findLast((x, i) => { seen.push([x, i]); return false; }); return seen; });
t('findLast not fn', () => [1].findLast(5));
t('findLast length', () => [[].findLast.length, [].findLastIndex.length, Object.fromEntries.length]);
t('separators', () => [1_000_000, 0xFF_FF, 1_0.0_1, 1e1_0]);
for (const v of [5, {}, 'ab', true]) { try { console.log(Object.fromEntries(v)); } catch (e) { console.log(e.message); } }
t('is', () => [Object.is(NaN, NaN), Object.is(0, -0), Object.is(-0, -0), Object.is('a', 'a'), Object.is({}, {}), Object.is(1, 1.0), Object.is(null, undefined), Object.is()]);
t('fromCodePoint', () => [String.fromCodePoint(97, 0xe9, 0x20ac, 0x1F600), String.fromCodePoint(0x1F600).length, String.fromCodePoint()]);
t('fromCodePoint bad', () => String.fromCodePoint(-1));
t('fromCodePoint big', () => String.fromCodePoint(0x110000));
t('fromCodePoint frac', () => String.fromCodePoint(1.5));
t('fromCodePoint nan', () => String.fromCodePoint('x'));
t('fromCodePoint str', () => String.fromCodePoint('65'));
