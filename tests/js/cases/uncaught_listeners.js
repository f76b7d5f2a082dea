// 'uncaughtException' listeners keep the program going, as in node; a throw
// in an 'unhandledRejection' listener becomes an uncaught exception
process.on('uncaughtException', (err, origin) => {
  console.log('caught', err.message, origin);
  if (err.message === 'second') process.exitCode = 2;
});
setTimeout(() => { console.log('timer 1'); throw new Error('first'); }, 1);
setTimeout(() => { console.log('timer 2'); throw new Error('second'); }, 3);
setTimeout(() => console.log('timer 3 runs'), 6);
Promise.resolve().then(() => { throw new Error('rejected, not uncaught'); });
process.on('unhandledRejection', (r) => { throw new Error('from the rejection listener: ' + r.message); });
console.log('main done');
