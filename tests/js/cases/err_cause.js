// An uncaught error with a cause: node prints it through util.inspect.
function f() { return new Error('root'); }
throw new Error('top', { cause: f() });
