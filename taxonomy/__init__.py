"""What every app shares: the classification terms (sectors, target groups, EQF)."""
