/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Validated decoding of the records /dev/sclog produces (struct sclog_record
 * of <linux/sclog.h>, followed by struct sclog_field entries).
 *
 * Input is untrusted bytes: a read() from the device, or a raw capture file.
 * Nothing here trusts a length it has not checked against the buffer.
 */
#ifndef SCLOG_RECORD_H
#define SCLOG_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/sclog.h>

/* Size of the fixed part of a version-1 record: the smallest valid hdr_size. */
#define SCLOG_REC_V1_HDR_SIZE	184

struct sclog_rec {
	/*
	 * Copy of the fixed part.  A record with a shorter hdr_size than
	 * this struct (never, for version 1) would leave the rest zero; a
	 * longer one (a newer kernel) has its extra bytes ignored.
	 */
	struct sclog_record hdr;
	/* Variable part: the bytes from hdr_size to size, in the caller's buffer. */
	const unsigned char *fields;
	size_t fields_len;
};

/* One variable field; data points into the caller's buffer. */
struct sclog_field_view {
	unsigned int type;		/* SCLOG_FIELD_*, or a type to skip */
	unsigned int flags;		/* SCLOG_FF_* */
	unsigned int arg;		/* argument index 0-5, or SCLOG_ARG_NONE */
	const unsigned char *data;
	size_t len;
};

/* Results of sclog_rec_decode(), besides a positive length. */
enum {
	SCLOG_REC_NEED_MORE = 0,	/* buf holds only the start of a record */
	SCLOG_REC_BAD = -1,		/* not a valid record: *err says why */
};

/*
 * Decode the record at the start of buf (len bytes; buf need not be
 * aligned).  Returns the record's size (> 0, a multiple of 8) and fills *rec;
 * SCLOG_REC_NEED_MORE if len is less than the record's size (or less than 8,
 * so its size cannot be known yet); SCLOG_REC_BAD and a static message in
 * *err (if err is not NULL) when it is malformed:
 * size not a multiple of 8, smaller than hdr_size or larger than
 * SCLOG_RECORD_MAX; hdr_size smaller than SCLOG_REC_V1_HDR_SIZE or not a
 * multiple of 8; version not SCLOG_RECORD_VERSION; abi not an SCLOG_ABI_*;
 * a field that runs past the end of the record.
 *
 * Records of a type other than SCLOG_REC_SYSCALL are valid (a newer kernel
 * may write them): they decode, and callers skip them by rec->hdr.type.
 */
long sclog_rec_decode(const void *buf, size_t len, struct sclog_rec *rec,
		      const char **err);

/*
 * Iterate the variable fields of a decoded record.  *off starts at 0.
 * Returns 1 and fills *f, 0 at the end, -1 if the field list is malformed
 * (cannot happen for a record sclog_rec_decode() accepted).
 */
int sclog_rec_next_field(const struct sclog_rec *rec, size_t *off,
			 struct sclog_field_view *f);

/*
 * The rule a record names (SCLOG_RF_RULE): its SCLOG_FIELD_RULE and, when
 * the rule has a log format, its SCLOG_FIELD_RULE_FORMAT.  name and format
 * point into the caller's buffer.
 */
struct sclog_rule_view {
	unsigned int action;		/* SCLOG_ACT_LOG, _FAIL, _KILL or _SUSPEND */
	const unsigned char *name;	/* 1..SCLOG_RULE_NAME_MAX bytes 0x21-0x7e */
	size_t name_len;
	const unsigned char *format;	/* 1..SCLOG_RULE_FORMAT_MAX bytes
					 * 0x20-0x7e, or NULL: no format */
	size_t format_len;
};

/* Results of sclog_rec_rule(). */
enum {
	SCLOG_RULE_NONE = 0,	/* no rule matched the call */
	SCLOG_RULE_OK = 1,	/* *rv filled */
	SCLOG_RULE_BAD = -1,	/* the rule fields are malformed: *err says why */
};

/*
 * The rule of a decoded record.  Returns SCLOG_RULE_OK and fills *rv,
 * SCLOG_RULE_NONE for a record that names no rule (no SCLOG_RF_RULE, no
 * rule field), or SCLOG_RULE_BAD and a static message in *err (if err is
 * not NULL) when what the record says about its rule cannot be trusted:
 * the flag without a rule field or a rule field without the flag; a
 * format without a rule; more than one rule or format field; a name that
 * is empty, longer than SCLOG_RULE_NAME_MAX or holds a byte outside
 * 0x21-0x7e (printable ASCII, no space); a format that is empty, longer
 * than SCLOG_RULE_FORMAT_MAX or holds a byte outside 0x20-0x7e; an action
 * (the rule field's arg) that is not LOG, FAIL, KILL or SUSPEND (IGNORE
 * makes no record).  The record itself stays valid: only its rule is not
 * shown.  The fields' flags are not looked at.
 */
int sclog_rec_rule(const struct sclog_rec *rec, struct sclog_rule_view *rv,
		   const char **err);

/* "log", "fail", "kill", "suspend"; NULL for any other value. */
static inline const char *sclog_action_name(unsigned int action)
{
	switch (action) {
	case SCLOG_ACT_LOG:
		return "log";
	case SCLOG_ACT_FAIL:
		return "fail";
	case SCLOG_ACT_KILL:
		return "kill";
	case SCLOG_ACT_SUSPEND:
		return "suspend";
	default:
		return NULL;
	}
}

/* The SCLOG_ACT_* named by the n bytes at s (sclog_action_name()), or 0. */
static inline unsigned int sclog_action_from_name(const char *s, size_t n)
{
	static const unsigned int acts[] = {
		SCLOG_ACT_LOG, SCLOG_ACT_FAIL, SCLOG_ACT_KILL, SCLOG_ACT_SUSPEND,
	};

	for (size_t i = 0; i < sizeof(acts) / sizeof(acts[0]); i++) {
		const char *name = sclog_action_name(acts[i]);
		size_t k = 0;

		while (name[k] && k < n && name[k] == s[k])
			k++;
		if (!name[k] && k == n)
			return acts[i];
	}
	return 0;
}

/*
 * A SCLOG_REC_READER record's SCLOG_FIELD_SIGNAL field (who last signalled
 * the reader) into *si (a shorter field leaves the rest zero); false if it
 * has none.
 */
bool sclog_rec_signal(const struct sclog_rec *rec, struct sclog_signal_info *si);

/* The record's comm as a length (bytes before the first NUL, at most 16). */
size_t sclog_rec_comm_len(const struct sclog_rec *rec);

/* True for records written at entry (no return value: exit, exit_group). */
static inline bool sclog_rec_has_ret(const struct sclog_rec *rec)
{
	return !(rec->hdr.flags & SCLOG_RF_ENTRY);
}

/*
 * Per-CPU sequence numbers, to find where records went missing: every
 * record of a CPU takes the next number of that CPU, also the ones the
 * kernel dropped.
 */
struct sclog_seq {
	uint64_t *next;		/* per CPU: the next number expected ... */
	unsigned char *seen;	/* ... valid once a record of it was seen */
	size_t ncpus;
};

enum {
	SCLOG_SEQ_OK,		/* the expected number, or a CPU's first */
	SCLOG_SEQ_GAP,		/* records *first .. seq - 1 are missing */
	SCLOG_SEQ_BACK,		/* below the expected *first: input restarted */
	SCLOG_SEQ_NOMEM,	/* could not track this CPU */
};

/* Note record number seq of cpu; returns an SCLOG_SEQ_* value. */
int sclog_seq_note(struct sclog_seq *s, uint32_t cpu, uint64_t seq,
		   uint64_t *first);
/*
 * Expect number next as cpu's next record (as if the one before it had
 * been seen): where an earlier reader stopped.  Returns SCLOG_SEQ_OK or
 * SCLOG_SEQ_NOMEM.
 */
int sclog_seq_expect(struct sclog_seq *s, uint32_t cpu, uint64_t next);
void sclog_seq_free(struct sclog_seq *s);

#endif /* SCLOG_RECORD_H */
