"""Training the extraction engine's decision model from the gold files (pure Python, no Django).

Only `manage.py train_extraction_model` uses this package; the engine reads the weights file it writes.
"""
