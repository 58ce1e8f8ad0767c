"""Roles are Django groups (created by migration community 0003)."""

MEMBERS = "Members"
EDITORS = "Editors"
MODERATORS = "Moderators"
ORGANISERS = "Organisers"
