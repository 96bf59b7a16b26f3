"""Offline build pipeline: raw transcription -> ``data/telegrams.json``.

Run it as ``python -m stalin_telegrams.pipeline``. It is never imported by the
runtime package; it may use python-dateutil.
"""
