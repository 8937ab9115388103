// SPDX-License-Identifier: GPL-2.0-only
/*
 * Log line writers, see format.h and Documentation/log-format.md.
 *
 * These run in the collector's hot path: once the buffer has grown to a
 * line's size, writing a record allocates nothing, and numbers are written
 * by the small integer writers below rather than by stdio.
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "format.h"
#include "util.h"
#include "syscalls.h"

/* ------------------------------------------------------------------------ */
/* buffer */

void sclog_buf_init(struct sclog_buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->oom = false;
}

void sclog_buf_free(struct sclog_buf *b)
{
	free(b->data);
	sclog_buf_init(b);
}

/* Make room for n more bytes; false (and b->oom) if that is impossible. */
static bool buf_reserve(struct sclog_buf *b, size_t n)
{
	size_t cap;
	char *p;

	if (b->oom)
		return false;
	if (n <= b->cap - b->len)
		return true;
	if (n > SIZE_MAX / 2 - b->len) {
		b->oom = true;
		return false;
	}
	cap = b->cap ? b->cap : 256;
	while (cap - b->len < n)
		cap *= 2;
	p = realloc(b->data, cap);
	if (!p) {
		b->oom = true;
		return false;
	}
	b->data = p;
	b->cap = cap;
	return true;
}

void sclog_buf_add(struct sclog_buf *b, const void *p, size_t n)
{
	if (!n || !buf_reserve(b, n))
		return;
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

void sclog_buf_adds(struct sclog_buf *b, const char *s)
{
	sclog_buf_add(b, s, strlen(s));
}

static inline void buf_addc(struct sclog_buf *b, char c)
{
	if (!buf_reserve(b, 1))
		return;
	b->data[b->len++] = c;
}

void sclog_buf_addf(struct sclog_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->oom)
		return;
	/* First try in the room there is, then once more with enough room. */
	for (int pass = 0; pass < 2; pass++) {
		size_t room = b->cap - b->len;

		va_start(ap, fmt);
		n = vsnprintf(room ? b->data + b->len : NULL, room, fmt, ap);
		va_end(ap);
		if (n < 0) {
			b->oom = true;
			return;
		}
		if ((size_t)n < room) {
			b->len += (size_t)n;
			return;
		}
		if (!buf_reserve(b, (size_t)n + 1))
			return;
	}
}

/* "00".."99": two digits per division in buf_u64(). */
static const char digit_pairs[201] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

static void buf_u64(struct sclog_buf *b, uint64_t v)
{
	char tmp[20];
	int n = 0;

	while (v >= 100) {
		unsigned int r = (unsigned int)(v % 100);

		v /= 100;
		n += 2;
		memcpy(tmp + sizeof(tmp) - n, digit_pairs + 2 * r, 2);
	}
	if (v >= 10) {
		n += 2;
		memcpy(tmp + sizeof(tmp) - n, digit_pairs + 2 * v, 2);
	} else {
		tmp[sizeof(tmp) - ++n] = (char)('0' + v);
	}
	sclog_buf_add(b, tmp + sizeof(tmp) - n, (size_t)n);
}

static void buf_i64(struct sclog_buf *b, int64_t v)
{
	if (v < 0) {
		buf_addc(b, '-');
		buf_u64(b, -(uint64_t)v);
	} else {
		buf_u64(b, (uint64_t)v);
	}
}

/* Fixed-width, zero-padded decimal. */
static void buf_u64_pad(struct sclog_buf *b, uint64_t v, int width)
{
	char tmp[20];

	for (int i = width - 1; i >= 0; i--) {
		tmp[i] = (char)('0' + v % 10);
		v /= 10;
	}
	sclog_buf_add(b, tmp, (size_t)width);
}

/* ------------------------------------------------------------------------ */
/* escaping */

static const char hexdig[] = "0123456789abcdef";

/*
 * The escapers' common part: '"' '\\' and the named controls as \c, other
 * printable ASCII as is, every other byte as \xHH (text) or \u00HH (JSON).
 */
static void escape(struct sclog_buf *b, const unsigned char *s, size_t n,
		   bool json)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		char e[6] = { '\\' };

		switch (c) {
		case '"':
		case '\\':
			e[1] = (char)c;
			break;
		case '\n':
			e[1] = 'n';
			break;
		case '\t':
			e[1] = 't';
			break;
		case '\r':
			e[1] = 'r';
			break;
		case '\b':
			e[1] = json ? 'b' : 0;
			break;
		case '\f':
			e[1] = json ? 'f' : 0;
			break;
		default:
			if (c >= 0x20 && c <= 0x7e) {
				buf_addc(b, (char)c);
				continue;
			}
		}
		if (e[1]) {
			sclog_buf_add(b, e, 2);
		} else if (json) {
			memcpy(e, "\\u00", 4);
			e[4] = hexdig[c >> 4];
			e[5] = hexdig[c & 15];
			sclog_buf_add(b, e, 6);
		} else {
			e[1] = 'x';
			e[2] = hexdig[c >> 4];
			e[3] = hexdig[c & 15];
			sclog_buf_add(b, e, 4);
		}
	}
}

void sclog_escape_text(struct sclog_buf *b, const void *p, size_t n, bool quote)
{
	if (quote)
		buf_addc(b, '"');
	escape(b, p, n, false);
	if (quote)
		buf_addc(b, '"');
}

void sclog_escape_json(struct sclog_buf *b, const void *p, size_t n)
{
	buf_addc(b, '"');
	escape(b, p, n, true);
	buf_addc(b, '"');
}

/* ------------------------------------------------------------------------ */
/* values */

/* Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant). */
static void civil_from_days(int64_t z, int64_t *y, unsigned int *m,
			    unsigned int *d)
{
	int64_t era, yy;
	uint64_t doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (uint64_t)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = (int64_t)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (unsigned int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yy + (*m <= 2);
}

/* "2026-11-24T12:36:04" of secs since the epoch (UTC). */
static void format_second(struct sclog_buf *b, uint64_t secs)
{
	/*
	 * Records come in bursts within one second: keep the text of the
	 * last second (19 bytes for years 0-9999).
	 */
	static uint64_t cached_secs = UINT64_MAX;
	static struct sclog_buf cached;
	uint64_t sod = secs % 86400;
	int64_t y;
	unsigned int m, d;

	if (secs != cached_secs || cached.oom) {
		sclog_buf_reset(&cached);
		civil_from_days((int64_t)(secs / 86400), &y, &m, &d);
		buf_u64_pad(&cached, (uint64_t)y, 4);
		buf_addc(&cached, '-');
		buf_u64_pad(&cached, m, 2);
		buf_addc(&cached, '-');
		buf_u64_pad(&cached, d, 2);
		buf_addc(&cached, 'T');
		buf_u64_pad(&cached, sod / 3600, 2);
		buf_addc(&cached, ':');
		buf_u64_pad(&cached, sod / 60 % 60, 2);
		buf_addc(&cached, ':');
		buf_u64_pad(&cached, sod % 60, 2);
		cached_secs = cached.oom ? UINT64_MAX : secs;
	}
	sclog_buf_add(b, cached.data, cached.len);
}

void sclog_format_time(struct sclog_buf *b, uint64_t ns)
{
	format_second(b, ns / 1000000000);
	buf_addc(b, '.');
	buf_u64_pad(b, ns % 1000000000, 9);
	buf_addc(b, 'Z');
}

void sclog_format_time_s(struct sclog_buf *b, uint64_t secs)
{
	format_second(b, secs);
	buf_addc(b, 'Z');
}

void sclog_format_syscall_name(struct sclog_buf *b, const struct sclog_rec *rec)
{
	const char *name = sclog_syscall_name(rec->hdr.abi, rec->hdr.nr);

	if (name) {
		sclog_buf_adds(b, name);
	} else {
		sclog_buf_add(b, "syscall_", 8);
		buf_i64(b, rec->hdr.nr);
	}
}

/* The value of argument i as the JSON "args" show it. */
static uint64_t raw_arg(const struct sclog_rec *rec, int i)
{
	uint64_t v = rec->hdr.args[i];

	return rec->hdr.abi == SCLOG_ABI_I386 ? (uint32_t)v : v;
}

/* The prototype's arguments, or six raw ones shown in hex. */
static int rec_args(const struct sclog_rec *rec,
		    const struct sclog_arg_desc **args)
{
	static const struct sclog_arg_desc raw64[6] = {
		{ "", "", SCLOG_ARG_HEX, 64 }, { "", "", SCLOG_ARG_HEX, 64 },
		{ "", "", SCLOG_ARG_HEX, 64 }, { "", "", SCLOG_ARG_HEX, 64 },
		{ "", "", SCLOG_ARG_HEX, 64 }, { "", "", SCLOG_ARG_HEX, 64 },
	};
	static const struct sclog_arg_desc raw32[6] = {
		{ "", "", SCLOG_ARG_HEX, 32 }, { "", "", SCLOG_ARG_HEX, 32 },
		{ "", "", SCLOG_ARG_HEX, 32 }, { "", "", SCLOG_ARG_HEX, 32 },
		{ "", "", SCLOG_ARG_HEX, 32 }, { "", "", SCLOG_ARG_HEX, 32 },
	};
	int n = sclog_syscall_args(rec->hdr.abi, rec->hdr.nr, args);

	if (n < 0 || n > 6) {
		*args = rec->hdr.abi == SCLOG_ABI_I386 ? raw32 : raw64;
		n = 6;
	}
	return n;
}

/* Append one decoded argument, formatted straight into the buffer. */
static void buf_arg(struct sclog_buf *b, const struct sclog_arg_desc *a,
		    uint64_t v)
{
	size_t room;
	int n;

	if (!buf_reserve(b, 64))
		return;
	room = b->cap - b->len;
	n = sclog_format_arg(b->data + b->len, room, a, v);
	if (n < 0)
		return;
	if ((size_t)n >= room) {
		if (!buf_reserve(b, (size_t)n + 1))
			return;
		room = b->cap - b->len;
		n = sclog_format_arg(b->data + b->len, room, a, v);
		if (n < 0 || (size_t)n >= room)
			return;
	}
	b->len += (size_t)n;
}

/*
 * An io_uring operation has no system call arguments: only the descriptor
 * of the file it works on (args[0], all ones for none).
 */
static bool uring_fd(const struct sclog_rec *rec, int64_t *fd)
{
	*fd = (int64_t)(int32_t)(uint32_t)rec->hdr.args[0];
	return rec->hdr.args[0] != UINT64_MAX;
}

void sclog_format_params(struct sclog_buf *b, const struct sclog_rec *rec)
{
	const struct sclog_arg_desc *args;
	int n = rec_args(rec, &args);
	int64_t fd;

	if (rec->hdr.flags & SCLOG_RF_IO_URING) {
		if (uring_fd(rec, &fd))
			buf_i64(b, fd);
		return;
	}
	for (int i = 0; i < n; i++) {
		if (i)
			sclog_buf_add(b, ", ", 2);
		buf_arg(b, &args[i], rec->hdr.args[i]);
	}
}

void sclog_format_ret(struct sclog_buf *b, const struct sclog_rec *rec)
{
	int64_t ret = rec->hdr.ret;
	const char *name;

	if (!sclog_rec_has_ret(rec)) {
		buf_addc(b, '?');
		return;
	}
	buf_i64(b, ret);
	if (ret < 0 && ret >= -4095 && (name = sclog_errno_name((long)-ret))) {
		buf_addc(b, ' ');
		sclog_buf_adds(b, name);
	}
}

static void key_u64(struct sclog_buf *b, const char *key, size_t klen,
		    uint64_t v)
{
	sclog_buf_add(b, key, klen);
	buf_u64(b, v);
}

#define KEY(b, k, v) key_u64((b), k, sizeof(k) - 1, (v))

static void abi_name(struct sclog_buf *b, const struct sclog_rec *rec)
{
	const char *s = sclog_abi_name(rec->hdr.abi);

	if (s) {
		sclog_buf_adds(b, s);
	} else {
		sclog_buf_add(b, "abi_", 4);
		buf_u64(b, rec->hdr.abi);
	}
}

/* auid/ses: "unset" for (u32)-1 */
static void key_id(struct sclog_buf *b, const char *key, size_t klen,
		   uint32_t v)
{
	sclog_buf_add(b, key, klen);
	if (v == UINT32_MAX)
		sclog_buf_add(b, "unset", 5);
	else
		buf_u64(b, v);
}

/* ------------------------------------------------------------------------ */
/* variable fields */

static bool field_known(unsigned int type)
{
	switch (type) {
	case SCLOG_FIELD_NAME:
	case SCLOG_FIELD_PATH:
	case SCLOG_FIELD_CWD:
	case SCLOG_FIELD_FD_PATH:
	case SCLOG_FIELD_ARGV:
	case SCLOG_FIELD_ENVP:
		return true;
	default:
		return false;
	}
}

/* The first field of a type; false if the record has none. */
static bool first_field(const struct sclog_rec *rec, unsigned int type,
			struct sclog_field_view *out)
{
	size_t off = 0;

	while (sclog_rec_next_field(rec, &off, out) == 1)
		if (out->type == type)
			return true;
	return false;
}

/* SCLOG_FF_* bits set on any field of a known type. */
static unsigned int fields_flags(const struct sclog_rec *rec)
{
	struct sclog_field_view f;
	unsigned int flags = 0;
	size_t off = 0;

	while (sclog_rec_next_field(rec, &off, &f) == 1)
		if (field_known(f.type))
			flags |= f.flags;
	return flags;
}

/*
 * The next string of an ARGV or ENVP field, from *pos: the bytes up to the
 * next NUL, or a last string that a limit cut off before its NUL.
 */
static bool next_string(const struct sclog_field_view *f, size_t *pos,
			const unsigned char **s, size_t *n)
{
	const unsigned char *nul;

	if (*pos >= f->len)
		return false;
	*s = f->data + *pos;
	nul = memchr(*s, 0, f->len - *pos);
	*n = nul ? (size_t)(nul - *s) : f->len - *pos;
	*pos += *n + 1;
	return true;
}

/* ' KEY0="..." KEY1="..."' for the strings of every field of type. */
static void text_strings(struct sclog_buf *b, const struct sclog_rec *rec,
			 unsigned int type, const char *key, size_t klen)
{
	struct sclog_field_view f;
	const unsigned char *s;
	uint64_t idx = 0;
	size_t off = 0, pos, n;

	while (sclog_rec_next_field(rec, &off, &f) == 1) {
		if (f.type != type)
			continue;
		for (pos = 0; next_string(&f, &pos, &s, &n);) {
			buf_addc(b, ' ');
			sclog_buf_add(b, key, klen);
			buf_u64(b, idx++);
			buf_addc(b, '=');
			sclog_escape_text(b, s, n, true);
		}
	}
}

/* The text keys of the variable fields, before " call=". */
/* The record flags the formats show, in this order, and their keys. */
static const struct {
	uint16_t flag;
	const char *key;
} rec_flags[] = {
	{ SCLOG_RF_FIELDS_LOST, "fields_lost" },
	{ SCLOG_RF_SKIPPED, "skipped" },
	{ SCLOG_RF_IO_URING, "io_uring" },
	{ SCLOG_RF_WATCH, "watch" },
	{ SCLOG_RF_REFUSED, "refused" },
};

/*
 * The rule keys, after the flags: rule="NAME" and, for an action other
 * than LOG, action=fail|kill|suspend; rule_error="..." when the record's
 * rule fields are malformed.
 */
static void text_rule(struct sclog_buf *b, const struct sclog_rec *rec)
{
	struct sclog_rule_view rv;
	const char *err = NULL;

	switch (sclog_rec_rule(rec, &rv, &err)) {
	case SCLOG_RULE_OK:
		sclog_buf_add(b, " rule=", 6);
		sclog_escape_text(b, rv.name, rv.name_len, true);
		if (rv.action != SCLOG_ACT_LOG) {
			sclog_buf_add(b, " action=", 8);
			sclog_buf_adds(b, sclog_action_name(rv.action));
		}
		break;
	case SCLOG_RULE_BAD:
		sclog_buf_add(b, " rule_error=", 12);
		sclog_escape_text(b, err, strlen(err), true);
		break;
	}
}

static void text_fields(struct sclog_buf *b, const struct sclog_rec *rec)
{
	struct sclog_field_view f;
	unsigned int flags;
	size_t off;

	if (rec->fields_len) {
		if (first_field(rec, SCLOG_FIELD_CWD, &f)) {
			sclog_buf_add(b, " cwd=", 5);
			sclog_escape_text(b, f.data, f.len, true);
		}
		for (off = 0; sclog_rec_next_field(rec, &off, &f) == 1;) {
			if (f.type == SCLOG_FIELD_NAME)
				sclog_buf_add(b, " name=", 6);
			else if (f.type == SCLOG_FIELD_PATH)
				sclog_buf_add(b, " path=", 6);
			else
				continue;
			sclog_escape_text(b, f.data, f.len, true);
		}
		for (off = 0; sclog_rec_next_field(rec, &off, &f) == 1;) {
			if (f.type != SCLOG_FIELD_FD_PATH)
				continue;
			sclog_buf_add(b, " fd_path=", 9);
			sclog_escape_text(b, f.data, f.len, true);
		}
		text_strings(b, rec, SCLOG_FIELD_ARGV, "argv", 4);
		text_strings(b, rec, SCLOG_FIELD_ENVP, "envp", 4);
		flags = fields_flags(rec);
		if (flags & SCLOG_FF_TRUNCATED)
			sclog_buf_add(b, " truncated=1", 12);
		if (flags & SCLOG_FF_FD_CHANGED)
			sclog_buf_add(b, " fd_changed=1", 13);
	}
	for (size_t i = 0; i < sizeof(rec_flags) / sizeof(rec_flags[0]); i++) {
		if (rec->hdr.flags & rec_flags[i].flag) {
			buf_addc(b, ' ');
			sclog_buf_adds(b, rec_flags[i].key);
			sclog_buf_add(b, "=1", 2);
		}
	}
	text_rule(b, rec);
}

/* "arg":N or "arg":null */
static void json_arg(struct sclog_buf *b, unsigned int arg)
{
	sclog_buf_add(b, "\"arg\":", 6);
	if (arg == SCLOG_ARG_NONE)
		sclog_buf_add(b, "null", 4);
	else
		buf_u64(b, arg);
}

/*
 * ,"names":[{"arg":1,"name":"...","path":"..."},...]: a PATH joins the
 * entry of the NAME right before it (of the same argument); a PATH
 * without one (names not recorded) has an entry of its own.
 */
static void json_names(struct sclog_buf *b, const struct sclog_rec *rec)
{
	struct sclog_field_view f;
	bool any = false, has_path = false, trunc = false;
	unsigned int arg = 0;
	size_t off = 0;

	while (sclog_rec_next_field(rec, &off, &f) == 1) {
		if (f.type != SCLOG_FIELD_NAME && f.type != SCLOG_FIELD_PATH)
			continue;
		if (f.type == SCLOG_FIELD_PATH && any && !has_path &&
		    f.arg == arg) {
			/* the path of the name of the entry open */
			sclog_buf_add(b, ",\"path\":", 8);
			sclog_escape_json(b, f.data, f.len);
			has_path = true;
			trunc |= f.flags & SCLOG_FF_TRUNCATED;
			continue;
		}
		/* end the entry open, start one */
		if (any) {
			if (trunc)
				sclog_buf_add(b, ",\"truncated\":true", 17);
			sclog_buf_add(b, "},{", 3);
		} else {
			sclog_buf_add(b, ",\"names\":[{", 11);
			any = true;
		}
		arg = f.arg;
		json_arg(b, arg);
		has_path = f.type == SCLOG_FIELD_PATH;
		sclog_buf_add(b, has_path ? ",\"path\":" : ",\"name\":", 8);
		sclog_escape_json(b, f.data, f.len);
		trunc = f.flags & SCLOG_FF_TRUNCATED;
	}
	if (any) {
		if (trunc)
			sclog_buf_add(b, ",\"truncated\":true", 17);
		sclog_buf_add(b, "}]", 2);
	}
}

/* ,"fds":[{"arg":0,"fd":3,"path":"...","changed":true},...] */
static void json_fds(struct sclog_buf *b, const struct sclog_rec *rec)
{
	struct sclog_field_view f;
	bool any = false;
	size_t off = 0;

	while (sclog_rec_next_field(rec, &off, &f) == 1) {
		if (f.type != SCLOG_FIELD_FD_PATH)
			continue;
		sclog_buf_add(b, any ? ",{" : ",\"fds\":[{", any ? 2 : 9);
		any = true;
		json_arg(b, f.arg);
		if (f.arg < 6) {
			sclog_buf_add(b, ",\"fd\":", 6);
			buf_i64(b, (int)(uint32_t)rec->hdr.args[f.arg]);
		}
		sclog_buf_add(b, ",\"path\":", 8);
		sclog_escape_json(b, f.data, f.len);
		if (f.flags & SCLOG_FF_FD_CHANGED)
			sclog_buf_add(b, ",\"changed\":true", 15);
		if (f.flags & SCLOG_FF_TRUNCATED)
			sclog_buf_add(b, ",\"truncated\":true", 17);
		buf_addc(b, '}');
	}
	if (any)
		buf_addc(b, ']');
}

/* ,"KEY":["...",...] and ,"KEY_truncated":true for fields of type. */
static void json_strings(struct sclog_buf *b, const struct sclog_rec *rec,
			 unsigned int type, const char *key)
{
	struct sclog_field_view f;
	const unsigned char *s;
	bool any = false, first = true, trunc = false;
	size_t off = 0, pos, n;

	while (sclog_rec_next_field(rec, &off, &f) == 1) {
		if (f.type != type)
			continue;
		if (!any) {
			sclog_buf_add(b, ",\"", 2);
			sclog_buf_adds(b, key);
			sclog_buf_add(b, "\":[", 3);
			any = true;
		}
		trunc |= f.flags & SCLOG_FF_TRUNCATED;
		for (pos = 0; next_string(&f, &pos, &s, &n);) {
			if (!first)
				buf_addc(b, ',');
			first = false;
			sclog_escape_json(b, s, n);
		}
	}
	if (!any)
		return;
	buf_addc(b, ']');
	if (trunc) {
		sclog_buf_add(b, ",\"", 2);
		sclog_buf_adds(b, key);
		sclog_buf_add(b, "_truncated\":true", 16);
	}
}

static void expand_rule_format(struct sclog_buf *b, const struct sclog_rec *rec,
			       const unsigned char *fmt, size_t n);

/*
 * ,"rule":"NAME","action":"log|fail|kill|suspend" and, when the rule has a
 * log format, ,"message":"..." (the format expanded); ,"rule_error":"..."
 * when the record's rule fields are malformed.
 */
static void json_rule(struct sclog_buf *b, const struct sclog_rec *rec)
{
	/* The expanded format, before its JSON escaping (reused). */
	static struct sclog_buf msg;
	struct sclog_rule_view rv;
	const char *err = NULL;

	switch (sclog_rec_rule(rec, &rv, &err)) {
	case SCLOG_RULE_OK:
		sclog_buf_add(b, ",\"rule\":", 8);
		sclog_escape_json(b, rv.name, rv.name_len);
		sclog_buf_add(b, ",\"action\":\"", 11);
		sclog_buf_adds(b, sclog_action_name(rv.action));
		buf_addc(b, '"');
		if (rv.format) {
			sclog_buf_reset(&msg);
			expand_rule_format(&msg, rec, rv.format, rv.format_len);
			if (msg.oom)
				b->oom = true;
			sclog_buf_add(b, ",\"message\":", 11);
			sclog_escape_json(b, msg.data, msg.len);
		}
		break;
	case SCLOG_RULE_BAD:
		sclog_buf_add(b, ",\"rule_error\":", 14);
		sclog_escape_json(b, err, strlen(err));
		break;
	}
}

/* The JSON keys of the variable fields, after "params". */
static void json_fields(struct sclog_buf *b, const struct sclog_rec *rec)
{
	struct sclog_field_view f;

	if (rec->fields_len) {
		if (first_field(rec, SCLOG_FIELD_CWD, &f)) {
			sclog_buf_add(b, ",\"cwd\":", 7);
			sclog_escape_json(b, f.data, f.len);
			if (f.flags & SCLOG_FF_TRUNCATED)
				sclog_buf_add(b, ",\"cwd_truncated\":true", 21);
		}
		json_names(b, rec);
		json_fds(b, rec);
		json_strings(b, rec, SCLOG_FIELD_ARGV, "argv");
		json_strings(b, rec, SCLOG_FIELD_ENVP, "envp");
	}
	for (size_t i = 0; i < sizeof(rec_flags) / sizeof(rec_flags[0]); i++) {
		if (rec->hdr.flags & rec_flags[i].flag) {
			sclog_buf_add(b, ",\"", 2);
			sclog_buf_adds(b, rec_flags[i].key);
			sclog_buf_add(b, "\":true", 6);
		}
	}
	json_rule(b, rec);
}

/* ------------------------------------------------------------------------ */
/* records other than system calls */

/* A signal by name (SIGKILL), or its number if it has no standard name. */
static void signal_value(struct sclog_buf *b, uint64_t sig)
{
	const char *s = sclog_signal_name(sig);

	if (s)
		sclog_buf_adds(b, s);
	else
		buf_u64(b, sig);
}

static const char *reader_event(const struct sclog_record *h)
{
	switch (h->args[0]) {
	case SCLOG_READER_OPEN: return "open";
	case SCLOG_READER_CLOSE: return "close";
	default: return NULL;
	}
}

/* pid= ... ses= of a record: who it is about. */
static void text_task(struct sclog_buf *b, const struct sclog_rec *rec)
{
	const struct sclog_record *h = &rec->hdr;

	KEY(b, " pid=", h->pid);
	KEY(b, " tid=", h->tid);
	KEY(b, " ppid=", h->ppid);
	sclog_buf_adds(b, " comm=");
	sclog_escape_text(b, h->comm, sclog_rec_comm_len(rec), true);
	KEY(b, " uid=", h->uid);
	KEY(b, " euid=", h->euid);
	KEY(b, " suid=", h->suid);
	KEY(b, " fsuid=", h->fsuid);
	KEY(b, " gid=", h->gid);
	KEY(b, " egid=", h->egid);
	KEY(b, " sgid=", h->sgid);
	KEY(b, " fsgid=", h->fsgid);
	key_id(b, " auid=", 6, h->auid);
	key_id(b, " ses=", 5, h->ses);
}

/*
 * A reader opening or closing /dev/sclog, or a record of a type this
 * build does not know:
 *   TIME reader=open|close cpu= seq= pid= ... ses= [exiting= signal= status=]
 *        [sender=kernel | sender_pid= sender_uid= ... sender_comm=]
 *        [sender_signal= sender_code=]
 *   TIME record=TYPE cpu= seq= pid= ... ses=
 */
static void text_other(struct sclog_buf *b, const struct sclog_rec *rec)
{
	const struct sclog_record *h = &rec->hdr;
	const char *ev = h->type == SCLOG_REC_READER ? reader_event(h) : NULL;
	struct sclog_signal_info si;

	sclog_format_time(b, h->time_real);
	if (ev) {
		sclog_buf_adds(b, " reader=");
		sclog_buf_adds(b, ev);
	} else {
		KEY(b, " record=", h->type);
	}
	KEY(b, " cpu=", h->cpu);
	KEY(b, " seq=", h->seq);
	text_task(b, rec);
	if (ev && h->args[0] == SCLOG_READER_CLOSE) {
		KEY(b, " exiting=", h->args[3]);
		sclog_buf_adds(b, " signal=");
		if (h->args[1])
			signal_value(b, h->args[1]);
		else
			sclog_buf_adds(b, "none");
		KEY(b, " status=", h->args[2]);
	}
	if (ev && sclog_rec_signal(rec, &si)) {
		if (!si.pid) {
			sclog_buf_adds(b, " sender=kernel");
		} else {
			KEY(b, " sender_pid=", si.pid);
			KEY(b, " sender_uid=", si.uid);
			KEY(b, " sender_euid=", si.euid);
			key_id(b, " sender_auid=", 13, si.auid);
			key_id(b, " sender_ses=", 12, si.ses);
			sclog_buf_adds(b, " sender_comm=");
			sclog_escape_text(b, si.comm, strnlen((const char *)si.comm, sizeof(si.comm)),
					  true);
		}
		sclog_buf_adds(b, " sender_signal=");
		signal_value(b, si.signo);
		sclog_buf_adds(b, " sender_code=");
		buf_i64(b, si.code);
	}
	buf_addc(b, '\n');
}

/* The JSON of text_other()'s records: "type":"reader" (or the number). */

/* The task's ids of a record, as JSON members: "pid" through "ses". */
static void json_ids(struct sclog_buf *b, const struct sclog_record *h)
{
	KEY(b, ",\"pid\":", h->pid);
	KEY(b, ",\"tid\":", h->tid);
	KEY(b, ",\"ppid\":", h->ppid);
	KEY(b, ",\"uid\":", h->uid);
	KEY(b, ",\"euid\":", h->euid);
	KEY(b, ",\"suid\":", h->suid);
	KEY(b, ",\"fsuid\":", h->fsuid);
	KEY(b, ",\"gid\":", h->gid);
	KEY(b, ",\"egid\":", h->egid);
	KEY(b, ",\"sgid\":", h->sgid);
	KEY(b, ",\"fsgid\":", h->fsgid);
	KEY(b, ",\"auid\":", h->auid);
	KEY(b, ",\"ses\":", h->ses);
}

static void json_other(struct sclog_buf *b, const struct sclog_rec *rec)
{
	const struct sclog_record *h = &rec->hdr;
	const char *ev = h->type == SCLOG_REC_READER ? reader_event(h) : NULL;
	struct sclog_signal_info si;

	KEY(b, "{\"seq\":", h->seq);
	KEY(b, ",\"cpu\":", h->cpu);
	KEY(b, ",\"time\":", h->time_real);
	if (ev) {
		sclog_buf_adds(b, ",\"type\":\"reader\",\"event\":\"");
		sclog_buf_adds(b, ev);
		buf_addc(b, '"');
	} else {
		KEY(b, ",\"type\":", h->type);
	}
	json_ids(b, h);
	sclog_buf_adds(b, ",\"comm\":");
	sclog_escape_json(b, h->comm, sclog_rec_comm_len(rec));
	if (ev && h->args[0] == SCLOG_READER_CLOSE) {
		sclog_buf_adds(b, h->args[3] ? ",\"exiting\":true" : ",\"exiting\":false");
		sclog_buf_adds(b, ",\"signal\":");
		if (h->args[1]) {
			buf_addc(b, '"');
			signal_value(b, h->args[1]);
			buf_addc(b, '"');
		} else {
			sclog_buf_adds(b, "null");
		}
		KEY(b, ",\"status\":", h->args[2]);
	}
	if (ev) {
		sclog_buf_adds(b, ",\"sender\":");
		if (sclog_rec_signal(rec, &si)) {
			sclog_buf_adds(b, "{\"signal\":\"");
			signal_value(b, si.signo);
			sclog_buf_adds(b, "\",\"code\":");
			buf_i64(b, si.code);
			KEY(b, ",\"pid\":", si.pid);
			KEY(b, ",\"uid\":", si.uid);
			KEY(b, ",\"euid\":", si.euid);
			KEY(b, ",\"auid\":", si.auid);
			KEY(b, ",\"ses\":", si.ses);
			sclog_buf_adds(b, ",\"comm\":");
			sclog_escape_json(b, si.comm, strnlen((const char *)si.comm, sizeof(si.comm)));
			KEY(b, ",\"time_mono\":", si.time_mono);
			buf_addc(b, '}');
		} else {
			sclog_buf_adds(b, "null");
		}
	}
	sclog_buf_adds(b, "}\n");
}

void sclog_format_text(struct sclog_buf *b, const struct sclog_rec *rec)
{
	const struct sclog_record *h = &rec->hdr;

	if (h->type != SCLOG_REC_SYSCALL) {
		text_other(b, rec);
		return;
	}
	sclog_format_time(b, h->time_real);
	KEY(b, " cpu=", h->cpu);
	KEY(b, " seq=", h->seq);
	text_task(b, rec);
	KEY(b, " dur=", h->duration);
	sclog_buf_add(b, " arch=", 6);
	abi_name(b, rec);
	sclog_buf_add(b, " nr=", 4);
	buf_i64(b, h->nr);
	text_fields(b, rec);
	sclog_buf_add(b, " call=", 6);
	sclog_format_syscall_name(b, rec);
	buf_addc(b, '(');
	sclog_format_params(b, rec);
	sclog_buf_add(b, ") = ", 4);
	sclog_format_ret(b, rec);
	buf_addc(b, '\n');
}

void sclog_format_lost_text(struct sclog_buf *b, uint64_t time, uint32_t cpu,
			    uint64_t first, uint64_t last)
{
	sclog_format_time(b, time);
	KEY(b, " sclogd: lost ", last - first + 1);
	KEY(b, " records on CPU ", cpu);
	KEY(b, " (seq ", first);
	KEY(b, "-", last);
	sclog_buf_add(b, ")\n", 2);
}

void sclog_format_lost_json(struct sclog_buf *b, uint64_t time, uint32_t cpu,
			    uint64_t first, uint64_t last)
{
	KEY(b, "{\"lost\":", last - first + 1);
	KEY(b, ",\"cpu\":", cpu);
	KEY(b, ",\"time\":", time);
	KEY(b, ",\"first_seq\":", first);
	sclog_buf_add(b, "}\n", 2);
}

void sclog_format_json(struct sclog_buf *b, const struct sclog_rec *rec)
{
	const struct sclog_record *h = &rec->hdr;
	const struct sclog_arg_desc *args;
	int n;

	if (h->type != SCLOG_REC_SYSCALL) {
		json_other(b, rec);
		return;
	}
	n = rec_args(rec, &args);

	KEY(b, "{\"seq\":", h->seq);
	KEY(b, ",\"cpu\":", h->cpu);
	KEY(b, ",\"time\":", h->time_real);
	json_ids(b, h);
	sclog_buf_add(b, ",\"comm\":", 8);
	sclog_escape_json(b, h->comm, sclog_rec_comm_len(rec));
	sclog_buf_add(b, ",\"arch\":\"", 9);
	abi_name(b, rec);
	sclog_buf_add(b, "\",\"nr\":", 7);
	buf_i64(b, h->nr);
	sclog_buf_add(b, ",\"syscall\":\"", 12);
	/* a name from the tables or syscall_N: nothing to escape */
	sclog_format_syscall_name(b, rec);
	sclog_buf_add(b, "\",\"args\":[", 10);
	for (int i = 0; i < n; i++) {
		if (i)
			buf_addc(b, ',');
		buf_i64(b, (int64_t)raw_arg(rec, i));
	}
	buf_addc(b, ']');
	if (sclog_rec_has_ret(rec)) {
		const char *e = NULL;

		sclog_buf_add(b, ",\"ret\":", 7);
		buf_i64(b, h->ret);
		if (h->ret < 0 && h->ret >= -4095)
			e = sclog_errno_name((long)-h->ret);
		if (e) {
			sclog_buf_add(b, ",\"errno\":\"", 10);
			sclog_buf_adds(b, e);
			buf_addc(b, '"');
		}
	}
	KEY(b, ",\"dur\":", h->duration);
	sclog_buf_add(b, ",\"params\":[", 11);
	if (h->flags & SCLOG_RF_IO_URING) {
		int64_t fd;

		n = 0;
		if (uring_fd(rec, &fd)) {
			buf_addc(b, '"');
			buf_i64(b, fd);
			buf_addc(b, '"');
		}
	}
	for (int i = 0; i < n; i++) {
		if (i)
			buf_addc(b, ',');
		/* decoded values are plain ASCII without quotes or backslashes */
		buf_addc(b, '"');
		buf_arg(b, &args[i], h->args[i]);
		buf_addc(b, '"');
	}
	buf_addc(b, ']');
	json_fields(b, rec);
	sclog_buf_add(b, "}\n", 2);
}

/* ------------------------------------------------------------------------ */
/* templates */

enum macro {
	M_LITERAL, M_RULEID, M_SID, M_SNAME, M_PARAMS, M_PID, M_UID, M_EUID,
	M_SUID, M_GID, M_EGID, M_SGID, M_COMM, M_RETVAL, M_TID, M_PPID,
	M_FSUID, M_FSGID, M_TIME, M_SEQ, M_ARCH, M_CWD, M_PATH, M_ARGV,
};

static const struct {
	const char *name;	/* without the '%' */
	enum macro m;
} macros[] = {
	{ "ruleid", M_RULEID }, { "sid", M_SID }, { "sname", M_SNAME },
	{ "params", M_PARAMS }, { "pid", M_PID }, { "uid", M_UID },
	{ "euid", M_EUID }, { "suid", M_SUID }, { "gid", M_GID },
	{ "egid", M_EGID }, { "sgid", M_SGID }, { "comm", M_COMM },
	{ "retval", M_RETVAL }, { "tid", M_TID }, { "ppid", M_PPID },
	{ "fsuid", M_FSUID }, { "fsgid", M_FSGID }, { "time", M_TIME },
	{ "seq", M_SEQ }, { "arch", M_ARCH }, { "cwd", M_CWD },
	{ "path", M_PATH }, { "argv", M_ARGV },
};

#define NMACROS (sizeof(macros) / sizeof(macros[0]))

/*
 * The longest macro name the n bytes at s start with (s is after the '%'):
 * its length, and the macro in *m; 0 if there is none.
 */
static size_t macro_at(const char *s, size_t n, enum macro *m)
{
	size_t best = 0;

	for (size_t k = 0; k < NMACROS; k++) {
		size_t l = strlen(macros[k].name);

		if (l > best && l <= n && !memcmp(s, macros[k].name, l)) {
			*m = macros[k].m;
			best = l;
		}
	}
	return best;
}

const char *const sclog_template_macros[] = {
	"%ruleid", "%sid", "%sname", "%params", "%pid", "%uid", "%euid",
	"%suid", "%gid", "%egid", "%sgid", "%comm", "%retval", "%tid",
	"%ppid", "%fsuid", "%fsgid", "%time", "%seq", "%arch", "%cwd",
	"%path", "%argv", "%%", NULL,
};

struct tpl_op {
	enum macro m;
	size_t off, len;	/* M_LITERAL: bytes of t->lit */
};

struct sclog_template {
	char *lit;		/* the literal text, '%%' unescaped */
	struct tpl_op *ops;
	size_t nops;
};

static bool tpl_push(struct sclog_template *t, enum macro m, size_t off,
		     size_t len)
{
	struct tpl_op *ops;

	/* merge adjacent literals */
	if (m == M_LITERAL && t->nops && t->ops[t->nops - 1].m == M_LITERAL &&
	    t->ops[t->nops - 1].off + t->ops[t->nops - 1].len == off) {
		t->ops[t->nops - 1].len += len;
		return true;
	}
	ops = realloc(t->ops, (t->nops + 1) * sizeof(*ops));
	if (!ops)
		return false;
	t->ops = ops;
	t->ops[t->nops++] = (struct tpl_op){ m, off, len };
	return true;
}

struct sclog_template *sclog_template_new(const char *spec, char *err,
					  size_t errlen)
{
	struct sclog_template *t;
	size_t n, litlen = 0;

	if (!spec) {
		sclog_seterr(err, errlen, "no template");
		return NULL;
	}
	n = strlen(spec);
	t = calloc(1, sizeof(*t));
	if (!t || !(t->lit = malloc(n + 1))) {
		free(t);
		sclog_seterr(err, errlen, "out of memory");
		return NULL;
	}

	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)spec[i];
		enum macro m;
		size_t blen;

		if (c < 0x20 || c == 0x7f) {
			sclog_seterr(err, errlen,
				"control character 0x%02x at offset %zu in template",
				c, i);
			goto fail;
		}
		if (c != '%') {
			t->lit[litlen] = (char)c;
			if (!tpl_push(t, M_LITERAL, litlen++, 1))
				goto oom;
			i++;
			continue;
		}
		if (i + 1 == n) {
			sclog_seterr(err, errlen, "template ends in '%%'");
			goto fail;
		}
		if (spec[i + 1] == '%') {
			t->lit[litlen] = '%';
			if (!tpl_push(t, M_LITERAL, litlen++, 1))
				goto oom;
			i += 2;
			continue;
		}
		blen = macro_at(spec + i + 1, n - i - 1, &m);
		if (!blen) {
			size_t l = 0;

			while (i + 1 + l < n &&
			       (spec[i + 1 + l] == '_' ||
				(spec[i + 1 + l] >= 'a' && spec[i + 1 + l] <= 'z') ||
				(spec[i + 1 + l] >= 'A' && spec[i + 1 + l] <= 'Z') ||
				(spec[i + 1 + l] >= '0' && spec[i + 1 + l] <= '9')))
				l++;
			if (l == 0)
				sclog_seterr(err, errlen,
					"'%%' at offset %zu is not followed by a macro name (use %%%% for a literal '%%')",
					i);
			else
				sclog_seterr(err, errlen,
					"unknown macro %%%.*s at offset %zu",
					(int)(l > 64 ? 64 : l), spec + i + 1, i);
			goto fail;
		}
		if (!tpl_push(t, m, 0, 0))
			goto oom;
		i += 1 + blen;
	}
	return t;

oom:
	sclog_seterr(err, errlen, "out of memory");
fail:
	sclog_template_free(t);
	return NULL;
}

void sclog_template_free(struct sclog_template *t)
{
	if (!t)
		return;
	free(t->lit);
	free(t->ops);
	free(t);
}

/* %cwd: the working directory, escaped, or "-". */
static void tpl_cwd(struct sclog_buf *b, const struct sclog_rec *rec)
{
	struct sclog_field_view f;

	if (first_field(rec, SCLOG_FIELD_CWD, &f))
		sclog_escape_text(b, f.data, f.len, false);
	else
		buf_addc(b, '-');
}

/* %path: the first resolved path, else descriptor path, else name; or "-". */
static void tpl_path(struct sclog_buf *b, const struct sclog_rec *rec)
{
	struct sclog_field_view f;

	if (first_field(rec, SCLOG_FIELD_PATH, &f) ||
	    first_field(rec, SCLOG_FIELD_FD_PATH, &f) ||
	    first_field(rec, SCLOG_FIELD_NAME, &f))
		sclog_escape_text(b, f.data, f.len, false);
	else
		buf_addc(b, '-');
}

/*
 * %argv: the argument strings separated by single spaces, each escaped;
 * one that is empty, holds a space or is "-" is also quoted, so that the
 * strings can be told apart.  "-" without argv.
 */
static void tpl_argv(struct sclog_buf *b, const struct sclog_rec *rec)
{
	struct sclog_field_view f;
	const unsigned char *s;
	size_t off = 0, pos, n;
	bool any = false;

	while (sclog_rec_next_field(rec, &off, &f) == 1) {
		if (f.type != SCLOG_FIELD_ARGV)
			continue;
		for (pos = 0; next_string(&f, &pos, &s, &n);) {
			if (any)
				buf_addc(b, ' ');
			any = true;
			sclog_escape_text(b, s, n, n == 0 || memchr(s, ' ', n) ||
					  (n == 1 && s[0] == '-'));
		}
	}
	if (!any)
		buf_addc(b, '-');
}

/* %ruleid: the name of the rule that matched the call, or "-". */
static void tpl_ruleid(struct sclog_buf *b, const struct sclog_rec *rec)
{
	struct sclog_rule_view rv;

	if (sclog_rec_rule(rec, &rv, NULL) == SCLOG_RULE_OK)
		sclog_escape_text(b, rv.name, rv.name_len, false);
	else
		buf_addc(b, '-');
}

/*
 * How macros are written: in --format templates, or in a rule's log
 * format, as syscalltrack's sctlog wrote them (STYLE_SCT): %comm quoted, and
 * in %params the arguments the kernel copied a path name from as that
 * name, quoted.
 */
enum tpl_style { STYLE_TEMPLATE, STYLE_SCT };

/* The first name the kernel copied from argument i, if it recorded one. */
static bool arg_name(const struct sclog_rec *rec, int i,
		     struct sclog_field_view *f)
{
	size_t off = 0;

	while (sclog_rec_next_field(rec, &off, f) == 1)
		if (f->type == SCLOG_FIELD_NAME && f->arg == (unsigned int)i)
			return true;
	return false;
}

/* %params of a rule's log format: path name arguments as quoted names. */
static void params_sct(struct sclog_buf *b, const struct sclog_rec *rec)
{
	struct sclog_field_view f;
	const struct sclog_arg_desc *args;
	int n;

	if ((rec->hdr.flags & SCLOG_RF_IO_URING) || !rec->fields_len) {
		sclog_format_params(b, rec);
		return;
	}
	n = rec_args(rec, &args);
	for (int i = 0; i < n; i++) {
		if (i)
			sclog_buf_add(b, ", ", 2);
		if (arg_name(rec, i, &f))
			sclog_escape_text(b, f.data, f.len, true);
		else
			buf_arg(b, &args[i], rec->hdr.args[i]);
	}
}

static void emit_macro(struct sclog_buf *b, enum macro m,
		       const struct sclog_rec *rec, enum tpl_style style)
{
	const struct sclog_record *h = &rec->hdr;

	switch (m) {
	case M_LITERAL:
		break;
	case M_RULEID:
		tpl_ruleid(b, rec);
		break;
	case M_SID:
		buf_i64(b, h->nr);
		break;
	case M_SNAME:
		sclog_format_syscall_name(b, rec);
		break;
	case M_PARAMS:
		if (style == STYLE_SCT)
			params_sct(b, rec);
		else
			sclog_format_params(b, rec);
		break;
	case M_PID:
		buf_u64(b, h->pid);
		break;
	case M_UID:
		buf_u64(b, h->uid);
		break;
	case M_EUID:
		buf_u64(b, h->euid);
		break;
	case M_SUID:
		buf_u64(b, h->suid);
		break;
	case M_GID:
		buf_u64(b, h->gid);
		break;
	case M_EGID:
		buf_u64(b, h->egid);
		break;
	case M_SGID:
		buf_u64(b, h->sgid);
		break;
	case M_COMM:
		sclog_escape_text(b, h->comm, sclog_rec_comm_len(rec),
				  style == STYLE_SCT);
		break;
	case M_RETVAL:
		sclog_format_ret(b, rec);
		break;
	case M_TID:
		buf_u64(b, h->tid);
		break;
	case M_PPID:
		buf_u64(b, h->ppid);
		break;
	case M_FSUID:
		buf_u64(b, h->fsuid);
		break;
	case M_FSGID:
		buf_u64(b, h->fsgid);
		break;
	case M_TIME:
		sclog_format_time(b, h->time_real);
		break;
	case M_SEQ:
		buf_u64(b, h->seq);
		break;
	case M_ARCH:
		abi_name(b, rec);
		break;
	case M_CWD:
		tpl_cwd(b, rec);
		break;
	case M_PATH:
		tpl_path(b, rec);
		break;
	case M_ARGV:
		tpl_argv(b, rec);
		break;
	}
}

void sclog_format_template(struct sclog_buf *b, const struct sclog_template *t,
			   const struct sclog_rec *rec)
{
	/* A template describes system calls: other records keep the text form. */
	if (rec->hdr.type != SCLOG_REC_SYSCALL) {
		text_other(b, rec);
		return;
	}
	for (size_t i = 0; i < t->nops; i++) {
		const struct tpl_op *op = &t->ops[i];

		if (op->m == M_LITERAL)
			sclog_buf_add(b, t->lit + op->off, op->len);
		else
			emit_macro(b, op->m, rec, STYLE_TEMPLATE);
	}
	buf_addc(b, '\n');
}

/*
 * The n bytes of a rule's log format, expanded for rec, without a '\n'.
 * "%%" is a '%'; a '%' that starts no macro name is copied as it is.
 * sclog_rec_rule() let only printable ASCII through; any other byte would
 * be escaped.
 */
static void expand_rule_format(struct sclog_buf *b, const struct sclog_rec *rec,
			       const unsigned char *fmt, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned char c = fmt[i];
		enum macro m;
		size_t l;

		if (c == '%' && i + 1 < n && fmt[i + 1] == '%') {
			buf_addc(b, '%');
			i += 2;
		} else if (c == '%' &&
			   (l = macro_at((const char *)fmt + i + 1, n - i - 1, &m))) {
			emit_macro(b, m, rec, STYLE_SCT);
			i += 1 + l;
		} else {
			if (c >= 0x20 && c <= 0x7e)
				buf_addc(b, (char)c);
			else
				sclog_escape_text(b, &c, 1, false);
			i++;
		}
	}
}

bool sclog_format_rule_line(struct sclog_buf *b, const struct sclog_rec *rec)
{
	struct sclog_rule_view rv;

	if (sclog_rec_rule(rec, &rv, NULL) != SCLOG_RULE_OK || !rv.format)
		return false;
	expand_rule_format(b, rec, rv.format, rv.format_len);
	buf_addc(b, '\n');
	return true;
}
