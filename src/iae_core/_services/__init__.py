"""The services' private modules.

The entity and checker registry, the Wilson interval, retention, and the pydantic hooks
(wired downward by the package's face).

Nothing here is public: the public names are re-exported by `iae_core` and its modules.
"""
