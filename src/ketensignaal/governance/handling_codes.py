"""Handling codes (TLP 2.0) bind every recipient's onward sharing (DOMAIN.md §4 grading, §11).

The code is set by the organisation that supplied the information and binds every recipient:

- ``RED``: stays with the recipients the supplier named when it supplied (the first hop of its route and, for
  an acute signal, the alarm units). No other unit gets need to know — not by forwarding, disclosure, an LRO
  agenda, minutes or an export — until the supplier lowers the code (recorded in the history and the log).
- ``AMBER+STRICT``: stays within the recipient organisation: no step to another organisation.
- ``AMBER``: reaches the recipient organisation and the units it must inform over a registered flow (the flow
  check itself is :func:`governance.legal_basis.flow_for_disclosure`).
- ``GREEN`` and ``CLEAR``: no limit beyond the legal basis.

A handling code never replaces a legal basis: these functions are consulted *in addition to* the flow check,
never instead of it. They know nothing of signals, so a case (case-conference issue) can use them too.
"""

from __future__ import annotations

CLEAR, GREEN, AMBER, AMBER_STRICT, RED = "CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"
ORDER = (CLEAR, GREEN, AMBER, AMBER_STRICT, RED)


def handling_code_problem(*, code: str, crosses_organisation: bool, named_by_supplier: bool = False) -> str:
    """Why ``code`` forbids giving one more unit need to know; empty when it does not.

    ``named_by_supplier``: the supplier itself chose this recipient when supplying (its first hop, the alarm).
    """
    if named_by_supplier:
        return ""
    if code == RED:
        return (
            "TLP:RED — de leverancier heeft deze informatie alleen voor de genoemde ontvangers bestemd; "
            "verder delen kan pas als de leverancier de code verlaagt."
        )
    if code == AMBER_STRICT and crosses_organisation:
        return (
            "TLP:AMBER+STRICT — deze informatie blijft binnen de ontvangende organisatie; "
            "delen met een andere organisatie kan pas als de leverancier de code verlaagt."
        )
    return ""


def on_shared_document_problem(*, code: str) -> str:
    """Why ``code`` keeps the information off a shared agenda, minutes or an export; empty when it may go there."""
    if code == RED:
        return (
            "TLP:RED — een signaal met deze code komt niet op een agenda, in notulen of in een export; "
            "alleen de leverancier kan de code verlagen."
        )
    return ""


def is_lower(new: str, old: str) -> bool:
    """Whether ``new`` is a less restrictive code than ``old``."""
    return new in ORDER and old in ORDER and ORDER.index(new) < ORDER.index(old)
