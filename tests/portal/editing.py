"""The people and site of the back office's tests: Phường Thục Phán's site with a category its own editors write
in, and one opened to the Front of the commune; an editor, an approver and an administrator of the commune."""

from dataclasses import dataclass

from danvan.accounts.models import Role, User
from danvan.orgunits.models import OrgUnit
from danvan.portal.models import Category, Site

from .. import factories
from . import factories as portal


@dataclass
class Newsroom:
    site: Site
    news: Category
    front_news: Category
    front: OrgUnit
    editor: User
    approver: User
    admin: User
    front_editor: User
    outsider: User


def newsroom(units) -> Newsroom:
    commune = units["thuc_phan"]
    front = factories.agency(commune, "Ủy ban MTTQ phường Thục Phán")
    site = portal.site(commune, "thuc-phan", "Trang tin Phường Thục Phán")
    return Newsroom(
        site=site,
        news=portal.category(site, "Tin hoạt động"),
        front_news=portal.category(site, "Mặt trận", editor_unit=front),
        front=front,
        editor=factories.user(
            "tp_editor", commune, Role.EDITOR, full_name="Hoàng Thị Biên", email="bien@example.vn"
        ),
        approver=factories.user("tp_approver", commune, Role.APPROVER, full_name="Nông Văn Duyệt"),
        admin=factories.user("tp_admin", commune, Role.ADMIN, full_name="Lục Văn Quản"),
        front_editor=factories.user("mt_editor", front, Role.EDITOR, full_name="Đàm Thị Mặt"),
        outsider=factories.user("other_editor", units["nung_tri_cao"], Role.EDITOR),
    )
