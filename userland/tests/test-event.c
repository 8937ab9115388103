// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for lib/event.c: log lines of Documentation/log-format.md,
 * written out by hand here, parse into the expected fields; malformed lines
 * are rejected with their message; and lines written by lib/format.c read
 * back as the records they were written from.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "event.h"
#include "format.h"
#include "record.h"

/* 2026-11-24T12:36:04.123456789Z */
#define T0 UINT64_C(1795523764123456789)

#define TEXT_LINE							\
	"2026-11-24T12:36:04.123456789Z cpu=3 seq=12 pid=123 tid=124 "	\
	"ppid=1 comm=\"cat\" uid=1000 euid=1001 suid=1002 fsuid=1003 "	\
	"gid=100 egid=101 sgid=102 fsgid=103 auid=unset ses=unset "	\
	"dur=4211 arch=x86_64 nr=257 "					\
	"call=openat(AT_FDCWD, 0x7ffc0a1b2c30, O_RDONLY|O_CLOEXEC) = 3"

#define JSON_LINE							\
	"{\"seq\":12,\"cpu\":3,\"time\":1795523764123456789,\"pid\":123,"	\
	"\"tid\":124,\"ppid\":1,\"uid\":1000,\"euid\":1001,\"suid\":1002,"	\
	"\"fsuid\":1003,\"gid\":100,\"egid\":101,\"sgid\":102,"		\
	"\"fsgid\":103,\"auid\":4294967295,\"ses\":4294967295,"		\
	"\"comm\":\"cat\",\"arch\":\"x86_64\",\"nr\":257,"		\
	"\"syscall\":\"openat\",\"args\":[-100,140721428638768,524288],"	\
	"\"ret\":3,\"dur\":4211,"					\
	"\"params\":[\"AT_FDCWD\",\"0x7ffc0a1b2c30\",\"O_RDONLY|O_CLOEXEC\"]}"

static enum sclog_line_kind parse(const char *line, struct sclog_event *ev,
				  struct sclog_lost *lost, char *err)
{
	return sclog_parse_line(line, strlen(line), ev, lost, err, 256);
}

static void assert_record(const char *line, struct sclog_event *ev)
{
	struct sclog_lost lost;
	char err[256];
	enum sclog_line_kind k = parse(line, ev, &lost, err);

	if (k != SCLOG_LINE_RECORD)
		fail_msg("not parsed as a record (%d): %s\n  line: %s", k, err, line);
}

static void check_common_fields(const struct sclog_event *ev)
{
	assert_int_equal(ev->seq, 12);
	assert_int_equal(ev->cpu, 3);
	assert_true(ev->time == T0);
	assert_int_equal(ev->pid, 123);
	assert_int_equal(ev->tid, 124);
	assert_int_equal(ev->ppid, 1);
	assert_int_equal(ev->uid, 1000);
	assert_int_equal(ev->euid, 1001);
	assert_int_equal(ev->suid, 1002);
	assert_int_equal(ev->fsuid, 1003);
	assert_int_equal(ev->gid, 100);
	assert_int_equal(ev->egid, 101);
	assert_int_equal(ev->sgid, 102);
	assert_int_equal(ev->fsgid, 103);
	assert_int_equal(ev->auid, UINT32_MAX);
	assert_int_equal(ev->ses, UINT32_MAX);
	assert_int_equal(ev->comm_len, 3);
	assert_memory_equal(ev->comm, "cat", 3);
	assert_int_equal(ev->abi, SCLOG_ABI_X86_64);
	assert_int_equal(ev->nr, 257);
	assert_string_equal(ev->syscall, "openat");
	assert_true(ev->has_ret);
	assert_int_equal(ev->ret, 3);
	assert_int_equal(ev->npaths, 0);
}

static void test_text_record(void **state)
{
	struct sclog_event ev;

	(void)state;
	assert_record(TEXT_LINE, &ev);
	check_common_fields(&ev);
	sclog_event_clear(&ev);
}

static void test_json_record(void **state)
{
	struct sclog_event ev;

	(void)state;
	assert_record(JSON_LINE, &ev);
	check_common_fields(&ev);
	sclog_event_clear(&ev);
}

/* The line need not be NUL-terminated: only len bytes are read. */
static void test_not_terminated(void **state)
{
	size_t n = strlen(TEXT_LINE);
	char *copy = malloc(n);
	struct sclog_event ev;
	struct sclog_lost lost;
	char err[64];

	(void)state;
	assert_non_null(copy);
	memcpy(copy, TEXT_LINE, n);
	assert_int_equal(sclog_parse_line(copy, n, &ev, &lost, err, sizeof(err)),
			 SCLOG_LINE_RECORD);
	check_common_fields(&ev);
	sclog_event_clear(&ev);
	free(copy);
}

static void test_text_escapes(void **state)
{
	static const unsigned char want[] = {
		'a', '"', 'b', '\\', '\n', '\t', '\r', 0x1b, '[', 0xe9, 0x7f
	};
	struct sclog_event ev;

	(void)state;
	assert_record("2026-11-24T12:36:04.123456789Z cpu=0 seq=1 pid=1 tid=1 ppid=0 "
		      "comm=\"a\\\"b\\\\\\n\\t\\r\\x1b[\\xe9\\x7f\" uid=0 euid=0 suid=0 fsuid=0 "
		      "gid=0 egid=0 sgid=0 fsgid=0 auid=1000 ses=4 dur=1 arch=i386 "
		      "nr=1 call=exit(0) = ?", &ev);
	assert_int_equal(ev.comm_len, sizeof(want));
	assert_memory_equal(ev.comm, want, sizeof(want));
	assert_int_equal(ev.auid, 1000);
	assert_int_equal(ev.ses, 4);
	assert_int_equal(ev.abi, SCLOG_ABI_I386);
	assert_string_equal(ev.syscall, "exit");
	assert_false(ev.has_ret);
	sclog_event_clear(&ev);
}

static void test_json_escapes(void **state)
{
	static const unsigned char want[] = {
		'a', '"', 'b', '\\', '\n', '\t', '\r', 0x08, 0x0c, 0x1b, '[',
		0xe9, 0x7f, 0x00, 0xff
	};
	struct sclog_event ev;

	(void)state;
	assert_record("{\"seq\":1,\"cpu\":0,\"time\":5,\"pid\":1,\"tid\":1,\"ppid\":0,"
		      "\"uid\":0,\"euid\":0,\"suid\":0,\"fsuid\":0,\"gid\":0,\"egid\":0,"
		      "\"sgid\":0,\"fsgid\":0,\"auid\":1000,\"ses\":4,"
		      "\"comm\":\"a\\\"b\\\\\\n\\t\\r\\b\\f\\u001b[\\u00e9\\u007f\\u0000\\u00ff\","
		      "\"arch\":\"x32\",\"nr\":231,\"syscall\":\"exit_group\","
		      "\"args\":[0],\"dur\":0,\"params\":[\"0\"]}", &ev);
	assert_int_equal(ev.comm_len, sizeof(want));
	assert_memory_equal(ev.comm, want, sizeof(want));
	assert_int_equal(ev.time, 5);
	assert_int_equal(ev.abi, SCLOG_ABI_X32);
	assert_int_equal(ev.nr, 231);
	assert_string_equal(ev.syscall, "exit_group");
	assert_false(ev.has_ret);
	sclog_event_clear(&ev);
}

static void test_failed_and_unknown(void **state)
{
	struct sclog_event ev;

	(void)state;
	assert_record("2026-11-24T12:36:04.123456789Z cpu=0 seq=1 pid=1 tid=1 ppid=0 "
		      "comm=\"x\" uid=0 euid=0 suid=0 fsuid=0 gid=0 egid=0 sgid=0 "
		      "fsgid=0 auid=unset ses=unset dur=1 arch=x86_64 nr=1000 "
		      "call=syscall_1000(0x1, 0x2, 0x3, 0x4, 0x5, 0x6) = -38 ENOSYS", &ev);
	assert_string_equal(ev.syscall, "syscall_1000");
	assert_int_equal(ev.nr, 1000);
	assert_true(ev.has_ret);
	assert_int_equal(ev.ret, -38);
	sclog_event_clear(&ev);

	assert_record("{\"seq\":1,\"cpu\":0,\"time\":5,\"pid\":1,\"tid\":1,\"ppid\":0,"
		      "\"uid\":0,\"euid\":0,\"suid\":0,\"fsuid\":0,\"gid\":0,\"egid\":0,"
		      "\"sgid\":0,\"fsgid\":0,\"auid\":0,\"ses\":1,\"comm\":\"\","
		      "\"arch\":\"i386\",\"nr\":457,\"syscall\":\"syscall_457\","
		      "\"ret\":-2,\"errno\":\"ENOENT\"}", &ev);
	assert_string_equal(ev.syscall, "syscall_457");
	assert_int_equal(ev.abi, SCLOG_ABI_I386);
	assert_int_equal(ev.nr, 457);
	assert_int_equal(ev.comm_len, 0);
	assert_int_equal(ev.ret, -2);
	sclog_event_clear(&ev);
}

static void test_paths(void **state)
{
	struct sclog_event ev;

	(void)state;
	assert_record("2026-11-24T12:36:04.123456789Z cpu=0 seq=1 pid=1 tid=1 ppid=0 "
		      "comm=\"sh\" uid=0 euid=0 suid=0 fsuid=0 gid=0 egid=0 sgid=0 "
		      "fsgid=0 auid=unset ses=unset dur=1 arch=x86_64 nr=82 "
		      "path=\"/etc/foo\" path=\"/tmp/a b\\n\" rule=\"x\" future=7 "
		      "call=rename(0x1, 0x2) = 0", &ev);
	assert_int_equal(ev.npaths, 2);
	assert_string_equal(ev.paths[0], "/etc/foo");
	assert_string_equal(ev.paths[1], "/tmp/a b\n");
	sclog_event_clear(&ev);
	assert_int_equal(ev.npaths, 0);

	/* the old top-level "paths" key is no longer read */
	assert_record("{\"seq\":1,\"cpu\":0,\"time\":5,\"pid\":1,\"tid\":1,\"ppid\":0,"
		      "\"uid\":0,\"euid\":0,\"suid\":0,\"fsuid\":0,\"gid\":0,\"egid\":0,"
		      "\"sgid\":0,\"fsgid\":0,\"auid\":0,\"ses\":1,\"comm\":\"sh\","
		      "\"arch\":\"x86_64\",\"nr\":82,\"syscall\":\"rename\",\"ret\":0,"
		      "\"names\":[{\"arg\":0,\"name\":\"foo\",\"path\":\"/etc/foo\"},"
		      "{\"arg\":1,\"name\":\"/tmp/\\u00e9\"}],\"paths\":[\"/x\"],"
		      "\"rule\":\"r1\"}", &ev);
	assert_int_equal(ev.npaths, 2);
	assert_string_equal(ev.paths[0], "/etc/foo");
	assert_string_equal(ev.paths[1], "/tmp/\xe9");
	sclog_event_clear(&ev);
}

static void test_rules(void **state)
{
#define RPRE "2026-11-24T12:36:04.123456789Z cpu=0 seq=1 pid=1 tid=1 ppid=0 " \
	     "comm=\"rm\" uid=0 euid=0 suid=0 fsuid=0 gid=0 egid=0 sgid=0 " \
	     "fsgid=0 auid=unset ses=unset dur=1 arch=x86_64 nr=87 "
#define RJPRE "{\"seq\":1,\"cpu\":0,\"time\":5,\"pid\":1,\"tid\":1," \
	      "\"ppid\":0,\"uid\":0,\"euid\":0,\"suid\":0,\"fsuid\":0," \
	      "\"gid\":0,\"egid\":0,\"sgid\":0,\"fsgid\":0,\"auid\":0," \
	      "\"ses\":1,\"comm\":\"rm\",\"arch\":\"x86_64\",\"nr\":87," \
	      "\"syscall\":\"unlink\",\"ret\":0"
	static const struct {
		const char *line;
		const char *rule;
		unsigned int action;
	} ok[] = {
		/* no rule */
		{ RPRE "call=unlink(0x1) = 0", "", 0 },
		{ RJPRE "}", "", 0 },
		/* text: no action= is LOG */
		{ RPRE "name=\"./dummy\" rule=\"rm-log\" call=unlink(0x1) = 0",
		  "rm-log", SCLOG_ACT_LOG },
		{ RPRE "watch=1 rule=\"no-rm\" action=fail call=unlink(0x1) = -1 EPERM",
		  "no-rm", SCLOG_ACT_FAIL },
		{ RPRE "rule=\"k\" action=kill call=unlink(0x1) = 0", "k",
		  SCLOG_ACT_KILL },
		{ RPRE "rule=\"s\" action=suspend call=unlink(0x1) = 0", "s",
		  SCLOG_ACT_SUSPEND },
		{ RPRE "rule=\"l\" action=log call=unlink(0x1) = 0", "l",
		  SCLOG_ACT_LOG },
		/* in any order; names escaped as written */
		{ RPRE "action=fail rule=\"a\\\"b\\\\c\" call=unlink(0x1) = 0",
		  "a\"b\\c", SCLOG_ACT_FAIL },
		{ RPRE "rule=\"0123456789012345678901234567890123456789012345678901234567890123\" call=unlink(0x1) = 0",
		  "0123456789012345678901234567890123456789012345678901234567890123",
		  SCLOG_ACT_LOG },
		/* malformed rule fields: the record, without a rule */
		{ RPRE "rule_error=\"rule flag without a rule field\" call=unlink(0x1) = 0",
		  "", 0 },
		/* JSON */
		{ RJPRE ",\"rule\":\"rm-log\",\"action\":\"log\","
		  "\"message\":\"\\\"rm\\\" : \\\"./dummy\\\"\"}",
		  "rm-log", SCLOG_ACT_LOG },
		{ RJPRE ",\"rule\":\"no-rm\",\"action\":\"fail\"}", "no-rm",
		  SCLOG_ACT_FAIL },
		{ RJPRE ",\"action\":\"kill\",\"rule\":\"k\"}", "k",
		  SCLOG_ACT_KILL },
		{ RJPRE ",\"rule\":\"s\",\"action\":\"suspend\"}", "s",
		  SCLOG_ACT_SUSPEND },
		{ RJPRE ",\"rule\":\"x\"}", "x", SCLOG_ACT_LOG },
		{ RJPRE ",\"rule_error\":\"empty rule name\"}", "", 0 },
	};
	struct sclog_event ev;
	struct sclog_lost lost;
	char err[256];

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_record(ok[i].line, &ev);
		assert_string_equal(ev.rule, ok[i].rule);
		assert_int_equal(ev.action, ok[i].action);
		sclog_event_clear(&ev);
	}
	/* the line a rule's log format made is in neither format */
	assert_int_equal(parse("\"rm\" : \"./dummy\" delete by 0 --> 0", &ev,
			       &lost, err), SCLOG_LINE_BAD);
	assert_string_equal(err, "line does not start with a time "
			    "(YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ) and a space");
#undef RPRE
#undef RJPRE
}

/* ev has exactly the n paths of want, in order. */
static void expect_paths(const struct sclog_event *ev, const char *const *want,
			 size_t n)
{
	size_t i;

	if (ev->npaths != n) {
		for (i = 0; i < ev->npaths; i++)
			print_error("  path %zu: %s\n", i, ev->paths[i]);
		fail_msg("%zu paths, expected %zu", ev->npaths, n);
	}
	for (i = 0; i < n; i++)
		assert_string_equal(ev->paths[i], want[i]);
}

#define EXPECT_PATHS(ev, ...)						\
	do {								\
		static const char *const want_[] = { __VA_ARGS__ };	\
		expect_paths((ev), want_, sizeof(want_) / sizeof(want_[0])); \
	} while (0)

/* ev's argv is the strings of want (each with its NUL, want_len bytes). */
static void expect_argv(const struct sclog_event *ev, size_t argc,
			const void *want, size_t want_len)
{
	assert_int_equal(ev->argc, argc);
	assert_int_equal(ev->argv_len, want_len);
	if (want_len)
		assert_memory_equal(ev->argv, want, want_len);
	else
		assert_null(ev->argv);
}

#define LINE_START							\
	"2026-11-24T12:36:04.123456789Z cpu=0 seq=1 pid=1 tid=1 ppid=0 "	\
	"comm=\"sh\" uid=0 euid=0 suid=0 fsuid=0 gid=0 egid=0 sgid=0 "	\
	"fsgid=0 auid=unset ses=unset dur=1 arch=x86_64 nr=59 "
#define JSON_START							\
	"{\"seq\":1,\"cpu\":0,\"time\":5,\"pid\":1,\"tid\":1,\"ppid\":0,"	\
	"\"uid\":0,\"euid\":0,\"suid\":0,\"fsuid\":0,\"gid\":0,\"egid\":0,"	\
	"\"sgid\":0,\"fsgid\":0,\"auid\":0,\"ses\":1,\"comm\":\"sh\","	\
	"\"arch\":\"x86_64\",\"nr\":59,\"syscall\":\"execve\",\"ret\":0"

/* The keys of the variable fields in the text format. */
static void test_text_fields(void **state)
{
	static const char argv[] = "sh\0-c\0a \"b\"\\\n\0\xff\xc3\0\0abc";
	struct sclog_event ev;

	(void)state;
	/* resolved names, an interpreter, descriptors, unknown quoted and
	 * bare fields with tricky escapes, flags */
	assert_record(LINE_START "cwd=\"/home/u\" name=\"../bin/sh\" "
		      "path=\"/usr/bin/dash\" name=\"/lib/ld.so\" "
		      "path=\"/usr/lib/ld.so\" fd_path=\"/dev/pts/0\" "
		      "argv0=\"sh\" argv1=\"-c\" argv2=\"a \\\"b\\\"\\\\\\n\" "
		      "argv3=\"\\xff\\xc3\" argv4=\"\" argv5=\"abc\" "
		      "envp0=\"A=\\\" path=\\\"/not/a/path\" "
		      "envp1=\"\\\\\\\" name=\\\\\\\"/x\" argv_future=\"\\x22\" "
		      "truncated=1 fd_changed=1 fields_lost=1 skipped=1 "
		      "call=execve(0x1, 0x2, 0x3) = 0", &ev);
	EXPECT_PATHS(&ev, "/usr/bin/dash", "/usr/lib/ld.so", "/dev/pts/0");
	expect_argv(&ev, 6, argv, sizeof(argv));
	sclog_event_clear(&ev);
	assert_null(ev.argv);
	assert_int_equal(ev.argc, 0);

	/* names whose lookup failed: absolute as they are, relative joined
	 * to the cwd (printed before them) */
	assert_record(LINE_START "cwd=\"/tmp/d\" name=\"a\" path=\"/tmp/d/a\" "
		      "name=\"b c\\n\" name=\"/abs\" name=\"\" path=\"/p\" "
		      "name=\"./e\" fd_path=\"/f\" call=execve(0x1, 0x2, 0x3) = -2 ENOENT",
		      &ev);
	EXPECT_PATHS(&ev, "/tmp/d/a", "/tmp/d/b c\n", "/abs", "/p",
		     "/tmp/d/./e", "/f");
	expect_argv(&ev, 0, "", 0);
	sclog_event_clear(&ev);
	/* a cwd of / */
	assert_record(LINE_START "cwd=\"/\" name=\"b\" call=execve(0x1, 0x2, 0x3) = -2 ENOENT",
		      &ev);
	EXPECT_PATHS(&ev, "/b");
	sclog_event_clear(&ev);
	/* no cwd (not recorded): a relative name gives no path */
	assert_record(LINE_START "name=\"b\" name=\"/c\" name=\"d\" call=execve(0x1, 0x2, 0x3) = -2 ENOENT",
		      &ev);
	EXPECT_PATHS(&ev, "/c");
	sclog_event_clear(&ev);
	/* a path= not right after its name= does not replace it */
	assert_record(LINE_START "name=\"/n\" fd_path=\"/f\" path=\"/p\" call=execve(0x1, 0x2, 0x3) = 0",
		      &ev);
	EXPECT_PATHS(&ev, "/n", "/f", "/p");
	sclog_event_clear(&ev);
	/* seven paths (five names, two descriptors), and the eighth */
	assert_record(LINE_START "cwd=\"/w\" name=\"1\" path=\"/1\" name=\"2\" "
		      "name=\"3\" path=\"/3\" name=\"/4\" name=\"5\" path=\"/5\" "
		      "fd_path=\"/6\" fd_path=\"/7\" path=\"/8\" "
		      "call=execve(0x1, 0x2, 0x3) = 0", &ev);
	EXPECT_PATHS(&ev, "/1", "/w/2", "/3", "/4", "/5", "/6", "/7", "/8");
	sclog_event_clear(&ev);
}

/* The same in JSON. */
static void test_json_fields(void **state)
{
	static const char argv[] = "sh\0-c\0a \"b\"\\\n\0\xff\xc3\0\0abc";
	struct sclog_event ev;

	(void)state;
	assert_record(JSON_START ",\"cwd\":\"/home/u\",\"names\":[{\"arg\":0,"
		      "\"name\":\"../bin/sh\",\"path\":\"/usr/bin/dash\"},"
		      "{\"arg\":null,\"name\":\"/lib/ld.so\",\"path\":\"/usr/lib/ld.so\","
		      "\"truncated\":true}],\"fds\":[{\"arg\":0,\"fd\":1,"
		      "\"path\":\"/dev/pts/0\",\"changed\":true}],\"argv\":[\"sh\","
		      "\"-c\",\"a \\\"b\\\"\\\\\\n\",\"\\u00ff\\u00c3\",\"\",\"abc\"],"
		      "\"argv_truncated\":true,\"envp\":[\"PATH=/bin\"],"
		      "\"fields_lost\":true,\"skipped\":true,\"future\":{\"a\":[1]}}",
		      &ev);
	EXPECT_PATHS(&ev, "/usr/bin/dash", "/usr/lib/ld.so", "/dev/pts/0");
	expect_argv(&ev, 6, argv, sizeof(argv));
	sclog_event_clear(&ev);

	assert_record(JSON_START ",\"cwd\":\"/tmp/d\",\"names\":[{\"arg\":0,"
		      "\"name\":\"a\",\"path\":\"/tmp/d/a\"},{\"arg\":1,"
		      "\"name\":\"b c\\n\"},{\"arg\":2,\"name\":\"/abs\"},"
		      "{\"arg\":3,\"name\":\"\",\"path\":\"/p\"},{\"arg\":4,"
		      "\"name\":\"\"},{\"arg\":5,\"path\":\"/q\"}],"
		      "\"fds\":[{\"arg\":0,\"fd\":3,\"path\":\"/f\"},{\"arg\":1}]}",
		      &ev);
	EXPECT_PATHS(&ev, "/tmp/d/a", "/tmp/d/b c\n", "/abs", "/p", "/q", "/f");
	expect_argv(&ev, 0, "", 0);
	sclog_event_clear(&ev);

	assert_record(JSON_START ",\"cwd\":\"/\",\"names\":[{\"name\":\"b\"}]}", &ev);
	EXPECT_PATHS(&ev, "/b");
	sclog_event_clear(&ev);
	assert_record(JSON_START ",\"names\":[{\"name\":\"b\"},{\"name\":\"/c\"}],"
		      "\"argv\":[]}", &ev);
	EXPECT_PATHS(&ev, "/c");
	expect_argv(&ev, 0, "", 0);
	sclog_event_clear(&ev);
}

static void test_lost_and_meta(void **state)
{
	struct sclog_event ev;
	struct sclog_lost lost;
	char err[256];

	(void)state;
	assert_int_equal(parse("2026-11-24T12:36:05.000000000Z sclogd: lost 12 records on CPU 1 (seq 100-111)",
			       &ev, &lost, err), SCLOG_LINE_LOST);
	assert_int_equal(lost.count, 12);
	assert_int_equal(lost.cpu, 1);
	assert_true(lost.time == UINT64_C(1795523765000000000));

	assert_int_equal(parse("{\"lost\":12,\"cpu\":1,\"time\":1795782965000000000,\"first_seq\":100}",
			       &ev, &lost, err), SCLOG_LINE_LOST);
	assert_int_equal(lost.count, 12);
	assert_int_equal(lost.cpu, 1);
	assert_true(lost.time == UINT64_C(1795782965000000000));

	assert_int_equal(parse("# sclogd 1 started at 2026-11-24T12:36:04Z on sclog-vm, kernel 6.12.117-sclog, /dev/sclog",
			       &ev, &lost, err), SCLOG_LINE_META);
	assert_int_equal(parse("#", &ev, &lost, err), SCLOG_LINE_META);
	assert_int_equal(parse("2026-11-24T12:36:05.000000000Z sclogd: stopped",
			       &ev, &lost, err), SCLOG_LINE_META);
	assert_int_equal(parse("{\"sclogd\":\"start\",\"time\":1,\"host\":\"sclog-vm\",\"kernel\":\"6.12\",\"device\":\"/dev/sclog\"}",
			       &ev, &lost, err), SCLOG_LINE_META);
	assert_int_equal(parse("{\"summary\":{\"records\":3}}", &ev, &lost, err),
			 SCLOG_LINE_META);
	/* A reader coming and going, and a record type not known here. */
	assert_int_equal(parse("2026-11-24T12:36:05.000000000Z reader=close cpu=0 seq=9 pid=5 tid=5 ppid=1 comm=\"sclogd\" uid=0 euid=0 suid=0 fsuid=0 gid=0 egid=0 sgid=0 fsgid=0 auid=unset ses=unset exiting=1 signal=SIGKILL status=0 sender_pid=7 sender_uid=0 sender_euid=0 sender_auid=unset sender_ses=unset sender_comm=\"kill\" sender_signal=SIGKILL sender_code=0",
			       &ev, &lost, err), SCLOG_LINE_META);
	assert_int_equal(parse("2026-11-24T12:36:05.000000000Z record=77 cpu=0 seq=9 pid=5",
			       &ev, &lost, err), SCLOG_LINE_META);
	assert_int_equal(parse("{\"seq\":9,\"cpu\":0,\"time\":1,\"type\":\"reader\",\"event\":\"open\",\"pid\":5,\"sender\":null}",
			       &ev, &lost, err), SCLOG_LINE_META);
	/* A line that only starts like one is still checked. */
	assert_int_equal(parse("2026-11-24T12:36:05.000000000Z readers=1 call=x",
			       &ev, &lost, err), SCLOG_LINE_BAD);
}

static const struct {
	const char *line;
	const char *err;
} bad_lines[] = {
	{ "", "empty line" },
	{ "hello", "line does not start with a time (YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ) and a space" },
	{ "2026-13-24T12:36:04.123456789Z cpu=0", "line does not start with a time (YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ) and a space" },
	{ "2026-02-30T12:36:04.123456789Z cpu=0", "line does not start with a time (YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ) and a space" },
	{ "2026-11-24T12:36:04.12345678Z cpu=0", "line does not start with a time (YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ) and a space" },
	{ "2026-11-24T12:36:04.123456789Z ", "no call= field" },
	{ "2026-11-24T12:36:04.123456789Z cpu=0", "no call= field" },
	{ "2026-11-24T12:36:04.123456789Z cpu=0  seq=1", "expected a single space after cpu= at column 37" },
	{ "2026-11-24T12:36:04.123456789Z cpu", "expected key=value at column 32" },
	{ "2026-11-24T12:36:04.123456789Z cpu=x", "cpu=: expected a decimal number below 2^32" },
	{ "2026-11-24T12:36:04.123456789Z cpu=4294967296", "cpu=: expected a decimal number below 2^32" },
	{ "2026-11-24T12:36:04.123456789Z cpu=01", "cpu=: expected a decimal number below 2^32" },
	{ "2026-11-24T12:36:04.123456789Z cpu=", "cpu=: empty value" },
	{ "2026-11-24T12:36:04.123456789Z cpu=1 cpu=2", "duplicate field cpu=" },
	{ "2026-11-24T12:36:04.123456789Z seq=-1", "seq=: expected a decimal number" },
	{ "2026-11-24T12:36:04.123456789Z comm=cat", "comm=: expected a quoted string" },
	{ "2026-11-24T12:36:04.123456789Z comm=\"cat", "comm=: unterminated quoted string" },
	{ "2026-11-24T12:36:04.123456789Z comm=\"a\\qb\"", "comm=: unknown escape sequence in a quoted string" },
	{ "2026-11-24T12:36:04.123456789Z comm=\"\\xZZ\"", "comm=: \\x not followed by two lower-case hex digits" },
	{ "2026-11-24T12:36:04.123456789Z comm=\"\\xAB\"", "comm=: \\x not followed by two lower-case hex digits" },
	{ "2026-11-24T12:36:04.123456789Z comm=\"a\tb\"", "comm=: byte outside 0x20-0x7e in a quoted string" },
	{ "2026-11-24T12:36:04.123456789Z comm=\"0123456789abcdefg\"", "comm=: string too long" },
	{ "2026-11-24T12:36:04.123456789Z auid=-1", "auid=: expected 'unset' or a decimal number below 4294967295" },
	{ "2026-11-24T12:36:04.123456789Z auid=4294967295", "auid=: expected 'unset' or a decimal number below 4294967295" },
	{ "2026-11-24T12:36:04.123456789Z arch=arm64", "arch=: unknown ABI 'arm64'" },
	{ "2026-11-24T12:36:04.123456789Z nr=4294967296", "nr=: expected a 32-bit decimal number" },
	{ "2026-11-24T12:36:04.123456789Z cpu=0 call=open() = 3", "no seq= field before call=" },
	{ "2026-11-24T12:36:04.123456789Z cpu=0 seq=1 pid=1 tid=1 ppid=0 comm=\"x\" uid=0 euid=0 suid=0 fsuid=0 gid=0 egid=0 sgid=0 fsgid=0 auid=unset ses=unset dur=1 arch=x86_64 call=open() = 3",
	  "no nr= field before call=" },
#define PRE "2026-11-24T12:36:04.123456789Z cpu=0 seq=1 pid=1 tid=1 ppid=0 comm=\"x\" uid=0 euid=0 suid=0 fsuid=0 gid=0 egid=0 sgid=0 fsgid=0 auid=unset ses=unset dur=1 arch=x86_64 nr=2 "
	{ PRE "call=open", "call=: no '(' after the system call name" },
	{ PRE "call=op-en(1) = 3", "call=: system call name is not an identifier" },
	{ PRE "call=(1) = 3", "call=: system call name is not an identifier" },
	{ PRE "call=syscall_3(1) = 3", "call=: syscall_NNN name does not match nr" },
	{ PRE "call=open(1) =3", "call=: no ') = ' after the arguments" },
	{ PRE "call=open(1\x01) = 3", "call=: byte 0x01 in the arguments" },
	{ PRE "call=open(1) = ", "call=: return value '' is not '?' or a decimal number" },
	{ PRE "call=open(1) = 3x", "call=: return value '3x' is not '?' or a decimal number" },
	{ PRE "call=open(1) = ? ", "call=: return value '?' is not '?' or a decimal number" },
	{ PRE "call=open(1) = 3 ENOENT", "call=: text after a non-negative return value" },
	{ PRE "call=open(1) = -2 enoent", "call=: bad errno name after the return value" },
	{ PRE "call=open(1) = -2 ", "call=: bad errno name after the return value" },
	{ PRE "path=\"a\" fd_path=\"b\" path=\"c\" path=\"d\" name=\"/e\" fd_path=\"f\" path=\"g\" fd_path=\"h\" path=\"i\" call=open(1) = 3", "more than 8 paths (path=, fd_path=, name= without path=)" },
	{ PRE "path=\"a\" path=\"b\" path=\"c\" path=\"d\" path=\"e\" path=\"f\" path=\"g\" path=\"h\" name=\"i\" call=open(1) = 3", "more than 8 paths (path=, fd_path=, name= without path=)" },
	{ PRE "cwd=\"/\" cwd=\"/tmp\" call=open(1) = 3", "duplicate field cwd=" },
	{ PRE "cwd=/tmp call=open(1) = 3", "cwd=: expected a quoted string" },
	{ PRE "name=\"a\\\" call=open(1) = 3", "name=: unterminated quoted string" },
	{ PRE "fd_path=\"\\x4\" call=open(1) = 3", "fd_path=: \\x not followed by two lower-case hex digits" },
	{ PRE "argv0=\"a\" argv2=\"b\" call=open(1) = 3", "argv2=: expected argv1=" },
	{ PRE "argv1=\"a\" call=open(1) = 3", "argv1=: expected argv0=" },
	{ PRE "argv0=x call=open(1) = 3", "argv0=: expected a quoted string" },
	{ PRE "future=\"a\\\" b=\\\" call=open(1) = 3", "future=: unterminated quoted string" },
	{ PRE "future=\"\\q\" call=open(1) = 3", "future=: unknown escape sequence in a quoted string" },
	{ PRE "path=/etc call=open(1) = 3", "path=: expected a quoted string" },
	{ PRE "rule=\"x call=open(1) = 3", "rule=: unterminated quoted string" },
	{ PRE "rule=x call=open(1) = 3", "rule=: expected a quoted string" },
	{ PRE "rule=\"\" call=open(1) = 3", "rule=: a rule name has 1 to 64 bytes" },
	{ PRE "rule=\"0123456789012345678901234567890123456789012345678901234567890123x\" call=open(1) = 3", "rule=: a rule name has 1 to 64 bytes" },
	{ PRE "rule=\"a b\" call=open(1) = 3", "rule=: a rule name is printable ASCII without spaces" },
	{ PRE "rule=\"a\\x00\" call=open(1) = 3", "rule=: a rule name is printable ASCII without spaces" },
	{ PRE "rule=\"a\\n\" call=open(1) = 3", "rule=: a rule name is printable ASCII without spaces" },
	{ PRE "rule=\"\\xff\" call=open(1) = 3", "rule=: a rule name is printable ASCII without spaces" },
	{ PRE "rule=\"a\" rule=\"b\" call=open(1) = 3", "rule=: more than one rule" },
	{ PRE "action=fail call=open(1) = -1 EPERM", "action= without rule=" },
	{ PRE "rule=\"a\" action=ignore call=open(1) = 3", "action=: expected log, fail, kill or suspend" },
	{ PRE "rule=\"a\" action=\"fail\" call=open(1) = 3", "action=: expected log, fail, kill or suspend" },
	{ PRE "rule=\"a\" action=FAIL call=open(1) = 3", "action=: expected log, fail, kill or suspend" },
	{ PRE "rule=\"a\" action=failx call=open(1) = 3", "action=: expected log, fail, kill or suspend" },
	{ PRE "rule=\"a\" action=fail action=kill call=open(1) = 3", "duplicate field action=" },
	{ PRE "rule=\"a\" action= call=open(1) = 3", "action=: empty value" },
#undef PRE
	{ "2026-11-24T12:36:05.000000000Z sclogd: lost 0 records on CPU 1 (seq 100-99)", "lost line: record count is 0" },
	{ "2026-11-24T12:36:05.000000000Z sclogd: lost 2 records on CPU 1 (seq 100-102)", "lost line: count 2 does not match seq 100-102" },
	{ "2026-11-24T12:36:05.000000000Z sclogd: lost 2 records on cpu 1 (seq 100-101)", "lost line: expected ' records on CPU '" },
	{ "2026-11-24T12:36:05.000000000Z sclogd: lost 2 records on CPU 1 (seq 100-101) x", "lost line: text after ')'" },
	{ "2026-11-24T12:36:05.000000000Z sclogd: lost 2 records on CPU 4294967296 (seq 100-101)", "lost line: bad CPU number" },
	{ "{", "invalid JSON at column 1: string or '}' expected near end of file" },
	{ "{\"seq\":1} x", "invalid JSON at column 11: end of file expected near 'x'" },
	{ "{\"seq\":1,\"seq\":2}", "invalid JSON at column 14: duplicate object key near '\"seq\"'" },
	{ "{\"seq\":-1}", "\"seq\": expected a non-negative integer" },
	{ "{\"seq\":\"1\"}", "\"seq\": expected a non-negative integer" },
	{ "{\"seq\":1}", "\"time\" missing or not a non-negative integer" },
	{ "{\"seq\":1,\"time\":1}", "\"cpu\" missing or not an unsigned 32-bit integer" },
	{ "{\"seq\":1,\"time\":1,\"cpu\":4294967296}", "\"cpu\" missing or not an unsigned 32-bit integer" },
#define JPRE "{\"seq\":1,\"cpu\":0,\"time\":5,\"pid\":1,\"tid\":1,\"ppid\":0,\"uid\":0,\"euid\":0,\"suid\":0,\"fsuid\":0,\"gid\":0,\"egid\":0,\"sgid\":0,\"fsgid\":0,\"auid\":0,\"ses\":1,"
	{ JPRE "\"comm\":1}", "\"comm\" missing or not a string" },
	{ JPRE "\"comm\":\"\\u0100\"}", "\"comm\": character above U+00FF" },
	{ JPRE "\"comm\":\"0123456789abcdefg\"}", "\"comm\": string too long" },
	{ JPRE "\"comm\":\"x\",\"arch\":\"arm\"}", "\"arch\" missing or not an ABI name" },
	{ JPRE "\"comm\":\"x\",\"arch\":\"i386\",\"nr\":1.5}", "\"nr\" missing or not a 32-bit integer" },
	{ JPRE "\"comm\":\"x\",\"arch\":\"i386\",\"nr\":1}", "\"syscall\" missing or not a string" },
	{ JPRE "\"comm\":\"x\",\"arch\":\"i386\",\"nr\":1,\"syscall\":\"a b\"}", "\"syscall\": system call name is not an identifier" },
	{ JPRE "\"comm\":\"x\",\"arch\":\"i386\",\"nr\":1,\"syscall\":\"exit\",\"ret\":\"0\"}", "\"ret\" is not an integer" },
#define JX JPRE "\"comm\":\"x\",\"arch\":\"i386\",\"nr\":1,\"syscall\":\"exit\","
	{ JX "\"cwd\":1}", "\"cwd\" is not a string" },
	{ JX "\"cwd\":\"\\u0100\"}", "\"cwd\": character above U+00FF" },
	{ JX "\"names\":{}}", "\"names\" is not an array" },
	{ JX "\"names\":[{\"path\":\"/\"},\"/\"]}", "\"names\"[1] is not an object" },
	{ JX "\"names\":[{\"path\":2}]}", "\"names\"[0].path is not a string" },
	{ JX "\"names\":[{\"name\":null}]}", "\"names\"[0].name is not a string" },
	{ JX "\"names\":[{\"path\":\"\\u20ac\"}]}", "\"names\"[0].path: character above U+00FF" },
	{ JX "\"fds\":\"/\"}", "\"fds\" is not an array" },
	{ JX "\"fds\":[1]}", "\"fds\"[0] is not an object" },
	{ JX "\"fds\":[{\"path\":[]}]}", "\"fds\"[0].path is not a string" },
	{ JX "\"argv\":\"a\"}", "\"argv\" is not an array" },
	{ JX "\"argv\":[\"a\",1]}", "\"argv\"[1] is not a string" },
	{ JX "\"argv\":[\"\\u0101\"]}", "\"argv\"[0]: character above U+00FF" },
	{ JX "\"rule\":1}", "\"rule\" is not a string" },
	{ JX "\"rule\":\"\"}", "\"rule\": a rule name has 1 to 64 bytes" },
	{ JX "\"rule\":\"0123456789012345678901234567890123456789012345678901234567890123x\"}", "\"rule\": a rule name has 1 to 64 bytes" },
	{ JX "\"rule\":\"a b\"}", "\"rule\": a rule name is printable ASCII without spaces" },
	{ JX "\"rule\":\"\\u00e9\"}", "\"rule\": a rule name is printable ASCII without spaces" },
	{ JX "\"rule\":\"a\\u0000\"}", "\"rule\": a rule name is printable ASCII without spaces" },
	{ JX "\"rule\":\"\\u0101\"}", "\"rule\": character above U+00FF" },
	{ JX "\"action\":\"fail\"}", "\"action\" without \"rule\"" },
	{ JX "\"rule\":\"a\",\"action\":\"ignore\"}", "\"action\": expected \"log\", \"fail\", \"kill\" or \"suspend\"" },
	{ JX "\"rule\":\"a\",\"action\":3}", "\"action\": expected \"log\", \"fail\", \"kill\" or \"suspend\"" },
	{ JX "\"rule\":\"a\",\"action\":\"fail\\u0000\"}", "\"action\": expected \"log\", \"fail\", \"kill\" or \"suspend\"" },
	{ JX "\"names\":[{\"path\":\"/1\"},{\"path\":\"/2\"},{\"path\":\"/3\"},{\"path\":\"/4\"},{\"name\":\"/5\"}],\"fds\":[{\"path\":\"/6\"},{\"path\":\"/7\"},{\"path\":\"/8\"},{\"path\":\"/9\"}]}", "more than 8 paths in \"names\" and \"fds\"" },
#undef JX
#undef JPRE
	{ "{\"lost\":0,\"cpu\":1,\"time\":1}", "\"lost\": expected a positive integer" },
	{ "{\"lost\":1,\"time\":1}", "lost object: \"cpu\" missing or not an unsigned 32-bit integer" },
	{ "{\"lost\":1,\"cpu\":1}", "lost object: \"time\" missing or not a non-negative integer" },
};

static void test_malformed(void **state)
{
	struct sclog_event ev;
	struct sclog_lost lost;
	char err[256];
	size_t i, bad = 0;

	(void)state;
	for (i = 0; i < sizeof(bad_lines) / sizeof(bad_lines[0]); i++) {
		enum sclog_line_kind k;

		strcpy(err, "(unset)");
		k = parse(bad_lines[i].line, &ev, &lost, err);
		if (k == SCLOG_LINE_RECORD)
			sclog_event_clear(&ev);
		if (k != SCLOG_LINE_BAD || strcmp(err, bad_lines[i].err)) {
			print_error("line: %s\n  kind %d, message: %s\n  expected:   %s\n",
				    bad_lines[i].line, k, err, bad_lines[i].err);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* A short err buffer gets a truncated, terminated message; none is fine. */
static void test_err_buffer(void **state)
{
	struct sclog_event ev;
	struct sclog_lost lost;
	char err[6];

	(void)state;
	assert_int_equal(sclog_parse_line("", 0, &ev, &lost, err, sizeof(err)),
			 SCLOG_LINE_BAD);
	assert_string_equal(err, "empty");
	assert_int_equal(sclog_parse_line("x", 1, &ev, &lost, NULL, 0),
			 SCLOG_LINE_BAD);
}

/* ------------------------------------------------------------------------ */
/* Round trip through lib/format.c */

struct rt_case {
	uint16_t abi, flags;
	int32_t nr;
	int64_t ret;
	uint32_t auid, ses;
	const char *comm;
	size_t comm_len;
	const char *name;	/* the name the line must carry */
};

static const struct rt_case rt_cases[] = {
	{ SCLOG_ABI_X86_64, 0, 257, 3, 1000, 2, "cat", 3, "openat" },
	{ SCLOG_ABI_X86_64, 0, 2, -2, UINT32_MAX, UINT32_MAX,
	  "a\"b\\c\n\x1b[31m\xe9\x7f\x01", 14, "open" },
	{ SCLOG_ABI_X86_64, SCLOG_RF_ENTRY | SCLOG_RF_NORETURN, 231, 0, 0, 0,
	  "0123456789abcdef", 16, "exit_group" },
	{ SCLOG_ABI_X86_64, 0, 1000, -38, 5, 6, "", 0, "syscall_1000" },
	{ SCLOG_ABI_I386, 0, 5, 4, 0, 1, "sh", 2, "open" },
	{ SCLOG_ABI_X32, 0, 257, INT64_MIN, 0, 1, "x32\xff", 4, "openat" },
	{ SCLOG_ABI_I386, 0, 11, INT64_MAX, 0, 1, "e", 1, "execve" },
	/* A hostile capture's negative numbers: written as syscall_-N. */
	{ SCLOG_ABI_X86_64, 0, -1, -38, 0, 1, "neg", 3, "syscall_-1" },
	{ SCLOG_ABI_I386, 0, INT32_MIN, 0, 0, 1, "neg", 3,
	  "syscall_-2147483648" },
};

static void build_record(uint64_t *buf, const struct rt_case *c, unsigned int i)
{
	struct sclog_record *r = (struct sclog_record *)buf;

	memset(buf, 0, SCLOG_RECORD_MAX);
	r->size = (sizeof(*r) + 7) & ~7u;
	r->hdr_size = (uint16_t)r->size;
	r->version = SCLOG_RECORD_VERSION;
	r->type = SCLOG_REC_SYSCALL;
	r->flags = c->flags;
	r->abi = c->abi;
	r->cpu = (uint16_t)(i % 4);
	r->nr = c->nr;
	r->seq = 1000 + i;
	r->time_real = T0 + i * UINT64_C(1000000007);
	r->time_mono = 5;
	r->duration = c->flags ? 0 : 4211 + i;
	r->args[0] = (uint64_t)-100;
	r->args[1] = 0x7ffc0a1b2c30;
	r->args[2] = 0x80000;
	r->ret = c->flags ? 0 : c->ret;
	r->pid = 100 + i;
	r->tid = 200 + i;
	r->ppid = 1;
	r->uid = 1000 + i;
	r->euid = 2000 + i;
	r->suid = 3000 + i;
	r->fsuid = 4000 + i;
	r->gid = 5000 + i;
	r->egid = 6000 + i;
	r->sgid = 7000 + i;
	r->fsgid = UINT32_MAX - 1;
	r->auid = c->auid;
	r->ses = c->ses;
	memcpy(r->comm, c->comm, c->comm_len);
}

static void check_round_trip(const struct sclog_buf *b,
			     const struct sclog_record *r,
			     const struct rt_case *c)
{
	struct sclog_event ev;
	struct sclog_lost lost;
	char err[256];
	enum sclog_line_kind k;

	assert_true(b->len > 0 && b->data[b->len - 1] == '\n');
	k = sclog_parse_line(b->data, b->len - 1, &ev, &lost, err, sizeof(err));
	if (k != SCLOG_LINE_RECORD)
		fail_msg("%.*s\n  does not read back: %s", (int)b->len - 1,
			 b->data, err);
	assert_true(ev.seq == r->seq);
	assert_int_equal(ev.cpu, r->cpu);
	assert_true(ev.time == r->time_real);
	assert_int_equal(ev.pid, r->pid);
	assert_int_equal(ev.tid, r->tid);
	assert_int_equal(ev.ppid, r->ppid);
	assert_int_equal(ev.uid, r->uid);
	assert_int_equal(ev.euid, r->euid);
	assert_int_equal(ev.suid, r->suid);
	assert_int_equal(ev.fsuid, r->fsuid);
	assert_int_equal(ev.gid, r->gid);
	assert_int_equal(ev.egid, r->egid);
	assert_int_equal(ev.sgid, r->sgid);
	assert_int_equal(ev.fsgid, r->fsgid);
	assert_int_equal(ev.auid, r->auid);
	assert_int_equal(ev.ses, r->ses);
	assert_int_equal(ev.comm_len, c->comm_len);
	assert_memory_equal(ev.comm, c->comm, c->comm_len);
	assert_int_equal(ev.abi, r->abi);
	assert_true(ev.nr == r->nr ||
		    (ev.nr & ~SCLOG_X32_SYSCALL_BIT) == r->nr);
	assert_string_equal(ev.syscall, c->name);
	assert_int_equal(ev.has_ret, !c->flags);
	if (!c->flags)
		assert_true(ev.ret == r->ret);
	assert_int_equal(ev.npaths, 0);
	sclog_event_clear(&ev);
}

static void test_round_trip(void **state)
{
	uint64_t *buf = malloc(SCLOG_RECORD_MAX);
	struct sclog_buf b;
	struct sclog_rec rec;
	const char *err;
	size_t i;

	(void)state;
	assert_non_null(buf);
	sclog_buf_init(&b);
	for (i = 0; i < sizeof(rt_cases) / sizeof(rt_cases[0]); i++) {
		build_record(buf, &rt_cases[i], (unsigned int)i);
		err = NULL;
		if (sclog_rec_decode(buf, SCLOG_RECORD_MAX, &rec, &err) <= 0)
			fail_msg("case %zu: record does not decode: %s", i,
				 err ? err : "?");
		sclog_buf_reset(&b);
		sclog_format_text(&b, &rec);
		assert_false(b.oom);
		check_round_trip(&b, (struct sclog_record *)buf, &rt_cases[i]);
		sclog_buf_reset(&b);
		sclog_format_json(&b, &rec);
		assert_false(b.oom);
		check_round_trip(&b, (struct sclog_record *)buf, &rt_cases[i]);
	}
	sclog_buf_free(&b);
	free(buf);
}

/* ------------------------------------------------------------------------ */
/* Round trip of records with fields */

/* A record of nr with fields, as the kernel lays it out, in buf. */
struct frec {
	uint64_t buf[SCLOG_RECORD_MAX / 8];
	size_t len;
};

static void frec_init(struct frec *r, int32_t nr, int64_t ret, uint16_t flags)
{
	static const struct rt_case c = { SCLOG_ABI_X86_64, 0, 0, 0, 0, 1,
					  "t", 1, "" };
	struct sclog_record *h = (struct sclog_record *)r->buf;

	build_record(r->buf, &c, 0);
	h->nr = nr;
	h->ret = ret;
	h->flags = flags;
	h->args[0] = 3;
	r->len = h->size;
}

static void frec_add(struct frec *r, unsigned int type, unsigned int flags,
		     unsigned int arg, const void *data, size_t n)
{
	struct sclog_field f = { .type = (__u16)type, .flags = (__u8)flags,
				 .arg = (__u8)arg, .len = (__u32)n };
	unsigned char *p = (unsigned char *)r->buf + r->len;

	assert_true(r->len + sizeof(f) + n + 8 <= sizeof(r->buf));
	memcpy(p, &f, sizeof(f));
	memcpy(p + sizeof(f), data, n);
	r->len += sizeof(f) + ((n + 7) & ~(size_t)7);
	((struct sclog_record *)r->buf)->size = (__u32)r->len;
}

#define FREC(r, type, flags, arg, lit) \
	frec_add((r), (type), (flags), (arg), (lit), sizeof(lit) - 1)
#define NOARG SCLOG_ARG_NONE

/*
 * Write the record as a text line and as a JSON line, read both back;
 * the paths must be want (n), the argv the argc strings of argv (argv_len
 * bytes, NULs included).
 */
static void rt_fields(const struct frec *r, const char *const *want, size_t n,
		      size_t argc, const void *argv, size_t argv_len)
{
	struct sclog_buf b;
	struct sclog_rec rec;
	struct sclog_event ev;
	struct sclog_lost lost;
	const char *derr = NULL;
	char err[256];

	if (sclog_rec_decode(r->buf, r->len, &rec, &derr) != (long)r->len)
		fail_msg("record does not decode: %s", derr ? derr : "?");
	sclog_buf_init(&b);
	for (int json = 0; json < 2; json++) {
		sclog_buf_reset(&b);
		if (json)
			sclog_format_json(&b, &rec);
		else
			sclog_format_text(&b, &rec);
		assert_false(b.oom);
		if (sclog_parse_line(b.data, b.len - 1, &ev, &lost, err,
				     sizeof(err)) != SCLOG_LINE_RECORD)
			fail_msg("%.*s\n  does not read back: %s", (int)b.len - 1,
				 b.data, err);
		expect_paths(&ev, want, n);
		expect_argv(&ev, argc, argv, argv_len);
		assert_int_equal(ev.nr, ((struct sclog_record *)r->buf)->nr);
		sclog_event_clear(&ev);
	}
	sclog_buf_free(&b);
}

#define RT(r, ...)							\
	do {								\
		static const char *const want_[] = { __VA_ARGS__ };	\
		rt_fields((r), want_, sizeof(want_) / sizeof(want_[0]),	\
			  0, "", 0);					\
	} while (0)

static void test_round_trip_fields(void **state)
{
	static const char argv[] =
		"sh\0-c\0echo \"a\\b\"\nx\0\xff\xc3\0\0abc";
	static const char *const exec_paths[] = {
		"/usr/bin/dash", "/usr/lib/ld-linux-x86-64.so.2"
	};
	static struct frec r;
	unsigned char all[255];

	(void)state;
	/* openat of a relative name that resolved */
	frec_init(&r, 257, 3, 0);
	FREC(&r, SCLOG_FIELD_NAME, 0, 1, "../etc/passwd");
	FREC(&r, SCLOG_FIELD_PATH, 0, 1, "/etc/passwd");
	FREC(&r, SCLOG_FIELD_CWD, 0, NOARG, "/home/a b");
	RT(&r, "/etc/passwd");

	/* rename: one name resolved, an unknown field, one failed */
	frec_init(&r, 82, -2, 0);
	FREC(&r, SCLOG_FIELD_NAME, 0, 0, "a");
	FREC(&r, SCLOG_FIELD_PATH, 0, 0, "/tmp/a");
	FREC(&r, 99, SCLOG_FF_TRUNCATED, 0, "/not/this\"one\\");
	FREC(&r, SCLOG_FIELD_NAME, 0, 1, "/nonexistent/b");
	FREC(&r, SCLOG_FIELD_CWD, 0, NOARG, "/tmp");
	RT(&r, "/tmp/a", "/nonexistent/b");

	/* open failing on a relative name: joined to the cwd */
	frec_init(&r, 2, -13, 0);
	FREC(&r, SCLOG_FIELD_NAME, 0, 0, "x y\n\"z\\");
	FREC(&r, SCLOG_FIELD_CWD, 0, NOARG, "/home/u");
	RT(&r, "/home/u/x y\n\"z\\");
	frec_init(&r, 2, -13, 0);
	FREC(&r, SCLOG_FIELD_NAME, 0, 0, "b");
	FREC(&r, SCLOG_FIELD_CWD, 0, NOARG, "/");
	RT(&r, "/b");
	/* ... and without a cwd (not recorded): none */
	frec_init(&r, 2, -13, 0);
	FREC(&r, SCLOG_FIELD_NAME, 0, 0, "b");
	rt_fields(&r, NULL, 0, 0, "", 0);

	/* write: a descriptor that changed */
	frec_init(&r, 1, 5, 0);
	FREC(&r, SCLOG_FIELD_FD_PATH, SCLOG_FF_FD_CHANGED, 0, "/var/log/x");
	RT(&r, "/var/log/x");

	/* execve with an interpreter, argv and envp, fields lost */
	frec_init(&r, 59, 0, SCLOG_RF_FIELDS_LOST);
	FREC(&r, SCLOG_FIELD_NAME, 0, 0, "/bin/sh");
	FREC(&r, SCLOG_FIELD_PATH, 0, 0, "/usr/bin/dash");
	FREC(&r, SCLOG_FIELD_NAME, 0, NOARG, "/lib64/ld-linux-x86-64.so.2");
	FREC(&r, SCLOG_FIELD_PATH, 0, NOARG, "/usr/lib/ld-linux-x86-64.so.2");
	FREC(&r, SCLOG_FIELD_ARGV, SCLOG_FF_TRUNCATED, NOARG,
	     "sh\0-c\0echo \"a\\b\"\nx\0\xff\xc3\0\0abc");
	FREC(&r, SCLOG_FIELD_ENVP, 0, NOARG, "A=1\0B=\" path=\"/x\0");
	rt_fields(&r, exec_paths, 2, 6, argv, sizeof(argv));

	/* a call seccomp skipped, no fields */
	frec_init(&r, 105, -1, SCLOG_RF_SKIPPED);
	rt_fields(&r, NULL, 0, 0, "", 0);

	/* five names (three resolved, a relative and an absolute one not),
	 * two descriptors: seven paths */
	frec_init(&r, 264, 0, 0);
	FREC(&r, SCLOG_FIELD_NAME, 0, 1, "1");
	FREC(&r, SCLOG_FIELD_PATH, 0, 1, "/w/1");
	FREC(&r, SCLOG_FIELD_NAME, 0, 3, "2");
	FREC(&r, SCLOG_FIELD_NAME, 0, 3, "/3");
	FREC(&r, SCLOG_FIELD_NAME, 0, NOARG, "4");
	FREC(&r, SCLOG_FIELD_PATH, 0, NOARG, "/w/4");
	FREC(&r, SCLOG_FIELD_NAME, 0, NOARG, "/5");
	FREC(&r, SCLOG_FIELD_PATH, 0, NOARG, "/five");
	FREC(&r, SCLOG_FIELD_CWD, 0, NOARG, "/w");
	FREC(&r, SCLOG_FIELD_FD_PATH, 0, 0, "/six");
	FREC(&r, SCLOG_FIELD_FD_PATH, 0, 2, "/seven");
	RT(&r, "/w/1", "/w/2", "/3", "/w/4", "/five", "/six", "/seven");

	/* paths without names; an empty name (AT_EMPTY_PATH) */
	frec_init(&r, 262, 0, 0);
	FREC(&r, SCLOG_FIELD_PATH, 0, 1, "/only/path");
	FREC(&r, SCLOG_FIELD_NAME, 0, 1, "");
	FREC(&r, SCLOG_FIELD_FD_PATH, 0, 0, "/dir");
	RT(&r, "/only/path", "/dir");

	/* every byte value but NUL in a path */
	for (int i = 0; i < 255; i++)
		all[i] = (unsigned char)(i + 1);
	all[0] = '/';
	frec_init(&r, 2, 3, 0);
	frec_add(&r, SCLOG_FIELD_NAME, 0, 0, all, sizeof(all));
	frec_add(&r, SCLOG_FIELD_PATH, 0, 0, all, sizeof(all));
	{
		char want[256];
		const char *w[1] = { want };

		memcpy(want, all, sizeof(all));
		want[255] = '\0';
		rt_fields(&r, w, 1, 0, "", 0);
	}
}

/* ------------------------------------------------------------------------ */
/* Round trip of rules */

/* Write r as text and JSON; both read back with this rule and action. */
static void rt_rule(const struct frec *r, const char *rule, unsigned int action)
{
	struct sclog_buf b;
	struct sclog_rec rec;
	struct sclog_event ev;
	struct sclog_lost lost;
	char err[256];

	assert_int_equal(sclog_rec_decode(r->buf, r->len, &rec, NULL),
			 (long)r->len);
	sclog_buf_init(&b);
	for (int json = 0; json < 2; json++) {
		sclog_buf_reset(&b);
		if (json)
			sclog_format_json(&b, &rec);
		else
			sclog_format_text(&b, &rec);
		assert_false(b.oom);
		if (sclog_parse_line(b.data, b.len - 1, &ev, &lost, err,
				     sizeof(err)) != SCLOG_LINE_RECORD)
			fail_msg("%.*s\n  does not read back: %s", (int)b.len - 1,
				 b.data, err);
		assert_string_equal(ev.rule, rule);
		assert_int_equal(ev.action, action);
		sclog_event_clear(&ev);
	}
	sclog_buf_free(&b);
}

static void test_round_trip_rules(void **state)
{
	static const unsigned int acts[] = {
		SCLOG_ACT_LOG, SCLOG_ACT_FAIL, SCLOG_ACT_KILL, SCLOG_ACT_SUSPEND,
	};
	static struct frec r;
	char name[SCLOG_RULE_NAME_MAX + 1];

	(void)state;
	/* every action, with and without a log format */
	for (size_t i = 0; i < 4; i++) {
		frec_init(&r, 87, acts[i] == SCLOG_ACT_FAIL ? -1 : 0,
			  SCLOG_RF_RULE);
		FREC(&r, SCLOG_FIELD_NAME, 0, 0, "./dummy");
		frec_add(&r, SCLOG_FIELD_RULE, 0, acts[i], "rm", 2);
		rt_rule(&r, "rm", acts[i]);
		FREC(&r, SCLOG_FIELD_RULE_FORMAT, 0, NOARG,
		     "%comm : %params delete by %euid --> %suid \"x\\y\"");
		rt_rule(&r, "rm", acts[i]);
	}
	/* every byte a name can hold, the longest name */
	for (int c = 0x21; c < 0x7f; c++) {
		memset(name, c, sizeof(name));
		name[SCLOG_RULE_NAME_MAX] = '\0';
		frec_init(&r, 87, 0, SCLOG_RF_RULE | SCLOG_RF_WATCH);
		frec_add(&r, SCLOG_FIELD_RULE, 0, SCLOG_ACT_FAIL, name,
			 SCLOG_RULE_NAME_MAX);
		rt_rule(&r, name, SCLOG_ACT_FAIL);
	}
	/* malformed rule fields: read back without a rule */
	frec_init(&r, 87, 0, SCLOG_RF_RULE);
	rt_rule(&r, "", 0);
	frec_init(&r, 87, 0, SCLOG_RF_RULE);
	FREC(&r, SCLOG_FIELD_RULE, 0, SCLOG_ACT_LOG, "a b");
	rt_rule(&r, "", 0);
}

/* ------------------------------------------------------------------------ */
/* Record flags: skipped over, the record read all the same */

static void test_flags(void **state)
{
	static const uint16_t flags[] = {
		SCLOG_RF_FIELDS_LOST, SCLOG_RF_SKIPPED, SCLOG_RF_IO_URING,
		SCLOG_RF_WATCH, SCLOG_RF_REFUSED,
		SCLOG_RF_FIELDS_LOST | SCLOG_RF_SKIPPED | SCLOG_RF_IO_URING |
		SCLOG_RF_WATCH | SCLOG_RF_REFUSED,
	};
	/* the ioctl a locked sclog refused, as the formats write it */
	static const char *const lines[] = {
		"2026-11-24T12:36:04.123456789Z cpu=0 seq=1 pid=1 tid=1 ppid=0 "
		"comm=\"sclogctl\" uid=0 euid=0 suid=0 fsuid=0 gid=0 egid=0 "
		"sgid=0 fsgid=0 auid=unset ses=unset dur=1 arch=x86_64 nr=16 "
		"refused=1 call=ioctl(3, 47376, 0x0) = -1 EPERM",
		"{\"seq\":1,\"cpu\":0,\"time\":5,\"pid\":1,\"tid\":1,"
		"\"ppid\":0,\"uid\":0,\"euid\":0,\"suid\":0,\"fsuid\":0,"
		"\"gid\":0,\"egid\":0,\"sgid\":0,\"fsgid\":0,\"auid\":0,"
		"\"ses\":1,\"comm\":\"sclogctl\",\"arch\":\"x86_64\",\"nr\":16,"
		"\"syscall\":\"ioctl\",\"args\":[3,47376,0],\"ret\":-1,"
		"\"errno\":\"EPERM\",\"dur\":1,\"params\":[\"3\",\"47376\","
		"\"0x0\"],\"refused\":true}",
	};
	static struct frec r;
	struct sclog_buf b;
	struct sclog_rec rec;
	struct sclog_event ev;
	struct sclog_lost lost;
	char err[256];

	(void)state;
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		assert_record(lines[i], &ev);
		assert_int_equal(ev.nr, 16);
		assert_string_equal(ev.syscall, "ioctl");
		assert_true(ev.has_ret);
		assert_int_equal(ev.ret, -1);
		sclog_event_clear(&ev);
	}
	sclog_buf_init(&b);
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		frec_init(&r, 16, -1, flags[i]);
		assert_int_equal(sclog_rec_decode(r.buf, r.len, &rec, NULL),
				 (long)r.len);
		for (int json = 0; json < 2; json++) {
			sclog_buf_reset(&b);
			if (json)
				sclog_format_json(&b, &rec);
			else
				sclog_format_text(&b, &rec);
			assert_false(b.oom);
			if (sclog_parse_line(b.data, b.len - 1, &ev, &lost, err,
					     sizeof(err)) != SCLOG_LINE_RECORD)
				fail_msg("%.*s\n  does not read back: %s",
					 (int)b.len - 1, b.data, err);
			assert_int_equal(ev.nr, 16);
			assert_int_equal(ev.ret, -1);
			assert_string_equal(ev.rule, "");
			sclog_event_clear(&ev);
		}
	}
	sclog_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_record),
		cmocka_unit_test(test_json_record),
		cmocka_unit_test(test_not_terminated),
		cmocka_unit_test(test_text_escapes),
		cmocka_unit_test(test_json_escapes),
		cmocka_unit_test(test_failed_and_unknown),
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_text_fields),
		cmocka_unit_test(test_json_fields),
		cmocka_unit_test(test_lost_and_meta),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_err_buffer),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_round_trip_fields),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_round_trip_rules),
		cmocka_unit_test(test_flags),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
