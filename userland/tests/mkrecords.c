// SPDX-License-Identifier: GPL-2.0-only
/*
 * mkrecords: write synthetic raw sclog records (the layout of struct
 * sclog_record in <linux/sclog.h>, as read() from /dev/sclog returns them)
 * to standard output, for sclogd's tests and benchmarks.
 *
 * usage: mkrecords [-c CHUNKS] [-w USEC] [SPEC...]
 *        mkrecords -n COUNT [-C CPUS]
 *
 * Each SPEC (an argument, or a line of standard input when there is no
 * argument; empty lines and lines starting with '#' are skipped) is one
 * record: space-separated key=value pairs over defaults.
 *   cpu seq time(ns) dur abi(x86_64|i386|x32|number) nr ret pid tid ppid
 *   uid euid suid fsuid gid egid sgid fsgid auid ses flags type version
 *   hdr_size size  comm(up to 16 bytes; \xHH escapes)
 *   args=a,b,c,d,e,f (numbers, 0x hex allowed)
 *   field=TYPE[@ARG][+FLAGS]:DATA (a variable field: struct sclog_field's
 *       type, arg (default SCLOG_ARG_NONE) and flags (default 0), numbers;
 *       DATA with \xHH escapes, \x00 for a NUL, \x20 for a space;
 *       repeatable)
 *   rule=NAME  the rule that matched (\xHH escapes): a SCLOG_FIELD_RULE
 *       after the other fields, and SCLOG_RF_RULE in flags
 *   action=log|fail|kill|suspend|NUMBER  its action (the rule field's arg;
 *       default log)
 *   rule_format=TEXT  the rule's log format (\xHH escapes, \x20 for a
 *       space): a SCLOG_FIELD_RULE_FORMAT after the rule field
 *   raw=HEX  (instead of a record: these bytes as they are)
 * size and hdr_size default to the real sizes; giving them makes malformed
 * records.  Defaults: cpu 0, seq 0, time 1795782964000000000, abi x86_64,
 * nr 257 (openat), args AT_FDCWD,0x1000,0, ret 3, ids 0, auid/ses unset,
 * comm "cat", pid/tid 100, ppid 1, type SCLOG_REC_SYSCALL, version 1.
 *
 * -c CHUNKS  write the output in pieces of these sizes (comma-separated,
 *            cycled), one write(2) each, so a reader sees records split at
 *            those byte boundaries; -w USEC sleeps between pieces.
 * -n COUNT   instead of specs: COUNT openat records over CPUS CPUs (default
 *            4) with consecutive sequence numbers, written in large blocks
 *            (for throughput measurements).
 * Exit status: 0, 1 on a write error, 2 on a bad spec.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/sclog.h>

static unsigned char *out;
static size_t out_len, out_cap;

static void __attribute__((noreturn)) die(const char *what, const char *s)
{
	fprintf(stderr, "mkrecords: %s: '%s'\n", what, s);
	exit(2);
}

static void put(const void *p, size_t n)
{
	if (out_len + n > out_cap) {
		out_cap = (out_len + n) * 2 + 4096;
		out = realloc(out, out_cap);
		if (!out) {
			fprintf(stderr, "mkrecords: out of memory\n");
			exit(1);
		}
	}
	memcpy(out + out_len, p, n);
	out_len += n;
}

static uint64_t num(const char *key, const char *s)
{
	unsigned long long v;
	char *end;

	errno = 0;
	if (*s == '-') {
		long long sv = strtoll(s, &end, 0);

		v = (unsigned long long)sv;
	} else {
		v = strtoull(s, &end, 0);
	}
	if (!*s || *end || errno)
		die(key, s);
	return v;
}

/* Unescape \xHH into buf; returns the length. */
static size_t unescape(const char *key, const char *s, unsigned char *buf,
		       size_t cap)
{
	size_t n = 0;

	while (*s) {
		unsigned int c = (unsigned char)*s++;

		if (c == '\\' && *s == 'x') {
			char hex[3] = { 0 };

			if (!s[1] || !s[2])
				die(key, s);
			hex[0] = s[1];
			hex[1] = s[2];
			c = (unsigned int)strtoul(hex, NULL, 16);
			s += 3;
		}
		if (n >= cap)
			die(key, "too long");
		buf[n++] = (unsigned char)c;
	}
	return n;
}

static void write_out(const char *chunks, long wait_us)
{
	size_t off = 0;
	const char *c = chunks;

	while (off < out_len) {
		size_t n = out_len - off;
		ssize_t w;

		if (chunks) {
			char *end;
			unsigned long sz = strtoul(c, &end, 10);

			if (!sz || (*end && *end != ','))
				die("-c", chunks);
			c = *end ? end + 1 : chunks;
			if (sz < n)
				n = sz;
		}
		w = write(STDOUT_FILENO, out + off, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			fprintf(stderr, "mkrecords: write: %s\n", strerror(errno));
			exit(1);
		}
		off += (size_t)w;
		if (wait_us && off < out_len)
			usleep((useconds_t)wait_us);
	}
	out_len = 0;
}

/* Append a field to the n bytes at fields (room for SCLOG_RECORD_MAX). */
static size_t add_field(unsigned char *fields, size_t flen, unsigned int type,
			unsigned int arg, const unsigned char *data, size_t n)
{
	struct sclog_field fh = { .type = (__u16)type, .arg = (__u8)arg,
				  .len = (__u32)n };

	if (flen + sizeof(fh) + n + 8 > SCLOG_RECORD_MAX)
		die("field", "too many");
	memcpy(fields + flen, &fh, sizeof(fh));
	memcpy(fields + flen + sizeof(fh), data, n);
	flen += sizeof(fh) + n;
	while (flen % 8)
		fields[flen++] = 0;
	return flen;
}

static void spec(char *line)
{
	struct sclog_record r;
	static unsigned char fields[SCLOG_RECORD_MAX];
	static unsigned char rule[SCLOG_RECORD_MAX], rule_fmt[SCLOG_RECORD_MAX];
	size_t flen = 0, rule_len = 0, rule_fmt_len = 0;
	bool have_rule = false, have_fmt = false;
	unsigned int action = SCLOG_ACT_LOG;
	long size = -1, hdr_size = -1;
	char *save, *tok;

	memset(&r, 0, sizeof(r));
	r.version = SCLOG_RECORD_VERSION;
	r.type = SCLOG_REC_SYSCALL;
	r.abi = SCLOG_ABI_X86_64;
	r.nr = 257;
	r.time_real = 1795782964000000000ULL;
	r.time_mono = 1000000000ULL;
	r.duration = 1000;
	r.args[0] = (uint64_t)-100;
	r.args[1] = 0x1000;
	r.ret = 3;
	r.pid = r.tid = 100;
	r.ppid = 1;
	r.auid = r.ses = UINT32_MAX;
	memcpy(r.comm, "cat", 3);

	for (tok = strtok_r(line, " \t\n", &save); tok;
	     tok = strtok_r(NULL, " \t\n", &save)) {
		char *v = strchr(tok, '=');

		if (!v)
			die("not key=value", tok);
		*v++ = '\0';
#define U(f) else if (!strcmp(tok, #f)) r.f = (__typeof__(r.f))num(tok, v)
		if (!strcmp(tok, "raw")) {
			size_t i, n = strlen(v);

			if (n % 2)
				die("raw: odd number of hex digits", v);
			for (i = 0; i < n; i += 2) {
				char hex[3] = { v[i], v[i + 1], 0 };
				char *end;
				unsigned char b = (unsigned char)strtoul(hex, &end, 16);

				if (*end)
					die("raw: not hex", v);
				put(&b, 1);
			}
			return;
		}
		else if (!strcmp(tok, "time")) r.time_real = num(tok, v);
		else if (!strcmp(tok, "dur")) r.duration = num(tok, v);
		else if (!strcmp(tok, "size")) size = (long)num(tok, v);
		else if (!strcmp(tok, "hdr_size")) hdr_size = (long)num(tok, v);
		else if (!strcmp(tok, "abi")) {
			if (!strcmp(v, "x86_64"))
				r.abi = SCLOG_ABI_X86_64;
			else if (!strcmp(v, "i386"))
				r.abi = SCLOG_ABI_I386;
			else if (!strcmp(v, "x32"))
				r.abi = SCLOG_ABI_X32;
			else
				r.abi = (__u16)num(tok, v);
		} else if (!strcmp(tok, "comm")) {
			memset(r.comm, 0, sizeof(r.comm));
			unescape(tok, v, r.comm, sizeof(r.comm));
		} else if (!strcmp(tok, "args")) {
			char *s2, *a = strtok_r(v, ",", &s2);
			int i;

			memset(r.args, 0, sizeof(r.args));
			for (i = 0; a && i < 6; i++, a = strtok_r(NULL, ",", &s2))
				r.args[i] = num("args", a);
			if (a)
				die("args: more than 6", a);
		} else if (!strcmp(tok, "rule")) {
			rule_len = unescape(tok, v, rule, sizeof(rule) - 4096);
			have_rule = true;
		} else if (!strcmp(tok, "rule_format")) {
			rule_fmt_len = unescape(tok, v, rule_fmt,
						sizeof(rule_fmt) - 4096);
			have_fmt = true;
		} else if (!strcmp(tok, "action")) {
			if (!strcmp(v, "log"))
				action = SCLOG_ACT_LOG;
			else if (!strcmp(v, "fail"))
				action = SCLOG_ACT_FAIL;
			else if (!strcmp(v, "kill"))
				action = SCLOG_ACT_KILL;
			else if (!strcmp(v, "suspend"))
				action = SCLOG_ACT_SUSPEND;
			else
				action = (unsigned int)num(tok, v);
		} else if (!strcmp(tok, "field")) {
			struct sclog_field fh = { 0 };
			char *colon = strchr(v, ':'), *at, *plus;
			size_t n;

			if (!colon)
				die("field: expected TYPE[@ARG][+FLAGS]:DATA", v);
			*colon = '\0';
			fh.arg = SCLOG_ARG_NONE;
			plus = strchr(v, '+');
			if (plus) {
				*plus = '\0';
				fh.flags = (__u8)num("field flags", plus + 1);
			}
			at = strchr(v, '@');
			if (at) {
				*at = '\0';
				fh.arg = (__u8)num("field arg", at + 1);
			}
			fh.type = (__u16)num("field type", v);
			if (flen + sizeof(fh) + 8 > sizeof(fields))
				die("field", "too many");
			n = unescape("field", colon + 1, fields + flen + sizeof(fh),
				     sizeof(fields) - flen - sizeof(fh) - 8);
			fh.len = (__u32)n;
			memcpy(fields + flen, &fh, sizeof(fh));
			flen += sizeof(fh) + n;
			while (flen % 8)
				fields[flen++] = 0;
		}
		U(cpu); U(seq); U(nr); U(ret); U(pid); U(tid); U(ppid);
		U(uid); U(euid); U(suid); U(fsuid); U(gid); U(egid); U(sgid);
		U(fsgid); U(auid); U(ses); U(flags); U(type); U(version);
		else
			die("unknown key", tok);
#undef U
	}
	if (have_rule) {
		flen = add_field(fields, flen, SCLOG_FIELD_RULE, action, rule,
				 rule_len);
		r.flags |= SCLOG_RF_RULE;
	}
	if (have_fmt)
		flen = add_field(fields, flen, SCLOG_FIELD_RULE_FORMAT,
				 SCLOG_ARG_NONE, rule_fmt, rule_fmt_len);
	r.hdr_size = (__u16)(hdr_size >= 0 ? hdr_size : (long)sizeof(r));
	r.size = (__u32)(size >= 0 ? size : (long)(sizeof(r) + flen));
	put(&r, sizeof(r));
	put(fields, flen);
}

static void bulk(unsigned long count, unsigned int cpus)
{
	struct sclog_record r;
	uint64_t seq[256] = { 0 };
	unsigned long i;

	memset(&r, 0, sizeof(r));
	r.size = r.hdr_size = sizeof(r);
	r.version = SCLOG_RECORD_VERSION;
	r.type = SCLOG_REC_SYSCALL;
	r.abi = SCLOG_ABI_X86_64;
	r.nr = 257;
	r.args[0] = (uint64_t)-100;
	r.args[1] = 0x7ffc0a1b2c30;
	r.args[2] = 02000000;
	r.auid = r.ses = UINT32_MAX;
	r.ppid = 1;
	memcpy(r.comm, "bench", 5);
	for (i = 0; i < count; i++) {
		r.cpu = (__u16)(i % cpus);
		r.seq = seq[r.cpu]++;
		r.time_real = 1795782964000000000ULL + i * 1000;
		r.duration = 500 + i % 1000;
		r.pid = r.tid = (__u32)(1000 + i % 50);
		r.uid = (__u32)(i % 3);
		r.ret = i % 10 ? 3 : -2;
		put(&r, sizeof(r));
		if (out_len >= (1 << 20))
			write_out(NULL, 0);
	}
	write_out(NULL, 0);
}

int main(int argc, char **argv)
{
	const char *chunks = NULL;
	long wait_us = 0;
	unsigned long count = 0;
	unsigned int cpus = 4;
	char *line = NULL;
	size_t cap = 0;
	int opt, i;

	while ((opt = getopt(argc, argv, "c:w:n:C:")) != -1) {
		switch (opt) {
		case 'c': chunks = optarg; break;
		case 'w': wait_us = (long)num("-w", optarg); break;
		case 'n': count = (unsigned long)num("-n", optarg); break;
		case 'C':
			cpus = (unsigned int)num("-C", optarg);
			if (!cpus || cpus > 256)
				die("-C: 1-256", optarg);
			break;
		default:
			fprintf(stderr, "usage: mkrecords [-c CHUNKS] [-w USEC] [SPEC...] | mkrecords -n COUNT [-C CPUS]\n");
			return 2;
		}
	}
	if (count) {
		bulk(count, cpus);
		return 0;
	}
	if (optind < argc) {
		for (i = optind; i < argc; i++)
			spec(argv[i]);
	} else {
		while (getline(&line, &cap, stdin) > 0) {
			char *p = line + strspn(line, " \t");

			if (*p && *p != '\n' && *p != '#')
				spec(p);
		}
		free(line);
	}
	write_out(chunks, wait_us);
	free(out);
	return 0;
}
