// An async function that throws after an await, its promise unhandled:
// node's report shows where the Error was made and the async frames.
async function load(name) {
  await null;
  if (!name.endsWith('.json')) throw new Error(`not a JSON file: ${name}`);
  return {};
}
async function main() {
  const config = await load('config.yaml');
  console.log('never', config);
}
console.log('start');
main();
