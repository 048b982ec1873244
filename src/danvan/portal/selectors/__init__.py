"""The portal's reads: `editing` (through the user's scope), `public` (what a visitor may see)."""
