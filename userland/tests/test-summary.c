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
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_rules_bound),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("summary", tests, NULL, NULL);
}
