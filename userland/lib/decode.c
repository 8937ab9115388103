// SPDX-License-Identifier: GPL-2.0-only
/*
 * Decoding of syscall values, see decode.h.
 *
 * Flag names are listed here; their values come from the kernel's UAPI
 * headers (KHDR is searched before the system headers), so O_LARGEFILE is
 * the kernel's 0100000, not glibc's 0 on x86_64.  Only the access(2) modes
 * and the signal numbers come from glibc, whose values are the kernel's on
 * x86.  No glibc <fcntl.h>, <sys/mman.h> or <sched.h> here: they would
 * clash with the kernel's definitions.
 */

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>		/* R_OK W_OK X_OK F_OK */

#include <linux/fcntl.h>	/* O_* (asm/fcntl.h), AT_* */
#include <linux/mman.h>		/* PROT_*, MAP_* (asm/mman.h) */
#include <linux/sched.h>	/* CLONE_*, CSIGNAL */

#include "decode.h"
#include "decode-internal.h"

const char *sclog_errno_name(long err)
{
	size_t lo = 0, hi = sclog_errno_by_nr_count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		long v = sclog_errno_by_nr[mid].nr;

		if (v == err)
			return sclog_errno_by_nr[mid].name;
		if (v < err)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

long sclog_errno_from_name(const char *name)
{
	size_t lo = 0, hi = sclog_errno_by_name_count;

	if (!name)
		return -1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = strcmp(sclog_errno_by_name[mid].name, name);

		if (cmp == 0)
			return sclog_errno_by_name[mid].nr;
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static const struct sclog_argtab *argtab(sclog_abi_t abi)
{
	switch (abi) {
	case SCLOG_ABI_X86_64:
		return &sclog_argtab_x86_64;
	case SCLOG_ABI_I386:
		return &sclog_argtab_i386;
	case SCLOG_ABI_X32:
		return &sclog_argtab_x32;
	}
	return NULL;
}

int sclog_syscall_args(sclog_abi_t abi, long nr,
		       const struct sclog_arg_desc **args)
{
	const struct sclog_argtab *t = argtab(abi);
	size_t lo = 0, hi;

	if (!t)
		return -1;
	/* x32 numbers with or without the x32 bit, like sclog_syscall_name() */
	if (abi == SCLOG_ABI_X32 && nr >= SCLOG_X32_SYSCALL_BIT &&
	    nr < 2 * SCLOG_X32_SYSCALL_BIT)
		nr &= ~SCLOG_X32_SYSCALL_BIT;

	hi = t->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct sclog_argtab_ent *e = &t->ents[mid];

		if (e->nr == nr) {
			*args = e->args;
			return e->nargs;
		}
		if (e->nr < nr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* ------------------------------------------------------------------------ */
/* snprintf-like writer */

struct w {
	char *buf;
	size_t size;
	size_t len;		/* length needed so far */
};

static void w_putc(struct w *w, char c)
{
	if (w->len + 1 < w->size)
		w->buf[w->len] = c;
	w->len++;
}

static void w_puts(struct w *w, const char *s)
{
	while (*s)
		w_putc(w, *s++);
}

static void w_u64(struct w *w, uint64_t v, unsigned int base)
{
	char tmp[24];
	int n = 0;

	/* Constant divisors: the compiler turns them into multiplications. */
	if (base == 16) {
		do {
			tmp[n++] = "0123456789abcdef"[v & 15];
			v >>= 4;
		} while (v);
	} else if (base == 8) {
		do {
			tmp[n++] = (char)('0' + (v & 7));
			v >>= 3;
		} while (v);
	} else {
		do {
			tmp[n++] = (char)('0' + v % 10);
			v /= 10;
		} while (v);
	}
	while (n)
		w_putc(w, tmp[--n]);
}

static void w_i64(struct w *w, int64_t v)
{
	if (v < 0) {
		w_putc(w, '-');
		w_u64(w, -(uint64_t)v, 10);
	} else {
		w_u64(w, (uint64_t)v, 10);
	}
}

static void w_hex(struct w *w, uint64_t v)
{
	w_puts(w, "0x");
	w_u64(w, v, 16);
}

static int w_end(struct w *w)
{
	if (w->size)
		w->buf[w->len < w->size ? w->len : w->size - 1] = '\0';
	return w->len > INT32_MAX ? INT32_MAX : (int)w->len;
}

/* ------------------------------------------------------------------------ */
/* flag tables */

struct flag {
	uint64_t mask;		/* bits that must match */
	uint64_t value;		/* (v & mask) == value */
	const char *name;
};

#define F(x)		{ (uint64_t)(x), (uint64_t)(x), #x }
#define FV(m, x)	{ (uint64_t)(m), (uint64_t)(x), #x }

/* Multi-bit flags before the flags they contain (O_SYNC has O_DSYNC). */
static const struct flag open_flags[] = {
	FV(O_ACCMODE, O_RDONLY), FV(O_ACCMODE, O_WRONLY), FV(O_ACCMODE, O_RDWR),
	F(O_CREAT), F(O_EXCL), F(O_NOCTTY), F(O_TRUNC), F(O_APPEND),
	F(O_NONBLOCK), F(O_SYNC), F(O_DSYNC), F(FASYNC), F(O_DIRECT),
	F(O_LARGEFILE), F(O_TMPFILE), F(O_DIRECTORY), F(O_NOFOLLOW),
	F(O_NOATIME), F(O_CLOEXEC), F(O_PATH),
	{ 0, 0, NULL },
};

static const struct flag at_flags[] = {
	F(AT_SYMLINK_NOFOLLOW), F(AT_SYMLINK_FOLLOW), F(AT_NO_AUTOMOUNT),
	F(AT_EMPTY_PATH), F(AT_STATX_FORCE_SYNC), F(AT_STATX_DONT_SYNC),
	F(AT_RECURSIVE),
	{ 0, 0, NULL },
};

static const struct flag faccessat_flags[] = {
	F(AT_EACCESS), F(AT_SYMLINK_NOFOLLOW), F(AT_EMPTY_PATH),
	{ 0, 0, NULL },
};

static const struct flag unlinkat_flags[] = {
	F(AT_REMOVEDIR),
	{ 0, 0, NULL },
};

static const struct flag access_mode[] = {
	F(R_OK), F(W_OK), F(X_OK),
	{ 0, 0, NULL },
};

static const struct flag mmap_prot[] = {
	F(PROT_READ), F(PROT_WRITE), F(PROT_EXEC), F(PROT_SEM),
	F(PROT_GROWSDOWN), F(PROT_GROWSUP),
	{ 0, 0, NULL },
};

static const struct flag mmap_flags[] = {
	FV(MAP_TYPE, MAP_SHARED), FV(MAP_TYPE, MAP_PRIVATE),
	FV(MAP_TYPE, MAP_SHARED_VALIDATE), FV(MAP_TYPE, MAP_DROPPABLE),
	F(MAP_FIXED), F(MAP_ANONYMOUS), F(MAP_32BIT), F(MAP_ABOVE4G),
	F(MAP_GROWSDOWN), F(MAP_DENYWRITE), F(MAP_EXECUTABLE), F(MAP_LOCKED),
	F(MAP_NORESERVE), F(MAP_POPULATE), F(MAP_NONBLOCK), F(MAP_STACK),
	F(MAP_HUGETLB), F(MAP_SYNC), F(MAP_FIXED_NOREPLACE),
	F(MAP_UNINITIALIZED),
	{ 0, 0, NULL },
};

/* The low byte (CSIGNAL) is the exit signal, see clone_name(). */
static const struct flag clone_flags[] = {
	F(CLONE_VM), F(CLONE_FS), F(CLONE_FILES), F(CLONE_SIGHAND),
	F(CLONE_PIDFD), F(CLONE_PTRACE), F(CLONE_VFORK), F(CLONE_PARENT),
	F(CLONE_THREAD), F(CLONE_NEWNS), F(CLONE_SYSVSEM), F(CLONE_SETTLS),
	F(CLONE_PARENT_SETTID), F(CLONE_CHILD_CLEARTID), F(CLONE_DETACHED),
	F(CLONE_UNTRACED), F(CLONE_CHILD_SETTID), F(CLONE_NEWCGROUP),
	F(CLONE_NEWUTS), F(CLONE_NEWIPC), F(CLONE_NEWUSER), F(CLONE_NEWPID),
	F(CLONE_NEWNET), F(CLONE_IO), F(CLONE_CLEAR_SIGHAND),
	F(CLONE_INTO_CGROUP),
	{ 0, 0, NULL },
};

static const struct {
	int nr;
	const char *name;
} signals[] = {
#define S(x) { x, #x }
	S(SIGHUP), S(SIGINT), S(SIGQUIT), S(SIGILL), S(SIGTRAP), S(SIGABRT),
	S(SIGBUS), S(SIGFPE), S(SIGKILL), S(SIGUSR1), S(SIGSEGV), S(SIGUSR2),
	S(SIGPIPE), S(SIGALRM), S(SIGTERM), S(SIGSTKFLT), S(SIGCHLD),
	S(SIGCONT), S(SIGSTOP), S(SIGTSTP), S(SIGTTIN), S(SIGTTOU), S(SIGURG),
	S(SIGXCPU), S(SIGXFSZ), S(SIGVTALRM), S(SIGPROF), S(SIGWINCH),
	S(SIGIO), S(SIGPWR), S(SIGSYS),
#undef S
};

int sclog_const_from_name(const char *name, int64_t *value)
{
	static const struct flag *const tables[] = {
		open_flags, at_flags, faccessat_flags, unlinkat_flags,
		access_mode, mmap_prot, mmap_flags, clone_flags,
	};
	static const struct {
		const char *name;
		int64_t value;
	} other[] = {
		{ "AT_FDCWD", AT_FDCWD }, { "F_OK", F_OK },
		{ "PROT_NONE", PROT_NONE },
	};
	size_t i;

	if (!name)
		return -1;
	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		for (const struct flag *t = tables[i]; t->name; t++) {
			if (!strcmp(t->name, name)) {
				*value = (int64_t)t->value;
				return 0;
			}
		}
	}
	for (i = 0; i < sizeof(other) / sizeof(other[0]); i++) {
		if (!strcmp(other[i].name, name)) {
			*value = other[i].value;
			return 0;
		}
	}
	for (i = 0; i < sizeof(signals) / sizeof(signals[0]); i++) {
		if (!strcmp(signals[i].name, name)) {
			*value = signals[i].nr;
			return 0;
		}
	}
	return -1;
}

/*
 * Names of the flags set in v, '|'-separated, then the bits no name covers
 * as one hex remainder.  Returns false (writing nothing) if no name matched.
 */
static bool w_flags(struct w *w, const struct flag *t, uint64_t v,
		    uint64_t *rest)
{
	bool any = false;

	for (; t->name; t++) {
		if ((v & t->mask) != t->value)
			continue;
		if (any)
			w_putc(w, '|');
		w_puts(w, t->name);
		any = true;
		v &= ~t->mask;
	}
	*rest = v;
	return any;
}

static void w_flagword(struct w *w, const struct flag *t, uint64_t v,
		       const char *zero)
{
	uint64_t rest;
	bool any;

	if (v == 0 && zero) {
		w_puts(w, zero);
		return;
	}
	any = w_flags(w, t, v, &rest);
	if (rest || !any) {
		if (any)
			w_putc(w, '|');
		w_hex(w, rest);
	}
}

const char *sclog_signal_name(uint64_t sig)
{
	for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		if ((uint64_t)signals[i].nr == sig)
			return signals[i].name;
	return NULL;
}

static void w_clone(struct w *w, uint64_t v)
{
	uint64_t sig = v & CSIGNAL, rest;
	const char *signame = sig ? sclog_signal_name(sig) : NULL;
	bool any;

	any = w_flags(w, clone_flags, v & ~(uint64_t)CSIGNAL, &rest);
	if (signame) {
		if (any)
			w_putc(w, '|');
		w_puts(w, signame);
		any = true;
	} else {
		rest |= sig;
	}
	if (rest || !any) {
		if (any)
			w_putc(w, '|');
		w_hex(w, rest);
	}
}

int sclog_format_arg(char *buf, size_t size, const struct sclog_arg_desc *arg,
		     uint64_t value)
{
	struct w w = { buf, size, 0 };
	unsigned int bits = arg->bits >= 64 ? 64 : arg->bits ? arg->bits : 64;
	uint64_t v = bits == 64 ? value : value & ((UINT64_C(1) << bits) - 1);
	int64_t sv = bits == 64 ? (int64_t)v :
		     (v & (UINT64_C(1) << (bits - 1))) ?
		     (int64_t)(v | ~((UINT64_C(1) << bits) - 1)) : (int64_t)v;
	int32_t fd = (int32_t)(uint32_t)value;	/* the kernel's int of the low word */

	switch (arg->kind) {
	case SCLOG_ARG_SIGNED:
		w_i64(&w, sv);
		break;
	case SCLOG_ARG_UNSIGNED:
		w_u64(&w, v, 10);
		break;
	case SCLOG_ARG_PTR:
		if (v == 0)
			w_puts(&w, "NULL");
		else
			w_hex(&w, v);
		break;
	case SCLOG_ARG_DIRFD:
		if (fd == AT_FDCWD) {
			w_puts(&w, "AT_FDCWD");
			break;
		}
		/* fall through */
	case SCLOG_ARG_FD:
		w_i64(&w, fd);
		break;
	case SCLOG_ARG_MODE:
		if (v)
			w_putc(&w, '0');
		w_u64(&w, v, 8);
		break;
	case SCLOG_ARG_OPEN_FLAGS:
		w_flagword(&w, open_flags, v, NULL);
		break;
	case SCLOG_ARG_ACCESS_MODE:
		w_flagword(&w, access_mode, v, "F_OK");
		break;
	case SCLOG_ARG_AT_FLAGS:
		w_flagword(&w, at_flags, v, "0");
		break;
	case SCLOG_ARG_FACCESSAT_FLAGS:
		w_flagword(&w, faccessat_flags, v, "0");
		break;
	case SCLOG_ARG_UNLINKAT_FLAGS:
		w_flagword(&w, unlinkat_flags, v, "0");
		break;
	case SCLOG_ARG_MMAP_PROT:
		w_flagword(&w, mmap_prot, v, "PROT_NONE");
		break;
	case SCLOG_ARG_MMAP_FLAGS:
		w_flagword(&w, mmap_flags, v, "0");
		break;
	case SCLOG_ARG_CLONE_FLAGS:
		if (v == 0)
			w_putc(&w, '0');
		else
			w_clone(&w, v);
		break;
	case SCLOG_ARG_HEX:
	default:
		w_hex(&w, v);
		break;
	}
	return w_end(&w);
}
