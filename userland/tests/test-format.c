// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for lib/format.c and lib/decode.c: escaping, time, argument
 * decoding, exact text and JSON lines for hand-built records of each ABI,
 * the JSON parsed back with jansson, and --format templates.
 *
 * Expected values are written down from the kernel's headers and tables
 * (O_CREAT is 0100, openat is 257 on x86_64 and 295 on i386 ...), not
 * derived from the generated tables.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "decode.h"
#include "format.h"

#define T0 1795782964123456789ULL	/* 2026-11-27T12:36:04.123456789Z */

/* The buffer's contents as a NUL-terminated string (static storage). */
static const char *str(struct sclog_buf *b)
{
	static char s[8192];

	assert_false(b->oom);
	assert_true(b->len < sizeof(s));
	memcpy(s, b->data, b->len);
	s[b->len] = '\0';
	return s;
}

static struct sclog_rec mkrec(sclog_abi_t abi, int nr, const uint64_t a[6],
			      int64_t ret, unsigned int flags)
{
	struct sclog_rec r;

	memset(&r, 0, sizeof(r));
	r.hdr.size = SCLOG_REC_V1_HDR_SIZE;
	r.hdr.hdr_size = SCLOG_REC_V1_HDR_SIZE;
	r.hdr.version = SCLOG_RECORD_VERSION;
	r.hdr.type = SCLOG_REC_SYSCALL;
	r.hdr.flags = (uint16_t)flags;
	r.hdr.abi = (uint16_t)abi;
	r.hdr.nr = nr;
	r.hdr.seq = 12;
	r.hdr.time_real = T0;
	r.hdr.duration = 4211;
	memcpy(r.hdr.args, a, sizeof(r.hdr.args));
	r.hdr.ret = ret;
	r.hdr.pid = 123;
	r.hdr.tid = 123;
	r.hdr.ppid = 1;
	r.hdr.auid = UINT32_MAX;
	r.hdr.ses = UINT32_MAX;
	memcpy(r.hdr.comm, "cat", 3);
	return r;
}

#define FIELDS "uid=0 euid=0 suid=0 fsuid=0 gid=0 egid=0 sgid=0 fsgid=0 " \
	       "auid=unset ses=unset dur=4211"
#define JFIELDS "\"uid\":0,\"euid\":0,\"suid\":0,\"fsuid\":0,\"gid\":0," \
		"\"egid\":0,\"sgid\":0,\"fsgid\":0,\"auid\":4294967295," \
		"\"ses\":4294967295,\"comm\":\"cat\""

/* ------------------------------------------------------------------------ */

static void test_escape_text(void **state)
{
	static const char in[] = "a\"b\\c\nd\te\rf\x1b[31mg\x7f\x80\xff\0h ~";
	struct sclog_buf b;

	(void)state;
	sclog_buf_init(&b);
	sclog_escape_text(&b, in, sizeof(in) - 1, true);
	assert_string_equal(str(&b),
		"\"a\\\"b\\\\c\\nd\\te\\rf\\x1b[31mg\\x7f\\x80\\xff\\x00h ~\"");
	sclog_buf_reset(&b);
	sclog_escape_text(&b, in, sizeof(in) - 1, false);
	assert_string_equal(str(&b),
		"a\\\"b\\\\c\\nd\\te\\rf\\x1b[31mg\\x7f\\x80\\xff\\x00h ~");
	sclog_buf_reset(&b);
	sclog_escape_text(&b, "", 0, true);
	assert_string_equal(str(&b), "\"\"");
	sclog_buf_free(&b);
}

/* Bytes from a jansson string whose code points are all <= 0xff. */
static size_t latin1(const char *s, size_t n, unsigned char *out)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x80) {
			out[k++] = c;
		} else {
			assert_true(c == 0xc2 || c == 0xc3);
			assert_true(i + 1 < n);
			out[k++] = (unsigned char)(((c & 3) << 6) |
						   ((unsigned char)s[++i] & 0x3f));
		}
	}
	return k;
}

static void test_escape_json(void **state)
{
	static const char in[] = "a\"b\\c\nd\te\rf\b\f\x1b[31mg\x7f\x80\xff\0h/";
	unsigned char all[256], back[256];
	struct sclog_buf b;
	json_error_t jerr;
	json_t *j;

	(void)state;
	sclog_buf_init(&b);
	sclog_escape_json(&b, in, sizeof(in) - 1);
	assert_string_equal(str(&b),
		"\"a\\\"b\\\\c\\nd\\te\\rf\\b\\f\\u001b[31mg\\u007f\\u0080"
		"\\u00ff\\u0000h/\"");

	/* every byte value round-trips through a JSON parser */
	for (int i = 0; i < 256; i++)
		all[i] = (unsigned char)i;
	sclog_buf_reset(&b);
	sclog_escape_json(&b, all, sizeof(all));
	for (size_t i = 0; i < b.len; i++)
		assert_true(b.data[i] >= 0x20 && b.data[i] < 0x7f);
	j = json_loadb(b.data, b.len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
	if (!j)
		fail_msg("jansson: %s", jerr.text);
	assert_true(json_is_string(j));
	assert_int_equal(latin1(json_string_value(j), json_string_length(j),
				back), sizeof(all));
	assert_memory_equal(back, all, sizeof(all));
	json_decref(j);
	sclog_buf_free(&b);
}

static void test_time(void **state)
{
	static const struct {
		uint64_t ns;
		const char *want;
	} cases[] = {
		{ 0, "1970-01-01T00:00:00.000000000Z" },
		{ T0, "2026-11-27T12:36:04.123456789Z" },
		{ 1709164800000000001ULL, "2024-02-29T00:00:00.000000001Z" },
		{ 951868800999999999ULL, "2000-03-01T00:00:00.999999999Z" },
		{ 951868799999999999ULL, "2000-02-29T23:59:59.999999999Z" },
		{ UINT64_MAX, "2554-07-21T23:34:33.709551615Z" },
	};
	struct sclog_buf b;

	(void)state;
	sclog_buf_init(&b);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sclog_buf_reset(&b);
		sclog_format_time(&b, cases[i].ns);
		assert_string_equal(str(&b), cases[i].want);
	}
	sclog_buf_free(&b);
}

static void test_buf(void **state)
{
	struct sclog_buf b;
	char big[5000];

	(void)state;
	sclog_buf_init(&b);
	sclog_buf_adds(&b, "ab");
	sclog_buf_add(&b, "cd", 1);
	sclog_buf_addf(&b, "<%d:%s>", 42, "x");
	assert_string_equal(str(&b), "abc<42:x>");
	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	sclog_buf_addf(&b, "%s!", big);
	assert_int_equal(b.len, 9 + sizeof(big));
	assert_int_equal(b.data[b.len - 1], '!');
	assert_true(b.cap >= b.len);
	sclog_buf_free(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
}

/* ------------------------------------------------------------------------ */

static void test_errno(void **state)
{
	(void)state;
	assert_string_equal(sclog_errno_name(1), "EPERM");
	assert_string_equal(sclog_errno_name(2), "ENOENT");
	assert_string_equal(sclog_errno_name(11), "EAGAIN");	/* not EWOULDBLOCK */
	assert_string_equal(sclog_errno_name(35), "EDEADLK");	/* not EDEADLOCK */
	assert_string_equal(sclog_errno_name(38), "ENOSYS");
	assert_string_equal(sclog_errno_name(133), "EHWPOISON");
	assert_string_equal(sclog_errno_name(512), "ERESTARTSYS");
	assert_string_equal(sclog_errno_name(516), "ERESTART_RESTARTBLOCK");
	assert_null(sclog_errno_name(0));
	assert_null(sclog_errno_name(-2));
	assert_null(sclog_errno_name(134));
	assert_null(sclog_errno_name(4096));
	assert_int_equal(sclog_errno_from_name("ENOENT"), 2);
	assert_int_equal(sclog_errno_from_name("EWOULDBLOCK"), 11);
	assert_int_equal(sclog_errno_from_name("EDEADLOCK"), 35);
	assert_int_equal(sclog_errno_from_name("EOPNOTSUPP"), 95);
	assert_int_equal(sclog_errno_from_name("ENOTSUP"), -1);	/* glibc only */
	assert_int_equal(sclog_errno_from_name("enoent"), -1);
	assert_int_equal(sclog_errno_from_name(""), -1);
	assert_int_equal(sclog_errno_from_name(NULL), -1);
}

static void expect_kind(sclog_abi_t abi, long nr, int nargs, int idx,
			enum sclog_arg_kind kind, unsigned int bits,
			const char *name)
{
	const struct sclog_arg_desc *a = NULL;

	assert_int_equal(sclog_syscall_args(abi, nr, &a), nargs);
	assert_non_null(a);
	assert_int_equal(a[idx].kind, kind);
	assert_int_equal(a[idx].bits, bits);
	assert_string_equal(a[idx].name, name);
}

static void test_syscall_args(void **state)
{
	const struct sclog_arg_desc *a = NULL;

	(void)state;
	/* openat(int dfd, const char __user *filename, int flags, umode_t mode) */
	expect_kind(SCLOG_ABI_X86_64, 257, 4, 0, SCLOG_ARG_DIRFD, 32, "dfd");
	expect_kind(SCLOG_ABI_X86_64, 257, 4, 1, SCLOG_ARG_PTR, 64, "filename");
	expect_kind(SCLOG_ABI_X86_64, 257, 4, 2, SCLOG_ARG_OPEN_FLAGS, 32, "flags");
	expect_kind(SCLOG_ABI_X86_64, 257, 4, 3, SCLOG_ARG_MODE, 32, "mode");
	assert_int_equal(sclog_syscall_args(SCLOG_ABI_X86_64, 257, &a), 4);
	assert_string_equal(a[1].type, "const char __user *");
	assert_string_equal(a[3].type, "umode_t");
	expect_kind(SCLOG_ABI_I386, 295, 4, 1, SCLOG_ARG_PTR, 32, "filename");
	expect_kind(SCLOG_ABI_X32, 257, 4, 0, SCLOG_ARG_DIRFD, 32, "dfd");
	expect_kind(SCLOG_ABI_X32, SCLOG_X32_SYSCALL_BIT | 257, 4, 2,
		    SCLOG_ARG_OPEN_FLAGS, 32, "flags");
	/* read: size_t count is 64 bits on x86_64, 32 on i386 */
	expect_kind(SCLOG_ABI_X86_64, 0, 3, 0, SCLOG_ARG_FD, 32, "fd");
	expect_kind(SCLOG_ABI_X86_64, 0, 3, 2, SCLOG_ARG_UNSIGNED, 64, "count");
	expect_kind(SCLOG_ABI_I386, 3, 3, 2, SCLOG_ARG_UNSIGNED, 32, "count");
	/* lseek: off_t offset is a signed long */
	expect_kind(SCLOG_ABI_X86_64, 8, 3, 1, SCLOG_ARG_SIGNED, 64, "offset");
	/* mmap (x86 sys_mmap), mmap2 (i386 sys_mmap_pgoff), mprotect */
	expect_kind(SCLOG_ABI_X86_64, 9, 6, 0, SCLOG_ARG_HEX, 64, "addr");
	expect_kind(SCLOG_ABI_X86_64, 9, 6, 2, SCLOG_ARG_MMAP_PROT, 64, "prot");
	expect_kind(SCLOG_ABI_X86_64, 9, 6, 3, SCLOG_ARG_MMAP_FLAGS, 64, "flags");
	expect_kind(SCLOG_ABI_X86_64, 9, 6, 4, SCLOG_ARG_FD, 64, "fd");
	expect_kind(SCLOG_ABI_I386, 192, 6, 2, SCLOG_ARG_MMAP_PROT, 32, "prot");
	expect_kind(SCLOG_ABI_I386, 192, 6, 3, SCLOG_ARG_MMAP_FLAGS, 32, "flags");
	expect_kind(SCLOG_ABI_X86_64, 10, 3, 2, SCLOG_ARG_MMAP_PROT, 64, "prot");
	/* i386 mmap is compat_sys_ia32_mmap(struct mmap_arg_struct32 *) */
	expect_kind(SCLOG_ABI_I386, 90, 1, 0, SCLOG_ARG_PTR, 32, "arg");
	/* clone: flags first on x86_64 (unnamed) and i386 (ia32_clone) */
	expect_kind(SCLOG_ABI_X86_64, 56, 5, 0, SCLOG_ARG_CLONE_FLAGS, 64, "");
	expect_kind(SCLOG_ABI_X86_64, 56, 5, 2, SCLOG_ARG_PTR, 64, "");
	expect_kind(SCLOG_ABI_I386, 120, 5, 0, SCLOG_ARG_CLONE_FLAGS, 32,
		    "clone_flags");
	expect_kind(SCLOG_ABI_I386, 120, 5, 3, SCLOG_ARG_HEX, 32, "tls_val");
	expect_kind(SCLOG_ABI_X86_64, 435, 2, 0, SCLOG_ARG_PTR, 64, "uargs");
	/* access modes and at flags */
	expect_kind(SCLOG_ABI_X86_64, 21, 2, 1, SCLOG_ARG_ACCESS_MODE, 32, "mode");
	expect_kind(SCLOG_ABI_X86_64, 439, 4, 2, SCLOG_ARG_ACCESS_MODE, 32, "mode");
	expect_kind(SCLOG_ABI_X86_64, 439, 4, 3, SCLOG_ARG_FACCESSAT_FLAGS, 32,
		    "flags");
	expect_kind(SCLOG_ABI_X86_64, 262, 4, 3, SCLOG_ARG_AT_FLAGS, 32, "flag");
	expect_kind(SCLOG_ABI_X86_64, 263, 3, 2, SCLOG_ARG_UNLINKAT_FLAGS, 32,
		    "flag");
	/* i386 pread64 is sys_ia32_pread64 with split 64-bit position */
	expect_kind(SCLOG_ABI_I386, 180, 5, 3, SCLOG_ARG_UNSIGNED, 32, "poslo");
	/* i386 setuid is sys_setuid16 */
	expect_kind(SCLOG_ABI_I386, 23, 1, 0, SCLOG_ARG_UNSIGNED, 32, "uid");
	/* no arguments */
	assert_int_equal(sclog_syscall_args(SCLOG_ABI_X86_64, 57, &a), 0);
	/* unknown numbers and ABIs */
	assert_int_equal(sclog_syscall_args(SCLOG_ABI_X86_64, 999, &a), -1);
	assert_int_equal(sclog_syscall_args(SCLOG_ABI_X86_64, -1, &a), -1);
	assert_int_equal(sclog_syscall_args(SCLOG_ABI_X86_64, 156, &a), -1);
	assert_int_equal(sclog_syscall_args(SCLOG_ABI_I386, 17, &a), -1);
	assert_int_equal(sclog_syscall_args(3, 0, &a), -1);
}

static void expect_arg(enum sclog_arg_kind kind, unsigned int bits,
		       uint64_t v, const char *want)
{
	struct sclog_arg_desc d = { "t", "n", kind, bits };
	char buf[512];
	int n = sclog_format_arg(buf, sizeof(buf), &d, v);

	assert_string_equal(buf, want);
	assert_int_equal(n, (int)strlen(want));
}

static void test_format_arg(void **state)
{
	char small[6];
	struct sclog_arg_desc d = { "int", "flags", SCLOG_ARG_OPEN_FLAGS, 32 };

	(void)state;
	expect_arg(SCLOG_ARG_SIGNED, 32, 0xffffffffULL, "-1");
	expect_arg(SCLOG_ARG_SIGNED, 32, 0xffffffff00000005ULL, "5");
	expect_arg(SCLOG_ARG_SIGNED, 64, (uint64_t)INT64_MIN, "-9223372036854775808");
	expect_arg(SCLOG_ARG_SIGNED, 64, 42, "42");
	expect_arg(SCLOG_ARG_UNSIGNED, 32, 0xffffffffffffffffULL, "4294967295");
	expect_arg(SCLOG_ARG_UNSIGNED, 64, UINT64_MAX, "18446744073709551615");
	expect_arg(SCLOG_ARG_HEX, 64, 0xdeadbeef0ULL, "0xdeadbeef0");
	expect_arg(SCLOG_ARG_HEX, 32, 0x1ffffffffULL, "0xffffffff");
	expect_arg(SCLOG_ARG_HEX, 64, 0, "0x0");
	expect_arg(SCLOG_ARG_PTR, 64, 0, "NULL");
	expect_arg(SCLOG_ARG_PTR, 64, 0x7ffc0a1b2c30ULL, "0x7ffc0a1b2c30");
	expect_arg(SCLOG_ARG_PTR, 32, 0x100000000ULL, "NULL");
	expect_arg(SCLOG_ARG_FD, 32, 3, "3");
	expect_arg(SCLOG_ARG_FD, 64, UINT64_MAX, "-1");
	expect_arg(SCLOG_ARG_DIRFD, 32, (uint64_t)-100, "AT_FDCWD");
	expect_arg(SCLOG_ARG_DIRFD, 32, 0xffffff9cULL, "AT_FDCWD");
	expect_arg(SCLOG_ARG_DIRFD, 32, 0xffffff9bULL, "-101");
	expect_arg(SCLOG_ARG_DIRFD, 32, 7, "7");
	expect_arg(SCLOG_ARG_MODE, 32, 0644, "0644");
	expect_arg(SCLOG_ARG_MODE, 32, 04755, "04755");
	expect_arg(SCLOG_ARG_MODE, 32, 0, "0");
	expect_arg(SCLOG_ARG_OPEN_FLAGS, 32, 0, "O_RDONLY");
	expect_arg(SCLOG_ARG_OPEN_FLAGS, 32, 01 | 0100 | 02000000,
		   "O_WRONLY|O_CREAT|O_CLOEXEC");
	expect_arg(SCLOG_ARG_OPEN_FLAGS, 32, 02 | 0200 | 01000 | 02000 | 04000,
		   "O_RDWR|O_EXCL|O_TRUNC|O_APPEND|O_NONBLOCK");
	/* the kernel's O_LARGEFILE, not glibc's 0 */
	expect_arg(SCLOG_ARG_OPEN_FLAGS, 32, 0100000, "O_RDONLY|O_LARGEFILE");
	/* O_SYNC contains O_DSYNC, O_TMPFILE contains O_DIRECTORY */
	expect_arg(SCLOG_ARG_OPEN_FLAGS, 32, 04010001, "O_WRONLY|O_SYNC");
	expect_arg(SCLOG_ARG_OPEN_FLAGS, 32, 010000, "O_RDONLY|O_DSYNC");
	expect_arg(SCLOG_ARG_OPEN_FLAGS, 32, 020200002, "O_RDWR|O_TMPFILE");
	expect_arg(SCLOG_ARG_OPEN_FLAGS, 32, 0200000, "O_RDONLY|O_DIRECTORY");
	expect_arg(SCLOG_ARG_OPEN_FLAGS, 32, 010000000 | 0400000,
		   "O_RDONLY|O_NOFOLLOW|O_PATH");
	expect_arg(SCLOG_ARG_OPEN_FLAGS, 32, 0x40000001, "O_WRONLY|0x40000000");
	expect_arg(SCLOG_ARG_OPEN_FLAGS, 32, 3, "0x3");	/* no access mode */
	expect_arg(SCLOG_ARG_OPEN_FLAGS, 32, 0xffffffff00000000ULL, "O_RDONLY");
	expect_arg(SCLOG_ARG_ACCESS_MODE, 32, 0, "F_OK");
	expect_arg(SCLOG_ARG_ACCESS_MODE, 32, 5, "R_OK|X_OK");
	expect_arg(SCLOG_ARG_ACCESS_MODE, 32, 7, "R_OK|W_OK|X_OK");
	expect_arg(SCLOG_ARG_ACCESS_MODE, 32, 0x18, "0x18");
	expect_arg(SCLOG_ARG_ACCESS_MODE, 32, 0x1a, "W_OK|0x18");
	expect_arg(SCLOG_ARG_AT_FLAGS, 32, 0, "0");
	expect_arg(SCLOG_ARG_AT_FLAGS, 32, 0x1100,
		   "AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH");
	expect_arg(SCLOG_ARG_AT_FLAGS, 32, 0x8000 | 0x400,
		   "AT_SYMLINK_FOLLOW|AT_RECURSIVE");
	expect_arg(SCLOG_ARG_AT_FLAGS, 32, 0x200, "0x200");
	expect_arg(SCLOG_ARG_FACCESSAT_FLAGS, 32, 0x200, "AT_EACCESS");
	expect_arg(SCLOG_ARG_FACCESSAT_FLAGS, 32, 0x300,
		   "AT_EACCESS|AT_SYMLINK_NOFOLLOW");
	expect_arg(SCLOG_ARG_UNLINKAT_FLAGS, 32, 0x200, "AT_REMOVEDIR");
	expect_arg(SCLOG_ARG_UNLINKAT_FLAGS, 32, 0x201, "AT_REMOVEDIR|0x1");
	expect_arg(SCLOG_ARG_UNLINKAT_FLAGS, 32, 0, "0");
	expect_arg(SCLOG_ARG_MMAP_PROT, 64, 0, "PROT_NONE");
	expect_arg(SCLOG_ARG_MMAP_PROT, 64, 3, "PROT_READ|PROT_WRITE");
	expect_arg(SCLOG_ARG_MMAP_PROT, 64, 5 | 0x1000000,
		   "PROT_READ|PROT_EXEC|PROT_GROWSDOWN");
	expect_arg(SCLOG_ARG_MMAP_PROT, 64, 0x100000000ULL, "0x100000000");
	expect_arg(SCLOG_ARG_MMAP_FLAGS, 64, 0x22, "MAP_PRIVATE|MAP_ANONYMOUS");
	expect_arg(SCLOG_ARG_MMAP_FLAGS, 64, 0x01 | 0x10, "MAP_SHARED|MAP_FIXED");
	expect_arg(SCLOG_ARG_MMAP_FLAGS, 64, 0x03, "MAP_SHARED_VALIDATE");
	expect_arg(SCLOG_ARG_MMAP_FLAGS, 64, 0x02 | 0x40 | 0x20000,
		   "MAP_PRIVATE|MAP_32BIT|MAP_STACK");
	/* MAP_HUGE_1GB (30 << 26) has no name of its own */
	expect_arg(SCLOG_ARG_MMAP_FLAGS, 64, 0x22 | 0x40000 | (30ULL << 26),
		   "MAP_PRIVATE|MAP_ANONYMOUS|MAP_HUGETLB|0x78000000");
	expect_arg(SCLOG_ARG_MMAP_FLAGS, 64, 0, "0");
	expect_arg(SCLOG_ARG_MMAP_FLAGS, 64, 0x0f, "0xf");
	expect_arg(SCLOG_ARG_CLONE_FLAGS, 64, 0, "0");
	expect_arg(SCLOG_ARG_CLONE_FLAGS, 64, 0x01200011,
		   "CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD");
	expect_arg(SCLOG_ARG_CLONE_FLAGS, 64, 0x3d0f00,
		   "CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|"
		   "CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|"
		   "CLONE_CHILD_CLEARTID");
	expect_arg(SCLOG_ARG_CLONE_FLAGS, 64, 17, "SIGCHLD");
	expect_arg(SCLOG_ARG_CLONE_FLAGS, 64, 0x4000 | 0x100 | 9,
		   "CLONE_VM|CLONE_VFORK|SIGKILL");
	/* signal 0x7f is not a name; 0x80 is CLONE_NEWTIME only in clone3 */
	expect_arg(SCLOG_ARG_CLONE_FLAGS, 64, 0x100 | 0x7f, "CLONE_VM|0x7f");
	expect_arg(SCLOG_ARG_CLONE_FLAGS, 64, 0x80, "0x80");
	expect_arg(SCLOG_ARG_CLONE_FLAGS, 64, 0x1000000000ULL | 0x20000000,
		   "CLONE_NEWPID|0x1000000000");
	expect_arg(SCLOG_ARG_CLONE_FLAGS, 32, 0x100000000ULL | 17, "SIGCHLD");

	/* snprintf semantics */
	assert_int_equal(sclog_format_arg(small, sizeof(small), &d, 0x80041),
			 (int)strlen("O_WRONLY|O_CREAT|O_CLOEXEC"));
	assert_string_equal(small, "O_WRO");
	assert_int_equal(sclog_format_arg(small, 1, &d, 0), 8);
	assert_string_equal(small, "");
	assert_int_equal(sclog_format_arg(NULL, 0, &d, 0), 8);
}

/* ------------------------------------------------------------------------ */
/* whole lines */

struct line_case {
	const char *what;
	sclog_abi_t abi;
	int nr;
	uint64_t args[6];
	int64_t ret;
	unsigned int flags;
	const char *text;
	const char *json;
	int nargs;		/* entries of "args" and "params" */
	const char *errno_name;	/* or NULL */
};

static const struct line_case lines[] = {
	{
		"x86_64 openat",
		SCLOG_ABI_X86_64, 257,
		{ (uint64_t)-100, 0x7ffc0a1b2c30ULL, 01 | 0100 | 02000000, 0644,
		  0x1111, 0x2222 },
		3, 0,
		"2026-11-27T12:36:04.123456789Z cpu=0 seq=12 pid=123 tid=123 "
		"ppid=1 comm=\"cat\" " FIELDS " arch=x86_64 nr=257 "
		"call=openat(AT_FDCWD, 0x7ffc0a1b2c30, O_WRONLY|O_CREAT|O_CLOEXEC, "
		"0644) = 3\n",
		"{\"seq\":12,\"cpu\":0,\"time\":1795782964123456789,\"pid\":123,"
		"\"tid\":123,\"ppid\":1," JFIELDS ",\"arch\":\"x86_64\",\"nr\":257,"
		"\"syscall\":\"openat\",\"args\":[-100,140720478039088,524353,420],"
		"\"ret\":3,\"dur\":4211,\"params\":[\"AT_FDCWD\",\"0x7ffc0a1b2c30\","
		"\"O_WRONLY|O_CREAT|O_CLOEXEC\",\"0644\"]}\n",
		4, NULL,
	},
	{
		"x86_64 open failing with ENOENT",
		SCLOG_ABI_X86_64, 2,
		{ 0x5555deadb000ULL, 0, 0, 0, 0, 0 },
		-2, 0,
		"2026-11-27T12:36:04.123456789Z cpu=0 seq=12 pid=123 tid=123 "
		"ppid=1 comm=\"cat\" " FIELDS " arch=x86_64 nr=2 "
		"call=open(0x5555deadb000, O_RDONLY, 0) = -2 ENOENT\n",
		"{\"seq\":12,\"cpu\":0,\"time\":1795782964123456789,\"pid\":123,"
		"\"tid\":123,\"ppid\":1," JFIELDS ",\"arch\":\"x86_64\",\"nr\":2,"
		"\"syscall\":\"open\",\"args\":[93827296505856,0,0],"
		"\"ret\":-2,\"errno\":\"ENOENT\",\"dur\":4211,\"params\":"
		"[\"0x5555deadb000\",\"O_RDONLY\",\"0\"]}\n",
		3, "ENOENT",
	},
	{
		"i386 openat with 32-bit AT_FDCWD",
		SCLOG_ABI_I386, 295,
		{ 0xffffff9cULL, 0xffd0a000ULL, 0100000, 0, 0, 0 },
		5, 0,
		"2026-11-27T12:36:04.123456789Z cpu=0 seq=12 pid=123 tid=123 "
		"ppid=1 comm=\"cat\" " FIELDS " arch=i386 nr=295 "
		"call=openat(AT_FDCWD, 0xffd0a000, O_RDONLY|O_LARGEFILE, 0) = 5\n",
		"{\"seq\":12,\"cpu\":0,\"time\":1795782964123456789,\"pid\":123,"
		"\"tid\":123,\"ppid\":1," JFIELDS ",\"arch\":\"i386\",\"nr\":295,"
		"\"syscall\":\"openat\",\"args\":[4294967196,4291862528,32768,0],"
		"\"ret\":5,\"dur\":4211,\"params\":[\"AT_FDCWD\",\"0xffd0a000\","
		"\"O_RDONLY|O_LARGEFILE\",\"0\"]}\n",
		4, NULL,
	},
	{
		"i386 open",
		SCLOG_ABI_I386, 5,
		{ 0x0804a000ULL, 01 | 0100 | 01000, 0600, 0, 0, 0 },
		-13, 0,
		"2026-11-27T12:36:04.123456789Z cpu=0 seq=12 pid=123 tid=123 "
		"ppid=1 comm=\"cat\" " FIELDS " arch=i386 nr=5 "
		"call=open(0x804a000, O_WRONLY|O_CREAT|O_TRUNC, 0600) = -13 EACCES\n",
		"{\"seq\":12,\"cpu\":0,\"time\":1795782964123456789,\"pid\":123,"
		"\"tid\":123,\"ppid\":1," JFIELDS ",\"arch\":\"i386\",\"nr\":5,"
		"\"syscall\":\"open\",\"args\":[134520832,577,384],"
		"\"ret\":-13,\"errno\":\"EACCES\",\"dur\":4211,\"params\":"
		"[\"0x804a000\",\"O_WRONLY|O_CREAT|O_TRUNC\",\"0600\"]}\n",
		3, "EACCES",
	},
	{
		"x32 openat",
		SCLOG_ABI_X32, 257,
		{ 0xffffff9cULL, 0x40001000ULL, 0, 0, 0, 0 },
		4, 0,
		"2026-11-27T12:36:04.123456789Z cpu=0 seq=12 pid=123 tid=123 "
		"ppid=1 comm=\"cat\" " FIELDS " arch=x32 nr=257 "
		"call=openat(AT_FDCWD, 0x40001000, O_RDONLY, 0) = 4\n",
		"{\"seq\":12,\"cpu\":0,\"time\":1795782964123456789,\"pid\":123,"
		"\"tid\":123,\"ppid\":1," JFIELDS ",\"arch\":\"x32\",\"nr\":257,"
		"\"syscall\":\"openat\",\"args\":[4294967196,1073745920,0,0],"
		"\"ret\":4,\"dur\":4211,\"params\":[\"AT_FDCWD\",\"0x40001000\","
		"\"O_RDONLY\",\"0\"]}\n",
		4, NULL,
	},
	{
		"x86_64 exit_group without a return value",
		SCLOG_ABI_X86_64, 231,
		{ 1, 0, 0, 0, 0, 0 },
		0, SCLOG_RF_ENTRY | SCLOG_RF_NORETURN,
		"2026-11-27T12:36:04.123456789Z cpu=0 seq=12 pid=123 tid=123 "
		"ppid=1 comm=\"cat\" " FIELDS " arch=x86_64 nr=231 "
		"call=exit_group(1) = ?\n",
		"{\"seq\":12,\"cpu\":0,\"time\":1795782964123456789,\"pid\":123,"
		"\"tid\":123,\"ppid\":1," JFIELDS ",\"arch\":\"x86_64\",\"nr\":231,"
		"\"syscall\":\"exit_group\",\"args\":[1],\"dur\":4211,"
		"\"params\":[\"1\"]}\n",
		1, NULL,
	},
	{
		"x86_64 unknown number",
		SCLOG_ABI_X86_64, 999,
		{ 1, 2, 0, 0, 0, UINT64_MAX },
		-38, 0,
		"2026-11-27T12:36:04.123456789Z cpu=0 seq=12 pid=123 tid=123 "
		"ppid=1 comm=\"cat\" " FIELDS " arch=x86_64 nr=999 "
		"call=syscall_999(0x1, 0x2, 0x0, 0x0, 0x0, 0xffffffffffffffff) "
		"= -38 ENOSYS\n",
		"{\"seq\":12,\"cpu\":0,\"time\":1795782964123456789,\"pid\":123,"
		"\"tid\":123,\"ppid\":1," JFIELDS ",\"arch\":\"x86_64\",\"nr\":999,"
		"\"syscall\":\"syscall_999\",\"args\":[1,2,0,0,0,-1],"
		"\"ret\":-38,\"errno\":\"ENOSYS\",\"dur\":4211,\"params\":[\"0x1\","
		"\"0x2\",\"0x0\",\"0x0\",\"0x0\",\"0xffffffffffffffff\"]}\n",
		6, "ENOSYS",
	},
	{
		"i386 unknown number, ret without errno name",
		SCLOG_ABI_I386, 1000,
		{ 0xffffffffULL, 0, 0, 0, 0, 0x123456789ULL },
		-600, 0,
		"2026-11-27T12:36:04.123456789Z cpu=0 seq=12 pid=123 tid=123 "
		"ppid=1 comm=\"cat\" " FIELDS " arch=i386 nr=1000 "
		"call=syscall_1000(0xffffffff, 0x0, 0x0, 0x0, 0x0, 0x23456789) "
		"= -600\n",
		"{\"seq\":12,\"cpu\":0,\"time\":1795782964123456789,\"pid\":123,"
		"\"tid\":123,\"ppid\":1," JFIELDS ",\"arch\":\"i386\",\"nr\":1000,"
		"\"syscall\":\"syscall_1000\",\"args\":[4294967295,0,0,0,0,"
		"591751049],\"ret\":-600,\"dur\":4211,\"params\":[\"0xffffffff\","
		"\"0x0\",\"0x0\",\"0x0\",\"0x0\",\"0x23456789\"]}\n",
		6, NULL,
	},
};

/* Parse a JSON line with jansson and check it against the record. */
static void check_json(const char *line, size_t len, const struct sclog_rec *r,
		       int nargs, const char *errno_name)
{
	unsigned char comm[32];
	json_error_t jerr;
	json_t *j, *v;
	size_t clen;

	assert_true(len > 0 && line[len - 1] == '\n');
	j = json_loadb(line, len - 1, JSON_ALLOW_NUL, &jerr);
	if (!j)
		fail_msg("jansson: %s at column %d in %.*s", jerr.text,
			 jerr.column, (int)len, line);
	assert_true(json_is_object(j));
	assert_true(json_integer_value(json_object_get(j, "seq")) ==
		    (json_int_t)r->hdr.seq);
	assert_true(json_integer_value(json_object_get(j, "time")) ==
		    (json_int_t)r->hdr.time_real);
	assert_int_equal(json_integer_value(json_object_get(j, "nr")), r->hdr.nr);
	assert_int_equal(json_integer_value(json_object_get(j, "auid")),
			 r->hdr.auid);
	v = json_object_get(j, "comm");
	assert_true(json_is_string(v));
	clen = latin1(json_string_value(v), json_string_length(v), comm);
	assert_int_equal(clen, sclog_rec_comm_len(r));
	assert_memory_equal(comm, r->hdr.comm, clen);
	assert_int_equal(json_array_size(json_object_get(j, "args")), nargs);
	assert_int_equal(json_array_size(json_object_get(j, "params")), nargs);
	v = json_object_get(j, "ret");
	if (sclog_rec_has_ret(r))
		assert_true(json_integer_value(v) == r->hdr.ret);
	else
		assert_null(v);
	v = json_object_get(j, "errno");
	if (errno_name)
		assert_string_equal(json_string_value(v), errno_name);
	else
		assert_null(v);
	json_decref(j);
}

static void test_lines(void **state)
{
	struct sclog_buf b;

	(void)state;
	sclog_buf_init(&b);
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		const struct line_case *c = &lines[i];
		struct sclog_rec r = mkrec(c->abi, c->nr, c->args, c->ret,
					   c->flags);

		print_message("# %s\n", c->what);
		sclog_buf_reset(&b);
		sclog_format_text(&b, &r);
		assert_string_equal(str(&b), c->text);
		sclog_buf_reset(&b);
		sclog_format_json(&b, &r);
		assert_string_equal(str(&b), c->json);
		check_json(b.data, b.len, &r, c->nargs, c->errno_name);
	}
	sclog_buf_free(&b);
}

/* A hostile comm: quotes, newline, escape sequence, high bytes, no NUL. */
static void test_lines_comm(void **state)
{
	static const uint64_t a[6] = { 0 };
	static const unsigned char comm[16] = "a\"b\n\x1b[31m\\\xff\xc3\x80z";
	struct sclog_rec r = mkrec(SCLOG_ABI_X86_64, 57, a, 77, 0);
	struct sclog_buf b;
	const char *s;

	(void)state;
	memcpy(r.hdr.comm, comm, 16);
	r.hdr.auid = 1000;
	r.hdr.ses = 4;
	r.hdr.uid = 1;
	r.hdr.euid = 2;
	r.hdr.suid = 3;
	r.hdr.fsuid = 4;
	r.hdr.gid = 5;
	r.hdr.egid = 6;
	r.hdr.sgid = 7;
	r.hdr.fsgid = 8;
	r.hdr.cpu = 65535;
	r.hdr.seq = UINT64_MAX;
	sclog_buf_init(&b);
	sclog_format_text(&b, &r);
	assert_string_equal(str(&b),
		"2026-11-27T12:36:04.123456789Z cpu=65535 seq=18446744073709551615 "
		"pid=123 tid=123 ppid=1 comm=\"a\\\"b\\n\\x1b[31m\\\\\\xff\\xc3\\x80z\" "
		"uid=1 euid=2 suid=3 fsuid=4 gid=5 egid=6 sgid=7 fsgid=8 auid=1000 "
		"ses=4 dur=4211 arch=x86_64 nr=57 call=fork() = 77\n");
	sclog_buf_reset(&b);
	sclog_format_json(&b, &r);
	s = str(&b);
	assert_non_null(strstr(s, ",\"comm\":\"a\\\"b\\n\\u001b[31m\\\\\\u00ff"
				  "\\u00c3\\u0080z\","));
	assert_non_null(strstr(s, "\"seq\":18446744073709551615,"));
	/* 2^64-1 is beyond jansson's json_int_t: check comm on a smaller seq */
	r.hdr.seq = 5;
	sclog_buf_reset(&b);
	sclog_format_json(&b, &r);
	check_json(b.data, b.len, &r, 0, NULL);
	sclog_buf_free(&b);
}

/* ------------------------------------------------------------------------ */
/* templates */

static void expect_template(const char *spec, const struct sclog_rec *r,
			    const char *want)
{
	char err[128] = "";
	struct sclog_template *t = sclog_template_new(spec, err, sizeof(err));
	struct sclog_buf b;

	if (!t)
		fail_msg("template \"%s\": %s", spec, err);
	sclog_buf_init(&b);
	sclog_format_template(&b, t, r);
	assert_string_equal(str(&b), want);
	sclog_buf_free(&b);
	sclog_template_free(t);
}

static void expect_template_error(const char *spec, const char *want)
{
	char err[128] = "";

	assert_null(sclog_template_new(spec, err, sizeof(err)));
	assert_string_equal(err, want);
	/* err may be NULL */
	assert_null(sclog_template_new(spec, NULL, 0));
}

static void test_template(void **state)
{
	static const uint64_t a[6] = { (uint64_t)-100, 0x1000, 0, 0, 0, 0 };
	struct sclog_rec r = mkrec(SCLOG_ABI_X86_64, 257, a, -2, 0);

	(void)state;
	r.hdr.uid = 1;
	r.hdr.euid = 2;
	r.hdr.suid = 3;
	r.hdr.fsuid = 4;
	r.hdr.gid = 5;
	r.hdr.egid = 6;
	r.hdr.sgid = 7;
	r.hdr.fsgid = 8;
	r.hdr.pid = 100;
	r.hdr.tid = 101;
	r.hdr.ppid = 99;
	memcpy(r.hdr.comm, "x y\"\n", 5);

	expect_template("%ruleid", &r, "-\n");
	expect_template("%sid", &r, "257\n");
	expect_template("%sname", &r, "openat\n");
	expect_template("%params", &r, "AT_FDCWD, 0x1000, O_RDONLY, 0\n");
	expect_template("%pid", &r, "100\n");
	expect_template("%uid", &r, "1\n");
	expect_template("%euid", &r, "2\n");
	expect_template("%suid", &r, "3\n");
	expect_template("%gid", &r, "5\n");
	expect_template("%egid", &r, "6\n");
	expect_template("%sgid", &r, "7\n");
	expect_template("%comm", &r, "x y\\\"\\n\n");
	expect_template("%retval", &r, "-2 ENOENT\n");
	expect_template("%tid", &r, "101\n");
	expect_template("%ppid", &r, "99\n");
	expect_template("%fsuid", &r, "4\n");
	expect_template("%fsgid", &r, "8\n");
	expect_template("%time", &r, "2026-11-27T12:36:04.123456789Z\n");
	expect_template("%seq", &r, "12\n");
	expect_template("%arch", &r, "x86_64\n");
	expect_template("%%", &r, "%\n");
	expect_template("", &r, "\n");
	expect_template("100%% %sname(%params) = %retval [%comm] uid=%uid/%euid",
			&r, "100% openat(AT_FDCWD, 0x1000, O_RDONLY, 0) = "
			"-2 ENOENT [x y\\\"\\n] uid=1/2\n");
	/* longest match: %sidx is %sid then "x" */
	expect_template("%sidx %snamex %pidpid %pid%ppid %%sid", &r,
			"257x openatx 100pid 10099 %sid\n");
	/* bytes >= 0x80 in the template itself are the user's text */
	expect_template("\xc3\xa9 %sid", &r, "\xc3\xa9 257\n");
	r.hdr.flags = SCLOG_RF_ENTRY;
	expect_template("%retval", &r, "?\n");

	/* every documented macro compiles */
	for (const char *const *m = sclog_template_macros; *m; m++) {
		struct sclog_template *t = sclog_template_new(*m, NULL, 0);

		if (!t)
			fail_msg("documented macro %s does not compile", *m);
		sclog_template_free(t);
	}

	expect_template_error("%foo", "unknown macro %foo at offset 0");
	expect_template_error("abc %sidd%bogus_1 x",
			      "unknown macro %bogus_1 at offset 9");
	expect_template_error("%s", "unknown macro %s at offset 0");
	expect_template_error("a %!", "'%' at offset 2 is not followed by a "
			      "macro name (use %% for a literal '%')");
	expect_template_error("x% y", "'%' at offset 1 is not followed by a "
			      "macro name (use %% for a literal '%')");
	expect_template_error("%\xc3\xa9", "'%' at offset 0 is not followed "
			      "by a macro name (use %% for a literal '%')");
	expect_template_error("%sid %", "template ends in '%'");
	expect_template_error("%", "template ends in '%'");
	expect_template_error("%sid\n", "control character 0x0a at offset 4 in template");
	expect_template_error("a\tb", "control character 0x09 at offset 1 in template");
	expect_template_error("\x1b[31m", "control character 0x1b at offset 0 in template");
	expect_template_error("a\x7f", "control character 0x7f at offset 1 in template");
	expect_template_error(NULL, "no template");
}

/* Outputs stay one line of printable ASCII for every comm byte. */
/* Each writer makes one line of printable ASCII of @r. */
static void assert_printable_lines(struct sclog_buf *b, const struct sclog_rec *r,
				   const struct sclog_template *t)
{
	for (int f = 0; f < 3; f++) {
		sclog_buf_reset(b);
		if (f == 0)
			sclog_format_text(b, r);
		else if (f == 1)
			sclog_format_json(b, r);
		else
			sclog_format_template(b, t, r);
		assert_false(b->oom);
		assert_true(b->len > 0 && b->data[b->len - 1] == '\n');
		for (size_t i = 0; i + 1 < b->len; i++)
			assert_true(b->data[i] >= 0x20 && b->data[i] < 0x7f);
	}
}

static void test_all_comm_bytes(void **state)
{
	static const uint64_t a[6] = { 0 };
	struct sclog_rec r = mkrec(SCLOG_ABI_X86_64, 0, a, 0, 0);
	struct sclog_template *t = sclog_template_new("%comm %params", NULL, 0);
	struct sclog_buf b;

	(void)state;
	assert_non_null(t);
	sclog_buf_init(&b);
	for (int c = 1; c < 256; c++) {
		memset(r.hdr.comm, c, 16);
		assert_printable_lines(&b, &r, t);
	}
	sclog_buf_free(&b);
	sclog_template_free(t);
}

/* ------------------------------------------------------------------------ */
/* variable fields */

/* A field area for a record of mkrec(): attach() points the record at it. */
struct farea {
	unsigned char data[8192];
	size_t len;
};

static void fadd(struct farea *a, unsigned int type, unsigned int flags,
		 unsigned int arg, const void *p, size_t n)
{
	struct sclog_field h = { .type = (__u16)type, .flags = (__u8)flags,
				 .arg = (__u8)arg, .len = (__u32)n };
	size_t pad = (n + 7) & ~(size_t)7;

	assert_true(a->len + sizeof(h) + pad <= sizeof(a->data));
	memcpy(a->data + a->len, &h, sizeof(h));
	memset(a->data + a->len + sizeof(h), 0, pad);
	memcpy(a->data + a->len + sizeof(h), p, n);
	a->len += sizeof(h) + pad;
}

/* A string literal's bytes without the terminating NUL (NULs inside kept). */
#define FADD(a, type, flags, arg, lit) \
	fadd((a), (type), (flags), (arg), (lit), sizeof(lit) - 1)
#define NOARG SCLOG_ARG_NONE

static void attach(struct sclog_rec *r, const struct farea *a)
{
	r->fields = a->data;
	r->fields_len = a->len;
	r->hdr.size = (__u32)(SCLOG_REC_V1_HDR_SIZE + a->len);
}

#define PRE "2026-11-27T12:36:04.123456789Z cpu=0 seq=12 pid=123 tid=123 " \
	    "ppid=1 comm=\"cat\" " FIELDS " arch="
#define JPRE "{\"seq\":12,\"cpu\":0,\"time\":1795782964123456789,\"pid\":123," \
	     "\"tid\":123,\"ppid\":1," JFIELDS ",\"arch\":"

/* The record's text and JSON lines are want and jwant; the JSON parses. */
static void expect_lines(const struct sclog_rec *r, const char *want,
			 const char *jwant)
{
	struct sclog_buf b;
	json_error_t jerr;
	json_t *j;

	sclog_buf_init(&b);
	sclog_format_text(&b, r);
	assert_string_equal(str(&b), want);
	sclog_buf_reset(&b);
	sclog_format_json(&b, r);
	assert_string_equal(str(&b), jwant);
	j = json_loadb(b.data, b.len - 1, JSON_REJECT_DUPLICATES, &jerr);
	if (!j)
		fail_msg("jansson: %s at column %d in %s", jerr.text,
			 jerr.column, jwant);
	assert_true(json_is_object(j));
	json_decref(j);
	sclog_buf_free(&b);
}

/* openat of a relative name: cwd first, then the name and its path. */
static struct sclog_rec rec_openat(struct farea *a)
{
	static const uint64_t args[6] = { (uint64_t)-100, 0x7ffc0a1b2c30ULL,
					  02000000, 0, 0, 0 };
	struct sclog_rec r = mkrec(SCLOG_ABI_X86_64, 257, args, 3, 0);

	a->len = 0;
	FADD(a, SCLOG_FIELD_NAME, 0, 1, "../etc/passwd");
	FADD(a, SCLOG_FIELD_PATH, 0, 1, "/etc/passwd");
	FADD(a, SCLOG_FIELD_CWD, 0, NOARG, "/home/a b");
	attach(&r, a);
	return r;
}

/* execve: argv with a newline, quotes, a backslash, bytes >= 0x80, an
 * empty string and a last string cut off before its NUL; envp; an
 * interpreter name of no argument; fields lost. */
static struct sclog_rec rec_execve(struct farea *a)
{
	static const uint64_t args[6] = { 0x1000, 0x2000, 0x3000, 0, 0, 0 };
	struct sclog_rec r = mkrec(SCLOG_ABI_X86_64, 59, args, 0,
				   SCLOG_RF_FIELDS_LOST);

	a->len = 0;
	FADD(a, SCLOG_FIELD_NAME, 0, 0, "/bin/sh");
	FADD(a, SCLOG_FIELD_PATH, 0, 0, "/usr/bin/dash");
	FADD(a, SCLOG_FIELD_NAME, 0, NOARG, "/lib64/ld-linux-x86-64.so.2");
	FADD(a, SCLOG_FIELD_PATH, 0, NOARG,
	     "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
	FADD(a, SCLOG_FIELD_ARGV, SCLOG_FF_TRUNCATED, NOARG,
	     "sh\0-c\0echo \"a\\b\"\nx\0\xff\xc3\0\0abc");
	FADD(a, SCLOG_FIELD_ENVP, 0, NOARG, "A=1\0B=\0");
	attach(&r, a);
	return r;
}

static void test_fields_names(void **state)
{
	static const uint64_t rn[6] = { 0x1000, 0x2000, 0, 0, 0, 0 };
	static struct farea a;
	struct sclog_rec r;

	(void)state;
	r = rec_openat(&a);
	expect_lines(&r,
		PRE "x86_64 nr=257 cwd=\"/home/a b\" name=\"../etc/passwd\" "
		"path=\"/etc/passwd\" call=openat(AT_FDCWD, 0x7ffc0a1b2c30, "
		"O_RDONLY|O_CLOEXEC, 0) = 3\n",
		JPRE "\"x86_64\",\"nr\":257,\"syscall\":\"openat\",\"args\":"
		"[-100,140720478039088,524288,0],\"ret\":3,\"dur\":4211,"
		"\"params\":[\"AT_FDCWD\",\"0x7ffc0a1b2c30\","
		"\"O_RDONLY|O_CLOEXEC\",\"0\"],\"cwd\":\"/home/a b\","
		"\"names\":[{\"arg\":1,\"name\":\"../etc/passwd\","
		"\"path\":\"/etc/passwd\"}]}\n");

	/* rename: a name that resolved, an unknown field type (skipped,
	 * flags and all), a name whose lookup failed */
	r = mkrec(SCLOG_ABI_X86_64, 82, rn, -2, 0);
	a.len = 0;
	FADD(&a, SCLOG_FIELD_NAME, 0, 0, "a");
	FADD(&a, SCLOG_FIELD_PATH, 0, 0, "/tmp/a");
	FADD(&a, 0x77, SCLOG_FF_TRUNCATED | SCLOG_FF_FD_CHANGED, 0, "junk");
	FADD(&a, SCLOG_FIELD_NAME, 0, 1, "/nonexistent/b");
	FADD(&a, SCLOG_FIELD_CWD, 0, NOARG, "/tmp");
	attach(&r, &a);
	expect_lines(&r,
		PRE "x86_64 nr=82 cwd=\"/tmp\" name=\"a\" path=\"/tmp/a\" "
		"name=\"/nonexistent/b\" call=rename(0x1000, 0x2000) = -2 ENOENT\n",
		JPRE "\"x86_64\",\"nr\":82,\"syscall\":\"rename\",\"args\":"
		"[4096,8192],\"ret\":-2,\"errno\":\"ENOENT\",\"dur\":4211,"
		"\"params\":[\"0x1000\",\"0x2000\"],\"cwd\":\"/tmp\","
		"\"names\":[{\"arg\":0,\"name\":\"a\",\"path\":\"/tmp/a\"},"
		"{\"arg\":1,\"name\":\"/nonexistent/b\"}]}\n");

	/* paths without names (names not recorded), truncation */
	r = rec_openat(&a);
	a.len = 0;
	FADD(&a, SCLOG_FIELD_PATH, 0, 1, "/etc/passwd");
	FADD(&a, SCLOG_FIELD_NAME, SCLOG_FF_TRUNCATED, 1, "/very/lo");
	FADD(&a, SCLOG_FIELD_NAME, 0, 2, "x");
	FADD(&a, SCLOG_FIELD_PATH, SCLOG_FF_TRUNCATED, 2, "/tmp/lo");
	FADD(&a, SCLOG_FIELD_CWD, SCLOG_FF_TRUNCATED, NOARG, "/ho");
	attach(&r, &a);
	expect_lines(&r,
		PRE "x86_64 nr=257 cwd=\"/ho\" path=\"/etc/passwd\" "
		"name=\"/very/lo\" name=\"x\" path=\"/tmp/lo\" truncated=1 "
		"call=openat(AT_FDCWD, 0x7ffc0a1b2c30, O_RDONLY|O_CLOEXEC, 0) = 3\n",
		JPRE "\"x86_64\",\"nr\":257,\"syscall\":\"openat\",\"args\":"
		"[-100,140720478039088,524288,0],\"ret\":3,\"dur\":4211,"
		"\"params\":[\"AT_FDCWD\",\"0x7ffc0a1b2c30\","
		"\"O_RDONLY|O_CLOEXEC\",\"0\"],\"cwd\":\"/ho\","
		"\"cwd_truncated\":true,\"names\":[{\"arg\":1,"
		"\"path\":\"/etc/passwd\"},{\"arg\":1,\"name\":\"/very/lo\","
		"\"truncated\":true},{\"arg\":2,\"name\":\"x\","
		"\"path\":\"/tmp/lo\",\"truncated\":true}]}\n");

	/* a PATH of another argument than the NAME before it stands alone */
	a.len = 0;
	FADD(&a, SCLOG_FIELD_NAME, 0, 1, "n");
	FADD(&a, SCLOG_FIELD_PATH, 0, 3, "/p");
	FADD(&a, SCLOG_FIELD_PATH, 0, 3, "/q");
	attach(&r, &a);
	expect_lines(&r,
		PRE "x86_64 nr=257 name=\"n\" path=\"/p\" path=\"/q\" "
		"call=openat(AT_FDCWD, 0x7ffc0a1b2c30, O_RDONLY|O_CLOEXEC, 0) = 3\n",
		JPRE "\"x86_64\",\"nr\":257,\"syscall\":\"openat\",\"args\":"
		"[-100,140720478039088,524288,0],\"ret\":3,\"dur\":4211,"
		"\"params\":[\"AT_FDCWD\",\"0x7ffc0a1b2c30\","
		"\"O_RDONLY|O_CLOEXEC\",\"0\"],\"names\":[{\"arg\":1,"
		"\"name\":\"n\"},{\"arg\":3,\"path\":\"/p\"},{\"arg\":3,"
		"\"path\":\"/q\"}]}\n");
}

static void test_fields_fds(void **state)
{
	static const uint64_t wr[6] = { 3, 0x1000, 10, 0, 0, 0 };
	static const uint64_t wr32[6] = { 0xffffffffULL, 0x1000, 1, 0, 0, 0 };
	static struct farea a;
	struct sclog_rec r;

	(void)state;
	r = mkrec(SCLOG_ABI_X86_64, 1, wr, 10, 0);
	a.len = 0;
	FADD(&a, SCLOG_FIELD_FD_PATH, SCLOG_FF_FD_CHANGED, 0, "/var/log/x y");
	attach(&r, &a);
	expect_lines(&r,
		PRE "x86_64 nr=1 fd_path=\"/var/log/x y\" fd_changed=1 "
		"call=write(3, 0x1000, 10) = 10\n",
		JPRE "\"x86_64\",\"nr\":1,\"syscall\":\"write\",\"args\":"
		"[3,4096,10],\"ret\":10,\"dur\":4211,\"params\":[\"3\","
		"\"0x1000\",\"10\"],\"fds\":[{\"arg\":0,\"fd\":3,"
		"\"path\":\"/var/log/x y\",\"changed\":true}]}\n");

	/* i386: fd -1 from a 32-bit register; a descriptor path of no
	 * argument has no "fd" */
	r = mkrec(SCLOG_ABI_I386, 4, wr32, -9, 0);
	a.len = 0;
	FADD(&a, SCLOG_FIELD_FD_PATH, SCLOG_FF_TRUNCATED, 0, "/de");
	FADD(&a, SCLOG_FIELD_FD_PATH, 0, NOARG, "/x");
	attach(&r, &a);
	expect_lines(&r,
		PRE "i386 nr=4 fd_path=\"/de\" fd_path=\"/x\" truncated=1 "
		"call=write(-1, 0x1000, 1) = -9 EBADF\n",
		JPRE "\"i386\",\"nr\":4,\"syscall\":\"write\",\"args\":"
		"[4294967295,4096,1],\"ret\":-9,\"errno\":\"EBADF\","
		"\"dur\":4211,\"params\":[\"-1\",\"0x1000\",\"1\"],"
		"\"fds\":[{\"arg\":0,\"fd\":-1,\"path\":\"/de\","
		"\"truncated\":true},{\"arg\":null,\"path\":\"/x\"}]}\n");
}

static void test_fields_argv(void **state)
{
	static const uint64_t su[6] = { 0 };
	static struct farea a;
	struct sclog_rec r;

	(void)state;
	r = rec_execve(&a);
	expect_lines(&r,
		PRE "x86_64 nr=59 name=\"/bin/sh\" path=\"/usr/bin/dash\" "
		"name=\"/lib64/ld-linux-x86-64.so.2\" "
		"path=\"/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2\" "
		"argv0=\"sh\" argv1=\"-c\" argv2=\"echo \\\"a\\\\b\\\"\\nx\" "
		"argv3=\"\\xff\\xc3\" argv4=\"\" argv5=\"abc\" envp0=\"A=1\" "
		"envp1=\"B=\" truncated=1 fields_lost=1 "
		"call=execve(0x1000, 0x2000, 0x3000) = 0\n",
		JPRE "\"x86_64\",\"nr\":59,\"syscall\":\"execve\",\"args\":"
		"[4096,8192,12288],\"ret\":0,\"dur\":4211,\"params\":"
		"[\"0x1000\",\"0x2000\",\"0x3000\"],\"names\":[{\"arg\":0,"
		"\"name\":\"/bin/sh\",\"path\":\"/usr/bin/dash\"},"
		"{\"arg\":null,\"name\":\"/lib64/ld-linux-x86-64.so.2\","
		"\"path\":\"/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2\"}],"
		"\"argv\":[\"sh\",\"-c\",\"echo \\\"a\\\\b\\\"\\nx\","
		"\"\\u00ff\\u00c3\",\"\",\"abc\"],\"argv_truncated\":true,"
		"\"envp\":[\"A=1\",\"B=\"],\"fields_lost\":true}\n");

	/* an empty argv field; envp cut off; nothing else */
	r = rec_execve(&a);
	a.len = 0;
	FADD(&a, SCLOG_FIELD_ARGV, 0, NOARG, "");
	FADD(&a, SCLOG_FIELD_ENVP, SCLOG_FF_TRUNCATED, NOARG, "X=\0Y");
	attach(&r, &a);
	r.hdr.flags = 0;
	expect_lines(&r,
		PRE "x86_64 nr=59 envp0=\"X=\" envp1=\"Y\" truncated=1 "
		"call=execve(0x1000, 0x2000, 0x3000) = 0\n",
		JPRE "\"x86_64\",\"nr\":59,\"syscall\":\"execve\",\"args\":"
		"[4096,8192,12288],\"ret\":0,\"dur\":4211,\"params\":"
		"[\"0x1000\",\"0x2000\",\"0x3000\"],\"argv\":[],"
		"\"envp\":[\"X=\",\"Y\"],\"envp_truncated\":true}\n");

	/* a call seccomp skipped: ret is what seccomp set */
	r = mkrec(SCLOG_ABI_X86_64, 105, su, -1, SCLOG_RF_SKIPPED);
	expect_lines(&r,
		PRE "x86_64 nr=105 skipped=1 call=setuid(0) = -1 EPERM\n",
		JPRE "\"x86_64\",\"nr\":105,\"syscall\":\"setuid\",\"args\":"
		"[0],\"ret\":-1,\"errno\":\"EPERM\",\"dur\":4211,\"params\":"
		"[\"0\"],\"skipped\":true}\n");

	/*
	 * io_uring operations, recorded as the system calls they stand for:
	 * the only argument is the descriptor they work on, if any
	 */
	r = mkrec(SCLOG_ABI_X86_64, 1, su, 3, SCLOG_RF_IO_URING);
	r.hdr.args[0] = 4;
	expect_lines(&r,
		PRE "x86_64 nr=1 io_uring=1 call=write(4) = 3\n",
		JPRE "\"x86_64\",\"nr\":1,\"syscall\":\"write\",\"args\":"
		"[4,0,0],\"ret\":3,\"dur\":4211,\"params\":"
		"[\"4\"],\"io_uring\":true}\n");
	r = mkrec(SCLOG_ABI_X86_64, 257, su, 5, SCLOG_RF_IO_URING);
	r.hdr.args[0] = UINT64_MAX;
	expect_lines(&r,
		PRE "x86_64 nr=257 io_uring=1 call=openat() = 5\n",
		JPRE "\"x86_64\",\"nr\":257,\"syscall\":\"openat\",\"args\":"
		"[-1,0,0,0],\"ret\":5,\"dur\":4211,\"params\":"
		"[],\"io_uring\":true}\n");
	/* not selected, recorded for a watched path */
	r = mkrec(SCLOG_ABI_X86_64, 1, su, 3, SCLOG_RF_WATCH | SCLOG_RF_IO_URING);
	r.hdr.args[0] = 4;
	expect_lines(&r,
		PRE "x86_64 nr=1 io_uring=1 watch=1 call=write(4) = 3\n",
		JPRE "\"x86_64\",\"nr\":1,\"syscall\":\"write\",\"args\":"
		"[4,0,0],\"ret\":3,\"dur\":4211,\"params\":"
		"[\"4\"],\"io_uring\":true,\"watch\":true}\n");
	/* a change refused because sclog is locked: the ioctl, EPERM */
	r = mkrec(SCLOG_ABI_X86_64, 16, su, -1, SCLOG_RF_REFUSED);
	r.hdr.args[0] = 3;
	r.hdr.args[1] = SCLOG_IOC_LOCK;
	expect_lines(&r,
		PRE "x86_64 nr=16 refused=1 call=ioctl(3, 47376, 0x0) = -1 EPERM\n",
		JPRE "\"x86_64\",\"nr\":16,\"syscall\":\"ioctl\",\"args\":"
		"[3,47376,0],\"ret\":-1,\"errno\":\"EPERM\",\"dur\":4211,"
		"\"params\":[\"3\",\"47376\",\"0x0\"],\"refused\":true}\n");
	/* every flag, in their order */
	r = mkrec(SCLOG_ABI_X86_64, 1, su, 3, SCLOG_RF_REFUSED | SCLOG_RF_WATCH |
		  SCLOG_RF_IO_URING | SCLOG_RF_SKIPPED | SCLOG_RF_FIELDS_LOST);
	r.hdr.args[0] = 4;
	expect_lines(&r,
		PRE "x86_64 nr=1 fields_lost=1 skipped=1 io_uring=1 watch=1 "
		"refused=1 call=write(4) = 3\n",
		JPRE "\"x86_64\",\"nr\":1,\"syscall\":\"write\",\"args\":"
		"[4,0,0],\"ret\":3,\"dur\":4211,\"params\":[\"4\"],"
		"\"fields_lost\":true,\"skipped\":true,\"io_uring\":true,"
		"\"watch\":true,\"refused\":true}\n");
}

static void test_fields_template(void **state)
{
	static const uint64_t wr[6] = { 3, 0x1000, 10, 0, 0, 0 };
	static struct farea a;
	struct sclog_rec r;

	(void)state;
	r = rec_openat(&a);
	expect_template("%cwd|%path|%argv", &r, "/home/a b|/etc/passwd|-\n");
	r = rec_execve(&a);
	expect_template("%cwd|%path|%argv", &r,
			"-|/usr/bin/dash|sh -c \"echo \\\"a\\\\b\\\"\\nx\" "
			"\\xff\\xc3 \"\" abc\n");
	/* "-" as an argument is quoted, so that it is not "no argv" */
	a.len = 0;
	FADD(&a, SCLOG_FIELD_ARGV, 0, NOARG, "-\0--\0a\tb\0");
	attach(&r, &a);
	expect_template("%argv", &r, "\"-\" -- a\\tb\n");
	/* %path: the resolved path, else a descriptor's, else the name */
	a.len = 0;
	FADD(&a, SCLOG_FIELD_NAME, 0, 1, "rel\n");
	FADD(&a, SCLOG_FIELD_FD_PATH, 0, 0, "/fd");
	FADD(&a, SCLOG_FIELD_PATH, 0, 1, "/resolved");
	attach(&r, &a);
	expect_template("%path", &r, "/resolved\n");
	a.len = 0;
	FADD(&a, SCLOG_FIELD_NAME, 0, 1, "rel\n");
	FADD(&a, SCLOG_FIELD_FD_PATH, 0, 0, "/fd");
	attach(&r, &a);
	expect_template("%path", &r, "/fd\n");
	a.len = 0;
	FADD(&a, SCLOG_FIELD_NAME, 0, 1, "rel\n");
	attach(&r, &a);
	expect_template("%path %pathx", &r, "rel\\n rel\\nx\n");
	r = mkrec(SCLOG_ABI_X86_64, 1, wr, 10, 0);
	expect_template("%cwd %path %argv", &r, "- - -\n");
}

/* Every byte value in every kind of field: one line of printable ASCII. */
static void test_fields_all_bytes(void **state)
{
	static const uint64_t a6[6] = { 0 };
	static struct farea a;
	struct sclog_rec r = mkrec(SCLOG_ABI_X86_64, 59, a6, 0, 0);
	struct sclog_template *t = sclog_template_new("%cwd %path %argv", NULL, 0);
	unsigned char all[256];
	struct sclog_buf b;

	(void)state;
	assert_non_null(t);
	for (int i = 0; i < 256; i++)
		all[i] = (unsigned char)i;
	for (unsigned int type = 0; type <= 8; type++)
		fadd(&a, type, 0xff, (unsigned int)type * 31, all, sizeof(all));
	attach(&r, &a);
	sclog_buf_init(&b);
	assert_printable_lines(&b, &r, t);
	sclog_buf_free(&b);
	sclog_template_free(t);
}

/* ------------------------------------------------------------------------ */
/* rules */

/* unlink("./dummy") that rule NAME (action act, log format fmt) matched. */
static struct sclog_rec rec_unlink(struct farea *a, const char *name,
				   unsigned int act, const char *fmt,
				   int64_t ret, unsigned int flags)
{
	static const uint64_t args[6] = { 0x7ffd1000, 0, 0, 0, 0, 0 };
	struct sclog_rec r = mkrec(SCLOG_ABI_X86_64, 87, args, ret,
				   flags | SCLOG_RF_RULE);

	a->len = 0;
	FADD(a, SCLOG_FIELD_NAME, 0, 0, "./dummy");
	FADD(a, SCLOG_FIELD_PATH, 0, 0, "/root/dummy");
	FADD(a, SCLOG_FIELD_CWD, 0, NOARG, "/root");
	fadd(a, SCLOG_FIELD_RULE, 0, act, name, strlen(name));
	if (fmt)
		fadd(a, SCLOG_FIELD_RULE_FORMAT, 0, NOARG, fmt, strlen(fmt));
	attach(&r, a);
	return r;
}

#define UNLINK_TEXT "x86_64 nr=87 cwd=\"/root\" name=\"./dummy\" " \
		    "path=\"/root/dummy\""
#define UNLINK_JSON "\"x86_64\",\"nr\":87,\"syscall\":\"unlink\",\"args\":" \
		    "[2147291136],"
#define UNLINK_JFIELDS "\"params\":[\"0x7ffd1000\"],\"cwd\":\"/root\"," \
		       "\"names\":[{\"arg\":0,\"name\":\"./dummy\"," \
		       "\"path\":\"/root/dummy\"}]"

static void test_rule_lines(void **state)
{
	static const uint64_t ul[6] = { 0x7ffd1000, 0, 0, 0, 0, 0 };
	static struct farea a;
	struct sclog_rec r;

	(void)state;
	/* LOG: no action= in text; a log format gives the JSON "message" */
	r = rec_unlink(&a, "rm-log", SCLOG_ACT_LOG,
		       "%comm : %params delete by %euid --> %suid", 0, 0);
	expect_lines(&r,
		PRE UNLINK_TEXT " rule=\"rm-log\" call=unlink(0x7ffd1000) = 0\n",
		JPRE UNLINK_JSON "\"ret\":0,\"dur\":4211," UNLINK_JFIELDS
		",\"rule\":\"rm-log\",\"action\":\"log\",\"message\":"
		"\"\\\"cat\\\" : \\\"./dummy\\\" delete by 0 --> 0\"}\n");

	/* FAIL: the call did not run, ret is -errno; after the flags */
	r = rec_unlink(&a, "no-rm", SCLOG_ACT_FAIL, NULL, -1, SCLOG_RF_WATCH);
	expect_lines(&r,
		PRE UNLINK_TEXT " watch=1 rule=\"no-rm\" action=fail "
		"call=unlink(0x7ffd1000) = -1 EPERM\n",
		JPRE UNLINK_JSON "\"ret\":-1,\"errno\":\"EPERM\",\"dur\":4211,"
		UNLINK_JFIELDS ",\"watch\":true,\"rule\":\"no-rm\","
		"\"action\":\"fail\"}\n");

	/* KILL and SUSPEND keep the ret the call got */
	r = rec_unlink(&a, "k", SCLOG_ACT_KILL, NULL, -1, 0);
	expect_lines(&r,
		PRE UNLINK_TEXT " rule=\"k\" action=kill "
		"call=unlink(0x7ffd1000) = -1 EPERM\n",
		JPRE UNLINK_JSON "\"ret\":-1,\"errno\":\"EPERM\",\"dur\":4211,"
		UNLINK_JFIELDS ",\"rule\":\"k\",\"action\":\"kill\"}\n");
	r = rec_unlink(&a, "s", SCLOG_ACT_SUSPEND, "%sname", 0, 0);
	expect_lines(&r,
		PRE UNLINK_TEXT " rule=\"s\" action=suspend "
		"call=unlink(0x7ffd1000) = 0\n",
		JPRE UNLINK_JSON "\"ret\":0,\"dur\":4211," UNLINK_JFIELDS
		",\"rule\":\"s\",\"action\":\"suspend\","
		"\"message\":\"unlink\"}\n");

	/* names hold '"' and '\', escaped like every string; "message" is
	 * the text line (where %ruleid is escaped), escaped for JSON */
	r = rec_unlink(&a, "a\"b\\c", SCLOG_ACT_LOG, "%ruleid \"%%\\", 0, 0);
	expect_lines(&r,
		PRE UNLINK_TEXT " rule=\"a\\\"b\\\\c\" call=unlink(0x7ffd1000) = 0\n",
		JPRE UNLINK_JSON "\"ret\":0,\"dur\":4211," UNLINK_JFIELDS
		",\"rule\":\"a\\\"b\\\\c\",\"action\":\"log\","
		"\"message\":\"a\\\\\\\"b\\\\\\\\c \\\"%\\\\\"}\n");

	/* malformed rule fields: said so, the name and format never shown */
	r = rec_unlink(&a, "bad\nname", SCLOG_ACT_LOG, "%comm", 0, 0);
	expect_lines(&r,
		PRE UNLINK_TEXT " rule_error=\"rule name with a byte outside "
		"0x21-0x7e\" call=unlink(0x7ffd1000) = 0\n",
		JPRE UNLINK_JSON "\"ret\":0,\"dur\":4211," UNLINK_JFIELDS
		",\"rule_error\":\"rule name with a byte outside 0x21-0x7e\"}\n");
	r = rec_unlink(&a, "r", SCLOG_ACT_IGNORE, NULL, 0, 0);
	expect_lines(&r,
		PRE UNLINK_TEXT " rule_error=\"rule action IGNORE in a record\" "
		"call=unlink(0x7ffd1000) = 0\n",
		JPRE UNLINK_JSON "\"ret\":0,\"dur\":4211," UNLINK_JFIELDS
		",\"rule_error\":\"rule action IGNORE in a record\"}\n");
	/* the flag alone, on a record without fields */
	r = mkrec(SCLOG_ABI_X86_64, 87, ul, 0, SCLOG_RF_RULE);
	expect_lines(&r,
		PRE "x86_64 nr=87 rule_error=\"rule flag without a rule field\" "
		"call=unlink(0x7ffd1000) = 0\n",
		JPRE UNLINK_JSON "\"ret\":0,\"dur\":4211,\"params\":"
		"[\"0x7ffd1000\"],\"rule_error\":\"rule flag without a rule "
		"field\"}\n");
}

static void expect_rule_line(const struct sclog_rec *r, const char *want)
{
	struct sclog_buf b;

	sclog_buf_init(&b);
	sclog_buf_adds(&b, "before|");
	assert_true(sclog_format_rule_line(&b, r));
	assert_string_equal(str(&b) + 7, want);
	assert_memory_equal(b.data, "before|", 7);
	sclog_buf_free(&b);
}

static void expect_no_rule_line(const struct sclog_rec *r)
{
	struct sclog_buf b;

	sclog_buf_init(&b);
	sclog_buf_adds(&b, "x");
	assert_false(sclog_format_rule_line(&b, r));
	assert_int_equal(b.len, 1);
	sclog_buf_free(&b);
}

/* A record of rule "r" whose log format is fmt, on the fields in a. */
static void set_rule_format(struct sclog_rec *r, struct farea *a,
			    const char *fmt)
{
	fadd(a, SCLOG_FIELD_RULE, 0, SCLOG_ACT_LOG, "r", 1);
	fadd(a, SCLOG_FIELD_RULE_FORMAT, 0, NOARG, fmt, strlen(fmt));
	r->hdr.flags |= SCLOG_RF_RULE;
	attach(r, a);
}

static void test_rule_format_line(void **state)
{
	static const uint64_t oa[6] = { (uint64_t)-100, 0x1000, 02000000,
					0, 0, 0 };
	static const uint64_t rn[6] = { 0x1000, 0x2000, 0, 0, 0, 0 };
	static struct farea a;
	struct sclog_rec r;

	(void)state;
	/* syscalltrack's example: busybox rm ./dummy as root */
	r = rec_unlink(&a, "rm-log", SCLOG_ACT_LOG,
		       "%comm : %params delete by %euid --> %suid", 0, 0);
	memcpy(r.hdr.comm, "rm\0", 4);
	expect_rule_line(&r, "\"rm\" : \"./dummy\" delete by 0 --> 0\n");
	/* --format templates are not changed by a rule: %comm unquoted,
	 * %params as in call= */
	expect_template("%ruleid %comm %params", &r, "rm-log rm 0x7ffd1000\n");

	/* every macro of syscalltrack's, and the others */
	r.hdr.uid = 1000;
	r.hdr.euid = 0;
	r.hdr.suid = 2;
	r.hdr.gid = 100;
	r.hdr.egid = 101;
	r.hdr.sgid = 102;
	r.hdr.fsuid = 3;
	r.hdr.fsgid = 103;
	r.hdr.pid = 42;
	r.hdr.tid = 43;
	r.hdr.ppid = 41;
	r.hdr.ret = -2;
	a.len = 0;
	FADD(&a, SCLOG_FIELD_NAME, 0, 0, "./dummy");
	FADD(&a, SCLOG_FIELD_CWD, 0, NOARG, "/root");
	set_rule_format(&r, &a,
		"%ruleid %sid %sname %params %pid %uid %euid %suid %gid %egid "
		"%sgid %comm %retval|%tid %ppid %fsuid %fsgid %time %seq %arch "
		"%cwd %path %argv");
	expect_rule_line(&r,
		"r 87 unlink \"./dummy\" 42 1000 0 2 100 101 102 \"rm\" "
		"-2 ENOENT|43 41 3 103 2026-11-27T12:36:04.123456789Z 12 "
		"x86_64 /root ./dummy -\n");

	/* literal text: %% is a '%'; a '%' of no macro stays as it is */
	a.len = 0;
	set_rule_format(&r, &a, "100%% %foo %s %sidx %%sid %");
	expect_rule_line(&r, "100% %foo %s 87x %sid %\n");
	a.len = 0;
	set_rule_format(&r, &a, " ");
	expect_rule_line(&r, " \n");

	/* %params: path name arguments as quoted names, escaped; the first
	 * name of an argument; names of no argument are not arguments */
	r = mkrec(SCLOG_ABI_X86_64, 257, oa, 3, 0);
	memcpy(r.hdr.comm, "a \"b\"\n\xff", 8);
	a.len = 0;
	FADD(&a, SCLOG_FIELD_NAME, 0, NOARG, "/interp");
	FADD(&a, SCLOG_FIELD_NAME, 0, 1, "x y\"z\\\n\x80");
	FADD(&a, SCLOG_FIELD_PATH, 0, 1, "/resolved");
	FADD(&a, SCLOG_FIELD_NAME, 0, 1, "second");
	set_rule_format(&r, &a, "%comm %sname(%params) = %retval");
	expect_rule_line(&r, "\"a \\\"b\\\"\\n\\xff\" openat(AT_FDCWD, "
			 "\"x y\\\"z\\\\\\n\\x80\", O_RDONLY|O_CLOEXEC, 0) = 3\n");
	/* rename: both names; the second not recorded: its pointer */
	r = mkrec(SCLOG_ABI_X86_64, 82, rn, 0, 0);
	a.len = 0;
	FADD(&a, SCLOG_FIELD_NAME, 0, 0, "a");
	FADD(&a, SCLOG_FIELD_NAME, 0, 1, "");
	set_rule_format(&r, &a, "%params");
	expect_rule_line(&r, "\"a\", \"\"\n");
	a.len = 0;
	FADD(&a, SCLOG_FIELD_NAME, 0, 0, "a");
	set_rule_format(&r, &a, "%params");
	expect_rule_line(&r, "\"a\", 0x2000\n");
	/* an io_uring operation: its descriptor only */
	r = mkrec(SCLOG_ABI_X86_64, 257, rn, 5, SCLOG_RF_IO_URING);
	r.hdr.args[0] = 7;
	a.len = 0;
	FADD(&a, SCLOG_FIELD_NAME, 0, 0, "a");
	set_rule_format(&r, &a, "%params");
	expect_rule_line(&r, "7\n");

	/* no line: no rule, a rule without a format, malformed fields */
	r = mkrec(SCLOG_ABI_X86_64, 82, rn, 0, 0);
	expect_no_rule_line(&r);
	r = rec_unlink(&a, "r", SCLOG_ACT_FAIL, NULL, -1, 0);
	expect_no_rule_line(&r);
	r = rec_unlink(&a, "r", SCLOG_ACT_LOG, "ok", -1, 0);
	r.hdr.flags &= (uint16_t)~SCLOG_RF_RULE;
	expect_no_rule_line(&r);
	r = rec_unlink(&a, "r", SCLOG_ACT_LOG, "tab\there", 0, 0);
	expect_no_rule_line(&r);
}

/* Rule formats of every printable byte, records of every comm byte. */
static void test_rule_format_all_bytes(void **state)
{
	static const uint64_t a6[6] = { 0 };
	static struct farea a;
	struct sclog_rec r = mkrec(SCLOG_ABI_X86_64, 87, a6, 0, 0);
	char fmt[SCLOG_RULE_FORMAT_MAX];
	unsigned char all[256];
	struct sclog_buf b;
	size_t n = 0;

	(void)state;
	for (int c = 0x20; c < 0x7f; c++)
		fmt[n++] = (char)c;
	for (const char *const *m = sclog_template_macros; *m; m++) {
		memcpy(fmt + n, *m, strlen(*m));
		n += strlen(*m);
	}
	fmt[n] = '\0';
	assert_true(n < sizeof(fmt));
	for (int i = 0; i < 256; i++)
		all[i] = (unsigned char)i;
	sclog_buf_init(&b);
	for (int c = 1; c < 256; c++) {
		memset(r.hdr.comm, c, 16);
		a.len = 0;
		fadd(&a, SCLOG_FIELD_NAME, 0, 0, all, sizeof(all));
		fadd(&a, SCLOG_FIELD_ARGV, 0, NOARG, all, sizeof(all));
		fadd(&a, SCLOG_FIELD_CWD, 0, NOARG, all, sizeof(all));
		set_rule_format(&r, &a, fmt);
		sclog_buf_reset(&b);
		assert_true(sclog_format_rule_line(&b, &r));
		assert_true(b.len > 0 && b.data[b.len - 1] == '\n');
		for (size_t i = 0; i + 1 < b.len; i++)
			assert_true(b.data[i] >= 0x20 && b.data[i] < 0x7f);
		sclog_buf_reset(&b);
		sclog_format_json(&b, &r);
		assert_non_null(memmem(b.data, b.len, ",\"message\":\"", 12));
		for (size_t i = 0; i + 1 < b.len; i++)
			assert_true(b.data[i] >= 0x20 && b.data[i] < 0x7f);
	}
	sclog_buf_free(&b);
}

/* ------------------------------------------------------------------------ */
/* records other than system calls */

/* A reader's open or close (SCLOG_REC_READER), as the kernel writes it. */
static struct sclog_rec rec_reader(uint64_t event, uint64_t sig,
				   uint64_t status, uint64_t exiting)
{
	static const uint64_t none[6];
	struct sclog_rec r = mkrec(SCLOG_ABI_X86_64, -1, none, 0, 0);

	r.hdr.type = SCLOG_REC_READER;
	r.hdr.duration = 0;
	r.hdr.args[0] = event;
	r.hdr.args[1] = sig;
	r.hdr.args[2] = status;
	r.hdr.args[3] = exiting;
	memcpy(r.hdr.comm, "sclogd", 6);
	return r;
}

#define RPRE(ev) "2026-11-27T12:36:04.123456789Z reader=" ev " cpu=0 seq=12 " \
	"pid=123 tid=123 ppid=1 comm=\"sclogd\" uid=0 euid=0 suid=0 fsuid=0 " \
	"gid=0 egid=0 sgid=0 fsgid=0 auid=unset ses=unset"
#define JRPRE(ev) "{\"seq\":12,\"cpu\":0,\"time\":1795782964123456789," \
	"\"type\":\"reader\",\"event\":\"" ev "\",\"pid\":123,\"tid\":123," \
	"\"ppid\":1,\"uid\":0,\"euid\":0,\"suid\":0,\"fsuid\":0,\"gid\":0," \
	"\"egid\":0,\"sgid\":0,\"fsgid\":0,\"auid\":4294967295," \
	"\"ses\":4294967295,\"comm\":\"sclogd\""

static void test_reader_lines(void **state)
{
	struct sclog_signal_info si;
	struct sclog_template *t;
	struct sclog_rec r;
	struct farea a = { .len = 0 };
	struct sclog_buf b;
	char err[128];

	(void)state;
	r = rec_reader(SCLOG_READER_OPEN, 0, 0, 0);
	expect_lines(&r, RPRE("open") "\n", JRPRE("open") ",\"sender\":null}\n");

	/* Killed by SIGKILL from "kill", pid 77, uid 1000, login uid 1000. */
	memset(&si, 0, sizeof(si));
	si.signo = 9;
	si.code = 0;
	si.pid = 77;
	si.uid = 1000;
	si.euid = 0;
	si.auid = 1000;
	si.ses = 3;
	si.time_mono = 5;
	memcpy(si.comm, "kill\"x", 6);
	fadd(&a, SCLOG_FIELD_SIGNAL, 0, NOARG, &si, sizeof(si));
	r = rec_reader(SCLOG_READER_CLOSE, 9, 0, 1);
	attach(&r, &a);
	expect_lines(&r, RPRE("close") " exiting=1 signal=SIGKILL status=0 "
		     "sender_pid=77 sender_uid=1000 sender_euid=0 sender_auid=1000 "
		     "sender_ses=3 sender_comm=\"kill\\\"x\" sender_signal=SIGKILL "
		     "sender_code=0\n",
		     JRPRE("close") ",\"exiting\":true,\"signal\":\"SIGKILL\","
		     "\"status\":0,\"sender\":{\"signal\":\"SIGKILL\",\"code\":0,"
		     "\"pid\":77,\"uid\":1000,\"euid\":0,\"auid\":1000,\"ses\":3,"
		     "\"comm\":\"kill\\\"x\",\"time_mono\":5}}\n");

	/* Exit 3 after a SIGTERM the kernel sent (pid 0): sender=kernel. */
	a.len = 0;
	memset(&si, 0, sizeof(si));
	si.signo = 15;
	si.code = 0x80;
	fadd(&a, SCLOG_FIELD_SIGNAL, 0, NOARG, &si, sizeof(si));
	r = rec_reader(SCLOG_READER_CLOSE, 0, 3, 1);
	attach(&r, &a);
	expect_lines(&r, RPRE("close") " exiting=1 signal=none status=3 "
		     "sender=kernel sender_signal=SIGTERM sender_code=128\n",
		     JRPRE("close") ",\"exiting\":true,\"signal\":null,"
		     "\"status\":3,\"sender\":{\"signal\":\"SIGTERM\",\"code\":128,"
		     "\"pid\":0,\"uid\":0,\"euid\":0,\"auid\":0,\"ses\":0,"
		     "\"comm\":\"\",\"time_mono\":0}}\n");

	/* Closed by a reader that lives on: no signal field. */
	r = rec_reader(SCLOG_READER_CLOSE, 0, 0, 0);
	expect_lines(&r, RPRE("close") " exiting=0 signal=none status=0\n",
		     JRPRE("close") ",\"exiting\":false,\"signal\":null,"
		     "\"status\":0,\"sender\":null}\n");

	/* A template describes calls: a reader record keeps its text line. */
	t = sclog_template_new("%sname %pid", err, sizeof(err));
	assert_non_null(t);
	sclog_buf_init(&b);
	sclog_format_template(&b, t, &r);
	assert_string_equal(str(&b), RPRE("close") " exiting=0 signal=none status=0\n");
	sclog_template_free(t);

	/* A type this build does not know: its header, no call. */
	r.hdr.type = 77;
	sclog_buf_reset(&b);
	sclog_format_text(&b, &r);
	assert_string_equal(str(&b), "2026-11-27T12:36:04.123456789Z record=77 cpu=0 "
			    "seq=12 pid=123 tid=123 ppid=1 comm=\"sclogd\" uid=0 euid=0 "
			    "suid=0 fsuid=0 gid=0 egid=0 sgid=0 fsgid=0 auid=unset "
			    "ses=unset\n");
	sclog_buf_reset(&b);
	sclog_format_json(&b, &r);
	assert_string_equal(str(&b), "{\"seq\":12,\"cpu\":0,\"time\":1795782964123456789,"
			    "\"type\":77,\"pid\":123,\"tid\":123,\"ppid\":1,\"uid\":0,"
			    "\"euid\":0,\"suid\":0,\"fsuid\":0,\"gid\":0,\"egid\":0,"
			    "\"sgid\":0,\"fsgid\":0,\"auid\":4294967295,"
			    "\"ses\":4294967295,\"comm\":\"sclogd\"}\n");
	sclog_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_text),
		cmocka_unit_test(test_escape_json),
		cmocka_unit_test(test_time),
		cmocka_unit_test(test_buf),
		cmocka_unit_test(test_errno),
		cmocka_unit_test(test_syscall_args),
		cmocka_unit_test(test_format_arg),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_lines_comm),
		cmocka_unit_test(test_template),
		cmocka_unit_test(test_all_comm_bytes),
		cmocka_unit_test(test_fields_names),
		cmocka_unit_test(test_fields_fds),
		cmocka_unit_test(test_fields_argv),
		cmocka_unit_test(test_fields_template),
		cmocka_unit_test(test_fields_all_bytes),
		cmocka_unit_test(test_rule_lines),
		cmocka_unit_test(test_rule_format_line),
		cmocka_unit_test(test_rule_format_all_bytes),
		cmocka_unit_test(test_reader_lines),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
