/* SPDX-License-Identifier: GPL-2.0-only */
/* Small helpers shared by the library and the programs. */
#ifndef SCLOG_UTIL_H
#define SCLOG_UTIL_H

#include <stddef.h>
#include <stdint.h>

/*
 * The n bytes at s as a decimal number: digits only (no sign, no white
 * space; leading zeros are the caller's to refuse).  Returns 0 and sets
 * *out, -EINVAL if s is empty or holds anything but digits, -ERANGE if the
 * value is above max (*out untouched on error).
 */
int sclog_parse_u64(const char *s, size_t n, uint64_t max, uint64_t *out);

/*
 * Levenshtein distance between a and b, for "did you mean" suggestions;
 * SIZE_MAX when either is 63 bytes or longer (names are short).
 */
size_t sclog_edit_distance(const char *a, const char *b);

/* vsnprintf into err (errlen bytes), unless err is NULL or errlen is 0. */
void sclog_seterr(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* SCLOG_UTIL_H */
