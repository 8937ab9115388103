/* SPDX-License-Identifier: GPL-2.0-only */
/* Talking to /dev/sclog: what more than one program needs. */
#ifndef SCLOG_DEVICE_H
#define SCLOG_DEVICE_H

#include <linux/sclog.h>

/*
 * SCLOG_IOC_GET_STATUS with the per-CPU counters: *cpus is malloc'd (NULL
 * when the kernel reports no CPU), st->nr_cpus entries.  Asks for the count
 * first and again if CPUs appeared meanwhile.  Returns 0, or -1 with errno
 * (the ioctl's, ENOMEM, or EAGAIN if the count kept changing).
 */
int sclog_get_status(int fd, struct sclog_status *st,
		     struct sclog_cpu_stats **cpus);

#endif /* SCLOG_DEVICE_H */
