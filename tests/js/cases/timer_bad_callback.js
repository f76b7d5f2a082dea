// the timers refuse a callback that is not a function with Node's ERR_INVALID_ARG_TYPE
[5, 'x', {}, null, undefined].forEach(function (v) {
  [setTimeout, setInterval, setImmediate].forEach(function (f) {
    try { f(v, 1); console.log('ok'); } catch (e) { console.log(f.name, e.name, e.code, e.message); }
  });
});
