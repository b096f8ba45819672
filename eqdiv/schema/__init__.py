"""The JSON Schemas of the record kinds: the set loaded from ``schemas/``
(``schema_set``), the compiled fast path that answers "valid?" (``fast``) and the
plain-English messages for what is not (``messages``)."""
