// SPDX-License-Identifier: GPL-2.0-only
/*
 * rulesbench: what sclog's rules cost per system call, in one VM boot.
 *
 * Measures ns per getppid() and per openat()+close() pair (medians of
 * REPS runs of ITERS calls) with recording off, in these states:
 *   none        no rules (the hooks patched out);
 *   elsewhere   256 rules, all on uname: the measured calls pay the
 *               entry hook's one bit test;
 *   N int       N rules (1, 16, 256) naming the call, none matching,
 *               each "UID == 12345": the walk of the call's list;
 *   N string    N rules naming openat, each 'PARAMS[2] == "/nonexistent"'
 *               (the name is read from user memory once per call);
 *   N path      N rules naming openat, each 'PATH == "/nonexistent"' (the
 *               path resolved once per call, before it runs).
 * States alternate run by run, so that drift in the host hits all of
 * them.  Prints a Markdown table: ns per call, and the cost added to
 * "none" per call and per rule.  Under TCG absolute times mean little;
 * the differences in one boot, and their growth with N, are the figures.
 * Usage: rulesbench [ITERS [REPS]]   (defaults 100000 and 7)
 * A benchmark, not a test: it reports, it does not judge.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <linux/sclog.h>

#define BENCH_NAME "rulesbench"
#include "bench.h"

#define MAX_RULES	256
#define TABLE_MAX	(MAX_RULES * 256)

static long iters = 100000;
static int reps = 7;
static int ctl = -1;
static const char path[] = "/tmp/rulesbench.file";

static double run_getppid(void)
{
	return getppid_ns(iters);
}

static double run_openclose(void)
{
	long n = iters / 4;
	uint64_t t0 = now_ns();

	for (long i = 0; i < n; i++) {
		int fd = syscall(SYS_openat, AT_FDCWD, path, O_RDONLY);

		if (fd < 0)
			die("openat");
		close(fd);
	}
	return (double)(now_ns() - t0) / (double)n;
}

enum kind { K_INT, K_STRING, K_PATH };

/*
 * A table of @n rules on x86_64 call @nr, each LOG with the filter of
 * @kind, which never matches.  Laid out as the UAPI header says.
 */
static size_t make_table(char *t, int n, int nr, enum kind kind)
{
	static const char operand[] = "/nonexistent";
	struct sclog_rules *hdr = (void *)t;
	size_t off = sizeof(*hdr);

	memset(t, 0, TABLE_MAX);
	for (int i = 0; i < n; i++) {
		struct sclog_rule *r = (void *)(t + off);
		struct sclog_rule_call *c = (void *)(r + 1);
		struct sclog_rule_insn *in = (void *)(c + 1);
		char *name = (char *)(in + 1);
		size_t strtab;

		c->nr = nr;
		c->abi = SCLOG_ABI_X86_64;
		/* openat(dfd, pathname, ...) */
		c->path_arg = nr == SYS_openat ? 1 : SCLOG_ARG_NONE;
		c->dfd_arg = nr == SYS_openat ? 0 : SCLOG_ARG_NONE;
		in->op = SCLOG_OP_CMP;
		switch (kind) {
		case K_INT:
			in->var = SCLOG_VAR_UID;
			in->cmp = SCLOG_CMP_EQ;
			in->val = 12345;
			break;
		case K_STRING:
			in->var = SCLOG_VAR_PARAM;
			in->arg = 1;
			/* fall through */
		case K_PATH:
			if (kind == K_PATH)
				in->var = SCLOG_VAR_PATH;
			in->cmp = SCLOG_CMP_STR_EQ;
			in->len = sizeof(operand) - 1;
			in->val = 0;
			break;
		}
		r->action = SCLOG_ACT_LOG;
		r->nr_calls = 1;
		r->nr_insns = 1;
		r->name_len = snprintf(name, 16, "r%d", i);
		strtab = (size_t)(name - (char *)r) + ((r->name_len + 7) & ~7U);
		if (kind != K_INT) {
			r->strtab_len = sizeof(operand);
			memcpy((char *)r + strtab, operand, sizeof(operand));
		}
		r->size = (strtab + r->strtab_len + 7) & ~7UL;
		off += r->size;
	}
	hdr->size = off;
	hdr->version = SCLOG_RULES_VERSION;
	hdr->nr_rules = n;
	return off;
}

struct state {
	const char *name;
	int n, nr;
	enum kind kind;
	char *table;
	size_t size;
	double getppid[64], openclose[64];
};

static void set_state(const struct state *s)
{
	struct sclog_rules_io io = {
		.table = (unsigned long)s->table, .size = s->size,
	};

	if (!s->n) {
		if (ioctl(ctl, SCLOG_IOC_DEL_RULES, 0))
			die("SCLOG_IOC_DEL_RULES");
		return;
	}
	if (ioctl(ctl, SCLOG_IOC_SET_RULES, &io))
		die("SCLOG_IOC_SET_RULES");
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
	static struct state st[] = {
		{ .name = "none", .n = 0, .nr = 0, .kind = K_INT },
		{ .name = "elsewhere (256 on uname)", .n = 256, .nr = SYS_uname, .kind = K_INT },
		{ .name = "1 int", .n = 1, .nr = -1, .kind = K_INT },
		{ .name = "16 int", .n = 16, .nr = -1, .kind = K_INT },
		{ .name = "256 int", .n = 256, .nr = -1, .kind = K_INT },
		{ .name = "1 string", .n = 1, .nr = SYS_openat, .kind = K_STRING },
		{ .name = "16 string", .n = 16, .nr = SYS_openat, .kind = K_STRING },
		{ .name = "256 string", .n = 256, .nr = SYS_openat, .kind = K_STRING },
		{ .name = "1 path", .n = 1, .nr = SYS_openat, .kind = K_PATH },
		{ .name = "16 path", .n = 16, .nr = SYS_openat, .kind = K_PATH },
		{ .name = "256 path", .n = 256, .nr = SYS_openat, .kind = K_PATH },
	};
	const int ns = sizeof(st) / sizeof(st[0]);
	struct sclog_status status = { 0 };
	double base_g, base_o;
	int fd;

	if (argc > 1)
		iters = strtol(argv[1], NULL, 10);
	if (argc > 2)
		reps = atoi(argv[2]);
	if (iters < 1000 || reps < 1 || reps > 64) {
		fprintf(stderr, "usage: rulesbench [ITERS>=1000 [REPS 1-64]]\n");
		return 2;
	}
	ctl = open("/dev/sclog", O_WRONLY | O_CLOEXEC);
	if (ctl < 0)
		die("/dev/sclog");
	if (ioctl(ctl, SCLOG_IOC_GET_STATUS, &status))
		die("SCLOG_IOC_GET_STATUS");
	if (status.flags & SCLOG_ST_ENABLED)
		fprintf(stderr, "rulesbench: note: recording is on; the figures include it\n");
	fd = open(path, O_WRONLY | O_CREAT, 0600);
	if (fd < 0)
		die(path);
	close(fd);
	/* The int rules name both measured calls: one state, two lists. */
	for (int i = 0; i < ns; i++) {
		st[i].table = malloc(2 * TABLE_MAX);
		if (!st[i].table)
			die("malloc");
		if (st[i].nr == -1) {
			struct sclog_rules *a = (void *)st[i].table;
			size_t sa = make_table(st[i].table, st[i].n, SYS_getppid, K_INT);
			char *b = malloc(TABLE_MAX);
			size_t sb;

			if (!b)
				die("malloc");
			sb = make_table(b, st[i].n, SYS_openat, K_INT);
			memcpy(st[i].table + sa, b + sizeof(struct sclog_rules),
			       sb - sizeof(struct sclog_rules));
			a->size = sa + sb - sizeof(struct sclog_rules);
			a->nr_rules = 2 * st[i].n;
			st[i].size = a->size;
			free(b);
		} else if (st[i].n) {
			st[i].size = make_table(st[i].table, st[i].n, st[i].nr,
						st[i].kind);
		}
	}
	/* Warm up, then alternate the states run by run. */
	run_getppid();
	for (int r = 0; r < reps; r++) {
		for (int i = 0; i < ns; i++) {
			set_state(&st[i]);
			st[i].getppid[r] = run_getppid();
			st[i].openclose[r] = run_openclose();
		}
	}
	set_state(&st[0]);
	printf("rulesbench: %ld calls per run, median of %d runs, recording off\n\n",
	       iters, reps);
	printf("| rules | getppid ns | +ns | +ns/rule | openat+close ns | +ns | +ns/rule |\n");
	printf("|---|---|---|---|---|---|---|\n");
	base_g = median(st[0].getppid, reps);
	base_o = median(st[0].openclose, reps);
	for (int i = 0; i < ns; i++) {
		double g = median(st[i].getppid, reps);
		double o = median(st[i].openclose, reps);
		int per = st[i].n && st[i].nr != SYS_uname ? st[i].n : 0;
		int on_g = st[i].nr == -1;

		printf("| %s | %.0f | %+.0f | ", st[i].name, g, g - base_g);
		if (per && on_g)
			printf("%+.1f", (g - base_g) / per);
		else
			printf("-");
		printf(" | %.0f | %+.0f | ", o, o - base_o);
		if (per)
			printf("%+.1f", (o - base_o) / per);
		else
			printf("-");
		printf(" |\n");
	}
	unlink(path);
	return 0;
}
