// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for lib/syscalls.c.
 *
 * The expected numbers below are written down from the kernel's
 * arch/x86/entry/syscalls/syscall_{64,32}.tbl, not derived from the
 * generated tables.  The complete tables are compared against the kernel's
 * own scripts by test-kernel-tables.sh.
 */

#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <asm/unistd.h>

#include "syscalls.h"

#define X32(nr) (SCLOG_X32_SYSCALL_BIT | (nr))

/* assert_string_equal() would crash on NULL */
#define assert_syscall_name(abi, nr, want)				\
	do {								\
		const char *name_ = sclog_syscall_name((abi), (nr));	\
									\
		assert_non_null(name_);					\
		assert_string_equal(name_, (want));			\
	} while (0)

static const sclog_abi_t all_abis[] = {
	SCLOG_ABI_X86_64, SCLOG_ABI_I386, SCLOG_ABI_X32,
};

/* Not an ABI: the implementation must not index anything with these. */
static const int bogus_abis[] = { -1, 3, 42, INT_MAX, INT_MIN };

struct known {
	const char *name;
	long x86_64, i386, x32;		/* -1: not a syscall on that ABI */
};

static const struct known known[] = {
	{ "read",		0,	3,	X32(0) },
	{ "open",		2,	5,	X32(2) },
	{ "exit",		60,	1,	X32(60) },
	{ "execve",		59,	11,	X32(520) },
	{ "getppid",		110,	64,	X32(110) },
	{ "openat",		257,	295,	X32(257) },
	{ "exit_group",		231,	252,	X32(231) },
	{ "rt_sigaction",	13,	174,	X32(512) },
	{ "ioctl",		16,	54,	X32(514) },
	{ "execveat",		322,	358,	X32(545) },
	{ "pwritev2",		328,	379,	X32(547) },
	{ "clone3",		435,	435,	X32(435) },
	{ "mseal",		462,	462,	X32(462) },
	{ "arch_prctl",		158,	384,	X32(158) },
	{ "socket",		41,	359,	X32(41) },
	/* i386 only */
	{ "socketcall",		-1,	102,	-1 },
	{ "_llseek",		-1,	140,	-1 },
	{ "mmap2",		-1,	192,	-1 },
	{ "waitpid",		-1,	7,	-1 },
	/* x86_64 and x32 only */
	{ "newfstatat",		262,	-1,	X32(262) },
	{ "accept",		43,	-1,	X32(43) },
	/* i386 sys_uselib; 64: 134 without entry point */
	{ "uselib",		-1,	86,	-1 },
	/* reserved (no entry point) or sys_ni_syscall: unknown everywhere */
	{ "_sysctl",		-1,	-1,	-1 },	/* 64: 156, 32: 149 */
	{ "bdflush",		-1,	-1,	-1 },	/* 32: 134 */
	{ "afs_syscall",	-1,	-1,	-1 },	/* 64: 183, 32: 137 */
	{ "tuxcall",		-1,	-1,	-1 },	/* 64: 184 */
	{ "vserver",		-1,	-1,	-1 },	/* 64: 236, 32: 273 */
	{ "break",		-1,	-1,	-1 },	/* 32: 17 */
};

static long known_nr(const struct known *k, sclog_abi_t abi)
{
	switch (abi) {
	case SCLOG_ABI_X86_64:
		return k->x86_64;
	case SCLOG_ABI_I386:
		return k->i386;
	case SCLOG_ABI_X32:
		return k->x32;
	}
	fail_msg("bad abi %d", (int)abi);
	return -1;
}

static void test_abi_names(void **state)
{
	static const char *const names[] = { "x86_64", "i386", "x32" };
	sclog_abi_t abi;

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		assert_non_null(sclog_abi_name(all_abis[i]));
		assert_string_equal(sclog_abi_name(all_abis[i]), names[i]);
		abi = (sclog_abi_t)-1;
		assert_int_equal(sclog_abi_from_name(names[i], &abi), 0);
		assert_int_equal(abi, all_abis[i]);
	}
}

static void test_abi_names_invalid(void **state)
{
	static const char *const bad[] = {
		"", "X86_64", "x86-64", "amd64", "ia32", "i386 ", " x32", "x3",
		"x322",
	};
	sclog_abi_t abi = SCLOG_ABI_X32;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(sclog_abi_from_name(bad[i], &abi), -1);
		assert_int_equal(abi, SCLOG_ABI_X32);
	}
	assert_int_equal(sclog_abi_from_name(NULL, &abi), -1);
	for (size_t i = 0; i < sizeof(bogus_abis) / sizeof(bogus_abis[0]); i++)
		assert_null(sclog_abi_name((sclog_abi_t)bogus_abis[i]));
}

static void test_x32_bit(void **state)
{
	(void)state;
	/* Host UAPI header (linux-libc-dev, or KHDR when given). */
	assert_int_equal(SCLOG_X32_SYSCALL_BIT, __X32_SYSCALL_BIT);
}

static void test_known_syscalls(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		const struct known *k = &known[i];

		for (size_t j = 0; j < 3; j++) {
			sclog_abi_t abi = all_abis[j];
			long nr = known_nr(k, abi);
			long got = sclog_syscall_nr(abi, k->name);

			if (got != nr)
				fail_msg("%s: nr of %s is %ld, expected %ld",
					 sclog_abi_name(abi), k->name, got, nr);
			if (nr < 0)
				continue;
			assert_syscall_name(abi, nr, k->name);
		}
	}
}

static void test_unimplemented_numbers(void **state)
{
	static const long x86_64[] = { 134, 156, 174, 183, 184, 212, 236 };
	/* no entry point, sys_ni_syscall, or not in the table at all */
	static const long i386[] = { 17, 31, 134, 137, 149, 222, 223, 251,
				     273, 285 };

	(void)state;
	for (size_t i = 0; i < sizeof(x86_64) / sizeof(x86_64[0]); i++) {
		assert_null(sclog_syscall_name(SCLOG_ABI_X86_64, x86_64[i]));
		assert_null(sclog_syscall_name(SCLOG_ABI_X32, x86_64[i]));
	}
	for (size_t i = 0; i < sizeof(i386) / sizeof(i386[0]); i++)
		assert_null(sclog_syscall_name(SCLOG_ABI_I386, i386[i]));

	/* abi "64" only: not on x32, whose replacements are 512..547 */
	assert_syscall_name(SCLOG_ABI_X86_64, 13, "rt_sigaction");
	assert_null(sclog_syscall_name(SCLOG_ABI_X32, 13));
	assert_null(sclog_syscall_name(SCLOG_ABI_X32, X32(13)));
	assert_null(sclog_syscall_name(SCLOG_ABI_X32, 59));
	/* abi "x32" only: not on x86_64 */
	assert_null(sclog_syscall_name(SCLOG_ABI_X86_64, 512));
	assert_null(sclog_syscall_name(SCLOG_ABI_X86_64, 520));
	assert_null(sclog_syscall_name(SCLOG_ABI_X86_64, X32(520)));
	/* end of the x32 range */
	assert_null(sclog_syscall_name(SCLOG_ABI_X32, 548));
}

static void test_x32_with_and_without_bit(void **state)
{
	(void)state;
	assert_syscall_name(SCLOG_ABI_X32, 520, "execve");
	assert_syscall_name(SCLOG_ABI_X32, X32(520), "execve");
	assert_syscall_name(SCLOG_ABI_X32, 0, "read");
	assert_syscall_name(SCLOG_ABI_X32, X32(0), "read");
	assert_int_equal(sclog_syscall_nr(SCLOG_ABI_X32, "execve"),
			 0x40000000L + 520);
	/* other high bits are not ignored */
	assert_null(sclog_syscall_name(SCLOG_ABI_X32, 0x80000000L | 520));
	assert_null(sclog_syscall_name(SCLOG_ABI_X32, 0xc0000000L | 520));
	assert_null(sclog_syscall_name(SCLOG_ABI_X32, (1L << 31) | 520));
}

static void test_bogus_numbers(void **state)
{
	static const long bogus[] = {
		-1, -2, -520, -257, LONG_MIN, LONG_MIN + 1, LONG_MAX,
		LONG_MAX - 1, 1000, 4096, 65535, 65536, 1L << 32,
		SCLOG_X32_SYSCALL_BIT - 1, INT_MAX, INT_MIN, UINT_MAX,
		-SCLOG_X32_SYSCALL_BIT, -X32(520),
	};

	(void)state;
	for (size_t j = 0; j < 3; j++)
		for (size_t i = 0; i < sizeof(bogus) / sizeof(bogus[0]); i++)
			if (sclog_syscall_name(all_abis[j], bogus[i]))
				fail_msg("%s: %ld has a name",
					 sclog_abi_name(all_abis[j]), bogus[i]);
	/* the x32 bit means nothing to the other ABIs */
	assert_null(sclog_syscall_name(SCLOG_ABI_X86_64, X32(0)));
	assert_null(sclog_syscall_name(SCLOG_ABI_I386, X32(3)));
	assert_null(sclog_syscall_name(SCLOG_ABI_X32,
				       SCLOG_X32_SYSCALL_BIT << 1));
	assert_null(sclog_syscall_name(SCLOG_ABI_X32,
				       (SCLOG_X32_SYSCALL_BIT << 1) | X32(0)));
	assert_null(sclog_syscall_name(SCLOG_ABI_X32,
				       SCLOG_X32_SYSCALL_BIT - 1));
}

static void test_unknown_names(void **state)
{
	static const char *const bad[] = {
		"", "sys_openat", "__x64_sys_openat", "OPENAT", "openat ",
		" openat", "opena", "openat2x", "execve\n", "zzzzzz", "_",
		"aaaa", "tuxcall", "sys_ni_syscall",
	};

	(void)state;
	for (size_t j = 0; j < 3; j++) {
		assert_int_equal(sclog_syscall_nr(all_abis[j], NULL), -1);
		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
			if (sclog_syscall_nr(all_abis[j], bad[i]) != -1)
				fail_msg("%s: \"%s\" has a number",
					 sclog_abi_name(all_abis[j]), bad[i]);
	}
}

static void test_bogus_abi(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bogus_abis) / sizeof(bogus_abis[0]); i++) {
		sclog_abi_t abi = (sclog_abi_t)bogus_abis[i];

		assert_null(sclog_syscall_name(abi, 0));
		assert_null(sclog_syscall_name(abi, 257));
		assert_int_equal(sclog_syscall_nr(abi, "read"), -1);
		assert_int_equal(sclog_syscall_count(abi), 0);
		assert_null(sclog_syscall_at(abi, 0));
	}
}

/* Every entry: sorted, unique, and nr -> name -> nr round-trips. */
static void test_round_trip_all(void **state)
{
	(void)state;
	for (size_t j = 0; j < 3; j++) {
		sclog_abi_t abi = all_abis[j];
		size_t n = sclog_syscall_count(abi);
		long prev = -1;

		/* 6.12: 358 / 431 / 358; any real kernel has hundreds */
		assert_in_range(n, 300, 1000);
		for (size_t i = 0; i < n; i++) {
			const struct sclog_syscall *e = sclog_syscall_at(abi, i);

			assert_non_null(e);
			assert_non_null(e->name);
			assert_true(e->nr > prev);
			prev = e->nr;
			if (abi == SCLOG_ABI_X32) {
				assert_true(e->nr & SCLOG_X32_SYSCALL_BIT);
				assert_true(e->nr < 2 * SCLOG_X32_SYSCALL_BIT);
			} else {
				assert_in_range(e->nr, 0, 4095);
			}
			assert_ptr_equal(sclog_syscall_name(abi, e->nr), e->name);
			if (sclog_syscall_nr(abi, e->name) != e->nr)
				fail_msg("%s: %s -> %ld, expected %ld",
					 sclog_abi_name(abi), e->name,
					 sclog_syscall_nr(abi, e->name), e->nr);
		}
		assert_null(sclog_syscall_at(abi, n));
		assert_null(sclog_syscall_at(abi, n + 1));
		assert_null(sclog_syscall_at(abi, SIZE_MAX));
	}
}

/* Every number in a range maps to NULL or to a name that maps back. */
static void test_number_sweep(void **state)
{
	(void)state;
	for (size_t j = 0; j < 3; j++) {
		sclog_abi_t abi = all_abis[j];
		size_t named = 0;

		for (long nr = -16; nr < 1100; nr++) {
			const char *name = sclog_syscall_name(abi, nr);
			long want = abi == SCLOG_ABI_X32 ? X32(nr) : nr;

			if (!name)
				continue;
			named++;
			assert_true(nr >= 0);
			assert_int_equal(sclog_syscall_nr(abi, name), want);
		}
		assert_int_equal(named, sclog_syscall_count(abi));
	}
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_abi_names),
		cmocka_unit_test(test_abi_names_invalid),
		cmocka_unit_test(test_x32_bit),
		cmocka_unit_test(test_known_syscalls),
		cmocka_unit_test(test_unimplemented_numbers),
		cmocka_unit_test(test_x32_with_and_without_bit),
		cmocka_unit_test(test_bogus_numbers),
		cmocka_unit_test(test_unknown_names),
		cmocka_unit_test(test_bogus_abi),
		cmocka_unit_test(test_round_trip_all),
		cmocka_unit_test(test_number_sweep),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("syscalls", tests, NULL, NULL);
}
