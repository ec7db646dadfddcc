"""The Textual interface: screens, block widgets and styles. Calls `course` and `store`
through the Session; never parses YAML and never writes SQL."""
