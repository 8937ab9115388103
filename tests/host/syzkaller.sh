#!/usr/bin/env python3
# The syzkaller description of /dev/sclog (tests/syzkaller/sclog.txt)
# against the UAPI header it describes: every ioctl of <linux/sclog.h> has
# a call, every structure an ioctl takes is described, with the members
# of the header's structure in the header's order (reserved ones too), and
# the description's own references resolve.  syzkaller itself cannot run
# here; this keeps the description from drifting.  Prints TAP.
#
# usage: syzkaller.sh UAPI_HEADER DESCRIPTION
import re
import sys

hdr = open(sys.argv[1]).read()
desc = open(sys.argv[2]).read()
n = 0
failed = False


def tap(ok, what):
    global n, failed
    n += 1
    failed |= not ok
    print(f"{'ok' if ok else 'not ok'} {n} - {what}")


def c_members(name):
    m = re.search(r"struct %s \{(.*?)\n\};" % name, hdr, re.S)
    if not m:
        return None
    out = []
    for line in m.group(1).split(";"):
        line = re.sub(r"/\*.*?\*/", "", line, flags=re.S).strip()
        if not line:
            continue
        w = re.findall(r"([A-Za-z_][A-Za-z0-9_]*)\s*(?:\[[^\]]*\])?\s*$", line)
        if w:
            out.append(w[0])
    return out


def syz_members(name):
    m = re.search(r"^%s \{\n(.*?)\n\}" % re.escape(name), desc, re.S | re.M)
    if not m:
        return None
    return [ln.split()[0] for ln in m.group(1).split("\n")
            if ln.strip() and not ln.lstrip().startswith("#")]


ioctls = re.findall(r"#define (SCLOG_IOC_[A-Z_]+)\s+_IO", hdr)
tap(len(ioctls) >= 19, f"the header defines the ioctls ({len(ioctls)})")
for name in ioctls:
    tap(re.search(r"^ioctl\$%s\(" % name, desc, re.M) is not None,
        f"{name} has a call")

# Structures an ioctl takes, and those they point to or contain.
args = set(re.findall(r"_IO[RW]*\(SCLOG_IOC_MAGIC, 0x[0-9a-f]+, struct (\w+)\)", hdr))
args |= {"sclog_cpu_stats", "sclog_rule", "sclog_rule_call", "sclog_rule_insn",
         "sclog_rules"}
for name in sorted(args):
    c = c_members(name)
    # The structure itself, or variants of it (sclog_rules_io_set, ...)
    # that are not structures of the header of their own.
    variants = [v for v in re.findall(r"^(%s(?:_\w+)?) \{" % name, desc, re.M)
                if v == name or not re.search(r"struct %s \{" % v, hdr)]
    if name == "sclog_rules":
        variants = ["sclog_rules_table"]
    if c is None:
        tap(False, f"struct {name} is in the header")
        continue
    tap(bool(variants), f"struct {name} is described")
    for v in variants:
        s = syz_members(v)
        # A description may add members after the header's (the variable
        # parts of a rule and a table).
        tap(s is not None and s[:len(c)] == c,
            f"{v}: the members of struct {name}, in order ({', '.join(c)})")

# Every type the description uses is defined in it (or is syzkaller's own).
builtin = {"int8", "int16", "int32", "int64", "intptr", "const", "flags", "len",
           "bytesize", "ptr", "ptr64", "array", "string", "buffer", "fd", "in",
           "out", "inout", "parent", "align", "disabled", "AT_FDCWD"}
defined = set(re.findall(r"^(\w+)\s*(?:\{|=|\[)", desc, re.M))
defined |= set(re.findall(r"^resource (\w+)\[", desc, re.M))
used = set()
for body in re.findall(r"\{\n(.*?)\n\}", desc, re.S):
    for ln in body.split("\n"):
        if ln.strip() and not ln.lstrip().startswith("#"):
            used |= set(re.findall(r"\b([a-z_][a-z0-9_]*)\b", " ".join(ln.split()[1:])))
for ln in re.findall(r"^\w+\$\w+\((.*)\)", desc, re.M):
    used |= set(re.findall(r"\b([a-z_][a-z0-9_]*)\b", ln))
names = set(re.findall(r"^\s+(\w+)\s", desc, re.M)) | set(
    re.findall(r"(\w+) (?:fd_sclog|const|ptr|flags|len|buffer)\[", desc))
missing = sorted(u for u in used - defined - builtin - names
                 if not u.startswith("sclog_") or u not in defined)
missing = [u for u in missing if u.startswith("sclog_") or u.startswith("fd_")]
tap(not missing, "every sclog type the description uses is defined"
    + (f" (missing: {', '.join(missing)})" if missing else ""))
# Every constant it names exists in the header.
consts = set(re.findall(r"\b(SCLOG_[A-Z0-9_]+)\b", desc))
absent = sorted(c for c in consts if not re.search(r"#define %s\b" % c, hdr))
tap(not absent, "every SCLOG_ constant it names is in the header"
    + (f" (absent: {', '.join(absent)})" if absent else ""))
print(f"1..{n}")
sys.exit(1 if failed else 0)
