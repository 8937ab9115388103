// SPDX-License-Identifier: GPL-2.0-only
/*
 * fakedev.so: an LD_PRELOAD stand-in for the ioctls of /dev/sclog, so that
 * test-sclogctl.sh can run sclogctl's status, limits, watch and rules
 * commands without a sclog kernel.
 *
 * ioctl() on a descriptor of the file named by $SCLOG_FAKEDEV (any file,
 * compared by device and inode) answers as the kernel would:
 *   SCLOG_IOC_GET_LIMITS / SET_LIMITS  the limits kept in the file
 *       $SCLOG_FAKEDEV_STATE, one line "fields path_max argv_max
 *       argv_bytes envp_max envp_bytes" (the kernel's defaults when the
 *       file is missing), checked on SET as the kernel checks them
 *       (EINVAL); $SCLOG_FAKEDEV_FIELDS, if set, is the set of field bits
 *       the "kernel" knows (default 0x3f); with $SCLOG_FAKEDEV_NO_LIMITS
 *       set, both fail with ENOTTY (a kernel without fields);
 *   SCLOG_IOC_ADD_WATCH / DEL_WATCH / GET_WATCHES  the watches kept in the
 *       file $SCLOG_FAKEDEV_WATCHES, a line "perm path" each (EEXIST,
 *       ENOENT, ENOSPC beyond SCLOG_WATCHES_MAX, EINVAL for a path not
 *       starting with '/' or a perm of 0 or beyond rwxa); with
 *       $SCLOG_FAKEDEV_NO_WATCHES set, ENOTTY;
 *   SCLOG_IOC_SET_RULES / GET_RULES / DEL_RULES / LOCK  the rule table,
 *       its generation and the lock, kept in the file $SCLOG_FAKEDEV_RULES:
 *       a line "GENERATION LOCKED", then the table's bytes (none: no
 *       rules).  SET checks the table as the kernel does
 *       (sclog_rules_validate(), lib/rules-table.c) and its flags (EINVAL;
 *       always with $SCLOG_FAKEDEV_REFUSE_RULES set), a table of no rules
 *       deletes them; GET fails with ENOSPC, the size set, when the room
 *       given is smaller than the table, and gives size 0 without rules;
 *       each change bumps the generation.  After LOCK, every change (rules,
 *       limits, watches, LOCK again) fails with EPERM, and GET says
 *       SCLOG_RULES_LOCKED.  With $SCLOG_FAKEDEV_NO_RULES set, all four
 *       fail with ENOTTY, and there is no lock;
 *   SCLOG_IOC_GET_FAILURE / SET_FAILURE  the failure settings kept in the
 *       file $SCLOG_FAKEDEV_FAILURE, one line "on_loss no_reader" (the
 *       kernel's defaults, warn and buffer, when the file is missing);
 *       SET refuses what the kernel refuses: EINVAL for an unknown policy
 *       or a reserved field set, EBUSY for blocking with no reader (the
 *       fake device never has one), EPERM after LOCK; with
 *       $SCLOG_FAKEDEV_NO_FAILURE set, both fail with ENOTTY;
 *   SCLOG_IOC_GET_STATUS  recording on, no reader, one CPU; SCLOG_ST_LOCKED
 *       after LOCK;
 *   SCLOG_IOC_GET_SELECT  openat selected on every ABI;
 *   anything else  ENOTTY.
 * Every request is appended by name to $SCLOG_FAKEDEV_LOG, if set.  Other
 * descriptors go to the real ioctl().
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

#include <linux/sclog.h>

#include "rules.h"

static bool is_locked(void);

static bool is_fake(int fd)
{
	const char *path = getenv("SCLOG_FAKEDEV");
	struct stat a, b;

	return path && fstat(fd, &a) == 0 && stat(path, &b) == 0 &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

static void log_request(const char *name)
{
	const char *path = getenv("SCLOG_FAKEDEV_LOG");
	FILE *f;

	if (!path || !(f = fopen(path, "a")))
		return;
	fprintf(f, "%s\n", name);
	fclose(f);
}

static void load(struct sclog_limits *l)
{
	const char *path = getenv("SCLOG_FAKEDEV_STATE");
	FILE *f = path ? fopen(path, "r") : NULL;

	memset(l, 0, sizeof(*l));
	l->fields = 0x1f;
	l->path_max = 4096;
	l->argv_max = 32;
	l->argv_bytes = 4096;
	l->envp_max = 32;
	l->envp_bytes = 4096;
	if (!f)
		return;
	if (fscanf(f, "%u %u %u %u %u %u", &l->fields, &l->path_max,
		   &l->argv_max, &l->argv_bytes, &l->envp_max,
		   &l->envp_bytes) != 6)
		abort();
	fclose(f);
}

static int store(const struct sclog_limits *l)
{
	const char *path = getenv("SCLOG_FAKEDEV_STATE");
	FILE *f = path ? fopen(path, "w") : NULL;

	if (!f)
		return -EIO;
	fprintf(f, "%u %u %u %u %u %u\n", l->fields, l->path_max, l->argv_max,
		l->argv_bytes, l->envp_max, l->envp_bytes);
	return fclose(f) ? -EIO : 0;
}

/* The watches in $SCLOG_FAKEDEV_WATCHES: how many, into w (room for the max). */
static int load_watches(struct sclog_watch *w)
{
	const char *path = getenv("SCLOG_FAKEDEV_WATCHES");
	FILE *f = path ? fopen(path, "r") : NULL;
	int n = 0;

	if (!f)
		return 0;
	while (n < SCLOG_WATCHES_MAX &&
	       fscanf(f, "%u %4095s", &w[n].perm, w[n].path) == 2)
		n++;
	fclose(f);
	return n;
}

static int store_watches(const struct sclog_watch *w, int n)
{
	const char *path = getenv("SCLOG_FAKEDEV_WATCHES");
	FILE *f = path ? fopen(path, "w") : NULL;

	if (!f)
		return -EIO;
	for (int i = 0; i < n; i++)
		fprintf(f, "%u %s\n", w[i].perm, w[i].path);
	return fclose(f) ? -EIO : 0;
}

static int fake_watch(unsigned long req, void *arg)
{
	static struct sclog_watch w[SCLOG_WATCHES_MAX];
	struct sclog_watch_list *l = arg;
	struct sclog_watch *in = arg;
	int n, i;

	if (getenv("SCLOG_FAKEDEV_NO_WATCHES"))
		return -ENOTTY;
	memset(w, 0, sizeof(w));
	n = load_watches(w);
	if (req == SCLOG_IOC_GET_WATCHES) {
		struct sclog_watch *out = (struct sclog_watch *)(uintptr_t)l->watches;

		for (i = 0; out && i < n && i < (int)l->count; i++)
			out[i] = w[i];
		l->count = (uint32_t)n;
		return 0;
	}
	if (in->path[0] != '/' || !memchr(in->path, 0, sizeof(in->path)))
		return -EINVAL;
	for (i = 0; i < n; i++)
		if (!strcmp(w[i].path, in->path))
			break;
	if (is_locked())
		return -EPERM;
	if (req == SCLOG_IOC_DEL_WATCH) {
		if (i == n)
			return -ENOENT;
		memmove(&w[i], &w[i + 1], (size_t)(n - i - 1) * sizeof(w[0]));
		return store_watches(w, n - 1);
	}
	if (!in->perm || (in->perm & ~SCLOG_WATCH_ALL))
		return -EINVAL;
	if (i < n)
		return -EEXIST;
	if (n == SCLOG_WATCHES_MAX)
		return -ENOSPC;
	w[n] = *in;
	return store_watches(w, n + 1);
}

/* The rules file: generation, lock, the table (malloc'd, NULL if none). */
struct rules_state {
	unsigned long long generation;
	int locked;
	char *table;
	size_t size;
};

static void load_rules(struct rules_state *r)
{
	const char *path = getenv("SCLOG_FAKEDEV_RULES");
	FILE *f = path ? fopen(path, "r") : NULL;
	size_t cap = 0;

	memset(r, 0, sizeof(*r));
	if (!f)
		return;
	if (fscanf(f, "%llu %d", &r->generation, &r->locked) != 2 ||
	    fgetc(f) != '\n')
		abort();
	for (;;) {
		if (r->size == cap) {
			cap = cap ? 2 * cap : 4096;
			r->table = realloc(r->table, cap);
			if (!r->table)
				abort();
		}
		size_t got = fread(r->table + r->size, 1, cap - r->size, f);

		if (!got)
			break;
		r->size += got;
	}
	fclose(f);
	if (!r->size) {
		free(r->table);
		r->table = NULL;
	}
}

static int store_rules(const struct rules_state *r)
{
	const char *path = getenv("SCLOG_FAKEDEV_RULES");
	FILE *f = path ? fopen(path, "w") : NULL;

	if (!f)
		return -EIO;
	fprintf(f, "%llu %d\n", r->generation, r->locked);
	if (r->size)
		fwrite(r->table, 1, r->size, f);
	return fclose(f) ? -EIO : 0;
}

static bool is_locked(void)
{
	struct rules_state r;

	if (getenv("SCLOG_FAKEDEV_NO_RULES"))
		return false;
	load_rules(&r);
	free(r.table);
	return r.locked;
}

static int fake_rules(unsigned long req, void *arg)
{
	struct sclog_rules_io *io = arg;
	struct rules_state r;
	char *in;
	int rc = 0;

	if (getenv("SCLOG_FAKEDEV_NO_RULES"))
		return -ENOTTY;
	load_rules(&r);
	switch (req) {
	case SCLOG_IOC_GET_RULES:
		io->flags = r.locked ? SCLOG_RULES_LOCKED : 0;
		io->generation = r.generation;
		if (r.size > io->size || (r.size && !io->table))
			rc = -ENOSPC;
		else if (r.size)
			memcpy((void *)(uintptr_t)io->table, r.table, r.size);
		io->size = (uint32_t)r.size;
		break;
	case SCLOG_IOC_SET_RULES:
		if (r.locked) {
			rc = -EPERM;
			break;
		}
		if (io->flags || io->size < sizeof(struct sclog_rules) ||
		    io->size > SCLOG_RULES_SIZE_MAX ||
		    getenv("SCLOG_FAKEDEV_REFUSE_RULES")) {
			rc = -EINVAL;
			break;
		}
		if (!io->table) {
			rc = -EFAULT;
			break;
		}
		in = (char *)(uintptr_t)io->table;
		if (sclog_rules_validate(in, io->size, NULL, 0) < 0) {
			rc = -EINVAL;
			break;
		}
		free(r.table);
		r.table = NULL;
		r.size = 0;
		if (((const struct sclog_rules *)in)->nr_rules) {
			r.table = malloc(io->size);
			if (!r.table)
				abort();
			memcpy(r.table, in, io->size);
			r.size = io->size;
		}
		r.generation++;
		rc = store_rules(&r);
		break;
	case SCLOG_IOC_DEL_RULES:
		if (r.locked) {
			rc = -EPERM;
			break;
		}
		if (r.size) {
			free(r.table);
			r.table = NULL;
			r.size = 0;
			r.generation++;
			rc = store_rules(&r);
		}
		break;
	case SCLOG_IOC_LOCK:
		if (r.locked) {
			rc = -EPERM;
			break;
		}
		r.locked = 1;
		rc = store_rules(&r);
		break;
	}
	free(r.table);
	return rc;
}

/* The failure settings in $SCLOG_FAKEDEV_FAILURE, into f. */
static void load_failure(struct sclog_failure *f)
{
	const char *path = getenv("SCLOG_FAKEDEV_FAILURE");
	FILE *in = path ? fopen(path, "r") : NULL;

	memset(f, 0, sizeof(*f));
	f->on_loss = SCLOG_LOSS_PRINTK;
	f->no_reader = SCLOG_NOREADER_BUFFER;
	if (!in)
		return;
	if (fscanf(in, "%u %u", &f->on_loss, &f->no_reader) != 2)
		abort();
	fclose(in);
}

static int fake_failure(unsigned long req, struct sclog_failure *f)
{
	const char *path = getenv("SCLOG_FAKEDEV_FAILURE");
	FILE *out;

	if (getenv("SCLOG_FAKEDEV_NO_FAILURE"))
		return -ENOTTY;
	if (req == SCLOG_IOC_GET_FAILURE) {
		load_failure(f);
		return 0;
	}
	if (f->on_loss > SCLOG_LOSS_PANIC || f->no_reader > SCLOG_NOREADER_BLOCK ||
	    f->waiting || f->__reserved)
		return -EINVAL;
	if (is_locked())
		return -EPERM;
	if (f->no_reader == SCLOG_NOREADER_BLOCK)
		return -EBUSY;
	out = path ? fopen(path, "w") : NULL;
	if (!out)
		return -EIO;
	fprintf(out, "%u %u\n", f->on_loss, f->no_reader);
	return fclose(out) ? -EIO : 0;
}

static int fake(unsigned long req, void *arg)
{
	const char *known = getenv("SCLOG_FAKEDEV_FIELDS");
	uint32_t all = known ? (uint32_t)strtoul(known, NULL, 0) : 0x3f;
	struct sclog_limits *l = arg;
	struct sclog_status *st = arg;
	struct sclog_select *sel = arg;

	switch (req) {
	case SCLOG_IOC_GET_LIMITS:
		log_request("GET_LIMITS");
		if (getenv("SCLOG_FAKEDEV_NO_LIMITS"))
			return -ENOTTY;
		load(l);
		return 0;
	case SCLOG_IOC_SET_LIMITS:
		log_request("SET_LIMITS");
		if (getenv("SCLOG_FAKEDEV_NO_LIMITS"))
			return -ENOTTY;
		if (is_locked())
			return -EPERM;
		if (l->__reserved[0] || l->__reserved[1] || (l->fields & ~all) ||
		    l->path_max < 1 || l->path_max > SCLOG_PATH_MAX ||
		    l->argv_max < 1 || l->argv_max > SCLOG_STRINGS_MAX ||
		    l->argv_bytes < 1 || l->argv_bytes > SCLOG_STRINGS_BYTES_MAX ||
		    l->envp_max < 1 || l->envp_max > SCLOG_STRINGS_MAX ||
		    l->envp_bytes < 1 || l->envp_bytes > SCLOG_STRINGS_BYTES_MAX)
			return -EINVAL;
		return store(l);
	case SCLOG_IOC_ADD_WATCH:
		log_request("ADD_WATCH");
		return fake_watch(req, arg);
	case SCLOG_IOC_DEL_WATCH:
		log_request("DEL_WATCH");
		return fake_watch(req, arg);
	case SCLOG_IOC_GET_WATCHES:
		log_request("GET_WATCHES");
		return fake_watch(req, arg);
	case SCLOG_IOC_SET_RULES:
		log_request("SET_RULES");
		return fake_rules(req, arg);
	case SCLOG_IOC_GET_RULES:
		log_request("GET_RULES");
		return fake_rules(req, arg);
	case SCLOG_IOC_DEL_RULES:
		log_request("DEL_RULES");
		return fake_rules(req, arg);
	case SCLOG_IOC_LOCK:
		log_request("LOCK");
		return fake_rules(req, arg);
	case SCLOG_IOC_GET_FAILURE:
		log_request("GET_FAILURE");
		return fake_failure(req, arg);
	case SCLOG_IOC_SET_FAILURE:
		log_request("SET_FAILURE");
		return fake_failure(req, arg);
	case SCLOG_IOC_GET_STATUS:
		log_request("GET_STATUS");
		st->flags = SCLOG_ST_ENABLED | (is_locked() ? SCLOG_ST_LOCKED : 0);
		if (st->nr_cpus >= 1 && st->cpus) {
			struct sclog_cpu_stats *c =
				(struct sclog_cpu_stats *)(uintptr_t)st->cpus;

			memset(c, 0, sizeof(*c));
			c->recorded = 10;
			c->bytes = 1840;
			c->next_seq = 10;
		}
		st->nr_cpus = 1;
		st->reader_pid = 0;
		st->record_version = SCLOG_RECORD_VERSION;
		st->buffer.size = 1 << 20;
		st->buffer.policy = SCLOG_FULL_DROP;
		st->buffer.wait_ms = 0;
		return 0;
	case SCLOG_IOC_GET_SELECT:
		log_request("GET_SELECT");
		memset(sel->bits, 0, sizeof(sel->bits));
		/* openat: 257 on x86_64 and x32, 295 on i386 */
		if (sel->abi == SCLOG_ABI_I386)
			sel->bits[295 / 64] = 1ULL << (295 % 64);
		else
			sel->bits[257 / 64] = 1ULL << (257 % 64);
		return 0;
	default:
		log_request("other");
		return -ENOTTY;
	}
}

int ioctl(int fd, unsigned long req, ...)
{
	static int (*real)(int, unsigned long, ...);
	va_list ap;
	void *arg;
	int r;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (is_fake(fd)) {
		r = fake(req, arg);
		if (r < 0) {
			errno = -r;
			return -1;
		}
		return r;
	}
	if (!real)
		real = (int (*)(int, unsigned long, ...))dlsym(RTLD_NEXT, "ioctl");
	if (!real) {
		errno = ENOSYS;
		return -1;
	}
	return real(fd, req, arg);
}
