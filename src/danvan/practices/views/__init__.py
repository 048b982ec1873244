"""Pages of the "Dân vận khéo" register, one module per topic. Thin: forms parse, services write, selectors read."""
