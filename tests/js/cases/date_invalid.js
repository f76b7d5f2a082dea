// An invalid Date: toString and String() give 'Invalid Date', toJSON and
// JSON.stringify null, only toISOString throws.
var d = new Date(NaN);
console.log(String(d), d.toString(), JSON.stringify(d), d.toJSON(), `${d}`, d + '', [d], { d: d });
console.log(JSON.stringify({ d: d, e: new Date(0) }), new Date(0).toJSON());
try { d.toISOString(); } catch (e) { console.log(e.name, e.message); }
