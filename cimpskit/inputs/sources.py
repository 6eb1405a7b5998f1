"""Safe YAML reading that keeps the line and column of every key and value."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent

from cimpskit.core.errors import KitError, Problem, Severity

MAX_BYTES = 1_000_000
PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
MAX_NODES = 100_000

Loc = tuple[Any, ...]


class _Loader(yaml.SafeLoader):
    """Safe loader that refuses aliases, so no alias bomb can expand."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        """Compose one node, rejecting any alias."""
        if self.check_event(AliasEvent):
            event = self.get_event()
            raise _AliasFound(event.start_mark)
        return super().compose_node(parent, index)


class _AliasFound(Exception):
    """Raised on the first alias found while composing."""

    def __init__(self, mark: yaml.Mark):
        super().__init__("alias")
        self.mark = mark


@dataclass(frozen=True)
class Document:
    """A parsed YAML file: plain data plus the position of every key and value."""

    path: str
    data: Any
    key_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    value_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    lines: tuple[str, ...] = ()

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

    def problem(self, loc: Loc, message: str, severity: Severity = "error", at_key: bool = False) -> Problem:
        """Build a Problem located at loc in this document."""
        line, col = self.position(loc, at_key)
        return Problem(self.path, line, col, message, severity)


def relative(path: Path, root: Path) -> str:
    """Return path relative to root as a POSIX string, without following links."""
    absolute, base = Path(os.path.abspath(path)), Path(os.path.abspath(root))
    try:
        return absolute.relative_to(base).as_posix()
    except ValueError:
        return path.name


def inside(path: Path, root: Path) -> bool:
    """Tell whether path, with every link followed, lies inside root."""
    return path.resolve().is_relative_to(root.resolve())


def read_bytes(path: Path, root: Path, rel: str, limit: int = MAX_BYTES) -> bytes:
    """Read a file of the repository, refusing links that leave it, unreadable and oversized files."""
    if not inside(path, root):
        msg = "o arquivo é um link para fora do repositório: copie o conteúdo para dentro do repositório"
        raise KitError(Problem(rel, 1, 1, msg))
    try:
        size = path.stat().st_size
        if size > limit:
            raise KitError(Problem(rel, 1, 1, f"arquivo grande demais ({size} bytes; limite {limit})"))
        return path.read_bytes()
    except FileNotFoundError:
        raise KitError(Problem(rel, 1, 1, "arquivo não encontrado")) from None
    except IsADirectoryError:
        raise KitError(Problem(rel, 1, 1, "é uma pasta, não um arquivo")) from None
    except OSError as exc:
        raise KitError(Problem(rel, 1, 1, f"não foi possível ler o arquivo ({exc.strerror})")) from None


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """Return the 1-based line and column of a byte offset."""
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


def read_text(path: Path, root: Path, rel: str) -> str:
    """Read a repository file as UTF-8, reporting links out, oversized and non-UTF-8 files."""
    raw = read_bytes(path, root, rel)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _byte_position(raw, exc.start)
        msg = f"o arquivo não está em UTF-8 (byte 0x{raw[exc.start]:02x} inválido): salve-o como UTF-8"
        raise KitError(Problem(rel, line, col, msg)) from None


def _text_position(text: str, index: int) -> tuple[int, int]:
    """Return the 1-based line and column of a character index."""
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def load(path: Path, root: Path) -> Document:
    """Read one YAML mapping file into a Document, or raise KitError."""
    rel = relative(path, root)
    return parse(read_text(path, root, rel), rel)


def parse(text: str, rel: str) -> Document:
    """Parse YAML text holding one mapping into a Document, reporting problems against rel."""
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
    except _AliasFound as exc:
        line, col = exc.mark.line + 1, exc.mark.column + 1
        raise KitError(Problem(rel, line, col, "aliases YAML (*nome) não são permitidos")) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise KitError(Problem(rel, line, col, yaml_message(exc))) from None
    except yaml.reader.ReaderError as exc:
        line, col = _text_position(text, exc.position)
        msg = f"caractere invisível de controle (U+{exc.character:04X}) não é permitido: apague-o"
        raise KitError(Problem(rel, line, col, msg)) from None
    finally:
        if loader is not None:
            loader.dispose()
    if node is None or not isinstance(node, yaml.MappingNode):
        line, col = (node.start_mark.line + 1, node.start_mark.column + 1) if node else (1, 1)
        raise KitError(Problem(rel, line, col, "o arquivo deve ser um mapa de chaves (chave: valor)"))
    builder = _Builder(rel, loader)
    data = builder.build(node, ())
    if builder.problems:
        raise KitError(builder.problems)
    return Document(rel, data, builder.key_marks, builder.value_marks, tuple(text.splitlines()))


# What PyYAML says, and what an editor should read instead (checked in order).
YAML_MESSAGES = (
    (
        "mapping values are not allowed",
        "dois-pontos (:) no meio de um texto sem aspas: coloque o texto entre aspas, como "
        '"Denuncie: ligue 100" (ou, se é uma chave, confira o recuo da linha)',
    ),
    ("found character '\\t'", "tabulação (TAB) não é permitida no YAML: recue as linhas com espaços"),
    ("found unknown escape character", "barra invertida (\\) inválida entre aspas duplas: use aspas simples"),
    ("found unexpected end of stream", "aspas abertas e não fechadas: feche as aspas no fim do texto"),
    (
        "could not find expected ':'",
        "falta ':' depois da chave (se o texto continua da linha anterior, recue-o ou coloque-o entre aspas)",
    ),
    (
        "but found '<scalar>'",
        "texto continua depois das aspas: um apóstrofo (') dentro de aspas simples se escreve '' (ou use aspas duplas)",
    ),
    ("but found '?'", "lista e chaves misturadas no mesmo recuo: alinhe os itens '- ' ou as chaves"),
    ("but found '<block", "recuo inconsistente: alinhe esta linha com as outras chaves do mesmo nível"),
    ("expected ',' or ']'", "lista entre colchetes [ ] não fechada, ou item sem vírgula"),
    ("expected ',' or '}'", "mapa entre chaves { } não fechado, ou item sem vírgula"),
    ("but found another document", "o arquivo deve ter um só documento: remova a linha '---'"),
    ("found undefined alias", "aliases YAML (*nome) não são permitidos"),
)


def yaml_message(exc: yaml.MarkedYAMLError) -> str:
    """Translate a PyYAML error into a Portuguese message that says what to do."""
    said = f"{exc.context or ''} {exc.problem or ''}"
    start = re.search(r"found character '(.)' that cannot start any token", said)
    if start and start.group(1) != "\t":
        return f"o caractere '{start.group(1)}' não pode começar um valor: coloque o texto entre aspas"
    tag = re.search(r"constructor for the tag '([^']*)'", said)
    if tag:
        return tag_message(tag.group(1))
    for english, portuguese in YAML_MESSAGES:
        if english in said:
            return portuguese
    return "YAML inválido nesta linha: confira o recuo (só espaços), os dois-pontos e as aspas"


def tag_message(tag: str) -> str:
    """Explain that YAML tags such as !!python/object are refused."""
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return f"a etiqueta YAML '{shown}' não é permitida: remova-a (use só textos, números, datas, listas e mapas)"


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
        if node.tag not in PLAIN_TAGS and not isinstance(node, yaml.ScalarNode):
            line, col = node.start_mark.line + 1, node.start_mark.column + 1
            self.problems.append(Problem(self.rel, line, col, tag_message(node.tag)))
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        try:
            return self.loader.construct_object(node, deep=True)
        except ValueError:
            # An impossible date such as 2026-13-01: keep the text for the schema to reject.
            return node.value
        except yaml.constructor.ConstructorError:
            line, col = node.start_mark.line + 1, node.start_mark.column + 1
            self.problems.append(Problem(self.rel, line, col, tag_message(node.tag)))
            return None

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        """Build a mapping, reporting duplicate and non-scalar keys."""
        out: dict[str, Any] = {}
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
