// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: arbitrary bytes through sclog_rec_decode(), the field
 * iterator and the three line writers (text, JSON, a template), checking:
 *
 *  - a decoded length is positive, a multiple of 8 and within the input;
 *    SCLOG_REC_BAD always comes with a message;
 *  - every field lies inside its record, and iteration ends cleanly;
 *  - every line ends in its only '\n' and is otherwise printable ASCII;
 *  - the rule of a record is either absent, malformed with a message, or
 *    within its bounds, and a line of its log format is made exactly when
 *    it has one.
 *
 * The input is also compiled as a --format template (up to its first NUL);
 * a template that compiles must give one line for a fixed record.  And it
 * is the log format of a rule of a fixed record: printable ASCII must give
 * one printable line, anything else no line.
 *
 * Build and run: make fuzz / make fuzz-run (see the Makefile header).
 */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: check failed: %s\n",	\
				__FILE__, __LINE__, #cond);		\
			abort();					\
		}							\
	} while (0)

static struct sclog_buf out;
static struct sclog_template *tpl;

static void check_line(const struct sclog_buf *b, int ascii)
{
	CHECK(!b->oom);
	CHECK(b->len > 0);
	CHECK(b->data[b->len - 1] == '\n');
	for (size_t i = 0; i + 1 < b->len; i++) {
		CHECK(b->data[i] != '\n');
		if (ascii)
			CHECK(b->data[i] >= 0x20 && b->data[i] < 0x7f);
	}
}

/* The rule of a record, and the line of its log format. */
static void check_rule(const unsigned char *rec_start, long n,
		       const struct sclog_rec *rec)
{
	struct sclog_rule_view rv;
	const char *err = NULL;
	int r = sclog_rec_rule(rec, &rv, &err);
	bool line;

	CHECK(r == SCLOG_RULE_NONE || r == SCLOG_RULE_OK ||
	      (r == SCLOG_RULE_BAD && err && *err));
	if (r == SCLOG_RULE_OK) {
		CHECK(rv.name >= rec_start && rv.name + rv.name_len <= rec_start + n);
		CHECK(rv.name_len >= 1 && rv.name_len <= SCLOG_RULE_NAME_MAX);
		CHECK(sclog_action_name(rv.action) != NULL);
		CHECK(!rv.format || (rv.format >= rec_start &&
				     rv.format + rv.format_len <= rec_start + n &&
				     rv.format_len >= 1 &&
				     rv.format_len <= SCLOG_RULE_FORMAT_MAX));
	}
	sclog_buf_reset(&out);
	line = sclog_format_rule_line(&out, rec);
	CHECK(line == (r == SCLOG_RULE_OK && rv.format != NULL));
	if (line)
		check_line(&out, 1);
	else
		CHECK(out.len == 0);
}

static void one_record(const unsigned char *rec_start, long n,
		       const struct sclog_rec *rec)
{
	struct sclog_field_view f;
	size_t off = 0, prev = 0;
	int r;

	while ((r = sclog_rec_next_field(rec, &off, &f)) == 1) {
		CHECK(off > prev && off <= rec->fields_len);
		CHECK(f.data >= rec_start && f.data + f.len <= rec_start + n);
		CHECK(f.flags <= 0xff && f.arg <= 0xff && f.type <= 0xffff);
		prev = off;
	}
	CHECK(r == 0);
	CHECK(sclog_rec_comm_len(rec) <= 16);
	check_rule(rec_start, n, rec);

	sclog_buf_reset(&out);
	sclog_format_text(&out, rec);
	check_line(&out, 1);
	sclog_buf_reset(&out);
	sclog_format_json(&out, rec);
	check_line(&out, 1);
	sclog_buf_reset(&out);
	sclog_format_template(&out, tpl, rec);
	check_line(&out, 1);
}

static void fuzz_template(const uint8_t *data, size_t size)
{
	char spec[256], err[128];
	struct sclog_template *t;
	struct sclog_rec rec;
	size_t n = size < sizeof(spec) - 1 ? size : sizeof(spec) - 1;

	memcpy(spec, data, n);
	spec[n] = '\0';
	err[0] = '\0';
	t = sclog_template_new(spec, err, sizeof(err));
	if (!t) {
		CHECK(err[0] != '\0');
		return;
	}
	memset(&rec, 0, sizeof(rec));
	rec.hdr.size = rec.hdr.hdr_size = SCLOG_REC_V1_HDR_SIZE;
	rec.hdr.version = SCLOG_RECORD_VERSION;
	rec.hdr.type = SCLOG_REC_SYSCALL;
	rec.hdr.nr = 257;
	memcpy(rec.hdr.comm, "a\n\"\x1b\xff", 5);
	sclog_buf_reset(&out);
	sclog_format_template(&out, t, &rec);
	/* the template's own bytes >= 0x80 are allowed */
	check_line(&out, 0);
	sclog_template_free(t);
}

/* Append a field to the record being built at p (*len bytes so far). */
static void put_field(unsigned char *p, size_t *len, unsigned int type,
		      unsigned int arg, const void *data, size_t n)
{
	struct sclog_field h = { .type = (uint16_t)type, .arg = (uint8_t)arg,
				 .len = (uint32_t)n };

	memcpy(p + *len, &h, sizeof(h));
	memset(p + *len + sizeof(h), 0, (n + 7) & ~(size_t)7);
	memcpy(p + *len + sizeof(h), data, n);
	*len += sizeof(h) + ((n + 7) & ~(size_t)7);
}

/* The input as the log format of the rule of an openat record. */
static void fuzz_rule_format(const uint8_t *data, size_t size)
{
	static unsigned char buf[SCLOG_REC_V1_HDR_SIZE + 1024];
	struct sclog_record h;
	struct sclog_rec rec;
	size_t n = size < SCLOG_RULE_FORMAT_MAX ? size : SCLOG_RULE_FORMAT_MAX;
	size_t len = SCLOG_REC_V1_HDR_SIZE;
	bool printable = n > 0;

	for (size_t i = 0; i < n; i++)
		printable &= data[i] >= 0x20 && data[i] <= 0x7e;
	memset(&h, 0, sizeof(h));
	h.hdr_size = SCLOG_REC_V1_HDR_SIZE;
	h.version = SCLOG_RECORD_VERSION;
	h.type = SCLOG_REC_SYSCALL;
	h.flags = SCLOG_RF_RULE;
	h.nr = 257;
	h.args[0] = (uint64_t)-100;
	memcpy(h.comm, "a\n\"\x1b\xff", 5);
	put_field(buf, &len, SCLOG_FIELD_NAME, 1, "x\n\"\\\xff", 5);
	put_field(buf, &len, SCLOG_FIELD_ARGV, SCLOG_ARG_NONE, "a\0 \0-", 5);
	put_field(buf, &len, SCLOG_FIELD_RULE, SCLOG_ACT_FAIL, "r\"\\", 3);
	put_field(buf, &len, SCLOG_FIELD_RULE_FORMAT, SCLOG_ARG_NONE, data, n);
	h.size = (uint32_t)len;
	memcpy(buf, &h, sizeof(h));
	CHECK(sclog_rec_decode(buf, len, &rec, NULL) == (long)len);
	sclog_buf_reset(&out);
	CHECK(sclog_format_rule_line(&out, &rec) == printable);
	if (printable)
		check_line(&out, 1);
	sclog_buf_reset(&out);
	sclog_format_json(&out, &rec);
	check_line(&out, 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t off = 0;

	if (!tpl) {
		char err[128];

		tpl = sclog_template_new("%time %ruleid %sid %sname(%params) = "
					 "%retval %pid %uid %euid %suid %gid "
					 "%egid %sgid %comm %tid %ppid %fsuid "
					 "%fsgid %seq %arch %cwd %path %argv %%",
					 err, sizeof(err));
		CHECK(tpl);
		sclog_buf_init(&out);
	}

	/* The same bytes at an odd address decode the same way. */
	if (size) {
		static unsigned char ubuf[SCLOG_RECORD_MAX + 9];
		size_t m = size < SCLOG_RECORD_MAX + 8 ? size : SCLOG_RECORD_MAX + 8;
		struct sclog_rec r1, r2;
		long n1, n2;

		memcpy(ubuf + 1, data, m);
		n1 = sclog_rec_decode(data, m, &r1, NULL);
		n2 = sclog_rec_decode(ubuf + 1, m, &r2, NULL);
		CHECK(n1 == n2);
		if (n1 > 0)
			CHECK(memcmp(&r1.hdr, &r2.hdr, sizeof(r1.hdr)) == 0);
	}

	while (off < size) {
		struct sclog_rec rec;
		const char *err = NULL;
		long n = sclog_rec_decode(data + off, size - off, &rec, &err);

		if (n == SCLOG_REC_BAD) {
			CHECK(err && *err);
			break;
		}
		CHECK(n >= 0);
		if (n == 0)
			break;
		CHECK(n % 8 == 0 && (size_t)n <= size - off);
		CHECK((size_t)n >= SCLOG_REC_V1_HDR_SIZE);
		CHECK(rec.fields == data + off + rec.hdr.hdr_size);
		CHECK(rec.fields_len == (size_t)n - rec.hdr.hdr_size);
		one_record(data + off, n, &rec);
		off += (size_t)n;
	}
	fuzz_template(data, size);
	fuzz_rule_format(data, size);
	return 0;
}
