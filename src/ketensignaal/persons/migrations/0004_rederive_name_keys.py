"""Re-derive the comparison forms and retrieval keys of stored names after the normalisation changed
(compound splitting, more particles, velar/sibilant skeleton classes). Only derived columns change;
``original`` and ``script`` are kept as entered."""

from django.db import migrations


def rederive(apps, schema_editor):
    from ketensignaal.persons.matching.normalize import name_analyse, name_keys

    PersonName = apps.get_model("persons", "PersonName")
    PersonNameKey = apps.get_model("persons", "PersonNameKey")
    for name in PersonName.objects.all().iterator(chunk_size=2000):
        analysed = name_analyse(name.original, name.script)
        name.latin = analysed.latin[:300]
        name.significant = " ".join(t.text for t in analysed.significant)[:300]
        name.save(update_fields=["latin", "significant"])
        PersonNameKey.objects.filter(name_id=name.pk).delete()
        PersonNameKey.objects.bulk_create(
            [
                PersonNameKey(name_id=name.pk, person_id=name.person_id, kind=k, value=v[:80])
                for k, v in sorted(name_keys(analysed))
            ]
        )


class Migration(migrations.Migration):
    dependencies = [("persons", "0003_trigram_index")]

    operations = [migrations.RunPython(rederive, migrations.RunPython.noop)]
