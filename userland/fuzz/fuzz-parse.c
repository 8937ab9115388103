// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for sclog_parse_line() (lib/event.c): any bytes, as one
 * line, must give a result without a crash, a leak or undefined behaviour;
 * a record's fields (its rule too) must be within their documented bounds.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sclog_event ev;
	struct sclog_lost lost;
	char err[128];
	size_t i, n;

	/* An exact-size copy, so reads past the line are caught by ASan. */
	char *line = malloc(size ? size : 1);

	if (!line)
		return 0;
	memcpy(line, data, size);
	switch (sclog_parse_line(line, size, &ev, &lost, err, sizeof(err))) {
	case SCLOG_LINE_RECORD:
		if (ev.comm_len > sizeof(ev.comm) ||
		    ev.npaths > SCLOG_EVENT_MAX_PATHS ||
		    !memchr(ev.syscall, '\0', sizeof(ev.syscall)) ||
		    ev.abi >= SCLOG_NR_ABIS)
			abort();
		for (i = 0; i < ev.npaths; i++)
			if (!ev.paths[i])
				abort();
		/* argv: argc strings, each ended by a NUL */
		if ((ev.argc == 0) != (ev.argv == NULL) ||
		    (ev.argc && ev.argv[ev.argv_len - 1] != '\0'))
			abort();
		for (i = 0, n = 0; i < ev.argv_len; i++)
			n += ev.argv[i] == '\0';
		if (n < ev.argc)
			abort();
		/* rule: "" without an action, or 1-64 bytes 0x21-0x7e with one */
		n = strnlen(ev.rule, sizeof(ev.rule));
		if (n > SCLOG_RULE_NAME_MAX || (n == 0) != (ev.action == 0) ||
		    (ev.action && ev.action != SCLOG_ACT_LOG &&
		     ev.action != SCLOG_ACT_FAIL && ev.action != SCLOG_ACT_KILL &&
		     ev.action != SCLOG_ACT_SUSPEND))
			abort();
		for (i = 0; i < n; i++)
			if (ev.rule[i] < 0x21 || ev.rule[i] > 0x7e)
				abort();
		sclog_event_clear(&ev);
		break;
	case SCLOG_LINE_LOST:
		if (!lost.count)
			abort();
		break;
	case SCLOG_LINE_BAD:
		if (!memchr(err, '\0', sizeof(err)) || !err[0])
			abort();
		break;
	case SCLOG_LINE_META:
		break;
	}
	free(line);
	return 0;
}
