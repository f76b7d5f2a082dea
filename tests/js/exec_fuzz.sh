#!/bin/sh
# exec_fuzz.sh GHJS CASES_DIR [COUNT [SEED]] -- malformed scripts must not
# crash ghjs.
#
# Takes COUNT (default 40) scripts from CASES_DIR/*.js, mutates each once
# (a line dropped, doubled or replaced by another; its numbers, a call or a
# spot in it replaced by a snippet from the list below), and runs it with a
# 64 MB heap.  A run may print anything and exit with any status a script
# can cause -- a thrown error, process.exit, the heap-out-of-memory abort
# (134, with Node's "JavaScript heap out of memory") or a time-out -- but
# not die of another signal or make a sanitizer report.  The mutations come
# from awk's rand() seeded per run (SEED, default 1), so a run repeats on
# the same machine.  Failing scripts are kept in $TMPDIR for a look.
# Prints "N passed, N failed".
ghjs=$1
cases=$2
count=${3:-40}
seed=${4:-1}
[ -x "$ghjs" ] || { echo "exec_fuzz.sh: no executable at $ghjs"; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ghjs-fuzz.XXXXXX") || exit 2
files=$(ls "$cases"/*.js)

# run_classified OUT CMD... -- run CMD (stdin empty, output to OUT) and print
# how it ended: "exit N" or "signal N".  A shell's $? cannot tell a death by
# signal N from exit(128 + N), which a script may call (process.exit(-2) is
# status 254); perl (Debian's perl-base, always installed) can.  timeout
# passes a death by signal on as its own, and ends with 124 on a time-out.
run_classified() {
    out=$1
    shift
    if command -v perl >/dev/null 2>&1; then
        # the command's stdout and stderr go to OUT, the verdict to the pipe
        perl -e 'open(my $verdict, ">&", \*STDERR) && open(STDERR, ">&", \*STDOUT) or exit 1;
                 system(@ARGV) == -1 and exit 1;
                 print $verdict ($? & 127 ? "signal " . ($? & 127) : "exit " . ($? >> 8)), "\n"' \
            "$@" 2>&1 >"$out" </dev/null
    else # without perl, a status above 128 is taken for a signal, except the time-out
        "$@" >"$out" 2>&1 </dev/null
        status=$?
        if [ $status -gt 128 ] && [ $status != 124 ]; then
            echo "signal $((status - 128))"
        else
            echo "exit $status"
        fi
    fi
}
nfiles=$(echo "$files" | wc -l)
pass=0
fail=0
i=0
while [ $i -lt "$count" ]; do
    s=$((seed * 7919 + i))
    file=$(echo "$files" | sed -n "$((s % nfiles + 1))p")
    script=$tmp/case$i.js
    awk -v seed="$s" '
        BEGIN {
            srand(seed)
            n = split("null|undefined|[]|{}|1e309|-1|0x7fffffff|NaN|\"x\".repeat(100000)|" \
                      "new Array(1e7)|Buffer.alloc(-1)|function(){}|(a,b)=>a|this|x.y.z|" \
                      "(...r)=>r|function(a=f(),...b){return b}|(a=b,b)=>a|{...this}|new Date(...[1])|{[x]:1}|({a},[b])=>a|[x,y]=[y,x]|a?.b?.(c)|x??=1|1_0|" \
                      "arguments|gc()|process.memoryUsage()|JSON.parse(\"{\")|" \
                      "Object.create(null)|...[]|new Map()|delete x|typeof z|2**64|" \
                      "\"\\u0000\"|global|require(\"fs\")|)|}|(|{|;;|=>|new|" \
                      "Array.prototype|__proto__|constructor|Buffer.alloc(1e6)|new WeakMap()|" \
                      "require(\"v8\").getHeapStatistics()|new Array(1e5).fill({})|" \
                      "class extends null{}|class{x=this;static y=new this}|super.x|super()|" \
                      "class A extends Array{constructor(){super(1e6)}}|(class extends Map{})|" \
                      "{get x(){return this.x},set x(v){this.x=v}}|Object.defineProperty(Object.prototype,\"q\",{set(v){}})|" \
                      "Object.defineProperty(this,\"k\",{get(){throw 1}})|structuredClone(this)|new.target|" \
                      "[3,1].toSorted((a,b)=>{throw a})|class{#p=1;static h(o){return #p in o}m(){return this.#p++}}|this.#q|" \
                      "Promise.reject(this)|new Promise(r=>r(r))|Promise.all([1,{then(f){f(this)}}])|" \
                      "queueMicrotask(()=>{throw 1})|Promise.resolve().then(function f(){return Promise.resolve().then(f)})|" \
                      "async function q(){await q()}|(async()=>{for(;;)await 0})()|async x=>await x|await|" \
                      "(async()=>{try{await Promise.reject(1)}finally{return 2}})()|{async m(){await this}}|" \
                      "function*g(){yield*g()}|[...function*(){yield 1;yield 2}()]|(function*(){try{yield}finally{yield 1}})().return()|" \
                      "yield|function*q(){const a=yield;q().next(a)}|process.on(\"exit\",()=>{throw 1})|" \
                      "process.on(\"unhandledRejection\",r=>Promise.reject(r))|process.emit(\"exit\",this)|" \
                      "console.group(this)|console.groupEnd()|console.count({toString(){throw 1}})|console.time(x)|" \
                      "console.timeEnd(this)|console.dir(this,{depth:-1})|console.assert(0,{},...[1,2])|" \
                      "process.emitWarning(this)|process.emitWarning(\"w\",{get type(){throw 1}})|" \
                      "process.on(\"warning\",w=>{throw w})|performance.now()|console.table(this,[x])|" \
                      "console.table([{get a(){throw 1}}])|console.table(new Map([[this,this]]).entries())|" \
                      "require(\"fs\").readFileSync(this)|require(\"fs\").readdirSync(\"/proc/self/fd\")|" \
                      "require(\"fs\").existsSync(x)|require(\"fs\").readFileSync(0,{get encoding(){throw 1}})|" \
                      "String.raw`${this}\\u`|x`${y}`|(a=>a)`a${a=>a}`[0]|new.target`x`|String.raw({raw:{length:1e5}},this)|" \
                      "new (require(\"events\"))().emit(\"error\",this)|class E extends require(\"events\"){}|" \
                      "process.setMaxListeners(1)|require(\"events\").defaultMaxListeners=0|" \
                      "Reflect.apply(x,this,{length:1e5})|Reflect.construct(Array,[1e6])|Reflect.ownKeys(this)|" \
                      "Error.captureStackTrace(this,x)|Error.stackTraceLimit=1e9|(1e21).toLocaleString()|" \
                      "decodeURIComponent(\"%\"+x)|encodeURI(\"\\uD800\")|" \
                      "require(\"util\").inherits(x,this)|require(\"util\").deprecate(x,this)()|" \
                      "require(\"util\").promisify(x)(this)|require(\"events\").call(this)", snip, "|")
        }
        { line[NR] = $0 }
        END {
            kind = int(rand() * 6); at = int(rand() * NR) + 1; other = int(rand() * NR) + 1
            s = snip[int(rand() * n) + 1]
            for (k = 1; k <= NR; k++) {
                l = line[k]
                if (k == at) {
                    if (kind == 0) continue
                    if (kind == 1) print l
                    if (kind == 2) l = line[other]
                    if (kind == 3) gsub(/[0-9]+/, s, l)
                    if (kind == 4) sub(/[A-Za-z_]+\(/, s "(", l)
                    if (kind == 5) { p = int(rand() * (length(l) + 1)); l = substr(l, 1, p) s substr(l, p + 1) }
                }
                print l
            }
        }' "$file" >"$script"
    end=$(run_classified "$tmp/out$i" timeout 20 "$ghjs" --max-old-space-size=64 "$script")
    bad=
    if grep -q "AddressSanitizer\|LeakSanitizer\|ThreadSanitizer\|runtime error:" "$tmp/out$i"; then
        bad="a sanitizer report"
    else
        case $end in
        "exit "*) ;;
        # SIGABRT (6) is allowed for Node's heap-out-of-memory abort only
        "signal 6") grep -q "JavaScript heap out of memory" "$tmp/out$i" || bad="killed by $end" ;;
        "signal "*) bad="killed by $end" ;;
        *) bad="could not run it" ;;
        esac
    fi
    if [ -n "$bad" ]; then
        fail=$((fail + 1))
        printf 'FAIL %s mutated (kept as %s): %s\n' "$file" "$script" "$bad"
        tail -20 "$tmp/out$i"
    else
        pass=$((pass + 1))
        rm -f "$script" "$tmp/out$i"
    fi
    i=$((i + 1))
done
[ $fail -eq 0 ] && rm -rf "$tmp"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
