/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the benchmarks (each one a single-file static program,
 * built by "./build.sh userland").  Define BENCH_NAME before including.
 */
#ifndef SCLOG_BENCH_H
#define SCLOG_BENCH_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* Say what failed, with errno, and exit 1. */
static inline void die(const char *what)
{
	fprintf(stderr, BENCH_NAME ": %s: %s\n", what, strerror(errno));
	exit(1);
}

static inline uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* ns per getppid() over @iters calls: the cheapest call there is. */
static inline double getppid_ns(long iters)
{
	uint64_t t0 = now_ns();

	for (long i = 0; i < iters; i++)
		syscall(SYS_getppid);
	return (double)(now_ns() - t0) / (double)iters;
}

/* qsort() order of doubles. */
static inline int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

#endif
