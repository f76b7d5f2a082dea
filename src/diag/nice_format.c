/*
 * nice_format.c -- numbers as memwatch and JavaScript write them.
 *
 * memwatch's niceSize and niceDelta (src/util.cc) print through a C++
 * stream, whose default float format is printf's %g: "78.13 kb",
 * "312.5 kb", "0 bytes".  Stats and leak events print like console.log,
 * so their numbers follow JavaScript's Number.prototype.toString and dates
 * Date.prototype.toISOString.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag_internal.h"

const char *gh_diag_nice_size(int64_t bytes, char *buf, size_t size)
{
    /* llabs of INT64_MIN overflows: compare in double instead */
    double b = (double)bytes, mag = fabs(b);
    if (mag > 1024.0 * 1024.0)
        snprintf(buf, size, "%g mb", round(b / (1024.0 * 1024.0 / 100)) / 100);
    else if (mag > 1024.0)
        snprintf(buf, size, "%g kb", round(b / (1024.0 / 100)) / 100);
    else
        snprintf(buf, size, "%lld bytes", (long long)bytes);
    return buf;
}

const char *gh_diag_nice_delta(int64_t seconds, char *buf, size_t size)
{
    /* as memwatch: hours only past one hour, minutes only past one minute
     * (so 3600 s is "60m 0s") */
    char h[32] = "", m[32] = "";
    if (seconds > 60 * 60) {
        snprintf(h, sizeof h, "%lldh ", (long long)(seconds / (60 * 60)));
        seconds %= 60 * 60;
    }
    if (seconds > 60) {
        snprintf(m, sizeof m, "%lldm ", (long long)(seconds / 60));
        seconds %= 60;
    }
    snprintf(buf, size, "%s%s%llds", h, m, (long long)seconds);
    return buf;
}

void gh_diag_js_number(double x, char *buf, size_t size)
{
    if (isnan(x)) {
        snprintf(buf, size, "NaN");
        return;
    }
    if (isinf(x)) {
        snprintf(buf, size, "%sInfinity", x < 0 ? "-" : "");
        return;
    }
    if (x == 0) {
        snprintf(buf, size, "0"); /* -0 too, as String(-0) */
        return;
    }
    /* the shortest digits that read back as x */
    char e[40];
    for (int p = 1; p <= 17; p++) {
        snprintf(e, sizeof e, "%.*e", p - 1, fabs(x));
        if (strtod(e, NULL) == fabs(x))
            break;
    }
    char digits[20];
    size_t k = 0;
    char *q = e;
    for (; *q && *q != 'e'; q++)
        if (*q >= '0' && *q <= '9')
            digits[k++] = *q;
    while (k > 1 && digits[k - 1] == '0')
        k--;
    digits[k] = '\0';
    int n = atoi(q + 1) + 1; /* the decimal point sits after n digits */
    char out[64];
    size_t len = 0;
    if (x < 0)
        out[len++] = '-';
    if ((int)k <= n && n <= 21) {
        memcpy(out + len, digits, k);
        len += k;
        for (int i = (int)k; i < n; i++)
            out[len++] = '0';
    } else if (0 < n && n <= 21) {
        memcpy(out + len, digits, (size_t)n);
        len += (size_t)n;
        out[len++] = '.';
        memcpy(out + len, digits + n, k - (size_t)n);
        len += k - (size_t)n;
    } else if (-6 < n && n <= 0) {
        out[len++] = '0';
        out[len++] = '.';
        for (int i = n; i < 0; i++)
            out[len++] = '0';
        memcpy(out + len, digits, k);
        len += k;
    } else {
        out[len++] = digits[0];
        if (k > 1) {
            out[len++] = '.';
            memcpy(out + len, digits + 1, k - 1);
            len += k - 1;
        }
        len += (size_t)snprintf(out + len, sizeof out - len, "e%c%d", n - 1 < 0 ? '-' : '+',
                                abs(n - 1));
    }
    out[len] = '\0';
    snprintf(buf, size, "%s", out);
}

void gh_diag_iso_date(double ms, char *buf, size_t size)
{
    /* JavaScript's TimeClip: past 8.64e15 ms either way (or NaN) a Date
     * is invalid; otherwise its value is the integer part */
    if (!(fabs(ms) <= 8.64e15)) {
        snprintf(buf, size, "Invalid Date");
        return;
    }
    ms = trunc(ms);
    double secs = floor(ms / 1000);
    time_t t = (time_t)secs;
    struct tm tm;
    if (!gmtime_r(&t, &tm)) {
        snprintf(buf, size, "Invalid Date");
        return;
    }
    /* years outside 0000-9999 as toISOString writes them: +275760, -000001 */
    int year = tm.tm_year + 1900;
    char y[16];
    if (year >= 0 && year <= 9999)
        snprintf(y, sizeof y, "%04d", year);
    else
        snprintf(y, sizeof y, "%c%06d", year < 0 ? '-' : '+', abs(year));
    snprintf(buf, size, "%s-%02d-%02dT%02d:%02d:%02d.%03dZ", y, tm.tm_mon + 1, tm.tm_mday,
             tm.tm_hour, tm.tm_min, tm.tm_sec, (int)(ms - secs * 1000));
}
