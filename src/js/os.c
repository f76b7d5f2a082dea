/* os.c - require('os') as node 20 on Linux answers it: the figures come
 * from where libuv reads them -- freemem() is /proc/meminfo's
 * MemAvailable (not sysinfo's free RAM), cpus() /proc/stat's ticks in ms
 * with /proc/cpuinfo's model and cpufreq's speed (0 where the VM has no
 * cpufreq), uptime() /proc/uptime -- and the functions are enumerable
 * properties in node's order.  Not there: constants, networkInterfaces,
 * getPriority and setPriority. */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include <pwd.h>
#include <sched.h>
#include <stdio.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "builtins.h"

/* A "Name:   value kB" line of /proc/meminfo, in bytes; -1 if absent. */
static double meminfo(const char *name)
{
    FILE *f = fopen("/proc/meminfo", "r");
    if (!f)
        return -1;
    char line[256];
    double bytes = -1;
    size_t n = strlen(name);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, name, n) == 0 && line[n] == ':') {
            bytes = strtod(line + n + 1, NULL) * 1024;
            break;
        }
    fclose(f);
    return bytes;
}

/* A /proc/meminfo figure, or sysinfo's nearest one without /proc. */
static gh_value memory_bytes(const char *name, bool total)
{
    double b = meminfo(name);
    if (b < 0) {
        struct sysinfo si;
        sysinfo(&si);
        b = (double)(total ? si.totalram : si.freeram) * si.mem_unit;
    }
    return js_number(b);
}

NATIVE(os_totalmem) { UNUSED_ARGS; return memory_bytes("MemTotal", true); }
NATIVE(os_freemem) { UNUSED_ARGS; return memory_bytes("MemAvailable", false); }

/* One CPU's entry: { model, speed, times: { user, nice, sys, idle, irq } }. */
static gh_value cpu_entry(const char *model, double mhz, const double ticks[6], double ms_per_tick)
{
    gh_value *c = js_root(js_object_new()), *t = js_root(js_object_new());
    js_put_str(c, "model", model);
    js_put_num(c, "speed", mhz);
    static const char *const names[] = {"user", "nice", "sys", "idle", NULL, "irq"};
    for (int i = 0; i < 6; i++)
        if (names[i])
            js_put_num(t, names[i], ticks[i] * ms_per_tick);
    js_put(c, "times", *t);
    return *c;
}

/* The model names of /proc/cpuinfo, one per processor (NULL when none). */
static char *cpu_model(FILE *info)
{
    char line[512];
    while (info && fgets(line, sizeof line, info))
        if (strncmp(line, "model name", 10) == 0) {
            char *v = strchr(line, ':');
            if (!v)
                continue;
            for (v++; *v == ' ' || *v == '\t'; v++) {
            }
            v[strcspn(v, "\n")] = 0;
            return strdup(v);
        }
    return NULL;
}

static double cpu_speed(int cpu)
{
    char path[128];
    snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu%d/cpufreq/scaling_cur_freq", cpu);
    FILE *f = fopen(path, "r");
    double khz = 0;
    if (f) {
        if (fscanf(f, "%lf", &khz) != 1)
            khz = 0;
        fclose(f);
    }
    return (double)(long)(khz / 1000);
}

NATIVE(os_cpus)
{
    UNUSED_ARGS;
    gh_value *list = js_root(js_array_new(0, 0));
    FILE *stat = fopen("/proc/stat", "r"), *info = fopen("/proc/cpuinfo", "r");
    double ms_per_tick = 1000.0 / (double)sysconf(_SC_CLK_TCK);
    char line[512];
    while (stat && fgets(line, sizeof line, stat)) {
        int cpu;
        double t[6] = {0};
        if (strncmp(line, "cpu", 3) != 0 || line[3] < '0' || line[3] > '9' ||
            sscanf(line + 3, "%d %lf %lf %lf %lf %lf %lf", &cpu, &t[0], &t[1], &t[2], &t[3], &t[4],
                   &t[5]) != 7)
            continue;
        char *model = cpu_model(info);
        gh_value *entry = js_root(cpu_entry(model ? model : "unknown", cpu_speed(cpu), t, ms_per_tick));
        free(model);
        js_array_push(list, entry);
    }
    if (stat)
        fclose(stat);
    if (info)
        fclose(info);
    return *list;
}

NATIVE(os_available_parallelism)
{
    UNUSED_ARGS;
    cpu_set_t set;
    long n = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set)
                                                          : sysconf(_SC_NPROCESSORS_ONLN);
    return js_number(n > 0 ? (double)n : 1);
}

NATIVE(os_loadavg)
{
    UNUSED_ARGS;
    struct sysinfo si;
    sysinfo(&si);
    gh_value *a = js_root(js_array_new(0, 3));
    for (int i = 0; i < 3; i++) {
        gh_value *v = js_root(js_number((double)si.loads[i] / (1 << SI_LOAD_SHIFT)));
        js_array_push(a, v);
    }
    return *a;
}

NATIVE(os_uptime)
{
    UNUSED_ARGS;
    double up = 0;
    FILE *f = fopen("/proc/uptime", "r");
    if (!f || fscanf(f, "%lf", &up) != 1) {
        struct sysinfo si;
        sysinfo(&si);
        up = (double)si.uptime;
    }
    if (f)
        fclose(f);
    return js_number(up);
}

/* $TMPDIR, $TMP or $TEMP (the first set), else /tmp; no trailing slash. */
NATIVE(os_tmpdir)
{
    UNUSED_ARGS;
    const char *env[] = {"TMPDIR", "TMP", "TEMP"}, *dir = NULL;
    for (int i = 0; i < 3 && !dir; i++)
        if (getenv(env[i]) && *getenv(env[i]))
            dir = getenv(env[i]);
    js_sbuf b = {0};
    sb_puts(&b, dir ? dir : "/tmp");
    if (b.len > 1 && b.data[b.len - 1] == '/')
        b.len--;
    gh_value r = js_string_new(b.data, b.len);
    sb_free(&b);
    return r;
}

static const struct passwd *me(void) { return getpwuid(getuid()); }

NATIVE(os_homedir)
{
    UNUSED_ARGS;
    const char *home = getenv("HOME");
    const struct passwd *pw;
    if (!home || !*home)
        home = (pw = me()) ? pw->pw_dir : "/";
    return js_string_cstr(home);
}

NATIVE(os_hostname)
{
    UNUSED_ARGS;
    char name[256] = "";
    gethostname(name, sizeof name - 1);
    return js_string_cstr(name);
}

NATIVE(os_user_info)
{
    UNUSED_ARGS;
    const struct passwd *pw = me();
    gh_value *u = js_root(js_object_new_shape(js_shape_root(JSV_NULL, JC_OBJECT, 5)));
    js_put_num(u, "uid", (double)getuid());
    js_put_num(u, "gid", (double)getgid());
    js_put_str(u, "username", pw ? pw->pw_name : "");
    js_put_str(u, "homedir", pw ? pw->pw_dir : "");
    js_put_str(u, "shell", pw && pw->pw_shell ? pw->pw_shell : "");
    return *u;
}

/* uname's fields: sysname (type), release, version, machine. */
static gh_value uname_field(int which)
{
    struct utsname u;
    if (uname(&u) != 0)
        return js_string_cstr("");
    const char *f[] = {u.sysname, u.release, u.version, u.machine};
    return js_string_cstr(f[which]);
}

NATIVE(os_type) { UNUSED_ARGS; return uname_field(0); }
NATIVE(os_release) { UNUSED_ARGS; return uname_field(1); }
NATIVE(os_version) { UNUSED_ARGS; return uname_field(2); }
NATIVE(os_machine) { UNUSED_ARGS; return uname_field(3); }
NATIVE(os_platform) { UNUSED_ARGS; return js_string_cstr("linux"); }
NATIVE(os_arch) { UNUSED_ARGS; return js_string_cstr("x64"); }
NATIVE(os_endianness) { UNUSED_ARGS; return js_string_cstr("LE"); }

/* A function as an enumerable property, as node's os module has them. */
static void put_fn(gh_value *o, const char *name, js_native_fn fn)
{
    gh_value *f = js_root(js_make_native(o, name, fn, 0));
    js_define(o, js_atom_cstr(name), f, PF_DEFAULT);
}

gh_value js_os_module(void)
{
    gh_value *o = js_root(js_object_new());
    put_fn(o, "arch", os_arch);
    put_fn(o, "availableParallelism", os_available_parallelism);
    put_fn(o, "cpus", os_cpus);
    put_fn(o, "endianness", os_endianness);
    put_fn(o, "freemem", os_freemem);
    put_fn(o, "homedir", os_homedir);
    put_fn(o, "hostname", os_hostname);
    put_fn(o, "loadavg", os_loadavg);
    put_fn(o, "platform", os_platform);
    put_fn(o, "release", os_release);
    put_fn(o, "tmpdir", os_tmpdir);
    put_fn(o, "totalmem", os_totalmem);
    put_fn(o, "type", os_type);
    put_fn(o, "userInfo", os_user_info);
    put_fn(o, "uptime", os_uptime);
    put_fn(o, "version", os_version);
    put_fn(o, "machine", os_machine);
    js_put_str(o, "EOL", "\n");
    js_put_str(o, "devNull", "/dev/null");
    return *o;
}
