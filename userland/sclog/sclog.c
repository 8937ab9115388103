// SPDX-License-Identifier: GPL-2.0-only
/*
 * sclog: search and summarise the logs sclogd writes (text or JSON Lines,
 * or raw captures of sclogd --raw, plain or gzip-compressed).  See sclog(1).
 *
 *   sclog search [FILTERS] [FILE...]   print matching lines verbatim (the
 *                                      records of a raw capture as text lines)
 *   sclog report [FILTERS] [--top N] [--json] [FILE...]   summary tables
 *
 * Exit status: 0 a line matched (search) or the report was written; 1 no
 * line matched (search); 2 usage error, unreadable input, lines that are not
 * log lines, or an output error.
 */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <zlib.h>

#include "decode.h"
#include "event.h"
#include "format.h"
#include "record.h"
#include "summary.h"
#include "syscalls.h"
#include "util.h"

#define EX_MATCH	0
#define EX_NOMATCH	1
#define EX_BAD		2

#define DEFAULT_DIR	"/var/log/sclog"
#define MAX_LINE	(1024 * 1024)
/* Read buffer of a raw capture: room for a read and a partial record. */
#define RAW_READ	(1024 * 1024)
#define MAX_BAD_SHOWN	5

/* ------------------------------------------------------------------------ */
/* Small helpers */

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("sclog: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n", stderr);
	exit(EX_BAD);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

static char *xstrndup(const char *s, size_t n)
{
	char *p = strndup(s, n);

	if (!p)
		die("out of memory");
	return p;
}

/* Append one element to a growable array. */
#define PUSH(arr, cnt, val)						\
	do {								\
		(arr) = xrealloc((arr), ((cnt) + 1) * sizeof(*(arr)));	\
		(arr)[(cnt)++] = (val);					\
	} while (0)

/* Decimal without sign; false if not one or above max. */
static bool parse_uint(const char *s, uint64_t max, uint64_t *out)
{
	return sclog_parse_u64(s, strlen(s), max, out) == 0;
}

/* ------------------------------------------------------------------------ */
/* User names, from the passwd file (no NSS: static binaries) */

struct user {
	uint32_t uid;
	char *name;
};

static struct user *users;
static size_t nusers;
static bool users_loaded;

static void load_users(void)
{
	const char *path = getenv("SCLOG_PASSWD");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	FILE *f;

	if (users_loaded)
		return;
	users_loaded = true;
	if (!path || !*path)
		path = "/etc/passwd";
	f = fopen(path, "re");
	if (!f)
		return;
	while ((n = getline(&line, &cap, f)) > 0) {
		char *name = line, *p, *uidp;
		struct user u;
		uint64_t uid;

		if (line[n - 1] == '\n')
			line[n - 1] = '\0';
		p = strchr(name, ':');
		if (!p || p == name)
			continue;
		*p++ = '\0';
		p = strchr(p, ':');		/* skip the password */
		if (!p)
			continue;
		uidp = ++p;
		p = strchr(uidp, ':');
		if (!p)
			continue;
		*p = '\0';
		if (!parse_uint(uidp, UINT32_MAX, &uid))
			continue;
		u.uid = (uint32_t)uid;
		u.name = strdup(name);
		if (!u.name)
			die("out of memory");
		PUSH(users, nusers, u);
	}
	free(line);
	fclose(f);
}

static const char *user_name(uint32_t uid)
{
	size_t i;

	load_users();
	for (i = 0; i < nusers; i++)
		if (users[i].uid == uid)
			return users[i].name;
	return NULL;
}

static bool user_uid(const char *name, uint32_t *uid)
{
	size_t i;

	load_users();
	for (i = 0; i < nusers; i++) {
		if (!strcmp(users[i].name, name)) {
			*uid = users[i].uid;
			return true;
		}
	}
	return false;
}

/* ------------------------------------------------------------------------ */
/* Filters */

struct syscall_filter {
	bool any_abi;
	sclog_abi_t abi;
	long nr;		/* >= 0: match the number, else the name */
	const char *name;
};

/*
 * --path: exact, or a glob (fnmatch() without FNM_PATHNAME: '*' matches
 * '/' too); one ending in '/' matches that directory and what is under it.
 */
struct path_filter {
	const char *arg;
	bool glob;
	char *dir;	/* ending in '/': arg without its trailing '/' */
	char *under;	/* glob ending in '/': arg followed by '*' */
};

struct filters {
	uint32_t *pids, *uids;
	size_t npids, nuids;
	struct path_filter *paths;
	const char **comms, **comm_globs;
	size_t ncomms, ncomm_globs, npaths;
	struct syscall_filter *syscalls;
	size_t nsyscalls;
	long *errnos;
	size_t nerrnos;
	bool failed;
	const char **rules;	/* --rule */
	size_t nrules;
	unsigned int actions;	/* --action: bit SCLOG_ACT_* */
	uint64_t since;		/* inclusive */
	uint64_t until;		/* exclusive */
	bool no_lost;
};

static bool has_glob(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static bool take_digits(const char **p, unsigned int n, unsigned int *out)
{
	unsigned int v = 0, i;

	for (i = 0; i < n; i++) {
		if ((*p)[i] < '0' || (*p)[i] > '9')
			return false;
		v = v * 10 + (unsigned int)((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return true;
}

/*
 * A time for --since/--until: YYYY-MM-DD[( |T)HH:MM[:SS[.FRAC]]][Z] (UTC),
 * @SECONDS, or -N[smhd] (before now).  *start is the first ns of the given
 * precision, *end the first ns after it.
 */
static bool parse_user_time(const char *s, uint64_t *start, uint64_t *end)
{
	static const unsigned char dim[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	unsigned int y, mo, d, h = 0, mi = 0, sec = 0, frac = 0, fdigits = 0;
	uint64_t v, unit = UINT64_C(86400) * 1000000000u, t;
	const char *p = s;

	if (s[0] == '@') {
		if (!parse_uint(s + 1, UINT64_MAX / 1000000000u - 1, &v))
			return false;
		*start = v * 1000000000u;
		*end = *start + 1000000000u;
		return true;
	}
	if (s[0] == '-') {
		size_t n = strlen(s);
		uint64_t mult, now = now_ns();
		char num[24];

		if (n < 3 || n - 2 >= sizeof(num))
			return false;
		switch (s[n - 1]) {
		case 's': mult = 1; break;
		case 'm': mult = 60; break;
		case 'h': mult = 3600; break;
		case 'd': mult = 86400; break;
		default: return false;
		}
		memcpy(num, s + 1, n - 2);
		num[n - 2] = '\0';
		if (!parse_uint(num, UINT64_MAX / 1000000000u / mult, &v))
			return false;
		v *= mult * 1000000000u;
		*start = *end = v > now ? 0 : now - v;
		return true;
	}
	if (!take_digits(&p, 4, &y) || *p++ != '-' || !take_digits(&p, 2, &mo) ||
	    *p++ != '-' || !take_digits(&p, 2, &d))
		return false;
	if (*p == ' ' || *p == 'T') {
		p++;
		if (!take_digits(&p, 2, &h) || *p++ != ':' ||
		    !take_digits(&p, 2, &mi))
			return false;
		unit = UINT64_C(60) * 1000000000u;
		if (*p == ':') {
			p++;
			if (!take_digits(&p, 2, &sec))
				return false;
			unit = 1000000000u;
			if (*p == '.') {
				p++;
				while (*p >= '0' && *p <= '9' && fdigits < 9) {
					frac = frac * 10 + (unsigned int)(*p++ - '0');
					fdigits++;
				}
				if (!fdigits || (*p >= '0' && *p <= '9'))
					return false;
				unit = 1;
				for (; fdigits < 9; fdigits++) {
					frac *= 10;
					unit *= 10;
				}
			}
		}
	}
	if (*p == 'Z')
		p++;
	if (*p || y < 1970 || mo < 1 || mo > 12 || d < 1 || h > 23 ||
	    mi > 59 || sec > 59)
		return false;
	if (d > dim[mo - 1] + (unsigned int)(mo == 2 && ((y % 4 == 0 && y % 100 != 0) ||
					   y % 400 == 0)))
		return false;
	t = (uint64_t)sclog_days_from_civil(y, mo, d) * 86400u + h * 3600u +
	    mi * 60u + sec;
	if (t > UINT64_MAX / 1000000000u - 86400)
		return false;
	*start = t * 1000000000u + frac;
	*end = *start + unit;
	return true;
}

static void add_syscall_filter(struct filters *f, const char *arg)
{
	struct syscall_filter sf = { .any_abi = true, .nr = -1 };
	const char *colon = strchr(arg, ':'), *name = arg;
	uint64_t v;
	sclog_abi_t abi;
	bool known = false;

	if (colon) {
		char abiname[16];

		if ((size_t)(colon - arg) >= sizeof(abiname))
			die("--syscall '%s': unknown ABI (x86_64, i386 or x32)", arg);
		memcpy(abiname, arg, (size_t)(colon - arg));
		abiname[colon - arg] = '\0';
		if (sclog_abi_from_name(abiname, &sf.abi) < 0)
			die("--syscall '%s': unknown ABI (x86_64, i386 or x32)", arg);
		sf.any_abi = false;
		name = colon + 1;
	}
	if (parse_uint(name, INT32_MAX, &v) ||
	    (!strncmp(name, "syscall_", 8) && parse_uint(name + 8, INT32_MAX, &v))) {
		if (sf.any_abi)
			die("--syscall '%s': a number needs an ABI, e.g. x86_64:%s",
			    arg, name);
		sf.nr = (long)v;
		if (sf.abi == SCLOG_ABI_X32)
			sf.nr &= ~SCLOG_X32_SYSCALL_BIT;
	} else {
		for (abi = 0; abi < SCLOG_NR_ABIS; abi++)
			if ((sf.any_abi || abi == sf.abi) &&
			    sclog_syscall_nr(abi, name) >= 0)
				known = true;
		if (!known)
			die("--syscall '%s': unknown system call%s%s", arg,
			    sf.any_abi ? "" : " on ",
			    sf.any_abi ? "" : sclog_abi_name(sf.abi));
		sf.name = name;
	}
	PUSH(f->syscalls, f->nsyscalls, sf);
}

static void add_path_filter(struct filters *f, const char *arg)
{
	struct path_filter pf = { arg, has_glob(arg), NULL, NULL };
	size_t n = strlen(arg);

	if (!n)
		die("--path: empty path");
	if (arg[n - 1] == '/') {
		pf.dir = xstrndup(arg, n - 1);
		if (pf.glob) {
			pf.under = xrealloc(NULL, n + 2);
			memcpy(pf.under, arg, n);
			memcpy(pf.under + n, "*", 2);
		}
	}
	PUSH(f->paths, f->npaths, pf);
}

static bool path_match(const struct path_filter *pf, const char *path)
{
	if (pf->glob) {
		if (pf->under)
			return !fnmatch(pf->dir, path, 0) ||
			       !fnmatch(pf->under, path, 0);
		return !fnmatch(pf->arg, path, 0);
	}
	if (pf->dir)
		return !strcmp(pf->dir, path) ||
		       !strncmp(pf->arg, path, strlen(pf->arg));
	return !strcmp(pf->arg, path);
}

static bool match_event(const struct filters *f, const struct sclog_event *ev)
{
	size_t i, j;
	bool ok;

	if (ev->time < f->since || ev->time >= f->until)
		return false;
	if (f->npids) {
		for (ok = false, i = 0; i < f->npids && !ok; i++)
			ok = ev->pid == f->pids[i];
		if (!ok)
			return false;
	}
	if (f->nuids) {
		for (ok = false, i = 0; i < f->nuids && !ok; i++)
			ok = ev->uid == f->uids[i];
		if (!ok)
			return false;
	}
	if (f->ncomms || f->ncomm_globs) {
		char comm[sizeof(ev->comm) + 1];

		memcpy(comm, ev->comm, ev->comm_len);
		comm[ev->comm_len] = '\0';
		ok = false;
		for (i = 0; i < f->ncomms && !ok; i++)
			ok = strlen(f->comms[i]) == ev->comm_len &&
			     !memcmp(f->comms[i], ev->comm, ev->comm_len);
		for (i = 0; i < f->ncomm_globs && !ok; i++)
			ok = !memchr(ev->comm, 0, ev->comm_len) &&
			     !fnmatch(f->comm_globs[i], comm, 0);
		if (!ok)
			return false;
	}
	if (f->nsyscalls) {
		for (ok = false, i = 0; i < f->nsyscalls && !ok; i++) {
			const struct syscall_filter *sf = &f->syscalls[i];

			if (!sf->any_abi && sf->abi != ev->abi)
				continue;
			if (sf->nr >= 0)
				ok = sf->nr == (ev->abi == SCLOG_ABI_X32 ?
						ev->nr & ~SCLOG_X32_SYSCALL_BIT :
						ev->nr);
			else
				ok = !strcmp(sf->name, ev->syscall);
		}
		if (!ok)
			return false;
	}
	if (f->failed && !(ev->has_ret && ev->ret < 0))
		return false;
	if (f->nerrnos) {
		for (ok = false, i = 0; i < f->nerrnos && !ok; i++)
			ok = ev->has_ret && ev->ret == -f->errnos[i];
		if (!ok)
			return false;
	}
	if (f->nrules) {
		for (ok = false, i = 0; i < f->nrules && !ok; i++)
			ok = !strcmp(f->rules[i], ev->rule);
		if (!ok)
			return false;
	}
	if (f->actions && !(ev->action && (f->actions & (1u << ev->action))))
		return false;
	if (f->npaths) {
		for (ok = false, i = 0; i < f->npaths && !ok; i++) {
			for (j = 0; j < ev->npaths && !ok; j++)
				ok = path_match(&f->paths[i], ev->paths[j]);
		}
		if (!ok)
			return false;
	}
	return true;
}

/* ------------------------------------------------------------------------ */
/* Input files */

struct input {
	const char *name;	/* as given, or DIR/FILE */
	char *alloc;
};

static bool numeric_prefix(const char *name, uint64_t *v)
{
	const char *base = strrchr(name, '/');
	char num[24];
	size_t n;

	base = base ? base + 1 : name;
	n = strspn(base, "0123456789");
	if (n == 0 || n >= sizeof(num) || base[n] != '.')
		return false;
	memcpy(num, base, n);
	num[n] = '\0';
	return parse_uint(num, UINT64_MAX, v);
}

/* The last ".log" or ".raw" in a file name, or NULL. */
static const char *log_ext(const char *name)
{
	const char *p, *last = NULL;

	for (p = name; (p = strchr(p, '.')); p++)
		if (!strncmp(p, ".log", 4) || !strncmp(p, ".raw", 4))
			last = p;
	return last;
}

/*
 * The rotation of a log file name: NAME.log and NAME.log.gz are 0,
 * NAME.log.N and NAME.log.N.gz (logrotate) are N; -1 if not a log file name.
 * The same for raw captures, NAME.raw...
 */
static long rotation(const char *name)
{
	const char *p = log_ext(name), *q;
	uint64_t v;
	char num[16];
	size_t len;

	if (!p || name[0] == '.')
		return -1;
	p += 4;
	if (!*p || !strcmp(p, ".gz"))
		return 0;
	if (*p++ != '.')
		return -1;
	q = strchr(p, '.');
	len = q ? (size_t)(q - p) : strlen(p);
	if (q && strcmp(q, ".gz"))
		return -1;
	if (!len || len >= sizeof(num))
		return -1;
	memcpy(num, p, len);
	num[len] = '\0';
	if (!parse_uint(num, LONG_MAX, &v))
		return -1;
	return (long)v;
}

/* A raw capture (sclogd --raw): NAME.raw[.N][.gz]. */
static bool is_raw_name(const char *name)
{
	const char *base = strrchr(name, '/');

	base = base ? base + 1 : name;
	return rotation(base) >= 0 && !strncmp(log_ext(base), ".raw", 4);
}

/*
 * Files named <unix-seconds>.log or .raw sort by their number, others by
 * name; the rotations of one file oldest (highest N) first.
 */
static int cmp_input(const void *a, const void *b)
{
	const struct input *x = a, *y = b;
	const char *bx = strrchr(x->name, '/'), *by = strrchr(y->name, '/');
	size_t lx, ly;
	uint64_t u, v;
	long rx, ry;

	if (numeric_prefix(x->name, &u) && numeric_prefix(y->name, &v) && u != v)
		return u < v ? -1 : 1;
	bx = bx ? bx + 1 : x->name;
	by = by ? by + 1 : y->name;
	lx = (size_t)(log_ext(bx) - bx);
	ly = (size_t)(log_ext(by) - by);
	if (lx != ly || memcmp(bx, by, lx))
		return strcmp(bx, by);
	rx = rotation(bx);
	ry = rotation(by);
	if (rx != ry)
		return rx > ry ? -1 : 1;
	return strcmp(bx, by);
}

static bool is_log_name(const char *n)
{
	return rotation(n) >= 0;
}

static void list_dir(const char *dir, struct input **in, size_t *nin)
{
	struct dirent *de;
	DIR *d = opendir(dir);

	if (!d)
		die("%s: %s", dir, strerror(errno));
	while ((de = readdir(d))) {
		struct input i;

		if (!is_log_name(de->d_name))
			continue;
		if (asprintf(&i.alloc, "%s/%s", dir, de->d_name) < 0)
			die("out of memory");
		i.name = i.alloc;
		PUSH(*in, *nin, i);
	}
	closedir(d);
	if (*nin)
		qsort(*in, *nin, sizeof(**in), cmp_input);
}

/* A line reader over zlib (which reads plain files as they are). */
struct reader {
	gzFile gz;
	char *buf;
	size_t len, pos, cap;
	bool eof;
};

/*
 * The next line, without its '\n', in *line (*len bytes).  Returns 1, 0 at
 * the end, -1 on a read error (message in *msg), 2 for a line longer than
 * MAX_LINE (skipped).
 */
static int read_line(struct reader *r, const char **line, size_t *len,
		     const char **msg)
{
	bool toolong = false;

	for (;;) {
		char *nl = r->pos < r->len ?
			   memchr(r->buf + r->pos, '\n', r->len - r->pos) : NULL;
		int n;

		if (nl || (r->eof && r->pos < r->len)) {
			size_t end = nl ? (size_t)(nl - r->buf) : r->len;

			*line = r->buf + r->pos;
			*len = end - r->pos;
			r->pos = nl ? end + 1 : end;
			return toolong ? 2 : 1;
		}
		if (r->eof)
			return toolong ? 2 : 0;
		if (r->pos > 0) {
			memmove(r->buf, r->buf + r->pos, r->len - r->pos);
			r->len -= r->pos;
			r->pos = 0;
		}
		if (r->len >= MAX_LINE) {
			/* Keep only the search for the end of this line. */
			toolong = true;
			r->len = 0;
		}
		if (r->cap - r->len < 65536) {
			r->cap = r->cap ? r->cap * 2 : 131072;
			r->buf = xrealloc(r->buf, r->cap);
		}
		n = gzread(r->gz, r->buf + r->len, (unsigned int)(r->cap - r->len));
		if (n < 0) {
			int e;

			*msg = gzerror(r->gz, &e);
			if (e == Z_ERRNO)
				*msg = strerror(errno);
			return -1;
		}
		if (n == 0) {
			int e;

			/* zlib ends a cut gzip stream quietly, like EOF. */
			gzerror(r->gz, &e);
			if (e == Z_BUF_ERROR) {
				*msg = "unexpected end of file (truncated gzip data)";
				return -1;
			}
			r->eof = true;
		}
		r->len += (size_t)n;
	}
}

/* ------------------------------------------------------------------------ */
/* Search and report */

enum mode { SEARCH, REPORT };

struct errno_count {
	long err;
	uint64_t count;
};

struct state {
	enum mode mode;
	struct filters f;
	unsigned int top;
	bool json;		/* report --json */
	uint64_t matches;
	uint64_t bad;
	bool any_paths;
	struct sclog_summary *sum;
	struct errno_count *errnos;
	size_t nerrnos;
	uint32_t *uids_seen;
	size_t nuids_seen;
	FILE *out;
};

static void count_report(struct state *st, const struct sclog_event *ev)
{
	bool failed = ev->has_ret && ev->ret < 0;
	size_t i;

	sclog_summary_add(st->sum, ev->time, ev->abi, ev->syscall, ev->uid,
			  ev->comm, ev->comm_len, failed);
	if (ev->rule[0])
		sclog_summary_rule(st->sum, (const unsigned char *)ev->rule,
				   strlen(ev->rule), ev->action, failed);
	if (failed) {
		long err = ev->ret < -4095 ? 0 : (long)-ev->ret;

		for (i = 0; i < st->nerrnos; i++)
			if (st->errnos[i].err == err)
				break;
		if (i == st->nerrnos) {
			struct errno_count e = { err, 0 };

			PUSH(st->errnos, st->nerrnos, e);
		}
		st->errnos[i].count++;
	}
	for (i = 0; i < st->nuids_seen; i++)
		if (st->uids_seen[i] == ev->uid)
			break;
	if (i == st->nuids_seen && st->nuids_seen < SCLOG_SUMMARY_MAX_KEYS)
		PUSH(st->uids_seen, st->nuids_seen, ev->uid);
}

/*
 * One line: lineno is its line number in a log, or (raw) the offset of the
 * record it was made from.
 */
static void handle_line(struct state *st, const char *line, size_t len,
			bool toolong, const char *name, bool raw,
			uint64_t lineno)
{
	enum sclog_line_kind kind;
	struct sclog_event ev;
	struct sclog_lost lost;
	char err[256];

	if (toolong) {
		kind = SCLOG_LINE_BAD;
		snprintf(err, sizeof(err), "line longer than %d bytes",
			 MAX_LINE);
	} else {
		kind = sclog_parse_line(line, len, &ev, &lost, err,
					sizeof(err));
	}
	switch (kind) {
	case SCLOG_LINE_BAD:
		if (st->bad++ < MAX_BAD_SHOWN)
			fprintf(stderr, raw ?
				"sclog: %s: record at offset %" PRIu64 ": %s\n" :
				"sclog: %s:%" PRIu64 ": %s\n", name, lineno, err);
		break;
	case SCLOG_LINE_META:
		break;
	case SCLOG_LINE_LOST:
		if (st->f.no_lost || lost.time < st->f.since ||
		    lost.time >= st->f.until)
			break;
		if (st->mode == SEARCH) {
			fwrite(line, 1, len, st->out);
			putc('\n', st->out);
		} else {
			sclog_summary_lost(st->sum, lost.cpu, lost.count);
		}
		break;
	case SCLOG_LINE_RECORD:
		if (ev.npaths)
			st->any_paths = true;
		if (match_event(&st->f, &ev)) {
			st->matches++;
			if (st->mode == SEARCH) {
				fwrite(line, 1, len, st->out);
				putc('\n', st->out);
			} else {
				count_report(st, &ev);
			}
		}
		sclog_event_clear(&ev);
		break;
	}
}

static int process(struct state *st, const char *name)
{
	struct reader r = { 0 };
	const char *line = NULL, *msg;
	uint64_t lineno = 0;
	size_t len = 0;
	int rc;

	if (!strcmp(name, "-")) {
		r.gz = gzdopen(dup(STDIN_FILENO), "rb");
		name = "(standard input)";
	} else {
		r.gz = gzopen(name, "rb");
	}
	if (!r.gz) {
		fprintf(stderr, "sclog: %s: %s\n", name,
			errno ? strerror(errno) : "cannot open");
		return -1;
	}
	while ((rc = read_line(&r, &line, &len, &msg)) != 0) {
		lineno++;
		if (rc < 0) {
			fprintf(stderr, "sclog: %s: %s\n", name, msg);
			gzclose(r.gz);
			free(r.buf);
			return -1;
		}
		handle_line(st, line, len, rc == 2, name, false, lineno);
	}
	gzclose(r.gz);
	free(r.buf);
	return 0;
}

/*
 * A raw capture (sclogd --raw, or any file of records as read() from
 * /dev/sclog returns them): each record becomes the text line sclogd would
 * have written, and a gap in a CPU's sequence numbers the lost line, so
 * that they are filtered as in a text log.
 */
struct raw_input {
	gzFile gz;
	unsigned char *buf;
	size_t len, pos;
	uint64_t base;		/* file offset of buf[0] */
	struct sclog_seq seq;	/* per CPU: where records went missing */
	struct sclog_buf line;
};

static void raw_line(struct state *st, struct raw_input *ri, const char *name,
		     uint64_t off)
{
	if (ri->line.oom)
		die("out of memory");
	/* Without the '\n' the writers end each line with. */
	handle_line(st, ri->line.data, ri->line.len - 1, false, name, true,
		    off);
	sclog_buf_reset(&ri->line);
}

static void raw_record(struct state *st, struct raw_input *ri,
		       const char *name, const struct sclog_rec *rec,
		       uint64_t off)
{
	const struct sclog_record *h = &rec->hdr;

	uint64_t first;

	/* Every record, of any type, takes a sequence number of its CPU. */
	switch (sclog_seq_note(&ri->seq, h->cpu, h->seq, &first)) {
	case SCLOG_SEQ_GAP:
		sclog_format_lost_text(&ri->line, h->time_real, h->cpu, first,
				       h->seq - 1);
		raw_line(st, ri, name, off);
		break;
	case SCLOG_SEQ_NOMEM:
		die("out of memory");
	}
	if (h->type != SCLOG_REC_SYSCALL)
		return;		/* a newer kernel's: sclogd skips it too */
	sclog_format_text(&ri->line, rec);
	raw_line(st, ri, name, off);
}

/* More bytes into ri->buf: 1, 0 at the end, -1 on an error (reported). */
static int raw_fill(struct raw_input *ri, const char *name)
{
	int n, e;

	if (ri->pos > 0) {
		memmove(ri->buf, ri->buf + ri->pos, ri->len - ri->pos);
		ri->len -= ri->pos;
		ri->base += ri->pos;
		ri->pos = 0;
	}
	/* What is left is part of one record: less than SCLOG_RECORD_MAX. */
	n = gzread(ri->gz, ri->buf + ri->len, RAW_READ);
	if (n < 0) {
		const char *msg = gzerror(ri->gz, &e);

		fprintf(stderr, "sclog: %s: %s\n", name,
			e == Z_ERRNO ? strerror(errno) : msg);
		return -1;
	}
	if (n == 0) {
		gzerror(ri->gz, &e);
		if (e == Z_BUF_ERROR) {
			fprintf(stderr, "sclog: %s: unexpected end of file "
				"(truncated gzip data)\n", name);
			return -1;
		}
		return 0;
	}
	ri->len += (size_t)n;
	return 1;
}

static int process_raw(struct state *st, const char *name)
{
	struct raw_input ri = { 0 };
	struct sclog_rec rec;
	const char *err;
	int rc = 0, more;
	long r;

	ri.gz = gzopen(name, "rb");
	if (!ri.gz) {
		fprintf(stderr, "sclog: %s: %s\n", name,
			errno ? strerror(errno) : "cannot open");
		return -1;
	}
	ri.buf = xrealloc(NULL, RAW_READ + SCLOG_RECORD_MAX);
	sclog_buf_init(&ri.line);
	for (;;) {
		more = raw_fill(&ri, name);
		if (more < 0) {
			rc = -1;
			break;
		}
		while (ri.pos < ri.len) {
			err = NULL;
			r = sclog_rec_decode(ri.buf + ri.pos, ri.len - ri.pos,
					     &rec, &err);
			if (r == SCLOG_REC_NEED_MORE)
				break;
			if (r < 0) {
				fprintf(stderr, "sclog: %s: malformed record "
					"at offset %" PRIu64 ": %s\n", name,
					ri.base + ri.pos,
					err ? err : "invalid");
				rc = -1;
				goto out;
			}
			raw_record(st, &ri, name, &rec, ri.base + ri.pos);
			ri.pos += (size_t)r;
		}
		if (!more) {
			if (ri.pos < ri.len) {
				fprintf(stderr, "sclog: %s: truncated record "
					"at offset %" PRIu64 ": the file ends "
					"%zu bytes into it\n", name,
					ri.base + ri.pos, ri.len - ri.pos);
				rc = -1;
			}
			break;
		}
	}
out:
	gzclose(ri.gz);
	free(ri.buf);
	sclog_seq_free(&ri.seq);
	sclog_buf_free(&ri.line);
	return rc;
}

static int cmp_errno(const void *a, const void *b)
{
	const struct errno_count *x = a, *y = b;
	const char *nx, *ny;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	/* Then by name, as the summary's tables; unnamed ones last. */
	nx = x->err ? sclog_errno_name(x->err) : NULL;
	ny = y->err ? sclog_errno_name(y->err) : NULL;
	if (nx && ny)
		return strcmp(nx, ny);
	if (nx || ny)
		return nx ? -1 : 1;
	return (x->err > y->err) - (x->err < y->err);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/*
 * report --json: one object, {"summary":{...},"failed_by_errno":{...},
 * "user_names":{...}}; the tables are complete (--top applies to text).
 */
static void write_report_json(struct state *st, struct sclog_buf *b)
{
	size_t i;
	bool first = true;

	sclog_summary_write_json(st->sum, b);
	/* Reopen the object the library closed: drop its "}\n". */
	if (b->oom || b->len < 2)
		die("out of memory");
	b->len -= 2;
	sclog_buf_adds(b, ",\"failed_by_errno\":{");
	for (i = 0; i < st->nerrnos; i++) {
		const char *en = st->errnos[i].err ?
				 sclog_errno_name(st->errnos[i].err) : NULL;
		char num[32];

		if (!first)
			sclog_buf_adds(b, ",");
		first = false;
		if (!en) {
			snprintf(num, sizeof(num), "%ld", st->errnos[i].err ?
				 -st->errnos[i].err : -4096L);
			en = num;
		}
		sclog_escape_json(b, en, strlen(en));
		sclog_buf_addf(b, ":%" PRIu64, st->errnos[i].count);
	}
	sclog_buf_adds(b, "},\"user_names\":{");
	first = true;
	for (i = 0; i < st->nuids_seen; i++) {
		const char *u = user_name(st->uids_seen[i]);

		if (!u)
			continue;
		sclog_buf_addf(b, "%s\"%" PRIu32 "\":", first ? "" : ",",
			       st->uids_seen[i]);
		first = false;
		sclog_escape_json(b, u, strlen(u));
	}
	sclog_buf_adds(b, "}}\n");
}

static void write_report(struct state *st)
{
	struct sclog_buf b;
	size_t i, n;

	sclog_buf_init(&b);
	if (st->json) {
		if (st->nerrnos)
			qsort(st->errnos, st->nerrnos, sizeof(*st->errnos),
			      cmp_errno);
		if (st->nuids_seen)
			qsort(st->uids_seen, st->nuids_seen,
			      sizeof(*st->uids_seen), cmp_u32);
		write_report_json(st, &b);
		goto out;
	}
	sclog_summary_write_text(st->sum, &b, "", st->top);
	if (st->nerrnos)
		qsort(st->errnos, st->nerrnos, sizeof(*st->errnos), cmp_errno);
	sclog_buf_adds(&b, "failed calls by errno:");
	if (!st->nerrnos)
		sclog_buf_adds(&b, " none");
	sclog_buf_adds(&b, "\n");
	n = st->top && st->nerrnos > st->top ? st->top : st->nerrnos;
	for (i = 0; i < n; i++) {
		const char *en = st->errnos[i].err ?
				 sclog_errno_name(st->errnos[i].err) : NULL;

		sclog_buf_addf(&b, "  %10" PRIu64 "  ", st->errnos[i].count);
		if (en)
			sclog_buf_addf(&b, "%s (%ld)\n", en, st->errnos[i].err);
		else if (st->errnos[i].err)
			sclog_buf_addf(&b, "%ld\n", st->errnos[i].err);
		else
			sclog_buf_adds(&b, "(below -4095)\n");
	}
	if (n < st->nerrnos) {
		uint64_t rest = 0;

		for (i = n; i < st->nerrnos; i++)
			rest += st->errnos[i].count;
		sclog_buf_addf(&b, "  %10" PRIu64 "  (%zu more)\n", rest,
			       st->nerrnos - n);
	}
	if (st->nuids_seen)
		qsort(st->uids_seen, st->nuids_seen, sizeof(*st->uids_seen),
		      cmp_u32);
	sclog_buf_adds(&b, "user names:");
	for (n = 0, i = 0; i < st->nuids_seen; i++)
		n += user_name(st->uids_seen[i]) != NULL;
	if (!n)
		sclog_buf_adds(&b, " none known");
	sclog_buf_adds(&b, "\n");
	for (i = 0; i < st->nuids_seen; i++) {
		const char *u = user_name(st->uids_seen[i]);

		if (!u)
			continue;
		sclog_buf_addf(&b, "  %10" PRIu32 "  ", st->uids_seen[i]);
		sclog_escape_text(&b, u, strlen(u), false);
		sclog_buf_adds(&b, "\n");
	}
out:
	if (b.oom)
		die("out of memory");
	fwrite(b.data, 1, b.len, st->out);
	sclog_buf_free(&b);
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: sclog search [FILTER...] [--no-lost] [-d DIR] [FILE...]\n"
		"       sclog report [FILTER...] [--top N] [--json] [-d DIR] [FILE...]\n"
		"filters (each repeatable: OR within one filter, AND between filters):\n"
		"  --pid N  --uid N|NAME  --comm NAME  --comm-glob GLOB\n"
		"  --syscall [ABI:]NAME|ABI:NR  --path PATH|DIR/|GLOB  --failed  --errno NAME|N\n"
		"  --rule NAME  --action log|fail|kill|suspend\n"
		"  --since TIME  --until TIME   (YYYY-MM-DD[ HH:MM[:SS]] UTC, @SECONDS, -N[smhd])\n"
		"FILE: a log file (.gz read too), a raw capture (NAME.raw[.N][.gz],\n"
		"sclogd --raw; its records are printed as text lines), - for a log on\n"
		"standard input; none: every log and raw capture in DIR (default\n"
		DEFAULT_DIR "), oldest first.\n");
}

enum {
	OPT_PID = 256, OPT_UID, OPT_COMM, OPT_COMM_GLOB, OPT_SYSCALL, OPT_PATH,
	OPT_SINCE, OPT_UNTIL, OPT_FAILED, OPT_ERRNO, OPT_NO_LOST, OPT_TOP,
	OPT_JSON, OPT_RULE, OPT_ACTION,
};

static const struct option options[] = {
	{ "pid", required_argument, NULL, OPT_PID },
	{ "uid", required_argument, NULL, OPT_UID },
	{ "comm", required_argument, NULL, OPT_COMM },
	{ "comm-glob", required_argument, NULL, OPT_COMM_GLOB },
	{ "syscall", required_argument, NULL, OPT_SYSCALL },
	{ "path", required_argument, NULL, OPT_PATH },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ "failed", no_argument, NULL, OPT_FAILED },
	{ "errno", required_argument, NULL, OPT_ERRNO },
	{ "rule", required_argument, NULL, OPT_RULE },
	{ "action", required_argument, NULL, OPT_ACTION },
	{ "no-lost", no_argument, NULL, OPT_NO_LOST },
	{ "top", required_argument, NULL, OPT_TOP },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "dir", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

int main(int argc, char **argv)
{
	struct state st = { .f = { .until = UINT64_MAX } };
	const char *dir = DEFAULT_DIR, *cmd;
	struct input *in = NULL;
	size_t nin = 0, i;
	bool unreadable = false;
	uint64_t v, s, e;
	uint32_t uid;
	int opt;

	if (argc < 2) {
		usage(stderr);
		return EX_BAD;
	}
	cmd = argv[1];
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
		usage(stdout);
		return EX_MATCH;
	}
	if (!strcmp(cmd, "search")) {
		st.mode = SEARCH;
	} else if (!strcmp(cmd, "report")) {
		st.mode = REPORT;
	} else {
		fprintf(stderr, "sclog: unknown command '%s'\n", cmd);
		usage(stderr);
		return EX_BAD;
	}
	argc--;
	argv++;
	while ((opt = getopt_long(argc, argv, "d:h", options, NULL)) != -1) {
		switch (opt) {
		case 'd':
			dir = optarg;
			break;
		case 'h':
			usage(stdout);
			return EX_MATCH;
		case OPT_PID:
			if (!parse_uint(optarg, UINT32_MAX, &v))
				die("--pid '%s': expected a process id", optarg);
			PUSH(st.f.pids, st.f.npids, (uint32_t)v);
			break;
		case OPT_UID:
			if (parse_uint(optarg, UINT32_MAX, &v))
				uid = (uint32_t)v;
			else if (!user_uid(optarg, &uid))
				die("--uid '%s': no such user in %s", optarg,
				    getenv("SCLOG_PASSWD") && *getenv("SCLOG_PASSWD") ?
				    getenv("SCLOG_PASSWD") : "/etc/passwd");
			PUSH(st.f.uids, st.f.nuids, uid);
			break;
		case OPT_COMM:
			if (!*optarg || strlen(optarg) > 15)
				die("--comm '%s': a command name has 1 to 15 bytes",
				    optarg);
			PUSH(st.f.comms, st.f.ncomms, optarg);
			break;
		case OPT_COMM_GLOB:
			PUSH(st.f.comm_globs, st.f.ncomm_globs, optarg);
			break;
		case OPT_SYSCALL:
			add_syscall_filter(&st.f, optarg);
			break;
		case OPT_PATH:
			add_path_filter(&st.f, optarg);
			break;
		case OPT_SINCE:
		case OPT_UNTIL:
			if (!parse_user_time(optarg, &s, &e))
				die("--%s '%s': expected YYYY-MM-DD[ HH:MM[:SS]] (UTC), @SECONDS or -N[smhd]",
				    opt == OPT_SINCE ? "since" : "until", optarg);
			if (opt == OPT_SINCE)
				st.f.since = s;
			else
				st.f.until = e;
			break;
		case OPT_FAILED:
			st.f.failed = true;
			break;
		case OPT_ERRNO: {
			long err;

			if (parse_uint(optarg, 4095, &v) && v > 0)
				err = (long)v;
			else if ((err = sclog_errno_from_name(optarg)) <= 0)
				die("--errno '%s': unknown errno name", optarg);
			PUSH(st.f.errnos, st.f.nerrnos, err);
			break;
		}
		case OPT_RULE: {
			size_t n = strlen(optarg), k;

			for (k = 0; k < n; k++)
				if ((unsigned char)optarg[k] < 0x21 ||
				    (unsigned char)optarg[k] > 0x7e)
					break;
			if (!n || n > SCLOG_RULE_NAME_MAX || k < n)
				die("--rule '%s': a rule name has 1 to %d bytes of printable ASCII without spaces",
				    optarg, SCLOG_RULE_NAME_MAX);
			PUSH(st.f.rules, st.f.nrules, optarg);
			break;
		}
		case OPT_ACTION: {
			unsigned int act = sclog_action_from_name(optarg,
								  strlen(optarg));

			if (!act)
				die("--action '%s': expected log, fail, kill or suspend",
				    optarg);
			st.f.actions |= 1u << act;
			break;
		}
		case OPT_NO_LOST:
			st.f.no_lost = true;
			break;
		case OPT_TOP:
			if (st.mode != REPORT)
				die("--top is an option of sclog report");
			if (!parse_uint(optarg, UINT_MAX, &v) || !v)
				die("--top '%s': expected a positive number", optarg);
			st.top = (unsigned int)v;
			break;
		case OPT_JSON:
			if (st.mode != REPORT)
				die("--json is an option of sclog report");
			st.json = true;
			break;
		default:
			usage(stderr);
			return EX_BAD;
		}
	}
	if (st.f.since >= st.f.until)
		die("--since is not before --until: nothing can match");

	if (optind < argc) {
		for (; optind < argc; optind++) {
			struct input i1 = { argv[optind], NULL };

			PUSH(in, nin, i1);
		}
	} else {
		list_dir(dir, &in, &nin);
		if (!nin)
			die("%s: no *.log or *.raw files", dir);
	}

	st.out = stdout;
	if (st.mode == REPORT) {
		st.sum = sclog_summary_new();
		if (!st.sum)
			die("out of memory");
	}
	for (i = 0; i < nin; i++)
		if ((is_raw_name(in[i].name) ? process_raw(&st, in[i].name) :
		     process(&st, in[i].name)) < 0)
			unreadable = true;
	if (st.mode == REPORT)
		write_report(&st);
	if (fflush(stdout) == EOF || ferror(stdout))
		die("writing the output: %s", strerror(errno));

	if (st.f.npaths && !st.any_paths)
		fprintf(stderr, "sclog: note: the log holds no paths (the kernel that wrote it does not record them, or 'sclogctl limits' turned them off): --path matched nothing\n");
	if (st.bad)
		fprintf(stderr, "sclog: %" PRIu64 " line%s %s not log lines%s\n",
			st.bad, st.bad == 1 ? "" : "s",
			st.bad == 1 ? "was" : "were",
			st.bad > MAX_BAD_SHOWN ? " (first 5 shown)" : "");

	for (i = 0; i < nin; i++)
		free(in[i].alloc);
	free(in);
	sclog_summary_free(st.sum);
	free(st.errnos);
	free(st.uids_seen);
	free(st.f.pids);
	free(st.f.uids);
	free(st.f.comms);
	free(st.f.comm_globs);
	free(st.f.rules);
	for (i = 0; i < st.f.npaths; i++) {
		free(st.f.paths[i].dir);
		free(st.f.paths[i].under);
	}
	free(st.f.paths);
	free(st.f.syscalls);
	free(st.f.errnos);
	for (i = 0; i < nusers; i++)
		free(users[i].name);
	free(users);

	if (unreadable || st.bad)
		return EX_BAD;
	if (st.mode == REPORT)
		return EX_MATCH;
	return st.matches ? EX_MATCH : EX_NOMATCH;
}
