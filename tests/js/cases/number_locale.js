// Number.prototype.toLocaleString as node (ICU, en-US) writes numbers:
// grouping, rounding of the shortest digits, fraction-digit options.
const xs=[0,-0,1,1234.5,1234567.891,0.0625,0.0005,1.0005,-1234.5678,1e21,-1e21,123456789012345680000,NaN,Infinity,-Infinity,0.1+0.2,999.9995,1e-7, -0.0001, -0.0005, 0.9999, 5e-324, 1.7976931348623157e308, 2**53, 123.456e-5];
console.log(xs.map(x=>x.toLocaleString()).join(" | "));
console.log((1234.5).toLocaleString("en-US",{minimumFractionDigits:2}), (1234.5678).toLocaleString(undefined,{maximumFractionDigits:1}), (1234.5).toLocaleString("en-US",{useGrouping:false}), (5).toLocaleString("de-DE"));
try{(1).toLocaleString("en-US",{maximumFractionDigits:101})}catch(e){console.log(e.name,e.message)}
try{(1).toLocaleString("en-US",{minimumFractionDigits:3, maximumFractionDigits:1})}catch(e){console.log(e.name,e.message)}
console.log((2.5).toLocaleString("en-US",{maximumFractionDigits:0}), (3.5).toLocaleString("en-US",{maximumFractionDigits:0}), (-2.5).toLocaleString("en-US",{maximumFractionDigits:0}));
console.log((1234.5).toLocaleString("en-US",{minimumFractionDigits:0, maximumFractionDigits:0}), (99.9999).toLocaleString("en-US",{maximumFractionDigits:2}), (1e-7).toLocaleString("en-US",{minimumFractionDigits:2}), (12).toLocaleString("en-US",{maximumFractionDigits:2, minimumFractionDigits:1}), (1.23e-10).toLocaleString("en-US",{maximumFractionDigits:20}));
console.log((999999.9999).toLocaleString(), (0.5).toLocaleString("en-US", {maximumFractionDigits: 0}), (1234).toLocaleString("en-US", {minimumFractionDigits: 5}));
console.log(process.memoryUsage().rss.toLocaleString().includes(','), Number.prototype.toLocaleString.call(7), (7).toLocaleString.length);
