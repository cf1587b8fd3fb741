"""Statements built once per process for the hottest write path (a signal create).

The ORM builds and compiles its SQL anew on every call: a queryset clone, its filters and joins, the quoting of
every column, the placeholder of every value — 1–3 ms of CPU per statement, a third of a create's CPU. For an INSERT
the SQL depends only on the model, the columns and the number of rows, so :func:`insert` builds it once per
(model, database, columns, rows) and per call only prepares the values, exactly as ``bulk_create`` prepares them
(``pre_save``, ``get_db_prep_save``) and with the same outcome: primary keys read back where the database makes
them, the instances marked saved. :func:`create` is :meth:`Model.save` for a new row through the same path,
``pre_save``/``post_save`` signals included.

Anything the fast path does not cover (multi-table inheritance, ``order_with_respect_to``, database defaults,
generated fields, custom placeholders, expressions among the values, objects with and without primary keys mixed)
goes to the ORM unchanged, so a caller never has to know.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connections, transaction
from django.db.models import AutoField, Model, signals
from django.db.models.expressions import DatabaseDefault

# (model, alias, vendor, with pk, rows) -> (fields, sql, returning fields, converters); None: not on the fast path.
_INSERTS: dict[tuple[Any, ...], tuple[list[Any], str, list[Any], list[Any]] | None] = {}


def _plain(model: type[Model]) -> bool:
    opts = model._meta
    if opts.order_with_respect_to is not None or any(
        parent._meta.concrete_model is not opts.concrete_model for parent in opts.all_parents
    ):
        return False
    return not any(
        f.generated or f.has_db_default() or getattr(f, "get_placeholder_sql", None) is not None for f in opts.concrete_fields
    )


def _insert_statement(
    model: type[Model], alias: str, with_pk: bool, rows: int
) -> tuple[list[Any], str, list[Any], list[Any]] | None:
    connection = connections[alias]
    key = (model, alias, connection.vendor, with_pk, rows)
    try:
        return _INSERTS[key]
    except KeyError:
        pass
    statement = None
    if _plain(model):
        opts = model._meta
        fields = [f for f in opts.concrete_fields if with_pk or not isinstance(f, AutoField)]
        returning = list(opts.db_returning_fields) if connection.features.can_return_rows_from_bulk_insert else []
        if not with_pk and not returning:
            statement = None  # the database cannot hand the keys back: the ORM's way
        else:
            quote = connection.ops.quote_name
            row = "(" + ", ".join(["%s"] * len(fields)) + ")"
            # Table and column names from the model's metadata, never from input; the values go as parameters.
            sql = f"INSERT INTO {quote(opts.db_table)} ({', '.join(quote(str(f.column)) for f in fields)}) VALUES "  # noqa: S608
            sql += ", ".join([row] * rows)
            if returning:
                sql += " RETURNING " + ", ".join(f"{quote(opts.db_table)}.{quote(str(f.column))}" for f in returning)
            converters = []
            for f in returning:
                col = f.get_col(opts.db_table)
                converters.append(connection.ops.get_db_converters(col) + col.get_db_converters(connection))
            statement = (fields, sql, returning, converters)
    _INSERTS[key] = statement
    return statement


def insert(objs: Sequence[Model], *, using: str = "default") -> Sequence[Model]:
    """``type(objs[0]).objects.bulk_create(objs)`` for objects of one model, without rebuilding the SQL per call.
    No signals are sent (as bulk_create); the objects come back with their primary keys and marked saved."""
    if not objs:
        return objs
    model = type(objs[0])
    with_pk = [obj.pk is not None and not isinstance(obj.pk, DatabaseDefault) for obj in objs]
    statement = None
    if all(with_pk) or not any(with_pk):
        statement = _insert_statement(model, using, with_pk[0], len(objs))
    if statement is None:
        return model._default_manager.using(using).bulk_create(objs)
    fields, sql, returning, converters = statement
    connection = connections[using]
    params: list[Any] = []
    for obj in objs:
        obj._prepare_related_fields_for_save(operation_name="bulk_create")  # type: ignore[attr-defined]
        for f in fields:
            value = f.pre_save(obj, add=True)
            if hasattr(value, "resolve_expression"):
                return model._default_manager.using(using).bulk_create(objs)
            params.append(f.get_db_prep_save(value, connection=connection))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall() if returning else []
    if returning:
        if len(rows) != len(objs):
            raise RuntimeError(f"INSERT into {model._meta.db_table} returned {len(rows)} rows for {len(objs)} objects")
        for obj, values in zip(objs, rows, strict=True):
            for f, value, field_converters in zip(returning, values, converters, strict=True):
                for converter in field_converters:
                    value = converter(value, f.get_col(model._meta.db_table), connection)
                setattr(obj, f.attname, value)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = using
    return objs


def create[M: Model](obj: M, *, using: str = "default") -> M:
    """``obj.save()`` for a new object (``Model.objects.create``): ``pre_save``, one INSERT, ``post_save`` with
    ``created=True``. Models with parents or a primary key the database makes, and proxies, take the ORM's save."""
    model = type(obj)
    opts = model._meta
    if opts.proxy or opts.parents or obj.pk is None or _insert_statement(model, using, True, 1) is None:
        obj.save(force_insert=True, using=using)
        return obj
    obj._prepare_related_fields_for_save(operation_name="save")  # type: ignore[attr-defined]
    signals.pre_save.send(sender=model, instance=obj, raw=False, using=using, update_fields=None)
    with transaction.mark_for_rollback_on_error(using):  # as Model.save_base
        insert([obj], using=using)
    signals.post_save.send(sender=model, instance=obj, created=True, update_fields=None, raw=False, using=using)
    return obj
