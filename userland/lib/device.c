// SPDX-License-Identifier: GPL-2.0-only
/* Talking to /dev/sclog, see device.h. */

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "device.h"

int sclog_get_status(int fd, struct sclog_status *st,
		     struct sclog_cpu_stats **cpus)
{
	struct sclog_cpu_stats *c = NULL;
	uint32_t room = 0;
	int tries;

	*cpus = NULL;
	for (tries = 0; tries < 4; tries++) {
		memset(st, 0, sizeof(*st));
		st->nr_cpus = room;
		st->cpus = (uintptr_t)c;
		if (ioctl(fd, SCLOG_IOC_GET_STATUS, st) < 0) {
			int e = errno;

			free(c);
			errno = e;
			return -1;
		}
		if (st->nr_cpus <= room && c) {
			*cpus = c;
			return 0;
		}
		if (!st->nr_cpus) {
			*cpus = c;
			return 0;
		}
		free(c);
		room = st->nr_cpus;
		c = calloc(room, sizeof(*c));
		if (!c) {
			errno = ENOMEM;
			return -1;
		}
	}
	free(c);
	errno = EAGAIN;
	return -1;
}
