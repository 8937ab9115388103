// SPDX-License-Identifier: GPL-2.0-only
/* Field sets of struct sclog_limits by name, see fields.h. */

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "fields.h"
#include "util.h"

const struct sclog_field_name sclog_field_names[] = {
	{ "names", SCLOG_FLD_NAMES },
	{ "paths", SCLOG_FLD_PATHS },
	{ "cwd", SCLOG_FLD_CWD },
	{ "fds", SCLOG_FLD_FDS },
	{ "argv", SCLOG_FLD_ARGV },
	{ "envp", SCLOG_FLD_ENVP },
	{ NULL, 0 },
};

/* The bits of one item name (n bytes); false if unknown. */
static bool item_bits(const char *s, size_t n, uint32_t *bits)
{
	static const struct sclog_field_name sets[] = {
		{ "all", SCLOG_FIELDS_ALL },
		{ "none", 0 },
		{ "default", SCLOG_FIELDS_DEFAULT },
	};
	const struct sclog_field_name *f;
	size_t i;

	for (f = sclog_field_names; f->name; f++) {
		if (strlen(f->name) == n && !memcmp(f->name, s, n)) {
			*bits = f->bit;
			return true;
		}
	}
	for (i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
		if (strlen(sets[i].name) == n && !memcmp(sets[i].name, s, n)) {
			*bits = sets[i].bit;
			return true;
		}
	}
	return false;
}

int sclog_fields_parse(const char *list, uint32_t cur, uint32_t *out,
		       char *err, size_t errlen)
{
	uint32_t base = 0, bits;
	bool plain = false;
	const char *p, *e;
	int pass;

	/* Pass 0: the items without a sign; pass 1: the signed ones. */
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1 && !plain)
			base = cur;
		for (p = list;; p = e + 1) {
			char sign = 0;

			e = strchr(p, ',');
			if (!e)
				e = p + strlen(p);
			if (*p == '+' || *p == '-')
				sign = *p++;
			if (p == e) {
				sclog_seterr(err, errlen, "empty item");
				return -1;
			}
			if (!item_bits(p, (size_t)(e - p), &bits)) {
				sclog_seterr(err, errlen,
					     "unknown field '%.*s' (names, paths, cwd, fds, argv, envp, all, none, default)",
					     (int)(e - p > 64 ? 64 : e - p), p);
				return -1;
			}
			if (pass == 0 && !sign) {
				base |= bits;
				plain = true;
			} else if (pass == 1 && sign == '+') {
				base |= bits;
			} else if (pass == 1 && sign == '-') {
				base &= ~bits;
			}
			if (!*e)
				break;
		}
	}
	*out = base;
	return 0;
}

int sclog_fields_format(char *buf, size_t len, uint32_t fields,
			const char *sep)
{
	const struct sclog_field_name *f;
	size_t total = 0;
	int n;

	if (len)
		buf[0] = '\0';
	if (!fields)
		return snprintf(buf, len, "none");
	for (f = sclog_field_names; f->name; f++) {
		if (!(fields & f->bit))
			continue;
		n = snprintf(total < len ? buf + total : NULL,
			     total < len ? len - total : 0, "%s%s",
			     total ? sep : "", f->name);
		total += (size_t)n;
	}
	if (fields & ~(uint32_t)SCLOG_FIELDS_ALL) {
		n = snprintf(total < len ? buf + total : NULL,
			     total < len ? len - total : 0, "%s0x%x",
			     total ? sep : "",
			     fields & ~(uint32_t)SCLOG_FIELDS_ALL);
		total += (size_t)n;
	}
	return (int)total;
}
