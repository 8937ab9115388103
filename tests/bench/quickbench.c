// SPDX-License-Identifier: GPL-2.0-only
/*
 * quickbench: first figures for sclog's cost, in one VM boot.
 *
 * Measures ns per getppid() and per open()+close() pair, each as the
 * median of REPS runs of ITERS calls, in four states:
 *   off          recording disabled (the static key patched out);
 *   unselected   recording on, but the workload's calls not selected;
 *   watching     the same, with a path elsewhere watched for every kind
 *                of access: the opens are followed (names and paths
 *                gathered) and then not recorded;
 *   no fields    recording on with getppid, openat and close selected,
 *                while a child process drains /dev/sclog, records
 *                without variable fields (limits.fields = 0);
 *   recording    the same with the default fields (the name and resolved
 *                path of each open, the path behind each close's fd...).
 * The last two alternate run by run, so that drift in the host hits both.
 * Prints a Markdown table with the ratio of each state to "off", and the
 * ratio of "recording" to "no fields": what the strings cost.
 * Usage: quickbench [ITERS [REPS]]   (defaults 200000 and 7)
 * A benchmark, not a test: it reports, it does not judge.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/sclog.h>

#define BENCH_NAME "quickbench"
#include "bench.h"

#define BENCH_BUF	(64U << 20)

static long iters = 200000;
static struct sclog_buffer saved_buf;
static int reps = 7;
static int ctl = -1;

static double run_getppid(void)
{
	return getppid_ns(iters);
}

static double run_openclose(void)
{
	uint64_t t0;
	long n = iters / 4;

	t0 = now_ns();
	for (long i = 0; i < n; i++) {
		int fd = open("/tmp/quickbench.file", O_RDONLY);

		if (fd < 0)
			die("open");
		close(fd);
	}
	return (double)(now_ns() - t0) / (double)n;
}

static double median_of(double *v)
{
	qsort(v, (size_t)reps, sizeof(v[0]), cmp_double);
	return v[reps / 2];
}

static double median(double (*fn)(void))
{
	double v[64];

	fn();	/* warm-up */
	for (int i = 0; i < reps; i++)
		v[i] = fn();
	return median_of(v);
}

static void set_fields(const struct sclog_limits *base, __u32 fields)
{
	struct sclog_limits l = *base;

	l.fields = fields;
	if (ioctl(ctl, SCLOG_IOC_SET_LIMITS, &l) < 0)
		die("SCLOG_IOC_SET_LIMITS");
}

/* Medians of @fn with no fields (*none) and with @lim's (*with), alternating. */
static void median_pair(double (*fn)(void), const struct sclog_limits *lim,
			double *none, double *with)
{
	double a[64], b[64];

	fn();	/* warm-up */
	for (int i = 0; i < reps; i++) {
		set_fields(lim, 0);
		a[i] = fn();
		set_fields(lim, lim->fields);
		b[i] = fn();
	}
	*none = median_of(a);
	*with = median_of(b);
}

static void select_only(const int *nrs, int n)
{
	struct sclog_select s;

	for (unsigned int abi = 0; abi < SCLOG_NR_ABIS; abi++) {
		memset(&s, 0, sizeof(s));
		s.abi = abi;
		if (abi == SCLOG_ABI_X86_64)
			for (int i = 0; i < n; i++)
				s.bits[nrs[i] / 64] |= 1ULL << (nrs[i] % 64);
		if (ioctl(ctl, SCLOG_IOC_SET_SELECT, &s) < 0)
			die("SCLOG_IOC_SET_SELECT");
	}
}

/* Read everything buffered now from @fd (non-blocking). */
static void drain(int fd)
{
	static char buf[1 << 20];

	while (read(fd, buf, sizeof(buf)) > 0)
		;
}

/*
 * A child that reads /dev/sclog as fast as it can.  The buffers are made
 * big enough (BENCH_BUF per CPU) to hold a whole run, so that no record is
 * dropped: a dropped record costs less than a written one.
 */
static pid_t start_drainer(void)
{
	struct sclog_buffer b;
	int fd, ready[2];
	pid_t pid;
	char c;

	fd = open("/dev/sclog", O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		die("open /dev/sclog for reading (is sclogd running? stop it)");
	drain(fd);
	if (ioctl(ctl, SCLOG_IOC_GET_BUFFER, &b) < 0)
		die("SCLOG_IOC_GET_BUFFER");
	saved_buf = b;
	b.size = BENCH_BUF;
	if (ioctl(ctl, SCLOG_IOC_SET_BUFFER, &b) < 0)
		die("SCLOG_IOC_SET_BUFFER (recording must be off)");
	/* The reader's own calls are never recorded: it must be the child. */
	close(fd);
	if (pipe(ready))
		die("pipe");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		static char buf[1 << 20];

		close(ready[0]);
		fd = open("/dev/sclog", O_RDONLY);
		if (fd < 0)
			die("open /dev/sclog for reading");
		close(ready[1]);
		for (;;)
			if (read(fd, buf, sizeof(buf)) < 0 && errno != EINTR)
				die("read");
	}
	close(ready[1]);
	if (read(ready[0], &c, 1) != 0)
		die("drainer");
	close(ready[0]);
	return pid;
}

static uint64_t dropped_total(void)
{
	struct sclog_cpu_stats cpus[64];
	struct sclog_status st = { .nr_cpus = 64, .cpus = (uintptr_t)cpus };
	uint64_t d = 0;

	if (ioctl(ctl, SCLOG_IOC_GET_STATUS, &st) < 0)
		die("SCLOG_IOC_GET_STATUS");
	for (unsigned int i = 0; i < st.nr_cpus && i < 64; i++)
		d += cpus[i].dropped;
	return d;
}

int main(int argc, char **argv)
{
	static const char *names[] = {
		"off", "on, not selected", "on, not selected, a watch elsewhere",
		"on, recording, no fields", "on, recording, default fields",
	};
	struct sclog_watch *w;
	const int recorded[] = { SYS_getppid, SYS_openat, SYS_open, SYS_close };
	struct sclog_limits lim;
	double g[5], oc[5];
	uint64_t drops;
	pid_t drainer;
	int fd;

	if (argc > 1)
		iters = atol(argv[1]);
	if (argc > 2)
		reps = atoi(argv[2]);
	if (iters < 1000 || reps < 1 || reps > 64) {
		fprintf(stderr, "usage: quickbench [ITERS>=1000 [REPS 1..64]]\n");
		return 2;
	}
	fd = open("/tmp/quickbench.file", O_CREAT | O_WRONLY, 0600);
	if (fd < 0)
		die("create /tmp/quickbench.file");
	close(fd);
	ctl = open("/dev/sclog", O_WRONLY);
	if (ctl < 0)
		die("open /dev/sclog");

	if (ioctl(ctl, SCLOG_IOC_GET_LIMITS, &lim) < 0)
		die("SCLOG_IOC_GET_LIMITS");
	if (ioctl(ctl, SCLOG_IOC_DISABLE, 0) < 0)
		die("SCLOG_IOC_DISABLE");
	g[0] = median(run_getppid);
	oc[0] = median(run_openclose);

	select_only(NULL, 0);
	drainer = start_drainer();
	if (ioctl(ctl, SCLOG_IOC_ENABLE, 0) < 0)
		die("SCLOG_IOC_ENABLE");
	g[1] = median(run_getppid);
	oc[1] = median(run_openclose);

	w = calloc(1, sizeof(*w));
	if (!w)
		die("calloc");
	w->perm = SCLOG_WATCH_ALL;
	strcpy(w->path, "/quickbench/elsewhere");
	if (ioctl(ctl, SCLOG_IOC_ADD_WATCH, w) < 0)
		die("SCLOG_IOC_ADD_WATCH");
	g[2] = median(run_getppid);
	oc[2] = median(run_openclose);
	if (ioctl(ctl, SCLOG_IOC_DEL_WATCH, w) < 0)
		die("SCLOG_IOC_DEL_WATCH");
	free(w);

	drops = dropped_total();
	select_only(recorded, 4);
	median_pair(run_getppid, &lim, &g[3], &g[4]);
	median_pair(run_openclose, &lim, &oc[3], &oc[4]);
	drops = dropped_total() - drops;
	set_fields(&lim, lim.fields);
	if (ioctl(ctl, SCLOG_IOC_DISABLE, 0) < 0)
		die("SCLOG_IOC_DISABLE");
	if (ioctl(ctl, SCLOG_IOC_SELECT_DEFAULT, 0) < 0)
		die("SCLOG_IOC_SELECT_DEFAULT");
	kill(drainer, SIGKILL);
	waitpid(drainer, NULL, 0);
	/* the buffers back to their size, once emptied */
	fd = open("/dev/sclog", O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		die("open /dev/sclog for reading");
	drain(fd);
	if (ioctl(ctl, SCLOG_IOC_SET_BUFFER, &saved_buf) < 0)
		die("SCLOG_IOC_SET_BUFFER (restoring)");
	close(fd);

	printf("quickbench: median of %d runs; getppid x %ld, open+close x %ld\n\n",
	       reps, iters, iters / 4);
	printf("| sclog state | getppid ns | ratio | open+close ns | ratio |\n");
	printf("|---|---|---|---|---|\n");
	for (int i = 0; i < 5; i++)
		printf("| %s | %.0f | %.2f | %.0f | %.2f |\n", names[i], g[i],
		       g[i] / g[0], oc[i], oc[i] / oc[0]);
	printf("\nfields (limits 0x%x, path_max %u) / no fields: getppid %.2f, "
	       "open+close %.2f\n", lim.fields, lim.path_max, g[4] / g[3],
	       oc[4] / oc[3]);
	printf("\nrecords dropped while recording: %llu\n", (unsigned long long)drops);
	return 0;
}
