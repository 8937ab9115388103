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
void sclog_seq_free(struct sclog_seq *s);

#endif /* SCLOG_RECORD_H */
