"""Counselling's business rules: free times, bookings, e-mails, session rooms."""
