// SPDX-License-Identifier: GPL-2.0-only
/*
 * sclogctl: show and change the state of sclog (/dev/sclog): recording on
 * or off, the selection of system calls per ABI, the buffer settings, the
 * fields records carry and their limits, watched paths, the rules
 * (sclog.rules(5): compiled here, uploaded, read back, deleted), the lock,
 * and the per-CPU counters.  See sclogctl(8).
 *
 * The device is opened write-only, so sclogctl works while sclogd reads it.
 * Every argument is validated before the device is opened: a bad one
 * changes nothing.
 *
 * Exit status: 0 success, 1 runtime error, 2 usage error or bad argument
 * (a rules file with errors too), 4 the kernel has no sclog (or not the
 * feature asked for), 5 permission denied, 6 the configuration is locked
 * until reboot; "exempt" exits with COMMAND's status, or 126 if COMMAND
 * cannot be run, 127 if it is not found.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/sclog.h>

#include "device.h"
#include "fields.h"
#include "rules.h"
#include "syscalls.h"
#include "util.h"

#define EX_OK		0
#define EX_ERR		1
#define EX_USAGE	2
#define EX_NOSCLOG	4
#define EX_PERM		5
#define EX_LOCKED	6

static const char *device = "/dev/sclog";
/* The device while open: device_error() asks it whether EPERM is the lock. */
static int device_fd = -1;

static bool locked(int fd);

static void usage(FILE *f)
{
	fprintf(f,
		"usage: sclogctl [-D DEVICE] COMMAND [ARGS]\n"
		"commands:\n"
		"  status [--json]           state, selection, buffer, limits, per-CPU counters\n"
		"  enable                    start recording\n"
		"  disable                   stop recording\n"
		"  select NAME...            add system calls to the selection\n"
		"  deselect NAME...          remove system calls from the selection\n"
		"  buffer [--size SIZE] [--policy drop|wait] [--wait-ms N]\n"
		"                            show or change the buffer settings\n"
		"  limits [--json]           show the fields records carry and their limits\n"
		"  limits [--fields LIST] [--path-max N] [--argv-max N] [--argv-bytes N]\n"
		"         [--envp-max N] [--envp-bytes N]\n"
		"                            change them (the others stay as they are)\n"
		"  watch [--perm rwxa] PATH...\n"
		"                            record reads (r), writes (w), executions (x) and\n"
		"                            attribute changes (a) of PATH and what is under it,\n"
		"                            whatever the selection (default: rwxa)\n"
		"  unwatch PATH...|all       stop watching\n"
		"  watches [--json]          list the watched paths\n"
		"  upload FILE|-             compile a rules file (sclog.rules(5)) and make its\n"
		"                            rules the kernel's, replacing those it had\n"
		"  download                  print the kernel's rules in the rules language\n"
		"  delete                    remove the kernel's rules\n"
		"  check [--print] FILE|-    check a rules file (no device needed); --print\n"
		"                            writes its rules in canonical form\n"
		"  compile [--hex] FILE|-    write the table upload would send (--hex: for the\n"
		"                            boot parameter sclog.rules=)\n"
		"  lock                      make the configuration and the rules unchangeable\n"
		"                            until reboot (no confirmation asked)\n"
		"  failure [--json]          show what happens when records are lost or no\n"
		"                            reader is there\n"
		"  failure [--on-loss silent|warn|panic] [--no-reader buffer|block]\n"
		"                            change it\n"
		"  exempt COMMAND [ARG...]   run COMMAND, and what it starts, exempt from\n"
		"                            waiting for a reader (--no-reader block)\n"
		"NAME: a system call of x86_64 (openat), ABI:NAME (i386:open), a number\n"
		"(x86_64:257), all, ABI:all, or default (select only).\n"
		"LIST: comma-separated names, paths, cwd, fds, argv, envp, all, none or\n"
		"default (the new set), or +FIELD / -FIELD to add to or remove from it\n"
		"(or from the current set).  Ranges: --path-max 1-%d, --argv-max and\n"
		"--envp-max 1-%d, --argv-bytes and --envp-bytes 1-%d.\n",
		SCLOG_PATH_MAX, SCLOG_STRINGS_MAX, SCLOG_STRINGS_BYTES_MAX);
}

static int usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("sclogctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n", stderr);
	return EX_USAGE;
}

/* The exit status and message for a failed open() or ioctl(). */
static int device_error(const char *what, int err)
{
	switch (err) {
	case ENOENT:
	case ENODEV:
	case ENXIO:
	case ENOTTY:
		fprintf(stderr, "sclogctl: %s: %s: %s: this kernel has no sclog (CONFIG_SYSCALL_AUDIT)\n",
			device, what, strerror(err));
		return EX_NOSCLOG;
	case EPERM:
		if (device_fd >= 0 && locked(device_fd)) {
			fprintf(stderr, "sclogctl: %s: %s: %s: the configuration is locked until reboot\n",
				device, what, strerror(err));
			return EX_LOCKED;
		}
		/* fall through */
	case EACCES:
		fprintf(stderr, "sclogctl: %s: %s: %s: need CAP_AUDIT_CONTROL (run as root)\n",
			device, what, strerror(err));
		return EX_PERM;
	default:
		fprintf(stderr, "sclogctl: %s: %s: %s\n", device, what,
			strerror(err));
		return EX_ERR;
	}
}

/* @rc, or EX_ERR (said) if standard output could not be written. */
static int flush_output(int rc)
{
	if (!rc && (fflush(stdout) == EOF || ferror(stdout))) {
		fprintf(stderr, "sclogctl: writing the output: %s\n", strerror(errno));
		return EX_ERR;
	}
	return rc;
}

static int open_device(int *fd)
{
	*fd = open(device, O_WRONLY | O_CLOEXEC);
	if (*fd < 0)
		return device_error("open", errno);
	device_fd = *fd;
	return EX_OK;
}

/* ------------------------------------------------------------------------ */
/* Selection arguments */

struct selection {
	bool want_default;
	bool touched[SCLOG_NR_ABIS];
	__u64 bits[SCLOG_NR_ABIS][SCLOG_SELECT_WORDS];
};

static void set_bit(__u64 *bits, unsigned long nr)
{
	bits[nr / 64] |= (__u64)1 << (nr % 64);
}

static bool test_bit(const __u64 *bits, unsigned long nr)
{
	return bits[nr / 64] >> (nr % 64) & 1;
}

/* Bitmap index of a syscall number as sclog_syscall_nr() returns it. */
static unsigned long bit_of(sclog_abi_t abi, long nr)
{
	if (abi == SCLOG_ABI_X32)
		nr &= ~SCLOG_X32_SYSCALL_BIT;
	return (unsigned long)nr;
}

static int unknown_name(sclog_abi_t abi, const char *name)
{
	const char *best = NULL;
	size_t bestd = 3, i, d;
	sclog_abi_t other;

	fprintf(stderr, "sclogctl: unknown system call '%s' on %s",
		name, sclog_abi_name(abi));
	for (other = 0; other < SCLOG_NR_ABIS; other++) {
		if (other != abi && sclog_syscall_nr(other, name) >= 0) {
			fprintf(stderr, " (it is a system call of %s: %s:%s)\n",
				sclog_abi_name(other), sclog_abi_name(other),
				name);
			return EX_USAGE;
		}
	}
	for (i = 0; i < sclog_syscall_count(abi); i++) {
		const struct sclog_syscall *sc = sclog_syscall_at(abi, i);

		d = sclog_edit_distance(name, sc->name);
		if (d < bestd && d < strlen(name)) {
			bestd = d;
			best = sc->name;
		}
	}
	if (best)
		fprintf(stderr, " (did you mean '%s'?)", best);
	fputs("\n", stderr);
	return EX_USAGE;
}

/* Decimal number without sign or leading zeros; -1 if not one. */
static long parse_number(const char *s)
{
	uint64_t v;

	if (s[0] == '0' && s[1])
		return -1;
	return sclog_parse_u64(s, strlen(s), LONG_MAX, &v) ? -1 : (long)v;
}

static int parse_selection(int argc, char **argv, bool select,
			   struct selection *sel)
{
	int i;

	memset(sel, 0, sizeof(*sel));
	if (argc == 0)
		return usage_error("%s: no system call named", select ? "select" : "deselect");
	for (i = 0; i < argc; i++) {
		const char *arg = argv[i], *name = arg, *colon;
		sclog_abi_t abi = SCLOG_ABI_X86_64;
		unsigned long bit;
		long nr;

		colon = strchr(arg, ':');
		if (colon) {
			char abiname[16];

			if ((size_t)(colon - arg) >= sizeof(abiname) ||
			    (memcpy(abiname, arg, (size_t)(colon - arg)),
			     abiname[colon - arg] = '\0',
			     sclog_abi_from_name(abiname, &abi) < 0))
				return usage_error("'%s': unknown ABI (x86_64, i386 or x32)",
						   arg);
			name = colon + 1;
		}
		if (!strcmp(name, "default")) {
			if (!select)
				return usage_error("'default' can only be selected, not deselected");
			if (colon)
				return usage_error("'%s': the default set covers every ABI: say 'default'",
						   arg);
			sel->want_default = true;
			continue;
		}
		if (!strcmp(name, "all")) {
			sclog_abi_t a;

			for (a = 0; a < SCLOG_NR_ABIS; a++) {
				if (colon && a != abi)
					continue;
				memset(sel->bits[a], 0xff, sizeof(sel->bits[a]));
				sel->touched[a] = true;
			}
			continue;
		}
		if (!*name)
			return usage_error("'%s': empty system call name", arg);
		nr = parse_number(name);
		if (nr < 0 && !strncmp(name, "syscall_", 8))
			nr = parse_number(name + 8);
		if (nr >= 0) {
			if (abi == SCLOG_ABI_X32 &&
			    nr >= SCLOG_X32_SYSCALL_BIT &&
			    nr < SCLOG_X32_SYSCALL_BIT + SCLOG_MAX_NR)
				nr -= SCLOG_X32_SYSCALL_BIT;
			if (nr >= SCLOG_MAX_NR)
				return usage_error("'%s': system call number out of range 0-%d",
						   arg, SCLOG_MAX_NR - 1);
			bit = (unsigned long)nr;
		} else {
			nr = sclog_syscall_nr(abi, name);
			if (nr < 0)
				return unknown_name(abi, name);
			bit = bit_of(abi, nr);
			if (bit >= SCLOG_MAX_NR)
				return usage_error("'%s': system call number %lu is beyond what sclog can record",
						   arg, bit);
		}
		set_bit(sel->bits[abi], bit);
		sel->touched[abi] = true;
	}
	return EX_OK;
}

static int get_select(int fd, sclog_abi_t abi, struct sclog_select *s)
{
	memset(s, 0, sizeof(*s));
	s->abi = abi;
	if (ioctl(fd, SCLOG_IOC_GET_SELECT, s) < 0)
		return device_error("SCLOG_IOC_GET_SELECT", errno);
	return EX_OK;
}

static int cmd_select(int argc, char **argv, bool select)
{
	struct selection sel;
	sclog_abi_t abi;
	int fd, rc;

	rc = parse_selection(argc, argv, select, &sel);
	if (rc)
		return rc;
	rc = open_device(&fd);
	if (rc)
		return rc;
	if (sel.want_default && ioctl(fd, SCLOG_IOC_SELECT_DEFAULT, 0) < 0) {
		rc = device_error("SCLOG_IOC_SELECT_DEFAULT", errno);
		goto out;
	}
	for (abi = 0; abi < SCLOG_NR_ABIS; abi++) {
		struct sclog_select s;
		size_t w;

		if (!sel.touched[abi])
			continue;
		rc = get_select(fd, abi, &s);
		if (rc)
			goto out;
		for (w = 0; w < SCLOG_SELECT_WORDS; w++) {
			if (select)
				s.bits[w] |= sel.bits[abi][w];
			else
				s.bits[w] &= ~sel.bits[abi][w];
		}
		s.abi = abi;
		s.__reserved = 0;
		if (ioctl(fd, SCLOG_IOC_SET_SELECT, &s) < 0) {
			rc = device_error("SCLOG_IOC_SET_SELECT", errno);
			goto out;
		}
	}
out:
	close(fd);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* status */

static void json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static const char *policy_name(uint32_t policy)
{
	switch (policy) {
	case SCLOG_FULL_DROP: return "drop";
	case SCLOG_FULL_WAIT: return "wait";
	default: return "unknown";
	}
}

static const char *const loss_names[] = {
	[SCLOG_LOSS_SILENT] = "silent",
	[SCLOG_LOSS_PRINTK] = "warn",
	[SCLOG_LOSS_PANIC] = "panic",
};

static const char *const noreader_names[] = {
	[SCLOG_NOREADER_BUFFER] = "buffer",
	[SCLOG_NOREADER_BLOCK] = "block",
};

#define NAME_OF(tab, v) ((v) < sizeof(tab) / sizeof((tab)[0]) ? (tab)[v] : "unknown")

/* The failure settings; *have false if the kernel has none (ENOTTY). */
static int get_failure(int fd, struct sclog_failure *f, bool *have)
{
	memset(f, 0, sizeof(*f));
	*have = false;
	if (ioctl(fd, SCLOG_IOC_GET_FAILURE, f) < 0) {
		if (errno == ENOTTY)
			return EX_OK;
		return device_error("SCLOG_IOC_GET_FAILURE", errno);
	}
	*have = true;
	return EX_OK;
}

static void print_failure_json(const struct sclog_failure *f)
{
	printf("{\"on_loss\":\"%s\",\"no_reader\":\"%s\",\"waiting\":%" PRIu32 "}",
	       NAME_OF(loss_names, f->on_loss),
	       NAME_OF(noreader_names, f->no_reader), f->waiting);
}

static void print_failure_text(const struct sclog_failure *f)
{
	printf("on loss %s, no reader: %s", NAME_OF(loss_names, f->on_loss),
	       NAME_OF(noreader_names, f->no_reader));
	if (f->waiting)
		printf(" (%" PRIu32 " tasks waiting for a reader)", f->waiting);
	printf("\n");
}

/* "1M", "256K" or the byte count. */
static void format_size(char *buf, size_t len, uint64_t size)
{
	if (size && size % (1u << 30) == 0)
		snprintf(buf, len, "%" PRIu64 "G", size >> 30);
	else if (size && size % (1u << 20) == 0)
		snprintf(buf, len, "%" PRIu64 "M", size >> 20);
	else if (size && size % (1u << 10) == 0)
		snprintf(buf, len, "%" PRIu64 "K", size >> 10);
	else
		snprintf(buf, len, "%" PRIu64, size);
}

/* The name of bit nr of abi's bitmap: its table name or syscall_NNN. */
static void bit_name(char *buf, size_t len, sclog_abi_t abi, unsigned long nr)
{
	const char *name = sclog_syscall_name(abi, (long)nr);

	if (name)
		snprintf(buf, len, "%s", name);
	else
		snprintf(buf, len, "syscall_%lu", nr);
}

static void print_selection_text(sclog_abi_t abi, const __u64 *bits)
{
	unsigned long nr, count = 0, unknown = 0;
	bool except;
	char name[48];

	for (nr = 0; nr < SCLOG_MAX_NR; nr++)
		count += test_bit(bits, nr);
	printf("  %-7s ", sclog_abi_name(abi));
	if (count == 0) {
		printf("none\n");
		return;
	}
	if (count == SCLOG_MAX_NR) {
		printf("all\n");
		return;
	}
	/* Mostly selected: list what is not, among the known calls. */
	except = count > SCLOG_MAX_NR / 2;
	printf("%lu selected:%s", count, except ? " all except" : "");
	for (nr = 0; nr < SCLOG_MAX_NR; nr++) {
		if (test_bit(bits, nr) == except)
			continue;
		if (except && !sclog_syscall_name(abi, (long)nr)) {
			unknown++;
			continue;
		}
		bit_name(name, sizeof(name), abi, nr);
		printf(" %s", name);
	}
	if (unknown)
		printf(" (and %lu unknown numbers)", unknown);
	printf("\n");
}

static void print_selection_json(const __u64 *bits, sclog_abi_t abi)
{
	unsigned long nr;
	bool first = true;
	char name[48];

	putchar('[');
	for (nr = 0; nr < SCLOG_MAX_NR; nr++) {
		if (!test_bit(bits, nr))
			continue;
		bit_name(name, sizeof(name), abi, nr);
		printf("%s\"%s\"", first ? "" : ",", name);
		first = false;
	}
	putchar(']');
}

/* ------------------------------------------------------------------------ */
/* limits */

/*
 * SCLOG_IOC_GET_LIMITS: EX_OK and *have, or the error's exit status.  A
 * kernel without the ioctl (ENOTTY: it records no fields, or the file is
 * not the device) gives EX_OK and *have false.
 */
static int get_limits(int fd, struct sclog_limits *lim, bool *have)
{
	memset(lim, 0, sizeof(*lim));
	*have = false;
	if (ioctl(fd, SCLOG_IOC_GET_LIMITS, lim) < 0) {
		if (errno == ENOTTY)
			return EX_OK;
		return device_error("SCLOG_IOC_GET_LIMITS", errno);
	}
	*have = true;
	return EX_OK;
}

static void print_limits_json(const struct sclog_limits *lim)
{
	const struct sclog_field_name *f;
	bool first = true;

	printf("{\"fields\":[");
	for (f = sclog_field_names; f->name; f++) {
		if (!(lim->fields & f->bit))
			continue;
		printf("%s\"%s\"", first ? "" : ",", f->name);
		first = false;
	}
	if (lim->fields & ~(uint32_t)SCLOG_FIELDS_ALL)
		printf("%s\"0x%x\"", first ? "" : ",",
		       lim->fields & ~(uint32_t)SCLOG_FIELDS_ALL);
	printf("],\"path_max\":%" PRIu32 ",\"argv_max\":%" PRIu32
	       ",\"argv_bytes\":%" PRIu32 ",\"envp_max\":%" PRIu32
	       ",\"envp_bytes\":%" PRIu32 "}",
	       lim->path_max, lim->argv_max, lim->argv_bytes, lim->envp_max,
	       lim->envp_bytes);
}

/* The limits' numbers, their options and ranges. */
static const struct {
	const char *opt;
	size_t off;
	uint32_t max;
} limit_opts[] = {
	{ "--path-max", offsetof(struct sclog_limits, path_max), SCLOG_PATH_MAX },
	{ "--argv-max", offsetof(struct sclog_limits, argv_max), SCLOG_STRINGS_MAX },
	{ "--argv-bytes", offsetof(struct sclog_limits, argv_bytes), SCLOG_STRINGS_BYTES_MAX },
	{ "--envp-max", offsetof(struct sclog_limits, envp_max), SCLOG_STRINGS_MAX },
	{ "--envp-bytes", offsetof(struct sclog_limits, envp_bytes), SCLOG_STRINGS_BYTES_MAX },
};

#define NLIMIT_OPTS (sizeof(limit_opts) / sizeof(limit_opts[0]))

static uint32_t *limit_field(struct sclog_limits *lim, size_t i)
{
	return (uint32_t *)((char *)lim + limit_opts[i].off);
}

static int cmd_limits(int argc, char **argv)
{
	const char *fields_list = NULL;
	bool json = false, set[NLIMIT_OPTS] = { false }, any = false, have;
	uint32_t val[NLIMIT_OPTS] = { 0 }, fields;
	struct sclog_limits lim;
	char list[128], err[160];
	size_t i;
	int fd, rc, a;

	for (a = 0; a < argc; a++) {
		const char *opt = argv[a], *v;
		long n;

		if (!strcmp(opt, "--json")) {
			json = true;
			continue;
		}
		for (i = 0; i < NLIMIT_OPTS; i++)
			if (!strcmp(opt, limit_opts[i].opt))
				break;
		if (i == NLIMIT_OPTS && strcmp(opt, "--fields"))
			return usage_error("limits: unknown argument '%s'", opt);
		if (a + 1 >= argc)
			return usage_error("limits: %s needs a value", opt);
		v = argv[++a];
		any = true;
		if (i == NLIMIT_OPTS) {
			/* Checked here already; applied to the current set below. */
			if (sclog_fields_parse(v, 0, &fields, err, sizeof(err)) < 0)
				return usage_error("limits: --fields '%s': %s", v, err);
			fields_list = v;
			continue;
		}
		n = parse_number(v);
		if (n < 1 || n > (long)limit_opts[i].max)
			return usage_error("limits: %s '%s': expected 1 to %" PRIu32,
					   opt, v, limit_opts[i].max);
		val[i] = (uint32_t)n;
		set[i] = true;
	}
	if (json && any)
		return usage_error("limits: --json only shows the limits: it cannot be combined with options that change them");
	rc = open_device(&fd);
	if (rc)
		return rc;
	rc = get_limits(fd, &lim, &have);
	if (rc)
		goto out;
	if (!have) {
		struct sclog_status st;

		/* The sclog device of a kernel that records no fields? */
		memset(&st, 0, sizeof(st));
		if (ioctl(fd, SCLOG_IOC_GET_STATUS, &st) < 0) {
			rc = device_error("SCLOG_IOC_GET_LIMITS", ENOTTY);
		} else {
			fprintf(stderr, "sclogctl: %s: SCLOG_IOC_GET_LIMITS: %s: this kernel's sclog records no fields and has no limits\n",
				device, strerror(ENOTTY));
			rc = EX_NOSCLOG;
		}
		goto out;
	}
	if (!any) {
		if (json) {
			print_limits_json(&lim);
			putchar('\n');
		} else {
			sclog_fields_format(list, sizeof(list), lim.fields, ",");
			printf("fields:     %s\n", list);
			for (i = 0; i < NLIMIT_OPTS; i++)
				printf("%s:%*s%" PRIu32 "\n", limit_opts[i].opt + 2,
				       (int)(11 - strlen(limit_opts[i].opt + 2)), "",
				       *limit_field(&lim, i));
		}
		rc = flush_output(rc);
		goto out;
	}
	if (fields_list &&
	    sclog_fields_parse(fields_list, lim.fields, &lim.fields, err,
			       sizeof(err)) < 0) {
		rc = usage_error("limits: --fields '%s': %s", fields_list, err);
		goto out;
	}
	for (i = 0; i < NLIMIT_OPTS; i++)
		if (set[i])
			*limit_field(&lim, i) = val[i];
	memset(lim.__reserved, 0, sizeof(lim.__reserved));
	if (ioctl(fd, SCLOG_IOC_SET_LIMITS, &lim) < 0) {
		if (errno == EINVAL) {
			sclog_fields_format(list, sizeof(list), lim.fields, ",");
			fprintf(stderr, "sclogctl: %s: SCLOG_IOC_SET_LIMITS: %s: the kernel refused these limits (fields %s: does it record each of them?)\n",
				device, strerror(errno), list);
			rc = EX_ERR;
		} else {
			rc = device_error("SCLOG_IOC_SET_LIMITS", errno);
		}
	}
out:
	close(fd);
	return rc;
}

static int get_watches(int fd, struct sclog_watch **w, uint32_t *n, bool *have);
static void print_watches_json(const struct sclog_watch *w, uint32_t n);
static void format_perm(char *buf, uint32_t perm);
static int get_rules(int fd, struct sclog_rules_io *io, void **table);
static int rules_error(int fd, const char *what, int err);

/*
 * The rules of status: *have false on a kernel without them (ENOTTY),
 * else their count, generation and the lock.  EX_OK, or an exit status.
 */
static int rules_status(int fd, bool *have, uint32_t *count,
			struct sclog_rules_io *io)
{
	void *table;

	*have = false;
	*count = 0;
	if (get_rules(fd, io, &table) < 0) {
		if (errno == ENOTTY)
			return EX_OK;
		return rules_error(fd, "SCLOG_IOC_GET_RULES", errno);
	}
	*have = true;
	if (table && io->size >= sizeof(struct sclog_rules))
		*count = ((const struct sclog_rules *)table)->nr_rules;
	free(table);
	return EX_OK;
}

static int cmd_status(int argc, char **argv)
{
	struct sclog_select sel[SCLOG_NR_ABIS];
	struct sclog_limits lim;
	struct sclog_watch *watches = NULL;
	uint32_t nwatches, nrules;
	struct sclog_rules_io rio;
	bool have_limits, have_watches, have_rules, have_failure;
	struct sclog_failure fail;
	char list[128], perm[8];
	struct sclog_cpu_stats *cpus = NULL, total;
	struct sclog_status st;
	bool json = false;
	sclog_abi_t abi;
	char size[32];
	uint32_t i, n;
	int fd, rc, a;

	for (a = 0; a < argc; a++) {
		if (!strcmp(argv[a], "--json"))
			json = true;
		else
			return usage_error("status: unknown argument '%s'", argv[a]);
	}
	rc = open_device(&fd);
	if (rc)
		return rc;
	if (sclog_get_status(fd, &st, &cpus) < 0) {
		if (errno == ENOMEM) {
			fprintf(stderr, "sclogctl: out of memory\n");
			rc = EX_ERR;
		} else {
			rc = device_error("SCLOG_IOC_GET_STATUS", errno);
		}
		goto out;
	}
	n = st.nr_cpus;
	for (abi = 0; abi < SCLOG_NR_ABIS; abi++) {
		rc = get_select(fd, abi, &sel[abi]);
		if (rc)
			goto out;
	}
	rc = get_limits(fd, &lim, &have_limits);
	if (rc)
		goto out;
	rc = get_watches(fd, &watches, &nwatches, &have_watches);
	if (rc)
		goto out;
	rc = rules_status(fd, &have_rules, &nrules, &rio);
	if (rc)
		goto out;
	rc = get_failure(fd, &fail, &have_failure);
	if (rc)
		goto out;
	memset(&total, 0, sizeof(total));
	for (i = 0; i < n; i++) {
		total.recorded += cpus[i].recorded;
		total.dropped += cpus[i].dropped;
		total.bytes += cpus[i].bytes;
		total.fill += cpus[i].fill;
	}

	if (json) {
		printf("{\"device\":");
		json_string(device);
		printf(",\"enabled\":%s,\"locked\":%s,\"reader_pid\":%" PRIu32
		       ",\"record_version\":%" PRIu32
		       ",\"buffer\":{\"size\":%" PRIu32 ",\"policy\":\"%s\",\"wait_ms\":%" PRIu32 "}",
		       st.flags & SCLOG_ST_ENABLED ? "true" : "false",
		       st.flags & SCLOG_ST_LOCKED ? "true" : "false",
		       st.reader_pid, st.record_version, st.buffer.size,
		       policy_name(st.buffer.policy), st.buffer.wait_ms);
		printf(",\"failure\":");
		if (have_failure)
			print_failure_json(&fail);
		else
			printf("null");
		printf(",\"limits\":");
		if (have_limits)
			print_limits_json(&lim);
		else
			printf("null");
		printf(",\"watches\":");
		if (have_watches)
			print_watches_json(watches, nwatches);
		else
			printf("null");
		printf(",\"rules\":");
		if (have_rules)
			printf("{\"count\":%" PRIu32 ",\"generation\":%" PRIu64
			       ",\"locked\":%s}", nrules, (uint64_t)rio.generation,
			       st.flags & SCLOG_ST_LOCKED ? "true" : "false");
		else
			printf("null");
		printf(",\"select\":{");
		for (abi = 0; abi < SCLOG_NR_ABIS; abi++) {
			printf("%s\"%s\":", abi ? "," : "", sclog_abi_name(abi));
			print_selection_json(sel[abi].bits, abi);
		}
		printf("},\"cpus\":[");
		for (i = 0; i < n; i++)
			printf("%s{\"cpu\":%" PRIu32 ",\"recorded\":%" PRIu64
			       ",\"dropped\":%" PRIu64 ",\"bytes\":%" PRIu64
			       ",\"fill\":%" PRIu64 ",\"next_seq\":%" PRIu64 "}",
			       i ? "," : "", cpus[i].cpu,
			       (uint64_t)cpus[i].recorded,
			       (uint64_t)cpus[i].dropped,
			       (uint64_t)cpus[i].bytes, (uint64_t)cpus[i].fill,
			       (uint64_t)cpus[i].next_seq);
		printf("],\"total\":{\"recorded\":%" PRIu64 ",\"dropped\":%" PRIu64
		       ",\"bytes\":%" PRIu64 ",\"fill\":%" PRIu64 "}}\n",
		       (uint64_t)total.recorded, (uint64_t)total.dropped,
		       (uint64_t)total.bytes, (uint64_t)total.fill);
		goto out;
	}

	format_size(size, sizeof(size), st.buffer.size);
	printf("device:    %s\n", device);
	printf("recording: %s\n", st.flags & SCLOG_ST_ENABLED ? "enabled" : "disabled");
	if (st.flags & SCLOG_ST_READER)
		printf("reader:    pid %" PRIu32 "\n", st.reader_pid);
	else
		printf("reader:    none\n");
	printf("records:   version %" PRIu32 "\n", st.record_version);
	printf("buffer:    %s per CPU, policy %s, wait_ms %" PRIu32 "\n",
	       size, policy_name(st.buffer.policy), st.buffer.wait_ms);
	if (have_failure) {
		printf("failure:   ");
		print_failure_text(&fail);
	}
	if (have_limits) {
		sclog_fields_format(list, sizeof(list), lim.fields, ",");
		printf("fields:    %s\n", list);
		printf("limits:    path-max %" PRIu32 ", argv-max %" PRIu32
		       ", argv-bytes %" PRIu32 ", envp-max %" PRIu32
		       ", envp-bytes %" PRIu32 "\n", lim.path_max, lim.argv_max,
		       lim.argv_bytes, lim.envp_max, lim.envp_bytes);
	} else {
		printf("fields:    none (this kernel records no fields)\n");
	}
	if (!have_watches)
		printf("watches:   none (this kernel has no watches)\n");
	else if (!nwatches)
		printf("watches:   none\n");
	for (i = 0; have_watches && i < nwatches; i++) {
		format_perm(perm, watches[i].perm);
		printf("%s%-4s %s\n", i ? "           " : "watches:   ", perm,
		       watches[i].path);
	}
	if (have_rules)
		printf("rules:     %" PRIu32 " (generation %" PRIu64 ")\n", nrules,
		       (uint64_t)rio.generation);
	else
		printf("rules:     none (this kernel has no rules)\n");
	/* a kernel without rules has no lock either */
	if (st.flags & SCLOG_ST_LOCKED)
		printf("lock:      on: the configuration is locked until reboot\n");
	else if (have_rules)
		printf("lock:      off\n");
	printf("selection:\n");
	for (abi = 0; abi < SCLOG_NR_ABIS; abi++)
		print_selection_text(abi, sel[abi].bits);
	printf("%-6s %14s %12s %16s %12s %14s\n", "cpu", "recorded",
	       "dropped", "bytes", "fill", "next_seq");
	for (i = 0; i < n; i++)
		printf("%-6" PRIu32 " %14" PRIu64 " %12" PRIu64 " %16" PRIu64
		       " %12" PRIu64 " %14" PRIu64 "\n", cpus[i].cpu,
		       (uint64_t)cpus[i].recorded, (uint64_t)cpus[i].dropped,
		       (uint64_t)cpus[i].bytes, (uint64_t)cpus[i].fill,
		       (uint64_t)cpus[i].next_seq);
	printf("%-6s %14" PRIu64 " %12" PRIu64 " %16" PRIu64 " %12" PRIu64 "\n",
	       "total", (uint64_t)total.recorded, (uint64_t)total.dropped,
	       (uint64_t)total.bytes, (uint64_t)total.fill);
out:
	free(cpus);
	free(watches);
	close(fd);
	return flush_output(rc);
}

/* ------------------------------------------------------------------------ */
/* watches */

static const char perm_letters[] = "rwxa";	/* SCLOG_WATCH_* bit order */

static int parse_perm(const char *s, uint32_t *perm)
{
	const char *c;

	*perm = 0;
	if (!*s)
		return -1;
	for (; *s; s++) {
		c = strchr(perm_letters, *s);
		if (!c || (*perm & (1U << (c - perm_letters))))
			return -1;
		*perm |= 1U << (c - perm_letters);
	}
	return 0;
}

static void format_perm(char *buf, uint32_t perm)
{
	size_t i, n = 0;

	for (i = 0; i < sizeof(perm_letters) - 1; i++)
		if (perm & (1U << i))
			buf[n++] = perm_letters[i];
	buf[n] = '\0';
}

/*
 * The path the kernel will see for @in: the kernel compares resolved paths,
 * so resolve symlinks and "..".  A path that does not exist yet is resolved
 * up to its last existing directory.  Returns 0, or -1 with errno.
 */
static int canonical_path(const char *in, char *out)
{
	char parent[PATH_MAX], *slash;
	const char *name;
	size_t len;

	if (realpath(in, out))
		return 0;
	if (errno != ENOENT)
		return -1;
	len = strlen(in);
	while (len > 1 && in[len - 1] == '/')
		len--;
	if (len >= sizeof(parent)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(parent, in, len);
	parent[len] = '\0';
	slash = strrchr(parent, '/');
	if (!slash) {
		name = parent;
		in = ".";
	} else {
		*slash = '\0';
		name = slash + 1;
		in = slash == parent ? "/" : parent;
	}
	if (!strcmp(name, ".") || !strcmp(name, "..")) {
		errno = ENOENT;
		return -1;
	}
	{
		char dir[PATH_MAX];

		if (canonical_path(in, dir) < 0)
			return -1;
		if (strlen(dir) + 1 + strlen(name) + 1 > PATH_MAX) {
			errno = ENAMETOOLONG;
			return -1;
		}
		sprintf(out, "%s%s%s", dir, strcmp(dir, "/") ? "/" : "", name);
	}
	return 0;
}

/* SCLOG_IOC_GET_WATCHES into a malloc'd array; *n watches, or an exit status. */
static int get_watches(int fd, struct sclog_watch **w, uint32_t *n, bool *have)
{
	struct sclog_watch_list l = { 0 };

	*w = NULL;
	*n = 0;
	*have = false;
	if (ioctl(fd, SCLOG_IOC_GET_WATCHES, &l) < 0) {
		if (errno == ENOTTY)
			return EX_OK;
		return device_error("SCLOG_IOC_GET_WATCHES", errno);
	}
	*have = true;
	if (!l.count)
		return EX_OK;
	*w = calloc(l.count, sizeof(**w));
	if (!*w) {
		fprintf(stderr, "sclogctl: out of memory\n");
		return EX_ERR;
	}
	l.watches = (uintptr_t)*w;
	if (ioctl(fd, SCLOG_IOC_GET_WATCHES, &l) < 0)
		return device_error("SCLOG_IOC_GET_WATCHES", errno);
	/* the list may have shrunk or grown in between: what fit */
	*n = l.count;
	return EX_OK;
}

static void print_watches_json(const struct sclog_watch *w, uint32_t n)
{
	char perm[8];
	uint32_t i;

	putchar('[');
	for (i = 0; i < n; i++) {
		format_perm(perm, w[i].perm);
		printf("%s{\"path\":", i ? "," : "");
		json_string(w[i].path);
		printf(",\"perm\":\"%s\"}", perm);
	}
	putchar(']');
}

static int no_watches(int fd, const char *what)
{
	struct sclog_status st;

	memset(&st, 0, sizeof(st));
	if (ioctl(fd, SCLOG_IOC_GET_STATUS, &st) < 0)
		return device_error(what, ENOTTY);
	fprintf(stderr, "sclogctl: %s: %s: %s: this kernel's sclog has no watches\n",
		device, what, strerror(ENOTTY));
	return EX_NOSCLOG;
}

static int cmd_watches(int argc, char **argv)
{
	struct sclog_watch *w;
	bool json = false, have;
	char perm[8];
	uint32_t n, i;
	int fd, rc, a;

	for (a = 0; a < argc; a++) {
		if (!strcmp(argv[a], "--json"))
			json = true;
		else
			return usage_error("watches: unknown argument '%s'", argv[a]);
	}
	rc = open_device(&fd);
	if (rc)
		return rc;
	rc = get_watches(fd, &w, &n, &have);
	if (!rc && !have)
		rc = no_watches(fd, "SCLOG_IOC_GET_WATCHES");
	if (!rc && json) {
		print_watches_json(w, n);
		putchar('\n');
	} else if (!rc) {
		for (i = 0; i < n; i++) {
			format_perm(perm, w[i].perm);
			printf("%-4s %s\n", perm, w[i].path);
		}
	}
	rc = flush_output(rc);
	free(w);
	close(fd);
	return rc;
}

/* watch [--perm P] PATH... and unwatch PATH...|all */
static int cmd_watch(int argc, char **argv, bool add)
{
	const char *name = add ? "watch" : "unwatch";
	uint32_t perm = SCLOG_WATCH_ALL, n, i;
	struct sclog_watch w, *all = NULL;
	int fd, rc, a, first = 0;
	bool have;

	if (add && argc >= 1 && !strncmp(argv[0], "--perm", 6)) {
		const char *v = argv[0][6] == '=' ? argv[0] + 7 : NULL;

		if (argv[0][6] && !v)
			return usage_error("watch: unknown argument '%s'", argv[0]);
		first = 1;
		if (!v) {
			if (argc < 2)
				return usage_error("watch: --perm needs a value");
			v = argv[1];
			first = 2;
		}
		if (parse_perm(v, &perm) < 0)
			return usage_error("watch: --perm '%s': expected letters of rwxa, each once", v);
	}
	if (first >= argc)
		return usage_error("%s: no path named", name);
	for (a = first; a < argc; a++) {
		if (argv[a][0] == '-' && strcmp(argv[a], "-"))
			return usage_error("%s: unknown argument '%s' (options come first)",
					   name, argv[a]);
		if (!argv[a][0])
			return usage_error("%s: empty path", name);
	}
	rc = open_device(&fd);
	if (rc)
		return rc;
	if (!add && argc - first == 1 && !strcmp(argv[first], "all")) {
		struct sclog_watch *del;

		rc = get_watches(fd, &all, &n, &have);
		if (!rc && !have)
			rc = no_watches(fd, "SCLOG_IOC_GET_WATCHES");
		del = all;
		/*
		 * Nothing to unwatch: delete "/" all the same (not watched,
		 * ENOENT), so that the kernel judges the caller, and refuses
		 * and records one who may not change the configuration, or a
		 * locked one, as it would with watches.
		 */
		if (!rc && !n) {
			memset(&w, 0, sizeof(w));
			strcpy(w.path, "/");
			del = &w;
			n = 1;
		}
		for (i = 0; !rc && i < n; i++)
			if (ioctl(fd, SCLOG_IOC_DEL_WATCH, &del[i]) < 0 && errno != ENOENT)
				rc = device_error("SCLOG_IOC_DEL_WATCH", errno);
		free(all);
		close(fd);
		return rc;
	}
	for (a = first; !rc && a < argc; a++) {
		memset(&w, 0, sizeof(w));
		w.perm = perm;
		if (canonical_path(argv[a], w.path) < 0) {
			if (add || errno != ENOENT) {
				fprintf(stderr, "sclogctl: %s: %s: %s\n", name, argv[a],
					strerror(errno));
				rc = EX_ERR;
				break;
			}
			/* unwatch a path whose directory is gone: as given */
			if (strlen(argv[a]) >= sizeof(w.path))
				return usage_error("unwatch: path too long");
			strcpy(w.path, argv[a]);
		}
		if (strcmp(w.path, argv[a]))
			fprintf(stderr, "sclogctl: %s: %s is %s\n", name, argv[a], w.path);
		if (ioctl(fd, add ? SCLOG_IOC_ADD_WATCH : SCLOG_IOC_DEL_WATCH, &w) == 0)
			continue;
		switch (errno) {
		case EEXIST:
			fprintf(stderr, "sclogctl: watch: %s is watched already (unwatch it first to change its permissions)\n",
				w.path);
			rc = EX_ERR;
			break;
		case ENOENT:
			fprintf(stderr, "sclogctl: unwatch: %s is not watched\n", w.path);
			rc = EX_ERR;
			break;
		case ENOSPC:
			fprintf(stderr, "sclogctl: watch: %s: %d paths are watched already, the most there can be\n",
				w.path, SCLOG_WATCHES_MAX);
			rc = EX_ERR;
			break;
		case EINVAL:
			fprintf(stderr, "sclogctl: %s: %s: the kernel refused this path\n",
				name, w.path);
			rc = EX_ERR;
			break;
		case ENOTTY:
			rc = no_watches(fd, add ? "SCLOG_IOC_ADD_WATCH" : "SCLOG_IOC_DEL_WATCH");
			break;
		default:
			rc = device_error(add ? "SCLOG_IOC_ADD_WATCH" : "SCLOG_IOC_DEL_WATCH",
					  errno);
		}
	}
	close(fd);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* rules and the lock */

/* The most a rules file may hold: far more than any table takes. */
#define RULES_FILE_MAX	(64U << 20)

/*
 * SCLOG_IOC_GET_RULES into io, and the table into *table (malloc'd, NULL
 * when there are no rules; io->size bytes).  Returns 0 or -1 with errno.
 */
static int get_rules(int fd, struct sclog_rules_io *io, void **table)
{
	void *buf = NULL;
	uint32_t room = 0;

	*table = NULL;
	for (int tries = 0; tries < 4; tries++) {
		memset(io, 0, sizeof(*io));
		io->table = (uintptr_t)buf;
		io->size = room;
		if (ioctl(fd, SCLOG_IOC_GET_RULES, io) == 0) {
			if (!io->size) {
				free(buf);
				return 0;
			}
			*table = buf;
			return 0;
		}
		if (errno != ENOSPC || io->size <= room) {
			int e = errno;

			free(buf);
			errno = e;
			return -1;
		}
		/* it did not fit (or the table grew meanwhile): room for it */
		free(buf);
		room = io->size;
		buf = malloc(room);
		if (!buf) {
			errno = ENOMEM;
			return -1;
		}
	}
	free(buf);
	errno = EAGAIN;
	return -1;
}

/*
 * Whether the kernel says its configuration is locked: SCLOG_ST_LOCKED of
 * its status, as status shows it (SCLOG_IOC_GET_RULES says the same with
 * SCLOG_RULES_LOCKED).
 */
static bool locked(int fd)
{
	struct sclog_status st;
	int e = errno;
	bool yes;

	memset(&st, 0, sizeof(st));	/* no room for CPUs: counts only */
	yes = ioctl(fd, SCLOG_IOC_GET_STATUS, &st) == 0 &&
	      (st.flags & SCLOG_ST_LOCKED);
	errno = e;
	return yes;
}

/* ENOTTY from a rules ioctl: no sclog, or a sclog without rules. */
static int no_rules(int fd, const char *what)
{
	struct sclog_status st;

	memset(&st, 0, sizeof(st));
	if (ioctl(fd, SCLOG_IOC_GET_STATUS, &st) < 0)
		return device_error(what, ENOTTY);
	fprintf(stderr, "sclogctl: %s: %s: %s: this kernel's sclog has no rules\n",
		device, what, strerror(ENOTTY));
	return EX_NOSCLOG;
}

static int rules_error(int fd, const char *what, int err)
{
	if (err == ENOTTY)
		return no_rules(fd, what);
	if (err == ENOMEM && !strcmp(what, "SCLOG_IOC_GET_RULES")) {
		fprintf(stderr, "sclogctl: out of memory\n");
		return EX_ERR;
	}
	return device_error(what, err);
}

/* The whole of FILE ("-": standard input) into *text (malloc'd). */
static int read_rules_file(const char *path, char **text, size_t *len)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	char *buf = NULL;
	size_t n = 0, cap = 0;

	*text = NULL;
	*len = 0;
	if (!f) {
		fprintf(stderr, "sclogctl: %s: %s\n", path, strerror(errno));
		return EX_ERR;
	}
	for (;;) {
		size_t got;

		if (n == cap) {
			char *b;

			if (cap >= RULES_FILE_MAX) {
				fprintf(stderr, "sclogctl: %s: larger than %u MiB: not a rules file\n",
					path, RULES_FILE_MAX >> 20);
				goto fail;
			}
			cap = cap ? 2 * cap : 65536;
			b = realloc(buf, cap);
			if (!b) {
				fprintf(stderr, "sclogctl: out of memory\n");
				goto fail;
			}
			buf = b;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		fprintf(stderr, "sclogctl: %s: %s\n", path, strerror(errno));
		goto fail;
	}
	if (f != stdin)
		fclose(f);
	*text = buf;
	*len = n;
	return EX_OK;
fail:
	if (f != stdin)
		fclose(f);
	free(buf);
	return EX_ERR;
}

/*
 * Compile FILE, saying every message on stderr.  EX_OK and the table, or
 * EX_USAGE (errors in the file) or EX_ERR.
 */
static int compile_file(const char *path, struct sclog_rules **table,
			size_t *size)
{
	struct sclog_rules_msgs msgs;
	char *text;
	size_t len;
	int rc;

	/* The callers free *table whatever the outcome. */
	*table = NULL;
	rc = read_rules_file(path, &text, &len);
	if (rc)
		return rc;
	rc = sclog_rules_compile(text, len, strcmp(path, "-") ? path : "<stdin>",
				 table, size, &msgs);
	free(text);
	if (msgs.text)
		fputs(msgs.text, stderr);
	if (rc < 0 && msgs.errors)
		fprintf(stderr, "sclogctl: %s: %u error%s: nothing done\n", path,
			msgs.errors, msgs.errors == 1 ? "" : "s");
	sclog_rules_msgs_free(&msgs);
	return rc < 0 ? EX_USAGE : EX_OK;
}

/* check [--print] FILE */
static int cmd_check(int argc, char **argv)
{
	struct sclog_rules *table;
	bool print = false;
	const char *path = NULL;
	char *text, err[256];
	size_t size, len;
	int rc, a;

	for (a = 0; a < argc; a++) {
		if (!strcmp(argv[a], "--print"))
			print = true;
		else if (argv[a][0] == '-' && argv[a][1])
			return usage_error("check: unknown argument '%s'", argv[a]);
		else if (path)
			return usage_error("check: one rules file at a time");
		else
			path = argv[a];
	}
	if (!path)
		return usage_error("check: no rules file named (- for standard input)");
	rc = compile_file(path, &table, &size);
	if (rc || !print) {
		free(table);
		return rc;
	}
	if (sclog_rules_decompile(table, size, &text, &len, err, sizeof(err)) < 0) {
		fprintf(stderr, "sclogctl: %s: %s\n", path, err);
		free(table);
		return EX_ERR;
	}
	fwrite(text, 1, len, stdout);
	free(text);
	free(table);
	return flush_output(EX_OK);
}

/*
 * compile [--hex] FILE: the table upload would send, on standard output:
 * binary, or with --hex as two hexadecimal digits a byte (the form of the
 * boot parameter sclog.rules=).
 */
static int cmd_compile(int argc, char **argv)
{
	struct sclog_rules *table;
	const char *path = NULL;
	bool hex = false;
	size_t size, i;
	int rc, a;

	for (a = 0; a < argc; a++) {
		if (!strcmp(argv[a], "--hex"))
			hex = true;
		else if (argv[a][0] == '-' && argv[a][1])
			return usage_error("compile: unknown argument '%s'", argv[a]);
		else if (path)
			return usage_error("compile: one rules file at a time");
		else
			path = argv[a];
	}
	if (!path)
		return usage_error("compile: no rules file named (- for standard input)");
	if (!hex && isatty(STDOUT_FILENO))
		return usage_error("compile: the table is binary: redirect it, or use --hex");
	rc = compile_file(path, &table, &size);
	if (rc)
		return rc;
	if (hex) {
		for (i = 0; i < size; i++)
			printf("%02x", ((const unsigned char *)table)[i]);
		putchar('\n');
	} else {
		fwrite(table, 1, size, stdout);
	}
	free(table);
	return flush_output(EX_OK);
}

/* upload FILE */
static int cmd_upload(int argc, char **argv)
{
	struct sclog_rules_io io = { 0 };
	struct sclog_rules *table;
	size_t size;
	int fd, rc;

	if (argc != 1)
		return usage_error("upload: %s", argc ? "one rules file at a time" :
				   "no rules file named (- for standard input)");
	if (argv[0][0] == '-' && argv[0][1])
		return usage_error("upload: unknown argument '%s'", argv[0]);
	rc = compile_file(argv[0], &table, &size);
	if (rc)
		return rc;
	rc = open_device(&fd);
	if (rc) {
		free(table);
		return rc;
	}
	io.table = (uintptr_t)table;
	io.size = (uint32_t)size;
	if (ioctl(fd, SCLOG_IOC_SET_RULES, &io) < 0) {
		if (errno == EINVAL) {
			fprintf(stderr, "sclogctl: %s: SCLOG_IOC_SET_RULES: %s: the kernel refused the rule table (its rules stay as they were)\n",
				device, strerror(errno));
			rc = EX_ERR;
		} else {
			rc = rules_error(fd, "SCLOG_IOC_SET_RULES", errno);
		}
	}
	free(table);
	close(fd);
	return rc;
}

/* download */
static int cmd_download(int argc, char **argv)
{
	struct sclog_rules_io io;
	char *text, err[256];
	void *table;
	size_t len;
	int fd, rc;

	(void)argv;
	if (argc)
		return usage_error("download takes no arguments");
	rc = open_device(&fd);
	if (rc)
		return rc;
	if (get_rules(fd, &io, &table) < 0) {
		rc = rules_error(fd, "SCLOG_IOC_GET_RULES", errno);
		goto out;
	}
	if (!table)
		goto out;
	if (sclog_rules_decompile(table, io.size, &text, &len, err, sizeof(err)) < 0) {
		fprintf(stderr, "sclogctl: %s: the kernel's rule table cannot be read back: %s\n",
			device, err);
		rc = EX_ERR;
	} else {
		fwrite(text, 1, len, stdout);
		free(text);
		rc = flush_output(rc);
	}
	free(table);
out:
	close(fd);
	return rc;
}

/* delete */
static int cmd_delete(int argc, char **argv)
{
	int fd, rc;

	(void)argv;
	if (argc)
		return usage_error("delete takes no arguments");
	rc = open_device(&fd);
	if (rc)
		return rc;
	if (ioctl(fd, SCLOG_IOC_DEL_RULES, 0) < 0)
		rc = rules_error(fd, "SCLOG_IOC_DEL_RULES", errno);
	close(fd);
	return rc;
}

/* lock */
static int cmd_lock(int argc, char **argv)
{
	int fd, rc;

	(void)argv;
	if (argc)
		return usage_error("lock takes no arguments");
	rc = open_device(&fd);
	if (rc)
		return rc;
	/*
	 * Locked already: the kernel refuses this change too (EPERM, exit 6,
	 * "locked until reboot") and records the attempt, like any other.
	 */
	if (ioctl(fd, SCLOG_IOC_LOCK, 0) < 0) {
		if (errno == ENOTTY) {
			struct sclog_status st;

			memset(&st, 0, sizeof(st));
			if (ioctl(fd, SCLOG_IOC_GET_STATUS, &st) < 0) {
				rc = device_error("SCLOG_IOC_LOCK", ENOTTY);
			} else {
				fprintf(stderr, "sclogctl: %s: SCLOG_IOC_LOCK: %s: this kernel's sclog cannot be locked\n",
					device, strerror(ENOTTY));
				rc = EX_NOSCLOG;
			}
		} else {
			rc = device_error("SCLOG_IOC_LOCK", errno);
		}
	} else {
		printf("sclogctl: %s: locked: recording, selection, buffer, failure settings, limits, watches and rules cannot change until reboot\n",
		       device);
	}
	close(fd);
	return flush_output(rc);
}

/* ------------------------------------------------------------------------ */
/* failure, exempt */

/* The index of @val in @names (or its digit), or -1. */
static int pick(const char *val, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(val, names[i]) ||
		    (val[0] == (char)('0' + i) && !val[1]))
			return (int)i;
	return -1;
}

static int cmd_failure(int argc, char **argv)
{
	int on_loss = -1, no_reader = -1, fd, rc, a;
	struct sclog_failure f;
	bool json = false, have;

	for (a = 0; a < argc; a++) {
		const char *opt = argv[a], *val;

		if (!strcmp(opt, "--json")) {
			json = true;
			continue;
		}
		if (strcmp(opt, "--on-loss") && strcmp(opt, "--no-reader"))
			return usage_error("failure: unknown argument '%s'", opt);
		if (a + 1 >= argc)
			return usage_error("failure: %s needs a value", opt);
		val = argv[++a];
		if (!strcmp(opt, "--on-loss")) {
			on_loss = pick(val, loss_names, sizeof(loss_names) / sizeof(loss_names[0]));
			if (on_loss < 0)
				return usage_error("failure: --on-loss '%s': expected silent, warn or panic (0, 1, 2)",
						   val);
		} else {
			no_reader = pick(val, noreader_names,
					 sizeof(noreader_names) / sizeof(noreader_names[0]));
			if (no_reader < 0)
				return usage_error("failure: --no-reader '%s': expected buffer or block",
						   val);
		}
	}
	if (json && (on_loss >= 0 || no_reader >= 0))
		return usage_error("failure: --json only shows the settings");
	rc = open_device(&fd);
	if (rc)
		return rc;
	rc = get_failure(fd, &f, &have);
	if (rc)
		goto out;
	if (!have) {
		fprintf(stderr, "sclogctl: %s: SCLOG_IOC_GET_FAILURE: %s: this kernel's sclog has no failure settings\n",
			device, strerror(ENOTTY));
		rc = EX_NOSCLOG;
		goto out;
	}
	if (on_loss < 0 && no_reader < 0) {
		if (json) {
			print_failure_json(&f);
			printf("\n");
		} else {
			print_failure_text(&f);
		}
		rc = flush_output(EX_OK);
		goto out;
	}
	if (on_loss >= 0)
		f.on_loss = (uint32_t)on_loss;
	if (no_reader >= 0)
		f.no_reader = (uint32_t)no_reader;
	f.waiting = 0;
	f.__reserved = 0;
	if (ioctl(fd, SCLOG_IOC_SET_FAILURE, &f) < 0) {
		if (errno == EBUSY) {
			fprintf(stderr, "sclogctl: %s: --no-reader block needs a reader (sclogd) on the device now: without one, every task but init would stop at once\n",
				device);
			rc = EX_ERR;
		} else {
			rc = device_error("SCLOG_IOC_SET_FAILURE", errno);
		}
	}
out:
	close(fd);
	return rc;
}

static int cmd_exempt(int argc, char **argv)
{
	int fd, rc;

	if (argc && !strcmp(argv[0], "--")) {
		argc--;
		argv++;
	}
	if (!argc)
		return usage_error("exempt: which command?");
	rc = open_device(&fd);
	if (rc)
		return rc;
	if (ioctl(fd, SCLOG_IOC_EXEMPT, 0) < 0) {
		rc = device_error("SCLOG_IOC_EXEMPT", errno);
		close(fd);
		return rc;
	}
	close(fd);
	execvp(argv[0], argv);
	rc = errno == ENOENT ? 127 : 126;
	fprintf(stderr, "sclogctl: exempt: %s: %s\n", argv[0], strerror(errno));
	return rc;
}

/* ------------------------------------------------------------------------ */
/* enable, disable, buffer */

static int cmd_onoff(int argc, char **argv, bool on)
{
	int fd, rc;

	(void)argv;
	if (argc)
		return usage_error("%s takes no arguments", on ? "enable" : "disable");
	rc = open_device(&fd);
	if (rc)
		return rc;
	if (ioctl(fd, on ? SCLOG_IOC_ENABLE : SCLOG_IOC_DISABLE, 0) < 0)
		rc = device_error(on ? "SCLOG_IOC_ENABLE" : "SCLOG_IOC_DISABLE", errno);
	close(fd);
	return rc;
}

/* "1M", "256K", "1G" or bytes; binary multiples.  Returns false if invalid. */
static bool parse_size(const char *s, uint64_t *out)
{
	uint64_t v = 0, mult = 1;

	if (!*s || *s < '0' || *s > '9')
		return false;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > (UINT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	switch (*s) {
	case '\0': break;
	case 'k': case 'K': mult = 1u << 10; s++; break;
	case 'm': case 'M': mult = 1u << 20; s++; break;
	case 'g': case 'G': mult = 1u << 30; s++; break;
	default: return false;
	}
	if (*s || v > UINT64_MAX / mult)
		return false;
	*out = v * mult;
	return true;
}

static int cmd_buffer(int argc, char **argv)
{
	bool set_size = false, set_policy = false, set_wait = false;
	uint64_t size = 0;
	uint32_t policy = 0;
	long wait_ms = 0;
	struct sclog_buffer buf;
	int fd, rc, a;
	char sz[32];

	for (a = 0; a < argc; a++) {
		const char *opt = argv[a], *val;

		if (strcmp(opt, "--size") && strcmp(opt, "--policy") &&
		    strcmp(opt, "--wait-ms"))
			return usage_error("buffer: unknown argument '%s'", opt);
		if (a + 1 >= argc)
			return usage_error("buffer: %s needs a value", opt);
		val = argv[++a];
		if (!strcmp(opt, "--size")) {
			if (!parse_size(val, &size))
				return usage_error("buffer: --size '%s': expected bytes or a number with K, M or G",
						   val);
			if (size < SCLOG_BUF_MIN || size > SCLOG_BUF_MAX ||
			    (size & (size - 1)))
				return usage_error("buffer: --size '%s': must be a power of two from 64K to 256M",
						   val);
			set_size = true;
		} else if (!strcmp(opt, "--policy")) {
			if (!strcmp(val, "drop"))
				policy = SCLOG_FULL_DROP;
			else if (!strcmp(val, "wait"))
				policy = SCLOG_FULL_WAIT;
			else
				return usage_error("buffer: --policy '%s': expected drop or wait",
						   val);
			set_policy = true;
		} else {
			wait_ms = parse_number(val);
			if (wait_ms < 1 || wait_ms > SCLOG_WAIT_MAX_MS)
				return usage_error("buffer: --wait-ms '%s': expected 1 to %d",
						   val, SCLOG_WAIT_MAX_MS);
			set_wait = true;
		}
	}
	rc = open_device(&fd);
	if (rc)
		return rc;
	memset(&buf, 0, sizeof(buf));
	if (ioctl(fd, SCLOG_IOC_GET_BUFFER, &buf) < 0) {
		rc = device_error("SCLOG_IOC_GET_BUFFER", errno);
		goto out;
	}
	if (!set_size && !set_policy && !set_wait) {
		format_size(sz, sizeof(sz), buf.size);
		printf("size %s (%" PRIu32 " bytes) per CPU, policy %s, wait_ms %" PRIu32 "\n",
		       sz, buf.size, policy_name(buf.policy), buf.wait_ms);
		goto out;
	}
	if (set_size)
		buf.size = (uint32_t)size;
	if (set_policy)
		buf.policy = policy;
	if (set_wait)
		buf.wait_ms = (uint32_t)wait_ms;
	buf.__reserved = 0;
	if (ioctl(fd, SCLOG_IOC_SET_BUFFER, &buf) < 0) {
		if (errno == EBUSY) {
			fprintf(stderr, "sclogctl: %s: the buffer size can change only while recording is off and the buffers are empty: run 'sclogctl disable' first and let the reader (sclogd) drain them\n",
				device);
			rc = EX_ERR;
		} else {
			rc = device_error("SCLOG_IOC_SET_BUFFER", errno);
		}
	}
out:
	close(fd);
	return rc;
}

int main(int argc, char **argv)
{
	const char *cmd;
	int opt;

	static const struct option longopts[] = {
		{ "device", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};

	while ((opt = getopt_long(argc, argv, "+D:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'D':
			if (!*optarg)
				return usage_error("-D: empty device name");
			device = optarg;
			break;
		case 'h':
			usage(stdout);
			return EX_OK;
		default:
			usage(stderr);
			return EX_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return EX_USAGE;
	}
	cmd = argv[optind++];
	argc -= optind;
	argv += optind;
	if (!strcmp(cmd, "status"))
		return cmd_status(argc, argv);
	if (!strcmp(cmd, "enable"))
		return cmd_onoff(argc, argv, true);
	if (!strcmp(cmd, "disable"))
		return cmd_onoff(argc, argv, false);
	if (!strcmp(cmd, "select"))
		return cmd_select(argc, argv, true);
	if (!strcmp(cmd, "deselect"))
		return cmd_select(argc, argv, false);
	if (!strcmp(cmd, "buffer"))
		return cmd_buffer(argc, argv);
	if (!strcmp(cmd, "limits"))
		return cmd_limits(argc, argv);
	if (!strcmp(cmd, "watch"))
		return cmd_watch(argc, argv, true);
	if (!strcmp(cmd, "unwatch"))
		return cmd_watch(argc, argv, false);
	if (!strcmp(cmd, "watches"))
		return cmd_watches(argc, argv);
	if (!strcmp(cmd, "upload"))
		return cmd_upload(argc, argv);
	if (!strcmp(cmd, "download"))
		return cmd_download(argc, argv);
	if (!strcmp(cmd, "delete"))
		return cmd_delete(argc, argv);
	if (!strcmp(cmd, "check"))
		return cmd_check(argc, argv);
	if (!strcmp(cmd, "lock"))
		return cmd_lock(argc, argv);
	if (!strcmp(cmd, "compile"))
		return cmd_compile(argc, argv);
	if (!strcmp(cmd, "failure"))
		return cmd_failure(argc, argv);
	if (!strcmp(cmd, "exempt"))
		return cmd_exempt(argc, argv);
	if (!strcmp(cmd, "help") || !strcmp(cmd, "--help")) {
		usage(stdout);
		return EX_OK;
	}
	usage_error("unknown command '%s'", cmd);
	usage(stderr);
	return EX_USAGE;
}
