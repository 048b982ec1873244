"""The portal's pages: `editing/` (the back office), `public/` (the sites), `records` ("Viết tin")."""
