"""Changing a value in a YAML file without touching anything else in it.

Records are written by people: comments, blank lines, key order, folded text and the
way lists are written all carry meaning for them, and a round trip through a YAML
library loses some of it. So edits here are made to the text itself, at the positions
libyaml reports, one line or one value at a time. After every edit the text is parsed
again and compared with what the edit should have produced; if they differ in any way,
the edit is refused and the file is left as it was.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from eqdiv.model.errors import EqdivError
from eqdiv.yamlio.loader import parse, unescape_pointer_token
from eqdiv.yamlio.writer import entry_lines, inline, item_lines

# The line breaks YAML knows (1.1, 5.4), so lines here are the lines libyaml counts.
_LINES = re.compile(r"[^\r\n\x85\u2028\u2029]*(?:\r\n|[\r\n\x85\u2028\u2029]|$)")


class EditError(EqdivError):
    """eqdiv cannot make this change without risking the rest of the file."""


class YamlEdit:
    """A YAML document's text, edited value by value (addressed by JSON pointer)."""

    def __init__(self, text: str, path: str = "") -> None:
        self.path = path
        self.text = text
        self.newline = "\r\n" if "\r\n" in text else "\n"
        parsed = parse(text, path)
        if parsed.document is None or parsed.findings:
            first = parsed.findings[0] if parsed.findings else None
            said = f" (line {first.location.line}: {first.message})" if first else ""
            raise EditError(
                f"{path} cannot be read as it stands{said}, so eqdiv will not edit it.",
                "Fix the file first: eqdiv validate shows what is wrong.",
            )
        self.expected: Any = copy.deepcopy(parsed.document.data)
        self._load()

    # --- the edits -------------------------------------------------------------------

    def set(self, pointer: str, value: Any) -> None:
        """Replace the value at ``pointer`` (a scalar, or a list written in brackets)."""
        node, key = self._find(pointer)
        if not isinstance(node, ScalarNode) and not getattr(node, "flow_style", False):
            raise EditError(f"{self._name(pointer)} is a block of values, not one value.")
        if node.start_mark.line != self._last_line(node) and not _is_block_scalar(node):
            raise EditError(
                f"{self._name(pointer)} spans several lines; eqdiv will not rewrite it.",
                "Edit it by hand.",
            )
        written = inline(value)
        if _is_empty(node) and key is not None:  # `key:` with nothing after it
            start = self._offset(key.end_mark.line, key.end_mark.column)
            colon = self.text.index(":", start)
            self._replace(colon + 1, colon + 1, f" {written}")
        else:
            end = (
                self._line_end(self._last_line(node))
                if _is_block_scalar(node)
                else self._offset(node.end_mark.line, node.end_mark.column)
            )
            self._replace(self._offset(node.start_mark.line, node.start_mark.column), end, written)
        self._expect(pointer, value)

    def add(self, pointer: str, key: str, value: Any, after: Sequence[str] = ()) -> None:
        """Add ``key: value`` to the mapping at ``pointer``, after the first of
        ``after`` that it has (else after its last entry), in the mapping's indent."""
        mapping, _ = self._find(pointer)
        if not isinstance(mapping, MappingNode) or mapping.flow_style:
            raise EditError(f"{self._name(pointer)} is not a block of fields eqdiv can add to.")
        keys = [k.value for k, _ in mapping.value]
        if key in keys:
            raise EditError(f"{self._name(pointer)} already has '{key}'.")
        previous = next((k for k in after if k in keys), keys[-1])
        _, value_node = mapping.value[keys.index(previous)]
        indent = mapping.value[0][0].start_mark.column
        self._insert_after(self._last_line(value_node), entry_lines(key, value, indent))
        self._expect_member(pointer, key, value, previous)

    def remove(self, pointer: str) -> None:
        """Delete a field (its key, its value, and the lines they take)."""
        node, key = self._find(pointer)
        if key is None:
            raise EditError(f"{self._name(pointer)} is not a field.")
        line = key.start_mark.line
        before = self.lines[line][: key.start_mark.column]
        if before.strip():  # `- key: value`: the key shares its line with the list's dash
            raise EditError(
                f"{self._name(pointer)} starts a list item; eqdiv will not remove it.",
                "Edit it by hand.",
            )
        start = self._offset(line, 0)
        end = self._offset(self._last_line(node) + 1, 0)
        self._replace(start, end, "")
        parent, _, name = pointer.rpartition("/")
        del self._at(parent)[unescape_pointer_token(name)]

    def append(self, pointer: str, value: Any) -> None:
        """Add ``value`` as the last item of the list at ``pointer``."""
        node, key = self._find(pointer)
        if not isinstance(node, SequenceNode):
            raise EditError(f"{self._name(pointer)} is not a list.")
        if node.flow_style:
            if node.value or key is None:
                raise EditError(
                    f"{self._name(pointer)} is written in [brackets]; eqdiv "
                    "adds only to lists written one item per line.",
                    "Write the list one item per line, each starting with '- '.",
                )
            # `updates: []`: the first item turns it into a list written line by line.
            start = self._offset(key.end_mark.line, key.end_mark.column)
            colon = self.text.index(":", start)
            self._replace(colon + 1, self._offset(node.end_mark.line, node.end_mark.column), "")
            self._insert_after(key.start_mark.line, item_lines(value, key.start_mark.column + 2))
        else:
            self._insert_after(self._last_line(node), item_lines(value, node.start_mark.column))
        self._at(pointer).append(copy.deepcopy(value))

    def result(self) -> str:
        """The edited text, once it has been checked to hold exactly the data the edits
        should give, and nothing else changed."""
        parsed = parse(self.text, self.path)
        if parsed.document is None or parsed.findings or parsed.document.data != self.expected:
            raise EditError(
                f"eqdiv could not make this change to {self.path} safely; the file is unchanged.",
                "Make the change by hand, and please report this to eqdiv's developers.",
            )
        return self.text

    # --- positions -------------------------------------------------------------------

    def _load(self) -> None:
        root = yaml.compose(self.text, Loader=yaml.CSafeLoader)
        if root is None:  # every edit leaves a document behind; never an empty file
            raise EditError(f"{self.path} would be empty after this change.")
        self.root: Node = root
        self.lines = [m.group(0) for m in _LINES.finditer(self.text)]
        if self.lines and self.lines[-1] == "":
            self.lines.pop()
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))

    def _offset(self, line: int, column: int) -> int:
        if line >= len(self.lines):
            return len(self.text)
        return self.starts[line] + column

    def _line_end(self, line: int) -> int:
        """Where ``line``'s content ends (before its line break)."""
        text = self.lines[line]
        return self.starts[line] + len(text.rstrip("\r\n\x85\u2028\u2029"))

    def _last_line(self, node: Node) -> int:
        """The last line holding any of ``node``'s content (not the comments or blank
        lines that may follow it)."""
        if isinstance(node, ScalarNode):
            if not _is_block_scalar(node):
                return int(node.end_mark.line)
            line = node.end_mark.line - (1 if node.end_mark.column == 0 else 0)
            while line > node.start_mark.line and not self.lines[line].strip():
                line -= 1
            return int(line)
        if getattr(node, "flow_style", False) or not node.value:
            return int(node.end_mark.line)
        last = node.value[-1]
        return self._last_line(last[1] if isinstance(node, MappingNode) else last)

    def _find(self, pointer: str) -> tuple[Node, ScalarNode | None]:
        """The node at ``pointer``, and its key when it is a mapping's value."""
        node: Node = self.root
        key: ScalarNode | None = None
        for token in pointer.split("/")[1:]:
            name = unescape_pointer_token(token)
            if isinstance(node, MappingNode):
                found = [(k, v) for k, v in node.value if k.value == name]
                if not found:
                    raise EditError(f"{self._name(pointer)} does not exist.")
                key, node = found[0]
            elif isinstance(node, SequenceNode) and name.isdigit() and int(name) < len(node.value):
                key, node = None, node.value[int(name)]
            else:
                raise EditError(f"{self._name(pointer)} does not exist.")
        return node, key

    def _name(self, pointer: str) -> str:
        return f"'{pointer.rpartition('/')[2] or 'the file'}' in {self.path}"

    # --- changing the text -----------------------------------------------------------

    def _replace(self, start: int, end: int, text: str) -> None:
        self.text = self.text[:start] + text + self.text[end:]
        self._load()

    def _insert_after(self, line: int, new_lines: list[str]) -> None:
        at = self._offset(line + 1, 0)
        prefix = ""
        if at == len(self.text) and self.text and not self.text.endswith(("\n", "\r")):
            prefix = self.newline  # the file's last line had no line break
        block = "".join(text + self.newline for text in new_lines)
        self._replace(at, at, prefix + block)

    # --- what the data should become -------------------------------------------------

    def _at(self, pointer: str) -> Any:
        node = self.expected
        for token in pointer.split("/")[1:]:
            name = unescape_pointer_token(token)
            node = node[int(name)] if isinstance(node, list) else node[name]
        return node

    def _expect(self, pointer: str, value: Any) -> None:
        parent, _, name = pointer.rpartition("/")
        container = self._at(parent)
        if isinstance(container, list):
            container[int(unescape_pointer_token(name))] = copy.deepcopy(value)
        else:
            container[unescape_pointer_token(name)] = copy.deepcopy(value)

    def _expect_member(self, pointer: str, key: str, value: Any, previous: str) -> None:
        mapping = self._at(pointer)
        items = list(mapping.items())
        index = [k for k, _ in items].index(previous) + 1
        items.insert(index, (key, copy.deepcopy(value)))
        mapping.clear()
        mapping.update(items)


def _is_block_scalar(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.style in ("|", ">")


def _is_empty(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.value == "" and not node.style
