"""Extraction: rules plus reference data, one module per kind of thing found in text.

Extractors take a `SourceText` and the `Reference` (gazetteers and code lists read
from the reference graph) and return plain mention objects (`extract.model`).
They know nothing about RDF; `graph.builder` turns mentions into triples.
"""
