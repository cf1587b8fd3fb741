"""Skeleton+year retrieval keys ("y", "mhmd|1975") for the names of persons with a date of birth, so that a query
with a date of birth finds the person however common the name (persons.matching.engine). Derived rows only."""

from django.db import migrations


def derive(apps, schema_editor):
    from ketensignaal.persons.matching.dates import BirthDate, birth_years
    from ketensignaal.persons.matching.normalize import dated_keys, name_analyse

    PersonName = apps.get_model("persons", "PersonName")
    PersonNameKey = apps.get_model("persons", "PersonNameKey")
    PersonBirthDate = apps.get_model("persons", "PersonBirthDate")
    dates: dict[object, list[BirthDate]] = {}
    for row in PersonBirthDate.objects.values_list("person_id", "text", "earliest", "latest", "uncertain").iterator():
        dates.setdefault(row[0], []).append(BirthDate(*row[1:]))
    PersonNameKey.objects.filter(kind="y").delete()
    batch = []
    for name_id, person_id, original, script in (
        PersonName.objects.filter(person_id__in=list(dates))
        .values_list("pk", "person_id", "original", "script")
        .iterator(chunk_size=2000)
    ):
        years = birth_years(dates[person_id])
        for kind, value in sorted(dated_keys(name_analyse(original, script), years)):
            batch.append(PersonNameKey(name_id=name_id, person_id=person_id, kind=kind, value=value[:80]))
        if len(batch) >= 5000:
            PersonNameKey.objects.bulk_create(batch)
            batch = []
    PersonNameKey.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [("persons", "0004_rederive_name_keys")]

    operations = [migrations.RunPython(derive, migrations.RunPython.noop)]
