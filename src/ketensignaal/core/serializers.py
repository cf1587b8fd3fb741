"""The API kit's serializers: strict input, and component names for the HackSoft-style nested serializers.

Each API view declares what it accepts and what it returns as nested classes::

    class SignalCreateApi(APIView):
        class InputSerializer(InputSerializer): ...
        class OutputSerializer(OutputSerializer): ...

The same classes validate the request, render the response and generate the OpenAPI document, so the document
cannot drift from the code. The OpenAPI document names a nested class after where it is declared
(``SignalForwardApi.InputSerializer`` → ``SignalForwardInput``; ``api.schema.AutoSchema``), so two views'
``InputSerializer`` never collide.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from ketensignaal.core.errors import choose_one_of
from ketensignaal.core.language import in_reader_language, list_in_reader_language

UNKNOWN_FIELD = "unknown_field"


def _unknown_error() -> list[serializers.ErrorDetail]:
    return [serializers.ErrorDetail(gettext("Onbekend veld; deze API kent het niet."), code=UNKNOWN_FIELD)]


def unknown_fields(fields: Mapping[str, serializers.Field], data: Any) -> dict[str, Any]:
    """The keys of ``data`` that ``fields`` do not declare, at any depth, as a DRF error structure."""
    errors: dict[str, Any] = {}
    if not isinstance(data, Mapping):
        return errors
    for key, value in data.items():
        field = fields.get(key)
        if field is None:
            errors[str(key)] = _unknown_error()
            continue
        nested = _nested_errors(field, value)
        if nested:
            errors[str(key)] = nested
    return errors


def _nested_errors(field: serializers.Field, value: Any) -> Any:
    if isinstance(field, serializers.Serializer):
        return unknown_fields(field.fields, value)
    if isinstance(field, serializers.ListSerializer | serializers.ListField) and isinstance(value, list):
        child = field.child
        per_item = {str(i): e for i, item in enumerate(value) if (e := _nested_errors(child, item))}  # type: ignore[arg-type]
        return per_item
    if isinstance(field, serializers.DictField) and isinstance(value, Mapping):
        return {str(k): e for k, item in value.items() if (e := _nested_errors(field.child, item))}
    return {}


_prototypes = threading.local()


def shared_fields[S: serializers.Serializer](serializer: S) -> S:
    """``serializer`` with the bound field tree of a per-thread prototype of its class instead of a fresh one.

    DRF deep-copies every declared field, at every depth, for each serializer instance, on every request. For a
    serializer given no context that tree carries no per-request state (validation and rendering only read it), so
    one tree per class and thread serves every request of a hot endpoint. Not for serializers with a context, with
    ``partial``, or whose methods keep state."""
    if serializer._context or serializer.partial:
        return serializer
    cache: dict[type, Any] | None = getattr(_prototypes, "by_class", None)
    if cache is None:
        cache = _prototypes.by_class = {}
    prototype = cache.get(type(serializer))
    if prototype is None:
        prototype = cache[type(serializer)] = type(serializer)()
    serializer.__dict__["fields"] = prototype.fields  # DRF's cached_property: taken instead of built
    return serializer


class InputSerializer(serializers.Serializer):
    """Validates a request body; a field it does not declare is refused, at any depth, naming the field."""

    def to_internal_value(self, data: Any) -> Any:
        unknown: dict[str, list[serializers.ErrorDetail]] = {}
        if isinstance(data, Mapping):
            for key in data:
                if key not in self.fields:
                    unknown[str(key)] = _unknown_error()
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if unknown and isinstance(exc.detail, dict):
                raise serializers.ValidationError({**exc.detail, **unknown}) from None
            raise
        if unknown:
            raise serializers.ValidationError(unknown)
        return value


class ReadableChoiceField(serializers.ChoiceField):
    """A choice whose refusal names the choices by their labels in the reader's language ("Kies een van: ..."),
    not DRF's '"x" is not a valid choice'; the codes stay machine-readable in the OpenAPI enum."""

    def to_internal_value(self, data: Any) -> Any:
        if data == "" and self.allow_blank:
            return ""
        try:
            return self.choice_strings_to_values[str(data)]
        except KeyError:
            raise serializers.ValidationError(choose_one_of(self.choices.values()), code="invalid_choice") from None


class OutputSerializer(serializers.Serializer):
    """Renders a response; read-only by nature (never given ``data=``)."""


# The API's language rule, as for problem+json: Dutch unless the client asks for English with Accept-Language
# (ChosenLanguageMiddleware lets /api/ negotiate; the response says which in Content-Language).
READER_LANGUAGE = OpenApiParameter(
    name="Accept-Language",
    type=OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    enum=["nl", "en"],
    description="De taal van de teksten in het antwoord: Nederlands (standaard) of Engels (`en`; een gewone "
    "Accept-Language-waarde zoals `en-GB,en;q=0.9` kan ook). Zonder Engelse vertaling van een tekst volgt de "
    "Nederlandse. Codes en veldnamen zijn in beide talen gelijk; het antwoord noemt de gebruikte taal in "
    "`Content-Language`. Foutmeldingen (problem+json) volgen dezelfde regel.",
)


class InReaderLanguage(serializers.CharField):
    """A text kept in Dutch with its English beside it (``<field>_en``), in the reader's language (Accept-Language):
    the English to a client that asks for English and has it, the Dutch otherwise (core.language)."""

    def __init__(self, field: str, **kwargs: Any) -> None:
        self.text_field = field
        kwargs.setdefault("source", "*")
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str:
        return in_reader_language(value, self.text_field)


class ListInReaderLanguage(serializers.ListField):
    """A list of texts (``data_subjects``) in the reader's language, as :class:`InReaderLanguage`."""

    def __init__(self, field: str, **kwargs: Any) -> None:
        self.text_field = field
        kwargs.setdefault("source", "*")
        kwargs.setdefault("child", serializers.CharField())
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, data: Any) -> list[str]:
        return list_in_reader_language(data, self.text_field)


def validated(
    serializer_class: type[serializers.Serializer], data: Any, *, unseen_check: Callable[[], object] | None = None, **context: Any
) -> Any:
    """Run an input serializer on ``data`` and return its validated data; invalid input raises (problem+json, 400).

    ``unseen_check`` (e.g. a selector that raises 404) runs before an invalid body is reported, so a resource the
    caller may not see answers 404 whatever the body, exactly like a missing one.
    """
    serializer = serializer_class(data=data, context=context)
    if getattr(serializer_class, "share_fields", False):
        shared_fields(serializer)
    if not serializer.is_valid():
        if unseen_check is not None:
            unseen_check()
        raise serializers.ValidationError(serializer.errors)
    return serializer.validated_data
