"""A flow-version code such as ``coa-ind@v1`` named for people: the registered flow's name and version.

The code (``code@vN``) is what the history, grants and log store, because it pins the exact version used; on a
screen the professional reads the flow's name and its version, never the code (template filter ``flow_label``).
"""

from __future__ import annotations

import re

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from ketensignaal.governance.models import LegalBasisFlow

_VERSION_CODE = re.compile(r"^(?P<code>[\w-]+)@v(?P<version>\d+)$")

# Flow names by (code, version): a signal page names up to one flow per organisation, so they are kept here and
# forgotten whenever a flow is saved or deleted.
_names: dict[tuple[str, int], str] = {}


@receiver([post_save, post_delete], sender=LegalBasisFlow, dispatch_uid="flow-labels-forget")
def _forget(**_kwargs: object) -> None:
    _names.clear()


def flow_label_for(value: object) -> str:
    """The flow's name and version for ``code@vN``; anything else is returned as it came."""
    text = str(value or "")
    match = _VERSION_CODE.match(text)
    if match is None:
        return text
    key = (match["code"], int(match["version"]))
    if key not in _names:
        flow = LegalBasisFlow.objects.filter(code=key[0], version=key[1]).only("name").first()
        if flow is None:
            return _("geregistreerde gegevensstroom")
        _names[key] = flow.name
    return _("%(name)s (versie %(version)s)") % {"name": _names[key], "version": key[1]}
