"""Keys every ecouch screen declares.

`GET_HELP_KEY` comes first in each screen's BINDINGS: Textual's Footer lists keys in
the order the bindings are declared (the focused widget's, then the screen's, then
the app's), so declared first, Get help now (F1) leads every footer, in view even at
40 columns where the footer's end is cut off. The app's own F1 (a priority binding)
takes its place in that order and works everywhere; a modal screen's footer shows
only the modal's keys, so there the screen's own is what shows that help is near.
"""

from __future__ import annotations

from textual.binding import Binding

GET_HELP_KEY = Binding("f1", "app.get_help", "Get help now", id="get_help")
