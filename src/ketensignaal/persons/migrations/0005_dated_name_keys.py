"""Re-derive the comparison forms and retrieval keys of stored names after the normalisation changed (Latin
al-/el- names kept whole, Arabic false digraphs), and add skeleton+year keys ("y", "mhmd|1975") for persons with a
date of birth, so that a query with a date of birth finds the person however common the name
(persons.matching.engine). Only derived columns and rows change; ``original`` and ``script`` are kept as entered."""

from django.db import migrations


def rederive(apps, schema_editor):
    from ketensignaal.persons.matching.dates import BirthDate, birth_years
    from ketensignaal.persons.matching.normalize import dated_keys, name_analyse, name_keys

    PersonName = apps.get_model("persons", "PersonName")
    PersonNameKey = apps.get_model("persons", "PersonNameKey")
    PersonBirthDate = apps.get_model("persons", "PersonBirthDate")
    dates: dict[object, list[BirthDate]] = {}
    for row in PersonBirthDate.objects.values_list("person_id", "text", "earliest", "latest", "uncertain").iterator():
        dates.setdefault(row[0], []).append(BirthDate(*row[1:]))
    for name in PersonName.objects.all().iterator(chunk_size=2000):
        analysed = name_analyse(name.original, name.script)
        name.latin = analysed.latin[:300]
        name.significant = " ".join(t.text for t in analysed.significant)[:300]
        name.save(update_fields=["latin", "significant"])
        PersonNameKey.objects.filter(name_id=name.pk).delete()
        keys = name_keys(analysed) | dated_keys(analysed, birth_years(dates.get(name.person_id, [])))
        PersonNameKey.objects.bulk_create(
            [PersonNameKey(name_id=name.pk, person_id=name.person_id, kind=k, value=v[:80]) for k, v in sorted(keys)]
        )


class Migration(migrations.Migration):
    dependencies = [("persons", "0004_rederive_name_keys")]

    operations = [migrations.RunPython(rederive, migrations.RunPython.noop)]
