import pytest

from danvan.practices.models import Field


@pytest.fixture
def fields(db):
    """The four standard fields by code: kinh-te, van-hoa-xa-hoi, quoc-phong-an-ninh, xay-dung-he-thong-chinh-tri."""
    return {field.code: field for field in Field.objects.filter(owner__isnull=True)}
