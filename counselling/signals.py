"""Signals counselling sends; apps above it (notifications) connect to them.

``booking_changed`` is sent once per change of a booking, after the change is
committed (never for a rolled-back one)::

    booking_changed.send(sender=Booking, booking=booking, change="booked")

``change`` is one of ``CHANGES``:

- ``"booked"``: a member took a free time (``booking`` is the new booking);
- ``"cancelled"``: the member or the counsellor cancelled it;
- ``"rescheduled"``: the member moved it; ``booking`` is the new booking and
  ``previous`` (a keyword argument sent only with this change) the old one, now
  in the state ``rescheduled``;
- ``"declined"``: the counsellor declined it (``booking.decline_reason`` says why).

Receivers run in the request (or task) that made the change; they must not raise
(use ``send_robust`` semantics on their side if they talk to other servers).
"""

from django.dispatch import Signal

CHANGES = ("booked", "cancelled", "rescheduled", "declined")

booking_changed = Signal()  # sender=Booking, booking=..., change=one of CHANGES
