// lesson3's Buffer loop, measured: every 20 MB Buffer written byte by byte
// grows rss by about 20 MB while heapTotal stays flat (the bytes live
// outside the heap, counted as external/arrayBuffers).
var MB = 1024 * 1024, size = 20 * MB, total = [], ok = true, steps = 5;
var first = process.memoryUsage();
var prev = first;
for (var j = 0; j < steps; j++) {
  var buffer = Buffer.alloc(size);
  for (var i = 0; i < size; i += 4096) buffer[i] = 1;
  total.push(buffer);
  var now = process.memoryUsage();
  var grew = (now.rss - prev.rss) / MB;
  if (grew < 15 || grew > 30) { ok = false; console.log('step', j, 'rss grew', grew.toFixed(1), 'MB'); }
  prev = now;
}
console.log('rss climbs about 20 MB a step:', ok);
console.log('heapTotal flat:', Math.abs(prev.heapTotal - first.heapTotal) < 4 * MB);
console.log('external holds the buffers:', prev.external - first.external >= steps * size);
