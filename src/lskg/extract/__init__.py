"""Extraction: rules plus reference data, one module per kind of thing found in text.

Extractors take a `SourceText` and the `Reference` (gazetteers and code lists, the one reader of
the reference graph) and return plain mention objects (`extract.model`) that name things by
identity keys and code-list concepts by their IRIs. They build no triples and mint no IRIs:
`graph.builder` turns mentions into triples and `graph.iris.Minter` mints every IRI.
"""
