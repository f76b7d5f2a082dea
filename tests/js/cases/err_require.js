// An uncaught error thrown by a required module: Node's require frames.
console.log("main");
require("./lib/throws");
