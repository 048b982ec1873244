"""The committee's public news site (issue #13): one site per unit that wants one, its categories, topics and
stories under an editorial workflow (draft → review → published, scheduled and expiring, revised), images in
renditions, the unit's documents, links and pages, feeds and findability, and visitor counts that keep no personal
data. A story can start from the work itself (a meeting, an inspection, a recognised model)."""
