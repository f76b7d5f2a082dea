// clearTimeout/clearInterval/clearImmediate find a timer by its object, as
// Node does: whatever the script stores in the object's fields.
const t = setTimeout(() => console.log('timeout ran (wrong)'), 10);
t._id = 12345;
clearTimeout(t);
const t2 = setTimeout(() => console.log('timeout 2 ran (wrong)'), 10);
t2._id = 'x';
clearTimeout(t2);
let n = 0;
const iv = setInterval(() => {
    n++;
    console.log('interval', n);
    iv._id = -1;
    if (n === 2) clearInterval(iv);
}, 5);
const im = setImmediate(() => console.log('immediate ran (wrong)'));
im._id = 0;
clearImmediate(im);
// a look-alike object is not the timer
const real = setTimeout(() => console.log('real timer ran'), 300);
clearTimeout({ _id: real._id });
const u = setTimeout(() => console.log('unref timer ran (wrong)'), 100000);
u._id = null;
u.unref();
console.log(u.hasRef());
u.ref();
console.log(u.hasRef());
u.unref();
console.log('sync end');
