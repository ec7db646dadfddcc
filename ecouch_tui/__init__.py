"""ecouch: a private, local-first self-help course for low mood, in the terminal.

Kept empty on purpose: the shell commands import sub-packages directly, and anything
imported here is paid for by every `ecouch` start.
"""

__version__ = "0.1.0"
