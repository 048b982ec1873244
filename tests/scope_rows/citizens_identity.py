"""Scope rows of the citizens' module: the sealed denouncer identity (the owner, the commune's admin, is made a
keeper of the commune here; the keepers' page, the reveal log and the Word proposal)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.accounts.scope import Role
from danvan.citizens.models import IdentityKeeper, Petition
from danvan.citizens.services import create_petition
from danvan.citizens.services.identity import add_scan

from .. import factories
from .common import LOGIN, PRIVATE, row

IN_COMMUNE = "unit=@commune"
DENUNCIATION = {"pk": "denunciation"}
REASON = {"reason": "Xác minh nội dung tố cáo"}

# fmt: off
ROWS: list = [
    row("citizens:identity",               "GET",  LOGIN, 404, 200, **DENUNCIATION),
    row("citizens:identity",               "POST", LOGIN, 404, 200, **DENUNCIATION, data=REASON),
    row("citizens:identity_scan_upload",   "POST", LOGIN, 404, 302, **DENUNCIATION, data={}),
    row("citizens:identity_scan_download", "POST", LOGIN, 404, 200, **DENUNCIATION, scan_pk="sealed_scan",
        data=REASON),
    row("citizens:petition_proposal_docx", "GET",  LOGIN, 404, 200, **DENUNCIATION),
    row("citizens:identity_keepers",       "GET",  LOGIN, 404, 200, query=IN_COMMUNE),
    row("citizens:identity_keepers",       "POST", LOGIN, 404, 302, query=IN_COMMUNE,
        data={"user": "@keeper_candidate"}),
    row("citizens:identity_keeper_revoke", "POST", LOGIN, 404, 302, pk="identity_keeper"),
    row("citizens:identity_reveal_log",    "GET",  LOGIN, 404, 200, query=IN_COMMUNE),
]
# fmt: on


def build(world: dict) -> dict:
    owner, commune = world["owner"], world["commune"]
    IdentityKeeper.objects.create(user=owner, unit=commune)
    petition = create_petition(
        owner,
        unit=commune,
        data={
            "kind": Petition.Kind.TO_CAO,
            "channel": Petition.Channel.POST,
            "field": Petition.Field.CORRUPTION,
            "subject": f"Tố cáo {PRIVATE}",
            "content": f"Nội dung {PRIVATE}",
        },
        sealed=[{"name": f"Người tố cáo {PRIVATE}", "phone": "0900000000"}],
    )
    scan = add_scan(owner, petition, SimpleUploadedFile(f"ban-chup {PRIVATE}.png", factories.PNG))
    other_keeper = factories.user("matrix_identity_keeper", commune, Role.EDITOR)
    return {
        "denunciation": petition,
        "sealed_scan": scan,
        "keeper_candidate": factories.user("matrix_identity_candidate", commune, Role.EDITOR),
        "identity_keeper": IdentityKeeper.objects.create(user=other_keeper, unit=commune),
    }
