"""ecouch's own theme: high contrast, for low vision, bright rooms and tired eyes.

Pure black and white with yellow and cyan accents. Every colour that text is drawn in
is set here, not derived, so each pair of text and background reaches the WCAG AAA
ratio of 7:1 (tests/test_accessibility.py measures the painted screens). Faint
("dim") text halves the contrast on most terminals, so under this theme it is drawn
at full strength by a line filter.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter
from textual.theme import Theme

HIGH_CONTRAST = "ecouch-high-contrast"

BLACK, WHITE = "#000000", "#FFFFFF"
YELLOW, CYAN, GREEN = "#FFFF00", "#00FFFF", "#00FF00"
ORANGE, RED = "#FFB000", "#FF8080"
#: Secondary text: clearly lighter than white's neighbours, still 11:1 on black.
LIGHT_GREY = "#C8C8C8"
#: Panels (the footer, a focused row's neighbours) and a highlight that has lost focus.
PANEL, BLURRED = "#1C1C1C", "#262626"
#: Borders of things without focus, and their titles (which are text): 8:1 on black.
MID_GREY = "#A0A0A0"

HIGH_CONTRAST_THEME = Theme(
    name=HIGH_CONTRAST,
    primary=YELLOW,
    secondary=CYAN,
    accent=YELLOW,
    warning=ORANGE,
    error=RED,
    success=GREEN,
    foreground=WHITE,
    background=BLACK,
    surface=BLACK,
    panel=PANEL,
    boost="#FFFFFF14",
    dark=True,
    variables={
        "text": WHITE,
        "text-muted": LIGHT_GREY,
        "text-disabled": LIGHT_GREY,
        "foreground-muted": LIGHT_GREY,
        "foreground-disabled": LIGHT_GREY,
        "text-primary": YELLOW,
        "text-secondary": CYAN,
        "text-accent": YELLOW,
        "text-warning": ORANGE,
        "text-error": RED,
        "text-success": GREEN,
        # Tinted backgrounds (the demo badge, muted callouts) stay black: the colour is in
        # the text and the border, never in a pale fill under coloured text.
        "primary-muted": BLACK,
        "secondary-muted": BLACK,
        "accent-muted": BLACK,
        "warning-muted": BLACK,
        "error-muted": BLACK,
        "success-muted": BLACK,
        "block-cursor-foreground": BLACK,
        "block-cursor-background": YELLOW,
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-foreground": WHITE,
        "block-cursor-blurred-background": BLURRED,
        "block-cursor-blurred-text-style": "underline",
        "block-hover-background": PANEL,
        "border": YELLOW,
        "border-blurred": MID_GREY,
        "surface-active": PANEL,
        "button-foreground": WHITE,
        "button-color-foreground": BLACK,
        "button-focus-text-style": "bold reverse",
        "footer-background": PANEL,
        "footer-foreground": WHITE,
        "footer-key-foreground": YELLOW,
        "footer-description-foreground": WHITE,
        "input-cursor-background": WHITE,
        "input-cursor-foreground": BLACK,
        "input-selection-background": "#1F4E79",
        "input-selection-foreground": WHITE,
        "link-color": CYAN,
        "link-background": BLACK,
        "link-color-hover": BLACK,
        "link-background-hover": CYAN,
        "markdown-h1-color": YELLOW,
        "markdown-h2-color": YELLOW,
        "markdown-h3-color": WHITE,
        "screen-selection-background": "#1F4E79",
        "screen-selection-foreground": WHITE,
        "scrollbar": MID_GREY,
        "scrollbar-hover": LIGHT_GREY,
        "scrollbar-active": WHITE,
        "scrollbar-background": PANEL,
        "scrollbar-background-hover": PANEL,
        "scrollbar-background-active": PANEL,
    },
)

#: Every theme ecouch adds to Textual's own.
THEMES = (HIGH_CONTRAST_THEME,)

_FULL_STRENGTH = Style(dim=False)


class FullStrength(LineFilter):
    """Draws faint text at full strength (the high-contrast theme's text is never dim)."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            Segment(text, style + _FULL_STRENGTH, control)
            if style is not None and style.dim
            else Segment(text, style, control)
            for text, style, control in segments
        ]
