// SPDX-License-Identifier: GPL-2.0-only
/*
 * stress: abuse /dev/sclog for a bounded time and check that every refused
 * call left the configuration as it was.  Built 64-bit (stress) and 32-bit
 * (stress32, whose ioctls go through the compat path).  Run as root, with
 * no other reader on the device, by tests/vm/tests/stress.sh.
 *
 * usage: stress [-c SECONDS] [-s SECONDS] [-j THREADS] [-r SEED] [DEVICE]
 *
 * Phase 1, chaos (-c, default 20 s): THREADS threads (default 4) at once
 * throw ioctls at the device (known requests with random, boundary and
 * mutated-valid structures; known numbers with the wrong size or
 * direction; unknown numbers; bad pointers: NULL, unmapped, kernel
 * addresses, structures running into an unmapped page), read it with
 * every kind of size and buffer, open and close it (one reader at a time),
 * poll it, reconfigure it with valid changes (recording on and off,
 * selection, watches, limits, buffer, rules, failure settings) and start
 * short-lived processes whose calls are recorded meanwhile.
 * Phase 2, serial (-s, default 10 s): one thread throws the same bad
 * calls, taking a snapshot of the whole configuration before and after
 * each (status, the three selections, buffer, limits, watches, rules and
 * their generation, failure settings): a refused call must change
 * nothing.
 *
 * Some calls are defused before they are made, since they would outlive
 * the test: SCLOG_IOC_LOCK is never sent (it locks until reboot); a
 * failure setting of panic or block becomes warn or buffer; a buffer of
 * more than 16 MiB per CPU is made 16 MiB and a wait over 20 ms 20 ms;
 * every rule of an uploaded table gets the action LOG or IGNORE (a table
 * whose rules cannot all be walked gets version 0, which the kernel
 * refuses); a pointer member that random bytes made point into the
 * program's own memory (the kernel would write there) points at an
 * unmapped page instead.  Each defused call is counted.
 *
 * Prints the configuration the serial phase starts from and how its time
 * split between the calls and the snapshots; per request the calls made,
 * their outcomes and the time spent in them (total and longest), and the
 * same time for the processes started; then
 * "refused calls that changed the configuration: N" and
 * "unexpected errors: N".  Exit status: 0 when both are 0, 1 otherwise,
 * 2 for bad usage or a device that cannot be opened.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/sclog.h>

#define NERR 134		/* errno values counted */
#define SCRATCH (1 << 20)	/* bytes of each thread's scratch area */
#define BUF_CAP (16U << 20)	/* the largest buffer per CPU the test sets */
#define WAIT_CAP 20		/* the longest wait_ms it sets */

struct req {
	const char *name;
	unsigned long cmd;
	unsigned long tried, ok, defused;
	unsigned long err[NERR];
	uint64_t ns, max_ns;	/* time inside the calls: total, longest */
};

#define R(x) { .name = #x, .cmd = SCLOG_IOC_##x }
static struct req reqs[] = {
	R(ENABLE), R(DISABLE), R(GET_SELECT), R(SET_SELECT), R(GET_BUFFER),
	R(SET_BUFFER), R(GET_STATUS), R(SELECT_DEFAULT), R(GET_LIMITS),
	R(SET_LIMITS), R(ADD_WATCH), R(DEL_WATCH), R(GET_WATCHES), R(SET_RULES),
	R(GET_RULES), R(DEL_RULES), R(LOCK), R(GET_FAILURE), R(SET_FAILURE),
	R(EXEMPT),
	{ .name = "other (unknown or wrong size)" },
	{ .name = "read" },
	{ .name = "open for reading" },
	{ .name = "poll" },
};
#define NREQ (sizeof(reqs) / sizeof(reqs[0]))
#define R_OTHER (NREQ - 4)
#define R_READ (NREQ - 3)
#define R_OPEN (NREQ - 2)
#define R_POLL (NREQ - 1)

static const char *device = "/dev/sclog";
static volatile int stop;
static unsigned long changed, unexpected, forks;
static uint64_t forks_ns, forks_max_ns;
static uint64_t seed;
static unsigned char *valid_rules;	/* the rule table active at start */
static uint32_t valid_rules_size;

struct thread {
	uint64_t rng;
	unsigned char *area;	/* SCRATCH bytes, then a PROT_NONE page */
	int ctl;		/* write-only descriptor for the ioctls */
	int reader;		/* read descriptor, or -1 */
};

static uint64_t rnd(struct thread *t)
{
	/* xorshift64* */
	t->rng ^= t->rng >> 12;
	t->rng ^= t->rng << 25;
	t->rng ^= t->rng >> 27;
	return t->rng * 0x2545F4914F6CDD1DULL;
}

static uint64_t below(struct thread *t, uint64_t n)
{
	return n ? rnd(t) % n : 0;
}

/* The index in reqs of a known request, else R_OTHER. */
static size_t req_index(unsigned long cmd)
{
	size_t r;

	for (r = 0; r < R_OTHER && reqs[r].cmd != cmd; r++)
		;
	return r;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec;
}

/* Adds the time since @t0 to @total and keeps the longest in @max. */
static void add_time(uint64_t *total, uint64_t *max, uint64_t t0)
{
	uint64_t d = now_ns() - t0, m = __atomic_load_n(max, __ATOMIC_RELAXED);

	__atomic_fetch_add(total, d, __ATOMIC_RELAXED);
	while (d > m && !__atomic_compare_exchange_n(max, &m, d, false, __ATOMIC_RELAXED,
						     __ATOMIC_RELAXED))
		;
}

/* Counts a call of request @r begun at @t0 that returned @ret (@err). */
static void count(size_t r, long ret, int err, uint64_t t0)
{
	add_time(&reqs[r].ns, &reqs[r].max_ns, t0);
	__atomic_fetch_add(&reqs[r].tried, 1, __ATOMIC_RELAXED);
	if (ret >= 0)
		__atomic_fetch_add(&reqs[r].ok, 1, __ATOMIC_RELAXED);
	else if (err > 0 && err < NERR)
		__atomic_fetch_add(&reqs[r].err[err], 1, __ATOMIC_RELAXED);
}

/* An errno a refused call of a known request may give. */
static bool expected_errno(int err)
{
	switch (err) {
	case EINVAL: case EFAULT: case EPERM: case EBUSY: case ENOTTY:
	case ENOENT: case EEXIST: case ENOSPC: case E2BIG: case ENAMETOOLONG:
	case ENOMEM: case EAGAIN: case ERANGE: case EOVERFLOW: case EMSGSIZE:
	case EINTR:
		return true;
	}
	return false;
}

/* ------------------------------------------------------------ values */

static uint32_t interesting32(struct thread *t)
{
	static const uint32_t v[] = {
		0, 1, 2, 3, 4, 5, 7, 8, 31, 32, 63, 64, 65, 255, 256, 1023, 1024,
		1025, 4095, 4096, 4097, 16384, 16385, 32768, 65535, 65536, 65537,
		1U << 20, SCLOG_BUF_MAX, SCLOG_BUF_MAX * 2U, SCLOG_WAIT_MAX_MS,
		SCLOG_WAIT_MAX_MS + 1, SCLOG_RULES_MAX, SCLOG_RULES_MAX + 1,
		SCLOG_RULES_SIZE_MAX, SCLOG_RULES_SIZE_MAX + 1, 0x7fffffff,
		0x80000000, 0xfffffffe, 0xffffffff,
	};

	if (below(t, 4) == 0)
		return (uint32_t)rnd(t);
	return v[below(t, sizeof(v) / sizeof(v[0]))];
}

/*
 * An address no user memory of this process is at: the kernel's half, or
 * for a 32-bit process the top of its 4 GiB (above its TASK_SIZE).
 */
#ifdef __x86_64__
#define BAD_ADDR 0xffffffff81000000ULL
#else
#define BAD_ADDR 0xfffff000ULL
#endif

/*
 * A pointer for the ioctl argument or a structure's pointer member: NULL,
 * tiny, unmapped, running into the guard page, or the scratch area.  Never
 * into the rest of this process's memory, which the kernel would write.
 */
static uint64_t pointer(struct thread *t)
{
	switch (below(t, 8)) {
	case 0: return 0;
	case 1: return 1;
	case 2: return BAD_ADDR;
	case 3: return (uintptr_t)(t->area + SCRATCH);	/* the guard page */
	case 4: return (uintptr_t)(t->area + SCRATCH - 1 - below(t, 64));
	case 5: return BAD_ADDR + below(t, 4096);
	default: return (uintptr_t)(t->area + SCRATCH / 2);
	}
}

/* Random bytes, with boundary values, into p. */
static void fill(struct thread *t, void *p, size_t len)
{
	unsigned char *b = p;
	size_t i;

	for (i = 0; i + 4 <= len; i += 4) {
		uint32_t v = below(t, 3) ? interesting32(t) : 0;

		memcpy(b + i, &v, 4);
	}
	for (; i < len; i++)
		b[i] = (unsigned char)rnd(t);
}

/* ------------------------------------------------------------ defusing */

/* Whether [p, p + len) lies in the thread's scratch area. */
static bool ours(struct thread *t, uint64_t p, uint64_t len)
{
	uintptr_t a = (uintptr_t)t->area;

	return p >= a && len <= SCRATCH && p - a <= SCRATCH - len;
}

/* Make every rule of the table at p LOG or IGNORE, or the table invalid. */
static void defuse_rules(struct thread *t, uint64_t p, uint64_t size)
{
	struct sclog_rules *h = (struct sclog_rules *)(uintptr_t)p;
	uint64_t off = sizeof(*h), avail;
	uint32_t i;

	if (!ours(t, p, sizeof(*h)))
		return;
	avail = (uintptr_t)t->area + SCRATCH - p;
	if (size > avail)
		size = avail;
	if (h->size < size)
		size = h->size;
	for (i = 0; i < h->nr_rules; i++) {
		struct sclog_rule *r = (struct sclog_rule *)(uintptr_t)(p + off);

		if (off + sizeof(*r) > size || r->size < sizeof(*r) || r->size % 8 ||
		    r->size > size - off) {
			h->version = 0;
			return;
		}
		if (r->action != SCLOG_ACT_LOG && r->action != SCLOG_ACT_IGNORE) {
			r->action = SCLOG_ACT_LOG;
			r->error = 0;
		}
		off += r->size;
	}
}

/*
 * A pointer member at p (8 bytes) that random bytes made point into this
 * process's memory outside the scratch area (a GET would have the kernel
 * write there) is pointed at the guard page instead.  Returns whether.
 */
static bool defuse_pointer(struct thread *t, unsigned char *p)
{
	uintptr_t a = (uintptr_t)t->area;
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	if (v < 65536 || v >= BAD_ADDR || (v >= a && v < a + SCRATCH + 4096))
		return false;
#ifdef __x86_64__
	/* 64-bit: only a random value can be beyond 4 GiB; it is unmapped. */
	if (v >= (1ULL << 32))
		return false;
#endif
	v = a + SCRATCH;
	memcpy(p, &v, sizeof(v));
	return true;
}

/* Returns true when the call must not be made at all. */
static bool defuse(struct thread *t, unsigned long cmd, uint64_t arg, size_t *r)
{
	size_t i = req_index(cmd);
	bool done = true;

	*r = i;
	if (cmd == SCLOG_IOC_LOCK) {
		__atomic_fetch_add(&reqs[i].defused, 1, __ATOMIC_RELAXED);
		return true;
	}
	if (cmd == SCLOG_IOC_SET_FAILURE && ours(t, arg, sizeof(struct sclog_failure))) {
		struct sclog_failure *f = (void *)(uintptr_t)arg;

		done = f->on_loss == SCLOG_LOSS_PANIC || f->no_reader == SCLOG_NOREADER_BLOCK;
		if (f->on_loss == SCLOG_LOSS_PANIC)
			f->on_loss = SCLOG_LOSS_PRINTK;
		if (f->no_reader == SCLOG_NOREADER_BLOCK)
			f->no_reader = SCLOG_NOREADER_BUFFER;
	} else if (cmd == SCLOG_IOC_SET_BUFFER && ours(t, arg, sizeof(struct sclog_buffer))) {
		struct sclog_buffer *b = (void *)(uintptr_t)arg;

		done = b->size > BUF_CAP || b->wait_ms > WAIT_CAP;
		if (b->size > BUF_CAP)
			b->size = BUF_CAP;
		if (b->wait_ms > WAIT_CAP)
			b->wait_ms = WAIT_CAP;
	} else if ((cmd == SCLOG_IOC_SET_RULES || cmd == SCLOG_IOC_GET_RULES) &&
		   ours(t, arg, sizeof(struct sclog_rules_io))) {
		struct sclog_rules_io *io = (void *)(uintptr_t)arg;

		done = defuse_pointer(t, (unsigned char *)&io->table);
		if (cmd == SCLOG_IOC_SET_RULES)
			defuse_rules(t, io->table, io->size);
	} else if (cmd == SCLOG_IOC_GET_STATUS && ours(t, arg, sizeof(struct sclog_status))) {
		done = defuse_pointer(t, (unsigned char *)(uintptr_t)arg +
				      offsetof(struct sclog_status, cpus));
	} else if (cmd == SCLOG_IOC_GET_WATCHES &&
		   ours(t, arg, sizeof(struct sclog_watch_list))) {
		done = defuse_pointer(t, (unsigned char *)(uintptr_t)arg +
				      offsetof(struct sclog_watch_list, watches));
	} else {
		done = false;
	}
	if (done)
		__atomic_fetch_add(&reqs[i].defused, 1, __ATOMIC_RELAXED);
	return false;
}

/* ------------------------------------------------------------ bad calls */

/* Fill a structure of the request at p: random, or a mutated valid one. */
static void make_arg(struct thread *t, unsigned long cmd, unsigned char *p, size_t len)
{
	fill(t, p, len);
	switch (cmd) {
	case SCLOG_IOC_GET_SELECT:
	case SCLOG_IOC_SET_SELECT:
		if (below(t, 2)) {
			struct sclog_select *s = (void *)p;

			s->abi = (uint32_t)below(t, 4);
			s->__reserved = below(t, 4) ? 0 : s->__reserved;
		}
		break;
	case SCLOG_IOC_GET_STATUS:
		if (below(t, 2)) {
			struct sclog_status *s = (void *)p;

			s->nr_cpus = (uint32_t)below(t, 9);
			s->cpus = pointer(t);
		}
		break;
	case SCLOG_IOC_GET_WATCHES:
		if (below(t, 2)) {
			struct sclog_watch_list *w = (void *)p;

			w->count = (uint32_t)below(t, 80);
			w->__reserved = 0;
			w->watches = pointer(t);
		}
		break;
	case SCLOG_IOC_ADD_WATCH:
	case SCLOG_IOC_DEL_WATCH:
		if (below(t, 2)) {
			struct sclog_watch *w = (void *)p;
			static const char *const paths[] = {
				"/tmp/stress/w", "/tmp/stress/w/", "/tmp//stress", "tmp",
				"/tmp/./x", "/tmp/../etc", "/", "", "/tmp/stress/\xff",
			};

			w->perm = (uint32_t)below(t, 32);
			w->__reserved = below(t, 4) ? 0 : 1;
			if (below(t, 4))
				snprintf(w->path, sizeof(w->path), "%s",
					 paths[below(t, sizeof(paths) / sizeof(paths[0]))]);
		}
		break;
	case SCLOG_IOC_SET_RULES:
	case SCLOG_IOC_GET_RULES:
		if (below(t, 3)) {
			struct sclog_rules_io *io = (void *)p;
			unsigned char *tab = t->area + SCRATCH / 2;
			uint32_t size = (uint32_t)below(t, 8192);

			if (valid_rules && below(t, 2)) {
				/* the valid table with a few bytes changed */
				size = valid_rules_size;
				memcpy(tab, valid_rules, size);
				for (int k = (int)below(t, 4); k >= 0; k--)
					tab[below(t, size)] = (unsigned char)rnd(t);
			} else {
				struct sclog_rules *h = (void *)tab;

				fill(t, tab, size);
				if (size >= sizeof(*h) && below(t, 2)) {
					h->size = size;
					h->version = SCLOG_RULES_VERSION;
					h->nr_rules = (uint32_t)below(t, 4);
					h->__reserved = 0;
				}
			}
			io->table = below(t, 8) ? (uintptr_t)tab : pointer(t);
			io->size = below(t, 8) ? size : interesting32(t);
			io->flags = below(t, 4) ? 0 : interesting32(t);
		}
		break;
	}
}

/* One bad or random ioctl; its request index and result in *rp, *retp. */
static void bad_ioctl(struct thread *t, size_t *rp, long *retp, int *errp)
{
	unsigned long cmd;
	uint64_t arg;
	size_t r, len;
	unsigned char *p;
	uint64_t t0;
	long ret;

	switch (below(t, 10)) {
	case 0: case 1: case 2: case 3: case 4: case 5:
		cmd = reqs[below(t, R_OTHER)].cmd;
		break;
	case 6: case 7:	/* a known number with other direction and size bits */
		cmd = _IOC(below(t, 4), SCLOG_IOC_MAGIC,
			   _IOC_NR(reqs[below(t, R_OTHER)].cmd), below(t, 1 << 14));
		break;
	case 8:		/* an unknown number */
		cmd = _IOC(below(t, 4), SCLOG_IOC_MAGIC, 0x14 + below(t, 0xec),
			   below(t, 256));
		break;
	default:
		cmd = (uint32_t)rnd(t);
	}
	len = _IOC_SIZE(cmd);
	if (len > 4096)
		len = 4096;
	/* the structure: at the start of the area, or running into the guard page */
	if (below(t, 6) == 0 && len)
		p = t->area + SCRATCH - 1 - below(t, len);
	else
		p = t->area;
	if (p == t->area || p + len <= t->area + SCRATCH)
		make_arg(t, cmd, p, len);
	else
		fill(t, p, (size_t)(t->area + SCRATCH - p));
	switch (below(t, 12)) {
	case 0: arg = 0; break;
	case 1: arg = pointer(t); break;
	default: arg = (uintptr_t)p;
	}
	if (defuse(t, cmd, arg, &r)) {
		*rp = r;
		*retp = 0;
		*errp = -1;
		return;
	}
	t0 = now_ns();
	ret = ioctl(t->ctl, cmd, (unsigned long)arg);
	*errp = ret < 0 ? errno : 0;
	*rp = r;
	*retp = ret;
	count(r, ret, *errp, t0);
	if (ret < 0 && r < R_OTHER && !expected_errno(*errp)) {
		__atomic_fetch_add(&unexpected, 1, __ATOMIC_RELAXED);
		fprintf(stderr, "stress: %s (cmd 0x%lx): unexpected %s\n", reqs[r].name, cmd,
			strerror(*errp));
	}
}

/* Reads of every kind of size and buffer. */
static void bad_read(struct thread *t)
{
	static const size_t sizes[] = {
		0, 1, 7, 8, sizeof(struct sclog_record) - 1, sizeof(struct sclog_record),
		4095, 4096, SCLOG_RECORD_MAX - 1, SCLOG_RECORD_MAX, SCRATCH,
	};
	size_t size = below(t, 4) ? sizes[below(t, sizeof(sizes) / sizeof(sizes[0]))] :
				    (size_t)below(t, SCRATCH);
	void *buf;
	uint64_t t0;
	ssize_t ret;

	if (t->reader < 0)
		return;
	switch (below(t, 8)) {
	case 0: buf = NULL; break;
	case 1: buf = (void *)(uintptr_t)BAD_ADDR; break;
	case 2: buf = t->area + SCRATCH - below(t, 512); break;	/* runs into the guard */
	default: buf = t->area;
	}
	/* A buffer in the area that runs past its end: often trimmed to fit. */
	if ((unsigned char *)buf >= t->area && (unsigned char *)buf <= t->area + SCRATCH &&
	    size > (size_t)(t->area + SCRATCH - (unsigned char *)buf) && below(t, 2))
		size = (size_t)(t->area + SCRATCH - (unsigned char *)buf);
	t0 = now_ns();
	ret = read(t->reader, buf, size);
	count(R_READ, ret, ret < 0 ? errno : 0, t0);
}

/* ------------------------------------------------------------ valid changes */

static void valid_change(struct thread *t)
{
	static const char *const watch_paths[] = {
		"/tmp/stress/w0", "/tmp/stress/w1", "/tmp/stress", "/etc/passwd",
	};
	unsigned long cmd;
	union {
		struct sclog_select s;
		struct sclog_buffer b;
		struct sclog_limits l;
		struct sclog_watch w;
		struct sclog_failure f;
		struct sclog_rules_io io;
	} u;
	uint64_t t0;
	size_t r;
	long ret;

	memset(&u, 0, sizeof(u));
	switch (below(t, 10)) {
	case 0:
		cmd = below(t, 2) ? SCLOG_IOC_ENABLE : SCLOG_IOC_DISABLE;
		break;
	case 1:
		cmd = SCLOG_IOC_SET_SELECT;
		u.s.abi = (uint32_t)below(t, 3);
		if (ioctl(t->ctl, SCLOG_IOC_GET_SELECT, &u.s) < 0)
			return;
		u.s.bits[below(t, SCLOG_SELECT_WORDS)] ^= 1ULL << below(t, 64);
		break;
	case 2:
		cmd = SCLOG_IOC_SELECT_DEFAULT;
		break;
	case 3:
		cmd = below(t, 2) ? SCLOG_IOC_ADD_WATCH : SCLOG_IOC_DEL_WATCH;
		u.w.perm = 1 + (uint32_t)below(t, 15);
		snprintf(u.w.path, sizeof(u.w.path), "%s",
			 watch_paths[below(t, sizeof(watch_paths) / sizeof(watch_paths[0]))]);
		break;
	case 4:
		cmd = SCLOG_IOC_SET_LIMITS;
		u.l.fields = (uint32_t)below(t, 64);
		u.l.path_max = 1 + (uint32_t)below(t, SCLOG_PATH_MAX);
		u.l.argv_max = 1 + (uint32_t)below(t, 64);
		u.l.argv_bytes = 1 + (uint32_t)below(t, 8192);
		u.l.envp_max = 1 + (uint32_t)below(t, 64);
		u.l.envp_bytes = 1 + (uint32_t)below(t, 8192);
		break;
	case 5:
		cmd = SCLOG_IOC_SET_BUFFER;
		u.b.size = below(t, 2) ? 65536 : 1 << 20;
		u.b.policy = (uint32_t)below(t, 2);
		u.b.wait_ms = u.b.policy == SCLOG_FULL_WAIT ? 1 + (uint32_t)below(t, WAIT_CAP) : 0;
		break;
	case 6:
		cmd = SCLOG_IOC_SET_FAILURE;
		u.f.on_loss = (uint32_t)below(t, 2);
		break;
	case 7:
		if (!valid_rules || below(t, 3) == 0) {
			cmd = SCLOG_IOC_DEL_RULES;
			break;
		}
		cmd = SCLOG_IOC_SET_RULES;
		u.io.table = (uintptr_t)valid_rules;
		u.io.size = valid_rules_size;
		break;
	case 8:
		cmd = SCLOG_IOC_EXEMPT;
		break;
	default: {
		struct sclog_status st;
		struct sclog_cpu_stats cpus[8];

		memset(&st, 0, sizeof(st));
		st.nr_cpus = 8;
		st.cpus = (uintptr_t)cpus;
		t0 = now_ns();
		ret = ioctl(t->ctl, SCLOG_IOC_GET_STATUS, &st);
		count(req_index(SCLOG_IOC_GET_STATUS), ret, ret < 0 ? errno : 0, t0);
		return;
	}
	}
	r = req_index(cmd);
	t0 = now_ns();
	ret = ioctl(t->ctl, cmd, &u);
	count(r, ret, ret < 0 ? errno : 0, t0);
}

/* A short-lived process whose calls are recorded. */
static void workload(struct thread *t)
{
	uint64_t t0 = now_ns();
	pid_t pid = fork();
	int i;

	if (pid < 0)
		return;
	if (pid == 0) {
		for (i = 0; i < 200; i++) {
			int fd = open("/tmp/stress/w0", O_RDONLY | O_CREAT, 0600);

			if (fd >= 0)
				close(fd);
			syscall(SYS_getppid);
		}
		if (below(t, 4) == 0)
			execl("/bin/true", "true", (char *)NULL);
		_exit(0);
	}
	__atomic_fetch_add(&forks, 1, __ATOMIC_RELAXED);
	waitpid(pid, NULL, 0);
	add_time(&forks_ns, &forks_max_ns, t0);
}

static void reader_toggle(struct thread *t)
{
	uint64_t t0;

	if (t->reader >= 0) {
		close(t->reader);
		t->reader = -1;
		return;
	}
	t0 = now_ns();
	t->reader = open(device, O_RDONLY | (below(t, 2) ? O_NONBLOCK : 0) | O_CLOEXEC);
	count(R_OPEN, t->reader, t->reader < 0 ? errno : 0, t0);
	if (t->reader >= 0 && !(fcntl(t->reader, F_GETFL) & O_NONBLOCK))
		fcntl(t->reader, F_SETFL, O_NONBLOCK);
}

static void do_poll(struct thread *t)
{
	struct pollfd p = { .fd = t->reader, .events = POLLIN };
	uint64_t t0;
	int ret;

	if (t->reader < 0)
		return;
	t0 = now_ns();
	ret = poll(&p, 1, (int)below(t, 3));
	count(R_POLL, ret, ret < 0 ? errno : 0, t0);
}

static struct thread *new_thread(int i)
{
	struct thread *t = calloc(1, sizeof(*t));

	if (!t)
		exit(2);
	t->rng = seed * 0x9E3779B97F4A7C15ULL + (uint64_t)i + 1;
	t->area = mmap(NULL, SCRATCH + 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (t->area == MAP_FAILED || mprotect(t->area + SCRATCH, 4096, PROT_NONE) < 0) {
		perror("stress: mmap");
		exit(2);
	}
	t->ctl = open(device, O_WRONLY | O_CLOEXEC);
	if (t->ctl < 0) {
		fprintf(stderr, "stress: %s: %s\n", device, strerror(errno));
		exit(2);
	}
	t->reader = -1;
	return t;
}

static void *chaos(void *arg)
{
	struct thread *t = arg;
	size_t r;
	long ret;
	int err;

	while (!stop) {
		switch (below(t, 20)) {
		case 0: case 1: case 2: case 3: case 4: case 5: case 6: case 7:
			bad_ioctl(t, &r, &ret, &err);
			break;
		case 8: case 9: case 10:
			bad_read(t);
			break;
		case 11:
			reader_toggle(t);
			break;
		case 12:
			do_poll(t);
			break;
		case 13: case 14: case 15: case 16:
			valid_change(t);
			break;
		default:
			workload(t);
		}
	}
	if (t->reader >= 0)
		close(t->reader);
	return NULL;
}

/* ------------------------------------------------------------ snapshots */

struct snap {
	uint32_t flags;
	struct sclog_select sel[3];
	struct sclog_buffer buf;
	struct sclog_limits lim;
	struct sclog_failure fail;
	uint32_t nwatch;
	struct sclog_watch *watches;	/* SCLOG_WATCHES_MAX */
	uint64_t generation;
	uint32_t rules_size;
	unsigned char *rules;		/* SCLOG_RULES_SIZE_MAX */
};

static void snap_alloc(struct snap *s)
{
	memset(s, 0, sizeof(*s));
	s->watches = calloc(SCLOG_WATCHES_MAX, sizeof(*s->watches));
	s->rules = malloc(SCLOG_RULES_SIZE_MAX);
	if (!s->watches || !s->rules)
		exit(2);
}

static int take(int fd, struct snap *s)
{
	struct sclog_status st = { 0 };
	struct sclog_watch_list wl = { 0 };
	struct sclog_rules_io io = { 0 };
	int abi;

	if (ioctl(fd, SCLOG_IOC_GET_STATUS, &st) < 0)
		return -1;
	s->flags = st.flags & (SCLOG_ST_ENABLED | SCLOG_ST_LOCKED);
	for (abi = 0; abi < 3; abi++) {
		memset(&s->sel[abi], 0, sizeof(s->sel[abi]));
		s->sel[abi].abi = (uint32_t)abi;
		if (ioctl(fd, SCLOG_IOC_GET_SELECT, &s->sel[abi]) < 0)
			return -1;
	}
	memset(&s->buf, 0, sizeof(s->buf));
	memset(&s->lim, 0, sizeof(s->lim));
	memset(&s->fail, 0, sizeof(s->fail));
	if (ioctl(fd, SCLOG_IOC_GET_BUFFER, &s->buf) < 0 ||
	    ioctl(fd, SCLOG_IOC_GET_LIMITS, &s->lim) < 0 ||
	    ioctl(fd, SCLOG_IOC_GET_FAILURE, &s->fail) < 0)
		return -1;
	s->fail.waiting = 0;
	memset(s->watches, 0, SCLOG_WATCHES_MAX * sizeof(*s->watches));
	wl.count = SCLOG_WATCHES_MAX;
	wl.watches = (uintptr_t)s->watches;
	if (ioctl(fd, SCLOG_IOC_GET_WATCHES, &wl) < 0)
		return -1;
	s->nwatch = wl.count;
	io.table = (uintptr_t)s->rules;
	io.size = SCLOG_RULES_SIZE_MAX;
	if (ioctl(fd, SCLOG_IOC_GET_RULES, &io) < 0)
		return -1;
	s->generation = io.generation;
	s->rules_size = io.size;
	return 0;
}

/* What differs between two snapshots, or NULL. */
static const char *differs(const struct snap *a, const struct snap *b)
{
	if (a->flags != b->flags)
		return "recording on/off or the lock";
	if (memcmp(a->sel, b->sel, sizeof(a->sel)))
		return "the selection";
	if (memcmp(&a->buf, &b->buf, sizeof(a->buf)))
		return "the buffer settings";
	if (memcmp(&a->lim, &b->lim, sizeof(a->lim)))
		return "the limits";
	if (memcmp(&a->fail, &b->fail, sizeof(a->fail)))
		return "the failure settings";
	if (a->nwatch != b->nwatch ||
	    memcmp(a->watches, b->watches, a->nwatch * sizeof(*a->watches)))
		return "the watches";
	if (a->generation != b->generation || a->rules_size != b->rules_size ||
	    memcmp(a->rules, b->rules, a->rules_size))
		return "the rules";
	return NULL;
}

static unsigned int bits(const struct sclog_select *s)
{
	unsigned int n = 0;
	size_t w;

	for (w = 0; w < SCLOG_SELECT_WORDS; w++)
		n += (unsigned int)__builtin_popcountll(s->bits[w]);
	return n;
}

/*
 * What the chaos left, which the serial phase starts from: its pace
 * depends on it (its own calls are recorded when their system call is
 * selected, and wait for room under the wait policy when no reader is
 * attached).
 */
static void describe(const struct snap *s)
{
	printf("serial: starts with recording %s, %u/%u/%u calls selected (64-bit/32-bit/x32), buffer %u bytes per CPU, policy %s",
	       s->flags & SCLOG_ST_ENABLED ? "on" : "off", bits(&s->sel[0]), bits(&s->sel[1]),
	       bits(&s->sel[2]), s->buf.size,
	       s->buf.policy == SCLOG_FULL_WAIT ? "wait" : "drop");
	if (s->buf.policy == SCLOG_FULL_WAIT)
		printf(" (%u ms)", s->buf.wait_ms);
	printf(", %u watches, %u bytes of rules\n", s->nwatch, s->rules_size);
}

static void serial(struct thread *t, int seconds)
{
	struct snap before, after, tmp;
	time_t end = time(NULL) + seconds;
	unsigned long calls = 0, refused = 0;
	uint64_t t0, t1, in_calls = 0, in_snaps = 0;
	const char *what;
	size_t r;
	long ret;
	int err;

	snap_alloc(&before);
	snap_alloc(&after);
	if (take(t->ctl, &before) < 0) {
		perror("stress: snapshot");
		exit(1);
	}
	describe(&before);
	while (time(NULL) < end) {
		t0 = now_ns();
		bad_ioctl(t, &r, &ret, &err);
		if (err < 0)
			continue;	/* defused, not made */
		calls++;
		t1 = now_ns();
		in_calls += t1 - t0;
		if (take(t->ctl, &after) < 0) {
			perror("stress: snapshot");
			exit(1);
		}
		in_snaps += now_ns() - t1;
		if (ret < 0) {
			refused++;
			what = differs(&before, &after);
			if (what) {
				changed++;
				fprintf(stderr, "stress: %s, refused with %s, changed %s\n",
					r < R_OTHER ? reqs[r].name : "an unknown request",
					strerror(err), what);
			}
		}
		tmp = before;
		before = after;
		after = tmp;
	}
	printf("serial: %lu calls, %lu refused, each checked against a snapshot of the configuration\n",
	       calls, refused);
	printf("serial: %.3f s in the calls, %.3f s in the snapshots\n", in_calls / 1e9,
	       in_snaps / 1e9);
}

static void report(void)
{
	size_t r;
	int e;

	for (r = 0; r < NREQ; r++) {
		if (!reqs[r].tried && !reqs[r].defused)
			continue;
		printf("%-30s %8lu tried %8lu ok", reqs[r].name, reqs[r].tried, reqs[r].ok);
		for (e = 1; e < NERR; e++)
			if (reqs[r].err[e])
				printf(", %lu %s", reqs[r].err[e], strerrorname_np(e));
		if (reqs[r].defused)
			printf(" (%lu defused)", reqs[r].defused);
		printf("; %.3f s, longest %.3f s\n", reqs[r].ns / 1e9, reqs[r].max_ns / 1e9);
	}
	printf("processes started: %lu; %.3f s, longest %.3f s\n", forks, forks_ns / 1e9,
	       forks_max_ns / 1e9);
	printf("refused calls that changed the configuration: %lu\n", changed);
	printf("unexpected errors: %lu\n", unexpected);
}

int main(int argc, char **argv)
{
	int chaos_s = 20, serial_s = 10, threads = 4, opt, i, fd;
	struct sclog_rules_io io = { 0 };
	pthread_t *tids;
	struct thread **ts;

	seed = (uint64_t)time(NULL);
	while ((opt = getopt(argc, argv, "c:s:j:r:")) != -1) {
		switch (opt) {
		case 'c': chaos_s = atoi(optarg); break;
		case 's': serial_s = atoi(optarg); break;
		case 'j': threads = atoi(optarg); break;
		case 'r': seed = strtoull(optarg, NULL, 0); break;
		default:
			fprintf(stderr, "usage: stress [-c SECONDS] [-s SECONDS] [-j THREADS] [-r SEED] [DEVICE]\n");
			return 2;
		}
	}
	if (optind < argc)
		device = argv[optind];
	if (chaos_s < 0 || serial_s < 0 || threads < 1 || threads > 64) {
		fprintf(stderr, "stress: bad -c, -s or -j\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	printf("stress: %s, seed %llu, %d threads, chaos %d s, serial %d s, %zu-bit\n", device,
	       (unsigned long long)seed, threads, chaos_s, serial_s, sizeof(long) * 8);
	fflush(stdout);

	/* The rule table active now: the start of mutated-valid uploads. */
	fd = open(device, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "stress: %s: %s\n", device, strerror(errno));
		return 2;
	}
	valid_rules = malloc(SCLOG_RULES_SIZE_MAX);
	io.table = (uintptr_t)valid_rules;
	io.size = SCLOG_RULES_SIZE_MAX;
	if (!valid_rules || ioctl(fd, SCLOG_IOC_GET_RULES, &io) < 0 || !io.size) {
		free(valid_rules);
		valid_rules = NULL;
	} else {
		valid_rules_size = io.size;
	}
	close(fd);

	tids = calloc((size_t)threads, sizeof(*tids));
	ts = calloc((size_t)threads, sizeof(*ts));
	if (!tids || !ts)
		return 2;
	for (i = 0; i < threads; i++) {
		ts[i] = new_thread(i);
		if (pthread_create(&tids[i], NULL, chaos, ts[i])) {
			fprintf(stderr, "stress: pthread_create failed\n");
			return 2;
		}
	}
	sleep((unsigned int)chaos_s);
	stop = 1;
	for (i = 0; i < threads; i++)
		pthread_join(tids[i], NULL);
	printf("chaos: done\n");
	serial(ts[0], serial_s);
	report();
	return changed || unexpected ? 1 : 0;
}
