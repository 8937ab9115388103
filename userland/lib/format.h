/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Writing records as log lines: the text format, user templates (--format)
 * and JSON Lines.  The formats are specified in Documentation/log-format.md;
 * sclog_parse_line() (event.h) reads the text and JSON forms back.
 *
 * Every string that comes from a record (comm, path names, paths, argv and
 * environment strings) goes through the escapers below, so no record can produce a newline, a
 * quote that ends its value early, a terminal control sequence, or a byte
 * sequence that is not ASCII.
 */
#ifndef SCLOG_FORMAT_H
#define SCLOG_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "record.h"

/* A growable output buffer.  All writers append; none NUL-terminates. */
struct sclog_buf {
	char *data;
	size_t len;
	size_t cap;
	bool oom;		/* an allocation failed: contents are incomplete */
};

void sclog_buf_init(struct sclog_buf *b);
void sclog_buf_free(struct sclog_buf *b);
static inline void sclog_buf_reset(struct sclog_buf *b) { b->len = 0; b->oom = false; }
void sclog_buf_add(struct sclog_buf *b, const void *p, size_t n);
void sclog_buf_adds(struct sclog_buf *b, const char *s);
void sclog_buf_addf(struct sclog_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Text escaping: bytes 0x20..0x7e other than '"' and '\\' are copied; '"',
 * '\\', '\n', '\t', '\r' become \" \\ \n \t \r; every other byte \xHH
 * (lower-case hex).  With quote, the result is enclosed in double quotes.
 */
void sclog_escape_text(struct sclog_buf *b, const void *p, size_t n, bool quote);

/*
 * JSON string (with its quotes): '"' and '\\' escaped, \n \t \r \b \f, other
 * bytes below 0x20, 0x7f and every byte >= 0x80 as \u00HH, so each byte maps
 * to one code point <= 0xff and the original bytes can be recovered.
 */
void sclog_escape_json(struct sclog_buf *b, const void *p, size_t n);

/*
 * 2026-11-24T12:36:04.123456789Z (UTC, nanoseconds).  Not thread-safe: it
 * keeps the text of the last second it formatted.
 */
void sclog_format_time(struct sclog_buf *b, uint64_t ns_since_epoch);

/* 2026-11-24T12:36:04Z: the same to the second (start and stop lines). */
void sclog_format_time_s(struct sclog_buf *b, uint64_t secs_since_epoch);

/* "openat" or, for a number the tables do not know, "syscall_457". */
void sclog_format_syscall_name(struct sclog_buf *b, const struct sclog_rec *rec);

/* The decoded argument list without parentheses: "AT_FDCWD, 0x7ffd..., O_RDONLY". */
void sclog_format_params(struct sclog_buf *b, const struct sclog_rec *rec);

/* "3", "-2 ENOENT", or "?" for a record without a return value. */
void sclog_format_ret(struct sclog_buf *b, const struct sclog_rec *rec);

/*
 * One text line, with its '\n'.  A record that names a rule
 * (sclog_rec_rule()) has rule="NAME" and, unless the action is LOG,
 * action=fail|kill|suspend before call=; one whose rule fields are
 * malformed has rule_error="why" instead.  The rule's log format is not
 * used here: see sclog_format_rule_line().
 */
void sclog_format_text(struct sclog_buf *b, const struct sclog_rec *rec);

/*
 * One JSON Lines line, with its '\n'.  A rule adds "rule", "action" and,
 * when the rule has a log format, "message": the format expanded as
 * sclog_format_rule_line() does; malformed rule fields add "rule_error".
 */
void sclog_format_json(struct sclog_buf *b, const struct sclog_rec *rec);

/*
 * The line of a rule's log format: when rec names a rule that has a log
 * format (SCLOG_FIELD_RULE_FORMAT), append that format expanded for rec,
 * with its '\n', and return true; else append nothing and return false.
 * The macros are those of templates (sclog_template_macros), written as
 * syscalltrack's sctlog wrote them: %comm in double quotes, and in %params
 * each argument the kernel copied a path name from as that name, quoted
 * (other arguments as in templates); strings escaped as in the text
 * format.  "%%" is a '%'; a '%' that starts no macro name is copied as it
 * is.  The format is the record's own, so no rule table is needed.
 */
bool sclog_format_rule_line(struct sclog_buf *b, const struct sclog_rec *rec);

/*
 * The line saying that records first..last of a CPU are missing (lost),
 * with its '\n': "TIME sclogd: lost N records on CPU c (seq A-B)", or in
 * JSON {"lost":N,"cpu":c,"time":T,"first_seq":A}.
 */
void sclog_format_lost_text(struct sclog_buf *b, uint64_t time, uint32_t cpu,
			    uint64_t first, uint64_t last);
void sclog_format_lost_json(struct sclog_buf *b, uint64_t time, uint32_t cpu,
			    uint64_t first, uint64_t last);

/* A compiled --format template. */
struct sclog_template;

/*
 * Compile a template.  Returns NULL on error with a message in err (errlen
 * bytes), e.g. "unknown macro %foo at offset 12", "template ends in '%'".
 * The template is one line: a newline or other control byte in it is an
 * error; sclog_format_template() appends the '\n'.
 */
struct sclog_template *sclog_template_new(const char *spec, char *err,
					  size_t errlen);
void sclog_template_free(struct sclog_template *t);
/*
 * One line of template t for rec, with its '\n'.  %ruleid is the name of
 * the rule that matched the call, or "-"; strings are escaped as in the
 * text format, without quotes.
 */
void sclog_format_template(struct sclog_buf *b, const struct sclog_template *t,
			   const struct sclog_rec *rec);

/* The macros a template may use, for --help and the man page; NULL-terminated. */
extern const char *const sclog_template_macros[];

#endif /* SCLOG_FORMAT_H */
