"""Turning extracted mentions into RDF: vocabulary terms, IRIs, the builder."""
