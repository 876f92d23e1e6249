"""A ready HTTP service over iae_core (the `api` extra: FastAPI and uvicorn).

```python
from iae_core.api import create_app

app = create_app()  # then: uvicorn module:app, or `iae-core serve`
```

Routes (each entity by its class name, as `iae_core.schema.entity_classes()` lists them):

* `POST /check/{entity}`: check a document, or a list of documents, of that entity; the
  query gives `on` (default: today in Europe/Paris), `lang` (`fr` or `en`; else the
  `Accept-Language` header; French by default) and the checker's context
  (`structure_kind`, `person`…, as for `iae_core.check`; entities and lists as JSON text).
* `GET /rules`: the rules catalogue, both languages; `GET /params`: every legal parameter
  with its dated rows and sources; `GET /schemas/{entity}`: the JSON Schema of an entity;
  `GET /health`.
* `POST /plan/Contract`, `POST /plan/Approval`, `POST /plan/Immersion` (the person's
  PMSMP agreements in the body, `host_siret` in the query) and `POST /deadlines` (an object
  from entity type names to lists of documents): `iae_core.planning` over HTTP, with the
  same query context as `/check/{entity}` (the planner's own arguments).
* `GET /docs` (Swagger UI) and `GET /redoc` (ReDoc), from files installed with the `api`
  extra: the pages load nothing from another host.

Bad input is a 422 whose body is `{"detail": [...]}`, one item per bad field with its
`loc` (`["body", "contracts", 2, "start"]`, `["query", "on"]`), `type`, `msg` in the
language asked and the `input` unless the field is sensitive or the input holds, at any
depth, a NIR or special-category data. Every error body is JSON, whatever the bytes sent
(a lone surrogate included). The access log (`ACCESS_LOGGER`) writes the method, the route
template, the status and the duration only (`create_app(log_urls=True)` adds paths and
queries: see docs/backend.md, "Privacy and logs"). The OpenAPI document
(`/openapi.json`) lists every entity's schema.

Importing this module imports FastAPI; `import iae_core` does not.
"""

from __future__ import annotations

from iae_core.api._app import ACCESS_LOGGER, ROUTES, Route, create_app

__all__ = ["ACCESS_LOGGER", "ROUTES", "Route", "create_app"]
