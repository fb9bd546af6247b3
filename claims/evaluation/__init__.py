"""Scoring the extraction engine: the contract's scorer, the tune/check split of the gold files, silver recall.

Pure Python, no Django: the same code serves the management commands, the training command and tests.
"""
