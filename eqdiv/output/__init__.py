"""The output layer: the only place (with ``eqdiv.cli``) that knows about terminals."""
