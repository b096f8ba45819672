"""A record file as a commit had it: read from git and parsed once, by its blob id.

``history``, ``review`` and the reports' due dates read older versions of record files.
The same content in another commit is the same blob, so the record cache keeps each
version by path and blob id for later runs; a version whose bytes the cache knows from
the working tree (the last commit of an unchanged file) is not parsed again either.
"""

from __future__ import annotations

import hashlib

from eqdiv.model.limits import MAX_RECORD_BYTES
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.database import digest
from eqdiv.store.gitrepo import GitRepository
from eqdiv.store.loaded import LoadedFile, load_file, too_large
from eqdiv.store.record_cache import RecordCache


def load_version(
    git: GitRepository,
    path: str,
    blob: tuple[str, int],
    schemas: SchemaSet,
    cache: RecordCache | None,
    what: str,
) -> LoadedFile:
    """The version of the record file at ``path`` whose blob is ``blob`` (its id and
    size), read and checked; ``what`` names it in an error. A blob over the size limit
    is refused before it is read (a finding), as a file in the working tree is."""
    sha, size = blob
    if size > MAX_RECORD_BYTES:
        return LoadedFile(path, None, (too_large(path, size),))
    loaded = cache.get_blob(path, sha) if cache is not None else None
    if loaded is None:
        raw = git.read_blob(sha, what)
        loaded = cache.get_one(path, digest(raw)) if cache is not None else None
        if loaded is None:
            loaded = load_file(path, raw, schemas)
            if cache is not None:
                cache.put_blob(path, sha, loaded)
    return loaded


def blob_id(raw: bytes) -> str:
    """The id git gives a file of bytes ``raw`` (what ``git hash-object`` prints): a
    file in the working tree with the id of a commit's blob holds that version."""
    return hashlib.sha1(b"blob %d\0" % len(raw) + raw, usedforsecurity=False).hexdigest()
