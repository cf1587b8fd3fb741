"""The plan of action as an accessible PDF (PDF/UA-1), and the case as a ZGW Zaak with its documents.

Both read through the case page the caller may see, and log the read in the same transaction.
"""

from __future__ import annotations

import base64
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from ketensignaal.conferences.audit import case_log
from ketensignaal.conferences.scopes import may_export
from ketensignaal.conferences.selectors import CasePage
from ketensignaal.conferences.services import require, setup_for

ZAAKTYPE = "urn:ketensignaal:zaaktype:casusoverleg-radicalisering"
VERTROUWELIJK = "geheim"


def plan_html(page: CasePage) -> str:
    case = page.case
    return render_to_string(
        "conferences/plan_pdf.html",
        {"case": case, "page": page, "title": f"Plan van aanpak {case.reference}", "generated_at": timezone.localtime()},
    )


def plan_pdf(*, page: CasePage, actor: Any, channel: str, uncompressed: bool = False) -> bytes:
    from weasyprint import HTML

    with transaction.atomic():
        case_log(actor=actor, case=page.case, action="read", channel=channel, object_type="conference-plan-pdf")
    return HTML(string=plan_html(page)).write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=uncompressed)


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def zgw_export(*, page: CasePage, actor: Any, channel: str) -> dict[str, Any]:
    """A Zaak with status history, roles and documents, in the resources of the ZGW Zaken and Documenten APIs.

    URLs are relative identifiers (``urn:``) because the objects do not exist in the target system yet; the
    importer (e.g. into Open Zaak) creates them and links them. Only the municipality exports its own case.
    """
    case = page.case
    require(may_export(actor, case), "Alleen de gemeente die de casus leidt exporteert naar het eigen zaaksysteem.")
    setup = setup_for(case.municipality)
    bron = setup.rsin or ""
    zaak_id = f"urn:ketensignaal:zaak:{case.pk}"
    names = [n.name for n in case.names.all()]
    statussen = [
        {
            "zaak": zaak_id,
            "statustype": f"urn:ketensignaal:statustype:{change.to_phase}",
            "datumStatusGezet": _iso(change.at),
            "statustoelichting": change.reason or change.get_to_phase_display(),
        }
        for change in page.history
    ]
    rollen: list[dict[str, Any]] = [
        {
            "zaak": zaak_id,
            "betrokkeneType": "natuurlijk_persoon",
            "roltype": "urn:ketensignaal:roltype:betrokkene",
            "roltoelichting": "Persoon over wie de casus gaat",
            "betrokkeneIdentificatie": {"geslachtsnaam": names[0] if names else "", "geboortedatum": case.date_of_birth or None},
        },
        {
            "zaak": zaak_id,
            "betrokkeneType": "organisatorische_eenheid",
            "roltype": "urn:ketensignaal:roltype:regievoerder",
            "roltoelichting": "Gemeente die de casus leidt",
            "betrokkeneIdentificatie": {"identificatie": case.municipality.code, "naam": case.municipality.name},
        },
    ]
    if case.case_director:
        rollen.append(
            {
                "zaak": zaak_id,
                "betrokkeneType": "medewerker",
                "roltype": "urn:ketensignaal:roltype:casusregisseur",
                "roltoelichting": case.case_director_reason,
                "betrokkeneIdentificatie": {
                    "identificatie": case.case_director.username,
                    "achternaam": case.case_director.last_name,
                    "voorletters": case.case_director.first_name[:1],
                },
            }
        )
    rollen += [
        {
            "zaak": zaak_id,
            "betrokkeneType": "organisatorische_eenheid",
            "roltype": "urn:ketensignaal:roltype:partner",
            "roltoelichting": f"{inv.purpose} (gegevensstroom {inv.flow_version_label})",
            "betrokkeneIdentificatie": {"identificatie": inv.unit.code, "naam": inv.unit.name},
        }
        for inv in page.invitations
    ]
    pdf = plan_pdf(page=page, actor=actor, channel=channel)
    document_id = f"urn:ketensignaal:document:{case.pk}:plan-van-aanpak"
    document = {
        "url": document_id,
        "identificatie": f"{case.reference}-PVA",
        "bronorganisatie": bron,
        "creatiedatum": timezone.localdate().isoformat(),
        "titel": f"Plan van aanpak {case.reference}",
        "vertrouwelijkheidaanduiding": VERTROUWELIJK,
        "auteur": case.municipality.name,
        "status": "definitief" if case.phase in ("scaled-down", "closed") else "in_bewerking",
        "formaat": "application/pdf",
        "taal": "nld",
        "bestandsnaam": f"plan-van-aanpak-{case.reference}.pdf",
        "inhoud": base64.b64encode(pdf).decode(),
        "beschrijving": "Plan van aanpak met doelen, maatregelen, eigenaren, herbeoordelingen en afschaling",
        "informatieobjecttype": "urn:ketensignaal:informatieobjecttype:plan-van-aanpak",
    }
    with transaction.atomic():
        case_log(actor=actor, case=case, action="read", channel=channel, object_type="zgw-export")
    return {
        "zaak": {
            "url": zaak_id,
            "identificatie": case.reference,
            "bronorganisatie": bron,
            "verantwoordelijkeOrganisatie": bron,
            "zaaktype": ZAAKTYPE,
            "omschrijving": "Casusoverleg radicalisering",
            "toelichting": case.reason,
            "registratiedatum": case.created_at.date().isoformat(),
            "startdatum": case.created_at.date().isoformat(),
            "einddatum": case.closed_at.date().isoformat() if case.closed_at else None,
            "vertrouwelijkheidaanduiding": VERTROUWELIJK,
            "resultaattoelichting": page.scale_down.reason if page.scale_down else "",
        },
        "statussen": statussen,
        "rollen": rollen,
        "enkelvoudiginformatieobjecten": [document],
        "zaakinformatieobjecten": [{"zaak": zaak_id, "informatieobject": document_id, "titel": document["titel"]}],
        "waarschuwingen": [] if bron else ["Geen RSIN ingesteld voor deze gemeente (bronorganisatie); vul het in bij Beheer."],
    }
