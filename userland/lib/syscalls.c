// SPDX-License-Identifier: GPL-2.0-only
/* Syscall name <-> number lookups, see syscalls.h. */

#include <string.h>

#include "syscalls.h"
#include "syscalls-internal.h"

static const struct sclog_systab *systab(sclog_abi_t abi)
{
	switch (abi) {
	case SCLOG_ABI_X86_64:
		return &sclog_systab_x86_64;
	case SCLOG_ABI_I386:
		return &sclog_systab_i386;
	case SCLOG_ABI_X32:
		return &sclog_systab_x32;
	}
	return NULL;
}

const char *sclog_abi_name(sclog_abi_t abi)
{
	switch (abi) {
	case SCLOG_ABI_X86_64:
		return "x86_64";
	case SCLOG_ABI_I386:
		return "i386";
	case SCLOG_ABI_X32:
		return "x32";
	}
	return NULL;
}

int sclog_abi_from_name(const char *name, sclog_abi_t *abi)
{
	static const sclog_abi_t all[] = {
		SCLOG_ABI_X86_64, SCLOG_ABI_I386, SCLOG_ABI_X32,
	};

	if (!name)
		return -1;
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		if (strcmp(name, sclog_abi_name(all[i])) == 0) {
			*abi = all[i];
			return 0;
		}
	}
	return -1;
}

const char *sclog_syscall_name(sclog_abi_t abi, long nr)
{
	const struct sclog_systab *t = systab(abi);
	size_t lo = 0, hi;

	if (!t)
		return NULL;
	if (abi == SCLOG_ABI_X32 && nr >= 0 && nr < SCLOG_X32_SYSCALL_BIT)
		nr |= SCLOG_X32_SYSCALL_BIT;

	hi = t->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		long v = t->by_nr[mid].nr;

		if (v == nr)
			return t->by_nr[mid].name;
		if (v < nr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

long sclog_syscall_nr(sclog_abi_t abi, const char *name)
{
	const struct sclog_systab *t = systab(abi);
	size_t lo = 0, hi;

	if (!t || !name)
		return -1;

	hi = t->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct sclog_syscall *e = &t->by_nr[t->by_name[mid]];
		int cmp = strcmp(e->name, name);

		if (cmp == 0)
			return e->nr;
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

size_t sclog_syscall_count(sclog_abi_t abi)
{
	const struct sclog_systab *t = systab(abi);

	return t ? t->count : 0;
}

const struct sclog_syscall *sclog_syscall_at(sclog_abi_t abi, size_t idx)
{
	const struct sclog_systab *t = systab(abi);

	if (!t || idx >= t->count)
		return NULL;
	return &t->by_nr[idx];
}
