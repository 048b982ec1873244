"""API of the activities: tasks."""

from ninja import Router

router = Router()
