"""The back office's forms: they parse the input, the services apply the rules (`articles`: a story, a review
step; `sites`: a site and its furniture; `media`: images and documents)."""
