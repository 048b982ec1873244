"""API of the activities: people."""

from ninja import Router

router = Router()
