// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the rules compiler and decompiler (lib/rules*.c):
 *
 * The input is a rules file.  It must compile or fail with messages,
 * without a crash, a leak or undefined behaviour.  When it compiles, the
 * table must be valid, decompile, and the text must compile again to the
 * same bytes (and decompile to the same text): upload(download()) is the
 * identity.
 *
 * An input that starts with the bytes "TBL\n" is a table instead (the rest,
 * as SCLOG_IOC_GET_RULES could return it): if it is valid, it must
 * decompile into rules that compile, and those must be a fixed point
 * (compile, decompile, compile again: the same table).  Tables that this
 * compiler would not make (another call entry, strings in another order)
 * are also made from each compiled one by changing a few bytes, chosen
 * from a hash of the input; those that are still valid are checked so.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void die(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz-rules: %s%s%s\n", what, detail ? ": " : "",
		detail ? detail : "");
	abort();
}

/* Compile text, which must succeed. */
static void compile_ok(const char *text, size_t len, struct sclog_rules **t,
		       size_t *size)
{
	struct sclog_rules_msgs m;

	if (sclog_rules_compile(text, len, "re", t, size, &m) < 0) {
		fprintf(stderr, "%.*s\n", (int)len, text);
		die("the decompiled rules do not compile", m.text);
	}
	sclog_rules_msgs_free(&m);
}

static void decompile_ok(const void *t, size_t size, char **text,
			 size_t *len)
{
	char err[256];

	if (sclog_rules_decompile(t, size, text, len, err, sizeof(err)) < 0)
		die("a valid table does not decompile", err);
	if (strlen(*text) != *len)
		die("the decompiled text has a NUL or a wrong length", NULL);
}

/* compile(decompile(t)) == t, and decompile of that is text again. */
static void round_trip(const void *t, size_t size, bool same)
{
	struct sclog_rules *t2, *t3;
	char *text, *text2;
	size_t size2, size3, len, len2;

	decompile_ok(t, size, &text, &len);
	compile_ok(text, len, &t2, &size2);
	if (same && (size2 != size || memcmp(t, t2, size)))
		die("compile(decompile(table)) is another table", text);
	decompile_ok(t2, size2, &text2, &len2);
	if (len2 != len || memcmp(text, text2, len))
		die("decompiling again gives another text", text2);
	compile_ok(text2, len2, &t3, &size3);
	if (size3 != size2 || memcmp(t2, t3, size2))
		die("the canonical text does not compile to its table", text2);
	free(t3);
	free(text2);
	free(t2);
	free(text);
}

/* Change up to four bytes of the table t, as the input's hash says. */
static void mutate(void *t, size_t size, const uint8_t *data, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;	/* FNV-1a */
	unsigned char *p = t;

	for (size_t i = 0; i < len; i++)
		h = (h ^ data[i]) * 0x100000001b3ULL;
	for (int k = 0; k < 4 && size > sizeof(struct sclog_rules); k++) {
		size_t at = sizeof(struct sclog_rules) +
			    (size_t)(h % (size - sizeof(struct sclog_rules)));

		h /= size;
		p[at] ^= (unsigned char)(1U << (h % 8));
		h = h * 0x100000001b3ULL + 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sclog_rules_msgs m;
	struct sclog_rules *t;
	size_t tsize;
	/* an exact-size copy, so that reads past the end are caught */
	char *in = malloc(size ? size : 1);

	if (!in)
		return 0;
	memcpy(in, data, size);
	if (size >= 4 && !memcmp(in, "TBL\n", 4)) {
		if (sclog_rules_validate(in + 4, size - 4, NULL, 0) == 0)
			round_trip(in + 4, size - 4, false);
		free(in);
		return 0;
	}
	if (sclog_rules_compile(in, size, "fuzz", &t, &tsize, &m) == 0) {
		if (m.errors)
			die("compiled with errors", m.text);
		if (sclog_rules_validate(t, tsize, NULL, 0) < 0)
			die("the compiled table is not valid", NULL);
		round_trip(t, tsize, true);
		mutate(t, tsize, data, size);
		if (sclog_rules_validate(t, tsize, NULL, 0) == 0)
			round_trip(t, tsize, false);
		free(t);
	} else if (!m.errors || !m.text) {
		die("failed without an error message", NULL);
	}
	sclog_rules_msgs_free(&m);
	free(in);
	return 0;
}
