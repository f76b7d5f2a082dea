// async functions suspended inside try blocks while the heap churns: their
// saved frames and handlers must move with the objects they hold
let caught = 0, finals = 0;
const gates = [];
async function waiter(i) {
  try {
    try {
      await new Promise((ok, fail) => gates.push(fail));
    } finally {
      finals++;
    }
  } catch (e) {
    caught += e.i === i ? 1 : 0;
  }
}
for (let i = 0; i < 300; i++) waiter(i);
setTimeout(() => {
  let junk = [];
  for (let k = 0; k < 20000; k++) junk.push({ k, s: 'x' + k });
  junk = null;
  gates.forEach((fail, i) => fail({ i }));
  setTimeout(() => console.log('caught', caught, 'finally', finals), 1);
}, 1);
