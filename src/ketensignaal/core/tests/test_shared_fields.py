"""core.serializers.shared_fields: one bound field tree per class and thread, and validation still per request."""

from __future__ import annotations

import threading

import pytest
from rest_framework import serializers

from ketensignaal.core.serializers import UNKNOWN_FIELD, InputSerializer, shared_fields, validated


class _Inner(InputSerializer):
    code = serializers.ChoiceField(choices=["a", "b"])


class _Outer(InputSerializer):
    share_fields = True
    name = serializers.CharField(max_length=5)
    inner = _Inner()
    items = serializers.ListField(child=serializers.IntegerField(), min_length=1)


def test_instances_share_one_tree_per_thread() -> None:
    first, second = shared_fields(_Outer(data={})), shared_fields(_Outer(data={}))
    assert first.fields is second.fields
    seen: list[object] = []
    other = threading.Thread(target=lambda: seen.append(shared_fields(_Outer(data={})).fields))
    other.start()
    other.join()
    assert seen[0] is not first.fields


def test_each_request_is_validated_on_its_own() -> None:
    assert validated(_Outer, {"name": "anna", "inner": {"code": "a"}, "items": [1]}) == {
        "name": "anna",
        "inner": {"code": "a"},
        "items": [1],
    }
    with pytest.raises(serializers.ValidationError) as refused:
        validated(_Outer, {"name": "too long", "inner": {"code": "c", "extra": 1}, "items": []})
    detail = refused.value.detail
    assert set(detail) == {"name", "inner", "items"}
    assert detail["inner"]["extra"][0].code == UNKNOWN_FIELD
    # the refusal left nothing behind in the shared tree
    assert validated(_Outer, {"name": "bo", "inner": {"code": "b"}, "items": [2, 3]})["items"] == [2, 3]


def test_a_serializer_with_context_keeps_its_own_tree() -> None:
    with_context = _Outer(data={}, context={"request": object()})
    assert shared_fields(with_context) is with_context
    assert "fields" not in with_context.__dict__
