// node's synchronous fs calls that ghjs has, compared with node: results,
// errors (message, errno, code, syscall, path) and argument checks.
const fs = require('fs');
const dir = (process.env.TMPDIR || '/tmp') + '/ghjs-fs-case-' + process.pid;
const files = ['b', 'a', 'C', '_x', '10', '9', 'w', 'w2', 'big'];
function clean() {
  for (const n of files) {
    try { fs.unlinkSync(dir + '/' + n); } catch (e) {}
  }
  for (const d of ['/x/y/z', '/x/y', '/x', '']) {
    try { fs.rmdirSync(dir + d); } catch (e) {}
  }
}
clean();
console.log(fs.mkdirSync(dir + '/x/y/z', { recursive: true }) === dir + '/x', fs.mkdirSync(dir + '/x/y/z', { recursive: true }));
for (const n of ['b', 'a', 'C', '_x', '10', '9']) fs.writeFileSync(dir + '/' + n, n);
console.log(fs.readdirSync(dir));
const show = (e) => console.log(e.message.replace(dir, '<dir>'), e.errno, e.code, e.syscall, typeof e.path, Object.keys(e));
try { fs.readFileSync(dir + '/nonexist'); } catch (e) { show(e); }
try { fs.readFileSync(dir); } catch (e) { show(e); }
try { fs.mkdirSync(dir); } catch (e) { show(e); }
try { fs.mkdirSync(dir + '/a/b', { recursive: true }); } catch (e) { show(e); }
try { fs.readdirSync(dir + '/nonexist'); } catch (e) { show(e); }
try { fs.readdirSync(dir + '/a'); } catch (e) { show(e); }
try { fs.unlinkSync(dir + '/nonexist'); } catch (e) { show(e); }
try { fs.unlinkSync(dir + '/x'); } catch (e) { show(e); }
try { fs.writeFileSync(dir + '/nonexist/dir/f', 'x'); } catch (e) { show(e); }
try { fs.writeFileSync(dir + '/a', 'x', { flag: 'wx' }); } catch (e) { show(e); }
try { fs.readFileSync(1234); } catch (e) { show(e); }
for (const bad of [[5.5], [null], [{}], ['a\0b'], [dir + '/a', 'nope'], [dir + '/a', { encoding: 7 }], [dir + '/a', { flag: 'q' }]]) {
  try { fs.readFileSync(...bad); } catch (e) { console.log(e.code, e.message.replace(dir, '<dir>')); }
}
try { fs.writeFileSync(dir + '/w', 5); } catch (e) { console.log(e.code, e.message); }
try { fs.writeFileSync(dir + '/w', {}); } catch (e) { console.log(e.code, e.message); }
console.log(fs.existsSync(dir), fs.existsSync(dir + '/nonexist'), fs.existsSync(5), fs.existsSync(), fs.existsSync('a\0b'));
fs.writeFileSync(dir + '/w', 'héllo\n');
fs.appendFileSync(dir + '/w', Buffer.from([65, 66]));
console.log(fs.readFileSync(dir + '/w'), fs.readFileSync(dir + '/w', 'utf8'), fs.readFileSync(dir + '/w', { encoding: 'hex' }));
console.log(fs.writeFileSync(dir + '/w2', 'abc', 'base64'), fs.readFileSync(dir + '/w2'));
console.log(fs.writeFileSync(dir + '/w2', 'abc', { encoding: 'latin1', flag: 'a' }), fs.readFileSync(dir + '/w2', 'latin1'));
console.log(fs.readFileSync(Buffer.from(dir + '/w2'), null), fs.readFileSync(dir + '/w2', { encoding: null }));
console.log(fs.unlinkSync(dir + '/w2'), fs.existsSync(dir + '/w2'));
fs.writeFileSync(1, 'to stdout through fd 1\n');
const big = 'x'.repeat(200000);
fs.writeFileSync(dir + '/big', big);
console.log(fs.readFileSync(dir + '/big', 'utf8') === big, fs.readFileSync(dir + '/big').length);
console.log(JSON.parse(fs.readFileSync(dir + '/w', 'utf8').length), typeof require('node:fs').readFileSync);
console.log(require('fs') === fs, require('node:fs') === fs, require('os') === require('node:os'), require('util') === require('util'));
try { fs.rmdirSync(dir); } catch (e) { show(e); }
try { fs.rmdirSync(dir + '/a'); } catch (e) { show(e); }
clean();
console.log(fs.existsSync(dir));
