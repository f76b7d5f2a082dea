// require('os') against node, in figures that do not depend on the machine
// the expected output was made on: key order, types, invariants, and the
// environment variables tmpdir and homedir follow.
const os = require('os');
const have = ['arch', 'availableParallelism', 'cpus', 'endianness', 'freemem', 'homedir', 'hostname',
  'loadavg', 'platform', 'release', 'tmpdir', 'totalmem', 'type', 'userInfo', 'uptime', 'version',
  'machine', 'EOL', 'devNull'];
console.log(Object.keys(os).filter((k) => have.includes(k)));
for (const k of have) console.log(k, typeof os[k], typeof os[k] === 'function' ? typeof os[k]() : '');
console.log(os.arch(), os.platform(), os.type(), os.endianness(), JSON.stringify(os.EOL), os.devNull);
const cpus = os.cpus();
console.log(cpus.length > 0, cpus.length >= os.availableParallelism(), Object.keys(cpus[0]),
  Object.keys(cpus[0].times), cpus.every((c) => typeof c.model === 'string' && c.speed >= 0));
console.log(os.loadavg().length, os.loadavg().every((x) => x >= 0), os.uptime() > 0);
console.log(os.totalmem() > 0, os.freemem() > 0, os.freemem() <= os.totalmem());
const info = os.userInfo();
console.log(Object.keys(info), Object.getPrototypeOf(info), typeof info.uid, info.homedir.length > 0);
const tmp = process.env.TMPDIR || process.env.TMP || process.env.TEMP || '/tmp';
console.log(os.tmpdir() === (tmp.length > 1 && tmp.endsWith('/') ? tmp.slice(0, -1) : tmp));
console.log(os.homedir() === (process.env.HOME || info.homedir), os.hostname().length > 0);
console.log(require('os') === os);
