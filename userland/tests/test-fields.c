// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for lib/fields.c: the field lists of sclogctl limits --fields,
 * read and written back.  Bit values are written down from <linux/sclog.h>
 * (SCLOG_FLD_NAMES is 1, ... SCLOG_FLD_ENVP 32).
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fields.h"

static void expect_parse(const char *list, uint32_t cur, uint32_t want)
{
	char err[160] = "";
	uint32_t out = 0xdeadbeef;

	if (sclog_fields_parse(list, cur, &out, err, sizeof(err)) < 0)
		fail_msg("'%s': %s", list, err);
	if (out != want)
		fail_msg("'%s' from 0x%x: 0x%x, expected 0x%x", list, cur, out,
			 want);
}

static void expect_error(const char *list, const char *want)
{
	char err[160] = "";
	uint32_t out = 0xdeadbeef;

	assert_int_equal(sclog_fields_parse(list, 31, &out, err, sizeof(err)), -1);
	assert_string_equal(err, want);
	assert_int_equal(out, 0xdeadbeef);
	/* err may be NULL */
	assert_int_equal(sclog_fields_parse(list, 31, &out, NULL, 0), -1);
}

static void test_constants(void **state)
{
	(void)state;
	assert_int_equal(SCLOG_FIELDS_ALL, 63);
	assert_int_equal(SCLOG_FIELDS_DEFAULT, 31);
	assert_string_equal(sclog_field_names[0].name, "names");
	assert_int_equal(sclog_field_names[0].bit, 1);
	assert_string_equal(sclog_field_names[5].name, "envp");
	assert_int_equal(sclog_field_names[5].bit, 32);
	assert_null(sclog_field_names[6].name);
}

static void test_parse(void **state)
{
	(void)state;
	expect_parse("names", 63, 1);
	expect_parse("paths", 0, 2);
	expect_parse("cwd", 0, 4);
	expect_parse("fds", 0, 8);
	expect_parse("argv", 0, 16);
	expect_parse("envp", 0, 32);
	expect_parse("names,paths", 63, 3);
	expect_parse("envp,names,envp", 0, 33);
	expect_parse("all", 0, 63);
	expect_parse("none", 63, 0);
	expect_parse("default", 0, 31);
	expect_parse("default,envp", 0, 63);
	/* signed items change the current set ... */
	expect_parse("+envp", 31, 63);
	expect_parse("-argv", 31, 15);
	expect_parse("-argv,+envp", 31, 47);
	expect_parse("+envp,-envp", 31, 31);
	expect_parse("-envp,+envp", 31, 63);
	expect_parse("-names", 0, 0);
	expect_parse("+all", 1, 63);
	expect_parse("-all", 63, 0);
	expect_parse("+none", 5, 5);
	/* ... or the set the plain items give, wherever they are */
	expect_parse("names,+cwd", 63, 5);
	expect_parse("+cwd,names", 63, 5);
	expect_parse("all,-envp,-argv", 0, 15);
	expect_parse("-argv,default,+envp", 0, 47);
	expect_parse("none,+fds", 63, 8);
	/* bits this userland does not know are kept by signed items only */
	expect_parse("+names", 0x100, 0x101);
	expect_parse("names", 0x100, 1);
}

static void test_parse_errors(void **state)
{
	static const char unknown[] = " (names, paths, cwd, fds, argv, envp, all, none, default)";
	char want[256];

	(void)state;
	expect_error("", "empty item");
	expect_error(",", "empty item");
	expect_error("names,", "empty item");
	expect_error(",names", "empty item");
	expect_error("names,,cwd", "empty item");
	expect_error("+", "empty item");
	expect_error("cwd,-", "empty item");
	snprintf(want, sizeof(want), "unknown field 'foo'%s", unknown);
	expect_error("foo", want);
	snprintf(want, sizeof(want), "unknown field 'Names'%s", unknown);
	expect_error("names,Names", want);
	snprintf(want, sizeof(want), "unknown field '+envp'%s", unknown);
	expect_error("++envp", want);
	snprintf(want, sizeof(want), "unknown field 'names paths'%s", unknown);
	expect_error("names paths", want);
	snprintf(want, sizeof(want), "unknown field 'name'%s", unknown);
	expect_error("-name", want);
	/* an error in a signed item after good plain ones */
	snprintf(want, sizeof(want), "unknown field 'x'%s", unknown);
	expect_error("all,+x", want);
	/* a long name is cut in the message */
	snprintf(want, sizeof(want), "unknown field '%.64s'%s",
		 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		 unknown);
	expect_error("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		     want);
}

static void test_format(void **state)
{
	char buf[128], small[6];

	(void)state;
	assert_int_equal(sclog_fields_format(buf, sizeof(buf), 0, ","), 4);
	assert_string_equal(buf, "none");
	sclog_fields_format(buf, sizeof(buf), 63, ",");
	assert_string_equal(buf, "names,paths,cwd,fds,argv,envp");
	sclog_fields_format(buf, sizeof(buf), 31, ",");
	assert_string_equal(buf, "names,paths,cwd,fds,argv");
	sclog_fields_format(buf, sizeof(buf), 0x45, ", ");
	assert_string_equal(buf, "names, cwd, 0x40");
	sclog_fields_format(buf, sizeof(buf), 0xf00, ",");
	assert_string_equal(buf, "0xf00");
	/* snprintf semantics */
	assert_int_equal(sclog_fields_format(small, sizeof(small), 3, ","),
			 (int)strlen("names,paths"));
	assert_string_equal(small, "names");
	assert_int_equal(sclog_fields_format(NULL, 0, 63, ","),
			 (int)strlen("names,paths,cwd,fds,argv,envp"));
	/* what it writes reads back */
	for (uint32_t f = 0; f < 64; f++) {
		uint32_t back;

		sclog_fields_format(buf, sizeof(buf), f, ",");
		assert_int_equal(sclog_fields_parse(buf, 0, &back, NULL, 0), 0);
		assert_int_equal(back, f);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_constants),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_format),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
