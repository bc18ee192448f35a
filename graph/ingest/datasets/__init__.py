"""Conflict datasets read as their codebooks mean them: ACLED (:mod:`.acled`) and UCDP GED (:mod:`.ucdp`).

:mod:`.dataset_rows` holds what both share (a row → events, places, actors and
figures, with the row's own source). Part of the ingest layer: may import core,
store, model, write and the rest of ingest.
"""
