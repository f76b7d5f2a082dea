// A module that throws while loading.
var x = 1;
null.boom;
