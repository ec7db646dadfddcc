"""Words, reading time and reading grade of a module's course text.

The grade is Flesch-Kincaid: 0.39 x (words / sentences) + 11.8 x (syllables / words)
- 15.59. Syllables are counted with the usual English heuristic (vowel groups, a
silent final e, a final "le"), good to about one grade on ordinary prose. Markdown
markup is stripped first; a heading or list item ends a sentence even without a stop.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import msgspec

from ecouch_tui.content.models import Module

WORDS_PER_MINUTE = 200

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*|\d+(?:[.,]\d+)*")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
_MARKUP = re.compile(r"[*_`#>|]|\[([^\]]*)\]\([^)]*\)")
_STARTS_UNIT = re.compile(r"^\s*(?:#+\s|[-*+]\s|\d+\.\s|>)")
_MARKER = re.compile(r"^\s*(?:#+|[-*+]|\d+\.|>)\s+")
_VOWELS = re.compile(r"[aeiouy]+")


class TextStats(msgspec.Struct, frozen=True, kw_only=True):
    words: int
    sentences: int
    syllables: int

    @property
    def minutes(self) -> float:
        return self.words / WORDS_PER_MINUTE

    @property
    def grade(self) -> float:
        if not self.words or not self.sentences:
            return 0.0
        return 0.39 * (self.words / self.sentences) + 11.8 * (self.syllables / self.words) - 15.59


def syllables(word: str) -> int:
    word = word.lower().strip("'’")
    if not word.isalpha():
        return max(1, len(word) // 3)  # numbers: roughly as spoken
    if len(word) <= 3:
        return 1
    count = len(_VOWELS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    if word.endswith(("ed", "es")) and not word.endswith(("ted", "ded", "ses", "zes", "ces")):
        count = max(1, count - 1) if count > 1 else count
    return max(1, count)


def plain(markdown: str) -> str:
    """Markdown to plain prose: links keep their words, markup goes."""
    return _MARKUP.sub(lambda m: m.group(1) or "", markdown)


def units(markdown: str) -> list[str]:
    """Paragraphs, headings and list items, with soft-wrapped lines joined again."""
    found: list[str] = []
    current: list[str] = []
    for line in markdown.splitlines():
        if not line.strip() or _STARTS_UNIT.match(line):
            if current:
                found.append(" ".join(current))
            current = []
        if line.strip():
            current.append(_MARKER.sub("", line).strip())
    if current:
        found.append(" ".join(current))
    return found


def measure(texts: Iterable[str]) -> TextStats:
    words = sentences = syllable_count = 0
    for text in texts:
        for sentence in (s for unit in units(text) for s in _SENTENCE_END.split(plain(unit))):
            found = _WORD.findall(sentence)
            if not found:
                continue
            sentences += 1
            words += len(found)
            syllable_count += sum(syllables(word) for word in found)
    return TextStats(words=words, sentences=sentences, syllables=syllable_count)


def module_texts(module: Module) -> list[str]:
    """The course text a reader meets in a module: summary, page titles and block texts."""
    texts = [module.summary]
    for page in module.pages:
        texts.append(page.title)
        for block in page.blocks:
            texts.extend(block.texts())
    return texts


def module_stats(module: Module) -> TextStats:
    return measure(module_texts(module))
