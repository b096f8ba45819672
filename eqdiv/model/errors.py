"""Errors that stop eqdiv from running at all (exit code 3 at the command line).

Problems *in* the records are never exceptions: they are findings (see
``eqdiv.model.findings``), collected so that one run reports all of them.
"""

from __future__ import annotations


class EqdivError(Exception):
    """eqdiv cannot run. The message is written for the person at the keyboard."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class RepositoryNotFound(EqdivError):
    """No records repository (a folder holding ``eqdiv.yaml``) was found."""


class SchemaError(EqdivError):
    """A JSON Schema shipped with eqdiv, or overriding it, cannot be read."""


class UsageError(EqdivError):
    """The command was given something it cannot use (exit code 2)."""
