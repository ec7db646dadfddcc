"""Course content: YAML files turned into typed, validated models.

Pure: no Textual, no SQLite. Import the sub-modules you need (`content.loader`,
`content.models`, ...); nothing is re-exported here so each command pays only for
what it uses.
"""
