// 200,000 awaits with no I/O in between: the microtask queue never
// empties, yet the jobs already run must not stay reachable
async function spin(n) { let s = 0; for (let i = 0; i < n; i++) s += await i; return s; }
spin(200000).then((s) => {
  console.log(s, process.memoryUsage().heapUsed < 24 * 1024 * 1024);
});
