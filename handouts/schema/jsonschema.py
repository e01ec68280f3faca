"""JSON Schema generated from the models, so editors can autocomplete and underline mistakes.

Each built-in YAML file starts with ``# yaml-language-server: $schema=...`` pointing at one of the
files written by ``handouts schema``; a test keeps the committed files current.
"""

from __future__ import annotations

import datetime as dt
import json
import types
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from .core import model_fields
from .model import is_model

DRAFT = "http://json-schema.org/draft-07/schema#"


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a NamedTuple such as a paper Size
        return getattr(value, "name", None)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    return None


class _Builder:
    def __init__(self) -> None:
        self.definitions: dict[str, Any] = {}

    def type_schema(self, tp: Any) -> dict[str, Any]:
        origin = get_origin(tp)
        if origin is Annotated:
            base, *extras = get_args(tp)
            parser = next((e for e in extras if hasattr(e, "json_schema")), None)
            if parser is None:
                return self.type_schema(base)
            schema = parser.json_schema()
            if type(None) in get_args(base) or base is type(None):
                return {"anyOf": [schema, {"type": "null"}]}
            return schema
        if origin is Union or origin is types.UnionType:
            options = [a for a in get_args(tp) if a is not type(None)]
            schemas = [self.type_schema(a) for a in options]
            if len(options) < len(get_args(tp)):
                schemas.append({"type": "null"})
            return schemas[0] if len(schemas) == 1 else {"anyOf": schemas}
        if origin is Literal:
            return {"enum": list(get_args(tp))}
        if origin is list:
            return {"type": "array", "items": self.type_schema(get_args(tp)[0])}
        if origin is dict:
            return {"type": "object", "additionalProperties": self.type_schema(get_args(tp)[1])}
        if is_model(tp):
            self.model(tp)
            return {"$ref": f"#/definitions/{tp.__name__}"}
        if tp is str:
            return {"type": "string"}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is float:
            return {"type": "number"}
        if tp is dt.date:
            return {"type": "string", "format": "date"}
        raise TypeError(f"no JSON Schema for {tp!r}")

    def model(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name in self.definitions:
            return self.definitions[name]  # type: ignore[no-any-return]
        self.definitions[name] = {}  # placeholder against recursion
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field, tp in model_fields(cls):
            schema = dict(self.type_schema(tp))
            meta = field.metadata
            constraints = {
                "minimum": meta.get("minimum"), "maximum": meta.get("maximum"),
                "minLength": meta.get("min_length"), "maxLength": meta.get("max_length"),
                "pattern": meta.get("pattern"), "minItems": meta.get("min_items"), "maxItems": meta.get("max_items"),
            }
            target = schema
            if schema.get("type") == "array" and any(constraints[k] is not None for k in ("minLength", "maxLength", "pattern")):
                target = schema["items"] = dict(schema["items"])
            for key, value in constraints.items():
                if value is None:
                    continue
                if key in ("minItems", "maxItems"):
                    schema[key] = value
                elif key == "pattern":
                    target[key] = f"^{value}$"
                else:
                    target[key] = value
            if meta.get("unique"):
                schema["uniqueItems"] = True
            if meta.get("doc"):
                schema["description"] = meta["doc"]
            if field.required:
                required.append(field.name)
            else:
                default = _jsonable(field.make_default())
                if default is not None and not isinstance(default, dict):
                    schema["default"] = default
            properties[field.name] = schema
        doc = (cls.__doc__ or "").strip().split("\n")[0]
        definition: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
        if doc:
            definition["description"] = doc
        if required:
            definition["required"] = required
        shorthand = getattr(cls, "__scalar_field__", None)
        if shorthand:  # a plain value stands for that one field
            definition = {"anyOf": [definition, properties[shorthand]], **({"description": doc} if doc else {})}
        self.definitions[name] = definition
        return definition


def json_schema(cls: type, title: str) -> dict[str, Any]:
    builder = _Builder()
    root = builder.model(cls)
    definitions = {k: v for k, v in builder.definitions.items() if k != cls.__name__}
    schema: dict[str, Any] = {"$schema": DRAFT, "title": title, **root}
    if definitions:
        schema["definitions"] = dict(sorted(definitions.items()))
    return schema


def schemas() -> dict[str, dict[str, Any]]:
    """Every schema this project publishes: file name -> schema."""
    from ..figures.pose import Illustration
    from ..models.catalog import Exercise, RegionIntros, Safety
    from ..models.clinic import Clinic
    from ..models.layout import Layout
    from ..models.program import Program

    out = {
        "layout.schema.json": json_schema(Layout, "Handout layout"),
        "exercise.schema.json": json_schema(Exercise, "Exercise catalog entry"),
        "safety.schema.json": json_schema(Safety, "General safety guidance"),
        "regions.schema.json": json_schema(RegionIntros, "Region introductions"),
        "clinic.schema.json": json_schema(Clinic, "Clinic profile"),
        "illustration.schema.json": json_schema(Illustration, "Exercise illustration (pose file)"),
        "program.schema.json": json_schema(Program, "Personal exercise program"),
    }
    return out


def schema_files(folder: Path) -> dict[Path, bytes]:
    """Every JSON Schema as the file it is written to in ``folder``."""
    return {folder / name: (json.dumps(schema, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
            for name, schema in schemas().items()}


def write_schemas(folder: Path) -> list[Path]:
    from ..output import write_all

    return write_all(schema_files(folder))
