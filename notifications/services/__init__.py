"""Notifications' business rules.

follows      follow / unfollow, saved searches (the listing's normalised query)
matching     who follows what a published practice or event is about
inbox        notifications: bulk creation, unread counts, marking read
live         the unread count pushed to the member's sockets
triggers     one function per trigger (publish, reply, mention, review, ...)
preferences  e-mail frequency per member and kind
digests      building and queueing the e-mails, once per member and period
unsubscribe  signed one-click unsubscribe links
"""
