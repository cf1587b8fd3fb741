"""Need to know for data-subject requests and the access review.

Requests are received at one contact point for the whole chain (DOMAIN.md §11: one request counts for all joint
controllers): the privacy officers of the organisation of the unit the functional administrator named in the chain
configuration (``subject-request-contact-point``); not configured, the organisation that keeps the chain's person
records (IND, as in ``persons.scopes.sees_whole_person``). Nobody else sees a request, its items or its history —
not even other privacy officers, who advise their own organisation; for them, and for everyone else, a request
answers 404.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.db.models import QuerySet

from ketensignaal.configuration.models import SettingKey
from ketensignaal.configuration.selectors import setting_unit_codes
from ketensignaal.core.need_to_know import register_scope
from ketensignaal.governance.scopes import may_inspect_log
from ketensignaal.identity.models import RoleCode
from ketensignaal.persons.scopes import HUB_UNIT
from ketensignaal.privacy.models import RequestEvent, RequestItem, SubjectRequest

# Not configured: the organisation that keeps the chain's person records.
DEFAULT_CONTACT_POINT_ORGANISATION = HUB_UNIT.split(".", 1)[0]


@lru_cache(maxsize=32)
def _organisation_of(unit_code: str) -> str | None:
    from ketensignaal.identity.models import Unit

    return Unit.objects.filter(code=unit_code).values_list("organisation__code", flat=True).first()


def contact_point_organisation() -> str:
    """The code of the organisation whose privacy officers are the chain's contact point (chain configuration)."""
    codes = setting_unit_codes(SettingKey.SUBJECT_REQUEST_CONTACT_POINT)
    if not codes:
        return DEFAULT_CONTACT_POINT_ORGANISATION
    return _organisation_of(codes[0]) or DEFAULT_CONTACT_POINT_ORGANISATION


def may_handle_subject_requests(user: Any) -> bool:
    """The chain's contact point: privacy officers of the configured contact point's organisation."""
    if not (getattr(user, "is_authenticated", False) and getattr(user, "unit_id", None)):
        return False
    return bool(user.has_role(RoleCode.PRIVACY_OFFICER) and user.unit.organisation.code == contact_point_organisation())


def may_review_access(user: Any) -> bool:
    """The access review (break-the-glass queue, who saw a file): a privacy officer, for their own organisation."""
    return may_inspect_log(user)


@register_scope(SubjectRequest)
def subject_request_scope(user: Any, qs: QuerySet[SubjectRequest]) -> QuerySet[SubjectRequest]:
    return qs if may_handle_subject_requests(user) else qs.none()


@register_scope(RequestItem)
def request_item_scope(user: Any, qs: QuerySet[RequestItem]) -> QuerySet[RequestItem]:
    return qs if may_handle_subject_requests(user) else qs.none()


@register_scope(RequestEvent)
def request_event_scope(user: Any, qs: QuerySet[RequestEvent]) -> QuerySet[RequestEvent]:
    return qs if may_handle_subject_requests(user) else qs.none()
