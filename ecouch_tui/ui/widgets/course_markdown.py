"""Course text in Markdown, with every link's address written out beneath it.

Textual draws a link as its words alone, and only a mouse click reveals where it goes.
ecouch never opens a link itself (the app shows the address instead), and a click is
no way in for someone using the keyboard or a screen reader: so text with links ends
with a short list of them, to read aloud, copy, or type into a browser by choice.
"""

from __future__ import annotations

from typing import Any

from textual.await_complete import AwaitComplete
from textual.widgets import Markdown


def links_in(markdown: str) -> list[tuple[str, str]]:
    """(words, address) for each link whose address is not already its words, in order."""
    if "](" not in markdown and "<" not in markdown and "]:" not in markdown:
        return []  # no link syntax at all: skip the parse (most course text)
    from markdown_it import MarkdownIt

    found: list[tuple[str, str]] = []
    for token in MarkdownIt("gfm-like").parse(markdown):
        children = token.children or []
        for index, child in enumerate(children):
            if child.type != "link_open":
                continue
            href = str(child.attrs.get("href", ""))
            words = []
            for inner in children[index + 1 :]:
                if inner.type == "link_close":
                    break
                words.append(inner.content)
            text = "".join(words).strip()
            if href and text != href and (text, href) not in found:
                found.append((text, href))
    return found


def with_links(markdown: str) -> str:
    """`markdown` followed by its links' addresses, one a line, as literal text."""
    links = links_in(markdown)
    if not links:
        return markdown
    # Backticks keep an address literal: not a link again, never read as markup.
    lines = [f"- {text or 'link'}: `{href.replace('`', '%60')}`" for text, href in links]
    return markdown.rstrip() + "\n\nLinks in this text:\n\n" + "\n".join(lines) + "\n"


class CourseMarkdown(Markdown):
    """Markdown from course content: links listed in words, and never opened by a click."""

    def __init__(self, markdown: str | None = None, **options: Any) -> None:
        options["open_links"] = False
        super().__init__(with_links(markdown) if markdown else markdown, **options)

    def update(self, markdown: str) -> AwaitComplete:
        return super().update(with_links(markdown))
