// SPDX-License-Identifier: GPL-2.0-only
/*
 * sclogd: the sclog collector.  Drains /dev/sclog (or a raw capture) and
 * writes one line per record to a new log file per run, standard output
 * and/or syslog, or (--raw) the records themselves as read.  See sclogd(8).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/reboot.h>
#include <sys/utsname.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <linux/sclog.h>

#include "device.h"
#include "format.h"
#include "record.h"
#include "sclogd.h"
#include "summary.h"
#include "syscalls.h"
#include "util.h"

/* Version of the start/stop lines ("# sclogd 1 started ..."). */
#define SCLOGD_LOG_VERSION	1

#define DEFAULT_DEVICE		"/dev/sclog"
#define DEFAULT_LOG_DIR		"/var/log/sclog"
#define DEFAULT_PID_FILE	"/run/sclogd.pid"
#define DEFAULT_SYSLOG		"/dev/log"
#define DEFAULT_READ_SIZE	(1024 * 1024)
#define MAX_READ_SIZE		(256 * 1024 * 1024)
#define DEFAULT_FLUSH_COUNT	100
/* --raw: at most this many lost-records messages a second on stderr. */
#define RAW_LOST_MSGS		10
/* At most this many messages a run about malformed rule fields. */
#define RULE_ERROR_MSGS		10

enum fmt { FMT_TEXT, FMT_TEMPLATE, FMT_JSON };
enum out_kind { OUT_DIR, OUT_STDOUT, OUT_NONE };

struct opts {
	const char *device;
	const char *log_dir;
	enum out_kind out;
	enum fmt fmt;
	const char *template;
	bool raw;		/* --raw: write the records as read */
	bool syslog;
	const char *syslog_socket;
	int facility;
	enum flush_mode flush;
	bool flush_set;
	unsigned long flush_count;
	bool flush_count_set;
	bool foreground;
	const char *pid_file;
	bool pid_file_set;
	int ready_fd;
	bool no_enable, select_default, disable_on_exit;
	size_t read_size;
	enum disk_action disk_full, disk_error;
};

struct sclogd {
	struct opts o;
	int dev;		/* the device or capture */
	bool capture;		/* a regular file or FIFO: no ioctls, EOF ends */
	bool capture_file;	/* a regular file: a stop does not drain it */
	bool locked;		/* the configuration is locked: change nothing */
	int sigfd;
	struct sclog_template *tmpl;
	struct sclog_summary *sum;

	unsigned char *rbuf;
	size_t carry;		/* bytes of a partial record at rbuf (capture) */
	uint64_t in_off;	/* input offset of rbuf[0] */
	struct sclog_buf ob;	/* the batch being formatted */
	uint64_t batch_records;
	size_t raw_len;		/* --raw: whole records at rbuf to write */

	/* --raw: lost-records messages on stderr, rate-limited. */
	time_t lost_msg_sec;
	unsigned int lost_msgs;
	uint64_t lost_quiet_gaps, lost_quiet_records;

	struct sclog_seq seq;	/* per CPU: where records went missing */
	/*
	 * DIR/.sclogd.state: the sequence numbers written to the log so far,
	 * so that the next run of this boot reports what went missing in
	 * between.  -1: not kept (a capture, no log directory).
	 */
	int state_fd;
	size_t state_len;
	bool state_failing;
	char boot_id[40];

	/* Kernel dropped counters as last added to sum (at start: baseline). */
	uint64_t *dropped_last;
	uint32_t ndropped;

	uint64_t records, lost, skipped, malformed, discarded;
	uint64_t rule_errors;	/* records with malformed rule fields */

	struct out_file file;
	bool have_file;
	bool suspended;		/* --disk-*-action suspend: a batch waits */
	struct syslog_out sl;

	char host[65], kernel[65];
	struct timespec start;
	bool stop;
	int exit_code;
};

static const char *const disk_action_names[] = {
	[DISK_IGNORE] = "ignore", [DISK_SYSLOG] = "syslog",
	[DISK_SUSPEND] = "suspend", [DISK_HALT] = "halt",
};

static const char *const flush_names[] = {
	[FLUSH_NONE] = "none", [FLUSH_INCREMENTAL] = "incremental",
	[FLUSH_DATA] = "data", [FLUSH_SYNC] = "sync",
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f,
"usage: sclogd [OPTION]...\n"
"Read system call records from /dev/sclog and log them.\n"
"\n"
"  -D, --device PATH        device to read (default " DEFAULT_DEVICE "); a regular\n"
"                           file or FIFO is read as a raw capture until EOF\n"
"  -d, --log-dir DIR        log directory (default " DEFAULT_LOG_DIR "); each run\n"
"                           writes DIR/<unix-seconds>.log\n"
"  -o, --output WHERE       dir (the log directory, default), - (standard\n"
"                           output; implies -f) or none (with --syslog)\n"
"      --json               write JSON Lines\n"
"      --format TEMPLATE    write lines from TEMPLATE (macros below)\n"
"      --raw                write the records as read, unformatted, to\n"
"                           DIR/<unix-seconds>.raw or standard output\n"
"      --syslog             also send each line to syslog (RFC 5424)\n"
"      --syslog-socket PATH syslog socket (default " DEFAULT_SYSLOG ")\n"
"      --syslog-facility F  syslog facility (default authpriv)\n"
"      --flush MODE         none, incremental (default), data or sync\n"
"      --flush-count N      with incremental: fdatasync every N records\n"
"                           (default %d)\n"
"      --disk-full-action A when the log disk is full (ENOSPC, EDQUOT):\n"
"                           ignore (default: count the lost records), syslog\n"
"                           (also alert syslog), suspend (read nothing until\n"
"                           writing works: records wait in the kernel) or\n"
"                           halt (sync and power off)\n"
"      --disk-error-action A the same for any other write error (EIO...)\n"
"  -f, --foreground         do not daemonize\n"
"  -p, --pid-file PATH      pid file (default " DEFAULT_PID_FILE "; none for a\n"
"                           capture unless given)\n"
"      --ready-fd N         write a newline to fd N and close it when ready\n"
"      --no-enable          do not turn recording on\n"
"      --select-default     select the default set of system calls first\n"
"      --disable-on-exit    turn recording off at exit\n"
"      --read-size SIZE     read buffer, bytes or K/M suffix (default 1M)\n"
"  -h, --help               show this help\n"
"  -V, --version            show the version\n"
"\n"
"Signals: HUP reopens the log file, USR1 writes a summary to stderr,\n"
"TERM and INT stop after draining the kernel buffer.\n"
"Exit status: 0 ok, 1 runtime error, 2 usage error, 3 already running or\n"
"device busy, 4 no sclog in the kernel, 5 log location unusable.\n"
"\n"
"Template macros:", DEFAULT_FLUSH_COUNT);
	for (i = 0; sclog_template_macros[i]; i++)
		fprintf(f, "%s%s", i % 8 ? " " : "\n  ", sclog_template_macros[i]);
	fprintf(f, "\n"
"The records of a kernel rule that has a log format are written with that\n"
"format (text, --format; JSON: as \"message\"), %%comm and path names quoted.\n");
}

static void __attribute__((noreturn)) usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static void usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "sclogd: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'sclogd --help'.\n");
	exit(EX_USAGE_);
}

static unsigned long parse_ulong(const char *opt, const char *s,
				 unsigned long min, unsigned long max)
{
	uint64_t v;
	int r = sclog_parse_u64(s, strlen(s), max, &v);

	if (r == -EINVAL)
		usage_error("%s: '%s' is not a number", opt, s);
	if (r || v < min)
		usage_error("%s: %s is out of range (%lu-%lu)", opt, s, min, max);
	return (unsigned long)v;
}

static size_t parse_size(const char *opt, const char *s)
{
	size_t n = strspn(s, "0123456789");
	const char *end = s + n;
	uint64_t v = 0, mul = 1;
	int r;

	if (!n)
		usage_error("%s: '%s' is not a size", opt, s);
	r = sclog_parse_u64(s, n, UINT64_MAX, &v);
	if (!strcmp(end, "K") || !strcmp(end, "k"))
		mul = 1024;
	else if (!strcmp(end, "M") || !strcmp(end, "m"))
		mul = 1024 * 1024;
	else if (*end)
		usage_error("%s: '%s' is not a size (bytes, or a K or M suffix)",
			    opt, s);
	if (r || v > MAX_READ_SIZE / mul || v * mul < SCLOG_RECORD_MAX)
		usage_error("%s: %s is out of range (%d-%d bytes)", opt, s,
			    SCLOG_RECORD_MAX, MAX_READ_SIZE);
	return (size_t)(v * mul) & ~(size_t)(SCLOG_RECORD_ALIGN - 1);
}

enum {
	OPT_JSON = 256, OPT_FORMAT, OPT_SYSLOG, OPT_SYSLOG_SOCKET,
	OPT_SYSLOG_FACILITY, OPT_FLUSH, OPT_FLUSH_COUNT, OPT_READY_FD,
	OPT_NO_ENABLE, OPT_SELECT_DEFAULT, OPT_DISABLE_ON_EXIT, OPT_READ_SIZE,
	OPT_RAW, OPT_DISK_FULL, OPT_DISK_ERROR,
};

static const struct option longopts[] = {
	{ "device", required_argument, NULL, 'D' },
	{ "log-dir", required_argument, NULL, 'd' },
	{ "output", required_argument, NULL, 'o' },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "raw", no_argument, NULL, OPT_RAW },
	{ "disk-full-action", required_argument, NULL, OPT_DISK_FULL },
	{ "disk-error-action", required_argument, NULL, OPT_DISK_ERROR },
	{ "syslog", no_argument, NULL, OPT_SYSLOG },
	{ "syslog-socket", required_argument, NULL, OPT_SYSLOG_SOCKET },
	{ "syslog-facility", required_argument, NULL, OPT_SYSLOG_FACILITY },
	{ "flush", required_argument, NULL, OPT_FLUSH },
	{ "flush-count", required_argument, NULL, OPT_FLUSH_COUNT },
	{ "foreground", no_argument, NULL, 'f' },
	{ "pid-file", required_argument, NULL, 'p' },
	{ "ready-fd", required_argument, NULL, OPT_READY_FD },
	{ "no-enable", no_argument, NULL, OPT_NO_ENABLE },
	{ "select-default", no_argument, NULL, OPT_SELECT_DEFAULT },
	{ "disable-on-exit", no_argument, NULL, OPT_DISABLE_ON_EXIT },
	{ "read-size", required_argument, NULL, OPT_READ_SIZE },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* An absolute version of path (we chdir / when daemonizing). */
static const char *absolute(const char *path)
{
	char cwd[PATH_MAX], *r;

	if (path[0] == '/')
		return path;
	if (!getcwd(cwd, sizeof(cwd))) {
		fprintf(stderr, "sclogd: getcwd: %s\n", strerror(errno));
		exit(EX_RUNTIME);
	}
	if (asprintf(&r, "%s/%s", cwd, path) < 0) {
		fprintf(stderr, "sclogd: out of memory\n");
		exit(EX_RUNTIME);
	}
	return r;	/* lives as long as the process */
}

static void parse_args(struct opts *o, int argc, char **argv)
{
	bool have_syslog_opt = false;
	int c, i;

	*o = (struct opts){
		.device = DEFAULT_DEVICE, .log_dir = DEFAULT_LOG_DIR,
		.out = OUT_DIR, .fmt = FMT_TEXT,
		.syslog_socket = DEFAULT_SYSLOG, .facility = 10 /* authpriv */,
		.flush = FLUSH_INCREMENTAL, .flush_count = DEFAULT_FLUSH_COUNT,
		.pid_file = DEFAULT_PID_FILE, .ready_fd = -1,
		.read_size = DEFAULT_READ_SIZE,
	};
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":D:d:o:fp:hV", longopts,
				NULL)) != -1) {
		switch (c) {
		case 'D':
			if (!*optarg)
				usage_error("--device: empty path");
			o->device = optarg;
			break;
		case 'd':
			if (!*optarg)
				usage_error("--log-dir: empty path");
			o->log_dir = optarg;
			break;
		case 'o':
			if (!strcmp(optarg, "dir"))
				o->out = OUT_DIR;
			else if (!strcmp(optarg, "-"))
				o->out = OUT_STDOUT;
			else if (!strcmp(optarg, "none"))
				o->out = OUT_NONE;
			else
				usage_error("--output: '%s' is not dir, - or none",
					    optarg);
			break;
		case OPT_JSON:
			if (o->fmt == FMT_TEMPLATE)
				usage_error("--json and --format are mutually exclusive");
			o->fmt = FMT_JSON;
			break;
		case OPT_FORMAT:
			if (o->fmt == FMT_JSON)
				usage_error("--json and --format are mutually exclusive");
			if (o->fmt == FMT_TEMPLATE)
				usage_error("--format given twice");
			o->fmt = FMT_TEMPLATE;
			o->template = optarg;
			break;
		case OPT_RAW:
			o->raw = true;
			break;
		case OPT_SYSLOG:
			o->syslog = true;
			break;
		case OPT_SYSLOG_SOCKET:
			if (!*optarg)
				usage_error("--syslog-socket: empty path");
			o->syslog_socket = optarg;
			have_syslog_opt = true;
			break;
		case OPT_SYSLOG_FACILITY:
			o->facility = syslog_facility_from_name(optarg);
			if (o->facility < 0)
				usage_error("--syslog-facility: unknown facility '%s' "
					    "(kern, user, mail, daemon, auth, syslog, "
					    "lpr, news, uucp, cron, authpriv, ftp, "
					    "local0-local7)", optarg);
			have_syslog_opt = true;
			break;
		case OPT_FLUSH:
			for (i = 0; i < 4; i++)
				if (!strcmp(optarg, flush_names[i]))
					break;
			if (i == 4)
				usage_error("--flush: '%s' is not none, incremental, "
					    "data or sync", optarg);
			o->flush = (enum flush_mode)i;
			o->flush_set = true;
			break;
		case OPT_DISK_FULL:
		case OPT_DISK_ERROR:
			for (i = 0; i < 4; i++)
				if (!strcmp(optarg, disk_action_names[i]))
					break;
			if (i == 4)
				usage_error("--%s: '%s' is not ignore, syslog, "
					    "suspend or halt", c == OPT_DISK_FULL ?
					    "disk-full-action" : "disk-error-action",
					    optarg);
			if (c == OPT_DISK_FULL)
				o->disk_full = (enum disk_action)i;
			else
				o->disk_error = (enum disk_action)i;
			break;
		case OPT_FLUSH_COUNT:
			o->flush_count = parse_ulong("--flush-count", optarg, 1,
						     UINT32_MAX);
			o->flush_count_set = true;
			break;
		case 'f':
			o->foreground = true;
			break;
		case 'p':
			if (!*optarg)
				usage_error("--pid-file: empty path");
			o->pid_file = optarg;
			o->pid_file_set = true;
			break;
		case OPT_READY_FD:
			o->ready_fd = (int)parse_ulong("--ready-fd", optarg, 0,
						       INT_MAX);
			if (fcntl(o->ready_fd, F_GETFD) < 0)
				usage_error("--ready-fd: %d is not an open file "
					    "descriptor", o->ready_fd);
			break;
		case OPT_NO_ENABLE:
			o->no_enable = true;
			break;
		case OPT_SELECT_DEFAULT:
			o->select_default = true;
			break;
		case OPT_DISABLE_ON_EXIT:
			o->disable_on_exit = true;
			break;
		case OPT_READ_SIZE:
			o->read_size = parse_size("--read-size", optarg);
			break;
		case 'h':
			usage(stdout);
			exit(0);
		case 'V':
			printf("sclogd (sclog) log format %d, record version %d\n",
			       SCLOGD_LOG_VERSION, SCLOG_RECORD_VERSION);
			exit(0);
		case ':':
			usage_error("option %s needs an argument", argv[optind - 1]);
		default:
			if (optopt)
				usage_error("unknown option -%c", optopt);
			usage_error("unknown option %s", argv[optind - 1]);
		}
	}
	if (optind < argc)
		usage_error("unexpected argument '%s'", argv[optind]);
	if (o->raw && o->fmt != FMT_TEXT)
		usage_error("--raw and --%s are mutually exclusive",
			    o->fmt == FMT_JSON ? "json" : "format");
	if (o->raw && o->syslog)
		usage_error("--raw and --syslog are mutually exclusive");
	if (o->raw && o->out == OUT_STDOUT && isatty(STDOUT_FILENO))
		usage_error("--raw -o -: standard output is a terminal; "
			    "redirect the binary records to a file or pipe");
	if (have_syslog_opt && !o->syslog)
		usage_error("--syslog-socket and --syslog-facility need --syslog");
	if (o->flush_count_set && o->flush != FLUSH_INCREMENTAL)
		usage_error("--flush-count applies to --flush incremental only");
	if (o->out == OUT_NONE && !o->syslog)
		usage_error("--output none needs --syslog");
	if (o->out == OUT_STDOUT)
		o->foreground = true;
	if (o->ready_fd >= 0 && o->ready_fd <= STDERR_FILENO)
		usage_error("--ready-fd: %d is standard input, output or error",
			    o->ready_fd);
	o->pid_file = absolute(o->pid_file);
	o->syslog_socket = absolute(o->syslog_socket);
}

/* --- time and meta lines -------------------------------------------------- */

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/*
 * Send the line(s) at b->data[from..] to syslog, one message each, without
 * the newline.
 */
static void to_syslog(struct sclogd *d, struct sclog_buf *b, size_t from,
		      int severity)
{
	size_t i = from, j;

	if (!d->o.syslog)
		return;
	while (i < b->len) {
		for (j = i; j < b->len && b->data[j] != '\n'; j++)
			;
		syslog_send(&d->sl, severity, b->data + i, j - i);
		i = j + 1;
	}
}

/* The exempt pids, separated by sep ("..." if there are more). */
static void add_exempt_to(struct sclogd *d, struct sclog_buf *b,
			  const char *sep)
{
	unsigned int i;

	for (i = 0; i < d->sl.nexempt; i++)
		sclog_buf_addf(b, "%s%ld", i ? sep : "",
			       (long)d->sl.exempt[i]);
	if (d->sl.exempt_more && sep[0] == ',' && sep[1] == ' ')
		sclog_buf_adds(b, ", ...");
}

static void add_exempt(struct sclogd *d, const char *sep)
{
	add_exempt_to(d, &d->ob, sep);
}

static void emit_start(struct sclogd *d)
{
	size_t from = d->ob.len;

	if (d->o.raw)
		return;		/* a raw file holds only records */
	if (d->o.fmt == FMT_JSON) {
		sclog_buf_addf(&d->ob, "{\"sclogd\":\"start\",\"time\":%" PRIu64
			       ",\"host\":",
			       (uint64_t)d->start.tv_sec * 1000000000u +
			       (uint64_t)d->start.tv_nsec);
		sclog_escape_json(&d->ob, d->host, strlen(d->host));
		sclog_buf_adds(&d->ob, ",\"kernel\":");
		sclog_escape_json(&d->ob, d->kernel, strlen(d->kernel));
		sclog_buf_adds(&d->ob, ",\"device\":");
		sclog_escape_json(&d->ob, d->o.device, strlen(d->o.device));
		if (d->o.syslog) {
			sclog_buf_adds(&d->ob, ",\"syslog_exempt\":[");
			add_exempt(d, ",");
			sclog_buf_adds(&d->ob, "]");
		}
		sclog_buf_adds(&d->ob, "}\n");
	} else {
		sclog_buf_addf(&d->ob, "# sclogd %d started at ",
			       SCLOGD_LOG_VERSION);
		sclog_format_time_s(&d->ob, (uint64_t)d->start.tv_sec);
		sclog_buf_adds(&d->ob, " on ");
		sclog_escape_text(&d->ob, d->host, strlen(d->host), false);
		sclog_buf_adds(&d->ob, ", kernel ");
		sclog_escape_text(&d->ob, d->kernel, strlen(d->kernel), false);
		sclog_buf_adds(&d->ob, ", ");
		sclog_escape_text(&d->ob, d->o.device, strlen(d->o.device),
				  false);
		if (d->o.syslog && d->sl.nexempt) {
			sclog_buf_addf(&d->ob, "; not forwarding to syslog the "
				       "records of the syslog daemon (pid%s ",
				       d->sl.nexempt > 1 ? "s" : "");
			add_exempt(d, ", ");
			sclog_buf_adds(&d->ob, ")");
		}
		sclog_buf_adds(&d->ob, "\n");
	}
	to_syslog(d, &d->ob, from, SEV_NOTICE);
}

/* "stopped" or "status": the counters of this run. */
static void emit_counters(struct sclogd *d, struct sclog_buf *b,
			  const char *what, bool json)
{
	uint64_t unwritten = d->have_file ? d->file.unwritten : 0;

	if (json) {
		sclog_buf_addf(b, "{\"sclogd\":\"%s\",\"time\":%" PRIu64
			       ",\"records\":%" PRIu64 ",\"lost_records\":%" PRIu64
			       ",\"skipped\":%" PRIu64 ",\"malformed\":%" PRIu64
			       ",\"discarded_bytes\":%" PRIu64
			       ",\"unwritten\":%" PRIu64
			       ",\"syslog_lost\":%" PRIu64,
			       !strcmp(what, "stopped") ? "stop" : what, now_ns(),
			       d->records, d->lost, d->skipped,
			       d->malformed, d->discarded, unwritten,
			       d->sl.lost);
		if (d->o.syslog)
			sclog_buf_addf(b, ",\"syslog_not_forwarded\":%" PRIu64,
				       d->sl.exempted);
		sclog_buf_adds(b, "}\n");
		return;
	}
	sclog_buf_addf(b, "# sclogd %d %s at ", SCLOGD_LOG_VERSION, what);
	sclog_format_time_s(b, (uint64_t)time(NULL));
	sclog_buf_addf(b, ": %" PRIu64 " records, %" PRIu64 " lost, %" PRIu64
		       " skipped (unknown type), %" PRIu64 " malformed (%" PRIu64
		       " bytes discarded), %" PRIu64 " not written",
		       d->records, d->lost, d->skipped, d->malformed,
		       d->discarded, unwritten);
	if (d->o.syslog)
		sclog_buf_addf(b, ", %" PRIu64 " syslog messages lost",
			       d->sl.lost);
	if (d->o.syslog && (d->sl.nexempt || d->sl.exempted)) {
		sclog_buf_addf(b, ", %" PRIu64 " records of the syslog daemon",
			       d->sl.exempted);
		if (d->sl.nexempt) {
			sclog_buf_addf(b, " (pid%s ",
				       d->sl.nexempt > 1 ? "s" : "");
			add_exempt_to(d, b, ", ");
			sclog_buf_adds(b, ")");
		}
		sclog_buf_adds(b, " not forwarded to syslog");
	}
	sclog_buf_adds(b, "\n");
}

/* The gaps not shown in the last second a message was shown in. */
static void raw_lost_quiet(struct sclogd *d)
{
	if (!d->lost_quiet_gaps)
		return;
	msg("lost %" PRIu64 " more records in %" PRIu64 " more gaps "
	    "(not shown one by one)", d->lost_quiet_records,
	    d->lost_quiet_gaps);
	d->lost_quiet_gaps = d->lost_quiet_records = 0;
}

/*
 * --raw: a raw file has no room for a lost line (the gap stays visible in
 * the sequence numbers), so say it on stderr, at most RAW_LOST_MSGS times
 * a second.
 */
static void raw_lost_msg(struct sclogd *d, uint32_t cpu, uint64_t first,
			 uint64_t last, uint64_t n)
{
	time_t now = time(NULL);

	if (now != d->lost_msg_sec) {
		raw_lost_quiet(d);
		d->lost_msg_sec = now;
		d->lost_msgs = 0;
	}
	if (d->lost_msgs < RAW_LOST_MSGS) {
		d->lost_msgs++;
		msg("lost %" PRIu64 " records on CPU %" PRIu32 " (seq %" PRIu64
		    "-%" PRIu64 ")", n, cpu, first, last);
	} else {
		d->lost_quiet_gaps++;
		d->lost_quiet_records += n;
	}
}

static void emit_lost(struct sclogd *d, uint32_t cpu, uint64_t first,
		      uint64_t last, uint64_t time)
{
	uint64_t n = last - first + 1;
	size_t from = d->ob.len;

	d->lost += n;
	sclog_summary_lost(d->sum, cpu, n);
	if (d->o.raw) {
		raw_lost_msg(d, cpu, first, last, n);
		return;
	}
	if (d->o.fmt == FMT_JSON)
		sclog_format_lost_json(&d->ob, time, cpu, first, last);
	else
		sclog_format_lost_text(&d->ob, time, cpu, first, last);
	to_syslog(d, &d->ob, from, SEV_WARNING);
}

/* --- the kernel's status -------------------------------------------------- */

/* Add the growth of the kernel's dropped counters since the last call. */
static void update_dropped(struct sclogd *d)
{
	struct sclog_status st;
	struct sclog_cpu_stats *c;
	uint32_t i;

	if (d->capture)
		return;
	if (sclog_get_status(d->dev, &st, &c) < 0) {
		msg("%s: SCLOG_IOC_GET_STATUS: %s", d->o.device,
		    strerror(errno));
		return;
	}
	for (i = 0; i < st.nr_cpus && i < d->ndropped; i++) {
		/* Also with 0: the summary then says the kernel dropped none. */
		sclog_summary_kernel_dropped(d->sum,
					     c[i].dropped > d->dropped_last[i] ?
					     c[i].dropped - d->dropped_last[i] : 0);
		d->dropped_last[i] = c[i].dropped;
	}
	free(c);
}

/* --- where the last run stopped ---------------------------------------------- */

#define STATE_FILE	".sclogd.state"
#define STATE_MAGIC	"sclogd-state 1 "
#define STATE_MAX	(64 * 1024)

static void read_boot_id(char *buf, size_t n)
{
	FILE *f = fopen("/proc/sys/kernel/random/boot_id", "re");

	buf[0] = '\0';
	if (!f)
		return;
	if (!fgets(buf, (int)n, f))
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
}

/*
 * Take up where the last run of this boot stopped: DIR/.sclogd.state has
 * the next sequence number of each CPU after the records it wrote.  A
 * record read now with a later number means the ones between are not in
 * any log (the kernel dropped them, or the last run read them and died
 * before writing them): a lost line says so, as for any gap.
 */
static void state_open(struct sclogd *d)
{
	char buf[STATE_MAX + 1], *line, *save = NULL;
	unsigned int ncpus = 0;
	ssize_t n;
	int fd;

	d->state_fd = -1;
	if (d->capture || d->o.out != OUT_DIR || !d->have_file)
		return;
	read_boot_id(d->boot_id, sizeof(d->boot_id));
	if (!d->boot_id[0]) {
		msg("cannot read the boot id: records lost between runs of "
		    "sclogd will not be reported");
		return;
	}
	fd = openat(d->file.dirfd, STATE_FILE,
		    O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		msg("%s/%s: %s: records lost between runs of sclogd will not "
		    "be reported", d->o.log_dir, STATE_FILE, strerror(errno));
		return;
	}
	d->state_fd = fd;
	n = pread(fd, buf, STATE_MAX, 0);
	if (n <= 0)
		return;
	d->state_len = (size_t)n;
	buf[n] = '\0';
	line = strtok_r(buf, "\n", &save);
	if (!line || strncmp(line, STATE_MAGIC, strlen(STATE_MAGIC))) {
		msg("%s/%s: not a state file of this sclogd; starting afresh",
		    d->o.log_dir, STATE_FILE);
		return;
	}
	/* Sequence numbers start again at every boot. */
	if (strcmp(line + strlen(STATE_MAGIC), d->boot_id))
		return;
	while ((line = strtok_r(NULL, "\n", &save))) {
		unsigned int cpu;
		uint64_t next;
		char end;

		if (sscanf(line, "%u %" SCNu64 "%c", &cpu, &next, &end) != 2 ||
		    cpu > 65535) {
			msg("%s/%s: malformed line '%.40s'; records lost before "
			    "this run may not be reported", d->o.log_dir,
			    STATE_FILE, line);
			return;
		}
		if (sclog_seq_expect(&d->seq, cpu, next) == SCLOG_SEQ_OK)
			ncpus++;
	}
	if (ncpus)
		msg("resuming after the last run of this boot (%u CPUs)", ncpus);
}

/* Note in the state file how far the log goes (after a good write). */
static void state_save(struct sclogd *d)
{
	char buf[STATE_MAX];
	size_t len, i;
	int w;

	if (d->state_fd < 0)
		return;
	w = snprintf(buf, sizeof(buf), STATE_MAGIC "%s\n", d->boot_id);
	len = (size_t)w;
	for (i = 0; i < d->seq.ncpus && len < sizeof(buf); i++) {
		if (!d->seq.seen[i])
			continue;
		w = snprintf(buf + len, sizeof(buf) - len, "%zu %" PRIu64 "\n",
			     i, d->seq.next[i]);
		if (w < 0 || (size_t)w >= sizeof(buf) - len)
			break;
		len += (size_t)w;
	}
	/* One write: a killed sclogd leaves the old state or the new. */
	if (pwrite(d->state_fd, buf, len, 0) != (ssize_t)len ||
	    (len < d->state_len && ftruncate(d->state_fd, (off_t)len) < 0)) {
		if (!d->state_failing)
			msg("%s/%s: %s: records lost between runs may not be "
			    "reported", d->o.log_dir, STATE_FILE, strerror(errno));
		d->state_failing = true;
		return;
	}
	d->state_failing = false;
	d->state_len = len;
}

/* --- records ---------------------------------------------------------------- */

static void format_record(struct sclogd *d, const struct sclog_rec *rec)
{
	size_t from = d->ob.len;

	switch (d->o.fmt) {
	case FMT_TEXT:
		/* A rule's own log format wins over the default line ... */
		if (!sclog_format_rule_line(&d->ob, rec))
			sclog_format_text(&d->ob, rec);
		break;
	case FMT_JSON:
		/* ... JSON has it as "message" ... */
		sclog_format_json(&d->ob, rec);
		break;
	case FMT_TEMPLATE:
		/* ... and it wins over --format: the admin wrote it for the rule. */
		if (!sclog_format_rule_line(&d->ob, rec))
			sclog_format_template(&d->ob, d->tmpl, rec);
		break;
	}
	/* Never the syslog daemon's own records: they would loop. */
	if (d->o.syslog && syslog_exempt(&d->sl, (pid_t)rec->hdr.pid))
		d->sl.exempted++;
	else
		to_syslog(d, &d->ob, from, SEV_INFO);
}

/*
 * Count the rule of a record in the summary; say on stderr when its rule
 * fields are malformed (the line has rule_error="..."), at most
 * RULE_ERROR_MSGS times a run.  Such a record is counted as malformed.
 */
static void note_rule(struct sclogd *d, const struct sclog_rec *rec)
{
	const struct sclog_record *h = &rec->hdr;
	struct sclog_rule_view rv;
	const char *err = NULL;

	switch (sclog_rec_rule(rec, &rv, &err)) {
	case SCLOG_RULE_OK:
		sclog_summary_rule(d->sum, rv.name, rv.name_len, rv.action,
				   sclog_rec_has_ret(rec) && h->ret < 0);
		break;
	case SCLOG_RULE_BAD:
		d->malformed++;
		if (d->rule_errors++ < RULE_ERROR_MSGS)
			msg("%s: record CPU %u seq %" PRIu64 ": malformed rule "
			    "fields: %s; the record is logged without its "
			    "rule%s", d->o.device, h->cpu, (uint64_t)h->seq,
			    err, d->rule_errors == RULE_ERROR_MSGS ?
			    " (further ones are not shown)" : "");
		break;
	}
}

static void process_record(struct sclogd *d, const struct sclog_rec *rec)
{
	const struct sclog_record *h = &rec->hdr;
	uint64_t first;

	/* Every record, of any type, takes a sequence number of its CPU. */
	switch (sclog_seq_note(&d->seq, h->cpu, h->seq, &first)) {
	case SCLOG_SEQ_GAP:
		emit_lost(d, h->cpu, first, h->seq - 1, h->time_real);
		break;
	case SCLOG_SEQ_BACK:
		msg("CPU %u: sequence went back from %" PRIu64
		    " to %" PRIu64 " (input restarted?)",
		    h->cpu, first, (uint64_t)h->seq);
		break;
	}
	if (h->type == SCLOG_REC_READER) {
		/* A reader came or went (this one, or the one before it). */
		if (!d->o.raw)
			format_record(d, rec);
		d->records++;
		d->batch_records++;
		return;
	}
	if (h->type != SCLOG_REC_SYSCALL) {
		d->skipped++;
		return;
	}

	/* --raw: the batch is written as read, no line. */
	if (!d->o.raw)
		format_record(d, rec);
	d->records++;
	d->batch_records++;

	sclog_summary_add_call(d->sum, h->time_real, h->abi, h->nr, h->uid,
			       h->comm, sclog_rec_comm_len(rec),
			       sclog_rec_has_ret(rec) && h->ret < 0);
	note_rule(d, rec);
}

/* --disk-*-action syslog and halt, when writing starts failing. */
static void disk_failed(struct sclogd *d)
{
	char m[600];
	int n;

	if (!d->file.fail_new ||
	    (d->file.acted != DISK_SYSLOG && d->file.acted != DISK_HALT))
		return;
	n = snprintf(m, sizeof(m), "sclogd: %s: write failed: %s; %s",
		     d->file.path, strerror(d->file.last_errno),
		     d->file.acted == DISK_HALT ? "halting the machine" :
		     "records are lost until it works again");
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(m))
		n = sizeof(m) - 1;
	if (d->o.syslog) {
		syslog_send(&d->sl, SEV_ALERT, m, (size_t)n);
	} else {
		openlog("sclogd", LOG_PID, LOG_DAEMON);
		syslog(LOG_ALERT, "%s", m);
		closelog();
	}
	if (d->file.acted != DISK_HALT)
		return;
	msg("halting the machine: the log cannot be written");
	sync();
	reboot(RB_POWER_OFF);
	msg("cannot halt: reboot: %s; stopping", strerror(errno));
	d->stop = true;
	d->exit_code = EX_RUNTIME;
}

/*
 * Write the batch in d->ob to the log file (syslog has had it already), or
 * with --raw the d->raw_len bytes of whole records at d->rbuf.  With
 * --disk-*-action suspend, a batch that cannot be written stays, and
 * d->suspended is set: nothing is read until a later call writes it.
 */
static void flush_batch(struct sclogd *d)
{
	int r = 0;

	if (d->o.raw) {
		if (d->have_file && d->raw_len)
			r = out_write(&d->file, (const char *)d->rbuf, d->raw_len,
				      d->batch_records);
		d->suspended = r > 0;
		if (r < 0) {
			msg("standard output is closed, stopping");
			d->stop = true;
			d->exit_code = EX_RUNTIME;
		}
		disk_failed(d);
		if (d->suspended)
			return;
		d->raw_len = 0;
		d->batch_records = 0;
		return;
	}
	if (d->ob.oom) {
		msg("out of memory formatting %" PRIu64 " records; they are lost",
		    d->batch_records);
		if (d->have_file)
			d->file.unwritten += d->batch_records;
		d->exit_code = EX_RUNTIME;
	} else if (d->have_file && (d->ob.len || d->batch_records)) {
		r = out_write(&d->file, d->ob.data, d->ob.len, d->batch_records);
		if (r < 0) {
			msg("standard output is closed, stopping");
			d->stop = true;
			d->exit_code = EX_RUNTIME;
		}
	}
	d->suspended = r > 0;
	disk_failed(d);
	if (d->suspended)
		return;
	sclog_buf_reset(&d->ob);
	d->batch_records = 0;
}

/* Decode and format the n bytes at d->rbuf (after any carry). */
static void process_buffer(struct sclogd *d, size_t n)
{
	size_t off = 0;
	struct sclog_rec rec;
	const char *err = NULL;
	long r;

	while (off < n) {
		r = sclog_rec_decode(d->rbuf + off, n - off, &rec, &err);
		if (r > 0) {
			process_record(d, &rec);
			off += (size_t)r;
			continue;
		}
		if (r == SCLOG_REC_NEED_MORE && d->capture) {
			/* The rest arrives with the next read. */
			if (d->o.raw) {
				d->raw_len = off;
				flush_batch(d);
			}
			memmove(d->rbuf, d->rbuf + off, n - off);
			d->carry = n - off;
			d->in_off += off;
			return;
		}
		msg("%s: malformed record at input offset %" PRIu64 ": %s; "
		    "discarding the %zu bytes left in this read", d->o.device,
		    d->in_off + off,
		    r == SCLOG_REC_NEED_MORE ? "incomplete record" :
		    (err ? err : "invalid"), n - off);
		d->malformed++;
		d->discarded += n - off;
		break;
	}
	/* --raw: the whole records before anything malformed. */
	d->raw_len = off;
	d->carry = 0;
	d->in_off += n;
}

/*
 * One read.  Returns 1 if data was processed, 0 for nothing now (EAGAIN),
 * -1 at the end of a capture, -2 on a read error (reported).
 */
static int read_batch(struct sclogd *d)
{
	ssize_t n;

	do
		n = read(d->dev, d->rbuf + d->carry, d->o.read_size);
	while (n < 0 && errno == EINTR);
	if (n < 0 && errno == EAGAIN)
		return 0;
	if (n < 0) {
		msg("%s: read: %s", d->o.device, strerror(errno));
		return -2;
	}
	if (n == 0) {
		if (!d->capture) {
			msg("%s: unexpected end of file", d->o.device);
			return -2;
		}
		if (d->carry) {
			msg("%s: truncated record at input offset %" PRIu64
			    ": the input ends %zu bytes into it", d->o.device,
			    d->in_off, d->carry);
			d->malformed++;
			d->discarded += d->carry;
			d->carry = 0;
		}
		return -1;
	}
	process_buffer(d, d->carry + (size_t)n);
	flush_batch(d);
	if (d->suspended)
		return 0;
	/* What the log holds now (records of a failed write are lost). */
	if (!d->file.failing)
		state_save(d);
	return 1;
}

/* --- signals ---------------------------------------------------------------- */

static void write_summary(struct sclogd *d, bool final);

static void handle_signals(struct sclogd *d)
{
	struct signalfd_siginfo si;

	while (read(d->sigfd, &si, sizeof(si)) == sizeof(si)) {
		switch (si.ssi_signo) {
		case SIGTERM:
		case SIGINT:
			d->stop = true;
			break;
		case SIGHUP:
			if (d->have_file && d->file.dirfd >= 0) {
				out_reopen(&d->file);
				if (d->o.raw)
					break;	/* no line in a raw file */
				if (d->o.fmt == FMT_JSON)
					sclog_buf_addf(&d->ob, "{\"sclogd\":\"reopen\",\"time\":%" PRIu64 "}\n",
						       now_ns());
				else {
					sclog_buf_addf(&d->ob, "# sclogd %d reopened the log at ",
						       SCLOGD_LOG_VERSION);
					sclog_format_time_s(&d->ob, (uint64_t)time(NULL));
					sclog_buf_adds(&d->ob, "\n");
				}
				flush_batch(d);
			}
			break;
		case SIGUSR1:
			write_summary(d, false);
			break;
		}
	}
}

static void write_summary(struct sclogd *d, bool final)
{
	struct sclog_buf b;

	raw_lost_quiet(d);
	update_dropped(d);
	sclog_buf_init(&b);
	emit_counters(d, &b, final ? "stopped" : "status", false);
	sclog_summary_write_text(d->sum, &b, "# ", 0);
	if (!b.oom && b.len)
		fwrite(b.data, 1, b.len, stderr);
	fflush(stderr);
	sclog_buf_free(&b);
	if (final && d->o.raw && msg_to_syslog) {
		/* Daemonized, stderr is /dev/null: the counters to syslog. */
		sclog_buf_init(&b);
		emit_counters(d, &b, "stopped", false);
		if (!b.oom && b.len > 3)
			msg("%.*s", (int)(b.len - 3), b.data + 2);
		sclog_buf_free(&b);
	}
	/*
	 * A raw file has no room for it.  The SIGUSR1 summary goes into the
	 * log too when sclogd is a daemon: its stderr is /dev/null then.
	 */
	if (d->o.raw || (!final && !msg_to_syslog))
		return;
	{
		size_t from = d->ob.len;

		emit_counters(d, &d->ob, final ? "stopped" : "status",
			      d->o.fmt == FMT_JSON);
		to_syslog(d, &d->ob, from, SEV_NOTICE);
	}
	if (d->o.fmt == FMT_JSON)
		sclog_summary_write_json(d->sum, &d->ob);
	else
		sclog_summary_write_text(d->sum, &d->ob, "# ", 0);
	flush_batch(d);
}

/* --- start-up ---------------------------------------------------------------- */

static void report_busy(const char *path)
{
	struct sclog_status st;
	struct sclog_cpu_stats *c;
	int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY);

	if (fd >= 0 && sclog_get_status(fd, &st, &c) == 0 && st.reader_pid) {
		free(c);
		msg("%s is already being read by pid %u", path, st.reader_pid);
	} else {
		msg("%s is already being read by another process", path);
	}
	if (fd >= 0)
		close(fd);
}

static int open_input(struct sclogd *d)
{
	const char *path = d->o.device;
	struct stat st;

	d->dev = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (d->dev < 0) {
		switch (errno) {
		case ENOENT:
		case ENXIO:
		case ENODEV:
			msg("%s: %s (is the kernel built with sclog, "
			    "CONFIG_SYSCALL_AUDIT?)", path, strerror(errno));
			return EX_NOSCLOG;
		case EBUSY:
			report_busy(path);
			return EX_BUSY;
		case EACCES:
		case EPERM:
			msg("%s: %s (reading needs CAP_AUDIT_READ or "
			    "CAP_SYS_ADMIN)", path, strerror(errno));
			return EX_RUNTIME;
		default:
			msg("%s: %s", path, strerror(errno));
			return EX_RUNTIME;
		}
	}
	if (fstat(d->dev, &st) < 0) {
		msg("%s: %s", path, strerror(errno));
		return EX_RUNTIME;
	}
	if (S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode)) {
		d->capture = true;
		d->capture_file = S_ISREG(st.st_mode);
		return 0;
	}
	if (!S_ISCHR(st.st_mode)) {
		msg("%s: not a character device, regular file or FIFO", path);
		return EX_USAGE_;
	}
	return 0;
}

static int setup_device(struct sclogd *d)
{
	struct sclog_status st;
	struct sclog_cpu_stats *c;
	uint64_t total = 0;
	uint32_t i;

	if (sclog_get_status(d->dev, &st, &c) < 0) {
		if (errno == ENOTTY || errno == EINVAL) {
			msg("%s: not an sclog device (SCLOG_IOC_GET_STATUS: %s)",
			    d->o.device, strerror(errno));
			return EX_NOSCLOG;
		}
		msg("%s: SCLOG_IOC_GET_STATUS: %s", d->o.device,
		    strerror(errno));
		return EX_RUNTIME;
	}
	if (st.record_version != SCLOG_RECORD_VERSION) {
		free(c);
		msg("%s: the kernel writes record version %u, sclogd reads "
		    "version %d", d->o.device, st.record_version,
		    SCLOG_RECORD_VERSION);
		return EX_NOSCLOG;
	}
	d->ndropped = st.nr_cpus;
	d->dropped_last = calloc(st.nr_cpus ? st.nr_cpus : 1, sizeof(uint64_t));
	if (!d->dropped_last) {
		free(c);
		msg("out of memory");
		return EX_RUNTIME;
	}
	for (i = 0; i < st.nr_cpus; i++) {
		d->dropped_last[i] = c[i].dropped;
		total += c[i].dropped;
	}
	if (total && d->o.raw) {
		msg("the kernel had dropped %" PRIu64 " records before sclogd "
		    "started", total);
	} else if (total) {
		size_t from = d->ob.len;

		if (d->o.fmt == FMT_JSON) {
			sclog_buf_addf(&d->ob, "{\"sclogd\":\"kernel_dropped\",\"time\":%" PRIu64
				       ",\"records\":%" PRIu64 ",\"cpus\":{",
				       now_ns(), total);
			for (i = 0; i < st.nr_cpus; i++)
				if (c[i].dropped)
					sclog_buf_addf(&d->ob, "%s\"%u\":%" PRIu64,
						       d->ob.data[d->ob.len - 1] == '{' ? "" : ",",
						       c[i].cpu, (uint64_t)c[i].dropped);
			sclog_buf_adds(&d->ob, "}}\n");
		} else {
			sclog_buf_addf(&d->ob, "# the kernel had dropped %" PRIu64
				       " records before sclogd started (", total);
			for (i = 0; i < st.nr_cpus; i++)
				if (c[i].dropped)
					sclog_buf_addf(&d->ob, "%sCPU %u: %" PRIu64,
						       d->ob.data[d->ob.len - 1] == '(' ? "" : ", ",
						       c[i].cpu, (uint64_t)c[i].dropped);
			sclog_buf_adds(&d->ob, ")\n");
		}
		to_syslog(d, &d->ob, from, SEV_WARNING);
	}
	free(c);

	/*
	 * A locked configuration (sclogctl lock, sclog.lock=1) cannot change:
	 * read what it records.  Asking would only be refused (and recorded).
	 */
	if (st.flags & SCLOG_ST_LOCKED) {
		d->locked = true;
		if (!(st.flags & SCLOG_ST_ENABLED) && !d->o.no_enable) {
			msg("%s: recording is off and the configuration is locked "
			    "until reboot: nothing would be recorded", d->o.device);
			return EX_RUNTIME;
		}
		msg("%s: the configuration is locked until reboot: recording as "
		    "it is", d->o.device);
		return 0;
	}
	if (d->o.select_default && ioctl(d->dev, SCLOG_IOC_SELECT_DEFAULT, 0) < 0) {
		msg("%s: cannot select the default set: %s%s", d->o.device,
		    strerror(errno), errno == EPERM ?
		    " (needs CAP_AUDIT_CONTROL)" : "");
		return EX_RUNTIME;
	}
	if (!d->o.no_enable && ioctl(d->dev, SCLOG_IOC_ENABLE, 0) < 0) {
		msg("%s: cannot turn recording on: %s%s", d->o.device,
		    strerror(errno), errno == EPERM ?
		    " (needs CAP_AUDIT_CONTROL; --no-enable leaves it as it is)" :
		    "");
		return EX_RUNTIME;
	}
	return 0;
}

static int setup_signals(struct sclogd *d)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGUSR1);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return -1;
	signal(SIGPIPE, SIG_IGN);
	d->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	return d->sigfd < 0 ? -1 : 0;
}

/*
 * After a stop: read what the kernel holds now, without waiting, but no
 * more than it held when we stopped (the rest of the machine keeps
 * producing records).
 */
static void drain(struct sclogd *d)
{
	struct sclog_status st;
	struct sclog_cpu_stats *c;
	uint64_t budget = UINT64_MAX, done = 0;
	uint32_t i;

	if (d->capture_file || d->exit_code)
		return;
	if (d->suspended) {
		flush_batch(d);
		if (d->suspended) {
			/* Leave the rest to the next reader: it is safe there. */
			msg("stopping while the log cannot be written: the %" PRIu64
			    " records of the batch sclogd holds are lost; the "
			    "kernel buffer is left for the next reader",
			    d->batch_records);
			d->file.unwritten += d->batch_records;
			d->file.kept_done = 0;
			return;
		}
		state_save(d);
	}
	if (!d->capture && sclog_get_status(d->dev, &st, &c) == 0) {
		budget = d->o.read_size;
		for (i = 0; i < st.nr_cpus; i++)
			budget += c[i].fill;
		free(c);
	}
	while (done < budget) {
		uint64_t before = d->in_off;
		int r = read_batch(d);

		if (r <= 0) {
			if (r == -2)
				d->exit_code = EX_RUNTIME;
			break;
		}
		done += d->in_off - before;
	}
}

static int run(struct sclogd *d)
{
	struct pollfd pfd[2];
	int r;

	pfd[0].fd = d->dev;
	pfd[0].events = POLLIN;
	pfd[1].fd = d->sigfd;
	pfd[1].events = POLLIN;
	while (!d->stop) {
		/* Suspended: no reading; the kept batch is tried every second. */
		pfd[0].fd = d->suspended ? -1 : d->dev;
		if (poll(pfd, 2, d->suspended ? 1000 : -1) < 0) {
			if (errno == EINTR)
				continue;
			msg("poll: %s", strerror(errno));
			return EX_RUNTIME;
		}
		if (pfd[1].revents)
			handle_signals(d);
		if (d->stop)
			break;
		if (d->suspended) {
			flush_batch(d);
			if (!d->suspended)
				state_save(d);
			continue;
		}
		if (!pfd[0].revents)
			continue;
		/* Read until EAGAIN, looking at signals between batches. */
		for (;;) {
			r = read_batch(d);
			if (r == -1)
				return 0;	/* end of the capture */
			if (r == -2)
				return EX_RUNTIME;
			if (r == 0)
				break;
			handle_signals(d);
			if (d->stop)
				break;
		}
	}
	/* SIGTERM/SIGINT: what the kernel holds is still logged. */
	drain(d);
	return 0;
}

int main(int argc, char **argv)
{
	static struct sclogd sd;
	struct sclogd *d = &sd;
	struct utsname u;
	char err[256];
	int daemon_fd = -1, pid_fd = -1, code;

	parse_args(&d->o, argc, argv);
	umask(077);
	d->dev = -1;
	d->state_fd = -1;
	d->sl.fd = -1;

	if (d->o.fmt == FMT_TEMPLATE) {
		d->tmpl = sclog_template_new(d->o.template, err, sizeof(err));
		if (!d->tmpl)
			usage_error("--format: %s", err);
	}
	if (setup_signals(d) < 0) {
		msg("signals: %s", strerror(errno));
		return EX_RUNTIME;
	}
	clock_gettime(CLOCK_REALTIME, &d->start);
	if (uname(&u) == 0) {
		snprintf(d->host, sizeof(d->host), "%s", u.nodename);
		snprintf(d->kernel, sizeof(d->kernel), "%s", u.release);
	}

	/*
	 * The device must be opened by the process that reads it (the kernel
	 * never records its reader), so daemonize first; the parent waits
	 * and exits with the child's status until it is ready.
	 */
	{
		struct stat st;

		/* A capture is converted in the foreground. */
		if (stat(d->o.device, &st) == 0 &&
		    (S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode)))
			d->o.foreground = true;
	}
	if (!d->o.foreground)
		daemon_fd = daemon_start();

	code = open_input(d);
	if (code)
		return code;
	if (d->capture && (d->o.select_default || d->o.disable_on_exit)) {
		msg("%s is a capture, not the device: --select-default and "
		    "--disable-on-exit need the device", d->o.device);
		return EX_USAGE_;
	}
	if (!d->capture || d->o.pid_file_set) {
		pid_fd = pidfile_lock(d->o.pid_file, &code);
		if (pid_fd < 0)
			return code;
	}

	d->sum = sclog_summary_new();
	d->rbuf = NULL;
	if (!d->sum || posix_memalign((void **)&d->rbuf, 4096,
				      d->o.read_size + SCLOG_RECORD_MAX)) {
		msg("out of memory");
		code = EX_RUNTIME;
		goto fail;
	}
	sclog_buf_init(&d->ob);

	if (d->o.out == OUT_DIR) {
		code = out_open_dir(&d->file, d->o.log_dir,
				    (long long)d->start.tv_sec,
				    d->o.raw ? "raw" : "log");
		if (code)
			goto fail;
		d->have_file = true;
	} else if (d->o.out == OUT_STDOUT) {
		out_open_stdout(&d->file);
		d->have_file = true;
	}
	d->file.flush = d->o.flush;
	d->file.flush_count = d->o.flush_count;
	d->file.raw = d->o.raw;
	d->file.full_action = d->o.disk_full;
	d->file.error_action = d->o.disk_error;
	/* Only the device can hold records while sclogd waits for the disk. */
	d->file.can_keep = !d->capture;
	if (d->o.syslog &&
	    syslog_open(&d->sl, d->o.syslog_socket, d->o.facility, true) < 0) {
		msg("syslog socket %s: %s", d->o.syslog_socket, strerror(errno));
		code = EX_LOGLOC;
		goto fail;
	}

	state_open(d);
	emit_start(d);
	if (!d->capture) {
		code = setup_device(d);
		if (code) {
			struct stat st;

			/* Leave no empty log behind a failed start. */
			if (d->have_file && d->file.dirfd >= 0 &&
			    fstat(d->file.fd, &st) == 0 && st.st_size == 0)
				unlinkat(d->file.dirfd, d->file.name, 0);
			goto fail;
		}
	}
	flush_batch(d);

	/* Ready. */
	if (pid_fd >= 0)
		pidfile_write(pid_fd, d->o.pid_file);
	if (daemon_fd >= 0) {
		d->sl.pid = getpid();
		daemon_ready(daemon_fd, false);
	}
	notify_systemd("READY=1");
	if (d->o.ready_fd >= 0) {
		if (write(d->o.ready_fd, "\n", 1) < 0)
			msg("--ready-fd %d: %s", d->o.ready_fd, strerror(errno));
		close(d->o.ready_fd);
	}

	code = run(d);
	notify_systemd("STOPPING=1");
	if (code)
		d->exit_code = code;
	write_summary(d, true);

	if (!d->capture && d->o.disable_on_exit && !d->locked &&
	    ioctl(d->dev, SCLOG_IOC_DISABLE, 0) < 0) {
		msg("%s: cannot turn recording off: %s", d->o.device,
		    strerror(errno));
		d->exit_code = EX_RUNTIME;
	}
	if (d->have_file) {
		if (d->file.unwritten)
			d->exit_code = EX_RUNTIME;
		out_close(&d->file);
	}
	if (d->state_fd >= 0)
		close(d->state_fd);
	if (d->malformed)
		d->exit_code = EX_RUNTIME;
	syslog_close(&d->sl);
	close(d->dev);
	if (pid_fd >= 0) {
		unlink(d->o.pid_file);
		close(pid_fd);
	}
	sclog_template_free(d->tmpl);
	sclog_summary_free(d->sum);
	sclog_buf_free(&d->ob);
	free(d->rbuf);
	sclog_seq_free(&d->seq);
	free(d->dropped_last);
	return d->exit_code;

fail:
	/* A failed start: leave no pid file behind. */
	if (pid_fd >= 0) {
		unlink(d->o.pid_file);
		close(pid_fd);
	}
	return code;
}
