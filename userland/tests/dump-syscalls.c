// SPDX-License-Identifier: GPL-2.0-only
/*
 * dump-syscalls ABI: print "NR NAME" for every syscall of ABI known to
 * lib/syscalls.c, in table order.  Used by test-kernel-tables.sh.
 */

#include <stdio.h>
#include <stdlib.h>

#include "syscalls.h"

int main(int argc, char **argv)
{
	sclog_abi_t abi;
	size_t n;

	if (argc != 2 || sclog_abi_from_name(argv[1], &abi) != 0) {
		fprintf(stderr, "usage: %s x86_64|i386|x32\n", argv[0]);
		return 2;
	}
	n = sclog_syscall_count(abi);
	for (size_t i = 0; i < n; i++) {
		const struct sclog_syscall *e = sclog_syscall_at(abi, i);

		printf("%ld %s\n", e->nr, e->name);
	}
	return fflush(stdout) == 0 && !ferror(stdout) ? EXIT_SUCCESS
						      : EXIT_FAILURE;
}
