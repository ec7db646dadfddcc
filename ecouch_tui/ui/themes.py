"""ecouch's own themes: dark (the default), light, and high contrast.

Dark and light start from Textual's textual-dark and textual-light and change only what
did not reach the WCAG AA ratio of 4.5:1 for text; high contrast reaches AAA, 7:1
(tests/test_accessibility.py measures every screen each of them paints).

ecouch draws a box's title in its border's colour (a week's exercise, Get help now, the
mood entry), so in dark and light each hue (primary, secondary, error, warning,
success, accent) is itself readable as text on the theme's grounds; a button or cursor
filled with it takes Textual's "auto" text, dark or light, whichever reads.

High contrast: pure black and white with yellow and cyan accents. Every colour that
text is drawn in is set there, not derived. Faint ("dim") text halves the contrast on
most terminals, so under that theme it is drawn at full strength by a line filter.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter
from textual.theme import Theme

HIGH_CONTRAST = "ecouch-high-contrast"
DARK, LIGHT = "ecouch-dark", "ecouch-light"
#: A theme remembered by an earlier ecouch, which used Textual's own: its ecouch one.
FORMER_NAMES = {"textual-dark": DARK, "textual-light": LIGHT}

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

#: Textual's textual-dark, with each hue light enough to read on #121212 to #2B2B2B (the
#: background, surfaces and focused lists), at least 4.5:1 and mostly 5:1 or more.
DARK_THEME = Theme(
    name=DARK,
    # Textual's #0178D4 was 4.1:1 on the background and 3.7:1 on a surface: 6.0 and
    # 5.3 now; the Continue button and the list cursor filled with it take dark text
    # (6.0:1), where Textual's white was 3.8:1.
    primary="#3A96E6",
    # Was #004578, navy: 1.9:1 as the title of an exercise's box. 5.1:1 on #272727.
    secondary="#6A9BC8",
    warning="#ffa62b",
    # Was #BA3C5B: 3.4:1 as "Get help now" over its box, 4.5:1 under the button's text.
    # Now 6.0:1 on the background, and the Get help now button takes dark text, 6.0:1.
    error="#E46A86",
    success="#4EBF71",
    accent="#ffa62b",
    foreground="#e0e0e0",
    dark=True,
    luminosity_spread=0.15,
    text_alpha=0.95,
    variables={
        # Placeholders (and disabled text) were white at 38%, 3.4:1: at 50%, 4.7:1 and up.
        "text-disabled": "auto 50%",
    },
)

#: Textual's textual-light, with each hue dark enough to read on #C8C8C8 to #E0E0E0.
LIGHT_THEME = Theme(
    name=LIGHT,
    primary="#004578",
    # Was #0178D4: 2.9 to 3.4:1 as a box's title; now 4.5:1 on #CECECE, 5.4 on #E0E0E0.
    secondary="#005A9E",
    # Was #FFA62B, orange: 1.5:1 as text ("0/150" on a bar). A dark amber, 4.8:1 and up.
    warning="#7A4A00",
    # Was #BA3C5B: 4.1:1 as "Get help now" over its box. 4.7:1 on #CECECE, 5.6 on #E0E0E0.
    error="#9C2C4A",
    # Was #4EBF71: 1.6:1 as "done" on the week list. 4.7:1 on #CECECE.
    success="#17622F",
    accent="#7A4A00",
    # Was #1F1F1F (derived): the header's faint sub-title was 4.4:1 on the panel; 4.8 now.
    foreground="#161616",
    background="#E0E0E0",
    surface="#D8D8D8",
    panel="#D0D0D0",
    dark=False,
    luminosity_spread=0.15,
    text_alpha=0.95,
    variables={
        # Textual's footer keys were #0178D4, 2.9:1 on the footer: the primary, 6.4:1.
        "footer-key-foreground": "#004578",
        # Placeholders (and disabled text) were black at 38%, 2.5:1: at 60%, 4.8:1 and up.
        "text-disabled": "auto 60%",
    },
)

#: Every theme ecouch adds to Textual's own; DARK is the one it starts in.
THEMES = (DARK_THEME, LIGHT_THEME, HIGH_CONTRAST_THEME)

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
