"""dataset.nq, a release's canonical N-Quads: written sorted without holding the dataset
(`canonical`), and read back as bytes, line by line, where a parse would cost too much (`walk`)."""
