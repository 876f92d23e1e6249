"""French identifiers, one module each, in the python-stdnum style.

Every module has the same four functions: ``compact(number)`` (strip separators),
``validate(number)`` (return the compact form or raise an
`InvalidIdentifier` subclass), ``is_valid(number)`` and
``format(number)`` (the usual display form).

* `siren` and `siret` — wrap
  python-stdnum (Luhn, La Poste exception).
* `nir` — stdnum's key check plus the sex-digit and month
  ranges stdnum does not check.
* `pass_iae` — PASS IAE numbers (12 characters).
* `rome` — ROME codes (``[A-N]`` + 4 digits).
"""

from iae_core.identifiers import nir, pass_iae, rome, siren, siret

__all__ = ["nir", "pass_iae", "rome", "siren", "siret"]
