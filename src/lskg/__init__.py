"""lskg: the Lạng Sơn knowledge graph.

Stages, left to right (a module never imports from a stage to its right):
sources -> text -> extract -> graph -> validate -> store -> web/cli
"""

__version__ = "0.1.0"
