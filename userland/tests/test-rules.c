// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the rules compiler and decompiler (lib/rules*.c), see
 * rules.h and sclog.rules(5):
 *   - every error the compiler says, with its exact "file:line:column:
 *     message", and that nothing is made then;
 *   - the rules files of tests/rules/ (every field, operator, constant,
 *     action, call list...): each compiles without a message, decompiles to
 *     its .canon file, which compiles to the same table byte for byte and
 *     decompiles to itself;
 *   - the table's layout, spelled out from <linux/sclog.h> by a builder of
 *     its own here, and each call entry's path argument and argument
 *     widths;
 *   - every check of sclog_rules_validate(), on tables with one field
 *     wrong; tables this compiler would not make decompile into rules that
 *     are a fixed point.
 *
 * Environment: SCLOG_RULES_DIR, the directory of the rules files.
 */

#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "decode.h"
#include "rules.h"

/* ------------------------------------------------------------------------ */
/* Helpers */

struct compiled {
	int rc;
	struct sclog_rules *table;
	size_t size;
	struct sclog_rules_msgs msgs;
};

static void compile(const char *text, size_t len, struct compiled *c)
{
	c->table = (void *)1;	/* must be set */
	c->size = 1;
	c->rc = sclog_rules_compile(text, len, "f", &c->table, &c->size,
				    &c->msgs);
}

static void release(struct compiled *c)
{
	free(c->table);
	sclog_rules_msgs_free(&c->msgs);
}

/* text must fail to compile with exactly these messages. */
static void expect_errors(const char *text, size_t len, const char *want)
{
	struct compiled c;

	compile(text, len, &c);
	if (c.rc != -1 || !c.msgs.text || strcmp(c.msgs.text, want))
		fail_msg("rc %d, messages:\n%s\nexpected:\n%s", c.rc,
			 c.msgs.text ? c.msgs.text : "(none)", want);
	assert_null(c.table);
	assert_int_equal(c.size, 0);
	assert_true(c.msgs.errors >= 1);
	assert_int_equal(c.msgs.len, strlen(c.msgs.text));
	release(&c);
}

/* text must compile, with exactly these warnings (NULL: none). */
static void expect_ok(const char *text, size_t len, const char *warnings,
		      struct compiled *c)
{
	compile(text, len, c);
	if (c->rc != 0)
		fail_msg("does not compile:\n%s", c->msgs.text);
	assert_non_null(c->table);
	assert_int_equal(c->msgs.errors, 0);
	if (!warnings) {
		assert_null(c->msgs.text);
		assert_int_equal(c->msgs.warnings, 0);
	} else if (!c->msgs.text || strcmp(c->msgs.text, warnings)) {
		fail_msg("warnings:\n%s\nexpected:\n%s",
			 c->msgs.text ? c->msgs.text : "(none)", warnings);
	}
	assert_int_equal(sclog_rules_validate(c->table, c->size, NULL, 0), 0);
}

static char *decompile(const void *table, size_t size)
{
	char err[256] = "", *text = NULL;
	size_t len = 0;

	if (sclog_rules_decompile(table, size, &text, &len, err, sizeof(err)))
		fail_msg("decompile: %s", err);
	assert_int_equal(len, strlen(text));
	return text;
}

/* The table compiles to itself through its text, which is canonical. */
static void expect_round_trip(const struct sclog_rules *table, size_t size,
			      const char *canon)
{
	struct compiled again;
	char *text = decompile(table, size), *text2;

	if (canon && strcmp(text, canon))
		fail_msg("decompiled:\n%s\nexpected:\n%s", text, canon);
	compile(text, strlen(text), &again);
	if (again.rc)
		fail_msg("the decompiled text does not compile:\n%s\n%s",
			 again.msgs.text, text);
	assert_int_equal(again.size, size);
	assert_memory_equal(again.table, table, size);
	text2 = decompile(again.table, again.size);
	assert_string_equal(text2, text);
	free(text2);
	free(text);
	release(&again);
}

/* A malloc'd string of n copies of s, between head and tail. */
static char *repeat(const char *head, const char *s, size_t n,
		    const char *tail)
{
	size_t hl = strlen(head), sl = strlen(s), tl = strlen(tail);
	char *out = malloc(hl + n * sl + tl + 1), *p;

	assert_non_null(out);
	memcpy(out, head, hl);
	p = out + hl;
	for (size_t i = 0; i < n; i++, p += sl)
		memcpy(p, s, sl);
	memcpy(p, tail, tl + 1);
	return out;
}

/* ------------------------------------------------------------------------ */
/* Errors: each with its exact messages */

struct error_case {
	const char *name;
	const char *text;
	size_t len;
	const char *msgs;
};

#define CASE(n, t, m) { n, t, sizeof(t) - 1, m }

/*
 * The rules around the error are small; each error's line is short, so
 * that its column is easy to check by eye.
 */
static const struct error_case error_cases[] = {
	CASE("stray_char",
	     "rule $ {"
	     ,
	     "f:1:6: unexpected character '$'\n"
	     "f:1:9: unexpected end of file, expected syscall_name, arch, rule_name, filter_expression, action, when or '}'\n"),
	CASE("stray_byte",
	     "rule {\x80""}"
	     ,
	     "f:1:7: unexpected byte 0x80\n"),
	CASE("stray_nul",
	     "rule {\x00""}"
	     ,
	     "f:1:7: unexpected byte 0x00\n"),
	CASE("tab_in_format",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG log_format { a\tb } }\n"
	     "}\n"
	     ,
	     "f:4:36: tab in a log format (only printable ASCII)\n"),
	CASE("byte_in_format",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG log_format { a\x01""b } }\n"
	     "}\n"
	     ,
	     "f:4:36: unexpected byte 0x01 in a log format (only printable ASCII)\n"),
	CASE("brace_in_format",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG log_format { a{b } }\n"
	     "}\n"
	     ,
	     "f:4:36: '{' in a log format (a log format cannot hold braces; log_format = \"...\" can)\n"),
	CASE("format_not_closed_line",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG log_format { abc\n"
	     " } }\n"
	     "}\n"
	     ,
	     "f:4:33: log format not closed: '}' missing before the end of the line\n"
	     "f:6:1: unexpected '}', expected end of file or rule\n"),
	CASE("format_not_closed_file",
	     "rule { action { log_format { abc"
	     ,
	     "f:1:28: log format not closed: '}' missing before the end of the file\n"
	     "f:1:33: unexpected end of file, expected type, error_code, log_format or '}'\n"),
	CASE("unknown_escape",
	     "rule {\n"
	     " syscall_name = open\n"
	     " action { type = LOG }\n"
	     " rule_name = \"a\\qb\"\n"
	     "}\n"
	     ,
	     "f:4:16: unknown escape '\\q' in a string (\\\" \\\\ \\n \\t \\xHH)\n"),
	CASE("unknown_escape_byte",
	     "rule {\n"
	     " syscall_name = open\n"
	     " action { type = LOG }\n"
	     " rule_name = \"a\\\x01""b\"\n"
	     "}\n"
	     ,
	     "f:4:16: unknown escape '\\' + byte 0x01 in a string (\\\" \\\\ \\n \\t \\xHH)\n"),
	CASE("escape_nul",
	     "rule {\n"
	     " syscall_name = open\n"
	     " action { type = LOG }\n"
	     " rule_name = \"a\\x00b\"\n"
	     "}\n"
	     ,
	     "f:4:16: '\\x00' in a string: strings cannot hold NUL\n"),
	CASE("raw_nul_in_string",
	     "rule {\n"
	     " syscall_name = open\n"
	     " action { type = LOG }\n"
	     " rule_name = \"a\0b\"\n"
	     "}\n"
	     ,
	     "f:4:16: NUL byte in a string: strings cannot hold NUL\n"),
	CASE("escape_x_one_digit",
	     "rule {\n"
	     " syscall_name = open\n"
	     " action { type = LOG }\n"
	     " rule_name = \"a\\x4\"\n"
	     "}\n"
	     ,
	     "f:4:16: '\\x4' in a string: \\x takes two hex digits\n"),
	CASE("escape_x_no_digit",
	     "rule {\n"
	     " syscall_name = open\n"
	     " action { type = LOG }\n"
	     " rule_name = \"a\\xg\"\n"
	     "}\n"
	     ,
	     "f:4:16: '\\x' in a string: \\x takes two hex digits\n"),
	CASE("string_not_closed_line",
	     "rule {\n"
	     " syscall_name = open\n"
	     " action { type = LOG }\n"
	     " rule_name = \"abc\n"
	     "\n"
	     "}\n"
	     ,
	     "f:4:14: string not closed before the end of the line\n"),
	CASE("string_not_closed_file",
	     "rule { rule_name = \"abc"
	     ,
	     "f:1:20: string not closed before the end of the file\n"
	     "f:1:24: unexpected end of file, expected syscall_name, arch, rule_name, filter_expression, action, when or '}'\n"),
	CASE("top_level_word",
	     "foo\n"
	     "rule { }"
	     ,
	     "f:1:1: unexpected 'foo', expected end of file or rule\n"
	     "f:2:1: rule without syscall_name\n"
	     "f:2:1: rule without rule_name\n"
	     "f:2:1: rule without action\n"),
	CASE("rule_without_brace",
	     "rule foo"
	     ,
	     "f:1:6: unexpected 'foo', expected '{'\n"),
	CASE("no_calls",
	     "rule {\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " syscall_name = \n"
	     "}\n"
	     ,
	     "f:5:1: unexpected '}', expected a name, a number or '*'\n"),
	CASE("missing_operator",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " filter_expression { UID }\n"
	     "}\n"
	     ,
	     "f:5:26: unexpected '}', expected prefix, glob, in, '==', '!=', '<=', '>=', '[', '<', '>' or '&'\n"),
	CASE("missing_operand",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " filter_expression { UID == }\n"
	     "}\n"
	     ,
	     "f:5:29: unexpected '}', expected a name, a number, a string or '-'\n"),
	CASE("dangling_and",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " filter_expression { UID == 0 && }\n"
	     "}\n"
	     ,
	     "f:5:34: unexpected '}', expected a name, '!' or '('\n"),
	CASE("unbalanced_paren",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " filter_expression { UID == 0 ) }\n"
	     "}\n"
	     ,
	     "f:5:31: unexpected ')', expected '&&', '||', '}' or '|'\n"),
	CASE("in_with_number",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " filter_expression { COMM in (1) }\n"
	     "}\n"
	     ,
	     "f:5:31: unexpected '1', expected a string\n"),
	CASE("two_strings",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " filter_expression { COMM == \"a\" \"b\" }\n"
	     "}\n"
	     ,
	     "f:5:34: unexpected string, expected '&&', '||' or '}'\n"),
	CASE("format_needs_brace",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { log_format = x type = LOG }\n"
	     "}\n"
	     ,
	     "f:4:24: unexpected 'x', expected a string\n"),
	CASE("negative_index",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " filter_expression { PARAMS[-1] == 0 }\n"
	     "}\n"
	     ,
	     "f:5:29: unexpected '-', expected a number\n"),
	CASE("unknown_key",
	     "rule {\n"
	     " syscal_name = open\n"
	     "}\n"
	     ,
	     "f:2:2: unexpected 'syscal_name', expected syscall_name, arch, rule_name, filter_expression, action, when or '}'\n"),
	CASE("missing_close",
	     "rule {\n"
	     " syscall_name = open\n"
	     ,
	     "f:3:1: unexpected end of file, expected a name, a number, '*', syscall_name, arch, rule_name, filter_expression, action, when, '}' or ','\n"),
	CASE("long_token",
	     "rule {\n"
	     " a_very_long_word_that_goes_on_and_on_and_on_and_on = 1\n"
	     "}\n"
	     ,
	     "f:2:2: unexpected 'a_very_long_word_that_goes_on_and_on_an...', expected syscall_name, arch, rule_name, filter_expression, action, when or '}'\n"),
	CASE("unexpected_format",
	     "rule {\n"
	     " rule_name { x }\n"
	     "}\n"
	     ,
	     "f:2:12: unexpected '{', expected '='\n"),
	CASE("recovery_next_rule",
	     "rule { syscall_name = = }\n"
	     "rule { rule_name = x }\n"
	     ,
	     "f:1:23: unexpected '=', expected a name, a number or '*'\n"
	     "f:2:1: rule without syscall_name\n"
	     "f:2:1: rule without action\n"),
	CASE("dup_syscall_name",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " syscall_name = openat\n"
	     "}\n"
	     ,
	     "f:5:2: syscall_name given twice (first at line 2, column 2)\n"),
	CASE("dup_rule_name",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " rule_name = s\n"
	     "}\n"
	     ,
	     "f:5:2: rule_name given twice (first at line 3, column 2)\n"),
	CASE("dup_arch",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " arch = i386\n"
	     " arch = x32\n"
	     "}\n"
	     ,
	     "f:6:2: arch given twice (first at line 5, column 2)\n"),
	CASE("dup_filter",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " filter_expression { }\n"
	     " filter_expression { UID == 0 }\n"
	     "}\n"
	     ,
	     "f:6:2: filter_expression given twice (first at line 5, column 2)\n"),
	CASE("dup_action",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " action { type = LOG }\n"
	     "}\n"
	     ,
	     "f:5:2: action given twice (first at line 4, column 2)\n"),
	CASE("dup_when",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " when = after\n"
	     " when = before\n"
	     "}\n"
	     ,
	     "f:6:2: when given twice (first at line 5, column 2)\n"),
	CASE("dup_type",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG type = IGNORE }\n"
	     "}\n"
	     ,
	     "f:4:22: type given twice (first at line 4, column 11)\n"),
	CASE("dup_error_code",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = FAIL error_code = 1 error_code = 2 }\n"
	     "}\n"
	     ,
	     "f:4:38: error_code given twice (first at line 4, column 23)\n"),
	CASE("dup_log_format",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG log_format { a } log_format = \"b\" }\n"
	     "}\n"
	     ,
	     "f:4:39: log_format given twice (first at line 4, column 22)\n"),
	CASE("missing_keys",
	     "rule {\n"
	     "}\n"
	     ,
	     "f:1:1: rule without syscall_name\n"
	     "f:1:1: rule without rule_name\n"
	     "f:1:1: rule without action\n"),
	CASE("missing_type",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { }\n"
	     "}\n"
	     ,
	     "f:4:2: action without type\n"),
	CASE("name_empty",
	     "rule {\n"
	     " syscall_name = open\n"
	     " action { type = LOG }\n"
	     " rule_name = \"\"\n"
	     "}\n"
	     ,
	     "f:4:14: rule_name is empty\n"),
	CASE("name_space",
	     "rule {\n"
	     " syscall_name = open\n"
	     " action { type = LOG }\n"
	     " rule_name = \"a b\"\n"
	     "}\n"
	     ,
	     "f:4:14: rule_name holds a space (printable ASCII without spaces)\n"),
	CASE("name_byte",
	     "rule {\n"
	     " syscall_name = open\n"
	     " action { type = LOG }\n"
	     " rule_name = \"a\\tb\"\n"
	     "}\n"
	     ,
	     "f:4:14: rule_name holds byte 0x09 (printable ASCII without spaces)\n"),
	CASE("name_dup",
	     "rule { syscall_name = open rule_name = x action { type = LOG } }\n"
	     "rule { syscall_name = open rule_name = y action { type = LOG } }\n"
	     "rule { syscall_name = open rule_name = x action { type = LOG } }\n"
	     "rule { syscall_name = open rule_name = x action { type = LOG } }\n"
	     ,
	     "f:3:40: rule_name 'x' given to another rule already (at line 1, column 40)\n"
	     "f:4:40: rule_name 'x' given to another rule already (at line 1, column 40)\n"),
	CASE("when_unknown",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " when = later\n"
	     "}\n"
	     ,
	     "f:5:9: unknown when 'later' (before or after)\n"),
	CASE("type_unknown",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = log }\n"
	     "}\n"
	     ,
	     "f:4:18: unknown action type 'log' (LOG, IGNORE, FAIL, KILL or SUSPEND)\n"),
	CASE("fail_no_error",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = FAIL }\n"
	     "}\n"
	     ,
	     "f:4:18: FAIL needs an error_code (an errno name such as EPERM, or its number)\n"),
	CASE("fail_after",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " when = after\n"
	     " action { type = FAIL error_code = EPERM }\n"
	     "}\n"
	     ,
	     "f:4:9: FAIL acts before the call runs: it cannot be when = after\n"),
	CASE("error_without_fail",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG error_code = EPERM }\n"
	     "}\n"
	     ,
	     "f:4:22: error_code is only for type = FAIL\n"),
	CASE("error_unknown_name",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = FAIL error_code = EPERN }\n"
	     "}\n"
	     ,
	     "f:4:36: unknown errno name 'EPERN' (such as EPERM or ENOENT)\n"),
	CASE("error_zero",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = FAIL error_code = 0 }\n"
	     "}\n"
	     ,
	     "f:4:36: error_code 0: an errno number is 1 to 4095 (-1 is EPERM)\n"),
	CASE("error_big",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = FAIL error_code = 4096 }\n"
	     "}\n"
	     ,
	     "f:4:36: error_code 4096: an errno number is 1 to 4095 (-1 is EPERM)\n"),
	CASE("error_big_negative",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = FAIL error_code = -4096 }\n"
	     "}\n"
	     ,
	     "f:4:36: error_code -4096: an errno number is 1 to 4095 (-1 is EPERM)\n"),
	CASE("error_overflow",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = FAIL error_code = 99999999999999999999 }\n"
	     "}\n"
	     ,
	     "f:4:36: number '99999999999999999999' is too large (at most 0xffffffffffffffff)\n"),
	CASE("error_not_number",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = FAIL error_code = 09 }\n"
	     "}\n"
	     ,
	     "f:4:36: '09' is not a number (a leading 0 means octal)\n"),
	CASE("format_not_log",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = KILL log_format { %comm } }\n"
	     "}\n"
	     ,
	     "f:4:23: log_format is only for type = LOG\n"),
	CASE("format_empty",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG log_format { } }\n"
	     "}\n"
	     ,
	     "f:4:33: log_format is empty\n"),
	CASE("format_string_newline",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG log_format = \"a\\nb\" }\n"
	     "}\n"
	     ,
	     "f:4:35: log_format holds byte 0x0a (printable ASCII)\n"),
	CASE("arch_unknown",
	     "rule {\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " arch = arm64\n"
	     " syscall_name = open\n"
	     "}\n"
	     ,
	     "f:4:9: unknown ABI 'arm64' (x86_64, i386 or x32)\n"),
	CASE("star_with_others",
	     "rule {\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " syscall_name = open *\n"
	     "}\n"
	     ,
	     "f:4:22: '*' names every system call: list it alone\n"),
	CASE("bare_number",
	     "rule {\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " syscall_name = 257\n"
	     "}\n"
	     ,
	     "f:4:17: system call 257: a number needs its ABI (x86_64:257)\n"),
	CASE("abi_unknown",
	     "rule {\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " syscall_name = arm64:open\n"
	     "}\n"
	     ,
	     "f:4:17: 'arm64:open': unknown ABI (x86_64, i386 or x32)\n"),
	CASE("abi_not_in_arch",
	     "rule {\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " arch = x86_64\n"
	     " syscall_name = i386:open\n"
	     "}\n"
	     ,
	     "f:5:17: 'i386:open': i386 is not in this rule's arch\n"),
	CASE("abi_empty_name",
	     "rule {\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " syscall_name = i386:\n"
	     "}\n"
	     ,
	     "f:4:17: 'i386:': no system call after the ABI\n"),
	CASE("abi_number_range",
	     "rule {\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " syscall_name = x86_64:1024\n"
	     "}\n"
	     ,
	     "f:4:17: 'x86_64:1024': a system call number is decimal, 0 to 1023\n"),
	CASE("abi_number_zero",
	     "rule {\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " syscall_name = x86_64:0257\n"
	     "}\n"
	     ,
	     "f:4:17: 'x86_64:0257': a system call number is decimal, 0 to 1023\n"),
	CASE("call_typo",
	     "rule {\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " syscall_name = unlnk\n"
	     "}\n"
	     ,
	     "f:4:17: unknown system call 'unlnk' (did you mean 'unlink'?)\n"),
	CASE("call_unknown",
	     "rule {\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " syscall_name = zzzzzzzzzz\n"
	     "}\n"
	     ,
	     "f:4:17: unknown system call 'zzzzzzzzzz'\n"),
	CASE("call_other_abi",
	     "rule {\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " arch = x86_64 x32\n"
	     " syscall_name = mmap2\n"
	     "}\n"
	     ,
	     "f:5:17: 'mmap2' is not a system call of this rule's arch (it is one of i386)\n"),
	CASE("call_abi_other_abi",
	     "rule {\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " syscall_name = x86_64:mmap2\n"
	     "}\n"
	     ,
	     "f:4:17: 'mmap2' is not a system call of x86_64 (it is one of i386)\n"),
	CASE("field_typo",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " filter_expression { uid == 0 }\n"
	     "}\n"
	     ,
	     "f:5:22: unknown field 'uid' (did you mean 'UID'?)\n"),
	CASE("field_unknown",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " filter_expression { WHO == 0 }\n"
	     "}\n"
	     ,
	     "f:5:22: unknown field 'WHO' (PID, TID, PPID, UID, EUID, SUID, FSUID, GID, EGID, SGID, FSGID, AUID, COMM, ARCH, RETVAL, PARAMS[n] or PATH)\n"),
	CASE("params_no_index",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " filter_expression { PARAMS == 0 }\n"
	     "}\n"
	     ,
	     "f:5:22: PARAMS needs an argument number: PARAMS[1] to PARAMS[6]\n"),
	CASE("params_index_0",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " filter_expression { PARAMS[0] == 0 }\n"
	     "}\n"
	     ,
	     "f:5:29: PARAMS[0]: arguments are numbered 1 to 6\n"),
	CASE("params_index_7",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " filter_expression { PARAMS[7] == 0 }\n"
	     "}\n"
	     ,
	     "f:5:29: PARAMS[7]: arguments are numbered 1 to 6\n"),
	CASE("index_not_params",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " filter_expression { UID[1] == 0 }\n"
	     "}\n"
	     ,
	     "f:5:26: UID takes no [index]\n"),
	CASE("retval_before",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " filter_expression { RETVAL < 0 }\n"
	     "}\n"
	     ,
	     "f:5:22: RETVAL is known only after the call: this rule is evaluated before it (add when = after)\n"),
	CASE("in_on_integer",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " filter_expression { UID in (\"a\") }\n"
	     "}\n"
	     ,
	     "f:5:26: 'in' compares strings: UID is an integer\n"),
	CASE("prefix_on_integer",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " filter_expression { PID prefix \"1\" }\n"
	     "}\n"
	     ,
	     "f:5:26: 'prefix' compares strings: PID is an integer\n"),
	CASE("glob_with_number",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " filter_expression { COMM glob 1 }\n"
	     "}\n"
	     ,
	     "f:5:32: 'glob' compares strings, not numbers\n"),
	CASE("integer_with_string",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " filter_expression { UID == \"root\" }\n"
	     "}\n"
	     ,
	     "f:5:29: UID is an integer: compare it with a number, not a string\n"),
	CASE("string_with_number",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " filter_expression { COMM != 0 }\n"
	     "}\n"
	     ,
	     "f:5:30: COMM is a string: compare it with a string, not a number\n"),
	CASE("lt_on_string",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " filter_expression { PATH < \"/x\" }\n"
	     "}\n"
	     ,
	     "f:5:27: '<' compares integers: PATH is a string\n"),
	CASE("lt_with_string",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " filter_expression { PARAMS[1] >= \"/x\" }\n"
	     "}\n"
	     ,
	     "f:5:35: '>=' compares integers, not strings\n"),
	CASE("mask_with_string",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " filter_expression { PARAMS[1] & \"/x\" }\n"
	     "}\n"
	     ,
	     "f:5:34: '&' compares integers, not strings\n"),
	CASE("unknown_constant",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " filter_expression { PARAMS[2] & O_WRONGLY }\n"
	     "}\n"
	     ,
	     "f:5:34: unknown constant 'O_WRONGLY'\n"),
	CASE("arch_unknown_abi",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " filter_expression { ARCH == arm64 }\n"
	     "}\n"
	     ,
	     "f:5:30: unknown ABI 'arm64' (ARCH is x86_64, i386 or x32)\n"),
	CASE("number_too_large",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " filter_expression { UID == 18446744073709551616 }\n"
	     "}\n"
	     ,
	     "f:5:29: number '18446744073709551616' is too large (at most 0xffffffffffffffff)\n"),
	CASE("number_too_small",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " filter_expression { UID == -9223372036854775809 }\n"
	     "}\n"
	     ,
	     "f:5:29: number '-9223372036854775809' is too small (at least -9223372036854775808)\n"),
	CASE("number_bad_octal",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " filter_expression { UID == 08 }\n"
	     "}\n"
	     ,
	     "f:5:29: '08' is not a number (a leading 0 means octal)\n"),
	CASE("several_in_one",
	     "rule {\n"
	     " syscall_name = open\n"
	     " rule_name = r\n"
	     " action { type = LOG }\n"
	     " arch = arm\n"
	     " filter_expression { UIDD == 0 || COMM == 1 || PARAMS[9] == 2 }\n"
	     "}\n"
	     ,
	     "f:5:9: unknown ABI 'arm' (x86_64, i386 or x32)\n"
	     "f:6:22: unknown field 'UIDD' (did you mean 'UID'?)\n"
	     "f:6:43: COMM is a string: compare it with a string, not a number\n"
	     "f:6:55: PARAMS[9]: arguments are numbered 1 to 6\n"),
	CASE("messages_in_order",
	     "rule {\n"
	     " rule_name = \"a\\q\"\n"
	     " syscall_name = opne\n"
	     " action { type = LOG } $\n"
	     "}\n"
	     ,
	     "f:2:16: unknown escape '\\q' in a string (\\\" \\\\ \\n \\t \\xHH)\n"
	     "f:4:24: unexpected character '$'\n"),
};

static void test_error_case(void **state)
{
	const struct error_case *ec = *state;

	expect_errors(ec->text, ec->len, ec->msgs);
}

/* The prefix of a rule whose filter starts at line 5, column 22. */
#define FILTER_HEAD "rule {\n syscall_name = open\n rule_name = r\n action { type = LOG }\n filter_expression { "
#define FILTER_TAIL " }\n}\n"

static void test_limits_errors(void **state)
{
	char *text, want[256];

	(void)state;
	/* deeper than bison's stack: the column is that of the last '(' taken */
	text = repeat(FILTER_HEAD, "(", 5000, "UID == 0");
	expect_errors(text, strlen(text), "f:5:4013: nested too deeply for the parser\n");
	free(text);

	text = repeat("rule {\n syscall_name = open\n action { type = LOG }\n rule_name = ",
		      "a", 65, "\n}\n");
	expect_errors(text, strlen(text), "f:4:14: rule_name of 65 bytes: at most 64\n");
	free(text);

	text = repeat("rule {\n syscall_name = open\n rule_name = r\n action { type = LOG log_format { ",
		      "x", 513, " } }\n}\n");
	expect_errors(text, strlen(text), "f:4:33: log_format of 513 bytes: at most 512\n");
	free(text);

	text = repeat(FILTER_HEAD "COMM == \"", "x", 4096, "\"" FILTER_TAIL);
	expect_errors(text, strlen(text), "f:5:30: string of 4096 bytes: at most 4095\n");
	free(text);

	/* 16 strings of 4000 bytes fit in 65536, the 17th does not */
	{
		char *s = repeat("PATH == \"", "x", 4000, "\" || ");
		char *all = repeat(FILTER_HEAD, s, 17, "UID == 0" FILTER_TAIL);

		snprintf(want, sizeof(want), "f:5:%zu: the strings of this rule take more than 65536 bytes\n",
			 22 + 16 * strlen(s) + 8);
		expect_errors(all, strlen(all), want);
		free(all);
		free(s);
	}

	/*
	 * 128 comparisons and 127 ||: 255; 129 and 128: 257, the last the
	 * last || (postfix: the operator after its operands)
	 */
	text = repeat(FILTER_HEAD, "UID == 10 || ", 128, "UID == 10" FILTER_TAIL);
	snprintf(want, sizeof(want), "f:5:%zu: the filter is too long: more than 256 comparisons and operators\n",
		 22 + 127 * strlen("UID == 10 || ") + strlen("UID == 10 "));
	expect_errors(text, strlen(text), want);
	free(text);

	/* a && (a && (...)): 33 values pending at the innermost comparison */
	{
		char *open = repeat(FILTER_HEAD, "UID == 0 && (", 32, "UID == 1");
		char *all = repeat(open, ")", 32, FILTER_TAIL);

		snprintf(want, sizeof(want), "f:5:%zu: the filter nests too deeply to the right: more than 32 values wait here (write a && b && c rather than a && (b && c))\n",
			 strlen(open) - strlen("UID == 1") - strlen(FILTER_HEAD) + 22);
		expect_errors(all, strlen(all), want);
		free(all);
		free(open);
	}

	/* 150 stray characters: 100 said, then how many more */
	{
		struct compiled c;
		const char *last;

		text = repeat("rule {", "$", 150, "}");
		compile(text, strlen(text), &c);
		assert_int_equal(c.rc, -1);
		assert_int_equal(c.msgs.errors, 150);
		assert_true(!strncmp(c.msgs.text, "f:1:7: unexpected character '$'\nf:1:8: ", 39));
		last = strstr(c.msgs.text, "f:1:106: unexpected character '$'\n");
		assert_non_null(last);
		assert_string_equal(last + strlen("f:1:106: unexpected character '$'\n"),
				    "f: 50 more messages not shown\n");
		release(&c);
		free(text);
	}

	/* the file's size is checked before it is read */
	expect_errors("x", (size_t)INT32_MAX, "f:1:1: the file is too large (2147483647 bytes)\n");
}

/* What is just within each limit compiles. */
static void test_limits_ok(void **state)
{
	struct compiled c;
	char *text;

	(void)state;
	text = repeat("rule {\n syscall_name = open\n action { type = LOG log_format { ",
		      "%", 512, " } }\n rule_name = " "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" "\n}\n");
	expect_ok(text, strlen(text), NULL, &c);
	expect_round_trip(c.table, c.size, NULL);
	release(&c);
	free(text);

	text = repeat(FILTER_HEAD "COMM == \"", "\\x01", 4095, "\"" FILTER_TAIL);
	expect_ok(text, strlen(text), NULL, &c);
	expect_round_trip(c.table, c.size, NULL);
	release(&c);
	free(text);

	/* 256 instructions (32 + 31, 96 + 96, 1), 32 values deep */
	{
		char *open = repeat(FILTER_HEAD, "UID == 0 && (", 31, "UID == 1");
		char *deep = repeat(open, ")", 31, " || ");
		char *all = repeat(deep, "PID == 2 || ", 95, "!(PID == 3)" FILTER_TAIL);

		expect_ok(all, strlen(all), NULL, &c);
		assert_int_equal(((const struct sclog_rule *)(c.table + 1))->nr_insns, 256);
		expect_round_trip(c.table, c.size, NULL);
		release(&c);
		free(all);
		free(deep);
		free(open);
	}

	/* 1024 rules */
	{
		size_t room = 1025 * 80, len = 0;
		char *buf = malloc(room);

		assert_non_null(buf);
		for (int i = 0; i < 1024; i++)
			len += (size_t)snprintf(buf + len, room - len,
						"rule { syscall_name = getpid rule_name = r%d action { type = LOG } }\n", i);
		expect_ok(buf, len, NULL, &c);
		assert_int_equal(c.table->nr_rules, 1024);
		release(&c);
		/* and one more */
		len += (size_t)snprintf(buf + len, room - len,
					"rule { syscall_name = getpid rule_name = r%d action { type = LOG } }\n", 1024);
		expect_errors(buf, len, "f:1025:1: more than 1024 rules: the most a table holds\n");
		free(buf);
	}
}

/* A table of more than 4 MiB: rules for every call take about 9 KB each. */
static void test_table_too_large(void **state)
{
	size_t room = 600 * 80, len = 0;
	char *buf = malloc(room), want[160];
	struct compiled c;
	int i, fit;

	(void)state;
	assert_non_null(buf);
	len += (size_t)snprintf(buf + len, room - len,
				"rule { syscall_name = * rule_name = r0 action { type = LOG } }\n");
	expect_ok(buf, len, NULL, &c);
	fit = (int)((SCLOG_RULES_SIZE_MAX - sizeof(struct sclog_rules)) /
		    (c.size - sizeof(struct sclog_rules)));
	release(&c);
	for (i = 1; i <= fit; i++)
		len += (size_t)snprintf(buf + len, room - len,
					"rule { syscall_name = * rule_name = r%d action { type = LOG } }\n", i);
	snprintf(want, sizeof(want), "f:%d:1: with this rule the table takes more than 4194304 bytes, the most the kernel takes\n",
		 fit + 1);
	expect_errors(buf, len, want);
	free(buf);
}

/* Messages of a rule file are sorted by position, whoever said them. */
static void test_warnings(void **state)
{
	struct compiled c;
	const char *text =
		"rule {\n"
		" syscall_name = getpid getppid\n"
		" rule_name = r\n"
		" action { type = LOG }\n"
		" filter_expression { PATH == \"/x\" || PARAMS[1] == 0 }\n"
		"}\n"
		"rule {\n"
		" syscall_name = * rule_name = s action { type = LOG }\n"
		" filter_expression { PATH == \"/x\" || PARAMS[6] == 0 }\n"
		"}\n"
		"rule {\n"
		" syscall_name = unlink rule_name = t action { type = LOG }\n"
		" filter_expression { PATH == \"/x\" && PARAMS[2] == 0 && PARAMS[1] == 0 }\n"
		"}\n";

	(void)state;
	expect_ok(text, strlen(text),
		  "f:5:22: warning: PATH: no call of this rule has a path argument: the comparison is always false\n"
		  "f:5:38: warning: PARAMS[1]: no call of this rule has that many arguments\n"
		  "f:13:38: warning: PARAMS[2]: no call of this rule has that many arguments\n", &c);
	assert_int_equal(c.msgs.warnings, 3);
	expect_round_trip(c.table, c.size, NULL);
	release(&c);
}

static void test_optional_arguments(void **state)
{
	struct sclog_rules *t = NULL;
	size_t size = 0;
	struct sclog_rules_msgs m;

	(void)state;
	/* no messages wanted */
	assert_int_equal(sclog_rules_compile("x", 1, "f", &t, &size, NULL), -1);
	assert_null(t);
	assert_int_equal(sclog_rules_compile("", 0, NULL, &t, &size, NULL), 0);
	assert_int_equal(size, sizeof(struct sclog_rules));
	free(t);
	/* no file name: "-" */
	assert_int_equal(sclog_rules_compile("x", 1, NULL, &t, &size, &m), -1);
	assert_string_equal(m.text, "-:1:1: unexpected 'x', expected end of file or rule\n");
	sclog_rules_msgs_free(&m);
	assert_null(m.text);
	sclog_rules_msgs_free(NULL);
}

/* ------------------------------------------------------------------------ */
/* The rules files and their canonical forms */

static char *read_file(const char *name, const char *ext, size_t *len)
{
	const char *dir = getenv("SCLOG_RULES_DIR");
	char path[4096];
	FILE *f;
	char *buf;
	long n;

	if (!dir)
		fail_msg("SCLOG_RULES_DIR is not set");
	snprintf(path, sizeof(path), "%s/%s%s", dir, name, ext);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("%s: %s", path, strerror(errno));
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void test_rules_file(void **state)
{
	const char *name = *state;
	struct compiled c, canon_c;
	size_t len, clen;
	char *text = read_file(name, ".rules", &len);
	char *canon = read_file(name, ".canon", &clen);
	char *again;

	expect_ok(text, len, NULL, &c);
	expect_round_trip(c.table, c.size, canon);
	/* the canonical form is its own canonical form */
	expect_ok(canon, clen, NULL, &canon_c);
	assert_int_equal(canon_c.size, c.size);
	assert_memory_equal(canon_c.table, c.table, c.size);
	again = decompile(canon_c.table, canon_c.size);
	assert_string_equal(again, canon);
	free(again);
	release(&canon_c);
	release(&c);
	free(canon);
	free(text);
}

static const char *const rules_files[] = {
	"syscalltrack", "fields", "calls", "actions", "expressions",
	"constants", "strings", "names", "empty",
};

/* ------------------------------------------------------------------------ */
/* The table, spelled out from the UAPI header */

/* A table builder of its own: one rule's parts, laid out as documented. */
struct builder {
	struct sclog_rule r;
	struct sclog_rule_call calls[8];
	struct sclog_rule_insn insns[80];
	char name[80], format[80], strtab[256];
};

static size_t up8(size_t n)
{
	return (n + 7) / 8 * 8;
}

/* One rule into buf at off; returns its size. */
static size_t put_rule(char *buf, size_t off, struct builder *b)
{
	size_t calls = up8(sizeof(struct sclog_rule));
	size_t insns = calls + b->r.nr_calls * sizeof(struct sclog_rule_call);
	size_t name = insns + b->r.nr_insns * sizeof(struct sclog_rule_insn);
	size_t format = up8(name + b->r.name_len);
	size_t strtab = up8(format + b->r.format_len);
	size_t end = up8(strtab + b->r.strtab_len);

	if (buf) {
		b->r.size = (uint32_t)end;
		memcpy(buf + off, &b->r, sizeof(b->r));
		memcpy(buf + off + calls, b->calls, b->r.nr_calls * sizeof(b->calls[0]));
		memcpy(buf + off + insns, b->insns, b->r.nr_insns * sizeof(b->insns[0]));
		memcpy(buf + off + name, b->name, b->r.name_len);
		memcpy(buf + off + format, b->format, b->r.format_len);
		memcpy(buf + off + strtab, b->strtab, b->r.strtab_len);
	}
	return end;
}

/* A table of n rules (calloc'd, so the padding is zero). */
static char *build(struct builder *b, unsigned int n, size_t *size)
{
	struct sclog_rules h = { .version = SCLOG_RULES_VERSION, .nr_rules = n };
	size_t total = sizeof(h);
	char *buf;

	for (unsigned int i = 0; i < n; i++)
		total += put_rule(NULL, 0, &b[i]);
	buf = calloc(1, total);
	assert_non_null(buf);
	h.size = (uint32_t)total;
	memcpy(buf, &h, sizeof(h));
	total = sizeof(h);
	for (unsigned int i = 0; i < n; i++)
		total += put_rule(buf, total, &b[i]);
	*size = total;
	return buf;
}

static struct sclog_rule_insn cmp_insn(uint8_t var, uint8_t arg, uint8_t cmp,
				       uint32_t len, uint64_t val)
{
	return (struct sclog_rule_insn){ .op = SCLOG_OP_CMP, .var = var,
		.arg = arg, .cmp = cmp, .len = len, .val = val };
}

static struct sclog_rule_insn op_insn(uint8_t op)
{
	return (struct sclog_rule_insn){ .op = op };
}

static struct sclog_rule_call call_entry(uint8_t abi, uint16_t nr,
					 uint8_t path, uint8_t dfd,
					 uint8_t flags)
{
	return (struct sclog_rule_call){ .nr = nr, .abi = abi, .path_arg = path,
		.dfd_arg = dfd, .flags = flags };
}

/* syscalltrack's first rule, byte for byte. */
static void test_layout(void **state)
{
	static const char text[] =
		"rule {\n"
		"    syscall_name = unlink\n"
		"    rule_name = prevent_delete\n"
		"    filter_expression { PARAMS[1] == \"/etc/passwd\" && UID == 0 }\n"
		"    action { type = FAIL  error_code = -1 }\n"
		"    when = before\n"
		"}\n";
	struct builder b = {
		.r = { .action = SCLOG_ACT_FAIL, .when = SCLOG_WHEN_BEFORE,
		       .error = EPERM, .nr_calls = 3, .nr_insns = 3,
		       .name_len = 14, .strtab_len = 12 },
		.name = "prevent_delete",
		.strtab = "/etc/passwd",
	};
	struct compiled c;
	size_t size;
	char *want;

	(void)state;
	b.calls[0] = call_entry(SCLOG_ABI_X86_64, 87, 0, SCLOG_ARG_NONE, SCLOG_CALL_NOFOLLOW);
	b.calls[1] = call_entry(SCLOG_ABI_I386, 10, 0, SCLOG_ARG_NONE, SCLOG_CALL_NOFOLLOW);
	b.calls[2] = call_entry(SCLOG_ABI_X32, 87, 0, SCLOG_ARG_NONE, SCLOG_CALL_NOFOLLOW);
	/* the pathname pointer: the whole register, on i386 32 bits */
	b.calls[1].arg_type[0] = SCLOG_ARGT_U32;
	b.insns[0] = cmp_insn(SCLOG_VAR_PARAM, 0, SCLOG_CMP_STR_EQ, 11, 0);
	b.insns[1] = cmp_insn(SCLOG_VAR_UID, 0, SCLOG_CMP_EQ, 0, 0);
	b.insns[2] = op_insn(SCLOG_OP_AND);
	want = build(&b, 1, &size);
	/* 16 + 32 + 3 * 16 (calls) + 3 * 16 (insns) + 16 (name) + 16 (strings) */
	assert_int_equal(sizeof(struct sclog_rule_call), 16);
	assert_int_equal(size, 176);
	expect_ok(text, sizeof(text) - 1, NULL, &c);
	assert_int_equal(c.size, size);
	assert_memory_equal(c.table, want, size);
	release(&c);
	free(want);
}

/* The string operands: each followed by a NUL, an in-list's consecutive. */
static void test_layout_strings(void **state)
{
	static const char text[] =
		"rule { syscall_name = x86_64:execve rule_name = s action { type = LOG log_format { %comm } }\n"
		"  filter_expression { COMM in (\"a\", \"\", \"bc\") || !(PATH prefix \"/x\") && ARCH == i386 || PARAMS[3] & -2 } }\n";
	struct builder b = {
		.r = { .action = SCLOG_ACT_LOG, .nr_calls = 1, .nr_insns = 7,
		       .name_len = 1, .format_len = 5, .strtab_len = 9 },
		.name = "s", .format = "%comm",
		.strtab = "a\0\0bc\0/x",
	};
	struct compiled c;
	size_t size;
	char *want;

	(void)state;
	b.calls[0] = call_entry(SCLOG_ABI_X86_64, 59, 0, SCLOG_ARG_NONE, 0);
	b.insns[0] = cmp_insn(SCLOG_VAR_COMM, 0, SCLOG_CMP_IN, 3, 0);
	b.insns[1] = cmp_insn(SCLOG_VAR_PATH, 0, SCLOG_CMP_PREFIX, 2, 6);
	b.insns[2] = op_insn(SCLOG_OP_NOT);
	b.insns[3] = cmp_insn(SCLOG_VAR_ARCH, 0, SCLOG_CMP_EQ, 0, SCLOG_ABI_I386);
	b.insns[4] = op_insn(SCLOG_OP_AND);
	b.insns[5] = op_insn(SCLOG_OP_OR);
	b.insns[6] = cmp_insn(SCLOG_VAR_PARAM, 2, SCLOG_CMP_MASK, 0, (uint64_t)-2);
	b.insns[7] = op_insn(SCLOG_OP_OR);
	b.r.nr_insns = 8;
	want = build(&b, 1, &size);
	expect_ok(text, sizeof(text) - 1, NULL, &c);
	assert_int_equal(c.size, size);
	assert_memory_equal(c.table, want, size);
	release(&c);
	free(want);
}

/* What each call's entry says about its path argument. */
static void test_call_info(void **state)
{
	static const struct {
		sclog_abi_t abi;
		const char *name;
		uint8_t path, dfd, flags;
	} cases[] = {
		{ SCLOG_ABI_X86_64, "open", 0, SCLOG_ARG_NONE, 0 },
		{ SCLOG_ABI_X86_64, "openat", 1, 0, 0 },
		{ SCLOG_ABI_X86_64, "openat2", 1, 0, 0 },
		{ SCLOG_ABI_X86_64, "unlink", 0, SCLOG_ARG_NONE, SCLOG_CALL_NOFOLLOW },
		{ SCLOG_ABI_X86_64, "unlinkat", 1, 0, SCLOG_CALL_NOFOLLOW },
		{ SCLOG_ABI_X86_64, "rename", 0, SCLOG_ARG_NONE, SCLOG_CALL_NOFOLLOW },
		{ SCLOG_ABI_X86_64, "renameat2", 1, 0, SCLOG_CALL_NOFOLLOW },
		{ SCLOG_ABI_X86_64, "linkat", 1, 0, SCLOG_CALL_NOFOLLOW },
		{ SCLOG_ABI_X86_64, "symlink", 1, SCLOG_ARG_NONE, SCLOG_CALL_NOFOLLOW },
		{ SCLOG_ABI_X86_64, "symlinkat", 2, 1, SCLOG_CALL_NOFOLLOW },
		{ SCLOG_ABI_X86_64, "lstat", 0, SCLOG_ARG_NONE, SCLOG_CALL_NOFOLLOW },
		{ SCLOG_ABI_X86_64, "stat", 0, SCLOG_ARG_NONE, 0 },
		{ SCLOG_ABI_X86_64, "newfstatat", 1, 0, 0 },
		{ SCLOG_ABI_X86_64, "readlinkat", 1, 0, SCLOG_CALL_NOFOLLOW },
		{ SCLOG_ABI_X86_64, "mkdirat", 1, 0, SCLOG_CALL_NOFOLLOW },
		{ SCLOG_ABI_X86_64, "lsetxattr", 0, SCLOG_ARG_NONE, SCLOG_CALL_NOFOLLOW },
		{ SCLOG_ABI_X86_64, "getxattr", 0, SCLOG_ARG_NONE, 0 },
		{ SCLOG_ABI_X86_64, "fgetxattr", SCLOG_ARG_NONE, SCLOG_ARG_NONE, 0 },
		{ SCLOG_ABI_X86_64, "execve", 0, SCLOG_ARG_NONE, 0 },
		{ SCLOG_ABI_X86_64, "execveat", 1, 0, 0 },
		{ SCLOG_ABI_X86_64, "mount", 1, SCLOG_ARG_NONE, 0 },
		{ SCLOG_ABI_X86_64, "umount2", 0, SCLOG_ARG_NONE, 0 },
		{ SCLOG_ABI_X86_64, "move_mount", 1, 0, 0 },
		{ SCLOG_ABI_X86_64, "name_to_handle_at", 1, 0, 0 },
		{ SCLOG_ABI_X86_64, "fanotify_mark", 4, 3, 0 },
		{ SCLOG_ABI_X86_64, "inotify_add_watch", 1, SCLOG_ARG_NONE, 0 },
		{ SCLOG_ABI_X86_64, "mq_open", SCLOG_ARG_NONE, SCLOG_ARG_NONE, 0 },
		{ SCLOG_ABI_X86_64, "getpid", SCLOG_ARG_NONE, SCLOG_ARG_NONE, 0 },
		{ SCLOG_ABI_I386, "umount", 0, SCLOG_ARG_NONE, 0 },
		{ SCLOG_ABI_I386, "lchown", 0, SCLOG_ARG_NONE, SCLOG_CALL_NOFOLLOW },
		{ SCLOG_ABI_I386, "lstat64", 0, SCLOG_ARG_NONE, SCLOG_CALL_NOFOLLOW },
		{ SCLOG_ABI_I386, "fstatat64", 1, 0, 0 },
		{ SCLOG_ABI_I386, "truncate", 0, SCLOG_ARG_NONE, 0 },
		{ SCLOG_ABI_I386, "fanotify_mark", 5, 4, 0 },
		{ SCLOG_ABI_X32, "openat", 1, 0, 0 },
		{ SCLOG_ABI_X32, "execve", 0, SCLOG_ARG_NONE, 0 },
	};
	struct sclog_rule_call call;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long nr = sclog_syscall_nr(cases[i].abi, cases[i].name);

		assert_true(nr >= 0);
		assert_int_equal(sclog_rule_call_info(cases[i].abi, nr, &call), 0);
		if (call.path_arg != cases[i].path || call.dfd_arg != cases[i].dfd ||
		    call.flags != cases[i].flags)
			fail_msg("%s:%s: path %u dfd %u flags %u, expected %u %u %u",
				 sclog_abi_name(cases[i].abi), cases[i].name,
				 call.path_arg, call.dfd_arg, call.flags,
				 cases[i].path, cases[i].dfd, cases[i].flags);
		assert_int_equal(call.abi, cases[i].abi);
		assert_int_equal(call.nr, nr & ~SCLOG_X32_SYSCALL_BIT);
		assert_int_equal(call.__reserved[0], 0);
		assert_int_equal(call.__reserved[1], 0);
		assert_int_equal(call.__reserved2[0], 0);
		assert_int_equal(call.__reserved2[1], 0);
	}
	/* x32 numbers with or without the bit; ranges */
	assert_int_equal(sclog_rule_call_info(SCLOG_ABI_X32, 257, &call), 0);
	assert_int_equal(call.path_arg, 1);
	assert_int_equal(sclog_rule_call_info(SCLOG_ABI_X32, SCLOG_X32_SYSCALL_BIT | 257, &call), 0);
	assert_int_equal(call.nr, 257);
	assert_int_equal(call.path_arg, 1);
	assert_int_equal(sclog_rule_call_info(SCLOG_ABI_X86_64, SCLOG_MAX_NR - 1, &call), 0);
	assert_int_equal(call.path_arg, SCLOG_ARG_NONE);
	assert_int_equal(sclog_rule_call_info(SCLOG_ABI_X86_64, SCLOG_MAX_NR, &call), -1);
	assert_int_equal(sclog_rule_call_info(SCLOG_ABI_X86_64, -1, &call), -1);
	assert_int_equal(sclog_rule_call_info(SCLOG_NR_ABIS, 0, &call), -1);
}

/*
 * The width of each argument as the call sees it: one letter per argument
 * of sclog_rule_call.arg_type, L SCLOG_ARGT_LONG, I S32, U U32, M U16, S
 * S16.
 */
static char argt_letter(uint8_t t)
{
	switch (t) {
	case SCLOG_ARGT_LONG: return 'L';
	case SCLOG_ARGT_S32: return 'I';
	case SCLOG_ARGT_U32: return 'U';
	case SCLOG_ARGT_U16: return 'M';
	case SCLOG_ARGT_S16: return 'S';
	}
	return '?';
}

static void test_arg_types(void **state)
{
	static const struct {
		sclog_abi_t abi;
		const char *name;
		const char *types;
	} cases[] = {
		/* int dfd, pointer, int flags, umode_t mode */
		{ SCLOG_ABI_X86_64, "openat", "ILIMLL" },
		{ SCLOG_ABI_X86_64, "open", "LIMLLL" },
		{ SCLOG_ABI_X86_64, "fchmodat", "ILMLLL" },
		/* unsigned int fd is a descriptor: an int; size_t the register */
		{ SCLOG_ABI_X86_64, "read", "ILLLLL" },
		{ SCLOG_ABI_X86_64, "lseek", "ILULLL" },
		/* unsigned long, even fd */
		{ SCLOG_ABI_X86_64, "mmap", "LLLLLL" },
		{ SCLOG_ABI_X86_64, "clone", "LLLLLL" },
		{ SCLOG_ABI_X86_64, "kill", "IILLLL" },
		{ SCLOG_ABI_X86_64, "setuid", "ULLLLL" },
		{ SCLOG_ABI_X86_64, "setresgid", "UUULLL" },
		/* key_t is an int, an enum 32 bits (gen-sysargs: 64 for display) */
		{ SCLOG_ABI_X86_64, "shmget", "ILILLL" },
		{ SCLOG_ABI_X86_64, "landlock_add_rule", "IULULL" },
		{ SCLOG_ABI_X86_64, "getpid", "LLLLLL" },
		{ SCLOG_ABI_X32, "openat", "ILIMLL" },
		/* compat entry points: compat_aio_context_t is a u32 */
		{ SCLOG_ABI_X32, "io_submit", "UILLLL" },
		/* i386: every argument 32 bits */
		{ SCLOG_ABI_I386, "open", "UIMLLL" },
		{ SCLOG_ABI_I386, "openat", "IUIMLL" },
		{ SCLOG_ABI_I386, "mq_open", "UIMULL" },
		{ SCLOG_ABI_I386, "mmap2", "UUUUIU" },
		{ SCLOG_ABI_I386, "_llseek", "IUUUUL" },
		{ SCLOG_ABI_I386, "signal", "IULLLL" },
		/* the 16-bit uid calls take an unsigned short */
		{ SCLOG_ABI_I386, "setuid", "MLLLLL" },
		{ SCLOG_ABI_I386, "setuid32", "ULLLLL" },
		{ SCLOG_ABI_I386, "getpid", "LLLLLL" },
	};
	struct sclog_rule_call call;
	char got[7];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long nr = sclog_syscall_nr(cases[i].abi, cases[i].name);

		assert_true(nr >= 0);
		assert_int_equal(sclog_rule_call_info(cases[i].abi, nr, &call), 0);
		for (int a = 0; a < 6; a++)
			got[a] = argt_letter(call.arg_type[a]);
		got[6] = '\0';
		if (strcmp(got, cases[i].types))
			fail_msg("%s:%s: argument types %s, expected %s",
				 sclog_abi_name(cases[i].abi), cases[i].name,
				 got, cases[i].types);
	}
	/* a number without a prototype: the whole registers */
	assert_int_equal(sclog_rule_call_info(SCLOG_ABI_X86_64, SCLOG_MAX_NR - 1, &call), 0);
	for (int a = 0; a < 6; a++)
		assert_int_equal(call.arg_type[a], SCLOG_ARGT_LONG);
}

/*
 * Every call of every ABI: no argument of an 8-bit type; types within
 * range; beyond the call's arguments LONG; on i386 no argument the whole
 * register; on the 64-bit ABIs, pointers the whole register, 32-bit ones
 * never, descriptors S32, modes U16.
 */
static void test_arg_types_all(void **state)
{
	struct sclog_rule_call call;

	(void)state;
	for (sclog_abi_t abi = 0; abi < SCLOG_NR_ABIS; abi++) {
		for (size_t k = 0; k < sclog_syscall_count(abi); k++) {
			long nr = sclog_syscall_at(abi, k)->nr;
			const char *name = sclog_syscall_at(abi, k)->name;
			const struct sclog_arg_desc *args;
			int n = sclog_syscall_args(abi, nr, &args);

			if (sclog_rule_call_info(abi, nr, &call) < 0)
				continue;	/* x32 numbers beyond the table */
			for (int a = 0; a < n; a++) {
				static const char *const eight[] = {
					"u8", "__u8", "s8", "__s8", "char",
					"unsigned char", "signed char", "uint8_t",
					"int8_t", "bool", "_Bool",
				};

				/* no SCLOG_ARGT_* for them: none must come */
				for (size_t e = 0; e < sizeof(eight) / sizeof(eight[0]); e++)
					if (!strcmp(args[a].type, eight[e]))
						fail_msg("%s:%s: argument %d is an 8-bit %s",
							 sclog_abi_name(abi), name,
							 a + 1, args[a].type);
			}
			for (int a = 0; a < 6; a++) {
				uint8_t t = call.arg_type[a];
				bool ok = t <= SCLOG_ARGT_MAX;

				if (a >= n)
					ok &= t == SCLOG_ARGT_LONG;
				else if (args[a].kind == SCLOG_ARG_MODE)
					ok &= t == SCLOG_ARGT_U16;
				else if (args[a].kind == SCLOG_ARG_DIRFD ||
					 (args[a].kind == SCLOG_ARG_FD &&
					  args[a].bits == 32))
					ok &= t == SCLOG_ARGT_S32;
				else if (abi == SCLOG_ABI_I386)
					ok &= t != SCLOG_ARGT_LONG;
				else if (strchr(args[a].type, '*'))
					ok &= t == SCLOG_ARGT_LONG;
				else if (args[a].bits == 32)
					ok &= t != SCLOG_ARGT_LONG;
				if (!ok)
					fail_msg("%s:%s: argument %d (%s %s): type %u",
						 sclog_abi_name(abi), name, a + 1,
						 a < n ? args[a].type : "-",
						 a < n ? args[a].name : "-", t);
			}
		}
	}
}

/* "*": every call of each ABI, sorted, and back to "*". */
static void test_star(void **state)
{
	static const char text[] = "rule { syscall_name = * rule_name = a action { type = LOG } }";
	const struct sclog_rule *r;
	const struct sclog_rule_call *calls;
	struct compiled c;
	size_t n = 0, k = 0;

	(void)state;
	expect_ok(text, sizeof(text) - 1, NULL, &c);
	r = (const struct sclog_rule *)(c.table + 1);
	calls = (const struct sclog_rule_call *)((const char *)r + 32);
	for (sclog_abi_t abi = 0; abi < SCLOG_NR_ABIS; abi++) {
		for (size_t i = 0; i < sclog_syscall_count(abi); i++, k++) {
			struct sclog_rule_call want;

			sclog_rule_call_info(abi, sclog_syscall_at(abi, i)->nr, &want);
			assert_memory_equal(&calls[k], &want, sizeof(want));
		}
		n += sclog_syscall_count(abi);
	}
	assert_int_equal(r->nr_calls, n);
	expect_round_trip(c.table, c.size, NULL);
	release(&c);
}

/* ------------------------------------------------------------------------ */
/* Validation */

/*
 * The base table: one rule, unlink on the three ABIs, a filter of five
 * instructions with a string, an in-list and an integer, a log format.
 */
static const char base_text[] =
	"rule { syscall_name = unlink rule_name = r action { type = LOG log_format { f } }\n"
	"  filter_expression { PARAMS[1] == \"/x\" && COMM in (\"a\", \"b\") && UID == 0 } }\n";

#define R		16		/* the rule */
#define CALL(i)		(R + 32 + 16 * (i))
#define INSN(i)		(R + 80 + 16 * (i))
#define NAME		(R + 160)
#define FORMAT		(R + 168)
#define STRTAB		(R + 176)
#define END		(R + 184)

struct mutation {
	const char *what;
	size_t off;
	unsigned int width;	/* bytes, little-endian */
	uint64_t value;
	const char *msg;
};

static const struct mutation mutations[] = {
	{ "table size", 0, 4, 999, "the table says it has 999 bytes, not 200" },
	{ "version", 4, 4, 2, "version 2, not 1" },
	{ "nr_rules", 8, 4, 1025, "1025 rules, more than 1024" },
	{ "nr_rules beyond", 8, 4, 2, "rule 2: truncated" },
	{ "reserved", 12, 4, 1, "reserved field not 0" },
	{ "rule size", R, 4, 180, "rule 1: size 180 is not a multiple of 8 within the table" },
	{ "rule size beyond", R, 4, 192, "rule 1: size 192 is not a multiple of 8 within the table" },
	{ "rule size small", R, 4, 176, "rule 1: size 176, but its parts take 184 bytes" },
	{ "action 0", R + 4, 2, 0, "rule 1: unknown action 0" },
	{ "action 6", R + 4, 2, 6, "rule 1: unknown action 6" },
	{ "when", R + 6, 2, 2, "rule 1: unknown when 2" },
	{ "error without FAIL", R + 8, 4, 1, "rule 1: error 1 without FAIL" },
	{ "FAIL without error", R + 4, 2, SCLOG_ACT_FAIL, "rule 1: FAIL with error 0, not 1-4095" },
	{ "nr_calls 0", R + 12, 2, 0, "rule 1: 0 calls" },
	{ "nr_insns", R + 14, 2, 257, "rule 1: 257 instructions, more than 256" },
	{ "name_len 0", R + 16, 2, 0, "rule 1: name of 0 bytes" },
	{ "name_len 65", R + 16, 2, 65, "rule 1: name of 65 bytes" },
	{ "format_len", R + 18, 2, 513, "rule 1: log format of 513 bytes" },
	{ "strtab_len", R + 20, 4, 65537, "rule 1: string table of 65537 bytes" },
	{ "strtab_len other", R + 20, 4, 9, "rule 1: size 184, but its parts take 192 bytes" },
	{ "rule reserved", R + 24, 4, 1, "rule 1: reserved field not 0" },
	{ "rule reserved, upper half", R + 28, 1, 1, "rule 1: reserved field not 0" },
	{ "padding after the name", NAME + 1, 1, 1, "rule 1: padding not 0" },
	{ "padding after the format", FORMAT + 7, 1, 1, "rule 1: padding not 0" },
	{ "padding after the strings", STRTAB + 7, 1, 1, "rule 1: padding not 0" },
	{ "call abi", CALL(2) + 2, 1, 3, "rule 1: call 2: abi 3 nr 87 out of range" },
	{ "call nr", CALL(2), 2, 1024, "rule 1: call 2: abi 2 nr 1024 out of range" },
	{ "call path_arg", CALL(0) + 3, 1, 6, "rule 1: call 0: bad argument index or flags" },
	{ "call dfd_arg", CALL(0) + 4, 1, 6, "rule 1: call 0: bad argument index or flags" },
	{ "call flags", CALL(0) + 5, 1, 3, "rule 1: call 0: bad argument index or flags" },
	{ "call reserved[0]", CALL(0) + 6, 1, 1, "rule 1: call 0: reserved field not 0" },
	{ "call reserved[1]", CALL(1) + 7, 1, 0x80, "rule 1: call 1: reserved field not 0" },
	{ "call arg_type[0]", CALL(0) + 8, 1, SCLOG_ARGT_MAX + 1, "rule 1: call 0: arg_type[0] is 5, not a SCLOG_ARGT_* (0-4)" },
	{ "call arg_type[5]", CALL(2) + 13, 1, 0xff, "rule 1: call 2: arg_type[5] is 255, not a SCLOG_ARGT_* (0-4)" },
	{ "call reserved2[0]", CALL(0) + 14, 1, 1, "rule 1: call 0: reserved field not 0" },
	{ "call reserved2[1]", CALL(2) + 15, 1, 0x10, "rule 1: call 2: reserved field not 0" },
	{ "calls not sorted", CALL(1) + 2, 1, 0, "rule 1: calls not sorted by abi and nr, or repeated" },
	{ "calls repeated", CALL(1), 8, 0x000001ff00000057ULL, "rule 1: calls not sorted by abi and nr, or repeated" },
	{ "name", NAME, 1, ' ', "rule 1: name not printable ASCII without spaces" },
	{ "format", FORMAT, 1, 0x7f, "rule 1: log format not printable ASCII" },
	{ "op", INSN(0), 1, 9, "rule 1: instruction 0: unknown operation 9" },
	{ "var 0", INSN(0) + 1, 1, 0, "rule 1: instruction 0: unknown variable 0" },
	{ "var 18", INSN(0) + 1, 1, 18, "rule 1: instruction 0: unknown variable 18" },
	{ "arg of PARAMS", INSN(0) + 2, 1, 6, "rule 1: instruction 0: bad argument index 6" },
	{ "arg of UID", INSN(3) + 2, 1, 1, "rule 1: instruction 3: bad argument index 1" },
	{ "RETVAL before", INSN(3) + 1, 1, SCLOG_VAR_RETVAL, "rule 1: instruction 3: RETVAL in a rule evaluated before the call" },
	{ "cmp", INSN(3) + 3, 1, 8, "rule 1: instruction 3: unknown comparison 8" },
	{ "cmp 21", INSN(3) + 3, 1, 21, "rule 1: instruction 3: unknown comparison 21" },
	{ "integer cmp of COMM", INSN(1) + 3, 1, SCLOG_CMP_EQ, "rule 1: instruction 1: integer comparison of a string" },
	{ "len of an integer cmp", INSN(3) + 4, 4, 1, "rule 1: instruction 3: len of an integer comparison is not 0" },
	{ "string cmp of UID", INSN(3) + 3, 1, SCLOG_CMP_STR_EQ, "rule 1: instruction 3: string comparison of an integer" },
	{ "string offset", INSN(0) + 8, 8, 7, "rule 1: instruction 0: string operand outside the string table or not ended by NUL" },
	{ "string offset far", INSN(0) + 8, 8, 1ULL << 40, "rule 1: instruction 0: string operand outside the string table or not ended by NUL" },
	{ "string length", INSN(0) + 4, 4, 1, "rule 1: instruction 0: string operand outside the string table or not ended by NUL" },
	{ "string length beyond", INSN(0) + 4, 4, 7, "rule 1: instruction 0: string operand outside the string table or not ended by NUL" },
	{ "string length huge", INSN(0) + 4, 4, 4096, "rule 1: instruction 0: string operand outside the string table or not ended by NUL" },
	{ "string with a NUL", INSN(0) + 4, 4, 4, "rule 1: instruction 0: string operand outside the string table or not ended by NUL" },
	{ "in-list of 0", INSN(1) + 4, 4, 0, "rule 1: instruction 1: string operand outside the string table or not ended by NUL" },
	{ "in-list too long", INSN(1) + 4, 4, 3, "rule 1: instruction 1: string operand outside the string table or not ended by NUL" },
	{ "operator operands", INSN(2) + 1, 1, 1, "rule 1: instruction 2: operands of an operator are not 0" },
	{ "operator val", INSN(2) + 8, 8, 1, "rule 1: instruction 2: operands of an operator are not 0" },
	{ "two values left", INSN(4), 1, SCLOG_OP_NOT, "rule 1: the filter leaves 2 values on the stack, not 1" },
};

static void put_le(char *p, unsigned int width, uint64_t v)
{
	for (unsigned int i = 0; i < width; i++, v >>= 8)
		p[i] = (char)(v & 0xff);
}

static void test_validate_base(void **state)
{
	struct compiled c;
	char err[160];

	(void)state;
	expect_ok(base_text, sizeof(base_text) - 1, NULL, &c);
	/* the offsets above */
	assert_int_equal(c.size, END);
	assert_memory_equal((char *)c.table + NAME, "r", 1);
	assert_memory_equal((char *)c.table + FORMAT, "f", 1);
	assert_memory_equal((char *)c.table + STRTAB, "/x\0a\0b", 7);
	assert_int_equal(*((char *)c.table + INSN(4)), SCLOG_OP_AND);
	/* unlink's pathname: the register; on i386 (call 1) 32 bits */
	assert_int_equal(*((char *)c.table + CALL(0) + 8), SCLOG_ARGT_LONG);
	assert_int_equal(*((char *)c.table + CALL(1) + 8), SCLOG_ARGT_U32);
	assert_int_equal(*((char *)c.table + CALL(2) + 8), SCLOG_ARGT_LONG);
	assert_int_equal(sclog_rules_validate(c.table, c.size, err, sizeof(err)), 0);
	/*
	 * any SCLOG_ARGT_* is valid; the rules decompiled do not say it:
	 * compiled again, the call has its own types
	 */
	{
		char *t = malloc(c.size), *text;
		size_t len;

		assert_non_null(t);
		memcpy(t, c.table, c.size);
		t[CALL(0) + 8] = SCLOG_ARGT_MAX;
		t[CALL(2) + 13] = SCLOG_ARGT_S32;
		assert_int_equal(sclog_rules_validate(t, c.size, err, sizeof(err)), 0);
		text = decompile(t, c.size);
		len = strlen(text);
		{
			struct compiled again;

			expect_ok(text, len, NULL, &again);
			assert_int_equal(again.size, c.size);
			assert_memory_equal(again.table, c.table, c.size);
			release(&again);
		}
		free(text);
		free(t);
	}
	/* not aligned: read all the same */
	{
		char *odd = malloc(c.size + 1);

		assert_non_null(odd);
		memcpy(odd + 1, c.table, c.size);
		assert_int_equal(sclog_rules_validate(odd + 1, c.size, err, sizeof(err)), 0);
		free(odd);
	}
	release(&c);
}

static void test_validate_mutation(void **state)
{
	const struct mutation *m = *state;
	struct compiled c;
	char err[160] = "", *text;
	size_t len;

	expect_ok(base_text, sizeof(base_text) - 1, NULL, &c);
	assert_true(m->off + m->width <= c.size);
	put_le((char *)c.table + m->off, m->width, m->value);
	assert_int_equal(sclog_rules_validate(c.table, c.size, err, sizeof(err)), -1);
	assert_string_equal(err, m->msg);
	/* err may be NULL */
	assert_int_equal(sclog_rules_validate(c.table, c.size, NULL, 0), -1);
	/* and the decompiler refuses it */
	assert_int_equal(sclog_rules_decompile(c.table, c.size, &text, &len, err, sizeof(err)), -1);
	assert_null(text);
	assert_true(!strncmp(err, "the table is not valid: ", 24));
	assert_string_equal(err + 24, m->msg);
	release(&c);
}

static void test_validate_sizes(void **state)
{
	struct compiled c;
	char err[160], *big;
	struct sclog_rules h = { .version = 1 };
	size_t size;

	(void)state;
	expect_ok(base_text, sizeof(base_text) - 1, NULL, &c);
	/* the size given is not the table's */
	assert_int_equal(sclog_rules_validate(c.table, c.size - 8, err, sizeof(err)), -1);
	assert_string_equal(err, "the table says it has 200 bytes, not 192");
	assert_int_equal(sclog_rules_validate(c.table, 8, err, sizeof(err)), -1);
	assert_string_equal(err, "8 bytes: too short for a table");
	assert_int_equal(sclog_rules_validate(NULL, 0, err, sizeof(err)), -1);
	assert_string_equal(err, "no table");
	/* bytes after the last rule */
	size = c.size + 8;
	big = calloc(1, size);
	assert_non_null(big);
	memcpy(big, c.table, c.size);
	put_le(big, 4, size);
	assert_int_equal(sclog_rules_validate(big, size, err, sizeof(err)), -1);
	assert_string_equal(err, "8 bytes after the last rule");
	free(big);
	release(&c);
	/* more than the kernel takes */
	size = SCLOG_RULES_SIZE_MAX + 8;
	big = calloc(1, size);
	assert_non_null(big);
	h.size = (uint32_t)size;
	memcpy(big, &h, sizeof(h));
	assert_int_equal(sclog_rules_validate(big, size, err, sizeof(err)), -1);
	assert_string_equal(err, "4194312 bytes: more than 4194304");
	free(big);
	/* no rules at all is a valid table */
	size = sizeof(h);
	h.size = (uint32_t)size;
	assert_int_equal(sclog_rules_validate(&h, size, err, sizeof(err)), 0);
}

static void test_validate_names_and_stack(void **state)
{
	struct builder b[2] = {
		{ .r = { .action = SCLOG_ACT_LOG, .nr_calls = 1, .name_len = 3 },
		  .name = "abc" },
		{ .r = { .action = SCLOG_ACT_IGNORE, .nr_calls = 1, .name_len = 3 },
		  .name = "abc" },
	};
	char err[160], *t;
	size_t size;

	(void)state;
	b[0].calls[0] = call_entry(SCLOG_ABI_X86_64, 39, SCLOG_ARG_NONE, SCLOG_ARG_NONE, 0);
	b[1].calls[0] = b[0].calls[0];
	t = build(b, 2, &size);
	assert_int_equal(sclog_rules_validate(t, size, err, sizeof(err)), -1);
	assert_string_equal(err, "rules 1 and 2 have the same name");
	free(t);
	b[1].name[2] = 'd';
	t = build(b, 2, &size);
	assert_int_equal(sclog_rules_validate(t, size, err, sizeof(err)), 0);
	free(t);

	/* 33 comparisons, then 32 ands: one value too many */
	for (int i = 0; i < 33; i++)
		b[0].insns[i] = cmp_insn(SCLOG_VAR_PID, 0, SCLOG_CMP_EQ, 0, (uint64_t)i);
	for (int i = 33; i < 65; i++)
		b[0].insns[i] = op_insn(SCLOG_OP_AND);
	b[0].r.nr_insns = 65;
	t = build(b, 1, &size);
	assert_int_equal(sclog_rules_validate(t, size, err, sizeof(err)), -1);
	assert_string_equal(err, "rule 1: instruction 32: more than 32 values on the stack");
	free(t);
	/* 32 deep is fine */
	b[0].insns[32] = op_insn(SCLOG_OP_AND);
	b[0].r.nr_insns = 63;
	t = build(b, 1, &size);
	assert_int_equal(sclog_rules_validate(t, size, err, sizeof(err)), 0);
	free(t);
	/* operators without their operands */
	b[0].insns[0] = cmp_insn(SCLOG_VAR_PID, 0, SCLOG_CMP_EQ, 0, 1);
	b[0].insns[1] = op_insn(SCLOG_OP_AND);
	b[0].r.nr_insns = 2;
	t = build(b, 1, &size);
	assert_int_equal(sclog_rules_validate(t, size, err, sizeof(err)), -1);
	assert_string_equal(err, "rule 1: instruction 1: stack underflow");
	free(t);
	b[0].insns[0] = op_insn(SCLOG_OP_NOT);
	t = build(b, 1, &size);
	assert_int_equal(sclog_rules_validate(t, size, err, sizeof(err)), -1);
	assert_string_equal(err, "rule 1: instruction 0: stack underflow");
	free(t);
	/* RETVAL after, FAIL with an error */
	b[0].insns[0] = cmp_insn(SCLOG_VAR_RETVAL, 0, SCLOG_CMP_LT, 0, 0);
	b[0].r.nr_insns = 1;
	b[0].r.when = SCLOG_WHEN_AFTER;
	t = build(b, 1, &size);
	assert_int_equal(sclog_rules_validate(t, size, err, sizeof(err)), 0);
	free(t);
	b[0].r.action = SCLOG_ACT_FAIL;
	b[0].r.error = 1;
	t = build(b, 1, &size);
	assert_int_equal(sclog_rules_validate(t, size, err, sizeof(err)), -1);
	assert_string_equal(err, "rule 1: FAIL after the call");
	free(t);
}

/* ------------------------------------------------------------------------ */
/* Tables this compiler would not make */

/*
 * Decompiled into rules that compile, to a table that decompiles to the
 * same rules again: a fixed point after one round.
 */
static void expect_fixed_point(const char *table, size_t size, const char *want)
{
	struct compiled c;
	char *text = decompile(table, size);

	if (strcmp(text, want))
		fail_msg("decompiled:\n%s\nexpected:\n%s", text, want);
	compile(text, strlen(text), &c);
	if (c.rc)
		fail_msg("does not compile:\n%s", c.msgs.text);
	expect_round_trip(c.table, c.size, want);
	release(&c);
	free(text);
}

static void test_foreign_tables(void **state)
{
	struct builder b = {
		.r = { .action = SCLOG_ACT_FAIL, .error = 4000, .nr_calls = 4,
		       .nr_insns = 5, .name_len = 5, .format_len = 0,
		       .strtab_len = 10 },
		.name = "a{b\"c",
		.strtab = "shared\0xy",
	};
	char *t;
	size_t size;

	(void)state;
	/*
	 * Another path argument for unlink, a number no ABI has, strings
	 * shared and not in order, an ARCH and a RETVAL-less integer no
	 * constant names, an error without a name.
	 */
	b.calls[0] = call_entry(SCLOG_ABI_X86_64, 87, 3, 2, 0);
	b.calls[1] = call_entry(SCLOG_ABI_X86_64, 1000, SCLOG_ARG_NONE, SCLOG_ARG_NONE, 0);
	b.calls[2] = call_entry(SCLOG_ABI_I386, 10, 0, SCLOG_ARG_NONE, 1);
	b.calls[3] = call_entry(SCLOG_ABI_X32, 87, 0, SCLOG_ARG_NONE, 1);
	b.insns[0] = cmp_insn(SCLOG_VAR_PATH, 0, SCLOG_CMP_GLOB, 2, 7);
	b.insns[1] = cmp_insn(SCLOG_VAR_COMM, 0, SCLOG_CMP_STR_EQ, 6, 0);
	b.insns[2] = cmp_insn(SCLOG_VAR_PARAM, 0, SCLOG_CMP_IN, 1, 0);
	b.insns[3] = op_insn(SCLOG_OP_OR);
	b.insns[4] = op_insn(SCLOG_OP_OR);
	t = build(&b, 1, &size);
	expect_fixed_point(t, size,
			   "rule {\n"
			   "\tsyscall_name = unlink x86_64:1000\n"
			   "\trule_name = \"a{b\\\"c\"\n"
			   "\tfilter_expression { PATH glob \"xy\" || (COMM == \"shared\" || PARAMS[1] in (\"shared\")) }\n"
			   "\taction { type = FAIL error_code = 4000 }\n"
			   "\twhen = before\n"
			   "}\n");
	free(t);
}

/* ------------------------------------------------------------------------ */
/* Names of actions and constants */

static void test_names(void **state)
{
	int64_t v;

	(void)state;
	assert_string_equal(sclog_rule_action_name(SCLOG_ACT_LOG), "LOG");
	assert_string_equal(sclog_rule_action_name(SCLOG_ACT_IGNORE), "IGNORE");
	assert_string_equal(sclog_rule_action_name(SCLOG_ACT_FAIL), "FAIL");
	assert_string_equal(sclog_rule_action_name(SCLOG_ACT_KILL), "KILL");
	assert_string_equal(sclog_rule_action_name(SCLOG_ACT_SUSPEND), "SUSPEND");
	assert_null(sclog_rule_action_name(0));
	assert_null(sclog_rule_action_name(6));

	/* values as the x86 UAPI headers have them */
	assert_int_equal(sclog_const_from_name("O_WRONLY", &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(sclog_const_from_name("O_RDONLY", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(sclog_const_from_name("O_CREAT", &v), 0);
	assert_int_equal(v, 0100);
	assert_int_equal(sclog_const_from_name("O_LARGEFILE", &v), 0);
	assert_int_equal(v, 0100000);
	assert_int_equal(sclog_const_from_name("AT_FDCWD", &v), 0);
	assert_int_equal(v, -100);
	assert_int_equal(sclog_const_from_name("AT_REMOVEDIR", &v), 0);
	assert_int_equal(v, 0x200);
	assert_int_equal(sclog_const_from_name("AT_EACCESS", &v), 0);
	assert_int_equal(v, 0x200);
	assert_int_equal(sclog_const_from_name("MAP_PRIVATE", &v), 0);
	assert_int_equal(v, 2);
	assert_int_equal(sclog_const_from_name("PROT_NONE", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(sclog_const_from_name("F_OK", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(sclog_const_from_name("SIGKILL", &v), 0);
	assert_int_equal(v, 9);
	assert_int_equal(sclog_const_from_name("CLONE_NEWUSER", &v), 0);
	assert_int_equal(v, 0x10000000);
	assert_int_equal(sclog_const_from_name("EPERM", &v), -1);
	assert_int_equal(sclog_const_from_name("O_WRONGLY", &v), -1);
	assert_int_equal(sclog_const_from_name(NULL, &v), -1);
}

int main(void)
{
	const size_t nerr = sizeof(error_cases) / sizeof(error_cases[0]);
	const size_t nfiles = sizeof(rules_files) / sizeof(rules_files[0]);
	const size_t nmut = sizeof(mutations) / sizeof(mutations[0]);
	const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_limits_errors),
		cmocka_unit_test(test_limits_ok),
		cmocka_unit_test(test_table_too_large),
		cmocka_unit_test(test_warnings),
		cmocka_unit_test(test_optional_arguments),
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_layout_strings),
		cmocka_unit_test(test_call_info),
		cmocka_unit_test(test_arg_types),
		cmocka_unit_test(test_arg_types_all),
		cmocka_unit_test(test_star),
		cmocka_unit_test(test_validate_base),
		cmocka_unit_test(test_validate_sizes),
		cmocka_unit_test(test_validate_names_and_stack),
		cmocka_unit_test(test_foreign_tables),
		cmocka_unit_test(test_names),
	};
	const size_t nfixed = sizeof(fixed) / sizeof(fixed[0]);
	size_t n = nfixed + nerr + nfiles + nmut, i, k = 0;
	struct CMUnitTest *tests = calloc(n, sizeof(*tests));
	char **names = calloc(n, sizeof(*names));
	int rc;

	if (!tests || !names)
		return 1;
	for (i = 0; i < nfixed; i++)
		tests[k++] = fixed[i];
	for (i = 0; i < nerr; i++, k++) {
		if (asprintf(&names[k], "error: %s", error_cases[i].name) < 0)
			return 1;
		tests[k] = (struct CMUnitTest)cmocka_unit_test_prestate(test_error_case,
									(void *)&error_cases[i]);
		tests[k].name = names[k];
	}
	for (i = 0; i < nfiles; i++, k++) {
		if (asprintf(&names[k], "tests/rules/%s.rules", rules_files[i]) < 0)
			return 1;
		tests[k] = (struct CMUnitTest)cmocka_unit_test_prestate(test_rules_file,
									(void *)rules_files[i]);
		tests[k].name = names[k];
	}
	for (i = 0; i < nmut; i++, k++) {
		if (asprintf(&names[k], "validate: %s", mutations[i].what) < 0)
			return 1;
		tests[k] = (struct CMUnitTest)cmocka_unit_test_prestate(test_validate_mutation,
									(void *)&mutations[i]);
		tests[k].name = names[k];
	}
	cmocka_set_message_output(CM_OUTPUT_TAP);
	rc = _cmocka_run_group_tests("test-rules", tests, n, NULL, NULL);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(tests);
	return rc;
}
