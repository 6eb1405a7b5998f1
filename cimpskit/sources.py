"""Safe YAML reading that keeps the line and column of every key and value."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent

from .errors import KitError, Problem

MAX_BYTES = 1_000_000
MAX_NODES = 100_000

Loc = tuple[Any, ...]


class _Loader(yaml.SafeLoader):
    """Safe loader that refuses aliases, so no alias bomb can expand."""

    def compose_node(self, parent, index):
        """Compose one node, rejecting any alias."""
        if self.check_event(AliasEvent):
            event = self.get_event()
            raise _AliasFound(event.start_mark)
        return super().compose_node(parent, index)


class _AliasFound(Exception):
    """Raised on the first alias found while composing."""

    def __init__(self, mark):
        super().__init__("alias")
        self.mark = mark


@dataclass(frozen=True)
class Document:
    """A parsed YAML file: plain data plus the position of every key and value."""

    path: str
    data: Any
    key_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    value_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def position(self, loc: Loc, at_key: bool = False) -> tuple[int, int]:
        """Return the line and column of loc, or of its nearest existing parent."""
        loc = tuple(loc)
        while True:
            marks = self.key_marks if at_key else self.value_marks
            if loc in marks:
                return marks[loc]
            if at_key and loc in self.value_marks:
                return self.value_marks[loc]
            if not loc:
                return (1, 1)
            loc = loc[:-1]

    def problem(self, loc: Loc, message: str, severity="error", at_key=False) -> Problem:
        """Build a Problem located at loc in this document."""
        line, col = self.position(loc, at_key)
        return Problem(self.path, line, col, message, severity)


def relative(path: Path, root: Path) -> str:
    """Return path relative to root as a POSIX string."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """Return the 1-based line and column of a byte offset."""
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


def read_text(path: Path, rel: str) -> str:
    """Read a file as UTF-8, reporting unreadable, oversized or non-UTF-8 files."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise KitError(Problem(rel, 1, 1, f"não foi possível ler o arquivo ({exc.strerror})")) from None
    if len(raw) > MAX_BYTES:
        raise KitError(Problem(rel, 1, 1, f"arquivo grande demais ({len(raw)} bytes; limite {MAX_BYTES})"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _byte_position(raw, exc.start)
        msg = f"o arquivo não está em UTF-8 (byte 0x{raw[exc.start]:02x} inválido)"
        raise KitError(Problem(rel, line, col, msg)) from None


def load(path: Path, root: Path) -> Document:
    """Read one YAML mapping file into a Document, or raise KitError."""
    rel = relative(path, root)
    return parse(read_text(path, rel), rel)


def parse(text: str, rel: str) -> Document:
    """Parse YAML text holding one mapping into a Document, reporting problems against rel."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except _AliasFound as exc:
        line, col = exc.mark.line + 1, exc.mark.column + 1
        raise KitError(Problem(rel, line, col, "aliases YAML (*nome) não são permitidos")) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise KitError(Problem(rel, line, col, f"YAML inválido: {exc.problem}")) from None
    finally:
        loader.dispose()
    if node is None or not isinstance(node, yaml.MappingNode):
        line, col = (node.start_mark.line + 1, node.start_mark.column + 1) if node else (1, 1)
        raise KitError(Problem(rel, line, col, "o arquivo deve ser um mapa de chaves (chave: valor)"))
    builder = _Builder(rel, loader)
    data = builder.build(node, ())
    if builder.problems:
        raise KitError(builder.problems)
    return Document(rel, data, builder.key_marks, builder.value_marks)


class _Builder:
    """Turn a composed node tree into plain data, recording marks."""

    def __init__(self, rel: str, loader: _Loader):
        self.rel = rel
        self.loader = loader
        self.key_marks: dict[Loc, tuple[int, int]] = {}
        self.value_marks: dict[Loc, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.count = 0

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        """Build the value of node found at loc."""
        self.count += 1
        if self.count > MAX_NODES:
            raise KitError(Problem(self.rel, 1, 1, f"arquivo com mais de {MAX_NODES} valores"))
        self.value_marks[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        try:
            return self.loader.construct_object(node, deep=True)
        except ValueError:
            # An impossible date such as 2026-13-01: keep the text for the schema to reject.
            return node.value
        except yaml.constructor.ConstructorError as exc:
            line, col = node.start_mark.line + 1, node.start_mark.column + 1
            self.problems.append(Problem(self.rel, line, col, f"valor inválido: {exc.problem}"))
            return None

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict:
        """Build a mapping, reporting duplicate and non-scalar keys."""
        out: dict = {}
        for key_node, value_node in node.value:
            line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(Problem(self.rel, line, col, "chave deve ser um texto simples"))
                continue
            key = key_node.value
            if key in out:
                first = self.key_marks[(*loc, key)][0]
                msg = f"chave '{key}' repetida (já definida na linha {first})"
                self.problems.append(Problem(self.rel, line, col, msg))
                continue
            self.key_marks[(*loc, key)] = (line, col)
            out[key] = self.build(value_node, (*loc, key))
        return out
