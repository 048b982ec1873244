"""Pages of periodic reporting, a module per topic. Thin: forms parse, services write, selectors read."""
