#!/usr/bin/env python3
"""Turns generate-manual's pages into sfn's man pages.

Usage: finish-man-pages.py GENERATED-DIR SECTIONS-DIR DUMP-HELP.json OUT-DIR
- Pages of hidden commands (shouldDisplay false in `sfn --experimental-dump-help`) are dropped, and so are
  the SEE ALSO references to them.
- Subcommand pages are named `sfn.COMMAND` in their NAME section so whatis can index them.
- The hand-written mdoc sections (SECTIONS-DIR/*.mdoc, in file-name order) are merged into sfn.1: they replace
  argument-parser's generic EXIT STATUS and go before SEE ALSO.
"""
import json
import os
import re
import sys


def hidden_pages(command, prefix=""):
    name = prefix + command["commandName"]
    pages = set() if command.get("shouldDisplay", True) else {name}
    for sub in command.get("subcommands", []):
        sub_pages = hidden_pages(sub, name + ".")
        pages |= sub_pages if sub.get("shouldDisplay", True) else sub_pages | {name + "." + sub["commandName"]}
    return pages


def merge_sections(lines, extra):
    out, skipping, inserted = [], False, False
    for line in lines:
        if line.startswith(".Sh "):
            title = line[4:].strip('"')
            skipping = title == "EXIT STATUS"
            if title in ("EXIT STATUS", "SEE ALSO") and not inserted:
                out += extra
                inserted = True
        if not skipping:
            out.append(line)
    return out if inserted else out + extra


def drop_references(lines, hidden):
    out = [line for line in lines if not any(re.match(rf"\.Xr {re.escape(h)} \d", line) for h in hidden)]
    # The last SEE ALSO reference must not end in a comma.
    for i in range(len(out) - 1, -1, -1):
        if out[i].startswith(".Xr "):
            if i + 1 == len(out) or not out[i + 1].startswith(".Xr "):
                out[i] = re.sub(r" ,$", "", out[i])
            break
    return out


def whatis_name(lines):
    """`.Nm "sfn create-activity"` in NAME becomes `.Nm sfn.create-activity` (the page's name: whatis and lintian
    cannot parse names with spaces); the synopsis and body still show the command as typed."""
    out, shown = [], None
    for i, line in enumerate(lines):
        m = re.match(r'\.Nm "(.+ .+)"$', line)
        if m and i > 0 and lines[i - 1] == ".Sh NAME":
            shown = m.group(1)
            out.append(".Nm " + shown.replace(" ", "."))
        elif line == ".Nm" and shown:
            out.append(f'.Nm "{shown}"')
        else:
            out.append(line)
    return out


def main():
    generated, sections_dir, dump, out_dir = sys.argv[1:5]
    hidden = hidden_pages(json.load(open(dump))["command"])
    extra = []
    for name in sorted(n for n in os.listdir(sections_dir) if n.endswith(".mdoc")):
        extra += open(os.path.join(sections_dir, name)).read().rstrip("\n").splitlines()
    for page in sorted(os.listdir(generated)):
        if not page.endswith(".1") or page[:-2] in hidden:
            continue
        lines = drop_references(open(os.path.join(generated, page)).read().splitlines(), hidden)
        lines = whatis_name(lines)
        if page == "sfn.1":
            lines = merge_sections(lines, extra)
        with open(os.path.join(out_dir, page), "w") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
