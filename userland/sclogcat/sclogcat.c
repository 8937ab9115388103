// SPDX-License-Identifier: GPL-2.0-only
/*
 * sclogcat: print the records of /dev/sclog, one line each.
 *
 * A small reader for tests and for watching sclog work; the collector
 * proper is sclogd.  Options:
 *   -n       non-blocking: print what is buffered, then exit
 *   -c N     exit after N records
 *   -p PID   only records of thread group PID
 *   -e       turn recording on (default selection unchanged) before reading
 *   -d       select the default set before reading (with -e)
 *   -a       select every system call of every ABI before reading (with -e)
 *   -r       write the records raw (as read from the device) to stdout, for
 *            captures that sclogd -D FILE and the unit tests replay
 *   -x       turn recording off and exit (opens the device write-only)
 * Exit status: 0 success, 1 system error, 2 usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/sclog.h>

#include "format.h"
#include "record.h"
#include "syscalls.h"
#include "util.h"

static void usage(FILE *f, int status)
{
	fprintf(f, "usage: sclogcat [-n] [-r] [-e [-d|-a]] [-c COUNT] [-p PID] | sclogcat -x\n"
		"  -n  print what is buffered, then exit    -r  raw records to stdout\n"
		"  -e  turn recording on first (-d: the default set, -a: every call)\n"
		"  -c  exit after COUNT records             -p  only thread group PID\n"
		"  -x  turn recording off and exit          -h, --help  this text\n"
		"See sclogcat(8); the collector is sclogd(8).\n");
	exit(status);
}

/* A whole decimal number from 1 to LONG_MAX, or usage error. */
static long number(const char *s)
{
	uint64_t v;

	if (sclog_parse_u64(s, strlen(s), LONG_MAX, &v) || v < 1) {
		fprintf(stderr, "sclogcat: '%s': not a positive number\n", s);
		exit(2);
	}
	return (long)v;
}

static void print_record(const struct sclog_record *r)
{
	const char *name = sclog_syscall_name(r->abi, r->nr);
	char comm[sizeof(r->comm) + 1];
	struct sclog_buf when;
	size_t i;

	for (i = 0; i < sizeof(r->comm) && r->comm[i]; i++)
		comm[i] = (r->comm[i] >= 0x20 && r->comm[i] < 0x7f) ? (char)r->comm[i] : '?';
	comm[i] = '\0';
	sclog_buf_init(&when);
	sclog_format_time(&when, r->time_real);
	printf("cpu=%u seq=%" PRIu64 " time=%.*s abi=%s nr=%d syscall=%s"
	       " args=%#" PRIx64 ",%#" PRIx64 ",%#" PRIx64 ",%#" PRIx64 ",%#" PRIx64 ",%#" PRIx64,
	       r->cpu, (uint64_t)r->seq, (int)when.len, when.oom ? "" : when.data,
	       sclog_abi_name(r->abi) ? sclog_abi_name(r->abi) : "?", r->nr,
	       name ? name : "?",
	       (uint64_t)r->args[0], (uint64_t)r->args[1], (uint64_t)r->args[2],
	       (uint64_t)r->args[3], (uint64_t)r->args[4], (uint64_t)r->args[5]);
	if (r->flags & SCLOG_RF_ENTRY)
		printf(" ret=none");
	else
		printf(" ret=%" PRId64, (int64_t)r->ret);
	printf(" pid=%u tid=%u ppid=%u uid=%u euid=%u suid=%u fsuid=%u"
	       " gid=%u egid=%u sgid=%u fsgid=%u auid=%d ses=%d comm=%s\n",
	       r->pid, r->tid, r->ppid, r->uid, r->euid, r->suid, r->fsuid,
	       r->gid, r->egid, r->sgid, r->fsgid, (int)r->auid, (int)r->ses, comm);
	sclog_buf_free(&when);
}

static void write_all(const void *p, size_t n)
{
	while (n) {
		ssize_t w = write(STDOUT_FILENO, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			fprintf(stderr, "sclogcat: write: %s\n", strerror(errno));
			exit(1);
		}
		p = (const char *)p + w;
		n -= (size_t)w;
	}
}

int main(int argc, char **argv)
{
	static unsigned char buf[1 << 20] __attribute__((aligned(8)));
	long count = -1, pid = 0;
	int opt, fd, nonblock = 0, enable = 0, sel = 0, disable = 0, raw = 0;

	if (argc == 2 && !strcmp(argv[1], "--help"))
		usage(stdout, 0);
	while ((opt = getopt(argc, argv, "nc:p:edarxh")) != -1) {
		switch (opt) {
		case 'n': nonblock = 1; break;
		case 'c': count = number(optarg); break;
		case 'p': pid = number(optarg); break;
		case 'e': enable = 1; break;
		case 'd': sel = 'd'; break;
		case 'a': sel = 'a'; break;
		case 'r': raw = 1; break;
		case 'x': disable = 1; break;
		case 'h': usage(stdout, 0); break;
		default: usage(stderr, 2);
		}
	}
	if (optind != argc || (sel && !enable) || (disable && enable))
		usage(stderr, 2);
	if (disable) {
		fd = open("/dev/sclog", O_WRONLY);
		if (fd < 0 || ioctl(fd, SCLOG_IOC_DISABLE, 0) < 0) {
			fprintf(stderr, "sclogcat: disable: %s\n", strerror(errno));
			return 1;
		}
		return 0;
	}
	fd = open("/dev/sclog", O_RDONLY | (nonblock ? O_NONBLOCK : 0));
	if (fd < 0) {
		fprintf(stderr, "sclogcat: /dev/sclog: %s\n", strerror(errno));
		return 1;
	}
	if (sel == 'd' && ioctl(fd, SCLOG_IOC_SELECT_DEFAULT, 0) < 0)
		goto ioctl_err;
	if (sel == 'a') {
		struct sclog_select s;

		memset(&s, 0xff, sizeof(s));
		for (s.abi = 0; s.abi < SCLOG_NR_ABIS; s.abi++) {
			s.__reserved = 0;
			if (ioctl(fd, SCLOG_IOC_SET_SELECT, &s) < 0)
				goto ioctl_err;
		}
	}
	if (enable && ioctl(fd, SCLOG_IOC_ENABLE, 0) < 0)
		goto ioctl_err;
	setvbuf(stdout, NULL, _IOLBF, 0);
	while (count != 0) {
		ssize_t n = read(fd, buf, sizeof(buf)), off = 0;

		if (n < 0 && errno == EAGAIN)
			break;
		if (n < 0) {
			fprintf(stderr, "sclogcat: read: %s\n", strerror(errno));
			return 1;
		}
		/* Unfiltered raw output: the whole batch, as read. */
		if (raw && !pid && count < 0) {
			write_all(buf, (size_t)n);
			continue;
		}
		while (off < n && count != 0) {
			const struct sclog_record *r = (const void *)(buf + off);
			struct sclog_rec rec;
			const char *why = NULL;
			long len = sclog_rec_decode(buf + off, (size_t)(n - off), &rec, &why);

			/* read() returns whole records: a short one is malformed too. */
			if (len <= 0) {
				fprintf(stderr, "sclogcat: malformed record at %zd: %s\n", off,
					len == SCLOG_REC_NEED_MORE ? "cut short" : why);
				return 1;
			}
			if (!pid || r->pid == pid) {
				if (raw)
					write_all(r, r->size);
				else
					print_record(r);
				if (count > 0)
					count--;
			}
			off += r->size;
		}
	}
	return 0;
ioctl_err:
	fprintf(stderr, "sclogcat: ioctl: %s\n", strerror(errno));
	return 1;
}
