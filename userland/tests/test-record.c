// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for lib/record.c: decoding of hand-built records, every
 * malformed case record.h names, truncation at every length, unaligned
 * buffers, unknown record and field types.
 *
 * With SCLOG_FIXTURES set, every file there ending in .bin (a raw capture of
 * /dev/sclog reads) must decode completely, record after record.
 */

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "record.h"

#define HDR ((size_t)SCLOG_REC_V1_HDR_SIZE)

/* A record buffer: one extra byte in front, so data + 1 is unaligned. */
struct rbuf {
	unsigned char raw[SCLOG_RECORD_MAX + 16];
	unsigned char *p;	/* raw + 1 */
	size_t len;
};

static void put_u32(unsigned char *p, uint32_t v) { memcpy(p, &v, 4); }
static void put_u16(unsigned char *p, uint16_t v) { memcpy(p, &v, 2); }

/* A valid syscall record of hdr_size hdr with no fields. */
static void rb_init(struct rbuf *b, size_t hdr)
{
	struct sclog_record r;

	memset(b->raw, 0xa5, sizeof(b->raw));
	b->p = b->raw + 1;
	memset(&r, 0, sizeof(r));
	r.size = (uint32_t)hdr;
	r.hdr_size = (uint16_t)hdr;
	r.version = SCLOG_RECORD_VERSION;
	r.type = SCLOG_REC_SYSCALL;
	r.abi = SCLOG_ABI_X86_64;
	r.cpu = 3;
	r.nr = 257;
	r.seq = 0x1122334455667788ULL;
	r.time_real = 1795782964123456789ULL;
	r.args[0] = (uint64_t)-100;
	r.args[5] = 0xdeadbeefcafef00dULL;
	r.ret = -2;
	r.pid = 123;
	r.tid = 124;
	r.ppid = 1;
	r.uid = 1000;
	r.auid = UINT32_MAX;
	memcpy(r.comm, "cat", 3);
	memset(b->p, 0, hdr);
	memcpy(b->p, &r, sizeof(r));
	b->len = hdr;
}

/* Append a field of argument arg and fix up the record size. */
static void rb_field_arg(struct rbuf *b, uint16_t type, uint8_t flags,
			 uint8_t arg, const void *data, uint32_t len)
{
	struct sclog_field f = { .type = type, .flags = flags, .arg = arg,
				 .len = len };
	size_t padded = ((size_t)len + 7) & ~(size_t)7;

	memcpy(b->p + b->len, &f, sizeof(f));
	memset(b->p + b->len + sizeof(f), 0, padded);
	memcpy(b->p + b->len + sizeof(f), data, len);
	b->len += sizeof(f) + padded;
	put_u32(b->p, (uint32_t)b->len);
}

/* The same, of no argument. */
static void rb_field(struct rbuf *b, uint16_t type, uint8_t flags,
		     const void *data, uint32_t len)
{
	rb_field_arg(b, type, flags, SCLOG_ARG_NONE, data, len);
}

static void expect_bad(const void *buf, size_t len, const char *want)
{
	struct sclog_rec rec;
	const char *err = NULL;

	assert_int_equal(sclog_rec_decode(buf, len, &rec, &err), SCLOG_REC_BAD);
	assert_non_null(err);
	assert_string_equal(err, want);
	/* err may be NULL */
	assert_int_equal(sclog_rec_decode(buf, len, &rec, NULL), SCLOG_REC_BAD);
}

static void test_valid_minimal(void **state)
{
	static struct rbuf b;
	struct sclog_rec rec;
	const char *err = "untouched";
	size_t off = 0;
	struct sclog_field_view f;

	(void)state;
	rb_init(&b, HDR);
	assert_int_equal(sclog_rec_decode(b.p, b.len, &rec, &err), (long)HDR);
	assert_string_equal(err, "untouched");
	assert_int_equal(rec.hdr.size, HDR);
	assert_int_equal(rec.hdr.abi, SCLOG_ABI_X86_64);
	assert_int_equal(rec.hdr.cpu, 3);
	assert_int_equal(rec.hdr.nr, 257);
	assert_true(rec.hdr.seq == 0x1122334455667788ULL);
	assert_true(rec.hdr.args[0] == (uint64_t)-100);
	assert_true(rec.hdr.args[5] == 0xdeadbeefcafef00dULL);
	assert_true(rec.hdr.ret == -2);
	assert_int_equal(rec.hdr.pid, 123);
	assert_int_equal(rec.hdr.auid, UINT32_MAX);
	assert_int_equal(rec.fields_len, 0);
	assert_ptr_equal(rec.fields, b.p + HDR);
	assert_int_equal(sclog_rec_comm_len(&rec), 3);
	assert_true(sclog_rec_has_ret(&rec));
	assert_int_equal(sclog_rec_next_field(&rec, &off, &f), 0);
}

/* Every offset of the buffer: aligned and not. */
static void test_unaligned(void **state)
{
	static unsigned char raw[HDR + 64];
	static struct rbuf b;
	struct sclog_rec rec;

	(void)state;
	rb_init(&b, HDR);
	rb_field(&b, 1, 0, "x", 1);
	for (size_t shift = 0; shift < 8; shift++) {
		memcpy(raw + shift, b.p, b.len);
		assert_int_equal(sclog_rec_decode(raw + shift, b.len, &rec, NULL),
				 (long)b.len);
		assert_int_equal(rec.hdr.nr, 257);
		assert_int_equal(rec.fields_len, 16);
		assert_ptr_equal(rec.fields, raw + shift + HDR);
	}
}

static void test_truncated_every_length(void **state)
{
	static struct rbuf b;
	struct sclog_rec rec;
	const char *err = NULL;

	(void)state;
	rb_init(&b, HDR);
	rb_field(&b, 1, 0, "/etc/passwd", 11);
	rb_field(&b, 2, SCLOG_FF_TRUNCATED, "abc", 3);
	for (size_t len = 0; len < b.len; len++)
		assert_int_equal(sclog_rec_decode(b.p, len, &rec, &err),
				 SCLOG_REC_NEED_MORE);
	assert_null(err);
	assert_int_equal(sclog_rec_decode(b.p, b.len, &rec, &err), (long)b.len);
	/* more bytes after the record: only the first one is decoded */
	assert_int_equal(sclog_rec_decode(b.p, b.len + 8, &rec, &err),
			 (long)b.len);
}

static void test_two_records(void **state)
{
	static struct rbuf b;
	static unsigned char two[2 * (HDR + 16) + 1];
	struct sclog_rec rec;
	size_t first;
	long n;

	(void)state;
	rb_init(&b, HDR);
	rb_field(&b, 1, 0, "a", 1);
	first = b.len;
	memcpy(two + 1, b.p, first);
	rb_init(&b, HDR);
	put_u16(b.p + offsetof(struct sclog_record, abi), SCLOG_ABI_I386);
	memcpy(two + 1 + first, b.p, b.len);

	n = sclog_rec_decode(two + 1, first + b.len, &rec, NULL);
	assert_int_equal(n, (long)first);
	assert_int_equal(rec.hdr.abi, SCLOG_ABI_X86_64);
	n = sclog_rec_decode(two + 1 + n, first + b.len - (size_t)n, &rec, NULL);
	assert_int_equal(n, (long)HDR);
	assert_int_equal(rec.hdr.abi, SCLOG_ABI_I386);
}

static void test_bad_size(void **state)
{
	static struct rbuf b;

	(void)state;
	rb_init(&b, HDR);
	put_u32(b.p, HDR + 4);
	expect_bad(b.p, b.len + 8, "record size is not a multiple of 8");
	put_u32(b.p, 1);
	expect_bad(b.p, 8, "record size is not a multiple of 8");
	put_u32(b.p, SCLOG_RECORD_MAX + 8);
	expect_bad(b.p, b.len, "record size is larger than SCLOG_RECORD_MAX");
	put_u32(b.p, UINT32_MAX - 7);
	expect_bad(b.p, 8, "record size is larger than SCLOG_RECORD_MAX");
	put_u32(b.p, HDR - 8);
	expect_bad(b.p, b.len, "record size is smaller than its header size");
	put_u32(b.p, 0);
	expect_bad(b.p, 8, "record size is smaller than its header size");
}

static void test_bad_hdr_size(void **state)
{
	static struct rbuf b;

	(void)state;
	rb_init(&b, HDR);
	put_u16(b.p + 4, HDR - 8);
	expect_bad(b.p, b.len,
		   "record header size is smaller than a version-1 header");
	put_u16(b.p + 4, 0);
	expect_bad(b.p, 8,
		   "record header size is smaller than a version-1 header");
	put_u16(b.p + 4, HDR + 4);
	put_u32(b.p, HDR + 8);
	expect_bad(b.p, b.len + 8, "record header size is not a multiple of 8");
	/* header larger than the record */
	put_u16(b.p + 4, HDR + 8);
	put_u32(b.p, HDR);
	expect_bad(b.p, b.len, "record size is smaller than its header size");
}

static void test_bad_version_abi(void **state)
{
	static struct rbuf b;

	(void)state;
	rb_init(&b, HDR);
	put_u16(b.p + offsetof(struct sclog_record, version), 2);
	expect_bad(b.p, b.len, "unsupported record version");
	/* known as soon as the version's bytes are there */
	expect_bad(b.p, offsetof(struct sclog_record, version) + 2,
		   "unsupported record version");
	put_u16(b.p + offsetof(struct sclog_record, version), 0);
	expect_bad(b.p, b.len, "unsupported record version");

	rb_init(&b, HDR);
	put_u16(b.p + offsetof(struct sclog_record, abi), SCLOG_NR_ABIS);
	expect_bad(b.p, b.len, "unknown record ABI");
	put_u16(b.p + offsetof(struct sclog_record, abi), UINT16_MAX);
	expect_bad(b.p, offsetof(struct sclog_record, abi) + 2,
		   "unknown record ABI");
}

static void test_fields_past_end(void **state)
{
	static struct rbuf b;
	struct sclog_field f = { .type = 1, .arg = SCLOG_ARG_NONE, .len = 9 };

	(void)state;
	/* field data one byte longer than the record */
	rb_init(&b, HDR);
	rb_field(&b, 1, 0, "12345678", 8);
	memcpy(b.p + HDR, &f, sizeof(f));
	expect_bad(b.p, b.len, "field runs past the end of the record");
	/* a huge field length */
	f.len = UINT32_MAX;
	memcpy(b.p + HDR, &f, sizeof(f));
	expect_bad(b.p, b.len, "field runs past the end of the record");
	/* the second field runs past the end */
	rb_init(&b, HDR);
	rb_field(&b, 1, 0, "abc", 3);
	rb_field(&b, 2, 0, "defghijk", 8);
	f.len = 16;
	memcpy(b.p + HDR + 16, &f, sizeof(f));
	expect_bad(b.p, b.len, "field runs past the end of the record");
	/* exactly fitting is fine */
	f.len = 8;
	memcpy(b.p + HDR + 16, &f, sizeof(f));
	assert_int_equal(sclog_rec_decode(b.p, b.len, &(struct sclog_rec){ 0 },
					  NULL), (long)b.len);
}

static void test_fields_iterate(void **state)
{
	static struct rbuf b;
	struct sclog_rec rec;
	struct sclog_field_view f;
	size_t off = 0;

	(void)state;
	rb_init(&b, HDR);
	rb_field(&b, 1, 0, "/etc/passwd", 11);
	rb_field(&b, 0x7777, SCLOG_FF_TRUNCATED, "", 0);	/* unknown type */
	rb_field(&b, 3, 0, "12345678", 8);
	assert_int_equal(sclog_rec_decode(b.p, b.len, &rec, NULL), (long)b.len);
	assert_int_equal(rec.fields_len, 24 + 8 + 16);

	assert_int_equal(sclog_rec_next_field(&rec, &off, &f), 1);
	assert_int_equal(f.type, 1);
	assert_int_equal(f.flags, 0);
	assert_int_equal(f.len, 11);
	assert_memory_equal(f.data, "/etc/passwd", 11);
	assert_int_equal(off, 24);
	assert_int_equal(sclog_rec_next_field(&rec, &off, &f), 1);
	assert_int_equal(f.type, 0x7777);
	assert_int_equal(f.flags, SCLOG_FF_TRUNCATED);
	assert_int_equal(f.len, 0);
	assert_int_equal(sclog_rec_next_field(&rec, &off, &f), 1);
	assert_int_equal(f.type, 3);
	assert_memory_equal(f.data, "12345678", 8);
	assert_int_equal(sclog_rec_next_field(&rec, &off, &f), 0);
	assert_int_equal(sclog_rec_next_field(&rec, &off, &f), 0);

	/* a struct sclog_rec that was not validated */
	f.len = 99;
	rec.fields_len = 8;
	off = 0;
	put_u32(b.p + HDR + 4, 1);
	assert_int_equal(sclog_rec_next_field(&rec, &off, &f), -1);
	assert_int_equal(off, 0);
}

/*
 * The field header as bytes: u16 type, u8 flags, u8 arg, u32 len (host
 * byte order), written here without struct sclog_field.
 */
static void test_field_header_bytes(void **state)
{
	static struct rbuf b;
	struct sclog_rec rec;
	struct sclog_field_view f;
	unsigned char *h;
	size_t off = 0;

	(void)state;
	rb_init(&b, HDR);
	h = b.p + HDR;
	memset(h, 0, 32);
	put_u16(h, SCLOG_FIELD_FD_PATH);
	h[2] = SCLOG_FF_TRUNCATED | SCLOG_FF_FD_CHANGED;
	h[3] = 5;
	put_u32(h + 4, 9);
	memcpy(h + 8, "/dev/null", 9);
	put_u16(h + 24, SCLOG_FIELD_ARGV);
	h[26] = 0;
	h[27] = SCLOG_ARG_NONE;
	put_u32(h + 28, 0);
	b.len = HDR + 32;
	put_u32(b.p, (uint32_t)b.len);
	assert_int_equal(sclog_rec_decode(b.p, b.len, &rec, NULL), (long)b.len);
	assert_int_equal(sclog_rec_next_field(&rec, &off, &f), 1);
	assert_int_equal(f.type, SCLOG_FIELD_FD_PATH);
	assert_int_equal(f.flags, SCLOG_FF_TRUNCATED | SCLOG_FF_FD_CHANGED);
	assert_int_equal(f.arg, 5);
	assert_int_equal(f.len, 9);
	assert_memory_equal(f.data, "/dev/null", 9);
	assert_int_equal(off, 24);
	assert_int_equal(sclog_rec_next_field(&rec, &off, &f), 1);
	assert_int_equal(f.type, SCLOG_FIELD_ARGV);
	assert_int_equal(f.flags, 0);
	assert_int_equal(f.arg, SCLOG_ARG_NONE);
	assert_int_equal(f.len, 0);
	assert_int_equal(sclog_rec_next_field(&rec, &off, &f), 0);

	/* flags and arg bytes of 0xff are not part of the length */
	h[2] = 0xff;
	h[3] = 0xff;
	assert_int_equal(sclog_rec_decode(b.p, b.len, &rec, NULL), (long)b.len);
	off = 0;
	assert_int_equal(sclog_rec_next_field(&rec, &off, &f), 1);
	assert_int_equal(f.flags, 0xff);
	assert_int_equal(f.arg, 0xff);
	assert_int_equal(f.len, 9);

	/*
	 * a length with a high byte set, or one byte longer than the rest
	 * of the record (24 bytes: it would swallow the second field), is
	 * refused
	 */
	put_u32(h + 4, 0x01000009);
	expect_bad(b.p, b.len, "field runs past the end of the record");
	put_u32(h + 4, 25);
	expect_bad(b.p, b.len, "field runs past the end of the record");
	put_u32(h + 4, 24);
	assert_int_equal(sclog_rec_decode(b.p, b.len, &rec, NULL), (long)b.len);
	put_u32(h + 4, 9);
	put_u32(h + 28, 1);
	expect_bad(b.p, b.len, "field runs past the end of the record");
	/* 16 bytes of data in place of the 9 and their padding: fits */
	put_u32(h + 28, 0);
	put_u32(h + 4, 16);
	assert_int_equal(sclog_rec_decode(b.p, b.len, &rec, NULL), (long)b.len);
}

/* The fields of a call as the kernel lays them out, with their args. */
static void test_fields_of_a_call(void **state)
{
	static const char argv[] = "sh\0-c\0echo";	/* last one cut off */
	static struct rbuf b;
	struct sclog_rec rec;
	struct sclog_field_view f;
	size_t off = 0;

	(void)state;
	rb_init(&b, HDR);
	rb_field_arg(&b, SCLOG_FIELD_NAME, 0, 1, "a/b", 3);
	rb_field_arg(&b, SCLOG_FIELD_PATH, 0, 1, "/tmp/a/b", 8);
	rb_field_arg(&b, SCLOG_FIELD_NAME, SCLOG_FF_TRUNCATED, 3, "c", 1);
	rb_field(&b, SCLOG_FIELD_CWD, 0, "/tmp", 4);
	rb_field_arg(&b, SCLOG_FIELD_FD_PATH, SCLOG_FF_FD_CHANGED, 0, "/x", 2);
	rb_field(&b, SCLOG_FIELD_ARGV, SCLOG_FF_TRUNCATED, argv, sizeof(argv) - 1);
	assert_int_equal(sclog_rec_decode(b.p, b.len, &rec, NULL), (long)b.len);
	assert_int_equal(sclog_rec_next_field(&rec, &off, &f), 1);
	assert_true(f.type == SCLOG_FIELD_NAME && f.arg == 1 && f.flags == 0);
	assert_int_equal(sclog_rec_next_field(&rec, &off, &f), 1);
	assert_true(f.type == SCLOG_FIELD_PATH && f.arg == 1 && f.len == 8);
	assert_int_equal(sclog_rec_next_field(&rec, &off, &f), 1);
	assert_true(f.type == SCLOG_FIELD_NAME && f.arg == 3 &&
		    f.flags == SCLOG_FF_TRUNCATED);
	assert_int_equal(sclog_rec_next_field(&rec, &off, &f), 1);
	assert_true(f.type == SCLOG_FIELD_CWD && f.arg == SCLOG_ARG_NONE);
	assert_int_equal(sclog_rec_next_field(&rec, &off, &f), 1);
	assert_true(f.type == SCLOG_FIELD_FD_PATH && f.arg == 0 &&
		    f.flags == SCLOG_FF_FD_CHANGED);
	assert_int_equal(sclog_rec_next_field(&rec, &off, &f), 1);
	assert_true(f.type == SCLOG_FIELD_ARGV && f.len == sizeof(argv) - 1);
	assert_memory_equal(f.data, argv, sizeof(argv) - 1);
	assert_int_equal(sclog_rec_next_field(&rec, &off, &f), 0);
	assert_int_equal(off, rec.fields_len);
}

static void test_unknown_type_and_longer_header(void **state)
{
	static struct rbuf b;
	struct sclog_rec rec;
	struct sclog_field_view f;
	size_t off = 0;

	(void)state;
	/* a newer kernel: 16 more header bytes, a new record type */
	rb_init(&b, HDR + 16);
	memset(b.p + HDR, 0xee, 16);
	put_u16(b.p + offsetof(struct sclog_record, type), 42);
	rb_field(&b, 1, 0, "p", 1);
	assert_int_equal(sclog_rec_decode(b.p, b.len, &rec, NULL), (long)b.len);
	assert_int_equal(rec.hdr.type, 42);
	assert_int_equal(rec.hdr.hdr_size, HDR + 16);
	assert_ptr_equal(rec.fields, b.p + HDR + 16);
	assert_int_equal(sclog_rec_next_field(&rec, &off, &f), 1);
	assert_memory_equal(f.data, "p", 1);
	assert_int_equal(sclog_rec_next_field(&rec, &off, &f), 0);
}

/* A reader record's signal field; a short one reads as zero beyond. */
static void test_signal_field(void **state)
{
	static struct rbuf b;
	struct sclog_signal_info si, got;
	struct sclog_rec rec;

	(void)state;
	memset(&si, 0, sizeof(si));
	si.signo = 9;
	si.pid = 1234;
	si.uid = 1000;
	memcpy(si.comm, "kill", 4);
	rb_init(&b, HDR);
	put_u16(b.p + offsetof(struct sclog_record, type), SCLOG_REC_READER);
	assert_int_equal(sclog_rec_decode(b.p, b.len, &rec, NULL), (long)b.len);
	assert_false(sclog_rec_signal(&rec, &got));
	rb_field(&b, SCLOG_FIELD_NAME, 0, "x", 1);
	rb_field(&b, SCLOG_FIELD_SIGNAL, 0, &si, sizeof(si));
	assert_int_equal(sclog_rec_decode(b.p, b.len, &rec, NULL), (long)b.len);
	assert_true(sclog_rec_signal(&rec, &got));
	assert_memory_equal(&got, &si, sizeof(si));
	/* An older kernel's shorter field: what it has, zeros after. */
	rb_init(&b, HDR);
	rb_field(&b, SCLOG_FIELD_SIGNAL, 0, &si, 12);
	assert_int_equal(sclog_rec_decode(b.p, b.len, &rec, NULL), (long)b.len);
	assert_true(sclog_rec_signal(&rec, &got));
	assert_int_equal(got.signo, 9);
	assert_int_equal(got.pid, 1234);
	assert_int_equal(got.uid, 0);
	assert_int_equal(got.comm[0], 0);
}

/* Sequence numbers: gaps, going back, and where an earlier run stopped. */
static void test_seq(void **state)
{
	struct sclog_seq s = { 0 };
	uint64_t first = 0;

	(void)state;
	assert_int_equal(sclog_seq_note(&s, 1, 10, &first), SCLOG_SEQ_OK);
	assert_int_equal(sclog_seq_note(&s, 1, 11, &first), SCLOG_SEQ_OK);
	assert_int_equal(sclog_seq_note(&s, 1, 15, &first), SCLOG_SEQ_GAP);
	assert_int_equal(first, 12);
	assert_int_equal(sclog_seq_note(&s, 1, 3, &first), SCLOG_SEQ_BACK);
	assert_int_equal(first, 16);
	/* A CPU seen first: no gap; one an earlier run followed: its gap. */
	assert_int_equal(sclog_seq_note(&s, 200, 7, &first), SCLOG_SEQ_OK);
	assert_int_equal(sclog_seq_expect(&s, 300, 40), SCLOG_SEQ_OK);
	assert_int_equal(sclog_seq_note(&s, 300, 40, &first), SCLOG_SEQ_OK);
	assert_int_equal(sclog_seq_expect(&s, 2, 40), SCLOG_SEQ_OK);
	assert_int_equal(sclog_seq_note(&s, 2, 45, &first), SCLOG_SEQ_GAP);
	assert_int_equal(first, 40);
	assert_true(s.ncpus > 300);
	sclog_seq_free(&s);
}

static void test_comm_and_flags(void **state)
{
	static struct rbuf b;
	struct sclog_rec rec;

	(void)state;
	rb_init(&b, HDR);
	memcpy(b.p + offsetof(struct sclog_record, comm), "0123456789abcdef", 16);
	put_u16(b.p + offsetof(struct sclog_record, flags),
		SCLOG_RF_ENTRY | SCLOG_RF_NORETURN);
	assert_int_equal(sclog_rec_decode(b.p, b.len, &rec, NULL), (long)HDR);
	assert_int_equal(sclog_rec_comm_len(&rec), 16);
	assert_false(sclog_rec_has_ret(&rec));
	memset(b.p + offsetof(struct sclog_record, comm), 0, 16);
	assert_int_equal(sclog_rec_decode(b.p, b.len, &rec, NULL), (long)HDR);
	assert_int_equal(sclog_rec_comm_len(&rec), 0);
}

static void test_largest_record(void **state)
{
	static struct rbuf b;
	static unsigned char data[SCLOG_RECORD_MAX];
	struct sclog_rec rec;
	struct sclog_field_view f;
	size_t off = 0;
	uint32_t n = SCLOG_RECORD_MAX - HDR - 8;

	(void)state;
	rb_init(&b, HDR);
	memset(data, 'z', sizeof(data));
	rb_field(&b, 1, 0, data, n);
	assert_int_equal(b.len, SCLOG_RECORD_MAX);
	assert_int_equal(sclog_rec_decode(b.p, b.len, &rec, NULL),
			 SCLOG_RECORD_MAX);
	assert_int_equal(sclog_rec_next_field(&rec, &off, &f), 1);
	assert_int_equal(f.len, n);
	assert_int_equal(sclog_rec_decode(b.p, b.len - 1, &rec, NULL),
			 SCLOG_REC_NEED_MORE);
}

/* ------------------------------------------------------------------------ */
/* rules */

static void set_flags(struct rbuf *b, uint16_t flags)
{
	put_u16(b->p + offsetof(struct sclog_record, flags), flags);
}

/* The rule of the record in b, which must decode. */
static int rule_of(const struct rbuf *b, struct sclog_rule_view *rv,
		   const char **err)
{
	struct sclog_rec rec;

	*err = NULL;
	assert_int_equal(sclog_rec_decode(b->p, b->len, &rec, NULL),
			 (long)b->len);
	return sclog_rec_rule(&rec, rv, err);
}

static void expect_rule_bad(const struct rbuf *b, const char *want)
{
	struct sclog_rule_view rv;
	struct sclog_rec rec;
	const char *err;

	assert_int_equal(rule_of(b, &rv, &err), SCLOG_RULE_BAD);
	assert_non_null(err);
	assert_string_equal(err, want);
	/* err may be NULL */
	assert_int_equal(sclog_rec_decode(b->p, b->len, &rec, NULL),
			 (long)b->len);
	assert_int_equal(sclog_rec_rule(&rec, &rv, NULL), SCLOG_RULE_BAD);
}

/* A record flagged SCLOG_RF_RULE with a rule field (name, action). */
static void rb_rule(struct rbuf *b, const char *name, size_t n,
		    unsigned int action)
{
	rb_init(b, HDR);
	set_flags(b, SCLOG_RF_RULE);
	rb_field_arg(b, SCLOG_FIELD_RULE, 0, (uint8_t)action, name, (uint32_t)n);
}

static void test_rule_fields(void **state)
{
	static const char fmt[] = "%comm : %params delete by %euid --> %suid";
	static struct rbuf b;
	struct sclog_rule_view rv;
	const char *err;

	(void)state;
	/* no rule */
	rb_init(&b, HDR);
	rb_field_arg(&b, SCLOG_FIELD_NAME, 0, 0, "./dummy", 7);
	assert_int_equal(rule_of(&b, &rv, &err), SCLOG_RULE_NONE);
	assert_null(err);

	/* a rule with a log format, among other fields, in any order */
	rb_init(&b, HDR);
	set_flags(&b, SCLOG_RF_RULE | SCLOG_RF_WATCH);
	rb_field_arg(&b, SCLOG_FIELD_RULE_FORMAT, 0, SCLOG_ARG_NONE, fmt,
		     sizeof(fmt) - 1);
	rb_field_arg(&b, SCLOG_FIELD_NAME, 0, 0, "./dummy", 7);
	rb_field_arg(&b, 0x7777, 0, 0, "future", 6);	/* skipped */
	rb_field_arg(&b, SCLOG_FIELD_RULE, 0, SCLOG_ACT_LOG, "rm-log", 6);
	assert_int_equal(rule_of(&b, &rv, &err), SCLOG_RULE_OK);
	assert_int_equal(rv.action, SCLOG_ACT_LOG);
	assert_int_equal(rv.name_len, 6);
	assert_memory_equal(rv.name, "rm-log", 6);
	assert_ptr_equal(rv.name, b.p + b.len - 8);
	assert_int_equal(rv.format_len, sizeof(fmt) - 1);
	assert_memory_equal(rv.format, fmt, sizeof(fmt) - 1);

	/* each action a record can carry; no format */
	static const unsigned int acts[] = {
		SCLOG_ACT_LOG, SCLOG_ACT_FAIL, SCLOG_ACT_KILL, SCLOG_ACT_SUSPEND,
	};
	for (size_t i = 0; i < 4; i++) {
		rb_rule(&b, "r", 1, acts[i]);
		assert_int_equal(rule_of(&b, &rv, &err), SCLOG_RULE_OK);
		assert_int_equal(rv.action, acts[i]);
		assert_null(rv.format);
		assert_int_equal(rv.format_len, 0);
	}
	/* flags on the fields are not looked at */
	rb_init(&b, HDR);
	set_flags(&b, SCLOG_RF_RULE);
	rb_field_arg(&b, SCLOG_FIELD_RULE, 0xff, SCLOG_ACT_KILL, "k", 1);
	assert_int_equal(rule_of(&b, &rv, &err), SCLOG_RULE_OK);

	/* the flag and the field go together */
	rb_init(&b, HDR);
	set_flags(&b, SCLOG_RF_RULE);
	expect_rule_bad(&b, "rule flag without a rule field");
	rb_field_arg(&b, SCLOG_FIELD_RULE_FORMAT, 0, SCLOG_ARG_NONE, "x", 1);
	expect_rule_bad(&b, "rule format field without a rule field");
	set_flags(&b, 0);
	expect_rule_bad(&b, "rule format field without a rule field");
	rb_init(&b, HDR);
	rb_field_arg(&b, SCLOG_FIELD_RULE, 0, SCLOG_ACT_LOG, "r", 1);
	expect_rule_bad(&b, "rule field without the rule flag");
	/* one of each */
	rb_rule(&b, "r", 1, SCLOG_ACT_LOG);
	rb_field_arg(&b, SCLOG_FIELD_RULE, 0, SCLOG_ACT_LOG, "s", 1);
	expect_rule_bad(&b, "more than one rule field");
	rb_rule(&b, "r", 1, SCLOG_ACT_LOG);
	rb_field_arg(&b, SCLOG_FIELD_RULE_FORMAT, 0, SCLOG_ARG_NONE, "x", 1);
	rb_field_arg(&b, SCLOG_FIELD_RULE_FORMAT, 0, SCLOG_ARG_NONE, "y", 1);
	expect_rule_bad(&b, "more than one rule format field");

	/* actions */
	rb_rule(&b, "r", 1, SCLOG_ACT_IGNORE);
	expect_rule_bad(&b, "rule action IGNORE in a record");
	rb_rule(&b, "r", 1, 0);
	expect_rule_bad(&b, "rule action is not LOG, FAIL, KILL or SUSPEND");
	rb_rule(&b, "r", 1, SCLOG_ACT_SUSPEND + 1);
	expect_rule_bad(&b, "rule action is not LOG, FAIL, KILL or SUSPEND");
	rb_rule(&b, "r", 1, SCLOG_ARG_NONE);
	expect_rule_bad(&b, "rule action is not LOG, FAIL, KILL or SUSPEND");
}

static void test_rule_names_and_formats(void **state)
{
	static struct rbuf b;
	static char big[SCLOG_RULE_FORMAT_MAX + 8];
	struct sclog_rule_view rv;
	const char *err;
	char name[2];

	(void)state;
	memset(big, 'n', sizeof(big));
	/* names: 1 to 64 bytes of 0x21-0x7e */
	rb_rule(&b, big, SCLOG_RULE_NAME_MAX, SCLOG_ACT_FAIL);
	assert_int_equal(rule_of(&b, &rv, &err), SCLOG_RULE_OK);
	assert_int_equal(rv.name_len, SCLOG_RULE_NAME_MAX);
	rb_rule(&b, big, SCLOG_RULE_NAME_MAX + 1, SCLOG_ACT_FAIL);
	expect_rule_bad(&b, "rule name longer than SCLOG_RULE_NAME_MAX");
	rb_rule(&b, big, 0, SCLOG_ACT_FAIL);
	expect_rule_bad(&b, "empty rule name");
	for (int c = 0; c < 256; c++) {
		name[0] = 'a';
		name[1] = (char)c;
		rb_rule(&b, name, 2, SCLOG_ACT_LOG);
		if (c >= 0x21 && c <= 0x7e) {
			assert_int_equal(rule_of(&b, &rv, &err), SCLOG_RULE_OK);
			assert_memory_equal(rv.name, name, 2);
		} else {
			expect_rule_bad(&b, "rule name with a byte outside 0x21-0x7e");
		}
	}

	/* formats: 1 to 512 bytes of 0x20-0x7e */
	rb_rule(&b, "r", 1, SCLOG_ACT_LOG);
	rb_field_arg(&b, SCLOG_FIELD_RULE_FORMAT, 0, SCLOG_ARG_NONE, big,
		     SCLOG_RULE_FORMAT_MAX);
	assert_int_equal(rule_of(&b, &rv, &err), SCLOG_RULE_OK);
	assert_int_equal(rv.format_len, SCLOG_RULE_FORMAT_MAX);
	rb_rule(&b, "r", 1, SCLOG_ACT_LOG);
	rb_field_arg(&b, SCLOG_FIELD_RULE_FORMAT, 0, SCLOG_ARG_NONE, big,
		     SCLOG_RULE_FORMAT_MAX + 1);
	expect_rule_bad(&b, "rule format longer than SCLOG_RULE_FORMAT_MAX");
	rb_rule(&b, "r", 1, SCLOG_ACT_LOG);
	rb_field_arg(&b, SCLOG_FIELD_RULE_FORMAT, 0, SCLOG_ARG_NONE, "", 0);
	expect_rule_bad(&b, "empty rule format");
	for (int c = 0; c < 256; c++) {
		name[0] = ' ';
		name[1] = (char)c;
		rb_rule(&b, "r", 1, SCLOG_ACT_LOG);
		rb_field_arg(&b, SCLOG_FIELD_RULE_FORMAT, 0, SCLOG_ARG_NONE,
			     name, 2);
		if (c >= 0x20 && c <= 0x7e) {
			assert_int_equal(rule_of(&b, &rv, &err), SCLOG_RULE_OK);
			assert_memory_equal(rv.format, name, 2);
		} else {
			expect_rule_bad(&b, "rule format with a byte outside 0x20-0x7e");
		}
	}
}

/*
 * A record whose rule fields are cut: at every record length short of the
 * whole, the record is incomplete (more may come), and a size that cuts
 * into a rule field makes it malformed.
 */
static void test_rule_fields_truncated(void **state)
{
	static const char fmt[] = "%comm %params";
	static struct rbuf b;
	struct sclog_rec rec;
	struct sclog_rule_view rv;
	const char *err;

	(void)state;
	rb_rule(&b, "no-rm", 5, SCLOG_ACT_FAIL);
	rb_field_arg(&b, SCLOG_FIELD_RULE_FORMAT, 0, SCLOG_ARG_NONE, fmt,
		     sizeof(fmt) - 1);
	assert_int_equal(b.len, HDR + 16 + 24);
	for (size_t len = 0; len < b.len; len++)
		assert_int_equal(sclog_rec_decode(b.p, len, &rec, NULL),
				 SCLOG_REC_NEED_MORE);
	assert_int_equal(rule_of(&b, &rv, &err), SCLOG_RULE_OK);
	/* a record size that ends inside the format field ... */
	for (size_t size = b.len - 8; size > HDR + 16; size -= 8) {
		put_u32(b.p, (uint32_t)size);
		expect_bad(b.p, b.len, "field runs past the end of the record");
	}
	/* ... or inside the rule field */
	put_u32(b.p, HDR + 8);
	expect_bad(b.p, b.len, "field runs past the end of the record");
	/* only the rule field is left: the flag, the field, no format */
	put_u32(b.p, HDR + 16);
	assert_int_equal(sclog_rec_decode(b.p, HDR + 16, &rec, NULL), HDR + 16);
	assert_int_equal(sclog_rec_rule(&rec, &rv, &err), SCLOG_RULE_OK);
	assert_null(rv.format);
	/* a rule field length past the record */
	put_u32(b.p + HDR + 4, 9);
	expect_bad(b.p, HDR + 16, "field runs past the end of the record");
	put_u32(b.p + HDR + 4, UINT32_MAX);
	expect_bad(b.p, HDR + 16, "field runs past the end of the record");
	/* the header alone: a flag without its field */
	put_u32(b.p, HDR);
	assert_int_equal(sclog_rec_decode(b.p, HDR, &rec, NULL), HDR);
	assert_int_equal(sclog_rec_rule(&rec, &rv, &err), SCLOG_RULE_BAD);
	assert_string_equal(err, "rule flag without a rule field");
	/* a struct sclog_rec that was not validated */
	rb_rule(&b, "r", 1, SCLOG_ACT_LOG);
	assert_int_equal(sclog_rec_decode(b.p, b.len, &rec, NULL), (long)b.len);
	put_u32(b.p + HDR + 4, 100);
	assert_int_equal(sclog_rec_rule(&rec, &rv, &err), SCLOG_RULE_BAD);
	assert_string_equal(err, "malformed field list");
}

/* The .bin files in SCLOG_FIXTURES, NULL-terminated (malloc'd), or NULL. */
static char **fixture_files(void)
{
	const char *dir = getenv("SCLOG_FIXTURES");
	struct dirent *de;
	char **v = NULL;
	size_t n = 0;
	DIR *d;

	if (!dir || !(d = opendir(dir)))
		return NULL;
	while ((de = readdir(d))) {
		size_t nl = strlen(de->d_name);
		char **nv;

		if (nl < 5 || strcmp(de->d_name + nl - 4, ".bin") != 0)
			continue;
		nv = realloc(v, (n + 2) * sizeof(*v));
		if (!nv)
			abort();
		v = nv;
		if (asprintf(&v[n++], "%s/%s", dir, de->d_name) < 0)
			abort();
		v[n] = NULL;
	}
	closedir(d);
	return v;
}

static char **fixtures;

/* Raw captures (SCLOG_FIXTURES, files ending in .bin) decode completely. */
static void test_fixtures(void **state)
{
	(void)state;
	for (char **path = fixtures; path && *path; path++) {
		size_t len = 0, off = 0, nrec = 0;
		unsigned char *data = NULL;
		FILE *fp = fopen(*path, "rb");

		assert_non_null(fp);
		for (;;) {
			unsigned char *p = realloc(data, len + 65536);
			size_t got;

			assert_non_null(p);
			data = p;
			got = fread(data + len, 1, 65536, fp);
			len += got;
			if (got == 0)
				break;
		}
		fclose(fp);
		while (off < len) {
			struct sclog_rec rec;
			const char *err = NULL;
			long n = sclog_rec_decode(data + off, len - off, &rec, &err);

			if (n <= 0)
				fail_msg("%s: record %zu at offset %zu: %s", *path,
					 nrec, off, n == 0 ? "truncated" : err);
			off += (size_t)n;
			nrec++;
		}
		assert_true(nrec > 0);
		free(data);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_minimal),
		cmocka_unit_test(test_unaligned),
		cmocka_unit_test(test_truncated_every_length),
		cmocka_unit_test(test_two_records),
		cmocka_unit_test(test_bad_size),
		cmocka_unit_test(test_bad_hdr_size),
		cmocka_unit_test(test_bad_version_abi),
		cmocka_unit_test(test_fields_past_end),
		cmocka_unit_test(test_fields_iterate),
		cmocka_unit_test(test_field_header_bytes),
		cmocka_unit_test(test_fields_of_a_call),
		cmocka_unit_test(test_unknown_type_and_longer_header),
		cmocka_unit_test(test_comm_and_flags),
		cmocka_unit_test(test_signal_field),
		cmocka_unit_test(test_seq),
		cmocka_unit_test(test_largest_record),
		cmocka_unit_test(test_rule_fields),
		cmocka_unit_test(test_rule_names_and_formats),
		cmocka_unit_test(test_rule_fields_truncated),
		cmocka_unit_test(test_fixtures),	/* last: see below */
	};
	size_t n = sizeof(tests) / sizeof(tests[0]);
	int rc;

	cmocka_set_message_output(CM_OUTPUT_TAP);
	/* Without captures to read, test_fixtures is not run at all. */
	fixtures = fixture_files();
	if (!fixtures) {
		printf("# no .bin captures in SCLOG_FIXTURES: test_fixtures not run\n");
		n--;
	}
	rc = _cmocka_run_group_tests("tests", tests, n, NULL, NULL);
	for (char **p = fixtures; p && *p; p++)
		free(*p);
	free(fixtures);
	return rc;
}
