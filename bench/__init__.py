"""The benchmark suite (issue 6): ``python -m bench`` prints a table and writes JSON."""
