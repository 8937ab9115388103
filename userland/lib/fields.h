/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The field set of struct sclog_limits (SCLOG_IOC_{GET,SET}_LIMITS) by
 * name: what sclogctl limits reads and prints.
 */
#ifndef SCLOG_FIELDS_H
#define SCLOG_FIELDS_H

#include <stddef.h>
#include <stdint.h>

#include <linux/sclog.h>

/* Every SCLOG_FLD_* bit this userland knows. */
#define SCLOG_FIELDS_ALL	(SCLOG_FLD_NAMES | SCLOG_FLD_PATHS | \
				 SCLOG_FLD_CWD | SCLOG_FLD_FDS | \
				 SCLOG_FLD_ARGV | SCLOG_FLD_ENVP)
/*
 * The kernel's default set, which it offers no way to read back: every
 * field but the environment strings (kernel/sclog/core.c, sclog.limits).
 */
#define SCLOG_FIELDS_DEFAULT	(SCLOG_FIELDS_ALL & ~SCLOG_FLD_ENVP)

/* The name of each SCLOG_FLD_* bit, in bit order; NULL-terminated. */
struct sclog_field_name {
	const char *name;	/* "names", "paths", "cwd", "fds", "argv", "envp" */
	uint32_t bit;
};
extern const struct sclog_field_name sclog_field_names[];

/*
 * A comma-separated field list: field names, "all", "none", "default";
 * an item with a '+' or '-' in front adds to or removes from the set.  The
 * items without a sign give the new set (their union); without any, the
 * set starts from cur.  Then the signed items apply, left to right.
 * Returns 0 and sets *out, or -1 with a message in err (errlen bytes):
 * "empty item", "unknown field 'x' (names, ...)".
 */
int sclog_fields_parse(const char *list, uint32_t cur, uint32_t *out,
		       char *err, size_t errlen);

/*
 * fields as the list of its names ("names,paths,cwd"), bits this userland
 * does not know as hex ("0x40"), or "none"; sep between the items.  Like
 * snprintf: returns the length the whole text needs.
 */
int sclog_fields_format(char *buf, size_t len, uint32_t fields,
			const char *sep);

#endif /* SCLOG_FIELDS_H */
