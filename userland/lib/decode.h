/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Decoding values of system calls: errno names, flag words, and the argument
 * list of a call as the kernel declares it.
 *
 * The errno names are generated at build time from the kernel tree's
 * include/uapi/asm-generic/errno-base.h, errno.h and include/linux/errno.h
 * (ERESTARTSYS and friends can be seen at syscall exit, before signal
 * delivery rewrites them).  The argument lists are generated from the
 * kernel's own prototypes (include/linux/syscalls.h, include/linux/compat.h,
 * arch/x86/include/asm/syscalls.h ...) for the entry point each ABI's .tbl
 * names.  Flag names come with their values from the UAPI headers.
 */
#ifndef SCLOG_DECODE_H
#define SCLOG_DECODE_H

#include <stddef.h>
#include <stdint.h>

#include "syscalls.h"

/* "ENOENT" for 2; NULL if the kernel defines no name for err (err > 0). */
const char *sclog_errno_name(long err);

/* 2 for "ENOENT"; -1 if unknown. */
long sclog_errno_from_name(const char *name);

/* How an argument is shown (see sclog_syscall_args()). */
enum sclog_arg_kind {
	SCLOG_ARG_SIGNED,	/* decimal, sign-extended from the C type's width */
	SCLOG_ARG_UNSIGNED,	/* decimal */
	SCLOG_ARG_HEX,		/* 0x... (unsigned long, flag words without a table) */
	SCLOG_ARG_PTR,		/* 0x... or NULL */
	SCLOG_ARG_FD,		/* decimal int */
	SCLOG_ARG_DIRFD,	/* decimal int or AT_FDCWD */
	SCLOG_ARG_MODE,		/* octal umode_t, e.g. 0644 */
	SCLOG_ARG_OPEN_FLAGS,	/* O_WRONLY|O_CREAT|O_CLOEXEC */
	SCLOG_ARG_ACCESS_MODE,	/* F_OK or R_OK|W_OK|X_OK */
	SCLOG_ARG_AT_FLAGS,	/* AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH ... */
	SCLOG_ARG_MMAP_PROT,	/* PROT_READ|PROT_WRITE */
	SCLOG_ARG_MMAP_FLAGS,	/* MAP_PRIVATE|MAP_ANONYMOUS */
	SCLOG_ARG_CLONE_FLAGS,	/* CLONE_VM|CLONE_FS|...|SIGCHLD */
	/*
	 * 0x200 is AT_EACCESS for faccessat2 but AT_REMOVEDIR for unlinkat,
	 * so these two have their own tables.
	 */
	SCLOG_ARG_FACCESSAT_FLAGS, /* AT_EACCESS|AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH */
	SCLOG_ARG_UNLINKAT_FLAGS, /* AT_REMOVEDIR */
};

struct sclog_arg_desc {
	const char *type;	/* C type as the prototype spells it */
	const char *name;	/* parameter name, e.g. "dfd" */
	enum sclog_arg_kind kind;
	unsigned int bits;	/* width of the C type on that ABI: 32 or 64 */
};

/*
 * The arguments of system call nr of abi, from the kernel's prototype of
 * the entry point the ABI's table names.  Returns the count (0..6) and sets
 * *args to an array of that many, or -1 if no prototype is known (callers
 * then show all six raw values as SCLOG_ARG_HEX).
 */
int sclog_syscall_args(sclog_abi_t abi, long nr,
		       const struct sclog_arg_desc **args);

/*
 * The value of a constant these tables name: a flag of the flag words
 * (O_*, AT_*, R_OK, PROT_*, MAP_*, CLONE_*), AT_FDCWD, F_OK, PROT_NONE or
 * a signal (SIGKILL), with its value from the UAPI headers.  Multi-bit
 * names stand for their value (O_RDONLY is 0, MAP_PRIVATE 2).  Returns 0
 * and sets *value, or -1 if unknown.  Errno names are
 * sclog_errno_from_name()'s.
 */
int sclog_const_from_name(const char *name, int64_t *value);

/* "SIGKILL" for 9 (the standard signals), or NULL. */
const char *sclog_signal_name(uint64_t sig);

/*
 * Write the text of one argument value into buf (size bytes, always
 * NUL-terminated when size > 0); returns the length it needed, like
 * snprintf.  Unknown flag bits are shown as a trailing hex remainder:
 * "O_WRONLY|0x40000000".
 */
int sclog_format_arg(char *buf, size_t size, const struct sclog_arg_desc *arg,
		     uint64_t value);

#endif /* SCLOG_DECODE_H */
