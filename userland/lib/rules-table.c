// SPDX-License-Identifier: GPL-2.0-only
/*
 * The rule table: its layout and its validation, see rules.h.  What is
 * checked is what <linux/sclog.h> documents about struct sclog_rules and
 * its parts, which the kernel checks before taking a table; and that rule
 * names are unique, which the compiler ensures.
 *
 * This file needs nothing else of the library: tests/fakedev.c links it to
 * check tables as the kernel would.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules-internal.h"

static size_t align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

void rl_layout(size_t ncalls, size_t ninsns, size_t name_len,
	       size_t format_len, size_t strtab_len, struct rl_layout *l)
{
	l->calls = align8(sizeof(struct sclog_rule));
	l->insns = align8(l->calls + ncalls * sizeof(struct sclog_rule_call));
	l->name = align8(l->insns + ninsns * sizeof(struct sclog_rule_insn));
	l->format = align8(l->name + name_len);
	l->strtab = align8(l->format + format_len);
	l->end = align8(l->strtab + strtab_len);
}


static bool zero(const char *p, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (p[i])
			return false;
	return true;
}

static bool text_ok(const char *s, size_t len, bool space)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch < (space ? ' ' : '!') || ch > '~')
			return false;
	}
	return true;
}

static bool int_var(unsigned int var)
{
	return var >= SCLOG_VAR_PID && var <= SCLOG_VAR_PARAM;
}

static bool str_var(unsigned int var)
{
	return var >= SCLOG_VAR_PARAM && var <= SCLOG_VAR_PATH;
}

/* The string operands of a comparison: within the table, NUL-ended. */
static bool strings_ok(const struct sclog_rule_insn *in, const char *strtab,
		       size_t strtab_len)
{
	size_t pos, count, k;

	if (in->val >= strtab_len)
		return false;
	pos = (size_t)in->val;
	if (in->cmp != SCLOG_CMP_IN) {
		return in->len <= SCLOG_RULE_STR_MAX &&
		       in->len < strtab_len - pos &&
		       strtab[pos + in->len] == '\0' &&
		       !memchr(strtab + pos, '\0', in->len);
	}
	count = in->len;
	if (!count)
		return false;
	for (k = 0; k < count; k++) {
		const char *nul;

		if (pos >= strtab_len)
			return false;
		nul = memchr(strtab + pos, '\0', strtab_len - pos);
		if (!nul || (size_t)(nul - (strtab + pos)) > SCLOG_RULE_STR_MAX)
			return false;
		pos = (size_t)(nul - strtab) + 1;
	}
	return true;
}

static int check_insns(const struct sclog_rule *r,
		       const struct sclog_rule_insn *insns, const char *strtab,
		       char *err, size_t errlen, unsigned int ri)
{
	unsigned int depth = 0;

	for (unsigned int i = 0; i < r->nr_insns; i++) {
		const struct sclog_rule_insn *in = &insns[i];

		switch (in->op) {
		case SCLOG_OP_CMP:
			if (in->var < SCLOG_VAR_PID || in->var > SCLOG_VAR_PATH)
				return rules_err(err, errlen, "rule %u: instruction %u: unknown variable %u",
					   ri, i, in->var);
			if (in->var == SCLOG_VAR_PARAM ? in->arg > 5 : in->arg)
				return rules_err(err, errlen, "rule %u: instruction %u: bad argument index %u",
					   ri, i, in->arg);
			if (in->var == SCLOG_VAR_RETVAL &&
			    r->when != SCLOG_WHEN_AFTER)
				return rules_err(err, errlen, "rule %u: instruction %u: RETVAL in a rule evaluated before the call",
					   ri, i);
			if (in->cmp >= SCLOG_CMP_EQ && in->cmp <= SCLOG_CMP_MASK) {
				if (!int_var(in->var))
					return rules_err(err, errlen, "rule %u: instruction %u: integer comparison of a string",
						   ri, i);
				if (in->len)
					return rules_err(err, errlen, "rule %u: instruction %u: len of an integer comparison is not 0",
						   ri, i);
			} else if (in->cmp >= SCLOG_CMP_STR_EQ &&
				   in->cmp <= SCLOG_CMP_IN) {
				if (!str_var(in->var))
					return rules_err(err, errlen, "rule %u: instruction %u: string comparison of an integer",
						   ri, i);
				if (!strings_ok(in, strtab, r->strtab_len))
					return rules_err(err, errlen, "rule %u: instruction %u: string operand outside the string table or not ended by NUL",
						   ri, i);
			} else {
				return rules_err(err, errlen, "rule %u: instruction %u: unknown comparison %u",
					   ri, i, in->cmp);
			}
			if (++depth > SCLOG_RULE_STACK_MAX)
				return rules_err(err, errlen, "rule %u: instruction %u: more than %d values on the stack",
					   ri, i, SCLOG_RULE_STACK_MAX);
			break;
		case SCLOG_OP_AND:
		case SCLOG_OP_OR:
		case SCLOG_OP_NOT:
			if (in->var || in->arg || in->cmp || in->len || in->val)
				return rules_err(err, errlen, "rule %u: instruction %u: operands of an operator are not 0",
					   ri, i);
			if (depth < (in->op == SCLOG_OP_NOT ? 1U : 2U))
				return rules_err(err, errlen, "rule %u: instruction %u: stack underflow",
					   ri, i);
			if (in->op != SCLOG_OP_NOT)
				depth--;
			break;
		default:
			return rules_err(err, errlen, "rule %u: instruction %u: unknown operation %u",
				   ri, i, in->op);
		}
	}
	if (r->nr_insns && depth != 1)
		return rules_err(err, errlen, "rule %u: the filter leaves %u values on the stack, not 1",
			   ri, depth);
	return 0;
}

static int check_rule(const char *p, size_t room, unsigned int ri,
		      char *err, size_t errlen)
{
	const struct sclog_rule *r = (const struct sclog_rule *)p;
	const struct sclog_rule_call *calls;
	struct rl_layout l;

	if (room < sizeof(*r))
		return rules_err(err, errlen, "rule %u: truncated", ri);
	if (r->size % 8 || r->size > room)
		return rules_err(err, errlen, "rule %u: size %u is not a multiple of 8 within the table",
			   ri, r->size);
	if (r->__reserved)
		return rules_err(err, errlen, "rule %u: reserved field not 0", ri);
	if (r->action < SCLOG_ACT_LOG || r->action > SCLOG_ACT_SUSPEND)
		return rules_err(err, errlen, "rule %u: unknown action %u", ri, r->action);
	if (r->when != SCLOG_WHEN_BEFORE && r->when != SCLOG_WHEN_AFTER)
		return rules_err(err, errlen, "rule %u: unknown when %u", ri, r->when);
	if (r->action == SCLOG_ACT_FAIL) {
		if (r->error < 1 || r->error > 4095)
			return rules_err(err, errlen, "rule %u: FAIL with error %d, not 1-4095",
				   ri, r->error);
		if (r->when != SCLOG_WHEN_BEFORE)
			return rules_err(err, errlen, "rule %u: FAIL after the call", ri);
	} else if (r->error) {
		return rules_err(err, errlen, "rule %u: error %d without FAIL", ri,
			   r->error);
	}
	if (r->nr_calls < 1 || r->nr_calls > SCLOG_RULE_CALLS_MAX)
		return rules_err(err, errlen, "rule %u: %u calls", ri, r->nr_calls);
	if (r->nr_insns > SCLOG_RULE_INSNS_MAX)
		return rules_err(err, errlen, "rule %u: %u instructions, more than %d",
			   ri, r->nr_insns, SCLOG_RULE_INSNS_MAX);
	if (r->name_len < 1 || r->name_len > SCLOG_RULE_NAME_MAX)
		return rules_err(err, errlen, "rule %u: name of %u bytes", ri,
			   r->name_len);
	if (r->format_len > SCLOG_RULE_FORMAT_MAX)
		return rules_err(err, errlen, "rule %u: log format of %u bytes", ri,
			   r->format_len);
	if (r->strtab_len > SCLOG_RULE_STRTAB_MAX)
		return rules_err(err, errlen, "rule %u: string table of %u bytes", ri,
			   r->strtab_len);
	rl_layout(r->nr_calls, r->nr_insns, r->name_len, r->format_len,
		  r->strtab_len, &l);
	if (l.end != r->size)
		return rules_err(err, errlen, "rule %u: size %u, but its parts take %zu bytes",
			   ri, r->size, l.end);
	if (!zero(p, sizeof(*r), l.calls) ||
	    !zero(p, l.name + r->name_len, l.format) ||
	    !zero(p, l.format + r->format_len, l.strtab) ||
	    !zero(p, l.strtab + r->strtab_len, l.end))
		return rules_err(err, errlen, "rule %u: padding not 0", ri);

	calls = (const struct sclog_rule_call *)(p + l.calls);
	for (unsigned int i = 0; i < r->nr_calls; i++) {
		const struct sclog_rule_call *c = &calls[i];

		if (c->abi >= SCLOG_NR_ABIS || c->nr >= SCLOG_MAX_NR)
			return rules_err(err, errlen, "rule %u: call %u: abi %u nr %u out of range",
				   ri, i, c->abi, c->nr);
		if ((c->path_arg > 5 && c->path_arg != SCLOG_ARG_NONE) ||
		    (c->dfd_arg > 5 && c->dfd_arg != SCLOG_ARG_NONE) ||
		    (c->flags & ~SCLOG_CALL_NOFOLLOW))
			return rules_err(err, errlen, "rule %u: call %u: bad argument index or flags",
				   ri, i);
		if (!zero((const char *)c->__reserved, 0, sizeof(c->__reserved)) ||
		    !zero((const char *)c->__reserved2, 0, sizeof(c->__reserved2)))
			return rules_err(err, errlen, "rule %u: call %u: reserved field not 0",
				   ri, i);
		for (unsigned int a = 0; a < sizeof(c->arg_type); a++)
			if (c->arg_type[a] > SCLOG_ARGT_MAX)
				return rules_err(err, errlen, "rule %u: call %u: arg_type[%u] is %u, not a SCLOG_ARGT_* (0-%d)",
					   ri, i, a, c->arg_type[a],
					   SCLOG_ARGT_MAX);
		if (i && (c->abi < calls[i - 1].abi ||
			  (c->abi == calls[i - 1].abi && c->nr <= calls[i - 1].nr)))
			return rules_err(err, errlen, "rule %u: calls not sorted by abi and nr, or repeated",
				   ri);
	}
	if (!text_ok(p + l.name, r->name_len, false))
		return rules_err(err, errlen, "rule %u: name not printable ASCII without spaces",
			   ri);
	if (!text_ok(p + l.format, r->format_len, true))
		return rules_err(err, errlen, "rule %u: log format not printable ASCII",
			   ri);
	return check_insns(r, (const struct sclog_rule_insn *)(p + l.insns),
			   p + l.strtab, err, errlen, ri);
}

static int validate(const char *p, size_t size, char *err, size_t errlen)
{
	const struct sclog_rules *h = (const struct sclog_rules *)p;
	size_t off, *names = NULL;
	unsigned int i, j;
	int rc = 0;

	if (size < sizeof(*h))
		return rules_err(err, errlen, "%zu bytes: too short for a table", size);
	if (h->size != size)
		return rules_err(err, errlen, "the table says it has %u bytes, not %zu",
			   h->size, size);
	if (size > SCLOG_RULES_SIZE_MAX)
		return rules_err(err, errlen, "%zu bytes: more than %u", size,
			   SCLOG_RULES_SIZE_MAX);
	if (h->version != SCLOG_RULES_VERSION)
		return rules_err(err, errlen, "version %u, not %d", h->version,
			   SCLOG_RULES_VERSION);
	if (h->__reserved)
		return rules_err(err, errlen, "reserved field not 0");
	if (h->nr_rules > SCLOG_RULES_MAX)
		return rules_err(err, errlen, "%u rules, more than %d", h->nr_rules,
			   SCLOG_RULES_MAX);
	if (h->nr_rules) {
		names = calloc(h->nr_rules, sizeof(*names));
		if (!names)
			return rules_err(err, errlen, "out of memory");
	}
	off = sizeof(*h);
	for (i = 0; i < h->nr_rules && !rc; i++) {
		const struct sclog_rule *r = (const struct sclog_rule *)(p + off);

		rc = check_rule(p + off, size - off, i + 1, err, errlen);
		if (rc)
			break;
		names[i] = off;
		for (j = 0; j < i; j++) {
			const struct sclog_rule *o =
				(const struct sclog_rule *)(p + names[j]);
			struct rl_layout a, b;

			rl_layout(r->nr_calls, r->nr_insns, r->name_len, 0, 0, &a);
			rl_layout(o->nr_calls, o->nr_insns, o->name_len, 0, 0, &b);
			if (r->name_len == o->name_len &&
			    !memcmp(p + off + a.name, p + names[j] + b.name,
				    r->name_len)) {
				rc = rules_err(err, errlen, "rules %u and %u have the same name",
					 j + 1, i + 1);
				break;
			}
		}
		off += r->size;
	}
	if (!rc && off != size)
		rc = rules_err(err, errlen, "%zu bytes after the last rule", size - off);
	free(names);
	return rc;
}

int sclog_rules_validate(const void *table, size_t size, char *err,
			 size_t errlen)
{
	void *copy;
	int rc;

	if (!table)
		return rules_err(err, errlen, "no table");
	if ((uintptr_t)table % 8 == 0)
		return validate(table, size, err, errlen);
	/* the structures are read in place: align them */
	copy = malloc(size ? size : 1);
	if (!copy)
		return rules_err(err, errlen, "out of memory");
	memcpy(copy, table, size);
	rc = validate(copy, size, err, errlen);
	free(copy);
	return rc;
}
