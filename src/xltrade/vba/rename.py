"""Renaming a module inside VBA source: the ``Attribute VB_Name`` line, and every use of
the old name as an identifier in code (``New Dictionary``, ``As Dictionary``,
``Dictionary.Method``), never inside a string literal or a comment, never as a member
of something else (``Scripting.Dictionary``).

VBA names are case-insensitive, so ``dictionary`` is the same identifier. Used when a
module xltrade adds must take another name because the team's project already has
one of that name.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def rename_module(text: str, old: str, new: str) -> str:
    """``text`` with module ``old`` called ``new``, line endings kept."""
    lines = text.splitlines(keepends=True)
    return "".join(_rename_line(line, old, new) for line in lines)


def _rename_line(line: str, old: str, new: str) -> str:
    body = line.rstrip("\r\n")
    ending = line[len(body):]
    if re.match(rf'Attribute VB_Name = "{re.escape(old)}"$', body, re.I):
        return f'Attribute VB_Name = "{new}"{ending}'
    if body.lstrip().startswith("Attribute "):
        return line
    return _rename_code(body, old, new) + ending


def _rename_code(body: str, old: str, new: str) -> str:
    out = []
    pos = 0
    in_string = False
    while pos < len(body):
        char = body[pos]
        if char == '"':
            in_string = not in_string  # "" inside a string toggles twice: still inside
        elif not in_string and char == "'":
            break  # the rest of the line is a comment
        elif not in_string and (found := _WORD.match(body, pos)):
            word = found.group(0)
            if word.casefold() == "rem" and pos == len(body) - len(body.lstrip()):
                break
            member = body[:pos].rstrip().endswith(".")
            out.append(new if word.casefold() == old.casefold() and not member else word)
            pos = found.end()
            continue
        out.append(char)
        pos += 1
    return "".join(out) + body[pos:]
