/* numconv.c - numbers to strings and back, with JavaScript's rules:
 * Number.prototype.toString (the shortest digits that round-trip, placed by
 * the exponent rules of ECMA-262 Number::toString), toFixed (ties away
 * from zero, as the spec's "larger n"), radix conversion, and the
 * StringToNumber grammar. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "value.h"

/* The shortest decimal digits of d (> 0, finite) that read back as d:
 * digits in `digits` (no dot), returns the count k; *exp10 is n, the
 * position of the decimal point (value = 0.digits x 10^n). */
static int shortest_digits(double d, char *digits, int *exp10)
{
    char buf[40];
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, sizeof buf, "%.*e", p - 1, d);
        if (p < 17 && strtod(buf, NULL) != d)
            continue;
        int k = 0;
        char *s = buf;
        for (; *s && *s != 'e'; s++)
            if (isdigit((unsigned char)*s))
                digits[k++] = *s;
        int e = atoi(s + 1);
        while (k > 1 && digits[k - 1] == '0')
            k--;
        digits[k] = 0;
        *exp10 = e + 1;
        return k;
    }
    return 0;
}

/* Decimal digits of an integer (snprintf is slow for this). */
size_t js_format_int(int64_t v, char *out, size_t cap)
{
    char tmp[24];
    size_t n = 0;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    size_t len = n + (v < 0);
    if (len + 1 > cap)
        return 0;
    char *o = out;
    if (v < 0)
        *o++ = '-';
    while (n)
        *o++ = tmp[--n];
    *o = 0;
    return len;
}

void js_number_format(double d, char *out, size_t cap)
{
    if (d != d) {
        snprintf(out, cap, "NaN");
        return;
    }
    if (d == 0) {
        snprintf(out, cap, "0");
        return;
    }
    if (isinf(d)) {
        snprintf(out, cap, d < 0 ? "-Infinity" : "Infinity");
        return;
    }
    if (d == floor(d) && fabs(d) < 1e15) {
        js_format_int((int64_t)d, out, cap);
        return;
    }
    char digits[32];
    int n;
    char *o = out;
    if (d < 0) {
        *o++ = '-';
        d = -d;
    }
    int k = shortest_digits(d, digits, &n);
    char tmp[64];
    char *t = tmp;
    if (k <= n && n <= 21) {
        memcpy(t, digits, (size_t)k), t += k;
        for (int i = 0; i < n - k; i++)
            *t++ = '0';
    } else if (0 < n && n <= 21) {
        memcpy(t, digits, (size_t)n), t += n;
        *t++ = '.';
        memcpy(t, digits + n, (size_t)(k - n)), t += k - n;
    } else if (-6 < n && n <= 0) {
        *t++ = '0', *t++ = '.';
        for (int i = 0; i < -n; i++)
            *t++ = '0';
        memcpy(t, digits, (size_t)k), t += k;
    } else {
        *t++ = digits[0];
        if (k > 1) {
            *t++ = '.';
            memcpy(t, digits + 1, (size_t)(k - 1)), t += k - 1;
        }
        t += sprintf(t, "e%c%d", n - 1 < 0 ? '-' : '+', abs(n - 1));
    }
    *t = 0;
    snprintf(o, cap - (size_t)(o - out), "%s", tmp);
}

/* d (finite, >= 0) as ICU formats a number for en-US, the locale node runs
 * in here: its shortest round-trip digits (as ICU takes them, not the
 * double's exact binary value: 1.0005 shows as 1.001) rounded half away
 * from zero to max_frac decimals, trailing zeros dropped down to min_frac,
 * the integer digits grouped by three with commas when grouping. */
void js_number_to_locale(double d, int min_frac, int max_frac, bool grouping, js_sbuf *out)
{
    char digits[40];
    int n = 1, k = 1;
    if (d > 0)
        k = shortest_digits(d, digits, &n);
    else
        digits[0] = '0';
    /* the decimal as integer digits and fraction digits */
    int nint = n > 0 ? n : 0, nfrac = k - n > 0 ? k - n : 0;
    char *num = malloc((size_t)nint + (size_t)(nfrac > max_frac ? nfrac : max_frac) + 3);
    if (!num)
        abort();
    char *p = num + 1; /* num[0]: room for a carry */
    for (int i = 0; i < nint; i++)
        *p++ = i < k ? digits[i] : '0';
    if (!nint)
        *p++ = '0', nint = 1;
    char *frac = p;
    for (int i = 0; i < nfrac; i++) {
        int at = n + i; /* index into digits; negative: a leading zero */
        *p++ = at >= 0 && at < k ? digits[at] : '0';
    }
    /* round to max_frac decimals, half away from zero */
    bool up = nfrac > max_frac && frac[max_frac] >= '5';
    if (nfrac > max_frac)
        nfrac = max_frac;
    num[0] = '0';
    for (char *c = frac + nfrac - 1; up && c >= num; c--) {
        if (*c == '9') {
            *c = '0';
        } else {
            (*c)++;
            up = false;
        }
    }
    char *start = num[0] != '0' ? num : num + 1;
    int int_len = (int)(frac - start);
    while (nfrac > min_frac && frac[nfrac - 1] == '0')
        nfrac--;
    for (int i = 0; i < int_len; i++) {
        if (grouping && i > 0 && (int_len - i) % 3 == 0)
            sb_putc(out, ',');
        sb_putc(out, start[i]);
    }
    if (nfrac > 0 || min_frac > 0) {
        sb_putc(out, '.');
        for (int i = 0; i < (nfrac > min_frac ? nfrac : min_frac); i++)
            sb_putc(out, i < nfrac ? frac[i] : '0');
    }
    free(num);
}

gh_value js_number_to_string(double d)
{
    char buf[64];
    js_number_format(d, buf, sizeof buf);
    return js_string_cstr(buf);
}

void js_number_to_fixed(double x, int f, js_sbuf *out)
{
    if (x != x) {
        sb_puts(out, "NaN");
        return;
    }
    if (fabs(x) >= 1e21) {
        char buf[64];
        js_number_format(x, buf, sizeof buf);
        sb_puts(out, buf);
        return;
    }
    bool neg = x < 0;
    x = fabs(x); /* -0 too: printf would write "-0.00", JS writes "0.00" */
    char buf[512];
    snprintf(buf, sizeof buf, "%.*f", f + 30, x);
    /* exact tie at digit f+1: round away from zero (printf rounds to even) */
    char *dot = strchr(buf, '.');
    bool tie = dot && dot[f + 1] == '5';
    for (int i = f + 2; tie && dot[i]; i++)
        if (dot[i] != '0')
            tie = false;
    char res[512];
    if (tie)
        snprintf(res, sizeof res, "%.*f", f, x + pow(10, -f) / 4);
    else
        snprintf(res, sizeof res, "%.*f", f, x);
    bool allzero = true;
    for (char *p = res; *p; p++)
        if (*p >= '1' && *p <= '9')
            allzero = false;
    if (neg && !allzero)
        sb_putc(out, '-');
    else if (neg && allzero)
        sb_putc(out, '-'); /* (-0.0001).toFixed(2) is "-0.00" in JS */
    sb_puts(out, res);
}

void js_number_to_radix(double d, int radix, js_sbuf *out)
{
    if (radix == 10 || d != d || isinf(d)) {
        char buf[64];
        js_number_format(d, buf, sizeof buf);
        sb_puts(out, buf);
        return;
    }
    static const char dig[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    bool neg = d < 0;
    if (neg)
        d = -d;
    double ip = floor(d), fp = d - ip;
    char buf[1100];
    int n = 0;
    /* Digits below the double's precision print as zeros, as V8 prints
     * them: divide them off while the quotient is 2^53 or more. */
    while (ip / radix >= 9007199254740992.0 && n < 1080) {
        ip /= radix;
        buf[n++] = '0';
    }
    do { /* fmod is exact: the digit is in [0, radix) */
        double r = fmod(ip, radix);
        buf[n++] = dig[(int)r];
        ip = (ip - r) / radix;
    } while (ip >= 1 && n < 1080);
    if (neg)
        sb_putc(out, '-');
    while (n)
        sb_putc(out, buf[--n]);
    if (fp > 0) {
        sb_putc(out, '.');
        for (int i = 0; i < 52 && fp > 0; i++) {
            fp *= radix;
            int di = (int)fp;
            sb_putc(out, dig[di]);
            fp -= di;
        }
    }
}

/* A trimmed, NUL-terminated numeric string of n bytes: Number()'s grammar. */
static double parse_trimmed(const char *buf, size_t n)
{
    if (n > 2 && buf[0] == '0' && strchr("xXoObB", buf[1])) {
        int radix = (buf[1] | 32) == 'x' ? 16 : (buf[1] | 32) == 'o' ? 8 : 2;
        double v = 0;
        for (size_t i = 2; i < n; i++) {
            int c = tolower((unsigned char)buf[i]);
            int dv = isdigit(c) ? c - '0' : (c >= 'a' && c <= 'z') ? c - 'a' + 10 : 99;
            if (dv >= radix)
                return NAN;
            v = v * radix + dv;
        }
        return v;
    }
    const char *p = buf;
    bool neg = false;
    if (*p == '+' || *p == '-')
        neg = *p++ == '-';
    if (strcmp(p, "Infinity") == 0)
        return neg ? -INFINITY : INFINITY;
    /* validate the decimal grammar: strtod alone also accepts inf, nan, hex */
    const char *q = p;
    int digits = 0;
    while (isdigit((unsigned char)*q))
        q++, digits++;
    if (*q == '.') {
        q++;
        while (isdigit((unsigned char)*q))
            q++, digits++;
    }
    if (!digits)
        return NAN;
    if (*q == 'e' || *q == 'E') {
        q++;
        if (*q == '+' || *q == '-')
            q++;
        if (!isdigit((unsigned char)*q))
            return NAN;
        while (isdigit((unsigned char)*q))
            q++;
    }
    if (*q)
        return NAN;
    double v = strtod(p, NULL);
    return neg ? -v : v;
}

double js_string_to_number(const char *s, size_t len)
{
    size_t a = 0, b = len, k;
    while (a < b && (k = js_space_at(s + a, b - a)))
        a += k;
    while (b > a && (k = js_space_before(s + a, b - a)))
        b -= k;
    if (a == b)
        return 0;
    /* long digit strings are numbers too (Number("1".repeat(400)) is
     * 1.11e399 = Infinity): the copy goes to the C heap past 400 bytes */
    char stack[400];
    size_t n = b - a;
    char *buf = n < sizeof stack ? stack : malloc(n + 1);
    if (!buf)
        return NAN;
    memcpy(buf, s + a, n);
    buf[n] = 0;
    double v = parse_trimmed(buf, n);
    if (buf != stack)
        free(buf);
    return v;
}
