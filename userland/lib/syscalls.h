/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Syscall names and numbers per x86 ABI.
 *
 * The tables are generated at build time from the kernel tree's
 * arch/x86/entry/syscalls/syscall_{64,32}.tbl by tools/gen-syscalls.
 * Only syscalls the kernel implements are listed: table entries without an
 * entry point or with sys_ni_syscall are unknown here.
 *
 * Numbers are as the kernel sees them in orig_ax.  For x32 that includes
 * SCLOG_X32_SYSCALL_BIT (e.g. execve is 0x40000000 | 520):
 * sclog_syscall_nr() and sclog_syscall_at() return numbers with the bit set,
 * sclog_syscall_name() accepts x32 numbers with or without it.
 *
 * Names are the kernel's table names ("openat", "_llseek", "newfstatat"),
 * matched exactly: no "sys_" prefix, no aliases.
 */
#ifndef SCLOG_SYSCALLS_H
#define SCLOG_SYSCALLS_H

#include <stddef.h>

#include <linux/sclog.h>	/* SCLOG_ABI_*: the kernel's UAPI is the one source */

/* A syscall ABI: one of the UAPI's SCLOG_ABI_* values. */
typedef unsigned int sclog_abi_t;

/* __X32_SYSCALL_BIT of arch/x86/include/uapi/asm/unistd.h. */
#define SCLOG_X32_SYSCALL_BIT 0x40000000L

struct sclog_syscall {
	long nr;
	const char *name;
};

/* "x86_64", "i386", "x32"; NULL for an invalid value. */
const char *sclog_abi_name(sclog_abi_t abi);

/*
 * Parse an ABI name as returned by sclog_abi_name() (exact, case-sensitive).
 * Returns 0 and sets *abi, or -1 if unknown (*abi untouched).
 */
int sclog_abi_from_name(const char *name, sclog_abi_t *abi);

/* Name of syscall nr, or NULL if unknown (any nr, including negative). */
const char *sclog_syscall_name(sclog_abi_t abi, long nr);

/* Number of syscall name, or -1 if unknown.  name may be NULL. */
long sclog_syscall_nr(sclog_abi_t abi, const char *name);

/* Number of known syscalls, 0 for an invalid ABI. */
size_t sclog_syscall_count(sclog_abi_t abi);

/*
 * The idx-th known syscall in ascending number order, or NULL if
 * idx >= sclog_syscall_count(abi).  The pointer is to static storage.
 */
const struct sclog_syscall *sclog_syscall_at(sclog_abi_t abi, size_t idx);

#endif /* SCLOG_SYSCALLS_H */
