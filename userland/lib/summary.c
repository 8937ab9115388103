// SPDX-License-Identifier: GPL-2.0-only
/*
 * Run summaries (summary.h): records by system call, uid and command, the
 * time span, lost records per CPU and the kernel's dropped count.
 *
 * Each table is an open-addressing hash table of at most
 * SCLOG_SUMMARY_MAX_KEYS keys; a record whose key does not fit is counted
 * under "(other)".  Keys are short byte strings (an "abi:name", a comm) or
 * numbers (uid, cpu), so one entry layout serves every table.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "summary.h"

/* "x32:" + the longest syscall name the tables have, with room to spare. */
#define KEY_MAX 64
_Static_assert(KEY_MAX >= SCLOG_RULE_NAME_MAX, "a rule name fits a key");

/* KEY_BYTES_NUM: a byte string and a number (a rule's name and action). */
enum key_kind { KEY_BYTES, KEY_NUM, KEY_BYTES_NUM };

struct entry {
	uint64_t count;
	uint64_t failed;
	uint64_t num;			/* KEY_NUM, KEY_BYTES_NUM */
	unsigned char len;		/* KEY_BYTES*; 0 marks a free slot ... */
	bool used;			/* ... with used (a key may be empty) */
	unsigned char key[KEY_MAX];
};

struct table {
	enum key_kind kind;
	struct entry *slots;
	size_t cap;			/* power of two, or 0 */
	size_t used;
	uint64_t other;			/* records whose key did not fit */
	uint64_t other_failed;
	/* The slot of the last key looked up: runs of one key skip the hash. */
	size_t last;
	bool has_last;
	uint64_t gen;			/* bumped when the slots move */
};

/*
 * sclog_summary_add_call()'s memory of where a system call's key is, so
 * that a call seen before costs no name lookup, key building or hashing.
 * Direct-mapped; an entry is good while its table's gen is unchanged.
 */
#define CALL_CACHE 256

struct call_slot {
	long nr;
	sclog_abi_t abi;
	bool valid;
	bool other;			/* counted under "(other)": table full */
	size_t slot;
	uint64_t gen;
};

struct sclog_summary {
	uint64_t records;
	uint64_t failed;
	uint64_t first_time, last_time;	/* valid when records > 0 */
	uint64_t lost;
	uint64_t kernel_dropped;
	bool have_kernel;	/* kernel_dropped was given (sclogd on a device) */
	struct table syscalls, uids, comms, lost_cpus;
	struct table rules, actions;	/* records that name a rule */
	struct call_slot calls[CALL_CACHE];
};

static uint64_t hash_bytes(const unsigned char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;	/* FNV-1a */

	while (n--) {
		h ^= *p++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static uint64_t hash_num(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

static bool key_eq(const struct table *t, const struct entry *e,
		   const unsigned char *k, size_t n, uint64_t num)
{
	if (t->kind == KEY_NUM)
		return e->num == num;
	if (t->kind == KEY_BYTES_NUM && e->num != num)
		return false;
	return e->len == n && !memcmp(e->key, k, n);
}

static uint64_t hash_key(const struct table *t, const unsigned char *k,
			 size_t n, uint64_t num)
{
	if (t->kind == KEY_NUM)
		return hash_num(num);
	if (t->kind == KEY_BYTES_NUM)
		return hash_bytes(k, n) ^ hash_num(num);
	return hash_bytes(k, n);
}

static bool table_grow(struct table *t)
{
	size_t ncap = t->cap ? t->cap * 2 : 64, i;
	struct entry *ns = calloc(ncap, sizeof(*ns));

	if (!ns)
		return false;
	for (i = 0; i < t->cap; i++) {
		const struct entry *e = &t->slots[i];
		uint64_t h;
		size_t j;

		if (!e->used)
			continue;
		h = hash_key(t, e->key, e->len, e->num);
		for (j = h & (ncap - 1); ns[j].used; j = (j + 1) & (ncap - 1))
			;
		ns[j] = *e;
	}
	free(t->slots);
	t->slots = ns;
	t->has_last = false;	/* the slots moved */
	t->gen++;
	t->cap = ncap;
	return true;
}

/*
 * The entry of key (k, n) or num; created if there is room.  NULL when the
 * table is full (or memory is short): the caller counts under "(other)".
 */
static struct entry *table_get(struct table *t, const unsigned char *k,
			       size_t n, uint64_t num)
{
	uint64_t h;
	size_t j;

	if (n > KEY_MAX)
		n = KEY_MAX;
	if (t->has_last && key_eq(t, &t->slots[t->last], k, n, num))
		return &t->slots[t->last];
	if (t->cap) {
		h = hash_key(t, k, n, num);
		for (j = h & (t->cap - 1); t->slots[j].used;
		     j = (j + 1) & (t->cap - 1))
			if (key_eq(t, &t->slots[j], k, n, num))
				goto found;
	}
	if (t->used >= SCLOG_SUMMARY_MAX_KEYS)
		return NULL;
	/* Keep the load factor at most 1/2. */
	if ((t->used + 1) * 2 > t->cap && !table_grow(t))
		return NULL;
	h = hash_key(t, k, n, num);
	for (j = h & (t->cap - 1); t->slots[j].used; j = (j + 1) & (t->cap - 1))
		;
	t->slots[j].used = true;
	t->slots[j].num = num;
	t->slots[j].len = (unsigned char)n;
	if (n)
		memcpy(t->slots[j].key, k, n);
	t->used++;
found:
	t->last = j;
	t->has_last = true;
	return &t->slots[j];
}

/* Count at e, or under "(other)" when e is NULL. */
static void entry_count(struct table *t, struct entry *e, uint64_t count,
			int failed)
{
	if (!e) {
		t->other += count;
		if (failed)
			t->other_failed += count;
		return;
	}
	e->count += count;
	if (failed)
		e->failed += count;
}

static void table_count(struct table *t, const unsigned char *k, size_t n,
			uint64_t num, uint64_t count, int failed)
{
	entry_count(t, table_get(t, k, n, num), count, failed);
}

struct sclog_summary *sclog_summary_new(void)
{
	struct sclog_summary *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->syscalls.kind = KEY_BYTES;
	s->comms.kind = KEY_BYTES;
	s->uids.kind = KEY_NUM;
	s->lost_cpus.kind = KEY_NUM;
	s->rules.kind = KEY_BYTES_NUM;
	s->actions.kind = KEY_NUM;
	return s;
}

void sclog_summary_free(struct sclog_summary *s)
{
	if (!s)
		return;
	free(s->syscalls.slots);
	free(s->uids.slots);
	free(s->comms.slots);
	free(s->lost_cpus.slots);
	free(s->rules.slots);
	free(s->actions.slots);
	free(s);
}

/* a ":" b into key (KEY_MAX + 1 bytes), cut at KEY_MAX; returns the length. */
static size_t key_join(char *key, const char *a, const char *b)
{
	size_t n = 0;

	while (*a && n < KEY_MAX)
		key[n++] = *a++;
	if (n < KEY_MAX)
		key[n++] = ':';
	while (*b && n < KEY_MAX)
		key[n++] = *b++;
	key[n] = '\0';
	return n;
}

/* The entry of "abi:name" in the syscalls table (NULL: "(other)"). */
static struct entry *syscall_entry(struct sclog_summary *s, sclog_abi_t abi,
				   const char *syscall)
{
	const char *an = sclog_abi_name(abi);
	char key[KEY_MAX + 1];
	size_t n;

	/* "abi:name", cut at KEY_MAX; once per record, so no stdio. */
	n = key_join(key, an ? an : "?", syscall ? syscall : "?");
	return table_get(&s->syscalls, (const unsigned char *)key, n, 0);
}

/* What every record counts besides its system call. */
static void count_record(struct sclog_summary *s, uint64_t time_ns,
			 uint32_t uid, const unsigned char *comm,
			 size_t comm_len, int failed)
{
	if (!s->records || time_ns < s->first_time)
		s->first_time = time_ns;
	if (!s->records || time_ns > s->last_time)
		s->last_time = time_ns;
	s->records++;
	if (failed)
		s->failed++;
	table_count(&s->uids, NULL, 0, uid, 1, failed);
	if (comm_len > 16)
		comm_len = 16;
	table_count(&s->comms, comm, comm_len, 0, 1, failed);
}

void sclog_summary_add(struct sclog_summary *s, uint64_t time_ns,
		       sclog_abi_t abi, const char *syscall, uint32_t uid,
		       const unsigned char *comm, size_t comm_len, int failed)
{
	entry_count(&s->syscalls, syscall_entry(s, abi, syscall), 1, failed);
	count_record(s, time_ns, uid, comm, comm_len, failed);
}

void sclog_summary_add_call(struct sclog_summary *s, uint64_t time_ns,
			    sclog_abi_t abi, long nr, uint32_t uid,
			    const unsigned char *comm, size_t comm_len,
			    int failed)
{
	struct call_slot *c = &s->calls[((unsigned long)nr * 4 + abi) % CALL_CACHE];
	struct table *t = &s->syscalls;
	struct entry *e;

	if (c->valid && c->nr == nr && c->abi == abi && c->gen == t->gen) {
		e = c->other ? NULL : &t->slots[c->slot];
	} else {
		const char *name = sclog_syscall_name(abi, nr);
		char nbuf[32];

		if (!name) {
			snprintf(nbuf, sizeof(nbuf), "syscall_%ld", nr);
			name = nbuf;
		}
		e = syscall_entry(s, abi, name);
		/* NULL for want of memory is not remembered: it may pass. */
		c->valid = e || t->used >= SCLOG_SUMMARY_MAX_KEYS;
		c->nr = nr;
		c->abi = abi;
		c->other = !e;
		c->slot = e ? (size_t)(e - t->slots) : 0;
		c->gen = t->gen;
	}
	entry_count(t, e, 1, failed);
	count_record(s, time_ns, uid, comm, comm_len, failed);
}

void sclog_summary_rule(struct sclog_summary *s, const unsigned char *name,
			size_t name_len, unsigned int action, int failed)
{
	table_count(&s->rules, name, name_len, action, 1, failed);
	table_count(&s->actions, NULL, 0, action, 1, failed);
}

void sclog_summary_lost(struct sclog_summary *s, uint32_t cpu, uint64_t count)
{
	if (!count)
		return;
	s->lost += count;
	table_count(&s->lost_cpus, NULL, 0, cpu, count, 0);
}

void sclog_summary_kernel_dropped(struct sclog_summary *s, uint64_t count)
{
	s->kernel_dropped += count;
	s->have_kernel = true;
}

/* --- writing -------------------------------------------------------------- */

static int cmp_entry(const void *a, const void *b, void *arg)
{
	const struct table *t = arg;
	const struct entry *x = *(const struct entry *const *)a;
	const struct entry *y = *(const struct entry *const *)b;
	size_t n;
	int c;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	if (t->kind == KEY_NUM)
		return x->num < y->num ? -1 : x->num > y->num;
	n = x->len < y->len ? x->len : y->len;
	c = memcmp(x->key, y->key, n);
	if (c)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->num < y->num ? -1 : x->num > y->num;
}

/* The used entries of t, sorted by count then key; NULL if none or OOM. */
static const struct entry **sorted(const struct table *t)
{
	const struct entry **v;
	size_t i, n = 0;

	if (!t->used)
		return NULL;
	v = malloc(t->used * sizeof(*v));
	if (!v)
		return NULL;
	for (i = 0; i < t->cap; i++)
		if (t->slots[i].used)
			v[n++] = &t->slots[i];
	qsort_r(v, n, sizeof(*v), cmp_entry, (void *)t);
	return v;
}

enum table_id { T_SYSCALL, T_UID, T_COMM, T_LOST, T_RULE, T_ACTION };

/* An action's name ("fail"), or its number for one records cannot name. */
static void write_action(struct sclog_buf *b, uint64_t action)
{
	const char *name = action <= UINT32_MAX ?
			   sclog_action_name((unsigned int)action) : NULL;

	if (name)
		sclog_buf_adds(b, name);
	else
		sclog_buf_addf(b, "%" PRIu64, action);
}

static void write_key_text(struct sclog_buf *b, enum table_id id,
			   const struct entry *e)
{
	switch (id) {
	case T_SYSCALL:
		sclog_escape_text(b, e->key, e->len, false);
		break;
	case T_COMM:
		sclog_escape_text(b, e->key, e->len, true);
		break;
	case T_UID:
	case T_LOST:
		sclog_buf_addf(b, "%" PRIu64, e->num);
		break;
	case T_RULE:
		/* Rule names are printable ASCII without spaces. */
		sclog_escape_text(b, e->key, e->len, false);
		sclog_buf_adds(b, " (");
		write_action(b, e->num);
		sclog_buf_adds(b, ")");
		break;
	case T_ACTION:
		write_action(b, e->num);
		break;
	}
}

static void write_table_text(struct sclog_buf *b, const char *prefix,
			     const char *title, enum table_id id,
			     const struct table *t, unsigned int top)
{
	const struct entry **v = sorted(t);
	size_t i, n = t->used;

	sclog_buf_addf(b, "%s%s:", prefix, title);
	if (!n && !t->other) {
		sclog_buf_adds(b, " none\n");
		return;
	}
	sclog_buf_adds(b, "\n");
	if (t->used && !v) {
		b->oom = true;
		return;
	}
	if (top && n > top)
		n = top;
	for (i = 0; i < n; i++) {
		sclog_buf_addf(b, "%s  %10" PRIu64 "  ", prefix, v[i]->count);
		write_key_text(b, id, v[i]);
		if (id == T_SYSCALL && v[i]->failed)
			sclog_buf_addf(b, " (%" PRIu64 " failed)", v[i]->failed);
		sclog_buf_adds(b, "\n");
	}
	if (n < t->used) {
		uint64_t rest = 0, rest_failed = 0;

		for (i = n; i < t->used; i++) {
			rest += v[i]->count;
			rest_failed += v[i]->failed;
		}
		sclog_buf_addf(b, "%s  %10" PRIu64 "  (%zu more)", prefix, rest,
			       t->used - n);
		if (id == T_SYSCALL && rest_failed)
			sclog_buf_addf(b, " (%" PRIu64 " failed)", rest_failed);
		sclog_buf_adds(b, "\n");
	}
	if (t->other) {
		sclog_buf_addf(b, "%s  %10" PRIu64 "  (other)", prefix, t->other);
		if (id == T_SYSCALL && t->other_failed)
			sclog_buf_addf(b, " (%" PRIu64 " failed)", t->other_failed);
		sclog_buf_adds(b, "\n");
	}
	free(v);
}

void sclog_summary_write_text(const struct sclog_summary *s, struct sclog_buf *b,
			      const char *prefix, unsigned int top)
{
	if (!prefix)
		prefix = "";
	sclog_buf_addf(b, "%ssummary: %" PRIu64 " records (%" PRIu64 " failed)",
		       prefix, s->records, s->failed);
	if (s->records) {
		sclog_buf_adds(b, " from ");
		sclog_format_time(b, s->first_time);
		sclog_buf_adds(b, " to ");
		sclog_format_time(b, s->last_time);
	}
	sclog_buf_addf(b, ", %" PRIu64 " lost", s->lost);
	if (s->have_kernel)
		sclog_buf_addf(b, ", %" PRIu64 " dropped by the kernel",
			       s->kernel_dropped);
	sclog_buf_adds(b, "\n");
	write_table_text(b, prefix, "records by syscall", T_SYSCALL,
			 &s->syscalls, top);
	write_table_text(b, prefix, "records by uid", T_UID, &s->uids, top);
	write_table_text(b, prefix, "records by comm", T_COMM, &s->comms, top);
	if (s->rules.used || s->rules.other) {
		write_table_text(b, prefix, "records by rule", T_RULE,
				 &s->rules, top);
		write_table_text(b, prefix, "records by rule action", T_ACTION,
				 &s->actions, top);
	}
	write_table_text(b, prefix, "lost records by CPU", T_LOST,
			 &s->lost_cpus, top);
}

static void write_table_json(struct sclog_buf *b, const char *name,
			     enum table_id id, const struct table *t)
{
	const struct entry **v = sorted(t);
	size_t i;

	sclog_buf_addf(b, ",\"%s\":{", name);
	if (t->used && !v) {
		b->oom = true;
		sclog_buf_adds(b, "}");
		return;
	}
	for (i = 0; i < t->used; i++) {
		if (i)
			sclog_buf_adds(b, ",");
		if (id == T_UID || id == T_LOST)
			sclog_buf_addf(b, "\"%" PRIu64 "\"", v[i]->num);
		else
			sclog_escape_json(b, v[i]->key, v[i]->len);
		if (id == T_SYSCALL)
			sclog_buf_addf(b, ":{\"records\":%" PRIu64
				       ",\"failed\":%" PRIu64 "}",
				       v[i]->count, v[i]->failed);
		else
			sclog_buf_addf(b, ":%" PRIu64, v[i]->count);
	}
	sclog_buf_adds(b, "}");
	/* Beside the object: a key "(other)" could clash with a real comm. */
	if (id == T_SYSCALL)
		sclog_buf_addf(b, ",\"%s_other\":{\"records\":%" PRIu64
			       ",\"failed\":%" PRIu64 "}",
			       name, t->other, t->other_failed);
	else
		sclog_buf_addf(b, ",\"%s_other\":%" PRIu64, name, t->other);
	free(v);
}

/*
 * ,"by_rule":[{"rule":"NAME","action":"fail","records":N,"failed":N},...],
 * "by_rule_other":N,"by_action":{"fail":N,...}: an array, as one name may
 * come with several actions (the rule table was replaced).
 */
static void write_rules_json(struct sclog_buf *b, const struct sclog_summary *s)
{
	const struct entry **v = sorted(&s->rules);
	size_t i;

	sclog_buf_adds(b, ",\"by_rule\":[");
	for (i = 0; v && i < s->rules.used; i++) {
		sclog_buf_adds(b, i ? ",{\"rule\":" : "{\"rule\":");
		sclog_escape_json(b, v[i]->key, v[i]->len);
		sclog_buf_adds(b, ",\"action\":\"");
		write_action(b, v[i]->num);
		sclog_buf_addf(b, "\",\"records\":%" PRIu64 ",\"failed\":%" PRIu64
			       "}", v[i]->count, v[i]->failed);
	}
	if (s->rules.used && !v)
		b->oom = true;
	free(v);
	sclog_buf_addf(b, "],\"by_rule_other\":%" PRIu64 ",\"by_action\":{",
		       s->rules.other);
	v = sorted(&s->actions);
	for (i = 0; v && i < s->actions.used; i++) {
		sclog_buf_adds(b, i ? ",\"" : "\"");
		write_action(b, v[i]->num);
		sclog_buf_addf(b, "\":%" PRIu64, v[i]->count);
	}
	if (s->actions.used && !v)
		b->oom = true;
	free(v);
	sclog_buf_adds(b, "}");
}

void sclog_summary_write_json(const struct sclog_summary *s, struct sclog_buf *b)
{
	sclog_buf_addf(b, "{\"summary\":{\"records\":%" PRIu64
		       ",\"failed\":%" PRIu64, s->records, s->failed);
	if (s->records)
		sclog_buf_addf(b, ",\"first_time\":%" PRIu64
			       ",\"last_time\":%" PRIu64,
			       s->first_time, s->last_time);
	else
		sclog_buf_adds(b, ",\"first_time\":null,\"last_time\":null");
	sclog_buf_addf(b, ",\"lost_records\":%" PRIu64, s->lost);
	if (s->have_kernel)
		sclog_buf_addf(b, ",\"kernel_dropped\":%" PRIu64,
			       s->kernel_dropped);
	write_table_json(b, "by_syscall", T_SYSCALL, &s->syscalls);
	write_table_json(b, "by_uid", T_UID, &s->uids);
	write_table_json(b, "by_comm", T_COMM, &s->comms);
	if (s->rules.used || s->rules.other)
		write_rules_json(b, s);
	write_table_json(b, "lost_by_cpu", T_LOST, &s->lost_cpus);
	sclog_buf_adds(b, "}}\n");
}
