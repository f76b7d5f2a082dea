// Array.prototype.flat and flatMap: depths, holes, array-likes, deep nesting.
function t(name, f) { try { console.log(name, f()); } catch (e) { console.log(name, 'threw', e.name, e.message); } }
t('flat', () => [[1, [2, [3, [4]]]].flat(), [1, [2, [3, [4]]]].flat(2), [1, [2, [3, [4]]]].flat(Infinity), [1, [2]].flat(0), [1, [2]].flat(-1), [1, [2]].flat(NaN)]);
t('holes', () => [[1, , 3, [4, , 6]].flat(), [, [, 1]].flat()]);
t('flatMap', () => [[1, 2, 3].flatMap((x) => [x, x * 10]), [1, 2].flatMap((x) => x), ['a b', 'c'].flatMap((s) => s.split(' ')), [[1]].flatMap((x) => [x])]);
t('flatMap this and args', () => [1, 2].flatMap(function (x, i, a) { return [this.k + x + i + a.length]; }, { k: 100 }));
t('flatMap not fn', () => [1].flatMap(5));
t('array-like', () => Array.prototype.flat.call({ length: 2, 0: [1], 1: 2 }));
t('deep', () => { var a = []; for (var i = 0; i < 100000; i++) a = [a]; try { return a.flat(Infinity).length; } catch (e) { return e.name; } });
t('gc', () => { var a = []; for (var i = 0; i < 5000; i++) a.push([{ i: i }, [{ j: i }]]); var f = a.flat(2); return [f.length, f[f.length - 1].j]; });
t('lengths', () => [[].flat.length, [].flatMap.length]);
