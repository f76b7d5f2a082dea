// A syntax error is reported before anything runs.
console.log('never printed');
var a = ;
