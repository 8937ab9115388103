// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading log lines back: the text format and JSON Lines of
 * Documentation/log-format.md into struct sclog_event / struct sclog_lost.
 *
 * Lines are untrusted: every value is checked for syntax and range, and a
 * line that is not exactly one of the documented forms is reported with a
 * message saying what is wrong and where.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "event.h"
#include "record.h"
#include "util.h"

/* Length of "2026-11-24T12:36:04.123456789Z". */
#define TIME_LEN 30

void sclog_event_clear(struct sclog_event *ev)
{
	size_t i;

	for (i = 0; i < ev->npaths && i < SCLOG_EVENT_MAX_PATHS; i++) {
		free(ev->paths[i]);
		ev->paths[i] = NULL;
	}
	ev->npaths = 0;
	free(ev->argv);
	ev->argv = NULL;
	ev->argv_len = 0;
	ev->argc = 0;
}

/* ------------------------------------------------------------------------ */
/* Paths and argv */

/* Add a malloc'd path (taken over, also on failure); false if full. */
static bool add_path(struct sclog_event *ev, char *path)
{
	if (ev->npaths >= SCLOG_EVENT_MAX_PATHS) {
		free(path);
		return false;
	}
	ev->paths[ev->npaths++] = path;
	return true;
}

/* cwd "/" name (one '/' after a cwd of "/"), malloc'd, or NULL. */
static char *join_cwd(const char *cwd, const char *name)
{
	size_t c = strlen(cwd), n = strlen(name);
	bool slash = !c || cwd[c - 1] != '/';
	char *p = malloc(c + slash + n + 1);

	if (!p)
		return NULL;
	memcpy(p, cwd, c);
	if (slash)
		p[c] = '/';
	memcpy(p + c + slash, name, n + 1);
	return p;
}

/*
 * The names that had no resolved path, marked in rel (bit i: ev->paths[i]
 * is a relative name): joined to cwd, or dropped when there is no cwd.
 * Returns false if out of memory.
 */
static bool resolve_relative(struct sclog_event *ev, unsigned int rel,
			     const char *cwd)
{
	size_t i, k = 0;
	bool ok = true;

	for (i = 0; i < ev->npaths; i++) {
		char *p = ev->paths[i];

		if (rel & (1u << i)) {
			char *j = cwd && ok ? join_cwd(cwd, p) : NULL;

			if (cwd && !j)
				ok = false;
			free(p);
			p = j;
		}
		if (p)
			ev->paths[k++] = p;
	}
	for (i = k; i < ev->npaths; i++)
		ev->paths[i] = NULL;
	ev->npaths = k;
	return ok;
}

/* Append n bytes and a NUL to ev->argv as its next string. */
static bool add_arg(struct sclog_event *ev, const void *s, size_t n)
{
	char *p = realloc(ev->argv, ev->argv_len + n + 1);

	if (!p)
		return false;
	memcpy(p + ev->argv_len, s, n);
	p[ev->argv_len + n] = '\0';
	ev->argv = p;
	ev->argv_len += n + 1;
	ev->argc++;
	return true;
}

/* ------------------------------------------------------------------------ */
/* Numbers and times */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Decimal digits only, no sign, no leading zeros (except "0"), <= max. */
static bool parse_u64(const char *s, size_t n, uint64_t max, uint64_t *out)
{
	if (n > 1 && s[0] == '0')
		return false;
	return sclog_parse_u64(s, n, max, out) == 0;
}

/* Optional '-', then as parse_u64; "-0" is refused. */
static bool parse_s64(const char *s, size_t n, int64_t *out)
{
	uint64_t v;

	if (n > 0 && s[0] == '-') {
		if (!parse_u64(s + 1, n - 1, (uint64_t)INT64_MAX + 1, &v) || !v)
			return false;
		*out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
		return true;
	}
	if (!parse_u64(s, n, INT64_MAX, &v))
		return false;
	*out = (int64_t)v;
	return true;
}

int64_t sclog_days_from_civil(int64_t y, unsigned int m, unsigned int d)
{
	int64_t era;
	unsigned int yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned int)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static unsigned int days_in_month(unsigned int y, unsigned int m)
{
	static const unsigned char dim[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dim[m - 1];
}

static bool digits(const char *s, size_t n, unsigned int *out)
{
	unsigned int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!is_digit(s[i]))
			return false;
		v = v * 10 + (unsigned int)(s[i] - '0');
	}
	*out = v;
	return true;
}

/* "YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ", at least 1970. */
static bool parse_time(const char *s, size_t n, uint64_t *ns)
{
	unsigned int y, mo, d, h, mi, sec, frac;
	int64_t days;

	if (n != TIME_LEN || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
	    s[13] != ':' || s[16] != ':' || s[19] != '.' || s[29] != 'Z')
		return false;
	if (!digits(s, 4, &y) || !digits(s + 5, 2, &mo) ||
	    !digits(s + 8, 2, &d) || !digits(s + 11, 2, &h) ||
	    !digits(s + 14, 2, &mi) || !digits(s + 17, 2, &sec) ||
	    !digits(s + 20, 9, &frac))
		return false;
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 ||
	    d > days_in_month(y, mo) || h > 23 || mi > 59 || sec > 59)
		return false;
	days = sclog_days_from_civil(y, mo, d);
	/* 9999-12-31 is about 2.5e20 ns: beyond 2^64 after ~2554. */
	if ((uint64_t)days > (UINT64_MAX / 1000000000u - 86400) / 86400)
		return false;
	*ns = ((uint64_t)days * 86400 + h * 3600u + mi * 60u + sec) *
	      1000000000u + frac;
	return true;
}

/* ------------------------------------------------------------------------ */
/* Text format */

/*
 * Unescape a quoted text value starting at *p (at the opening quote) into
 * out (at most cap bytes, or a malloc'd string if cap is 0 and dyn is set).
 * Returns a message on error, NULL on success; *p is left after the quote.
 */
static const char *unescape_text(const char **p, const char *end,
				 unsigned char *out, size_t cap, size_t *outlen,
				 char **dyn)
{
	const char *s = *p;
	unsigned char *buf = out;
	size_t len = 0, bufcap = cap;

	if (s >= end || *s != '"')
		return "expected a quoted string";
	s++;
	if (dyn) {
		bufcap = (size_t)(end - s) + 1;
		buf = malloc(bufcap);
		if (!buf)
			return "out of memory";
	}
	for (;;) {
		unsigned char c;

		if (s >= end) {
			if (dyn)
				free(buf);
			return "unterminated quoted string";
		}
		c = (unsigned char)*s++;
		if (c == '"')
			break;
		if (c < 0x20 || c > 0x7e) {
			if (dyn)
				free(buf);
			return "byte outside 0x20-0x7e in a quoted string";
		}
		if (c == '\\') {
			if (s >= end) {
				if (dyn)
					free(buf);
				return "unterminated quoted string";
			}
			switch (*s++) {
			case '"': c = '"'; break;
			case '\\': c = '\\'; break;
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'x': {
				unsigned int v = 0, i;

				for (i = 0; i < 2; i++, s++) {
					char h = s < end ? *s : 0;

					if (is_digit(h))
						v = v * 16 + (unsigned int)(h - '0');
					else if (h >= 'a' && h <= 'f')
						v = v * 16 + (unsigned int)(h - 'a' + 10);
					else {
						if (dyn)
							free(buf);
						return "\\x not followed by two lower-case hex digits";
					}
				}
				c = (unsigned char)v;
				break;
			}
			default:
				if (dyn)
					free(buf);
				return "unknown escape sequence in a quoted string";
			}
		}
		if (len >= bufcap) {
			if (dyn)
				free(buf);
			return "string too long";
		}
		buf[len++] = c;
	}
	if (dyn) {
		buf[len] = '\0';
		*dyn = (char *)buf;
	}
	*outlen = len;
	*p = s;
	return NULL;
}

/* The fields of a text record, in their documented order. */
enum tfield {
	TF_CPU, TF_SEQ, TF_PID, TF_TID, TF_PPID, TF_COMM,
	TF_UID, TF_EUID, TF_SUID, TF_FSUID, TF_GID, TF_EGID, TF_SGID, TF_FSGID,
	TF_AUID, TF_SES, TF_DUR, TF_ARCH, TF_NR, TF_COUNT
};

static const char *const tfield_names[TF_COUNT] = {
	"cpu", "seq", "pid", "tid", "ppid", "comm",
	"uid", "euid", "suid", "fsuid", "gid", "egid", "sgid", "fsgid",
	"auid", "ses", "dur", "arch", "nr",
};

static uint32_t *tfield_u32(struct sclog_event *ev, enum tfield f)
{
	switch (f) {
	case TF_CPU: return &ev->cpu;
	case TF_PID: return &ev->pid;
	case TF_TID: return &ev->tid;
	case TF_PPID: return &ev->ppid;
	case TF_UID: return &ev->uid;
	case TF_EUID: return &ev->euid;
	case TF_SUID: return &ev->suid;
	case TF_FSUID: return &ev->fsuid;
	case TF_GID: return &ev->gid;
	case TF_EGID: return &ev->egid;
	case TF_SGID: return &ev->sgid;
	case TF_FSGID: return &ev->fsgid;
	case TF_AUID: return &ev->auid;
	case TF_SES: return &ev->ses;
	default: return NULL;
	}
}

static bool valid_ident(const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return false;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!(c == '_' || is_digit(c) || (c >= 'a' && c <= 'z') ||
		      (c >= 'A' && c <= 'Z')))
			return false;
	}
	return true;
}

/*
 * Check a syscall name against the record's number: "syscall_NNN" must carry
 * nr.  Other names are accepted as logged (the writer's tables may know more
 * calls than ours).
 */
static const char *check_syscall_name(const char *name, size_t n, long nr)
{
	int64_t v;

	if (n >= sizeof(((struct sclog_event *)0)->syscall))
		return "system call name too long";
	/* The writer gives a negative nr as syscall_-N. */
	if (n > 8 && !memcmp(name, "syscall_", 8) &&
	    (is_digit(name[8]) || name[8] == '-')) {
		if (!parse_s64(name + 8, n - 8, &v) ||
		    v < INT32_MIN || v > INT32_MAX ||
		    ((long)v != nr &&
		     (long)v != (nr & ~SCLOG_X32_SYSCALL_BIT)))
			return "syscall_NNN name does not match nr";
		return NULL;
	}
	if (!valid_ident(name, n))
		return "system call name is not an identifier";
	return NULL;
}

/* "call=NAME(ARGS) = RET" from p to end. */
static enum sclog_line_kind parse_call(const char *p, const char *end,
				       struct sclog_event *ev, char *err,
				       size_t errlen)
{
	const char *lp, *rp = NULL, *q, *ret;
	const char *msg;

	for (lp = p; lp < end && *lp != '('; lp++)
		;
	if (lp >= end) {
		sclog_seterr(err, errlen, "call=: no '(' after the system call name");
		return SCLOG_LINE_BAD;
	}
	msg = check_syscall_name(p, (size_t)(lp - p), ev->nr);
	if (msg) {
		sclog_seterr(err, errlen, "call=: %s", msg);
		return SCLOG_LINE_BAD;
	}
	memcpy(ev->syscall, p, (size_t)(lp - p));
	ev->syscall[lp - p] = '\0';
	/* The last ") = " ends the arguments. */
	for (q = lp; q + 4 <= end; q++)
		if (!memcmp(q, ") = ", 4))
			rp = q;
	if (!rp) {
		sclog_seterr(err, errlen, "call=: no ') = ' after the arguments");
		return SCLOG_LINE_BAD;
	}
	for (q = lp + 1; q < rp; q++) {
		if ((unsigned char)*q < 0x20 || (unsigned char)*q > 0x7e) {
			sclog_seterr(err, errlen, "call=: byte 0x%02x in the arguments",
			       (unsigned char)*q);
			return SCLOG_LINE_BAD;
		}
	}
	ret = rp + 4;
	if (end - ret == 1 && *ret == '?') {
		ev->has_ret = false;
		ev->ret = 0;
		return SCLOG_LINE_RECORD;
	}
	for (q = ret; q < end && *q != ' '; q++)
		;
	if (!parse_s64(ret, (size_t)(q - ret), &ev->ret)) {
		sclog_seterr(err, errlen, "call=: return value '%.*s' is not '?' or a decimal number",
		       (int)(q - ret > 40 ? 40 : q - ret), ret);
		return SCLOG_LINE_BAD;
	}
	ev->has_ret = true;
	if (q < end) {
		const char *e = q + 1;
		size_t i;

		if (ev->ret >= 0) {
			sclog_seterr(err, errlen, "call=: text after a non-negative return value");
			return SCLOG_LINE_BAD;
		}
		for (i = 0; e + i < end; i++)
			if (!(e[i] == '_' || is_digit(e[i]) ||
			      (e[i] >= 'A' && e[i] <= 'Z')))
				break;
		if (i == 0 || e + i != end) {
			sclog_seterr(err, errlen, "call=: bad errno name after the return value");
			return SCLOG_LINE_BAD;
		}
	}
	return SCLOG_LINE_RECORD;
}

/* "sclogd: lost N records on CPU C (seq A-B)" */
static enum sclog_line_kind parse_lost_text(const char *p, const char *end,
					    struct sclog_lost *lost, char *err,
					    size_t errlen)
{
	uint64_t count, cpu, a, b;
	const char *q;

#define EXPECT(str)							\
	do {								\
		size_t l_ = strlen(str);				\
		if ((size_t)(end - p) < l_ || memcmp(p, str, l_)) {	\
			sclog_seterr(err, errlen, "lost line: expected '%s'", str); \
			return SCLOG_LINE_BAD;				\
		}							\
		p += l_;						\
	} while (0)
#define NUMBER(var, max, what)						\
	do {								\
		for (q = p; q < end && is_digit(*q); q++)		\
			;						\
		if (!parse_u64(p, (size_t)(q - p), (max), &(var))) {	\
			sclog_seterr(err, errlen, "lost line: bad %s", what);	\
			return SCLOG_LINE_BAD;				\
		}							\
		p = q;							\
	} while (0)

	EXPECT("lost ");
	NUMBER(count, UINT64_MAX, "record count");
	EXPECT(" records on CPU ");
	NUMBER(cpu, UINT32_MAX, "CPU number");
	EXPECT(" (seq ");
	NUMBER(a, UINT64_MAX, "first sequence number");
	EXPECT("-");
	NUMBER(b, UINT64_MAX, "last sequence number");
	EXPECT(")");
#undef EXPECT
#undef NUMBER
	if (p != end) {
		sclog_seterr(err, errlen, "lost line: text after ')'");
		return SCLOG_LINE_BAD;
	}
	if (count == 0) {
		sclog_seterr(err, errlen, "lost line: record count is 0");
		return SCLOG_LINE_BAD;
	}
	if (b < a || b - a != count - 1) {
		sclog_seterr(err, errlen, "lost line: count %" PRIu64
		       " does not match seq %" PRIu64 "-%" PRIu64, count, a, b);
		return SCLOG_LINE_BAD;
	}
	lost->cpu = (uint32_t)cpu;
	lost->count = count;
	return SCLOG_LINE_LOST;
}

/* Keys of the variable fields the text reader uses (log-format.md). */
enum xkey {
	XK_NONE, XK_CWD, XK_NAME, XK_PATH, XK_FD_PATH, XK_ARGV, XK_RULE,
	XK_ACTION,	/* the only one with a bare value */
};

/* The xkey of key k (n bytes); for argvN, N in *argn. */
static enum xkey xkey_of(const char *k, size_t n, uint64_t *argn)
{
	if (n == 3 && !memcmp(k, "cwd", 3))
		return XK_CWD;
	if (n == 4 && !memcmp(k, "name", 4))
		return XK_NAME;
	if (n == 4 && !memcmp(k, "path", 4))
		return XK_PATH;
	if (n == 7 && !memcmp(k, "fd_path", 7))
		return XK_FD_PATH;
	if (n == 4 && !memcmp(k, "rule", 4))
		return XK_RULE;
	if (n == 6 && !memcmp(k, "action", 6))
		return XK_ACTION;
	if (n > 4 && !memcmp(k, "argv", 4) &&
	    parse_u64(k + 4, n - 4, UINT64_MAX, argn))
		return XK_ARGV;
	return XK_NONE;
}

/*
 * Take the n bytes at s as the event's rule name: NULL, or what is wrong
 * (a second rule, not 1..SCLOG_RULE_NAME_MAX bytes of 0x21-0x7e).
 */
static const char *rule_name_error(struct sclog_event *ev, const char *s,
				   size_t n)
{
	size_t i;

	if (ev->rule[0])
		return "more than one rule";
	if (n == 0 || n > SCLOG_RULE_NAME_MAX)
		return "a rule name has 1 to 64 bytes";
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x21 || (unsigned char)s[i] > 0x7e)
			return "a rule name is printable ASCII without spaces";
	memcpy(ev->rule, s, n);
	ev->rule[n] = '\0';
	return NULL;
}

/* What the text reader keeps between the keys of one line. */
struct text_paths {
	char *cwd;		/* cwd=, malloc'd */
	bool after_name;	/* the previous key was name= */
	int name_slot;		/* ev->paths index of that name, -1: none */
	unsigned int rel;	/* bit i: ev->paths[i] is a relative name */
	bool action;		/* action= was seen */
};

/*
 * Take the unescaped value val (n bytes, malloc'd; taken over) of a key of
 * kind xk.  Returns 0, or -1 with a message in err.
 */
static int text_value(struct sclog_event *ev, struct text_paths *tp,
		      enum xkey xk, uint64_t argn, char *val, size_t n,
		      char *err, size_t errlen)
{
	bool ok;

	switch (xk) {
	case XK_NONE:
	case XK_ACTION:
		free(val);
		return 0;
	case XK_RULE: {
		const char *msg = rule_name_error(ev, val, n);

		free(val);
		if (msg) {
			sclog_seterr(err, errlen, "rule=: %s", msg);
			return -1;
		}
		return 0;
	}
	case XK_CWD:
		if (tp->cwd) {
			free(val);
			sclog_seterr(err, errlen, "duplicate field cwd=");
			return -1;
		}
		tp->cwd = val;
		return 0;
	case XK_NAME:
		tp->name_slot = -1;
		if (!*val) {
			/* an empty name (AT_EMPTY_PATH) names no path */
			free(val);
			return 0;
		}
		if (val[0] != '/' && ev->npaths < SCLOG_EVENT_MAX_PATHS)
			tp->rel |= 1u << ev->npaths;
		if (!add_path(ev, val))
			break;
		tp->name_slot = (int)ev->npaths - 1;
		return 0;
	case XK_PATH:
		if (tp->after_name && tp->name_slot >= 0) {
			/* the name resolved: its path replaces it */
			free(ev->paths[tp->name_slot]);
			ev->paths[tp->name_slot] = val;
			tp->rel &= ~(1u << tp->name_slot);
			return 0;
		}
		if (!add_path(ev, val))
			break;
		return 0;
	case XK_FD_PATH:
		if (!add_path(ev, val))
			break;
		return 0;
	case XK_ARGV:
		if (argn != ev->argc) {
			free(val);
			sclog_seterr(err, errlen, "argv%" PRIu64 "=: expected argv%zu=",
				     argn, ev->argc);
			return -1;
		}
		ok = add_arg(ev, val, n);
		free(val);
		if (!ok) {
			sclog_seterr(err, errlen, "out of memory");
			return -1;
		}
		return 0;
	}
	sclog_seterr(err, errlen, "more than %d paths (path=, fd_path=, name= without path=)",
		     SCLOG_EVENT_MAX_PATHS);
	return -1;
}

static enum sclog_line_kind parse_text(const char *line, size_t len,
				       struct sclog_event *ev,
				       struct sclog_lost *lost, char *err,
				       size_t errlen)
{
	const char *p = line, *end = line + len;
	struct text_paths tp = { NULL, false, -1, 0, false };
	unsigned int seen = 0;
	uint64_t t;

	if (len == 0) {
		sclog_seterr(err, errlen, "empty line");
		return SCLOG_LINE_BAD;
	}
	if (line[0] == '#')
		return SCLOG_LINE_META;
	if (len < TIME_LEN + 1 || !parse_time(line, TIME_LEN, &t) ||
	    line[TIME_LEN] != ' ') {
		sclog_seterr(err, errlen, "line does not start with a time (YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ) and a space");
		return SCLOG_LINE_BAD;
	}
	p += TIME_LEN + 1;
	if ((size_t)(end - p) >= 8 && !memcmp(p, "sclogd: ", 8)) {
		p += 8;
		if ((size_t)(end - p) >= 5 && !memcmp(p, "lost ", 5)) {
			memset(lost, 0, sizeof(*lost));
			lost->time = t;
			return parse_lost_text(p, end, lost, err, errlen);
		}
		return SCLOG_LINE_META;
	}
	/* A reader coming or going, or a record of another type: no call. */
	if (((size_t)(end - p) >= 7 && !memcmp(p, "reader=", 7)) ||
	    ((size_t)(end - p) >= 7 && !memcmp(p, "record=", 7)))
		return SCLOG_LINE_META;

	memset(ev, 0, sizeof(*ev));
	ev->time = t;
	for (;;) {
		const char *k = p, *eq, *v, *ve;
		enum tfield f;
		enum xkey xk;
		uint64_t num, argn = 0;

		if (p >= end) {
			sclog_seterr(err, errlen, "no call= field");
			goto bad;
		}
		for (eq = p; eq < end && *eq != '=' && *eq != ' '; eq++)
			;
		if (eq >= end || *eq != '=' || !valid_ident(k, (size_t)(eq - k))) {
			sclog_seterr(err, errlen, "expected key=value at column %zu",
			       (size_t)(p - line) + 1);
			goto bad;
		}
		v = eq + 1;
		if (eq - k == 4 && !memcmp(k, "call", 4)) {
			unsigned int i;

			for (i = 0; i < TF_COUNT; i++) {
				if (!(seen & (1u << i))) {
					sclog_seterr(err, errlen, "no %s= field before call=",
					       tfield_names[i]);
					goto bad;
				}
			}
			if (tp.action && !ev->rule[0]) {
				sclog_seterr(err, errlen, "action= without rule=");
				goto bad;
			}
			if (ev->rule[0] && !ev->action)
				ev->action = SCLOG_ACT_LOG;
			if (parse_call(v, end, ev, err, errlen) != SCLOG_LINE_RECORD)
				goto bad;
			if (!resolve_relative(ev, tp.rel, tp.cwd)) {
				sclog_seterr(err, errlen, "out of memory");
				goto bad;
			}
			free(tp.cwd);
			return SCLOG_LINE_RECORD;
		}
		for (f = 0; f < TF_COUNT; f++)
			if (strlen(tfield_names[f]) == (size_t)(eq - k) &&
			    !memcmp(tfield_names[f], k, (size_t)(eq - k)))
				break;
		if (f < TF_COUNT && (seen & (1u << f))) {
			sclog_seterr(err, errlen, "duplicate field %s=", tfield_names[f]);
			goto bad;
		}
		xk = f == TF_COUNT ? xkey_of(k, (size_t)(eq - k), &argn) : XK_NONE;
		if (f == TF_COMM) {
			const char *msg = unescape_text(&v, end, ev->comm,
							sizeof(ev->comm),
							&ev->comm_len, NULL);

			if (msg) {
				sclog_seterr(err, errlen, "comm=: %s", msg);
				goto bad;
			}
			ve = v;
		} else if ((xk != XK_NONE && xk != XK_ACTION) ||
			   (xk == XK_NONE && f == TF_COUNT && v < end &&
			    *v == '"')) {
			/* A quoted value of ours, or of an unknown field (skipped). */
			const char *msg;
			char *val = NULL;
			size_t n;

			msg = unescape_text(&v, end, NULL, 0, &n, &val);
			if (msg) {
				sclog_seterr(err, errlen, "%.*s=: %s", (int)(eq - k),
				       k, msg);
				goto bad;
			}
			if (text_value(ev, &tp, xk, argn, val, n, err, errlen))
				goto bad;
			ve = v;
		} else {
			for (ve = v; ve < end && *ve != ' '; ve++)
				;
			if (ve == v) {
				sclog_seterr(err, errlen, "%.*s=: empty value",
				       (int)(eq - k), k);
				goto bad;
			}
		}
		if (f == TF_AUID || f == TF_SES) {
			if (ve - v == 5 && !memcmp(v, "unset", 5)) {
				*tfield_u32(ev, f) = UINT32_MAX;
			} else if (parse_u64(v, (size_t)(ve - v), UINT32_MAX - 1, &num)) {
				*tfield_u32(ev, f) = (uint32_t)num;
			} else {
				sclog_seterr(err, errlen, "%s=: expected 'unset' or a decimal number below 4294967295",
				       tfield_names[f]);
				goto bad;
			}
		} else if (f == TF_SEQ || f == TF_DUR) {
			if (!parse_u64(v, (size_t)(ve - v), UINT64_MAX, &num)) {
				sclog_seterr(err, errlen, "%s=: expected a decimal number",
				       tfield_names[f]);
				goto bad;
			}
			if (f == TF_SEQ)
				ev->seq = num;
		} else if (f == TF_ARCH) {
			char abi[16];

			if ((size_t)(ve - v) >= sizeof(abi)) {
				sclog_seterr(err, errlen, "arch=: unknown ABI");
				goto bad;
			}
			memcpy(abi, v, (size_t)(ve - v));
			abi[ve - v] = '\0';
			if (sclog_abi_from_name(abi, &ev->abi) < 0) {
				sclog_seterr(err, errlen, "arch=: unknown ABI '%s'", abi);
				goto bad;
			}
		} else if (f == TF_NR) {
			int64_t nr;

			if (!parse_s64(v, (size_t)(ve - v), &nr) ||
			    nr < INT32_MIN || nr > INT32_MAX) {
				sclog_seterr(err, errlen, "nr=: expected a 32-bit decimal number");
				goto bad;
			}
			ev->nr = (long)nr;
		} else if (xk == XK_ACTION) {
			if (tp.action) {
				sclog_seterr(err, errlen, "duplicate field action=");
				goto bad;
			}
			tp.action = true;
			ev->action = sclog_action_from_name(v, (size_t)(ve - v));
			if (!ev->action) {
				sclog_seterr(err, errlen, "action=: expected log, fail, kill or suspend");
				goto bad;
			}
		} else if (f != TF_COMM && f != TF_COUNT) {
			if (!parse_u64(v, (size_t)(ve - v), UINT32_MAX, &num)) {
				sclog_seterr(err, errlen, "%s=: expected a decimal number below 2^32",
				       tfield_names[f]);
				goto bad;
			}
			*tfield_u32(ev, f) = (uint32_t)num;
		}
		if (f < TF_COUNT)
			seen |= 1u << f;
		tp.after_name = xk == XK_NAME;
		p = ve;
		if (p >= end) {
			sclog_seterr(err, errlen, "no call= field");
			goto bad;
		}
		if (*p != ' ' || p + 1 >= end || p[1] == ' ') {
			sclog_seterr(err, errlen, "expected a single space after %.*s= at column %zu",
			       (int)(eq - k), k, (size_t)(p - line) + 1);
			goto bad;
		}
		p++;
	}
bad:
	free(tp.cwd);
	sclog_event_clear(ev);
	return SCLOG_LINE_BAD;
}

/* ------------------------------------------------------------------------ */
/* JSON Lines */

/*
 * A JSON string as written by sclog_escape_json(): each code point <= U+00FF
 * is one byte of the original.  jansson gives UTF-8; map it back.
 */
static const char *json_bytes(const json_t *s, unsigned char *out, size_t cap,
			      size_t *outlen)
{
	const unsigned char *p = (const unsigned char *)json_string_value(s);
	size_t n = json_string_length(s), i, len = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = p[i];

		if (c >= 0x80) {
			/* U+0080..U+00FF: C2 or C3, then a continuation byte. */
			if ((c != 0xc2 && c != 0xc3) || i + 1 >= n ||
			    (p[i + 1] & 0xc0) != 0x80)
				return "character above U+00FF";
			c = (unsigned char)(((c & 0x03) << 6) | (p[i + 1] & 0x3f));
			i++;
		}
		if (len >= cap)
			return "string too long";
		out[len++] = c;
	}
	*outlen = len;
	return NULL;
}

static bool json_u64(const json_t *v, uint64_t max, uint64_t *out)
{
	json_int_t i;

	if (!json_is_integer(v))
		return false;
	i = json_integer_value(v);
	if (i < 0 || (uint64_t)i > max)
		return false;
	*out = (uint64_t)i;
	return true;
}

/* A JSON string of sclog_escape_json() as a malloc'd C string; NULL + *msg. */
static char *json_cstr(const json_t *s, const char **msg)
{
	size_t n;
	unsigned char *buf = malloc(json_string_length(s) + 1);

	if (!buf) {
		*msg = "out of memory";
		return NULL;
	}
	*msg = json_bytes(s, buf, json_string_length(s), &n);
	if (*msg) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	return (char *)buf;
}

#define JSON_FULL_MSG "more than %d paths in \"names\" and \"fds\""

/*
 * The optional string member key of the object at array[i]; NULL and 0 if
 * absent, -1 with a message if it is not a string of bytes.
 */
static int json_member(const json_t *obj, const char *array, size_t i,
		       const char *key, char **out, char *err, size_t errlen)
{
	const json_t *v = json_object_get(obj, key);
	const char *msg;

	*out = NULL;
	if (!v)
		return 0;
	if (!json_is_string(v)) {
		sclog_seterr(err, errlen, "\"%s\"[%zu].%s is not a string", array,
			     i, key);
		return -1;
	}
	*out = json_cstr(v, &msg);
	if (!*out) {
		sclog_seterr(err, errlen, "\"%s\"[%zu].%s: %s", array, i, key, msg);
		return -1;
	}
	return 0;
}

/* The array member key of root, or NULL; -1 if it is not an array. */
static int json_array_member(const json_t *root, const char *key,
			     json_t **out, char *err, size_t errlen)
{
	*out = json_object_get(root, key);
	if (*out && !json_is_array(*out)) {
		sclog_seterr(err, errlen, "\"%s\" is not an array", key);
		return -1;
	}
	return 0;
}

/*
 * "cwd", "names", "fds" and "argv" of a record object into ev->paths and
 * ev->argv (see event.h).  Returns 0, or -1 with a message in err.
 */
static int json_fields(const json_t *root, struct sclog_event *ev, char *err,
		       size_t errlen)
{
	json_t *v, *names, *fds, *argv;
	const char *msg;
	char *cwd = NULL;
	size_t i;
	int rc = -1;

	v = json_object_get(root, "cwd");
	if (v) {
		if (!json_is_string(v)) {
			sclog_seterr(err, errlen, "\"cwd\" is not a string");
			return -1;
		}
		cwd = json_cstr(v, &msg);
		if (!cwd) {
			sclog_seterr(err, errlen, "\"cwd\": %s", msg);
			return -1;
		}
	}
	if (json_array_member(root, "names", &names, err, errlen) < 0 ||
	    json_array_member(root, "fds", &fds, err, errlen) < 0 ||
	    json_array_member(root, "argv", &argv, err, errlen) < 0)
		goto out;
	for (i = 0; names && i < json_array_size(names); i++) {
		json_t *o = json_array_get(names, i);
		char *name, *path;

		if (!json_is_object(o)) {
			sclog_seterr(err, errlen, "\"names\"[%zu] is not an object", i);
			goto out;
		}
		if (json_member(o, "names", i, "path", &path, err, errlen) < 0)
			goto out;
		if (json_member(o, "names", i, "name", &name, err, errlen) < 0) {
			free(path);
			goto out;
		}
		if (!path && name && name[0] == '/') {
			path = name;
			name = NULL;
		} else if (!path && name && name[0] && cwd) {
			path = join_cwd(cwd, name);
			if (!path) {
				free(name);
				sclog_seterr(err, errlen, "out of memory");
				goto out;
			}
		}
		free(name);
		if (path && !add_path(ev, path)) {
			sclog_seterr(err, errlen, JSON_FULL_MSG,
				     SCLOG_EVENT_MAX_PATHS);
			goto out;
		}
	}
	for (i = 0; fds && i < json_array_size(fds); i++) {
		json_t *o = json_array_get(fds, i);
		char *path;

		if (!json_is_object(o)) {
			sclog_seterr(err, errlen, "\"fds\"[%zu] is not an object", i);
			goto out;
		}
		if (json_member(o, "fds", i, "path", &path, err, errlen) < 0)
			goto out;
		if (path && !add_path(ev, path)) {
			sclog_seterr(err, errlen, JSON_FULL_MSG,
				     SCLOG_EVENT_MAX_PATHS);
			goto out;
		}
	}
	for (i = 0; argv && i < json_array_size(argv); i++) {
		json_t *a = json_array_get(argv, i);
		unsigned char *buf;
		size_t n;
		bool ok;

		if (!json_is_string(a)) {
			sclog_seterr(err, errlen, "\"argv\"[%zu] is not a string", i);
			goto out;
		}
		buf = malloc(json_string_length(a) + 1);
		if (!buf) {
			sclog_seterr(err, errlen, "out of memory");
			goto out;
		}
		msg = json_bytes(a, buf, json_string_length(a), &n);
		if (msg) {
			free(buf);
			sclog_seterr(err, errlen, "\"argv\"[%zu]: %s", i, msg);
			goto out;
		}
		ok = add_arg(ev, buf, n);
		free(buf);
		if (!ok) {
			sclog_seterr(err, errlen, "out of memory");
			goto out;
		}
	}
	rc = 0;
out:
	free(cwd);
	return rc;
}

/*
 * "rule" and "action" of a record object ("action" absent: LOG).  Returns
 * 0, or -1 with a message in err.
 */
static int json_rule(const json_t *root, struct sclog_event *ev, char *err,
		     size_t errlen)
{
	const json_t *rule = json_object_get(root, "rule");
	const json_t *action = json_object_get(root, "action");
	unsigned char name[SCLOG_RULE_NAME_MAX];
	const char *msg;
	size_t n;

	if (!rule && !action)
		return 0;
	if (!rule) {
		sclog_seterr(err, errlen, "\"action\" without \"rule\"");
		return -1;
	}
	if (!json_is_string(rule)) {
		sclog_seterr(err, errlen, "\"rule\" is not a string");
		return -1;
	}
	msg = json_bytes(rule, name, sizeof(name), &n);
	if (msg && !strcmp(msg, "string too long"))
		msg = "a rule name has 1 to 64 bytes";
	if (!msg)
		msg = rule_name_error(ev, (const char *)name, n);
	if (msg) {
		sclog_seterr(err, errlen, "\"rule\": %s", msg);
		return -1;
	}
	/* As in the text format, a rule without an action logged the call. */
	if (!action) {
		ev->action = SCLOG_ACT_LOG;
		return 0;
	}
	if (!json_is_string(action) ||
	    !(ev->action = sclog_action_from_name(json_string_value(action),
						  json_string_length(action)))) {
		sclog_seterr(err, errlen, "\"action\": expected \"log\", \"fail\", \"kill\" or \"suspend\"");
		return -1;
	}
	return 0;
}

static enum sclog_line_kind parse_json(const char *line, size_t len,
				       struct sclog_event *ev,
				       struct sclog_lost *lost, char *err,
				       size_t errlen)
{
	static const struct {
		const char *key;
		size_t off;
	} u32s[] = {
#define F(x) { #x, offsetof(struct sclog_event, x) }
		F(cpu), F(pid), F(tid), F(ppid), F(uid), F(euid), F(suid),
		F(fsuid), F(gid), F(egid), F(sgid), F(fsgid), F(auid), F(ses),
#undef F
	};
	enum sclog_line_kind kind = SCLOG_LINE_BAD;
	json_error_t jerr;
	json_t *root, *v;
	uint64_t num;
	const char *msg;
	size_t i;

	root = json_loadb(line, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL,
			  &jerr);
	if (!root) {
		sclog_seterr(err, errlen, "invalid JSON at column %d: %s",
		       jerr.column, jerr.text);
		return SCLOG_LINE_BAD;
	}
	if (!json_is_object(root)) {
		sclog_seterr(err, errlen, "JSON line is not an object");
		goto out;
	}
	/* Records other than system calls ("type": "reader", ...). */
	if (json_object_get(root, "type")) {
		kind = SCLOG_LINE_META;
		goto out;
	}
	if (!json_object_get(root, "seq")) {
		if (!json_object_get(root, "lost")) {
			kind = SCLOG_LINE_META;
			goto out;
		}
		memset(lost, 0, sizeof(*lost));
		if (!json_u64(json_object_get(root, "lost"), UINT64_MAX, &lost->count) ||
		    !lost->count) {
			sclog_seterr(err, errlen, "\"lost\": expected a positive integer");
			goto out;
		}
		if (!json_u64(json_object_get(root, "cpu"), UINT32_MAX, &num)) {
			sclog_seterr(err, errlen, "lost object: \"cpu\" missing or not an unsigned 32-bit integer");
			goto out;
		}
		lost->cpu = (uint32_t)num;
		if (!json_u64(json_object_get(root, "time"), UINT64_MAX, &lost->time)) {
			sclog_seterr(err, errlen, "lost object: \"time\" missing or not a non-negative integer");
			goto out;
		}
		kind = SCLOG_LINE_LOST;
		goto out;
	}

	memset(ev, 0, sizeof(*ev));
	if (!json_u64(json_object_get(root, "seq"), UINT64_MAX, &ev->seq)) {
		sclog_seterr(err, errlen, "\"seq\": expected a non-negative integer");
		goto out;
	}
	if (!json_u64(json_object_get(root, "time"), UINT64_MAX, &ev->time)) {
		sclog_seterr(err, errlen, "\"time\" missing or not a non-negative integer");
		goto out;
	}
	for (i = 0; i < sizeof(u32s) / sizeof(u32s[0]); i++) {
		if (!json_u64(json_object_get(root, u32s[i].key), UINT32_MAX, &num)) {
			sclog_seterr(err, errlen, "\"%s\" missing or not an unsigned 32-bit integer",
			       u32s[i].key);
			goto out;
		}
		*(uint32_t *)((char *)ev + u32s[i].off) = (uint32_t)num;
	}
	v = json_object_get(root, "comm");
	if (!json_is_string(v)) {
		sclog_seterr(err, errlen, "\"comm\" missing or not a string");
		goto out;
	}
	msg = json_bytes(v, ev->comm, sizeof(ev->comm), &ev->comm_len);
	if (msg) {
		sclog_seterr(err, errlen, "\"comm\": %s", msg);
		goto out;
	}
	v = json_object_get(root, "arch");
	if (!json_is_string(v) ||
	    sclog_abi_from_name(json_string_value(v), &ev->abi) < 0) {
		sclog_seterr(err, errlen, "\"arch\" missing or not an ABI name");
		goto out;
	}
	v = json_object_get(root, "nr");
	if (!json_is_integer(v) || json_integer_value(v) < INT32_MIN ||
	    json_integer_value(v) > INT32_MAX) {
		sclog_seterr(err, errlen, "\"nr\" missing or not a 32-bit integer");
		goto out;
	}
	ev->nr = (long)json_integer_value(v);
	v = json_object_get(root, "syscall");
	if (!json_is_string(v)) {
		sclog_seterr(err, errlen, "\"syscall\" missing or not a string");
		goto out;
	}
	msg = check_syscall_name(json_string_value(v), json_string_length(v),
				 ev->nr);
	if (msg) {
		sclog_seterr(err, errlen, "\"syscall\": %s", msg);
		goto out;
	}
	memcpy(ev->syscall, json_string_value(v), json_string_length(v) + 1);
	v = json_object_get(root, "ret");
	if (v) {
		if (!json_is_integer(v)) {
			sclog_seterr(err, errlen, "\"ret\" is not an integer");
			goto out;
		}
		ev->has_ret = true;
		ev->ret = json_integer_value(v);
	}
	if (json_rule(root, ev, err, errlen) < 0)
		goto out;
	if (json_fields(root, ev, err, errlen) < 0)
		goto bad_fields;
	kind = SCLOG_LINE_RECORD;
	goto out;
bad_fields:
	sclog_event_clear(ev);
out:
	json_decref(root);
	return kind;
}

enum sclog_line_kind sclog_parse_line(const char *line, size_t len,
				      struct sclog_event *ev,
				      struct sclog_lost *lost,
				      char *err, size_t errlen)
{
	if (err && errlen)
		err[0] = '\0';
	if (len > 0 && line[0] == '{')
		return parse_json(line, len, ev, lost, err, errlen);
	return parse_text(line, len, ev, lost, err, errlen);
}
