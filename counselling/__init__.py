"""Peer counselling by appointment: counsellors, their weekly hours, bookings,
reminders, and the session's private room.

One home per concern: rooms (open, private, and the ad-hoc private room a member
opens at once with people they invite, /forums/counselling/new/) stay in forums;
counselling owns who counsels when, and the bookings, and opens a forums private
room for a booked session through forums' own service. It sits above forums and
sends ``signals.booking_changed`` for the apps above it (notifications).
"""
