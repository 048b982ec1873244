"""Background work of the portal, run by `danvan db_worker` (django-tasks-db); in tests the immediate backend runs
each task as soon as it is enqueued."""

from django.tasks import task

from danvan.portal import media
from danvan.portal.models import Image


@task()
def make_image_renditions(image_id: int) -> None:
    """An uploaded image's renditions: seconds of resizing for a phone's 12-megapixel photo, which the upload does
    not wait for (until they are made, the pages' srcset offers the original)."""
    image = Image.objects.filter(pk=image_id).first()
    if image is not None:  # deleted since
        media.make_renditions(image)
