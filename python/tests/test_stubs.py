"""The type stubs describe the runtime: the same public names, members and parameters."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import dechaff

STUB = Path(dechaff.__file__).with_name("__init__.pyi")


def stub_tree() -> ast.Module:
    return ast.parse(STUB.read_text(encoding="utf-8"))


def public(name: str) -> bool:
    return not name.startswith("_") or name == "__version__"


def stub_names(tree: ast.Module) -> dict[str, ast.AST]:
    names: dict[str, ast.AST] = {}
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names[node.name] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] = node
    return {n: node for n, node in names.items() if public(n)}


def test_every_public_name_in_the_stub_exists_and_the_reverse():
    names = stub_names(stub_tree())
    assert set(names) == {n for n in dechaff.__all__}
    for name, node in names.items():
        value = getattr(dechaff, name)
        if isinstance(node, ast.ClassDef):
            assert inspect.isclass(value), name
        elif isinstance(node, ast.FunctionDef):
            assert callable(value) and not inspect.isclass(value), name


def members(node: ast.ClassDef) -> dict[str, ast.FunctionDef]:
    return {f.name: f for f in node.body if isinstance(f, ast.FunctionDef)}


def parameters(node: ast.FunctionDef) -> list[tuple[str, bool]]:
    """(name, has a default) of each parameter after `self`."""
    args = node.args.args[1:] if node.args.args and node.args.args[0].arg == "self" else node.args.args
    defaults = [False] * (len(args) - len(node.args.defaults)) + [True] * len(node.args.defaults)
    return [(a.arg, d) for a, d in zip(args, defaults)]


def test_class_members_and_signatures_match():
    for name, node in stub_names(stub_tree()).items():
        if not isinstance(node, ast.ClassDef):
            continue
        cls = getattr(dechaff, name)
        declared = members(node)
        runtime = {m for m in dir(cls) if not m.startswith("_")}
        assert runtime == {m for m in declared if not m.startswith("_")}, name
        for member, fn in declared.items():
            attr = inspect.getattr_static(cls, member)
            is_property = any(isinstance(d, ast.Name) and d.id == "property" for d in fn.decorator_list)
            if is_property:
                assert not callable(attr) or hasattr(attr, "__get__") and not inspect.isroutine(attr), (name, member)
                continue
            if member == "__init__":
                signature = inspect.signature(cls)
            elif member in ("__eq__", "__hash__", "__reduce__"):
                assert member in vars(cls) or hasattr(cls, member), (name, member)
                continue
            else:
                signature = inspect.signature(getattr(cls, member))
            got = [
                (p.name, p.default is not inspect.Parameter.empty)
                for p in signature.parameters.values()
                if p.name != "self"
            ]
            assert got == parameters(fn), (name, member, got)


def test_function_signatures_match():
    for name, node in stub_names(stub_tree()).items():
        if isinstance(node, ast.FunctionDef):
            signature = inspect.signature(getattr(dechaff, name))
            assert [(p.name, p.default is not inspect.Parameter.empty) for p in signature.parameters.values()] == parameters(node)


def test_the_package_is_marked_typed():
    assert STUB.with_name("py.typed").is_file()
