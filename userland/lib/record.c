// SPDX-License-Identifier: GPL-2.0-only
/*
 * Validated decoding of /dev/sclog records, see record.h.
 *
 * Every multi-byte value is read with memcpy(), so buffers need not be
 * aligned; every length is checked against the buffer before it is used.
 */

#include <stdlib.h>
#include <string.h>

#include "record.h"

_Static_assert(sizeof(struct sclog_record) == SCLOG_REC_V1_HDR_SIZE,
	       "struct sclog_record does not have the version-1 size");
_Static_assert(sizeof(struct sclog_field) == 8, "struct sclog_field size");
_Static_assert(offsetof(struct sclog_field, arg) == 3 &&
	       offsetof(struct sclog_field, len) == 4,
	       "struct sclog_field layout");

static inline uint32_t get_u32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline uint16_t get_u16(const unsigned char *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/*
 * Walk one field at off (< len) of a field area of len bytes.  Returns 1 and
 * fills *f and *next, or -1 with *err set.
 */
static int field_at(const unsigned char *p, size_t len, size_t off,
		    struct sclog_field_view *f, size_t *next, const char **err)
{
	struct sclog_field h;
	size_t room = len - off;

	if (room < sizeof(h)) {
		*err = "field header runs past the end of the record";
		return -1;
	}
	memcpy(&h, p + off, sizeof(h));
	room -= sizeof(h);
	if (h.len > room) {
		*err = "field runs past the end of the record";
		return -1;
	}
	f->type = h.type;
	f->flags = h.flags;
	f->arg = h.arg;
	f->data = p + off + sizeof(h);
	f->len = h.len;
	/* room is a multiple of 8, so the padded length still fits */
	*next = off + sizeof(h) + (((size_t)h.len + 7) & ~(size_t)7);
	if (*next > len) {
		*err = "field padding runs past the end of the record";
		return -1;
	}
	return 1;
}

long sclog_rec_decode(const void *buf, size_t len, struct sclog_rec *rec,
		      const char **err)
{
	const unsigned char *p = buf;
	const char *dummy;
	uint32_t size;
	uint16_t hdr_size, version, abi;
	size_t off, next;
	struct sclog_field_view f;

	if (!err)
		err = &dummy;
	if (len < 8)
		return SCLOG_REC_NEED_MORE;

	size = get_u32(p + offsetof(struct sclog_record, size));
	hdr_size = get_u16(p + offsetof(struct sclog_record, hdr_size));
	if (size % SCLOG_RECORD_ALIGN) {
		*err = "record size is not a multiple of 8";
		return SCLOG_REC_BAD;
	}
	if (size > SCLOG_RECORD_MAX) {
		*err = "record size is larger than SCLOG_RECORD_MAX";
		return SCLOG_REC_BAD;
	}
	if (hdr_size < SCLOG_REC_V1_HDR_SIZE) {
		*err = "record header size is smaller than a version-1 header";
		return SCLOG_REC_BAD;
	}
	if (hdr_size % SCLOG_RECORD_ALIGN) {
		*err = "record header size is not a multiple of 8";
		return SCLOG_REC_BAD;
	}
	if (size < hdr_size) {
		*err = "record size is smaller than its header size";
		return SCLOG_REC_BAD;
	}
	/* The version and ABI are known as soon as their bytes are there. */
	if (len >= offsetof(struct sclog_record, version) + 2) {
		version = get_u16(p + offsetof(struct sclog_record, version));
		if (version != SCLOG_RECORD_VERSION) {
			*err = "unsupported record version";
			return SCLOG_REC_BAD;
		}
	}
	if (len >= offsetof(struct sclog_record, abi) + 2) {
		abi = get_u16(p + offsetof(struct sclog_record, abi));
		if (abi >= SCLOG_NR_ABIS) {
			*err = "unknown record ABI";
			return SCLOG_REC_BAD;
		}
	}
	if (len < size)
		return SCLOG_REC_NEED_MORE;

	memset(&rec->hdr, 0, sizeof(rec->hdr));
	memcpy(&rec->hdr, p, hdr_size < sizeof(rec->hdr) ? hdr_size :
						       sizeof(rec->hdr));
	rec->fields = p + hdr_size;
	rec->fields_len = size - hdr_size;

	for (off = 0; off < rec->fields_len; off = next) {
		if (field_at(rec->fields, rec->fields_len, off, &f, &next,
			     err) < 0)
			return SCLOG_REC_BAD;
	}
	return (long)size;
}

int sclog_rec_next_field(const struct sclog_rec *rec, size_t *off,
			 struct sclog_field_view *f)
{
	const char *err;
	size_t next;

	if (*off >= rec->fields_len)
		return 0;
	if (field_at(rec->fields, rec->fields_len, *off, f, &next, &err) < 0)
		return -1;
	*off = next;
	return 1;
}

/* Are the n bytes at p all within lo..0x7e? */
static bool bytes_in(const unsigned char *p, size_t n, unsigned char lo)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] < lo || p[i] > 0x7e)
			return false;
	return true;
}

int sclog_rec_rule(const struct sclog_rec *rec, struct sclog_rule_view *rv,
		   const char **err)
{
	struct sclog_field_view f, rule = { 0 }, fmt = { 0 };
	unsigned int nrule = 0, nfmt = 0;
	const char *dummy;
	size_t off = 0;
	int r;

	if (!err)
		err = &dummy;
	while ((r = sclog_rec_next_field(rec, &off, &f)) == 1) {
		if (f.type == SCLOG_FIELD_RULE && !nrule++)
			rule = f;
		else if (f.type == SCLOG_FIELD_RULE_FORMAT && !nfmt++)
			fmt = f;
	}
	if (r < 0) {
		*err = "malformed field list";
		return SCLOG_RULE_BAD;
	}
	if (!nrule && !nfmt && !(rec->hdr.flags & SCLOG_RF_RULE))
		return SCLOG_RULE_NONE;
	if (!nrule) {
		*err = nfmt ? "rule format field without a rule field" :
			      "rule flag without a rule field";
		return SCLOG_RULE_BAD;
	}
	if (!(rec->hdr.flags & SCLOG_RF_RULE)) {
		*err = "rule field without the rule flag";
		return SCLOG_RULE_BAD;
	}
	if (nrule > 1) {
		*err = "more than one rule field";
		return SCLOG_RULE_BAD;
	}
	if (nfmt > 1) {
		*err = "more than one rule format field";
		return SCLOG_RULE_BAD;
	}
	if (!rule.len) {
		*err = "empty rule name";
		return SCLOG_RULE_BAD;
	}
	if (rule.len > SCLOG_RULE_NAME_MAX) {
		*err = "rule name longer than SCLOG_RULE_NAME_MAX";
		return SCLOG_RULE_BAD;
	}
	if (!bytes_in(rule.data, rule.len, 0x21)) {
		*err = "rule name with a byte outside 0x21-0x7e";
		return SCLOG_RULE_BAD;
	}
	if (!sclog_action_name(rule.arg)) {
		*err = rule.arg == SCLOG_ACT_IGNORE ?
		       "rule action IGNORE in a record" :
		       "rule action is not LOG, FAIL, KILL or SUSPEND";
		return SCLOG_RULE_BAD;
	}
	if (nfmt && !fmt.len) {
		*err = "empty rule format";
		return SCLOG_RULE_BAD;
	}
	if (nfmt && fmt.len > SCLOG_RULE_FORMAT_MAX) {
		*err = "rule format longer than SCLOG_RULE_FORMAT_MAX";
		return SCLOG_RULE_BAD;
	}
	if (nfmt && !bytes_in(fmt.data, fmt.len, 0x20)) {
		*err = "rule format with a byte outside 0x20-0x7e";
		return SCLOG_RULE_BAD;
	}
	rv->action = rule.arg;
	rv->name = rule.data;
	rv->name_len = rule.len;
	rv->format = nfmt ? fmt.data : NULL;
	rv->format_len = nfmt ? fmt.len : 0;
	return SCLOG_RULE_OK;
}

bool sclog_rec_signal(const struct sclog_rec *rec, struct sclog_signal_info *si)
{
	struct sclog_field_view f;
	size_t off = 0;

	while (sclog_rec_next_field(rec, &off, &f) == 1) {
		if (f.type != SCLOG_FIELD_SIGNAL)
			continue;
		memset(si, 0, sizeof(*si));
		memcpy(si, f.data, f.len < sizeof(*si) ? f.len : sizeof(*si));
		return true;
	}
	return false;
}

size_t sclog_rec_comm_len(const struct sclog_rec *rec)
{
	return strnlen((const char *)rec->hdr.comm, sizeof(rec->hdr.comm));
}

/* Room for CPU cpu; false if out of memory. */
static bool seq_grow(struct sclog_seq *s, uint32_t cpu)
{
	if (cpu >= s->ncpus) {
		size_t n = cpu + 1 > 64 ? (size_t)cpu + 1 : 64;
		uint64_t *next = realloc(s->next, n * sizeof(*next));
		unsigned char *seen;

		if (!next)
			return false;
		s->next = next;
		seen = realloc(s->seen, n);
		if (!seen)
			return false;
		memset(seen + s->ncpus, 0, n - s->ncpus);
		s->seen = seen;
		s->ncpus = n;
	}
	return true;
}

int sclog_seq_expect(struct sclog_seq *s, uint32_t cpu, uint64_t next)
{
	if (!seq_grow(s, cpu))
		return SCLOG_SEQ_NOMEM;
	s->seen[cpu] = 1;
	s->next[cpu] = next;
	return SCLOG_SEQ_OK;
}

int sclog_seq_note(struct sclog_seq *s, uint32_t cpu, uint64_t seq,
		   uint64_t *first)
{
	int r = SCLOG_SEQ_OK;

	if (!seq_grow(s, cpu))
		return SCLOG_SEQ_NOMEM;
	if (s->seen[cpu] && seq != s->next[cpu]) {
		*first = s->next[cpu];
		r = seq > s->next[cpu] ? SCLOG_SEQ_GAP : SCLOG_SEQ_BACK;
	}
	s->seen[cpu] = 1;
	s->next[cpu] = seq + 1;
	return r;
}

void sclog_seq_free(struct sclog_seq *s)
{
	free(s->next);
	free(s->seen);
	memset(s, 0, sizeof(*s));
}
