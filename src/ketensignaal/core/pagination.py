"""Page-number pagination for every API list, and the documented shape of a page.

``paginated(RowSerializer)`` builds the serializer of one page (``count``, ``next``, ``previous``,
``results``) so that the list endpoint renders through it and the OpenAPI document shows what is returned.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    page_size_query_param = "pageSize"  # query keys are lowerCamelCase (API Design Rules)
    max_page_size = 200


@cache
def paginated(row: type[serializers.Serializer], *, extra: tuple[tuple[str, Any], ...] = ()) -> type[serializers.Serializer]:
    """The serializer of one page of ``row`` objects (named ``Paginated<Row>List`` in the OpenAPI document)."""
    # A view's nested ``OutputSerializer`` is named after its view (``AmbtsberichtenView.OutputSerializer`` →
    # ``PaginatedAmbtsberichtenList``), as ``api.schema.component_name`` names the component itself.
    words = [p.removesuffix("Serializer") for p in row.__qualname__.split(".") if p != "<locals>"]
    if len(words) > 1:
        words[:-1] = [w.removesuffix("Api").removesuffix("View") for w in words[:-1]]
        words[-1] = words[-1].removesuffix("Output")
    name = "".join(words).removesuffix("Out")
    fields: dict[str, Any] = {
        "count": serializers.IntegerField(help_text="Aantal resultaten over alle pagina's."),
        "next": serializers.URLField(allow_null=True, help_text="De volgende pagina, of null."),
        "previous": serializers.URLField(allow_null=True, help_text="De vorige pagina, of null."),
        "results": row(many=True),
        **dict(extra),
    }
    return type(f"Paginated{name}List", (serializers.Serializer,), fields)
