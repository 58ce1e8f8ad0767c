"""Business rules of the forums app; views and consumers stay thin."""
