// console.time/timeLog/timeEnd print "label: <ms>ms"; the figures vary, so
// console_time.lines checks the form of each line.
console.time();
console.timeLog();
console.timeLog(undefined, 'extra', { a: 1 });
console.timeEnd();
console.time('loop');
let s = 0;
for (let i = 0; i < 100000; i++) s += i;
console.timeEnd('loop');
console.time('a%d');
console.timeLog('a%d', 7);
console.timeEnd('a%d');
const t0 = performance.now();
const t1 = performance.now();
console.log(typeof t0, t1 >= t0, t0 >= 0, t0 < 60000);
console.log(performance.timeOrigin > 1.6e12, Math.abs(performance.timeOrigin + t1 - Date.now()) < 1000);
console.log(process.uptime() >= 0, process.uptime() < 60);
// past a second the figure is in seconds, with three decimals
console.time('sec');
setTimeout(() => console.timeEnd('sec'), 1005);
