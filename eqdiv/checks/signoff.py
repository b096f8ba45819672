"""A signed-off EIA must say what was signed: content changed after sign-off, with no
review recorded since and no new sign-off, is an error that names what changed.

``eqdiv eia sign-off`` records a digest of the assessed content (``model.eia_signature``);
here each signed EIA is compared with it. This is what a team without pull requests
sees: ``eqdiv review`` catches the same edit in a change, ``validate`` catches it in the
records as they are.
"""

from __future__ import annotations

from collections.abc import Iterator

from eqdiv.actions.listing import resolve
from eqdiv.checks.check_context import CheckContext
from eqdiv.model import codes
from eqdiv.model.eia_signature import change_words, unreviewed_change
from eqdiv.model.eias import Eia
from eqdiv.model.findings import Finding


def check_signoffs(ctx: CheckContext) -> Iterator[Finding]:
    # Each record's own typed value (not the first EIA of its id: a copied EIA is
    # judged on what it says itself).
    typed = ctx.repo.typed_values()
    for record in ctx.repo.records:
        if record.kind != "eia" or not record.valid:
            continue
        eia = typed.get(id(record), (record, None))[1]
        if not isinstance(eia, Eia) or eia.signoff is None:
            continue
        change = unreviewed_change(record.data, eia)
        if change is None:
            continue
        signed = eia.signoff
        first = change.fields[0] if change.fields else "signoff"
        who = resolve(ctx.repo.people, signed.by).label
        yield ctx.finding(
            codes.EIA_SIGNOFF_CHANGED,
            f"Changed since it was signed off by {who} on {signed.date}: "
            f"{change_words(change, ctx.repo.config.label)}.",
            record.location(f"/{first}", key=True),
            "Sign-off covers what was signed. Record a review under `reviews:` (date, by, "
            "note) saying what changed and who agreed it, or have it signed off again "
            "(`eqdiv eia sign-off`).",
            record=record.id,
        )
