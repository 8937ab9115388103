// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for lib/summary.c: counting, ordering, the bound on keys, and
 * the exact text and JSON it writes.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "record.h"
#include "summary.h"

#define T0 1795782964123456789ULL

static void add(struct sclog_summary *s, uint64_t t, sclog_abi_t abi,
		const char *sc, uint32_t uid, const char *comm, int failed)
{
	sclog_summary_add(s, t, abi, sc, uid, (const unsigned char *)comm,
			  strlen(comm), failed);
}

/* The buffer's contents as a NUL-terminated string (owned by b). */
static const char *str(struct sclog_buf *b)
{
	sclog_buf_add(b, "", 1);
	b->len--;
	assert_false(b->oom);
	return b->data;
}

static struct sclog_summary *sample(void)
{
	struct sclog_summary *s = sclog_summary_new();

	assert_non_null(s);
	add(s, T0 + 5, SCLOG_ABI_X86_64, "openat", 0, "cat", 0);
	add(s, T0, SCLOG_ABI_X86_64, "openat", 1000, "cat", 1);
	add(s, T0 + 9, SCLOG_ABI_I386, "open", 0, "a\"b\n", 0);
	add(s, T0 + 2, SCLOG_ABI_X86_64, "execve", 0, "sh", 0);
	add(s, T0 + 3, SCLOG_ABI_X86_64, "openat", 0, "sh", 1);
	sclog_summary_lost(s, 1, 12);
	sclog_summary_lost(s, 0, 3);
	sclog_summary_lost(s, 1, 1);
	sclog_summary_lost(s, 2, 0);	/* nothing */
	sclog_summary_kernel_dropped(s, 7);
	sclog_summary_kernel_dropped(s, 2);
	return s;
}

static void test_text(void **state)
{
	struct sclog_summary *s = sample();
	struct sclog_buf b;

	(void)state;
	sclog_buf_init(&b);
	sclog_summary_write_text(s, &b, "# ", 0);
	assert_string_equal(str(&b),
		"# summary: 5 records (2 failed) from 2026-11-27T12:36:04.123456789Z"
		" to 2026-11-27T12:36:04.123456798Z, 16 lost, 9 dropped by the kernel\n"
		"# records by syscall:\n"
		"#            3  x86_64:openat (2 failed)\n"
		"#            1  i386:open\n"
		"#            1  x86_64:execve\n"
		"# records by uid:\n"
		"#            4  0\n"
		"#            1  1000\n"
		"# records by comm:\n"
		"#            2  \"cat\"\n"
		"#            2  \"sh\"\n"
		"#            1  \"a\\\"b\\n\"\n"
		"# lost records by CPU:\n"
		"#           13  1\n"
		"#            3  0\n");
	sclog_buf_free(&b);
	sclog_summary_free(s);
}

static void test_text_top(void **state)
{
	struct sclog_summary *s = sample();
	struct sclog_buf b;

	(void)state;
	sclog_buf_init(&b);
	sclog_summary_write_text(s, &b, "", 1);
	assert_string_equal(str(&b),
		"summary: 5 records (2 failed) from 2026-11-27T12:36:04.123456789Z"
		" to 2026-11-27T12:36:04.123456798Z, 16 lost, 9 dropped by the kernel\n"
		"records by syscall:\n"
		"           3  x86_64:openat (2 failed)\n"
		"           2  (2 more)\n"
		"records by uid:\n"
		"           4  0\n"
		"           1  (1 more)\n"
		"records by comm:\n"
		"           2  \"cat\"\n"
		"           3  (2 more)\n"
		"lost records by CPU:\n"
		"          13  1\n"
		"           3  (1 more)\n");
	sclog_buf_free(&b);
	sclog_summary_free(s);
}

static void test_json(void **state)
{
	struct sclog_summary *s = sample();
	struct sclog_buf b;

	(void)state;
	sclog_buf_init(&b);
	sclog_summary_write_json(s, &b);
	assert_string_equal(str(&b),
		"{\"summary\":{\"records\":5,\"failed\":2,"
		"\"first_time\":1795782964123456789,\"last_time\":1795782964123456798,"
		"\"lost_records\":16,\"kernel_dropped\":9,"
		"\"by_syscall\":{\"x86_64:openat\":{\"records\":3,\"failed\":2},"
		"\"i386:open\":{\"records\":1,\"failed\":0},"
		"\"x86_64:execve\":{\"records\":1,\"failed\":0}},"
		"\"by_syscall_other\":{\"records\":0,\"failed\":0},"
		"\"by_uid\":{\"0\":4,\"1000\":1},\"by_uid_other\":0,"
		"\"by_comm\":{\"cat\":2,\"sh\":2,\"a\\\"b\\n\":1},\"by_comm_other\":0,"
		"\"lost_by_cpu\":{\"1\":13,\"0\":3},\"lost_by_cpu_other\":0}}\n");
	sclog_buf_free(&b);
	sclog_summary_free(s);
}

static void test_empty(void **state)
{
	struct sclog_summary *s = sclog_summary_new();
	struct sclog_buf b;

	(void)state;
	assert_non_null(s);
	sclog_buf_init(&b);
	sclog_summary_write_text(s, &b, "# ", 0);
	assert_string_equal(str(&b),
		"# summary: 0 records (0 failed), 0 lost\n"
		"# records by syscall: none\n"
		"# records by uid: none\n"
		"# records by comm: none\n"
		"# lost records by CPU: none\n");
	sclog_buf_reset(&b);
	sclog_summary_write_json(s, &b);
	assert_string_equal(str(&b),
		"{\"summary\":{\"records\":0,\"failed\":0,\"first_time\":null,"
		"\"last_time\":null,\"lost_records\":0,"
		"\"by_syscall\":{},\"by_syscall_other\":{\"records\":0,\"failed\":0},"
		"\"by_uid\":{},\"by_uid_other\":0,\"by_comm\":{},\"by_comm_other\":0,"
		"\"lost_by_cpu\":{},\"lost_by_cpu_other\":0}}\n");
	sclog_buf_free(&b);
	sclog_summary_free(s);
}

/* Beyond SCLOG_SUMMARY_MAX_KEYS distinct keys, records go to "(other)". */
static void test_bound(void **state)
{
	struct sclog_summary *s = sclog_summary_new();
	struct sclog_buf b;
	const char *p;
	uint32_t uid;

	(void)state;
	assert_non_null(s);
	for (uid = 0; uid < SCLOG_SUMMARY_MAX_KEYS + 10; uid++)
		add(s, T0, SCLOG_ABI_X86_64, "openat", uid, "x", uid & 1);
	/* Known keys still count after the table is full. */
	add(s, T0, SCLOG_ABI_X86_64, "openat", 7, "x", 0);
	add(s, T0, SCLOG_ABI_X86_64, "openat", SCLOG_SUMMARY_MAX_KEYS + 100,
	    "x", 0);
	sclog_buf_init(&b);
	sclog_summary_write_text(s, &b, "", 1);
	assert_string_equal(str(&b),
		"summary: 4108 records (2053 failed) from 2026-11-27T12:36:04.123456789Z"
		" to 2026-11-27T12:36:04.123456789Z, 0 lost\n"
		"records by syscall:\n"
		"        4108  x86_64:openat (2053 failed)\n"
		"records by uid:\n"
		"           2  7\n"
		"        4095  (4095 more)\n"
		"          11  (other)\n"
		"records by comm:\n"
		"        4108  \"x\"\n"
		"lost records by CPU: none\n");
	sclog_buf_reset(&b);
	sclog_summary_write_json(s, &b);
	p = strstr(str(&b), "\"by_uid_other\":11,");
	assert_non_null(p);
	sclog_buf_free(&b);
	sclog_summary_free(s);
}

/*
 * Count (abi, nr) with sclog_summary_add() under its name (as sclogd named
 * it before it had sclog_summary_add_call()) into a, and with
 * sclog_summary_add_call() into b.
 */
static void add_both(struct sclog_summary *a, struct sclog_summary *b,
		     sclog_abi_t abi, long nr, int failed)
{
	const char *name = sclog_syscall_name(abi, nr);
	char nbuf[32];

	if (!name) {
		snprintf(nbuf, sizeof(nbuf), "syscall_%ld", nr);
		name = nbuf;
	}
	sclog_summary_add(a, T0 + (uint64_t)nr, abi, name, 0,
			  (const unsigned char *)"w", 1, failed);
	sclog_summary_add_call(b, T0 + (uint64_t)nr, abi, nr, 0,
			       (const unsigned char *)"w", 1, failed);
}

static void assert_same_summary(const struct sclog_summary *a,
				const struct sclog_summary *b)
{
	struct sclog_buf ba, bb;

	sclog_buf_init(&ba);
	sclog_buf_init(&bb);
	sclog_summary_write_text(a, &ba, "", 0);
	sclog_summary_write_text(b, &bb, "", 0);
	assert_string_equal(str(&ba), str(&bb));
	sclog_buf_reset(&ba);
	sclog_buf_reset(&bb);
	sclog_summary_write_json(a, &ba);
	sclog_summary_write_json(b, &bb);
	assert_string_equal(str(&ba), str(&bb));
	sclog_buf_free(&ba);
	sclog_buf_free(&bb);
}

/* Calls counted again after the table changed: x86_64 and i386 ones. */
static void add_known(struct sclog_summary *a, struct sclog_summary *b)
{
	static const long nrs[] = { 0, 1, 2, 39, 257, 9999 };
	size_t i;

	for (i = 0; i < sizeof(nrs) / sizeof(nrs[0]); i++) {
		add_both(a, b, SCLOG_ABI_X86_64, nrs[i], (int)(i & 1));
		add_both(a, b, SCLOG_ABI_I386, nrs[i], 0);
	}
}

/*
 * sclog_summary_add_call() counts what sclog_summary_add() counts under the
 * call's name: calls with and without names, in every ABI, numbers that
 * share a slot of its cache, calls it remembers while the table grows (its
 * slots move: keys of ABI 7, which has no names, never take the cache
 * slots of the x86_64 and i386 calls), and once the table is full.
 */
static void test_add_call(void **state)
{
	struct sclog_summary *a = sclog_summary_new(), *b = sclog_summary_new();
	long nr, i;

	(void)state;
	assert_non_null(a);
	assert_non_null(b);
	for (nr = -2; nr < 600; nr++) {
		add_both(a, b, SCLOG_ABI_X32, nr, 0);
		/* A run of one call, and one that shares its slot. */
		add_both(a, b, SCLOG_ABI_X86_64, 40, 0);
		add_both(a, b, SCLOG_ABI_X86_64, 40 + 256 / 4, 1);
	}
	for (i = 0; i < 3; i++)
		add_known(a, b);
	for (nr = 0; nr < 1000; nr++) {
		add_both(a, b, 7, nr, 0);
		if (nr % 100 == 0)
			add_known(a, b);
	}
	assert_same_summary(a, b);
	/* Past SCLOG_SUMMARY_MAX_KEYS keys: the rest go to "(other)". */
	for (nr = 1000; nr < SCLOG_SUMMARY_MAX_KEYS; nr++)
		add_both(a, b, 7, nr, 0);
	for (i = 0; i < 3; i++) {
		add_known(a, b);
		for (nr = 5000; nr < 5010; nr++)
			add_both(a, b, SCLOG_ABI_X86_64, nr, 1);
	}
	assert_same_summary(a, b);
	sclog_summary_free(a);
	sclog_summary_free(b);
}

/* Long names and comms are cut, never overflow; unknown ABIs show "?". */
static void test_odd_keys(void **state)
{
	struct sclog_summary *s = sclog_summary_new();
	char longname[200];
	unsigned char comm[40];
	struct sclog_buf b;

	(void)state;
	assert_non_null(s);
	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	memset(comm, 0xff, sizeof(comm));
	sclog_summary_add(s, T0, 99, longname, 0, comm, sizeof(comm), 0);
	sclog_summary_add(s, T0, SCLOG_ABI_X32, NULL, 0, comm, 0, 0);
	sclog_buf_init(&b);
	sclog_summary_write_text(s, &b, "", 0);
	assert_string_equal(str(&b),
		"summary: 2 records (0 failed) from 2026-11-27T12:36:04.123456789Z"
		" to 2026-11-27T12:36:04.123456789Z, 0 lost\n"
		"records by syscall:\n"
		"           1  ?:nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn\n"
		"           1  x32:?\n"
		"records by uid:\n"
		"           2  0\n"
		"records by comm:\n"
		"           1  \"\"\n"
		"           1  \"\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff"
		"\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\"\n"
		"lost records by CPU: none\n");
	sclog_buf_free(&b);
	sclog_summary_free(s);
}

/* Records that name rules: tables by rule (name and action) and by action. */
static void rule(struct sclog_summary *s, const char *name, unsigned int act,
		 int failed)
{
	add(s, T0, SCLOG_ABI_X86_64, "unlink", 0, "rm", failed);
	sclog_summary_rule(s, (const unsigned char *)name, strlen(name), act,
			   failed);
}

static void test_rules(void **state)
{
	struct sclog_summary *s = sclog_summary_new();
	char longname[100];
	struct sclog_buf b;

	(void)state;
	assert_non_null(s);
	rule(s, "no-rm", SCLOG_ACT_FAIL, 1);
	rule(s, "rm-log", SCLOG_ACT_LOG, 0);
	rule(s, "no-rm", SCLOG_ACT_FAIL, 1);
	/* the same name with another action (the table was replaced) */
	rule(s, "no-rm", SCLOG_ACT_KILL, 0);
	rule(s, "a\"b", SCLOG_ACT_SUSPEND, 0);
	/* a record without a rule */
	add(s, T0, SCLOG_ABI_X86_64, "unlink", 0, "rm", 0);
	/* an action no record names: its number; a name cut to 64 bytes */
	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	rule(s, longname, 9, 0);
	sclog_buf_init(&b);
	sclog_summary_write_text(s, &b, "# ", 0);
	assert_string_equal(str(&b),
		"# summary: 7 records (2 failed) from 2026-11-27T12:36:04.123456789Z"
		" to 2026-11-27T12:36:04.123456789Z, 0 lost\n"
		"# records by syscall:\n"
		"#            7  x86_64:unlink (2 failed)\n"
		"# records by uid:\n"
		"#            7  0\n"
		"# records by comm:\n"
		"#            7  \"rm\"\n"
		"# records by rule:\n"
		"#            2  no-rm (fail)\n"
		"#            1  a\\\"b (suspend)\n"
		"#            1  nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn (9)\n"
		"#            1  no-rm (kill)\n"
		"#            1  rm-log (log)\n"
		"# records by rule action:\n"
		"#            2  fail\n"
		"#            1  log\n"
		"#            1  kill\n"
		"#            1  suspend\n"
		"#            1  9\n"
		"# lost records by CPU: none\n");
	sclog_buf_reset(&b);
	sclog_summary_write_text(s, &b, "", 1);
	assert_non_null(strstr(str(&b),
		"records by rule:\n"
		"           2  no-rm (fail)\n"
		"           4  (4 more)\n"
		"records by rule action:\n"
		"           2  fail\n"
		"           4  (4 more)\n"
		"lost records by CPU: none\n"));
	sclog_buf_reset(&b);
	sclog_summary_write_json(s, &b);
	assert_non_null(strstr(str(&b),
		"\"by_comm\":{\"rm\":7},\"by_comm_other\":0,"
		"\"by_rule\":[{\"rule\":\"no-rm\",\"action\":\"fail\","
		"\"records\":2,\"failed\":2},{\"rule\":\"a\\\"b\","
		"\"action\":\"suspend\",\"records\":1,\"failed\":0},"
		"{\"rule\":\"nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn\","
		"\"action\":\"9\",\"records\":1,\"failed\":0},"
		"{\"rule\":\"no-rm\",\"action\":\"kill\",\"records\":1,\"failed\":0},"
		"{\"rule\":\"rm-log\",\"action\":\"log\",\"records\":1,\"failed\":0}],"
		"\"by_rule_other\":0,\"by_action\":{\"fail\":2,\"log\":1,\"kill\":1,"
		"\"suspend\":1,\"9\":1},\"lost_by_cpu\":{}"));
	sclog_buf_free(&b);
	sclog_summary_free(s);
}

/* Without rules, no rule tables (test_text, test_json); many rules:
 * "(other)" beyond the bound. */
static void test_rules_bound(void **state)
{
	struct sclog_summary *s = sclog_summary_new();
	struct sclog_buf b;
	char name[16];

	(void)state;
	assert_non_null(s);
	for (int i = 0; i < SCLOG_SUMMARY_MAX_KEYS + 3; i++) {
		snprintf(name, sizeof(name), "r%d", i);
		rule(s, name, SCLOG_ACT_LOG, 0);
	}
	sclog_buf_init(&b);
	sclog_summary_write_text(s, &b, "", 1);
	assert_non_null(strstr(str(&b),
		"records by rule:\n"
		"           1  r0 (log)\n"
		"        4095  (4095 more)\n"
		"           3  (other)\n"
		"records by rule action:\n"
		"        4099  log\n"));
	sclog_buf_reset(&b);
	sclog_summary_write_json(s, &b);
	assert_non_null(strstr(str(&b), "],\"by_rule_other\":3,\"by_action\":{\"log\":4099}"));
	sclog_buf_free(&b);
	sclog_summary_free(s);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_text_top),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_bound),
		cmocka_unit_test(test_odd_keys),
		cmocka_unit_test(test_add_call),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_rules_bound),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("summary", tests, NULL, NULL);
}
