"""The national portal of `danvan bench portal`: a site for each province's Ban Tuyên giáo và Dân vận and for most
communes, their categories, and a million stories written from a small vocabulary of the genre.

The stories read like the committees' news (a title naming the unit, the event and the place; a lead "Ngày …, … tổ
chức …"; paragraphs on the attendees, the figures, the conclusions), so the words of the search keys recur as they
do in real news: "dân", "vận" in nearly every story, "Dân vận khéo" in about a fifth, "nhà Đại đoàn kết" in a few.
Sentences are drawn from a pool made once with their folded form beside them, so the search key of a story
(`portal.services.articles.search_key_of`: folded title, summary and the body's words) is joined from the pieces
instead of folding two kilobytes a story. Rows go in by COPY on PostgreSQL and executemany on SQLite, with the
table's indexes dropped during the load and built after it.
"""

import contextlib
import datetime
import random

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from danvan.core.text import fold
from danvan.orgunits.models import OrgUnit
from danvan.portal.models import Article, Category, Site

NATIONAL_STORIES = 1_000_000
COMMUNE_SITES = 3_000
# Shares of the stories: the busy province site, the other province sites, the communes' sites.
BUSY_SHARE, PROVINCES_SHARE = 0.05, 0.30
YEARS = 10
T_ARTICLE = Article._meta.db_table
SEARCH_INDEX = "portal_article_search_vector"

PROVINCE_CATEGORIES = (
    "Tin hoạt động", "Dân vận khéo", "Văn bản chỉ đạo", "Gương người tốt việc tốt", "Tin cơ sở",
    "Thời sự - Chính trị", "Xây dựng Đảng", "Mặt trận và các đoàn thể",
)  # fmt: skip
COMMUNE_CATEGORIES = ("Tin hoạt động", "Dân vận khéo", "Tin cơ sở", "Thông báo")
DAN_VAN_KHEO = "Dân vận khéo"

ORGANISERS = (
    "Ban Tuyên giáo và Dân vận Tỉnh ủy", "Ban Dân vận Huyện ủy", "Ủy ban MTTQ Việt Nam xã", "Hội Liên hiệp Phụ nữ",
    "Hội Nông dân", "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Hội Cựu chiến binh", "Khối Dân vận", "Đảng ủy xã",
    "Ủy ban nhân dân xã", "Đảng ủy phường", "Chi bộ thôn",
)  # fmt: skip
PLACES = (
    "An Bình", "Hòa Lạc", "Phú Thọ", "Tân Thạnh", "Đông Hưng", "Tây Sơn", "Vĩnh Lộc", "Phước Long", "Thuận An",
    "Mỹ Xuyên", "Quang Trung", "Cầu Kè", "Đức Phổ", "Sơn Tịnh", "Thủy Nguyên", "Lâm Hà", "Ea Súp", "Krông Pắc",
    "Nùng Trí Cao", "Thục Phán", "Duy Tiên", "Yên Thế", "Quỳnh Lưu", "Bảo Lạc", "Hà Quảng", "Trùng Khánh",
)  # fmt: skip
# (event, theme, weight). A story's theme draws one or two of its sentences from that theme's pool; "dvk" (the
# "Dân vận khéo" movement) is what most of the genre reports on.
EVENTS = (
    ("hội nghị sơ kết 6 tháng đầu năm công tác dân vận", "", 6),
    ("hội nghị tổng kết công tác dân vận năm", "", 5),
    ("hội nghị sơ kết phong trào thi đua “Dân vận khéo”", "dvk", 3),
    ("tuyên dương các mô hình, điển hình “Dân vận khéo”", "dvk", 2),
    ("giao ban công tác dân vận quý", "", 5),
    ("kiểm tra việc thực hiện Quy chế dân chủ ở cơ sở", "dan chu", 4),
    ("giám sát việc thực hiện chính sách đối với người có công", "", 3),
    ("tập huấn nghiệp vụ công tác dân vận cho cán bộ cơ sở", "tap huan", 4),
    ("đối thoại giữa người đứng đầu cấp ủy với Nhân dân", "doi thoai", 3),
    ("bàn giao nhà Đại đoàn kết cho hộ nghèo", "dai doan ket", 2),
    ("ra mắt mô hình “Dân vận khéo trong xây dựng nông thôn mới”", "dvk", 1),
    ("tổ chức Ngày hội Đại đoàn kết toàn dân tộc", "dai doan ket", 3),
    ("hội nghị học tập, quán triệt Nghị quyết của Đảng", "tap huan", 4),
    ("làm việc về công tác dân tộc, tôn giáo", "", 2),
)  # fmt: skip
PEOPLE = (
    "đồng chí Nông Văn Dũng, Phó Trưởng Ban Thường trực Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "đồng chí Hoàng Thị Mai, Trưởng Ban Dân vận Huyện ủy", "đồng chí Lương Văn Thắng, Bí thư Đảng ủy xã",
    "đồng chí Đàm Thị Hạnh, Chủ tịch Ủy ban MTTQ Việt Nam xã", "đồng chí Bế Văn Hùng, Chủ tịch Hội Nông dân",
    "đồng chí Triệu Thị Lan, Chủ tịch Hội Liên hiệp Phụ nữ", "đồng chí Ngô Đức Toàn, Bí thư Đoàn Thanh niên",
    "đồng chí Phạm Quang Vinh, Chủ tịch Ủy ban nhân dân xã", "đồng chí Vi Thị Hồng, Phó Trưởng Ban Dân vận",
)  # fmt: skip
# (theme, template): "" is the general pool every story draws from.
SENTENCES = (
    ("", "Dự hội nghị có {person}; đại diện lãnh đạo các ban, ngành, đoàn thể và {n} đại biểu là cán bộ cơ sở."),
    ("", "Trong {period}, cấp ủy, chính quyền, Mặt trận Tổ quốc và các đoàn thể đã triển khai đồng bộ công tác dân vận."),
    ("", "Công tác dân vận của chính quyền có chuyển biến tích cực, nhiều thủ tục hành chính được giải quyết đúng hạn."),
    ("", "Nhân dân đã hiến {n} m² đất, đóng góp {m} ngày công để làm đường giao thông nông thôn."),
    ("", "Qua kiểm tra, đoàn đánh giá {unit} đã nghiêm túc triển khai các văn bản chỉ đạo của cấp trên."),
    ("", "Bên cạnh kết quả đạt được, công tác dân vận vẫn còn một số hạn chế, "
     "việc nắm bắt tình hình Nhân dân có lúc chưa kịp thời."),
    ("", "Phát biểu chỉ đạo, {person} ghi nhận, biểu dương những kết quả mà {unit} đã đạt được."),
    ("", "Đồng chí đề nghị trong thời gian tới tiếp tục đổi mới nội dung, "
     "phương thức công tác dân vận, sát cơ sở, gần dân."),
    ("", "Hội nghị đã thống nhất {n} nhiệm vụ trọng tâm của {period} tiếp theo."),
    ("", "Đoàn Thanh niên ra quân tình nguyện, tu sửa {n} km đường, trồng {m} cây xanh tại các thôn, xóm."),
    ("", "Hội Liên hiệp Phụ nữ duy trì {n} tổ tiết kiệm, giúp hội viên vay vốn phát triển kinh tế gia đình."),
    ("", "Hội Nông dân hướng dẫn hội viên chuyển đổi cơ cấu cây trồng, {n} hộ đạt danh hiệu sản xuất kinh doanh giỏi."),
    ("", "Hội Cựu chiến binh tham gia hòa giải thành {n} vụ việc ngay tại cơ sở, góp phần giữ vững an ninh trật tự."),
    ("", "Mặt trận Tổ quốc vận động Quỹ “Vì người nghèo” được {n} triệu đồng, hỗ trợ kịp thời các hộ khó khăn."),
    ("", "Công tác dân vận trong đồng bào dân tộc thiểu số và đồng bào có đạo "
     "được quan tâm, đời sống Nhân dân từng bước cải thiện."),
    ("", "Kết luận hội nghị, {person} yêu cầu các đơn vị khắc phục hạn chế, hoàn thành các chỉ tiêu đã đề ra."),
    ("", "Năm {year}, tỷ lệ hộ nghèo của {unit} giảm còn {k}%, thu nhập bình quân đầu người tăng so với cùng kỳ."),
    ("", "Cán bộ, đảng viên gương mẫu đi đầu, thực hiện tốt phương châm “trọng "
     "dân, gần dân, hiểu dân, học dân và có trách nhiệm với dân”."),
    ("dvk", "Phong trào thi đua “Dân vận khéo” tiếp tục được quan tâm, toàn {unit} đã xây dựng {n} mô hình “Dân vận khéo”."),
    ("dvk", "Trong đó có {m} mô hình trên lĩnh vực kinh tế, {k} mô hình trên lĩnh vực văn hóa – xã hội."),
    ("dvk", "Dịp này, {unit} đã khen thưởng {n} tập thể và {m} cá nhân có thành "
     "tích xuất sắc trong phong trào thi đua “Dân vận khéo”."),
    ("dvk", "Mô hình “Dân vận khéo” của {unit} đã lan tỏa, trở thành điểm sáng trong phong trào thi đua của địa phương."),
    ("dvk", "Tại hội nghị, các đại biểu tập trung thảo luận, chia sẻ kinh nghiệm "
     "xây dựng và nhân rộng mô hình “Dân vận khéo”."),
    ("dan chu", "Việc thực hiện Quy chế dân chủ ở cơ sở gắn với phương châm “dân biết, dân bàn, dân làm, dân kiểm tra”."),
    ("dan chu", "Tham dự có {person} cùng các đồng chí trong Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở."),
    ("doi thoai", "Khối dân vận đã phối hợp tổ chức {n} cuộc đối thoại giữa người đứng đầu cấp ủy với Nhân dân."),
    ("doi thoai", "Nhiều ý kiến, kiến nghị của Nhân dân đã được lãnh đạo trả lời trực tiếp tại buổi đối thoại."),
    ("tap huan", "Lớp tập huấn đã trang bị cho {n} học viên kiến thức, kỹ năng vận động quần chúng trong tình hình mới."),
    ("tap huan", "Các đại biểu nghe báo cáo viên giới thiệu những nội dung cơ bản của Nghị quyết và kế hoạch thực hiện."),
    ("dai doan ket", "Các cấp hội đã vận động xây dựng {n} nhà Đại đoàn kết, hỗ trợ hộ nghèo ổn định cuộc sống."),
    ("dai doan ket", "Buổi lễ bàn giao nhà Đại đoàn kết diễn ra trong không khí ấm áp, thể "
     "hiện tình đoàn kết, tương thân tương ái."),
    ("dai doan ket", "Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư thu hút đông đảo Nhân "
     "dân tham gia với nhiều hoạt động văn hóa, thể thao."),
)  # fmt: skip
AUTHORS = (
    "Tin, ảnh: Thu Hà",
    "Tin, ảnh: Minh Đức",
    "Hoàng Lan",
    "T/h: Ban Tuyên giáo và Dân vận",
    "Bế Thủy",
    "Nông Hải",
)


class _Text:
    """One piece of text and its folded form: a story's search key is the join of its pieces' folded forms."""

    __slots__ = ("folded", "text")

    def __init__(self, text: str):
        self.text, self.folded = text, fold(text)


class Vocabulary:
    """The pools stories are drawn from: heads (title, slug stem, lead, theme) and sentences by theme, each piece
    with its folded form."""

    def __init__(self, rng: random.Random, heads: int = 6000, sentences: int = 4000):
        events = [(event, theme) for event, theme, weight in EVENTS for _ in range(weight)]
        self.heads = []
        for _ in range(heads):
            organiser, place, (event, theme) = rng.choice(ORGANISERS), rng.choice(PLACES), rng.choice(events)
            year = rng.randint(2016, 2026)
            title = rng.choice(
                (
                    f"{organiser} {place} {event} {year}",
                    f"{place}: {event[0].upper()}{event[1:]}",
                    f"{organiser} {event}",
                    f"Sôi nổi {event} tại {place}",
                )
            )
            lead = (
                f"Ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/{year}, {organiser} {place} tổ chức {event}. "
                f"Dự có {rng.choice(PEOPLE)}."
            )
            self.heads.append((_Text(title), slugify(fold(title))[:150].strip("-"), _Text(lead), theme))
        self.sentences: dict[str, list[_Text]] = {}
        for _ in range(sentences):
            theme, template = rng.choice(SENTENCES)
            text = template.format(
                person=rng.choice(PEOPLE),
                unit=rng.choice(("huyện", "xã", "tỉnh", "phường")) + " " + rng.choice(PLACES),
                period=rng.choice(("6 tháng đầu năm", "năm qua", "quý III", "nhiệm kỳ", "năm 2025")),
                year=rng.randint(2016, 2026),
                n=f"{rng.randint(2, 3500):,}".replace(",", "."),
                m=rng.randint(2, 400),
                k=rng.randint(1, 60),
            )
            self.sentences.setdefault(theme, []).append(_Text(text))

    def story(self, rng: random.Random) -> tuple[str, str, str, str, str]:
        """(title, slug stem, summary, body HTML, search key) of one story of about 1–3 KB."""
        title, stem, lead, theme = rng.choice(self.heads)
        general = self.sentences[""]
        paragraphs = [rng.choices(general, k=rng.randint(2, 4)) for _ in range(rng.randint(3, 6))]
        if theme:
            paragraphs[rng.randrange(len(paragraphs))] += rng.choices(
                self.sentences[theme], k=rng.randint(1, 2)
            )
        body = "".join("<p>" + " ".join(s.text for s in p) + "</p>" for p in paragraphs)
        # As `search_key_of` folds `plain_text(body)`: the paragraphs' words, a space between paragraphs.
        words = " ".join(" ".join(s.folded for s in p) for p in paragraphs)
        return title.text, stem, lead.text, body, f"{title.folded} {lead.folded} {words}"


# --- sites and categories -----------------------------------------------------------------------------------------


@transaction.atomic
def build_sites(commune_sites: int) -> tuple[list[Site], list[Site]]:
    """A site for each open province's first Ban Tuyên giáo và Dân vận (the province itself when it has none) and
    for the first `commune_sites` open communes; their categories."""
    now = timezone.now()
    units = []
    for province in OrgUnit.objects.filter(kind=OrgUnit.Kind.PROVINCE, valid_to__isnull=True).order_by(
        "path"
    ):
        ban = (
            OrgUnit.objects.filter(
                parent=province,
                agency_type=OrgUnit.AgencyType.PROPAGANDA_MOBILISATION,
                valid_to__isnull=True,
            )
            .order_by("pk")
            .first()
        )
        units.append(ban or province)
    province_count = len(units)
    units += OrgUnit.objects.filter(kind=OrgUnit.Kind.COMMUNE, valid_to__isnull=True).order_by("pk")[
        :commune_sites
    ]
    sites = Site.objects.bulk_create(
        Site(
            unit=unit,
            unit_path=unit.path,
            slug=f"{slugify(fold(unit.name))[:45]}-{unit.pk}",
            name=f"Trang thông tin {unit.name}",
            created_at=now,
            updated_at=now,
        )
        for unit in units
    )
    Category.objects.bulk_create(
        Category(site=site, name=name, slug=slugify(fold(name)), position=position)
        for n, site in enumerate(sites)
        for position, name in enumerate(PROVINCE_CATEGORIES if n < province_count else COMMUNE_CATEGORIES)
    )
    return sites[:province_count], sites[province_count:]


# --- the stories --------------------------------------------------------------------------------------------------

COLUMNS = (
    "created_at", "updated_at", "site_id", "category_id", "slug", "title", "summary", "body", "cover_id",
    "cover_caption", "author", "source", "source_url", "status", "origin", "is_hot", "is_featured", "publish_at",
    "expire_at", "rejection_reason", "record_kind", "record_id", "created_by_id", "approved_by_id", "view_count",
    "rating_sum", "rating_count", "search_key", "revision_number",
)  # fmt: skip
DAY = datetime.timedelta(days=1)


def _pick_site(rng: random.Random, busy: Site, provinces: list[Site], communes: list[Site]) -> Site:
    draw = rng.random()
    if draw < BUSY_SHARE:
        return busy
    if draw < BUSY_SHARE + PROVINCES_SHARE and provinces:
        return rng.choice(provinces)
    return rng.choice(communes) if communes else busy


def _state(rng: random.Random, now: datetime.datetime):
    """(status, publish_at, expire_at): most live, some drafts, submitted, returned, withdrawn, scheduled, expired."""
    draw = rng.random()
    published = now - datetime.timedelta(seconds=rng.randint(3600, YEARS * 365 * 86400))
    if draw < 0.84:
        expire = published + rng.randint(400, 4000) * DAY if draw < 0.02 else None
        return Article.Status.PUBLISHED, published, expire if expire is None or expire > now else None
    if draw < 0.88:
        return Article.Status.DRAFT, None, None
    if draw < 0.90:
        return Article.Status.SUBMITTED, None, None
    if draw < 0.91:
        return Article.Status.RETURNED, None, None
    if draw < 0.94:
        return Article.Status.WITHDRAWN, published, None
    if draw < 0.96:
        return Article.Status.PUBLISHED, now + datetime.timedelta(seconds=rng.randint(3600, 60 * 86400)), None
    published = now - rng.randint(60, YEARS * 365) * DAY
    return Article.Status.PUBLISHED, published, published + rng.randint(1, 59) * DAY


def story_rows(count: int, busy: Site, provinces: list[Site], communes: list[Site], seed: int = 13):
    """The stories' rows, in COLUMNS order. The categories are read here, before the rows are drawn: the rows are
    drawn while a COPY holds the connection, which takes no other statement."""
    categories: dict[int, list[tuple[int, str]]] = {}
    for category in Category.objects.order_by("pk"):
        categories.setdefault(category.site_id, []).append((category.pk, category.name))
    return _drawn_rows(count, busy, provinces, communes, categories, random.Random(seed))


def _drawn_rows(count, busy, provinces, communes, categories, rng):
    vocabulary = Vocabulary(rng)
    now = timezone.now()
    origins = (Article.Origin.WRITTEN,) * 8 + (Article.Origin.RECORD, Article.Origin.IMPORTED)
    for i in range(count):
        site = _pick_site(rng, busy, provinces, communes)
        title, stem, summary, body, key = vocabulary.story(rng)
        # A story mentioning "Dân vận khéo" goes to that category half of the time.
        choices = categories[site.pk]
        category_id = (
            choices[1][0] if DAN_VAN_KHEO in title and rng.random() < 0.5 else rng.choice(choices)[0]
        )
        status, publish_at, expire_at = _state(rng, now)
        live = status == Article.Status.PUBLISHED
        created = (publish_at or now) - DAY
        views = rng.randint(0, 6000) if live else 0
        ratings = rng.randint(0, 20) if live else 0
        yield (
            created, created, site.pk, category_id, f"{stem}-{i}", title, summary, body, None, "",
            rng.choice(AUTHORS), "", "", status, rng.choice(origins), live and rng.random() < 0.01,
            live and rng.random() < 0.02, publish_at, expire_at, "", "", None, None, None, views,
            ratings * rng.randint(3, 5), ratings, key, 1,
        )  # fmt: skip


@contextlib.contextmanager
def without_indexes():
    """Drops the stories' own indexes (Meta.indexes and the search index of migration 0002) during the load and
    builds them again after it, with more memory for the build on PostgreSQL."""
    postgres = connection.vendor == "postgresql"
    with connection.schema_editor() as editor:
        for index in Article._meta.indexes:
            editor.remove_index(Article, index)
    if postgres:
        _execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX}")
    yield
    if postgres:
        _execute("SET maintenance_work_mem = '512MB'")
    with connection.schema_editor() as editor:
        for index in Article._meta.indexes:
            editor.add_index(Article, index)
    if postgres:
        _execute(f"CREATE INDEX {SEARCH_INDEX} ON {T_ARTICLE} USING gin (search_vector)")
        _execute("RESET maintenance_work_mem")


def _execute(sql: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def insert_stories(rows) -> None:
    columns = ", ".join(COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {T_ARTICLE} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        adapt = connection.ops.adapt_datetimefield_value
        marks = ", ".join(["%s"] * len(COLUMNS))
        sql = f"INSERT INTO {T_ARTICLE} ({columns}) VALUES ({marks})"
        batch = []
        for row in rows:
            batch.append(tuple(adapt(v) if isinstance(v, datetime.datetime) else v for v in row))
            if len(batch) == 10_000:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def build_stories(count: int, commune_sites: int) -> Site:
    """The sites, their categories and `count` stories; the busy site (the first province's) is returned."""
    provinces, communes = build_sites(commune_sites)
    busy = provinces[0]
    with without_indexes(), transaction.atomic():
        insert_stories(story_rows(count, busy, provinces[1:], communes))
    return busy


def analyze() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in (T_ARTICLE, Category._meta.db_table, Site._meta.db_table):
                cursor.execute(f'VACUUM ANALYZE "{table}"')
        else:
            cursor.execute("ANALYZE")
