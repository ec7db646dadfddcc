"""Reusable widgets shared by several screens and blocks."""
