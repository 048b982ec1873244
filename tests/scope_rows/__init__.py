"""Rows of the scope matrix (tests/test_scope_matrix.py) for the apps that keep theirs in a module of their own, one
per topic: each module has `ROWS` (built with `row`) and `build(world)`, returning the objects its rows name, added to
the matrix's world (the commune Phường Thục Phán and its hamlet, the owner and the other commune's editor, …)."""
