# Models of the search app.
