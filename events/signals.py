"""Signals events sends; apps above it (notifications) connect to them.

``seat_promoted`` is sent once a registration moved from the waiting list into a
seat is committed::

    seat_promoted.send(sender=Registration, registration=registration)
"""

from django.dispatch import Signal

seat_promoted = Signal()
