"""Campaign key visuals: check an SVG against the brand rules, rasterise it and draw it in a PDF."""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Iterator, Sequence

from lxml import etree
from PIL import ImageColor

from cimpskit.core.errors import Problem

VISUALS_DIR = "campaigns/visuals"
MAX_BYTES = 200_000
"""Largest SVG file read: a flat illustration of a few hundred shapes takes a few tens of kilobytes."""
MAX_ELEMENTS = 500
"""Elements once every <use> is expanded. The shipped drawings have 8 to 15 and a detailed flat illustration a few
hundred, while every element costs each of a campaign's 72 pieces its drawing time: building one campaign took
6.7 s of CPU with its 8-element drawing, 11.8 s with 500 circles, 16.8 s with 1,000 and 44 s with 3,900 (about
10 ms per element), so this limit keeps the worst drawing under twice the build of a simple one."""
MAX_DEPTH = 100
"""Nesting levels (groups in groups, <use> chains): a drawing program nests a few; far below libxml2's own 256."""
MAX_VIEWBOX = 100_000
"""Largest viewBox number and size, in user units: a page in px or mm is a few thousand. Both renderers lose the
drawing from about 1e9 units, and below 1 unit of width or height (measured), hence MIN_VIEWBOX."""
MIN_VIEWBOX = 1.0
MAX_ASPECT = 3.0
"""A key visual is at most three times as wide as tall (or as tall as wide): beyond that it is a thin strip in the
layouts that give it a portrait box or a landscape column."""

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
SHAPES = frozenset({"path", "rect", "circle", "ellipse", "line", "polyline", "polygon"})
STRUCTURE = frozenset({"g", "defs", "symbol", "use", "title", "desc", "metadata"})
COLOUR_PROPS = frozenset({"fill", "stroke", "color", "stop-color", "flood-color", "lighting-color"})
OPACITY_PROPS = frozenset({"opacity", "fill-opacity", "stroke-opacity", "stop-opacity", "flood-opacity"})
# Effects that need transparency or clipping, which print files and the two renderers do not share.
EFFECT_PROPS = {"filter": "none", "mask": "none", "clip-path": "none", "mix-blend-mode": "normal"}


_FLAT = "use uma cor chapada da paleta"
FORBIDDEN = {
    "script": "<script> não é permitido: o desenho não pode ter código",
    "foreignObject": "<foreignObject> não é permitido: use só formas SVG (path, rect, circle…)",
    "image": "<image> não é permitido: desenhe com formas vetoriais, sem fotos nem arquivos embutidos",
    "style": '<style> não é permitido: escreva a cor em cada forma (fill="#RRGGBB", stroke="#RRGGBB")',
    "text": "<text> não é permitido: converta o texto em curvas (contornos) no editor antes de salvar",
    "linearGradient": f"degradê (<linearGradient>) não é permitido: {_FLAT}",
    "radialGradient": f"degradê (<radialGradient>) não é permitido: {_FLAT}",
    "pattern": f"padrão de preenchimento (<pattern>) não é permitido: {_FLAT}",
    "filter": "filtro (<filter>) não é permitido: o impresso não pode ter sombras, desfoques nem transparência",
    "mask": "máscara (<mask>) não é permitida: o impresso não pode ter transparência; desenhe só a parte visível",
    "clipPath": "recorte (<clipPath>) não é permitido: desenhe só a parte visível da forma",
}
ALLOWED = "path, rect, circle, ellipse, line, polyline, polygon, g, defs, symbol e use"

Ids = dict[str, etree._Element]
"""Elements by their id attribute."""

_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE)
_HEX6 = re.compile(r"#[0-9a-fA-F]{6}")


class _Refused(Exception):
    """The bytes cannot be parsed safely; carries the position and the message."""

    def __init__(self, line: int, col: int, message: str):
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


def check_svg(data: bytes, rel: str, palette: dict[str, str]) -> list[Problem]:
    """Return every problem of an SVG key visual, in file order."""
    return _problems(data, rel, {name: hex_.upper() for name, hex_ in palette.items()})


def aspect(data: bytes) -> float:
    """Return the width / height of the SVG's viewBox."""
    width, height = viewbox(safe_root(data))
    return width / height


def colours(data: bytes) -> set[str]:
    """Return the colours an SVG uses, as upper-case #RRGGBB."""
    found = set()
    for el in safe_root(data).iter(etree.Element):
        for prop, value in _props(el).items():
            rgb = _rgb(value) if prop in COLOUR_PROPS else None
            if rgb is not None:
                found.add(hex_colour(rgb))
    return found


def normalised(root: etree._Element) -> str:
    """Return the SVG text with its size set to the viewBox, so both renderers see the same canvas."""
    root = copy.deepcopy(root)
    width, height = viewbox(root)
    root.set("width", f"{width:g}")
    root.set("height", f"{height:g}")
    if "preserveAspectRatio" in root.attrib:
        del root.attrib["preserveAspectRatio"]
    return etree.tostring(root, encoding="unicode")


def safe_root(data: bytes) -> etree._Element:
    """Parse an SVG for drawing, refusing anything unsafe or unsupported (colours are not checked)."""
    problems = _problems(data, "<svg>", None)
    if problems:
        raise ValueError("SVG recusado: " + "; ".join(f"linha {p.line}: {p.message}" for p in problems))
    return _parse(data)


def _problems(data: bytes, rel: str, palette: dict[str, str] | None) -> list[Problem]:
    """Return every problem of an SVG; colours are checked only when a palette is given."""
    if len(data) > MAX_BYTES:
        msg = f"arquivo SVG grande demais ({len(data)} bytes; limite {MAX_BYTES}): simplifique o desenho"
        return [Problem(rel, 1, 1, msg)]
    try:
        root = _parse(data)
    except _Refused as exc:
        return [Problem(rel, exc.line, exc.col, exc.message)]
    root_problem = _root_problem(root)
    if root_problem:
        return [Problem(rel, _line(root), 1, root_problem)]
    deep = _too_deep(root)
    if deep is not None:
        return [Problem(rel, _line(deep), 1, _DEPTH_MESSAGE)]
    ids: Ids = {key: el for el in root.iter(etree.Element) if (key := el.get("id"))}
    problems = [Problem(rel, _line(pi), 1, _PI_MESSAGE) for pi in _stylesheet_instructions(root)]
    for el in _walk(root):
        problems += [Problem(rel, _line(el), 1, msg) for msg in _element_messages(el, root, ids, palette)]
    problems += _use_problems(root, ids, rel)
    if palette is not None:
        msg = 'forma sem cor (fill): sem ela a forma sai preta; informe fill com uma cor da paleta ou fill="none"'
        problems += [Problem(rel, _line(el), 1, msg) for el in _unfilled(root, ids)]
    return sorted(set(problems))


_DEPTH_MESSAGE = (
    f"desenho aninhado demais: mais de {MAX_DEPTH} níveis de grupos (<g> dentro de <g>); "
    "desagrupe as formas no editor de desenho"
)
_PI_MESSAGE = "instrução <?xml-stylesheet?> não é permitida: o SVG não pode carregar estilos de fora; apague a linha"
_DOCTYPE_MESSAGE = (
    "declaração <!DOCTYPE> ou <!ENTITY> não é permitida (pode esconder conteúdo de fora do arquivo): apague-a"
)


def _parse(data: bytes) -> etree._Element:
    """Parse UTF-8 SVG bytes without DTDs, entities or network; raise _Refused when that is impossible."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _position(data[: exc.start].decode("utf-8", "replace"), exc.start)
        raise _Refused(line, col, "o arquivo não está em UTF-8: salve o SVG com a codificação UTF-8") from None
    for marker in ("<!DOCTYPE", "<!ENTITY"):
        at = text.find(marker)
        if at >= 0:
            raise _Refused(*_position(text, at), _DOCTYPE_MESSAGE)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, encoding="utf-8")
    try:
        return etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position[0] else (1, 1)
        if "Excessive depth" in exc.msg:
            raise _Refused(line, max(col, 1), _DEPTH_MESSAGE) from None
        detail = re.sub(r", line \d+, column \d+$", "", exc.msg)
        msg = f"XML mal formado: confira as tags e as aspas neste ponto (detalhe: {detail})"
        raise _Refused(line, max(col, 1), msg) from None


def _position(text: str, offset: int) -> tuple[int, int]:
    """Return the 1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _line(node: etree._Element) -> int:
    """Return the source line of a node, or 1 when unknown."""
    return node.sourceline or 1


def _root_problem(root: etree._Element) -> str | None:
    """Return the problem of the root element, if any: not <svg>, no SVG namespace or a bad viewBox."""
    qname = etree.QName(root)
    if qname.localname != "svg":
        return f"a raiz do arquivo deve ser <svg> (encontrado <{qname.localname}>)"
    if qname.namespace != SVG_NS:
        return f'a raiz <svg> precisa de xmlns="{SVG_NS}"'
    value = root.get("viewBox")
    if value is None:
        return 'falta o atributo viewBox na raiz <svg>: use viewBox="0 0 400 400"'
    try:
        width, height = viewbox(root)
    except ValueError:
        return f'viewBox="{value}" inválido: use quatro números, com largura e altura maiores que zero ("0 0 400 400")'
    numbers = [float(n) for n in re.split(r"[\s,]+", value.strip())]
    if max(abs(n) for n in numbers) > MAX_VIEWBOX or min(width, height) < MIN_VIEWBOX:
        return (
            f'viewBox="{value}" fora da escala de um desenho: use números até {MAX_VIEWBOX} e largura e altura de '
            'pelo menos 1, como "0 0 400 400" (exporte o SVG de novo em px)'
        )
    if max(width / height, height / width) > MAX_ASPECT:
        return (
            f'viewBox="{value}" alongado demais ({width:g} × {height:g}): a ilustração deve ter entre 1:3 e 3:1 '
            "de proporção para caber nas peças; recorte a área do desenho"
        )
    return None


def _too_deep(root: etree._Element) -> etree._Element | None:
    """Return the first element nested deeper than MAX_DEPTH, or None."""
    todo = [(root, 0)]
    while todo:
        el, depth = todo.pop()
        if depth > MAX_DEPTH:
            return el
        todo += [(child, depth + 1) for child in reversed(list(el.iterchildren(etree.Element)))]
    return None


def viewbox(root: etree._Element) -> tuple[float, float]:
    """Return the viewBox width and height, or raise ValueError."""
    parts = re.split(r"[\s,]+", (root.get("viewBox") or "").strip())
    numbers = [float(p) for p in parts] if len(parts) == 4 else []
    if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers) or min(numbers[2:]) <= 0:
        raise ValueError("viewBox inválido")
    return numbers[2], numbers[3]


def _stylesheet_instructions(root: etree._Element) -> Iterator[etree._ProcessingInstruction]:
    """Yield the <?xml-stylesheet?> instructions before or inside the root."""
    for pi in [*root.itersiblings(etree.PI, preceding=True), *root.iter(etree.PI)]:
        if isinstance(pi, etree._ProcessingInstruction) and pi.target == "xml-stylesheet":
            yield pi


def _walk(root: etree._Element) -> Iterator[etree._Element]:
    """Yield the elements to check, without entering refused elements or <metadata>."""
    yield root
    for child in root.iterchildren(etree.Element):
        if _tag_message(child, root) is None and etree.QName(child).localname != "metadata":
            yield from _walk(child)
        else:
            yield child


def _tag_message(el: etree._Element, root: etree._Element) -> str | None:
    """Return why an element is refused, or None when it is allowed."""
    qname = etree.QName(el)
    if qname.namespace != SVG_NS:
        name = f"{el.prefix}:{qname.localname}" if el.prefix else qname.localname
        return f'elemento <{name}> não é SVG (vem do programa de desenho): salve o arquivo como "SVG simples"'
    if qname.localname in FORBIDDEN:
        return FORBIDDEN[qname.localname]
    if qname.localname in SHAPES or qname.localname in STRUCTURE or el is root:
        return None
    return f"elemento <{qname.localname}> não é permitido: use só {ALLOWED}"


def _element_messages(el: etree._Element, root: etree._Element, ids: Ids, palette: dict[str, str] | None) -> list[str]:
    """Return the messages for one element and its attributes."""
    tag = _tag_message(el, root)
    if tag:
        return [tag]
    messages = []
    for name, value in el.attrib.items():
        messages += _attribute_messages(str(name), value, ids)
    for prop, value in _props(el).items():
        messages += _property_messages(prop, value, palette)
    return messages


def _attribute_messages(name: str, value: str, ids: Ids) -> list[str]:
    """Return the messages for one raw attribute: events, references, urls and @import."""
    messages = []
    local = etree.QName(name).localname
    if local.lower().startswith("on"):
        messages.append(f'atributo de evento "{local}" não é permitido: o desenho não pode ter código')
    if name in ("href", XLINK_HREF):
        messages += _href_messages(value.strip(), ids)
    for _, target in _URL.findall(value):
        if not target.strip().startswith("#"):
            messages.append(f"url({target}) aponta para fora do arquivo: o desenho deve ser todo feito no próprio SVG")
    if "@import" in value.lower():
        messages.append("@import não é permitido: o SVG não pode carregar estilos de fora")
    return messages


def _href_messages(href: str, ids: Ids) -> list[str]:
    """Return the messages for a reference: it must point to an element of the same file."""
    if not href.startswith("#"):
        return [f'referência "{href}" aponta para fora do arquivo: use só "#id" de um elemento do próprio SVG']
    if href[1:] not in ids:
        return [f'referência "{href}" não encontrada: nenhum elemento tem id="{href[1:]}"']
    return []


def _property_messages(prop: str, value: str, palette: dict[str, str] | None) -> list[str]:
    """Return the messages for one presentation property: colour, opacity or effect."""
    value = value.strip()
    if prop in COLOUR_PROPS and palette is not None:
        msg = _colour_message(prop, value, palette)
        return [msg] if msg else []
    if prop in OPACITY_PROPS:
        msg = _opacity_message(prop, value)
        return [msg] if msg else []
    if prop in EFFECT_PROPS and value.lower() != EFFECT_PROPS[prop]:
        return [f'{prop}="{value}" não é permitido: o impresso usa só formas chapadas, sem efeitos nem transparência']
    return []


def _colour_message(prop: str, value: str, palette: dict[str, str]) -> str | None:
    """Return why a colour is refused, naming the closest palette colour, or None when it is a palette hex."""
    if value.lower() == "none" and prop in ("fill", "stroke"):
        return None
    if _HEX6.fullmatch(value) and value.upper() in palette.values():
        return None
    if value.lower().startswith("url("):
        external = any(not target.strip().startswith("#") for _, target in _URL.findall(value))
        return None if external else f'{prop}="{value}" (degradê ou padrão) não é permitido: {_FLAT}'
    if value in palette:
        return f'{prop}="{value}": escreva o código da cor, não o nome: {prop}="{palette[value]}"'
    rgb = _rgb(value)
    if rgb is None and _is_colour(value):
        return f'cor "{value}" em {prop} tem transparência, que não é permitida no impresso: {_FLAT}'
    if rgb is None:
        names = ", ".join(palette)
        return f'cor "{value}" em {prop} não é reconhecida: use o código #RRGGBB de uma cor da paleta ({names})'
    name = _closest(rgb, palette)
    return f'cor "{value}" em {prop} não é da paleta: use uma cor da paleta; a mais próxima é {name} ({palette[name]})'


def _opacity_message(prop: str, value: str) -> str | None:
    """Return why an opacity is refused (anything below 1), or None."""
    try:
        number = float(value[:-1]) / 100 if value.endswith("%") else float(value)
    except ValueError:
        number = math.nan
    if number >= 1:
        return None
    return f'transparência ({prop}="{value}") não é permitida no impresso: apague o atributo e {_FLAT}'


def _props(el: etree._Element) -> dict[str, str]:
    """Return the presentation properties of an element: its attributes, overridden by its style attribute."""
    props = {str(k): str(v) for k, v in el.attrib.items() if "}" not in str(k)}
    for declaration in props.pop("style", "").split(";"):
        prop, sep, value = declaration.partition(":")
        if sep:
            props[prop.strip().lower()] = value.replace("!important", "").strip()
    return props


def _inherited(el: etree._Element, prop: str, stop: etree._Element | None = None) -> str | None:
    """Return the value of prop on el or its nearest ancestor that sets it (up to stop), or None."""
    node: etree._Element | None = el
    while node is not None:
        value = _props(node).get(prop)
        if value is not None and value.strip() != "inherit":
            return value
        if node is stop:
            return None
        node = node.getparent()
    return None


def _unfilled(root: etree._Element, ids: Ids) -> list[etree._Element]:
    """Return the drawn shapes that get no fill (SVG then paints them black)."""
    unfilled = []
    for el in _walk(root):
        name = etree.QName(el).localname
        in_defs = any(etree.QName(a).localname in ("defs", "symbol") for a in el.iterancestors(etree.Element))
        if name in SHAPES - {"line"} and not in_defs and _inherited(el, "fill") is None:
            unfilled.append(el)
        if name == "use":
            target = ids.get(_href(el)[1:])
            if target is not None and _inherited(el, "fill") is None:
                unfilled += [s for s in _shapes(target) if _inherited(s, "fill", stop=target) is None]
    return unfilled


class _TooDeep(Exception):
    """A <use> loops back to itself or nests too deep; carries that <use>."""

    def __init__(self, use: etree._Element):
        super().__init__("loop")
        self.use = use


def _use_problems(root: etree._Element, ids: Ids, rel: str) -> list[Problem]:
    """Return the problems of <use> references: loops, too deep a nesting, too many elements once expanded."""
    try:
        total = _expanded(root, ids, {}, [])
    except _TooDeep as exc:
        msg = (
            f'referência "{_href(exc.use)}" em laço ou aninhada demais: um <use> não pode repetir o grupo que o contém'
        )
        return [Problem(rel, _line(exc.use), 1, msg)]
    if total > MAX_ELEMENTS:
        msg = (
            f"desenho complexo demais: mais de {MAX_ELEMENTS} elementos (contando cada <use> expandido); "
            "junte as formas da mesma cor num só caminho (path) no editor de desenho"
        )
        return [Problem(rel, _line(root), 1, msg)]
    return []


def _expanded(el: etree._Element, ids: Ids, memo: dict[etree._Element, int], path: list[etree._Element]) -> int:
    """Return how many elements el stands for once every <use> in it is expanded."""
    if el in memo:
        return memo[el]
    path.append(el)
    count = 1 + sum(_expanded(child, ids, memo, path) for child in el.iterchildren(etree.Element))
    target = ids.get(_href(el)[1:]) if etree.QName(el).localname == "use" else None
    if target is not None:
        if target in path or len(path) > MAX_DEPTH:
            raise _TooDeep(el)
        count += _expanded(target, ids, memo, path)
    path.pop()
    memo[el] = min(count, MAX_ELEMENTS + 1)
    return memo[el]


def _href(el: etree._Element) -> str:
    """Return the reference of a <use>, or an empty string."""
    return (el.get("href") or el.get(XLINK_HREF) or "").strip()


def _shapes(target: etree._Element) -> list[etree._Element]:
    """Return the filled shapes in and under target."""
    return [s for s in target.iter(etree.Element) if etree.QName(s).localname in SHAPES - {"line"}]


def _rgb(value: str) -> tuple[int, int, int] | None:
    """Return the opaque RGB of a CSS colour, or None when it is not a colour or is transparent."""
    try:
        rgb = ImageColor.getrgb(value.strip())
    except ValueError:
        return None
    return rgb[:3] if len(rgb) == 3 or rgb[3] == 255 else None


def _is_colour(value: str) -> bool:
    """Return whether value parses as a CSS colour at all (with or without transparency)."""
    try:
        ImageColor.getrgb(value.strip())
    except ValueError:
        return False
    return True


def hex_colour(rgb: Sequence[float]) -> str:
    """Return #RRGGBB (upper case) for an RGB triple of 0-255 numbers."""
    return "#" + "".join(f"{round(c):02X}" for c in rgb)


def _closest(rgb: tuple[int, int, int], palette: dict[str, str]) -> str:
    """Return the name of the palette colour nearest to rgb (weighted "redmean" distance)."""

    def distance(name: str) -> float:
        r2, g2, b2 = ImageColor.getrgb(palette[name])[:3]
        mean = (rgb[0] + r2) / 2
        dr, dg, db = rgb[0] - r2, rgb[1] - g2, rgb[2] - b2
        return (2 + mean / 256) * dr * dr + 4 * dg * dg + (2 + (255 - mean) / 256) * db * db

    return min(palette, key=distance)
