"""French identifiers, one module each, in the python-stdnum style.

Every module has the same four functions: ``compact(number)`` (strip separators),
``validate(number)`` (return the compact form or raise an
:class:`~iae_core.errors.InvalidIdentifier` subclass), ``is_valid(number)`` and
``format(number)`` (the usual display form).

* :mod:`~iae_core.identifiers.siren` and :mod:`~iae_core.identifiers.siret` — wrap
  python-stdnum (Luhn, La Poste exception).
* :mod:`~iae_core.identifiers.nir` — stdnum's key check plus the sex-digit and month
  ranges stdnum does not check.
* :mod:`~iae_core.identifiers.pass_iae` — PASS IAE numbers (12 characters).
* :mod:`~iae_core.identifiers.rome` — ROME codes (``[A-N]`` + 4 digits).
"""

from iae_core.identifiers import nir, pass_iae, rome, siren, siret

__all__ = ["nir", "pass_iae", "rome", "siren", "siret"]
