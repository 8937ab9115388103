// SPDX-License-Identifier: GPL-2.0-only
/*
 * benchwork: the workloads of "./build.sh bench", one per run.
 *
 *   benchwork getppid N       N getppid() calls; prints ns per call
 *   benchwork openclose N     N open()+close() pairs of one file; ns per pair
 *   benchwork copy N          copies a 256 KiB file N times with
 *                             fopen/fread/fwrite/fclose (the first users'
 *                             test, 100 files); prints seconds for all N
 *   benchwork forkexec N PROG N times fork, exec PROG (a static "true"),
 *                             wait; prints microseconds each
 *   benchwork storm SECONDS   one thread per online CPU, each calling
 *                             getppid() in a loop for SECONDS; prints the
 *                             calls per second of all threads together
 *   benchwork true            exits 0 at once (the PROG of forkexec)
 *
 * Files live in the current directory (the driver runs it in a tmpfs).
 * The result is the only line on standard output; errors go to standard
 * error and exit 1.  A workload, not a test: it measures, it does not judge.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BENCH_NAME "benchwork"
#include "bench.h"

#define COPY_SIZE	(256 * 1024)
#define STORM_MAX	64

static long count(const char *s)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (errno || *end || n < 1) {
		fprintf(stderr, BENCH_NAME ": '%s' is not a positive count\n", s);
		exit(2);
	}
	return n;
}

static double openclose(long n)
{
	static const char name[] = "benchwork.file";
	uint64_t t0;
	int fd;

	fd = open(name, O_CREAT | O_WRONLY, 0600);
	if (fd < 0)
		die("create benchwork.file");
	close(fd);
	t0 = now_ns();
	for (long i = 0; i < n; i++) {
		fd = open(name, O_RDONLY);
		if (fd < 0)
			die("open benchwork.file");
		close(fd);
	}
	return (double)(now_ns() - t0) / (double)n;
}

static void copy_file(const char *from, const char *to)
{
	static char buf[8192];
	FILE *in, *out;
	size_t got;

	in = fopen(from, "r");
	if (!in)
		die(from);
	out = fopen(to, "w");
	if (!out)
		die(to);
	while ((got = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, got, out) != got)
			die("fwrite");
	if (ferror(in))
		die("fread");
	if (fclose(out))
		die("fclose");
	fclose(in);
}

static double copy(long n)
{
	char name[64];
	uint64_t t0;
	FILE *f;

	f = fopen("benchwork.src", "w");
	if (!f)
		die("create benchwork.src");
	for (long i = 0; i < COPY_SIZE; i++)
		putc((int)(i * 7 % 251), f);
	if (fclose(f))
		die("write benchwork.src");
	t0 = now_ns();
	for (long i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "benchwork.copy%ld", i);
		copy_file("benchwork.src", name);
	}
	t0 = now_ns() - t0;
	for (long i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "benchwork.copy%ld", i);
		unlink(name);
	}
	unlink("benchwork.src");
	return (double)t0 / 1e9;
}

static double forkexec(long n, const char *prog)
{
	char *const argv[] = { (char *)prog, "true", NULL };
	char *const envp[] = { NULL };
	uint64_t t0 = now_ns();

	for (long i = 0; i < n; i++) {
		int status;
		pid_t pid = fork();

		if (pid < 0)
			die("fork");
		if (pid == 0) {
			execve(prog, argv, envp);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) != pid)
			die("waitpid");
		if (!WIFEXITED(status) || WEXITSTATUS(status)) {
			fprintf(stderr, BENCH_NAME ": %s did not exit 0\n", prog);
			exit(1);
		}
	}
	return (double)(now_ns() - t0) / (double)n / 1e3;
}

static atomic_bool storm_stop;
static long storm_calls[STORM_MAX];

static void *storm_thread(void *arg)
{
	long *calls = arg, n = 0;

	while (!atomic_load_explicit(&storm_stop, memory_order_relaxed)) {
		for (int i = 0; i < 256; i++)
			syscall(SYS_getppid);
		n += 256;
	}
	*calls = n;
	return NULL;
}

static double storm(long seconds)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN), total = 0;
	pthread_t th[STORM_MAX];
	struct timespec d = { .tv_sec = seconds };
	uint64_t t0;

	if (cpus < 1)
		cpus = 1;
	if (cpus > STORM_MAX)
		cpus = STORM_MAX;
	t0 = now_ns();
	for (long i = 0; i < cpus; i++) {
		errno = pthread_create(&th[i], NULL, storm_thread, &storm_calls[i]);
		if (errno)
			die("pthread_create");
	}
	while (nanosleep(&d, &d) && errno == EINTR)
		;
	atomic_store(&storm_stop, true);
	for (long i = 0; i < cpus; i++) {
		pthread_join(th[i], NULL);
		total += storm_calls[i];
	}
	return (double)total / ((double)(now_ns() - t0) / 1e9);
}

int main(int argc, char **argv)
{
	const char *w = argc > 1 ? argv[1] : "";
	double r;

	if (!strcmp(w, "true"))
		return 0;
	if (argc < 3 || (!strcmp(w, "forkexec") && argc < 4)) {
		fprintf(stderr, "usage: benchwork getppid|openclose|copy|storm N\n"
				"       benchwork forkexec N PROG\n"
				"       benchwork true\n");
		return 2;
	}
	if (!strcmp(w, "getppid"))
		r = getppid_ns(count(argv[2]));
	else if (!strcmp(w, "openclose"))
		r = openclose(count(argv[2]));
	else if (!strcmp(w, "copy"))
		r = copy(count(argv[2]));
	else if (!strcmp(w, "forkexec"))
		r = forkexec(count(argv[2]), argv[3]);
	else if (!strcmp(w, "storm"))
		r = storm(count(argv[2]));
	else {
		fprintf(stderr, BENCH_NAME ": unknown workload '%s'\n", w);
		return 2;
	}
	printf("%.6g\n", r);
	return 0;
}
