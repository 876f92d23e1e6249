"""The kernel's private modules.

Findings and the rules catalogue, the entity base and validation helpers, the words and
numbers people read, paths of data errors, the plug-in slots and the progress seam.

Nothing here is public: the public names are re-exported by `iae_core` and its modules.
"""
