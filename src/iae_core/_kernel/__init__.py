"""The kernel's private modules: findings and the rules catalogue, the entity base and
validation helpers, the words and numbers people read, paths of data errors.

Nothing here is public: the public names are re-exported by `iae_core` and its modules.
"""
