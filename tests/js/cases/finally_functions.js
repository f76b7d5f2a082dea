// Functions inside a finally block: the block is compiled once per way out
// of its try (break, continue, return, fall-through), the functions once.
function f(n) {
  for (var i = 0; i < 3; i++) {
    try {
      if (i == n) break;
      if (i == 1) continue;
    } finally {
      var g = function (x) { return x * 2 + i; };
      function h() { return 'h' + i; }
      console.log(g(i), h());
    }
  }
  try { return 'r'; } finally { console.log([1, 2].map(function (v) { return v + 1; })); }
}
console.log(f(2));
