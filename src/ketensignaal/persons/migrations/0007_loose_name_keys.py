"""Add the looser consonant keys ("l", "lp", "ly": persons.matching.normalize.loose_keys) and the long-i ending keys
("f": ending_keys) to the stored names, so that spellings whose skeletons differ only by an h or by d/t/z find each
other (محمد لكحل and Mohamed Lakhal) and احمدی finds Ahmadi before Ahmed. Only derived rows are added; names as
entered are not touched."""

from django.db import migrations


def add_loose_keys(apps, schema_editor):
    from ketensignaal.persons.matching.dates import BirthDate, birth_years
    from ketensignaal.persons.matching.normalize import ending_keys, loose_keys, name_analyse

    PersonName = apps.get_model("persons", "PersonName")
    PersonNameKey = apps.get_model("persons", "PersonNameKey")
    PersonBirthDate = apps.get_model("persons", "PersonBirthDate")
    dates: dict[object, list[BirthDate]] = {}
    for row in PersonBirthDate.objects.values_list("person_id", "text", "earliest", "latest", "uncertain").iterator():
        dates.setdefault(row[0], []).append(BirthDate(*row[1:]))
    PersonNameKey.objects.filter(kind__in=("l", "lp", "ly", "f")).delete()
    batch = []
    for name_id, person_id, original, script in PersonName.objects.values_list("pk", "person_id", "original", "script").iterator(
        chunk_size=2000
    ):
        analysed = name_analyse(original, script)
        keys = loose_keys(analysed, birth_years(dates.get(person_id, []))) | ending_keys(analysed)
        batch += [PersonNameKey(name_id=name_id, person_id=person_id, kind=k, value=v[:80]) for k, v in sorted(keys)]
        if len(batch) >= 5000:
            PersonNameKey.objects.bulk_create(batch)
            batch = []
    PersonNameKey.objects.bulk_create(batch)


def remove_loose_keys(apps, schema_editor):
    apps.get_model("persons", "PersonNameKey").objects.filter(kind__in=("l", "lp", "ly", "f")).delete()


class Migration(migrations.Migration):
    dependencies = [("persons", "0006_birth_date_index")]

    operations = [migrations.RunPython(add_loose_keys, remove_loose_keys)]
