"""Course text drawn as one widget: turning a page must be quick.

Textual's Markdown widget builds a widget per block (four per list item), parses in
a thread and mounts its blocks in a second pass, so a page of text costs dozens of
widgets and an extra layout before it is complete. Course text only needs headings,
paragraphs, lists, quotes and inline emphasis: `CourseText` lays those out itself,
the way the Markdown widget would (same margins, bullets, colours and quote bar), in
a single widget that is ready on its first frame. Anything richer (links, tables,
code, pictures) still goes to `CourseMarkdown`, which lists link addresses.

Use `course_text()` to get whichever of the two fits a piece of text.
"""

from __future__ import annotations

import re
import types
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from textual.content import Content, Span
from textual.geometry import Size
from textual.style import Style
from textual.widget import Widget

from ecouch_tui.terminal_text import printable

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

#: Bullets for unordered lists, by depth: the same as Textual's Markdown widget.
BULLETS = ("• ", "▪ ", "‣ ", "⭑ ", "◦ ")
#: Inline markup drawn with a component class of CourseText (other inline: fall back).
INLINE = {"em_open": ".em", "strong_open": ".strong", "s_open": ".s"}
BLOCKS = frozenset(
    {
        "heading_open",
        "heading_close",
        "paragraph_open",
        "paragraph_close",
        "inline",
        "bullet_list_open",
        "bullet_list_close",
        "ordered_list_open",
        "ordered_list_close",
        "list_item_open",
        "list_item_close",
        "blockquote_open",
        "blockquote_close",
    }
)
EMPTY = Content("")


@dataclass(frozen=True)
class Block:
    """One Markdown block: a heading (h1-h6), paragraph (p), list (ul, ol) or quote."""

    kind: str
    text: Content = EMPTY
    #: A quote's blocks; a list's items, each a Block of kind "item" holding its blocks.
    children: tuple[Block, ...] = ()
    #: A list item's bullet ("• ", " 1. ").
    bullet: str = ""


class Unsupported(Exception):
    """The text uses Markdown that CourseText does not draw (links, tables, code...)."""


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("gfm-like")  # what Textual's Markdown widget uses


def _inline(token: Token) -> Content:
    """An inline token as Content, spaces collapsed as Textual's Markdown does, and
    control characters shown as pictures: one character for one, so the spans stay
    where they were counted (Content would drop BEL or BS and shift every span after)."""
    text: list[str] = []
    spans: list[Span] = []
    opened: list[tuple[str, int]] = []
    position = 0
    for child in token.children or []:
        kind = child.type
        if kind == "text":
            piece = printable(re.sub(r"\s+", " ", child.content))
        elif kind == "softbreak":
            piece = " "
        elif kind == "hardbreak":
            piece = "\n"
        elif kind == "code_inline":
            spans.append(Span(position, position + len(child.content), ".code_inline"))
            piece = printable(child.content)
        elif kind in INLINE:
            opened.append((INLINE[kind], position))
            continue
        elif kind in ("em_close", "strong_close", "s_close"):
            style, start = opened.pop()
            spans.append(Span(start, position, style))
            continue
        else:
            raise Unsupported(kind)
        text.append(piece)
        position += len(piece)
    return Content("".join(text), spans=spans)


def _blocks(tokens: Sequence[Token]) -> tuple[Block, ...]:
    """The block tree of a token stream (raises Unsupported)."""
    # Each open block: its kind, its children so far, its text, its bullet.
    stack: list[tuple[str, list[Block], list[Content], str]] = [("root", [], [], "")]
    depth = 0  # unordered list items open: picks the bullet, as Textual does
    for token in tokens:
        kind = token.type
        if kind not in BLOCKS:
            raise Unsupported(kind)
        if kind == "inline":
            stack[-1][2].append(_inline(token))
        elif kind == "heading_open":
            stack.append((token.tag, [], [], ""))
        elif kind == "paragraph_open":
            stack.append(("p", [], [], ""))
        elif kind == "blockquote_open":
            stack.append(("quote", [], [], ""))
        elif kind == "bullet_list_open":
            stack.append(("ul", [], [], ""))
        elif kind == "ordered_list_open":
            stack.append(("ol", [], [], ""))
        elif kind == "list_item_open":
            if token.info:
                bullet = token.info
            else:
                bullet = BULLETS[depth % len(BULLETS)]
                depth += 1
            stack.append(("item", [], [], bullet))
        else:  # a close
            name, children, text, bullet = stack.pop()
            if name == "item" and not bullet.strip().isdigit():
                depth -= 1
            if name == "ol":
                children = _numbered(children)
            block = Block(name, text[0] if text else EMPTY, tuple(children), bullet)
            stack[-1][1].append(block)
    return tuple(stack[0][1])


def _numbered(items: list[Block]) -> list[Block]:
    """Ordered list bullets, right-aligned as Textual draws them (" 1. ", "10. ")."""
    try:
        start = int(items[0].bullet) if items else 1
    except ValueError:
        start = 1
    size = max((len(f"{n}. ") for n in range(start, start + len(items))), default=0)
    return [
        Block("item", item.text, item.children, f"{n}. ".rjust(size + 1))
        for n, item in enumerate(items, start)
    ]


@lru_cache(maxsize=256)
def parse(markdown: str) -> tuple[Block, ...]:
    """The blocks of course text (raises Unsupported). Cached: pages are revisited."""
    return _blocks(_parser().parse(markdown))


def supported(markdown: str) -> bool:
    """Whether CourseText can draw `markdown` (else it needs the Markdown widget)."""
    try:
        parse(markdown)
    except Unsupported:
        return False
    return True


# -- layout: the lines a block takes at a width, with Textual Markdown's margins ---------


def _margins(block: Block, *, top_level: bool, in_list: bool) -> tuple[int, int]:
    """(top, bottom) margin, as Textual's Markdown CSS gives them."""
    kind = block.kind
    if kind in ("h1", "h2"):
        return 2, 1
    if kind.startswith("h"):
        return 1, 1
    if kind == "p":
        return (0, 1) if top_level else (0, 0)  # `Markdown > MarkdownParagraph`
    if kind in ("ul", "ol"):
        return (0, 0) if in_list else (0, 1)  # `MarkdownList MarkdownList`
    return 1, 1  # quote


def stack(blocks: Sequence[Block], width: int, *, top_level: bool, in_list: bool) -> list[Content]:
    """Blocks one above the other; adjacent margins collapse (the larger wins)."""
    lines: list[Content] = []
    below: int | None = None
    for index, block in enumerate(blocks):
        top, bottom = _margins(block, top_level=top_level, in_list=in_list)
        if top_level and index == 0:
            top, bottom = 0, 1  # app.tcss: `Markdown > MarkdownBlock:first-child`
        gap = top if below is None else max(below, top)
        lines.extend([EMPTY] * gap)
        lines.extend(_lines(block, width, in_list=in_list))
        below = bottom
    lines.extend([EMPTY] * (below or 0))
    return lines


def _lines(block: Block, width: int, *, in_list: bool) -> list[Content]:
    kind = block.kind
    if kind == "p":
        return block.text.wrap(width)
    if kind.startswith("h"):
        lines = block.text.stylize_before(f".{kind}").wrap(width)
        if kind == "h1":  # centred, as `content-align: center`
            lines = [line.pad_left(max(0, (width - line.cell_length) // 2)) for line in lines]
        return lines
    if kind == "quote":
        inner = width - 3  # the bar and a space each side
        body = stack(block.children, inner, top_level=False, in_list=in_list) or [EMPTY]
        bar = Content.styled("▌", ".quote-bar")
        return [
            (bar + " " + line.pad_right(max(0, inner - line.cell_length)) + " ").stylize_before(
                ".quote"
            )
            for line in body
        ]
    lines = []  # a list: the bullet, and its item's lines beside it
    for item in block.children:
        bullet = item.bullet
        size = cell_len(bullet)
        body = stack(item.children, width - size, top_level=False, in_list=True) or [EMPTY]
        lines.append(Content.styled(bullet, ".bullet") + body[0])
        lines.extend(Content(" " * size) + line for line in body[1:])
    return lines


class CourseText(Widget):
    """Headings, paragraphs, lists and quotes of course text, drawn as one widget."""

    COMPONENT_CLASSES = {"h1", "h2", "h3", "h4", "h5", "h6"} | {
        "em",
        "strong",
        "s",
        "code_inline",
        "bullet",
        "quote",
        "quote-bar",
    }

    # Textual's Markdown widget's look (its CSS, with `MarkdownBlock` for `CourseText`).
    DEFAULT_CSS = """
    CourseText {
        height: auto;
        padding: 0 2 0 2;
        color: $foreground;
        & > .h1 {
            color: $markdown-h1-color;
            background: $markdown-h1-background;
            text-style: $markdown-h1-text-style;
        }
        & > .h2 {
            color: $markdown-h2-color;
            background: $markdown-h2-background;
            text-style: $markdown-h2-text-style;
        }
        & > .h3 {
            color: $markdown-h3-color;
            background: $markdown-h3-background;
            text-style: $markdown-h3-text-style;
        }
        & > .h4 {
            color: $markdown-h4-color;
            background: $markdown-h4-background;
            text-style: $markdown-h4-text-style;
        }
        & > .h5 {
            color: $markdown-h5-color;
            background: $markdown-h5-background;
            text-style: $markdown-h5-text-style;
        }
        & > .h6 {
            color: $markdown-h6-color;
            background: $markdown-h6-background;
            text-style: $markdown-h6-text-style;
        }
        & > .em { text-style: italic; }
        & > .strong { text-style: bold; }
        & > .s { text-style: strike; }
        &:dark > .code_inline { background: $warning 10%; color: $text-warning 95%; }
        &:light > .code_inline { background: $error 5%; color: $text-error 95%; }
        &:ansi > .code_inline { background: ansi_default; }
        & > .bullet { color: $text-primary; }
        &:light > .bullet { color: $text-secondary; }
        & > .quote { background: $boost; }
        & > .quote-bar { color: $text-primary 50%; }
        &:light > .quote-bar { color: $text-secondary; }
    }
    """

    def __init__(self, markdown: str = "", **options: Any) -> None:
        """`markdown` must be `supported()` (raises Unsupported otherwise)."""
        super().__init__(**options)
        self._blocks = parse(markdown)
        self._source = markdown
        self._laid_out: tuple[int, list[Content]] = (-1, [])

    @property
    def source(self) -> str:
        return self._source

    def layout_lines(self, width: int) -> list[Content]:
        """The text's lines at `width` (the last width is kept: render and height ask)."""
        if self._laid_out[0] != width:
            lines = stack(self._blocks, width, top_level=True, in_list=False) if width > 0 else []
            self._laid_out = (width, lines)
        return self._laid_out[1]

    def render(self) -> Content:
        content = Content("\n").join(self.layout_lines(self.size.width))
        if any(block.kind == "quote" for block in self._blocks):
            content = self._quote_colours(content)
        return content

    def _quote_colours(self, content: Content) -> Content:
        """A quote's colours composed over what is beneath, as Textual composes a widget's
        background and border (a component style's translucent colours would be blended
        a shade differently)."""
        beneath = self.background_colors[1]
        background = beneath + self.get_component_styles("quote").background
        bar = beneath + self.get_component_styles("quote-bar").color
        styles: dict[str, Style] = {
            ".quote": Style(background=background),
            ".quote-bar": Style(foreground=bar),
        }
        spans = [
            Span(span.start, span.end, styles.get(span.style, span.style))  # type: ignore[arg-type]
            for span in content.spans
        ]
        return Content(content.plain, spans, content.cell_length)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.layout_lines(width))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        lines = self.layout_lines(container.width)
        return max((line.cell_length for line in lines), default=0)


def used_components(blocks: Sequence[Block]) -> frozenset[str]:
    """The component classes that drawing `blocks` asks for (see `_lean`)."""
    used: set[str] = set()
    for block in blocks:
        kind = block.kind
        if kind.startswith("h"):
            used.add(kind)
        elif kind == "quote":
            used.update(("quote", "quote-bar"))
        elif kind in ("ul", "ol"):
            used.add("bullet")
        used.update(
            span.style[1:]
            for span in block.text.spans
            if isinstance(span.style, str) and span.style.startswith(".")
        )
        used |= used_components(block.children)
    return frozenset(used)


@lru_cache(maxsize=64)
def _lean(components: frozenset[str]) -> type[CourseText]:
    """CourseText declaring only `components`: Textual styles every component class of
    every widget as it mounts (a match against the whole stylesheet each), and most
    course text uses one or two of the thirteen; a quiz page's five prompts made ~65.

    The same name, CSS and look. Textual's way to narrow inherited component classes is
    `inherit_component_classes=False`, which `Widget.__init_subclass__` does not pass on
    (Textual 8.2.8), so the flag it would set is set here, before first use."""
    lean: type[CourseText] = types.new_class(
        "CourseText",
        (CourseText,),
        exec_body=lambda namespace: namespace.update(
            COMPONENT_CLASSES=set(components), __module__=__name__, __qualname__="CourseText"
        ),
    )
    lean._inherit_component_classes = False
    return lean


def course_text(markdown: str, **options: Any) -> Widget:
    """The lightest widget that shows `markdown` fully: CourseText (declaring only the
    component classes its text uses), or CourseMarkdown for text with links or anything
    else CourseText does not draw."""
    if supported(markdown):
        return _lean(used_components(parse(markdown)))(markdown, **options)
    from ecouch_tui.ui.widgets.course_markdown import CourseMarkdown

    return CourseMarkdown(markdown, **options)
