// SPDX-License-Identifier: GPL-2.0-only
/* Small helpers shared by the library and the programs, see util.h. */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include "util.h"

int sclog_parse_u64(const char *s, size_t n, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	int err = 0;
	size_t i;

	if (!n)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		unsigned int d = (unsigned char)s[i] - '0';

		if (d > 9)
			return -EINVAL;
		/* Keep looking for a non-digit: that is the first error. */
		if (err || v > (max - d) / 10)
			err = -ERANGE;
		else
			v = v * 10 + d;
	}
	if (err)
		return err;
	*out = v;
	return 0;
}

void sclog_seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}
