"""Every built-in rule, by id: the code a rubric's criteria name in ``rule:``.

Importing the rule modules registers their rules; import ``RULES`` from here, never
from ``judging``, so that the registry is always complete.
"""

from __future__ import annotations

from eqdiv.eia import rules_content, rules_process
from eqdiv.eia.judging import RULES, Rule

__all__ = ["RULES", "Rule", "rules_content", "rules_process"]
