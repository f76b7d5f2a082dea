// process.cpuUsage, resourceUsage and argv0: the keys and invariants node has
const a = process.cpuUsage();
let x = 0;
for (let i = 0; i < 2e6; i++) x += i;
const d = process.cpuUsage(a);
console.log(Object.keys(a), Number.isInteger(a.user), Number.isInteger(a.system), d.user >= 0, d.system >= 0, d.user <= process.cpuUsage().user);
for (const bad of [5, { user: 'x', system: 1 }, { user: -1, system: 1 }, { user: 1 }, null]) {
  try { console.log(Object.keys(process.cpuUsage(bad))); } catch (e) { console.log(e.code, e.message); }
}
const r = process.resourceUsage();
console.log(Object.keys(r), Object.values(r).every(Number.isInteger), r.maxRSS > 1000, r.userCPUTime >= a.user);
console.log(typeof process.argv0, process.argv0.length > 0);
